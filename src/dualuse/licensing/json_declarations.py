"""JSON and JSON lines declarations: parsing that refuses a key repeated in one object and nesting
past ``MAX_JSON_DEPTH``, then one declaration (or one :class:`Refused`) per object or per line.
The files these come from are opened and capped by :mod:`dualuse.licensing.readers`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from dualuse.errors import DualUseError, InputError, UnsafeInput
from dualuse.licensing.declaration import Declaration, Refused, from_dict, reference_of

MAX_JSON_DEPTH = 32


# --- JSON --------------------------------------------------------------------------------------
class _DuplicateKey(Exception):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _DuplicateKey(k)
        out[k] = v
    return out


def loads(text: str | bytes, where: str, value: Any) -> Any:
    """Parse JSON, refusing a key repeated in one object and nesting deeper than the cap."""
    try:
        data = json.loads(text, object_pairs_hook=_unique)
    except _DuplicateKey as exc:
        raise InputError(f"{where}: duplicate key {exc.key!r}: refused, since which value is "
                         f"meant is ambiguous", value=exc.key) from None
    except RecursionError:
        raise UnsafeInput(f"{where}: JSON nested deeper than {MAX_JSON_DEPTH} levels",
                          value=value) from None
    except ValueError as exc:
        raise InputError(f"{where}: not valid JSON ({exc})", value=value) from None
    _check_depth(data, where, value)
    return data


def _check_depth(data: Any, where: str, value: Any) -> None:
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise UnsafeInput(f"{where}: JSON nested deeper than {MAX_JSON_DEPTH} levels",
                              value=value)
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))


def _one(index: int, data: Any, source: str) -> Declaration | Refused:
    try:
        return from_dict(data, source=source)
    except DualUseError as exc:
        return Refused(index=index, reference=reference_of(data), error=exc)


def json_batch(text: str | bytes, *, source: str = "input") -> Iterator[Declaration | Refused]:
    """One declaration object, a list of them, or ``{"declarations": [...]}``."""
    data = loads(text, source, source)
    if isinstance(data, Mapping) and set(data) == {"declarations"}:
        data = data["declarations"]
    if not isinstance(data, list):
        yield _one(1, data, source)
        return
    if not data:
        raise InputError(f"{source}: no declaration in the file", value=source)
    for i, d in enumerate(data, start=1):
        yield _one(i, d, f"{source}: declaration {i}")


def read_json(text: str | bytes, *, source: str = "input") -> list[Declaration]:
    return [_strict(x) for x in json_batch(text, source=source)]


def jsonl_batch(lines: Iterable[str], *, source: str = "input") -> Iterator[Declaration | Refused]:
    """One JSON declaration per line (blank lines skipped): the streaming format for batches."""
    n = 0
    for i, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        n += 1
        where = f"{source}: line {i}"
        try:
            data = loads(line, where, i)
        except DualUseError as exc:
            yield Refused(index=n, reference=None, error=exc)
            continue
        yield _one(n, data, where)
    if n == 0:
        raise InputError(f"{source}: no declaration in the file", value=source)


def read_jsonl(lines: Iterable[str], *, source: str = "input") -> Iterator[Declaration]:
    return (_strict(x) for x in jsonl_batch(lines, source=source))


def _strict(x: Declaration | Refused) -> Declaration:
    if isinstance(x, Refused):
        raise x.error
    return x
