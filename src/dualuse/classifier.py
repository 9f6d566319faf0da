"""Product description (+ HS code, CAS numbers) -> ranked candidate control entries, with evidence.

How the score is made (docs/search.md has the measurements):
1. full-text BM25F over our titles and keywords (EN and FR) and the official wording, at node level;
   each entry keeps its best node (the sub-item that matched) plus a little of its other nodes;
2. an exact CAS match is decisive: the entries naming that CAS rank first;
3. the HS code is a prior, never a verdict: entries whose indicative HS codes include the declared
   subheading (or, less, its heading) gain a share of the top text score;
4. quantities in the description are compared with the entries' thresholds: "meets" adds a little,
   evidence says which threshold; "below" is said too (probably not controlled by that sub-item);
5. decontrol remarks and notes that share words with the description are reported as evidence.
The final ``score`` is squashed into 0..1 (``raw / (raw + 10)``); CAS matches score 0.99.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from dualuse import chemicals as chem
from dualuse import textproc
from dualuse.catalog import Catalog, open_catalog
from dualuse.codes import cas as cas_codes
from dualuse.codes import control
from dualuse.criteria import load_criteria
from dualuse.criteria.model import CriteriaTable, CriterionStatus, Decision
from dualuse.errors import InputError
from dualuse.index import Hit, check_query, query_clauses, search
from dualuse.line import Line, analyse
from dualuse.model import Comparator, Node, Number
from dualuse.retrieve import open_retriever

__all__ = ["Candidate", "Classification", "Evidence", "Hit", "classify", "search"]

TEXT_HITS = 80            # node-level hits fetched before rolling up
OTHER_NODES_SHARE = 0.15  # how much an entry's other matching nodes add to its best node
HS_SUBHEADING_SHARE = 0.45
HS_HEADING_SHARE = 0.15
PARAMETER_MEETS_SHARE = 0.10
SQUASH = 10.0
TEXT_FLOOR = 5.0  # the "best text score" used for shares when no text matched
COORD_FLOOR = 0.2  # a node that explains none of the rare words keeps this share of its score
# A node one of whose multi-word titles or keywords appears whole in the description ("rubidium
# oscillator") gains this share: a phrase is stronger evidence than the same words scattered.
PHRASE_SHARE = 0.25
# a node whose only words in common with the line are unit symbols ("kg" of "60 kg bags" and of
# "550 Wh/kg") keeps this share: units are compared as quantities (step 4), not as words
UNIT_ONLY_SHARE = 0.25
# A chemical of the chemicals table named whole in the description ranks with this share of the
# best text score (a name is strong, but "ammonium nitrate" may be a fertiliser line: not decisive)
CHEMICAL_NAME_SHARE = 1.2
# a CAS number named in a decontrol remark: exact, so shown first, but never decisive
DECONTROL_CAS_SHARE = 1.3
# ... or by the name the remark gives with that CAS ("chlore"): shown high, below an exact CAS
DECONTROL_NAME_SHARE = 1.2  # as a chemical name of the table (CHEMICAL_NAME_SHARE)
# Invoice lines name goods; software (group D, ML21) and technology (group E, ML22) entries keep
# this share of their score unless the description speaks of software or technology.
INTANGIBLE_SHARE = 0.8
_SOFTWARE_WORDS = ("software", "logiciel", "firmware", "micrologiciel", "source code",
                   "code source", "licence key", "license key", "programme", "program ")
_TECHNOLOGY_WORDS = ("technology", "technologie", "know-how", "savoir-faire", "technical data",
                     "données techniques", "design data", "documentation", "blueprint", "drawings",
                     "plans de", "training", "formation", "assistance technique",
                     "technical assistance")

# acc(list_id, code, entry=None): the accumulator of an entry, created on first use
_AccFor = Callable[..., "_Acc"]

EvidenceKind = Literal["text", "cas", "hs", "parameter", "decontrol"]


class Evidence(BaseModel):
    """Why a candidate ranks where it does. Threshold evidence (``kind="parameter"``) is
    structured: the criterion's named quantity, comparator, value and unit, and whether the line's
    figure meets it (``meets`` / ``does-not-meet`` / ``not-stated``); ``detail`` says it in
    words."""

    model_config = ConfigDict(frozen=True)
    kind: EvidenceKind
    detail: str
    code: str | None = None
    terms: tuple[str, ...] = ()
    status: CriterionStatus | None = None
    quantity: str | None = None
    comparator: Comparator | None = None
    value: Number | None = None
    unit: str | None = None


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


@dataclass
class _Acc:
    list_id: str
    entry: str
    best_code: str = ""
    best: float = 0.0
    others: float = 0.0
    bonus: float = 0.0
    decisive: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    matched: set[str] = field(default_factory=set)
    coverage: float = 0.0
    titles: list[str] = field(default_factory=list)  # for entries outside the catalog

    def add_text(self, code: str, score: float) -> None:
        if score > self.best:
            self.others += self.best
            self.best, self.best_code = score, code
        else:
            self.others += score

    factor: float = 1.0
    from_table: bool = False  # evidence from the chemicals table (its edition is named)

    @property
    def raw(self) -> float:
        text = self.best + OTHER_NODES_SHARE * min(self.others, self.best)
        return (text + self.bonus) * self.factor


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
    original, description = description, line.normal  # matching reads the normalised text
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
        for h in index.query(clauses, limit=TEXT_HITS):
            a = acc(h.list_id, h.code)
            share = coverage(h.matched)
            a.coverage = max(a.coverage, share)
            phrase = index.whole_phrase(h.list_id, h.code, query_tokens)
            units_only = has_digits and _units_only(h.matched)  # a unit follows a number
            a.add_text(h.code, h.score * (COORD_FLOOR + (1 - COORD_FLOOR) * share)
                       * (1 + PHRASE_SHARE * phrase) * (UNIT_ONLY_SHARE if units_only else 1.0))
            a.matched |= {t for ts in h.matched.values() for t in ts}
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
    ranked = sorted(shortlist, key=_rank)[:limit]
    # 5. decontrol notes: evidence only (no score), for the entries shown
    for a in ranked:
        lv = cat.lists.get(a.list_id)
        if lv is not None and a.entry in lv.nodes:
            _decontrol_evidence(cat, a, description, lg)

    candidates = []
    for a in ranked:
        lv = cat.lists.get(a.list_id)
        shown = lv.nodes.get(a.best_code or a.entry) if lv is not None else None
        text_ev = _text_evidence(shown, a, lg) if shown is not None and a.matched else []
        score = 0.99 if a.decisive else round(a.raw / (a.raw + SQUASH), 3)
        candidates.append(Candidate(
            code=a.best_code or a.entry, entry=a.entry, list=a.list_id,
            title=_title(cat, a, lg), score=score, coverage=round(a.coverage, 3),
            evidence=(*text_ev, *a.evidence),
            also_in=tuple(i for i in cat.lists_with(a.entry) if i != a.list_id)))
    used = {a.list_id for a in ranked} or set(cat.lists)
    editions = tuple(e.label() for lid in sorted(used) if lid in cat.lists
                     for e in cat.lists[lid].editions)
    if chem.TABLE_ID in used or any(a.from_table for a in ranked):
        editions += (chem.TABLE_LABEL,)
    return Classification(
        description=original, lang=lg, hs=hs6, cas=cas_numbers,
        quantities=tuple(QuantityFound(text=f.text, value=format(f.value, "f"), unit=f.unit,
                                       dimension=f.dimension, quantity=f.quantity)
                         for f in line.figures),
        candidates=tuple(candidates), editions=editions, note=NOTE[lg],
        decision=decision_for(line, candidates, cat, tables, hold=hold))


# --- helpers ---------------------------------------------------------------------------------
def _rank(a: _Acc) -> tuple[bool, float, str]:
    return (not a.decisive, -a.raw, a.entry)


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


def _chemical_evidence(cat: Catalog, acc: _AccFor, cas_numbers: Sequence[str],
                       description: str, hs6: str | None, lang: str, top_text: float) -> None:
    """Chemicals of the bundled table: by CAS number (decisive), by name found whole in the
    description, by HS subheading (a prior). Each lands on its control entry: a Wassenaar ML
    entry of the catalog, else an entry of the table (EU Annex I codes such as 1C350.1); a
    chemical watched by Global Shield only lands on "WCO-GS"."""
    found: list[tuple[str, str, tuple[chem.ChemicalRow, ...]]] = []
    index = chem.by_cas_index()
    found += [("cas", n, index[n]) for n in cas_numbers if n in index]
    if description.strip():
        words = len(textproc.fold(description).split()) or 1
        found += [("name", name, rows) for name, rows in chem.find_names(description)]
    if hs6:
        found += [("hs", hs6, rows) for rows in [chem.by_hs_index().get(hs6, ())] if rows]
    for how, term, rows in found:
        by_code: dict[str, list[chem.ChemicalRow]] = {}
        for row in rows:
            for code in row.entries or (row.list,):
                by_code.setdefault(code, []).append(row)
        for code, code_rows in by_code.items():
            a = _chemical_acc(cat, acc, code)
            name = code_rows[0].name(lang)
            lists = "; ".join(dict.fromkeys(r.list_label_in(lang) for r in code_rows))
            if a.list_id == chem.TABLE_ID and not a.titles:
                a.titles.append(f"{name}: {lists}")
            if not a.best_code:
                a.best_code = code
            a.from_table = True
            if how == "cas":
                a.decisive = True
            elif how == "name":
                a.bonus = max(a.bonus, CHEMICAL_NAME_SHARE * max(top_text, TEXT_FLOOR))
                a.coverage = max(a.coverage, min(1.0, len(term.split()) / words))
            else:
                a.bonus = max(a.bonus, HS_SUBHEADING_SHARE * top_text)
            a.evidence.append(Evidence(
                kind="hs" if how == "hs" else "cas" if how == "cas" else "text",
                code=code, terms=(term,), detail=_t(f"chem_{how}", lang).format(
                    term=term, name=name, lists=lists, code=code)))


def _chemical_acc(cat: Catalog, acc: _AccFor, code: str) -> _Acc:
    if not code[:1].isdigit() and not code.upper().startswith("ML"):
        return acc(chem.TABLE_ID, code, entry=code)  # a watch list, not a control entry
    entry = control.entry_level(code)  # 1C350.1 -> 1C350, ML7 -> ML7
    for list_id, lv in cat.lists.items():
        if entry in lv.nodes:
            return acc(list_id, code)
    return acc(chem.TABLE_ID, code)


def _intangible_prior(accs: Iterable[_Acc], description: str) -> None:
    """Lower software/technology entries when the line does not speak of software/technology."""
    low = f" {description.lower()} "
    software = any(w in low for w in _SOFTWARE_WORDS)
    technology = any(w in low for w in _TECHNOLOGY_WORDS)
    for a in accs:
        group = "D" if a.entry == "ML21" else "E" if a.entry == "ML22" else a.entry[1:2]
        if (group == "D" and not software) or (group == "E" and not technology):
            a.factor = INTANGIBLE_SHARE

_MESSAGES = {
    "cas": {"en": "CAS {cas} is named in {code}", "fr": "le CAS {cas} est cité dans {code}"},
    "hs6": {"en": "HS {hs} is an indicative subheading of {code}",
            "fr": "le SH {hs} est une sous-position indicative de {code}"},
    "hs4": {"en": "HS heading of {hs} is indicative for {code}",
            "fr": "la position SH de {hs} est indicative pour {code}"},
    "text": {"en": "words matched in {code}: {words}", "fr": "mots trouvés dans {code} : {words}"},
    "meets": {"en": "{q} meets the {code} threshold ({p})",
              "fr": "{q} atteint le seuil de {code} ({p})"},
    "below": {"en": "{q} is below the {code} threshold ({p}): probably not controlled by this "
                    "sub-item",
              "fr": "{q} est en deçà du seuil de {code} ({p}) : probablement pas contrôlé par "
                    "cette sous-rubrique"},
    "chem_cas": {"en": "CAS {term} is {name}, {lists} ({code})",
                 "fr": "le CAS {term} est {name}, {lists} ({code})"},
    "chem_name": {"en": "{name} is named in the description: {lists} ({code})",
                  "fr": "{name} est nommé dans la désignation : {lists} ({code})"},
    "chem_hs": {"en": "HS {term} is the subheading of {name}, {lists} ({code})",
                "fr": "le SH {term} est la sous-position de {name}, {lists} ({code})"},
    "cas_decontrol": {"en": "CAS {cas} is named as outside {code}: {text}",
                      "fr": "le CAS {cas} est cité comme hors de {code} : {text}"},
    "name_decontrol": {"en": "{name} (CAS {cas}) is named as outside {code}: check the note's "
                             "conditions",
                       "fr": "{name} (CAS {cas}) est cité comme hors de {code} : en vérifier les "
                             "conditions"},
    "decontrol": {"en": "check the decontrol note of {code}: {text}",
                  "fr": "vérifier la note d'exclusion de {code} : {text}"},
}


def _t(key: str, lang: str) -> str:
    return _MESSAGES[key].get(lang, _MESSAGES[key]["en"])


def _hs6(value: str) -> str:
    from dualuse.codes import hs as hs_codes

    return hs_codes.validate(value)[:6]  # an HS 2022 code, or UnknownCode (exit 2)


def _cas_nodes(cat: Catalog, number: str) -> list[tuple[Node, str]]:
    return [(node, lid) for lid, node in cat.cas_links(number)]


_ANION = (r"(?:mono|mon|di|tri|tetra|penta|hexa|hepta)?"
          r"(?:ox|fluor|chlor|brom|iod|sulf|sulph|nitr|hydr|cyan|carb|phosph|az|selen)")
_COMPOUND_AFTER = re.compile(rf"\s*-?\s*{_ANION}(?:ide|ate|ite)s?\b")
_COMPOUND_BEFORE = re.compile(rf"\b{_ANION}(?:yde|ure|ate|ite)s?\s+(?:de\s+|d')$")


def _names_alone(name: str, folded: str) -> bool:
    """``name`` occurs in ``folded`` as the chemical itself, not inside a compound's name
    ("chlorine", but not "chlorine dioxide" / "dioxyde de chlore").

    >>> [_names_alone("chlorine", t) for t in ("liquid chlorine", "chlorine dioxide generator")]
    [True, False]
    >>> _names_alone("chlore", "chlore liquide"), _names_alone("chlore", "dioxyde de chlore")
    (True, False)
    """
    for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
        if not _COMPOUND_AFTER.match(folded, m.end()) and \
                not _COMPOUND_BEFORE.search(folded, 0, m.start()):
            return True
    return False


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


@lru_cache(maxsize=20_000)
def _phrase_tokens(phrase: str, lang: str) -> frozenset[str]:
    return frozenset(textproc.tokens(phrase, lang))


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


def _criteria_evidence(cat: Catalog, a: _Acc, line: Line, lang: str, top_text: float,
                       tables: Mapping[str, CriteriaTable]) -> None:
    """The entry's criteria held against the line's named figures: structured evidence; a met
    criterion adds a little to the score. Figures are compared only with criteria of the same named
    quantity (or where the unit leaves no doubt), never by unit alone."""
    from dualuse.criteria.decide import evaluate_entry

    if not _may_hold(line, tables, a.list_id, a.entry):
        return  # no criterion of the entry measures what the line's figures measure
    children, kind = _kb_fns(cat)
    result = evaluate_entry(line, a.list_id, a.entry, tables, kb_children=children, kind=kind)
    stated = [r for r in result.results if r.status != "not-stated"]
    for r in stated[:6]:
        a.evidence.append(Evidence(
            kind="parameter", code=r.code, terms=(r.stated,) if r.stated else (),
            status=r.status, quantity=r.quantity, comparator=r.comparator,
            value=r.value, unit=r.unit, detail=r.text.get(lang) or ""))
    if any(r.status == "meets" for r in stated):
        a.bonus += PARAMETER_MEETS_SHARE * top_text


_EntryQuantities = tuple[frozenset[str], frozenset[str]]
_QUANTITIES: dict[tuple[int, str], tuple[CriteriaTable, _EntryQuantities]] = {}


def _may_hold(line: Line, tables: Mapping[str, CriteriaTable], list_id: str, entry: str) -> bool:
    """Could a figure of the line be held against a criterion of the entry (the table
    ``evaluate_entry`` reads)? A figure meets, or fails, only criteria of its named quantity, or of
    its dimension when no cue names it; without one, every result is "not stated"."""
    table = tables.get(list_id)
    if table is None or entry not in table.nodes:
        table = next((t for t in tables.values() if entry in t.nodes), None)
    if table is None:
        return False
    key = (id(table), entry)
    hit = _QUANTITIES.get(key)
    if hit is None or hit[0] is not table:
        hit = _QUANTITIES[key] = (table, _entry_quantities(table, entry))
    named, dims = hit[1]
    return any(f.quantity in named if f.quantity else f.dimension in dims for f in line.figures)


def _entry_quantities(table: CriteriaTable, entry: str) -> _EntryQuantities:
    """The named quantities of the criteria of ``entry`` and its sub-items and of the notes that
    release them, and their dimensions."""
    from dualuse.criteria import quantities
    from dualuse.criteria.model import AnyOf

    def under(code: str) -> bool:
        return code == entry or code.startswith(entry + ".")

    crits = [*(c for n in table.nodes.values() if under(n.code) for c in n.criteria),
             *(c for r in table.releases if under(r.applies_to) for c in r.criteria)]
    named = frozenset(one.quantity for c in crits
                      for one in (c.any_of if isinstance(c, AnyOf) else (c,)))
    defs = quantities()
    return named, frozenset(defs[q].dimension for q in named if q in defs)


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
    held = resembling(candidates, line.codes, cas_entries, lists=tuple(cat.lists),
                      intangibles=speaks, military=speaks_military(line.folded))
    for code in hold:
        found = cat.find(code)
        if found is not None:
            pair = (found[0].id, control.entry_level(found[1].code))
            if pair not in held:
                held.append(pair)
    tables = load_criteria() if criteria is None else criteria
    children, kind = _kb_fns(cat)
    return decide(line, held, tables, kb_children=children, kind=kind, intangibles=speaks)


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


_KbFns = tuple[Callable[[str, str], tuple[str, ...]], Callable[[str, str, Line], bool]]
_KB_FNS: dict[int, tuple[Catalog, _KbFns]] = {}


def _kb_fns(cat: Catalog) -> _KbFns:
    """The catalog's children and kind words for the decision, built once per catalog."""
    from dualuse.criteria.screen import kb_children_fn, kind_fn

    hit = _KB_FNS.get(id(cat))
    if hit is None or hit[0] is not cat:
        _KB_FNS.clear()
        hit = (cat, (kb_children_fn(cat), kind_fn(cat)))
        _KB_FNS[id(cat)] = hit
    return hit[1]


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
    evidence names, words needed, analysed words). Worked out once per catalog, entry and language."""
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
