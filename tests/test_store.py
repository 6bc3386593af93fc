"""The embedded store: atomic graph replacement, bound queries, on-disk locking, rdflib view."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef

from kg.errors import QueryError, StoreError
from kg.store import OxigraphStore, default_store_path, literal, load_dataset, open_store, to_ox

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
ID = "https://w3id.org/natokg/id/"
LETTER_GRAPH = ID + "graph/letter/verslag-navo-ministeriele-boekarest"
EX = "http://example.org/"


@pytest.fixture
def store():
    with OxigraphStore() as store:
        load_dataset(store, MINI)
        yield store


def _graph(*triples) -> rdflib.Graph:
    graph = rdflib.Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _nt(triple) -> tuple[str, ...]:
    return tuple(str(to_ox(term)) for term in triple)


def test_fixture_graphs_are_loaded(store):
    assert store.graphs() == [ID + "graph/letter/verslag-navo-ministeriele-boekarest",
                              ID + "graph/ontology", ID + "graph/reference"]


def test_replace_graph_twice_is_idempotent(store):
    letter = rdflib.Dataset().parse(MINI, format="trig").graph(URIRef(LETTER_GRAPH))
    before = store.triple_count()
    store.replace_graph(LETTER_GRAPH, letter)
    store.replace_graph(LETTER_GRAPH, letter)
    assert store.triple_count() == before


def test_replace_graph_drops_what_the_letter_no_longer_says(store):
    store.replace_graph(LETTER_GRAPH, _graph((URIRef(EX + "a"), URIRef(EX + "p"), Literal("only"))))
    _, rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{LETTER_GRAPH}> {{ ?s ?p ?o }} }}")
    assert rows == [(URIRef(EX + "a"), URIRef(EX + "p"), Literal("only"))]


def test_replace_graph_leaves_the_old_graph_when_the_new_one_cannot_be_written(store):
    before = store.triple_count()
    broken = _graph((URIRef(EX + "a"), URIRef(EX + "p"), Literal("x")),
                    (URIRef("http://example.org/not an iri"), URIRef(EX + "p"), Literal("y")))
    with pytest.raises(ValueError):
        store.replace_graph(LETTER_GRAPH, broken)
    assert store.triple_count() == before


@pytest.mark.parametrize("text", [
    'a "quoted" word',
    "back\\slash and \\u0022 and \\U0001D11E written out",
    "new\nline\r\ttab",
    "} } ; DROP ALL ; INSERT DATA { <x> <y> <z> } #",
    "> <http://example.org/evil> .",
    "Oekraïne — 𝄞 \u2028",
])
def test_literals_survive_replace_graph_exactly(text):
    with OxigraphStore() as store:
        graph = _graph((URIRef(EX + "s"), URIRef(EX + "p"), Literal(text)),
                       (URIRef(EX + "s"), URIRef(EX + "q"), Literal(text, lang="nl")))
        store.replace_graph(EX + "g", graph)
        _, rows = store.select("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?p")
        assert rows == [(Literal(text),), (Literal(text, lang="nl"),)]


def test_blank_nodes_are_kept_as_one_node_each():
    with OxigraphStore() as store:
        node = BNode("not valid for oxigraph!")
        store.replace_graph(EX + "g", _graph((URIRef(EX + "s"), URIRef(EX + "p"), node),
                                             (node, URIRef(EX + "q"), Literal("v"))))
        _, rows = store.select(f"SELECT ?v WHERE {{ <{EX}s> <{EX}p>/<{EX}q> ?v }}")
        assert rows == [(Literal("v"),)]


def test_remove_graph(store):
    store.remove_graph(LETTER_GRAPH)
    store.remove_graph(LETTER_GRAPH)  # already gone: no error
    assert LETTER_GRAPH not in store.graphs()


def test_select_runs_over_the_union_with_bound_values(store):
    names, rows = store.select(
        "PREFIX nk: <https://w3id.org/natokg/ontology#> SELECT ?party ?label WHERE { "
        "?c nk:code ?party ; <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(LANG(?label) = 'en') }",
        {"party": Literal("FI")},
    )
    assert names == ["party", "label"]
    assert rows == [(Literal("FI"), Literal("Finland", lang="en"))]


def test_a_bound_value_cannot_change_the_query(store):
    hostile = 'FI" } UNION { ?c ?p ?party } #\n> <x>'
    _, rows = store.select(
        "PREFIX nk: <https://w3id.org/natokg/ontology#> SELECT ?party WHERE { ?c nk:code ?party }",
        {"party": Literal(hostile)},
    )
    assert rows == []


def test_typed_literals_keep_their_lexical_form(store):
    _, rows = store.select("PREFIX nk: <https://w3id.org/natokg/ontology#> SELECT ?a WHERE { ?c nk:amount ?a }")
    assert [str(a) for (a,) in rows] == ["25000000"]
    assert rows[0][0].datatype == URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def test_query_errors_are_query_errors(store):
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.select("SELECT WHERE {")
    with pytest.raises(QueryError):  # oxigraph needs bound variables in the projection
        store.select("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("x")})
    with pytest.raises(QueryError):
        store.select("CONSTRUCT WHERE { ?s ?p ?o }")


def test_construct_and_dump(store):
    graph = store.construct("CONSTRUCT WHERE { ?s a <https://w3id.org/natokg/ontology#Country> }")
    assert len(graph) == 8
    quads = rdflib.Dataset().parse(data=store.dump("nquads"), format="nquads")
    assert len(list(quads.quads())) == store.triple_count()


def test_on_disk_store_persists_and_reopens_read_only(tmp_path):
    location = tmp_path / "store"
    with open_store(location) as store:
        load_dataset(store, MINI)
        count = store.triple_count()
    with open_store(location, read_only=True) as again:
        assert again.triple_count() == count


def test_a_locked_store_is_a_one_line_store_error(tmp_path):
    location = tmp_path / "store"
    with open_store(location):
        with pytest.raises(StoreError) as caught:
            open_store(location)
    message = str(caught.value)
    assert str(location) in message and "\n" not in message


def test_read_only_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "nothing", read_only=True)


def test_default_store_path(monkeypatch, tmp_path):
    monkeypatch.setenv("NATOKG_STORE", str(tmp_path / "here"))
    assert default_store_path() == tmp_path / "here"
    monkeypatch.delenv("NATOKG_STORE")
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "natokg" / "store"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert default_store_path() == Path.home() / ".local" / "share" / "natokg" / "store"


def test_rdflib_view_sees_the_same_data(store):
    dataset = store.rdflib_dataset()
    letter = {_nt(triple) for triple in dataset.graph(URIRef(LETTER_GRAPH))}
    _, rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{LETTER_GRAPH}> {{ ?s ?p ?o }} }}")
    # Compared as N-Triples: oxrdflib spells plain strings with an explicit xsd:string datatype.
    assert len(letter) == 195
    assert letter == {_nt(row) for row in rows}
    rows = list(dataset.query(
        "SELECT ?code WHERE { ?c <https://w3id.org/natokg/ontology#code> ?code } ORDER BY ?code"))
    assert [str(r[0]) for r in rows] == ["BA", "EU", "FI", "GE", "MD", "NL", "RO", "SE", "UA"]


# Not rdflib's XSD namespace object: pytest looks into module-level names, and that one warns.
INTEGER, DATE, BOOLEAN, STRING = (URIRef("http://www.w3.org/2001/XMLSchema#" + name)
                                  for name in ("integer", "date", "boolean", "string"))


@given(st.text(), st.sampled_from([None, "nl", "en-GB"]))
def test_string_literals_are_made_as_rdflib_makes_them(text, language):
    made, expected = literal(text, language=language), Literal(text, lang=language)
    assert made == expected and hash(made) == hash(expected)
    for slot in Literal.__slots__:
        assert getattr(made, slot) == getattr(expected, slot)
    assert literal(text, datatype=str(STRING)) == Literal(text)


lexical_forms = st.one_of(
    st.dates().map(date.isoformat), st.integers().map(str), st.sampled_from(["true", "false"]),
    st.from_regex(r"-?[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}|[+-]?0*[0-9]{1,25}|[a-z ]{0,6}", fullmatch=True))


@pytest.mark.filterwarnings("ignore:Parsing weird boolean")  # rdflib's, making the expected term
@settings(max_examples=500)
@given(lexical_forms, st.sampled_from([DATE, INTEGER, BOOLEAN]))
def test_typed_literals_are_made_as_rdflib_makes_them(text, datatype):
    made = literal(text, datatype=str(datatype))
    expected = Literal(text, datatype=datatype, normalize=False)
    assert made == expected and hash(made) == hash(expected)
    for slot in Literal.__slots__:
        assert getattr(made, slot) == getattr(expected, slot)
        assert type(getattr(made, slot)) is type(getattr(expected, slot))
