"""Declaration files: JSON, JSON lines and CSV (XML: :mod:`dualuse.licensing.wco`), from a path or
standard input (``-``), bounded and unambiguous.

- **Bounded**: a JSON or XML document is read up to ``MAX_DOCUMENT_BYTES``, a line of JSON lines or
  CSV up to ``MAX_LINE_BYTES``, a CSV cell up to ``MAX_CELL_CHARS``, JSON nesting up to
  ``MAX_JSON_DEPTH``, a declaration up to ``MAX_ITEMS`` goods items; past a cap the reader stops
  before reading further and raises ``UnsafeInput`` (``docs/security.md``). JSON lines and CSV
  stream: memory does not grow with the number of declarations.
- **Unambiguous**: a JSON key twice in one object (at any depth) and a CSV column twice are
  refused, naming the key: the last value silently winning could release a listed item.
- **Per declaration**: :func:`iter_batch` yields a :class:`Refused` for a declaration that cannot
  be read or validated and goes on; :func:`iter_declarations` and :func:`read` raise at the first.

JSON parsing and the JSON / JSON lines formats are in :mod:`dualuse.licensing.json_declarations`
(their names are re-exported here); this module reads files and standard input, and CSV.
"""

from __future__ import annotations

import contextlib
import csv
import io
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any

from dualuse.errors import DualUseError, InputError, UnsafeInput
from dualuse.licensing.declaration import (
    MAX_ITEMS,
    Declaration,
    Format,
    Refused,
    reference_of,
)
from dualuse.licensing.json_declarations import MAX_JSON_DEPTH as MAX_JSON_DEPTH
from dualuse.licensing.json_declarations import _one, _strict
from dualuse.licensing.json_declarations import json_batch as json_batch
from dualuse.licensing.json_declarations import jsonl_batch as jsonl_batch
from dualuse.licensing.json_declarations import loads as loads
from dualuse.licensing.json_declarations import read_json as read_json
from dualuse.licensing.json_declarations import read_jsonl as read_jsonl

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
MAX_LINE_BYTES = 32 * 1024 * 1024
MAX_CELL_CHARS = 131_072
FORMATS: tuple[str, ...] = ("json", "jsonl", "csv", "xml")


def detect_format(path: str | Path) -> Format:
    if str(path) == "-":
        return "jsonl"  # standard input: one declaration per line unless --format says otherwise
    suffix = Path(path).suffix.lower()
    fmt = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
           ".xml": "xml"}.get(suffix)
    if fmt is None:
        raise InputError(f"{path}: cannot tell the format from the extension {suffix!r}; "
                         f"use --format json|jsonl|csv|xml", value=str(path))
    return fmt  # type: ignore[return-value]


# --- bounded input -----------------------------------------------------------------------------
@contextlib.contextmanager
def open_input(path: str | Path) -> Iterator[tuple[IO[bytes], str]]:
    """The bytes of ``path`` (``-``: standard input) and the name to quote in messages."""
    if str(path) == "-":
        buffer = getattr(sys.stdin, "buffer", None)
        if buffer is None:  # a text stream without bytes beneath (embedding, tests): capped
            buffer = io.BytesIO(sys.stdin.read(MAX_DOCUMENT_BYTES + 1).encode("utf-8"))
        yield buffer, "stdin"
        return
    p = Path(path)
    try:
        fh = p.open("rb")
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})", value=str(p)) from None
    with fh:
        yield fh, str(p)


def read_capped(fh: IO[bytes], source: str, cap: int = MAX_DOCUMENT_BYTES) -> bytes:
    """At most ``cap`` bytes; one more means the input is refused (``/dev/zero`` included)."""
    try:
        data = fh.read(cap + 1)
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror})", value=source) from None
    if len(data) > cap:
        raise UnsafeInput(f"{source}: larger than {cap:,} bytes; split it (JSON lines or CSV "
                          f"stream without limit)", value=source)
    return data


def byte_lines(fh: IO[bytes], source: str, cap: int = MAX_LINE_BYTES) -> Iterator[bytes]:
    """Lines of at most ``cap`` bytes each, read one at a time."""
    n = 0
    while True:
        try:
            raw = fh.readline(cap + 1)
        except OSError as exc:
            raise InputError(f"{source}: cannot read ({exc.strerror})", value=source) from None
        if not raw:
            return
        n += 1
        if len(raw) > cap:
            raise UnsafeInput(f"{source}: line {n} longer than {cap:,} bytes", value=n)
        yield raw[3:] if n == 1 and raw.startswith(b"\xef\xbb\xbf") else raw


def text_lines(fh: IO[bytes], source: str, cap: int = MAX_LINE_BYTES) -> Iterator[str]:
    for n, raw in enumerate(byte_lines(fh, source, cap), start=1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{source}: line {n}: not UTF-8 text", value=n) from None


# --- files ---------------------------------------------------------------------------------------
def iter_batch(path: str | Path, *, format: Format | None = None,
               defaults: Mapping[str, Any] | None = None) -> Iterator[Declaration | Refused]:
    """Stream the declarations of a file (``-``: standard input): a :class:`Refused` for each one
    that cannot be read or validated; ``InputError`` only when the file itself is unusable."""
    from dualuse.licensing import wco

    fmt = format or detect_format(path)
    with open_input(path) as (fh, source):
        if fmt == "xml":
            yield from wco.xml_batch(read_capped(fh, source), source=source)
        elif fmt == "json":
            yield from json_batch(read_capped(fh, source), source=source)
        elif fmt == "jsonl":
            yield from jsonl_batch(_decoded(fh, source), source=source)
        elif fmt == "csv":
            yield from csv_batch(text_lines(fh, source), source=source, defaults=defaults)
        else:
            raise InputError(f"--format {fmt!r}: expected {', '.join(FORMATS)}", value=fmt)


read_declarations = iter_batch  # the public name (``dualuse.read_declarations``)


def _decoded(fh: IO[bytes], source: str) -> Iterator[str]:
    """JSON lines: a line that is not UTF-8 becomes a refused declaration, not the end."""
    for raw in byte_lines(fh, source):
        yield raw.decode("utf-8", errors="replace")


def iter_declarations(path: str | Path, *, format: Format | None = None,
                      defaults: Mapping[str, Any] | None = None) -> Iterator[Declaration]:
    """Stream declarations from a file; ``InputError`` at the first bad one."""
    return (_strict(x) for x in iter_batch(path, format=format, defaults=defaults))


def read(path: str | Path, *, format: Format | None = None,
         defaults: Mapping[str, Any] | None = None) -> list[Declaration]:
    """Every declaration of a file, all validated before any is returned (nothing partial)."""
    return list(iter_declarations(path, format=format, defaults=defaults))


# --- CSV: one row per goods item ------------------------------------------------------------------
CSV_DECLARATION = ("reference", "procedure", "exporter_country", "export_country",
                   "destination_country", "transit_country", "documents", "end_use_wmd",
                   "end_use_military", "end_use_cyber_surveillance",
                   "end_use_informed_by_authority")
CSV_ITEM = ("line", "description", "hs_code", "control_code", "cas", "quantity", "quantity_unit",
            "value", "value_currency", "procedure_code")
_TRUE = {"1", "true", "yes", "y", "x", "oui", "vrai"}
_FALSE = {"", "0", "false", "no", "n", "non", "faux"}


def csv_header(fieldnames: Iterable[str] | None, source: str,
               rename: Callable[[str], str] | None = None) -> list[str]:
    """Stripped (and ``rename``d) column names; a column twice, or an unknown ``end_use_*``
    column, is refused."""
    header = [(rename or str.strip)(h.strip()) for h in (fieldnames or [])]
    if not header:
        raise InputError(f"{source}: empty CSV (no header row)", value=source)
    seen: set[str] = set()
    for h in header:
        if h in seen:
            raise InputError(f"{source}: column {h!r} appears twice: refused, since which value "
                             f"is meant is ambiguous", value=h)
        seen.add(h)
        if h.startswith("end_use_") and h not in CSV_DECLARATION:
            raise InputError(f"{source}: column {h!r}: unknown end-use indicator", value=h)
    return header


def csv_rows(lines: Iterable[str], source: str, rename: Callable[[str], str] | None = None
             ) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(row number, row)`` of a CSV with a checked header; a cell over the cap is refused."""
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.DictReader(lines)
    try:
        reader.fieldnames = csv_header(reader.fieldnames, source, rename)
        for rowno, row in enumerate(reader, start=2):
            if None in row:
                raise InputError(f"{source}: row {rowno}: more fields than header columns",
                                 value=rowno)
            yield rowno, row
    except csv.Error as exc:
        line = reader.line_num
        if "field larger than field limit" in str(exc):
            raise UnsafeInput(f"{source}: line {line}: a cell longer than {MAX_CELL_CHARS:,} "
                              f"characters", value=line) from None
        raise InputError(f"{source}: line {line}: malformed CSV ({exc})", value=line) from None


def csv_batch(lines: Iterable[str], *, source: str = "input",
              defaults: Mapping[str, Any] | None = None) -> Iterator[Declaration | Refused]:
    """Rows with the same ``reference`` (consecutive) form one declaration; without a
    ``reference`` column the whole file is one declaration. A bad row refuses its declaration."""
    base = {k: v for k, v in (defaults or {}).items() if v is not None}
    bad = [k for k in base if k not in CSV_DECLARATION]
    if bad:
        raise InputError(f"{source}: {bad[0]!r} is not a declaration field", value=bad[0])
    group = _Group(base, source)
    count = 0
    for rowno, row in csv_rows(lines, source):
        if not any((v or "").strip() for v in row.values()):
            continue
        decl = dict(base)
        for k in CSV_DECLARATION:
            v = (row.get(k) or "").strip()
            if v:
                decl[k] = v
        if group.started and decl.get("reference") != group.decl.get("reference"):
            count += 1
            yield group.close(count, rowno - 1)
            group = _Group(base, source)
        group.add(decl, row, rowno)
    if not group.started:
        raise InputError(f"{source}: no goods item rows", value=source)
    yield group.close(count + 1, None)


def read_csv(lines: Iterable[str], *, source: str = "input",
             defaults: Mapping[str, Any] | None = None) -> Iterator[Declaration]:
    return (_strict(x) for x in csv_batch(lines, source=source, defaults=defaults))


class _Group:
    """The rows of one CSV declaration, or the first problem found in them."""

    def __init__(self, base: Mapping[str, Any], source: str):
        self.base, self.source = base, source
        self.decl: dict[str, Any] = {}
        self.items: list[dict[str, Any]] = []
        self.unread: list[str] = []
        self.first = 0
        self.problem: DualUseError | None = None

    @property
    def started(self) -> bool:
        return self.first > 0

    def add(self, decl: dict[str, Any], row: Mapping[str, Any], rowno: int) -> None:
        if not self.started:
            self.decl, self.first = decl, rowno
            self.unread = [k for k in row if k not in CSV_DECLARATION and k not in CSV_ITEM]
        if self.problem is not None:
            return
        try:
            if decl != self.decl:
                diff = next(k for k in sorted(set(decl) | set(self.decl))
                            if decl.get(k) != self.decl.get(k))
                raise InputError(f"{self.source}: row {rowno}: {diff} {decl.get(diff)!r} differs "
                                 f"from {self.decl.get(diff)!r} in the same declaration",
                                 value=decl.get(diff))
            if len(self.items) >= MAX_ITEMS:
                raise UnsafeInput(f"{self.source}: row {rowno}: more than {MAX_ITEMS:,} goods "
                                  f"items in one declaration", value=rowno)
            self.items.append(csv_item(row, rowno, self.source))
        except DualUseError as exc:
            self.problem, self.items = exc, []

    def close(self, index: int, last: int | None) -> Declaration | Refused:
        where = f"{self.source}: rows {self.first}-{last if last is not None else ''}"
        ref = reference_of(self.decl)
        if self.problem is not None:
            return Refused(index=index, reference=ref, error=self.problem)
        data: dict[str, Any] = {k: v for k, v in self.decl.items()
                                if not k.startswith("end_use_")}
        try:
            end_use = {k.removeprefix("end_use_"): flag(v, k, where)
                       for k, v in self.decl.items() if k.startswith("end_use_")}
        except DualUseError as exc:
            return Refused(index=index, reference=ref, error=exc)
        if end_use:
            data["end_use"] = end_use
        data["items"] = self.items
        result = _one(index, data, where)
        if isinstance(result, Declaration) and self.unread:
            return result.model_copy(update={"unread": (*self.unread, *result.unread)})
        return result


def flag(value: Any, field: str, source: str) -> bool:
    if isinstance(value, bool):
        return value
    low = str(value).strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise InputError(f"{source}: {field} {value!r}: expected true/false", value=value)


def csv_item(row: Mapping[str, Any], rowno: int, source: str) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for k in CSV_ITEM:
        v = (row.get(k) or "").strip()
        if not v:
            continue
        if k == "cas":
            item[k] = [c for c in v.replace(",", ";").split(";") if c.strip()]
        elif k == "line":
            if not (v.isascii() and v.isdigit()):
                raise InputError(f"{source}: row {rowno}: line {v!r} is not a number", value=v)
            item[k] = int(v)
        elif k in ("quantity", "value"):
            item[k] = v.replace(" ", "")
        else:
            item[k] = v
    item.setdefault("line", rowno - 1)
    return item
