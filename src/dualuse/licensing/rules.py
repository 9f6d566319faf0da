"""Licensing rules as dated, cited data: ``data/rules/*.json``, validated into typed ``Rule`` rows.

Every row carries its legal act, article, EUR-Lex address, validity window, the date we checked it
and whether that check confirmed it (``verified``). The engine reads rows by ``kind`` and ``topic``;
no country or item list lives in Python. An unverified row may make a verdict stricter, never more
permissive; a general authorisation is offered only for the destinations of its checked
``countries`` list (see ``docs/licensing.md``).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from dualuse import resources
from dualuse.codes import control
from dualuse.errors import CodeValidationError, RuleError
from dualuse.licensing import countries

Procedure = Literal["export", "re-export", "transit", "intra-eu-transfer"]
RuleKind = Literal["article", "annex-iv", "ugea", "member-states", "sanction", "sanction-carve-out",
                   "arms-embargo", "document"]
Effect = Literal["prohibited", "licence-required"]
NonListedEffect = Literal["review-required", "no-licence-required"]
EndUse = Literal["wmd", "military", "cyber", "informed"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Text(_Frozen):
    """A short text in our own words, in English and French."""

    en: str
    fr: str

    def get(self, lang: str) -> str:
        return self.fr if lang == "fr" else self.en


def _check_codes(codes: Iterable[str], what: str) -> None:
    for code in codes:
        try:
            if control.normalise(code) != code:
                raise RuleError(f"{what}: write {code!r} as {control.normalise(code)!r}",
                                value=code)
        except CodeValidationError as exc:
            raise RuleError(f"{what}: bad control code {code!r}: {exc}", value=code) from None


class ItemScope(_Frozen):
    """Which items a row covers: every listed item, named entries/sub-items (an entry covers its
    sub-items), whole product groups (``D`` software, ``E`` technology), or (``military``) every
    item of the Munitions List."""

    all_listed: bool = False
    military: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    exclude_complete: bool = True

    @model_validator(mode="after")
    def _codes(self) -> ItemScope:
        _check_codes((*self.include, *self.exclude), "item scope")
        return self

    def covers(self, code: str) -> bool:
        chain = _chain(code)
        if not chain.isdisjoint(self.exclude):
            return False
        if code.upper().startswith("ML"):
            return self.military or bool(chain & set(self.include))
        if self.all_listed:
            return True
        if self.groups and code[1:2] in self.groups and code[:1].isdigit():
            return True
        return not chain.isdisjoint(self.include)

    def excluded(self, code: str) -> bool:
        return not _chain(code).isdisjoint(self.exclude)

    def excluded_below(self, code: str) -> tuple[str, ...]:
        """Excluded codes under ``code``: a declared ``6A001`` may be the excluded
        ``6A001.a.2.b``, so the row cannot be applied to it as if it were not."""
        return tuple(c for c in self.exclude if c.startswith(code + "."))

    def included_below(self, code: str) -> tuple[str, ...]:
        """Included codes under ``code`` when the row does not cover ``code`` itself: a declared
        ``5A001`` may or may not be the ``5A001.c`` the row names."""
        if self.covers(code):
            return ()
        return tuple(c for c in self.include if c.startswith(code + "."))


@lru_cache(maxsize=8192)
def _chain(code: str) -> frozenset[str]:
    """The code and its ancestors, derived once per code (every rule row asks again)."""
    try:
        return frozenset({code, *control.ancestors(code)})
    except CodeValidationError:  # EU chemical sub-items numbered directly: 1C350.24
        return frozenset({code, code.split(".", 1)[0]})


class ItemCondition(_Frozen):
    """Items a row takes in only in part or under a condition a control code cannot show
    (Annex IV: "0C003 only for use in a nuclear reactor"): never cleared, never certain."""

    codes: tuple[str, ...]
    condition: Text

    @model_validator(mode="after")
    def _codes(self) -> ItemCondition:
        if not self.codes:
            raise RuleError("item condition without codes", value="")
        _check_codes(self.codes, "item condition")
        return self

    def touches(self, code: str) -> bool:
        """``code`` is one of these items, below one, or broader than one (a declared ``6A203``
        may be the rotating-mirror camera of ``6A203.a.1``)."""
        chain = _chain(code)
        return any(c in chain or c.startswith(code + ".") for c in self.codes)


class Citation(_Frozen):
    """One legal basis of a verdict: the act, the article and the rule row that applied."""

    act: str
    article: str
    rule_id: str
    url: str
    verified: bool


class Rule(_Frozen):
    id: str
    kind: RuleKind
    topic: str
    act: str
    article: str
    source_url: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    checked: dt.date
    verified: bool
    note: str | None = None
    summary: Text
    countries: tuple[str, ...] = ()
    unverified_countries: tuple[str, ...] = ()
    all_destinations_except: tuple[str, ...] | None = None
    procedures: tuple[Procedure, ...] = ()
    items: ItemScope | None = None
    #: items taken in only in part or under a condition (Annex IV): review with the condition
    partial: tuple[ItemCondition, ...] = ()
    #: sanction rows: the effect applies only with one of these end-use indicators (Myanmar's
    #: ban on listed items for a military end use); without one the row asks for a review
    end_use: tuple[EndUse, ...] = ()
    conditions: tuple[Text, ...] = ()
    effect: Effect | None = None
    non_listed_effect: NonListedEffect | None = None
    carve_out_of: str | None = None
    #: document rows: the authorisation the code declares (EU001..., individual, global, any)
    authorisation: str | None = None

    @model_validator(mode="after")
    def _check(self) -> Rule:
        listed = (*self.countries, *self.unverified_countries,
                  *(self.all_destinations_except or ()))
        for c in listed:
            if not countries.is_valid(c) or c != c.upper():
                raise RuleError(f"rule {self.id}: {c!r} is not an ISO 3166-1 alpha-2 code", value=c)
        if not self.source_url.startswith("https://"):
            raise RuleError(f"rule {self.id}: source_url must be an https address", value=self.id)
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise RuleError(f"rule {self.id}: valid_to before valid_from", value=self.id)
        incomplete = not self.countries or not self.effect or self.items is None
        if self.kind in ("sanction", "sanction-carve-out") and incomplete:
            raise RuleError(f"rule {self.id}: a sanction row needs countries, effect and items",
                            value=self.id)
        if self.kind == "ugea" and (self.items is None or not self.procedures):
            raise RuleError(f"rule {self.id}: a UGEA row needs items and procedures", value=self.id)
        if self.kind == "annex-iv" and self.items is None:
            raise RuleError(f"rule {self.id}: the Annex IV row needs items", value=self.id)
        return self

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def partial_for(self, code: str) -> list[ItemCondition]:
        return [p for p in self.partial if p.touches(code)]

    def citation(self) -> Citation:
        return Citation(act=self.act, article=self.article, rule_id=self.id, url=self.source_url,
                        verified=self.verified)

    def destination_status(self, country: str) -> Literal["verified", "unverified", "no"]:
        """Is ``country`` a destination of this row (UGEA), and did we verify that?"""
        if country in self.countries:
            return "verified"
        if country in self.unverified_countries:
            return "unverified"
        if self.all_destinations_except is not None and country not in self.all_destinations_except:
            return "unverified"
        return "no"


class RuleEdition(_Frozen):
    id: str
    title: str
    version: str
    checked: dt.date
    note: str | None = None

    def label(self) -> str:
        return f"rules {self.id} {self.version} (checked {self.checked.isoformat()})"


class RuleFile(_Frozen):
    edition: RuleEdition
    rules: tuple[Rule, ...]


class RuleSet:
    """All rule files of a directory, indexed by id, kind and topic."""

    def __init__(self, files: Sequence[RuleFile], *, source: str = ""):
        self.files = tuple(files)
        self.source = source
        self.by_id: dict[str, Rule] = {}
        for f in self.files:
            for r in f.rules:
                if r.id in self.by_id:
                    raise RuleError(f"duplicate rule id {r.id!r}", value=r.id)
                self.by_id[r.id] = r
        for r in self.by_id.values():
            if r.carve_out_of and r.carve_out_of not in self.by_id:
                raise RuleError(f"rule {r.id}: carve_out_of {r.carve_out_of!r} is unknown",
                                value=r.id)
        self.editions: tuple[str, ...] = tuple(f.edition.label() for f in self.files)

    def rules(self, kind: str, on: dt.date, topic: str | None = None) -> list[Rule]:
        return [r for r in self.by_id.values()
                if r.kind == kind and (topic is None or r.topic == topic) and r.in_force(on)]

    def one(self, kind: str, topic: str, on: dt.date) -> Rule:
        """The row in force for (kind, topic); a missing row is broken rule data."""
        found = self.rules(kind, on, topic)
        if not found:
            raise RuleError(f"no {kind} rule for {topic!r} in force on {on.isoformat()}"
                            f" (rules: {self.source or 'bundled'})", value=topic)
        return found[0]

    def member_states(self, on: dt.date) -> frozenset[str]:
        return frozenset(self.one("member-states", "member-states", on).countries)


REQUIRED = [("article", "listed-export"), ("article", "catch-all-wmd"),
            ("article", "catch-all-military-embargo"), ("article", "catch-all-military-other"),
            ("article", "catch-all-cyber"), ("article", "transit"),
            ("article", "transit-national-measures"), ("article", "intra-eu-transfer"),
            ("annex-iv", "intra-eu-transfer"), ("member-states", "member-states"),
            ("arms-embargo", "arms-embargo"), ("article", "military-export"),
            ("article", "military-transfer")]


def parse_file(path: Path) -> RuleFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuleError(f"{path.name}: cannot read rule file ({exc})", value=str(path)) from None
    try:
        return RuleFile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise RuleError(f"{path.name}: {where}: {err['msg']}", value=str(path)) from None


def rule_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.json"))


def load_dir(directory: Path) -> RuleSet:
    files = rule_files(directory)
    if not files:
        raise RuleError(f"no rule files in {directory}", value=str(directory))
    rs = RuleSet([parse_file(p) for p in files], source=str(directory))
    for kind, topic in REQUIRED:
        if not any(r.kind == kind and r.topic == topic for r in rs.by_id.values()):
            raise RuleError(f"{directory}: missing a {kind} rule for {topic!r}", value=topic)
    return rs


def default_dir() -> Path:
    """``DUALUSE_DATA_DIR/rules`` when it exists, else the bundled rules (a fixture data dir
    that only carries control lists still uses the bundled rules)."""
    d = resources.rules_dir()
    if d.is_dir():
        return d
    return resources._default_root() / "rules"


_lock = threading.Lock()
_cache: dict[tuple[str, ...], RuleSet] = {}


def load_rules(directory: str | Path | None = None) -> RuleSet:
    """The rule set of ``directory`` (default: bundled), parsed once per process and file state."""
    d = Path(directory) if directory is not None else default_dir()
    if not d.is_dir():
        raise RuleError(f"rule directory not found: {d}", value=str(d))
    key = (str(d), *(f"{p.name}:{p.stat().st_mtime_ns}" for p in rule_files(d)))
    with _lock:
        rs = _cache.get(key)
        if rs is None:
            rs = load_dir(d)
            _cache[key] = rs
        return rs


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def all_rules(rs: RuleSet) -> Iterable[Rule]:
    return rs.by_id.values()
