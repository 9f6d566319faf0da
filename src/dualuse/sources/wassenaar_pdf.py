"""Reader for the official Wassenaar Arrangement list PDF (``WA-LIST (yy) n``).

The PDF is read through pypdfium2's text layer (choice and figures: ``docs/pdf-library.md``): for
every printed line we keep its text, page, the x-position of its first character and, for lines that
start with an item label, the x-position where the wording starts. Running page headers and footers,
page footnotes and the underline rules are dropped before parsing.

The list mixes two ways of printing a code: full codes at the margin (``6. A. 5. d. 1. a.``) and
relative labels (``a.``, ``1.``) whose parent must be inferred. Labels alternate letters and digits
from one level to the next, so a label fits a small set of places in the current path (next sibling
at some level, or first child); when several fit, indentation decides: a child is printed where its
parent's wording starts, a sibling where its sibling's label is. Notes, Technical Notes and N.B.s
become nodes attached to the node they follow (or to the ancestor they name first: "Note 1.A.2.
does not apply ..." after ``1A002.b.2`` belongs to ``1A002``). Items listed inside a note (after a
colon, or numbered like the note's own list) stay in the note's text.

Sections are recognised by the running page header: Dual-Use List categories, Sensitive List, Very
Sensitive List, Munitions List, Definitions, Acronyms, Statements of Understanding.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dualuse.codes import control
from dualuse.errors import DataError, InputError
from dualuse.model import (
    NOTE_SUFFIX,
    Acronym,
    ControlList,
    Definition,
    Edition,
    GeneralNote,
    Node,
)

Progress = Callable[[int, int], None]

LIST_ID_PREFIX = "wassenaar"
PUBLISHER = "Wassenaar Arrangement Secretariat"
# used when the cover page does not give the title (the printed title is read from page 1)
FALLBACK_TITLE = "Wassenaar Arrangement control lists (dual-use goods, munitions)"

# Geometry of the A4 pages (PDF points, origin bottom-left).
_HEADER_Y = 745.0  # running header (title between two rules) lies above this
_FOOTER_Y = 70.0  # "WA-LIST (25) 1 Corr." and "- n - dd-mm-yyyy" lie below this
_MARGIN_X = 110.0  # full codes and list-level headings start left of this
_DEF_TEXT_X = 160.0  # Definitions: category tags left of this, wording right of it
_DEF_TERM = re.compile(
    r'^(?P<tag>(?:(?:Cat|ML|GTN|GSN|GISN|Both)[^"]*?)?)\s*"(?P<term>[^"]+(?:\("[^"]+"\))?)"\s*'
    r'(?P<qual>\((?:[^()"]|"[^"]*")*\))?\s*$')
_DEF_TERM_OPEN = re.compile(
    r'^(?P<tag>(?:(?:Cat|ML|GTN|GSN|GISN|Both)[^"]*?)?)\s*"(?P<term>[^"]{3,})$')
_RELATIVE_ENTRY_X = 125.0  # "2." printed for the next entry of a group (1.D.2.)

# --- line classification ---------------------------------------------------------------------
_SUB = r"(?:[a-z]{1,2}|\d{1,2})\."
DU_CODE = re.compile(
    r"^(?P<cat>\d)\.\s?(?P<grp>[A-E])\.\s?(?P<num>\d{1,3})\.(?P<subs>(?:\s?" + _SUB + r")*)"
    r"(?=\s|$)\s*(?P<rest>.*)$")
DU_GROUP = re.compile(
    r"^(?P<cat>\d)\.\s?(?P<grp>[A-E])\.\s+(?:Part\s*(?P<part>\d)\.\s*)?(?P<rest>[A-Z\"'].*)$")
ML_CODE = re.compile(
    r"^ML\s?(?P<num>\d{1,2})\.(?P<subs>(?:\s?" + _SUB + r")*)(?=\s|$)\s*(?P<rest>.*)$")
ITEM = re.compile(
    r"^(?P<label>[a-z]{1,2}|\d{1,2})\.(?P<more>(?:\s?" + _SUB + r")*)\s+(?P<rest>\S.*)$")
NOTE = re.compile(
    r"^(?P<head>Technical\s+Notes?|Notes?|N\.\s?B\.)(?:\s*(?P<num>\d{1,2})\.?)?"
    r"(?P<colon>\s*:)?(?=\s|$)\s*(?P<rest>.*)$")
_NESTED_NOTE_DX = 10.0  # points right of a note's list item from which a heading is inside it
_NOTE_REST_OK = re.compile(r"^(?:$|[A-Z0-9\"'(‘“]|ML)")
_NONE_HEADING = re.compile(r"^[A-Z][A-Z \"'/,-]+ [-–] None\s*$")
NOT_USED = re.compile(r"^Not used since (?P<year>\d{4})\b")
DECONTROL = re.compile(
    r"\b(?:does|do) not (?:apply|control|release)\b|\bis not controlled\b|\bare not controlled\b"
    r"|\bnot (?:apply|applicable) to\b|\bexcluded from control\b", re.IGNORECASE)
_CODE_REF = re.compile(
    r"^(?:For the purposes? of\s+)?(?P<code>ML\s?\d{1,2}\.(?:" + _SUB
    + r")*|\d\.\s?[A-E]\.(?:\s?\d{1,3}\.(?:" + _SUB + r")*)?)")
_ANY_CODE = re.compile(
    r"(?<![\w.])(?P<code>ML\s?\d{1,2}\.(?:" + _SUB
    + r")*|\d\.\s?[A-E]\.\s?\d{1,3}\.(?:" + _SUB + r")*)")
_CATEGORY_LINE = re.compile(r"^(?P<cat>\d)\.\s+(?P<rest>[A-Z][A-Z ,\"'-]{3,})$")
_SL_CODE = re.compile(r"(?<![\w.])(\d\.[A-E]\.\d{1,3}\.(?:" + _SUB + r")*)")
_YEAR = re.compile(r"WA-LIST \((\d{2})\)\s*(\d+)?\s*(Corr\.)?")
_DATE = re.compile(r"\b(\d{2})-(\d{2})-(\d{4})\b")
_FOOTER = re.compile(r"^(?:WA-LIST \(\d\d\).*|-\s*\d+\s*-\s*(?:\d{2}-\d{2}-\d{4})?|"
                     r"\d{2}-\d{2}-\d{4}\s*(?:-\s*\d+\s*-)?)$")
_RULE = re.compile(r"^_{5,}$")
_CONT = re.compile(r"^.{0,60}\bcont\.?\s*$")


def classify(text: str, x: float = 0.0) -> tuple[str, re.Match[str] | None]:
    """What a printed line is: ``code`` (full DU code at the margin), ``group``, ``ml``, ``note``,
    ``item`` (relative label) or ``text``. ``x`` is the line's indentation in points."""
    s = text.strip()
    if x < _MARGIN_X:
        m = DU_CODE.match(s)
        if m and _alternates(_labels(m.group("subs"))):
            return "code", m
        m = DU_GROUP.match(s)
        if m:
            return "group", m
        m = ML_CODE.match(s)
        if m and _alternates(_labels(m.group("subs"))):
            return "ml", m
        m = _CATEGORY_LINE.match(s)
        if m:
            return "category", m
    m = NOTE.match(s)
    if m and _NOTE_REST_OK.match(m.group("rest")) and not s.startswith("Notes on"):
        return "note", m
    m = ITEM.match(s)
    if m:
        return "item", m
    return "text", None


def _labels(subs: str) -> list[str]:
    return list(re.findall(r"[a-z]{1,2}|\d{1,2}", subs or ""))


def _alternates(labels: list[str]) -> bool:
    return all(lab.isalpha() == (i % 2 == 0) for i, lab in enumerate(labels))


def succ(label: str) -> str:
    """The next label at the same level: ``a`` -> ``b``, ``z`` -> ``aa``, ``aa`` -> ``bb``, ``9`` ->
    ``10``."""
    if label.isdigit():
        return str(int(label) + 1)
    if label == "z":
        return "aa"
    if len(label) == 2:
        c = chr(ord(label[0]) + 1)
        return c + c
    return chr(ord(label) + 1)


def first_label(depth: int) -> str:
    """Depth 1 (just below the entry) is lettered, depth 2 numbered, and so on."""
    return "a" if depth % 2 == 1 else "1"


def place_item(label: str, x: float, path: list[str],
               child_x: list[float]) -> tuple[int, float] | None:
    """Where a relative label goes in the current path.

    ``path`` holds the labels below the entry (``["d", "1"]`` for ``6A005.d.1``); ``child_x[i]`` is
    where children of the node at depth ``i`` are printed (``child_x[0]``: children of the entry).
    Returns ``(depth, error)``: the new item's depth (1 = just below the entry) and how far its
    indentation is from the expected one, or None when the label fits nowhere.
    """
    best: tuple[int, float] | None = None
    cands: list[int] = []
    for j, lab in enumerate(path):
        if lab.isalpha() == label.isalpha() and succ(lab) == label:
            cands.append(j + 1)
    if label == first_label(len(path) + 1):
        cands.append(len(path) + 1)
    for depth in cands:
        err = abs(x - child_x[depth - 1])
        if best is None or err < best[1]:
            best = (depth, err)
    return best


# --- text repair -----------------------------------------------------------------------------
_WORD = re.compile(r"[A-Za-z]+")


class Joiner:
    """Joins printed lines into running text, repairing end-of-line hyphenation with a vocabulary
    of the whole document: ``speci-`` + ``fied`` becomes ``specified`` because ``specified`` is
    printed elsewhere; ``non-`` + ``slapper`` keeps its hyphen."""

    def __init__(self, vocabulary: Iterable[str] = ()):
        self.vocab = Counter(w.lower() for w in vocabulary)

    def join(self, parts: Iterable[str]) -> str:
        out = ""
        for part in parts:
            part = self.fix_inline(part.strip())
            if not part:
                continue
            if not out:
                out = part
            elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].isalpha():
                out = out[:-1] + self._hyphen(out[:-1], part) + part
            elif out.endswith("-") or out.endswith("/"):
                out += part
            else:
                out += " " + part
        return re.sub(r"\s{2,}", " ", out).strip()

    def fix_inline(self, text: str) -> str:
        """pdfium marks a hyphen it joined across a line break with U+FFFE."""
        if "\ufffe" not in text and "\u00ad" not in text:
            return text

        def repl(m: re.Match[str]) -> str:
            return m.group(1) + self._hyphen(m.group(1), m.group(2)) + m.group(2)

        text = re.sub(r"(\S*)[\ufffe\u00ad]\s*(\S*)", repl, text)
        return text.replace("\ufffe", "-").replace("\u00ad", "")

    def _hyphen(self, left: str, right: str) -> str:
        lw = _WORD.findall(left)
        rw = _WORD.findall(right)
        if not lw or not rw:
            return "-"
        joined = (lw[-1] + rw[0]).lower()
        hyphenated = f"{lw[-1]}-{rw[0]}".lower()
        if self.vocab.get(joined, 0) > 0 and self.vocab.get(hyphenated, 0) == 0:
            return ""
        return "-"


# --- the PDF text layer ----------------------------------------------------------------------
@dataclass
class Line:
    page: int
    x: float
    y: float
    text: str
    body_x: float | None = None  # where the wording starts after a leading label
    xs: list[float] | None = None  # per-character x (only on column-layout pages)

    def split_at(self, x: float) -> tuple[str, str]:
        """The text left and right of a column that starts near ``x`` (two-column pages): the
        split is the first character printed at or right of ``x``."""
        if not self.xs:
            return ("", self.text) if self.x >= x else (self.text, "")
        for i, cx in enumerate(self.xs[:len(self.text)]):
            if self.text[i].isspace():
                continue
            prev = max((self.xs[j] for j in range(i) if not self.text[j].isspace()), default=-99.0)
            if cx >= x or (i == 0 and cx >= x - 6 and prev < 0):
                return self.text[:i].strip(), self.text[i:].strip()
        return self.text.strip(), ""


@dataclass
class Page:
    number: int
    header: str
    lines: list[Line]
    footer: str = ""


_LEAD = re.compile(
    r"^\s*(?:(?:\d\.\s?[A-E]\.\s?\d{1,3}\.(?:\s?" + _SUB + r")*)|(?:ML\s?\d{1,2}\.(?:\s?" + _SUB
    + r")*)|(?:[a-z]{1,2}|\d{1,2})\.)\s+")
_COLUMN_HEADERS = ("DEFINITIONS", "Acronyms and Abbreviations")


def read_pages(path: Path, progress: Progress | None = None) -> list[Page]:
    """Every page's printed lines (headers, footers, footnotes and rules removed)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    from dualuse.sources import pdfguard

    pdfguard.check_pdf(path)  # size, filters, decompression: before pdfium reads anything
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise InputError(f"{str(path)!r}: not a readable PDF ({exc})", value=str(path)) from None
    pages: list[Page] = []
    try:
        total = len(doc)
        pdfguard.check_pages(path, total)
        for i in range(total):
            page = doc[i]
            tp = page.get_textpage()
            try:
                pages.append(_read_page(i + 1, tp))
            finally:
                tp.close()
                page.close()
            if progress is not None:
                progress(i + 1, total)
    finally:
        doc.close()
    return pages


def _read_page(number: int, tp: object) -> Page:
    n = tp.count_chars()  # type: ignore[attr-defined]
    s = tp.get_text_range(0, n)  # type: ignore[attr-defined]
    raw: list[Line] = []
    start = 0
    for m in re.finditer(r"\r\n|\r|\n|$", s):
        seg = s[start:m.start()]
        pos = start
        start = m.end()
        stripped = seg.strip()
        if not stripped:
            if m.end() == len(s):
                break
            continue
        k = len(seg) - len(seg.lstrip())
        left, bottom, _r, _t = tp.get_charbox(pos + k)  # type: ignore[attr-defined]
        line = Line(number, round(left, 1), round(bottom, 1), seg)
        lead = _LEAD.match(seg)
        if lead and pos + lead.end() < n:
            line.body_x = round(tp.get_charbox(pos + lead.end())[0], 1)  # type: ignore[attr-defined]
        line._span = (pos + k, len(seg) - k)  # type: ignore[attr-defined]
        raw.append(line)
        if m.end() == len(s):
            break
    header_parts = [ln.text.strip() for ln in raw
                    if ln.y > _HEADER_Y and not _RULE.match(ln.text.strip())]
    header = " ".join(header_parts)
    footer = " ".join(ln.text.strip() for ln in raw
                      if ln.y < _FOOTER_Y and _FOOTER.match(ln.text.strip()))
    body = [ln for ln in raw
            if ln.y <= _HEADER_Y and not (ln.y < _FOOTER_Y and _FOOTER.match(ln.text.strip()))]
    # a rule low on the page opens a footnote: drop it and everything printed below it
    cut = [ln.y for ln in body if _RULE.match(ln.text.strip()) and ln.y < 400]
    if cut:
        body = [ln for ln in body if ln.y > max(cut) + 0.5]
    body = [ln for ln in body if not _RULE.match(ln.text.strip())]
    if any(h in header for h in _COLUMN_HEADERS):
        for ln in body:
            pos, size = ln._span  # type: ignore[attr-defined]
            ln.xs = [tp.get_charbox(pos + j)[0] for j in range(size)]  # type: ignore[attr-defined]
    # superscripts make pdfium break a printed line: glue the pieces back
    merged: list[Line] = []
    for ln in body:
        prev = merged[-1] if merged else None
        if prev is not None and abs(prev.y - ln.y) < 4.5 and ln.x > prev.x + 20:
            glue = "" if not ln.text.startswith(" ") else " "
            if prev.xs is not None and ln.xs is not None:
                left = prev.text.rstrip()
                prev.xs = prev.xs[:len(left)] + ([ln.x] if glue else []) + ln.xs
                prev.text = left + glue + ln.text.strip()
            else:
                prev.text = prev.text.rstrip() + glue + ln.text.strip()
            continue
        merged.append(ln)
    for ln in merged:
        ln.text = ln.text.strip()
    return Page(number, header, merged, footer)


# --- building the tree -----------------------------------------------------------------------
@dataclass
class _Draft:
    code: str
    kind: str
    parent: str | None
    x: float
    body_x: float
    parts: list[str] = field(default_factory=list)
    child_x: float | None = None
    not_used_since: str | None = None
    labels: tuple[str, ...] = ()
    header: str = ""  # notes: "Technical Notes", "Note", ...
    items: list[tuple[str, float]] = field(default_factory=list)  # notes: their own list labels


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, _Draft] = {}
        self.current: _Draft | None = None  # last main node (group / entry / sub-item)
        self.note: _Draft | None = None
        self.note_counts: Counter[tuple[str, str]] = Counter()
        self.problems: list[str] = []
        self.category_titles: dict[str, list[str]] = {}

    # -- nodes
    def ensure(self, code: str, kind: str, x: float, body_x: float) -> _Draft:
        parsed = control.parse(code)
        parent = parsed.parent()
        pcode = parent.compact() if parent else None
        if pcode is not None and pcode not in self.nodes:
            self.problems.append(f"{code}: parent {pcode} not printed before it")
            pk = parent.level if parent else "category"
            self.ensure(pcode, pk, x, body_x)
        d = self.nodes.get(code)
        if d is None:
            d = _Draft(code, kind, pcode, x, body_x, labels=parsed.subitems)
            self.nodes[code] = d
        return d

    def start_main(self, code: str, kind: str, x: float, body_x: float, rest: str) -> None:
        self.end_note()
        if kind != "group" and _NONE_HEADING.match(rest):  # "6. C. 1. ACOUSTICS - None"
            return
        existed = code in self.nodes
        d = self.ensure(code, kind, x, body_x)
        if existed and kind in ("entry", "sub-item"):
            self.problems.append(f"{code}: printed twice")
        self._set_text(d, rest)
        self.current = d

    def _set_text(self, d: _Draft, rest: str) -> None:
        m = NOT_USED.match(rest)
        if m:
            d.not_used_since = m.group("year")
        if rest:
            d.parts.append(rest)

    def entry_of(self, d: _Draft) -> _Draft | None:
        node = d
        while node.kind == "sub-item":
            node = self.nodes[node.parent]  # type: ignore[index]
        return node if node.kind == "entry" else None

    def _place_multi(self, labels: list[str], chain: list[_Draft]) -> tuple[int, float] | None:
        """``c. 2.`` printed below ``1C007.c.1.b.2``: a partial code from some depth down."""
        for depth in range(1, len(chain) + 1):
            if labels[0].isalpha() != (depth % 2 == 1):
                continue
            base = chain[depth - 1].code
            parent = ".".join([base, *labels[:-1]])
            if parent in self.nodes and ".".join([parent, labels[-1]]) not in self.nodes:
                return depth, 0.0
        return None

    def place_relative(self, label: str, x: float, body_x: float | None, rest: str,
                       *, dry: bool = False,
                       more: tuple[str, ...] = ()) -> tuple[int, float] | None:
        if self.current is None:
            return None
        entry = self.entry_of(self.current)
        if entry is None:
            # the first entry of a group may be printed as a bare number ("1." after "2. D.")
            cur = self.current
            if cur.kind == "group" and label.isdigit() and not more:
                code = f"{cur.code}{int(label):03d}"
                if code in self.nodes:
                    return None
                if not dry:
                    self.start_main(code, "entry", x,
                                    body_x if body_x is not None else x + 20, rest)
                return 0, 0.0
            return None
        chain: list[_Draft] = []
        node = self.current
        while node is not entry:
            chain.append(node)
            node = self.nodes[node.parent]  # type: ignore[index]
        chain.append(entry)
        chain.reverse()  # entry, depth1, depth2, ...
        path = [c.labels[-1] for c in chain[1:]]
        child_x = [c.child_x if c.child_x is not None else c.body_x for c in chain]
        labels = [label, *more]
        if more:
            placed = self._place_multi(labels, chain)
        else:
            placed = place_item(label, x, path, child_x)
            num = control.parse(entry.code).number
            if (label.isdigit() and num is not None and int(label) == num + 1
                    and not entry.code.startswith("ML")):
                err = abs(x - _RELATIVE_ENTRY_X)
                if placed is None or err < placed[1]:
                    placed = (0, err)
        if placed is None or dry:
            return placed
        depth, _err = placed
        if depth == 0:
            code = entry.code[:2] + f"{int(label):03d}"
            self.start_main(code, "entry", x, body_x if body_x is not None else x + 20, rest)
            return placed
        parent = chain[depth - 1]
        if more:
            parent = self.nodes[".".join([chain[depth - 1].code, *labels[:-1]])]
            label = labels[-1]
        code = f"{parent.code}.{label}"
        if parent.child_x is None:
            parent.child_x = x
        if code in self.nodes:
            self.problems.append(f"{code}: printed twice")
        d = self.ensure(code, "sub-item", x, body_x if body_x is not None else x + 20)
        self._set_text(d, rest)
        self.current = d
        return placed

    # -- notes
    def start_note(self, m: re.Match[str], x: float) -> None:
        head = re.sub(r"\s+", " ", m.group("head"))
        open_note = self.note
        if open_note is not None and self._wrapped_word(open_note, m):
            # "...of the Cryptography" / "Note (Note 3 in ...": the word Note wrapped mid-sentence
            open_note.parts.append(f"{head} {m.group('rest')}".rstrip())
            return
        if open_note is not None and self._nested(open_note, head, x):
            # a Technical Note printed inside a sub-list of an open note (6A003.b.4.b's Note 3,
            # within its b.1): part of that note, whose list goes on after it
            open_note.parts.append(f"{head}: {m.group('rest')}".rstrip())
            return
        same_target = (open_note is not None and open_note.kind == "note" and head == "Note"
                       and bool(open_note.items) and x > open_note.items[0][1] + _NESTED_NOTE_DX)
        self.end_note()
        if self.current is None:
            self.problems.append(f"note before any node: {m.group(0)[:40]!r}")
            return
        kind = ("technical-note" if head.startswith("Technical") else
                "nb" if head.startswith("N.") else "note")
        rest = m.group("rest")
        # a Note indented into the list of the note just closed speaks of that note's node
        target = (self.nodes[open_note.parent] if same_target and open_note is not None
                  and open_note.parent in self.nodes else self.attach_to(x, rest, kind))
        self.note_counts[(target.code, kind)] += 1
        code = f"{target.code}#{NOTE_SUFFIX[kind]}{self.note_counts[(target.code, kind)]}"
        self.note = _Draft(code, kind, target.code, x, x, header=head)
        if rest:
            self.note.parts.append(rest)

    @staticmethod
    def _wrapped_word(note: _Draft, m: re.Match[str]) -> bool:
        """A line starting with the word "Note" inside an open note's sentence (no number, no
        colon, a parenthesis next, the note's text not at a full stop) is text, not a heading."""
        text = " ".join(note.parts).rstrip()
        return (not m.group("num") and not m.group("colon") and m.group("rest").startswith("(")
                and bool(text) and text[-1] not in ".:;")

    @staticmethod
    def _nested(note: _Draft, head: str, x: float) -> bool:
        """A Technical Note or N.B. heading printed inside an open note's list (indented right
        of the list's first item), as within 6A003.b.4.b's Note 3 or 5A002.a's Note 2."""
        if note.kind != "note" or head == "Note" or not note.items:
            return False
        return x > note.items[0][1] + _NESTED_NOTE_DX

    def attach_to(self, x: float, text: str, kind: str) -> _Draft:
        """The node a note belongs to: the one it names first (within the current entry), else
        the deepest open node whose wording starts at or left of the note."""
        assert self.current is not None
        chain = [self.nodes[c] for c in self._chain(self.current)]
        target = next((d for d in chain if d.body_x <= x + 6), self.current)
        ref = _CODE_REF.match(text)
        if ref is None and kind != "nb":
            ref = _ANY_CODE.search(text[:160])
        if ref is not None:
            try:
                code = control.normalise(ref.group("code"))
            except Exception:  # a malformed reference is no reference
                return target
            if code in self.nodes and self.nodes[code].kind not in ("note", "technical-note", "nb"):
                same_entry = control.entry_level(code) == control.entry_level(self.current.code)
                if same_entry or code in (d.code for d in chain):
                    return self.nodes[code]
        return target

    def _chain(self, d: _Draft) -> list[str]:
        out = [d.code]
        while d.parent is not None:
            d = self.nodes[d.parent]
            out.append(d.code)
        return out

    def end_note(self) -> None:
        if self.note is not None:
            self.nodes[self.note.code] = self.note
            self.note = None

    def note_takes_item(self, label: str, x: float) -> str:
        """Does a relative label belong to the open note's own list? ``strong`` when it continues
        a list the note already has, ``weak`` when it can open one, else ``""``."""
        note = self.note
        assert note is not None
        text = " ".join(note.parts).rstrip()
        for lab, lx in reversed(note.items):
            if lab.isalpha() == label.isalpha() and abs(lx - x) < 8:
                if succ(lab) == label:  # the list at this indentation goes on
                    return "strong"
                break
        if label in ("a", "1") and (text.endswith(":") or (not text and note.header.endswith("s"))):
            return "weak"
        return ""

    # -- lines
    def feed(self, line: Line) -> None:
        kind, m = classify(line.text, line.x)
        if kind == "code":
            assert m is not None
            code = f"{m['cat']}{m['grp']}{int(m['num']):03d}"
            labels = _labels(m["subs"])
            if labels:
                code += "." + ".".join(labels)
            self.start_main(code, "sub-item" if labels else "entry", line.x,
                            line.body_x or line.x + 55, m["rest"])
            return
        if kind == "ml":
            assert m is not None
            labels = _labels(m["subs"])
            code = f"ML{int(m['num'])}" + ("." + ".".join(labels) if labels else "")
            if "ML" not in self.nodes:
                self.nodes["ML"] = _Draft("ML", "category", None, line.x, line.x,
                                          ["MUNITIONS LIST"])
            self.start_main(code, "sub-item" if labels else "entry", line.x,
                            line.body_x or line.x + 40, m["rest"])
            return
        if kind == "category":
            assert m is not None
            self.end_note()
            cat = m["cat"]
            if cat not in self.nodes:
                self.nodes[cat] = _Draft(cat, "category", None, line.x, line.x, [m["rest"]])
            self.current = self.nodes[cat]
            return
        if kind == "group":
            assert m is not None
            cat, grp = m["cat"], m["grp"]
            if cat not in self.nodes:
                titles = self.category_titles.get(cat, [])
                self.nodes[cat] = _Draft(cat, "category", None, line.x, line.x, list(titles[:1]))
            code = cat + grp
            existed = code in self.nodes
            self.start_main(code, "group", line.x, line.x, "" if existed else m["rest"])
            return
        if kind == "note":
            assert m is not None
            self.start_note(m, line.x)
            return
        if kind == "item":
            assert m is not None
            label, rest = m["label"], m["rest"]
            more = tuple(_labels(m["more"]))
            if more:
                if _alternates([label, *more]) and self.place_relative(
                        label, line.x, line.body_x, rest, more=more, dry=True):
                    self.end_note()
                    self.place_relative(label, line.x, line.body_x, rest, more=more)
                    return
                if self.note is None and self.current is not None:
                    self.problems.append(f"p{line.page}: unplaced item {line.text[:50]!r} "
                                         f"after {self.current.code}")
                kind = "text"
            if kind == "text":
                pass
            elif self.note is not None:
                main = self.place_relative(label, line.x, line.body_x, rest, dry=True)
                takes = self.note_takes_item(label, line.x)
                main_ok = main is not None and main[1] < 8
                # an item after a short N.B. that cannot open a list of its own (ML10.a)
                main_ok = main_ok or (not takes and main is not None and main[1] < 25
                                      and self.note.kind == "nb" and label in ("a", "1")
                                      and self.note.parts[-1:] != [""]
                                      and not " ".join(self.note.parts).rstrip().endswith(":"))
                if takes == "strong" or (takes == "weak"
                                         and not (main_ok and line.x < self.note.x - 10)):
                    self.note.items.append((label, line.x))
                    self.note.parts.append(line.text)
                    return
                if main_ok:
                    self.end_note()
                    self.place_relative(label, line.x, line.body_x, rest)
                    return
                self.note.parts.append(line.text)
                return
            else:
                placed = self.place_relative(label, line.x, line.body_x, rest, dry=True)
                if placed is not None and placed[1] < 25:
                    self.place_relative(label, line.x, line.body_x, rest)
                    return
            if self.current is not None and kind != "text":
                self.problems.append(f"p{line.page}: unplaced item {line.text[:50]!r} "
                                     f"after {self.current.code}")
        # plain text: continuation of the open note or node
        if self.note is not None:
            self.note.parts.append(line.text)
        elif self.current is not None:
            self.current.parts.append(line.text)


# --- sections --------------------------------------------------------------------------------
def _section(header: str) -> str:
    h = header.upper()
    if "VERY SENSITIVE LIST" in h:
        return "vsl"
    if "SENSITIVE LIST" in h:
        return "sl"
    if "MUNITIONS LIST" in h:
        return "ml"
    if "ACRONYMS" in h:
        return "acronyms"
    if "STATEMENTS OF UNDERSTANDING" in h:
        return "sou"
    if "DEFINITIONS" in h:
        return "definitions"
    if "DUAL-USE LIST" in h:
        return "du"
    return "front"


_CAT_HEADER = re.compile(r"CATEGORY\s+(\d)\s*[-–]\s*(?:PART\s*(\d)\s*[-–]\s*)?(.+)$")
_GENERAL_HEADS = {
    "GENERAL TECHNOLOGY NOTE": ("GTN", "General Technology Note"),
    "GENERAL SOFTWARE NOTE": ("GSN", "General Software Note"),
    'GENERAL "INFORMATION SECURITY" NOTE': ("GISN", 'General "Information Security" Note'),
}


class _Sections:
    """Collects general notes, annexes, definitions, acronyms and SL/VSL membership."""

    def __init__(self) -> None:
        self.general: list[tuple[str, str, list[str]]] = []
        self.sl: set[str] = set()
        self.vsl: set[str] = set()
        self.definitions: list[tuple[str, list[str], list[str]]] = []  # term, tags, parts
        self.acronyms: list[tuple[str, list[str]]] = []
        self.acr_split: float | None = None
        self.def_started = False
        self.term_open = False
        self.last_y: float | None = None
        self.last_page = 0

    def open_general(self, code: str, title: str) -> list[str]:
        parts: list[str] = []
        self.general.append((code, title, parts))
        return parts

    def list_line(self, line: Line, target: set[str]) -> None:
        if line.x >= _MARGIN_X:
            return
        text = line.text
        if not _SL_CODE.match(text):
            return
        m = re.match(r"^((?:\d\.[A-E]\.\d{1,3}\.(?:" + _SUB + r")*\s*(?:&|,|and)?\s*)+)", text)
        if not m:
            return
        for code in _SL_CODE.findall(m.group(1)):
            target.add(control.normalise(code))

    def definition_line(self, line: Line) -> None:
        gap = ((self.last_y - line.y)
               if (self.last_y is not None and self.last_page == line.page) else 99.0)
        self.last_y, self.last_page = line.y, line.page
        if self.term_open:
            name, tags, parts = self.definitions[-1]
            tail = line.text.strip()
            self.term_open = not tail.endswith('"')
            self.definitions[-1] = (f"{name} {tail.rstrip(chr(34))}".strip(), tags, parts)
            return
        opened = _DEF_TERM_OPEN.match(line.text)
        if opened and gap > 16:
            self.def_started = self.term_open = True
            tag = opened["tag"].strip()
            self.definitions.append((opened["term"].strip(), [tag] if tag else [], []))
            return
        term = _DEF_TERM.match(line.text)
        if term and gap > 16:
            name = term["term"] + (f" {term['qual']}" if term["qual"] else "")
            self.def_started = True
            tag = term["tag"].strip()
            self.definitions.append((name, [tag] if tag else [], []))
            return
        tag, text = line.split_at(_DEF_TEXT_X)
        if not self.def_started:
            return
        if tag:
            self.definitions[-1][1].append(tag)
        if text:
            self.definitions[-1][2].append(text)

    def acronym_line(self, line: Line) -> None:
        if line.text.startswith("ACRONYM OR") and line.xs:
            i = line.text.find("MEANING")
            self.acr_split = line.xs[i] - 2 if i >= 0 else None
            return
        if self.acr_split is None or line.text.startswith("ABBREVIATION"):
            return
        abbr, text = line.split_at(self.acr_split)
        if abbr:
            self.acronyms.append((abbr, [text] if text else []))
        elif self.acronyms and text:
            self.acronyms[-1][1].append(text)


def parse_pages(pages: list[Page]) -> tuple[_Builder, _Sections, Joiner]:
    vocab: list[str] = []
    for p in pages:
        for ln in p.lines:
            vocab.extend(re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", ln.text.replace("\ufffe", " ")))
    # count hyphenated words as units and their parts as words
    words = []
    for w in vocab:
        words.append(w)
    joiner = Joiner(words)
    b = _Builder()
    sec = _Sections()
    general: list[str] | None = None
    mode = "list"
    for page in pages:
        section = _section(page.header)
        if section == "du":
            m = _CAT_HEADER.search(page.header)
            if m:
                title = m.group(3).strip()
                if m.group(2):
                    title = f"Part {m.group(2)} - {title}"
                titles = b.category_titles.setdefault(m.group(1), [])
                if title not in titles:
                    titles.append(title)
        for line in page.lines:
            text = line.text
            if section == "front":
                continue
            if section in ("sl", "vsl"):
                b.end_note()
                sec.list_line(line, sec.sl if section == "sl" else sec.vsl)
                continue
            if section == "definitions":
                b.end_note()
                if "STATEMENTS OF UNDERSTANDING" in text.upper():
                    continue
                sec.definition_line(line)
                continue
            if section == "acronyms":
                sec.acronym_line(line)
                continue
            if section == "sou":
                if general is None or mode != "sou":
                    general = sec.open_general("SOU",
                                               "Statements of Understanding and Validity Notes")
                    mode = "sou"
                general.append(text)
                continue
            # Dual-Use List and Munitions List bodies
            kind, m = classify(text, line.x)
            upper = text.upper().strip()
            if upper in _GENERAL_HEADS:
                code, title = _GENERAL_HEADS[upper]
                general, mode = sec.open_general(code, title), "general"
                continue
            if section == "du" and general is None and b.current is None and mode == "list":
                general, mode = (sec.open_general("DU-NOTES", "Notes to the Dual-Use List"),
                                 "general")
            if (section == "ml" and mode != "general-ml" and "ML" not in b.nodes
                    and kind != "ml"):
                if general is None or mode != "general-ml":
                    general, mode = (sec.open_general("ML-NOTES",
                                                      "General Notes to the Munitions List"),
                                     "general-ml")
                general.append(text)
                continue
            if (upper.startswith("PART 2") and "INFORMATION SECURITY" in upper
                    and line.x < _MARGIN_X):
                b.end_note()
                general, mode = (sec.open_general(
                    "5P2-NOTES", 'Category 5 - Part 2 "Information Security": notes'), "5p2")
                continue
            if (mode == "5p2" and kind == "note" and m is not None and m.group("head") == "Note"
                    and m.group("num")):
                num = m.group("num")
                rest = m.group("rest")
                title = f"Category 5 - Part 2, Note {num}" + (f": {rest}" if num == "3" else "")
                code = "CRYPTOGRAPHY-NOTE" if num == "3" else f"5P2-NOTE{num}"
                general = sec.open_general(code, title)
                if num != "3" and rest:
                    general.append(rest)
                continue
            if mode == "5p2" and text.startswith("Note to the Cryptography Note"):
                general = sec.open_general("CRYPTOGRAPHY-NOTE-NOTE",
                                           "Note to the Cryptography Note")
                continue
            if upper == "ANNEX" or (upper.startswith("TABLE - DEPOSITION TECHNIQUES")
                                    and mode != "annex"):
                b.end_note()
                if upper == "ANNEX":
                    general = sec.open_general(f"{_cat_of(b)}-ANNEX",
                                               f"Annex to Category {_cat_of(b)}")
                else:
                    general = sec.open_general(f"{_cat_of(b)}-TABLE",
                                               "Table - Deposition techniques")
                mode = "annex"
                continue
            if kind in ("code", "group", "ml", "category"):
                if mode == "general-ml":
                    mode = "list"
                if mode in ("general", "5p2", "annex", "general-ml") and kind != "ml":
                    mode = "list"
                general = None if mode == "list" else general
                mode = "list"
            if mode in ("general", "5p2", "annex", "general-ml") and general is not None:
                general.append(text)
                continue
            if kind == "text" and _CONT.match(text):  # a note's heading repeated, "... cont."
                continue
            if kind == "text" and _is_subheading(text, line.x) and b.note is None:
                continue
            b.feed(line)
    b.end_note()
    return b, sec, joiner


def _cat_of(b: _Builder) -> str:
    return b.current.code[0] if b.current is not None else "0"


def _is_subheading(text: str, x: float) -> bool:
    """Capitalised headings inside a group (``CRYPTOGRAPHIC "INFORMATION SECURITY"``)."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    return (x < 200 and len(letters) >= 5 and letters.isupper() and not re.search(r"\d", text)
            and not text.rstrip().endswith((",", ";")))


# --- public entry point ----------------------------------------------------------------------
def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def edition_facts(pages: list[Page]) -> tuple[str, str, dt.date]:
    """(year yyyy, data version, date) from the cover and the running footers."""
    text = " ".join(ln.text for p in pages[:3] for ln in p.lines) + " " + \
        " ".join(p.footer for p in pages[:5])
    m = _YEAR.search(text)
    if not m:
        raise DataError("not a Wassenaar list: no 'WA-LIST (yy)' reference on the first pages",
                        value="WA-LIST", system="wassenaar-pdf")
    year = f"20{m.group(1)}"
    corr = bool(m.group(3)) or "Corr." in text
    dates = Counter(_DATE.findall(" ".join(p.footer for p in pages)))
    if dates:
        d, mo, y = dates.most_common(1)[0][0]
        date = dt.date(int(y), int(mo), int(d))
    else:
        date = dt.date(int(year), 12, 31)
    return year, f"{year} Corr." if corr else year, date


def read_pdf(path: str | Path, *, progress: Progress | None = None) -> ControlList:
    """The whole official list as a ``ControlList`` (``edition.kind == "official"``)."""
    p = Path(path)
    pages = read_pages(p, progress)
    year, version, date = edition_facts(pages)
    b, sec, joiner = parse_pages(pages)
    return _assemble(p, year, version, date, b, sec, joiner, cover_title(pages))


def cover_title(pages: list[Page]) -> str:
    """The title printed on the cover page: the lines from the one starting "List of" down to the
    compiler's line ("Compiled by ...") or the edition year."""
    if not pages:
        return FALLBACK_TITLE
    lines = [ln.text.strip() for ln in pages[0].lines]
    start = next((i for i, t in enumerate(lines) if t.lower().startswith("list of")), None)
    if start is None:
        return FALLBACK_TITLE
    out: list[str] = []
    for t in lines[start:start + 6]:
        if t.lower().startswith("compiled") or re.match(r"^(19|20)\d\d\b", t):
            break
        out.append(t)
    return " ".join(out) or FALLBACK_TITLE


def _assemble(p: Path, year: str, version: str, date: dt.date, b: _Builder, sec: _Sections,
              joiner: Joiner, title: str = FALLBACK_TITLE) -> ControlList:
    edition = Edition(
        id=f"{LIST_ID_PREFIX}-{year}", kind="official", regime="wassenaar", publisher=PUBLISHER,
        title=title, date=date, language="en", data_version=version, source_file=p.name,
        source_sha256=_sha256(p), source_url="https://www.wassenaar.org/control-lists/")
    nodes: list[Node] = []
    for pos, d in enumerate(b.nodes.values()):
        text = joiner.join(d.parts) or None
        decontrol = bool(d.kind == "note" and text and DECONTROL.search(text))
        nodes.append(Node(
            code=d.code, kind=d.kind, parent=d.parent, position=pos,
            text=text, not_used_since=d.not_used_since if d.kind in ("entry", "sub-item") else None,
            sensitive=d.code in sec.sl, very_sensitive=d.code in sec.vsl, decontrol=decontrol))
    general = tuple(GeneralNote(code=c, title=t, text=joiner.join(parts))
                    for c, t, parts in sec.general if parts)
    definitions = [Definition(term=t, quote="double", text=_def_text(tags, parts, joiner))
                   for t, tags, parts in sec.definitions]
    definitions.extend(_single_quoted(nodes))
    acronyms = tuple(Acronym(abbr=a, expansion=joiner.join(parts))
                     for a, parts in sec.acronyms if parts)
    return ControlList(edition=edition, nodes=tuple(nodes), general_notes=general,
                       definitions=tuple(definitions), acronyms=acronyms)


def _def_text(tags: list[str], parts: list[str], joiner: Joiner) -> str:
    text = joiner.join(parts)
    tag = " ".join(t.strip() for t in tags if t.strip())
    return f"[{tag}] {text}" if tag else text


_LOCAL_DEF = re.compile(
    r"(?:^|[.:;]\s+|\d\.\s+)(?:For the purposes of [^,]{1,80},\s*)?(?:an?\s+|the\s+)?'([^']{2,80})'"
    r"\s+(?:is|are|means|refers to|is defined as|are defined as)\b", re.IGNORECASE)
_LOCAL_DEF_COLON = re.compile(r"(?:^|\d\.\s+)'([^']{2,80})':\s+")


def _single_quoted(nodes: list[Node]) -> list[Definition]:
    """'Single-quoted' terms defined in technical notes, scoped to the node the note is on."""
    out: list[Definition] = []
    seen: set[tuple[str, str]] = set()
    for n in nodes:
        if n.kind != "technical-note" or not n.text:
            continue
        for rx in (_LOCAL_DEF, _LOCAL_DEF_COLON):
            for m in rx.finditer(n.text):
                term = m.group(1).strip()
                key = (term.lower(), n.parent or "")
                if key in seen:
                    continue
                seen.add(key)
                out.append(Definition(term=term, quote="single", scope=n.parent, text=n.text))
    return out


def parse_diagnostics(path: str | Path) -> list[str]:
    """What the parser could not place (for development and tests)."""
    pages = read_pages(Path(path))
    b, _sec, _j = parse_pages(pages)
    return b.problems
