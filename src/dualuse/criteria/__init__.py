"""Criteria tables (per sub-item: named quantity, comparator, value, unit; how they combine; the
notes that release goods) and the named-quantity registry. Read by the importers (to check
thresholds against official wording), the decision, the licence engine and the exercises. This
layer does not import the search layer."""

from dualuse.criteria.load import criteria_files, load_criteria, quantities
from dualuse.criteria.model import (
    AnyOf,
    Combine,
    CriteriaTable,
    Criterion,
    CriterionResult,
    Decision,
    FigureRequest,
    NodeCriteria,
    QuantityDef,
    Release,
    ReleaseApplied,
)

__all__ = ["AnyOf", "Combine", "CriteriaTable", "Criterion", "CriterionResult", "Decision",
           "FigureRequest", "NodeCriteria", "QuantityDef", "Release", "ReleaseApplied",
           "criteria_files", "load_criteria", "quantities"]
