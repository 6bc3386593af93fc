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
    bindings = [{var: _json_term(term) for var, term in row.items()} for row in result.dicts()]
    document = {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


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
    lines = ["\t".join("?" + var for var in result.vars)]
    lines += ["\t".join(_tsv_term(term) for term in row) for row in result.rows]
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


def to_table(result: Result, *, width: int | None = None, title: str | None = None) -> str:
    """A plain-text table (rich), without colour so it reads the same in a terminal and a pipe.

    With no `width` the table takes its natural width, so nothing is cut or wrapped when the
    output goes to a file; in a terminal pass its width and long values wrap inside their cell.
    """
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", show_edge=False, pad_edge=False)
    for var in result.vars:
        table.add_column(var, overflow="fold")
    for row in result.rows:
        # Text(), not str: a value such as "[bold]" must not be read as rich markup.
        table.add_row(*(Text(plain(term)) for term in row))
    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 100_000, color_system=None, highlight=False,
                      emoji=False, markup=False, legacy_windows=False)
    console.print(table)
    count = len(result.rows)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    return "\n".join(lines) + f"\n({count} row{'s' if count != 1 else ''})\n"
