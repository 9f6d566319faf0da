"""The classifier's ranking: an invoice line -> the control entries it resembles, best first.

How the score is made (docs/search.md has the measurements):
1. full-text BM25F over our titles and keywords (EN and FR) and the official wording, at node level
   (``dualuse.retrieve``); each entry keeps its best node (the sub-item that matched) plus a little
   of its other nodes;
2. an exact CAS match is decisive: the entries naming that CAS rank first;
3. the HS code is a prior, never a verdict: entries whose indicative HS codes include the declared
   subheading (or, less, its heading) gain a share of the top text score;
4. the line's named figures are held against the criteria of the entries that are shown or could
   still be: a met criterion adds a little (structured ``parameter`` evidence).
``classify`` adds the evidence read by people (words matched, decontrol notes, titles) and the
decision; ``screen`` only the decision.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dualuse import textproc
from dualuse.candidates import (
    _SOFTWARE_WORDS,
    _TECHNOLOGY_WORDS,
    COORD_FLOOR,
    DECONTROL_CAS_SHARE,
    DECONTROL_NAME_SHARE,
    HS_HEADING_SHARE,
    HS_SUBHEADING_SHARE,
    INTANGIBLE_SHARE,
    PARAMETER_MEETS_SHARE,
    PHRASE_SHARE,
    SQUASH,
    TEXT_FLOOR,
    TEXT_HITS,
    UNIT_ONLY_SHARE,
    Evidence,
    _Acc,
    _phrase_tokens,
    _rank,
    _t,
)
from dualuse.catalog import Catalog, open_catalog
from dualuse.codes import cas as cas_codes
from dualuse.codes import control
from dualuse.criteria import load_criteria
from dualuse.criteria.model import CriteriaTable
from dualuse.errors import InputError
from dualuse.index import check_query, query_clauses
from dualuse.line import Line, analyse
from dualuse.model import Node
from dualuse.ranking_chemicals import _chemical_evidence, _names_alone
from dualuse.ranking_criteria import _criteria_evidence
from dualuse.retrieve import open_retriever

__all__ = ["Ranking", "rank"]


@dataclass(frozen=True)
class Ranking:
    """The first ``limit`` entries of a line, ranked, with what the later stages read."""

    catalog: Catalog
    line: Line
    lang: str
    hs6: str | None
    cas: tuple[str, ...]
    tables: Mapping[str, CriteriaTable]
    entries: list[_Acc]

    def score(self, a: _Acc) -> float:
        """The candidate's score: squashed into 0..1; 0.99 for a decisive CAS match."""
        return 0.99 if a.decisive else round(a.raw / (a.raw + SQUASH), 3)


def rank(description: str = "", *, hs: str | None = None, cas: Sequence[str] = (),
         lang: str | None = None, limit: int = 10, catalog: Catalog | None = None,
         criteria: Mapping[str, CriteriaTable] | None = None) -> Ranking:
    """Rank the control entries for an invoice line (``classify``'s arguments)."""
    description = description or ""
    if description.strip():
        check_query(description)
    elif not hs and not cas:
        raise InputError("nothing to classify: give a description, an HS code or a CAS number",
                         value=description)
    if not 1 <= limit <= 200:
        raise InputError(f"limit {limit} out of range (1-200)", value=limit)
    if lang not in (None, "en", "fr"):
        raise InputError(f"language {lang!r}: expected 'en' or 'fr'", value=lang)
    cat = catalog or open_catalog()
    lg = lang or textproc.detect_language(description, cat.vocabulary)
    line = analyse(description, lg, vocabulary=cat.vocabulary)
    description = line.normal  # matching reads the normalised text
    cas_numbers = tuple(dict.fromkeys([*(cas_codes.normalise(c) for c in cas), *line.cas]))
    hs6 = _hs6(hs) if hs else None

    accs: dict[tuple[str, str], _Acc] = {}

    ranks_under = _ranks_under(cat)

    def acc(list_id: str, code: str, entry: str | None = None) -> _Acc:
        key = ranks_under(list_id, code, entry)
        a = accs.get(key)
        if a is None:
            a = accs[key] = _Acc(*key)
        return a

    # 1. text: BM25F per node, scaled by how much of the query (weighted by rarity) it explains
    if description.strip():
        index = open_retriever(cat)
        coverage = _coverage_fn(index, description)
        query_tokens = {lang: _phrase_tokens(description, lang) for lang in ("en", "fr")}
        has_digits = any(ch.isdigit() for ch in description)
        clauses = [*query_clauses(description, lg), *index.gram_clauses(description)]
        # hits matching the same words in the same fields (sub-items of one entry) share these
        seen: dict[_Matched, _HitFacts] = {}
        for h in index.query(clauses, limit=TEXT_HITS):
            a = acc(h.list_id, h.code)
            share, units_only, terms = _hit_facts(seen, h.matched, coverage, has_digits)
            a.coverage = max(a.coverage, share)
            phrase = index.whole_phrase(h.list_id, h.code, query_tokens)
            a.add_text(h.code, h.score * (COORD_FLOOR + (1 - COORD_FLOOR) * share)
                       * (1 + PHRASE_SHARE * phrase) * (UNIT_ONLY_SHARE if units_only else 1.0))
            a.matched |= terms
    top_text = max((a.best for a in accs.values()), default=0.0) or TEXT_FLOOR

    # 2. CAS numbers: decisive
    for number in cas_numbers:
        for node, list_id in _cas_nodes(cat, number):
            a = acc(list_id, node.code)
            a.decisive = True
            if not a.best_code:
                a.best_code = node.code
            a.evidence.append(Evidence(kind="cas", code=node.code, terms=(number,),
                                       detail=_t("cas", lg).format(cas=number, code=node.code)))

    # 2a. a chemical that a decontrol remark names as falling outside an entry: by its CAS number
    # (exact: shown first) or by the name the remark gives with it ("chlore liquide"); never
    # decisive. The entry speaks of this very chemical, to exclude it.
    folded = " ".join(textproc.fold(description).replace("’", "'").split())
    excluded: dict[str, tuple[float, str]] = {n: (DECONTROL_CAS_SHARE, n) for n in cas_numbers}
    for name, numbers in cat.decontrol_names().items():
        if name in folded and _names_alone(name, folded):
            for number in numbers:
                excluded.setdefault(number, (DECONTROL_NAME_SHARE, name))
    for number, (share, term) in excluded.items():
        for node, list_id in _cas_decontrol_nodes(cat, number):
            a = acc(list_id, node.code)
            if not a.best_code:
                a.best_code = node.code
            a.bonus = max(a.bonus, share * max(top_text, TEXT_FLOOR))
            if term == number:
                text = next((r.text for r in node.remarks if r.type == "decontrol"
                             and r.lang == lg and number in r.text), "")
                detail = _t("cas_decontrol", lg).format(cas=number, code=node.code, text=text)
            else:
                detail = _t("name_decontrol", lg).format(name=term, cas=number, code=node.code)
            a.evidence.append(Evidence(kind="decontrol", code=node.code, terms=(term,),
                                       detail=detail))

    # 2b. the chemicals table (CWC, Australia Group, Global Shield): CAS decisive, name, HS prior
    _chemical_evidence(cat, acc, cas_numbers, description, hs6, lg, top_text)

    # 3. HS prior
    if hs6:
        for node, list_id, level in _hs_nodes(cat, hs6):
            a = acc(list_id, node.code)
            share = HS_SUBHEADING_SHARE if level == 6 else HS_HEADING_SHARE
            a.bonus += share * top_text
            if not a.best_code:
                a.best_code = node.code
            a.evidence.append(Evidence(
                kind="hs", code=node.code, terms=(hs6,),
                detail=_t("hs6" if level == 6 else "hs4", lg).format(hs=hs6, code=node.code)))

    _intangible_prior(accs.values(), description)
    ranked = sorted(accs.values(), key=_rank)
    shortlist = ranked[: max(limit * 3, 15)]

    # 4. parameters, on the shortlist entries that are shown or could still be: a met criterion
    # adds at most PARAMETER_MEETS_SHARE of the top text score
    tables = load_criteria() if criteria is None else criteria
    if line.figures:
        for a in _may_be_shown(shortlist, limit, PARAMETER_MEETS_SHARE * top_text):
            lv = cat.lists.get(a.list_id)
            if lv is not None and a.entry in lv.nodes:
                _criteria_evidence(cat, a, line, lg, top_text, tables)
    return Ranking(catalog=cat, line=line, lang=lg, hs6=hs6, cas=cas_numbers, tables=tables,
                   entries=sorted(shortlist, key=_rank)[:limit])

# --- helpers ---------------------------------------------------------------------------------
_Matched = tuple[tuple[str, frozenset[str]], ...]
_HitFacts = tuple[float, bool, set[str]]  # coverage, only units matched, the words matched


def _hit_facts(seen: dict[_Matched, _HitFacts], matched: dict[str, frozenset[str]],
               coverage: Callable[[dict[str, frozenset[str]]], float],
               has_digits: bool) -> _HitFacts:
    """What a hit's matched words say, worked out once per line for each set of (field, words)
    (the sub-items of one entry often match the same words in the same fields)."""
    key = tuple(matched.items())
    got = seen.get(key)
    if got is None:
        got = seen[key] = (coverage(matched), has_digits and _units_only(matched),  # a unit
                           {t for ts in matched.values() for t in ts})  # follows a number
    return got


def _may_be_shown(ranked: Sequence[_Acc], limit: int, most: float) -> list[_Acc]:
    """The entries of ``ranked`` (in rank order) among the first ``limit``, and those after that a
    bonus of at most ``most`` (before the entry's factor) could still bring among them: the
    others' evidence would never be shown nor change the ranking."""
    if len(ranked) <= limit:
        return list(ranked)
    weakest = _rank(ranked[limit - 1])  # bonuses only raise it
    slack = 1e-9 * (1.0 + abs(weakest[1]))  # float rounding of (text + bonus) * factor
    return [*ranked[:limit], *(a for a in ranked[limit:] if (
        not a.decisive, -(a.raw + most * a.factor) - slack, a.entry) < weakest)]


def _intangible_prior(accs: Iterable[_Acc], description: str) -> None:
    """Lower software/technology entries when the line does not speak of software/technology."""
    low = f" {description.lower()} "
    software = any(w in low for w in _SOFTWARE_WORDS)
    technology = any(w in low for w in _TECHNOLOGY_WORDS)
    for a in accs:
        group = "D" if a.entry == "ML21" else "E" if a.entry == "ML22" else a.entry[1:2]
        if (group == "D" and not software) or (group == "E" and not technology):
            a.factor = INTANGIBLE_SHARE

def _hs6(value: str) -> str:
    from dualuse.codes import hs as hs_codes

    return hs_codes.validate(value)[:6]  # an HS 2022 code, or UnknownCode (exit 2)


def _cas_nodes(cat: Catalog, number: str) -> list[tuple[Node, str]]:
    return [(node, lid) for lid, node in cat.cas_links(number)]


def _cas_decontrol_nodes(cat: Catalog, number: str) -> list[tuple[Node, str]]:
    return [(node, lid) for lid, node in cat.cas_decontrol_links(number)]


def _hs_nodes(cat: Catalog, hs6: str) -> list[tuple[Node, str, int]]:
    """Nodes linked to the subheading (level 6), then to the heading only (level 4)."""
    out: list[tuple[Node, str, int]] = []
    seen: set[tuple[str, str]] = set()
    for level, key in ((6, hs6), (4, hs6[:4])):
        for lid, node in cat.hs_links(key):
            entry = (lid, control.entry_level(node.code))
            if entry not in seen:
                seen.add(entry)
                out.append((node, lid, level))
    return out


def _coverage_fn(index, description: str):  # type: ignore[no-untyped-def]
    """Query coverage per language: the IDF-weighted share of the query's words a node matched
    (in that language's fields; technical words often match the other language's fields)."""
    from dualuse.index import FIELDS

    weights: dict[str, dict[str, float]] = {}
    for lang in ("en", "fr"):
        kw_field = f"kw_{lang}"
        weights[lang] = {t: max(index.idf(kw_field, t), index.idf(f"title_{lang}", t))
                         for t in dict.fromkeys(textproc.tokens(description, lang))}
    totals = {lang: sum(w.values()) or 1.0 for lang, w in weights.items()}
    # coverage counts our titles and keywords; the official text (when imported) adds to the
    # BM25F score but does not make a node "explain" the query
    field_lang = {f: lang for f, (lang, _) in FIELDS.items() if not f.startswith("text_")}

    def coverage(matched: dict[str, frozenset[str]]) -> float:
        got: dict[str, set[str]] = {"en": set(), "fr": set()}
        for f, terms in matched.items():
            if f in field_lang:
                got[field_lang[f]] |= terms
        return max(sum(weights[lg].get(t, 0.0) for t in got[lg]) / totals[lg] for lg in got)

    return coverage


@lru_cache(maxsize=1)
def _unit_terms() -> frozenset[str]:
    from dualuse.parameters import ALIASES, UNITS

    return frozenset(textproc.fold(u) for u in (*UNITS, *ALIASES) if u.isalpha())


def _units_only(matched: dict[str, Any]) -> bool:
    terms = {t for ts in matched.values() for t in ts}
    return bool(terms) and terms <= _unit_terms()


def _whole_phrase(node: Node | None, query: dict[str, frozenset[str]]) -> bool:
    """Does one of the node's multi-word titles or keywords appear whole in the query?"""
    if node is None:
        return False
    for lg, words in query.items():
        for phrase in (node.title.get(lg) or "", *node.keywords.get(lg)):
            tokens = _phrase_tokens(phrase, lg) if phrase else frozenset()
            if len(tokens) >= 2 and tokens <= words:
                return True
    return False


_RANKS_UNDER: dict[int, tuple[Catalog, Callable[[str, str, str | None], tuple[str, str]]]] = {}


def _ranks_under(cat: Catalog) -> Callable[[str, str, str | None], tuple[str, str]]:
    """``(list_id, code, entry) -> (list_id, entry)``: the entry a node's score rolls up to
    (``entry``, else the code's entry), and the list it ranks under: an entry both lists hold
    ranks once, under the first (Wassenaar). Remembered per catalog."""
    hit = _RANKS_UNDER.get(id(cat))
    if hit is None or hit[0] is not cat:
        @lru_cache(maxsize=50_000)
        def ranks_under(list_id: str, code: str, entry: str | None) -> tuple[str, str]:
            entry = entry or control.entry_level(code)
            holders = cat.lists_with(entry)
            return (holders[0] if list_id in holders else list_id), entry

        _RANKS_UNDER.clear()
        hit = _RANKS_UNDER[id(cat)] = (cat, ranks_under)
    return hit[1]

