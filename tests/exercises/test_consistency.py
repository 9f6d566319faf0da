"""Generated answers agree with dualuse's own engines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dualuse.classifier import classify
from dualuse.exercises import generate
from dualuse.parameters import compare, find_quantities


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(["en", "fr"]),
       st.sampled_from(["easy", "medium", "hard"]))
def test_threshold_values_parse_back_on_the_intended_side(seed: int, lang: str,
                                                           difficulty: str) -> None:
    ex = generate(6, seed=seed, types=("threshold",), lang=lang, difficulty=difficulty)
    for q in ex.questions:
        assert q.threshold is not None
        meets = q.choices[0].correct
        spec = q.prompt.rsplit(";", 1)[-1]  # the value, not the product name
        statuses = {compare(x, q.threshold) for x in find_quantities(spec, lang)} - {"incomparable"}
        assert statuses == {"meets" if meets else "fails"}, (q.prompt, q.threshold)


def test_above_threshold_specifications_classify_to_the_entry() -> None:
    ex = generate(30, seed=11, types=("threshold",), lang="en", difficulty="medium")
    above = [q for q in ex.questions if q.choices[0].correct]
    found = 0
    for q in above:
        entry = q.entry.split(".")[0]
        res = classify(q.prompt, lang="en", limit=10)
        found += any(c.entry == entry for c in res.candidates)
    assert above and found / len(above) >= 0.8, f"{found}/{len(above)}"


def test_licence_answers_equal_the_engine() -> None:
    from dualuse.licensing.declaration import Declaration
    from dualuse.licensing.engine import check

    ex = generate(20, seed=5, types=("licence",), lang="en", difficulty="hard")
    for q in ex.questions:
        assert q.declaration is not None
        verdict = str(check(Declaration.model_validate(q.declaration)).items[0].verdict)
        right = next(c for c in q.choices if c.correct)
        assert right.text.lower().startswith(
            {"prohibited": "prohibited", "licence-required": "individual licence",
             "review-required": "review", "general-authorisation-available": "a union general",
             "no-licence-required": "no licence"}[verdict])
