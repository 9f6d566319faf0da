"""The canonical XML form of a control list (schema: data/control_lists/schema/control-list.xsd).

``to_xml(read_xml(x))`` is lossless for every document the schema accepts, and
``read_xml(to_xml(cl)) == cl`` for every ``ControlList``. Output is deterministic (fixed element
and attribute order) so generated files diff cleanly.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]
from pydantic import ValidationError

from dualuse import xmlsafe
from dualuse.errors import DataError, UnsafeInput
from dualuse.model import (
    Acronym,
    ControlList,
    Definition,
    Edition,
    GeneralNote,
    HsLink,
    Keywords,
    Localized,
    Node,
    Parameter,
    Reference,
    Remark,
)

SCHEMA_VERSION = "1"
# caps for one list file, about 15-30 times the full Wassenaar list (0.9 MB, 7,000 elements,
# 3,227 nodes): a "wide" file is refused before a tree or a model is built
MAX_BYTES = 16 * 1024 * 1024
MAX_ELEMENTS = 200_000
MAX_NODES = 50_000
_EDITION_ATTRS = (
    ("regime", "regime"), ("publisher", "publisher"), ("title", "title"), ("date", "date"),
    ("language", "language"), ("data_version", "dataVersion"), ("in_force_from", "inForceFrom"),
    ("source_file", "sourceFile"), ("source_sha256", "sourceSha256"), ("source_url", "sourceUrl"),
    ("retrieved", "retrieved"), ("upstream_sha256", "upstreamSha256"),
)


def _bool(value: str | None) -> bool:
    return value in ("true", "1")


def _text(el: etree._Element) -> str:
    return el.text or ""


def _node(el: etree._Element, position: int) -> Node:
    titles: dict[str, str] = {}
    kw: dict[str, list[str]] = {"en": [], "fr": []}
    remarks, hs, cas, params, refs = [], [], [], [], []
    text = None
    for child in el:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag
        if tag == "title":
            titles[child.get("lang", "en")] = _text(child)
        elif tag == "text":
            text = _text(child)
        elif tag == "keyword":
            kw.setdefault(child.get("lang", "en"), []).append(_text(child))
        elif tag == "remark":
            remarks.append(Remark(lang=child.get("lang", "en"),
                                  type=child.get("type", "info"),
                                  text=_text(child)))
        elif tag == "hs":
            hs.append(HsLink(code=child.get("code", ""), reason=child.get("reason")))
        elif tag == "cas":
            cas.append(_text(child).strip())
        elif tag == "parameter":
            params.append(Parameter(
                quantity=child.get("quantity", ""), comparator=child.get("comparator", ""),
                value=Decimal(child.get("value", "")), unit=child.get("unit", ""),
                applies_to=child.get("appliesTo")))
        elif tag == "ref":
            refs.append(Reference(code=child.get("code", ""), type=child.get("type", "related"),
                                  text=child.text or None))
        else:
            raise DataError(f"unexpected element <{tag}> in node {el.get('code')!r}",
                            value=tag)
    pos = el.get("position")
    return Node(
        code=el.get("code", ""), kind=el.get("kind", ""), parent=el.get("parent"),
        position=int(pos) if pos is not None else position,
        title=Localized(**titles), text=text,
        keywords=Keywords(en=tuple(kw.get("en", ())), fr=tuple(kw.get("fr", ()))),
        remarks=tuple(remarks), hs=tuple(hs), cas=tuple(cas), parameters=tuple(params),
        refs=tuple(refs), sensitive=_bool(el.get("sensitive")),
        very_sensitive=_bool(el.get("verySensitive")), not_used_since=el.get("notUsedSince"),
        decontrol=_bool(el.get("decontrol")), regime=el.get("regime"),
        annex_iv=_bool(el.get("annexIV")),
    )


def from_element(root: etree._Element, *, source: str = "XML") -> ControlList:
    if root.tag != "controlList":
        raise DataError(f"{source}: root element is <{root.tag}>, expected <controlList>",
                        value=source)
    try:
        ed = root.find("edition")
        if ed is None:
            raise DataError(f"{source}: no <edition> element", value=source)
        ed_fields: dict[str, Any] = {f: ed.get(a) for f, a in _EDITION_ATTRS if ed.get(a)}
        edition = Edition(id=root.get("id", ""), kind=root.get("kind", ""), **ed_fields)
        count = sum(1 for _ in root.iterfind("node"))
        if count > MAX_NODES:
            raise UnsafeInput(f"{source}: {count} nodes (a control list has at most {MAX_NODES})",
                              value=source)
        nodes, notes, defs, acr = [], [], [], []
        for i, el in enumerate(root.iterfind("node")):
            nodes.append(_node(el, i))
        for el in root.iterfind("generalNote"):
            notes.append(GeneralNote(code=el.get("code", ""), title=el.get("title", ""),
                                     text=_text(el)))
        for el in root.iterfind("definition"):
            defs.append(Definition(term=el.get("term", ""), quote=el.get("quote", "double"),
                                   scope=el.get("scope"), text=_text(el)))
        for el in root.iterfind("acronym"):
            acr.append(Acronym(abbr=el.get("abbr", ""), expansion=el.get("expansion", "")))
        return ControlList(edition=edition, nodes=tuple(nodes), general_notes=tuple(notes),
                           definitions=tuple(defs), acronyms=tuple(acr))
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise DataError(f"{source}: invalid control list data at {loc}: {first['msg']}",
                        value=source) from None


def read_xml(path: str | Path) -> ControlList:
    return from_element(xmlsafe.parse_file(path, max_bytes=MAX_BYTES, max_elements=MAX_ELEMENTS),
                        source=str(path))


def read_bytes(data: bytes, *, source: str = "XML") -> ControlList:
    return from_element(xmlsafe.parse_bytes(data, source=source, max_bytes=MAX_BYTES,
                                            max_elements=MAX_ELEMENTS), source=source)


def _fmt(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def to_element(cl: ControlList) -> etree._Element:
    root = etree.Element("controlList", id=cl.edition.id, kind=cl.edition.kind,
                         schemaVersion=SCHEMA_VERSION)
    ed = etree.SubElement(root, "edition")
    for field, attr in _EDITION_ATTRS:
        value = getattr(cl.edition, field)
        if value is not None:
            ed.set(attr, _fmt(value))
    for note in cl.general_notes:
        el = etree.SubElement(root, "generalNote", code=note.code, title=note.title)
        el.text = note.text
    for d in cl.definitions:
        el = etree.SubElement(root, "definition", term=d.term, quote=d.quote)
        if d.scope is not None:
            el.set("scope", d.scope)
        el.text = d.text
    for a in cl.acronyms:
        etree.SubElement(root, "acronym", abbr=a.abbr, expansion=a.expansion)
    for n in cl.nodes:
        el = etree.SubElement(root, "node", code=n.code)
        if n.parent is not None:
            el.set("parent", n.parent)
        el.set("kind", n.kind)
        el.set("position", str(n.position))
        for flag, attr in ((n.sensitive, "sensitive"), (n.very_sensitive, "verySensitive"),
                           (n.decontrol, "decontrol"), (n.annex_iv, "annexIV")):
            if flag:
                el.set(attr, "true")
        if n.not_used_since is not None:
            el.set("notUsedSince", n.not_used_since)
        if n.regime is not None:
            el.set("regime", n.regime)
        for lang in ("en", "fr"):
            t = getattr(n.title, lang)
            if t is not None:
                etree.SubElement(el, "title", lang=lang).text = t
        if n.text is not None:
            etree.SubElement(el, "text").text = n.text
        for lang in ("en", "fr"):
            for k in getattr(n.keywords, lang):
                etree.SubElement(el, "keyword", lang=lang).text = k
        for r in n.remarks:
            etree.SubElement(el, "remark", lang=r.lang, type=r.type).text = r.text
        for h in n.hs:
            hel = etree.SubElement(el, "hs", code=h.code)
            if h.reason is not None:
                hel.set("reason", h.reason)
        for c in n.cas:
            etree.SubElement(el, "cas").text = c
        for p in n.parameters:
            pel = etree.SubElement(el, "parameter", quantity=p.quantity, comparator=p.comparator,
                                   value=_fmt(p.value), unit=p.unit)
            if p.applies_to is not None:
                pel.set("appliesTo", p.applies_to)
        for ref in n.refs:
            rel = etree.SubElement(el, "ref", code=ref.code, type=ref.type)
            if ref.text is not None:
                rel.text = ref.text
    return root


def to_bytes(cl: ControlList, *, header: str | None = None) -> bytes:
    root = to_element(cl)
    etree.indent(root, space="  ")
    body: str = etree.tostring(root, encoding="unicode")
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if header:
        head += f"<!-- {header.replace('--', '- -')} -->\n"
    return (head + body + "\n").encode("utf-8")
