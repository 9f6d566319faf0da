"""The whoosh analysers (a module of their own: whoosh pickles them into the index schema, and
importing whoosh costs ~60 ms, which only search and classification should pay)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from whoosh.analysis import (  # type: ignore[import-untyped]
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language  # type: ignore[import-untyped]
from whoosh.support.charset import accent_map  # type: ignore[import-untyped]

from dualuse.textproc import NUMBERISH, fold, spelling


class SpellingFilter(Filter):  # type: ignore[misc]
    """Normalise British/US spellings; drop bare numbers (quantities go to parameters.py)."""

    def __call__(self, tokens: Any) -> Any:
        for t in tokens:
            if NUMBERISH.match(t.text):
                continue
            t.text = spelling(t.text)
            yield t


@cache
def analyzer(lang: str) -> Analyzer:
    """Tokenise, lowercase, fold accents, drop stop words, normalise spellings, stem (Snowball)."""
    stop = frozenset(stopwords_for_language(lang))
    stop |= frozenset(fold(w) for w in stop)
    return (RegexTokenizer(r"[^\W_]+(?:\.\d+)?") | LowercaseFilter() | CharsetFilter(accent_map)
            | StopFilter(stoplist=stop, minsize=2) | SpellingFilter()
            | StemFilter(lang=lang, cachesize=50_000))


@cache
def term_fn(lang: str) -> Callable[[str], str | None]:
    """``analyzer(lang)``'s filters applied to one word of its tokeniser (``None``: dropped), each
    word worked out once: the filters see one token at a time, so a text's terms are its words'
    terms. Read from the analyser's own filters, so both always agree (tests/test_analysis.py)."""
    _, _, charset, stop, _, stem = analyzer(lang).items
    charmap, stops, minsize, maxsize = charset.charmap, stop.stops, stop.min, stop.max
    stemfn, ignore = stem._stem, stem.ignore

    @lru_cache(maxsize=200_000)
    def term(word: str) -> str | None:
        text = word.lower().translate(charmap)
        if len(text) < minsize or (maxsize is not None and len(text) > maxsize) \
                or text in stops or NUMBERISH.match(text):
            return None
        text = spelling(text)
        return text if text in ignore else str(stemfn(text))

    return term


@cache
def token_pattern(lang: str) -> Any:
    """The compiled pattern of ``analyzer(lang)``'s tokeniser."""
    return analyzer(lang).items[0].expression
