"""Two writers wait for each other (or one is refused in one clear line); readers during an
ingest see each letter whole or not at all."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import CORPUS
from kg import pipeline
from kg.errors import StoreBusyError
from kg.lock import LOCK_FILE
from kg.store import open_store, to_ox
from kg.triples import letter_graph
from letter_variants import variants

SEED = CORPUS / "seed-2022-11-bucharest.txt"
DEFENCE = CORPUS / "dev-2023-02-defence-report.txt"


def natokg(store: Path, *args, wait: float | None = None) -> subprocess.Popen:
    options = [] if wait is None else ["--wait", str(wait)]
    return subprocess.Popen([sys.executable, "-m", "kg", "--store", str(store), *options, *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def finished(process: subprocess.Popen, timeout: float = 120) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=timeout)
    return process.returncode, stderr


def sources(store: Path) -> list[str]:
    with open_store(store, read_only=True) as opened:
        _, rows = opened.select("SELECT DISTINCT ?s WHERE { ?l <https://w3id.org/natokg/ontology#sourceFile> ?s }")
    return sorted(str(s) for (s,) in rows)


def test_a_second_writer_is_refused_in_one_line_naming_the_holder(tmp_path):
    store = tmp_path / "store"
    with open_store(store):
        code, stderr = finished(natokg(store, "ingest", "-j", "1", SEED, wait=0.5))
    assert code == 2
    [line] = stderr.splitlines()
    assert line.startswith(f"natokg: error: the store at {store} is being written by another natokg process (pid ")
    assert f"pid {os.getpid()}" in line and "waiting 0.5 s" in line and "--wait" in line


def test_a_second_writer_waits_for_the_first(tmp_path):
    store = tmp_path / "store"
    holder = open_store(store)
    waiting = natokg(store, "ingest", "-j", "1", SEED, wait=60)
    time.sleep(2)
    assert waiting.poll() is None  # still waiting for the lock
    holder.close()
    code, stderr = finished(waiting)
    assert code == 0, stderr
    assert sources(store) == [SEED.name]


def test_two_ingests_at_once_both_complete(tmp_path):
    store = tmp_path / "store"
    first = natokg(store, "ingest", "-j", "1", SEED, wait=120)
    second = natokg(store, "ingest", "-j", "1", DEFENCE, wait=120)
    assert finished(first)[0] == 0 and finished(second)[0] == 0
    assert sources(store) == sorted([SEED.name, DEFENCE.name])


def test_the_lock_goes_with_a_killed_writer(tmp_path):
    store = tmp_path / "store"
    letters = variants(tmp_path / "letters", 30)
    writer = natokg(store, "ingest", "-j", "1", tmp_path / "letters")
    deadline = time.monotonic() + 60
    while not (store / LOCK_FILE).exists() or not (store / LOCK_FILE).read_text():
        assert time.monotonic() < deadline and writer.poll() is None
        time.sleep(0.05)
    os.killpg(writer.pid, signal.SIGKILL)
    writer.wait()
    with open_store(store, wait=0):  # at once: the kernel released the lock with the process
        pass
    assert len(letters) == 30


def test_a_process_that_is_not_natokg_holding_the_store_is_named_too(tmp_path):
    store = tmp_path / "store"
    open_store(store).close()
    raw = ox.Store(str(store))  # e.g. `oxigraph serve --location store`: RocksDB's lock only
    try:
        started = time.monotonic()
        with pytest.raises(StoreBusyError, match="in use by another process") as refused:
            open_store(store, wait=0.5)
        assert time.monotonic() - started >= 0.5 and "\n" not in str(refused.value)
        assert not (store / LOCK_FILE).read_text()  # natokg's own lock was let go again
    finally:
        del raw


def _quads(store, graph: str) -> set[str]:
    return {f"{q.subject} {q.predicate} {q.object}"
            for q in store.quads(graph)}


WRITER = """
import sys, time
from pathlib import Path
from kg import pipeline
from kg.store import open_store
with open_store(sys.argv[1]) as store:
    for path in sorted(Path(sys.argv[2]).glob("*.txt")):
        outcome, graph = pipeline.prepare(path)
        store.replace_graph(outcome.graph, graph)  # one transaction, as `natokg ingest` writes
        time.sleep(0.1)
"""


def _expected(letters) -> dict[str, set[str]]:
    expected = {}
    for path in letters:
        iri, graph = letter_graph(pipeline.read(path))
        expected[str(iri)] = {" ".join(str(to_ox(t)) for t in triple) for triple in graph}
    return expected


def _read_while(writer: subprocess.Popen, store: Path, expected: dict[str, set[str]]) -> list[int]:
    """Open the store read-only again and again while `writer` runs; every letter seen is whole."""
    seen: list[int] = []
    while writer.poll() is None:
        with open_store(store, read_only=True) as reader:
            present = [g for g in reader.graphs() if g in expected]
            for graph in present:
                assert _quads(reader, graph) == expected[graph], graph
            seen.append(len(present))
    return seen


def test_readers_during_writes_see_each_letter_whole_or_not_at_all(tmp_path):
    store = tmp_path / "store"
    expected = _expected(variants(tmp_path / "letters", 24))
    open_store(store).close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store), str(tmp_path / "letters")],
                              stderr=subprocess.PIPE, text=True)
    seen = _read_while(writer, store, expected)
    assert finished(writer)[0] == 0
    assert any(0 < n < len(expected) for n in seen), seen  # the readers did look mid-way


def test_readers_during_an_ingest_see_each_letter_whole_or_not_at_all(tmp_path):
    store = tmp_path / "store"
    expected = _expected(variants(tmp_path / "letters", 24))
    open_store(store).close()
    writer = natokg(store, "ingest", "-j", "1", tmp_path / "letters")
    seen = _read_while(writer, store, expected)
    code, stderr = finished(writer)
    assert code == 0, stderr
    assert seen  # (how many letters each look found depends on how the ingest batches its writes)
    with open_store(store, read_only=True) as reader:
        assert {g for g in reader.graphs() if g in expected} == set(expected)
        for graph in expected:
            assert _quads(reader, graph) == expected[graph]
