"""A store nobody can turn against its users (issue 12, point 3).

Planted pickles are never unpickled, a home that is not the user's own is refused, names from
input never leave the store, the store deletes only what it wrote, and output options never
replace devices, FIFOs, directories or what a symbolic link points to.
"""

from __future__ import annotations

import io
import os
import pickle
import stat
from pathlib import Path

import pytest

from dualuse import index, indexstore, store
from dualuse.cli.app import main
from dualuse.errors import InputError, UnsafeHome


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_exit_2(code: int, err: str) -> None:
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.fixture
def key_file(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A per-test key, outside the home. A test about the index on disk also takes
    ``isolated_home`` by name (tests/conftest.py): otherwise it is handed the session's warm index,
    opened from another home, and nothing is read or written in its own."""
    path = tmp_path_factory.mktemp("config") / "store.key"
    monkeypatch.setenv("DUALUSE_KEY_FILE", str(path))
    return path


def planted_toc(marker: Path) -> bytes:
    """A whoosh table of contents whose pickled schema runs code (writes ``marker``)."""
    from whoosh import index as wi  # type: ignore[import-untyped]
    from whoosh.filedb.structfile import StructFile  # type: ignore[import-untyped]

    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return exec, (f"import pathlib; pathlib.Path({str(marker)!r}).write_text('pwned')",)

    buf = io.BytesIO()
    sf = StructFile(buf)
    for size in (wi._INT_SIZE, wi._LONG_SIZE, wi._FLOAT_SIZE):
        sf.write_varint(size)
    sf.write_int(-12345)
    sf.write_int(wi._CURRENT_TOC_VERSION)
    for n in (2, 7, 4):
        sf.write_varint(n)
    sf.write_string(pickle.dumps(Payload()))
    return buf.getvalue()


def built_index(fixture_data: Path) -> Path:
    from dualuse.catalog import open_catalog

    index.open_index()
    path = store.index_dir() / index.index_key(open_catalog())
    assert indexstore.is_ours(path) and (path / indexstore.MANIFEST).is_file()
    index.clear_caches()
    return path


def test_planted_pickle_in_our_index_is_never_unpickled(
        fixture_data: Path, isolated_home: Path, key_file: Path, tmp_path: Path) -> None:
    from whoosh.index import open_dir  # type: ignore[import-untyped]

    path = built_index(fixture_data)
    marker = tmp_path / "pwned"
    toc = next(path.glob("_MAIN_*.toc"))
    toc.write_bytes(planted_toc(marker))
    # the attack is real: plain whoosh runs the payload on open
    with pytest.raises(Exception):  # noqa: B017 - whoosh fails after the payload ran
        open_dir(str(path))
    assert marker.read_text() == "pwned"
    marker.unlink()
    indexstore.last_repair = None
    hits = index.search("camera")
    assert hits and not marker.exists()
    assert indexstore.last_repair and "changed after dualuse wrote it" in indexstore.last_repair
    # the damaged index was replaced by a fresh, verified one
    assert indexstore.read_verified(path, indexstore.read_key()[0] or b"")


def test_planted_index_directory_is_neither_read_nor_deleted(
        fixture_data: Path, isolated_home: Path, key_file: Path, tmp_path: Path) -> None:
    from dualuse.catalog import open_catalog

    planted = store.index_dir() / index.index_key(open_catalog())
    planted.mkdir(parents=True)
    marker = tmp_path / "pwned"
    (planted / "_MAIN_1.toc").write_bytes(planted_toc(marker))
    assert index.search("camera")
    assert not marker.exists()
    assert (planted / "_MAIN_1.toc").is_file(), "not ours: the store must not delete it"


def test_corrupted_segment_is_detected_rebuilt_and_reported(
        fixture_data: Path, isolated_home: Path, key_file: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = built_index(fixture_data)
    seg = next(path.glob("*.seg"))
    data = bytearray(seg.read_bytes())
    data[len(data) // 2] ^= 0xFF
    seg.write_bytes(bytes(data))
    code, out, err = run(capsys, "doctor", "--json")
    assert code == 0, err
    import json

    check = next(c for c in json.loads(out)["checks"] if c["name"] == "index")
    assert check["status"] == "warn" and "rebuilt" in check["detail"] and seg.name in \
        check["detail"]
    code, out, _ = run(capsys, "doctor", "--json")
    check = next(c for c in json.loads(out)["checks"] if c["name"] == "index")
    assert check["status"] == "ok" and "verified" in check["detail"]
    assert run(capsys, "search", "camera")[0] == 0


def test_key_file_not_ours_alone_means_no_index_on_disk(
        fixture_data: Path, isolated_home: Path, key_file: Path) -> None:
    key_file.write_text("ab" * 32)
    key_file.chmod(0o644)
    assert indexstore.read_key()[0] is None
    assert index.search("camera")
    assert not store.index_dir().exists() or not any(store.index_dir().iterdir())


def test_key_file_inside_the_home_is_not_used(
        fixture_data: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUALUSE_KEY_FILE", str(isolated_home / "store.key"))
    key, why = indexstore.read_key()
    assert key is None and "inside DUALUSE_HOME" in why
    assert not (isolated_home / "store.key").exists()


def test_prune_removes_only_marked_directories(
        fixture_data: Path, isolated_home: Path, key_file: Path) -> None:
    base = store.index_dir()
    own = base / "my-notes"  # a user's directory beside the indexes
    own.mkdir(parents=True)
    (own / "keep.txt").write_text("mine")
    old = base / "v4-0123456789abcdef"
    old.mkdir()
    (old / indexstore.MARKER).write_text("old index")
    stale, fresh = base / ".v5-abc.killed", base / ".v5-abc.building"
    for d in (stale, fresh):
        d.mkdir()
        (d / indexstore.MARKER).write_text("temporary build")
    os.utime(stale, (1_000_000_000, 1_000_000_000))  # left by a process killed long ago
    built_index(fixture_data)
    assert (own / "keep.txt").read_text() == "mine"
    assert not old.exists() and not stale.exists()
    assert fresh.exists(), "another process may still be building there"


def test_symlinked_index_directory_is_refused_and_never_followed(
        fixture_data: Path, isolated_home: Path, key_file: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    victim = tmp_path / "victim"
    (victim / "project").mkdir(parents=True)
    (victim / "project" / "data.txt").write_text("precious")
    isolated_home.mkdir(exist_ok=True)
    (isolated_home / "index").symlink_to(victim, target_is_directory=True)
    code, _, err = run(capsys, "search", "camera")
    one_line_exit_2(code, err)
    assert "symbolic link" in err
    assert (victim / "project" / "data.txt").read_text() == "precious"


@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_home_writable_by_others_is_refused(
        isolated_home: Path, capsys: pytest.CaptureFixture[str], mode: int) -> None:
    isolated_home.chmod(mode)
    try:
        code, _, err = run(capsys, "lists")
        one_line_exit_2(code, err)
        assert "writable by other users" in err and "chmod go-w" in err
        with pytest.raises(UnsafeHome):
            store.lists_dir()
    finally:
        isolated_home.chmod(0o700)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a directory to another user needs root")
def test_home_of_another_user_is_refused(
        isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.chown(isolated_home, 4242, -1)
    try:
        code, _, err = run(capsys, "lists")
        one_line_exit_2(code, err)
        assert "belongs to another user" in err
        code, out, _ = run(capsys, "doctor", "--json")
        assert code == 1 and '"fail"' in out
    finally:
        os.chown(isolated_home, os.geteuid(), -1)


def test_new_home_is_created_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "fresh" / "home"
    monkeypatch.setenv("DUALUSE_HOME", str(home))
    with store.locked():
        pass
    assert stat.S_IMODE(home.stat().st_mode) & 0o077 == 0


FIXTURE = Path(__file__).parents[1] / "fixtures" / "data" / "control_lists" / "fixture" / "2025" / \
    "fixture.xml"


def edition_with_id(tmp_path: Path, list_id: str) -> Path:
    """The fixture list as an official edition whose id is ``list_id`` (escaped as XML)."""
    from xml.sax.saxutils import quoteattr

    from dualuse.sources.canonical_xml import read_xml, to_bytes

    cl = read_xml(FIXTURE)
    ed = cl.edition.model_copy(update={"id": "placeholder-id", "kind": "official"})
    text = to_bytes(cl.model_copy(update={"edition": ed})).decode("utf-8")
    p = tmp_path / "edition.xml"
    p.write_text(text.replace('id="placeholder-id"', f"id={quoteattr(list_id)}", 1),
                 encoding="utf-8")
    return p


@pytest.mark.parametrize("list_id", ["../../evil", "/abs/evil", "a/evil", "..", ".evil",
                                     "EVIL", "x" * 200, "evil\\..\\x", "wassenaar-2025/.."])
def test_edition_ids_that_are_not_file_names_are_refused(
        tmp_path: Path, isolated_home: Path, capsys: pytest.CaptureFixture[str],
        list_id: str) -> None:
    src = edition_with_id(tmp_path, list_id)
    code, _, err = run(capsys, "lists", "import", "--force", str(src))
    one_line_exit_2(code, err)
    assert "cannot name a file in the store" in err
    assert not (isolated_home / "lists").exists() or not any((isolated_home / "lists").iterdir())
    # where the old code wrote it: lists/<id>.xml, with the id's "..", "/" and "\\" followed
    target = Path(os.path.normpath(str(isolated_home / "lists") + "/" + list_id + ".xml"))
    assert not target.exists() and not Path("/abs/evil.xml").exists()
    with pytest.raises(InputError):
        store.safe_name(list_id)


# --- --output / --key ------------------------------------------------------------------------
def _special_paths(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    directory = tmp_path / "dir"
    directory.mkdir()
    target = tmp_path / "target.txt"
    target.write_text("the link's target")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    return {"device": Path("/dev/null"), "fifo": fifo, "directory": directory, "symlink": link}


@pytest.mark.parametrize("option", ["--output", "--key"])
@pytest.mark.parametrize("kind", ["device", "fifo", "directory", "symlink"])
def test_outputs_refuse_devices_fifos_directories_and_links(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, kind: str) -> None:
    path = _special_paths(tmp_path)[kind]
    before = path.lstat()
    args = ["exercise", "generate", "-n", "2", option, str(path)]
    if option == "--key":
        args += ["--output", str(tmp_path / "quiz.md")]
    code, _, err = run(capsys, *args)
    one_line_exit_2(code, err)
    after = path.lstat()
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    assert after.st_ino == before.st_ino
    assert (tmp_path / "target.txt").read_text() == "the link's target"


def test_output_writes_through_an_existing_regular_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "quiz.md"
    out.write_text("old content that is longer than nothing" * 100)
    out.chmod(0o640)
    inode = out.stat().st_ino
    code, _, err = run(capsys, "exercise", "generate", "-n", "2", "--seed", "3", "-o", str(out))
    assert code == 0, err
    assert out.stat().st_ino == inode and stat.S_IMODE(out.stat().st_mode) == 0o640
    text = out.read_text(encoding="utf-8")
    assert "old content" not in text and len(text) > 50


def test_damaged_hs_cache_is_found_removed_and_reported(
        isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from dualuse import hs_nomenclature
    from dualuse.codes import hs

    hs_nomenclature.existing_codes.cache_clear()  # the HS data and its cache live there now
    hs.validate("852589")
    cache = next((isolated_home / "cache").glob("hs-codes-*.txt"))
    cache.write_text("\n".join(cache.read_text().split()[:100]) + "\n")  # truncated
    code, out, err = run(capsys, "doctor", "--json")
    assert code == 0, err
    check = next(c for c in json.loads(out)["checks"] if c["name"] == "cache")
    assert check["status"] == "warn" and cache.name in check["detail"]
    assert not cache.exists()
    hs.validate("852589")  # written again, whole
    code, out, _ = run(capsys, "doctor", "--json")
    assert next(c for c in json.loads(out)["checks"] if c["name"] == "cache")["status"] == "ok"


def test_link_in_the_lists_folder_is_not_followed(
        isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "outside.xml"
    outside.write_text("<controlList>not ours</controlList>")
    (isolated_home / "lists").mkdir()
    (isolated_home / "lists" / "wassenaar-2025.xml").symlink_to(outside)
    assert store.imported_list_files() == []
    code, out, err = run(capsys, "lists", "--json")
    assert code == 0, err
    assert '"official"' not in out and "not ours" not in out


def test_a_store_dualuse_creates_passes_its_own_check_whatever_the_umask(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixture_data: Path,
        isolated_home: Path, key_file: Path) -> None:
    home = tmp_path / "new" / "home"
    monkeypatch.setenv("DUALUSE_HOME", str(home))
    old = os.umask(0o002)  # group-writable by default, as on many desktops
    try:
        from dualuse import hs_nomenclature
        from dualuse.codes import hs

        hs_nomenclature.existing_codes.cache_clear()  # read again, so cached in the new home
        hs.validate("852589")
        assert index.search("camera")
        for d in (home, home / "cache", home / "index"):
            assert stat.S_IMODE(d.stat().st_mode) & 0o022 == 0, d
        store.check_home()
    finally:
        os.umask(old)
