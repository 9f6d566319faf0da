"""Shared CLI options and renderers: JSON to stdout, tables via rich (imported lazily).

Everything printed fits the terminal: its width, or ``COLUMNS`` when set (also when piped), or 80
columns. Text from input or data is cleaned of control characters and rich markup is escaped,
so an invoice line cannot colour, move the cursor or hide a link.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

import typer
from pydantic import BaseModel

from dualuse.cli.wording import clean
from dualuse.errors import InputError


class Lang(str, Enum):
    en = "en"
    fr = "fr"


JsonOpt = typer.Option(False, "--json",
                       help="Print the result as JSON (the pydantic model's shape).")
LangOpt = typer.Option(None, "--lang", case_sensitive=False,
                       help="Language of the output: en or fr (default: DUALUSE_LANG, else the "
                            "locale LC_ALL/LC_MESSAGES/LANG, else en).")


def check_lang(lang: str | Lang | None) -> str | None:
    """The ``--lang`` value as given (None when absent)."""
    if lang is None:
        return None
    low = (lang.value if isinstance(lang, Lang) else lang).strip().lower()
    if low not in ("en", "fr"):
        raise InputError(f"--lang {lang!r}: expected 'en' or 'fr'", value=lang)
    return low


def ui_lang(lang: str | Lang | None) -> str:
    """The output language: ``--lang``, else ``DUALUSE_LANG``, else the locale, else English."""
    from dualuse.i18n import pick_language

    return pick_language(check_lang(lang))


def emit_json(obj: Any) -> None:
    if isinstance(obj, BaseModel):
        text = obj.model_dump_json(indent=2)
    else:
        text = json.dumps(obj, indent=2, ensure_ascii=False, default=_default)
    sys.stdout.write(text + "\n")


def _default(obj: Any) -> Any:
    if isinstance(obj, BaseModel):
        return obj.model_dump(mode="json")
    return str(obj)


def width() -> int:
    """``COLUMNS`` when set, else the terminal's width, else 80."""
    env = os.environ.get("COLUMNS", "").strip()
    if env.isdigit() and int(env) >= 20:
        return int(env)
    if sys.stdout.isatty():
        return max(20, shutil.get_terminal_size((80, 24)).columns)
    return 80


def safe(value: Any) -> str:
    """A cell or line from data or input: control characters dropped, rich markup escaped."""
    from rich.markup import escape

    return escape("\n".join(clean(line) for line in str(value).split("\n")))


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None,
          caption: str | None = None, no_wrap: Sequence[int] = (),
          compact: bool = False) -> None:
    """A table that fits ``width()``; the columns in ``no_wrap`` (verdicts, codes) are never
    split; ``compact``: one space between columns (tables of figures)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    t = Table(title=safe(title) if title else None, caption=safe(caption) if caption else None,
              show_lines=False, header_style="bold", title_justify="left",
              caption_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
              padding=(0, 1, 0, 0) if compact else (0, 1))
    for i, col in enumerate(columns):
        t.add_column(safe(col), overflow="fold", no_wrap=i in no_wrap)
    for row in rows:
        t.add_row(*("" if v is None else safe(v) for v in row))
    Console(soft_wrap=False, width=width(), highlight=False).print(t)


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def say_wrapped(text: str, indent: str = "", first: str | None = None) -> None:
    """A paragraph wrapped to ``width()`` (words never split), control characters dropped; the
    first line starts with ``first`` (its own leading spaces kept), the others with ``indent``."""
    import textwrap

    lines = textwrap.wrap(clean(text), width=width(), initial_indent=first or "",
                          subsequent_indent=indent, break_long_words=False,
                          break_on_hyphens=False)
    for line in lines or [""]:
        say(line)


def note(text: str) -> None:
    """A message for the human (stderr), so stdout stays machine-readable."""
    sys.stderr.write(text + "\n")
