"""kg.validate: a refused letter names its file and every problem in plain words."""
from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

import pytest
from rdflib import Graph, URIRef

from kg.errors import ValidationError
from kg.facts import Participation
from kg.triples import letter_graph
from kg.validate import problems, validate, with_context
from test_triples import MEETING, bucharest_facts, span

ID = "https://w3id.org/natokg/id/"


@pytest.fixture
def good() -> Graph:
    return letter_graph(bucharest_facts())[1]


@pytest.fixture
def bad() -> Graph:
    facts = bucharest_facts()
    facts = replace(
        facts,
        meeting=replace(facts.meeting, end=date(2022, 11, 28)),
        participations=facts.participations + (Participation("GE", "observer", 4, span(4050, "Georgië")),),
    )
    return letter_graph(facts)[1]


def test_a_conforming_letter_passes(good):
    assert validate(good, "seed-2022-11-bucharest.txt") is None


def test_a_refused_letter_names_the_file_and_the_first_problem(bad):
    with pytest.raises(ValidationError) as caught:
        validate(bad, "seed-2022-11-bucharest.txt")
    error = caught.value
    message = str(error)
    assert "\n" not in message
    assert message.startswith("seed-2022-11-bucharest.txt: refused, 2 problems against the shapes; first: ")
    assert message.endswith(error.report.splitlines()[0])
    assert error.exit_code == 1


def test_the_report_lists_every_violation_as_focus_path_message(bad):
    with pytest.raises(ValidationError) as caught:
        validate(bad, "seed-2022-11-bucharest.txt")
    assert caught.value.report.splitlines() == [
        "id:meeting/foreign-ministers/2022-11-29/bucharest — nk:endDate — "
        "the meeting ends (2022-11-28) before it starts (2022-11-29)",
        "id:meeting/foreign-ministers/2022-11-29/bucharest/session/4/participation/GE/observer — "
        "nk:participationRole — a participation needs exactly one role: invitee or partner "
        "(found: 'observer')",
    ]


def test_validation_leaves_the_letter_graph_alone(bad):
    before = set(bad)
    with pytest.raises(ValidationError):
        validate(bad, "x.txt")
    assert set(bad) == before


def test_reference_nodes_are_checked_without_being_in_the_letter_graph(good):
    eu = URIRef(ID + "organisation/EU")
    ro = URIRef(ID + "country/RO")
    assert list(good.triples((eu, None, None))) == []
    seen = with_context(good)
    assert (eu, URIRef("https://w3id.org/natokg/ontology#code"), None) in seen
    # the city's country is two links away from the letter and still there
    assert (ro, URIRef("https://w3id.org/natokg/ontology#code"), None) in seen
    # so a code the reference list lacks is refused, though letter graphs never describe countries
    bad = letter_graph(replace(bucharest_facts(), participations=(
        Participation("XX", "invitee", None, span(300, "Xanadu")),)))[1]
    focus = URIRef(f"{MEETING}/participation/XX/invitee")
    assert [(p.focus, str(p.path).rsplit("#")[-1]) for p in problems(bad)] == [(focus, "participant")]


def test_validating_one_letter_takes_well_under_a_second(good):
    validate(good, "warm-up.txt")  # parses shapes, ontology and reference once per process
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        validate(good, "seed-2022-11-bucharest.txt")
        timings.append(time.perf_counter() - start)
    assert min(timings) < 0.5, timings
