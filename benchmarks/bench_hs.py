"""HS look-ups: batch speed of ``hs_candidates`` and how well HS narrows to the right entry.

    python benchmarks/bench_hs.py

Prints lines/s (median of 5 runs of 100,000 codes in one call), then, on a held-out set of
(HS code of a listed good, expected entry) pairs written by hand from typical declarations, the
share where the expected entry (or a sub-item of it) is among the candidates, and the median
number of distinct entry-level candidates per 6-digit code in the index.
"""

from __future__ import annotations

import random
import statistics
import time

from dualuse.codes import control
from dualuse.codes.hs import all_codes
from dualuse.hs_map import _index, hs_candidates

# (HS as written on a declaration, expected entry): typical goods, chosen by hand, not from the KB.
HELD_OUT = [
    ("8525.89.00", "6A003"),      # thermal imaging camera
    ("9013.80", "6A005"),         # laser module
    ("8542.31.90", "3A001"),      # FPGA / microprocessor
    ("8517.62.00", "5A002"),      # encrypting router
    ("8471.50", "4A003"),         # high-performance server
    ("8411.12", "9A001"),         # turbofan engine
    ("8806.22", "9A012"),         # unmanned aircraft
    ("2930.70", "1C350"),         # thiodiglycol
    ("2931.41", "1C350"),         # DMMP
    ("2812.11", "1C450"),         # phosgene
    ("2931.59", "ML7"),           # sarin family (organophosphorus, halogenated)
    ("3602.00", "ML8"),           # prepared explosives
    ("9301.10", "ML2"),           # artillery
    ("8710.00", "ML6"),           # armoured vehicles
    ("9014.20", "7A"),            # inertial/flight navigation instruments
    ("8543.70", "5A001"),         # jamming / interception equipment
    ("8526.10", "6A008"),         # radar
    ("9027.50", "6A"),            # spectrometers / imaging
]


def bench(n: int = 100_000, *, unique: bool = False) -> float:
    """``unique``: every code a distinct TARIC-10 line (no memo hits), the worst case."""
    rng = random.Random(1)
    pool = [*_index()[0], "85", "8542", "9999.99", "bad"]
    if unique:
        subs = sorted(all_codes(6))
        codes = [f"{subs[i % len(subs)]}{i // len(subs):04d}" for i in range(n)]
    else:
        codes = [rng.choice(pool) + rng.choice(["", "00", "0000"]) for _ in range(n)]
    hs_candidates(codes[:10])  # build the index once
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        hs_candidates(codes)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def evaluate() -> tuple[int, int, float, list[str]]:
    hits, misses, per_query = 0, [], []
    for code, expected in HELD_OUT:
        cands = hs_candidates([code])[0]
        per_query.append(len({c.split(".")[0] for c in cands}))
        if any(c == expected or c.startswith(expected) for c in cands):
            hits += 1
        else:
            misses.append(f"{code} -> {expected} (got {', '.join(cands[:6]) or 'nothing'})")
    index = _index()[0]
    sizes = []
    for slot in index.values():
        roots = {control.entry_level(c) if control.is_valid(c) else c.split(".")[0] for c in slot}
        sizes.append(len(roots))
    print(f"held-out: median entry-level candidates per query {statistics.median(per_query)}, "
          f"max {max(per_query)}")
    return hits, len(HELD_OUT), statistics.median(sizes) if sizes else 0.0, misses


if __name__ == "__main__":
    for unique in (False, True):
        secs = bench(unique=unique)
        what = "distinct TARIC-10 lines" if unique else "codes drawn from the index"
        print(f"hs_candidates: 100000 {what} in {secs:.3f} s (median of 5) = "
              f"{100_000 / secs:,.0f} lines/s")
    hits, total, median, misses = evaluate()
    print(f"held-out: expected entry among candidates {hits}/{total} ({100 * hits / total:.0f}%)")
    print(f"median entry-level candidates per indexed 6-digit code: {median}")
    for m in misses:
        print("  miss:", m)
