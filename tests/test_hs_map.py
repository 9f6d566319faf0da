"""HS -> entries, CAS -> chemical, batch candidates, and the CLI commands."""

from __future__ import annotations

import json

import pytest

from dualuse.cli.app import main
from dualuse.codes import hs
from dualuse.errors import NotFound, UnknownCode
from dualuse.hs_map import cas_lookup, hs_candidates, hs_lookup


def test_thiodiglycol() -> None:
    r = hs_lookup("2930.70")
    assert r.hs == "293070" and "thiodiglycol" in r.description.lower()
    assert "1C350.1" in [e.code for e in r.entries]
    assert "Schedule 2" in r.entries[0].why
    assert "indicative" in r.indicative.lower()


def test_chpl_and_truncation() -> None:
    r = hs_lookup("8542310000")
    assert r.chpl_tier == "1" and r.truncated and r.hs == "854231"
    assert hs_lookup("8542").chpl_tier == "1" and len(hs_lookup("8542").chpl) >= 4


def test_heading_and_chapter_collect_subheadings() -> None:
    sub = {e.code for e in hs_lookup("293070").entries}
    heading = {e.code for e in hs_lookup("2930").entries}
    assert sub <= heading <= {e.code for e in hs_lookup("29").entries}


def test_unknown_code() -> None:
    with pytest.raises(UnknownCode):
        hs_lookup("9999.99")


def test_no_entry_statement() -> None:
    r = hs_lookup("0101.21", lang="fr")
    assert not r.entries and r.indicative.startswith("Aucune")


def test_cas_lookup() -> None:
    r = cas_lookup("111-48-8")
    assert r.name_en == "Thiodiglycol" and r.hs == "293070"
    assert {li.list for li in r.lists} == {"CWC-2", "AG-CW"}
    assert "1C350.1" in [e.code for e in r.entries]
    with pytest.raises(NotFound):
        cas_lookup("64-17-5")  # ethanol: on no list


def test_candidates_batch() -> None:
    out = hs_candidates(["2930.70", "bad", "9999.99", "85423100", "2930"])
    assert "1C350.1" in out[0] and out[1] == () and out[2] == ()
    assert set(out[0]) <= set(out[4])
    assert out[3] == hs_candidates(["854231"])[0]


def test_every_bundled_hs_is_real() -> None:
    from dualuse.catalog import open_catalog

    for _, node in open_catalog().nodes():
        for link in node.hs:
            assert hs.is_valid(link.code), (node.code, link.code)


def test_cli_hs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hs", "2930.70"]) == 0
    out = capsys.readouterr().out
    assert "1C350.1" in out and "Indicative" in out
    assert main(["hs", "8542.31", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["chpl_tier"] == "1" and {"hs", "description", "entries"} <= data.keys()
    assert all({"code", "title", "why"} <= e.keys() for e in data["entries"])


def test_cli_hs_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["hs", "9999.99"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "99" in err


def test_cli_cas(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cas", "111-48-8"]) == 0
    out = capsys.readouterr().out
    assert "Thiodiglycol" in out and "Schedule 2" in out and "1C350.1" in out
    assert main(["cas", "111-48-8", "--json", "--lang", "fr"]) == 0
    assert json.loads(capsys.readouterr().out)["hs"] == "293070"
    assert main(["cas", "111-48-9"]) == 2


def test_cas_named_only_as_excluded() -> None:
    """Chlorine and TNT are on no chemicals list, but the KB names them as falling outside ML7.b /
    ML8: the lookup shows those entries and says to check the exclusion, rather than 'not found'."""
    r = cas_lookup("7782-50-5", lang="fr")
    assert r.name_en == "chlorine" and r.name_fr == "chlore" and not r.lists
    assert [e.code for e in r.entries] == ["ML7.b"] and "exclusion" in r.entries[0].why
    tnt = cas_lookup("118-96-7")
    assert [e.code for e in tnt.entries] == ["ML8"] and "outside ML8" in tnt.entries[0].why
    phosgene = cas_lookup("75-44-5")  # CWC Schedule 3 and named outside ML7.b: both shown
    assert {"1C450.a.4", "ML7.b"} <= {e.code for e in phosgene.entries}
