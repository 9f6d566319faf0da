"""The second round of shortcuts on the screening path gives the same answers as the plain code:
the retriever's score sums and best documents, the ranking's facts shared by hits that matched the
same words, the criteria tables looked up at most once a second, and ``check`` screening each
distinct description of a batch once."""

from __future__ import annotations

import datetime as dt
import heapq
import random
from typing import Any

import pytest

from dualuse import classifier, ranking, retrieve, textproc
from dualuse.catalog import open_catalog
from dualuse.criteria import load
from dualuse.licensing import context
from dualuse.licensing.engine import check_many


def _plain_sum(parts: list[dict[int, float]]) -> dict[int, float]:
    total: dict[int, float] = {}
    for scores in parts:
        for d, v in scores.items():
            total[d] = total.get(d, 0.0) + v
    return total


@pytest.mark.parametrize("seed", range(20))
def test_sums_and_best_documents_are_the_plain_ones(seed: int) -> None:
    rnd = random.Random(seed)
    # few distinct values, so that many documents tie; some terms score below zero (common words)
    values = [v for v in (round(rnd.uniform(-0.5, 3.0), 1) for _ in range(12)) if v] or [1.5]
    parts = [{d: rnd.choice(values) for d in rnd.sample(range(400), rnd.randint(0, 120))}
             for _ in range(rnd.randint(1, 8))]
    total: dict[int, float] = {}
    for scores in parts:
        retrieve._add(total, scores)
    plain = _plain_sum(parts)
    assert total == plain
    assert all(total[d].hex() == plain[d].hex() for d in plain)  # the same floats, bit for bit
    for limit in (1, 5, 80, 500):
        assert retrieve._best(total, limit) == heapq.nsmallest(
            limit, plain, key=lambda d: (-plain[d], d))


def test_folding_ascii_text_is_lowering_it() -> None:
    import string
    import unicodedata

    def plain(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.lower())
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    every_ascii = "".join(map(chr, range(128)))
    rnd = random.Random(3)
    texts = [every_ascii, string.printable * 3, "FLIR Boson 640, 12 µm", "Caméra ½ ﬁbre Ⅻ",
             *("".join(rnd.choice(every_ascii) for _ in range(40)) for _ in range(200))]
    for text in texts:
        assert textproc.fold(text) == plain(text)


def test_hits_matching_the_same_words_share_their_facts() -> None:
    calls: list[object] = []

    def coverage(matched: dict[str, frozenset[str]]) -> float:
        calls.append(matched)
        return 0.25 * len(matched)

    seen: dict[Any, Any] = {}
    a = {"title_en": frozenset({"camera", "thermal"}), "kw_en": frozenset({"camera"})}
    b = {"title_en": frozenset({"thermal", "camera"}), "kw_en": frozenset({"camera"})}
    c = {"title_en": frozenset({"hz"})}
    first = ranking._hit_facts(seen, a, coverage, True)
    assert first == (0.5, False, {"camera", "thermal"})
    assert ranking._hit_facts(seen, b, coverage, True) is first  # equal words, once
    assert ranking._hit_facts(seen, c, coverage, True) == (0.25, True, {"hz"})  # a unit alone
    assert ranking._hit_facts({}, c, coverage, False)[1] is False  # no number on the line
    assert len(calls) == 3


def test_criteria_are_looked_up_at_most_once_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    load.clear_caches()
    listed: list[int] = []
    real = load.criteria_files
    monkeypatch.setattr(load, "criteria_files", lambda root=None: listed.append(1) or real(root))
    monkeypatch.setattr(load, "FRESHNESS_SECONDS", 3600.0)  # a loaded machine: no second passes
    first = load.load_criteria()
    assert load.load_criteria() is first and len(listed) == 1  # within the window: not listed
    assert load.load_criteria(fresh=True) is first and len(listed) == 2  # unchanged files
    monkeypatch.setattr(load, "FRESHNESS_SECONDS", 0.0)
    assert load.load_criteria() is first and len(listed) == 3  # the window is over: listed again
    load.clear_caches()
    again = load.load_criteria()
    assert again is not first and again.keys() == first.keys() and len(listed) == 4


LINES = ["FLIR Boson 640 uncooled thermal camera core, 640 x 512, 12 µm pitch, 60 Hz",
         "Caméra thermique non refroidie 320 x 240, 9 Hz",
         "cotton T-shirts, printed",
         "Frequency changer for gas centrifuge motors, 1200 Hz output",
         "Triethanolamine 99 %, 200 L drums"]


def _declarations(lines: list[str]) -> list[dict[str, Any]]:
    return [{"reference": f"R{k}", "procedure": "export", "exporter_country": "FR",
             "destination_country": country,
             "items": [{"line": i + 1, "description": d} for i, d in enumerate(lines)]}
            for k, country in enumerate(("CN", "IR", "US"))]


def _forget_screened() -> None:
    for ctx in context._contexts.values():
        ctx.screen_cache.clear()


def test_check_screens_each_distinct_description_once(monkeypatch: pytest.MonkeyPatch) -> None:
    on = dt.date(2026, 11, 23)
    cat = open_catalog()
    alone: dict[tuple[str, int], dict[str, Any]] = {}
    for d in LINES:  # each line checked alone, nothing remembered
        _forget_screened()
        for k, r in enumerate(check_many(_declarations([d]), on=on, catalog=cat)):
            alone[(d, k)] = r.model_dump(mode="json")["items"][0]
    _forget_screened()
    screened: list[str] = []
    real = classifier.screen

    def counting(description: str = "", **kw: Any) -> classifier.Screening:
        screened.append(description)
        return real(description, **kw)

    monkeypatch.setattr(classifier, "screen", counting)
    repeated = [LINES[i % len(LINES)] for i in range(40)]  # a declaration repeats its lines
    batch = list(check_many(_declarations(repeated), on=on, catalog=cat))
    assert len(screened) == len(LINES)  # three declarations of 40 items, five distinct texts
    for k, result in enumerate(batch):
        items = result.model_dump(mode="json")["items"]
        assert len(items) == len(repeated)
        for d, item in zip(repeated, items, strict=True):
            single = alone[(d, k)]
            assert {x: v for x, v in item.items() if x != "line"} == \
                   {x: v for x, v in single.items() if x != "line"}
