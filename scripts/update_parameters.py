"""Regenerate data/control_lists/wassenaar/2025/parameters/generated.xml from the official PDF.

Usage: python scripts/update_parameters.py [PDF]   (default: ../shared/data/wassenaar-2025/*.pdf)
"""

from __future__ import annotations

import sys
from pathlib import Path

from dualuse.parameters import generate_file as generate
from dualuse.sources.wassenaar_pdf import read_pdf

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "data" / "control_lists" / "wassenaar" / "2025" / "parameters" / "generated.xml"


def main() -> int:
    if len(sys.argv) > 1:
        pdf = Path(sys.argv[1])
    else:
        pdf = next((REPO.parent / "shared" / "data" / "wassenaar-2025").glob("*.pdf"))
    data = generate(read_pdf(pdf))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    print(f"{OUT.relative_to(REPO)}: {data.count(b'<parameter ')} parameters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
