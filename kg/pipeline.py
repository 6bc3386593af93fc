"""The one place that knows the order of the steps: letter -> text -> facts -> triples ->
validation -> store. Everything the CLI does with letters is a call into this module."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from kg import iris
from kg.errors import NatokgError, ReadError
from kg.extract import extract
from kg.facts import LetterFacts
from kg.reference import reference_graph
from kg.store import GraphStore
from kg.text import read_letter
from kg.triples import letter_graph, ontology_graph
from kg.validate import validate

LETTER_SUFFIXES = {".txt", ".text"}


@dataclass
class Outcome:
    """What became of one file: stored as `graph`, or refused with `error`."""

    path: Path
    graph: str | None = None
    facts: LetterFacts | None = None
    error: NatokgError | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ingested(self) -> bool:
        return self.error is None


def read(path: str | Path) -> LetterFacts:
    """Read and extract one letter; nothing is stored."""
    return extract(read_letter(path))


def store_reference_data(store: GraphStore) -> None:
    """The countries, cities and the ontology every letter graph points at, each in its own graph."""
    store.replace_graph(str(iris.reference_graph()), reference_graph())
    store.replace_graph(str(iris.ontology_graph()), ontology_graph())


def ingest_file(path: str | Path, store: GraphStore) -> Outcome:
    """Read, extract, map and validate one letter; only a valid letter reaches the store, whole."""
    path = Path(path)
    outcome = Outcome(path)
    try:
        facts = read(path)
        graph_iri, graph = letter_graph(facts)
        validate(graph, path.name)
        store.replace_graph(str(graph_iri), graph)
    except NatokgError as error:
        outcome.error = error
        return outcome
    outcome.graph, outcome.facts = str(graph_iri), facts
    outcome.warnings = [*facts.warnings, *(f"{path.name}: {issue.message}" for issue in facts.issues)]
    return outcome


def letter_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to ingest: each file named, and the letters in each folder named, recursively."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in LETTER_SUFFIXES)
        else:
            found.append(path)
    return found


def ingest_paths(paths: Iterable[str | Path], store: GraphStore,
                 progress: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Ingest every letter; one bad file never stops the others."""
    files = letter_files(paths)
    outcomes = []
    if files:
        store_reference_data(store)
    for path in files:
        if not path.exists():
            outcome = Outcome(path, error=ReadError(f"{path}: no such file"))
        else:
            outcome = ingest_file(path, store)
        outcomes.append(outcome)
        if progress:
            progress(outcome)
    return outcomes


def show(path: str | Path) -> str:
    """What natokg reads in a letter, fact by fact, each with the text it comes from."""
    facts = read(path)
    lines = [f"{facts.letter.source}"]

    def fact(label: str, value: str, span) -> None:
        quote = " ".join(span.text.split()) if span else ""
        if len(quote) > 100:
            quote = quote[:97] + "..."
        where = f" [{span.start}-{span.end}]" if span else ""
        lines.append(f"  {label:<14}{value}")
        if quote:
            lines.append(f"  {'':<14}«{quote}»{where}")

    letter = facts.letter
    fact("letter", f"{letter.type}, {letter.date or 'no date'}, {letter.author_role or '?'}, "
                   f"{letter.signatory or '?'}" + (f", Kamerstuk {letter.kamerstuk}" if letter.kamerstuk else ""),
         letter.span)
    meeting = facts.meeting
    if meeting:
        fact("meeting", f"{meeting.type}{' (informal)' if meeting.informal else ''}, {meeting.start} to "
                        f"{meeting.end}, {meeting.city or '?'} ({meeting.country or '?'})", meeting.span)
    else:
        lines.append("  meeting       none: the letter is about no NATO meeting")
    for session in facts.sessions:
        fact(f"session {session.number}", session.title, session.span)
    for participation in facts.participations:
        where = f"session {participation.session}" if participation.session else "whole meeting"
        fact("participant", f"{participation.party} as {participation.role}, {where}", participation.span)
    for fund in facts.funds:
        fact("fund", f"{fund.name}" + (f" ({fund.acronym})" if fund.acronym else ""), fund.span)
    for contribution in facts.contributions:
        amount = f"{contribution.currency} {contribution.amount:,}" if contribution.amount is not None else "no amount"
        fact("contribution", f"{contribution.donor} to {contribution.fund}: {amount}", contribution.span)
    for motion in facts.motions:
        fact("motion", f"{motion.submitter}, {motion.date or '?'}, {motion.kamerstuk or '?'}", motion.span)
    for document in facts.documents:
        fact("cites", document.kamerstuk, document.span)
    lines.append("  countries     " + ", ".join(c.code for c in facts.countries))
    for issue in facts.issues:
        fact("data issue", issue.message, issue.span)
    return "\n".join(lines)
