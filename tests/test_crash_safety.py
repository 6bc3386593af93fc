"""Crash safety: `natokg ingest` killed with SIGKILL at random moments leaves a store that opens,
in which every letter is whole (its graph passes the shapes and is exactly the graph a clean
ingest of that letter gives), and running the ingest again completes the job.

The seed of the random moments is printed; set NATOKG_CRASH_SEED to replay a run.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg import iris, pipeline
from kg.derive import derive
from kg.reference import reference_graph
from kg.store import from_ox, open_store, to_ox
from kg.triples import derived_graphs, letter_graph, ontology_graph
from kg.validate import validate
from letter_variants import variants

COUNT = 200  # letters
KILLS = 3  # killed runs before the one that is let finish

pytestmark = pytest.mark.slow


def ntriples(graph: rdflib.Graph) -> set[str]:
    return {" ".join(str(to_ox(t)) for t in triple) for triple in graph}


def stored(store, graph_iri: str) -> set[str]:
    return {f"{q.subject} {q.predicate} {q.object}"
            for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))}


def as_graph(store, graph_iri: str) -> rdflib.Graph:
    graph = rdflib.Graph()
    for q in store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)):
        graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    return graph


def ingest(store: Path, folder: Path) -> subprocess.Popen:
    """The real command, with its worker processes, in a process group of its own."""
    return subprocess.Popen([sys.executable, "-m", "kg", "--store", str(store), "ingest", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def test_killed_ingests_leave_whole_letters_and_running_again_completes(tmp_path):
    seed = int(os.environ.get("NATOKG_CRASH_SEED") or time.time_ns() % 1_000_000)
    print(f"NATOKG_CRASH_SEED={seed}")
    rng = random.Random(seed)
    folder = tmp_path / "letters"
    letters = variants(folder, COUNT)
    expected = {}
    for path in letters:
        graph_iri, graph = letter_graph(pipeline.read(path))
        expected[str(graph_iri)] = ntriples(graph)
    assert len(expected) == COUNT
    store = tmp_path / "store"
    validated: set[str] = set()
    counts = []
    for _ in range(KILLS):
        process = ingest(store, folder)
        try:
            process.wait(timeout=rng.uniform(1.5, 15.0))
        except subprocess.TimeoutExpired:
            pass
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)  # the command and its workers, mid-write or not
        process.wait()
        # The store opens for writing at once (no stale lock), and every letter in it is whole.
        with open_store(store, wait=0) as opened:
            present = [g for g in opened.graphs() if g in expected]
            for graph_iri in present:
                assert stored(opened, graph_iri) == expected[graph_iri], graph_iri
            for graph_iri in rng.sample([g for g in present if g not in validated], k=min(
                    25, len([g for g in present if g not in validated]))):
                validate(as_graph(opened, graph_iri), graph_iri)
                validated.add(graph_iri)
            assert not {g for g in opened.graphs() if not iris.is_derived_graph(g)} - set(expected) - {
                str(iris.reference_graph()), str(iris.ontology_graph())}
        counts.append(len(present))
    print(f"letters stored when killed: {counts}")

    process = ingest(store, folder)
    _, stderr = process.communicate(timeout=900)
    assert process.returncode == 0, stderr.decode()[-2000:]
    with open_store(store, read_only=True) as opened:
        assert {g for g in opened.graphs() if g in expected} == set(expected)
        for graph_iri, triples in expected.items():
            assert stored(opened, graph_iri) == triples, graph_iri
        assert stored(opened, str(iris.reference_graph())) == ntriples(reference_graph())
        assert stored(opened, str(iris.ontology_graph())) == ntriples(ontology_graph())
        derived = derived_graphs(derive(opened))
        assert {g for g in opened.graphs() if iris.is_derived_graph(g)} == set(map(str, derived))
        for derived_iri, graph in derived.items():
            assert stored(opened, str(derived_iri)) == ntriples(graph)
