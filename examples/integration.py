"""A customs system calling dualuse, typed end to end (``mypy --strict`` checks this file:
tests/test_api.py). Everything comes from ``dualuse`` itself: functions, result models, errors.

Run: python examples/integration.py
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

import dualuse

ON = dt.date(2026, 11, 23)
BATCH: list[dict[str, Any]] = [
    {"reference": "LRN-1", "procedure": "1000", "exporter_country": "FR",
     "destination_country": "US",
     "items": [{"line": 1, "control_code": "6A003.b.4", "hs_code": "852589",
                "quantity": "12", "quantity_unit": "NAR", "value": "48000",
                "value_currency": "EUR"}]},
    {"reference": "LRN-2", "procedure": "export", "exporter_country": "FR",
     "destination_country": "UK", "items": [{"line": 1, "control_code": "6A003"}]},
    {"reference": "LRN-3", "procedure": "3151", "exporter_country": "NL",
     "destination_country": "CN", "items": [{"line": 1, "description": "Thiodiglycol",
                                             "cas": ["111-48-8"]}]},
]


def verdicts(declarations: Iterable[Mapping[str, Any]]) -> list[str]:
    """One line per declaration: its verdict, or why it was refused (the batch goes on)."""
    out: list[str] = []
    for record in dualuse.check_many(declarations, on=ON):
        if isinstance(record, dualuse.CheckFailure):
            out.append(f"#{record.index} {record.reference}: refused ({record.error.type}: "
                       f"{record.error.message})")
            continue
        result: dualuse.CheckResult = record
        items: tuple[dualuse.ItemResult, ...] = result.items
        lists = ", ".join(sorted({e.id for e in result.edition_refs if e.kind != "rules"}))
        out.append(f"#{result.index} {result.reference}: {result.verdict} "
                   f"({len(items)} item(s); lists {lists})")
    return out


def top_candidate(description: str) -> str | None:
    """The best control entry for an invoice line, with the kinds of evidence behind it."""
    found: dualuse.Classification = dualuse.classify(description, limit=3)
    if not found.candidates:
        return None
    best: dualuse.Candidate = found.candidates[0]
    kinds: set[str] = {e.kind for e in best.evidence}
    return f"{best.code} ({best.score:.2f}; {', '.join(sorted(kinds))})"


def main() -> int:
    for line in verdicts(BATCH):
        print(line)
    print("classify:", top_candidate("uncooled thermal camera core 640x512"))
    hits: list[dualuse.Hit] = dualuse.search("rubidium oscillator", limit=1)
    print("search:", [h.code for h in hits])
    print("hs 852589:", dualuse.hs_candidates(["852589"])[0][:3])
    refs: tuple[dualuse.EditionRef, ...] = dualuse.edition_refs()
    print("editions:", json.dumps([r.model_dump(mode="json") for r in refs][:1]))
    try:
        dualuse.check({"procedure": "export", "exporter_country": "FR",
                       "destination_country": "XX", "items": [{"line": 1}]}, on=ON)
    except dualuse.InputError as exc:
        print(f"refused: {type(exc).__name__} value={exc.value!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
