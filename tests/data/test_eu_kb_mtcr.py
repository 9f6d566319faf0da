"""The EU list's MTCR block (x1xx) of the knowledge base, against the official consolidated Annex I.

Every x1xx entry of the official text has a node with EN and FR titles and keywords; every sub-item
code the official text prints is a node; HS codes are HS 2022 subheadings; CAS check digits hold;
no 8-word run of the official wording was copied into our titles, keywords or remarks.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache

import pytest
from lxml import etree
from tests.conftest import REPO, require_source, sources_dir

from dualuse.codes import cas, control

KB_DIR = REPO / "data" / "control_lists" / "eu" / "2021-821"
MTCR = KB_DIR / "mtcr.xml"
OFFICIAL = "eu-2021-821/annex-i-02021R0821-20251115.json"
BLOCK = re.compile(r"^[1-9][A-E]1\d\d$")
NOTE = re.compile(r"^(Notes?|Technical Notes?|N\.B\.)\b")


@cache
def nodes() -> dict[str, etree._Element]:
    return {n.get("code"): n for n in etree.parse(str(MTCR)).iterfind("node")}


def official() -> dict:  # type: ignore[type-arg]
    path = require_source(sources_dir() / OFFICIAL)
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def official_block(doc: dict) -> list[dict]:  # type: ignore[type-arg]
    return [e for e in doc["entries"] if BLOCK.match(e["entry_code"])]


def official_subitem_codes(entry: dict) -> set[str]:  # type: ignore[type-arg]
    """Codes that head a line of the entry, except the lines of notes, technical notes and N.B."""
    out = set()
    for line in entry["verbatim_text"].splitlines():
        code, _, rest = line.partition(" ")
        if not NOTE.match(rest.strip()):
            out.add(code)
    return out


def test_edition_is_the_one_of_groups_xml() -> None:
    ours = etree.parse(str(MTCR)).getroot()
    groups = etree.parse(str(KB_DIR / "groups.xml")).getroot()
    assert ours.get("id") == groups.get("id") == "eu-2021-821"
    assert ours.get("kind") == "knowledge-base"
    assert dict(ours.find("edition").attrib) == dict(groups.find("edition").attrib)


def test_parents_exist_and_codes_canonical() -> None:
    known = {n.get("code") for f in KB_DIR.glob("*.xml")
             for n in etree.parse(str(f)).iterfind("node")}
    for code, n in nodes().items():
        assert control.normalise(code) == code, code
        assert n.get("parent") == control.parent(code), code
        assert n.get("parent") in known, code


def test_entries_carry_regime_titles_and_keywords() -> None:
    entries = [n for n in nodes().values() if n.get("kind") == "entry"]
    assert len(entries) == 100
    for n in entries:
        code = n.get("code")
        assert BLOCK.match(code), code
        assert n.get("regime") == "mtcr", code
        for lang in ("en", "fr"):
            assert n.findall(f"title[@lang='{lang}']"), (code, lang)
            assert len(n.findall(f"keyword[@lang='{lang}']")) >= 3, (code, lang)


def test_every_node_has_both_titles() -> None:
    for code, n in nodes().items():
        titles = {t.get("lang"): (t.text or "").strip() for t in n.iterfind("title")}
        assert titles.get("en") and titles.get("fr"), code


def test_cas_check_digits() -> None:
    found = [c.text for n in nodes().values() for c in n.iterfind("cas")]
    assert len(found) >= 40
    for c in found:
        assert cas.is_valid(c or ""), c


def test_decontrol_remarks_in_both_languages() -> None:
    for code, n in nodes().items():
        langs = sorted(r.get("lang") for r in n.iterfind("remark[@type='decontrol']"))
        assert langs in ([], ["en", "fr"]), code


def test_annex_iv_marks_cover_the_rule_data() -> None:
    """Codes of this block that the Annex IV rule takes in, in full or in part, are marked
    annexIV="true" (the row is in the 2025 numbering: Annex IV's 7B103 is 7B103.a)."""
    rules = json.loads((REPO / "data" / "rules" / "eu-2021-821.json").read_text(encoding="utf-8"))
    annex = next(r for r in rules["rules"] if r.get("id") == "EU821-ANNEX-IV")
    named = {c for c in annex["items"]["include"] if c in nodes()}
    assert named == {"1C101", "1D103", "6B108"}
    in_part = {c for p in annex["partial"] for c in p["codes"] if c in nodes()}
    assert {"1E101", "1E102", "7A117", "7B103.a", "7D101", "7E101", "9A104", "9A105.a", "9A106.c",
            "9A108.c", "9A116", "9A119", "9B115", "9B116", "9D101", "9E101", "9E102"} <= in_part
    marked = {c for c, n in nodes().items() if n.get("annexIV") == "true"}
    assert named | in_part == marked
    # a node taken in only in part says so in both languages
    for code in in_part:
        langs = sorted(r.get("lang") for r in nodes()[code].iterfind("remark[@type='info']"))
        assert langs == ["en", "fr"], code
    # 7B103.b is not in Annex IV, so its parent entry is not marked; nor is anything that Annex II
    # lists beside Annex IV
    assert not marked & {"7B103", "7B103.b", "1A102", "7E104", "9A117"}


@pytest.mark.real_data
def test_every_official_entry_and_subitem_is_a_node() -> None:
    doc = official()
    block = official_block(doc)
    assert len(block) == 100
    entries = {c for c, n in nodes().items() if n.get("kind") == "entry"}
    assert {e["entry_code"] for e in block} == entries
    missing = []
    for e in block:
        for code in official_subitem_codes(e):
            if not control.is_valid(code):
                # the three lines of the 9A106.d note are lettered a-c under a letter: not sub-items
                assert code.startswith("9A106.d."), code
                continue
            if code not in nodes():
                missing.append(code)
    assert not missing
    kinds = {c: n.get("kind") for c, n in nodes().items()}
    assert sum(k == "sub-item" for k in kinds.values()) == 252


@pytest.mark.real_data
def test_hs_codes_are_hs2022_subheadings() -> None:
    path = require_source(sources_dir() / "hs2022" / "harmonized-system.csv")
    with path.open(encoding="utf-8") as f:
        hs6 = {r["hscode"] for r in csv.DictReader(f) if r["level"] == "6"}
    used = [(code, h.get("code")) for code, n in nodes().items() for h in n.iterfind("hs")]
    assert len(used) >= 150
    for code, h in used:
        assert h in hs6, (code, h)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.real_data
def test_no_eight_word_run_copied_from_the_official_text() -> None:
    doc = official()
    texts = [e["verbatim_text"] for e in doc["entries"]] + [d["verbatim_text"] for d in doc["docs"]]
    runs = set()
    for t in texts:
        w = _words(t)
        runs.update(tuple(w[i:i + 8]) for i in range(len(w) - 7))
    copied = []
    for el in etree.parse(str(MTCR)).iter("title", "keyword", "remark"):
        w = _words(el.text or "")
        if any(tuple(w[i:i + 8]) in runs for i in range(len(w) - 7)):
            copied.append(el.text)
    assert not copied


def test_catalog_serves_the_block() -> None:
    import dualuse

    cat = dualuse.open_catalog()
    node = cat.entry("9A108.a", "eu-2021-821")
    assert node.code == "9A108.a"
    assert cat.entry("1C111.a.3.b", "eu-2021-821").code == "1C111.a.3.b"


def test_file_is_where_the_catalog_looks() -> None:
    from dualuse.catalog import bundled_files

    # the installed package carries a copy (dualuse/_data), an editable checkout reads data/:
    # the catalog reads a file of that name in that folder, with the same bytes
    found = [p for p in bundled_files() if p.parts[-3:] == ("eu", "2021-821", "mtcr.xml")]
    assert found and found[0].read_bytes() == MTCR.read_bytes()
