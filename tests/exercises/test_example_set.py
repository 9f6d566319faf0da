"""examples/exercises/ is what the documented commands produce today (same seed, same bytes), and
the GIFT file imports cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from dualuse.exercises import generate, render
from dualuse.exercises.model import ExerciseSet

from .gift_parser import parse as parse_gift

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "exercises"


@pytest.fixture(scope="module")
def example() -> ExerciseSet:
    return generate(seed=7, lang="fr", mix={"easy": 5, "medium": 10, "hard": 5})


def test_example_gift_and_keys_are_current(example: ExerciseSet) -> None:
    for name, fmt, key in (("quiz-fr.gift", "gift", False), ("key-fr.json", "json", False),
                           ("quiz-fr.html", "html", False), ("quiz-fr.key.html", "html", True)):
        assert render(example, fmt, key=key) == (EXAMPLES / name).read_text(encoding="utf-8")


def test_example_gift_imports() -> None:
    questions = parse_gift((EXAMPLES / "quiz-fr.gift").read_text(encoding="utf-8"))
    assert len(questions) == 20
    assert all(any(a.correct or (a.weight or 0) > 0 for a in q.answers) for q in questions)


def test_example_grades_are_current() -> None:
    from dualuse.exercises import grade, read_answers, read_key

    report = grade(read_key(EXAMPLES / "key-fr.json"), read_answers(EXAMPLES / "answers.csv"))
    assert len(report.students) == 4
    text = (EXAMPLES / "grades.txt").read_text(encoding="utf-8")
    for s in report.students:
        score = f"{s.score:g}".replace(".", ",")
        assert f"{s.student} : {score}/{s.out_of}" in text
    from dualuse.exercises import grades_csv

    assert grades_csv(report) == (EXAMPLES / "grades.csv").read_text(encoding="utf-8")
