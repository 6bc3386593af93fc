"""The letter itself: what kind of letter, its date, who wrote and signed it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kg.extract.prose import HEADER_REACH, MONTH, MONTHS, SUBJECT_LINE, date_mentions, resolve, sentences
from kg.facts import DataIssue, Span
from kg.text import Text, fold

# "Den Haag, 16 december 2022" / "'s-Gravenhage, 3 juli 2023"
PLACE_AND_DATE = re.compile(r"(?:Den\s+Haag|'s-Gravenhage|Brussel|Hague)\s*,\s*|^[ \t]*Datum[ \t:]+",
                            re.IGNORECASE | re.MULTILINE)
# "De Minister van Buitenlandse Zaken," followed on the next line by "W.B. Hoekstra"
# The name is written with initials ("W.B. Hoekstra") or, in newer letters, in full ("Ruben Brekelmans").
_PARTICLES = r"(?:(?:van|de|der|den|ter|ten|van\s+der|van\s+den)\s+)*"
# On one line: what follows the name on the next ("Noten", a footnotes heading) is not part of it.
_NAME = (rf"(?:[A-Z][a-z]?\.\s?){{1,5}}\s?{_PARTICLES}[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?"
         rf"|[A-Z][a-zà-ÿ'’-]+(?:[ \t]+{_PARTICLES}[A-Z][\w'’-]+){{1,3}}")
# The Prime Minister signs with a second office: "De Minister-President, Minister van Algemene
# Zaken," (on the same line or the next) and the role is the first.
SIGNATURE = re.compile(
    r"(?m)^[ \t]*(?:De|de|DE|The)\s+(?P<role>(?:[Mm]inister|[Ss]taatssecretaris|MINISTER|STAATSSECRETARIS)"
    r"(?:-[Pp]resident|-PRESIDENT)?"
    rf"[^\n,]{{0,80}})(?:,[ \t]*(?:\n[ \t]*)?[Mm]inister[^\n,]{{0,60}})?,?[ \t]*\n(?:[ \t]*\n){{0,2}}[ \t]*(?P<name>{_NAME})[ \t]*$"
)
# An office as a signature names it: "Minister van Buitenlandse Zaken", "minister voor Buitenlandse
# Handel en Ontwikkelingssamenwerking", "Staatssecretaris van Defensie", "Minister-President".
_OFFICE = (r"(?:[Mm]inister|[Ss]taatssecretaris)(?:-[Pp]resident)?"
           r"(?:[ \t]+(?:van|voor)[ \t]+[A-Z][\w-]*(?:[ \t]+(?:en[ \t]+)?[A-Z][\w-]*){0,4})?")
# The publication's one-line form: "De Minister van Buitenlandse Zaken, F.C.G.M. Timmermans".
SIGNATURE_LINE = re.compile(rf"(?m)^[ \t]*(?:De|de|The)[ \t]+(?P<role>{_OFFICE}),[ \t]*(?P<name>{_NAME})[ \t]*$")
# An aggregator's metadata line, or a list after its label: "Gerelateerde personen:- Eerste ondertekenaar: R.P. Brekelmans, minister van Defensie
# (Ooit VVD kamerlid)", "Mede ondertekenaar: ...". Only a minister's or state secretary's line makes
# the page a minister's letter: a committee chair signs the Kamer's own papers.
SIGNATORY_METADATA = re.compile(
    rf"(?m)(?:^|:)[-•* \t]*(?:Eerste|Mede)[ \t]+ondertekenaar[ \t]*:[ \t]*(?P<name>{_NAME})[ \t]*,[ \t]*(?P<role>{_OFFICE})")
# The page's own date in an aggregator's metadata: "Nummer: 2025D20783, datum: 2025-05-12, ...",
# or a line of fields: "21-03-2008 | Kamerstuk | Nederlands Ministerie van Buitenlandse Zaken",
# "Kamerbrief inzake ... 22-11-2006 | 13:32", or a page's date line of its own ("27-09-2001").
DATE_METADATA = re.compile(r"(?im)(?:^|,)[ \t]*datum[ \t]*:[ \t]*(?P<date>\d{4}-\d{2}-\d{2})\b"
                           r"|(?:(?<![\w-])(?=\d{2}-\d{2}-\d{4}(?:[ \t]*\||[ \t]{2,}))|^[ \t]*(?=\d{2}-\d{2}-\d{4}[ \t]*$))"
                           r"(?P<day>\d{2})-(?P<month>\d{2})-(?P<year>\d{4})")
# The ministry that sends the letter: its letterhead, a line of its own ("Ministerie van
# Buitenlandse Zaken"), or a field of the page's metadata ("| Nederlands Ministerie van Defensie").
# The reader may take a field's bar for a stray character: two spaces separate fields as well.
MINISTRY = re.compile(r"(?m)(?:^[ \t]*|(?:\||[ \t]{2})[ \t]*(?:Nederlands[ \t]+)?)Ministerie[ \t]+van[ \t]+"
                      r"(?P<ministry>Buitenlandse[ \t]+Zaken|Defensie|Algemene[ \t]+Zaken)[ \t]*(?:$|\||[ \t]{2})")
# "BRIEF VAN DE MINISTER VAN DEFENSIE": the author when no signature block can be read. It may
# stand under a page's site chrome and metadata, well into the text.
AUTHOR_HEADER = re.compile(r"BRIEF\s+VAN\s+DE\s+(?P<role>MINISTER[\w -]*?|STAATSSECRETARIS[\w -]*?)\s*[,\n]")
# Signatures of one block follow each other with no more than blank lines between them.
SIGNATURE_GAP = re.compile(r"[ \t]*(?:\n[ \t]*){1,3}")


# "SACEUR zal verslag doen van ...": to report, said of someone, is no document.
KIND = re.compile(r"geannoteerde\s+agenda|\bverslag\b(?!\s+(?:doen|deed|deden|gedaan|uitbrengen|uitgebracht|te\s+doen))"
                  r"|\breport\b|annotated\s+agenda", re.IGNORECASE)
# A sentence that names another document by its kind: "zoals toegelicht in het verslag van de
# Raad (Kamerstukken 21 501-28, nr. 208)", "de geannoteerde agenda die uw Kamer op 29 juni ontving".
# Also one the Kamer received before ("De geannoteerde agenda ... ontving uw Kamer op 3 juni") or
# will receive ("Over de uitkomsten ontvangt u, zoals gebruikelijk, een verslag"). Where every
# sentence naming a kind is about another document, the meeting's date against the letter's decides.
ANOTHER_DOCUMENT = re.compile(
    r"\bkamerstuk|\bontving\b|\b(?:heeft|hebt|had)\b[^.]{0,40}\bontvangen\b"
    r"|\b(?:die|dat)\b[^.]{0,80}\b(?:ontving|ontvangen|toegezonden|toegestuurd|gezonden|verzonden|gestuurd)\b"
    r"|\b(?:ontvangt|ontvangen|zal|zullen)\b[^.]{0,80}\been\s+(?:verslag|geannoteerde\s+agenda)\b"
    # "Over de Top ontvangt uw Kamer binnenkort de geannoteerde agenda": the next letter's kind
    r"|\b(?:binnenkort|later|spoedig|te\s+zijner\s+tijd|na\s+afloop)\b[^.]{0,40}\b(?:de|het)\s+(?:verslag|geannoteerde\s+agenda)\b",
    re.IGNORECASE)


HEREBY = re.compile(r"\bhierbij\b", re.IGNORECASE)


def letter_type(text: str) -> str:
    """A report («verslag») or an annotated agenda («geannoteerde agenda»), by the first
    sentence that names the letter's own kind (not another document's).

    The cover's "Hierbij zend ik u de geannoteerde agenda ..." says it first: a letter that
    goes on with a report of the meeting before, under a title of its own, is still an agenda."""
    for sentence in sentences(text, 0, min(len(text), 1500)) if HEREBY.search(text, 0, 1500) else ():
        folded = fold(sentence.text)
        match = KIND.search(folded)
        if match and HEREBY.search(folded) and not ANOTHER_DOCUMENT.search(folded):
            return _kind(match.group(0).lower())
    for line in text.splitlines():
        if line.strip() and line.strip().upper() == line.strip() and len(line.strip()) > 12:
            kind = _kind(fold(line).lower())
            if kind:
                return kind
    for sentence in sentences(text):
        folded = fold(sentence.text)
        match = KIND.search(folded)
        if match and not ANOTHER_DOCUMENT.search(folded):
            return _kind(match.group(0).lower())
    return "other"


# "Betreft: Beantwoording schriftelijke vragen over ...", "Hierbij beantwoord ik de vragen van de
# leden ...", "Antwoorden op Kamervragen": a letter that answers questions is neither a report nor an
# annotated agenda, and the meetings its answers name are not its subject.
ANSWERS = re.compile(r"\bbeantwoord\w*\b[^.]{0,80}?\bvragen\b|\bantwoorden?\s+op\s+(?:de\s+)?(?:schriftelijke\s+)?"
                     r"(?:kamer)?vragen\b|\bbeantwoording\b", re.IGNORECASE)


def answers_questions(text: str) -> bool:
    """Whether the letter says, in its subject line or its first sentences, that it answers
    questions, and names no report or agenda of its own there."""
    if not ANSWERS.search(text, 0, 1500):
        return False  # most letters: no need to find the opening's sentences
    subject = SUBJECT_LINE.search(text[:1500])
    opening = subject[1] if subject else " ".join(piece.text for piece in sentences(text, 0, min(len(text), 1500))[:4])
    folded = fold(opening)
    return bool(ANSWERS.search(folded)) and not re.search(r"\bverslag\b|geannoteerde\s+agenda", folded, re.IGNORECASE)


def _kind(phrase: str) -> str | None:
    if re.search(r"geannoteerde\s+agenda|annotated\s+agenda", phrase):
        return "annotated-agenda"
    if re.search(r"\bverslag\b|\breport\b", phrase):
        return "report"
    return None


# How the sentence that names the meeting tells its time, for a letter whose page lost its date:
# "Op 26 en 27 april jl. vond in Oslo ... plaats" is over; "die op 10 en 11 juni aanstaande in
# Brussel wordt gehouden" is still to come.
PAST = re.compile(r"\bjl\.|\bj\.l\.|\bjongstleden\b|\bvond(?:en)?\b[^.]{0,120}\bplaats\b|\bplaatsgevonden\b"
                  r"|\bwerd(?:en)?\s+gehouden\b|\b(?:is|zijn)\s+gehouden\b|\bkwamen\b[^.]{0,120}\bbijeen\b", re.IGNORECASE)
COMING = re.compile(r"\ba\.s\.|\baanstaande\b|\b(?:zal|zullen)\b|\b(?:wordt|worden)\s+gehouden\b"
                    r"|\bvind(?:t|en)\b[^.]{0,120}\bplaats\b|\bplaatsvind(?:t|en)\b|\bkomen\b[^.]{0,120}\bbijeen\b",
                    re.IGNORECASE)


def kind_from_timing(kind: str, meeting, day: date | None, text: str = "") -> str:
    """A letter that names neither «verslag» nor «geannoteerde agenda» but is about a meeting
    reports on it when the meeting is over by the letter's date, and announces it otherwise.
    Without a date, the tense of the opening's sentences that name the meeting's first day says
    which (the title that dated the meeting often has no verb)."""
    if kind != "other" or meeting is None:
        return kind
    if day is not None and meeting.end is not None:
        return "report" if meeting.end <= day else "annotated-agenda"
    told = [meeting.span.text]
    if meeting.start is not None:
        told += [piece.text for piece in sentences(text, 0, min(len(text), 1600))
                 if any(m.first[:2] == (meeting.start.day, meeting.start.month)
                        for m in date_mentions(text, piece.start, piece.end))]
    for sentence in map(fold, told):
        past, coming = PAST.search(sentence), COMING.search(sentence)
        if past and not coming:
            return "report"
        if coming and not past:
            return "annotated-agenda"
    return kind


def letter_date(text: str) -> tuple[date | None, tuple[int, int] | None]:
    """The date under the address line; else the first full date standing on a line of its own.

    The position comes back even when the date does not exist ("31 februari 2023"), so the
    caller can flag it. A date inside a sentence is not the letter's: in an undated letter the
    first dated sentence is usually about the meeting, and taking its date as the letter's would
    hide the meeting behind it.
    """
    for match in PLACE_AND_DATE.finditer(text, 0, min(len(text), 2000)):
        mentions = date_mentions(text, match.end(), match.end() + 30)
        # A letter is dated one day: "Den Haag, 24-25 juni 2025" in a title dates the meeting.
        if mentions and mentions[0].start == match.end() and mentions[0].first[2] and not mentions[0].is_range:
            return resolve(mentions[0].first, None), (match.start(), mentions[0].end)
    for mention in date_mentions(text, 0, min(len(text), 800)):
        if mention.first[2] and not mention.is_range and _on_its_own_line(text, mention.start, mention.end):
            return resolve(mention.first, None), (mention.start, mention.end)
    return None, None


def _on_its_own_line(text: str, start: int, end: int) -> bool:
    """Nothing but a weekday before the date on its line, nothing but a full stop after it."""
    before = text[text.rfind("\n", 0, start) + 1:start]
    line_end = text.find("\n", end)
    after = text[end:line_end if line_end >= 0 else len(text)]
    return bool(re.fullmatch(r"[ \t]*(?:[a-z]+dag,?[ \t]+)?", fold(before), re.IGNORECASE)) \
        and not after.strip(" \t.")


@dataclass(frozen=True)
class Signed:
    """Who signs the letter, in the order they sign: (office, name) each, and where."""

    signatories: tuple[tuple[str, str], ...]
    author_role: str | None  # the first signatory's office, or the header's when nobody signs
    position: tuple[int, int] | None

    @property
    def signatory(self) -> str | None:
        return self.signatories[0][1] if self.signatories else None


def signatures(text: str) -> Signed:
    """The letter's signature block: every signature in it, in order.

    A block is one or more signatures, each on two lines (office, then name) or on one
    ("De Minister van Buitenlandse Zaken, U. Rosenthal"), separated by blank lines only. Without a
    block: an aggregator's metadata lines ("Eerste ondertekenaar: ..."), else the publication
    header's office ("BRIEF VAN DE MINISTER VAN DEFENSIE"), else the letterhead's ministry
    ("Ministerie van Buitenlandse Zaken": its minister sends it), with nobody named."""
    found = sorted([*SIGNATURE.finditer(text), *SIGNATURE_LINE.finditer(text)], key=lambda m: m.start())
    if found:
        block = [found[0]]
        for match in found[1:]:
            if match.start() >= block[-1].end() and SIGNATURE_GAP.fullmatch(text, block[-1].end(), match.start()):
                block.append(match)
        signed = tuple((_role(m["role"]), " ".join(m["name"].split())) for m in block)
        return Signed(signed, signed[0][0], (block[0].start("role"), block[-1].end("name")))
    metadata = list(SIGNATORY_METADATA.finditer(text, 0, HEADER_REACH))
    if metadata:
        signed = tuple((_role(m["role"]), " ".join(m["name"].split())) for m in metadata)
        return Signed(signed, signed[0][0], (metadata[0].start(), metadata[-1].end()))
    header = AUTHOR_HEADER.search(text[:HEADER_REACH])
    if header:
        return Signed((), _from_capitals(_first_office(header["role"])), (header.start("role"), header.end("role")))
    ministry = MINISTRY.search(text, 0, HEADER_REACH)
    if ministry:
        office = "Minister-President" if "Algemene" in ministry["ministry"] else \
            "Minister van " + " ".join(ministry["ministry"].split())
        return Signed((), office, (ministry.start("ministry"), ministry.end("ministry")))
    return Signed((), None, None)


def signature(text: str) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """(author role, first signatory, position) of the signature block (`signatures`)."""
    signed = signatures(text)
    return signed.author_role, signed.signatory, signed.position


def _role(role: str) -> str:
    role = " ".join(role.split())
    role = _from_capitals(role) if role.isupper() else role  # "DE STAATSSECRETARIS VAN DEFENSIE"
    return role[0].upper() + role[1:]  # "De minister van …" (newer style) is the same role


def metadata_date(text: str) -> tuple[date | None, tuple[int, int] | None]:
    """The date an aggregator page's metadata gives the document ("datum: 2025-05-12"): the
    letter's date when the letter head with its own date is not on the page."""
    match = DATE_METADATA.search(text, 0, HEADER_REACH)
    if match is None:
        return None, None
    try:
        if match["date"]:
            return date.fromisoformat(match["date"]), (match.start("date"), match.end("date"))
        return date(int(match["year"]), int(match["month"]), int(match["day"])), (match.start("day"), match.end("year"))
    except ValueError:
        return None, None


# "MINISTERS VAN BUITENLANDSE ZAKEN EN (VAN) DEFENSIE", "MINISTER-PRESIDENT, MINISTER VAN ALGEMENE
# ZAKEN EN DE MINISTERS VAN ...": where the next office begins (not "BUITENLANDSE HANDEL EN
# ONTWIKKELINGSSAMENWERKING", one ministry).
NEXT_OFFICE = re.compile(r"\s*,|\s+EN\s+(?:DE\s+|VAN\s+)?(?=(?:MINISTERS?|STAATSSECRETARIS(?:SEN)?|DEFENSIE|"
                         r"BUITENLANDSE\s+ZAKEN|ALGEMENE\s+ZAKEN)\b)")


def _first_office(heading: str) -> str:
    """The office named first in a publication header, as the first of several signatories'
    ("MINISTERS VAN BUITENLANDSE ZAKEN EN DEFENSIE" -> "MINISTER VAN BUITENLANDSE ZAKEN")."""
    first = NEXT_OFFICE.split(heading.strip(), maxsplit=1)[0]
    return re.sub(r"^MINISTERS\b", "MINISTER", re.sub(r"^STAATSSECRETARISSEN\b", "STAATSSECRETARIS", first))


def _from_capitals(role: str) -> str:
    """'MINISTER VAN BUITENLANDSE ZAKEN' -> 'Minister van Buitenlandse Zaken'."""
    words = role.split()
    return " ".join("-".join(part.capitalize() for part in w.split("-"))
                    if i == 0 or w.upper() not in {"VAN", "EN", "VOOR", "DE"} else w.lower()
                    for i, w in enumerate(words))


def date_issues(text: Text, day: date | None, position: tuple[int, int] | None,
                from_metadata: bool = False) -> tuple[DataIssue, ...]:
    """An undated letter, or one dated a day that does not exist, is kept and flagged: its
    identity is its file, not its date (README, "Guarantees"). So is a page that lost its
    letter head, whose date only the page's metadata gives."""
    if day is not None and from_metadata:
        return (DataIssue(f"the page carries no letter date of its own; {day.isoformat()} is the date its "
                          "metadata gives", text.span(*position) if position else None),)
    if day is not None:
        # "Den Haag, l3 december 2019": read, and flagged as read from a damaged figure.
        damaged = [m for m in date_mentions(text.repaired, *position) if m.damaged] if position else []
        return tuple(DataIssue(f"the letter's date «{' '.join(m.damaged.split())}» is damaged (a letter for a "
                               f"digit); read as {day.isoformat()}", text.span(m.start, m.end)) for m in damaged[:1])
    if position is not None:
        span = text.span(*position)
        return (DataIssue(f"the letter's date «{' '.join(span.text.split())}» does not exist; "
                          "the letter is stored without a date", span),)
    return (DataIssue("the letter has no date natokg can read; it is stored without one"),)


def span_of(text: Text, position: tuple[int, int] | None) -> Span | None:
    return text.span(*position) if position else None


# "vrijdag 20 en zaterdag 21 november": a day named with its weekday, the month after it.
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
WEEKDAY_DAY = re.compile(rf"\b(?P<weekday>{'|'.join(WEEKDAYS)})\s+(?P<day>\d{{1,2}})\b", re.IGNORECASE)
MONTH_AFTER = re.compile(rf"\s*(?:(?:en|-|–|—|tot\s+en\s+met|t/m|tot)\s*(?:{'|'.join(WEEKDAYS)})?\s*\d{{1,2}}\s*)?"
                         rf"(?P<month>{MONTH})(?:\s+(?P<year>\d{{4}})\b)?", re.IGNORECASE)
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def weekday_issues(text: Text, around: date | None) -> tuple[DataIssue, ...]:
    """A day whose weekday the calendar contradicts ("vrijdag 20 november 2010", a Saturday):
    the day or the weekday is wrong, and a reader flags it. Without a year, the year is the
    one nearest `around` (the meeting's first day, else the letter's date)."""
    folded = fold(text.repaired)
    issues = []
    for match in WEEKDAY_DAY.finditer(folded):
        after = MONTH_AFTER.match(folded, match.end())
        if after is None:
            continue
        day = resolve((int(match["day"]), MONTHS[after["month"].lower().rstrip(".")],
                       int(after["year"]) if after["year"] else None), around)
        said = WEEKDAYS.index(match["weekday"].lower())
        if day is None or day.weekday() == said:
            continue
        span = text.span(match.start(), after.end())
        issues.append(DataIssue(
            f"«{' '.join(span.text.split())}»: {day.isoformat()} is a {ENGLISH_WEEKDAYS[day.weekday()]}, "
            f"not a {ENGLISH_WEEKDAYS[said]}", span))
    return tuple(issues[:3])  # a letter wrong about its weekdays once is wrong everywhere: a few say so


def text_notes(text: Text) -> tuple[DataIssue, ...]:
    """Damage the reader mended throughout the file (a text encoded twice), as issues."""
    return tuple(DataIssue(message, Span(start, end, text.original[start:end], text.page(start)))
                 for start, end, message in text.notes)
