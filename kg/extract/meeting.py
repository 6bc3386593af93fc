"""The one NATO meeting a letter reports on or announces, and the contradictions around it.

A letter names its meeting in its opening: the cover paragraph ("Hierbij zend ik u het verslag
van de bijeenkomst van de NAVO-ministers van Defensie, die op 14 en 15 februari 2023 in Brussel
heeft plaatsgevonden") or its title. The first meeting named there decides: if it is a NATO
meeting it is the letter's; if it is an EU Council or a debate, the letter is about no NATO
meeting, whatever NATO meetings its body goes on to mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from kg.extract.parliament import parliamentary_year
from kg.extract.places import find_cities
from kg.extract.prose import MONTH, MONTHS, SUBJECT_LINE, DateMention, Piece, date_mentions, resolve, sentences
from kg.facts import DataIssue, Meeting
from kg.text import Text, fold

OPENING = 1600  # characters: the header, the cover paragraph and the title

MEETING_WORDS = re.compile(
    r"bijeenkomst|\btop\b|navo-top|summit|vergadering|overleg|ministeriele|\braad\b|meeting|\bfmm\b|"
    r"\bdmm\b|conferentie|werkbezoek|ministerial|"
    # "kwamen de ministers ... bijeen", "vergaderden": a meeting told as what its members did
    r"\bbijeen\b|\bvergaderden\b|\bkwamen\b[^.]{0,80}\bsamen\b", re.IGNORECASE)
NATO_WORDS = re.compile(r"\bnavo|\bnato\b|noord-atlantische|north\s+atlantic", re.IGNORECASE)
OTHER_WORDS = re.compile(
    r"raad\s+buitenlandse\s+zaken|europese\s+raad|raad\s+algemene\s+zaken|\brbz\b|"
    r"foreign\s+affairs\s+council|\beu-|\bosce\b|\bvn\b|verenigde\s+naties|g7|g20|commissiedebat|"
    r"commissie\s+debat|plenair\s+debat", re.IGNORECASE)
FOREIGN = re.compile(r"ministers\s+van\s+buitenlandse\s+zaken|buitenlandministers|foreign\s+ministers|"
                     r"\bfmm\b|ministeriele\s+(?:bijeenkomst\s+)?(?:van\s+)?buitenlandse\s+zaken|"
                     r"buitenlandse\s+zaken\s+van\s+de\s+navo",
                     re.IGNORECASE)
DEFENCE = re.compile(r"ministers\s+van\s+defensie|defensieminister(?:s|iele)|defen[cs]e\s+ministers|\bdmm\b|"
                     r"ministeriele\s+(?:bijeenkomst\s+)?(?:van\s+)?defensie", re.IGNORECASE)
SUMMIT = re.compile(r"\btop\b|navo-top|summit|regeringsleiders|staatshoofden", re.IGNORECASE)
INFORMAL = re.compile(r"\binforme(?:le|el)\b|\binformal\b", re.IGNORECASE)
# A programme's label: "Plaats ........ NAVO-hoofdkwartier, Brussel".
PLACE_LINE = re.compile(r"(?im)^[ \t]*(?:plaats|locatie|place|venue)\b[ \t.:]*(\S[^\n]*)$")
PAST_OR_COMING = re.compile(r"\s*(?:(?P<past>jl\.|j\.l\.|jongstleden\b)|a\.s\.|aanstaande\b)", re.IGNORECASE)
# A town in an address ("2515 XP Den Haag", "Postbus 20061 Den Haag") is the ministry's.
ADDRESS = re.compile(r"\b\d{4}\s?[A-Z]{2}\s+$|\b[Pp]ostbus\s+\d+\s+$")  # case matters: "2023 in Brussel"
PLACE = re.compile(r"\b(?:in|te)\s+$", re.IGNORECASE)
# "de bijeenkomst", "deze vergadering": a meeting already named.
DEFINITE_MEETING = re.compile(r"\b(?:de|deze|die)\s+(?:informele\s+)?(?:bijeenkomst|vergadering|top|ministeriele)\b",
                              re.IGNORECASE)
# "mijn brief van 3 juni", "d.d. 3 juni": a date that belongs to a document, not to the meeting.
LETTER_REFERENCE = re.compile(r"(?:brief|d\.d\.|kamerstuk|motie|verzoek)\b[^.]{0,12}$"
                              # "tijdens het algemeen overleg van 14 april": the Kamer's own meetings
                              r"|(?:(?:algemeen|schriftelijk|nota|wetgevings)\s*overleg|debat)\b[^.]{0,12}$"
                              # "De geannoteerde agenda ontving uw Kamer op 30 september"
                              r"|\b(?:ontving|ontvangen|toegezonden|verzonden|gestuurd)\b[^.]{0,25}$", re.IGNORECASE)
# "zoals toegezegd tijdens het algemeen overleg over de Navo ministeriele van 9 juni": the meeting
# the Kamer debated, named to say where a promise was made, is not the letter's.
DEBATE_TOPIC = re.compile(r"\b(?:algemeen|schriftelijk|notaoverleg|commissie)\s*(?:overleg|debat)\s+"
                          r"(?:over|inzake|ter\s+voorbereiding\s+(?:op|van))\b[^.]{0,70}$", re.IGNORECASE)
# The line that dates the letter: "Den Haag, 14 april 2021", "Datum 23 december 1999".
OWN_DATE_LINE = re.compile(r"\s*(?:(?:Den\s+Haag|'s-Gravenhage|Brussel|Hague)\s*,|Datum\b|datum\b)|\s*\S{0,12}\s*\d{1,2}\s+\w+\s+\d{4}\s*$")
# "Den Haag, 16 december 2022": where the letter was written, not where the meeting was.
DATELINE = re.compile(r"\s*,\s*\d{1,2}\s+[a-z]+\.?\s+\d{4}", re.IGNORECASE)
AUTHOR_TYPES = (("defensie", "defence-ministers"), ("buitenlandse zaken", "foreign-ministers"),
                ("minister-president", "summit"))


@dataclass(frozen=True)
class Found:
    meeting: Meeting | None
    issues: tuple[DataIssue, ...]


def _opening_pieces(text: str) -> list[Piece]:
    return [p for p in sentences(text, 0, min(len(text), OPENING))]


def _kind(sentence: str) -> str | None:
    folded = fold(sentence)
    if FOREIGN.search(folded):
        return "foreign-ministers"
    if DEFENCE.search(folded):
        return "defence-ministers"
    if SUMMIT.search(folded):
        return "summit"
    return None


def find_meeting(text: Text, letter_date: date | None, letter_type: str,
                 author_role: str | None, dateline: tuple[int, int] | None = None) -> Found:
    repaired = text.repaired
    folded = fold(repaired)
    announcing = None
    named = None  # an opening sentence that names a NATO meeting without dating it
    for piece in _opening_pieces(repaired):
        mentions = [m for m in date_mentions(repaired, piece.start, piece.end)
                    # the letter's own date line; a meeting held the day the letter is written keeps its date
                    if not (letter_date and _same_day(m, letter_date)
                            and (OWN_DATE_LINE.match(piece.text) or (dateline and dateline[0] <= m.start < dateline[1])))
                    and not LETTER_REFERENCE.search(fold(repaired[max(0, m.start - 25):m.start]))
                    and not DEBATE_TOPIC.search(fold(repaired[max(piece.start, m.start - 110):m.start]))]
        if not MEETING_WORDS.search(fold(piece.text)):
            continue
        if not mentions:
            if named is None and _about_nato(fold(piece.text)):
                named = piece
            continue
        piece_folded = fold(piece.text)
        referred = named is not None and DEFINITE_MEETING.search(piece_folded) and not OTHER_WORDS.search(piece_folded)
        if not (_about_nato(piece_folded) or referred) and not OTHER_WORDS.search(piece_folded):
            # "Op 14–15 mei kwamen de ministers ... bijeen in Antalya": a gathering not said to be
            # NATO's nor another body's; the title below may say whose it was.
            continue
        # A meeting mostly spans days; a lone date in the same sentence is more often something else.
        announcing = (piece, next((m for m in mentions if m.is_range), _opened_and_closed(mentions)))
        break
    if announcing is None:
        return Found(None, ())
    piece, mention = announcing
    piece_folded = fold(piece.text)
    # "... het verslag van de informele bijeenkomst van de NAVO-ministers in Tallinn. ... kon de
    # bijeenkomst, die op 22 april werd geopend, ...": the meeting named before is the one dated.
    referred = named is not None and DEFINITE_MEETING.search(piece_folded) and not OTHER_WORDS.search(piece_folded)
    if not (_about_nato(piece_folded) or referred):
        return Found(None, ())

    prefer = "before" if letter_type == "report" else "after" if letter_type == "annotated-agenda" else "nearest"
    # "op 11 en 12 juli jl." (last) and "a.s." (coming) say on which side of the letter's date.
    told = PAST_OR_COMING.match(fold(repaired[mention.end:mention.end + 12]))
    if told:
        prefer = "before" if told["past"] else "after"
    same_range = _same_range_mentions(repaired, mention)
    start, end, issues = _dates(text, mention, same_range, letter_date or _year_anchor(text, mention),
                                letter_type, prefer)
    # Wherever the letter gives the meeting's days with a misread digit ("14 en l5 juni" in the
    # body under a clean title), the reading is flagged.
    for damaged in (m for m in [mention] + same_range if m.damaged):
        issues += (DataIssue(f"the meeting date «{' '.join(damaged.damaged.split())}» is damaged (a letter "
                             f"for a digit); read as {start} to {end}", text.span(damaged.start, damaged.end)),)
    if (start is None or end is None) and not _without_year(mention, same_range):
        return Found(None, issues)  # a day that does not exist: no meeting to name
    # Without a year anywhere the meeting is still the letter's, with its kind and place: it
    # stands undated, and the issue above says why.

    around = [piece] + [_sentence_at(repaired, m.start) for m in same_range]
    titles = [p for p in _opening_pieces(repaired) if p.text.upper() == p.text and len(p.text) > 12]
    titles += [Piece(m.start(1), m.end(1), m[1]) for m in SUBJECT_LINE.finditer(repaired, 0, OPENING)]
    if referred:
        titles.append(named)
    # "Kabinetsinzet voor de NAVO-top van 24 en 25 juni" over a header naming the ministers who
    # write: the meeting named right before its date says what it is.
    named_before = Piece(max(piece.start, mention.start - 40), mention.start,
                         repaired[max(piece.start, mention.start - 40):mention.start])
    kind = next((k for k in (_kind(p.text) for p in [named_before, piece] + titles + around) if k), None)
    if kind is None and author_role:
        # "Ministers van Buitenlandse Zaken en Defensie": the office named first decides.
        role = fold(author_role).lower()
        named = sorted((role.find(word), k) for word, k in AUTHOR_TYPES if word in role)
        kind = named[0][1] if named else None
    if kind is None:
        return Found(None, issues + (DataIssue("the letter names a NATO meeting but not which kind",
                                               text.span(piece.start, piece.end)),))
    informal = any(INFORMAL.search(fold(p.text)) for p in [piece] + titles)
    city = None
    labelled = [Piece(m.start(1), m.end(1), m[1]) for m in PLACE_LINE.finditer(repaired, 0, OPENING)]
    # "... een extra ingelaste bijeenkomst van de NAVO-Raad op 14 april 2021. De Ministers ...
    # woonden de vergadering fysiek bij in Brussel.": the next sentence may place the meeting it
    # points back at.
    following = sentences(repaired, piece.end, min(len(repaired), piece.end + 600))[:1]
    placed = [p for p in following if DEFINITE_MEETING.search(fold(p.text)) and not OTHER_WORDS.search(fold(p.text))
              and "\n\n" not in repaired[piece.end:p.start]]
    for candidate in [piece] + titles + labelled + around + placed:
        found = [c for c in find_cities(repaired, candidate.start, candidate.end)
                 if not DATELINE.match(fold(repaired[c.end:c.end + 40]))
                 and not ADDRESS.search(repaired[max(0, c.start - 30):c.start])
                 and (candidate not in placed or PLACE.search(fold(repaired[max(0, c.start - 12):c.start])))]
        if found:
            # "… die op 3 en 4 april in Washington plaatsvond": where it took place, before the
            # ministry's own town in a letterhead the text ran into the sentence.
            city = next((c for c in found if PLACE.search(fold(repaired[max(0, c.start - 12):c.start]))), found[0])
            break
    # "een werkdiner op de avond van 28 november en een werksessie in de ochtend van de volgende dag"
    if start is not None and start == end and NEXT_DAY.search(fold(piece.text), mention.end - piece.start):
        end = start + timedelta(days=1)
    if start is not None and end is not None and end < start:
        issues += (DataIssue(f"the meeting ends ({end}) before it starts ({start})",
                             text.span(mention.start, mention.end)),)
        start, end = end, start
    meeting = Meeting(
        type=kind, informal=informal, start=start, end=end,
        city=city.english if city else None, city_dutch=city.dutch if city else None,
        country=city.country if city else None,
        span=text.span(piece.start, piece.end),
    )
    return Found(meeting, issues)


# The meeting's second day told without its date.
NEXT_DAY = re.compile(r"\b(?:de|op\s+de)\s+(?:volgende|daaropvolgende)\s+dag\b|\bde\s+dag\s+(?:erna|daarna|daarop)\b",
                      re.IGNORECASE)
# "Kamerbrief inzake geannoteerde agenda Brussel juni 2010": a month with its year, in a title.
MONTH_YEAR = re.compile(rf"\b(?P<month>{MONTH})\s+(?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE)
SEPTEMBER = 9  # a parliamentary year opens in September


def _year_anchor(text: Text, mention: DateMention) -> date | None:
    """For a letter whose page lost its date: a day of the year the page gives elsewhere, so
    that a year-less meeting date ("op 10 en 11 juni aanstaande") takes its year.

    A title's month with its year ("... Brussel juni 2010") for the meeting's month, else the
    parliamentary year of the publication header: its autumn months are in its first year, the
    rest in its second."""
    repaired = text.repaired
    day, month, _ = mention.first
    for match in MONTH_YEAR.finditer(repaired, 0, min(len(repaired), OPENING)):
        if MONTHS.get(match["month"].lower().rstrip(".")) == month:
            return resolve((day, month, int(match["year"])), None)
    parliamentary = parliamentary_year(repaired[:OPENING], text.header)  # "Vergaderjaar 2009–2010"
    if parliamentary:
        first = int(parliamentary[:4])
        return resolve((day, month, first if month >= SEPTEMBER else first + 1), None)
    return None


def _without_year(mention: DateMention, others: list[DateMention]) -> bool:
    return mention.first[2] is None and mention.last[2] is None and not any(m.first[2] for m in others)


def _about_nato(folded: str) -> bool:
    return bool(NATO_WORDS.search(folded)) and not (
        OTHER_WORDS.search(folded) and not re.search(r"navo-|nato-|van\s+de\s+navo|\bnavo\b", folded, re.I))


def _opened_and_closed(mentions: list[DateMention]) -> DateMention:
    """"... die op donderdag 22 april met een diner werd geopend en op vrijdag 23 april 2010 met
    een persconferentie werd afgesloten": single days a few days apart, in order, in the sentence
    that dates the meeting are its first and last day. Else the first date."""
    first, last = mentions[0], mentions[-1]
    if len(mentions) < 2 or first.damaged or last.damaged:
        return first
    year = last.last[2] or first.first[2] or 2000  # a leap year: any day that exists somewhere
    try:
        begins = date(first.first[2] or year, first.first[1], first.first[0])
        ends = date(year, last.last[1], last.last[0])
    except ValueError:
        return first
    if not 1 <= (ends - begins).days <= 4:
        return first
    return DateMention(first.start, last.end, first.first, last.last)


def _same_day(mention: DateMention, day: date) -> bool:
    return mention.first[:2] == (day.day, day.month) and mention.first[2] in (None, day.year)


def _sentence_at(text: str, position: int) -> Piece:
    """The sentence around a position, cut by the same rules as every other sentence."""
    window = sentences(text, _paragraph_start(text, position), min(len(text), position + 1500))
    return next((p for p in window if p.start <= position < p.end), Piece(position, position, ""))


def _paragraph_start(text: str, position: int) -> int:
    start = text.rfind("\n\n", 0, position)
    return 0 if start < 0 else start + 2


def _same_range_mentions(text: str, mention: DateMention) -> list[DateMention]:
    """Every other place the letter gives the same days and months (the title, the body)."""
    key = (mention.first[:2], mention.last[:2])
    return [m for m in date_mentions(text) if (m.first[:2], m.last[:2]) == key and m.start != mention.start
            and _about_a_meeting(_sentence_at(text, m.start).text)]


def _about_a_meeting(sentence: str) -> bool:
    """Only a sentence about a meeting can date the meeting (not "op 4 en 5 april 2022 besloot …")."""
    folded = fold(sentence)
    return bool(MEETING_WORDS.search(folded) or NATO_WORDS.search(folded)
                or re.search(r"\bkwamen\b|\bbijeen\b|\bsamen\b|\bvergaderden\b", folded, re.I))


def _dates(text: Text, mention: DateMention, others: list[DateMention], letter_date: date | None,
           letter_type: str, prefer: str):
    """Start and end; a year the text contradicts is resolved to the consistent reading."""
    issues: tuple[DataIssue, ...] = ()
    # Without the letter's date, a year-less mention takes its year from another mention of the
    # same days ("op 30 en 31 mei" under the title "... 30-31 MEI 2024").
    anchor = letter_date or next((d for d in (resolve(m.first, None) for m in others if m.first[2]) if d), None)
    start = resolve(mention.first, anchor, prefer)
    end = resolve(mention.last, start or anchor, "after")
    if start is None or end is None:
        day, month, year = mention.first if start is None else mention.last
        if year is None and anchor is None:
            problem = "gives no year, and nothing in the letter gives one; the meeting is kept without dates"
        else:
            problem = "does not exist"
        return None, None, (DataIssue(f"the meeting date {day}-{month}{f'-{year}' if year else ''} {problem}",
                                      text.span(mention.start, mention.end), about_meeting=True),)
    years = {m.first[2] for m in others if m.first[2]} | {start.year}
    if len(years) > 1:
        consistent = [y for y in sorted(years) if _plausible(y, mention, letter_date, letter_type)]
        chosen = start.year if start.year in consistent or not consistent else consistent[0]
        wrong = sorted(years - {chosen})
        conflicting = next(m for m in others if m.first[2] and m.first[2] != chosen) \
            if any(m.first[2] and m.first[2] != chosen for m in others) else mention
        issues += (DataIssue(
            f"the letter dates the meeting in {', '.join(map(str, wrong))} in one place and in "
            f"{chosen} elsewhere; {chosen} is consistent with the letter's date"
            + (f" ({letter_date.isoformat()})" if letter_date else ""),
            text.span(conflicting.start, conflicting.end)),)
        if chosen != start.year:
            span_years = end.year - start.year
            start, end = start.replace(year=chosen), end.replace(year=chosen + span_years)
    return start, end, issues


def _plausible(year: int, mention: DateMention, letter_date: date | None, letter_type: str) -> bool:
    if letter_date is None:
        return True
    try:
        start = date(year, mention.first[1], mention.first[0])
    except ValueError:
        return False
    if letter_type == "report":
        return start <= letter_date
    if letter_type == "annotated-agenda":
        return start >= letter_date
    return abs((start - letter_date).days) < 366


# A title in capitals over a part of the letter: "I. VERSLAG GEZAMENLIJKE BIJEENKOMST NAVO-MINISTERS
# VAN BUITENLANDSE ZAKEN EN DEFENSIE, BRUSSEL, 18-19 APRIL 2012", over one line or two.
_CAPITAL_LINE = re.compile(r"(?m)^[ \t]*(?=[^\n]*[A-Z]{4})[^a-z\n]{12,}$")


def other_meeting_parts(text: Text, meeting: Meeting | None) -> list[tuple[int, int]]:
    """The parts of a letter about another meeting than its own: a report of the meeting before
    under its own title in capitals, in a letter that announces the next (or the other way
    round). Each runs from its title to the next such title, or to the end of the letter.

    A title counts when it names a meeting and dates it on days that are not the meeting's; its
    sessions and who took part in them are that meeting's, not the letter's."""
    if meeting is None or meeting.start is None or meeting.end is None:
        return []
    repaired = text.repaired
    titles = []  # (start, end of the title's lines, about another meeting)
    for match in _CAPITAL_LINE.finditer(repaired):
        if titles and repaired[titles[-1][1]:match.start()].strip() == "":
            titles[-1] = (titles[-1][0], match.end())  # the title's second line
        else:
            titles.append((match.start(), match.end()))
    parts, open_at = [], None
    for start, end in titles:
        block = repaired[start:end]
        if not MEETING_WORDS.search(fold(block)):
            continue
        dated = [resolve(m.first, meeting.start) for m in date_mentions(repaired, start, end)]
        dated = [day for day in dated if day is not None]
        if not dated:
            continue
        other = all(not meeting.start <= day <= meeting.end for day in dated)
        if open_at is not None:
            parts.append((open_at, start))
            open_at = None
        if other:
            open_at = start
    if open_at is not None:
        parts.append((open_at, len(repaired)))
    return parts


# A meeting held by video has no place to name: "per videoconferentie", "virtuele bijeenkomst".
VIRTUAL = re.compile(r"video(?:conferentie|teleconferentie|verbinding|call)|\bvirtue(?:el|le)\b|\bdigita(?:al|le)\b|"
                     r"\bonline\b|\bvtc\b", re.IGNORECASE)


def place_issues(text: Text, meeting: Meeting | None) -> tuple[DataIssue, ...]:
    """A letter that never says where its meeting takes place leaves the meeting without a city;
    a reader flags it (not for a meeting held by video)."""
    if meeting is None or meeting.city is not None or VIRTUAL.search(fold(text.repaired)):
        return ()
    return (DataIssue("the letter does not say where its meeting takes place; it is stored without a city",
                      meeting.span),)
