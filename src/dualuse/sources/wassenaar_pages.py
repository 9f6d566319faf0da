"""The text layer of the Wassenaar list PDF: every printed line with its page, position and, after
an item label, where the wording starts. The file passes ``pdfguard``'s checks before pdfium opens
it; running headers and footers, page footnotes and underline rules are dropped."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dualuse.errors import InputError
from dualuse.sources.wassenaar_lines import _SUB

Progress = Callable[[int, int], None]

# Geometry of the A4 pages (PDF points, origin bottom-left).
_HEADER_Y = 745.0  # running header (title between two rules) lies above this
_FOOTER_Y = 70.0  # "WA-LIST (25) 1 Corr." and "- n - dd-mm-yyyy" lie below this
_FOOTER = re.compile(r"^(?:WA-LIST \(\d\d\).*|-\s*\d+\s*-\s*(?:\d{2}-\d{2}-\d{4})?|"
                     r"\d{2}-\d{2}-\d{4}\s*(?:-\s*\d+\s*-)?)$")
_RULE = re.compile(r"^_{5,}$")


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
