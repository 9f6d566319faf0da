#!/usr/bin/env python3
"""How many quantities of the official wording became thresholds (docs/parameters.md).

Usage: python benchmarks/parameter_completeness.py [PDF] [--show]

Reads the official Wassenaar PDF (default: ../shared/data/wassenaar-2025/*.pdf), finds every number
with a known unit in the entries and sub-items of groups 3A, 3B, 4A, 5A, 6A, 7A and 9A (an
equivalent in parentheses, "75 W (48.75 dBm)", is not counted), and reports how many are
extracted as thresholds; the others are split into measurement conditions / bands / ranges and
the rest (``--show`` prints the rest, with context, to review by eye).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from dualuse.parameters import extract_thresholds, find_quantities
from dualuse.sources.wassenaar_pdf import read_pdf

GROUPS = ("3A", "3B", "4A", "5A", "6A", "7A", "9A")
# wording that scopes a threshold rather than sets one: measurement conditions, bands, ranges
CONDITION = re.compile(
    r"reference|measured|at [0-9.,]+ ?\S+|at a |from [-0-9.,]+ ?\S* ?(?:\([^)]*\) )?to|band|"
    r"between|repetition|operating temperature|range|per 1g|probability|other than|duty cycle|"
    r"using|irradiance|λ is|when synthesising|conditions for|[≤<] F|\bin a \d|within", re.I)


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    repo = Path(__file__).resolve().parents[1]
    pdf = Path(args[0]) if args else next((repo.parent / "shared" / "data" /
                                           "wassenaar-2025").glob("*.pdf"))
    total: Counter[str] = Counter()
    found: Counter[str] = Counter()
    conditions, rest = 0, []
    for node in read_pdf(pdf).nodes:
        if not node.text or not node.code.startswith(GROUPS) or node.kind not in ("entry",
                                                                               "sub-item"):
            continue
        text = node.text
        extracted = {(str(p.value), p.unit) for p in extract_thresholds(text, node.code)}
        for q in find_quantities(text, "en"):
            if q.unit == "px" or text[max(0, q.start - 2):q.start].rstrip().endswith("("):
                continue
            group = node.code[:2]
            total[group] += 1
            if (str(q.value), q.unit) in extracted:
                found[group] += 1
                continue
            around = text[max(0, q.start - 40):q.end + 15]
            if CONDITION.search(around):
                conditions += 1
            else:
                rest.append(f"{node.code} | {' '.join(around.split())}")
    n, k = sum(total.values()), sum(found.values())
    print(f"thresholds: {k} of {n} quantities ({100 * k / n:.0f} %)")
    print("by group: " + ", ".join(f"{g} {found[g]}/{total[g]}" for g in sorted(total)))
    print(f"not thresholds: {conditions} conditions, bands or ranges; {len(rest)} others")
    if "--show" in sys.argv:
        print("\n".join(rest))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
