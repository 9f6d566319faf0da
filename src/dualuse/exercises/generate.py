"""Generate classification exercises from the catalog: seeded, reproducible, in English or French.

Every fact in a question comes from the knowledge base (titles, keywords, indicative HS codes,
machine-readable thresholds) or from dualuse's own engines (the licensing engine for licence
questions); nothing is copied from the legal wording. The same seed and options always give the
same set, byte for byte, for a given catalog.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import cast

from dualuse.catalog import Catalog, open_catalog
from dualuse.codes import control
from dualuse.errors import InputError
from dualuse.exercises.model import (
    DIFFICULTIES,
    EXERCISE_TYPES,
    Choice,
    ExerciseSet,
    Question,
)
from dualuse.model import Node, Parameter

DEFAULT_LIST = "wassenaar-2025"
MAX_COUNT = 500
KEYS = "ABCDEFGH"
N_CHOICES = 4

# How far from the threshold a generated value lies, per difficulty (relative distance).
MARGIN = {"easy": Decimal("1.0"), "medium": Decimal("0.25"), "hard": Decimal("0.05")}

T: dict[str, dict[str, str]] = {
    "title": {"en": "Strategic goods classification exercises",
              "fr": "Exercices de classement des biens stratégiques"},
    "identify.ask": {"en": "Which control entry should the officer check first?",
                     "fr": "Quelle rubrique de contrôle l'agent doit-il vérifier en premier ?"},
    "identify.reason": {"en": "{code} ({title}): the description names {kws}.",
                        "fr": "{code} ({title}) : la désignation mentionne {kws}."},
    "identify.wrong": {"en": "{code} covers {title}.", "fr": "{code} vise : {title}."},
    "threshold.prompt": {"en": "Technical data sheet: {product}; {quantity}: {value} {unit}.",
                         "fr": "Fiche technique : {product} ; {quantity} : {value} {unit}."},
    "threshold.ask": {"en": "Judged on this value alone, is the item caught by {code}?",
                      "fr": "Au vu de cette seule valeur, l'article relève-t-il de {code} ?"},
    "threshold.meets": {"en": "Yes: the value meets the threshold of {code}",
                        "fr": "Oui : la valeur atteint le seuil de {code}"},
    "threshold.fails": {"en": "No: below the threshold, not controlled by {code}",
                        "fr": "Non : en deçà du seuil, non contrôlé par {code}"},
    "threshold.reason": {"en": "{code} applies when {threshold}; {value} {unit} {verb} it.",
                         "fr": "{code} s'applique lorsque {threshold} ; {value} {unit} {verb}."},
    "threshold.verb.meets": {"en": "meets", "fr": "atteint ce seuil"},
    "threshold.verb.fails": {"en": "does not meet", "fr": "n'atteint pas ce seuil"},
    "hs.prompt": {"en": "Declaration line: HS {hs}, \"{desc}\".",
                  "fr": "Ligne de déclaration : SH {hs}, « {desc} »."},
    "hs.ask": {"en": "Which control entries must be checked for this line? (all that apply)",
               "fr": "Quelles rubriques de contrôle faut-il vérifier pour cette ligne ? "
                     "(toutes celles qui s'appliquent)"},
    "hs.reason": {"en": "HS {hs} is indicatively linked to {codes}; the HS code only narrows the "
                        "search, the technical description decides.",
                  "fr": "La sous-position SH {hs} est liée à titre indicatif à {codes} ; "
                        "le code SH oriente la recherche, la description technique tranche."},
    "hs.right": {"en": "{code} is linked to HS {hs}.",
                 "fr": "{code} est lié à la sous-position {hs}."},
    "hs.wrong": {"en": "{code} is not linked to HS {hs}.",
                 "fr": "{code} n'est pas lié à la sous-position {hs}."},
    "licence.prompt": {"en": "{procedure} from {origin} to {dest}{via}: {desc} "
                             "(declared {code}){eu}.",
                       "fr": "{procedure} de {origin} vers {dest}{via} : {desc} "
                             "(déclaré {code}){eu}."},
    "licence.via": {"en": " via {c}", "fr": " via {c}"},
    "licence.ask": {"en": "What is the licensing verdict for this item?",
                    "fr": "Quelle est la décision pour cet article ?"},
    "licence.reason": {"en": "{verdict}: {basis}.", "fr": "{verdict} : {basis}."},
}
PREFIX = {"en": ("Invoice line: ", "Commercial description: ", "Declared goods: ",
                 "Packing list item: "),
          "fr": ("Ligne de facture : ", "Désignation commerciale : ", "Marchandise déclarée : ",
                 "Article de la liste de colisage : ")}
PROCEDURE = {"export": {"en": "Export", "fr": "Exportation"},
             "re-export": {"en": "Re-export", "fr": "Réexportation"},
             "transit": {"en": "Transit", "fr": "Transit"},
             "intra-eu-transfer": {"en": "Intra-EU transfer", "fr": "Transfert intra-UE"}}
END_USE = {"wmd": {"en": "the authority has informed the exporter of a possible WMD end use",
                   "fr": "l'autorité a signalé une possible utilisation finale ADM"},
           "military": {"en": "the buyer states a military end use",
                        "fr": "l'acheteur déclare une utilisation finale militaire"}}
VERDICTS = ("prohibited", "licence-required", "review-required", "general-authorisation-available",
            "no-licence-required")
VERDICT_TEXT = {
    "prohibited": {"en": "Prohibited", "fr": "Interdit"},
    "licence-required": {"en": "Individual licence required", "fr": "Autorisation requise"},
    "review-required": {"en": "Review required", "fr": "Examen requis"},
    "general-authorisation-available": {
        "en": "A Union general authorisation can be used",
        "fr": "Une autorisation générale de l'Union est utilisable"},
    "no-licence-required": {"en": "No licence required", "fr": "Aucune autorisation requise"},
}
QUANTITY_FR = {
    "frequency": "fréquence", "output_power": "puissance de sortie", "power": "puissance",
    "wavelength": "longueur d'onde", "pixel_pitch": "pas des pixels", "bandwidth": "bande passante",
    "energy": "énergie", "pulse_energy": "énergie par impulsion",
    "pulse_duration": "durée d'impulsion",
    "temperature": "température", "pressure": "pression", "depth": "profondeur",
    "range": "portée", "accuracy": "précision", "resolution": "résolution", "speed": "vitesse",
    "mass": "masse", "length": "longueur", "diameter": "diamètre", "thickness": "épaisseur",
    "voltage": "tension", "current": "courant", "bias_stability": "stabilité du biais",
    "sampling_rate": "fréquence d'échantillonnage", "sensitivity": "sensibilité",
    "efficiency": "rendement", "thrust": "poussée", "endurance": "autonomie",
    "tensile_strength": "résistance à la traction", "purity": "pureté", "gain": "gain",
    "noise_figure": "facteur de bruit", "peak_power": "puissance crête",
    "average_output_power": "puissance moyenne de sortie", "drift_rate": "dérive",
    "average_particle_size": "taille moyenne des particules",
    "detection_range": "portée de détection",
    "beam_current": "courant du faisceau", "cw_output_power": "puissance de sortie en continu",
    "output_wavelength": "longueur d'onde de sortie",
    "saturated_power_output": "puissance de sortie saturée",
    "output_energy": "énergie de sortie", "sample_rate": "fréquence d'échantillonnage",
    "frequency_range": "gamme de fréquences", "wavelength_range": "gamme de longueurs d'onde",
}


def t(key: str, lang: str, **kw: object) -> str:
    return T[key][lang].format(**kw)


def generate(count: int = 10, *, seed: int = 0, types: Sequence[str] = (),
             categories: Sequence[str] = (), list_id: str = DEFAULT_LIST, lang: str = "en",
             difficulty: str = "medium", catalog: Catalog | None = None) -> ExerciseSet:
    """Generate ``count`` questions. Types rotate in the order given (default: every available
    type)."""
    if not 1 <= count <= MAX_COUNT:
        raise InputError(f"--count {count}: expected 1 to {MAX_COUNT}", value=count)
    if lang not in ("en", "fr"):
        raise InputError(f"--lang {lang!r}: expected 'en' or 'fr'", value=lang)
    if difficulty not in DIFFICULTIES:
        raise InputError(f"--difficulty {difficulty!r}: expected one of {', '.join(DIFFICULTIES)}",
                         value=difficulty)
    for ty in types:
        if ty not in EXERCISE_TYPES:
            raise InputError(f"--type {ty!r}: expected one of {', '.join(EXERCISE_TYPES)}",
                             value=ty)
    cats = tuple(dict.fromkeys(_category(c) for c in categories))
    cat = catalog or open_catalog()
    if list_id not in cat.lists:
        raise InputError(f"--list {list_id!r}: not in the catalog "
                         f"(have: {', '.join(sorted(cat.lists))})",
                         value=list_id)
    pool = _Pool(cat, list_id, cats, lang)
    wanted: tuple[str, ...] = tuple(dict.fromkeys(types)) or EXERCISE_TYPES
    makers = {"identify": _identify, "threshold": _threshold, "hs": _hs, "licence": _licence}
    available = [ty for ty in wanted
                 if makers[ty](pool, random.Random(0), "q00", difficulty, probe=True)]
    if not available:
        what = ", ".join(wanted)
        raise InputError(f"no exercise of type {what} can be built from list {list_id}"
                         + (f" category {', '.join(cats)}" if cats else ""), value=what)
    rng = random.Random(seed)
    questions: list[Question] = []
    used: set[tuple[str, str]] = set()
    attempts = 0
    while len(questions) < count and attempts < count * 50 + 200:
        ty = available[attempts % len(available)]  # every type in turn, failures included
        attempts += 1
        q = makers[ty](pool, rng, f"q{len(questions) + 1:02d}", difficulty, used=used)
        if q is not None:
            questions.append(q)
    if len(questions) < count:
        raise InputError(f"only {len(questions)} distinct questions can be built with these "
                         f"options (asked for {count})", value=count)
    options = {"count": str(count), "types": ",".join(available), "list": list_id,
               "categories": ",".join(cats), "lang": lang, "difficulty": difficulty}
    return ExerciseSet(title=t("title", lang), lang=lang, seed=seed, options=options,
                       editions=tuple(e.label() for e in cat.editions if e.id == list_id),
                       questions=tuple(questions))


def _category(c: str) -> str:
    c = c.strip().upper()
    if c in {str(i) for i in range(10)} | {"ML"}:
        return c
    raise InputError(f"--category {c!r}: expected 0-9 or ML", value=c)


class _Pool:
    """The material questions are drawn from, computed once per generation."""

    def __init__(self, cat: Catalog, list_id: str, cats: tuple[str, ...], lang: str):
        self.cat, self.list_id, self.lang = cat, list_id, lang
        lv = cat.lists[list_id]
        self.all_entries = [n for n in lv.nodes.values()
                            if n.kind == "entry" and not n.not_used_since and n.title.get(lang)]
        self.all_entries.sort(key=lambda n: _order(n.code))
        self.entries = [n for n in self.all_entries if not cats or control.category(n.code) in cats]
        self.by_code = {n.code: n for n in self.all_entries}
        kw = {n.code: _keywords(cat, n, lang) for n in self.all_entries}
        self.keywords = kw
        self.identifiable = [n for n in self.entries if len(kw[n.code]) >= 2]
        hs: dict[str, set[str]] = {}
        # (hs6, entry, description words): the words come from the node that carries the link
        self.hs_questions: list[tuple[str, str, tuple[str, ...]]] = []
        selected = {n.code for n in self.entries}
        for n in self.all_entries:
            for node in cat.walk(n.code, list_id):
                for link in node.hs:
                    hs.setdefault(link.code, set()).add(n.code)
                    if n.code not in selected:
                        continue
                    words = tuple(node.keywords.get(lang)) or (
                        (cast(str, node.title.get(lang)),) if node is not n and node.title.get(lang)
                        else ())
                    words = words or tuple(kw[n.code])
                    if words:
                        self.hs_questions.append((link.code, n.code, words))
        self.hs_to_entries = {k: sorted(v, key=_order) for k, v in sorted(hs.items())}
        self.hs_questions = sorted(set(self.hs_questions))
        self.thresholds = self._thresholds(cat, list_id)

    def _thresholds(self, cat: Catalog, list_id: str) -> list[tuple[Node, str, Parameter]]:
        """(entry, sub-item, parameter) where the sub-item is decided by that one parameter
        alone."""
        out: list[tuple[Node, str, Parameter]] = []
        for entry in self.entries:
            per_code: dict[str, list[Parameter]] = {}
            for node in cat.walk(entry.code, list_id):
                for p in node.parameters:
                    per_code.setdefault(p.applies_to or node.code, []).append(p)
            for code, params in sorted(per_code.items(), key=lambda kv: _order(kv[0])):
                if len(params) == 1 and params[0].comparator in ("gt", "ge", "lt", "le") \
                        and _usable_unit(params[0].unit) and _named(params[0].quantity):
                    out.append((entry, code, params[0]))
        return out

    def distractors(self, rng: random.Random, answer: Node, difficulty: str, n: int,
                    avoid: set[str] = frozenset()) -> list[Node]:  # type: ignore[assignment]
        """Wrong choices: far away when easy, same category when medium, same group or look-alikes
        when hard."""
        cat = control.category(answer.code)
        group = answer.code[:2]
        words = {w for k in self.keywords[answer.code] for w in k.lower().split() if len(w) > 3}
        pools: list[list[Node]] = []
        others = [e for e in self.all_entries if e.code != answer.code and e.code not in avoid]
        same_group = [e for e in others if e.code[:2] == group and control.category(e.code) == cat]
        same_cat = [e for e in others if control.category(e.code) == cat]
        look_alike = [e for e in others
                      if words & {w for k in self.keywords[e.code] for w in k.lower().split()}]
        far = [e for e in others if control.category(e.code) != cat]
        if difficulty == "hard":
            pools = [same_group + [e for e in look_alike if control.category(e.code) == cat],
                     same_cat, look_alike, far]
        elif difficulty == "medium":
            pools = [same_cat, far]
        else:
            pools = [far]
        chosen: list[Node] = []
        for pool in pools:
            cands = [e for e in dict.fromkeys(pool) if e not in chosen]
            rng.shuffle(cands)
            chosen.extend(cands[: n - len(chosen)])
            if len(chosen) >= n:
                break
        return chosen[:n]


def _order(code: str) -> tuple[str, ...]:
    try:
        p = control.parse(code)
        return (p.category.rjust(2, "0"), p.group or "", f"{p.number or 0:04d}",
                *(s.rjust(4, "0") for s in p.subitems))
    except Exception:
        return (code,)


def _keywords(cat: Catalog, entry: Node, lang: str) -> list[str]:
    seen: dict[str, None] = {}
    for k in entry.keywords.get(lang):
        if 3 <= len(k) <= 60:
            seen.setdefault(k, None)
    return list(seen)


def _entry_hs(cat: Catalog, entry: Node, list_id: str) -> list[str]:
    codes: dict[str, None] = {}
    for node in cat.walk(entry.code, list_id):
        for h in node.hs:
            codes.setdefault(h.code, None)
    return list(codes)


MEASURES = {"frequency", "power", "wavelength", "energy", "duration", "bandwidth", "resolution",
            "depth", "speed", "accuracy", "pressure", "temperature", "range", "thrust", "stability",
            "rate", "pitch", "diameter", "length", "mass", "voltage", "current", "gain", "density",
            "strength", "efficiency", "frequencies", "altitude", "endurance", "size", "thickness",
            "width", "sensitivity", "noise", "distance", "velocity", "weight", "capacity"}


def _named(quantity: str) -> bool:
    """Only thresholds whose extracted name ends in a measurement word make readable questions."""
    return quantity.rsplit("_", 1)[-1] in MEASURES


def _usable_unit(unit: str) -> bool:
    try:
        from dualuse.parameters import parse_unit

        parse_unit(unit)
    except Exception:
        return False
    return True


def _choices(rng: random.Random, right: list[tuple[str, str]], wrong: list[tuple[str, str]]
             ) -> tuple[Choice, ...]:
    """Shuffle (text, feedback) pairs into lettered choices."""
    items = [(txt, fb, True) for txt, fb in right] + [(txt, fb, False) for txt, fb in wrong]
    rng.shuffle(items)
    return tuple(Choice(key=KEYS[i], text=txt, correct=ok, feedback=fb)
                 for i, (txt, fb, ok) in enumerate(items))


def _label(node: Node, lang: str) -> str:
    return f"{node.code} - {node.title.get(lang)}"


def _identify(pool: _Pool, rng: random.Random, qid: str, difficulty: str, *,
              probe: bool = False, used: set[tuple[str, str]] | None = None) -> Question | None:
    if probe:
        return len(pool.identifiable) > 0 and len(pool.all_entries) > N_CHOICES  # type: ignore[return-value]
    lang = pool.lang
    entry = rng.choice(pool.identifiable)
    if used is not None and ("identify", entry.code) in used:
        return None
    kws = pool.keywords[entry.code]
    title = entry.title.get(lang) or ""
    if difficulty == "easy":
        words = [title, rng.choice(kws)]
    else:
        k = 1 if difficulty == "hard" else 2
        distinct = [w for w in kws if w.lower() not in title.lower()] or kws
        words = rng.sample(distinct, min(k, len(distinct)))
    named = list(words)
    if difficulty == "hard":
        hs = _entry_hs(pool.cat, entry, pool.list_id)
        if hs:
            words.append(("HS " if lang == "en" else "SH ") + f"{hs[0][:4]}.{hs[0][4:]}")
    desc = rng.choice(PREFIX[lang]) + ", ".join(_cap(w, i) for i, w in enumerate(words))
    shown = {w.lower() for w in words}
    wrong = pool.distractors(rng, entry, difficulty, N_CHOICES - 1,
                             avoid={e.code for e in pool.all_entries
                                    if shown & {k.lower() for k in pool.keywords[e.code]}})
    if len(wrong) < N_CHOICES - 1:
        return None
    if used is not None:
        used.add(("identify", entry.code))
    choices = _choices(rng, [(_label(entry, lang), t("identify.reason", lang, code=entry.code,
                                                      title=title, kws=", ".join(named)))],
                       [(_label(w, lang), t("identify.wrong", lang, code=w.code,
                                            title=w.title.get(lang))) for w in wrong])
    return Question(id=qid, type="identify", difficulty=difficulty, prompt=desc,
                    ask=t("identify.ask", lang), choices=choices, entry=entry.code,
                    reason=t("identify.reason", lang, code=entry.code, title=title,
                             kws=", ".join(named)),
                    basis=(entry.code,))


def _cap(text: str, i: int) -> str:
    return text[:1].upper() + text[1:] if i == 0 else text


def _threshold(pool: _Pool, rng: random.Random, qid: str, difficulty: str, *,
               probe: bool = False, used: set[tuple[str, str]] | None = None) -> Question | None:
    if probe:
        return bool(pool.thresholds)  # type: ignore[return-value]
    lang = pool.lang
    entry, code, p = rng.choice(pool.thresholds)
    meets = rng.random() < 0.5
    if used is not None and ("threshold", f"{code}/{meets}") in used:
        return None
    value = threshold_value(p, meets=meets, margin=MARGIN[difficulty])
    if value is None:
        return None
    node = _nearest_titled(pool, code) or entry
    words = [w for w in node.keywords.get(lang) if not any(ch.isdigit() for ch in w)] or \
        [node.title.get(lang) or entry.code]
    product = words[0] if difficulty == "easy" else rng.choice(words)
    quantity = p.quantity.replace("_", " ") if lang == "en" else \
        QUANTITY_FR.get(p.quantity, p.quantity.replace("_", " "))
    shown = _fmt(value)
    prompt = t("threshold.prompt", lang, product=_cap(product, 0), quantity=quantity, value=shown,
               unit=p.unit)
    reason = t("threshold.reason", lang, code=code, threshold=p.describe(), value=shown,
               unit=p.unit, verb=t("threshold.verb." + ("meets" if meets else "fails"), lang))
    yes, no = t("threshold.meets", lang, code=code), t("threshold.fails", lang, code=code)
    choices = (Choice(key="A", text=yes, correct=meets, feedback=reason),
               Choice(key="B", text=no, correct=not meets, feedback=reason))
    if used is not None:
        used.add(("threshold", f"{code}/{meets}"))
    return Question(id=qid, type="threshold", difficulty=difficulty, prompt=prompt,
                    ask=t("threshold.ask", lang, code=code), choices=choices, entry=code,
                    reason=reason, basis=(code, p.describe()), threshold=p)


def _nearest_titled(pool: _Pool, code: str) -> Node | None:
    lv = pool.cat.lists[pool.list_id]
    try:
        chain = [control.normalise(code), *reversed(control.ancestors(code))]
    except Exception:  # generated codes are valid; be safe anyway
        return None
    for c in chain:
        n = lv.nodes.get(c)
        title = n.title.get(pool.lang) if n is not None else None
        # a title that states the threshold gives it away
        if n is not None and title and n.kind not in ("category", "group") and \
                not any(ch.isdigit() for ch in title):
            return n
    return None


def threshold_value(p: Parameter, *, meets: bool, margin: Decimal) -> Decimal | None:
    """A value on the requested side of ``p``'s threshold, ``margin`` (relative) away from it.

    >>> from dualuse.model import Parameter
    >>> p = Parameter(quantity="frequency", comparator="gt", value=Decimal("43.5"), unit="GHz")
    >>> (threshold_value(p, meets=True, margin=Decimal("0.25")),
    ...  threshold_value(p, meets=False, margin=Decimal("0.25")))
    (Decimal('54.4'), Decimal('32.6'))
    """
    v = p.value
    step = abs(v) * margin if v else margin
    upward = (p.comparator in ("gt", "ge")) == meets
    raw = v + step if upward else v - step
    if raw <= 0 < v:  # below zero makes no sense for a magnitude: halve instead
        raw = v / 2
    out = _round(raw, v)
    # rounding must never land on or across the threshold
    if (upward and out <= v) or (not upward and out >= v):
        return None
    return out


def _round(x: Decimal, ref: Decimal) -> Decimal:
    """Round to three significant digits, or to the reference's own precision if finer."""
    if x == 0:
        return x
    exp = x.copy_abs().adjusted() - 2
    ref_exp = ref.normalize().as_tuple().exponent if ref else 0
    q = min(exp, ref_exp if isinstance(ref_exp, int) else exp)
    return x.quantize(Decimal(1).scaleb(q), rounding=ROUND_HALF_EVEN)


def _fmt(x: Decimal) -> str:
    s = format(x.normalize(), "f")
    return s


def _hs(pool: _Pool, rng: random.Random, qid: str, difficulty: str, *,
        probe: bool = False, used: set[tuple[str, str]] | None = None) -> Question | None:
    if probe:
        return bool(pool.hs_questions)  # type: ignore[return-value]
    lang = pool.lang
    hs6, code, words = rng.choice(pool.hs_questions)
    if used is not None and ("hs", hs6) in used:
        return None
    entry = pool.by_code[code]
    linked = [pool.by_code[c] for c in pool.hs_to_entries[hs6] if c in pool.by_code]
    right = linked[:3] if code in {n.code for n in linked[:3]} else [entry, *linked[:2]]
    right = list(dict.fromkeys(right))
    wrong = pool.distractors(rng, entry, difficulty, N_CHOICES + 1 - len(right),
                             avoid={n.code for n in linked})
    if not wrong:
        return None
    desc = rng.choice(words)
    hs_txt = f"{hs6[:4]}.{hs6[4:]}"
    if used is not None:
        used.add(("hs", hs6))
    choices = _choices(rng, [(_label(n, lang), t("hs.right", lang, code=n.code, hs=hs_txt))
                             for n in right],
                       [(_label(n, lang), t("hs.wrong", lang, code=n.code, hs=hs_txt))
                        for n in wrong])
    codes = ", ".join(n.code for n in linked)
    return Question(id=qid, type="hs", difficulty=difficulty,
                    prompt=t("hs.prompt", lang, hs=hs_txt, desc=desc), ask=t("hs.ask", lang),
                    choices=choices, multiple=len(right) > 1, entry=code,
                    reason=t("hs.reason", lang, hs=hs_txt, codes=codes),
                    basis=tuple(n.code for n in linked))


# Destinations chosen to exercise every branch of the rules (kept as data the engine decides on).
LICENCE_DESTINATIONS = ("US", "JP", "NO", "CH", "CA", "AU", "CN", "IN", "BR", "AE", "TR", "RU",
                        "BY", "IR", "KP", "SY", "MM", "DE", "FR", "IT")
EU_ORIGINS = ("FR", "DE", "BE", "NL", "IT", "ES", "PL")


def _licence(pool: _Pool, rng: random.Random, qid: str, difficulty: str, *,
             probe: bool = False, used: set[tuple[str, str]] | None = None) -> Question | None:
    try:
        from dualuse.licensing.declaration import Declaration
        from dualuse.licensing.engine import check
    except ImportError:
        return None
    if probe:
        return bool(pool.entries)  # type: ignore[return-value]
    lang = pool.lang
    entry = rng.choice(pool.entries)
    origin = rng.choice(EU_ORIGINS)
    dest = rng.choice([d for d in LICENCE_DESTINATIONS if d != origin])
    eu_dest = dest in ("DE", "FR", "IT")
    procedure = ("intra-eu-transfer" if eu_dest
                 else rng.choice(("export", "export", "re-export", "transit")))
    transit = None
    if procedure == "transit":
        transit, origin = origin, rng.choice(("US", "CH", "NO", "GB"))
    end_use: dict[str, bool] = {}
    if difficulty != "easy" and rng.random() < 0.3:
        end_use[rng.choice(("wmd", "military"))] = True
    if end_use.get("wmd"):
        end_use["informed_by_authority"] = True
    key = f"{entry.code}/{procedure}/{dest}/{sorted(end_use)}"
    if used is not None and ("licence", key) in used:
        return None
    decl: dict[str, object] = {"procedure": procedure, "exporter_country": origin,
                               "destination_country": dest,
                               "items": [{"line": 1, "control_code": entry.code}]}
    if transit:
        decl["transit_country"] = transit
    if end_use:
        decl["end_use"] = end_use
    result = check(Declaration.model_validate(decl))
    item = result.items[0]
    verdict = str(item.verdict)
    basis = tuple(_citation(c) for c in item.legal_basis)
    names = _country_names(lang)
    eu = "; " + "; ".join(END_USE[k][lang] for k in ("wmd", "military") if end_use.get(k)) \
        if end_use else ""
    prompt = t("licence.prompt", lang, procedure=PROCEDURE[procedure][lang],
               origin=names(origin), dest=names(dest),
               via=t("licence.via", lang, c=names(transit)) if transit else "",
               desc=entry.title.get(lang), code=entry.code, eu=eu)
    reason = t("licence.reason", lang, verdict=VERDICT_TEXT[verdict][lang],
               basis="; ".join(basis) or "-")
    if used is not None:
        used.add(("licence", key))
    choices = tuple(Choice(key=KEYS[i], text=VERDICT_TEXT[v][lang], correct=v == verdict,
                           feedback=reason) for i, v in enumerate(VERDICTS))
    return Question(id=qid, type="licence", difficulty=difficulty, prompt=prompt,
                    ask=t("licence.ask", lang), choices=choices, entry=entry.code, reason=reason,
                    basis=basis, declaration=decl)


def _citation(c: object) -> str:
    for attr in ("label", "cite"):
        fn = getattr(c, attr, None)
        if callable(fn):
            return str(fn())
    if isinstance(c, str):
        return c
    parts = [str(getattr(c, a)) for a in ("act", "article") if getattr(c, a, None)]
    return ", ".join(parts) or str(c)


def _country_names(lang: str):  # type: ignore[no-untyped-def]
    import gettext

    import pycountry

    tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)

    def name(code: str | None) -> str:
        if not code:
            return ""
        c = pycountry.countries.get(alpha_2=code)
        return f"{tr.gettext(c.name)} ({code})" if c else code

    return name
