"""The store interface (`kg.store.GraphStore`) over an rdflib Dataset.

For rdflib users and tests: an in-memory Dataset (rdflib's own SPARQL engine), or any Dataset
you hand it, such as `OxigraphStore.rdflib_dataset()` (oxrdflib passes queries on to Oxigraph).
Parameters are passed as `initBindings`, which both engines bind as values: rdflib pre-binds
them in the query context, oxrdflib turns them into Oxigraph substitutions. The query text is
never touched.

Writes are not transactional here (rdflib's memory store has no transactions and oxrdflib's
commit does nothing): use `kg.store.OxigraphStore` for a store that readers share.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping

import rdflib
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Identifier, URIRef

from kg.errors import QueryError
from kg.store import Row

_SERIALIZERS = {"nquads": "nquads", "trig": "trig"}


class RdflibStore:
    """A GraphStore over `dataset` (default: a new in-memory rdflib Dataset), queried as a union.

    >>> from rdflib import Graph, Literal, URIRef
    >>> store = RdflibStore()
    >>> store.replace_graph("http://example.org/g", Graph().add(
    ...     (URIRef("http://example.org/s"), URIRef("http://example.org/p"), Literal("o"))))
    >>> store.select("SELECT ?o WHERE { ?s ?p ?o }", {"o": Literal("o")})
    (['o'], [(rdflib.term.Literal('o'),)])
    """

    def __init__(self, dataset: rdflib.Dataset | None = None):
        self.dataset = dataset if dataset is not None else rdflib.Dataset(default_union=True)
        self.dataset.default_union = True

    def __enter__(self) -> RdflibStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def replace_graph(self, graph_iri: str, triples: rdflib.Graph) -> None:
        """Make the named graph hold exactly `triples` (not atomic: see the module docstring)."""
        self.remove_graph(graph_iri)
        graph = self.dataset.graph(URIRef(graph_iri))
        for triple in triples.triples((None, None, None)):
            graph.add(triple)

    def remove_graph(self, graph_iri: str) -> None:
        if URIRef(graph_iri) in {g.identifier for g in self.dataset.graphs()}:
            self.dataset.remove_graph(URIRef(graph_iri))

    def graphs(self) -> list[str]:
        default = rdflib.graph.DATASET_DEFAULT_GRAPH_ID
        return sorted(str(g.identifier) for g in self.dataset.graphs()
                      if isinstance(g.identifier, URIRef) and g.identifier != default and len(g))

    def select(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> tuple[list[str], list[Row]]:
        result = self._query(query, bindings)
        if result.type != "SELECT":
            raise QueryError("the query is not a SELECT query")
        names = [str(v) for v in result.vars]
        return names, [tuple(row) for row in result]

    def construct(self, query: str, bindings: Mapping[str, Identifier] | None = None) -> rdflib.Graph:
        result = self._query(query, bindings)
        if result.type not in ("CONSTRUCT", "DESCRIBE"):
            raise QueryError("the query is not a CONSTRUCT or DESCRIBE query")
        graph = rdflib.Graph()
        for triple in result.graph:
            graph.add(triple)
        return graph

    def dump(self, format: str = "nquads") -> bytes:
        if format not in _SERIALIZERS:
            raise ValueError(f"cannot dump as {format!r}; use one of {', '.join(_SERIALIZERS)}")
        return self.dataset.serialize(format=_SERIALIZERS[format], encoding="utf-8")

    def triple_count(self) -> int:
        return sum(len(g) for g in self.dataset.graphs())

    def close(self) -> None:
        """Nothing to release for an in-memory Dataset."""

    def _query(self, query: str, bindings: Mapping[str, Identifier] | None):
        try:
            if not _is_oxigraph(self.dataset):  # oxrdflib takes query text only, and parses fast
                query = _prepared(query)
            return self.dataset.query(query, initBindings=dict(bindings or {}))
        except QueryError:
            raise
        except Exception as error:  # rdflib raises pyparsing and plain exceptions for bad SPARQL
            raise QueryError(f"invalid SPARQL: {' '.join(str(error).split())}") from error


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    """rdflib parses a query text anew on every call, which is most of the time it takes."""
    return prepareQuery(text)


def _is_oxigraph(dataset: rdflib.Dataset) -> bool:
    return type(dataset.store).__module__.startswith("oxrdflib")
