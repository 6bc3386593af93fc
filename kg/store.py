"""Where the graphs live: one small store interface and its embedded Oxigraph implementation.

The pipeline keeps one named graph per letter, so re-ingesting a letter is one
`replace_graph` call. Queries read the union of all named graphs. Everything here speaks
rdflib terms at the edges (that is what `kg.triples` produces and what users hold) and
pyoxigraph inside, because pyoxigraph is the fast, transactional part.
"""
from __future__ import annotations

import gc
import hashlib
import os
import re
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator, Mapping, Protocol

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Identifier, Literal, URIRef

from kg.errors import QueryError, StoreBusyError, StoreError
from kg.lock import LOCK_FILE

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# A fixed identifier for the rdflib view: oxrdflib loses track of graphs opened without one
# (oxigraph/oxrdflib#31, #77).
DATASET_ID = URIRef("urn:x-natokg:dataset")

Row = tuple[Identifier | None, ...]

# RocksDB keeps every write in memory tables until they are flushed to disk; left alone, an ingest
# of thousands of letters holds gigabytes there and each write gets slower. Flushing after this
# many quads keeps memory and the cost of a write flat (bench/README.md).
FLUSH_QUADS = 50_000

_DUMP_FORMATS = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}


class GraphStore(Protocol):
    """What the rest of natokg needs from a store; a remote SPARQL store can implement it too."""

    def replace_graph(self, graph_iri: str, triples: rdflib.Graph) -> None: ...
    def remove_graph(self, graph_iri: str) -> None: ...
    def graphs(self) -> list[str]: ...
    def select(
        self, query: str, bindings: Mapping[str, Identifier] | None = None
    ) -> tuple[list[str], list[Row]]: ...
    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> rdflib.Graph: ...
    def dump(self, format: str = "nquads") -> bytes: ...
    def triple_count(self) -> int: ...
    def close(self) -> None: ...


def default_store_path() -> Path:
    """`$NATOKG_STORE`, else the per-user data directory (as platformdirs would choose it)."""
    configured = os.environ.get("NATOKG_STORE")
    if configured:
        return Path(configured).expanduser()
    home = Path.home()
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "")
        # The XDG spec says to ignore a relative value.
        base = Path(xdg) if os.path.isabs(xdg) else home / ".local" / "share"
    return base / "natokg" / "store"


def open_store(path: str | os.PathLike[str] | None = None, *, read_only: bool = False,
               wait: float = 0.0) -> OxigraphStore:
    """Open the store at `path` (default: `default_store_path()`).

    `read_only=True` needs an existing store but works while another process (an
    `oxigraph serve`, a running ingest) holds the write lock; it sees the store as it was
    when opened, every letter whole or absent.

    A writer first takes natokg's write lock (`kg.lock`), then RocksDB's; while another
    process holds either it waits up to `wait` seconds, then raises StoreBusyError naming the
    holder. The lock is released by `close()`, or by the kernel when the process dies.
    """
    location = Path(path).expanduser() if path is not None else default_store_path()
    if read_only and not (location / "CURRENT").exists():  # RocksDB writes CURRENT on creation
        raise StoreError(f"no store at {location}; ingest letters first with `natokg ingest`")
    if read_only:
        return OxigraphStore(location, read_only=True)
    try:
        location.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"cannot create the store at {location}: {error.strerror or error}") from error
    from kg.lock import WriteLock

    deadline = time.monotonic() + max(0.0, wait)
    lock = WriteLock(location)
    lock.acquire(wait)
    try:
        while True:
            try:
                store = OxigraphStore(location)
                break
            except StoreBusyError:  # RocksDB's lock: a process that is not natokg (oxigraph serve)
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.1)
    except BaseException:
        lock.release()
        raise
    store._lock = lock
    return store


def load_dataset(store: GraphStore, source: str | os.PathLike[str], format: str = "trig") -> list[str]:
    """Replace every named graph that a TriG or N-Quads file holds (e.g. an `export --format trig`).

    Each graph is replaced on its own, so a graph is never half there; returns their IRIs.
    Triples outside any named graph are ignored: natokg keeps everything in named graphs.
    """
    formats = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
    if format not in formats:
        raise ValueError(f"cannot load {format!r}; use one of {', '.join(formats)}")
    graphs: dict[str, rdflib.Graph] = {}
    for quad in ox.parse(path=str(source), format=formats[format]):
        if isinstance(quad.graph_name, ox.NamedNode):
            graph = graphs.setdefault(quad.graph_name.value, rdflib.Graph())
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    for iri in sorted(graphs):
        store.replace_graph(iri, graphs[iri])
    return sorted(graphs)


# How RocksDB reports a table file a concurrent writer's compaction removed under a reader.
_VANISHED = ("No such file or directory", "Corruption")
_REOPEN_ATTEMPTS = 8


def store_state(path: Path) -> str:
    """A name for what the store at `path` holds, which any write changes and reading does not.

    RocksDB appends every write to its log file and turns memory tables and compactions into new
    table files, so the names, sizes and modification times of its files change with every write
    (by natokg or any other program); a read-only reader writes nothing there. Its own info log,
    its lock, natokg's write lock and natokg's directories are left out: they change without the
    data changing.
    """
    entries = []
    with os.scandir(path) as found:
        for entry in found:
            if entry.name.startswith("LOG") or entry.name in _NOT_DATA or not entry.is_file(follow_symlinks=False):
                continue
            try:
                stat = entry.stat(follow_symlinks=False)
            except FileNotFoundError:  # a table file a writer's compaction just removed
                continue
            entries.append(f"{entry.name}\t{stat.st_size}\t{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(entries)).encode()).hexdigest()[:32]


_NOT_DATA = {"LOCK", LOCK_FILE}


def _open_read_only(path: Path) -> ox.Store:
    """A read-only view; opening races a writer that rotates its log or compacts, so retry."""
    for attempt in range(_REOPEN_ATTEMPTS):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as error:  # RocksDB reports a vanished file as either
            if attempt + 1 == _REOPEN_ATTEMPTS or not any(sign in str(error) for sign in _VANISHED):
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


class OxigraphStore:
    """The embedded store: pyoxigraph on disk, or in memory when `path` is None."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self._unflushed = 0  # quads written since the last flush
        # What a read-only store holds (`store_state`), taken before it opens: the reader sees
        # these data or later ones, never earlier ones. None for a store that can write.
        self.state: str | None = None
        where = str(self.path) if self.path else "memory"
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                self.state = store_state(self.path)
                self._store = _open_read_only(self.path)
            else:
                self._store = ox.Store(str(self.path))
        except OSError as error:
            raise _store_error(error, where) from error

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _where(self) -> str:
        return str(self.path) if self.path else "memory"

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for callers that need its full API."""
        if self._store is None:
            raise StoreError(f"the store at {self._where} is closed")
        return self._store

    def replace_graph(self, graph_iri: str, triples: rdflib.Graph) -> None:
        """Make the named graph hold exactly `triples`, in one transaction.

        One SPARQL update is one Oxigraph transaction, so readers see either the old graph or
        the new one, never a half-written letter. Terms are written by pyoxigraph's own
        N-Triples serialisation, which escapes whatever the text contains.
        """
        self.replace_graph_ntriples(graph_iri, ntriples(triples))

    def replace_graph_ntriples(self, graph_iri: str, lines: str) -> None:
        """`replace_graph` for triples already written as N-Triples by `ntriples` (as ingest
        workers write them): the same one transaction, with no terms to convert in this process.

        A graph the store does not hold yet is loaded by Oxigraph's N-Triples parser (one
        transaction too), which takes half the time of parsing the same triples as a SPARQL
        update; a graph it holds is dropped and written again in one update.
        """
        node = ox.NamedNode(str(graph_iri))
        try:
            fresh = not self.oxigraph.contains_named_graph(node)
            if fresh:
                self.oxigraph.load(lines, format=ox.RdfFormat.N_TRIPLES, to_graph=node)
        except OSError as error:
            raise _store_error(error, self._where) from error
        if not fresh:
            graph = f"<{node.value}>"
            self._update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n" + lines + "\n} }")
        self._unflushed += lines.count("\n") + 1
        if self._unflushed >= FLUSH_QUADS and self.path is not None:
            self.flush()

    def flush(self) -> None:
        """Write what RocksDB holds in memory to disk (it does so on `close` too)."""
        self._unflushed = 0
        try:
            self.oxigraph.flush()
        except OSError as error:
            raise _store_error(error, self._where) from error

    def remove_graph(self, graph_iri: str) -> None:
        """Drop a named graph; nothing happens when it is not there."""
        self._update(f"DROP SILENT GRAPH <{ox.NamedNode(str(graph_iri)).value}>")

    def graphs(self) -> list[str]:
        """The named graph IRIs, sorted."""
        return self._reading(lambda store: sorted(
            g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)))

    def quads(self, graph_iri: str) -> list[ox.Quad]:
        """Every quad of one named graph."""
        return self._reading(lambda store: list(
            store.quads_for_pattern(None, None, None, ox.NamedNode(str(graph_iri)))))

    def _reading(self, read):
        """Run `read(pyoxigraph store)`; a reader whose files a writer compacted away reopens.

        A read-only RocksDB instance opens its table files lazily, so a writer's compaction can
        remove one before the reader gets to it. What was read is consistent either way; the
        read is simply done again on a fresh view (which holds each letter whole or not at all).
        """
        for attempt in range(_REOPEN_ATTEMPTS):
            try:
                return read(self.oxigraph)
            except (OSError, RuntimeError) as error:
                vanished = self.read_only and any(sign in str(error) for sign in _VANISHED)
                if vanished and attempt + 1 < _REOPEN_ATTEMPTS:
                    time.sleep(0.02 * (attempt + 1))
                    self.state = store_state(self.path)
                    self._store = _open_read_only(self.path)
                    continue
                if isinstance(error, OSError) or vanished:
                    raise _store_error(OSError(str(error)), self._where) from error
                raise

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> tuple[list[str], list[Row]]:
        """Run a SELECT over the union of the named graphs; `bindings` are substituted as values.

        Oxigraph requires each bound variable to be in the SELECT projection.
        """
        unordered, order = split_order(query)

        def read(_store):
            solutions = self._query(unordered, bindings)
            if not isinstance(solutions, ox.QuerySolutions):
                raise QueryError("the query is not a SELECT query")
            names = [v.value for v in solutions.variables]
            if order and not all(name in names for name, _ in order):
                solutions = self._query(query, bindings)  # sorted by what it does not return
                order.clear()
            with no_cycle_collection():
                return names, _rows(solutions, names, order)

        return self._reading(read)

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> rdflib.Graph:
        """Run a CONSTRUCT or DESCRIBE over the union of the named graphs."""
        def read(_store):
            triples = self._query(query, bindings)
            if not isinstance(triples, ox.QueryTriples):
                raise QueryError("the query is not a CONSTRUCT or DESCRIBE query")
            graph = rdflib.Graph()
            for triple in triples:
                graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
            return graph

        return self._reading(read)

    def dump(self, format: str = "nquads") -> bytes:
        """The whole dataset, named graphs kept, as N-Quads ("nquads") or TriG ("trig")."""
        if format not in _DUMP_FORMATS:
            raise ValueError(f"cannot dump as {format!r}; use one of {', '.join(_DUMP_FORMATS)}")
        return self._reading(lambda store: store.dump(format=_DUMP_FORMATS[format]))

    def triple_count(self) -> int:
        """Quads over all graphs (a triple stated by two letters counts twice)."""
        return self._reading(len)

    def rdflib_dataset(self) -> rdflib.Dataset:
        """An rdflib view of the same data (via oxrdflib) whose default graph is the union.

        For rdflib users and tools; natokg's own reads and writes go through pyoxigraph.
        Writes through this view are not transactional (oxrdflib's commit does nothing), and
        the view keeps the store open (and its directory locked) until it is dropped.
        """
        from oxrdflib import OxigraphStore as RdflibOxigraphStore

        store = RdflibOxigraphStore(identifier=DATASET_ID, store=self.oxigraph)
        return rdflib.Dataset(store=store, default_union=True)

    def close(self) -> None:
        """Flush and let go of the store, so the directory lock is released."""
        if getattr(self, "_store", None) is None:
            return
        try:
            if self.path is not None and not self.read_only:
                self.flush()
        finally:
            # RocksDB releases its lock when the last reference goes; then natokg's goes.
            self._store = None
            if getattr(self, "_lock", None) is not None:
                self._lock.release()

    def _query(self, query: str, bindings: Mapping[str, Identifier] | None):
        substitutions = {ox.Variable(name): to_ox(value) for name, value in (bindings or {}).items()}
        try:
            return self.oxigraph.query(query, use_default_graph_as_union=True, substitutions=substitutions)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL: {_one_line(error)}") from error
        except RuntimeError as error:  # e.g. a bound variable that is not projected
            if self.read_only and any(sign in str(error) for sign in _VANISHED):
                raise  # a compacted-away file: `_reading` reopens and asks again
            raise QueryError(_one_line(error)) from error
        except OSError as error:
            raise _store_error(error, self._where) from error

    def _update(self, update: str) -> None:
        try:
            self.oxigraph.update(update)
        except OSError as error:
            raise _store_error(error, self._where) from error


def _rows(solutions: ox.QuerySolutions, names: list[str], order: list[tuple[str, bool]]) -> list[Row]:
    """The solutions as rows of rdflib terms, sorted by `order` ([(variable, descending), ...])."""
    # A listing repeats its terms row after row (the same letter, date, country, role). Each
    # term is looked up once, as it arrives, and stands as a small number from then on:
    # pyoxigraph terms cost a call into Rust at every hash and comparison, and a listing of
    # 30,000 rows made hundreds of thousands of them when sets, sort keys and conversion each
    # looked the terms up again.
    number: dict[object, int] = {}
    rows = [tuple([number.setdefault(term, len(number)) for term in solution]) for solution in solutions]
    terms = list(number)
    converted = [None if term is None else from_ox(term) for term in terms]
    columns = [(names.index(name), descending) for name, descending in order]
    if columns:
        rank = _ranks(terms, {row[column] for row in rows for column, _ in columns})
        if not any(descending for _, descending in columns):
            rows.sort(key=lambda row: tuple([rank[row[column]] for column, _ in columns]))
        else:
            for column, descending in reversed(columns):  # stable sorts, the last key first
                rows.sort(key=lambda row: rank[row[column]], reverse=descending)
    return [tuple(map(converted.__getitem__, row)) for row in rows]


def _ranks(terms: list, used: set[int]) -> list[int]:
    """For each term number in `used`, its place in SPARQL order; equal terms share a place."""
    keys = {number: order_key(terms[number]) for number in used}
    rank = [0] * len(terms)
    place, previous = -1, None
    for number in sorted(used, key=keys.__getitem__):
        if keys[number] != previous:
            place, previous = place + 1, keys[number]
        rank[number] = place
    return rank


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """No cyclic garbage collection inside: rows of terms hold no cycles, and a result of
    30,000 rows made the collector run over and over, which cost as much as the query."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


# A trailing `ORDER BY ?a DESC(?b) ...` of the outermost query, and nothing after it.
_ORDER = re.compile(r"\}\s*ORDER\s+BY((?:\s*(?:(?:ASC|DESC)\s*\(\s*\?\w+\s*\)|\?\w+))+)\s*$", re.IGNORECASE)
_ORDER_KEY = re.compile(r"(ASC|DESC)?\s*\(?\s*\?(\w+)", re.IGNORECASE)


def split_order(query: str) -> tuple[str, list[tuple[str, bool]]]:
    """(the query without its final ORDER BY, [(variable, descending), ...]), when it ends
    with an ORDER BY of plain variables; else (the query, []).

    Oxigraph's ORDER BY on the on-disk store reads every compared term back from disk, which
    costs more than the query itself once results run to thousands of rows; the same order is
    made in Python from the terms in hand (`order_key`). Anything else (an expression, LIMIT
    or OFFSET after it) is left to Oxigraph.
    """
    found = _ORDER.search(query)
    if not found or "#" in query[found.start():]:
        return query, []
    keys = [(name, (way or "").upper() == "DESC") for way, name in _ORDER_KEY.findall(found.group(1))]
    return query[:found.start() + 1], keys


_NUMERIC = {f"http://www.w3.org/2001/XMLSchema#{name}" for name in (
    "integer decimal double float long int short byte nonNegativeInteger positiveInteger "
    "nonPositiveInteger negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte").split()}
_TEMPORAL = {"http://www.w3.org/2001/XMLSchema#date", "http://www.w3.org/2001/XMLSchema#dateTime"}
_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def order_key(term: object) -> tuple:
    """SPARQL's order for one term: unbound, blank nodes, IRIs, then literals; numbers by value,
    dates (of one time zone) and strings by their text, as Oxigraph orders them."""
    if term is None:
        return (0,)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    datatype = term.datatype.value
    if datatype in _NUMERIC:
        try:
            return (3, 0, float(term.value), term.value)
        except ValueError:
            pass
    elif datatype == _BOOLEAN:
        return (3, 1, term.value in ("true", "1"), term.value)
    elif datatype in _TEMPORAL:
        return (3, 2, term.value, "")
    elif datatype == XSD_STRING or term.language:
        return (3, 3, term.value, term.language or "")
    return (3, 4, datatype, term.value)


def to_ox(term: Identifier) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (IRIs are validated by pyoxigraph)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: object) -> Identifier | None:
    """A pyoxigraph term as an rdflib term, keeping the lexical form exactly as stored."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        # pyoxigraph has validated the IRI; rdflib's own check would cost four times the rest.
        return str.__new__(URIRef, term.value)
    if isinstance(term, ox.Literal):
        # Results repeat literals (codes, types, dates, names) row after row, and an rdflib
        # Literal is slow to build and immutable: build each once.
        found = _LITERALS.get(term)
        if found is None:
            if len(_LITERALS) >= _LITERAL_CACHE_SIZE:
                _LITERALS.clear()
            found = _LITERALS[term] = _literal(term)
        return found
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unsupported pyoxigraph term: {term!r}")


_LITERALS: dict[ox.Literal, Literal] = {}
_LITERAL_CACHE_SIZE = 200_000


def _literal(term: ox.Literal) -> Literal:
    if term.language:
        return literal(term.value, language=term.language)
    return literal(term.value, datatype=term.datatype.value)


def literal(value: str, *, language: str | None = None, datatype: str | None = None) -> Literal:
    """The rdflib Literal of a lexical form a store holds, kept exactly as stored.

    rdflib's constructor spends 5-15 us on a literal (checks for every kind of value, parsing
    the value), and a listing of 30,000 rows holds thousands of distinct names, titles and
    dates. A string, and a date, integer or boolean in its canonical form, is made directly,
    holding what the constructor would put in it (checked once when natokg starts,
    `_made_as_rdflib_makes_them`); anything else goes through the constructor.
    """
    if datatype is None or datatype == XSD_STRING:
        if not _DIRECT:
            return Literal(value, lang=language or None)  # rdflib's plain literal is the RDF 1.1 xsd:string
        return _made(value, language or None, None, value, None)
    direct = _DIRECT_VALUES.get(datatype) if _DIRECT else None
    if direct is not None and direct[0].fullmatch(value):
        try:
            return _made(value, None, direct[2], direct[1](value), False)
        except ValueError:  # a well-formed lexical form of no value ("2023-02-30")
            pass
    return Literal(value, datatype=URIRef(datatype), normalize=False)


def _made(value: str, language: str | None, datatype: URIRef | None, python: object, ill_typed: bool | None) -> Literal:
    made = str.__new__(Literal, value)
    made._language = language
    made._datatype = datatype
    made._value = python
    made._ill_typed = ill_typed
    return made


_XSD = "http://www.w3.org/2001/XMLSchema#"
# datatype: (its canonical lexical forms, lexical form -> value, the datatype IRI)
_DIRECT_VALUES = {
    _XSD + "date": (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), date.fromisoformat, URIRef(_XSD + "date")),
    _XSD + "integer": (re.compile(r"-?(?:0|[1-9][0-9]{0,17})"), int, URIRef(_XSD + "integer")),
    _XSD + "boolean": (re.compile(r"true|false"), "true".__eq__, URIRef(_XSD + "boolean")),
}


def _made_as_rdflib_makes_them() -> bool:
    """Whether this rdflib's literals hold what `literal` puts in them; checked once, so that
    another rdflib falls back to its constructor instead of making different terms."""
    slots = getattr(Literal, "__slots__", ())
    if set(slots) != {"_language", "_datatype", "_value", "_ill_typed"}:
        return False
    examples = [(text, None, None) for text in ("Oekraïne", "")] + [("Ukraine", "en", None)] + [
        (text, None, _XSD + name) for text, name in
        (("2022-11-29", "date"), ("-12", "integer"), ("0", "integer"), ("true", "boolean"), ("false", "boolean"))]
    for value, language, datatype in examples:
        if datatype is None:
            made, expected = _made(value, language, None, value, None), Literal(value, lang=language)
        else:
            pattern, parse, iri = _DIRECT_VALUES[datatype]
            made = _made(value, None, iri, parse(value), False)
            expected = Literal(value, datatype=URIRef(datatype), normalize=False)
        if made != expected or any(getattr(made, slot) != getattr(expected, slot) or
                                   type(getattr(made, slot)) is not type(getattr(expected, slot)) for slot in slots):
            return False
    return True


_DIRECT = _made_as_rdflib_makes_them()


def ntriples(graph: rdflib.Graph) -> str:
    """The graph's triples as N-Triples lines, each term written by pyoxigraph (which escapes
    whatever a literal holds); blank nodes get fresh labels."""
    fresh: dict[BNode, ox.BlankNode] = {}
    return "\n".join(f"{_ox_term(s, fresh)} {_ox_term(p, fresh)} {_ox_term(o, fresh)} ."
                     for s, p, o in graph.triples((None, None, None)))


def _ox_term(term: Identifier, fresh: dict[BNode, ox.BlankNode]) -> str:
    # Blank node labels from rdflib need not be valid pyoxigraph labels; map each to a new one.
    if isinstance(term, BNode):
        return str(fresh.setdefault(term, ox.BlankNode()))
    return str(to_ox(term))


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def _store_error(error: OSError, where: str) -> StoreError:
    message = _one_line(error)
    if "lock" in message.lower():
        return StoreBusyError(f"the store at {where} is in use by another process (close it and retry)")
    return StoreError(f"cannot use the store at {where}: {message}")

