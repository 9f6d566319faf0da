"""Time the Wassenaar 2025 PDF import, and the three candidate PDF text libraries.

Usage: python benchmarks/bench_import.py [PDF] [--libs]
Prints the median of 3 runs of ``dualuse lists import`` (fresh DUALUSE_HOME each run) and, with
``--libs``, the time each library takes to extract the text of the whole document.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SOURCES = Path(__file__).resolve().parents[2] / "shared" / "data" / "wassenaar-2025"


def time_import(pdf: Path) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DUALUSE_HOME": home}
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dualuse", "lists", "import", str(pdf)],
                       env=env, check=True, capture_output=True)
        return time.perf_counter() - t


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
    pdf = Path(args[0]) if args else sorted(SOURCES.glob("*.pdf"))[0]
    runs = [time_import(pdf) for _ in range(3)]
    print(f"dualuse lists import: median {statistics.median(runs):.2f} s "
          f"(runs: {', '.join(f'{r:.2f}' for r in runs)})")
    if "--libs" in sys.argv:
        for name, fn in [("pypdfium2", lib_pypdfium2), ("pdfminer.six", lib_pdfminer),
                         ("pypdf", lib_pypdf)]:
            print(f"{name:13s} whole-document text: median {median3(fn, pdf):.2f} s")


if __name__ == "__main__":
    main()
