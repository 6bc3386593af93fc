"""Publish the local store to a SPARQL server: every named graph, replaced whole, then checked.

The guarantees:
- Nothing changes locally: the local store is only read (the CLI opens it read-only).
- Each graph is replaced whole on the server (Graph Store Protocol PUT, or one SPARQL Update
  `DROP SILENT GRAPH` + `INSERT DATA`), so publishing twice leaves the server as publishing once,
  and a failed run can simply be run again.
- Requests that may succeed later (no connection, timeouts, 5xx) are retried with back-off
  (`kg.transport`); when the server cannot be reached or refuses the credentials, or keeps
  failing with 5xx, the remaining graphs are not attempted.
- Every graph sent is counted on the server afterwards (one query), so "sent" means "there".
- What only the letters together say (the derived graphs, one per meeting type and month) is
  the local store's to say: a derived graph the server holds and the local store no longer has
  (a month no meeting is in any more, or natokg 0.1's single `id:graph/derived`) is removed once
  everything went, or it would keep stating what the letters no longer say (with the check:
  both read the server). Letter graphs the local store does not have are left alone: they may
  have come from somewhere else.
- The report says, per graph, what went and what did not.

Graphs go in a fixed order: the reference and ontology graphs first (every letter points at
them), then the letters by IRI.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from kg import iris
from kg.errors import NatokgError, RemoteError
from kg.export import graph_lines
from kg.remote import SparqlEndpointStore
from kg.store import GraphStore
from kg.transport import redact

SENT, FAILED, NOT_SENT, MISMATCH = "sent", "failed", "not sent", "mismatch"


@dataclass
class GraphOutcome:
    graph: str
    triples: int
    status: str = NOT_SENT  # sent, failed, not sent, mismatch
    attempts: int = 0
    on_server: int | None = None  # triples counted on the server afterwards
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == SENT


@dataclass
class PublishReport:
    target: str
    method: str
    outcomes: list[GraphOutcome] = field(default_factory=list)
    check_error: str | None = None
    removed: list[str] = field(default_factory=list)  # stale derived graphs taken off the server
    removal_error: str | None = None

    @property
    def ok(self) -> bool:
        return (bool(self.outcomes) and all(o.ok for o in self.outcomes) and self.check_error is None
                and self.removal_error is None)

    @property
    def sent(self) -> list[GraphOutcome]:
        return [o for o in self.outcomes if o.ok]

    def summary(self) -> str:
        """One line per graph, then a total; for people (the CLI prints it)."""
        lines = [f"publishing to {self.target} ({_METHODS[self.method]})"]
        for o in self.outcomes:
            count = f"{o.triples} triples"
            if o.on_server is not None and o.on_server != o.triples:
                count += f", {o.on_server} on the server"
            tries = f", {o.attempts} attempts" if o.attempts > 1 else ""
            lines.append(f"  {o.status:<9} {o.graph} ({count}{tries})" + (f": {o.error}" if o.error else ""))
        lines += [f"  removed   {graph} (derived; the local store no longer has it)" for graph in self.removed]
        if self.removal_error:
            lines.append(f"  not removed: stale derived graphs: {self.removal_error}")
        if self.check_error:
            lines.append(f"  not checked: {self.check_error}")
        sent, total = len(self.sent), len(self.outcomes)
        triples = sum(o.triples for o in self.sent)
        verdict = "all published" if self.ok else "NOT all published; run again to finish"
        lines.append(f"{sent} of {total} graphs published ({triples} triples); {verdict}")
        return "\n".join(lines) + "\n"


_METHODS = {"gsp": "Graph Store Protocol PUT", "update": "SPARQL Update"}


def graph_order(graphs: list[str]) -> list[str]:
    """Reference and ontology graphs first, then the others by IRI."""
    first = [str(iris.reference_graph()), str(iris.ontology_graph())]
    return [g for g in first if g in graphs] + sorted(g for g in graphs if g not in first)


def local_graphs(store: GraphStore) -> dict[str, bytes]:
    """Every named graph of a store as sorted N-Triples (deterministic bytes)."""
    return {graph[1:-1].decode("utf-8"): b"".join(line + b"\n" for line in sorted(set(lines)))
            for graph, lines in graph_lines(store).items() if graph.startswith(b"<")}


def publish(local: GraphStore, remote: SparqlEndpointStore, *, graphs: list[str] | None = None,
            check: bool = True, progress: Callable[[GraphOutcome], None] | None = None) -> PublishReport:
    """Send the local store's named graphs (or the ones named) to `remote`; never raises for a
    graph that fails: the report says what went and what did not."""
    data = local_graphs(local)
    if graphs is not None:
        unknown = sorted(set(graphs) - set(data))
        if unknown:
            raise NatokgError(f"the local store has no graph {unknown[0]}")
    names = graph_order(list(graphs if graphs is not None else data))
    if not names:
        raise NatokgError("the local store is empty: ingest letters first with `natokg ingest`")
    report = PublishReport(target=redact(remote.write_target), method=remote.write_method)
    report.outcomes = [GraphOutcome(g, data[g].count(b"\n")) for g in names]
    stop: str | None = None
    for outcome in report.outcomes:
        if stop:
            outcome.error = stop
            continue
        try:
            outcome.attempts = remote.put_graph(outcome.graph, data[outcome.graph])
            outcome.status = SENT
        except RemoteError as error:
            outcome.status, outcome.attempts, outcome.error = FAILED, error.attempts, str(error)
            if error.kind in ("connection", "auth", "server"):
                stop = f"not attempted after the {error.kind} failure above"
        if progress:
            progress(outcome)
    if check and graphs is None and report.outcomes and all(o.ok for o in report.outcomes):
        _remove_stale_derived(remote, set(data), report)
    if check and report.sent:
        _check(remote, report)
    return report


def _remove_stale_derived(remote: SparqlEndpointStore, local: set[str], report: PublishReport) -> None:
    """Take off the server the derived graphs the local store does not have (see the module)."""
    try:
        for graph in remote.graphs():
            if iris.is_derived_graph(graph) and graph not in local:
                remote.remove_graph(graph)
                report.removed.append(graph)
    except NatokgError as error:
        report.removal_error = str(error)


def _check(remote: SparqlEndpointStore, report: PublishReport) -> None:
    """Count each sent graph's triples on the server; a different count is a mismatch."""
    try:
        sizes = remote.graph_sizes([o.graph for o in report.sent])
    except NatokgError as error:
        report.check_error = str(error)
        return
    for outcome in report.sent:
        outcome.on_server = sizes.get(outcome.graph, 0)
        if outcome.on_server != outcome.triples:
            outcome.status = MISMATCH
            outcome.error = f"the server holds {outcome.on_server} triples in this graph"
