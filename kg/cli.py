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
@click.version_option(__version__, message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, store_path: Path | None, debug: bool) -> None:
    """A knowledge graph of NATO meetings, read from Dutch ministerial letters."""
    ctx.obj = {"store": store_path, "debug": debug}


def _open(ctx: click.Context, *, read_only: bool):
    from kg.store import open_store

    return open_store(ctx.obj["store"], read_only=read_only)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Read letters (files or folders), validate them and store one graph per letter."""
    from kg import pipeline  # imported late: the CLI must start even while a stage is missing

    with _open(ctx, read_only=False) as store:
        outcomes = pipeline.ingest_paths(list(paths), store, progress=_report)
    if not outcomes:
        raise NatokgError(f"no letters found in {', '.join(map(str, paths))}")
    failed = [o.error for o in outcomes if o.error is not None]
    click.echo(f"{len(outcomes) - len(failed)} of {len(outcomes)} letters stored", err=True)
    if failed:
        # One bad letter does not stop the others; the exit code is the worst error's.
        ctx.exit(max(error.exit_code for error in failed))


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
@click.pass_context
def query(ctx: click.Context, name: str, params: dict[str, str], fmt: str) -> None:
    """Run the stored query NAME."""
    from kg.queries import catalogue, run
    from kg.results import render

    known = catalogue()
    if name not in known:  # checked before opening the store, so a typo gets this message
        raise QueryError(f"no stored query {name!r} (known: {', '.join(known)})")
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
@click.pass_context
def export(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Write the whole knowledge graph as RDF."""
    from kg.export import export as export_store

    with _open(ctx, read_only=True) as store:
        data = export_store(store, fmt)
    if output is None:
        _write_bytes(data)
    else:
        output.write_bytes(data)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
def show(file: Path) -> None:
    """Show what natokg reads from one letter, without storing anything."""
    from kg import pipeline

    click.echo(pipeline.show(file))


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
