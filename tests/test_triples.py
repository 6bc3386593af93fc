"""kg.triples: LetterFacts -> one letter's named graph, checked triple by triple."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from kg import iris
from kg.facts import (
    Contribution, CountryMention, DataIssue, DocumentCitation, Fund, Letter, LetterFacts, Meeting,
    Motion, Participation, Session, Span,
)
from kg.errors import MappingError
from kg.namespaces import NK, OA, PROV
from kg.triples import letter_graph, ontology_graph
from kg.validate import problems

ID = "https://w3id.org/natokg/id/"
# A plain Namespace: rdflib's XSD class warns when pytest probes module attributes for mocks.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
LETTER = URIRef(ID + "letter/seed-2022-11-bucharest")
MEETING = URIRef(ID + "meeting/foreign-ministers/2022-11-29/bucharest")


def span(start: int, text: str) -> Span:
    return Span(start, start + len(text), text)


def bucharest_facts() -> LetterFacts:
    """What the seed letter states about the 29-30 November 2022 Bucharest meeting."""
    return LetterFacts(
        letter=Letter("seed-2022-11-bucharest.txt", "report", date(2022, 12, 16),
                      "Minister van Buitenlandse Zaken", "W.B. Hoekstra", None,
                      span(9000, "De Minister van Buitenlandse Zaken, W.B. Hoekstra")),
        meeting=Meeting("foreign-ministers", False, date(2022, 11, 29), date(2022, 11, 30),
                        "Bucharest", "Boekarest", "RO",
                        span(120, "op 29 en 30 november 2022 in Boekarest")),
        sessions=tuple(Session(n, title, span(1000 * n, f"Sessie {n}")) for n, title in (
            (1, "Rusland-Oekraïne"), (2, "Rusland-Oekraïne"), (3, "Strategisch Concept"),
            (4, "kwetsbare landen"))),
        participations=(
            Participation("UA", "partner", 1, span(1020, "Oekraïne")),
            Participation("EU", "partner", 1, span(1040, "de EU")),
            Participation("UA", "partner", 2, span(2020, "Oekraïne")),
            Participation("EU", "partner", 2, span(2040, "de EU")),
            Participation("BA", "partner", 4, span(4020, "Bosnië-Herzegovina")),
            Participation("GE", "partner", 4, span(4050, "Georgië")),
            Participation("MD", "partner", 4, span(4070, "Moldavië")),
            Participation("FI", "invitee", None, span(300, "Finland")),
            Participation("SE", "invitee", None, span(320, "Zweden")),
        ),
        funds=(Fund("UCAP", "Ukraine Comprehensive Assistance Package", "UCAP",
                    span(5000, "Ukraine Comprehensive Assistance Package (UCAP)")),),
        contributions=(Contribution("UCAP", "NL", Decimal("25000000"), "EUR",
                                    span(5100, "EUR 25 miljoen")),),
        motions=(Motion("Valstar", date(2022, 11, 17), None, "36200-X-26",
                        span(6000, "de motie van het lid Valstar")),),
        documents=(DocumentCitation("28676-417", span(6200, "Kamerstuk 28 676, nr. 417")),
                   DocumentCitation("36200-X-26", span(6100, "Kamerstuk 36 200 X, nr. 26"))),
        countries=(CountryMention("RO", span(140, "Roemenië")), CountryMention("UA", span(1020, "Oekraïne"))),
        issues=(DataIssue("the body dates the meeting 29 and 30 November 2023, the title 2022",
                          span(400, "2023")),),
    )


@pytest.fixture(scope="module")
def mapped() -> tuple[URIRef, Graph]:
    return letter_graph(bucharest_facts())


@pytest.fixture(scope="module")
def g(mapped) -> Graph:
    return mapped[1]


def objects(g: Graph, s, p) -> set:
    return set(g.objects(s, p))


def session(n: int) -> URIRef:
    return URIRef(f"{MEETING}/session/{n}")


def partners(g: Graph, activity: URIRef, role=NK.Partner) -> set[str]:
    """Codes of the parties taking part in `activity` in `role` (the last segment of their IRI)."""
    return {
        str(g.value(p, NK.participant)).rsplit("/", 1)[-1]
        for p in g.subjects(NK.participationIn, activity)
        if (p, NK.participationRole, role) in g
    }


def test_graph_iri_is_the_letters_named_graph(mapped):
    graph_iri, g = mapped
    assert graph_iri == URIRef(ID + "graph/letter/seed-2022-11-bucharest")
    assert g.identifier == graph_iri


def test_letter_node(g):
    assert (LETTER, RDF.type, NK.Letter) in g
    assert g.value(LETTER, NK.sourceFile) == Literal("seed-2022-11-bucharest.txt")
    assert g.value(LETTER, NK.letterType) == NK.Report
    assert g.value(LETTER, NK.letterDate) == Literal("2022-12-16", datatype=XSD.date)
    assert g.value(LETTER, NK.authorRole) == Literal("Minister van Buitenlandse Zaken")
    assert g.value(LETTER, NK.kamerstuk) is None
    person = URIRef(ID + "person/w-b-hoekstra")
    assert g.value(LETTER, NK.signatory) == person
    assert (person, RDF.type, NK.Person) in g
    assert g.value(person, RDFS.label) == Literal("W.B. Hoekstra")
    assert g.value(LETTER, NK.concernsMeeting) == MEETING


def test_meeting(g):
    assert (MEETING, RDF.type, NK.Meeting) in g
    assert g.value(MEETING, NK.meetingType) == NK.ForeignMinistersMeeting
    assert g.value(MEETING, NK.informal) == Literal(False)
    assert g.value(MEETING, NK.informal).datatype == XSD.boolean
    assert g.value(MEETING, NK.startDate) == Literal("2022-11-29", datatype=XSD.date)
    assert g.value(MEETING, NK.endDate) == Literal("2022-11-30", datatype=XSD.date)
    assert g.value(MEETING, NK.location) == URIRef(ID + "city/bucharest")
    assert g.value(MEETING, NK.hostCountry) == URIRef(ID + "country/RO")
    assert objects(g, MEETING, RDFS.label) == {
        Literal("Foreign ministers meeting, Bucharest, 2022-11-29", lang="en"),
        Literal("Bijeenkomst van ministers van Buitenlandse Zaken, Boekarest, 2022-11-29", lang="nl"),
    }


def test_known_city_is_left_to_the_reference_graph(g):
    assert list(g.triples((URIRef(ID + "city/bucharest"), None, None))) == []


def test_city_given_in_dutch_is_not_mistaken_for_a_known_one():
    # "Brussel" is Brussels' Dutch name, but id:city/brussel is no reference city: describe it.
    facts = bucharest_facts()
    _, g = letter_graph(replace(facts, meeting=replace(facts.meeting, city="Brussel", country="BE")))
    assert (URIRef(ID + "city/brussel"), RDF.type, NK.City) in g
    assert problems(g) == []


def test_unknown_city_is_described_in_the_letter_graph():
    facts = bucharest_facts()
    facts = replace(facts, meeting=replace(facts.meeting, city="Vianden", city_dutch="Vianden", country="LU"))
    _, g = letter_graph(facts)
    city = URIRef(ID + "city/vianden")
    assert (city, RDF.type, NK.City) in g
    assert objects(g, city, RDFS.label) == {Literal("Vianden", lang="en"), Literal("Vianden", lang="nl")}
    assert g.value(city, NK.inCountry) == URIRef(ID + "country/LU")
    assert problems(g) == []


def test_sessions(g):
    assert objects(g, MEETING, NK.hasSession) == {session(n) for n in (1, 2, 3, 4)}
    for n, title in ((1, "Rusland-Oekraïne"), (3, "Strategisch Concept"), (4, "kwetsbare landen")):
        assert (session(n), RDF.type, NK.Session) in g
        assert g.value(session(n), NK.sessionNumber) == Literal(n, datatype=XSD.integer)
        assert g.value(session(n), NK.title) == Literal(title, lang="nl")
        assert g.value(session(n), NK.partOfMeeting) == MEETING


def test_session_partners_point_at_their_session(g):
    assert partners(g, session(1)) == {"UA", "EU"}
    assert partners(g, session(2)) == {"UA", "EU"}
    assert partners(g, session(3)) == set()
    assert partners(g, session(4)) == {"BA", "GE", "MD"}
    assert partners(g, MEETING) == set()


def test_meeting_wide_invitees_point_at_the_meeting(g):
    assert partners(g, MEETING, NK.Invitee) == {"FI", "SE"}
    fi = URIRef(f"{MEETING}/participation/FI/invitee")
    assert g.value(fi, NK.participant) == URIRef(ID + "country/FI")
    assert g.value(fi, NK.participationIn) == MEETING


def test_eu_takes_part_as_an_organisation(g):
    eu = URIRef(f"{MEETING}/session/1/participation/EU/partner")
    assert (eu, RDF.type, NK.Participation) in g
    assert g.value(eu, NK.participant) == URIRef(ID + "organisation/EU")


def test_fund_and_contribution(g):
    fund = URIRef(ID + "fund/ucap")
    assert (fund, RDF.type, NK.Fund) in g
    assert g.value(fund, NK.name) == Literal("Ukraine Comprehensive Assistance Package")
    assert g.value(fund, NK.acronym) == Literal("UCAP")
    assert (LETTER, NK.mentionsFund, fund) in g
    c = URIRef(ID + "letter/seed-2022-11-bucharest/contribution/1")
    assert (c, RDF.type, NK.Contribution) in g
    assert g.value(c, NK.toFund) == fund
    assert g.value(c, NK.donor) == URIRef(ID + "country/NL")
    amount = g.value(c, NK.amount)
    assert (str(amount), amount.datatype) == ("25000000", XSD.decimal)
    assert g.value(c, NK.currency) == Literal("EUR")


def test_contribution_without_figure_has_no_currency():
    facts = replace(bucharest_facts(), contributions=(
        Contribution("UCAP", "NL", None, "EUR", span(5100, "een bijdrage")),))
    _, g = letter_graph(facts)
    c = URIRef(ID + "letter/seed-2022-11-bucharest/contribution/1")
    assert g.value(c, NK.amount) is None and g.value(c, NK.currency) is None
    assert problems(g) == []


def test_amount_never_in_exponent_notation():
    facts = replace(bucharest_facts(), contributions=(
        Contribution("UCAP", "NL", Decimal("2.5E+7"), "EUR", span(5100, "EUR 25 miljoen")),))
    _, g = letter_graph(facts)
    amount = g.value(URIRef(ID + "letter/seed-2022-11-bucharest/contribution/1"), NK.amount)
    assert str(amount) == "25000000"


def test_motion_and_its_paper(g):
    motion = URIRef(ID + "motion/36200-X-26")
    paper = URIRef(ID + "kamerstuk/36200-X-26")
    assert (motion, RDF.type, NK.Motion) in g
    assert g.value(motion, NK.submitter) == Literal("Valstar")
    assert g.value(motion, NK.motionDate) == Literal("2022-11-17", datatype=XSD.date)
    assert g.value(motion, NK.subject) is None
    assert g.value(motion, NK.motionDocument) == paper
    assert (paper, RDF.type, NK.Document) in g
    assert g.value(paper, NK.kamerstuk) == Literal("36200-X-26")
    assert (LETTER, NK.citesMotion, motion) in g
    # the paper is evidenced both where the motion is named and where the Kamerstuk is cited
    assert {str(g.value(s, OA.exact)) for s in g.objects(paper, NK.evidence)} == {
        "de motie van het lid Valstar", "Kamerstuk 36 200 X, nr. 26"}


def test_motion_without_number_is_named_by_submitter_and_date():
    facts = replace(bucharest_facts(), motions=(
        Motion("Sjoerdsma", date(2023, 3, 2), "munitie", None, span(6000, "de motie-Sjoerdsma")),))
    _, g = letter_graph(facts)
    motion = URIRef(ID + "motion/sjoerdsma/2023-03-02")
    assert g.value(motion, NK.subject) == Literal("munitie")
    assert g.value(motion, NK.motionDocument) is None


def test_documents_and_countries(g):
    assert objects(g, LETTER, NK.citesDocument) == {
        URIRef(ID + "kamerstuk/28676-417"), URIRef(ID + "kamerstuk/36200-X-26")}
    assert objects(g, LETTER, NK.mentionsCountry) == {URIRef(ID + "country/RO"), URIRef(ID + "country/UA")}


def test_data_issue(g):
    issue = URIRef(ID + "letter/seed-2022-11-bucharest/issue/1")
    assert (issue, RDF.type, NK.DataIssue) in g
    assert str(g.value(issue, NK.message)).startswith("the body dates the meeting")
    assert (LETTER, NK.hasDataIssue, issue) in g


def test_every_fact_node_has_provenance_and_evidence(g):
    facts = [s for cls in (NK.Meeting, NK.Session, NK.Participation, NK.Fund, NK.Contribution,
                           NK.Motion, NK.Document, NK.DataIssue)
             for s in g.subjects(RDF.type, cls)]
    assert len(facts) == 1 + 4 + 9 + 1 + 1 + 1 + 2 + 1
    for node in facts:
        assert objects(g, node, PROV.wasDerivedFrom) == {LETTER}, node
        spans = objects(g, node, NK.evidence)
        assert spans and all((s, RDF.type, NK.Span) in g for s in spans), node


def test_span_nodes(g):
    s = URIRef(ID + "letter/seed-2022-11-bucharest/span/5100-5114")
    assert (s, RDF.type, NK.Span) in g
    assert g.value(s, OA.start) == Literal(5100, datatype=XSD.integer)
    assert g.value(s, OA.end) == Literal(5114, datatype=XSD.integer)
    assert g.value(s, OA.exact) == Literal("EUR 25 miljoen")
    assert g.value(s, NK.spanOf) == LETTER


def test_no_blank_nodes(g):
    assert not any(isinstance(t, BNode) for triple in g for t in triple)


def test_mapping_is_deterministic(g):
    _, again = letter_graph(bucharest_facts())
    assert set(again) == set(g)
    assert isomorphic(again, g)
    def lines(graph: Graph) -> list[str]:
        return sorted(graph.serialize(format="nt").splitlines())
    assert lines(again) == lines(g)


def test_bucharest_letter_validates_clean(g):
    assert problems(g) == []


def test_value_outside_a_code_list_is_left_for_the_shapes():
    facts = replace(bucharest_facts(), participations=(
        Participation("UA", "observer", 1, span(1020, "Oekraïne")),))
    _, g = letter_graph(facts)
    p = URIRef(f"{MEETING}/session/1/participation/UA/observer")
    assert g.value(p, NK.participationRole) == Literal("observer")
    assert [(x.focus, x.path) for x in problems(g)] == [(p, NK.participationRole)]


def test_sessions_without_a_meeting_are_refused_with_natokgs_own_error():
    facts = replace(bucharest_facts(), meeting=None)
    with pytest.raises(MappingError, match="seed-2022-11-bucharest.txt: cannot be mapped"):
        letter_graph(facts)


def test_letter_without_meeting():
    facts = LetterFacts(letter=Letter("brief.txt", "other", None, None, None, "28676-500"))
    graph_iri, g = letter_graph(facts)
    letter = URIRef(ID + "letter/brief")
    assert set(g) == {
        (letter, RDF.type, NK.Letter),
        (letter, NK.sourceFile, Literal("brief.txt")),
        (letter, NK.letterType, NK.OtherLetter),
        (letter, NK.kamerstuk, Literal("28676-500")),
    }
    assert problems(g) == []


def test_ontology_graph():
    onto = ontology_graph()
    assert onto.identifier == URIRef(ID + "graph/ontology")
    assert (NK.Meeting, RDF.type, OWL.Class) in onto


def test_mapping_names_no_iri_by_string():
    # Terms come from kg.namespaces and data IRIs from kg.iris, never from literals here.
    source = (Path(__file__).parents[1] / "kg" / "triples.py").read_text("utf-8")
    assert "http://" not in source and "https://" not in source
