"""Imports that cannot quietly change the law, and bounded imports (issue 12, points 4, 6, 7).

Every case goes through ``dualuse lists import``: refused with one line and exit 2 (writing
nothing), or accepted and labelled for what it is. Small PDFs and spreadsheets are written here
in their real formats; the official PDF is used where the case is about it (``real_data``).
"""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
import zlib
from pathlib import Path

import pytest

from dualuse import store
from dualuse.cli.app import main
from dualuse.sources import known
from dualuse.sources.canonical_xml import read_xml, to_bytes

FIXTURE = Path(__file__).parents[1] / "fixtures" / "data" / "control_lists" / "fixture" / "2025" / \
    "fixture.xml"
WA_SHA = "1a92a954dc51211f6f39a8780525248d0338bc116a23f80164e2aa6541be43fb"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refused(code: int, err: str) -> None:
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def stored() -> list[Path]:
    d = store.lists_dir()
    return sorted(d.glob("*.xml")) if d.is_dir() else []


def fixture_edition(tmp_path: Path, name: str = "edition.xml", **edition: object) -> Path:
    cl = read_xml(FIXTURE)
    ed = cl.edition.model_copy(update={"id": "wassenaar-2025", "kind": "official", **edition})
    p = tmp_path / name
    p.write_bytes(to_bytes(cl.model_copy(update={"edition": ed})))
    return p


def retire_entries(xml: bytes) -> bytes:
    """Mark every entry not used since 2025 (the forged "official" file of the issue)."""
    return re.sub(rb'(<node code="[^"]+" parent="[^"]+" kind="entry" position="\d+")'
                  rb'(?![^>]*notUsedSince)', rb'\1 notUsedSince="2025"', xml)


# --- tiny PDFs in the real format --------------------------------------------------------------
def pdf(lines: list[tuple[float, float, str]], extra: bytes = b"") -> bytes:
    """A one-page PDF printing ``lines`` (x, y, text) in Helvetica, plus ``extra`` objects."""
    ops = "".join(f"BT /F1 9 Tf {x} {y} Td ({t}) Tj ET\n" for x, y, t in lines).encode()
    objs = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
            b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
            b"/Resources<</Font<</F1 5 0 R>>>>>>",
            b"<</Length %d>>stream\n" % len(ops) + ops + b"\nendstream",
            b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    out = b"%PDF-1.4\n"
    for i, body in enumerate(objs, 1):
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    return out + extra + b"trailer<</Root 1 0 R/Size 6>>\n%%EOF\n"


def flate_bomb(inflated: int) -> bytes:
    """A stream object whose Flate data inflates to ``inflated`` zero bytes."""
    c = zlib.compressobj(9)
    block = b"\0" * (1 << 20)
    data = b"".join(c.compress(block) for _ in range(inflated >> 20)) + c.flush()
    return (b"6 0 obj\n<</Length %d/Filter/FlateDecode>>stream\n" % len(data) + data
            + b"\nendstream\nendobj\n")


FAKE_WA = [(72, 800, "Wassenaar Arrangement"), (72, 700, "1. A. 1. Foo"),
           (72, 40, "WA-LIST (25) 1 Corr."), (300, 40, "- 1 - 15-01-2026")]


@pytest.mark.parametrize("year", ["25", "31"])
def test_fake_tiny_pdf_claiming_to_be_the_list_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str) -> None:
    f = tmp_path / "fake.pdf"
    f.write_bytes(pdf([(x, y, t.replace("(25)", f"({year})")) for x, y, t in FAKE_WA]))
    assert f.stat().st_size < 1000
    code, _, err = run(capsys, "lists", "import", str(f))
    refused(code, err)
    assert "refused without --force" in err and "entry codes" in err
    assert not stored()


def test_pdf_with_an_impossible_date_is_bad_input(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bad-date.pdf"
    f.write_bytes(pdf([*FAKE_WA[:3], (300, 40, "- 1 - 31-02-2026")]))
    code, _, err = run(capsys, "lists", "import", str(f))
    refused(code, err)
    assert "internal error" not in err and not stored()


def test_pdf_flate_bomb_is_refused_before_pdfium(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "bomb.pdf"
    f.write_bytes(pdf(FAKE_WA, extra=flate_bomb(200 << 20)))
    assert f.stat().st_size < 2_000_000
    code, _, err = run(capsys, "lists", "import", str(f))
    refused(code, err)
    assert "decompression bomb" in err and not stored()


@pytest.mark.parametrize("name", [b"LZWDecode", b"ASCIIHexDecode", b"Flat#65Decode"])
def test_pdf_filters_that_could_hide_a_bomb_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: bytes) -> None:
    f = tmp_path / "filter.pdf"
    f.write_bytes(pdf(FAKE_WA, extra=b"6 0 obj\n<</Length 2/Filter/" + name
                      + b">>stream\nab\nendstream\nendobj\n"))
    code, _, err = run(capsys, "lists", "import", str(f))
    refused(code, err)
    assert "filter" in err


@pytest.mark.real_data
@pytest.mark.parametrize("at", [0.2, 0.5, 0.8])
def test_pdf_with_flipped_bytes_is_bad_input_or_unverified(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], wassenaar_pdf: Path,
        at: float) -> None:
    data = bytearray(wassenaar_pdf.read_bytes())
    start = int(len(data) * at)
    for i in range(start, start + 256):
        data[i] ^= 0x5A
    f = tmp_path / "flipped.pdf"
    f.write_bytes(bytes(data))
    code, out, err = run(capsys, "lists", "import", "--json", str(f))
    assert code in (0, 2), err
    if code == 2:
        refused(code, err)
    else:  # pdfium read past the damage: the import is then not the known file
        assert json.loads(out)["verified"] is False


# --- canonical XML ---------------------------------------------------------------------------
def test_forged_edition_retiring_entries_needs_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture_data: Path) -> None:
    first = fixture_edition(tmp_path)
    assert run(capsys, "lists", "import", "--force", str(first))[0] == 0
    before = stored()[0].read_bytes()
    forged = tmp_path / "forged.xml"
    forged.write_bytes(retire_entries(first.read_bytes()))
    code, _, err = run(capsys, "lists", "import", str(forged))
    refused(code, err)
    assert re.search(r"marks 3 entries not used .*\(e\.g\. 6A003\)", err)
    assert stored()[0].read_bytes() == before
    code, _, err = run(capsys, "lists", "import", "--force", str(forged))
    assert code == 0 and "accepted with --force: marks 3 entries not used" in err


def test_xml_claiming_the_official_checksum_is_stored_as_unverified(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture_data: Path) -> None:
    claim = fixture_edition(tmp_path, source_sha256=WA_SHA,
                            source_file="List-of-Dual-Use-Goods-and-Technologies-and-ML-2025-"
                                        "Corr.pdf")
    code, out, err = run(capsys, "lists", "import", "--force", "--json", str(claim))
    assert code == 0, err
    own = hashlib.sha256(claim.read_bytes()).hexdigest()
    assert json.loads(out)["source_sha256"] == own and json.loads(out)["verified"] is False
    code, out, _ = run(capsys, "lists", "--json")
    ed = next(e for e in json.loads(out)["editions"] if e["kind"] == "official")
    assert ed["source_sha256"] == own and ed["verified"] is False
    assert "unverified source" in ed["label"]
    code, out, _ = run(capsys, "classify", "thermal camera", "--json")
    assert code == 0 and "unverified source" in out


def test_xml_with_a_duplicated_code_is_refused_and_the_store_stays_usable(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture_data: Path) -> None:
    src = fixture_edition(tmp_path).read_bytes()
    dup = tmp_path / "dup.xml"
    dup.write_bytes(src.replace(b'<node code="6A003.b" ', b'<node code="6A003" ', 1))
    code, _, err = run(capsys, "lists", "import", "--force", str(dup))
    refused(code, err)
    assert "6A003" in err and not stored()
    assert run(capsys, "lists")[0] == 0


def test_xml_with_an_invalid_code_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture_data: Path) -> None:
    src = fixture_edition(tmp_path).read_bytes()
    bad = tmp_path / "bad.xml"
    bad.write_bytes(src.replace(b'code="6A003.b"', b'code="6A003.b!!"').replace(
        b'parent="6A003.b"', b'parent="6A003.b!!"'))
    code, _, err = run(capsys, "lists", "import", "--force", str(bad))
    refused(code, err)
    assert "invalid control code" in err and not stored()


@pytest.mark.real_data
def test_replacing_the_verified_edition_needs_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], wassenaar_pdf: Path) -> None:
    code, out, err = run(capsys, "lists", "import", "--json", str(wassenaar_pdf))
    assert code == 0, err
    assert json.loads(out)["verified"] is True and json.loads(out)["source_sha256"] == WA_SHA
    assert known.verified("wassenaar-2025", WA_SHA)
    official = stored()[0].read_bytes()
    forged = tmp_path / "forged.xml"
    forged.write_bytes(retire_entries(official))
    code, _, err = run(capsys, "lists", "import", str(forged))
    refused(code, err)
    assert "replaces the verified official source" in err and "entries not used" in err
    assert stored()[0].read_bytes() == official
    code, out, _ = run(capsys, "lists", "--json")
    assert all(e["verified"] for e in json.loads(out)["editions"] if e["kind"] == "official")
    assert "unverified" not in out


# --- spreadsheets ----------------------------------------------------------------------------
def xlsx(path: Path, rows: int, *, dimension: str | None = None, doctype: bool = False,
         encoding: str = "utf-8") -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped]

    wb = Workbook()
    ws = wb.active
    ws.append(["CN code", "TARIC code", "Dual-use entry"])
    for i in range(rows):
        ws.append([f"8525 89 {i % 100:02d}", "", "6A003.b.4"])
    raw = path.with_suffix(".tmp.xlsx")
    wb.save(raw)
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                if dimension:
                    data = re.sub(rb'<dimension ref="[^"]+"', f'<dimension ref="{dimension}"'
                                  .encode(), data)
                if doctype:
                    data = (b'<!DOCTYPE x [<!ENTITY e "e">]>' + data.split(b"?>", 1)[-1])
                    data = data.decode("utf-8").encode(encoding)
            dst.writestr(info, data)
    raw.unlink()


def test_xlsx_rows_are_counted_from_the_data_not_the_dimension(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "correlation-2025.xlsx"
    xlsx(f, 51, dimension="A1:C2")
    code, out, err = run(capsys, "lists", "import", "--json", str(f))
    assert code == 0, err
    assert json.loads(out)["nodes"] == 51


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xlsx_with_a_doctype_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        encoding: str) -> None:
    f = tmp_path / "correlation-2025.xlsx"
    xlsx(f, 3, doctype=True, encoding=encoding)
    code, _, err = run(capsys, "lists", "import", str(f))
    refused(code, err)
    assert "DOCTYPE" in err
    assert not store.tables_dir().is_dir() or not any(store.tables_dir().iterdir())
