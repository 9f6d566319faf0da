"""Exercise generation, formats and grading, on the bundled knowledge base."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from dualuse.catalog import open_catalog
from dualuse.errors import InputError
from dualuse.exercises import generate, grade, read_answers, read_key, render
from dualuse.exercises.model import ExerciseSet

from .gift_parser import GiftError
from .gift_parser import parse as parse_gift


@pytest.fixture(scope="module")
def fr_quiz() -> ExerciseSet:
    return generate(20, seed=7, types=("identify", "hs"), lang="fr")


def test_same_seed_same_bytes_in_every_format() -> None:
    a = generate(12, seed=42, types=("identify", "hs"), lang="en", difficulty="hard")
    b = generate(12, seed=42, types=("identify", "hs"), lang="en", difficulty="hard")
    for fmt in ("md", "json", "gift", "html"):
        assert render(a, fmt) == render(b, fmt)
    c = generate(12, seed=43, types=("identify", "hs"), lang="en", difficulty="hard")
    assert render(a, "json") != render(c, "json")


def test_questions_are_well_formed(fr_quiz: ExerciseSet) -> None:
    cat = open_catalog()
    assert len(fr_quiz.questions) == 20
    assert [q.id for q in fr_quiz.questions] == [f"q{i:02d}" for i in range(1, 21)]
    for q in fr_quiz.questions:
        texts = [c.text for c in q.choices]
        assert len(set(texts)) == len(texts), q
        assert [c.key for c in q.choices] == list("ABCDEFGH"[: len(q.choices)])
        assert len(q.answer) == 1 or q.multiple
        assert q.entry and cat.get(q.entry) is not None
        if q.type == "identify":
            # the right choice names the entry; distractors are other entries
            right = [c for c in q.choices if c.correct]
            assert right[0].text.startswith(q.entry + " ")
        if q.type == "identify" and q.entry[1:2] in ("D", "E"):
            # software and technology are asked about as software and technology
            assert ("logiciel" if q.entry[1] == "D" else "technologie") in q.prompt.lower()
        if q.type == "hs":
            # one entry: the one the description names (tests/exercises/test_consistency.py)
            assert len(q.answer) == 1 and q.hs is not None


def test_filters_and_difficulty() -> None:
    ex = generate(8, seed=1, types=("identify",), categories=("5",), lang="en", difficulty="hard")
    assert {q.entry[0] for q in ex.questions} == {"5"}
    easy = generate(8, seed=1, types=("identify",), categories=("5",), lang="en", difficulty="easy")
    # easy distractors come from other categories, hard ones from the same category when possible
    for q in easy.questions:
        assert all(not c.text.startswith("5") for c in q.choices if not c.correct)
    same_cat = sum(c.text.startswith("5") for q in ex.questions for c in q.choices if not c.correct)
    assert same_cat >= len(ex.questions)  # at least one look-alike per hard question on average


@pytest.mark.parametrize("kwargs, message", [
    ({"count": 0}, "--count"),
    ({"count": 5, "types": ("quiz",)}, "--type"),
    ({"count": 5, "lang": "de"}, "--lang"),
    ({"count": 5, "categories": ("Z",)}, "--category"),
    ({"count": 5, "difficulty": "brutal"}, "--difficulty"),
    ({"count": 5, "list_id": "nowhere-1999"}, "--list"),
])
def test_bad_options_are_input_errors(kwargs: dict, message: str) -> None:
    count = kwargs.pop("count")
    with pytest.raises(InputError, match=message):
        generate(count, **kwargs)


def test_gift_export_parses_like_moodle_would(fr_quiz: ExerciseSet) -> None:
    text = render(fr_quiz, "gift")
    questions = parse_gift(text)
    assert len(questions) == 20
    for gq, q in zip(questions, fr_quiz.questions, strict=False):
        assert gq.title.startswith(f"{fr_quiz.name} {q.id} ")
        assert gq.text.startswith("[html]") and "<br>" in gq.text
        assert len(gq.answers) == len(q.choices)
        if q.multiple:
            assert [a.weight > 0 for a in gq.answers] == [c.correct for c in q.choices]  # type: ignore[operator]
        else:
            assert [a.correct for a in gq.answers] == [c.correct for c in q.choices]
        assert gq.general_feedback


def test_gift_parser_rejects_what_moodle_rejects() -> None:
    for bad in ["::t::What {=a ~b", "::t::x {=a ~b} y", "::t::a {b} {=a ~b}", "::t::q {~a ~b}",
                "::t::q {=a=b ~c #x # y}", "::t::q {~%37%a ~%63%b}"]:
        with pytest.raises(GiftError):
            parse_gift(bad)


def test_gift_escapes_special_characters() -> None:
    from dualuse.exercises.render import gift_escape

    raw = "Ratio {a}: 1=2 ~ #3 \\ end"
    escaped = gift_escape(raw)
    q = parse_gift(f"::t::{escaped} {{=ok ~{escaped}}}")[0]
    assert q.text == raw and q.answers[1].text == raw


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.sections: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:  # type: ignore[type-arg]
        if tag == "script":
            self.scripts += 1
        if tag == "section":
            self.sections.append(dict(attrs).get("class", ""))
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, (self.stack[-3:], tag)
        self.stack.pop()


def test_html_sheet_has_no_answers_and_its_key_file_has(fr_quiz: ExerciseSet) -> None:
    q0 = fr_quiz.questions[0].model_copy(update={"prompt": "<script>alert(1)</script> & co"})
    ex = fr_quiz.model_copy(update={"questions": (q0, *fr_quiz.questions[1:])})
    for page in (render(ex, "html"), render(ex, "html", key=True)):
        p = _Collect()
        p.feed(page)
        assert p.stack == [] and p.scripts == 0
    sheet, key = render(ex, "html"), render(ex, "html", key=True)
    assert "&lt;script&gt;" in sheet and "Corrigé" not in sheet and "Corrigé" in key
    for q in fr_quiz.questions[1:]:
        # the explanation (which may open by quoting the line the question shows) is not there
        assert q.reason not in sheet.replace("&#x27;", "'")
    assert sheet.count('class="q"') == 20


def test_markdown_sheet_has_no_answers_and_its_key_file_has(fr_quiz: ExerciseSet) -> None:
    sheet, key = render(fr_quiz, "md"), render(fr_quiz, "md", key=True)
    assert "Feuille de l'élève" in sheet and sheet.count("- [ ] **A.**") == 20
    assert "Corrigé" not in sheet and "Corrigé" in key
    for q in fr_quiz.questions:
        assert f"({q.id}) **{', '.join(q.answer)}**" in key
        assert f"**{', '.join(q.answer)}**:" not in sheet


def _write(tmp_path, name: str, text: str, encoding: str = "utf-8"):  # type: ignore[no-untyped-def]
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_grading_full_partial_blank_and_feedback(tmp_path, fr_quiz: ExerciseSet) -> None:
    key = _write(tmp_path, "key.json", render(fr_quiz, "json"))
    qs = fr_quiz.questions
    perfect = {q.id: ";".join(q.answer) for q in qs}
    wrong = {q.id: next(c.key for c in q.choices if not c.correct) for q in qs}
    header = "student," + ",".join(q.id for q in qs)
    rows = [header,
            "Ada," + ",".join(perfect[q.id] for q in qs),
            "Bob," + ",".join(wrong[q.id] for q in qs),
            "Cy," + ",".join("" for _ in qs)]
    answers = _write(tmp_path, "answers.csv", "\ufeff" + "\n".join(rows) + "\n")
    report = grade(read_key(key), read_answers(answers))
    by = {s.student: s for s in report.students}
    assert by["Ada"].percent == 100.0 and by["Bob"].percent == 0.0 and by["Cy"].score == 0
    assert report.mean_percent == pytest.approx(100 / 3, abs=0.1)
    fb = by["Bob"].questions[0]
    assert not fb.correct and "attendue" in fb.feedback and qs[0].entry in fb.feedback
    assert by["Cy"].questions[0].feedback.startswith("Pas de réponse")
    multi = next((q for q in qs if q.multiple), None)
    if multi is not None:  # one right pick out of several earns partial credit
        one = {multi.id: multi.answer[0]}
        part = grade(fr_quiz, {"Dee": {k: tuple(v) for k, v in one.items()}}).students[0]
        assert 0 < part.score < 1


def test_answers_json_and_long_csv_agree(tmp_path, fr_quiz: ExerciseSet) -> None:
    qs = fr_quiz.questions[:3]
    j = _write(tmp_path, "a.json", json.dumps(
        {"students": [{"name": "Ada", "answers": {q.id: list(q.answer) for q in qs}}]}))
    long_rows = ["student,question,answer"] + [f"Ada,{q.id},{'/'.join(q.answer)}" for q in qs]
    c = _write(tmp_path, "a.csv", "\n".join(long_rows), encoding="latin-1")
    assert read_answers(j) == read_answers(c)


@pytest.mark.parametrize("content, message", [
    ("student,q01\nAda,=HYPERLINK(\"http://x\")\n", None),
    ("who,what\nAda,B\n", "header"),
    ("{\"students\": 3}", "list"),
    ("{bad json", "bad JSON"),
    ("student,q999\nAda,A\n", "not in the key"),
])
def test_bad_answer_files(tmp_path, fr_quiz: ExerciseSet, content: str,
                          message: str | None) -> None:
    f = _write(tmp_path, "x.csv", content)
    if message is None:  # a formula is just a (wrong) answer, never evaluated
        report = grade(fr_quiz, read_answers(f))
        assert report.students[0].questions[0].given == ("=HYPERLINK(\"HTTP://X\")",) or \
            report.students[0].questions[0].score == 0
        return
    with pytest.raises(InputError, match=message):
        grade(fr_quiz, read_answers(f))


def test_key_must_be_the_json_export(tmp_path, fr_quiz: ExerciseSet) -> None:
    f = _write(tmp_path, "quiz.gift", render(fr_quiz, "gift"))
    with pytest.raises(InputError, match="not a dualuse exercise set"):
        read_key(f)
