"""Text analysis shared by indexing and querying: language detection, spelling and compound
normalisation, and the whoosh analysers for English and French.

The same functions run on the lists and on invoice lines, so whatever they do is symmetric:
"micro-bolomètre" and "microbolometre" meet, "analyser" and "analyzer" meet, "l'accéléromètre" and
"accelerometre" meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

_FR_WORDS = frozenset([
    "le", "la", "les", "un", "une", "des", "du", "de", "à", "au", "aux", "avec", "pour",
    "par", "sur", "sous", "dans", "en", "et", "ou", "non", "pas", "est", "sont", "qui", "que",
    "dont", "ce", "cette", "ces", "son", "sa", "ses", "leur", "leurs", "plus", "moins", "très",
    "entre", "vers", "chez", "sans", "selon", "caméra", "capteur", "système", "systèmes",
    "équipement", "équipements", "matériel", "appareil", "appareils", "pièces", "composants",
    "machine", "machines", "fil", "fils", "acier", "alliage", "plaques", "souple", "souples",
    "gilets", "niveau", "fûts", "futs", "bidons", "bidon", "fût", "fut", "anhydre", "acide",
    "liquide", "poudre", "pièce", "pièces", "tubes", "carton", "cartons", "lot", "pour",
])
_EN_WORDS = frozenset([
    "the", "a", "an", "of", "for", "with", "and", "or", "to", "in", "on", "by", "from", "at", "as",
    "is", "are", "not", "no", "than", "into", "onto", "per", "without", "including", "used",
    "using", "use", "system", "systems", "equipment", "camera", "sensor", "device", "devices",
    "parts", "components", "machine", "machines", "wire", "steel", "alloy", "plates", "soft",
    "vests", "level", "high", "low", "type", "drums", "drum", "bags", "bag", "pcs", "units",
    "unit", "kit", "set", "spare", "acid", "anhydrous", "powder", "liquid", "grade", "boxes",
    "box", "carton", "cartons", "pallet", "pallets", "steel", "new", "used",
])
# word endings typical of one language, consulted only when the words above are silent or tied
_FR_ENDINGS = ("ette", "ettes", "ique", "iques", "eur", "eurs", "euse", "euses", "oire", "oires",
               "eaux", "aux", "ée", "ées", "eil", "eille", "ouille", "iere", "ière")
_EN_ENDINGS = ("ing", "ings", "ness", "ship", "less", "ful", "ware", "er", "ers", "ght")
_ACCENTS = re.compile(r"[àâäçéèêëîïôöùûüÿœæ]", re.IGNORECASE)
_WORD = re.compile(r"\b[^\W\d_]+\b", re.UNICODE)  # whole words: the "L" of "L1" is no French "l"
_ELISION = re.compile(r"\b(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_HYPHENATED = re.compile(r"\b(\w+)[-‐‑](\w+)\b")
_SPACES = re.compile(r"\s+")
NUMBERISH = re.compile(r"^[\d.,x]*\d[\d.,x]*$")

# British/US spellings and common variants, applied to lowercase tokens on both sides.
_SPELLING = (
    (re.compile(r"yz"), "ys"),
    (re.compile(r"iz(ation|ing|ed|er|e)$"), r"is\1"),
    (re.compile(r"^(.{3,})(?<!o)our$"), r"\1or"),
    (re.compile(r"^(.{3,})(?<!o)ours$"), r"\1ors"),
    (re.compile(r"(?<=[bt])re(s?)$"), r"er\1"),   # metre, fibre, centre, calibre, litre
    (re.compile(r"sulph"), "sulf"),
    (re.compile(r"^aluminium"), "aluminum"),
    (re.compile(r"^gauge"), "gage"),
    (re.compile(r"^programme"), "program"),
)


def fold(text: str) -> str:
    """Lowercase and strip accents ("Caméra" -> "camera")."""
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def spelling(token: str) -> str:
    for pattern, repl in _SPELLING:
        token = pattern.sub(repl, token)
    return token


def prepare(text: str) -> str:
    """Normalise text before analysis: elisions removed, hyphenated compounds also joined."""
    text = _ELISION.sub(" ", text)
    text = _HYPHENATED.sub(lambda m: f"{m.group(1)} {m.group(2)} {m.group(1)}{m.group(2)}", text)
    return _SPACES.sub(" ", text)


Vocabulary = Mapping[str, frozenset[str]]


def detect_language(text: str, vocabulary: Callable[[], Vocabulary] | None = None) -> str:
    """'fr' or 'en', from accents, elisions and common words. When those are silent or tied (a
    terse invoice line: "chlore liquide, conteneurs"), the words found in only one language of the
    lists (``vocabulary()``: folded words by language, see ``Catalog.vocabulary``; called only
    then) decide; English when still undecided.

    >>> detect_language("Portable GNSS jammer L1/L2/L5"), detect_language("Caméra thermique")
    ('en', 'fr')
    >>> detect_language("Triethanolamine 99 %, 200 L drums"), detect_language("bicyclette")
    ('en', 'fr')
    >>> detect_language("chlore liquide", lambda: {"en": frozenset({"chlorine"}),
    ...                                            "fr": frozenset({"chlore"})})
    'fr'
    """
    words = [w.lower() for w in _WORD.findall(text)]
    fr = sum(w in _FR_WORDS for w in words) + 1.5 * len(_ACCENTS.findall(text)) \
        + 2 * len(_ELISION.findall(text))
    en = sum(w in _EN_WORDS for w in words)
    if fr == en and vocabulary is not None:
        vocab = vocabulary()
        folded = [fold(w) for w in words]
        fr = sum(w in vocab.get("fr", ()) for w in folded)
        en = sum(w in vocab.get("en", ()) for w in folded)
    if fr == en:  # still silent: the words' endings ("bicyclette", "shielding")
        long_words = [w for w in words if len(w) > 4]
        fr = sum(w.endswith(_FR_ENDINGS) for w in long_words)
        en = sum(w.endswith(_EN_ENDINGS) for w in long_words)
    return "fr" if fr > en else "en"


def words(text: str, *, min_len: int = 3) -> list[str]:
    """The folded whole words of ``text`` (letters only, at least ``min_len`` of them)."""
    return [w for w in _WORD.findall(fold(text)) if len(w) >= min_len]


def analyzer(lang: str) -> Any:
    """The whoosh analyser for ``lang`` (see ``dualuse.analysis``)."""
    from dualuse.analysis import analyzer as _analyzer

    return _analyzer(lang)


def tokens(text: str, lang: str) -> list[str]:
    """Analysed terms of ``text`` (deduplicated, in order): the terms of ``analyzer(lang)``, each
    word analysed once per process (``analysis.term_fn``), each text once among the last few
    thousand (a line's words are looked up by the retrieval, the coverage and the phrases)."""
    return list(_tokens(text, lang))


@lru_cache(maxsize=4096)
def _tokens(text: str, lang: str) -> tuple[str, ...]:
    from dualuse.analysis import term_fn, token_pattern

    term = term_fn(lang)
    seen: dict[str, None] = {}
    for word in token_pattern(lang).findall(prepare(text)):
        t = term(word)
        if t is not None:
            seen.setdefault(t, None)
    return tuple(seen)
