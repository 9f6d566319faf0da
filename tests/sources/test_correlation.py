"""EU CN/TARIC <-> Annex I correlation tables: CSV and XLSX fixtures, safety, storage, merge."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from dualuse import store
from dualuse.errors import InputError, UnsafeInput
from dualuse.hs_map import hs_lookup
from dualuse.importer import import_file
from dualuse.sources import correlation

FIXTURES = Path(__file__).parent.parent / "fixtures" / "correlation"
CSV = FIXTURES / "correlation-2025.csv"


def make_xlsx(path: Path) -> Path:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    wb = Workbook()
    ws = wb.active
    ws.append(["Correlation table (test fixture)"])
    ws.append(["CN code", "TARIC code", "Dual-use entry"])
    ws.append(["8401 20 00", "8401200000", "0B001"])
    ws.append([85423190, 8542319000, "3A001.a.2"])
    ws.append(["=SUM(1,2)", "2930700000", "1C350.1"])
    ws.append(["@evil", "", "=cmd|' /C calc'!A0"])
    wb.save(path)
    return path


def test_csv_rows() -> None:
    rows, skipped = correlation.read_table(CSV, "csv")
    assert {"cn": "29307000", "taric": "2930700000", "hs6": "293070", "entry": "1C350.1"} in rows
    assert {r["entry"] for r in rows if r["hs6"] == "854231"} == {"3A001.a.2", "3A001.a.3"}
    assert skipped == 2  # unknown HS 99, formula-looking entry cell


def test_csv_latin1(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_bytes("Code NC,Code TARIC,Rubrique double usage (annexe I)\n84012000,,0B001\n"
                  "# é\n".encode("latin-1"))
    rows, _ = correlation.read_table(p, "csv")
    assert rows == [{"cn": "84012000", "taric": "", "hs6": "840120", "entry": "0B001"}]


def test_xlsx_rows(tmp_path: Path) -> None:
    rows, skipped = correlation.read_table(make_xlsx(tmp_path / "corr-2024.xlsx"), "xlsx")
    assert [(r["hs6"], r["entry"]) for r in rows] == [
        ("840120", "0B001"), ("854231", "3A001.a.2"), ("293070", "1C350.1")]
    assert skipped == 1


def test_zip_bomb_refused(tmp_path: Path) -> None:
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(UnsafeInput):
        correlation.check_zip(p)
    with pytest.raises(UnsafeInput):
        correlation.read_table(p, "xlsx")


def test_no_header(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(InputError):
        correlation.read_table(p, "csv")


def test_import_store_and_merge(tmp_path: Path) -> None:
    src = make_xlsx(tmp_path / "correlation-2024.xlsx")
    res = import_file(src)
    assert res.kind == "correlation" and res.nodes == 3 and not res.unchanged
    doc = json.loads((store.tables_dir() / f"{res.id}.json").read_text(encoding="utf-8"))
    assert doc["edition"] == "EU CN/TARIC-Annex I correlation 2024"
    assert len(doc["source_sha256"]) == 64
    assert import_file(src).unchanged
    r = hs_lookup("8401.20")
    assert any(e.code == "0B001" and "correlation 2024" in e.why for e in r.entries)
    assert "EU CN/TARIC-Annex I correlation 2024" in r.editions


def test_import_csv_via_importer() -> None:
    res = import_file(CSV)
    assert res.format == "csv" and res.nodes == 6
