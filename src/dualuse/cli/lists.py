"""``dualuse lists``: the editions dualuse knows, importing official texts, coverage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, Lang, LangOpt, emit_json, note, say, table, ui_lang

lists_app = typer.Typer(help="Control-list editions: show, import, coverage.",
                        invoke_without_command=True, no_args_is_help=False)
app.add_typer(lists_app, name="lists")


@lists_app.callback()
def lists(ctx: typer.Context, json_: bool = JsonOpt, lang: Lang = LangOpt) -> None:
    """List the bundled and imported editions with their dates and checksums.

    Example:

        dualuse lists --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from dualuse.catalog import open_catalog

    eds = open_catalog().editions
    if json_:
        emit_json({"editions": [{**e.model_dump(mode="json"), "verified": e.verified,
                                 "label": e.label()} for e in eds]})
        return
    fr = ui_lang(lang) == "fr"
    table(["liste", "type", "date", "version", "source", "sha256"] if fr else
          ["list", "kind", "edition date", "data version", "source", "sha256"],
          [(e.id, _kind(e, fr), e.date, e.data_version,
            e.source_file or "-", (e.source_sha256 or "-")[:12]) for e in eds],
          title="Éditions des listes de contrôle" if fr else "Control-list editions",
          no_wrap=(0, 2))


_KINDS_FR = {"knowledge base": "base de connaissances", "official": "officielle",
             "knowledge-base": "base de connaissances"}


def _kind(e: Any, fr: bool) -> str:
    """The edition's kind; an official import whose file is not a known official one says so."""
    if e.kind == "official" and not e.verified:
        return "officielle, SOURCE NON VÉRIFIÉE" if fr else "official, UNVERIFIED SOURCE"
    return _KINDS_FR.get(e.kind, e.kind) if fr else str(e.kind)


@lists_app.command("import")
def import_(
    file: Path = typer.Argument(..., help="Official file: Wassenaar PDF, EU Annex I JSON, "
                                          "canonical XML, correlation table (XLSX/CSV)."),
    json_: bool = JsonOpt,
    force: bool = typer.Option(False, "--force",
                               help="Accept an import that drops many entries, marks entries not "
                                    "used, or replaces a verified official edition."),
    lang: Lang = LangOpt,
) -> None:
    """Import an official publication into DUALUSE_HOME (atomic; re-import is a no-op).

    Examples:

        dualuse lists import List-of-Dual-Use-Goods-and-Technologies-and-ML-2025-Corr.pdf

        dualuse lists import annex-i-02021R0821-20251115.json
    """
    from dualuse.cli.progress import progress_bar
    from dualuse.importer import import_file

    with progress_bar(f"importing {file.name}", quiet=json_) as progress:
        result = import_file(file, progress=progress, force=force)
    if json_:
        emit_json(result)
        return
    if ui_lang(lang) == "fr":
        state = "inchangée (déjà importée)" if result.unchanged else "importée"
        say(f"{result.id}\u202f: {state}, {result.nodes} nœuds, {result.format}, "
            f"{str(result.seconds).replace('.', ',')} s")
        note(f"enregistrée dans {result.path} (sha256 source {result.source_sha256[:16]}...)")
        return
    state = "unchanged (already imported)" if result.unchanged else "imported"
    say(f"{result.id}: {state}, {result.nodes} nodes, {result.format}, {result.seconds} s")
    note(f"stored in {result.path} (source sha256 {result.source_sha256[:16]}...)")
    if result.kind == "control-list" and not result.verified:
        note("unverified source: this file is not one of the official files dualuse knows; "
             "answers that use it say so")
    for reason in result.forced:
        note(f"accepted with --force: {reason}")


@lists_app.command("coverage")
def coverage(json_: bool = JsonOpt, lang: Lang = LangOpt) -> None:
    """How complete each list's knowledge base is, per category and per regime: titles,
    keywords, HS, thresholds, CAS, criteria.

    Example:

        dualuse lists coverage --lang fr
    """
    from dualuse.coverage import coverage as compute

    result = compute()
    if json_:
        emit_json(result)
        return
    cols = ["entries", "not_used", "with_title_en", "with_title_fr", "with_keywords_en",
            "with_keywords_fr", "goods_entries", "with_hs", "with_parameters", "with_cas",
            "with_criteria"]
    fr = ui_lang(lang) == "fr"
    heads = (["rubr", "inut", "tiEN", "tiFR", "mcEN", "mcFR", "bien", "SH", "seuil", "CAS",
              "crit"] if fr else
             ["entr", "unus", "tiEN", "tiFR", "kwEN", "kwFR", "goods", "HS", "thr", "CAS",
              "crit"])
    legend = ("rubr : rubriques ; inut : non utilisées ; ti : avec intitulé ; mc : au moins 3 "
              "mots-clés ; bien : rubriques A/B/C/ML ; seuil : avec seuils ; crit : avec critères"
              if fr else
              "entr: entries; unus: not used; ti: with a title; kw: at least 3 keywords; goods: "
              "A/B/C/ML entries; thr: with thresholds; crit: with criteria")
    for r in result.lists:
        total = ["total", *(getattr(r, k) for k in cols)]
        rows = [[c.category, *(getattr(c, k) for k in cols)] for c in r.categories]
        # the shared count on a line of its own: a title wider than the table is wrapped
        # at the table's width, which cut this phrase in two
        if fr:
            shared = (f"\nrubriques qui reprennent les faits d'une autre liste\u202f: {r.shared}"
                      if r.shared else "")
            title = f"{r.id}\u202f: rubriques couvertes ({r.nodes} nœuds){shared}"
        else:
            shared = f"\nentries that use another list's facts: {r.shared}" if r.shared else ""
            title = f"{r.id}: coverage of entry-level codes ({r.nodes} nodes){shared}"
        table(["cat.", *heads], [*rows, total], title=title, caption=legend, compact=True,
              no_wrap=range(12))
        if len(r.regimes) > 1:
            rows = [[g.regime, *(getattr(g, k) for k in cols)] for g in r.regimes]
            table(["régime" if fr else "regime", *heads], [*rows, total], compact=True,
                  title=f"{r.id}\u202f: par régime" if fr else f"{r.id}: per regime")
