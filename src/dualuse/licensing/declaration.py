"""Declarations as a customs system sends them, validated once.

A ``Declaration`` is strict: countries are ISO 3166-1 alpha-2 codes, lines are unique, the
procedure is one of ``export``, ``re-export``, ``transit``, ``intra-eu-transfer`` (or an EU
four-digit procedure code that maps to one: ``docs/customs-procedures.md``). The model refuses
fields it does not know; the readers (:func:`from_dict` and the file readers of
:mod:`dualuse.licensing.readers`) instead leave them out and list them in ``unread``, the same for
JSON, CSV and XML, except inside ``end_use`` where an unknown key can only be a misspelt red flag
and is refused. Every reader raises ``InputError`` (one line, carrying the offending value) and
never returns a partial declaration.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from dualuse.errors import CodeValidationError, DualUseError, InputError
from dualuse.licensing import countries
from dualuse.licensing.procedures import procedure_of
from dualuse.model import Number

Procedure = Literal["export", "re-export", "transit", "intra-eu-transfer"]
PROCEDURES: tuple[str, ...] = ("export", "re-export", "transit", "intra-eu-transfer")
Format = Literal["json", "jsonl", "csv", "xml"]
MAX_ITEMS = 100_000
MAX_UNREAD = 50  # names of unread fields reported per declaration (then "...")
_UNIT = re.compile(r"^[A-Z0-9]{2,3}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


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
    quantity_unit: str | None = Field(None, description="Unit of the quantity: UN/ECE "
                                                        "Recommendation 20 code (KGM, NAR, LTR).")
    value: Number | None = None
    value_currency: str | None = Field(None, description="ISO 4217 currency of the value (EUR).")
    procedure_code: str | None = Field(None, description="Customs procedure of this goods item "
                                                         "as declared (EU: requested + previous "
                                                         "procedure, e.g. 1040).")

    @field_validator("description", "control_code", "hs_code", "quantity_unit", "value_currency",
                     "procedure_code", mode="before")
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

    @field_validator("quantity_unit")
    @classmethod
    def _unit(cls, v: str | None) -> str | None:
        if v is not None and not _UNIT.match(v.upper()):
            raise ValueError(f"quantity_unit {v!r}: expected a UN/ECE Recommendation 20 code "
                             f"such as KGM, NAR or LTR")
        return None if v is None else v.upper()

    @field_validator("value_currency")
    @classmethod
    def _currency(cls, v: str | None) -> str | None:
        if v is not None and not _CURRENCY.match(v.upper()):
            raise ValueError(f"value_currency {v!r}: expected an ISO 4217 code such as EUR")
        return None if v is None else v.upper()

    @field_validator("procedure_code")
    @classmethod
    def _procedure_code(cls, v: str | None) -> str | None:
        if v is not None:
            procedure_of(v)  # raises InputError with the accepted codes
        return v

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
    procedure: Procedure = Field(description="export, re-export, transit or intra-eu-transfer; "
                                             "an EU procedure code (1000, 1040, 3151, 2100...) "
                                             "is mapped to one of them. Taken from the items' "
                                             "procedure_code when absent.")
    procedure_code: str | None = Field(None, description="The customs procedure code as "
                                                         "declared, when one was given.")
    exporter_country: str = Field(description="Where the exporter is established (ISO alpha-2); "
                                              "export_country when absent.")
    export_country: str | None = Field(None, description="Country the goods are exported from "
                                                         "(WCO DM ExportCountry), if given.")
    destination_country: str = Field(description="Country of final destination (ISO alpha-2).")
    transit_country: str | None = Field(None, description="Member State of transit (transit only).")
    end_use: EndUse = EndUse()
    documents: tuple[str, ...] = Field((), description="Document codes produced (e.g. X061: "
                                                       "EU001; X060: individual authorisation).")
    items: tuple[Item, ...] = Field(min_length=1, max_length=MAX_ITEMS)
    unread: tuple[str, ...] = Field((), description="Fields or elements of the input that dualuse "
                                                    "did not read (ignored, reported here).")

    @model_validator(mode="before")
    @classmethod
    def _derive(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        out = dict(data)
        declared = out.get("procedure")
        if isinstance(declared, str) and declared.strip().lower() not in PROCEDURES:
            out["procedure_code"] = declared.strip()
            out["procedure"] = procedure_of(declared)
        elif declared is None:
            out.update(_procedure_from_items(out.get("items")))
        if out.get("exporter_country") is None and out.get("export_country") is not None:
            out["exporter_country"] = out["export_country"]
        return out

    @field_validator("exporter_country", "destination_country", "transit_country",
                     "export_country", mode="before")
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
            if it.procedure_code is not None and procedure_of(it.procedure_code) != self.procedure:
                raise ValueError(f"item {it.line}: procedure code {it.procedure_code} is "
                                 f"{procedure_of(it.procedure_code)}, the declaration is "
                                 f"{self.procedure}: send them as separate declarations")
        if self.procedure == "transit" and not self.transit_country:
            raise ValueError("a transit declaration needs transit_country "
                             "(Member State of transit)")
        if self.procedure != "transit" and self.transit_country:
            raise ValueError("transit_country is only for the transit procedure")
        return self


def _procedure_from_items(items: Any) -> dict[str, Any]:
    """The declaration's procedure from its items' procedure codes (they must agree)."""
    if not isinstance(items, (list, tuple)):
        return {}
    codes = {str(it["procedure_code"]).strip(): it.get("line") for it in items
             if isinstance(it, Mapping) and it.get("procedure_code")}
    if not codes:
        return {}
    found = {code: procedure_of(code) for code in codes}
    if len(set(found.values())) > 1:
        a, b = list(found)[:2]
        raise InputError(f"items declare procedures {a} ({found[a]}) and {b} ({found[b]}): "
                         f"send them as separate declarations", value=b)
    first = next(iter(found))
    return {"procedure": found[first], "procedure_code": first if len(found) == 1 else None}


# --- building and errors ---------------------------------------------------------------------
_FIELDS = frozenset(Declaration.model_fields) - {"unread"}
_ITEM_FIELDS = frozenset(Item.model_fields)
_END_USE_FIELDS = frozenset(EndUse.model_fields)


def from_dict(data: Any, *, source: str = "input", unread: Sequence[str] = ()) -> Declaration:
    """Validate one declaration (a mapping). Fields dualuse does not read are left out and listed
    in ``unread``; ``InputError`` with the first problem otherwise.

    >>> d = from_dict({"procedure": "1040", "exporter_country": "fr", "destination_country": "us",
    ...                "colour": "red", "items": [{"line": 1, "control_code": "6A003"}]})
    >>> d.procedure, d.procedure_code, d.unread
    ('export', '1040', ('colour',))
    """
    if isinstance(data, Declaration):
        return data
    if not isinstance(data, Mapping):
        raise InputError(f"{source}: a declaration must be a JSON object, got "
                         f"{type(data).__name__}", value=source)
    clean, unknown = known_fields(data, source)
    try:
        return Declaration.model_validate({**clean, "unread": (*unread, *unknown)})
    except InputError as exc:
        raise InputError(f"{source}: {exc.message}", value=exc.value, system=exc.system) from None
    except ValidationError as exc:
        raise input_error(exc, source) from None


def known_fields(data: Mapping[str, Any], source: str) -> tuple[dict[str, Any], list[str]]:
    """``data`` without the fields dualuse does not read, and their names (``items[2].colour``).
    Unknown keys of ``end_use`` are refused: a misspelt red flag must not pass as "no flag"."""
    unread: list[str] = [str(k) for k in data if k not in _FIELDS]
    clean = {k: v for k, v in data.items() if k in _FIELDS}
    end_use = clean.get("end_use")
    if isinstance(end_use, Mapping):
        bad = [k for k in end_use if k not in _END_USE_FIELDS]
        if bad:
            raise InputError(f"{source}: end_use.{bad[0]}: unknown end-use indicator; expected "
                             f"{', '.join(sorted(_END_USE_FIELDS))}", value=bad[0])
    items = clean.get("items")
    if isinstance(items, (list, tuple)):
        kept = []
        for n, it in enumerate(items):
            if isinstance(it, Mapping) and any(k not in _ITEM_FIELDS for k in it):
                unread.extend(f"items[{n}].{k}" for k in it if k not in _ITEM_FIELDS)
                it = {k: v for k, v in it.items() if k in _ITEM_FIELDS}
            kept.append(it)
        clean["items"] = kept
    if len(unread) > MAX_UNREAD:
        unread = [*unread[:MAX_UNREAD], f"... ({len(unread) - MAX_UNREAD} more)"]
    return clean, unread


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


@dataclass(frozen=True)
class Refused:
    """A declaration of a batch that could not be read or validated: ``check_many`` turns it into
    an error record and goes on with the next (``index`` counts declarations from 1)."""

    index: int
    reference: str | None
    error: DualUseError


def reference_of(data: Any) -> str | None:
    """The ``reference`` of a raw declaration, if it has a usable one (for error records)."""
    ref = data.get("reference") if isinstance(data, Mapping) else None
    return ref[:200] if isinstance(ref, str) and ref.strip() else None


# The readers live in dualuse.licensing.readers (JSON, JSON lines, CSV) and .wco (XML); their
# names stay importable from here (resolved on first use: the readers import this module).
_READERS = frozenset({"CSV_DECLARATION", "CSV_ITEM", "csv_item", "detect_format", "iter_batch",
                      "iter_declarations", "loads", "read", "read_csv", "read_json",
                      "read_jsonl"})


def __getattr__(name: str) -> Any:
    import importlib

    if name in _READERS:
        return getattr(importlib.import_module("dualuse.licensing.readers"), name)
    if name == "from_xml":
        return importlib.import_module("dualuse.licensing.wco").from_xml
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "MAX_ITEMS", "PROCEDURES", "Declaration", "EndUse", "Format", "Item", "Procedure", "Refused",
    "from_dict", "input_error", "known_fields", "reference_of", *sorted(_READERS),
]
