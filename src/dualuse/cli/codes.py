"""``dualuse hs CODE`` and ``dualuse cas NUMBER``: candidate control entries from codes."""

from __future__ import annotations

import typer

from dualuse.cli.app import app
from dualuse.cli.output import JsonOpt, LangOpt, check_lang, emit_json, say


@app.command("hs")
def hs_command(
    code: str = typer.Argument(..., help="HS code: chapter (85), heading (8542), subheading "
                                          "(8542.31) or a CN/TARIC/national line (8542310000)."),
    json_: bool = JsonOpt,
    lang: str = LangOpt,
) -> None:
    """Candidate control entries for an HS code, why each is linked, and the CHPL tier.

    Example: dualuse hs 2930.70
    """
    from dualuse.codes import hs as hs_codes
    from dualuse.hs_map import hs_lookup

    lg = check_lang(lang) or "en"
    r = hs_lookup(code, lang=lg)
    if json_:
        emit_json(r)
        return
    say(f"HS {hs_codes.format(r.hs)}  {r.description}")
    if r.truncated:
        say(f"  ({r.given!r} cut to its 6-digit HS root {hs_codes.format(r.hs)})")
    if r.chpl_tier:
        say(f"CHPL tier: {r.chpl_tier}" + (f"  ({len(r.chpl)} CHPL subheadings below)"
                                            if len(r.hs) < 6 else ""))
    for e in r.entries:
        say(f"  {e.code:<12} {e.title or ''}")
        say(f"      why: {e.why}")
    if r.chemicals:
        say("chemicals: " + ", ".join(r.chemicals))
    say(r.indicative)


@app.command("cas")
def cas_command(
    number: str = typer.Argument(..., help="CAS Registry Number, e.g. 111-48-8"),
    json_: bool = JsonOpt,
    lang: str = LangOpt,
) -> None:
    """The chemical a CAS number names: lists/schedules, control entries, HS subheading.

    Example: dualuse cas 111-48-8
    """
    from dualuse.codes import hs as hs_codes
    from dualuse.hs_map import cas_lookup

    lg = check_lang(lang) or "en"
    r = cas_lookup(number, lang=lg)
    if json_:
        emit_json(r)
        return
    name = (r.name_fr if lg == "fr" and r.name_fr else r.name_en) or "-"
    say(f"CAS {r.cas}  {name}" + (f"  [{r.name_fr}]" if lg != "fr" and r.name_fr else ""))
    if r.hs:
        say(f"HS {hs_codes.format(r.hs)}  {r.hs_description}")
    for li in r.lists:
        say(f"  list: {li.label}  -> {', '.join(li.entries) or '-'}")
        say(f"      source: {li.citation}")
    for e in r.entries:
        say(f"  {e.code:<12} {e.title or ''}  ({e.why})")
    say(r.indicative)
