"""Who took part, in which session, in which role.

A clause takes part-taking when it says so ("namen deel", "in aanwezigheid van", "is voor de
sessie uitgenodigd", "samen met de leiders van"). Its scope is the sessions it names ("aan de
eerste en de tweede sessie", "sessies I en II"), the whole meeting ("aan alle sessies", "het
gehele programma"), or else the session whose section it stands in. Allies on the day of the
meeting and the host are members, not invitees or partners, and are never listed.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from kg.extract.places import Mention, countries, data_rows, organisations
from kg.extract.prose import ORDINAL_WORD, Piece, clauses, number, sentences
from kg.extract.sessions import SessionSection
from kg.facts import Meeting, Participation
from kg.text import Text, fold

CUE = re.compile(
    r"\bdeel\s*(?:nam|namen|neemt|nemen|genomen)\b"
    r"|\b(?:nam|namen|neemt|nemen|genomen|zal|zullen)\b[^.;]{0,160}?\bdeel(?:nemen)?\b(?!\s+uit)"
    r"|\bdeelnam(?:en)?\b|\bdeelneemt\b|\bdeelnemen\b|\bdeelname\b"
    r"|\baanwezigheid\b|\baanwezig\b|\buitgenodigd\b|\bgenodigden?\b|\binvitees?\b"
    r"|\bsamen\s+met\s+(?:de\s+)?(?:leiders|ministers|regeringsleiders|vertegenwoordigers|president|premier|minister)"
    r"|\bmet\s+(?:de\s+)?(?:ministers|leiders|regeringsleiders|vertegenwoordigers)\s+van\b"
    r"|\b(?:werk)?sessie\s+met\b|\bdiner\s+met\b|\blunch\s+met\b|\bplaats\s+met\b"
    r"|\b(?:schoof|schoven|schuift|schuiven)\b[^.;]{0,160}?\baan\b|\baan\s*(?:ge)?schoven\b|\baanschuiven\b"
    r"|\bvertegenwoordigd\b|\b(?:te|als)\s+gast\b"
    r"|\bparticipat\w*|\battend\w*|\bjoined\b",
    re.IGNORECASE,
)
INVITEE = re.compile(r"\bgenodigden?\b|\binvitees?\b|\btoetredingskandida\w*|\baspirant", re.IGNORECASE)
AS_ALLY = re.compile(r"\bals\s+(?:volwaardige\s+)?(?:bondgeno(?:ot|ten)|lid|ally)\b", re.IGNORECASE)
NEGATED_TAIL = re.compile(r",?\s*(?:en|maar)\s+(?:zij\s+)?niet\b.*$", re.IGNORECASE | re.DOTALL)
NEGATION = re.compile(r"\bniet\b|\bgeen\b", re.IGNORECASE)
WHOLE_MEETING = re.compile(
    r"\balle\s+(?:werk)?sessies\b|\b(?:het\s+)?(?:gehele|hele|volledige)\s+(?:programma|bijeenkomst|top)\b"
    r"|\ball\s+sessions\b",
    re.IGNORECASE)
_ORDINAL_LIST = rf"(?:{ORDINAL_WORD})(?:\s*(?:,|en)\s*(?:de\s+)?(?:{ORDINAL_WORD}))*"
SESSION_REFERENCE = re.compile(
    rf"\b(?P<ordinals>{_ORDINAL_LIST})\s+(?:werk)?sessies?\b"
    r"|\b(?:werk)?sessies?\s+(?P<numbers>(?:\d{1,2}|[IVX]{1,5})(?:\s*(?:,|en|&)\s*(?:\d{1,2}|[IVX]{1,5}))*)\b",
    re.IGNORECASE)
EXCLUDED = re.compile(r"\b(?:behalve|met\s+uitzondering\s+van|zonder)\s+$|^\s*uitgezonderd\b", re.IGNORECASE)
# "spraken over China", "staat China centraal": a country talked about, not taking part.
TOPIC_BEFORE = re.compile(r"\b(?:over|tegen|jegens|richting|vanuit|aan|voor)\s+(?:de\s+|het\s+)?$", re.IGNORECASE)
TOPIC_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:centraal|ter\s+sprake|aan\s+bod|aan\s+de\s+orde)\b", re.IGNORECASE)
LOCATION = re.compile(r"\b(?:in|naar|te|uit|op)\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def accession_dates() -> dict[str, date]:
    return {row["code"]: date.fromisoformat(row["accession"]) for row in data_rows("nato-members.csv")}


def is_ally(code: str, on: date) -> bool:
    joined = accession_dates().get(code)
    return joined is not None and joined <= on


def session_references(clause: str, last: int | None) -> list[int]:
    found: list[int] = []
    for match in SESSION_REFERENCE.finditer(clause):
        listing = match["ordinals"] or match["numbers"]
        for token in re.split(r"\s*(?:,|&|\ben\b)\s*(?:de\s+)?", listing):
            value = last if token.lower() in {"laatste", "last"} else number(token)
            if value:
                found.append(value)
    return found


def _parties(text: str, clause: Piece) -> list[Mention]:
    found = countries(text, clause.start, clause.end) + organisations(text, clause.start, clause.end)
    kept = []
    for mention in sorted(found, key=lambda m: m.start):
        before = text[max(clause.start, mention.start - 40):mention.start]
        after = text[mention.end:min(clause.end, mention.end + 20)]
        if EXCLUDED.search(before) or EXCLUDED.search(after) or TOPIC_BEFORE.search(before) \
                or TOPIC_AFTER.search(after) or (mention.kind == "name" and LOCATION.search(before)):
            continue
        if any(k.code == mention.code for k in kept):
            continue
        kept.append(mention)
    return kept


def find_participations(text: Text, meeting: Meeting | None,
                        sessions: list[SessionSection]) -> tuple[Participation, ...]:
    if meeting is None:
        return ()
    repaired = text.repaired
    last = max((s.session.number for s in sessions), default=None)
    whole: dict[str, Participation] = {}
    per_session: dict[tuple[int, str], Participation] = {}
    pending = []
    for sentence in sentences(repaired):
        for clause in clauses(sentence):
            folded = fold(clause.text)
            positive = NEGATED_TAIL.sub("", folded)
            cue = CUE.search(positive)
            if not cue or NEGATION.search(positive[: cue.end()]) or AS_ALLY.search(positive):
                continue
            clause = Piece(clause.start, clause.start + len(positive), clause.text[: len(positive)])
            role = "invitee" if INVITEE.search(positive) else "partner"
            parties = [m for m in _parties(repaired, clause)
                       if m.code != meeting.country and not is_ally(m.code, meeting.start)]
            if not parties:
                continue
            if WHOLE_MEETING.search(positive):
                targets = [None]
            else:
                targets = session_references(positive, last) or _enclosing(sessions, clause.start)
            pending.append((clause, role, parties, targets))
    # Meeting-wide participants first: a later "werksessie met de bondgenoten (en Zweden)" does
    # not make an invitee a partner of one session.
    for clause, role, parties, targets in pending:
        if None in targets:
            for mention in parties:
                whole.setdefault(mention.code, Participation(
                    mention.code, role, None, text.span(clause.start, clause.end)))
    for clause, role, parties, targets in pending:
        for target in targets:
            for mention in parties:
                if target is not None and mention.code not in whole:
                    per_session.setdefault((target, mention.code), Participation(
                        mention.code, role, target, text.span(clause.start, clause.end)))
    return tuple(whole.values()) + tuple(per_session.values())


def _enclosing(sessions: list[SessionSection], position: int) -> list[int | None]:
    """The sessions whose section holds the position ("Sessie 1 en 2: …" holds two); else the meeting."""
    numbers = [s.session.number for s in sessions if s.body.start <= position < s.body.end]
    return numbers or [None]
