"""Invoice text as a screener must read it: evasion undone, and "can we read this at all?".

``clean`` undoes the tricks that make a listed item's description miss every word of the lists:
compatibility forms (NFKC: full-width letters, ligatures), zero-width and other format characters,
letters borrowed from other scripts that look like Latin ones (Cyrillic a, Greek o), words
spelled out letter by letter ("t h e r m a l") and digits standing for letters ("th3rmal") where
the result is a word we know. ``readable`` tells whether a line is in a language the library reads
(English or French): a line it cannot read is held for review, never released.

>>> clean("the\u200brmal ca\u200bmera")
'thermal camera'
>>> clean("th\u0435rmal c\u0430mera")   # Cyrillic e and a
'thermal camera'
>>> clean("T H E R M A L camera 640 x 512")
'THERMAL camera 640 x 512'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from functools import lru_cache

__all__ = ["clean", "foreign_script", "readable"]

# Letters of other scripts that render like Latin letters (the usual Unicode confusables), by
# code point: Cyrillic, then Greek.
_CONFUSABLES: dict[int, str] = {
    0x0430: 'a', 0x0432: 'b', 0x0435: 'e', 0x0451: 'e', 0x043A: 'k', 0x043C: 'm', 0x043D: 'h',
    0x043E: 'o', 0x0440: 'p', 0x0441: 'c', 0x0442: 't', 0x0443: 'y', 0x0445: 'x', 0x0455: 's',
    0x0456: 'i', 0x0457: 'i', 0x0458: 'j', 0x04BB: 'h', 0x0501: 'd', 0x051B: 'q', 0x051D: 'w',
    0x0410: 'A', 0x0412: 'B', 0x0415: 'E', 0x041A: 'K', 0x041C: 'M', 0x041D: 'H', 0x041E: 'O',
    0x0420: 'P', 0x0421: 'C', 0x0422: 'T', 0x0423: 'Y', 0x0425: 'X', 0x0405: 'S', 0x0406: 'I',
    0x0408: 'J',
    0x03B1: 'a', 0x03BF: 'o', 0x03C1: 'p', 0x03BD: 'v', 0x03C4: 't', 0x03BA: 'k', 0x03B9: 'i',
    0x03C5: 'u', 0x03B5: 'e', 0x0391: 'A', 0x0392: 'B', 0x0395: 'E', 0x0396: 'Z', 0x0397: 'H',
    0x0399: 'I', 0x039A: 'K', 0x039C: 'M', 0x039D: 'N', 0x039F: 'O', 0x03A1: 'P', 0x03A4: 'T',
    0x03A5: 'Y', 0x03A7: 'X',
}
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s"})
_SPACED = re.compile(r"(?<![\w])((?:[^\W\d_][ .·_-]){3,}[^\W\d_])(?![\w])")
_MIXED = re.compile(r"\b(?=\w*[^\W\d_])(?=\w*[0-9])[\w@$]{4,}\b")
_LATIN = re.compile(r"[A-Za-zÀ-ÿœŒæÆ]")
_CAPITAL_MU = re.compile(r"(?<=\d)(\s?)\u039c(?=[A-Za-z])")


def _is_format(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Cc") and ch not in "\t\n\r"


@lru_cache(maxsize=4096)
def _fold_word(word: str) -> str:
    """Fold look-alike letters of a word that also has Latin letters, or that is all look-alikes."""
    folded = word.translate(_CONFUSABLES)
    if folded == word:
        return word
    # a genuinely Cyrillic or Greek word (more than look-alikes) stays as it is
    rest = [ch for ch in folded if ch.isalpha() and not _LATIN.match(ch)]
    return word if rest else folded


def clean(text: str, known: Callable[[str], bool] | None = None) -> str:
    """Undo evasion tricks (see the module docstring). ``known(word)`` says whether a folded word
    is one we know, for digit-for-letter spellings (skipped without it)."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if ch in "\t\n\r" else ch for ch in text if not _is_format(ch))
    # an upper-cased micro sign is a Greek capital mu (U+039C): after a number and before a
    # unit letter it stays the micro prefix, never the look-alike Latin M ("3 µm" is not 3 mm)
    text = _CAPITAL_MU.sub(lambda m: m[1] + "\u03bc", text)
    text = re.sub(r"\w+", lambda m: _fold_word(m.group(0)), text)
    text = _SPACED.sub(lambda m: re.sub(r"[ .·_-]", "", m.group(1)), text)
    if known is not None:
        def leet(m: re.Match[str]) -> str:
            word = m.group(0)
            plain = word.translate(_LEET)
            return plain if plain.isalpha() and known(plain.lower()) else word
        text = _MIXED.sub(leet, text)
    return text


# Greek letters that are unit symbols on an invoice: µ (NFKC turns the micro sign into Greek mu,
# "12 µm") and Ω (ohm)
_UNIT_LETTERS = frozenset("\u03bc\u03a9")


def foreign_script(text: str) -> bool:
    """Letters of a script other than Latin (Cyrillic, Greek, CJK, Arabic...) after cleaning;
    the unit symbols µ and Ω are not."""
    return any(ch.isalpha() and ch not in _UNIT_LETTERS and not _LATIN.match(ch)
               and not unicodedata.combining(ch)
               and unicodedata.name(ch, "LATIN").split()[0] != "LATIN" for ch in text)


# letters that English and French do not use: a line that has them is in another language
_NOT_EN_FR = re.compile(r"[ßñãõåøäöąćęłńśźżčďěňřšťůžőűğş¿¡]")
# function words of the languages invoices at EU borders come in besides English and French
_OTHER_WORDS = frozenset([  # words that are not also English or French words
    "und", "mit", "für", "der", "das", "oder", "ohne", "bei", "nicht", "von", "zur", "zum",
    "eine", "para", "los", "las", "una", "unos", "por", "della", "delle", "degli", "nel",
    "senza", "voor", "het", "een", "zonder", "och", "för", "utan", "dla", "bez", "oraz",
])
_EN_FR_WORDS = frozenset([
    "the", "of", "for", "with", "and", "or", "to", "in", "on", "by", "from", "at", "as", "is",
    "are", "not", "no", "than", "per", "without", "including", "le", "la", "les", "un", "une",
    "des", "du", "de", "au", "aux", "avec", "pour", "par", "sur", "sous", "dans", "en", "et",
    "ou", "sans",
])
_WORDS = re.compile(r"[^\W\d_]{3,}")
UNREADABLE_SHARE = 0.2


def readable(text: str, lexicon: Collection[str], fold: Callable[[str], str]) -> bool:
    """Is ``text`` (cleaned) English or French enough to be screened? False for another script,
    letters English and French do not use, or a line of three words or more of which fewer than a
    third are words we know (``lexicon``: folded words)."""
    if foreign_script(text) or _NOT_EN_FR.search(text.lower()):
        return False
    small = {w.lower() for w in re.findall(r"[^\W\d_]+", text)}
    if small & _OTHER_WORDS and not small & _EN_FR_WORDS:
        return False
    words = [fold(w) for w in _WORDS.findall(text)]
    if not words:
        return True   # figures and codes only: nothing to misread
    known = sum(w in lexicon or w in _EN_FR_WORDS for w in words)
    if len(words) < 3:
        return known > 0
    return known / len(words) >= UNREADABLE_SHARE
