"""The mapping is total: every combination of facts the extractor's types allow maps to RDF and
is validated, or is refused with natokg's own one-line error; nothing else escapes.

Facts are built, not read: letters of every kind with or without a date, a signatory, several
signatories, a meeting without a year or a city, sessions with and without numbers, parts named
by their title, participations in parts, names that give no IRI, values outside the code lists.
A real letter once ended in `AssertionError: Predicate None must be an rdflib term` (a page of
kind "other" that named a meeting); this is the test that keeps that class of crash out.

The suite runs a few dozen examples (the "suite" profile of tests/test_fuzz.py); `make fuzz`
runs many more.
"""
from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import NatokgError
from kg.facts import (
    LETTER_TYPES, MEETING_TYPES, ROLES, Contribution, CountryMention, DataIssue, DocumentCitation, Fund, Letter,
    LetterFacts, Meeting, MeetingMention, Motion, Participation, Session, Span,
)
from kg.triples import letter_graph
from kg.validate import validate

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "suite")
EXAMPLES = int(os.environ.get("NATOKG_FUZZ_EXAMPLES", 1500)) if PROFILE == "fuzz" else 100
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Names as letters give them, and now and then one no IRI can be made of: mostly good values, so
# that the examples reach every step of the mapping before a bad one refuses the letter.
good_names = st.sampled_from(["W.B. Hoekstra", "J. S. J. Hillen", "Ruben Brekelmans", "De Minister", "'t Hooft",
                              "Chișinău", "A" * 300])
names = st.one_of(good_names, good_names, good_names, st.sampled_from(["---", "", " ", "Ωμέγα", "日本語"]))
texts = st.one_of(good_names, st.text(max_size=40))
codes = st.sampled_from(["UA", "SE", "FI", "GE", "EU", "XK", "NL", "US", "QQ", "", "ua", "U A"])
days = st.dates(min_value=date(1949, 4, 4), max_value=date(2030, 12, 31))
maybe_days = st.one_of(st.none(), days)
spans = st.builds(lambda start, length, text, page: Span(start, start + length, text, page),
                  st.integers(0, 10_000), st.integers(0, 200), texts, st.one_of(st.none(), st.integers(1, 40)))
session_numbers = st.one_of(st.none(), st.integers(-2, 150))
cities = st.sampled_from([None, "Brussels", "Bucharest", "Oslo", "Atlantis", "---", "Chișinău"])


@st.composite
def letter_facts(draw) -> LetterFacts:
    signatories = tuple(draw(st.lists(st.tuples(texts, names), max_size=3)))
    letter = Letter(
        source=draw(st.sampled_from(["brief.txt", "seed-2022-11-bucharest.txt", "a b.pdf", "brief.txt", "Ωμέγα.txt",
                                     "---.txt"])),
        type=draw(st.sampled_from([*LETTER_TYPES, "memo"])),
        date=draw(maybe_days),
        author_role=signatories[0][0] if signatories else draw(st.one_of(st.none(), texts)),
        signatory=signatories[0][1] if signatories else draw(st.one_of(st.none(), names)),
        kamerstuk=draw(st.one_of(st.none(), st.sampled_from(["28676-148", "21501-28-283", "36200-X-26", "x"]))),
        span=draw(st.one_of(st.none(), spans)),
        kamerstuk_span=draw(st.one_of(st.none(), spans)),
        parliamentary_year=draw(st.one_of(st.none(), st.sampled_from(["2011-2012", "2012"]))),
        signatories=signatories,
    )
    meeting = draw(st.one_of(st.none(), st.builds(
        Meeting, type=st.sampled_from([*MEETING_TYPES, "dinner"]), informal=st.booleans(), start=maybe_days,
        end=maybe_days, city=cities, city_dutch=st.one_of(st.none(), texts), country=st.one_of(st.none(), codes),
        span=spans)))
    sessions = tuple(draw(st.lists(st.builds(Session, number=session_numbers, title=texts, span=spans), max_size=4)))
    keys = [s.key for s in sessions] + [None, 3, "werkdiner"]
    participations = tuple(draw(st.lists(st.builds(
        Participation, party=codes, role=st.sampled_from([*ROLES, "observer"]), session=st.sampled_from(keys),
        span=spans), max_size=4)))
    funds = tuple(draw(st.lists(st.builds(Fund, key=st.sampled_from(["UCAP", "ana-tf", "---"]), name=texts,
                                          acronym=st.one_of(st.none(), texts), span=spans), max_size=2)))
    contributions = tuple(draw(st.lists(st.builds(
        Contribution, fund=st.sampled_from(["UCAP", "ana-tf"]), donor=codes,
        amount=st.one_of(st.none(), st.decimals(min_value=Decimal(-1), max_value=Decimal(10 ** 12), places=2)),
        currency=st.one_of(st.none(), st.sampled_from(["EUR", "NLG", "X"])), span=spans), max_size=2)))
    motions = tuple(draw(st.lists(st.builds(
        Motion, submitter=names, date=maybe_days, subject=st.one_of(st.none(), texts),
        kamerstuk=st.one_of(st.none(), st.sampled_from(["36200-X-26", "28676-1"])), span=spans), max_size=2)))
    mentions = tuple(draw(st.lists(st.builds(
        MeetingMention, type=st.sampled_from(MEETING_TYPES), month=st.sampled_from(["2022-06", "2010-11"]),
        start=maybe_days, end=maybe_days, informal=st.one_of(st.none(), st.booleans()), city=cities,
        city_dutch=st.one_of(st.none(), texts), country=st.one_of(st.none(), codes), span=spans), max_size=2)))
    return LetterFacts(
        letter=letter, meeting=meeting, sessions=sessions, participations=participations, funds=funds,
        contributions=contributions, motions=motions,
        documents=tuple(draw(st.lists(st.builds(DocumentCitation, kamerstuk=st.sampled_from(["28676-417", "y"]),
                                                span=spans), max_size=2))),
        countries=tuple(draw(st.lists(st.builds(CountryMention, code=codes, span=spans), max_size=3))),
        issues=tuple(draw(st.lists(st.builds(DataIssue, message=texts, span=st.one_of(st.none(), spans),
                                             about_meeting=st.booleans()), max_size=3))),
        mentions=mentions,
    )


@SETTINGS
@given(letter_facts())
def test_any_facts_map_and_validate_or_are_refused_with_natokgs_own_error(facts):
    try:
        _, graph = letter_graph(facts)
        validate(graph, facts.letter.source)
    except NatokgError as error:
        message = str(error)
        assert message and "\n" not in message and facts.letter.source in message


def test_a_page_of_kind_other_that_names_a_meeting_maps_and_validates():
    """The crash real letters hit: a page with no letter head (kind "other") about a meeting."""
    span = Span(0, 10, "0123456789")
    facts = LetterFacts(
        letter=Letter("oslo.txt", "other", None, None, None, None),
        meeting=Meeting("foreign-ministers", True, date(2007, 4, 26), date(2007, 4, 27), "Oslo", "Oslo", "NO", span))
    _, graph = letter_graph(facts)
    validate(graph, "oslo.txt")
    assert len(graph) > 10


def test_a_meeting_whose_year_no_text_gives_is_kept_with_its_kind_and_city():
    span = Span(0, 10, "0123456789")
    facts = LetterFacts(
        letter=Letter("brussel.txt", "annotated-agenda", None, "Minister van Defensie", None, None),
        meeting=Meeting("defence-ministers", False, None, None, "Brussels", "Brussel", "BE", span),
        sessions=(Session(None, "NAVO-Rusland Raad", span),),
        participations=(Participation("RU", "partner", "NAVO-Rusland Raad", span),),
        issues=(DataIssue("the meeting date 10-6 gives no year", span, about_meeting=True),))
    graph_iri, graph = letter_graph(facts)
    validate(graph, "brussel.txt")
    meeting = "https://w3id.org/natokg/id/meeting/defence-ministers/undated/brussels/brussel"
    assert any(str(s) == meeting for s in graph.subjects())
    assert any(str(s) == meeting + "/part/navo-rusland-raad" for s in graph.subjects())


def test_an_undated_meeting_without_the_issue_that_says_why_is_refused():
    span = Span(0, 10, "0123456789")
    facts = LetterFacts(
        letter=Letter("brussel.txt", "annotated-agenda", None, "Minister van Defensie", None, None),
        meeting=Meeting("defence-ministers", False, None, None, "Brussels", "Brussel", "BE", span))
    _, graph = letter_graph(facts)
    try:
        validate(graph, "brussel.txt")
    except NatokgError as error:
        assert "flags the date it lacks" in str(error)
    else:
        raise AssertionError("an undated meeting with no issue about it was accepted")
