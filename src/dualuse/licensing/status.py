"""Control status of one goods item: listed, military, not listed, or uncertain.

Every piece of evidence the line carries is read: a declared control code, control codes and CAS
numbers written in the description, then the HS code and the description (HS correlation and the
classifier, whose decision settles the item when it can). ``not-listed`` needs positive evidence;
anything less certain is ``uncertain``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dualuse.codes import control
from dualuse.criteria.model import Decision
from dualuse.criteria.screen import comes_near
from dualuse.errors import CodeValidationError, DualUseError
from dualuse.licensing.context import _Context
from dualuse.licensing.declaration import Item
from dualuse.licensing.results import ControlStatus
from dualuse.licensing.rules import Text

if TYPE_CHECKING:
    from dualuse.classifier import Screening

# --- control status -----------------------------------------------------------------------------
# A description "resembles a listed item" when a candidate entry both explains this share of its
# words (IDF-weighted classifier coverage) and reaches this score; such a line is never presumed
# not listed, whatever its HS code. Measured by benchmarks/bench_check.py (docs/licensing.md).
ALERT_COVERAGE = 0.3
ALERT_SCORE = 0.6


def resembles_listed(candidate: Any) -> bool:
    """Does this classifier candidate make the description look like a listed item?"""
    return bool(candidate.coverage >= ALERT_COVERAGE and candidate.score >= ALERT_SCORE)


@dataclass
class _Status:
    status: ControlStatus
    code: str | None
    reasons: list[Text]
    candidates: tuple[str, ...] = ()


def _t(en: str, fr: str) -> Text:
    return Text(en=en, fr=fr)


def _declared(code: str, ctx: _Context) -> _Status:
    hit = ctx.status_cache.get(code)
    if hit is not None:
        return hit
    chem = code.strip().upper().rstrip(".")
    try:
        key = control.normalise(code)
    except CodeValidationError:
        key = ""
    if not key and chem in ctx.chemical_entries:
        st = _Status("listed", chem, [_t(
            f"{chem} is a chemical entry of the EU list (Annex I).",
            f"{chem} est une rubrique chimique de la liste de l'UE (annexe I).")])
    elif not key:
        st = _Status("uncertain", None, [_t(
            f"The declared control code {code!r} is not a control-list code.",
            f"Le code de contrôle déclaré {code!r} n'est pas un code de liste de contrôle.")])
    else:
        node = ctx.catalog.get(key)
        if node is None and control.entry_level(key) in ctx.chemical_entries:
            st = _Status("listed", key, [_t(
                f"{key} is a chemical entry of the EU list (Annex I).",
                f"{key} est une rubrique chimique de la liste de l'UE (annexe I).")])
        elif node is None:
            st = _Status("uncertain", key, [_t(
                f"{key} is not in the lists dualuse holds; it cannot be confirmed as listed or "
                f"not listed.",
                f"{key} ne figure pas dans les listes dont dispose dualuse ; impossible de "
                f"confirmer s'il est inscrit ou non.")])
        elif node.kind in ("category", "group"):
            st = _Status("uncertain", key, [_t(
                f"{key} is a category or product group, not an entry: declare the entry.",
                f"{key} est une catégorie ou un groupe de produits, pas une rubrique : déclarer "
                f"la rubrique.")])
        elif node.not_used_since:
            st = _Status("uncertain", key, [_t(
                f"{key} has not been used since {node.not_used_since}: the declared code is "
                f"outdated.",
                f"{key} n'est plus utilisé depuis {node.not_used_since} : le code déclaré est "
                f"périmé.")])
        elif control.category(key) == "ML":
            st = _Status("military", key, [_t(
                f"{key} is an entry of the Munitions List (military item).",
                f"{key} est une rubrique de la liste des matériels de guerre (bien militaire).")])
        else:
            st = _Status("listed", key, [_t(
                f"{key} is a listed dual-use entry.",
                f"{key} est une rubrique de biens à double usage inscrite.")])
    if len(ctx.status_cache) < 100_000:
        ctx.status_cache[code] = st
    return st


def _by_cas(cas_numbers: Sequence[str], ctx: _Context) -> _Status | None:
    from dualuse.chemicals import chemicals

    rows = [r for r in chemicals() if r.cas in cas_numbers]
    entries = [e for r in rows for e in r.entries]
    if not rows:
        return None
    names = ", ".join(dict.fromkeys(f"{r.cas} ({r.list_label})" for r in rows))
    military = [e for e in entries if e.upper().startswith("ML")]
    dual = [e for e in entries if not e.upper().startswith("ML")]
    if military:
        return _Status("military", military[0], [_t(
            f"CAS {names}: a chemical controlled as a military item ({military[0]}).",
            f"CAS {names} : produit chimique contrôlé comme bien militaire ({military[0]}).")],
            tuple(dict.fromkeys(entries)))
    if dual:
        return _Status("listed", dual[0], [_t(
            f"CAS {names}: a listed chemical ({dual[0]}); a mixture below the entry's "
            f"concentration limit may be outside it.",
            f"CAS {names} : produit chimique inscrit ({dual[0]}) ; un mélange sous le seuil de "
            f"concentration de la rubrique peut en être exclu.")], tuple(dict.fromkeys(entries)))
    return _Status("uncertain", None, [_t(
        f"CAS {names}: a chemical watched by customs programmes; check its control status.",
        f"CAS {names} : produit chimique surveillé par les programmes douaniers ; vérifier son "
        f"statut de contrôle.")])


# A line that resembles nothing may be released only when no candidate comes near: stricter than
# the alert gate above (measured in benchmarks/bench_check.py: listed goods under an unrelated HS
# code, and ordinary goods; docs/licensing.md). One rule with the decision's resemblance
# (criteria/screen.py: ``comes_near``): a candidate that comes near is held against the line.


def _hs_status(item: Item,
               ctx: _Context) -> tuple[tuple[str, ...], tuple[str, ...], _Status | None]:
    """(entries linked to the subheading, entries linked to its heading, a status that settles
    the item already: an HS code that does not exist)."""
    from dualuse.codes import hs as hs_codes
    from dualuse.hs_map import hs_candidates, hs_heading_candidates

    if not item.hs_code:
        return (), (), None
    if not hs_codes.is_valid(item.hs_code):
        return (), (), _Status("uncertain", None, [_t(
            f"HS code {item.hs_code} does not exist in HS 2022.",
            f"Le code SH {item.hs_code} n'existe pas dans le SH 2022.")])
    return hs_candidates([item.hs_code])[0], hs_heading_candidates(item.hs_code), None


SCREEN_CACHE = 4096  # distinct screened descriptions a context remembers


def _screened(description: str, hold: tuple[str, ...], ctx: _Context) -> Screening:
    """``screen`` of a description-only item, once per distinct text and held codes while the
    criteria tables stay the same (declarations repeat lines)."""
    from dualuse.classifier import screen
    from dualuse.criteria import load_criteria

    tables = load_criteria()
    key = (description, tuple(hold))
    hit = ctx.screen_cache.get(key)
    if hit is not None and hit[0] is tables:
        return hit[1]
    result = screen(description, hs=None, limit=5, catalog=ctx.catalog, hold=hold,
                    criteria=tables)
    if len(ctx.screen_cache) >= SCREEN_CACHE:
        ctx.screen_cache.clear()
    ctx.screen_cache[key] = (tables, result)
    return result


def _by_goods(item: Item, description: str, ctx: _Context) -> _Status:
    """Control status from the HS code and the description. "Not listed" needs positive evidence:
    an HS heading under which no entry of any held list falls, and a readable description (if
    any) that comes near no entry. Anything less is ``uncertain``."""
    if not item.hs_code and not description:
        return _Status("uncertain", None, [_t(
            "No control code, HS code, CAS number or description: nothing to decide on.",
            "Ni code de contrôle, ni code SH, ni numéro CAS, ni désignation : rien pour décider.")])
    links, heading, settled = _hs_status(item, ctx)
    if settled is not None:
        return settled
    reasons: list[Text] = []
    if description and not ctx.readable(description):
        return _Status("uncertain", None, [_t(
            "The description is not in a language dualuse reads (English or French): it cannot "
            "be screened.",
            "La désignation n'est pas dans une langue que dualuse lit (anglais ou français) : "
            "elle ne peut pas être examinée.")], links[:5])
    top: list[tuple[str, float]] = []
    near: list[str] = []
    if description:
        try:  # classify's decision and ranking, without the evidence written for people
            result = _screened(description, links[:10], ctx)
        except DualUseError as exc:  # bad text, or the index cannot be used: fail closed
            return _Status("uncertain", None, [_t(
                f"The description cannot be analysed ({exc.message}).",
                f"La désignation ne peut pas être analysée ({exc.message}).")], links[:5])
        top = [(c.code, c.score) for c in result.candidates if resembles_listed(c)]
        near = [c.code for c in result.candidates if comes_near(c)]
    named = _named_chemicals(description) if description else []
    if description and result.decision is not None and not named:
        decided = _by_decision(result.decision, item, links, heading, near, ctx)
        if decided is not None:
            return decided
    candidates = tuple(dict.fromkeys([*links[:5], *(c for c, _ in top[:5]),
                                      *(code for _, _, code in named)]))
    if links:
        reasons.append(_t(
            f"HS {item.hs_code} corresponds to control entries ({', '.join(links[:5])}); "
            f"whether the goods meet their criteria is not settled.",
            f"Le SH {item.hs_code} correspond à des rubriques de contrôle "
            f"({', '.join(links[:5])}) ; rien n'établit que les biens en remplissent "
            f"les critères."))
    if top:
        reasons.append(_t(
            f"The description resembles listed entries ({', '.join(c for c, _ in top[:3])}).",
            f"La désignation ressemble à des rubriques inscrites "
            f"({', '.join(c for c, _ in top[:3])})."))
    if named:
        en = ", ".join(f"{name} ({code})" for name, _, code in named[:3])
        fr = ", ".join(f"{name} ({code})" for _, name, code in named[:3])
        reasons.append(_t(
            f"The description names a chemical of the control or watch lists: {en}; the CAS "
            f"number and concentration decide.",
            f"La désignation nomme un produit chimique des listes de contrôle ou de surveillance : "
            f"{fr} ; le numéro CAS et la concentration décident."))
    if links or top or named:
        return _Status("uncertain", None, reasons, candidates)
    if not item.hs_code:
        return _Status("uncertain", None, [_t(
            "No HS code: a description alone cannot establish that the goods are not listed.",
            "Pas de code SH : une désignation seule ne permet pas d'établir que les biens ne sont "
            "pas inscrits.")], tuple(near[:5]))
    hs4 = item.hs_code.replace(".", "").replace(" ", "")[:4]
    if heading:
        return _Status("uncertain", None, [_t(
            f"Goods of HS heading {hs4} can fall under control entries ({_some(heading, 5)}); "
            f"the description does not settle which goods these are.",
            f"Des biens de la position SH {hs4} peuvent relever de rubriques de contrôle "
            f"({_some(heading, 5)}) ; la désignation ne permet pas de dire lesquels.")],
            tuple(heading[:5]))
    if near:
        return _Status("uncertain", None, [_t(
            f"The description comes near listed entries ({_some(near, 3)}) without settling "
            f"them.",
            f"La désignation se rapproche de rubriques inscrites ({_some(near, 3)}) sans "
            f"permettre de trancher.")], tuple(near[:5]))
    return _Status("not-listed", None, [_t(
        f"No entry of the lists dualuse holds falls under HS heading {hs4}"
        f"{' and the description comes near none' if description else ''}: not listed.",
        f"Aucune rubrique des listes dont dispose dualuse ne relève de la position SH {hs4}"
        f"{' et la désignation ne se rapproche d’aucune' if description else ''} : non inscrit.")])


def _by_decision(decision: Decision, item: Item, links: Sequence[str], heading: Sequence[str],
                 near: Sequence[str], ctx: _Context) -> _Status | None:
    """The classifier's decision (docs/decisions.md) as a control status: ``listed`` -> the
    status of the sub-item met (listed, or military for an ML entry); ``not-listed`` with the
    entries ruled out -> not listed; ``needs-figure`` -> uncertain, naming the figures to state.
    "Nothing resembles" settles the item as not listed only when no HS link or heading entry and
    no near candidate is left; an entry the decision holds open is never released."""
    reasons = [_t(r.en or "", r.fr or r.en or "") for r in decision.reasons]
    if decision.status == "listed" and decision.code:
        st = _declared(decision.code, ctx)
        return _Status(st.status, st.code, [_t(
            f"The stated figures meet {decision.code}.",
            f"Les caractéristiques déclarées remplissent {decision.code}."), *reasons,
            *st.reasons], (decision.code, *decision.entries))
    # no entry comes near (ALERT/RELEASE rules) and the decision held none against the line
    weak = not links and not heading and not near and not decision.entries
    if decision.status == "needs-figure" and not weak:
        asks = [m.text for m in decision.missing]
        if asks:
            reasons.append(_t("To decide, " + "; ".join(a.en or "" for a in asks) + ".",
                              "Pour décider, " + "; ".join(a.fr or a.en or "" for a in asks)
                              + "."))
        return _Status("uncertain", None, reasons, tuple(decision.entries))
    if decision.status == "not-listed" and decision.entries:  # every entry held ruled out
        return _Status("not-listed", None, [_t(
            "Not listed: every entry the goods resemble is ruled out.",
            "Non inscrit : chaque rubrique à laquelle les biens ressemblent est écartée."),
            *reasons])
    if not weak:
        return None
    return _Status("not-listed", None, [_t(
        "Not listed: nothing on the lists resembles these goods, and the description comes near "
        "no entry.",
        "Non inscrit : rien dans les listes ne ressemble à ces biens et la désignation ne se "
        "rapproche d'aucune rubrique.")])


def _named_chemicals(description: str) -> list[tuple[str, str, str]]:
    """(English name, French name, entry) of the chemicals table named whole in the description."""
    from dualuse.chemicals import find_names

    out: dict[tuple[str, str, str], None] = {}
    for _, rows in find_names(description):
        for row in rows:
            for code in row.entries or (row.list,):
                out[(row.name("en"), row.name("fr"), code)] = None
    return list(out)


def control_status(item: Item, ctx: _Context) -> _Status:
    """Every piece of evidence the line carries: a declared code, then control codes and CAS
    numbers written in the description, then the HS code and the description themselves. The
    most restrictive status reached wins; uncertainty is kept, never read as "not listed"."""
    if item.control_code:
        st = _declared(item.control_code, ctx)
        return _Status(st.status, st.code, list(st.reasons), st.candidates)
    description = ctx.clean(item.description) if item.description else ""
    found: list[_Status] = []
    from dualuse.line import codes_in_text

    for code in codes_in_text(description):
        st = _declared(code, ctx)
        found.append(_Status(st.status, st.code, [_t(
            f"The description names control code {code}.",
            f"La désignation cite le code de contrôle {code}."), *st.reasons], st.candidates))
    if found:
        listed = [s for s in found if s.status in ("listed", "military")]
        return listed[0] if listed else _Status(
            "uncertain", None, [r for s in found for r in s.reasons])
    from dualuse.codes import cas as cas_codes

    cas = tuple(dict.fromkeys([*item.cas, *cas_codes.find_in_text(description)]))
    st_cas = _by_cas(cas, ctx) if cas else None
    if st_cas is not None and st_cas.status != "uncertain":
        return st_cas
    goods = _by_goods(item, description, ctx)
    if st_cas is not None:  # a watched chemical: never presumed free
        return _Status("uncertain", None, [*st_cas.reasons, *goods.reasons], goods.candidates)
    return goods


def _some(codes: Sequence[str], n: int = 3) -> str:
    """"6A001.a.1, 6A001.a.2 ...": the first few codes of a list."""
    return ", ".join(codes[:n]) + (" ..." if len(codes) > n else "")
