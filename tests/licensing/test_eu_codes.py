"""EU list codes declared on a line get real verdicts (issue 13, point 3 "check"), and Annex IV in
the 2025 numbering decides intra-EU transfers: items named in full need a transfer authorisation,
items Annex IV takes only in part or under a condition are held with that condition named, and
nothing it touches is ever cleared."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from tests.conftest import require_source, sources_dir

from dualuse.catalog import open_catalog
from dualuse.licensing.engine import ItemResult, check
from dualuse.licensing.rules import load_rules

ON = dt.date(2026, 11, 29)
EU_JSON = sources_dir() / "eu-2021-821" / "annex-i-02021R0821-20251115.json"


def one(code: str, to: str = "CN", procedure: str = "export", frm: str = "FR") -> ItemResult:
    decl = {"procedure": procedure, "exporter_country": frm, "destination_country": to,
            "items": [{"line": 1, "control_code": code}]}
    (r,) = check(decl, on=ON).items
    return r


def cited(r: ItemResult) -> set[str]:
    return {c.rule_id for c in r.legal_basis}


def reasons(r: ItemResult) -> str:
    return " ".join(t.en for t in r.reasons)


# --- exports of the EU list's own entries -------------------------------------------------------
@pytest.mark.parametrize("code", [
    "2B352",      # x3xx: Australia Group biological equipment (the example)
    "0B001",      # Category 0: isotope separation plant
    "9A104",      # x1xx: MTCR sounding rockets
    "1B226",      # x2xx: NSG electromagnetic isotope separators
    "1C351.d.4",  # x3xx sub-item: ricin
    "4A507",      # x5xx: the EU's own high-performance computing entry
])
def test_eu_only_code_to_china_needs_a_licence(code: str) -> None:
    r = one(code)
    assert r.control_status == "listed" and r.control_code == code
    assert r.verdict == "licence-required"
    assert "EU821-ART3-1" in cited(r)
    assert "not in the lists" not in reasons(r)


def test_eu_only_entry_outside_the_exclusions_may_use_eu001() -> None:
    r = one("2B352", to="US")
    assert r.verdict == "general-authorisation-available"
    assert [a.code for a in r.authorisations] == ["EU001"]


@pytest.mark.parametrize("code", [
    "0B001", "0C002",          # all of Category 0 is excluded from the UGEAs
    "1C351.d.4", "1C353",      # Annex II Section I: pathogens, genetic elements
    "9A004.a",                 # Annex IV's space launch vehicles, in the 2025 numbering
    "7B103.a",                 # Annex IV's 7B103 is 7B103.a since 7B103 took in 7B103.b
])
def test_annex_iv_and_section_i_items_never_get_eu001(code: str) -> None:
    r = one(code, to="US")
    assert r.verdict == "licence-required"
    assert not r.authorisations


def test_renumbered_entry_level_code_is_a_route_only() -> None:
    """9A004 now also holds spacecraft (9A004.b...), which EU001 covers; a declared 9A004 may be
    the excluded launch vehicle, so EU001 is named as a route and the sub-item asked for."""
    r = one("9A004", to="US")
    assert r.verdict == "licence-required"
    assert "EU001" in r.other_routes
    assert "9A004.a" in reasons(r)
    assert one("9A004.b", to="US").verdict == "general-authorisation-available"


# --- intra-EU transfers: Annex IV in the 2025 numbering ------------------------------------------
@pytest.mark.parametrize("code", ["0B001", "0A001.a", "0C004", "1C351.d.4", "1C351.d.5",
                                  "1B233.a", "5A004.a", "6A001.a.2.b", "1A007.b.2", "3A228"])
def test_item_named_in_full_needs_a_transfer_authorisation(code: str) -> None:
    r = one(code, to="DE", procedure="intra-eu-transfer")
    assert r.verdict == "licence-required"
    assert {"EU821-ART11-1", "EU821-ANNEX-IV"} <= cited(r)


@pytest.mark.parametrize(("code", "condition"), [
    ("0C003", "nuclear reactor"),
    ("0C002", "separated plutonium"),
    ("0D001", "0C001"),
    ("3A231", "tritium-deuterium"),
    ("6A203.a.1", "rotating-mirror"),
    ("6A203", "rotating-mirror"),          # broader than the items Annex IV names
    ("9A004", "500 kg"),                   # Annex IV's 9A004 is 9A004.a in 2025
    ("9A004.a", "European Space Agency"),  # MTCR items: the exemptions are named
    ("7B103", "7A117"),
    ("1B233.c", "competent authority"),    # added to Annex I after Annex IV was written
    ("6D003.a.5", "competent authority"),
    ("1A007", "several controlled detonators"),
])
def test_item_taken_in_part_is_held_with_its_condition(code: str, condition: str) -> None:
    r = one(code, to="DE", procedure="intra-eu-transfer")
    assert r.verdict == "review-required"
    assert "EU821-ANNEX-IV" in cited(r)
    assert condition in reasons(r)


@pytest.mark.parametrize("code", ["0C001", "2B352", "6A003.b.4", "9A004.b", "1C351.d.1",
                                  "3A231.b.2"])
def test_listed_item_outside_annex_iv_moves_freely(code: str) -> None:
    """Annex IV is verified, so what it does not touch is free under Art. 11(1)."""
    r = one(code, to="DE", procedure="intra-eu-transfer")
    if code == "3A231.b.2":  # below the partially taken 3A231: still held
        assert r.verdict == "review-required"
        return
    assert r.verdict == "no-licence-required"
    assert "EU821-ART11-1" in cited(r)


def test_annex_iv_row_matches_the_knowledge_base_marks() -> None:
    """Two independent encodings: every node the EU knowledge base marks annexIV is taken in by
    the Annex IV row, in full or in part."""
    annex = load_rules().by_id["EU821-ANNEX-IV"]
    assert annex.items is not None and annex.verified
    marked = [n.code for _, n in open_catalog().nodes() if n.annex_iv]
    assert marked, "the EU knowledge base marks no Annex IV node"
    missing = [c for c in marked if not (annex.items.covers(c) or annex.partial_for(c))]
    assert missing == []


# --- against the official consolidated Annex I (2025) -------------------------------------------
def _official_codes() -> tuple[set[str], str]:
    data = json.loads(require_source(EU_JSON).read_text(encoding="utf-8"))
    codes: set[str] = set()
    for e in data["entries"]:
        codes.add(e["entry_code"])
        for line in [*e["verbatim_text"].split("\n"), *e.get("parameters", [])]:
            m = re.match(r"(\d[A-E]\d{3}(?:\.[a-z0-9]+)*)", line)
            if m:
                codes.add(m.group(1))
    return codes, data["gea_common_list"]


@pytest.mark.real_data
def test_every_code_of_annex_iv_and_the_ugea_rows_exists_in_annex_i_2025() -> None:
    codes, _ = _official_codes()
    rs = load_rules()
    for row in rs.by_id.values():
        if row.kind not in ("annex-iv", "ugea") or row.items is None:
            continue
        used = [*row.items.include, *row.items.exclude, *(c for p in row.partial for c in p.codes)]
        unknown = [c for c in used if len(c) > 2 and c not in codes]
        assert unknown == [], row.id


@pytest.mark.real_data
def test_section_i_exclusions_of_2025_are_all_held() -> None:
    """Annex II Section I as consolidated in 2025 (the items no UGEA covers) is inside the EU001
    exclusions, Category 0 included."""
    _, common = _official_codes()
    # the code that opens each item (a line, or an indent dash), not codes cited inside its text
    named = set(re.findall(r"(?:^|\n|\u2014 )(\d[A-E]\d{3}(?:\.[a-z0-9]+)*)", common))
    assert {"1C351", "1C353", "1C354", "7E104", "9A117", "1A102"} <= named
    eu001 = load_rules().by_id["EU821-EU001"]
    assert eu001.items is not None
    for code in named:
        assert eu001.items.excluded(code), code
