"""Bounded property-based fuzzing: on any input, every parser either answers or raises a
DualUseError subclass (which the CLI turns into one line and exit 2); nothing else escapes."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dualuse.errors import DualUseError

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text that looks like our inputs often enough to reach deep code paths
codeish = st.one_of(
    st.text(max_size=40),
    st.from_regex(r"[0-9MLml]{0,3}[\s.]?[A-Ea-e]?[\s.]?[0-9]{0,4}([\s.][a-z0-9]{1,2}){0,6}\.?",
                  fullmatch=True),
)
numeric = st.one_of(st.text(max_size=30), st.from_regex(r"[0-9 .\-]{0,16}", fullmatch=True))
quantity_text = st.one_of(
    st.text(max_size=200),
    st.from_regex(r"([a-zé ]{0,12}[0-9]{1,5}([.,][0-9]{1,3})?\s?(GHz|kW|mrad|µm|um|deg/h|°C|x|dB|"
                  r"%|m|km|ns|J|W/cm2|micro-g|msw)?[ ,;]){1,6}", fullmatch=True),
)


def _only_ours(fn, *args, **kw):  # type: ignore[no-untyped-def]
    try:
        return fn(*args, **kw)
    except DualUseError:
        return None


@FUZZ
@given(codeish)
def test_control_codes(s: str) -> None:
    from dualuse.codes import control

    out = _only_ours(control.normalise, s)
    if out is not None:
        assert control.normalise(out) == out


@FUZZ
@given(numeric)
def test_cas_numbers(s: str) -> None:
    from dualuse.codes import cas

    out = _only_ours(cas.normalise, s)
    if out is not None:
        assert cas.normalise(out) == out


@FUZZ
@given(numeric)
def test_hs_codes(s: str) -> None:
    from dualuse.codes import hs

    out = _only_ours(hs.normalise, s)
    if out is not None:
        assert hs.normalise(out) == out


@FUZZ
@given(quantity_text, st.sampled_from([None, "en", "fr"]))
def test_quantities(s: str, lang: str | None) -> None:
    from dualuse.parameters import find_quantities

    for q in _only_ours(find_quantities, s, lang) or ():
        assert 0 <= q.start < q.end <= len(s)


@FUZZ
@given(st.binary(max_size=300))
def test_xml_bytes(data: bytes) -> None:
    from dualuse import xmlsafe

    _only_ours(xmlsafe.parse_bytes, data, source="fuzz.xml")


_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1"]


_XML_CHARS = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="-<>&")


@FUZZ
@given(st.text(alphabet=_XML_CHARS, max_size=60), st.text(alphabet=_XML_CHARS, max_size=60),
       st.sampled_from(_ENCODINGS), st.booleans(), st.integers(0, 6000))
def test_xml_declarations_never_parse(before: str, value: str, encoding: str, declare: bool,
                                      pad: int) -> None:
    """A well-formed document with an internal subset, the DOCTYPE anywhere after a comment,
    in any encoding, declared or not: refused, never parsed (the entity never expands)."""
    import pytest

    from dualuse import xmlsafe
    from dualuse.errors import InputError, UnsafeInput

    head = f'<?xml version="1.0" encoding="{encoding.replace("-sig", "")}"?>' if declare else ""
    doc = (f"{head}<!--{before}{' ' * pad}--><!DOCTYPE a [<!ENTITY e '{value}'>]><a>&e;</a>")
    try:
        data = doc.encode(encoding)
    except UnicodeEncodeError:
        return
    with pytest.raises(InputError) as err:
        xmlsafe.parse_bytes(data, source="fuzz.xml")
    if declare or encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        assert isinstance(err.value, UnsafeInput), err.value


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12),
                                                                      children, max_size=5),
    max_leaves=20)
declaration_like = st.fixed_dictionaries(
    {},
    optional={"procedure": st.sampled_from(["export", "transit", "import", "", 3]),
              "exporter_country": st.sampled_from(["FR", "fr", "XX", "", None, 1]),
              "destination_country": st.sampled_from(["RU", "US", "ZZ", "", None]),
              "end_use": json_values,
              "items": st.lists(st.fixed_dictionaries({}, optional={
                  "line": json_values, "control_code": codeish, "hs_code": numeric,
                  "cas": json_values, "description": st.text(max_size=40)}), max_size=3)})


@FUZZ
@given(st.one_of(json_values, declaration_like))
def test_declarations_json(value: object) -> None:
    from dualuse.licensing import declaration

    _only_ours(declaration.read_json, json.dumps(value), source="fuzz.json")


@FUZZ
@given(st.text(max_size=400))
def test_declarations_csv(text: str) -> None:
    from dualuse.licensing import declaration

    def run() -> None:
        list(declaration.read_csv(text.splitlines(keepends=True), source="fuzz.csv"))

    _only_ours(run)


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=120), st.sampled_from([None, "en", "fr"]))
def test_classify_any_text(text: str, lang: str | None) -> None:
    from dualuse.classifier import classify

    res = _only_ours(classify, text, lang=lang, limit=5)
    if res is not None:
        assert all(0.0 <= c.score <= 1.0 for c in res.candidates)


csv_cell = st.one_of(st.text(max_size=30), st.sampled_from(["111-48-8", "2930.70", "9999.99",
                                                            "=cmd|' /C calc'!A0", '"', ",", ""]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["txt", "csv", "jsonl"]),
       st.lists(st.lists(csv_cell, min_size=1, max_size=4), max_size=5),
       st.binary(max_size=80))
def test_batch_files(tmp_path_factory, fmt: str, rows: list[list[str]],  # type: ignore[no-untyped-def]
                     junk: bytes) -> None:
    """Any text, CSV or JSON-lines file: a list of valid goods items, or one of our errors."""
    from dualuse import batch

    head = "line,description,hs_code,cas\n" if fmt == "csv" else ""
    body = "\n".join(",".join(r) if fmt != "jsonl" else json.dumps({"description": r[0]})
                     for r in rows)
    f = tmp_path_factory.mktemp("batch") / f"in.{fmt}"
    f.write_bytes((head + body).encode("utf-8", "surrogatepass") + b"\n" + junk)
    lines = _only_ours(batch.read, f)
    if lines is not None:
        assert all(ln.item.description or ln.item.hs_code or ln.item.cas for ln in lines)
