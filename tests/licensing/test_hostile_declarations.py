"""Issue 12, point 1: crafted declarations of listed, nuclear and chemical-weapons goods never get
``no-licence-required``. Each attack of the issue is a row; the property test builds random
declarations from listed goods (the project's development sets) with noise, both languages, HS
codes (related and unrelated) and end-use flags."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dualuse.licensing.engine import check
from dualuse.line import codes_in_text

ON = dt.date(2026, 11, 29)
BASE = {"procedure": "export", "exporter_country": "FR", "destination_country": "CN"}
REPO = Path(__file__).resolve().parents[2]
ZW = "\u200b"


ATTACKS = [
    # the CAS number of thiodiglycol (CWC Schedule 2) written in the text only
    {"description": "industrial chemical 111-48-8, 200 kg drums"},
    {"description": "industrial chemical 111-48-8, 200 kg drums", "hs_code": "290919"},
    # nuclear goods under their own (unlinked) HS headings
    {"description": "Gas centrifuge rotor assembly for uranium isotope separation",
     "hs_code": "840120"},
    {"description": "Heavy water (deuterium oxide), 99.8 % D2O", "hs_code": "284510"},
    {"description": "Natural uranium metal ingots", "hs_code": "284410"},
    {"hs_code": "840120"}, {"hs_code": "284410"}, {"hs_code": "284510"}, {"hs_code": "930190"},
    {"hs_code": "360300"}, {"hs_code": "880610"},
    # a language the library does not read
    {"description": "Wärmebildkamera ungekühlt 640x512, 12 µm", "hs_code": "852589"},
    {"description": "Wärmebildkamera ungekühlt 640x512, 12 µm", "hs_code": "090111"},
    {"description": "тепловизионная камера 640x512", "hs_code": "090111"},
    # zero-width characters and Cyrillic look-alikes inside the words
    {"description": f"uncooled the{ZW}rmal ima{ZW}ging ca{ZW}mera core 640x512",
     "hs_code": "090111"},
    {"description": "uncooled th\u0435rmal imaging c\u0430mera core 640x512", "hs_code": "090111"},
    {"description": "u n c o o l e d thermal imaging camera core", "hs_code": "090111"},
    # a control code written in the description
    {"description": "goods classified 6A003.b.4 per exporter", "hs_code": "090111"},
    {"description": "spare parts, export classification ML8", "hs_code": "090111"},
    # a nuclear-grade material with an unrelated HS code
    {"description": "maraging steel 350 bar", "hs_code": "090111"},
    {"description": "fermenter 100 L, sterilisable in place, closed system", "hs_code": "842199"},
]


@pytest.mark.parametrize("item", ATTACKS, ids=lambda i: (i.get("description") or i["hs_code"])[:40])
def test_crafted_declarations_are_never_released(item: dict) -> None:  # type: ignore[type-arg]
    res = check({**BASE, "items": [{"line": 1, **item}]}, on=ON)
    assert res.items[0].verdict != "no-licence-required", res.items[0].explanation.en


def test_every_piece_of_evidence_reaches_the_verdict() -> None:
    res = check({**BASE, "items": [
        {"line": 1, "description": "industrial chemical 111-48-8, 200 kg drums"},
        {"line": 2, "description": "goods classified 6A003.b.4 per exporter"},
    ]}, on=ON)
    assert [i.verdict for i in res.items] == ["licence-required", "licence-required"]
    assert res.items[0].control_code == "1C350.1"
    assert res.items[1].control_code == "6A003.b.4"


def test_codes_in_text() -> None:
    assert codes_in_text("classified 6A003.b.4 per exporter; see also ML8 and 1C350.24") == \
        ["6A003.b.4", "ML8", "1C350.24"]
    assert codes_in_text("bottles of 500 ml, 12 x 1 L, model X6A0031") == []


def test_ordinary_goods_under_an_unlinked_heading_are_released() -> None:
    """Fail closed is not hold everything: a readable line that comes near no entry, under an HS
    heading no entry falls under, is not listed."""
    res = check({**BASE, "items": [{"line": 1, "description": "fresh tomatoes, 10 kg crates",
                                    "hs_code": "070200"}]}, on=ON)
    assert res.items[0].verdict == "no-licence-required"


# --- the property test ----------------------------------------------------------------------------
def _listed_lines() -> list[dict]:  # type: ignore[type-arg]
    rows = []
    shared = REPO.parent / "shared" / "eval" / "dev_classify.jsonl"  # when present beside us
    for path in [*sorted((REPO / "benchmarks" / "data").glob("*.jsonl")), shared]:
        if path.is_file() and path.name.startswith(("probe_", "dev_")):
            rows += [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()
                     if x.strip()]
    # a ranking row whose goods a note releases (a consumer smartphone, a hunting shotgun) names
    # its entry in "expect" and why it is released in "released": not listed goods
    return [r for r in rows if r.get("expect") and not r.get("released")]


LINES = _listed_lines()
# HS codes: the goods' own (when given), ones that are plainly unrelated, and none
HS_CHOICES = ["090111", "610910", "070200", "940161", "392690", "847130", "851712", None]
NOISE = [
    lambda s, r: s,
    lambda s, r: s.upper(),
    lambda s, r: f"Lot {r.randint(1, 99)}: {s}, {r.randint(1, 500)} pcs",
    lambda s, r: s.replace("e", "\u0435", 2),                     # Cyrillic e
    lambda s, r: ZW.join(s[i:i + 3] for i in range(0, len(s), 3)),
    lambda s, r: s.replace(" ", "  ") + " - urgent shipment",
    lambda s, r: f"{s} (ref. {r.randint(1000, 9999)})",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_listed_goods_are_never_released(data: st.DataObject) -> None:
    assert len(LINES) >= 90, "the development sets should be bundled in benchmarks/data"
    r = random.Random(data.draw(st.integers(0, 2**32)))
    items = []
    for line in range(1, data.draw(st.integers(1, 4)) + 1):
        row = data.draw(st.sampled_from(LINES))
        noisy = data.draw(st.sampled_from(NOISE))(row["description"], r)
        hs = data.draw(st.sampled_from([row.get("hs"), *HS_CHOICES]))
        items.append({"line": line, "description": noisy[:2000],
                      **({"hs_code": hs} if hs else {})})
    decl = {"procedure": "export", "exporter_country": data.draw(st.sampled_from(["FR", "DE"])),
            "destination_country": data.draw(st.sampled_from(["CN", "US", "JP", "BR", "IN"])),
            "end_use": {"military": data.draw(st.booleans()), "wmd": data.draw(st.booleans())},
            "items": items}
    res = check(decl, on=ON)
    for item, result in zip(items, res.items, strict=True):
        assert result.verdict != "no-licence-required", (item, result.explanation.en)
