"""The bundled knowledge base for the EU list's nuclear dual-use entries (x2xx, NSG Part 2).

Held against the consolidated Annex I (../shared/data/eu-2021-821, read at run time, never
shipped): every entry and every sub-item code of the official text has a node with our own EN and
FR titles; HS codes are HS 2022 subheadings; no eight-word run of the official wording is copied.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from dualuse.codes import cas

pytestmark = pytest.mark.real_data

REPO = Path(__file__).resolve().parents[2]
KB_FILE = REPO / "data" / "control_lists" / "eu" / "2021-821" / "nsg.xml"
CRITERIA_FILE = REPO / "data" / "control_lists" / "eu" / "2021-821" / "criteria" / "nsg.xml"
RULES_FILE = REPO / "data" / "rules" / "eu-2021-821.json"
ANNEX_I = Path("eu-2021-821") / "annex-i-02021R0821-20251115.json"
BLOCK = re.compile(r"^\d[A-E]2\d\d$")
SUB_ITEM = re.compile(r"^(\d[A-E]\d{3}(?:\.[a-z0-9]+)+) (?!Note|Technical|N\.B)")


def sources() -> Path:
    from conftest import require_source, sources_dir

    return require_source(sources_dir() / ANNEX_I).parents[1]


@cache
def _annex() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((sources() / ANNEX_I).read_text(encoding="utf-8"))
    return data


def official_entries(*, all_entries: bool = False) -> list[dict[str, Any]]:
    return [e for e in _annex()["entries"] if all_entries or BLOCK.match(e["entry_code"])]


def sub_item_codes(entry: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for line in entry["verbatim_text"].splitlines():
        m = SUB_ITEM.match(line)
        if m and m.group(1) not in out:
            out.append(m.group(1))
    return out


def lines_of(entry: dict[str, Any], code: str) -> list[str]:
    """The official lines of ``code``: its own line and the notes printed under that code."""
    return [ln for ln in entry["verbatim_text"].splitlines() if ln.split(" ", 1)[0] == code]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@cache
def kb() -> dict[str, etree._Element]:
    return {n.get("code"): n for n in etree.parse(str(KB_FILE)).iterfind("node")}


def test_every_entry_of_the_block_has_titles_keywords_and_regime() -> None:
    codes = [e["entry_code"] for e in official_entries()]
    assert len(codes) == 79
    for code in codes:
        node = kb().get(code)
        assert node is not None, code
        assert node.get("kind") == "entry" and node.get("regime") == "nsg", code
        for lang in ("en", "fr"):
            assert (node.findtext(f"title[@lang='{lang}']") or "").strip(), (code, lang)
            assert len(node.findall(f"keyword[@lang='{lang}']")) >= 3, (code, lang)
    extra = {c for c, n in kb().items() if n.get("kind") == "entry"} - set(codes)
    assert not extra


def test_sub_items_are_exactly_those_of_the_official_text() -> None:
    official = {c for e in official_entries() for c in sub_item_codes(e)}
    ours = {c for c, n in kb().items() if n.get("kind") == "sub-item"}
    assert official == ours
    for code in ours:
        node = kb()[code]
        assert node.get("parent") == code.rsplit(".", 1)[0]
        assert node.findtext("title[@lang='en']") and node.findtext("title[@lang='fr']"), code


def test_hs_codes_are_hs_2022_subheadings() -> None:
    path = sources() / "hs2022" / "harmonized-system.csv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8") as f:
        hs6 = {r["hscode"] for r in csv.DictReader(f) if len(r["hscode"]) == 6}
    hs6 -= {"999999"}
    used = [(c, h.get("code")) for c, n in kb().items() for h in n.iterfind("hs")]
    assert len(used) > 100
    assert [u for u in used if u[1] not in hs6] == []
    goods = [c for c, n in kb().items() if n.get("kind") == "entry" and c[1] not in "DE"]
    assert [c for c in goods if kb()[c].find("hs") is None] == []


def test_cas_numbers_have_valid_check_digits() -> None:
    found = [(c, x.text) for c, n in kb().items() for x in n.iterfind("cas")]
    assert ("1C238", "7790-91-2") in found  # chlorine trifluoride
    assert [f for f in found if not cas.is_valid(f[1] or "")] == []


def test_annex_iv_marks_follow_the_recorded_annex_iv_reading() -> None:
    rules: dict[str, Any] = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    row = next(r for r in rules["rules"] if r["kind"] == "annex-iv")
    ours = set(kb())
    listed = {c for c in row["items"]["include"] if c in ours}
    marked = {c for c, n in kb().items() if n.get("annexIV") == "true"}
    assert {"1C239", "3A229", "3A232", "1B226", "6A226"} <= listed
    # Annex IV names the tritium-deuterium neutron generators only: that sub-item is marked too
    assert marked == listed | {"3A231.b.1"}


def test_no_eight_word_run_of_the_official_wording() -> None:
    runs: set[tuple[str, ...]] = set()
    for e in official_entries(all_entries=True):
        w = words(e["verbatim_text"])
        runs.update(tuple(w[i:i + 8]) for i in range(len(w) - 7))
    copied = []
    for el in etree.parse(str(KB_FILE)).iter("title", "keyword", "remark"):
        w = words(el.text or "")
        if any(tuple(w[i:i + 8]) in runs for i in range(len(w) - 7)):
            copied.append(el.text)
    assert copied == []


def test_catalog_resolves_the_eu_only_entries() -> None:
    import dualuse

    cat = dualuse.open_catalog()
    node = cat.entry("2B209")
    assert node.regime == "nsg"
    assert "fluotourneuse" in node.keywords.fr
    assert cat.entry("3A229").annex_iv and not cat.entry("3A225").annex_iv
    assert [c.code for c in cat.children("1C240")] == ["1C240.a", "1C240.b"]


def test_development_set_covers_every_sub_block_in_both_languages() -> None:
    path = REPO / "benchmarks" / "data" / "dev_eu_nsg.jsonl"
    rows = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len({r["id"] for r in rows}) == len(rows) >= 20
    langs = [r["lang"] for r in rows]
    assert set(langs) == {"en", "fr"}
    assert abs(langs.count("en") - langs.count("fr")) <= len(rows) // 5
    block = {c for c, n in kb().items() if n.get("kind") == "entry"}
    expected = {c for r in rows for c in r["expect"]}
    assert {c[:2] for c in expected & block} >= {"1A", "1B", "1C", "2A", "2B", "3A", "6A"}
    assert all(r["expect"] and set(r["expect"]) & block for r in rows)
