"""LetterFacts -> the RDF of one letter's named graph (docs/model.md is the contract).

The mapping is total and deterministic: IRIs come from kg.iris, there are no blank nodes and no
timestamps, so the same facts always give the same triples. It does not judge the facts: a value
outside a code list is written as a plain literal so that the shapes (kg.validate) refuse it with
a readable message instead of this module crashing halfway through a letter.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from kg import iris
from kg.facts import LetterFacts, Meeting, Span
from kg.namespaces import DCTERMS, NK, OA, PROV, SKOS
from kg.reference import City, cities

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "natokg.ttl"

LETTER_TYPES = {"report": NK.Report, "annotated-agenda": NK.AnnotatedAgenda, "other": NK.OtherLetter}
MEETING_TYPES = {
    "foreign-ministers": NK.ForeignMinistersMeeting,
    "defence-ministers": NK.DefenceMinistersMeeting,
    "summit": NK.Summit,
}
ROLES = {"invitee": NK.Invitee, "partner": NK.Partner}


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The parsed ontology, in id:graph/ontology; cached, so do not modify it.

    Its blank nodes (the owl:unionOf lists) are relabelled canonically and skolemised, so that
    storing the ontology again writes the very same triples and exports stay byte-identical.
    """
    parsed = Graph().parse(ONTOLOGY, format="turtle")
    stable = to_canonical_graph(parsed).skolemize(**iris.skolem())
    graph = Graph(identifier=iris.ontology_graph())
    for triple in stable:
        graph.add(triple)
    for prefix, namespace in parsed.namespaces():
        graph.bind(prefix, namespace)
    return graph


def _code(table: dict[str, URIRef], value: str) -> Node:
    return table.get(value, Literal(value))


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _decimal(value: Decimal) -> Literal:
    # format(..., "f") never gives exponent notation ("2.5E+7" is no xsd:decimal lexical form).
    return Literal(format(Decimal(value), "f"), datatype=XSD.decimal)


class _Mapper:
    def __init__(self, facts: LetterFacts):
        self.facts = facts
        self.slug = iris.letter_slug(facts.letter.source)
        self.letter = iris.letter(self.slug)
        self.g = Graph(identifier=iris.letter_graph(self.slug))
        for prefix, ns in (("nk", NK._NS), ("prov", PROV), ("oa", OA), ("dcterms", DCTERMS),
                           ("skos", SKOS), ("id", iris.data_base())):
            self.g.bind(prefix, ns)

    def add(self, s: Node, p: URIRef, o: Node | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def span(self, span: Span) -> URIRef:
        node = iris.span(self.slug, span.start, span.end)
        self.add(node, RDF.type, NK.Span)
        self.add(node, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger))
        self.add(node, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger))
        self.add(node, OA.exact, Literal(span.text))
        self.add(node, NK.spanOf, self.letter)
        return node

    def fact(self, node: URIRef, cls: URIRef, span: Span | None) -> URIRef:
        """Type a node the letter states and tie it to the letter and to the text that says it."""
        self.add(node, RDF.type, cls)
        self.add(node, PROV.wasDerivedFrom, self.letter)
        if span is not None:
            self.add(node, NK.evidence, self.span(span))
        return node

    def run(self) -> Graph:
        f = self.facts
        self.letter_node()
        meeting = self.meeting(f.meeting) if f.meeting else None
        if meeting is None and (f.sessions or f.participations):
            raise ValueError(f"{f.letter.source}: sessions or participations without a meeting")
        for s in f.sessions:
            node = self.fact(iris.session(meeting, s.number), NK.Session, s.span)
            self.add(node, NK.sessionNumber, Literal(s.number, datatype=XSD.integer))
            self.add(node, NK.title, Literal(s.title, lang="nl") if s.title else None)
            self.add(node, NK.partOfMeeting, meeting)
            self.add(meeting, NK.hasSession, node)
        for p in f.participations:
            activity = meeting if p.session is None else iris.session(meeting, p.session)
            node = self.fact(iris.participation(activity, p.party, p.role), NK.Participation, p.span)
            self.add(node, NK.participant, iris.party(p.party))
            self.add(node, NK.participationRole, _code(ROLES, p.role))
            self.add(node, NK.participationIn, activity)
        for fund in f.funds:
            node = self.fact(iris.fund(fund.key), NK.Fund, fund.span)
            self.add(node, NK.name, Literal(fund.name))
            self.add(node, RDFS.label, Literal(fund.name))
            self.add(node, NK.acronym, Literal(fund.acronym) if fund.acronym else None)
            self.add(self.letter, NK.mentionsFund, node)
        for n, c in enumerate(f.contributions, start=1):
            node = self.fact(iris.contribution(self.slug, n), NK.Contribution, c.span)
            self.add(node, NK.toFund, iris.fund(c.fund))
            self.add(node, NK.donor, iris.party(c.donor))
            if c.amount is not None:  # a currency alone says nothing: write it only with a figure
                self.add(node, NK.amount, _decimal(c.amount))
                self.add(node, NK.currency, Literal(c.currency) if c.currency else None)
        for m in f.motions:
            node = self.fact(iris.motion(m.kamerstuk, m.submitter, m.date), NK.Motion, m.span)
            self.add(node, NK.submitter, Literal(m.submitter))
            label = f"motie-{m.submitter}" + (f" ({m.kamerstuk})" if m.kamerstuk else "")
            self.add(node, RDFS.label, Literal(label, lang="nl"))
            self.add(node, NK.motionDate, _date(m.date) if m.date else None)
            self.add(node, NK.subject, Literal(m.subject) if m.subject else None)
            if m.kamerstuk:
                self.add(node, NK.motionDocument, self.document(m.kamerstuk, m.span))
            self.add(self.letter, NK.citesMotion, node)
        for d in f.documents:
            self.add(self.letter, NK.citesDocument, self.document(d.kamerstuk, d.span))
        for c in f.countries:
            self.add(self.letter, NK.mentionsCountry, iris.country(c.code))
        for n, issue in enumerate(f.issues, start=1):
            node = self.fact(iris.issue(self.slug, n), NK.DataIssue, issue.span)
            self.add(node, NK.message, Literal(issue.message))
            self.add(self.letter, NK.hasDataIssue, node)
        return self.g

    def letter_node(self) -> None:
        letter, node = self.facts.letter, self.letter
        self.add(node, RDF.type, NK.Letter)
        self.add(node, NK.sourceFile, Literal(letter.source))
        self.add(node, NK.letterType, _code(LETTER_TYPES, letter.type))
        self.add(node, NK.letterDate, _date(letter.date) if letter.date else None)
        self.add(node, NK.authorRole, Literal(letter.author_role) if letter.author_role else None)
        self.add(node, NK.kamerstuk, Literal(letter.kamerstuk) if letter.kamerstuk else None)
        if letter.signatory:
            person = iris.person(letter.signatory)
            self.add(person, RDF.type, NK.Person)
            self.add(person, RDFS.label, Literal(letter.signatory))
            self.add(node, NK.signatory, person)
        if letter.span is not None:
            self.add(node, NK.evidence, self.span(letter.span))

    def meeting(self, m: Meeting) -> URIRef:
        node = self.fact(iris.meeting(m.type, m.start, m.city), NK.Meeting, m.span)
        self.add(node, NK.meetingType, _code(MEETING_TYPES, m.type))
        self.add(node, NK.informal, Literal(m.informal, datatype=XSD.boolean))
        self.add(node, NK.startDate, _date(m.start))
        self.add(node, NK.endDate, _date(m.end))
        for lang in ("en", "nl"):
            self.add(node, RDFS.label, Literal(_meeting_label(m, lang), lang=lang))
        if m.city:
            city = iris.city(m.city)
            self.add(node, NK.location, city)
            if _known_city(m.city) is None:
                # A venue the reference graph lacks: describe it here so the letter graph stays
                # complete and valid; add it to kg/data/cities-supplement.csv to share it.
                self.add(city, RDF.type, NK.City)
                self.add(city, RDFS.label, Literal(m.city, lang="en"))
                self.add(city, RDFS.label, Literal(m.city_dutch or m.city, lang="nl"))
                self.add(city, NK.inCountry, iris.country(m.country) if m.country else None)
        self.add(node, NK.hostCountry, iris.country(m.country) if m.country else None)
        self.add(self.letter, NK.concernsMeeting, node)
        return node

    def document(self, kamerstuk: str, span: Span) -> URIRef:
        node = self.fact(iris.document(kamerstuk), NK.Document, span)
        self.add(node, NK.kamerstuk, Literal(kamerstuk))
        self.add(node, RDFS.label, Literal(f"Kamerstuk {kamerstuk}", lang="nl"))
        return node


@lru_cache(maxsize=1)
def _cities_by_slug() -> dict[str, City]:
    return {iris.slug(c.english): c for c in cities()}


def _known_city(english: str) -> City | None:
    """The reference graph's city with this IRI (matched by slug, as the IRI is), if any."""
    return _cities_by_slug().get(iris.slug(english))


def _meeting_label(m: Meeting, lang: str) -> str:
    """'Foreign ministers meeting, Bucharest, 2022-11-29' from the ontology's code-list labels."""
    kind = MEETING_TYPES.get(m.type)
    labels = {l.language: str(l) for l in ontology_graph().objects(kind, RDFS.label)} if kind else {}
    name = labels.get(lang, m.type)
    if m.informal:
        name = ("informal " if lang == "en" else "informele ") + name
    known = _known_city(m.city) if m.city else None
    place = ((known.dutch if known else m.city_dutch) or m.city) if lang == "nl" else m.city
    parts = [name[:1].upper() + name[1:]] + ([place] if place else []) + [m.start.isoformat()]
    return ", ".join(parts)


def letter_graph(facts: LetterFacts) -> tuple[URIRef, Graph]:
    """(graph IRI, triples of that letter's named graph), per docs/model.md."""
    g = _Mapper(facts).run()
    return g.identifier, g
