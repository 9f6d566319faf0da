from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dualuse.codes import cas
from dualuse.errors import CodeValidationError, InvalidChecksum

# Facts: CAS numbers of chemicals named in the CWC schedules / Australia Group list.
VALID = ["111-48-8", "7664-39-3", "75-44-5", "10025-87-3", "7719-09-7", "1341-49-7", "50-00-0"]


@pytest.mark.parametrize("number", VALID)
def test_valid(number: str) -> None:
    assert cas.is_valid(number)
    assert cas.normalise(number.replace("-", " ")) == number


def test_bad_check_digit() -> None:
    with pytest.raises(InvalidChecksum) as err:
        cas.validate("111-48-9")
    assert err.value.value == "111-48-9"


def test_in_text() -> None:
    assert cas.find_in_text("thiodiglycol (CAS 111-48-8), not 111-48-9") == ["111-48-8"]


@given(st.integers(10, 9999999), st.integers(0, 99))
def test_round_trip(body: int, mid: int) -> None:
    digits = f"{body}{mid:02d}"
    number = f"{body}-{mid:02d}-{cas.check_digit(digits)}"
    assert cas.normalise(number) == number
    assert cas.format(number.replace("-", "")) == number


@given(st.text(max_size=40))
def test_never_crashes(text: str) -> None:
    if not cas.is_valid(text):
        with pytest.raises(CodeValidationError):
            cas.normalise(text)
