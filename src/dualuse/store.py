"""The local store (``DUALUSE_HOME``): imported official editions and search indexes.

Layout::

    DUALUSE_HOME/
      lists/<list-id>.xml        canonical XML of the imported edition (with its source SHA-256)
      tables/<table-id>.json     imported correlation tables
      index/<checksum>/          search indexes, one per catalog checksum (each with a marker
                                 file and an HMAC manifest: see ``dualuse.index``)
      .lock                      taken while writing

The home must be the user's own: owned by the current user and not writable by group or others
(``check_home``), otherwise every read and write of it is refused with ``UnsafeHome`` (exit 2).
Names built from input (edition and table ids) go through ``safe_name`` before they become paths.

Writes go to a temporary file in the same directory and are renamed into place under a file
lock, so a reader sees the old file or the new one, never half of one, and a killed import leaves
the previous edition intact.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from dualuse.errors import InputError, StoreError, UnsafeHome

LOCK_TIMEOUT_S = 60.0


def home() -> Path:
    env = os.environ.get("DUALUSE_HOME")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("dualuse", appauthor=False))


def check_home(base: Path | None = None) -> Path:
    """The home, refused unless it is the current user's own (owner and mode), and its
    subdirectories real directories (not symbolic links). A home that does not exist yet is fine:
    it is created with mode 0700 on the first write."""
    base = base or home()
    try:
        st = base.stat()
    except (FileNotFoundError, NotADirectoryError):  # not there (yet): nothing to trust or fear
        return base
    except OSError as exc:
        raise StoreError(f"cannot read DUALUSE_HOME {str(base)!r}: {exc.strerror}",
                         value=str(base)) from None
    if not stat.S_ISDIR(st.st_mode):
        raise UnsafeHome(f"DUALUSE_HOME {str(base)!r} is not a directory", value=str(base))
    problem = _ownership_problem(st)
    if problem:
        raise UnsafeHome(f"DUALUSE_HOME {str(base)!r} {problem}: dualuse only uses a store that "
                         f"is yours alone (fix: chown $USER and chmod go-w it, or set DUALUSE_HOME "
                         f"to a directory of your own)", value=str(base))
    for sub in ("lists", "tables", "index", "cache"):
        p = base / sub
        try:
            sst = p.lstat()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise StoreError(f"cannot read {str(p)!r}: {exc.strerror}", value=str(p)) from None
        if not stat.S_ISDIR(sst.st_mode):
            raise UnsafeHome(f"{str(p)!r} is not a plain directory (a symbolic link or a file): "
                             f"dualuse will not follow it (fix: remove it)", value=str(p))
        problem = _ownership_problem(sst)
        if problem:
            raise UnsafeHome(f"{str(p)!r} {problem} (fix: chown $USER and chmod go-w it)",
                             value=str(p))
    return base


def _ownership_problem(st: os.stat_result) -> str:
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows: ACLs, not modes
        return ""
    if st.st_uid != os.geteuid():
        return f"belongs to another user (uid {st.st_uid}, you are {os.geteuid()})"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"is writable by other users (mode {stat.S_IMODE(st.st_mode):o})"
    return ""


def lists_dir() -> Path:
    return check_home() / "lists"


def tables_dir() -> Path:
    return check_home() / "tables"


def index_dir() -> Path:
    return check_home() / "index"


# ids that become file names: lowercase letters, digits, dot, dash, underscore; no "..", no "/"
_SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")


def safe_name(name: str, what: str = "edition id") -> str:
    """``name`` if it can be used as one file name inside the store, else ``InputError``."""
    if not isinstance(name, str) or not _SAFE_NAME.match(name) or ".." in name:
        raise InputError(f"{what} {str(name)[:80]!r} cannot name a file in the store (expected "
                         f"lowercase letters, digits, '.', '-' or '_', no '..' or '/')",
                         value=name)
    return name


def list_file(list_id: str) -> Path:
    """Where the imported edition ``list_id`` is stored."""
    return lists_dir() / f"{safe_name(list_id)}.xml"


def make_dirs(path: Path) -> None:
    """Create ``path`` and its missing parents, each with mode 0700 (whatever the umask), so a
    store dualuse creates always passes ``check_home``."""
    missing = []
    p = path
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    for d in reversed(missing):
        d.mkdir(mode=0o700, exist_ok=True)


@contextlib.contextmanager
def locked(timeout: float = LOCK_TIMEOUT_S) -> Iterator[None]:
    """Hold the store's write lock."""
    from filelock import FileLock, Timeout

    base = check_home()
    try:
        make_dirs(base)
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
        make_dirs(path.parent)
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
    """The imported editions: regular files only (a symbolic link in the store is not followed)."""
    d = lists_dir()
    return sorted(p for p in d.glob("*.xml") if not p.is_symlink() and p.is_file()) \
        if d.is_dir() else []


def check_output(path: Path) -> Path:
    """``path`` if ``write_output`` may write it (a new file or an existing regular file), else
    ``InputError``: check every output of a command before writing the first."""
    p = Path(path)
    try:
        st: os.stat_result | None = p.lstat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise InputError(f"cannot write {str(p)!r}: {exc.strerror}", value=str(p)) from None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise InputError(f"{str(p)!r} is a symbolic link: give the path of the file itself",
                         value=str(p))
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise InputError(f"{str(p)!r} is not a regular file (a directory, device, FIFO or "
                         f"socket): give the path of a file to write", value=str(p))
    return p


def write_output(path: Path, data: bytes) -> None:
    """Write a user-named output file (``--output``, ``--key``): a new file, or an existing
    regular file written through its own path (its inode and mode kept). Devices, FIFOs, sockets,
    directories and symbolic links are refused with ``InputError``: dualuse never replaces
    ``/dev/null`` with a file, never blocks on a FIFO, never silently writes to where a link
    points."""
    p = check_output(path)
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(p, flags, 0o644)
    except OSError as exc:
        raise InputError(f"cannot write {str(p)!r}: {exc.strerror}", value=str(p)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped between the check and the open
            raise InputError(f"{str(p)!r} is not a regular file", value=str(p))
        os.ftruncate(fd, 0)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except OSError as exc:
        raise InputError(f"cannot write {str(p)!r}: {exc.strerror}", value=str(p)) from None
    finally:
        os.close(fd)
