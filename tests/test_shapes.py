"""Every shape in shapes/natokg.shapes.ttl, checked dash-test style.

BASE is a small letter graph that conforms. Each FAILING case applies one SPARQL update to it
and names the violation it must cause: focus node, path, the shape (or SPARQL constraint) and
the constraint component. PASSING cases are edge cases that must still conform. A last test
checks that every node shape, property shape and SPARQL constraint has a failing case, and
that BASE gives every node shape something to check, so a passing BASE is not vacuous.
"""
from __future__ import annotations

from typing import NamedTuple

import pytest
from rdflib import RDF, RDFS, Graph, Namespace, URIRef

from kg.namespaces import NK, OA, PROV, SKOS
from rdflib import OWL
from kg.validate import problems, shapes_graph, with_context

ID = "https://w3id.org/natokg/id/"
SH = Namespace("http://www.w3.org/ns/shacl#")
NKSH = Namespace("https://w3id.org/natokg/shapes#")

PROLOGUE = f"""
BASE <{ID}>
PREFIX nk: <https://w3id.org/natokg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

MEETING = "meeting/foreign-ministers/2022-11-29/bucharest"
SESSION = f"{MEETING}/session/1"
MADRID = "meeting/summit/2022-06/madrid"  # a meeting the letter mentions, by its month only
ROLE = "person/w-b-hoekstra/role/minister-van-buitenlandse-zaken"

BASE = f"""
@base <{ID}> .
@prefix nk: <https://w3id.org/natokg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .

<letter/t> a nk:Letter ;
    nk:sourceFile "t.txt" ; nk:letterType nk:Report ; nk:letterDate "2022-12-16"^^xsd:date ;
    nk:authorRole "Minister van Buitenlandse Zaken" ; nk:signatory <person/w-b-hoekstra> ;
    nk:kamerstuk "28676-420" ; nk:concernsMeeting <{MEETING}> ;
    nk:citesDocument <kamerstuk/28676-417> ; nk:citesMotion <motion/36200-X-26> ;
    nk:mentionsCountry <country/RO> , <country/UA> ; nk:mentionsFund <fund/ucap> ;
    nk:hasDataIssue <letter/t/issue/1> ; nk:evidence <letter/t/span/0-10> ;
    nk:reportsOnMeeting <{MEETING}> ; nk:mentionsMeeting <{MADRID}> ;
    nk:signedAs <{ROLE}> ; owl:sameAs <kamerstuk/28676-420> .

<person/w-b-hoekstra> a nk:Person ; rdfs:label "W.B. Hoekstra" .

<{ROLE}> a nk:PersonRole ;
    nk:holder <person/w-b-hoekstra> ; nk:roleName "Minister van Buitenlandse Zaken" ;
    nk:attestedOn "2022-12-16"^^xsd:date ; prov:wasDerivedFrom <letter/t> .

<person/valstar> a nk:Person ; rdfs:label "Valstar" .

<person/valstar/role/lid-van-de-tweede-kamer> a nk:PersonRole ;
    nk:holder <person/valstar> ; nk:roleName "lid van de Tweede Kamer" ;
    nk:attestedOn "2022-11-17"^^xsd:date ; prov:wasDerivedFrom <letter/t> .

<kamerstuk/28676-420> a nk:Document ;
    nk:kamerstuk "28676-420" ; rdfs:label "Kamerstuk 28676-420"@nl ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/0-10> .

<{MADRID}> a nk:Meeting ;
    nk:meetingType nk:Summit ; nk:startMonth "2022-06"^^xsd:gYearMonth ; nk:location <city/madrid> ;
    rdfs:label "Summit, Madrid, 2022-06"@en ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/60-70> .

<{MEETING}> a nk:Meeting ;
    nk:meetingType nk:ForeignMinistersMeeting ; nk:informal false ;
    nk:startDate "2022-11-29"^^xsd:date ; nk:endDate "2022-11-30"^^xsd:date ;
    nk:location <city/bucharest> ; nk:hostCountry <country/RO> ; nk:hasSession <{SESSION}> ;
    rdfs:label "Foreign ministers meeting, Bucharest, 2022-11-29"@en ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/10-20> .

<{SESSION}> a nk:Session ;
    nk:sessionNumber 1 ; nk:title "Rusland-Oekraïne"@nl ; nk:partOfMeeting <{MEETING}> ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/20-30> .

<{SESSION}/participation/UA/partner> a nk:Participation ;
    nk:participant <country/UA> ; nk:participationRole nk:Partner ; nk:participationIn <{SESSION}> ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/30-40> .

<{MEETING}/participation/EU/partner> a nk:Participation ;
    nk:participant <organisation/EU> ; nk:participationRole nk:Partner ; nk:participationIn <{MEETING}> ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/30-40> .

<fund/ucap> a nk:Fund ;
    nk:name "Ukraine Comprehensive Assistance Package" ; nk:acronym "UCAP" ;
    rdfs:label "Ukraine Comprehensive Assistance Package" ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/40-50> .

<letter/t/contribution/1> a nk:Contribution ;
    nk:toFund <fund/ucap> ; nk:donor <country/NL> ;
    nk:amount "25000000"^^xsd:decimal ; nk:currency "EUR" ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/40-50> .

<motion/36200-X-26> a nk:Motion ;
    nk:submitter "Valstar" ; nk:motionDate "2022-11-17"^^xsd:date ; nk:subject "steun aan Oekraïne" ;
    nk:motionDocument <kamerstuk/36200-X-26> ; rdfs:label "motie-Valstar (36200-X-26)"@nl ;
    nk:submittedBy <person/valstar> ; nk:submittedAs <person/valstar/role/lid-van-de-tweede-kamer> ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/50-60> .

<kamerstuk/36200-X-26> a nk:Document ;
    nk:kamerstuk "36200-X-26" ; rdfs:label "Kamerstuk 36200-X-26"@nl ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/50-60> .

<kamerstuk/28676-417> a nk:Document ;
    nk:kamerstuk "28676-417" ; rdfs:label "Kamerstuk 28676-417"@nl ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/60-70> .

<letter/t/issue/1> a nk:DataIssue ;
    nk:message "the body says 2023, the title 2022" ;
    prov:wasDerivedFrom <letter/t> ; nk:evidence <letter/t/span/10-20> .
""" + "".join(
    f"""
<letter/t/span/{a}-{a + 10}> a nk:Span ;
    oa:start "{a}"^^xsd:integer ; oa:end "{a + 10}"^^xsd:integer ;
    oa:exact "0123456789" ; nk:spanOf <letter/t> .
""" for a in range(0, 70, 10))


def iri(relative: str) -> URIRef:
    return URIRef(ID + relative)


def base_graph() -> Graph:
    return Graph().parse(data=BASE, format="turtle")


# Updates are written against BASE: `<x>` is relative to the data base IRI.
def replace(s: str, p: str, o: str) -> str:
    return f"DELETE {{ {s} {p} ?old }} INSERT {{ {s} {p} {o} }} WHERE {{ OPTIONAL {{ {s} {p} ?old }} }}"


def drop(s: str, p: str) -> str:
    return f"DELETE WHERE {{ {s} {p} ?old }}"


def add(triples: str) -> str:
    return f"INSERT DATA {{ {triples} }}"


class Case(NamedTuple):
    id: str
    update: str
    focus: URIRef
    path: URIRef | None
    shape: URIRef  # the property shape, or the SPARQL constraint
    component: str  # local name in sh:


L, M, S = "<letter/t>", f"<{MEETING}>", f"<{SESSION}>"
MA, R = f"<{MADRID}>", f"<{ROLE}>"
P = f"<{SESSION}/participation/UA/partner>"
C, F = "<letter/t/contribution/1>", "<fund/ucap>"
MO, D = "<motion/36200-X-26>", "<kamerstuk/28676-417>"
I, SP = "<letter/t/issue/1>", "<letter/t/span/0-10>"
NEW_COUNTRY = '<country/QQ> a nk:Country ; nk:code "QQ" ; '
NEW_CITY = "<city/atlantis> a nk:City ; "
BOGUS = "nk:Bogus a nk:MeetingType ; "
BOGUS_IRI = URIRef(str(NK._NS) + "Bogus")  # NK.Bogus would raise: not in the ontology

FAILING = [
    # Letter
    Case("letter without source file", drop(L, "nk:sourceFile"),
         iri("letter/t"), NK.sourceFile, NKSH["Letter-sourceFile"], "MinCountConstraintComponent"),
    Case("letter type outside the code list", replace(L, "nk:letterType", "nk:Summit"),
         iri("letter/t"), NK.letterType, NKSH["Letter-letterType"], "InConstraintComponent"),
    Case("letter type as text", replace(L, "nk:letterType", '"report"'),
         iri("letter/t"), NK.letterType, NKSH["Letter-letterType"], "InConstraintComponent"),
    Case("letter date as text", replace(L, "nk:letterDate", '"16 december 2022"'),
         iri("letter/t"), NK.letterDate, NKSH["Letter-letterDate"], "DatatypeConstraintComponent"),
    Case("two author roles", add(f'{L} nk:authorRole "Minister van Defensie"'),
         iri("letter/t"), NK.authorRole, NKSH["Letter-authorRole"], "MaxCountConstraintComponent"),
    Case("signatory not a person", replace(L, "nk:signatory", "<country/NL>"),
         iri("letter/t"), NK.signatory, NKSH["Letter-signatory"], "ClassConstraintComponent"),
    Case("letter Kamerstuk malformed", replace(L, "nk:kamerstuk", '"28 676 nr. 420"'),
         iri("letter/t"), NK.kamerstuk, NKSH["Letter-kamerstuk"], "PatternConstraintComponent"),
    Case("parliamentary year malformed", add(f'{L} nk:parliamentaryYear "2022/23"'),
         iri("letter/t"), NK.parliamentaryYear, NKSH["Letter-parliamentaryYear"], "PatternConstraintComponent"),
    Case("concerns a country, not a meeting", replace(L, "nk:concernsMeeting", "<country/RO>"),
         iri("letter/t"), NK.concernsMeeting, NKSH["Letter-concernsMeeting"], "ClassConstraintComponent"),
    Case("cites an issue as a paper", add(f"{L} nk:citesDocument {I}"),
         iri("letter/t"), NK.citesDocument, NKSH["Letter-citesDocument"], "ClassConstraintComponent"),
    Case("cites a paper as a motion", add(f"{L} nk:citesMotion {D}"),
         iri("letter/t"), NK.citesMotion, NKSH["Letter-citesMotion"], "ClassConstraintComponent"),
    Case("mentions an unknown country code", add(f"{L} nk:mentionsCountry <country/XX>"),
         iri("letter/t"), NK.mentionsCountry, NKSH["Letter-mentionsCountry"], "ClassConstraintComponent"),
    Case("mentions the EU as a country", add(f"{L} nk:mentionsCountry <organisation/EU>"),
         iri("letter/t"), NK.mentionsCountry, NKSH["Letter-mentionsCountry"], "ClassConstraintComponent"),
    Case("mentions a contribution as a fund", add(f"{L} nk:mentionsFund {C}"),
         iri("letter/t"), NK.mentionsFund, NKSH["Letter-mentionsFund"], "ClassConstraintComponent"),
    Case("data issue that is a fund", add(f"{L} nk:hasDataIssue {F}"),
         iri("letter/t"), NK.hasDataIssue, NKSH["Letter-hasDataIssue"], "ClassConstraintComponent"),
    Case("letter evidence not a span", add(f"{L} nk:evidence {F}"),
         iri("letter/t"), NK.evidence, NKSH["Letter-evidence"], "ClassConstraintComponent"),
    # Meeting
    Case("meeting type outside the code list", replace(M, "nk:meetingType", "nk:Report"),
         iri(MEETING), NK.meetingType, NKSH["Meeting-meetingType"], "InConstraintComponent"),
    Case("informal as text", replace(M, "nk:informal", '"nee"'),
         iri(MEETING), NK.informal, NKSH["Meeting-informal"], "DatatypeConstraintComponent"),
    Case("missing start date", drop(M, "nk:startDate"),
         iri(MEETING), NK.startDate, NKSH.ConcernedMeetingDated, "SPARQLConstraintComponent"),
    Case("two start dates", add(f'{M} nk:startDate "2022-11-28"^^xsd:date'),
         iri(MEETING), NK.startDate, NKSH["Meeting-startDate"], "MaxCountConstraintComponent"),
    Case("missing end date", drop(M, "nk:endDate"),
         iri(MEETING), NK.endDate, NKSH.ConcernedMeetingDated, "SPARQLConstraintComponent"),
    Case("two end dates", add(f'{M} nk:endDate "2022-12-01"^^xsd:date'),
         iri(MEETING), NK.endDate, NKSH["Meeting-endDate"], "MaxCountConstraintComponent"),
    Case("own meeting not saying whether informal", drop(M, "nk:informal"),
         iri(MEETING), NK.informal, NKSH["ConcernedMeeting-informal"], "MinCountConstraintComponent"),
    Case("own meeting an EU Council", replace(M, "nk:meetingType", "nk:ForeignAffairsCouncil"),
         iri(MEETING), NK.meetingType, NKSH["ConcernedMeeting-meetingType"], "InConstraintComponent"),
    Case("mentioned meeting with neither day nor month", drop(MA, "nk:startMonth"),
         iri(MADRID), NK.startDate, NKSH.MeetingHasStart, "SPARQLConstraintComponent"),
    Case("start month as a date", replace(MA, "nk:startMonth", '"2022-06-28"^^xsd:date'),
         iri(MADRID), NK.startMonth, NKSH["Meeting-startMonth"], "DatatypeConstraintComponent"),
    # Announced, reported and mentioned meetings; the signatory's office; the own Kamerstuk
    Case("report announcing its meeting", add(f"{L} nk:announcesMeeting {M}"),
         iri("letter/t"), NK.announcesMeeting, NKSH.AccountMatchesLetter, "SPARQLConstraintComponent"),
    Case("reports on a meeting it does not concern", replace(L, "nk:reportsOnMeeting", MA),
         iri("letter/t"), NK.reportsOnMeeting, NKSH.AccountMatchesLetter, "SPARQLConstraintComponent"),
    Case("announces a country", add(f"{L} nk:announcesMeeting <country/RO>"),
         iri("letter/t"), NK.announcesMeeting, NKSH["Letter-announcesMeeting"], "ClassConstraintComponent"),
    Case("reports on a country", replace(L, "nk:reportsOnMeeting", "<country/RO>"),
         iri("letter/t"), NK.reportsOnMeeting, NKSH["Letter-reportsOnMeeting"], "ClassConstraintComponent"),
    Case("mentions a fund as a meeting", add(f"{L} nk:mentionsMeeting {F}"),
         iri("letter/t"), NK.mentionsMeeting, NKSH["Letter-mentionsMeeting"], "ClassConstraintComponent"),
    Case("signed as a person, not in a role", replace(L, "nk:signedAs", "<person/w-b-hoekstra>"),
         iri("letter/t"), NK.signedAs, NKSH["Letter-signedAs"], "ClassConstraintComponent"),
    Case("letter the same as a motion", replace(L, "owl:sameAs", MO),
         iri("letter/t"), OWL.sameAs, NKSH["Letter-sameAs"], "ClassConstraintComponent"),
    Case("end date before start date", replace(M, "nk:endDate", '"2022-11-28"^^xsd:date'),
         iri(MEETING), NK.endDate, NKSH.MeetingEndsAfterStart, "SPARQLConstraintComponent"),
    Case("located in a country, not a city", replace(M, "nk:location", "<country/RO>"),
         iri(MEETING), NK.location, NKSH["Meeting-location"], "ClassConstraintComponent"),
    Case("hosted by the EU", replace(M, "nk:hostCountry", "<organisation/EU>"),
         iri(MEETING), NK.hostCountry, NKSH["Meeting-hostCountry"], "ClassConstraintComponent"),
    Case("session that is an issue", add(f"{M} nk:hasSession {I}"),
         iri(MEETING), NK.hasSession, NKSH["Meeting-hasSession"], "ClassConstraintComponent"),
    Case("meeting without label", drop(M, "rdfs:label"),
         iri(MEETING), RDFS.label, NKSH["Meeting-label"], "MinCountConstraintComponent"),
    # Person in a role
    Case("role without holder", drop(R, "nk:holder"),
         iri(ROLE), NK.holder, NKSH["PersonRole-holder"], "MinCountConstraintComponent"),
    Case("role without name", drop(R, "nk:roleName"),
         iri(ROLE), NK.roleName, NKSH["PersonRole-roleName"], "MinCountConstraintComponent"),
    Case("role attested on text", replace(R, "nk:attestedOn", '"december 2022"'),
         iri(ROLE), NK.attestedOn, NKSH["PersonRole-attestedOn"], "DatatypeConstraintComponent"),
    Case("role without provenance", drop(R, "prov:wasDerivedFrom"),
         iri(ROLE), PROV.wasDerivedFrom, NKSH["Derived-wasDerivedFrom"], "MinCountConstraintComponent"),
    # Session
    Case("session number 0", replace(S, "nk:sessionNumber", "0"),
         iri(SESSION), NK.sessionNumber, NKSH["Session-sessionNumber"], "MinInclusiveConstraintComponent"),
    Case("session number as text", replace(S, "nk:sessionNumber", '"1"'),
         iri(SESSION), NK.sessionNumber, NKSH["Session-sessionNumber"], "DatatypeConstraintComponent"),
    Case("session title in English", replace(S, "nk:title", '"Russia-Ukraine"@en'),
         iri(SESSION), NK.title, NKSH["Session-title"], "LanguageInConstraintComponent"),
    Case("session title without language", replace(S, "nk:title", '"Rusland-Oekraïne"'),
         iri(SESSION), NK.title, NKSH["Session-title"], "DatatypeConstraintComponent"),
    Case("session of no meeting", drop(S, "nk:partOfMeeting"),
         iri(SESSION), NK.partOfMeeting, NKSH["Session-partOfMeeting"], "MinCountConstraintComponent"),
    # Participation
    Case("bad role", replace(P, "nk:participationRole", "nk:Summit"),
         iri(f"{SESSION}/participation/UA/partner"), NK.participationRole,
         NKSH["Participation-role"], "InConstraintComponent"),
    Case("unknown participant", replace(P, "nk:participant", "<country/XX>"),
         iri(f"{SESSION}/participation/UA/partner"), NK.participant,
         NKSH["Participation-participant"], "ClassConstraintComponent"),
    Case("participation without participant", drop(P, "nk:participant"),
         iri(f"{SESSION}/participation/UA/partner"), NK.participant,
         NKSH["Participation-participant"], "MinCountConstraintComponent"),
    Case("participation in a letter", replace(P, "nk:participationIn", L),
         iri(f"{SESSION}/participation/UA/partner"), NK.participationIn,
         NKSH["Participation-participationIn"], "OrConstraintComponent"),
    Case("an ally of the day as an invitee", replace(P, "nk:participant", "<country/RO>"),
         iri(f"{SESSION}/participation/UA/partner"), NK.participant, NKSH.NoAllyAsGuest,
         "SPARQLConstraintComponent"),
    Case("an ally of the day as a partner in the whole meeting",
         replace(f"<{MEETING}/participation/EU/partner>", "nk:participant", "<country/NL>"),
         iri(f"{MEETING}/participation/EU/partner"), NK.participant, NKSH.NoAllyAsGuest,
         "SPARQLConstraintComponent"),
    # Parties
    Case("country code lower case", add('<country/xx> a nk:Country ; nk:code "xx" ; '
                                        'rdfs:label "X"@en , "X"@nl'),
         iri("country/xx"), NK.code, NKSH["Country-code"], "PatternConstraintComponent"),
    Case("country code of three letters", add('<country/NLD> a nk:Country ; nk:code "NLD" ; '
                                              'rdfs:label "Netherlands"@en , "Nederland"@nl'),
         iri("country/NLD"), NK.code, NKSH["Country-code"], "PatternConstraintComponent"),
    Case("two accession dates", add('<country/FI> nk:natoAccession "2023-04-05"^^xsd:date . '
                                    f'{P} nk:participant <country/FI>'),
         iri("country/FI"), NK.natoAccession, NKSH["Country-natoAccession"], "MaxCountConstraintComponent"),
    Case("party without code", add('<country/QQ> a nk:Country ; rdfs:label "Q"@en , "Q"@nl'),
         iri("country/QQ"), NK.code, NKSH["Party-code"], "MinCountConstraintComponent"),
    Case("party without Dutch name", add(NEW_COUNTRY + 'rdfs:label "Q"@en'),
         iri("country/QQ"), RDFS.label, NKSH["Party-label-nl"], "QualifiedMinCountConstraintComponent"),
    Case("party without English name", add(NEW_COUNTRY + 'rdfs:label "Q"@nl'),
         iri("country/QQ"), RDFS.label, NKSH["Party-label-en"], "QualifiedMinCountConstraintComponent"),
    Case("party with two English names", add(NEW_COUNTRY + 'rdfs:label "Q"@en , "Qu"@en , "Q"@nl'),
         iri("country/QQ"), RDFS.label, NKSH["Party-labels"], "UniqueLangConstraintComponent"),
    Case("party named in German", add(NEW_COUNTRY + 'rdfs:label "Q"@en , "Q"@nl , "Q"@de'),
         iri("country/QQ"), RDFS.label, NKSH["Party-labels"], "LanguageInConstraintComponent"),
    Case("organisation code lower case", add('<organisation/nato> a nk:Organisation ; nk:code "nato" ; '
                                             'rdfs:label "NATO"@en , "NAVO"@nl'),
         iri("organisation/nato"), NK.code, NKSH["Organisation-code"], "PatternConstraintComponent"),
    # Cities
    Case("city without Dutch name", add(NEW_CITY + 'rdfs:label "Atlantis"@en'),
         iri("city/atlantis"), RDFS.label, NKSH["City-label-nl"], "QualifiedMinCountConstraintComponent"),
    Case("city without English name", add(NEW_CITY + 'rdfs:label "Atlantis"@nl'),
         iri("city/atlantis"), RDFS.label, NKSH["City-label-en"], "QualifiedMinCountConstraintComponent"),
    Case("city named in French", add(NEW_CITY + 'rdfs:label "Atlantis"@en , "Atlantis"@nl , "Atlantide"@fr'),
         iri("city/atlantis"), RDFS.label, NKSH["City-labels"], "LanguageInConstraintComponent"),
    Case("city in the EU as a country", add(NEW_CITY + 'rdfs:label "A"@en , "A"@nl ; '
                                            'nk:inCountry <organisation/EU>'),
         iri("city/atlantis"), NK.inCountry, NKSH["City-inCountry"], "ClassConstraintComponent"),
    # Person
    Case("person with two names", add('<person/w-b-hoekstra> rdfs:label "Wopke Hoekstra"'),
         iri("person/w-b-hoekstra"), RDFS.label, NKSH["Person-label"], "MaxCountConstraintComponent"),
    # Fund
    Case("fund without name", drop(F, "nk:name"),
         iri("fund/ucap"), NK.name, NKSH["Fund-name"], "MinCountConstraintComponent"),
    Case("fund with two acronyms", add(f'{F} nk:acronym "CAP"'),
         iri("fund/ucap"), NK.acronym, NKSH["Fund-acronym"], "MaxCountConstraintComponent"),
    Case("fund without label", drop(F, "rdfs:label"),
         iri("fund/ucap"), RDFS.label, NKSH["Fund-label"], "MinCountConstraintComponent"),
    # Contribution
    Case("negative amount", replace(C, "nk:amount", '"-5"^^xsd:decimal'),
         iri("letter/t/contribution/1"), NK.amount, NKSH["Contribution-amount"],
         "MinInclusiveConstraintComponent"),
    Case("amount as text", replace(C, "nk:amount", '"25 miljoen"'),
         iri("letter/t/contribution/1"), NK.amount, NKSH["Contribution-amount"],
         "DatatypeConstraintComponent"),
    Case("currency not ISO 4217", replace(C, "nk:currency", '"euro"'),
         iri("letter/t/contribution/1"), NK.currency, NKSH["Contribution-currency"],
         "PatternConstraintComponent"),
    Case("currency without amount", drop(C, "nk:amount"),
         iri("letter/t/contribution/1"), NK.currency, NKSH.CurrencyNeedsAmount,
         "SPARQLConstraintComponent"),
    Case("amount without currency", drop(C, "nk:currency"),
         iri("letter/t/contribution/1"), NK.amount, NKSH.AmountNeedsCurrency,
         "SPARQLConstraintComponent"),
    Case("contribution to an undescribed fund", replace(C, "nk:toFund", "<fund/dcb>"),
         iri("letter/t/contribution/1"), NK.toFund, NKSH["Contribution-toFund"],
         "ClassConstraintComponent"),
    Case("unknown donor", replace(C, "nk:donor", "<country/XX>"),
         iri("letter/t/contribution/1"), NK.donor, NKSH["Contribution-donor"],
         "ClassConstraintComponent"),
    # Motion
    Case("motion without submitter", drop(MO, "nk:submitter"),
         iri("motion/36200-X-26"), NK.submitter, NKSH["Motion-submitter"], "MinCountConstraintComponent"),
    Case("motion date as text", replace(MO, "nk:motionDate", '"17-11-2022"'),
         iri("motion/36200-X-26"), NK.motionDate, NKSH["Motion-motionDate"], "DatatypeConstraintComponent"),
    Case("motion with two subjects", add(f'{MO} nk:subject "iets anders"'),
         iri("motion/36200-X-26"), NK.subject, NKSH["Motion-subject"], "MaxCountConstraintComponent"),
    Case("motion paper that is a motion", replace(MO, "nk:motionDocument", MO),
         iri("motion/36200-X-26"), NK.motionDocument, NKSH["Motion-motionDocument"],
         "ClassConstraintComponent"),
    Case("motion submitted by a country", replace(MO, "nk:submittedBy", "<country/NL>"),
         iri("motion/36200-X-26"), NK.submittedBy, NKSH["Motion-submittedBy"], "ClassConstraintComponent"),
    Case("motion submitted as a person, not in a seat", replace(MO, "nk:submittedAs", "<person/valstar>"),
         iri("motion/36200-X-26"), NK.submittedAs, NKSH["Motion-submittedAs"], "ClassConstraintComponent"),
    Case("motion without label", drop(MO, "rdfs:label"),
         iri("motion/36200-X-26"), RDFS.label, NKSH["Motion-label"], "MinCountConstraintComponent"),
    # Document
    Case("bad Kamerstuk id", replace(D, "nk:kamerstuk", '"28676 nr. 417"'),
         iri("kamerstuk/28676-417"), NK.kamerstuk, NKSH["Document-kamerstuk"], "PatternConstraintComponent"),
    Case("Kamerstuk without number", drop(D, "nk:kamerstuk"),
         iri("kamerstuk/28676-417"), NK.kamerstuk, NKSH["Document-kamerstuk"], "MinCountConstraintComponent"),
    Case("Kamerstuk without label", drop(D, "rdfs:label"),
         iri("kamerstuk/28676-417"), RDFS.label, NKSH["Document-label"], "MinCountConstraintComponent"),
    # Data issue
    Case("issue without message", drop(I, "nk:message"),
         iri("letter/t/issue/1"), NK.message, NKSH["DataIssue-message"], "MinCountConstraintComponent"),
    Case("issue about a fund", add(f"{I} nk:about {F}"),
         iri("letter/t/issue/1"), NK.about, NKSH["DataIssue-about"], "OrConstraintComponent"),
    Case("issue evidence not a span", add(f"{I} nk:evidence {F}"),
         iri("letter/t/issue/1"), NK.evidence, NKSH["DataIssue-evidence"], "ClassConstraintComponent"),
    # Span
    Case("span end not after start", replace(SP, "oa:end", '"0"^^xsd:integer'),
         iri("letter/t/span/0-10"), OA.end, NKSH.SpanEndsAfterStart, "SPARQLConstraintComponent"),
    Case("negative span start", replace(SP, "oa:start", '"-1"^^xsd:integer'),
         iri("letter/t/span/0-10"), OA.start, NKSH["Span-start"], "MinInclusiveConstraintComponent"),
    Case("span start as text", replace(SP, "oa:start", '"1"'),
         iri("letter/t/span/0-10"), OA.start, NKSH["Span-start"], "DatatypeConstraintComponent"),
    Case("span without end", drop(SP, "oa:end"),
         iri("letter/t/span/0-10"), OA.end, NKSH["Span-end"], "MinCountConstraintComponent"),
    Case("span without text", drop(SP, "oa:exact"),
         iri("letter/t/span/0-10"), OA.exact, NKSH["Span-exact"], "MinCountConstraintComponent"),
    Case("span of a fund", replace(SP, "nk:spanOf", F),
         iri("letter/t/span/0-10"), NK.spanOf, NKSH["Span-spanOf"], "ClassConstraintComponent"),
    Case("span page as text", add(f'{SP} nk:page "3"'),
         iri("letter/t/span/0-10"), NK.page, NKSH["Span-page"], "DatatypeConstraintComponent"),
    Case("span on page 0", add(f'{SP} nk:page "0"^^xsd:integer'),
         iri("letter/t/span/0-10"), NK.page, NKSH["Span-page"], "MinInclusiveConstraintComponent"),
    Case("span on two pages", add(f'{SP} nk:page "1"^^xsd:integer , "2"^^xsd:integer'),
         iri("letter/t/span/0-10"), NK.page, NKSH["Span-page"], "MaxCountConstraintComponent"),
    # Provenance
    Case("missing provenance", drop(M, "prov:wasDerivedFrom"),
         iri(MEETING), PROV.wasDerivedFrom, NKSH["Derived-wasDerivedFrom"], "MinCountConstraintComponent"),
    Case("issue without provenance", drop(I, "prov:wasDerivedFrom"),
         iri("letter/t/issue/1"), PROV.wasDerivedFrom, NKSH["Derived-wasDerivedFrom"],
         "MinCountConstraintComponent"),
    Case("derived from a fund", replace(C, "prov:wasDerivedFrom", F),
         iri("letter/t/contribution/1"), PROV.wasDerivedFrom, NKSH["Derived-wasDerivedFrom"],
         "ClassConstraintComponent"),
    Case("missing evidence", drop(MO, "nk:evidence"),
         iri("motion/36200-X-26"), NK.evidence, NKSH["Evidence-evidence"], "MinCountConstraintComponent"),
    Case("evidence from another letter",
         add(f'{F} nk:evidence <letter/u/span/1-2> . <letter/u> a nk:Letter . '
             '<letter/u/span/1-2> a nk:Span ; oa:start "1"^^xsd:integer ; '
             'oa:end "2"^^xsd:integer ; oa:exact "x" ; nk:spanOf <letter/u>'),
         iri("fund/ucap"), NK.evidence, NKSH.EvidenceFromSameLetter, "SPARQLConstraintComponent"),
    Case("session with neither number nor title", drop(S, "nk:sessionNumber") + ";" + drop(S, "nk:title"),
         iri(SESSION), NK.sessionNumber, NKSH.SessionNumberedOrNamed, "SPARQLConstraintComponent"),
    # Code lists
    Case("code-list entry without code", add(BOGUS + 'rdfs:label "b"@en , "b"@nl'),
         BOGUS_IRI, SKOS.notation, NKSH["Code-notation"], "MinCountConstraintComponent"),
    Case("code-list entry without English name", add(BOGUS + 'skos:notation "bogus" ; rdfs:label "b"@nl'),
         BOGUS_IRI, RDFS.label, NKSH["Code-label-en"], "QualifiedMinCountConstraintComponent"),
    Case("code-list entry without Dutch name", add(BOGUS + 'skos:notation "bogus" ; rdfs:label "b"@en'),
         BOGUS_IRI, RDFS.label, NKSH["Code-label-nl"], "QualifiedMinCountConstraintComponent"),
]

PASSING = [
    ("one-day meeting", replace(M, "nk:endDate", '"2022-11-29"^^xsd:date')),
    ("informal meeting", replace(M, "nk:informal", "true")),
    ("meeting without city or host", drop(M, "nk:location") + ";" + drop(M, "nk:hostCountry")),
    ("zero amount", replace(C, "nk:amount", '"0"^^xsd:decimal')),
    ("contribution without figure", drop(C, "nk:amount") + ";" + drop(C, "nk:currency")),
    ("EU as donor", replace(C, "nk:donor", "<organisation/EU>")),
    ("Kosovo as participant", replace(P, "nk:participant", "<country/XK>")),
    ("invitee", replace(P, "nk:participationRole", "nk:Invitee")),
    ("letter with nothing optional", ";".join(drop(L, p) for p in (
        "nk:letterDate", "nk:authorRole", "nk:signatory", "nk:kamerstuk", "nk:evidence"))),
    ("data issue without evidence", drop(I, "nk:evidence")),
    ("session without title", drop(S, "nk:title")),
    ("Kamerstuk with a numeric middle part", replace(D, "nk:kamerstuk", '"21501-28-250"')),
    ("mentioned meeting with its day",
     drop(MA, "nk:startMonth") + ";" + add(f'{MA} nk:startDate "2022-06-28"^^xsd:date')),
    ("mentioned EU Council", replace(MA, "nk:meetingType", "nk:EuropeanCouncil")),
    ("mentioned informal meeting", add(f"{MA} nk:informal true")),
    ("an invitee before its accession", replace(P, "nk:participant", "<country/FI>") + ";"
     + replace(P, "nk:participationRole", "nk:Invitee")),
    ("issue about a session", add(f"{I} nk:about {S}")),
    ("role attested on several dates", add(f'{R} nk:attestedOn "2023-04-21"^^xsd:date')),
    ("letter signed by no one", drop(L, "nk:signedAs") + ";" + drop(L, "nk:signatory")),
    ("letter signed by two ministers", add(f"{L} nk:coSignatory <person/valstar> ; "
                                         f"nk:signedAs <person/valstar/role/lid-van-de-tweede-kamer>")),
    # "op 10 en 11 juni aanstaande" with no year anywhere: the meeting is kept, its letter flags why.
    ("own meeting without dates, flagged", drop(M, "nk:startDate") + ";" + drop(M, "nk:endDate") + ";"
     + add(f"{I} nk:about {M}")),
    ("session named without a number", drop(S, "nk:sessionNumber")),
    ("city described in the letter", add(NEW_CITY + 'rdfs:label "Atlantis"@en , "Atlantis"@nl ; '
                                         'nk:inCountry <country/GR>')),
]


def run(update: str) -> Graph:
    g = base_graph()
    g.update(PROLOGUE + update)
    return g


def test_base_graph_conforms():
    assert problems(base_graph()) == []


@pytest.mark.parametrize("case", FAILING, ids=[c.id for c in FAILING])
def test_failing_case_is_refused_for_the_expected_reason(case: Case):
    found = problems(run(case.update))
    expected = (case.focus, case.path, case.shape, SH[case.component])
    got = {(p.focus, p.path, p.constraint or p.shape, p.component) for p in found}
    assert expected in got, f"expected {expected}, got {sorted(got)}"


@pytest.mark.parametrize("update", [u for _, u in PASSING], ids=[i for i, _ in PASSING])
def test_passing_case_conforms(update: str):
    assert problems(run(update)) == []


def _shapes_and_parts() -> dict[URIRef, set[URIRef]]:
    """Node shape -> its property shapes and SPARQL constraints."""
    sg = shapes_graph()
    return {
        shape: set(sg.objects(shape, SH.property)) | set(sg.objects(shape, SH.sparql))
        for shape in sg.subjects(RDF.type, SH.NodeShape)
    }


def test_every_shape_and_constraint_has_a_failing_case():
    covered = {c.shape for c in FAILING}
    parts = _shapes_and_parts()
    assert len(parts) >= 17  # one per class, plus provenance and code-list shapes
    for shape, members in parts.items():
        assert members, f"{shape} checks nothing"
        assert members - covered == set(), f"no failing case for {sorted(members - covered)}"


def test_base_graph_gives_every_shape_a_focus_node():
    seen = with_context(base_graph())
    sg = shapes_graph()
    for shape in sg.subjects(RDF.type, SH.NodeShape):
        for cls in sg.objects(shape, SH.targetClass):
            instances = seen.query(
                "ASK { ?x a/rdfs:subClassOf* ?c }", initBindings={"c": cls},
                initNs={"rdfs": RDFS})
            assert instances.askAnswer, f"BASE has no {cls} for {shape}"


def test_every_shape_speaks_plain_words():
    sg = shapes_graph()
    for shape, members in _shapes_and_parts().items():
        assert sg.value(shape, SH.name) and sg.value(shape, SH.description), shape
        for member in members:
            assert sg.value(member, SH.name) and sg.value(member, SH.message), member
