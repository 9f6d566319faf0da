"""``dualuse show CODE``: one node with its parents, children, notes and definitions."""

from __future__ import annotations

from typing import cast

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, Lang, LangOpt, emit_json, say, table, ui_lang


@app.command()
def show(
    code: str = typer.Argument(..., help="Control code in any form: 6A003.b.4, 6.A.3.b.4., ml13d"),
    list_id: str = typer.Option(None, "--list",
                                help="List id (default: all lists, Wassenaar first)."),
    json_: bool = JsonOpt,
    lang: Lang = LangOpt,
) -> None:
    """Show an entry: titles, official text, parents, children, notes, definitions, HS codes.

    Examples:

        dualuse show 6A003.b.4 --lang fr

        dualuse show ML1 --list wassenaar-2025 --json
    """
    from dualuse.catalog import open_catalog
    from dualuse.cli.output import say_wrapped
    from dualuse.cli.wording import clean, editions, hs_code
    from dualuse.i18n import french, t

    lg = ui_lang(lang)
    fix = french if lg == "fr" else (lambda s: s)
    d = open_catalog().detail(code, list_id)
    if json_:
        emit_json(d)
        return
    say_wrapped(f"{d.code}  ({d.wassenaar_code})  {d.title.get(lg) or ''}", indent="  ")
    say_wrapped(fix(f"{t('list', lg)}: {d.list}    {t('kind', lg)}: {t(d.kind, lg)}    "
                    f"{t('regime', lg)}: {d.regime or '-'}"
                    + (f"    {t('sensitive', lg)}" if d.sensitive else "")
                    + (f"    {t('very_sensitive', lg)}" if d.very_sensitive else "")
                    + (f"    {t('not_used', lg)} {d.not_used_since}" if d.not_used_since
                       else "")))
    for p in d.parents:
        say_wrapped(f"  ^ {p.code:<14} {p.title.get(lg) or ''}", indent=" " * 19)
    if d.text:
        say()
        for para in d.text.split("\n"):
            say_wrapped(para)
    elif not d.official_text:
        say()
        say_wrapped(t("no_official_text", lg))
    kws = d.keywords.get(lg) or ()
    if kws:
        say()
        say_wrapped(fix(f"{t('keywords', lg)}: {', '.join(kws)}"), indent="  ", first="  ")
    if d.hs:
        say_wrapped(fix(f"{t('hs_codes', lg)}: " + ", ".join(
            hs_code(cast(str, h["code"])) + (f" ({h['reason']})" if h["reason"] else "")
            for h in d.hs)), indent="  ")
    if d.cas:
        say_wrapped("CAS: " + ", ".join(d.cas), indent="  ")
    for r in d.remarks:
        if r["lang"] == lg:
            say_wrapped(fix(f"{t('remark', lg)}: {r['text']}"), indent="  ")
    if d.parameters:
        table([t("applies_to", lg), t("threshold", lg)],
              [(p["applies_to"], p["text"]) for p in d.parameters], title=t("parameters", lg),
              no_wrap=(0,))
    if d.children:
        table([t("code", lg), t("title", lg)], [(c.code, c.title.get(lg)) for c in d.children],
              title=t("children", lg), no_wrap=(0,))
    for n in d.notes:
        kind = clean(n["kind"])
        say("\n[" + t("note_on", lg).format(kind=kind, code=n["attached_to"]) + "]"
            + (f" ({t('decontrol', lg)})" if n["decontrol"] else ""))
        for para in str(n["text"] or "").split("\n"):
            say_wrapped(para)
    for df in d.definitions:
        say()
        say_wrapped(f'"{df.term}": {df.text}', indent="  ")
    if d.refs:
        say()
        say_wrapped(fix(f"{t('see_also', lg)}: " + ", ".join(cast(str, r["code"])
                                                             for r in d.refs)))
    say()
    say_wrapped(fix(f"{t('editions', lg)}: " + editions(d.editions, lg)))
    for other in d.also_in:
        # the command on a line of its own: wrapped, it was cut between --list and its value
        say_wrapped(fix(t("also_in", lg).format(list=other)))
        say(clean(f"  dualuse show {d.code} --list {other}"))
