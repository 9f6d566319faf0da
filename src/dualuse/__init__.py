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

# public name -> module that defines it (every result model and every error class is here:
# an integrator imports from ``dualuse`` only)
_API = {
    "open_catalog": "dualuse.catalog",
    "clear_caches": "dualuse.catalog",
    "Catalog": "dualuse.catalog",
    "EntryDetail": "dualuse.catalog",
    "data_versions": "dualuse.versions",
    "search": "dualuse.index",
    "Hit": "dualuse.index",
    "classify": "dualuse.classifier",
    "Classification": "dualuse.classifier",
    "Candidate": "dualuse.classifier",
    "Evidence": "dualuse.classifier",
    "screen": "dualuse.classifier",
    "Screening": "dualuse.classifier",
    "hs_candidates": "dualuse.hs_map",
    "check": "dualuse.licensing.engine",
    "check_many": "dualuse.licensing.engine",
    "CheckResult": "dualuse.licensing.engine",
    "ItemResult": "dualuse.licensing.engine",
    "CheckFailure": "dualuse.licensing.engine",
    "ErrorInfo": "dualuse.licensing.engine",
    "Authorisation": "dualuse.licensing.engine",
    "DocumentFinding": "dualuse.licensing.engine",
    "Declaration": "dualuse.licensing.declaration",
    "Item": "dualuse.licensing.declaration",
    "EndUse": "dualuse.licensing.declaration",
    "read_declarations": "dualuse.licensing.readers",
    "Decision": "dualuse.criteria",
    "EditionRef": "dualuse.editions",
    "edition_refs": "dualuse.editions",
    "Edition": "dualuse.model",
    "DualUseError": "dualuse.errors",
    "CodeValidationError": "dualuse.errors",
    "InvalidFormat": "dualuse.errors",
    "InvalidLength": "dualuse.errors",
    "InvalidChecksum": "dualuse.errors",
    "UnknownCode": "dualuse.errors",
    "NotFound": "dualuse.errors",
    "InputError": "dualuse.errors",
    "UnsafeInput": "dualuse.errors",
    "DataError": "dualuse.errors",
    "RuleError": "dualuse.errors",
    "StoreError": "dualuse.errors",
    "UnsafeHome": "dualuse.errors",
    "ImportRefused": "dualuse.errors",
}

__all__ = ["__version__", *_API]

if TYPE_CHECKING:  # pragma: no cover
    # public re-exports (already in __all__ through _API); "X as X" marks them so for linters
    from dualuse.catalog import Catalog as Catalog
    from dualuse.catalog import EntryDetail as EntryDetail
    from dualuse.catalog import clear_caches as clear_caches
    from dualuse.catalog import open_catalog as open_catalog
    from dualuse.classifier import Candidate as Candidate
    from dualuse.classifier import Classification as Classification
    from dualuse.classifier import Evidence as Evidence
    from dualuse.classifier import Screening as Screening
    from dualuse.classifier import classify as classify
    from dualuse.classifier import screen as screen
    from dualuse.criteria import Decision as Decision
    from dualuse.editions import EditionRef as EditionRef
    from dualuse.editions import edition_refs as edition_refs
    from dualuse.errors import CodeValidationError as CodeValidationError
    from dualuse.errors import DataError as DataError
    from dualuse.errors import DualUseError as DualUseError
    from dualuse.errors import ImportRefused as ImportRefused
    from dualuse.errors import InputError as InputError
    from dualuse.errors import InvalidChecksum as InvalidChecksum
    from dualuse.errors import InvalidFormat as InvalidFormat
    from dualuse.errors import InvalidLength as InvalidLength
    from dualuse.errors import NotFound as NotFound
    from dualuse.errors import RuleError as RuleError
    from dualuse.errors import StoreError as StoreError
    from dualuse.errors import UnknownCode as UnknownCode
    from dualuse.errors import UnsafeHome as UnsafeHome
    from dualuse.errors import UnsafeInput as UnsafeInput
    from dualuse.hs_map import hs_candidates as hs_candidates
    from dualuse.index import Hit as Hit
    from dualuse.index import search as search
    from dualuse.licensing.declaration import Declaration as Declaration
    from dualuse.licensing.declaration import EndUse as EndUse
    from dualuse.licensing.declaration import Item as Item
    from dualuse.licensing.engine import Authorisation as Authorisation
    from dualuse.licensing.engine import CheckFailure as CheckFailure
    from dualuse.licensing.engine import CheckResult as CheckResult
    from dualuse.licensing.engine import DocumentFinding as DocumentFinding
    from dualuse.licensing.engine import ErrorInfo as ErrorInfo
    from dualuse.licensing.engine import ItemResult as ItemResult
    from dualuse.licensing.engine import check as check
    from dualuse.licensing.engine import check_many as check_many
    from dualuse.licensing.readers import read_declarations as read_declarations
    from dualuse.model import Edition as Edition
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
