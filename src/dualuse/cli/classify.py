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
    limit: int = typer.Option(10, "--limit", "-n", help="How many candidates."),
    json_: bool = JsonOpt,
) -> None:
    """Rank the control entries an invoice line may fall under, with the evidence for each.

    Example: dualuse classify "uncooled thermal camera core 640x512" --hs 8525.89
    """
    from dualuse.classifier import classify as run

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
