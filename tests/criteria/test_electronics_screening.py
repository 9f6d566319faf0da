"""Screening decisions on Categories 3, 4 and 5 goods with the bundled criteria and knowledge base:
ADCs, FPGAs, oscilloscopes, laptops, phones, USB keys, encryption and TEMPEST items, EN and FR.

The lines are written for these tests (not taken from the screening set): each kind both ways,
what the official text holds and what it lets go, so a wrong figure, a missing row (the 8-bit ADC
row the EU list still has), a keyword that drags ordinary goods to an entry, or a release that
lets a controlled item go shows up here.
"""

from __future__ import annotations

import pytest

from dualuse import classify
from dualuse.criteria import load_criteria
from dualuse.criteria.decide import evaluate_entry
from dualuse.criteria.reader import read_figures
from dualuse.line import analyse

WA = "wassenaar-2025"


@pytest.mark.parametrize(("text", "code"), [
    # ADCs: the resolution row and its sample rate
    ("AD9680 14-bit 1 GSPS dual analog-to-digital converter", "3A001.a.5.a.4"),
    ("CAN 16 bits 125 Méch/s LTC2207", "3A001.a.5.a.5"),
    # 8 to under 10 bit above 1.3 GS/s: dropped by Wassenaar 2025, still in the EU Annex I
    ("8-bit ADC, 3.2 GSPS, dual channel", "3A001.a.5.a.1"),
    ("Convertisseur analogique-numérique 8 bits 5 Géch/s", "3A001.a.5.a.1"),
    # FPGAs: more than 700 user I/O (a chip, not an assembly of 3A502)
    ("Intel Agilex 7 FPGA AGI027, 720 I/O", "3A001.a.7.a"),
    ("Circuit FPGA Virtex-7 XC7V2000T, 1200 E/S", "3A001.a.7.a"),
    # real-time oscilloscopes above 90 GHz
    ("Keysight UXR1102A Infiniium UXR oscilloscope 110 GHz 2 channels", "3A002.a.7"),
    ("Oscilloscope Keysight UXR 110 GHz, 4 voies", "3A002.a.7"),
    # encrypted storage and TEMPEST equipment stay held
    ("Kingston IronKey D300S encrypted USB flash drive 16 GB, AES 256-bit XTS, FIPS 140-2 Level 3",
     "5A002.a"),
    ("Clé USB chiffrée AES 256 bits, certifiée FIPS 140-2", "5A002.a"),
    ("TEMPEST laptop SDIP-27 Level A", "5A003.b"),
    ("Ordinateur portable TEMPEST SDIP-27 niveau A", "5A003.b"),
])
def test_controlled_goods_are_listed(text: str, code: str) -> None:
    d = classify(text).decision
    assert d is not None and d.status == "listed", (text, d and d.status, d and d.reasons)
    assert d.code is not None and (d.code == code or d.code.startswith(code + ".")), d.code


@pytest.mark.parametrize("text", [
    # ADCs below every row (an 8-bit one under 1.3 GS/s too)
    "AD7124-8 24-bit sigma-delta ADC, 19.2 kSPS",
    "Convertisseur analogique-numérique 10 bits 100 Méch/s",
    "CAN 8 bits 500 Méch/s ADC08500",
    # FPGAs under 700 I/O and 500 Gb/s
    "Microchip PolarFire MPF300T FPGA, 512 user I/O, aggregate transceiver rate 150 Gb/s",
    "FPGA Lattice ECP5, 197 E/S, débit agrégé des émetteurs-récepteurs 0 Gb/s",
    # bench oscilloscopes: their bandwidth is not a direction finder's or a gimbal's
    "Tektronix TBS1052C digital storage oscilloscope, 50 MHz, 2 channels",
    "Oscilloscope USB Hantek 6022BE 20 MHz 2 voies",
    # laptops and phones: mass-market cryptography, far below 70 WT
    "Lenovo Legion 5 gaming laptop, RTX 4060, 32 GB",
    "Ordinateur portable Dell Inspiron 15, 16 Go",
    "PC portable Acer Aspire 5, 512 Go SSD",
    "Téléphone portable Xiaomi Redmi 13C, 128 Go",
    # plain USB keys: no cryptography named
    "SanDisk Ultra USB 3.0 flash drive 128 GB",
    "Clé USB SanDisk 128 Go",
])
def test_ordinary_and_below_threshold_goods_are_released(text: str) -> None:
    d = classify(text).decision
    assert d is not None and d.status == "not-listed", (text, d and d.status, d and d.reasons)


@pytest.mark.parametrize("text", [
    "GSM jammer 8 bands 40 W",
    "Brouilleur GSM 8 bandes 40 W",
    # the transceiver count is given, not the aggregate rate: asked, never released
    "Xilinx Kintex UltraScale+ KU15P FPGA, 668 I/O, 32.75 Gb/s transceivers x 76",
    "Rugged computer rated -55 °C to +85 °C",
])
def test_lookalikes_of_controlled_goods_are_not_released(text: str) -> None:
    d = classify(text).decision
    assert d is not None and d.status != "not-listed", (text, d and d.reasons)


def test_an_oscilloscope_bandwidth_meets_no_servo_or_direction_finder_bandwidth() -> None:
    tables = load_criteria()
    scope = analyse("digital oscilloscope, 200 MHz bandwidth")
    for entry in ("5A001", "6A004"):
        result = evaluate_entry(scope, WA, entry, tables)
        met = [r.code for r in result.results if r.status == "meets"]
        assert met == [], (entry, met)
    # ... while the quantities they do ask for are read by their own words
    qs = {f.quantity for f in read_figures(
        "direction finder, instantaneous bandwidth 40 MHz, 20 MHz to 3 GHz", "en")}
    assert "instantaneous_bandwidth" in qs
    gimbal = evaluate_entry(analyse("gimbal, control bandwidth 150 Hz"), WA, "6A004", tables)
    assert any(r.code == "6A004.d.3.b" and r.status == "meets" for r in gimbal.results)


def test_a_silicon_microcontroller_is_not_a_compound_semiconductor_processor() -> None:
    tables = load_criteria()
    mcu = evaluate_entry(analyse("Microcontroller, operating frequency 168 MHz"), WA, "3A001",
                         tables)
    assert mcu.met_code != "3A001.a.3"
    gaas = classify("GaAs microprocessor, clock frequency 200 MHz").decision
    assert gaas is not None and gaas.status == "listed" and gaas.code == "3A001.a.3"
