"""HS code -> candidate control entries, and CAS number -> chemical facts.

Three sources are combined: the knowledge base's indicative HS subheadings (``Catalog``), the
bundled chemicals table, and the official correlation tables imported into the store. HS narrows
the search; it never decides whether goods are controlled, and every result says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import cache

from pydantic import BaseModel, ConfigDict

from dualuse import chemicals as chem
from dualuse.codes import cas as cas_codes
from dualuse.codes import hs as hs_codes
from dualuse.errors import CodeValidationError

INDICATIVE = {
    "en": "Indicative only: an HS code narrows the search, it never decides whether goods are "
          "controlled. Check the goods' specifications against each candidate entry.",
    "fr": "Résultat indicatif : un code SH oriente la recherche mais ne décide jamais si un bien "
          "est contrôlé. Comparez les caractéristiques du bien à chaque rubrique candidate.",
}
NONE_FOUND = {
    "en": "No control entry is linked to this code in the data used: not listed by this code. An "
          "HS code never decides alone: goods with controlled specifications stay controlled "
          "whatever their code, so describe them (dualuse classify) when in doubt.",
    "fr": "Aucune rubrique de contrôle n'est rattachée à ce code dans les données utilisées : "
          "non inscrit d'après ce code. Un code SH ne décide jamais seul : un bien aux "
          "caractéristiques contrôlées le reste quel que soit son code ; en cas de doute, le "
          "décrire (dualuse classify).",
}


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class HsEntry(_Model):
    code: str
    title: str | None = None
    why: str
    sources: tuple[str, ...] = ()


class HsResult(_Model):
    hs: str
    given: str
    level: str
    truncated: bool
    description: str
    entries: tuple[HsEntry, ...]
    chpl_tier: str | None = None
    chpl: dict[str, str] = {}
    chemicals: tuple[str, ...] = ()
    indicative: str
    editions: tuple[str, ...]


class CasList(_Model):
    list: str
    label: str
    item: str | None
    entries: tuple[str, ...]
    citation: str


class CasResult(_Model):
    cas: str
    name_en: str | None
    name_fr: str | None
    hs: str | None
    hs_description: str | None
    lists: tuple[CasList, ...]
    entries: tuple[HsEntry, ...]
    indicative: str


# --- the index -------------------------------------------------------------------------------
# hs6 -> {entry code -> (title en, title fr, [(source, reason)])}
_Index = dict[str, dict[str, tuple[str | None, str | None, list[tuple[str, str]]]]]


def _table_files() -> list:  # type: ignore[type-arg]
    from dualuse import store

    d = store.tables_dir()
    return sorted(d.glob("*.json")) if d.is_dir() else []


def _table_key() -> tuple[tuple[str, float], ...]:
    return tuple((str(p), p.stat().st_mtime) for p in _table_files())


def load_tables() -> list[dict]:  # type: ignore[type-arg]
    """The correlation tables imported into the store (parsed JSON)."""
    out = []
    for p in _table_files():
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("kind") == "correlation":
            out.append(data)
    return out


def _title(catalog, code: str) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    node = catalog.get(code)
    if node is None:
        return None, None
    return node.title.get("en"), node.title.get("fr")


@cache
def _build(catalog_id: int,
           tables_key: tuple[tuple[str, float], ...]) -> tuple[_Index, tuple[str, ...]]:
    from dualuse.catalog import open_catalog

    catalog = open_catalog()
    index: _Index = {}
    editions: list[str] = []

    def add(hs6: str, code: str, en: str | None, fr: str | None, source: str, why: str) -> None:
        slot = index.setdefault(hs6, {})
        if code not in slot:
            slot[code] = (en, fr, [])
        elif slot[code][0] is None and en:
            slot[code] = (en, fr, slot[code][2])
        if (source, why) not in slot[code][2]:
            slot[code][2].append((source, why))

    for lid, node in catalog.nodes():
        if node.not_used_since or node.is_note:
            continue
        for link in node.hs:
            why = "indicative HS code in the knowledge base" + (
                f" ({link.reason})" if link.reason else "")
            add(link.code, node.code, node.title.get("en"), node.title.get("fr"), lid, why)
    editions.extend(sorted({lid for lid, _ in catalog.nodes()}))
    for row in chem.chemicals():
        for code in row.entries:
            en, fr = _title(catalog, code)
            add(row.hs, code, en or row.name_en, fr or row.name_fr, row.list,
                f"{row.name_en} (CAS {row.cas}) is on the {row.list_label}")
    editions.append("chemicals table (CWC, Australia Group, WCO Global Shield)")
    for table in load_tables():
        name = table.get("edition", "correlation table")
        editions.append(name)
        for r in table.get("rows", ()):
            hs6 = r.get("hs6")
            if not hs6:
                continue
            en, fr = _title(catalog, r["entry"])
            add(hs6, r["entry"], en, fr, name,
                f"official correlation table {name}: CN {r.get('cn') or '-'}"
                + (f", TARIC {r['taric']}" if r.get("taric") else ""))
    return index, tuple(editions)


def _index_key() -> tuple[int, tuple[tuple[str, float], ...]]:
    from dualuse.catalog import open_catalog

    return id(open_catalog()), _table_key()


def _index() -> tuple[_Index, tuple[str, ...]]:
    return _build(*_index_key())


@cache
def _flat(catalog_id: int,
          tables_key: tuple[tuple[str, float], ...]) -> dict[str, tuple[str, ...]]:
    """hs6 -> candidate entry codes, built once per catalog and set of tables."""
    index, _ = _build(catalog_id, tables_key)
    return {k: tuple(v) for k, v in index.items()}


def clear_cache() -> None:
    _build.cache_clear()
    _flat.cache_clear()
    _headings.cache_clear()
    _watch.cache_clear()


def hs_lookup(code: str, *, lang: str | None = None) -> HsResult:
    """Candidate control entries for an HS code (chapter, heading, subheading or longer line).

    Raises ``CodeValidationError`` (``UnknownCode`` for codes not in HS 2022)."""
    lg = lang if lang in ("en", "fr") else "en"
    parsed = hs_codes.parse(code)
    canon = hs_codes.validate(code)
    index, editions = _index()
    subs = hs_codes.subheadings(canon)
    merged: dict[str, tuple[str | None, str | None, list[tuple[str, str]]]] = {}
    for sub in subs:
        for ecode, (en, fr, reasons) in index.get(sub, {}).items():
            slot = merged.setdefault(ecode, (en, fr, []))
            for src, why in reasons:
                w = why if len(canon) == 6 else f"{hs_codes.format(sub)}: {why}"
                if (src, w) not in slot[2]:
                    slot[2].append((src, w))
    entries = tuple(
        HsEntry(code=c, title=(fr if lg == "fr" and fr else en), why="; ".join(w for _, w in rs),
                sources=tuple(dict.fromkeys(s for s, _ in rs)))
        for c, (en, fr, rs) in sorted(merged.items(), key=lambda kv: (-len(kv[1][2]), kv[0])))
    tiers = chem.chpl()
    chpl = {s: tiers[s] for s in subs if s in tiers}
    chems = tuple(dict.fromkeys(f"{r.name(lg)} ({r.cas})" for s in subs
                                for r in chem.by_hs_index().get(s, ())))
    statement = INDICATIVE[lg] if entries else NONE_FOUND[lg]
    return HsResult(
        hs=canon, given=code, level=parsed.kind, truncated=parsed.truncated,
        description=hs_codes.describe(canon), entries=entries,
        chpl_tier=tiers.get(canon) if len(canon) == 6 else (min(chpl.values()) if chpl else None),
        chpl=chpl, chemicals=chems, indicative=statement,
        editions=(hs_codes.EDITION, *editions, f"CHPL {chem.CHPL_VERSION}"))


def hs_candidates(codes: Iterable[str]) -> list[tuple[str, ...]]:
    """For each code (any HS/CN/TARIC spelling), the candidate entry codes; ``()`` for codes that
    are malformed, unknown or linked to nothing. One precomputed index, one dict look-up each."""
    flat = _flat(*_index_key())
    memo: dict[str, tuple[str, ...]] = {}
    out: list[tuple[str, ...]] = []
    append = out.append
    for raw in codes:
        hit = memo.get(raw)
        if hit is None:
            try:
                canon = hs_codes.normalise(raw)
            except CodeValidationError:
                canon = ""
            if len(canon) == 6:
                hit = flat.get(canon, ())
            elif canon:
                acc: dict[str, None] = {}
                for sub in _subs(canon):
                    acc.update(dict.fromkeys(flat.get(sub, ())))
                hit = tuple(acc)
            else:
                hit = ()
            memo[raw] = hit
        append(hit)
    return out


@cache
def _headings(catalog_id: int,
              tables_key: tuple[tuple[str, float], ...]) -> dict[str, tuple[str, ...]]:
    index, _ = _build(catalog_id, tables_key)
    out: dict[str, dict[str, None]] = {}
    for hs6, slot in index.items():
        out.setdefault(hs6[:4], {}).update(dict.fromkeys(slot))
    for hs, reason in _watch().items():  # headings or chapters kept under watch by our own table
        for h4 in ([hs] if len(hs) == 4 else sorted(c for c in hs_codes.all_codes(4)
                                                     if c.startswith(hs))):
            out.setdefault(h4, {})[f"({reason})"] = None
    return {k: tuple(v) for k, v in out.items()}


@cache
def _watch() -> dict[str, str]:
    """``hs_watch.csv``: HS chapters and headings whose goods are held for review whatever the
    knowledge base links to them (nuclear material, arms, explosives, drones...)."""
    from dualuse import resources

    path = resources.control_lists_dir() / "hs_watch.csv"
    rows = [r for r in path.read_text(encoding="utf-8").splitlines()
            if r.strip() and not r.startswith("#")]
    return {r.split(",", 1)[0].strip(): r.split(",", 1)[1].strip() for r in rows[1:]}


def hs_heading_candidates(code: str) -> tuple[str, ...]:
    """Entries linked to any subheading of the code's HS heading, and the watch-table reasons
    (in parentheses) for headings always held: what the heading *can* hide. ``()`` for codes
    that are malformed or unknown."""
    from dualuse.catalog import open_catalog

    try:
        canon = hs_codes.normalise(code)
    except CodeValidationError:
        return ()
    if len(canon) < 4:
        return ()
    return _headings(id(open_catalog()), _table_key()).get(canon[:4], ())


def _subs(canon: str) -> Sequence[str]:
    try:
        return hs_codes.subheadings(canon)
    except CodeValidationError:
        return ()


LISTED_ON = {"en": "listed on the {label}", "fr": "inscrit sur la liste : {label}"}
NAMES_CAS = {"en": "{list} names CAS {cas}", "fr": "{list} cite le CAS {cas}"}
EXCLUDED = {"en": "named as falling outside {code} in its decontrol note: check the note's "
                  "conditions",
            "fr": "cité comme hors de {code} dans sa note d'exclusion : en vérifier les conditions"}


def cas_lookup(number: str, *, lang: str | None = None) -> CasResult:
    """The chemical a CAS number names: names, lists/schedules, control entries, HS subheading."""
    from dualuse.catalog import open_catalog
    from dualuse.errors import NotFound

    lg = lang if lang in ("en", "fr") else "en"
    canon = cas_codes.validate(number)
    rows = chem.by_cas_index().get(canon, ())
    catalog = open_catalog()
    nodes = catalog.cas_links(canon)
    excluded = catalog.cas_decontrol_links(canon)
    if not rows and not nodes and not excluded:
        raise NotFound(f"CAS {canon}: not in the chemicals table or the control lists",
                       value=number, system="cas")
    entries: dict[str, tuple[str | None, list[str]]] = {}
    for row in rows:
        for code in row.entries:
            en, fr = _title(catalog, code)
            en, fr = en or row.name_en, fr or row.name_fr
            entries.setdefault(code, ((fr if lg == "fr" and fr else en), []))[1].append(
                LISTED_ON[lg].format(label=row.list_label_in(lg)))
    for lid, node in nodes:
        t = node.title.get(lg) or node.title.get("en")
        entries.setdefault(node.code, (t, []))[1].append(NAMES_CAS[lg].format(list=lid, cas=canon))
    for _lid, node in excluded:  # chlorine, TNT: outside the entry unless its conditions apply
        t = node.title.get(lg) or node.title.get("en")
        entries.setdefault(node.code, (t, []))[1].append(EXCLUDED[lg].format(code=node.code))
    hs6 = rows[0].hs if rows else None
    names = {"en": rows[0].name_en, "fr": rows[0].name_fr} if rows else \
        {lg_: catalog.decontrol_name(canon, lg_) for lg_ in ("en", "fr")}
    return CasResult(
        cas=canon, name_en=names["en"], name_fr=names["fr"], hs=hs6,
        hs_description=hs_codes.describe(hs6) if hs6 else None,
        lists=tuple(CasList(list=r.list, label=r.list_label_in(lg), item=r.item or None,
                            entries=r.entries, citation=r.citation) for r in rows),
        entries=tuple(HsEntry(code=c, title=t, why="; ".join(ws))
                      for c, (t, ws) in entries.items()),
        indicative=INDICATIVE[lg])
