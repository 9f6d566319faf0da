"""What a printed line of the Wassenaar list is (a full code at the margin, a group, an ML entry,
a category, a note heading, a relative item label, or text), where a relative label fits in the
current path, and how printed lines join into running text (end-of-line hyphens repaired)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

# Geometry of the A4 pages (PDF points, origin bottom-left).
_MARGIN_X = 110.0  # full codes and list-level headings start left of this

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
_NOTE_REST_OK = re.compile(r"^(?:$|[A-Z0-9\"'(‘“]|ML)")
_CATEGORY_LINE = re.compile(r"^(?P<cat>\d)\.\s+(?P<rest>[A-Z][A-Z ,\"'-]{3,})$")


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
