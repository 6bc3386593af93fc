"""kg.reference: countries, the EU and cities with their English and Dutch names."""
from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import SKOS

from kg import iris, reference
from kg.namespaces import NK
from kg.reference import cities, city_table, country_labels, reference_graph
from kg.validate import problems

ID = "https://w3id.org/natokg/id/"


@pytest.mark.parametrize("code, english, dutch", [
    ("UA", "Ukraine", "Oekraïne"),
    ("NL", "Netherlands", "Nederland"),
    ("RO", "Romania", "Roemenië"),
    ("MK", "North Macedonia", "Noord-Macedonië"),
    ("XK", "Kosovo", "Kosovo"),
])
def test_country_labels(code, english, dutch):
    assert country_labels()[code] == (english, dutch)


def test_country_codes_are_iso_alpha_2_and_complete():
    codes = country_labels()
    assert len(codes) == 250  # 249 ISO 3166-1 countries and Kosovo
    assert all(len(c) == 2 and c.isupper() and c.isalpha() for c in codes)
    assert "EU" not in codes


@pytest.mark.parametrize("english, dutch, country", [
    ("Bucharest", "Boekarest", "RO"),
    ("Brussels", "Brussel", "BE"),
    ("Prague", "Praag", "CZ"),
    ("Washington", "Washington", "US"),
    ("The Hague", "Den Haag", "NL"),
    ("Vilnius", "Vilnius", "LT"),
    ("Oslo", "Oslo", "NO"),
    ("Strasbourg", "Straatsburg", "FR"),
    ("Newport", "Newport", "GB"),
])
def test_cities(english, dutch, country):
    assert (english, dutch, country) in cities()
    assert city_table()[english.casefold()] == (english, dutch, country)
    assert city_table()[dutch.casefold()] == (english, dutch, country)


def test_cities_are_places_with_a_known_country_and_distinct_iris():
    found = cities()
    assert len(found) > 400
    assert all(c.country in country_labels() for c in found)
    assert not {"Unknown", "Wales"} & {c.english for c in found}
    assert len({iris.slug(c.english) for c in found}) == len(found)


def test_exemplar_city_without_a_tz_database(monkeypatch):
    def missing(*args, **kwargs):
        raise LookupError("no tz database")
    monkeypatch.setattr(reference, "get_timezone_location", missing)
    assert reference._exemplar_city("Europe/Bucharest", "nl") == "Boekarest"


def test_reference_graph_triples():
    g = reference_graph()
    assert g.identifier == URIRef(ID + "graph/reference")
    ua = URIRef(ID + "country/UA")
    assert set(g.predicate_objects(ua)) == {
        (RDF.type, NK.Country), (NK.code, Literal("UA")),
        (RDFS.label, Literal("Ukraine", lang="en")), (RDFS.label, Literal("Oekraïne", lang="nl")),
        (SKOS.exactMatch, URIRef("http://publications.europa.eu/resource/authority/country/UKR")),
        (SKOS.exactMatch, URIRef("http://www.wikidata.org/entity/Q212")),
    }
    eu = URIRef(ID + "organisation/EU")
    assert set(g.predicate_objects(eu)) == {
        (RDF.type, NK.Organisation), (NK.code, Literal("EU")),
        (RDFS.label, Literal("European Union", lang="en")), (RDFS.label, Literal("Europese Unie", lang="nl")),
    }
    bucharest = URIRef(ID + "city/bucharest")
    assert set(g.predicate_objects(bucharest)) == {
        (RDF.type, NK.City), (NK.inCountry, URIRef(ID + "country/RO")),
        (RDFS.label, Literal("Bucharest", lang="en")), (RDFS.label, Literal("Boekarest", lang="nl")),
    }


def test_whole_reference_graph_conforms_to_the_shapes():
    assert problems(reference_graph()) == []
