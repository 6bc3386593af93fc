"""The stored queries answer the contract's questions on the mini dataset, with bound parameters."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from rdflib import URIRef

from kg.errors import QueryError
from kg.queries import QUERY_DIR, catalogue, parse_header, run
from kg.store import OxigraphStore, load_dataset

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
ID = "https://w3id.org/natokg/id/"
MEETING = ID + "meeting/foreign-ministers/2022-11-29/bucharest"
LETTER = ID + "letter/verslag-navo-ministeriele-boekarest"
SOURCE = "verslag-navo-ministeriele-boekarest.txt"

# The public contract: query names and the columns each must have (extra columns are allowed).
CONTRACT = {
    "letters": ["letter", "source", "date", "type", "author_role", "signatory"],
    "meetings": ["meeting", "letter", "type", "informal", "start", "end", "city", "country"],
    "sessions": ["meeting", "number", "title"],
    "session-participants": ["meeting", "number", "party", "role", "label"],
    "meeting-participants": ["meeting", "party", "role", "label"],
    "part-participants": ["meeting", "part", "party", "role", "label"],
    "funds": ["fund", "name", "acronym", "letter"],
    "contributions": ["fund", "name", "acronym", "donor", "amount", "currency", "letter"],
    "motions": ["motion", "submitter", "date", "kamerstuk", "subject", "letter"],
    "documents-cited": ["letter", "kamerstuk"],
    "countries-mentioned": ["letter", "party", "label"],
    "data-issues": ["letter", "message"],
    "provenance": ["subject", "letter", "start", "end", "text"],
    "country-participation": ["meeting", "start", "number", "role"],
    "meeting-timeline": ["start", "end", "meeting", "type", "city", "country", "letter", "relation"],
    "country-history": ["party", "start", "meeting", "type", "role", "number", "accession"],
    "fund-history": ["fund", "name", "acronym", "date", "donor", "amount", "currency", "status", "letter",
                     "meeting"],
    "motion-trail": ["motion", "submitter", "motion_date", "kamerstuk", "letter", "letter_date", "source"],
}
PARAMETERS = {
    "sessions": {"meeting"},
    "session-participants": {"session", "role", "meeting"},
    "meeting-participants": {"role", "meeting"},
    "part-participants": {"role", "meeting"},
    "contributions": {"fund", "donor"},
    "documents-cited": {"letter"},
    "countries-mentioned": {"letter"},
    "provenance": {"subject"},
    "country-participation": {"party"},
    "meeting-timeline": {"type"},
    "country-history": {"party"},
    "fund-history": {"fund", "donor"},
    "motion-trail": {"motion"},
}


@pytest.fixture(scope="module")
def store():
    with OxigraphStore() as store:
        load_dataset(store, MINI)
        yield store


def rows(store, name, **params):
    result = run(store, name, params)
    return [dict(zip(result.vars, (None if t is None else str(t) for t in row))) for row in result.rows]


def pick(table, *columns):
    return [tuple(row[c] for c in columns) for row in table]


def test_catalogue_is_the_contract():
    queries = catalogue()
    assert sorted(queries) == sorted(CONTRACT)
    for name, query in queries.items():
        assert query.summary, name
        assert {p.name for p in query.parameters} == PARAMETERS.get(name, set()), name


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_every_query_runs_and_has_its_columns(store, name):
    result = run(store, name, {})
    assert result.vars[: len(CONTRACT[name])] == CONTRACT[name]
    # The Bucharest report of the fixture names no part outside its numbered sessions: the
    # test below reads one that does.
    assert result.rows or name == "part-participants", f"{name} found nothing in the fixture"


def test_the_parts_of_a_meeting_and_who_took_part_in_each():
    from kg import pipeline
    from conftest import FIXTURES
    letter = FIXTURES / "real" / "2016-05-brussels-fmm-report.txt"
    with OxigraphStore() as store:
        [outcome] = pipeline.ingest_paths([letter], store)
        assert outcome.ingested
        parts = pick(rows(store, "part-participants"), "part", "party", "role")
        assert parts == [("Ceremoniële bijeenkomst", "ME", "invitee")]  # invited in December 2015
        assert pick(rows(store, "part-participants", role="partner"), "party") == []
        titles = pick(rows(store, "sessions"), "number", "title")
        assert (None, "Ceremoniële bijeenkomst") in titles and (None, "Werkdiner") in titles
        assert rows(store, "meeting-participants") == []


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_every_parameter_binds_a_projected_variable(store, name):
    # Oxigraph refuses a substitution for a variable the SELECT does not project.
    samples = {"integer": "1", "iri": "urn:x-natokg:nothing", "code": "XX", "notation": "x", "string": "x"}
    for parameter in catalogue()[name].parameters:
        run(store, name, {parameter.name: samples[parameter.type]})
        if parameter.text_var:
            run(store, name, {parameter.name: "not-an-iri.txt"})


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_headers_read_the_same_as_yaml(name):
    yaml = pytest.importorskip("yaml")  # not a dependency; checked where it is installed
    text = (QUERY_DIR / f"{name}.rq").read_text(encoding="utf-8")
    header = "\n".join(line[2:] for line in text.splitlines() if line.startswith("#+"))
    assert parse_header(header) == yaml.safe_load(header)


def test_parse_header_subset():
    header = """ summary: "quoted: with colon"
 description: it's plain
 tags:
   - a
   - 'b c'
 parameters:
   - name: session
     type: integer
   - name: role
 empty: []"""
    assert parse_header(header) == {
        "summary": "quoted: with colon",
        "description": "it's plain",
        "tags": ["a", "b c"],
        "parameters": [{"name": "session", "type": "integer"}, {"name": "role"}],
        "empty": [],
    }
    with pytest.raises(QueryError, match="quote"):
        parse_header(" summary: a: b")
    with pytest.raises(QueryError):
        parse_header(" summary: x\n   nested: y")


def test_session_four_partners(store):
    table = rows(store, "session-participants", session="4", role="partner")
    assert pick(table, "number", "party", "role") == [("4", "BA", "partner"), ("4", "GE", "partner"),
                                                      ("4", "MD", "partner")]
    assert pick(table, "label") == [("Bosnia and Herzegovina",), ("Georgia",), ("Moldova",)]


def test_session_four_includes_meeting_wide_invitees(store):
    table = rows(store, "session-participants", session="4")
    assert sorted(pick(table, "party", "role")) == [("BA", "partner"), ("FI", "invitee"), ("GE", "partner"),
                                                    ("MD", "partner"), ("SE", "invitee")]


def test_meeting_wide_participants_count_in_every_session(store):
    table = rows(store, "session-participants")
    for number in ("1", "2", "3", "4"):
        assert {("FI", "invitee"), ("SE", "invitee")} <= set(pick([r for r in table if r["number"] == number],
                                                                   "party", "role"))
    assert pick([r for r in table if r["number"] == "1"], "party") == [("FI",), ("SE",), ("EU",), ("UA",)]


def test_meeting_participants_invitees(store):
    table = rows(store, "meeting-participants", role="invitee")
    assert pick(table, "meeting", "party", "role", "label") == [
        (MEETING, "FI", "invitee", "Finland"), (MEETING, "SE", "invitee", "Sweden")]
    assert rows(store, "meeting-participants", role="partner") == []
    assert pick(rows(store, "meeting-participants", role=" Invitee "), "party") == [("FI",), ("SE",)]


def test_meeting_parameter_is_an_iri(store):
    assert pick(rows(store, "sessions", meeting=MEETING), "number", "title") == [
        ("1", "Rusland-Oekraïne"), ("2", "Rusland-Oekraïne"), ("3", "China"), ("4", "Partners in de regio")]
    assert rows(store, "sessions", meeting=ID + "meeting/summit/2023-07-11/vilnius") == []
    with pytest.raises(QueryError, match="meeting"):
        run(store, "sessions", {"meeting": "Bucharest 2022"})


def test_letters_and_meetings(store):
    assert pick(rows(store, "letters"), "letter", "source", "date", "type", "author_role", "signatory") == [
        (LETTER, SOURCE, "2022-12-05", "report", "Minister van Buitenlandse Zaken", "W.B. Hoekstra")]
    assert pick(rows(store, "meetings"), "meeting", "letter", "type", "informal", "start", "end", "city",
                "country") == [(MEETING, LETTER, "foreign-ministers", "false", "2022-11-29", "2022-11-30",
                                "Bucharest", "RO")]


def test_contributions_match_a_fund_by_acronym_or_name(store):
    expected = [(ID + "fund/ucap", "UCAP", "NL", "25000000", "EUR", LETTER)]
    columns = ("fund", "acronym", "donor", "amount", "currency", "letter")
    assert pick(rows(store, "contributions"), *columns) == expected
    assert pick(rows(store, "contributions", fund="UCAP"), *columns) == expected
    assert pick(rows(store, "contributions", fund="Ukraine Comprehensive Assistance Package", donor="nl"),
                *columns) == expected
    assert rows(store, "contributions", fund="CAP") == []
    assert rows(store, "contributions", donor="DE") == []


def test_funds_motions_issues(store):
    assert pick(rows(store, "funds"), "name", "acronym", "letter") == [
        ("Ukraine Comprehensive Assistance Package", "UCAP", LETTER)]
    assert pick(rows(store, "motions"), "submitter", "date", "kamerstuk", "letter") == [
        ("Valstar", "2022-11-17", "36200-X-26", LETTER)]
    assert pick(rows(store, "data-issues"), "letter", "message") == [
        (LETTER, "the letter dates the meeting 2023 in one place and 2022 elsewhere")]


@pytest.mark.parametrize("letter", [LETTER, SOURCE])
def test_letter_parameter_takes_an_iri_or_the_file_name(store, letter):
    assert pick(rows(store, "documents-cited", letter=letter), "letter", "kamerstuk") == [
        (LETTER, "21501-02-2580"), (LETTER, "28676-417")]
    assert pick(rows(store, "countries-mentioned", letter=letter), "party") == [("FI",), ("RO",), ("SE",), ("UA",)]


def test_unknown_letter_gives_no_rows(store):
    assert rows(store, "documents-cited", letter="other.txt") == []
    assert rows(store, "documents-cited", letter=ID + "letter/other") == []


def test_provenance_of_a_session(store):
    assert pick(rows(store, "provenance", subject=MEETING + "/session/4"), "letter", "start", "end", "text") == [
        (LETTER, "1200", "1290", "Sessie 4 met Bosnië en Herzegovina, Georgië en Moldavië")]


def test_country_participation(store):
    assert pick(rows(store, "country-participation", party="fi"), "meeting", "start", "number", "role") == [
        (MEETING, "2022-11-29", None, "invitee")]
    assert pick(rows(store, "country-participation", party="UA"), "number", "role") == [
        ("1", "partner"), ("2", "partner")]


@pytest.mark.parametrize("params", [
    {"role": 'partner" } UNION { ?x ?y ?z } #'},
    {"role": "partner\n} } >"},
    {"fund": 'UCAP" || true) } #{'},
    {"letter": '"> . } UNION { ?letter ?p ?source } #'},
    {"party": "FI' } #"},
])
def test_hostile_values_are_bound_as_values(store, params):
    name = {"role": "session-participants", "fund": "contributions", "letter": "documents-cited",
            "party": "country-participation"}[next(iter(params))]
    seen = []

    class Spy:
        def select(self, query, bindings):
            seen.append(query)
            return store.select(query, bindings)

    assert run(Spy(), name, params).rows == []
    assert seen == [catalogue()[name].text]


def test_parameter_errors_are_one_line(store):
    with pytest.raises(QueryError, match="integer") as caught:
        run(store, "session-participants", {"session": "four"})
    assert "\n" not in str(caught.value)
    with pytest.raises(QueryError, match="takes: meeting"):
        run(store, "sessions", {"session": "4"})
    with pytest.raises(QueryError, match="known: .*session-participants"):
        run(store, "who-attended", {})


def test_shared_nodes_in_two_letter_graphs_are_not_doubled(store):
    # A second letter (an agenda) states the same meeting, session 4 and its partners.
    other = rdflib.Graph()
    dataset = rdflib.Dataset().parse(MINI, format="trig")
    letter_graph = dataset.graph(URIRef(ID + "graph/letter/verslag-navo-ministeriele-boekarest"))
    for s, p, o in letter_graph:
        if str(s).startswith(MEETING):
            other.add((s, p, o))
    agenda = URIRef(ID + "letter/geannoteerde-agenda")
    other.add((agenda, rdflib.RDF.type, URIRef("https://w3id.org/natokg/ontology#Letter")))
    other.add((agenda, URIRef("https://w3id.org/natokg/ontology#concernsMeeting"), URIRef(MEETING)))
    with OxigraphStore() as two:
        load_dataset(two, MINI)
        two.replace_graph(ID + "graph/letter/geannoteerde-agenda", other)
        assert pick(rows(two, "session-participants", session="4", role="partner"), "party") == [
            ("BA",), ("GE",), ("MD",)]
        assert pick(rows(two, "meetings"), "letter") == [(str(agenda),), (LETTER,)]


def test_ontology_base_is_configurable(monkeypatch):
    monkeypatch.setenv("NATOKG_ONTOLOGY_BASE", "https://example.org/onto#")
    text = catalogue()["letters"].text
    assert "<https://example.org/onto#>" in text and "w3id.org/natokg/ontology#" not in text
