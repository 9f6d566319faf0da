"""French wording, language detection on terse lines, chemical synonyms (no CLI)."""

from __future__ import annotations

import pytest

from dualuse import chemicals
from dualuse.cli.wording import citation, clean, hs_code, towards
from dualuse.i18n import chosen_language, decimal_commas, error_message, french, pick_language
from dualuse.textproc import detect_language


@pytest.mark.parametrize(("iso", "text"), [("CN", "vers la Chine"), ("JP", "vers le Japon"),
                                           ("US", "vers les États-Unis"),
                                           ("DE", "vers l'Allemagne"), ("ZZ", "vers ZZ")])
def test_countries_with_their_article(iso: str, text: str) -> None:
    assert towards(iso, "fr") == text


@pytest.mark.parametrize(("act", "article", "fr"), [
    ("Regulation (EU) 2021/821", "Art. 3(1)",
     "Règlement (UE) 2021/821, article 3, paragraphe 1"),
    ("Regulation (EU) 2021/821", "Art. 4(1)(b)",
     "Règlement (UE) 2021/821, article 4, paragraphe 1, point b)"),
    ("Regulation (EU) 2021/821", "Annex IV", "Règlement (UE) 2021/821, annexe IV"),
    ("Directive 2009/43/EC", "Art. 4(1)", "Directive 2009/43/CE, article 4, paragraphe 1"),
])
def test_citations_in_french(act: str, article: str, fr: str) -> None:
    assert citation(act, article, "fr") == fr
    assert citation(act, article, "en") == f"{act}, {article}"


def test_typography_numbers_and_codes() -> None:
    assert french("Éditions: a; b? c!") == "Éditions\u202f: a\u202f; b\u202f? c\u202f!"
    assert french("https://x.eu 6A003.b.4") == "https://x.eu 6A003.b.4"
    assert decimal_commas("0.5 mm, 12.5 kg") == "0,5 mm, 12,5 kg"
    assert hs_code("852589") == "8525.89" and hs_code("8542310000") == "8542.31.00.00"
    assert clean("a\x1b[31mb\x07\u202ec") == "a [31mb c"


def test_language_choice_order() -> None:
    assert pick_language("en", {"DUALUSE_LANG": "fr"}) == "en"
    assert pick_language(None, {"LC_ALL": "C", "LANG": "fr_FR"}) == "en"
    assert chosen_language(None, {}) is None
    assert chosen_language(None, {"LANG": "fr_BE.UTF-8"}) == "fr"


def test_errors_translated() -> None:
    assert error_message("--lang 'de': expected 'en' or 'fr'", "fr") == \
        "--lang 'de'\u202f: « en » ou « fr » attendu"
    assert error_message("anything", "en") == "anything"


@pytest.mark.parametrize(("line", "lang"), [
    ("Triethanolamine 99 %, 200 L drums", "en"), ("bicyclette", "fr"),
    ("HF anhydre 99,9 %", "fr"), ("acide fluorhydrique anhydre", "fr"),
    ("Portable GNSS jammer L1/L2/L5", "en"), ("pompe à vide", "fr"), ("vacuum pump", "en"),
    ("TEA 99%, 200 L drums", "en"), ("fût de 200 L", "fr"),
])
def test_short_lines_language(line: str, lang: str) -> None:
    assert detect_language(line) == lang


@pytest.mark.parametrize(("line", "cas"), [
    ("acide fluorhydrique anhydre", "7664-39-3"), ("HF anhydre, bouteilles", "7664-39-3"),
    ("TEA 99%, 200 L drums", "102-71-6"), ("POCl3 99 % fûts", "10025-87-3"),
    ("eau oxygénée 35 %", "7722-84-1"),
])
def test_trade_names_and_abbreviations(line: str, cas: str) -> None:
    found = {r.cas for _, rows in chemicals.find_names(line) for r in rows}
    assert cas in found


@pytest.mark.parametrize("line", ["GREEN TEA, 20 kg bags", "green tea 99%", "HF radio 50 W"])
def test_abbreviations_need_a_chemical_line(line: str) -> None:
    assert not chemicals.find_names(line)


def test_synonyms_name_known_chemicals() -> None:
    index = chemicals.by_cas_index()
    rows = chemicals.synonyms()
    assert len(rows) >= 60
    assert all(cas in index for cas, *_ in rows)
    assert all(kind in ("name", "abbr") and lang in ("en", "fr") for _, lang, _, kind in rows)


def test_articles_in_french_prose() -> None:
    from dualuse.cli.wording import articles_fr, editions

    assert articles_fr("soumis à autorisation (art. 11(1)).") == \
        "soumis à autorisation (article 11, paragraphe 1)."
    assert editions(["rules eu-2021-821 2026-11-23 (checked 2026-11-23)"], "fr") == \
        "règles eu-2021-821 2026-11-23 (vérifiées le 2026-11-23)"
