"""Parse XML that comes from outside without trusting it.

Entities are never expanded, DTDs never loaded, the network never touched; documents with a
DOCTYPE are refused outright (no legitimate input of ours needs one), and size and depth are capped.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from dualuse.errors import InputError, UnsafeInput

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_pis=True,
                           collect_ids=False)


def parse_bytes(data: bytes, *, source: str = "input", max_bytes: int = MAX_BYTES,
                max_depth: int = MAX_DEPTH) -> etree._Element:
    """Parse ``data`` safely and return the root element, or raise
    ``InputError``/``UnsafeInput``."""
    if len(data) > max_bytes:
        raise UnsafeInput(f"{source}: XML larger than {max_bytes} bytes", value=source)
    head = data[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in data.lower():
        raise UnsafeInput(f"{source}: XML with a DOCTYPE or entity declarations is refused",
                          value=source)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{source}: not well-formed XML ({exc.msg})", value=source) from None
    if root is None:
        raise InputError(f"{source}: empty XML document", value=source)
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise UnsafeInput(f"{source}: XML with a DOCTYPE is refused", value=source)
    _check_depth(root, max_depth, source)
    return root


def parse_file(path: str | Path, **limits: int) -> etree._Element:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > limits.get("max_bytes", MAX_BYTES):
            raise UnsafeInput(f"{p}: XML larger than {limits.get('max_bytes', MAX_BYTES)} bytes",
                              value=str(p))
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})", value=str(p)) from None
    return parse_bytes(data, source=str(p), **limits)


def _check_depth(root: etree._Element, max_depth: int, source: str) -> None:
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > max_depth:
            raise UnsafeInput(f"{source}: XML nested deeper than {max_depth} levels", value=source)
        stack.extend((child, depth + 1) for child in el)
