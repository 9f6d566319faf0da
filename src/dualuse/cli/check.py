"""``dualuse check``: licence verdicts for the goods items of export, transit and transfer
declarations, streamed one declaration at a time (``docs/cli.md``: the batch contract)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import typer

from dualuse.cli.app import app, one_line
from dualuse.cli.output import JsonOpt, LangOpt, check_lang, note, say, table
from dualuse.errors import InputError


@app.command()
def check(
    file: str = typer.Argument(..., help="Declaration file: JSON, JSON lines, CSV or XML; "
                                         "'-' reads standard input (JSON lines by default)."),
    format_: str = typer.Option(None, "--format", help="json, jsonl, csv or xml (default: from "
                                                       "the file extension)."),
    procedure: str = typer.Option(None, "--procedure", help="CSV default: export, re-export, "
                                                            "transit, intra-eu-transfer or an "
                                                            "EU procedure code (1000)."),
    exporter: str = typer.Option(None, "--exporter", help="CSV default: exporter country (ISO)."),
    destination: str = typer.Option(None, "--destination", help="CSV default: destination "
                                                                "country (ISO)."),
    transit: str = typer.Option(None, "--transit", help="CSV default: Member State of transit."),
    on: str = typer.Option(None, "--on", help="Apply the rules in force on this date "
                                              "(YYYY-MM-DD; default today)."),
    fail_fast: bool = typer.Option(False, "--fail-fast", help="Stop at the first declaration "
                                                              "that cannot be checked."),
    lang: str = LangOpt,
    json_: bool = JsonOpt,
) -> None:
    """Verdict per goods item (prohibited, licence-required, review-required,
    general-authorisation-available, no-licence-required) with its legal basis.

    With --json, one JSON line per declaration, as it is checked: a result, or an error record
    {"reference", "index", "error": {"type", "message", "value"}} for a declaration that cannot
    be checked (the others are; exit 2 at the end). Schema: docs/schema/check-record.json.

    Example: dualuse check examples/declarations/export-thermal-camera-us.json
    """
    from dualuse.licensing import readers
    from dualuse.licensing.engine import CheckFailure, check_many

    fmt = format_.strip().lower() if format_ else None
    if fmt is not None and fmt not in readers.FORMATS:
        raise InputError(f"--format {format_!r}: expected json, jsonl, csv or xml", value=format_)
    day = _date(on)
    lg = check_lang(lang) or "en"
    defaults = {"procedure": procedure, "exporter_country": exporter,
                "destination_country": destination, "transit_country": transit}
    if (fmt or readers.detect_format(file)) != "csv" and any(defaults.values()):
        raise InputError("--procedure/--exporter/--destination/--transit are for CSV files only",
                         value=file)
    stream = readers.iter_batch(file, format=fmt, defaults=defaults)  # type: ignore[arg-type]
    failed = total = 0
    editions: tuple[str, ...] = ()
    for record in check_many(stream, on=day):
        total += 1
        if isinstance(record, CheckFailure):
            failed += 1
            if json_:
                sys.stdout.write(record.model_dump_json() + "\n")
            note(f"dualuse: error: {one_line(record.error.message)}")
            if fail_fast:
                break
            continue
        editions = record.editions
        if json_:
            sys.stdout.write(record.model_dump_json() + "\n")
        else:
            _render(record, file, lg)
        if record.unread:
            note(f"dualuse: note: {record.reference or file}: not read: "
                 f"{one_line(', '.join(record.unread))}")
        sys.stdout.flush()
    if editions and not json_:
        say(("Éditions : " if lg == "fr" else "Editions: ") + "; ".join(editions))
    if failed:
        if total > 1:
            note(f"dualuse: {failed} of {total} declarations could not be checked"
                 + (" (stopped at the first: --fail-fast)" if fail_fast else ""))
        raise typer.Exit(2)


def _render(r: Any, file: str, lg: str) -> None:
    fr = lg == "fr"
    head = r.reference or ("stdin" if file == "-" else file)
    where = f"{r.exporter_country} → {r.destination_country}" + (
        f" (transit {r.transit_country})" if r.transit_country else "")
    table(["ligne" if fr else "line", "verdict", "rubrique" if fr else "entry",
           "autorisations" if fr else "authorisations",
           "base juridique" if fr else "legal basis", "explication" if fr else "explanation"],
          [(i.line, i.verdict, i.control_code or "",
            ", ".join(a.code for a in i.authorisations),
            "\n".join(f"{b.act}, {b.article}" for b in i.legal_basis),
            i.explanation.get(lg)) for i in r.items],
          title=f"{head}: {r.procedure} {where}: {r.verdict}")
    for f in r.documents:
        say(f"Document {f.document}, " + ("ligne" if fr else "line")
            + f" {f.line}: {f.problem.get(lg)}")


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"--on {value!r}: expected a date YYYY-MM-DD", value=value) from None
