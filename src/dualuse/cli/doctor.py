"""``dualuse doctor``."""

from __future__ import annotations

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, emit_json, table


@app.command()
def doctor(json_: bool = JsonOpt) -> None:
    """Check the installation: versions, bundled data, store, search index.

    Example: dualuse doctor
    """
    from dualuse.doctor import run_checks

    report = run_checks()
    if json_:
        emit_json(report)
    else:
        table(["check", "status", "detail"], [(c.name, c.status, c.detail) for c in report.checks],
              title=f"dualuse {report.version} (Python {report.python})")
    if not report.ok:
        raise typer.Exit(1)
