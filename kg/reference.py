"""The reference graph: countries, the EU and cities, with English and Dutch names.

Names come from CLDR through Babel (territory names, and time-zone exemplar cities for cities),
so they are the standard exonyms in both languages without a hand-kept list; the few NATO venues
that are not time-zone cities are in kg/data/cities-supplement.csv. Countries link to the web of
data with skos:exactMatch: the EU Publications Office country authority (ISO alpha-3 from pycountry)
and Wikidata (kg/data/country-wikidata.csv, with its source). Everything is cached: the graph is
built once per process and must not be modified by callers.
"""
from __future__ import annotations

import csv
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import babel
import pycountry
from babel.core import get_global
from babel.dates import get_timezone_location
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from kg import iris
from kg.namespaces import NK

SUPPLEMENT = Path(__file__).parent / "data" / "cities-supplement.csv"
NATO_MEMBERS = Path(__file__).parent / "data" / "nato-members.csv"
WIKIDATA_TABLE = Path(__file__).parent / "data" / "country-wikidata.csv"
# The EU Publications Office country authority (ISO 3166-1 alpha-3) and Wikidata items.
EU_COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
WIKIDATA = Namespace("http://www.wikidata.org/entity/")
EU_LABELS = ("European Union", "Europese Unie")
_EXTRA_COUNTRIES = ("XK",)  # Kosovo: no ISO 3166-1 code, but CLDR and NATO use XK


class City(NamedTuple):
    english: str
    dutch: str
    country: str  # ISO 3166-1 alpha-2


@lru_cache(maxsize=1)
def country_labels() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-2 code -> (English name, Dutch name), plus XK Kosovo; not the EU."""
    en, nl = babel.Locale("en").territories, babel.Locale("nl").territories
    codes = sorted({c.alpha_2 for c in pycountry.countries} | set(_EXTRA_COUNTRIES))
    # CLDR's short English forms write "Bosnia & Herzegovina"; a label reads better in words.
    return {code: (en[code].replace(" & ", " and "), nl[code]) for code in codes}


def _exemplar_city(zone: str, locale: str) -> str:
    try:
        return get_timezone_location(zone, locale=locale, return_city=True)
    except LookupError:
        # The zone is missing from this machine's tz database: read the same CLDR field directly.
        names = babel.Locale.parse(locale).time_zones.get(zone, {})
        return names.get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")


@lru_cache(maxsize=1)
def _cities() -> tuple[City, ...]:
    countries = country_labels()
    found: dict[str, City] = {}
    for zone, territory in sorted(get_global("zone_territories").items()):
        # "001" and "ZZ" mark zones that are no place (Etc/GMT+1, EST5EDT, Etc/Unknown).
        if territory not in countries or zone.startswith("Etc/"):
            continue
        english = _exemplar_city(zone, "en")
        found.setdefault(iris.slug(english), City(english, _exemplar_city(zone, "nl"), territory))
    with SUPPLEMENT.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            city = City(row["english"].strip(), row["dutch"].strip(), row["country"].strip())
            found[iris.slug(city.english)] = city  # curated rows win over CLDR
    return tuple(sorted(found.values()))


def cities() -> list[City]:
    """Every known city as (english, dutch, country_code), sorted by English name."""
    return list(_cities())


@lru_cache(maxsize=1)
def city_table() -> dict[str, City]:
    """Case-folded English or Dutch city name -> City; the English name wins a clash."""
    table: dict[str, City] = {}
    for city in _cities():
        table.setdefault(city.dutch.casefold(), city)
    for city in _cities():
        table[city.english.casefold()] = city
    return table


@lru_cache(maxsize=1)
def country_links() -> dict[str, tuple[str, ...]]:
    """ISO alpha-2 code -> the IRIs of the same country elsewhere (EU authority, Wikidata).

    Codes without an ISO alpha-3 code or a Wikidata row (XK Kosovo) get only what is known.
    """
    wikidata: dict[str, str] = {}
    with WIKIDATA_TABLE.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            wikidata[row["code"].strip()] = row["wikidata"].strip()
    links: dict[str, tuple[str, ...]] = {}
    for code in country_labels():
        found = pycountry.countries.get(alpha_2=code)
        iris_ = ([str(EU_COUNTRY[found.alpha_3])] if found else []) + \
            ([str(WIKIDATA[wikidata[code]])] if code in wikidata else [])
        links[code] = tuple(iris_)
    return links


@lru_cache(maxsize=1)
def nato_accessions() -> dict[str, date]:
    """ISO code -> the date the country became a NATO ally (kg/data/nato-members.csv, sourced there)."""
    with NATO_MEMBERS.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if line.strip() and not line.startswith("#"))
        return {row["code"].strip(): date.fromisoformat(row["accession"].strip()) for row in rows}


@lru_cache(maxsize=1)
def reference_graph() -> Graph:
    """Countries (nk:Country), the EU (nk:Organisation) and cities (nk:City), in id:graph/reference."""
    g = Graph(identifier=iris.reference_graph())
    g.bind("nk", NK._NS)
    links = country_links()
    for code, (en, nl) in country_labels().items():
        _party(g, iris.country(code), NK.Country, code, en, nl)
        if code in nato_accessions():  # membership, so queries and shapes can tell an ally of the day
            g.add((iris.country(code), NK.natoAccession,
                   Literal(nato_accessions()[code].isoformat(), datatype=XSD.date)))
        for link in links[code]:
            g.add((iris.country(code), SKOS.exactMatch, URIRef(link)))
    _party(g, iris.organisation("EU"), NK.Organisation, "EU", *EU_LABELS)
    for city in _cities():
        node = iris.city(city.english)
        g.add((node, RDF.type, NK.City))
        g.add((node, RDFS.label, Literal(city.english, lang="en")))
        g.add((node, RDFS.label, Literal(city.dutch, lang="nl")))
        g.add((node, NK.inCountry, iris.country(city.country)))
    return g


def _party(g: Graph, node, cls, code: str, en: str, nl: str) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, NK.code, Literal(code)))
    g.add((node, RDFS.label, Literal(en, lang="en")))
    g.add((node, RDFS.label, Literal(nl, lang="nl")))
