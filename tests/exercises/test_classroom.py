"""What a trainer needs to hand out and import a set: unique Moodle categories and names, line
breaks, mixed difficulties, files readable by the class (the user's umask), a gradebook CSV with
names sorted as a class list is, French as a trainer writes it."""

from __future__ import annotations

import csv
import io
import os
import stat

import pytest

from dualuse.errors import InputError
from dualuse.exercises import collation_key, generate, grade, grades_csv, parse_mix, render
from dualuse.exercises.text import NBSP, compared, country, typography

from .gift_parser import parse as parse_gift

TYPES = ("identify", "threshold", "hs", "hs-scope", "cas")


def test_two_sets_import_into_two_categories_with_unique_names() -> None:
    a = generate(6, seed=1, types=TYPES, lang="en", difficulty="easy")
    b = generate(6, seed=2, types=TYPES, lang="en", difficulty="easy")
    c = generate(6, seed=1, types=TYPES, lang="fr", difficulty="easy")
    cats, names = set(), []
    for ex in (a, b, c):
        text = render(ex, "gift")
        cats |= {ln for ln in text.splitlines() if ln.startswith("$CATEGORY:")}
        names += [q.title for q in parse_gift(text)]
    assert len(cats) == 3 and len(set(names)) == len(names) == 18


def test_mix_of_difficulties_in_one_set() -> None:
    mix = parse_mix("easy:3,medium:4,hard:2")
    ex = generate(seed=4, types=TYPES, lang="en", mix=mix)
    assert [q.difficulty for q in ex.questions] == ["easy"] * 3 + ["medium"] * 4 + ["hard"] * 2
    assert [q.id for q in ex.questions] == [f"q{i:02d}" for i in range(1, 10)]
    assert "mix" in ex.name and ex.options["difficulty"] == "easy:3,medium:4,hard:2"
    parse_gift(render(ex, "gift"))
    for bad in ("easy", "easy:0", "brutal:3", "easy:2,easy:3"):
        with pytest.raises(InputError, match="--mix"):
            parse_mix(bad)


def test_multiple_answer_marker_said_once() -> None:
    ex = generate(10, seed=3, types=("hs-scope", "cas"), lang="en", difficulty="medium")
    multi = [q for q in ex.questions if q.multiple]
    assert multi
    for q in multi:
        assert "all that apply" not in q.ask
    assert render(ex, "md").count("(several answers)") == len(multi)


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o027, 0o640)])
def test_cli_writes_sheet_key_and_answer_key_with_the_umask(tmp_path, mask: int,
                                                            mode: int) -> None:
    from dualuse.cli.app import main

    out = tmp_path / "quiz.html"
    key = tmp_path / "key.json"
    old = os.umask(mask)
    try:
        code = main(["exercise", "generate", "-n", "4", "-s", "3", "-t", "identify", "-t", "cas",
                     "-f", "html", "-o", str(out), "--key", str(key)])
    finally:
        os.umask(old)
    assert code == 0
    sheet_key = tmp_path / "quiz.key.html"
    for p in (out, key, sheet_key):
        assert stat.S_IMODE(p.stat().st_mode) == mode, p
    assert "Answer key" not in out.read_text() and "Answer key" in sheet_key.read_text()


def test_grades_csv_and_names_in_class_order(tmp_path) -> None:
    ex = generate(4, seed=1, types=("identify",), lang="fr", difficulty="easy")
    names = ["Zoé", "élodie", "Émile", "Eric", "Ada", "=cmd"]
    answers = {n: {q.id: q.answer for q in ex.questions} for n in names}
    report = grade(ex, answers)
    assert [s.student for s in report.students] == ["=cmd", "Ada", "élodie", "Émile", "Eric",
                                                    "Zoé"]
    rows = list(csv.reader(io.StringIO(grades_csv(report))))
    assert rows[0][:4] == ["student", "points", "out_of", "percent"]
    assert rows[1][0] == "'=cmd" and rows[2] == ["Ada", "4", "4", "100", "1", "1", "1", "1"]
    assert sorted(["Zoé", "Élodie", "Eve"], key=collation_key) == ["Élodie", "Eve", "Zoé"]


def test_french_as_a_trainer_writes_it() -> None:
    assert country("JP", "fr") == "le Japon" and country("RU", "fr") == "la Fédération de Russie"
    assert typography("Fiche : MMT ; pourquoi ? 09:30", "fr") == \
        f"Fiche{NBSP}: MMT{NBSP}; pourquoi{NBSP}? 09:30"
    from decimal import Decimal

    assert compared("lt", Decimal("0.5"), "um", met=False, lang="fr") == \
        f"ne reste pas sous 0,5{NBSP}µm"
    assert compared("gt", Decimal("43.5"), "GHz", met=False, lang="en") == \
        f"is at or below 43.5{NBSP}GHz, so does not exceed it"
    ex = generate(6, seed=7, types=("identify", "cas"), lang="fr")
    md = render(ex, "md")
    assert "série n° 7" in md and "raine" not in md
    assert all(f"{NBSP}:" in q.prompt for q in ex.questions)
