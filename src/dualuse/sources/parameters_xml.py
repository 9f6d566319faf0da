"""Machine-readable thresholds files: ``<regime>/<edition>/parameters/*.xml``.

``generated.xml`` is written by ``scripts/update_parameters.py`` from the official text (only codes,
quantity names, comparators, numbers and units); ``overrides.xml`` is edited by hand after review
and applied after it: ``<parameter>`` adds a threshold, ``<remove>`` drops generated ones.
This module reads and writes the format; what goes into ``generated.xml`` is the threshold
extractor's (``dualuse.parameters.generate_file``): data flows from the sources up, never back.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

from dualuse import xmlsafe
from dualuse.errors import DataError
from dualuse.model import Parameter

COMPARATORS = {"gt", "ge", "lt", "le", "eq"}


def read_file(path: Path) -> tuple[str, list[Parameter], list[tuple[str, str | None]]]:
    """``(list id, parameters to add, (appliesTo, quantity or None) to remove)``."""
    root = xmlsafe.parse_file(path)
    if root.tag != "parameters" or not root.get("list"):
        raise DataError(f"{path}: not a parameters file (<parameters list=...>)", value=str(path))
    add: list[Parameter] = []
    remove: list[tuple[str, str | None]] = []
    for el in root:
        if not isinstance(el.tag, str):
            continue
        code = el.get("appliesTo") or ""
        if el.tag == "remove":
            remove.append((code, el.get("quantity")))
            continue
        if el.tag != "parameter":
            raise DataError(f"{path}: unexpected element <{el.tag}>", value=el.tag)
        try:
            value = Decimal(el.get("value", ""))
        except InvalidOperation:
            raise DataError(f"{path}: {code}: bad value {el.get('value')!r}",
                            value=el.get("value")) from None
        if el.get("comparator") not in COMPARATORS:
            raise DataError(f"{path}: {code}: bad comparator {el.get('comparator')!r}",
                            value=el.get("comparator"))
        add.append(Parameter(quantity=el.get("quantity", "value"), comparator=el.get("comparator"),
                             value=value, unit=el.get("unit", ""), applies_to=code))
    return root.get("list", ""), add, remove


def load(paths: Iterable[Path]) -> dict[str, list[Parameter]]:
    """Parameters per list id, files applied in name order (generated before overrides)."""
    out: dict[str, list[Parameter]] = {}
    for path in sorted(paths, key=lambda p: (p.name != "generated.xml", str(p))):
        list_id, add, remove = read_file(path)
        current = out.setdefault(list_id, [])
        for code, quantity in remove:
            current[:] = [p for p in current
                          if not (p.applies_to == code
                                  and (quantity is None or p.quantity == quantity))]
        current.extend(add)
    return out


def to_bytes(list_id: str, params: Iterable[Parameter], *, banner: str,
             attrs: dict[str, str]) -> bytes:
    root = etree.Element("parameters", {"list": list_id, **attrs})
    root.addprevious(etree.Comment(f" {banner} "))
    for p in params:
        etree.SubElement(root, "parameter", {
            "appliesTo": p.applies_to or "", "quantity": p.quantity, "comparator": p.comparator,
            "value": format(p.value.normalize(), "f"), "unit": p.unit})
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    return data + b"\n"
