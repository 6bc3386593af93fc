"""kg.validate.problems_many: one pySHACL call for many letters gives each letter exactly the
problems `problems` gives it alone, even when the letters share IRIs (every shape test case
below is the same letter, so all of them describe one meeting with the same nodes)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.extract import extract
from kg.text import read_letter
from kg.triples import letter_graph
from kg.validate import problems, problems_many, validate, validate_many
from test_shapes import FAILING, PASSING, base_graph, run

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


SHARED = ("country/", "city/", "eu", "https://w3id.org/natokg/ontology#")


def shared(node) -> bool:
    return any(part in str(node) for part in SHARED)


def test_a_batch_of_shape_cases_gives_each_case_its_own_problems():
    # Every other case, to keep the suite fast; cases that fail on a reference node come next.
    cases = [case for case in FAILING if not shared(case.focus)][::2]
    graphs = [base_graph()] + [run(case.update) for case in cases] + [run(update) for _, update in PASSING[::2]]
    assert problems_many(graphs) == [problems(g) for g in graphs]


def test_a_case_that_fails_on_a_reference_node_is_still_its_own():
    case = next(case for case in FAILING if shared(case.focus))
    graphs = [base_graph(), run(case.update), base_graph()]
    found = problems_many(graphs)
    assert found == [[], problems(graphs[1]), []]
    assert any(p.focus == case.focus for p in found[1])


def test_letters_of_one_meeting_in_one_batch_are_judged_apart():
    # Two copies of the Bucharest report, one broken: the broken one alone is refused.
    seed = letter_graph(extract(read_letter(CORPUS / "seed-2022-11-bucharest.txt")))[1]
    broken = letter_graph(extract(read_letter(CORPUS / "seed-2022-11-bucharest.txt")))[1]
    meeting = next(broken.subjects(predicate=URIRef("https://w3id.org/natokg/ontology#startDate")))
    broken.remove((meeting, URIRef("https://w3id.org/natokg/ontology#meetingType"), None))
    found = problems_many([seed, broken, seed])
    assert found[0] == found[2] == []
    assert found[1] == problems(broken) != []
    errors = validate_many([seed, broken], ["a.txt", "b.txt"])
    assert errors[0] is None
    try:
        validate(broken, "b.txt")
    except Exception as error:  # noqa: BLE001 - compared below
        assert (str(errors[1]), errors[1].report) == (str(error), error.report)


def test_corpus_letters_conform_in_a_batch():
    graphs = [letter_graph(extract(read_letter(path)))[1] for path in sorted(CORPUS.glob("*.txt"))]
    assert problems_many(graphs) == [[] for _ in graphs]


# Where the engines differ, and why. pySHACL runs SHACL-SPARQL on rdflib, which compares an
# integer with a string in a FILTER; SPARQL makes that an error (the filter fails), and so do
# pyshacl-turbo and Oxigraph: a span whose start is text is refused by both engines, for its
# datatype, but only pySHACL adds "the span ends (10) at or before its start (1)".
KNOWN = {"span start as text": "https://w3id.org/natokg/shapes#SpanEndsAfterStart"}


@pytest.mark.skipif(importlib.util.find_spec("pyshacl_turbo") is None, reason="pyshacl-turbo is not installed")
def test_pyshacl_and_turbo_find_the_same_problems(monkeypatch):
    cases = [case for case in FAILING if not shared(case.focus)]
    batched = [base_graph()] + [run(case.update) for case in cases] + [run(update) for _, update in PASSING]
    names = ["base"] + [case.id for case in cases] + [name for name, _ in PASSING]
    alone = [run(case.update) for case in FAILING if shared(case.focus)]
    found = {}
    for engine in ("pyshacl", "turbo"):
        monkeypatch.setenv("NATOKG_SHACL", engine)
        found[engine] = (problems_many(batched), [problems(g) for g in alone])
    for name, by_pyshacl, by_turbo in zip(names, found["pyshacl"][0], found["turbo"][0]):
        if name in KNOWN:
            by_pyshacl = [p for p in by_pyshacl if str(p.constraint) != KNOWN[name]]
        assert by_pyshacl == by_turbo, name
    assert found["pyshacl"][1] == found["turbo"][1]
