"""Export the whole store as an RDF file that is the same, byte for byte, for the same data.

The store's N-Quads dump is read once and kept as lines of text: parsing millions of quads
into term objects and printing them again for sort keys cost more than reading the store.
Sorted as bytes, the lines are the N-Triples export; Turtle and TriG are written here from the
same lines (pyoxigraph's Turtle writer escapes the "/" of every `id:` name and chooses its own
prefix order); JSON-LD comes from rdflib and is re-sorted. Sorted output diffs well.
"""
from __future__ import annotations

import itertools
import json
import os
import re
from collections.abc import Iterable
from operator import itemgetter
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
_TYPE = f"<{RDF_TYPE}>".encode()
# Local names that need no escaping in Turtle; anything else is written as a full <IRI>.
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
# Literals Turtle may write bare, when the lexical form is Turtle's own syntax for them; keyed
# by the datatype as N-Triples writes it.
_BARE = {
    f"<{XSD}integer>".encode(): re.compile(rb"[+-]?[0-9]+"),
    f"<{XSD}decimal>".encode(): re.compile(rb"[+-]?[0-9]*\.[0-9]+"),
    f"<{XSD}boolean>".encode(): re.compile(rb"true|false"),
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
    if format == "trig":
        data = _trig(graph_lines(store))
    else:
        triples = _distinct_triples(store)
        if format == "nt":
            data = b"\n".join([*triples, b""])
        elif format == "turtle":
            writer = _Writer()
            data = writer.document(writer.statements(triples))
        else:
            data = _jsonld(ox.parse(b"\n".join(triples), format=ox.RdfFormat.N_TRIPLES), context_url)
    if destination is None:
        return data
    if isinstance(destination, (str, os.PathLike)):
        with open(destination, "wb") as out:
            out.write(data)
    else:
        destination.write(data)
    return None


def _quad_lines(store: GraphStore) -> list[bytes]:
    # Both stores (kg.store, kg.remote) write their dump with Oxigraph, whose N-Quads put one
    # space between terms and escape every control character, so a line is one quad.
    return store.dump("nquads").splitlines()


def _distinct_triples(store: GraphStore) -> list[bytes]:
    """The union of the graphs as sorted N-Triples lines (no newline).

    Sorted as bytes, a subject's lines come together, and within them a predicate's: subjects
    and predicates hold no space, so `subject predicate ` starts each of their lines.
    """
    return sorted(set(map(itemgetter(0), map(_split_graph, _quad_lines(store)))))


def graph_lines(store: GraphStore) -> dict[bytes, list[bytes]]:
    """Each graph's N-Triples lines (no newline, unsorted) by its term: `<iri>`, `_:label`, or
    b"" for the default graph."""
    graphs: dict[bytes, list[bytes]] = {}
    # Oxigraph dumps a graph's quads together; grouping runs saves a dict look-up per quad.
    for graph, run in itertools.groupby(map(_split_graph, _quad_lines(store)), key=itemgetter(1)):
        graphs.setdefault(graph, []).extend(map(itemgetter(0), run))
    return graphs


def _split_graph(line: bytes) -> tuple[bytes, bytes]:
    """An N-Quads line as its N-Triples line and its graph term (b"" for the default graph)."""
    space = line.rfind(b" ", 0, -2)
    last = line[space + 1:-2]
    # A graph term is an IRI or a blank node: no space, no quote. Without one, the last token
    # ends the object: a literal's holds its closing quote, a triple term's is `)>>`, and an
    # IRI or blank node object leaves only the subject and predicate before it.
    if b'"' in last or last.startswith(b")") or line.count(b" ", 0, space) < 2:
        return line, b""
    return line[:space] + b" .", last


class _Writer:
    """Turtle from N-Triples terms, with the model's prefixes; remembers which prefixes it used."""

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        # Longest namespace first, so a prefix never shadows a more specific one.
        self.namespaces = sorted({**prefixes(), **(extra or {})}.items(), key=lambda item: -len(item[1]))
        self.used: dict[str, str] = {}
        # The same IRIs come back on line after line; each is shortened once.
        self.iris: dict[bytes, bytes] = {}

    def iri(self, iri: str) -> str:
        for name, ns in self.namespaces:
            if iri.startswith(ns) and (iri == ns or _LOCAL.fullmatch(iri[len(ns):])):
                self.used[name] = ns
                return f"{name}:{iri[len(ns):]}"
        return f"<{iri}>"

    def iri_term(self, term: bytes) -> bytes:
        """`<iri>` as a prefixed name where one fits."""
        found = self.iris.get(term)
        if found is None:
            found = self.iris[term] = self.iri(term[1:-1].decode("utf-8")).encode("utf-8")
        return found

    def term(self, term: bytes) -> bytes:
        if term.startswith(b'"'):
            return self.literal(term)
        if term.startswith(b"<") and not term.startswith(b"<<"):
            return self.iri_term(term)
        return term  # a blank node `_:label`, or a triple term `<<( s p o )>>`: Turtle as it is

    def literal(self, term: bytes) -> bytes:
        close = term.rindex(b'"')
        if close == len(term) - 1 or term[close + 1:close + 2] == b"@":
            return term  # xsd:string or a language tag: the N-Triples form is Turtle's
        datatype = term[close + 3:]  # after `^^`
        lexical = term[1:close]
        if datatype in _BARE and _BARE[datatype].fullmatch(lexical):
            return lexical
        return term[:close + 3] + self.iri_term(datatype)

    def statements(self, triples: list[bytes], indent: bytes = b"") -> list[bytes]:
        """From sorted N-Triples lines, one `subject a t ; p o , o .` statement per subject."""
        out: list[bytes] = []
        terms = (line[:-2].split(b" ", 2) for line in triples)
        for subject, group in itertools.groupby(terms, key=itemgetter(0)):
            parts: list[bytes] = []
            for predicate, triples_of_predicate in itertools.groupby(group, key=itemgetter(1)):
                objects = b" , ".join([self.term(value) for _, _, value in triples_of_predicate])
                if predicate == _TYPE:
                    parts.insert(0, b"a " + objects)  # what a subject is, before what it has
                else:
                    parts.append(self.iri_term(predicate) + b" " + objects)
            out.append(indent + self.term(subject) + b" " + (b" ;\n" + indent + b"    ").join(parts) + b" .\n")
        return out

    def document(self, body: list[bytes]) -> bytes:
        """The used prefixes, a blank line, and the statements a blank line apart."""
        header = "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in sorted(self.used.items()))
        return b"\n".join([header.encode("utf-8"), *body])


def turtle(triples, extra_prefixes: dict[str, str] | None = None) -> bytes:
    """Any pyoxigraph triples as export's deterministic Turtle, with the model's prefixes and
    `extra_prefixes` (used by kg.describe for DCAT and VoID)."""
    writer = _Writer(extra_prefixes)
    return writer.document(writer.statements(sorted({f"{triple} .".encode("utf-8") for triple in triples})))


def _trig(graphs: dict[bytes, list[bytes]]) -> bytes:
    writer = _Writer()
    body: list[bytes] = []
    for graph in sorted(graphs):  # b"", the default graph, first
        statements = writer.statements(sorted(graphs[graph]), b"    " if graph else b"")
        if graph:
            body.append(writer.term(graph) + b" {\n" + b"\n".join(statements) + b"}\n")
        else:
            body += statements
    return writer.document(body)


def _jsonld(triples: Iterable[ox.Quad], context_url: str | None = None) -> bytes:
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
