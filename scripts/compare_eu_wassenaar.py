"""Where the EU list (Annex I of Regulation (EU) 2021/821) differs from the Wassenaar list for the
entries the EU takes from Wassenaar (x0xx): sub-item codes per entry, and notes per node.

Usage: python scripts/compare_eu_wassenaar.py EU_ANNEX_JSON WASSENAAR_PDF [--json] [--details]

Both files are read with dualuse's own readers (nothing is stored). Prints a summary (Markdown)
of codes and counts only, no official wording: entries alike, entries whose sub-item code sets
differ (codes only in the EU text, only in the Wassenaar text), EU x0xx entries Wassenaar lacks,
and Wassenaar entries the EU list lacks.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from dualuse.codes import control
from dualuse.model import ControlList
from dualuse.sources import eu_annex_json
from dualuse.sources.wassenaar_pdf import read_pdf


def _codes(cl: ControlList) -> tuple[dict[str, set[str]], dict[str, int]]:
    """entry -> its sub-item codes (notes aside); entry -> the number of notes in its subtree."""
    subs: dict[str, set[str]] = defaultdict(set)
    notes: dict[str, int] = defaultdict(int)
    for n in cl.nodes:
        if n.kind == "entry" and (n.not_used_since or (n.text or "").startswith("Not used")):
            continue  # "Not used (since 2003)": a number kept free, not an entry
        if n.kind == "entry":
            subs.setdefault(n.code, set())  # an entry without sub-items too
        elif n.kind == "sub-item":
            subs[control.entry_level(n.code)].add(n.code)
        elif n.is_note and n.parent:
            notes[control.entry_level(n.parent.split("#")[0])] += 1
    return subs, notes


def compare(eu: ControlList, wa: ControlList) -> dict[str, object]:
    eu_subs, eu_notes = _codes(eu)
    wa_subs, wa_notes = _codes(wa)
    shared = sorted(c for c in eu_subs if control.eu_regime(c) == "wassenaar")
    alike, differ, missing = [], [], []
    for code in shared:
        if code not in wa_subs:
            missing.append(code)
            continue
        only_eu = sorted(eu_subs[code] - wa_subs[code])
        only_wa = sorted(wa_subs[code] - eu_subs[code])
        if only_eu or only_wa:
            differ.append({"entry": code, "only_eu": only_eu, "only_wassenaar": only_wa,
                           "notes_eu": eu_notes[code], "notes_wassenaar": wa_notes[code]})
        else:
            alike.append(code)
    notes_differ = [c for c in alike if eu_notes[c] != wa_notes[c]]
    wa_only = sorted(c for c in wa_subs if not c.startswith("ML") and c not in eu_subs)
    return {"eu_edition": eu.edition.data_version, "wassenaar_edition": wa.edition.data_version,
            "shared_entries": len(shared), "alike": len(alike), "differ": differ,
            "missing_in_wassenaar": missing, "wassenaar_only": wa_only,
            "same_codes_other_note_count": notes_differ}


def markdown(result: dict[str, object], *, details: bool = False) -> str:
    differ = result["differ"]
    assert isinstance(differ, list)
    lines = [
        f"EU {result['eu_edition']} vs Wassenaar {result['wassenaar_edition']}: "
        f"{result['shared_entries']} EU entries numbered x0xx; "
        f"{result['alike']} with the same sub-item codes, {len(differ)} differing.",
        f"- x0xx entries Wassenaar does not have: "
        f"{', '.join(result['missing_in_wassenaar']) or 'none'}",  # type: ignore[arg-type]
        f"- Wassenaar dual-use entries the EU list does not have: "
        f"{', '.join(result['wassenaar_only']) or 'none'}",  # type: ignore[arg-type]
    ]
    for d in differ:
        only_eu, only_wa = d["only_eu"], d["only_wassenaar"]
        if details:
            lines.append(f"- {d['entry']}: only EU {', '.join(only_eu) or '-'}; "
                         f"only Wassenaar {', '.join(only_wa) or '-'}")
        else:
            lines.append(f"- {d['entry']}: {len(only_eu)} sub-item codes only in the EU text, "
                         f"{len(only_wa)} only in the Wassenaar text")
    same = result["same_codes_other_note_count"]
    assert isinstance(same, list)
    lines.append(f"- same sub-item codes but another number of notes: {len(same)} entries"
                 + (f" ({', '.join(same)})" if details and same else ""))
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    eu = eu_annex_json.read(Path(args[0]))
    wa = read_pdf(Path(args[1]))
    result = compare(eu, wa)
    if "--json" in argv:
        print(json.dumps(result, indent=1))
    else:
        print(markdown(result, details="--details" in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
