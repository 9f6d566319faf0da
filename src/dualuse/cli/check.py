"""``dualuse check``: licence verdicts for the goods items of export, transit and transfer
declarations, streamed one declaration at a time (``docs/cli.md``: the batch contract)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import typer

from dualuse.cli.app import app, one_line
from dualuse.cli.output import (
    JsonOpt,
    Lang,
    LangOpt,
    note,
    say,
    say_wrapped,
    ui_lang,
)
from dualuse.cli.wording import editions as editions_text
from dualuse.errors import InputError
from dualuse.i18n import t

# The choices shown in -h (dualuse.licensing.readers.FORMATS checks them; a test keeps the two
# in step). Spelled here so -h imports no reader.
FORMATS = "<json|jsonl|csv|xml>"


@app.command()
def check(
    file: str = typer.Argument(..., help="Declaration file: JSON, JSON lines, CSV or XML; "
                                         "'-' reads standard input (JSON lines by default)."),
    format_: str = typer.Option(None, "--format", metavar=FORMATS,
                                help="Declaration format (default: from the file extension)."),
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
    lang: Lang = LangOpt,
    json_: bool = JsonOpt,
) -> None:
    """Verdict per goods item (prohibited, licence-required, review-required,
    general-authorisation-available, no-licence-required) with its legal basis.

    With --json, one JSON line per declaration, as it is checked: a result, or an error record
    {"reference", "index", "error": {"type", "message", "value"}} for a declaration that cannot
    be checked (the others are; exit 2 at the end). Schema: docs/schema/check-record.json.

    Examples:

        dualuse check examples/declarations/export-thermal-camera-us.json

        dualuse check invoice.csv --exporter FR --destination CN --lang fr
    """
    from dualuse.licensing import readers
    from dualuse.licensing.engine import CheckFailure, check_many

    fmt = format_.strip().lower() if format_ else None
    if fmt is not None and fmt not in readers.FORMATS:
        raise InputError(f"--format {format_!r}: expected json, jsonl, csv or xml", value=format_)
    day = _date(on)
    lg = ui_lang(lang)
    defaults = {"procedure": procedure,
                "exporter_country": exporter,
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
            render(record, lg, "stdin" if file == "-" else Path(file).name)
        if record.unread:
            note(f"dualuse: note: {record.reference or file}: not read: "
                 f"{one_line(', '.join(record.unread))}")
        sys.stdout.flush()
    if editions and not json_:
        say_wrapped(_fr(lg, f"{t('Editions', lg)}: " + editions_text(editions, lg)))
    if failed:
        if total > 1:
            note(f"dualuse: {failed} of {total} declarations could not be checked"
                 + (" (stopped at the first: --fail-fast)" if fail_fast else ""))
        raise typer.Exit(2)


def _fr(lg: str, text: str) -> str:
    from dualuse.i18n import french

    return french(text) if lg == "fr" else text


def _prose(text: str, lg: str) -> str:
    from dualuse.cli.wording import articles_fr

    return articles_fr(text) if lg == "fr" else text


def render(r: Any, lg: str, name: str) -> None:
    """One declaration's verdicts, one block per goods item, within ``COLUMNS`` (80 by default):
    the verdict in plain words on its own line (never split), then the legal basis in the
    reader's language, the authorisations and the explanation, wrapped on whole words."""
    from dualuse.cli.wording import citation, from_, towards
    from dualuse.i18n import procedure, verdict

    head = r.reference or name
    where = f"{from_(r.exporter_country, lg)} {towards(r.destination_country, lg)}"
    if r.transit_country:
        where += (" (transit par " if lg == "fr" else " (transit through ") + (
            f"{r.transit_country})")
    say_wrapped(_fr(lg, f"{head}: {procedure(r.procedure, lg)} {where}"), indent="  ")
    say_wrapped(_fr(lg, f"{t('verdict', lg)}: {verdict(r.verdict, lg).upper()}"))
    for i in r.items:
        say()
        say_wrapped(_fr(lg, f"{t('line', lg)} {i.line}: {verdict(i.verdict, lg)}"
                    + (f"  ({i.control_code})" if i.control_code else "")))
        if i.legal_basis:
            say_wrapped(_fr(lg, f"{t('legal_basis', lg)}: " + "; ".join(
                citation(b.act, b.article, lg) for b in i.legal_basis)), indent="    ",
                first="  ")
        if i.authorisations:
            say_wrapped(_fr(lg, f"{t('authorisations', lg)}: "
                            + ", ".join(a.code for a in i.authorisations)), indent="    ",
                        first="  ")
        say_wrapped(_fr(lg, _prose(i.explanation.get(lg) or "", lg)), indent="  ", first="  ")
    for f in r.documents:
        say()
        say_wrapped(_fr(lg, t("document", lg).format(doc=f.document, line=f.line,
                                                      problem=_prose(f.problem.get(lg) or "",
                                                                     lg))))
    say()


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"--on {value!r}: expected a date YYYY-MM-DD", value=value) from None
