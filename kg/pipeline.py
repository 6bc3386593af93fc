"""The one place that knows the order of the steps: letter -> text -> facts -> triples ->
validation -> store. Everything the CLI does with letters is a call into this module."""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Sequence

from rdflib import Graph, URIRef

from kg import iris
from kg.derive import Month, derive, meetings_in, meetings_in_months, months_of
from kg.errors import FileFailure, NatokgError, ReadError
from kg.extract import extract
from kg.facts import LetterFacts
from kg.reference import reference_graph
from kg.store import GraphStore, ntriples
from kg.text import letter_text, max_bytes_setting, read_letter
from kg.triples import derived_graphs, letter_graph, meetings_of, ontology_graph
from kg.validate import BATCH, validate_many

LETTER_SUFFIXES = {".txt", ".text", ".pdf", ".html", ".htm", ".xhtml"}
STDIN = Path("-")  # `natokg ingest -`: one letter on standard input
# In the store's folder while letters are written and what they say together is not yet derived:
# a run that finds it (the last one was killed) derives the whole store again, not just its months.
DERIVE_PENDING = "natokg-derive-pending"
# Reading what the letters say of one meeting costs about as much as reading this many whole letter
# graphs in one pass over the store (measured on the 10,800-letter benchmark store: 1.5 ms a meeting
# over 700 and over 5,000 meetings, 0.5 ms a letter for the whole store).
MEETING_COST = 3


@dataclass
class Outcome:
    """What became of one file: stored as `graph`, or refused with `error`.

    `facts` are what `ingest_file` and `prepare` read; `ingest_paths` lets them go once a
    letter is stored (a long ingest would otherwise hold every letter's text): `read` gives them.
    `meetings` are the IRIs of the meeting nodes the letter's graph states.
    """

    path: Path
    graph: str | None = None
    facts: LetterFacts | None = None
    meetings: tuple[str, ...] = ()
    error: NatokgError | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ingested(self) -> bool:
        return self.error is None


def read(path: str | Path, max_bytes: int | None = None) -> LetterFacts:
    """Read and extract one letter; nothing is stored. `max_bytes`: see `kg.text.read_letter`."""
    return extract(read_letter(path, max_bytes))


def store_reference_data(store: GraphStore) -> None:
    """The countries, cities and the ontology every letter graph points at, each in its own graph."""
    store.replace_graph(str(iris.reference_graph()), reference_graph())
    store.replace_graph(str(iris.ontology_graph()), ontology_graph())


def refresh_derived(store: GraphStore, months: Iterable[Month] | None = None) -> None:
    """Recompute what the stored letters say together (kg/derive.py) into the derived graphs,
    one per meeting type and month (`iris.derived_graph`).

    A separate step after the letters are stored, because it needs them all: it reads only the
    letter graphs, so its result depends on which letters are stored and not on their order.
    With `months`, only those months' graphs are recomputed: enough after storing or removing
    letters whose meetings (before and after) are all in them. Without, every derived graph is,
    and those about nothing any more are dropped. `ingest_paths` runs it once per run; after
    `ingest_file` alone, call it yourself.
    """
    meetings = None
    stored = store.graphs()
    if months is not None:
        months = set(months)
        meetings = meetings_in_months(store, months)
        letters = sum(1 for graph_iri in stored if iris.is_letter_graph(graph_iri))
        if len(meetings) * MEETING_COST > letters:
            months = None  # so many meetings that reading the whole store once is cheaper
    if months is None:
        graphs = derived_graphs(derive(store))
        stale = [g for g in stored if iris.is_derived_graph(g) and URIRef(g) not in graphs]
    else:
        graphs = derived_graphs(derive(store, months, meetings))
        stale = [str(iri) for iri in (iris.derived_graph(*month) for month in sorted(months)) if iri not in graphs]
    for graph_iri, graph in graphs.items():
        store.replace_graph(str(graph_iri), graph)
    for graph_iri in stale:
        store.remove_graph(graph_iri)


def ingest_file(path: str | Path, store: GraphStore, max_bytes: int | None = None) -> Outcome:
    """Read, extract, map and validate one letter; only a valid letter reaches the store, whole."""
    outcome, graph = prepare(path, max_bytes)
    return _stored(outcome, graph, store)


@dataclass(frozen=True)
class Job:
    """One letter to ingest: a file, or the bytes of a letter read from standard input."""

    path: Path
    max_bytes: int | None = None
    data: bytes | None = None
    name: str | None = None  # the file name `data` is known by


def prepare(path: str | Path, max_bytes: int | None = None, data: bytes | None = None,
            name: str | None = None) -> tuple[Outcome, Graph | None]:
    """Everything but storing: read, extract, map and validate one letter (no I/O but reading).

    With `data`, the letter is those bytes, known as `name`, instead of the file at `path`.
    The outcome carries the graph's IRI and the facts, or the error that refused the letter.
    """
    return prepare_batch([Job(Path(path), max_bytes, data, name)])[0]


def prepare_batch(jobs: Sequence[Job]) -> list[tuple[Outcome, Graph | None]]:
    """`prepare` for each job, in order, with the letters validated together in one pySHACL call
    (`kg.validate.validate_many`): the same outcomes as one by one, at a fraction of the cost."""
    mapped = [_mapped(job) for job in jobs]
    valid = [m for m in mapped if m[1] is not None]
    refusals = _validated([graph for _, graph, _ in valid], [name for _, _, name in valid])
    for (outcome, graph, name), refusal in zip(valid, refusals):
        if refusal is not None:
            outcome.error, outcome.facts = refusal, None
            continue
        facts = outcome.facts
        outcome.graph = str(graph.identifier)
        outcome.meetings = meetings_of(graph)
        outcome.warnings = [*facts.warnings, *(f"{name}: {issue.message}" for issue in facts.issues)]
    return [(outcome, graph if outcome.error is None else None) for outcome, graph, _ in mapped]


def _validated(graphs: list[Graph], names: list[str]) -> list[NatokgError | None]:
    """`validate_many`, contained: should the engine fail on the batch, each letter is validated
    alone, so that only the letter it fails on is refused."""
    try:
        return list(validate_many(graphs, names))
    except Exception as error:  # noqa: BLE001 - RecursionError and MemoryError too: contained, letter by letter
        if len(graphs) == 1:
            return [_failure(names[0], "validating", error)]
    return [_validated([graph], [name])[0] for graph, name in zip(graphs, names)]


def _failure(name: str | Path, stage: str, error: BaseException) -> FileFailure:
    """One line that names the file, the stage and what went wrong, for an error natokg did not
    foresee: that file is refused, and the batch goes on."""
    detail = " ".join(str(error).split())[:200]
    return FileFailure(f"{name}: refused, it failed while {stage}: {type(error).__name__}"
                       + (f": {detail}" if detail else ""))


def _mapped(job: Job) -> tuple[Outcome, Graph | None, str]:
    """Read, extract and map one letter: its outcome (with the facts, or the error), its graph.

    Whatever one file raises at any of these stages (RecursionError and MemoryError included)
    refuses that file alone, with its name and the stage."""
    path, data = Path(job.path), job.data
    outcome = Outcome(path)
    name = job.name or path.name
    shown = data is None and path or name
    stage = "reading"
    try:
        text = read_letter(path, job.max_bytes) if data is None else letter_text(data, name)
        stage = "extracting"
        facts = extract(text)
        if not is_letter(facts):
            raise ReadError(f"{shown}: does not read as a ministerial letter "
                            "(no minister signs or sends it, and it is about no NATO meeting)")
        stage = "mapping"
        _, graph = letter_graph(facts)
    except NatokgError as error:
        outcome.error = error
        return outcome, None, name
    except Exception as error:  # noqa: BLE001 - RecursionError and MemoryError too: one file's failure stays its own
        outcome.error = _failure(shown, stage, error)
        return outcome, None, name
    outcome.facts = facts
    return outcome, graph, name


def is_letter(facts: LetterFacts) -> bool:
    """A letter names the minister who sends it (signature or heading) or the NATO meeting it is
    about; a file with neither (a web page about something else, a stray text) is no letter."""
    return bool(facts.letter.author_role or facts.letter.signatory or facts.meeting)


def _stored(outcome: Outcome, graph: Graph | str | None, store: GraphStore) -> Outcome:
    """The store write, in the process that owns the store: one transaction per letter.

    From a worker the graph comes as N-Triples (`kg.store.ntriples`), which the embedded store
    writes as it is; another store gets it back as an rdflib graph."""
    if graph is not None:
        try:
            if not isinstance(graph, str):
                store.replace_graph(outcome.graph, graph)
            elif hasattr(store, "replace_graph_ntriples"):
                store.replace_graph_ntriples(outcome.graph, graph)
            else:
                store.replace_graph(outcome.graph, Graph(identifier=outcome.graph).parse(data=graph, format="nt"))
        except NatokgError as error:
            outcome.error, outcome.graph = error, None
    return outcome


def _prepare_jobs(jobs: list[Job]) -> list[tuple[Outcome, str | None]]:
    """`prepare_batch` in a worker process; each graph travels back as N-Triples, written here,
    so the process that owns the store has no terms to convert."""
    prepared = []
    for outcome, graph in prepare_batch(jobs):
        outcome.facts = None  # not needed by the store's process: less to send and to keep
        prepared.append((outcome, ntriples(graph) if graph is not None else None))
    return prepared


def letter_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to ingest: each file named, and the letters in each folder named, recursively."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path == STDIN:
            found.append(STDIN)
        elif path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in LETTER_SUFFIXES
                            and not any(part.startswith(".") for part in p.relative_to(path).parts))
        else:
            found.append(path)
    return found


def ingest_paths(paths: Iterable[str | Path], store: GraphStore,
                 progress: Callable[[Outcome], None] | None = None,
                 max_bytes: int | None = None, *, jobs: int = 1, stdin: BinaryIO | None = None,
                 stdin_name: str = "stdin") -> list[Outcome]:
    """Ingest every letter; one bad file never stops the others.

    `-` among the paths is one letter read from `stdin` (default: the process's standard
    input), known as `stdin_name`. With `jobs` > 1, letters are read, extracted and validated
    in that many worker processes at once; the store is written here only, one letter per
    transaction, in the order the letters are done. `progress` is called once per file, in that
    order; the outcomes come back in the order of the files.
    """
    files = letter_files(paths)
    if files:
        store_reference_data(store)
    outcomes: dict[int, Outcome] = {}
    work: dict[int, Job] = {}
    for index, path in enumerate(files):
        if path == STDIN:
            try:
                work[index] = Job(Path(stdin_name), max_bytes, _read_stdin(stdin, max_bytes), stdin_name)
            except ReadError as error:
                outcomes[index] = Outcome(Path(stdin_name), error=error)
        elif not path.exists():
            outcomes[index] = Outcome(path, error=ReadError(f"{path}: no such file"))
        else:
            work[index] = Job(path, max_bytes)
    if progress:
        for index in sorted(outcomes):
            progress(outcomes[index])
    # What the letters say together is derived again for the months their meetings are in (and
    # were in, for a letter read anew), unless the run is as large as the store (then reading the
    # whole store once is cheaper) or the last run was killed before it derived.
    pending = _pending_marker(store) if work else None
    graphs = store.graphs() if work else []
    stored = {g for g in graphs if iris.is_letter_graph(g)}
    months: set[Month] | None = None
    # (A store written by natokg 0.1 has one derived graph for all: the whole store replaces it.)
    if len(work) < len(stored) and not (pending and pending.exists()) and iris.derived_graphs() not in graphs:
        months = set()
    if pending:
        _mark(pending)

    def done(index: int, outcome: Outcome, graph: Graph | str | None) -> None:
        if months is not None and outcome.graph in stored and graph is not None:
            months.update(months_of(meetings_in(store, outcome.graph)))
        outcomes[index] = _stored(outcome, graph, store)
        outcome.facts = None
        if months is not None and outcome.ingested and outcome.graph:
            months.update(months_of(outcome.meetings))
            stored.add(outcome.graph)
        if progress:
            progress(outcomes[index])

    if jobs > 1 and len(work) > 1:
        _in_workers(work, min(jobs, len(work)), done)
    else:
        for chunk in _chunks(list(work), BATCH):
            for index, prepared in zip(chunk, prepare_batch([work[i] for i in chunk])):
                done(index, *prepared)
    if work:
        refresh_derived(store, months)
    if pending:
        pending.unlink(missing_ok=True)
    return [outcomes[index] for index in range(len(files))]


def _pending_marker(store: GraphStore) -> Path | None:
    """The DERIVE_PENDING file of a store on disk; None for one in memory or on a server."""
    folder = getattr(store, "path", None)
    return Path(folder) / DERIVE_PENDING if folder is not None else None


def _mark(marker: Path) -> None:
    # On disk before the first letter is written, so a power cut cannot lose the mark but not the letters.
    with open(marker, "wb") as file:
        os.fsync(file.fileno())


def _read_stdin(stream: BinaryIO | None, max_bytes: int | None) -> bytes:
    import sys

    limit = max_bytes_setting() if max_bytes is None else max_bytes
    data = (stream or sys.stdin.buffer).read(limit + 1)
    if len(data) > limit:
        raise ReadError(f"stdin: is more than {limit} bytes, above the limit (raise it with --max-size)")
    return data


def _in_workers(work: dict[int, Job], workers: int, done: Callable[[int, Outcome, Graph | str | None], None]) -> None:
    """Prepare the jobs in worker processes. A worker that dies (a reader crashing on a broken
    file) takes down the pool: the jobs it left are then run one per process, so only the file
    that kills its process is refused."""
    context = get_context("spawn")  # no fork: the parent holds the open store and rich's thread
    crashed: list[int] = []
    # Each worker takes letters in batches (validated in one call), but no more than an even
    # share, so a few letters still spread over all the workers.
    size = max(1, min(BATCH, -(-len(work) // workers)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(_prepare_jobs, [work[i] for i in chunk]): chunk
                   for chunk in _chunks(list(work), size)}
        for future in as_completed(futures):
            chunk = futures.pop(future)  # let the finished batch's N-Triples go once stored
            try:
                prepared = future.result()
            except BrokenProcessPool:
                crashed += chunk
                continue
            for index, (outcome, lines) in zip(chunk, prepared):
                done(index, outcome, lines)
    for index in sorted(crashed):
        job = work[index]
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=context) as alone:
                [(outcome, lines)] = alone.submit(_prepare_jobs, [job]).result()
        except BrokenProcessPool:
            error = ReadError(f"{job.name or job.path}: natokg's reader crashed on this file")
            done(index, Outcome(job.path, error=error), None)
            continue
        done(index, outcome, lines)


def _chunks(items: list, size: int) -> list[list]:
    return [items[start:start + size] for start in range(0, len(items), size)]


def default_jobs() -> int:
    """Worker processes for `natokg ingest`: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def show(path: str | Path) -> str:
    """What natokg reads in a letter, fact by fact, each with the text it comes from."""
    facts = read(path)
    lines = [f"{facts.letter.source}"]

    def fact(label: str, value: str, span) -> None:
        quote = " ".join(span.text.split()) if span else ""
        if len(quote) > 100:
            quote = quote[:97] + "..."
        where = f" [{span.start}-{span.end}{f', page {span.page}' if span and span.page else ''}]" if span else ""
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
    for mention in facts.mentions:
        when = f"{mention.start} to {mention.end}" if mention.end else str(mention.start or mention.month)
        fact("mentions", f"{mention.type}{' (informal)' if mention.informal else ''}, {when}, "
                         f"{mention.city or '?'}", mention.span)
    for issue in facts.issues:
        fact("data issue", issue.message, issue.span)
    return "\n".join(lines)
