"""Declarations in XML with the element names of the WCO Data Model (namespaces ignored).

Read: ``Declaration/FunctionalReferenceID``; ``GovernmentProcedure/CurrentCode`` (+
``PreviousCode``) at declaration, shipment or goods-item level (``GovernmentAgencyGoodsItem/
GovernmentProcedure``, as EU declarations carry it): a name (``export``...) or an EU procedure
code (``1040``, or ``10`` + ``40``); ``Exporter/Address/CountryCode``; ``GoodsShipment/
ExportCountry/ID``; ``GoodsShipment/Destination/CountryCode``; ``Consignment/Itinerary/
RoutingCountryCode`` (transit); ``AdditionalDocument``; ``EndUse``; per goods item
``SequenceNumeric``, ``Commodity/Description``, ``Commodity/Classification``,
``Commodity/ValueAmount`` (``currencyID``), ``GoodsMeasure/TariffQuantity`` (``unitCode``).

Other elements are ignored and listed in the declaration's ``unread`` (as unknown JSON fields
are); an element the reader takes once (``Destination``, ``Description``...) appearing twice is
refused, naming it; an unknown child of ``EndUse`` is refused (a misspelt red flag).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dualuse.errors import DualUseError, InputError, UnsafeInput
from dualuse.licensing.declaration import (
    MAX_ITEMS,
    MAX_UNREAD,
    Declaration,
    Refused,
    from_dict,
)
from dualuse.licensing.procedures import procedure_of

HS_TYPES = {"TSP", "TRC", "HS", "CN", "TARIC"}
END_USE = {"WMD": "wmd", "Military": "military", "CyberSurveillance": "cyber_surveillance",
           "InformedByAuthority": "informed_by_authority"}
# the children each element may have that the reader reads (anything else: unread)
READ: dict[str, frozenset[str]] = {
    "Declaration": frozenset({"FunctionalReferenceID", "GovernmentProcedure", "Exporter",
                              "GoodsShipment", "EndUse", "AdditionalDocument"}),
    "GoodsShipment": frozenset({"GovernmentProcedure", "Exporter", "ExportCountry", "Destination",
                                "Consignment", "AdditionalDocument", "GovernmentAgencyGoodsItem"}),
    "GovernmentAgencyGoodsItem": frozenset({"SequenceNumeric", "Commodity", "GoodsMeasure",
                                            "GovernmentProcedure", "AdditionalDocument"}),
    "Commodity": frozenset({"Description", "Classification", "ValueAmount"}),
    "Consignment": frozenset({"Itinerary"}),
}


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: Any, *path: str) -> Any:
    """The element at ``path`` below ``el``; an element met twice on the way is refused."""
    cur = el
    for name in path:
        if cur is None:
            return None
        found = _children(cur, name)
        if len(found) > 1:
            raise InputError(f"<{_local(cur.tag)}> has {len(found)} <{name}> elements: refused, "
                             f"since which one is meant is ambiguous", value=name)
        cur = found[0] if found else None
    return cur


def _text(el: Any, *path: str) -> str | None:
    node = _child(el, *path) if path else el
    if node is None or node.text is None:
        return None
    return str(node.text).strip() or None


def _unread(el: Any, where: str, out: list[str]) -> None:
    known = READ.get(_local(el.tag), frozenset())
    for c in el:
        name = _local(c.tag)
        if name and name not in known and len(out) <= MAX_UNREAD:
            out.append(f"{where}/{name}")


def xml_batch(data: bytes, *, source: str = "input") -> Iterator[Declaration | Refused]:
    """``<Declaration>`` or a ``<Declarations>`` wrapper holding several."""
    from dualuse import xmlsafe

    root = xmlsafe.parse_bytes(data, source=source)
    name = _local(root.tag)
    if name == "Declaration":
        roots = [root]
    elif name == "Declarations":
        roots = _children(root, "Declaration")
        if not roots:
            raise InputError(f"{source}: <Declarations> holds no <Declaration>", value=source)
    else:
        raise InputError(f"{source}: root element <{name}>: expected <Declaration> or "
                         f"<Declarations>", value=name)
    for i, decl in enumerate(roots, start=1):
        where = f"{source}: declaration {i}" if len(roots) > 1 else source
        ref = None
        try:
            ref = _text(decl, "FunctionalReferenceID")
            fields = _declaration(decl, where)
            yield from_dict(fields, source=where, unread=fields.pop("unread"))
        except DualUseError as exc:
            err = exc if exc.message.startswith(where) else InputError(
                f"{where}: {exc.message}", value=exc.value, system=exc.system)
            yield Refused(index=i, reference=ref, error=err)


def from_xml(root: Any, *, source: str = "input") -> Iterator[Declaration]:
    """The declarations of a parsed document; ``InputError`` at the first bad one."""
    from lxml import etree  # type: ignore[import-untyped]

    for x in xml_batch(etree.tostring(root), source=source):
        if isinstance(x, Refused):
            raise x.error
        yield x


def _procedure(el: Any) -> str | None:
    """The procedure of a ``GovernmentProcedure``: a name, ``CurrentCode`` of four digits, or
    ``CurrentCode`` + ``PreviousCode``. Additional procedure codes (three characters) are not
    procedures and are skipped."""
    codes: list[str] = []
    for gp in _children(el, "GovernmentProcedure"):
        current, previous = _text(gp, "CurrentCode"), _text(gp, "PreviousCode")
        if current is None or (len(current) == 3 and previous is None):
            continue  # additional procedure (1CG, F15...): no bearing on the procedure
        code = current + previous if previous and len(current) == 2 else current
        procedure_of(code)
        codes.append(code)
    if len(set(codes)) > 1:
        raise InputError(f"<{_local(el.tag)}> declares procedures {codes[0]} and "
                         f"{codes[1]}: one per element", value=codes[1])
    return codes[0] if codes else None


def _declaration(decl: Any, source: str) -> dict[str, Any]:
    data: dict[str, Any] = {}
    unread: list[str] = []
    _unread(decl, "Declaration", unread)
    if (ref := _text(decl, "FunctionalReferenceID")) is not None:
        data["reference"] = ref
    shipment = _child(decl, "GoodsShipment")
    if shipment is None:
        raise InputError(f"{source}: <Declaration> has no <GoodsShipment>", value=source)
    _unread(shipment, "GoodsShipment", unread)
    code = _procedure(decl) or _procedure(shipment)
    if code is not None:
        data["procedure"] = code
    exporter = _text(decl, "Exporter", "Address", "CountryCode") or \
        _text(shipment, "Exporter", "Address", "CountryCode")
    if exporter is not None:
        data["exporter_country"] = exporter
    if (export := _text(shipment, "ExportCountry", "ID")) is not None:
        data["export_country"] = export
    if (dest := _text(shipment, "Destination", "CountryCode")) is not None:
        data["destination_country"] = dest
    consignment = _child(shipment, "Consignment")
    if consignment is not None:
        _unread(consignment, "Consignment", unread)
    if (transit := _text(shipment, "Consignment", "Itinerary", "RoutingCountryCode")) is not None:
        data["transit_country"] = transit
    eu = _child(decl, "EndUse")
    if eu is not None:
        from dualuse.licensing.readers import flag

        unknown = [_local(c.tag) for c in eu if _local(c.tag) not in END_USE]
        if unknown:
            raise InputError(f"{source}: EndUse/{unknown[0]}: unknown end-use indicator; "
                             f"expected {', '.join(END_USE)}", value=unknown[0])
        for c in eu:
            if END_USE[_local(c.tag)] in data.get("end_use", {}):
                raise InputError(f"{source}: EndUse/{_local(c.tag)} appears twice",
                                 value=_local(c.tag))
            data.setdefault("end_use", {})[END_USE[_local(c.tag)]] = flag(
                c.text or "", _local(c.tag), source)
    docs = []
    goods = _children(shipment, "GovernmentAgencyGoodsItem")
    if len(goods) > MAX_ITEMS:
        raise UnsafeInput(f"{source}: more than {MAX_ITEMS:,} goods items", value=len(goods))
    for parent in (decl, shipment, *goods):
        for d in _children(parent, "AdditionalDocument"):
            cat, typ = _text(d, "CategoryCode") or "", _text(d, "TypeCode") or ""
            if cat or typ:
                docs.append(cat + typ)
    data["documents"] = list(dict.fromkeys(docs))
    data["items"] = [_item(gi, n, source, unread) for n, gi in enumerate(goods, start=1)]
    data["unread"] = unread
    return data


def _item(gi: Any, n: int, source: str, unread: list[str]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    _unread(gi, "GovernmentAgencyGoodsItem", unread)
    seq = _text(gi, "SequenceNumeric")
    if seq is not None:
        if not (seq.isascii() and seq.isdigit()):
            raise InputError(f"{source}: SequenceNumeric {seq!r} is not a number", value=seq)
        item["line"] = int(seq)
    else:
        item["line"] = n
    if (code := _procedure(gi)) is not None:
        item["procedure_code"] = code
    commodity = _child(gi, "Commodity")
    if commodity is not None:
        _unread(commodity, "GovernmentAgencyGoodsItem/Commodity", unread)
        if (desc := _text(commodity, "Description")) is not None:
            item["description"] = desc
        cas: list[str] = []
        for cl in _children(commodity, "Classification"):
            value, kind = _text(cl, "ID"), (_text(cl, "IdentificationTypeCode") or "").upper()
            if value is None:
                continue
            if kind in HS_TYPES:
                if item.get("hs_code", value) != value and not value.startswith(item["hs_code"]) \
                        and not item["hs_code"].startswith(value):
                    raise InputError(f"{source}: item {item['line']}: two commodity codes "
                                     f"{item['hs_code']} and {value}", value=value)
                item["hs_code"] = max(item.get("hs_code", ""), value, key=len)
            elif kind == "ECN":
                if "control_code" in item:
                    raise InputError(f"{source}: item {item['line']}: two control codes (ECN) "
                                     f"{item['control_code']} and {value}", value=value)
                item["control_code"] = value
            elif kind == "CAS":
                cas.append(value)
            else:
                raise InputError(f"{source}: item {item['line']}: Classification type "
                                 f"{kind!r}: expected TSP/TRC/HS/CN (commodity code), ECN "
                                 f"(control code) or CAS", value=kind)
        if cas:
            item["cas"] = cas
        amount = _child(commodity, "ValueAmount")
        if amount is not None and (v := _text(amount)) is not None:
            item["value"] = v
            if amount.get("currencyID"):
                item["value_currency"] = amount.get("currencyID")
    quantity = _child(gi, "GoodsMeasure", "TariffQuantity")
    if quantity is not None and (q := _text(quantity)) is not None:
        item["quantity"] = q
        if quantity.get("unitCode"):
            item["quantity_unit"] = quantity.get("unitCode")
    return item
