"""Time the Wassenaar 2025 PDF import and the EU Annex I JSON import; the three candidate PDF
text libraries.

Usage: python benchmarks/bench_import.py [PDF] [--libs] [--eu [JSON]]
Prints the median of 3 runs of ``dualuse lists import`` (fresh DUALUSE_HOME each run) with the
peak resident memory of the import process and, with ``--libs``, the time each library takes to
extract the text of the whole document. ``--eu`` times the EU Annex I JSON instead of the PDF, and
also the reader alone in this process (median of 3, peak Python allocations by tracemalloc).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCES = Path(os.environ.get("DUALUSE_SOURCES")
               or Path(__file__).resolve().parents[2] / "shared" / "data") / "wassenaar-2025"
EU_SOURCES = SOURCES.parent / "eu-2021-821"


def time_import(pdf: Path) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DUALUSE_HOME": home}
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dualuse", "lists", "import", str(pdf)],
                       env=env, check=True, capture_output=True)
        return time.perf_counter() - t


def peak_rss_mb() -> float:
    """The largest resident set of the child processes waited for so far (Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bench_eu_reader(path: Path) -> None:
    import tracemalloc

    from dualuse.sources.eu_annex_json import read

    times, peak = [], 0
    for _ in range(3):
        t = time.perf_counter()
        read(path)
        times.append(time.perf_counter() - t)
    print(f"eu_annex_json.read alone: median {statistics.median(times):.2f} s")
    times = []
    for _ in range(3):
        tracemalloc.start()
        t = time.perf_counter()
        read(path)
        times.append(time.perf_counter() - t)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    print(f"eu_annex_json.read under tracemalloc: median {statistics.median(times):.2f} s, "
          f"peak Python allocations {peak / 1e6:.0f} MB")


def lib_pypdfium2(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    n = 0
    for page in doc:
        tp = page.get_textpage()
        n += len(tp.get_text_range())
    return n


def lib_pdfminer(pdf: Path) -> int:
    from pdfminer.high_level import extract_text

    return len(extract_text(str(pdf)))


def lib_pypdf(pdf: Path) -> int:
    from pypdf import PdfReader

    return sum(len(p.extract_text() or "") for p in PdfReader(str(pdf)).pages)


def median3(fn, *args) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(3):
        t = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    eu = "--eu" in sys.argv
    default = sorted(EU_SOURCES.glob("*.json") if eu else SOURCES.glob("*.pdf"))[0]
    source = Path(args[0]) if args else default
    runs = [time_import(source) for _ in range(3)]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (usage.ru_utime + usage.ru_stime) / len(runs)
    print(f"dualuse lists import {source.name}: median {statistics.median(runs):.2f} s wall "
          f"(runs: {', '.join(f'{r:.2f}' for r in runs)}), {cpu:.2f} s CPU per run "
          f"(interpreter start included), peak RSS {peak_rss_mb():.0f} MB")
    if eu:
        bench_eu_reader(source)
    if "--libs" in sys.argv and not eu:
        for name, fn in [("pypdfium2", lib_pypdfium2), ("pdfminer.six", lib_pdfminer),
                         ("pypdf", lib_pypdf)]:
            print(f"{name:13s} whole-document text: median {median3(fn, source):.2f} s")


if __name__ == "__main__":
    main()
