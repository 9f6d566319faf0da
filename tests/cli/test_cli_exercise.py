"""`dualuse exercise generate / grade` end to end on the bundled knowledge base."""

from __future__ import annotations

import json

import pytest
from tests.exercises.gift_parser import parse as parse_gift

from dualuse.cli.app import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_french_gift_quiz_with_key_then_grade(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    quiz, key = tmp_path / "quiz.gift", tmp_path / "key.json"
    code, _, err = run(capsys, "exercise", "generate", "--count", "20", "--seed", "7", "--lang",
                       "fr", "--format", "gift", "-o", str(quiz), "--key", str(key), "--type",
                       "identify", "--type", "hs")
    assert code == 0, err
    assert len(parse_gift(quiz.read_text(encoding="utf-8"))) == 20
    data = json.loads(key.read_text(encoding="utf-8"))
    right = {q["id"]: ";".join(c["key"] for c in q["choices"] if c["correct"])
             for q in data["questions"]}
    answers = tmp_path / "answers.csv"
    answers.write_text("student," + ",".join(right) + "\n"
                       + "Ada," + ",".join(right.values()) + "\n"
                       + "Bob," + ",".join("A" for _ in right) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "exercise", "grade", str(key), str(answers), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert [s["student"] for s in report["students"]] == ["Ada", "Bob"]
    assert report["students"][0]["percent"] == 100.0
    assert report["students"][1]["percent"] < 100.0
    code, out, _ = run(capsys, "exercise", "grade", str(key), str(answers))
    assert code == 0 and "Ada" in out and "moyenne" in out


def test_stdout_is_reproducible(capsys) -> None:  # type: ignore[no-untyped-def]
    args = ("exercise", "generate", "-n", "5", "--seed", "3", "--format", "json", "--type",
            "identify")
    _, a, _ = run(capsys, *args)
    _, b, _ = run(capsys, *args)
    assert a == b and json.loads(a)["seed"] == 3


@pytest.mark.parametrize("args", [
    ("exercise", "generate", "--count", "-3"),
    ("exercise", "generate", "--format", "docx"),
    ("exercise", "generate", "--type", "riddle"),
    ("exercise", "grade", "/nonexistent/key.json", "/nonexistent/a.csv"),
])
def test_bad_input_one_line_exit_2(capsys, args) -> None:  # type: ignore[no-untyped-def]
    code, _out, err = run(capsys, *args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
