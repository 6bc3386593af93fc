"""Publishing when things go wrong: a server that is down, one that answers 500 twice and then
200, credentials from the environment only; and a failed publish changes nothing locally."""
from __future__ import annotations

import base64
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import NatokgError, RemoteError
from kg.publish import FAILED, NOT_SENT, SENT, graph_order, local_graphs, publish
from kg.remote import SparqlEndpointStore
from kg.store import OxigraphStore, load_dataset, open_store
from kg.transport import Client, credentials_from_env
from servers import ScriptedServer, free_port

MINI = Path(__file__).parent / "fixtures" / "mini.trig"
ID = "https://w3id.org/natokg/id/"
SECRET = "s3cr3t-pa55word"
TOKEN = "t0ken-abc.def"
# The count query after publishing, as a scripted server answers it: every graph the right size.
ENV_CLEAN = {"NATOKG_SPARQL_USER": "", "NATOKG_SPARQL_PASSWORD": "", "NATOKG_SPARQL_TOKEN": ""}


@pytest.fixture
def mini():
    with OxigraphStore() as store:
        load_dataset(store, MINI)
        yield store


@pytest.fixture
def scripted():
    servers = []

    def start(**kwargs) -> ScriptedServer:
        server = ScriptedServer(**kwargs)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def _no_sleep(waits: list[float]):
    return waits.append


def _gsp(server: ScriptedServer, waits: list[float], **kwargs) -> SparqlEndpointStore:
    client = Client(retries=kwargs.pop("retries", 3), backoff=0.5, sleep=_no_sleep(waits), timeout=5, **kwargs)
    return SparqlEndpointStore(server.url + "/query", graph_store=server.url + "/store", client=client)


def test_graphs_go_reference_and_ontology_first(mini):
    order = graph_order(list(local_graphs(mini)))
    assert order == [ID + "graph/reference", ID + "graph/ontology",
                     ID + "graph/letter/verslag-navo-ministeriele-boekarest"]


def test_500_twice_then_200_is_published_after_three_attempts(mini, scripted):
    server = scripted(script=[500, 500], then=200)
    waits: list[float] = []
    report = publish(mini, _gsp(server, waits), check=False)
    assert report.ok, report.summary()
    assert [o.attempts for o in report.outcomes] == [3, 1, 1]
    assert waits == [0.5, 1.0]  # back-off doubles
    puts = [r for r in server.requests if r.method == "PUT"]
    assert len(puts) == 5
    first = urllib.parse.urlsplit(puts[0].path)
    assert urllib.parse.parse_qs(first.query) == {"graph": [ID + "graph/reference"]}
    assert puts[0].body == puts[1].body == puts[2].body == local_graphs(mini)[ID + "graph/reference"]
    assert puts[0].headers["Content-Type"].startswith("text/turtle")
    assert "3 attempts" in report.summary()


def test_a_server_that_keeps_failing_stops_the_run(mini, scripted):
    server = scripted(then=503)
    waits: list[float] = []
    report = publish(mini, _gsp(server, waits, retries=2), check=False)
    assert not report.ok
    assert [o.status for o in report.outcomes] == [FAILED, NOT_SENT, NOT_SENT]
    assert report.outcomes[0].attempts == 3 and "HTTP 503" in report.outcomes[0].error
    assert len(server.requests) == 3
    assert "NOT all published" in report.summary()


def test_a_server_that_is_down(mini):
    port = free_port()  # nothing listens there
    waits: list[float] = []
    client = Client(retries=2, backoff=0.25, sleep=_no_sleep(waits), timeout=2)
    remote = SparqlEndpointStore(f"http://127.0.0.1:{port}/query", graph_store=f"http://127.0.0.1:{port}/store",
                                 client=client)
    before = mini.dump("nquads")
    report = publish(mini, remote)
    assert [o.status for o in report.outcomes] == [FAILED, NOT_SENT, NOT_SENT]
    assert "no answer" in report.outcomes[0].error
    assert waits == [0.25, 0.5]
    assert mini.dump("nquads") == before
    assert not report.ok and report.sent == []


def test_a_client_error_on_one_graph_does_not_stop_the_others(mini, scripted):
    server = scripted(script=[204, 413], then=204)
    report = publish(mini, _gsp(server, []), check=False)
    assert [o.status for o in report.outcomes] == [SENT, FAILED, SENT]
    assert report.outcomes[1].attempts == 1 and "HTTP 413" in report.outcomes[1].error


def test_redirects_are_not_followed(mini, scripted):
    server = scripted(then=307)
    report = publish(mini, _gsp(server, []), check=False)
    assert report.outcomes[0].status == FAILED and "redirects" in report.outcomes[0].error
    assert len(server.requests) == 3  # every graph tried once, nothing sent elsewhere


def test_the_check_finds_a_graph_the_server_did_not_keep(mini, scripted):
    sizes = {g: data.count(b"\n") for g, data in local_graphs(mini).items()}
    sizes[ID + "graph/ontology"] -= 1
    bindings = ",".join(
        '{"g":{"type":"uri","value":"%s"},"n":{"type":"literal","value":"%d",'
        '"datatype":"http://www.w3.org/2001/XMLSchema#integer"}}' % (g, n) for g, n in sizes.items())
    body = ('{"head":{"vars":["g","n"]},"results":{"bindings":[%s]}}' % bindings).encode()
    server = scripted(then=200, body=body, content_type="application/sparql-results+json")
    report = publish(mini, _gsp(server, []))
    assert [o.status for o in report.outcomes] == [SENT, "mismatch", SENT]
    assert not report.ok


def test_credentials_come_from_the_environment(mini_store_dir, scripted, monkeypatch):
    server = scripted(then=204)
    monkeypatch.setenv("NATOKG_SPARQL_USER", "publisher")
    monkeypatch.setenv("NATOKG_SPARQL_PASSWORD", SECRET)
    monkeypatch.delenv("NATOKG_SPARQL_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["--store", str(mini_store_dir), "publish", "--endpoint", server.url + "/query",
                                      "--graph-store", server.url + "/store", "--no-check"])
    assert result.exit_code == 0, result.output
    expected = "Basic " + base64.b64encode(f"publisher:{SECRET}".encode()).decode()
    assert {r.headers.get("Authorization") for r in server.requests} == {expected}
    assert SECRET not in result.output


def test_a_bearer_token(scripted, monkeypatch):
    server = scripted(then=200, content_type="application/sparql-results+json",
                      body=b'{"head":{"vars":["g"]},"results":{"bindings":[]}}')
    monkeypatch.setenv("NATOKG_SPARQL_TOKEN", TOKEN)
    monkeypatch.delenv("NATOKG_SPARQL_USER", raising=False)
    monkeypatch.delenv("NATOKG_SPARQL_PASSWORD", raising=False)
    result = CliRunner().invoke(cli, ["query", "letters", "--endpoint", server.url + "/sparql"])
    assert result.exit_code == 0, result.output
    assert {r.headers.get("Authorization") for r in server.requests} == {f"Bearer {TOKEN}"}


def test_refused_credentials_stop_the_run_and_are_never_shown(mini_store_dir, scripted, monkeypatch):
    server = scripted(then=401)
    monkeypatch.setenv("NATOKG_SPARQL_TOKEN", TOKEN)
    result = CliRunner().invoke(cli, ["--store", str(mini_store_dir), "--debug", "publish", "--endpoint",
                                      server.url + "/query", "--graph-store", server.url + "/store"])
    assert result.exit_code == 2
    assert "HTTP 401" in result.output and "NATOKG_SPARQL_TOKEN" in result.output
    assert "not sent" in result.output
    assert TOKEN not in result.output
    assert len(server.requests) == 1  # no retry on 401, no further graphs


def test_credentials_in_the_url_are_refused(monkeypatch):
    result = CliRunner().invoke(cli, ["query", "letters", "--endpoint", f"http://user:{SECRET}@127.0.0.1:9/sparql"])
    assert result.exit_code == 2
    assert "NATOKG_SPARQL_USER" in result.output and SECRET not in result.output


@pytest.mark.parametrize("env, problem", [
    ({"NATOKG_SPARQL_USER": "a", "NATOKG_SPARQL_TOKEN": "t"}, "not both"),
    ({"NATOKG_SPARQL_USER": "a"}, "both"),
    ({"NATOKG_SPARQL_USER": "a:b", "NATOKG_SPARQL_PASSWORD": "c"}, "':'"),
    ({"NATOKG_SPARQL_TOKEN": "a\r\nX-Evil: 1"}, "line break"),
])
def test_bad_credential_settings(env, problem):
    with pytest.raises(NatokgError, match=problem):
        credentials_from_env({**ENV_CLEAN, **env})


def test_credentials_never_show_in_repr():
    credentials = credentials_from_env({**ENV_CLEAN, "NATOKG_SPARQL_TOKEN": TOKEN})
    assert TOKEN not in repr(credentials) and TOKEN not in str(credentials)
    assert TOKEN not in repr(Client(credentials=credentials))


def test_the_cli_exit_code_and_summary_when_the_server_is_down(mini, mini_store_dir):
    store_dir = mini_store_dir
    before = sorted(p.name for p in store_dir.iterdir())
    port = free_port()
    result = CliRunner().invoke(cli, ["--store", str(store_dir), "publish", "--endpoint",
                                      f"http://127.0.0.1:{port}/query", "--graph-store",
                                      f"http://127.0.0.1:{port}/store", "--retries", "0", "--timeout", "2"])
    assert result.exit_code == 2
    assert "0 of 3 graphs published" in result.output and "run again" in result.output
    with open_store(store_dir, read_only=True) as store:
        assert store.triple_count() == mini.triple_count()
    assert sorted(p.name for p in store_dir.iterdir()) == before


def test_a_timeout_is_retried(scripted):
    import threading
    import time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    calls = []

    class Slow(BaseHTTPRequestHandler):
        def do_PUT(self):  # noqa: N802
            calls.append(time.monotonic())
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if len(calls) == 1:
                time.sleep(1.5)  # longer than the client's timeout
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Slow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        remote = SparqlEndpointStore(url + "/query", graph_store=url + "/store",
                                     client=Client(timeout=0.5, retries=1, backoff=0, sleep=lambda s: None))
        assert remote.put_graph(ID + "graph/x", b"") == 2
    finally:
        server.shutdown()
        server.server_close()


def test_an_empty_store_is_an_error():
    with OxigraphStore() as empty, pytest.raises(NatokgError, match="empty"):
        publish(empty, SparqlEndpointStore("http://127.0.0.1:9/query"))


def test_remote_error_kinds(scripted):
    server = scripted(then=404)
    client = Client(retries=3, sleep=lambda s: None)
    with pytest.raises(RemoteError) as caught:
        client.request("GET", server.url + "/x")
    assert caught.value.kind == "client" and caught.value.status == 404 and caught.value.attempts == 1


def test_a_query_answer_that_is_not_sparql_json_is_a_remote_error(scripted):
    server = scripted(then=200, body=b"<html>a login page</html>", content_type="text/html")
    store = SparqlEndpointStore(server.url + "/query", client=Client(retries=0, sleep=lambda s: None))
    with pytest.raises(RemoteError, match="cannot read the SELECT result .the answer is not SPARQL JSON"):
        store.graphs()


def test_a_publish_whose_server_cannot_list_its_graphs_says_so(mini, scripted):
    # Every PUT goes; the listing that finds stale derived graphs gets a page that is no answer.
    server = scripted(then=200, body=b"<html>a login page</html>", content_type="text/html")
    report = publish(mini, _gsp(server, []))
    assert all(o.status == "sent" for o in report.outcomes) and not report.ok
    assert "not removed: stale derived graphs" in report.summary()
    assert "the answer is not SPARQL JSON" in report.summary()
