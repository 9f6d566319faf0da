"""Fail closed: missing data, unknown codes and failures inside classification give
``review-required`` (or an error), never ``no-licence-required``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dualuse.errors import InputError, RuleError, StoreError
from dualuse.licensing import engine
from dualuse.licensing.engine import check
from dualuse.licensing.rules import load_rules

ON = dt.date(2026, 11, 23)
BASE = {"procedure": "export", "exporter_country": "FR", "destination_country": "BR"}


def verdicts(items: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [i.verdict for i in check({**BASE, "items": items}, on=ON).items]


@pytest.mark.parametrize("item", [
    {"line": 1},                                             # nothing at all
    {"line": 1, "hs_code": "999999"},                        # HS code that does not exist
    {"line": 1, "control_code": "9Z999"},                    # unknown control code
    {"line": 1, "control_code": "not-a-code"},               # malformed control code
    {"line": 1, "control_code": "6A"},                       # a group, not an entry
    {"line": 1, "control_code": "4A002"},                    # "not used since"
    {"line": 1, "hs_code": "852589"},                        # HS of listed goods, no description
    {"line": 1, "hs_code": "090121", "description": "uncooled thermal imaging camera core"},
    # a scheduled chemical named under a wrong HS code (an alcohol subheading), no CAS
    {"line": 1, "hs_code": "290539", "description": "Thiodiglycol, 200 l drums"},
    {"line": 1, "hs_code": "290539", "description": "Thiodiglycol, fûts de 200 l"},
])
def test_missing_or_uncertain_data_is_review_required(item: dict) -> None:  # type: ignore[type-arg]
    (v,) = verdicts([item])
    assert v == "review-required"


def test_plainly_ordinary_description_only_goods_are_not_listed() -> None:
    """Issue 14: a description that resembles no entry and comes near none is decided not
    listed, with that reason (the decision, docs/decisions.md); before, it went to review."""
    (item,) = check({**BASE, "items": [{"line": 1,
                                        "description": "Men's cotton T-shirts, size L"}]},
                    on=ON).items
    assert item.verdict == "no-licence-required"
    assert "nothing on the lists resembles" in item.reasons[0].en


def test_classifier_failure_is_review_required(monkeypatch: pytest.MonkeyPatch) -> None:
    import dualuse.classifier

    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("index unreadable")

    monkeypatch.setattr(dualuse.classifier, "classify", broken)
    monkeypatch.setattr(dualuse.classifier, "screen", broken)  # check's screening path
    engine._contexts.clear()
    (v,) = verdicts([{"line": 1, "hs_code": "090121", "description": "roasted coffee"}])
    assert v == "review-required"


def test_unexpected_failure_is_an_error_not_a_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    import dualuse.classifier

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(dualuse.classifier, "classify", crash)
    monkeypatch.setattr(dualuse.classifier, "screen", crash)  # check's screening path
    with pytest.raises(RuntimeError):
        check({**BASE, "items": [{"line": 1, "hs_code": "090121", "description": "coffee"}]},
              on=ON)


def test_a_date_before_the_rules_begin_is_bad_input_not_a_verdict() -> None:
    """`check --on` before Regulation (EU) 2021/821 applied (2021-09-09) is the user's mistake:
    InputError (one line, exit 2), carrying the date; never a verdict."""
    with pytest.raises(InputError, match="no licence rules before 2021-09-09") as err:
        check({**BASE, "items": [{"line": 1, "control_code": "6A003"}]}, on=dt.date(2001, 1, 1))
    assert err.value.value == "2001-01-01"


def test_rules_not_in_force_are_broken_data_not_a_verdict(tmp_path: Path) -> None:
    """A rule set in which an article every verdict rests on has lapsed, on a date the rules
    cover, is broken data (RuleError), never a verdict."""
    src = Path(load_rules().source) if load_rules().source else None
    assert src is not None and src.is_dir()
    for f in src.glob("*.json"):
        data = json.loads(f.read_text(encoding="utf-8"))
        for row in data.get("rules", []):
            if row.get("kind") == "article" and row.get("topic") == "transit":
                row["valid_to"] = "2022-01-01"
        (tmp_path / f.name).write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RuleError, match="in force on 2026-11-23"):
        check({**BASE, "items": [{"line": 1, "control_code": "6A003"}]}, on=ON,
              rules=load_rules(tmp_path))


def test_inconsistent_declarations_are_input_errors() -> None:
    with pytest.raises(InputError, match="Member State"):
        check({"procedure": "transit", "exporter_country": "CN", "transit_country": "CH",
               "destination_country": "IR", "items": [{"line": 1}]}, on=ON)
    with pytest.raises(InputError, match="intra-eu-transfer"):
        check({**BASE, "destination_country": "DE", "items": [{"line": 1}]}, on=ON)


def test_named_chemical_is_said_in_both_languages() -> None:
    res = check({**BASE, "items": [{"line": 1, "hs_code": "290539",
                                    "description": "Triéthanolamine 99 %"}]}, on=ON)
    item = res.items[0]
    assert item.verdict == "review-required" and "1C350.46" in item.candidates
    assert "Triethanolamine (1C350.46)" in item.explanation.en
    assert "Triéthanolamine (1C350.46)" in item.explanation.fr
