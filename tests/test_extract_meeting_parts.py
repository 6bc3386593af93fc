"""Parts of a meeting that are not numbered sessions: a council or commission with one partner,
an evening session, a working dinner, a ceremony. Each is a session without a number, known by
its name, and whoever a letter places in it takes part in it alone: never in the whole meeting,
never in a neighbouring session. Each rule on an example of its own.
"""
from __future__ import annotations

from kg.extract import extract
from kg.text import letter_text

HEAD = ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\nDen Haag, 30 september 2014\n\n"
        "Hierbij sturen wij u het verslag van de NAVO-top die op 4 en 5 september jl. in Newport, Verenigd "
        "Koninkrijk heeft plaatsgevonden.\n\n")


def read(body: str):
    return extract(letter_text(body.encode("utf-8"), "letter.txt"))


def parts(facts) -> dict[str, set[tuple[str, str]]]:
    """Each part's title, with who takes part in it."""
    return {part.title: {(p.party, p.role) for p in facts.participations if p.session == part.title}
            for part in facts.parts}


def whole(facts) -> set[str]:
    return {p.party for p in facts.participations if p.session is None}


def test_a_commission_held_during_the_summit_is_a_part_with_its_partner():
    facts = read(HEAD + "Tijdens de NAVO-Oekraïne Commissie, in aanwezigheid van president Porosjenko, betuigde de "
                        "NAVO haar solidariteit met Oekraïne.\n")
    assert parts(facts) == {"NAVO-Oekraïne Commissie": {("UA", "partner")}}
    assert whole(facts) == set() and facts.numbered_sessions == ()


def test_separate_meetings_named_in_one_sentence_are_two_parts_written_either_way():
    facts = read(HEAD + "Daarnaast waren er separate bijeenkomsten van de NAVO - Rusland Raad (NRR) en de "
                        "Navo-Oekraïne Commissie (NUC).\n")
    assert parts(facts) == {"NAVO - Rusland Raad": {("RU", "partner")},
                            "Navo-Oekraïne Commissie": {("UA", "partner")}}


def test_an_evening_session_under_its_heading_keeps_its_guests_to_itself():
    facts = read(HEAD + "De bijeenkomst bestond uit drie sessies: een avondsessie op 4 september, met deelname van "
                        "de Ministers van Buitenlandse Zaken van Zweden en Finland, en twee werksessies op 5 "
                        "september.\n\nAvondsessie met deelname van Finland en Zweden\n\nDe Ministers van Finland en "
                        "Zweden gaven een toelichting.\n\nWerksessie I: Oekraïne\n\nMinisters spraken over "
                        "Oekraïne.\n")
    assert parts(facts) == {"Avondsessie met deelname van Finland en Zweden": {("SE", "partner"), ("FI", "partner")}}
    assert [(s.number, s.title) for s in facts.numbered_sessions] == [(1, "Oekraïne")]
    assert whole(facts) == set()
    assert not any(p.session == 1 for p in facts.participations)


def test_a_ceremony_and_the_sentence_that_points_back_at_it():
    facts = read(HEAD + "Er werd begonnen met een korte ceremoniële bijeenkomst waarin de bondgenoten het "
                        "toetredingsprotocol van Montenegro hebben getekend. De Minister-President van Montenegro was "
                        "hierbij aanwezig. Daarna volgde een werksessie over de zuidflank.\n")
    assert parts(facts) == {"Ceremoniële bijeenkomst": {("ME", "partner")}}
    assert whole(facts) == set()


def test_a_part_named_where_a_numbered_session_is_told_is_that_session():
    facts = read(HEAD + "De bijeenkomst bestond uit drie werksessies. De derde werksessie was de eerste NATO-Ukraine "
                        "Council op het niveau van Ministers van Buitenlandse Zaken, met deelname van de Oekraïense "
                        "Minister van Buitenlandse Zaken.\n")
    assert facts.parts == ()
    assert [(s.number, s.title) for s in facts.numbered_sessions] == [(3, "NATO-Ukraine Council")]
    assert {(p.session, p.party) for p in facts.participations} == {(3, "UA")}


def test_a_documents_title_a_possible_meeting_and_another_bodys_dinner_are_no_parts():
    facts = read(HEAD + "Tevens sturen wij u de Joint Statement of the NATO Ukraine Commission.\n\nDaarnaast zullen er "
                        "mogelijk bijeenkomsten zijn van de Navo-Rusland raad en de Navo-Georgië commissie.\n\nDie avond "
                        "hebben de EU-ministers van Defensie een diner met de Hoge Vertegenwoordiger.\n")
    assert facts.parts == ()


def test_a_further_gathering_with_guests_of_its_own_gives_the_meeting_no_participants():
    facts = read(HEAD + "Daarnaast heeft de NAR vergaderd in aanwezigheid van de Afghaanse minister van Defensie "
                        "Wardak.\n\nTenslotte vindt er een overleg plaats met de Ministers van Buitenlandse Zaken van "
                        "Oekraïne en Georgië.\n")
    assert whole(facts) == set()


def test_session_titles_told_in_sentences():
    facts = read(HEAD + "De bijeenkomst bestond uit drie werksessies. De eerste werksessie was gericht op de aanloop "
                        "naar de NAVO-top in Washington D.C., gepland op 9–11 juli 2024. Tijdens de tweede werksessie "
                        "vond een overleg plaats met de Hoge Vertegenwoordiger van de EU inzake de Westelijke Balkan.\n")
    assert [(s.number, s.title) for s in facts.numbered_sessions] == [
        (1, "aanloop naar de NAVO-top in Washington D.C"), (2, "Westelijke Balkan")]


def test_countries_in_english_titles_and_behind_a_footnote_digit_are_mentioned_not_attending():
    facts = read(HEAD + "Tevens sturen wij u de teksten van de verklaringen:\n\n  • Joint statement of the "
                        "NATO-Georgia Commission4\n\n  • Warsaw Summit Declaration on Afghanistan5\n\nDe NAVO is in de "
                        "regio aanwezig met de trainingsmissie NATO Mission Iraq.\n")
    assert {"GE", "AF", "IQ"} <= {c.code for c in facts.countries}
    assert {p.party for p in facts.participations} == set()


def test_a_country_between_its_invitation_and_its_accession_takes_part_as_an_invitee():
    facts = read("Den Haag, 24 oktober 2023\n\nOp 11 en 12 oktober vond in Brussel een bijeenkomst plaats van de "
                 "NAVO-Ministers van Defensie (DMM), met deelname van de Zweedse Minister van Defensie.\n")
    assert {(p.party, p.role) for p in facts.participations} == {("SE", "invitee")}


def test_a_country_joining_the_day_the_meeting_opens_is_the_invitee_its_letter_calls_it():
    agenda = read("Den Haag, 17 maart 2023\n\nOp dinsdag 4 en woensdag 5 april 2023 vindt een bijeenkomst van de "
                  "NAVO-Ministers van Buitenlandse Zaken plaats in Brussel. Naast de dertig NAVO-bondgenoten zullen ook "
                  "Finland en Zweden in hun hoedanigheid van genodigden (invitees) deelnemen.\n")
    assert whole(agenda) == {"FI", "SE"}
    report = read("Den Haag, 12 april 2023\n\nOp 4 en 5 april 2023 kwamen de NAVO-Ministers van Buitenlandse Zaken "
                  "bijeen in Brussel. In aanwezigheid van de Finse president werd de Finse vlag gehesen.\n")
    assert whole(report) == set()  # on its first day an ally, unless the letter calls it an invitee


def test_the_next_part_of_the_programme_and_another_gathering_keep_their_guests():
    facts = read(HEAD + "Ten slotte spreken de Ministers met de EU en de NAVO-partners in de Indo-Pacific.\n\nDe opening "
                        "van de UDCG werd bijgewoond door de president van Oekraïne.\n")
    assert whole(facts) == set()


def test_hierbij_places_a_guest_in_the_session_its_sentence_names():
    facts = read(HEAD + "De bijeenkomst bestond uit drie werksessies. In de eerste werksessie werd stilgestaan bij de "
                        "Zuidflank; hierbij was tevens Koning Abdullah II van Jordanië aanwezig.\n")
    assert {(p.session, p.party) for p in facts.participations} == {(1, "JO")}


def test_sessions_told_in_sentences_complete_those_under_headings_and_a_councils_name_gives_its_partner():
    facts = read(HEAD + "De bijeenkomst bestaat uit drie werksessies. De derde sessie, op de 29e, is een NATO Ukraine "
                        "Council op niveau van Ministers van Buitenlandse Zaken.\n\nSessie 1: Voorbespreking NAVO-top\n\n"
                        "Tekst over de eerste sessie.\n")
    assert [(s.number, s.title) for s in facts.numbered_sessions] == [(1, "Voorbespreking NAVO-top"),
                                                                       (3, "NATO Ukraine Council")]
    assert {(p.session, p.party, p.role) for p in facts.participations} == {(3, "UA", "partner")}


def test_a_possible_future_participation_is_none():
    facts = read(HEAD + "Ook heb ik steun uitgesproken voor een mogelijke deelname van Libië aan het "
                        "partnerschapsprogramma.\n")
    assert whole(facts) == set()
