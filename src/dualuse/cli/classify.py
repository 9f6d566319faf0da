"""``dualuse classify`` and ``dualuse search``."""

from __future__ import annotations

from enum import Enum

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, Lang, LangOpt, check_lang, emit_json, say, table, ui_lang


class LineFormat(str, Enum):
    txt = "txt"
    csv = "csv"
    jsonl = "jsonl"
    json = "json"
    xml = "xml"


@app.command()
def classify(
    description: str = typer.Argument("", help="Product description as on the invoice."),
    hs: str = typer.Option(None, "--hs", help="HS / CN / TARIC code of the line (a prior only)."),
    cas: list[str] = typer.Option([], "--cas", help="CAS number (repeatable)."),
    lang: Lang = LangOpt,
    limit: int = typer.Option(None, "--limit", "-n", min=1,
                              help="How many candidates (default 5)."),
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Every piece of evidence and note, full titles."),
    file: str = typer.Option(None, "--file", "-f", help="Classify every line of a file (- for "
                                                       "stdin): text, CSV, JSON lines, or "
                                                       "declarations (JSON, XML)."),
    format_: LineFormat = typer.Option(None, "--format", help="Format of --file (default: "
                                                             "from the extension; stdin: txt)."),
    json_: bool = JsonOpt,
) -> None:
    """Rank the control entries an invoice line may fall under, with the evidence for each.

    The decision comes first when there is one, then the top candidates with their strength:
    strong (the line gives the CAS number the entry names or names its chemical, or scores
    0.75 or more), possible (0.45 or more), weak (a few shared words). --json keeps the numeric
    scores.

    Examples:

        dualuse classify "uncooled thermal camera core 640x512" --hs 8525.89

        dualuse classify "caméra thermique 640x480" --lang fr --verbose

        dualuse classify --file invoice.csv --json
    """
    from dualuse.classifier import classify as run
    from dualuse.cli import render

    shown = limit or (10 if verbose else 5)
    if file is not None or format_ is not None:
        _classify_file(file, format_.value if format_ else None, description, hs, cas,
                       check_lang(lang), limit or 5, json_)
        return
    result = run(description, hs=hs, cas=cas, lang=check_lang(lang), limit=max(shown, 10))
    if json_:
        emit_json(result)
        return
    from dualuse.i18n import chosen_language

    ui = chosen_language(check_lang(lang)) or result.lang
    render.classification(result, ui, limit=shown, verbose=verbose)


def _classify_file(file: str | None, fmt: str | None, description: str, hs: str | None,
                   cas: list[str], lang: str | None, limit: int, json_: bool) -> None:
    from dualuse.batch import classify_lines, read
    from dualuse.errors import InputError

    if file is None:
        raise InputError("--format needs --file", value=fmt)
    if description or hs or cas:
        raise InputError("give either a description (with --hs/--cas) or --file, not both",
                         value=file)
    lines = read(file, format=fmt)  # all validated first: a bad line is an error, no output
    results = classify_lines(lines, lang=lang, limit=limit)
    if json_:  # JSON lines, streamed: one ClassifiedLine per goods item
        for r in results:
            say(r.model_dump_json())
        return
    from dualuse.cli import render
    from dualuse.i18n import t

    lg = ui_lang(lang)
    rows = []
    for r in results:
        c = r.classification
        top = c.candidates[0] if c.candidates else None
        where = f"{r.reference}/{r.line}" if r.reference else str(r.line)
        rows.append((where, _short(c.description or r.hs_code or ", ".join(r.cas)),
                     top.code if top else "-", t(render.strength(top), lg) if top else "",
                     " ".join(x.code for x in c.candidates[1:3])))
    fr = lg == "fr"
    table(["ligne" if fr else "line", "désignation" if fr else "description",
           "rubrique" if fr else "entry", "force" if fr else "strength",
           "puis" if fr else "then"], rows, no_wrap=(2, 3), caption=t("indicative", lg))


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to look for in the lists (EN or FR)."),
    lang: Lang = LangOpt,
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="How many hits."),
    json_: bool = JsonOpt,
) -> None:
    """Full-text search of the control lists (titles, keywords and, once imported, legal text).

    Examples:

        dualuse search "caméra thermique"

        dualuse search oscilloscope --limit 5
    """
    from dualuse.i18n import french, t
    from dualuse.index import search as run

    hits = run(query, lang=check_lang(lang), limit=limit)
    if json_:
        emit_json({"query": query, "hits": [h.model_dump() for h in hits]})
        return
    lg = ui_lang(lang)
    if not hits:
        say(french(t("no_hit", lg).format(q=query)) if lg == "fr"
            else t("no_hit", lg).format(q=query))
        return
    table([t("code", lg), t("title", lg), t("matched", lg)],
          [(h.code, h.title, " ".join(h.matched)) for h in hits], no_wrap=(0,))
