#!/usr/bin/env python3
"""Classification benchmark: dualuse against a plain BM25 baseline, in one run.

Measures, on this machine (medians; the machine is small and noisy):
- index build time from the catalog (bundled data, plus an imported edition if DUALUSE_HOME has one);
- warm ``classify`` latency (median, p99) over an eval file;
- cold ``dualuse classify ... --json`` process time (index already built);
- top-1 / top-5 recall per language for dualuse and for the baseline: SQLite FTS5 (Porter
  stemming, BM25) over the same fields, or with ``--baseline-official`` over the official text only,
  rolled up to entry level.

Usage: python benchmarks/bench_classify.py [EVAL.jsonl] [--runs 3] [--baseline-official]
Default EVAL: ../shared/eval/dev_classify.jsonl.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_EVAL = HERE.parent.parent / "shared" / "eval" / "dev_classify.jsonl"


def entry_level(code: str) -> str:
    from dualuse.codes import control

    try:
        return control.entry_level(code)
    except Exception:
        return code


def recall(cases: list[dict], ranked: list[list[str]]) -> dict[str, float]:
    out: dict[str, list[tuple[bool, bool]]] = {}
    for case, codes in zip(cases, ranked):
        want = {entry_level(x) for x in case["expect"]}
        got = [entry_level(c) for c in codes][:5]
        out.setdefault(case.get("lang", "en"), []).append(
            (bool(got) and got[0] in want, any(g in want for g in got)))
    res = {}
    allrows = [r for rows in out.values() for r in rows]
    res["top1"] = sum(a for a, _ in allrows) / len(allrows)
    res["top5"] = sum(b for _, b in allrows) / len(allrows)
    for lang, rows in sorted(out.items()):
        res[f"{lang}_top1"] = sum(a for a, _ in rows) / len(rows)
        res[f"{lang}_top5"] = sum(b for _, b in rows) / len(rows)
    return res


class Fts5Baseline:
    """Plain BM25 over the same text, SQLite FTS5 with the Porter stemmer, entry-level roll-up."""

    def __init__(self, official_only: bool):
        from dualuse.catalog import open_catalog

        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE n USING fts5(code UNINDEXED, body, "
                        "tokenize='porter unicode61 remove_diacritics 2')")
        rows = []
        for _, node in open_catalog().nodes():
            if node.kind not in ("entry", "sub-item"):
                continue
            if official_only:
                body = node.text or ""
            else:
                body = " ".join([node.title.en or "", node.title.fr or "", *node.keywords.en,
                                 *node.keywords.fr, node.text or ""])
            if body.strip():
                rows.append((node.code, body))
        self.db.executemany("INSERT INTO n VALUES (?, ?)", rows)
        self.docs = len(rows)

    def query(self, text: str, limit: int = 5) -> list[str]:
        import re

        words = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 1 and not w.isdigit()]
        if not words:
            return []
        q = " OR ".join(f'"{w}"' for w in words)
        out: list[str] = []
        for (code,) in self.db.execute(
                "SELECT code FROM n WHERE n MATCH ? ORDER BY bm25(n) LIMIT 60", (q,)):
            e = entry_level(code)
            if e not in out:
                out.append(e)
            if len(out) == limit:
                break
        return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("eval", nargs="?", default=str(DEFAULT_EVAL))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--baseline-official", action="store_true")
    a = ap.parse_args()
    cases = [json.loads(line) for line in open(a.eval, encoding="utf-8") if line.strip()]

    import dualuse
    from dualuse import index
    from dualuse.catalog import clear_caches, open_catalog

    cat = open_catalog()
    # index build (fresh home each run so nothing is reused)
    builds = []
    real_home = os.environ.get("DUALUSE_HOME")
    for _ in range(a.runs):
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["DUALUSE_HOME"] = tmp
            clear_caches()
            t = time.perf_counter()
            index.open_index(open_catalog(imported=False) if real_home is None else cat)
            builds.append(time.perf_counter() - t)
    if real_home is None:
        os.environ.pop("DUALUSE_HOME", None)
    else:
        os.environ["DUALUSE_HOME"] = real_home
    clear_caches()
    index.open_index()  # build the real one once for the warm and cold runs

    def run_dualuse() -> list[list[str]]:
        return [[c.code for c in dualuse.classify(case["description"], hs=case.get("hs"),
                                                  cas=case.get("cas") or (),
                                                  lang=case.get("lang"), limit=5).candidates]
                for case in cases]

    ranked = run_dualuse()  # warm-up
    lat = []
    for _ in range(a.runs):
        for case in cases:
            t = time.perf_counter()
            dualuse.classify(case["description"], hs=case.get("hs"), cas=case.get("cas") or (),
                             lang=case.get("lang"), limit=5)
            lat.append((time.perf_counter() - t) * 1000)
    lat.sort()
    cold = []
    for case in cases[:5]:
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dualuse", "classify", case["description"], "--json",
                        "--limit", "5"], capture_output=True, check=True)
        cold.append(time.perf_counter() - t)

    base = Fts5Baseline(official_only=a.baseline_official)
    blat, branked = [], []
    for case in cases:
        t = time.perf_counter()
        branked.append(base.query(case["description"]))
        blat.append((time.perf_counter() - t) * 1000)
    blat.sort()
    mine, theirs = recall(cases, ranked), recall(cases, branked)
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(f"catalog: {', '.join(e.label() for e in cat.editions)}")
    print(f"index build (bundled data): median {statistics.median(builds):.2f} s over {a.runs}")
    print(f"warm classify: median {statistics.median(lat):.1f} ms, p99 {p99:.1f} ms "
          f"(n={len(lat)})")
    print(f"cold `dualuse classify --json` process: median {statistics.median(cold):.2f} s")
    which = "official text only" if a.baseline_official else "same fields"
    print(f"baseline FTS5/BM25 ({which}, {base.docs} docs): median "
          f"{statistics.median(blat):.2f} ms")
    print("recall        dualuse  baseline  ratio")
    for key in mine:
        ratio = mine[key] / theirs[key] if theirs[key] else float("inf")
        print(f"  {key:<10} {mine[key]:7.2f} {theirs[key]:9.2f}  {ratio:5.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
