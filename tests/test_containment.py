"""Whatever one file raises, at whichever stage, refuses that file alone: one line that names it
and the stage, and every other letter of the batch stored as if it had been alone.

Failures are injected into each stage for one file of a batch (in the process that ingests), and
a real file that breaks the reader (HTML nested thousands deep: RecursionError) goes through the
worker processes.
"""
from __future__ import annotations

import pytest

from conftest import CORPUS
from kg import pipeline
from kg.store import OxigraphStore

LETTERS = [CORPUS / "seed-2022-11-bucharest.txt", CORPUS / "dev-2023-04-brussels-agenda.txt",
           CORPUS / "dev-2023-07-vilnius-summit.txt"]
VICTIM = LETTERS[1].name


def _name(argument) -> str:
    """The file a stage's argument is about: a path, a text, or facts."""
    if hasattr(argument, "letter"):
        return argument.letter.source
    return getattr(argument, "source", None) or str(argument)


def _failing(real, error):
    def wrapped(argument, *args, **kwargs):
        if _name(argument).endswith(VICTIM):
            raise error
        return real(argument, *args, **kwargs)
    return wrapped


@pytest.mark.parametrize("stage, target, error", [
    ("reading", "read_letter", OSError("disk on fire")),
    ("extracting", "extract", RecursionError("maximum recursion depth exceeded")),
    ("mapping", "letter_graph", KeyError("a key nobody expected")),
    ("extracting", "extract", MemoryError()),
])
def test_a_failure_at_any_stage_refuses_that_file_alone(monkeypatch, stage, target, error):
    monkeypatch.setattr(pipeline, target, _failing(getattr(pipeline, target), error))
    with OxigraphStore() as store:
        outcomes = pipeline.ingest_paths(LETTERS, store, jobs=1)
        refused = [o for o in outcomes if not o.ingested]
        assert [o.path.name for o in refused] == [VICTIM]
        message = str(refused[0].error)
        assert message.startswith(str(LETTERS[1])) or message.startswith(VICTIM)
        assert f"failed while {stage}: {type(error).__name__}" in message and "\n" not in message
        assert sorted(o.path.name for o in outcomes if o.ingested) == sorted(p.name for p in LETTERS if p.name != VICTIM)


def test_a_validator_failing_on_a_batch_refuses_only_the_letter_it_fails_on(monkeypatch):
    real = pipeline.validate_many

    def failing(graphs, names):
        if VICTIM in names:
            raise ValueError("the engine choked")
        return real(graphs, names)

    monkeypatch.setattr(pipeline, "validate_many", failing)
    with OxigraphStore() as store:
        outcomes = pipeline.ingest_paths(LETTERS, store, jobs=1)
        assert [o.path.name for o in outcomes if not o.ingested] == [VICTIM]
        assert "failed while validating: ValueError: the engine choked" in str(
            next(o.error for o in outcomes if not o.ingested))
        assert sum(o.ingested for o in outcomes) == 2


def test_a_file_that_breaks_the_reader_in_a_worker_costs_only_that_file(tmp_path):
    bomb = tmp_path / "nested.html"
    bomb.write_text("<html><body>" + "<div>" * 5000 + "NAVO" + "</div>" * 5000 + "</body></html>", "utf-8")
    with OxigraphStore() as store:
        outcomes = pipeline.ingest_paths([bomb, *LETTERS], store, jobs=2)
        by_name = {o.path.name: o for o in outcomes}
        assert not by_name["nested.html"].ingested
        assert "nested.html: refused, it failed while reading: RecursionError" in str(by_name["nested.html"].error)
        assert all(by_name[p.name].ingested for p in LETTERS)
