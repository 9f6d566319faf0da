"""Union general export authorisations (Annex II, EU001-EU008) and Annex IV as encoded in
``data/rules/eu-2021-821.json``, asserted through the public engine on the bundled lists and
rules: a UGEA is offered only for a covered item and a checked destination, never for an item
excluded by Annex II Section I / Annex IV, never to a sanctioned destination, and the
authorisations that need facts a declaration does not carry (EU003, EU004, EU007) or whose
destinations move (EU008) are routes, never the verdict."""

from __future__ import annotations

import datetime as dt

import pytest

from dualuse.licensing.engine import ItemResult, check
from dualuse.licensing.rules import load_rules

ON = dt.date(2026, 11, 23)


def one(code: str, to: str, procedure: str = "export", frm: str = "FR") -> ItemResult:
    result = check({"procedure": procedure, "exporter_country": frm, "destination_country": to,
                    "items": [{"line": 1, "control_code": code}]}, on=ON)
    (item,) = result.items
    return item


def offered(item: ItemResult) -> set[str]:
    return {a.code for a in item.authorisations}


# --- offered for a covered item and a checked destination ----------------------------------------
@pytest.mark.parametrize(("code", "to", "ugea"), [
    ("5A001.b.2", "CN", "EU005"),      # telecom, China
    ("5A001.c", "HK", "EU005"),        # China includes Hong Kong
    ("5A001.d", "UA", "EU005"),
    ("3A002.c", "KR", "EU002"),        # signal analysers, South Korea
    ("1C003.b", "AR", "EU002"),
    ("3A001.a.10", "ZA", "EU002"),     # a sub-item below a listed EU002 sub-item
    ("1C350.1", "TR", "EU006"),        # thiodiglycol
    ("1C450.a.4", "UA", "EU006"),      # phosgene
    ("6A003.b.4", "US", "EU001"),
    ("3A001.a.1", "IS", "EU001"),
])
def test_ugea_offered_with_its_conditions(code: str, to: str, ugea: str) -> None:
    item = one(code, to)
    assert item.verdict == "general-authorisation-available"
    assert ugea in offered(item)
    (auth,) = [a for a in item.authorisations if a.code == ugea]
    assert auth.rule_id == f"EU821-{ugea}"
    assert auth.conditions and all(c.en and c.fr for c in auth.conditions)
    assert f"EU821-{ugea}" in {c.rule_id for c in item.legal_basis}


def test_eu005_carries_its_own_conditions() -> None:
    (auth,) = one("5A001.b.2", "IN").authorisations
    text = " ".join(c.en for c in auth.conditions)
    assert "re-exported" in text and "interception" in text and "free zone" in text


def test_complete_exclusion_list_drops_the_section_i_condition() -> None:
    (auth,) = one("6A003.b.4", "JP").authorisations
    assert not any("Section I" in c.en and "only part" in c.en for c in auth.conditions)


# --- not on the destination list: licence --------------------------------------------------------
@pytest.mark.parametrize(("code", "to"), [
    ("5A001.b.2", "BR"),     # EU005 does not cover Brazil
    ("5A001.b.2", "IL"),
    ("3A002.c", "CN"),       # EU002 does not cover China
    ("3A002.c", "IN"),
    ("1C350.1", "CN"),       # EU006 does not cover China
    ("1C350.1", "ZA"),
    ("6A003.b.4", "CN"),
])
def test_destination_not_listed_is_licence_required(code: str, to: str) -> None:
    item = one(code, to)
    assert item.verdict == "licence-required"
    assert not item.authorisations


# --- items outside the scope ---------------------------------------------------------------------
@pytest.mark.parametrize(("code", "to"), [
    ("5A004.a", "US"),        # Annex IV (cryptanalysis): excluded from EU001 via Section I
    ("6A001.a.2.b", "JP"),    # Annex IV towed hydrophone arrays
    ("8A002.o.3.b", "NO"),    # Annex IV noise reduction
    ("5D002.c.3.a", "GB"),    # Annex IV cryptanalysis software
    ("9A009.a", "CA"),        # Section I hybrid rocket motors
    ("9A004", "AU"),          # Annex IV names part of 9A004: excluded whole
    ("1C350.4", "TR"),        # EU006 leaves out 1C350.4 (DF)
    ("1C350", "TR"),          # a bare entry is not enough for EU006
    ("5B001", "CN"),          # EU005 covers 5B001 only in part: not offered
    ("5A001.b.5", "CN"),      # not in EU005's list
])
def test_excluded_item_gets_no_ugea(code: str, to: str) -> None:
    item = one(code, to)
    assert item.verdict == "licence-required"
    assert not item.authorisations


# --- sanctions override --------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "to"), [
    ("5A001.b.2", "RU"),      # Russia was deleted from EU005 (2022/699), and is sanctioned
    ("6A003.b.4", "RU"),
    ("5A002.a.2", "BY"),
    ("3A002.c", "KP"),
    ("1C350.1", "IR"),
])
def test_sanctioned_destination_never_gets_a_ugea(code: str, to: str) -> None:
    item = one(code, to)
    assert item.verdict == "prohibited"
    assert not item.authorisations
    assert not {"EU003", "EU004", "EU005", "EU007", "EU008"} & set(item.other_routes)


# --- authorisations that need facts a declaration does not carry: routes only --------------------
def test_repair_and_exhibition_are_routes_not_verdicts() -> None:
    item = one("6A003.b.4", "CN")
    assert item.verdict == "licence-required"
    assert {"EU003", "EU004"} <= set(item.other_routes)


def test_re_export_after_repair_is_still_only_a_route() -> None:
    item = one("6A003.b.4", "IN", procedure="re-export")
    assert item.verdict == "licence-required"
    assert "EU003" in item.other_routes and not item.authorisations


def test_eu004_route_respects_its_item_exclusions() -> None:
    item = one("6A002.a.1.c", "BR")          # EU004 excludes 6A002.a, EU003 6A002.a.1.c
    assert item.verdict == "licence-required"
    assert "EU004" not in item.other_routes and "EU003" not in item.other_routes


def test_intra_group_software_is_a_route() -> None:
    item = one("3E001", "IL")
    assert item.verdict == "licence-required"
    assert "EU007" in item.other_routes
    assert "EU007" not in one("4E001.c", "IL").other_routes   # intrusion software technology
    assert "EU007" not in one("3E001", "CN").other_routes     # China is not an EU007 destination


def test_encryption_eu008_is_a_route_outside_its_excluded_destinations() -> None:
    assert one("5A002.a.2", "BR").verdict == "licence-required"
    assert "EU008" in one("5A002.a.2", "BR").other_routes
    for to in ("CN", "MY", "US"):                             # excluded, or an EU001 destination
        assert "EU008" not in one("5A002.a.2", to).other_routes


# --- Annex IV ------------------------------------------------------------------------------------
def test_annex_iv_items_need_a_transfer_authorisation() -> None:
    for code in ("5A004.a", "6A001.a.2.b", "1C012.b"):
        item = one(code, "DE", procedure="intra-eu-transfer")
        assert item.verdict == "licence-required"
        assert "EU821-ANNEX-IV" in {c.rule_id for c in item.legal_basis}


@pytest.mark.parametrize("code", ["6A001", "6A001.a.1.b", "9E001", "0C003", "7B103"])
def test_annex_iv_never_clears_a_transfer(code: str) -> None:
    # partly in Annex IV, or an entry-level code above Annex IV sub-items: never cleared
    assert one(code, "DE", procedure="intra-eu-transfer").verdict == "review-required"


def test_verified_annex_iv_clears_what_it_does_not_touch() -> None:
    # checked against Annex IV and the 2025 numbering (EU821-ANNEX-IV), so a listed item it does
    # not name moves freely under Art. 11(1)
    item = one("3A001.a.1", "DE", procedure="intra-eu-transfer")
    assert item.verdict == "no-licence-required"
    assert "EU821-ART11-1" in {c.rule_id for c in item.legal_basis}


# --- the rows themselves -------------------------------------------------------------------------
def test_rows_are_checked_and_route_only_rows_have_no_offered_destination() -> None:
    rs = load_rules()
    for n in range(1, 9):
        row = rs.by_id[f"EU821-EU00{n}"]
        assert row.verified and row.checked >= ON
        assert row.items is not None and row.items.exclude_complete
        assert all(c.en and c.fr for c in row.conditions)
    for n in (3, 4, 7):
        row = rs.by_id[f"EU821-EU00{n}"]
        assert not row.countries and row.unverified_countries
    assert rs.by_id["EU821-EU008"].all_destinations_except
    assert "RU" not in {c for n in range(1, 9)
                        for c in (*rs.by_id[f"EU821-EU00{n}"].countries,
                                  *rs.by_id[f"EU821-EU00{n}"].unverified_countries)}
    annex = rs.by_id["EU821-ANNEX-IV"]
    assert annex.verified and annex.partial and annex.note and "2025" in annex.note


def test_entry_level_code_above_an_excluded_sub_item_gets_no_ugea() -> None:
    r = one("6A001", "US")  # Annex IV names 6A001.a.2.b: EU001 cannot be offered for "6A001"
    assert not r.authorisations and r.verdict == "licence-required"
    assert "EU001" in r.other_routes and "6A001.a" in r.explanation.en
    assert one("6A001.a.2.b", "US").verdict == "licence-required"
    # EU005 covers 5A001.b.2/.c/.d: a declared 5A001 may be one of them, or not
    r = one("5A001", "CN")
    assert not r.authorisations and "EU005" in r.other_routes and "5A001.c" in r.explanation.en
