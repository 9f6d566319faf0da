"""Malformed PDFs, spreadsheets, JSON and CSV, and hostile command-line values: one line, exit 2."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import pytest

from dualuse.cli.app import main
from dualuse.errors import DualUseError


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str, float]:
    t0 = time.perf_counter()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err, time.perf_counter() - t0


def _one_line(code: int, err: str) -> None:
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def _zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))


def files(tmp_path: Path, pdf: Path) -> dict[str, Path]:
    out = {}

    def w(name: str, data: bytes) -> None:
        p = tmp_path / name
        p.write_bytes(data)
        out[name] = p

    w("truncated.pdf", pdf.read_bytes()[:150_000])
    w("garbage.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 1000)
    w("empty.csv", b"")
    w("nul.csv", b"CN code,TARIC code,dual-use entry\n8525\x00,,6A003\n")
    w("notzip.xlsx", b"PK\x03\x04 this is not a zip archive")
    bomb = tmp_path / "bomb.xlsx"
    _zip_bomb(bomb)
    out["bomb.xlsx"] = bomb
    return out


@pytest.mark.parametrize("name", ["truncated.pdf", "garbage.pdf", "empty.csv", "nul.csv",
                                  "notzip.xlsx", "bomb.xlsx"])
def test_import_refuses_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  wassenaar_pdf: Path, name: str) -> None:
    f = files(tmp_path, wassenaar_pdf)[name]
    code, _, err, seconds = run(capsys, "lists", "import", str(f))
    _one_line(code, err)
    assert seconds < 5
    from dualuse import store

    assert not any(store.lists_dir().glob("*.xml")) and not any(store.tables_dir().glob("*.json"))


@pytest.mark.parametrize("value", ["6A\x00003", "6A003\x1b[31m", "\u202e300A6", "x" * 100_000, ""])
def test_hostile_codes_on_the_command_line(capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, _, err, _seconds = run(capsys, "show", value)  # no time bound: the machine is shared
    _one_line(code, err)
    assert "\x1b" not in err and "\x00" not in err


def test_declaration_with_huge_strings(tmp_path: Path) -> None:
    from dualuse.licensing import declaration

    doc = {"procedure": "export", "exporter_country": "FR", "destination_country": "US",
           "items": [{"line": 1, "description": "x" * 10_000_000}]}
    t0 = time.perf_counter()
    with pytest.raises(DualUseError):
        declaration.read_json(json.dumps(doc), source="huge.json")
    assert time.perf_counter() - t0 < 2


@pytest.mark.parametrize("payload", [b"\xef\xbb\xbf", b"\x00\x00", b"\xff\xfe{", b"[" * 100_000])
def test_declaration_json_garbage(payload: bytes) -> None:
    from dualuse.licensing import declaration

    with pytest.raises(DualUseError):
        declaration.read_json(payload, source="bad.json")
