"""What the letters say together is derived again only for the months a run touches, and that
gives what deriving the whole store gives: whatever the order and size of the runs, after a
letter is read anew with its meeting in another month, and after a run killed before it derived."""
from __future__ import annotations

import random
from datetime import date

import pytest
from rdflib import URIRef

from conftest import CORPUS, LETTERS
from kg import iris, pipeline
from kg.derive import derive, meetings_in_months, months_of
from kg.store import OxigraphStore, ntriples
from kg.triples import derived_graphs

ALL = sorted(CORPUS.glob("*.txt")) + sorted(LETTERS.glob("*.txt"))
AGENDA = CORPUS / "dev-2023-04-brussels-agenda.txt"
REPORT = CORPUS / "dev-2023-04-brussels-report.txt"
APRIL = ("foreign-ministers", "2023-04")


def stored_derived(store) -> dict[str, set[str]]:
    return {g: _graph_lines(store, g) for g in store.graphs() if iris.is_derived_graph(g)}


def _graph_lines(store, graph_iri: str) -> set[str]:
    return {f"{q.subject} {q.predicate} {q.object} ." for q in store.quads(graph_iri)}


def whole_store_derived(store) -> dict[str, set[str]]:
    """What deriving the whole store gives, written as the store writes it."""
    with OxigraphStore() as scratch:
        for graph_iri, graph in derived_graphs(derive(store)).items():
            scratch.replace_graph(str(graph_iri), graph)
        return {g: _graph_lines(scratch, g) for g in scratch.graphs()}


@pytest.fixture
def derive_calls(monkeypatch):
    """The `months` each run's derive step was asked for (None: the whole store). These stores are
    small, and their letters name many meetings: reading a meeting is made free here, so that a
    few letters more are derived by their months, as they are in a large store."""
    calls = []

    def spy(store, months=None, meetings=None):
        calls.append(None if months is None else set(months))
        return derive(store, months, meetings)

    monkeypatch.setattr(pipeline, "derive", spy)
    monkeypatch.setattr(pipeline, "MEETING_COST", 0)
    return calls


def test_the_month_of_a_meeting_comes_from_its_iri():
    assert iris.meeting_month(iris.meeting("summit", date(2023, 7, 11), "Vilnius")) == ("summit", "2023-07")
    assert iris.meeting_month(iris.meeting("summit", "2022-06", None)) == ("summit", "2022-06")
    assert iris.meeting_month(iris.letter("dev-2023-04-brussels-report")) is None
    assert iris.derived_graph(*APRIL) == URIRef("https://w3id.org/natokg/id/graph/derived/foreign-ministers/2023-04")
    assert iris.is_derived_graph(str(iris.derived_graph(*APRIL))) and iris.is_derived_graph(iris.derived_graphs())
    assert not iris.is_derived_graph(iris.derived_graphs() + "-other")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_few_letters_at_a_time_give_what_deriving_the_whole_store_gives(seed, tmp_path, derive_calls):
    rng = random.Random(seed)
    letters = rng.sample(ALL, len(ALL))
    with OxigraphStore(tmp_path / "store") as store:
        pipeline.ingest_paths(letters[:8], store)
        assert derive_calls == [None]  # eight letters into an empty store: the whole store
        seen = []
        rest = letters[6:]
        while rest:
            size = rng.randint(1, 2)
            batch, rest = rest[:size], rest[size:]
            outcomes = pipeline.ingest_paths(batch, store)
            assert derive_calls[-1] == months_of(m for o in outcomes for m in o.meetings)
            assert stored_derived(store) == whole_store_derived(store), [p.name for p in batch]
            seen += [len(stored_derived(store))]
        assert max(seen) > 0
        together = store.dump("nquads")
    with OxigraphStore(tmp_path / "at-once") as at_once:
        pipeline.ingest_paths(ALL, at_once)
        assert set(at_once.dump("nquads").splitlines()) == set(together.splitlines())


def test_the_agenda_and_the_report_added_to_a_store_are_compared(tmp_path, derive_calls):
    others = [p for p in ALL if p not in (AGENDA, REPORT, LETTERS / "fmm-2023-04-letterhead-agenda.txt")]
    with OxigraphStore(tmp_path / "store") as store:
        pipeline.ingest_paths(others, store)
        assert str(iris.derived_graph(*APRIL)) not in store.graphs()
        outcomes = pipeline.ingest_paths([AGENDA, REPORT], store)
        # Their meeting's month, and the months of the meetings they mention (the last summit, the next).
        assert derive_calls[-1] == months_of(m for o in outcomes for m in o.meetings)
        assert {APRIL, ("summit", "2022-06"), ("summit", "2023-07")} <= derive_calls[-1]
        april = _graph_lines(store, str(iris.derived_graph(*APRIL)))
        assert any("session-2-title" in line for line in april), april
        assert stored_derived(store) == whole_store_derived(store)


def test_a_letter_read_anew_in_another_month_is_taken_out_of_its_old_month(tmp_path, derive_calls):
    others = [p for p in ALL if p != LETTERS / "fmm-2023-04-letterhead-agenda.txt"]
    moved = tmp_path / "moved" / REPORT.name  # the same file name: the same letter graph
    moved.parent.mkdir()
    text = REPORT.read_text("utf-8")
    for before, after in (("4 en 5 april 2023", "30 en 31 mei 2023"), ("4-5 APRIL 2023", "30-31 MEI 2023"),
                          ("Den Haag, 21 april 2023", "Den Haag, 9 juni 2023")):
        assert before in text
        text = text.replace(before, after)
    moved.write_text(text, "utf-8")
    assert pipeline.read(moved).meeting.start == date(2023, 5, 30)
    with OxigraphStore(tmp_path / "store") as store:
        pipeline.ingest_paths(others, store)
        assert str(iris.derived_graph(*APRIL)) in store.graphs()
        [outcome] = pipeline.ingest_paths([moved], store)
        assert outcome.ingested
        # The month it left is derived again (its agenda has no report now), and the month it went to.
        assert APRIL in derive_calls[-1] and ("foreign-ministers", "2023-05") in derive_calls[-1]
        assert str(iris.derived_graph(*APRIL)) not in store.graphs()
        assert stored_derived(store) == whole_store_derived(store)


def test_a_run_killed_before_it_derived_is_made_good_by_the_next(tmp_path, derive_calls):
    store_path = tmp_path / "store"
    marker = store_path / pipeline.DERIVE_PENDING
    present = []
    with OxigraphStore(store_path) as store:
        pipeline.ingest_paths(ALL[:-1], store, progress=lambda outcome: present.append(marker.exists()))
        assert present and all(present) and not marker.exists()
        # As a killed run leaves it: letters stored, what they say together not derived, the mark.
        lost = [g for g in store.graphs() if iris.is_derived_graph(g)]
        assert lost
        for graph_iri in lost:
            store.remove_graph(graph_iri)
        marker.touch()
        pipeline.ingest_paths(ALL[-1:], store)
        assert derive_calls[-1] is None  # the whole store, not only the last letter's months
        assert set(lost) <= set(stored_derived(store)) and not marker.exists()
        assert stored_derived(store) == whole_store_derived(store)
        pipeline.ingest_paths(ALL[-1:], store)
        assert derive_calls[-1] is not None  # made good: the next run takes only its months again


def test_the_meetings_of_a_month_are_those_of_its_type_dated_in_it_or_by_it():
    with OxigraphStore() as store:
        pipeline.ingest_paths(ALL, store)
        assert meetings_in_months(store, {APRIL}) == {
            "https://w3id.org/natokg/id/meeting/foreign-ministers/2023-04-04/brussels"}
        assert meetings_in_months(store, {("summit", "2023-07")}) == {
            "https://w3id.org/natokg/id/meeting/summit/2023-07-11/vilnius",
            "https://w3id.org/natokg/id/meeting/summit/2023-07/vilnius"}
        assert meetings_in_months(store, {("summit", "2023-04")}) == set() == meetings_in_months(store, set())


def test_a_few_letters_naming_many_meetings_in_a_small_store_are_derived_with_the_whole_store(
        tmp_path, derive_calls, monkeypatch):
    monkeypatch.setattr(pipeline, "MEETING_COST", 3)
    with OxigraphStore(tmp_path / "store") as store:
        pipeline.ingest_paths(ALL[:4], store)
        outcomes = pipeline.ingest_paths(ALL[4:6], store)
        # Fewer letters than the store holds, but more meetings in their months than a third of its letters.
        assert len(meetings_in_months(store, months_of(m for o in outcomes for m in o.meetings))) * 3 > 6
        assert derive_calls == [None, None]
        assert stored_derived(store) == whole_store_derived(store)


def test_a_meeting_a_letter_only_mentions_has_no_account_from_that_letter():
    from kg.derive import _stored

    with OxigraphStore() as store:
        pipeline.ingest_paths(ALL, store)
        rows = [r for r in _stored(store, "meeting-nodes") if r["meeting"].endswith("foreign-ministers/2023-04-04/brussels")]
        accounts = sorted((r["graph"].rsplit("/", 1)[1], r["letter_type"]) for r in rows)
        # One row per letter graph: the March FAC report mentions the meeting, without an account.
        assert accounts == [("dev-2023-03-fac-report", None), ("dev-2023-04-brussels-agenda", "annotated-agenda"),
                            ("dev-2023-04-brussels-report", "report"),
                            ("fmm-2023-04-letterhead-agenda", "annotated-agenda")]


def test_the_one_derived_graph_of_an_older_store_is_replaced_by_the_months(tmp_path, derive_calls):
    from rdflib import Graph, Literal

    with OxigraphStore(tmp_path / "store") as store:
        pipeline.ingest_paths(ALL[:-1], store)
        old = Graph()
        old.add((URIRef(iris.meeting("summit", "2023-07", "Vilnius")), URIRef("urn:old"), Literal("stale")))
        store.replace_graph(iris.derived_graphs(), old)  # as natokg 0.1 wrote it
        pipeline.ingest_paths(ALL[-1:], store)
        assert derive_calls[-1] is None and iris.derived_graphs() not in store.graphs()
        assert stored_derived(store) == whole_store_derived(store)
