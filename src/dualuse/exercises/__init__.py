"""Classification exercises for trainers: generate (seeded), render (Markdown, JSON, GIFT, HTML),
grade.
"""

from dualuse.exercises.generate import generate
from dualuse.exercises.grade import grade, read_answers, read_key
from dualuse.exercises.model import ClassReport, ExerciseSet, Question
from dualuse.exercises.render import FORMATS, render

__all__ = ["FORMATS", "ClassReport", "ExerciseSet", "Question", "generate", "grade", "read_answers",
           "read_key", "render"]
