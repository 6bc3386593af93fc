"""HTTP to SPARQL servers: credentials from the environment, timeouts, retries with back-off.

Credentials never come from the command line (where `ps` and shell history would show them) and
never appear in a message: they are read from environment variables and sent as one
`Authorization` header. Requests that fail for a reason that may pass (no connection, a timeout,
a 5xx answer) are retried with exponential back-off; every other refusal is final at once.
Redirects are not followed, so credentials never travel to a host the user did not name.
"""
from __future__ import annotations

import base64
import ipaddress
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Mapping

from kg import __version__
from kg.errors import NatokgError, RemoteError

ENV_USER = "NATOKG_SPARQL_USER"
ENV_PASSWORD = "NATOKG_SPARQL_PASSWORD"
ENV_TOKEN = "NATOKG_SPARQL_TOKEN"

USER_AGENT = f"natokg/{__version__}"
MAX_BACKOFF = 30.0  # seconds: the longest single wait, also for a server's Retry-After


@dataclass(frozen=True)
class Credentials:
    """What goes into the Authorization header; its repr never shows the secret."""

    scheme: str  # "basic" or "bearer"
    header: str = field(repr=False)

    def __str__(self) -> str:
        return f"{self.scheme} credentials"


def credentials_from_env(environ: Mapping[str, str] | None = None) -> Credentials | None:
    """Basic credentials from NATOKG_SPARQL_USER and NATOKG_SPARQL_PASSWORD, or a bearer token
    from NATOKG_SPARQL_TOKEN; None when neither is set. Setting both is an error."""
    env = os.environ if environ is None else environ
    user, password, token = env.get(ENV_USER, ""), env.get(ENV_PASSWORD, ""), env.get(ENV_TOKEN, "")
    if token and (user or password):
        raise NatokgError(f"set either {ENV_TOKEN} or {ENV_USER}/{ENV_PASSWORD}, not both")
    if token:
        _header_safe(token, ENV_TOKEN)
        return Credentials("bearer", f"Bearer {token}")
    if user or password:
        if not user or not password:
            raise NatokgError(f"basic authentication needs both {ENV_USER} and {ENV_PASSWORD}")
        if ":" in user:
            raise NatokgError(f"{ENV_USER} cannot contain ':' (basic authentication splits on it)")
        _header_safe(user + password, f"{ENV_USER}/{ENV_PASSWORD}")
        encoded = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
        return Credentials("basic", f"Basic {encoded}")
    return None


def _header_safe(value: str, name: str) -> None:
    if any(ch in value for ch in "\r\n\0"):
        raise NatokgError(f"{name} contains a line break or NUL")


def check_url(url: str, what: str = "endpoint") -> str:
    """An absolute http(s) URL without user:password@ (credentials belong in the environment)."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NatokgError(f"the {what} must be an http:// or https:// URL, not {redact(url)!r}")
    if parts.username is not None or parts.password is not None:
        raise NatokgError(f"the {what} URL holds credentials; put them in {ENV_USER}/{ENV_PASSWORD} "
                          f"or {ENV_TOKEN} instead")
    return url.strip()


def redact(url: str) -> str:
    """The URL as messages show it: scheme, host, port and path (no credentials, no query)."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        port = f":{parts.port}" if parts.port else ""
        return urllib.parse.urlunsplit((parts.scheme, host + port, parts.path, "", ""))
    except ValueError:
        return "<unreadable URL>"


def is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib's signature
        return None  # urllib then raises the 3xx as an HTTPError


_OPENER = urllib.request.build_opener(_NoRedirect())


@dataclass
class Response:
    status: int
    body: bytes
    headers: Mapping[str, str]
    attempts: int


@dataclass
class Client:
    """One server's connection settings: credentials, timeout, retries, back-off."""

    credentials: Credentials | None = None
    timeout: float = 30.0
    retries: int = 3  # extra attempts after the first
    backoff: float = 0.5  # seconds before the first retry; doubles each time
    sleep: Callable[[float], None] = time.sleep

    def request(self, method: str, url: str, *, data: bytes | None = None,
                headers: Mapping[str, str] | None = None, what: str = "request") -> Response:
        """Send one request, retrying on no connection, timeouts and 5xx; a 2xx answer is returned,
        anything else raises RemoteError (with `kind`, `status` and `attempts`)."""
        attempts = 0
        while True:
            attempts += 1
            try:
                return self._once(method, url, data, headers, attempts)
            except RemoteError as error:
                error.attempts = attempts
                if error.kind not in ("connection", "server") or attempts > self.retries:
                    if attempts > 1:
                        error.args = (f"{error.args[0]} (after {attempts} attempts)",)
                    raise
                self.sleep(self._wait(attempts, getattr(error, "retry_after", None)))

    def _wait(self, attempt: int, retry_after: float | None) -> float:
        wait = self.backoff * (2 ** (attempt - 1))
        if retry_after is not None:
            wait = max(wait, retry_after)
        return min(wait, MAX_BACKOFF)

    def _once(self, method: str, url: str, data: bytes | None, headers: Mapping[str, str] | None,
              attempts: int) -> Response:
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("User-Agent", USER_AGENT)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        if self.credentials is not None:
            request.add_header("Authorization", self.credentials.header)
        where = f"{method} {redact(url)}"
        try:
            with _OPENER.open(request, timeout=self.timeout) as answer:
                return Response(answer.status, answer.read(), dict(answer.headers.items()), attempts)
        except urllib.error.HTTPError as error:
            raise _http_error(error, where) from None
        except (urllib.error.URLError, ConnectionError, socket.timeout, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise RemoteError(f"{where}: no answer ({_one_line(reason)})", kind="connection") from None


def _http_error(error: urllib.error.HTTPError, where: str) -> RemoteError:
    status = error.code
    try:
        detail = _one_line(error.read(500).decode("utf-8", "replace"))
    except Exception:  # noqa: BLE001 - the body is only a courtesy
        detail = ""
    finally:
        error.close()
    text = f"{where}: HTTP {status} {error.reason}" + (f": {detail[:200]}" if detail else "")
    if 300 <= status < 400:
        location = error.headers.get("Location", "")
        return RemoteError(f"{where}: the server redirects (HTTP {status}) to {redact(location)}; "
                           "use that URL (natokg does not follow redirects with credentials)",
                           kind="client", status=status)
    if status in (401, 403):
        kind = "auth"
        text += f" (check {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN})"
    elif status >= 500:
        kind = "server"
    else:
        kind = "client"
    remote = RemoteError(text, kind=kind, status=status)
    retry_after = error.headers.get("Retry-After", "") if error.headers else ""
    if retry_after.strip().isdigit():
        remote.retry_after = float(retry_after.strip())  # type: ignore[attr-defined]
    return remote


def _one_line(value: object) -> str:
    return " ".join(str(value).split())
