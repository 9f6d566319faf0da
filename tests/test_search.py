"""Search index and text analysis on the fixture list."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dualuse import index as search_mod
from dualuse import textproc
from dualuse.errors import InputError

pytestmark = pytest.mark.usefixtures("fixture_data")


@pytest.mark.parametrize(("a", "b", "lang"), [
    ("micro-bolomètre", "microbolometre", "fr"),
    ("caméra", "camera", "fr"),
    ("l'accéléromètre", "accelerometre", "fr"),
    ("analyser", "analyzer", "en"),
    ("armour", "armor", "en"),
    ("fibre", "fiber", "en"),
    ("aluminium", "aluminum", "en"),
])
def test_spellings_meet(a: str, b: str, lang: str) -> None:
    assert set(textproc.tokens(b, lang)) <= set(textproc.tokens(a, lang))


@pytest.mark.parametrize(("text", "lang"), [
    ("Caméra à balayage de fente ultra-rapide", "fr"),
    ("Plaques souples en Kevlar pour gilets de police", "fr"),
    ("Oscillateur au rubidium discipliné par GPS", "fr"),
    ("Vector network analyser 110 GHz", "en"),
    ("Side-scan sonar for seabed mapping", "en"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert textproc.detect_language(text) == lang


def test_vocabulary_is_built_only_when_needed() -> None:
    calls = []

    def vocabulary() -> dict[str, frozenset[str]]:
        calls.append(1)
        return {"en": frozenset(), "fr": frozenset()}

    assert textproc.detect_language("Caméra thermique", vocabulary) == "fr" and not calls
    assert textproc.detect_language("zzz", vocabulary) == "en" and calls == [1]


def test_search_both_languages() -> None:
    assert search_mod.search("thermal camera")[0].code == "6A003"
    assert search_mod.search("caméra thermique")[0].code == "6A003"
    assert search_mod.search("accéléromètres", lang="fr")[0].code == "7A001"


def test_index_is_cached_on_disk(isolated_home) -> None:  # type: ignore[no-untyped-def]
    search_mod.search("camera")
    built = list((isolated_home / "index").iterdir())
    assert len(built) == 1
    search_mod.clear_caches()
    search_mod.search("camera")  # reopens the same directory, no rebuild
    assert list((isolated_home / "index").iterdir()) == built


def test_unwritable_home_falls_back_to_memory(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("DUALUSE_HOME", str(blocker / "home"))
    search_mod.clear_caches()
    assert search_mod.search("camera")[0].code == "6A003"


@pytest.mark.parametrize("bad", ["", "   ", "x" * 5000])
def test_bad_queries(bad: str) -> None:
    with pytest.raises(InputError):
        search_mod.search(bad)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(lambda s: s.strip()))
def test_search_never_crashes(text: str) -> None:
    for hit in search_mod.search(text):
        assert hit.code
