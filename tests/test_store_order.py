"""Results the embedded store sorts itself (kg.store.split_order / order_key) come in the order
Oxigraph's own ORDER BY gives; periodic flushing keeps every letter."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg import pipeline
from kg.queries import catalogue
from kg.store import OxigraphStore, from_ox, order_key, split_order

from conftest import corpus_letters


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    with OxigraphStore(tmp_path_factory.mktemp("order") / "store") as store:
        pipeline.ingest_paths(corpus_letters(), store)
        yield store


def test_a_final_order_by_of_variables_is_split_off_and_anything_else_left_to_oxigraph():
    query = "SELECT ?a ?b WHERE { ?a ?p ?b }\nORDER BY ?b DESC(?a) asc( ?p )\n"
    assert split_order(query) == ("SELECT ?a ?b WHERE { ?a ?p ?b }", [("b", False), ("a", True), ("p", False)])
    for kept in ("SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a LIMIT 10",
                 "SELECT ?a WHERE { ?a ?p ?b } ORDER BY STR(?a)",
                 "SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?b } ORDER BY ?a } ?a ?q ?c }",
                 "SELECT ?a WHERE { ?a ?p ?b } # ORDER BY ?a"):
        assert split_order(kept) == (kept, [])


def test_terms_sort_as_sparql_orders_them():
    xsd = "http://www.w3.org/2001/XMLSchema#"
    terms = [ox.Literal("b"), ox.Literal("10", datatype=ox.NamedNode(xsd + "integer")), None,
             ox.NamedNode("http://example.org/z"), ox.Literal("9", datatype=ox.NamedNode(xsd + "integer")),
             ox.Literal("2024-06-14", datatype=ox.NamedNode(xsd + "date")), ox.BlankNode("x"),
             ox.Literal("A")]
    assert [None if t is None else t.value for t in sorted(terms, key=order_key)] == [
        None, "x", "http://example.org/z", "9", "10", "2024-06-14", "A", "b"]


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_stored_query_comes_back_in_oxigraphs_own_order(corpus_store, name):
    query = catalogue()[name]
    unordered, order = split_order(query.text)
    assert order, f"{name} ends with an ORDER BY of plain variables"
    names, rows = corpus_store.select(query.text)
    expected = [tuple(from_ox(term) for term in solution) for solution in
                corpus_store.oxigraph.query(query.text, use_default_graph_as_union=True)]
    assert sorted(rows) == sorted(expected)
    columns = [names.index(variable) for variable, _ in order]
    assert [tuple(row[c] for c in columns) for row in rows] == [tuple(row[c] for c in columns) for row in expected]
    assert rows, f"{name} answers on the corpus"


def test_repeated_and_unbound_terms_sort_both_ways_as_oxigraph_sorts_them(tmp_path):
    data = "\n".join(
        f'<http://example.org/g> {{ <http://example.org/s{n}> <http://example.org/p> "{n % 3}"^^<http://www.w3.org/2001/XMLSchema#integer> .'
        + (f' <http://example.org/s{n}> <http://example.org/q> "{"ab"[n % 2]}" .' if n % 4 else "") + " }"
        for n in range(24))
    query = ("SELECT ?s ?n ?label WHERE { ?s <http://example.org/p> ?n OPTIONAL { ?s <http://example.org/q> ?label } }\n"
             "ORDER BY DESC(?n) ?label DESC(?s)")
    with OxigraphStore(tmp_path / "store") as store:
        store.oxigraph.load(data, format=ox.RdfFormat.TRIG)
        _, rows = store.select(query)
        expected = [tuple(from_ox(term) for term in solution)
                    for solution in store.oxigraph.query(query, use_default_graph_as_union=True)]
    assert len(rows) == 24 and sum(row[2] is None for row in rows) == 6
    assert rows == expected


def test_flushing_on_the_way_keeps_every_letter(tmp_path, monkeypatch):
    import kg.store

    monkeypatch.setattr(kg.store, "FLUSH_QUADS", 100)  # a flush after about every letter
    letters = corpus_letters()
    with OxigraphStore(tmp_path / "store") as store:
        pipeline.ingest_paths(letters, store)
        flushed = store.triple_count()
    monkeypatch.setattr(kg.store, "FLUSH_QUADS", 10**9)
    with OxigraphStore(tmp_path / "other") as store:
        pipeline.ingest_paths(letters, store)
        assert store.triple_count() == flushed
    with OxigraphStore(tmp_path / "store", read_only=True) as reopened:
        assert reopened.triple_count() == flushed > 1000
