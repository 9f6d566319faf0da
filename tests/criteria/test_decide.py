"""The decision: three-valued evaluation of criteria trees, releases, the wording of comparisons,
and classify's ``decision`` (on small criteria tables written here and in
tests/fixtures/criteria)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from dualuse.criteria import load_criteria
from dualuse.criteria.decide import _and, _or, decide, evaluate_entry
from dualuse.criteria.model import CriteriaTable
from dualuse.criteria.wording import ask, result_text
from dualuse.line import analyse
from dualuse.model import Localized

FIXTURES = Path(__file__).parent.parent / "fixtures" / "criteria"
WA = "wassenaar-2025"


def table(tmp_path: Path, body: str) -> dict[str, CriteriaTable]:
    path = tmp_path / "t.xml"
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<criteria list="{WA}">{body}'
                    "</criteria>", encoding="utf-8")
    return load_criteria([path])


@pytest.fixture(scope="module")
def fixture_tables() -> dict[str, CriteriaTable]:
    return load_criteria(sorted(FIXTURES.glob("*.xml")))


def test_kleene_logic() -> None:
    assert [_and(v) for v in ([True, True], [True, None], [None, False], [])] == \
        [True, None, False, True]
    assert [_or(v) for v in ([False, False], [False, None], [None, True], [])] == \
        [False, None, True, False]


CAMERA = """
  <node code="6A003" combine="any"/>
  <node code="6A003.b.4.b"/>
  <release code="6A003.b.4.b" id="note3">
    <text lang="en">at or under 9 Hz</text><text lang="fr">9 Hz ou moins</text>
    <criterion quantity="frame_rate" comparator="le" value="9" unit="Hz"/>
  </release>"""


@pytest.mark.parametrize(("text", "status"), [
    ("thermal camera core 640 x 512, 12 µm, 60 Hz", "listed"),
    ("thermal camera core 640 x 512, 12 µm, frame rate 8.7 Hz", "not-listed"),
    ("thermal camera core 640 x 512, 12 µm", "needs-figure"),
    ("caméra thermique 640 x 480, 9 Hz", "not-listed"),
])
def test_release_by_figure(tmp_path: Path, text: str, status: str) -> None:
    d = decide(analyse(text), [(WA, "6A003")], table(tmp_path, CAMERA))
    assert d.status == status
    if status == "listed":
        assert d.code == "6A003.b.4.b"
        assert any(c.status == "does-not-meet" and c.quantity == "frame_rate" for c in d.criteria)
    if status == "not-listed":
        assert [r.id for r in d.releases] == ["note3"]
    if status == "needs-figure":
        (req,) = d.missing
        assert req.quantity == "frame_rate" and req.codes == ("6A003.b.4.b",)
        assert (req.text.en, req.text.fr) == ("state the frame rate",
                                              "indiquer la fréquence d'images")


def test_release_by_phrase_takes_plurals(tmp_path: Path) -> None:
    tables = table(tmp_path, """
      <node code="2A001" combine="any"/>
      <node code="2A001.a">
        <criterion quantity="tolerance_class" comparator="le" value="4" unit=""/></node>
      <release code="2A001" id="bikes"><text lang="en">bicycles</text>
        <when lang="en">bicycle</when><when lang="fr">vélo</when></release>""")
    assert decide(analyse("ball bearings for bicycles"), [(WA, "2A001")], tables).status == \
        "not-listed"
    assert decide(analyse("roulements à billes pour vélos"), [(WA, "2A001")], tables).status == \
        "not-listed"
    held = decide(analyse("ball bearings for pumps"), [(WA, "2A001")], tables)
    assert held.status == "needs-figure"
    assert [m.quantity for m in held.missing] == ["tolerance_class"]


def test_all_of_children(tmp_path: Path) -> None:
    tables = table(tmp_path, """
      <node code="2B001" combine="all"/>
      <node code="2B001.x">
        <criterion quantity="contouring_axes" comparator="ge" value="5" unit=""/></node>
      <node code="2B001.y">
        <criterion quantity="positioning_repeatability" comparator="le" value="1.1" unit="um"/>
      </node>""")
    def status(text: str) -> str:
        return decide(analyse(text), [(WA, "2B001")], tables).status
    assert status("5-axis machining centre, repeatability 0.8 µm") == "listed"
    assert status("5-axis machining centre") == "needs-figure"
    assert status("3-axis machining centre") == "not-listed"  # one failing child decides
    assert status("5-axis machining centre, repeatability 4 µm") == "not-listed"


def test_any_of_alternatives_inside_a_node(tmp_path: Path) -> None:
    tables = table(tmp_path, """
      <node code="6A005"><anyOf>
        <criterion quantity="output_power" comparator="gt" value="1" unit="kW"/>
        <criterion quantity="pulse_energy" comparator="gt" value="1" unit="J"/>
      </anyOf></node>""")
    def status(text: str) -> str:
        return decide(analyse(text), [(WA, "6A005")], tables).status
    assert status("laser, output power 500 W, pulse energy 2 J") == "listed"
    assert status("laser, output power 500 W") == "needs-figure"
    assert status("laser, output power 500 W, pulse energy 0.1 J") == "not-listed"


def test_not_encoded_is_never_ruled_out(tmp_path: Path) -> None:
    tables = table(tmp_path, '<node code="6A003" combine="any"/>')
    line = analyse("thermal camera 640 x 512, 8.7 Hz")
    # an entry no file describes
    d = decide(line, [(WA, "9A012")], tables)
    assert d.status == "needs-figure" and "no criteria encoded for 9A012" in (d.reasons[0].en or "")
    # described, no criteria, but the knowledge base has sub-items nobody encoded
    d = decide(line, [(WA, "6A003")], tables, kb_children=lambda lid, code: ("6A003.a",))
    assert d.status == "needs-figure"
    # a combination node whose described sub-items all fail, beside one nobody encoded
    adc = table(tmp_path, """
      <node code="3A001" combine="any"/>
      <node code="3A001.a.5.a.2">
        <criterion quantity="resolution_bits" comparator="ge" value="10" unit="bit"/></node>""")
    kb = {"3A001": ("3A001.a.5.a.1", "3A001.a.5.a.2")}
    eight = analyse("ADC 8-bit, 6.4 GSPS")
    assert decide(eight, [(WA, "3A001")], adc).status == "not-listed"
    d = decide(eight, [(WA, "3A001")], adc, kb_children=lambda lid, code: kb.get(code, ()))
    assert d.status == "needs-figure" and "3A001.a.5.a.1" in (d.reasons[0].en or "")
    # no criteria tables at all: never "not listed"
    assert decide(line, [(WA, "6A003")], {}).status == "needs-figure"


def test_met_by_kind_only_when_the_line_names_it(tmp_path: Path) -> None:
    tables = table(tmp_path, '<node code="0C001"/>')
    named = decide(analyse("natural uranium metal"), [(WA, "0C001")], tables,
                   kind=lambda lid, code, line: "uranium" in line.words)
    assert named.status == "listed" and named.code == "0C001"
    unnamed = decide(analyse("metal ingots"), [(WA, "0C001")], tables,
                     kind=lambda lid, code, line: "uranium" in line.words)
    assert unnamed.status == "needs-figure"


def test_intangible_node_is_ruled_out(tmp_path: Path) -> None:
    tables = table(tmp_path, '<node code="6D003" intangible="true"/>')
    d = decide(analyse("thermal camera"), [(WA, "6D003")], tables)
    assert d.status == "not-listed"
    assert "software or technology" in (d.reasons[0].en or "")


def test_intangible_node_stays_open_for_a_line_about_software(tmp_path: Path) -> None:
    # found by the fail-closed property test: reactor-physics software (0D001) was released
    tables = table(tmp_path, '<node code="6D003" intangible="true"/>')
    d = decide(analyse("thermal camera calibration software licence"), [(WA, "6D003")], tables,
               intangibles=True)
    assert d.status == "needs-figure"
    assert "software or technology" in (d.reasons[0].en or "")


def test_nothing_resembles_and_empty_line() -> None:
    d = decide(analyse("cotton T-shirts"), [], {})
    assert d.status == "not-listed"
    assert d.reasons[0].en == "nothing on the lists resembles these goods"
    assert decide(analyse("   "), [], {}).status == "needs-figure"


def test_figure_compared_only_with_its_named_quantity(tmp_path: Path) -> None:
    tables = table(tmp_path, """
      <node code="6A002">
        <criterion quantity="wavelength" comparator="le" value="300" unit="nm"/></node>
      <node code="8A002">
        <criterion quantity="torque" comparator="ge" value="250" unit="N.m"/></node>""")
    # a pixel pitch is never held against a wavelength
    pitch = evaluate_entry(analyse("detector, pixel pitch 12 µm"), WA, "6A002", tables)
    assert pitch.value is None and pitch.results[0].status == "not-stated"
    # an unnamed length where the entry has one length quantity: the unit leaves no doubt
    plain = evaluate_entry(analyse("detector 250 nm"), WA, "6A002", tables)
    assert plain.value is True
    # "250 nm" is no torque
    assert evaluate_entry(analyse("manipulator 250 nm"), WA, "8A002", tables).value is None
    assert evaluate_entry(analyse("manipulator 250 N·m"), WA, "8A002", tables).value is True


def test_a_figure_inferred_from_its_unit_holds_but_never_releases(tmp_path: Path) -> None:
    tables = table(tmp_path, """
      <node code="1C216">
        <criterion quantity="tensile_strength" comparator="ge" value="1950" unit="MPa"/></node>
      <node code="6A003" combine="any"/>
      <node code="6A003.b.4.b"/>
      <release code="6A003.b.4.b" id="9Hz">
        <criterion quantity="frame_rate" comparator="le" value="9" unit="Hz"/></release>""")
    # "350 bar" names no tensile strength: it cannot rule 1C216 out ...
    weak = evaluate_entry(analyse("maraging steel 350 bar"), WA, "1C216", tables)
    assert weak.value is None and weak.missing == {"tensile_strength": ["1C216"]}
    # ... but an unnamed figure that meets may hold the goods
    assert evaluate_entry(analyse("maraging steel 2,400 MPa"), WA, "1C216", tables).value is True
    # an unnamed 5 Hz cannot release a microbolometer core; an unnamed 60 Hz keeps it listed
    assert evaluate_entry(analyse("microbolometer core 5 Hz"), WA, "6A003", tables).value is None
    assert evaluate_entry(analyse("microbolometer core 60 Hz"), WA, "6A003", tables).value is True
    assert evaluate_entry(analyse("microbolometer core, frame rate 5 Hz"), WA, "6A003",
                          tables).value is False


def test_alternatives_the_line_is_not_about_are_set_aside(fixture_tables: dict) -> None:
    adc = evaluate_entry(analyse("ADC 12-bit, 65 MSPS"), WA, "3A001", fixture_tables)
    assert adc.value is False and "3A001.a.7" in adc.set_aside
    fpga = evaluate_entry(analyse("FPGA, 832 user I/O"), WA, "3A001", fixture_tables)
    assert fpga.value is True and fpga.met_code == "3A001.a.7.a"


@pytest.mark.parametrize(("entry", "text", "code", "status"), [
    ("3A001", "AD9208 14-bit ADC, 3 GSPS", "3A001.a.5.a.4", "listed"),
    ("3A001", "AD9226 12-bit ADC, 65 MSPS", None, "not-listed"),
    ("3A001", "Convertisseur A/N 16 bits 130 Méch/s", "3A001.a.5.a.5", "listed"),
    ("6A005", "IPG YLS-6000 fibre laser 1070 nm, 6 kW", "6A005.a.6.b.2", "listed"),
    ("6A005", "fiber laser 1080 nm, 1500 W, wall-plug efficiency 30 %", "6A005.a.6.b.1",
     "listed"),
    ("6A005", "fiber laser 1080 nm, 500 W", None, "not-listed"),
    ("6A005", "fiber laser 1500 W", None, "needs-figure"),  # wavelength and efficiency unknown
    ("3A002", "real-time oscilloscope, 110 GHz bandwidth", "3A002.a.7.b", "listed"),
    ("3A002", "oscilloscope 100 MHz", None, "not-listed"),
    ("9A012", "drone, flight time 90 min", "9A012.a.2", "listed"),
    ("9A012", "drone, flight time 46 min, wind resistance 12 m/s", None, "not-listed"),
    ("9A012", "drone, flight time 46 min", None, "needs-figure"),
    ("9A012", "toy drone, flight time 90 min", None, "not-listed"),
])
def test_decisions_on_fixture_criteria(fixture_tables: dict, entry: str, text: str,
                                       code: str | None, status: str) -> None:
    d = decide(analyse(text), [(WA, entry)], fixture_tables)
    assert (d.status, d.code) == (status, code)


def test_listed_names_the_figures_that_meet(fixture_tables: dict) -> None:
    d = decide(analyse("AD9208 14-bit ADC, 3 GSPS"), [(WA, "3A001")], fixture_tables)
    assert d.reasons[0].en == (
        "3A001.a.5.a.4: resolution in bits 14 bit meets 3A001.a.5.a.4 (14 bit or more); "
        "resolution in bits 14 bit meets 3A001.a.5.a.4 (less than 16 bit); "
        "sample rate 3 GS/s meets 3A001.a.5.a.4 (more than 250 MS/s)")


NAME = Localized(en="pixel pitch", fr="pas de pixel")


@pytest.mark.parametrize(("status", "cmp", "en", "fr"), [
    ("meets", "gt", "pixel pitch 17 µm meets X (more than 12 µm)",
     "pas de pixel 17 µm : remplit le critère de X (plus de 12 µm)"),
    ("does-not-meet", "gt", "pixel pitch 17 µm does not reach the threshold of X (more than 12 µm)",
     "pas de pixel 17 µm : n'atteint pas le seuil de X (plus de 12 µm)"),
    ("does-not-meet", "ge", "pixel pitch 17 µm does not reach the threshold of X (12 µm or more)",
     "pas de pixel 17 µm : n'atteint pas le seuil de X (12 µm ou plus)"),
    ("does-not-meet", "le", "pixel pitch 17 µm exceeds the limit of X (12 µm or less)",
     "pas de pixel 17 µm : dépasse la limite de X (12 µm ou moins)"),
    ("does-not-meet", "lt", "pixel pitch 17 µm exceeds the limit of X (less than 12 µm)",
     "pas de pixel 17 µm : dépasse la limite de X (moins de 12 µm)"),
    ("does-not-meet", "eq", "pixel pitch 17 µm differs from the value of X (exactly 12 µm)",
     "pas de pixel 17 µm : diffère de la valeur de X (exactement 12 µm)"),
    ("not-stated", "le", "pixel pitch not stated (X: 12 µm or less)",
     "pas de pixel non indiqué(e) (X : 12 µm ou moins)"),
])
def test_wording_per_comparator(status: str, cmp: str, en: str, fr: str) -> None:
    stated = None if status == "not-stated" else (Decimal(17), "um")
    text = result_text(status, "X", cmp, Decimal(12), "um", NAME, stated)
    assert (text.en, text.fr) == (en, fr)


def test_french_numbers_and_units() -> None:
    text = result_text("does-not-meet", "Y", "gt", Decimal("1.3"), "GS/s",
                       Localized(en="sample rate", fr="fréquence d'échantillonnage"),
                       (Decimal("0.5"), "GS/s"))
    assert text.fr == "fréquence d'échantillonnage 0,5 GS/s : n'atteint pas le seuil de Y " \
                      "(plus de 1,3 GS/s)"
    assert ask(Localized(en="number of user inputs/outputs", fr="nombre d'entrées/sorties")).fr \
        == "indiquer le nombre d'entrées/sorties"
    assert ask(Localized(en="endurance", fr="autonomie")).fr == "indiquer l'autonomie"


def test_classify_returns_the_decision(fixture_tables: dict) -> None:
    from dualuse import classify

    c = classify("Analog Devices AD9208 14-bit ADC, 3 GSPS", criteria=fixture_tables)
    assert c.decision is not None and c.decision.status == "listed"
    assert c.decision.code == "3A001.a.5.a.4"
    ev = [e for cand in c.candidates for e in cand.evidence if e.kind == "parameter"]
    assert ev and all(e.quantity and e.comparator and e.unit is not None for e in ev)
    assert {e.status for e in ev} <= {"meets", "does-not-meet"}
    assert c.model_dump(mode="json")["decision"]["status"] == "listed"
    plain = classify("Men's cotton T-shirts, size L", criteria=fixture_tables)
    assert plain.decision is not None and plain.decision.status != "listed"


def test_schema_includes_the_decision() -> None:
    schema = json.loads((Path(__file__).parents[2] / "docs" / "schema" /
                         "classification.json").read_text(encoding="utf-8"))
    assert "decision" in schema["properties"]
    decision = schema["$defs"]["Decision"]
    assert decision["properties"]["status"]["enum"] == ["listed", "not-listed", "needs-figure"]
    evidence = schema["$defs"]["Evidence"]["properties"]
    assert {"quantity", "comparator", "value", "unit", "status"} <= set(evidence)


def test_figures_are_asked_only_along_undecided_paths(tmp_path: Path) -> None:
    """A figure below a node already ruled out cannot change the answer: it is not asked."""
    tables = table(tmp_path, """
      <node code="6A003" combine="any"/>
      <node code="6A003.a" combine="all"/>
      <node code="6A003.a.1"><criterion quantity="shutter_time" comparator="lt" value="1"
        unit="us"/></node>
      <node code="6A003.a.2"><criterion quantity="frame_rate" comparator="gt" value="125"
        unit="Hz"/></node>
      <node code="6A003.b"><criterion quantity="array_elements" comparator="gt" value="8192"
        unit=""/><criterion quantity="frame_rate" comparator="le" value="60" unit="Hz"/></node>
      """)
    d = decide(analyse("camera, frame rate 30 Hz"), [(WA, "6A003")], tables)
    assert d.status == "needs-figure"
    assert [m.quantity for m in d.missing] == ["array_elements"]  # not the shutter time of .a


def test_alternatives_whose_kind_is_named_come_before_those_given_a_figure(
        tmp_path: Path) -> None:
    tables = table(tmp_path, """
      <node code="3A001" combine="any"/>
      <node code="3A001.a5"><criterion quantity="resolution_bits" comparator="ge" value="12"
        unit="bit"/><criterion quantity="sample_rate" comparator="gt" value="400"
        unit="MS/s"/></node>
      <node code="3A001.a13"><criterion quantity="resolution_bits" comparator="ge" value="10"
        unit="bit"/><criterion quantity="operating_frequency" comparator="gt" value="3.5"
        unit="GHz"/></node>""".replace("a5", "a.5").replace("a13", "a.13"))

    def kind(lid: str, code: str, line: object) -> bool:  # the line says ADC: that is 3A001.a.5
        return code == "3A001.a.5" and "adc" in line.words  # type: ignore[attr-defined]

    adc = evaluate_entry(analyse("ADC 12-bit, 65 MSPS"), WA, "3A001", tables, kind=kind)
    assert adc.value is False and adc.set_aside == ["3A001.a.13"]
    # without a kind named, both alternatives given a figure stay: the DAC one is undecided
    blind = evaluate_entry(analyse("converter 12-bit, 65 MSPS"), WA, "3A001", tables)
    assert blind.value is None and "operating_frequency" in blind.missing


class _C:
    def __init__(self, entry: str, score: float, coverage: float = 0.0) -> None:
        self.entry, self.list, self.score, self.coverage = entry, WA, score, coverage


def test_a_weak_likeness_resembles_only_when_the_kind_is_named() -> None:
    from dualuse.criteria.screen import resembling

    cands = [_C("0B001", 0.47), _C("3A001", 0.45)]
    assert resembling(cands) == [(WA, "0B001"), (WA, "3A001")]  # no kind test: score alone
    named = {"3A001"}
    got = resembling(cands, named=lambda lid, e: e in named)
    assert got == [(WA, "3A001")]  # 0B001 shares a word, names nothing: set aside first
    assert resembling(cands, named=lambda lid, e: False) == []
    # a strong likeness (words or coverage) resembles without the kind
    assert resembling([_C("6A003", 0.91)], named=lambda lid, e: False) == [(WA, "6A003")]
    assert resembling([_C("6A003", 0.42, 0.7)], named=lambda lid, e: False) == [(WA, "6A003")]
    # a code written in the line always holds its entry
    assert resembling(cands, ["0B001.b.1"], named=lambda lid, e: False) == [(WA, "0B001")]


def test_classify_sets_aside_a_weak_likeness_of_ordinary_goods() -> None:
    from dualuse import classify

    tee = classify("Men's cotton T-shirts, size L, 100 pieces").decision
    assert tee is not None and tee.status == "not-listed" and not tee.entries
    fpga = classify("Lattice iCE40 UltraPlus FPGA, 39 I/O").decision
    assert fpga is not None and fpga.status != "not-listed"  # 3A001 is named: held


def test_an_alternative_the_figures_meet_is_never_set_aside(tmp_path: Path) -> None:
    tables = table(tmp_path, """
      <node code="6A005" combine="any"/>
      <node code="6A005.b5"><criterion quantity="wavelength" comparator="le" value="975"
        unit="nm"/></node>
      <node code="6A005.b6"><criterion quantity="wavelength" comparator="gt" value="975"
        unit="nm"/><criterion quantity="output_power" comparator="gt" value="30"
        unit="W"/></node>""".replace("b5", "b.5").replace("b6", "b.6"))

    def kind(lid: str, code: str, line: object) -> bool:  # "femtosecond" names only 6A005.b.5
        return code == "6A005.b.5"

    # met by the figures, but the line names another kind: held, its kind to be said
    met = decide(analyse("femtosecond laser 1030 nm, 40 W"), [(WA, "6A005")], tables,
                 kind=kind)
    assert met.status == "needs-figure" and "6A005.b.6" in met.reasons[0].en
    named = decide(analyse("femtosecond laser 1030 nm, 40 W"), [(WA, "6A005")], tables,
                   kind=lambda lid, code, line: True)
    assert (named.status, named.code) == ("listed", "6A005.b.6")
    below = decide(analyse("femtosecond laser 1030 nm, 20 W"), [(WA, "6A005")], tables,
                   kind=kind)
    assert below.status == "not-listed"  # .b.5 fails on the wavelength, .b.6 set aside


def test_bundled_pulsed_laser_in_french_is_held() -> None:
    from dualuse import classify

    d = classify("Laser femtoseconde 1030 nm, puissance moyenne 40 W, durée d'impulsion "
                 "300 fs").decision  # 6A005.b.6.a.2 by its figures
    assert d is not None and d.status != "not-listed"
    assert d.status == "needs-figure" or d.code == "6A005.b.6.a.2"


def test_a_named_kind_sets_aside_a_likeness_by_words_alone() -> None:
    from dualuse.criteria.screen import resembling

    cands = [_C("9A012", 0.80), _C("9A350", 0.78)]
    # "drone": 9A012 is named; 9A350 (spraying systems) only shares words: the line is about 9A012
    got = resembling(cands, named=lambda lid, e: e == "9A012")
    assert got == [(WA, "9A012")]
    # nothing named: both near candidates are held
    assert resembling(cands, named=lambda lid, e: False) == [(WA, "9A012"), (WA, "9A350")]


def test_a_node_that_requires_its_kind_is_not_met_by_figures_alone(tmp_path: Path) -> None:
    tables = table(tmp_path, """
      <node code="3A001" combine="any"/>
      <node code="3A001.a.10" kind="required"><criterion quantity="operating_frequency"
        comparator="gt" value="3" unit="GHz"/></node>""")

    def kind(lid: str, code: str, line: object) -> bool:
        return "asic" in line.words  # type: ignore[attr-defined]

    cpu = decide(analyse("desktop CPU, 5.0 GHz boost frequency"), [(WA, "3A001")], tables,
                 kind=kind)
    assert cpu.status == "needs-figure" and "3A001.a.10" in cpu.reasons[0].en
    asic = decide(analyse("ASIC, operating frequency 5 GHz"), [(WA, "3A001")], tables, kind=kind)
    assert (asic.status, asic.code) == ("listed", "3A001.a.10")
    slow = decide(analyse("ASIC, operating frequency 1 GHz"), [(WA, "3A001")], tables, kind=kind)
    assert slow.status == "not-listed"  # figures still rule it out


def test_bundled_desktop_processors_are_not_listed() -> None:
    from dualuse import classify

    for text in ("AMD Ryzen 7 7800X3D CPU 5.0 GHz boost frequency",
                 "Microcontrôleur STM32F407, fréquence 168 MHz"):
        d = classify(text).decision
        assert d is not None and d.status != "listed", text


@pytest.mark.parametrize(("text", "status", "code"), [
    ("Convertisseur A/N 14 bits 125 Méch/s", "not-listed", None),     # an ADC, below
    ("Convertisseur A/N 12 bits 3 Géch/s", "listed", "3A001.a.5.a.3"),
    ("D/A converter 14-bit 12 GSPS", "listed", "3A001.a.5.b"),        # a DAC, not an ADC
])
def test_converters_written_with_their_letters(text: str, status: str, code: str | None) -> None:
    from dualuse import classify

    d = classify(text).decision
    assert d is not None and d.status == status
    assert code is None or (d.code or "").startswith(code)
    dac = classify("Convertisseur N/A 16 bits 2,5 Géch/s").decision
    assert dac is not None and not (dac.code or "").startswith("3A001.a.5.a")


def test_the_munitions_twin_of_a_named_dual_use_kind_is_set_aside() -> None:
    from dualuse.criteria.screen import resembling

    cands = [_C("6A003", 0.9), _C("ML15", 0.85)]
    both = {"6A003", "ML15"}
    assert resembling(cands, named=lambda lid, e: e in both) == [(WA, "6A003")]
    assert resembling(cands, named=lambda lid, e: e in both, military=True) == \
        [(WA, "6A003"), (WA, "ML15")]
    # goods of no dual-use kind, named as munitions and near: held against the ML entry
    assert resembling([_C("ML1", 0.8)], named=lambda lid, e: True) == [(WA, "ML1")]


def test_entries_set_aside_for_a_named_kind_are_kept_for_when_it_is_ruled_out() -> None:
    from dualuse.criteria.screen import resembling

    aside: list[tuple[str, str]] = []
    got = resembling([_C("6A203", 0.8), _C("6A003", 0.78)], named=lambda lid, e: e == "6A203",
                     set_aside=aside)
    assert got == [(WA, "6A203")] and aside == [(WA, "6A003")]


def test_a_twin_is_held_when_the_named_entry_is_ruled_out() -> None:
    """A high-speed camera too slow in shutter for 6A203 (EU, 50 ns) still meets 6A003.a.5."""
    from dualuse import classify

    d = classify("Caméra rapide Phantom, 25 000 im/s à 1280 x 800, obturateur 200 ns").decision
    assert d is not None and d.status != "not-listed"


def test_a_release_needs_every_figure_of_a_range(tmp_path: Path) -> None:
    tables = table(tmp_path, CAMERA)
    ranged = decide(analyse("thermal camera core 640 x 512, frame rate 5 to 60 Hz"),
                    [(WA, "6A003")], tables)
    assert ranged.status == "listed"  # 60 Hz is above the 9 Hz release
    low = decide(analyse("thermal camera core 640 x 512, frame rate 4 to 8.7 Hz"),
                 [(WA, "6A003")], tables)
    assert low.status == "not-listed"


def test_words_most_alternatives_share_do_not_say_which_one() -> None:
    """The glass lining of 2B350 is a sub-item of most of its letters (reactors, tanks, pumps...):
    it says which material, not which kind of plant the goods are."""
    from dualuse.catalog import open_catalog
    from dualuse.classifier import _kb_fns

    _, kind = _kb_fns(open_catalog())
    kids = ("2B350.a", "2B350.b", "2B350.c", "2B350.d", "2B350.e", "2B350.f", "2B350.g",
            "2B350.h", "2B350.i", "2B350.j", "2B350.k")
    line = analyse("glass-lined vessel")
    lid = "eu-2021-821"
    assert sum(kind(lid, k, line) for k in kids) >= 6
    assert not any(kind.distinct(lid, k, line, kids) for k in kids)  # type: ignore[attr-defined]


def test_a_node_whose_kind_is_named_keeps_the_alternatives_no_figure_speaks_of() -> None:
    """"Spectrum analyzer" names 3A002.c itself: its frequency rows are ruled out by the band, but
    the real-time analysers of 3A002.c.4 are asked for their bandwidth, not set aside."""
    from dualuse import classify

    d = classify("Benchtop spectrum analyzer, 9 kHz to 3.2 GHz").decision
    assert d is not None and d.status == "needs-figure"
    assert "real_time_bandwidth" in [m.quantity for m in d.missing]
    scope = classify("Digital oscilloscope 100 MHz, 4 channels").decision
    assert scope is not None and scope.status == "not-listed"  # its own sub-item is named
