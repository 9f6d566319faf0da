"""From an analysed line and the entries the goods resemble to a ``Decision``.

Each resembling entry's criteria tree (docs/dev/criteria-format.md) is evaluated three-valued by
``criteria.evaluate`` (met / not met / undecided, Kleene logic); the entries' results decide:

- ``listed``: an entry is met; names its deepest met sub-item and the figures that meet it.
- ``needs-figure``: none is met and one is undecided; names the figures to ask for (or the nodes
  that no criteria file encodes: those go to review, never to "not listed").
- ``not-listed``: every resembling entry is ruled out by stated figures, notes or its nature, or
  nothing resembles the goods; names what was ruled out and why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

# what callers import from here (tests, exercises, the ranking, the benchmarks)
from dualuse.criteria.evaluate import _MEMO as _MEMO
from dualuse.criteria.evaluate import EntryResult as EntryResult
from dualuse.criteria.evaluate import KbChildren as KbChildren
from dualuse.criteria.evaluate import KindFn as KindFn
from dualuse.criteria.evaluate import Tri as Tri
from dualuse.criteria.evaluate import _and as _and
from dualuse.criteria.evaluate import _compile as _compile
from dualuse.criteria.evaluate import _evaluate_entry as _evaluate_entry
from dualuse.criteria.evaluate import _limit as _limit
from dualuse.criteria.evaluate import _or as _or
from dualuse.criteria.evaluate import evaluate_entry
from dualuse.criteria.load import quantities
from dualuse.criteria.model import CriteriaTable, Decision, FigureRequest
from dualuse.criteria.wording import ask
from dualuse.line import Line
from dualuse.model import Localized

__all__ = ["EntryResult", "Tri", "decide", "evaluate_entry"]


_NOTHING = Localized(en="nothing on the lists resembles these goods",
                     fr="rien dans les listes ne ressemble à ces biens")
_NO_TEXT = Localized(en="no description: describe the goods and their figures",
                     fr="pas de désignation : décrire les biens et leurs caractéristiques")


def decide(line: Line, entries: Sequence[tuple[str, str]],
           tables: Mapping[str, CriteriaTable], *,
           kb_children: KbChildren | None = None, kind: KindFn | None = None,
           intangibles: bool = False) -> Decision:
    """Decide ``line`` against the resembling ``entries`` (``(list_id, entry)``, best first).
    ``intangibles``: the line speaks of software or technology (their entries stay open)."""
    if not line.words and not line.figures and not line.cas:
        return Decision(status="needs-figure", reasons=(_NO_TEXT,))
    seen: set[str] = set()
    held: list[tuple[str, str]] = []
    for lid, code in entries:
        if code not in seen:
            seen.add(code)
            held.append((lid, code))
    if not held:
        return Decision(status="not-listed", reasons=(_NOTHING,))
    results = [evaluate_entry(line, lid, code, tables, kb_children=kb_children, kind=kind,
                              intangibles=intangibles) for lid, code in held]
    names = tuple(r.entry for r in results)
    listed = next((r for r in results if r.value is True), None)
    if listed is not None:
        code = listed.met_code or listed.entry
        on_path = [r for r in listed.results if r.status != "not-stated"
                   and (code == r.code or code.startswith(r.code + "."))]
        reason = Localized(
            en=f"{code}: " + ("; ".join(r.text.en or "" for r in on_path)
                              or "the goods are of the kind this entry names"),
            fr=f"{code} : " + ("; ".join(r.text.fr or "" for r in on_path)
                               or "les biens sont du type que nomme cette rubrique"))
        return Decision(status="listed", code=code, entries=names,
                        criteria=tuple(listed.results), releases=tuple(listed.releases),
                        reasons=(reason,))
    open_ = [r for r in results if r.value is None]
    all_results = tuple(c for r in results for c in r.results)
    releases = tuple(a for r in results for a in r.releases)
    if open_:
        wanted: dict[str, list[str]] = {}
        for r in open_:
            for q, codes in r.missing.items():
                wanted.setdefault(q, [])
                wanted[q] += [c for c in codes if c not in wanted[q]]
        defs = quantities()
        missing = tuple(FigureRequest(quantity=q, codes=tuple(codes), text=ask(defs[q].name))
                        for q, codes in wanted.items())
        reasons = [_open_reason(r) for r in open_]
        return Decision(status="needs-figure", entries=names, criteria=all_results,
                        missing=missing, releases=releases, reasons=tuple(reasons))
    return Decision(status="not-listed", entries=names, criteria=all_results, releases=releases,
                    reasons=tuple(_ruled_out(r) for r in results))


def _open_reason(r: EntryResult) -> Localized:
    if r.intangible and not r.missing and not r.not_encoded:
        return Localized(en=f"{r.entry}: software or technology: figures cannot rule it out; "
                            "review against the official text",
                         fr=f"{r.entry} : logiciel ou technologie : les caractéristiques ne "
                            "permettent pas de l'écarter ; examiner au regard du texte officiel")
    if r.unnamed_kind and not r.missing and not r.not_encoded:
        codes = ", ".join(dict.fromkeys(r.unnamed_kind))
        return Localized(en=f"{r.entry}: say whether the goods are of the kind of {codes}",
                         fr=f"{r.entry} : préciser si les biens sont du type de {codes}")
    if r.not_encoded and not r.missing:
        codes = ", ".join(dict.fromkeys(r.not_encoded))
        return Localized(en=f"{r.entry}: no criteria encoded for {codes}: review against the "
                            "official text",
                         fr=f"{r.entry} : aucun critère codé pour {codes} : examiner au regard "
                            "du texte officiel")
    qs = quantities()
    en = ", ".join(qs[q].name.en or q for q in r.missing)
    fr = ", ".join(qs[q].name.fr or q for q in r.missing)
    return Localized(en=f"{r.entry}: could be met; not stated: {en}",
                     fr=f"{r.entry} : pourrait être rempli ; non indiqué : {fr}")


def _ruled_out(r: EntryResult) -> Localized:
    if r.releases:
        return Localized(en=f"{r.entry}: released: " + "; ".join(
            a.text.en or a.id for a in r.releases),
            fr=f"{r.entry} : libéré : " + "; ".join(a.text.fr or a.text.en or a.id
                                                    for a in r.releases))
    failed = [c for c in r.results if c.status == "does-not-meet"]
    if failed:
        return Localized(en=f"{r.entry}: " + "; ".join(c.text.en or "" for c in failed[:4]),
                         fr=f"{r.entry} : " + "; ".join(c.text.fr or "" for c in failed[:4]))
    if r.intangible:
        return Localized(en=f"{r.entry}: software or technology, not goods",
                         fr=f"{r.entry} : logiciel ou technologie, pas des biens")
    return Localized(en=f"{r.entry}: ruled out", fr=f"{r.entry} : écarté")
