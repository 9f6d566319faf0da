"""Grade a class's answers against an answer key (the JSON export of an exercise set).

Answers come as JSON (``{"students": [{"name": ..., "answers": {"q01": "B", ...}}]}``) or CSV,
either wide (``student,q01,q02,...``: one row per student, as a trainer fills a spreadsheet) or long
(``student,question,answer``). Multiple answers are written ``A;C`` or ``AC``. Multiple-answer
questions earn partial credit: right picks minus wrong picks, never below zero.
"""

from __future__ import annotations

import csv
import io
import json
import re
import statistics
from pathlib import Path

from pydantic import ValidationError

from dualuse.errors import InputError
from dualuse.exercises.model import (
    ClassReport,
    ExerciseSet,
    Feedback,
    Question,
    QuestionStats,
    StudentGrade,
)

MAX_BYTES = 10 * 1024 * 1024
Answers = dict[str, dict[str, tuple[str, ...]]]

M = {
    "right": {"en": "Correct. {reason}", "fr": "Exact. {reason}"},
    "partial": {"en": "Partly right (expected {expected}). {reason}",
                "fr": "Partiellement juste (attendu : {expected}). {reason}"},
    "wrong": {"en": "Expected {expected}. {reason}",
              "fr": "Réponse attendue : {expected}. {reason}"},
    "blank": {"en": "No answer (expected {expected}). {reason}",
              "fr": "Pas de réponse (attendu : {expected}). {reason}"},
    "chosen": {"en": " Your choice {key}: {feedback}", "fr": " Votre choix {key} : {feedback}"},
}


def _read_text(path: Path, what: str) -> str:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"{what} {path}: {e.strerror or e}", value=str(path)) from None
    if size > MAX_BYTES:
        raise InputError(f"{what} {path}: {size} bytes, more than the {MAX_BYTES} allowed",
                         value=str(path))
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise InputError(f"{what} {path}: contains NUL bytes, not a text file", value=str(path))
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{what} {path}: unknown text encoding", value=str(path))  # pragma: no cover


def read_key(path: str | Path) -> ExerciseSet:
    p = Path(path)
    text = _read_text(p, "answer key")
    try:
        return ExerciseSet.model_validate_json(text)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ()))
        raise InputError(f"answer key {p}: not a dualuse exercise set in JSON "
                         f"({where + ': ' if where else ''}{first.get('msg')}); "
                         "generate one with --format json or --key", value=str(p)) from None


def _keys(cell: object) -> tuple[str, ...]:
    if cell is None:
        return ()
    if isinstance(cell, list):
        return tuple(sorted({str(x).strip().upper() for x in cell if str(x).strip()}))
    text = str(cell).strip().upper()
    if not text:
        return ()
    parts = re.split(r"[;,\s/]+", text) if re.search(r"[;,\s/]", text) else list(text)
    return tuple(sorted({x for x in parts if x}))


def _clean_name(name: object) -> str:
    text = "".join(ch for ch in str(name) if ch.isprintable()).strip()
    return text[:100] or "?"


def read_answers(path: str | Path) -> Answers:
    p = Path(path)
    text = _read_text(p, "answers")
    if text.lstrip().startswith(("{", "[")):
        return _answers_json(text, p)
    return _answers_csv(text, p)


def _answers_json(text: str, p: Path) -> Answers:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"answers {p}: bad JSON at line {e.lineno}: {e.msg}",
                         value=str(p)) from None
    students = data.get("students", [data]) if isinstance(data, dict) else data
    out: Answers = {}
    if not isinstance(students, list):
        raise InputError(f"answers {p}: 'students' must be a list", value=str(p))
    for s in students:
        if not isinstance(s, dict) or not isinstance(s.get("answers"), dict):
            raise InputError(f"answers {p}: each student needs 'name' and an 'answers' object",
                             value=str(p))
        out[_clean_name(s.get("name", f"student {len(out) + 1}"))] = {
            str(k).strip().lower(): _keys(v) for k, v in s["answers"].items()}
    return out


def _answers_csv(text: str, p: Path) -> Answers:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    rows = [r for r in rows if any(c.strip() for c in r)]
    if not rows:
        raise InputError(f"answers {p}: empty file", value=str(p))
    head = [h.strip().lower() for h in rows[0]]
    out: Answers = {}
    if head[:3] == ["student", "question", "answer"]:
        for r in rows[1:]:
            if len(r) < 3:
                raise InputError(f"answers {p}: row {r!r} needs student, question, answer",
                                 value=str(p))
            out.setdefault(_clean_name(r[0]), {})[r[1].strip().lower()] = _keys(r[2])
        return out
    if not head or head[0] not in ("student", "name", "nom", "élève", "eleve") or \
            not all(re.fullmatch(r"q\d{2,4}", h) for h in head[1:]):
        raise InputError(f"answers {p}: expected a header 'student,q01,q02,...' or "
                         "'student,question,answer'", value=str(p))
    for r in rows[1:]:
        out[_clean_name(r[0])] = {q: _keys(r[i + 1] if i + 1 < len(r) else "")
                                  for i, q in enumerate(head[1:])}
    return out


def _score(q: Question, given: tuple[str, ...]) -> float:
    right = set(q.answer)
    if not q.multiple:
        return 1.0 if set(given) == right else 0.0
    wrong_keys = {c.key for c in q.choices} - right
    hits = len(right & set(given)) / len(right)
    misses = len(set(given) & wrong_keys) / max(len(wrong_keys), 1)
    return round(max(0.0, hits - misses), 4)


def _feedback(q: Question, given: tuple[str, ...], score: float, lang: str) -> str:
    expected = ", ".join(q.answer)
    if not given:
        key = "blank"
    elif score >= 1.0:
        key = "right"
    elif score > 0:
        key = "partial"
    else:
        key = "wrong"
    text = M[key][lang].format(expected=expected, reason=q.reason)
    if key in ("wrong", "partial"):
        by_key = {c.key: c for c in q.choices}
        for g in given:
            c = by_key.get(g)
            if c is not None and not c.correct and c.feedback and c.feedback != q.reason:
                text += M["chosen"][lang].format(key=g, feedback=c.feedback)
    return text


def collation_key(name: str) -> tuple[str, str, str]:
    """Names sorted the way a class list is, without system locales: by the letters with their
    accents and case folded (Élodie with the E's, before Zoé), then by accents, then exactly."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", name)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    base = base.replace("ß", "ss").replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe") \
        .replace("Œ", "OE").replace("ø", "o").replace("Ø", "O").replace("ł", "l") \
        .replace("Ł", "L")
    return base.casefold(), decomposed.casefold(), name


def grades_csv(report: ClassReport) -> str:
    """One row per student for a gradebook: student, points, out of, percent, then the points of
    each question."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    ids = [q.question for q in report.questions]
    w.writerow(["student", "points", "out_of", "percent", *ids])
    for s in report.students:
        w.writerow([_safe_cell(s.student), f"{s.score:g}", s.out_of, f"{s.percent:g}",
                    *(f"{f.score:g}" for f in s.questions)])
    return buf.getvalue()


def _safe_cell(text: str) -> str:
    """A name never runs as a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def grade(key: ExerciseSet, answers: Answers) -> ClassReport:
    """Grade every student; unknown question ids in the answers are an input error."""
    ids = {q.id for q in key.questions}
    students = []
    for name in sorted(answers, key=collation_key):
        extra = sorted(set(answers[name]) - ids)
        if extra:
            raise InputError(f"answers of {name}: question {extra[0]} is not in the key "
                             f"({len(ids)} questions q01..)", value=extra[0])
        fbs = []
        for q in key.questions:
            given = answers[name].get(q.id, ())
            s = _score(q, given)
            fbs.append(Feedback(question=q.id, given=given, expected=q.answer, score=s,
                                correct=s >= 1.0, feedback=_feedback(q, given, s, key.lang)))
        total = round(sum(f.score for f in fbs), 4)
        n = len(key.questions)
        students.append(StudentGrade(student=name, score=total, out_of=n,
                                     percent=round(100 * total / n, 1), questions=tuple(fbs)))
    stats = []
    for i, q in enumerate(key.questions):
        right = sum(1 for s in students if s.questions[i].correct)
        stats.append(QuestionStats(question=q.id, type=q.type, entry=q.entry,
                                   percent_correct=round(100 * right / len(students), 1)
                                   if students else 0.0))
    pct = [s.percent for s in students]
    return ClassReport(title=key.title, lang=key.lang, students=tuple(students),
                       mean_percent=round(statistics.fmean(pct), 1) if pct else 0.0,
                       median_percent=round(statistics.median(pct), 1) if pct else 0.0,
                       questions=tuple(stats))
