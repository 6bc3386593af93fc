"""A remote SPARQL 1.1 server as a natokg store: the second implementation of `GraphStore`.

Queries go through SPARQLWrapper (SPARQL 1.1 Protocol, POST, results as SPARQL JSON); graphs are
written with the SPARQL 1.1 Graph Store HTTP Protocol (PUT) or SPARQL 1.1 Update
(`DROP SILENT GRAPH` + `INSERT DATA`, one request), both idempotent. The HTTP details
(credentials, timeouts, retries) are in `kg.transport`.

Binding parameters. The protocol has no way to send bindings beside a query, so a stored query's
parameters travel as a `VALUES` block built from escaped RDF terms (`sparql_term`), never pasted
query text. The block goes first in the query's outermost WHERE group, where it joins before
everything else in the group, as a substitution does: OPTIONALs and FILTERs of that group see the
variable bound (a trailing VALUES after the WHERE clause would join only at the end, which is how
rdflib's SPARQLStore binds and why it answers differently: RDFLib/rdflib#1772). As on the
embedded store, a bound variable must be in the SELECT projection.

The dataset. natokg keeps everything in named graphs and queries their union. By default the
store asks the server for natokg's graphs (those under `{data base}graph/`) and names them as
`default-graph-uri` and `named-graph-uri` parameters, so the default graph is exactly natokg's
data (and GRAPH ?g sees its graphs) even on a server that holds other datasets;
`union_default_graph=True` trusts the server's own dataset instead (`oxigraph serve
--union-default-graph`, GraphDB, Virtuoso).
"""
from __future__ import annotations

import json
import re
import urllib.parse
import warnings
from typing import Iterable, Mapping

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Identifier, Literal, URIRef
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper

from kg import iris
from kg.errors import QueryError, RemoteError
from kg.store import XSD_STRING, Row, to_ox
from kg.transport import Client, Credentials, check_url, redact

NTRIPLES = "application/n-triples"
# N-Triples is Turtle, and every graph store takes Turtle (Virtuoso's takes little else).
GRAPH_CONTENT_TYPE = "text/turtle; charset=utf-8"
_IRI_REF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_NAME = re.compile(r"[A-Za-z0-9_\u00b7\u00c0-\uffff]")


class SparqlEndpointStore:
    """A SPARQL 1.1 query endpoint, with its update endpoint or graph store when there is one.

    `endpoint` answers queries; `update_endpoint` takes SPARQL Update; `graph_store` takes the
    Graph Store Protocol. Writes use the graph store when there is one, else SPARQL Update at
    `update_endpoint` (default: `endpoint`, which Fuseki and Virtuoso accept).
    """

    def __init__(self, endpoint: str, *, update_endpoint: str | None = None, graph_store: str | None = None,
                 credentials: Credentials | None = None, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 0.5, union_default_graph: bool = False, client: Client | None = None):
        self.endpoint = check_url(endpoint, "endpoint")
        self.update_endpoint = check_url(update_endpoint, "update endpoint") if update_endpoint else None
        self.graph_store = check_url(graph_store, "graph store") if graph_store else None
        self.union_default_graph = union_default_graph
        self.client = client or Client(credentials=credentials, timeout=timeout, retries=retries, backoff=backoff)
        self._graphs: list[str] | None = None  # natokg's graphs on the server, until a write

    def __enter__(self) -> SparqlEndpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SparqlEndpointStore({redact(self.endpoint)!r})"

    @property
    def write_method(self) -> str:
        """"gsp" (Graph Store Protocol PUT) or "update" (SPARQL Update)."""
        return "gsp" if self.graph_store else "update"

    @property
    def write_target(self) -> str:
        return self.graph_store or self.update_endpoint or self.endpoint

    # --- reading ---

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> tuple[list[str], list[Row]]:
        """Run a SELECT over natokg's graphs; `bindings` travel as a leading VALUES block."""
        document = self._query(bind_values(query, bindings), JSON, "SELECT")
        if not isinstance(document, dict) or "head" not in document or "results" not in document:
            raise QueryError("the query is not a SELECT query (the endpoint gave no result table)")
        names = list(document["head"].get("vars", []))
        rows = [tuple(_json_term(binding.get(name)) for name in names)
                for binding in document["results"].get("bindings", [])]
        return names, rows

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> rdflib.Graph:
        """Run a CONSTRUCT or DESCRIBE over natokg's graphs."""
        data = self._query(bind_values(query, bindings), TURTLE, "CONSTRUCT")
        if isinstance(data, rdflib.Graph):
            return data
        graph = rdflib.Graph()
        try:
            graph.parse(data=data if isinstance(data, (bytes, str)) else bytes(data), format="turtle")
        except Exception as error:  # noqa: BLE001 - whatever the parser dislikes
            raise RemoteError(f"{redact(self.endpoint)}: the CONSTRUCT result is not Turtle ({error})") from None
        return graph

    def graphs(self) -> list[str]:
        """natokg's named graphs on the server (those under the data base's `graph/`), sorted."""
        if self._graphs is None:
            query = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                     f"FILTER(STRSTARTS(STR(?g), {sparql_term(Literal(_graph_base()))})) }}")
            document = self._query(query, JSON, "SELECT", dataset=False)
            found = {_json_term(b.get("g")) for b in document["results"]["bindings"]}
            self._graphs = sorted(str(g) for g in found if isinstance(g, URIRef))
        return list(self._graphs)

    def graph_sizes(self, graphs: Iterable[str] | None = None) -> dict[str, int]:
        """Triples per named graph on the server (natokg's graphs, or the ones named)."""
        wanted = sorted(set(graphs)) if graphs is not None else None
        if wanted == []:
            return {}
        values = ("VALUES ?g { " + " ".join(sparql_term(URIRef(g)) for g in wanted) + " }\n") if wanted else ""
        query = ("SELECT ?g (COUNT(*) AS ?n) WHERE {\n" + values + "GRAPH ?g { ?s ?p ?o }\n"
                 + ("" if wanted else f"FILTER(STRSTARTS(STR(?g), {sparql_term(Literal(_graph_base()))}))\n")
                 + "} GROUP BY ?g")
        document = self._query(query, JSON, "SELECT", dataset=False)
        sizes = {}
        for binding in document["results"]["bindings"]:
            graph, count = _json_term(binding.get("g")), _json_term(binding.get("n"))
            sizes[str(graph)] = int(str(count))
        return sizes

    def triple_count(self) -> int:
        """Quads in natokg's graphs on the server (a triple stated by two letters counts twice)."""
        return sum(self.graph_sizes().values())

    def dump(self, format: str = "nquads") -> bytes:
        """natokg's graphs on the server as N-Quads ("nquads") or TriG ("trig")."""
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
        if format not in formats:
            raise ValueError(f"cannot dump as {format!r}; use one of {', '.join(formats)}")
        query = ("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                 f"FILTER(STRSTARTS(STR(?g), {sparql_term(Literal(_graph_base()))})) }}")
        document = self._query(query, JSON, "SELECT", dataset=False)
        quads = []
        for b in document["results"]["bindings"]:
            g, s, p, o = (to_ox(_json_term(b.get(name))) for name in ("g", "s", "p", "o"))
            quads.append(ox.Quad(s, p, o, g))
        return ox.serialize(quads, format=formats[format])

    # --- writing ---

    def put_graph(self, graph_iri: str, ntriples: bytes) -> int:
        """Make the named graph on the server hold exactly these N-Triples; returns the attempts.

        Graph Store Protocol: one PUT (replaces the graph). SPARQL Update: one request
        `DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }`. Both are idempotent, so a retry
        or a second run leaves the same graph.
        """
        graph = URIRef(ox.NamedNode(str(graph_iri)).value)  # a valid IRI, or ValueError
        self._graphs = None
        if self.graph_store:
            response = self.client.request("PUT", _with_graph(self.graph_store, str(graph)), data=ntriples,
                                           headers={"Content-Type": GRAPH_CONTENT_TYPE},
                                           what=f"graph {graph}")
            return response.attempts
        update = (f"DROP SILENT GRAPH {sparql_term(graph)} ;\nINSERT DATA {{ GRAPH {sparql_term(graph)} {{\n"
                  + ntriples.decode("utf-8") + "\n} }")
        return self._update(update)

    def replace_graph(self, graph_iri: str, triples: rdflib.Graph) -> None:
        """Make the named graph on the server hold exactly `triples`."""
        self.put_graph(graph_iri, ntriples(triples))

    def remove_graph(self, graph_iri: str) -> None:
        """Drop a named graph on the server; nothing happens when it is not there."""
        graph = URIRef(ox.NamedNode(str(graph_iri)).value)
        self._graphs = None
        if self.graph_store:
            try:
                self.client.request("DELETE", _with_graph(self.graph_store, str(graph)), what=f"graph {graph}")
            except RemoteError as error:
                if error.status != 404:
                    raise
            return
        self._update(f"DROP SILENT GRAPH {sparql_term(graph)}")

    def close(self) -> None:
        """Nothing to release: every request is a connection of its own."""

    # --- plumbing ---

    def _update(self, update: str) -> int:
        target = self.update_endpoint or self.endpoint
        response = self.client.request("POST", target, data=update.encode("utf-8"),
                                       headers={"Content-Type": "application/sparql-update; charset=utf-8"},
                                       what="update")
        return response.attempts

    def _query(self, query: str, return_format: str, kind: str, *, dataset: bool = True):
        wrapper = _Wrapper(self.endpoint, self.client)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(URLENCODED)
        wrapper.setOnlyConneg(True)  # no format=/output= parameters: the Accept header says it
        wrapper.setReturnFormat(return_format)
        if dataset and not self.union_default_graph:
            # natokg's graphs are the default graph (their merge) and the named graphs (for
            # GRAPH ?g); naming only default graphs would leave the dataset no named graphs.
            graphs = self.graphs()
            for graph in graphs or [_graph_base() + "none"]:  # none yet: an empty default graph
                wrapper.addParameter("default-graph-uri", graph)
            for graph in graphs:
                wrapper.addParameter("named-graph-uri", graph)
        wrapper.setQuery(query)
        try:
            with warnings.catch_warnings():
                # An answer of another type is reported below, as one line, not warned about.
                warnings.filterwarnings("ignore", "unknown response content type", RuntimeWarning)
                answer = wrapper.query().convert()
        except RemoteError as error:
            if error.status == 400:
                raise QueryError(f"the endpoint refused the query: {error}") from None
            raise
        except (ValueError, json.JSONDecodeError) as error:
            raise RemoteError(f"{redact(self.endpoint)}: cannot read the {kind} result ({error})") from None
        if return_format == JSON and not isinstance(answer, dict):
            # SPARQLWrapper hands back the bytes of an answer that is not SPARQL JSON.
            raise RemoteError(f"{redact(self.endpoint)}: cannot read the {kind} result (the answer is not SPARQL JSON)")
        return answer


class _Answer:
    """Just enough of an HTTP response for SPARQLWrapper's QueryResult."""

    def __init__(self, body: bytes, headers: Mapping[str, str], url: str):
        self._body, self._headers, self._url = body, headers, url

    def read(self) -> bytes:
        return self._body

    def info(self) -> Mapping[str, str]:
        return {k.lower(): v for k, v in self._headers.items()}

    def geturl(self) -> str:
        return self._url

    def __iter__(self):
        return iter(self._body.splitlines(keepends=True))


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper building the protocol request; natokg's client sending it (retries,
    timeouts, credentials from the environment, no redirects)."""

    def __init__(self, endpoint: str, client: Client):
        super().__init__(endpoint, agent="natokg")
        self._client = client

    def _query(self):
        request = self._createRequest()
        headers = {name: value for name, value in request.header_items()
                   if name.lower() not in ("authorization", "user-agent")}
        response = self._client.request(request.get_method(), request.full_url, data=request.data,
                                        headers=headers, what="query")
        return _Answer(response.body, response.headers, request.full_url), self.returnFormat


# --- terms and VALUES ---


def sparql_term(term: Identifier) -> str:
    """An RDF term in SPARQL syntax, safe to place in a query whatever its text.

    Strings are escaped for SPARQL string literals (`\\\\`, `\\"`, `\\n`, `\\r`, `\\t`; other
    control characters as `\\U000000XX`), and a `u` or `U` right after an escaped backslash is
    written `\\U00000075`/`\\U00000055`, so the value reads the same whether a server decodes
    `\\u` escapes in a pass before parsing (SPARQL 1.1 section 19.2; rdflib does, even after an
    escaped backslash) or not. Always the eight-digit form: a four-digit escape followed by hex
    digits of the value would be read as eight digits by such a pass. IRIs are checked by pyoxigraph, so
    they cannot hold `>`, spaces or quotes. Blank nodes cannot be sent as values.
    """
    if isinstance(term, URIRef):
        return f"<{ox.NamedNode(str(term)).value}>"
    if isinstance(term, Literal):
        quoted = _quote(str(term))
        if term.language:
            return f"{quoted}@{ox.Literal('x', language=term.language).language}"
        if term.datatype and str(term.datatype) != XSD_STRING:
            return f"{quoted}^^<{ox.NamedNode(str(term.datatype)).value}>"
        return quoted
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be sent to a SPARQL endpoint as a parameter value")
    raise TypeError(f"not an RDF term: {term!r}")


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _quote(text: str) -> str:
    out = []
    previous_backslash = False
    for ch in text:
        if previous_backslash and ch in "uU":
            out.append("\\U00000075" if ch == "u" else "\\U00000055")
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\U{ord(ch):08X}")
        else:
            out.append(ch)
        previous_backslash = ch == "\\"
    return '"' + "".join(out) + '"'


def values_block(bindings: Mapping[str, Identifier]) -> str:
    """`VALUES (?a ?b) { (term term) }` for one row of bindings."""
    names = [_variable(name) for name in sorted(bindings)]
    variables = " ".join(f"?{name}" for name in names)
    terms = " ".join(sparql_term(bindings[name]) for name in names)
    return f"VALUES ({variables}) {{ ({terms}) }}"


def bind_rows(query: str, variable: str, terms: Iterable[Identifier]) -> str:
    """The query with `VALUES ?variable { term ... }` at the start of its outermost WHERE group:
    many values for one variable, where pyoxigraph's substitutions take one."""
    block = f"VALUES ?{_variable(variable)} {{ " + " ".join(sparql_term(term) for term in terms) + " }"
    return _in_where(query, list(_tokens(query)), block)


def bind_values(query: str, bindings: Mapping[str, Identifier] | None) -> str:
    """The query with `bindings` as a VALUES block at the start of its outermost WHERE group."""
    if not bindings:
        return query
    tokens = list(_tokens(query))
    projected = _projection(tokens)
    missing = sorted(name for name in bindings if projected is not None and name not in projected)
    if missing:
        raise QueryError("a bound variable must be in the SELECT projection: "
                         + ", ".join(f"?{name}" for name in missing))
    return _in_where(query, tokens, values_block(bindings))


def _variable(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_\u00b7\u00c0-\uffff]+", name):
        raise QueryError(f"not a SPARQL variable name: {name!r}")
    return name


def _in_where(query: str, tokens: list[tuple], block: str) -> str:
    where = _where_brace(tokens)
    if where is None:
        raise QueryError("cannot find the query's WHERE clause to bind its parameters")
    return query[: where + 1] + "\n  " + block + "\n" + query[where + 1:]


def _tokens(query: str):
    """(kind, text, start, brace depth, paren depth) for the parts of a query that matter here:
    words, variables, braces, parentheses and `*`; strings, IRIs and comments are skipped whole,
    so a `{` or `#` inside them is never taken for syntax."""
    i, n = 0, len(query)
    braces = parens = 0
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch == "#":
            end = query.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch == "<":
            match = _IRI_REF.match(query, i)
            i = match.end() if match else i + 1
        elif ch in "\"'":
            i = _skip_string(query, i)
        elif ch in "?$":
            j = i + 1
            while j < n and _NAME.match(query[j]):
                j += 1
            yield "var", query[i + 1: j], i, braces, parens
            i = j
        elif ch == "{":
            yield "{", ch, i, braces, parens
            braces += 1
            i += 1
        elif ch == "}":
            braces -= 1
            yield "}", ch, i, braces, parens
            i += 1
        elif ch == "(":
            yield "(", ch, i, braces, parens
            parens += 1
            i += 1
        elif ch == ")":
            parens -= 1
            yield ")", ch, i, braces, parens
            i += 1
        elif _NAME.match(ch) or ch == ":":
            j = i
            while j < n and (_NAME.match(query[j]) or query[j] in ":-.%\\"):
                j += 2 if query[j] == "\\" else 1
            word = query[i:j].rstrip(".")
            yield "word", word, i, braces, parens
            i += max(len(word), 1)
        else:
            yield "punct", ch, i, braces, parens
            i += 1


def _skip_string(query: str, i: int) -> int:
    quote = query[i]
    long = query.startswith(quote * 3, i)
    j = i + (3 if long else 1)
    while j < len(query):
        if query[j] == "\\":
            j += 2
        elif long and query.startswith(quote * 3, j):
            return j + 3
        elif not long and query[j] == quote:
            return j + 1
        else:
            j += 1
    raise QueryError("the query has an unterminated string")


def _projection(tokens: list[tuple]) -> set[str] | None:
    """The variables a SELECT projects; None for SELECT * or a query that is no SELECT."""
    projected: set[str] = set()
    in_select = False
    after_as = False
    for kind, text, _, braces, parens in tokens:
        if kind == "word" and text.upper() == "SELECT" and braces == 0:
            in_select = True
            continue
        if not in_select:
            continue
        if kind == "{" or (kind == "word" and text.upper() in ("WHERE", "FROM") and parens == 0):
            return projected
        if kind == "punct" and text == "*" and parens == 0:
            return None
        if kind == "word" and text.upper() == "AS":
            after_as = True
            continue
        if kind == "var" and (parens == 0 or after_as):
            projected.add(text)
        after_as = False
    return None


def _where_brace(tokens: list[tuple]) -> int | None:
    """Offset of the `{` that opens the outermost WHERE group."""
    seen_where = False
    first_brace = None
    for kind, text, start, braces, parens in tokens:
        if braces != 0:
            continue
        if kind == "word" and text.upper() == "WHERE" and parens == 0:
            seen_where = True
        elif kind == "{" and parens == 0:
            if seen_where:
                return start
            if first_brace is None:
                first_brace = start
    return first_brace  # SELECT/ASK/DESCRIBE may leave out the WHERE keyword


def _json_term(value: Mapping[str, str] | None) -> Identifier | None:
    """A term of the SPARQL 1.1 JSON results format as an rdflib term (lexical form kept)."""
    if value is None:
        return None
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):  # typed-literal: Virtuoso's older form
        if value.get("xml:lang"):
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype != XSD_STRING:
            return Literal(text, datatype=URIRef(datatype), normalize=False)
        return Literal(text)
    raise RemoteError(f"the endpoint answered with a term natokg cannot read: {kind!r}")


def ntriples(graph: rdflib.Graph) -> bytes:
    """An rdflib graph as sorted N-Triples (pyoxigraph's escaping; fresh blank node labels)."""
    fresh: dict[BNode, ox.BlankNode] = {}

    def term(t):
        return str(fresh.setdefault(t, ox.BlankNode())) if isinstance(t, BNode) else str(to_ox(t))

    lines = sorted(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in graph)
    return "".join(lines).encode("utf-8")


def _graph_base() -> str:
    return str(iris.data_base()) + "graph/"


def _with_graph(store_url: str, graph: str) -> str:
    separator = "&" if urllib.parse.urlsplit(store_url).query else "?"
    return f"{store_url}{separator}graph={urllib.parse.quote(graph, safe='')}"


__all__ = ["SparqlEndpointStore", "bind_values", "sparql_term", "values_block", "ntriples"]


def connect(endpoint: str, *, update_endpoint: str | None = None, graph_store: str | None = None,
            union_default_graph: bool = False, timeout: float = 30.0, retries: int = 3) -> SparqlEndpointStore:
    """A SparqlEndpointStore with credentials from the environment (kg.transport), for the CLI."""
    from kg.transport import credentials_from_env

    return SparqlEndpointStore(endpoint, update_endpoint=update_endpoint, graph_store=graph_store,
                               credentials=credentials_from_env(), timeout=timeout, retries=retries,
                               union_default_graph=union_default_graph)


def plain_http_warning(store: SparqlEndpointStore) -> str | None:
    """A warning when credentials would cross the network unencrypted (http:// to another host)."""
    from kg.transport import is_loopback

    if store.client.credentials is None:
        return None
    urls = [u for u in (store.endpoint, store.update_endpoint, store.graph_store) if u]
    exposed = [u for u in urls if u.lower().startswith("http://") and not is_loopback(u)]
    if exposed:
        return f"credentials go unencrypted over http:// to {redact(exposed[0])}; use https://"
    return None
