"""Full-text index of the control lists, behind a small ``SearchIndex`` interface.

One document per entry and sub-item (categories, groups and "not used" entries are left out), with
our titles and keywords in English and French, the official wording and its notes when imported,
and the HS codes and CAS numbers. The whoosh backend (``whoosh-reloaded``, see
docs/dependencies.md) is built from the catalog on first use and cached on disk under
``DUALUSE_HOME/index/<checksum>``: built in a temporary directory and renamed into place, never
modified afterwards, so concurrent readers are safe; its files are proven ours (HMAC manifest)
before whoosh reads them (``dualuse.indexstore``). If the store is not writable the index is
built in memory. Whoosh types never leave this module.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict

from dualuse import store, textproc
from dualuse.catalog import Catalog, open_catalog
from dualuse.codes import control
from dualuse.errors import InputError
from dualuse.model import Node

INDEX_VERSION = "5"  # bump when the schema or the analysers change
MAX_QUERY_CHARS = 2000

# Field -> (language of its analyser, boost). Tuned on the development set (docs/search.md).
FIELDS: dict[str, tuple[str, float]] = {
    "title_en": ("en", 3.0),
    "kw_en": ("en", 2.5),
    "text_en": ("en", 0.4),
    "title_fr": ("fr", 3.0),
    "kw_fr": ("fr", 2.5),
}
# How much the other language's fields count (technical words and acronyms cross languages).
CROSS_LANGUAGE = 0.35
DISMAX_TIEBREAK = 0.3


@dataclass(frozen=True)
class RawHit:
    code: str
    list_id: str
    score: float
    matched: dict[str, frozenset[str]] = field(default_factory=dict)


class SearchIndex(Protocol):
    """What the classifier needs from a full-text backend."""

    def query(self, clauses: Sequence[tuple[str, str, float]], *, limit: int) -> list[RawHit]:
        """OR of (field, analysed term, boost) clauses; best ``limit`` hits, BM25F-scored."""
        ...


def documents(catalog: Catalog) -> Iterator[dict[str, str]]:
    """Index documents for every searchable node."""
    for list_id, lv in catalog.lists.items():
        for node in lv.nodes.values():
            if node.kind not in ("entry", "sub-item") or node.not_used_since:
                continue
            holders = catalog.lists_with(control.entry_level(node.code))
            if holders and holders[0] != list_id:
                continue  # an entry two lists hold is indexed once, under the first (Wassenaar)
            wording = _wording(catalog, list_id, node)
            remarks_en = [r.text for r in node.remarks if r.lang == "en" and r.type == "info"]
            remarks_fr = [r.text for r in node.remarks if r.lang == "fr" and r.type == "info"]
            yield {
                "code": node.code,
                "list": list_id,
                "entry": control.entry_level(node.code),
                "title_en": node.title.en or "",
                "title_fr": node.title.fr or "",
                "kw_en": " ; ".join([*node.keywords.en, *remarks_en]),
                "kw_fr": " ; ".join([*node.keywords.fr, *remarks_fr]),
                "text_en": wording,
                "grams": " ".join(grams(" ".join([node.title.en or "", node.title.fr or "",
                                                  *node.keywords.en, *node.keywords.fr]))),
                "hs": ",".join(h.code for h in node.hs),
                "cas": ",".join(node.cas),
            }


def _wording(catalog: Catalog, list_id: str, node: Node) -> str:
    """The official text of a node and its notes (decontrols aside); when its own list has none
    (the Wassenaar text not imported), the wording another list gives the same code."""
    for lid in (list_id, *catalog.lists_with(node.code)):
        lv = catalog.lists[lid]
        same = lv.nodes.get(node.code)
        if same is None:
            continue
        notes = [c for c in lv.children(same.code) if c.is_note and not c.decontrol and c.text]
        text = "\n".join([same.text or "", *(n.text or "" for n in notes)]).strip()
        if text:
            return text
    return ""


GRAM = 4
GRAM_MIN_WORD = 6  # shorter unknown words are too ambiguous to match by pieces
GRAM_BOOST = 3.0   # the weight of an unknown word, shared among its pieces
_WORDS = re.compile(r"[a-z]+")


def grams(text: str) -> list[str]:
    """Character 4-grams of the words (accent-folded), deduplicated: "hexarotor" -> hexa, exar..."""
    out: dict[str, None] = {}
    for w in _WORDS.findall(textproc.fold(text)):
        if len(w) >= GRAM:
            for i in range(len(w) - GRAM + 1):
                out.setdefault(w[i:i + GRAM], None)
    return list(out)


class WhooshIndex:
    """The whoosh implementation of ``SearchIndex``."""

    def __init__(self, ix: Any):
        from whoosh import scoring  # type: ignore[import-untyped]

        self._ix = ix
        self._searcher = ix.searcher(weighting=scoring.BM25F(
            B=0.75, K1=1.2, kw_en_B=0.3, kw_fr_B=0.3, title_en_B=0.5, title_fr_B=0.5))
        self._lock = threading.Lock()

    @staticmethod
    def schema() -> Any:
        from whoosh.fields import ID, KEYWORD, TEXT, Schema  # type: ignore[import-untyped]

        text = {name: TEXT(analyzer=textproc.analyzer(lang), phrase=False)
                for name, (lang, _) in FIELDS.items()}
        return Schema(code=ID(stored=True), list=ID(stored=True), entry=ID(stored=True),
                      grams=KEYWORD(lowercase=False, scorable=True),
                      hs=KEYWORD(commas=True, stored=True), cas=KEYWORD(commas=True, stored=True),
                      **text)

    @classmethod
    def build(cls, catalog: Catalog, storage: Any,
              progress: Callable[[int, int], None] | None = None) -> Any:
        docs = list(documents(catalog))
        ix = storage.create_index(cls.schema())
        writer = ix.writer(limitmb=128)
        for i, doc in enumerate(docs):
            writer.add_document(**{k: v for k, v in doc.items() if v})
            if progress and i % 200 == 0:
                progress(i, len(docs))
        writer.commit()
        if progress:
            progress(len(docs), len(docs))
        return ix

    def query(self, clauses: Sequence[tuple[str, str, float]], *, limit: int) -> list[RawHit]:
        from whoosh.query import DisjunctionMax, Or, Term  # type: ignore[import-untyped]

        if not clauses:
            return []
        # one DisMax per word over the fields: a word counts once, by its best field (plus a small
        # tie-break), so a node scores by how many of the query's words it has, not by repeating one
        by_term: dict[str, list[Any]] = {}
        for f, t, b in clauses:
            by_term.setdefault(t, []).append(Term(f, t, boost=b))
        q = Or([DisjunctionMax(ts, tiebreak=DISMAX_TIEBREAK) if len(ts) > 1 else ts[0]
                for ts in by_term.values()])
        with self._lock:
            results = self._searcher.search(q, limit=limit, terms=True)
            hits = []
            for hit in results:
                matched: dict[str, set[str]] = {}
                for fname, term in hit.matched_terms():
                    matched.setdefault(fname, set()).add(
                        term.decode() if isinstance(term, bytes) else term)
                hits.append(RawHit(code=hit["code"], list_id=hit["list"], score=hit.score,
                                   matched={k: frozenset(v) for k, v in matched.items()}))
        return hits

    def known(self, word: str) -> bool:
        """Does any language's analysis of ``word`` occur in the titles or keywords?"""
        with self._lock:
            return any(self._searcher.doc_frequency(f"{kind}_{lang}", t) > 0
                       for lang in ("en", "fr") for t in textproc.tokens(word, lang)
                       for kind in ("title", "kw"))

    def gram_clauses(self, text: str) -> list[tuple[str, str, float]]:
        """Unknown long words ("multicoptère", "hexarotor") matched by their 4-grams."""
        out: list[tuple[str, str, float]] = []
        for w in dict.fromkeys(_WORDS.findall(textproc.fold(text))):
            if len(w) < GRAM_MIN_WORD or self.known(w):
                continue
            gs = grams(w)
            out.extend(("grams", g, GRAM_BOOST / len(gs)) for g in gs)
        return out

    def idf(self, field: str, term: str) -> float:
        """Inverse document frequency of ``term`` in ``field`` (rare words weigh more)."""
        with self._lock:
            n = self._searcher.doc_count_all() or 1
            df = self._searcher.doc_frequency(field, term)
        return math.log(1 + n / (1 + df))

    def close(self) -> None:
        self._searcher.close()


def query_clauses(text: str, lang: str) -> list[tuple[str, str, float]]:
    """(field, term, boost) for every field: the query's language weighs fully, the other one
    partly (technical words and acronyms cross languages)."""
    by_lang = {"en": textproc.tokens(text, "en"), "fr": textproc.tokens(text, "fr")}
    return [(fname, term, boost * (1.0 if flang == lang else CROSS_LANGUAGE))
            for fname, (flang, boost) in FIELDS.items() for term in by_lang[flang]]


# --- cache on disk ---------------------------------------------------------------------------
_lock = threading.Lock()
_open: dict[str, WhooshIndex] = {}


def index_key(catalog: Catalog) -> str:
    return f"v{INDEX_VERSION}-{catalog.checksum[:24]}"


def open_index(catalog: Catalog | None = None, *,
               progress: Callable[[int, int], None] | None = None) -> WhooshIndex:
    """The index for ``catalog`` (default: the shared one), built once and cached."""
    cat = catalog or open_catalog()
    key = index_key(cat)
    with _lock:
        idx = _open.get(key)
        if idx is None:
            idx = WhooshIndex(_load_or_build(cat, key, progress))
            _open.clear()
            _open[key] = idx
        return idx


def _load_or_build(cat: Catalog, key: str, progress: Callable[[int, int], None] | None) -> Any:
    from dualuse import indexstore

    return indexstore.load_or_build(
        store.safe_name(key, "index name"),
        lambda storage: WhooshIndex.build(cat, storage, progress))


def clear_caches() -> None:
    with _lock:
        for idx in _open.values():
            idx.close()
        _open.clear()


# --- plain search ----------------------------------------------------------------------------
class Hit(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    list: str
    kind: str
    title: str | None
    score: float
    matched: tuple[str, ...]
    #: the other lists holding this code (an EU x0xx entry found under Wassenaar: the EU list)
    also_in: tuple[str, ...] = ()


def check_query(text: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise InputError("empty query: give a product description or search words", value=text)
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(f"query too long ({len(text)} characters, at most {MAX_QUERY_CHARS})",
                         value=text[:80])
    return text


def search(query: str, *, lang: str | None = None, limit: int = 10,
           catalog: Catalog | None = None) -> list[Hit]:
    """Plain full-text search of the lists (node level, no roll-up, no parameters)."""
    check_query(query)
    cat = catalog or open_catalog()
    lg = lang or textproc.detect_language(query, cat.vocabulary)
    raw = open_index(cat).query(query_clauses(query, lg), limit=limit)
    out = []
    for h in raw:
        node: Node = cat.lists[h.list_id].nodes[h.code]
        out.append(Hit(code=h.code, list=h.list_id, kind=node.kind, title=node.title.get(lg),
                       score=round(h.score, 3),
                       matched=tuple(sorted({t for ts in h.matched.values() for t in ts})),
                       also_in=tuple(i for i in cat.lists_with(h.code) if i != h.list_id)))
    return out
