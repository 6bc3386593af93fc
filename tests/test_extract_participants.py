"""Who took part, and who is only talked about: countries named in a participation sentence
as the subject of the talks, as the doer of something else, or in a passing description are
not participants ("de agressie door Rusland", "de sessie over China", "de Russische agressie").
And which sessions a participation sentence names ("de eerste twee sessies", "de sessie over de
Indo-Pacific")."""
import pytest

from kg.extract import extract
from kg.text import letter_text

# The opening every test letter shares: the meeting (3–4 April 2024, Brussels) and the signature.
HEADER = """BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN
Aan de Voorzitter van de Tweede Kamer der Staten-Generaal
Den Haag, 12 april 2024

Hierbij ontvangt u het verslag van de bijeenkomst van de NAVO-ministers van Buitenlandse Zaken op 3 en 4 april 2024 in Brussel.

De Minister van Buitenlandse Zaken,
H.G.J. Bruins Slot

"""

LETTER = HEADER + """In de eerste sessie spraken de ministers over de steun aan Oekraïne. {sentence}

Tijdens de tweede sessie bespraken de bondgenoten de voorbereiding van de Top in Washington.
"""


def first_session(sentence: str) -> set[tuple[str, str]]:
    facts = extract(letter_text(LETTER.format(sentence=sentence).encode(), "participants.txt"))
    assert all(p.session == 1 for p in facts.participations)
    return {(p.party, p.role) for p in facts.participations}


@pytest.mark.parametrize("sentence, parties", [
    # the doer of something else, after "door"; a list after it shares its fate
    ("In aanwezigheid van Oekraïne spraken de ministers over de agressie door Rusland.", {"UA"}),
    ("Ook Moldavië, dat wordt bedreigd door Rusland en Belarus, was aanwezig.", {"MD"}),
    # "bijgewoond door", "voorgezeten door": attending, hosting or leading is what parties do "door"
    ("De sessie werd bijgewoond door Japan en Zuid-Korea.", {"JP", "KR"}),
    ("De sessie, voorgezeten door Oekraïne, werd bijgewoond door Japan.", {"UA", "JP"}),
    # joining a session ("sloten aan"), not agreeing with a statement ("sloot zich aan bij")
    ("De ministers van Japan en Zuid-Korea sloten aan bij de sessie.", {"JP", "KR"}),
    ("Japan sloot zich aan bij de verklaring over Georgië.", set()),
    # the subject of the talks, after "over", up to where the clause names participants again
    ("Japan nam deel aan de sessie over China en Rusland.", {"JP"}),
    ("Oekraïne nam deel aan de sessie over de gevolgen van de aanval door Rusland en de rol van Iran "
     "en Noord-Korea.", {"UA"}),
    ("Japan nam deel, net als Zuid-Korea, aan de sessie over de steun van China aan Rusland.", {"JP", "KR"}),
    ("Japan nam deel aan de sessie over de Indo-Pacific, samen met Zuid-Korea.", {"JP", "KR"}),
    ("De sessie over Oekraïne, waaraan ook Georgië deelnam, was kort.", {"GE"}),
    ("Georgië nam deel aan de sessie vanwege de dreiging uit Rusland en Belarus.", {"GE"}),
    # left out in so many words
    ("Georgië nam, anders dan Rusland, deel aan de sessie.", {"GE"}),
    ("Bij de sessie over de steun aan Oekraïne was de Oekraïense minister aanwezig, evenals de minister "
     "van Moldavië.", {"UA", "MD"}),
    # an adjective names a party when it qualifies people, not "de Russische agressie"
    ("Japan was aanwezig bij de bespreking van de Russische agressie.", {"JP"}),
    ("De Georgische en Moldavische ministers namen deel.", {"GE", "MD"}),
    # after "van": a party when what it belongs to is its people or their presence
    ("Japan was aanwezig bij de bespreking van de oorlog van Rusland tegen Oekraïne.", {"JP"}),
    ("Over Oekraïne spraken de ministers in aanwezigheid van de Oekraïense minister en de minister "
     "van Buitenlandse Zaken van Moldavië.", {"UA", "MD"}),
    ("President Zelensky van Oekraïne en de vice-premier van Moldavië waren aanwezig.", {"UA", "MD"}),
    ("Ook de defensieministers van Japan en Australië waren te gast.", {"JP", "AU"}),
    # a relative clause that says something other than taking part
    ("Aan de sessie namen Georgië en Moldavië deel, landen die onder druk staan van Rusland.", {"GE", "MD"}),
    ("Georgië nam deel aan de sessie over de Zwarte Zee-regio, waar Rusland een grote rol speelt.", {"GE"}),
    # a country's presence somewhere else is not its presence at the session
    ("Japan nam deel; in de regio is de aanhoudende Russische militaire aanwezigheid een zorg.", {"JP"}),
    # but a list of who they were is: "waaronder", "onder wie die van"
    ("Er namen partnerlanden deel, waaronder Australië en Japan.", {"AU", "JP"}),
    ("Daaraan namen de ministers van de partnerlanden deel, onder wie die van Australië en Nieuw-Zeeland.",
     {"AU", "NZ"}),
    # whom the session talked with sat in it; whom a minister met in the margins did not
    ("Daarbij spraken de bondgenoten met de Afghaanse minister van Buitenlandse Zaken.", {"AF"}),
    ("In de marge van de bijeenkomst sprak ik met de Oekraïense minister.", set()),
    ("De Raad kwam bijeen met de presidenten van Georgië en Oekraïne.", {"GE", "UA"}),
    ("De bondgenoten kwamen bijeen met de landen die troepen leveren, onder wie Japan en Australië.",
     {"JP", "AU"}),
    ("Onder de aanwezigen waren de presidenten van Georgië en Armenië.", {"GE", "AM"}),
    # a negation in another part of the sentence ("... laten weten niet te komen, ...") is not this one
    ("Nu Poetin had laten weten niet te komen, was de Russische minister aanwezig.", {"RU"}),
    # agreeing with a line, and asking to take part, are not taking part
    ("Het kabinet sluit hiermee aan bij de lijn die de EU koos, toen met Oekraïne werd besloten.", set()),
    ("Georgië heeft verzocht om deelname aan het programma.", set()),
    ("Moldavië was uitgenodigd, maar de Moldavische regering liet zich verontschuldigen.", set()),
])
def test_parties_talked_about_are_not_participants(sentence, parties):
    assert first_session(sentence) == {(party, "partner") for party in parties}


def test_an_invitee_stays_an_invitee_next_to_the_threat_it_discusses():
    sentence = "Bosnië en Herzegovina nam als genodigde deel aan de sessie over de dreiging van Rusland."
    assert first_session(sentence) == {("BA", "invitee")}


HEADED = HEADER + """{sentence}

Sessie 1: Oekraïne
De ministers spraken over de steun aan Oekraïne.

Sessie 2: Indo-Pacific
De ministers spraken over China.

Sessie 3: Washington
De bondgenoten bespraken de voorbereiding van de Top in Washington.
"""


@pytest.mark.parametrize("sentence, expected", [
    ("Aan de eerste twee sessies nam ook Oekraïne deel.", {("UA", 1), ("UA", 2)}),
    ("Oekraïne nam deel aan de laatste twee sessies.", {("UA", 2), ("UA", 3)}),
    # a session named by the subject its heading gives
    ("Japan en Australië namen deel aan de sessie over de Indo-Pacific.", {("JP", 2), ("AU", 2)}),
    # a subject no heading names: the whole meeting
    ("Japan en Australië namen deel aan de sessie over China.", {("JP", None), ("AU", None)}),
])
def test_sessions_named_by_their_place_or_their_subject(sentence, expected):
    facts = extract(letter_text(HEADED.format(sentence=sentence).encode(), "sessions.txt"))
    assert {(p.party, p.session) for p in facts.participations} == expected


def test_countries_pointed_back_at_from_the_next_sentence():
    sentence = ("Georgië en Moldavië vroegen om steun. Beide landen namen als genodigde deel aan de sessie. "
                "De ministers spraken over Rusland en China. Deze landen werden niet uitgenodigd.")
    assert first_session(sentence) == {("GE", "invitee"), ("MD", "invitee")}


def test_a_programme_list_names_who_takes_part_in_each_session():
    letter = HEADER + """De bijeenkomst bestaat uit de volgende sessies:

1) Werkdiner
   – alleen bondgenoten en de twee invitees
2) Noord-Atlantische Raad: Oekraïne
   – met deelname van president Zelensky van Oekraïne
3) Mondiale partnerschappen
   – partners: Australië, Japan en Nieuw-Zeeland

Ad 3) Mondiale partnerschappen

Het kabinet verwelkomt de partners.

• Sessie 4: Zuidelijke nabuurschap
  deelnemers: de bondgenoten en Jordanië
"""
    facts = extract(letter_text(letter.encode(), "programme.txt"))
    assert [(s.number, s.title) for s in facts.sessions] == [
        (1, "Werkdiner"), (2, "Noord-Atlantische Raad: Oekraïne"), (3, "Mondiale partnerschappen"),
        (4, "Zuidelijke nabuurschap")]
    assert {(p.session, p.party, p.role) for p in facts.participations} == {
        (2, "UA", "partner"), (3, "AU", "partner"), (3, "JP", "partner"), (3, "NZ", "partner"), (4, "JO", "partner")}


def test_a_party_present_and_then_named_an_invitee_is_an_invitee():
    # Both before the sessions: the whole meeting.
    sentence = "Georgië was voor het eerst aanwezig. Als genodigde nam Georgië aan het programma deel."
    facts = extract(letter_text(HEADED.format(sentence=sentence).encode(), "participants.txt"))
    assert {(p.party, p.role, p.session) for p in facts.participations} == {("GE", "invitee", None)}


def test_a_list_of_participants_under_a_label_a_minister_with_the_session_and_a_second_of():
    body = ("Aan de Voorzitter van de Tweede Kamer\nDen Haag, 24 november 2017\n\nHierbij de geannoteerde agenda "
            "voor de bijeenkomst van de NAVO-ministers van Buitenlandse Zaken op 5 en 6 december 2017 in Brussel.\n\n"
            "SESSIE 1: NAVO-EU SAMENWERKING\n\n  Deelnemers naast de bondgenoten:\n  - Zweden\n  - Finland\n"
            "  - EU (Hoge Vertegenwoordiger)\n\n  Toelichting\n  Tekst.\n\n"
            "SESSIE 2: GEORGIË\n\nDe sessie vindt plaats als vergadering van de NAVO-Georgië Commissie, met de "
            "Georgische minister van Buitenlandse Zaken.\n\nSESSIE 3: PARTNERS\n\nAan de derde sessie nemen de "
            "ministers van Moldavië en van Bosnië en Herzegovina deel.\n")
    facts = extract(letter_text(body.encode("utf-8"), "letter.txt"))
    assert sorted((p.session, p.party, p.role) for p in facts.participations if isinstance(p.session, int)) == [
        (1, "EU", "partner"), (1, "FI", "partner"), (1, "SE", "partner"), (2, "GE", "partner"),
        (3, "BA", "partner"), (3, "MD", "partner")]


def test_an_invitation_still_to_come_is_no_taking_part():
    body = ("Aan de Voorzitter van de Tweede Kamer\nDen Haag, 20 november 2006\n\nHierbij de geannoteerde agenda voor "
            "de NAVO-Top op 28 en 29 november 2006 in Riga.\n\nTweede sessie: Uitbreiding\n\nAan de aspiranten Albanië "
            "en Kroatië wordt in het vooruitzicht gesteld dat zij in 2008 voor toetredingsgesprekken kunnen worden "
            "uitgenodigd.\n")
    assert extract(letter_text(body.encode("utf-8"), "letter.txt")).participations == ()


def test_an_adviser_named_by_the_adjective_of_the_country():
    body = ("Aan de Voorzitter van de Tweede Kamer\nDen Haag, 11 november 2016\n\nHierbij het verslag van de "
            "bijeenkomst van de NAVO-ministers van Defensie op 26 en 27 oktober 2016 in Brussel.\n\nTweede sessie - "
            "Stabiliteit\n\nAan dit deel van het programma nam ook de Iraakse nationale veiligheidsadviseur deel.\n")
    assert [(p.session, p.party) for p in extract(letter_text(body.encode("utf-8"), "letter.txt")).participations] == [
        (2, "IQ")]


def test_a_list_after_partners_and_a_colon_and_they_after_a_list():
    # "samen met dertien partners ...: A, B en C"; "Zij nemen deel" after a list of three or more.
    facts = extract(letter_text((HEADER + """Sessie 1: Oekraïne

In aanwezigheid van de Oekraïense minister spraken de ministers in de eerste sessie over steun.

Sessie 2: Partners

De tweede sessie brengt de bondgenoten samen met drie partners die bijdragen aan operaties: Japan,
Australië en Zwitserland.

Sessie 3: Partnerschappen

Vijf partners krijgen verruimde mogelijkheden («enhanced opportunities»): Australië, Finland,
Georgië, Jordanië en Zweden. Zij nemen aan deze sessie deel.

Sessie 4: Rusland

De ministers spraken over Rusland en Belarus. Zij namen een verklaring aan.
""").encode(), "participants.txt"))
    # Finland and Sweden are allies by April 2024; "Zij" after Russia and Belarus is the ministers.
    assert sorted((p.session, p.party) for p in facts.participations) == [
        (1, "UA"), (2, "AU"), (2, "CH"), (2, "JP"), (3, "AU"), (3, "GE"), (3, "JO")]


def test_a_report_of_the_meeting_before_under_its_own_title_is_not_this_meetings():
    facts = extract(letter_text("""BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN
Den Haag, 11 mei 2012

Hierbij zend ik u de geannoteerde agenda voor de NAVO-Top die op 20 en 21 mei 2012 in Chicago
plaatsvindt. Ik doe u tevens verslag van de bijeenkomst van april.

I. VERSLAG BIJEENKOMST NAVO-MINISTERS VAN BUITENLANDSE ZAKEN,
BRUSSEL, 18-19 APRIL 2012

De eerste sessie was gewijd aan Afghanistan, met de Afghaanse minister Rassoul. De derde
sessie betrof de NAVO-Rusland Raad, met de Russische minister Lavrov.

II. GEANNOTEERDE AGENDA NAVO-TOP CHICAGO, 20-21 MEI 2012

Sessie 1: ISAF

Aan deze sessie nemen de ISAF-partners deel, onder wie Australië en Japan.

Sessie 3: Partners

Aan de derde sessie neemt Zwitserland deel.
""".encode(), "two-meetings.txt"))
    assert (facts.meeting.city, facts.meeting.start.isoformat()) == ("Chicago", "2012-05-20")
    assert [(s.number, s.title) for s in facts.sessions] == [(1, "ISAF"), (3, "Partners")]
    assert sorted((p.session, p.party) for p in facts.participations) == [(1, "AU"), (1, "JP"), (3, "CH")]
