"""Control-list codes: every form an officer types, one canonical compact form.

The Wassenaar Arrangement prints ``6.A.3.b.4.``; the EU and US print ``6A003.b.4``. Both name the
same node. Officers type anything in between (``6a003b4``, ``ml 13 d``), so parsing is tolerant and
output is always the compact EU/US form.

>>> normalise("6.A.3.b.4.")
'6A003.b.4'
>>> normalise("6a003b4")
'6A003.b.4'
>>> normalise("ml 13 d")
'ML13.d'
>>> format("6A003.b.4", style="wassenaar")
'6.A.3.b.4.'
>>> entry_level("ML13.d.1")
'ML13'
>>> regime("1C350")
'australia-group'
>>> eu_regime("0B001"), eu_regime("1C350"), eu_regime("4A507"), eu_regime("6A003.b.4")
('nsg', 'ag', 'eu', 'wassenaar')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dualuse.errors import InvalidFormat, InvalidLength

SYSTEM = "control"
MAX_LENGTH = 64

Level = Literal["category", "group", "entry", "sub-item"]
Style = Literal["eu", "wassenaar"]

CATEGORY_NAMES = {
    "0": "Nuclear materials, facilities and equipment",
    "1": "Special materials and related equipment",
    "2": "Materials processing",
    "3": "Electronics",
    "4": "Computers",
    "5": "Telecommunications and information security",
    "6": "Sensors and lasers",
    "7": "Navigation and avionics",
    "8": "Marine",
    "9": "Aerospace and propulsion",
    "ML": "Munitions List",
}
GROUP_NAMES = {
    "A": "Systems, equipment and components",
    "B": "Test, inspection and production equipment",
    "C": "Materials",
    "D": "Software",
    "E": "Technology",
}
# Second digit of an EU/US entry number (primer section 1): which regime the entry comes from.
REGIMES = {
    0: "wassenaar",
    1: "mtcr",
    2: "nsg",
    3: "australia-group",
    4: "cwc",
    5: "us-600-series",
    9: "us-unilateral",
}

# The same digit read in the EU list (Annex I of Regulation (EU) 2021/821), as ``model.Regime``:
# x5xx are the EU's own entries there, and Category 0 is the NSG trigger list.
EU_REGIMES = {0: "wassenaar", 1: "mtcr", 2: "nsg", 3: "ag", 4: "cwc", 5: "eu"}

_ML = re.compile(r"(?:ML|PL)\s*\.?\s*0*(\d{1,2})(?![0-9])", re.IGNORECASE)
_DU = re.compile(r"(\d)\s*\.?\s*([A-Ea-e])(?:\s*\.?\s*(\d{1,3})(?![0-9]))?")
_TOKEN = re.compile(r"[A-Za-z]|\d+")
_SEPARATORS = re.compile(r"[\s.]*")


@dataclass(frozen=True, order=True)
class ControlCode:
    """A parsed control code. ``category`` is ``"0"``..``"9"`` or ``"ML"``."""

    category: str
    group: str | None = None
    number: int | None = None
    subitems: tuple[str, ...] = ()

    @property
    def is_munitions(self) -> bool:
        return self.category == "ML"

    @property
    def level(self) -> Level:
        if self.subitems:
            return "sub-item"
        if self.number is not None:
            return "entry"
        if self.group is not None:
            return "group"
        return "category"

    def compact(self) -> str:
        if self.is_munitions:
            head = "ML" if self.number is None else f"ML{self.number}"
        else:
            head = self.category + (self.group or "")
            if self.number is not None:
                head += f"{self.number:03d}"
        return ".".join((head, *self.subitems))

    def wassenaar(self) -> str:
        if self.is_munitions:
            head = "ML" if self.number is None else f"ML{self.number}"
            return head + "".join(f".{s}" for s in self.subitems) + ("." if self.subitems else "")
        parts = [self.category]
        if self.group:
            parts.append(self.group)
        if self.number is not None:
            parts.append(str(self.number))
        parts.extend(self.subitems)
        return ".".join(parts) + "."

    def entry(self) -> ControlCode | None:
        if self.number is None:
            return None
        return ControlCode(self.category, self.group, self.number)

    def parent(self) -> ControlCode | None:
        if self.subitems:
            return ControlCode(self.category, self.group, self.number, self.subitems[:-1])
        if self.number is not None:
            if self.is_munitions:
                return ControlCode("ML")
            return ControlCode(self.category, self.group)
        if self.group is not None:
            return ControlCode(self.category)
        return None

    def ancestors(self) -> tuple[ControlCode, ...]:
        """From the category down to the direct parent."""
        chain: list[ControlCode] = []
        node = self.parent()
        while node is not None:
            chain.append(node)
            node = node.parent()
        return tuple(reversed(chain))

    @property
    def regime(self) -> str | None:
        if self.is_munitions:
            return "wassenaar-ml"
        if self.number is None:
            return None
        return REGIMES.get(self.number // 100)

    def __str__(self) -> str:
        return self.compact()


def _subitems(rest: str, original: str, *, numbered: bool = False) -> tuple[str, ...]:
    separated = numbered and rest[:1] in (".", " ")
    rest = rest.strip().strip(".").strip()
    if not rest:
        return ()
    if _TOKEN.sub("", _SEPARATORS.sub("", rest)):
        raise InvalidFormat(
            f"{original!r} is not a control code: unexpected characters in the sub-items",
            value=original, system=SYSTEM)
    tokens = _TOKEN.findall(rest)
    # Sub-items start with a letter (6A003.b.4), except the EU's numbered chemicals (1C350.1,
    # 1C350.89), accepted when a dot or space separates them: "6A0031" stays ambiguous.
    digit_first = separated and tokens[0].isdigit()
    out: list[str] = []
    for i, tok in enumerate(tokens):
        want_letter = (i % 2 == 0) != digit_first
        if tok.isalpha() != want_letter:
            raise InvalidFormat(
                f"{original!r} is not a control code: sub-items alternate letters and numbers "
                f"(a., 1., a., ...)", value=original, system=SYSTEM)
        out.append(tok.lower() if tok.isalpha() else str(int(tok)))
    return tuple(out)


@lru_cache(maxsize=4096)
def parse(code: str) -> ControlCode:
    """Parse any accepted spelling; raise ``InvalidFormat`` otherwise."""
    if not isinstance(code, str):
        raise InvalidFormat(f"{code!r} is not a control code: expected text", value=code,
                            system=SYSTEM)
    if len(code) > MAX_LENGTH:
        raise InvalidLength(f"control code too long ({len(code)} characters, at most {MAX_LENGTH})",
                            value=code[:MAX_LENGTH], system=SYSTEM)
    text = code.strip()
    if not text.isprintable():
        raise InvalidFormat(f"{code!r} is not a control code: control characters",
                            value=code, system=SYSTEM)
    if text.upper() == "ML":
        return ControlCode("ML")
    m = _ML.match(text)
    if m:
        return ControlCode("ML", None, int(m.group(1)), _subitems(text[m.end():], code))
    m = _DU.match(text)
    if m:
        number = int(m.group(3)) if m.group(3) is not None else None
        rest = text[m.end():]
        if number is None and rest.strip(" ."):
            raise InvalidFormat(f"{code!r} is not a control code: expected an entry number after "
                                f"the product group", value=code, system=SYSTEM)
        return ControlCode(m.group(1), m.group(2).upper(), number,
                           _subitems(rest, code, numbered=True))
    if re.fullmatch(r"\d\.?", text):
        return ControlCode(text[0])
    raise InvalidFormat(
        f"{code!r} is not a control code: expected e.g. 6A003.b.4, 6.A.3.b.4. or ML13.d",
        value=code, system=SYSTEM)


def normalise(code: str) -> str:
    """Canonical compact form (EU/US spelling)."""
    return parse(code).compact()


def validate(code: str) -> str:
    """Return the canonical form or raise a ``CodeValidationError``."""
    return normalise(code)


def is_valid(code: object) -> bool:
    """True when ``code`` parses; never raises."""
    try:
        parse(code)
    except (InvalidFormat, TypeError):
        return False
    return True


def format(code: str, *, style: Style = "eu") -> str:  # the shared contract's name
    """``style="eu"``: ``6A003.b.4``; ``style="wassenaar"``: ``6.A.3.b.4.``."""
    parsed = parse(code)
    return parsed.wassenaar() if style == "wassenaar" else parsed.compact()


def entry_level(code: str) -> str:
    """The entry a code belongs to (``6A003.b.4`` -> ``6A003``); categories and groups unchanged."""
    parsed = parse(code)
    entry = parsed.entry()
    return (entry or parsed).compact()


def parent(code: str) -> str | None:
    p = parse(code).parent()
    return p.compact() if p else None


def ancestors(code: str) -> tuple[str, ...]:
    return tuple(a.compact() for a in parse(code).ancestors())


def category(code: str) -> str:
    return parse(code).category


def product_group(code: str) -> str | None:
    return parse(code).group


def regime(code: str) -> str | None:
    return parse(code).regime


def eu_regime(code: str) -> str | None:
    """The regime an EU-list entry comes from (``model.Regime`` spelling); None above entry level
    and for Munitions List codes."""
    parsed = parse(code)
    if parsed.is_munitions or parsed.number is None:
        return None
    if parsed.category == "0":
        return "nsg"
    return EU_REGIMES.get(parsed.number // 100)
