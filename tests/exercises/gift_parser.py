"""A strict parser for the Moodle GIFT subset dualuse writes (multiple choice, single or weighted).

It stands in for Moodle's importer: it follows the rules of Moodle's GIFT format documentation
(special characters ~ = # { } : escaped with a backslash, `::title::`, `=right`, `~wrong`,
`~%50%weighted`, `#feedback`, `####general feedback`, `//` comments, `$CATEGORY:`), and it raises
on anything Moodle would reject or misread.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SPECIAL = set("~=#{}:")
MOODLE_WEIGHTS = {100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20,
                  16.66667, 14.28571, 12.5, 11.11111, 10, 5}


class GiftError(ValueError):
    pass


@dataclass
class Answer:
    text: str
    correct: bool
    weight: float | None
    feedback: str


@dataclass
class GiftQuestion:
    title: str
    text: str
    answers: list[Answer] = field(default_factory=list)
    general_feedback: str = ""


def _split_unescaped(s: str, sep: str) -> list[str]:
    out, cur, i = [], [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            cur.append(s[i:i + 2])
            i += 2
            continue
        if s.startswith(sep, i):
            out.append("".join(cur))
            cur = []
            i += len(sep)
            continue
        cur.append(s[i])
        i += 1
    out.append("".join(cur))
    return out


def unescape(s: str, where: str) -> str:
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            if i + 1 >= len(s) or s[i + 1] not in SPECIAL | {"\\", "n"}:
                raise GiftError(f"{where}: stray backslash in {s!r}")
            out.append(s[i + 1])
            i += 2
            continue
        if ch in SPECIAL:
            raise GiftError(f"{where}: unescaped {ch!r} in {s!r}")
        out.append(ch)
        i += 1
    return "".join(out).strip()


def _find_unescaped(s: str, ch: str, start: int = 0) -> int:
    i = start
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == ch:
            return i
        i += 1
    return -1


def parse(text: str) -> list[GiftQuestion]:
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    blocks, cur = [], []
    for ln in lines:
        if ln.strip():
            cur.append(ln)
        elif cur:
            blocks.append("\n".join(cur))
            cur = []
    if cur:
        blocks.append("\n".join(cur))
    questions = []
    for b in blocks:
        if b.startswith("$CATEGORY:"):
            if "\n" in b:
                raise GiftError("$CATEGORY must stand alone")
            continue
        questions.append(_question(b))
    if not questions:
        raise GiftError("no question")
    return questions


def _question(block: str) -> GiftQuestion:
    if not block.startswith("::"):
        raise GiftError(f"question without ::title:: {block[:40]!r}")
    end = block.find("::", 2)
    while end != -1 and block[end - 1] == "\\":
        end = block.find("::", end + 2)
    if end == -1:
        raise GiftError("unterminated title")
    title = unescape(block[2:end], "title")
    rest = block[end + 2:]
    open_ = _find_unescaped(rest, "{")
    close = _find_unescaped(rest, "}")
    if open_ == -1 or close == -1 or close < open_:
        raise GiftError(f"{title}: no answer block")
    if rest[close + 1:].strip():
        raise GiftError(f"{title}: text after the answer block")
    if _find_unescaped(rest, "{", open_ + 1) != -1:
        raise GiftError(f"{title}: two answer blocks")
    text = unescape(rest[:open_], f"{title} text")
    if text.startswith("[") and "]" in text and text[1:text.index("]")] not in (
            "html", "moodle", "markdown", "plain"):
        raise GiftError(f"{title}: unknown text format {text[:text.index(']') + 1]}")
    q = GiftQuestion(title=title, text=text)
    body = rest[open_ + 1:close]
    parts = _split_unescaped(body, "####")
    if len(parts) > 2:
        raise GiftError(f"{title}: two general feedbacks")
    if len(parts) == 2:
        q.general_feedback = unescape(parts[1], f"{title} general feedback")
    answers_src = parts[0]
    # split on unescaped = or ~ at answer starts
    items, cur, i = [], "", 0
    while i < len(answers_src):
        ch = answers_src[i]
        if ch == "\\":
            cur += answers_src[i:i + 2]
            i += 2
            continue
        if ch in "=~":
            if cur.strip():
                items.append(cur)
            cur = ch
        else:
            cur += ch
        i += 1
    if cur.strip():
        items.append(cur)
    for it in items:
        it = it.strip()
        if it[0] not in "=~":
            raise GiftError(f"{title}: text outside an answer: {it[:30]!r}")
        correct = it[0] == "="
        it = it[1:]
        weight = None
        if it.startswith("%"):
            end = it.find("%", 1)
            if end == -1:
                raise GiftError(f"{title}: bad weight")
            weight = float(it[1:end])
            if abs(weight) not in MOODLE_WEIGHTS:
                raise GiftError(f"{title}: weight {weight} not accepted by Moodle")
            it = it[end + 1:]
        fb_parts = _split_unescaped(it, "#")
        if len(fb_parts) > 2:
            raise GiftError(f"{title}: unescaped # in answer")
        q.answers.append(Answer(text=unescape(fb_parts[0], f"{title} answer"), correct=correct,
                                weight=weight,
                                feedback=unescape(fb_parts[1], f"{title} feedback")
                                if len(fb_parts) == 2 else ""))
    if len(q.answers) < 2:
        raise GiftError(f"{title}: fewer than two answers")
    weighted = [a for a in q.answers if a.weight is not None]
    if weighted:
        if len(weighted) != len(q.answers):
            raise GiftError(f"{title}: mixed weighted and unweighted answers")
        total = sum(a.weight for a in weighted if a.weight and a.weight > 0)  # type: ignore[misc]
        if not 99 <= total <= 101:
            raise GiftError(f"{title}: positive weights sum to {total}, not 100")
    elif sum(a.correct for a in q.answers) != 1:
        raise GiftError(f"{title}: a single-answer question needs exactly one '='")
    return q
