"""`natokg serve`: a read-only SPARQL endpoint and a query page over the local store."""
from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef

from kg.errors import StoreError
from kg.queries import catalogue, run
from kg.remote import SparqlEndpointStore
from kg.serve import make_server, url_of
from kg.store import load_dataset, open_store, to_ox

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
ID = "https://w3id.org/natokg/id/"
NK = "https://w3id.org/natokg/ontology#"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    with open_store(path) as store:
        load_dataset(store, MINI)
        tricky = rdflib.Graph()
        fund = URIRef(ID + "fund/tricky")
        tricky.add((fund, rdflib.RDF.type, URIRef(NK + "Fund")))
        tricky.add((fund, URIRef(NK + "name"), Literal("<script>alert('x')</script> & co")))
        store.replace_graph(ID + "graph/letter/tricky", tricky)
    return path


@pytest.fixture(scope="module")
def base(store_dir):
    server = make_server(store_dir, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url_of(server)
    server.shutdown()
    server.server_close()


def get(url: str, accept: str | None = None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.headers.get("Content-Type", ""), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def post(url: str, body: bytes, content_type: str):
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _terms(rows):
    return [tuple(None if t is None else str(to_ox(t)) for t in row) for row in rows]


@pytest.mark.parametrize("union", [False, True])
def test_every_stored_query_answers_as_the_store_does(base, store_dir, union):
    remote = SparqlEndpointStore(base + "sparql", union_default_graph=union)
    with open_store(store_dir, read_only=True) as local:
        for name in catalogue():
            assert _terms(run(remote, name, {}).rows) == _terms(run(local, name, {}).rows), name
        params = {"session": "4", "role": "partner"}
        assert _terms(run(remote, "session-participants", params).rows) == \
            _terms(run(local, "session-participants", params).rows)


def test_results_formats_by_accept_and_by_format(base):
    query = urllib.parse.quote("SELECT ?n WHERE { ?f <https://w3id.org/natokg/ontology#name> ?n } ORDER BY ?n")
    status, kind, body = get(f"{base}sparql?query={query}", "application/sparql-results+json")
    assert status == 200 and kind.startswith("application/sparql-results+json")
    assert "<script>alert('x')</script> & co" in [b["n"]["value"] for b in json.loads(body)["results"]["bindings"]]
    status, kind, body = get(f"{base}sparql?query={query}&format=csv")
    assert status == 200 and kind.startswith("text/csv") and body.startswith(b"n\r\n")
    status, kind, _ = get(f"{base}sparql?query={query}", "text/tab-separated-values")
    assert kind.startswith("text/tab-separated-values")
    status, kind, body = get(f"{base}sparql?query={query}", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert kind.startswith("text/html")
    assert b"&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in body and b"<script>" not in body


def test_construct_answers_turtle(base):
    query = urllib.parse.quote("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c } LIMIT 3")
    status, kind, body = get(f"{base}sparql?query={query}", "text/turtle")
    assert status == 200 and kind.startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=body, format="turtle")) == 3


def test_post_forms_and_direct_queries(base):
    status, body = post(base + "sparql", b"ASK { ?s ?p ?o }", "application/sparql-query")
    assert status == 200 and json.loads(body)["boolean"] is True
    form = urllib.parse.urlencode({"query": "ASK { <urn:nothing> ?p ?o }"}).encode()
    status, body = post(base + "sparql", form, "application/x-www-form-urlencoded")
    assert status == 200 and json.loads(body)["boolean"] is False


def test_it_is_read_only(base, store_dir):
    update = b"DROP ALL"
    assert post(base + "sparql", update, "application/sparql-update")[0] == 403
    assert post(base + "sparql", urllib.parse.urlencode({"update": "DROP ALL"}).encode(),
                "application/x-www-form-urlencoded")[0] == 403
    assert post(base + "sparql", b"DROP ALL", "application/sparql-query")[0] == 400  # not a query
    request = urllib.request.Request(base + "sparql", data=b"", method="PUT")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    with open_store(store_dir, read_only=True) as store:
        assert store.triple_count() > 0


def test_bad_queries_are_400(base):
    status, kind, body = get(base + "sparql?query=" + urllib.parse.quote("SELECT WHERE {"))
    assert status == 400 and b"invalid SPARQL" in body
    assert get(base + "sparql")[0] == 400
    assert get(base + "nowhere")[0] == 404


def test_the_page_lists_the_stored_queries(base):
    status, kind, body = get(base)
    assert status == 200 and kind.startswith("text/html")
    for name in catalogue():
        assert f"/stored/{name}".encode() in body
    status, _, body = get(base + "?stored=letters")
    assert b"nk:sourceFile" in body  # the stored query's text in the form


def test_a_stored_query_with_parameters(base):
    status, kind, body = get(base + "stored/session-participants?session=4&role=partner")
    assert status == 200 and b"Moldova" in body and b"Finland" not in body
    status, kind, body = get(base + "stored/session-participants?session=4&role=partner&format=csv")
    assert kind.startswith("text/csv") and body.count(b"\r\n") == 4
    assert get(base + "stored/session-participants?session=four")[0] == 400
    assert get(base + "stored/nothing")[0] == 404


def test_a_missing_store_is_refused(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        make_server(tmp_path / "none", "127.0.0.1", 0)
