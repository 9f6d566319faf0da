"""The canonical data model: one shape for every control list, bundled or imported.

A list edition (``ControlList``) is a flat tuple of ``Node``s linked by ``parent`` codes, plus its
general notes, defined terms and acronyms. Notes, technical notes and N.B.s are nodes too (kind
``note`` / ``technical-note`` / ``nb``) whose code is ``<attached code>#note1``, ``#tn1``,
``#nb1``, so they keep their place in the tree and their order. These models are frozen and forbid
unknown fields: they are the single source of truth for the API and the JSON Schema in ``docs/``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

Lang = Literal["en", "fr"]
NodeKind = Literal["category", "group", "entry", "sub-item", "note", "technical-note", "nb"]
NOTE_KINDS: frozenset[str] = frozenset({"note", "technical-note", "nb"})
NOTE_SUFFIX = {"note": "note", "technical-note": "tn", "nb": "nb"}
Comparator = Literal["gt", "ge", "lt", "le", "eq"]
COMPARATOR_SYMBOLS = {"gt": ">", "ge": "≥", "lt": "<", "le": "≤", "eq": "="}
EditionKind = Literal["official", "knowledge-base"]
RefType = Literal["related", "see", "excludes", "eu", "us"]
#: The multilateral regime an entry comes from (EU numbering: x0xx Wassenaar, x1xx MTCR, x2xx NSG,
#: x3xx Australia Group, x4xx CWC, x5xx EU-only; Category 0 NSG trigger list).
Regime = Literal["wassenaar", "mtcr", "nsg", "ag", "cwc", "eu"]
#: A decimal number, given as a JSON number or a string ("43.5", "1e3"). Its JSON Schema is spelled
#: out here because pydantic's own rendering of ``Decimal`` changes between minor versions.
Number = Annotated[Decimal, WithJsonSchema({
    "anyOf": [{"type": "number"},
              {"type": "string", "pattern": r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$"}]})]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Localized(Frozen):
    """A short text in English and French (either may be missing)."""

    en: str | None = None
    fr: str | None = None

    def get(self, lang: str | None = None) -> str | None:
        """The text in ``lang``, falling back to the other language."""
        if lang == "fr":
            return self.fr or self.en
        return self.en or self.fr


class Keywords(Frozen):
    en: tuple[str, ...] = ()
    fr: tuple[str, ...] = ()

    def get(self, lang: str | None) -> tuple[str, ...]:
        return self.fr if lang == "fr" else self.en


class Remark(Frozen):
    """A short remark in our own words (e.g. the gist of a decontrol note)."""

    lang: Lang
    type: Literal["decontrol", "info"] = "info"
    text: str


class HsLink(Frozen):
    """An indicative HS 2022 subheading for a node (HS narrows, it never decides)."""

    code: str = Field(pattern=r"^\d{6}$")
    reason: str | None = None


class Parameter(Frozen):
    """A machine-readable threshold: ``frequency gt 43.5 GHz`` deciding sub-item ``applies_to``."""

    quantity: str
    comparator: Comparator
    value: Number
    unit: str
    applies_to: str | None = None

    def describe(self) -> str:
        return f"{self.quantity.replace('_', ' ')} {COMPARATOR_SYMBOLS[self.comparator]} " \
               f"{self.value.normalize():f} {self.unit}"


class Reference(Frozen):
    code: str
    type: RefType = "related"
    text: str | None = None


class Node(Frozen):
    """One node of a control list: category, group, entry, sub-item or note."""

    code: str
    kind: NodeKind
    parent: str | None = None
    position: int = 0
    title: Localized = Localized()
    text: str | None = None
    keywords: Keywords = Keywords()
    remarks: tuple[Remark, ...] = ()
    hs: tuple[HsLink, ...] = ()
    cas: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    refs: tuple[Reference, ...] = ()
    sensitive: bool = False
    very_sensitive: bool = False
    not_used_since: str | None = None
    decontrol: bool = False
    #: set on entries whose regime differs from the list's own (EU-only entries of the EU list)
    regime: Regime | None = None
    #: listed in Annex IV of Regulation (EU) 2021/821 (intra-Union transfers need an authorisation)
    annex_iv: bool = False

    @property
    def is_note(self) -> bool:
        return self.kind in NOTE_KINDS


class GeneralNote(Frozen):
    code: str
    title: str
    text: str


class Definition(Frozen):
    """A defined term: ``double`` = "quoted" terms of the Definitions section; ``single`` =
    'quoted' terms defined locally (``scope`` is the code whose technical note defines it)."""

    term: str
    quote: Literal["double", "single"] = "double"
    scope: str | None = None
    text: str


class Acronym(Frozen):
    abbr: str
    expansion: str


class Edition(Frozen):
    """Which publication a list comes from, and how we got it."""

    id: str
    kind: EditionKind
    regime: str
    publisher: str
    title: str
    date: dt.date
    language: str = "en"
    data_version: str | None = None
    in_force_from: dt.date | None = None
    source_file: str | None = None
    source_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    #: the checksum a packaging declares for the document it was extracted from (the EU JSON
    #: gives the CELLAR source's); ``source_sha256`` is always that of the file we read
    upstream_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    source_url: str | None = None
    retrieved: dt.date | None = None

    @property
    def verified(self) -> bool:
        """An official text read from a file whose checksum is a known publication's."""
        from dualuse.sources.known import verified

        return self.kind == "official" and verified(self.id, self.source_sha256)

    def label(self) -> str:
        tag = "knowledge base" if self.kind == "knowledge-base" else "official text"
        if self.kind == "official" and not self.verified:
            tag += ", unverified source"
        return f"{self.id} ({tag}, {self.date.isoformat()})"


class ControlList(Frozen):
    edition: Edition
    nodes: tuple[Node, ...] = ()
    general_notes: tuple[GeneralNote, ...] = ()
    definitions: tuple[Definition, ...] = ()
    acronyms: tuple[Acronym, ...] = ()


__all__ = [
    "NOTE_KINDS", "Acronym", "Comparator", "ControlList", "Definition", "Edition", "GeneralNote",
    "HsLink", "Keywords", "Lang", "Localized", "Node", "NodeKind", "Parameter", "Reference",
    "Regime", "Remark",
]
