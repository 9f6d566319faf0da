"""The screening path (``screen``, what ``check`` runs for a description without a control code)
decides and ranks exactly as ``classify``; and the shortcuts of the ranking (criteria evaluated only
for the entries shown or that could still be, and only when a figure measures what a criterion
measures; ``evaluate_entry`` remembered) change nothing in what ``classify`` returns.

On real invoice lines: the development screening set (benchmarks/data/screening_dev.jsonl, EN and
FR, with and without their HS codes), the probe set and the ordinary goods."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dualuse import classifier, ranking, ranking_criteria
from dualuse.catalog import open_catalog
from dualuse.criteria import decide

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data"


def _rows() -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for name in ("screening_dev.jsonl", "probe_classify.jsonl"):
        for x in (DATA / name).read_text("utf-8").splitlines():
            if x.strip():
                row = json.loads(x)
                out.append((row["description"], row.get("hs")))
    out += [(x.strip(), None) for x in (DATA / "ordinary_goods.txt").read_text("utf-8").splitlines()
            if x.strip() and not x.startswith("#")]
    return out


ROWS = _rows()


def test_the_sets_hold_enough_lines_with_figures() -> None:
    assert len(ROWS) > 250
    figures = [d for d, _ in ROWS if classifier.classify(d, limit=5).quantities]
    assert len(figures) > 100


@pytest.mark.parametrize("limit", [5, 10])
def test_screen_decides_and_ranks_as_classify(limit: int) -> None:
    cat = open_catalog()
    for description, hs in ROWS:
        for code in dict.fromkeys([None, hs]):
            full = classifier.classify(description, hs=code, limit=limit, catalog=cat)
            fast = classifier.screen(description, hs=code, limit=limit, catalog=cat)
            assert fast.decision == full.decision, description
            assert fast.lang == full.lang
            assert [(c.code, c.entry, c.list, c.score, c.coverage) for c in fast.candidates] == \
                [(c.code, c.entry, c.list, c.score, c.coverage) for c in full.candidates]
            # only the evidence written for people is left out
            for a, b in zip(fast.candidates, full.candidates, strict=True):
                assert set(a.evidence) <= set(b.evidence)
                assert {e.kind for e in set(b.evidence) - set(a.evidence)} <= {"text",
                                                                              "decontrol"}


def test_screen_holds_the_codes_it_is_given() -> None:
    line = "Ball bearings for bicycles, 608-2RS, 50 pcs"
    full = classifier.classify(line, limit=5, hold=["6A003.b.4.b"])
    fast = classifier.screen(line, limit=5, hold=["6A003.b.4.b"])
    assert fast.decision == full.decision
    assert "6A003" in fast.decision.entries


def _every_entry_with_criteria(line: Any, tables: Any, list_id: str, entry: str) -> bool:
    return any(entry in t.nodes for t in tables.values())


def test_the_ranking_shortcuts_change_nothing() -> None:
    cat = open_catalog()
    lines = [(d, hs) for d, hs in ROWS if any(ch.isdigit() for ch in d)]
    assert len(lines) > 100
    with pytest.MonkeyPatch.context() as mp:  # as before: every shortlisted entry, nothing kept
        mp.setattr(ranking, "_may_be_shown", lambda ranked, limit, most: list(ranked))
        mp.setattr(ranking_criteria, "_may_hold", _every_entry_with_criteria)
        mp.setattr(decide, "evaluate_entry", decide._evaluate_entry)
        slow = [classifier.classify(d, hs=hs, limit=5, catalog=cat).model_dump()
                for d, hs in lines]
    fast = [classifier.classify(d, hs=hs, limit=5, catalog=cat).model_dump() for d, hs in lines]
    assert fast == slow


def test_evaluate_entry_remembers_only_what_it_can_key() -> None:
    from dualuse.criteria import load_criteria
    from dualuse.line import analyse

    line = analyse("Uncooled thermal camera core 640 x 512, 60 Hz", "en")
    tables = load_criteria()
    first = decide.evaluate_entry(line, "wassenaar-2025", "6A003", tables)
    assert decide.evaluate_entry(line, "wassenaar-2025", "6A003", tables) is first
    same_words = analyse("Uncooled thermal camera core 640 x 512, 60 Hz", "en")
    assert decide.evaluate_entry(same_words, "wassenaar-2025", "6A003", tables) is first
    other = decide.evaluate_entry(line, "wassenaar-2025", "6A003", tables, intangibles=True)
    assert other is not first
    # a children function that cannot be hashed: evaluated each time, same answer
    unhashable = type("Children", (), {"__call__": lambda self, lid, code: (),
                                       "__hash__": None})()
    a = decide.evaluate_entry(line, "wassenaar-2025", "6A003", tables, kb_children=unhashable)
    b = decide.evaluate_entry(line, "wassenaar-2025", "6A003", tables, kb_children=unhashable)
    assert a is not b and a == b
