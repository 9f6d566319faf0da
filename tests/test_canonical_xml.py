"""Canonical XML: lossless round trips, schema validity of every shipped data file, safe parsing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from dualuse.catalog import bundled_files
from dualuse.errors import DataError, InputError, UnsafeInput
from dualuse.model import (
    ControlList,
    Definition,
    Edition,
    GeneralNote,
    HsLink,
    Keywords,
    Localized,
    Node,
    Parameter,
    Reference,
    Remark,
)
from dualuse.resources import schema_path
from dualuse.sources.canonical_xml import read_bytes, to_bytes

# XML 1.0 cannot carry most control characters nor the noncharacters U+FFFE and U+FFFF (category
# Cn); the model is only asked to round-trip real text.
text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=30)
opt_text = st.none() | text
node = st.builds(
    Node,
    code=text, kind=st.sampled_from(["entry", "sub-item", "note", "technical-note", "nb"]),
    parent=opt_text, position=st.integers(0, 10_000),
    title=st.builds(Localized, en=opt_text, fr=opt_text), text=opt_text,
    keywords=st.builds(Keywords, en=st.lists(text, max_size=3).map(tuple),
                       fr=st.lists(text, max_size=3).map(tuple)),
    remarks=st.lists(st.builds(Remark, lang=st.sampled_from(["en", "fr"]),
                               type=st.sampled_from(["info", "decontrol"]), text=text),
                     max_size=2).map(tuple),
    hs=st.lists(st.builds(HsLink, code=st.from_regex(r"\A\d{6}\Z"), reason=opt_text),
                max_size=2).map(tuple),
    cas=st.lists(st.sampled_from(["111-48-8", "75-44-5"]), max_size=2).map(tuple),
    parameters=st.lists(st.builds(
        Parameter, quantity=text, comparator=st.sampled_from(["gt", "ge", "lt", "le", "eq"]),
        value=st.decimals(allow_nan=False, allow_infinity=False, places=3,
                          min_value=Decimal("-1e9"), max_value=Decimal("1e9")),
        unit=text, applies_to=opt_text), max_size=2).map(tuple),
    refs=st.lists(st.builds(Reference, code=text, type=st.sampled_from(["related", "see"]),
                            text=opt_text), max_size=2).map(tuple),
    sensitive=st.booleans(), very_sensitive=st.booleans(), not_used_since=opt_text,
    decontrol=st.booleans(),
)
edition = st.builds(
    Edition, id=text, kind=st.sampled_from(["official", "knowledge-base"]), regime=text,
    publisher=text, title=text, date=st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
    language=st.sampled_from(["en", "fr"]), data_version=opt_text,
    source_sha256=st.none() | st.from_regex(r"\A[0-9a-f]{64}\Z"),
)
control_list = st.builds(
    ControlList, edition=edition, nodes=st.lists(node, max_size=4).map(tuple),
    general_notes=st.lists(st.builds(GeneralNote, code=text, title=text, text=text),
                           max_size=2).map(tuple),
    definitions=st.lists(st.builds(Definition, term=text,
                                   quote=st.sampled_from(["double", "single"]),
                                   scope=opt_text, text=text), max_size=2).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(control_list)
def test_model_xml_model_is_lossless(cl: ControlList) -> None:
    assert read_bytes(to_bytes(cl)) == cl


@pytest.mark.parametrize("path", bundled_files(), ids=lambda p: p.name)
def test_bundled_files_are_schema_valid(path) -> None:  # type: ignore[no-untyped-def]
    schema = etree.XMLSchema(etree.parse(str(schema_path())))
    ok = schema.validate(etree.parse(str(path)))
    assert ok, str(schema.error_log)
    cl = read_bytes(path.read_bytes())
    assert read_bytes(to_bytes(cl)) == cl


def test_fixture_is_schema_valid(fixture_data) -> None:  # type: ignore[no-untyped-def]
    schema = etree.XMLSchema(etree.parse(str(schema_path())))
    for path in bundled_files():
        assert schema.validate(etree.parse(str(path))), str(schema.error_log)


XXE = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<controlList id="x" kind="official"><edition regime="r" publisher="p" title="t" date="2025-01-01"/>
<node code="1" kind="category"><text>&e;</text></node></controlList>"""


def test_entities_are_refused() -> None:
    with pytest.raises(UnsafeInput):
        read_bytes(XXE)


def test_not_xml() -> None:
    with pytest.raises(InputError):
        read_bytes(b"<controlList")


def test_wrong_root() -> None:
    with pytest.raises(DataError):
        read_bytes(b"<other/>")
