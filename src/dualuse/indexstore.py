"""The search index on disk: written by us, proven ours before it is read.

whoosh keeps its table of contents and parts of its segments as pickles, and unpickling runs code.
So nothing under ``DUALUSE_HOME/index`` reaches whoosh unless the store proves it wrote it:

- every index directory holds a marker file (``MARKER``) and a manifest (``MANIFEST``) with an
  HMAC-SHA256 of each file, keyed by a per-user secret kept *outside* the home (``key_file()``,
  mode 0600, owner checked) and bound to the directory's name and the file's name;
- the files are read once, checked against the manifest (no file missing, none extra, every MAC
  right) and handed to whoosh from memory (a ``RamStorage``): what was checked is what is read,
  so a file swapped after the check is never seen;
- anything that fails the check is reported (``last_repair``), rebuilt, and replaced;
- pruning removes only real directories holding our marker, never through a symbolic link.

Without a usable key (unwritable config directory, a key file with the wrong owner or mode) the
index is built in memory for the process, as for a read-only store. Figures: docs/security.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dualuse import store
from dualuse.errors import StoreError

MARKER = ".dualuse-index"
MANIFEST = ".dualuse-manifest"
MAX_INDEX_BYTES = 512 * 1024 * 1024
_MARKER_TEXT = b"search index written by dualuse; safe to delete\n"

Build = Callable[[Any], Any]  # build(storage) -> whoosh index

# the last problem found with an index on disk (for ``dualuse doctor``), and how it ended
last_repair: str | None = None


def key_file() -> Path:
    env = os.environ.get("DUALUSE_KEY_FILE")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("dualuse", appauthor=False)) / "store.key"


def _inside(path: Path, parent: Path) -> bool:
    try:
        path.resolve().relative_to(parent.resolve())
    except (ValueError, OSError):
        return False
    return True


def read_key(*, create: bool = True) -> tuple[bytes | None, str]:
    """(the key, "") or (None, why it cannot be used)."""
    path = key_file()
    if _inside(path, store.home()):
        return None, f"the key file {path} is inside DUALUSE_HOME: it must be kept outside"
    if create and not path.exists():
        try:
            store.make_dirs(path.parent)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                         0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32) + "\n")
        except FileExistsError:
            pass
        except OSError as exc:
            return None, f"cannot create the key file {path}: {exc.strerror}"
    try:
        st = path.lstat()
    except FileNotFoundError:
        return None, f"no key file {path}"
    except OSError as exc:
        return None, f"cannot read the key file {path}: {exc.strerror}"
    if not stat.S_ISREG(st.st_mode):
        return None, f"the key file {path} is not a regular file"
    if hasattr(os, "geteuid") and (st.st_uid != os.geteuid() or st.st_mode & 0o077):
        return None, f"the key file {path} is not yours alone (fix: chown $USER, chmod 600)"
    try:
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, ValueError):
        return None, f"the key file {path} is not a dualuse key"
    if len(key) < 32:
        return None, f"the key file {path} is too short"
    return key, ""


def _mac(key: bytes, dirname: str, name: str, data: bytes) -> str:
    return hmac.new(key, b"\0".join([dirname.encode(), name.encode(), data]),
                    hashlib.sha256).hexdigest()


def is_ours(path: Path) -> bool:
    """A real directory (not a link) that holds our marker file."""
    try:
        st, mst = path.lstat(), (path / MARKER).lstat()
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and stat.S_ISREG(mst.st_mode)


def read_verified(path: Path, key: bytes) -> dict[str, bytes]:
    """The index files of ``path``, each proven by the manifest; ``StoreError`` otherwise."""
    if not is_ours(path):
        raise StoreError(f"{path} is not an index dualuse wrote (no marker)", value=str(path))
    try:
        lines = (path / MANIFEST).read_text(encoding="ascii").splitlines()
        macs = dict(line.split(" ", 1)[::-1] for line in lines if line)
    except (OSError, ValueError):
        raise StoreError(f"{path}: the manifest is missing or unreadable",
                         value=str(path)) from None
    files: dict[str, bytes] = {}
    total = 0
    for entry in os.scandir(path):
        if entry.name in (MARKER, MANIFEST):
            continue
        if entry.name not in macs or not entry.is_file(follow_symlinks=False):
            raise StoreError(f"{path}: {entry.name!r} is not in the manifest", value=entry.name)
        with open(entry.path, "rb") as fh:
            data = fh.read(MAX_INDEX_BYTES + 1 - total)
        total += len(data)
        if total > MAX_INDEX_BYTES:
            raise StoreError(f"{path}: index larger than {MAX_INDEX_BYTES} bytes", value=str(path))
        if not hmac.compare_digest(macs[entry.name], _mac(key, path.name, entry.name, data)):
            raise StoreError(f"{path}: {entry.name!r} was changed after dualuse wrote it",
                             value=entry.name)
        files[entry.name] = data
    missing = set(macs) - set(files)
    if missing:
        raise StoreError(f"{path}: {sorted(missing)[0]!r} is missing", value=str(path))
    return files


def _ram(files: dict[str, bytes]) -> Any:
    from whoosh.filedb.filestore import RamStorage  # type: ignore[import-untyped]

    ram = RamStorage()
    ram.files.update(files)
    return ram


def open_verified(path: Path, key: bytes) -> Any:
    """The whoosh index in ``path``, opened from memory after every file was proven."""
    files = read_verified(path, key)
    try:
        return _ram(files).open_index()
    except Exception as exc:  # a file we wrote but whoosh cannot read (older whoosh, our bug)
        raise StoreError(f"{path}: unreadable index ({type(exc).__name__})",
                         value=str(path)) from None


def load_or_build(name: str, build: Build) -> Any:
    """The index called ``name``: the verified copy on disk, or a new one built (and saved when
    the store and the key allow it)."""
    global last_repair
    from whoosh.filedb.filestore import FileStorage, RamStorage

    key, _ = read_key()
    if key is None:
        return build(RamStorage())
    parent = store.index_dir()
    target = parent / name
    if target.exists() or target.is_symlink():
        try:
            return open_verified(target, key)
        except StoreError as exc:
            last_repair = f"{exc}: rebuilt"
    try:
        store.make_dirs(parent)
        tmp = Path(tempfile.mkdtemp(dir=parent, prefix=f".{name}."))
    except OSError:
        return build(RamStorage())
    try:
        (tmp / MARKER).write_bytes(_MARKER_TEXT)
        build(FileStorage(str(tmp)))
        files = {e.name: Path(e.path).read_bytes() for e in os.scandir(tmp)
                 if e.name != MARKER and e.is_file(follow_symlinks=False)}
        (tmp / MANIFEST).write_text("".join(f"{_mac(key, name, n, d)} {n}\n"
                                            for n, d in sorted(files.items())), encoding="ascii")
        _install(tmp, target)
    except OSError:
        return build(RamStorage())
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return _ram(files).open_index()


def _install(tmp: Path, target: Path) -> None:
    with contextlib.suppress(StoreError), store.locked(timeout=30):
        if target.is_symlink():
            target.unlink()
        elif target.exists():
            if not is_ours(target):
                return  # not ours: leave it, use the fresh index from memory
            shutil.rmtree(target, ignore_errors=True)
        os.rename(tmp, target)
        prune(target)


STALE_BUILD_S = 3600  # a temporary build directory older than this was left by a killed process


def prune(keep: Path) -> list[Path]:
    """Remove the indexes of older catalogs and the temporary directories of killed builds: only
    real directories holding our marker."""
    import time

    removed = []
    for other in keep.parent.iterdir():
        if other == keep or not is_ours(other):
            continue
        if other.name.startswith("."):
            try:
                if time.time() - other.lstat().st_mtime < STALE_BUILD_S:
                    continue  # perhaps another process's build in progress
            except OSError:
                continue
        shutil.rmtree(other, ignore_errors=True)
        removed.append(other)
    return removed


def check(name: str) -> tuple[str, str]:
    """(status, detail) of the index ``name`` on disk, for ``dualuse doctor``."""
    key, why = read_key(create=False)
    if key is None:
        return "warn", f"{why}: indexes are built in memory for each run"
    target = store.index_dir() / name
    if not (target.exists() or target.is_symlink()):
        return "ok", "not built yet (first search builds it)"
    try:
        files = read_verified(target, key)
    except StoreError as exc:
        return "fail", str(exc)
    return "ok", f"built, {len(files)} files verified"
