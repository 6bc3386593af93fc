"""The `natokg` CLI, run in-process: queries, export, errors, and how it calls kg.pipeline."""
from __future__ import annotations

import json
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import ReadError, ValidationError
from kg.export import export
from kg.store import load_dataset, open_store

MINI = Path(__file__).parent / "fixtures" / "mini.trig"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    location = tmp_path_factory.mktemp("cli") / "store"
    with open_store(location) as store:
        load_dataset(store, MINI)
    return location


def invoke(*args, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


def test_query_csv(store_dir):
    result = invoke("--store", store_dir, "query", "session-participants",
                    "-p", "session=4", "--param", "role=partner", "--format", "csv")
    assert result.exit_code == 0, result.output
    meeting = "https://w3id.org/natokg/id/meeting/foreign-ministers/2022-11-29/bucharest"
    assert result.stdout_bytes.decode("utf-8") == (
        "meeting,number,party,role,label\r\n"
        f"{meeting},4,BA,partner,Bosnia and Herzegovina\r\n"
        f"{meeting},4,GE,partner,Georgia\r\n"
        f"{meeting},4,MD,partner,Moldova\r\n"
    )


def test_query_json_and_table(store_dir):
    result = invoke("--store", store_dir, "query", "meeting-participants", "-p", "role=invitee", "-f", "json")
    document = json.loads(result.stdout)
    assert [b["party"]["value"] for b in document["results"]["bindings"]] == ["FI", "SE"]
    table = invoke("--store", store_dir, "query", "meeting-participants", "-p", "role=invitee")
    assert table.exit_code == 0
    assert "Finland" in table.stdout and table.stdout.endswith("(2 rows)\n")


def test_store_from_environment(store_dir):
    result = invoke("query", "data-issues", "-f", "tsv", env={"NATOKG_STORE": str(store_dir)})
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "?letter\t?message\t?source\t?issue\t?about"


@pytest.mark.parametrize("args,needle", [
    (["query", "who-attended"], "no stored query 'who-attended' (known: contributions,"),
    (["query", "sessions", "-p", "session=4"], "has no parameter 'session'"),
    (["query", "session-participants", "-p", "session=four"], "takes an integer"),
])
def test_query_errors_are_one_line_with_exit_2(store_dir, args, needle):
    result = invoke("--store", store_dir, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("natokg: error: ") and needle in result.stderr
    assert "Traceback" not in result.output


def test_a_missing_store_is_named(tmp_path):
    result = invoke("--store", tmp_path / "none", "query", "letters")
    assert result.exit_code == 2
    assert result.stderr == f"natokg: error: no store at {tmp_path / 'none'}; ingest letters first with `natokg ingest`\n"


def test_param_needs_key_and_value(store_dir):
    result = invoke("--store", store_dir, "query", "sessions", "-p", "meeting")
    assert result.exit_code == 2 and "key=value" in result.output


def test_queries_lists_the_catalogue():
    result = invoke("queries")
    assert result.exit_code == 0
    line = next(l for l in result.stdout.splitlines() if l.startswith("session-participants"))
    assert "session (integer), role (notation), meeting (iri)" in line


def test_export_to_stdout_and_file(store_dir, tmp_path):
    with open_store(store_dir, read_only=True) as store:
        expected = export(store, "nt")
    result = invoke("--store", store_dir, "export", "--format", "nt")
    assert result.exit_code == 0 and result.stdout_bytes == expected
    target = tmp_path / "out.ttl"
    assert invoke("--store", store_dir, "export", "-o", target).exit_code == 0
    assert target.read_bytes().startswith(b"@prefix nk:")


@pytest.fixture
def fake_pipeline(monkeypatch):
    """A stand-in for kg.pipeline with its interface: ingest_paths(paths, store, progress) returns
    one outcome per file (path, graph, error, warnings) and calls progress(outcome) for each."""
    module = types.ModuleType("kg.pipeline")
    module.calls = []
    module.errors = {}  # file name -> the error its ingest raises

    def ingest_paths(paths, store, progress=None, **options):
        module.calls.append((paths, store))
        module.options = options
        outcomes = []
        for path in paths:
            error = module.errors.get(Path(path).name)
            outcome = types.SimpleNamespace(path=Path(path), graph=None if error else f"urn:graph:{Path(path).stem}",
                                            error=error, warnings=[] if error else [f"{Path(path).name}: odd date"])
            outcomes.append(outcome)
            progress(outcome)
        return outcomes

    module.ingest_paths = ingest_paths
    module.letter_files = lambda paths: [Path(p) for p in paths]
    module.STDIN = Path("-")
    module.default_jobs = lambda: 3
    module.show = lambda path: f"facts of {Path(path).name}"
    monkeypatch.setitem(sys.modules, "kg.pipeline", module)
    import kg

    monkeypatch.setattr(kg, "pipeline", module, raising=False)
    return module


def test_ingest_calls_the_pipeline(fake_pipeline, tmp_path):
    result = invoke("--store", tmp_path / "s", "ingest", "a.txt", "dir")
    assert result.exit_code == 0, result.output
    (paths, store), = fake_pipeline.calls
    assert paths == [Path("a.txt"), Path("dir")]
    assert hasattr(store, "replace_graph")
    assert result.stdout == ""
    assert fake_pipeline.options["jobs"] == 3 and fake_pipeline.options["stdin"] is None
    # Not a terminal: a line per letter instead of a progress bar, then the summary table.
    assert result.stderr.splitlines() == [
        "stored a.txt as urn:graph:a", "  warning: a.txt: odd date",
        "stored dir as urn:graph:dir", "  warning: dir: odd date",
        "2 ingested, 0 refused, 2 warnings",
        "file    result    detail",
        "─" * 26,
        "a.txt   warning   odd date",
        "dir     warning   odd date",
        "2 of 2 letters stored"]


@pytest.mark.parametrize("errors,code", [
    ({"bad.txt": ValidationError("bad.txt: the meeting has no start date")}, 1),
    ({"bad.txt": ValidationError("bad.txt: invalid"), "gone.txt": ReadError("gone.txt: no such file")}, 2),
])
def test_ingest_goes_on_after_a_bad_letter_and_sets_the_exit_code(fake_pipeline, tmp_path, errors, code):
    fake_pipeline.errors = errors
    result = invoke("--store", tmp_path / "s", "ingest", "bad.txt", "good.txt", "gone.txt")
    assert result.exit_code == code
    lines = result.stderr.splitlines()
    assert [l for l in lines if l.startswith("natokg: error: ")] == [f"natokg: error: {e}" for e in errors.values()]
    assert "stored good.txt as urn:graph:good" in lines
    assert lines[-1] == f"{3 - len(errors)} of 3 letters stored"


def test_ingest_of_nothing_is_an_error(fake_pipeline, tmp_path):
    fake_pipeline.ingest_paths = lambda paths, store, progress=None, **options: []
    result = invoke("--store", tmp_path / "s", "ingest", tmp_path)
    assert result.exit_code == 2 and result.stderr == f"natokg: error: no letters found in {tmp_path}\n"


def test_unexpected_errors_are_one_line_unless_debug(fake_pipeline, tmp_path):
    def broken(paths, store, progress=None, **options):
        raise RuntimeError("boom\nsecond line")

    fake_pipeline.ingest_paths = broken
    result = invoke("--store", tmp_path / "s", "ingest", "letter.txt")
    assert result.exit_code == 2
    assert result.stderr == "natokg: error: RuntimeError: boom second line\n"
    debug = invoke("--store", tmp_path / "s", "--debug", "ingest", "letter.txt")
    assert debug.exit_code == 2 and "Traceback" in debug.stderr


def test_show(fake_pipeline):
    result = invoke("show", "letter.txt")
    assert result.exit_code == 0 and result.stdout == "facts of letter.txt\n"
