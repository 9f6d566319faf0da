"""Licence determination: one verdict per goods item, with the rules and articles behind it.

The decision, in order (``docs/licensing.md`` says it in plain words, EN and FR):

1. **Control status** of the item: a declared control code is looked up in the lists
   (``listed`` dual-use entry, ``military`` ML entry, or ``uncertain`` when it is malformed or
   unknown); without one, a CAS number of a listed chemical settles it; otherwise the HS code and
   the description go through the HS correlation and the classifier. An item is ``not-listed`` only
   when an HS code is given, corresponds to no entry, and the description resembles none: anything
   less certain is ``uncertain`` and can never end in ``no-licence-required``.
2. **Procedure** (export / re-export, transit, intra-EU transfer), **destination**, **end-use
   indicators** and **sanctions**, read from the dated rule rows of ``data/rules``.
3. The item's verdict is the most restrictive one reached:
   ``prohibited`` > ``licence-required`` > ``review-required`` > ``general-authorisation-available``
   > ``no-licence-required``. A Union general authorisation is offered only for a listed item,
   with no end-use indicator, no sanction, and a destination we verified.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, overload

from pydantic import BaseModel, ConfigDict

from dualuse.catalog import Catalog, open_catalog
from dualuse.codes import control
from dualuse.criteria.model import Decision
from dualuse.editions import EditionRef
from dualuse.errors import CodeValidationError, DualUseError, InputError
from dualuse.licensing import declaration as decl_mod
from dualuse.licensing.declaration import Declaration, Item
from dualuse.licensing.rules import Citation, Rule, RuleSet, Text, load_rules

Verdict = Literal["prohibited", "licence-required", "review-required",
                  "general-authorisation-available", "no-licence-required"]
VERDICTS: tuple[str, ...] = ("prohibited", "licence-required", "review-required",
                             "general-authorisation-available", "no-licence-required")
SEVERITY: dict[str, int] = {v: len(VERDICTS) - i for i, v in enumerate(VERDICTS)}
ControlStatus = Literal["listed", "military", "not-listed", "uncertain"]

# A description "resembles a listed item" when a candidate entry both explains this share of its
# words (IDF-weighted classifier coverage) and reaches this score; such a line is never presumed
# not listed, whatever its HS code. Measured by benchmarks/bench_check.py (docs/licensing.md).
ALERT_COVERAGE = 0.3
ALERT_SCORE = 0.6


def resembles_listed(candidate: Any) -> bool:
    """Does this classifier candidate make the description look like a listed item?"""
    return bool(candidate.coverage >= ALERT_COVERAGE and candidate.score >= ALERT_SCORE)


def severity(verdict: str) -> int:
    """Higher is more restrictive (``prohibited`` highest)."""
    return SEVERITY[verdict]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Authorisation(_Frozen):
    """A general authorisation the item may travel under, and the conditions of its use."""

    code: str
    rule_id: str
    act: str
    article: str
    conditions: tuple[Text, ...]


class ItemResult(_Frozen):
    line: int
    verdict: Verdict
    control_status: ControlStatus
    control_code: str | None
    candidates: tuple[str, ...] = ()
    authorisations: tuple[Authorisation, ...] = ()
    other_routes: tuple[str, ...] = ()
    legal_basis: tuple[Citation, ...]
    explanation: Text
    reasons: tuple[Text, ...]


class DocumentFinding(_Frozen):
    """A document on the declaration that does not match the verdicts (or one that is missing)."""

    line: int
    document: str
    problem: Text
    rule_id: str


class CheckResult(_Frozen):
    reference: str | None
    procedure: str
    exporter_country: str
    destination_country: str
    transit_country: str | None
    verdict: Verdict
    items: tuple[ItemResult, ...]
    documents: tuple[DocumentFinding, ...]
    checked_on: dt.date
    editions: tuple[str, ...]
    edition_refs: tuple[EditionRef, ...] = ()
    unread: tuple[str, ...] = ()
    index: int | None = None


# --- the per-(catalog, rules, date) context -------------------------------------------------------
@dataclass
class _Context:
    catalog: Catalog
    rules: RuleSet
    on: dt.date
    member_states: frozenset[str]
    art: dict[str, Rule]
    annex_iv: Rule
    embargo: Rule
    sanctions: dict[str, list[Rule]]
    carve_outs: dict[str, list[Rule]]
    ugea: list[Rule]
    documents: dict[str, Rule]
    retired_documents: dict[str, Rule]
    chemical_entries: frozenset[str]
    editions: tuple[str, ...]
    edition_refs: tuple[EditionRef, ...] = ()
    status_cache: dict[str, _Status] = field(default_factory=dict)

    def clean(self, text: str) -> str:
        from dualuse.line import normalise

        return normalise(text, _lexicon(self.catalog, with_hs=False).__contains__)

    def readable(self, text: str) -> bool:
        from dualuse import textproc
        from dualuse.screening_text import readable

        return any(readable(text, _lexicon(self.catalog, with_hs=hs), textproc.fold)
                   for hs in (False, True))


_lexicons: dict[tuple[str, bool], frozenset[str]] = {}


def _lexicon(catalog: Catalog, *, with_hs: bool) -> frozenset[str]:
    """Folded words we know: the lists' words in both languages (and, ``with_hs``, the HS
    nomenclature's: loading it costs ~0.3 s, so only when the lists' words are not enough)."""
    key = (catalog.checksum, with_hs)
    hit = _lexicons.get(key)
    if hit is None:
        from dualuse import textproc
        from dualuse.codes import hs as hs_codes

        if with_hs:
            texts = [desc for desc, _ in hs_codes.nomenclature().values()]
            hit = _lexicon(catalog, with_hs=False) | frozenset(textproc.words(" ".join(texts)))
        else:
            texts = []
            for _, node in catalog.nodes():
                texts += [t for t in (node.title.en, node.title.fr) if t]
                texts += [*node.keywords.en, *node.keywords.fr, *(r.text for r in node.remarks)]
            hit = frozenset(textproc.words(" ".join(texts)))
        if len(_lexicons) > 8:
            _lexicons.clear()
        _lexicons[key] = hit
    return hit


_lock = threading.Lock()
_contexts: dict[tuple[int, int, dt.date], _Context] = {}


def _context(catalog: Catalog, rules: RuleSet, on: dt.date) -> _Context:
    key = (id(catalog), id(rules), on)
    with _lock:
        ctx = _contexts.get(key)
        if ctx is not None:
            return ctx
    from dualuse.chemicals import chemicals

    art = {r.topic: r for r in rules.rules("article", on)}
    # the articles every verdict rests on; a row that starts later (the Commission's note on
    # national transit measures, 2 October 2024) is cited from its date on, never required
    missing = [t for t in ("listed-export", "catch-all-wmd", "catch-all-military-embargo",
                           "catch-all-military-other", "catch-all-cyber", "transit",
                           "intra-eu-transfer", "military-export", "military-transfer")
               if t not in art]
    if missing:
        starts = [r.valid_from for r in rules.by_id.values()
                  if r.kind == "article" and r.topic == missing[0]]
        if starts and on < min(starts):  # a date before the rules begin: bad input, not data
            raise InputError(f"no licence rules before {min(starts).isoformat()} (Regulation "
                             f"(EU) 2021/821); got {on.isoformat()}", value=on.isoformat())
        # a rule set dated so that an article is not in force: broken data, say so
        rules.one("article", missing[0], on)
    sanctions: dict[str, list[Rule]] = {}
    for r in rules.rules("sanction", on):
        for c in r.countries:
            sanctions.setdefault(c, []).append(r)
    carve: dict[str, list[Rule]] = {}
    for r in rules.rules("sanction-carve-out", on):
        carve.setdefault(r.carve_out_of or "", []).append(r)
    chem = frozenset(e for row in chemicals() for e in row.entries)
    chem = chem | frozenset(_entry_of(e) for e in chem)
    ctx = _Context(
        catalog=catalog, rules=rules, on=on, member_states=rules.member_states(on), art=art,
        annex_iv=rules.one("annex-iv", "intra-eu-transfer", on),
        embargo=rules.one("arms-embargo", "arms-embargo", on), sanctions=sanctions,
        carve_outs=carve, ugea=sorted(rules.rules("ugea", on), key=lambda r: r.topic),
        documents={r.topic: r for r in rules.rules("document", on)},
        retired_documents={r.topic: r for r in rules.by_id.values()
                           if r.kind == "document" and r.valid_to is not None and r.valid_to < on},
        chemical_entries=chem,
        editions=(*(e.label() for e in catalog.editions), *rules.editions),
        edition_refs=(*(EditionRef.of(e) for e in catalog.editions),
                      *(EditionRef.of(f.edition) for f in rules.files)))
    with _lock:
        if len(_contexts) > 16:
            _contexts.clear()
        _contexts[key] = ctx
    return ctx


# --- control status -----------------------------------------------------------------------------
@dataclass
class _Status:
    status: ControlStatus
    code: str | None
    reasons: list[Text]
    candidates: tuple[str, ...] = ()


def _entry_of(code: str) -> str:
    """Entry level of a code, also for EU chemical sub-items numbered directly (``1C350.24``)."""
    try:
        return control.entry_level(code)
    except CodeValidationError:
        return code.split(".", 1)[0].strip().upper()


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
# code, and ordinary goods; docs/licensing.md).
RELEASE_MAX_SCORE = 0.55
RELEASE_MAX_COVERAGE = 0.6


def _comes_near(candidate: Any) -> bool:
    return bool(candidate.score >= RELEASE_MAX_SCORE or candidate.coverage >= RELEASE_MAX_COVERAGE)


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
        from dualuse.classifier import screen

        try:  # classify's decision and ranking, without the evidence written for people
            result = screen(description, hs=None, limit=5, catalog=ctx.catalog,
                            hold=links[:10])
        except DualUseError as exc:  # bad text, or the index cannot be used: fail closed
            return _Status("uncertain", None, [_t(
                f"The description cannot be analysed ({exc.message}).",
                f"La désignation ne peut pas être analysée ({exc.message}).")], links[:5])
        top = [(c.code, c.score) for c in result.candidates if resembles_listed(c)]
        near = [c.code for c in result.candidates if _comes_near(c)]
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
    "Nothing resembles", or only a likeness weaker than the engine's nearness rule, settles the
    item as not listed only when no HS link or heading entry and no near candidate is left."""
    reasons = [_t(r.en or "", r.fr or r.en or "") for r in decision.reasons]
    if decision.status == "listed" and decision.code:
        st = _declared(decision.code, ctx)
        return _Status(st.status, st.code, [_t(
            f"The stated figures meet {decision.code}.",
            f"Les caractéristiques déclarées remplissent {decision.code}."), *reasons,
            *st.reasons], (decision.code, *decision.entries))
    weak = not links and not heading and not near  # no entry comes near (ALERT/RELEASE rules)
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


# --- the decision -------------------------------------------------------------------------------
class _Decision:
    """Collects the verdict (most restrictive wins), the rules that led to it and the reasons."""

    def __init__(self, status: _Status):
        self.verdict: str = "no-licence-required"
        self.basis: list[Rule] = []
        self.reasons: list[Text] = list(status.reasons)
        self.authorisations: list[Authorisation] = []
        self.routes: list[str] = []

    def add(self, verdict: str, rule: Rule | None, en: str = "", fr: str = "") -> None:
        if severity(verdict) > severity(self.verdict):
            self.verdict = verdict
        if rule is not None and rule not in self.basis:
            self.basis.append(rule)
        if en:
            self.reasons.append(_t(en, fr))


def _flags(d: Declaration) -> dict[str, bool]:
    e = d.end_use
    return {"wmd": e.wmd, "military": e.military, "cyber": e.cyber_surveillance,
            "informed": e.informed_by_authority}


def _sanctions(d: Declaration, st: _Status, ctx: _Context, out: _Decision) -> None:
    flags = _flags(d)
    for row in ctx.sanctions.get(d.destination_country, ()):
        assert row.items is not None and row.effect is not None
        name = row.topic
        listed = st.status in ("listed", "military") and st.code is not None
        if listed and st.code and row.items.covers(st.code):
            if row.end_use and not any(flags[e] for e in row.end_use):
                wanted = ", ".join(row.end_use)
                out.add("review-required", row,
                        f"Sanctions ({name}): {row.summary.en} The declaration carries no "
                        f"{wanted} end-use indicator: check the end use and the end user "
                        f"before release.",
                        f"Sanctions ({name}) : {row.summary.fr} La déclaration ne porte aucun "
                        f"indicateur d'utilisation finale ({wanted}) : vérifier l'utilisation "
                        f"et l'utilisateur finals avant la mainlevée.")
                continue
            carve = [c for c in ctx.carve_outs.get(row.id, ()) if c.items and
                     c.items.covers(st.code)]
            usable = [c for c in carve if c.verified]
            if usable:
                out.add(usable[0].effect or "licence-required", usable[0],
                        f"Sanctions ({name}): {usable[0].summary.en}",
                        f"Sanctions ({name}) : {usable[0].summary.fr}")
            else:
                out.add(row.effect, row, f"Sanctions ({name}): {row.summary.en}",
                        f"Sanctions ({name}) : {row.summary.fr}")
                for c in carve:
                    out.routes.append(f"{c.act}, {c.article} (unverified)")
        elif listed and st.code and row.items.included_below(st.code):
            out.add("review-required", row,
                    f"Sanctions ({name}) name sub-items of {st.code}: declare the precise "
                    f"sub-item.",
                    f"Les sanctions ({name}) visent des sous-rubriques de {st.code} : déclarer "
                    f"la sous-rubrique précise.")
        elif row.non_listed_effect != "no-licence-required":
            # outside the row's items, or not (or maybe not) listed: never released unseen
            out.add(row.non_listed_effect or "review-required", row,
                    f"Sanctions ({name}) also restrict goods outside the items this row "
                    f"encodes: check {row.act} before release.",
                    f"Les sanctions ({name}) visent aussi des biens hors de ceux que cette "
                    f"ligne code : vérifier {row.act} avant la mainlevée.")


def _catch_all(d: Declaration, st: _Status, ctx: _Context, out: _Decision) -> None:
    """Art. 4 and 5 for an item that is not (or may not be) listed."""
    f = _flags(d)
    art = ctx.art
    if f["wmd"]:
        out.add("licence-required", art["catch-all-wmd"],
                "End-use indicator: weapons of mass destruction or their missiles (Art. 4(1)(a)).",
                "Indicateur d'utilisation finale : armes de destruction massive ou leurs vecteurs "
                "(art. 4(1)(a)).")
    if f["informed"]:
        out.add("licence-required", art["catch-all-wmd"],
                "The competent authority has informed the exporter of a catch-all end-use.",
                "L'autorité compétente a informé l'exportateur d'une utilisation finale visée.")
    if f["military"]:
        if d.destination_country in ctx.embargo.countries:
            out.add("licence-required", art["catch-all-military-embargo"],
                    f"Military end-use in {d.destination_country}, a destination under an arms "
                    f"embargo (Art. 4(1)(b)).",
                    f"Utilisation finale militaire vers {d.destination_country}, destination sous "
                    f"embargo sur les armes (art. 4(1)(b)).")
            out.add("licence-required", ctx.embargo)
        else:
            out.add("review-required", art["catch-all-military-other"],
                    "Military end-use: Art. 4(1)(c) may apply; the competent authority decides.",
                    "Utilisation finale militaire : l'art. 4(1)(c) peut s'appliquer ; l'autorité "
                    "compétente décide.")
    if f["cyber"]:
        out.add("licence-required", art["catch-all-cyber"],
                "End-use indicator: cyber-surveillance for internal repression (Art. 5).",
                "Indicateur d'utilisation finale : cybersurveillance à des fins de répression "
                "interne (art. 5).")


def _offer_ugea(d: Declaration, st: _Status, ctx: _Context, out: _Decision) -> bool:
    assert st.code is not None
    offered = False
    for row in ctx.ugea:
        if row.items is None:
            continue
        covered = row.items.covers(st.code)
        below = row.items.excluded_below(st.code) if covered else \
            row.items.included_below(st.code)
        if below:  # a broader code than the authorisation's scope: never offered, a route at most
            if row.destination_status(d.destination_country) != "no" and \
                    d.procedure in row.procedures:
                out.routes.append(row.topic)
                out.reasons.append(_t(
                    f"{row.topic} depends on the sub-item: {st.code} is broader than what it "
                    f"{'excludes' if covered else 'covers'} ({_some(below)}); declare the "
                    f"precise sub-item.",
                    f"{row.topic} dépend de la sous-rubrique : {st.code} est plus large que ce "
                    f"qu'elle {'exclut' if covered else 'couvre'} ({_some(below)}) ; déclarer "
                    f"la sous-rubrique précise."))
            continue
        if not covered:
            continue
        status = row.destination_status(d.destination_country)
        if d.procedure in row.procedures and status == "verified":
            conditions = list(row.conditions)
            if not row.items.exclude_complete:
                conditions.append(_t(
                    "Check that the item is not among those excluded from Union general "
                    "authorisations (Annex II, Section I): dualuse holds only part of that list.",
                    "Vérifier que le bien ne fait pas partie des biens exclus des autorisations "
                    "générales de l'Union (annexe II, section I) : dualuse n'en détient qu'une "
                    "partie."))
            out.authorisations.append(Authorisation(code=row.topic, rule_id=row.id, act=row.act,
                                                    article=row.article,
                                                    conditions=tuple(conditions)))
            out.basis.append(row)
            offered = True
        elif status != "no":
            out.routes.append(row.topic)
    return offered


def _export(d: Declaration, st: _Status, ctx: _Context, out: _Decision) -> None:
    art = ctx.art
    if d.exporter_country not in ctx.member_states:
        out.add("review-required", art["listed-export"],
                f"The exporter country {d.exporter_country} is not a Member State: the EU rules "
                f"applied here may not be the ones that govern this export.",
                f"Le pays de l'exportateur {d.exporter_country} n'est pas un État membre : les "
                f"règles de l'UE appliquées ici peuvent ne pas régir cette exportation.")
    if st.status == "listed":
        if any(_flags(d).values()):
            out.add("licence-required", art["listed-export"],
                    "Listed item with an end-use indicator: an individual authorisation is needed "
                    "(general authorisations cannot be used).",
                    "Bien inscrit avec un indicateur d'utilisation finale : autorisation "
                    "individuelle nécessaire (les autorisations générales sont exclues).")
        elif not ctx.sanctions.get(d.destination_country) and _offer_ugea(d, st, ctx, out):
            out.add("general-authorisation-available", art["listed-export"],
                    "A Union general export authorisation covers this item and destination, "
                    "subject to its conditions.",
                    "Une autorisation générale d'exportation de l'Union couvre ce bien et cette "
                    "destination, sous réserve de ses conditions.")
        else:
            out.add("licence-required", art["listed-export"],
                    "Listed item: an export authorisation is needed (Art. 3(1)).",
                    "Bien inscrit : une autorisation d'exportation est nécessaire (art. 3(1)).")
    elif st.status == "military":
        _military(d, ctx, out, ctx.art["military-export"])
    elif st.status == "not-listed":
        _catch_all(d, st, ctx, out)
        if out.verdict == "no-licence-required":
            out.add("no-licence-required", art["listed-export"],
                    "Not listed and no end-use indicator: no authorisation under Art. 3 or 4.",
                    "Non inscrit et sans indicateur d'utilisation finale : pas d'autorisation au "
                    "titre des art. 3 ou 4.")
    else:
        out.add("review-required", art["listed-export"],
                "Control status not established: review before release.",
                "Statut de contrôle non établi : examen avant la mainlevée.")
        _catch_all(d, st, ctx, out)
    _sanctions(d, st, ctx, out)


def _military(d: Declaration, ctx: _Context, out: _Decision, rule: Rule) -> None:
    out.add("licence-required", rule, f"Military item: {rule.summary.en}",
            f"Bien militaire : {rule.summary.fr}")
    if d.destination_country in ctx.embargo.countries:
        out.add("licence-required", ctx.embargo,
                f"{d.destination_country} is under an arms embargo: a licence will normally be "
                f"refused, and some embargoes prohibit the export outright.",
                f"{d.destination_country} est sous embargo sur les armes : la licence sera en "
                f"principe refusée, certains embargos interdisent purement l'exportation.")


def _transit(d: Declaration, st: _Status, ctx: _Context, out: _Decision) -> None:
    art = ctx.art
    flagged = any(_flags(d).values())
    if st.status == "listed":
        out.add("review-required", art["transit"],
                "Listed non-Union item in transit: the Member State of transit may prohibit it "
                "or require an authorisation (Art. 7).",
                "Bien non-Union inscrit en transit : l'État membre de transit peut l'interdire ou "
                "le soumettre à autorisation (art. 7).")
        out.add("review-required", art.get("transit-national-measures"))
        if flagged:
            out.add("licence-required", art["transit"],
                    "End-use indicator on a listed item in transit: hold the goods for the "
                    "competent authority, which may prohibit the transit (Art. 7(1)).",
                    "Indicateur d'utilisation finale sur un bien inscrit en transit : retenir les "
                    "biens pour l'autorité compétente, qui peut interdire le transit (art. 7(1)).")
    elif st.status == "military":
        out.add("review-required", art["military-export"],
                "Military item in transit: national law of the Member State of transit applies.",
                "Bien militaire en transit : le droit national de l'État membre de transit "
                "s'applique.")
        if d.destination_country in ctx.embargo.countries or flagged:
            _military(d, ctx, out, art["military-export"])
    elif st.status == "not-listed":
        if flagged:
            out.add("review-required", art["transit"],
                    "End-use indicator: report to the competent authority of the Member State of "
                    "transit.",
                    "Indicateur d'utilisation finale : signaler à l'autorité compétente de l'État "
                    "membre de transit.")
        else:
            out.add("no-licence-required", art["transit"],
                    "Not listed: Art. 7 concerns listed items only.",
                    "Non inscrit : l'art. 7 ne vise que les biens inscrits.")
    else:
        out.add("review-required", art["transit"],
                "Control status not established: review before the transit continues.",
                "Statut de contrôle non établi : examen avant la poursuite du transit.")
    _sanctions(d, st, ctx, out)


def _transfer(d: Declaration, st: _Status, ctx: _Context, out: _Decision) -> None:
    art, annex = ctx.art, ctx.annex_iv
    assert annex.items is not None
    if st.status == "listed":
        assert st.code is not None
        if annex.items.covers(st.code):
            out.add("licence-required", art["intra-eu-transfer"],
                    f"{st.code} is in Annex IV: its transfer within the Union needs an "
                    f"authorisation (Art. 11(1)).",
                    f"{st.code} figure à l'annexe IV : son transfert dans l'Union est soumis à "
                    f"autorisation (art. 11(1)).")
            out.add("licence-required", annex)
        elif partial := annex.partial_for(st.code):
            for p in partial:
                out.add("review-required", annex,
                        f"Annex IV takes {_some(p.codes)} only in part or under a condition: "
                        f"{p.condition.en} Whether this transfer needs an authorisation "
                        f"(Art. 11(1)) depends on it.",
                        f"L'annexe IV ne vise {_some(p.codes)} qu'en partie ou sous condition : "
                        f"{p.condition.fr} L'obligation d'autorisation de transfert "
                        f"(art. 11(1)) en dépend.")
            out.add("review-required", art["intra-eu-transfer"])
        elif below := annex.items.included_below(st.code):
            out.add("review-required", annex,
                    f"Annex IV names sub-items of {st.code} ({_some(below)}): declare the "
                    f"precise sub-item.",
                    f"L'annexe IV vise des sous-rubriques de {st.code} ({_some(below)}) : "
                    f"déclarer la sous-rubrique précise.")
            out.add("review-required", art["intra-eu-transfer"])
        elif annex.verified:
            out.add("no-licence-required", art["intra-eu-transfer"],
                    "Listed but not in Annex IV: free movement within the Union (Art. 11(1)).",
                    "Inscrit mais absent de l'annexe IV : libre circulation dans l'Union "
                    "(art. 11(1)).")
        else:
            out.add("review-required", annex,
                    "Annex IV as held by dualuse is incomplete: it cannot rule out that this item "
                    "needs a transfer authorisation.",
                    "L'annexe IV détenue par dualuse est incomplète : impossible d'exclure que ce "
                    "bien soit soumis à autorisation de transfert.")
            out.add("review-required", art["intra-eu-transfer"])
    elif st.status == "military":
        _military(d, ctx, out, art["military-transfer"])
    elif st.status == "not-listed":
        if any(_flags(d).values()):
            out.add("review-required", art["intra-eu-transfer"],
                    "End-use indicator: the Member State may require an authorisation; ask the "
                    "competent authority.",
                    "Indicateur d'utilisation finale : l'État membre peut exiger une "
                    "autorisation ; interroger l'autorité compétente.")
        else:
            out.add("no-licence-required", art["intra-eu-transfer"],
                    "Not listed: free movement within the Union (Art. 11(1)).",
                    "Non inscrit : libre circulation dans l'Union (art. 11(1)).")
    else:
        out.add("review-required", art["intra-eu-transfer"],
                "Control status not established: review before the transfer.",
                "Statut de contrôle non établi : examen avant le transfert.")


def _consistency(d: Declaration, ctx: _Context) -> None:
    ms = ctx.member_states
    src = d.reference or "declaration"
    if d.procedure in ("export", "re-export") and d.destination_country in ms:
        raise InputError(f"{src}: destination {d.destination_country} is a Member State: declare "
                         f"an intra-eu-transfer, not an {d.procedure}",
                         value=d.destination_country)
    if d.procedure == "intra-eu-transfer":
        for name, c in (("exporter_country", d.exporter_country),
                        ("destination_country", d.destination_country)):
            if c not in ms:
                raise InputError(f"{src}: an intra-EU transfer needs {name} in the Union, got "
                                 f"{c}", value=c)
    if d.procedure == "transit":
        if d.transit_country not in ms:
            raise InputError(f"{src}: transit_country {d.transit_country} is not a Member State",
                             value=d.transit_country)
        if d.destination_country in ms:
            raise InputError(f"{src}: a transit goes to a destination outside the Union, got "
                             f"{d.destination_country}", value=d.destination_country)


def _item(d: Declaration, item: Item, ctx: _Context) -> ItemResult:
    st = control_status(item, ctx)
    out = _Decision(st)
    if d.procedure in ("export", "re-export"):
        _export(d, st, ctx, out)
    elif d.procedure == "transit":
        _transit(d, st, ctx, out)
    else:
        _transfer(d, st, ctx, out)
    if st.status == "uncertain" and out.verdict == "no-licence-required":  # pragma: no cover
        out.add("review-required", None)  # defence in depth: uncertain never ends free
    reasons = tuple(dict.fromkeys(out.reasons))
    ga = out.verdict == "general-authorisation-available"
    return ItemResult(
        line=item.line, verdict=out.verdict, control_status=st.status, control_code=st.code,
        candidates=st.candidates,
        authorisations=tuple(out.authorisations) if ga else (),
        other_routes=tuple(dict.fromkeys(
            [*(a.code for a in out.authorisations if not ga), *out.routes])),
        legal_basis=tuple(r.citation() for r in out.basis),
        explanation=_t(" ".join(r.en for r in reasons), " ".join(r.fr for r in reasons)),
        reasons=reasons)


def _documents(d: Declaration, items: list[ItemResult], ctx: _Context) -> list[DocumentFinding]:
    if d.procedure not in ("export", "re-export"):
        return []
    found: list[DocumentFinding] = []
    auth = {code: row for code, row in ctx.documents.items() if row.authorisation}
    declared = [c for c in d.documents if c in auth]
    first = items[0].line if items else 1
    for code in d.documents:  # X002 after 8 September 2021
        old = ctx.retired_documents.get(code)
        if old is not None and old.valid_to is not None:
            since = (old.valid_to + dt.timedelta(days=1)).isoformat()
            span = f"{min(auth)}-{max(auth)}" if auth else "-"
            found.append(DocumentFinding(line=first, document=code, rule_id=old.id, problem=_t(
                f"{code} is out of use since {since}: declare the code of the authorisation "
                f"used ({span}).",
                f"{code} n'est plus utilisé depuis le {since} : déclarer le code de "
                f"l'autorisation utilisée ({span}).")))
    y901 = ctx.documents.get("Y901")
    for r in items:
        if r.verdict in ("licence-required", "general-authorisation-available") and auth and \
                not declared:
            ga = {a.code for a in r.authorisations}
            want = [c for c, row in auth.items() if row.authorisation in ga] or \
                [c for c, row in auth.items()
                 if row.authorisation in ("individual", "global", "national-general")]
            if want:
                found.append(DocumentFinding(
                    line=r.line, document=want[0], rule_id=auth[want[0]].id, problem=_t(
                        f"No dual-use authorisation document although the item needs an "
                        f"authorisation: declare {_codes({c: auth[c] for c in want})}.",
                        f"Aucun document d'autorisation double usage alors que le bien est soumis "
                        f"à autorisation : déclarer {_codes({c: auth[c] for c in want})}.")))
        if y901 is not None and "Y901" in d.documents and r.control_status in ("listed",
                                                                               "military"):
            found.append(DocumentFinding(line=r.line, document="Y901", rule_id=y901.id, problem=_t(
                "Y901 says the goods are not listed, but this item is listed.",
                "Y901 indique que les biens ne sont pas inscrits, mais ce bien l'est.")))
    return found


def _some(codes: Sequence[str], n: int = 3) -> str:
    """"6A001.a.1, 6A001.a.2 ...": the first few codes of a list."""
    return ", ".join(codes[:n]) + (" ..." if len(codes) > n else "")


def _codes(rows: Mapping[str, Rule]) -> str:
    """"X061 (EU001)", "X060 (individual), X070 (global), ...": codes with what they declare."""
    return ", ".join(f"{c} ({r.authorisation})" for c, r in rows.items())


# --- public API ---------------------------------------------------------------------------------
def check(declaration: Declaration | Mapping[str, Any], *, on: dt.date | None = None,
          catalog: Catalog | None = None, rules: RuleSet | None = None) -> CheckResult:
    """The verdict of every goods item of one declaration.

    ``declaration`` is a :class:`Declaration` or a mapping in its JSON shape. ``on`` is the date
    the rules are read at (default: today). Raises ``InputError`` for a malformed or inconsistent
    declaration (e.g. a transit through a country outside the Union); never returns a partial
    result.
    """
    d = decl_mod.from_dict(declaration)
    ctx = _context(catalog or open_catalog(), rules or load_rules(), on or dt.date.today())
    return _check(d, ctx)


def _check(d: Declaration, ctx: _Context, index: int | None = None) -> CheckResult:
    _consistency(d, ctx)
    items = [_item(d, it, ctx) for it in d.items]
    worst = max((r.verdict for r in items), key=severity)
    return CheckResult(reference=d.reference, procedure=d.procedure,
                       exporter_country=d.exporter_country,
                       destination_country=d.destination_country,
                       transit_country=d.transit_country, verdict=worst, items=tuple(items),
                       documents=tuple(_documents(d, items, ctx)), checked_on=ctx.on,
                       editions=ctx.editions, edition_refs=ctx.edition_refs, unread=d.unread,
                       index=index)


# --- batches: one record per declaration, a bad one does not stop the others -------------------
class ErrorInfo(_Frozen):
    """Why a declaration of a batch was refused: the error class, its one-line message and the
    offending value (``DualUseError.value``, as JSON)."""

    type: str
    message: str
    value: str | int | float | bool | None = None


class CheckFailure(_Frozen):
    """The record of a refused declaration (``index`` counts the batch's declarations from 1)."""

    reference: str | None
    index: int
    error: ErrorInfo

    @classmethod
    def of(cls, index: int, reference: str | None, exc: DualUseError) -> CheckFailure:
        value = exc.value
        if not isinstance(value, (str, int, float, bool)) and value is not None:
            value = str(value)
        return cls(reference=reference, index=index,
                   error=ErrorInfo(type=type(exc).__name__, message=exc.message, value=value))


CheckRecord = CheckResult | CheckFailure


@overload
def check_many(declarations: Iterable[Declaration | Mapping[str, Any] | decl_mod.Refused], *,
               on: dt.date | None = None, catalog: Catalog | None = None,
               rules: RuleSet | None = None, strict: Literal[True]) -> Iterator[CheckResult]: ...


@overload
def check_many(declarations: Iterable[Declaration | Mapping[str, Any] | decl_mod.Refused], *,
               on: dt.date | None = None, catalog: Catalog | None = None,
               rules: RuleSet | None = None,
               strict: Literal[False] = False) -> Iterator[CheckResult | CheckFailure]: ...


def check_many(declarations: Iterable[Declaration | Mapping[str, Any] | decl_mod.Refused], *,
               on: dt.date | None = None, catalog: Catalog | None = None,
               rules: RuleSet | None = None,
               strict: bool = False) -> Iterator[CheckResult | CheckFailure]:
    """Stream one record per declaration, in order, as each is made (memory stays flat in the
    number of declarations and items): a :class:`CheckResult` (with ``index``), or for a
    declaration that is malformed or inconsistent a :class:`CheckFailure`, and the next ones are
    checked. ``strict=True`` raises the ``InputError`` instead, at the first bad declaration.
    Readers' :class:`~dualuse.licensing.declaration.Refused` entries become failures too.
    """
    ctx = _context(catalog or open_catalog(), rules or load_rules(), on or dt.date.today())
    for index, d in enumerate(declarations, start=1):
        try:
            if isinstance(d, decl_mod.Refused):
                raise d.error
            yield _check(decl_mod.from_dict(d, source=f"declaration {index}"), ctx, index)
        except DualUseError as exc:
            if strict or exc.exit_code != 2:  # broken data is not the declaration's fault
                raise
            ref = d.reference if isinstance(d, decl_mod.Refused) else decl_mod.reference_of(
                d if isinstance(d, Mapping) else {"reference": getattr(d, "reference", None)})
            yield CheckFailure.of(d.index if isinstance(d, decl_mod.Refused) else index, ref,
                                  exc)
