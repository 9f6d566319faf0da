#!/usr/bin/env python3
"""The screening hot path, each measure beside its baseline run in the same process (ratios).

- description-only lines per second, one core: ``classify``, ``screen`` (the decision alone, what
  ``check`` runs for such items) and ``check`` of declarations whose items carry a description and
  nothing else (the common case in customs declarations);
- warm ``classify`` and ``screen`` latency, median and p99;
- the same ``check`` of declarations that repeat their lines (a fifth of the texts, each five
  times): ``check`` screens a text once per context; never read this row as the distinct-line one;
- HS-only items per second (``check`` of items with an HS code and no description);
- declared-code items per second (``check`` of items with a control code drawn from the catalog:
  ``cat.nodes()`` yields ``(list_id, node)``, the codes are ``node.code``).

Baseline, same process, same inputs: the code paths before the screening work of 2026-11-29 put
back (``baseline()``): ``check`` runs the full ``classify``; every shortlisted entry is held
against the line's figures, whatever they measure, and the decision holds them again; criterion
wording, limits and phrase patterns are worked out per call; each text is analysed through the
whoosh analysers per call; decontrol notes and the entry a node rolls up to are looked up per
line; criteria files are found with ``Path.glob``; and, as before, ``hs_candidates`` rebuilds its
dict per call and rule rows derive a code's ancestry per row. Each figure is the median of
``--runs`` runs (CPU time of this process, ``time.process_time``); the machine is small, shared
and noisy: trust the ratios more than the absolute figures. ``--freeze`` calls ``gc.freeze()``
after warming up (what a long-running screening service would do: the collector stops walking
the catalog's objects).

A second column, "round 1", puts back only what the second round changed (``round1()``): the
ratio beside it is this round's gain.

Usage: python benchmarks/bench_screening.py [--runs 3] [--lines 150] [--items 2000] [--freeze]
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


def _whoosh_tokens(text: str, lang: str) -> list[str]:
    from dualuse import textproc
    from dualuse.analysis import analyzer

    seen: dict[str, None] = {}
    for tok in analyzer(lang)(textproc.prepare(text)):
        seen.setdefault(tok.text, None)
    return list(seen)


def _has_phrase(self: Any, phrase: str) -> bool:
    import re

    from dualuse import textproc

    p = textproc.fold(phrase).strip()
    return bool(p) and re.search(rf"(?<![a-z0-9]){re.escape(p)}(?:s|x|es)?(?![a-z0-9])",
                                 self.folded) is not None


def _decontrol_evidence(cat: Any, a: Any, description: str, lang: str) -> None:
    from dualuse.candidates import Evidence, _phrase_tokens, _t

    if not description.strip():
        return
    query = _phrase_tokens(description, lang)
    for node in cat.walk(a.entry, a.list_id):
        for r in node.remarks:
            if r.type == "decontrol" and r.lang == lang and \
                    len(_phrase_tokens(r.text, lang) & query) >= 2:
                a.evidence.append(Evidence(kind="decontrol", code=node.code, detail=_t(
                    "decontrol", lang).format(code=node.code, text=r.text)))
        if node.is_note and node.decontrol and node.text and \
                len(_phrase_tokens(node.text, "en") & query) >= 3:
            a.evidence.append(Evidence(kind="decontrol", code=node.code, detail=_t(
                "decontrol", lang).format(code=node.parent, text=node.code)))


def _ranks_under(cat: Any) -> Callable[[str, str, str | None], tuple[str, str]]:
    from dualuse.codes import control

    def ranks_under(list_id: str, code: str, entry: str | None) -> tuple[str, str]:
        entry = entry or control.entry_level(code)
        holders = cat.lists_with(entry)
        return (holders[0] if list_id in holders else list_id), entry

    return ranks_under


def _screen_by_classify(description: str = "", **kw: Any) -> Any:
    from dualuse.classifier import classify

    return classify(description, **kw)


def _add_plain(total: dict[int, float], scores: dict[int, float]) -> None:
    for d, v in scores.items():
        total[d] = total.get(d, 0.0) + v


def _best_plain(total: dict[int, float], limit: int) -> list[int]:
    import heapq

    return heapq.nsmallest(limit, total, key=lambda d: (-total[d], d))


def _hit_facts_plain(seen: Any, matched: Any, coverage: Any, has_digits: bool) -> Any:
    from dualuse.ranking import _units_only

    return (coverage(matched), has_digits and _units_only(matched),
            {t for ts in matched.values() for t in ts})


def _fold_plain(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _screened_plain(description: str, hold: tuple[str, ...], ctx: Any) -> Any:
    from dualuse.classifier import screen

    return screen(description, hs=None, limit=5, catalog=ctx.catalog, hold=hold)


@contextlib.contextmanager
def round1() -> Iterator[None]:
    """Put back the code paths of the first round (before the second, 2026-11-29 evening): the
    retriever's scores summed one document at a time and its best documents by a keyed heap; each
    hit's coverage worked out anew; ``textproc.fold`` normalising ASCII text too (callers that
    imported it by name keep the new one); the criteria files listed and stat'ed on every call; each
    description-only item of ``check`` screened even when an earlier item had the same text."""
    from dualuse import ranking, retrieve, textproc
    from dualuse.criteria import load
    from dualuse.licensing import status

    with _patched([(retrieve, "_add", _add_plain), (retrieve, "_best", _best_plain),
                   (textproc, "fold", _fold_plain),
                   (ranking, "_hit_facts", _hit_facts_plain), (load, "FRESHNESS_SECONDS", 0.0),
                   (status, "_screened", _screened_plain)]):
        yield


@contextlib.contextmanager
def _patched(patches: list[tuple[Any, str, Any]]) -> Iterator[None]:
    saved = [(obj, name, getattr(obj, name)) for obj, name, _ in patches]
    try:
        for obj, name, value in patches:
            setattr(obj, name, value)
        yield
    finally:
        for obj, name, value in saved:
            setattr(obj, name, value)


@contextlib.contextmanager
def baseline() -> Iterator[None]:
    """Put the code paths before the screening work back for the duration (both rounds)."""
    from dualuse import classifier, hs_map, line, ranking, ranking_criteria, textproc
    from dualuse.criteria import decide, evaluate, load, wording
    from dualuse.licensing import rules

    patches: list[tuple[Any, str, Any]] = [
        (classifier, "screen", _screen_by_classify),
        (ranking, "_may_be_shown", lambda ranked, limit, most: list(ranked)),
        (ranking_criteria, "_may_hold", lambda line, tables, list_id, entry: any(
            entry in t.nodes for t in tables.values())),
        (decide, "evaluate_entry", decide._evaluate_entry),
        (evaluate, "result_text", wording._result_text),
        (evaluate, "_limit", evaluate._limit.__wrapped__),
        (textproc, "tokens", _whoosh_tokens),
        (line.Line, "has_phrase", _has_phrase),
        (classifier, "_decontrol_evidence", _decontrol_evidence),
        (ranking, "_ranks_under", _ranks_under),
        (load, "criteria_files", lambda root=None: sorted(
            (root or load.resources.control_lists_dir()).glob("*/*/criteria/*.xml"))),
        (hs_map, "_flat", hs_map._flat.__wrapped__),
        (rules, "_chain", rules._chain.__wrapped__),
    ]
    with round1(), _patched(patches):
        yield


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


def forget_lines() -> None:
    """Empty the caches keyed by a line's text, so that no run reads the previous run's lines."""
    from dualuse import candidates, textproc
    from dualuse.criteria import evaluate
    from dualuse.licensing import context

    textproc._tokens.cache_clear()
    candidates._phrase_tokens.cache_clear()
    evaluate._MEMO.clear()
    for ctx in context._contexts.values():
        ctx.screen_cache.clear()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--lines", type=int, default=150,
                    help="distinct description-only lines per run (at most the sets' 140)")
    ap.add_argument("--items", type=int, default=2000, help="HS-only / declared-code items")
    ap.add_argument("--freeze", action="store_true", help="gc.freeze() after warming up")
    args = ap.parse_args()
    print(pin_one_core())

    import datetime as dt
    import gc

    from dualuse import classifier
    from dualuse.catalog import open_catalog
    from dualuse.licensing.engine import check_many
    from dualuse.retrieve import open_retriever

    on = dt.date(2026, 11, 23)
    cat = open_catalog()
    t0 = time.process_time()
    open_retriever(cat)
    print(f"retriever ready (load or build) in {time.process_time() - t0:.2f} s CPU")
    lines = list(dict.fromkeys(descriptions()))[: args.lines]  # distinct: no line read twice
    desc_decls = declarations([{"description": d} for d in lines])
    # declarations repeating their lines: each of len(lines) // 5 distinct texts five times
    distinct = lines[: max(1, len(lines) // 5)]
    repeated = [distinct[i % len(distinct)] for i in range(len(lines))]
    random.Random(5).shuffle(repeated)
    rep_decls = declarations([{"description": d} for d in repeated])
    hs_pool = ["852589", "090121", "610910", "880622", "901320", "847150", "851762", "845710",
               "281111", "930190", "8542.31", "8471 30 00 00"]
    rnd = random.Random(11)
    hs_decls = declarations([{"hs_code": rnd.choice(hs_pool)} for _ in range(args.items)])
    codes = [node.code for _, node in cat.nodes() if node.kind in ("entry", "sub-item")]
    code_decls = declarations([{"control_code": rnd.choice(codes), "hs_code": rnd.choice(hs_pool)}
                               for _ in range(args.items)])

    def per_line(name: str) -> Callable[[], list[float]]:
        def run() -> list[float]:
            fn = getattr(classifier, name)  # looked up per run: baseline() swaps screen
            forget_lines()
            out = []
            for d in lines:
                t = time.process_time()
                fn(d, limit=10 if name == "classify" else 5, catalog=cat)
                out.append(time.process_time() - t)
            return out
        return run

    def run_check(decls: list[dict[str, Any]]) -> Callable[[], Any]:
        def run() -> Any:
            forget_lines()
            return list(check_many(decls, on=on))
        return run

    # warm both paths once (retriever, chemicals, rules, criteria, analysers)
    for mode in (contextlib.nullcontext(), round1(), baseline()):
        with mode:
            per_line("classify")()
            per_line("screen")()
            list(check_many(desc_decls[:1], on=on))
    if args.freeze:
        gc.collect()
        gc.freeze()

    rows = []
    for name, n, new_fn in [
        ("classify, description-only lines/s", len(lines), per_line("classify")),
        ("screen, description-only lines/s", len(lines), per_line("screen")),
        ("check, description-only items/s", len(lines), run_check(desc_decls)),
        (f"check, the same, {len(distinct)} texts x5", len(lines), run_check(rep_decls)),
        ("check, HS-only items/s", args.items, run_check(hs_decls)),
        ("check, declared-code items/s", args.items, run_check(code_decls)),
    ]:
        new = median_of(args.runs, new_fn)
        with round1():
            first = median_of(args.runs, new_fn)
        with baseline():
            base = median_of(args.runs, new_fn)
        rows.append((name, n / new, n / first, n / base))

    latencies = []
    for name in ("classify", "screen"):
        lat = []
        for mode in (contextlib.nullcontext(), round1(), baseline()):
            with mode:
                lat.append(sorted(x for _ in range(args.runs) for x in per_line(name)()))
        latencies.append((name, *lat))

    def p(xs: list[float], q: float) -> float:
        return 1000 * xs[min(len(xs) - 1, int(q * len(xs)))]

    print(f"{'measure':40} {'now':>9} {'round 1':>9} {'ratio':>6} {'baseline':>9} {'ratio':>6}")
    for name, new_rate, first_rate, base_rate in rows:
        print(f"{name:40} {new_rate:9.0f} {first_rate:9.0f} {new_rate / first_rate:6.2f} "
              f"{base_rate:9.0f} {new_rate / base_rate:6.1f}")
    for name, lat_new, lat_first, lat_base in latencies:
        for q, label in ((0.5, "median"), (0.99, "p99")):
            a, f, b = p(lat_new, q), p(lat_first, q), p(lat_base, q)
            print(f"{name + ' warm ' + label + ' ms':40} {a:9.2f} {f:9.2f} {f / a:6.2f} "
                  f"{b:9.2f} {b / a:6.1f}")
    print(f"(CPU time, medians of {args.runs} runs, {len(lines)} description lines, "
          f"{args.items} HS/code items{', gc frozen' if args.freeze else ''}; shared noisy "
          "machine: read the ratios)")


if __name__ == "__main__":
    main()
