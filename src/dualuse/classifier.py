"""Product description (+ HS code, CAS numbers) -> ranked candidate control entries, with evidence.

How the score is made (docs/search.md has the measurements):
1. full-text BM25F over our titles and keywords (EN and FR) and the official wording, at node level;
   each entry keeps its best node (the sub-item that matched) plus a little of its other nodes;
2. an exact CAS match is decisive: the entries naming that CAS rank first;
3. the HS code is a prior, never a verdict: entries whose indicative HS codes include the declared
   subheading (or, less, its heading) gain a share of the top text score;
4. the line's named figures are held against the entries' criteria (``criteria.evaluate``): a met
   criterion adds a little, and the evidence says which criterion and how it compares;
5. decontrol remarks and notes that share words with the description are reported as evidence.
The final ``score`` is squashed into 0..1 (``raw / (raw + 10)``); CAS matches score 0.99.

Steps 1-4 are ``dualuse.ranking`` (with ``ranking_chemicals`` and ``ranking_criteria``); this module
adds the evidence read by people and the decision (``classify``), or the decision alone
(``screen``, the screening path of ``check``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from dualuse import chemicals as chem
from dualuse.candidates import (
    _SOFTWARE_WORDS,
    _TECHNOLOGY_WORDS,
    Evidence,
    _Acc,
    _phrase_tokens,
    _t,
)
from dualuse.catalog import Catalog
from dualuse.codes import control
from dualuse.criteria.model import CriteriaTable, Decision
from dualuse.index import Hit, search
from dualuse.line import Line
from dualuse.model import Node
from dualuse.ranking import Ranking, _whole_phrase, rank
from dualuse.ranking_criteria import _KB_FNS, _kb_fns

__all__ = ["Candidate", "Classification", "Evidence", "Hit", "Ranking", "Screening", "classify",
           "rank", "screen", "search"]
__all__ += ["_KB_FNS", "_whole_phrase"]  # tests empty the first; the benchmarks' baseline reads it
__all__ += ["_whole_phrase"]  # the benchmarks' baseline reads it

class Candidate(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    entry: str
    list: str
    title: str | None
    score: float
    coverage: float = 0.0
    evidence: tuple[Evidence, ...]
    #: the other lists holding this entry (an EU x0xx entry ranked under Wassenaar: the EU list)
    also_in: tuple[str, ...] = ()


class QuantityFound(BaseModel):
    model_config = ConfigDict(frozen=True)
    text: str
    value: str
    unit: str
    dimension: str
    #: the named quantity the figure measures (quantities.csv), when words next to it say so
    quantity: str | None = None


class Classification(BaseModel):
    model_config = ConfigDict(frozen=True)
    description: str
    lang: str
    hs: str | None
    cas: tuple[str, ...]
    quantities: tuple[QuantityFound, ...]
    candidates: tuple[Candidate, ...]
    editions: tuple[str, ...]
    note: str
    #: is the line controlled? listed / not-listed / needs-figure, with the evidence behind it
    decision: Decision | None = None


NOTE = {
    "en": "Candidates are indicative: an entry controls an item only if the item meets all of its "
          "criteria. HS codes narrow the search; they never decide control status.",
    "fr": "Candidats indicatifs : une rubrique ne contrôle un bien que s'il en remplit tous les "
          "critères. Le code SH oriente la recherche, il ne décide jamais du statut de contrôle.",
}


def classify(description: str = "", *, hs: str | None = None, cas: Sequence[str] = (),
             lang: str | None = None, limit: int = 10,
             catalog: Catalog | None = None,
             criteria: Mapping[str, CriteriaTable] | None = None,
             hold: Sequence[str] = ()) -> Classification:
    """Rank control entries for an invoice line.

    ``hs`` accepts HS-6, CN-8, TARIC-10 or national codes (the 6-digit root is used); ``cas`` CAS
    numbers (also found in the description). ``lang`` is detected when not given. ``criteria``:
    the criteria tables to decide with (default: the bundled ones, ``load_criteria()``);
    ``hold``: control codes the decision must hold the line against besides the entries it
    resembles (the licence engine passes those its HS subheading links to).
    """
    r = rank(description, hs=hs, cas=cas, lang=lang, limit=limit, catalog=catalog,
             criteria=criteria)
    cat, line, lg, ranked = r.catalog, r.line, r.lang, r.entries
    # 5. decontrol notes: evidence only (no score), for the entries shown
    for a in ranked:
        lv = cat.lists.get(a.list_id)
        if lv is not None and a.entry in lv.nodes:
            _decontrol_evidence(cat, a, line.normal, lg)

    candidates = []
    for a in ranked:
        lv = cat.lists.get(a.list_id)
        shown = lv.nodes.get(a.best_code or a.entry) if lv is not None else None
        text_ev = _text_evidence(shown, a, lg) if shown is not None and a.matched else []
        candidates.append(Candidate(
            code=a.best_code or a.entry, entry=a.entry, list=a.list_id,
            title=_title(cat, a, lg), score=r.score(a), coverage=round(a.coverage, 3),
            evidence=(*text_ev, *a.evidence),
            also_in=tuple(i for i in cat.lists_with(a.entry) if i != a.list_id)))
    used = {a.list_id for a in ranked} or set(cat.lists)
    editions = tuple(e.label() for lid in sorted(used) if lid in cat.lists
                     for e in cat.lists[lid].editions)
    if chem.TABLE_ID in used or any(a.from_table for a in ranked):
        editions += (chem.TABLE_LABEL,)
    return Classification(
        description=line.text, lang=lg, hs=r.hs6, cas=r.cas,
        quantities=tuple(QuantityFound(text=f.text, value=format(f.value, "f"), unit=f.unit,
                                       dimension=f.dimension, quantity=f.quantity)
                         for f in line.figures),
        candidates=tuple(candidates), editions=editions, note=NOTE[lg],
        decision=decision_for(line, candidates, cat, r.tables, hold=hold))


class Screening(BaseModel):
    """``screen``'s answer: the decision, and the candidates it rests on ranked and scored as
    ``classify`` ranks and scores them, with only the evidence the ranking gathers (CAS numbers,
    HS codes, chemicals, thresholds): no words matched, decontrol notes, titles or editions."""

    model_config = ConfigDict(frozen=True)
    lang: str
    candidates: tuple[Candidate, ...]
    decision: Decision


def screen(description: str = "", *, hs: str | None = None, cas: Sequence[str] = (),
           lang: str | None = None, limit: int = 5, catalog: Catalog | None = None,
           criteria: Mapping[str, CriteriaTable] | None = None,
           hold: Sequence[str] = ()) -> Screening:
    """Is the line controlled? ``classify``'s decision (same arguments, same decision and
    ranking) without the evidence written for people: the screening path of ``check`` for items
    that carry a description and no control code."""
    r = rank(description, hs=hs, cas=cas, lang=lang, limit=limit, catalog=catalog,
             criteria=criteria)
    candidates = tuple(Candidate(code=a.best_code or a.entry, entry=a.entry, list=a.list_id,
                                 title=None, score=r.score(a), coverage=round(a.coverage, 3),
                                 evidence=tuple(a.evidence)) for a in r.entries)
    return Screening(lang=r.lang, candidates=candidates,
                     decision=decision_for(r.line, candidates, r.catalog, r.tables, hold=hold))


# --- helpers ---------------------------------------------------------------------------------
def _text_evidence(node: Node, a: _Acc, lang: str) -> list[Evidence]:
    found: dict[str, float] = {}
    for lg in (lang, "en" if lang == "fr" else "fr"):
        for phrase in [node.title.get(lg) or "", *node.keywords.get(lg)]:
            tokens = _phrase_tokens(phrase, lg) if phrase else frozenset()
            if tokens & a.matched and phrase not in found:
                found[phrase] = len(tokens & a.matched) / len(tokens)
    # phrases the description contains whole come first, then the partly matched ones
    words = sorted(found, key=lambda p: -found[p])
    if not words:
        words = sorted(a.matched)
    return [Evidence(kind="text", code=node.code, terms=tuple(words[:6]),
                     detail=_t("text", lang).format(code=node.code, words=", ".join(words[:6])))]


def decision_for(line: Line, candidates: Sequence[Candidate], cat: Catalog,
                 criteria: Mapping[str, CriteriaTable] | None = None, *,
                 hold: Sequence[str] = ()) -> Decision:
    """The decision on ``line`` against the candidates the goods resemble (criteria/screen.py),
    and the entries of the codes in ``hold``."""
    from dualuse.criteria import load_criteria
    from dualuse.criteria.decide import decide
    from dualuse.criteria.screen import resembling, speaks_military

    cas_entries = [c.entry for c in candidates if any(e.kind == "cas" for e in c.evidence)]
    low = f" {line.folded} "
    speaks = any(w in low for w in (*_SOFTWARE_WORDS, *_TECHNOLOGY_WORDS))
    children, kind = _kb_fns(cat)
    aside: list[tuple[str, str]] = []
    held = resembling(candidates, line.codes, cas_entries, lists=tuple(cat.lists),
                      intangibles=speaks, military=speaks_military(line.folded),
                      named=lambda list_id, entry: kind(list_id, entry, line), set_aside=aside)
    for code in hold:
        found = cat.find(code)
        if found is not None:
            pair = (found[0].id, control.entry_level(found[1].code))
            if pair not in held:
                held.append(pair)
    tables = load_criteria() if criteria is None else criteria
    decision = decide(line, held, tables, kb_children=children, kind=kind, intangibles=speaks)
    if decision.status == "not-listed" and aside and not decision.releases:
        # the named kinds ruled out by figures (not released by a note): hold their twins too
        decision = decide(line, [*held, *aside], tables, kb_children=children, kind=kind,
                          intangibles=speaks)
    return decision


def _decontrol_evidence(cat: Catalog, a: _Acc, description: str, lang: str) -> None:
    if not description.strip():
        return
    query = _phrase_tokens(description, lang)
    for code, named, shown, need, tokens in _decontrol_texts(cat, a.list_id, a.entry, lang):
        if len(tokens & query) >= need:
            a.evidence.append(Evidence(kind="decontrol", code=code,
                                       detail=_t("decontrol", lang).format(code=named, text=shown)))


_DecontrolText = tuple[str, str | None, str, int, frozenset[str]]
_DECONTROL: dict[int, tuple[Catalog, dict[tuple[str, str, str], tuple[_DecontrolText, ...]]]] = {}


def _decontrol_texts(cat: Catalog, list_id: str, entry: str,
                     lang: str) -> tuple[_DecontrolText, ...]:
    """The decontrol remarks (in ``lang``, two words in common with the line to report) and notes
    (English, three words) of an entry's subtree, in list order: (node, code and text the
    evidence names, words needed, analysed words). Once per catalog, entry and language."""
    hit = _DECONTROL.get(id(cat))
    if hit is None or hit[0] is not cat:
        _DECONTROL.clear()
        hit = _DECONTROL[id(cat)] = (cat, {})
    key = (list_id, entry, lang)
    got = hit[1].get(key)
    if got is None:
        out: list[_DecontrolText] = []
        for node in cat.walk(entry, list_id):
            out += [(node.code, node.code, r.text, 2, _phrase_tokens(r.text, lang))
                    for r in node.remarks if r.type == "decontrol" and r.lang == lang]
            if node.is_note and node.decontrol and node.text:
                out.append((node.code, node.parent, node.code, 3,
                            _phrase_tokens(node.text, "en")))
        got = hit[1][key] = tuple(out)
    return got


def _title(cat: Catalog, a: _Acc, lang: str) -> str | None:
    lv = cat.lists.get(a.list_id)
    if lv is None:
        return "; ".join(dict.fromkeys(a.titles)) or None
    entry = lv.nodes.get(a.entry)
    best = lv.nodes.get(a.best_code) if a.best_code else None
    parts = [n.title.get(lang) for n in (entry, best) if n is not None and n.title.get(lang)]
    return " - ".join(dict.fromkeys(p for p in parts if p)) or None
