"""Screening decisions on Category 0 (reactor parts, uranium, heavy water and deuterated
chemicals) and Category 6 sensors beyond cameras and lasers (image intensifier tubes 6A002.a.2,
magnetometers 6A006.a, gravity meters 6A007) with the bundled criteria: held and released, EN
and FR.

The lines are our own (not those of benchmarks/data/screening_dev_fam06.jsonl): other makers,
other wordings, both ways of every rule added for these goods."""

from __future__ import annotations

import pytest

from dualuse.parameters import find_quantities

from .screening import decision, reasons


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("noise 3 pT/√Hz at 1 Hz", "3", "pT/rt-Hz"),
    ("sensibilité 0,02 nT/√Hz", "0.02", "nT/rt-Hz"),
    ("static accuracy 5 µGal", "5", "uGal"),
    ("précision 0,5 mGal", "0.5", "mGal"),
    ("photocathode 1 800 µA/lm", "1800", "uA/lm"),
    ("radiant sensitivity 80 mA/W", "80", "mA/W"),
])
def test_sensor_units_are_read(text: str, value: str, unit: str) -> None:
    qs = find_quantities(text)
    assert [(str(q.value), q.unit) for q in qs][:1] == [(value, unit)]


@pytest.mark.parametrize(("text", "code"), [
    # 6A002.a.2.a.3.a: multialkali photocathode over 350 µA/lm
    ("Image intensifier tube 16 mm, multialkali S-25 photocathode, sensitivity 900 µA/lm, "
     "MCP pitch 5 µm", "6A002.a.2"),
    ("Tube intensificateur d'image 18 mm photocathode S-20, sensibilité 600 µA/lm, galette MCP "
     "pas 6 µm", "6A002.a.2"),
    # 6A002.a.2.a.3.b: a GaAs tube needs no figure
    ("Gen 3 tube with GaAs photocathode, 18 mm, autogating, MCP 6 µm", "6A002.a.2"),
    # 6A006.a.2 / .a.3: named technology and a noise floor under the limit
    ("Overhauser magnetometer GSM-19, sensitivity 15 pT/√Hz at 1 Hz", "6A006.a.2"),
    ("Magnétomètre fluxgate triaxial, bruit 4 pT/√Hz à 1 Hz", "6A006.a.3"),
    # 6A007.a: better than 10 µGal
    ("Absolute gravimeter, accuracy 5 µGal", "6A007.a"),
    ("Gravimètre absolu quantique, précision 3 µGal", "6A007.a"),
    # 0A001.f: cladding tubes over 10 kg, even "for" a reactor
    ("Zircaloy cladding tube for nuclear reactor fuel, 2 000 kg", "0A001.f"),
    # 0C003: deuterated NMR solvents are deuterium compounds far above 1:5000
    ("DMSO-d6 99.9 atom % D, 50 g", "0C003"),
    ("Oxyde de deutérium (eau lourde) 99,9 %, 500 g", "0C003"),
    # 6A004.a.3: a composite mirror over 2 kg is not released by the monolithic rule
    ("Miroir allégé composite CFRP, masse 3,5 kg", "6A004.a.3"),
])
def test_controlled_goods_are_listed(text: str, code: str) -> None:
    d = decision(text)
    assert d.status == "listed", (text, reasons(d))
    assert d.code is not None and d.code.startswith(code), (text, d.code, reasons(d))


@pytest.mark.parametrize("text", [
    # 6A006.a.2 / .a.3: noise floors above the limits
    "Proton precession magnetometer, sensitivity 0.5 nT/√Hz",
    "Magnétomètre fluxgate triaxial, bruit 15 pT/√Hz à 1 Hz",
    # 6A006 note: fishery instruments
    "Fishery magnetometer for trawl monitoring, sensitivity 5 pT/√Hz",
    # 6A007.a: 10 µGal or worse; the Worden note
    "Land gravimeter, accuracy 15 µGal",
    "Worden quartz land gravity meter, accuracy 10 µGal",
    "Gravimètre Worden à élément de quartz, précision 20 µGal",
    # 6A004.a.2: a monolithic mirror of 10 kg or less (not a composite of 6A004.a.3)
    "Lightweight monolithic mirror 450 mm, mass 7 kg",
    "Miroir allégé monolithique 400 mm, masse 6 kg",
    # a metal detector holds no optical detector of 6A002
    "Garrett AT Pro metal detector, waterproof",
    "Détecteur de métaux Garrett, disque 28 cm",
    # 6A001.a.1 / .b notes: vertical fish finders and depth sounders
    "Humminbird fish finder, dual beam 83/200 kHz, 4.3 inch display",
    "Sondeur de pêche 50/200 kHz avec GPS, écran 7 pouces",
    # 0A001.f: 10 kg or less of cladding tubes, sold for a reactor
    "Zircaloy cladding tube for nuclear reactor fuel, 6 kg",
    # 0C003: deuterium-depleted water
])
def test_goods_below_or_released_are_not_listed(text: str) -> None:
    d = decision(text)
    assert d.status == "not-listed", (text, d.status, d.code, reasons(d))


@pytest.mark.parametrize("text", [
    # 6A001.a.1.a.3: a deep side scan sonar is not released like a fish finder
    "Side scan sonar towfish rated to 6000 m, 100/400 kHz, along track resolution 10 cm",
    # a noise floor without the technology: which sub-item is not said
    "Magnetometer, noise 5 pT/√Hz",
    # a tube with no figure of its photocathode and no GaAs: the sensitivity decides
    "Image intensifier tube 18 mm, S-25 photocathode",
    # a direct-view device: its detector (6A002.c.2, .c.3) is not said
    "Jumelles de vision nocturne génération 2, sensibilité 280 µA/lm",
    # a GaAs tube, or a good photocathode, but no microchannel plate pitch (6A002.a.2.a.2)
    "Gen 3 tube with GaAs photocathode, 18 mm, autogating",
    "Image intensifier tube 16 mm, S-25 photocathode, sensitivity 900 µA/lm",
])
def test_undecided_lines_ask(text: str) -> None:
    d = decision(text)
    assert d.status in ("needs-figure", "listed"), (text, d.status, reasons(d))
    assert d.status != "not-listed"


def test_deuterium_depleted_water_is_not_heavy_water() -> None:
    d = decision("Eau appauvrie en deutérium 30 ppm, 1 l")
    assert any(r.id == "0C003-deuterium-depleted" for r in d.releases), (d.status, reasons(d))
    assert d.code is None or not d.code.startswith("0C003")


def test_laboratory_tubes_and_rotors_are_not_intensifiers_or_gas_centrifuges() -> None:
    for text in ("Benchtop centrifuge 6 000 rpm, swing-out rotor, 50 ml tubes",
                 "Centrifugeuse de paillasse 12 000 tr/min, rotor angulaire"):
        d = decision(text)
        assert "6A002" not in d.entries and "0B001" not in d.entries, (text, d.entries)
