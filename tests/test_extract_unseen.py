"""Letters written for these tests, in other words and layouts than the corpus: the extractor
reads Dutch ministerial prose, not the sentences of the examples it was built on."""
from datetime import date
from decimal import Decimal

import pytest

from conftest import LETTERS
from kg.extract import extract
from kg.text import read_letter


def facts_of(name):
    return extract(read_letter(LETTERS / name))


def parties(facts, session):
    return {(p.party, p.role) for p in facts.participations if p.session == session}


def contributions(facts):
    return {(c.fund, c.donor, c.amount, c.currency) for c in facts.contributions}


def test_published_foreign_ministers_report_with_english_names_and_signature_at_the_end():
    facts = facts_of("fmm-2023-11-published.txt")
    assert facts.letter.type == "report"
    assert facts.letter.date == date(2023, 12, 8)
    assert facts.letter.kamerstuk == "28676-452"  # from "28 676 NAVO Nr. 452"
    assert (facts.letter.author_role, facts.letter.signatory) == ("Minister van Buitenlandse Zaken", "H.G.J. Bruins Slot")
    meeting = facts.meeting
    assert (meeting.type, meeting.informal, meeting.start, meeting.end, meeting.city, meeting.country) == (
        "foreign-ministers", False, date(2023, 11, 28), date(2023, 11, 29), "Brussels", "BE")
    assert [(s.number, s.title) for s in facts.sessions] == [
        (1, "NATO-Ukraine Council"),
        (2, "Westelijke Balkan en zuidelijke buurlanden"),
        (3, "Westelijke Balkan en zuidelijke buurlanden"),
        (4, "Samenwerking met Indo-Pacifische partners"),
    ]
    assert parties(facts, None) == {("SE", "invitee")}  # "als invitee deel aan alle werksessies"
    assert parties(facts, 1) == {("UA", "partner")}
    assert parties(facts, 2) == parties(facts, 3) == {("BA", "partner"), ("RS", "partner"), ("XK", "partner"),
                                                      ("EU", "partner")}
    assert parties(facts, 4) == set()  # "waren niet aanwezig"
    assert contributions(facts) == {("UCAP", "NL", Decimal(10_000_000), "EUR"),  # "€ 10 mln"
                                    ("DCB", "NL", Decimal(7_500_000), "EUR")}  # "EUR 7,5 miljoen"
    assert [(m.submitter, m.date, m.kamerstuk) for m in facts.motions] == [
        ("Sjoerdsma", date(2023, 7, 4), "36410-V-12")]
    assert {d.kamerstuk for d in facts.documents} == {"28676-450", "36410-V-12"}  # not its own 28676-452
    assert {c.code for c in facts.countries} == {"UA", "GE", "SE", "NL", "NO", "CA", "BA", "RS", "XK", "CN",
                                                 "JP", "KR"}
    assert facts.issues == ()


def test_defence_agenda_with_numbered_headings_a_year_to_infer_and_a_foreign_donor():
    facts = facts_of("dmm-2024-06-agenda.txt")
    assert facts.letter.type == "annotated-agenda"
    meeting = facts.meeting
    assert (meeting.type, meeting.start, meeting.end, meeting.city) == (
        "defence-ministers", date(2024, 6, 13), date(2024, 6, 14), "Brussels")
    assert [s.number for s in facts.sessions] == [1, 2, 3, 4]
    assert facts.sessions[1].title == "Steun aan Oekraïne"
    # Finland and Sweden take part "als bondgenoot"; France is an ally left out of the NPG.
    assert {p.party for p in facts.participations} == {"UA", "JP", "AU", "NZ"}
    assert parties(facts, 2) == {("UA", "partner")}
    assert parties(facts, 4) == {("JP", "partner"), ("AU", "partner"), ("NZ", "partner")}
    assert contributions(facts) == {("NIF", "DE", Decimal(50_000_000), "EUR")}
    assert {d.kamerstuk for d in facts.documents} == {"21501-28-260"}


def test_a_letter_about_an_eu_council_has_no_nato_meeting_and_no_participants():
    facts = facts_of("rbz-2024-03-no-nato.txt")
    assert facts.meeting is None  # the NATO summit in its body is only mentioned
    assert facts.participations == () and facts.sessions == ()
    assert {c.code for c in facts.countries} == {"UA", "MD", "RU"}
    assert any("no NATO meeting" in w for w in facts.warnings)


def test_summit_in_the_hague_with_ocr_damage_and_a_damaged_amount():
    facts = facts_of("summit-2025-06-ocr.txt")
    meeting = facts.meeting
    assert (meeting.type, meeting.start, meeting.end, meeting.city, meeting.country) == (
        "summit", date(2025, 6, 24), date(2025, 6, 25), "The Hague", "NL")
    assert parties(facts, None) == {("UA", "partner"), ("EU", "partner")}
    assert contributions(facts) == {("UCAP", "NL", Decimal(50_000_000), "EUR")}  # "EUR 5O miljoen"
    assert len(facts.issues) == 1 and "5O" in facts.issues[0].message
    assert facts.issues[0].span.text == "EUR 5O miljoen"
    # "Noord-Amerikaanse" is not the United States; "niet uitgenodigd" is no invitation.
    assert {c.code for c in facts.countries} == {"NL", "UA", "ZA", "PH", "ES"}


@pytest.mark.parametrize("codec", ["utf-16", "cp1252", "utf-8-sig"])
def test_the_same_letter_in_another_encoding_gives_the_same_facts(tmp_path, codec):
    source = LETTERS / "fmm-2023-11-published.txt"
    copy = tmp_path / source.name
    copy.write_bytes(source.read_text("utf-8").replace("–", "-").encode(codec))
    reference = extract(read_letter(source))
    again = extract(read_letter(copy))
    assert again.meeting.start == reference.meeting.start and again.sessions == reference.sessions
    assert {(p.session, p.party) for p in again.participations} == {
        (p.session, p.party) for p in reference.participations}


def test_modern_report_with_publication_header_lower_case_minister_and_full_name():
    facts = facts_of("dmm-2024-10-report-modern.txt")
    letter = facts.letter
    # Says neither «verslag» nor «geannoteerde agenda», but the meeting was over by the letter's date.
    assert (letter.type, letter.date, letter.kamerstuk) == ("report", date(2024, 10, 25), "28676-471")
    assert (letter.author_role, letter.signatory) == ("Minister van Defensie", "Ruben Brekelmans")
    meeting = facts.meeting  # "de NAVO-Defensieministeriële van 17 en 18 oktober jl."
    assert (meeting.type, meeting.start, meeting.end, meeting.city) == (
        "defence-ministers", date(2024, 10, 17), date(2024, 10, 18), "Brussels")
    assert [s.title for s in facts.sessions] == ["Afschrikking en verdediging", "NAVO-Oekraïne Raad", "Partners"]
    assert parties(facts, 2) == {("UA", "partner")}  # "schoof … aan"
    assert parties(facts, 3) == {("EU", "partner"), ("JP", "partner"), ("AU", "partner")}  # vertegenwoordigd, te gast
    assert contributions(facts) == {("UCAP", "NL", Decimal(15_000_000), "EUR")}  # "stelt EUR 15 mln. beschikbaar"
    assert [(m.submitter, m.kamerstuk) for m in facts.motions] == [("Van der Lee", "36600-X-14")]
    assert "IL" in {c.code for c in facts.countries} and "EU" not in {c.code for c in facts.countries}


def test_agenda_on_ministry_letterhead_with_datum_and_betreft_lines():
    facts = facts_of("fmm-2023-04-letterhead-agenda.txt")
    letter = facts.letter
    assert (letter.type, letter.date, letter.author_role, letter.signatory) == (
        "annotated-agenda", date(2023, 3, 24), "Minister van Buitenlandse Zaken", "W.B. Hoekstra")
    meeting = facts.meeting  # dated in the Betreft line, placed in the first paragraph ("a.s. in Brussel")
    assert (meeting.type, meeting.start, meeting.end, meeting.city) == (
        "foreign-ministers", date(2023, 4, 4), date(2023, 4, 5), "Brussels")
    assert parties(facts, None) == {("SE", "invitee")}
    assert parties(facts, 1) == {("UA", "partner")}
    # "staat China centraal": China is the topic, not a participant; "Republiek Korea" is KR.
    assert parties(facts, 2) == {("AU", "partner"), ("JP", "partner"), ("NZ", "partner"), ("KR", "partner")}
    assert contributions(facts) == {("UCAP", "NL", Decimal(10_000_000), "EUR")}  # "10 miljoen euro", CAP-trustfonds
    assert {d.kamerstuk for d in facts.documents} == {"28676-429"}


def test_sessions_numbered_only_in_the_prose():
    facts = facts_of("fmm-2024-04-sessions-in-prose.txt")
    assert [(s.number, s.title) for s in facts.sessions] == [
        (1, "steun aan Oekraïne"), (2, "partners in de Indo-Pacific"),
        (3, "voorbereiding van de Top in Washington")]
    assert parties(facts, 1) == {("UA", "partner")}
    assert parties(facts, 2) == {("JP", "partner"), ("AU", "partner"), ("NZ", "partner"), ("EU", "partner")}
    assert parties(facts, 3) == set()


def test_a_layout_without_blank_lines_gives_the_same_facts_as_the_seed():
    """Text taken from a PDF often loses the blank lines between paragraphs and headings."""
    from conftest import CORPUS

    flat = facts_of("seed-without-blank-lines.txt")
    seed = extract(read_letter(CORPUS / "seed-2022-11-bucharest.txt"))
    assert (flat.meeting.city, flat.meeting.start, flat.meeting.end) == ("Bucharest", date(2022, 11, 29),
                                                                        date(2022, 11, 30))
    assert [(s.number, s.title) for s in flat.sessions] == [(s.number, s.title) for s in seed.sessions]
    assert {(p.session, p.party, p.role) for p in flat.participations} == {
        (p.session, p.party, p.role) for p in seed.participations}
    assert contributions(flat) == contributions(seed)
    assert [(m.submitter, m.date, m.kamerstuk) for m in flat.motions] == [
        (m.submitter, m.date, m.kamerstuk) for m in seed.motions]
