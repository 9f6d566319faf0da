#!/usr/bin/env python3
"""The screening hot path, each measure beside its baseline run in the same process (ratios).

- description-only lines per second, one core: ``classify`` alone and ``check`` of declarations
  whose items carry a description and nothing else (the common case in customs declarations);
- warm ``classify`` latency, median and p99;
- HS-only items per second (``check`` of items with an HS code and no description);
- declared-code items per second (``check`` of items with a control code drawn from the catalog:
  ``cat.nodes()`` yields ``(list_id, node)``, the codes are ``node.code``).

Baselines, same process, same inputs: the classifier's retrieval through the whoosh index
(``index.WhooshIndex``, as before ``dualuse.retrieve``), ``hs_candidates`` rebuilding its dict per
call, rule rows deriving a code's ancestry per row. Each figure is the median of ``--runs`` runs
(CPU time of this process, ``time.process_time``); the machine is small, shared and noisy: trust
the ratios more than the absolute figures.

Usage: python benchmarks/bench_screening.py [--runs 3] [--lines 150] [--items 2000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bench_check import pin_one_core  # same folder: one way to pin the benchmark to a core

HERE = Path(__file__).resolve().parent
_SHARED = Path(os.environ["DUALUSE_SOURCES"]).parent if os.environ.get("DUALUSE_SOURCES") \
    else HERE.parent.parent / "shared"
SETS = [_SHARED / "eval" / "dev_classify.jsonl", HERE / "data" / "probe_classify.jsonl"]
DESTINATIONS = ["US", "JP", "CH", "GB", "CN", "IN", "AE", "TR", "RU", "IR"]


def descriptions() -> list[str]:
    out: list[str] = []
    for path in SETS:
        if path.is_file():
            out += [json.loads(x)["description"] for x in path.read_text("utf-8").splitlines()
                    if x.strip()]
    ordinary = HERE / "data" / "ordinary_goods.txt"
    out += [x.strip() for x in ordinary.read_text("utf-8").splitlines()
            if x.strip() and not x.startswith("#")]
    return [x for x in out if x.strip()]


class WhooshRetrieval:
    """The baseline: whoosh for the query, the phrase bonus analysed per call (as before)."""

    def __init__(self, catalog: Any):
        from dualuse.index import open_index

        self._ix = open_index(catalog)
        self._cat = catalog
        self.query, self.gram_clauses, self.idf = \
            self._ix.query, self._ix.gram_clauses, self._ix.idf

    def whole_phrase(self, list_id: str, code: str, query: dict[str, frozenset[str]]) -> bool:
        from dualuse.classifier import _whole_phrase

        return _whole_phrase(self._cat.lists[list_id].nodes.get(code), query)


@contextlib.contextmanager
def baseline() -> Iterator[None]:
    """Put the previous code paths back for the duration."""
    from dualuse import classifier, hs_map
    from dualuse.licensing import rules

    saved = (classifier.open_retriever, hs_map._flat, rules._chain)
    classifier.open_retriever = WhooshRetrieval  # type: ignore[assignment]
    hs_map._flat = hs_map._flat.__wrapped__  # type: ignore[assignment]
    rules._chain = rules._chain.__wrapped__  # type: ignore[assignment]
    try:
        yield
    finally:
        classifier.open_retriever, hs_map._flat, rules._chain = saved  # type: ignore[assignment]


def declarations(items: list[dict[str, Any]], per: int = 50) -> list[dict[str, Any]]:
    rnd = random.Random(7)
    out = []
    for k in range(0, len(items), per):
        chunk = [{"line": i + 1, **it} for i, it in enumerate(items[k:k + per])]
        out.append({"reference": f"BENCH-{k}", "procedure": "export", "exporter_country": "FR",
                    "destination_country": rnd.choice(DESTINATIONS), "items": chunk})
    return out


def cpu(fn: Callable[[], Any]) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def median_of(runs: int, fn: Callable[[], Any]) -> float:
    return statistics.median(cpu(fn) for _ in range(runs))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--lines", type=int, default=150, help="description-only lines per run")
    ap.add_argument("--items", type=int, default=2000, help="HS-only / declared-code items")
    args = ap.parse_args()
    print(pin_one_core())

    import datetime as dt

    from dualuse.catalog import open_catalog
    from dualuse.classifier import classify
    from dualuse.licensing.engine import check_many
    from dualuse.retrieve import open_retriever

    on = dt.date(2026, 11, 23)
    cat = open_catalog()
    t0 = time.process_time()
    open_retriever(cat)
    print(f"retriever ready (load or build) in {time.process_time() - t0:.2f} s CPU")
    lines = (descriptions() * 10)[: args.lines]
    desc_decls = declarations([{"description": d} for d in lines])
    hs_pool = ["852589", "090121", "610910", "880622", "901320", "847150", "851762", "845710",
               "281111", "930190", "8542.31", "8471 30 00 00"]
    rnd = random.Random(11)
    hs_decls = declarations([{"hs_code": rnd.choice(hs_pool)} for _ in range(args.items)])
    codes = [node.code for _, node in cat.nodes() if node.kind in ("entry", "sub-item")]
    code_decls = declarations([{"control_code": rnd.choice(codes), "hs_code": rnd.choice(hs_pool)}
                               for _ in range(args.items)])

    def run_classify() -> list[float]:
        out = []
        for d in lines:
            t = time.process_time()
            classify(d, limit=10, catalog=cat)
            out.append(time.process_time() - t)
        return out

    def run_check(decls: list[dict[str, Any]]) -> Callable[[], Any]:
        return lambda: list(check_many(decls, on=on))

    # warm both paths once (whoosh index and retriever cache, chemicals, rules)
    run_classify()
    list(check_many(desc_decls[:1], on=on))
    with baseline():
        run_classify()

    rows = []
    for name, n, new_fn in [
        ("classify, description-only lines/s", len(lines), run_classify),
        ("check, description-only items/s", len(lines), run_check(desc_decls)),
        ("check, HS-only items/s", args.items, run_check(hs_decls)),
        ("check, declared-code items/s", args.items, run_check(code_decls)),
    ]:
        new = median_of(args.runs, new_fn)
        with baseline():
            base = median_of(args.runs, new_fn)
        rows.append((name, n / new, n / base))

    lat_new = sorted(x for _ in range(args.runs) for x in run_classify())
    with baseline():
        lat_base = sorted(x for _ in range(args.runs) for x in run_classify())

    def p(xs: list[float], q: float) -> float:
        return 1000 * xs[min(len(xs) - 1, int(q * len(xs)))]

    print(f"{'measure':40} {'now':>10} {'baseline':>10} {'ratio':>7}")
    for name, new_rate, base_rate in rows:
        print(f"{name:40} {new_rate:10.0f} {base_rate:10.0f} {new_rate / base_rate:7.1f}")
    for q, label in ((0.5, "median"), (0.99, "p99")):
        a, b = p(lat_new, q), p(lat_base, q)
        print(f"{'classify warm ' + label + ' ms':40} {a:10.2f} {b:10.2f} {b / a:7.1f}")
    print(f"(CPU time, medians of {args.runs} runs, {len(lines)} description lines, "
          f"{args.items} HS/code items; shared noisy machine: read the ratios)")


if __name__ == "__main__":
    main()
