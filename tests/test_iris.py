"""kg.iris: every data IRI, exactly as docs/model.md spells it."""
from __future__ import annotations

from datetime import date

import pytest
from rdflib import URIRef

from kg import iris

ID = "https://w3id.org/natokg/id/"
MEETING = URIRef(ID + "meeting/foreign-ministers/2022-11-29/bucharest")


@pytest.mark.parametrize("text, expected", [
    ("Bucharest", "bucharest"),
    ("Chișinău", "chisinau"),
    ("São Tomé", "sao-tome"),
    ("Kraków", "krakow"),
    ("Straße", "strasse"),
    ("St. John’s", "st-johns"),
    ("  The Hague -- Den Haag  ", "the-hague-den-haag"),
    ("UCAP", "ucap"),
    ("W.B. Hoekstra", "w-b-hoekstra"),
    ("Van der Lee", "van-der-lee"),
])
def test_slug(text, expected):
    assert iris.slug(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "—", "北京"])
def test_slug_of_nothing_usable_is_an_error(text):
    with pytest.raises(ValueError):
        iris.slug(text)


@pytest.mark.parametrize("name, expected", [
    ("seed-2022-11-bucharest.txt", "seed-2022-11-bucharest"),
    ("/data/in/Kamerbrief NAVO-top Vilnius.pdf", "kamerbrief-navo-top-vilnius"),
    ("C:\\brieven\\brief_2023.03.txt", "brief-2023-03"),
    ("no-extension", "no-extension"),
])
def test_letter_slug(name, expected):
    assert iris.letter_slug(name) == expected


def test_letter_and_graph_iris():
    assert iris.letter("seed") == URIRef(ID + "letter/seed")
    assert iris.letter_graph("seed") == URIRef(ID + "graph/letter/seed")
    assert iris.reference_graph() == URIRef(ID + "graph/reference")
    assert iris.ontology_graph() == URIRef(ID + "graph/ontology")


def test_meeting_session_participation():
    assert iris.meeting("foreign-ministers", date(2022, 11, 29), "Bucharest") == MEETING
    assert iris.meeting("summit", date(2024, 7, 9), None) == URIRef(ID + "meeting/summit/2024-07-09/unknown")
    assert iris.session(MEETING, 4) == URIRef(f"{MEETING}/session/4")
    assert iris.participation(iris.session(MEETING, 4), "md", "partner") == \
        URIRef(f"{MEETING}/session/4/participation/MD/partner")
    assert iris.participation(MEETING, "FI", "invitee") == URIRef(f"{MEETING}/participation/FI/invitee")


def test_parties_places_people_funds():
    assert iris.country("ua") == URIRef(ID + "country/UA")
    assert iris.organisation("EU") == URIRef(ID + "organisation/EU")
    assert iris.party("EU") == URIRef(ID + "organisation/EU")
    assert iris.party("NL") == URIRef(ID + "country/NL")
    assert iris.city("The Hague") == URIRef(ID + "city/the-hague")
    assert iris.person("W.B. Hoekstra") == URIRef(ID + "person/w-b-hoekstra")
    assert iris.fund("UCAP") == URIRef(ID + "fund/ucap")


def test_letter_parts():
    assert iris.contribution("seed", 1) == URIRef(ID + "letter/seed/contribution/1")
    assert iris.issue("seed", 2) == URIRef(ID + "letter/seed/issue/2")
    assert iris.span("seed", 120, 158) == URIRef(ID + "letter/seed/span/120-158")


def test_motions_and_papers():
    assert iris.motion("36200-X-26", "Valstar", date(2022, 11, 17)) == URIRef(ID + "motion/36200-X-26")
    assert iris.motion(None, "Van der Lee", date(2023, 3, 2)) == URIRef(ID + "motion/van-der-lee/2023-03-02")
    assert iris.motion(None, "Sjoerdsma", None) == URIRef(ID + "motion/sjoerdsma/undated")
    assert iris.document("36200-X-26") == URIRef(ID + "kamerstuk/36200-X-26")


def test_a_malformed_kamerstuk_still_gives_a_valid_iri():
    # The shapes refuse the literal; the IRI builder must not produce an invalid IRI meanwhile.
    assert iris.document("36 200 X/26") == URIRef(ID + "kamerstuk/36%20200%20X%2F26")


def test_data_base_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("NATOKG_DATA_BASE", "http://example.org/kg")
    assert iris.data_base() == "http://example.org/kg/"
    assert iris.country("NL") == URIRef("http://example.org/kg/country/NL")
    monkeypatch.delenv("NATOKG_DATA_BASE")
    assert iris.country("NL") == URIRef(ID + "country/NL")
