"""Result formats: the W3C SPARQL 1.1 JSON, CSV and TSV formats, and the readable table."""
from __future__ import annotations

import csv
import io
import json

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import Namespace

from kg.results import Result, render, to_csv, to_json, to_table, to_tsv

# A plain namespace: rdflib's closed XSD warns when pytest probes a module's names.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

MEETING = URIRef("https://w3id.org/natokg/id/meeting/foreign-ministers/2022-11-29/bucharest")

RESULT = Result(
    ["meeting", "number", "party", "label", "start", "amount", "note"],
    [
        (MEETING, Literal("4", datatype=XSD.integer), Literal("BA"), Literal("Bosnia and Herzegovina", lang="en"),
         Literal("2022-11-29", datatype=XSD.date), Literal("25000000", datatype=XSD.decimal), None),
        (BNode("b0"), None, Literal('say "hi", then\nleave\tnow'), None, None, None, Literal("[bold]x[/bold]")),
    ],
)


def test_json_has_the_w3c_shape():
    document = json.loads(to_json(RESULT))
    assert document["head"] == {"vars": RESULT.vars}
    first, second = document["results"]["bindings"]
    assert first == {
        "meeting": {"type": "uri", "value": str(MEETING)},
        "number": {"type": "literal", "value": "4", "datatype": str(XSD.integer)},
        "party": {"type": "literal", "value": "BA"},
        "label": {"type": "literal", "value": "Bosnia and Herzegovina", "xml:lang": "en"},
        "start": {"type": "literal", "value": "2022-11-29", "datatype": str(XSD.date)},
        "amount": {"type": "literal", "value": "25000000", "datatype": str(XSD.decimal)},
    }
    # Unbound variables are left out of a binding, blank nodes are "bnode".
    assert second == {
        "meeting": {"type": "bnode", "value": "b0"},
        "party": {"type": "literal", "value": 'say "hi", then\nleave\tnow'},
        "note": {"type": "literal", "value": "[bold]x[/bold]"},
    }


def test_json_of_no_rows():
    assert json.loads(to_json(Result(["a"], []))) == {"head": {"vars": ["a"]}, "results": {"bindings": []}}


def test_csv_header_values_and_line_ends():
    text = to_csv(RESULT)
    assert text.startswith("meeting,number,party,label,start,amount,note\r\n")
    assert text.split("\r\n")[1] == f"{MEETING},4,BA,Bosnia and Herzegovina,2022-11-29,25000000,"
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[2] == ["_:b0", "", 'say "hi", then\nleave\tnow', "", "", "", "[bold]x[/bold]"]


def test_tsv_header_and_terms():
    lines = to_tsv(RESULT).split("\n")
    assert lines[0] == "?meeting\t?number\t?party\t?label\t?start\t?amount\t?note"
    assert lines[1].split("\t") == [
        f"<{MEETING}>", "4", '"BA"', '"Bosnia and Herzegovina"@en',
        f'"2022-11-29"^^<{XSD.date}>', f'"25000000"^^<{XSD.decimal}>', ""]
    # Tabs and newlines inside a value are escaped, so each row stays one line.
    assert lines[2].split("\t") == ["_:b0", "", '"say \\"hi\\", then\\nleave\\tnow"', "", "", "", '"[bold]x[/bold]"']
    assert lines[3] == "" and len(lines) == 4


def test_table_is_plain_text_with_every_value():
    text = to_table(RESULT)
    assert "meeting" in text.splitlines()[0] and "number" in text.splitlines()[0]
    assert str(MEETING) in text and "Bosnia and Herzegovina" in text
    assert "[bold]x[/bold]" in text  # shown as written, not read as rich markup
    assert "\x1b[" not in text
    assert text.endswith("(2 rows)\n")


def test_table_wraps_inside_cells_at_a_given_width():
    text = to_table(RESULT, width=60)
    assert all(len(line) <= 60 for line in text.splitlines())


def test_render_dispatches_and_rejects_unknown_formats():
    assert render(RESULT, "csv") == to_csv(RESULT)
    with pytest.raises(ValueError, match="xml"):
        render(RESULT, "xml")
