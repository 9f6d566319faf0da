"""Health checks behind ``dualuse doctor``: versions, bundled data, store, editions, index.

The index check proves every file of the index on disk against its manifest; a damaged or
planted index is reported, rebuilt, and checked again, so ``doctor`` both finds and repairs it.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from dualuse import __version__, resources, store
from dualuse.errors import StoreError

if TYPE_CHECKING:
    from dualuse.catalog import Catalog

Status = Literal["ok", "warn", "fail"]


class Check(BaseModel):
    model_config = ConfigDict(frozen=True)
    name: str
    status: Status
    detail: str


class Report(BaseModel):
    model_config = ConfigDict(frozen=True)
    version: str
    python: str
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(c.status != "fail" for c in self.checks)


def run_checks() -> Report:
    checks: list[Check] = []
    root = resources.data_root()
    checks.append(Check(name="data", status="ok" if root.is_dir() else "fail",
                        detail=f"bundled data in {root}"))
    try:
        from dualuse.catalog import open_catalog

        cat = open_catalog()
        for lid, lv in cat.lists.items():
            kinds = "official text + knowledge base" if lv.has_official else "knowledge base only"
            checks.append(Check(name=f"list {lid}", status="ok",
                                detail=f"{len(lv.nodes)} nodes, {kinds}"))
    except Exception as exc:  # report, don't crash: this command exists to diagnose
        checks.append(Check(name="catalog", status="fail", detail=f"{type(exc).__name__}: {exc}"))
        cat = None
    checks.extend(_store_checks())
    if cat is not None:
        checks.extend(_edition_checks(cat))
        checks.append(_index_check(cat))
    checks.append(_cache_check())
    return Report(version=__version__, python=sys.version.split()[0], checks=tuple(checks))


def _store_checks() -> list[Check]:
    home = store.home()
    try:
        store.check_home()
    except StoreError as exc:
        return [Check(name="store", status="fail", detail=exc.message)]
    existing = home
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    writable = os.access(existing, os.W_OK)
    out = [Check(name="store", status="ok" if writable else "warn",
                 detail=f"DUALUSE_HOME {home}, yours alone" + (
                     "" if writable else "; not writable: indexes built in memory"))]
    from dualuse import indexstore

    key, why = indexstore.read_key(create=False)
    out.append(Check(name="store key", status="ok" if key else "warn",
                     detail=f"{indexstore.key_file()} (outside the store, mode 600)" if key
                     else f"{why}: indexes are built in memory until a search creates it"))
    return out


def _edition_checks(cat: Catalog) -> list[Check]:
    return [Check(name=f"edition {e.id}", status="ok" if e.verified else "warn",
                  detail=e.label() + ("" if e.verified else
                                      f": {e.source_file or 'unknown file'} is not a known "
                                      f"official file (sha256 {(e.source_sha256 or '-')[:16]})"))
            for e in cat.editions if e.kind == "official"]


def _index_check(cat: Catalog) -> Check:
    from dualuse import indexstore
    from dualuse.index import index_key, open_index

    try:
        status, detail = indexstore.check(index_key(cat))
        if status == "fail":  # damaged or planted: rebuild it, then prove the new one
            open_index(cat)
            indexstore.last_repair = None
            again, _ = indexstore.check(index_key(cat))
            return Check(name="index", status="warn" if again == "ok" else "fail",
                         detail=f"{detail}: " + ("rebuilt" if again == "ok"
                                                 else "could not be rebuilt"))
        if indexstore.last_repair:  # found (and repaired) earlier in this process: report once
            repaired, indexstore.last_repair = indexstore.last_repair, None
            return Check(name="index", status="warn", detail=repaired)
        return Check(name="index", status=status, detail=detail)
    except Exception as exc:  # report, don't crash: this command exists to diagnose
        return Check(name="index", status="fail", detail=f"{type(exc).__name__}: {exc}")


def _cache_check() -> Check:
    """The HS code cache (``DUALUSE_HOME/cache``) against the nomenclature it was made from: a
    damaged one would make real codes unknown (or invented ones valid); it is removed, and the
    next command writes it again."""
    try:
        cache = store.check_home() / "cache"
        files = sorted(cache.glob("hs-codes-*.txt")) if cache.is_dir() else []
        if not files:
            return Check(name="cache", status="ok", detail="no HS code cache yet")
        from dualuse import hs_nomenclature

        expected = set(hs_nomenclature.nomenclature())
        bad = []
        for f in files:
            try:
                ok = set(f.read_text(encoding="ascii").split()) == expected
            except (OSError, UnicodeDecodeError):
                ok = False
            if not ok:
                f.unlink(missing_ok=True)
                bad.append(f.name)
        if bad:
            hs_nomenclature.existing_codes.cache_clear()
            return Check(name="cache", status="warn",
                         detail=f"HS code cache {bad[0]} did not match the nomenclature: removed, "
                                f"rebuilt on next use")
        return Check(name="cache", status="ok", detail="HS code cache matches the nomenclature")
    except Exception as exc:  # report, don't crash: this command exists to diagnose
        return Check(name="cache", status="fail", detail=f"{type(exc).__name__}: {exc}")
