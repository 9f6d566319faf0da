"""Shared CLI options and renderers: JSON to stdout, tables via rich (imported lazily)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import typer
from pydantic import BaseModel

from dualuse.errors import InputError

JsonOpt = typer.Option(False, "--json",
                       help="Print the result as JSON (the pydantic model's shape).")
LangOpt = typer.Option(None, "--lang", help="Language of titles and messages: en or fr.")


def check_lang(lang: str | None) -> str | None:
    if lang is None:
        return None
    low = lang.strip().lower()
    if low not in ("en", "fr"):
        raise InputError(f"--lang {lang!r}: expected 'en' or 'fr'", value=lang)
    return low


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


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None,
          caption: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, caption=caption, show_lines=False, header_style="bold",
              title_justify="left", caption_justify="left")
    for col in columns:
        t.add_column(col, overflow="fold")
    for row in rows:
        t.add_row(*("" if v is None else str(v) for v in row))
    Console(soft_wrap=False, width=_width()).print(t)


def _width() -> int | None:
    return None if sys.stdout.isatty() else 120


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def note(text: str) -> None:
    """A message for the human (stderr), so stdout stays machine-readable."""
    sys.stderr.write(text + "\n")
