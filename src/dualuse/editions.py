"""Editions as records: which list or rule set an answer was made with, for a machine to compare.

``EditionRef`` is the short, stable form of a control-list ``Edition`` (or a rule-set edition) that
results carry beside their prose ``editions`` labels.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EditionRefKind = Literal["official", "knowledge-base", "rules"]


class EditionRef(BaseModel):
    """One edition an answer was made with: its id, kind, date and (official texts) checksum."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(description="Edition id, e.g. wassenaar-2025 or eu-2021-821.")
    kind: EditionRefKind = Field(description="official text imported, our knowledge base, or the "
                                             "licensing rule set.")
    date: dt.date = Field(description="Publication date (rules: date last checked).")
    version: str | None = Field(None, description="Data version, when the edition has one.")
    source_sha256: str | None = Field(None, description="SHA-256 of the official file it was "
                                                        "read from, when there is one.")

    @classmethod
    def of(cls, edition: Any) -> EditionRef:
        """From a control-list ``Edition`` or a rules ``RuleEdition``."""
        if hasattr(edition, "checked"):  # licensing.rules.RuleEdition
            return cls(id=edition.id, kind="rules", date=edition.checked,
                       version=edition.version)
        return cls(id=edition.id, kind=edition.kind, date=edition.date,
                   version=edition.data_version, source_sha256=edition.source_sha256)


def edition_refs(catalog: Any = None) -> tuple[EditionRef, ...]:
    """The editions of the lists (default: the shared catalog) and of the licensing rules, as
    records: what ``CheckResult.edition_refs`` holds, for answers that carry only labels."""
    from dualuse.catalog import open_catalog
    from dualuse.licensing.rules import load_rules

    cat = catalog or open_catalog()
    return (*(EditionRef.of(e) for e in cat.editions),
            *(EditionRef.of(f.edition) for f in load_rules().files))
