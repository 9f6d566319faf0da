"""The bundled chemicals table (CWC Schedules 1-3, Australia Group precursors, WCO Global Shield)
and the CHPL tiers: facts read from ``data/control_lists/chemicals/`` and ``chpl/``, parsed once."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dualuse.resources import control_lists_dir

LISTS = {
    "CWC-1": "CWC Schedule 1", "CWC-2": "CWC Schedule 2", "CWC-3": "CWC Schedule 3",
    "AG-CW": "Australia Group chemical weapons precursors", "WCO-GS": "WCO Programme Global Shield",
}
CHPL_VERSION = "2024-02-23"


@dataclass(frozen=True, slots=True)
class ChemicalRow:
    cas: str
    name_en: str
    name_fr: str
    hs: str
    list: str
    item: str
    entries: tuple[str, ...]
    source: str
    citation: str

    def name(self, lang: str | None = None) -> str:
        return self.name_fr if lang == "fr" and self.name_fr else self.name_en

    @property
    def list_label(self) -> str:
        label = LISTS.get(self.list, self.list)
        return f"{label}, item {self.item}" if self.item else label


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_text(encoding="utf-8")
    comments = [ln for ln in text.splitlines() if ln.startswith("#")]
    body = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return comments, list(csv.DictReader(body))


@cache
def chemicals() -> tuple[ChemicalRow, ...]:
    comments, rows = _read(control_lists_dir() / "chemicals" / "chemicals.csv")
    sources: dict[str, str] = {}
    for ln in comments:
        m = re.match(r"#\s+([A-Z]{2,4})\s{2,}(.+)$", ln)
        if m:
            sources[m.group(1)] = m.group(2).strip()
    return tuple(
        ChemicalRow(cas=r["cas"], name_en=r["name_en"], name_fr=r["name_fr"], hs=r["hs"],
                    list=r["list"], item=r["item"],
                    entries=tuple(e for e in r["entries"].split(";") if e),
                    source=r["source"], citation=sources.get(r["source"], r["source"]))
        for r in rows)


@cache
def by_cas_index() -> dict[str, tuple[ChemicalRow, ...]]:
    out: dict[str, list[ChemicalRow]] = {}
    for row in chemicals():
        out.setdefault(row.cas, []).append(row)
    return {k: tuple(v) for k, v in out.items()}


@cache
def by_hs_index() -> dict[str, tuple[ChemicalRow, ...]]:
    out: dict[str, list[ChemicalRow]] = {}
    for row in chemicals():
        out.setdefault(row.hs, []).append(row)
    return {k: tuple(v) for k, v in out.items()}


@cache
def chpl() -> dict[str, str]:
    """HS-6 -> CHPL tier (Common High Priority List, version 2024-02-23)."""
    _, rows = _read(control_lists_dir() / "chpl" / "chpl.csv")
    return {r["hs6"]: r["tier"] for r in rows}
