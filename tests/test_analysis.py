"""``textproc.tokens`` (each word analysed once, ``analysis.term_fn``) gives exactly the terms of
the whoosh analysers the index is built with: on every title, keyword and remark of the bundled
catalog, on the development lines, and on words that each filter acts on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import sources_dir

from dualuse import textproc
from dualuse.analysis import analyzer, term_fn
from dualuse.catalog import open_catalog

REPO = Path(__file__).resolve().parent.parent


def _whoosh(text: str, lang: str) -> list[str]:
    seen: dict[str, None] = {}
    for tok in analyzer(lang)(textproc.prepare(text)):
        seen.setdefault(tok.text, None)
    return list(seen)


def _texts() -> list[str]:
    out: list[str] = []
    for _, node in open_catalog().nodes():
        for lg in ("en", "fr"):
            out += [node.title.get(lg) or "", *node.keywords.get(lg)]
        out += [r.text for r in node.remarks]
        out.append(node.text or "")
    for path in [sources_dir().parent / "eval" / "dev_classify.jsonl",
                 *sorted((REPO / "benchmarks" / "data").glob("*.jsonl"))]:
        if path.is_file():
            out += [json.loads(x)["description"] for x in path.read_text("utf-8").splitlines()
                    if x.strip()]
    return [t for t in dict.fromkeys(out) if t.strip()]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_tokens_are_the_analysers_terms_on_the_catalog_and_the_dev_lines(lang: str) -> None:
    texts = _texts()
    assert len(texts) > 2000
    for text in texts:
        assert textproc.tokens(text, lang) == _whoosh(text, lang), text


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("text", [
    "Caméra thermique l'accéléromètre d'un micro-bolomètre", "THE OF a x 12.5 3,5 640x512",
    "colour centre sulphur aluminium programme gauge analyser organisation behaviour",
    "ÉQUIPEMENTS Œuvre naïve ﬁbre", "H2O2 UF6 6A003.b.4 1.5e3 _under_score", "", "   ",
])
def test_tokens_on_words_each_filter_acts_on(lang: str, text: str) -> None:
    assert textproc.tokens(text, lang) == _whoosh(text, lang)


def test_a_word_is_analysed_once_and_the_result_is_a_fresh_list() -> None:
    term = term_fn("en")
    assert term("Cameras") == "camera" and term("the") is None and term("12.5") is None
    first = textproc.tokens("thermal cameras", "en")
    first.append("mutated")
    assert textproc.tokens("thermal cameras", "en") == ["thermal", "camera"]
