"""The EU-only knowledge base (core.xml) against the consolidated Annex I 2025 and our tables.

Real data: reads the official JSON of Annex I (``../shared/data`` or ``DUALUSE_SOURCES``)."""

from __future__ import annotations

import csv
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from tests.conftest import require_source, sources_dir

from dualuse.codes import cas, control, hs
from dualuse.resources import control_lists_dir

pytestmark = pytest.mark.real_data

EU_DIR = control_lists_dir() / "eu" / "2021-821"
CORE = EU_DIR / "core.xml"
OFFICIAL = sources_dir() / "eu-2021-821" / "annex-i-02021R0821-20251115.json"
BLOCK = ("1C350", "1C351", "1C353", "1C354", "2B350", "2B351", "2B352", "2D351", "2D352",
         "2E301", "9A350", "1C450", "1C513", "2B510", "2E503", "3A501", "3A502", "3A504",
         "3B501", "3B503", "3B504", "3C507", "3C508", "3C509", "3D507", "3E505", "4A506",
         "4A507")
# codes of the official text that dualuse.codes.control cannot spell (sub-items 1-4 under the
# number 10 break the letter/number alternation): reported, not in the knowledge base yet
UNSPELLABLE = {"0B004.b.10.1", "0B004.b.10.2", "0B004.b.10.3", "0B004.b.10.4"}
SUB_ITEM = re.compile(r"^((?:\d[A-E]\d{3})(?:\.[0-9a-z]+)+)\s+(?!N\.B\.|Note|Technical Note)")


@cache
def official() -> dict[str, Any]:
    return json.loads(require_source(OFFICIAL).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def block_entries() -> dict[str, str]:
    return {e["entry_code"]: e["verbatim_text"] for e in official()["entries"]
            if e["entry_code"].startswith("0") or e["entry_code"] in BLOCK}


@cache
def kb() -> dict[str, etree._Element]:
    return {n.get("code"): n for n in etree.parse(str(CORE)).iterfind("node")}


def official_codes(text: str) -> set[str]:
    return {m.group(1).rstrip(".") for line in text.split("\n") if (m := SUB_ITEM.match(line))}


def test_block_has_the_43_entries() -> None:
    assert len(block_entries()) == 43


def test_every_entry_and_sub_item_of_the_block_has_a_node_with_en_and_fr_titles() -> None:
    missing, untitled = [], []
    for entry, text in block_entries().items():
        for code in {entry} | official_codes(text):
            if code in UNSPELLABLE:
                assert not control.is_valid(code), f"{code} is now spelled: add it to core.xml"
                continue
            node = kb().get(code)
            if node is None:
                missing.append(code)
            elif not (node.findtext("title[@lang='en']") and node.findtext("title[@lang='fr']")):
                untitled.append(code)
    assert not missing, missing
    assert not untitled, untitled


def test_no_node_outside_the_official_text() -> None:
    known = set()
    for entry, text in block_entries().items():
        known |= {entry} | official_codes(text)
    assert set(kb()) - known == set()


def test_entries_carry_regime_and_keywords_in_both_languages() -> None:
    expected = {"0": "nsg", "3": "ag", "4": "cwc", "5": "eu"}
    for code, node in kb().items():
        if node.get("kind") != "entry":
            continue
        assert node.get("regime") == expected[code[0] if code[0] == "0" else code[2]], code
        for lang in ("en", "fr"):
            assert len(node.findall(f"keyword[@lang='{lang}']")) >= 3, (code, lang)


def test_hs_codes_are_hs2022_subheadings_and_cas_numbers_check() -> None:
    table = require_source(sources_dir() / "hs2022" / "harmonized-system.csv")
    with table.open(encoding="utf-8") as f:
        hs6 = {r["hscode"] for r in csv.DictReader(f) if len(r["hscode"]) == 6}
    for code, node in kb().items():
        for h in node.iterfind("hs"):
            number = h.get("code")
            assert hs.validate(number) == number and number in hs6, (code, number)
        for c in node.iterfind("cas"):
            assert cas.is_valid(c.text or ""), (code, c.text)


def test_every_cas_of_1c350_and_1c450_is_on_its_sub_item() -> None:
    for entry in ("1C350", "1C450"):
        for line in block_entries()[entry].split("\n"):
            m = SUB_ITEM.match(line)
            # named chemicals only: not the families that exclude 1C350 items ("other than ...")
            if m and "other than" not in line and not line.startswith(f"{m.group(1)} See"):
                for number in re.findall(r"CAS (\d+-\d\d-\d)", line):
                    found = {c.text for c in kb()[m.group(1)].iterfind("cas")}
                    assert number in found, (m.group(1), number)


def test_annex_iv_marks_exactly_the_codes_annex_iv_names() -> None:
    marked = {code for code, n in kb().items() if n.get("annexIV") == "true"}
    category0 = {c for c in block_entries() if c.startswith("0")}
    partial = {"0C001", "0C002", "0C003", "0D001", "0E001"}
    assert marked == (category0 - partial) | {"1C351.d.4", "1C351.d.5"}
    assert "Ricin" in kb()["1C351.d.4"].findtext("title[@lang='en']")
    assert "Saxitoxin" in kb()["1C351.d.5"].findtext("title[@lang='en']")


def _chemical_rows() -> list[dict[str, str]]:
    path = control_lists_dir() / "chemicals" / "chemicals.csv"
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _words(node: etree._Element, lang: str) -> str:
    return " | ".join([node.findtext(f"title[@lang='{lang}']") or ""] +
                      [k.text or "" for k in node.iterfind(f"keyword[@lang='{lang}']")]).lower()


def test_chemicals_table_and_kb_agree() -> None:
    """Every EU code the chemicals table names is a node with the table's CAS, names and HS."""
    checked = 0
    for row in _chemical_rows():
        for code in (c for c in row["entries"].split(";") if c[:1].isdigit()):
            if not code.startswith(("1C350", "1C351", "1C450")):
                continue
            node = kb()[code]
            assert row["cas"] in {c.text for c in node.iterfind("cas")}, (code, row["cas"])
            assert row["hs"] in {h.get("code") for h in node.iterfind("hs")}, (code, row["hs"])
            assert row["name_en"].lower() in _words(node, "en"), (code, row["name_en"])
            assert row["name_fr"].lower() in _words(node, "fr"), (code, row["name_fr"])
            checked += 1
    assert checked > 90


def test_chemicals_table_numbering_follows_the_2025_text() -> None:
    """A table row naming 1C350.n / 1C450.x carries the CAS the 2025 text gives that item."""
    cas_of = {}
    for entry in ("1C350", "1C450"):
        for line in block_entries()[entry].split("\n"):
            m = SUB_ITEM.match(line)
            if m:
                cas_of[m.group(1)] = set(re.findall(r"CAS (\d+-\d\d-\d)", line))
    for row in _chemical_rows():
        for code in row["entries"].split(";"):
            if cas_of.get(code):
                assert row["cas"] in cas_of[code], (code, row["cas"], row["name_en"])
    mdea = [r for r in _chemical_rows() if r["cas"] == "105-59-9"]
    assert mdea and all(r["entries"] == "1C450.b.8" for r in mdea)


def test_core_loads_in_the_catalog_and_resolves_eu_codes() -> None:
    import dualuse

    cat = dualuse.open_catalog()
    node = cat.entry("1C350.24")
    assert node.cas == ("7664-39-3",) and node.title.en == "Hydrogen fluoride"
    assert cat.entry("0B001.b.13").annex_iv is False and cat.entry("0B001").annex_iv is True
    # anthrax in French: "maladie du charbon", never bare "charbon" (charcoal, coal)
    assert "maladie du charbon" in cat.entry("1C351.c.1").keywords.fr or \
        "charbon bactéridien" in cat.entry("1C351.c.1").keywords.fr
    assert "charbon" not in cat.entry("1C351.c.1").keywords.fr


def test_files_share_the_edition_of_groups_xml() -> None:
    def edition(path: Path) -> bytes:
        return etree.tostring(etree.parse(str(path)).find("edition"))
    assert edition(CORE) == edition(EU_DIR / "groups.xml")
