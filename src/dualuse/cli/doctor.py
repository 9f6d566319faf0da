"""``dualuse doctor``."""

from __future__ import annotations

import re

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, Lang, LangOpt, emit_json, table, ui_lang

_FR = {"check": "vérification", "status": "état", "detail": "détail", "ok": "ok",
       "warn": "attention", "fail": "échec", "data": "données", "catalog": "catalogue",
       "store": "stockage", "index": "index", "list": "liste"}
_DETAIL_FR = ((re.compile(r"^bundled data in "), "données fournies dans "),
              (re.compile(r"\bnodes\b"), "nœuds"), (re.compile(r"^built\b"), "construit"),
              (re.compile(r"\bnot writable\b"), "non inscriptible"),
              (re.compile(r"\bknowledge base only\b"), "base de connaissances seule"),
              (re.compile(r"\bofficial text\b"), "texte officiel"))


def _fr(text: str) -> str:
    for pattern, repl in _DETAIL_FR:
        text = pattern.sub(repl, text)
    return text


@app.command()
def doctor(json_: bool = JsonOpt, lang: Lang = LangOpt) -> None:
    """Check the installation: versions, bundled data, store, search index.

    Example:

        dualuse doctor --lang fr
    """
    from dualuse.doctor import run_checks

    report = run_checks()
    if json_:
        emit_json(report)
    elif ui_lang(lang) == "fr":
        table([_FR["check"], _FR["status"], _FR["detail"]],
              [(" ".join(_FR.get(w, w) for w in c.name.split(" ", 1)[:1]) + c.name[
                  len(c.name.split(" ", 1)[0]):], _FR.get(c.status, c.status), _fr(c.detail))
               for c in report.checks],
              title=f"dualuse {report.version} (Python {report.python})", no_wrap=(1,))
    else:
        table(["check", "status", "detail"], [(c.name, c.status, c.detail) for c in report.checks],
              title=f"dualuse {report.version} (Python {report.python})", no_wrap=(1,))
    if not report.ok:
        raise typer.Exit(1)
