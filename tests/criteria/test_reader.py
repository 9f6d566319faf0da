"""The quantity reader and the analysed line: which figure measures what, EN and FR, and the
normalisation against evasion."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dualuse.criteria.reader import read_figures
from dualuse.line import analyse, normalise

# (line, language, expected (quantity, value, unit) in order); lines written as invoices and
# datasheets write them (FLIR, Lynred, Analog Devices, IPG, DJI product pages)
CASES = [
    ("LWIR core 640 x 512, 12 µm pixels, 60 Hz frame rate", "en",
     [("array_elements", "327680", ""), ("pixel_pitch", "12", "um"), ("frame_rate", "60", "Hz")]),
    ("frame rate 60 Hz", "en", [("frame_rate", "60", "Hz")]),
    ("Lynred ATTO640 thermal camera core 640 x 480 12 µm 60 fps", "en",
     [("array_elements", "307200", ""), ("pixel_pitch", "12", "um"), ("frame_rate", "60", "Hz")]),
    ("caméra thermique 640 x 480, pas de 17 µm, 30 ips", "fr",
     [("array_elements", "307200", ""), ("pixel_pitch", "17", "um"), ("frame_rate", "30", "Hz")]),
    ("Fréquence d’images 8,3 Hz", "fr", [("frame_rate", "8.3", "Hz")]),
    ("fibre laser 3 kW, 50 µm core", "en",
     [("output_power", "3", "kW"), ("core_diameter", "50", "um")]),
    ("ADC 1 GS/s, 12-bit", "en", [("sample_rate", "1", "GS/s"), ("resolution_bits", "12", "bit")]),
    ("Convertisseur 16 bits, 1 Géch/s", "fr",
     [("resolution_bits", "16", "bit"), ("sample_rate", "1", "GS/s")]),
    ("ADS1115 16-bit ADC, 860 SPS", "en",
     [("resolution_bits", "16", "bit"), ("sample_rate", "860", "S/s")]),
    ("drone, endurance 90 min", "en", [("endurance", "90", "min")]),
    ("drone, autonomie 55 min, résistance au vent 15 m/s", "fr",
     [("endurance", "55", "min"), ("wind_resistance", "15", "m/s")]),
    ("servo motor, rated torque 250 N·m", "en", [("torque", "250", "N.m")]),
    ("UV LED 250 nm wavelength", "en", [("wavelength", "250", "nm")]),
    ("operating temperature -40 °C", "en", [("temperature", "-40", "degC")]),
    ("heavy water, 99.9 % D", "en", [("isotopic_content", "99.9", "%")]),
    ("NVMe SSD, 3,5 Go/s", "fr", [(None, "3.5", "GB/s")]),  # two data-rate quantities: unnamed
    ("5-axis machining centre, repeatability 2 µm", "en",
     [("contouring_axes", "5", ""), ("positioning_repeatability", "2", "um")]),
    ("supercomputer, TPP 4,800", "en", [("total_processing_performance", "4800", "")]),
    ("FPGA, 832 user I/O", "en", [("io_count", "832", "")]),
    ("FPGA, 720 E/S utilisateur", "fr", [("io_count", "720", "")]),
    ("ball bearings ABEC 7, rings of Monel", "en", [("tolerance_class", "4", "")]),
    ("roulements classe P4, acier", "fr", [("tolerance_class", "4", "")]),
    ("SKF 6204-2RS, ABEC 1", "en", [("tolerance_class", "8", "")]),
    ("FLIR Lepton 3.5 thermal camera module 160 x 120, 12 µm, 8.7 Hz", "en",  # a camera's Hz
     [("array_elements", "19200", ""), ("pixel_pitch", "12", "um"), ("frame_rate", "8.7", "Hz")]),
    ("Rigol DS1104Z digital oscilloscope, 100 MHz, 4 channels", "en",
     [("bandwidth", "100", "MHz"), ("channel_count", "4", "")]),
    ("maraging steel 350 bar", "en", [(None, "350", "bar")]),
    ("InfiRay P2 Pro thermal camera, 256 x 192, 12 µm, 25 Hz", "en",  # a model, no bearing class
     [("array_elements", "49152", ""), ("pixel_pitch", "12", "um"), ("frame_rate", "25", "Hz")]),
    ("LWIR thermal camera 8-14 µm", "en", [("wavelength", "8", "um"), ("wavelength", "14", "um")]),
    ("fiber laser 1080 nm, 1500 W, wall-plug efficiency 30 %", "en",
     [("wavelength", "1080", "nm"), ("output_power", "1500", "W"),  # the laser's power
      ("efficiency", "30", "%")]),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CASES)
def test_figures_are_named(text: str, lang: str,
                           expected: list[tuple[str | None, str, str]]) -> None:
    got = [(f.quantity, f"{f.value:f}", f.unit) for f in read_figures(text, lang)]
    assert got == [(q, v, u) for q, v, u in expected]


def test_torque_is_not_a_length() -> None:
    (torque,) = read_figures("holding torque 250 N·m", "en")
    (length,) = read_figures("250 nm", "en")
    assert (torque.dimension, length.dimension) == ("torque", "length")


def test_ips_is_a_frame_rate_in_french_only() -> None:
    assert [f.quantity for f in read_figures("30 ips", "fr")] == ["frame_rate"]
    assert read_figures("30 ips", "en") == ()


def test_figure_shown_as_officers_write_it() -> None:
    (f,) = read_figures("12 um pitch", "en")
    assert f.shown() == "12 µm"
    (t,) = read_figures("250 Nm torque", "en")
    assert t.shown() == "250 N·m"


def test_celsius_base_value_is_kelvin() -> None:
    (f,) = read_figures("-40 °C", "en")
    assert f.base_value == Decimal("233.15")


NORMALISED = [
    ("t h e r m a l camera", "thermal camera"),
    ("l.a.s.e.r diode", "laser diode"),
    ("c\u200bam\u200dera", "camera"),                       # zero-width characters
    ("\u0441\u0430mera", "camera"),                         # Cyrillic es and a in a Latin word
    ("\uff26\uff30\uff27\uff21", "FPGA"),                  # full-width (NFKC)
    ("XC7K325T FPGA", "XC7K325T FPGA"),                     # part numbers stay
    ("A655sc, AD9208, 6A003.b.4", "A655sc, AD9208, 6A003.b.4"),
    ("\u0442\u0435\u043f\u043b\u043e\u0432\u0438\u0437\u043e\u0440",  # a Russian word stays
     "\u0442\u0435\u043f\u043b\u043e\u0432\u0438\u0437\u043e\u0440"),
    ("640 x 512", "640 x 512"),
]


@pytest.mark.parametrize(("text", "expected"), NORMALISED)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_digits_for_letters_only_into_known_words() -> None:
    known = {"thermal", "imager"}.__contains__
    assert normalise("th3rmal imag3r", known) == "thermal imager"
    assert normalise("th3rmal imag3r") == "th3rmal imag3r"
    assert normalise("A655sc XC7K325T", known) == "A655sc XC7K325T"


def test_evasion_does_not_hide_the_figures() -> None:
    line = analyse("t h e r m a l  c\u200bamera 640 x 512, 6\u200b0 Hz")
    assert "thermal" in line.words
    assert [f.quantity for f in line.figures] == ["array_elements", "frame_rate", None]
    assert line.figures[1].value == 60
    assert line.figures[2].implied_by == "thermal camera"  # the spaced-out words still imply


# kind words that imply a band: unnamed (so the decision takes them as inferred), marked, EN/FR
@pytest.mark.parametrize(("text", "value", "words"), [
    ("Uncooled LWIR imaging core 384 x 288, 30 Hz", "10", "lwir"),
    ("Caméra thermique de poche, 256 x 192", "10", "camera thermique"),
    ("détecteur microbolomètre 640 x 480", "10", "microbolometre"),
    ("MWIR cooled camera 640 x 512", "4", "mwir"),
    ("Caméra SWIR InGaAs 640 x 512", "1.55", "swir"),
])
def test_kind_words_imply_an_unnamed_band(text: str, value: str, words: str) -> None:
    implied = [f for f in analyse(text).figures if f.implied_by]
    assert [(f.quantity, f.value, f.unit, f.implied_by) for f in implied] == \
        [(None, Decimal(value), "um", words)]
    assert implied[0].shown().endswith(f"({words})")
    assert read_figures(text) == tuple(f for f in analyse(text).figures if not f.implied_by)


@pytest.mark.parametrize("text", [
    "Thermal camera 640 x 512, frame rate 30 Hz / 9 Hz selectable",
    "caméra thermique, fréquence d'images 9 Hz ou 30 Hz", "camera 9 fps or 30 fps"])
def test_several_frame_rates_read_the_highest(text: str) -> None:
    rates = [f for f in read_figures(text, "fr" if "é" in text else "en")
             if f.quantity == "frame_rate"]
    assert [r.value for r in rates] == [30]


@pytest.mark.parametrize(("text", "expected"), [
    ("Fiber laser source, 2000W, CW, 1080±5nm", [("output_power", "2000"), ("wavelength", "1080")]),
    ("laser 1070 ± 10 nm, 3 kW", [("wavelength", "1070"), ("output_power", "3")]),
    ("laser à fibre 1064 +/- 2 nm", [("wavelength", "1064")]),
    ("Caméra thermique – 640 × 480 – 30 Hz", [("array_elements", "307200"), ("frame_rate", "30")]),
])
def test_tolerances_and_dashes_after_arrays_hide_no_figure(
        text: str, expected: list[tuple[str, str]]) -> None:
    got = [(f.quantity, str(f.value)) for f in read_figures(text, "fr" if "é" in text else "en")]
    assert got == expected


@pytest.mark.parametrize(("text", "pixels"), [
    ("Webcam Full HD 1080p 30 fps", 1920 * 1080), ("Action camera 4K 60 fps", 4096 * 2160),
    ("Caméra IP 4 MP", 4_000_000), ("dashcam 720p", 1280 * 720)])
def test_video_formats_and_megapixels_are_numbers_of_elements(text: str, pixels: int) -> None:
    found = [f.value for f in read_figures(text) if f.quantity == "array_elements"]
    assert found and max(found) == pixels
    assert not [f for f in read_figures(text) if f.unit == "K"]  # "4K video" is no 4 kelvin


def test_a_cryocooler_at_4_k_stays_a_temperature() -> None:
    assert [f.unit for f in read_figures("GM cryocooler 4K, 1 W")] == ["K", "W"]


@pytest.mark.parametrize(("text", "m2"), [
    ("IPG multimode CW fibre laser 6 kW", ["1.3"]), ("laser à fibre monomode 1 kW", ["1"]),
    ("single-mode fiber laser 1.5 kW pumped by multimode diodes", ["1"]),
    ("fiber laser 2 kW, single-mode or multimode versions", ["1.3", "1"])])
def test_transverse_mode_words_state_the_m2_figure(text: str, m2: list[str]) -> None:
    got = [f for f in analyse(text).figures if f.quantity == "beam_quality"]
    assert [str(f.value) for f in got] == m2


@pytest.mark.parametrize("text", [
    "thermal paste 5 g", "pâte thermique 3,5 W/mK", "infrared thermometer -50 to 380 °C",
    "thermal printer 80 mm", "laser pointer 5 mW"])
def test_other_thermal_or_infrared_goods_imply_no_band(text: str) -> None:
    assert [f for f in analyse(text).figures if f.implied_by] == []


def test_line_reads_codes_cas_and_chemicals() -> None:
    line = analyse("Triethanolamine 102-71-6, 99 % purity, see 1C350.43")
    assert line.cas == ("102-71-6",)
    assert "1C350.43" in line.codes
    assert "triethanolamine" in line.chemicals


def test_language() -> None:
    assert analyse("Caméra thermique non refroidie").lang == "fr"
    assert analyse("Uncooled thermal camera").lang == "en"
    assert analyse("640 x 512").lang == "unknown"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_crashes_and_normalises_idempotently(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    line = analyse(text)
    assert all(f.start <= f.end for f in line.figures)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["60", "Hz", "12", "µm", "x", "640", ",", "frame rate", "ips",
                                 "-", "bit", "GS/s", "N·m", "nm", "%", "D", "P4", "ABEC", "E/S",
                                 "1,5", "°C", " "]), max_size=30))
def test_reader_never_crashes_on_figure_soup(parts: list[str]) -> None:
    for lang in ("en", "fr", None):
        read_figures(" ".join(parts), lang)


@pytest.mark.parametrize(("text", "value"), [
    ("high-speed camera, 6,600 fps at full resolution", "6600"),  # English thousands
    ("high-speed camera 10,000 fps", "10000"),
    ("camera 8,7 fps", "8.7"),                                     # a decimal comma
    ("camera 1.000 fps", "1.000"),                                 # a decimal point
    ("caméra rapide, 6,600 ips", "6.600"),                         # French: a decimal comma
    ("caméra rapide, 6 600 ips", "6600"),                          # French thousands
])
def test_frame_rate_thousands_per_language(text: str, value: str) -> None:
    figures = [f for f in analyse(text).figures if f.quantity == "frame_rate"]
    assert [str(f.value) for f in figures] == [value]


@pytest.mark.parametrize("text", [
    "operating temperature -40 to +85 °C", "température de fonctionnement -40 à +85 °C",
    "operating temperature -40 °C to +85 °C"])
def test_both_ends_of_a_range_measure_the_named_quantity(text: str) -> None:
    assert [(f.quantity, str(f.value)) for f in analyse(text).figures] == \
        [("temperature", "-40"), ("temperature", "85")]


def test_a_named_figure_does_not_name_the_next_figure_of_another_clause() -> None:
    figures = analyse("operating temperature -40 °C, 85 °C max").figures
    assert [f.quantity for f in figures] == ["temperature", None]


def test_an_upper_cased_micro_sign_stays_micro() -> None:
    """An upper-cased "3 µm" has a Greek capital mu (U+039C): a micrometre, never 3 mm."""
    (f,) = analyse("Nickel powder, particle size 3 µm".upper()).figures
    assert (str(f.value), f.unit) == ("3", "um")
    assert analyse("MODEL \u039c3 CAMERA").normal == "MODEL M3 CAMERA"  # a look-alike elsewhere
