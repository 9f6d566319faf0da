"""Threshold questions: a product data sheet built from the criteria tables, keyed by the decision.

For one entry, the builder walks the criteria tree down one alternative (every child of an
"all of the following" node, one child of an "any" node) and collects every criterion on the way:
the sub-item's and its ancestors'. It then chooses figures that meet all of them (scenario
``listed``), fail one (``not-listed``), leave one out (``needs-figure``), or meet a note that
releases the goods (``released``, hard only), and names the product with the knowledge base's
trade words for that sub-item. The key is what ``dualuse``'s decision says about the very text the
trainee reads (``dualuse.criteria.decide.decide``): a data sheet whose decision differs from the
scenario is dropped, never keyed by hand.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache

from dualuse.catalog import Catalog
from dualuse.criteria import CriteriaTable, Criterion, Decision, load_criteria, quantities
from dualuse.criteria.model import AnyOf, CriterionResult
from dualuse.exercises.text import NBSP, compared, figure, limit, typography

D = Decimal
INF = D("Infinity")
SCENARIOS = ("listed", "not-listed", "needs-figure")
# relative distance of a figure from the limit that decides, per difficulty
MARGIN = {"easy": D("1.0"), "medium": D("0.25"), "hard": D("0.05")}


@dataclass
class Sheet:
    """A product data sheet and the decision dualuse makes on it."""

    entry: str
    target: str                      # the deepest sub-item the figures aim at
    scenario: str
    product: str
    figures: list[tuple[str, Decimal, str]]   # (quantity, value, unit), in the order shown
    text: str
    decision: Decision
    deciding: tuple[CriterionResult, ...] = ()
    omitted: str | None = None       # the quantity left out (needs-figure)
    released: str | None = None      # the release id met (released)
    criteria: list[tuple[str, Criterion]] = field(default_factory=list)


@cache
def _children(list_id: str) -> dict[str, list[str]]:
    from dualuse.criteria.decide import _compile

    return _compile(load_criteria()[list_id]).children


def goods_entries(table: CriteriaTable) -> list[str]:
    """Entries a data sheet can be written for: goods (groups A-C), not software or technology."""
    out = []
    for code, n in table.nodes.items():
        if "." in code or n.intangible:
            continue
        group = code[1:2] if code[:1].isdigit() else ""
        if group in ("D", "E"):
            continue
        out.append(code)
    return sorted(out)


def _walk(table: CriteriaTable, children: dict[str, list[str]], code: str,
          rng: random.Random, path: list[str]) -> list[tuple[str, Criterion]] | None:
    """The criteria to state for ``code`` along one alternative (``path`` gets the codes)."""
    n = table.nodes.get(code)
    if n is None or n.intangible:
        return None
    path.append(code)
    out: list[tuple[str, Criterion]] = []
    for c in n.criteria:
        out.append((code, rng.choice(c.any_of) if isinstance(c, AnyOf) else c))
    kids = children.get(code, [])
    if kids and n.combine == "all":
        for k in kids:
            sub = _walk(table, children, k, rng, path)
            if sub is None:
                return None
            out += sub
    elif kids:
        order = list(kids)
        rng.shuffle(order)
        for k in order:
            mark = len(path)
            sub = _walk(table, children, k, rng, path)
            if sub is not None:
                out += sub
                break
            del path[mark:]
        else:
            return None
    return out


def _factor(unit: str) -> tuple[D, D]:
    """(factor, offset) to the base unit."""
    if not unit:
        return D(1), D(0)
    from dualuse.parameters import parse_unit

    _, _, factor = parse_unit(unit)
    return (D(1), D("273.15")) if unit == "degC" else (factor, D(0))


def _base(c: Criterion) -> D:
    f, off = _factor(c.unit)
    return c.value * f + off


class _Interval:
    def __init__(self) -> None:
        self.lo, self.lo_open, self.hi, self.hi_open = -INF, True, INF, True

    def add(self, comparator: str, v: D, *, want: bool) -> None:
        if comparator == "eq":
            if want:
                self.lo, self.lo_open, self.hi, self.hi_open = v, False, v, False
            return
        if not want:
            comparator = {"gt": "le", "ge": "lt", "lt": "ge", "le": "gt"}[comparator]
        if comparator in ("gt", "ge") and (v > self.lo or (v == self.lo and comparator == "gt")):
            self.lo, self.lo_open = v, comparator == "gt"
        if comparator in ("lt", "le") and (v < self.hi or (v == self.hi and comparator == "lt")):
            self.hi, self.hi_open = v, comparator == "lt"

    def holds(self, x: D) -> bool:
        lo_ok = x > self.lo if self.lo_open else x >= self.lo
        hi_ok = x < self.hi if self.hi_open else x <= self.hi
        return lo_ok and hi_ok

    def pick(self, margin: D, rng: random.Random, *, exact_ok: bool) -> D | None:
        lo, hi = self.lo, self.hi
        if lo > hi:
            return None
        if exact_ok and rng.random() < 0.4:
            if not self.lo_open and lo != -INF:
                return lo
            if not self.hi_open and hi != INF:
                return hi
        if lo != -INF and hi != INF:
            return lo + (hi - lo) * (D("0.5") if margin >= 1 else min(margin * 2, D("0.5")))
        if lo != -INF:
            return lo * (1 + margin) if lo > 0 else lo + max(abs(lo), D(1)) * margin
        if hi != INF:
            return hi / (1 + margin) if hi > 0 else hi - max(abs(hi), D(1)) * margin
        return None


def _shown(base: D, unit: str, interval: _Interval, *, integer: bool) -> D | None:
    """The value in ``unit``, rounded as a data sheet prints it, still inside the interval."""
    f, off = _factor(unit)
    raw = (base - off) / f
    if integer:
        for cand in (raw.to_integral_value(), raw.to_integral_value() + 1,
                     raw.to_integral_value() - 1):
            if interval.holds(cand * f + off):
                return cand
        return None
    if raw == 0:
        return raw if interval.holds(off) else None
    for digits in (2, 3, 4, 5, 6):
        exp = raw.copy_abs().adjusted() - digits + 1
        cand = raw.quantize(D(1).scaleb(exp), rounding=ROUND_HALF_EVEN)
        if interval.holds(cand * f + off):
            return cand.normalize() if cand == cand.to_integral_value() else cand
    return None


def _product(cat: Catalog, list_id: str, path: list[str], lang: str,
             rng: random.Random) -> str | None:
    """The product named as a data sheet names it: the trade words of the deepest sub-item that
    has some (never its title, which paraphrases the legal wording)."""
    lv = cat.lists.get(list_id)
    if lv is None:
        return None
    for code in reversed(path):
        node = lv.nodes.get(code)
        if node is None:
            continue
        words = [w for w in node.keywords.get(lang)
                 if not any(ch.isdigit() for ch in w) and len(w.split()) <= 6 and len(w) >= 3]
        if words:
            w = rng.choice(words)
            return w[:1].upper() + w[1:]
    return None


def label(quantity: str, lang: str) -> str:
    """The figure's label on a data sheet: the quantity's name when the reader knows it as a cue
    (parentheses dropped: they would cut the name from its figure), else its longest cue."""
    from dualuse.textproc import fold

    q = quantities()[quantity]
    cues = q.cues_fr if lang == "fr" else q.cues_en
    name = (q.name.get(lang) or quantity).split(" (")[0]
    if fold(name).lower() in {fold(c).lower() for c in cues} or not cues:
        return name
    return max(cues, key=len)


_KB: dict[int, tuple[Catalog, object, object]] = {}


def _kb(cat: Catalog):  # type: ignore[no-untyped-def]
    """The catalog's children and kind words, as the classifier's decision reads them."""
    from dualuse.criteria.screen import kb_children_fn, kind_fn

    hit = _KB.get(id(cat))
    if hit is None or hit[0] is not cat:
        _KB.clear()
        hit = (cat, kb_children_fn(cat), kind_fn(cat))
        _KB[id(cat)] = hit
    return hit[1], hit[2]


_HEAD = {"en": "Data sheet: {p}", "fr": "Fiche technique : {p}"}


def build(cat: Catalog, list_id: str, entry: str, scenario: str, difficulty: str, lang: str,
          rng: random.Random) -> Sheet | None:
    """A data sheet for ``entry`` in ``scenario``, or ``None`` when the figures cannot be made
    consistent or dualuse's decision on the text is not the scenario's."""
    from dualuse.criteria.decide import decide
    from dualuse.line import analyse

    tables = load_criteria()
    table = tables[list_id]
    path: list[str] = []
    crits = _walk(table, _children(list_id), entry, rng, path)
    if not crits:
        return None
    releases = [r for r in table.releases if r.applies_to in path and r.criteria]
    by_q: dict[str, _Interval] = {}
    units: dict[str, str] = {}
    order: list[str] = []

    def constrain(c: Criterion, *, want: bool) -> None:
        iv = by_q.setdefault(c.quantity, _Interval())
        iv.add(c.comparator, _base(c), want=want)
        units.setdefault(c.quantity, c.unit)
        if c.quantity not in order:
            order.append(c.quantity)

    deciding_q: str | None = None
    if scenario in ("not-listed", "needs-figure"):
        deciding_q = crits[-1][1].quantity   # the sub-item's own figure, deepest first
    released_id: str | None = None
    for _, c in crits:
        constrain(c, want=not (scenario == "not-listed" and c.quantity == deciding_q))
    for r in releases:
        met = scenario == "released" and released_id is None
        items = [x if isinstance(x, Criterion) else x.any_of[0] for x in r.criteria]
        if met:
            released_id = r.id
            for c in items:
                constrain(c, want=True)
        else:
            constrain(items[0], want=False)
    if scenario == "released" and released_id is None:
        return None
    margin = MARGIN[difficulty]
    figures: list[tuple[str, D, str]] = []
    defs = quantities()
    for q in order:
        if scenario == "needs-figure" and q == deciding_q:
            continue
        iv = by_q[q]
        base = iv.pick(margin, rng, exact_ok=difficulty == "hard")
        if base is None:
            return None
        unit = units[q]
        value = _shown(base, unit, iv, integer=defs[q].dimension in ("count", "pixels"))
        if value is None:
            return None
        figures.append((q, value, unit))
    product = _product(cat, list_id, path, lang, rng)
    if product is None or not figures:
        return None
    lines = [_HEAD[lang].format(p=product)]
    for q, value, unit in figures:
        lines.append(f"- {label(q, lang)}: {figure(value, unit, lang)}")
    text = typography("\n".join(lines), lang)
    line = analyse(text.replace(NBSP, " "), lang)
    children, kind = _kb(cat)
    decision = decide(line, [(list_id, entry)], tables, kb_children=children, kind=kind)
    want = "not-listed" if scenario == "released" else scenario
    if decision.status != want:
        return None
    deciding = _deciding(decision, deciding_q)
    if want != "needs-figure" and not deciding and not decision.releases:
        return None
    return Sheet(entry=entry, target=decision.code or path[-1], scenario=scenario, product=product,
                 figures=figures, text=text, decision=decision, deciding=deciding,
                 omitted=deciding_q if scenario == "needs-figure" else None,
                 released=released_id, criteria=crits)


def _deciding(decision: Decision, quantity: str | None) -> tuple[CriterionResult, ...]:
    if decision.status == "listed":
        code = decision.code or ""
        return tuple(r for r in decision.criteria if r.status == "meets"
                     and (code == r.code or code.startswith(r.code + ".")))
    if decision.status == "not-listed":
        return tuple(r for r in decision.criteria if r.status == "does-not-meet")
    return tuple(r for r in decision.criteria
                 if r.status == "not-stated" and (quantity is None or r.quantity == quantity))


def explain(sheet: Sheet, lang: str) -> str:
    """The feedback: the criterion that decides, the comparator worded right."""
    defs = quantities()
    stated = {q: (v, u) for q, v, u in sheet.figures}
    parts: list[str] = []
    for r in sheet.deciding[:3]:
        name = defs[r.quantity].name.get(lang) or r.quantity
        lim = limit(r.comparator, r.value, r.unit, lang)
        if r.status == "not-stated":
            parts.append(f"{r.code} asks for a {name} of {lim}; the data sheet does not state it"
                          if lang == "en" else
                          f"{r.code} exige : {name}, {lim} ; la fiche ne l'indique pas")
            continue
        v, u = stated.get(r.quantity, (None, r.unit))
        if v is None:
            continue
        shown = figure(v, u, lang)
        verb = compared(r.comparator, r.value, r.unit, met=r.status == "meets", lang=lang)
        parts.append(f"{r.code}: {name} {shown} {verb}" if lang == "en" else
                     f"{r.code} : {name} {shown} {verb}")
    for rel in sheet.decision.releases:
        parts.append(("released by a note: " if lang == "en" else "libéré par une note : ")
                     + (rel.text.get(lang) or rel.id))
    return typography("; ".join(parts), lang)


def with_releases(table: CriteriaTable) -> list[str]:
    """Goods entries with a note that releases goods by figures (the ``released`` scenario)."""
    codes = {r.applies_to.split(".")[0] for r in table.releases if r.criteria}
    return [e for e in goods_entries(table) if e in codes]
