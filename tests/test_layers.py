"""Data flows one way (sources -> catalog -> search/decide -> licensing -> CLI) and identifier
modules do no I/O: checked on the modules' imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "dualuse"
# the layers above the sources: a reader of official files must not reach into them
ABOVE_SOURCES = {"dualuse.parameters", "dualuse.hs_map", "dualuse.classifier", "dualuse.index",
                 "dualuse.retrieve", "dualuse.catalog", "dualuse.licensing", "dualuse.cli"}


def _imports(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return out


@pytest.mark.parametrize("name", ["parameters_xml.py", "correlation.py"])
def test_source_readers_do_not_reach_up(name: str) -> None:
    imported = _imports(SRC / "sources" / name)
    assert not {m for m in imported for up in ABOVE_SOURCES
                if m == up or m.startswith(up + ".")}, imported


@pytest.mark.parametrize("name", ["hs.py", "control.py", "cas.py"])
def test_identifier_modules_do_no_io(name: str) -> None:
    imported = _imports(SRC / "codes" / name)
    assert not imported & {"dualuse.store", "dualuse.catalog", "os", "pathlib",
                           "dualuse.resources"}, imported


def test_hs_validation_reads_the_nomenclature_through_its_loader(isolated_home: Path) -> None:
    from dualuse import hs_nomenclature
    from dualuse.codes import hs

    hs_nomenclature.clear_caches()
    assert hs.is_valid("8525.89") and not hs.is_valid("8525.99")
    assert list((isolated_home / "cache").glob("hs-codes-*.txt"))
    assert hs.subheadings("8525") == hs_nomenclature.children()["8525"]
