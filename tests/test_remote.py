"""The remote store: every stored query gives the same rows from three engines (rdflib in memory,
the embedded Oxigraph store, an Oxigraph server fed by `publish`), and parameter values reach the
server as values, never as query text."""
from __future__ import annotations

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import Namespace

from conftest import CORPUS
from kg import pipeline
from kg.cli import cli
from kg.errors import QueryError
from kg.publish import publish
from kg.queries import catalogue, run
from kg.remote import SparqlEndpointStore, bind_rows, bind_values, sparql_term, values_block
from kg.store import OxigraphStore, open_store, to_ox
from servers import ScriptedServer, start_oxigraph

# A plain namespace: rdflib's closed XSD warns when pytest probes a module's names.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

ID = "https://w3id.org/natokg/id/"
NK = "https://w3id.org/natokg/ontology#"
# A value that would break out of any query it were pasted into.
EVIL = 'x" } } ; DROP ALL ; # not a comment\n> <urn:x> \'\'\' """ \\u0022 \\ {{ ?fund_key }} \r\t end'


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus-store")
    with open_store(path) as store:
        outcomes = pipeline.ingest_paths([CORPUS], store)
    assert outcomes and all(o.ingested for o in outcomes)
    return path


@pytest.fixture(scope="module")
def local(corpus_dir):
    with open_store(corpus_dir, read_only=True) as store:
        yield store


@pytest.fixture(scope="module")
def server():
    started = start_oxigraph()
    yield started
    started.stop()


@pytest.fixture(scope="module")
def remote(server, local):
    store = SparqlEndpointStore(server.query, graph_store=server.store, backoff=0)
    report = publish(local, store)
    assert report.ok, report.summary()
    return store


@pytest.fixture(scope="module")
def in_memory(local):
    """rdflib's own SPARQL engine over the same quads; its default graph is their union."""
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=local.dump("nquads"), format="nquads")
    return dataset


def _terms(rows) -> list[tuple]:
    """Rows as N-Triples strings: exact lexical forms, datatypes and languages."""
    return [tuple(None if t is None else str(to_ox(t)) for t in row) for row in rows]


NONSENSE = {"integer": ["99"], "iri": ["urn:x-natokg:none"], "code": ["ZZ"], "notation": ["observer"],
            "string": ["no such thing", EVIL]}


def _cases(local):
    """Each stored query unbound, then with values of each parameter taken from its own answer
    (and values that match nothing), then with two parameters together."""
    for name, query in catalogue().items():
        yield name, {}
        names, rows = local.select(query.text, {})
        samples = {}
        for parameter in query.parameters:
            found = []
            for var in (parameter.var or parameter.name, parameter.text_var):
                if var in names:
                    i = names.index(var)
                    found += sorted({str(r[i]) for r in rows if r[i] is not None})[:3]
            samples[parameter.name] = found + NONSENSE[parameter.type]
            for value in samples[parameter.name]:
                yield name, {parameter.name: value}
        keys = list(samples)
        if len(keys) >= 2:
            for i in range(2):
                yield name, {keys[0]: samples[keys[0]][i], keys[1]: samples[keys[1]][i]}


def test_every_stored_query_gives_the_same_rows_on_three_engines(local, remote, in_memory):
    checked = 0
    for name, params in _cases(local):
        query = catalogue()[name]
        bindings = query.bindings(params)
        embedded_vars, embedded = local.select(query.text, bindings)
        server_vars, served = remote.select(query.text, bindings)
        answer = in_memory.query(query.text, initBindings=bindings)
        memory_vars, memory = [str(v) for v in answer.vars], [tuple(row) for row in answer]
        assert embedded_vars == server_vars == memory_vars, (name, params)
        assert _terms(embedded) == _terms(served), (name, params)
        assert _terms(embedded) == _terms(memory), (name, params)
        checked += 1
    assert checked > 60
    # And the corpus answers something for every query, so the comparison is not empty.
    for name in catalogue():
        assert run(remote, name, {}).rows, name


def test_the_answer_of_the_demo_from_the_server(remote):
    result = run(remote, "session-participants", {"session": "4", "role": "partner"})
    assert [str(row[2]) for row in result.rows] == ["BA", "GE", "MD"]


def test_publishing_twice_leaves_the_server_count_unchanged(local, remote, server):
    everything = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = remote.triple_count()
    _, rows = SparqlEndpointStore(server.query, union_default_graph=True).select(everything)
    assert before == local.triple_count() == int(rows[0][0])
    assert publish(local, remote).ok
    assert remote.triple_count() == before
    _, rows = SparqlEndpointStore(server.query, union_default_graph=True).select(everything)
    assert int(rows[0][0]) == before
    assert remote.graphs() == local.graphs()


def test_the_server_holds_what_the_local_store_holds(local, remote):
    import pyoxigraph as ox

    def quads(data: bytes) -> set[str]:
        return {str(q) for q in ox.parse(data, format=ox.RdfFormat.N_QUADS)}

    assert quads(remote.dump("nquads")) == quads(local.dump("nquads"))


def test_publishing_with_sparql_update_gives_the_same_rows(local, server):
    other = start_oxigraph()
    try:
        store = SparqlEndpointStore(other.query, update_endpoint=other.update, backoff=0)
        assert store.write_method == "update"
        assert publish(local, store).ok
        assert publish(local, store).ok  # DROP + INSERT DATA: idempotent too
        assert store.triple_count() == local.triple_count()
        for name in catalogue():
            assert _terms(run(store, name, {}).rows) == _terms(run(local, name, {}).rows), name
    finally:
        other.stop()


@pytest.mark.parametrize("method", ["gsp", "update"])
def test_publishing_removes_the_derived_graphs_the_local_store_no_longer_has(local, method):
    other = start_oxigraph()
    try:
        store = (SparqlEndpointStore(other.query, graph_store=other.store, backoff=0) if method == "gsp"
                 else SparqlEndpointStore(other.query, update_endpoint=other.update, backoff=0))
        stale_month = ID + "graph/derived/summit/1999-01"  # a month no meeting is in any more
        single = ID + "graph/derived"  # natokg 0.1's one derived graph
        elsewhere = ID + "graph/letter/published-from-another-store"
        statement = f"<{ID}meeting/x> <{NK}note> \"stale\" .\n".encode()
        for graph in (stale_month, single, elsewhere):
            store.put_graph(graph, statement)
        report = publish(local, store)
        assert report.ok, report.summary()
        assert sorted(report.removed) == [single, stale_month]
        assert f"removed   {stale_month}" in report.summary()
        assert store.graphs() == sorted([*local.graphs(), elsewhere])
        assert publish(local, store).removed == []  # nothing stale is left
    finally:
        other.stop()


def test_the_union_default_graph_of_the_server(local, remote, server):
    # Without default-graph-uri, a server started with --union-default-graph answers the same.
    union = start_oxigraph("--union-default-graph")
    try:
        publish(local, SparqlEndpointStore(union.query, graph_store=union.store))
        trusting = SparqlEndpointStore(union.query, union_default_graph=True)
        result = run(trusting, "meeting-participants", {"role": "invitee"})
        assert _terms(result.rows) == _terms(run(local, "meeting-participants", {"role": "invitee"}).rows)
    finally:
        union.stop()


# --- parameter values are values ---


@pytest.fixture(scope="module")
def evil_fund():
    """A one-letter graph whose fund is named EVIL (as a graph, not a letter: no validation)."""
    fund, contribution = URIRef(ID + "fund/evil"), URIRef(ID + "letter/x/contribution/1")
    letter = URIRef(ID + "letter/x")
    graph = rdflib.Graph()
    nk = rdflib.Namespace(NK)
    graph.add((fund, rdflib.RDF.type, nk.Fund))
    graph.add((fund, nk.name, Literal(EVIL)))
    graph.add((contribution, rdflib.RDF.type, nk.Contribution))
    graph.add((contribution, nk.toFund, fund))
    graph.add((contribution, nk.donor, URIRef(ID + "country/NL")))
    graph.add((contribution, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), letter))
    graph.add((URIRef(ID + "country/NL"), nk.code, Literal("NL")))
    return ID + "graph/letter/evil", graph


def test_an_evil_value_reaches_the_server_as_a_value(server, evil_fund):
    graph_iri, graph = evil_fund
    store = SparqlEndpointStore(server.query, graph_store=server.store)
    store.replace_graph(graph_iri, graph)
    before = store.triple_count()
    try:
        result = run(store, "contributions", {"fund": EVIL})
        assert [(str(r[1]), str(r[3])) for r in result.rows] == [(EVIL, "NL")]
        assert str(result.rows[0][-1]) == EVIL  # the bound variable comes back as the value
        assert run(store, "contributions", {"fund": EVIL[:-1]}).rows == []
        assert store.triple_count() == before
    finally:
        store.remove_graph(graph_iri)


def test_an_evil_value_reads_the_same_in_rdflib_and_oxigraph(evil_fund):
    # The query text sent to a server, read by two other SPARQL parsers: the value is intact.
    graph_iri, graph = evil_fund
    query = catalogue()["contributions"]
    sent = bind_values(query.text, query.bindings({"fund": EVIL}))
    dataset = rdflib.Dataset(default_union=True)
    for triple in graph:
        dataset.graph(URIRef(graph_iri)).add(triple)
    assert [str(r.name) for r in dataset.query(sent)] == [EVIL]
    with OxigraphStore() as embedded:
        embedded.replace_graph(graph_iri, graph)
        names, rows = embedded.select(sent)
        assert [str(r[names.index("name")]) for r in rows] == [EVIL]


def test_the_sent_query_carries_the_value_in_values_only():
    server = ScriptedServer(then=200, content_type="application/sparql-results+json",
                            body=b'{"head":{"vars":["fund_key"]},"results":{"bindings":[]}}')
    try:
        store = SparqlEndpointStore(server.url + "/sparql", union_default_graph=True)
        query = catalogue()["contributions"]
        run(store, "contributions", {"fund": EVIL})
        import urllib.parse

        sent = urllib.parse.parse_qs(server.requests[-1].body.decode("ascii"))
        assert sent["query"] == [bind_values(query.text, query.bindings({"fund": EVIL}))]
        assert server.requests[-1].headers["Content-Type"] == "application/x-www-form-urlencoded"
        assert "application/sparql-results+json" in server.requests[-1].headers["Accept"]
        assert "format" not in sent and "output" not in sent  # content negotiation only
    finally:
        server.stop()


def test_the_values_block_opens_the_where_group():
    query = "PREFIX nk: <urn:nk#>\nSELECT ?a ?b WHERE {\n  ?a nk:p ?b . OPTIONAL { ?b nk:q ?c }\n}\nORDER BY ?a"
    bound = bind_values(query, {"b": Literal("4", datatype=XSD.integer)})
    assert bound == ("PREFIX nk: <urn:nk#>\nSELECT ?a ?b WHERE {\n  VALUES (?b) { "
                     "(\"4\"^^<http://www.w3.org/2001/XMLSchema#integer>) }\n\n  ?a nk:p ?b . "
                     "OPTIONAL { ?b nk:q ?c }\n}\nORDER BY ?a")


@pytest.mark.parametrize("query", [
    # Braces, hashes and WHERE in strings, IRIs and comments are not syntax.
    'SELECT ?x # a comment with { and WHERE\nWHERE { ?x <urn:p> "{ WHERE" }',
    "SELECT ?x FROM <urn:g> WHERE { ?x <urn:p> '''{\n}''' }",
    "SELECT ?x (COUNT(?y) AS ?n) WHERE { ?y <urn:p> ?x } GROUP BY ?x",
    "SELECT ?x { ?x <urn:p> ?o }",  # WHERE is optional
    "CONSTRUCT { ?x <urn:p> 1 } WHERE { ?x <urn:p> ?o }",
    "SELECT * WHERE { ?x <urn:p> ?o }",
])
def test_bind_values_finds_the_where_group(query):
    import pyoxigraph as ox

    bound = bind_values(query, {"x": URIRef("urn:a")})
    ox.Store().query(bound)  # still valid SPARQL
    where = bound.index("VALUES")
    assert bound[:where].rstrip().endswith("{")
    assert bound.replace("\n  VALUES (?x) { (<urn:a>) }\n", "", 1) == query


def test_many_values_of_one_variable_open_the_where_group_each_escaped():
    import pyoxigraph as ox

    query = "SELECT ?x WHERE { ?x <urn:p> ?o }"
    bound = bind_rows(query, "o", [Literal(EVIL), Literal("2023-04", datatype=XSD.gYearMonth), URIRef("urn:b")])
    store = ox.Store()
    for value in (ox.Literal(EVIL), ox.Literal("2023-04", datatype=ox.NamedNode(str(XSD.gYearMonth))),
                  ox.NamedNode("urn:b"), ox.Literal("other")):
        store.add(ox.Quad(ox.NamedNode(f"urn:{len(store)}"), ox.NamedNode("urn:p"), value))
    assert sorted(s["x"].value for s in store.query(bound)) == ["urn:0", "urn:1", "urn:2"]
    with pytest.raises(QueryError, match="variable name"):
        bind_rows(query, "o }", [URIRef("urn:b")])


def test_a_bound_variable_must_be_projected():
    with pytest.raises(QueryError, match=r"\?y"):
        bind_values("SELECT ?x WHERE { ?x <urn:p> ?y }", {"y": Literal("a")})


@pytest.mark.parametrize("term, expected", [
    (Literal('a "quoted" \\ b'), r'"a \"quoted\" \\ b"'),
    (Literal("line\nbreak\r\ttab"), r'"line\nbreak\r\ttab"'),
    (Literal("C:\\users\\U"), r'"C:\\\U00000075sers\\\U00000055"'),
    (Literal("bell\x07"), r'"bell\U00000007"'),
    (Literal("Oekraïne", lang="nl"), '"Oekraïne"@nl'),
    (Literal("4", datatype=XSD.integer), '"4"^^<http://www.w3.org/2001/XMLSchema#integer>'),
    (URIRef("https://w3id.org/natokg/id/country/UA"), "<https://w3id.org/natokg/id/country/UA>"),
])
def test_sparql_terms(term, expected):
    assert sparql_term(term) == expected


@pytest.mark.parametrize("value", [EVIL, "C:\\users\\x.txt", "\\u0041\\U00000041", "\\\\u0022", "\x00\x1f\x7f", "\\u00410041", "\x070041"])
def test_escaped_strings_read_back_exactly(value):
    import pyoxigraph as ox

    text = f"SELECT ?v WHERE {{ {values_block({'v': Literal(value)})} }}"
    assert [s["v"].value for s in ox.Store().query(text)] == [value]
    if "\x00" not in value:  # rdflib's parser stops at NUL
        assert [str(r.v) for r in rdflib.Graph().query(text)] == [value]


def test_iri_values_cannot_carry_syntax():
    with pytest.raises(ValueError):
        sparql_term(URIRef("urn:x> } DROP ALL #"))


def test_blank_nodes_are_no_values():
    with pytest.raises(QueryError, match="blank node"):
        sparql_term(rdflib.BNode())


# --- the command line ---


def test_query_with_endpoint_prints_what_the_local_store_prints(corpus_dir, remote, server):
    runner = CliRunner()
    args = ["query", "session-participants", "-p", "session=4", "-p", "role=partner", "-f", "csv"]
    local_out = runner.invoke(cli, ["--store", str(corpus_dir), *args])
    remote_out = runner.invoke(cli, [*args, "--endpoint", server.query])
    assert local_out.exit_code == remote_out.exit_code == 0, remote_out.output
    assert remote_out.stdout_bytes == local_out.stdout_bytes
    assert b"Moldova" in remote_out.stdout_bytes


def test_query_with_endpoint_that_is_down_is_one_line():
    from servers import free_port

    result = CliRunner().invoke(cli, ["query", "letters", "--endpoint", f"http://127.0.0.1:{free_port()}/query",
                                      "--timeout", "2"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "no answer" in result.output
