"""Check one letter's graph against shapes/natokg.shapes.ttl before it is stored.

The letter graph is validated together with the ontology (class hierarchy, code-list
individuals) and the reference nodes it points at (countries, cities), so the shapes can tell
a real country from a typo. Only the reference nodes within two links of the letter are added,
not all ~700: the result is the same (no shape looks further) and validation stays fast. No
inference is run; shapes and context are parsed once per process.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg import iris
from kg.errors import ValidationError
from kg.namespaces import NK
from kg.reference import reference_graph
from kg.triples import ontology_graph

SHAPES = Path(__file__).resolve().parent.parent / "shapes" / "natokg.shapes.ttl"
SH = Namespace("http://www.w3.org/ns/shacl#")
_HOPS = 2  # letter -> city -> country is the longest path a shape follows into the reference


class Problem(NamedTuple):
    """One violation, in the terms of the shapes file."""

    focus: Node
    path: Node | None
    message: str
    value: Node | None
    shape: Node  # the property shape or node shape that failed
    component: Node  # e.g. sh:MinCountConstraintComponent
    constraint: Node | None  # the SPARQL constraint, when that is what failed

    def line(self, graph: Graph) -> str:
        """'focus node — path — message', with IRIs shortened to prefixed names."""
        path = _short(graph, self.path) if self.path is not None else "(the node itself)"
        message = self.message
        if self.value is not None and str(self.value) not in message:
            message += f" (found: {_short(graph, self.value)})"
        return f"{_short(graph, self.focus)} — {path} — {message}"


class _DataGraph(Graph):
    """A Graph that parses each SPARQL text once.

    pySHACL sends the same SHACL-SPARQL text for every focus node (binding $this separately), and
    rdflib would parse it anew each time: that parsing was 80% of a letter's validation time.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@lru_cache(maxsize=64)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def with_context(data: Graph) -> Graph:
    """What validation sees: `data`, the ontology, and the reference triples about nodes
    reachable from `data` (countries, the EU, cities and their countries)."""
    reference = reference_graph()
    context = _DataGraph()
    context += data
    context += ontology_graph()
    frontier = {o for o in data.objects() if isinstance(o, URIRef)}
    seen: set[URIRef] = set()
    for _ in range(_HOPS):
        nxt: set[URIRef] = set()
        for node in frontier - seen:
            for triple in reference.triples((node, None, None)):
                context.add(triple)
                if isinstance(triple[2], URIRef) and triple[1] != RDF.type:
                    nxt.add(triple[2])
        seen |= frontier
        frontier = nxt
    return context


def problems(data: Graph) -> list[Problem]:
    """Every violation in `data` (a letter graph), sorted; empty when it conforms."""
    _, report, _ = shacl_validate(
        with_context(data), shacl_graph=shapes_graph(), inference="none", advanced=False,
        allow_warnings=False, inplace=True,
    )
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        found.append(Problem(
            focus=report.value(result, SH.focusNode),
            path=report.value(result, SH.resultPath),
            message="; ".join(messages) or "does not conform",
            value=report.value(result, SH.value),
            shape=report.value(result, SH.sourceShape),
            component=report.value(result, SH.sourceConstraintComponent),
            constraint=report.value(result, SH.sourceConstraint),
        ))
    return sorted(found, key=lambda p: (str(p.focus), str(p.path), p.message, str(p.value)))


def validate(letter_graph: Graph, source: str) -> None:
    """Raise ValidationError naming `source` and the first problem when the graph breaks the shapes.

    The error's `report` lists every violation, one "focus node — path — message" per line.
    """
    found = problems(letter_graph)
    if not found:
        return
    lines = [p.line(letter_graph) for p in found]
    count = f"{len(found)} problem{'s' if len(found) != 1 else ''}"
    raise ValidationError(
        f"{source}: refused, {count} against the shapes; first: {lines[0]}",
        report="\n".join(lines),
    )


def _short(graph: Graph, node: Node) -> str:
    if isinstance(node, Literal):
        return repr(str(node)) if node.language is None else f"{str(node)!r}@{node.language}"
    text = str(node)
    base = iris.data_base()
    if text.startswith(base):
        return "id:" + text[len(base):]
    if text.startswith(str(NK._NS)):
        return "nk:" + text[len(str(NK._NS)):]
    return node.n3(graph.namespace_manager)
