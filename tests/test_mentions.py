"""Meetings a letter mentions besides its own, read from sentences written for these tests in
other words than the corpus: the extractor reads the construction (a kind of meeting, then where
and when), not the sentences of known letters."""
from __future__ import annotations

from datetime import date

import pytest

from kg.extract.mentions import find_mentions
from kg.facts import Meeting, Span
from kg.text import repair

OWN_FMM = Meeting("foreign-ministers", False, date(2023, 4, 4), date(2023, 4, 5), "Brussels", "Brussel", "BE",
                  Span(0, 1, "x"))
OWN_DMM = Meeting("defence-ministers", False, date(2023, 10, 11), date(2023, 10, 12), "Brussels", "Brussel",
                  "BE", Span(0, 1, "x"))


def mentions(text: str, letter_date: date, own: Meeting | None = OWN_FMM):
    return [(m.type, m.month, m.start, m.end, m.city, m.informal)
            for m in find_mentions(repair(text, "t.txt"), letter_date, own)]


@pytest.mark.parametrize("text, letter_date, own, expected", [
    # An EU Council ahead, day range without a year: the year that puts it nearest the letter.
    ("Tijdens de Europese Raad van 14 en 15 december aanstaande komt de Minister-President hierop terug.",
     date(2023, 11, 30), OWN_FMM,
     [("european-council", "2023-12", date(2023, 12, 14), date(2023, 12, 15), None, None)]),
    # "die van ... tot en met ... in Den Haag plaatsvindt": the place after the date.
    ("Dit krijgt zijn beslag bij de NAVO-Top, die van 24 tot en met 25 juni 2025 in Den Haag plaatsvindt.",
     date(2025, 3, 1), OWN_FMM,
     [("summit", "2025-06", date(2025, 6, 24), date(2025, 6, 25), "The Hague", None)]),
    # "jl." places a date without a year before the letter.
    ("Ik verwijs naar de Raad Buitenlandse Zaken van 22 april jl., waar dit ook besproken is.",
     date(2024, 5, 10), OWN_FMM,
     [("foreign-affairs-council", "2024-04", date(2024, 4, 22), None, None, None)]),
    # The previous meeting of the letter's own series takes the own meeting's kind.
    ("Over de vorige bijeenkomst, op 13 en 14 juni jl. in Brussel, heb ik u per brief geïnformeerd.",
     date(2023, 10, 2), OWN_DMM,
     [("defence-ministers", "2023-06", date(2023, 6, 13), date(2023, 6, 14), "Brussels", None)]),
    # Month precision, an informal meeting, the place in between.
    ("Het onderwerp kwam al aan de orde tijdens de informele bijeenkomst van de NAVO-ministers van "
     "Buitenlandse Zaken in Praag in mei 2024.",
     date(2024, 6, 20), OWN_DMM,
     [("foreign-ministers", "2024-05", None, None, "Prague", True)]),
    # A date before the meeting.
    ("Dit werd in juni 2022 tijdens de Top in Madrid besloten.", date(2023, 3, 1), OWN_FMM,
     [("summit", "2022-06", None, None, "Madrid", None)]),
])
def test_mentioned_meetings(text, letter_date, own, expected):
    assert mentions(text, letter_date, own) == expected


@pytest.mark.parametrize("text", [
    # The date of a letter about the meeting, not of the meeting.
    "De geannoteerde agenda voor de Top ontving uw Kamer op 3 juli jl.",
    # The letter's own meeting, and a day within it (a session).
    "Op 4 en 5 april komen de ministers van Buitenlandse Zaken van de bondgenoten in Brussel bijeen.",
    "Op 5 april vergadert de NAVO-Oekraïne Raad op het niveau van ministers van Buitenlandse Zaken.",
    "Over de bijeenkomst van de NAVO-ministers van Buitenlandse Zaken van 4 en 5 april 2023 in Brussel.",
    # A year alone, or a meeting without a date.
    "De bondgenoten komen in 2025 opnieuw bijeen, dan in Nederland.",
    "Het Strategisch Concept werd tijdens de Top in Madrid aangenomen.",
    # A lower-case "top" is no summit.
    "Dit staat bovenaan, aan de top van de lijst, sinds 3 maart.",
])
def test_not_a_mentioned_meeting(text):
    assert mentions(text, date(2023, 3, 24)) == []


def test_one_meeting_named_twice_is_one_mention_with_what_both_say():
    text = ("VERSLAG VAN DE RAAD BUITENLANDSE ZAKEN VAN 20 MAART 2023\n\n"
            "Hierbij het verslag van de Raad Buitenlandse Zaken die op 20 maart 2023 in Brussel plaatsvond.")
    assert mentions(text, date(2023, 3, 24), None) == [
        ("foreign-affairs-council", "2023-03", date(2023, 3, 20), None, "Brussels", None)]


def test_a_mention_keeps_its_source_text():
    text = "Zweden hoopt uiterlijk bij de NAVO-Top in Vilnius, op 11 en 12 juli, lid te zijn."
    [mention] = find_mentions(repair(text, "t.txt"), date(2023, 3, 24), OWN_FMM)
    assert mention.span.text == "NAVO-Top in Vilnius, op 11 en 12 juli"
    assert (mention.start, mention.city, mention.country) == (date(2023, 7, 11), "Vilnius", "LT")
