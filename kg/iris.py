"""The IRIs of data nodes: the only place they are built (docs/model.md, "IRIs").

IRIs are derived from the facts themselves, never from counters or clocks, so ingesting the same
letter twice names the same nodes and a re-ingest replaces instead of duplicating. The data base
IRI comes from the environment variable NATOKG_DATA_BASE (read on every call, so a test or a
deployment can set it before building); the ontology namespace is fixed (kg.namespaces.NK).
"""
from __future__ import annotations

import os
import re
import unicodedata
from datetime import date as Date
from urllib.parse import quote

from rdflib import URIRef

DEFAULT_DATA_BASE = "https://w3id.org/natokg/id/"

# Letters NFKD does not split into base letter + accent.
_TRANSLITERATE = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "TH",
})
_APOSTROPHES = re.compile(r"['’`´]")  # "St. John's" -> "st-johns", not "st-john-s"


def data_base() -> str:
    """The base of all data IRIs, always ending in '/' or '#'."""
    base = os.environ.get("NATOKG_DATA_BASE") or DEFAULT_DATA_BASE
    return base if base.endswith(("/", "#")) else base + "/"


def slug(text: str) -> str:
    """Lower-case ASCII `[a-z0-9-]`: accents stripped, other runs of characters become one dash.

    >>> slug("Chișinău")
    'chisinau'
    >>> slug("  The Hague / Den Haag ")
    'the-hague-den-haag'
    """
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE)))
    ascii_text = "".join(c for c in text if not unicodedata.combining(c)).encode("ascii", "ignore")
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text.decode("ascii").lower()).strip("-")
    if not result:
        raise ValueError(f"cannot make an IRI segment of {text!r}: no letters or digits")
    return result


def letter_slug(source_file_name: str) -> str:
    """Slug of a file name's stem, whatever directory it came from: 'seed-2022-11-bucharest'."""
    name = re.split(r"[\\/]", source_file_name)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return slug(stem)


def _segment(value: str) -> str:
    # Codes and Kamerstuk numbers keep their case (UA, 36200-X-26); anything outside the
    # unreserved characters is percent-encoded so a malformed value still gives a valid IRI
    # and the shapes, not the IRI builder, report it.
    return quote(value.strip(), safe="-._~")


def _iri(*parts: str) -> URIRef:
    return URIRef(data_base() + "/".join(parts))


def skolem() -> dict[str, str]:
    """Where skolemised blank nodes live: `id:genid/{label}` (arguments of rdflib's skolemize)."""
    return {"authority": data_base().rstrip("/"), "basepath": "/genid/"}


def letter(letter_slug: str) -> URIRef:
    return _iri("letter", letter_slug)


def letter_graph(letter_slug: str) -> URIRef:
    """The named graph holding everything one letter says."""
    return _iri("graph", "letter", letter_slug)


def reference_graph() -> URIRef:
    return _iri("graph", "reference")


def ontology_graph() -> URIRef:
    return _iri("graph", "ontology")


def derived_graph(type_slug: str, month: str) -> URIRef:
    """id:graph/derived/{type}/{YYYY-MM}: what only the letters together say (kg/derive.py) about
    the meetings of one type in one month.

    A month is the unit because nothing derived crosses it: a meeting named without its day is
    matched only with meetings of its type in its month. So a new letter changes only the graphs
    of the months its meetings are in, whatever the size of the store.
    """
    return _iri("graph", "derived", slug(type_slug), month)


def derived_graphs() -> str:
    """The IRI every derived graph starts with (the graph itself, up to natokg 0.1)."""
    return data_base() + "graph/derived"


def is_derived_graph(graph_iri: str) -> bool:
    prefix = derived_graphs()
    return graph_iri == prefix or graph_iri.startswith(prefix + "/")


def is_letter_graph(graph_iri: str) -> bool:
    return graph_iri.startswith(data_base() + "graph/letter/")


# {type}/{YYYY-MM}[-DD]/{city} after "meeting/": whatever the data base was when it was stored.
_MEETING = re.compile(r"/meeting/([a-z0-9-]+)/(\d{4}-\d{2})(?:-\d{2})?/[^/]+$")


def meeting_month(meeting_iri: str) -> tuple[str, str] | None:
    """(type slug, YYYY-MM) of a meeting IRI built by `meeting`; None for any other IRI.

    >>> meeting_month("https://w3id.org/natokg/id/meeting/summit/2023-07-11/vilnius")
    ('summit', '2023-07')
    >>> meeting_month("https://w3id.org/natokg/id/meeting/summit/2022-06/unknown")
    ('summit', '2022-06')
    """
    found = _MEETING.search(str(meeting_iri))
    return (found.group(1), found.group(2)) if found else None


def meeting(type: str, start: Date | str | None, city: str | None, letter_slug: str | None = None) -> URIRef:
    """id:meeting/{type}/{YYYY-MM-DD}/{city-slug}, 'unknown' for a meeting without a city.

    A meeting a letter mentions without its day has its month instead: `start` "YYYY-MM". A
    meeting whose letter gives no year at all is known only through that letter:
    id:meeting/{type}/undated/{city-slug}/{letter-slug}, so two such meetings never merge.
    """
    if start is None:
        if not letter_slug:
            raise ValueError("a meeting without a date is named after the letter that names it")
        return _iri("meeting", slug(type), "undated", slug(city) if city else "unknown", letter_slug)
    if isinstance(start, Date):
        when = start.isoformat()
    elif re.fullmatch(r"\d{4}-\d{2}", start):
        when = start
    else:
        raise ValueError(f"a meeting starts on a date or in a month (YYYY-MM), not {start!r}")
    return _iri("meeting", slug(type), when, slug(city) if city else "unknown")


def meeting_issue(meeting_iri: URIRef, key: str) -> URIRef:
    """{meeting}/issue/{key}: a disagreement between the letters about one meeting.

    The key names what disagrees ("session-2-title"), so the IRI depends on the content, not on
    the order in which the letters were ingested.
    """
    return URIRef(f"{meeting_iri}/issue/{slug(key)}")


def session(meeting_iri: URIRef, key: int | str) -> URIRef:
    """{meeting}/session/{number}, or {meeting}/part/{title-slug} for a part of the meeting the
    letter names without a number ("NAVO-Oekraïne Commissie", "werkdiner")."""
    if isinstance(key, int):
        return URIRef(f"{meeting_iri}/session/{key}")
    return URIRef(f"{meeting_iri}/part/{slug(key)}")


def participation(activity_iri: URIRef, party: str, role: str) -> URIRef:
    """{meeting or session}/participation/{party code}/{role}."""
    return URIRef(f"{activity_iri}/participation/{_segment(party.upper())}/{slug(role)}")


def country(code: str) -> URIRef:
    return _iri("country", _segment(code.upper()))


def organisation(code: str) -> URIRef:
    return _iri("organisation", _segment(code.upper()))


def party(code: str) -> URIRef:
    """A participant or donor: the EU is an organisation, every other code a country."""
    return organisation(code) if code.strip().upper() == "EU" else country(code)


def city(english: str) -> URIRef:
    return _iri("city", slug(english))


def person(name: str) -> URIRef:
    return _iri("person", slug(name))


def person_role(name: str, role: str) -> URIRef:
    """id:person/{name-slug}/role/{role-slug}: one person in one office or seat, across letters."""
    return _iri("person", slug(name), "role", slug(role))


def fund(key: str) -> URIRef:
    return _iri("fund", slug(key))


def contribution(letter_slug: str, n: int) -> URIRef:
    """The n-th contribution (from 1) in a letter: contributions are not shared between letters."""
    return _iri("letter", letter_slug, "contribution", str(int(n)))


def motion(kamerstuk: str | None, submitter: str, date: Date | None) -> URIRef:
    """id:motion/{kamerstuk}, or id:motion/{submitter-slug}/{date|undated} without a number."""
    if kamerstuk:
        return _iri("motion", _segment(kamerstuk))
    return _iri("motion", slug(submitter), date.isoformat() if date else "undated")


def document(kamerstuk: str) -> URIRef:
    return _iri("kamerstuk", _segment(kamerstuk))


def issue(letter_slug: str, n: int) -> URIRef:
    return _iri("letter", letter_slug, "issue", str(int(n)))


def span(letter_slug: str, start: int, end: int) -> URIRef:
    return _iri("letter", letter_slug, "span", f"{int(start)}-{int(end)}")
