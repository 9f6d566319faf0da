"""Shared fixtures: an isolated DUALUSE_HOME per test, the fixture list, the official sources."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURE_DATA = HERE / "fixtures" / "data"
REPO = HERE.parent


def sources_dir() -> Path:
    env = os.environ.get("DUALUSE_SOURCES")
    return Path(env) if env else REPO.parent / "shared" / "data"


WASSENAAR_PDF = sources_dir() / "wassenaar-2025" / \
    "List-of-Dual-Use-Goods-and-Technologies-and-ML-2025-Corr.pdf"


def require_source(path: Path) -> Path:
    """Skip (or, with DUALUSE_REQUIRE_SOURCES=1 as in CI, fail) when an official file is absent."""
    if not path.is_file():
        msg = f"official source file not found: {path} (set DUALUSE_SOURCES)"
        if os.environ.get("DUALUSE_REQUIRE_SOURCES") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    return path


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DUALUSE_HOME", str(home))
    from dualuse.catalog import clear_caches

    clear_caches()
    return home


@pytest.fixture
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run on the small hand-written fixture list instead of the bundled knowledge base."""
    monkeypatch.setenv("DUALUSE_DATA_DIR", str(FIXTURE_DATA))
    from dualuse.catalog import clear_caches

    clear_caches()
    return FIXTURE_DATA


@pytest.fixture(scope="session")
def wassenaar_pdf() -> Path:
    return require_source(WASSENAAR_PDF)
