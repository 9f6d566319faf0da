"""The batch contract: one record per declaration, a bad declaration in the middle gives an error
record and the others are checked (CLI and ``check_many()``), standard input, ``--fail-fast``, and
every JSON line valid against docs/schema/check-record.json."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from dualuse.cli.app import main
from dualuse.errors import InputError
from dualuse.licensing.engine import CheckFailure, CheckRecord, CheckResult, check_many

REPO = Path(__file__).resolve().parents[2]
ON = dt.date(2026, 11, 23)


def decl(ref: str, dest: str, code: str = "6A003.b.4", **extra: Any) -> dict[str, Any]:
    return {"reference": ref, "procedure": "export", "exporter_country": "FR",
            "destination_country": dest, "items": [{"line": 1, "control_code": code}], **extra}


BATCH = [decl("A", "US"), decl("B", "UK"), decl("C", "CN")]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(tmp_path: Path, rows: list[Any], name: str = "batch.jsonl") -> Path:
    f = tmp_path / name
    f.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                 encoding="utf-8")
    return f


def test_check_many_yields_an_error_record_for_the_bad_declaration_and_goes_on() -> None:
    records = list(check_many(BATCH, on=ON))
    assert [type(r) for r in records] == [CheckResult, CheckFailure, CheckResult]
    ok1, bad, ok2 = records
    assert isinstance(ok1, CheckResult) and isinstance(ok2, CheckResult)
    assert (ok1.index, ok1.verdict) == (1, "general-authorisation-available")
    assert (ok2.index, ok2.verdict) == (3, "licence-required")
    assert isinstance(bad, CheckFailure)
    assert (bad.reference, bad.index, bad.error.type, bad.error.value) == ("B", 2, "InputError",
                                                                          "UK")
    assert "did you mean GB" in bad.error.message


def test_check_many_strict_raises_at_the_first_bad_declaration() -> None:
    seen: list[str | None] = []
    with pytest.raises(InputError, match="did you mean GB"):
        for r in check_many(BATCH, on=ON, strict=True):
            seen.append(r.reference)
    assert seen == ["A"]


def test_cli_batch_with_a_bad_declaration_in_the_middle(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    f = jsonl(tmp_path, [BATCH[0], '{"reference": "X", "procedure": ', BATCH[1], BATCH[2]])
    code, out, err = run(capsys, "check", str(f), "--json", "--on", ON.isoformat())
    assert code == 2
    lines = out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["index"] for r in records] == [1, 2, 3, 4]
    assert [r.get("verdict") for r in records] == ["general-authorisation-available", None, None,
                                                   "licence-required"]
    assert records[1]["error"]["type"] == "InputError" and "line 2" in records[1]["error"][
        "message"] and "not valid JSON" in records[1]["error"]["message"]
    assert records[2] == {"reference": "B", "index": 3, "error": {
        "type": "InputError", "value": "UK", "message": records[2]["error"]["message"]}}
    assert all(" " not in line[:2] and "\n" not in line for line in lines)  # compact lines
    assert err.count("\n") == 3 and "2 of 4 declarations could not be checked" in err
    assert "Traceback" not in err


def test_cli_fail_fast_stops_at_the_first_bad_declaration(capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path) -> None:
    f = jsonl(tmp_path, BATCH)
    code, out, err = run(capsys, "check", str(f), "--json", "--fail-fast", "--on", "2026-11-23")
    assert code == 2
    assert [json.loads(x).get("reference") for x in out.splitlines()] == ["A", "B"]
    assert "--fail-fast" in err


def test_cli_table_output_goes_on_after_a_bad_declaration(capsys: pytest.CaptureFixture[str],
                                                          tmp_path: Path) -> None:
    code, out, err = run(capsys, "check", str(jsonl(tmp_path, BATCH)), "--on", "2026-11-23")
    assert code == 2
    # each good declaration as the officer's block (cli/render.py), the bad one only on stderr
    assert "A: export from France to the United States" in out
    assert "C: export from France to China" in out and "Editions:" in out
    assert "B:" not in out and out.index("A:") < out.index("C:") < out.index("Editions:")
    assert "did you mean GB" in err and "Traceback" not in err


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_check_reads_standard_input(capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, (json.dumps(BATCH[0]) + "\n" + json.dumps(BATCH[2]) + "\n").encode())
    code, out, err = run(capsys, "check", "-", "--json", "--on", "2026-11-23")
    assert code == 0, err
    assert [json.loads(x)["reference"] for x in out.splitlines()] == ["A", "C"]
    # any format with --format: an XML declaration on stdin
    xml = (REPO / "examples" / "declarations" / "transit-de-iran.xml").read_bytes()
    _stdin(monkeypatch, xml)
    code, out, err = run(capsys, "check", "-", "--format", "xml", "--json", "--on", "2026-11-23")
    assert code == 0, err
    assert json.loads(out)["procedure"] == "transit"


def test_every_json_line_matches_the_published_schema(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    f = jsonl(tmp_path, [*BATCH, decl("D", "US", "9Z999"), "[1, 2]"])
    code, out, _ = run(capsys, "check", str(f), "--json", "--on", "2026-11-23")
    assert code == 2
    lines = out.splitlines()
    assert len(lines) == 5
    adapter: TypeAdapter[CheckRecord] = TypeAdapter(CheckRecord)
    kinds = [type(adapter.validate_json(line)).__name__ for line in lines]
    assert kinds == ["CheckResult", "CheckFailure", "CheckResult", "CheckResult", "CheckFailure"]
    schema = json.loads((REPO / "docs" / "schema" / "check-record.json").read_text("utf-8"))
    assert schema["$defs"] == adapter.json_schema()["$defs"]  # the file is the model's schema
    assert {ref["$ref"] for ref in schema["anyOf"]} == {"#/$defs/CheckResult",
                                                        "#/$defs/CheckFailure"}
    try:
        import jsonschema  # type: ignore[import-untyped]
    except ImportError:
        return
    for line in lines:  # pragma: no cover - only where jsonschema is installed
        jsonschema.validate(json.loads(line), schema)


def test_unknown_fields_are_ignored_and_reported_the_same_in_json_and_xml(
        tmp_path: Path) -> None:
    from dualuse.licensing import readers

    j = jsonl(tmp_path, [decl("J", "US", colour="red") | {
        "items": [{"line": 1, "control_code": "6A003", "weight": 3}]}])
    (d,) = readers.read(j)
    assert d.unread == ("colour", "items[0].weight")
    x = tmp_path / "d.xml"
    x.write_text("<Declaration><FunctionalReferenceID>X</FunctionalReferenceID>"
                 "<GovernmentProcedure><CurrentCode>1000</CurrentCode></GovernmentProcedure>"
                 "<Exporter><Address><CountryCode>FR</CountryCode></Address></Exporter>"
                 "<Colour>red</Colour><GoodsShipment><Destination><CountryCode>US</CountryCode>"
                 "</Destination><GovernmentAgencyGoodsItem><Weight>3</Weight><Commodity>"
                 "<Classification><ID>6A003</ID><IdentificationTypeCode>ECN"
                 "</IdentificationTypeCode></Classification></Commodity>"
                 "</GovernmentAgencyGoodsItem></GoodsShipment></Declaration>", encoding="utf-8")
    (d,) = readers.read(x)
    assert d.unread == ("Declaration/Colour", "GovernmentAgencyGoodsItem/Weight")
    result = next(iter(check_many([d], on=ON, strict=True)))
    assert result.unread == d.unread
    c = tmp_path / "d.csv"  # CSV: the same policy for columns
    c.write_text("line,control_code,colour\n1,6A003,red\n", encoding="utf-8")
    (d,) = readers.read(c, defaults={"procedure": "export", "exporter_country": "FR",
                                     "destination_country": "US"})
    assert d.unread == ("colour",)


def test_an_unknown_end_use_flag_is_refused_in_json_and_xml(tmp_path: Path) -> None:
    """A misspelt red flag must not read as "no red flag": refused in both formats."""
    from dualuse.licensing import readers

    j = tmp_path / "d.json"
    j.write_text(json.dumps(decl("J", "US", end_use={"wmd_": True})), encoding="utf-8")
    with pytest.raises(InputError, match=r"end_use\.wmd_"):
        readers.read(j)
    x = tmp_path / "d.xml"
    x.write_text("<Declaration><GovernmentProcedure><CurrentCode>10</CurrentCode>"
                 "</GovernmentProcedure><Exporter><Address><CountryCode>FR</CountryCode>"
                 "</Address></Exporter><EndUse><Wmd>true</Wmd></EndUse><GoodsShipment>"
                 "<Destination><CountryCode>US</CountryCode></Destination>"
                 "<GovernmentAgencyGoodsItem/></GoodsShipment></Declaration>", encoding="utf-8")
    with pytest.raises(InputError, match="EndUse/Wmd"):
        readers.read(x)
