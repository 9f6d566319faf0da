"""Multi-part notes of the Wassenaar PDF land whole on the node they release (real PDF).

A Technical Note or N.B. printed inside a note's list (6A003.b.4.b's Note 3 after its b.1, the
Cryptography Note's neighbour 5A002.a Note 2 after its a.1.b) must not cut the note: what follows
it still belongs to the note. Checks hold list labels, codes and figures only, no official
sentence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dualuse.model import ControlList, Node
from dualuse.sources import wassenaar_pdf as wp

pytestmark = pytest.mark.real_data


@pytest.fixture(scope="module")
def nodes(wassenaar_pdf: Path) -> dict[str, Node]:
    wa: ControlList = wp.read_pdf(wassenaar_pdf)
    return {n.code: n for n in wa.nodes}


def _labels(text: str) -> list[str]:
    """The list labels a note's text carries, in order ("a", "b", "1", ...)."""
    return re.findall(r"(?:^|[\s:;])([a-z]|[1-9])\.\s", text)


def _notes_of(nodes: dict[str, Node], code: str) -> list[Node]:
    return [n for n in nodes.values() if n.parent == code and "#" in n.code]


def test_note_3_of_6a003_b_4_b_is_whole(nodes: dict[str, Node]) -> None:
    note = nodes["6A003.b.4.b#note1"]
    text = note.text or ""
    assert note.parent == "6A003.b.4.b" and note.kind == "note" and note.decontrol
    labels = _labels(text)
    # a. frame rate; b. all of: 1. IFOV (with its Technical Note), 2. fixed lens, 3. no direct
    # view, 4. any of: a. b. c. (the car camera: 1. 2. a. b. 3.)
    assert labels[:2] == ["a", "b"]
    for label in ("1", "2", "3", "4"):
        assert label in labels[2:], (label, labels)
    assert labels.count("c") >= 1
    assert "9 Hz" in text and "2 mrad" in text and "4,500 kg" in text
    assert "IFOV" in text  # its Technical Note stays inside it


def test_6a003_b_4_c_keeps_only_its_own_notes(nodes: dict[str, Node]) -> None:
    own = _notes_of(nodes, "6A003.b.4.c")
    assert (own[0].text or "").startswith("6.A.3.b.4.c.")  # Note 4 first, no part of Note 3
    for n in own:
        assert "Note 3.b.1" not in (n.text or ""), n.code
        assert "9 Hz" not in (n.text or ""), n.code
    assert not any(n.kind == "technical-note" for n in _notes_of(nodes, "6A003.b.4.c"))
    # the reminder printed after Note 3 speaks of Note 3: it sits on 6A003.b.4.b
    assert [n.kind for n in _notes_of(nodes, "6A003.b.4.b")] == ["note", "note"]


def test_5a002_a_note_2_runs_from_a_to_j(nodes: dict[str, Node]) -> None:
    text = nodes["5A002.a#note2"].text or ""
    top = [lab for lab in _labels(text) if lab in "abcdefghij"]
    for label in "acdeghij":
        assert label in top, (label, top)
    assert "RAN" in text and "20 dBm" in text
    assert not any(n.code.startswith("5A002.a.4.c.3#") for n in nodes.values())


@pytest.mark.parametrize(("code", "figure"), [
    ("4A003#note2", "4.E."),          # its c. after two N.B.s
    ("ML12#note1", "3.A.1.e.2."),     # its c. and d. after an N.B.
    ("ML2.a#note2", "ML4."),          # its f. after an N.B.
    ("6A002.a.3#note2", "2.c.2.a."),  # its d. after a Technical Note
])
def test_other_notes_cut_by_an_inner_heading_are_whole(nodes: dict[str, Node], code: str,
                                                       figure: str) -> None:
    assert figure in (nodes[code].text or "")
