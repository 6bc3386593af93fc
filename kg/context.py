"""The JSON-LD context of natokg's exports, made from the ontology.

Every ontology property becomes a term named by its local name ("startDate", "participant"):
object properties are typed `@id`, datatype properties carry their range as `@type` (so
`"startDate": "2022-11-29"` is an xsd:date), classes are terms too ("Meeting"), and the model's
prefixes (docs/model.md) cover everything else. A few terms of other vocabularies that every node
uses ("label", "exactMatch", "wasDerivedFrom", ...) are named as well.

`natokg export --format jsonld` embeds this context; with `--context-url URL` it refers to the
URL instead and writes the context document beside the export, to be published at that URL.
Built from the ontology each time, so it never lags behind it; the same ontology gives the same
bytes.
"""
from __future__ import annotations

import json

from rdflib import OWL, RDF, RDFS, URIRef
from rdflib.namespace import SKOS, XSD

from kg.export import prefixes

PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
# Terms outside the ontology that natokg's nodes use everywhere: name -> (IRI, @type or None).
_COMMON = {
    "label": (str(RDFS.label), None),
    "comment": (str(RDFS.comment), None),
    "notation": (str(SKOS.notation), None),
    "exactMatch": (str(SKOS.exactMatch), "@id"),
    "wasDerivedFrom": (PROV_DERIVED, "@id"),
}


def context() -> dict:
    """The context object (the value of "@context"), with its keys sorted."""
    from kg.triples import ontology_graph  # late: kg.triples pulls in the whole mapping step

    names = prefixes()
    ns = names["nk"]
    graph = ontology_graph()
    terms: dict[str, object] = {}

    def compact(iri: str) -> str:
        for name, base in sorted(names.items(), key=lambda item: -len(item[1])):
            if iri.startswith(base) and iri != base:
                return f"{name}:{iri[len(base):]}"
        return iri

    # Sorted, so a name shared by two terms (kept for the first: classes, then object, then
    # datatype properties) is settled the same way in every process.
    for cls in sorted(set(graph.subjects(RDF.type, OWL.Class))):
        if isinstance(cls, URIRef) and str(cls).startswith(ns):
            terms.setdefault(str(cls)[len(ns):], compact(str(cls)))
    for prop in sorted(set(graph.subjects(RDF.type, OWL.ObjectProperty))):
        if isinstance(prop, URIRef) and str(prop).startswith(ns):
            terms.setdefault(str(prop)[len(ns):], {"@id": compact(str(prop)), "@type": "@id"})
    for prop in sorted(set(graph.subjects(RDF.type, OWL.DatatypeProperty))):
        if isinstance(prop, URIRef) and str(prop).startswith(ns):
            definition: dict[str, str] = {"@id": compact(str(prop))}
            ranges = [r for r in graph.objects(prop, RDFS.range) if isinstance(r, URIRef)]
            # xsd:string is left out: a plain string literal is one, and matches a term without @type.
            if len(ranges) == 1 and str(ranges[0]).startswith(str(XSD)) and ranges[0] != XSD.string:
                definition["@type"] = compact(str(ranges[0]))
            terms.setdefault(str(prop)[len(ns):], definition)
    for name, (iri, kind) in _COMMON.items():
        terms.setdefault(name, {"@id": compact(iri), **({"@type": kind} if kind else {})})
    clash = set(terms) & set(names)
    if clash:
        raise ValueError(f"JSON-LD terms that are also prefixes: {', '.join(sorted(clash))}")
    return {**dict(sorted(names.items())), **dict(sorted(terms.items()))}


def document() -> bytes:
    """The context as a JSON-LD document ({"@context": ...}), to publish at a URL."""
    return (json.dumps({"@context": context()}, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
