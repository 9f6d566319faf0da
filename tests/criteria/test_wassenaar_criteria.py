"""The Wassenaar 2025 criteria tables (data/control_lists/wassenaar/2025/criteria/*.xml).

They load, describe only codes the bundled catalog knows, hang together as trees, and every
threshold they state is a figure of the official wording of its sub-item: checked against the EU
Annex I (which publishes the x0xx entries word for word) and against the imported Wassenaar list.
Read with the format's semantics, they decide the screening examples (thermal cores, ADCs,
oscilloscopes, drones, fibre lasers, CMMs, mills, gyros, laptops) the way the official text does.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from tests.conftest import require_source, sources_dir

from dualuse import resources
from dualuse.catalog import bundled_files, load_files
from dualuse.criteria import load_criteria
from dualuse.criteria.model import AnyOf, CriteriaTable, Criterion

LIST_ID = "wassenaar-2025"
CRITERIA_DIR = resources.control_lists_dir() / "wassenaar" / "2025" / "criteria"
#: sub-items where the 2025 Wassenaar list is newer than the EU consolidation of 2025-11-15: their
#: figures are checked against the Wassenaar wording only (real_data test below)
WASSENAAR_NEWER: set[str] = set()
#: sub-items (and releases) encoded with the figures of the EU consolidation of 2025-11-15, the law
#: in force in the EU, where it is stricter than WA 2025: checked against the EU wording only
#: (WA 2025 raised single-mode CW 975-1150 nm from 1 kW to 2 kW, multimode from 2 kW to 3 kW,
#: dropped the wall-plug efficiency row and moved Note 1 from 2 kW to 3 kW)
EU_STRICTER = {"6A005.a.6.a.1", "6A005.a.6.b.1", "6A005.a.6.b.2",
               "6A005.a.6.b-note1-heavy-industrial"}
_MODE = "Technical Note to 6A005: single transverse mode is M2 under 1.3, multiple 1.3 or more"
#: sub-items Wassenaar 2025 dropped ("not used") that the EU text of 2025-11-15 still lists:
#: encoded with the EU figures, checked against the EU wording only
EU_STILL_LISTS = {"3A001.a.5.a.1", "3A001.a.14.a.1", "3A002.h.1.a"}
#: figures derived from the wording rather than written in it
DERIVED = {
    ("2B001.b.1", "contouring_axes"): "three linear axes plus one rotary axis: 4 axes",
    **{(code, "beam_quality"): _MODE for code in (
        "6A005.a.3.a", "6A005.a.3.b", "6A005.a.5.a", "6A005.a.5.b", "6A005.a.6.a", "6A005.a.6.b",
        "6A005.a.7.a", "6A005.a.7.b", "6A005.a.9.a", "6A005.a.9.b", "6A005.b.3.a", "6A005.b.3.b",
        "6A005.b.5.a.2", "6A005.b.5.b.2", "6A005.b.5.b.3", "6A005.b.5.c.2", "6A005.b.5.c.3",
        "6A005.b.6.c.1", "6A005.b.6.c.2", "6A005.b.6.d.1", "6A005.b.6.d.2", "6A005.b.7.a.2",
        "6A005.b.7.a.3", "6A005.b.7.b.2", "6A005.b.7.b.3", "6A005.b.9.a", "6A005.b.9.b",
        # individual laser diodes: the same boundary read for their single/multiple mode
        "6A005.d.1.a", "6A005.d.1.b")},
}
EU_JSON = sources_dir() / "eu-2021-821" / "annex-i-02021R0821-20251115.json"


def files() -> list[Path]:
    return sorted(CRITERIA_DIR.glob("*.xml"))


@cache
def table() -> CriteriaTable:
    return load_criteria(files())[LIST_ID]


@cache
def catalog_codes() -> dict[str, str | None]:
    """Bundled Wassenaar codes -> parent code."""
    parts, _ = load_files(bundled_files())
    return {n.code: n.parent for p in parts if p.edition.id == LIST_ID for n in p.nodes}


def flat(items: tuple[Criterion | AnyOf, ...]) -> list[Criterion]:
    out: list[Criterion] = []
    for c in items:
        out.extend(c.any_of if isinstance(c, AnyOf) else (c,))
    return out


# --- numbers of the official wording ---------------------------------------------------------
_POWER = re.compile(r"(\d+(?:[.,]\d+)?)\s*[x×]\s*10\s?(-?\d{1,2})\b")
_NUMBER = re.compile(r"\d+(?:,\d+)*(?:\.\d+)?")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10}
_REF = re.compile(r"\b(\d)\.?([A-E])\.?(\d{1,3})((?:\.[a-z0-9]{1,2})*)")


def numbers(text: str) -> set[Decimal]:
    """Every figure of an official sentence: "1,000,000" (Wassenaar) or "2,5" (EU decimal comma),
    "0.5", and the powers of ten that the texts flatten ("4 x 106" is 4 x 10^6, "10-14" is
    10^-14). A comma is read both ways when it could be either ("0,005")."""
    out: set[Decimal] = set()
    for m in _NUMBER.finditer(text):
        t = m.group()
        sign = -1 if text[max(0, m.start() - 1):m.start()] in ("-", "\u2212", "\u2013") else 1
        out.add(Decimal(t.replace(",", "")))
        out.add(sign * Decimal(t.replace(",", "")))  # "-55°C"
        if t.count(",") == 1 and "." not in t:
            out.add(Decimal(t.replace(",", ".")))
    for m in _POWER.finditer(text):
        out.add(Decimal(m.group(1).replace(",", ".")) * Decimal(10) ** int(m.group(2)))
    low = text.lower()
    out.update(Decimal(n) for w, n in _WORDS.items() if re.search(rf"\b{w}\b", low))
    for m in re.finditer(r"\b10-(\d{1,2})\b", text):
        out.add(Decimal(10) ** -int(m.group(1)))
    return {n.normalize() for n in out}


def references(text: str) -> set[str]:
    """Codes a sentence points to ("specified in 6.A.2.a.3.f." or "in 6A002.a.3.f.")."""
    out = set()
    for m in _REF.finditer(text):
        out.add(f"{m.group(1)}{m.group(2)}{int(m.group(3)):03d}{m.group(4)}".rstrip("."))
    return out


def test_numbers_reads_official_figure_styles() -> None:
    assert numbers("exceeding 1,000,000 frames/s") == {Decimal(1000000)}
    assert Decimal(4000000) in numbers('More than 4 x 106 "active pixels"')
    assert Decimal("1E-14") in numbers("power dissipation per gate of less than 10-14 J")
    assert Decimal("0.5") in numbers("a time constant of less than 0.5 ns")
    assert Decimal(30000) not in numbers("exceeding 10 nm but not exceeding 3,000 nm")
    assert Decimal("2.5") in numbers("an IFOV of less than 2,5 mrad")
    assert Decimal(5) in numbers("Five or more axes")
    assert Decimal(-55) in numbers("below 218 K (-55°C)")
    assert references("FPAs specified in 6.A.2.a.3.a. to 6.A.2.a.3.e.;") == \
        {"6A002.a.3.a", "6A002.a.3.e"}
    assert references("detectors specified in 6A002.a.1. or 3A001.b.12") == \
        {"6A002.a.1", "3A001.b.12"}


# --- the files ------------------------------------------------------------------------------
def test_every_file_loads_and_keeps_to_its_category() -> None:
    assert files(), "no Wassenaar criteria files"
    for path in files():
        tables = load_criteria([path])
        assert list(tables) == [LIST_ID], path.name
        prefix = "ML" if path.stem == "ml" else path.stem.removeprefix("cat")
        wrong = [c for c in tables[LIST_ID].nodes if not c.startswith(prefix)]
        assert wrong == [], f"{path.name} describes codes of another category: {wrong}"
    assert len(table().nodes) > 500


def test_codes_exist_in_bundled_catalog() -> None:
    known = catalog_codes()
    t = table()
    missing = sorted({*t.nodes, *(r.applies_to for r in t.releases)} - set(known))
    assert missing == [], f"criteria codes absent from the bundled catalog: {missing}"


def test_described_nodes_hang_from_their_entry() -> None:
    """A described sub-item's parent is described too: the decision walks down from the entry."""
    known, t = catalog_codes(), table()
    orphans = [c for c in t.nodes
               if known.get(c) and known[c] in known and len(known[c] or "") > 5 and
               known[c] not in t.nodes]
    assert orphans == []


def test_all_nodes_have_several_described_children() -> None:
    """An "all of" node with one described child would let that child alone decide (a node with
    none is a branch left for review, which is allowed)."""
    known, t = catalog_codes(), table()
    children: dict[str, list[str]] = {}
    for c in t.nodes:
        children.setdefault(known.get(c) or "", []).append(c)
    lonely = [c for c, n in t.nodes.items()
              if n.combine == "all" and len(children.get(c, [])) == 1]
    assert lonely == []


def test_intangible_nodes_are_software_or_technology() -> None:
    wrong = [c for c, n in table().nodes.items()
             if n.intangible != (c in ("ML21", "ML22") or
                                 (len(c) > 1 and c[1] in "DE" and not c.startswith("ML")))]
    assert wrong == []


def test_releases_are_worded_and_decidable() -> None:
    t = table()
    ids = [r.id for r in t.releases]
    assert len(ids) == len(set(ids))
    for r in t.releases:
        assert r.text.en and r.text.fr, r.id
        assert r.criteria or (r.when_en and r.when_fr), f"{r.id}: neither figures nor phrases"
        assert all(w == w.lower().strip() and len(w) >= 3 for w in (*r.when_en, *r.when_fr)), r.id


def test_screening_examples_are_encoded() -> None:
    """The figures the decision helper's screening set relies on."""
    t = table()
    nine_hz = [r for r in t.releases if r.applies_to == "6A003.b.4.b"]
    assert any(c.quantity == "frame_rate" and c.comparator == "le" and c.value == 9
               for r in nine_hz for c in flat(r.criteria))
    adc = flat(t.nodes["3A001.a.5.a.5"].criteria)
    assert {(c.quantity, c.comparator, c.value) for c in adc} >= {
        ("resolution_bits", "ge", 16), ("sample_rate", "gt", 65)}
    assert any(r.applies_to == "5A002" and "smartphone" in r.when_en for r in t.releases)


# --- thresholds against the official wording -----------------------------------------------
def _check_values(official: dict[str, str], scope: str) -> list[str]:
    """Each node criterion's value is a figure of its node's wording or of a sub-item under it;
    each release criterion's value is a figure of the notes of its node's entry."""
    t = table()
    bad: list[str] = []
    under: dict[str, list[str]] = {}  # code -> wording of the code, its sub-items and notes
    for k, v in official.items():
        head = k.split("#")[0]
        parts = head.split(".")
        for i in range(1, len(parts) + 1):
            under.setdefault(".".join(parts[:i]), []).append(v)

    def text_under(code: str, depth: int = 1) -> str:
        """The wording of a node and its sub-items and notes, and of the sub-items it refers to
        ("cameras incorporating focal plane arrays specified in 6A002.a.3.f")."""
        own = " ".join(under.get(code, []))
        if depth == 0:
            return own
        return " ".join([own, *(text_under(r, 0) for r in sorted(references(own)) if r != code)])

    for code, node in t.nodes.items():
        if not node.criteria or code not in official or \
                (scope == "x0xx" and (code[2] != "0" or code in WASSENAAR_NEWER)) or \
                (scope == "all" and (code in EU_STILL_LISTS or code in EU_STRICTER)):
            continue
        found = numbers(text_under(code))
        bad += [f"{code}: {c.quantity} {c.comparator} {c.value} {c.unit}"
                for c in flat(node.criteria)
                if c.value.normalize() not in found and (code, c.quantity) not in DERIVED]
    for r in t.releases:
        entry = r.applies_to.split(".")[0]
        if not r.criteria or (scope == "x0xx" and entry[2] != "0") or entry not in official or \
                (scope == "all" and r.id in EU_STRICTER):
            continue
        found = numbers(text_under(entry))
        bad += [f"{r.id}: {c.quantity} {c.comparator} {c.value} {c.unit}"
                for c in flat(r.criteria) if c.value.normalize() not in found]
    return bad


_ALL_OF = re.compile(r"all (?:of )?the following|having both", re.IGNORECASE)


def _combine_mismatches(official: dict[str, str]) -> list[str]:
    """Nodes whose wording asks for "all of the following" / "having both" but combine any."""
    return [c for c, n in table().nodes.items()
            if c in official and _ALL_OF.search(official[c].split(" Note")[0]) and
            n.combine != "all"]


@cache
def eu_texts() -> dict[str, str]:
    """EU Annex I lines by code ("6A003.b.4 ..."; notes are filed under the code they follow)."""
    data = json.loads(require_source(EU_JSON).read_text(encoding="utf-8"))
    out: dict[str, list[str]] = {}
    for e in data["entries"]:
        for line in (e.get("verbatim_text") or "").splitlines():
            code, _, text = line.partition(" ")
            out.setdefault(code.rstrip("."), []).append(text)
    return {k: " ".join(v) for k, v in out.items()}


def test_thresholds_appear_in_eu_wording_of_x0xx_entries() -> None:
    texts = eu_texts()
    checked = [c for c, n in table().nodes.items() if n.criteria and c[2] == "0" and c in texts]
    assert len(checked) > 200
    bad = _check_values(texts, "x0xx")
    assert bad == [], "thresholds absent from the EU wording:\n" + "\n".join(bad)


def test_combination_follows_eu_wording() -> None:
    texts = eu_texts()
    assert _combine_mismatches({c: t for c, t in texts.items() if c[2:3] == "0"}) == []


@pytest.fixture(scope="module")
def wassenaar_texts(wassenaar_pdf: Path) -> dict[str, str]:
    """The official wording of every node of the Wassenaar PDF, by code (read once)."""
    from dualuse.sources.wassenaar_pdf import read_pdf

    return {n.code: n.text or "" for n in read_pdf(wassenaar_pdf).nodes}


@pytest.mark.real_data
def test_combination_follows_wassenaar_wording(wassenaar_texts: dict[str, str]) -> None:
    assert _combine_mismatches(wassenaar_texts) == []


@pytest.mark.real_data
def test_thresholds_appear_in_wassenaar_wording(wassenaar_texts: dict[str, str]) -> None:
    bad = _check_values(wassenaar_texts, "all")
    assert bad == [], "thresholds absent from the official wording:\n" + "\n".join(bad)


@pytest.mark.real_data
def test_release_wording_is_our_own(wassenaar_texts: dict[str, str]) -> None:
    words = re.compile(r"[a-z0-9]+")
    grams: set[tuple[str, ...]] = set()
    for official in wassenaar_texts.values():
        w = words.findall(official.lower())
        grams.update(tuple(w[i:i + 8]) for i in range(len(w) - 7))
    copies = []
    for r in table().releases:
        for text in (r.text.en or "", r.text.fr or ""):
            w = words.findall(text.lower())
            copies += [r.id for i in range(len(w) - 7) if tuple(w[i:i + 8]) in grams]
    assert copies == []


# --- the tables decide the screening examples as the format's semantics say -----------------
# A small reading of docs/dev/criteria-format.md (three-valued: True met, False not met, None not
# stated or not encoded), so that a wrong threshold, comparator or combination in the data shows
# up on the goods the decision helper's screening set uses.
Figures = dict[str, tuple[str, str]]  # quantity -> (value, unit)


def _criterion_met(c: Criterion, figures: Figures) -> bool | None:
    from dualuse.parameters import parse_unit

    if c.quantity not in figures:
        return None
    value, unit = figures[c.quantity]

    def base(v: Decimal, u: str) -> Decimal:  # degrees Celsius are an offset, not a factor
        return v + Decimal("273.15") if u == "degC" else v * (parse_unit(u)[2] if u else 1)

    stated, limit = base(Decimal(value), unit), base(c.value, c.unit)
    return {"gt": stated > limit, "ge": stated >= limit, "lt": stated < limit,
            "le": stated <= limit, "eq": stated == limit}[c.comparator]


def _all(values: list[bool | None]) -> bool | None:
    return False if False in values else (None if None in values else True)


def _any(values: list[bool | None]) -> bool | None:
    return True if True in values else (None if None in values else False)


def _released(code: str, figures: Figures, text: str) -> bool:
    for r in table().releases:
        if r.applies_to != code:
            continue
        if r.criteria:
            if _all([_any([_criterion_met(m, figures) for m in c.any_of])
                     if isinstance(c, AnyOf) else _criterion_met(c, figures)
                     for c in r.criteria]):
                return True
        elif any(w in text.lower() for w in (*r.when_en, *r.when_fr)):
            return True
    return False


def decide(code: str, figures: Figures, text: str = "") -> bool | None:
    """Is node ``code`` met by the line (its releases and its ancestors' releases applied)?"""
    known = catalog_codes()
    parent = known.get(code)
    while parent:
        if _released(parent, figures, text):
            return False
        parent = known.get(parent)
    return _node(code, figures, text)


def _node(code: str, figures: Figures, text: str) -> bool | None:
    n = table().nodes[code]
    if _released(code, figures, text):
        return False
    own = _all([_any([_criterion_met(m, figures) for m in c.any_of])
                if isinstance(c, AnyOf) else _criterion_met(c, figures) for c in n.criteria])
    kids = [c for c in table().nodes if catalog_codes().get(c) == code]
    if own is False:
        return False
    if not kids:  # a leaf, or own criteria alone decide; a bare branch is not encoded
        is_branch = code in catalog_codes().values()
        return own if n.criteria or not is_branch else None
    combined = [_node(k, figures, text) for k in kids]
    return _all([own, _all(combined) if n.combine == "all" else _any(combined)])


@pytest.mark.parametrize(("code", "figures", "text", "expected"), [
    # thermal camera cores: 30 Hz is caught, 9 Hz released by Note 3.a; VOx is only 6A003.b.4.b
    ("6A003.b.4.b", {"frame_rate": ("30", "Hz"), "wavelength": ("10", "um")}, "", True),
    ("6A003.b.4.b", {"frame_rate": ("9", "Hz"), "wavelength": ("10", "um")}, "", False),
    ("6A003.b.4.a", {"wavelength": ("10", "um")}, "640x512 VOx core", False),
    ("6A003.b.4.a", {"wavelength": ("1.55", "um")}, "InGaAs SWIR camera", True),
    # ADCs: 12 bit at 1 GS/s is 3A001.a.5.a.3; 14 bit at 125 MS/s is below every row
    ("3A001.a.5.a", {"resolution_bits": ("12", "bit"), "sample_rate": ("1", "GS/s")}, "", True),
    ("3A001.a.5.a", {"resolution_bits": ("14", "bit"), "sample_rate": ("125", "MS/s")}, "",
     False),
    ("3A001.a.5.a", {"sample_rate": ("3", "GS/s")}, "", None),
    # a 100 MHz bench oscilloscope, a 110 GHz one
    ("3A002.a.7", {"bandwidth": ("100", "MHz")}, "", False),
    ("3A002.a.7", {"bandwidth": ("110", "GHz")}, "", True),
    # consumer drone (46 min, 12 m/s wind) vs a 90 min survey UAV
    ("9A012.a", {"endurance": ("46", "min"), "wind_resistance": ("43.2", "km/h")}, "", False),
    ("9A012.a", {"endurance": ("90", "min")}, "", True),
    # 25 knots is the limit itself, whichever unit the line uses
    ("9A012.a.1.b", {"wind_resistance": ("25", "kn")}, "", True),
    # fibre lasers at 1070 nm (EU figures): multimode over 2 kW, single-mode over 1000 W; the
    # transverse mode is the M2 figure (under 1.3 single, 1.3 or more multiple); 1 kW multimode
    # without its wall-plug efficiency is open, 500 W is below every row
    ("6A005.a.6", {"wavelength": ("1070", "nm"), "output_power": ("3", "kW"),
                   "beam_quality": ("1.3", "")}, "3 kW multimode fiber laser", True),
    ("6A005.a.6", {"wavelength": ("1070", "nm"), "output_power": ("1.5", "kW"),
                   "beam_quality": ("1.3", ""), "efficiency": ("15", "%")}, "", False),
    ("6A005.a.6", {"wavelength": ("1070", "nm"), "output_power": ("1.5", "kW"),
                   "beam_quality": ("1.3", ""), "efficiency": ("30", "%")}, "", True),
    ("6A005.a.6", {"wavelength": ("1070", "nm"), "output_power": ("1.5", "kW"),
                   "beam_quality": ("1.1", "")}, "1.5 kW single-mode fiber laser", True),
    ("6A005.a.6", {"wavelength": ("1070", "nm"), "output_power": ("1.5", "kW"),
                   "beam_quality": ("1.3", "")}, "", None),
    ("6A005.a.6", {"wavelength": ("1070", "nm"), "output_power": ("500", "W")}, "", False),
    ("6A005.a.6", {"wavelength": ("1070", "nm"), "output_power": ("4", "kW")}, "", None),
    # CMMs and 5-axis mills
    ("2B006.a", {"length_measurement_error": ("1.5", "um")}, "", True),
    ("2B006.a", {"length_measurement_error": ("2.5", "um")}, "", False),
    ("2B001.b.2", {"contouring_axes": ("5", ""), "positioning_repeatability": ("8", "um")}, "",
     False),
    # 3 um decides only with the travel (6 um is the limit for 4 m and more)
    ("2B001.b.2", {"contouring_axes": ("5", ""), "positioning_repeatability": ("3", "um")}, "",
     None),
    ("2B001.b.2", {"contouring_axes": ("5", ""), "positioning_repeatability": ("3", "um"),
                   "axis_travel": ("800", "mm")}, "", False),
    # gyros and computers
    ("7A002.a.1", {"angular_rate_range": ("300", "deg/s"), "bias_stability": ("0.1", "deg/h")},
     "", True),
    ("7A002.a.1", {"angular_rate_range": ("300", "deg/s"), "bias_stability": ("5", "deg/h"),
                   "angle_random_walk": ("0.2", "deg/rt-h")}, "", False),
    ("4A003.b", {"apparent_performance": ("100", "WT")}, "", True),
    # parts rated to +125 °C or +85 °C are not "above" those limits; 398.15 K is 125 °C
    ("3A001.a.2", {"temperature": ("125", "degC")}, "", False),
    ("3A001.a.2", {"temperature": ("398.15", "K")}, "", False),
    ("3A001.a.2", {"temperature": ("150", "degC")}, "", True),
    ("4A001.a.1", {"temperature": ("85", "degC")}, "", False),
    ("3A001.a.2", {"temperature": ("150", "degC")}, "AEC-Q100 automotive grade 0 MCU", False),
    # mass-market cryptography; a bearing without its tolerance class stays open, unless it is
    # made for bicycles (steel bearings: a plain fact, released by 2A001-fact-consumer-bearings)
    ("5A002.a.2", {}, "office laptop with AES-256 disk encryption", False),
    ("2A001.a", {}, "deep groove ball bearings", None),
    ("2A001.a", {}, "ball bearings for bicycles", False),
    ("2A001.a", {"tolerance_class": ("4", "")}, "hybrid ceramic spindle bearings", False),
    ("2A001.a", {"tolerance_class": ("4", "")}, "monel rings and balls", True),
])
def test_screening_examples_decide(code: str, figures: Figures, text: str,
                                   expected: bool | None) -> None:
    assert decide(code, figures, text) is expected
