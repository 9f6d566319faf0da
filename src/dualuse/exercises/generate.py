"""Generate classification exercises from the catalog: seeded, reproducible, in English or French.

Every fact in a question comes from the knowledge base (titles, keywords, indicative HS codes),
the criteria tables, the chemicals table, or dualuse's own engines: the decision keys threshold
questions (``exercises/products.py``), the licensing engine keys licence questions
(``exercises/licence.py``). Nothing is copied from the legal wording. The same seed and options
always give the same set, byte for byte, for a given catalog.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence

from dualuse.catalog import Catalog, open_catalog
from dualuse.codes import control
from dualuse.errors import InputError
from dualuse.exercises.licence import VERDICTS, licence_question
from dualuse.exercises.model import DIFFICULTIES, EXERCISE_TYPES, Choice, ExerciseSet, Question
from dualuse.exercises.pool import Pool, intangible
from dualuse.exercises.text import typography

DEFAULT_LIST = "wassenaar-2025"
MAX_COUNT = 500
KEYS = "ABCDEFGH"
N_CHOICES = 4

T: dict[str, dict[str, str]] = {
    "title": {"en": "Strategic goods classification exercises",
              "fr": "Exercices de classement des biens stratégiques"},
    "identify.ask": {"en": "Which control entry should the officer check first?",
                     "fr": "Quelle rubrique de contrôle l'agent doit-il vérifier en premier ?"},
    "identify.reason": {"en": "{code} ({title}): the description names {kws}.",
                        "fr": "{code} ({title}) : la désignation mentionne {kws}."},
    "identify.wrong": {"en": "{code} covers {title}.", "fr": "{code} vise : {title}."},
    "software.prefix": {"en": "Software licence and download: ",
                        "fr": "Licence et téléchargement de logiciel : "},
    "technology.prefix": {"en": "Technology transfer contract (drawings, know-how, training): ",
                          "fr": "Contrat de transfert de technologie (plans, savoir-faire, "
                                "formation) : "},
    "threshold.ask": {"en": "Is this product caught by entry {code}?",
                      "fr": "Ce produit relève-t-il de la rubrique {code} ?"},
    "threshold.listed": {"en": "Yes: its figures meet the criteria of {code}",
                         "fr": "Oui : ses caractéristiques remplissent les critères de {code}"},
    "threshold.not-listed": {"en": "No: a stated figure or a note rules out {code}",
                             "fr": "Non : une caractéristique indiquée ou une note écarte {code}"},
    "threshold.needs-figure": {"en": "Cannot be decided: a figure that decides is not stated",
                               "fr": "Impossible à trancher : une caractéristique décisive "
                                     "n'est pas indiquée"},
    "hs.prompt": {"en": "Declaration line: HS {hs}, \"{desc}\".",
                  "fr": "Ligne de déclaration : SH {hs}, « {desc} »."},
    "hs.ask": {"en": "Which entry should the officer check? (The HS code is context: the "
                     "description decides.)",
               "fr": "Quelle rubrique l'agent doit-il vérifier ? (Le code SH n'est qu'un "
                     "indice : la désignation tranche.)"},
    "hs.right": {"en": "\"{desc}\" is what {code} covers.",
                 "fr": "« {desc} » relève de {code}."},
    "hs.wrong": {"en": "{code} covers {title}, not \"{desc}\".",
                 "fr": "{code} vise : {title}, pas « {desc} »."},
    "scope.prompt": {"en": "Goods are declared under HS {hs}.",
                     "fr": "Des marchandises sont déclarées sous la sous-position SH {hs}."},
    "scope.ask": {"en": "Which control entries can this HS code hide?",
                  "fr": "Quelles rubriques de contrôle ce code SH peut-il cacher ?"},
    "scope.right": {"en": "{code} is indicatively linked to HS {hs}.",
                    "fr": "{code} est lié à titre indicatif à la sous-position {hs}."},
    "scope.wrong": {"en": "{code} is not linked to HS {hs}.",
                    "fr": "{code} n'est pas lié à la sous-position {hs}."},
    "scope.reason": {"en": "HS {hs} is indicatively linked to {codes}: goods declared under it "
                           "may fall under any of them; the description decides which.",
                     "fr": "La sous-position SH {hs} est liée à titre indicatif à {codes} : les "
                           "marchandises déclarées sous ce code peuvent relever de chacune ; la "
                           "désignation tranche."},
    "cas.prompt": {"en": "Drum label: {name}CAS {cas}, HS {hs}.",
                   "fr": "Étiquette du fût : {name}CAS {cas}, SH {hs}."},
    "cas.ask": {"en": "On which list is this chemical?",
                "fr": "Sur quelle liste figure ce produit chimique ?"},
    "cas.right": {"en": "CAS {cas} ({name}): {label}{entries}.",
                  "fr": "CAS {cas} ({name}) : {label}{entries}."},
    "cas.wrong": {"en": "CAS {cas} is not on {label}.", "fr": "CAS {cas} ne figure pas sur : "
                                                          "{label}."},
}
PREFIX = {"en": ("Invoice line: ", "Commercial description: ", "Declared goods: ",
                 "Packing list item: "),
          "fr": ("Ligne de facture : ", "Désignation commerciale : ", "Marchandise déclarée : ",
                 "Article de la liste de colisage : ")}
CAS_LISTS = ("CWC-1", "CWC-2", "CWC-3", "AG-CW", "WCO-GS")


def t(key: str, lang: str, **kw: object) -> str:
    return typography(T[key][lang].format(**kw), lang)


Maker = Callable[["_Run", random.Random, str, str], Question | None]


def parse_mix(text: str) -> dict[str, int]:
    """``"easy:10,medium:20,hard:10"`` -> ``{"easy": 10, "medium": 20, "hard": 10}``."""
    out: dict[str, int] = {}
    for part in text.split(","):
        name, _, n = part.strip().partition(":")
        if name not in DIFFICULTIES or not n.strip().isdigit() or int(n) < 1 or name in out:
            raise InputError(f"--mix {text!r}: expected e.g. easy:10,medium:20,hard:10",
                             value=text)
        out[name] = int(n)
    return out


def set_name(list_id: str, lang: str, difficulty: str, seed: int) -> str:
    """The set's unique name: list, language, difficulty (or mix), seed."""
    return f"{list_id}-{lang}-{difficulty.replace(':', '').replace(',', '-')}-s{seed}"


def generate(count: int = 10, *, seed: int = 0, types: Sequence[str] = (),
             categories: Sequence[str] = (), list_id: str = DEFAULT_LIST, lang: str = "en",
             difficulty: str = "medium", mix: Mapping[str, int] | None = None,
             catalog: Catalog | None = None) -> ExerciseSet:
    """Generate ``count`` questions (or the counts of ``mix``, per difficulty). Types rotate in
    the order given (default: every available type)."""
    plan = [(d, n) for d, n in mix.items()] if mix else [(difficulty, count)]
    total = sum(n for _, n in plan)
    if not 1 <= total <= MAX_COUNT:
        raise InputError(f"--count {total}: expected 1 to {MAX_COUNT}", value=total)
    if lang not in ("en", "fr"):
        raise InputError(f"--lang {lang!r}: expected 'en' or 'fr'", value=lang)
    for d, _ in plan:
        if d not in DIFFICULTIES:
            raise InputError(f"--difficulty {d!r}: expected one of {', '.join(DIFFICULTIES)}",
                             value=d)
    for ty in types:
        if ty not in EXERCISE_TYPES:
            raise InputError(f"--type {ty!r}: expected one of {', '.join(EXERCISE_TYPES)}",
                             value=ty)
    cats = tuple(dict.fromkeys(_category(c) for c in categories))
    cat = catalog or open_catalog()
    if list_id not in cat.lists:
        raise InputError(f"--list {list_id!r}: not in the catalog "
                         f"(have: {', '.join(sorted(cat.lists))})", value=list_id)
    run = _Run(Pool(cat, list_id, cats, lang), cats, seed)
    wanted = tuple(dict.fromkeys(types)) or EXERCISE_TYPES
    available = [ty for ty in wanted if run.can(ty)]
    if not available:
        what = ", ".join(wanted)
        raise InputError(f"no exercise of type {what} can be built from list {list_id}"
                         + (f" category {', '.join(cats)}" if cats else ""), value=what)
    rng = random.Random(seed)
    questions: list[Question] = []
    tried = 0  # every type in turn, failures included
    for diff, n in plan:
        attempts, made = 0, 0
        while made < n and attempts < n * 60 + 200:
            ty = available[tried % len(available)]
            tried += 1
            attempts += 1
            q = MAKERS[ty](run, rng, f"q{len(questions) + 1:02d}", diff)
            if q is not None:
                questions.append(q)
                made += 1
        if made < n:
            raise InputError(f"only {len(questions)} distinct questions can be built with these "
                             f"options (asked for {total})", value=total)
    label = ",".join(f"{d}:{n}" for d, n in plan) if mix else difficulty
    options = {"count": str(total), "types": ",".join(available), "list": list_id,
               "categories": ",".join(cats), "lang": lang, "difficulty": label}
    return ExerciseSet(title=t("title", lang), lang=lang, seed=seed,
                       name=set_name(list_id, lang, "mix-" + label if mix else label, seed),
                       options=options,
                       editions=tuple(e.label() for e in cat.editions if e.id == list_id),
                       questions=tuple(questions))


def _category(c: str) -> str:
    c = c.strip().upper()
    if c in {str(i) for i in range(10)} | {"ML"}:
        return c
    raise InputError(f"--category {c!r}: expected 0-9 or ML", value=c)


class _Run:
    """The state of one generation: the pool, what was asked already, the rotations."""

    def __init__(self, pool: Pool, cats: tuple[str, ...], seed: int) -> None:
        from dualuse.criteria import load_criteria

        self.pool, self.lang = pool, pool.lang
        self.used: set[tuple[str, str]] = set()
        # rotations start where the series number says, so short sets stay balanced overall
        self.n_threshold = seed % 4
        self.n_licence = seed % len(VERDICTS)
        table = load_criteria().get(pool.list_id)
        from dualuse.exercises.products import goods_entries, with_releases

        self.goods = [e for e in (goods_entries(table) if table else [])
                      if not cats or control.category(e) in cats]
        self.releasable = [e for e in with_releases(table) if e in self.goods] if table else []

    def can(self, ty: str) -> bool:
        p = self.pool
        return {"identify": bool(p.identifiable) and len(p.all_entries) > N_CHOICES,
                "threshold": bool(self.goods),
                "hs": bool(p.hs_questions), "hs-scope": bool(p.hs_questions),
                "cas": True, "licence": bool(p.entries)}[ty]


def _choices(rng: random.Random, right: list[tuple[str, str]], wrong: list[tuple[str, str]]
             ) -> tuple[Choice, ...]:
    """Shuffle (text, feedback) pairs into lettered choices."""
    items = [(txt, fb, True) for txt, fb in right] + [(txt, fb, False) for txt, fb in wrong]
    rng.shuffle(items)
    return tuple(Choice(key=KEYS[i], text=txt, correct=ok, feedback=fb)
                 for i, (txt, fb, ok) in enumerate(items))


def _label(pool: Pool, code: str) -> str:
    return f"{code} - {pool.title(code)}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _identify(run: _Run, rng: random.Random, qid: str, difficulty: str) -> Question | None:
    pool, lang = run.pool, run.lang
    entry = rng.choice(pool.identifiable)
    if ("identify", entry.code) in run.used:
        return None
    kws = pool.keywords[entry.code]
    title = entry.title.get(lang) or ""
    k = 1 if difficulty == "hard" else 2  # easy: two trade words, far distractors
    distinct = [w for w in kws if w.lower() not in title.lower()] or kws
    words = rng.sample(distinct, min(k, len(distinct)))
    named = list(words)
    if difficulty == "hard" and not intangible(entry.code):
        hs = [h.code for node in pool.cat.walk(entry.code, pool.list_id) for h in node.hs]
        if hs:
            words.append(("HS " if lang == "en" else "SH ") + f"{hs[0][:4]}.{hs[0][4:]}")
    if intangible(entry.code):
        prefix = T[("software" if entry.code[1] == "D" else "technology") + ".prefix"][lang]
    else:
        prefix = rng.choice(PREFIX[lang])
    desc = typography(prefix, lang) + ", ".join(
        _cap(w) if i == 0 else w for i, w in enumerate(words))
    shown = {w.lower() for w in words}
    wrong = pool.distractors(rng, entry, difficulty, N_CHOICES - 1,
                             avoid={e.code for e in pool.all_entries
                                    if shown & {k.lower() for k in pool.keywords[e.code]}})
    if len(wrong) < N_CHOICES - 1:
        return None
    run.used.add(("identify", entry.code))
    reason = t("identify.reason", lang, code=entry.code, title=title, kws=", ".join(named))
    choices = _choices(rng, [(_label(pool, entry.code), reason)],
                       [(_label(pool, w.code), t("identify.wrong", lang, code=w.code,
                                                 title=pool.title(w.code))) for w in wrong])
    return Question(id=qid, type="identify", difficulty=difficulty, prompt=desc,
                    ask=t("identify.ask", lang), choices=choices, entry=entry.code,
                    reason=reason, basis=(entry.code,))


def _threshold(run: _Run, rng: random.Random, qid: str, difficulty: str) -> Question | None:
    from dualuse.exercises.products import build, explain

    pool, lang = run.pool, run.lang
    scenarios = ["listed", "not-listed", "needs-figure"]
    if difficulty == "hard" and run.releasable:
        scenarios.append("released")
    scenario = scenarios[run.n_threshold % len(scenarios)]
    for _ in range(30):
        entry = rng.choice(run.releasable if scenario == "released" else run.goods)
        if ("threshold", f"{entry}/{scenario}") in run.used:
            continue
        sheet = build(pool.cat, pool.list_id, entry, scenario, difficulty, lang, rng)
        if sheet is None:
            continue
        run.used.add(("threshold", f"{entry}/{scenario}"))
        run.n_threshold += 1
        reason = explain(sheet, lang)
        status = sheet.decision.status
        choices = tuple(Choice(key=KEYS[i], text=t(f"threshold.{s}", lang, code=entry),
                               correct=s == status, feedback=reason)
                        for i, s in enumerate(("listed", "not-listed", "needs-figure")))
        return Question(id=qid, type="threshold", difficulty=difficulty, prompt=sheet.text,
                        ask=t("threshold.ask", lang, code=entry), choices=choices, entry=entry,
                        reason=reason,
                        basis=tuple(dict.fromkeys(r.code for r in sheet.deciding))
                        or (sheet.target,),
                        list_id=pool.list_id, product=sheet.text, decision=status)
    return None


def _words_under(pool: Pool, code: str) -> set[str]:
    return {k.lower() for node in pool.cat.walk(code, pool.list_id)
            for k in (*node.keywords.get(pool.lang), node.title.get(pool.lang) or "")}


def _hs(run: _Run, rng: random.Random, qid: str, difficulty: str) -> Question | None:
    """Which entry should the officer check? Keyed by the goods the description names."""
    pool, lang = run.pool, run.lang
    hs6, code, words = rng.choice(pool.hs_questions)
    desc = rng.choice(words)
    if ("hs", f"{hs6}/{code}") in run.used or code not in pool.by_code:
        return None
    entry = pool.by_code[code]
    clash = {c for c in pool.by_code if c != code and desc.lower() in _words_under(pool, c)}
    linked = [c for c in pool.hs_to_entries[hs6] if c != code and c not in clash
              and c in pool.by_code]
    rng.shuffle(linked)
    wrong = [pool.by_code[c] for c in linked[:N_CHOICES - 1]]
    wrong += pool.distractors(rng, entry, difficulty, N_CHOICES - 1 - len(wrong),
                              avoid=clash | {w.code for w in wrong})
    if len(wrong) < N_CHOICES - 1:
        return None
    run.used.add(("hs", f"{hs6}/{code}"))
    hs_txt = f"{hs6[:4]}.{hs6[4:]}"
    choices = _choices(rng, [(_label(pool, code), t("hs.right", lang, desc=desc, code=code))],
                       [(_label(pool, w.code), t("hs.wrong", lang, code=w.code, desc=desc,
                                                 title=pool.title(w.code))) for w in wrong])
    return Question(id=qid, type="hs", difficulty=difficulty,
                    prompt=t("hs.prompt", lang, hs=hs_txt, desc=desc), ask=t("hs.ask", lang),
                    choices=choices, entry=code,
                    reason=t("hs.right", lang, desc=desc, code=code), basis=(code,), hs=hs6)


def _scope(run: _Run, rng: random.Random, qid: str, difficulty: str) -> Question | None:
    """Which entries can this HS code hide? Keyed by the indicative HS links."""
    pool, lang = run.pool, run.lang
    hs6, code, _ = rng.choice(pool.hs_questions)
    if ("hs-scope", hs6) in run.used or code not in pool.by_code:
        return None
    linked = [c for c in pool.hs_to_entries[hs6] if c in pool.by_code]
    rng.shuffle(linked)
    right = sorted(linked[:3])
    wrong = pool.distractors(rng, pool.by_code[code], difficulty, N_CHOICES + 1 - len(right),
                             avoid=set(pool.hs_to_entries[hs6]))
    if not wrong:
        return None
    run.used.add(("hs-scope", hs6))
    hs_txt = f"{hs6[:4]}.{hs6[4:]}"
    choices = _choices(rng, [(_label(pool, c), t("scope.right", lang, code=c, hs=hs_txt))
                             for c in right],
                       [(_label(pool, w.code), t("scope.wrong", lang, code=w.code, hs=hs_txt))
                        for w in wrong])
    return Question(id=qid, type="hs-scope", difficulty=difficulty,
                    prompt=t("scope.prompt", lang, hs=hs_txt), ask=t("scope.ask", lang),
                    choices=choices, multiple=len(right) > 1, entry=code,
                    reason=t("scope.reason", lang, hs=hs_txt, codes=", ".join(sorted(linked))),
                    basis=tuple(sorted(linked)), hs=hs6)


def _cas(run: _Run, rng: random.Random, qid: str, difficulty: str) -> Question | None:
    """On which list is this chemical? Keyed by the chemicals table, by CAS number."""
    from dualuse.chemicals import LISTS, LISTS_FR, by_cas_index

    lang = run.lang
    index = by_cas_index()
    number = rng.choice(sorted(index))
    rows = index[number]
    if ("cas", number) in run.used:
        return None
    run.used.add(("cas", number))
    labels = LISTS_FR if lang == "fr" else LISTS
    name = rows[0].name(lang)
    on = {r.list: r for r in rows}
    shown_name = f"{name}, " if difficulty == "easy" else ""
    choices = []
    for i, lst in enumerate(CAS_LISTS):
        row = on.get(lst)
        if row is not None:
            codes = f" ({', '.join(row.entries)})" if row.entries else ""
            fb = t("cas.right", lang, cas=number, name=name, label=row.list_label_in(lang),
                   entries=codes)
        else:
            fb = t("cas.wrong", lang, cas=number, label=labels[lst])
        choices.append(Choice(key=KEYS[i], text=labels[lst], correct=row is not None,
                              feedback=fb))
    reason = "; ".join(c.feedback for c in choices if c.correct)
    entries = tuple(dict.fromkeys(e for r in rows for e in r.entries))
    return Question(id=qid, type="cas", difficulty=difficulty,
                    prompt=t("cas.prompt", lang, name=shown_name, cas=number,
                             hs=f"{rows[0].hs[:4]}.{rows[0].hs[4:]}"),
                    ask=t("cas.ask", lang), choices=tuple(choices), multiple=len(on) > 1,
                    entry=entries[0] if entries else None, reason=reason,
                    basis=(*entries, *(r.citation.split(",")[0] for r in rows)), cas=number)


def _licence(run: _Run, rng: random.Random, qid: str, difficulty: str) -> Question | None:
    aim = VERDICTS[run.n_licence % len(VERDICTS)]
    for _ in range(40):
        q = licence_question(run.pool, rng, qid, difficulty, aim, run.used)
        if q is not None:
            run.n_licence += 1
            return q
    run.n_licence += 1  # this verdict cannot be reached with these options: move on
    return None


MAKERS: dict[str, Maker] = {"identify": _identify, "threshold": _threshold, "hs": _hs,
                            "hs-scope": _scope, "cas": _cas, "licence": _licence}
