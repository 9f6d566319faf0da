"""``dualuse check``: table, --json, --lang fr, CSV defaults, and one-line errors with exit 2
(nothing written to stdout) for malformed or inconsistent declarations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dualuse.cli.app import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "declarations"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(EXAMPLES / "export-thermal-camera-us.json"),
                         "--json", "--on", "2026-11-23")
    assert code == 0, err
    data = json.loads(out)
    assert data["verdict"] == "general-authorisation-available"
    item = data["items"][0]
    for key in ("line", "verdict", "authorisations", "legal_basis", "explanation",
                "control_status", "control_code"):
        assert key in item
    assert item["authorisations"][0]["code"] == "EU001"
    assert set(item["explanation"]) == {"en", "fr"}
    assert any(e.startswith("rules eu-2021-821") for e in data["editions"])
    assert any(e.startswith("wassenaar-2025") for e in data["editions"])


def test_check_table_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLES / "transfer-fr-de.json"), "--lang", "fr")
    assert code == 0
    assert "ligne" in out and "base juridique" in out
    assert "annexe IV" in out
    assert "Éditions" in out


def test_check_several_declarations_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLES / "batch.jsonl"), "--json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]  # one compact line each
    assert [d["reference"] for d in records] == ["B-1", "B-2", "B-3", "B-4"]
    assert [d["index"] for d in records] == [1, 2, 3, 4]


def test_check_csv_with_declaration_options(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    f = tmp_path / "lines.csv"
    f.write_text("line,description,hs_code,control_code\n1,camera,852589,6A003.b.4\n"
                 "2,coffee,090121,\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(f), "--procedure", "export", "--exporter", "fr",
                         "--destination", "cn", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["destination_country"] == "CN"
    assert [i["verdict"] for i in data["items"]] == ["licence-required", "no-licence-required"]


@pytest.mark.parametrize("content, suffix, message", [
    ('{"procedure": "export", ', ".json", "not valid JSON"),
    ("line,line\n1,2\n", ".csv", "column 'line' appears twice"),
    ("<Declaration><GoodsShipment/>", ".xml", "XML"),
    ("whatever", ".txt", "--format"),
])
def test_check_unreadable_file_one_line_exit_2(capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path, content: str, suffix: str,
                                               message: str) -> None:
    """A file that cannot be read at all: no output, one line, exit 2."""
    f = tmp_path / f"decl{suffix}"
    f.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "check", str(f), "--json")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("content, message", [
    ('{"procedure": "export", "exporter_country": "FR", "destination_country": "XX", '
     '"items": [{"line": 1}]}', "ISO 3166"),
    ('{"procedure": "export", "exporter_country": "FR", "destination_country": "DE", '
     '"items": [{"line": 1}]}', "intra-eu-transfer"),
    ('{"procedure": "transit", "exporter_country": "CN", "transit_country": "US", '
     '"destination_country": "IR", "items": [{"line": 1}]}', "not a Member State"),
    ('{"procedure": "smuggling", "exporter_country": "FR", "destination_country": "US", '
     '"items": [{"line": 1}]}', "procedure"),
    ('{"procedure": "export", "exporter_country": "FR", "destination_country": "US", '
     '"items": []}', "items"),
])
def test_check_bad_declaration_error_record_exit_2(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path, content: str,
                                                   message: str) -> None:
    """A declaration that cannot be checked: its error record on stdout, one line, exit 2."""
    f = tmp_path / "decl.json"
    f.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "check", str(f), "--json")
    assert code == 2
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert set(record) == {"reference", "index", "error"} and record["index"] == 1
    assert record["error"]["type"] == "InputError" and message in record["error"]["message"]
    assert err.count("\n") == 1 and message in err, err
    assert "Traceback" not in err


def test_check_bad_options(capsys: pytest.CaptureFixture[str]) -> None:
    f = str(EXAMPLES / "export-thermal-camera-us.json")
    for args in (("--format", "yaml"), ("--on", "yesterday"), ("--lang", "de"),
                 ("--destination", "US")):
        code, out, err = run(capsys, "check", f, *args)
        assert code == 2 and out == "" and err.count("\n") == 1, (args, err)


def test_check_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "check", str(tmp_path / "nope.json"))
    assert code == 2 and out == "" and "cannot read" in err
