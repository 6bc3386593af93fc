"""Bad input: one line naming the file and the problem, a non-zero exit, no traceback, and the
store exactly as it was. Letters with a date problem or about no NATO meeting are kept, flagged.

Each refusal is run through `natokg ingest` after the seed letter is stored, and the store is
compared quad for quad before and after.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS, LETTERS
from letter_variants import encodable_in
from kg.cli import cli
from kg.store import open_store

SEED = CORPUS / "seed-2022-11-bucharest.txt"
DEFENCE = CORPUS / "dev-2023-02-defence-report.txt"


def natokg(store: Path, *args: str, env: dict | None = None):
    return CliRunner(env=env).invoke(cli, ["--store", str(store), *args])


def quads(store: Path) -> list[bytes]:
    with open_store(store, read_only=True) as opened:
        return sorted(opened.dump("nquads").splitlines())


def rows(store: Path, query: str, *params: str) -> list[dict[str, str]]:
    result = natokg(store, "query", query, "--format", "json", *[a for p in params for a in ("--param", p)])
    assert result.exit_code == 0, result.output
    return [{k: v["value"] for k, v in b.items()} for b in json.loads(result.stdout)["results"]["bindings"]]


@pytest.fixture
def seeded(tmp_path) -> Path:
    store = tmp_path / "store"
    assert natokg(store, "ingest", "-j", "1", str(SEED)).exit_code == 0
    return store


def refused(store: Path, path: Path, problem: str, *options: str, env: dict | None = None) -> None:
    """`natokg ingest path` fails with one line naming path and problem; the store is unchanged."""
    before = quads(store)
    result = natokg(store, "ingest", "-j", "1", *options, str(path), env=env)
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("natokg: error:")]
    assert len(errors) == 1 and str(path) in errors[0] and problem in errors[0], result.stderr
    assert "Traceback" not in result.output
    assert quads(store) == before


def test_an_empty_file_is_refused(seeded, tmp_path):
    (empty := tmp_path / "empty.txt").write_bytes(b" \n\n")
    refused(seeded, empty, "the file is empty")


def test_a_binary_file_is_refused(seeded, tmp_path):
    (binary := tmp_path / "photo.txt").write_bytes(bytes(range(256)) * 64)
    refused(seeded, binary, "binary file")


def test_a_letter_above_the_size_limit_is_refused(seeded, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(SEED.read_bytes())
    refused(seeded, big, "above the limit", "--max-size", "1k")
    refused(seeded, big, "above the limit", env={"NATOKG_MAX_BYTES": "2000"})
    # The limit is a limit, not a format: the same letter within it is stored.
    assert natokg(seeded, "ingest", "-j", "1", "--max-size", "1M", str(big)).exit_code == 0


def test_a_bad_size_limit_is_a_usage_error(seeded, tmp_path):
    result = natokg(seeded, "ingest", "--max-size", "lots", str(SEED))
    assert result.exit_code == 2 and "--max-size" in result.stderr and "Traceback" not in result.output


def test_what_is_not_a_regular_file_is_refused_without_reading_it(seeded, tmp_path):
    fifo = tmp_path / "letter.txt"
    os.mkfifo(fifo)  # reading it would block for ever
    refused(seeded, fifo, "not a regular file")


@pytest.mark.parametrize("codec", ["cp1252", "iso-8859-15", "mac_roman", "cp850", "utf-16-le", "utf-16-be",
                                   "utf-16", "utf-32", "utf-32-le", "utf-8-sig"])
def test_a_letter_in_another_encoding_gives_the_same_graph(tmp_path, codec):
    from kg import pipeline
    from kg.triples import letter_graph

    text = encodable_in(codec, DEFENCE.read_text("utf-8"))
    (tmp_path / "utf8").mkdir()
    (tmp_path / codec).mkdir()
    (tmp_path / "utf8" / DEFENCE.name).write_bytes(text.encode("utf-8"))
    (tmp_path / codec / DEFENCE.name).write_bytes(text.encode(codec))
    _, expected = letter_graph(pipeline.read(tmp_path / "utf8" / DEFENCE.name))
    _, graph = letter_graph(pipeline.read(tmp_path / codec / DEFENCE.name))
    assert set(graph) == set(expected)



def test_what_can_be_read_is_read():
    """Regressions from the fuzz tests: a stray NUL made a letter "binary"; one broken byte made
    a UTF-8 letter read as cp1252 (every «ë» an «Ã«»); a short Mac Roman text that happened to be
    valid UTF-8 read as Arabic; a UTF-16 file cut inside a character was refused."""
    from kg.text import decode

    text = DEFENCE.read_text("utf-8")
    data = text.encode("utf-8")
    at = data.index(b" ", 900)  # a character boundary
    assert decode(data[:at] + b"\x00" + data[at:], "x.txt") == data[:at].decode() + "\x00" + data[at:].decode()
    broken = decode(data[:at] + b"\xff" + data[at:], "x.txt")
    assert broken == data[:at].decode() + "\ufffd" + data[at:].decode()
    short = "Boekarest, Roemenié: ministeri€éle bijeenkomst"
    assert decode(short.encode("mac_roman"), "x.txt") == short
    assert decode(text.encode("utf-16")[:1001], "x.txt") == text[:499]


def test_a_file_of_control_characters_is_still_binary(seeded, tmp_path):
    (noise := tmp_path / "noise.txt").write_bytes(b"NAVO \x00\x01\x02\x1b" * 50)
    refused(seeded, noise, "binary file")


def test_an_impossible_date_is_kept_as_a_data_issue(seeded, tmp_path):
    letter = tmp_path / "impossible-date.txt"
    letter.write_text(DEFENCE.read_text("utf-8").replace("Den Haag, 1 maart 2023", "Den Haag, 31 februari 2023"),
                      "utf-8")
    result = natokg(seeded, "ingest", "-j", "1", str(letter))
    assert result.exit_code == 0, result.output
    assert "«Den Haag, 31 februari 2023» does not exist" in result.stderr
    [stored] = [r for r in rows(seeded, "letters") if r["source"] == letter.name]
    assert "date" not in stored  # no date is better than a wrong one
    issues = [r["message"] for r in rows(seeded, "data-issues") if r["letter"].endswith("/impossible-date")]
    assert issues == ["the letter's date «Den Haag, 31 februari 2023» does not exist; "
                      "the letter is stored without a date"]
    # The meeting gives its own year, so it is still found.
    meetings = [r for r in rows(seeded, "meetings") if r["letter"].endswith("/impossible-date")]
    assert [(m["type"], m["start"], m["end"]) for m in meetings] == [("defence-ministers", "2023-02-14", "2023-02-15")]


def test_an_impossible_meeting_date_invents_no_meeting(seeded, tmp_path):
    letter = tmp_path / "impossible-meeting.txt"
    letter.write_text(DEFENCE.read_text("utf-8").replace("14 en 15 februari 2023", "30 en 31 februari 2023"), "utf-8")
    assert natokg(seeded, "ingest", "-j", "1", str(letter)).exit_code == 0
    assert not [r for r in rows(seeded, "meetings") if r["letter"].endswith("/impossible-meeting")]
    issues = [r["message"] for r in rows(seeded, "data-issues") if r["letter"].endswith("/impossible-meeting")]
    assert "the meeting date 30-2-2023 does not exist" in issues


def test_an_undated_letter_is_kept_as_a_data_issue(seeded, tmp_path):
    letter = tmp_path / "undated.txt"
    letter.write_text(DEFENCE.read_text("utf-8").replace("Den Haag, 1 maart 2023\n", ""), "utf-8")
    result = natokg(seeded, "ingest", "-j", "1", str(letter))
    assert result.exit_code == 0, result.output
    issues = [r["message"] for r in rows(seeded, "data-issues") if r["letter"].endswith("/undated")]
    assert issues == ["the letter has no date natokg can read; it is stored without one"]
    meetings = [r for r in rows(seeded, "meetings") if r["letter"].endswith("/undated")]
    assert [(m["start"], m["city"]) for m in meetings] == [("2023-02-14", "Brussels")]


@pytest.mark.parametrize("source, date_line", [
    # Regression: without its date line, the first dated sentence (the EU Council the letter is
    # about) was taken as the letter's date, and then skipped as "the letter's own date", so a
    # NATO summit the body mentions became the letter's meeting.
    (LETTERS / "rbz-2024-03-no-nato.txt", "Den Haag, 8 maart 2024\n"),
    (LETTERS / "rbz-2024-03-no-nato.txt", ""),
])
def test_a_letter_about_no_nato_meeting_is_kept_without_one(seeded, tmp_path, source, date_line):
    letter = tmp_path / "no-nato.txt"
    letter.write_text(source.read_text("utf-8").replace("Den Haag, 8 maart 2024\n", date_line), "utf-8")
    result = natokg(seeded, "ingest", "-j", "1", str(letter))
    assert result.exit_code == 0, result.output
    assert "about no NATO meeting" in result.stderr
    assert [r["source"] for r in rows(seeded, "letters") if r["source"] == letter.name] == [letter.name]
    assert not [r for r in rows(seeded, "meetings") if r["letter"].endswith("/no-nato")]


@pytest.mark.parametrize("stem", ["dev-2023-04-brussels-report", "dev-2024-05-prague-informal",
                                  "dev-2023-07-vilnius-summit"])
def test_an_undated_letter_keeps_its_meeting(stem):
    """Regression: a title such as «..., BRUSSEL, 4 EN 5 APRIL 2023» dated the letter with the
    meeting's first day, and the meeting itself was then lost; a year-less meeting date took no
    year from the title that gives it."""
    from kg import pipeline
    from kg.extract import extract
    from kg.text import repair

    original = (CORPUS / f"{stem}.txt").read_text("utf-8")
    dated = pipeline.read(CORPUS / f"{stem}.txt")
    lines = [line for line in original.splitlines(keepends=True) if not line.startswith("Den Haag, ")]
    undated = extract(repair("".join(lines), f"{stem}.txt"))
    assert undated.letter.date is None
    assert (undated.meeting.type, undated.meeting.start, undated.meeting.end, undated.meeting.city) == \
        (dated.meeting.type, dated.meeting.start, dated.meeting.end, dated.meeting.city)


def test_a_bad_file_among_good_ones_stops_nothing(tmp_path):
    (empty := tmp_path / "empty.txt").write_bytes(b"")
    store = tmp_path / "store"
    result = natokg(store, "ingest", "-j", "1", str(SEED), str(empty), str(DEFENCE))
    assert result.exit_code == 2
    assert sorted(r["source"] for r in rows(store, "letters")) == [DEFENCE.name, SEED.name]


def test_a_real_process_exits_non_zero_without_traceback_and_debug_shows_one(seeded, tmp_path):
    (binary := tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 64)
    command = [sys.executable, "-m", "kg", "--store", str(seeded)]
    plain = subprocess.run(command + ["import", str(binary.with_suffix(".trig"))], capture_output=True, text=True)
    assert plain.returncode == 2 and plain.stderr.count("\n") == 1 and "Traceback" not in plain.stderr
    assert plain.stderr.startswith("natokg: error: ") and "no such file" in plain.stderr
    debug = subprocess.run(command[:3] + ["--debug"] + command[3:] + ["import", str(binary.with_suffix(".trig"))],
                           capture_output=True, text=True)
    assert debug.returncode == 2 and "Traceback" in debug.stderr and "no such file" in debug.stderr.splitlines()[-1]
    ingest = subprocess.run(command + ["ingest", "-j", "1", str(binary)], capture_output=True, text=True)
    assert ingest.returncode == 2 and "Traceback" not in ingest.stderr
    assert f"natokg: error: {binary}: is a binary file, not a text letter" in ingest.stderr.splitlines()
    debug = subprocess.run(command[:3] + ["--debug"] + command[3:] + ["ingest", "-j", "1", str(binary)],
                           capture_output=True, text=True)
    assert debug.returncode == 2 and "Traceback" in debug.stderr and "ReadError" in debug.stderr


# ---------------------------------------------------------------- PDF (issue 3)


def _pdf(text: str, target: Path, encrypt: str | None = None) -> Path:
    canvas_module = pytest.importorskip("reportlab.pdfgen.canvas", reason="reportlab draws the test PDFs")
    canvas = canvas_module.Canvas(str(target), encrypt=encrypt)
    y = 800
    for line in text.splitlines():
        if y < 50:
            canvas.showPage()
            y = 800
        canvas.drawString(50, y, line)
        y -= 14
    canvas.save()
    return target


@pytest.fixture
def pdf_support(tmp_path):
    """Skip unless `natokg ingest` reads a good PDF: these tests are about refusing broken ones."""
    good = _pdf(DEFENCE.read_text("utf-8").replace("ë", "e"), tmp_path / "good.pdf")
    result = natokg(tmp_path / "probe-store", "ingest", "-j", "1", str(good))
    if result.exit_code != 0:
        pytest.skip("needs PDF support (issue 3)")
    return good


def test_a_truncated_pdf_is_refused(seeded, tmp_path, pdf_support):
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(pdf_support.read_bytes()[: len(pdf_support.read_bytes()) // 2])
    refused(seeded, truncated, "PDF")


def test_an_encrypted_pdf_is_refused(seeded, tmp_path, pdf_support):
    locked = _pdf(DEFENCE.read_text("utf-8").replace("ë", "e"), tmp_path / "locked.pdf", encrypt="secret")
    refused(seeded, locked, "encrypted")
