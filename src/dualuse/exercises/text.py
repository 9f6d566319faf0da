"""How the exercises speak, in English and in French as a trainer writes it: country names with
their article ("vers le Japon"), decimal commas, French typography (a non-breaking space before
``: ; ? !``), comparisons worded for every comparator ("exceeds", "does not reach", "is at or
below")."""

from __future__ import annotations

import re
from decimal import Decimal

from dualuse.criteria.wording import number_shown, unit_shown

NBSP = "\u00a0"

# ISO alpha-2 -> (English with its article where one is used, French with its article)
COUNTRIES: dict[str, tuple[str, str]] = {
    "US": ("the United States", "les États-Unis"), "JP": ("Japan", "le Japon"),
    "NO": ("Norway", "la Norvège"), "CH": ("Switzerland", "la Suisse"),
    "CA": ("Canada", "le Canada"), "AU": ("Australia", "l'Australie"),
    "NZ": ("New Zealand", "la Nouvelle-Zélande"), "GB": ("the United Kingdom", "le Royaume-Uni"),
    "CN": ("China", "la Chine"), "IN": ("India", "l'Inde"), "BR": ("Brazil", "le Brésil"),
    "AE": ("the United Arab Emirates", "les Émirats arabes unis"), "TR": ("Türkiye", "la Turquie"),
    "RU": ("the Russian Federation", "la Fédération de Russie"), "BY": ("Belarus", "le Bélarus"),
    "IR": ("Iran", "l'Iran"), "KP": ("North Korea", "la Corée du Nord"),
    "SY": ("Syria", "la Syrie"), "MM": ("Myanmar", "le Myanmar"),
    "DE": ("Germany", "l'Allemagne"), "FR": ("France", "la France"), "IT": ("Italy", "l'Italie"),
    "BE": ("Belgium", "la Belgique"), "NL": ("the Netherlands", "les Pays-Bas"),
    "ES": ("Spain", "l'Espagne"), "PL": ("Poland", "la Pologne"),
    "SG": ("Singapore", "Singapour"), "KR": ("South Korea", "la Corée du Sud"),
}


def country(code: str, lang: str) -> str:
    """The country's name as a sentence uses it after "to" / "vers" ("vers le Japon")."""
    en, fr = COUNTRIES.get(code, (code, code))
    return fr if lang == "fr" else en


_BEFORE_PUNCT = re.compile(r"[ \u00a0\u202f]*([:;?!])(?=\s|$|[»)])")


def typography(text: str, lang: str) -> str:
    """French typography: a non-breaking space before ``: ; ? !`` (never inside "09:30", "http:",
    "Art. 3(1)"); English text is returned as is."""
    if lang != "fr":
        return text
    return _BEFORE_PUNCT.sub(lambda m: NBSP + m.group(1), text)


def figure(value: Decimal, unit: str, lang: str) -> str:
    """``12 µm`` / ``0,5 µm``: decimal comma in French, units as officers write them."""
    u = unit_shown(unit, lang)
    n = number_shown(value, lang)
    return f"{n}{NBSP}{u}" if u else n


# comparator -> ((EN when met, EN when not met), (FR when met, FR when not met)); {v} the limit
_VERBS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "gt": (("exceeds {v}", "is at or below {v}, so does not exceed it"),
           ("dépasse {v}", "ne dépasse pas {v}")),
    "ge": (("reaches {v} (the limit itself counts)", "does not reach {v}"),
           ("atteint {v} (la limite elle-même compte)", "n'atteint pas {v}")),
    "lt": (("is below {v}", "is at or above {v}, so not below it"),
           ("reste sous {v}", "ne reste pas sous {v}")),
    "le": (("is at or below {v}", "exceeds {v}"),
           ("ne dépasse pas {v}", "dépasse {v}")),
    "eq": (("equals {v}", "differs from {v}"), ("est égal(e) à {v}", "diffère de {v}")),
}
_LIMIT: dict[str, tuple[str, str]] = {
    "gt": ("more than {v}", "plus de {v}"), "ge": ("{v} or more", "{v} ou plus"),
    "lt": ("less than {v}", "moins de {v}"), "le": ("{v} or less", "{v} ou moins"),
    "eq": ("exactly {v}", "exactement {v}"),
}


def limit(comparator: str, value: Decimal, unit: str, lang: str) -> str:
    """"more than 9 Hz" / "plus de 9 Hz"."""
    en, fr = _LIMIT[comparator]
    return (fr if lang == "fr" else en).format(v=figure(value, unit, lang))


def compared(comparator: str, value: Decimal, unit: str, *, met: bool, lang: str) -> str:
    """How a stated figure stands against a limit, worded for the comparator: "exceeds 9 Hz",
    "does not reach 85 %", "is at or below 1.1 µm"."""
    en, fr = _VERBS[comparator]
    pair = fr if lang == "fr" else en
    return pair[0 if met else 1].format(v=figure(value, unit, lang))
