"""dualuse: recognise strategic (dual-use) goods in customs declarations.

The public API is re-exported here and loaded lazily: ``import dualuse`` reads no data and imports
no heavy module; the first call does.

>>> import dualuse
>>> cat = dualuse.open_catalog()          # doctest: +SKIP
>>> cat.entry("6.A.3.b.4.").code          # doctest: +SKIP
'6A003.b.4'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_API = {
    "open_catalog": "dualuse.catalog",
    "clear_caches": "dualuse.catalog",
    "Catalog": "dualuse.catalog",
    "data_versions": "dualuse.versions",
    "search": "dualuse.index",
    "classify": "dualuse.classifier",
    "Classification": "dualuse.classifier",
    "hs_candidates": "dualuse.hs_map",
    "check": "dualuse.licensing.engine",
    "check_many": "dualuse.licensing.engine",
    "DualUseError": "dualuse.errors",
    "NotFound": "dualuse.errors",
    "CodeValidationError": "dualuse.errors",
    "InputError": "dualuse.errors",
    "DataError": "dualuse.errors",
}

__all__ = ["__version__", *_API]

if TYPE_CHECKING:  # pragma: no cover
    # public re-exports (already in __all__ through _API); "X as X" marks them so for linters
    from dualuse.catalog import Catalog as Catalog
    from dualuse.catalog import clear_caches as clear_caches
    from dualuse.catalog import open_catalog as open_catalog
    from dualuse.errors import CodeValidationError as CodeValidationError
    from dualuse.errors import DataError as DataError
    from dualuse.errors import DualUseError as DualUseError
    from dualuse.errors import InputError as InputError
    from dualuse.errors import NotFound as NotFound
    from dualuse.versions import data_versions as data_versions


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'dualuse' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
