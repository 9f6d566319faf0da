"""Where the bundled data lives.

An installed wheel carries ``dualuse/_data`` (copied from the repository's ``data/`` at build time);
an editable checkout reads the repository's ``data/`` directly. ``DUALUSE_DATA_DIR`` overrides both
(tests use it to run on fixture lists).
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path


@cache
def _default_root() -> Path:
    packaged = Path(str(resources.files("dualuse"))) / "_data"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "data"
    return checkout


def data_root() -> Path:
    override = os.environ.get("DUALUSE_DATA_DIR")
    return Path(override) if override else _default_root()


def control_lists_dir() -> Path:
    return data_root() / "control_lists"


def rules_dir() -> Path:
    return data_root() / "rules"


def table_path(*parts: str) -> Path:
    """A bundled table (``chemicals/chemicals.csv``), taken from the data override when it has
    one, else from the package: replacing the control lists does not lose the chemicals table."""
    override = control_lists_dir().joinpath(*parts)
    return override if override.is_file() else _default_root().joinpath("control_lists", *parts)


def schema_path() -> Path:
    """The canonical-XML schema shipped with the package (never taken from an override)."""
    return _default_root() / "control_lists" / "schema" / "control-list.xsd"
