"""The tree of the Wassenaar list built line by line: entries and sub-items placed from full codes
or relative labels (indentation decides between the places a label fits), and Notes, Technical
Notes and N.B.s attached to the node they follow or the one they name."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dualuse.codes import control
from dualuse.model import NOTE_SUFFIX
from dualuse.sources.wassenaar_lines import (
    _SUB,
    _alternates,
    _labels,
    classify,
    place_item,
    succ,
)
from dualuse.sources.wassenaar_pages import Line

# Geometry of the A4 pages (PDF points, origin bottom-left).
_RELATIVE_ENTRY_X = 125.0  # "2." printed for the next entry of a group (1.D.2.)
_NESTED_NOTE_DX = 10.0  # points right of a note's list item from which a heading is inside it
_NONE_HEADING = re.compile(r"^[A-Z][A-Z \"'/,-]+ [-–] None\s*$")
NOT_USED = re.compile(r"^Not used since (?P<year>\d{4})\b")
_CODE_REF = re.compile(
    r"^(?:For the purposes? of\s+)?(?P<code>ML\s?\d{1,2}\.(?:" + _SUB
    + r")*|\d\.\s?[A-E]\.(?:\s?\d{1,3}\.(?:" + _SUB + r")*)?)")
_ANY_CODE = re.compile(
    r"(?<![\w.])(?P<code>ML\s?\d{1,2}\.(?:" + _SUB
    + r")*|\d\.\s?[A-E]\.\s?\d{1,3}\.(?:" + _SUB + r")*)")


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
