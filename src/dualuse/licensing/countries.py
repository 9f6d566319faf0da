"""ISO 3166-1 alpha-2 country codes for declarations and rule data (pycountry, loaded once)."""

from __future__ import annotations

from functools import cache

from dualuse.errors import InputError

SYSTEM = "country"


@cache
def alpha2_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_2 for c in pycountry.countries)


def normalise(code: object, *, field: str = "country") -> str:
    """``" fr "`` -> ``"FR"``; anything that is not an ISO 3166-1 alpha-2 code raises InputError.

    >>> normalise("de")
    'DE'
    """
    if not isinstance(code, str):
        raise InputError(f"{field}: {code!r} is not an ISO 3166-1 alpha-2 country code",
                         value=code, system=SYSTEM)
    key = code.strip().upper()
    if key not in alpha2_codes():
        hint = HINTS.get(key)
        raise InputError(f"{field}: {code!r} is not an ISO 3166-1 alpha-2 country code"
                         + (f"; did you mean {hint}?" if hint else " (e.g. 'FR', 'US')"),
                         value=code, system=SYSTEM)
    return key


# Codes in common use that are not ISO 3166-1 alpha-2, and the ISO code meant.
HINTS: dict[str, str] = {
    "UK": "GB (United Kingdom)",
    "EL": "GR (Greece; EL is its EU VAT and statistics prefix)",
    "XI": "GB (XI is the customs code for Northern Ireland, not an ISO code)",
}


def is_valid(code: object) -> bool:
    return isinstance(code, str) and code.strip().upper() in alpha2_codes()


@cache
def name(code: str, lang: str = "en") -> str:
    """The country's common name in English or French (falls back to the code)."""
    import gettext

    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    en = getattr(country, "common_name", None) or country.name
    if lang != "fr":
        return str(en)
    try:
        fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:
        return str(en)
    return fr.gettext(country.name)
