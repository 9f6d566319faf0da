"""Writing exercise files as any other file the trainer makes: atomically, with the user's umask
(0644 normally), never owner-only like a temporary file."""

from __future__ import annotations

import os
from pathlib import Path

from dualuse.store import atomic_write


def _umask() -> int:
    mask = os.umask(0o022)  # the only portable way to read it: set and restore at once
    os.umask(mask)
    return mask


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``; the mode is 0666 minus the umask."""
    atomic_write(path, text.encode("utf-8"))
    os.chmod(path, 0o666 & ~_umask())


def key_path(path: Path, fmt: str) -> Path:
    """The key file beside a student sheet: ``quiz.html`` -> ``quiz.key.html``."""
    return path.with_name(f"{path.stem}.key.{fmt}")
