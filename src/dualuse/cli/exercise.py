"""``dualuse exercise``: generate classification exercises for trainers, and grade a class."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from dualuse.cli.app import app
from dualuse.cli.output import (
    JsonOpt,
    Lang,
    LangOpt,
    check_lang,
    emit_json,
    note,
    say,
    table,
    ui_lang,
)


class QType(str, Enum):
    identify = "identify"
    threshold = "threshold"
    hs = "hs"
    licence = "licence"


class Difficulty(str, Enum):
    easy = "easy"
    medium = "medium"
    hard = "hard"


class ExFormat(str, Enum):
    md = "md"
    json = "json"
    gift = "gift"
    html = "html"

exercise_app = typer.Typer(help="Training exercises: generate (seeded) and grade.",
                           no_args_is_help=True)
app.add_typer(exercise_app, name="exercise")


@exercise_app.command("generate")
def generate(
    count: int = typer.Option(10, "--count", "-n", help="Number of questions."),
    seed: int = typer.Option(0, "--seed", "-s",
                             help="Same seed and options: same output, byte for byte."),
    type_: list[QType] = typer.Option([], "--type", "-t",
                                      help="Question type (repeatable; default all)."),
    category: list[str] = typer.Option([], "--category", "-c",
                                       help="Category 0-9 or ML (repeatable)."),
    list_id: str = typer.Option("wassenaar-2025", "--list", help="Control list to draw from."),
    difficulty: Difficulty = typer.Option(Difficulty.medium, "--difficulty", "-d",
                                          help="How hard the questions are."),
    lang: Lang = LangOpt,
    fmt: ExFormat = typer.Option(ExFormat.md, "--format", "-f", help="Output format."),
    output: Path = typer.Option(None, "--output", "-o",
                                help="Write to this file instead of stdout."),
    key: Path = typer.Option(None, "--key",
                             help="Also write the JSON answer key (for grading) here."),
) -> None:
    """Generate a seeded exercise set.

    Example:

        dualuse exercise generate -n 20 -s 7 --lang fr -f gift -o quiz.gift --key key.json
    """
    from dualuse.exercises import generate as run
    from dualuse.exercises import render
    from dualuse.store import atomic_write

    ex = run(count, seed=seed, types=[t.value for t in type_], categories=category,
             list_id=list_id, lang=ui_lang(lang), difficulty=difficulty.value)
    text = render(ex, fmt.value)
    if output is None:
        say(text.rstrip("\n"))
    else:
        atomic_write(output, text.encode("utf-8"))
        note(f"{len(ex.questions)} questions written to {output}")
    if key is not None:
        atomic_write(key, render(ex, "json").encode("utf-8"))
        note(f"answer key written to {key}")


@exercise_app.command("grade")
def grade(
    key: Path = typer.Argument(..., help="Answer key: the JSON export of the exercise set."),
    answers: Path = typer.Argument(..., help="Answers: CSV (student,q01,q02,...) or JSON."),
    json_: bool = JsonOpt,
    lang: Lang = LangOpt,
) -> None:
    """Grade a class's answers: per-question feedback citing the entry and the reason, and a
    summary (in the language of the exercise set unless --lang is given).

    Example:

        dualuse exercise grade key.json answers.csv
    """
    from dualuse.exercises import grade as run
    from dualuse.exercises import read_answers, read_key

    report = run(read_key(key), read_answers(answers))
    if json_:
        emit_json(report)
        return
    fr = (check_lang(lang) or report.lang) == "fr"
    for s in report.students:
        table(["question", "réponse" if fr else "given", "points",
               "commentaire" if fr else "feedback"],
              [(f.question, ",".join(f.given) or "-", f"{f.score:g}", f.feedback)
               for f in s.questions],
              title=f"{s.student}: {s.score:g}/{s.out_of} ({s.percent:g} %)")
    table(["élève" if fr else "student", "points", "%"],
          [(s.student, f"{s.score:g}/{s.out_of}", f"{s.percent:g}") for s in report.students],
          title="Classe" if fr else "Class",
          caption=(f"moyenne {report.mean_percent:g} %, médiane {report.median_percent:g} %" if fr
                   else f"mean {report.mean_percent:g} %, median {report.median_percent:g} %"))
    hardest = sorted(report.questions, key=lambda q: q.percent_correct)[:5]
    say(("Questions les moins réussies : " if fr else "Hardest questions: ")
        + ", ".join(f"{q.question} ({q.entry}, {q.percent_correct:g} %)" for q in hardest))
