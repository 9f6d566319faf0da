"""docs/schema/ holds the JSON Schemas of the public models, generated from the pydantic models;
they are up to date and accept the shipped examples."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_schemas_are_up_to_date() -> None:
    proc = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_schemas.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_declaration_schema_describes_the_json_examples() -> None:
    schema = json.loads((REPO / "docs" / "schema" / "declaration.json").read_text("utf-8"))
    assert set(schema["required"]) == {"procedure", "exporter_country", "destination_country",
                                       "items"}
    assert schema["properties"]["procedure"]["enum"] == ["export", "re-export", "transit",
                                                         "intra-eu-transfer"]
    allowed = set(schema["properties"])
    for path in (REPO / "examples" / "declarations").glob("*.json"):
        data = json.loads(path.read_text("utf-8"))
        assert set(data) <= allowed, path.name


def test_check_result_schema_lists_the_verdicts() -> None:
    schema = json.loads((REPO / "docs" / "schema" / "check-result.json").read_text("utf-8"))
    text = json.dumps(schema)
    for verdict in ("prohibited", "licence-required", "review-required",
                    "general-authorisation-available", "no-licence-required"):
        assert verdict in text
