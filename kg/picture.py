"""Pictures: one meeting as the store knows it, and the ontology as a class diagram.

`meeting_picture(store, iri)` reads a meeting through the stored queries (`meetings`, `letters`,
`sessions`, `meeting-participants`, `session-participants`), so it sees what `natokg query` sees
and works on a SPARQL endpoint as on the local store. `meeting_dot()` draws it with Graphviz:
the letters it comes from, the meeting, its sessions, and each country or organisation linked
to the sessions (or the whole meeting) it took part in, coloured by role. `ontology_dot()` draws
`ontology/natokg.ttl`: its classes with their datatype properties and code lists, the object
properties between them, subclass links, and the external terms each is aligned with.

`render(dot, path)` writes SVG or PNG by the file's suffix; it needs Graphviz's `dot` program
(Debian: `apt-get install graphviz`) and says so when it is missing.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import graphviz
from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SKOS

from kg.errors import NatokgError, QueryError
from kg.queries import run
from kg.results import plain
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "natokg.ttl"
NK = "https://w3id.org/natokg/ontology#"

# Colour-blind safe (Okabe-Ito): what a party's colour means is the legend of every picture.
ROLE_COLOURS = {"invitee": "#56B4E9", "partner": "#E69F00"}
OTHER_ROLE = "#CCCCCC"
RELATION = {"report": "reports on", "annotated-agenda": "announces"}
FORMATS = ("svg", "png")


@dataclass(frozen=True)
class Party:
    code: str
    label: str
    role: str


@dataclass
class MeetingPicture:
    """What the picture of one meeting shows, as the stored queries give it."""

    iri: str
    type: str
    start: str
    end: str
    city: str
    country: str
    informal: bool
    letters: list[dict[str, str]] = field(default_factory=list)  # letter, source, type, date
    sessions: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # number -> [(title, status)]
    whole_meeting: list[Party] = field(default_factory=list)
    per_session: dict[int, list[Party]] = field(default_factory=dict)  # beyond the whole-meeting ones


def _rows(store: GraphStore, name: str, params: dict[str, str] | None = None) -> list[dict[str, str]]:
    result = run(store, name, params)
    return [{var: plain(term) for var, term in zip(result.vars, row)} for row in result.rows]


def meeting_picture(store: GraphStore, meeting: str) -> MeetingPicture:
    """Everything the picture of `meeting` (its IRI, as the `meetings` query gives it) shows."""
    meeting = meeting.strip()
    found = [row for row in _rows(store, "meetings") if row["meeting"] == meeting]
    if not found:
        known = sorted({row["meeting"] for row in _rows(store, "meetings")})
        raise QueryError(f"no meeting {meeting} in the store; `natokg query meetings` lists them"
                         + (f" ({', '.join(known[:5])}{', …' if len(known) > 5 else ''})" if known else ""))
    first = found[0]
    picture = MeetingPicture(iri=meeting, type=first["type"], start=first["start"], end=first["end"],
                             city=first["city"], country=first["country"], informal=first["informal"] == "true")
    letters = {row["letter"]: row for row in _rows(store, "letters")}
    for iri in sorted({row["letter"] for row in found}):
        row = letters.get(iri, {})
        picture.letters.append({"letter": iri, "source": row.get("source", iri.rsplit("/", 1)[-1]),
                                "type": row.get("type", ""), "date": row.get("date", "")})
    for row in _rows(store, "sessions", {"meeting": meeting}):
        titles = picture.sessions.setdefault(int(row["number"]), [])
        if (row["title"], row["status"]) not in titles:
            titles.append((row["title"], row["status"]))
    picture.whole_meeting = sorted({Party(r["party"], r["label"] or r["party"], r["role"])
                                    for r in _rows(store, "meeting-participants", {"meeting": meeting})},
                                   key=lambda p: (p.role, p.label))
    wide = {(p.code, p.role) for p in picture.whole_meeting}
    for row in _rows(store, "session-participants", {"meeting": meeting}):
        number = int(row["number"])
        picture.sessions.setdefault(number, [])
        if (row["party"], row["role"]) in wide:
            continue
        party = Party(row["party"], row["label"] or row["party"], row["role"])
        if party not in picture.per_session.setdefault(number, []):
            picture.per_session[number].append(party)
    return picture


def _label(*lines: str, bold_first: bool = True, size: int = 10) -> str:
    """An HTML-like Graphviz label: the first line bold, the others smaller."""
    parts = []
    for index, line in enumerate(lines):
        text = html.escape(line)
        if index == 0 and bold_first:
            parts.append(f"<B>{text}</B>")
        else:
            parts.append(f'<FONT POINT-SIZE="{size}">{text}</FONT>')
    return "<" + "<BR/>".join(parts) + ">"


def meeting_dot(picture: MeetingPicture) -> graphviz.Digraph:
    """The picture of one meeting as a Graphviz graph (left to right: letters, meeting, sessions,
    parties)."""
    dot = graphviz.Digraph("meeting", graph_attr={"rankdir": "LR", "fontname": "Helvetica", "nodesep": "0.25",
                                                  "ranksep": "0.9", "tooltip": picture.iri})
    dot.attr("node", fontname="Helvetica", fontsize="12")
    dot.attr("edge", fontname="Helvetica", fontsize="10")
    kind = picture.type.replace("-", " ")
    dates = picture.start if picture.start == picture.end else f"{picture.start} – {picture.end}"
    place = picture.city + (f" ({picture.country})" if picture.country else "")
    dot.node("meeting", _label(("informal " if picture.informal else "") + kind + " meeting", place, dates),
             shape="box", style="rounded,filled,bold", fillcolor="#F0F0F0", URL=picture.iri, tooltip=picture.iri)
    for index, letter in enumerate(picture.letters):
        name = f"letter{index}"
        dot.node(name, _label(letter["source"], " ".join(filter(None, [letter["type"], letter["date"]]))),
                 shape="note", style="filled", fillcolor="#FFFFFF", URL=letter["letter"], tooltip=letter["letter"])
        dot.edge(name, "meeting", label=RELATION.get(letter["type"], "concerns"))
    for number, titles in sorted(picture.sessions.items()):
        lines = [f"session {number}"]
        for title, status in titles:
            lines.append(title if len({t for t, _ in titles}) == 1 else f"{title} ({status})")
        lines = list(dict.fromkeys(lines))
        iri = f"{picture.iri}/session/{number}"
        dot.node(f"session{number}", _label(*lines), shape="box", style="rounded", URL=iri, tooltip=iri)
        dot.edge("meeting", f"session{number}", arrowhead="none", color="#888888")
    parties: dict[tuple[str, str], Party] = {}
    for party in picture.whole_meeting:
        parties[(party.code, party.role)] = party
    for number, members in sorted(picture.per_session.items()):
        for party in members:
            parties[(party.code, party.role)] = party
    for (code, role), party in sorted(parties.items(), key=lambda item: (item[1].role, item[1].label)):
        dot.node(f"party_{code}_{role}", _label(party.label, f"{code}, {role}"), shape="ellipse", style="filled",
                 fillcolor=ROLE_COLOURS.get(role, OTHER_ROLE), tooltip=f"{party.label} ({code}): {role}")
    for party in picture.whole_meeting:
        # A whole-meeting participant takes part in every session: one edge to the meeting says so.
        dot.edge("meeting", f"party_{party.code}_{party.role}", color=ROLE_COLOURS.get(party.role, OTHER_ROLE),
                 penwidth="2", label="whole meeting", fontcolor="#555555")
    for number, members in sorted(picture.per_session.items()):
        for party in members:
            dot.edge(f"session{number}", f"party_{party.code}_{party.role}",
                     color=ROLE_COLOURS.get(party.role, OTHER_ROLE), penwidth="2")
    with dot.subgraph(name="cluster_legend") as legend:
        legend.attr(label="role", fontsize="10", style="dashed", color="#AAAAAA")
        for role, colour in ROLE_COLOURS.items():
            legend.node(f"legend_{role}", role, shape="ellipse", style="filled", fillcolor=colour, fontsize="10")
    return dot


def render(dot: graphviz.Digraph, path: str | Path) -> Path:
    """Write `dot` to `path` as SVG or PNG, by its suffix."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise NatokgError(f"{path}: a picture is .svg or .png, not {path.suffix or 'no suffix'}")
    path.write_bytes(pipe(dot, fmt))
    return path


def pipe(dot: graphviz.Digraph, fmt: str = "svg") -> bytes:
    """The picture's bytes in `fmt` (svg, png), drawn by Graphviz's dot."""
    try:
        return dot.pipe(format=fmt, engine="dot")
    except graphviz.ExecutableNotFound:
        raise NatokgError("drawing needs Graphviz's `dot` program: install Graphviz "
                          "(Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz)") from None
    except graphviz.CalledProcessError as error:
        raise NatokgError(f"Graphviz could not draw the picture: {error.stderr.decode(errors='replace').strip()}") \
            from None


# --- the ontology -------------------------------------------------------------------------------

def _short(graph: Graph, term) -> str:
    if str(term).startswith(NK):
        return str(term)[len(NK):]
    try:
        prefix, _, local = graph.compute_qname(term, generate=False)
        return f"{prefix}:{local}"
    except Exception:  # noqa: BLE001 - a term without a known prefix is shown whole
        return str(term)


def _members(graph: Graph, node) -> list:
    """A class expression's named classes: the class itself, or the members of an owl:unionOf."""
    if isinstance(node, URIRef):
        return [node]
    members = []
    for union in graph.objects(node, OWL.unionOf):
        members += [m for m in Collection(graph, union) if isinstance(m, URIRef)]
    return members


def ontology_dot(ontology: str | Path = ONTOLOGY) -> graphviz.Digraph:
    """The ontology as a class diagram: nk classes (with datatype properties, code lists and the
    external classes they specialise), object properties as arrows, subclass links as hollow
    arrows. External terms a property specialises stand under its name."""
    graph = Graph().parse(str(ontology), format="turtle")
    classes = sorted(c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef) and str(c).startswith(NK))
    dot = graphviz.Digraph("ontology", graph_attr={"rankdir": "LR", "fontname": "Helvetica", "nodesep": "0.3",
                                                   "ranksep": "1.0", "concentrate": "false"})
    dot.attr("node", fontname="Helvetica", shape="plain")
    dot.attr("edge", fontname="Helvetica", fontsize="9")

    def aligned(term) -> list[str]:
        outside = [o for o in graph.objects(term, RDFS.subClassOf) if isinstance(o, URIRef) and not str(o).startswith(NK)]
        outside += [o for o in graph.objects(term, RDFS.subPropertyOf) if isinstance(o, URIRef)
                    and not str(o).startswith(NK)]
        outside += [o for o in graph.objects(term, RDFS.seeAlso) if isinstance(o, URIRef)]
        return sorted(_short(graph, o) for o in outside)

    datatype = {}
    for prop in sorted(graph.subjects(RDF.type, OWL.DatatypeProperty)):
        ranges = [_short(graph, r) for r in graph.objects(prop, RDFS.range)]
        for domain in graph.objects(prop, RDFS.domain):
            for cls in _members(graph, domain):
                datatype.setdefault(cls, []).append((_short(graph, prop), ", ".join(sorted(ranges)), aligned(prop)))
    for cls in classes:
        rows = [f'<TR><TD BGCOLOR="#DDE8F4"><B>{html.escape(_short(graph, cls))}</B></TD></TR>']
        outside = aligned(cls)
        if outside:
            rows.append(f'<TR><TD><FONT POINT-SIZE="9" COLOR="#666666">⊑ {html.escape(", ".join(outside))}'
                        '</FONT></TD></TR>')
        for name, rng, also in sorted(datatype.get(cls, [])):
            text = f"{name}: {rng}" + (f"  ⊑ {', '.join(also)}" if also else "")
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9">{html.escape(text)}</FONT></TD></TR>')
        codes = sorted(str(n) for i in graph.subjects(RDF.type, cls) for n in graph.objects(i, SKOS.notation))
        if codes:
            rows.append(f'<TR><TD ALIGN="LEFT"><FONT POINT-SIZE="9" COLOR="#555555">{html.escape(" | ".join(codes))}'
                        '</FONT></TD></TR>')
        table = '<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="0" CELLPADDING="4">' + "".join(rows) + "</TABLE>"
        dot.node(_short(graph, cls), f"<{table}>", URL=str(cls), tooltip=str(cls))
    for cls in classes:
        for parent in sorted(graph.objects(cls, RDFS.subClassOf)):
            if isinstance(parent, URIRef) and str(parent).startswith(NK):
                dot.edge(_short(graph, cls), _short(graph, parent), arrowhead="empty", style="dashed",
                         color="#666666", tooltip="rdfs:subClassOf")
    for index, prop in enumerate(sorted(graph.subjects(RDF.type, OWL.ObjectProperty))):
        domains = [m for d in graph.objects(prop, RDFS.domain) for m in _members(graph, d)]
        ranges = [m for r in graph.objects(prop, RDFS.range) for m in _members(graph, r)]
        name = _short(graph, prop)
        label = name + "".join(f"\n⊑ {term}" for term in aligned(prop))
        if len(domains) > 3:  # e.g. nk:evidence on every kind of fact: one "any of" node, not nine arrows
            hub = f"anyof{index}"
            dot.node(hub, "any of: " + ", ".join(sorted(_short(graph, d) for d in domains)), shape="box",
                     style="dotted", fontsize="9", width="0")
            domains = [hub]
        for domain in sorted(domains):
            for target in sorted(ranges):
                source = domain if isinstance(domain, str) and domain.startswith("anyof") else _short(graph, domain)
                dot.edge(source, _short(graph, target), label=label, tooltip=str(prop))
    return dot
