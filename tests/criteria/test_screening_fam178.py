"""Screening decisions on CBRN protective gear (1A004), body armour (1A005, ML13), metals (1C202,
1C230, 1C234), aluminides (1C002.a), precursor mixtures (1C350) and gyros / inertial units
(7A002, 7A003) with the bundled criteria: held and released, EN and FR.

The lines are our own (not those of benchmarks/data/screening_dev_fam178.jsonl): other makers,
other wordings, both ways of every rule the criteria files encode for these goods."""

from __future__ import annotations

import pytest

from .screening import decision, reasons


@pytest.mark.parametrize(("text", "code"), [
    # 1A004.a.3 / .b.3: masks and suits named as CBRN / NRBC gear
    ("MSA Millennium CBRN mask with NBC filter, size M", "1A004.a"),
    ("Masque NRBC à cartouche filtrante, taille standard", "1A004.a"),
    ("Lakeland CBRN suit, chemical warfare agent protection, size XL", "1A004.b"),
    ("Combinaison NRBC réutilisable, gants et surbottes, taille M", "1A004.b"),
    # ML13.d.2: hard plates of level III or better; ML13.c.1 military helmets
    ("Ceramic SAPI plate NIJ level IV, 10 x 12 inch", "ML13.d.2"),
    ("Plaque balistique dure niveau IV, céramique, 25 x 30 cm", "ML13.d.2"),
    ("MICH helmet for military use, aramid shell", "ML13.c.1"),
    # 1A005.b: hard plates of level IIIA (released from ML13.d.2, held by 1A005.b)
    ("Hard armor plate NIJ level IIIA, 10 x 12 in, polyethylene", "1A005.b"),
    # 1C202: alloy cylinders over 75 mm at 460 MPa (Al) / 900 MPa (Ti) or more
    ("Aluminium 7068-T6511 round bar, outside diameter 150 mm, UTS 640 MPa", "1C202.a"),
    ("Barre ronde titane Ti-6Al-4V, diamètre 130 mm, Rm 960 MPa", "1C202.b"),
    # 1C234: hafnium under one part in 500 (0.2 %), thicker than the 0.10 mm foil of the note
    ("Reactor grade zirconium sheet, thickness 3 mm, hafnium 50 ppm", "1C234"),
    # 1C116: maraging steel aged over 1.5 GPa as sheet 5 mm or thinner ("sheet 2 mm" is its gauge)
    ("Maraging 350 sheet 1.5 mm, UTS 2 350 MPa aged", "1C116"),
    ("Feuillard acier maraging 300 épaisseur 0,8 mm, Rm 2 000 MPa vieilli", "1C116"),
    # 1C117.c: tungsten of 97 % or more that a 120 mm x 50 mm cylinder can be machined from
    ("Tungsten alloy rod, tungsten content 97 %, diameter 130 mm, length 60 mm", "1C117.c"),
    # 1C002.a: aluminides, named, with their aluminium share
    ("Nickel aluminide Ni3Al ingot, Al 24 %", "1C002.a.1"),
    # 7A002.a: a gyro meeting .a.1 is listed whatever its g rating (7A002.b takes the others)
    ("Fibre optic gyroscope, input range ±300 °/s, bias instability 0.02 °/h", "7A002.a.1"),
    ("Gyromètre à fibre optique, plage de mesure ±400 °/s, marche aléatoire angulaire 0,002 °/√h",
     "7A002.a.1"),
    # 7A005.b: an adaptive (null-steering) antenna, even when the line also names a consumer use
    ("GPS anti-jam receiver with 4-element CRPA null steering antenna", "7A005.b"),
    # 7A003.c: heading finder with the heading accuracy of its branch
    ("North seeking gyrocompass, heading accuracy 0.05 °, max rate 200 °/s", "7A003.c.1"),
])
def test_controlled_goods_are_listed(text: str, code: str) -> None:
    d = decision(text)
    assert d.status == "listed", (text, reasons(d))
    assert d.code is not None and (d.code == code or d.code.startswith(code + ".")), d.code


@pytest.mark.parametrize(("text", "why"), [
    # 1C350 mixtures: a listed chemical at 30 % or less of the mixture (1C350.43, .46)
    ("Toothpaste containing sodium fluoride 0.32 %, 100 ml tube", "released"),
    ("Dentifrice contenant 0,32 % de fluorure de sodium, tube de 75 ml", "released"),
    # 1C234 with its share written in parts: commercial zirconium
    ("Zirconium 702 sheet 3 mm, Hf 2 %", "exceeds the limit"),
    # 1C230: beryllium copper is a copper alloy (0.2-3 % Be), far from 50 % Be
    ("Copper beryllium alloy C17200 rod, 2 % Be", "released"),
    ("Feuillard cuivre-béryllium CuBe2 pour ressorts", "released"),
    # 1C234: commercial zirconium carries percent-level hafnium
    ("Zirconium 705 sheet 4 mm, hafnium 3 %", "exceeds the limit"),
    # 1C116 lists sheet, plate and tubes only: a round bar is judged by 1C216's 1950 MPa alone
    ("Barre ronde acier maraging 250, diamètre 100 mm, Rm 1 800 MPa à l'état vieilli",
     "does not reach"),
    ("Maraging 250 round bar, diameter 120 mm, UTS 1 790 MPa aged", "does not reach"),
    # 1C202: strength below the floor
    ("Barre ronde en alliage d'aluminium 6060, diamètre 90 mm, Rm 215 MPa", "does not reach"),
    # ML13.d.2: IIIA plates are not ML13; stab-only vests released from 1A005 (note 3)
    ("Stab and spike resistant vest, KR2 / SP2, knife protection only", "released"),
    # 7A002: MEMS gyros far from the bias limits (a 500 °/s range is read as the gyro's range)
    ("MEMS gyro, ±2000 °/s, bias instability 8 °/h, ARW 0.4 °/√h", "exceeds the limit"),
    ("Gyromètre MEMS, gamme ±1000 °/s, stabilité du biais 12 °/h", "exceeds the limit"),
    # ordinary goods that share words
    ("Disposable FFP3 dust masks, box of 10", "nothing on the lists"),
    # consumer devices with a GNSS chip or MEMS rate sensor, named as what they are
    # a dash cam is a video camera (6A003.b.1): its video pixels decide, 1080p is under 4 Mpx
    ("Car dash cam 1080p with GPS", "does not reach"),
    ("Montre GPS de course à pied, gyroscope, altimètre", "released"),
    ("Activity tracker with 6-axis gyroscope and accelerometer, silicone band", "released"),
])
def test_released_goods_are_not_listed(text: str, why: str) -> None:
    d = decision(text)
    assert d.status == "not-listed", (text, d.status, d.code, reasons(d))
    assert why in reasons(d), reasons(d)


@pytest.mark.parametrize("text", [
    # a gas mask whose agents are not said: which of 1A004.a.1-.a.4 (fail closed)
    "Full face gas mask with filter canister",
    # zirconium with no hafnium figure: 1C234 cannot be ruled out
    "Zircaloy-2 tube, nuclear fuel cladding",
    # a MEMS unit with gyros under the .a.1 limits (bias 2 °/h at ±450 °/s), nothing of 7A003's
    # heading accuracy or accelerometers: not listed by 7A003.c / .d on its rate range alone
    "Centrale inertielle MEMS, gyromètres ±450 °/s, stabilité du biais 2 °/h",
    # a GNSS receiver named as such: decryption or adaptive antenna is to be said (7A005.a/.b)
    "Handheld GNSS receiver, GPS and Galileo, 72 channels",
    # a riot helmet's visor is no ballistic add-on of a military helmet (ML13.c.3): asked
    "Police riot helmet with visor",
    # a ballistic helmet: military standard or not is to be said (ML13.c.1)
    "Ballistic helmet NIJ level IIIA, aramid",
    # a prepreg tape whose fibre is not described: 1C010.e / 1C210.c depend on the fibre
    "Carbon fibre prepreg tape, epoxy resin, width 12 mm",
])
def test_undecided_goods_are_held(text: str) -> None:
    d = decision(text)
    assert d.status == "needs-figure", (text, d.status, d.code, reasons(d))


def test_a_consumer_word_does_not_release_an_inertial_unit() -> None:
    # the consumer-device releases of 7A001-7A003 name wearables only: a dash cam word beside a
    # tactical IMU's figures (here as a use) must not let it go
    d = decision("Tactical IMU for dashcam calibration, bias instability 0.3 °/h, range ±300 °/s")
    assert d.status == "listed", reasons(d)


def test_hard_plate_below_level_iii_is_not_ml13() -> None:
    d = decision("Plaque balistique dure NIJ niveau IIIA, 25 x 30 cm")
    assert d.status == "listed" and d.code is not None and d.code.startswith("1A005.b"), d.code


def test_multi_threat_vest_is_not_released_as_stab_only() -> None:
    # "stab resistant" beside a ballistic level: Note 3 releases only stab-only armour
    for text in ("Multi-threat vest NIJ IIIA ballistic and stab resistant KR1",
                 "Gilet pare-balles et pare-lame NIJ IIIA / KR1"):
        d = decision(text)
        assert d.status != "not-listed", (text, reasons(d))


def test_hard_plate_level_iv_is_not_released_by_the_iiia_words() -> None:
    # "level IV" must not read as "level IIIA" or "level II" (whole words only)
    d = decision("Hard armour plate, NIJ level IV stand-alone, alumina ceramic")
    assert d.status == "listed", reasons(d)
    assert d.code is not None and d.code.startswith(("ML13.d.2", "1A005.b")), d.code


def test_gyro_range_cue_does_not_take_a_bias() -> None:
    from dualuse.criteria.reader import read_figures

    figs = {f.quantity: f for f in read_figures("Gyros ±450 °/s, drift rate 0,3 °/h", "fr")}
    assert figs["angular_rate_range"].value == 450
    assert float(figs["bias_stability"].value) == pytest.approx(0.3)
