"""The bundled chemicals table and CHPL: every CAS check digit, every HS code, every citation."""

from __future__ import annotations

import csv

from tests.conftest import require_source, sources_dir

from dualuse import chemicals as chem
from dualuse.codes import cas, hs


def test_rows_valid() -> None:
    rows = chem.chemicals()
    assert len(rows) >= 140
    for r in rows:
        assert cas.validate(r.cas) == r.cas, r
        assert hs.validate(r.hs) == r.hs and len(r.hs) == 6, r
        assert r.list in chem.LISTS, r
        assert r.name_en and r.name_fr, r
        assert r.citation.startswith(("Chemical Weapons", "Australia Group", "World Customs")), r
        assert "https://" in r.citation, r


def test_lists_complete() -> None:
    rows = chem.chemicals()
    ag = sorted(int(r.item) for r in rows if r.list == "AG-CW")
    assert ag == list(range(1, 67))
    assert len([r for r in rows if r.list == "WCO-GS"]) == 14
    for lst in ("CWC-1", "CWC-2", "CWC-3"):
        assert any(r.list == lst for r in rows)


def test_known_facts() -> None:
    idx = chem.by_cas_index()
    assert {r.list for r in idx["111-48-8"]} == {"CWC-2", "AG-CW"}
    assert idx["111-48-8"][0].hs == "293070"
    assert idx["107-44-8"][0].list == "CWC-1" and "ML7" in idx["107-44-8"][0].entries
    assert idx["75-44-5"][0].hs == "281211"
    assert idx["7722-84-1"][0].list == "WCO-GS"


def test_same_names_and_hs_across_lists() -> None:
    for number, rows in chem.by_cas_index().items():
        assert len({(r.name_en, r.hs) for r in rows}) == 1, number


def test_chpl_matches_source() -> None:
    tiers = chem.chpl()
    assert len(tiers) == 50 and tiers["854231"] == "1"
    assert all(hs.is_valid(c) for c in tiers)
    path = require_source(sources_dir() / "chpl" / "chpl.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        assert {r["hs6"]: r["tier"] for r in csv.DictReader(f)} == tiers
