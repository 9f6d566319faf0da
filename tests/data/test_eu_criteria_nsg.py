"""Criteria of the EU list's nuclear dual-use entries (x2xx): every threshold we encode is a figure
of its node's official wording (consolidated Annex I, read at run time), every goods node of the
knowledge base is described, software and technology are intangible, releases name real notes."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import pytest
from lxml import etree
from test_eu_kb_nsg import CRITERIA_FILE, KB_FILE, lines_of, official_entries

from dualuse.criteria import AnyOf, CriteriaTable, Criterion, load_criteria

pytestmark = pytest.mark.real_data

LIST = "eu-2021-821"
SCIENTIFIC = re.compile(r"(\d+(?:,\d+)?) × 10(\d{1,2})\b")   # "12,7 × 106" is 12.7e6 in the text
NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[ ,]\d+)*")
WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}  # "five or more axes"


@cache
def table() -> CriteriaTable:
    return load_criteria([CRITERIA_FILE])[LIST]


def numbers(text: str) -> set[Decimal]:
    out = {Decimal(m.group(1).replace(",", ".")) * 10 ** int(m.group(2))
           for m in SCIENTIFIC.finditer(text)}
    for m in NUMBER.finditer(SCIENTIFIC.sub(" ", text)):
        s = m.group(0).replace("−", "-")
        out.add(Decimal(s.replace(" ", "").replace(",", ".")) if "," in s
                else Decimal(s.replace(" ", "")))
        out.update(Decimal(p.replace(",", ".")) for p in re.split(r"\s", s) if p.strip("-"))
    out.update(Decimal(n) for w, n in WORDS.items() if re.search(rf"\b{w}\b", text, re.I))
    return out


def official_lines(code: str) -> list[str]:
    entry = next(e for e in official_entries() if e["entry_code"] == code[:5])
    return lines_of(entry, code)


def flat(items: tuple[Criterion | AnyOf, ...]) -> list[Criterion]:
    return [c for i in items for c in (i.any_of if isinstance(i, AnyOf) else (i,))]


def test_criteria_load_and_cover_every_goods_node() -> None:
    kb = {n.get("code"): n for n in etree.parse(str(KB_FILE)).iterfind("node")}
    nodes = table().nodes
    assert set(nodes) <= set(kb)
    not_used = {c for c, n in kb.items() if n.findtext("title[@lang='en']") == "Not used"}
    assert not_used == {"3A232.a", "3A233.e"}
    assert set(kb) - set(nodes) == not_used
    intangible = {c for c, n in nodes.items() if n.intangible}
    assert intangible == {c for c, n in kb.items() if n.get("kind") == "entry" and c[1] in "DE"}


@pytest.mark.parametrize("code", sorted(
    c for c, n in load_criteria([CRITERIA_FILE])[LIST].nodes.items() if n.criteria))
def test_every_threshold_is_a_figure_of_the_official_wording(code: str) -> None:
    # the node's own lines, or a heading above it that states the figure for all its sub-items
    # ("lasers with an output wavelength between 1000 and 1100 nm having either of: ...")
    heads = [code.rsplit(".", k)[0] for k in range(code.count(".") + 1)]
    text = " ".join(ln for c in heads for ln in official_lines(c))
    assert text, code
    found = numbers(text)
    for c in flat(table().nodes[code].criteria):
        assert c.value in found, (code, c.quantity, c.value, text)


def test_release_figures_and_codes_come_from_the_official_notes() -> None:
    releases = table().releases
    assert len(releases) >= 15
    for r in releases:
        # the note of the node, or of a sub-item whose release takes the rest of the entry with it
        # (2B226.b power supplies exist only for the furnaces 2B226.a keeps)
        entry = next(e for e in official_entries() if e["entry_code"] == r.applies_to[:5])
        notes = [ln for ln in entry["verbatim_text"].splitlines() if " Note" in ln and
                 (ln.split(" ", 1)[0] + ".").startswith(r.applies_to + ".")]
        assert notes, r.id
        for c in flat(r.criteria):
            assert c.value in numbers(" ".join(notes)), (r.id, c.value)
        assert r.criteria or (r.when_en and r.when_fr), r.id
        assert r.text.en and r.text.fr


def test_having_all_of_the_following_combines_all() -> None:
    nodes = table().nodes
    for code in ("1A202", "1A227", "1B228", "1C227", "2B231", "3A225", "3A228.a", "6A205.d"):
        assert nodes[code].combine == "all", code
    for code in ("1B201", "2B201", "2B201.a", "3A228", "6A203", "6A205"):
        assert nodes[code].combine == "any", code


def test_named_examples() -> None:
    nodes = table().nodes
    assert [(c.quantity, c.comparator, c.value, c.unit) for c in nodes["1C216"].criteria] == \
        [("tensile_strength", "ge", Decimal(1950), "MPa")]
    assert [(c.quantity, c.comparator, c.value) for c in nodes["3A225.b"].criteria] == \
        [("output_frequency", "ge", Decimal(600))]
    assert {c.quantity for c in nodes["6A205.d"].criteria} == set()  # figures sit on d.1-d.4
    assert {c.quantity for c in nodes["6A205.d.2"].criteria} == {"repetition_rate"}


# invoice figures held against a node's own criteria with the quantity reader of
# dualuse.parameters: each line states one figure per dimension the node asks about
FIGURES = [
    ("1C216", "Maraging 350 round bar, Rm 2400 MPa after ageing", True),
    ("1C216", "Maraging 250 plate, tensile 1750 MPa", False),
    ("3A225.b", "VFD, output frequency 1200 Hz", True),
    ("3A225.b", "VFD, output frequency 400 Hz", False),
    ("2B201.a.1", "Machining centre, positioning accuracy 4 µm", True),
    ("2B201.a.1", "Machining centre, positioning accuracy 8 µm", False),
    ("2B204.a.1", "Cold isostatic press, 200 MPa", True),
    ("2B204.a.1", "Cold isostatic press, 50 MPa", False),
    ("2A225.a.1", "Yttria crucible, volume 1000 ml", True),
    ("2A225.a.1", "Yttria crucible, volume 10 L", False),
    ("1B228.a", "Hydrogen column designed for 20 K", True),
    ("1B228.a", "Nitrogen column designed for 77 K", False),
    ("2B226.a.1", "Vacuum induction furnace, max 1600 °C", True),
    ("2B226.a.1", "Induction furnace, max 800 °C", False),
    ("3A233.d.2", "cold trap down to -100 °C", True),
    ("3A233.d.2", "cold trap down to -40 °C", False),
    ("1C240.a.2", "Nickel powder, particle size 2.5 µm", True),
    ("1C240.a.2", "Nickel powder, particle size 20 µm", False),
    ("6A205.d.3", "TEA CO2 laser, average power 1 kW", True),
    ("6A205.d.3", "TEA CO2 laser, average power 300 W", False),
    ("3A227.a", "HV supply 30 kV 2 A", True),
    ("3A227.a", "HV supply 10 kV 2 A", False),
]


@pytest.mark.parametrize(("code", "line", "met"), FIGURES)
def test_invoice_figures_meet_or_fail_the_thresholds(code: str, line: str, met: bool) -> None:
    from dualuse.model import Parameter
    from dualuse.parameters import compare, find_quantities, parse_unit

    found = find_quantities(line, "en")
    results = []
    for c in flat(table().nodes[code].criteria):
        dim = parse_unit(c.unit)[1]
        figures = [q for q in found if q.dimension == dim]
        assert len(figures) == 1, (code, c.quantity, line)
        p = Parameter(quantity=c.quantity, comparator=c.comparator, value=c.value, unit=c.unit)
        results.append(compare(figures[0], p))
    assert "incomparable" not in results
    assert all(r == "meets" for r in results) is met
