"""``dualuse check``: licence verdicts for the goods items of export, transit and transfer
declarations."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, Lang, LangOpt, emit_json, say, say_wrapped, ui_lang
from dualuse.cli.wording import editions
from dualuse.errors import InputError
from dualuse.i18n import t


class DeclFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xml = "xml"


class Procedure(str, Enum):
    export = "export"
    re_export = "re-export"
    transit = "transit"
    intra_eu_transfer = "intra-eu-transfer"


@app.command()
def check(
    file: Path = typer.Argument(..., help="Declaration file: JSON, JSON lines, CSV or XML."),
    format_: DeclFormat = typer.Option(None, "--format",
                                       help="Declaration format (default: from the file "
                                            "extension)."),
    procedure: Procedure = typer.Option(None, "--procedure", help="CSV default procedure."),
    exporter: str = typer.Option(None, "--exporter", help="CSV default: exporter country (ISO)."),
    destination: str = typer.Option(None, "--destination", help="CSV default: destination "
                                                                "country (ISO)."),
    transit: str = typer.Option(None, "--transit", help="CSV default: Member State of transit."),
    on: str = typer.Option(None, "--on", help="Apply the rules in force on this date "
                                              "(YYYY-MM-DD; default today)."),
    lang: Lang = LangOpt,
    json_: bool = JsonOpt,
) -> None:
    """Verdict per goods item (prohibited, licence-required, review-required,
    general-authorisation-available, no-licence-required) with its legal basis.

    Examples:

        dualuse check examples/declarations/export-thermal-camera-us.json

        dualuse check invoice.csv --exporter FR --destination CN --lang fr
    """
    from dualuse.licensing import declaration as decl
    from dualuse.licensing.engine import check_many

    fmt = format_.value if format_ else None
    day = _date(on)
    lg = ui_lang(lang)
    defaults = {"procedure": procedure.value if procedure else None,
                "exporter_country": exporter,
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
    for r in results:
        render(r, lg, file.name)
    say_wrapped(_fr(lg, f"{t('Editions', lg)}: " + editions(results[0].editions, lg)))


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
