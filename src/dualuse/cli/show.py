"""``dualuse show CODE``: one node with its parents, children, notes and definitions."""

from __future__ import annotations

from typing import cast

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, LangOpt, check_lang, emit_json, say, table


@app.command()
def show(
    code: str = typer.Argument(..., help="Control code in any form: 6A003.b.4, 6.A.3.b.4., ml13d"),
    list_id: str = typer.Option(None, "--list",
                                help="List id (default: all lists, Wassenaar first)."),
    json_: bool = JsonOpt,
    lang: str = LangOpt,
) -> None:
    """Show an entry: titles, official text, parents, children, notes, definitions, HS codes.

    Example: dualuse show 6A003.b.4 --lang fr
    """
    from dualuse.catalog import open_catalog
    from dualuse.i18n import t

    lg = check_lang(lang) or "en"
    d = open_catalog().detail(code, list_id)
    if json_:
        emit_json(d)
        return
    say(f"{d.code}  ({d.wassenaar_code})  {d.title.get(lg) or ''}")
    say(f"{t('list', lg)}: {d.list}    {t('kind', lg)}: {d.kind}    regime: {d.regime or '-'}"
        + ("    Sensitive List" if d.sensitive else "")
        + ("    Very Sensitive List" if d.very_sensitive else "")
        + (f"    {t('not_used', lg)} {d.not_used_since}" if d.not_used_since else ""))
    for p in d.parents:
        say(f"  ^ {p.code:<14} {p.title.get(lg) or ''}")
    if d.text:
        say("\n" + d.text)
    elif not d.official_text:
        say("\n" + t("no_official_text", lg))
    kws = d.keywords.get(lg) or ()
    if kws:
        say(f"\n{t('keywords', lg)}: {', '.join(kws)}")
    if d.hs:
        say(f"{t('hs_codes', lg)}: " + ", ".join(
            cast(str, h["code"]) + (f" ({h['reason']})" if h["reason"] else "") for h in d.hs))
    if d.cas:
        say("CAS: " + ", ".join(d.cas))
    for r in d.remarks:
        if r["lang"] == lg:
            say(f"{t('remark', lg)}: {r['text']}")
    if d.parameters:
        table(["applies to", "threshold"], [(p["applies_to"], p["text"]) for p in d.parameters],
              title=t("parameters", lg))
    if d.children:
        table(["code", "title"], [(c.code, c.title.get(lg)) for c in d.children],
              title=t("children", lg))
    for n in d.notes:
        say(f"\n[{n['kind']} on {n['attached_to']}]" + (" (decontrol)" if n["decontrol"] else ""))
        say(str(n["text"] or ""))
    for df in d.definitions:
        say(f'\n"{df.term}": {df.text}')
    if d.refs:
        say(f"\n{t('see_also', lg)}: " + ", ".join(cast(str, r["code"]) for r in d.refs))
    say(f"\n{t('editions', lg)}: " + "; ".join(d.editions))
    for other in d.also_in:
        say(t("also_in", lg).format(list=other, code=d.code))
