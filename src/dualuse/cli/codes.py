"""``dualuse hs CODE`` and ``dualuse cas NUMBER``: candidate control entries from codes.

"Not listed" is an answer, not an error: an HS code linked to no entry, or a CAS number in none
of the tables, prints so and exits 0 (the JSON says ``"listed": false``)."""

from __future__ import annotations

import re

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, Lang, LangOpt, emit_json, say, say_wrapped, ui_lang


def _fr(lg: str, text: str) -> str:
    from dualuse.i18n import french

    return french(text) if lg == "fr" else text


_WHY_FR = (
    (re.compile(r"indicative HS code in the knowledge base"),
     "code SH indicatif de la base de connaissances"),
    (re.compile(r"\(CAS ([\d-]+)\) is on the "), r"(CAS \1) figure sur la liste : "),
    (re.compile(r"official correlation table (.+?): CN "),
     r"table de corrélation officielle \1 : NC "),
    (re.compile(r", item (\w+)"), r", point \1"),
)


def _why(text: str, lg: str) -> str:
    """Why an entry is linked, in French words where the library wrote English ones (the names
    and list titles it quotes stay as published)."""
    if lg != "fr":
        return text
    for pattern, repl in _WHY_FR:
        text = pattern.sub(repl, text)
    return text


@app.command("hs")
def hs_command(
    code: str = typer.Argument(..., help="HS code: chapter (85), heading (8542), subheading "
                                          "(8542.31) or a CN/TARIC/national line (8542310000)."),
    json_: bool = JsonOpt,
    lang: Lang = LangOpt,
) -> None:
    """Candidate control entries for an HS code, why each is linked, and the CHPL tier.

    Examples:

        dualuse hs 2930.70

        dualuse hs 8525.89 --lang fr
    """
    from dualuse.codes import hs as hs_codes
    from dualuse.hs_map import hs_lookup
    from dualuse.i18n import t

    lg = ui_lang(lang)
    r = hs_lookup(code, lang=lg)
    if json_:
        emit_json(r)
        return
    say_wrapped(f"{'SH' if lg == 'fr' else 'HS'} {hs_codes.format(r.hs)}  {r.description}")
    if r.truncated:
        say(_fr(lg, "  " + t("cut_to", lg).format(given=r.given, hs=hs_codes.format(r.hs))))
    if r.chpl_tier:
        below = t("chpl_below", lg).format(n=len(r.chpl)) if len(r.hs) < 6 else ""
        say(_fr(lg, f"{t('chpl_tier', lg)}: {r.chpl_tier}  {below}".rstrip()))
    for e in r.entries:
        say_wrapped(f"  {e.code:<12} {e.title or ''}", indent=" " * 15)
        say_wrapped(_fr(lg, f"{t('why', lg)}: {_why(e.why, lg)}"), indent=" " * 10,
                    first=" " * 6)
    if r.chemicals:
        say_wrapped(_fr(lg, f"{t('chemicals', lg)}: " + ", ".join(r.chemicals)), indent="  ")
    say_wrapped(_fr(lg, r.indicative))


@app.command("cas")
def cas_command(
    number: str = typer.Argument(..., help="CAS Registry Number, e.g. 111-48-8"),
    json_: bool = JsonOpt,
    lang: Lang = LangOpt,
) -> None:
    """The chemical a CAS number names: lists/schedules, control entries, HS subheading.

    A number in none of the tables is answered "not listed" (exit 0); a malformed number or a
    wrong check digit is an error (exit 2).

    Examples:

        dualuse cas 111-48-8

        dualuse cas 7664-39-3 --lang fr
    """
    from dualuse.codes import cas as cas_codes
    from dualuse.codes import hs as hs_codes
    from dualuse.errors import NotFound
    from dualuse.hs_map import cas_lookup
    from dualuse.i18n import t

    lg = ui_lang(lang)
    try:
        r = cas_lookup(number, lang=lg)
    except NotFound:
        canon = cas_codes.validate(number)
        if json_:
            emit_json({"cas": canon, "listed": False, "lists": [], "entries": []})
        else:
            say_wrapped(_fr(lg, t("cas_not_listed", lg).format(cas=canon)))
        return
    if json_:
        emit_json({**r.model_dump(mode="json"), "listed": True})
        return
    name = (r.name_fr if lg == "fr" and r.name_fr else r.name_en) or "-"
    say_wrapped(f"CAS {r.cas}  {name}" + (f"  [{r.name_fr}]" if lg != "fr" and r.name_fr else ""))
    if r.hs:
        say_wrapped(f"{'SH' if lg == 'fr' else 'HS'} {hs_codes.format(r.hs)}  {r.hs_description}")
    for li in r.lists:
        say_wrapped(_fr(lg, f"  {t('on_list', lg)}: {li.label}  -> {', '.join(li.entries) or '-'}"),
                    indent="      ")
        say_wrapped(_fr(lg, f"{t('source', lg)}: {li.citation}"), indent="      ",
                    first="      ")
    for e in r.entries:
        say_wrapped(_fr(lg, f"  {e.code:<12} {e.title or ''}  ({e.why})"), indent=" " * 15)
    say_wrapped(_fr(lg, r.indicative))
