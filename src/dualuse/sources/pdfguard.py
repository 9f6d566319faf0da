"""Caps checked on a PDF before pdfium opens it: size, filters, and how far its streams inflate.

pdfium inflates compressed streams as it needs them and has no limit of its own, so a 1 MB file
whose Flate stream inflates to 1 GB would be read whole. Before pdfium sees the file we:

- cap its size (``MAX_PDF_BYTES``);
- refuse filters other than Flate and the image codecs (LZW, ASCII85/Hex and run-length chains
  could hide a stream from the next check) and filter names written with ``#`` escapes;
- inflate every Flate stream ourselves, in bounded steps, stopping as soon as one stream passes
  ``MAX_STREAM_INFLATED`` or all together pass ``MAX_TOTAL_INFLATED`` (nothing is kept);
- after opening, cap the page count (``MAX_PAGES``).

The official Wassenaar PDF (1.4 MB, 235 pages) inflates to 4.1 MB (checked in 0.06 s): the caps
leave a wide margin for real lists and stop a bomb after reading a bounded amount.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from dualuse.errors import InputError, UnsafeInput

MAX_PDF_BYTES = 64 * 1024 * 1024
MAX_STREAM_INFLATED = 64 * 1024 * 1024
MAX_TOTAL_INFLATED = 256 * 1024 * 1024
MAX_PAGES = 2000
_STEP = 1 << 20

_STREAM = re.compile(rb"stream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]{0,400}\]|/[^\s/\[\]<>()]{1,60})")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_ALLOWED = {b"FlateDecode", b"Fl", b"DCTDecode", b"DCT", b"JPXDecode", b"CCITTFaxDecode",
            b"CCF", b"JBIG2Decode"}


def check_pdf(path: Path) -> int:
    """Refuse a PDF that breaks a cap (``UnsafeInput``); return the bytes its Flate streams
    inflate to."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_PDF_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{str(path)!r}: cannot read ({exc.strerror})", value=str(path)) from None
    if len(data) > MAX_PDF_BYTES:
        raise UnsafeInput(f"{str(path)!r}: PDF larger than {MAX_PDF_BYTES} bytes",
                          value=str(path))
    for m in _FILTER.finditer(data):
        for name in _NAME.findall(m.group(1)):
            if name not in _ALLOWED:
                raise UnsafeInput(f"{str(path)!r}: PDF filter /{name.decode('latin-1')} is not "
                                  f"accepted (only Flate and image codecs)", value=str(path))
    total = 0
    for m in _STREAM.finditer(data):
        if m.start() > 0 and data[m.start() - 1:m.start()] == b"d":  # "endstream\n"
            continue
        total += _inflated_size(data, m.end(), MAX_TOTAL_INFLATED - total, path)
    return total


def _inflated_size(data: bytes, start: int, budget: int, path: Path) -> int:
    """Bytes the zlib stream at ``start`` inflates to (0 if it is not zlib), refusing past the
    per-stream cap or the remaining ``budget``, never holding more than one step in memory."""
    d = zlib.decompressobj()
    view = memoryview(data)
    size = 0
    pos = start
    cap = min(MAX_STREAM_INFLATED, budget)
    try:
        while not d.eof and pos < len(data):
            chunk = view[pos:pos + _STEP]
            pos += len(chunk)
            out = d.decompress(chunk, _STEP)
            size += len(out)
            while d.unconsumed_tail and size <= cap:
                out = d.decompress(d.unconsumed_tail, _STEP)
                size += len(out)
            if size > cap:
                raise UnsafeInput(f"{str(path)!r}: a compressed PDF stream inflates beyond "
                                  f"{cap} bytes (decompression bomb)", value=str(path))
    except zlib.error:
        return size  # not Flate data (an image, or plain text): pdfium's business
    return size


def check_pages(path: Path, pages: int) -> None:
    if pages > MAX_PAGES:
        raise UnsafeInput(f"{str(path)!r}: {pages} pages (at most {MAX_PAGES})", value=str(path))
