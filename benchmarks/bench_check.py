#!/usr/bin/env python3
"""Licence-check throughput: items per second, one core, memory flat in the number of lines.

Measures, in one process pinned to one core (medians of --runs; the machine is small and noisy):
- declared-code lines: declarations of 50 items whose control codes are drawn from the bundled
  catalog (entries and sub-items, plus ML codes, unknown and malformed codes), to a mix of
  destinations (EU001 partners, other third countries, sanctioned countries), export / transit /
  intra-EU transfer;
- HS-only lines: HS code and description, no control code (HS correlation + classifier);
- the baseline, same process, same declarations: pydantic validation of the declarations alone
  (the floor any checker pays); the ratio check/baseline says what the decision itself costs;
- memory: tracemalloc peak while streaming N and 4N lines through ``check_many`` (flat = the
  peak does not grow with N).

- peak RSS of the CLI (``--rss``): ``dualuse check FILE.jsonl --json`` on 10k and 100k
  declared-code items (declarations of 50 items), each in a fresh process, output to /dev/null;
  the resident-set peak comes from ``getrusage(RUSAGE_CHILDREN)`` and must not grow with N.

Usage: python benchmarks/bench_check.py [--items 20000] [--hs-items 400] [--runs 3]
                                        [--buggy-pool] [--rss 10000,100000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

ON = dt.date(2026, 11, 23)
DESTINATIONS = ["US", "JP", "CH", "GB", "CN", "IN", "BR", "AE", "TR", "RU", "BY", "IR", "VE", "MA"]
GOODS = [("852589", "Uncooled thermal imaging camera core"), ("090121", "Roasted coffee beans"),
         ("610910", "Cotton T-shirts"), ("880622", "Quadcopter drone with camera"),
         ("901320", "Fibre laser source 2 kW"), ("847150", "Rack server"),
         ("851762", "Network encryption router"), ("732410", "Stainless steel kitchen sinks"),
         ("845710", "Five-axis machining centre"), ("281111", "Anhydrous hydrogen fluoride")]


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = sorted(os.sched_getaffinity(0))[0]
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned"


def codes_pool(*, buggy: bool = False) -> list[str]:
    """Control codes of the bundled catalog (entries and sub-items) plus a few bad ones.

    ``cat.nodes()`` yields ``(list_id, node)``; until 2026-11 this unpacked it as ``(code, node)``,
    so every "code" was a list id and the benchmark measured the not-a-code path. ``buggy=True``
    reproduces that pool, to compare throughputs (``--buggy-pool``)."""
    from dualuse.catalog import open_catalog

    cat = open_catalog()
    if buggy:
        codes = [lid for lid, node in cat.nodes() if node.kind in ("entry", "sub-item")]
    else:
        codes = [node.code for _lid, node in cat.nodes() if node.kind in ("entry", "sub-item")]
    return [*codes, "9Z999", "6A", "no code", "1C350.24"]


def declarations(n_items: int, per: int, seed: int, *, hs_only: bool = False,
                 pool: list[str] | None = None) -> Iterator[dict]:
    rnd = random.Random(seed)
    made = 0
    k = 0
    while made < n_items:
        k += 1
        size = min(per, n_items - made)
        procedure = rnd.choice(["export", "export", "export", "re-export", "transit",
                                "intra-eu-transfer"])
        d: dict = {"reference": f"BENCH-{k}", "procedure": procedure}
        if procedure == "intra-eu-transfer":
            d.update(exporter_country="FR", destination_country="DE")
        elif procedure == "transit":
            d.update(exporter_country="CN", transit_country="NL",
                     destination_country=rnd.choice([x for x in DESTINATIONS if x != "CN"]))
        else:
            d.update(exporter_country="FR", destination_country=rnd.choice(DESTINATIONS))
        items = []
        for i in range(size):
            hs, desc = rnd.choice(GOODS)
            if hs_only:
                items.append({"line": i + 1, "hs_code": hs, "description": desc})
            else:
                assert pool is not None
                items.append({"line": i + 1, "hs_code": hs, "control_code": rnd.choice(pool)})
        d["items"] = items
        made += size
        yield d


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def alert_rates(catalog) -> None:  # type: ignore[no-untyped-def]
    """How often the description alert fires: on descriptions of listed items (the eval file) it
    must (a controlled item under a wrong HS code is then still review-required); on ordinary goods
    it should not (every alert is a line an officer must look at)."""
    import json

    from dualuse.classifier import classify
    from dualuse.licensing.engine import resembles_listed

    here = Path(__file__).resolve().parent
    eval_file = here.parent.parent / "shared" / "eval" / "dev_classify.jsonl"
    ordinary = [ln.strip() for ln in (here / "data" / "ordinary_goods.txt").read_text("utf-8")
                .splitlines() if ln.strip() and not ln.startswith("#")]

    def fired(text: str) -> bool:
        return any(resembles_listed(c) for c in classify(text, limit=5, catalog=catalog).candidates)

    if eval_file.is_file():
        listed = [json.loads(ln)["description"] for ln in eval_file.read_text("utf-8").splitlines()
                  if ln.strip()]
        print(f"description alert on listed items ({eval_file.name}): "
              f"{sum(map(fired, listed))}/{len(listed)}")
    print(f"description alert on ordinary goods (benchmarks/data/ordinary_goods.txt): "
          f"{sum(map(fired, ordinary))}/{len(ordinary)}")


def peak_rss(sizes: list[int]) -> None:
    """Peak resident memory of ``dualuse check FILE --json`` in a fresh process per size."""
    pool = codes_pool()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as tmp:
        for size in sizes:
            path = Path(tmp) / f"batch-{size}.jsonl"
            with path.open("w", encoding="utf-8") as fh:
                for d in declarations(size, 50, seed=4, pool=pool):
                    fh.write(json.dumps(d) + "\n")
            code = ("import resource, sys; from dualuse.cli.app import main; "
                    "rc = main(sys.argv[1:]); sys.stderr.write('maxrss_kb=%d\\n' % "
                    "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(rc)")
            t0 = time.perf_counter()
            with open(os.devnull, "w") as sink:
                proc = subprocess.run([sys.executable, "-c", code, "check", str(path), "--json",
                                       "--on", ON.isoformat()], stdout=sink,
                                      stderr=subprocess.PIPE, text=True, check=False)
            took = time.perf_counter() - t0
            rss = [ln for ln in proc.stderr.splitlines() if ln.startswith("maxrss_kb=")]
            kb = int(rss[-1].split("=")[1]) if rss else resource.getrusage(
                resource.RUSAGE_CHILDREN).ru_maxrss
            print(f"check --json, {size} declared-code items ({path.stat().st_size / 1e6:.1f} MB "
                  f"JSONL): exit {proc.returncode}, peak RSS {kb / 1024:.0f} MiB, {took:.1f} s "
                  f"-> {size / took:,.0f} items/s end to end")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--hs-items", type=int, default=400)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--buggy-pool", action="store_true",
                    help="use the old pool (list ids instead of codes) to compare throughputs")
    ap.add_argument("--rss", default="",
                    help="comma-separated item counts: peak RSS of the CLI only, then exit")
    args = ap.parse_args()
    print(f"bench_check: {pin_one_core()}")
    if args.rss:
        peak_rss([int(x) for x in args.rss.split(",")])
        return

    from dualuse.catalog import open_catalog
    from dualuse.licensing.declaration import from_dict
    from dualuse.licensing.engine import check_many
    from dualuse.licensing.rules import load_rules

    t0 = time.perf_counter()
    catalog, rules = open_catalog(), load_rules()
    list(check_many([{"procedure": "export", "exporter_country": "FR",
                      "destination_country": "US", "items": [{"line": 1,
                                                               "control_code": "6A003"}]}],
                    on=ON, catalog=catalog, rules=rules))
    print(f"first call (catalog + rules + context): {time.perf_counter() - t0:.2f} s")

    pool = codes_pool(buggy=args.buggy_pool)
    raw = list(declarations(args.items, 50, seed=1, pool=pool))
    n = sum(len(d["items"]) for d in raw)

    def baseline() -> None:
        for d in raw:
            from_dict(d)

    def run_check() -> None:
        for _ in check_many(raw, on=ON, catalog=catalog, rules=rules):
            pass

    base = [timed(baseline) for _ in range(args.runs)]
    full = [timed(run_check) for _ in range(args.runs)]
    b, f = statistics.median(base), statistics.median(full)
    print(f"declared-code lines: {n} items, median {f:.3f} s -> {n / f:,.0f} items/s "
          f"(runs: {', '.join(f'{x:.3f}' for x in full)})")
    print(f"baseline (pydantic validation only): median {b:.3f} s -> {n / b:,.0f} items/s; "
          f"check/baseline = {f / b:.2f}x")

    hs_raw = list(declarations(args.hs_items, 20, seed=2, hs_only=True))
    m = sum(len(d["items"]) for d in hs_raw)
    hs_times = [timed(lambda: [None for _ in check_many(hs_raw, on=ON, catalog=catalog,
                                                        rules=rules)])
                for _ in range(args.runs)]
    h = statistics.median(hs_times)
    print(f"HS-only lines (HS + description, classifier): {m} items, median {h:.3f} s -> "
          f"{m / h:,.0f} items/s")

    alert_rates(catalog)

    peaks = []
    for size in (args.items // 4, args.items):
        stream = declarations(size, 50, seed=3, pool=pool)
        tracemalloc.start()
        for _ in check_many(stream, on=ON, catalog=catalog, rules=rules):
            pass
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    print(f"memory, streaming: peak {peaks[0] / 1e6:.1f} MB for {args.items // 4} lines, "
          f"{peaks[1] / 1e6:.1f} MB for {args.items} lines (ratio {peaks[1] / peaks[0]:.2f})")


if __name__ == "__main__":
    main()
