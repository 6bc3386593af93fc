"""Results of stored queries kept in the store's directory, for as long as the store is unchanged.

At 10,000 letters Oxigraph takes 0.1-0.5 s to evaluate a listing, most of it its cost per row
(bench/README.md), and people ask the same listing again and again: at the command line, and
through `natokg serve` for everyone who opens the same page. A stored query's result is kept
as JSON under the store's state (`kg.store.store_state`: what its files hold, which every write
changes and reading does not) and read back while that state lasts.

Only a read-only store keeps results: it sees the data as they were when it opened, and its
state was taken before that, so a kept result is never older than what the reader would see
itself. A writer's state changes as it writes, so it evaluates every query. A result is found
by the query's text and its bound values, so an edited `.rq` file or another parameter is
another result.

JSON, not pickle: a store directory may come from someone else, and reading it must not run
code. A file that cannot be read or written is passed over: the query is evaluated instead.

Beside each result a small file says which stored query, with which parameters, it answers
(`asked`), so that a command which changed the store can evaluate again the answers people were
reading (`kg.queries.refresh`): the next person asking gets a kept result, not the first
evaluation after the change.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping

from rdflib.term import BNode, Identifier, URIRef

from kg.store import Row, literal, no_cycle_collection, to_ox

FOLDER = "natokg-results"
# Raised when the file layout changes, so files of an older natokg are not read.
FORMAT = 2
# Kept results per store state; beyond this the least recently written goes. Each parameter
# value is its own result (`natokg serve` with one session after another).
MAXIMUM = 200

# One letter for each kind of term in a file.
_IRI, _BLANK, _PLAIN, _LANGUAGE, _TYPED, _UNBOUND = "ibplt-"
# Beside `<key>.json`, which stored query with which parameters it answers.
ASKED = ".asked"


def folder(store: object) -> Path | None:
    """Where results of `store` are kept: None unless it is an on-disk, read-only store."""
    state = getattr(store, "state", None)
    path = getattr(store, "path", None)
    if state is None or path is None:
        return None
    return Path(path) / FOLDER / state


def key(query: str, bindings: Mapping[str, Identifier]) -> str:
    """The file name of one query with its bound values."""
    described = [FORMAT, query, sorted((name, str(to_ox(term))) for name, term in bindings.items())]
    return hashlib.sha256(json.dumps(described).encode()).hexdigest()[:40] + ".json"


def get(store: object, query: str, bindings: Mapping[str, Identifier]) -> tuple[list[str], list[Row]] | None:
    """The kept result of `query` with `bindings` on `store`, or None."""
    where = folder(store)
    if where is None:
        return None
    path = where / key(query, bindings)
    try:
        with open(path, "rb") as file, no_cycle_collection():
            kept = json.load(file)
            names = [str(name) for name in kept["names"]]
            terms = _terms(kept["kinds"], kept["values"], kept["extras"])
            cells = list(map(terms.__getitem__, kept["rows"]))
            if len(cells) % max(1, len(names)):
                raise ValueError("a row cut short")
            # One pass in C: the flat cells taken a row's width at a time.
            rows = list(zip(*[iter(cells)] * len(names))) if names else []
    except (OSError, ValueError, KeyError, IndexError, TypeError, StopIteration):
        return None
    try:
        os.utime(path)  # read now: the most recently read are kept longest, and refreshed first
    except OSError:
        pass
    return names, rows


def put(store: object, query: str, bindings: Mapping[str, Identifier], names: list[str], rows: list[Row],
        asked: tuple[str, Mapping[str, str]] | None = None) -> None:
    """Keep a result just evaluated on `store`; results under other states are removed.

    `asked` is the stored query's name and the parameters as given, for `asked_before`."""
    where = folder(store)
    if where is None:
        return
    number: dict[Identifier | None, int] = {}
    cells = [number.setdefault(term, len(number)) for row in rows for term in row]
    kinds, values, extras = [], [], []
    for term in number:
        kind, value, extra = _encoded(term)
        kinds.append(kind)
        values.append(value)
        if extra is not None:
            extras.append(extra)
    # Each distinct term once, as one letter for its kind and its text; the rows as one flat
    # list of term numbers. Flat lists of strings and numbers are what JSON reads fastest.
    text = json.dumps({"names": names, "kinds": "".join(kinds), "values": values, "extras": extras, "rows": cells},
                      ensure_ascii=False, separators=(",", ":"))
    try:
        _forget_other_states(where)
        where.mkdir(parents=True, exist_ok=True)
        name = key(query, bindings)
        if asked is not None:
            _write(where, name + ASKED, json.dumps({"query": asked[0], "params": dict(asked[1])}, ensure_ascii=False))
        _write(where, name, text)
        _keep_newest(where)
    except OSError:
        return  # a store directory this user may not write to: the query is evaluated each time


def asked_before(location: str | os.PathLike[str]) -> list[tuple[str, dict[str, str]]]:
    """The stored queries, with their parameters, whose answers are kept for the store at
    `location`, under any state: the most recently read first."""
    found = []
    for path in Path(location, FOLDER).glob("*/*.json"):
        try:
            with open(path.with_name(path.name + ASKED), encoding="utf-8") as file:
                asked = json.load(file)
            read = path.stat().st_mtime_ns
        except (OSError, ValueError):
            continue  # kept by a natokg that did not say, or just removed
        if (isinstance(asked, dict) and isinstance(asked.get("query"), str) and isinstance(asked.get("params"), dict)
                and all(isinstance(value, str) for value in asked["params"].values())):
            found.append((read, asked["query"], asked["params"]))
    found.sort(key=lambda entry: entry[0], reverse=True)
    unique = []
    for _, query, params in found:
        if (query, params) not in unique:
            unique.append((query, params))
    return unique


def _write(where: Path, name: str, text: str) -> None:
    # Written aside and renamed: a reader finds the whole file or none.
    handle, temporary = tempfile.mkstemp(dir=where, suffix=".part")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.write(text)
    os.replace(temporary, where / name)


def _forget_other_states(where: Path) -> None:
    for other in where.parent.glob("*") if where.parent.is_dir() else ():
        if other.name != where.name:
            shutil.rmtree(other, ignore_errors=True)


def _keep_newest(where: Path) -> None:
    files = sorted(where.glob("*.json"), key=lambda path: path.stat().st_mtime_ns)
    for old in files[:-MAXIMUM] if len(files) > MAXIMUM else ():
        old.unlink(missing_ok=True)
        old.with_name(old.name + ASKED).unlink(missing_ok=True)


def _encoded(term: Identifier | None) -> tuple[str, str | None, str | None]:
    """(kind, text, language or datatype) of one term."""
    if term is None:
        return _UNBOUND, None, None
    if isinstance(term, URIRef):
        return _IRI, str(term), None
    if isinstance(term, BNode):
        return _BLANK, str(term), None
    if term.language:
        return _LANGUAGE, str(term), term.language
    if term.datatype is not None:
        return _TYPED, str(term), str(term.datatype)
    return _PLAIN, str(term), None


def _terms(kinds: str, values: list, extras: list) -> list[Identifier | None]:
    if len(kinds) != len(values):
        raise ValueError("as many kinds as terms")
    extra = iter(extras)
    terms: list[Identifier | None] = []
    for kind, value in zip(kinds, values):
        if not isinstance(value, str) and kind != _UNBOUND:
            raise ValueError("a term's text is a string")
        if kind == _IRI:
            # Written from a term that was checked when it was made; a file changed by hand gives
            # at worst a wrong IRI, as a store changed by hand would.
            terms.append(str.__new__(URIRef, value))
        elif kind == _PLAIN:
            terms.append(literal(value))
        elif kind == _TYPED:
            terms.append(literal(value, datatype=next(extra)))
        elif kind == _LANGUAGE:
            terms.append(literal(value, language=next(extra)))
        elif kind == _BLANK:
            terms.append(BNode(value))
        elif kind == _UNBOUND:
            terms.append(None)
        else:
            raise ValueError(f"unknown term kind {kind!r}")
    return terms
