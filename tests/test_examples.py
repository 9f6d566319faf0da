"""The scripts in examples/ run and say what they promise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.mark.parametrize("script, expected", [
    ("classify_invoice.py", ["6A003", "hs: HS 852589"]),
    ("hs_screening.py", ["0901.11          no dual-use entry linked",
                         "8525.89.00       check against"]),
    ("lookup_entry.py", ["6A003.b.4 - ", "parents: 6 > 6A > 6A003 > 6A003.b", "threshold 6A003"]),
])
def test_example_runs(script: str, expected: list[str], isolated_home: Path) -> None:
    out = subprocess.run([sys.executable, str(EXAMPLES / script)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "DUALUSE_HOME": str(isolated_home)})
    assert out.returncode == 0, out.stderr
    for text in expected:
        assert text in out.stdout
