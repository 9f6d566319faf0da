"""Screening decisions on Category 3 and 5 goods beyond ADCs, FPGAs and oscilloscopes, with the
bundled criteria: signal and network analysers and signal generators (3A002.c-e), atomic
frequency standards (3A002.g), MMIC amplifiers (3A001.b.2), frequency changers (3A225), pulse
capacitors (3A201.a), switching tubes and spark gaps (3A228), radios (5A001), and the consumer
goods that share their words. Held and released, EN and FR.

The lines are our own (not those of benchmarks/data/screening_dev_fam35b.jsonl)."""

from __future__ import annotations

import pytest

from dualuse.criteria.reader import read_figures

from .screening import decision


@pytest.mark.parametrize(("text", "code"), [
    # 3A002.c.3: an analyser reaching beyond 110 GHz; c.2: DANL better than -160 dBm/Hz past 43.5
    ("Handheld spectrum analyzer, 9 kHz - 145 GHz", "3A002.c.3"),
    ("Analyseur de spectre 2 Hz à 67 GHz, DANL -165 dBm/Hz", "3A002.c.2"),
    # 3A002.c.4: real-time bandwidth over 520 MHz with a frequency mask trigger
    ("Real-time spectrum analyzer, real-time bandwidth 1 GHz, frequency mask trigger",
     "3A002.c.4"),
    # 3A002.e.4: network analyser above 110 GHz
    ("Vector network analyzer 70 kHz to 145 GHz", "3A002.e.4"),
    ("Analyseur de réseau vectoriel, 10 MHz à 220 GHz", "3A002.e.4"),
    # 3A002.d.6: a generator above 110 GHz
    ("Signal generator 10 MHz - 170 GHz", "3A002.d.6"),
    # 3A002.g.2: caesium beam and hydrogen masers are non-rubidium standards far below 1e-11/month
    ("Caesium beam frequency standard, 5 MHz and 10 MHz outputs", "3A002.g.2"),
    ("Maser à hydrogène actif, sortie 100 MHz", "3A002.g.2"),
    ("Horloge atomique au césium, sorties 5 et 10 MHz", "3A002.g.2"),
    # 3A001.b.2.d: an MMIC amplifier working in 31.8-37 GHz, any power; 3A001.b.1.a.1: a tube
    ("GaN MMIC amplifier die 33 - 36 GHz, 2 W", "3A001.b.2.d"),
    ("Tube à ondes progressives 18 - 40 GHz, 200 W", "3A001.b.1"),
    # 3A225: multiphase, 600 Hz or more, frequency control better than 0.2 %
    ("Three-phase programmable AC source 30 kVA, output frequency 40 - 800 Hz, frequency "
     "accuracy 0.02 %", "3A225"),
    # 3A201.a.1: over 1.4 kV, 10 J, 0.5 µF and under 50 nH
    ("Pulse capacitor 40 kV, 1 µF, 800 J, series inductance 20 nH", "3A201.a"),
    ("Condensateur impulsionnel 100 kV, 0,7 µF, 3,5 kJ, inductance série 40 nH", "3A201.a"),
    # 3A228.a: cold-cathode tube with 3 electrodes or more
    ("Cold cathode trigger tube (krytron), 3 electrodes, anode 8 kV, peak current 2 kA, "
     "delay 40 ns", "3A228.a"),
])
def test_controlled_goods_are_listed(text: str, code: str) -> None:
    d = decision(text)
    assert d.status == "listed", (text, d.reasons)
    assert d.code is not None and (d.code == code or d.code.startswith(code + ".")), d.code


@pytest.mark.parametrize("text", [
    # analysers under every floor of 3A002.c, with a real-time bandwidth under 520 MHz
    "Signal analyzer 3 Hz to 44 GHz, DANL -150 dBm/Hz, RBW 8 MHz, real-time bandwidth 255 MHz",
    "Analyseur de spectre 9 kHz à 7,5 GHz, bande passante temps réel 100 MHz",
    # network analysers under 43.5 GHz
    "Vector network analyzer, 300 kHz to 8.5 GHz, 2 ports",
    "Analyseur de réseau vectoriel 5 kHz à 20 GHz, 4 ports",
    # a rubidium standard: 14 W is over the 1 W of 3A002.g.3.c
    "Rubidium oscillator 10 MHz, power consumption 14 W",
    # radio-controlled clocks: no atomic standard inside
    "Radio-controlled atomic wall clock, MSF/DCF77",
    "Horloge murale radio-pilotée DCF77, 30 cm",
    # PMR446 radios (radio rules: 0.5 W) and the Cryptography Note
    "PMR446 walkie-talkie set, 8 channels, 0.5 W",
    "Talkie-walkie PMR 446, lot de 2, portée 8 km",
])
def test_below_and_ordinary_goods_are_released(text: str) -> None:
    d = decision(text)
    assert d.status == "not-listed", (text, d.status, d.code, [r.en for r in d.reasons])


@pytest.mark.parametrize(("text", "quantity"), [
    # the figure that decides is not stated: never released
    ("Spectrum analyzer 9 kHz - 50 GHz", "noise_level"),
    ("Rubidium frequency standard, 10 MHz, power consumption 0.8 W", None),
    ("Générateur de signaux 9 kHz à 6 GHz", None),
    ("Pulse capacitor 40 kV, 1 µF, 800 J", "series_inductance"),
])
def test_missing_deciding_figure_is_asked(text: str, quantity: str | None) -> None:
    d = decision(text)
    assert d.status in ("needs-figure", "listed"), (text, d.status)
    if quantity is not None and d.status == "needs-figure":
        assert quantity in [m.quantity for m in d.missing], d.missing


@pytest.mark.parametrize("text", [
    "Energy storage capacitor 3 kV, 5 µF, 22 J, series inductance 100 nH",
    "Condensateur de stockage 2 kV, 50 µF, 100 J, inductance série 80 nH",
])
def test_capacitor_with_high_series_inductance_is_not_3a201(text: str) -> None:
    # 3A201.a asks under 50 nH (a.1) or under 10 nH (a.2): these are ruled out of 3A201 by their
    # inductance (3A001's power-switch items may still hold them: see fam35b-logic.md)
    d = decision(text)
    assert d.code is None or not d.code.startswith("3A201"), (text, d.code)
    # held (or released) by something else than 3A201: when released, 3A201 is among the
    # entries ruled out, by the inductance
    held = [r.en for r in d.reasons if r.en.startswith("3A201")]
    assert (d.status == "not-listed" and all("inductance" in r for r in held)) or not held, held


@pytest.mark.parametrize("text", [
    "Low noise amplifier 33-37 GHz, gain 25 dB",
    "Amplificateur faible bruit 8-12 GHz, gain 30 dB",
])
def test_solid_state_amplifier_is_not_a_tube_or_an_mmic_by_figures(text: str) -> None:
    # 3A001.b.1 (vacuum tubes), b.2 (MMICs) and c (acoustic wave devices) need their kind: a gain
    # or a frequency alone never lists an amplifier module as one of them
    d = decision(text)
    assert d.status != "listed", (text, d.code)


def test_spectrum_analyser_range_does_not_meet_signal_generator_items() -> None:
    # a 26.5 GHz analyser's range is an operating frequency, not a generator's output frequency
    d = decision("Signal analyzer 10 Hz to 26.5 GHz, real-time bandwidth 160 MHz")
    assert d.status == "not-listed", [r.en for r in d.reasons]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Spectrum analyzer, 9 kHz to 170 GHz", "en",
     [("operating_frequency", "9 kHz"), ("operating_frequency", "170 GHz")]),
    ("Générateur de signaux 250 kHz à 40 GHz", "fr",
     [("output_frequency", "250 kHz"), ("output_frequency", "40 GHz")]),
    ("Variateur de fréquence 15 kW, 0 à 599 Hz", "fr",
     [("output_power", "15 kW"), ("output_frequency", "0 à 599 Hz"),
      ("output_frequency", "0 à 599 Hz")]),
    ("AC power source 3-phase 45 kVA", "en", [("output_power", "45 kVA")]),
    ("GaN MMIC power amplifier 8 - 11 GHz, Psat 25 W", "en",
     [("operating_frequency", "8 - 11 GHz"), ("operating_frequency", "8 - 11 GHz"),
      ("output_power", "25 W")]),
    ("Condensateur 3 kV, 2 µF, 9 J, inductance série 15 nH", "fr",
     [("voltage", "3 kV"), ("capacitance", "2 µF"), ("stored_energy", "9 J"),
      ("series_inductance", "15 nH")]),
    ("Analyseur temps réel, bande passante temps réel 510 MHz, DANL -158 dBm/Hz", "fr",
     [("real_time_bandwidth", "510 MHz"), ("noise_level", "-158 dBm/Hz")]),
    ("Convertisseur de fréquence 400 Hz, triphasé", "fr",
     [("output_frequency", "400 Hz")]),
    ("Krytron, 4 électrodes, 5 kV", "fr", [("electrode_count", "4 électrodes"), (None, "5 kV")]),
])
def test_figures_of_these_goods_are_named(text: str, lang: str,
                                          expected: list[tuple[str | None, str]]) -> None:
    got = [(f.quantity, f.text) for f in read_figures(text, lang)
           if f.quantity != "fractional_bandwidth"]  # derived from a band (test_reader.py)
    assert got == expected
