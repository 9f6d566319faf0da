"""examples/exercises/ is what the documented commands produce today (same seed, same bytes), and
the GIFT file imports cleanly."""

from __future__ import annotations

from pathlib import Path

from dualuse.exercises import generate, render

from .gift_parser import parse as parse_gift

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "exercises"


def test_example_gift_and_key_are_current() -> None:
    ex = generate(20, seed=7, lang="fr")
    assert render(ex, "gift") == (EXAMPLES / "quiz-fr.gift").read_text(encoding="utf-8")
    assert render(ex, "json") == (EXAMPLES / "key-fr.json").read_text(encoding="utf-8")


def test_example_gift_imports() -> None:
    questions = parse_gift((EXAMPLES / "quiz-fr.gift").read_text(encoding="utf-8"))
    assert len(questions) == 20
    assert all(any(a.correct or (a.weight or 0) > 0 for a in q.answers) for q in questions)


def test_example_grades_are_current() -> None:
    from dualuse.exercises import grade, read_answers, read_key

    report = grade(read_key(EXAMPLES / "key-fr.json"), read_answers(EXAMPLES / "answers.csv"))
    assert len(report.students) == 3
    text = (EXAMPLES / "grades.txt").read_text(encoding="utf-8")
    for s in report.students:
        assert f"{s.student}: {s.score:g}/{s.out_of}" in text
