"""ontology/natokg.ttl: complete, bilingual, aligned, and in step with docs/model.md."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from kg.facts import LETTER_TYPES, MEETING_TYPES, ROLES
from kg.triples import ontology_graph

ROOT = Path(__file__).parents[1]
NKNS = "https://w3id.org/natokg/ontology#"
NK = Namespace(NKNS)  # plain: this test must see terms even if kg.namespaces were stale
ONTOLOGY = URIRef("https://w3id.org/natokg/ontology")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEMA = Namespace("https://schema.org/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ELIDL = Namespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
ORG = Namespace("http://www.w3.org/ns/org#")


@pytest.fixture(scope="module")
def g() -> Graph:
    return ontology_graph()


def terms(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NKNS)}


def of_type(g: Graph, kind) -> set[URIRef]:
    return {s for s in g.subjects(RDF.type, kind) if str(s).startswith(NKNS)}


def test_header(g):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY, DCTERMS.creator) == Literal("natokg")
    assert g.value(ONTOLOGY, OWL.versionInfo) == Literal("0.1.0")
    assert g.value(ONTOLOGY, DCTERMS.license) is not None
    assert {t.language for t in g.objects(ONTOLOGY, DCTERMS.title)} == {"en", "nl"}
    assert g.value(ONTOLOGY, DCTERMS.description) is not None


def test_every_term_is_declared_once(g):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    for term in terms(g):
        assert sum((term, RDF.type, k) in g for k in kinds) == 1, term


def test_every_term_has_english_and_dutch_labels_and_an_english_comment(g):
    assert len(terms(g)) == 19 + 31 + 24 + 10  # classes, object and datatype properties, codes
    for term in terms(g):
        labels = {l.language for l in g.objects(term, RDFS.label)}
        assert labels == {"en", "nl"}, term
        comments = [c for c in g.objects(term, RDFS.comment) if c.language == "en"]
        assert len(comments) == 1 and "\n" not in comments[0], term


def test_properties_have_domain_and_range(g):
    for p in of_type(g, OWL.ObjectProperty) | of_type(g, OWL.DatatypeProperty):
        assert g.value(p, RDFS.domain) is not None, p
        assert g.value(p, RDFS.range) is not None, p


@pytest.mark.parametrize("cls, codes, expected", [
    (NK.LetterType, LETTER_TYPES, {"report": NK.Report, "annotated-agenda": NK.AnnotatedAgenda,
                                   "other": NK.OtherLetter}),
    (NK.MeetingType, MEETING_TYPES, {"foreign-ministers": NK.ForeignMinistersMeeting,
                                     "defence-ministers": NK.DefenceMinistersMeeting, "summit": NK.Summit,
                                     "foreign-affairs-council": NK.ForeignAffairsCouncil,
                                     "european-council": NK.EuropeanCouncil}),
    (NK.ParticipationRole, ROLES, {"invitee": NK.Invitee, "partner": NK.Partner}),
])
def test_code_lists_match_the_facts_model(g, cls, codes, expected):
    found = {str(g.value(i, SKOS.notation)): i for i in g.subjects(RDF.type, cls)}
    assert found == expected
    assert set(found) == set(codes)


@pytest.mark.parametrize("sub, sup", [
    (NK.Letter, ELI.Work), (NK.Letter, SCHEMA.CreativeWork),
    (NK.Meeting, SCHEMA.Event), (NK.Meeting, ELIDL.Activity), (NK.Session, ELIDL.Activity),
    (NK.Participation, ELIDL.Participation), (NK.ParticipationRole, ELIDL.ParticipationRole),
    (NK.Party, SCHEMA.Organization), (NK.Country, NK.Party), (NK.Country, SCHEMA.Country),
    (NK.Organisation, NK.Party), (NK.Organisation, ORG.Organization), (NK.City, SCHEMA.City),
    (NK.Person, SCHEMA.Person), (NK.Contribution, SCHEMA.MonetaryGrant), (NK.Motion, OPENGOV.Motion),
    (NK.Document, ELI.Work), (NK.Span, OA.TextPositionSelector), (NK.Span, OA.TextQuoteSelector),
])
def test_class_alignment(g, sub, sup):
    assert (sub, RDFS.subClassOf, sup) in g


@pytest.mark.parametrize("sub, sup", [
    (NK.letterDate, DCTERMS.issued), (NK.signatory, DCTERMS.creator), (NK.concernsMeeting, ELI.is_about),
    (NK.startDate, SCHEMA.startDate), (NK.endDate, SCHEMA.endDate), (NK.location, SCHEMA.location),
    (NK.hasSession, SCHEMA.subEvent), (NK.hasSession, ELIDL.consists_of),
    (NK.partOfMeeting, SCHEMA.superEvent), (NK.title, DCTERMS.title),
    (NK.participationRole, ELIDL.participation_role), (NK.code, SKOS.notation),
    (NK.name, SCHEMA.name), (NK.motionDate, DCTERMS.dateSubmitted), (NK.spanOf, OA.hasSource),
])
def test_property_alignment(g, sub, sup):
    assert (sub, RDFS.subPropertyOf, sup) in g


def test_every_term_in_the_data_model_doc_is_defined(g):
    doc = (ROOT / "docs" / "model.md").read_text("utf-8")
    named = {NK[name] for name in re.findall(r"`nk:([A-Za-z]+)", doc)}
    assert len(named) > 50
    assert named - terms(g) == set()
    assert terms(g) - named == set(), "a term the contract does not describe"
