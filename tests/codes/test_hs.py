"""HS 2022 codes: parsing, validation, nomenclature (against the WCO CSV when present)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import require_source, sources_dir

from dualuse import hs_nomenclature
from dualuse.codes import hs
from dualuse.errors import CodeValidationError, InvalidFormat, InvalidLength, UnknownCode


@pytest.mark.parametrize("given_, canon, truncated", [
    ("8525.89", "852589", False),
    ("8525 89 00", "852589", True),
    ("85258900", "852589", True),
    ("8542310000", "854231", True),
    ("854231000080", "854231", True),
    ("29307000001", "293070", True),
    ("2930", "2930", False),
    ("29", "29", False),
    (" 2930.70 ", "293070", False),
    ("HS 8525.89", "852589", False),
])
def test_parse(given_: str, canon: str, truncated: bool) -> None:
    p = hs.parse(given_)
    assert (p.code, p.truncated, p.given) == (canon, truncated, given_)
    assert hs.normalise(given_) == canon


@pytest.mark.parametrize("bad, exc", [
    ("", InvalidFormat), ("abc", InvalidFormat), ("85a5", InvalidFormat), ("8", InvalidLength),
    ("852", InvalidLength), ("8525891", InvalidLength), ("1234567890123", InvalidLength),
    ("٨٥٢٥٨٩", InvalidFormat),
])
def test_format_errors(bad: str, exc: type) -> None:
    with pytest.raises(exc):
        hs.normalise(bad)


def test_validate_unknown() -> None:
    with pytest.raises(UnknownCode) as e:
        hs.validate("9999.99")
    assert e.value.system == "hs" and e.value.value == "9999.99"
    with pytest.raises(UnknownCode, match="heading"):
        hs.validate("8599")
    with pytest.raises(UnknownCode, match="subheading"):
        hs.validate("852599")
    assert not hs.is_valid("999999") and not hs.is_valid(None) and hs.is_valid("8542.31")


def test_describe_parents_subheadings() -> None:
    assert "thiodiglycol" in hs.describe("293070").lower() or hs.describe("293070")
    assert hs.parents("8525.89") == ["85", "8525"]
    assert hs.parents("85") == []
    assert "854231" in hs.subheadings("8542")
    assert "854231" in hs.subheadings("85")
    assert hs.format("85423100") == "8542.31"


def test_pseudo_chapter_skipped() -> None:
    assert not any(c.startswith("99") for c in hs.all_codes(6))
    assert len(hs.all_codes(6)) > 5000


@given(st.text(max_size=40))
def test_normalise_never_crashes(s: str) -> None:
    try:
        out = hs.normalise(s)
    except CodeValidationError:
        return
    assert hs.normalise(out) == out


@given(st.from_regex(r"[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{2}([0-9]{2}[0-9]{0,2})?)?)?)?",
                     fullmatch=True))
def test_normalise_idempotent_on_digits(s: str) -> None:
    out = hs.normalise(s)
    assert hs.normalise(out) == out and s.startswith(out)


def test_same_subheadings_as_wco_csv() -> None:
    path = require_source(sources_dir() / "hs2022" / "harmonized-system.csv")
    with path.open(encoding="utf-8-sig", newline="") as f:
        theirs = {r["hscode"] for r in csv.DictReader(f) if r["level"] == "6"
                  and r["hscode"].isdigit() and not r["hscode"].startswith("99")}
    assert theirs == set(hs.all_codes(6))


def test_code_set_cache(isolated_home: Path) -> None:
    """validate() reads the set of real codes from a small cache under DUALUSE_HOME (fast command
    start); the cache holds exactly the nomenclature's codes, and a damaged cache is rebuilt."""
    hs_nomenclature.existing_codes.cache_clear()
    assert hs.is_valid("8525.89") and not hs.is_valid("8525.99")
    (cached,) = (isolated_home / "cache").glob("hs-codes-*.txt")
    assert frozenset(cached.read_text().split()) == frozenset(hs_nomenclature.nomenclature())
    cached.write_text("")  # emptied: ignored, rebuilt from the nomenclature
    hs_nomenclature.existing_codes.cache_clear()
    assert hs.is_valid("2930.70") and cached.read_text().split()
    hs_nomenclature.existing_codes.cache_clear()
