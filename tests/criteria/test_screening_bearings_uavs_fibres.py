"""Screening decisions on bearings (2A001, 2A101), UAVs and their sprayers (9A012, 9A112, 9A350)
and fibrous materials (1C010, 1C210) with the bundled criteria: held and released, EN and FR.

The lines are our own (not those of benchmarks/data/screening_dev.jsonl): other makers, other
wordings, both ways of every rule the criteria files encode for these goods."""

from __future__ import annotations

import pytest

from .screening import decision


@pytest.mark.parametrize(("text", "code"), [
    # 2A001.a: ISO 492 class 4 or better (ABEC 7, P4, P2), rings and balls of monel or beryllium
    ("Super-precision angular contact bearing, ISO 492 class 2, Monel K-500 rings and balls",
     "2A001.a"),
    ("Roulement de précision classe de tolérance 4, bagues et billes en béryllium", "2A001.a"),
    # 2A101: radial ball bearings of class 2 within all three size windows ("bore" is the bore)
    ("Radial ball bearing ABEC 9, bore 25 mm, outside diameter 52 mm, width 15 mm", "2A101"),
    ("Roulement radial à billes classe P2, alésage 30 mm, diamètre extérieur 55 mm, "
     "largeur 13 mm", "2A101"),
    # 9A012.a.2 (1 h or more) and 9A012.a.1 (30 min to 1 h with gusts of 46.3 km/h: 15 m/s)
    ("Fixed-wing mapping UAV, endurance 150 min", "9A012.a.2"),
    ("Drone à voilure fixe de cartographie, autonomie 3 h", "9A012.a.2"),
    ("Hexacopter drone, flight time 40 min, wind resistance 15 m/s", "9A012.a.1"),
    # 9A350.a: VMD under 50 µm at more than 2 L/min
    ("Aerial spraying system for UAV, droplet VMD 40 µm, flow rate 3 L/min", "9A350.a"),
    # 9A112.b: autonomous flight and an aerosol tank over 20 L
    ("Agricultural spray drone with 40 L tank, autonomous flight", "9A112.b"),
    ("Drone agricole de pulvérisation, réservoir 40 L, navigation automatique", "9A112.b"),
])
def test_controlled_goods_are_listed(text: str, code: str) -> None:
    d = decision(text)
    assert d.status == "listed", (text, d.reasons)
    assert d.code is not None and (d.code == code or d.code.startswith(code + ".")), d.code


@pytest.mark.parametrize(("text", "why"), [
    # by figures: a looser tolerance class (P6, P5, ABEC 3 = class 6)
    ("Cylindrical roller bearing NU 210, tolerance class P6", "exceeds the limit"),
    ("Roulement à rouleaux cylindriques, classe de précision P5", "exceeds the limit"),
    ("Miniature ball bearing 625-ZZ, ABEC 3", "exceeds the limit"),
    # by use: bearings made for skates and scooters are steel bearings (even "ABEC 9")
    ("Inline skate bearings ABEC 9, pack of 16", "released"),
    ("Roulements pour trottinette, ABEC 7, lot de 8", "released"),
    # by the sub-item's own material condition: hybrid bearings have ceramic balls
    ("Hybrid ceramic angular contact bearing, ISO 492 class 4", "released"),
    ("Roulement hybride céramique à contact oblique, classe P4", "released"),
    # UAVs under 30 min, or under the 46.3 km/h gusts; a camera drone is no spraying system
    ("Quadcopter drone, 28 min flight time", "does not reach"),
    ("Drone quadricoptère, autonomie 25 min, résistance au vent 10 m/s", "does not reach"),
    # "autonomie de vol" is a flight time, not an autonomous flight (9A112.b.1.a)
    ("Drone de loisir, autonomie de vol 22 minutes", "does not reach"),
    ("Mini drone, max flight time 26 mins", "does not reach"),
    ("Crop spraying system for aircraft, VMD 150 µm, flow rate 20 L/min", "exceeds the limit"),
    # linear ball bushings have no ISO 492 class; weighing scales measure no length (2B006)
    ("Linear ball bearing LM10UU for CNC router, 12 pieces", "released"),
    ("Kitchen scale with bowl, 5 kg max, 1 g resolution", "released"),
    # food and drink fermentation tanks vent to air (2B352.b)
    ("Conical fermenter 60 L for home brewing beer", "released"),
])
def test_goods_below_or_released_go(text: str, why: str) -> None:
    d = decision(text)
    assert d.status == "not-listed", (text, d.status, d.reasons)
    assert any(why in (r.en or "") for r in d.reasons), d.reasons


@pytest.mark.parametrize("text", [
    "Deep groove ball bearing 6306-2Z",
    "Roulement rigide à billes 6306-2Z",
])
def test_a_bearing_without_its_class_asks_for_it(text: str) -> None:
    d = decision(text)
    assert d.status == "needs-figure"
    assert "tolerance_class" in {m.quantity for m in d.missing}


@pytest.mark.parametrize("text", [
    # a use named in the line never releases the controlled goods themselves
    "UAV spraying system for lawn and garden care, VMD 40 µm, flow rate 5 L/min",
    "Bioreactor 200 L, sterilisable in place, closed, for wine yeast propagation",
])
def test_a_use_word_does_not_release_controlled_goods(text: str) -> None:
    assert decision(text).status == "listed", text


def test_ground_sprayers_and_camera_drones_do_not_resemble_aircraft_sprayers() -> None:
    for text in ("DJI Mini 3 drone, flight time 38 min, wind resistance 10.7 m/s",
                 "Garden hose 30 m with adjustable spray nozzle"):
        d = decision(text)
        assert d.status == "not-listed", (text, d.reasons)
        assert "9A350" not in d.entries or any("released" in (r.en or "") for r in d.reasons)


def test_bore_pump_and_compressor_figures_are_read_as_what_they_measure() -> None:
    from dualuse.criteria.reader import read_figures

    def named(text: str) -> list[str | None]:
        return [f.quantity for f in read_figures(text)]

    assert named("bearing, bore 20 mm, outside diameter 42 mm, width 12 mm") == \
        ["inside_diameter", "diameter", "width"]
    assert named("roulement, alésage 20 mm, diamètre extérieur 42 mm") == \
        ["inside_diameter", "diameter"]
    assert named("rifle barrel, bore diameter 7.62 mm") == ["calibre"]
    assert named("rotary vane vacuum pump, 16 m3/h") == ["flow_rate"]
    assert named("compresseur à spirale, 60 m3/h") == ["flow_rate"]


@pytest.mark.parametrize("text", [
    "Shampoo containing triethanolamine 2 %, 250 ml bottles",
    "Gel douche contenant 3 % de triéthanolamine, flacons de 300 ml",
])
def test_a_mixture_under_the_note_3_share_is_not_listed(text: str) -> None:
    # "containing 2 %" is the chemical's share: 1C350.46's mixture release applies (the entry
    # stays open only for the military-list pointers 1C350.4/.23/.29, left for review)
    d = decision(text)
    assert d.status != "listed", d.reasons
    assert not any(c.code == "1C350.46" and c.status == "not-stated" for c in d.criteria)


def test_a_bulk_chemical_named_for_a_consumer_use_is_not_released_by_that_use() -> None:
    # 1C350 Note 4 releases consumer goods packed for retail sale, not the chemical that makes them
    d = decision("Triethanolamine 99 % for shampoo manufacturing, 200 kg drum")
    assert d.status == "listed" and d.code == "1C350.46", d.reasons


@pytest.mark.parametrize("text", [
    # words that the knowledge base once used for a controlled kind, as invoices use them
    "Charbon de bois pour barbecue, sac de 10 kg",        # 'charbon': anthrax in French
    "Appareil PPC pour apnée du sommeil",                 # 'PPC': classical swine fever
    "H7 LED headlight bulbs, pair",                       # 'H7': avian influenza subtype
    "Satellite TV dish 80 cm with LNB",                   # 'satellite': spacecraft
    "Body fat scale with BMI",                            # 'BMI': bismaleimide
    "Circulateur de chauffage Grundfos",                  # 'circulateur': reactor coolant pump
    "Chemise en lin pour homme",                          # 'liner' (stem 'lin'): rocket motor
    "Green tea leaves, TEA 1 kg",                         # 'TEA': triethanolamine
])
def test_everyday_words_do_not_name_a_controlled_kind(text: str) -> None:
    assert decision(text).status != "listed", text


@pytest.mark.parametrize(("text", "code"), [
    ("Souche de Bacillus anthracis (maladie du charbon), 1 flacon", "1C351.c.1"),
    ("Bismaleimide resin for aerospace composites", "1C008.a.1"),
    ("CubeSat 3U platform with ADCS", "9A004.b"),
])
def test_the_controlled_kinds_are_still_named(text: str, code: str) -> None:
    d = decision(text)
    assert d.status == "listed" and d.code == code, (text, d.status, d.code, d.reasons)
