"""Every CLI command and option is documented in docs/cli.md, and every command has an example."""

from __future__ import annotations

import re
from pathlib import Path

import typer

from dualuse.cli.app import _register, app

DOC = Path(__file__).parents[2] / "docs" / "cli.md"


def _commands() -> dict[str, list[str]]:
    """'exercise generate' -> its long option names, for every leaf command."""
    _register()
    root = typer.main.get_command(app)
    out: dict[str, list[str]] = {}

    def walk(cmd, path: list[str]) -> None:  # type: ignore[no-untyped-def]
        subs = getattr(cmd, "commands", None)
        if subs:
            if path and getattr(cmd, "invoke_without_command", False):
                out[" ".join(path)] = _options(cmd)
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            out[" ".join(path)] = _options(cmd)

    walk(root, [])
    return out


def _options(cmd) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(o for p in cmd.params for o in getattr(p, "opts", ()) if o.startswith("--"))


def test_every_command_and_option_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## `dualuse ([a-z ]+?)(?: [A-Z\[][^`\n]*)?`\n(.*?)(?=^## |\Z)",
                               text, flags=re.M | re.S))
    missing = []
    for name, options in _commands().items():
        body = sections.get(name)
        if body is None:
            missing.append(f"section for `dualuse {name}`")
            continue
        missing += [f"{name} {o}" for o in options if o not in body and o != "--help"]
        if f"dualuse {name}" not in body.replace("$ ", ""):
            missing.append(f"example for `dualuse {name}`")
    assert not missing, "docs/cli.md lacks: " + ", ".join(missing)
