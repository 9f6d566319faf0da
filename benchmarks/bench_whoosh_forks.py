#!/usr/bin/env python3
"""Compare whoosh forks on the same corpus: import cleanliness under -W error, import time,
index build time, query latency (median / p99). Run once per fork, each in its own venv:

    python benchmarks/bench_whoosh_forks.py CORPUS.txt

CORPUS.txt: one document per paragraph (blank-line separated); `benchmarks/run_whoosh_forks.sh`
makes one from the official Wassenaar PDF (read from ../shared/data, never committed).
"""

from __future__ import annotations

import importlib.metadata as md
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

QUERIES = [
    "thermal camera focal plane array", "spectrum analyser", "inertial measurement unit gyro",
    "rocket motor propellant", "side scan sonar", "frequency synthesizer", "machine tool spindle",
    "composite fibre prepreg", "encryption cryptographic", "unmanned aerial vehicle",
    "laser diode wavelength", "superconducting wire", "underwater vehicle manipulator",
    "radar altimeter", "body armour", "detonator explosive", "semiconductor wafer epitaxial",
]


def main() -> int:
    corpus = open(sys.argv[1], encoding="utf-8").read().split("\n\n")
    docs = [d.strip() for d in corpus if len(d.strip()) > 20]
    dist = next((d for d in ("whoosh-reloaded", "whoosh3", "whoosh-ng", "Whoosh", "whoosh")
                 if _version(d)), "?")
    # Recompile every module with warnings as errors: installed .pyc files hide SyntaxWarnings.
    clean = subprocess.run([sys.executable, "-W", "error", "-c",
                            "import compileall, os, sys, whoosh; sys.exit(0 if compileall.compile_dir("
                            "os.path.dirname(whoosh.__file__), force=True, quiet=2) else 1)"],
                           capture_output=True, text=True).returncode == 0
    meta = md.metadata(dist)
    licence = (meta.get("License-Expression") or meta.get("License") or "").split("\n")[0][:30]
    classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License")]
    licence = licence or (classifiers[0].split("::")[-1].strip() if classifiers else "?")
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from whoosh import analysis, fields, index, qparser
    t_import = time.perf_counter() - t
    schema = fields.Schema(id=fields.ID(stored=True),
                           body=fields.TEXT(analyzer=analysis.StemmingAnalyzer()))
    tmp = tempfile.mkdtemp()
    t = time.perf_counter()
    ix = index.create_in(tmp, schema)
    w = ix.writer()
    for i, d in enumerate(docs):
        w.add_document(id=str(i), body=d)
    w.commit()
    t_build = time.perf_counter() - t
    times = []
    with ix.searcher() as s:
        parser = qparser.QueryParser("body", ix.schema, group=qparser.OrGroup)
        for _ in range(20):
            for q in QUERIES:
                t = time.perf_counter()
                list(s.search(parser.parse(q), limit=10))
                times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"{dist} {_version(dist)} ({licence}): -W error clean={clean} import={t_import * 1000:.0f} ms "
          f"docs={len(docs)} build={t_build:.2f} s query median={statistics.median(times):.2f} ms "
          f"p99={times[int(len(times) * 0.99)]:.2f} ms")
    return 0


def _version(dist: str) -> str | None:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main())
