"""One exception tree for the whole library.

Every error carries the offending value (``.value``) and, where it applies, the code system or
list it was checked against (``.system``), so a customs system can log and map it without parsing
messages. ``exit_code`` is what the CLI returns: 2 for bad input, 1 for our own failures.
"""

from __future__ import annotations

from typing import Any, ClassVar


class DualUseError(Exception):
    """Base class of every error dualuse raises on purpose."""

    default_message: ClassVar[str] = "dualuse error"
    exit_code: ClassVar[int] = 2

    def __init__(self, message: str | None = None, *, value: Any = None, system: str | None = None):
        self.value = value
        self.system = system
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.default_message


class CodeValidationError(DualUseError, ValueError):
    """A code (control code, HS, CAS, country) is not acceptable."""

    default_message = "invalid code"


class InvalidFormat(CodeValidationError):
    default_message = "the code does not have the expected format"


class InvalidLength(InvalidFormat):
    default_message = "the code has the wrong length"


class InvalidChecksum(CodeValidationError):
    default_message = "the code's check digit does not match"


class UnknownCode(CodeValidationError):
    """Well-formed, but not in the list or nomenclature it was looked up in."""

    default_message = "the code is well-formed but unknown"


class NotFound(DualUseError, LookupError):
    """A lookup found nothing (``lookup``/``entry``; ``get`` returns None instead)."""

    default_message = "not found"

    def __init__(
        self,
        message: str | None = None,
        *,
        value: Any = None,
        system: str | None = None,
        suggestions: tuple[str, ...] = (),
    ):
        super().__init__(message, value=value, system=system)
        self.suggestions = suggestions


class InputError(DualUseError, ValueError):
    """User-supplied file or value is malformed (declaration, import file, option)."""

    default_message = "malformed input"


class UnsafeInput(InputError):
    """Input refused for safety: XML entities/DTD, size or depth limits, archive bombs."""

    default_message = "input refused for safety"


class DataError(DualUseError):
    """Shipped or stored data is broken (duplicate codes, missing parents, bad XML)."""

    default_message = "control-list data is broken"
    exit_code = 1


class RuleError(DataError):
    """A licensing rule definition is invalid."""

    default_message = "invalid rule definition"


class StoreError(DualUseError):
    """The local store (DUALUSE_HOME) cannot be read or written."""

    default_message = "the local store cannot be used"
    exit_code = 1


class UnsafeHome(StoreError):
    """The store is not the user's own (owner, mode) or holds links and files dualuse did not
    write: refused, with how to fix it. Exit code 2: the user can fix it, it is not our bug."""

    default_message = "the local store is not safe to use"
    exit_code = 2


class ImportRefused(InputError):
    """An import that would change the lists in a way that needs a person's decision (drop many
    entries, mark entries not used, replace a verified official edition): refused without
    ``--force``. ``.reasons`` lists what it would change."""

    default_message = "import refused without --force"

    def __init__(self, message: str | None = None, *, value: Any = None,
                 reasons: tuple[str, ...] = ()):
        super().__init__(message, value=value)
        self.reasons = reasons
