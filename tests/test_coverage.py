"""``dualuse lists coverage``: both lists, per category and per regime; EU entries that Wassenaar
also has are counted with the Wassenaar knowledge base's facts, the others with our EU knowledge
base's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import require_source, sources_dir

from dualuse.coverage import Coverage, ListCoverage, coverage

SMALL = Path(__file__).parent / "fixtures" / "eu" / "annex-i-small.json"
EU_JSON = sources_dir() / "eu-2021-821" / "annex-i-02021R0821-20251115.json"


def _import(path: Path, *, force: bool = False) -> None:
    from dualuse.catalog import clear_caches
    from dualuse.importer import import_file

    import_file(path, force=force)
    clear_caches()


def _criteria_on_0b001(list_id: str, code: str) -> bool:
    return (list_id, code) == ("eu-2021-821", "0B001")


def _list(result: Coverage, list_id: str) -> ListCoverage:
    return next(r for r in result.lists if r.id == list_id)


def test_both_lists_per_category_and_regime() -> None:
    kb = _list(coverage(has_criteria=_criteria_on_0b001), "eu-2021-821")  # our EU KB alone
    assert (kb.shared, kb.official_text) == (0, False)
    _import(SMALL, force=True)  # 4 entries of the list: the import gate wants --force
    result = coverage(has_criteria=_criteria_on_0b001)
    eu = _list(result, "eu-2021-821")
    # the knowledge base holds 0B001, 1C350 and 2B352 but leaves 6A003 (x0xx) to Wassenaar: the
    # fixture adds that one entry, in category 6, counted as shared
    assert (eu.entries, eu.shared, eu.official_text) == (kb.entries + 1, 1, True)
    before = {c.category: c.entries for c in kb.categories}
    assert {c.category: c.entries for c in eu.categories} == {**before, "6": before["6"] + 1}
    regimes = {g.regime: g for g in eu.regimes}
    assert {r for r in regimes if r not in {g.regime for g in kb.regimes}} == {"wassenaar"}
    # 6A003 is counted with the Wassenaar knowledge base's titles, keywords and HS codes
    shared = regimes["wassenaar"]
    assert (shared.entries, shared.shared, shared.with_title_en, shared.with_title_fr,
            shared.with_hs) == (1, 1, 1, 1, 1)
    # the EU-only entries (1C350, 2B352: ag) keep the facts of our EU knowledge base
    assert regimes["ag"].with_title_en == regimes["ag"].entries == \
        next(g for g in kb.regimes if g.regime == "ag").entries
    assert (eu.with_criteria, regimes["nsg"].with_criteria) == (1, 1)
    wa = _list(result, "wassenaar-2025")
    assert wa.shared == 0 and wa.entries > 150
    assert {g.regime for g in wa.regimes} == {"wassenaar", "wassenaar-ml"}


def test_cli_tables_name_the_regimes(capsys: pytest.CaptureFixture[str]) -> None:
    from dualuse.cli.app import main

    _import(SMALL, force=True)  # 4 entries of the list: the import gate wants --force
    assert main(["lists", "coverage"]) == 0
    out = capsys.readouterr().out
    assert "eu-2021-821: per regime" in out and "entries that use another list's facts: 1" in out
    assert main(["lists", "coverage", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "reprennent les faits d'une autre liste\u202f: 1" in out
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
