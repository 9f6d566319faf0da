"""What the licence engine returns: the verdicts and their order, one result per goods item and per
declaration, and the record of a declaration a batch refused."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from dualuse.editions import EditionRef
from dualuse.errors import DualUseError
from dualuse.licensing.rules import Citation, Text

Verdict = Literal["prohibited", "licence-required", "review-required",
                  "general-authorisation-available", "no-licence-required"]
VERDICTS: tuple[str, ...] = ("prohibited", "licence-required", "review-required",
                             "general-authorisation-available", "no-licence-required")
SEVERITY: dict[str, int] = {v: len(VERDICTS) - i for i, v in enumerate(VERDICTS)}
ControlStatus = Literal["listed", "military", "not-listed", "uncertain"]


def severity(verdict: str) -> int:
    """Higher is more restrictive (``prohibited`` highest)."""
    return SEVERITY[verdict]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Authorisation(_Frozen):
    """A general authorisation the item may travel under, and the conditions of its use."""

    code: str
    rule_id: str
    act: str
    article: str
    conditions: tuple[Text, ...]


class ItemResult(_Frozen):
    line: int
    verdict: Verdict
    control_status: ControlStatus
    control_code: str | None
    candidates: tuple[str, ...] = ()
    authorisations: tuple[Authorisation, ...] = ()
    other_routes: tuple[str, ...] = ()
    legal_basis: tuple[Citation, ...]
    explanation: Text
    reasons: tuple[Text, ...]


class DocumentFinding(_Frozen):
    """A document on the declaration that does not match the verdicts (or one that is missing)."""

    line: int
    document: str
    problem: Text
    rule_id: str


class CheckResult(_Frozen):
    reference: str | None
    procedure: str
    exporter_country: str
    destination_country: str
    transit_country: str | None
    verdict: Verdict
    items: tuple[ItemResult, ...]
    documents: tuple[DocumentFinding, ...]
    checked_on: dt.date
    editions: tuple[str, ...]
    edition_refs: tuple[EditionRef, ...] = ()
    unread: tuple[str, ...] = ()
    index: int | None = None


# --- batches: one record per declaration, a bad one does not stop the others -------------------
class ErrorInfo(_Frozen):
    """Why a declaration of a batch was refused: the error class, its one-line message and the
    offending value (``DualUseError.value``, as JSON)."""

    type: str
    message: str
    value: str | int | float | bool | None = None


class CheckFailure(_Frozen):
    """The record of a refused declaration (``index`` counts the batch's declarations from 1)."""

    reference: str | None
    index: int
    error: ErrorInfo

    @classmethod
    def of(cls, index: int, reference: str | None, exc: DualUseError) -> CheckFailure:
        value = exc.value
        if not isinstance(value, (str, int, float, bool)) and value is not None:
            value = str(value)
        return cls(reference=reference, index=index,
                   error=ErrorInfo(type=type(exc).__name__, message=exc.message, value=value))


CheckRecord = CheckResult | CheckFailure
