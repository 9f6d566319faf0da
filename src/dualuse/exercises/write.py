"""Writing exercise files as any other file the trainer makes: with the user's umask (0644
normally), never owner-only like a temporary file, and only to a regular file
(``dualuse.store.write_output`` refuses links, devices and FIFOs)."""

from __future__ import annotations

from pathlib import Path

from dualuse.store import write_output


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path``: a new file gets 0666 minus the umask's bits beyond
    0644's; an existing file keeps its mode."""
    write_output(path, text.encode("utf-8"))


def key_path(path: Path, fmt: str) -> Path:
    """The key file beside a student sheet: ``quiz.html`` -> ``quiz.key.html``."""
    return path.with_name(f"{path.stem}.key.{fmt}")
