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

from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from kg import iris
from kg.errors import MappingError
from kg.facts import DerivedFacts, LetterFacts, Meeting, MeetingMention, Span
from kg.namespaces import DCTERMS, NK, OA, PROV, SKOS
from kg.reference import City, cities

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "natokg.ttl"

LETTER_TYPES = {"report": NK.Report, "annotated-agenda": NK.AnnotatedAgenda, "other": NK.OtherLetter}
MEETING_TYPES = {
    "foreign-ministers": NK.ForeignMinistersMeeting,
    "defence-ministers": NK.DefenceMinistersMeeting,
    "summit": NK.Summit,
    "foreign-affairs-council": NK.ForeignAffairsCouncil,
    "european-council": NK.EuropeanCouncil,
}
ROLES = {"invitee": NK.Invitee, "partner": NK.Partner}
# How a letter of each type relates to its meeting (both are sub-properties of nk:concernsMeeting).
ACCOUNTS = {"annotated-agenda": NK.announcesMeeting, "report": NK.reportsOnMeeting}


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
    # format(..., "f") never gives exponent notation ("2.5E+7" is no xsd:decimal lexical form);
    # normalize() drops trailing zeros ("7500000.0" -> "7500000"), as Oxigraph stores them.
    return Literal(format(Decimal(value).normalize(), "f"), datatype=XSD.decimal)


class _Mapper:
    def __init__(self, facts: LetterFacts):
        self.facts = facts
        self.slug = iris.letter_slug(facts.letter.source)
        self.letter = iris.letter(self.slug)
        # Only the prefixes below (and rdf, rdfs, xsd, owl): rdflib's default binds some thirty
        # more, which took a tenth of the mapping time of a letter.
        # SimpleMemory: a letter graph is small and written once, so two indexes do (the default
        # store keeps more, and adding a triple there was half the cost of mapping a letter).
        self.g = Graph(store="SimpleMemory", identifier=iris.letter_graph(self.slug), bind_namespaces="core")
        for prefix, ns in (("nk", NK._NS), ("prov", PROV), ("oa", OA), ("dcterms", DCTERMS),
                           ("skos", SKOS), ("id", iris.data_base())):
            self.g.bind(prefix, ns)

    def add(self, s: Node, p: URIRef, o: Node | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def span(self, span: Span) -> URIRef:
        node = iris.span(self.slug, span.start, span.end)
        self.add(node, RDF.type, NK.Span)
        # xsd:integer, not xsd:nonNegativeInteger: Oxigraph stores every derived integer type as
        # xsd:integer, and the graph validated must be the graph stored (the shapes bound them).
        self.add(node, OA.start, Literal(span.start, datatype=XSD.integer))
        self.add(node, OA.end, Literal(span.end, datatype=XSD.integer))
        self.add(node, OA.exact, Literal(span.text))
        self.add(node, NK.page, Literal(span.page, datatype=XSD.integer) if span.page is not None else None)
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
            raise ValueError("sessions or participations without a meeting")
        for s in f.sessions:
            node = self.fact(iris.session(meeting, s.key), NK.Session, s.span)
            self.add(node, NK.sessionNumber, Literal(s.number, datatype=XSD.integer) if s.number is not None else None)
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
            person = self.person(m.submitter)
            self.add(node, NK.submittedBy, person)
            self.add(node, NK.submittedAs, self.person_role(m.submitter, m.submitter_role, m.date))
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
        for mention in f.mentions:
            self.mentioned_meeting(mention, meeting)
        for n, issue in enumerate(f.issues, start=1):
            node = self.fact(iris.issue(self.slug, n), NK.DataIssue, issue.span)
            self.add(node, NK.message, Literal(issue.message))
            self.add(node, NK.about, meeting if issue.about_meeting else None)
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
        self.add(node, NK.parliamentaryYear, Literal(letter.parliamentary_year) if letter.parliamentary_year else None)
        signers = letter.signatories or (((letter.author_role, letter.signatory),) if letter.signatory else ())
        for position, (office, name) in enumerate(signers):
            self.add(node, NK.signatory if position == 0 else NK.coSignatory, self.person(name))
            if office:
                self.add(node, NK.signedAs, self.person_role(name, office, letter.date))
        if letter.span is not None:
            self.add(node, NK.evidence, self.span(letter.span))
        own = letter.kamerstuk_span or letter.span
        if letter.kamerstuk and own is not None:
            # The letter is the Kamerstuk other letters cite by this number: one node, two IRIs.
            self.add(node, OWL.sameAs, self.document(letter.kamerstuk, own))

    def person(self, name: str) -> URIRef:
        person = iris.person(name)
        self.add(person, RDF.type, NK.Person)
        self.add(person, RDFS.label, Literal(name))
        return person

    def person_role(self, name: str, role: str, on: date | None) -> URIRef:
        """The person in an office or seat, attested on the letter's (or the motion's) date."""
        node = self.fact(iris.person_role(name, role), NK.PersonRole, None)
        self.add(node, NK.holder, self.person(name))
        self.add(node, NK.roleName, Literal(role))
        self.add(node, RDFS.label, Literal(f"{name}, {role}", lang="nl"))
        self.add(node, NK.attestedOn, _date(on) if on else None)
        return node

    def meeting(self, m: Meeting) -> URIRef:
        node = self.fact(iris.meeting(m.type, m.start, m.city, self.slug), NK.Meeting, m.span)
        self.add(node, NK.meetingType, _code(MEETING_TYPES, m.type))
        self.add(node, NK.informal, Literal(m.informal, datatype=XSD.boolean))
        self.add(node, NK.startDate, _date(m.start) if m.start else None)
        self.add(node, NK.endDate, _date(m.end) if m.end else None)
        for lang in ("en", "nl"):
            self.add(node, RDFS.label, Literal(_meeting_label(m, lang), lang=lang))
        self.place(node, m.city, m.city_dutch, m.country)
        self.add(self.letter, NK.concernsMeeting, node)
        # The sub-property says which account this is: planned (agenda) or held (report). Both
        # are written, so queries need no inference to find either. A letter of another kind
        # (a page that reports without saying so) concerns the meeting, no more.
        account = ACCOUNTS.get(self.facts.letter.type)
        if account is not None:
            self.add(self.letter, account, node)
        return node

    def place(self, node: URIRef, english: str | None, dutch: str | None, country: str | None) -> None:
        if english:
            city = iris.city(english)
            self.add(node, NK.location, city)
            if _known_city(english) is None:
                # A venue the reference graph lacks: describe it here so the letter graph stays
                # complete and valid; add it to kg/data/cities-supplement.csv to share it.
                self.add(city, RDF.type, NK.City)
                self.add(city, RDFS.label, Literal(english, lang="en"))
                self.add(city, RDFS.label, Literal(dutch or english, lang="nl"))
                self.add(city, NK.inCountry, iris.country(country) if country else None)
        self.add(node, NK.hostCountry, iris.country(country) if country else None)

    def mentioned_meeting(self, m: MeetingMention, own: URIRef | None) -> None:
        """Another meeting the letter names: typed and dated only as far as the letter says."""
        node = iris.meeting(m.type, m.start or m.month, m.city)
        if node == own:
            return
        self.fact(node, NK.Meeting, m.span)
        self.add(node, NK.meetingType, _code(MEETING_TYPES, m.type))
        if m.start is not None:
            self.add(node, NK.startDate, _date(m.start))
            self.add(node, NK.endDate, _date(m.end) if m.end else None)
        else:
            self.add(node, NK.startMonth, Literal(m.month, datatype=XSD.gYearMonth))
        self.add(node, NK.informal, Literal(True, datatype=XSD.boolean) if m.informal else None)
        for lang in ("en", "nl"):
            self.add(node, RDFS.label, Literal(
                _label(m.type, bool(m.informal), m.city, m.city_dutch, str(m.start or m.month), lang), lang=lang))
        self.place(node, m.city, m.city_dutch, m.country)
        self.add(self.letter, NK.mentionsMeeting, node)

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
    when = m.start.isoformat() if m.start else ("date unknown" if lang == "en" else "datum onbekend")
    return _label(m.type, m.informal, m.city, m.city_dutch, when, lang)


def _label(type: str, informal: bool, city: str | None, city_dutch: str | None, when: str, lang: str) -> str:
    kind = MEETING_TYPES.get(type)
    labels = {l.language: str(l) for l in ontology_graph().objects(kind, RDFS.label)} if kind else {}
    name = labels.get(lang, type)
    if informal:
        name = ("informal " if lang == "en" else "informele ") + name
    known = _known_city(city) if city else None
    place = ((known.dutch if known else city_dutch) or city) if lang == "nl" else city
    parts = [name[:1].upper() + name[1:]] + ([place] if place else []) + [when]
    return ", ".join(parts)


def letter_graph(facts: LetterFacts) -> tuple[URIRef, Graph]:
    """(graph IRI, triples of that letter's named graph), per docs/model.md.

    Facts the extractor can produce always map; a value no IRI can be made of (a name without a
    letter or digit) refuses the letter with natokg's own error instead of a crash."""
    try:
        g = _Mapper(facts).run()
    except ValueError as error:
        raise MappingError(f"{facts.letter.source}: cannot be mapped to RDF: {error}") from None
    return g.identifier, g


def derived_graphs(facts: DerivedFacts) -> dict[URIRef, Graph]:
    """What only the letters together say (kg/derive.py), one graph per meeting type and month
    (`iris.derived_graph`): each fact goes to the month of the meeting it is about.

    A less precise meeting node is owl:sameAs the meeting it names; a disagreement between the
    agenda and the report of one meeting is a nk:DataIssue about the meeting or session,
    derived from both letters.
    """
    graphs: dict[URIRef, Graph] = {}

    def graph_of(meeting: str) -> Graph:
        iri = iris.derived_graph(*iris.meeting_month(meeting))
        if iri not in graphs:
            g = graphs[iri] = Graph(identifier=iri)
            g.bind("nk", NK._NS)
            g.bind("prov", PROV)
            g.bind("owl", OWL)
            g.bind("id", iris.data_base())
        return graphs[iri]

    for alias in facts.aliases:
        graph_of(alias.alias).add((URIRef(alias.alias), OWL.sameAs, URIRef(alias.meeting)))
    for d in facts.discrepancies:
        g = graph_of(d.meeting)
        node = iris.meeting_issue(URIRef(d.meeting), d.key)
        g.add((node, RDF.type, NK.DataIssue))
        g.add((node, NK.message, Literal(d.message)))
        g.add((node, NK.about, URIRef(d.about)))
        for letter in d.letters:
            g.add((node, PROV.wasDerivedFrom, URIRef(letter)))
    return dict(sorted(graphs.items()))


def meetings_of(graph: Graph) -> tuple[str, ...]:
    """The meeting nodes a letter graph states (the one it is about and the ones it mentions)."""
    return tuple(sorted(str(node) for node in graph.subjects(RDF.type, NK.Meeting)))
