"""``check --on`` works for every date since Regulation (EU) 2021/821 applied (issue 12, point 7):
rows that start later (the Commission's note on national transit measures of 2 October 2024, the
Iran snapback of 30 September 2025) are cited from their date on and never break an earlier
date; a date before 9 September 2021 is refused as bad input (exit 2), not a crash."""

from __future__ import annotations

import datetime as dt

import pytest

from dualuse.errors import DualUseError, InputError
from dualuse.licensing.engine import check
from dualuse.licensing.rules import load_rules

START = dt.date(2021, 9, 9)
END = dt.date(2026, 11, 29)
# every 61 days from the start, plus the days on which a row starts or ends
SWEEP = sorted({*(START + dt.timedelta(days=d) for d in range(0, (END - START).days + 1, 61)),
                END, dt.date(2022, 2, 24), dt.date(2022, 2, 25), dt.date(2022, 3, 2),
                dt.date(2024, 10, 1), dt.date(2024, 10, 2), dt.date(2025, 9, 29),
                dt.date(2025, 9, 30)})

ITEM = {"line": 1, "control_code": "6A003.b.4"}
DECLARATIONS = [
    {"procedure": "export", "exporter_country": "FR", "destination_country": "US", "items": [ITEM]},
    {"procedure": "export", "exporter_country": "FR", "destination_country": "RU", "items": [ITEM]},
    {"procedure": "export", "exporter_country": "FR", "destination_country": "MM",
     "end_use": {"military": True}, "items": [ITEM, {"line": 2, "control_code": "ML8"}]},
    {"procedure": "transit", "exporter_country": "CN", "transit_country": "NL",
     "destination_country": "CH", "items": [ITEM]},
    {"procedure": "intra-eu-transfer", "exporter_country": "FR", "destination_country": "DE",
     "items": [ITEM, {"line": 2, "control_code": "0C003"}]},
]


def _starts() -> set[dt.date]:
    return {r.valid_from for r in load_rules().by_id.values() if r.valid_from >= START}


def test_sweep_covers_every_row_start() -> None:
    assert _starts() <= set(SWEEP) | {START}


@pytest.mark.parametrize("on", SWEEP, ids=str)
def test_every_date_since_2021_09_09_gets_verdicts(on: dt.date) -> None:
    for decl in DECLARATIONS:
        result = check(decl, on=on)
        assert result.checked_on == on
        assert all(item.legal_basis for item in result.items)
        for item in result.items:  # every row cited was in force that day
            rows = load_rules().by_id
            assert all(rows[c.rule_id].in_force(on) for c in item.legal_basis)


def test_national_transit_note_is_cited_only_from_its_date() -> None:
    transit = DECLARATIONS[3]

    def cited(on: dt.date) -> set[str]:
        (item,) = check(transit, on=on).items
        return {c.rule_id for c in item.legal_basis}

    assert "EU821-ART7-NATIONAL" not in cited(dt.date(2024, 10, 1))
    assert "EU821-ART7-NATIONAL" in cited(dt.date(2024, 10, 2))
    assert {"EU821-ART7"} <= cited(dt.date(2021, 9, 9))


def test_russia_ban_starts_on_its_date() -> None:
    russia = DECLARATIONS[1]
    assert check(russia, on=dt.date(2022, 2, 24)).verdict == "licence-required"
    assert check(russia, on=dt.date(2022, 2, 25)).verdict == "prohibited"


def test_date_before_the_regulation_is_bad_input() -> None:
    with pytest.raises(InputError) as err:  # the CLI's one line and exit 2
        check(DECLARATIONS[0], on=dt.date(2021, 9, 8))
    assert isinstance(err.value, DualUseError)
    assert "2021-09-08" in str(err.value) and "2021-09-09" in str(err.value)
