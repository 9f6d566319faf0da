"""Store integrity: a killed import leaves the previous edition intact, readers never see a mix."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from dualuse import store
from dualuse.errors import StoreError
from dualuse.sources.canonical_xml import read_bytes, read_xml, to_bytes

FIXTURE = Path(__file__).parents[1] / "fixtures" / "data" / "control_lists" / "fixture" / "2025" / \
    "fixture.xml"


def official_edition(tmp_path: Path, version: str, list_id: str = "wassenaar-2025") -> Path:
    """The fixture list relabelled as an official edition (so it can be imported, with --force:
    it is far smaller than the list it replaces)."""
    cl = read_xml(FIXTURE)
    ed = cl.edition.model_copy(update={"id": list_id, "kind": "official", "data_version": version})
    p = tmp_path / f"edition-{version}.xml"
    p.write_bytes(to_bytes(cl.model_copy(update={"edition": ed})))
    return p


def _dualuse(*args: str, home: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DUALUSE_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "dualuse", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_killed_pdf_import_leaves_previous_edition(tmp_path: Path, isolated_home: Path,
                                                  wassenaar_pdf: Path) -> None:
    """SIGKILL the import at several moments (start-up, parsing, writing): nothing is lost."""
    first = official_edition(tmp_path, "previous")
    done = _dualuse("lists", "import", "--force", str(first), home=isolated_home)
    assert done.wait(60) == 0, done.stderr.read() if done.stderr else ""
    target = isolated_home / "lists" / "wassenaar-2025.xml"
    before = target.read_bytes()
    killed = 0
    for kill_after in (0.1, 0.3, 0.45, 0.6, 0.75, 0.9, 1.1):
        proc = _dualuse("lists", "import", "--force", str(wassenaar_pdf), home=isolated_home)
        time.sleep(kill_after)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.wait(30)
        current = target.read_bytes()
        if current != before:
            # the rename happened before the kill: the new edition must then be complete
            new = read_bytes(current)
            assert new.edition.source_file == wassenaar_pdf.name and len(new.nodes) > 3000, \
                f"killed after {kill_after} s left a partial edition"
            target.write_bytes(before)
        assert read_bytes(target.read_bytes()).edition.data_version == "previous"
    assert killed >= 3, "the import finished before every kill: cannot test"
    # the store is still usable: the lock died with the process, a new import goes through
    again = _dualuse("lists", "import", "--force", str(official_edition(tmp_path, "next")),
                    home=isolated_home)
    assert again.wait(60) == 0
    assert read_bytes(target.read_bytes()).edition.data_version == "next"


def test_crash_between_write_and_rename_keeps_old_file(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "list.xml"
    store.atomic_write(target, b"old")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises((OSError, StoreError)):
        store.atomic_write(target, b"new" * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["list.xml"]  # no temp file left behind


def test_concurrent_readers_see_old_or_new_never_a_mix(tmp_path: Path) -> None:
    from dualuse.importer import import_file

    editions = [official_edition(tmp_path, f"v{i}") for i in range(2)]
    import_file(editions[0], force=True)
    target = store.lists_dir() / "wassenaar-2025.xml"
    seen: set[str] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.add(read_bytes(target.read_bytes()).edition.data_version or "")
            except BaseException as e:  # any failure is the test's finding
                errors.append(e)
                return

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for i in range(40):
        import_file(editions[(i + 1) % 2], force=True)
    stop.set()
    for t in threads:
        t.join(10)
    assert not errors, errors[0]
    assert seen <= {"v0", "v1"} and seen


def test_lock_held_elsewhere_is_a_clear_store_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    base = store.home()
    base.mkdir(parents=True, exist_ok=True)
    with FileLock(str(base / ".lock")):
        code = subprocess.run([sys.executable, "-c",
                               "from dualuse import store\n"
                               "with store.locked(timeout=0.2): pass"],
                              capture_output=True, env={**os.environ, "DUALUSE_HOME": str(base)})
    assert code.returncode != 0 and b"StoreError" in code.stderr
