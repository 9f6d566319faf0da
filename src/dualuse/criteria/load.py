"""Read the criteria files and the quantity registry, once, lazily (``clear_caches()`` forgets).

Files: ``control_lists/<regime>/<edition>/criteria/*.xml`` (docs/dev/criteria-format.md) and
``control_lists/quantities.csv``. Every criterion's quantity must be in the registry and its unit
must belong to the quantity's dimension; a code described twice is a ``DataError``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import threading
import time
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from pathlib import Path

from dualuse import resources
from dualuse.criteria.model import (
    AnyOf,
    CriteriaTable,
    Criterion,
    NodeCriteria,
    QuantityDef,
    Release,
)
from dualuse.errors import DataError
from dualuse.model import Localized

__all__ = ["clear_caches", "criteria_files", "load_criteria", "quantities"]

_COMPARATORS = {"gt", "ge", "lt", "le", "eq"}


@cache
def quantities() -> dict[str, QuantityDef]:
    """The named quantities, by id (from the data override when it has the registry, else the
    package's: fixture lists without one still read figures)."""
    path = resources.table_path("quantities.csv")
    rows = [r for r in path.read_text(encoding="utf-8").splitlines()
            if r.strip() and not r.startswith("#")]
    out: dict[str, QuantityDef] = {}
    for row in csv.DictReader(io.StringIO("\n".join(rows))):
        qid = row["id"].strip()
        q = QuantityDef(
            id=qid, dimension=row["dimension"].strip(),
            name=Localized(en=row["name_en"].strip(), fr=row["name_fr"].strip()),
            cues_en=tuple(c.strip().lower() for c in row["cues_en"].split("|") if c.strip()),
            cues_fr=tuple(c.strip().lower() for c in row["cues_fr"].split("|") if c.strip()))
        # the same row twice (two branches that added one quantity, merged) is one quantity
        if qid in out and out[qid] != q:
            raise DataError(f"quantity {qid!r} defined twice in {path.name}", value=qid)
        out[qid] = q
    return out


def criteria_files(root: Path | None = None) -> list[Path]:
    """``<root>/*/*/criteria/*.xml``, sorted (``os.scandir``: ``load_criteria()`` runs this, at
    most once a second, to see whether a file changed)."""
    base = root or resources.control_lists_dir()
    out: list[str] = []
    for regime in _subdirs(str(base)):
        for edition in _subdirs(regime):
            with contextlib.suppress(OSError), os.scandir(os.path.join(edition, "criteria")) as it:
                out += [e.path for e in it if e.name.endswith(".xml")]
    return [_path(p) for p in sorted(out, key=lambda p: p.split(os.sep))]  # as Paths sort


@lru_cache(maxsize=1024)
def _path(name: str) -> Path:
    return Path(name)


def _subdirs(path: str) -> list[str]:
    try:
        with os.scandir(path) as it:
            return [e.path for e in it if e.is_dir()]
    except OSError:
        return []


def _criterion(el, where: str) -> Criterion:  # type: ignore[no-untyped-def]
    from dualuse.parameters import parse_unit

    q, cmp_, unit = el.get("quantity", ""), el.get("comparator", ""), el.get("unit", "")
    defs = quantities()
    if q not in defs:
        raise DataError(f"{where}: unknown quantity {q!r} (add it to quantities.csv)", value=q)
    if cmp_ not in _COMPARATORS:
        raise DataError(f"{where}: comparator {cmp_!r}: expected gt, ge, lt, le or eq", value=cmp_)
    try:
        value = Decimal(el.get("value", ""))
    except InvalidOperation:
        raise DataError(f"{where}: value {el.get('value')!r} is not a number",
                        value=el.get("value")) from None
    if not unit and defs[q].dimension == "count":  # a pure number: axes, TPP, M²
        canon, dim = "", "count"
    else:
        canon, dim, _ = parse_unit(unit)
    if dim != defs[q].dimension:
        raise DataError(f"{where}: unit {unit!r} ({dim}) does not measure {q} "
                        f"({defs[q].dimension})", value=unit)
    return Criterion(quantity=q, comparator=cmp_, value=value, unit=canon,
                     note=el.get("note"))


def _criteria(parent, where: str) -> tuple[Criterion | AnyOf, ...]:  # type: ignore[no-untyped-def]
    out: list[Criterion | AnyOf] = []
    for el in parent:
        if not isinstance(el.tag, str):
            continue
        if el.tag == "criterion":
            out.append(_criterion(el, where))
        elif el.tag == "anyOf":
            out.append(AnyOf(any_of=tuple(_criterion(c, where) for c in el
                                          if isinstance(c.tag, str) and c.tag == "criterion")))
    return tuple(out)


def _texts(el, tag: str) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[str]] = {"en": [], "fr": []}
    for c in el.iter(tag):
        lang = c.get("lang", "en")
        if lang in out and (c.text or "").strip():
            out[lang].append(" ".join(c.text.split()))
    return out


def _read(path: Path) -> tuple[str, list[NodeCriteria], list[Release]]:
    from dualuse.xmlsafe import parse_bytes

    root = parse_bytes(path.read_bytes(), source=str(path))
    if root.tag != "criteria" or not root.get("list"):
        raise DataError(f"{path}: expected <criteria list=...>", value=str(path))
    nodes: list[NodeCriteria] = []
    releases: list[Release] = []
    for el in root:
        if not isinstance(el.tag, str):
            continue
        code = el.get("code", "")
        where = f"{path.name}: {code}"
        if el.tag == "node":
            combine = el.get("combine", "any")
            if combine not in ("any", "all"):
                raise DataError(f"{where}: combine {combine!r}: expected any or all", value=combine)
            nodes.append(NodeCriteria(code=code, combine=combine,
                                      criteria=_criteria(el, where),
                                      intangible=el.get("intangible") == "true",
                                      kind_required=el.get("kind") == "required"))
        elif el.tag == "release":
            text, when = _texts(el, "text"), _texts(el, "when")
            releases.append(Release(
                id=el.get("id") or f"{code}#release{len(releases) + 1}", applies_to=code,
                criteria=_criteria(el, where),
                text=Localized(en=next(iter(text["en"]), None), fr=next(iter(text["fr"]), None)),
                when_en=tuple(w.lower() for w in when["en"]),
                when_fr=tuple(w.lower() for w in when["fr"])))
        else:
            raise DataError(f"{where}: unexpected element <{el.tag}>", value=el.tag)
    return str(root.get("list")), nodes, releases


_lock = threading.Lock()
_tables: dict[tuple[str, ...], dict[str, CriteriaTable]] = {}


FRESHNESS_SECONDS = 1.0  # the bundled files are listed and stat'ed at most this often
_checked: dict[str, tuple[float, dict[str, CriteriaTable]]] = {}  # root -> (when, tables)


def load_criteria(paths: Iterable[Path] | None = None, *,
                  fresh: bool = False) -> dict[str, CriteriaTable]:
    """The criteria tables of the bundled lists, by list id (parsed once per set of files).

    Without ``paths`` the bundled files are listed and their modification times read at most once
    per ``FRESHNESS_SECONDS`` per data root (this runs once per screened line); ``fresh=True``
    looks now. Given ``paths`` are always looked at."""
    root = ""
    if paths is None:
        root = str(resources.control_lists_dir())
        seen = _checked.get(root)
        if seen is not None and not fresh and time.monotonic() - seen[0] < FRESHNESS_SECONDS:
            return seen[1]
    now = time.monotonic()
    out = _load(list(paths) if paths is not None else criteria_files())
    if paths is None:
        with _lock:
            _checked.clear()
            _checked[root] = (now, out)
    return out


def _load(files: list[Path]) -> dict[str, CriteriaTable]:
    key = tuple(f"{p}:{os.stat(p).st_mtime_ns}" for p in files)
    with _lock:
        hit = _tables.get(key)
        if hit is not None:
            return hit
    per_list: dict[str, tuple[dict[str, NodeCriteria], list[Release], list[str]]] = {}
    for path in files:
        list_id, nodes, releases = _read(path)
        known, rel, sources = per_list.setdefault(list_id, ({}, [], []))
        for n in nodes:
            if n.code in known:
                raise DataError(f"{path.name}: criteria for {n.code} given twice", value=n.code)
            known[n.code] = n
        rel.extend(releases)
        sources.append(path.name)
    out = {lid: CriteriaTable(list_id=lid, nodes=n, releases=tuple(r), source=", ".join(s))
           for lid, (n, r, s) in per_list.items()}
    with _lock:
        _tables.clear()
        _tables[key] = out
    return out


def clear_caches() -> None:
    quantities.cache_clear()
    with _lock:
        _tables.clear()
        _checked.clear()
