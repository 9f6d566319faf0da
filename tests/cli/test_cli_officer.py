"""The officer's surface (issue 16): 80 columns, plain-word strengths, evidence in the officer's
own words, French everywhere and remembered, honest outcomes, decontrol notes, conventions.

French outputs are compared with snapshots in ``tests/cli/golden/`` (read by a French speaker);
``DUALUSE_REGEN_GOLDEN=1`` rewrites them after a reviewed change."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from dualuse.cli.app import main

EXAMPLES = Path(__file__).parents[2] / "examples" / "declarations"
GOLDEN = Path(__file__).parent / "golden"
README_LINE = "uncooled thermal camera core 640x512, 12 um pitch"


@pytest.fixture(autouse=True)
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """An 80-column terminal with no language chosen by the environment."""
    for var in ("DUALUSE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def widest(text: str) -> int:
    """The widest line, a bare web address aside (it cannot be cut)."""
    return max((len(line) for line in text.splitlines()
                if not re.fullmatch(r"\s*https?://\S+", line)), default=0)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DUALUSE_REGEN_GOLDEN") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


# --- 80 columns, compact, plain words ---------------------------------------------------------
def test_readme_example_fits_80_columns(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "classify", README_LINE, "--hs", "8525.89")
    assert code == 0
    assert widest(out) <= 80
    assert len(out.splitlines()) <= 25  # was 165 lines at 80 columns
    lines = out.splitlines()
    assert lines[0].startswith("Decision: ")  # classify decides first (docs/decisions.md)
    first = next(ln for ln in lines if ln.startswith(" 1. "))
    assert "6A003.b.4" in first and "strong" in first
    assert "HS 8525.89" in out and "852589" not in out
    assert re.search(r"\b0\.\d\d\b", out) is None  # no raw score in the table
    assert "may be released by a note of 6A003" in out


def test_limit_verbose_and_json_keeps_scores(capsys: pytest.CaptureFixture[str]) -> None:
    _, short, _ = run(capsys, "classify", README_LINE, "--limit", "2")
    assert len(re.findall(r"^ ?\d+\. ", short, flags=re.M)) == 2
    _, verbose, _ = run(capsys, "classify", README_LINE, "--verbose")
    assert widest(verbose) <= 80 and len(re.findall(r"^ ?\d+\. ", verbose, flags=re.M)) > 5
    _, raw, _ = run(capsys, "classify", README_LINE, "--json")
    assert isinstance(json.loads(raw)["candidates"][0]["score"], float)


def test_columns_wider_when_asked(capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    _, out, _ = run(capsys, "classify", README_LINE, "--verbose")
    assert 80 < widest(out) <= 120


def test_evidence_is_the_officers_own_words(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "classify", "oscillo 20GHz")
    evidence = [ln for ln in out.splitlines() if ln.startswith("    ")]
    for gram in ("cill", "illo", "osci", "scil"):  # no character 4-grams shown as words
        assert not re.search(rf"\b{gram}\b", out)
    assert any("oscillo" in ln for ln in evidence)
    _, out, _ = run(capsys, "classify", "drone quadcopter 4K camera")
    words = " ".join(ln for ln in out.splitlines() if "your words" in ln)
    for phrase in ("thermal camera", "SWIR camera", "LWIR camera"):
        assert phrase not in words  # phrases the line does not contain are not its evidence
    assert "drone" in words


def test_check_verdicts_never_split(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLES / "transfer-fr-de.json"),
                       "--on", "2026-11-23")
    assert code == 0 and widest(out) <= 80
    assert "no licence required" in out and "licence required" in out
    assert "no-licence-re" not in out


def test_input_cannot_drive_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "thermal camera \x1b[2J\x1b]8;;https://evil.example\x07click\x1b]8;;\x07 [bold]x[/]"
    code, out, _ = run(capsys, "classify", hostile)
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    from dualuse.cli.output import safe

    assert safe("[link=https://evil.example]x[/link]") == "\\[link=https://evil.example]x\\[/link]"


# --- honest outcomes --------------------------------------------------------------------------
def test_unlisted_cas_is_an_answer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "cas", "64-17-5")
    assert code == 0 and err == ""
    assert "not listed" in out
    code, out, _ = run(capsys, "cas", "64-17-5", "--json")
    assert code == 0 and json.loads(out)["listed"] is False
    code, _, err = run(capsys, "cas", "64-17-6")  # a wrong check digit stays an error
    assert code == 2 and err.count("\n") == 1


def test_hs_without_entries_and_search_without_hits(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "hs", "0901.11")
    assert code == 0 and "not listed by this code" in " ".join(out.split())
    assert "each candidate entry" not in out
    code, out, _ = run(capsys, "search", "zzqxwv")
    assert code == 0 and "No entry matches" in out


@pytest.mark.parametrize(("line", "entry"), [
    ("smartphone 5G 128GB", "5A002"),        # the Cryptography Note's exclusions
    ("hunting shotgun 12 gauge", "ML1"),
    ("car rear-view thermal camera module", "6A003"),
])
def test_decontrol_notes_shown_without_shared_words(capsys: pytest.CaptureFixture[str],
                                                    line: str, entry: str) -> None:
    _, out, _ = run(capsys, "classify", line)
    assert re.search(rf"may be released by a note of {re.escape(entry)}", out), out


# --- French and the choice of language ---------------------------------------------------------
@pytest.mark.parametrize(("env", "expected"), [
    ({"DUALUSE_LANG": "fr"}, "fr"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LC_MESSAGES": "fr_CA.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"DUALUSE_LANG": "en", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"DUALUSE_LANG": "de", "LANG": "fr_FR.UTF-8"}, "fr"),
    ({}, "en"),
])
def test_language_remembered(capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                             expected: str) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    _, out, _ = run(capsys, "cas", "64-17-5")
    assert ("non inscrit" in out) == (expected == "fr"), out


@pytest.mark.parametrize("args", [("doctor",), ("lists",), ("lists", "coverage"),
                                  ("show", "6A003"), ("search", "oscilloscope")])
def test_every_command_takes_lang(capsys: pytest.CaptureFixture[str],
                                  args: tuple[str, ...]) -> None:
    code, out, err = run(capsys, *args, "--lang", "fr")
    assert code in (0, 1), err  # doctor exits 1 when a check fails; never a usage error
    assert widest(out) <= 80


def test_errors_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "cas", "64-17-6", "--lang", "fr")
    assert code == 2 and out == ""
    assert err.startswith("dualuse : erreur : ") and "chiffre de contrôle" in err
    code, _, err = run(capsys, "show", "--lang", "fr")
    assert code == 2 and err.count("\n") == 1 and "argument manquant" in err
    code, _, err = run(capsys, "show", "6A003", "--lang", "de")
    assert code == 2 and err.count("\n") == 1 and "'en'" in err


@pytest.mark.parametrize(("name", "args"), [
    ("check-transfer-fr-de.fr.txt",
     ("check", str(EXAMPLES / "transfer-fr-de.json"), "--on", "2026-11-23")),
    ("check-thermal-camera-cn.fr.txt",
     ("check", str(EXAMPLES / "export-thermal-camera-cn.json"), "--on", "2026-11-23")),
    ("cas-hydrogen-fluoride.fr.txt", ("cas", "7664-39-3")),
    ("cas-ethanol.fr.txt", ("cas", "64-17-5")),
    ("hs-coffee.fr.txt", ("hs", "0901.11")),
    ("classify-acide-fluorhydrique.fr.txt", ("classify", "acide fluorhydrique anhydre")),
])
def test_french_snapshots(capsys: pytest.CaptureFixture[str], name: str,
                          args: tuple[str, ...]) -> None:
    code, out, _ = run(capsys, *args, "--lang", "fr")
    assert code == 0 and widest(out) <= 80
    golden(name, out)


def test_french_typography_and_citations(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(EXAMPLES / "export-thermal-camera-cn.json"),
                    "--on", "2026-11-23", "--lang", "fr")
    assert "vers la Chine" in out
    assert "Règlement (UE) 2021/821, article 3, paragraphe 1" in out
    assert "licence requise" in out and "licence-required" not in out
    assert re.search(r"\S:\s", out.replace("https:", "")) is None  # a space before every colon
    assert " :" not in out.replace("\u202f:", "")  # ... and a narrow no-break one


# --- conventions --------------------------------------------------------------------------------
def test_help_conventions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "-h")
    assert code == 0 and "--install-completion" in out
    code, out, _ = run(capsys, "classify", "-h")
    assert code == 0 and "en|fr" in out and "strong" in out and "0.45" in out
    from dualuse.exercises import FORMATS
    from dualuse.exercises.model import DIFFICULTIES, EXERCISE_TYPES
    from dualuse.licensing.readers import FORMATS as DECLARATION_FORMATS

    code, out, _ = run(capsys, "exercise", "generate", "-h")
    # every choice the library accepts, in its order (the CLI spells them for a light -h)
    for choices in (DIFFICULTIES, FORMATS, EXERCISE_TYPES):
        assert "<" + "|".join(choices) + ">" in out, choices
    assert "easy|medium|hard" in out and "md|json|gift|html" in out
    code, out, _ = run(capsys, "check", "-h")
    assert "<" + "|".join(DECLARATION_FORMATS) + ">" in out
    assert re.search(r"Examples:\n\n +dualuse check \S+\n\n +dualuse check", out), out
