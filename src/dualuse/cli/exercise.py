"""``dualuse exercise``: generate classification exercises for trainers, and grade a class."""

from __future__ import annotations

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

# The choices shown in -h; the library checks the values (dualuse.exercises: EXERCISE_TYPES,
# DIFFICULTIES, FORMATS; a test keeps these in step). Spelled here so -h imports no pydantic.
TYPES = "<identify|threshold|hs|hs-scope|cas|licence>"
DIFFICULTIES = "<easy|medium|hard>"
FORMATS = "<md|json|gift|html>"

exercise_app = typer.Typer(help="Training exercises: generate (seeded) and grade.",
                           no_args_is_help=True)
app.add_typer(exercise_app, name="exercise")


@exercise_app.command("generate")
def generate(
    count: int = typer.Option(10, "--count", "-n", help="Number of questions."),
    seed: int = typer.Option(0, "--seed", "-s",
                             help="Series number: same series and options, same output."),
    type_: list[str] = typer.Option([], "--type", "-t", metavar=TYPES,
                                    help="Question type (repeatable; default all)."),
    category: list[str] = typer.Option([], "--category", "-c",
                                       help="Category 0-9 or ML (repeatable)."),
    list_id: str = typer.Option("wassenaar-2025", "--list", help="Control list to draw from."),
    difficulty: str = typer.Option("medium", "--difficulty", "-d", metavar=DIFFICULTIES,
                                   help="How hard the questions are."),
    mix: str = typer.Option(None, "--mix",
                            help="Several difficulties in one set: easy:10,medium:20,hard:10 "
                                 "(replaces --count and --difficulty)."),
    lang: Lang = LangOpt,
    fmt: str = typer.Option("md", "--format", "-f", metavar=FORMATS,
                            help="Output format."),
    output: Path = typer.Option(None, "--output", "-o",
                                help="Write to this file instead of stdout (md and html: the "
                                     "key goes to NAME.key.md / NAME.key.html beside it)."),
    key: Path = typer.Option(None, "--key",
                             help="Also write the JSON answer key (for grading) here."),
) -> None:
    """Generate a seeded exercise set: a student sheet without answers, and its key.

    Examples:

        dualuse exercise generate -n 20 -s 7 --lang fr -f gift -o quiz.gift --key key.json

        dualuse exercise generate --mix easy:10,medium:20,hard:10 -s 7 -f gift -o quiz.gift
    """
    from dualuse.exercises import KEY_FORMATS, key_path, parse_mix, render, write_text
    from dualuse.exercises import generate as run
    from dualuse.store import check_output

    sheet_key = key_path(output, fmt) if output is not None and fmt in KEY_FORMATS else None
    for path in (output, key, sheet_key):
        if path is not None:
            check_output(path)
    ex = run(count, seed=seed, types=type_, categories=category, list_id=list_id,
             lang=ui_lang(lang), difficulty=difficulty,
             mix=parse_mix(mix) if mix else None)
    text = render(ex, fmt)
    if output is None:
        say(text.rstrip("\n"))
    else:
        write_text(output, text)
        note(f"{len(ex.questions)} questions written to {output}")
        if sheet_key is not None:
            write_text(sheet_key, render(ex, fmt, key=True))
            note(f"key for the trainer written to {sheet_key}")
    if key is not None:
        write_text(key, render(ex, "json"))
        note(f"answer key written to {key}")


@exercise_app.command("grade")
def grade(
    key: Path = typer.Argument(..., help="Answer key: the JSON export of the exercise set."),
    answers: Path = typer.Argument(..., help="Answers: CSV (student,q01,q02,...) or JSON."),
    csv_out: Path = typer.Option(None, "--csv",
                                 help="Also write the grades as CSV for a gradebook here."),
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
    if csv_out is not None:
        from dualuse.exercises import grades_csv, write_text

        write_text(csv_out, grades_csv(report))
        note(f"grades written to {csv_out}")
    if json_:
        emit_json(report)
        return
    fr = (check_lang(lang) or report.lang) == "fr"

    def n(x: float) -> str:
        return f"{x:g}".replace(".", ",") if fr else f"{x:g}"

    for s in report.students:
        table(["question", "réponse" if fr else "given", "points",
               "commentaire" if fr else "feedback"],
              [(f.question, ",".join(f.given) or "-", n(f.score), f.feedback)
               for f in s.questions],
              title=f"{s.student}{' :' if fr else ':'} {n(s.score)}/{s.out_of} "
                    f"({n(s.percent)} %)")
    table(["élève" if fr else "student", "points", "%"],
          [(s.student, f"{n(s.score)}/{s.out_of}", n(s.percent)) for s in report.students],
          title="Classe" if fr else "Class",
          caption=(f"moyenne {n(report.mean_percent)} %, médiane {n(report.median_percent)} %"
                   if fr else
                   f"mean {report.mean_percent:g} %, median {report.median_percent:g} %"))
    hardest = sorted(report.questions, key=lambda q: q.percent_correct)[:5]
    say(("Questions les moins réussies\u00a0: " if fr else "Hardest questions: ")
        + ", ".join(f"{q.question} ({q.entry}, {n(q.percent_correct)} %)" for q in hardest))
