"""``dualuse classify`` and ``dualuse search``."""

from __future__ import annotations

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, LangOpt, check_lang, emit_json, say, table


@app.command()
def classify(
    description: str = typer.Argument("", help="Product description as on the invoice."),
    hs: str = typer.Option(None, "--hs", help="HS / CN / TARIC code of the line (a prior only)."),
    cas: list[str] = typer.Option([], "--cas", help="CAS number (repeatable)."),
    lang: str = LangOpt,
    limit: int = typer.Option(None, "--limit", "-n",
                              help="How many candidates (default 10; 5 per line with --file)."),
    file: str = typer.Option(None, "--file", "-f", help="Classify every line of a file (- for "
                                                       "stdin): text, CSV, JSON lines, or "
                                                       "declarations (JSON, XML)."),
    format_: str = typer.Option(None, "--format", help="txt, csv, jsonl, json or xml (default: "
                                                      "from the extension; stdin: txt)."),
    json_: bool = JsonOpt,
) -> None:
    """Rank the control entries an invoice line may fall under, with the evidence for each.

    Example: dualuse classify "uncooled thermal camera core 640x512" --hs 8525.89
             dualuse classify --file invoice.csv --json
    """
    from dualuse.classifier import classify as run

    if file is not None or format_ is not None:
        _classify_file(file, format_, description, hs, cas, check_lang(lang), limit or 5, json_)
        return
    limit = 10 if limit is None else limit
    result = run(description, hs=hs, cas=cas, lang=check_lang(lang), limit=limit)
    if json_:
        emit_json(result)
        return
    fr = result.lang == "fr"
    if not result.candidates:
        say("Aucune rubrique candidate." if fr else "No candidate entry.")
    else:
        table(["#", "rubrique" if fr else "entry", "titre" if fr else "title", "score",
               "éléments" if fr else "evidence"],
              [(i, c.code, c.title, f"{c.score:.2f}", "\n".join(e.detail for e in c.evidence))
               for i, c in enumerate(result.candidates, 1)],
              caption=result.note)
    say(("Éditions : " if fr else "Editions: ") + "; ".join(result.editions))


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
    rows = []
    for r in results:
        c = r.classification
        top = c.candidates[0] if c.candidates else None
        where = f"{r.reference}/{r.line}" if r.reference else str(r.line)
        rows.append((where, _short(c.description or r.hs_code or ", ".join(r.cas)),
                     top.code if top else "-", f"{top.score:.2f}" if top else "",
                     " ".join(x.code for x in c.candidates[1:3])))
    fr = lang == "fr"
    table(["ligne" if fr else "line", "désignation" if fr else "description",
           "rubrique" if fr else "entry", "score", "puis" if fr else "then"], rows,
          caption=("Indicatif : vérifier chaque bien par rapport aux critères de la rubrique."
                   if fr else "Indicative: check each item against the entry's criteria."))


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to look for in the lists (EN or FR)."),
    lang: str = LangOpt,
    limit: int = typer.Option(20, "--limit", "-n", help="How many hits."),
    json_: bool = JsonOpt,
) -> None:
    """Full-text search of the control lists (titles, keywords and, once imported, legal text).

    Example: dualuse search "caméra thermique"
    """
    from dualuse.index import search as run

    hits = run(query, lang=check_lang(lang), limit=limit)
    if json_:
        emit_json({"query": query, "hits": [h.model_dump() for h in hits]})
        return
    table(["code", "kind", "title", "score", "matched"],
          [(h.code, h.kind, h.title, f"{h.score:.1f}", " ".join(h.matched)) for h in hits])
