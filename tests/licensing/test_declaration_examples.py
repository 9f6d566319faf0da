"""The declarations in examples/declarations/ cover every verdict and every procedure; their
verdicts and legal bases are asserted here, item by item, on the bundled lists and rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dualuse.licensing import declaration
from dualuse.licensing.engine import VERDICTS, check_many

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "declarations"
ON = dt.date(2026, 11, 23)

# file -> reference -> line -> (verdict, rule ids that must be in legal_basis)
EXPECTED: dict[str, dict[str, dict[int, tuple[str, set[str]]]]] = {
    "export-thermal-camera-us.json": {"FR-LRN-2026-000101": {
        1: ("general-authorisation-available", {"EU821-ART3-1", "EU821-EU001"})}},
    "export-thermal-camera-cn.json": {"FR-LRN-2026-000102": {
        1: ("licence-required", {"EU821-ART3-1"})}},
    "export-russia.json": {"DE-LRN-2026-004711": {
        1: ("prohibited", {"SANC-RU-833-ART2"}),
        2: ("review-required", {"SANC-RU-833-ART2"})}},
    "export-catch-all-wmd.json": {"BE-LRN-2026-000733": {
        1: ("licence-required", {"EU821-ART4-1-A"})}},
    "re-export-military-embargo.json": {"NL-LRN-2026-009120": {
        # ML item to Venezuela: arms embargo of Regulation (EU) 2017/2063 (SANC-VE-2017-2063)
        1: ("prohibited", {"EU-CP-2008-944-ART1", "EMB-ART4-1-B", "SANC-VE-2017-2063"}),
        2: ("review-required", {"EU821-ART3-1"})}},
    "export-chemicals-cas.json": {"IT-LRN-2026-000412": {
        1: ("licence-required", {"EU821-ART3-1"}),
        2: ("licence-required", {"EU821-ART3-1"})}},
    "export-coffee.csv": {"ES-LRN-2026-000555": {
        1: ("no-licence-required", {"EU821-ART3-1"}),
        2: ("no-licence-required", {"EU821-ART3-1"})}},
    "invoice-lines.csv": {"INV-7": {
        1: ("review-required", {"EU821-ART3-1"}),
        2: ("no-licence-required", {"EU821-ART3-1"}),
        3: ("licence-required", {"EU-CP-2008-944-ART1"}),
        4: ("review-required", {"EU821-ART3-1"})}},
    "export-hs-screening.xml": {"FR-LRN-2026-000204": {
        1: ("review-required", {"EU821-ART3-1"}),
        2: ("no-licence-required", {"EU821-ART3-1"})}},
    "transit-de-iran.xml": {"DE-MRN-26DE000000000T1": {
        1: ("prohibited", {"EU821-ART7", "SANC-IR-267-ART2"})}},
    "transit-nl-switzerland.json": {"NL-MRN-26NL000000000T7": {
        1: ("review-required", {"EU821-ART7", "EU821-ART7-NATIONAL"}),
        2: ("no-licence-required", {"EU821-ART7"})}},
    "transfer-fr-de.json": {"FR-TRF-2026-0031": {
        1: ("licence-required", {"EU821-ART11-1", "EU821-ANNEX-IV"}),
        2: ("no-licence-required", {"EU821-ART11-1"}),  # 5A002.a: not in Annex IV (verified)
        3: ("licence-required", {"EU-DIR-2009-43-ART4"}),
        4: ("no-licence-required", {"EU821-ART11-1"})}},
    "batch.jsonl": {
        "B-1": {1: ("general-authorisation-available", {"EU821-EU001"})},
        "B-2": {1: ("licence-required", {"EU821-ART3-1"})},
        "B-3": {1: ("licence-required", {"EU821-ART5-1"})},
        "B-4": {1: ("review-required", {"SANC-BY-765-ART1E"})}},
}


def _results(name: str):  # type: ignore[no-untyped-def]
    return list(check_many(declaration.read(EXAMPLES / name), on=ON))


def test_every_example_file_is_asserted() -> None:
    files = {p.name for p in EXAMPLES.iterdir() if p.suffix in (".json", ".jsonl", ".csv", ".xml")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_verdicts_and_legal_basis(name: str) -> None:
    results = _results(name)
    assert {r.reference for r in results} == set(EXPECTED[name])
    for r in results:
        want = EXPECTED[name][r.reference or ""]
        assert {i.line for i in r.items} == set(want)
        for item in r.items:
            verdict, rules = want[item.line]
            got = {c.rule_id for c in item.legal_basis}
            assert item.verdict == verdict, (name, item.line, item.explanation.en)
            assert rules <= got, (name, item.line, got)
            assert item.explanation.en and item.explanation.fr
            if verdict == "general-authorisation-available":
                assert item.authorisations and all(a.conditions for a in item.authorisations)
            else:
                assert not item.authorisations


def test_examples_cover_every_verdict_and_procedure() -> None:
    verdicts, procedures, formats = set(), set(), set()
    for name in EXPECTED:
        formats.add(Path(name).suffix)
        for r in _results(name):
            procedures.add(r.procedure)
            verdicts |= {i.verdict for i in r.items}
    assert verdicts == set(VERDICTS)
    assert procedures == {"export", "re-export", "transit", "intra-eu-transfer"}
    assert formats == {".json", ".jsonl", ".csv", ".xml"}


def test_documents_are_checked_against_verdicts() -> None:
    (russia,) = _results("export-russia.json")
    assert [(f.line, f.document) for f in russia.documents] == [(1, "Y901")]
    (cn,) = _results("export-thermal-camera-cn.json")
    assert [(f.line, f.document) for f in cn.documents] == [(1, "X060")]  # individual
    assert "X070" in cn.documents[0].problem.en  # or a global / national general authorisation
    (us,) = _results("export-thermal-camera-us.json")  # EU001, declared with X061
    assert us.documents == ()


def test_document_codes_follow_the_2021_change() -> None:
    """Since 9 September 2021 each kind of authorisation has its code (X060 individual, X061-X068
    EU001-EU008, X070 global, X071 national general); X002 is reported as out of use."""
    from dualuse.licensing.engine import check

    def findings(docs: list[str], to: str = "US") -> list[tuple[str, str]]:
        r = check({"procedure": "export", "exporter_country": "FR", "destination_country": to,
                   "documents": docs, "items": [{"line": 1, "control_code": "6A003.b.4"}]},
                  on=dt.date(2026, 11, 23))
        return [(f.document, f.problem.en) for f in r.documents]

    assert findings(["X061"]) == [] and findings(["X060"]) == []
    (old, missing) = findings(["X002"])
    assert old[0] == "X002" and "out of use since 2021-09-09" in old[1] and "X060-X072" in old[1]
    assert missing[0] == "X061" and "EU001" in missing[1]
    assert [d for d, _ in findings([], to="CN")] == ["X060"]


def test_declaration_verdict_is_the_most_restrictive_item() -> None:
    (t,) = _results("transfer-fr-de.json")
    assert t.verdict == "licence-required"
    (r,) = _results("export-russia.json")
    assert r.verdict == "prohibited"
