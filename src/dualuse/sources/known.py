"""The official source files dualuse knows, by SHA-256: what makes an import "verified".

An import whose file has one of these checksums is the publication itself; any other file (a
re-typed XML, a PDF from elsewhere, a newer edition we have not seen yet) may still be imported,
but every answer that uses it says "unverified source" (``Edition.label``), and replacing a
verified edition by it needs ``--force`` (``dualuse.importer``). Add a row when a new edition is
published, after checking the file against the publisher's site.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

UNVERIFIED = "unverified source"


class KnownSource(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    list_id: str
    sha256: str
    file_name: str
    publisher: str
    published: dt.date
    size: int
    format: str


KNOWN_SOURCES: tuple[KnownSource, ...] = (
    KnownSource(list_id="wassenaar-2025",
                sha256="1a92a954dc51211f6f39a8780525248d0338bc116a23f80164e2aa6541be43fb",
                file_name="List-of-Dual-Use-Goods-and-Technologies-and-ML-2025-Corr.pdf",
                publisher="Wassenaar Arrangement Secretariat", published=dt.date(2026, 1, 15),
                size=1_366_353, format="wassenaar-pdf"),
    KnownSource(list_id="eu-2021-821",
                sha256="f4ce02aed08a1b405b0e0fd38490192986291ca0c9ef05c544ca800f810829b9",
                file_name="annex-i-02021R0821-20251115.json",
                publisher="European Union (consolidated Regulation (EU) 2021/821, Annex I)",
                published=dt.date(2025, 11, 15), size=1_172_676, format="eu-annex-json"),
)

_BY_SHA = {k.sha256: k for k in KNOWN_SOURCES}


def known(sha256: str | None) -> KnownSource | None:
    """The known official file with this checksum, or None."""
    return _BY_SHA.get((sha256 or "").lower())


def verified(list_id: str, sha256: str | None) -> bool:
    """Is ``sha256`` the checksum of a known official file of the list ``list_id``?"""
    k = known(sha256)
    return k is not None and k.list_id == list_id
