#!/usr/bin/env python3
"""Write the JSON Schemas of the public models into docs/schema/ (the pydantic models are the single
source of truth; tests/test_schemas.py fails when a file here is out of date).

Usage: python scripts/gen_schemas.py [--check]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docs" / "schema"


def schemas() -> dict[str, dict]:
    from pydantic import TypeAdapter

    from dualuse.batch import ClassifiedLine
    from dualuse.catalog import EntryDetail
    from dualuse.classifier import Classification
    from dualuse.exercises.model import ClassReport, ExerciseSet
    from dualuse.licensing.declaration import Declaration
    from dualuse.licensing.engine import CheckRecord, CheckResult
    from dualuse.model import ControlList

    models = {"declaration": Declaration, "check-result": CheckResult,
              "classification": Classification, "classified-line": ClassifiedLine,
              "entry-detail": EntryDetail,
              "control-list": ControlList, "exercise-set": ExerciseSet,
              "class-report": ClassReport}
    out = {}
    # one JSON line of `dualuse check --json`: a result or an error record (docs/cli.md)
    record = TypeAdapter(CheckRecord).json_schema()
    record["title"] = "CheckRecord"
    record["description"] = ("One line of `dualuse check --json`: the result of a declaration, "
                             "or an error record for a declaration that could not be checked.")
    for name, model in [*models.items(), ("check-record", record)]:
        schema = model if isinstance(model, dict) else model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://dualuse.invalid/schema/{name}.json"
        out[f"{name}.json"] = schema
    return out


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    check = "--check" in sys.argv[1:]
    OUT.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, schema in schemas().items():
        path = OUT / name
        text = render(schema)
        if check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"out of date: {', '.join(stale)} (run python scripts/gen_schemas.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
