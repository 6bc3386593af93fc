"""Exports portals accept: Turtle and N-Triples that four independent parsers read as the same
graph (rdflib, pyoxigraph, Raptor's rapper, serd's serdi), TriG with the named graphs, JSON-LD
with natokg's context, and a DCAT/VoID description written beside the export."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic, to_isomorphic

from conftest import CORPUS, require_tool
from kg import pipeline
from kg.cli import cli
from kg.context import context, document
from kg.describe import describe, description_path
from kg.export import export
from kg.store import OxigraphStore, from_ox, open_store

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/natokg/id/"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
AWKWARD = 'quote " backslash \\ newline \n tab \t cr \r \\u0041 — Oekraïne 𝄞 < > { } #'


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("portal") / "store"
    with open_store(path) as store:
        assert all(o.ingested for o in pipeline.ingest_paths([CORPUS], store))
        awkward = rdflib.Graph()
        thing = URIRef(ID + "thing/a(b)")
        awkward.add((thing, URIRef("https://w3id.org/natokg/ontology#title"), Literal(AWKWARD, lang="nl")))
        awkward.add((thing, URIRef("https://w3id.org/natokg/ontology#name"), Literal(AWKWARD)))
        store.replace_graph(ID + "graph/letter/awkward", awkward)
    return path


@pytest.fixture(scope="module")
def store(store_dir):
    with open_store(store_dir, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def union(store) -> rdflib.Graph:
    graph = rdflib.Graph()
    for quad in ox.parse(store.dump("nquads"), format=ox.RdfFormat.N_QUADS):
        graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return graph


@pytest.fixture(scope="module")
def files(store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    paths = {}
    for fmt, name in (("turtle", "nato.ttl"), ("nt", "nato.nt"), ("trig", "nato.trig"), ("jsonld", "nato.jsonld")):
        paths[fmt] = folder / name
        export(store, fmt, paths[fmt])
    return paths


def _from_ntriples(text: bytes) -> rdflib.Graph:
    return rdflib.Graph().parse(data=text, format="nt")


def _pyoxigraph(path: Path, fmt: ox.RdfFormat) -> rdflib.Graph:
    graph = rdflib.Graph()
    for triple in ox.parse(path=str(path), format=fmt):
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    return graph


def _same(a: rdflib.Graph, b: rdflib.Graph) -> bool:
    return len(a) == len(b) and isomorphic(a, b)


@pytest.mark.parametrize("fmt, rdflib_format, ox_format, rapper_format, serd_format", [
    ("turtle", "turtle", ox.RdfFormat.TURTLE, "turtle", "turtle"),
    ("nt", "nt", ox.RdfFormat.N_TRIPLES, "ntriples", "ntriples"),
])
def test_four_parsers_read_the_same_graph(files, union, fmt, rdflib_format, ox_format, rapper_format, serd_format):
    path = files[fmt]
    assert _same(rdflib.Graph().parse(path, format=rdflib_format), union)
    assert _same(_pyoxigraph(path, ox_format), union)
    require_tool("rapper", "Raptor, an independent RDF parser (Debian raptor2-utils)")
    done = subprocess.run(["rapper", "-q", "-i", rapper_format, "-o", "ntriples", str(path)],
                          capture_output=True, check=True)
    assert _same(_from_ntriples(done.stdout), union)
    require_tool("serdi", "serd, an independent RDF parser (Debian serdi)")
    done = subprocess.run(["serdi", "-i", serd_format, "-o", "ntriples", str(path)], capture_output=True, check=True)
    assert _same(_from_ntriples(done.stdout), union)


def test_trig_keeps_the_named_graphs_for_three_parsers(files, store):
    expected = rdflib.Dataset().parse(data=store.dump("nquads"), format="nquads")
    names = sorted(str(g.identifier) for g in expected.graphs() if len(g))
    back = rdflib.Dataset().parse(files["trig"], format="trig")
    assert sorted(str(g.identifier) for g in back.graphs() if len(g)) == names
    quads = {str(q) for q in ox.parse(path=str(files["trig"]), format=ox.RdfFormat.TRIG)}
    assert quads == {str(q) for q in ox.parse(store.dump("nquads"), format=ox.RdfFormat.N_QUADS)}
    require_tool("rapper", "Raptor, an independent RDF parser (Debian raptor2-utils)")
    done = subprocess.run(["rapper", "-q", "-i", "trig", "-o", "nquads", str(files["trig"])],
                          capture_output=True, check=True)
    from_rapper = rdflib.Dataset().parse(data=done.stdout, format="nquads")
    for name in names:
        assert isomorphic(from_rapper.graph(URIRef(name)), expected.graph(URIRef(name))), name


def test_awkward_literals_survive_every_parser(files):
    for fmt in ("turtle", "nt"):
        text = {str(o) for o in rdflib.Graph().parse(files[fmt], format="turtle" if fmt == "turtle" else "nt")
                .objects(URIRef(ID + "thing/a(b)"))}
        assert text == {AWKWARD}
        if fmt == "nt":
            require_tool("serdi", "serd, an independent RDF parser (Debian serdi)")
            done = subprocess.run(["serdi", "-i", "ntriples", "-o", "ntriples", str(files[fmt])],
                                  capture_output=True, check=True)
            back = _from_ntriples(done.stdout)
            assert {str(o) for o in back.objects(URIRef(ID + "thing/a(b)"))} == {AWKWARD}


# --- JSON-LD ---


def test_jsonld_uses_the_context_made_from_the_ontology(files, union):
    data = json.loads(files["jsonld"].read_bytes())
    assert data["@context"] == context()
    assert data["@context"]["startDate"] == {"@id": "nk:startDate", "@type": "xsd:date"}
    assert data["@context"]["participant"] == {"@id": "nk:participant", "@type": "@id"}
    assert data["@context"]["Meeting"] == "nk:Meeting"
    meetings = [node for node in data["@graph"] if node.get("@type") == "Meeting" or "Meeting" in node.get("@type", [])]
    assert meetings and any(isinstance(m.get("startDate"), str) for m in meetings)  # "2022-11-29", typed by the context
    assert _same(rdflib.Graph().parse(files["jsonld"], format="json-ld"), union)
    oxi = rdflib.Graph()
    for triple in ox.parse(path=str(files["jsonld"]), format=ox.RdfFormat.JSON_LD):
        oxi.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    assert _same(oxi, union)


def test_jsonld_can_refer_to_its_published_context(store, union):
    url = "https://example.org/natokg/context.jsonld"
    data = json.loads(export(store, "jsonld", context_url=url))
    assert data["@context"] == url
    # A reader that fetches the URL gets document(); with it in place, the same graph.
    data["@context"] = json.loads(document())["@context"]
    assert _same(rdflib.Graph().parse(data=json.dumps(data), format="json-ld"), union)


def test_the_context_is_deterministic():
    assert document() == document()
    assert json.loads(document())["@context"]["exactMatch"] == {"@id": "skos:exactMatch", "@type": "@id"}


# --- the DCAT/VoID description ---


@pytest.fixture(scope="module")
def description(store) -> rdflib.Graph:
    data = describe(store, stem="nato")
    return rdflib.Graph().parse(data=data, format="turtle", publicID="https://portal.example/data/nato.dcat.ttl")


def test_the_description_is_dcat(description, store):
    dataset = URIRef(ID + "dataset")
    assert (dataset, rdflib.RDF.type, DCAT.Dataset) in description
    titles = {t.language: str(t) for t in description.objects(dataset, DCT.title)}
    assert set(titles) == {"nl", "en"} and "NAVO" in titles["nl"] and "NATO" in titles["en"]
    assert {d.language for d in description.objects(dataset, DCT.description)} == {"nl", "en"}
    publisher = description.value(dataset, DCT.publisher)
    assert description.value(publisher, FOAF.name) == Literal("natokg")
    assert description.value(dataset, DCT.license) == URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
    # issued/modified come from the letters' dates, never the clock.
    dates = sorted(r[0].value for r in store.oxigraph.query(
        "SELECT ?d WHERE { ?l <https://w3id.org/natokg/ontology#letterDate> ?d }", use_default_graph_as_union=True))
    assert str(description.value(dataset, DCT.issued)) == dates[0]
    assert str(description.value(dataset, DCT.modified)) == dates[-1]
    distributions = list(description.objects(dataset, DCAT.distribution))
    assert len(distributions) == 4
    media = {str(description.value(d, DCAT.mediaType)).rsplit("media-types/", 1)[1]: str(description.value(d, DCAT.downloadURL))
             for d in distributions}
    assert media == {
        "text/turtle": "https://portal.example/data/nato.ttl",
        "application/trig": "https://portal.example/data/nato.trig",
        "application/n-triples": "https://portal.example/data/nato.nt",
        "application/ld+json": "https://portal.example/data/nato.jsonld",
    }


def test_the_description_is_void(description, union):
    dataset = URIRef(ID + "dataset")
    assert int(description.value(dataset, VOID.triples)) == len(union)
    assert int(description.value(dataset, VOID.properties)) == len(set(union.predicates()))
    assert int(description.value(dataset, VOID.classes)) == len(set(union.objects(None, rdflib.RDF.type)))
    assert int(description.value(dataset, VOID.entities)) > 0
    partitions = {description.value(p, VOID["class"]): int(description.value(p, VOID.entities))
                  for p in description.objects(dataset, VOID.classPartition)}
    assert partitions[URIRef("https://w3id.org/natokg/ontology#Country")] == 250
    links = {}
    for linkset in description.objects(dataset, VOID.subset):
        assert description.value(linkset, VOID.linkPredicate) == SKOS.exactMatch
        links[str(description.value(linkset, VOID.objectsTarget))] = int(description.value(linkset, VOID.triples))
    assert links == {"http://publications.europa.eu/resource/authority/country": 249,
                     "http://www.wikidata.org/": 249}


def test_the_description_is_deterministic_across_processes(store_dir):
    script = ("import sys, hashlib\nfrom kg.store import open_store\nfrom kg.describe import describe\n"
              "s = open_store(sys.argv[1], read_only=True)\nprint(hashlib.sha256(describe(s)).hexdigest())\n")
    digests = set()
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", script, str(store_dir)], cwd=ROOT, capture_output=True,
                              text=True, check=True, env=dict(os.environ, PYTHONHASHSEED=seed))
        digests.add(done.stdout)
    assert len(digests) == 1


def test_export_describe_writes_the_description_beside(store_dir, tmp_path):
    target = tmp_path / "nato.ttl"
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "export", "-f", "turtle", "-o", str(target),
                                      "--describe", "--base-url", "https://data.example.nl/natokg/",
                                      "--sparql-endpoint", "https://data.example.nl/sparql"])
    assert result.exit_code == 0, result.output
    described = tmp_path / "nato.dcat.ttl"
    assert description_path(target) == str(described)
    graph = rdflib.Graph().parse(described, format="turtle")
    dataset = URIRef(ID + "dataset")
    assert URIRef("https://data.example.nl/natokg/nato.ttl") in set(graph.objects(dataset, VOID.dataDump))
    assert graph.value(dataset, VOID.sparqlEndpoint) == URIRef("https://data.example.nl/sparql")
    for tool, args in (("rapper", ["-q", "-i", "turtle", "-c"]), ("serdi", ["-i", "turtle", "-o", "ntriples"])):
        require_tool(tool, "an independent RDF parser")
        subprocess.run([tool, *args, str(described)], capture_output=True, check=True)


def test_export_describe_needs_an_output_file(store_dir):
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "export", "--describe"])
    assert result.exit_code == 2 and "-o" in result.output


def test_jsonld_export_with_context_url_writes_the_context(store_dir, tmp_path):
    target = tmp_path / "nato.jsonld"
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "export", "-f", "jsonld", "-o", str(target),
                                      "--context-url", "https://example.org/context.jsonld"])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_bytes())["@context"] == "https://example.org/context.jsonld"
    assert (tmp_path / "nato.context.jsonld").read_bytes() == document()


def test_an_empty_store_describes_without_dates():
    with OxigraphStore() as empty:
        graph = rdflib.Graph().parse(data=describe(empty), format="turtle", publicID="http://x/")
    assert graph.value(URIRef(ID + "dataset"), DCT.issued) is None
    assert int(graph.value(URIRef(ID + "dataset"), VOID.triples)) == 0


def test_country_links_in_the_export(union):
    netherlands = URIRef(ID + "country/NL")
    assert set(union.objects(netherlands, SKOS.exactMatch)) == {
        URIRef("http://publications.europa.eu/resource/authority/country/NLD"),
        URIRef("http://www.wikidata.org/entity/Q29999"),
    }
    assert set(union.objects(URIRef(ID + "country/XK"), SKOS.exactMatch)) == set()
    assert to_isomorphic(union) is not None
