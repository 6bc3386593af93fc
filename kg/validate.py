"""Check one letter's graph against shapes/natokg.shapes.ttl before it is stored.

The letter graph is validated together with the ontology (class hierarchy, code-list
individuals) and the reference nodes it points at (countries, cities), so the shapes can tell
a real country from a typo. Only the reference nodes within two links of the letter are added,
not all ~700: the result is the same (no shape looks further) and validation stays fast. No
inference is run; shapes and context are parsed once per process.

The engine is pyshacl-turbo (a Rust SHACL engine with pySHACL's API and report graph) when it
is installed, else pySHACL; `NATOKG_SHACL=pyshacl` (or `turbo`) chooses. Both give the same
problems on every shape test case (tests/test_validate_batch.py); turbo is three to four times
faster on letters (bench/README.md). Many letters at once go through `validate_many`.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Sequence

import pyoxigraph as ox
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from kg import iris
from kg.errors import ValidationError
from kg.namespaces import NK
from kg.reference import reference_graph
from kg.store import to_ox
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
    context = _DataGraph()
    context += data
    return _add_context(context)


def _add_context(context: Graph) -> Graph:
    """`with_context` in place: add the ontology and the reference nodes `context` reaches."""
    reference = reference_graph()
    frontier = {o for o in context.objects() if isinstance(o, URIRef)}
    context += ontology_graph()
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
    return sorted(_evaluate(list(data)), key=_order)


def _order(p: Problem) -> tuple:
    # Shape and component too: two constraints of one property can fail on the same value.
    return str(p.focus), str(p.path), p.message, str(p.value), str(p.shape), str(p.component)


def engine() -> str:
    """The SHACL engine validation uses: "turbo" (pyshacl-turbo) or "pyshacl"."""
    chosen = os.environ.get("NATOKG_SHACL", "").strip().lower()
    if chosen in ("pyshacl", "turbo"):
        return chosen
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        return "pyshacl"
    return "turbo"


def shacl_validate(data, **kwargs):
    """pySHACL's `validate` (conforms, report graph, report text), by the engine `engine()`
    names; pyshacl-turbo runs the shapes compiled once per process."""
    if engine() == "turbo":
        return _compiled_shapes().validate(data, allow_warnings=kwargs.get("allow_warnings", False))
    from pyshacl import validate as run

    return run(data, **kwargs)


@lru_cache(maxsize=1)
def _compiled_shapes():
    from pyshacl_turbo import compile_shapes

    return compile_shapes(shapes_graph(), advanced=False)


def _evaluate(triples: list) -> list[Problem]:
    """The problems of `triples` (one or more letters), with the ontology and reference nodes
    they reach, in the form each engine reads fastest: an rdflib graph for pySHACL, an
    in-memory pyoxigraph store for pyshacl-turbo (which then reads no Python objects)."""
    if engine() != "turbo":
        context = _DataGraph()
        for triple in triples:
            context.add(triple)
        return _problems_of(_add_context(context))
    store = ox.Store()
    # A batch repeats its predicates, classes, codes and reference nodes letter after letter:
    # each distinct term is converted once.
    converted: dict = {}

    def term(node):
        found = converted.get(node)
        if found is None:
            found = converted[node] = to_ox(node)
        return found

    store.extend([ox.Quad(term(s), term(p), term(o)) for s, p, o in triples])
    store.extend(_ontology_quads())
    objects = {o for _, _, o in triples if isinstance(o, URIRef)}
    store.extend([quad for node in _reachable(frozenset(objects)) for quad in _reference_quads(node)])
    return _problems_of(store)


@lru_cache(maxsize=1)
def _ontology_quads() -> list:
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in ontology_graph()]


@lru_cache(maxsize=4096)
def _reference_quads(node: URIRef) -> list:
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in reference_graph().triples((node, None, None))]


def _reachable(objects: frozenset) -> set:
    """The reference nodes within _HOPS links of `objects`, as `_add_context` follows them."""
    reference = reference_graph()
    frontier, seen = set(objects), set()
    for _ in range(_HOPS):
        nxt = set()
        for node in frontier - seen:
            for _, p, o in reference.triples((node, None, None)):
                if isinstance(o, URIRef) and p != RDF.type:
                    nxt.add(o)
        seen |= frontier
        frontier = nxt
    return seen


def _problems_of(context) -> list[Problem]:
    _, report, _ = shacl_validate(
        context, shacl_graph=shapes_graph(), inference="none", advanced=False,
        allow_warnings=False, inplace=True,
    )
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        found.append(Problem(
            focus=report.value(result, SH.focusNode),
            path=report.value(result, SH.resultPath),
            message="; ".join(messages) or "does not conform",
            value=_plain(report.value(result, SH.value)),
            shape=report.value(result, SH.sourceShape),
            component=report.value(result, SH.sourceConstraintComponent),
            constraint=report.value(result, SH.sourceConstraint),
        ))
    return found


def _plain(node):
    # A report read from a pyoxigraph store writes "x" as "x"^^xsd:string; rdflib's "x" is the same.
    if isinstance(node, Literal) and node.datatype is not None and str(node.datatype) == _XSD_STRING:
        return Literal(str(node))
    return node


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


# Letters per engine call in `validate_many`. A call costs much by itself (the engine checks the
# ontology's code lists and the reference nodes the letters point at, and pySHACL reads the
# shapes) and little per extra letter, so a batch shares that cost: with pyshacl-turbo a letter
# costs ~10 ms alone and ~5.5 ms in a batch of 25, with pySHACL ~90 and ~45 ms (bench/README.md).
BATCH = 25
_MARK = "~natokg-batch-"  # appended to a letter's own IRIs in a batch, to keep the letters apart
_MARKED = re.compile(re.escape(_MARK) + r"(\d+)")


@lru_cache(maxsize=1)
def _shared_subjects() -> frozenset:
    """The nodes every letter shares: what the reference and ontology graphs state things about."""
    return frozenset(reference_graph().subjects()) | frozenset(ontology_graph().subjects())


def problems_many(graphs: Sequence[Graph]) -> list[list[Problem]]:
    """`problems(graph)` for each graph, from one engine call over all of them.

    The graphs are checked as one disjoint union: every IRI a graph states something about gets
    a mark naming that graph appended, so two letters about one meeting (the same IRIs) do not
    see each other's triples, and each violation's focus node names its letter; the marks are
    taken off again in the problems. Reference and ontology nodes are shared, as in `problems`,
    and only once in the batch. A graph that states something about such a shared node is
    checked on its own, and so is every graph of a batch in which a shared node fails.
    tests/test_validate_batch.py holds this to `problems`, case by case.
    """
    if len(graphs) < 2:
        return [problems(g) for g in graphs]
    shared = _shared_subjects()
    union: list = []
    alone: list[int] = []
    owners: dict[Node, int] = {}  # blank nodes keep their identity: whose are they
    for index, graph in enumerate(graphs):
        triples = list(graph)
        own = {s for s, _, _ in triples}
        if own & shared:
            alone.append(index)
            continue
        mark = f"{_MARK}{index}"
        renamed = {s: URIRef(f"{s}{mark}") for s in own if isinstance(s, URIRef)}
        owners.update((s, index) for s in own if not isinstance(s, URIRef))
        union += [(renamed.get(s, s), p, renamed.get(o, o)) for s, p, o in triples]
    found: list[list[Problem]] = [[] for _ in graphs]
    if union:
        for problem in _evaluate(union):
            owner, restored = _unmarked(problem, owners)
            if owner is None:
                # A shared node fails (a letter points a property at a country where a meeting
                # belongs, or the reference data is broken): whose fault that is only checking
                # each letter on its own can tell, so that is what happens, for this batch.
                return [problems(g) for g in graphs]
            found[owner].append(restored)
    for index in alone:
        found[index] = problems(graphs[index])
    return [sorted(f, key=_order) for f in found]


def _unmarked(problem: Problem, owners: dict[Node, int]) -> tuple[int | None, Problem]:
    """The problem as the letter's own graph gives it, and that letter's index in the batch."""
    owner = owners.get(problem.focus)
    match = _MARKED.search(str(problem.focus)) if isinstance(problem.focus, URIRef) else None
    if match:
        owner = int(match.group(1))

    def plain(node):
        if isinstance(node, URIRef) and _MARK in node:
            return URIRef(_MARKED.sub("", str(node)))
        return node

    return owner, problem._replace(focus=plain(problem.focus), value=plain(problem.value),
                                   message=_MARKED.sub("", problem.message))


def validate_many(graphs: Sequence[Graph], sources: Sequence[str]) -> list[ValidationError | None]:
    """`validate` for many letter graphs in one engine call (see `problems_many`): for each
    graph, in order, None when it conforms, else the ValidationError `validate` would raise."""
    return [_refusal(found, graph, source) for found, graph, source in zip(problems_many(graphs), graphs, sources)]


def validate(letter_graph: Graph, source: str) -> None:
    """Raise ValidationError naming `source` and the first problem when the graph breaks the shapes.

    The error's `report` lists every violation, one "focus node — path — message" per line.
    """
    error = _refusal(problems(letter_graph), letter_graph, source)
    if error is not None:
        raise error


def _refusal(found: list[Problem], letter_graph: Graph, source: str) -> ValidationError | None:
    if not found:
        return None
    lines = [p.line(letter_graph) for p in found]
    count = f"{len(found)} problem{'s' if len(found) != 1 else ''}"
    return ValidationError(
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
