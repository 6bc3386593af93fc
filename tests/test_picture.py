"""`natokg graph`: the picture of one meeting (kg/picture.py), drawn from the stored queries."""
from __future__ import annotations

import html
import re

import pytest
from click.testing import CliRunner

from conftest import require_tool
from kg import pipeline
from kg.cli import cli
from kg.picture import ROLE_COLOURS, meeting_dot, meeting_picture, pipe
from kg.queries import run
from kg.store import open_store

MEETING = "https://w3id.org/natokg/id/meeting/foreign-ministers/2022-11-29/bucharest"


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("picture") / "store"
    from kg.tools.make_docs import SEED

    with open_store(path) as store:
        assert all(o.ingested for o in pipeline.ingest_paths([SEED], store))
    return path


def svg_parts(svg: str) -> tuple[set[str], set[str], dict[str, str]]:
    """The texts, the edges (`tail->head`) and each node's fill colour of a Graphviz SVG."""
    texts = {html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
    edges = {html.unescape(t) for t in re.findall(r'<g id="edge\d+" class="edge">\s*<title>([^<]*)</title>', svg)}
    fills = {}
    for title, body in re.findall(r'<g id="node\d+" class="node">\s*<title>([^<]*)</title>(.*?)</g>', svg, re.S):
        match = re.search(r'fill="(#[0-9a-fA-F]{6})"', body)
        fills[html.unescape(title)] = match.group(1).upper() if match else ""
    return texts, edges, fills


def test_the_seed_meeting_shows_every_session_and_participant(seed_store, tmp_path):
    require_tool("dot", "natokg graph draws with Graphviz")
    out = tmp_path / "bucharest.svg"
    result = CliRunner().invoke(cli, ["--store", str(seed_store), "graph", MEETING, "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts, edges, fills = svg_parts(out.read_text("utf-8"))
    with open_store(seed_store, read_only=True) as store:
        sessions = run(store, "sessions", {"meeting": MEETING})
        participants = run(store, "session-participants", {"meeting": MEETING})
        wide = run(store, "meeting-participants", {"meeting": MEETING})
    for row in sessions.rows:
        assert f"session {row[1]}" in texts and str(row[2]) in texts
    assert {"session 1", "session 2", "session 3", "session 4"} <= texts
    whole = {(str(r[1]), str(r[2])) for r in wide.rows}
    assert whole == {("FI", "invitee"), ("SE", "invitee")}
    for meeting, number, party, role, label in participants.rows:
        assert str(label) in texts and f"{party}, {role}" in texts
        node = f"party_{party}_{role}"
        assert fills[node] == ROLE_COLOURS[str(role)].upper()
        # a whole-meeting participant hangs from the meeting, the others from each session they attended
        assert (f"meeting->{node}" if (str(party), str(role)) in whole else f"session{number}->{node}") in edges
    assert {e for e in edges if e.startswith("session")} == {
        "session1->party_EU_partner", "session1->party_UA_partner", "session2->party_EU_partner",
        "session2->party_UA_partner", "session4->party_BA_partner", "session4->party_GE_partner",
        "session4->party_MD_partner"}
    # the letter it comes from, and how
    assert "seed-2022-11-bucharest.txt" in texts and "reports on" in texts and "letter0->meeting" in edges
    assert "Bucharest (RO)" in texts and "2022-11-29 – 2022-11-30" in texts


def test_png_too(seed_store, tmp_path):
    require_tool("dot", "natokg graph draws with Graphviz")
    out = tmp_path / "bucharest.png"
    result = CliRunner().invoke(cli, ["--store", str(seed_store), "graph", MEETING, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_an_unknown_meeting_is_one_line(seed_store, tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(seed_store), "graph", MEETING + "x", "-o",
                                      str(tmp_path / "x.svg")])
    assert result.exit_code == 2
    assert result.output.startswith(f"natokg: error: no meeting {MEETING}x in the store; `natokg query meetings`")
    assert not (tmp_path / "x.svg").exists()


def test_only_svg_and_png(seed_store, tmp_path):
    result = CliRunner().invoke(cli, ["--store", str(seed_store), "graph", MEETING, "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2 and "is not .svg or .png" in result.output


def test_without_graphviz_it_says_what_to_install(seed_store, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` here
    result = CliRunner().invoke(cli, ["--store", str(seed_store), "graph", MEETING, "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2
    assert "install Graphviz" in result.output and "apt-get install graphviz" in result.output


def test_the_picture_is_the_same_every_time(seed_store):
    require_tool("dot", "natokg graph draws with Graphviz")
    with open_store(seed_store, read_only=True) as store:
        first = meeting_dot(meeting_picture(store, MEETING))
        second = meeting_dot(meeting_picture(store, MEETING))
    assert first.source == second.source
    assert pipe(first) == pipe(second)
