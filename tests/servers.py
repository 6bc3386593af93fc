"""Servers the remote-store tests talk to, all on 127.0.0.1 and all stopped by the tests:
a real Oxigraph server (the `oxigraph` package from PyPI) and a scripted HTTP server whose
answers a test chooses (for failures, retries and credentials)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sysconfig
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import require_tool


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    """The `oxigraph` server binary of this environment's `oxigraph` package (or on PATH)."""
    here = Path(sysconfig.get_path("scripts")) / "oxigraph"
    if here.exists():
        return str(here)
    require_tool("oxigraph", "the SPARQL server the remote tests publish to; pip install oxigraph")
    return shutil.which("oxigraph") or "oxigraph"


@dataclass
class OxigraphServer:
    """`oxigraph serve` in memory on a free port of 127.0.0.1."""

    process: subprocess.Popen
    base: str

    @property
    def query(self) -> str:
        return self.base + "/query"

    @property
    def update(self) -> str:
        return self.base + "/update"

    @property
    def store(self) -> str:
        return self.base + "/store"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start_oxigraph(*extra: str) -> OxigraphServer:
    binary = oxigraph_binary()
    for _ in range(5):  # the free port may be taken between choosing and binding it
        port = free_port()
        process = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}", *extra],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2):
                    return OxigraphServer(process, base)
            except OSError:
                time.sleep(0.05)
        process.kill()
        process.wait(timeout=10)
    raise RuntimeError("the Oxigraph server did not start")


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class ScriptedServer:
    """Answers each request with the next status of `script` (then `then`), and records it."""

    script: list[int] = field(default_factory=list)
    then: int = 204
    body: bytes = b""
    content_type: str = "text/plain"
    requests: list[Recorded] = field(default_factory=list)

    def __post_init__(self) -> None:
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                scripted.requests.append(Recorded(self.command, self.path, dict(self.headers.items()),
                                                  self.rfile.read(length)))
                status = scripted.script.pop(0) if scripted.script else scripted.then
                body = scripted.body if status < 300 else f"scripted {status}".encode()
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Type", scripted.content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = _answer  # noqa: N815

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
