"""Result formats: the W3C SPARQL 1.1 JSON, CSV and TSV formats, and the readable table."""
from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import Namespace

from kg.results import (
    Result, _fast_table, _json_term, _rich_table, plain, render, to_csv, to_json, to_table, to_tsv)

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


# Values as listings hold them and as they can break a layout: wide (CJK, emoji) and zero-width
# (combining) characters, runs of spaces, long words that must be folded, empty values.
PIECES = ["a", "Z", " ", "  ", "ë", "e\u0301", "中文", "😀", "-", "/", ":", "x" * 30,
          "https://w3id.org/natokg/id/letter/", "Oekraïne", "[bold]"]
cell_text = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)
header = st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map(lambda parts: "".join(parts).strip() or "v")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(data=st.data(), columns=st.integers(1, 6), width=st.sampled_from([None, 12, 30, 60, 100]))
def test_the_table_is_laid_out_as_rich_lays_it_out(data, columns, width):
    names = data.draw(st.lists(header, min_size=columns, max_size=columns))
    rows = data.draw(st.lists(st.lists(cell_text, min_size=columns, max_size=columns), max_size=5))
    fast = _fast_table(names, rows, width)
    if width is None or width >= 30:
        assert fast is not None  # no control characters: the fast layout takes it
    if fast is not None:
        assert [line.rstrip() for line in fast] == [line.rstrip() for line in _rich_table(names, rows, width)]


def test_a_listing_of_thousands_of_rows_wraps_as_rich_wraps_it():
    rows = [(URIRef(f"https://w3id.org/natokg/id/letter/gen-{n:06d}-report"), Literal(f"2020-01-{n % 28 + 1:02d}"),
             Literal("Oekraïne " * (n % 4)), None) for n in range(2000)]
    result = Result(["letter", "date", "title", "note"], rows)
    texts = [[plain(term) for term in row] for row in rows]
    for width in (None, 80):
        assert to_table(result, width=width).splitlines()[:-1] == [
            line.rstrip() for line in _rich_table(result.vars, texts, width)]


def test_a_value_with_a_line_break_or_tab_is_left_to_rich():
    assert _fast_table(["a"], [["one\ntwo"]], None) is None
    assert _fast_table(["a"], [["one\ttwo"]], None) is None
    text = to_table(Result(["a", "b"], [(Literal("one\ntwo"), Literal("x"))]))
    assert text.splitlines()[2:4] == ["one   x", "two"]


term_value = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
rdf_term = st.one_of(
    st.none(),
    term_value.map(lambda text: URIRef("https://example.org/" + text.replace(" ", "_"))),
    st.from_regex(r"[a-z][a-z0-9]{0,5}", fullmatch=True).map(BNode),
    term_value.map(Literal),
    st.tuples(term_value, st.sampled_from(["en", "nl", "en-GB"])).map(lambda pair: Literal(pair[0], lang=pair[1])),
    st.tuples(term_value, st.sampled_from([XSD.date, XSD.integer, XSD.string])).map(
        lambda pair: Literal(pair[0], datatype=pair[1])),
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(data=st.data(), columns=st.integers(0, 4))
def test_json_is_laid_out_as_json_dumps_lays_it_out(data, columns):
    names = data.draw(st.lists(term_value.filter(bool), min_size=columns, max_size=columns, unique=True))
    rows = data.draw(st.lists(st.lists(rdf_term, min_size=columns, max_size=columns).map(tuple), max_size=4))
    result = Result(names, rows)
    bindings = [{var: _json_term(term) for var, term in row.items()} for row in result.dicts()]
    document = {"head": {"vars": names}, "results": {"bindings": bindings}}
    assert to_json(result) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
