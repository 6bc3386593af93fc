"""The stored queries in `queries/*.rq`: load the catalogue, bind parameters, run.

Each file starts with a grlc-style `#+` header that is YAML (summary, description, tags,
parameters). A parameter names its type and the variable it binds; values reach the query
only through pyoxigraph's substitutions, never through the query text.

Rules for writing a query, from how Oxigraph substitutes: a bound variable must be in the
SELECT projection (else Oxigraph refuses the query), and it must stand in a required triple
pattern or a FILTER EXISTS (inside OPTIONAL it filters nothing, and BOUND() does not see it).
Use SELECT DISTINCT: the union graph repeats a triple once per letter graph that states it. And
take each description of a shared node (a meeting, a fund, a motion, a party) once, in a DISTINCT
subquery of its own, before joining: n patterns on a node k letters restate make k^n rows.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import XSD
from rdflib.term import Identifier, Literal, URIRef

from kg import result_cache
from kg.errors import QueryError
from kg.results import Result
from kg.store import GraphStore

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
ONTOLOGY_BASE = "https://w3id.org/natokg/ontology#"

def _integer(value: str) -> Identifier:
    text = value.strip()
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        raise ValueError("an integer")
    return Literal(str(int(text)), datatype=XSD.integer)


def _iri(value: str) -> Identifier:
    try:
        return URIRef(ox.NamedNode(value.strip()).value)  # the store's own, strict IRI check
    except ValueError:
        raise ValueError("an absolute IRI") from None


# Parameter types: how a string from the command line becomes the RDF term the data holds.
CONVERTERS = {
    "integer": _integer,
    "iri": _iri,
    "string": lambda value: Literal(value),
    "code": lambda value: Literal(value.strip().upper()),  # ISO codes and EU are upper case
    "notation": lambda value: Literal(value.strip().lower()),  # code-list notations are lower case
}


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    description: str = ""
    var: str = ""  # the query variable the value is bound to (default: the name)
    text_var: str | None = None  # iri parameters: where a value that is not an IRI goes, as a string

    def bind(self, query: str, value: str) -> dict[str, Identifier]:
        try:
            return {self.var or self.name: CONVERTERS[self.type](value)}
        except ValueError as error:
            if self.text_var:
                return {self.text_var: Literal(value.strip())}
            raise QueryError(
                f"query {query}: parameter {self.name} takes {error}, not {value!r}"
            ) from None


@dataclass(frozen=True)
class StoredQuery:
    name: str
    summary: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    text: str
    path: Path
    # `#+ example:` a list of key=value parameters for the documented example call (docs/queries.md)
    example: tuple[tuple[str, str], ...] = ()

    def bindings(self, params: dict[str, str] | None) -> dict[str, Identifier]:
        """Turn user strings into typed RDF terms keyed by query variable."""
        known = {p.name: p for p in self.parameters}
        bound: dict[str, Identifier] = {}
        for key, value in (params or {}).items():
            if key not in known:
                takes = ", ".join(known) or "no parameters"
                raise QueryError(f"query {self.name} has no parameter {key!r} (it takes: {takes})")
            bound.update(known[key].bind(self.name, value))
        return bound


def catalogue(directory: str | os.PathLike[str] | None = None) -> dict[str, StoredQuery]:
    """All stored queries by name (the file stem), sorted by name."""
    folder = Path(directory) if directory is not None else Path(os.environ.get("NATOKG_QUERIES", QUERY_DIR))
    found = {}
    for path in sorted(folder.glob("*.rq")):
        stat = path.stat()
        found[path.stem] = _loaded(path, stat.st_mtime_ns, stat.st_size, os.environ.get("NATOKG_ONTOLOGY_BASE"))
    return found


@lru_cache(maxsize=256)
def _loaded(path: Path, mtime_ns: int, size: int, base: str | None) -> StoredQuery:
    # Reading and parsing every file took longer than a query that picks one meeting; a file
    # changed on disk (a new mtime or size) is read again, so `natokg serve` sees edits. `base`
    # is only part of the key: `load` rewrites the ontology namespace from the environment.
    return load(path)


def load(path: Path) -> StoredQuery:
    text = path.read_text(encoding="utf-8")
    header = [line[2:] for line in text.splitlines() if line.startswith("#+")]
    meta = parse_header("\n".join(header), path.name)
    parameters = tuple(_parameter(entry, path.name) for entry in meta.get("parameters") or [])
    # The ontology namespace is configurable (docs/model.md); the files are written with the default.
    base = os.environ.get("NATOKG_ONTOLOGY_BASE", ONTOLOGY_BASE)
    if base != ONTOLOGY_BASE:
        text = text.replace(f"<{ONTOLOGY_BASE}>", f"<{base}>")
    return StoredQuery(
        name=path.stem,
        summary=str(meta.get("summary", "")),
        description=str(meta.get("description", "")),
        tags=tuple(meta.get("tags") or ()),
        parameters=parameters,
        text=text,
        path=path,
        example=tuple(_example(entry, path.name) for entry in meta.get("example") or []),
    )


def run(store: GraphStore, name: str, params: dict[str, str] | None = None) -> Result:
    """Run the stored query `name` with string parameters; rows hold rdflib terms."""
    queries = catalogue()
    if name not in queries:
        raise QueryError(f"no stored query {name!r} (known: {', '.join(queries)})")
    query = queries[name]
    bindings = query.bindings(params)
    kept = result_cache.get(store, query.text, bindings)
    if kept is not None:
        return Result(*kept)
    names, rows = store.select(query.text, bindings)
    result_cache.put(store, query.text, bindings, names, rows, asked=(name, params or {}))
    return Result(names, rows)


def refresh(location: str | os.PathLike[str], limit: int, progress=None) -> int:
    """Evaluate again, on the store at `location` as it is now, the answers kept for it before
    it changed (`result_cache.asked_before`), the `limit` most recently read; return how many.

    A write makes every kept answer stale, so the first person to ask again would wait for
    Oxigraph. The command that wrote calls this when it is done, after its write lock is gone,
    as any reader. A query since removed, or a parameter it no longer takes, is passed over.
    """
    from kg.store import open_store

    asked = [entry for entry in result_cache.asked_before(location) if entry[0] in catalogue()][:max(0, limit)]
    if not asked:
        return 0
    refreshed = 0
    with open_store(location, read_only=True) as store:
        for name, params in asked:
            try:
                run(store, name, params)
                refreshed += 1
            except QueryError:
                pass
            if progress is not None:
                progress(name)
    return refreshed


def _example(entry: object, source: str) -> tuple[str, str]:
    key, sep, value = str(entry).partition("=")
    if not isinstance(entry, str) or not sep:
        raise QueryError(f"{source}: each example entry is key=value, not {entry!r}")
    return key.strip(), value


def _parameter(entry: object, source: str) -> Parameter:
    if not isinstance(entry, dict) or "name" not in entry:
        raise QueryError(f"{source}: each parameter needs a name")
    kind = entry.get("type", "string")
    if kind not in CONVERTERS:
        raise QueryError(f"{source}: parameter {entry['name']} has unknown type {kind!r}")
    return Parameter(
        name=entry["name"],
        type=kind,
        description=entry.get("description", ""),
        var=entry.get("var", entry["name"]),
        text_var=entry.get("text_var"),
    )


# --- the `#+` header: the small YAML subset the .rq files use (PyYAML is not a dependency) ---
# Supported: `key: scalar`, `key: []`, `key:` followed by a block list whose items are scalars
# or mappings of scalars. Anything else is an error, so a header this parser accepts reads
# the same under yaml.safe_load (which grlc uses).

_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?:(?P<key>[A-Za-z_][\w-]*):(?: +(?P<value>.*))?|(?P<item>.*))$")


def parse_header(text: str, source: str = "header") -> dict:
    result: dict = {}
    current_key: str | None = None  # top-level key whose block list we are in
    item: dict | None = None
    item_indent = -1
    top_indent: int | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        match = _LINE.match(raw.rstrip())
        if not match:
            raise QueryError(f"{source}: cannot read header line {number}: {raw.strip()}")
        indent = len(match["indent"])
        if top_indent is None:
            top_indent = indent
        where = f"{source}: header line {number}"
        if indent == top_indent and not match["dash"]:
            if match["key"] is None:
                raise QueryError(f"{where}: expected `key: value`")
            current_key, item = match["key"], None
            value = match["value"]
            result[current_key] = _scalar(value, where) if value else None
            continue
        value = result.get(current_key) if current_key else None
        if current_key is None or not (value is None or isinstance(value, list)):
            raise QueryError(f"{where}: unexpected indentation")
        entries = result[current_key] = value if value is not None else []
        if match["dash"]:
            content_indent = indent + len(match["dash"])
            if match["key"] is not None:
                item = {match["key"]: _scalar(match["value"] or "", where)}
                item_indent = content_indent
                entries.append(item)
            else:
                item = None
                entries.append(_scalar(match["item"], where))
        elif item is not None and indent == item_indent and match["key"] is not None:
            item[match["key"]] = _scalar(match["value"] or "", where)
        else:
            raise QueryError(f"{where}: unexpected indentation")
    return result


def _scalar(text: str, where: str):
    text = text.strip()
    if text == "[]":
        return []
    if text.startswith('"'):
        try:
            return json.loads(text)  # YAML double-quoted escapes are JSON's for our purposes
        except json.JSONDecodeError:
            raise QueryError(f"{where}: bad double-quoted string") from None
    if text.startswith("'"):
        if len(text) < 2 or not text.endswith("'"):
            raise QueryError(f"{where}: bad single-quoted string")
        return text[1:-1].replace("''", "'")
    # Plain scalars that YAML would read differently must be quoted in the file.
    if text[:1] in set("[]{}&*!|>%@`#,?:-") or ": " in text or " #" in text or text.endswith(":"):
        raise QueryError(f"{where}: quote the value {text!r}")
    return text
