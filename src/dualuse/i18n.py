"""Short user-facing messages in English and French (officers' vocabulary: entry = rubrique)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "list": {"en": "list", "fr": "liste"},
    "kind": {"en": "kind", "fr": "type"},
    "not_used": {"en": "not used since", "fr": "non utilisée depuis"},
    "no_official_text": {
        "en": "(official text not imported: showing the dualuse knowledge base only; "
              "run `dualuse lists import FILE` to add the legal wording)",
        "fr": "(texte officiel non importé : seule la base de connaissances dualuse est affichée ; "
              "`dualuse lists import FICHIER` ajoute le texte juridique)",
    },
    "keywords": {"en": "keywords", "fr": "mots-clés"},
    "hs_codes": {"en": "indicative HS codes", "fr": "codes SH indicatifs"},
    "remark": {"en": "remark", "fr": "remarque"},
    "parameters": {"en": "Thresholds", "fr": "Seuils"},
    "children": {"en": "Sub-items", "fr": "Sous-rubriques"},
    "see_also": {"en": "see also", "fr": "voir aussi"},
    "editions": {"en": "editions", "fr": "éditions"},
    "entry": {"en": "entry", "fr": "rubrique"},
    "also_in": {"en": "also in {list}: its wording there with `dualuse show {code} --list {list}`",
                "fr": "aussi dans {list} : son texte avec `dualuse show {code} --list {list}`"},
}


def t(key: str, lang: str | None = "en") -> str:
    msgs = MESSAGES.get(key)
    if msgs is None:
        return key
    return msgs.get(lang or "en") or msgs["en"]
