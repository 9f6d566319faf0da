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

Step 1 lives in ``status``, steps 2 and 3 for one item in ``verdict``, the rule rows read once per
(catalog, rules, date) in ``context`` and the returned models in ``results``. This module checks a
declaration as a whole (consistency of its countries, its documents) and holds the entry points,
``check`` and ``check_many``; it re-exports the names callers import from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, overload

from dualuse.catalog import Catalog, open_catalog
from dualuse.errors import DualUseError, InputError
from dualuse.licensing import declaration as decl_mod
from dualuse.licensing.context import _Context, _context
from dualuse.licensing.context import _contexts as _contexts
from dualuse.licensing.declaration import Declaration
from dualuse.licensing.results import VERDICTS as VERDICTS
from dualuse.licensing.results import Authorisation as Authorisation
from dualuse.licensing.results import CheckFailure as CheckFailure
from dualuse.licensing.results import CheckRecord as CheckRecord
from dualuse.licensing.results import CheckResult as CheckResult
from dualuse.licensing.results import ControlStatus as ControlStatus
from dualuse.licensing.results import DocumentFinding as DocumentFinding
from dualuse.licensing.results import ErrorInfo as ErrorInfo
from dualuse.licensing.results import ItemResult as ItemResult
from dualuse.licensing.results import Verdict as Verdict
from dualuse.licensing.results import severity as severity
from dualuse.licensing.rules import Rule, RuleSet, load_rules
from dualuse.licensing.status import _t
from dualuse.licensing.status import control_status as control_status
from dualuse.licensing.status import resembles_listed as resembles_listed
from dualuse.licensing.verdict import _item


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
