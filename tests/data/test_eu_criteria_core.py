"""Criteria of the EU-only entries (criteria/core.xml) against the consolidated Annex I 2025.

Every figure we encode must be written in the official wording of its node (or of the sub-items
under it); every release figure in the notes of its entry. Real data: reads the official JSON."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache

import pytest
from lxml import etree
from tests.conftest import require_source, sources_dir

from dualuse.criteria import load_criteria
from dualuse.criteria.load import criteria_files
from dualuse.resources import control_lists_dir

pytestmark = pytest.mark.real_data

EU_DIR = control_lists_dir() / "eu" / "2021-821"
CRITERIA = EU_DIR / "criteria" / "core.xml"
OFFICIAL = sources_dir() / "eu-2021-821" / "annex-i-02021R0821-20251115.json"
WORDS = {"two": "2", "twenty": "20", "four": "4", "eight": "8"}
# "2 × 10-3", "10-4", "2 × 108" (exponents lost their superscript), "0,1", "1 800 000", "two"
_POWER = re.compile(r"(?:(\d+(?:[.,]\d+)?)\s*×\s*)?10(-?\d+)(?!\d)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@cache
def official() -> dict[str, str]:
    data = json.loads(require_source(OFFICIAL).read_text(encoding="utf-8"))
    return {e["entry_code"]: e["verbatim_text"] for e in data["entries"]}


def numbers(text: str) -> set[Decimal]:
    """The figures written in ``text``."""
    for word, digits in WORDS.items():
        text = re.sub(rf"\b{word}\b", digits, text, flags=re.IGNORECASE)
    out = {Decimal(n.replace(",", ".")) for n in _NUMBER.findall(text)}
    for mantissa, exponent in _POWER.findall(text):
        if len(exponent) <= 2:  # 10-4, 108 (10^8); not 1000
            out.add(Decimal(mantissa.replace(",", ".") or "1") * Decimal(10) ** int(exponent))
    return out


def wording(code: str, *, notes: bool) -> str:
    """Official lines of ``code`` and the sub-items under it (notes only when asked)."""
    entry = code[:5]
    lines = []
    for line in official()[entry].split("\n"):
        head, _, rest = line.partition(" ")
        is_note = rest.startswith(("Note", "Technical Note", "N.B."))
        if (head == code or head.startswith(code + ".")) and (notes or not is_note):
            lines.append(rest)
    return "\n".join(lines)


def test_numbers_reads_the_official_spellings() -> None:
    assert {Decimal("0.1"), Decimal("100")} <= numbers("0,1 m3 (100 litres)")
    assert Decimal("0.002") in numbers("less than or equal to 2 × 10-3;")
    assert Decimal("0.0001") in numbers("of less than or equal to 10-4;")
    assert Decimal("200000000") in numbers("more than 2 × 108 pixels")
    assert Decimal("2") in numbers("greater than two litres per minute")


def test_criteria_load_for_the_eu_list() -> None:
    table = load_criteria([CRITERIA])["eu-2021-821"]
    assert len(table.nodes) > 500 and len(table.releases) > 100
    assert CRITERIA in criteria_files()
    assert table.nodes["0D001"].intangible and table.nodes["3E505"].intangible
    assert table.nodes["0B001.j.5"].combine == "all"


def test_every_figure_is_in_the_official_wording_of_its_node() -> None:
    table = load_criteria([CRITERIA])["eu-2021-821"]
    checked = 0
    for code, node in table.nodes.items():
        written = numbers(wording(code, notes=False))
        for c in node.criteria:
            for crit in getattr(c, "any_of", (c,)):
                assert Decimal(str(crit.value)) in written, (code, crit.quantity, crit.value)
                checked += 1
    assert checked > 100


def test_every_release_figure_is_in_the_notes_of_its_entry() -> None:
    table = load_criteria([CRITERIA])["eu-2021-821"]
    for release in table.releases:
        written = numbers(wording(release.applies_to[:5], notes=True))
        for crit in release.criteria:
            assert Decimal(str(crit.value)) in written, (release.id, crit.value)


def test_mixture_releases_use_the_stricter_figure_of_the_notes() -> None:
    table = load_criteria([CRITERIA])["eu-2021-821"]
    by_id = {r.id: r for r in table.releases}
    # 1C350.1 (thiodiglycol) is in notes 1 and 2 (10 % / 30 % by destination): 10 % kept
    assert [str(c.value) for c in by_id["1C350.1-mixtures"].criteria] == ["10"]
    assert [str(c.value) for c in by_id["1C350.24-mixtures"].criteria] == ["30"]
    assert [str(c.value) for c in by_id["1C450.a.1-mixtures"].criteria] == ["1"]
    assert [str(c.value) for c in by_id["1C450.b.8-mixtures"].criteria] == ["30"]
    note1 = re.search(r"Note 1:.*?entries (.*?) in which", official()["1C350"]).group(1)  # type: ignore[union-attr]
    listed = {int(n) for n in re.findall(r"\.(\d+)", note1)}
    strict = {int(r.applies_to.split(".")[1]) for r in table.releases
              if r.applies_to.startswith("1C350.") and [str(c.value) for c in r.criteria] == ["10"]}
    assert strict == listed


def test_nodes_and_releases_are_nodes_of_the_knowledge_base() -> None:
    kb = {n.get("code") for n in etree.parse(str(EU_DIR / "core.xml")).iterfind("node")}
    table = load_criteria([CRITERIA])["eu-2021-821"]
    assert set(table.nodes) <= kb
    assert {r.applies_to for r in table.releases} <= kb


def test_military_pointers_and_unfinished_nodes_are_left_for_review() -> None:
    table = load_criteria([CRITERIA])["eu-2021-821"]
    for code in ("1C350.4", "1C350.23", "1C350.29", "1C450.a.3", "1C450.b.7", "1C351.a.4", "4A507"):
        assert code not in table.nodes, code
