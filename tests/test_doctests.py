"""The examples in the library's docstrings run as tests: documentation that must not rot."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import dualuse

MODULES = ["dualuse", *sorted(m.name for m in pkgutil.walk_packages(dualuse.__path__, "dualuse.")
                 if not m.name.endswith("__main__"))]


def _with_examples(name: str) -> bool:
    finder = doctest.DocTestFinder()
    return any(t.examples for t in finder.find(importlib.import_module(name)))


@pytest.mark.parametrize("name", [m for m in MODULES if _with_examples(m)])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_examples_are_found() -> None:
    assert sum(_with_examples(m) for m in MODULES) >= 8
