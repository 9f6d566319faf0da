"""Fidelity tests of the Wassenaar 2025 PDF importer, on the real PDF and on hand-written strings.

Golden checks hold codes and the first few words only: no official sentence lives in this file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from dualuse.model import ControlList, Node
from dualuse.sources import wassenaar_pdf as wp


# --- hand-written fixtures of the tricky functions --------------------------------------------
@pytest.mark.parametrize(("line", "x", "kind"), [
    ("6. A. 5. d. 1. a. Widgets having a gain of 3 dB;", 50.0, "code"),
    ("6.A.5. Widgets as follows:", 50.0, "code"),
    ("ML13. Shields and plates", 50.0, "ml"),
    ("ML 8. a. 1. Stuff X", 50.0, "ml"),
    ("Note: This entry covers blue widgets.", 90.0, "note"),
    ("Note 2 Red widgets are covered too.", 90.0, "note"),
    ("Technical Note: Gain is measured cold.", 90.0, "technical-note-or-note"),
    ("N.B. See also 3.A.1.", 90.0, "note"),
    (" b. Made of foam;", 120.0, "item"),
    (" 12. Made of foam;", 120.0, "item"),
    ("made of foam and wood", 120.0, "text"),
])
def test_classify_hand_written(line: str, x: float, kind: str) -> None:
    got, _ = wp.classify(line, x)
    if kind == "technical-note-or-note":
        assert got == "note"
    else:
        assert got == kind


def test_classify_rejects_non_alternating_code() -> None:
    # a.b. does not alternate letters and digits: not a code heading
    assert wp.classify("6. A. 5. d. e. Something", 50.0)[0] != "code"


def test_succ_and_first_label() -> None:
    assert wp.succ("a") == "b"
    assert wp.succ("z") == "aa"
    assert wp.succ("aa") == "bb"
    assert wp.succ("9") == "10"
    assert wp.first_label(1) == "a"
    assert wp.first_label(2) == "1"
    assert wp.first_label(3) == "a"


def test_place_item_nesting() -> None:
    # path 6X001.d.1 ; children of entry at x=100, of .d at 120, of .d.1 at 140
    child_x = [100.0, 120.0, 140.0]
    # "a." right after d.1 at x=140 is the first child of d.1
    assert wp.place_item("a", 140.0, ["d", "1"], child_x)[0] == 3
    # "2." is the sibling of "1"
    assert wp.place_item("2", 120.0, ["d", "1"], child_x)[0] == 2
    # "e." is the sibling of "d"
    assert wp.place_item("e", 100.0, ["d", "1"], child_x)[0] == 1
    # "q." fits nowhere
    assert wp.place_item("q", 100.0, ["d", "1"], child_x) is None


def test_place_item_uses_indentation_to_disambiguate() -> None:
    # path .a.1.a: "b" may be the sibling of the deepest "a" or of the top "a"
    child_x = [100.0, 120.0, 140.0, 160.0]
    assert wp.place_item("b", 100.0, ["a", "1", "a"], child_x)[0] == 1
    assert wp.place_item("b", 140.0, ["a", "1", "a"], child_x)[0] == 3


# --- the real PDF ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wa(wassenaar_pdf: Path) -> ControlList:
    return wp.read_pdf(wassenaar_pdf)


@pytest.fixture(scope="module")
def by_code(wa: ControlList) -> dict[str, Node]:
    return {n.code: n for n in wa.nodes}


@pytest.fixture(scope="module")
def children(wa: ControlList) -> dict[str | None, list[Node]]:
    out: dict[str | None, list[Node]] = {}
    for n in wa.nodes:
        out.setdefault(n.parent, []).append(n)
    return out


def test_edition_facts(wa: ControlList, wassenaar_pdf: Path) -> None:
    e = wa.edition
    assert e.id == "wassenaar-2025"
    assert e.kind == "official"
    assert e.regime == "wassenaar"
    assert str(e.date) == "2026-01-15"
    assert e.data_version == "2025 Corr."
    assert e.source_file == wassenaar_pdf.name
    assert e.language == "en"
    assert re.fullmatch(r"[0-9a-f]{64}", e.source_sha256 or "")
    # the title as printed on the cover page, read at import time (three lines joined)
    assert e.title.startswith("List of Dual-Use Goods") and e.title.endswith(" and Munitions List")
    assert "Compiled" not in e.title and "2025" not in e.title


def test_codes_unique(wa: ControlList) -> None:
    dups = [c for c, k in Counter(n.code for n in wa.nodes).items() if k > 1]
    assert dups == []


def test_parents_exist(wa: ControlList, by_code: dict[str, Node]) -> None:
    orphans = [n.code for n in wa.nodes if n.parent is not None and n.parent not in by_code]
    assert orphans == []


# Checked by hand against the PDF: headings "6. B. 5. LASERS - None" and the like are
# placeholders, not entries, and are not counted.
ENTRY_COUNTS = {"1": 28, "2": 16, "3": 21, "4": 10, "5": 10, "6": 21, "7": 20, "8": 8, "9": 30,
                "ML": 22}


def test_entry_counts_per_category(wa: ControlList) -> None:
    c = Counter("ML" if n.code.startswith("ML") else n.code[0]
                for n in wa.nodes if n.kind == "entry")
    assert dict(c) == ENTRY_COUNTS


def test_categories_and_groups(by_code: dict[str, Node]) -> None:
    for cat in [*"123456789", "ML"]:
        assert by_code[cat].kind == "category"
    for cat in "123456789":
        for g in "ABCDE":
            assert by_code[f"{cat}{g}"].kind == "group", f"{cat}{g}"
            assert by_code[f"{cat}{g}"].parent == cat


def test_every_printed_entry_code_present(wa: ControlList, by_code: dict[str, Node]) -> None:
    entries = {n.code for n in wa.nodes if n.kind == "entry"}
    assert {f"ML{i}" for i in range(1, 23)} <= entries
    for code in ["1A001", "1C010", "2B001", "3A001", "4A003", "5A002", "6A003", "7A003", "8A002",
                 "9A012", "9E003", "1D003", "4A001", "6D002"]:
        assert by_code[code].kind == "entry"
    # placeholders printed "... - None" are not entries
    for code in ["6B005", "6C001", "6C008"]:
        assert code not in by_code


# code, parent, kind, first words, kinds of attached notes (in order)
GOLDEN = [
    ("1", None, "category", "SPECIAL MATERIALS AND", []),
    ("1A", "1", "group", "SYSTEMS, EQUIPMENT AND", []),
    ("1A002", "1A", "entry", '"Composite" structures or', ["note", "note", "note"]),
    ("1C010.b", "1C010", "sub-item", 'Carbon "fibrous or', ["note"]),
    ("1E001", "1E", "entry", '"Technology" according to', []),
    ("2B001", "2B", "entry", "Machine tools and", ["note", "note", "note", "note", "nb"]),
    ("2B001.a", "2B001", "sub-item", "Machine tools for", ["note", "note"]),
    ("2D001", "2D", "entry", '"Software", other than', ["note"]),
    ("3A001.a.1", "3A001.a", "sub-item", "Integrated circuits designed", []),
    ("3B001", "3B", "entry", "Equipment for the", []),
    ("3E001", "3E", "entry", '"Technology" according to',
     ["note", "note", "note", "technical-note"]),
    ("4A001", "4A", "entry", "Electronic computers and", []),
    ("4A003", "4A", "entry", '"Digital computers", "electronic', ["note", "note"]),
    ("4A003.b", "4A003", "sub-item", '"Digital computers" having', []),
    ("4D001", "4D", "entry", '"Software" as follows:', []),
    ("5A001.b.3", "5A001.b", "sub-item", "Being radio equipment", ["note"]),
    ("5A002", "5A", "entry", '"Information security" systems,', ["nb"]),
    ("5A002.a", "5A002", "sub-item", "Designed or modified", ["technical-note", "note", "note"]),
    ("5A003", "5A", "entry", "Systems, equipment and", []),
    ("6A002.a.3", "6A002.a", "sub-item", 'Non-"space-qualified" "focal plane',
     ["nb", "technical-note", "note", "note"]),
    ("6A003.b.4", "6A003.b", "sub-item", "Imaging cameras, not", ["note", "technical-note"]),
    ("6A005.d.1.d.1.a", "6A005.d.1.d.1", "sub-item", "Average or CW", []),
    ("6C004", "6C", "entry", "Optical materials as", []),
    ("7A003", "7A", "entry", "'Inertial measurement equipment", ["note", "technical-note"]),
    ("7D004", "7D", "entry", '"Source code" incorporating', ["note"]),
    ("8A001", "8A", "entry", "Submersible vehicles and", ["nb"]),
    ("8A002.o", "8A002", "sub-item", "Propellers, power transmission", []),
    ("9A001", "9A", "entry", "Aero gas turbine", ["note", "note"]),
    ("9A012", "9A", "entry", '"Unmanned Aerial Vehicles"', ["nb"]),
    ("9E003.a.1", "9E003.a", "sub-item", "Turbine blades, vanes", ["technical-note"]),
    ("ML", None, "category", "MUNITIONS LIST", []),
    ("ML10.a", "ML10", "sub-item", 'Manned "aircraft" and', ["note"] * 4),
    ("ML10.j.3", "ML10.j", "sub-item", "", []),
    ("ML1", "ML", "entry", "Smooth-bore weapons with", ["note"]),
    ("ML8.a.1", "ML8.a", "sub-item", "ADNBF (aminodinitrobenzofuroxan", []),
    ("ML13", "ML", "entry", "Armoured or protective", ["note", "nb", "nb"]),
    ("ML13.d", "ML13", "sub-item", "Body armour or", []),
    ("ML22", "ML", "entry", '"Technology" as follows:', ["note", "note"]),
]


@pytest.mark.parametrize(("code", "parent", "kind", "words", "notes"), GOLDEN,
                         ids=[g[0] for g in GOLDEN])
def test_golden_nodes(by_code: dict[str, Node], children: dict[str | None, list[Node]], code: str,
                      parent: str | None, kind: str, words: str, notes: list[str]) -> None:
    n = by_code[code]
    assert n.parent == parent
    assert n.kind == kind
    assert " ".join(n.text.split()).startswith(words)
    attached = [k.kind for k in children.get(code, [])
                if k.kind in ("note", "technical-note", "nb")]
    assert attached == notes
    for i, k in enumerate(k for k in children.get(code, []) if k.kind == "note"):
        assert k.code == f"{code}#note{i + 1}"


def test_not_used_since(by_code: dict[str, Node]) -> None:
    assert by_code["2B007.a"].not_used_since == "2017"
    assert by_code["1C008.c"].not_used_since == "2006"
    assert by_code["3A001.a.8"].not_used_since == "1999"


def test_decontrol_notes(wa: ControlList) -> None:
    notes = [n for n in wa.nodes if n.kind == "note"]
    assert sum(n.decontrol for n in notes) > 50
    assert all(not n.decontrol for n in wa.nodes if n.kind not in ("note", "technical-note", "nb"))


def test_general_notes(wa: ControlList) -> None:
    titles = [g.title for g in wa.general_notes]
    for t in ["General Technology Note", "General Software Note",
              'General "Information Security" Note',
              "General Notes to the Munitions List"]:
        assert t in titles
    assert any("Cryptography Note" in t for t in titles)
    assert all(g.text.strip() for g in wa.general_notes)


def test_definitions_and_acronyms(wa: ControlList) -> None:
    double = {d.term: d for d in wa.definitions if d.quote == "double"}
    assert len(double) > 120
    assert "Focal plane array" in double
    assert "Accuracy" in double and "Cat 2" in double["Accuracy"].text
    single = [d for d in wa.definitions if d.quote == "single"]
    assert any(d.term == "trace detection" and d.scope == "1A004.d" for d in single)
    abbrs = {a.abbr: a.expansion for a in wa.acronyms}
    assert len(abbrs) > 150
    assert abbrs["ADC"] == "Analogue-to-Digital Converter"


def test_sensitive_lists(by_code: dict[str, Node], wa: ControlList) -> None:
    assert by_code["1E001"].sensitive and by_code["1E001"].very_sensitive
    assert by_code["9E003.a.1"].sensitive and by_code["9E003.a.1"].very_sensitive
    assert by_code["6A003.b.4"].sensitive and not by_code["6A003.b.4"].very_sensitive
    assert by_code["5A001.b.3"].sensitive
    assert not by_code["5A003"].sensitive
    assert sum(n.sensitive for n in wa.nodes) > 80


def test_no_headers_or_footers(wa: ControlList) -> None:
    bad = re.compile(r"WA-LIST \(|_{5,}|\b\d{2}-\d{2}-2026\b")
    texts = [n.text for n in wa.nodes] + [g.text for g in wa.general_notes] + \
        [d.text for d in wa.definitions]
    assert [t[:60] for t in texts if bad.search(t)] == []


def test_no_hyphenation_or_line_break_artefacts(wa: ControlList) -> None:
    texts = [n.text for n in wa.nodes]
    assert [t[:60] for t in texts if "\n" in t or "  " in t] == []
    # "multi- element" style breaks left unrepaired
    broken = re.compile(r"\b[a-z]{3,}- [a-z]{3,}\b")
    assert [m.group(0) for t in texts for m in broken.finditer(t)
            if not re.search(r"- (?:and|or|to)\b", m.group(0))] == []
    assert all("\ufffe" not in t and "\u00ad" not in t for t in texts)


def test_show_after_import(wassenaar_pdf: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dualuse.catalog import clear_caches
    from dualuse.cli.app import main

    assert main(["lists", "import", str(wassenaar_pdf)]) == 0
    capsys.readouterr()
    clear_caches()
    assert main(["show", "6A003.b.4", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["code"] == "6A003.b.4"
    assert d["list"] == "wassenaar-2025"
    assert d["text"].startswith("Imaging cameras")
    assert len(d["text"]) > 60
    parents = [p if isinstance(p, str) else p["code"] for p in d["parents"]]
    assert parents == ["6", "6A", "6A003", "6A003.b"]
    notes = [n if isinstance(n, str) else n["code"] for n in d["notes"]]
    assert "6A003.b.4#note1" in notes and "6A003.b.4#tn1" in notes
    assert "Focal plane array" in [x["term"] for x in d["definitions"]]
