"""The criteria tables: what a sub-item asks of goods, as data (docs/dev/criteria-format.md).

One ``NodeCriteria`` per goods node (entry or sub-item) that a criteria file describes: its own
``criteria`` (all must be met; an ``AnyOf`` group is met by one of its members), how its children
combine (``any``: one child suffices, the usual "as follows"; ``all``: "having all of the
following"), and ``Release`` records: the notes that take goods out of the node although its
figures are met (a camera core at or under 9 Hz, mass-market cryptography, parts of civil cars).

A node a criteria file does not describe is *not encoded*: the decision never rules it out.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from dualuse.model import Comparator, Localized, Number

__all__ = ["AnyOf", "Combine", "Criterion", "CriteriaTable", "NodeCriteria", "QuantityDef",
           "Release"]

Combine = Literal["any", "all"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class QuantityDef(_Frozen):
    """A named quantity (``frame_rate``), its dimension (``frequency``, see ``parameters.UNITS``),
    its names and the words an invoice uses for it (``cues``, lower case, EN and FR)."""

    id: str
    dimension: str
    name: Localized
    cues_en: tuple[str, ...] = ()
    cues_fr: tuple[str, ...] = ()


class Criterion(_Frozen):
    """``frame_rate gt 9 Hz``: the named quantity compared with a value in a unit."""

    quantity: str
    comparator: Comparator
    value: Number
    unit: str
    #: words in our own language on what is measured, where the quantity name is not enough
    note: str | None = None


class AnyOf(_Frozen):
    """Alternatives: met when one member is met."""

    any_of: tuple[Criterion, ...]


class Release(_Frozen):
    """A note that releases goods from ``applies_to`` (and everything under it).

    Released when every criterion of ``criteria`` is met by a stated figure, or (when there are no
    criteria) when the line contains one of the phrases ``when_en`` / ``when_fr`` (folded, lower
    case): positive evidence stated by the line, never an absence."""

    id: str
    applies_to: str
    text: Localized
    criteria: tuple[Criterion | AnyOf, ...] = ()
    when_en: tuple[str, ...] = ()
    when_fr: tuple[str, ...] = ()


class NodeCriteria(_Frozen):
    code: str
    combine: Combine = "any"
    criteria: tuple[Criterion | AnyOf, ...] = ()
    #: software or technology entries: an invoice line of goods never meets them by figures
    intangible: bool = False


class CriteriaTable(_Frozen):
    """Everything the criteria files say about one list (``list_id``)."""

    list_id: str
    nodes: dict[str, NodeCriteria]
    releases: tuple[Release, ...] = ()
    source: str = ""
