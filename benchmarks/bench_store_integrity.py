"""What proving the index ours costs: open time, and classify cold and warm.

Baseline (same run, same index files): whoosh's own ``open_dir`` on the directory, which maps the
files and unpickles the table of contents without any check (what dualuse did before). Ours: read
every file, check its HMAC-SHA256 against the manifest, open from memory (``dualuse.indexstore``).

    python benchmarks/bench_store_integrity.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def median_ms(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    runs = ap.parse_args().runs
    home = Path(tempfile.mkdtemp(prefix="dualuse-bench-home-"))
    os.environ["DUALUSE_HOME"] = str(home)
    os.environ.setdefault("DUALUSE_KEY_FILE", str(Path(tempfile.mkdtemp()) / "store.key"))

    from whoosh.index import open_dir  # type: ignore[import-untyped]

    from dualuse import indexstore
    from dualuse.catalog import open_catalog
    from dualuse.classifier import classify
    from dualuse.index import clear_caches, index_key, open_index

    cat = open_catalog()
    t0 = time.perf_counter()
    open_index(cat)
    build = time.perf_counter() - t0
    path = home / "index" / index_key(cat)
    size = sum(p.stat().st_size for p in path.iterdir())
    key, _ = indexstore.read_key()
    assert key is not None

    def plain() -> None:
        open_dir(str(path)).searcher().close()

    def verified() -> None:
        indexstore.open_verified(path, key).searcher().close()

    print(f"index: {len(list(path.iterdir()))} files, {size / 1e6:.1f} MB; build {build:.2f} s")
    print(f"open, whoosh open_dir (unchecked): median {median_ms(plain, runs):.1f} ms")
    print(f"open, HMAC-verified from memory:   median {median_ms(verified, runs):.1f} ms")
    clear_caches()
    classify("thermal imaging camera")  # first call opens the index
    queries = ["thermal imaging camera", "5-axis machine tool", "maraging steel", "gyroscope",
               "caméra thermique", "frequency changer for gas centrifuge"]
    warm = [median_ms(lambda q=q: classify(q), runs) for q in queries]
    print(f"classify warm: median {statistics.median(warm):.1f} ms over {len(queries)} queries")
    env = {**os.environ}
    cold = []
    for _ in range(max(3, runs // 2)):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dualuse", "classify", "thermal imaging camera",
                        "--json"], env=env, capture_output=True, check=True)
        cold.append(time.perf_counter() - t0)
    print(f"classify cold (new process, index on disk): median {statistics.median(cold):.2f} s")


if __name__ == "__main__":
    main()
