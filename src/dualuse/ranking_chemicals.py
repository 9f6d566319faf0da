"""The ranking's chemicals: the bundled chemicals table (CAS numbers, names found whole in the
line, HS subheadings) and the chemicals a decontrol remark names by name."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dualuse import chemicals as chem
from dualuse import textproc
from dualuse.candidates import (
    CHEMICAL_NAME_SHARE,
    HS_SUBHEADING_SHARE,
    TEXT_FLOOR,
    Evidence,
    _Acc,
    _AccFor,
    _t,
)
from dualuse.catalog import Catalog
from dualuse.codes import control


def _chemical_evidence(cat: Catalog, acc: _AccFor, cas_numbers: Sequence[str],
                       description: str, hs6: str | None, lang: str, top_text: float) -> None:
    """Chemicals of the bundled table: by CAS number (decisive), by name found whole in the
    description, by HS subheading (a prior). Each lands on its control entry: a Wassenaar ML
    entry of the catalog, else an entry of the table (EU Annex I codes such as 1C350.1); a
    chemical watched by Global Shield only lands on "WCO-GS"."""
    found: list[tuple[str, str, tuple[chem.ChemicalRow, ...]]] = []
    index = chem.by_cas_index()
    found += [("cas", n, index[n]) for n in cas_numbers if n in index]
    if description.strip():
        words = len(textproc.fold(description).split()) or 1
        found += [("name", name, rows) for name, rows in chem.find_names(description)]
    if hs6:
        found += [("hs", hs6, rows) for rows in [chem.by_hs_index().get(hs6, ())] if rows]
    for how, term, rows in found:
        by_code: dict[str, list[chem.ChemicalRow]] = {}
        for row in rows:
            for code in row.entries or (row.list,):
                by_code.setdefault(code, []).append(row)
        for code, code_rows in by_code.items():
            a = _chemical_acc(cat, acc, code)
            name = code_rows[0].name(lang)
            lists = "; ".join(dict.fromkeys(r.list_label_in(lang) for r in code_rows))
            if a.list_id == chem.TABLE_ID and not a.titles:
                a.titles.append(f"{name}: {lists}")
            if not a.best_code:
                a.best_code = code
            a.from_table = True
            if how == "cas":
                a.decisive = True
            elif how == "name":
                a.bonus = max(a.bonus, CHEMICAL_NAME_SHARE * max(top_text, TEXT_FLOOR))
                a.coverage = max(a.coverage, min(1.0, len(term.split()) / words))
            else:
                a.bonus = max(a.bonus, HS_SUBHEADING_SHARE * top_text)
            a.evidence.append(Evidence(
                kind="hs" if how == "hs" else "cas" if how == "cas" else "text",
                code=code, terms=(term,), detail=_t(f"chem_{how}", lang).format(
                    term=term, name=name, lists=lists, code=code)))


def _chemical_acc(cat: Catalog, acc: _AccFor, code: str) -> _Acc:
    if not code[:1].isdigit() and not code.upper().startswith("ML"):
        return acc(chem.TABLE_ID, code, entry=code)  # a watch list, not a control entry
    entry = control.entry_level(code)  # 1C350.1 -> 1C350, ML7 -> ML7
    for list_id, lv in cat.lists.items():
        if entry in lv.nodes:
            return acc(list_id, code)
    return acc(chem.TABLE_ID, code)



_ANION = (r"(?:mono|mon|di|tri|tetra|penta|hexa|hepta)?"
          r"(?:ox|fluor|chlor|brom|iod|sulf|sulph|nitr|hydr|cyan|carb|phosph|az|selen)")
_COMPOUND_AFTER = re.compile(rf"\s*-?\s*{_ANION}(?:ide|ate|ite)s?\b")
_COMPOUND_BEFORE = re.compile(rf"\b{_ANION}(?:yde|ure|ate|ite)s?\s+(?:de\s+|d')$")


def _names_alone(name: str, folded: str) -> bool:
    """``name`` occurs in ``folded`` as the chemical itself, not inside a compound's name
    ("chlorine", but not "chlorine dioxide" / "dioxyde de chlore").

    >>> [_names_alone("chlorine", t) for t in ("liquid chlorine", "chlorine dioxide generator")]
    [True, False]
    >>> _names_alone("chlore", "chlore liquide"), _names_alone("chlore", "dioxyde de chlore")
    (True, False)
    """
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
        if not _COMPOUND_AFTER.match(folded, m.end()) and \
                not _COMPOUND_BEFORE.search(folded, 0, m.start()):
            return True
    return False
