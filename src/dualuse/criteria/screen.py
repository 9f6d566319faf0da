"""The bridge between the classifier's ranked candidates and the decision: which candidates the
goods plausibly resemble (the resemblance rule), the knowledge base's children (so a node nobody
encoded is never ruled out), and the structured threshold evidence of each candidate.

The resemblance rule (measured on benchmarks/data/screening_dev.jsonl, docs/decisions.md):
an entry is held against the line when
- a CAS number of the line is named in it, or the line writes its code; or
- it is among the first ``RESEMBLE_MAX`` candidates, scores at least ``RESEMBLE_MIN`` and at
  least ``RESEMBLE_SHARE`` of the best candidate's score;
- except software and technology entries (groups D and E, ML21, ML22) unless the line speaks of
  software or technology, and Munitions List entries (goods specially designed or modified for
  military use) unless the line says military, weapon, ammunition, armour... (``MILITARY_WORDS``):
  an invoice line of civil goods is neither.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from dualuse.errors import DualUseError

if TYPE_CHECKING:
    from dualuse.catalog import Catalog
    from dualuse.line import Line

__all__ = ["NEAR_COVERAGE", "NEAR_SCORE", "RESEMBLE_MAX", "RESEMBLE_MIN", "RESEMBLE_SHARE",
           "KindWords", "comes_near", "kb_children_fn", "kind_fn", "resembling", "twins"]

RESEMBLE_MIN = 0.40
RESEMBLE_SHARE = 0.90
RESEMBLE_MAX = 2
# A description comes near an entry by its words alone (the licence engine's release rule: a line
# that comes near an entry is never released on likeness alone; docs/licensing.md)
NEAR_SCORE = 0.55
NEAR_COVERAGE = 0.6
MILITARY_WORDS = (
    "military", "militaire", "militaires", "defence", "defense", "défense", "weapon", "weapons",
    "arme", "armes", "army", "armée", "armed forces", "forces armées", "munition", "munitions",
    "ammunition", "mil-spec", "milspec", "mil-std", "nato", "otan", "firearms",
    "firearm", "rifle", "rifles", "fusil d'assaut", "grenade",
    "missile", "missiles", "warship", "ballistic", "balistique", "armour", "armor", "blindage",
    "bulletproof", "pare-balles", "explosive", "explosives", "explosif", "explosifs",
    "propellant", "propergol", "warhead", "tank gun", "char de combat", "combat", "sniper",
    "tactical", "tactique", "riot", "maintien de l'ordre")


class _Cand(Protocol):
    @property
    def entry(self) -> str: ...
    @property
    def list(self) -> str: ...
    @property
    def score(self) -> float: ...


def intangible(entry: str) -> bool:
    """Software (group D, ML21) and technology (group E, ML22) entries."""
    return entry in ("ML21", "ML22") or entry[1:2] in ("D", "E")


def munitions(entry: str) -> bool:
    return entry.upper().startswith("ML")


@lru_cache(maxsize=1)
def _military_re() -> re.Pattern[str]:
    from dualuse.textproc import fold

    words = sorted({fold(w) for w in MILITARY_WORDS}, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(map(re.escape, words)) + r")(?![a-z0-9])")


def speaks_military(folded: str) -> bool:
    """Does the (folded, lower case) line say the goods are military?"""
    return _military_re().search(folded) is not None


def comes_near(candidate: _Cand) -> bool:
    """Does the description come near the entry by its words alone (strong likeness)?"""
    return bool(candidate.score >= NEAR_SCORE or
                getattr(candidate, "coverage", 0.0) >= NEAR_COVERAGE)


def resembling(candidates: Sequence[_Cand], written_codes: Sequence[str] = (),
               cas_entries: Sequence[str] = (), *, lists: Sequence[str] = (),
               intangibles: bool = False, military: bool = False,
               named: Callable[[str, str], bool] | None = None,
               set_aside: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """``(list_id, entry)`` of the candidates the goods plausibly resemble, best first.
    Software and technology entries resemble only a line that speaks of them
    (``intangibles``): goods on an invoice line are neither; Munitions List entries only a line
    that says the goods are military (``military``). With ``named`` (``(list_id, entry) ->``
    does the line name the kind of goods of the entry or of one of its sub-items?), a candidate
    that shares only a few words with the line resembles it when it names its kind or comes
    near it (``comes_near``): "size L" is no likeness to a gas centrifuge. When the line names
    the kind of some, those that only come near are left out; their twins of the named ones
    (``twins``: 6A003 of a line naming 6A203) are appended to ``set_aside``, for the decision
    to hold if the named ones are all ruled out by their figures."""
    out: list[tuple[str, str]] = []
    for c in candidates:  # a code written in the line, or a CAS number named in the entry
        if c.entry in cas_entries or any(code == c.entry or code.startswith(c.entry + ".")
                                         for code in written_codes):
            out.append((c.list, c.entry))
    kind: dict[tuple[str, str], bool] = {}  # asked once per candidate

    def names(c: _Cand) -> bool:
        key = (c.list, c.entry)
        if key not in kind:
            kind[key] = named is not None and named(c.list, c.entry)
        return kind[key]

    usable = [c for c in candidates if (not lists or c.list in lists)
              and (intangibles or not intangible(c.entry))
              and (named is None or comes_near(c) or names(c))
              and (military or not munitions(c.entry) or (comes_near(c) and names(c)))]
    if usable:
        top = usable[0].score
        liked = [c for c in usable[:RESEMBLE_MAX]
                 if c.score >= RESEMBLE_MIN and c.score >= RESEMBLE_SHARE * top]
        kinds = [c for c in liked if names(c)]
        if kinds and set_aside is not None:
            set_aside += [(c.list, c.entry) for c in liked if c not in kinds
                          and any(twins(c.entry, k.entry) for k in kinds)]
        liked = kinds or liked
        if not military and any(not munitions(c.entry) for c in liked):
            # goods the line does not call military, of a dual-use kind it names or comes near:
            # the Munitions List twin (ML15 of a thermal camera) is not what the line is about
            liked = [c for c in liked if not munitions(c.entry)]
        out += [(c.list, c.entry) for c in liked]
    return list(dict.fromkeys(out))


def twins(a: str, b: str) -> bool:
    """Entries numbered in parallel: the EU list numbers its missile (x1yy) and nuclear (x2yy)
    entries after the Wassenaar one (x0yy) they parallel, for the same kind of goods at other
    thresholds (6A003 / 6A203 high-speed cameras, 2B006 / 2B206 CMMs, 1C010 / 1C210 fibres)."""
    return len(a) == len(b) == 5 and a != b and a[:2] == b[:2] and a[3:] == b[3:] \
        and a[2].isdigit() and b[2].isdigit()


#: the year of the Wassenaar plenary that the bundled EU list does not follow yet
EU_BASIS_YEAR = 2025


def _dropped(not_used_since: str | None) -> bool:
    """Not used since a year before the EU list caught up (a year we cannot read: dropped)."""
    if not not_used_since:
        return False
    digits = "".join(ch for ch in not_used_since if ch.isdigit())[:4]
    return not digits or int(digits) < EU_BASIS_YEAR


def kb_children_fn(catalog: Catalog) -> Callable[[str, str], tuple[str, ...]]:
    """``(list_id, code) -> child codes`` of the catalog (goods nodes: no notes, no sub-item
    "not used since" a year before ``EU_BASIS_YEAR``), cached.

    A Wassenaar sub-item dropped at the last plenary is still law in the EU list, which follows
    Wassenaar a year later (the consolidation of 2025-11-15 still lists 3A001.a.5.a.1, 8-bit
    ADCs, that Wassenaar 2025 dropped): it stays a child, not encoded, so it is never ruled out."""

    @lru_cache(maxsize=4096)
    def children(list_id: str, code: str) -> tuple[str, ...]:
        try:
            return tuple(n.code for n in catalog.children(code, list_id)
                         if not _dropped(n.not_used_since))
        except DualUseError:  # a code the catalog does not know has no children we know of
            return ()

    return children


# converters written with their letters, which the tokeniser drops: "A/N", "A/D" (ADC), "D/A"
# (DAC); not "N/A", which English invoices write for "not applicable" (but a "convertisseur
# N/A" is a DAC)
_CONVERTISSEUR_NA = re.compile(r"convertisseur\s+n\s?/\s?a(?![\w/])", re.IGNORECASE)
_CONVERTERS = re.compile(r"(?<![\w/])(?:([Aa])\s?/\s?[NnDd]|[Dd]\s?/\s?[Aa])(?![\w/])")


def kind_fn(catalog: Catalog) -> KindWords:
    """``(list_id, code, line) -> bool``: does the line name the kind of goods of that node?

    The kind's words are the knowledge base's titles and keywords (EN and FR) of the node, of its
    sub-items, and of its parents below the entry's first division (6A003.b.4 for 6A003.b.4.b, but
    not the broad 6A003.b "imaging cameras"). A multi-word phrase counts when all its (stemmed)
    words are in the line; a one-word title or keyword when that word is."""
    from dualuse import textproc
    from dualuse.codes import control

    @lru_cache(maxsize=4096)
    def phrases(list_id: str, code: str) -> tuple[frozenset[str], ...]:
        lv = catalog.lists.get(list_id)
        if lv is None or code not in lv.nodes:
            return ()
        entry = control.entry_level(code)
        codes = [code]
        parent = code.rsplit(".", 1)[0] if "." in code else None
        while parent and parent != entry and parent.count(".") >= 2:
            codes.append(parent)
            parent = parent.rsplit(".", 1)[0]
        codes += [n.code for n in catalog.walk(code, list_id) if n.code != code]
        out: list[frozenset[str]] = []
        for c in codes:
            node = lv.nodes.get(c)
            if node is None or node.is_note:
                continue
            for lang in ("en", "fr"):
                for phrase in (*node.keywords.get(lang),):
                    toks = frozenset(textproc.tokens(phrase, lang))
                    if toks and toks not in out:
                        out.append(toks)
        return tuple(out)

    @lru_cache(maxsize=2048)
    def line_tokens(text: str) -> frozenset[str]:
        text = _CONVERTERS.sub(lambda m: " adc " if m[1] else " dac ",
                               _CONVERTISSEUR_NA.sub(" convertisseur dac ", text))
        return frozenset(textproc.tokens(text, "en")) | frozenset(textproc.tokens(text, "fr"))

    @lru_cache(maxsize=2048)
    def shared(list_id: str, codes: tuple[str, ...]) -> frozenset[frozenset[str]]:
        """The phrases that half or more of the alternatives have (at least two)."""
        counts: dict[frozenset[str], int] = {}
        for c in codes:
            for p in set(phrases(list_id, c)):
                counts[p] = counts.get(p, 0) + 1
        floor = max(2, (len(codes) + 1) // 2)
        return frozenset(p for p, n in counts.items() if n >= floor)

    @lru_cache(maxsize=4096)
    def by_word(list_id: str, code: str) -> dict[str, tuple[frozenset[str], ...]]:
        """The node's phrases under one of their words (a phrase can only be in a line that has
        that word): a few lookups per line instead of a subset test per phrase."""
        out: dict[str, list[frozenset[str]]] = {}
        for p in phrases(list_id, code):
            out.setdefault(min(p), []).append(p)
        return {w: tuple(ps) for w, ps in out.items()}

    def named(list_id: str, code: str, line: Line,
              skip: frozenset[frozenset[str]] = frozenset()) -> bool:
        words = line_tokens(line.normal)
        index = by_word(list_id, code)
        return any(p <= words and p not in skip
                   for w in words if w in index for p in index[w])

    return KindWords(named, lambda list_id, code, line, among: named(
        list_id, code, line, shared(list_id, among)))


class KindWords:
    """``kind(list_id, code, line)``: does the line name the kind of goods of the node? and
    ``kind.distinct(list_id, code, line, among)``: does it, by words that half or more of the
    alternatives ``among`` do not share (the glass lining, tantalum, titanium sub-items of most
    letters of 2B350 say which material, not whether the goods are a reactor, a tank or a pump)?"""

    def __init__(self, kind: Callable[[str, str, Line], bool],
                 distinct: Callable[[str, str, Line, tuple[str, ...]], bool]) -> None:
        self._kind, self._distinct = kind, distinct

    def __call__(self, list_id: str, code: str, line: Line) -> bool:
        return self._kind(list_id, code, line)

    def distinct(self, list_id: str, code: str, line: Line, among: tuple[str, ...]) -> bool:
        return self._distinct(list_id, code, line, among)
