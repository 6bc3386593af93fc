"""The facts a letter states, as plain data.

Every extractor returns these dataclasses and nothing else; only `kg.triples` turns them into
RDF. Each fact carries the `Span` of the original file's text it was read from, so provenance
travels with the data instead of being reconstructed later.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

LETTER_TYPES = ("report", "annotated-agenda", "other")
NATO_MEETING_TYPES = ("foreign-ministers", "defence-ministers", "summit")  # what a letter is about
# ... and the EU meetings letters mention besides (kg/extract/mentions.py)
MEETING_TYPES = NATO_MEETING_TYPES + ("foreign-affairs-council", "european-council")
ROLES = ("invitee", "partner")


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the original file's decoded text, and what stands there."""

    start: int
    end: int
    text: str
    page: int | None = None  # the page it stands on, for a paginated source (PDF)


@dataclass(frozen=True)
class Letter:
    source: str  # file name as ingested
    type: str  # one of LETTER_TYPES
    date: date | None
    author_role: str | None  # "Minister van Buitenlandse Zaken": the first signatory's office
    signatory: str | None  # "W.B. Hoekstra": the first to sign
    kamerstuk: str | None  # the letter's own number when its publication header gives it
    span: Span | None = None  # where the date and signature block stand
    kamerstuk_span: Span | None = None  # where the publication header gives the own number
    parliamentary_year: str | None = None  # "2022-2023": the vergaderjaar its publication header gives
    # Everyone who signs, in the order they sign, as (office, name): a letter of two ministers
    # has two. The first is `author_role` and `signatory`.
    signatories: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Meeting:
    type: str  # one of MEETING_TYPES
    informal: bool
    start: date | None  # None only when nothing in the letter gives the meeting's year
    end: date | None
    city: str | None  # English exonym: "Bucharest"
    city_dutch: str | None  # as the letter names it: "Boekarest"
    country: str | None  # ISO 3166-1 alpha-2 of the host country
    span: Span


@dataclass(frozen=True)
class MeetingMention:
    """Another meeting the letter names with its date: an earlier summit, an upcoming EU Council."""

    type: str  # one of MEETING_TYPES
    month: str  # "YYYY-MM": always known
    start: date | None  # None when the letter gives only the month ("in juni 2022")
    end: date | None  # only when the letter gives a range ("op 11 en 12 juli")
    informal: bool | None  # True only when the letter says so; None: not said
    city: str | None  # English exonym
    city_dutch: str | None
    country: str | None  # ISO 3166-1 alpha-2 of the city's country
    span: Span


@dataclass(frozen=True)
class Session:
    """A part of the meeting: a numbered session ("Sessie 4", "de derde werksessie"), or a part the
    letter names without a number (the NATO-Ukraine Commission during a summit, a working dinner,
    an evening session), which is then known by its title."""

    number: int | None
    title: str
    span: Span

    @property
    def key(self) -> int | str:
        """How a participation names it: its number, else its title."""
        return self.number if self.number is not None else self.title


@dataclass(frozen=True)
class Participation:
    party: str  # ISO 3166-1 alpha-2, or "EU" for the European Union
    role: str  # one of ROLES
    session: int | str | None  # a Session.key: its number, or an unnumbered part's title; None: the whole meeting
    span: Span


@dataclass(frozen=True)
class Fund:
    key: str  # stable identifier: the acronym when there is one, else a slug of the name
    name: str
    acronym: str | None
    span: Span


@dataclass(frozen=True)
class Contribution:
    fund: str  # Fund.key
    donor: str  # ISO 3166-1 alpha-2 (or "EU")
    amount: Decimal | None  # in the currency's unit; None when the letter gives no figure
    currency: str | None  # ISO 4217
    span: Span


@dataclass(frozen=True)
class Motion:
    submitter: str  # surname of the first member named
    date: date | None
    subject: str | None
    kamerstuk: str | None  # normalised: "36200-X-26"
    span: Span
    submitter_role: str = "lid van de Tweede Kamer"  # the seat the submitter held


@dataclass(frozen=True)
class DocumentCitation:
    kamerstuk: str  # normalised: "28676-417"
    span: Span


@dataclass(frozen=True)
class CountryMention:
    code: str  # ISO 3166-1 alpha-2
    span: Span


@dataclass(frozen=True)
class DataIssue:
    message: str
    span: Span | None = None
    about_meeting: bool = False  # a defect of the letter's own meeting (a date it lacks)


@dataclass(frozen=True)
class LetterFacts:
    """Everything extracted from one letter."""

    letter: Letter
    meeting: Meeting | None = None
    sessions: tuple[Session, ...] = ()
    participations: tuple[Participation, ...] = ()
    funds: tuple[Fund, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    motions: tuple[Motion, ...] = ()
    documents: tuple[DocumentCitation, ...] = ()
    countries: tuple[CountryMention, ...] = ()
    issues: tuple[DataIssue, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    mentions: tuple[MeetingMention, ...] = ()

    @property
    def numbered_sessions(self) -> tuple[Session, ...]:
        """The sessions the letter numbers (the gold format's sessions), without the named parts."""
        return tuple(s for s in self.sessions if s.number is not None)

    @property
    def parts(self) -> tuple[Session, ...]:
        """The parts of the meeting the letter names without a number."""
        return tuple(s for s in self.sessions if s.number is None)


# ------------------------------------------------------------------ across letters
# What only the letters together say (kg/derive.py reads it from the store). These facts name
# nodes by the IRIs the store holds, because they are about nodes, not about a letter's text.


@dataclass(frozen=True)
class MeetingAlias:
    """A meeting node that a letter named less precisely (no day, or no city) is the same
    meeting as a more precise node: "de Top in Vilnius van juli" is the summit of 11 July."""

    alias: str  # IRI of the less precise node
    meeting: str  # IRI of the meeting it is
    letters: tuple[str, ...]  # IRIs of the letters whose nodes were compared


@dataclass(frozen=True)
class Discrepancy:
    """Where the annotated agenda (planned) and the report (held) of one meeting disagree."""

    meeting: str  # meeting IRI
    about: str  # IRI of the meeting or session it is about
    key: str  # what disagrees, stable across ingests: "session-2-title"
    message: str
    letters: tuple[str, ...]  # IRIs of the letters compared, sorted


@dataclass(frozen=True)
class DerivedFacts:
    aliases: tuple[MeetingAlias, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
