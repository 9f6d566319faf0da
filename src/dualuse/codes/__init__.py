"""Code systems, one module each, sharing one contract (see docs/reference/codes.md).

Each module exposes ``normalise(code) -> str`` (canonical form, raises ``CodeValidationError``),
``validate(code) -> str`` (same, plus existence checks where the system has a nomenclature),
``is_valid(code) -> bool`` (never raises) and ``format(code) -> str`` (the printed form).
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Protocol, cast


class CodeSystem(Protocol):
    SYSTEM: str

    def normalise(self, code: str) -> str: ...
    def validate(self, code: str) -> str: ...
    def is_valid(self, code: object) -> bool: ...
    def format(self, code: str) -> str: ...


# name -> module; aliases point at the same module
SYSTEMS: dict[str, str] = {
    "control": "control",
    "eccn": "control",
    "wassenaar": "control",
    "hs": "hs",
    "hs6": "hs",
    "cn8": "hs",
    "taric": "hs",
    "cas": "cas",
    "country": "country",
}


@cache
def get_code_system(name: str) -> CodeSystem:
    """The module for a code system name or alias (``"hs6"``, ``"cn8"`` -> ``hs``)."""
    try:
        module = SYSTEMS[name.lower()]
    except KeyError:
        from dualuse.errors import NotFound

        raise NotFound(f"unknown code system {name!r}; known: {', '.join(sorted(SYSTEMS))}",
                       value=name) from None
    return cast(CodeSystem, importlib.import_module(f"dualuse.codes.{module}"))
