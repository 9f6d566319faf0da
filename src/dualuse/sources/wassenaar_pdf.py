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

The parts: ``wassenaar_pages`` (the PDF text layer), ``wassenaar_lines`` (what a line is, labels,
joining text), ``wassenaar_tree`` (entries, sub-items and notes), ``wassenaar_sections`` (general
notes, SL/VSL, definitions, acronyms). This module drives them (``parse_pages``), assembles the
``ControlList`` and re-exports the names callers import from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from pathlib import Path

from dualuse.errors import DataError
from dualuse.model import (
    Acronym,
    ControlList,
    Definition,
    Edition,
    GeneralNote,
    Node,
)
from dualuse.sources.wassenaar_lines import _MARGIN_X
from dualuse.sources.wassenaar_lines import DU_CODE as DU_CODE
from dualuse.sources.wassenaar_lines import DU_GROUP as DU_GROUP
from dualuse.sources.wassenaar_lines import ITEM as ITEM
from dualuse.sources.wassenaar_lines import ML_CODE as ML_CODE
from dualuse.sources.wassenaar_lines import NOTE as NOTE
from dualuse.sources.wassenaar_lines import Joiner as Joiner
from dualuse.sources.wassenaar_lines import classify as classify
from dualuse.sources.wassenaar_lines import first_label as first_label
from dualuse.sources.wassenaar_lines import place_item as place_item
from dualuse.sources.wassenaar_lines import succ as succ
from dualuse.sources.wassenaar_pages import Line as Line
from dualuse.sources.wassenaar_pages import Page as Page
from dualuse.sources.wassenaar_pages import Progress as Progress
from dualuse.sources.wassenaar_pages import read_pages as read_pages
from dualuse.sources.wassenaar_sections import (
    _CAT_HEADER,
    _GENERAL_HEADS,
    _def_text,
    _section,
    _Sections,
)
from dualuse.sources.wassenaar_sections import _single_quoted as _single_quoted
from dualuse.sources.wassenaar_tree import NOT_USED as NOT_USED
from dualuse.sources.wassenaar_tree import _Builder

LIST_ID_PREFIX = "wassenaar"
PUBLISHER = "Wassenaar Arrangement Secretariat"
# used when the cover page does not give the title (the printed title is read from page 1)
FALLBACK_TITLE = "Wassenaar Arrangement control lists (dual-use goods, munitions)"

DECONTROL = re.compile(
    r"\b(?:does|do) not (?:apply|control|release)\b|\bis not controlled\b|\bare not controlled\b"
    r"|\bnot (?:apply|applicable) to\b|\bexcluded from control\b", re.IGNORECASE)
_YEAR = re.compile(r"WA-LIST \((\d{2})\)\s*(\d+)?\s*(Corr\.)?")
_DATE = re.compile(r"\b(\d{2})-(\d{2})-(\d{4})\b")
_CONT = re.compile(r"^.{0,60}\bcont\.?\s*$")


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


def parse_diagnostics(path: str | Path) -> list[str]:
    """What the parser could not place (for development and tests)."""
    pages = read_pages(Path(path))
    b, _sec, _j = parse_pages(pages)
    return b.problems
