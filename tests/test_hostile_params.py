"""Hostile parameter values are values, on every engine: they never change what a query means.

The proof, for each stored query parameter and each hostile value H (quotes, braces, `#`,
newlines, `>`, SPARQL keywords and escapes):

1. Plant: copy the seed letter's dataset with the value the parameter matches (the fund
   «UCAP», the country code «NL», the role «partner», the file name …) replaced everywhere by
   the term H binds to.
2. The query with H on the planted data returns exactly the rows the query with the benign
   value returns on the original data, with that value replaced by H: H is matched as a
   value, nothing more and nothing less.
3. The query with H on the original data returns nothing (an injected `UNION { ?s ?p ?o }`
   would return everything), and the query text the engine receives is the stored text
   (the remote engine adds a VALUES block, whose escaping step 2 checks against a real server).

Engines: the embedded Oxigraph store, rdflib's own SPARQL engine in memory (kg.rdflib_store),
rdflib over the Oxigraph store (oxrdflib), and a SPARQL server (`oxigraph serve`, kg.remote).
"""
from __future__ import annotations

import pytest
import rdflib
from rdflib import Literal

from conftest import CORPUS
from kg import iris, pipeline
from kg.errors import QueryError
from kg.queries import catalogue, run
from kg.rdflib_store import RdflibStore
from kg.store import OxigraphStore
from kg.validate import with_context

SEED = CORPUS / "seed-2022-11-bucharest.txt"

HOSTILE = [
    'x" } UNION { ?s ?p ?o } #',
    "x' } ; DROP ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
    "line one\n} } >\nline three",
    "> <http://example.org/evil> . }",
    "# only a comment",
    "{ ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
    '""" \\" \\\\ \\u0022 \'\'\' end',
    "FILTER(true) } OPTIONAL {",
    "?fund_key $party ?role ?source",
    "UNION",
    "tab\tcarriage\rreturn\u2028separator",
]

# (query, parameter, the value in the seed letter's data it matches)
CASES = [
    ("contributions", "fund", "UCAP"),
    ("contributions", "donor", "NL"),
    ("country-participation", "party", "FI"),
    ("documents-cited", "letter", SEED.name),
    ("countries-mentioned", "letter", SEED.name),
    ("meeting-participants", "role", "invitee"),
    ("session-participants", "role", "partner"),
]


# rdflib's SPARQL engine calls its own deprecated Dataset API.
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def seed_quads() -> dict[str, rdflib.Graph]:
    """The seed letter's graph, the ontology, and the reference triples it reaches (not all
    ~4,000: the engines are loaded 13 times each)."""
    with OxigraphStore() as store:
        pipeline.ingest_paths([SEED], store, jobs=1)
        dataset = rdflib.Dataset()
        dataset.parse(data=store.dump("nquads"), format="nquads")
    graphs = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    reference = graphs.pop(str(iris.reference_graph()))
    graphs[str(iris.reference_graph())] = with_context(graphs[str(iris.letter_graph(iris.letter_slug(SEED.name)))]) \
        & reference
    return graphs


def hostile_value(hostile: str, case: int) -> str:
    """Distinct per benign value, so the planted values of two cases never coincide."""
    benign = CASES[case][2]
    return f"{hostile} #{[c[2] for c in CASES].index(benign)}"


def bound_term(query: str, parameter: str, value: str):
    [term] = catalogue()[query].bindings({parameter: value}).values()
    return term


def plant(graphs: dict[str, rdflib.Graph], substitutions: dict) -> dict[str, rdflib.Graph]:
    planted = {}
    for iri, graph in graphs.items():
        copy = rdflib.Graph()
        for s, p, o in graph:
            copy.add((substitutions.get(s, s), p, substitutions.get(o, o)))
        planted[iri] = copy
    return planted


def substitutions_for(hostile: str) -> dict:
    return {Literal(benign): bound_term(query, parameter, hostile_value(hostile, i))
            for i, (query, parameter, benign) in enumerate(CASES)}


class Spy:
    """A store that records the query texts it is sent."""

    def __init__(self, store):
        self.store, self.sent = store, []

    def select(self, query, bindings=None):
        self.sent.append(query)
        return self.store.select(query, bindings)


def _oxigraph(graphs):
    store = OxigraphStore()
    for iri, graph in graphs.items():
        store.replace_graph(iri, graph)
    return store


def _rdflib(graphs):
    store = RdflibStore()
    for iri, graph in graphs.items():
        store.replace_graph(iri, graph)
    return store


def _oxrdflib(graphs):
    return RdflibStore(_oxigraph(graphs).rdflib_dataset())


@pytest.fixture(scope="module")
def server():
    from servers import start_oxigraph

    started = start_oxigraph()
    yield started
    started.stop()


@pytest.fixture(params=["oxigraph", "rdflib", "oxrdflib", "remote"])
def engine(request):
    """A function: named graphs -> a store of this engine holding exactly them."""
    if request.param != "remote":
        return {"oxigraph": _oxigraph, "rdflib": _rdflib, "oxrdflib": _oxrdflib}[request.param]
    from kg.remote import SparqlEndpointStore

    server = request.getfixturevalue("server")

    def remote(graphs):
        store = SparqlEndpointStore(server.query, graph_store=server.store, backoff=0)
        for iri in store.graphs():
            store.remove_graph(iri)
        for iri, graph in graphs.items():
            store.replace_graph(iri, graph)
        return store

    return remote


def strings(rows, substitutions: dict | None = None) -> list[tuple]:
    """Rows as lexical forms (engines differ in plain vs xsd:string), values substituted, sorted."""
    replace = {str(k): str(v) for k, v in (substitutions or {}).items()}
    return sorted(tuple(None if t is None else replace.get(str(t), str(t)) for t in row) for row in rows)


def test_hostile_values_mean_what_benign_values_mean(engine, seed_quads):
    original = engine(seed_quads)
    expected = {}
    for query, parameter, benign in CASES:
        spy = Spy(original)
        rows = run(spy, query, {parameter: benign}).rows
        assert rows, (query, parameter)  # the benign value matches something: the check is not empty
        expected[query, parameter] = rows
        if not hasattr(original, "endpoint"):
            assert spy.sent == [catalogue()[query].text]
    for hostile in HOSTILE:
        for i, (query, parameter, _) in enumerate(CASES):
            assert run(original, query, {parameter: hostile_value(hostile, i)}).rows == [], (query, hostile)
    for hostile in HOSTILE:
        substitutions = substitutions_for(hostile)
        planted = engine(plant(seed_quads, substitutions))
        for i, (query, parameter, _) in enumerate(CASES):
            spy = Spy(planted)
            rows = run(spy, query, {parameter: hostile_value(hostile, i)}).rows
            assert strings(rows) == strings(expected[query, parameter], substitutions), (query, parameter, hostile)
            if not hasattr(planted, "endpoint"):
                assert spy.sent == [catalogue()[query].text]


@pytest.mark.parametrize("query, parameter", [("session-participants", "session"), ("sessions", "meeting"),
                                              ("provenance", "subject")])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_values_of_typed_parameters_are_refused_in_one_line(query, parameter, hostile):
    """An integer or an IRI parameter that is handed syntax is refused before any engine sees it."""
    spy = Spy(None)
    with pytest.raises(QueryError) as refused:
        run(spy, query, {parameter: hostile})
    assert spy.sent == [] and "\n" not in str(refused.value) and parameter in str(refused.value)
