"""The whoosh analysers (a module of their own: whoosh pickles them into the index schema, and
importing whoosh costs ~60 ms, which only search and classification should pay)."""

from __future__ import annotations

from functools import cache
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
