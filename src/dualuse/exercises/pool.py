"""The material questions are drawn from, computed once per generation: the entries of a list
(with their trade words and indicative HS codes), and wrong choices near or far from an answer."""

from __future__ import annotations

import random
from typing import cast

from dualuse.catalog import Catalog
from dualuse.codes import control
from dualuse.model import Node


def order(code: str) -> tuple[str, ...]:
    """Codes in the order of the list (1A002 before 1A010, ML2 before ML10)."""
    try:
        p = control.parse(code)
        return (p.category.rjust(2, "0"), p.group or "", f"{p.number or 0:04d}",
                *(s.rjust(4, "0") for s in p.subitems))
    except Exception:
        return (code,)


def intangible(code: str) -> bool:
    """Software (D) and technology (E) entries: never asked about as if they were goods."""
    return len(code) > 1 and code[0].isdigit() and code[1:2] in ("D", "E")


def keywords(entry: Node, lang: str) -> list[str]:
    seen: dict[str, None] = {}
    for k in entry.keywords.get(lang):
        if 3 <= len(k) <= 60:
            seen.setdefault(k, None)
    return list(seen)


class Pool:
    """Entries of one list (filtered by category), their words and the HS codes they link to."""

    def __init__(self, cat: Catalog, list_id: str, cats: tuple[str, ...], lang: str):
        self.cat, self.list_id, self.lang = cat, list_id, lang
        lv = cat.lists[list_id]
        self.all_entries = sorted((n for n in lv.nodes.values()
                                   if n.kind == "entry" and not n.not_used_since
                                   and n.title.get(lang)), key=lambda n: order(n.code))
        self.entries = [n for n in self.all_entries
                        if not cats or control.category(n.code) in cats]
        self.by_code = {n.code: n for n in self.all_entries}
        self.keywords = {n.code: keywords(n, lang) for n in self.all_entries}
        self.identifiable = [n for n in self.entries if len(self.keywords[n.code]) >= 2]
        hs: dict[str, set[str]] = {}
        # (hs6, entry, words that name that entry's goods): words of the node carrying the link
        found: set[tuple[str, str, tuple[str, ...]]] = set()
        selected = {n.code for n in self.entries}
        for n in self.all_entries:
            for node in cat.walk(n.code, list_id):
                for link in node.hs:
                    hs.setdefault(link.code, set()).add(n.code)
                    if n.code not in selected or intangible(n.code):
                        continue
                    words = tuple(w for w in node.keywords.get(lang)
                                  if 3 <= len(w) <= 60) or tuple(self.keywords[n.code])
                    if words:
                        found.add((link.code, n.code, words))
        self.hs_to_entries = {k: sorted(v, key=order) for k, v in sorted(hs.items())}
        self.hs_questions = sorted(found)

    def words_of(self, code: str) -> set[str]:
        return {w for k in self.keywords.get(code, ()) for w in k.lower().split() if len(w) > 3}

    def distractors(self, rng: random.Random, answer: Node, difficulty: str, n: int,
                    avoid: set[str] | frozenset[str] = frozenset()) -> list[Node]:
        """Wrong choices: far away when easy, same category when medium, same group or
        look-alikes when hard."""
        cat = control.category(answer.code)
        group = answer.code[:2]
        words = self.words_of(answer.code)
        others = [e for e in self.all_entries if e.code != answer.code and e.code not in avoid]
        same_group = [e for e in others
                      if e.code[:2] == group and control.category(e.code) == cat]
        same_cat = [e for e in others if control.category(e.code) == cat]
        look_alike = [e for e in others if words & self.words_of(e.code)]
        far = [e for e in others if control.category(e.code) != cat]
        if difficulty == "hard":
            pools = [same_group + [e for e in look_alike if control.category(e.code) == cat],
                     same_cat, look_alike, far]
        elif difficulty == "medium":
            pools = [same_cat, far]
        else:
            pools = [far]
        chosen: list[Node] = []
        for pool in pools:
            cands = [e for e in dict.fromkeys(pool) if e not in chosen]
            rng.shuffle(cands)
            chosen.extend(cands[: n - len(chosen)])
            if len(chosen) >= n:
                break
        return chosen[:n]

    def title(self, code: str) -> str:
        node = self.by_code.get(code) or self.cat.lists[self.list_id].nodes.get(code)
        return cast(str, node.title.get(self.lang)) if node is not None and \
            node.title.get(self.lang) else code
