"""Export: deterministic bytes, and files that parse back to the same data."""
from __future__ import annotations

import io
import os
import random
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from kg.export import FORMATS, export
from kg.store import OxigraphStore, load_dataset

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store():
    with OxigraphStore() as store:
        load_dataset(store, MINI)
        yield store


def stored_dataset(store) -> rdflib.Dataset:
    """What the store holds (Oxigraph normalises some datatypes, so not the fixture itself)."""
    return rdflib.Dataset().parse(data=store.dump("nquads"), format="nquads")


def union(dataset: rdflib.Dataset) -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o, _ in dataset.quads():
        graph.add((s, p, o))
    return graph


@pytest.mark.parametrize("format", FORMATS)
def test_same_store_same_bytes(store, format):
    assert export(store, format) == export(store, format)


def test_same_bytes_in_another_process_with_another_hash_seed(store):
    # Set and dict order can follow string hashing; a fresh interpreter proves it does not.
    script = (
        "import sys, hashlib\n"
        "from kg.store import OxigraphStore, load_dataset\n"
        "from kg.export import FORMATS, export\n"
        "s = OxigraphStore(); load_dataset(s, sys.argv[1])\n"
        "print(' '.join(hashlib.sha256(export(s, f)).hexdigest() for f in FORMATS))\n"
    )
    digests = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        done = subprocess.run([sys.executable, "-c", script, str(MINI)], cwd=ROOT, env=env,
                              capture_output=True, text=True, check=True)
        digests.add(done.stdout)
    assert len(digests) == 1


def test_turtle_parses_back_to_the_union(store):
    data = export(store, "turtle")
    assert data.startswith(b"@prefix nk: <https://w3id.org/natokg/ontology#> .\n")
    assert isomorphic(rdflib.Graph().parse(data=data, format="turtle"), union(stored_dataset(store)))


def test_nt_is_sorted_lines_of_the_union(store):
    lines = export(store, "nt").decode("utf-8").splitlines()
    assert lines == sorted(lines)
    assert isomorphic(rdflib.Graph().parse(data="\n".join(lines), format="nt"), union(stored_dataset(store)))


def test_trig_keeps_the_named_graphs(store):
    back = rdflib.Dataset().parse(data=export(store, "trig"), format="trig")
    expected = stored_dataset(store)
    names = sorted(str(g.identifier) for g in expected.graphs() if len(g))
    assert sorted(str(g.identifier) for g in back.graphs() if len(g)) == names
    for name in names:
        assert isomorphic(back.graph(URIRef(name)), expected.graph(URIRef(name))), name


def test_jsonld_parses_back_to_the_union(store):
    data = export(store, "jsonld")
    assert b'"nk": "https://w3id.org/natokg/ontology#"' in data
    assert isomorphic(rdflib.Graph().parse(data=data, format="json-ld"), union(stored_dataset(store)))


@pytest.mark.parametrize("format,rdflib_format", [("turtle", "turtle"), ("trig", "trig"), ("nt", "nt"),
                                                   ("jsonld", "json-ld")])
def test_awkward_literals_survive(format, rdflib_format):
    text = 'quote " backslash \\ newline \n tab \t and \\u0041 — Oekraïne'
    graph = rdflib.Graph()
    s = URIRef("https://w3id.org/natokg/id/thing/a(b)")
    graph.add((s, URIRef("https://w3id.org/natokg/ontology#title"), Literal(text, lang="nl")))
    graph.add((s, URIRef("https://w3id.org/natokg/ontology#title"), Literal(text)))
    graph.add((s, URIRef("https://w3id.org/natokg/ontology#informal"), Literal("true", datatype=rdflib.XSD.boolean)))
    with OxigraphStore() as one:
        one.replace_graph("https://w3id.org/natokg/id/graph/test", graph)
        back = rdflib.Dataset().parse(data=export(one, format), format=rdflib_format)
    assert isomorphic(union(back), graph)


def test_destination_path_and_stream(store, tmp_path):
    target = tmp_path / "kg.ttl"
    assert export(store, "turtle", target) is None
    stream = io.BytesIO()
    export(store, "turtle", stream)
    assert target.read_bytes() == stream.getvalue() == export(store, "turtle")


def test_unknown_format(store):
    with pytest.raises(ValueError, match="turtle"):
        export(store, "rdfxml")


NK = "https://w3id.org/natokg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def awkward_quads() -> list[ox.Quad]:
    """Quads whose terms the writers must get right: escapes, language tags, datatypes, blank
    nodes, a triple term, the default graph, and a triple stated in two graphs."""
    thing, other = ox.NamedNode("https://w3id.org/natokg/id/thing/a(b)"), ox.NamedNode(NK + "Other")
    title, link = ox.NamedNode(NK + "title"), ox.NamedNode(NK + "link")
    blank = ox.BlankNode("b1")
    text = 'quote " backslash \\ newline \n return \r tab \t bell \x07 delete \x7f — Oekraïne 😀 \\u0041'
    triples = [
        (thing, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(NK + "Meeting")),
        (thing, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal("sorts before rdf:type")),
        (thing, title, ox.Literal(text)),
        (thing, title, ox.Literal(text, language="nl")),
        (thing, title, ox.Literal(" spaces  around ", language="en-GB")),
        (thing, ox.NamedNode(NK + "count"), ox.Literal("12", datatype=ox.NamedNode(XSD + "integer"))),
        (thing, ox.NamedNode(NK + "share"), ox.Literal("-0.5", datatype=ox.NamedNode(XSD + "decimal"))),
        (thing, ox.NamedNode(NK + "informal"), ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))),
        (thing, ox.NamedNode(NK + "startDate"), ox.Literal("2022-11-29", datatype=ox.NamedNode(XSD + "date"))),
        (thing, ox.NamedNode(NK + "code"), ox.Literal("a b", datatype=ox.NamedNode("urn:x-natokg:code"))),
        (thing, link, blank),
        (blank, link, other),
        (other, link, ox.Triple(thing, title, ox.Literal("a b"))),
    ]
    one, two = ox.NamedNode("https://w3id.org/natokg/id/graph/one"), ox.NamedNode("https://w3id.org/natokg/id/graph/two")
    return [
        *(ox.Quad(*triple, one) for triple in triples),
        ox.Quad(thing, title, ox.Literal(text), two),
        ox.Quad(other, link, blank, ox.BlankNode("graph")),
        # In the default graph an N-Quads line has no graph term to tell apart from the object.
        ox.Quad(other, link, thing, ox.DefaultGraph()),
        ox.Quad(other, title, ox.Literal("the default graph"), ox.DefaultGraph()),
        ox.Quad(other, link, ox.Triple(thing, link, other), ox.DefaultGraph()),
    ]


def store_of(quads: list[ox.Quad]) -> OxigraphStore:
    store = OxigraphStore()
    for quad in quads:
        store.oxigraph.add(quad)
    return store


@pytest.fixture(scope="module")
def awkward():
    with store_of(awkward_quads()) as store:
        yield store


@pytest.mark.parametrize("format,rdf_format", [("turtle", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                                               ("trig", ox.RdfFormat.TRIG)])
def test_awkward_terms_parse_back_to_what_the_store_holds(awkward, format, rdf_format):
    stored = set(awkward.oxigraph)
    if format != "trig":
        stored = {ox.Quad(q.subject, q.predicate, q.object) for q in stored}
    assert set(ox.parse(export(awkward, format), format=rdf_format)) == stored


def test_nt_writes_a_triple_of_two_graphs_once(awkward):
    lines = export(awkward, "nt").splitlines()
    assert lines == sorted(set(lines))
    assert len(lines) == len({q.triple for q in awkward.oxigraph})


def test_turtle_declares_only_the_prefixes_it_uses_and_writes_types_first(awkward):
    text = export(awkward, "turtle").decode("utf-8")
    assert [line for line in text.splitlines() if line.startswith("@prefix")] == [
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        f"@prefix nk: <{NK}> .",
        f"@prefix xsd: <{XSD}> .",
    ]
    assert "<https://w3id.org/natokg/id/thing/a(b)> a nk:Meeting ;\n    dcterms:title " in text
    assert "\n    nk:count 12 ;\n" in text and "\n    nk:share -0.5 ;\n" in text
    assert '\n    nk:startDate "2022-11-29"^^xsd:date ;\n' in text


class ShuffledDump:
    """A store that dumps its quads in another order, as another store or version might."""

    def __init__(self, store: OxigraphStore, seed: int) -> None:
        self.store, self.seed = store, seed

    def dump(self, format: str = "nquads") -> bytes:
        lines = self.store.dump(format).splitlines(keepends=True)
        random.Random(self.seed).shuffle(lines)
        return b"".join(lines)


@pytest.mark.parametrize("format", ["turtle", "trig", "nt"])
def test_the_order_the_store_dumps_in_does_not_change_the_bytes(awkward, format):
    expected = export(awkward, format)
    assert all(export(ShuffledDump(awkward, seed), format) == expected for seed in range(3))


@pytest.mark.parametrize("format", FORMATS)
def test_the_order_the_store_dumps_in_does_not_change_the_bytes_of_the_fixture(store, format):
    assert export(ShuffledDump(store, 1), format) == export(store, format)


@pytest.mark.parametrize("format", ["turtle", "trig", "nt"])
def test_stores_loaded_in_another_order_export_the_same_bytes(awkward, format):
    with store_of(awkward_quads()[::-1]) as reversed_store:
        assert export(reversed_store, format) == export(awkward, format)
