"""What the classifier's candidates are made of: the evidence behind a candidate, the score an
entry gathers while a line is ranked, the weights of the ranking (docs/search.md has the
measurements) and the words of the evidence in English and French."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from dualuse import textproc
from dualuse.criteria.model import CriterionStatus
from dualuse.model import Comparator, Number

__all__ = ["Evidence", "EvidenceKind"]

TEXT_HITS = 80            # node-level hits fetched before rolling up
OTHER_NODES_SHARE = 0.15  # how much an entry's other matching nodes add to its best node
HS_SUBHEADING_SHARE = 0.45
HS_HEADING_SHARE = 0.15
PARAMETER_MEETS_SHARE = 0.10
SQUASH = 10.0
TEXT_FLOOR = 5.0  # the "best text score" used for shares when no text matched
COORD_FLOOR = 0.2  # a node that explains none of the rare words keeps this share of its score
# A node one of whose multi-word titles or keywords appears whole in the description ("rubidium
# oscillator") gains this share: a phrase is stronger evidence than the same words scattered.
PHRASE_SHARE = 0.25
# a node whose only words in common with the line are unit symbols ("kg" of "60 kg bags" and of
# "550 Wh/kg") keeps this share: units are compared as quantities (step 4), not as words
UNIT_ONLY_SHARE = 0.25
# A chemical of the chemicals table named whole in the description ranks with this share of the
# best text score (a name is strong, but "ammonium nitrate" may be a fertiliser line: not decisive)
CHEMICAL_NAME_SHARE = 1.2
# a CAS number named in a decontrol remark: exact, so shown first, but never decisive
DECONTROL_CAS_SHARE = 1.3
# ... or by the name the remark gives with that CAS ("chlore"): shown high, below an exact CAS
DECONTROL_NAME_SHARE = 1.2  # as a chemical name of the table (CHEMICAL_NAME_SHARE)
# Invoice lines name goods; software (group D, ML21) and technology (group E, ML22) entries keep
# this share of their score unless the description speaks of software or technology.
INTANGIBLE_SHARE = 0.8
_SOFTWARE_WORDS = ("software", "logiciel", "firmware", "micrologiciel", "source code",
                   "code source", "licence key", "license key", "programme", "program ")
_TECHNOLOGY_WORDS = ("technology", "technologie", "know-how", "savoir-faire", "technical data",
                     "données techniques", "design data", "documentation", "blueprint", "drawings",
                     "plans de", "training", "formation", "assistance technique",
                     "technical assistance")

# acc(list_id, code, entry=None): the accumulator of an entry, created on first use
# acc(list_id, code, entry=None): the accumulator of an entry, created on first use
_AccFor = Callable[..., "_Acc"]

EvidenceKind = Literal["text", "cas", "hs", "parameter", "decontrol"]


class Evidence(BaseModel):
    """Why a candidate ranks where it does. Threshold evidence (``kind="parameter"``) is
    structured: the criterion's named quantity, comparator, value and unit, and whether the line's
    figure meets it (``meets`` / ``does-not-meet`` / ``not-stated``); ``detail`` says it in
    words."""

    model_config = ConfigDict(frozen=True)
    kind: EvidenceKind
    detail: str
    code: str | None = None
    terms: tuple[str, ...] = ()
    status: CriterionStatus | None = None
    quantity: str | None = None
    comparator: Comparator | None = None
    value: Number | None = None
    unit: str | None = None


@dataclass
class _Acc:
    list_id: str
    entry: str
    best_code: str = ""
    best: float = 0.0
    others: float = 0.0
    bonus: float = 0.0
    decisive: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    matched: set[str] = field(default_factory=set)
    coverage: float = 0.0
    titles: list[str] = field(default_factory=list)  # for entries outside the catalog

    def add_text(self, code: str, score: float) -> None:
        if score > self.best:
            self.others += self.best
            self.best, self.best_code = score, code
        else:
            self.others += score

    factor: float = 1.0
    from_table: bool = False  # evidence from the chemicals table (its edition is named)

    @property
    def raw(self) -> float:
        text = self.best + OTHER_NODES_SHARE * min(self.others, self.best)
        return (text + self.bonus) * self.factor





def _rank(a: _Acc) -> tuple[bool, float, str]:
    return (not a.decisive, -a.raw, a.entry)


_MESSAGES = {
    "cas": {"en": "CAS {cas} is named in {code}", "fr": "le CAS {cas} est cité dans {code}"},
    "hs6": {"en": "HS {hs} is an indicative subheading of {code}",
            "fr": "le SH {hs} est une sous-position indicative de {code}"},
    "hs4": {"en": "HS heading of {hs} is indicative for {code}",
            "fr": "la position SH de {hs} est indicative pour {code}"},
    "text": {"en": "words matched in {code}: {words}", "fr": "mots trouvés dans {code} : {words}"},
    "chem_cas": {"en": "CAS {term} is {name}, {lists} ({code})",
                 "fr": "le CAS {term} est {name}, {lists} ({code})"},
    "chem_name": {"en": "{name} is named in the description: {lists} ({code})",
                  "fr": "{name} est nommé dans la désignation : {lists} ({code})"},
    "chem_hs": {"en": "HS {term} is the subheading of {name}, {lists} ({code})",
                "fr": "le SH {term} est la sous-position de {name}, {lists} ({code})"},
    "cas_decontrol": {"en": "CAS {cas} is named as outside {code}: {text}",
                      "fr": "le CAS {cas} est cité comme hors de {code} : {text}"},
    "name_decontrol": {"en": "{name} (CAS {cas}) is named as outside {code}: check the note's "
                             "conditions",
                       "fr": "{name} (CAS {cas}) est cité comme hors de {code} : en vérifier les "
                             "conditions"},
    "decontrol": {"en": "check the decontrol note of {code}: {text}",
                  "fr": "vérifier la note d'exclusion de {code} : {text}"},
}


def _t(key: str, lang: str) -> str:
    return _MESSAGES[key].get(lang, _MESSAGES[key]["en"])



@lru_cache(maxsize=20_000)
def _phrase_tokens(phrase: str, lang: str) -> frozenset[str]:
    return frozenset(textproc.tokens(phrase, lang))
