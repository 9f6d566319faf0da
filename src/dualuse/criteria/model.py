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

__all__ = ["AnyOf", "Combine", "CriteriaTable", "Criterion", "CriterionResult", "CriterionStatus",
           "Decision", "DecisionStatus", "FigureRequest", "NodeCriteria", "QuantityDef", "Release",
           "ReleaseApplied"]

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
    #: the node asks for a kind of goods besides its figures ("custom integrated circuits" of
    #: 3A001.a.10): met only when the line names that kind; its figures alone leave it undecided
    kind_required: bool = False


class CriteriaTable(_Frozen):
    """Everything the criteria files say about one list (``list_id``)."""

    list_id: str
    nodes: dict[str, NodeCriteria]
    releases: tuple[Release, ...] = ()
    source: str = ""


# --- the answer of the decision layer (read by classify, check, the CLI and the exercises) ------
DecisionStatus = Literal["listed", "not-listed", "needs-figure"]
CriterionStatus = Literal["meets", "does-not-meet", "not-stated"]


class CriterionResult(_Frozen):
    """One criterion of one node, held against the line: structured, plus the sentence."""

    code: str                     # the node whose criterion this is (``6A003.b.4``)
    quantity: str                 # named quantity id (``frame_rate``)
    comparator: str               # gt | ge | lt | le | eq
    value: Number
    unit: str
    status: CriterionStatus
    stated: str | None = None     # the line's figure as written ("60 Hz"), when stated
    text: Localized               # "60 Hz frame rate exceeds the limit of 9 Hz (6A003.b.4)"


class FigureRequest(_Frozen):
    """A figure the line lacks that would decide: "state the frame rate"."""

    quantity: str
    codes: tuple[str, ...]        # the nodes it would decide
    text: Localized               # "state the frame rate" / "indiquer la fréquence d'images"


class ReleaseApplied(_Frozen):
    id: str
    applies_to: str
    text: Localized


class Decision(_Frozen):
    """Is this line controlled? ``listed`` (names the node and the figures that meet it),
    ``not-listed`` (names what was ruled out and why, or that nothing resembles the goods), or
    ``needs-figure`` (names the figures to ask for)."""

    status: DecisionStatus
    code: str | None = None                       # the listed node, for ``listed``
    entries: tuple[str, ...] = ()                 # the entries the goods were held against
    criteria: tuple[CriterionResult, ...] = ()
    missing: tuple[FigureRequest, ...] = ()
    releases: tuple[ReleaseApplied, ...] = ()
    reasons: tuple[Localized, ...] = ()
