"""The European Commission's correlation table between CN/TARIC codes and Annex I entries.

The table is published yearly as a spreadsheet with (at least) three columns: CN code, TARIC code
and dual-use entry. We read XLSX (openpyxl, read-only, values only, after checking the archive's
uncompressed size) and CSV (UTF-8 with or without BOM, Latin-1 fallback, ``,`` ``;`` or tab). Cell
contents are only ever data: a cell starting with ``=`` ``+`` ``-`` or ``@`` is read as text and,
not being a code, skipped. The result is stored as JSON in ``store.tables_dir()`` with its
edition name and the source file's SHA-256, and merged into :func:`dualuse.hs_map.hs_lookup`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dualuse.codes import control
from dualuse.codes import hs as hs_codes
from dualuse.errors import InputError, UnsafeInput

if TYPE_CHECKING:
    from dualuse.importer import ImportResult

Progress = Callable[[int, int], None]

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # all members of the XLSX together
MAX_MEMBERS = 2000
MAX_RATIO = 200  # uncompressed / compressed, per member
MAX_ROWS = 500_000
MAX_CSV_BYTES = 100 * 1024 * 1024

_ENTRY_SPLIT = re.compile(r"[,;/\n]+|\s{2,}|\s+(?:and|et)\s+")
_HEADER = {
    "cn": re.compile(r"\b(cn|nc)\b|combined nomenclature|nomenclature combin", re.I),
    "taric": re.compile(r"taric", re.I),
    "entry": re.compile(r"dual|double|annex|annexe|entry|rubrique|control|item", re.I),
}


def check_zip(path: Path) -> None:
    """Refuse archives whose members would expand beyond sane limits (zip bombs)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"{str(path)!r}: not a readable XLSX archive ({exc})",
                         value=str(path)) from None
    if len(infos) > MAX_MEMBERS:
        raise UnsafeInput(f"{str(path)!r}: {len(infos)} archive members (limit {MAX_MEMBERS})",
                          value=str(path))
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise UnsafeInput(f"{str(path)!r}: expands to {total} bytes (limit {MAX_UNCOMPRESSED})",
                          value=str(path))
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise UnsafeInput(f"{str(path)!r}: member {i.filename!r} compressed "
                              f"{i.file_size // max(i.compress_size, 1)}:1", value=str(path))
    _check_members_xml(path, infos)


def _check_members_xml(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive whose XML parts declare a DOCTYPE or entities (whatever their
    encoding): the spreadsheet reader must never see one."""
    from dualuse import xmlsafe

    try:
        with zipfile.ZipFile(path) as zf:
            for i in infos:
                if not i.filename.lower().endswith((".xml", ".rels", ".vml")):
                    continue
                with zf.open(i) as fh:
                    declared = xmlsafe.stream_has_declarations(fh)
                if declared:
                    raise UnsafeInput(f"{str(path)!r}: member {i.filename!r} has a DOCTYPE or "
                                      f"entity declarations: refused", value=str(path))
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, zlib.error) as exc:
        raise InputError(f"{str(path)!r}: not a readable XLSX archive ({exc})",
                         value=str(path)) from None


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    check_zip(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(f"{str(path)!r}: cannot read the spreadsheet ({type(exc).__name__})",
                         value=str(path)) from None
    try:
        for ws in wb.worksheets:
            if hasattr(ws, "reset_dimensions"):  # count rows from the data, not <dimension>
                ws.reset_dimensions()
            rows = ws.iter_rows(values_only=True)
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    break
                except Exception as exc:  # a malformed sheet is bad input, not our crash
                    raise InputError(f"{str(path)!r}: cannot read the spreadsheet "
                                     f"({type(exc).__name__})", value=str(path)) from None
                yield ["" if v is None else _cell(v) for v in row]
    finally:
        wb.close()


def _cell(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _csv_rows(path: Path) -> Iterator[list[str]]:
    raw = path.read_bytes()
    if len(raw) > MAX_CSV_BYTES:
        raise UnsafeInput(f"{str(path)!r}: {len(raw)} bytes (limit {MAX_CSV_BYTES})",
                          value=str(path))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    sample = text[:4096]
    delim = max((";", ",", "\t"), key=sample.count)
    yield from csv.reader(io.StringIO(text), delimiter=delim)


def _find_header(rows: Iterable[list[str]]) -> tuple[dict[str, int], Iterator[list[str]]]:
    it = iter(rows)
    for _, row in zip(range(50), it, strict=False):
        cols: dict[str, int] = {}
        for i, cell in enumerate(row):
            c = cell.strip()
            for key in ("taric", "cn", "entry"):
                if key not in cols and _HEADER[key].search(c) and \
                        not (key == "cn" and _HEADER["taric"].search(c)):
                    cols[key] = i
                    break
        if "entry" in cols and ("cn" in cols or "taric" in cols):
            return cols, it
    raise InputError("no header row with CN code / TARIC code / dual-use entry columns found "
                     "in the first 50 rows")


def _digits(cell: str) -> str:
    s = cell.strip()
    if not s or s[0] in "=+-@":
        return ""
    d = re.sub(r"[\s.]", "", s)
    return d if d.isdigit() else ""


_EU_CODE = re.compile(r"^(?:\d[A-E]\d{3}|ML\d{1,2})(?:\.[0-9A-Za-z]{1,3})*$")


def _entry(cell: str) -> str:
    """A control code from a cell: our canonical form, or the EU's own spelling (1C350.1)."""
    if control.is_valid(cell):
        return control.normalise(cell)
    c = cell.strip().rstrip(".")
    if _EU_CODE.match(c):
        head, _, rest = c.partition(".")
        return head.upper() + (f".{rest.lower()}" if rest else "")
    return ""


def parse_rows(rows: Iterable[list[str]]) -> tuple[list[dict[str, str]], int]:
    """(rows kept, rows skipped) from raw spreadsheet rows."""
    cols, it = _find_header(rows)
    kept: list[dict[str, str]] = []
    skipped = 0
    for n, row in enumerate(it):
        if n >= MAX_ROWS:
            raise UnsafeInput(f"more than {MAX_ROWS} rows")

        def get(key: str, row: list[str] = row) -> str:
            i = cols.get(key)
            return row[i] if i is not None and i < len(row) else ""

        cn, taric, entry_cell = _digits(get("cn")), _digits(get("taric")), get("entry").strip()
        if not any(c.strip() for c in row):
            continue
        root = cn or taric
        hs6 = root[:6] if len(root) >= 6 else ""
        entries = [] if entry_cell[:1] in ("=", "+", "-", "@") else \
            [e.strip() for e in _ENTRY_SPLIT.split(entry_cell) if e.strip()]
        good = [g for g in (_entry(e) for e in entries) if g]
        if not hs6 or not hs_codes.is_valid(hs6) or not good:
            skipped += 1
            continue
        for e in good:
            kept.append({"cn": cn[:8], "taric": taric, "hs6": hs6, "entry": e})
    return kept, skipped


def read_table(path: Path, fmt: str) -> tuple[list[dict[str, str]], int]:
    rows = _xlsx_rows(path) if fmt == "xlsx" else _csv_rows(path)
    return parse_rows(rows)


def edition_name(path: Path) -> str:
    year = re.search(r"(19|20)\d\d", path.stem)
    return f"EU CN/TARIC-Annex I correlation {year.group(0)}" if year else \
        f"EU CN/TARIC-Annex I correlation ({path.stem})"


def import_table(path: Path, fmt: str, progress: Progress | None = None) -> ImportResult:
    """Read, check and store a correlation table; returns an ``ImportResult``."""
    from dualuse import store
    from dualuse.importer import ImportResult, sha256_file

    started = time.perf_counter()
    path = Path(path)
    if fmt not in ("xlsx", "csv"):
        raise InputError(f"{str(path)!r}: a correlation table must be XLSX or CSV, not {fmt}",
                         value=str(path))
    sha = sha256_file(path)
    rows, skipped = read_table(path, fmt)
    if progress is not None:
        progress(1, 1)
    if not rows:
        raise InputError(f"{str(path)!r}: no row with a valid CN/TARIC code and dual-use entry",
                         value=str(path))
    name = edition_name(path)
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:60].strip("-") or "table"
    ident = store.safe_name("correlation-" + slug, "table id")
    target = store.tables_dir() / f"{ident}.json"
    doc = {"kind": "correlation", "id": ident, "edition": name, "source_file": path.name,
           "source_sha256": sha, "format": fmt, "rows": rows, "skipped": skipped}
    unchanged = False
    with store.locked():
        if target.is_file():
            try:
                old = json.loads(target.read_text(encoding="utf-8"))
                unchanged = old.get("source_sha256") == sha
            except (OSError, ValueError):
                unchanged = False
        if not unchanged:
            data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
            store.atomic_write(target, data)
    return ImportResult(id=ident, kind="correlation", format=fmt, path=str(target),
                        source_sha256=sha, nodes=len(rows), unchanged=unchanged,
                        seconds=round(time.perf_counter() - started, 2))
