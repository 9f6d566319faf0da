"""Screening decisions on semiconductor equipment and resists (3B001, 3C002), computers (4A001,
4A003), marine goods (8A001, 8A002), aero and space goods (9A004, 9A005, 9A007, 9A101, 9A104,
9B001) and the ordinary goods that share their words (model rockets, piston and outboard motors,
FDM printers, hobby aircraft motors, dive lights), with the bundled criteria: held and released,
EN and FR.

The lines are our own (not those of benchmarks/data/screening_dev_fam389.jsonl): other makers,
other wordings, both ways of every rule the criteria files encode for these goods."""

from __future__ import annotations

from decimal import Decimal

import pytest

from .screening import decision, reasons


@pytest.mark.parametrize(("text", "code"), [
    # 3B001.f.1.a: a scanner whose source is shorter than 193 nm
    ("EUV lithography scanner, 13.5 nm source", "3B001.f.1.a"),
    # 3B001.a.3: MBE growth equipment, met by what it is
    ("MBE system, molecular beam epitaxy, effusion cells", "3B001.a.3"),
    ("Bâti d'épitaxie par jets moléculaires (MBE) à sources solides", "3B001.a.3"),
    # 3C002.a.2: resists optimised between 1 and 15 nm (the wavelength of a resist is read)
    ("Chemically amplified photoresist for EUV lithography at 13.5 nm, 250 ml", "3C002.a.2"),
    ("Résine photosensible positive pour lithographie EUV à 13,5 nm", "3C002.a.2"),
    # 4A001.a.1 / 4A003.b
    ("Rugged computer, operating temperature -46 °C to +85 °C", "4A001.a.1"),
    ("Supercomputer, APP 80 WT", "4A003.b"),
    # 8A002.a.2: thrusters for vehicles going deeper than 1000 m ("rated depth" is a depth)
    ("Deep-sea ROV thruster, brushless DC, rated depth 4000 m", "8A002.a.2"),
    ("Propulseur sous-marin électrique pour ROV, profondeur 6000 m", "8A002.a.2"),
    # 8A001.b.2: an untethered manned submersible is not held under the tethered 8A001.a
    ("Manned submersible, maximum depth 6000 m, untethered", "8A001.b.2"),
    # 9A101.a: all four figures, the specific fuel consumption included
    ("Turbofan engine, max thrust 2,2 kN, SFC 0.11 kg/N/h, dry weight 35 kg, "
     "first-stage rotor diameter 0.25 m", "9A101.a"),
    # 9A104 / 9A004.a / 9A005 named as what they are
    ("Sounding rocket, range 500 km", "9A104"),
    ("Falcon 9 orbital launcher second stage", "9A004.a"),
    ("Moteur-fusée à ergols liquides LOX/méthane, poussée 50 kN", "9A005"),
])
def test_controlled_goods_are_listed(text: str, code: str) -> None:
    d = decision(text)
    assert d.status == "listed", (text, reasons(d))
    assert d.code is not None and (d.code == code or d.code.startswith(code + ".")), d.code


@pytest.mark.parametrize(("text", "why"), [
    # 3C002.a: a KrF or i-line resist is above 193 nm
    ("Résine photosensible pour lithographie KrF 248 nm, bidon de 4 L", "exceeds the limit"),
    ("i-line photoresist for 365 nm lithography, 1 gal", "exceeds the limit"),
    # 9A101.a.2: a jet engine burning more than 0.15 kg/(N.h)
    ("Turbojet, poussée 900 N, consommation spécifique 0,16 kg/N/h, masse à sec 12 kg, "
     "rotor 0,15 m", "exceeds the limit"),
    # 8A001 / 8A002.a: shallow vehicles and lights
    ("Tethered ROV for inspection, depth rating 300 m", "does not reach"),
    ("ROV d'inspection captif, profondeur maximale 150 m", "does not reach"),
    ("Lampe de plongée étanche 200 m, 5000 lumens", "does not reach"),
    # 4A001.a.1 / 4A003.b
    ("Ordinateur durci, température de fonctionnement -20 °C à +55 °C", "exceeds the limit"),
    ("Serveur de calcul, APP 12 WT", "does not reach"),
    # 9A104: short range
    ("Fusée-sonde, portée 50 km", "does not reach"),
    # model rockets: hobby motor classes stop far under every rocket entry
    ("Model rocket launch set with two Estes rockets and motors", "released"),
    ("Fusée de modélisme avec moteurs B6-4", "released"),
    ("Model rocket launcher pad with ignition controller", "released"),
    # piston and outboard motors are not gas turbines; FDM printers make no superalloy parts
    ("Moteur hors-bord 4 temps 15 ch", "released"),
    ("Imprimante 3D FDM Creality Ender 3 V3", "released"),
    # a motor for a model aircraft is not marine equipment
    ("Brushless motor 2814 for RC plane, 900KV", "released"),
])
def test_released_goods_are_not_listed(text: str, why: str) -> None:
    d = decision(text)
    assert d.status == "not-listed", (text, d.status, d.code, reasons(d))
    assert why in reasons(d), reasons(d)


@pytest.mark.parametrize("text", [
    # eight A100 may or may not exceed 70 WT: the APP decides
    "GPU server 8x NVIDIA A100",
    # an ArF scanner at 193 nm: its resolution decides (3B001.f.1.b)
    "ArF immersion scanner for 300 mm wafers, 193 nm",
    # a helicopter turboshaft is an aero gas turbine: 9A001.a's technologies are to be said
    "Turbomoteur d'hélicoptère 900 kW",
])
def test_undecided_goods_are_held(text: str) -> None:
    d = decision(text)
    assert d.status == "needs-figure", (text, d.status, d.code, reasons(d))


def test_hobby_words_do_not_release_controlled_rocket_goods() -> None:
    # the model-rocket releases name hobby rockets only: a liquid engine or a sounding rocket
    # with a long range stays listed
    for text in ("Liquid rocket engine, LOX kerosene, 100 kN",
                 "Fusée-sonde, portée 400 km, charge utile 50 kg"):
        d = decision(text)
        assert d.status == "listed", (text, reasons(d))


def test_tethered_kind_is_required_for_8A001_a() -> None:
    # a manned submersible that does not say it is tethered is judged under 8A001.b, never
    # listed under the tethered 8A001.a by its depth alone
    d = decision("Sous-marin habité de recherche scientifique, profondeur 2000 m")
    assert d.status == "listed" and d.code is not None and d.code.startswith("8A001.b"), d.code


def test_specific_fuel_consumption_units() -> None:
    from dualuse.criteria.reader import read_figures
    from dualuse.parameters import parse_unit

    figs = {f.quantity: f for f in read_figures(
        "Turboréacteur, consommation spécifique 0,12 kg/N/h, poussée 1,5 kN", "fr")}
    assert figs["specific_fuel_consumption"].value == Decimal("0.12")
    # 1 g/(kN.s) is 0.0036 kg/(N.h)
    assert parse_unit("g/(kN.s)") == ("g/(kN.s)", "fuel_consumption", Decimal("0.0036"))


def test_depth_and_wavelength_cues() -> None:
    from dualuse.criteria.reader import read_figures

    depth = {f.quantity: f for f in read_figures("Action camera, waterproof to 60 m", "en")}
    assert depth["depth"].value == 60
    wl = {f.quantity: f for f in read_figures("Photorésine pour lithographie, 248 nm", "fr")}
    assert wl["wavelength"].value == 248


@pytest.mark.parametrize(("text", "status"), [
    # 3C002.b: an e-beam resist clearing at 0.01 µC/mm² (1 µC/cm²) or less is listed
    ("Electron beam resist, chemically amplified, sensitivity 0.5 µC/cm²", "listed"),
    ("Résine pour lithographie électronique, dose 0,008 µC/mm²", "listed"),
    ("E-beam resist, clearing dose 30 µC/cm²", "not-listed"),
    ("Résine électronique pour faisceau d'électrons, sensibilité 0,2 µC/mm²", "not-listed"),
])
def test_electron_beam_resist_sensitivity(text: str, status: str) -> None:
    d = decision(text)
    assert d.status == status, (text, reasons(d))
    if status == "not-listed":
        assert "µC/" in reasons(d), reasons(d)


def test_piston_engine_is_not_gas_turbine_instrumentation() -> None:
    d = decision("Moteur thermique 2 temps 26 cm3 pour avion de voltige RC")
    assert d.status == "not-listed", reasons(d)
    # a gas turbine development instrument stays held: its 9E003 technologies are to be said
    assert decision("Gas turbine engine test cell data acquisition system").status == \
        "needs-figure"


@pytest.mark.parametrize(("text", "status"), [
    # model jet turbines are small turbojets (9A101): thrust over 400 N is held until its fuel
    # consumption, dry weight and rotor diameter are said; with them it is listed
    ("Turbine pour jet RC Kingtech, poussée 560 N", "needs-figure"),
    ("RC jet turbine 1 100 N, SFC 0.13 kg/N/h, dry weight 3 kg, rotor 0.12 m", "listed"),
    # a bare newton figure of a turbine is its thrust
    ("Model jet turbine 160 N with ECU", "not-listed"),
    ("Turbine de modélisme 230 N pour jet RC", "not-listed"),
])
def test_model_jet_turbines(text: str, status: str) -> None:
    d = decision(text)
    assert d.status == status, (text, reasons(d))
    if status != "needs-figure":
        assert "9A101" in reasons(d), reasons(d)


def test_marine_power_figures_need_their_kind() -> None:
    # 8A002.o.2: a power figure alone never lists a ship motor; the kind decides
    d = decision("Superconducting ship propulsion motor, power output 5 MW")
    assert d.status == "listed" and d.code is not None and d.code.startswith("8A002.o.2.c")
    for text in ("Ferry electric propulsion motor, power output 3 MW",
                 "Moteur à aimants permanents industriel 150 kW"):
        d = decision(text)
        assert d.status == "needs-figure", (text, reasons(d))


@pytest.mark.parametrize(("text", "status"), [
    # 3B001.b.2: a high-current hydrogen, deuterium or helium implanter (the species is its kind)
    ("Hydrogen implanter for layer transfer, 40 keV, beam current 20 mA", "listed"),
    ("Implanteur d'hydrogène pour transfert de couches, 40 keV, courant de faisceau 15 mA",
     "listed"),
    # 3B001.b: below every beam current of .b.2, .b.4 and .b.5, but the line names the kind of
    # 3B001.b and not which implanter: .b.3 (a kind the line does not rule out) is asked
    ("Implanteur ionique courant moyen, 1 mA", "needs-figure"),
])
def test_ion_implanters(text: str, status: str) -> None:
    d = decision(text)
    assert d.status == status, (text, reasons(d))
    assert "3B001" in reasons(d), reasons(d)


def test_implanter_current_alone_does_not_meet_a_species_sub_item() -> None:
    # 3B001.b.2 asks for a hydrogen, deuterium or helium implant besides the current
    from dualuse.catalog import open_catalog
    from dualuse.classifier import _kb_fns
    from dualuse.criteria import load_criteria
    from dualuse.criteria.decide import decide
    from dualuse.line import analyse

    ch, kind = _kb_fns(open_catalog())
    line = analyse("High current implanter, 25 mA, boron and arsenic")
    d = decide(line, [("wassenaar-2025", "3B001")], load_criteria(), kb_children=ch, kind=kind)
    assert d.status != "listed", reasons(d)
