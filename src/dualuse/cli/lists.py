"""``dualuse lists``: the editions dualuse knows, importing official texts, coverage."""

from __future__ import annotations

from pathlib import Path

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, emit_json, note, say, table

lists_app = typer.Typer(help="Control-list editions: show, import, coverage.",
                        invoke_without_command=True, no_args_is_help=False)
app.add_typer(lists_app, name="lists")


@lists_app.callback()
def lists(ctx: typer.Context, json_: bool = JsonOpt) -> None:
    """List the bundled and imported editions with their dates and checksums.

    Example: dualuse lists --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from dualuse.catalog import open_catalog

    eds = open_catalog().editions
    if json_:
        emit_json({"editions": [{**e.model_dump(mode="json"), "verified": e.verified,
                                 "label": e.label()} for e in eds]})
        return
    table(["list", "kind", "edition date", "data version", "source", "sha256"],
          [(e.id, e.kind if e.kind != "official" or e.verified else "official, UNVERIFIED SOURCE",
            e.date, e.data_version, e.source_file or "-",
            (e.source_sha256 or "-")[:16]) for e in eds], title="Control-list editions")


@lists_app.command("import")
def import_(
    file: Path = typer.Argument(..., help="Official file: Wassenaar PDF, EU Annex I JSON, "
                                          "canonical XML, correlation table (XLSX/CSV)."),
    json_: bool = JsonOpt,
    force: bool = typer.Option(False, "--force",
                               help="Accept an import that drops many entries, marks entries not "
                                    "used, or replaces a verified official edition."),
) -> None:
    """Import an official publication into DUALUSE_HOME (atomic; re-import is a no-op).

    Examples: dualuse lists import List-of-Dual-Use-Goods-and-Technologies-and-ML-2025-Corr.pdf;
    dualuse lists import annex-i-02021R0821-20251115.json
    """
    from dualuse.cli.progress import progress_bar
    from dualuse.importer import import_file

    with progress_bar(f"importing {file.name}", quiet=json_) as progress:
        result = import_file(file, progress=progress, force=force)
    if json_:
        emit_json(result)
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
def coverage(json_: bool = JsonOpt) -> None:
    """How complete each list's knowledge base is, per category and per regime: titles,
    keywords, HS, thresholds, CAS, criteria.

    Example: dualuse lists coverage --json
    """
    from dualuse.coverage import coverage as compute

    result = compute()
    if json_:
        emit_json(result)
        return
    cols = ["entries", "not_used", "with_title_en", "with_title_fr", "with_keywords_en",
            "with_keywords_fr", "goods_entries", "with_hs", "with_parameters", "with_cas",
            "with_criteria"]
    heads = ["entries", "not used", "EN title", "FR title", "EN kw>=3", "FR kw>=3",
             "A/B/C/ML", "with HS", "thresholds", "with CAS", "criteria"]
    for r in result.lists:
        total = ["total", *(getattr(r, k) for k in cols)]
        rows = [[c.category, *(getattr(c, k) for k in cols)] for c in r.categories]
        shared = f"; {r.shared} use another list's facts" if r.shared else ""
        table(["category", *heads], [*rows, total],
              title=f"{r.id}: coverage of entry-level codes ({r.nodes} nodes{shared})")
        if len(r.regimes) > 1:
            rows = [[g.regime, *(getattr(g, k) for k in cols)] for g in r.regimes]
            table(["regime", *heads], [*rows, total], title=f"{r.id}: per regime")
