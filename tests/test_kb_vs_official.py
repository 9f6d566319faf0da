"""The knowledge base against the official Wassenaar 2025 list (real PDF).

Every KB code must exist in the official edition, every active official entry must have a KB
record, and no KB wording may copy the official text (8 or more consecutive words in common).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dualuse.catalog import bundled_files, load_files
from dualuse.model import ControlList, Node
from dualuse.sources.wassenaar_pdf import read_pdf

LIST_ID = "wassenaar-2025"
RUN = 8
_WORDS = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


def ngrams(text: str, n: int = RUN) -> Iterator[tuple[str, ...]]:
    w = words(text)
    for i in range(len(w) - n + 1):
        yield tuple(w[i:i + n])


@pytest.fixture(scope="module")
def official(wassenaar_pdf: Path) -> ControlList:
    return read_pdf(wassenaar_pdf)


@pytest.fixture(scope="module")
def kb_nodes() -> list[Node]:
    parts, _ = load_files(bundled_files())
    nodes = [n for p in parts if p.edition.id == LIST_ID for n in p.nodes]
    assert nodes, "no knowledge-base files for wassenaar-2025"
    return nodes


def test_kb_codes_exist_in_official(official: ControlList, kb_nodes: list[Node]) -> None:
    codes = {n.code for n in official.nodes}
    missing = sorted({n.code for n in kb_nodes} - codes)
    assert missing == [], f"KB codes absent from the official list: {missing}"


def test_active_official_entries_have_kb_record(official: ControlList,
                                                kb_nodes: list[Node]) -> None:
    kb = {n.code for n in kb_nodes}
    active = [n.code for n in official.nodes if n.kind == "entry" and not n.not_used_since]
    missing = [c for c in active if c not in kb]
    assert missing == [], f"official entries without a KB record: {missing}"


def _kb_texts(n: Node) -> Iterator[tuple[str, str]]:
    for lang in ("en", "fr"):
        t = n.title.get(lang) if n.title else None
        if t:
            yield "title", t
    for kw in (*n.keywords.en, *n.keywords.fr):
        yield "keyword", kw
    for r in n.remarks:
        yield "remark", r.text


def test_kb_does_not_copy_official_text(official: ControlList, kb_nodes: list[Node]) -> None:
    grams: set[tuple[str, ...]] = set()
    texts = [n.text or "" for n in official.nodes] + [g.text for g in official.general_notes] + \
        [d.text for d in official.definitions]
    for t in texts:
        grams.update(ngrams(t))
    copies = []
    for n in kb_nodes:
        for field, text in _kb_texts(n):
            shared = [g for g in ngrams(text) if g in grams]
            if shared:
                copies.append(f"{n.code} {field}: {' '.join(shared[0])}")
    assert copies == [], "KB wording shares 8+ words with the official text:\n" + "\n".join(copies)


def test_ngram_helper() -> None:
    assert words("Non-\"space-qualified\" FPAs, 3 dB") == \
        ["non", "space", "qualified", "fpas", "3", "db"]
    assert list(ngrams("one two three", 2)) == [("one", "two"), ("two", "three")]
