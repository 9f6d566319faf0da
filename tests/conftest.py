"""Shared fixtures: an isolated DUALUSE_HOME per test, warm caches shared by the session, the
fixture list, the official sources, and the hypothesis profiles.

Speed (README, "Running the tests"): parsing the bundled lists and building their search index
cost seconds each; they are made once per session and shared by every test that does not ask for
a cold start. A test gets a cold start (caches emptied, index built in its own home) when it
takes the ``isolated_home`` fixture by name; the warm objects are put back after it. Tests on the
fixture list share its warm catalog the same way (the cache key names the files a catalog was
parsed from). Hypothesis runs the ``ci`` profile (hypothesis' default count, or the count a test
sets itself) unless ``HYPOTHESIS_PROFILE=dev`` (25 examples for tests that do not set their own
count) is set for a quicker local run.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

HERE = Path(__file__).parent
FIXTURE_DATA = HERE / "fixtures" / "data"
REPO = HERE.parent

# --- hypothesis: the same tests, fewer examples locally on demand ------------------------------
settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, max_examples=25)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)


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


# --- warm caches ---------------------------------------------------------------------------------
class _Warm:
    """The parsed catalogs and open indexes of the session (by cache key), kept between tests."""

    def __init__(self) -> None:
        self.catalogs: dict[Any, Any] = {}
        self.indexes: dict[Any, Any] = {}

    def restore(self) -> None:
        from dualuse import catalog, index

        with catalog._lock:
            catalog._cache.update(self.catalogs)
        with index._lock:
            index._open.update({k: v for k, v in self.indexes.items() if _usable(v)})

    def keep(self) -> None:
        """Remember what a warm test opened (bundled or fixture lists, in a home without
        imported editions: the cache keys say which files they were made from)."""
        from dualuse import catalog, index, store

        if store.imported_list_files():
            return
        self.catalogs.update(catalog._cache)
        self.indexes.update(index._open)

    def forget_here(self) -> None:
        """Empty the caches without closing the warm objects (a cold test must not reuse them)."""
        from dualuse import catalog, index

        with catalog._lock:
            catalog._cache.clear()
        with index._lock:
            for key in [k for k, v in index._open.items() if v not in self.indexes.values()]:
                index._open.pop(key).close()
            index._open.clear()


def _usable(idx: Any) -> bool:
    """Has nobody closed this index (a test calling ``clear_caches()`` itself)?"""
    try:
        idx.query([("title_en", "camera", 1.0)], limit=1)
    except Exception:
        return False
    return True


_WARM = _Warm()


def _cold(request: pytest.FixtureRequest) -> bool:
    fn = getattr(request.node, "function", None)
    return fn is not None and "isolated_home" in inspect.signature(fn).parameters


@pytest.fixture(autouse=True)
def isolated_home(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh, empty DUALUSE_HOME for every test (warm caches unless the test asks for it)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DUALUSE_HOME", str(home))
    cold = _cold(request)
    if cold:
        _WARM.forget_here()
    else:
        _WARM.restore()
    yield home
    if cold:
        _WARM.forget_here()
    else:
        _WARM.keep()


@pytest.fixture
def fixture_data(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run on the small hand-written fixture list instead of the bundled knowledge base."""
    monkeypatch.setenv("DUALUSE_DATA_DIR", str(FIXTURE_DATA))
    return FIXTURE_DATA


@pytest.fixture(scope="session")
def wassenaar_pdf() -> Path:
    return require_source(WASSENAAR_PDF)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read the official Wassenaar PDF are ``real_data`` (``-m "not real_data"``
    leaves them out); tests calling ``require_source`` for other files are marked by hand."""
    for item in items:
        if "wassenaar_pdf" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.real_data)
