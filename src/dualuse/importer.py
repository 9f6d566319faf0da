"""``dualuse lists import FILE``: detect the format, read it, store it atomically.

Formats: the Wassenaar list PDF, canonical control-list XML, and the official readers registered
in ``dualuse.sources.list_readers()`` (the EU Annex I JSON). Re-importing the same file is a no-op.
Every control list passes the gate of ``dualuse.importgate`` (whole, provenance, no quiet change of
the law) before the store changes; a reader's unexpected failure on a hostile file is bad input
(exit 2), not a crash.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from dualuse import store
from dualuse.errors import InputError
from dualuse.model import ControlList

Progress = Callable[[int, int], None]


class ImportResult(BaseModel):
    model_config = ConfigDict(frozen=True)
    id: str
    kind: str
    format: str
    path: str
    source_sha256: str
    nodes: int
    unchanged: bool
    seconds: float
    verified: bool = False  # the file's checksum is a known official file's (sources/known.py)
    forced: tuple[str, ...] = ()  # changes accepted only because of --force


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def detect(path: Path) -> str:
    """The format of ``path``: ``wassenaar-pdf``, ``eu-annex-json``, ``canonical-xml``, ``xlsx``
    or ``csv``."""
    check_regular(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(f"{str(path)!r}: cannot read ({exc.strerror})", value=str(path)) from None
    if head.startswith(b"%PDF"):
        return "wassenaar-pdf"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        if b"<controlList" in head:
            return "canonical-xml"
        return "xml"
    if text.startswith((b"{", b"[")):
        from dualuse.sources import list_readers

        for reader in list_readers():
            if reader.sniff(head, path):
                return reader.format
        raise InputError(f"{str(path)!r}: a JSON file, but not the EU Annex I JSON "
                         f"(expected corpus_version, celex, entries[])", value=str(path))
    if path.suffix.lower() in (".csv", ".txt"):
        return "csv"
    raise InputError(f"{str(path)!r}: unrecognised format (expected the Wassenaar list PDF, "
                     f"the EU Annex I JSON, canonical XML, or a correlation table in XLSX/CSV)",
                     value=str(path))


def read_control_list(path: Path, fmt: str, progress: Progress | None = None) -> ControlList:
    if fmt == "wassenaar-pdf":
        from dualuse.sources.wassenaar_pdf import read_pdf

        return read_pdf(path, progress=progress)
    if fmt == "canonical-xml":
        from dualuse.sources.canonical_xml import read_xml

        cl = read_xml(path)
        if cl.edition.kind != "official":
            raise InputError(f"{str(path)!r}: only official editions can be imported "
                             f"(this file is a {cl.edition.kind})", value=str(path))
        return cl
    from dualuse.sources import list_readers

    for reader in list_readers():
        if reader.format == fmt:
            return reader.read(path, progress=progress)
    raise InputError(f"{str(path)!r}: {fmt} files are not control lists", value=str(path))


def import_file(path: str | Path, *, progress: Progress | None = None,
                force: bool = False) -> ImportResult:
    p = Path(path)
    started = time.perf_counter()
    fmt = detect(p)
    if fmt in ("xlsx", "csv", "xml"):
        from dualuse.hs_map import clear_cache
        from dualuse.sources.correlation import import_table

        result = import_table(p, fmt, progress=progress)
        clear_cache()  # the importer, not the source reader, tells the layers above
        return result
    cl = read_guarded(p, fmt, progress)
    return save_control_list(cl, fmt=fmt, started=started, force=force, source=str(p))


# --- the validation gate -----------------------------------------------------------------------
MAX_IMPORT_BYTES = 64 * 1024 * 1024


def check_regular(path: Path) -> None:
    """Refuse what is not a regular file of sane size before anything opens it (a FIFO would
    block, a device would stream forever)."""
    import stat

    from dualuse.errors import UnsafeInput

    try:
        st = path.stat()
    except OSError as exc:
        raise InputError(f"{str(path)!r}: cannot read ({exc.strerror})", value=str(path)) from None
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeInput(f"{str(path)!r}: not a regular file (FIFO, device or directory)",
                          value=str(path))
    if st.st_size > MAX_IMPORT_BYTES:
        raise UnsafeInput(f"{str(path)!r}: {st.st_size} bytes (imports are at most "
                          f"{MAX_IMPORT_BYTES})", value=str(path))


def read_guarded(path: Path, fmt: str, progress: Progress | None = None) -> ControlList:
    """``read_control_list``, with any unexpected failure of a reader on a hostile or damaged
    file (a bad date, flipped bytes, a pdfium error) turned into one ``InputError``; the list
    then records the checksum of the file actually read."""
    from dualuse.errors import DualUseError

    try:
        cl = read_control_list(path, fmt, progress)
    except DualUseError as exc:
        if exc.exit_code == 2:
            raise
        raise InputError(f"{str(path)!r}: {exc.message}", value=str(path)) from None
    except Exception as exc:  # MemoryError, RecursionError, pdfium's errors: all bad input
        raise InputError(f"{str(path)!r}: not a readable {fmt} file ({type(exc).__name__}: "
                         f"{str(exc)[:120]})", value=str(path)) from None
    sha = sha256_file(path)
    if cl.edition.source_sha256 != sha:  # an XML's claim about another file is not kept
        ed = cl.edition.model_copy(update={"source_sha256": sha, "source_file": path.name})
        cl = cl.model_copy(update={"edition": ed})
    return cl


def save_control_list(cl: ControlList, *, fmt: str, started: float, force: bool = False,
                      source: str = "import") -> ImportResult:
    from dualuse import importgate
    from dualuse.catalog import clear_caches
    from dualuse.sources.canonical_xml import to_bytes

    gate = importgate.check(cl, source=source, force=force)
    data = to_bytes(cl, header=f"imported by dualuse from {cl.edition.source_file or 'a file'}; "
                              f"official text, for local use only, do not redistribute")
    target = store.list_file(cl.edition.id)
    with store.locked():
        unchanged = target.is_file() and target.read_bytes() == data
        if not unchanged:
            store.atomic_write(target, data)
    clear_caches()
    return ImportResult(id=cl.edition.id, kind="control-list", format=fmt, path=str(target),
                        source_sha256=cl.edition.source_sha256 or "", nodes=len(cl.nodes),
                        unchanged=unchanged, seconds=round(time.perf_counter() - started, 2),
                        verified=gate.verified, forced=gate.forced)
