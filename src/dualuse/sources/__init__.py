"""One reader per official or canonical format; each returns model objects.

A reader of an official control-list publication satisfies ``ListReader``: ``sniff`` looks at the
first bytes of a file (cheap, no parsing) and ``read`` turns the whole file into a
``ControlList`` (``edition.kind == "official"``) or raises ``InputError`` with one line saying
what is wrong. ``list_readers()`` is the registry the importer asks; a reader of the EUR-Lex
consolidated XHTML or Formex 4 XML of the EU list would register beside the JSON one and produce
the same list id (``eu-2021-821``) and node codes, so the catalog cannot tell them apart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from dualuse.model import ControlList

Progress = Callable[[int, int], None]


class ListReader(Protocol):
    """The contract of an official-publication reader."""

    @property
    def format(self) -> str:
        """The format name the importer reports (``eu-annex-json``, ...)."""
        ...

    def sniff(self, head: bytes, path: Path) -> bool:
        """True when the first bytes (up to 4 KiB) look like this format."""
        ...

    def read(self, path: Path, *, progress: Progress | None = None) -> ControlList:
        """The whole publication; raise ``InputError`` for a file of the wrong shape."""
        ...


def list_readers() -> tuple[ListReader, ...]:
    """The registered readers of official publications (the Wassenaar PDF keeps its own path)."""
    from dualuse.sources.eu_annex_json import READER

    return (READER,)
