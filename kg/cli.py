"""The `natokg` command: thin wrappers over kg.pipeline, kg.queries and kg.export.

Errors natokg raises on purpose (`NatokgError`) become one line on stderr and the error's
exit code (1: a letter breaks the shapes, 2: anything else); `--debug` adds the traceback.
"""
from __future__ import annotations

import io
import os
import shutil
import sys
import traceback
from pathlib import Path

import click

from kg import __version__
from kg.errors import NatokgError, QueryError


class _Group(click.Group):
    """Turns exceptions from any subcommand into the one-line message and exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except NatokgError as error:
            _fail(ctx, str(error), error.exit_code)
        except BrokenPipeError:
            # The reader (`natokg query ... | head`) went away: not worth a message. Point stdout
            # at devnull so the interpreter's final flush does not fail again (Python docs recipe).
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            except (OSError, ValueError, io.UnsupportedOperation):
                pass
            ctx.exit(1)
        except Exception as error:  # noqa: BLE001 - the last line of defence for users
            _fail(ctx, f"{type(error).__name__}: {error}", 2)


def _fail(ctx: click.Context, message: str, code: int) -> None:
    if ctx.params.get("debug"):
        traceback.print_exc()
    click.echo("natokg: error: " + " ".join(message.split()), err=True)
    ctx.exit(code)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Store directory (default: $NATOKG_STORE, else ~/.local/share/natokg/store).")
@click.option("--debug", is_flag=True, help="Show the traceback when something fails.")
@click.option("--wait", type=click.FloatRange(min=0), default=10.0, envvar="NATOKG_WAIT", show_default=True,
              metavar="SECONDS", help="How long a command that writes waits for another writer to finish "
                                      "(env NATOKG_WAIT).")
@click.version_option(__version__, message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, store_path: Path | None, debug: bool, wait: float) -> None:
    """A knowledge graph of NATO meetings, read from Dutch ministerial letters."""
    ctx.obj = {"store": store_path, "debug": debug, "wait": wait}


def _open(ctx: click.Context, *, read_only: bool):
    from kg.store import open_store

    return open_store(ctx.obj["store"], read_only=read_only, wait=ctx.obj.get("wait", 0.0))


# A write makes the answers kept beside the store stale (kg/result_cache.py). Each costs up to
# half a second to evaluate again at 10,000 letters (bench/README.md), and `natokg serve` may
# have kept one per parameter value: the most recently read are evaluated again, not all.
_REFRESH = click.option(
    "--refresh", type=click.IntRange(min=0), default=20, metavar="N",
    help="When done, evaluate again the N answers of stored queries most recently read from this store, "
         "so that asking again is quick (default: 20; 0: none).")


def _max_size(ctx, option, value: str | None) -> int | None:
    from kg.text import parse_size

    from kg.errors import NatokgError

    try:
        return None if value is None else parse_size(value, "size")
    except NatokgError as error:
        raise click.BadParameter(str(error).removeprefix("size: "), ctx=ctx, param=option) from None


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--max-size", callback=_max_size, metavar="SIZE",
              help="Refuse letters larger than this, e.g. 500k or 20M (default: $NATOKG_MAX_BYTES, else 20M).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Read this many letters at once, each in a process of its own (default: the machine's cores).")
@click.option("--stdin-name", default="stdin", show_default=True, metavar="NAME",
              help="The file name of a letter read from standard input (`-`); its IRI is made from it.")
@_REFRESH
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], max_size: int | None, jobs: int | None,
           stdin_name: str, refresh: int) -> None:
    """Read letters (.txt, .pdf, .html files, folders of them, or - for standard input), validate
    them and store one graph per letter.

    A progress bar shows while it works (a line per letter when stderr is no terminal); at the end
    a summary lists the letters refused, with the reason, and the data issues found. The exit
    status is 0 when every letter was stored, else that of the worst refusal (1: the shapes, 2:
    the file could not be read).
    """
    from kg import pipeline  # imported late: the CLI must start even while a stage is missing

    files = pipeline.letter_files(list(paths))
    stdin = sys.stdin.buffer if pipeline.STDIN in files else None
    with _open(ctx, read_only=False) as store, _Progress(len(files)) as progress:
        outcomes = pipeline.ingest_paths(files, store, progress=progress, max_bytes=max_size,
                                         jobs=jobs or pipeline.default_jobs(), stdin=stdin, stdin_name=stdin_name)
    # Even a refused letter changed the store's files (opening to write does), so answers kept
    # before are stale to a reader: evaluate them again either way.
    _refresh(store.path, refresh)
    if not outcomes:
        raise NatokgError(f"no letters found in {', '.join(map(str, paths))}")
    failed = [o.error for o in outcomes if o.error is not None]
    if ctx.obj.get("debug"):
        for error in failed:  # a refusal read in a worker process comes without its traceback
            traceback.print_exception(error)
    click.echo(_summary(outcomes), err=True, nl=False)
    click.echo(f"{len(outcomes) - len(failed)} of {len(outcomes)} letters stored", err=True)
    if failed:
        # One bad letter does not stop the others; the exit code is the worst error's.
        ctx.exit(max(error.exit_code for error in failed))


def _refresh(location: Path, limit: int) -> None:
    """Evaluate again the answers people were reading, now that the store changed."""
    from kg.queries import refresh

    if limit <= 0:
        return
    if sys.stderr.isatty():
        from rich.console import Console

        with Console(stderr=True).status("refreshing kept answers") as status:
            count = refresh(location, limit, progress=lambda name: status.update(f"refreshing kept answers: {name}"))
    else:
        count = refresh(location, limit)
    if count:
        click.echo(f"{count} kept answer{'' if count == 1 else 's'} evaluated again", err=True)


class _Progress:
    """A progress bar on a terminal (rich); elsewhere (a log, a pipe) one line per letter."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self) -> _Progress:
        if sys.stderr.isatty() and self.total > 1:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=self.total)
        return self

    def __call__(self, outcome) -> None:
        if self.bar is None:
            _report(outcome)
        else:
            self.bar.update(self.task, advance=1, description=outcome.path.name)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _summary(outcomes) -> str:
    """The table at the end of an ingest: every letter refused, with its reason, and every warning."""
    from rdflib import Literal

    from kg.results import Result, to_table

    refused = [o for o in outcomes if o.error is not None]
    warned = [o for o in outcomes if o.error is None and o.warnings]
    warnings = sum(len(o.warnings) for o in warned)
    title = (f"{len(outcomes) - len(refused)} ingested, {len(refused)} refused, "
             f"{warnings} warning{'' if warnings == 1 else 's'}")
    if not refused and not warned:
        return title + "\n"
    base = _common_folder([o.path for o in outcomes])
    if base is not None:
        title += f"; files in {base}"
    name = lambda path: str(path.relative_to(base) if base is not None else path)  # noqa: E731
    rows = [(Literal(name(o.path)), Literal("refused"), Literal(_detail(o, str(o.error)))) for o in refused]
    rows += [(Literal(name(o.path)), Literal("warning"), Literal(_detail(o, w))) for o in warned for w in o.warnings]
    width = shutil.get_terminal_size().columns if sys.stderr.isatty() else None
    table = to_table(Result(["file", "result", "detail"], rows), width=width)
    return title + "\n" + table[: table.rstrip("\n").rfind("\n") + 1]  # to_table's "(n rows)" left out


def _common_folder(paths) -> Path | None:
    """The folder all the files are in (so the table can name them shortly), if there is one."""
    try:
        base = Path(os.path.commonpath([str(path.parent) for path in paths]))
    except ValueError:  # absolute and relative paths mixed
        return None
    return base if str(base) not in ("", ".") else None


def _detail(outcome, message: str) -> str:
    """One line, without the file name the table already shows."""
    message = " ".join(message.split())
    for prefix in (f"{outcome.path}: ", f"{outcome.path.name}: "):
        message = message.removeprefix(prefix)
    return message


def _report(outcome) -> None:
    """Progress for one file: stderr, so stdout stays clean for data."""
    if outcome.error is not None:
        click.echo("natokg: error: " + " ".join(str(outcome.error).split()), err=True)
        return
    click.echo(f"stored {outcome.path} as {outcome.graph}", err=True)
    for warning in outcome.warnings:
        click.echo(f"  warning: {warning}", err=True)


@cli.command("queries")
def list_queries() -> None:
    """List the stored queries and their parameters."""
    from rdflib import Literal

    from kg.queries import catalogue
    from kg.results import Result, to_table

    rows = []
    for query in catalogue().values():
        params = ", ".join(f"{p.name} ({p.type}{' or name' if p.text_var else ''})" for p in query.parameters)
        rows.append((Literal(query.name), Literal(params), Literal(query.summary)))
    click.echo(to_table(Result(["name", "parameters", "summary"], rows), width=_width()), nl=False)


def _param(ctx, option, values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected key=value, got {value!r}", ctx=ctx, param=option)
        params[key.strip()] = val
    return params


@cli.command()
@click.argument("name")
@click.option("-p", "--param", "params", multiple=True, callback=_param, metavar="KEY=VALUE",
              help="A query parameter; repeat for several (see `natokg queries`).")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv"]), default="table",
              show_default=True, help="Output format: a table, or SPARQL results JSON, CSV or TSV.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Ask this SPARQL 1.1 query endpoint instead of the local store (credentials: "
                   "NATOKG_SPARQL_USER/NATOKG_SPARQL_PASSWORD or NATOKG_SPARQL_TOKEN).")
@click.option("--union-default-graph", is_flag=True,
              help="With --endpoint: the server's default graph already is the union of natokg's graphs.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, metavar="SECONDS",
              help="With --endpoint: how long to wait for an answer.")
@click.pass_context
def query(ctx: click.Context, name: str, params: dict[str, str], fmt: str, endpoint: str | None,
          union_default_graph: bool, timeout: float) -> None:
    """Run the stored query NAME (on the local store, or on a SPARQL endpoint)."""
    from kg.queries import catalogue, run
    from kg.results import render

    known = catalogue()
    if name not in known:  # checked before opening the store, so a typo gets this message
        raise QueryError(f"no stored query {name!r} (known: {', '.join(known)})")
    if endpoint:
        from kg.remote import connect

        with connect(endpoint, union_default_graph=union_default_graph, timeout=timeout) as store:
            result = run(store, name, params)
    else:
        with _open(ctx, read_only=True) as store:
            result = run(store, name, params)
    if fmt == "table":
        click.echo(render(result, fmt, width=_width()), nl=False)
    else:  # machine formats go out as UTF-8 bytes, so CSV keeps its CRLF on every platform
        _write_bytes(render(result, fmt).encode("utf-8"))


@cli.command()
@click.option("-f", "--format", "fmt", type=click.Choice(["turtle", "trig", "nt", "jsonld"]), default="turtle",
              show_default=True, help="RDF format; trig keeps one named graph per letter.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of standard output.")
@click.option("--describe", is_flag=True,
              help="Also write a DCAT/VoID description beside the output (nato.ttl -> nato.dcat.ttl).")
@click.option("--base-url", metavar="URL", default=None,
              help="With --describe: where the export files are published (default: beside the description).")
@click.option("--sparql-endpoint", metavar="URL", default=None,
              help="With --describe: the public SPARQL endpoint serving the data.")
@click.option("--context-url", metavar="URL", default=None,
              help="JSON-LD: refer to the context at this URL instead of embedding it; with -o the "
                   "context document is written beside the output (nato.context.jsonld) to publish there.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None, describe: bool, base_url: str | None,
           sparql_endpoint: str | None, context_url: str | None) -> None:
    """Write the whole knowledge graph as RDF (and, with --describe, its DCAT/VoID description)."""
    from kg.export import export as export_store

    if (describe or base_url or sparql_endpoint) and output is None:
        raise click.UsageError("--describe writes beside the output file: give -o FILE")
    if not describe and (base_url or sparql_endpoint):
        raise click.UsageError("--base-url and --sparql-endpoint describe the export: add --describe")
    if context_url and fmt != "jsonld" and not describe:
        raise click.UsageError("--context-url is for --format jsonld (or the JSON-LD distribution of --describe)")
    with _open(ctx, read_only=True) as store:
        data = export_store(store, fmt, context_url=context_url)
        if describe:
            from kg.describe import describe as describe_store, description_path

            stem = output.name.rsplit(".", 1)[0] if "." in output.name.lstrip(".") else output.name
            description = describe_store(store, stem=stem, base_url=base_url, sparql_endpoint=sparql_endpoint,
                                         context_url=context_url)
    if output is None:
        _write_bytes(data)
        return
    output.write_bytes(data)
    if context_url and fmt == "jsonld":
        from kg.context import document

        output.with_name(output.name.rsplit(".", 1)[0] + ".context.jsonld").write_bytes(document())
    if describe:
        Path(description_path(output)).write_bytes(description)
        click.echo(f"described in {description_path(output)}", err=True)


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-f", "--format", "fmt", type=click.Choice(["trig", "nquads"]), default=None,
              help="The file's format (default: from its name, .trig or .nq).")
@_REFRESH
@click.pass_context
def import_(ctx: click.Context, file: Path, fmt: str | None, refresh: int) -> None:
    """Load a TriG or N-Quads dump (from `export --format trig`) into the store, graph by graph."""
    from kg.imports import checked_dataset, store_dataset

    graphs = checked_dataset(file, fmt)  # read and checked whole before the store is touched
    with _open(ctx, read_only=False) as store:
        stored = store_dataset(graphs, store)
    click.echo(f"{len(stored)} graphs imported from {file}", err=True)
    _refresh(store.path, refresh)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
def show(file: Path) -> None:
    """Show what natokg reads from one letter, without storing anything."""
    from kg import pipeline

    click.echo(pipeline.show(file))


@cli.command()
@click.argument("meeting")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The picture to write: FILE.svg or FILE.png.")
@click.option("--endpoint", metavar="URL", default=None,
              help="Ask this SPARQL 1.1 query endpoint instead of the local store.")
@click.pass_context
def graph(ctx: click.Context, meeting: str, output: Path, endpoint: str | None) -> None:
    """Draw one meeting (its IRI, as `natokg query meetings` gives it): its sessions, who took part
    in each, coloured by role, and the letters it comes from. Needs Graphviz (`dot`)."""
    from kg.picture import meeting_dot, meeting_picture, render

    if output.suffix.lower() not in (".svg", ".png"):
        raise click.BadParameter(f"{output} is not .svg or .png", ctx=ctx, param_hint="'-o'")
    if endpoint:
        from kg.remote import connect

        with connect(endpoint) as store:
            picture = meeting_picture(store, meeting)
    else:
        with _open(ctx, read_only=True) as store:
            picture = meeting_picture(store, meeting)
    render(meeting_dot(picture), output)
    click.echo(f"drew {meeting} in {output}", err=True)


@cli.command()
@click.option("--endpoint", metavar="URL", required=True,
              help="The server's SPARQL query endpoint (also its update endpoint when it takes updates there).")
@click.option("--graph-store", metavar="URL", default=None,
              help="The server's Graph Store Protocol endpoint: graphs are sent with PUT (preferred).")
@click.option("--update-endpoint", metavar="URL", default=None,
              help="The server's SPARQL Update endpoint, where it is not --endpoint.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=60.0, show_default=True, metavar="SECONDS",
              help="How long to wait for each answer.")
@click.option("--retries", type=click.IntRange(min=0, max=10), default=3, show_default=True,
              help="Retries, with back-off, after no connection, a timeout or a 5xx answer.")
@click.option("--check/--no-check", default=True, show_default=True,
              help="Afterwards, count every graph's triples on the server and remove the derived graphs the local store no longer has.")
@click.pass_context
def publish(ctx: click.Context, endpoint: str, graph_store: str | None, update_endpoint: str | None,
            timeout: float, retries: int, check: bool) -> None:
    """Send every named graph of the local store to a SPARQL server, replacing each whole.

    Credentials come from NATOKG_SPARQL_USER and NATOKG_SPARQL_PASSWORD (basic) or
    NATOKG_SPARQL_TOKEN (bearer), never from the command line. The local store is only read;
    a failed publish can simply be run again. Exit status 2 when anything was not published.
    """
    from kg.publish import publish as publish_store
    from kg.remote import connect, plain_http_warning

    remote = connect(endpoint, update_endpoint=update_endpoint, graph_store=graph_store,
                     timeout=timeout, retries=retries)
    warning = plain_http_warning(remote)
    if warning:
        click.echo(f"natokg: warning: {warning}", err=True)
    with _open(ctx, read_only=True) as store:
        report = publish_store(store, remote, check=check)
    click.echo(report.summary(), nl=False)
    if not report.ok:
        ctx.exit(2)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(min=0, max=65535), default=7878, show_default=True,
              help="Port to listen on (0: any free port).")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int) -> None:
    """Serve the local store read-only: a query page and a SPARQL endpoint at /sparql."""
    from kg.serve import make_server, url_of

    server = make_server(ctx.obj["store"], host, port)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"natokg: warning: listening on {host}: other machines can query the store", err=True)
    click.echo(f"serving the store read-only at {url_of(server)} (SPARQL endpoint: {url_of(server)}sparql); "
               "Ctrl-C stops", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _write_bytes(data: bytes) -> None:
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _width() -> int | None:
    # Natural width when piped (nothing wrapped), the terminal's width when interactive.
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def main() -> None:
    """Console entry point (`natokg`, `python -m kg`)."""
    cli(prog_name="natokg")
