"""The CLI contract: exit codes, one-line errors, JSON shapes (on the fixture list)."""

from __future__ import annotations

import json

import pytest

from dualuse.cli.app import main

pytestmark = pytest.mark.usefixtures("fixture_data")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("dualuse ")
    assert "fixture-2025" in out


def test_show_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "6.A.3.b.4.", "--json")
    assert code == 0
    data = json.loads(out)
    for key in ("code", "list", "title", "text", "parents", "children", "notes", "definitions"):
        assert key in data
    assert data["code"] == "6A003.b.4"
    assert data["title"]["fr"].startswith("Caméras")
    assert [p["code"] for p in data["parents"]] == ["6", "6A", "6A003", "6A003.b"]


def test_show_text_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "6A003", "--lang", "fr")
    assert code == 0
    assert "caméra thermique" in out
    assert "texte officiel non importé" in out


@pytest.mark.parametrize("args", [("show", "6A004"), ("show", "zzz"), ("show",),
                                  ("show", "6A003", "--lang", "de"),
                                  ("lists", "import", "/nonexistent/file.pdf")])
def test_bad_input_is_one_line_exit_2(capsys: pytest.CaptureFixture[str],
                                      args: tuple[str, ...]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert "Traceback" not in err
    assert out == ""


def test_unknown_code_lists_nearest(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "6A004")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "6A003" in err


def test_eu_chemical_entry_names_the_chemical(capsys: pytest.CaptureFixture[str]) -> None:
    # 1C350.1 is an EU Annex I code, outside the Wassenaar list: say which chemical it is
    code, _, err = run(capsys, "show", "1C350.1")
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "Thiodiglycol (CAS 111-48-8)" in err and "dualuse cas 111-48-8" in err


def test_lists_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lists", "--json")
    assert code == 0
    assert json.loads(out)["editions"][0]["id"] == "fixture-2025"


def test_coverage_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lists", "coverage", "--json")
    assert code == 0
    row = json.loads(out)["lists"][0]
    for key in ("id", "entries", "entry_level", "with_title_en", "with_title_fr",
                "with_keywords_en", "with_keywords_fr", "with_hs", "with_parameters", "with_cas"):
        assert key in row
    assert row["with_hs"] == 3
