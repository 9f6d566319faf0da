"""The catalog: every control list dualuse knows, bundled knowledge base merged with imported
official texts, indexed by code, CAS number and HS subheading.

The knowledge base (``data/control_lists/<regime>/<edition>/*.xml``) carries our titles, keywords,
HS codes, CAS numbers and parameters; an imported official edition (``DUALUSE_HOME/lists``) carries
the legal wording, notes and definitions. Both describe the same nodes by code and are merged here.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from dualuse import resources, store
from dualuse.codes import control
from dualuse.errors import CodeValidationError, DataError, NotFound
from dualuse.model import NOTE_KINDS, ControlList, Definition, Edition, Localized, Node, Parameter

DEFAULT_LIST = "wassenaar-2025"
_DOUBLE_QUOTED = re.compile(r'"([^"\n]{2,80})"')
_SINGLE_QUOTED = re.compile(r"(?<![A-Za-z])'([^'\n]{2,80})'(?![A-Za-z])")


class NodeSummary(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    kind: str
    title: Localized


class EntryDetail(BaseModel):
    """What ``dualuse show`` prints: a node with its context."""

    model_config = ConfigDict(frozen=True)
    code: str
    wassenaar_code: str
    list: str
    kind: str
    title: Localized
    text: str | None
    keywords: dict[str, tuple[str, ...]]
    hs: tuple[dict[str, str | None], ...]
    cas: tuple[str, ...]
    parameters: tuple[dict[str, str | None], ...]
    sensitive: bool
    very_sensitive: bool
    not_used_since: str | None
    regime: str | None
    parents: tuple[NodeSummary, ...]
    children: tuple[NodeSummary, ...]
    notes: tuple[dict[str, str | bool | None], ...]
    definitions: tuple[Definition, ...]
    remarks: tuple[dict[str, str], ...]
    refs: tuple[dict[str, str | None], ...]
    official_text: bool
    editions: tuple[str, ...]
    #: the other lists that hold this code (an EU x0xx entry shown from Wassenaar: the EU list)
    also_in: tuple[str, ...] = ()


class ListView:
    """One control list (all its editions merged): nodes by code, children, notes."""

    def __init__(self, list_id: str, parts: Sequence[ControlList],
                 parameters: Sequence[Parameter] = ()):
        self.id = list_id
        kb = [p for p in parts if p.edition.kind == "knowledge-base"]
        official = [p for p in parts if p.edition.kind == "official"]
        self.editions: tuple[Edition, ...] = tuple(
            {p.edition.model_dump_json(): p.edition for p in (*official, *kb)}.values())
        self.has_official = bool(official)
        kb_nodes = _by_code(n for p in kb for n in p.nodes)
        off_nodes = _by_code(n for p in official for n in p.nodes)
        merged: dict[str, Node] = {}
        for code, node in off_nodes.items():
            facts = kb_nodes.get(code)
            merged[code] = _merge(node, facts) if facts else node
        for code, node in kb_nodes.items():
            merged.setdefault(code, node)
        _attach_parameters(merged, parameters)
        self.nodes = merged
        self.definitions: tuple[Definition, ...] = tuple(d for p in official for d in p.definitions)
        self.general_notes = tuple(g for p in official for g in p.general_notes)
        self.acronyms = tuple(a for p in official for a in p.acronyms)
        self._children: dict[str | None, list[str]] = defaultdict(list)
        for code, node in merged.items():
            if node.parent is not None and node.parent not in merged:
                raise DataError(f"list {list_id}: node {code!r} has unknown parent {node.parent!r}",
                                value=code, system=list_id)
            self._children[node.parent].append(code)
        order = {code: i for i, code in enumerate(merged)}
        for kids in self._children.values():
            kids.sort(key=lambda c: (merged[c].kind not in NOTE_KINDS, _sort_key(c), order[c]))
        self._terms = {d.term.lower(): d for d in self.definitions if d.quote == "double"}

    def children(self, code: str | None) -> list[Node]:
        return [self.nodes[c] for c in self._children.get(code, ())]

    def definitions_in(self, texts: Iterable[str], scopes: Sequence[str]) -> list[Definition]:
        found: dict[str, Definition] = {}
        for text in texts:
            for term in _DOUBLE_QUOTED.findall(text):
                key = term.lower()
                # plurals in the text ("focal plane arrays") name singular terms
                d = self._terms.get(key) or self._terms.get(key[:-1] if key.endswith("s") else key)
                if d and d.term not in found:
                    found[d.term] = d
            for term in _SINGLE_QUOTED.findall(text):
                for d in self.definitions:
                    if (d.quote == "single" and d.term.lower() == term.lower()
                            and (d.scope is None or d.scope in scopes)):
                        found.setdefault("'" + d.term, d)
        return list(found.values())


def _sort_key(code: str) -> tuple[tuple[int, int | str], ...]:
    # (0, n) for numbers, (1, s) for letters: "9" and "ML" are siblings at the root.
    return tuple((0, int(t)) if t.isdigit() else (1, t)
                 for t in re.findall(r"\d+|[A-Za-z]+|#", code))


def _by_code(nodes: Iterable[Node]) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for node in nodes:
        if node.code in out:
            raise DataError(f"duplicate node code {node.code!r}", value=node.code)
        out[node.code] = node
    return out


def _merge(official: Node, facts: Node) -> Node:
    """Official wording and structure, with our facts (titles, keywords, HS, CAS, parameters)."""
    return official.model_copy(update={
        "title": facts.title if (facts.title.en or facts.title.fr) else official.title,
        "keywords": facts.keywords, "remarks": facts.remarks, "hs": facts.hs, "cas": facts.cas,
        "parameters": facts.parameters or official.parameters, "refs": facts.refs or official.refs,
        "sensitive": official.sensitive or facts.sensitive,
        "very_sensitive": official.very_sensitive or facts.very_sensitive,
        "not_used_since": official.not_used_since or facts.not_used_since,
    })


def _attach_parameters(nodes: dict[str, Node], parameters: Sequence[Parameter]) -> None:
    """Each threshold goes to the node it decides or, when the list has no such node (no official
    text imported), to its nearest existing ancestor; ``applies_to`` keeps the deep code."""
    extra: dict[str, list[Parameter]] = defaultdict(list)
    for p in parameters:
        code = p.applies_to or ""
        try:
            chain = [control.normalise(code), *reversed(control.ancestors(code))]
        except CodeValidationError:
            continue
        target = next((c for c in chain if c in nodes), None)
        if target is not None:
            extra[target].append(p)
    for code, ps in extra.items():
        node = nodes[code]
        have = set(node.parameters)
        nodes[code] = node.model_copy(update={
            "parameters": (*node.parameters, *(p for p in ps if p not in have))})


class Catalog:
    """All lists, merged. Use ``open_catalog()`` for the shared, cached instance."""

    def __init__(self, parts: Sequence[ControlList], *, checksum: str = "",
                 parameters: dict[str, list[Parameter]] | None = None):
        grouped: dict[str, list[ControlList]] = defaultdict(list)
        for part in parts:
            grouped[part.edition.id].append(part)
        params = parameters or {}
        # the Wassenaar list first: a code both lists have ("6", "1A") resolves to it, and EU codes
        # taken from Wassenaar (x0xx) resolve to its entries
        order = sorted(grouped, key=lambda i: (i != DEFAULT_LIST, i))
        self.lists: dict[str, ListView] = {i: ListView(i, grouped[i], params.get(i, ()))
                                           for i in order}
        self.checksum = checksum or hashlib.sha256(
            b"".join(p.model_dump_json().encode() for p in parts)).hexdigest()
        self._reverse_maps: dict[str, dict[str, list[tuple[str, str]]]] | None = None
        self._vocabulary: dict[str, frozenset[str]] | None = None
        self._subtrees: dict[tuple[str, str], tuple[Node, ...]] = {}
        self._decontrol: tuple[dict[str, tuple[str, ...]],
                               dict[tuple[str, str], str]] | None = None

    # --- editions ---------------------------------------------------------------------------
    @property
    def editions(self) -> tuple[Edition, ...]:
        return tuple(e for lv in self.lists.values() for e in lv.editions)

    def list_view(self, list_id: str | None = None) -> ListView:
        default = DEFAULT_LIST if DEFAULT_LIST in self.lists else next(iter(self.lists), "")
        lid = list_id or default
        try:
            return self.lists[lid]
        except KeyError:
            raise NotFound(f"no control list {lid!r}; known: {', '.join(self.lists) or 'none'}",
                           value=lid, system="list") from None

    # --- lookups ----------------------------------------------------------------------------
    def _views(self, list_id: str | None) -> list[ListView]:
        return [self.list_view(list_id)] if list_id else list(self.lists.values())

    def find(self, code: str, list_id: str | None = None) -> tuple[ListView, Node] | None:
        try:
            key = code.strip() if "#" in code else control.normalise(code)
        except CodeValidationError:
            return None
        for lv in self._views(list_id):
            node = lv.nodes.get(key)
            if node is not None:
                return lv, node
        return None

    def lists_with(self, code: str) -> tuple[str, ...]:
        """The ids of the lists holding ``code``, Wassenaar first: the first one ranks it."""
        try:
            key = control.normalise(code)
        except CodeValidationError:
            return ()
        return tuple(lid for lid, lv in self.lists.items() if key in lv.nodes)

    def regime(self, code: str, list_id: str | None = None) -> str | None:
        """The regime of the node's entry as its list records it (EU list: ``nsg``, ``ag`` ...),
        else as its number says (``control.regime``)."""
        hit = self.find(code, list_id)
        if hit is not None:
            lv, node = hit
            entry = lv.nodes.get(control.entry_level(node.code))
            if entry is not None and entry.regime:
                return entry.regime
        return control.regime(code)

    def get(self, code: str, list_id: str | None = None) -> Node | None:
        """The node for ``code`` in any accepted spelling, or None (never raises on bad codes)."""
        hit = self.find(code, list_id)
        return hit[1] if hit else None

    def entry(self, code: str, list_id: str | None = None) -> Node:
        """The node for ``code``; raises ``InvalidFormat`` or ``NotFound`` (with nearest codes)."""
        key = control.normalise(code)  # raises on malformed codes
        hit = self.find(key, list_id)
        if hit is None:
            chemical = _chemical_hint(key)
            if chemical:  # an EU chemical entry (1C350.1): say which chemical it is
                raise NotFound(f"no entry {key!r} in "
                               f"{', '.join(v.id for v in self._views(list_id))}; {chemical}",
                               value=code, system="control")
            near = self.nearest(key, list_id)
            hint = f"; nearest: {', '.join(near)}" if near else ""
            raise NotFound(f"no entry {key!r} in {', '.join(v.id for v in self._views(list_id))}"
                           f"{hint}", value=code, system="control", suggestions=tuple(near))
        return hit[1]

    __getitem__ = entry

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.get(code) is not None

    def nearest(self, code: str, list_id: str | None = None, n: int = 5) -> list[str]:
        codes = [c for lv in self._views(list_id) for c, nd in lv.nodes.items()
                 if nd.kind not in NOTE_KINDS]
        prefix = code
        while prefix and not any(c.startswith(prefix) for c in codes):
            prefix = prefix[:-1]
        pool = [c for c in codes if prefix and c.startswith(prefix)] or codes
        return difflib.get_close_matches(code, pool, n=n, cutoff=0.3) or sorted(pool)[:n]

    def children(self, code: str, list_id: str | None = None, *, notes: bool = False) -> list[Node]:
        lv, node = self._require(code, list_id)
        return [c for c in lv.children(node.code) if notes or c.kind not in NOTE_KINDS]

    def ancestors(self, code: str, list_id: str | None = None) -> list[Node]:
        """From the category down to the direct parent."""
        lv, node = self._require(code, list_id)
        chain = []
        while node.parent is not None:
            node = lv.nodes[node.parent]
            chain.append(node)
        return chain[::-1]

    def notes(self, code: str, list_id: str | None = None) -> list[Node]:
        """Notes, technical notes and N.B.s attached to the node and to its ancestors."""
        lv, node = self._require(code, list_id)
        chain = [*self.ancestors(code, list_id), node]
        return [c for n in chain for c in lv.children(n.code) if c.kind in NOTE_KINDS]

    def walk(self, code: str | None = None, list_id: str | None = None) -> Iterator[Node]:
        """Depth-first over a subtree (or a whole list), notes included, in list order."""
        lv = self.list_view(list_id)
        if not code:
            yield from self._walk(lv, lv.children(None))
            return
        key = (lv.id, code)
        subtree = self._subtrees.get(key)
        if subtree is None:  # the classifier walks the same entries line after line: once each
            subtree = self._subtrees[key] = tuple(
                self._walk(lv, [lv.nodes[control.normalise(code)]]))
        yield from subtree

    @staticmethod
    def _walk(lv: ListView, top: list[Node]) -> Iterator[Node]:
        stack = top[::-1]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(lv.children(node.code)[::-1])

    def nodes(self, list_id: str | None = None) -> Iterator[tuple[str, Node]]:
        for lv in self._views(list_id):
            for node in lv.nodes.values():
                yield lv.id, node

    def _require(self, code: str, list_id: str | None) -> tuple[ListView, Node]:
        self.entry(code, list_id)
        hit = self.find(code, list_id)
        assert hit is not None
        return hit

    # --- CAS and HS -------------------------------------------------------------------------
    def _reverse(self) -> dict[str, dict[str, list[tuple[str, str]]]]:
        if self._reverse_maps is None:
            maps: dict[str, dict[str, list[tuple[str, str]]]] = {
                "cas": defaultdict(list), "cas-decontrol": defaultdict(list),
                "hs6": defaultdict(list), "hs4": defaultdict(list)}
            for lid, node in self.nodes():
                if node.not_used_since:
                    continue
                for c in node.cas:
                    maps["cas"][c].append((lid, node.code))
                for r in node.remarks:  # "chlorine (7782-50-5) falls outside ML7.b": once per node
                    if r.type == "decontrol":
                        for c in _CAS_IN_TEXT.findall(r.text):
                            if (lid, node.code) not in maps["cas-decontrol"][c]:
                                maps["cas-decontrol"][c].append((lid, node.code))
                for h in node.hs:
                    maps["hs6"][h.code].append((lid, node.code))
                    if (lid, node.code) not in maps["hs4"][h.code[:4]]:
                        maps["hs4"][h.code[:4]].append((lid, node.code))
            self._reverse_maps = {k: dict(v) for k, v in maps.items()}
        return self._reverse_maps

    def _links(self, kind: str, key: str) -> list[tuple[str, Node]]:
        pairs = self._reverse().get(kind, {}).get(key, ())
        return [(lid, self.lists[lid].nodes[c]) for lid, c in pairs]

    def vocabulary(self) -> dict[str, frozenset[str]]:
        """Folded words (3 letters or more) of the titles, keywords and remarks that occur in one
        language only: what tells "chlore liquide" from "liquid chlorine" (``detect_language``)."""
        if self._vocabulary is None:
            from dualuse import textproc

            seen: dict[str, set[str]] = {"en": set(), "fr": set()}
            for _, node in self.nodes():
                for lang in ("en", "fr"):
                    texts = [node.title.en if lang == "en" else node.title.fr,
                             *node.keywords.get(lang), *(r.text for r in node.remarks
                                                         if r.lang == lang)]
                    seen[lang].update(textproc.words(" ".join(t for t in texts if t)))
            self._vocabulary = {"en": frozenset(seen["en"] - seen["fr"]),
                                "fr": frozenset(seen["fr"] - seen["en"])}
        return self._vocabulary

    def decontrol_names(self) -> dict[str, tuple[str, ...]]:
        """Folded chemical names (5 letters or more) that decontrol remarks give with a CAS
        number ("chlorine (7782-50-5)", "chlore (7782-50-5)") -> those CAS numbers."""
        return self._decontrol_chemicals()[0]

    def decontrol_name(self, cas_number: str, lang: str) -> str | None:
        """The name a decontrol remark in ``lang`` gives next to ``cas_number``, if any."""
        return self._decontrol_chemicals()[1].get((cas_number, lang))

    def _decontrol_chemicals(self) -> tuple[dict[str, tuple[str, ...]], dict[tuple[str, str], str]]:
        if self._decontrol is None:
            from dualuse import textproc

            folded: dict[str, dict[str, None]] = defaultdict(dict)
            named: dict[tuple[str, str], str] = {}
            for _, node in self.nodes():
                for r in node.remarks:
                    if r.type == "decontrol" and _CAS_IN_TEXT.search(r.text):
                        for name, cas in _NAMED_CAS.findall(r.text):
                            named.setdefault((cas, r.lang), name.strip())
                            key = " ".join(textproc.fold(name).split())
                            if len(key) >= 5:
                                folded[key][cas] = None
            self._decontrol = ({k: tuple(v) for k, v in folded.items()}, named)
        return self._decontrol

    def cas_links(self, cas_number: str) -> list[tuple[str, Node]]:
        """(list id, node) for every node that names ``cas_number``."""
        return self._links("cas", cas_number)

    def cas_decontrol_links(self, cas_number: str) -> list[tuple[str, Node]]:
        """(list id, node) for every node whose decontrol remarks name ``cas_number``: the
        chemical is named as falling outside that entry."""
        return self._links("cas-decontrol", cas_number)

    def hs_links(self, hs_code: str) -> list[tuple[str, Node]]:
        """(list id, node) for every node whose indicative HS codes include ``hs_code`` (6 digits)
        or, for a 4-digit heading, any subheading under it."""
        return self._links("hs4" if len(hs_code) == 4 else "hs6", hs_code)

    def by_cas(self, cas_number: str) -> list[Node]:
        return [n for _, n in self.cas_links(cas_number)]

    def by_hs(self, hs6: str) -> list[Node]:
        return [n for _, n in self.hs_links(hs6)]

    # --- display ----------------------------------------------------------------------------
    def detail(self, code: str, list_id: str | None = None) -> EntryDetail:
        lv, node = self._require(code, list_id)
        parents = self.ancestors(node.code, lv.id)
        notes = self.notes(node.code, lv.id)
        texts = [t for t in [node.text, *(n.text for n in notes)] if t]
        scopes = [node.code, *(p.code for p in parents)]

        def summary(n: Node) -> NodeSummary:
            return NodeSummary(code=n.code, kind=n.kind, title=n.title)

        return EntryDetail(
            code=node.code, wassenaar_code=control.format(node.code, style="wassenaar"),
            list=lv.id, kind=node.kind, title=node.title, text=node.text,
            keywords={"en": node.keywords.en, "fr": node.keywords.fr},
            hs=tuple({"code": h.code, "reason": h.reason} for h in node.hs), cas=node.cas,
            parameters=tuple({"quantity": p.quantity, "comparator": p.comparator,
                              "value": format(p.value.normalize(), "f"), "unit": p.unit,
                              "applies_to": p.applies_to or node.code, "text": p.describe()}
                             for p in self._parameters_under(lv, node)),
            sensitive=node.sensitive, very_sensitive=node.very_sensitive,
            not_used_since=node.not_used_since, regime=self.regime(node.code, lv.id),
            parents=tuple(summary(p) for p in parents),
            children=tuple(summary(c) for c in lv.children(node.code) if not c.is_note),
            notes=tuple({"code": n.code, "kind": n.kind, "attached_to": n.parent,
                         "decontrol": n.decontrol, "text": n.text} for n in notes),
            definitions=tuple(lv.definitions_in(texts, scopes)),
            remarks=tuple({"lang": r.lang, "type": r.type, "text": r.text} for r in node.remarks),
            refs=tuple({"code": r.code, "type": r.type, "text": r.text} for r in node.refs),
            official_text=lv.has_official, editions=tuple(e.label() for e in lv.editions),
            also_in=tuple(i for i in self.lists_with(node.code) if i != lv.id),
        )

    def _parameters_under(self, lv: ListView, node: Node) -> list[Parameter]:
        if node.kind != "entry":
            return list(node.parameters)
        out: list[Parameter] = []
        for n in self.walk(node.code, lv.id):
            out.extend(n.parameters)
        return out


# --- loading ---------------------------------------------------------------------------------
def bundled_files(root: Path | None = None) -> list[Path]:
    """Knowledge-base list files: ``control_lists/<regime>/<edition>/*.xml``."""
    base = root or resources.control_lists_dir()
    return sorted(p for p in base.glob("*/*/*.xml"))


def parameter_files(root: Path | None = None) -> list[Path]:
    """Threshold files: ``control_lists/<regime>/<edition>/parameters/*.xml``."""
    base = root or resources.control_lists_dir()
    return sorted(base.glob("*/*/parameters/*.xml"))


def load_files(paths: Iterable[Path]) -> tuple[list[ControlList], str]:
    from dualuse.sources.canonical_xml import read_bytes

    parts, digest = [], hashlib.sha256()
    for path in paths:
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data)
        parts.append(read_bytes(data, source=str(path)))
    return parts, digest.hexdigest()


_lock = threading.Lock()
_cache: dict[tuple[str, ...], Catalog] = {}


#: the files are listed and stat'ed at most this often per (data root, home): screening calls
#: ``open_catalog`` once per line (``clear_caches()`` or ``fresh=True`` look at once)
FRESHNESS_SECONDS = 1.0
_seen: dict[tuple[str, str, bool], tuple[float, Catalog]] = {}


def open_catalog(*, imported: bool = True, fresh: bool = False) -> Catalog:
    """The bundled lists plus (by default) the editions imported into ``DUALUSE_HOME``. Cached:
    the files are parsed once per process (``clear_caches()`` forgets them); their list and
    modification times are read again at most once per ``FRESHNESS_SECONDS``."""
    where = (str(resources.control_lists_dir()), os.environ.get("DUALUSE_HOME", ""), imported)
    seen = _seen.get(where)
    now = time.monotonic()
    if seen is not None and not fresh and now - seen[0] < FRESHNESS_SECONDS:
        return seen[1]
    cat = _open_catalog(imported)
    with _lock:
        _seen.clear()
        _seen[where] = (now, cat)
    return cat


def _open_catalog(imported: bool) -> Catalog:
    files = bundled_files() + (store.imported_list_files() if imported else [])
    pfiles = parameter_files()
    key = tuple(f"{p}:{p.stat().st_mtime_ns}" for p in (*files, *pfiles))
    with _lock:
        cat = _cache.get(key)
        if cat is None:
            from dualuse.sources import parameters_xml

            parts, checksum = load_files([*files])
            digest = hashlib.sha256(checksum.encode())
            for p in pfiles:
                digest.update(p.name.encode() + b"\0" + p.read_bytes())
            cat = Catalog(parts, checksum=digest.hexdigest() if pfiles else checksum,
                          parameters=parameters_xml.load(pfiles))
            _cache.clear()
            _cache[key] = cat
        return cat


def clear_caches() -> None:
    """Forget every parsed list and open index (tests, or after an import)."""
    import sys

    with _lock:
        _cache.clear()
        _seen.clear()
    index = sys.modules.get("dualuse.index")
    if index is not None:
        index.clear_caches()


_CAS_IN_TEXT = re.compile(r"\b\d{2,7}-\d\d-\d\b")
# "chlorine (7782-50-5)", "phosgène (CAS 75-44-5)": a chemical named with its CAS in a remark
_NAMED_CAS = re.compile(r"([^,:;()]+?)\s*\((?:CAS\s+)?(\d{2,7}-\d\d-\d)\)")


def _chemical_hint(code: str) -> str:
    """'the chemicals table has 1C350.1: Thiodiglycol (CAS 111-48-8), see `dualuse cas ...`'."""
    from dualuse.chemicals import chemicals

    rows = {r.cas: r for r in chemicals() if code in r.entries}
    if not rows:
        return ""
    named = ", ".join(f"{r.name_en} (CAS {r.cas})" for r in list(rows.values())[:3])
    first = next(iter(rows))
    return f"the chemicals table has {code}: {named}; see `dualuse cas {first}`"
