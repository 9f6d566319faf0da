"""Hostile XML: every attack is refused with one line, quickly, with bounded memory.

The same checks run through the library parser (xmlsafe), the import command, and the
declaration reader, because each is a door an attacker's file can come through.
"""

from __future__ import annotations

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
    t0 = time.process_time()  # CPU time: a bound that other processes' load cannot break
    with pytest.raises((InputError, UnsafeInput)) as err:
        xmlsafe.parse_bytes(data, source="evil.xml")
    elapsed = time.process_time() - t0
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
    t0 = time.process_time()  # CPU time, not wall-clock: no failure under load
    code = main(["lists", "import", str(f)])
    elapsed = time.process_time() - t0
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
