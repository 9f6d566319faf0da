"""Licence questions: a short declaration put to ``dualuse.check``; its verdict is the key.

Questions are balanced over the five verdicts: each licence question aims at the next verdict in
turn and draws declarations until the engine gives it. A declaration whose verdict rests on data
the library itself marks as incomplete or unverified (an unverified citation, an uncertain control
status, an incomplete Annex IV) is never used: its key would be our data's gap, not the law.
"""

from __future__ import annotations

import random
from typing import Any

from dualuse.exercises.model import Choice, Question
from dualuse.exercises.pool import Pool, intangible
from dualuse.exercises.text import country, typography

VERDICTS = ("prohibited", "licence-required", "review-required", "general-authorisation-available",
            "no-licence-required")
VERDICT_TEXT = {
    "prohibited": {"en": "Prohibited: the goods may not leave",
                   "fr": "Interdit : les biens ne peuvent pas sortir"},
    "licence-required": {"en": "Authorisation required (individual or global licence)",
                         "fr": "Autorisation requise (licence individuelle ou globale)"},
    "review-required": {"en": "Hold for review by the competent authority",
                        "fr": "Retenir pour examen par l'autorité compétente"},
    "general-authorisation-available": {
        "en": "A Union general export authorisation can be used",
        "fr": "Une autorisation générale d'exportation de l'Union est utilisable"},
    "no-licence-required": {"en": "No licence required", "fr": "Aucune autorisation requise"},
}
# where each verdict is likeliest (the engine decides; this only steers the draw)
AIM = {"prohibited": ("RU", "BY", "KP", "IR", "SY"),
       "licence-required": ("CN", "IN", "BR", "AE", "TR", "SG", "KR"),
       "review-required": ("CN", "IN", "AE", "TR", "BR"),
       "general-authorisation-available": ("US", "JP", "NO", "CH", "CA", "AU", "NZ", "GB"),
       "no-licence-required": ("US", "JP", "CN", "IN", "BR", "AE", "CA")}
EU_ORIGINS = ("FR", "DE", "BE", "NL", "IT", "ES", "PL")
# Goods on no control list, described as an invoice does (our words), with their HS-6.
CIVIL_GOODS = (
    ("men's cotton T-shirts, knitted", "T-shirts en coton pour hommes, en bonneterie", "610910"),
    ("wooden office chairs, upholstered", "chaises de bureau en bois, rembourrées", "940161"),
    ("roasted coffee beans, not decaffeinated", "café torréfié en grains, non décaféiné", "090121"),
    ("city bicycles, aluminium frame", "vélos de ville, cadre en aluminium", "871200"),
    ("stainless steel kitchen knives", "couteaux de cuisine en acier inoxydable", "821191"),
    ("ceramic dinner plates", "assiettes en céramique", "691200"),
    ("leather handbags", "sacs à main en cuir", "420221"),
    ("children's wooden toy trains", "trains en bois pour enfants", "950300"),
)
PROCEDURE = {"export": {"en": "Export", "fr": "Exportation"},
             "re-export": {"en": "Re-export", "fr": "Réexportation"}}
END_USE = {"wmd": {"en": "the authority has informed the exporter of a possible WMD end use",
                   "fr": "l'autorité a signalé à l'exportateur une possible utilisation finale "
                         "ADM"},
           "military": {"en": "the buyer states a military end use",
                        "fr": "l'acheteur déclare une utilisation finale militaire"}}
_T = {"prompt": {"en": "{procedure} from {origin} to {dest}: {desc}{eu}.",
                 "fr": "{procedure} depuis {origin} vers {dest} : {desc}{eu}."},
      "declared": {"en": "{title} (declared {code})", "fr": "{title} (déclaré {code})"},
      "civil": {"en": "{desc} (HS {hs})", "fr": "{desc} (SH {hs})"},
      "ask": {"en": "What is the licensing verdict for this item?",
              "fr": "Quelle est la décision pour cet article ?"},
      "reason": {"en": "{verdict}: {basis}. {why}", "fr": "{verdict} : {basis}. {why}"}}


def trusted(item: Any) -> bool:
    """Does the verdict rest only on verified data (no gap the library itself reports)?"""
    if item.control_status == "uncertain":
        return False
    if any(not getattr(c, "verified", True) for c in item.legal_basis):
        return False
    if any("unverified" in r for r in item.other_routes):
        return False
    text = (item.explanation.en or "").lower()
    return not any(w in text for w in ("incomplete", "not established", "unverified"))


_FR_CITATION = (("Council Regulation (EU) No ", "règlement (UE) n° "),
                ("Council Regulation (EU) ", "règlement (UE) "),
                ("Council Decision (CFSP) ", "décision (PESC) "),
                ("Regulation (EU) ", "règlement (UE) "), (" and Annex ", " et annexe "),
                ("Annex ", "annexe "), ("as replaced by ", "tel que remplacé par le "),
                ("Art. ", "art. "))


def citation(c: Any, lang: str = "en") -> str:
    """"Regulation (EU) 2021/821, Art. 3(1)" / "règlement (UE) 2021/821, art. 3(1)"."""
    text = ", ".join(str(x) for x in (getattr(c, "act", None), getattr(c, "article", None)) if x)
    if lang == "fr":
        for en, fr in _FR_CITATION:
            text = text.replace(en, fr)
    return text


def licence_question(pool: Pool, rng: random.Random, qid: str, difficulty: str, aim: str,
                     used: set[tuple[str, str]]) -> Question | None:
    from dualuse.licensing.declaration import Declaration
    from dualuse.licensing.engine import check

    lang = pool.lang
    goods = [e for e in pool.entries if not intangible(e.code)]
    origin = rng.choice(EU_ORIGINS)
    dest = rng.choice(AIM[aim])
    procedure = rng.choice(("export", "export", "re-export"))
    end_use: dict[str, bool] = {}
    if aim == "review-required" or (difficulty != "easy" and rng.random() < 0.15):
        end_use = {"military": True} if rng.random() < 0.5 else \
            {"wmd": True, "informed_by_authority": True}
    item: dict[str, Any] = {"line": 1}
    civil = aim in ("no-licence-required", "review-required") and rng.random() < 0.8
    if civil:
        en, fr, hs = rng.choice(CIVIL_GOODS)
        item.update(description=en, hs_code=hs)
        desc = _T["civil"][lang].format(desc=fr if lang == "fr" else en,
                                        hs=f"{hs[:4]}.{hs[4:]}")
        what = hs
    else:
        entry = rng.choice(goods)
        item["control_code"] = entry.code
        desc = _T["declared"][lang].format(title=pool.title(entry.code), code=entry.code)
        what = entry.code
    key = f"{what}/{procedure}/{dest}/{sorted(end_use)}"
    if ("licence", key) in used:
        return None
    decl: dict[str, Any] = {"procedure": procedure, "exporter_country": origin,
                            "destination_country": dest, "items": [item]}
    if end_use:
        decl["end_use"] = end_use
    result = check(Declaration.model_validate(decl)).items[0]
    verdict = str(result.verdict)
    if verdict != aim or not trusted(result):
        return None
    used.add(("licence", key))
    basis = tuple(dict.fromkeys(citation(c, lang) for c in result.legal_basis))
    via = [a.code for a in result.authorisations]
    eu = "; " + "; ".join(END_USE[k][lang] for k in ("wmd", "military") if end_use.get(k)) \
        if end_use else ""
    prompt = _T["prompt"][lang].format(procedure=PROCEDURE[procedure][lang],
                                       origin=country(origin, lang), dest=country(dest, lang),
                                       desc=desc, eu=eu)
    verdict_text = VERDICT_TEXT[verdict][lang] + (f" ({', '.join(via)})" if via else "")
    reason = _T["reason"][lang].format(verdict=verdict_text, basis="; ".join(basis) or "-",
                                       why=result.explanation.get(lang) or "")
    reason = typography(reason.strip(), lang)
    choices = tuple(Choice(key="ABCDE"[i], text=typography(VERDICT_TEXT[v][lang], lang),
                           correct=v == verdict, feedback=reason)
                    for i, v in enumerate(VERDICTS))
    return Question(id=qid, type="licence", difficulty=difficulty,
                    prompt=typography(prompt, lang), ask=typography(_T["ask"][lang], lang),
                    choices=choices, entry=item.get("control_code"), reason=reason,
                    basis=basis, declaration=decl, verdict=verdict)
