"""Export the whole store as an RDF file that is the same, byte for byte, for the same data.

Quads are read once from the store as N-Quads and sorted. Turtle, TriG and N-Triples are
written here (pyoxigraph's Turtle writer escapes the "/" of every `id:` name and chooses its
own prefix order); JSON-LD comes from rdflib and is re-sorted. Sorted output diffs well.
"""
from __future__ import annotations

import itertools
import json
import os
import re
from typing import BinaryIO

import pyoxigraph as ox
import rdflib

from kg.store import GraphStore, from_ox

FORMATS = ("turtle", "trig", "nt", "jsonld")


def prefixes() -> dict[str, str]:
    """The prefixes of docs/model.md, honouring the configurable ontology and data bases."""
    return {
        "nk": os.environ.get("NATOKG_ONTOLOGY_BASE", "https://w3id.org/natokg/ontology#"),
        "id": os.environ.get("NATOKG_DATA_BASE", "https://w3id.org/natokg/id/"),
        "schema": "https://schema.org/",
        "eli": "http://data.europa.eu/eli/ontology#",
        "eli-dl": "http://data.europa.eu/eli/eli-draft-legislation-ontology#",
        "prov": "http://www.w3.org/ns/prov#",
        "oa": "http://www.w3.org/ns/oa#",
        "opengov": "http://www.w3.org/ns/opengov#",
        "dcterms": "http://purl.org/dc/terms/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "org": "http://www.w3.org/ns/org#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
# Local names that need no escaping in Turtle; anything else is written as a full <IRI>.
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
# Literals Turtle may write bare, when the lexical form is Turtle's own syntax for them.
_BARE = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "boolean": re.compile(r"true|false"),
}


def export(store: GraphStore, format: str, destination: str | os.PathLike[str] | BinaryIO | None = None,
           *, context_url: str | None = None) -> bytes | None:
    """Write the store as `format` (one of FORMATS) to a path or binary stream; return bytes if none.

    turtle, nt and jsonld hold the union of all graphs (a triple stated by two letters is
    written once); trig keeps each letter's named graph. JSON-LD is compacted with natokg's
    context (kg.context), embedded, or referred to by `context_url` where it is published.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    quads = list(ox.parse(store.dump("nquads"), format=ox.RdfFormat.N_QUADS))
    if format == "trig":
        data = _trig(quads)
    else:
        triples = sorted({q.triple for q in quads}, key=_triple_key)
        data = _jsonld(triples, context_url) if format == "jsonld" else {"turtle": _turtle, "nt": _ntriples}[format](triples)
    if destination is None:
        return data
    if isinstance(destination, (str, os.PathLike)):
        with open(destination, "wb") as out:
            out.write(data)
    else:
        destination.write(data)
    return None


def _triple_key(triple: ox.Triple) -> tuple:
    # Subjects together, rdf:type first within a subject (it is written as `a`).
    return str(triple.subject), triple.predicate.value != RDF_TYPE, str(triple.predicate), str(triple.object)


def _ntriples(triples: list[ox.Triple]) -> bytes:
    return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples).encode("utf-8")


class _Writer:
    """Turtle terms with the model's prefixes; remembers which prefixes it used."""

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        # Longest namespace first, so a prefix never shadows a more specific one.
        self.namespaces = sorted({**prefixes(), **(extra or {})}.items(), key=lambda item: -len(item[1]))
        self.used: dict[str, str] = {}

    def iri(self, iri: str) -> str:
        for name, ns in self.namespaces:
            if iri.startswith(ns) and (iri == ns or _LOCAL.fullmatch(iri[len(ns):])):
                self.used[name] = ns
                return f"{name}:{iri[len(ns):]}"
        return f"<{iri}>"

    def term(self, term) -> str:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Literal):
            quoted = str(ox.Literal(term.value))  # pyoxigraph's escaping of the lexical form
            if term.language:
                return f"{quoted}@{term.language}"
            datatype = term.datatype.value
            if datatype == XSD + "string":
                return quoted
            if datatype in _BARE and _BARE[datatype].fullmatch(term.value):
                return term.value
            return f"{quoted}^^{self.iri(datatype)}"
        return str(term)  # blank node: _:label

    def block(self, triples: list[ox.Triple], indent: str = "") -> list[str]:
        """One `subject p o ; p o , o .` statement per subject, a blank line between subjects."""
        out: list[str] = []
        for subject, group in itertools.groupby(triples, key=lambda t: t.subject):
            parts = []
            for predicate, objects in itertools.groupby(group, key=lambda t: t.predicate):
                verb = "a" if predicate.value == RDF_TYPE else self.iri(predicate.value)
                parts.append(f"{verb} " + " , ".join(self.term(t.object) for t in objects))
            out.append(f"{indent}{self.term(subject)} " + f" ;\n{indent}    ".join(parts) + " .\n")
        return out

    def document(self, body: list[str]) -> bytes:
        header = "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in sorted(self.used.items()))
        return (header + "\n" + "\n".join(body)).encode("utf-8")


def _turtle(triples: list[ox.Triple]) -> bytes:
    writer = _Writer()
    return writer.document(writer.block(triples))


def turtle(triples, extra_prefixes: dict[str, str] | None = None) -> bytes:
    """Any pyoxigraph triples as export's deterministic Turtle, with the model's prefixes and
    `extra_prefixes` (used by kg.describe for DCAT and VoID)."""
    writer = _Writer(extra_prefixes)
    return writer.document(writer.block(sorted(set(triples), key=_triple_key)))


def _trig(quads: list[ox.Quad]) -> bytes:
    def graph_key(quad: ox.Quad) -> str:
        return "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)

    writer = _Writer()
    body: list[str] = []
    ordered = sorted(quads, key=lambda q: (graph_key(q), *_triple_key(q.triple)))
    for graph, group in itertools.groupby(ordered, key=lambda q: q.graph_name):
        triples = [q.triple for q in group]
        if isinstance(graph, ox.DefaultGraph):
            body += writer.block(triples)
        else:
            body.append(f"{writer.term(graph)} {{\n" + "\n".join(writer.block(triples, "    ")) + "}\n")
    return writer.document(body)


def _jsonld(triples: list[ox.Triple], context_url: str | None = None) -> bytes:
    from kg.context import context as natokg_context  # late: kg.context reads prefixes() from here

    graph = rdflib.Graph()
    for triple in triples:
        graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
    # One context for every export (terms from the ontology, the model's prefixes), so the
    # context can be published once and referred to.
    context = natokg_context()
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    # rdflib's node and value order follows its internal sets; sort so the bytes are stable.
    document = _sorted_json(json.loads(text))
    if context_url:
        document["@context"] = context_url
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _sorted_json(node):
    if isinstance(node, dict):
        # "@list" keeps its order; it is the one place JSON-LD arrays are ordered.
        return {k: (v if k == "@list" else _sorted_json(v)) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_json(item) for item in node]
        return sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
    return node
