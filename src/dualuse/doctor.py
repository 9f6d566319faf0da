"""Health checks behind ``dualuse doctor``: versions, bundled data, store, index."""

from __future__ import annotations

import os
import sys
from typing import Literal

from pydantic import BaseModel, ConfigDict

from dualuse import __version__, resources, store

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
    home = store.home()
    existing = home
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    writable = os.access(existing, os.W_OK)
    checks.append(Check(name="store", status="ok" if writable else "warn",
                        detail=f"DUALUSE_HOME {home}" + (
                            "" if writable else " is not writable: indexes built in memory")))
    if cat is not None:
        try:
            from dualuse.index import index_key

            built = (store.index_dir() / index_key(cat)).is_dir()
            checks.append(Check(name="index", status="ok",
                                detail="built" if built
                                else "not built yet (first search builds it)"))
        except Exception as exc:
            checks.append(Check(name="index", status="fail", detail=f"{type(exc).__name__}: {exc}"))
    return Report(version=__version__, python=sys.version.split()[0], checks=tuple(checks))
