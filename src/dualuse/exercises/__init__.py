"""Classification exercises for trainers: generate (seeded), render (Markdown, JSON, GIFT, HTML;
student sheets and separate key files), grade (with a CSV for gradebooks)."""

from dualuse.exercises.generate import generate, parse_mix
from dualuse.exercises.grade import collation_key, grade, grades_csv, read_answers, read_key
from dualuse.exercises.model import ClassReport, ExerciseSet, Question
from dualuse.exercises.render import FORMATS, KEY_FORMATS, render
from dualuse.exercises.write import key_path, write_text

__all__ = ["FORMATS", "KEY_FORMATS", "ClassReport", "ExerciseSet", "Question", "collation_key",
           "generate", "grade", "grades_csv", "key_path", "parse_mix", "read_answers",
           "read_key", "render", "write_text"]
