"""Hostile XML: every attack is refused with one line, quickly, with bounded memory.

The same checks run through the library parser (xmlsafe), the import command, and the
declaration reader, because each is a door an attacker's file can come through.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from dualuse import xmlsafe
from dualuse.cli.app import main
from dualuse.errors import DualUseError, InputError, UnsafeInput

SECRET = "TOP-SECRET-CONTENT-42"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">\
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">]>
<controlList>&lol9;</controlList>"""


def _quadratic() -> bytes:
    big = "A" * 100_000
    return (f'<?xml version="1.0"?><!DOCTYPE k [<!ENTITY a "{big}">]><controlList>'
            + "&a;" * 2000 + "</controlList>").encode()


def _xxe_file(tmp_path: Path) -> bytes:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    return (f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]>'
            '<controlList id="x">&s;</controlList>').encode()


XXE_URL = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY s SYSTEM "http://127.0.0.1:9/evil">]>'
           b'<controlList>&s;</controlList>')
PARAM_ENTITY = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd">'
                b' %p;]><controlList/>')
EXTERNAL_DTD = b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://127.0.0.1:9/x.dtd"><controlList/>'
XINCLUDE = (b'<controlList xmlns:xi="http://www.w3.org/2001/XInclude">'
            b'<xi:include href="/etc/passwd" parse="text"/></controlList>')
DEEP = b"<a>" * 100_000 + b"</a>" * 100_000
WRONG_ENCODING = '<?xml version="1.0" encoding="UTF-16"?><controlList>é</controlList>'.encode()
LATIN1_AS_UTF8 = '<?xml version="1.0" encoding="UTF-8"?><controlList>caméra</controlList>'.encode(
    "latin-1")
TRUNCATED = b'<?xml version="1.0"?><controlList id="x"><node code="6A003"'
HIDDEN_DOCTYPE = b"<!--" + b" " * 8192 + b"-->" + EXTERNAL_DTD.split(b"?>", 1)[1]
HUGE_TEXT = b"<controlList>" + b"x" * (12 * 1024 * 1024) + b"</controlList>"


def attacks(tmp_path: Path) -> dict[str, bytes]:
    return {"billion laughs": BILLION_LAUGHS, "quadratic blow-up": _quadratic(),
            "XXE local file": _xxe_file(tmp_path), "XXE URL": XXE_URL,
            "parameter entity": PARAM_ENTITY, "external DTD": EXTERNAL_DTD,
            "deep nesting": DEEP, "wrong encoding": WRONG_ENCODING,
            "Latin-1 labelled UTF-8": LATIN1_AS_UTF8, "truncated": TRUNCATED,
            "huge text node": HUGE_TEXT, "DOCTYPE after 8 KB": HIDDEN_DOCTYPE}


@pytest.mark.parametrize("name", ["billion laughs", "quadratic blow-up", "XXE local file",
                                  "XXE URL", "parameter entity", "external DTD", "deep nesting",
                                  "wrong encoding", "Latin-1 labelled UTF-8", "truncated",
                                  "huge text node", "DOCTYPE after 8 KB"])
def test_library_parser_refuses(tmp_path: Path, name: str) -> None:
    data = attacks(tmp_path)[name]
    tracemalloc.start()
    t0 = time.perf_counter()
    with pytest.raises((InputError, UnsafeInput)) as err:
        xmlsafe.parse_bytes(data, source="evil.xml")
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 1.0, f"{name}: {elapsed:.2f} s"
    assert peak < 64 * 1024 * 1024, f"{name}: peak {peak / 1e6:.0f} MB"
    assert SECRET not in str(err.value) and "\n" not in str(err.value)


def test_xinclude_is_never_processed() -> None:
    root = xmlsafe.parse_bytes(XINCLUDE, source="x.xml")
    text = "".join(root.itertext())
    assert "root:" not in text  # /etc/passwd was not pulled in


def test_size_cap_is_enforced() -> None:
    with pytest.raises(UnsafeInput, match="larger than"):
        xmlsafe.parse_bytes(b"<a>" + b"x" * 2000 + b"</a>", source="big.xml", max_bytes=1000)


@pytest.mark.parametrize("name", ["billion laughs", "XXE local file", "XXE URL", "deep nesting",
                                  "truncated", "wrong encoding"])
def test_import_command_refuses_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              name: str) -> None:
    f = tmp_path / "evil.xml"
    f.write_bytes(attacks(tmp_path)[name])
    t0 = time.perf_counter()
    code = main(["lists", "import", str(f)])
    elapsed = time.perf_counter() - t0
    out, err = capsys.readouterr()
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert SECRET not in out + err
    assert elapsed < 2.0
    from dualuse import store

    assert not list(store.lists_dir().glob("*.xml"))  # nothing written


@pytest.mark.parametrize("name", ["billion laughs", "XXE local file", "deep nesting", "truncated"])
def test_declaration_reader_refuses(tmp_path: Path, name: str) -> None:
    from dualuse.licensing import declaration

    f = tmp_path / "decl.xml"
    f.write_bytes(attacks(tmp_path)[name].replace(b"controlList", b"Declaration"))
    with pytest.raises(DualUseError) as err:
        declaration.read(f, format="xml")
    assert SECRET not in str(err.value)


# --- DOCTYPE anywhere, in any encoding; special files (issue 12, point 5) ----------------------
def _late_xxe(target: str, pad: int = 5000) -> str:
    """A DOCTYPE after ``pad`` characters of comment (the old check looked at 4 KB only)."""
    return ('<?xml version="1.0"?><!--' + " " * pad + "-->"
            f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{target}">]><controlList id="x">&s;'
            "</controlList>")


def encoded_attacks(tmp_path: Path) -> dict[str, bytes]:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    late = _late_xxe(str(secret))
    plain = late.replace('<?xml version="1.0"?>', "")
    return {
        "DOCTYPE after 4 KB": late.encode(),
        "DOCTYPE after 1 MB": _late_xxe(str(secret), 1_000_000).encode(),
        "UTF-16 LE with BOM": late.replace('"1.0"?>', '"1.0" encoding="UTF-16"?>')
        .encode("utf-16"),
        "UTF-16 BE without BOM": late.replace('"1.0"?>', '"1.0" encoding="UTF-16BE"?>')
        .encode("utf-16-be"),
        "UTF-32 with BOM": b"\xff\xfe\x00\x00" + plain.encode("utf-32-le"),
        "external subset after 4 KB": ('<!--' + " " * 5000 + '--><!DOCTYPE x SYSTEM "'
                                       f'{secret}"><controlList/>').encode(),
        "declared Latin-1": late.replace('"1.0"?>', '"1.0" encoding="ISO-8859-1"?>')
        .encode("latin-1"),
    }


@pytest.mark.parametrize("name", ["DOCTYPE after 4 KB", "DOCTYPE after 1 MB", "UTF-16 LE with BOM",
                                  "UTF-16 BE without BOM", "UTF-32 with BOM",
                                  "external subset after 4 KB", "declared Latin-1"])
def test_doctype_refused_wherever_and_however_encoded(tmp_path: Path, name: str) -> None:
    data = encoded_attacks(tmp_path)[name]
    with pytest.raises(UnsafeInput, match="DOCTYPE") as err:
        xmlsafe.parse_bytes(data, source="evil.xml")
    assert SECRET not in str(err.value)


def test_no_oracle_on_whether_a_path_exists(tmp_path: Path) -> None:
    """The same message whether the external entity names an existing file or not."""
    existing, missing = tmp_path / "exists.txt", tmp_path / "missing.txt"
    existing.write_text(SECRET)
    messages = []
    for target in (existing, missing):
        with pytest.raises(UnsafeInput) as err:
            xmlsafe.parse_bytes(_late_xxe(str(target)).encode(), source="evil.xml")
        messages.append(str(err.value))
    assert messages[0] == messages[1]


def _run_cli(args: list[str], home: Path) -> subprocess.CompletedProcess[bytes]:
    """The CLI in a child process: a hang fails the test instead of blocking the suite."""
    env = {**os.environ, "DUALUSE_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "dualuse", *args], env=env, capture_output=True,
                          timeout=120, check=False)


def test_fifo_as_external_subset_does_not_block(tmp_path: Path, isolated_home: Path) -> None:
    fifo = tmp_path / "subset.dtd"
    os.mkfifo(fifo)
    doc = tmp_path / "evil.xml"
    for subset in (str(fifo), "/dev/stdin"):
        # the comment makes the importer take it for a control list; the DOCTYPE is past 4 KB
        doc.write_bytes(b"<!-- <controlList> -->" + b" " * 5000
                        + f'<!DOCTYPE controlList SYSTEM "{subset}"><controlList/>'.encode())
        done = _run_cli(["lists", "import", str(doc)], isolated_home)
        assert done.returncode == 2 and b"DOCTYPE" in done.stderr, done.stderr


def test_fifo_as_the_input_file_is_refused_before_opening(tmp_path: Path,
                                                          isolated_home: Path) -> None:
    fifo = tmp_path / "list.xml"
    os.mkfifo(fifo)
    done = _run_cli(["lists", "import", str(fifo)], isolated_home)
    assert done.returncode == 2 and b"not a regular file" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    with pytest.raises(UnsafeInput, match="not a regular file"):
        xmlsafe.parse_file(fifo)


# --- wide documents (issue 12, point 6) --------------------------------------------------------
def test_wide_xml_is_refused_before_a_tree_is_built() -> None:
    wide = b"<controlList>" + b"<x/>" * 1_100_000 + b"</controlList>"
    with pytest.raises(UnsafeInput, match="elements"):
        xmlsafe.parse_bytes(wide, source="wide.xml")


def test_list_with_too_many_nodes_is_refused_before_models_are_built(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dualuse.sources import canonical_xml

    nodes = "".join(f'<node code="1A{i % 1000:03d}" kind="entry"/>' for i in range(60_000))
    doc = tmp_path / "wide.xml"
    doc.write_text(f'<controlList id="wassenaar-2025" kind="official"><edition regime="w" '
                   f'publisher="p" title="t" date="2025-01-01"/>{nodes}</controlList>')
    with pytest.raises(UnsafeInput, match="nodes"):
        canonical_xml.read_xml(doc)
    code = main(["lists", "import", str(doc)])
    _, err = capsys.readouterr()
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_list_file_over_the_size_cap_is_refused_unread(tmp_path: Path) -> None:
    from dualuse.sources import canonical_xml

    doc = tmp_path / "big.xml"
    with doc.open("wb") as fh:
        fh.write(b"<controlList>")
        fh.truncate(canonical_xml.MAX_BYTES + 10)
    with pytest.raises(UnsafeInput, match="larger than"):
        canonical_xml.read_xml(doc)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("at", [0, 10, 1 << 20, (1 << 20) - 5])
def test_streamed_scan_finds_a_declaration_anywhere(encoding: str, at: int) -> None:
    """The chunked scan used for archive members: across chunk boundaries, in any encoding."""
    import io

    text = "<sheet>" + " " * at + '<!DOCTYPE x [<!ENTITY e "e">]><a/></sheet>'
    clean = "<sheet>" + " " * at + "<a>DOCTYPE is a word</a></sheet>"
    bom = "\ufeff" if encoding in ("utf-16-be",) else ""
    assert xmlsafe.stream_has_declarations(io.BytesIO((bom + text).encode(encoding)), chunk=4096)
    assert not xmlsafe.stream_has_declarations(io.BytesIO((bom + clean).encode(encoding)),
                                               chunk=4096)
