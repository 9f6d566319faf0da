"""Parse XML that comes from outside without trusting it.

Entities are never expanded, DTDs never loaded, the network never touched. The whole document is
decoded first, in the encoding the parser would use (byte-order mark, then the XML declaration,
then UTF-8; UTF-16 and UTF-32 included), and refused if a ``DOCTYPE`` or an ``ENTITY`` declaration
appears anywhere in it: no legitimate input of ours needs one. The parser is then given exactly
the text that was checked, re-encoded as UTF-8, so no other decoding can hide a declaration.
Size, element count and depth are capped before the tree is built; files must be regular files
(a FIFO, a device or ``/dev/stdin`` is refused before it is opened, so nothing can block).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from pathlib import Path
from typing import IO

from lxml import etree  # type: ignore[import-untyped]

from dualuse.errors import InputError, UnsafeInput

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64
MAX_ELEMENTS = 1_000_000

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
# no BOM: the first characters "<?" tell a 16/32-bit encoding (XML 1.0, appendix F)
_SNIFF = ((b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
          (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"))
_DECL = re.compile(r"^\s*<\?xml[^>]*?\?>")
_DECL_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]{1,40})[\"']")
_FORBIDDEN = re.compile(r"<!\s*(doctype|entity|element|attlist|notation)", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, attribute_defaults=False, huge_tree=False,
                           remove_pis=True, collect_ids=False, encoding="utf-8")


def sniff(head: bytes) -> tuple[str, int]:
    """(encoding, length of the byte-order mark) as an XML parser would choose them from the
    first bytes: the BOM, the 16/32-bit pattern of "<?", the declared encoding, else UTF-8."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, len(bom)
    sniffed = next((name for start, name in _SNIFF if head.startswith(start)), None)
    if sniffed:
        return sniffed, 0
    m = _DECL_ENCODING.match(head)
    return (m.group(1).decode("ascii").lower() if m else "utf-8"), 0


def decode(data: bytes, source: str = "input") -> str:
    """The document as text, decoded as an XML parser would (BOM, declaration, UTF-8)."""
    encoding, bom = sniff(data[:1024])
    try:
        codecs.lookup(encoding)
        return data[bom:].decode(encoding)
    except LookupError:
        raise InputError(f"{source}: unknown XML encoding {encoding!r}", value=source) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not well-formed XML (bytes not valid {encoding}: "
                         f"{exc.reason})", value=source) from None


def stream_has_declarations(fh: IO[bytes], chunk: int = 1 << 20) -> bool:
    """``has_declarations`` over a binary stream read in chunks (for archive members: memory
    stays at one chunk whatever the size). Undecodable bytes count as replaced, not skipped."""
    head = fh.read(chunk)
    encoding, bom = sniff(head[:1024])
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    except LookupError:
        decoder = codecs.getincrementaldecoder("latin-1")()
    tail = ""
    data = head[bom:]
    while data:
        text = tail + decoder.decode(data)
        if has_declarations(text):
            return True
        tail = text[-16:]
        data = fh.read(chunk)
    return has_declarations(tail + decoder.decode(b"", final=True))


def has_declarations(text: str) -> bool:
    """Does decoded XML text declare a DOCTYPE, entities or other DTD content anywhere?"""
    return _FORBIDDEN.search(text) is not None


def parse_bytes(data: bytes, *, source: str = "input", max_bytes: int = MAX_BYTES,
                max_depth: int = MAX_DEPTH, max_elements: int = MAX_ELEMENTS) -> etree._Element:
    """Parse ``data`` safely and return the root element, or raise
    ``InputError``/``UnsafeInput``."""
    if len(data) > max_bytes:
        raise UnsafeInput(f"{source}: XML larger than {max_bytes} bytes", value=source)
    text = decode(data, source)
    if has_declarations(text):
        raise UnsafeInput(f"{source}: XML with a DOCTYPE or entity declarations is refused",
                          value=source)
    # start tags: an upper bound on the elements, counted before any tree exists
    elements = text.count("<") - text.count("</") - text.count("<!") - text.count("<?")
    if elements > max_elements:
        raise UnsafeInput(f"{source}: XML with more than {max_elements} elements ({elements})",
                          value=source)
    utf8 = _DECL.sub("", text, count=1).encode("utf-8")
    try:
        root = etree.fromstring(utf8, _parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{source}: not well-formed XML ({exc.msg})", value=source) from None
    if root is None:
        raise InputError(f"{source}: empty XML document", value=source)
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UnsafeInput(f"{source}: XML with a DOCTYPE is refused", value=source)
    _check_depth(root, max_depth, source)
    return root


def read_regular(path: str | Path, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes``; FIFOs, devices,
    sockets and directories are refused before they are opened (nothing can block or stream
    forever), and the size is checked again on the open file."""
    p = Path(path)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            raise UnsafeInput(f"{p}: not a regular file (a FIFO, device, socket or directory "
                              f"cannot be read as a {what})", value=str(p))
        if st.st_size > max_bytes:
            raise UnsafeInput(f"{p}: {what} larger than {max_bytes} bytes", value=str(p))
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise UnsafeInput(f"{p}: not a regular file", value=str(p))
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})", value=str(p)) from None
    if len(data) > max_bytes:
        raise UnsafeInput(f"{p}: {what} larger than {max_bytes} bytes", value=str(p))
    return data


def parse_file(path: str | Path, **limits: int) -> etree._Element:
    data = read_regular(path, limits.get("max_bytes", MAX_BYTES), "XML document")
    return parse_bytes(data, source=str(path), **limits)


def _check_depth(root: etree._Element, max_depth: int, source: str) -> None:
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > max_depth:
            raise UnsafeInput(f"{source}: XML nested deeper than {max_depth} levels", value=source)
        stack.extend((child, depth + 1) for child in el)
