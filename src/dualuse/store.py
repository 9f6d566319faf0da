"""The local store (``DUALUSE_HOME``): imported official editions and search indexes.

Layout::

    DUALUSE_HOME/
      lists/<list-id>.xml        canonical XML of the imported edition (with its source SHA-256)
      tables/<table-id>.json     imported correlation tables
      index/<checksum>/          search indexes, one per catalog checksum
      .lock                      taken while writing

Writes go to a temporary file in the same directory and are renamed into place under a file
lock, so a reader sees the old file or the new one, never half of one, and a killed import leaves
the previous edition intact.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from dualuse.errors import StoreError

LOCK_TIMEOUT_S = 60.0


def home() -> Path:
    env = os.environ.get("DUALUSE_HOME")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("dualuse", appauthor=False))


def lists_dir() -> Path:
    return home() / "lists"


def tables_dir() -> Path:
    return home() / "tables"


def index_dir() -> Path:
    return home() / "index"


@contextlib.contextmanager
def locked(timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the store's write lock."""
    from filelock import FileLock, Timeout

    base = home()
    try:
        base.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create DUALUSE_HOME {str(base)!r}: {exc.strerror}",
                         value=str(base)) from None
    try:
        with FileLock(str(base / ".lock"), timeout=timeout):
            yield
    except Timeout:
        raise StoreError(f"the store {str(base)!r} is locked by another dualuse process",
                         value=str(base)) from None


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers never see a partial file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise StoreError(f"cannot write {str(path)!r}: {exc.strerror}", value=str(path)) from None


def imported_list_files() -> list[Path]:
    d = lists_dir()
    return sorted(d.glob("*.xml")) if d.is_dir() else []
