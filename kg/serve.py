"""`natokg serve`: a read-only SPARQL endpoint and a query page over the local store.

A small standard-library HTTP server over pyoxigraph, for a person exploring the graph:
- `/` is a page with a query form and the stored queries (each with a form for its parameters);
- `/sparql` (also `/query`) speaks the SPARQL 1.1 Protocol for queries (GET, POST form, POST
  `application/sparql-query`; `default-graph-uri` and `named-graph-uri`), answering in SPARQL
  JSON, XML, CSV or TSV (SELECT, ASK) or Turtle, N-Triples, RDF/XML, JSON-LD (CONSTRUCT,
  DESCRIBE), chosen by the Accept header or `format=`; a browser gets an HTML table;
- `/stored/NAME?param=value` runs a stored query with its parameters bound (kg.queries).

Read-only in three ways: the store is opened read-only, the server parses queries only (an
update is refused with 403), and it has no PUT/DELETE. Each request opens the store afresh, so
the page shows what was ingested a moment ago. It binds 127.0.0.1 unless told otherwise.
Queries cannot be cancelled (pyoxigraph has no timeout); a person exploring is the audience.
"""
from __future__ import annotations

import html
import os
import sys
import urllib.parse
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from kg import __version__
from kg.errors import NatokgError
from kg.store import from_ox, open_store

MAX_BODY = 1 << 20  # a query larger than 1 MiB is refused
RESULT_FORMATS = {  # format= value -> (pyoxigraph format, media type)
    "json": (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
    "xml": (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
    "csv": (ox.QueryResultsFormat.CSV, "text/csv; charset=utf-8"),
    "tsv": (ox.QueryResultsFormat.TSV, "text/tab-separated-values; charset=utf-8"),
}
GRAPH_FORMATS = {
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle; charset=utf-8"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "rdfxml": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
}
_MEDIA = {media.split(";")[0]: name for name, (_, media) in {**RESULT_FORMATS, **GRAPH_FORMATS}.items()}
_MEDIA.update({"application/json": "json", "text/plain": "ntriples", "application/xml": "xml"})
EXAMPLE = """PREFIX nk: <https://w3id.org/natokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

SELECT ?meeting ?label WHERE {
  ?meeting a nk:Meeting ; rdfs:label ?label .
  FILTER(LANG(?label) = "en")
}
ORDER BY ?meeting
LIMIT 100"""


def make_server(store_path: str | os.PathLike[str] | None, host: str = "127.0.0.1", port: int = 7878) -> ThreadingHTTPServer:
    """A server (not yet serving) over the store at `store_path`; port 0 picks a free port.

    The store must exist: serving an empty directory would only confuse.
    """
    with open_store(store_path, read_only=True):
        pass  # raises StoreError with a plain message when there is no store
    handler = partial(_Handler, store_path=Path(store_path) if store_path is not None else None)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host if ':' not in str(host) else f'[{host}]'}:{port}/"


class _Handler(BaseHTTPRequestHandler):
    server_version = f"natokg/{__version__}"

    def __init__(self, *args, store_path: Path | None, **kwargs):
        self.store_path = store_path
        super().__init__(*args, **kwargs)

    # --- routing ---

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            self._page(params)
        elif url.path in ("/sparql", "/query"):
            self._protocol(params)
        elif url.path.startswith("/stored/"):
            self._stored(urllib.parse.unquote(url.path[len("/stored/"):]), params)
        else:
            self._text(HTTPStatus.NOT_FOUND, "not found; the query page is at /")

    def do_POST(self) -> None:  # noqa: N802
        url = urllib.parse.urlsplit(self.path)
        if url.path not in ("/sparql", "/query"):
            self._text(HTTPStatus.NOT_FOUND, "POST queries to /sparql")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the query is too large")
            return
        body = self.rfile.read(length)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            self._read_only()
            return
        if kind == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        elif kind == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            self._text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                       "send application/sparql-query or application/x-www-form-urlencoded")
            return
        self._protocol(params)

    def do_PUT(self) -> None:  # noqa: N802
        self._read_only()

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's signature
        # One short line per request on stderr, without the query string (it can be long).
        request = str(args[0]).split("?")[0] if args else ""
        status = args[1] if len(args) > 1 else ""
        print(f"{self.address_string()} {request} {status}", file=sys.stderr)

    # --- the SPARQL protocol ---

    def _protocol(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._read_only()
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._text(HTTPStatus.BAD_REQUEST, "give exactly one query (query=...)")
            return
        options = {"use_default_graph_as_union": True}
        try:
            if params.get("default-graph-uri"):
                options = {"default_graph": [ox.NamedNode(g) for g in params["default-graph-uri"]]}
            if params.get("named-graph-uri"):
                options["named_graphs"] = [ox.NamedNode(g) for g in params["named-graph-uri"]]
        except ValueError as error:
            self._text(HTTPStatus.BAD_REQUEST, f"not an IRI: {error}")
            return
        try:
            with open_store(self.store_path, read_only=True) as store:
                answer = store.oxigraph.query(queries[0], **options)
                if isinstance(answer, ox.QueryTriples):
                    self._graph_answer(answer, params)
                else:
                    self._results_answer(answer, params)
        except SyntaxError as error:
            self._text(HTTPStatus.BAD_REQUEST, f"invalid SPARQL query: {error}")
        except (NatokgError, OSError, RuntimeError) as error:
            self._text(HTTPStatus.INTERNAL_SERVER_ERROR, " ".join(str(error).split()))

    def _choose(self, params: dict[str, list[str]], allowed: dict, default: str) -> str | None:
        asked = (params.get("format") or [""])[0].lower()
        if asked:
            return asked if asked in allowed or asked == "html" else None
        for media in _accepted(self.headers.get("Accept", "")):
            if media == "text/html":
                return "html"
            if _MEDIA.get(media) in allowed:
                return _MEDIA[media]
            if media in ("*/*", f"{default.split('/')[0]}/*"):
                return default
        return default

    def _results_answer(self, answer, params) -> None:
        choice = self._choose(params, RESULT_FORMATS, "json")
        if choice is None:
            self._text(HTTPStatus.NOT_ACCEPTABLE, f"format is one of html, {', '.join(RESULT_FORMATS)}")
        elif choice == "html":
            query = params["query"][0]
            if isinstance(answer, ox.QuerySolutions):
                names = [v.value for v in answer.variables]
                rows = [[from_ox(t) for t in solution] for solution in answer]
                body = _table(names, rows)
            else:
                body = f"<p class=answer>{'yes' if bool(answer) else 'no'}</p>"
            self._html(_layout("Results", _form(query) + body))
        else:
            fmt, media = RESULT_FORMATS[choice]
            self._send(HTTPStatus.OK, media, answer.serialize(format=fmt))

    def _graph_answer(self, answer, params) -> None:
        choice = self._choose(params, GRAPH_FORMATS, "turtle")
        if choice is None:
            self._text(HTTPStatus.NOT_ACCEPTABLE, f"format is one of html, {', '.join(GRAPH_FORMATS)}")
            return
        fmt, media = GRAPH_FORMATS["turtle" if choice == "html" else choice]
        data = answer.serialize(format=fmt)
        if choice == "html":
            body = f"<pre>{html.escape(data.decode('utf-8'))}</pre>"
            self._html(_layout("Results", _form(params["query"][0]) + body))
        else:
            self._send(HTTPStatus.OK, media, data)

    # --- the stored queries ---

    def _stored(self, name: str, params: dict[str, list[str]]) -> None:
        from kg.queries import catalogue, run
        from kg.results import FORMATS, render

        known = catalogue()
        if name not in known:
            self._text(HTTPStatus.NOT_FOUND, f"no stored query {name!r}")
            return
        fmt = (params.pop("format", None) or ["html"])[0]
        if fmt != "html" and fmt not in FORMATS:
            self._text(HTTPStatus.NOT_ACCEPTABLE, f"format is one of html, {', '.join(FORMATS)}")
            return
        values = {key: vals[0] for key, vals in params.items() if vals and vals[0].strip()}
        try:
            with open_store(self.store_path, read_only=True) as store:
                result = run(store, name, values)
        except NatokgError as error:
            self._text(HTTPStatus.BAD_REQUEST, " ".join(str(error).split()))
            return
        if fmt == "html":
            query = known[name]
            body = (f"<p>{html.escape(query.summary)}</p>" + _stored_form(query, values)
                    + _table(result.vars, result.rows))
            self._html(_layout(name, body))
            return
        media = {"json": "application/sparql-results+json", "csv": "text/csv; charset=utf-8",
                 "tsv": "text/tab-separated-values; charset=utf-8", "table": "text/plain; charset=utf-8"}[fmt]
        self._send(HTTPStatus.OK, media, render(result, fmt).encode("utf-8"))

    # --- the page ---

    def _page(self, params: dict[str, list[str]]) -> None:
        from kg.queries import catalogue

        known = catalogue()
        chosen = (params.get("stored") or [""])[0]
        query = known[chosen].text if chosen in known else EXAMPLE
        items = "".join(
            f"<li><a href='/stored/{urllib.parse.quote(q.name)}'>{html.escape(q.name)}</a> "
            f"(<a href='/?stored={urllib.parse.quote(q.name)}'>edit</a>): {html.escape(q.summary)}</li>"
            for q in known.values())
        body = (_form(query) + "<h2>Stored queries</h2><ul>" + items + "</ul>"
                "<p>The SPARQL endpoint is <code>/sparql</code> (read-only; SPARQL 1.1 Protocol).</p>")
        self._html(_layout("query the knowledge graph", body))

    # --- answers ---

    def _read_only(self) -> None:
        self._text(HTTPStatus.FORBIDDEN, "this endpoint is read-only: natokg serve answers queries only")

    def _text(self, status: HTTPStatus, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def _html(self, page: str) -> None:
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", page.encode("utf-8"))

    def _send(self, status: HTTPStatus, media: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        if media.startswith("text/html"):
            self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _accepted(header: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, ties in header order)."""
    ranked = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, position, fields[0].lower()))
    return [media for _, _, media in sorted(ranked)]


_STYLE = """body{font-family:sans-serif;margin:2em;max-width:80em}textarea{width:100%;font-family:monospace}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#eee}code,pre{background:#f6f6f6}"""


def _layout(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{html.escape(title)} — natokg</title>"
            f"<style>{_STYLE}</style></head><body><h1><a href='/'>natokg</a>: {html.escape(title)}</h1>"
            f"{body}</body></html>")


def _form(query: str) -> str:
    return ("<form method=post action='/sparql'><textarea name=query rows=14>" + html.escape(query)
            + "</textarea><p><label>format <select name=format><option>html</option>"
            + "".join(f"<option>{name}</option>" for name in (*RESULT_FORMATS, *GRAPH_FORMATS))
            + "</select></label> <button>Run</button></p></form>")


def _stored_form(query, values: dict[str, str]) -> str:
    if not query.parameters:
        return ""
    fields = "".join(
        f"<label>{html.escape(p.name)} <input name='{html.escape(p.name)}' "
        f"value='{html.escape(values.get(p.name, ''))}' placeholder='{html.escape(p.description)}'></label> "
        for p in query.parameters)
    return f"<form method=get>{fields}<button>Run</button></form>"


def _table(names: list[str], rows) -> str:
    from kg.results import plain

    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(plain(t))}</td>" for t in row) + "</tr>" for row in rows)
    count = len(rows)
    return f"<table><tr>{head}</tr>{body}</table><p>{count} row{'s' if count != 1 else ''}</p>"
