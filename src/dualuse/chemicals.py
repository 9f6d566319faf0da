"""The bundled chemicals table (CWC Schedules 1-3, Australia Group precursors, WCO Global Shield)
and the CHPL tiers: facts read from ``data/control_lists/chemicals/`` and ``chpl/``, parsed once."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dualuse.resources import table_path

LISTS = {
    "CWC-1": "CWC Schedule 1", "CWC-2": "CWC Schedule 2", "CWC-3": "CWC Schedule 3",
    "AG-CW": "Australia Group chemical weapons precursors", "WCO-GS": "WCO Programme Global Shield",
}
LISTS_FR = {
    "CWC-1": "tableau 1 de la CAC", "CWC-2": "tableau 2 de la CAC", "CWC-3": "tableau 3 de la CAC",
    "AG-CW": "précurseurs d'armes chimiques du Groupe d'Australie",
    "WCO-GS": "programme Global Shield de l'OMD",
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
        return self.list_label_in("en")

    def list_label_in(self, lang: str) -> str:
        if lang == "fr":
            label = LISTS_FR.get(self.list, self.list)
            return f"{label}, point {self.item}" if self.item else label
        label = LISTS.get(self.list, self.list)
        return f"{label}, item {self.item}" if self.item else label


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = path.read_text(encoding="utf-8")
    comments = [ln for ln in text.splitlines() if ln.startswith("#")]
    body = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return comments, list(csv.DictReader(body))


@cache
def chemicals() -> tuple[ChemicalRow, ...]:
    comments, rows = _read(table_path("chemicals", "chemicals.csv"))
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


TABLE_ID = "chemicals"
TABLE_LABEL = "chemicals table (CWC, Australia Group, WCO Global Shield)"
_NAME_MIN = 5  # shorter names ("VX", "GB") are too often model numbers on an invoice


@cache
def synonyms() -> tuple[tuple[str, str, str, str], ...]:
    """``synonyms.csv``: (cas, lang, name, kind) for the trade names, common names and
    abbreviations officers meet ("acide fluorhydrique", "HF anhydre", "TEA")."""
    _, rows = _read(table_path("chemicals", "synonyms.csv"))
    return tuple((r["cas"].strip(), r["lang"].strip(), r["name"].strip(), r["kind"].strip())
                 for r in rows)


@cache
def _name_pattern() -> tuple[re.Pattern[str], dict[str, tuple[ChemicalRow, ...]]]:
    from dualuse.textproc import fold

    names: dict[str, list[ChemicalRow]] = {}
    for row in chemicals():
        for name in (row.name_en, row.name_fr):
            plain = fold(re.sub(r"\s*\([^)]*\)", "", name)).strip()
            if len(plain) >= _NAME_MIN and row not in names.setdefault(plain, []):
                names[plain].append(row)
    index = by_cas_index()
    for cas, _lang, name, kind in synonyms():
        plain = fold(name).replace("’", "'").strip()
        if kind == "name" and len(plain) >= _NAME_MIN:
            slot = names.setdefault(plain, [])
            slot.extend(r for r in index.get(cas, ()) if r not in slot)
    # longest names first, so "sodium cyanide" wins over "cyanide"
    alternatives = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, alternatives)) + r")(?![\w-])")
    return pattern, {k: tuple(v) for k, v in names.items()}


# a line that reads like a chemical consignment: only then is an abbreviation ("TEA") a chemical
_CHEMICAL_CUE = re.compile(
    r"\d\s*%|\b(?:anhydr\w*|purity|pureté|purete|grade|reagent|réactif|reactif|drums?|fûts?|futs?|"
    r"bidons?|ibc|cylinders?|bouteilles?|tech(?:nical)?|technique|"
    r"solution|cas)\b", re.IGNORECASE)


@cache
def _abbreviations() -> tuple[re.Pattern[str] | None, dict[str, tuple[ChemicalRow, ...]]]:
    index = by_cas_index()
    abbrs: dict[str, list[ChemicalRow]] = {}
    for cas, _lang, name, kind in synonyms():
        if kind == "abbr":
            slot = abbrs.setdefault(name, [])
            slot.extend(r for r in index.get(cas, ()) if r not in slot)
    if not abbrs:
        return None, {}
    alternatives = sorted(abbrs, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, alternatives)) + r")(?![\w-])")
    return pattern, {k: tuple(v) for k, v in abbrs.items()}


def find_names(text: str) -> list[tuple[str, tuple[ChemicalRow, ...]]]:
    """Chemical names of the table and of its synonyms found whole in ``text`` (case and accents
    ignored), then the abbreviations written in capitals on a line that reads like a chemical
    consignment ("TEA 99 %, 200 L drums"; not "GREEN TEA" alone)."""
    from dualuse.textproc import fold

    pattern, rows = _name_pattern()
    found = dict.fromkeys(m.group(1) for m in pattern.finditer(fold(text).replace("’", "'")))
    out = [(name, rows[name]) for name in found]
    abbr_pattern, abbr_rows = _abbreviations()
    if abbr_pattern is not None and _CHEMICAL_CUE.search(text):
        for m in abbr_pattern.finditer(text):
            if m.group(1) not in found and abbr_rows.get(m.group(1)):
                found[m.group(1)] = None
                out.append((m.group(1), abbr_rows[m.group(1)]))
    return out


@cache
def chpl() -> dict[str, str]:
    """HS-6 -> CHPL tier (Common High Priority List, version 2024-02-23)."""
    _, rows = _read(table_path("chpl", "chpl.csv"))
    return {r["hs6"]: r["tier"] for r in rows}
