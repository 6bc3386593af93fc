"""Sessions: the numbered parts of a meeting, and the stretch of the letter about each.

A session is numbered in its heading ("Sessie 1 en 2: Rusland-Oekraïne", "Sessie II: …",
"Eerste werksessie: …", "2. Steun aan Oekraïne") or, under a plain heading, by the section's
first sentence ("Op 11 juli kwam in de tweede werksessie de NAVO-Oekraïne Raad bijeen").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.prose import ORDINAL_WORD, Piece, headings, number, sections, sentences
from kg.facts import Session
from kg.text import Text, fold

_NUMBER = r"\d{1,2}|[IVX]{1,5}"
_LIST = rf"(?:{_NUMBER})(?:\s*(?:,|&|en|and|-|–)\s*(?:{_NUMBER}))*"
_SEPARATOR = r"\s*(?:[:\-–—.]\s*(?P<title>.*))?$"
HEADING_SESSION = re.compile(rf"^(?:[Ww]erk)?(?:[Ss]essies?|SESSIES?|[Ss]ession)\s+(?P<numbers>{_LIST}){_SEPARATOR}")
HEADING_ORDINAL = re.compile(rf"^(?P<ordinal>{ORDINAL_WORD})\s+(?:werk)?(?:sessie|session){_SEPARATOR}",
                             re.IGNORECASE)
HEADING_NUMBERED = re.compile(r"^(?P<numbers>\d{1,2})[.)]\s+(?P<title>\S.*)$")
FIRST_SENTENCE_REFERENCE = re.compile(rf"\b(?:de|het|in)\s+(?P<ordinal>{ORDINAL_WORD})\s+(?:werk)?sessie\b",
                                      re.IGNORECASE)
# A sentence that opens on one session: "In de eerste sessie …", "De derde werksessie was gewijd aan …".
PROSE_SESSION = re.compile(rf"^(?:(?:Op|Tijdens|In|Bij)\s+(?:\w+\s+){{0,3}}?)?de\s+(?P<ordinal>{ORDINAL_WORD})\s+(?:werk)?sessie\b",
                           re.IGNORECASE)
PROSE_TOPIC = re.compile(r"\b(?:was\s+gewijd\s+aan|stond\s+in\s+het\s+teken\s+van|ging\s+over|betrof|"
                         r"had\s+als\s+(?:onderwerp|thema)|draaide\s+om|over|"
                         r"bespr(?:aken|eken|eekt)(?:\s+de\s+(?:ministers|bondgenoten|regeringsleiders|leiders))?)\s+(?P<title>[^.,;:()]+)")
SESSION_WORD = re.compile(r"\b(?:werk)?sessies?\b", re.IGNORECASE)


@dataclass(frozen=True)
class SessionSection:
    session: Session
    body: Piece


def _numbers(listing: str) -> list[int]:
    tokens = re.split(r"\s*(?:,|&|\ben\b|\band\b)\s*", listing.strip())
    result: list[int] = []
    for token in tokens:
        bounds = re.split(r"\s*[-–]\s*", token)
        values = [number(b) for b in bounds if b]
        if len(values) == 2 and all(values) and values[0] < values[1] <= values[0] + 12:
            result.extend(range(values[0], values[1] + 1))
        else:
            result.extend(v for v in values if v)
    return result


def _session_heading(line: str) -> bool:
    """Session headings stand out even where the layout lost the blank lines around them."""
    return bool(HEADING_SESSION.match(line) or HEADING_ORDINAL.match(line))


def find_sessions(text: Text) -> list[SessionSection]:
    repaired = text.repaired
    speaks_of_sessions = bool(SESSION_WORD.search(repaired))
    found: list[SessionSection] = []
    for section in sections(repaired, _session_heading):
        heading = section.heading
        if heading is None:
            continue
        content = fold(heading.text)
        numbers, title = [], heading.text
        match = HEADING_SESSION.match(content) or HEADING_ORDINAL.match(content) or (
            HEADING_NUMBERED.match(content) if speaks_of_sessions else None)
        if match:
            numbers = _numbers(match["numbers"]) if "numbers" in match.groupdict() else [number(match["ordinal"])]
            title_start = match.start("title") if match["title"] else len(content)
            title = heading.text[title_start:].strip()
        else:
            first = sentences(repaired, section.body.start, section.body.end)[:1]
            reference = FIRST_SENTENCE_REFERENCE.search(fold(first[0].text)) if first else None
            if reference and number(reference["ordinal"]):
                numbers = [number(reference["ordinal"])]
        for value in numbers:
            if value and value > 0 and all(s.session.number != value for s in found):
                session = Session(value, title, text.span(heading.start, heading.end))
                found.append(SessionSection(session, section.body))
    if not found:
        found = _sessions_in_prose(text)
    return found


def _sessions_in_prose(text: Text) -> list[SessionSection]:
    """Sessions a letter numbers only in its sentences: "De tweede sessie was gewijd aan China."

    A sentence that opens on one numbered session starts that session's stretch of text,
    which runs to the next such sentence or heading.
    """
    repaired = text.repaired
    openings = []
    for sentence in sentences(repaired):
        match = PROSE_SESSION.match(fold(sentence.text))
        value = number(match["ordinal"]) if match else None
        if value and all(value != n for n, _, _ in openings):
            topic = PROSE_TOPIC.search(sentence.text, match.end())
            title = topic["title"].strip() if topic else ""
            openings.append((value, title, sentence))
    stops = sorted([s.start for _, _, s in openings] + [h.start for h in headings(repaired)] + [len(repaired)])
    found = []
    for value, title, sentence in openings:
        end = next(stop for stop in stops if stop > sentence.start)
        found.append(SessionSection(Session(value, title, text.span(sentence.start, sentence.end)),
                                    Piece(sentence.start, end, repaired[sentence.start:end])))
    return found


def sessions_named_in_passing(found: tuple[Session, ...], participations) -> tuple[Session, ...]:
    """Sessions the letter names only where it says who took part in them ("namen als genodigden
    deel aan de eerste en de tweede sessie") and nowhere under a heading natokg can read (one
    OCR slip in "2. Steun aan Oekraïne" is enough): they took place, so they are sessions of
    the meeting, without a title, evidenced by the sentence that names them."""
    known = {session.number for session in found}
    named: dict[int, Session] = {}
    for participation in participations:
        number = participation.session
        if number is not None and number > 0 and number not in known and number not in named:
            named[number] = Session(number, "", participation.span)
    return tuple(named[number] for number in sorted(named))
