"""One graph across letters: the same meeting, motion, fund, person and Kamerstuk wherever they
appear, the agenda and the report of one meeting compared, and the stored queries that follow a
meeting, a country, a fund and a motion through the letters (expected rows written out)."""
from __future__ import annotations

import random

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from conftest import CORPUS, LETTERS
from kg import iris, pipeline, queries
from kg.derive import compare, derive, find_aliases
from kg.store import OxigraphStore
from kg.triples import derived_graphs
from kg.validate import problems

ID = "https://w3id.org/natokg/id/"
AGENDA = CORPUS / "dev-2023-04-brussels-agenda.txt"
REPORT = CORPUS / "dev-2023-04-brussels-report.txt"
APRIL = ID + "meeting/foreign-ministers/2023-04-04/brussels"


def rows(store, name, **params):
    result = queries.run(store, name, params)
    return [{k: (None if v is None else str(v)) for k, v in zip(result.vars, row)} for row in result.rows]


def stem(iri: str | None) -> str | None:
    return iri.rsplit("/", 1)[1] if iri else None


def quads(store) -> set[bytes]:
    return set(store.dump("nquads").splitlines())


@pytest.fixture(scope="module")
def corpus():
    with OxigraphStore() as store:
        pipeline.ingest_paths([CORPUS], store)
        yield store


# ---------------------------------------------------------------- agenda and report


@pytest.mark.parametrize("order", [(AGENDA, REPORT), (REPORT, AGENDA)], ids=["agenda first", "report first"])
def test_agenda_and_report_are_one_meeting_with_two_letters_and_the_sessions_of_the_report(order):
    with OxigraphStore() as store:
        for path in order:
            pipeline.ingest_paths([path], store)
        meetings = rows(store, "meetings")
        assert {m["meeting"] for m in meetings} == {APRIL}
        timeline = rows(store, "meeting-timeline", type="foreign-ministers")
        assert [(r["start"], stem(r["letter"]), r["relation"]) for r in timeline if r["meeting"] == APRIL] == [
            ("2023-04-04", "dev-2023-04-brussels-agenda", "announces"),
            ("2023-04-04", "dev-2023-04-brussels-report", "reports")]
        sessions = rows(store, "sessions", meeting=APRIL)
        assert [(r["number"], r["title"]) for r in sessions if r["status"] == "held"] == [
            ("1", "Oekraine"), ("2", "Indo-Pacific partners"), ("3", "Op weg naar Vilnius")]
        assert [(r["number"], r["title"]) for r in sessions if r["status"] == "planned"] == [
            ("1", "Oekraine"), ("2", "Partners in de Indo-Pacific"), ("3", "Voorbereiding van de NAVO-Top in Vilnius")]
        between = [(stem(r["about"]), r["message"]) for r in rows(store, "data-issues") if r["letter"] is None]
        assert between == [
            ("2", "session 2 was announced as «Partners in de Indo-Pacific» and reported as «Indo-Pacific partners»"),
            ("3", "session 3 was announced as «Voorbereiding van de NAVO-Top in Vilnius» and reported as "
                  "«Op weg naar Vilnius»")]
        # The per-letter issues are unchanged: the agenda has none, the report its damaged figure.
        assert [stem(r["letter"]) for r in rows(store, "data-issues") if r["letter"]] == ["dev-2023-04-brussels-report"]
        yield_dump = quads(store)
    with OxigraphStore() as other:
        pipeline.ingest_paths([AGENDA, REPORT], other)
        assert quads(other) == yield_dump


def test_the_derived_graph_conforms_to_the_shapes_with_the_letters_it_compares():
    with OxigraphStore() as store:
        pipeline.ingest_paths([AGENDA, REPORT], store)
        [(graph_iri, derived)] = derived_graphs(derive(store)).items()
        assert graph_iri == URIRef(ID + "graph/derived/foreign-ministers/2023-04") and len(derived) > 0
        data = Graph()
        data += derived
        for path in (AGENDA, REPORT):
            data += pipeline.prepare(path)[1]
        # The shapes are written for one letter graph at a time (two letters give a session two
        # titles); what matters here is the derived nodes, checked against the letters they name.
        mine = set(derived.subjects())
        assert [p for p in problems(data) if p.focus in mine] == []


def test_removing_the_report_removes_the_comparison():
    with OxigraphStore() as store:
        pipeline.ingest_paths([AGENDA, REPORT], store)
        assert str(iris.derived_graph("foreign-ministers", "2023-04")) in store.graphs()
        store.remove_graph(str(iris.letter_graph("dev-2023-04-brussels-report")))
        pipeline.refresh_derived(store)
        assert [r for r in rows(store, "data-issues") if r["letter"] is None] == []


def test_the_whole_corpus_twice_in_two_orders_gives_isomorphic_graphs():
    letters = sorted(CORPUS.glob("*.txt"))
    with OxigraphStore() as first, OxigraphStore() as second:
        pipeline.ingest_paths(letters, first)  # one batch, in name order
        shuffled = letters[::-1]
        random.Random(8).shuffle(shuffled)
        for path in shuffled:  # one letter at a time, in another order
            pipeline.ingest_paths([path], second)
        pipeline.ingest_paths(letters[::-1], second)  # and everything again
        assert quads(first) == quads(second)
        # No blank nodes, so equal quads is isomorphism; check it the rdflib way as well.
        one, two = Graph(), Graph()
        for g, store in ((one, first), (two, second)):
            g.parse(data=store.dump("nquads"), format="nquads")
        assert isomorphic(one, two)


# ---------------------------------------------------------------- the four queries


def test_meeting_timeline(corpus):
    found = [(r["start"], r["type"], r["city"], stem(r["letter"]), r["relation"])
             for r in rows(corpus, "meeting-timeline")]
    assert found == [
        ("2022-06", "summit", "Madrid", "dev-2023-04-brussels-agenda", "mentions"),
        ("2022-06", "summit", "Madrid", "seed-2022-11-bucharest", "mentions"),
        ("2022-11-29", "foreign-ministers", "Bucharest", "dev-2023-04-brussels-agenda", "mentions"),
        ("2022-11-29", "foreign-ministers", "Bucharest", "seed-2022-11-bucharest", "reports"),
        ("2022-12-12", "foreign-affairs-council", None, "seed-2022-11-bucharest", "mentions"),
        ("2023-02-14", "defence-ministers", "Brussels", "dev-2023-02-defence-report", "reports"),
        # The EU Council the FAC report is about, which the April agenda mentions without a place.
        ("2023-03-20", "foreign-affairs-council", "Brussels", "dev-2023-03-fac-report", "mentions"),
        ("2023-03-20", "foreign-affairs-council", "Brussels", "dev-2023-04-brussels-agenda", "mentions"),
        ("2023-04-04", "foreign-ministers", "Brussels", "dev-2023-04-brussels-agenda", "announces"),
        ("2023-04-04", "foreign-ministers", "Brussels", "dev-2023-03-fac-report", "mentions"),
        ("2023-04-04", "foreign-ministers", "Brussels", "dev-2023-04-brussels-report", "reports"),
        ("2023-05-31", "foreign-ministers", "Oslo", "dev-2023-06-oslo-informal", "reports"),
        ("2023-06-15", "defence-ministers", None, "dev-2023-10-defence-agenda", "mentions"),
        ("2023-06-26", "foreign-affairs-council", None, "dev-2023-06-oslo-informal", "mentions"),
        # "de Top in Vilnius in juli" (February) and "van juli" (October) are this summit too.
        ("2023-07-11", "summit", "Vilnius", "dev-2023-02-defence-report", "mentions"),
        ("2023-07-11", "summit", "Vilnius", "dev-2023-04-brussels-agenda", "mentions"),
        ("2023-07-11", "summit", "Vilnius", "dev-2023-04-brussels-report", "mentions"),
        ("2023-07-11", "summit", "Vilnius", "dev-2023-06-oslo-informal", "mentions"),
        ("2023-07-11", "summit", "Vilnius", "dev-2023-10-defence-agenda", "mentions"),
        ("2023-07-11", "summit", "Vilnius", "dev-2023-07-vilnius-summit", "reports"),
        ("2023-10-11", "defence-ministers", "Brussels", "dev-2023-10-defence-agenda", "announces"),
        ("2024-05-30", "foreign-ministers", "Prague", "dev-2024-05-prague-informal", "reports"),
        ("2024-06-27", "european-council", None, "dev-2024-07-washington-summit", "mentions"),
        ("2024-07-09", "summit", "Washington", "dev-2023-07-vilnius-summit", "mentions"),
        ("2024-07-09", "summit", "Washington", "dev-2024-05-prague-informal", "mentions"),
        ("2024-07-09", "summit", "Washington", "dev-2024-07-washington-summit", "reports"),
    ]
    # The letters' own meetings keep their end; the meetings query still lists only those.
    assert {r["meeting"] for r in rows(corpus, "meetings")} == {
        r["meeting"] for r in rows(corpus, "meeting-timeline") if r["relation"] != "mentions"}


@pytest.mark.parametrize("party, expected", [
    ("FI", [("2022-11-29", "invitee", None), ("2023-02-14", "invitee", "1"), ("2023-02-14", "invitee", "2"),
            ("2023-04-04", "accession", None), ("2023-04-04", "ally", None), ("2023-05-31", "ally", None),
            ("2023-07-11", "ally", None), ("2023-10-11", "ally", None), ("2024-05-30", "ally", None),
            ("2024-07-09", "ally", None)]),
    ("SE", [("2022-11-29", "invitee", None), ("2023-02-14", "invitee", "1"), ("2023-02-14", "invitee", "2"),
            ("2023-04-04", "invitee", None), ("2023-05-31", "invitee", None), ("2023-07-11", "invitee", None),
            ("2023-10-11", "invitee", "1"), ("2023-10-11", "invitee", "2"), ("2024-03-07", "accession", None),
            ("2024-05-30", "ally", None), ("2024-07-09", "ally", None)]),
    ("UA", [("2022-11-29", "partner", "1"), ("2022-11-29", "partner", "2"), ("2023-02-14", "partner", "2"),
            ("2023-04-04", "partner", "1"), ("2023-07-11", "partner", "2"), ("2023-10-11", "partner", "2"),
            ("2024-07-09", "partner", "2")]),
])
def test_country_history(corpus, party, expected):
    found = rows(corpus, "country-history", party=party)
    assert [(r["start"], r["role"], r["number"]) for r in found] == expected
    assert {r["party"] for r in found} == {party}


def test_fund_history_keeps_each_contribution_with_its_date_and_letter(corpus):
    found = rows(corpus, "fund-history", fund="UCAP")
    assert [(r["date"], r["donor"], r["amount"], r["currency"], r["status"], stem(r["letter"])) for r in found] == [
        ("2022-12-16", "NL", "25000000", "EUR", "reported", "seed-2022-11-bucharest"),
        ("2023-03-24", "NL", "10000000", "EUR", "planned", "dev-2023-04-brussels-agenda"),
        ("2023-04-21", "NL", "10000000", "EUR", "reported", "dev-2023-04-brussels-report"),
        ("2023-07-20", "NL", "2500000", "EUR", "reported", "dev-2023-07-vilnius-summit"),
        ("2024-07-19", "NL", "5000000", "EUR", "reported", "dev-2024-07-washington-summit"),
    ]
    assert {r["fund"] for r in found} == {ID + "fund/ucap"}
    assert [stem(r["meeting"]) for r in found][:3] == ["bucharest", "brussels", "brussels"]
    # By its full name too, and only the contributions to it.
    by_name = rows(corpus, "fund-history", fund="Ukraine Comprehensive Assistance Package")
    assert [r["contribution"] for r in by_name] == [r["contribution"] for r in found]
    assert [r["name"] for r in rows(corpus, "fund-history", fund="NIF")] == ["NATO Innovation Fund"]


def test_motion_trail(corpus):
    found = [(r["kamerstuk"], r["submitter"], r["motion_date"], stem(r["letter"]), r["letter_date"])
             for r in rows(corpus, "motion-trail")]
    assert found == [
        ("35925-X-22", "Boswijk", "2021-11-11", "seed-2022-11-bucharest", "2022-12-16"),
        ("36200-X-26", "Valstar", "2022-11-17", "seed-2022-11-bucharest", "2022-12-16"),
        ("36200-X-26", "Valstar", "2022-11-17", "dev-2023-02-defence-report", "2023-03-01"),
        ("21501-02-2590", "Sjoerdsma", "2023-02-14", "dev-2023-03-fac-report", "2023-03-24"),
        ("36200-X-71", "Brekelmans", "2023-02-16", "dev-2023-04-brussels-agenda", "2023-03-24"),
        ("36200-V-44", "Sjoerdsma", "2023-03-02", "dev-2023-06-oslo-informal", "2023-06-09"),
        ("36410-X-88", "Brekelmans", "2024-03-13", "dev-2024-05-prague-informal", "2024-06-07"),
    ]
    assert [stem(r["letter"]) for r in rows(corpus, "motion-trail", motion="36200-X-26")] == [
        "seed-2022-11-bucharest", "dev-2023-02-defence-report"]
    assert [stem(r["letter"]) for r in rows(corpus, "motion-trail", motion=ID + "motion/36200-X-26")] == [
        "seed-2022-11-bucharest", "dev-2023-02-defence-report"]
    assert [r["kamerstuk"] for r in rows(corpus, "motion-trail", motion="Sjoerdsma")] == [
        "21501-02-2590", "36200-V-44"]


# ---------------------------------------------------------------- persons, papers, funds


def test_a_minister_is_one_person_in_one_role_on_the_dates_of_the_letters(corpus):
    role = URIRef(ID + "person/w-b-hoekstra/role/minister-van-buitenlandse-zaken")
    _, found = corpus.select(
        "PREFIX nk: <https://w3id.org/natokg/ontology#> "
        "SELECT DISTINCT ?day ?name ?holder ?role WHERE { ?role nk:attestedOn ?day ; nk:roleName ?name ; nk:holder ?holder }"
        " ORDER BY ?day", {"role": role})
    assert [(str(d), str(n), str(h)) for d, n, h, _ in found] == [
        (day, "Minister van Buitenlandse Zaken", ID + "person/w-b-hoekstra")
        for day in ("2022-12-16", "2023-03-24", "2023-04-21", "2023-06-09")]
    _, signed = corpus.select(
        "PREFIX nk: <https://w3id.org/natokg/ontology#> SELECT DISTINCT ?letter ?role WHERE { ?letter nk:signedAs ?role }",
        {"role": role})
    assert len(signed) == 5  # seed, FAC report, April agenda and report, Oslo


def test_a_member_of_parliament_is_one_person_across_motions(corpus):
    _, found = corpus.select(
        "PREFIX nk: <https://w3id.org/natokg/ontology#> SELECT DISTINCT ?motion ?seat ?person WHERE { "
        "?motion nk:submittedBy ?person ; nk:submittedAs ?seat . ?seat nk:holder ?person } ORDER BY ?motion",
        {"person": URIRef(ID + "person/sjoerdsma")})
    seat = ID + "person/sjoerdsma/role/lid-van-de-tweede-kamer"
    assert [(stem(str(m)), str(s)) for m, s, _ in found] == [("21501-02-2590", seat), ("36200-V-44", seat)]
    _, days = corpus.select("PREFIX nk: <https://w3id.org/natokg/ontology#> SELECT DISTINCT ?day ?seat ?name "
                            "WHERE { ?seat nk:attestedOn ?day ; nk:roleName ?name } ORDER BY ?day",
                            {"seat": URIRef(seat)})
    assert [(str(d), str(n)) for d, _, n in days] == [("2023-02-14", "lid van de Tweede Kamer"),
                                                      ("2023-03-02", "lid van de Tweede Kamer")]


def test_a_letter_with_its_own_number_is_the_kamerstuk_other_letters_cite(tmp_path):
    citing = tmp_path / "brief-2024-01.txt"
    citing.write_text(
        "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n"
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n"
        "Den Haag, 15 januari 2024\n\n"
        "Zoals gemeld in het verslag van de laatste bijeenkomst (Kamerstuk 28 676, nr. 452) zet het\n"
        "kabinet de steun aan Oekraïne voort.\n\n"
        "De Minister van Buitenlandse Zaken,\nH.G.J. Bruins Slot\n", encoding="utf-8")
    with OxigraphStore() as store:
        pipeline.ingest_paths([citing, LETTERS / "fmm-2023-11-published.txt"], store)
        found = rows(store, "documents-cited", letter="brief-2024-01.txt")
        assert [(r["kamerstuk"], stem(r["cited_letter"])) for r in found] == [("28676-452", "fmm-2023-11-published")]


# ---------------------------------------------------------------- the pure comparison steps


def node(meeting, type, start, month, city, letter):
    return {"meeting": meeting, "type": type, "start": start, "month": month, "city": city, "letter": letter}


def test_a_vague_meeting_is_the_one_precise_meeting_it_can_be():
    found = find_aliases([
        node("m/summit/2023-07/vilnius", "summit", None, "2023-07", "city/vilnius", "a"),
        node("m/summit/2023-07-11/vilnius", "summit", "2023-07-11", None, "city/vilnius", "b"),
        node("m/fac/2023-03-20/unknown", "fac", "2023-03-20", None, None, "a"),
        node("m/fac/2023-03-20/brussels", "fac", "2023-03-20", None, "city/brussels", "c"),
    ])
    assert {(a.alias, a.meeting, a.letters) for a in found} == {
        ("m/summit/2023-07/vilnius", "m/summit/2023-07-11/vilnius", ("a", "b")),
        ("m/fac/2023-03-20/unknown", "m/fac/2023-03-20/brussels", ("a", "c"))}


def test_two_candidates_leave_a_vague_meeting_alone():
    assert find_aliases([
        node("m/dmm/2024-06/unknown", "dmm", None, "2024-06", None, "a"),
        node("m/dmm/2024-06-03/brussels", "dmm", "2024-06-03", None, "city/brussels", "b"),
        node("m/dmm/2024-06-27/rome", "dmm", "2024-06-27", None, "city/rome", "c"),
    ]) == ()


def account(letter, status, end="2024-06-14", informal="false"):
    return {"meeting": "m", "letter": letter, "status": status, "end": end, "informal": informal}


def session(letter, status, number, title):
    return {"meeting": "m", "letter": letter, "status": status, "number": str(number), "title": title}


def test_planned_versus_held():
    found = compare(
        [account("agenda", "planned"), account("report", "held", end="2024-06-13")],
        [session("agenda", "planned", 1, "Oekraïne"), session("agenda", "planned", 2, "Afschrikking"),
         session("report", "held", 1, "OEKRAINE"), session("report", "held", 3, "Partners")])
    assert [(d.about, d.key, d.message, d.letters) for d in found] == [
        ("m", "meeting-end", "the annotated agenda gives the meeting's last day as 2024-06-14, "
                             "the report as 2024-06-13", ("agenda", "report")),
        ("m/session/2", "session-2-not-held",
         "session 2 («Afschrikking») was on the annotated agenda, but the report gives no session 2",
         ("agenda", "report")),
        ("m/session/3", "session-3-not-planned",
         "session 3 («Partners») is in the report, but was not on the annotated agenda", ("agenda", "report")),
    ]


def test_nothing_to_compare_without_both_an_agenda_and_a_report():
    assert compare([account("a", "planned"), account("b", "planned", end="2024-06-15")],
                   [session("a", "planned", 1, "X"), session("b", "planned", 1, "Y")]) == ()
    # A report that numbers no sessions does not disagree with the agenda's sessions.
    assert compare([account("a", "planned"), account("b", "held")], [session("a", "planned", 1, "X")]) == ()


# ---------------------------------------------------------------- the step's own queries


def test_the_derive_queries_have_headers_and_stay_out_of_the_catalogue():
    from kg.derive import derive_query_paths
    from kg.queries import catalogue, load, parse_header

    paths = derive_query_paths()
    assert [p.stem for p in paths] == ["letter-meetings", "meeting-nodes", "meeting-sessions", "month-meetings", "session-titles"]
    yaml = pytest.importorskip("yaml")
    for path in paths:
        assert load(path).summary and path.stem not in catalogue()
        header = "\n".join(line[2:] for line in path.read_text("utf-8").splitlines() if line.startswith("#+"))
        assert parse_header(header) == yaml.safe_load(header)


# ---------------------------------------------------------------- in one letter's graph


def test_a_letter_graph_says_announces_or_reports_and_names_other_meetings_only_as_far_as_it_can():
    from rdflib import OWL, XSD

    from kg.namespaces import NK

    agenda = pipeline.prepare(AGENDA)[1]
    letter, april = URIRef(ID + "letter/dev-2023-04-brussels-agenda"), URIRef(APRIL)
    assert (letter, NK.announcesMeeting, april) in agenda and (letter, NK.concernsMeeting, april) in agenda
    assert (letter, NK.reportsOnMeeting, None) not in agenda
    madrid = URIRef(ID + "meeting/summit/2022-06/madrid")
    assert (letter, NK.mentionsMeeting, madrid) in agenda
    assert agenda.value(madrid, NK.startMonth) == Literal("2022-06", datatype=XSD.gYearMonth)
    assert {p for _, p, _ in agenda.triples((madrid, None, None))}.isdisjoint(
        {NK.startDate, NK.endDate, NK.informal})
    vilnius = URIRef(ID + "meeting/summit/2023-07-11/vilnius")
    assert (str(agenda.value(vilnius, NK.startDate)), str(agenda.value(vilnius, NK.endDate))) == (
        "2023-07-11", "2023-07-12")
    published = pipeline.prepare(LETTERS / "fmm-2023-11-published.txt")[1]
    own = URIRef(ID + "kamerstuk/28676-452")
    assert published.value(URIRef(ID + "letter/fmm-2023-11-published"), OWL.sameAs) == own
    assert published.value(own, NK.kamerstuk) == Literal("28676-452")
