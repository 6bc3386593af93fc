"""A description of the exported dataset for data portals: DCAT (DCAT-AP) and VoID in one file.

`natokg export -o nato.ttl --describe` writes `nato.dcat.ttl` beside the export. It describes
the dataset (title and description in Dutch and English, publisher, licence, themes, the period
its meetings cover, issued and modified dates) with one distribution per export format
(`nato.ttl`, `nato.trig`, `nato.nt`, `nato.jsonld`), and VoID statistics: triples, entities,
classes, properties, a partition per class and per property, the vocabularies used, and a
linkset per external dataset the graph links to (the EU country authority, Wikidata).

Everything is read from the data, never from the clock, so the same store gives the same bytes:
`dcterms:issued` is the date of the earliest letter, `dcterms:modified` that of the latest.
Download URLs are relative to the description (publish the files side by side) unless a base URL
is given. The publisher and licence come from arguments or the environment
(NATOKG_PUBLISHER_NAME, NATOKG_PUBLISHER_IRI, NATOKG_LICENSE).
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox

from kg import iris
from kg.export import FORMATS, prefixes, turtle
from kg.reference import EU_COUNTRY, WIKIDATA
from kg.store import GraphStore

DCAT = "http://www.w3.org/ns/dcat#"
VOID = "http://rdfs.org/ns/void#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
EXTRA_PREFIXES = {"dcat": DCAT, "void": VOID, "foaf": FOAF}

CC0 = "http://creativecommons.org/publicdomain/zero/1.0/"
THEMES = ("http://publications.europa.eu/resource/authority/data-theme/INTR",  # international issues
          "http://publications.europa.eu/resource/authority/data-theme/GOVE")  # government, public sector
LANGUAGES = ("http://publications.europa.eu/resource/authority/language/NLD",
             "http://publications.europa.eu/resource/authority/language/ENG")
TITLE = {
    "nl": "NAVO-diplomatie uit Kamerbrieven",
    "en": "NATO diplomacy from letters to the Dutch parliament",
}
DESCRIPTION = {
    "nl": "Kennisgraaf van de NAVO-bijeenkomsten waarover Nederlandse ministers de Tweede Kamer "
          "schrijven (geannoteerde agenda's en verslagen): bijeenkomsten, sessies, partners en "
          "genodigden, fondsen en bijdragen, moties en Kamerstukken, elk feit met de plaats in de "
          "brief waar het staat.",
    "en": "Knowledge graph of the NATO meetings that Dutch ministers write to the House of "
          "Representatives about (annotated agendas and reports): meetings, sessions, partners and "
          "invitees, funds and contributions, motions and parliamentary papers, each fact with the "
          "place in the letter where it is stated.",
}
KEYWORDS = {"nl": ("NAVO", "Tweede Kamer", "Kamerbrief", "diplomatie"),
            "en": ("NATO", "Dutch parliament", "diplomacy", "knowledge graph")}


@dataclass(frozen=True)
class Distribution:
    format: str
    extension: str
    media_type: str  # IANA
    file_type: str  # EU Publications Office file-type authority code
    label: str


DISTRIBUTIONS = {
    "turtle": Distribution("turtle", "ttl", "text/turtle", "RDF_TURTLE", "Turtle"),
    "trig": Distribution("trig", "trig", "application/trig", "RDF_TRIG", "TriG"),
    "nt": Distribution("nt", "nt", "application/n-triples", "RDF_N_TRIPLES", "N-Triples"),
    "jsonld": Distribution("jsonld", "jsonld", "application/ld+json", "JSON_LD", "JSON-LD"),
}
assert set(DISTRIBUTIONS) == set(FORMATS)
# External datasets the graph links to: (IRI space, dataset IRI, English title).
EXTERNAL = (
    (str(EU_COUNTRY), "http://publications.europa.eu/resource/authority/country",
     "EU Publications Office country authority table"),
    (str(WIKIDATA), "http://www.wikidata.org/", "Wikidata"),
)
# Relative download URLs are written against this stand-in base, then made relative.
_HERE = "http://natokg.invalid/here/"


def description_path(export_path: str | os.PathLike[str]) -> str:
    """`nato.ttl` -> `nato.dcat.ttl`, beside it."""
    path = os.fspath(export_path)
    head, name = os.path.split(path)
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return os.path.join(head, f"{stem}.dcat.ttl")


def describe(store: GraphStore, *, stem: str = "natokg", base_url: str | None = None,
             sparql_endpoint: str | None = None, context_url: str | None = None,
             publisher_name: str | None = None, publisher_iri: str | None = None,
             license: str | None = None) -> bytes:
    """The DCAT + VoID description of the store's data as deterministic Turtle.

    `stem` names the export files (`{stem}.ttl`, ...); `base_url` is where they are published
    (default: beside the description, as relative URLs).
    """
    quads = list(ox.parse(store.dump("nquads"), format=ox.RdfFormat.N_QUADS))
    triples = sorted({q.triple for q in quads}, key=str)
    data = turtle(_description(triples, stem=stem, base_url=base_url, sparql_endpoint=sparql_endpoint,
                               context_url=context_url,
                               publisher_name=publisher_name or os.environ.get("NATOKG_PUBLISHER_NAME") or "natokg",
                               publisher_iri=publisher_iri or os.environ.get("NATOKG_PUBLISHER_IRI")
                               or iris.data_base() + "publisher",
                               license=license or os.environ.get("NATOKG_LICENSE") or CC0),
                  EXTRA_PREFIXES)
    return data.replace(b"<" + _HERE.encode("ascii"), b"<")


def _description(triples: list[ox.Triple], *, stem: str, base_url: str | None, sparql_endpoint: str | None,
                 context_url: str | None, publisher_name: str, publisher_iri: str, license: str) -> list[ox.Triple]:
    base = iris.data_base()
    nk = prefixes()["nk"]
    dataset = N(base + "dataset")
    out: list[ox.Triple] = []

    def add(s, p, o) -> None:
        out.append(ox.Triple(s, N(p), o))

    # --- DCAT ---
    catalog = N(base + "catalog")
    add(catalog, RDF_TYPE, N(DCAT + "Catalog"))
    add(catalog, DCT + "title", ox.Literal("natokg", language="en"))
    add(catalog, DCT + "publisher", N(publisher_iri))
    add(catalog, DCAT + "dataset", dataset)
    for kind in (DCAT + "Dataset", VOID + "Dataset"):
        add(dataset, RDF_TYPE, N(kind))
    for lang in ("nl", "en"):
        add(dataset, DCT + "title", ox.Literal(TITLE[lang], language=lang))
        add(dataset, DCT + "description", ox.Literal(DESCRIPTION[lang], language=lang))
        for word in KEYWORDS[lang]:
            add(dataset, DCAT + "keyword", ox.Literal(word, language=lang))
    publisher = N(publisher_iri)
    add(dataset, DCT + "publisher", publisher)
    add(publisher, RDF_TYPE, N(FOAF + "Agent"))
    add(publisher, FOAF + "name", ox.Literal(publisher_name))
    add(dataset, DCT + "license", N(license))
    for theme in THEMES:
        add(dataset, DCAT + "theme", N(theme))
    for language in LANGUAGES:
        add(dataset, DCT + "language", N(language))
    letter_dates = _values(triples, nk + "letterDate")
    if letter_dates:
        add(dataset, DCT + "issued", ox.Literal(min(letter_dates), datatype=N(XSD + "date")))
        add(dataset, DCT + "modified", ox.Literal(max(letter_dates), datatype=N(XSD + "date")))
    starts, ends = _values(triples, nk + "startDate"), _values(triples, nk + "endDate")
    if starts and ends:
        period = N(base + "dataset/period")
        add(dataset, DCT + "temporal", period)
        add(period, RDF_TYPE, N(DCT + "PeriodOfTime"))
        add(period, DCAT + "startDate", ox.Literal(min(starts), datatype=N(XSD + "date")))
        add(period, DCAT + "endDate", ox.Literal(max(ends), datatype=N(XSD + "date")))
    for name in FORMATS:
        spec = DISTRIBUTIONS[name]
        node = N(f"{base}dataset/distribution/{name}")
        url = N((base_url.rstrip("/") + "/" if base_url else _HERE) + f"{stem}.{spec.extension}")
        add(dataset, DCAT + "distribution", node)
        add(node, RDF_TYPE, N(DCAT + "Distribution"))
        add(node, DCT + "title", ox.Literal(f"{TITLE['en']} ({spec.label})", language="en"))
        add(node, DCT + "title", ox.Literal(f"{TITLE['nl']} ({spec.label})", language="nl"))
        add(node, DCAT + "downloadURL", url)
        add(node, DCAT + "accessURL", url)
        add(node, DCAT + "mediaType", N("http://www.iana.org/assignments/media-types/" + spec.media_type))
        add(node, DCT + "format", N("http://publications.europa.eu/resource/authority/file-type/" + spec.file_type))
        add(node, DCT + "license", N(license))
        if name == "jsonld" and context_url:
            add(node, DCT + "conformsTo", N(context_url))
        add(dataset, VOID + "dataDump", url)
    if sparql_endpoint:
        service = N(base + "dataset/sparql")
        add(dataset, VOID + "sparqlEndpoint", N(sparql_endpoint))
        add(service, RDF_TYPE, N(DCAT + "DataService"))
        add(service, DCT + "title", ox.Literal("natokg SPARQL endpoint", language="en"))
        add(service, DCAT + "endpointURL", N(sparql_endpoint))
        add(service, DCAT + "servesDataset", dataset)
        add(service, DCT + "conformsTo", N("https://www.w3.org/TR/sparql11-protocol/"))

    # --- VoID ---
    integer = N(XSD + "integer")

    def count(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=integer)

    classes = Counter(t.object.value for t in triples
                      if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode))
    properties = Counter(t.predicate.value for t in triples)
    subjects = {t.subject for t in triples}
    entities = {s for s in subjects if isinstance(s, ox.NamedNode) and s.value.startswith(base)}
    add(dataset, VOID + "triples", count(len(triples)))
    add(dataset, VOID + "entities", count(len(entities)))
    add(dataset, VOID + "classes", count(len(classes)))
    add(dataset, VOID + "properties", count(len(properties)))
    add(dataset, VOID + "distinctSubjects", count(len(subjects)))
    add(dataset, VOID + "distinctObjects", count(len({t.object for t in triples})))
    add(dataset, VOID + "uriSpace", ox.Literal(base))
    for vocabulary in sorted(_vocabularies(set(classes) | set(properties))):
        add(dataset, VOID + "vocabulary", N(vocabulary))
    meetings = sorted(t.subject.value for t in triples if t.predicate.value == RDF_TYPE
                      and t.object == N(nk + "Meeting") and isinstance(t.subject, ox.NamedNode))
    if meetings:
        add(dataset, VOID + "exampleResource", N(meetings[0]))
    for cls, n in sorted(classes.items()):
        node = N(f"{base}dataset/class/{_slug(cls)}")
        add(dataset, VOID + "classPartition", node)
        add(node, VOID + "class", N(cls))
        add(node, VOID + "entities", count(n))
    for prop, n in sorted(properties.items()):
        node = N(f"{base}dataset/property/{_slug(prop)}")
        add(dataset, VOID + "propertyPartition", node)
        add(node, VOID + "property", N(prop))
        add(node, VOID + "triples", count(n))
    for space, target_iri, title in EXTERNAL:
        links = Counter(t.predicate.value for t in triples
                        if isinstance(t.object, ox.NamedNode) and t.object.value.startswith(space))
        if not links:
            continue
        target = N(target_iri)
        add(target, RDF_TYPE, N(VOID + "Dataset"))
        add(target, DCT + "title", ox.Literal(title, language="en"))
        add(target, VOID + "uriSpace", ox.Literal(space))
        for predicate, n in sorted(links.items()):
            linkset = N(f"{base}dataset/links/{_slug(target_iri)}/{_slug(predicate)}")
            add(dataset, VOID + "subset", linkset)
            add(linkset, RDF_TYPE, N(VOID + "Linkset"))
            add(linkset, VOID + "subjectsTarget", dataset)
            add(linkset, VOID + "objectsTarget", target)
            add(linkset, VOID + "linkPredicate", N(predicate))
            add(linkset, VOID + "triples", count(n))
    return out


def N(iri: str) -> ox.NamedNode:  # noqa: N802 - reads like the RDF it builds
    return ox.NamedNode(iri)


def _values(triples: list[ox.Triple], predicate: str) -> list[str]:
    """Lexical forms of the xsd:date objects of `predicate` (ISO dates sort as text)."""
    return [t.object.value for t in triples if t.predicate.value == predicate
            and isinstance(t.object, ox.Literal) and t.object.datatype.value == XSD + "date"]


def _vocabularies(iris_: set[str]) -> set[str]:
    """The namespaces (of the model's prefixes) that the classes and properties come from."""
    spaces = sorted(prefixes().values(), key=len, reverse=True)
    found = set()
    for iri in iris_:
        for space in spaces:
            if iri.startswith(space) and space != iris.data_base():
                found.add(space)
                break
    return found


def _slug(iri: str) -> str:
    """A readable, stable IRI segment for a class or property: `nk-Meeting`, `rdfs-label`."""
    for name, space in sorted(prefixes().items(), key=lambda item: -len(item[1])):
        if iri.startswith(space) and iri != space:
            return f"{name}-{_segment(iri[len(space):])}"
    return iris.slug(iri)


def _segment(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in text)
