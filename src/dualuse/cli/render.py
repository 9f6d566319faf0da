"""How ``classify`` reads to an officer: the decision first, then a few candidates, each with a
strength in words and one line of evidence in the officer's own words.

Strength (``--json`` keeps the numeric score):

- **strong** / *fort*: the line gives a CAS number the entry names, names the entry's chemical
  (by name, trade name or abbreviation: ``chemicals/synonyms.csv``), or the score is at least
  ``STRONG`` (0.75: most of the line's words are the entry's, with its HS code or figures);
- **possible**: a score of at least ``POSSIBLE`` (0.45);
- **weak** / *faible*: below that: a few shared words only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from dualuse import textproc
from dualuse.cli.output import say, say_wrapped, width
from dualuse.cli.wording import clean, editions, hs_code
from dualuse.i18n import decimal_commas, french, t

STRONG = 0.75
POSSIBLE = 0.45
SEP = " · "


def chemical_codes(description: str) -> frozenset[str]:
    """The entries of the chemicals the line names (by name, synonym or abbreviation)."""
    from dualuse import chemicals

    return frozenset(code for _, rows in chemicals.find_names(description) for r in rows
                     for code in (*r.entries, r.list))


def strength(candidate: Any, named: frozenset[str] = frozenset()) -> str:
    """``strong``, ``possible`` or ``weak`` for a ``classifier.Candidate``; ``named``: the
    entries of the chemicals the line names (``chemical_codes``)."""
    decisive = any(e.kind == "cas" for e in candidate.evidence) or candidate.code in named
    if decisive or candidate.score >= STRONG:
        return "strong"
    return "possible" if candidate.score >= POSSIBLE else "weak"


_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def own_words(description: str, phrases: Iterable[str]) -> tuple[list[str], list[str]]:
    """The description's words that the entry's wording contains (same word or same first five
    letters: "caméras" and "camera"), and its shortened words that begin one of the entry's
    ("oscillo" -> "oscillo (oscilloscope)"). Only words of the line are returned, in its order."""
    kb: set[str] = set()
    for p in phrases:
        kb.update(textproc.fold(w) for w in _WORD.findall(p))
    stems = {_stem(k) for k in kb if len(k) >= 3}
    same: list[str] = []
    near: list[str] = []
    for w in _WORD.findall(description):
        f = textproc.fold(w)
        if len(f) < 3 or f.isdigit():
            continue
        if f in kb or (len(f) >= 5 and _stem(f) in stems):
            if w not in same:
                same.append(w)
        elif len(f) >= 4:
            longer = sorted(k for k in kb if k.startswith(f) and len(k) > len(f))
            if longer and w not in near:
                near.append(f"{w} ({longer[0]})")
    return same, near


def evidence_parts(c: Any, description: str, lang: str) -> list[str]:
    """One short phrase per piece of evidence, in ``lang``; text evidence quotes the line."""
    parts: list[str] = []
    phrases = [term for e in c.evidence if e.kind == "text" for term in e.terms]
    if c.title:
        phrases.append(c.title)
    same, near = own_words(description, phrases)
    if same:
        parts.append(f"{t('your_words', lang)}: «{' '.join(same)}»" if lang != "fr"
                     else f"{t('your_words', lang)} : « {' '.join(same)} »")
    if near:
        parts.append(f"{t('near_words', lang)}: {', '.join(near)}")
    seen: set[str] = set()
    for e in c.evidence:
        if e.kind == "cas":
            text = t("by_cas", lang).format(cas=e.terms[0] if e.terms else "?")
        elif e.kind == "hs":
            code = e.code or c.code
            text = t("by_hs", lang).format(hs=hs_code(e.terms[0] if e.terms else ""),
                                           code=code)
        elif e.kind == "parameter" and e.status in ("meets", "below"):
            q = e.terms[0] if e.terms else "?"
            text = t(e.status, lang).format(q=decimal_commas(q) if lang == "fr" else q,
                                            code=e.code or c.code)
        else:
            continue
        if text not in seen:
            seen.add(text)
            parts.append(text)
    return parts


def release_notes(c: Any, lang: str) -> list[str]:
    """The decontrol notes of the candidate's entry that may release goods: our remarks in the
    reader's language, and the imported official notes by their code. Shown whatever the
    line's words, so a civil phone, a hunting gun or a car camera is never listed without them."""
    from dualuse.catalog import open_catalog

    cat = open_catalog()
    out: list[str] = []
    try:
        nodes = list(cat.walk(c.entry, c.list))
    except Exception:  # an entry from the chemicals table: no node in the catalog
        return out
    for node in nodes:
        for r in node.remarks:
            if r.type == "decontrol" and r.lang == lang:
                out.append(t("released_by", lang).format(code=node.code, text=r.text))
        if node.is_note and node.decontrol:
            target = node.parent or c.entry
            out.append(t("released_by", lang).format(
                code=target, text=f"`dualuse show {target}`"))
    return list(dict.fromkeys(out))


def _fit(text: str, room: int) -> str:
    text = clean(text)
    return text if len(text) <= room else text[: max(1, room - 1)].rstrip() + "…"


def _title(c: Any, verbose: bool) -> str:
    title = c.title or ""
    return title if verbose else title.rsplit(" - ", 1)[-1]


def decision_lines(decision: Any, lang: str) -> list[str]:
    """The decision, when the classifier gives one: its status in plain words, the node, the
    reasons and the figures to ask for."""
    head = f"{t('decision', lang)}: {t(decision.status, lang)}"
    if getattr(decision, "code", None):
        head += f" ({decision.code})"
    lines = [head]
    lines += [r.get(lang) or "" for r in getattr(decision, "reasons", ())]
    lines += [r.text.get(lang) or "" for r in getattr(decision, "releases", ())]
    asks = [m.text.get(lang) or "" for m in getattr(decision, "missing", ())]
    if asks:
        lines.append(f"{t('ask_for', lang)}: " + "; ".join(asks))
    return [ln for ln in lines if ln]


def classification(result: Any, lang: str, *, limit: int, verbose: bool) -> None:
    """Print a ``Classification`` for a terminal of ``width()`` columns."""
    fr = lang == "fr"
    fix = french if fr else (lambda s: s)
    cols = width()
    decision = getattr(result, "decision", None)
    if decision is not None:
        for i, line in enumerate(decision_lines(decision, lang)):
            say_wrapped(fix(line), indent="  " if i else "")
        say()
    cands: Sequence[Any] = result.candidates
    if not cands:
        say_wrapped(fix(t("no_candidate", lang)))
    shown = cands[:limit]
    code_w = max((len(c.code) for c in shown), default=0)
    named = chemical_codes(result.description)
    label_w = max(len(t(k, lang)) for k in ("strong", "possible", "weak"))
    for i, c in enumerate(shown, 1):
        head = f"{i:>2}. {c.code:<{code_w}}  {t(strength(c, named), lang):<{label_w}}  "
        title = fix(_title(c, verbose))
        if verbose:
            say_wrapped(title, indent=" " * len(head), first=head)
        else:
            say(head + _fit(title, cols - len(head)))
        parts = [fix(p) for p in evidence_parts(c, result.description, lang)]
        notes = [fix(n) for n in release_notes(c, lang)]
        if verbose:
            for p in [*parts, *notes]:
                say_wrapped(p, indent="      ", first="    - ")
        else:
            if parts:
                say("    " + _fit(SEP.join(parts), cols - 4))
            if notes:
                say("    " + _fit(notes[0], cols - 4))
    rest = len(cands) - len(shown)
    if rest > 0:
        key = "more_one" if rest == 1 else "more"  # "1 autres rubriques" is wrong French
        say_wrapped(fix(t(key, lang).format(n=rest, m=len(cands))))
    say_wrapped(fix(t("indicative", lang)))
    say_wrapped(fix(f"{t('Editions', lang)}: " + editions(result.editions, lang)))
