"""The classifier's in-memory retriever ranks as the whoosh index does (same documents, analysers
and scores), on the small fixture list and on the development and probe sets of the bundled
catalog; and it survives its JSON cache."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import sources_dir

from dualuse import index, retrieve, textproc
from dualuse.catalog import Catalog, open_catalog

REPO = Path(__file__).resolve().parent.parent
SETS = [sources_dir().parent / "eval" / "dev_classify.jsonl",
        REPO / "benchmarks" / "data" / "probe_classify.jsonl"]


def _lines() -> list[str]:
    out = []
    for path in SETS:
        if path.is_file():
            out += [json.loads(x).get("description") or "" for x in path.read_text().splitlines()
                    if x.strip()]
    return [x for x in out if x.strip()]


def _compare(cat: Catalog, lines: list[str], limit: int = 80) -> tuple[int, int]:
    """(lines whose top-5 agree, lines whose whole top ``limit`` agrees); scores must match."""
    whoosh, mine = index.open_index(cat), retrieve.open_retriever(cat)
    top5 = full = 0
    for line in lines:
        lg = textproc.detect_language(line, cat.vocabulary)
        clauses = [*index.query_clauses(line, lg), *whoosh.gram_clauses(line)]
        assert clauses == [*index.query_clauses(line, lg), *mine.gram_clauses(line)], line
        a, b = whoosh.query(clauses, limit=limit), mine.query(clauses, limit=limit)
        ka, kb = [(h.code, h.list_id) for h in a], [(h.code, h.list_id) for h in b]
        top5 += ka[:5] == kb[:5]
        full += ka == kb
        for x, y in zip(a, b, strict=False):
            if (x.code, x.list_id) == (y.code, y.list_id):
                assert y.score == pytest.approx(x.score, rel=1e-9), (line, x.code)
    return top5, full


def test_fixture_list_ranks_as_whoosh(fixture_data: Path) -> None:
    cat = open_catalog()
    lines = ["frequency synthesizer phase noise", "thermal imaging camera", "laser",
             "caméra thermique", "hexarotor drone with camera", "valve pump"]
    top5, full = _compare(cat, lines)
    assert (top5, full) == (len(lines), len(lines))


def test_dev_and_probe_sets_rank_as_whoosh() -> None:
    lines = _lines()
    if not lines:
        pytest.skip("no development set")
    top5, _ = _compare(open_catalog(), lines)
    assert top5 == len(lines)


def test_json_cache_round_trip(fixture_data: Path) -> None:
    cat = open_catalog()
    built = retrieve.Retriever.build(cat)
    again = retrieve.Retriever.from_json(cat, built.to_json())
    clauses = index.query_clauses("laser thermal camera frequency", "en")
    assert again.query(clauses, limit=20) == built.query(clauses, limit=20)
    assert again.idf("kw_en", "laser") == built.idf("kw_en", "laser")
    with pytest.raises(ValueError):
        retrieve.Retriever.from_json(cat, b'{"format": "0"}')


def test_open_retriever_writes_and_reads_its_cache(fixture_data: Path,
                                                   isolated_home: Path) -> None:
    cat = open_catalog()
    r = retrieve.open_retriever(cat)
    cached = list((isolated_home / "index").glob("retrieve-*.json"))
    assert len(cached) == 1
    retrieve.clear_caches()
    again = retrieve.open_retriever(cat)
    assert again is not r
    clauses = index.query_clauses("thermal camera", "en")
    assert again.query(clauses, limit=10) == r.query(clauses, limit=10)


def test_whole_phrase_is_analysed_once(fixture_data: Path) -> None:
    cat = open_catalog()
    r = retrieve.open_retriever(cat)
    hit = r.query(index.query_clauses("thermal imaging camera", "en"), limit=1)[0]
    phrases = r.phrases(hit.list_id, hit.code)
    assert r.phrases(hit.list_id, hit.code) is phrases
    assert all(len(terms) >= 2 for _, terms in phrases)
