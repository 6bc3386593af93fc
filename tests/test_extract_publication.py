"""The publication formats real letters come in, each rule on an example of its own: the
official publication (header "28 676 NAVO / Nr. 148 BRIEF VAN DE MINISTERS ...", signatures on one
line, two ministers), aggregator pages (site chrome, metadata lines), republished pages that
lost the letter head, the date and the signature, and a meeting whose year only a title gives.
"""
from __future__ import annotations

from datetime import date

from kg.extract import extract
from kg.extract.letter import kind_from_timing, metadata_date, signatures
from kg.extract.parliament import own_number
from kg.pipeline import is_letter
from kg.text import letter_text


def read(body: str, name: str = "letter.txt"):
    return extract(letter_text(body.encode("utf-8"), name))


def test_two_ministers_signing_on_one_line_each_are_both_kept_in_order():
    signed = signatures("Hierbij ...\n\nDe Minister van Buitenlandse Zaken, U. Rosenthal\n\n"
                        "De minister van Defensie, J. S. J. Hillen\n\nAgenda\n")
    assert signed.signatories == (("Minister van Buitenlandse Zaken", "U. Rosenthal"),
                                  ("Minister van Defensie", "J. S. J. Hillen"))
    assert (signed.author_role, signed.signatory) == ("Minister van Buitenlandse Zaken", "U. Rosenthal")


def test_a_sentence_ending_on_a_name_is_no_signature():
    signed = signatures("De minister van Buitenlandse Zaken sprak met zijn collega, Sergej Lavrov\n")
    assert signed.signatories == ()


def test_an_aggregators_metadata_names_the_signing_minister_but_not_a_committee_chair():
    page = ("Nummer: 2025D20783, datum: 2025-05-12, bijgewerkt: 2025-07-10 14:35, versie: 3\n"
            "Gerelateerde personen:- Eerste ondertekenaar: R.P. Brekelmans, minister van Defensie (Ooit VVD kamerlid)\n")
    signed = signatures(page)
    assert signed.signatories == (("Minister van Defensie", "R.P. Brekelmans"),)
    assert metadata_date(page)[0] == date(2025, 5, 12)
    chair = "- Eerste ondertekenaar: J.M. Paternotte, voorzitter van de vaste commissie voor Defensie (D66)\n"
    assert signatures(chair).signatories == ()


def test_a_line_of_fields_dates_the_page_and_names_the_ministry():
    page = ("Kamerbrief inzake de Nederlandse inzet NAVO Top te Boekarest van 2 tot en\nmet 4 april 2008\n"
            "21-03-2008 | Kamerstuk | Nederlands Ministerie van Buitenlandse Zaken\n"
            "Hierbij informeer ik u over de agenda van de NAVO-top die van 2 tot en met 4 april 2008 in "
            "Boekarest wordt gehouden.\n")
    facts = read(page)
    assert facts.letter.date == date(2008, 3, 21)
    assert facts.letter.author_role == "Minister van Buitenlandse Zaken" and facts.letter.signatory is None
    assert facts.letter.type == "annotated-agenda"
    assert (facts.meeting.type, facts.meeting.start, facts.meeting.city) == ("summit", date(2008, 4, 2), "Bucharest")


def test_the_letterhead_ministry_sends_a_letter_that_lost_its_signature():
    page = ("Ministerie van Buitenlandse Zaken\n\nAan de Voorzitter van de\nTweede Kamer der Staten-Generaal\n\n"
            "Datum 23 december 1999\nBetreft NAVO ministeriële vergadering, 15 en 16 december 1999\n\n"
            "Op 15 december vond de vergadering van de Noordatlantische Raad op ministerieel niveau plaats, gevolgd "
            "door de NATO-Ukraine Commission (NUC) en op 16 december de Euro-Atlantische Partnerschapsraad.\n")
    facts = read(page)
    assert (facts.letter.type, facts.letter.date, facts.letter.author_role) == (
        "report", date(1999, 12, 23), "Minister van Buitenlandse Zaken")
    assert (facts.meeting.type, facts.meeting.start, facts.meeting.end) == (
        "foreign-ministers", date(1999, 12, 15), date(1999, 12, 16))


def test_the_publication_header_under_site_chrome_gives_author_and_own_number():
    chrome = "Menu\n" + "Directe link naar document (.pdf), link naar pagina op de Tweede Kamer site.\n" * 12
    page = (chrome + "Tweede Kamer der Staten-Generaal | 2 |\nVergaderjaar 2024-2025 |\n21 501-28 Defensieraad\n"
            "Nr. 283 BRIEF VAN DE MINISTER VAN DEFENSIE\nAan de Voorzitter van de Tweede Kamer der Staten-Generaal\n"
            "Den Haag, 12 mei 2025\nHierbij ontvangt u de geannoteerde agenda voor de Raad Buitenlandse Zaken (RBZ) "
            "met Ministers van Defensie die op 20 mei in Brussel plaatsvindt.\n")
    assert len(chrome) > 600  # beyond where the header used to be looked for
    facts = read(page)
    assert facts.letter.kamerstuk == "21501-28-283"
    assert facts.letter.author_role == "Minister van Defensie"
    assert facts.meeting is None  # an EU Council: a ministerial letter about no NATO meeting
    assert is_letter(facts)
    assert [d.kamerstuk for d in facts.documents] == []  # its own number is not a citation


def test_an_aggregators_link_to_the_official_version_is_the_pages_own_number():
    assert own_number("Directe link naar document (.pdf), officiële HTML versie (kst-21501-02-2790).\n") == \
        "21501-02-2790"


def test_a_page_without_date_line_reads_its_kind_from_the_tense_of_the_meeting_sentence():
    page = ("Kamerbrief inzake informele NAVO-ministeriële Oslo, 26 en 27 april 2007\n\n"
            "Op 26 en 27 april jl. vond in Oslo de jaarlijkse informele ministeriële NAVO-bijeenkomst van ministers "
            "van Buitenlandse Zaken plaats.\n")
    facts = read(page)
    assert facts.letter.type == "report" and facts.letter.date is None
    assert (facts.meeting.type, facts.meeting.informal, facts.meeting.city) == ("foreign-ministers", True, "Oslo")
    coming = read("Kamerbrief NAVO Oslo, 26 en 27 april 2007\n\nOp 26 en 27 april a.s. zal in Oslo de informele "
                  "ministeriële NAVO-bijeenkomst van ministers van Buitenlandse Zaken plaatsvinden.\n")
    assert coming.letter.type == "annotated-agenda"
    assert kind_from_timing("report", None, None) == "report"


def test_a_meeting_date_without_year_takes_the_year_of_the_titles_month():
    page = ("Kamerbrief inzake geannoteerde agenda Brussel juni 2010\n\nIngevolge het verzoek van uw Kamer bericht "
            "ik u dat op 10 en 11 juni aanstaande in Brussel een formele bijeenkomst wordt gehouden van de "
            "Noord-Atlantische Raad (NAR) in de samenstelling van ministers van Defensie.\n\nDE MINISTER VAN "
            "DEFENSIE\n\nE. van Middelkoop\n")
    facts = read(page)
    assert (facts.meeting.type, facts.meeting.start, facts.meeting.end, facts.meeting.city) == (
        "defence-ministers", date(2010, 6, 10), date(2010, 6, 11), "Brussels")
    assert (facts.letter.author_role, facts.letter.signatory) == ("Minister van Defensie", "E. van Middelkoop")


def test_the_parliamentary_year_dates_a_meeting_of_its_autumn_or_of_its_spring():
    header = "Tweede Kamer der Staten-Generaal\nVergaderjaar 2009–2010\n\n"
    autumn = read(header + "Op 22 en 23 oktober aanstaande vindt in Bratislava een informele bijeenkomst van de "
                           "NAVO-ministers van Defensie plaats.\n")
    spring = read(header + "Op 4 en 5 februari aanstaande vindt in Istanbul een informele bijeenkomst van de "
                           "NAVO-ministers van Defensie plaats.\n")
    assert autumn.meeting.start == date(2009, 10, 22) and spring.meeting.start == date(2010, 2, 4)


def test_a_meeting_no_text_gives_a_year_for_keeps_its_kind_and_city_and_says_why():
    page = ("Verslag Navo-defensieministeriële bijeenkomst in Brussel\n\nOp 14 en 15 juni jl. werd op het "
            "Navo-hoofdkwartier in Brussel een formele bijeenkomst gehouden van de Noord-Atlantische Raad (NAR) in "
            "de samenstelling van ministers van Defensie.\n")
    facts = read(page)
    assert (facts.meeting.type, facts.meeting.start, facts.meeting.city) == ("defence-ministers", None, "Brussels")
    assert facts.letter.type == "report"
    flagged = [issue for issue in facts.issues if issue.about_meeting]
    assert len(flagged) == 1 and "gives no year" in flagged[0].message


def test_to_report_said_of_someone_is_no_report():
    facts = read("BRIEF VAN DE MINISTER VAN DEFENSIE\n\nDen Haag, 21 januari 2010\n\nIk bericht u dat op 4 en 5 "
                 "februari aanstaande in Istanbul een informele bijeenkomst wordt gehouden van de NAVO-ministers van "
                 "Defensie. In de bijeenkomst over Kosovo zal SACEUR verslag doen van de eerste stap.\n")
    assert facts.letter.type == "annotated-agenda"


def test_a_meeting_the_kamer_debated_is_not_the_letters_and_jl_may_end_a_sentence():
    facts = read("21 501-20 Europese Raad\n\nNr. 1128 BRIEF VAN DE MINISTERS VAN DEFENSIE EN VAN BUITENLANDSE ZAKEN\n\n"
                 "Den Haag, 27 juni 2016\n\nHierbij sturen wij u een toelichting op de EU Global Strategy, zoals "
                 "toegezegd tijdens het algemeen overleg over de Navo ministeriele van 9 juni jl. De Kamer is reeds "
                 "geïnformeerd over de Europese Raad van 28 en 29 juni aanstaande.\n")
    assert facts.meeting is None


def test_a_meeting_held_the_day_its_report_is_written_keeps_its_date():
    facts = read("28 676 NAVO\n\nNr. 361 BRIEF VAN DE MINISTERS VAN BUITENLANDSE ZAKEN EN DEFENSIE\n\nDen Haag, "
                 "14 april 2021\n\nHierbij ontvangt u het verslag van een extra ingelaste bijeenkomst van de NAVO-Raad "
                 "op 14 april 2021 over Afghanistan en Oekraïne.\n")
    # Two ministers' offices in the header: the one named first gives the meeting's kind.
    assert (facts.meeting.type, facts.meeting.start) == ("foreign-ministers", date(2021, 4, 14))


def test_the_meeting_named_before_its_date_outranks_the_offices_in_a_header_on_the_same_line():
    facts = read("Brief regering : Kabinetsinzet voor de NAVO-top van 24 en 25 juni 28 676 NAVO Nr. 519 BRIEF VAN DE "
                 "MINISTER-PRESIDENT EN DE MINISTERS VAN BUITENLANDSE ZAKEN EN DEFENSIE\nDen Haag, 13 juni 2025\n")
    assert (facts.meeting.type, facts.meeting.start, facts.meeting.end) == (
        "summit", date(2025, 6, 24), date(2025, 6, 25))
    # The letter never says where the summit is ("Den Haag" dates the letter): flagged.
    assert facts.meeting.city is None
    assert any("does not say where its meeting takes place" in issue.message for issue in facts.issues)


def test_a_meeting_by_video_is_not_flagged_for_its_missing_place():
    facts = read("Den Haag, 9 april 2020\n\nOp 15 april a.s. vindt een extra ingelaste bijeenkomst van de "
                 "NAVO-ministers van Defensie per videoconferentie plaats.\n")
    assert facts.meeting.city is None and facts.issues == ()


def test_the_next_day_without_its_date_and_a_request_date_that_is_no_meeting_date():
    page = ("Ministerie van Buitenlandse Zaken\n\nKamerbrief inzake Voorbereiding NAVO Top te Riga 22-11-2006 | 13:32\n\n"
            "Graag bied ik u de reactie aan op uw verzoek van 2 juni 2006 inzake Voorbereiding NAVO Top.De Top in Riga "
            "bestaat uit een werkdiner op de avond van 28 november en een werksessie in de ochtend van de volgende "
            "dag.\n")
    facts = read(page)
    assert (facts.meeting.type, facts.meeting.start, facts.meeting.end, facts.meeting.city) == (
        "summit", date(2006, 11, 28), date(2006, 11, 29), "Riga")
    assert (facts.letter.date, facts.letter.type) == (date(2006, 11, 22), "annotated-agenda")
    assert any("no letter date of its own" in issue.message for issue in facts.issues)


def test_a_header_of_several_ministers_gives_the_first_office_and_nl_names_the_netherlands():
    facts = read("28 676 NAVO\n\nNr. 361 BRIEF VAN DE MINISTERS VAN BUITENLANDSE ZAKEN EN DEFENSIE\n\nDen Haag, "
                 "14 april 2021\n\nNL bracht de Summit on Ukraine in.\n")
    assert (facts.letter.author_role, facts.letter.signatory) == ("Minister van Buitenlandse Zaken", None)
    assert "NL" in {c.code for c in facts.countries}
    one_ministry = signatures("BRIEF VAN DE MINISTER VOOR BUITENLANDSE HANDEL EN ONTWIKKELINGSSAMENWERKING\n")
    assert one_ministry.author_role == "Minister voor Buitenlandse Handel en Ontwikkelingssamenwerking"


def test_a_pages_date_line_of_its_own_dates_a_letter_without_letter_head():
    facts = read("Ministerie van Defensie\n\nBrieven aan de Kamer\n\n27-09-2001\n\nInformele bijeenkomst van "
                 "Navo-ministers van Defensie, 26 september 2001: terrorismebestrijding\n")
    assert facts.letter.date == date(2001, 9, 27)
    assert metadata_date("besluit van 12-03-2020\n") == (None, None)  # a date in a sentence is no date line


def test_the_sentence_after_the_meeting_may_place_it():
    facts = read("Den Haag, 14 april 2021\n\nHierbij ontvangt u het verslag van een extra ingelaste bijeenkomst van "
                 "de NAVO-ministers van Buitenlandse Zaken op 14 april 2021. De Ministers van de VS woonden de "
                 "vergadering fysiek bij in Brussel.\n")
    assert (facts.meeting.city, facts.meeting.country) == ("Brussels", "BE")
