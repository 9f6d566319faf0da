"""Criteria of the EU list's MTCR block (x1xx): they load, they describe every entry, and every
threshold value they encode is printed in the official wording of its node (or of the note that
releases goods from it), read at run time from the consolidated Annex I."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache

import pytest
from lxml import etree
from tests.conftest import REPO, require_source, sources_dir

from dualuse.criteria import load_criteria
from dualuse.criteria.model import AnyOf, CriteriaTable, Criterion

CRITERIA = REPO / "data" / "control_lists" / "eu" / "2021-821" / "criteria" / "mtcr.xml"
KB = REPO / "data" / "control_lists" / "eu" / "2021-821" / "mtcr.xml"
OFFICIAL = "eu-2021-821/annex-i-02021R0821-20251115.json"
BLOCK = re.compile(r"^[1-9][A-E]1\d\d")
WORDS = {"two": Decimal(2), "three": Decimal(3)}


@cache
def table() -> CriteriaTable:
    return load_criteria([CRITERIA])["eu-2021-821"]


@cache
def kb_codes() -> dict[str, str]:
    return {n.get("code"): n.get("kind") for n in etree.parse(str(KB)).iterfind("node")}


def flat(items: tuple[Criterion | AnyOf, ...]) -> list[Criterion]:
    out: list[Criterion] = []
    for c in items:
        out.extend(c.any_of if isinstance(c, AnyOf) else (c,))
    return out


def test_loads_with_the_bundled_tables() -> None:
    tables = load_criteria()
    assert "eu-2021-821" in tables
    ours = table()
    for code in ours.nodes:
        assert tables["eu-2021-821"].nodes[code] == ours.nodes[code]


def test_every_entry_is_described_and_every_code_is_in_the_kb() -> None:
    entries = {c for c, k in kb_codes().items() if k == "entry"}
    assert entries <= set(table().nodes)
    for code in table().nodes:
        assert code in kb_codes(), code
    for rel in table().releases:
        assert rel.applies_to in kb_codes(), rel.id
        assert rel.text.en and rel.text.fr, rel.id
        assert rel.criteria or (rel.when_en and rel.when_fr), rel.id


def test_software_and_technology_are_intangible_goods_are_not() -> None:
    for code, node in table().nodes.items():
        group = code[1]
        assert node.intangible == (group in "DE"), code


def test_all_of_the_following_entries_combine_all() -> None:
    for code in ("1B117", "1B118", "1C116", "1C118", "2A101", "2B104", "2B109.a", "2B120",
                 "2B121", "6A108.b.2", "7A101", "7A103.d", "9A101.a", "9A112.b", "9B106.a"):
        assert table().nodes[code].combine == "all", code


def test_known_thresholds() -> None:
    def one(code: str) -> list[tuple[str, str, Decimal, str]]:
        crit = flat(table().nodes[code].criteria)
        return [(c.quantity, c.comparator, c.value, c.unit) for c in crit]

    assert one("7A102") == [("bias_stability", "lt", Decimal("0.5"), "deg/h")]
    assert one("9A105.a") == [("total_impulse", "ge", Decimal("1.1"), "MN.s")]
    assert one("9A107") == [("total_impulse", "ge", Decimal("0.841"), "MN.s")]
    assert ("shaker_force", "ge", Decimal(50), "kN") in one("2B116.c")
    assert one("1B117.c") == [("internal_volume", "ge", Decimal(110), "L")]
    assert one("2B109.a.2") == [("contouring_axes", "gt", Decimal(2), "")]


def _numbers(text: str) -> set[Decimal]:
    """Every figure printed in a line: decimal commas, thousands, 'x 10N' powers, number words."""
    out: set[Decimal] = set()
    t = text.replace("\u2212", "-")
    for m in re.finditer(r"(\d+(?:,\d+)?)\s*×\s*10(-?\d+)", t):  # '7,62 × 104' is 7.62e4
        out.add(Decimal(m.group(1).replace(",", ".")) * Decimal(10) ** int(m.group(2)))
    for m in re.finditer(r"-?\d+(?:,\d+)?", t):
        s = m.group(0)
        out.add(Decimal(s.replace(",", ".")))
        out.add(Decimal(s.replace(",", "")))  # '13,326 kPa' read either way
    for w, v in WORDS.items():
        if re.search(rf"\b{w}\b", t, re.I):
            out.add(v)
    return out


@pytest.mark.real_data
def test_every_value_is_printed_in_its_official_wording() -> None:
    path = require_source(sources_dir() / OFFICIAL)
    doc = json.loads(path.read_text(encoding="utf-8"))
    lines: dict[str, list[str]] = {}
    for e in doc["entries"]:
        if BLOCK.match(e["entry_code"]):
            for line in e["verbatim_text"].splitlines():
                code, _, rest = line.partition(" ")
                lines.setdefault(code, []).append(rest)
    checked = 0
    for code, node in table().nodes.items():
        figures = set().union(*(_numbers(x) for x in lines.get(code, [])))
        for c in flat(node.criteria):
            assert c.value in figures, (code, c.quantity, c.value)
            checked += 1
    for rel in table().releases:
        figures = set().union(*(_numbers(x) for x in lines.get(rel.applies_to, [])))
        for c in flat(rel.criteria):
            assert c.value in figures, (rel.id, c.quantity, c.value)
            checked += 1
    assert checked >= 90
