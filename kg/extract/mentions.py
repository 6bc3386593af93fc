"""Other meetings a letter names with a date: the earlier summit, the upcoming EU Council.

Dutch ministerial prose names such a meeting as a kind of meeting followed, within the same
sentence, by where and when: "de NAVO-Top in Vilnius, Litouwen, die op 11 en 12 juli 2023
plaatsvindt", "de Raad Buitenlandse Zaken van 20 maart jl.", "de Top in Madrid in juni 2022"
(month precision), "de vorige ministeriële bijeenkomst, op 29 en 30 november 2022 in Boekarest"
(the previous meeting of the letter's own series), or a date then the meeting ("in juni 2022
tijdens de Top in Madrid"). Only these tight constructions count: a date elsewhere in the
sentence ("De geannoteerde agenda voor de Top ontving uw Kamer op 3 juli") is the date of a
letter, not of a meeting. The letter's own meeting, and dates within it (its sessions), are not
mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale

from kg.extract.places import find_cities
from kg.extract.prose import Piece, date_mentions, resolve, sentences
from kg.facts import Meeting, MeetingMention
from kg.text import Text, fold

# Kinds of meeting, as the folded text names them. The summit needs a capital T ("de Top in
# Madrid") or a NATO prefix: "top" alone is too common a word.
KINDS: tuple[tuple[str, re.Pattern], ...] = (
    ("summit", re.compile(r"\b(?:NAVO|NATO)[- ]?(?:top|summit)\b|\bjubileumtop\b", re.IGNORECASE)),
    ("summit", re.compile(r"(?<![\w-])T(?:op|OP)\b")),
    ("foreign-affairs-council", re.compile(r"\bRaad\s+Buitenlandse\s+Zaken\b|\bRBZ\b", re.IGNORECASE)),
    ("european-council", re.compile(r"\bEuropese\s+Raad\b(?!\s+(?:van\s+ministers|Buitenlandse))",
                                    re.IGNORECASE)),
    ("foreign-ministers", re.compile(
        r"(?<!EU-)\b(?:NAVO-)?ministers\s+van\s+Buitenlandse\s+Zaken\b|\bbuitenlandministers\b"
        r"|\bNAVO[- ]ministeri\S*\s+(?:bijeenkomst\s+)?Buitenlandse\s+Zaken\b|\bFMM\b", re.IGNORECASE)),
    ("defence-ministers", re.compile(
        r"(?<!EU-)\b(?:NAVO-)?ministers\s+van\s+Defensie\b|(?<!EU-)\b(?:NAVO-)?defensieministers\w*"
        r"|\bNAVO-defensieministeri\S*|\bDMM\b", re.IGNORECASE)),
    # "de vorige (ministeriële) bijeenkomst": the letter's own series, so the own meeting's kind.
    ("series", re.compile(
        r"\b(?:vorige|volgende|eerstvolgende)\s+(?:(?:formele|informele)\s+)?(?:ministeri\S*\s+)?"
        r"(?:bijeenkomst|overleg|vergadering)\b", re.IGNORECASE)),
)
_PLACE = r"[A-Z][\w'’-]*(?:(?:\s+|,\s*)[A-Z][\w'’-]*){0,2}"
# What may stand between the meeting and its date: "die op", "in Vilnius, Litouwen, die op",
# "van de EU op", "in Madrid in", "van". Nothing else: a verb in between makes it another date.
AFTER = re.compile(
    rf"^[\s,]*(?:(?i:van\s+de)\s+(?:EU|NAVO|Europese\s+Unie)\s*)?"
    rf"(?:(?i:in|te)\s+(?P<place>{_PLACE})[\s,]*)?"
    r"(?:(?i:die|dat|welke)\s+)?(?:(?i:op|van|in|vanaf|per)\s+)?$")
# A date before the meeting: "in juni 2022 tijdens de Top", "20 maart jl. in de Raad".
BEFORE = re.compile(
    r"^\s*(?:(?i:jl\.|j\.l\.|aanstaande|a\.s\.)\s*)?[\s,]*(?:(?i:tijdens|bij|in|op)\s+)?"
    r"(?i:de|het|een)\s+(?:(?i:aanstaande|vorige|volgende|informele|formele)\s+)?$")
CITY_AFTER_DATE = re.compile(r"^\s*(?:(?i:jl\.|j\.l\.|aanstaande|a\.s\.)\s*)?,?\s*(?i:in|te)\s+$")
INFORMAL = re.compile(r"\binforme(?:le|el)\b", re.IGNORECASE)
PAST = re.compile(r"^\s*(?:jl\b|j\.l\.)", re.IGNORECASE)
FUTURE = re.compile(r"^\s*(?:aanstaande|a\.s\.)", re.IGNORECASE)
WINDOW = 80  # characters between a meeting and its date, at most
SAME_MEETING_DAYS = 45  # a date this near the own meeting, same kind and city, is the own meeting


@dataclass(frozen=True)
class _When:
    start: int
    end: int
    first: tuple[int, int, int | None]  # day (0 for a month alone), month, year
    last: tuple[int, int, int | None] | None  # for a range


@lru_cache(maxsize=1)
def _month_only() -> re.Pattern:
    names = set()
    for language in ("nl", "en"):
        names |= {fold(n.lower()) for n in Locale.parse(language).months["format"]["wide"].values()}
    alternation = "|".join(sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\d\w])(?P<month>{alternation})(?:\s+(?P<year>\d{{4}}))?\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    numbers = {}
    for language in ("nl", "en"):
        for number, name in Locale.parse(language).months["format"]["wide"].items():
            numbers[fold(name.lower())] = number
    return numbers


def _dates(folded: str, piece: Piece) -> list[_When]:
    found = [_When(m.start, m.end, m.first, m.last if m.is_range else None)
             for m in date_mentions(folded, piece.start, piece.end)]
    for match in _month_only().finditer(folded, piece.start, piece.end):
        if any(w.start <= match.start() < w.end for w in found):
            continue  # the month of a full date
        if re.search(r"\d\s*$", folded[max(piece.start, match.start() - 4):match.start()]):
            continue
        year = int(match["year"]) if match["year"] else None
        found.append(_When(match.start(), match.end(), (0, _month_numbers()[match["month"].lower()], year), None))
    return sorted(found, key=lambda w: w.start)


def _phrases(folded: str, original: str, piece: Piece) -> list[tuple[str, int, int]]:
    found = []
    for kind, pattern in KINDS:
        for match in pattern.finditer(original if kind == "summit" else folded, piece.start, piece.end):
            found.append((kind, match.start(), match.end()))
    return sorted(found, key=lambda p: (p[1], -p[2]))


def _month_of(when: _When, letter_date: date | None) -> tuple[int, int] | None:
    _, month, year = when.first
    if year is not None:
        return year, month
    if letter_date is None:
        return None
    here = letter_date.year * 12 + letter_date.month - 1
    options = [(y, month) for y in (letter_date.year - 1, letter_date.year, letter_date.year + 1)]
    return min(options, key=lambda ym: abs(ym[0] * 12 + ym[1] - 1 - here))


def _resolve(when: _When, folded: str, letter_date: date | None):
    """(month "YYYY-MM", start, end) of a date or month mention; None when it cannot be placed."""
    after = folded[when.end:when.end + 14]
    prefer = "before" if PAST.search(after) else "after" if FUTURE.search(after) else "nearest"
    if when.first[0] == 0:
        month = _month_of(when, letter_date)
        return (f"{month[0]:04d}-{month[1]:02d}", None, None) if month else None
    start = resolve(when.first, letter_date, prefer)
    if start is None:
        return None
    end = resolve(when.last, start, "after") if when.last else None
    if end is not None and end < start:
        end = None
    return f"{start:%Y-%m}", start, end


def _city(repaired: str, where: tuple[int, int] | None, after: tuple[int, ...], piece: Piece):
    """The city in the connector ("in Vilnius, Litouwen, die op"), else one that follows the
    date or the meeting directly ("op 29 en 30 november 2022 in Boekarest", "de Top in Madrid")."""
    if where:
        cities = find_cities(repaired, *where)
        if cities:
            return cities[0]
    for position in after:
        for city in find_cities(repaired, position, min(piece.end, position + 40)):
            if CITY_AFTER_DATE.match(repaired[position:city.start]):
                return city
            break
    return None


def _is_own(mention: MeetingMention, own: Meeting | None) -> bool:
    if own is None or own.start is None or own.end is None:
        return False
    nato = mention.type in {"foreign-ministers", "defence-ministers", "summit"}
    if mention.start is None:
        return mention.type == own.type and mention.month == f"{own.start:%Y-%m}" and \
            mention.city in (None, own.city)
    if nato and own.start <= mention.start <= own.end:
        return True  # a day of the own meeting: the meeting itself or one of its sessions
    return mention.type == own.type and mention.city in (None, own.city) and \
        abs((mention.start - own.start).days) <= SAME_MEETING_DAYS


def find_mentions(text: Text, letter_date: date | None, own: Meeting | None) -> tuple[MeetingMention, ...]:
    repaired = text.repaired
    folded = fold(repaired)
    found: list[MeetingMention] = []
    for piece in sentences(repaired):
        dates = _dates(folded, piece)
        if not dates:
            continue
        for kind, start, end in _phrases(folded, repaired, piece):
            if kind == "series":
                if own is None:
                    continue
                kind = own.type
            claimed = _claim(folded, dates, start, end)
            if claimed is None:
                continue
            when, where = claimed
            placed = _resolve(when, folded, letter_date)
            if placed is None:
                continue
            month, first, last = placed
            city = _city(repaired, where, (when.end, end) if when.start < start else (when.end,), piece)
            informal = True if INFORMAL.search(folded[max(piece.start, start - 40):end]) else None
            span_start, span_end = min(start, when.start), max(end, when.end)
            if city:
                span_start, span_end = min(span_start, city.start), max(span_end, city.end)
            mention = MeetingMention(
                type=kind, month=month, start=first, end=last, informal=informal,
                city=city.english if city else None, city_dutch=city.dutch if city else None,
                country=city.country if city else None, span=text.span(span_start, span_end))
            if not _is_own(mention, own):
                found.append(mention)
    return _most_precise(found)


def _claim(folded: str, dates: list[_When], start: int, end: int):
    """The date a meeting phrase is given, and where the connector names its place."""
    for when in dates:
        if when.start >= end and when.start - end <= WINDOW:
            match = AFTER.match(folded[end:when.start])
            if match:
                where = (end + match.start("place"), end + match.end("place")) if match["place"] else None
                return when, where
            break
    for when in reversed(dates):
        if when.end <= start and start - when.end <= WINDOW:
            if BEFORE.match(folded[when.end:start]):
                return when, None
            break
    return None


def _most_precise(found: list[MeetingMention]) -> tuple[MeetingMention, ...]:
    """One mention per meeting: a letter that names it twice, once with its city or day and once
    without ("de Raad Buitenlandse Zaken die op 20 maart in Brussel plaatsvond", and the title
    "RAAD BUITENLANDSE ZAKEN VAN 20 MAART"), names one meeting."""
    kept: list[MeetingMention] = []
    for mention in found:
        if any(_covers(other, mention) for other in found) or any(_same(k, mention) for k in kept):
            continue
        kept.append(mention)
    return tuple(kept)


def _key(m: MeetingMention):
    return m.type, m.start or m.month, m.city


def _same(a: MeetingMention, b: MeetingMention) -> bool:
    return _key(a) == _key(b)


def _covers(precise: MeetingMention, vague: MeetingMention) -> bool:
    """`precise` names the same meeting as `vague`, with a city or a day that `vague` lacks."""
    if precise.type != vague.type or _same(precise, vague):
        return False
    if vague.city is not None and precise.city != vague.city:
        return False
    if vague.start is not None:
        return precise.start == vague.start and precise.city is not None and vague.city is None
    return precise.month == vague.month and precise.start is not None
