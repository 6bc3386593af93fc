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
MEETING_TYPES = ("foreign-ministers", "defence-ministers", "summit")
ROLES = ("invitee", "partner")


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the original file's decoded text, and what stands there."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Letter:
    source: str  # file name as ingested
    type: str  # one of LETTER_TYPES
    date: date | None
    author_role: str | None  # "Minister van Buitenlandse Zaken"
    signatory: str | None  # "W.B. Hoekstra"
    kamerstuk: str | None  # the letter's own number when its publication header gives it
    span: Span | None = None  # where the date and signature block stand


@dataclass(frozen=True)
class Meeting:
    type: str  # one of MEETING_TYPES
    informal: bool
    start: date
    end: date
    city: str | None  # English exonym: "Bucharest"
    city_dutch: str | None  # as the letter names it: "Boekarest"
    country: str | None  # ISO 3166-1 alpha-2 of the host country
    span: Span


@dataclass(frozen=True)
class Session:
    number: int
    title: str
    span: Span


@dataclass(frozen=True)
class Participation:
    party: str  # ISO 3166-1 alpha-2, or "EU" for the European Union
    role: str  # one of ROLES
    session: int | None  # None: takes part in the whole meeting
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
