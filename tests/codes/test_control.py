from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dualuse.codes import control
from dualuse.errors import CodeValidationError, InvalidFormat

# (typed by an officer, canonical) - forms from the issue and from the printed Wassenaar list
SPELLINGS = [
    ("6.A.3.b.4.", "6A003.b.4"),
    ("6.A.3.b.4", "6A003.b.4"),
    ("6A003.b.4", "6A003.b.4"),
    ("6a003b4", "6A003.b.4"),
    ("6. A. 5. d. 1. a.", "6A005.d.1.a"),  # as printed in the PDF, with spaces
    ("ML13.d", "ML13.d"),
    ("ml 13 d", "ML13.d"),
    ("ML13.d.1.", "ML13.d.1"),
    ("9.A.12.", "9A012"),
    ("1C350", "1C350"),
    ("1C350.1", "1C350.1"),      # the EU numbers the chemicals of 1C350 directly
    ("1c350 89", "1C350.89"),
    ("3A001.a.12.b", "3A001.a.12.b"),
    ("6A", "6A"),
    ("6", "6"),
    ("ML", "ML"),
]
INVALID = ["", " ", "hello", "6A003.bb", "6A0031", "6Z001", "ML", "6A003..", "X1", "MLx", "ML 1 2",
           "6A\x00", "ML8.1", "6A003.1.a.b"]


@pytest.mark.parametrize(("typed", "canonical"), SPELLINGS)
def test_normalise(typed: str, canonical: str) -> None:
    assert control.normalise(typed) == canonical


@pytest.mark.parametrize("bad", [b for b in INVALID if b not in ("ML", "6A003..")])
def test_invalid(bad: str) -> None:
    assert not control.is_valid(bad)
    with pytest.raises(CodeValidationError) as err:
        control.validate(bad)
    assert err.value.value == bad


def test_parts_and_regime() -> None:
    code = control.parse("6.A.3.b.4.")
    assert (code.category, code.group, code.number, code.subitems) == ("6", "A", 3, ("b", "4"))
    assert code.level == "sub-item"
    assert control.entry_level("6A003.b.4") == "6A003"
    assert control.ancestors("6A003.b.4") == ("6", "6A", "6A003", "6A003.b")
    assert control.parent("ML13") == "ML"
    assert control.regime("6A003") == "wassenaar"
    assert control.regime("9A101") == "mtcr"
    assert control.regime("0B201") == "nsg"
    assert control.regime("1C350") == "australia-group"
    assert control.regime("ML4") == "wassenaar-ml"
    assert control.format("6A003.b.4", style="wassenaar") == "6.A.3.b.4."


def test_error_carries_value() -> None:
    with pytest.raises(InvalidFormat) as err:
        control.parse("6A003.b.b")
    assert err.value.system == "control"
    assert "6A003.b.b" in str(err.value)


def _subitems(draw_letter_first: bool = True) -> st.SearchStrategy[list[str]]:
    letter = st.sampled_from("abcdefghijklmnopqrstuvwxyz")
    digit = st.integers(1, 40).map(str)
    return st.lists(st.tuples(letter, digit), max_size=4).map(lambda ps: [x for p in ps for x in p])


codes = st.one_of(
    st.builds(control.ControlCode, st.sampled_from("0123456789"), st.sampled_from("ABCDE"),
              st.integers(1, 999), _subitems().map(tuple)),
    st.builds(control.ControlCode, st.just("ML"), st.none(), st.integers(1, 22),
              _subitems().map(tuple)),
)


@given(codes)
def test_round_trips(code: control.ControlCode) -> None:
    compact = code.compact()
    assert control.normalise(compact) == compact
    assert control.normalise(code.wassenaar()) == compact
    assert control.normalise(compact.lower().replace(".", "")) == compact or code.subitems
    assert control.normalise(control.normalise(compact)) == compact


@given(st.text(max_size=80))
def test_never_crashes(text: str) -> None:
    if control.is_valid(text):
        assert control.normalise(control.normalise(text)) == control.normalise(text)
    else:
        with pytest.raises(CodeValidationError):
            control.normalise(text)
