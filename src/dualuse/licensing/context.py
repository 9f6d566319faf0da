"""The engine's context for one (catalog, rules, date): the rule rows it reads, indexed once, the
words it knows (to clean and read a description), and a cache of declared codes' status."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dualuse.catalog import Catalog
from dualuse.codes import control
from dualuse.editions import EditionRef
from dualuse.errors import CodeValidationError, InputError
from dualuse.licensing.rules import Rule, RuleSet

if TYPE_CHECKING:
    from dualuse.classifier import Screening
    from dualuse.licensing.status import _Status


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
    # screened descriptions (declarations repeat lines): (text, held codes) -> (criteria, answer)
    screen_cache: dict[tuple[str, tuple[str, ...]], tuple[object, Screening]] = field(
        default_factory=dict)

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


def _entry_of(code: str) -> str:
    """Entry level of a code, also for EU chemical sub-items numbered directly (``1C350.24``)."""
    try:
        return control.entry_level(code)
    except CodeValidationError:
        return code.split(".", 1)[0].strip().upper()
