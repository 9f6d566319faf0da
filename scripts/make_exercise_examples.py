#!/usr/bin/env python3
"""Regenerate examples/exercises/ (run after the knowledge base or the generator changes):
the French 20-question set as GIFT, HTML and JSON key, a class's answers (three invented students
of different skill, seeded) and the grading report."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "examples" / "exercises"
STUDENTS = {"Amina K.": 0.9, "Bakyt T.": 0.65, "Camille R.": 0.4}


def dualuse(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "dualuse", *args], cwd=OUT, check=True,
                          capture_output=True, text=True).stdout


def main() -> None:
    from dualuse.exercises import read_key

    common = ("exercise", "generate", "--count", "20", "--seed", "7", "--lang", "fr")
    dualuse(*common, "--format", "gift", "-o", "quiz-fr.gift", "--key", "key-fr.json")
    dualuse(*common, "--format", "html", "-o", "quiz-fr.html")
    key = read_key(OUT / "key-fr.json")
    rng = random.Random(7)
    lines = ["student," + ",".join(q.id for q in key.questions)]
    for name, skill in STUDENTS.items():
        row = [name]
        for q in key.questions:
            right = [c.key for c in q.choices if c.correct]
            row.append(";".join(right if rng.random() < skill else [rng.choice(q.choices).key]))
        lines.append(",".join(row))
    (OUT / "answers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = dualuse("exercise", "grade", "key-fr.json", "answers.csv")
    (OUT / "grades.txt").write_text("\n".join(ln.rstrip() for ln in report.splitlines()) + "\n",
                                    encoding="utf-8")


if __name__ == "__main__":
    main()
