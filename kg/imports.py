"""`natokg import FILE`: load a dataset dump (`natokg export --format trig`, or N-Quads) into a store.

The whole file is read and checked before anything is written:

- a syntax error names the file, line and column, and leaves the store unchanged;
- triples outside any named graph are refused (natokg keeps everything in named graphs, and
  silently dropping them would lose data);
- every letter graph (`id:graph/letter/…`) is checked against the shapes, like an ingested
  letter; if one is refused, nothing is written.

Then each named graph replaces the graph of the same name in one transaction, so a reader never
sees half a letter, even when the import is killed halfway; importing the file again completes
the job with the same result. Graphs the store holds and the file does not are left alone.
"""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg import iris
from kg.errors import ReadError
from kg.store import GraphStore, from_ox
from kg.validate import validate

FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
SUFFIXES = {".trig": "trig", ".nq": "nquads", ".nquads": "nquads"}


def format_of(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The format named, else the one the file name says (.trig, .nq, .nquads)."""
    if format is not None:
        if format not in FORMATS:
            raise ReadError(f"{path}: cannot import {format!r}; use one of {', '.join(FORMATS)}")
        return format
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ReadError(f"{path}: cannot tell the format from the name; name it .trig or .nq, "
                        f"or give --format {'|'.join(FORMATS)}")
    return SUFFIXES[suffix]


def read_dataset(path: str | os.PathLike[str], format: str | None = None) -> dict[str, rdflib.Graph]:
    """Every named graph in the file, by IRI; ReadError for a file that cannot be imported whole."""
    path = Path(path)
    fmt = format_of(path, format)
    if not path.is_file():
        raise ReadError(f"{path}: {'is not a file' if path.exists() else 'no such file'}")
    graphs: dict[str, rdflib.Graph] = {}
    outside = 0
    try:
        for quad in ox.parse(path=str(path), format=FORMATS[fmt]):
            if isinstance(quad.graph_name, ox.NamedNode):
                graph = graphs.setdefault(quad.graph_name.value, rdflib.Graph())
                graph.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
            else:
                outside += 1
    except SyntaxError as error:
        raise ReadError(f"{path}: is not valid {fmt}: {' '.join(str(error).split())}") from None
    except (OSError, ValueError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise ReadError(f"{path}: cannot be read ({' '.join(str(reason).split())})") from None
    if outside:
        raise ReadError(f"{path}: holds {outside} triple{'s' if outside != 1 else ''} outside any named graph; "
                        "natokg keeps every triple in a named graph (export with --format trig)")
    if not graphs:
        raise ReadError(f"{path}: holds no named graphs")
    return graphs


def is_letter_graph(graph_iri: str) -> bool:
    return graph_iri.startswith(str(iris.letter_graph("x"))[:-1])


def checked_dataset(path: str | os.PathLike[str], format: str | None = None) -> dict[str, rdflib.Graph]:
    """`read_dataset`, then every letter graph through the shapes (ValidationError names it)."""
    graphs = read_dataset(path, format)
    for graph_iri in sorted(graphs):
        if is_letter_graph(graph_iri):
            validate(graphs[graph_iri], f"{Path(path).name} <{graph_iri}>")
    return graphs


def store_dataset(graphs: dict[str, rdflib.Graph], store: GraphStore) -> list[str]:
    """Replace each graph, one transaction per graph; returns their IRIs, sorted."""
    for graph_iri in sorted(graphs):
        store.replace_graph(graph_iri, graphs[graph_iri])
    return sorted(graphs)


def import_file(path: str | os.PathLike[str], store: GraphStore, format: str | None = None) -> list[str]:
    """Read and check the whole file, then store every named graph of it; returns their IRIs."""
    return store_dataset(checked_dataset(path, format), store)
