"""The criteria tree of one entry held against an analysed line, in three values.

``True`` met, ``False`` not met (a stated figure fails, a note releases the goods, the node is
software or technology, or it is an alternative the line is not about), ``None`` undecided (a
figure is not stated, the line does not name a kind the node requires, or the node is not
encoded). A node is ``own criteria AND children (any/all) AND NOT each release``, in Kleene logic,
so an unknown figure can never rule a node out and an unknown release figure can never let goods
go. ``criteria.decide`` turns the entries' results into a ``Decision``.

Pure Python over tables compiled once per ``CriteriaTable``: no I/O per line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from dualuse.criteria.load import quantities
from dualuse.criteria.model import (
    AnyOf,
    CriteriaTable,
    Criterion,
    CriterionResult,
    NodeCriteria,
    Release,
    ReleaseApplied,
)
from dualuse.criteria.reader import Figure
from dualuse.criteria.wording import result_text
from dualuse.line import Line

__all__ = ["EntryResult", "KbChildren", "KindFn", "Tri", "evaluate_entry"]

Tri = bool | None
D = Decimal

# (list_id, code) -> the knowledge base's children of that node (to tell "no children" from
# "children nobody encoded"); the classifier passes the catalog's, tests a dict's ``get``
KbChildren = Callable[[str, str], Sequence[str]]
# (list_id, code, line) -> does the line name the kind of goods of that node (its own words, or
# those of its sub-items)? Read for nodes met by what the goods are, and to set aside alternatives
KindFn = Callable[[str, str, Line], bool]


def _and(values: Sequence[Tri]) -> Tri:
    if any(v is False for v in values):
        return False
    return None if any(v is None for v in values) else True


def _or(values: Sequence[Tri]) -> Tri:
    if any(v is True for v in values):
        return True
    return None if any(v is None for v in values) else False


def _parent(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


@dataclass
class _Compiled:
    table: CriteriaTable
    children: dict[str, list[str]]
    releases: dict[str, list[Release]]
    # per entry: dimension -> the named quantities of its criteria; per node: its quantities
    by_dim: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    under: dict[str, frozenset[str]] = field(default_factory=dict)


_compiled: dict[int, _Compiled] = {}


def _compile(table: CriteriaTable) -> _Compiled:
    hit = _compiled.get(id(table))
    if hit is not None and hit.table is table:
        return hit
    children: dict[str, list[str]] = {}
    for code in table.nodes:
        p = _parent(code)
        while p is not None and p not in table.nodes:
            p = _parent(p)
        if p is not None:
            children.setdefault(p, []).append(code)
    releases: dict[str, list[Release]] = {}
    for r in table.releases:
        releases.setdefault(r.applies_to, []).append(r)
    out = _Compiled(table, children, releases)
    if len(_compiled) > 16:
        _compiled.clear()
    _compiled[id(table)] = out
    return out


@lru_cache(maxsize=4096)
def _limit(value: Decimal, unit: str) -> Decimal:
    """A criterion's value in its dimension's base unit (worked out once per value and unit)."""
    from dualuse.parameters import parse_unit

    _, _, factor = parse_unit(unit)
    return value + D("273.15") if unit == "degC" else value * factor


@dataclass
class EntryResult:
    """One entry held against the line."""

    list_id: str
    entry: str
    value: Tri
    met_code: str | None = None
    results: list[CriterionResult] = field(default_factory=list)
    missing: dict[str, list[str]] = field(default_factory=dict)   # quantity -> codes
    releases: list[ReleaseApplied] = field(default_factory=list)
    not_encoded: list[str] = field(default_factory=list)
    intangible: list[str] = field(default_factory=list)
    unnamed_kind: list[str] = field(default_factory=list)   # met by kind, kind not named
    set_aside: list[str] = field(default_factory=list)      # alternatives the line is not about


class _Evaluator:
    def __init__(self, line: Line, comp: _Compiled, list_id: str, entry: str,
                 kb_children: KbChildren | None, kind: KindFn | None,
                 intangibles: bool = False) -> None:
        self.line, self.comp, self.list_id, self.entry = line, comp, list_id, entry
        self.kb_children, self.kind, self.intangibles = kb_children, kind, intangibles
        self.out = EntryResult(list_id, entry, None)
        self.values: dict[str, Tri] = {}
        self._figures_of: dict[str, tuple[list[Figure], bool]] = {}  # per quantity, this line
        # named quantities per dimension among this entry's criteria ("the unit leaves no doubt")
        by_dim = comp.by_dim.get(entry)
        if by_dim is None:
            by_dim = {}
            defs = quantities()
            for q in self._quantities_under(entry):
                by_dim.setdefault(defs[q].dimension, set()).add(q)
            comp.by_dim[entry] = by_dim
        self.by_dim = by_dim

    def _quantities_under(self, code: str, *, releases: bool = True) -> frozenset[str]:
        """The named quantities of the criteria of ``code`` and below (and of their releases)."""
        key = code if releases else code + " -releases"
        hit = self.comp.under.get(key)
        if hit is not None:
            return hit
        out: set[str] = set()
        for c in [code, *self._descendants(code)]:
            n = self.comp.table.nodes.get(c)
            crits = [*(n.criteria if n else ()),
                     *(x for r in self.comp.releases.get(c, ()) if releases for x in r.criteria)]
            for x in crits:
                out |= {one.quantity for one in (x.any_of if isinstance(x, AnyOf) else (x,))}
        self.comp.under[key] = frozenset(out)
        return self.comp.under[key]

    def _touched(self, code: str) -> bool:
        """Does the line speak of this alternative: a figure of one of its quantities, or the
        words of its kind?"""
        # a release's figure says goods may be let go, not that they are of that kind; a figure
        # only inferred (from its unit, or implied by the kind words: "thermal" ~10 µm) says
        # nothing of which alternative the line is about
        for q in self._quantities_under(code, releases=False):
            figures, inferred = self._figures(q)
            if figures and not inferred and not all(f.implied_by for f in figures):
                return True
        return self.kind is not None and self.kind(self.list_id, code, self.line)

    def _descendants(self, code: str) -> list[str]:
        out: list[str] = []
        for k in self.comp.children.get(code, ()):
            out += [k, *self._descendants(k)]
        return out

    # --- criteria -----------------------------------------------------------------------------
    def _figures(self, quantity: str) -> tuple[list[Figure], bool]:
        """The line's figures of ``quantity``, and whether they are only inferred from their unit
        (no cue names them; the entry has no other quantity of that dimension)."""
        if not self.line.figures:  # most lines state none: asked for every criterion and node
            return [], False
        hit = self._figures_of.get(quantity)
        if hit is None:
            hit = self._figures_of[quantity] = self._find_figures(quantity)
        return hit

    def _find_figures(self, quantity: str) -> tuple[list[Figure], bool]:
        dim = quantities()[quantity].dimension
        named = [f for f in self.line.figures if f.quantity == quantity]
        if named:
            return named, False
        if self.by_dim.get(dim) == {quantity}:  # the unit leaves no doubt
            return [f for f in self.line.figures if f.quantity is None and f.dimension == dim], True
        return [], False

    def criterion(self, c: Criterion, code: str, *, releasing: bool = False) -> Tri:
        """Held against the line's figures of the criterion's quantity. A figure inferred from its
        unit alone can hold goods, never release them: it may meet a node's criterion or fail a
        release's, and otherwise counts as not stated ("maraging steel 350 bar" says nothing of
        a tensile strength)."""
        figures, inferred = self._figures(c.quantity)
        limit = _limit(c.value, c.unit) if c.unit else c.value
        status: str = "not-stated"
        shown: Figure | None = None
        checked = [(f, {"gt": f.base_value > limit, "ge": f.base_value >= limit,
                        "lt": f.base_value < limit, "le": f.base_value <= limit,
                        "eq": f.base_value == limit}[c.comparator]) for f in figures]
        if checked:
            # several figures of one quantity (a range, "5 to 60 Hz"): one that meets a node's
            # criterion holds the goods; a release needs every one of them to meet
            decisive = next((fo for fo in checked if fo[1] != releasing), None)
            f, ok = decisive or checked[0]
            status, shown = ("meets" if ok else "does-not-meet"), f
        if inferred and (status == "meets") == releasing:
            status, shown = "not-stated", None
        name = quantities()[c.quantity].name
        stated = None if shown is None else (shown.value, shown.unit or c.unit)
        self.out.results.append(CriterionResult(
            code=code, quantity=c.quantity, comparator=c.comparator, value=c.value, unit=c.unit,
            status=status,
            stated=shown.shown() if shown is not None else None,
            text=result_text(status, code, c.comparator, c.value, c.unit, name, stated)))
        return None if status == "not-stated" else status == "meets"

    def criteria(self, items: Sequence[Criterion | AnyOf], code: str, *,
                 releasing: bool = False) -> Tri:
        vals: list[Tri] = []
        for c in items:
            if isinstance(c, AnyOf):
                vals.append(_or([self.criterion(one, code, releasing=releasing)
                                 for one in c.any_of]))
            else:
                vals.append(self.criterion(c, code, releasing=releasing))
        return _and(vals)

    def release(self, r: Release, code: str) -> Tri:
        if r.criteria:
            return self.criteria(r.criteria, code, releasing=True)
        phrases = (*r.when_en, *r.when_fr)
        return any(self.line.has_phrase(p) for p in phrases)

    # --- nodes --------------------------------------------------------------------------------
    def node(self, code: str) -> Tri:
        n: NodeCriteria | None = self.comp.table.nodes.get(code)
        if n is None:
            self.out.not_encoded.append(code)
            return self._keep(code, None)
        if n.intangible:
            # goods are never software or technology; a line that speaks of software or
            # technology cannot be ruled out by figures: kept open (review), never released
            self.out.intangible.append(code)
            return self._keep(code, None if self.intangibles else False)
        kids = self.comp.children.get(code, [])
        own = self.criteria(n.criteria, code) if n.criteria else True
        # sub-items of the knowledge base that no file describes, under a node that is only the
        # combination of its sub-items: not encoded, so never ruled out (nor set aside)
        missing = [k for k in (self.kb_children(self.list_id, code) if self.kb_children else ())
                   if k not in self.comp.table.nodes] if kids and not n.criteria else []
        if kids and n.combine == "any" and len(kids) > 1:
            every = kids
            kids = self._alternatives(code, kids)
            if len(kids) < len(every):
                # the line says which alternatives it is about: sub-items nobody encoded are set
                # aside with the others, unless the line names them (a cleaning solution with
                # triethanolamine is not about the other precursors of 1C350)
                aside = [k for k in missing if not self._touched(k)]
                self.out.set_aside += aside
                missing = [k for k in missing if k not in aside]
        if kids:
            vals = [self.values[k] if k in self.values else self.node(k) for k in kids]
            for k in missing:
                self.out.not_encoded.append(k)
                vals.append(self._keep(k, None))
            combined = _or(vals) if n.combine == "any" else _and(vals)
        elif not n.criteria and self.kb_children is not None and \
                self.kb_children(self.list_id, code):
            self.out.not_encoded.append(code)
            return self._keep(code, None)
        elif not n.criteria and self.kind is not None and \
                not self.kind(self.list_id, code, self.line):
            # met by what the goods are, but the line does not say they are of that kind
            self.out.unnamed_kind.append(code)
            combined = None
        else:
            combined = True  # met by what the goods are (or by its own criteria alone)
        value = _and([own, combined])
        if value is True and n.kind_required and self.kind is not None and \
                not self.kind(self.list_id, code, self.line):
            # its figures are met, but the line does not say the goods are of its kind
            self.out.unnamed_kind.append(code)
            value = None
        for r in self.comp.releases.get(code, ()):
            released = self.release(r, code)
            if released:
                self.out.releases.append(ReleaseApplied(id=r.id, applies_to=r.applies_to,
                                                        text=r.text))
            value = _and([value, None if released is None else not released])
        if value is None:
            for res in self.out.results:
                if res.code == code and res.status == "not-stated":
                    codes = self.out.missing.setdefault(res.quantity, [])
                    if code not in codes:
                        codes.append(code)
        return self._keep(code, value)

    def _alternatives(self, code: str, kids: list[str]) -> list[str]:
        """The alternatives the line is about. Those whose kind the line names come first (an
        "ADC" is not a DAC though both have a resolution in bits); another that the stated
        figures meet is never set aside (fail closed) but stays undecided, its kind to be said
        (a 500 W CW fibre laser "meets" the figures of a tunable laser). Without a kind named,
        those the line gives a figure of, unless the line names the kind of the node itself
        (below the entry): then every alternative stays ("spectrum analyzer 9 kHz - 1.5 GHz"
        rules out the frequency rows of 3A002.c, not the real-time analysers of c.4, whose
        bandwidth it does not state). The others are set aside (recorded as not met, so nothing
        is asked of them)."""
        named = [k for k in kids if self.kind is not None
                 and self.kind(self.list_id, k, self.line)]
        distinct = getattr(self.kind, "distinct", None)  # words half the alternatives share
        if distinct is not None and len(named) > 1:  # do not say which: narrow, never to none
            named = [k for k in named if distinct(self.list_id, k, self.line, tuple(kids))] \
                or named
        if named and len(named) < len(kids):
            met = [k for k in kids if k not in named and self._touched(k)
                   and self.node(k) is True]
            for k in met:
                self.values[k] = None
                self.out.unnamed_kind.append(k)
            keep = [k for k in kids if k in named or k in met]
        elif not named and code != self.entry and self.kind is not None and \
                self.kind(self.list_id, code, self.line):
            return kids  # the node's own kind is named: its alternatives are all plausible
        else:
            keep = [k for k in kids if self._touched(k)]
        if not keep or len(keep) == len(kids):
            return kids
        for k in kids:
            if k not in keep:
                self.out.set_aside.append(k)
                self.values[k] = False
        return keep

    def _keep(self, code: str, value: Tri) -> Tri:
        self.values[code] = value
        return value

    def open_path(self, code: str) -> bool:
        """Is every node from the entry down to ``code`` undecided? A figure asked below a node
        already ruled out (or met) cannot change the answer."""
        c: str | None = code
        while c is not None:
            if c in self.values and self.values[c] is not None:
                return False
            if c == self.entry:
                return True
            c = _parent(c)
        return True

    def prune_missing(self) -> None:
        pruned: dict[str, list[str]] = {}
        for q, codes in self.out.missing.items():
            kept = [c for c in codes if self.open_path(c)]
            if kept:
                pruned[q] = kept
        self.out.missing = pruned

    def deepest_met(self, code: str) -> str:
        for k in self.comp.children.get(code, []):
            if self.values.get(k) is True:
                return self.deepest_met(k)
        return code


def _table_for(tables: Mapping[str, CriteriaTable], list_id: str,
               entry: str) -> tuple[str, CriteriaTable] | None:
    t = tables.get(list_id)
    if t is not None and entry in t.nodes:
        return list_id, t
    for lid, other in tables.items():
        if entry in other.nodes:
            return lid, other
    return (list_id, t) if t is not None else None


# the last entries held against lines: the classifier's evidence and the decision hold the same
# entries against the same line (a result is read, never changed, once returned)
_MEMO: dict[tuple[object, ...], tuple[Mapping[str, CriteriaTable], EntryResult]] = {}
_MEMO_MAX = 512


def evaluate_entry(line: Line, list_id: str, entry: str, tables: Mapping[str, CriteriaTable],
                   *, kb_children: KbChildren | None = None,
                   kind: KindFn | None = None, intangibles: bool = False) -> EntryResult:
    key = (line, list_id, entry, id(tables), kb_children, kind, intangibles)
    try:
        hit = _MEMO.get(key)
    except TypeError:  # an argument that cannot be a key (a test's dict): not remembered
        return _evaluate_entry(line, list_id, entry, tables, kb_children=kb_children, kind=kind,
                               intangibles=intangibles)
    if hit is not None and hit[0] is tables:
        return hit[1]
    out = _evaluate_entry(line, list_id, entry, tables, kb_children=kb_children, kind=kind,
                          intangibles=intangibles)
    if len(_MEMO) >= _MEMO_MAX:
        _MEMO.clear()
    _MEMO[key] = (tables, out)
    return out


def _evaluate_entry(line: Line, list_id: str, entry: str, tables: Mapping[str, CriteriaTable],
                    *, kb_children: KbChildren | None = None,
                    kind: KindFn | None = None, intangibles: bool = False) -> EntryResult:
    found = _table_for(tables, list_id, entry)
    if found is None:
        return EntryResult(list_id, entry, None, not_encoded=[entry])
    lid, table = found
    ev = _Evaluator(line, _compile(table), lid, entry, kb_children, kind, intangibles)
    value = ev.node(entry)
    ev.out.value = value
    ev.out.list_id = list_id
    ev.prune_missing()
    ev.out.results = list(dict.fromkeys(ev.out.results))  # alternatives evaluated twice
    if value is True:
        ev.out.met_code = ev.deepest_met(entry)
    return ev.out
