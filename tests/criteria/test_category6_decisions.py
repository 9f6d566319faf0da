"""Category 6 decisions on the bundled criteria: thermal and other imaging cameras (6A003), CW
fibre lasers (6A005.a.6) and laser diodes / pointers (6A005.d.1), both ways, EN and FR.

Invoice lines written for these tests, not taken from the development screening set. Each
expectation follows the official text:
- 6A003.b.4.b (microbolometer cameras) is released at 9 Hz or less (Note 3.a); a cooled, MWIR or
  SWIR camera is 6A003.b.4.a, which no frame rate releases;
- 6A005.a.6 with the EU figures of 2025-11-15: single transverse mode (M² under 1.3) over 1000 W,
  or over 500 W with a linewidth under 40 GHz; multiple transverse mode over 2 kW, or over 1000 W
  with a wall-plug efficiency over 18 %; Note 1 releases heavy (over 1,200 kg) 2-6 kW multimode
  industrial lasers, so their mass decides;
- 6A005.d.1 individual laser diodes list from 2 W (single-mode) or 25-30 W (multimode);
- 6A003.b.1 video cameras list only above 4 million active video pixels (and special optics).
"""

from __future__ import annotations

import pytest

import dualuse


def decide(line: str) -> tuple[str, str | None, list[str]]:
    d = dualuse.classify(line, limit=10).decision
    assert d is not None
    return d.status, d.code, [m.quantity for m in d.missing]


@pytest.mark.parametrize(("line", "code"), [
    ("InfiRay Tiny1-C uncooled LWIR module 256 x 192, 12 µm, 25 fps", "6A003.b.4.b"),
    ("Caméra thermographique portable Testo 883, 320 x 240, 27 Hz", "6A003.b.4.b"),
    ("Module thermique non refroidi 640 x 512, 17 µm, 30 Hz", "6A003.b.4.b"),
    ("Caméra thermique pour drone 640 x 512, 30 Hz", "6A003.b.4.b"),
    # cooled / photon detectors: 9 Hz releases only microbolometer cameras
    ("Cooled MCT thermal camera 640 x 512, 9 Hz", "6A003.b.4.a"),
    ("Caméra thermique refroidie MWIR 640 x 512, 3-5 µm, 9 Hz", "6A003.b.4.a"),
    ("Caméra SWIR InGaAs 640 x 512, 15 µm, 60 ips", "6A003.b.4.a"),
    ("EMCCD camera 1024 x 1024, 13 µm pixels, back-illuminated", "6A003.b.4.c"),
    ("Ultra high-speed framing camera, 5,000,000 fps", "6A003.a.4"),
    # a camera that also runs above 9 Hz is not released by its slower mode (Note 3.a: maximum)
    ("Thermal camera 640 x 512, frame rate 30 Hz / 9 Hz selectable", "6A003.b.4.b"),
    ("Caméra thermique 384 x 288, fréquence d'images 9 Hz ou 50 Hz selon version",
     "6A003.b.4.b"),
    ("Radiometric LWIR core 640 x 512, 60 Hz, NETD 40 mK", "6A003.b.4.b"),
    # thermal sights and viewers for hunting are thermal cameras with a display
    ("Pulsar Thermion thermal riflescope 640x480, 50 Hz, for hunting", "6A003.b.4.b"),
    ("Lunette de visée thermique 384x288, 50 Hz, chasse", "6A003.b.4.b"),
])
def test_controlled_cameras_are_listed(line: str, code: str) -> None:
    status, decided, _ = decide(line)
    assert (status, decided) == ("listed", code)


@pytest.mark.parametrize("line", [
    "Compact thermal camera 80 x 60, 8.7 Hz, USB-C",
    "Pocket thermal imager 96 x 96 pixels, refresh rate 9 Hz",
    "Imageur thermique non refroidi 256 x 192, 9 Hz",
    "Caméra thermique pour smartphone 160 x 120, 8,7 Hz",
    "Thermal monocular 256x192, 9 Hz",
    # video cameras under 4 million active video pixels
    "IP security camera 1080p with IR night vision",
    "Caméra de vidéosurveillance dôme 1080p",
])
def test_released_or_below_cameras_go(line: str) -> None:
    assert decide(line)[0] == "not-listed"


@pytest.mark.parametrize(("line", "asked"), [
    # a high-speed camera whose frame rate and exposure rule out 6A003.a.4 and a.5: "high-speed
    # camera" names 6A003.a itself, so its streak cameras (a.3) are asked, never set aside
    ("Phantom high-speed camera 12,500 fps at 1280 x 800, minimum exposure 1 µs",
     "temporal_resolution"),
    ("Thermal camera core 384 x 288 microbolometer, 17 µm", "frame_rate"),
    ("Caméra thermique non refroidie 640 x 480", "frame_rate"),
])
def test_a_thermal_camera_without_its_frame_rate_is_asked_for_it(line: str, asked: str) -> None:
    status, _, missing = decide(line)
    assert status == "needs-figure" and asked in missing


@pytest.mark.parametrize(("line", "code"), [
    ("nLight 2 kW single-mode CW fiber laser, 1080 nm", "6A005.a.6.a.1"),
    ("Laser à fibre monomode 1,2 kW, 1070 nm, continu", "6A005.a.6.a.1"),
    # the pump diodes' mode is not the laser's
    ("Single-mode fiber laser 1500 W, 1070 nm, pumped by multimode diodes", "6A005.a.6.a.1"),
    ("Multimode CW fiber laser 1.5 kW, 1070 nm, wall-plug efficiency 35 %", "6A005.a.6.b.1"),
    ("Laser à fibre multimode 8 kW, 1070 nm", "6A005.a.6.b.2"),
    ("Fiber laser source, 2000W, CW, 1080±5nm, single-mode", "6A005.a.6.a.1"),
    # the band's own sub-item, not the 1 µm one, decides a fibre laser of another wavelength
    ("CW fiber laser 1550 nm, 100 W, single-mode", "6A005.a.7.a"),
    ("CW fibre laser 915 nm 100 W single-mode", "6A005.a.5.a"),
    ("Laser à fibre continu 780 nm, 40 W", "6A005.a.4"),
    # pulse figures bring the pulsed sub-items in even when the line does not say "pulsed"
    ("Fibre laser 1030 nm, 40 W, 300 fs", "6A005.b.6.a"),
    ("Laser diode bar 808 nm 200 W CW", "6A005.d.1.c.1"),
    ("Multimode laser diode 915 nm, 40 W CW, fibre-coupled", "6A005.d.1.b.2"),
    ("Diode laser multimode 976 nm, puissance 35 W", "6A005.d.1.b.2"),
])
def test_controlled_lasers_are_listed(line: str, code: str) -> None:
    status, decided, _ = decide(line)
    assert status == "listed" and decided is not None
    assert decided == code or decided.startswith(code + ".")


@pytest.mark.parametrize("line", [
    "Multimode CW fiber laser 1.2 kW, 1070 nm, wall-plug efficiency 12 %",
    "Laser à fibre multimode 1500 W, 1080 nm, rendement 15 %",
    "Laser à fibre continu monomode 400 W, 1080 nm",
    "Green laser pointer 1 mW, 532 nm",
    "Stylo laser rouge 1 mW",
    "Pointeur laser vert 5 mW pour astronomie",
    "Diode laser module 450 nm 1.6 W for engraving",
    "Multimode laser diode 915 nm, 20 W CW",
    # a laser diode built into other equipment follows that equipment (Note 2 to 6A005.d.1)
    "Leica laser distance meter, range 100 m, class 2",
    "Distancemètre laser 60 m, classe 2",
])
def test_lasers_below_every_row_go(line: str) -> None:
    assert decide(line)[0] == "not-listed"


@pytest.mark.parametrize(("line", "asked"), [
    # single-mode over 500 W: the linewidth decides (6A005.a.6.a.2)
    ("Single-mode CW fiber laser 1000 W, 1080 nm", "spectral_linewidth"),
    # multimode 2-6 kW: Note 1 releases it when it weighs over 1,200 kg in all
    ("Multimode fiber laser 4 kW, 1070 nm", "mass"),
    ("Laser à fibre multimode 3 kW, 1070 nm", "mass"),
    # the mode not stated: it decides between 1000 W and 2 kW
    ("CW fiber laser 1.5 kW, 1070 nm", "beam_quality"),
    # a 10 W diode: single-mode lists from 2 W, multimode from 30 W
    ("Laser diode 808 nm, 10 W CW", "beam_quality"),
])
def test_a_laser_the_line_cannot_decide_is_asked_for_the_figure(line: str, asked: str) -> None:
    status, _, missing = decide(line)
    assert status == "needs-figure" and asked in missing


def test_a_band_outside_8_14_um_brings_back_cooled_cameras() -> None:
    from dualuse.catalog import open_catalog
    from dualuse.classifier import _kb_fns
    from dualuse.criteria import load_criteria
    from dualuse.criteria.decide import evaluate_entry
    from dualuse.line import analyse

    children, kind = _kb_fns(open_catalog())
    line = analyse("Thermal camera 640 x 512, 9 Hz, 3-5 µm")
    r = evaluate_entry(line, "wassenaar-2025", "6A003", load_criteria(), kb_children=children,
                       kind=kind)
    assert r.value is not False  # a 3-5 µm camera is a photon-detector camera (6A003.b.4.a)
