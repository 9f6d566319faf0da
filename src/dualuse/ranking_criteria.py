"""The ranking's thresholds: the line's named figures held against the criteria of an entry
(``criteria.decide.evaluate_entry``), as structured evidence; a met criterion adds a little to the
score. Entries none of whose criteria measure what the line's figures measure are skipped (every
result would be "not stated")."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from dualuse.candidates import PARAMETER_MEETS_SHARE, Evidence, _Acc
from dualuse.catalog import Catalog
from dualuse.criteria.model import CriteriaTable
from dualuse.line import Line


def _criteria_evidence(cat: Catalog, a: _Acc, line: Line, lang: str, top_text: float,
                       tables: Mapping[str, CriteriaTable]) -> None:
    """The entry's criteria held against the line's named figures: structured evidence; a met
    criterion adds a little to the score. Figures are compared only with criteria of the same named
    quantity (or where the unit leaves no doubt), never by unit alone."""
    from dualuse.criteria.decide import evaluate_entry

    if not _may_hold(line, tables, a.list_id, a.entry):
        return  # no criterion of the entry measures what the line's figures measure
    children, kind = _kb_fns(cat)
    result = evaluate_entry(line, a.list_id, a.entry, tables, kb_children=children, kind=kind)
    stated = [r for r in result.results if r.status != "not-stated"]
    for r in stated[:6]:
        a.evidence.append(Evidence(
            kind="parameter", code=r.code, terms=(r.stated,) if r.stated else (),
            status=r.status, quantity=r.quantity, comparator=r.comparator,
            value=r.value, unit=r.unit, detail=r.text.get(lang) or ""))
    if any(r.status == "meets" for r in stated):
        a.bonus += PARAMETER_MEETS_SHARE * top_text


_EntryQuantities = tuple[frozenset[str], frozenset[str]]
_QUANTITIES: dict[tuple[int, str], tuple[CriteriaTable, _EntryQuantities]] = {}


def _may_hold(line: Line, tables: Mapping[str, CriteriaTable], list_id: str, entry: str) -> bool:
    """Could a figure of the line be held against a criterion of the entry (in the table
    ``evaluate_entry`` reads)? ``evaluate_entry`` holds a criterion against the figures that name
    its quantity, or, when no cue names a figure, against those of its unit's dimension if no
    other quantity of the entry has that dimension; without such a figure every result is "not
    stated" and the entry gets neither evidence nor bonus."""
    table = tables.get(list_id)
    if table is None or entry not in table.nodes:
        table = next((t for t in tables.values() if entry in t.nodes), None)
    if table is None:
        return False
    key = (id(table), entry)
    hit = _QUANTITIES.get(key)
    if hit is None or hit[0] is not table:
        hit = _QUANTITIES[key] = (table, _entry_quantities(table, entry))
    named, alone = hit[1]
    return any(f.quantity in named if f.quantity else f.dimension in alone for f in line.figures)


def _entry_quantities(table: CriteriaTable, entry: str) -> _EntryQuantities:
    """The named quantities of the criteria of ``entry`` and of its sub-items in the table and of
    the notes that release them (what ``evaluate_entry`` reads), and the dimensions that only one
    of them has."""
    from dualuse.criteria import quantities
    from dualuse.criteria.model import AnyOf

    codes = {c for c in table.nodes if c == entry or c.startswith(entry + ".")}
    crits = [*(c for code in codes for c in table.nodes[code].criteria),
             *(c for r in table.releases if r.applies_to in codes for c in r.criteria)]
    named = frozenset(one.quantity for c in crits
                      for one in (c.any_of if isinstance(c, AnyOf) else (c,)))
    defs = quantities()
    dims = [defs[q].dimension for q in named if q in defs]
    return named, frozenset(d for d in dims if dims.count(d) == 1)


_KbFns = tuple[Callable[[str, str], tuple[str, ...]], Callable[[str, str, Line], bool]]
_KB_FNS: dict[int, tuple[Catalog, _KbFns]] = {}


def _kb_fns(cat: Catalog) -> _KbFns:
    """The catalog's children and kind words for the decision, built once per catalog."""
    from dualuse.criteria.screen import kb_children_fn, kind_fn

    hit = _KB_FNS.get(id(cat))
    if hit is None or hit[0] is not cat:
        _KB_FNS.clear()
        hit = (cat, (kb_children_fn(cat), kind_fn(cat)))
        _KB_FNS[id(cat)] = hit
    return hit[1]
