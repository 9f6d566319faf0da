"""The integrator's contract: everything typed and importable from ``dualuse`` (functions, result
models, every error class), ``import dualuse`` cheap, ``py.typed`` shipped, editions as records,
and examples/integration.py clean under ``mypy --strict``."""

from __future__ import annotations

import datetime as dt
import importlib.util
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

import dualuse
from dualuse import errors

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "integration.py"


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO / "src"), *filter(None, [os.environ.get("PYTHONPATH")])])}


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in dualuse.__all__:
        assert getattr(dualuse, name) is not None, name
    assert sorted(dir(dualuse)) == sorted(dualuse.__all__)
    with pytest.raises(AttributeError):
        dualuse.no_such_name  # noqa: B018


def test_every_error_class_is_exported_from_the_package() -> None:
    classes = {n for n, c in inspect.getmembers(errors, inspect.isclass)
               if issubclass(c, errors.DualUseError)}
    assert classes <= set(dualuse.__all__), classes - set(dualuse.__all__)
    assert dualuse.UnsafeInput is errors.UnsafeInput


def test_result_models_are_exported() -> None:
    for name in ("CheckResult", "ItemResult", "CheckFailure", "ErrorInfo", "Declaration", "Item",
                 "Candidate", "Evidence", "Classification", "Decision", "EditionRef", "Hit"):
        model = getattr(dualuse, name)
        assert hasattr(model, "model_json_schema"), name


def test_public_functions_are_fully_annotated() -> None:
    for name in ("check", "check_many", "classify", "search", "hs_candidates", "open_catalog",
                 "read_declarations", "edition_refs"):
        sig = inspect.signature(getattr(dualuse, name))
        assert sig.return_annotation is not inspect.Signature.empty, name
        for p in sig.parameters.values():
            assert p.annotation is not inspect.Parameter.empty, (name, p.name)


def test_import_dualuse_reads_no_data_and_imports_nothing_heavy() -> None:
    code = ("import sys, dualuse; print(sorted(m for m in sys.modules if m.startswith("
            "('pydantic', 'whoosh', 'lxml', 'rich', 'dualuse.'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=_env(), check=True).stdout
    assert out.strip() == "[]"


def test_py_typed_ships_in_the_package() -> None:
    marker = Path(dualuse.__file__).parent / "py.typed"
    assert marker.is_file()
    pyproject = (REPO / "pyproject.toml").read_text("utf-8")
    assert 'packages = ["src/dualuse"]' in pyproject  # the wheel takes the whole package folder


def test_check_results_carry_editions_as_records() -> None:
    result = dualuse.check({"procedure": "export", "exporter_country": "FR",
                            "destination_country": "US",
                            "items": [{"line": 1, "control_code": "6A003.b.4"}]},
                           on=dt.date(2026, 11, 23))
    refs = result.edition_refs
    assert {r.kind for r in refs} >= {"knowledge-base", "rules"}
    assert len(refs) == len(result.editions)  # one record per prose label, same order
    for ref, label in zip(refs, result.editions, strict=True):
        assert ref.id in label
    assert refs == dualuse.edition_refs()
    wassenaar = next(r for r in refs if r.id == "wassenaar-2025")
    assert wassenaar.source_sha256 is not None and len(wassenaar.source_sha256) == 64


def test_integration_example_runs() -> None:
    out = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True,
                         env=_env(), check=True, timeout=600).stdout
    lines = out.splitlines()
    assert lines[0].startswith("#1 LRN-1: general-authorisation-available")
    assert lines[1].startswith("#2 LRN-2: refused (InputError") and "did you mean GB" in lines[1]
    assert lines[2].startswith("#3 LRN-3: licence-required")
    assert "classify: 6A003.b.4" in out and "refused: InputError value='XX'" in out


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_integration_example_is_clean_under_mypy_strict() -> None:
    env = {**_env(), "MYPYPATH": str(REPO / "src")}
    proc = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--config-file",
                           str(REPO / "pyproject.toml"), "--cache-dir",
                           str(REPO / ".mypy_cache"), str(EXAMPLE)],
                          capture_output=True, text=True, env=env, cwd=REPO, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
