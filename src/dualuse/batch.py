"""Classify many invoice lines at once: a text file (one description per line), a CSV or JSON-lines
file of goods items, or the goods items of declaration files (JSON, JSON lines, XML).

Every line is read and validated before the first is classified (a goods item is the declaration
``Item`` model: line number, description, HS code, CAS numbers), so a bad line is one error and
no partial output, as for ``dualuse check``. Results then stream, one ``ClassifiedLine`` per item.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from dualuse.classifier import Classification
from dualuse.errors import DualUseError, InputError, UnsafeInput
from dualuse.licensing import declaration as decl
from dualuse.licensing import readers
from dualuse.licensing.declaration import Item

BatchFormat = Literal["txt", "csv", "jsonl", "json", "xml"]
FORMATS: tuple[str, ...] = ("txt", "csv", "jsonl", "json", "xml")
MAX_LINES = decl.MAX_ITEMS
_SUFFIXES = {".txt": "txt", ".text": "txt", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl",
             ".json": "json", ".xml": "xml"}
# CSV: the goods-item columns of a declaration CSV; its declaration columns are allowed and unused
_CSV_ALIASES = {"hs": "hs_code", "designation": "description", "désignation": "description"}


class InvoiceLine(BaseModel):
    """One goods item to classify, with the declaration it came from (if any)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reference: str | None = None
    item: Item


class ClassifiedLine(BaseModel):
    """The classification of one goods item (``classify --file ... --json`` prints one per line)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reference: str | None
    line: int
    hs_code: str | None
    cas: tuple[str, ...]
    classification: Classification


def detect_format(path: str | Path) -> BatchFormat:
    suffix = Path(path).suffix.lower()
    fmt = _SUFFIXES.get(suffix)
    if fmt is None:
        raise InputError(f"{path}: cannot tell the format from the extension {suffix!r}; use "
                         f"--format {'|'.join(FORMATS)}", value=str(path))
    return fmt  # type: ignore[return-value]


def read(path: str | Path, *, format: str | None = None) -> list[InvoiceLine]:
    """Every goods item of ``path`` (``-``: standard input, text unless ``format`` says otherwise),
    all validated before any is returned. Declaration items that give only a control code are
    left out (the declarant has classified them; ``dualuse check`` verifies them)."""
    fmt = _format(format) if format else ("txt" if str(path) == "-" else detect_format(path))
    source = "stdin" if str(path) == "-" else str(path)
    if fmt in ("json", "xml") or (fmt == "jsonl" and str(path) != "-" and _declarations(path)):
        if str(path) == "-":
            raise InputError(f"--format {fmt}: declaration files are read from a path, not stdin",
                             value=fmt)
        # an item that only declares its control code is classified already: not re-classified
        lines = [InvoiceLine(reference=d.reference, item=_item(
                     it.model_dump(exclude={"control_code", "quantity", "value"}),
                     f"{source}: {d.reference or 'declaration'} item {it.line}"))
                 for d in decl.read(path, format=fmt)
                 for it in d.items if it.description or it.hs_code or it.cas or not it.control_code]
    else:
        reader = {"txt": _from_text, "csv": _from_csv, "jsonl": _from_jsonl}[fmt]
        lines = []
        with readers.open_input(path) as (fh, _):
            for ln in reader(readers.text_lines(fh, source), source):
                lines.append(ln)
                if len(lines) > MAX_LINES:  # refused as soon as it is known, not at the end
                    break
    if not lines:
        raise InputError(f"{source}: no line to classify", value=source)
    if len(lines) > MAX_LINES:
        raise UnsafeInput(f"{source}: more than {MAX_LINES:,} lines; at most {MAX_LINES:,} per "
                          f"call", value=len(lines))
    return lines


def classify_lines(lines: Sequence[InvoiceLine], *, lang: str | None = None, limit: int = 5,
                   catalog: Any = None) -> Iterator[ClassifiedLine]:
    """Classify each line in turn (the catalog and index are opened once)."""
    from dualuse.catalog import open_catalog
    from dualuse.classifier import classify

    cat = catalog or open_catalog()
    for ln in lines:
        it = ln.item
        result = classify(it.description or "", hs=it.hs_code, cas=it.cas, lang=lang,
                          limit=limit, catalog=cat)
        yield ClassifiedLine(reference=ln.reference, line=it.line, hs_code=it.hs_code,
                             cas=it.cas, classification=result)


# --- readers ---------------------------------------------------------------------------------
def _format(fmt: str) -> BatchFormat:
    low = fmt.strip().lower()
    if low not in FORMATS:
        raise InputError(f"--format {fmt!r}: expected {', '.join(FORMATS)}", value=fmt)
    return low  # type: ignore[return-value]


def _declarations(path: str | Path) -> bool:
    """Is this JSON-lines file one declaration per line (``items``) rather than goods items?"""
    try:
        with Path(path).open("rb") as fh:
            first = next((ln for ln in readers.byte_lines(fh, str(path)) if ln.strip()), b"")
    except (OSError, DualUseError):
        return False  # the reader reports it
    return first.lstrip().startswith(b"{") and b'"items"' in first


def _item(data: Mapping[str, Any], where: str) -> Item:
    """A goods item that ``classify`` will accept: checked here, before anything is classified."""
    from dualuse.codes import hs as hs_codes

    try:
        item = Item.model_validate(data)
        if not (item.description or item.hs_code or item.cas):
            raise InputError("nothing to classify: no description, HS code or CAS number",
                             value=data.get("line"))
        if item.hs_code:
            hs_codes.validate(item.hs_code)
        return item
    except DualUseError as exc:
        raise InputError(f"{where}: {exc.message}", value=exc.value) from None
    except ValidationError as exc:
        raise decl.input_error(exc, where) from None


def _from_text(text: Iterable[str], source: str) -> Iterator[InvoiceLine]:
    for n, raw in enumerate(text, start=1):
        if raw.strip():
            yield InvoiceLine(item=_item({"line": n, "description": raw}, f"{source}: line {n}"))


def _column(name: str) -> str:
    low = name.strip().lower()
    return _CSV_ALIASES.get(low, low)


def _from_csv(text: Iterable[str], source: str) -> Iterator[InvoiceLine]:
    checked = False
    for rowno, row in readers.csv_rows(text, source, rename=_column):
        if not checked:
            header = list(row)
            known = (*readers.CSV_ITEM, *readers.CSV_DECLARATION)
            unknown = [h for h in header if h not in known]
            if unknown:
                raise InputError(f"{source}: unknown CSV column {unknown[0]!r}; expected some of "
                                 f"{', '.join(readers.CSV_ITEM)}", value=unknown[0])
            if not {"description", "hs_code", "cas"} & set(header):
                raise InputError(f"{source}: no description, hs_code or cas column",
                                 value=source)
            checked = True
        if not any((v or "").strip() for v in row.values()):
            continue
        where = f"{source}: row {rowno}"
        item = decl.csv_item(row, rowno, where)
        ref = (row.get("reference") or "").strip() or None
        yield InvoiceLine(reference=ref, item=_item(
            {k: v for k, v in item.items() if k in ("line", "description", "hs_code", "cas")},
            where))


def _from_jsonl(text: Iterable[str], source: str) -> Iterable[InvoiceLine]:
    for n, raw in enumerate(text, start=1):
        if not raw.strip():
            continue
        where = f"{source}: line {n}"
        data = decl.loads(raw, where, n)
        if isinstance(data, str):
            data = {"description": data}
        if not isinstance(data, dict):
            raise InputError(f"{where}: expected an object or a string, got "
                             f"{type(data).__name__}", value=n)
        ref = data.pop("reference", None)
        if "hs" in data and "hs_code" not in data:
            data["hs_code"] = data.pop("hs")
        if isinstance(data.get("cas"), str):
            data["cas"] = [data["cas"]]
        data.setdefault("line", n)
        yield InvoiceLine(reference=None if ref is None else str(ref), item=_item(data, where))
