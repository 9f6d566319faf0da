"""The parts of the Wassenaar list outside the tree of entries, by running page header: general
notes and annexes, the Sensitive and Very Sensitive Lists, Definitions (double-quoted terms), local
single-quoted definitions in Technical Notes, and Acronyms."""

from __future__ import annotations

import re

from dualuse.codes import control
from dualuse.model import Definition, Node
from dualuse.sources.wassenaar_lines import _MARGIN_X, _SUB, Joiner
from dualuse.sources.wassenaar_pages import Line

# Geometry of the A4 pages (PDF points, origin bottom-left).
_DEF_TEXT_X = 160.0  # Definitions: category tags left of this, wording right of it
_DEF_TERM = re.compile(
    r'^(?P<tag>(?:(?:Cat|ML|GTN|GSN|GISN|Both)[^"]*?)?)\s*"(?P<term>[^"]+(?:\("[^"]+"\))?)"\s*'
    r'(?P<qual>\((?:[^()"]|"[^"]*")*\))?\s*$')
_DEF_TERM_OPEN = re.compile(
    r'^(?P<tag>(?:(?:Cat|ML|GTN|GSN|GISN|Both)[^"]*?)?)\s*"(?P<term>[^"]{3,})$')
_SL_CODE = re.compile(r"(?<![\w.])(\d\.[A-E]\.\d{1,3}\.(?:" + _SUB + r")*)")


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
