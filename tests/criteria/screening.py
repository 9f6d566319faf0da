"""What the family screening tests read of a line: the bundled decision, and its reasons."""

from __future__ import annotations

from dualuse.criteria.model import Decision


def decision(text: str) -> Decision:
    """``classify``'s decision on ``text`` with the bundled criteria."""
    from dualuse import classify

    d = classify(text, limit=10).decision
    assert d is not None
    return d


def reasons(d: Decision) -> str:
    """The decision's reasons in English, one string."""
    return " | ".join(r.en for r in d.reasons)
