"""kg/namespaces.py: generated from the ontology, current, and closed."""
from __future__ import annotations

import pytest
from rdflib import URIRef

from kg import namespaces
from kg.namespaces import NK
from kg.tools import make_namespaces
from kg.triples import ontology_graph

NKNS = "https://w3id.org/natokg/ontology#"


def ontology_terms() -> set[str]:
    return {str(s)[len(NKNS):] for s in ontology_graph().subjects()
            if isinstance(s, URIRef) and str(s).startswith(NKNS)}


def test_nk_names_exactly_the_ontology_terms():
    assert set(NK.__annotations__) == ontology_terms()


def test_nk_terms_are_iris_in_the_ontology_namespace():
    assert NK.Meeting == URIRef(NKNS + "Meeting")
    assert NK.participationIn == URIRef(NKNS + "participationIn")


def test_a_misspelt_term_is_an_error():
    with pytest.raises(AttributeError):
        NK.Meting


def test_generated_file_is_current(tmp_path):
    target = tmp_path / "namespaces.py"
    assert make_namespaces.main([str(target)]) == 0
    assert target.read_text("utf-8") == make_namespaces.TARGET.read_text("utf-8"), \
        "kg/namespaces.py is stale: run python -m kg.tools.make_namespaces"


def test_external_namespaces():
    assert namespaces.SCHEMA.Event == URIRef("https://schema.org/Event")
    assert namespaces.ELI.Work == URIRef("http://data.europa.eu/eli/ontology#Work")
    assert namespaces.ELIDL.Activity == \
        URIRef("http://data.europa.eu/eli/eli-draft-legislation-ontology#Activity")
    assert namespaces.PROV.wasDerivedFrom == URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    assert namespaces.OA.TextPositionSelector == URIRef("http://www.w3.org/ns/oa#TextPositionSelector")
    assert namespaces.OPENGOV.Motion == URIRef("http://www.w3.org/ns/opengov#Motion")
    assert namespaces.DCTERMS.issued == URIRef("http://purl.org/dc/terms/issued")
    assert namespaces.SKOS.notation == URIRef("http://www.w3.org/2004/02/skos/core#notation")
    assert namespaces.ORG.Organization == URIRef("http://www.w3.org/ns/org#Organization")
