"""``dualuse lists coverage``: both lists, per category and per regime; EU entries that Wassenaar
also has are counted with the Wassenaar knowledge base's facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import require_source, sources_dir

from dualuse.coverage import Coverage, ListCoverage, coverage

SMALL = Path(__file__).parent / "fixtures" / "eu" / "annex-i-small.json"
EU_JSON = sources_dir() / "eu-2021-821" / "annex-i-02021R0821-20251115.json"


def _import(path: Path) -> None:
    from dualuse.catalog import clear_caches
    from dualuse.importer import import_file

    import_file(path)
    clear_caches()


def _list(result: Coverage, list_id: str) -> ListCoverage:
    return next(r for r in result.lists if r.id == list_id)


def test_both_lists_per_category_and_regime() -> None:
    _import(SMALL)
    result = coverage(has_criteria=lambda lid, code: (lid, code) == ("eu-2021-821", "0B001"))
    eu = _list(result, "eu-2021-821")
    assert (eu.entries, eu.shared, eu.official_text) == (4, 1, True)
    assert {c.category: c.entries for c in eu.categories} == {"0": 1, "1": 1, "2": 1, "6": 1}
    regimes = {g.regime: g for g in eu.regimes}
    assert {r: g.entries for r, g in regimes.items()} == {"nsg": 1, "ag": 2, "wassenaar": 1}
    # 6A003 is counted with the Wassenaar knowledge base's titles, keywords and HS codes
    shared = regimes["wassenaar"]
    assert (shared.shared, shared.with_title_en, shared.with_title_fr, shared.with_hs) == \
        (1, 1, 1, 1)
    # the EU-only entries of the fixture have official text only: no facts of ours yet
    assert regimes["ag"].with_title_en == 0
    assert (eu.with_criteria, regimes["nsg"].with_criteria) == (1, 1)
    wa = _list(result, "wassenaar-2025")
    assert wa.shared == 0 and wa.entries > 150
    assert {g.regime for g in wa.regimes} == {"wassenaar", "wassenaar-ml"}


def test_cli_tables_name_the_regimes(capsys: pytest.CaptureFixture[str]) -> None:
    from dualuse.cli.app import main

    _import(SMALL)
    assert main(["lists", "coverage"]) == 0
    out = capsys.readouterr().out
    assert "eu-2021-821: per regime" in out and "1 use another list's facts" in out
    assert main(["lists", "coverage", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in data["lists"]] == ["wassenaar-2025", "eu-2021-821"]


@pytest.mark.real_data
def test_real_eu_list_counts() -> None:
    _import(require_source(EU_JSON))
    eu = _list(coverage(has_criteria=lambda lid, code: False), "eu-2021-821")
    assert (eu.entries, eu.shared) == (384, 162)
    assert {g.regime: g.entries for g in eu.regimes} == {
        "wassenaar": 162, "mtcr": 100, "nsg": 94, "ag": 11, "cwc": 1, "eu": 16}
    assert {c.category: c.entries for c in eu.categories} == {
        "0": 15, "1": 93, "2": 55, "3": 51, "4": 13, "5": 13, "6": 36, "7": 37, "8": 8,
        "9": 63}
