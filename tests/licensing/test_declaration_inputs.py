"""Declaration input that is unambiguous and bounded (issue 12, points 2 and 6), and the WCO Data
Model / EU customs reading: item-level procedure, EU procedure codes, ExportCountry, units and
currencies, "UK" -> GB."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from pathlib import Path

import pytest

from dualuse.cli.app import main
from dualuse.errors import InputError, UnsafeInput
from dualuse.licensing import readers
from dualuse.licensing.declaration import Declaration, from_dict
from dualuse.licensing.engine import check_many
from dualuse.licensing.procedures import procedure_of

ON = dt.date(2026, 11, 23)
HEAD = '"procedure": "export", "exporter_country": "FR", '


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- duplicate keys, columns, elements ---------------------------------------------------------
@pytest.mark.parametrize("text, key", [
    # the attacks of issue 12: a listed code cleared by its twin, a Russian destination read as US
    ('{' + HEAD + '"destination_country": "RU", "destination_country": "US", '
     '"items": [{"line": 1, "control_code": "6A003.b.4"}]}', "destination_country"),
    ('{' + HEAD + '"destination_country": "US", '
     '"items": [{"line": 1, "control_code": "6A003.b.4", "control_code": null}]}',
     "control_code"),
    ('{' + HEAD + '"destination_country": "US", "end_use": {"wmd": true}, '
     '"end_use": {"wmd": false}, "items": [{"line": 1}]}', "end_use"),
    ('{' + HEAD + '"destination_country": "US", "end_use": {"wmd": true, "wmd": false}, '
     '"items": [{"line": 1}]}', "wmd"),
])
def test_duplicate_json_keys_at_any_depth_are_refused(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path, text: str,
                                                      key: str) -> None:
    f = tmp_path / "d.json"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=f"duplicate key '{key}'") as exc:
        readers.read(f)
    assert exc.value.value == key
    code, out, err = run(capsys, "check", str(f))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and f"duplicate key '{key}'" in err
    # in JSON lines, the line's declaration is refused and the next one checked
    g = tmp_path / "d.jsonl"
    g.write_text(text + "\n" + text.replace(f'"{key}"', '"x"', 1) + "\n", encoding="utf-8")
    records = list(check_many(readers.iter_batch(g), on=ON))
    assert type(records[0]).__name__ == "CheckFailure"
    assert records[0].error.value == key  # type: ignore[union-attr]


def test_duplicate_csv_columns_are_refused(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    f = tmp_path / "d.csv"
    f.write_text("line,control_code,destination_country,control_code\n1,6A003.b.4,US,\n",
                 encoding="utf-8")
    code, out, err = run(capsys, "check", str(f), "--procedure", "export", "--exporter", "FR")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "column 'control_code' appears twice" in err
    # the same for classify --file, also through its aliases (hs and hs_code)
    g = tmp_path / "lines.csv"
    g.write_text("description,hs,hs_code\ncamera,852589,090121\n", encoding="utf-8")
    code, out, err = run(capsys, "classify", "--file", str(g))
    assert (code, out) == (2, "")
    assert "column 'hs_code' appears twice" in err


@pytest.mark.parametrize("inner, element", [
    ("<Destination><CountryCode>RU</CountryCode></Destination>"
     "<Destination><CountryCode>US</CountryCode></Destination>", "Destination"),
    ("<Destination><CountryCode>RU</CountryCode><CountryCode>US</CountryCode></Destination>",
     "CountryCode"),
    ("<Destination><CountryCode>US</CountryCode></Destination><GovernmentAgencyGoodsItem>"
     "<Commodity><Description>camera</Description><Description>coffee</Description>"
     "</Commodity></GovernmentAgencyGoodsItem>", "Description"),
])
def test_repeated_singleton_xml_elements_are_refused(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path, inner: str,
                                                     element: str) -> None:
    f = tmp_path / "d.xml"
    f.write_text("<Declaration><GovernmentProcedure><CurrentCode>1000</CurrentCode>"
                 "</GovernmentProcedure><Exporter><Address><CountryCode>FR</CountryCode>"
                 f"</Address></Exporter><GoodsShipment>{inner}<GovernmentAgencyGoodsItem/>"
                 "</GoodsShipment></Declaration>", encoding="utf-8")
    code, out, err = run(capsys, "check", str(f))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and f"<{element}> elements" in err, err


# --- caps ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "xml"])
def test_check_dev_zero_stops_with_exit_2(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.setattr(readers, "MAX_DOCUMENT_BYTES", 1 << 20)  # same code path, less memory
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 1 << 20)
    monkeypatch.setattr(readers.read_capped, "__defaults__", (1 << 20,))
    monkeypatch.setattr(readers.byte_lines, "__defaults__", (1 << 20,))
    monkeypatch.setattr(readers.text_lines, "__defaults__", (1 << 20,))
    code, out, err = run(capsys, "check", "/dev/zero", "--format", fmt)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and ("larger than" in err or "longer than" in err), err


def test_check_dev_zero_without_format_is_refused_before_reading(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "/dev/zero")
    assert (code, out) == (2, "") and "--format" in err


def test_the_real_document_cap_refuses_more_than_64_mib(tmp_path: Path) -> None:
    with pytest.raises(UnsafeInput, match="larger than 67,108,864 bytes"):
        readers.read_capped(io.BytesIO(b" " * (readers.MAX_DOCUMENT_BYTES + 1)), "big.json")


def test_csv_cell_over_131072_characters_exits_2(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    f = tmp_path / "d.csv"
    f.write_text("line,description\n1,\"" + "a" * 131_073 + "\"\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(f), "--procedure", "export", "--exporter", "FR",
                         "--destination", "US")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "longer than 131,072 characters" in err
    code, out, err = run(capsys, "classify", "--file", str(f))
    assert (code, out) == (2, "") and "longer than 131,072 characters" in err


def test_json_nesting_is_capped(tmp_path: Path) -> None:
    deep = "[" * 40 + "]" * 40
    with pytest.raises(UnsafeInput, match="nested deeper than 32"):
        readers.loads(deep, "deep.json", "deep.json")
    with pytest.raises(UnsafeInput, match="nested deeper"):
        readers.loads("[" * 100_000 + "]" * 100_000, "deeper.json", "deeper.json")


def test_items_per_declaration_are_capped_while_reading(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    monkeypatch.setattr(readers, "MAX_ITEMS", 5)
    f = tmp_path / "d.csv"
    f.write_text("line,control_code\n" + "".join(f"{i},6A003\n" for i in range(1, 9)),
                 encoding="utf-8")
    (refused,) = readers.iter_batch(f, defaults={"procedure": "export",
                                                 "exporter_country": "FR",
                                                 "destination_country": "US"})
    assert isinstance(refused, readers.Refused)
    assert "more than 5 goods items" in refused.error.message


def test_classify_file_refuses_too_many_lines_as_soon_as_it_knows(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    from dualuse import batch

    monkeypatch.setattr(batch, "MAX_LINES", 10)
    read: list[int] = []
    real = readers.text_lines

    def counting(fh, source, cap=readers.MAX_LINE_BYTES):  # type: ignore[no-untyped-def]
        for line in real(fh, source, cap):
            read.append(1)
            yield line

    monkeypatch.setattr(readers, "text_lines", counting)
    f = tmp_path / "lines.txt"
    f.write_text("thermal camera\n" * 1000, encoding="utf-8")
    code, out, err = run(capsys, "classify", "--file", str(f))
    assert (code, out) == (2, "") and "more than 10 lines" in err
    assert len(read) == 11  # stopped at the first line over the cap, not after 1,000


# --- WCO Data Model and EU procedure codes ----------------------------------------------------
WCO = """<?xml version="1.0" encoding="UTF-8"?>
<Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">
  <FunctionalReferenceID>DE-LRN-2026-1040</FunctionalReferenceID>
  <Exporter><Address><CountryCode>DE</CountryCode></Address></Exporter>
  <GoodsShipment>
    <ExportCountry><ID>NL</ID></ExportCountry>
    <Destination><CountryCode>{dest}</CountryCode></Destination>
    <Consignee><Name>Someone</Name></Consignee>
    <GovernmentAgencyGoodsItem>
      <SequenceNumeric>1</SequenceNumeric>
      <GovernmentProcedure><CurrentCode>{code1}</CurrentCode></GovernmentProcedure>
      <GovernmentProcedure><CurrentCode>1CG</CurrentCode></GovernmentProcedure>
      <Commodity>
        <Description>Uncooled thermal imaging camera core</Description>
        <Classification><ID>85258900</ID><IdentificationTypeCode>TSP</IdentificationTypeCode>
        </Classification>
        <Classification><ID>6A003.b.4</ID><IdentificationTypeCode>ECN</IdentificationTypeCode>
        </Classification>
        <ValueAmount currencyID="EUR">48000</ValueAmount>
      </Commodity>
      <GoodsMeasure><TariffQuantity unitCode="NAR">12</TariffQuantity></GoodsMeasure>
    </GovernmentAgencyGoodsItem>
    <GovernmentAgencyGoodsItem>
      <SequenceNumeric>2</SequenceNumeric>
      <GovernmentProcedure><CurrentCode>{code2}</CurrentCode><PreviousCode>{prev2}</PreviousCode>
      </GovernmentProcedure>
      <Commodity><Description>Roasted coffee</Description>
        <Classification><ID>090121</ID><IdentificationTypeCode>HS</IdentificationTypeCode>
        </Classification></Commodity>
    </GovernmentAgencyGoodsItem>
  </GoodsShipment>
</Declaration>
"""


def test_wco_dm_item_level_procedure_1040(tmp_path: Path) -> None:
    f = tmp_path / "d.xml"
    f.write_text(WCO.format(dest="CN", code1="1040", code2="10", prev2="40"), encoding="utf-8")
    (d,) = readers.read(f)
    assert (d.procedure, d.procedure_code) == ("export", "1040")
    assert (d.exporter_country, d.export_country, d.destination_country) == ("DE", "NL", "CN")
    one, two = d.items
    assert (one.procedure_code, two.procedure_code) == ("1040", "1040")
    assert (str(one.quantity), one.quantity_unit, str(one.value), one.value_currency) == (
        "12", "NAR", "48000", "EUR")
    assert d.unread == ("GoodsShipment/Consignee",)
    (r,) = check_many([d], on=ON, strict=True)
    assert [i.verdict for i in r.items] == ["licence-required", "no-licence-required"]
    assert r.unread == ("GoodsShipment/Consignee",)


def test_wco_dm_re_export_3151_and_mixed_procedures(tmp_path: Path) -> None:
    f = tmp_path / "d.xml"
    f.write_text(WCO.format(dest="US", code1="3151", code2="31", prev2="71"), encoding="utf-8")
    (d,) = readers.read(f)
    assert (d.procedure, d.procedure_code) == ("re-export", None)  # two codes, one procedure
    f.write_text(WCO.format(dest="US", code1="1000", code2="31", prev2="51"), encoding="utf-8")
    with pytest.raises(InputError, match="separate declarations"):
        readers.read(f)
    f.write_text(WCO.format(dest="US", code1="4000", code2="10", prev2="00"), encoding="utf-8")
    with pytest.raises(InputError, match="not an export"):
        readers.read(f)


@pytest.mark.parametrize("code, procedure", [
    ("1000", "export"), ("1040", "export"), ("1021", "export"), ("1007", "export"),
    ("1100", "export"), ("2100", "export"), ("2200", "export"), ("2300", "export"),
    ("3151", "re-export"), ("3153", "re-export"), ("3171", "re-export"), ("3178", "re-export"),
    ("10", "export"), ("31", "re-export"), ("transit", "transit"), (" Export ", "export"),
    ("intra-eu-transfer", "intra-eu-transfer"),
])
def test_eu_procedure_codes_map_to_dual_use_procedures(code: str, procedure: str) -> None:
    assert procedure_of(code) == procedure


@pytest.mark.parametrize("code, message", [
    ("4000", "not an export"), ("5100", "inward processing"), ("7100", "customs warehousing"),
    ("6110", "re-import"), ("1099", "previous procedure 99"), ("9999", "EU procedure code"),
    ("10000", "EU procedure code"), ("smuggling", "EU procedure code"),
])
def test_other_procedure_codes_are_refused(code: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        procedure_of(code)


def test_json_takes_the_same_codes_and_item_level_procedures() -> None:
    base = {"exporter_country": "FR", "destination_country": "US"}
    d = from_dict({**base, "procedure": "2100", "items": [{"line": 1, "control_code": "6A003"}]})
    assert (d.procedure, d.procedure_code) == ("export", "2100")
    d = from_dict({**base, "items": [{"line": 1, "procedure_code": "3171"},
                                     {"line": 2, "procedure_code": "3151"}]})
    assert d.procedure == "re-export"
    with pytest.raises(InputError, match="separate declarations"):
        from_dict({**base, "items": [{"line": 1, "procedure_code": "1000"},
                                     {"line": 2, "procedure_code": "3151"}]})
    with pytest.raises(InputError, match="is re-export, the declaration is export"):
        from_dict({**base, "procedure": "export",
                   "items": [{"line": 1, "procedure_code": "3151"}]})
    d = from_dict({"export_country": "fr", "destination_country": "us", "procedure": "1000",
                   "items": [{"line": 1, "value": "10", "value_currency": "eur",
                              "quantity": 2, "quantity_unit": "kgm"}]})
    assert (d.exporter_country, d.items[0].value_currency, d.items[0].quantity_unit) == (
        "FR", "EUR", "KGM")
    with pytest.raises(InputError, match="ISO 4217"):
        from_dict({**base, "procedure": "export",
                   "items": [{"line": 1, "value": 1, "value_currency": "euro"}]})
    assert Declaration.model_json_schema()["properties"]["unread"]["default"] == []


@pytest.mark.parametrize("given, hint", [("UK", "GB"), ("uk", "GB"), ("EL", "GR"),
                                         ("XI", "GB")])
def test_common_non_iso_country_codes_get_a_hint(given: str, hint: str) -> None:
    with pytest.raises(InputError, match=f"did you mean {hint}") as exc:
        from_dict({"procedure": "export", "exporter_country": "FR",
                   "destination_country": given, "items": [{"line": 1}]})
    assert exc.value.value == given


def test_stdin_is_bounded_too(capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers.byte_lines, "__defaults__", (1000,))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"{" + b" " * 5000)))
    code, out, err = run(capsys, "check", "-")
    assert (code, out) == (2, "") and "line 1 longer than 1,000 bytes" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(
        {"procedure": "export"}).encode() + b"\n")))
    code, out, err = run(capsys, "check", "-", "--json")
    assert code == 2 and json.loads(out)["error"]["type"] == "InputError"
