"""One analysed invoice line, computed once and read by every stage (retrieval, the decision, the
licence engine): language, folded words, named figures, CAS numbers, chemical names and the control
codes written in the text.

Before anything is matched the text is normalised against evasion (``normalise``, which is the
licence engine's ``screening_text.clean``): Unicode NFKC, zero-width and other format characters
removed, Cyrillic and Greek letters that look Latin folded to Latin, words spelled out letter by
letter ("t h e r m a l") joined, and digits standing for letters ("th3rmal") read as letters when
the result is a word of the lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from dualuse import textproc
from dualuse.criteria.implied import implied_figures
from dualuse.criteria.reader import Figure, read_figures

__all__ = ["Line", "analyse", "normalise"]

MAX_TEXT = 20_000


def normalise(text: str, known: Callable[[str], bool] | None = None) -> str:
    """The line as matching sees it: ``screening_text.clean`` (NFKC, format characters, look-alike
    letters, spaced-out letters, and digit-for-letter spellings that give a word ``known`` knows),
    with runs of white space made one space; idempotent.

    >>> normalise("t h e r m a l  c\u200bamera, \u0406R")
    'thermal camera, IR'
    """
    from dualuse.screening_text import clean

    t = " ".join(clean(text[:MAX_TEXT], known).split())
    return " ".join(clean(t, known).split())


def _knows(vocab: Mapping[str, frozenset[str]]) -> Callable[[str], bool]:
    en, fr = vocab.get("en", frozenset()), vocab.get("fr", frozenset())
    return lambda word: word in en or word in fr


# control codes written in a line: compact (6A003.b.4, 1C350.24), Wassenaar's dotted form
# (6.A.3.b.4.) and Munitions List codes (ML8, ML13.d.1); "500 ml" is no ML code
_CODE = re.compile(
    r"(?<![\w.])(?:\d[A-Ea-e]\d{3}(?:\.[a-z0-9]{1,3})*"
    r"|\d\.[A-E]\.\d{1,3}\.(?:[a-z0-9]{1,3}\.)*"
    r"|ML ?\d{1,2}(?:\.[a-z0-9]{1,2})*)(?![\w])")


def codes_in_text(text: str) -> list[str]:
    """Control codes written in ``text``, as written (spaces dropped), once each.

    >>> codes_in_text("classified 6A003.b.4 per exporter; see also ML 8, 6.A.3.b.4.")
    ['6A003.b.4', 'ML8', '6.A.3.b.4.']
    """
    return list(dict.fromkeys(m.group(0).replace(" ", "") for m in _CODE.finditer(text)))


@dataclass(frozen=True, slots=True)
class Line:
    """An invoice line as every stage reads it."""

    text: str                      # as given
    normal: str                    # normalised against evasion (``normalise``)
    folded: str                    # lower case, accents removed
    lang: str                      # 'en' | 'fr' | 'unknown'
    words: tuple[str, ...]         # folded words, in order
    figures: tuple[Figure, ...]    # figures with their named quantities, then the unnamed
                                   # figures that kind words imply ("thermal camera": ~10 µm)
    cas: tuple[str, ...]           # valid CAS numbers written in the line
    chemicals: tuple[str, ...]     # chemical names of the chemicals table found whole
    codes: tuple[str, ...]         # control codes written in the text (compact form)

    def has_phrase(self, phrase: str) -> bool:
        """Is ``phrase`` (folded, lower case) in the line as whole words (plural allowed)?"""
        pattern = _phrase_pattern(phrase)
        return pattern is not None and pattern.search(self.folded) is not None


@lru_cache(maxsize=8192)
def _phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """The compiled pattern of ``Line.has_phrase`` (release notes' phrases recur on every line)."""
    p = textproc.fold(phrase).strip()
    return re.compile(rf"(?<![a-z0-9]){re.escape(p)}(?:s|x|es)?(?![a-z0-9])") if p else None


def analyse(text: str, lang: str | None = None, *,
            vocabulary: Callable[[], Mapping[str, frozenset[str]]] | None = None) -> Line:
    """Analyse ``text`` once. ``lang`` ('en' / 'fr') is detected when not given ('unknown' when
    the text has no word to tell). ``vocabulary`` (folded words of the lists, by language) lets
    digit-for-letter spellings be read back into the words it knows."""
    from dualuse import chemicals
    from dualuse.codes import cas as cas_codes
    from dualuse.codes import control

    text = text if isinstance(text, str) else ""
    known = None
    if vocabulary is not None:
        vocab = vocabulary()
        known = _knows(vocab)
    normal = normalise(text, known)
    folded = textproc.fold(normal)
    words = tuple(textproc.words(normal, min_len=1))
    if lang not in ("en", "fr"):
        lang = textproc.detect_language(normal, vocabulary) if any(
            len(w) >= 2 for w in words) else "unknown"
        if lang not in ("en", "fr"):
            lang = "unknown"
    codes: list[str] = []
    for written in codes_in_text(normal):
        if control.is_valid(written):
            code = control.normalise(written)
            if code not in codes:
                codes.append(code)
    names = tuple(name for name, _ in chemicals.find_names(normal)) if normal else ()
    return Line(text=text, normal=normal, folded=folded, lang=lang, words=words,
                figures=read_figures(normal, lang) + implied_figures(normal),
                cas=tuple(cas_codes.find_in_text(normal)),
                chemicals=names, codes=tuple(codes))
