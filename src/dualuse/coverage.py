"""How complete the knowledge base is, per list, category and regime (``dualuse lists coverage``).

Counts are over active entry-level codes (entries printed "not used since" are excluded from the
``with_*`` denominators and counted apart); ``with_hs`` counts goods entries (groups A, B, C and
Munitions List entries) only, since software and technology have no HS code. An entry of the EU
list that Wassenaar also has (x0xx) is counted with the facts it resolves to: the Wassenaar
knowledge base's. ``with_criteria`` counts entries with at least one node in the criteria tables
(``dualuse.criteria.load_criteria()``) of the list whose facts they use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import BaseModel, ConfigDict

from dualuse.catalog import Catalog, open_catalog
from dualuse.codes import control
from dualuse.model import Node

MIN_KEYWORDS = 3


class Counts(BaseModel):
    model_config = ConfigDict(frozen=True)
    entries: int
    entry_level: int
    not_used: int
    goods_entries: int
    with_title_en: int
    with_title_fr: int
    with_keywords_en: int
    with_keywords_fr: int
    with_hs: int
    with_parameters: int
    with_cas: int
    with_criteria: int
    #: entries whose facts come from another list (EU x0xx entries: the Wassenaar knowledge base)
    shared: int = 0


class CategoryCoverage(Counts):
    category: str


class RegimeCoverage(Counts):
    regime: str


class ListCoverage(Counts):
    id: str
    nodes: int
    official_text: bool
    categories: tuple[CategoryCoverage, ...] = ()
    regimes: tuple[RegimeCoverage, ...] = ()


class Coverage(BaseModel):
    model_config = ConfigDict(frozen=True)
    lists: tuple[ListCoverage, ...]


# (list id whose facts the entry uses, the node carrying them)
_Facts = tuple[str, Node]


def _is_goods(code: str) -> bool:
    parsed = control.parse(code)
    return parsed.is_munitions or parsed.group in ("A", "B", "C")


def _counts(cat: Catalog, entries: Sequence[_Facts], own: str,
            has_criteria: Callable[[str, str], bool]) -> dict[str, int]:
    active = [(lid, n) for lid, n in entries if not n.not_used_since]
    goods = [(lid, n) for lid, n in active if _is_goods(n.code)]

    def subtree_has(lid: str, n: Node, attr: str) -> bool:
        return any(getattr(m, attr) for m in cat.walk(n.code, lid))

    return {"entries": len(entries), "entry_level": len(active),
            "not_used": len(entries) - len(active), "goods_entries": len(goods),
            "with_title_en": sum(bool(n.title.en) for _, n in active),
            "with_title_fr": sum(bool(n.title.fr) for _, n in active),
            "with_keywords_en": sum(len(n.keywords.en) >= MIN_KEYWORDS for _, n in active),
            "with_keywords_fr": sum(len(n.keywords.fr) >= MIN_KEYWORDS for _, n in active),
            "with_hs": sum(bool(n.hs) for _, n in goods),
            "with_parameters": sum(subtree_has(lid, n, "parameters") for lid, n in active),
            "with_cas": sum(subtree_has(lid, n, "cas") for lid, n in active),
            "with_criteria": sum(has_criteria(lid, n.code) for lid, n in active),
            "shared": sum(lid != own for lid, _ in entries)}


def _criteria_index() -> Callable[[str, str], bool]:
    """``has(list_id, entry)``: the criteria tables name a node of that entry."""
    from dualuse.criteria import load_criteria

    entries = {(lid, control.entry_level(code)) for lid, table in load_criteria().items()
               for code in table.nodes if control.is_valid(code)}
    return lambda lid, code: (lid, code) in entries


def coverage(catalog: Catalog | None = None, *,
             has_criteria: Callable[[str, str], bool] | None = None) -> Coverage:
    cat = catalog or open_catalog()
    crit = has_criteria or _criteria_index()
    out = []
    for lv in cat.lists.values():
        entries: list[_Facts] = []
        regime_of: dict[str, str] = {}
        for n in lv.nodes.values():
            if n.kind != "entry":
                continue
            holder = cat.find(n.code)  # the first list holding the code carries its facts
            entries.append((holder[0].id, holder[1]) if holder else (lv.id, n))
            regime_of[n.code] = cat.regime(n.code, lv.id) or "-"
        by_cat: dict[str, list[_Facts]] = {}
        by_regime: dict[str, list[_Facts]] = {}
        for facts in entries:
            code = facts[1].code
            by_cat.setdefault(control.category(code), []).append(facts)
            by_regime.setdefault(regime_of[code], []).append(facts)
        cats = tuple(CategoryCoverage(category=c, **_counts(cat, fs, lv.id, crit))
                     for c, fs in sorted(by_cat.items(), key=lambda kv: (kv[0] == "ML", kv[0])))
        regimes = tuple(RegimeCoverage(regime=r, **_counts(cat, fs, lv.id, crit))
                        for r, fs in sorted(by_regime.items()))
        out.append(ListCoverage(id=lv.id, nodes=len(lv.nodes), official_text=lv.has_official,
                                categories=cats, regimes=regimes,
                                **_counts(cat, entries, lv.id, crit)))
    return Coverage(lists=tuple(out))
