#!/usr/bin/env python3
"""Screening quality of the decision on a labelled set (benchmarks/data/screening_dev.jsonl).

Each line is classified as a customs system would send it (description, optional HS code, no
language given) and its ``decision`` is compared with the label:
- decided right: the same status; for ``listed`` the decision's sub-item lies under the label's
  code (``6A003.b.4.b`` is right for a label ``6A003.b.4``);
- controlled released: a line labelled ``listed`` or ``needs-figure`` decided ``not-listed``
  (must be 0);
- released held: a line labelled ``not-listed`` decided ``listed`` or ``needs-figure``.
Reported per group (controlled / below / ordinary) and language.

Usage:
  python benchmarks/screening.py [--criteria DIR] [--set FILE] [--errors] [--json] [--check CN]
``--check CN`` also sends the lines to ``check`` as description-only items (with the row's HS
code) of one export declaration from France to CN, and reports its verdicts the same way.
``--criteria`` decides with the criteria files of DIR (e.g. tests/fixtures/criteria) instead of
the bundled ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SET = HERE / "data" / "screening_dev.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def right(row: dict[str, Any], status: str, code: str | None) -> bool:
    if status != row["label"]:
        return False
    if status == "listed" and row.get("code"):
        return code is not None and (code == row["code"] or code.startswith(row["code"] + "."))
    return True


def run(rows: list[dict[str, Any]], criteria_dir: Path | None) -> list[dict[str, Any]]:
    from dualuse import classify
    from dualuse.criteria import load_criteria

    tables = load_criteria(sorted(criteria_dir.glob("*.xml"))) if criteria_dir else None
    out = []
    for row in rows:
        c = classify(row["description"], hs=row.get("hs"), criteria=tables, limit=10)
        d = c.decision
        assert d is not None
        out.append({**row, "status": d.status, "decided_code": d.code,
                    "held_against": list(d.entries),
                    "missing": [m.quantity for m in d.missing],
                    "reason": (d.reasons[0].en if d.reasons else ""),
                    "right": right(row, d.status, d.code)})
    return out


def run_check(rows: list[dict[str, Any]], destination: str) -> dict[str, str]:
    """``check`` verdicts of the lines as description-only items (with their HS code when the
    row has one) of one export declaration from France to ``destination``, by row id."""
    from dualuse import check

    declaration = {"reference": "SCREENING", "procedure": "export", "exporter_country": "FR",
                   "destination_country": destination,
                   "items": [{"line": i + 1, "description": r["description"],
                              **({"hs_code": r["hs"]} if r.get("hs") else {})}
                             for i, r in enumerate(rows)]}
    result = check(declaration)
    return {rows[it.line - 1]["id"]: it.verdict for it in result.items}


def check_report(rows: list[dict[str, Any]], verdicts: dict[str, str]) -> dict[str, Any]:
    held = [r for r in rows if r["label"] != "not-listed"]
    free = [r for r in rows if r["label"] == "not-listed"]
    return {
        "controlled_released": sum(verdicts[r["id"]] == "no-licence-required" for r in held),
        "controlled_lines": len(held),
        "released_right": round(sum(verdicts[r["id"]] == "no-licence-required" for r in free)
                                / len(free), 3) if free else None,
        "listed_licensed": round(sum(verdicts[r["id"]] in ("licence-required", "prohibited",
                                                          "general-authorisation")
                                     for r in rows if r["label"] == "listed")
                                 / max(1, sum(r["label"] == "listed" for r in rows)), 3),
    }


def report(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    cells: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in results:
        for key in (f"{r['group']}/{r['lang']}", f"{r['group']}/all", f"all/{r['lang']}",
                    "all/all"):
            cells[key].append(r)
    table: dict[str, dict[str, Any]] = {}
    for key in sorted(cells):
        rs = cells[key]
        held_labels = [r for r in rs if r["label"] in ("listed", "needs-figure")]
        free_labels = [r for r in rs if r["label"] == "not-listed"]
        table[key] = {
            "lines": len(rs),
            "right": round(sum(r["right"] for r in rs) / len(rs), 3),
            "controlled_released": sum(r["status"] == "not-listed" for r in held_labels),
            "controlled_lines": len(held_labels),
            "released_held": round(sum(r["status"] != "not-listed" for r in free_labels)
                                   / len(free_labels), 3) if free_labels else None,
            "released_right": round(sum(r["status"] == "not-listed" for r in free_labels)
                                    / len(free_labels), 3) if free_labels else None,
        }
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--criteria", type=Path)
    ap.add_argument("--set", type=Path, default=DEFAULT_SET)
    ap.add_argument("--errors", action="store_true", help="list the lines decided wrong")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", metavar="COUNTRY",
                    help="also run `check` on the lines (export from FR to COUNTRY)")
    args = ap.parse_args(argv)
    rows = load(args.set)
    results = run(rows, args.criteria)
    table = report(results)
    checked = check_report(rows, run_check(rows, args.check)) if args.check else None
    if args.json:
        print(json.dumps({"cells": table, "results": results, "check": checked},
                         ensure_ascii=False, indent=1))
        return 0
    print(f"{'group/lang':<18}{'lines':>6}{'right':>8}{'ctrl released':>15}"
          f"{'released held':>15}")
    for key, row in table.items():
        held = "-" if row["released_held"] is None else f"{row['released_held']:.1%}"
        print(f"{key:<18}{row['lines']:>6}{row['right']:>8.1%}"
              f"{row['controlled_released']:>8}/{row['controlled_lines']:<6}{held:>15}")
    if checked:
        print(f"check to {args.check}: controlled released {checked['controlled_released']}/"
              f"{checked['controlled_lines']}, released lines released "
              f"{checked['released_right']:.1%}, listed lines licensed or under a general "
              f"authorisation {checked['listed_licensed']:.1%}")
    if args.errors:
        for r in results:
            if not r["right"]:
                print(f"{r['id']} [{r['label']} {r.get('code') or ''}] -> {r['status']} "
                      f"{r['decided_code'] or ''} {r['held_against']} {r['missing']} | "
                      f"{r['description']} | {r['reason'][:140]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
