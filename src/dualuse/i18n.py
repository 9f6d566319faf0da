"""Short user-facing messages in English and French (officers' vocabulary: entry = rubrique),
the choice of language, and French typography.

The language of the output is, in order: ``--lang``, the ``DUALUSE_LANG`` variable, the locale
(``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``: ``fr_FR.UTF-8`` gives French), else English.

>>> pick_language(None, {"LANG": "fr_FR.UTF-8"}), pick_language(None, {"DUALUSE_LANG": "en",
...                                                                     "LANG": "fr_FR"})
('fr', 'en')
>>> french("Éditions: 2,5 ; voir")
'Éditions\\u202f: 2,5\\u202f; voir'
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

LANGUAGES = ("en", "fr")

MESSAGES: dict[str, dict[str, str]] = {
    "list": {"en": "list", "fr": "liste"},
    "kind": {"en": "kind", "fr": "type"},
    "regime": {"en": "regime", "fr": "régime"},
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
    "applies_to": {"en": "applies to", "fr": "s'applique à"},
    "threshold": {"en": "threshold", "fr": "seuil"},
    "children": {"en": "Sub-items", "fr": "Sous-rubriques"},
    "code": {"en": "code", "fr": "code"},
    "title": {"en": "title", "fr": "intitulé"},
    "see_also": {"en": "see also", "fr": "voir aussi"},
    "editions": {"en": "editions", "fr": "éditions"},
    "Editions": {"en": "Editions", "fr": "Éditions"},
    "entry": {"en": "entry", "fr": "rubrique"},
    "also_in": {"en": "also in {list}; its wording there:",
                "fr": "aussi dans {list} ; son texte :"},
    "sub-item": {"en": "sub-item", "fr": "sous-rubrique"},
    "category": {"en": "category", "fr": "catégorie"},
    "group": {"en": "group", "fr": "groupe"},
    "note_on": {"en": "{kind} on {code}", "fr": "{kind} sur {code}"},
    "decontrol": {"en": "decontrol", "fr": "exclusion du contrôle"},
    "sensitive": {"en": "Sensitive List", "fr": "Liste sensible"},
    "very_sensitive": {"en": "Very Sensitive List", "fr": "Liste très sensible"},
    # classify
    "strong": {"en": "strong", "fr": "fort"},
    "possible": {"en": "possible", "fr": "possible"},
    "weak": {"en": "weak", "fr": "faible"},
    "no_candidate": {"en": "No candidate entry: nothing in the lists resembles this line.",
                     "fr": "Aucune rubrique candidate : rien dans les listes ne ressemble à "
                           "cette ligne."},
    "more": {"en": "{n} more candidates: --limit {m} or --verbose to see them",
             "fr": "{n} autres rubriques candidates : --limit {m} ou --verbose pour les voir"},
    "more_one": {"en": "1 more candidate: --limit {m} or --verbose to see it",
                 "fr": "1 autre rubrique candidate : --limit {m} ou --verbose pour la voir"},
    "your_words": {"en": "your words", "fr": "vos mots"},
    "near_words": {"en": "words close to the entry's", "fr": "mots proches de la rubrique"},
    "by_cas": {"en": "CAS {cas} named by the entry", "fr": "CAS {cas} cité par la rubrique"},
    "by_hs": {"en": "HS {hs} linked to {code}", "fr": "SH {hs} rattaché à {code}"},
    "meets": {"en": "{q} meets the {code} threshold", "fr": "{q} atteint le seuil de {code}"},
    "below": {"en": "{q} is below the {code} threshold",
              "fr": "{q} reste sous le seuil de {code}"},
    "released_by": {"en": "may be released by a note of {code}: {text}",
                    "fr": "peut être exclu par une note de {code} : {text}"},
    "decision": {"en": "Decision", "fr": "Décision"},
    "listed": {"en": "listed", "fr": "inscrit sur la liste"},
    "not-listed": {"en": "not listed", "fr": "non inscrit"},
    "needs-figure": {"en": "a figure is needed to decide", "fr": "une valeur manque pour décider"},
    "ask_for": {"en": "ask for", "fr": "à demander"},
    "strength_help": {
        "en": "strong: the line names the entry's goods, its chemical (CAS) or meets a threshold;"
              " possible: several of the entry's words; weak: a few words only.",
        "fr": "fort : la ligne désigne le bien de la rubrique, son produit chimique (CAS) ou "
              "atteint un seuil ; possible : plusieurs mots de la rubrique ; faible : quelques "
              "mots seulement.",
    },
    "indicative": {"en": "Indicative: check the goods against the entry's criteria.",
                   "fr": "Indicatif : vérifier le bien par rapport aux critères de la rubrique."},
    # search / hs / cas
    "no_hit": {"en": "No entry matches {q!r} in the lists.",
               "fr": "Aucune rubrique ne correspond à « {q} » dans les listes."},
    "matched": {"en": "matched", "fr": "termes trouvés"},
    "score": {"en": "score", "fr": "score"},
    "why": {"en": "why", "fr": "pourquoi"},
    "chpl_tier": {"en": "CHPL tier", "fr": "niveau CHPL"},
    "chemicals": {"en": "chemicals", "fr": "produits chimiques"},
    "cut_to": {"en": "({given!r} cut to its 6-digit HS root {hs})",
               "fr": "(« {given} » ramené à sa racine SH à 6 chiffres {hs})"},
    "chpl_below": {"en": "({n} CHPL subheadings below)", "fr": "({n} sous-positions CHPL dessous)"},
    "cas_not_listed": {
        "en": "CAS {cas}: not listed. This chemical is in none of the chemicals tables or control "
              "lists dualuse holds; other controls (sanctions, national lists) may still apply.",
        "fr": "CAS {cas} : non inscrit. Ce produit chimique ne figure dans aucune des tables ni "
              "listes de contrôle de dualuse ; d'autres mesures (sanctions, listes nationales) "
              "peuvent encore s'appliquer.",
    },
    "on_list": {"en": "list", "fr": "liste"},
    "source": {"en": "source", "fr": "source"},
    # check
    "line": {"en": "line", "fr": "ligne"},
    "verdict": {"en": "verdict", "fr": "verdict"},
    "authorisations": {"en": "authorisations", "fr": "autorisations"},
    "legal_basis": {"en": "legal basis", "fr": "base juridique"},
    "explanation": {"en": "explanation", "fr": "explication"},
    "document": {"en": "Document {doc}, line {line}: {problem}",
                 "fr": "Document {doc}, ligne {line} : {problem}"},
}

VERDICTS: dict[str, dict[str, str]] = {
    "prohibited": {"en": "prohibited", "fr": "interdit"},
    "licence-required": {"en": "licence required", "fr": "licence requise"},
    "review-required": {"en": "review required", "fr": "examen requis"},
    "general-authorisation-available": {"en": "general authorisation available",
                                        "fr": "autorisation générale possible"},
    "no-licence-required": {"en": "no licence required", "fr": "pas de licence requise"},
}

PROCEDURES: dict[str, dict[str, str]] = {
    "export": {"en": "export", "fr": "exportation"},
    "re-export": {"en": "re-export", "fr": "réexportation"},
    "transit": {"en": "transit", "fr": "transit"},
    "intra-eu-transfer": {"en": "intra-EU transfer", "fr": "transfert intra-UE"},
}


def t(key: str, lang: str | None = "en") -> str:
    msgs = MESSAGES.get(key)
    if msgs is None:
        return key
    return msgs.get(lang or "en") or msgs["en"]


def verdict(code: str, lang: str | None) -> str:
    """The verdict in plain words ("licence-required" -> "licence requise")."""
    return VERDICTS.get(code, {}).get(lang or "en", code)


def procedure(code: str, lang: str | None) -> str:
    return PROCEDURES.get(code, {}).get(lang or "en", code)


def _from_locale(value: str | None) -> str | None:
    if not value:
        return None
    low = value.strip().lower()
    for lg in LANGUAGES:
        if low == lg or low.startswith((lg + "_", lg + "-", lg + ".")):
            return lg
    return None


def pick_language(explicit: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The output language: ``explicit`` (already checked), ``DUALUSE_LANG``, the locale, 'en'.

    An unknown ``DUALUSE_LANG`` is skipped (the locale decides), as POSIX does with locales."""
    return chosen_language(explicit, environ) or "en"


def chosen_language(explicit: str | None,
                    environ: Mapping[str, str] | None = None) -> str | None:
    """Like ``pick_language`` but None when nothing chose (no option, variable or locale), so
    ``classify`` can answer in the language of the invoice line."""
    if explicit:
        return explicit
    env = os.environ if environ is None else environ
    lg = _from_locale(env.get("DUALUSE_LANG"))
    if lg:
        return lg
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if value:  # the first one set decides, even when it is not en/fr (de_DE: English)
            if value.upper() in ("C", "POSIX") or value.upper().startswith("C."):
                return None
            return _from_locale(value) or "en"
    return None


# --- French typography -------------------------------------------------------------------------
NNBSP = "\u202f"  # narrow no-break space, before ; ? ! and (as a close match to the rule) :
_BEFORE = re.compile(r"[ \u00a0\u202f]?([:;?!])(?=\s|$)")
_DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?![\d.]|\.\d)")


def french(text: str) -> str:
    """French punctuation: a narrow no-break space before ``: ; ? !`` ending a clause.

    URLs, times and codes ("6A003.b.4", "https://") are untouched: only a mark followed by a
    space or the end of the text is spaced."""
    return _BEFORE.sub(lambda m: NNBSP + m.group(1), text)


def number(value: float | str, lang: str | None) -> str:
    """A decimal number in the reader's convention: ``2.5`` -> ``2,5`` in French."""
    text = value if isinstance(value, str) else f"{value:g}"
    return decimal_commas(text) if lang == "fr" else text


def decimal_commas(text: str) -> str:
    """``0.5 mm`` -> ``0,5 mm`` (codes such as 8525.89 or 6A003.b.4 are left alone: call it on
    quantities only)."""
    return _DECIMAL.sub(r"\1,\2", text)


# --- errors --------------------------------------------------------------------------------------
_ERRORS_FR: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"^--lang (.+): expected 'en' or 'fr'$", r"--lang \1 : « en » ou « fr » attendu"),
        (r"^(.+) is not a CAS number: expected e\.g\. (.+)$",
         r"\1 n'est pas un numéro CAS : exemple attendu \2"),
        (r"^(.+): CAS check digit should be (\d)$",
         r"\1 : le chiffre de contrôle du CAS devrait être \2"),
        (r"^(.+): a CAS number has 5 to 10 digits$", r"\1 : un numéro CAS a de 5 à 10 chiffres"),
        (r"^(.+) is not an HS code: expected digits such as (.+)$",
         r"\1 n'est pas un code SH : chiffres attendus, par exemple \2"),
        (r"^(.+): HS (.+) does not exist in (.+)$", r"\1 : SH \2 n'existe pas dans \3"),
        (r"^(.+) is not a control code: (.+)$", r"\1 n'est pas un code de rubrique : \2"),
        (r"^no entry (.+) in (.+)$", r"aucune rubrique \1 dans \2"),
        (r"^no control list (.+); known: (.+)$", r"pas de liste de contrôle \1 ; connues : \2"),
        (r"^(.+): cannot read \((.+)\)$", r"\1 : lecture impossible (\2)"),
        (r"^(.+): not UTF-8 text$", r"\1 : texte non UTF-8"),
        (r"^(.+): no declaration in the file$", r"\1 : aucune déclaration dans le fichier"),
        (r"^(.+): not valid JSON \((.+)\)$", r"\1 : JSON invalide (\2)"),
        (r"^--on (.+): expected a date YYYY-MM-DD$", r"--on \1 : date AAAA-MM-JJ attendue"),
        (r"^--format (.+): expected (.+)$", r"--format \1 : valeurs possibles \2"),
        (r"^--format needs --file$", r"--format demande --file"),
        (r"^give either a description \(with --hs/--cas\) or --file, not both$",
         r"donner une désignation (avec --hs/--cas) ou --file, pas les deux"),
        (r"^--procedure/--exporter/--destination/--transit are for CSV files only$",
         r"--procedure/--exporter/--destination/--transit ne valent que pour les fichiers CSV"),
        (r"^(.+): unrecognised format (.*)$", r"\1 : format non reconnu \2"),
    ))
_WORDS_FR = (("expected", "attendu"), ("unknown", "inconnu"), ("missing", "manquant"),
             (" or ", " ou "), ("not found", "introuvable"))


def error_message(message: str, lang: str | None) -> str:
    """The message of a ``DualUseError`` in the user's language (French for the common errors;
    a message no pattern covers keeps its English wording, with its words translated)."""
    if lang != "fr":
        return message
    for pattern, repl in _ERRORS_FR:
        if pattern.match(message):
            return french(pattern.sub(repl, message))
    for en, fr in _WORDS_FR:
        message = message.replace(en, fr)
    return french(message)


ERROR_PREFIX = {"en": "dualuse: error: ", "fr": "dualuse : erreur : "}

_USAGE_FR: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"^Missing argument '(.+)'\.$", r"argument manquant : \1"),
        (r"^No such option: (\S+)(?: Did you mean (\S+)\?)?$", r"option inconnue : \1"),
        (r"^No such command '(.+)'\.$", r"commande inconnue : « \1 »"),
        (r"^Invalid value for '([^']+)'(?: / '[^']+')?: '(.*)' is not one of (.+)\.$",
         r"valeur invalide pour \1 : « \2 » n'est pas parmi \3"),
        (r"^Invalid value for '([^']+)'(?: / '[^']+')?: (.+)$", r"valeur invalide pour \1 : \2"),
        (r"^Option '(.+)' requires an argument\.$", r"l'option \1 demande une valeur"),
        (r"^Got unexpected extra arguments? \((.+)\)$", r"argument(s) en trop : \1"),
    ))


def usage_fr(message: str) -> str:
    """A command-line usage error (click's wording) in French."""
    for pattern, repl in _USAGE_FR:
        if pattern.match(message):
            return french(pattern.sub(repl, message))
    return french(message)
