"""The classifier's retrieval: an in-memory inverted index with BM25F scores computed in advance.

The screening path (``classify``, and ``check`` of description-only items) asks one question per
invoice line: which catalog nodes share words with it, and how strongly. ``index.WhooshIndex``
answers it through whoosh's matcher trees (an OR of one DisMax per word, pure Python, ~12 ms a
line). This module answers the same question, with the same documents (``index.documents``), the
same analysers (``dualuse.analysis``, through the whoosh field types) and the same scores, from
plain dicts:

- each (field, term) keeps its postings as ``{document number: BM25F score}``; the score of a
  posting does not depend on the query (whoosh's IDF ``log(N / (df + 1)) + 1``, the average field
  length, the per-field B, K1 = 1.2, and the document's field length rounded as whoosh stores it),
  so it is computed once, when the index is built;
- a query is whoosh's: per analysed term, the best of its (field, boost) clauses; summed over the
  terms; the best ``limit`` documents, ties in document order; with the (field, term) pairs each
  document matched.

Built lazily once per catalog checksum (about a second; see docs/search.md) and kept in memory.
whoosh stays the index of ``search``; ``tests/test_retrieve.py`` checks that both rank alike.
"""

from __future__ import annotations

import contextlib
import heapq
import json
import math
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dualuse import store, textproc
from dualuse.catalog import Catalog
from dualuse.errors import StoreError
from dualuse.index import (
    FIELDS,
    GRAM,
    GRAM_BOOST,
    GRAM_MIN_WORD,
    INDEX_VERSION,
    RawHit,
    WhooshIndex,
    documents,
    grams,
)

K1 = 1.2
B_DEFAULT = 0.75
B_FIELD = {"kw_en": 0.3, "kw_fr": 0.3, "title_en": 0.5, "title_fr": 0.5}  # as WhooshIndex
SCORED_FIELDS = (*FIELDS, "grams")
FORMAT = "1"  # bump when the cache layout or the scoring changes
DISMAX_CACHE = 50_000  # per-term DisMax scores kept (a few hundred bytes each)
_WORDS = re.compile(r"[a-z]+")

Phrases = tuple[tuple[str, frozenset[str]], ...]
_LangPhrases = tuple[str, frozenset[str], tuple[frozenset[str], ...]]  # language, words, phrases


@dataclass(frozen=True)
class _Doc:
    code: str
    list_id: str


class Retriever:
    """BM25F over the catalog's index documents, scored as ``WhooshIndex.query`` scores them."""

    def __init__(self, catalog: Catalog, docs: list[tuple[str, str]],
                 postings: dict[tuple[str, str], dict[int, float]]):
        self._catalog = catalog
        self._docs = [_Doc(code, list_id) for code, list_id in docs]
        self.doc_count = len(docs)
        self._postings = postings
        self._phrases: dict[tuple[str, str], Phrases] = {}
        # per node and language: the words of its phrases, and the phrases
        self._phrase_words: dict[tuple[str, str], tuple[_LangPhrases, ...]] = {}
        self._dismax: dict[tuple[str, tuple[tuple[tuple[str, str], float], ...]],
                           dict[int, float]] = {}

    @classmethod
    def build(cls, catalog: Catalog) -> Retriever:
        """Analyse the catalog's index documents and score every posting (whoosh's BM25F)."""
        from whoosh.util.numeric import (  # type: ignore[import-untyped]
            byte_to_length,
            length_to_byte,
        )

        schema = WhooshIndex.schema()
        docs: list[tuple[str, str]] = []
        # (field, term) -> {doc: term frequency}; field -> {doc: length as whoosh stores it}
        freqs: dict[tuple[str, str], dict[int, float]] = {}
        lengths: dict[str, dict[int, int]] = {f: {} for f in SCORED_FIELDS}
        totals: dict[str, int] = dict.fromkeys(SCORED_FIELDS, 0)
        for n, doc in enumerate(documents(catalog)):
            docs.append((doc["code"], doc["list"]))
            for f in SCORED_FIELDS:
                value = doc.get(f)
                if not value:
                    continue
                length = 0
                for tbytes, freq, weight, _ in schema[f].index(value):
                    freqs.setdefault((f, tbytes.decode()), {})[n] = weight
                    length += freq
                totals[f] += length
                lengths[f][n] = byte_to_length(length_to_byte(length))
        n_docs = len(docs) or 1
        avgfl = {f: (totals[f] / n_docs) or 1 for f in SCORED_FIELDS}
        postings: dict[tuple[str, str], dict[int, float]] = {}
        for (f, term), post in freqs.items():
            idf = math.log(n_docs / (len(post) + 1)) + 1
            b, fl, avg = B_FIELD.get(f, B_DEFAULT), lengths[f], avgfl[f]
            postings[(f, term)] = {
                d: idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - b) + b * fl[d] / avg)))
                for d, tf in post.items()}
        return cls(catalog, docs, postings)

    def to_json(self) -> bytes:
        """Compact JSON: documents, then per field and term the documents and their scores."""
        fields: dict[str, dict[str, list[Any]]] = {}
        for (f, t), post in self._postings.items():
            fields.setdefault(f, {})[t] = [list(post), list(post.values())]
        return json.dumps({"format": FORMAT, "docs": [[d.code, d.list_id] for d in self._docs],
                           "postings": fields}, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, catalog: Catalog, data: bytes) -> Retriever:
        raw = json.loads(data)
        if raw.get("format") != FORMAT:
            raise ValueError("retriever cache of another format")
        postings = {(f, t): dict(zip(docs, scores, strict=True))
                    for f, terms in raw["postings"].items() for t, (docs, scores) in terms.items()}
        return cls(catalog, [(c, lid) for c, lid in raw["docs"]], postings)

    # --- the SearchIndex interface --------------------------------------------------------------
    def query(self, clauses: Sequence[tuple[str, str, float]], *, limit: int) -> list[RawHit]:
        """OR of (field, analysed term, boost) clauses, one DisMax per term (as whoosh)."""
        by_term: dict[str, dict[tuple[str, str], float]] = {}
        for f, t, b in clauses:
            by_term.setdefault(t, {})[(f, t)] = b  # a repeated clause counts once
        total: dict[int, float] = {}
        used: list[tuple[tuple[str, str], dict[int, float]]] = []
        postings = self._postings
        for term, group in by_term.items():
            present = [(key, postings[key], b) for key, b in group.items() if key in postings]
            if not present:
                continue
            used.extend((key, post) for key, post, _ in present)
            key = (term, tuple((k, b) for k, _, b in present))
            scores = self._dismax.get(key)
            if scores is None:
                if len(present) == 1:
                    _, post, b = present[0]
                    scores = {d: s * b for d, s in post.items()}
                else:
                    scores = _dismax([(post, b) for _, post, b in present])
                if len(self._dismax) > DISMAX_CACHE:
                    self._dismax.clear()
                self._dismax[key] = scores
            _add(total, scores)
        top = _best(total, limit)
        matched: dict[int, dict[str, set[str]]] = {d: {} for d in top}
        for (f, t), post in used:
            for d in matched.keys() & post.keys():  # which d first does not matter
                matched[d].setdefault(f, set()).add(t)
        docs = self._docs
        return [RawHit(code=docs[d].code, list_id=docs[d].list_id, score=total[d],
                       matched={f: frozenset(ts) for f, ts in matched[d].items()})
                for d in top]

    def doc_frequency(self, field: str, term: str) -> int:
        return len(self._postings.get((field, term), ()))

    def known(self, word: str) -> bool:
        """Does any language's analysis of ``word`` occur in the titles or keywords?"""
        return any((f"{kind}_{lang}", t) in self._postings
                   for lang in ("en", "fr") for t in textproc.tokens(word, lang)
                   for kind in ("title", "kw"))

    def gram_clauses(self, text: str) -> list[tuple[str, str, float]]:
        """Unknown long words ("multicoptère", "hexarotor") matched by their 4-grams."""
        out: list[tuple[str, str, float]] = []
        for w in dict.fromkeys(_WORDS.findall(textproc.fold(text))):
            if len(w) < GRAM_MIN_WORD or len(w) < GRAM or self.known(w):
                continue
            gs = grams(w)
            out.extend(("grams", g, GRAM_BOOST / len(gs)) for g in gs)
        return out

    def idf(self, field: str, term: str) -> float:
        """Inverse document frequency of ``term`` in ``field``, as ``WhooshIndex.idf``."""
        n = self.doc_count or 1
        return math.log(1 + n / (1 + self.doc_frequency(field, term)))

    # --- the classifier's whole-phrase bonus ---------------------------------------------------
    def phrases(self, list_id: str, code: str) -> Phrases:
        """The node's multi-word titles and keywords, analysed once: (language, terms)."""
        key = (list_id, code)
        got = self._phrases.get(key)
        if got is None:
            node = self._catalog.lists[list_id].nodes.get(code) \
                if list_id in self._catalog.lists else None
            out: list[tuple[str, frozenset[str]]] = []
            if node is not None:
                for lg in ("en", "fr"):
                    for phrase in (node.title.get(lg) or "", *node.keywords.get(lg)):
                        terms = frozenset(textproc.tokens(phrase, lg)) if phrase else frozenset()
                        if len(terms) >= 2:
                            out.append((lg, terms))
            got = self._phrases[key] = tuple(out)
        return got

    def whole_phrase(self, list_id: str, code: str, query: dict[str, frozenset[str]]) -> bool:
        """Does one of the node's multi-word titles or keywords appear whole in the query?
        (A node sharing fewer than two of its phrases' words with the query has none: most hits
        are told so by one set intersection per language.)"""
        key = (list_id, code)
        by_lang = self._phrase_words.get(key)
        if by_lang is None:
            split: dict[str, tuple[frozenset[str], list[frozenset[str]]]] = {}
            for lg, terms in self.phrases(list_id, code):
                words, found = split.get(lg, (frozenset(), []))
                split[lg] = (words | terms, [*found, terms])
            by_lang = self._phrase_words[key] = tuple(
                (lg, words, tuple(ps)) for lg, (words, ps) in split.items())
        for lg, words, phrases in by_lang:
            q = query[lg]
            if len(words & q) >= 2 and any(terms <= q for terms in phrases):
                return True
        return False


def _best(total: dict[int, float], limit: int) -> list[int]:
    """The ``limit`` documents of highest score, ties in document order: ``heapq.nsmallest(limit,
    total, key=lambda d: (-total[d], d))``, with the key computed only for the documents scoring
    at least the ``limit``-th best score."""
    if len(total) <= limit:
        return sorted(total, key=lambda d: (-total[d], d))
    floor = heapq.nlargest(limit, total.values())[-1]
    return sorted((d for d, v in total.items() if v >= floor),
                  key=lambda d: (-total[d], d))[:limit]


def _add(total: dict[int, float], scores: dict[int, float]) -> None:
    """``total[d] += v`` for every ``d, v`` of ``scores`` (a document not yet in ``total`` starts
    at ``v``, the same float as ``0.0 + v`` for any score but -0.0, which compares equal): the
    dicts are copied and merged by Python's C code, and only the documents both hold are added
    one by one."""
    if not total:
        total.update(scores)
        return
    both = total.keys() & scores.keys()
    if not both:
        total.update(scores)
        return
    merged = dict(scores)
    for d in both:
        merged[d] = total[d] + merged[d]
    total.update(merged)


def _dismax(clauses: list[tuple[dict[int, float], float]]) -> dict[int, float]:
    """One word's score over its fields, as whoosh's ``DisjunctionMaxMatcher`` computes it.

    whoosh visits the documents having the word in any field, in document order, and scores each
    with the best of its fields' *current* postings, without checking that a posting is at this
    document: a field where this document lacks the word lends the score of its next posting (in
    practice the next sub-item of the same entry, as documents follow the catalog's order).
    Rankings were tuned with this behaviour, so it is kept here (docs/search.md).
    """
    lists = [(list(post), list(post.values()), b) for post, b in clauses]
    union = sorted(set().union(*(docs for docs, _, _ in lists)))
    ptrs = [0] * len(lists)
    out: dict[int, float] = {}
    for d in union:
        best = 0.0
        for j, (docs, scores, b) in enumerate(lists):
            i, n = ptrs[j], len(docs)
            while i < n and docs[i] < d:
                i += 1
            ptrs[j] = i
            if i < n and scores[i] * b > best:
                best = scores[i] * b
        out[d] = best
    return out


_lock = threading.Lock()
_open: dict[str, Retriever] = {}


def retriever_key(catalog: Catalog) -> str:
    return f"retrieve-v{INDEX_VERSION}.{FORMAT}-{catalog.checksum[:24]}"


def open_retriever(catalog: Catalog) -> Retriever:
    """The retriever of ``catalog``: from memory, else from its JSON cache in the store
    (``DUALUSE_HOME/index/retrieve-...json``, keyed by the catalog checksum), else built and
    cached (best effort: an unwritable store only costs the build next time)."""
    key = retriever_key(catalog)
    with _lock:
        r = _open.get(key)
        if r is None:
            r = _load_or_build(catalog, key)
            _open.clear()
            _open[key] = r
        return r


def _load_or_build(catalog: Catalog, key: str) -> Retriever:
    path = store.index_dir() / f"{key}.json"
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        return Retriever.from_json(catalog, path.read_bytes())
    r = Retriever.build(catalog)
    with contextlib.suppress(OSError, StoreError):
        path.parent.mkdir(parents=True, exist_ok=True)
        store.atomic_write(path, r.to_json())
        for old in path.parent.glob("retrieve-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    return r


def clear_caches() -> None:
    with _lock:
        _open.clear()
