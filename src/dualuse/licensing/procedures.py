"""Customs procedure codes -> the procedures of the Dual-Use Regulation.

An EU declaration gives its procedure per goods item as four digits (data element 12 09 / former
box 37): the requested procedure, then the previous one (``1040``: export of goods released for
free circulation and home use at the same time). Regulation (EU) 2021/821, Art. 2(2), counts as
an export the export procedure, re-export and outward processing; transit (Art. 2(11)) has no
procedure code of its own (it travels under NCTS) and is given by name. The table and its sources
are in ``docs/customs-procedures.md``.

>>> procedure_of("1040"), procedure_of("3151"), procedure_of("21"), procedure_of("transit")
('export', 're-export', 'export', 'transit')
"""

from __future__ import annotations

from typing import Literal

from dualuse.errors import InputError

DualUseProcedure = Literal["export", "re-export", "transit", "intra-eu-transfer"]
NAMES: tuple[str, ...] = ("export", "re-export", "transit", "intra-eu-transfer")

# requested procedure (first two digits) -> (dual-use procedure, what the customs procedure is)
REQUESTED: dict[str, tuple[DualUseProcedure, str]] = {
    "10": ("export", "permanent export"),
    "11": ("export", "export of compensating products (prior export of equivalent goods)"),
    "21": ("export", "temporary export under outward processing"),
    "22": ("export", "temporary export (other than outward processing)"),
    "23": ("export", "temporary export for return unaltered"),
    "31": ("re-export", "re-export of non-Union goods"),
}
# requested procedures that bring goods in or keep them in the Union: not for dualuse check
NOT_EXPORT: dict[str, str] = {
    "01": "release for free circulation with re-dispatch", "07": "release for free circulation",
    "40": "release for free circulation and home use", "42": "release for free circulation "
    "(VAT-exempt supply to another Member State)", "43": "release for free circulation "
    "(special measures)", "44": "end-use", "45": "release for free circulation (partial)",
    "46": "release for free circulation of processed products", "48": "entry for home use of "
    "replacement products", "51": "inward processing", "53": "temporary admission",
    "54": "inward processing in another Member State", "61": "re-import", "63": "re-import "
    "with home use", "68": "re-import with partial home use", "71": "customs warehousing",
    "76": "customs warehousing (special)", "77": "customs warehousing (special)",
    "78": "entry into a free zone", "95": "entry into a special fiscal territory",
    "96": "entry into a special fiscal territory",
}
# previous procedure (last two digits): accepted values, for the message only
PREVIOUS: frozenset[str] = frozenset({"00", *REQUESTED, *NOT_EXPORT})
# legacy and WCO spellings of the names
_ALIASES: dict[str, DualUseProcedure] = {
    "export": "export", "re-export": "re-export", "reexport": "re-export",
    "transit": "transit", "intra-eu-transfer": "intra-eu-transfer", "transfer": "intra-eu-transfer",
}


def procedure_of(code: object) -> DualUseProcedure:
    """The dual-use procedure of a customs procedure code (``1000``, ``10``, ``3171``) or name;
    ``InputError`` for an import procedure, an unknown code or anything else."""
    if not isinstance(code, str):
        raise InputError(f"procedure {code!r}: expected a name (export, re-export, transit, "
                         f"intra-eu-transfer) or an EU procedure code such as 1000", value=code)
    key = code.strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    if key.isdigit() and len(key) in (2, 4):
        requested, previous = key[:2], key[2:] or "00"
        if previous not in PREVIOUS:
            raise InputError(f"procedure code {code!r}: previous procedure {previous} is not an "
                             f"EU procedure code", value=code)
        if requested in REQUESTED:
            return REQUESTED[requested][0]
        if requested in NOT_EXPORT:
            raise InputError(f"procedure code {code!r} is {NOT_EXPORT[requested]}, not an export: "
                             f"dualuse checks export (10, 11, 21, 22, 23), re-export (31), "
                             f"transit and intra-eu-transfer", value=code)
    raise InputError(f"procedure {code!r}: expected export, re-export, transit, "
                     f"intra-eu-transfer or an EU procedure code such as 1000, 1040, 2100, 3151",
                     value=code)


def describe(code: str) -> str:
    """``"1040"`` -> ``"permanent export, after release for free circulation and home use"``."""
    key = code.strip()
    if not (key.isdigit() and len(key) in (2, 4)) or key[:2] not in REQUESTED:
        return key
    what = REQUESTED[key[:2]][1]
    prev = key[2:]
    if prev and prev != "00":
        before = REQUESTED.get(prev, (None, NOT_EXPORT.get(prev, prev)))[1]
        return f"{what}, after {before}"
    return what
