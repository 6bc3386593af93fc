"""The reference graph: countries, the EU and cities, with English and Dutch names.

Names come from CLDR through Babel (territory names, and time-zone exemplar cities for cities),
so they are the standard exonyms in both languages without a hand-kept list; the few NATO venues
that are not time-zone cities are in kg/data/cities-supplement.csv. Everything is cached: the
graph is built once per process and must not be modified by callers.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import babel
import pycountry
from babel.core import get_global
from babel.dates import get_timezone_location
from rdflib import RDF, RDFS, Graph, Literal

from kg import iris
from kg.namespaces import NK

SUPPLEMENT = Path(__file__).parent / "data" / "cities-supplement.csv"
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
def reference_graph() -> Graph:
    """Countries (nk:Country), the EU (nk:Organisation) and cities (nk:City), in id:graph/reference."""
    g = Graph(identifier=iris.reference_graph())
    g.bind("nk", NK._NS)
    for code, (en, nl) in country_labels().items():
        _party(g, iris.country(code), NK.Country, code, en, nl)
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
