"""CAS Registry Numbers: ``NNNNNNN-NN-N`` with a check digit (python-stdnum's casrn checks:
length, then format, then check digit).

>>> normalise(" 111 48 8 ")
'111-48-8'
>>> validate("111-48-9")
Traceback (most recent call last):
...
dualuse.errors.InvalidChecksum: '111-48-9': CAS check digit should be 8
>>> is_valid("7664-41-7")
True
"""

from __future__ import annotations

import re

from dualuse.errors import InvalidChecksum, InvalidFormat, InvalidLength

SYSTEM = "cas"
_SHAPE = re.compile(r"^([1-9]\d{1,6})(\d{2})(\d)$")
# Anywhere in free text: used by the classifier to spot CAS numbers on invoices.
IN_TEXT = re.compile(r"(?<![\d-])([1-9]\d{1,6})-(\d{2})-(\d)(?![\d-])")


def compact(number: str) -> str:
    return re.sub(r"[\s\-–.]", "", number.strip()) if isinstance(number, str) else ""


def check_digit(body: str) -> int:
    """Sum of the digits, each times its position counted from the right, modulo 10."""
    return sum(i * int(d) for i, d in enumerate(reversed(body), start=1)) % 10


def normalise(number: str) -> str:
    """Canonical ``NNNNNNN-NN-N`` form; raises on bad format or check digit."""
    if not isinstance(number, str):
        raise InvalidFormat(f"{number!r} is not a CAS number: expected text", value=number,
                            system=SYSTEM)
    digits = compact(number)
    if not 5 <= len(digits) <= 10:
        raise InvalidLength(f"{number!r}: a CAS number has 5 to 10 digits", value=number,
                            system=SYSTEM)
    m = _SHAPE.match(digits)
    if not m:
        raise InvalidFormat(f"{number!r} is not a CAS number: expected e.g. 111-48-8",
                            value=number, system=SYSTEM)
    want = check_digit(m.group(1) + m.group(2))
    if want != int(m.group(3)):
        raise InvalidChecksum(f"{number!r}: CAS check digit should be {want}", value=number,
                              system=SYSTEM)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}"


def validate(number: str) -> str:
    return normalise(number)


def is_valid(number: object) -> bool:
    try:
        normalise(number)  # type: ignore[arg-type]
    except (InvalidFormat, InvalidChecksum):
        return False
    return True


def format(number: str) -> str:  # the shared contract's name
    return normalise(number)


def find_in_text(text: str) -> list[str]:
    """Valid CAS numbers written in ``text`` (invalid check digits are ignored)."""
    found = []
    for m in IN_TEXT.finditer(text):
        candidate = "-".join(m.groups())
        if is_valid(candidate) and candidate not in found:
            found.append(candidate)
    return found
