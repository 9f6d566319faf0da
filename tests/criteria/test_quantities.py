"""The quantity registry: a row merged in twice (two branches added the same quantity) is one
quantity; two different definitions of one id are an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from dualuse.criteria import load
from dualuse.errors import DataError

HEAD = "id,dimension,name_en,name_fr,cues_en,cues_fr\n"
ROW = "torque,torque,torque,couple,torque|rated torque,couple\n"


def registry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    (tmp_path / "control_lists").mkdir()
    (tmp_path / "control_lists" / "quantities.csv").write_text(HEAD + body, encoding="utf-8")
    monkeypatch.setenv("DUALUSE_DATA_DIR", str(tmp_path))
    load.clear_caches()


def test_the_same_row_twice_is_one_quantity(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    registry(tmp_path, monkeypatch, ROW + ROW)
    assert list(load.quantities()) == ["torque"]
    load.clear_caches()


def test_two_definitions_of_one_id_are_an_error(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    registry(tmp_path, monkeypatch, ROW + "torque,force,torque,couple,torque,couple\n")
    with pytest.raises(DataError, match="defined twice"):
        load.quantities()
    load.clear_caches()


def test_bundled_ids_are_unique_and_every_cue_lower_case() -> None:
    load.clear_caches()
    rows = [r.split(",")[0] for r in
            (Path(__file__).parents[2] / "data" / "control_lists" / "quantities.csv")
            .read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")][1:]
    assert len(rows) == len(set(rows))
    assert all(c == c.lower() for q in load.quantities().values() for c in q.cues_en)
