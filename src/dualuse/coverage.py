"""How complete the knowledge base is, per list (``dualuse lists coverage``).

Counts are over active entry-level codes (entries printed "not used since" are excluded from the
``with_*`` denominators and counted apart); ``with_hs`` counts goods entries (groups A, B, C and
Munitions List entries) only, since software and technology have no HS code.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from dualuse.catalog import Catalog, open_catalog
from dualuse.codes import control

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


class CategoryCoverage(Counts):
    category: str


class ListCoverage(Counts):
    id: str
    nodes: int
    official_text: bool
    categories: tuple[CategoryCoverage, ...] = ()


class Coverage(BaseModel):
    model_config = ConfigDict(frozen=True)
    lists: tuple[ListCoverage, ...]


def _is_goods(code: str) -> bool:
    parsed = control.parse(code)
    return parsed.is_munitions or parsed.group in ("A", "B", "C")


def _counts(cat: Catalog, list_id: str, entries: list) -> dict[str, int]:  # type: ignore[type-arg]
    active = [n for n in entries if not n.not_used_since]
    goods = [n for n in active if _is_goods(n.code)]

    def subtree_has(n, attr: str) -> bool:  # type: ignore[no-untyped-def]
        return any(getattr(m, attr) for m in cat.walk(n.code, list_id))

    return {"entries": len(entries), "entry_level": len(active),
            "not_used": len(entries) - len(active), "goods_entries": len(goods),
            "with_title_en": sum(bool(n.title.en) for n in active),
            "with_title_fr": sum(bool(n.title.fr) for n in active),
            "with_keywords_en": sum(len(n.keywords.en) >= MIN_KEYWORDS for n in active),
            "with_keywords_fr": sum(len(n.keywords.fr) >= MIN_KEYWORDS for n in active),
            "with_hs": sum(bool(n.hs) for n in goods),
            "with_parameters": sum(subtree_has(n, "parameters") for n in active),
            "with_cas": sum(subtree_has(n, "cas") for n in active)}


def coverage(catalog: Catalog | None = None) -> Coverage:
    cat = catalog or open_catalog()
    out = []
    for lv in cat.lists.values():
        entries = [n for n in lv.nodes.values() if n.kind == "entry"]
        by_cat: dict[str, list] = {}  # type: ignore[type-arg]
        for n in entries:
            by_cat.setdefault(control.category(n.code), []).append(n)
        cats = tuple(CategoryCoverage(category=c, **_counts(cat, lv.id, ns))
                     for c, ns in sorted(by_cat.items(), key=lambda kv: (kv[0] == "ML", kv[0])))
        out.append(ListCoverage(id=lv.id, nodes=len(lv.nodes), official_text=lv.has_official,
                                categories=cats, **_counts(cat, lv.id, entries)))
    return Coverage(lists=tuple(out))
