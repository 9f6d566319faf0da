"""Screen the HS codes of a batch of declaration lines: which lines need a closer look?

    python examples/hs_screening.py
"""

import dualuse

codes = ["8525.89.00", "8471.30", "2930.70", "0901.11", "8542.31.90.10"]
for code, entries in zip(codes, dualuse.hs_candidates(codes), strict=True):
    verdict = "check against " + ", ".join(entries) if entries else "no dual-use entry linked"
    print(f"{code:<16} {verdict}")
