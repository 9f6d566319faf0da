"""Classifier logic on the fixture list: ranking signals and evidence."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dualuse
from dualuse.errors import CodeValidationError, DualUseError, InputError

pytestmark = pytest.mark.usefixtures("fixture_data")


def test_text_match_with_evidence() -> None:
    res = dualuse.classify("uncooled thermal camera core")
    top = res.candidates[0]
    assert top.entry == "6A003"
    assert res.lang == "en"
    text = [e for e in top.evidence if e.kind == "text"]
    assert text and "thermal camera" in text[0].terms
    assert 0 < top.score < 1
    assert res.editions


def test_french_is_detected() -> None:
    res = dualuse.classify("caméra thermique non refroidie")
    assert res.lang == "fr"
    assert res.candidates[0].entry == "6A003"
    assert res.note.startswith("Candidats")


def test_cas_is_decisive() -> None:
    res = dualuse.classify("industrial solvent drums", cas=["111-48-8"])
    assert res.candidates[0].entry == "1C350"
    assert res.candidates[0].score == 0.99
    assert any(e.kind == "cas" for e in res.candidates[0].evidence)


def test_cas_found_in_text() -> None:
    res = dualuse.classify("Thiodiglycol 99%, CAS 111-48-8, 200 l drums")
    assert res.cas == ("111-48-8",)
    assert res.candidates[0].entry == "1C350"


def test_bad_cas_is_an_error() -> None:
    with pytest.raises(CodeValidationError):
        dualuse.classify("solvent", cas=["111-48-9"])


def test_hs_is_a_prior_not_a_verdict() -> None:
    only_hs = dualuse.classify("", hs="9014.80.00")
    assert [c.entry for c in only_hs.candidates] == ["7A001"]
    assert only_hs.candidates[0].evidence[0].kind == "hs"
    # the description still wins over a prior pointing elsewhere
    res = dualuse.classify("thermal camera", hs="901480")
    assert res.candidates[0].entry == "6A003"
    assert {c.entry for c in res.candidates} >= {"6A003", "7A001"}


def test_nothing_to_classify() -> None:
    with pytest.raises(InputError):
        dualuse.classify("")


def test_limit() -> None:
    assert len(dualuse.classify("camera accelerometer", limit=1).candidates) == 1
    with pytest.raises(InputError):
        dualuse.classify("camera", limit=0)


def test_json_shape() -> None:
    data = dualuse.classify("thermal camera").model_dump(mode="json")
    cand = data["candidates"][0]
    for key in ("code", "list", "title", "score", "evidence"):
        assert key in cand
    assert "editions" in data


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=120))
def test_never_raises_anything_else(text: str) -> None:
    with contextlib.suppress(DualUseError):
        dualuse.classify(text)
