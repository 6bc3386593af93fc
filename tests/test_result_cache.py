"""Stored queries' results kept beside the store (kg/result_cache.py): the same rows as
evaluating the query, never a result of an older store, and nothing kept by a writer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef

from kg import pipeline, result_cache
from kg.queries import catalogue, run
from kg.store import open_store, store_state

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "corpus" / "seed-2022-11-bucharest.txt"
OSLO = FIXTURES / "corpus" / "dev-2023-06-oslo-informal.txt"
# Not rdflib's XSD namespace object: pytest looks into module-level names, and that one warns.
INTEGER, DATE, BOOLEAN = (URIRef("http://www.w3.org/2001/XMLSchema#" + name) for name in ("integer", "date", "boolean"))


@pytest.fixture
def store_dir(mini_store_dir):
    return mini_store_dir


def kept_files(location: Path) -> list[Path]:
    return sorted((location / result_cache.FOLDER).glob("*/*.json"))


def evaluated(location: Path, name: str, params: dict[str, str] | None = None):
    """The query evaluated by Oxigraph, with no result kept or read."""
    query = catalogue()[name]
    with open_store(location, read_only=True) as store:
        return store.select(query.text, query.bindings(params))


def test_a_result_is_kept_and_read_back_with_the_same_terms(store_dir, monkeypatch):
    with open_store(store_dir, read_only=True) as store:
        first = run(store, "session-participants", {"session": "4", "role": "partner"})
    assert [(str(row[2]), str(row[3])) for row in first.rows] == [
        ("BA", "partner"), ("GE", "partner"), ("MD", "partner")]
    assert len(kept_files(store_dir)) == 1

    with open_store(store_dir, read_only=True) as store:
        def no_evaluation(*args, **kwargs):
            raise AssertionError("evaluated although a result was kept")
        monkeypatch.setattr(store, "select", no_evaluation)
        again = run(store, "session-participants", {"session": "4", "role": "partner"})
    assert again.vars == first.vars
    assert again.rows == first.rows
    # The same terms, not only equal text: the number stays an xsd:integer, the IRIs IRIs.
    for kept_row, row in zip(again.rows, first.rows):
        assert [type(term) for term in kept_row] == [type(term) for term in row]
        assert [getattr(term, "datatype", None) for term in kept_row] == [getattr(term, "datatype", None) for term in row]
    assert again.rows[0][1] == Literal("4", datatype=INTEGER)


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_stored_query_reads_back_what_it_evaluates(store_dir, name):
    with open_store(store_dir, read_only=True) as store:
        run(store, name)
    with open_store(store_dir, read_only=True) as store:
        kept = run(store, name)
    names, rows = evaluated(store_dir, name)
    assert kept.vars == names
    assert kept.rows == rows
    assert [[None if term is None else (type(term), getattr(term, "language", None), getattr(term, "datatype", None))
             for term in row] for row in kept.rows] == \
           [[None if term is None else (type(term), getattr(term, "language", None), getattr(term, "datatype", None))
             for term in row] for row in rows]


def test_each_parameter_value_is_its_own_result(store_dir):
    with open_store(store_dir, read_only=True) as store:
        partners = run(store, "meeting-participants", {"role": "partner"}).dicts()
        invitees = run(store, "meeting-participants", {"role": "invitee"}).dicts()
    with open_store(store_dir, read_only=True) as store:
        assert run(store, "meeting-participants", {"role": "invitee"}).dicts() == invitees
        assert run(store, "meeting-participants", {"role": "partner"}).dicts() == partners
    assert {str(row["party"]) for row in invitees} == {"FI", "SE"}
    assert invitees != partners
    assert len(kept_files(store_dir)) == 2


def test_a_letter_ingested_later_is_in_the_next_answer(tmp_path):
    location = tmp_path / "store"
    with open_store(location) as store:
        pipeline.ingest_paths([SEED], store)
    with open_store(location, read_only=True) as store:
        before = {str(row[0]).rsplit("/", 1)[-1] for row in run(store, "meetings").rows}
    assert len(kept_files(location)) == 1

    with open_store(location) as store:
        pipeline.ingest_paths([OSLO], store)
    with open_store(location, read_only=True) as store:
        after = {str(row[0]).rsplit("/", 1)[-1] for row in run(store, "meetings").rows}
    assert before == {"bucharest"}
    assert after == {"bucharest", "oslo"}
    # The result of the older store is gone with its state.
    assert len(kept_files(location)) == 1


def test_a_removed_letter_is_gone_from_the_next_answer(store_dir):
    with open_store(store_dir, read_only=True) as store:
        assert len(run(store, "letters").rows) == 1
    with open_store(store_dir) as store:
        store.remove_graph("https://w3id.org/natokg/id/graph/letter/verslag-navo-ministeriele-boekarest")
    with open_store(store_dir, read_only=True) as store:
        assert run(store, "letters").rows == []


def test_reading_leaves_the_state_as_it_was_and_writing_changes_it(store_dir):
    before = store_state(store_dir)
    with open_store(store_dir, read_only=True) as store:
        run(store, "letters")
        run(store, "data-issues")
    assert store_state(store_dir) == before  # kept results are not the store's data
    with open_store(store_dir) as store:
        store.remove_graph("urn:x-natokg:nothing-here")
        opened_to_write = store_state(store_dir)
        store.replace_graph_ntriples("urn:x-test:graph", '<urn:x-test:a> <urn:x-test:b> "c" .')
        assert store_state(store_dir) != opened_to_write
    assert store_state(store_dir) != before


def test_a_store_that_writes_keeps_no_results(store_dir):
    with open_store(store_dir) as store:
        assert store.state is None
        assert len(run(store, "letters").rows) == 1
    assert kept_files(store_dir) == []


def test_a_damaged_file_is_passed_over(store_dir):
    with open_store(store_dir, read_only=True) as store:
        expected = run(store, "letters").rows
    [kept] = kept_files(store_dir)
    for damage in ["", "{\"names\": [\"letter\"]",
                   json.dumps({"names": ["x"], "kinds": "i", "values": ["urn:x"], "extras": [], "rows": [5]}),
                   json.dumps({"names": ["x"], "kinds": "q", "values": ["urn:x"], "extras": [], "rows": [0]}),
                   json.dumps({"names": ["x", "y"], "kinds": "i", "values": ["urn:x"], "extras": [], "rows": [0]}),
                   json.dumps({"names": ["x"], "kinds": "t", "values": ["4"], "extras": [], "rows": [0]}),
                   json.dumps({"names": ["x"], "kinds": "p", "values": [4], "extras": [], "rows": [0]})]:
        kept.write_text(damage, encoding="utf-8")
        with open_store(store_dir, read_only=True) as store:
            assert run(store, "letters").rows == expected


def test_a_directory_it_cannot_write_to_still_answers(store_dir, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(result_cache.tempfile, "mkstemp", refuse)
    with open_store(store_dir, read_only=True) as store:
        assert len(run(store, "letters").rows) == 1
    assert kept_files(store_dir) == []


def test_at_most_so_many_results_are_kept(store_dir, monkeypatch):
    monkeypatch.setattr(result_cache, "MAXIMUM", 3)
    with open_store(store_dir, read_only=True) as store:
        for session in range(1, 7):
            run(store, "session-participants", {"session": str(session)})
    assert len(kept_files(store_dir)) == 3


def test_an_edited_query_is_evaluated_again(store_dir, tmp_path, monkeypatch):
    folder = tmp_path / "queries"
    folder.mkdir()
    query = folder / "letter-files.rq"
    prefix = "PREFIX nk: <https://w3id.org/natokg/ontology#>\n"
    query.write_text(prefix + "SELECT ?letter WHERE { ?letter a nk:Letter }\n", encoding="utf-8")
    monkeypatch.setenv("NATOKG_QUERIES", str(folder))
    with open_store(store_dir, read_only=True) as store:
        assert run(store, "letter-files").vars == ["letter"]
    query.write_text(prefix + "SELECT ?letter ?source WHERE { ?letter a nk:Letter ; nk:sourceFile ?source }\n",
                     encoding="utf-8")
    with open_store(store_dir, read_only=True) as store:
        edited = run(store, "letter-files")
    assert edited.vars == ["letter", "source"]
    assert [str(row[1]) for row in edited.rows] == ["verslag-navo-ministeriele-boekarest.txt"]


terms = st.one_of(
    st.text().map(Literal),
    st.tuples(st.text(), st.sampled_from(["nl", "en", "en-GB"])).map(lambda pair: Literal(pair[0], lang=pair[1])),
    st.integers().map(lambda number: Literal(str(number), datatype=INTEGER)),
    st.dates().map(lambda day: Literal(day.isoformat(), datatype=DATE)),
    st.sampled_from([True, False]).map(lambda truth: Literal(str(truth).lower(), datatype=BOOLEAN)),
    st.sampled_from(["2022-13-40", "2023-02-30", "0000-01-01", "vier", "1e3"]).map(
        lambda text: Literal(text, datatype=DATE, normalize=False)),
    st.sampled_from(["007", "+5", "-0", "1" * 30, " 4"]).map(lambda text: Literal(text, datatype=INTEGER, normalize=False)),
    st.sampled_from(["1", "0", "True", "false "]).map(lambda text: Literal(text, datatype=BOOLEAN, normalize=False)),
    st.text().map(lambda text: Literal(text, datatype=URIRef("http://example.org/own"))),
    st.sampled_from(["https://w3id.org/natokg/id/letter/x", "urn:x-natokg:dataset"]).map(URIRef),
    st.sampled_from(["b0", "node1"]).map(BNode),
    st.none(),
)


@pytest.mark.filterwarnings("ignore:Parsing weird boolean")
@settings(max_examples=300)
@given(st.lists(st.lists(terms, min_size=2, max_size=2), max_size=6))
def test_terms_come_back_as_they_went_in(rows):
    originals = [term for row in rows for term in row]
    encoded = [result_cache._encoded(term) for term in originals]
    kinds = "".join(kind for kind, _, _ in encoded)
    values = [value for _, value, _ in encoded]
    extras = [extra for _, _, extra in encoded if extra is not None]
    decoded = result_cache._terms(*json.loads(json.dumps([kinds, values, extras], ensure_ascii=False)))
    assert decoded == originals
    for back, original in zip(decoded, originals):
        assert type(back) is type(original)
        if isinstance(original, Literal):
            assert (back.language, back.datatype, back.ill_typed) == (original.language, original.datatype, original.ill_typed)
            assert back.toPython() == original.toPython()
            assert type(back.toPython()) is type(original.toPython())


def natokg(location: Path, *args: str):
    from click.testing import CliRunner

    from kg.cli import cli
    return CliRunner().invoke(cli, ["--store", str(location), *args])


def current_folder(location: Path) -> Path:
    return location / result_cache.FOLDER / store_state(location)


def no_evaluation(*args, **kwargs):
    raise AssertionError("evaluated although a result was kept")


def test_an_ingest_evaluates_again_the_answers_people_were_reading(tmp_path, monkeypatch):
    location = tmp_path / "store"
    assert natokg(location, "ingest", str(SEED)).exit_code == 0
    with open_store(location, read_only=True) as store:
        assert {str(row[0]).rsplit("/", 1)[-1] for row in run(store, "meetings").rows} == {"bucharest"}
        run(store, "session-participants", {"session": "4", "role": "partner"})

    result = natokg(location, "ingest", str(OSLO))
    assert result.exit_code == 0, result.output
    assert "2 kept answers evaluated again" in result.stderr
    # The answers kept now are those of the store with Oslo in it, read without evaluating.
    with open_store(location, read_only=True) as store:
        monkeypatch.setattr(store, "select", no_evaluation)
        meetings = {str(row[0]).rsplit("/", 1)[-1] for row in run(store, "meetings").rows}
        partners = [str(row[2]) for row in run(store, "session-participants", {"session": "4", "role": "partner"}).rows]
    assert meetings == {"bucharest", "oslo"}
    assert partners == ["BA", "GE", "MD"]
    assert len(list(current_folder(location).glob("*.json"))) == 2
    assert len(kept_files(location)) == 2  # the stale answers are gone


def test_refresh_zero_evaluates_nothing_after_the_ingest(tmp_path):
    location = tmp_path / "store"
    assert natokg(location, "ingest", str(SEED)).exit_code == 0
    with open_store(location, read_only=True) as store:
        run(store, "meetings")
    result = natokg(location, "ingest", "--refresh", "0", str(OSLO))
    assert result.exit_code == 0
    assert "evaluated again" not in result.stderr
    assert not current_folder(location).exists()


def test_the_answers_most_recently_read_are_evaluated_again_first(store_dir):
    import time

    with open_store(store_dir, read_only=True) as store:
        for session in ("1", "2", "3"):
            run(store, "session-participants", {"session": session})
            time.sleep(0.01)
        run(store, "session-participants", {"session": "1"})  # read again: now the most recent
    assert [params for _, params in result_cache.asked_before(store_dir)] == [
        {"session": "1"}, {"session": "3"}, {"session": "2"}]

    result = natokg(store_dir, "ingest", "--refresh", "2", str(OSLO))
    assert result.exit_code == 0, result.output
    assert "2 kept answers evaluated again" in result.stderr
    assert sorted(params["session"] for _, params in result_cache.asked_before(store_dir)) == ["1", "3"]
    assert len(list(current_folder(store_dir).glob("*.json"))) == 2


def test_a_query_since_removed_or_a_parameter_it_no_longer_takes_is_passed_over(store_dir, tmp_path, monkeypatch):
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "letter-files.rq").write_text(
        "PREFIX nk: <https://w3id.org/natokg/ontology#>\nSELECT ?letter WHERE { ?letter a nk:Letter }\n",
        encoding="utf-8")
    monkeypatch.setenv("NATOKG_QUERIES", str(folder))
    with open_store(store_dir, read_only=True) as store:
        run(store, "letter-files")
    monkeypatch.delenv("NATOKG_QUERIES")
    with open_store(store_dir, read_only=True) as store:
        run(store, "letters")
        run(store, "session-participants", {"session": "4"})
    # An answer kept for a parameter value the query refuses now (edited beside the result).
    for asked in (store_dir / result_cache.FOLDER).glob("*/*" + result_cache.ASKED):
        if '"session"' in asked.read_text(encoding="utf-8"):
            asked.write_text(json.dumps({"query": "session-participants", "params": {"session": "four"}}),
                             encoding="utf-8")

    result = natokg(store_dir, "ingest", str(OSLO))
    assert result.exit_code == 0, result.output
    assert "1 kept answer evaluated again" in result.stderr
    assert result_cache.asked_before(store_dir) == [("letters", {})]


def test_after_a_refused_ingest_the_answers_are_still_kept(store_dir, tmp_path, monkeypatch):
    # Opening the store to write changes its files, so even a refused letter makes kept answers
    # stale to a reader: they are evaluated again, and the data are unchanged.
    with open_store(store_dir, read_only=True) as store:
        before = run(store, "letters").rows
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01 not a letter")
    result = natokg(store_dir, "ingest", str(broken))
    assert result.exit_code != 0
    assert "1 kept answer evaluated again" in result.stderr
    with open_store(store_dir, read_only=True) as store:
        monkeypatch.setattr(store, "select", no_evaluation)
        assert run(store, "letters").rows == before
    assert len(kept_files(store_dir)) == 1


def test_the_most_recently_read_results_are_kept_longest(store_dir, monkeypatch):
    import time

    monkeypatch.setattr(result_cache, "MAXIMUM", 2)
    with open_store(store_dir, read_only=True) as store:
        run(store, "session-participants", {"session": "1"})
        time.sleep(0.01)
        run(store, "session-participants", {"session": "2"})
        time.sleep(0.01)
        run(store, "session-participants", {"session": "1"})  # read back: the most recent now
        time.sleep(0.01)
        run(store, "session-participants", {"session": "3"})  # one too many: session 2 goes
    assert sorted(params["session"] for _, params in result_cache.asked_before(store_dir)) == ["1", "3"]


def test_an_import_evaluates_again_the_answers_people_were_reading(store_dir, tmp_path, monkeypatch):
    dump = tmp_path / "oslo.trig"
    other = tmp_path / "other"
    assert natokg(other, "ingest", str(OSLO)).exit_code == 0
    assert natokg(other, "export", "--format", "trig", "-o", str(dump)).exit_code == 0
    with open_store(store_dir, read_only=True) as store:
        assert "oslo" not in {str(row[0]).rsplit("/", 1)[-1] for row in run(store, "meetings").rows}

    result = natokg(store_dir, "import", str(dump))
    assert result.exit_code == 0, result.output
    assert "1 kept answer evaluated again" in result.stderr
    with open_store(store_dir, read_only=True) as store:
        monkeypatch.setattr(store, "select", no_evaluation)
        assert "oslo" in {str(row[0]).rsplit("/", 1)[-1] for row in run(store, "meetings").rows}
