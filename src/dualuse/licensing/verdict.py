"""The verdict of one goods item: its control status put through the rules of its procedure
(export and re-export, transit, intra-EU transfer), end-use indicators (catch-all), sanctions and
Union general authorisations. The most restrictive verdict reached wins."""

from __future__ import annotations

from collections.abc import Iterable

from dualuse.licensing.context import _Context
from dualuse.licensing.declaration import Declaration, Item
from dualuse.licensing.results import Authorisation, ItemResult, severity
from dualuse.licensing.rules import Rule, Text
from dualuse.licensing.status import _some, _Status, _t, control_status


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
        explanation=_t(_sentences(r.en for r in reasons), _sentences(r.fr for r in reasons)),
        reasons=reasons)


def _sentences(parts: Iterable[str]) -> str:
    """Reasons joined as sentences: each ends with a full stop (a decision's reason such as
    "6A003: could be met; not stated: wavelength" has none), so two never run together."""
    out = []
    for p in parts:
        p = p.strip()
        if p:
            out.append(p if p[-1] in ".!?:;" else p + ".")
    return " ".join(out)
