"""Wording for the officer: country names with their French article, legal citations in French,
HS codes written with their dot, and text from input made safe for the terminal.

>>> towards("CN", "fr"), towards("JP", "fr"), towards("US", "fr"), towards("FR", "en")
('vers la Chine', 'vers le Japon', 'vers les États-Unis', 'to France')
>>> citation("Regulation (EU) 2021/821", "Art. 3(1)", "fr")
'Règlement (UE) 2021/821, article 3, paragraphe 1'
>>> legal_fr("Council Regulation (EU) No 833/2014, Art. 4(1)(b)")
'Règlement (UE) nº 833/2014 du Conseil, article 4, paragraphe 1, point b)'
>>> hs_code("852589"), hs_code("85423100")
('8525.89', '8542.31.00')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# ISO code -> (English name, French name with its article); the article gives "vers la Chine",
# "depuis l'Allemagne", "vers les États-Unis". Codes not here print as the ISO code.
COUNTRIES: dict[str, tuple[str, str]] = {
    "AE": ("the United Arab Emirates", "les Émirats arabes unis"), "AF": ("Afghanistan",
                                                                       "l'Afghanistan"),
    "AT": ("Austria", "l'Autriche"), "AU": ("Australia", "l'Australie"),
    "BE": ("Belgium", "la Belgique"), "BG": ("Bulgaria", "la Bulgarie"),
    "BR": ("Brazil", "le Brésil"), "BY": ("Belarus", "la Biélorussie"),
    "CA": ("Canada", "le Canada"), "CH": ("Switzerland", "la Suisse"),
    "CN": ("China", "la Chine"), "CY": ("Cyprus", "Chypre"), "CZ": ("Czechia", "la Tchéquie"),
    "DE": ("Germany", "l'Allemagne"), "DK": ("Denmark", "le Danemark"),
    "EE": ("Estonia", "l'Estonie"), "EG": ("Egypt", "l'Égypte"), "ES": ("Spain", "l'Espagne"),
    "FI": ("Finland", "la Finlande"), "FR": ("France", "la France"),
    "GB": ("the United Kingdom", "le Royaume-Uni"), "GR": ("Greece", "la Grèce"),
    "HK": ("Hong Kong", "Hong Kong"), "HR": ("Croatia", "la Croatie"),
    "HU": ("Hungary", "la Hongrie"), "IE": ("Ireland", "l'Irlande"), "IL": ("Israel", "Israël"),
    "IN": ("India", "l'Inde"), "IQ": ("Iraq", "l'Irak"), "IR": ("Iran", "l'Iran"),
    "IT": ("Italy", "l'Italie"), "JP": ("Japan", "le Japon"),
    "KP": ("North Korea", "la Corée du Nord"), "KR": ("South Korea", "la Corée du Sud"),
    "KZ": ("Kazakhstan", "le Kazakhstan"), "LT": ("Lithuania", "la Lituanie"),
    "LU": ("Luxembourg", "le Luxembourg"), "LV": ("Latvia", "la Lettonie"),
    "LY": ("Libya", "la Libye"), "MA": ("Morocco", "le Maroc"), "MT": ("Malta", "Malte"),
    "MX": ("Mexico", "le Mexique"), "MM": ("Myanmar", "la Birmanie"),
    "NL": ("the Netherlands", "les Pays-Bas"), "NO": ("Norway", "la Norvège"),
    "NZ": ("New Zealand", "la Nouvelle-Zélande"), "PK": ("Pakistan", "le Pakistan"),
    "PL": ("Poland", "la Pologne"), "PT": ("Portugal", "le Portugal"),
    "RO": ("Romania", "la Roumanie"), "RU": ("Russia", "la Russie"),
    "SA": ("Saudi Arabia", "l'Arabie saoudite"), "SE": ("Sweden", "la Suède"),
    "SG": ("Singapore", "Singapour"), "SI": ("Slovenia", "la Slovénie"),
    "SK": ("Slovakia", "la Slovaquie"), "SY": ("Syria", "la Syrie"),
    "TR": ("Türkiye", "la Turquie"), "TW": ("Taiwan", "Taïwan"),
    "UA": ("Ukraine", "l'Ukraine"), "US": ("the United States", "les États-Unis"),
    "VE": ("Venezuela", "le Venezuela"), "VN": ("Viet Nam", "le Viêt Nam"),
    "ZA": ("South Africa", "l'Afrique du Sud"),
}


def country(iso: str | None, lang: str) -> str:
    """The country's name with its article in French ("la Chine"), bare in English."""
    if not iso:
        return "?"
    names = COUNTRIES.get(iso.upper())
    if names is None:
        return iso
    return names[1] if lang == "fr" else names[0]


def towards(iso: str | None, lang: str) -> str:
    """"vers la Chine" / "to China"."""
    return ("vers " if lang == "fr" else "to ") + country(iso, lang)


def from_(iso: str | None, lang: str) -> str:
    """"depuis la France" / "from France"."""
    return ("depuis " if lang == "fr" else "from ") + country(iso, lang)


_ACT = ((re.compile(r"\bCouncil Regulation \(EU\) No (\d+/\d+)"),
         r"Règlement (UE) nº \1 du Conseil"),
        (re.compile(r"\bCouncil Regulation \(EU\) (\d+/\d+)"),
         r"Règlement (UE) \1 du Conseil"),
        (re.compile(r"\bCouncil Decision"), "Décision du Conseil"),
        (re.compile(r"\bRegulation \(EU\) No"), "Règlement (UE) nº"),
        (re.compile(r"\bRegulation \(EU\)"), "Règlement (UE)"),
        (re.compile(r"\bRegulation \(EC\) No"), "Règlement (CE) nº"),
        (re.compile(r"\bCommon Position"), "Position commune"),
        (re.compile(r"\b(Directive \d{4}/\d+)/EC\b"), r"\1/CE"),
        (re.compile(r"\bas replaced by\b"), "tel que remplacé par"),
        (re.compile(r"\binserted by\b"), "inséré par"),
        (re.compile(r"\bre-applied by\b"), "réappliqué par"),
        (re.compile(r"\bCertificate code\b"), "Code de certificat"),
        (re.compile(r"\bArms embargoes referred to in\b"), "Embargos sur les armes visés à"),
        (re.compile(r"\bof Regulation\b"), "du Règlement"),
        (re.compile(r"\band\b"), "et"), (re.compile(r"\bwith\b"), "avec"),
        (re.compile(r"\bPart\b"), "partie"))
_ARTICLE = re.compile(r"\bArt(?:icle|\.)\s*(\d+[a-z]?)((?:\(\d+\))?)((?:\([a-z]\))?)")


def _article_fr(m: re.Match[str]) -> str:
    out = f"article {m.group(1)}"
    if m.group(2):
        out += f", paragraphe {m.group(2)[1:-1]}"
    if m.group(3):
        out += f", point {m.group(3)[1:-1]})"
    return out


def legal_fr(text: str) -> str:
    """An English citation in French words ("Art. 4(1)(b)" -> "article 4, paragraphe 1,
    point b)"); the numbers and annexes are kept as written."""
    for pattern, repl in _ACT:
        text = pattern.sub(repl, text)
    text = text.replace("Annex", "annexe")
    return _ARTICLE.sub(_article_fr, text)


_ART_IN_TEXT = re.compile(r"\bart\.\s*(\d+[a-z]?)((?:\(\d+\))?)((?:\([a-z]\))?)")


def articles_fr(text: str) -> str:
    """In French prose, "(art. 11(1))" -> "(article 11, paragraphe 1)"."""
    return _ART_IN_TEXT.sub(_article_fr, text)


def citation(act: str, article: str, lang: str) -> str:
    joined = f"{act}, {article}" if article else act
    return legal_fr(joined) if lang == "fr" else joined


_EDITION_FR = ((re.compile(r"\(knowledge base, "), "(base de connaissances, "),
               (re.compile(r"\(official, "), "(officielle, "),
               (re.compile(r"^rules "), "règles "), (re.compile(r"\(checked "), "(vérifiées le "),
               (re.compile(r"^chemicals table "), "table des produits chimiques "))


def editions(items: Iterable[str], lang: str) -> str:
    """The editions used, joined, in the reader's language."""
    out = []
    for e in items:
        if lang == "fr":
            for pattern, repl in _EDITION_FR:
                e = pattern.sub(repl, e)
        out.append(e)
    return "; ".join(out)


def hs_code(code: str | None) -> str:
    """``852589`` -> ``8525.89``; a CN/TARIC line keeps its further digits in pairs."""
    if not code:
        return ""
    digits = "".join(ch for ch in code if ch.isdigit())
    if len(digits) != len(code.replace(".", "").replace(" ", "")) or len(digits) <= 4:
        return code
    parts = [digits[:4]] + [digits[i:i + 2] for i in range(4, len(digits), 2)]
    return ".".join(parts)


_CONTROL = dict.fromkeys(range(32), " ") | {0x7F: " "}


def clean(text: object) -> str:
    """Text from input or data, safe to print: control characters (escape sequences, OSC 8
    hidden links, carriage returns, bidi overrides) become spaces or are dropped."""
    s = str(text).translate(_CONTROL)
    return "".join(ch for ch in s
                   if unicodedata.category(ch) not in ("Cc", "Cf", "Co", "Cs")
                   or ch in "\u200d")  # keep the zero-width joiner of some scripts
