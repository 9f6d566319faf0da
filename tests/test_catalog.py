"""Catalog logic on the fixture list (data updates never break these)."""

from __future__ import annotations

import pytest

from dualuse.catalog import Catalog, open_catalog
from dualuse.errors import DataError, InvalidFormat, NotFound
from dualuse.model import ControlList, Edition, Node

pytestmark = pytest.mark.usefixtures("fixture_data")


def test_entry_any_spelling() -> None:
    cat = open_catalog()
    assert cat.entry("6.A.3.b.4.").code == "6A003.b.4"
    assert cat["6a003b4"].sensitive
    assert cat.get("6A004") is None
    assert cat.get("nonsense") is None
    assert "6A003" in cat


def test_unknown_code_suggests() -> None:
    with pytest.raises(NotFound) as err:
        open_catalog().entry("6A004")
    assert "6A003" in err.value.suggestions
    with pytest.raises(InvalidFormat):
        open_catalog().entry("not a code")


def test_tree() -> None:
    cat = open_catalog()
    assert [n.code for n in cat.ancestors("6A003.b.4")] == ["6", "6A", "6A003", "6A003.b"]
    assert [n.code for n in cat.children("6A003")] == ["6A003.b"]
    walked = [n.code for n in cat.walk("6A003")]
    assert walked == ["6A003", "6A003.b", "6A003.b.4"]


def test_reverse_lookups() -> None:
    cat = open_catalog()
    assert [n.code for n in cat.by_cas("111-48-8")] == ["1C350"]
    assert [n.code for n in cat.by_hs("852589")] == ["6A003"]


def test_detail_collects_parameters() -> None:
    d = open_catalog().detail("6A003")
    assert d.parameters[0]["applies_to"] == "6A003.b.4"
    assert not d.official_text
    assert d.parents[-1].code == "6A"


def _ed(kind: str) -> Edition:
    return Edition(id="t", kind=kind, regime="wassenaar", publisher="p", title="t",  # type: ignore[arg-type]
                   date="2025-01-01")  # type: ignore[arg-type]


def test_duplicates_and_orphans_raise() -> None:
    dup = ControlList(edition=_ed("knowledge-base"),
                      nodes=(Node(code="1", kind="category"), Node(code="1", kind="category")))
    with pytest.raises(DataError):
        Catalog([dup])
    orphan = ControlList(edition=_ed("knowledge-base"),
                         nodes=(Node(code="1A001", kind="entry", parent="1A"),))
    with pytest.raises(DataError):
        Catalog([orphan])


def test_merge_official_text_with_facts() -> None:
    kb = ControlList(edition=_ed("knowledge-base"), nodes=(
        Node(code="1", kind="category", title={"en": "Materials"}),  # type: ignore[arg-type]
    ))
    off = ControlList(edition=_ed("official"), nodes=(
        Node(code="1", kind="category", text="official wording"),
        Node(code="1#note1", kind="note", parent="1", text="a note"),
    ))
    cat = Catalog([kb, off])
    node = cat.entry("1")
    assert node.text == "official wording"
    assert node.title.en == "Materials"
    assert [n.code for n in cat.notes("1")] == ["1#note1"]
    assert cat.lists["t"].has_official


def test_open_catalog_looks_at_the_files_at_most_once_a_second(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Screening opens the catalog once per line: within the freshness window the files are not
    listed again; ``fresh=True`` and ``clear_caches()`` look at once."""
    from dualuse import catalog

    first = catalog.open_catalog(fresh=True)
    looked: list[int] = []
    real = catalog.bundled_files
    monkeypatch.setattr(catalog, "bundled_files", lambda root=None: looked.append(1) or real(root))
    for _ in range(50):
        assert catalog.open_catalog() is first
    assert looked == []
    assert catalog.open_catalog(fresh=True) is first and looked == [1]
    monkeypatch.setattr(catalog, "FRESHNESS_SECONDS", 0.0)
    catalog.open_catalog()
    assert looked == [1, 1]
