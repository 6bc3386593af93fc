"""Every corpus letter yields what its gold file says a careful reader takes from it."""
import json

import pytest

from conftest import corpus_letters
from kg.extract import extract
from kg.text import fold, read_letter


def _fold(value) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in fold(str(value)).casefold()).split())


def _gold(path):
    return json.loads(path.with_name(path.stem + ".gold.json").read_text("utf-8"))


@pytest.fixture(scope="module", params=corpus_letters(), ids=lambda p: p.stem)
def case(request):
    return extract(read_letter(request.param)), _gold(request.param)


def test_letter(case):
    facts, gold = case
    letter = facts.letter
    assert (letter.type, str(letter.date), letter.author_role, letter.signatory) == (
        gold["letter"]["type"], gold["letter"]["date"], gold["letter"]["author_role"], gold["letter"]["signatory"])


def test_meeting(case):
    facts, gold = case
    if gold["meeting"] is None:
        assert facts.meeting is None
        return
    meeting = facts.meeting
    assert {"type": meeting.type, "informal": meeting.informal, "start": str(meeting.start),
            "end": str(meeting.end), "city": meeting.city, "country": meeting.country} == gold["meeting"]


def test_sessions_and_titles(case):
    facts, gold = case
    assert {s.number: _fold(s.title) for s in facts.numbered_sessions} == {
        s["number"]: _fold(s["title"]) for s in gold["sessions"]}


def test_participants(case):
    facts, gold = case
    assert {(p.party, p.role) for p in facts.participations if p.session is None} == {
        (p["party"], p["role"]) for p in gold["meeting_participants"]}
    assert {(p.session, p.party, p.role) for p in facts.participations if isinstance(p.session, int)} == {
        (s["number"], p["party"], p["role"]) for s in gold["sessions"] for p in s["participants"]}


def test_funds_and_contributions(case):
    facts, gold = case
    assert {f.acronym for f in facts.funds} == {f["acronym"] for f in gold["funds"]}
    acronym = {f.key: f.acronym for f in facts.funds}
    assert {(acronym[c.fund], c.donor, None if c.amount is None else float(c.amount), c.currency)
            for c in facts.contributions} == {
        (f["acronym"], c["donor"], c["amount"], c["currency"]) for f in gold["funds"] for c in f["contributions"]}


def test_motions_and_documents(case):
    facts, gold = case
    assert {(m.submitter, str(m.date), m.kamerstuk) for m in facts.motions} == {
        (m["submitter"], m["date"], m["kamerstuk"]) for m in gold["motions"]}
    assert {d.kamerstuk for d in facts.documents} == set(gold["documents_cited"])


def test_countries_mentioned(case):
    facts, gold = case
    assert {c.code for c in facts.countries} == set(gold["countries_mentioned"])


def test_data_issues_are_flagged_exactly_where_a_reader_would(case):
    facts, gold = case
    assert bool(facts.issues) == bool(gold["issues"])


def test_every_span_quotes_the_original_file(case):
    facts, _ = case
    spans = [facts.meeting.span] if facts.meeting else []
    spans += [x.span for group in (facts.sessions, facts.participations, facts.funds, facts.contributions,
                                   facts.motions, facts.documents, facts.countries) for x in group]
    original = read_letter(next(p for p in corpus_letters() if p.name == facts.letter.source)).original
    for span in spans:
        assert span.end > span.start and original[span.start:span.end] == span.text
