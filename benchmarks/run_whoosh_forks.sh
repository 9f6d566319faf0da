#!/usr/bin/env bash
# Measure each whoosh fork in its own throwaway venv on a corpus made from the official PDF.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=${DUALUSE_SOURCES:-$here/../../shared/data}/wassenaar-2025/List-of-Dual-Use-Goods-and-Technologies-and-ML-2025-Corr.pdf
work=$(mktemp -d)
python3 - "$src" "$work/corpus.txt" <<'PY'
import sys, re, pypdfium2 as pdfium
pdf = pdfium.PdfDocument(sys.argv[1])
text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
paras = re.split(r"\n(?=\s*(?:\d\.\s*[A-E]\.|ML\d|[a-z]\.\s|\d+\.\s|Note|Technical))", text)
open(sys.argv[2], "w").write("\n\n".join(p.replace("\n", " ") for p in paras))
PY
for fork in whoosh==2.7.4 whoosh-reloaded==2.7.5 whoosh3 whoosh-ng; do
  python3 -m venv "$work/$fork" >/dev/null
  "$work/$fork/bin/pip" install -q "$fork" >/dev/null 2>&1 || { echo "$fork: install failed"; continue; }
  "$work/$fork/bin/python" "$here/bench_whoosh_forks.py" "$work/corpus.txt" || echo "$fork: run failed"
done
rm -rf "$work"
