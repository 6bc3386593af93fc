"""Query results and their formats: a readable table, and the W3C JSON, CSV and TSV formats.

JSON follows "SPARQL 1.1 Query Results JSON Format"; CSV and TSV follow "SPARQL 1.1 Query
Results CSV and TSV Formats", so other SPARQL tools read what natokg writes.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

from rdflib.term import BNode, Identifier, Literal, URIRef

FORMATS = ("table", "json", "csv", "tsv")

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Literals TSV may write bare, as Turtle would: only when the lexical form is Turtle's syntax.
_BARE = {
    XSD + "integer": re.compile(r"[+-]?[0-9]+"),
    XSD + "decimal": re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD + "double": re.compile(r"[+-]?(?:[0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
    XSD + "boolean": re.compile(r"true|false"),
}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


@dataclass(frozen=True)
class Result:
    """A SELECT result: variable names and rows of rdflib terms (None where unbound)."""

    vars: list[str]
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)

    def dicts(self) -> list[dict[str, Identifier]]:
        """Rows as {variable: term}, leaving out the unbound ones."""
        return [{v: t for v, t in zip(self.vars, row) if t is not None} for row in self.rows]


def render(result: Result, format: str, *, width: int | None = None) -> str:
    """The result as text in one of FORMATS; `width` only matters for the table."""
    if format == "table":
        return to_table(result, width=width)
    if format == "json":
        return to_json(result)
    if format == "csv":
        return to_csv(result)
    if format == "tsv":
        return to_tsv(result)
    raise ValueError(f"unknown result format {format!r}; use one of {', '.join(FORMATS)}")


def to_json(result: Result) -> str:
    """The W3C JSON document, laid out as `json.dumps(document, indent=2)` lays it out.

    Written binding by binding, each distinct term encoded once: `json.dumps` with an indent
    runs Python's pure-Python encoder over every value, which took a second for a 30,000-row
    listing. `tests/test_results.py` holds the two to the same text.
    """
    encoded: dict[Identifier, str] = {}

    def term(value: Identifier) -> str:
        text = encoded.get(value)
        if text is None:
            fields = [f"          {_string(key)}: {_string(part)}" for key, part in _json_term(value).items()]
            text = encoded[value] = "{\n" + ",\n".join(fields) + "\n        }"
        return text

    keys = [_string(var) for var in result.vars]
    bindings = []
    for row in result.rows:
        fields = [f"        {key}: {term(value)}" for key, value in zip(keys, row) if value is not None]
        bindings.append("      {\n" + ",\n".join(fields) + "\n      }" if fields else "      {}")
    head = "[]" if not keys else "[\n" + ",\n".join("      " + key for key in keys) + "\n    ]"
    body = "[]" if not bindings else "[\n" + ",\n".join(bindings) + "\n    ]"
    return (f'{{\n  "head": {{\n    "vars": {head}\n  }},\n'
            f'  "results": {{\n    "bindings": {body}\n  }}\n}}\n')


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and str(term.datatype) != XSD + "string":
            out["datatype"] = str(term.datatype)  # xsd:string is implied, as the spec's examples show
        return out
    raise TypeError(f"not an RDF term: {term!r}")


def to_csv(result: Result) -> str:
    """CSV: header of bare variable names, plain values (no datatype or language), CRLF lines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow([plain(term) for term in row])
    return buffer.getvalue()


def to_tsv(result: Result) -> str:
    """TSV: header of ?variables, terms in Turtle/SPARQL syntax, LF lines."""
    written: dict[Identifier | None, str] = {}  # a listing repeats its terms: write each once

    def term(value: Identifier | None) -> str:
        text = written.get(value)
        if text is None:
            text = written[value] = _tsv_term(value)
        return text

    lines = ["\t".join("?" + var for var in result.vars)]
    lines += ["\t".join([term(value) for value in row]) for row in result.rows]
    return "\n".join(lines) + "\n"


def _tsv_term(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term)
    datatype = str(term.datatype) if term.datatype else None
    if datatype in _BARE and _BARE[datatype].fullmatch(text):
        return text
    quoted = '"' + "".join(_ESCAPES.get(ch, ch) for ch in text) + '"'
    if term.language:
        return f"{quoted}@{term.language}"
    if datatype and datatype not in (XSD + "string", RDF_LANGSTRING):
        return f"{quoted}^^<{datatype}>"
    return quoted


def plain(term: Identifier | None) -> str:
    """A term as a person reads it: the IRI, the literal's lexical form, `_:label`, or ''."""
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def to_table(result: Result, *, width: int | None = None) -> str:
    """A plain-text table, laid out as rich lays it out, without colour so it reads the same in a
    terminal and a pipe.

    With no `width` the table takes its natural width, so nothing is cut or wrapped when the
    output goes to a file; in a terminal pass its width and long values wrap inside their cell.
    """
    texts = [[plain(term) for term in row] for row in result.rows]
    lines = _fast_table(result.vars, texts, width)
    if lines is None:
        lines = _rich_table(result.vars, texts, width)
    count = len(result.rows)
    return "\n".join(line.rstrip() for line in lines) + f"\n({count} row{'s' if count != 1 else ''})\n"


def _rich_table(names: list[str], texts: list[list[str]], width: int | None) -> list[str]:
    from rich.text import Text

    table = _table(names)
    for row in texts:
        # Text(), not str: a value such as "[bold]" must not be read as rich markup.
        table.add_row(*(Text(text) for text in row))
    console = _console(width)
    console.print(table)
    return console.file.getvalue().splitlines()


def _table(names: list[str]):
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in names:
        table.add_column(name, overflow="fold")
    return table


def _console(width: int | None):
    from rich.console import Console

    return Console(file=io.StringIO(), width=width or _NATURAL, color_system=None, highlight=False,
                   emoji=False, markup=False, legacy_windows=False)


_NATURAL = 100_000  # wide enough that rich never wraps: the table's natural width
_COLUMN_GAP = "   "  # a cell's right padding, SIMPLE_HEAD's blank divider, the next cell's left padding
# Characters rich's Text does something with (strips, expands or breaks the line at): a table
# holding one is left to rich itself.
_SPECIAL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _fast_table(names: list[str], texts: list[list[str]], width: int | None) -> list[str] | None:
    """The lines rich would print for this table, or None where only rich itself can tell.

    rich measures, pads and renders every cell through several objects (80–160 µs a cell): a
    30,000-row listing took 12 s to print. The layout itself is simple. Column widths depend
    only on each column's widest value and longest word, so rich computes them from a table of
    just those; a value that fits its column is padded, and only a value that does not is
    wrapped, by rich. `tests/test_results.py` holds this to rich's own output.
    """
    from rich.cells import cell_len
    from rich.text import Text

    if not names or any(_SPECIAL.search(name) for name in names):
        return None
    columns = [{} for _ in names]  # per column: each distinct value -> its width in cells
    for row in texts:
        for seen, text in zip(columns, row):
            if text not in seen:
                seen[text] = cell_len(text)
    if any(_SPECIAL.search(text) for seen in columns for text in seen):
        return None
    widest = [max(seen, key=seen.__getitem__, default="") for seen in columns]
    longest_word = [max((word for text in seen for word in text.split()), key=cell_len, default="")
                    for seen in columns]
    measured = _table(names)
    measured.add_row(*map(Text, widest))
    measured.add_row(*map(Text, longest_word))
    console = _console(width)
    options = console.options
    gaps = len(names) - 1
    # What rich's Table.__rich_console__ does before it renders a row (private, but held to
    # rich's output by the tests: a rich that changes it fails them, not the users).
    widths = measured._calculate_column_widths(console, options.update_width(options.max_width - gaps))
    padding = [(0 if i == 0 else 1) + (0 if i == gaps else 1) for i in range(len(names))]
    inner = [width - pad for width, pad in zip(widths, padding)]
    if any(size < 1 for size in inner):
        return None

    cells: list[dict[str, list[str]]] = [{} for _ in names]

    def cell(column: int, text: str) -> list[str]:
        lines = cells[column].get(text)
        if lines is None:
            size = inner[column]
            if cell_len(text) <= size:
                lines = [text + " " * (size - cell_len(text))]
            else:
                lines = [line.plain + " " * (size - cell_len(line.plain))
                         for line in Text(text).wrap(console, size, justify="left", overflow="fold")]
            cells[column][text] = lines
        return lines

    def row_lines(row: list[str], *, header: bool = False) -> list[str]:
        parts = [cell(column, text) for column, text in enumerate(row)]
        if all(len(part) == 1 for part in parts):
            return [_COLUMN_GAP.join(part[0] for part in parts)]
        height = max(len(part) for part in parts)
        blank = [" " * size for size in inner]
        # A short cell sits at the top of its row; in the header, at the bottom (as rich does).
        parts = [[blank[column]] * (height - len(part)) + part if header else
                 part + [blank[column]] * (height - len(part)) for column, part in enumerate(parts)]
        return [_COLUMN_GAP.join(part[line] for part in parts) for line in range(height)]

    lines = row_lines(names, header=True)
    lines.append("─" * (sum(widths) + gaps))
    for row in texts:
        lines.extend(row_lines(row))
    return lines
