"""Properties of the engine (hypothesis): red flags, listed items and sanctioned destinations never
make a verdict more permissive; the same declaration always gives the same result; uncertain
items never end in ``no-licence-required``."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dualuse.catalog import open_catalog
from dualuse.licensing.engine import check, severity
from dualuse.licensing.rules import load_rules

ON = dt.date(2026, 11, 23)
CODES = ["6A003.b.4", "3A001.a.1", "5A002.a", "5A004.a", "9A012.a", "1C001", "ML13.d.1",
         "ML15.a", "6A003", "4A003", "9Z999", "6A", "not a code", "1C350.24"]
GOODS = [{"hs_code": "090121", "description": "Roasted coffee beans"},
         {"hs_code": "852589", "description": "thermal camera"},
         {"hs_code": "610910", "description": "cotton t-shirts"},
         {"description": "laser rangefinder module"},
         {"hs_code": "281111", "cas": ["7664-39-3"]},
         {}]
NON_MS = ["US", "JP", "CH", "CN", "RU", "BY", "KP", "IR", "VE", "IN", "BR", "AE", "TR", "MA"]
MS = ["FR", "DE", "NL", "IT", "BE"]

pytestmark = pytest.mark.filterwarnings("ignore")
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def ctx():  # type: ignore[no-untyped-def]
    return {"catalog": open_catalog(), "rules": load_rules(), "on": ON}


def _item(line: int, code: str | None, goods: dict) -> dict:  # type: ignore[type-arg]
    item = {"line": line, **goods}
    if code is not None:
        item["control_code"] = code
    return item


items_st = st.lists(st.tuples(st.one_of(st.none(), st.sampled_from(CODES)),
                              st.sampled_from(GOODS)), min_size=1, max_size=4)
flags_st = st.fixed_dictionaries({k: st.booleans() for k in
                                  ("wmd", "military", "cyber_surveillance",
                                   "informed_by_authority")})


@st.composite
def declarations(draw):  # type: ignore[no-untyped-def]
    procedure = draw(st.sampled_from(["export", "re-export", "transit", "intra-eu-transfer"]))
    d = {"procedure": procedure, "end_use": draw(flags_st),
         "items": [_item(i + 1, c, g) for i, (c, g) in enumerate(draw(items_st))]}
    if procedure == "intra-eu-transfer":
        d["exporter_country"], d["destination_country"] = draw(st.sampled_from(MS)), draw(
            st.sampled_from(MS))
    elif procedure == "transit":
        d["exporter_country"] = draw(st.sampled_from(NON_MS))
        d["transit_country"] = draw(st.sampled_from(MS))
        d["destination_country"] = draw(st.sampled_from(NON_MS))
    else:
        d["exporter_country"] = draw(st.sampled_from(MS))
        d["destination_country"] = draw(st.sampled_from(NON_MS))
    return d


def _severities(result) -> dict[int, int]:  # type: ignore[no-untyped-def]
    return {i.line: severity(i.verdict) for i in result.items}


@SETTINGS
@given(d=declarations(), flag=st.sampled_from(["wmd", "military", "cyber_surveillance",
                                               "informed_by_authority"]))
def test_a_red_flag_never_makes_a_verdict_more_permissive(ctx, d, flag) -> None:  # type: ignore[no-untyped-def]
    before = _severities(check(d, **ctx))
    flagged = {**d, "end_use": {**d["end_use"], flag: True}}
    after = _severities(check(flagged, **ctx))
    assert all(after[k] >= v for k, v in before.items())


@SETTINGS
@given(d=declarations(), code=st.sampled_from(["6A003.b.4", "3A001.a.1", "ML13.d.1", "5A004.a",
                                               "9Z999"]))
def test_adding_a_listed_item_never_makes_a_verdict_more_permissive(ctx, d, code) -> None:  # type: ignore[no-untyped-def]
    before = check(d, **ctx)
    extra = {"line": 99, "control_code": code}
    after = check({**d, "items": [*d["items"], extra]}, **ctx)
    assert severity(after.verdict) >= severity(before.verdict)
    assert _severities(after) == {**_severities(before), 99: _severities(after)[99]}


@SETTINGS
@given(d=declarations(), dest=st.sampled_from(["RU", "BY", "KP", "IR"]))
def test_a_sanctioned_destination_never_makes_a_verdict_more_permissive(ctx, d, dest) -> None:  # type: ignore[no-untyped-def]
    if d["procedure"] == "intra-eu-transfer":
        return
    base = {**d, "destination_country": "US"}
    before = _severities(check(base, **ctx))
    after = _severities(check({**d, "destination_country": dest}, **ctx))
    assert all(after[k] >= v for k, v in before.items())
    assert all(v >= severity("review-required") for v in after.values())


@SETTINGS
@given(d=declarations())
def test_same_declaration_same_result(ctx, d) -> None:  # type: ignore[no-untyped-def]
    assert check(d, **ctx) == check(d, **ctx)


@SETTINGS
@given(d=declarations())
def test_uncertain_never_free_and_every_item_cites_a_rule(ctx, d) -> None:  # type: ignore[no-untyped-def]
    for item in check(d, **ctx).items:
        assert item.legal_basis, item
        if item.control_status == "uncertain":
            assert severity(item.verdict) >= severity("review-required")
        if item.verdict == "no-licence-required" and item.control_status != "not-listed":
            # the one way a listed item is free: an intra-EU transfer of a dual-use item that the
            # verified Annex IV row does not touch, in full, in part or below (Art. 11(1))
            annex = ctx["rules"].by_id["EU821-ANNEX-IV"]
            assert d["procedure"] == "intra-eu-transfer", item
            assert item.control_status == "listed" and item.control_code, item
            assert annex.verified and annex.items is not None
            code = item.control_code
            assert not annex.items.covers(code) and not annex.partial_for(code), item
            assert not annex.items.included_below(code), item
            assert "EU821-ART11-1" in {c.rule_id for c in item.legal_basis}, item
