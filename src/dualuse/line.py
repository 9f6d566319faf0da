"""One analysed invoice line, computed once and read by every stage (retrieval, the decision, the
licence engine): language, folded words, named figures, CAS numbers, chemical names and the control
codes written in the text.

Before anything is matched the text is normalised against evasion (``normalise``): Unicode NFKC,
zero-width and other format characters removed, Cyrillic and Greek letters that look Latin folded
to Latin inside words that are written in Latin, words spelled out letter by letter
("t h e r m a l") joined, and digits standing for letters ("th3rmal", "l4ser") read as letters
when the word is otherwise letters. Each step is idempotent, so ``normalise`` is too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from dualuse import textproc
from dualuse.criteria.reader import Figure, read_figures

__all__ = ["Line", "analyse", "normalise"]

MAX_TEXT = 20_000

# letters that look Latin (Cyrillic and Greek), folded only inside words that also have Latin
# letters: a Russian or Greek word written in its own script stays as it is
_CONFUSABLES = str.maketrans(
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0423\u0425"
    "\u0406\u0408\u0405\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458"
    "\u0455\u0501\u04bb\u051b\u051d\u0261\u0391\u0392\u0395\u0396\u0397\u0399"
    "\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7\u03bf\u03b9\u03bd\u03c1"
    "\u03ba\u03c4\u03c7\u03b1",
    "ABEKMHOPCTYXIJSaeopcyxijsdhqwgABEZHIKMNOPTYXoivpktxa")
_CONFUSABLE_CHARS = frozenset(chr(k) for k in _CONFUSABLES)
_LATIN = re.compile(r"[A-Za-z]")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# "t h e r m a l", "l.a.s.e.r", "l-a-s-e-r": four or more single letters, one separator kind
_SPACED = re.compile(r"(?<![^\W\d_])((?:[^\W\d_][ .\-_]){3,}[^\W\d_])(?![^\W\d_])", re.UNICODE)
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s"})
_LEET_WORD = re.compile(r"(?<![\w@$])([A-Za-z][A-Za-z0-9@$]*[A-Za-z])(?![\w@$])")


def _drop_format(text: str) -> str:
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def _fold_confusables(text: str) -> str:
    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if _LATIN.search(w) and any(ch in _CONFUSABLE_CHARS for ch in w):
            return w.translate(_CONFUSABLES)
        return w

    return _TOKEN.sub(word, text)


def _join_spaced(text: str) -> str:
    def joined(m: re.Match[str]) -> str:
        s = m.group(1)
        seps = {s[i] for i in range(1, len(s), 2)}
        if len(seps) != 1:
            return s
        return s[::2]

    return _SPACED.sub(joined, text)


def _unleet(text: str) -> str:
    """"th3rmal" -> "thermal": only in words mostly of letters, that start and end with a letter
    and have no two digits in a row (model numbers such as "XC7K325T" or "A655sc" stay)."""
    def word(m: re.Match[str]) -> str:
        w = m.group(1)
        digits = sum(not ch.isalpha() for ch in w)
        letters = len(w) - digits
        if not digits or len(w) < 5 or letters < 3 * digits or re.search(r"[^A-Za-z]{2}", w) \
                or re.search(r"[^A-Za-z013457@$]", w):
            return w
        if any(ch.isupper() for ch in w[1:]) and any(ch.islower() for ch in w):
            return w  # mixed case with digits: a part number ("Ax7Sc") is likelier than a word
        return w.translate(_LEET)

    return _LEET_WORD.sub(word, text)


def normalise(text: str) -> str:
    """The line as matching sees it (see the module docstring); idempotent.

    >>> normalise("t h e r m a l  c\u200bamera, th3rmal \u0406R")
    'thermal camera, thermal IR'
    """
    t = unicodedata.normalize("NFKC", text[:MAX_TEXT])
    t = " ".join(_drop_format(t).split())
    t = _fold_confusables(t)
    t = _fold_confusables(_join_spaced(t))
    t = _unleet(t)
    t = " ".join(t.split())
    return unicodedata.normalize("NFKC", t)


_CODE = re.compile(r"(?<![\w.])(?:\d[A-Ea-e]\d{3}(?:\.[a-z0-9]{1,3})*|ML\s?\d{1,2}(?:\.[a-z])*)"
                   r"(?![\w])")


@dataclass(frozen=True, slots=True)
class Line:
    """An invoice line as every stage reads it."""

    text: str                      # as given
    normal: str                    # normalised against evasion (``normalise``)
    folded: str                    # lower case, accents removed
    lang: str                      # 'en' | 'fr' | 'unknown'
    words: tuple[str, ...]         # folded words, in order
    figures: tuple[Figure, ...]    # figures with their named quantities
    cas: tuple[str, ...]           # valid CAS numbers written in the line
    chemicals: tuple[str, ...]     # chemical names of the chemicals table found whole
    codes: tuple[str, ...]         # control codes written in the text (compact form)

    def has_phrase(self, phrase: str) -> bool:
        """Is ``phrase`` (folded, lower case) in the line as whole words (plural allowed)?"""
        p = textproc.fold(phrase).strip()
        return bool(p) and re.search(rf"(?<![a-z0-9]){re.escape(p)}(?:s|x|es)?(?![a-z0-9])",
                                     self.folded) is not None


def analyse(text: str, lang: str | None = None, *,
            vocabulary: Callable[[], Mapping[str, frozenset[str]]] | None = None) -> Line:
    """Analyse ``text`` once. ``lang`` ('en' / 'fr') is detected when not given ('unknown' when
    the text has no word to tell)."""
    from dualuse import chemicals
    from dualuse.codes import cas as cas_codes
    from dualuse.codes import control

    text = text if isinstance(text, str) else ""
    normal = normalise(text)
    folded = textproc.fold(normal)
    words = tuple(textproc.words(normal, min_len=1))
    if lang not in ("en", "fr"):
        lang = textproc.detect_language(normal, vocabulary) if any(
            len(w) >= 2 for w in words) else "unknown"
        if lang not in ("en", "fr"):
            lang = "unknown"
    codes: list[str] = []
    for m in _CODE.finditer(normal):
        if control.is_valid(m.group(0)):
            code = control.normalise(m.group(0))
            if code not in codes:
                codes.append(code)
    names = tuple(name for name, _ in chemicals.find_names(normal)) if normal else ()
    return Line(text=text, normal=normal, folded=folded, lang=lang, words=words,
                figures=read_figures(normal, lang), cas=tuple(cas_codes.find_in_text(normal)),
                chemicals=names, codes=tuple(codes))
