"""Quantities in free text, unit table, threshold extraction, generated thresholds, catalog
attach."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dualuse.catalog import open_catalog, parameter_files
from dualuse.errors import InputError
from dualuse.model import Parameter
from dualuse.parameters import UNITS, compare, extract_thresholds, find_quantities, parse_unit

CASES = [
    ("70 GHz", "en", [("70", "GHz")]),
    ("20 kW", "en", [("20", "kW")]),
    ("0,5 mrad", "fr", [("0.5", "mrad")]),
    ("1 024 x 768 pixels", "en", [("1024", "px"), ("768", "px")]),
    ("caméra 640x512", "fr", [("640", "px"), ("512", "px")]),
    ("12 µm pitch", "en", [("12", "um")]),
    ("pas de 12 µm", "fr", [("12", "um")]),
    ("bias stability 0.001 deg/h", "en", [("0.001", "deg/h")]),
    ("1 °/h gyro bias", "en", [("1", "deg/h")]),
    ("20 micro-g", "en", [("20", "ug")]),
    ("160 dB", "en", [("160", "dB")]),
    ("4000 msw", "en", [("4000", "msw")]),
    ("4 000 m depth", "fr", [("4000", "m")]),
    ("40 minute endurance, 5 km link", "en", [("40", "min"), ("5", "km")]),
    ("99.9999 percent", "en", [("99.9999", "%")]),
    ("1,5 J", "fr", [("1.5", "J")]),
    ("-40 °C", "en", [("-40", "degC")]),
    ("2.5 W/cm2", "en", [("2.5", "W/cm2")]),
    ("10 ns pulses at 500 MHz", "en", [("10", "ns"), ("500", "MHz")]),
    ("2-18 GHz", "en", [("2", "GHz"), ("18", "GHz")]),
    ("1\u202f400 nm", "fr", [("1400", "nm")]),
    ("Titanium 5-axis mill, model X2000", "en", []),
]


@pytest.mark.parametrize("text, lang, expected", CASES)
def test_find_quantities(text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    got = [(format(q.value.normalize(), "f"), q.unit) for q in find_quantities(text, lang)]
    assert got == expected


def test_context_and_spans() -> None:
    text = "MEMS IMU, bias stability 0.5 deg/h"
    (q,) = find_quantities(text)
    assert q.context == "bias stability" and text[q.start:q.end] == q.text
    assert q.base_value == Decimal("0.5") * UNITS["deg/h"][1]


def test_units_round_trip_and_unknown() -> None:
    for symbol in UNITS:
        if symbol == "g_mass":
            continue
        assert parse_unit(symbol)[0] == symbol
    assert parse_unit("µm")[0] == "um" and parse_unit("°C")[0] == "degC"
    with pytest.raises(InputError):
        parse_unit("furlongs")


@pytest.mark.parametrize("text, value, unit, expected", [
    ("70 GHz", "43.5", "GHz", "meets"), ("40 GHz", "43.5", "GHz", "fails"),
    ("0.05 THz", "43.5", "GHz", "meets"), ("20 kW", "43.5", "GHz", "incomparable"),
])
def test_compare_gt(text: str, value: str, unit: str, expected: str) -> None:
    p = Parameter(quantity="frequency", comparator="gt", value=Decimal(value), unit=unit)
    assert compare(find_quantities(text)[0], p) == expected


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-1000, max_value=1000, places=3),
       st.decimals(min_value=-1000, max_value=1000, places=3),
       st.sampled_from(["gt", "ge", "lt", "le"]))
def test_compare_agrees_with_comparator(v: Decimal, t: Decimal, cmp: str) -> None:
    q = find_quantities(f"{v} mm")
    if not q:
        return
    p = Parameter(quantity="x", comparator=cmp, value=t, unit="mm")  # type: ignore[arg-type]
    want = {"gt": v > t, "ge": v >= t, "lt": v < t, "le": v <= t}[cmp]
    assert compare(q[0], p) == ("meets" if want else "fails")


@pytest.mark.parametrize("text, expected", [
    ("a frequency exceeding 43.5 GHz", ["frequency > 43.5 GHz"]),
    ("an average output power greater than or equal to 20 W", ["average output power ≥ 20 W"]),
    ("a wavelength of 500 nm or more but not exceeding 1,300 nm",
     ["wavelength ≥ 500 nm", "wavelength ≤ 1300 nm"]),
    ("a peak power exceeding 1 kW and a pulse duration of less than 10 ns",
     ["peak power > 1 kW", "pulse duration < 10 ns"]),
    ("designed for use at 20 GHz", []),
    # our own wording in the forms the list uses
    ("a drift less (better) than or equal to 0.02 degree per square root hour",
     ["drift ≤ 0.02 deg/rt-h"]),
    ("an insertion loss better (less) than 0.7 dB", ["insertion loss < 0.7 dB"]),
    ("a slew rate less (lower) than 300 deg/s", ["slew rate < 300 deg/s"]),
    ("a slew rate equal to or greater (higher) than 300 deg/s", ["slew rate ≥ 300 deg/s"]),
    ("a spot size smaller than 40 nm", ["spot size < 40 nm"]),
    ("a beam width equal to or smaller than 12 nm", ["beam width ≤ 12 nm"]),
    ("an emission wavelength shorter than 200 nm", ["emission wavelength < 200 nm"]),
    ("tuning beyond 95 GHz", ["tuning > 95 GHz"]),
    ("a deflection exceeding ± 7°", ["deflection > 7 deg"]),
    ("nozzles of 0.25 mm or smaller", ["nozzles ≤ 0.25 mm"]),
    ("a pointing error of 50 µrad (microradians) or less", ["pointing error ≤ 50 urad"]),
    ("an output of 60 W (47.8 dBm) or more", ["output ≥ 60 W"]),
])
def test_extract_thresholds(text: str, expected: list[str]) -> None:
    assert [p.describe() for p in extract_thresholds(text, "9X999.a")] == expected


def test_generated_file_is_reproducible_from_the_pdf(wassenaar_pdf) -> None:  # type: ignore[no-untyped-def]
    from dualuse.parameters import generate_file as generate
    from dualuse.sources.wassenaar_pdf import read_pdf

    committed = next(p for p in parameter_files() if p.name == "generated.xml")
    assert generate(read_pdf(wassenaar_pdf)) == committed.read_bytes()


def test_generated_thresholds_cover_the_technical_groups() -> None:
    from dualuse.sources.parameters_xml import load

    params = load(parameter_files())["wassenaar-2025"]
    groups = {p.applies_to[:2] for p in params if p.applies_to}
    assert {"3A", "3B", "5A", "6A", "7A", "9A"} <= groups
    assert len(params) > 1100


def test_parameters_attach_to_nearest_existing_node() -> None:
    cat = open_catalog()
    # no official text imported: 3A001.b.2's threshold sits on the deepest KB node above it
    lv = cat.lists["wassenaar-2025"]
    holders = [n for n in lv.nodes.values() for p in n.parameters if p.applies_to == "3A001.b.2.a"]
    assert holders, "3A001.b.2.a's thresholds were not attached"
    assert all("3A001.b.2.a".startswith(h.code) for h in holders)
