"""Screening decisions on ordinary goods that share words with the lists (cosmetics, castor oil,
cells and batteries, bicycle bearings) and on the controlled goods that use the same words, with
the bundled criteria: held and released, EN and FR.

The lines are our own (not those of benchmarks/data/screening_dev_famord.jsonl)."""

from __future__ import annotations

import pytest

from .screening import decision, reasons


@pytest.mark.parametrize("text", [
    # 3A001.e.1.a.1: a primary cell above 550 Wh/kg and above 50 W/kg
    "Lithium thionyl chloride primary cell, 700 Wh/kg, 80 W/kg",
    "Pile primaire lithium, densité d'énergie 600 Wh/kg, puissance massique 60 W/kg",
])
def test_a_primary_cell_above_both_figures_is_listed(text: str) -> None:
    d = decision(text)
    assert d.status == "listed" and d.code == "3A001.e.1.a.1", reasons(d)


@pytest.mark.parametrize("text", [
    # below 550 Wh/kg and below 350 W/kg: neither 3A001.e.1.a.1 nor .a.2 is met
    "Lithium manganese dioxide primary cell, 280 Wh/kg, 20 W/kg",
    "Pile primaire lithium-dioxyde de manganèse, 300 Wh/kg, 15 W/kg",
])
def test_a_primary_cell_below_both_figures_is_not_met(text: str) -> None:
    d = decision(text)
    assert d.status != "listed", reasons(d)
    power = [c for c in d.criteria
             if c.code.startswith("3A001.e.1.a") and c.quantity == "specific_power"]
    assert power and all(c.status == "does-not-meet" for c in power), reasons(d)


@pytest.mark.parametrize("text", [
    # 3A001.e.1.b is left unencoded (Wassenaar 2025: 500 Wh/kg; EU 2025: 350 Wh/kg): a
    # rechargeable cell between the two figures, or below both, is never released
    "Lithium-metal rechargeable cell, energy density 420 Wh/kg",
    "Accumulateur rechargeable lithium-ion, densité d'énergie 420 Wh/kg",
    "Li-ion cell 21700, 270 Wh/kg",
])
def test_a_rechargeable_cell_is_never_released(text: str) -> None:
    assert decision(text).status != "not-listed"


def test_energy_density_is_read_from_wh_per_kg() -> None:
    d = decision("Pile primaire lithium, 600 Wh/kg, 60 W/kg")
    stated = {c.quantity for c in d.criteria if c.stated is not None}
    assert {"energy_density", "specific_power"} <= stated, reasons(d)


@pytest.mark.parametrize("text", [
    "Organic castor oil, cold pressed, 250 ml glass bottle",
    "Huile de ricin vierge pour cils et sourcils, flacon 50 ml",
])
def test_castor_oil_is_not_the_toxin(text: str) -> None:
    d = decision(text)
    assert d.status != "listed" and d.code != "1C351.d.4", reasons(d)


@pytest.mark.parametrize("text", [
    "Ricin A chain, purified, 1 mg",
    "Ricine purifiée, 5 mg, lyophilisée",
])
def test_the_toxin_itself_stays_listed(text: str) -> None:
    d = decision(text)
    assert d.status == "listed" and d.code == "1C351.d.4", reasons(d)


@pytest.mark.parametrize("text", [
    "Hand cream 75 ml retail tube, contains triethanolamine",
    "Crème mains, tube 75 ml, emballage de vente au détail, triéthanolamine",
])
def test_a_retail_tube_of_cosmetic_is_released_by_note_4(text: str) -> None:
    d = decision(text)
    assert d.status == "not-listed", reasons(d)
    assert "retail" in reasons(d).lower(), reasons(d)


@pytest.mark.parametrize("text", [
    "Triethanolamine 99 % for shampoo manufacturing, 200 kg drum",
    "Triéthanolamine 99 % pour fabrication de crèmes cosmétiques, fût de 220 kg",
])
def test_a_bulk_chemical_for_cosmetics_makers_is_listed(text: str) -> None:
    d = decision(text)
    assert d.status == "listed" and d.code == "1C350.46", reasons(d)


@pytest.mark.parametrize("text", [
    "Bottom bracket bearings for road bike, sealed cartridge 6806-2RS",
    "Roulements pour boîtier de pédalier de vélo route, 6806-2RS",
])
def test_a_bicycle_bottom_bracket_bearing_is_not_a_centrifuge_bearing(text: str) -> None:
    d = decision(text)
    assert d.status == "not-listed", reasons(d)
    assert "0B001.b.8" not in reasons(d), reasons(d)


@pytest.mark.parametrize("text", [
    "Pivot-cup bearing on damper for gas centrifuge rotor",
    "Rotor bottom bearing with damper for gas centrifuge",
])
def test_a_centrifuge_bottom_bearing_stays_listed(text: str) -> None:
    d = decision(text)
    assert d.status == "listed" and (d.code or "").startswith("0B001.b"), reasons(d)
