"""Exercise sets, questions, answer sheets and grades: the pydantic models behind every format.

The JSON export of an :class:`ExerciseSet` is the answer key that ``dualuse exercise grade`` reads,
so everything a grader needs (correct keys, the entry, the reason) lives on the question.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from dualuse.model import Parameter

ExerciseType = Literal["identify", "threshold", "hs", "hs-scope", "cas", "licence"]
Difficulty = Literal["easy", "medium", "hard"]
EXERCISE_TYPES: tuple[ExerciseType, ...] = ("identify", "threshold", "hs", "hs-scope", "cas",
                                             "licence")
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "medium", "hard")
FORMAT_VERSION = 2


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Choice(_Frozen):
    key: str = Field(pattern=r"^[A-H]$")
    text: str
    correct: bool = False
    feedback: str = ""
    """Why this choice is right or wrong (shown after answering, and in the grade report)."""


class Question(_Frozen):
    id: str = Field(pattern=r"^q\d{2,4}$")
    type: ExerciseType
    difficulty: Difficulty
    prompt: str
    """The situation: an invoice line, a specification, a declaration."""
    ask: str
    """The question put to the trainee."""
    choices: tuple[Choice, ...]
    multiple: bool = False
    """More than one choice is correct (HS questions: every entry to check)."""
    entry: str | None = None
    """The control entry the question is about (for feedback and filters)."""
    reason: str
    """The explanation in the answer key: the entry, threshold, note or article that decides it."""
    basis: tuple[str, ...] = ()
    """Citations: entry codes, thresholds, legal articles."""
    threshold: Parameter | None = None
    """Threshold questions: the parameter the value was generated against."""
    declaration: dict[str, Any] | None = None
    """Licence questions: the declaration put to the licensing engine (re-checkable)."""
    verdict: str | None = None
    """Licence questions: the engine's verdict (the key)."""
    list_id: str | None = None
    """Threshold questions: the list whose criteria decided."""
    product: str | None = None
    """Threshold questions: the data sheet as dualuse read it (the prompt, line by line)."""
    decision: Literal["listed", "not-listed", "needs-figure"] | None = None
    """Threshold questions: dualuse's decision on ``product`` against ``entry`` (the key)."""
    hs: str | None = None
    """HS questions: the HS-6 code shown."""
    cas: str | None = None
    """CAS questions: the CAS number shown."""

    @property
    def answer(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.choices if c.correct)


class ExerciseSet(_Frozen):
    format: Literal["dualuse-exercises"] = "dualuse-exercises"
    version: int = FORMAT_VERSION
    title: str
    lang: Literal["en", "fr"]
    seed: int
    name: str = ""
    """Unique per set (list, language, difficulty or mix, seed): names the Moodle category and
    prefixes every question name, so a second set never mixes with the first."""
    options: dict[str, str]
    """The generation options, as given (so a set can be regenerated)."""
    editions: tuple[str, ...]
    questions: tuple[Question, ...]


class Feedback(_Frozen):
    question: str
    given: tuple[str, ...]
    expected: tuple[str, ...]
    score: float
    correct: bool
    feedback: str


class StudentGrade(_Frozen):
    student: str
    score: float
    """Points obtained (partial credit on multiple-answer questions)."""
    out_of: int
    percent: float
    questions: tuple[Feedback, ...]


class QuestionStats(_Frozen):
    question: str
    type: ExerciseType
    entry: str | None
    percent_correct: float


class ClassReport(_Frozen):
    title: str
    lang: Literal["en", "fr"]
    students: tuple[StudentGrade, ...]
    mean_percent: float
    median_percent: float
    questions: tuple[QuestionStats, ...]
    """Per question, the share of the class that got it right (hardest first shows where to
    teach)."""
