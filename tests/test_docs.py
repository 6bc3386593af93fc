"""The docs are tested (sqlite-utils' test_docs.py): every command has help and a section in the
guide, every example in a ```console block of docs/guide.md and docs/queries.md runs and prints
what the page shows, and the generated pages are current (`make docs`).

A console block holds `$ natokg ...` lines, each followed by the output it must give (stdout
and stderr, as a terminal shows them); a line `...` stands for any number of lines. The commands
run in-process (click's CliRunner) in a fresh folder that holds the checkout's `tests/`, with
`$NATOKG_STORE` a store made from the seed letter.
"""
from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from conftest import require_tool
from kg.cli import cli
from kg.tools import make_docs

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide.md"
PAGES = [GUIDE, ROOT / "docs" / "queries.md"]


def console_blocks(page: Path) -> list[tuple[int, list[tuple[str, list[str]]]]]:
    """(line number, [(command, expected output lines)]) for every ```console block of `page`."""
    blocks = []
    lines = page.read_text("utf-8").splitlines()
    index = 0
    while index < len(lines):
        if lines[index].strip() != "```console":
            index += 1
            continue
        start, index = index + 1, index + 1
        commands: list[tuple[str, list[str]]] = []
        while lines[index].strip() != "```":
            if lines[index].startswith("$ "):
                commands.append((lines[index][2:], []))
            else:
                assert commands, f"{page.name}:{index + 1}: output before any `$ natokg` line"
                commands[-1][1].append(lines[index])
            index += 1
        blocks.append((start, commands))
        index += 1
    return blocks


EXAMPLES = [(page, line, commands) for page in PAGES for line, commands in console_blocks(page)]


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line for line, where a line `...` matches any number of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    from kg import pipeline
    from kg.store import open_store

    path = tmp_path_factory.mktemp("docs") / "store"
    with open_store(path) as store:
        outcomes = pipeline.ingest_paths([make_docs.SEED], store)
    assert all(outcome.ingested for outcome in outcomes)
    return path


@pytest.mark.parametrize("page, line, commands", EXAMPLES,
                         ids=[f"{page.name}:{line}" for page, line, _ in EXAMPLES])
def test_every_console_example_prints_what_the_page_shows(page, line, commands, seed_store, tmp_path,
                                                          monkeypatch):
    (tmp_path / "tests").symlink_to(ROOT / "tests")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for command, expected in commands:
        args = shlex.split(command)
        assert args[0] == "natokg", f"{page.name}:{line}: a console example runs natokg, not {args[0]}"
        if "graph" in args:
            require_tool("dot", "natokg graph draws with Graphviz")
        result = runner.invoke(cli, args[1:], env={"NATOKG_STORE": str(seed_store), "COLUMNS": "80"},
                               prog_name="natokg")
        actual = [text.rstrip() for text in result.output.splitlines()]
        assert matches([text.rstrip() for text in expected], actual), (
            f"{page.name}:{line}: `{command}` printed (exit {result.exit_code}):\n" + "\n".join(actual))


def test_the_pages_have_examples():
    assert len([e for e in EXAMPLES if e[0] == GUIDE]) >= 8
    queries = [e for e in EXAMPLES if e[0].name == "queries.md"]
    from kg.queries import catalogue

    assert len(queries) == len(catalogue()) + 1  # the ingest, then one example per query


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_a_section_in_the_guide(name):
    command = cli.commands[name]
    assert command.help and command.help.strip(), f"natokg {name} has no help text"
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"natokg {name} {param.opts[0]} has no help text"
    result = CliRunner().invoke(cli, [name, "--help"], prog_name="natokg")
    assert result.exit_code == 0 and f"Usage: natokg {name}" in result.output
    headings = [line for line in GUIDE.read_text("utf-8").splitlines() if line.startswith("#")]
    assert any(re.search(rf"`natokg {name}`", heading) for heading in headings), \
        f"docs/guide.md has no section whose heading names `natokg {name}`"


def test_the_readme_links_the_guide():
    assert "docs/guide.md" in (ROOT / "README.md").read_text("utf-8")


def test_the_turtle_example_is_what_the_store_holds(seed_store):
    """Every triple of the guide's Turtle example is in the store made from the seed letter."""
    from kg.export import export
    from kg.store import open_store

    text = GUIDE.read_text("utf-8")
    example = re.search(r"```turtle\n(.*?)```", text, re.S).group(1)
    with open_store(seed_store, read_only=True) as store:
        stored = Graph().parse(data=export(store, "nt").decode("utf-8"), format="nt")
    shown = Graph().parse(data=example, format="turtle")
    assert len(shown) > 10
    missing = [triple for triple in shown if triple not in stored]
    assert not missing, f"the guide shows triples the store does not hold: {missing}"


def test_queries_md_is_current():
    assert (ROOT / "docs" / "queries.md").read_text("utf-8") == make_docs.queries_markdown(), \
        "docs/queries.md is not current: run `make docs`"


def test_ontology_html_is_current():
    pytest.importorskip("pylode", reason="pyLODE makes docs/ontology.html (pip install -e '.[test]')")
    assert (ROOT / "docs" / "ontology.html").read_text("utf-8") == make_docs.ontology_html(), \
        "docs/ontology.html is not current: run `make docs`"


def test_ontology_html_documents_every_term():
    from rdflib import OWL, RDF, RDFS, URIRef

    graph = Graph().parse(make_docs.ONTOLOGY)
    page = (ROOT / "docs" / "ontology.html").read_text("utf-8")
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in graph.subjects(RDF.type, kind):
            if isinstance(term, URIRef):
                assert str(term) in page, term
                label = graph.value(term, RDFS.label)
                assert label is None or str(label) in page or str(term) in page


def test_normalise_html_sorts_union_members():
    """pyLODE writes an owl:unionOf's members in set order; the page lists them sorted."""
    members = ["Session", "Meeting", "Letter"]
    sep = '    <span class="cardinality">or</span>'
    body = []
    for member in members:
        body += ["    <span>", f'      <a href="#{member}">{member}</a>', "    </span>", sep]
    html = "\n".join(["  <td>", *body[:-1], "  </td>"]) + "\n"
    out = make_docs.normalise_html(html)
    assert [m for m in re.findall(r'href="#(\w+)"', out)] == sorted(members)
    assert out.count("or</span>") == 2 and make_docs.normalise_html(out) == out


def test_ontology_svg_shows_every_class():
    require_tool("dot", "docs/ontology.svg is drawn by Graphviz")
    from rdflib import OWL, RDF, URIRef

    graph = Graph().parse(make_docs.ONTOLOGY)
    names = {str(c).rsplit("#", 1)[1] for c in graph.subjects(RDF.type, OWL.Class)
             if isinstance(c, URIRef) and str(c).startswith(make_docs_ns())}
    for svg in ((ROOT / "docs" / "ontology.svg").read_text("utf-8"), make_docs.ontology_svg().decode("utf-8")):
        texts = set(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
        assert names <= texts, f"classes missing from the diagram: {sorted(names - texts)}"
        assert "⊑ schema:Event, eli&#45;dl:Activity" in svg or "schema:Event" in svg


def make_docs_ns() -> str:
    from kg.picture import NK

    return NK
