"""Declarations as a customs system sends them, and readers for JSON, JSON lines, CSV and XML.

A ``Declaration`` is validated once, strictly: unknown fields are refused, countries must be ISO
3166-1 alpha-2 codes, lines must be unique. Every reader raises ``InputError`` (one line, carrying
the offending value) and never returns a partial declaration.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from dualuse.errors import CodeValidationError, InputError
from dualuse.licensing import countries
from dualuse.model import Number

Procedure = Literal["export", "re-export", "transit", "intra-eu-transfer"]
PROCEDURES: tuple[str, ...] = ("export", "re-export", "transit", "intra-eu-transfer")
Format = Literal["json", "jsonl", "csv", "xml"]
MAX_ITEMS = 100_000


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class EndUse(_Frozen):
    """Catch-all indicators (red flags) known for the whole declaration."""

    wmd: bool = Field(False, description="Is or may be meant for chemical, biological or nuclear "
                                         "weapons or their missiles (Art. 4(1)(a)).")
    military: bool = Field(False, description="Is or may be meant for a military end-use.")
    cyber_surveillance: bool = Field(False, description="Cyber-surveillance item that is or "
                                                        "may be meant for internal repression "
                                                        "(Art. 5).")
    informed_by_authority: bool = Field(False, description="The competent authority has informed "
                                                           "the exporter of a catch-all end-use.")

    def any(self) -> bool:
        return self.wmd or self.military or self.cyber_surveillance or self.informed_by_authority


class Item(_Frozen):
    """One goods item (declaration line)."""

    line: int = Field(ge=1, description="Goods item number on the declaration.")
    description: str | None = Field(None, max_length=2000)
    hs_code: str | None = Field(None, description="HS-6, CN-8 or TARIC-10 code, with or without "
                                                  "dots or spaces.")
    control_code: str | None = Field(None, max_length=64,
                                     description="Declared control-list code (e.g. 6A003.b.4).")
    cas: tuple[str, ...] = Field((), description="CAS Registry Numbers.")
    quantity: Number | None = None
    value: Number | None = None

    @field_validator("description", "control_code", "hs_code", mode="before")
    @classmethod
    def _blank(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.strip()
            return v or None
        return v

    @field_validator("hs_code")
    @classmethod
    def _hs(cls, v: str | None) -> str | None:
        if v is None:
            return None
        digits = "".join(ch for ch in v if ch not in " .")
        if not digits.isdigit() or not 6 <= len(digits) <= 10:
            raise ValueError(f"hs_code {v!r}: expected 6 to 10 digits")
        return digits

    @field_validator("cas")
    @classmethod
    def _cas(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        from dualuse.codes import cas as cas_codes

        out = []
        for number in v:
            try:
                out.append(cas_codes.normalise(number))
            except CodeValidationError as exc:
                raise ValueError(exc.message) from None
        return tuple(dict.fromkeys(out))


class Declaration(_Frozen):
    """An export, re-export, transit or intra-EU transfer declaration (the fields dualuse needs)."""

    reference: str | None = Field(None, max_length=200, description="Declaration reference "
                                                                    "(LRN/MRN), echoed back.")
    procedure: Procedure
    exporter_country: str = Field(description="Where the exporter is established (ISO alpha-2).")
    destination_country: str = Field(description="Country of final destination (ISO alpha-2).")
    transit_country: str | None = Field(None, description="Member State of transit (transit only).")
    end_use: EndUse = EndUse()
    documents: tuple[str, ...] = Field((), description="Document codes produced (e.g. X061: "
                                                       "EU001; X060: individual authorisation).")
    items: tuple[Item, ...] = Field(min_length=1, max_length=MAX_ITEMS)

    @field_validator("exporter_country", "destination_country", "transit_country", mode="before")
    @classmethod
    def _country(cls, v: Any, info: Any) -> Any:
        if v is None:
            return None
        return countries.normalise(v, field=info.field_name)

    @field_validator("documents", mode="before")
    @classmethod
    def _documents(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.replace(";", " ").replace(",", " ").split()
        if isinstance(v, (list, tuple)):
            return tuple(str(d).strip().upper() for d in v if str(d).strip())
        return v

    @field_validator("end_use", mode="before")
    @classmethod
    def _end_use(cls, v: Any) -> Any:
        return EndUse() if v is None else v

    @model_validator(mode="after")
    def _consistent(self) -> Declaration:
        seen: set[int] = set()
        for it in self.items:
            if it.line in seen:
                raise ValueError(f"line {it.line} appears twice")
            seen.add(it.line)
        if self.procedure == "transit" and not self.transit_country:
            raise ValueError("a transit declaration needs transit_country "
                             "(Member State of transit)")
        if self.procedure != "transit" and self.transit_country:
            raise ValueError("transit_country is only for the transit procedure")
        return self


# --- building and errors ---------------------------------------------------------------------
def from_dict(data: Any, *, source: str = "input") -> Declaration:
    """Validate one declaration (a mapping); InputError with the first problem otherwise."""
    if isinstance(data, Declaration):
        return data
    if not isinstance(data, Mapping):
        raise InputError(f"{source}: a declaration must be a JSON object, got "
                         f"{type(data).__name__}", value=source)
    try:
        return Declaration.model_validate(data)
    except InputError as exc:
        raise InputError(f"{source}: {exc.message}", value=exc.value, system=exc.system) from None
    except ValidationError as exc:
        raise input_error(exc, source) from None


def input_error(exc: ValidationError, source: str) -> InputError:
    """The first problem of a pydantic error as one ``InputError`` line naming ``source``."""
    err = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in err["loc"]) or "declaration"
    msg = str(err["msg"]).removeprefix("Value error, ")
    ctx_err = (err.get("ctx") or {}).get("error")
    if isinstance(ctx_err, InputError):
        return InputError(f"{source}: {ctx_err.message}", value=ctx_err.value,
                          system=ctx_err.system)
    value = err.get("input")
    shown = "" if isinstance(value, (dict, list)) else f" (got {value!r})"
    return InputError(f"{source}: {where}: {msg}{shown}", value=value)


# --- readers ---------------------------------------------------------------------------------
def detect_format(path: str | Path) -> Format:
    suffix = Path(path).suffix.lower()
    fmt = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
           ".xml": "xml"}.get(suffix)
    if fmt is None:
        raise InputError(f"{path}: cannot tell the format from the extension {suffix!r}; "
                         f"use --format json|jsonl|csv|xml", value=str(path))
    return fmt  # type: ignore[return-value]


def read(path: str | Path, *, format: Format | None = None,
         defaults: Mapping[str, Any] | None = None) -> list[Declaration]:
    """Every declaration of a file, all validated before any is returned (nothing partial)."""
    return list(iter_declarations(path, format=format, defaults=defaults))


def iter_declarations(path: str | Path, *, format: Format | None = None,
                      defaults: Mapping[str, Any] | None = None) -> Iterator[Declaration]:
    """Stream declarations from a file (JSON lines and CSV grouped by reference stream)."""
    fmt = format or detect_format(path)
    p = Path(path)
    if fmt == "xml":
        from dualuse import xmlsafe

        yield from from_xml(xmlsafe.parse_file(p), source=str(p))
        return
    try:
        if fmt == "jsonl":
            with p.open(encoding="utf-8") as fh:
                yield from read_jsonl(fh, source=str(p))
            return
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})", value=str(p)) from None
    except UnicodeDecodeError:
        raise InputError(f"{p}: not UTF-8 text", value=str(p)) from None
    if fmt == "json":
        yield from read_json(text, source=str(p))
    elif fmt == "csv":
        yield from read_csv(io.StringIO(text, newline=""), source=str(p), defaults=defaults)
    else:  # pragma: no cover - guarded by detect_format / the CLI
        raise InputError(f"unknown format {fmt!r}", value=fmt)


def loads(text: str | bytes, where: str, value: Any) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InputError(f"{where}: not valid JSON ({exc})", value=value) from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply", value=value) from None


def read_json(text: str | bytes, *, source: str = "input") -> list[Declaration]:
    """One declaration object, a list of them, or ``{"declarations": [...]}``."""
    data = loads(text, source, source)
    if isinstance(data, Mapping) and set(data) == {"declarations"}:
        data = data["declarations"]
    if isinstance(data, list):
        if not data:
            raise InputError(f"{source}: no declaration in the file", value=source)
        return [from_dict(d, source=f"{source}: declaration {i + 1}") for i, d in enumerate(data)]
    return [from_dict(data, source=source)]


def read_jsonl(lines: Iterable[str], *, source: str = "input") -> Iterator[Declaration]:
    """One JSON declaration per line (blank lines skipped): the streaming format for batches."""
    n = 0
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        data = loads(line, f"{source}: line {i}", i)
        n += 1
        yield from_dict(data, source=f"{source}: line {i}")
    if n == 0:
        raise InputError(f"{source}: no declaration in the file", value=source)


# CSV: one row per goods item. Declaration columns may repeat on every row or come as defaults.
CSV_DECLARATION = ("reference", "procedure", "exporter_country", "destination_country",
                   "transit_country", "documents", "end_use_wmd", "end_use_military",
                   "end_use_cyber_surveillance", "end_use_informed_by_authority")
CSV_ITEM = ("line", "description", "hs_code", "control_code", "cas", "quantity", "value")
_TRUE = {"1", "true", "yes", "y", "x", "oui", "vrai"}
_FALSE = {"", "0", "false", "no", "n", "non", "faux"}


def read_csv(fh: Iterable[str], *, source: str = "input",
             defaults: Mapping[str, Any] | None = None) -> Iterator[Declaration]:
    """Rows with the same ``reference`` (consecutive) form one declaration; without a
    ``reference`` column the whole file is one declaration."""
    reader = csv.DictReader(fh)
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise InputError(f"{source}: empty CSV (no header row)", value=source)
    unknown = [h for h in header if h not in CSV_DECLARATION and h not in CSV_ITEM]
    if unknown:
        raise InputError(f"{source}: unknown CSV column {unknown[0]!r}; expected some of "
                         f"{', '.join(CSV_DECLARATION + CSV_ITEM)}", value=unknown[0])
    reader.fieldnames = header
    base = {k: v for k, v in (defaults or {}).items() if v is not None}
    bad = [k for k in base if k not in CSV_DECLARATION]
    if bad:
        raise InputError(f"{source}: {bad[0]!r} is not a declaration field", value=bad[0])
    current: dict[str, Any] | None = None
    items: list[dict[str, Any]] = []
    first_row = 0
    count = 0
    for rowno, row in enumerate(reader, start=2):
        if None in row:
            raise InputError(f"{source}: row {rowno}: more fields than header columns", value=rowno)
        if not any((v or "").strip() for v in row.values()):
            continue
        decl = dict(base)
        for k in CSV_DECLARATION:
            v = (row.get(k) or "").strip()
            if v:
                decl[k] = v
        if current is not None and decl.get("reference") != current.get("reference"):
            yield _csv_declaration(current, items, f"{source}: rows {first_row}-{rowno - 1}")
            count += 1
            current, items = None, []
        if current is None:
            current, first_row = decl, rowno
        elif decl != current:
            diff = next(k for k in sorted(set(decl) | set(current))
                        if decl.get(k) != current.get(k))
            raise InputError(f"{source}: row {rowno}: {diff} {decl.get(diff)!r} differs from "
                             f"{current.get(diff)!r} in the same declaration", value=decl.get(diff))
        items.append(csv_item(row, rowno, source))
    if current is None:
        raise InputError(f"{source}: no goods item rows", value=source)
    yield _csv_declaration(current, items, f"{source}: rows {first_row}-")
    count += 1


def _flag(value: Any, field: str, source: str) -> bool:
    if isinstance(value, bool):
        return value
    low = str(value).strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise InputError(f"{source}: {field} {value!r}: expected true/false", value=value)


def _csv_declaration(decl: Mapping[str, Any], items: list[dict[str, Any]],
                     source: str) -> Declaration:
    data: dict[str, Any] = {k: v for k, v in decl.items() if not k.startswith("end_use_")}
    end_use = {k.removeprefix("end_use_"): _flag(v, k, source)
               for k, v in decl.items() if k.startswith("end_use_")}
    if end_use:
        data["end_use"] = end_use
    data["items"] = items
    return from_dict(data, source=source)


def csv_item(row: Mapping[str, Any], rowno: int, source: str) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for k in CSV_ITEM:
        v = (row.get(k) or "").strip()
        if not v:
            continue
        if k == "cas":
            item[k] = [c for c in v.replace(",", ";").split(";") if c.strip()]
        elif k == "line":
            if not v.isdigit():
                raise InputError(f"{source}: row {rowno}: line {v!r} is not a number", value=v)
            item[k] = int(v)
        elif k in ("quantity", "value"):
            item[k] = v.replace(" ", "")
        else:
            item[k] = v
    item.setdefault("line", rowno - 1)
    return item


# XML: element names from the WCO Data Model (see docs/licensing.md for the mapping).
PROCEDURE_CODES = {"10": "export", "31": "re-export", "export": "export", "re-export": "re-export",
                   "transit": "transit", "intra-eu-transfer": "intra-eu-transfer"}
HS_TYPES = {"TSP", "TRC", "HS", "CN", "TARIC"}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: Any, *path: str) -> Any:
    cur = el
    for name in path:
        found = _children(cur, name) if cur is not None else []
        cur = found[0] if found else None
    return cur


def _text(el: Any, *path: str) -> str | None:
    node = _child(el, *path) if path else el
    if node is None or node.text is None:
        return None
    return node.text.strip() or None


def from_xml(root: Any, *, source: str = "input") -> Iterator[Declaration]:
    """``<Declaration>`` or a ``<Declarations>`` wrapper holding several; namespaces ignored."""
    name = _local(root.tag)
    if name == "Declaration":
        roots = [root]
    elif name == "Declarations":
        roots = _children(root, "Declaration")
        if not roots:
            raise InputError(f"{source}: <Declarations> holds no <Declaration>", value=source)
    else:
        raise InputError(f"{source}: root element <{name}>: expected <Declaration> or "
                         f"<Declarations>", value=name)
    for i, decl in enumerate(roots, start=1):
        yield from_dict(_xml_declaration(decl, source),
                        source=f"{source}: declaration {i}" if len(roots) > 1 else source)


def _xml_declaration(decl: Any, source: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if (ref := _text(decl, "FunctionalReferenceID")) is not None:
        data["reference"] = ref
    code = _text(decl, "GovernmentProcedure", "CurrentCode") or _text(decl, "GoodsShipment",
                                                                         "GovernmentProcedure",
                                                                         "CurrentCode")
    if code is not None:
        if code.lower() not in PROCEDURE_CODES:
            raise InputError(f"{source}: GovernmentProcedure/CurrentCode {code!r}: expected 10 "
                             f"(export), 31 (re-export), transit or intra-eu-transfer", value=code)
        data["procedure"] = PROCEDURE_CODES[code.lower()]
    shipment = _child(decl, "GoodsShipment")
    exporter = _text(decl, "Exporter", "Address", "CountryCode")
    if exporter is None and shipment is not None:
        exporter = _text(shipment, "Exporter", "Address", "CountryCode")
    if exporter is not None:
        data["exporter_country"] = exporter
    if shipment is None:
        raise InputError(f"{source}: <Declaration> has no <GoodsShipment>", value=source)
    if (dest := _text(shipment, "Destination", "CountryCode")) is not None:
        data["destination_country"] = dest
    if (transit := _text(shipment, "Consignment", "Itinerary", "RoutingCountryCode")) is not None:
        data["transit_country"] = transit
    eu = _child(decl, "EndUse")
    if eu is not None:
        flags = {"WMD": "wmd", "Military": "military", "CyberSurveillance": "cyber_surveillance",
                 "InformedByAuthority": "informed_by_authority"}
        data["end_use"] = {flags[_local(c.tag)]: _flag(c.text or "", _local(c.tag), source)
                           for c in eu if _local(c.tag) in flags}
    docs = []
    for parent in (decl, shipment):
        for d in _children(parent, "AdditionalDocument"):
            cat, typ = _text(d, "CategoryCode") or "", _text(d, "TypeCode") or ""
            if cat or typ:
                docs.append(cat + typ)
    data["documents"] = docs
    items: list[dict[str, Any]] = []
    for gi in _children(shipment, "GovernmentAgencyGoodsItem"):
        item: dict[str, Any] = {}
        seq = _text(gi, "SequenceNumeric")
        if seq is not None:
            if not seq.isdigit():
                raise InputError(f"{source}: SequenceNumeric {seq!r} is not a number", value=seq)
            item["line"] = int(seq)
        else:
            item["line"] = len(items) + 1
        commodity = _child(gi, "Commodity")
        if commodity is not None:
            if (desc := _text(commodity, "Description")) is not None:
                item["description"] = desc
            cas: list[str] = []
            for cl in _children(commodity, "Classification"):
                value, kind = _text(cl, "ID"), (_text(cl, "IdentificationTypeCode") or "").upper()
                if value is None:
                    continue
                if kind in HS_TYPES:
                    item.setdefault("hs_code", value)
                elif kind == "ECN":
                    item["control_code"] = value
                elif kind == "CAS":
                    cas.append(value)
                else:
                    raise InputError(f"{source}: item {item['line']}: Classification type "
                                     f"{kind!r}: expected TSP/TRC/HS/CN (commodity code), ECN "
                                     f"(control code) or CAS", value=kind)
            if cas:
                item["cas"] = cas
            if (v := _text(commodity, "ValueAmount")) is not None:
                item["value"] = v
        if (q := _text(gi, "GoodsMeasure", "TariffQuantity")) is not None:
            item["quantity"] = q
        items.append(item)
    data["items"] = items
    return data
