"""Render an exercise set: Markdown and HTML student sheets (no answers) with their separate key
files, JSON (the grading key), and Moodle GIFT (``[html]`` questions, so line breaks survive the
import; one category and unique question names per set).

Every renderer is a pure function of the set, so the same set gives the same bytes.
"""

from __future__ import annotations

import html
import re
from typing import Any, cast

from dualuse.errors import InputError
from dualuse.exercises.model import ExerciseSet, Question
from dualuse.exercises.text import typography

FORMATS = ("md", "json", "gift", "html")
KEY_FORMATS = ("md", "html")
"""Formats whose student sheet has a separate key file (JSON is the key; GIFT carries its
answers for Moodle)."""

L: dict[str, dict[str, Any]] = {
    "sheet": {"en": "Student sheet", "fr": "Feuille de l'élève"},
    "key": {"en": "Answer key", "fr": "Corrigé"},
    "name": {"en": "Name", "fr": "Nom"},
    "answer": {"en": "Answer", "fr": "Réponse"},
    "why": {"en": "Why", "fr": "Justification"},
    "basis": {"en": "Basis", "fr": "Fondement"},
    "multi": {"en": "(several answers)", "fr": "(plusieurs réponses)"},
    "meta": {"en": "{name}: series no. {seed}, {n} questions, {editions}",
             "fr": "{name} : série n° {seed}, {n} questions, {editions}"},
    "type": {"identify": {"en": "Identify the entry", "fr": "Identifier la rubrique"},
             "threshold": {"en": "Controlled or not", "fr": "Contrôlé ou non"},
             "hs": {"en": "Which entry to check", "fr": "Quelle rubrique vérifier"},
             "hs-scope": {"en": "What an HS code can hide", "fr": "Ce que cache un code SH"},
             "cas": {"en": "Chemical by CAS number", "fr": "Produit chimique par numéro CAS"},
             "licence": {"en": "Licence decision", "fr": "Décision d'autorisation"}},
}


def _l(key: str, lang: str) -> str:
    return cast(str, L[key][lang])


def render(ex: ExerciseSet, fmt: str, *, key: bool = False) -> str:
    """The student sheet in ``fmt`` (``key=True``: the key file of that format)."""
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}", value=fmt)
    if key:
        return {"md": markdown_key, "html": html_key}.get(fmt, to_json)(ex)
    return {"md": markdown, "json": to_json, "gift": gift, "html": to_html}[fmt](ex)


def to_json(ex: ExerciseSet) -> str:
    return ex.model_dump_json(indent=2) + "\n"


def _meta(ex: ExerciseSet) -> str:
    text = _l("meta", ex.lang).format(name=ex.name or "-", seed=ex.seed, n=len(ex.questions),
                                      editions="; ".join(ex.editions))
    return typography(text, ex.lang)


def _kind(q: Question, lang: str) -> str:
    return cast(str, L["type"][q.type][lang])


def markdown(ex: ExerciseSet) -> str:
    """The student sheet: questions and choices, no answer."""
    lang = ex.lang
    out = [f"# {_md(ex.title)}", "", f"_{_md(_meta(ex))}_", "", f"## {_l('sheet', lang)}", "",
           typography(f"{_l('name', lang)}: ____________________", lang), ""]
    for i, q in enumerate(ex.questions, 1):
        out += [f"### {i}. {_kind(q, lang)} ({q.id})", ""]
        out += [_md(ln) + "  " for ln in q.prompt.splitlines()]
        out += ["", f"**{_md(q.ask)}**" + (f" {_l('multi', lang)}" if q.multiple else ""), ""]
        out += [f"- [ ] **{c.key}.** {_md(c.text)}" for c in q.choices]
        out.append("")
    return "\n".join(out)


def markdown_key(ex: ExerciseSet) -> str:
    """The key file that goes with the Markdown sheet: answers, reasons, citations."""
    lang = ex.lang
    out = [f"# {_md(ex.title)}: {_l('key', lang)}", "", f"_{_md(_meta(ex))}_", ""]
    for i, q in enumerate(ex.questions, 1):
        out += [f"{i}. ({q.id}) **{', '.join(q.answer)}**: {_md(q.reason)}"]
        if q.basis:
            out.append(typography(f"   {_l('basis', lang)}: {_md('; '.join(q.basis))}", lang))
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


# --- Moodle GIFT -------------------------------------------------------------------------------

_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    """Escape the characters GIFT gives a meaning to, and flatten line breaks."""
    flat = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()  # non-breaking spaces stay
    return _GIFT_SPECIAL.sub(r"\\\1", flat)


def _gift_html(text: str) -> str:
    """A text kept line by line in an ``[html]`` question: HTML-escaped, then GIFT-escaped."""
    return "<br>".join(gift_escape(html.escape(ln, quote=False)) for ln in text.splitlines()
                       if ln.strip())


def gift(ex: ExerciseSet) -> str:
    """Moodle GIFT: one category per set, question names prefixed with the set's name."""
    name = ex.name or f"{ex.options.get('list', 'list')}-{ex.lang}-s{ex.seed}"
    out = [f"// {gift_escape(ex.title)}", f"// {gift_escape(_meta(ex))}", "",
           f"$CATEGORY: $course$/dualuse/{name}", ""]
    for q in ex.questions:
        title = gift_escape(f"{name} {q.id} {_kind(q, ex.lang)}")
        multi = f" {_l('multi', ex.lang)}" if q.multiple else ""
        text = f"{_gift_html(q.prompt)}<br><br><b>{_gift_html(q.ask + multi)}</b>"
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
        out += [f"::{title}::[html]{text} {{", *answers, f"\t####{gift_escape(q.reason)}", "}",
                ""]
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


def _html_head(ex: ExerciseSet, title: str) -> list[str]:
    e = html.escape
    return ["<!DOCTYPE html>", f'<html lang="{ex.lang}">', "<head>", '<meta charset="utf-8">',
            f"<title>{e(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
            f"<h1>{e(title)}</h1>", f'<p class="meta">{e(_meta(ex))}</p>']


def to_html(ex: ExerciseSet) -> str:
    """The printable student sheet: no answer in it."""
    e = html.escape
    lang = ex.lang
    out = [*_html_head(ex, ex.title), f"<h2>{e(_l('sheet', lang))}</h2>",
           f"<p>{e(typography(_l('name', lang) + ':', lang))} ______________________</p>"]
    for i, q in enumerate(ex.questions, 1):
        multi = f" {e(_l('multi', lang))}" if q.multiple else ""
        prompt = "<br>".join(e(ln) for ln in q.prompt.splitlines())
        out += [f'<section class="q" id="{e(q.id)}">',
                f"<h3>{i}. {e(_kind(q, lang))}</h3>", f"<p>{prompt}</p>",
                f"<p><strong>{e(q.ask)}</strong>{multi}</p>", '<ol class="c">',
                *(f"<li><strong>{e(c.key)}.</strong> {e(c.text)}</li>" for c in q.choices),
                "</ol>", "</section>"]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def html_key(ex: ExerciseSet) -> str:
    """The key file that goes with the HTML sheet."""
    e = html.escape
    lang = ex.lang
    out = [*_html_head(ex, f"{ex.title}: {_l('key', lang)}"), "<ol>"]
    for q in ex.questions:
        basis = (f"<br><small>{e(typography(_l('basis', lang) + ':', lang))} "
                 f"{e('; '.join(q.basis))}</small>" if q.basis else "")
        out.append(f"<li><strong>{e(', '.join(q.answer))}</strong> - {e(q.reason)}{basis}</li>")
    out += ["</ol>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
