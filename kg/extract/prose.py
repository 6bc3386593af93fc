"""The structure of Dutch ministerial prose: sentences, sections, numbers and dates.

All positions are offsets into `Text.repaired`; extractors turn them into spans of the
original file through `Text.span`.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from dataclasses import dataclass
from typing import Callable
from datetime import date

from babel import Locale

from kg.text import fold

# How far into a text its page's header reaches: the publication header, an aggregator's metadata
# lines and a letterhead, under whatever site chrome stands above them.
HEADER_REACH = 3000  # characters

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "c.s", "d.d", "m.b.t", "n.a.v", "jl", "nr", "o.a", "bijv", "e.d", "i.v.m", "t.a.v", "resp",
    "ca", "mr", "dr", "drs", "ir", "prof", "mevr", "dhr", "zgn", "m.n", "t.b.v", "vs", "art", "blz",
    "o.m", "e.a", "i.c", "a.s", "p", "st",
}
# "jl." and "a.s." close a date, and often the sentence with it: "... van 9 juni jl. De Kamer is
# ...". Before a word that opens Dutch sentences, their full stop ends one.
DATE_ADVERBS = {"jl", "a.s"}
SENTENCE_OPENER = re.compile(r"[\s»”\"')]*(?:De|Het|Een|Er|Ik|Wij|Zij|Hij|Deze|Dit|Dat|Die|Op|In|Tijdens|Bij|Na|Voor|Met|"
                             r"Over|Daarnaast|Daarbij|Daarna|Verder|Ook|Tevens|Hierbij|Zoals|Nederland|Ministers?|"
                             r"Bondgenoten|Allies)\b")
SENTENCE_END = re.compile(r"[.!?](?=[\s»”\"')]*\s+[«\"'(]?[A-Z0-9ÀÉÈËÏÖÜ])|\n[ \t]*\n|\n(?=[ \t]*[-•*] )")


@dataclass(frozen=True)
class Piece:
    """A stretch of the repaired text: a sentence, clause, heading or section."""

    start: int
    end: int
    text: str


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Piece]:
    """Sentences of text[start:end], split at full stops that end a sentence and at blank lines."""
    end = len(text) if end is None else end
    return list(_sentences(text, start, end))  # a new list: callers may change theirs


@lru_cache(maxsize=64)
def _sentences(text: str, start: int, end: int) -> tuple[Piece, ...]:
    # Cached: every extractor cuts the whole letter into sentences; this was a fifth of extraction.
    pieces = []
    position = start
    for match in SENTENCE_END.finditer(text, start, end):
        if match.group(0) == "." or match.group(0) in "!?":
            word = re.search(r"([\w.]+)$", text[position:match.start()])
            token = word.group(1).lower() if word else ""
            if token in DATE_ADVERBS and SENTENCE_OPENER.match(text, match.end()):
                pass  # "op 9 juni jl. De Kamer ...": the date's adverb ends the sentence
            elif token in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token):
                continue  # c.s., W.B. Hoekstra: an abbreviation or initial, not a sentence end
        cut = match.end() if match.group(0) in ".!?" else match.start()
        _add(pieces, text, position, cut)
        position = match.end()
    _add(pieces, text, position, end)
    return tuple(pieces)


def clauses(sentence: Piece, text: str) -> list[Piece]:
    """A sentence of `text` cut at semicolons: each clause says one thing about who did what.

    Cut in the letter's own text: a piece's text runs its white space together, so its offsets
    are not the letter's (an indented list cut there lost the last names of the clause)."""
    pieces: list[Piece] = []
    position = sentence.start
    for match in re.finditer(";", text[sentence.start:sentence.end]):
        _add(pieces, text, position, sentence.start + match.start())
        position = sentence.start + match.end()
    _add(pieces, text, position, sentence.end)
    return pieces


def _add(pieces: list[Piece], text: str, start: int, end: int, base: int = 0) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        offset = start + (len(chunk) - len(chunk.lstrip()))
        pieces.append(Piece(base + offset, base + offset + len(stripped), " ".join(stripped.split())))


# ---------------------------------------------------------------- sections


@dataclass(frozen=True)
class Section:
    heading: Piece | None
    body: Piece  # text under the heading, up to the next heading


def headings(text: str, strong: Callable[[str], bool] | None = None) -> list[Piece]:
    """Lines that stand alone between blank lines, are short and end without punctuation.

    A line `strong` accepts ("Sessie 2: Partners") is a heading even where the layout
    lost its blank lines, as text taken from a PDF often does.
    """
    lines, position = [], 0
    for line in text.split("\n"):
        lines.append((position, line))
        position += len(line) + 1
    found = []
    for index, (start, line) in enumerate(lines):
        content = line.strip()
        if not content or len(content) > 90 or (content[-1] in ".,;:!?)" and not content.endswith("...")
                                                and not (content[-1] == ")" and strong and strong(fold(content)))):
            continue  # a sentence; but "Sessie 3: Resolute Support (Afghanistan)" is a heading
        if not (content[0].isupper() or content[0].isdigit()) and not (strong and strong(fold(content))):
            continue  # "• Sessie 4: ..." opens with a bullet
        alone = (index == 0 or not lines[index - 1][1].strip()) and (
            index + 1 >= len(lines) or not lines[index + 1][1].strip())
        if not alone and not (strong and strong(fold(content))):
            continue
        offset = start + (len(line) - len(line.lstrip()))
        found.append(Piece(offset, offset + len(content), content))
    return found


def sections(text: str, strong: Callable[[str], bool] | None = None) -> list[Section]:
    marks = headings(text, strong)
    result = []
    first_start = marks[0].start if marks else len(text)
    result.append(Section(None, Piece(0, first_start, text[:first_start])))
    for index, heading in enumerate(marks):
        end = marks[index + 1].start if index + 1 < len(marks) else len(text)
        result.append(Section(heading, Piece(heading.end, end, text[heading.end:end])))
    return result


# ---------------------------------------------------------------- numbers

ORDINALS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7,
    "achtste": 8, "negende": 9, "tiende": 10, "elfde": 11, "twaalfde": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
}
CARDINALS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
}
ROMAN = re.compile(r"^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$")
# A session in Dutch and English; «zitting» is the older Dutch word.
SESSION_NOUN = r"(?:werk)?(?:sessie|zitting|session)"
SESSION_NOUNS = r"(?:werk)?(?:sessies?|zittingen|zitting|sessions?)"  # one or more
# The letterhead's subject: "Betreft   Verslag informele bijeenkomst NAVO-ministers ... in Antalya"
# (capitalised: "onderwerp" in a sentence is a topic).
SUBJECT_LINE = re.compile(r"(?m)^[ \t]*(?:Betreft|BETREFT|Onderwerp|ONDERWERP)[ \t:]+(\S[^\n]*)$")
ORDINAL_WORD = "|".join(sorted(ORDINALS, key=len, reverse=True)) + r"|laatste|last|\d{1,2}(?:e|ste|de)"
NUMBER_WORD = r"\d{1,2}|[IVX]{1,5}"


def number(token: str) -> int | None:
    """1, '1', 'I', 'eerste', '1e', 'derde' -> int; None for anything else."""
    token = token.strip().rstrip(".")
    lower = token.lower()
    if lower.isdigit():
        return int(lower)
    if lower in ORDINALS:
        return ORDINALS[lower]
    match = re.fullmatch(r"(\d{1,2})(?:e|ste|de)", lower)
    if match:
        return int(match.group(1))
    if ROMAN.match(token):
        values = {"I": 1, "V": 5, "X": 10}
        total = 0
        for i, c in enumerate(token):
            v = values[c]
            total += -v if i + 1 < len(token) and values[token[i + 1]] > v else v
        return total
    return None


def merged(spans) -> list[tuple[int, int]]:
    """The spans sorted, overlapping ones joined: what `within` looks into."""
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def within(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` lies in one of `spans` (sorted, not overlapping)."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return index >= 0 and spans[index][0] <= position < spans[index][1]


# ---------------------------------------------------------------- dates


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for language in ("nl", "en"):
        locale = Locale.parse(language)
        for width in ("wide", "abbreviated"):
            for month, name in locale.months["format"][width].items():
                names[fold(name.lower().rstrip("."))] = month
    names["mrt"] = 3
    names["sept"] = 9
    return names


MONTHS = _month_names()
MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+)?"
_RANGE_JOIN = rf"\s*(?:-|–|—|/|en|tot\s+en\s+met|t/m|tot|and|to|through)\s*{_WEEKDAY}"
# OCR reads 0 as O and 1 as l or I: "3O november", "2O23". Such a figure is read, and flagged.
_MISREAD = "(?-i:[OlI])"
# A lone «l» or «I» is a day only right before a month: "op 30 november en l december".
_DAY = rf"(?:\d(?:\d|{_MISREAD})?|{_MISREAD}\d|(?-i:[lI])(?=\s+{MONTH}\b))"
_YEAR = rf"(?:[12](?:\d|{_MISREAD}){{3}})"
DATE_PATTERN = re.compile(
    # "9, 10 en 11 juli": the days between the first and the last
    rf"\b(?P<d1>{_DAY})(?:(?:\s*,\s*{_DAY})+(?={_RANGE_JOIN}{_DAY}\s+{MONTH}))?(?:\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{_YEAR}))?)?"
    rf"(?:{_RANGE_JOIN}(?P<d2>{_DAY})(?=\s+{MONTH}))?"
    rf"(?:\s+(?P<m2>{MONTH}))?(?:\s+(?P<y2>{_YEAR})\b)?",
    re.IGNORECASE,
)
# The digits OCR misreads as letters, and the digits they are: "3O9" is 309.
MISREAD_DIGITS = str.maketrans("OlI", "011")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    first: tuple[int, int, int | None]  # day, month, year (None when the text gives none)
    last: tuple[int, int, int | None]
    damaged: str | None = None  # the text as written, when OCR misread a digit in it

    @property
    def is_range(self) -> bool:
        return self.first != self.last


def _month(token: str | None) -> int | None:
    return MONTHS.get(fold(token.lower().rstrip("."))) if token else None


def date_mentions(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates and ranges: "29 en 30 november 2022", "31 mei en 1 juni", "9-11 juli", "4 april"."""
    end = len(text) if end is None else end
    found = []
    for match in DATE_PATTERN.finditer(fold(text), start, end):
        digits = "".join(match[g] or "" for g in ("d1", "y1", "d2", "y2"))
        damaged = text[match.start():match.end()] if re.search("[OlI]", digits) else None
        d1, d2 = _int(match["d1"]), match["d2"]
        m1, m2 = _month(match["m1"]), _month(match["m2"])
        y1, y2 = match["y1"], match["y2"]
        if m1 is None and m2 is None:
            continue  # a bare number, not a date
        if d2 is None:
            if m1 is None:
                m1, y1, m2 = m2, y2, None
            found.append(DateMention(match.start(), match.end(), (d1, m1, _int(y1 or y2)),
                                     (d1, m1, _int(y1 or y2)), damaged))
            continue
        last_month = m2 or m1
        last_year = _int(y2)
        first_year = _int(y1)
        if first_year is None and last_year is not None:
            # "30 december - 2 januari 2023": a range over the new year starts the year before
            first_year = last_year if (m1 or last_month) <= last_month else last_year - 1
        found.append(DateMention(match.start(), match.end(), (d1, m1 or last_month, first_year),
                                 (_int(d2), last_month, last_year), damaged))
    return found


def _int(value: str | None) -> int | None:
    return int(value.translate(MISREAD_DIGITS)) if value else None


def resolve(day_month_year: tuple[int, int, int | None], around: date | None,
            prefer: str = "nearest") -> date | None:
    """A calendar date; a missing year is the one that puts it nearest `around` (or before/after)."""
    day, month, year = day_month_year
    if year is not None:
        return _date(year, month, day)
    if around is None:
        return None
    options = [d for d in (_date(around.year + k, month, day) for k in (-1, 0, 1)) if d]
    if prefer == "before":
        options = [d for d in options if d <= around] or options
    elif prefer == "after":
        options = [d for d in options if d >= around] or options
    return min(options, key=lambda d: abs((d - around).days)) if options else None


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
