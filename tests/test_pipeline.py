"""End to end on real letters: file -> facts -> triples -> shapes -> store -> stored queries."""
import json
from dataclasses import replace
from datetime import date

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from conftest import CORPUS, LETTERS
from kg import pipeline, queries
from kg.cli import cli
from kg.store import open_store

SEED = CORPUS / "seed-2022-11-bucharest.txt"
BUCHAREST = "https://w3id.org/natokg/id/meeting/foreign-ministers/2022-11-29/bucharest"


def rows(store, name, **params):
    result = queries.run(store, name, params)
    return [{k: (None if v is None else str(v)) for k, v in zip(result.vars, row)} for row in result.rows]


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store") as opened:
        yield opened


def test_the_seed_letter_answers_the_two_questions(store):
    [outcome] = pipeline.ingest_paths([SEED], store)
    assert outcome.ingested and outcome.graph.endswith("/graph/letter/seed-2022-11-bucharest")
    partners = rows(store, "session-participants", session="4", role="partner")
    assert {(r["meeting"], r["number"], r["party"]) for r in partners} == {
        (BUCHAREST, "4", "BA"), (BUCHAREST, "4", "GE"), (BUCHAREST, "4", "MD")}
    invitees = rows(store, "meeting-participants", role="invitee")
    assert {(r["party"], r["label"]) for r in invitees} == {("FI", "Finland"), ("SE", "Sweden")}
    # Session 4 is complete: the meeting-wide invitees attended it too.
    everyone = rows(store, "session-participants", session="4")
    assert {(r["party"], r["role"]) for r in everyone} == {
        ("BA", "partner"), ("GE", "partner"), ("MD", "partner"), ("FI", "invitee"), ("SE", "invitee")}


def test_the_seed_letter_is_mapped_whole(store):
    pipeline.ingest_paths([SEED], store)
    [meeting] = rows(store, "meetings")
    assert (meeting["type"], meeting["informal"], meeting["start"], meeting["end"], meeting["city"],
            meeting["country"]) == ("foreign-ministers", "false", "2022-11-29", "2022-11-30", "Bucharest", "RO")
    assert [(r["number"], r["title"]) for r in rows(store, "sessions")] == [
        ("1", "Rusland-Oekraine"), ("2", "Rusland-Oekraine"), ("3", "Strategisch Concept"),
        ("4", "kwetsbare landen")]
    money = {(r["acronym"], r["donor"], r["amount"], r["currency"]) for r in rows(store, "contributions")}
    assert money == {("UCAP", "NL", "25000000", "EUR"), ("DCB", "NL", None, None)}
    assert {(r["submitter"], r["date"], r["kamerstuk"]) for r in rows(store, "motions")} == {
        ("Valstar", "2022-11-17", "36200-X-26"), ("Boswijk", "2021-11-11", "35925-X-22")}
    assert {r["kamerstuk"] for r in rows(store, "documents-cited")} == {
        "28676-417", "28676-423", "36200-X-26", "35925-X-22"}
    [issue] = rows(store, "data-issues")
    assert "2023" in issue["message"] and "2022" in issue["message"]


def test_provenance_quotes_the_original_file(store):
    pipeline.ingest_paths([SEED], store)
    spans = rows(store, "provenance", subject=BUCHAREST + "/session/4")
    original = SEED.read_text("utf-8")
    assert spans and all(original[int(s["start"]):int(s["end"])] == s["text"] for s in spans)
    assert any(s["text"] == "Sessie 4: kwetsbare landen" for s in spans)


def test_reingesting_a_letter_changes_nothing(store):
    pipeline.ingest_paths([SEED], store)
    before = sorted(store.dump("nquads").splitlines())
    pipeline.ingest_paths([SEED], store)
    assert sorted(store.dump("nquads").splitlines()) == before


def test_agenda_and_report_of_one_meeting_land_on_one_meeting_node(store):
    pipeline.ingest_paths([CORPUS / "dev-2023-04-brussels-agenda.txt", CORPUS / "dev-2023-04-brussels-report.txt"],
                          store)
    meetings = rows(store, "meetings")
    assert len(meetings) == 2 and len({m["meeting"] for m in meetings}) == 1
    assert {m["letter"].rsplit("/", 1)[1] for m in meetings} == {"dev-2023-04-brussels-agenda",
                                                                 "dev-2023-04-brussels-report"}


def test_a_letter_the_shapes_refuse_leaves_the_store_unchanged(store, monkeypatch):
    pipeline.ingest_paths([SEED], store)
    before = sorted(store.dump("nquads").splitlines())
    real = pipeline.extract

    def contradictory(text):
        facts = real(text)
        return replace(facts, meeting=replace(facts.meeting, end=date(2022, 11, 1)))  # before it starts

    monkeypatch.setattr(pipeline, "extract", contradictory)
    [outcome] = pipeline.ingest_paths([SEED], store, jobs=1)
    assert not outcome.ingested and outcome.error.exit_code == 1
    assert "seed-2022-11-bucharest.txt" in str(outcome.error) and "\n" not in str(outcome.error)
    assert "end" in outcome.error.report.lower()
    assert sorted(store.dump("nquads").splitlines()) == before


def test_the_cli_refuses_bad_files_in_one_line_each_and_stores_the_good_ones(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    store_dir = tmp_path / "store"
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "ingest", str(empty), str(binary), str(SEED)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("natokg: error:")]
    assert errors == [f"natokg: error: {empty}: the file is empty",
                      f"natokg: error: {binary}: is a binary file, not a text letter"]
    assert "Traceback" not in result.output
    listed = CliRunner().invoke(cli, ["--store", str(store_dir), "query", "letters", "--format", "json"])
    sources = [b["source"]["value"] for b in json.loads(listed.stdout)["results"]["bindings"]]
    assert sources == ["seed-2022-11-bucharest.txt"]


def test_show_prints_each_fact_with_its_source_text():
    text = pipeline.show(LETTERS / "dmm-2024-06-agenda.txt")
    assert "defence-ministers, 2024-06-13 to 2024-06-14, Brussels (BE)" in text
    assert "DE to NIF: EUR 50,000,000" in text
    assert "«Duitsland draagt EUR 50 miljoen bij aan het NATO Innovation Fund (NIF).»" in text


def test_export_turtle_holds_the_meeting(tmp_path):
    store_dir, out = tmp_path / "store", tmp_path / "nato.ttl"
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", str(store_dir), "ingest", str(SEED)]).exit_code == 0
    assert runner.invoke(cli, ["--store", str(store_dir), "export", "--format", "turtle", "-o", str(out)]).exit_code == 0
    graph = Graph().parse(out, format="turtle")
    start = URIRef("https://w3id.org/natokg/ontology#startDate")
    assert str(graph.value(URIRef(BUCHAREST), start)) == "2022-11-29"
