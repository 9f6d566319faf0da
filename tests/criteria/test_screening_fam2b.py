"""Screening decisions on Category 2 machines and plant with the bundled criteria: CMMs (2B006,
2B206), chemical plant of corrosion-resistant materials (2B350), freeze dryers (2B352.e), absolute
pressure transducers (2B230), balancing machines (2B119, 2B219), machine tools (2B001, 2B201), and
workshop goods that share their words; held and released, EN and FR.

The lines are our own (not those of benchmarks/data/screening_dev_fam2b.jsonl): other makers, other
wordings, both ways of every rule the criteria files encode for these goods."""

from __future__ import annotations

import pytest

from dualuse.criteria.reader import read_figures

from .screening import decision


@pytest.mark.parametrize(("text", "codes"), [
    # 2B006.a / 2B206.a.2: E0,MPE constant term at or under 1.7 µm (the L term is not a length)
    ("Coordinate measuring machine, MPE E0 = 1.5 + L/333 µm", ("2B006.a", "2B206.a.2")),
    ("Machine à mesurer tridimensionnelle, EMT E0 1,2 + L/400 µm", ("2B006.a", "2B206.a.2")),
    # 2B350.a/c/d: the letter's own figure AND a material named by what it is
    ("Réacteur émaillé 2 500 litres avec double enveloppe", ("2B350.a.3",)),
    ("Glass-lined reaction vessel 4000 L, jacketed", ("2B350.a.3",)),
    ("Tantalum heat exchanger, heat transfer area 2 m2", ("2B350.d.6",)),
    ("Échangeur en carbure de silicium, surface d'échange 3 m²", ("2B350.d.9",)),
    ("Cuve de stockage en titane 800 litres", ("2B350.c.6",)),
    # fluoropolymer linings named by the polymer (PTFE, PFA: far over 35 % fluorine)
    ("Réacteur revêtu PTFE 500 litres", ("2B350.a.2",)),
    ("PTFE-lined sealless pump, canned motor, max flow 12 m3/h", ("2B350.i.4",)),
    # 2B352.e: 10 to 1000 kg of ice in 24 h
    ("Steam sterilisable freeze dryer, condenser capacity 40 kg of ice in 24 h", ("2B352.e",)),
    # 2B230: absolute, sensing element of alumina / sapphire / nickel alloy, under 13 kPa, < 1 %
    ("Absolute capacitance manometer, ceramic diaphragm, full scale 1 Torr, "
     "accuracy 0.25 % of reading", ("2B230",)),
    ("Transmetteur de pression absolue, membrane saphir, pleine échelle 10 mbar, "
     "précision 0,1 %", ("2B230",)),
])
def test_controlled_goods_are_listed(text: str, codes: tuple[str, ...]) -> None:
    d = decision(text)
    assert d.status == "listed", (text, d.reasons)
    assert d.code is not None and any(d.code == c or d.code.startswith(c + ".") for c in codes), \
        d.code


@pytest.mark.parametrize(("text", "why"), [
    # by figures
    ("CMM, MPE E0 = 2.8 + L/250 µm", "exceeds the limit"),
    ("Machine à mesurer tridimensionnelle, EMT E0 2,9 + L/300 µm", "exceeds the limit"),
    ("Freeze dryer, condenser capacity 6 kg of ice in 24 h", "does not reach"),
    ("Lyophilisateur de paillasse, capacité du condenseur 2,5 kg de glace en 24 h",
     "does not reach"),
    ("Car wheel balancing machine, max wheel weight 65 kg", "exceeds the limit"),
    ("Équilibreuse de roues de voiture, poids de roue maxi 70 kg", "exceeds the limit"),
])
def test_goods_below_the_thresholds_are_released(text: str, why: str) -> None:
    d = decision(text)
    assert d.status == "not-listed", (text, d.reasons)
    assert any(why in r.en for r in d.reasons), [r.en for r in d.reasons]


@pytest.mark.parametrize("text", [
    "Brass gate valve 1 inch",
    "Robinet en laiton 1/2 pouce",
    "Montre en titane, bracelet cuir",
    "Home espresso machine 15 bar",
])
def test_everyday_goods_sharing_words_are_not_held(text: str) -> None:
    assert decision(text).status == "not-listed", text


@pytest.mark.parametrize("text", [
    # a material alone is not a reactor: the volume decides (fail closed: asked, never released)
    "Titanium reactor with agitator",
    # a 2B119 machine whose residual unbalance (2B119.a.4) nobody can read from the line
    "Dynamic balancing machine, rotor weight up to 2 kg, balancing speed 20000 rpm, "
    "2 correction planes",
    # 5 simultaneous axes meet 2B201.a.3 unless the note on mills over 2 m of X travel applies
    "Centre d'usinage 5 axes simultanés, commande numérique",
])
def test_undecided_goods_go_to_review(text: str) -> None:
    assert decision(text).status == "needs-figure", text


@pytest.mark.parametrize("text", [
    "Brass ball valve DN 25, nickel-plated",
    "PVC ball valve 2 inch for irrigation",
])
def test_a_brass_or_pvc_valve_is_never_listed(text: str) -> None:
    # the size alone never meets 2B350.g: the wetted parts must be of resistant materials
    assert decision(text).status != "listed", text


def test_a_lined_valve_is_not_released_by_the_brass_fact() -> None:
    d = decision("PFA-lined ball valve DN 50, ductile iron body")
    assert d.status != "not-listed", d.reasons


@pytest.mark.parametrize(("text", "quantity", "value", "unit"), [
    ("MPE E0 = 0.9 + L/350 µm", "length_measurement_error", "0.9", "um"),
    ("EMT E0 (1,7 + 3L/1000) µm", "length_measurement_error", "1.7", "um"),
    ("balancing speed 15000 rpm", "rotational_speed", "15000", "rpm"),
    ("vitesse de rotation 12 000 tr/min", "rotational_speed", "12000", "rpm"),
    ("full scale 10 Torr", "full_scale", "10", "Torr"),
    ("pleine échelle 1 mbar", "full_scale", "1", "mbar"),
    ("capacité du condenseur 60 kg de glace en 24 h", "condenser_capacity", "60", "kg/d"),
    ("2 plans de correction", "correction_planes", "2", ""),
])
def test_figures_of_category_2_plant_are_read(text: str, quantity: str, value: str,
                                             unit: str) -> None:
    figs = read_figures(text, "fr" if "é" in text or "plans" in text else "en")
    assert [(f.quantity, str(f.value), f.unit) for f in figs] == [(quantity, value, unit)]


def test_the_length_term_of_a_cmm_formula_is_never_a_figure() -> None:
    # "L/350 µm" once read as 350 µm released a 0.9 µm CMM
    figs = read_figures("Zeiss CMM, MPE E0 = 0.9 + L/350 µm", "en")
    assert all(f.value != 350 for f in figs)
