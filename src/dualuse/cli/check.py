"""``dualuse check``: licence verdicts for the goods items of export, transit and transfer
declarations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, LangOpt, check_lang, emit_json, say, table
from dualuse.errors import InputError


@app.command()
def check(
    file: Path = typer.Argument(..., help="Declaration file: JSON, JSON lines, CSV or XML."),
    format_: str = typer.Option(None, "--format", help="json, jsonl, csv or xml (default: from "
                                                       "the file extension)."),
    procedure: str = typer.Option(None, "--procedure", help="CSV default: export, re-export, "
                                                            "transit or intra-eu-transfer."),
    exporter: str = typer.Option(None, "--exporter", help="CSV default: exporter country (ISO)."),
    destination: str = typer.Option(None, "--destination", help="CSV default: destination "
                                                                "country (ISO)."),
    transit: str = typer.Option(None, "--transit", help="CSV default: Member State of transit."),
    on: str = typer.Option(None, "--on", help="Apply the rules in force on this date "
                                              "(YYYY-MM-DD; default today)."),
    lang: str = LangOpt,
    json_: bool = JsonOpt,
) -> None:
    """Verdict per goods item (prohibited, licence-required, review-required,
    general-authorisation-available, no-licence-required) with its legal basis.

    Example: dualuse check examples/declarations/export-thermal-camera-us.json
    """
    from dualuse.licensing import declaration as decl
    from dualuse.licensing.engine import check_many

    fmt = format_.strip().lower() if format_ else None
    if fmt is not None and fmt not in ("json", "jsonl", "csv", "xml"):
        raise InputError(f"--format {format_!r}: expected json, jsonl, csv or xml", value=format_)
    day = _date(on)
    lg = check_lang(lang) or "en"
    defaults = {"procedure": procedure, "exporter_country": exporter,
                "destination_country": destination, "transit_country": transit}
    if fmt != "csv" and (fmt or decl.detect_format(file)) != "csv" and any(defaults.values()):
        raise InputError("--procedure/--exporter/--destination/--transit are for CSV files only",
                         value=str(file))
    declarations = decl.read(file, format=fmt, defaults=defaults)  # type: ignore[arg-type]
    results = list(check_many(declarations, on=day))  # all or nothing: no partial output
    if json_:
        emit_json({"declarations": [r.model_dump(mode="json") for r in results]}
                  if len(results) > 1 else results[0])
        return
    fr = lg == "fr"
    for r in results:
        head = r.reference or file.name
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
    say(("Éditions : " if fr else "Editions: ") + "; ".join(results[0].editions))


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"--on {value!r}: expected a date YYYY-MM-DD", value=value) from None
