#!/usr/bin/env python3
"""Regenerate examples/exercises/ (run after the knowledge base or the generator changes):
the French 20-question set (mixed difficulties) as GIFT, HTML student sheet with its key file and
the JSON answer key, a class's answers (four invented students of different skill, seeded) and
the grading report with its gradebook CSV."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "examples" / "exercises"
STUDENTS = {"Zoé M.": 0.9, "Bakyt T.": 0.65, "Élodie R.": 0.4, "Amina K.": 0.75}


def dualuse(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "dualuse", *args], cwd=OUT, check=True,
                          capture_output=True, text=True).stdout


def main() -> None:
    from dualuse.exercises import read_key

    common = ("exercise", "generate", "--mix", "easy:5,medium:10,hard:5", "--seed", "7",
              "--lang", "fr")
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
    report = dualuse("exercise", "grade", "key-fr.json", "answers.csv", "--csv", "grades.csv")
    (OUT / "grades.txt").write_text("\n".join(ln.rstrip() for ln in report.splitlines()) + "\n",
                                    encoding="utf-8")


if __name__ == "__main__":
    main()
