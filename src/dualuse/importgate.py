"""The gate every imported control list passes before the store changes.

1. **Whole and valid**: the edition id can name a file; every code is well-formed and unique;
   every parent exists; the list merges with our knowledge base of the same list (the same check
   every later command makes, so an import can never leave the store unusable).
2. **Provenance**: the checksum of the file actually imported is looked up in the table of known
   official files (``sources/known.py``); the edition records that checksum (an XML file's claim
   about some other file's checksum is not kept), and answers built on an unknown one say
   "unverified source".
3. **No quiet change of the law**: compared with the edition it replaces (the one in the store;
   else our knowledge base of the same list; else the newest edition of the same regime), an
   import that drops more than ``MAX_DROP_SHARE`` of the entries or items, marks entries "not
   used" that were in force, or replaces a verified official edition by an unknown file, is
   refused unless forced (``ImportRefused``, exit 2, naming what would change).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from dualuse import store
from dualuse.codes import control
from dualuse.errors import DataError, ImportRefused, InputError
from dualuse.model import ControlList, Node
from dualuse.sources import known

MAX_DROP_SHARE = 0.10
_COUNTED = ("entry", "sub-item")


class GateReport(BaseModel):
    model_config = ConfigDict(frozen=True)
    verified: bool
    replaces: str | None
    forced: tuple[str, ...] = ()


def validate_whole(cl: ControlList, source: str) -> None:
    """Refuse (``InputError``) a list that is not whole: bad id, bad or duplicate codes, unknown
    parents, or a list that does not merge with the knowledge base of the same list."""
    store.safe_name(cl.edition.id)
    seen: set[str] = set()
    for n in cl.nodes:
        base = n.code.split("#", 1)[0]
        if n.kind != "category" and not control.is_valid(base):
            raise InputError(f"{source}: invalid control code {n.code!r}", value=n.code)
        if n.code in seen:
            raise InputError(f"{source}: duplicate code {n.code!r}", value=n.code)
        seen.add(n.code)
    from dualuse.catalog import Catalog

    try:
        Catalog([*_bundled(cl.edition.id), cl])
    except DataError as exc:
        raise InputError(f"{source}: {exc.message}", value=exc.value) from None


def _bundled(list_id: str | None = None) -> list[ControlList]:
    from dualuse.catalog import bundled_files

    files = tuple((str(p), p.stat().st_mtime_ns) for p in bundled_files())
    return [p for p in _load(files) if list_id is None or p.edition.id == list_id]


@functools.lru_cache(maxsize=2)
def _load(files: tuple[tuple[str, int], ...]) -> tuple[ControlList, ...]:
    from dualuse.catalog import load_files

    return tuple(load_files(Path(f) for f, _ in files)[0])


def _stored(list_id: str) -> ControlList | None:
    from dualuse.sources.canonical_xml import read_bytes

    path = store.list_file(list_id)
    if not path.is_file():
        return None
    try:
        return read_bytes(path.read_bytes(), source=str(path))
    except (OSError, InputError, DataError):
        return None  # a damaged stored edition: nothing to compare with, replacing it is a repair


def previous_edition(cl: ControlList) -> tuple[str, list[Node], str | None] | None:
    """(label, nodes, source sha256) of what ``cl`` replaces, or None for a new list."""
    old = _stored(cl.edition.id)
    if old is not None:
        return f"the imported {old.edition.id}", list(old.nodes), old.edition.source_sha256
    kb = _bundled(cl.edition.id)
    if kb:
        return f"the knowledge base of {cl.edition.id}", [n for p in kb for n in p.nodes], None
    same = [p for p in _bundled() if p.edition.regime == cl.edition.regime]
    if same:
        newest = max(p.edition.id for p in same)
        return f"the knowledge base of {newest}", \
            [n for p in same if p.edition.id == newest for n in p.nodes], None
    return None


def changes(cl: ControlList, old_nodes: Iterable[Node], old_sha: str | None) -> list[str]:
    """What in ``cl`` needs ``--force`` against the edition it replaces."""
    old = {n.code: n for n in old_nodes}
    new = {n.code: n for n in cl.nodes}
    reasons = []
    if old_sha and known.verified(cl.edition.id, old_sha) and \
            not known.verified(cl.edition.id, cl.edition.source_sha256):
        reasons.append(f"replaces the verified official source (sha256 {old_sha[:12]}) by an "
                       f"unverified file (sha256 {(cl.edition.source_sha256 or '-')[:12]})")
    for kind in _COUNTED:
        before = [c for c, n in old.items() if n.kind == kind]
        gone = [c for c in before if c not in new]
        if before and len(gone) > MAX_DROP_SHARE * len(before):
            reasons.append(f"drops {len(gone)} of {len(before)} {kind} codes (e.g. {gone[0]}; "
                           f"at most {MAX_DROP_SHARE:.0%} may go)")
    retired = [c for c, n in new.items() if n.not_used_since and c in old
               and not old[c].not_used_since and n.kind in _COUNTED]
    if retired:
        reasons.append(f"marks {len(retired)} entries not used that were in force "
                       f"(e.g. {retired[0]})")
    return reasons


def check(cl: ControlList, *, source: str, force: bool = False) -> GateReport:
    """Run the gate on ``cl`` (read from ``source``); ``ImportRefused`` if it needs ``--force``
    and was not given it."""
    validate_whole(cl, source)
    prev = previous_edition(cl)
    reasons = changes(cl, prev[1], prev[2]) if prev else []
    if prev and reasons and not force:
        raise ImportRefused(f"{Path(source).name}: refused without --force: compared with "
                            f"{prev[0]}, it " + "; ".join(reasons), value=source,
                            reasons=tuple(reasons))
    return GateReport(verified=known.verified(cl.edition.id, cl.edition.source_sha256),
                      replaces=prev[0] if prev else None, forced=tuple(reasons))
