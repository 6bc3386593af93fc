"""Kamerstukken and motions: the parliamentary documents a letter answers or cites."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.prose import HEADER_REACH, MISREAD_DIGITS, date_mentions, resolve, sentences
from kg.facts import DataIssue, DocumentCitation, Motion
from kg.text import Text, fold

# "Kamerstuk 36 200 X, nr. 26", "Kamerstukken II 2022/23, 28 676, nr. 417", "kst-28676-446",
# "TK 2011–2012, 28 676, nr. 152" (older letters),
# "Kamerstuk 21 501-28, nr. 245": dossier, optional part (roman numeral, letter or number), number.
# Several numbers of one dossier: "Kamerstukken 28 676, nrs. 327 en 331". OCR may read a last
# digit as a letter ("nr. 38l", "nr. l7"): it is read as the digit, and the letter flags it.
_SUB_NUMBER = r"(?:(?:\d|[lI](?=\d))[\dOlI]{0,4}(?=[\s,.;:)\]]|$)|\d{1,5})"
KAMERSTUK = re.compile(
    r"\b(?:Kamerstuk(?:ken)?|TK)(?:\s+I{1,2})?(?:\s+\d{4}\s*[/–-]\s*\d{2,4}\s*,)?\s+"
    r"(?P<dossier>\d{2}\s{0,2}\d{3})(?:\s*[-–]\s*(?P<part_number>\d{1,3})|\s+(?P<part>[A-Z]{1,5}))?"
    rf"\s*,?\s*nr(?P<plural>s)?\.?\s*(?P<number>{_SUB_NUMBER})(?(plural)(?P<more>(?:\s*(?:,|\ben\b)\s*{_SUB_NUMBER})*))"
    r"|\bkst-(?P<kst_dossier>\d{5,6})(?:-(?P<kst_part>[A-Z0-9]{1,5}))?-(?P<kst_number>\d{1,5})\b",
    re.IGNORECASE,
)
# The header a published letter opens with: "28 676 NAVO Nr. 446", "21 501-28 Defensieraad
# Nr. 283", "36 200 X Vaststelling ... Nr. 26". On an aggregator's page it stands under the site's
# chrome and metadata, so it is looked for in the first HEADER_REACH characters.
PUBLICATION_HEADER = re.compile(r"(?m)^\s*(?P<dossier>\d{2}\s?\d{3})(?:[ \t]*-[ \t]*(?P<part_number>\d{1,3})|"
                                r"\s+(?P<part>[A-Z]{1,5}))?\s+[A-Z][A-Za-z -]*?\s+Nr\.\s*(?P<number>\d{1,5})\b")
# An aggregator names the page's own official version: "officiële HTML versie (kst-21501-28-283)".
OWN_VERSION = re.compile(r"offici[eë]le\s+(?:HTML\s+)?versie\s*\(kst-(?P<dossier>\d{5,6})(?:-(?P<part>[A-Z0-9]{1,5}))?"
                         r"-(?P<number>\d{1,5})\)", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    kamerstuk: str
    start: int
    end: int
    damaged: str | None = None  # the number as printed, when OCR read a digit as a letter


def normalise(dossier: str, part: str | None, number: str) -> str:
    pieces = [re.sub(r"\s", "", dossier)]  # "28\n676" broken over two lines is 28676
    if part:
        pieces.append(part.upper())
    pieces.append(str(int(number.translate(MISREAD_DIGITS))))
    return "-".join(pieces)


def references(text: str, start: int = 0, end: int | None = None) -> list[Reference]:
    found = []
    for match in KAMERSTUK.finditer(text, start, len(text) if end is None else end):
        if match["kst_dossier"]:
            found.append(Reference(normalise(match["kst_dossier"], match["kst_part"], match["kst_number"]),
                                  match.start(), match.end()))
            continue
        for number in [match["number"]] + re.findall(_SUB_NUMBER, match["more"] or ""):
            kamerstuk = normalise(match["dossier"], match["part"] or match["part_number"], number)
            damaged = number if number != number.translate(MISREAD_DIGITS) else None
            found.append(Reference(kamerstuk, match.start(), match.end(), damaged))
    return found


def document_issues(text: Text) -> tuple[DataIssue, ...]:
    """A Kamerstuk number with a letter for a digit ("nr. 38l") is read, and flagged."""
    return tuple(
        DataIssue(f"the Kamerstuk number «nr. {reference.damaged}» is damaged (a letter for a digit); "
                  f"read as {reference.kamerstuk}", text.span(reference.start, reference.end))
        for reference in _cited(text.repaired) if reference.damaged)


def own_number(text: str) -> str | None:
    """The letter's own Kamerstuk number, from the publication header it opens with, else from
    the page's own official version an aggregator links to."""
    match = PUBLICATION_HEADER.search(text, 0, HEADER_REACH)
    if match:
        return normalise(match["dossier"], match["part"] or match["part_number"], match["number"])
    version = OWN_VERSION.search(text, 0, HEADER_REACH)
    return normalise(version["dossier"], version["part"], version["number"]) if version else None


def own_number_position(text: str) -> tuple[int, int] | None:
    """Where the page gives the letter's own number ("28 676 NAVO Nr. 446")."""
    match = PUBLICATION_HEADER.search(text, 0, HEADER_REACH) or OWN_VERSION.search(text, 0, HEADER_REACH)
    return (match.start("dossier"), match.end("number")) if match else None


# A Kamerstuk's running header, on every page of its PDF: "Tweede Kamer, vergaderjaar 2022–2023,
# 28 676, nr. 424"; the first page of a published letter says "Vergaderjaar 2023–2024".
PARLIAMENTARY_YEAR = re.compile(r"\bvergaderjaar\s+(?P<first>\d{4})\s*[–—/-]\s*(?P<second>\d{2}|\d{4})\b", re.IGNORECASE)
RUNNING_HEADER = re.compile(
    PARLIAMENTARY_YEAR.pattern + r"\s*,\s*(?P<dossier>\d{2}\s?\d{3})(?:\s*[-–]?\s*(?P<part>[A-Z]{1,5}))?"
    r"\s*,\s*nr\.?\s*(?P<number>\d{1,5})\b", re.IGNORECASE)


def header_number(header: str | None) -> str | None:
    """The letter's own Kamerstuk number from its running header: "28676-424"."""
    match = RUNNING_HEADER.search(header or "")
    return normalise(match["dossier"], match["part"], match["number"]) if match else None


def parliamentary_year(*texts: str | None) -> str | None:
    """The parliamentary year («vergaderjaar») the first of `texts` that names one gives: "2022-2023"."""
    for text in texts:
        match = PARLIAMENTARY_YEAR.search(text or "")
        if match:
            first, second = int(match["first"]), int(match["second"])
            second = second if second >= 1000 else first // 100 * 100 + second
            if second == first + 1:
                return f"{first}-{second}"
    return None


@lru_cache(maxsize=8)
def _cited(repaired: str) -> tuple[Reference, ...]:
    # Read once a letter: for the documents it cites and for the damaged numbers among them.
    return tuple(references(repaired))


def documents(text: Text, own: str | None) -> tuple[DocumentCitation, ...]:
    seen: dict[str, DocumentCitation] = {}
    for reference in _cited(text.repaired):
        if reference.kamerstuk != own and reference.kamerstuk not in seen:
            seen[reference.kamerstuk] = DocumentCitation(
                reference.kamerstuk, text.span(reference.start, reference.end))
    return tuple(seen.values())


# "de motie van het lid Valstar c.s.", "de motie-Sjoerdsma en Koopmans", "Motie Boswijk c.s.",
# "de motie van de leden Van der Lee en Brekelmans": the first member's surname.
# A surname holds no digit: "motie-Dassen2" is Dassen with a footnote marker.
SURNAME = r"(?:(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Ii]n\s+'t|'t)\s+)*[A-Z](?:[^\W\d_]|['’])+(?:-[A-Z](?:[^\W\d_]|['’])+)?"
MOTION = re.compile(
    rf"\b[Mm]otie(?:\s+van\s+(?:het\s+lid|de\s+leden)\s+|-|\s+)(?P<surname>{SURNAME})"
)
SUBJECT = re.compile(r"\bover\s+(?P<subject>.+?)\s*(?:\(\s*Kamerstuk|\(kst-|$)", re.DOTALL)


def motions(text: Text, letter_date) -> tuple[Motion, ...]:
    repaired = text.repaired
    found: list[Motion] = []
    for sentence in sentences(repaired):
        for match in MOTION.finditer(repaired, sentence.start, sentence.end):
            surname = " ".join(match["surname"].split())  # "Ten\nBroeke" at a line end is Ten Broeke
            if surname.lower() in {"van", "de", "het", "over"}:
                continue
            rest_end = sentence.end
            following = MOTION.search(repaired, match.end(), sentence.end)
            if following:
                rest_end = following.start()
            refs = references(repaired, match.end(), rest_end)
            # The motion's date stands by it ("d.d. 1 december 2016", "van 17 november"), before its
            # Kamerstuk; a date further on in the sentence is the sentence's ("... de Europese Raad
            # van 15 december").
            dated_until = refs[0].end if refs else min(rest_end, match.end() + 80)
            dates = date_mentions(repaired, match.end(), dated_until)
            when = resolve(dates[0].first, letter_date, "before") if dates else None
            subject_match = SUBJECT.search(repaired[match.end():rest_end])
            subject = " ".join(subject_match["subject"].split()).rstrip(".,;") if subject_match else None
            found.append(Motion(surname, when, subject or None, refs[0].kamerstuk if refs else None,
                                text.span(match.start(), rest_end)))
    return _merged(found)


def _merged(found: list[Motion]) -> tuple[Motion, ...]:
    """One motion cited twice (in the body and in its footnote) is one motion, with all details."""
    result: list[Motion] = []
    for motion in found:
        for index, other in enumerate(result):
            if fold(other.submitter).lower() != fold(motion.submitter).lower():
                continue
            if _compatible(other, motion):
                result[index] = Motion(
                    other.submitter,
                    other.date or motion.date,
                    other.subject or motion.subject,
                    other.kamerstuk or motion.kamerstuk,
                    other.span if _detail(other) >= _detail(motion) else motion.span,
                )
                break
        else:
            result.append(motion)
    return tuple(result)


def _compatible(a: Motion, b: Motion) -> bool:
    # One Kamerstuk number is one motion, whatever else the two citations say; a motion stated
    # twice with two dates would otherwise be two facts about one node, and the letter refused.
    if a.kamerstuk is not None and a.kamerstuk == b.kamerstuk:
        return True
    return all(x is None or y is None or x == y for x, y in ((a.date, b.date), (a.kamerstuk, b.kamerstuk)))


def _detail(motion: Motion) -> int:
    return sum(value is not None for value in (motion.date, motion.subject, motion.kamerstuk))
