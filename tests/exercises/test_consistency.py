"""Every key is what dualuse itself says: threshold keys are the decision on the data sheet the
trainee reads, HS keys follow the description, licence keys are the licensing engine's verdicts on
verified data, CAS keys the chemicals table. Many series, both languages, every difficulty."""

from __future__ import annotations

import collections
import re

import pytest

from dualuse.catalog import open_catalog
from dualuse.criteria import load_criteria
from dualuse.criteria.decide import decide
from dualuse.criteria.screen import kb_children_fn, kind_fn
from dualuse.exercises import generate
from dualuse.exercises.model import ExerciseSet, Question
from dualuse.exercises.text import NBSP
from dualuse.line import analyse

SERIES = [(seed, lang, diff) for seed in range(6) for lang in ("en", "fr")
          for diff in ("easy", "medium", "hard")]


@pytest.fixture(scope="module")
def threshold_sets() -> list[ExerciseSet]:
    out = [generate(8, seed=s, types=("threshold",), lang=lang, difficulty=d)
           for s, lang, d in SERIES]
    out += [generate(8, seed=s, types=("threshold",), lang=lang, difficulty="hard",
                     list_id="eu-2021-821") for s in range(3) for lang in ("en", "fr")]
    return out


def _decision(q: Question) -> str:
    cat = open_catalog()
    assert q.product is not None and q.list_id is not None and q.entry is not None
    line = analyse(q.product.replace(NBSP, " "), "fr" if "Fiche" in q.product else "en")
    return decide(line, [(q.list_id, q.entry)], load_criteria(), kb_children=kb_children_fn(cat),
                  kind=kind_fn(cat)).status


def test_threshold_keys_are_the_decision_on_the_shown_product(
        threshold_sets: list[ExerciseSet]) -> None:
    seen: collections.Counter[str] = collections.Counter()
    for ex in threshold_sets:
        for q in ex.questions:
            status = _decision(q)
            assert status == q.decision, (q.product, q.entry, q.decision, status)
            right = [c for c in q.choices if c.correct]
            assert len(right) == 1
            assert right[0].key == "ABC"[("listed", "not-listed", "needs-figure").index(status)]
            assert q.prompt == q.product
            seen[status] += 1
    assert set(seen) == {"listed", "not-listed", "needs-figure"}, seen


def test_threshold_products_are_goods_with_figures_and_worded_comparisons(
        threshold_sets: list[ExerciseSet]) -> None:
    for ex in threshold_sets:
        for q in ex.questions:
            assert q.entry is not None and q.entry[1:2] not in ("D", "E")  # goods, not software
            lines = q.prompt.splitlines()
            assert len(lines) >= 2 and all(re.search(r"\d", ln) for ln in lines[1:])
            # a product name, never a title sentence with figures
            assert not re.search(r"\d", lines[0]), lines[0]
            if ex.lang == "fr":
                assert not re.search(r"\d\.\d", q.prompt), q.prompt   # decimal commas
                assert f"{NBSP}:" in lines[0]
            if q.decision == "not-listed" and "note" not in q.reason:
                assert re.search(r"exceeds|does not reach|at or below|at or above|dépasse|"
                                 r"n'atteint pas|ne reste pas sous", q.reason), q.reason
            if q.decision == "needs-figure":
                assert "does not state" in q.reason or "ne l'indique pas" in q.reason


def test_no_entry_dominates_threshold_questions(threshold_sets: list[ExerciseSet]) -> None:
    entries = collections.Counter(q.entry for ex in threshold_sets for q in ex.questions)
    assert max(entries.values()) / sum(entries.values()) < 0.1, entries.most_common(3)


def _words(code: str, lang: str) -> set[str]:
    cat = open_catalog()
    return {k.lower() for n in cat.walk(code, "wassenaar-2025")
            for k in (*n.keywords.get(lang), n.title.get(lang) or "")}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_hs_keys_follow_the_description(lang: str) -> None:
    cat = open_catalog()
    for seed in range(4):
        ex = generate(12, seed=seed, types=("hs", "hs-scope"), lang=lang, difficulty="hard")
        for q in ex.questions:
            codes = {c.key: c.text.split(" ")[0] for c in q.choices}
            if q.type == "hs":
                desc = re.search(r'["«]\s?(.+?)\s?["»]', q.prompt)
                assert desc is not None, q.prompt
                shown = desc.group(1).lower()
                assert shown in _words(q.entry or "", lang)
                for c in q.choices:
                    assert c.correct == (codes[c.key] == q.entry)
                    if not c.correct:
                        assert shown not in _words(codes[c.key], lang), (shown, c.text)
            else:
                assert q.hs is not None
                linked = {n.code.split(".")[0] for n in cat.by_hs(q.hs)}
                linked |= {cat.lists["wassenaar-2025"].nodes[n.code].code for n in cat.by_hs(q.hs)
                           if n.code in cat.lists["wassenaar-2025"].nodes}
                for c in q.choices:
                    assert (codes[c.key] in linked) == c.correct, (q.hs, c.text)


def test_cas_keys_are_the_chemicals_table() -> None:
    from dualuse.chemicals import LISTS, by_cas_index

    ex = generate(30, seed=2, types=("cas",), lang="en", difficulty="medium")
    for q in ex.questions:
        assert q.cas is not None
        lists = {LISTS[r.list] for r in by_cas_index()[q.cas]}
        assert {c.text for c in q.choices if c.correct} == lists
        assert q.cas in q.prompt


def test_licence_keys_cover_every_verdict_and_equal_the_engine() -> None:
    from dualuse.exercises.licence import VERDICTS, trusted
    from dualuse.licensing.declaration import Declaration
    from dualuse.licensing.engine import check

    ex = generate(20, seed=5, types=("licence",), lang="fr", difficulty="hard")
    verdicts = collections.Counter(q.verdict for q in ex.questions)
    assert set(verdicts) == set(VERDICTS) and max(verdicts.values()) <= 5, verdicts
    for q in ex.questions:
        assert q.declaration is not None
        item = check(Declaration.model_validate(q.declaration)).items[0]
        assert str(item.verdict) == q.verdict and trusted(item)
        right = [c for c in q.choices if c.correct]
        assert len(right) == 1 and len(q.choices) == 5
        assert q.verdict is not None and VERDICTS.index(q.verdict) == "ABCDE".index(right[0].key)
        assert re.search(r" vers (le |la |les |l'|Singapour)", q.prompt), q.prompt


def test_eu_list_sets_cover_every_regime() -> None:
    """Nuclear (NSG), missile (MTCR), chemical and biological (AG, CWC) entries of the EU list,
    and chemicals by CAS number."""
    lv = open_catalog().lists["eu-2021-821"]
    regimes: collections.Counter[str] = collections.Counter()
    for seed in range(3):
        ex = generate(30, seed=seed, types=("identify", "threshold", "hs", "cas"), lang="en",
                      list_id="eu-2021-821", difficulty="medium")
        for q in ex.questions:
            node = lv.nodes.get(q.entry or "")
            if node is not None and q.type != "cas":
                regimes[str(node.regime)] += 1
        assert any(q.type == "cas" for q in ex.questions)
    assert {"nsg", "mtcr"} <= set(regimes) and {"ag", "cwc"} & set(regimes), regimes
