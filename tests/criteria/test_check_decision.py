"""`check` decides description-only items with the classifier's decision (fixture criteria)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent.parent / "fixtures" / "criteria"


@pytest.fixture(autouse=True)
def fixture_criteria(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Decide with the fixture criteria, as if they encoded every sub-item of their entries (the
    rule that an unencoded sub-item is never ruled out is tested in test_decide.py). The caches
    that remember them (criteria tables, the catalog's kind and children functions, check's
    screened lines) are emptied before and after, so no other test decides with them."""
    import dualuse.classifier as classifier
    import dualuse.criteria.load as load
    import dualuse.criteria.screen as screen
    from dualuse.criteria import evaluate
    from dualuse.licensing import context

    def forget() -> None:
        load.clear_caches()
        classifier._KB_FNS.clear()
        evaluate._MEMO.clear()
        for ctx in context._contexts.values():
            ctx.screen_cache.clear()

    monkeypatch.setattr(load, "criteria_files",
                        lambda root=None: sorted(FIXTURES.glob("*.xml")))
    monkeypatch.setattr(screen, "kb_children_fn", lambda catalog: lambda list_id, code: ())
    forget()
    yield
    monkeypatch.undo()
    forget()


def verdicts(descriptions: list[str], **extra: Any) -> list[Any]:
    from dualuse import check

    d = {"reference": "T", "procedure": "export", "exporter_country": "FR",
         "destination_country": "CN",
         "items": [{"line": i + 1, "description": t} for i, t in enumerate(descriptions)],
         **extra}
    return list(check(d).items)


def test_check_decides_description_only_items() -> None:
    ordinary, listed, below, released, open_ = verdicts([
        "Men's cotton T-shirts, size L, 100 pieces",
        "Analog Devices AD9208 dual 14-bit ADC, 3 GSPS",
        "Rigol DS1104Z digital oscilloscope, 100 MHz, 4 channels",
        "FLIR Lepton 3.5 thermal camera module 160 x 120, 12 µm, 8.7 Hz",
        "Uncooled thermal camera 640 x 512"])
    # ordinary goods: nothing resembles them
    assert ordinary.verdict == "no-licence-required"
    assert "nothing on the lists resembles" in ordinary.reasons[0].en
    # listed by its figures: the verdict of that entry (China: a licence)
    assert listed.verdict == "licence-required"
    assert any("3A001.a.5.a.4" in (r.en or "") for r in listed.reasons)
    # below the threshold, or released by a note (a line with "µm" is still read)
    assert (below.verdict, released.verdict) == ("no-licence-required", "no-licence-required")
    assert any("does not reach" in (r.en or "") for r in below.reasons)
    assert any("released" in (r.en or "") for r in released.reasons)
    # a missing figure: review, naming it
    assert open_.verdict == "review-required"
    assert any("state the frame rate" in (r.en or "") for r in open_.reasons)
    assert any("indiquer la fréquence d'images" in (r.fr or "") for r in open_.reasons)


def test_end_use_flag_still_applies_to_goods_not_listed() -> None:
    (item,) = verdicts(["Men's cotton T-shirts, size L, 100 pieces"],
                       end_use={"military": True})
    assert item.verdict != "no-licence-required"


def test_an_item_without_description_fails_closed() -> None:
    from dualuse import check

    r = check({"reference": "T", "procedure": "export", "exporter_country": "FR",
               "destination_country": "CN", "items": [{"line": 1, "description": ""}]})
    assert r.items[0].verdict == "review-required"


def test_check_never_releases_what_the_decision_holds_open() -> None:
    """A weak likeness (under the nearness rule, no HS link) whose kind the line names is held
    by the decision; check follows it instead of releasing the item for want of a near
    candidate."""
    from dualuse.criteria.model import Decision
    from dualuse.licensing.status import _by_decision
    from dualuse.model import Localized

    held = Decision(status="needs-figure", entries=("3A001",),
                    reasons=(Localized(en="3A001: could be met", fr="3A001 : pourrait"),))
    st = _by_decision(held, None, (), (), (), None)  # type: ignore[arg-type]
    assert st is not None and st.status == "uncertain"
    nothing = Decision(status="not-listed", reasons=(Localized(en="nothing", fr="rien"),))
    st = _by_decision(nothing, None, (), (), (), None)  # type: ignore[arg-type]
    assert st is not None and st.status == "not-listed"
