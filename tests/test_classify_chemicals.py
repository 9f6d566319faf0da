"""Chemicals in the classifier, on the bundled chemicals table and knowledge base (real data)."""

from __future__ import annotations

import re

import dualuse
from dualuse.chemicals import find_names


def test_cas_of_a_table_chemical_is_decisive() -> None:
    res = dualuse.classify("Thiodiglycol, drums", cas=["111-48-8"])
    top = res.candidates[0]
    # the EU list's knowledge base holds 1C350.1 itself: the table's facts land on that entry
    assert (top.code, top.entry, top.list, top.score) == ("1C350.1", "1C350", "eu-2021-821", 0.99)
    cas = [e for e in top.evidence if e.kind == "cas"]
    assert any("CWC Schedule 2, item B.13" in e.detail and "Australia Group" in e.detail
               for e in cas)
    assert any("chemicals table" in e for e in res.editions)


def test_name_in_the_description_without_cas() -> None:
    # "drums" also matches drum magazines (ML1): the chemical's name must still rank first
    res = dualuse.classify("Thiodiglycol, drums of 200 l")
    assert res.candidates[0].code == "1C350.1"
    assert res.candidates[0].score < 0.99  # a name is strong evidence, not a CAS match


def test_french_name_french_labels() -> None:
    res = dualuse.classify("Triéthanolamine 99 %, fûts")
    top = res.candidates[0]
    assert top.code == "1C350.46"
    assert "Triéthanolamine" in (top.title or "")
    assert any("tableau 3 de la CAC" in e.detail for e in top.evidence)


def test_global_shield_chemical_is_shown_not_decided() -> None:
    res = dualuse.classify("Ammonium nitrate prills, 25 kg bags")
    gs = [c for c in res.candidates if c.code == "WCO-GS"]
    assert gs and gs[0].list == "chemicals" and gs[0].score < 0.99
    assert [c for c in res.candidates[:3] if c.entry == "ML8"]  # military oxidisers stay in view


def test_catalog_entry_takes_the_chemical_when_it_has_one() -> None:
    # sarin's entry is ML7, which the Wassenaar knowledge base holds: no separate table candidate
    res = dualuse.classify("Sarin", cas=["107-44-8"])
    assert res.candidates[0].entry == "ML7"
    assert res.candidates[0].list == "wassenaar-2025"
    assert not [c for c in res.candidates if c.list == "chemicals" and c.entry == "ML7"]


def test_hs_subheading_of_a_chemical_is_a_prior() -> None:
    res = dualuse.classify("drums", hs="2930.70")
    chem = [c for c in res.candidates if c.code == "1C350.1"]
    assert chem and chem[0].score < 0.99
    assert any(e.kind == "hs" for e in chem[0].evidence)


def test_names_match_whole_words_only() -> None:
    assert [n for n, _ in find_names("calcium ammonium nitrate 27 % N")] == [
        "calcium ammonium nitrate"]
    assert find_names("nitromethanes and polynitrates") == []
    assert find_names("Sony VX camera, urea-formaldehyde resin") == []


def test_cas_named_as_excluded_is_evidence_not_control() -> None:
    # chlorine is named among the industrial chemicals outside ML7.b / ML7.d
    res = dualuse.classify("chlore liquide, conteneurs", cas=["7782-50-5"], lang="fr")
    ml7 = next(c for c in res.candidates if c.entry == "ML7")
    assert ml7.score < 0.99 and res.candidates.index(ml7) < 3
    ev = next(e for e in ml7.evidence if e.kind == "decontrol")
    assert ev.terms == ("7782-50-5",) and "hors de ML7.b" in ev.detail
    # TNT alone is outside ML8 unless compounded or mixed
    res = dualuse.classify("TNT flakes", cas=["118-96-7"])
    ml8 = next(c for c in res.candidates if c.entry == "ML8")
    assert any(e.kind == "decontrol" and "118-96-7" in e.terms for e in ml8.evidence)


def test_chemical_named_as_excluded_without_cas() -> None:
    # the name the remark gives with the CAS is evidence too, in either language, never decisive
    for text, lang, name in (("chlore liquide, conteneurs", "fr", "chlore"),
                             ("Liquid chlorine in 1-tonne cylinders", "en", "chlorine")):
        res = dualuse.classify(text)
        assert res.lang == lang and res.candidates[0].entry == "ML7"
        top = res.candidates[0]
        ev = next(e for e in top.evidence if e.kind == "decontrol")
        assert ev.terms == (name,) and "7782-50-5" in ev.detail and top.score < 0.99
    # a compound of chlorine is not chlorine
    for text in ("Chlorine dioxide generator", "dioxyde de chlore, solution"):
        res = dualuse.classify(text)
        assert not any(e.kind == "decontrol" and e.terms == ("chlorine",)
                       for c in res.candidates for e in c.evidence), text
        assert not any("chlore" in e.terms for c in res.candidates for e in c.evidence), text


def test_every_cas_in_a_decontrol_remark_is_valid() -> None:
    from dualuse.catalog import open_catalog
    from dualuse.codes import cas

    cat = open_catalog()
    found = [c for _, n in cat.nodes() for r in n.remarks if r.type == "decontrol"
             for c in re.findall(r"\b\d{2,7}-\d\d-\d\b", r.text)]
    assert len(found) > 80
    for c in found:
        cas.validate(c)
