"""Render an exercise set: Markdown (student sheet + answer key), JSON (the grading key),
Moodle GIFT, and a printable single-file HTML page with the answer key at the end.

Every renderer is a pure function of the set, so the same set gives the same bytes.
"""

from __future__ import annotations

import html
import re
from typing import Any, cast

from dualuse.errors import InputError
from dualuse.exercises.model import ExerciseSet, Question

FORMATS = ("md", "json", "gift", "html")

L: dict[str, dict[str, Any]] = {
    "sheet": {"en": "Student sheet", "fr": "Feuille de l'élève"},
    "key": {"en": "Answer key", "fr": "Corrigé"},
    "name": {"en": "Name", "fr": "Nom"},
    "answer": {"en": "Answer", "fr": "Réponse"},
    "why": {"en": "Why", "fr": "Justification"},
    "basis": {"en": "Basis", "fr": "Fondement"},
    "multi": {"en": "(several answers)", "fr": "(plusieurs réponses)"},
    "meta": {"en": "Seed {seed} - {n} questions - {editions}",
             "fr": "Graine {seed} - {n} questions - {editions}"},
    "type": {"identify": {"en": "Identify the entry", "fr": "Identifier la rubrique"},
             "threshold": {"en": "Controlled or not", "fr": "Contrôlé ou non"},
             "hs": {"en": "HS to entries", "fr": "Du SH aux rubriques"},
             "licence": {"en": "Licence decision", "fr": "Décision d'autorisation"}},
}


def _l(key: str, lang: str) -> str:
    return cast(str, L[key][lang])


def render(ex: ExerciseSet, fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}", value=fmt)
    return {"md": markdown, "json": to_json, "gift": gift, "html": to_html}[fmt](ex)


def to_json(ex: ExerciseSet) -> str:
    return ex.model_dump_json(indent=2) + "\n"


def _meta(ex: ExerciseSet) -> str:
    return _l("meta", ex.lang).format(seed=ex.seed, n=len(ex.questions),
                                      editions="; ".join(ex.editions))


def _kind(q: Question, lang: str) -> str:
    return cast(str, L["type"][q.type][lang])


def markdown(ex: ExerciseSet) -> str:
    lang = ex.lang
    out = [f"# {ex.title}", "", f"_{_meta(ex)}_", "", f"## {_l('sheet', lang)}", "",
           f"{_l('name', lang)}: ____________________", ""]
    for i, q in enumerate(ex.questions, 1):
        out += [f"### {i}. {_kind(q, lang)} ({q.id})", "", _md(q.prompt), "",
                f"**{_md(q.ask)}**" + (f" {_l('multi', lang)}" if q.multiple else ""), ""]
        out += [f"- [ ] **{c.key}.** {_md(c.text)}" for c in q.choices]
        out.append("")
    out += ["---", "", f"## {_l('key', lang)}", ""]
    for i, q in enumerate(ex.questions, 1):
        out += [f"{i}. ({q.id}) **{', '.join(q.answer)}**: {_md(q.reason)}"]
        if q.basis:
            out.append(f"   {_l('basis', lang)}: {_md('; '.join(q.basis))}")
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


# --- Moodle GIFT -------------------------------------------------------------------------------

_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    """Escape the characters GIFT gives a meaning to, and flatten line breaks."""
    return _GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def gift(ex: ExerciseSet) -> str:
    out = [f"// {gift_escape(ex.title)}", f"// {gift_escape(_meta(ex))}", "",
           f"$CATEGORY: $course$/dualuse/{ex.options.get('list', 'list')}/{ex.lang}", ""]
    for q in ex.questions:
        title = gift_escape(f"{q.id} {_kind(q, ex.lang)}")
        text = gift_escape(f"{q.prompt} {q.ask}")
        answers = []
        n_right = len(q.answer)
        n_wrong = len(q.choices) - n_right
        for c in q.choices:
            fb = f"#{gift_escape(c.feedback)}" if c.feedback else ""
            if not q.multiple:
                answers.append(f"\t{'=' if c.correct else '~'}{gift_escape(c.text)}{fb}")
            else:
                w = _weight(100, n_right) if c.correct else f"-{_weight(100, n_wrong)}"
                answers.append(f"\t~%{w}%{gift_escape(c.text)}{fb}")
        out += [f"::{title}::{text} {{", *answers, f"\t####{gift_escape(q.reason)}", "}", ""]
    return "\n".join(out)


def _weight(total: int, n: int) -> str:
    """Moodle accepts these percentages only; pick the one that sums closest to the total."""
    allowed = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
               14.28571, 12.5, 11.11111, 10, 5)
    target = total / max(n, 1)
    best = min(allowed, key=lambda a: abs(a - target))
    return f"{best:.5f}".rstrip("0").rstrip(".")


# --- HTML --------------------------------------------------------------------------------------

_CSS = """body{font-family:system-ui,sans-serif;max-width:52em;margin:2em auto;line-height:1.45}
h1{font-size:1.5em}h3{margin-bottom:.3em}.meta{color:#555}.q{break-inside:avoid;margin-bottom:1.2em}
ol.c{list-style:none;padding-left:1em}ol.c li::before{content:"\\2610  "}
.key{break-before:page}.key li{margin-bottom:.5em}
@media print{body{margin:0}}"""


def to_html(ex: ExerciseSet) -> str:
    e = html.escape
    lang = ex.lang
    out = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
           f"<title>{e(ex.title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           f"<h1>{e(ex.title)}</h1>", f'<p class="meta">{e(_meta(ex))}</p>',
           f"<h2>{e(_l('sheet', lang))}</h2>",
           f"<p>{e(_l('name', lang))}: ______________________</p>"]
    for i, q in enumerate(ex.questions, 1):
        multi = f" {e(_l('multi', lang))}" if q.multiple else ""
        out += [f'<section class="q" id="{e(q.id)}">',
                f"<h3>{i}. {e(_kind(q, lang))}</h3>", f"<p>{e(q.prompt)}</p>",
                f"<p><strong>{e(q.ask)}</strong>{multi}</p>", '<ol class="c">',
                *(f"<li><strong>{e(c.key)}.</strong> {e(c.text)}</li>" for c in q.choices),
                "</ol>", "</section>"]
    out += ['<section class="key">', f"<h2>{e(_l('key', lang))}</h2>", "<ol>"]
    for q in ex.questions:
        basis = (f"<br><small>{e(_l('basis', lang))}: {e('; '.join(q.basis))}</small>"
                 if q.basis else "")
        out.append(f"<li><strong>{e(', '.join(q.answer))}</strong> - {e(q.reason)}{basis}</li>")
    out += ["</ol>", "</section>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
