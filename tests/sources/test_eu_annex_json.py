"""The EU Annex I JSON reader: on the real consolidated file (real_data) and on the hand-written
fixtures of tests/fixtures/eu/ (same JSON shape, made-up wording).

Checks hold codes, counts and a few leading words only: no official sentence lives in this file.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]
from tests.conftest import require_source, sources_dir

from dualuse.codes import control
from dualuse.errors import InputError
from dualuse.model import ControlList, Node
from dualuse.resources import control_lists_dir
from dualuse.sources import eu_annex_json as eu
from dualuse.sources import list_readers
from dualuse.sources.canonical_xml import read_bytes, to_bytes, to_element

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eu"
SMALL = FIXTURES / "annex-i-small.json"
EU_JSON = sources_dir() / "eu-2021-821" / "annex-i-02021R0821-20251115.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from dualuse.cli.app import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- the real file ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def eu_json() -> Path:
    return require_source(EU_JSON)


@pytest.fixture(scope="module")
def annex(eu_json: Path) -> ControlList:
    return eu.read(eu_json)


@pytest.fixture(scope="module")
def by_code(annex: ControlList) -> dict[str, Node]:
    return {n.code: n for n in annex.nodes}


@pytest.fixture(scope="module")
def raw(eu_json: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(eu_json.read_bytes())
    return data


pytestmark_real = pytest.mark.real_data


@pytestmark_real
def test_edition(annex: ControlList, eu_json: Path) -> None:
    e = annex.edition
    assert (e.id, e.kind, e.regime) == ("eu-2021-821", "official", "eu")
    assert e.data_version == "02021R0821-20251115"
    assert str(e.in_force_from) == str(e.date) == "2025-11-15"
    assert e.source_url == "http://publications.europa.eu/resource/celex/02021R0821-20251115"
    assert e.source_file == eu_json.name
    assert e.source_sha256 == "f4ce02aed08a1b405b0e0fd38490192986291ca0c9ef05c544ca800f810829b9"
    assert e.upstream_sha256 == "8155d912724f386ff7b0f980879cce920a59b3e87c2397118ad37e4ced7c16f6"
    assert str(e.retrieved) == "2026-08-18"


@pytestmark_real
def test_entry_counts_per_category_and_regime(annex: ControlList) -> None:
    entries = [n for n in annex.nodes if n.kind == "entry"]
    assert len(entries) == 384
    per_cat = Counter(n.code[0] for n in entries)
    assert per_cat == {"0": 15, "1": 93, "2": 55, "3": 51, "4": 13, "5": 13, "6": 36, "7": 37,
                       "8": 8, "9": 63}
    per_regime = Counter(n.regime for n in entries)
    # 162 from Wassenaar; 222 not: Category 0 (15) + x2xx (79) NSG, x1xx MTCR, x3xx/x4xx, x5xx
    assert per_regime == {"wassenaar": 162, "mtcr": 100, "nsg": 15 + 79, "ag": 11, "cwc": 1,
                          "eu": 16}
    assert all(n.regime == "nsg" for n in entries if n.code[0] == "0")
    assert {n.code for n in entries if n.regime == "cwc"} == {"1C450"}
    assert all(n.regime is None for n in annex.nodes if n.kind != "entry")


@pytestmark_real
def test_tree_is_whole(annex: ControlList, by_code: dict[str, Node]) -> None:
    assert len(by_code) == len(annex.nodes)  # codes unique
    for n in annex.nodes:
        if n.kind == "category":
            assert n.parent is None
            continue
        assert n.parent in by_code, n.code
        if not n.is_note:
            assert control.normalise(n.code) == n.code
            assert control.parent(n.code) == n.parent
    assert {n.code for n in annex.nodes if n.kind == "category"} == set("0123456789")
    assert len([n for n in annex.nodes if n.kind == "group"]) == 45


@pytestmark_real
def test_every_printed_code_is_a_node_or_reported(raw: dict[str, object],
                                                  by_code: dict[str, Node],
                                                  eu_json: Path) -> None:
    reported = {p.split(":")[0] for p in eu.diagnostics(eu_json)}
    assert reported == {"0B004.b.10.1", "0B004.b.10.2", "0B004.b.10.3", "0B004.b.10.4",
                        "1C010.1", "9A004.f.2.1", "9A004.f.2.2", "9A004.f.2.3", "9A004.f.2.4",
                        "9A106.d.a", "9A106.d.b", "9A106.d.c"}
    entries = raw["entries"]
    assert isinstance(entries, list)
    for e in entries:
        for line in e["verbatim_text"].splitlines():
            code = line.split(" ", 1)[0].rstrip(".")
            if any(code == r or code.startswith(r + ".") for r in reported):
                continue
            assert code in by_code, line[:30]


@pytestmark_real
def test_chemical_sub_items(by_code: dict[str, Node]) -> None:
    subs = [c for c, n in by_code.items() if n.parent == "1C350" and n.kind == "sub-item"]
    assert len(subs) == 90
    assert {f"1C350.{i}" for i in range(1, 91)} == set(subs)
    assert "CAS 7664-39-3" in (by_code["1C350.24"].text or "")
    assert by_code["1C350.24"].text.startswith("Hydrogen fluoride")  # type: ignore[union-attr]
    assert by_code["1C450.a.4"].parent == "1C450.a"


@pytestmark_real
def test_notes_attached_to_their_node(by_code: dict[str, Node]) -> None:
    nb = by_code["0A001.f#nb1"]
    assert (nb.kind, nb.parent) == ("nb", "0A001.f")
    tn = by_code["0A001.h#tn1"]
    assert (tn.kind, tn.parent) == ("technical-note", "0A001.h")
    note = by_code["0A001.i#note1"]
    assert (note.kind, note.parent, note.decontrol) == ("note", "0A001.i", True)
    assert [by_code[f"1C450.a#note{i}"].parent for i in (1, 2, 3, 4)] == ["1C450.a"] * 4
    # an empty "Technical Note:" line whose wording follows on the next line
    assert (by_code["6A008.l.1#tn1"].text or "").startswith("For the purposes of 6A008.l.1")
    # a note's own list stays in the note
    assert "\nc. " in (by_code["9A106.d#note1"].text or "")
    assert "9A106.d.a" not in by_code


@pytestmark_real
def test_every_applicable_note_is_in_a_note_node(annex: ControlList,
                                                 raw: dict[str, object]) -> None:
    texts = [n.text or "" for n in annex.nodes if n.is_note]
    entries = raw["entries"]
    assert isinstance(entries, list)
    count = 0
    for e in entries:
        for a in e["applicable_notes"]:
            m = eu._NOTE.match(a)
            body = (m.group("rest") if m else a).strip()
            if body:
                count += 1
                assert any(body in t for t in texts), (e["entry_code"], body[:40])
    assert count > 700


@pytestmark_real
def test_definitions_acronyms_general_notes(annex: ControlList) -> None:
    terms = {d.term for d in annex.definitions if d.quote == "double"}
    assert len(terms) == 173  # "Bias" twice (accelerometer, gyro)
    assert {"Accuracy", "Biological agents", "Chemical mixture", "Nuclear reactor"} <= terms
    bias = [d.text for d in annex.definitions if d.term == "Bias"]
    assert len(bias) == 2 and all(t.startswith("[7] (") for t in bias)
    local = [d for d in annex.definitions if d.quote == "single"]
    assert any(d.term == "nuclear reactor internals" and d.scope == "0A001.h" for d in local)
    assert len(annex.acronyms) > 140
    assert any(a.abbr == "ADC" for a in annex.acronyms)
    codes = {g.code for g in annex.general_notes}
    assert {"general-notes", "general-technology-note", "general-software-note",
            "nuclear-technology-note", "nuclear-software-note", "editorial-practices"} <= codes


@pytestmark_real
def test_canonical_xml_round_trip_and_schema(annex: ControlList) -> None:
    data = to_bytes(annex)
    assert read_bytes(data) == annex
    schema = etree.XMLSchema(etree.parse(str(control_lists_dir() / "schema" /
                                             "control-list.xsd")))
    schema.assertValid(to_element(annex))


@pytestmark_real
def test_import_then_show(eu_json: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dualuse.catalog import clear_caches

    code, out, _ = run(capsys, "lists", "import", str(eu_json), "--json")
    assert code == 0
    result = json.loads(out)
    assert (result["id"], result["format"], result["unchanged"]) == \
        ("eu-2021-821", "eu-annex-json", False)
    assert run(capsys, "lists", "import", str(eu_json), "--json")[0] == 0
    clear_caches()
    code, out, _ = run(capsys, "show", "2B352", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["list"] == "eu-2021-821"
    assert d["regime"] == "ag"
    assert d["text"].startswith("Biological manufacturing")
    assert "2B352.a" in [c["code"] for c in d["children"]]
    code, out, _ = run(capsys, "show", "1C350.24", "--json")
    assert code == 0 and "7664-39-3" in json.loads(out)["text"]


# --- the hand-written fixture -----------------------------------------------------------------
def test_fixture_tree() -> None:
    cl = eu.read(SMALL)
    nodes = {n.code: n for n in cl.nodes}
    assert [n.code for n in cl.nodes if n.kind == "entry"] == ["0B001", "1C350", "2B352", "6A003"]
    assert [nodes[c].regime for c in ("0B001", "1C350", "2B352", "6A003")] == \
        ["nsg", "ag", "ag", "wassenaar"]
    assert nodes["0B001.b.2"].parent == "0B001.b"
    assert (nodes["0B001.a#note1"].parent, nodes["0B001.a#note1"].decontrol) == ("0B001.a", True)
    assert nodes["0B001.b#tn1"].kind == "technical-note"
    assert nodes["1C350#nb1"].text == "SEE ALSO 1C450."
    assert [c for c in nodes if c.startswith("1C350.")] == ["1C350.1", "1C350.2", "1C350.24"]
    # the note's own list (2B352.a.a, .b) stays in the note; no code is made up
    assert nodes["2B352.a#note1"].text == "The only vessels meant are the following:\n" \
                                          "a. Green ones;\nb. Red ones."
    assert "2B352.a.a" not in nodes and nodes["2B352.b"].parent == "2B352"
    # a second line of the same code continues it
    assert nodes["6A003.a"].text.endswith("\n| row two of a table")  # type: ignore[union-attr]
    assert eu.diagnostics(SMALL) == [
        "2B352.a.a: label out of sequence; its wording is kept in 2B352.a#note1",
        "2B352.a.b: label out of sequence; its wording is kept in 2B352.a#note1"]


def test_fixture_docs_and_edition() -> None:
    cl = eu.read(SMALL)
    assert [(d.term, d.text) for d in cl.definitions] == [
        ("Active pixel", '[6] is the smallest cell of a test array.\nN.B. See also "test array".'),
        ("Test isotope", "[0] means an isotope used in tests."),
        ("widget column", "For the purposes of 0B001.b., a 'widget column' is a tall widget.")]
    assert cl.definitions[2].scope == "0B001.b"
    assert [a.abbr for a in cl.acronyms] == ["ABC", "XYZ"]
    assert [g.code for g in cl.general_notes] == ["general-notes", "section-note",
                                                  "section-note-2"]
    assert cl.edition.data_version == "02021R0821-20990101"
    assert cl.edition.upstream_sha256 == "00112233445566778899aabbccddeeff" * 2
    assert read_bytes(to_bytes(cl)) == cl


def test_reader_contract() -> None:
    readers = {r.format: r for r in list_readers()}
    reader = readers["eu-annex-json"]
    assert reader.sniff(SMALL.read_bytes()[:4096], SMALL)
    assert not reader.sniff(b'{"items": []}', SMALL)
    assert reader.read(SMALL) == eu.read(SMALL)


def _mutated(tmp_path: Path, change: str) -> Path:
    data = json.loads(SMALL.read_text("utf-8"))
    if change == "celex":
        data["celex"] = "32019R0001"
    elif change == "count":
        data["entry_count"] = 5
    elif change == "foreign-line":
        data["entries"][1]["verbatim_text"] += "\n2B352.c Stray line"
    elif change == "category":
        data["entries"][1]["category"] = "2"
    elif change == "sub-item-code":
        data["entries"][1]["entry_code"] = "1C350.1"
    elif change == "no-entries":
        data["entries"] = []
    elif change == "not-json-object":
        data = [data]
    path = tmp_path / f"{change}.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


BAD_FILES = ["truncated.json", "entries-not-a-list.json", "missing-entry-code.json",
             "duplicate-code.json"]
BAD_CHANGES = ["celex", "count", "foreign-line", "category", "sub-item-code", "no-entries",
               "not-json-object"]


def test_small_file_needs_force_against_the_knowledge_base(
        isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The fixture holds 4 of the EU list's entries: as the first import of eu-2021-821 it is
    compared with our knowledge base of that list, and the import gate refuses it unless forced."""
    code, out, err = run(capsys, "lists", "import", str(SMALL))
    assert (code, out) == (2, "")
    assert len(err.strip().splitlines()) == 1 and "refused without --force" in err
    assert "the knowledge base of eu-2021-821" in err and "entry codes" in err
    assert not (isolated_home / "lists").is_dir() or not any((isolated_home / "lists").iterdir())
    code, _, err = run(capsys, "lists", "import", "--force", str(SMALL))
    assert code == 0 and "accepted with --force" in err
    assert (isolated_home / "lists" / "eu-2021-821.xml").is_file()


@pytest.mark.parametrize("name", BAD_FILES + BAD_CHANGES)
def test_bad_files_one_line_exit_2_store_untouched(name: str, tmp_path: Path,
                                                   isolated_home: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "lists", "import", "--force", str(SMALL))[0] == 0
    stored = isolated_home / "lists" / "eu-2021-821.xml"
    before = stored.read_bytes()
    path = FIXTURES / name if name.endswith(".json") else _mutated(tmp_path, name)
    # --force: the reader itself must refuse these files, whatever the import gate would say
    code, out, err = run(capsys, "lists", "import", "--force", str(path))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert stored.read_bytes() == before
    assert sorted(p.name for p in (isolated_home / "lists").iterdir()) == ["eu-2021-821.xml"]


@pytest.mark.parametrize(("name", "message"), [
    ("truncated.json", "looks truncated"),
    ("entries-not-a-list.json", "entries"),
    ("missing-entry-code.json", "entry_code"),
    ("duplicate-code.json", "1C350 is given twice"),
])
def test_bad_files_say_what_is_wrong(name: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        eu.read(FIXTURES / name)


def test_huge_file_refused_before_reading(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(eu, "MAX_BYTES", 1000)
    code, _, err = run(capsys, "lists", "import", str(SMALL))
    assert code == 2
    assert "too big" in err and "at most" in err


def test_other_json_is_not_this_format(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"declarations": []}', "utf-8")
    code, _, err = run(capsys, "lists", "import", str(path))
    assert code == 2
    assert "not the EU Annex I JSON" in err


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300), code=st.sampled_from(["1C350", "1C35", "ML1", "0A001", "x"]))
def test_arbitrary_entry_text_never_crashes(text: str, code: str) -> None:
    data = json.loads(SMALL.read_text("utf-8"))
    data["entries"][1]["entry_code"] = code
    data["entries"][1]["verbatim_text"] = f"{code} {text}"
    try:
        cl = eu.build(eu.parse(json.dumps(data).encode()))[0]
    except InputError:
        return
    assert any(n.code == "1C350" for n in cl)


# --- both lists in one catalog (bundled Wassenaar knowledge base + the imported fixture) -------
def test_shared_entry_resolves_to_wassenaar_and_names_the_eu_list(
        capsys: pytest.CaptureFixture[str]) -> None:
    from dualuse.catalog import clear_caches

    assert run(capsys, "lists", "import", "--force", str(SMALL))[0] == 0  # 4 entries: forced
    clear_caches()
    code, out, _ = run(capsys, "show", "6A003", "--json")
    d = json.loads(out)
    assert (code, d["list"], d["also_in"], d["regime"]) == \
        (0, "wassenaar-2025", ["eu-2021-821"], "wassenaar")
    code, out, _ = run(capsys, "show", "6A003", "--list", "eu-2021-821", "--json")
    d = json.loads(out)
    assert (d["list"], d["text"], d["also_in"]) == \
        ("eu-2021-821", "Test cameras, as follows:", ["wassenaar-2025"])
    code, out, _ = run(capsys, "show", "6A003")
    assert "also in eu-2021-821" in out and "--list eu-2021-821" in out
    assert "  dualuse show 6A003 --list eu-2021-821\n" in out  # the command whole, ready to paste
    d = json.loads(run(capsys, "show", "0B001.a", "--json")[1])
    assert (d["list"], d["regime"], d["also_in"]) == ("eu-2021-821", "nsg", [])
    assert [n["code"] for n in d["notes"]] == ["0B001.a#note1"]


def test_search_and_classify_rank_a_shared_entry_once(
        capsys: pytest.CaptureFixture[str]) -> None:
    import dualuse
    from dualuse.catalog import clear_caches

    assert run(capsys, "lists", "import", "--force", str(SMALL))[0] == 0  # 4 entries: forced
    clear_caches()
    hits = dualuse.search("thermal camera", limit=30)
    assert len({(h.list, h.code) for h in hits}) == len(hits)
    assert not [h for h in hits if h.list == "eu-2021-821" and h.code.startswith("6A003")]
    assert next(h for h in hits if h.code == "6A003").also_in == ("eu-2021-821",)
    result = dualuse.classify("uncooled thermal camera 640x512")
    entries = [c.entry for c in result.candidates]
    assert len(entries) == len(set(entries))
    top = next(c for c in result.candidates if c.entry == "6A003")
    assert (top.list, top.also_in) == ("wassenaar-2025", ("eu-2021-821",))
    # an entry the EU list alone holds is found under it, by its imported wording
    hit = dualuse.search("widget sorters")[0]
    assert (hit.code, hit.list, hit.also_in) == ("0B001.a", "eu-2021-821", ())


def test_compare_script_reports_sub_item_differences() -> None:
    import importlib.util

    from dualuse.model import Edition

    script = Path(__file__).resolve().parents[2] / "scripts" / "compare_eu_wassenaar.py"
    spec = importlib.util.spec_from_file_location("compare_eu_wassenaar", script)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    wa = ControlList(
        edition=Edition(id="wassenaar-2025", kind="official", regime="wassenaar",
                        publisher="test", title="test", date="2026-01-15", data_version="T"),
        nodes=tuple(Node(code=c, kind=k, parent=p) for c, k, p in [
            ("6", "category", None), ("6A", "group", "6"), ("6A003", "entry", "6A"),
            ("6A003.b", "sub-item", "6A003"), ("6A003.b#note1", "note", "6A003.b"),
            ("6A004", "entry", "6A")]))
    result = mod.compare(eu.read(SMALL), wa)
    assert result["shared_entries"] == 1  # 0B001, 1C350 and 2B352 are not x0xx
    assert result["differ"] == [{"entry": "6A003", "only_eu": ["6A003.a"],
                                 "only_wassenaar": ["6A003.b"], "notes_eu": 0,
                                 "notes_wassenaar": 1}]
    assert result["wassenaar_only"] == ["6A004"]
    text = mod.markdown(result, details=True)
    assert "6A003: only EU 6A003.a; only Wassenaar 6A003.b" in text
