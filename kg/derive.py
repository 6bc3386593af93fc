"""What only the letters together say: the step after the letters are stored.

Each letter graph says what one letter says. Some facts need two letters: that "de Top in Vilnius
van juli" in one letter is the summit of 11 July that another letter reports on, or that the
annotated agenda announced a session the report does not have. This module reads the stored
letter graphs through its own stored queries (`queries/derive/*.rq`)
and returns `DerivedFacts`; `kg.triples.derived_graphs` maps them to one graph per meeting type
and month (`id:graph/derived/{type}/{YYYY-MM}`), and `kg.pipeline.refresh_derived` replaces the
graphs of the months a batch of letters touched.

The result is a function of the set of letter graphs in the store and of nothing else (not of
the order they came in, not of the previous derived graph, which none of the queries read), so
re-ingesting, or ingesting the same letters in another order, gives the same derived graph.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import Iterable

from rdflib.namespace import XSD
from rdflib.term import Identifier, Literal, URIRef

from kg import iris
from kg.facts import DerivedFacts, Discrepancy, MeetingAlias
from kg.queries import QUERY_DIR, load
from kg.remote import bind_rows
from kg.store import GraphStore
from kg.text import fold

DERIVE_QUERIES = QUERY_DIR / "derive"


Month = tuple[str, str]  # (meeting type slug, YYYY-MM): the unit the step recomputes, see iris.derived_graph


def _rows(store: GraphStore, text: str, bindings: dict[str, Identifier] | None = None) -> list[dict[str, str | None]]:
    names, rows = store.select(text, bindings)
    return [{n: (None if v is None else str(v)) for n, v in zip(names, row)} for row in rows]


def _query(name: str) -> str:
    return load(DERIVE_QUERIES / f"{name}.rq").text


def _stored(store: GraphStore, name: str, bindings: dict[str, Identifier] | None = None) -> list[dict[str, str | None]]:
    return _rows(store, _query(name), bindings)


# What a letter type says about its meeting: an annotated agenda gives the plan, a report what was held.
STATUS = {"annotated-agenda": "planned", "report": "held"}


def derive(store: GraphStore, months: Iterable[Month] | None = None,
           meetings: Iterable[str] | None = None) -> DerivedFacts:
    """Everything the stored letters say together; with `months`, only about the meetings in those
    months (each a meeting type and a month: `months_of`), which is all that letters naming only
    meetings in those months can change.

    The whole store: two queries read every letter graph once, each pattern inside its graph (a
    meeting many letters restate would otherwise multiply under the union graph). Some months: one
    query finds the meetings in them, and two queries per meeting read what each letter graph says
    of it (the sessions of a letter are those of the meeting it is about, so its account is among
    them). Either way the joins between letters are made here, where they cost a dictionary
    lookup, and the facts about a month are the same as the whole store's facts about it.
    """
    if months is None:
        nodes, sessions = _stored(store, "meeting-nodes"), _stored(store, "session-titles")
        wanted = None
    else:
        wanted = set(months)
        nodes, sessions = [], []
        for meeting in sorted(meetings_in_months(store, wanted) if meetings is None else meetings):
            nodes += _stored(store, "meeting-nodes", {"meeting": URIRef(meeting)})
            sessions += _stored(store, "meeting-sessions", {"meeting": URIRef(meeting)})
    for row in nodes:
        row["status"] = STATUS.get(row["letter_type"], row["letter_type"])
    # A letter's account (planned or held) comes from its own meeting's row, in whatever month.
    status = {row["graph"]: row["status"] for row in nodes if row["letter_type"] is not None}

    def inside(row: dict[str, str | None]) -> bool:
        month = iris.meeting_month(row["meeting"])
        return month is not None and (wanted is None or month in wanted)

    nodes = [row for row in nodes if inside(row)]
    aliases = find_aliases(nodes)
    canonical = {a.alias: a.meeting for a in aliases}
    accounts = [row for row in nodes if row["letter_type"] is not None]
    sessions = [{**row, "status": status.get(row["graph"])} for row in sessions if inside(row)]
    discrepancies = compare(accounts, sessions, canonical)
    return DerivedFacts(aliases=aliases, discrepancies=discrepancies)


def months_of(meetings: Iterable[str]) -> set[Month]:
    """The months (type, YYYY-MM) of these meeting IRIs."""
    return {month for month in map(iris.meeting_month, meetings) if month is not None}


def meetings_in_months(store: GraphStore, months: Iterable[Month]) -> set[str]:
    """The meeting nodes of one of these types in one of these months, in any letter graph."""
    wanted = set(months)
    when: list[Literal] = []
    for year_month in sorted({month for _, month in wanted}):
        year, month = map(int, year_month.split("-"))
        when.append(Literal(year_month, datatype=XSD.gYearMonth))
        when += [Literal(Date(year, month, day).isoformat(), datatype=XSD.date)
                 for day in range(1, calendar.monthrange(year, month)[1] + 1)]
    if not when:
        return set()
    rows = _rows(store, bind_rows(_query("month-meetings"), "when", when))
    return {row["meeting"] for row in rows if iris.meeting_month(row["meeting"]) in wanted}


def meetings_in(store: GraphStore, graph: str) -> set[str]:
    """The meeting nodes a stored letter graph states (none if it is not stored)."""
    return {row["meeting"] for row in _stored(store, "letter-meetings", {"graph": URIRef(graph)})}


# ---------------------------------------------------------------- one meeting, named twice


@dataclass
class _Node:
    iri: str
    type: str
    start: str | None  # YYYY-MM-DD
    month: str  # YYYY-MM
    city: str | None  # IRI
    letters: set[str]


def find_aliases(rows: list[dict[str, str | None]]) -> tuple[MeetingAlias, ...]:
    """Meeting nodes named without a day or a city that are one precise meeting node.

    A node dated by its month (a summit "in juni 2022 in Madrid") is the node of that type in that
    month with a day, in the same city when it names one; a node without a city is the node of that
    type on that day with a city. Only a unique candidate is taken: two summits in one month leave
    the mention as it is.
    """
    nodes: dict[str, _Node] = {}
    for row in rows:
        month = row["month"] or (row["start"] or "")[:7]
        if not month:
            continue
        node = nodes.setdefault(row["meeting"], _Node(row["meeting"], row["type"], row["start"], month,
                                                     row["city"], set()))
        node.letters.add(row["letter"])
    found = []
    for node in sorted(nodes.values(), key=lambda n: n.iri):
        if node.start is not None and node.city is not None:
            continue  # as precise as a node gets
        candidates = [other for other in nodes.values() if other is not node and _names(node, other)]
        placed = [c for c in candidates if c.city is not None]
        candidates = placed or candidates
        if len(candidates) == 1:
            [target] = candidates
            found.append(MeetingAlias(node.iri, target.iri, tuple(sorted(node.letters | target.letters))))
    return tuple(found)


def _names(vague: _Node, precise: _Node) -> bool:
    """`precise` is the meeting `vague` names, with a day or a city that `vague` lacks."""
    if precise.type != vague.type or precise.start is None:
        return False
    if vague.city is not None and precise.city != vague.city:
        return False
    if vague.start is not None:
        return precise.start == vague.start and precise.city is not None
    return precise.month == vague.month


# ---------------------------------------------------------------- planned versus held


def compare(accounts: list[dict[str, str | None]], sessions: list[dict[str, str | None]],
            canonical: dict[str, str] | None = None) -> tuple[Discrepancy, ...]:
    """Where the annotated agendas (planned) and the reports (held) of one meeting disagree:
    its last day, whether it is informal, and its sessions (a session only one of them has, or a
    different title). A meeting without both an agenda and a report is not compared, and neither
    are its sessions when one side numbers none."""
    canonical = canonical or {}
    by_meeting: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(
        lambda: {"planned": defaultdict(set), "held": defaultdict(set)})
    letters: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"planned": set(), "held": set()})
    for row in accounts:
        meeting, status = canonical.get(row["meeting"], row["meeting"]), row["status"]
        if status not in ("planned", "held"):
            continue
        letters[meeting][status].add(row["letter"])
        facts = by_meeting[meeting][status]
        for field in ("end", "informal"):
            if row[field] is not None:
                facts[field].add(row[field])
    titles: dict[str, dict[str, dict[int, set[str]]]] = defaultdict(
        lambda: {"planned": defaultdict(set), "held": defaultdict(set)})
    for row in sessions:
        meeting, status = canonical.get(row["meeting"], row["meeting"]), row.get("status")
        if status in ("planned", "held") and row["number"] is not None:
            entry = titles[meeting][status][int(row["number"])]
            if row["title"]:
                entry.add(row["title"])
    found: list[Discrepancy] = []
    for meeting in sorted(letters):
        planned, held = letters[meeting]["planned"], letters[meeting]["held"]
        if not planned or not held:
            continue
        compared = tuple(sorted(planned | held))

        def issue(about: str, key: str, message: str) -> None:
            found.append(Discrepancy(meeting, about, key, message, compared))

        facts = by_meeting[meeting]
        for field, words in (("end", "last day"), ("informal", "informal")):
            before, after = facts["planned"][field], facts["held"][field]
            if before and after and before != after:
                issue(meeting, f"meeting-{field}",
                      f"the annotated agenda gives the meeting's {words} as {_list(before)}, "
                      f"the report as {_list(after)}")
        before, after = titles[meeting]["planned"], titles[meeting]["held"]
        if not before or not after:
            continue
        for number in sorted(set(before) | set(after)):
            session = str(iris.session(meeting, number))
            if number not in after:
                issue(session, f"session-{number}-not-held",
                      f"session {number}{_quoted(before[number])} was on the annotated agenda, "
                      f"but the report gives no session {number}")
            elif number not in before:
                issue(session, f"session-{number}-not-planned",
                      f"session {number}{_quoted(after[number])} is in the report, "
                      f"but was not on the annotated agenda")
            elif before[number] and after[number] and \
                    not {_norm(t) for t in before[number]} & {_norm(t) for t in after[number]}:
                issue(session, f"session-{number}-title",
                      f"session {number} was announced as {_list(before[number], '«»')} "
                      f"and reported as {_list(after[number], '«»')}")
    return tuple(found)


def _norm(title: str) -> str:
    return " ".join(fold(title).casefold().split())


def _list(values: set[str], quotes: str = "") -> str:
    left, right = (quotes[0], quotes[1]) if quotes else ("", "")
    return " or ".join(f"{left}{v}{right}" for v in sorted(values))


def _quoted(titles: set[str]) -> str:
    return f" ({_list(titles, '«»')})" if titles else ""


def derive_query_paths() -> list[Path]:
    """The stored queries this step reads."""
    return sorted(DERIVE_QUERIES.glob("*.rq"))
