"""Export: deterministic bytes, and files that parse back to the same data."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

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
