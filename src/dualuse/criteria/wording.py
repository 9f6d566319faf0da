"""How the decision speaks: units as officers write them (µm, N·m, °C), numbers with a decimal comma
in French, comparisons worded right for every comparator ("meets", "does not reach", "exceeds the
limit"), and the requests for a missing figure ("state the frame rate" / "indiquer la fréquence
d'images")."""

from __future__ import annotations

from decimal import Decimal

from dualuse.model import Localized

__all__ = ["ask", "number_shown", "result_text", "threshold_shown", "unit_shown"]

_UNIT_SHOWN = {
    "um": "µm", "us": "µs", "urad": "µrad", "ug": "µg", "degC": "°C", "deg": "°", "deg/h": "°/h",
    "deg/s": "°/s", "deg/rt-h": "°/√h", "N.m": "N·m", "kN.m": "kN·m", "N.s": "N·s",
    "kN.s": "kN·s", "MN.s": "MN·s", "m3": "m³", "m3/h": "m³/h", "m3/s": "m³/s", "m/s2": "m/s²",
    "W/cm2": "W/cm²", "W/m2": "W/m²", "kg/m3": "kg/m³", "g/cm3": "g/cm³", "g_mass": "g",
    "m_specific": "m", "px": "pixels", "part/500": "part in 500",
    "uC/mm2": "µC/mm²", "uC/cm2": "µC/cm²", "kg/(N.h)": "kg/(N·h)", "g/(kN.s)": "g/(kN·s)",
    "lb/(lbf.h)": "lb/(lbf·h)",
}
_UNIT_SHOWN_FR = {"GB/s": "Go/s", "MB/s": "Mo/s", "TB/s": "To/s", "bit": "bits",
                  "part/500": "partie sur 500"}

_THRESHOLD = {
    "gt": ("more than {v}", "plus de {v}"), "ge": ("{v} or more", "{v} ou plus"),
    "lt": ("less than {v}", "moins de {v}"), "le": ("{v} or less", "{v} ou moins"),
    "eq": ("exactly {v}", "exactement {v}"),
}
# a failed comparison: under a floor ("does not reach"), over a ceiling ("exceeds the limit")
_FAILS = {"gt": ("does not reach the threshold", "n'atteint pas le seuil"),
          "ge": ("does not reach the threshold", "n'atteint pas le seuil"),
          "lt": ("exceeds the limit", "dépasse la limite"),
          "le": ("exceeds the limit", "dépasse la limite"),
          "eq": ("differs from the value", "diffère de la valeur")}
_MASCULINE = frozenset({"nombre", "volume", "débit", "module", "diamètre", "pas", "gain",
                        "facteur", "niveau", "courant", "couple", "rayon", "temps"})


def unit_shown(unit: str, lang: str = "en") -> str:
    if lang == "fr" and unit in _UNIT_SHOWN_FR:
        return _UNIT_SHOWN_FR[unit]
    return _UNIT_SHOWN.get(unit, unit)


def number_shown(value: Decimal, lang: str = "en") -> str:
    """``Decimal("0.50")`` -> "0.5" (EN) / "0,5" (FR); no exponent."""
    s = f"{value:f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s.replace(".", ",") if lang == "fr" else s


def quantity_shown(value: Decimal, unit: str, lang: str = "en") -> str:
    u = unit_shown(unit, lang)
    n = number_shown(value, lang)
    return f"{n} {u}" if u else n


def threshold_shown(comparator: str, value: Decimal, unit: str) -> Localized:
    en, fr = _THRESHOLD[comparator]
    return Localized(en=en.format(v=quantity_shown(value, unit, "en")),
                     fr=fr.format(v=quantity_shown(value, unit, "fr")))


_TEXTS: dict[tuple[object, ...], Localized] = {}
_TEXTS_MAX = 16_384


def result_text(status: str, code: str, comparator: str, value: Decimal, unit: str,
                name: Localized, stated: tuple[Decimal, str] | None) -> Localized:
    """One criterion held against the line, in both languages (remembered: the same criteria
    meet or miss the same figures on many lines; numbers keyed as written, "1.50" is not "1.5")."""
    key = (status, code, comparator, str(value), unit, name,
           None if stated is None else (str(stated[0]), stated[1]))
    hit = _TEXTS.get(key)
    if hit is None:
        if len(_TEXTS) >= _TEXTS_MAX:
            _TEXTS.clear()
        hit = _TEXTS[key] = _result_text(status, code, comparator, value, unit, name, stated)
    return hit


def _result_text(status: str, code: str, comparator: str, value: Decimal, unit: str,
                 name: Localized, stated: tuple[Decimal, str] | None) -> Localized:
    limit = threshold_shown(comparator, value, unit)
    name_en, name_fr = name.en or "", name.fr or name.en or ""
    if status == "not-stated" or stated is None:
        return Localized(en=f"{name_en} not stated ({code}: {limit.en})",
                         fr=f"{name_fr} non indiqué(e) ({code} : {limit.fr})")
    fig_en = quantity_shown(stated[0], stated[1], "en")
    fig_fr = quantity_shown(stated[0], stated[1], "fr")
    if status == "meets":
        return Localized(en=f"{name_en} {fig_en} meets {code} ({limit.en})",
                         fr=f"{name_fr} {fig_fr} : remplit le critère de {code} ({limit.fr})")
    fail_en, fail_fr = _FAILS[comparator]
    en = f"{name_en} {fig_en} {fail_en} of {code} ({limit.en})"
    fr = f"{name_fr} {fig_fr} : {fail_fr} de {code} ({limit.fr})"
    return Localized(en=en, fr=fr)


def ask(name: Localized) -> Localized:
    """"state the frame rate" / "indiquer la fréquence d'images"."""
    fr = name.fr or name.en or ""
    first = fr.split()[0] if fr.split() else ""
    if fr[:1].lower() in "aeiouéèêh":
        article = "l'"
    elif first in _MASCULINE:
        article = "le "
    else:
        article = "la "
    return Localized(en=f"state the {name.en}", fr=f"indiquer {article}{fr}")
