"""Reader of the EU list of dual-use items (Annex I of Regulation (EU) 2021/821) in the JSON
packaging of the consolidated text published by the exports-watch project (CELLAR
``02021R0821-20251115``).

The file gives one object per entry-level code (``entries[]``) whose ``verbatim_text`` holds one
line per sub-item or note, each line prefixed with its full code (``0A001.f N.B. For ...``), so the
tree is read from the prefixes rather than from layout. Notes, technical notes and N.B.s become
note nodes on the code that prefixes them (``0A001.f#nb1``). ``docs[]`` gives the definitions,
the acronyms and the general notes. A handful of lines carry labels that do not fit the
letter/number alternation of their level (a note's own list, a lost letter): their wording is
kept in the node they belong to and reported by ``diagnostics()``; no code is invented.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dualuse.codes import control
from dualuse.errors import InputError, InvalidFormat, UnsafeInput
from dualuse.model import (
    NOTE_SUFFIX,
    Acronym,
    ControlList,
    Definition,
    Edition,
    GeneralNote,
    Localized,
    Node,
)
from dualuse.sources import Progress

FORMAT = "eu-annex-json"
LIST_ID = "eu-2021-821"
PUBLISHER = "Publications Office of the European Union"
#: the packaging of the 2025 consolidation is 1.2 MB; anything this big is not that file
MAX_BYTES = 32 * 1024 * 1024
_CELEX = ("02021R0821", "32021R0821")

_PREFIX = re.compile(r"^(?P<code>\d[A-E]\d{3}(?:\.[A-Za-z0-9]+)*)\.?(?:\s+|$)(?P<rest>.*)$")
_NOTE = re.compile(
    r"^(?P<head>Technical\s+Notes?|Notes?|N\.\s?B\.)(?:\s*(?P<num>\d{1,2})\.?)?(?:\s*:)?"
    r"(?=\s|$)\s*(?P<rest>.*)$")
_DECONTROL = re.compile(
    r"\b(?:does|do) not (?:apply|control|release)\b|\bis not controlled\b|\bare not controlled\b"
    r"|\bnot (?:apply|applicable) to\b|\bexcluded from control\b", re.IGNORECASE)
_DEF_TERM = re.compile(r'^"(?P<term>[^"]{1,120})"\s*(?P<rest>.*)$')
_DEF_TAGS = re.compile(r"^\((?P<tag>(?:\d|GTN|NTN|GSN|GISN|All|ML\d*|\s)+)\)\s*")


# --- the shape of the file (validated once, then trusted) ------------------------------------
class _Raw(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class RawEntry(_Raw):
    entry_code: str = Field(min_length=5, max_length=64)
    category: str = Field(min_length=1, max_length=2)
    verbatim_text: str = Field(min_length=1)
    applicable_notes: list[str] = []


class RawDoc(_Raw):
    doc_type: str = Field(min_length=1)
    title: str = ""
    verbatim_text: str = ""


class RawAnnex(_Raw):
    corpus_version: str = Field(min_length=1)
    celex: str
    valid_from: dt.date
    retrieved_at: dt.datetime | None = None
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-fA-F]{64}$")
    source_url: str | None = None
    entry_count: int | None = None
    entries: list[RawEntry] = Field(min_length=1)
    docs: list[RawDoc] = []


# --- building the tree -----------------------------------------------------------------------
@dataclass
class _Draft:
    code: str
    kind: str
    parent: str | None
    parts: list[str] = field(default_factory=list)
    title: str | None = None


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.nodes: dict[str, _Draft] = {}
        self.entries: set[str] = set()
        self.note_counts: dict[tuple[str, str], int] = {}
        self.redirect: dict[str, str] = {}  # mislabelled code -> node that keeps its wording
        self.child_kind: dict[str, bool] = {}  # parent -> its sub-items are numbered
        self.last: _Draft | None = None
        self.problems: list[str] = []

    def fail(self, message: str, value: str) -> InputError:
        return InputError(f"{self.source}: {message}", value=value, system=FORMAT)

    def add(self, code: str, kind: str, parent: str | None, text: str | None = None,
            title: str | None = None) -> _Draft:
        d = _Draft(code, kind, parent, [text] if text else [], title)
        self.nodes[code] = d
        self.last = d
        return d

    def entry(self, raw: RawEntry) -> None:
        try:
            parsed = control.parse(raw.entry_code)
        except InvalidFormat:
            raise self.fail(f"entry_code {raw.entry_code!r} is not a control code",
                            raw.entry_code) from None
        code = parsed.compact()
        if parsed.level != "entry" or parsed.is_munitions or code != raw.entry_code.strip():
            raise self.fail(f"entry_code {raw.entry_code!r} is not an entry-level code "
                            f"such as 0A001", raw.entry_code)
        if parsed.category != raw.category.strip():
            raise self.fail(f"entry {code} is filed under category {raw.category!r}", code)
        if code in self.entries:
            raise self.fail(f"entry {code} is given twice", code)
        self.entries.add(code)
        cat, grp = parsed.category, f"{parsed.category}{parsed.group}"
        if cat not in self.nodes:
            self.add(cat, "category", None, title=control.CATEGORY_NAMES[cat])
        if grp not in self.nodes:
            self.add(grp, "group", cat, title=f"{control.CATEGORY_NAMES[cat]}: "
                     f"{control.GROUP_NAMES[parsed.group or 'A'].lower()}")
        self.last = None
        for line in raw.verbatim_text.splitlines():
            self.line(code, line.strip())
        if code not in self.nodes:
            raise self.fail(f"entry {code}: its text does not start with its code", code)

    def line(self, entry: str, line: str) -> None:
        if not line:
            return
        m = _PREFIX.match(line)
        if m is None:  # a wrapped line: it continues the previous one
            if self.last is None:
                raise self.fail(f"entry {entry}: text before the entry's code: {line[:40]!r}",
                                entry)
            self.last.parts.append(line)
            return
        raw, rest = m.group("code"), m.group("rest").strip()
        if raw.split(".")[0] != entry:
            raise self.fail(f"entry {entry} holds a line for {raw}", raw)
        target = self._redirected(raw)
        code = self._placed(raw) if target is None else None
        if code is None:
            self._keep_in(target or self._misplaced(raw), raw, rest)
            return
        note = _NOTE.match(rest)
        if note is not None:
            self.note(code, note)
        elif code in self.nodes:  # a second paragraph (a table row, a closing sentence)
            last = self.last
            holder = last if last is not None and code in (last.code, last.parent) else \
                self.nodes[code]
            holder.parts.append(rest)
        else:
            kind = "entry" if code == entry else "sub-item"
            self.add(code, kind, control.parent(code), rest)

    def _redirected(self, raw: str) -> str | None:
        parts = raw.split(".")
        for n in range(len(parts), 1, -1):
            hit = self.redirect.get(".".join(parts[:n]))
            if hit is not None:
                return hit
        return None

    def _placed(self, raw: str) -> str | None:
        """The canonical code, or None when the label does not fit where it is printed."""
        try:
            parsed = control.parse(raw)
        except InvalidFormat:
            return None
        code = parsed.compact()
        if parsed.level != "sub-item" or code in self.nodes:
            return code
        parent = control.parent(code)
        if parent is None or parent not in self.nodes:
            return None
        numbered = parsed.subitems[-1].isdigit()
        if self.child_kind.setdefault(parent, numbered) != numbered:
            return None  # "1C010.1" after 1C010.a-e: a letter lost in the packaging
        return code

    def _misplaced(self, raw: str) -> str:
        """Where the wording of a mislabelled line goes: the note just read when the line is an
        item of that note's own list, else the last sub-item of its parent, else the parent."""
        head = raw.rsplit(".", 1)[0]
        try:
            parent = control.normalise(head)
        except InvalidFormat:
            parent = control.entry_level(raw.split(".")[0])
        while parent not in self.nodes:
            parent = control.parent(parent) or raw.split(".")[0]
        last = self.last
        if last is not None and last.kind in NOTE_SUFFIX and last.parent == parent:
            target = last.code
        else:
            kids = [c for c, d in self.nodes.items() if d.parent == parent and d.kind == "sub-item"]
            target = kids[-1] if kids else parent
        self.redirect[raw] = target
        self.problems.append(f"{raw}: label out of sequence; its wording is kept in {target}")
        return target

    def _keep_in(self, target: str, raw: str, rest: str) -> None:
        note = _NOTE.match(rest)
        d = self.nodes[target]
        if note is not None and d.kind not in NOTE_SUFFIX:
            self.note(target, note)
            return
        d.parts.append(f"{raw.rsplit('.', 1)[-1]}. {rest}")
        self.last = d

    def note(self, code: str, m: re.Match[str]) -> None:
        head = m.group("head")
        kind = "technical-note" if head.startswith("Technical") else \
            "nb" if head.startswith("N") and "B" in head else "note"
        key = (code, kind)
        self.note_counts[key] = self.note_counts.get(key, 0) + 1
        self.add(f"{code}#{NOTE_SUFFIX[kind]}{self.note_counts[key]}", kind, code,
                 m.group("rest").strip())


# --- docs[]: definitions, acronyms, general notes --------------------------------------------
def definitions(text: str) -> list[Definition]:
    """The "double-quoted" terms of the Definitions section, as the Wassenaar reader stores them:
    ``[category tags] wording``; N.B.s and lists under a term stay with it."""
    out: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        line = line.strip()
        m = _DEF_TERM.match(line)
        if m is not None:
            rest, tags = m.group("rest"), []
            quals: list[str] = []
            while (t := _DEF_TAGS.match(rest)) or rest.startswith("("):
                if t is not None:
                    tags.append(" ".join(t.group("tag").split()))
                    rest = rest[t.end():]
                    continue
                close = rest.find(")")
                if close < 0:
                    break
                quals.append(rest[:close + 1])
                rest = rest[close + 1:].lstrip()
            body = " ".join([*quals, rest]).strip()
            sep = "" if body.startswith((",", ";")) else " "
            out.append((m.group("term"), [f"[{' '.join(tags)}]{sep}{body}" if tags else body]))
        elif out and line:
            out[-1][1].append(line)
    return [Definition(term=t, quote="double", text="\n".join(parts)) for t, parts in out]


def acronyms(text: str) -> list[Acronym]:
    out = []
    for line in text.splitlines():
        abbr, sep, expansion = line.partition("|")
        if sep and abbr.strip() and expansion.strip():
            out.append(Acronym(abbr=abbr.strip(), expansion=expansion.strip()))
    return out


def general_notes(docs: list[RawDoc]) -> list[GeneralNote]:
    out, seen = [], dict[str, int]()
    for d in docs:
        if d.doc_type in ("definitions_annex", "acronyms") or not d.verbatim_text.strip():
            continue
        base = d.doc_type.replace("_", "-")
        seen[base] = seen.get(base, 0) + 1
        code = base if seen[base] == 1 else f"{base}-{seen[base]}"
        out.append(GeneralNote(code=code, title=d.title or base, text=d.verbatim_text.strip()))
    return out


# --- public entry points ---------------------------------------------------------------------
def parse(data: bytes, *, source: str = "JSON") -> RawAnnex:
    """The file's structure, checked: one ``InputError`` line for anything else."""
    try:
        obj = json.loads(data)
    except json.JSONDecodeError as exc:
        hint = "" if data.rstrip().endswith(b"}") else " (the file looks truncated)"
        raise InputError(f"{source}: not valid JSON: {exc.msg} at line {exc.lineno}, column "
                         f"{exc.colno}{hint}", value=source, system=FORMAT) from None
    except (UnicodeDecodeError, RecursionError) as exc:
        raise InputError(f"{source}: not valid JSON ({type(exc).__name__})", value=source,
                         system=FORMAT) from None
    if not isinstance(obj, dict):
        raise InputError(f"{source}: expected a JSON object with 'entries', found a "
                         f"{type(obj).__name__}", value=source, system=FORMAT)
    try:
        annex = RawAnnex.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(x) for x in first["loc"]) or "top level"
        raise InputError(f"{source}: not the EU Annex I JSON: {loc}: {first['msg']}",
                         value=source, system=FORMAT) from None
    if not annex.celex.startswith(_CELEX):
        raise InputError(f"{source}: CELEX {annex.celex!r} is not Regulation (EU) 2021/821",
                         value=annex.celex, system=FORMAT)
    if annex.entry_count is not None and annex.entry_count != len(annex.entries):
        raise InputError(f"{source}: announces {annex.entry_count} entries but holds "
                         f"{len(annex.entries)}", value=source, system=FORMAT)
    return annex


def build(annex: RawAnnex, *, source: str = "JSON", progress: Progress | None = None,
          ) -> tuple[list[Node], list[str]]:
    """The nodes of the list (categories, groups, entries, sub-items, notes) and the problems."""
    b = _Builder(source)
    total = len(annex.entries)
    for i, raw in enumerate(annex.entries, 1):
        b.entry(raw)
        if progress is not None:
            progress(i, total)
    nodes = []
    for pos, d in enumerate(b.nodes.values()):
        text = "\n".join(p for p in d.parts if p) or None
        nodes.append(Node(
            code=d.code, kind=d.kind, parent=d.parent, position=pos,
            title=Localized(en=d.title) if d.title else Localized(), text=text,
            decontrol=bool(d.kind == "note" and text and _DECONTROL.search(text)),
            regime=control.eu_regime(d.code) if d.kind == "entry" else None))
    return nodes, b.problems


def read(path: str | Path, *, progress: Progress | None = None) -> ControlList:
    """The whole EU list as a ``ControlList`` (``edition.kind == "official"``)."""
    from dualuse.sources.wassenaar_pdf import _single_quoted

    p = Path(path)
    source = repr(str(p))
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise UnsafeInput(f"{source}: {size / 1e6:.0f} MB is too big for the EU Annex I JSON "
                          f"(about 1 MB; at most {MAX_BYTES // (1024 * 1024)} MiB read)",
                          value=str(p), system=FORMAT)
    data = p.read_bytes()
    annex = parse(data, source=source)
    nodes, _problems = build(annex, source=source, progress=progress)
    docs = {d.doc_type: d for d in annex.docs}
    defs = definitions(docs["definitions_annex"].verbatim_text) \
        if "definitions_annex" in docs else []
    defs.extend(_single_quoted(nodes))
    edition = Edition(
        id=LIST_ID, kind="official", regime="eu", publisher=PUBLISHER,
        title=f"EU list of dual-use items (Annex I to Regulation (EU) 2021/821), consolidated "
              f"{annex.valid_from.isoformat()}",
        date=annex.valid_from, language="en", data_version=annex.corpus_version,
        in_force_from=annex.valid_from, source_file=p.name,
        source_sha256=hashlib.sha256(data).hexdigest(), source_url=annex.source_url,
        retrieved=annex.retrieved_at.date() if annex.retrieved_at else None,
        upstream_sha256=annex.sha256.lower() if annex.sha256 else None)
    return ControlList(
        edition=edition, nodes=tuple(nodes), general_notes=tuple(general_notes(annex.docs)),
        definitions=tuple(defs),
        acronyms=tuple(acronyms(docs["acronyms"].verbatim_text) if "acronyms" in docs else ()))


def diagnostics(path: str | Path) -> list[str]:
    """The lines whose label did not fit their place (for development and tests)."""
    p = Path(path)
    return build(parse(p.read_bytes(), source=str(p)), source=str(p))[1]


def sniff(head: bytes, path: Path) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"{") and (b'"corpus_version"' in head or b'"celex"' in head)


@dataclass(frozen=True)
class _Reader:
    format: str = FORMAT

    def sniff(self, head: bytes, path: Path) -> bool:
        return sniff(head, path)

    def read(self, path: Path, *, progress: Progress | None = None) -> ControlList:
        return read(path, progress=progress)


READER = _Reader()
