"""Code and data versions, reported by ``dualuse --version`` and ``dualuse.data_versions()``."""

from __future__ import annotations


def data_versions() -> dict[str, str]:
    """``{list id: "data version (edition date, kind)"}`` for every list in the catalog."""
    from dualuse.catalog import open_catalog

    out: dict[str, str] = {}
    for ed in open_catalog().editions:
        key = ed.id if ed.kind == "knowledge-base" else f"{ed.id} (official)"
        out[key] = f"{ed.data_version or ed.date.isoformat()} ({ed.date.isoformat()})"
    return out
