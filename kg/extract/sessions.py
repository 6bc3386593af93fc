"""Sessions: the numbered parts of a meeting, and the stretch of the letter about each.

A session is numbered in its heading ("Sessie 1 en 2: Rusland-Oekraïne", "Sessie II: …",
"Eerste werksessie: …", "2. Steun aan Oekraïne") or, under a plain heading, by the section's
first sentence ("Op 11 juli kwam in de tweede werksessie de NAVO-Oekraïne Raad bijeen").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.places import countries
from kg.extract.prose import (
    CARDINALS, ORDINAL_WORD, SESSION_NOUN, SESSION_NOUNS, Piece, date_mentions, headings, number, resolve, sections,
    merged, sentences, within,
)
from kg.facts import DataIssue, Meeting, Session
from kg.text import Text, fold

_NUMBER = r"\d{1,2}|[IVX]{1,5}"
_LIST = rf"(?:{_NUMBER})(?:\s*(?:,|&|en|and|-|–)\s*(?:{_NUMBER}))*"
# "Sessie 1: Oekraïne", "Sessie 1 (zondag 15 mei): Oekraïne"
# "Sessie III. - NAVO-Oekraïne Commissie": a number's full stop, then the dash.
_SEPARATOR = r"\s*(?:\([^()]{0,40}\)\s*)?(?:[:\-–—.](?:\s*[:\-–—](?=\s))?\s*(?P<title>.*))?$"
# A heading may open with a bullet or its day: "• Sessie 1: ...", "11 juli, eerste sessie: ...",
# "Woensdag 12 juli – Sessie 3".
_WEEKDAY = r"[A-Za-z]+dag(?:ochtend|middag|namiddag|avond)?"  # "Woensdagochtend"
_DAY = rf"(?:[-–•*]\s+)?(?:(?:{_WEEKDAY}\s+)?\d{{1,2}}\s+[a-z]+\s*[,:–-]\s*|{_WEEKDAY}\s*[,:–-]\s*)?"
# A plain heading that opens on its day: "Dinsdagmiddag 6 december - NAVO en Europese Unie".
DAY_PREFIX = re.compile(rf"^(?:{_WEEKDAY}(?:\s+\d{{1,2}}\s+[a-z]+)?|\d{{1,2}}\s+[a-z]+)\s*[,:–—-]\s*(?=\S)",
                        re.IGNORECASE)
HEADING_SESSION = re.compile(rf"^{_DAY}(?:[Ww]erk)?(?:[Ss]essies?|SESSIES?|[Ss]ession)\s+(?P<numbers>{_LIST}){_SEPARATOR}")
# "De derde en laatste sessie": the ordinal numbers it; that it was the last says nothing more.
_AND_LAST = r"(?:\s+en\s+(?:tevens\s+)?laatste)?"
HEADING_ORDINAL = re.compile(rf"^{_DAY}(?P<ordinal>{ORDINAL_WORD}){_AND_LAST}\s+{SESSION_NOUN}{_SEPARATOR}",
                             re.IGNORECASE)
# "Derde en vierde sessie: Oekraïne en Georgië": one heading for several sessions.
HEADING_ORDINALS = re.compile(rf"^{_DAY}(?P<ordinals>(?:{ORDINAL_WORD})(?:\s*(?:,|en)\s*(?:{ORDINAL_WORD}))+)"
                              rf"\s+{SESSION_NOUNS}{_SEPARATOR}", re.IGNORECASE)
HEADING_NUMBERED = re.compile(r"^(?P<numbers>\d{1,2}|[IVX]{1,5})[.)]\s+(?P<title>\S.*)$")
# "Ad 1. Transformatie", "Ad 2) ISAF": the discussion of item 1 of the programme the letter listed.
HEADING_ITEM = re.compile(rf"^[Aa]d\s+(?P<numbers>{_NUMBER})[.):]?\s+(?P<title>\S.*)$")
# Numbered paragraphs that are the letter's own parts, not sessions: "1. Inleiding", "5. Overig".
DOCUMENT_PART = re.compile(
    r"^(?:inleiding|context|achtergrond|aanleiding|algemeen|programma|agenda|overig(?:e\b.*)?|"
    r"tot\s+slot|afsluiting|slot|conclusies?|samenvatting|toelichting\b.*|kabinetsinzet)$", re.IGNORECASE)
# Not a section about what comes before or after a session: "voorafgaand aan de derde sessie".
FIRST_SENTENCE_REFERENCE = re.compile(rf"(?<!voorafgaand aan )(?<!voorafgaande aan )(?<!voor )(?<!na )(?<!afloop van )"
                                      rf"(?<!aansluitend op )(?<!volgend op )"
                                      rf"\b(?:de|het|in)\s+(?P<ordinal>{ORDINAL_WORD}){_AND_LAST}\s+{SESSION_NOUN}\b",
                                      re.IGNORECASE)
# A sentence that opens on one session: "In de eerste sessie …", "De derde werksessie was gewijd aan …".
PROSE_SESSION = re.compile(rf"^(?:(?:Op|Tijdens|In|Bij)\s+(?:\w+\s+){{0,3}}?)?de\s+(?P<ordinal>{ORDINAL_WORD}){_AND_LAST}\s+{SESSION_NOUN}\b",
                           re.IGNORECASE)
PROSE_TOPIC = re.compile(r"\b(?:was\s+gewijd\s+aan|stond\s+in\s+het\s+teken\s+van|ging\s+over|betrof|"
                         r"had\s+als\s+(?:onderwerp|thema)|draaide\s+om|over|inzake|"
                         # "De eerste werksessie was gericht op de aanloop naar de NAVO-top"
                         r"(?:was|werd|is)\s+gericht\s+op|richtte\s+zich\s+op|"
                         # "De derde werksessie was de eerste NATO-Ukraine Council": the session is the part it names
                         rf"(?:was|is)(?=\s+(?:de|het|een)\s+(?:(?:{ORDINAL_WORD})\s+)?[A-Z])|"
                         r"bespr(?:aken|eken|eekt)(?:\s+de\s+(?:ministers|bondgenoten|regeringsleiders|leiders))?)\s+(?P<title>(?:[^.,;:()]|\.(?=\w))+)")
# Where a title in a sentence ends: "... Council op het niveau van Ministers", "... met deelname van".
TOPIC_TAIL = re.compile(r"\s+(?:op\s+(?:het\s+)?niveau\s+van|met\s+deelname\s+van|in\s+aanwezigheid\s+van|waarbij|waarin|gepland\s+op)\b.*$",
                        re.IGNORECASE | re.DOTALL)
# "de eerste NATO-Ukraine Council": an article, and an ordinal of the part itself, lead no title.
TOPIC_HEAD = re.compile(rf"^(?:(?:de|het|een)\s+)?(?:(?:{ORDINAL_WORD})\s+)?", re.IGNORECASE)
# A heading's title that runs onto one more short line before the blank line under it.
CONTINUED_TITLE = re.compile(r"[ \t]*\n[ \t]*(?!(?:\d{1,2}|[IVX]{1,4})[.)]\s)([^\s.:;!?•*–-][^\n]{0,58}[^\s.:;!?,])[ \t]*(?=\n[ \t]*\n|\Z)")
QUOTED_TITLE = re.compile(r"[«“\"]([^»”\"]{2,80})[»”\"]")
SESSION_WORD = re.compile(rf"\b{SESSION_NOUNS}\b", re.IGNORECASE)


@dataclass(frozen=True)
class SessionSection:
    session: Session
    body: Piece
    heading: Piece | None = None  # where its heading stands (in the repaired text)


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
    return bool(HEADING_SESSION.match(line) or HEADING_ORDINAL.match(line) or HEADING_ORDINALS.match(line))


def find_sessions(text: Text) -> list[SessionSection]:
    """Sessions by their headings, or by the first sentence under a heading ("Op 11 juli kwam in
    de tweede werksessie …").

    A heading that names a session ("Sessie 2", "Tweede werksessie", "Ad 2.") outranks a plain
    numbered one ("2. Oekraïne"): where a letter has both, its plain numbers are its own
    paragraphs. So are they where a paragraph's first sentence names another session than the
    paragraph's number ("2. Rusland" opening with "De eerste sessie is gewijd aan …"), and where
    the series numbers a part of the letter ("1. Inleiding", "5. Overig"): then the sentences
    number the sessions.
    """
    repaired = text.repaired
    speaks_of_sessions = bool(SESSION_WORD.search(repaired))
    items = _programme_items(repaired)
    candidates = []  # (kind, numbers, number its first sentence names, title, heading, body)
    plain = []  # sections under a heading that numbers nothing
    for section in sections(repaired, lambda line: _session_heading(line) or line in items):
        heading = section.heading
        if heading is None:
            continue
        content = fold(heading.text)
        match = HEADING_SESSION.match(content) or HEADING_ORDINAL.match(content) or \
            HEADING_ORDINALS.match(content) or HEADING_ITEM.match(content) or \
            (HEADING_NUMBERED.match(content) if content in items else None)
        if match:
            found_numbers = match.groupdict()
            numbers = (_numbers(match["numbers"]) if "numbers" in found_numbers else
                       [number(word) for word in re.split(r"\s*(?:,|\ben\b)\s*", match["ordinals"])]
                       if "ordinals" in found_numbers else [number(match["ordinal"])])
            title, body = _title(heading.text, match, content), section.body
            rest = CONTINUED_TITLE.match(repaired, heading.end) if title and title[-1].isalnum() else None
            if rest:  # "Session 3: Shifting Global Balance of Power – partners from the\nIndo-Pacific"
                title = f"{title} {rest[1].strip()}"
                body = Piece(rest.end(1), body.end, repaired[rest.end(1):body.end])
            candidates.append(("named", numbers, None, title, heading, body))
            continue
        first = sentences(repaired, section.body.start, section.body.end)[:1]
        reference = FIRST_SENTENCE_REFERENCE.search(fold(first[0].text)) if first else None
        referenced = number(reference["ordinal"]) if reference else None
        match = HEADING_NUMBERED.match(content) if speaks_of_sessions else None
        if match and DOCUMENT_PART.match(match["title"].strip()):
            candidates.append(("part", [], referenced, "", heading, section.body))
        elif match:
            candidates.append(("numbered", _numbers(match["numbers"]), referenced,
                               _title(heading.text, match, content), heading, section.body))
        elif referenced:
            title = heading.text[len(DAY_PREFIX.match(heading.text)[0]):] if DAY_PREFIX.match(heading.text) else heading.text
            candidates.append(("referenced", [referenced], referenced, title, heading, section.body))
        else:
            plain.append(section)
    numbered = [c for c in candidates if c[0] == "numbered"]
    # A series that numbers "1. Inleiding" numbers the letter's parts, all of them.
    paragraphs = any(kind in ("named", "part") for kind, *_ in candidates) or any(
        referenced and referenced not in numbers for _, numbers, referenced, *_ in numbered)
    # A heading that names a session outranks a section whose first sentence only refers to it:
    # that section is another stretch of text about the session, not where it gets its title.
    headed = {value for kind, numbers, *_ in candidates if kind == "named" for value in numbers}
    found: list[SessionSection] = []
    later = []
    for kind, numbers, referenced, title, heading, body in candidates:
        if kind == "numbered" and paragraphs:
            numbers = [referenced] if referenced else []
        for value in numbers:
            known = next((s.session for s in found if s.session.number == value), None)
            if kind == "referenced" and value in headed:
                later.append((value, body, heading))
            elif value and value > 0 and known is None:
                session = Session(value, title, text.span(heading.start, heading.end))
                found.append(SessionSection(session, _own_part(repaired, body, value, numbers), heading))
            elif known is not None and kind == "named":
                # The programme lists "3) Mondiale partnerschappen – partners: ...", and "Ad 3)"
                # discusses it: one session, both stretches of text about it.
                found.append(SessionSection(known, _own_part(repaired, body, value, numbers), heading))
    for value, body, heading in later:
        known = next(s.session for s in found if s.session.number == value)
        found.append(SessionSection(known, body, heading))
    # The programme lists "3. Defensie-industrie", and the letter discusses it under a plain
    # heading of the same words: one session, both stretches of text about it.
    titled = {_same_words(s.session.title): s.session for s in found if s.session.title}
    for section in plain:
        known = titled.get(_same_words(section.heading.text))
        if known is not None:
            found.append(SessionSection(known, section.body, section.heading))
    # Sessions the letter numbers only in its sentences complete those under headings ("Sessie 1:
    # ..." over the first, "De tweede werksessie betrof ...", "De derde sessie ... is een NATO
    # Ukraine Council" in the running text for the others).
    numbers = {s.session.number for s in found}
    found += [s for s in _sessions_in_prose(text) if s.session.number not in numbers]
    return found


def _same_words(title: str) -> str:
    return " ".join(re.findall(r"\w+", fold(title).lower()))


# "De Top bestaat uit de volgende sessies:", "De agenda ziet er als volgt uit:": a list of the
# sessions follows.
PROGRAMME_INTRODUCTION = re.compile(r"(?im)^[^\n]*\b(?:sessies|werksessies|programma|agenda|als\s+volgt)\b[^\n]*:[ \t]*$")
PROGRAMME_ITEM = re.compile(r"(?m)^(\d{1,2}[.)][ \t]+\S[^\n]*)$")


def _programme_items(text: str) -> set[str]:
    """The lines of a numbered list of sessions under a line that announces them ("De Top bestaat
    uit de volgende sessies:"): each is a session's heading, though no blank line sets it apart."""
    items: set[str] = set()
    for introduction in PROGRAMME_INTRODUCTION.finditer(text):
        start = introduction.end()
        while text.startswith("\n", start) or text[start:start + 1] in (" ", "\t"):
            start += 1
        block_end = text.find("\n\n", start)
        block = text[start:block_end if block_end >= 0 else len(text)]
        found = [fold(m[1].strip()) for m in PROGRAMME_ITEM.finditer(block)]
        if len(found) >= 2:
            items.update(found)
    return items


def _own_part(text: str, body: Piece, value: int, numbers: list[int]) -> Piece:
    """Under a heading for several sessions ("Sessie 2 en 3 – …"), the stretch about one of them:
    from the sentence that opens on it ("De derde sessie vindt plaats met …") to the next that
    opens on another; for a session no sentence opens on, what comes before the first that
    does. Without such sentences the whole section is about each."""
    if len(numbers) < 2:
        return body
    openings = [(sentence.start, number(match["ordinal"])) for sentence in sentences(text, body.start, body.end)
                if (match := PROSE_SESSION.match(fold(sentence.text))) and number(match["ordinal"]) in numbers]
    mine = [start for start, opened in openings if opened == value]
    if not openings:
        return body
    if not mine:  # the stretch before any session is opened on
        return Piece(body.start, openings[0][0], text[body.start:openings[0][0]])
    start = mine[0]
    end = next((other for other, opened in openings if other > start and opened != value), body.end)
    return Piece(start, end, text[start:end])


# "Sessie 1: Afschrikking en verdediging (8 juli, middag)", "... (werklunch)": when and in what
# form the session meets, not its title; "(Afghanistan)" is part of the title.
WHEN_REMARK = re.compile(r"\s*\((?=[^()]*(?:\b\d{1,2}\s+[a-z]+|\d{1,2}[.:]\d{2}|ochtend|middag|avond|lunch|diner"
                         r"|ontbijt|\w+dag\b))[^()]*\)\s*$", re.IGNORECASE)


def _title(heading: str, match: re.Match, content: str) -> str:
    start = match.start("title") if match["title"] else len(content)
    return WHEN_REMARK.sub("", heading[start:].strip())


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
            # "De eerste sessie, die onder de titel «Transformatie» is geagendeerd": a quoted title.
            quoted = QUOTED_TITLE.search(sentence.text, match.end())
            topic = PROSE_TOPIC.search(sentence.text, match.end())
            title = quoted[1].strip() if quoted else _topic_title(topic["title"]) if topic else ""
            openings.append((value, title, sentence))
    stops = sorted([s.start for _, _, s in openings] + [h.start for h in headings(repaired)] + [len(repaired)])
    found = []
    for value, title, sentence in openings:
        end = next(stop for stop in stops if stop > sentence.start)
        found.append(SessionSection(Session(value, title, text.span(sentence.start, sentence.end)),
                                    Piece(sentence.start, end, repaired[sentence.start:end])))
    return found


def _topic_title(phrase: str) -> str:
    """The title a sentence gives a session, without the article and what follows the noun phrase."""
    phrase = TOPIC_TAIL.sub("", " ".join(phrase.split()))
    return phrase[TOPIC_HEAD.match(phrase).end():].strip()


SESSION_DAY = re.compile(r"\s*(?:Op|On)\s+(?:[a-z]+dag\s+)?(\d{1,2}\s+[a-z]+)\b(?!\s+\d{4})")


def date_issues(text: Text, meeting: Meeting | None, found: list[SessionSection]) -> tuple[DataIssue, ...]:
    """A session whose heading dates it outside the meeting's days ("Woensdagochtend 8 december"
    under a meeting of 6 and 7 December): one of the two dates is wrong, and a reader flags it."""
    if meeting is None or meeting.start is None or meeting.end is None:
        return ()
    issues = []
    for section in found:
        heading = section.heading
        if heading is None:
            continue
        # The heading's date, or the one its first sentence opens on ("Op 12 juli kwam in de tweede
        # sessie de NAVO-Oekraïne Raad bijeen").
        opening = SESSION_DAY.match(text.repaired, section.body.start, section.body.end)
        places = [(heading.start, heading.end)] + ([(opening.start(1), opening.end(1))] if opening else [])
        for mention in (m for start, end in places for m in date_mentions(text.repaired, start, end)):
            day = resolve(mention.first, meeting.start)
            if day is not None and not meeting.start <= day <= meeting.end:
                issues.append(DataIssue(
                    f"session {section.session.number} is dated {day.isoformat()}, outside the meeting's days "
                    f"({meeting.start.isoformat()} to {meeting.end.isoformat()})",
                    text.span(mention.start, mention.end)))
    return tuple(dict.fromkeys(issues))


# "Sessie Il", "Sessie |", "Sessie Ill.": a roman numeral as OCR reads a sans-serif I, mended
# by kg.text before the heading is read; in the file the number is damaged, and a reader says so.
DAMAGED_NUMERAL = re.compile(r"\b(?:[Ww]erk)?(?:[Ss]essies?|SESSIES?)[ \t]+(?P<numeral>[IVX]*[l|][IVXl|]*)(?![\w|])")


def numeral_issues(text: Text, found: list[SessionSection]) -> tuple[DataIssue, ...]:
    """A session heading whose roman number OCR misread ("Sessie Il" for II), read as mended."""
    issues = []
    for section in found:
        if section.heading is None:
            continue
        span = text.span(section.heading.start, section.heading.end)
        damaged = DAMAGED_NUMERAL.search(span.text)
        if damaged:
            issues.append(DataIssue(
                f"the number of session {section.session.number} is printed «{damaged['numeral']}» (a letter in "
                f"the roman numeral); read as {section.session.number}", span))
    return tuple(dict.fromkeys(issues))


def sessions_named_in_passing(found: tuple[Session, ...], participations) -> tuple[Session, ...]:
    """Sessions the letter names only where it says who took part in them ("namen als genodigden
    deel aan de eerste en de tweede sessie") and nowhere under a heading natokg can read (one
    OCR slip in "2. Steun aan Oekraïne" is enough): they took place, so they are sessions of
    the meeting, without a title, evidenced by the sentence that names them."""
    known = {session.number for session in found}
    named: dict[int, Session] = {}
    for participation in participations:
        number = participation.session
        if isinstance(number, int) and number > 0 and number not in known and number not in named:
            named[number] = Session(number, "", participation.span)
    return tuple(named[number] for number in sorted(named))


# "De Top bestond uit vier sessies", "verdeeld over drie werksessies": how many the letter says.
# Looked for before each "sessies" only: one pattern over the whole letter cost more than the rest.
SESSIONS = re.compile(r"(?:sessies|zittingen)\b", re.IGNORECASE)
SESSION_COUNT = re.compile(
    rf"\b(?:bestond|bestonden|bestaat|bestaan|kent|kende|omvat|omvatte|telde|telt|verdeeld\s+over)\s+(?:uit\s+)?"
    rf"(?P<count>{'|'.join(CARDINALS)}|\d{{1,2}})\s+(?:werk)?$", re.IGNORECASE)


def count_issues(text: Text, found: tuple[Session, ...]) -> tuple[DataIssue, ...]:
    """A letter that says the meeting had four sessions and reports five contradicts itself; a
    reader flags it. (Fewer reported than said is more often a session natokg did not read.)"""
    numbered = {session.number for session in found}
    if not numbered:
        return ()
    repaired = text.repaired
    for word in SESSIONS.finditer(repaired):
        match = SESSION_COUNT.search(repaired, max(0, word.start() - 44), word.start())
        if not match:
            continue
        count = number(match["count"]) if match["count"].isdigit() else CARDINALS[match["count"].lower()]
        if len(numbered) > count:
            said = " ".join(repaired[match.start():word.end()].split())
            return (DataIssue(f"the letter says the meeting had {count} sessions («{said}») and reports "
                              f"{len(numbered)}", text.span(match.start(), word.end())),)
    return ()


# ---------------------------------------------------------------- parts without a number
# A meeting has parts the letter does not number: a council or commission with one partner
# ("de NAVO-Oekraïne Commissie", "de NAVO - Rusland Raad (NRR)", "the NATO-Ukraine Council"), an
# evening session, a working dinner, a ceremony. Each is a session without a number, known by its
# name, and who takes part in it takes part in it alone.
PARTNER_BODY = re.compile(r"\b(?:navo|nato)(?:\s*[-–]\s*|\s+)(?P<partner>[a-z]+)\s*[-–]?\s*(?P<body>raad|commissie|council|commission)\b",
                          re.IGNORECASE)
PART_NOUN = re.compile(r"\b(?P<noun>(?:avond|ochtend|openings|slot)(?:werk)?sessie|werk(?:diner|lunch|ontbijt)"
                       r"|euro-atlantische\s+partnerschaps\s*raad"
                       r"|(?:toetredings|ondertekenings|herdenkings)?ceremonie|ceremoniele\s+bijeenkomst)\b", re.IGNORECASE)
# A sentence that points back at the part just named tells more of it: "Er werd begonnen met een
# korte ceremoniële bijeenkomst ... De Minister-President van Montenegro was hierbij aanwezig."
POINTS_BACK = re.compile(r"\b(?:hierbij|daarbij|hierin|daarin|hieraan|daaraan)\b", re.IGNORECASE)
# Under its own heading a plain dinner is part of the programme; in running text it is as often
# another gathering's ("Die avond hebben de EU-ministers van Defensie een diner met ...").
HEADING_PART_NOUN = re.compile(rf"{PART_NOUN.pattern}|\b(?P<meal>diner|lunch)\b", re.IGNORECASE)
# Where a sentence says the part took place during the meeting: "Tijdens de NAVO-Oekraïne Commissie",
# "separate bijeenkomsten van de NAVO - Rusland Raad", "een avondsessie op 14 mei", "kwam de ... bijeen".
PART_HELD = re.compile(r"(?:\b(?:tijdens|in|bij|na|tijdens\s+het)\s+(?:de|het|een)\s+$"
                       r"|\bbijeenkomst(?:en)?\s+(?:\w+\s+){0,2}van\s+(?:de|het)\s+$|\b(?:een|het|de)\s+(?:korte\s+|aparte\s+|afzonderlijke\s+|gezamenlijke\s+|informele\s+)?$)", re.IGNORECASE)
PART_HELD_AFTER = re.compile(r"^[^.]{0,60}?\b(?:bijeen|vergaderde|plaats(?:vond|gevonden)?|op\s+\d{1,2}\s+[a-z]+|met\s+deelname)\b",
                             re.IGNORECASE)
# A document's title ("Joint Statement of the NATO-Ukraine Commission") or a part still uncertain
# ("mogelijk bijeenkomsten van de Navo-Rusland raad ... nog worden bevestigd") is no part held.
NOT_HELD = re.compile(r"\b(?:statement|declaration|verklaring)\s+of\s+the\s+$|\bmogelijk\b|\bindien\b|\bniet\b|\bgeen\b",
                      re.IGNORECASE)


# A sentence that names a numbered session: a part it names is that session's content.
NUMBERED_SESSION = re.compile(rf"\b(?:{ORDINAL_WORD})(?:\s+en\s+laatste)?\s+{SESSION_NOUN}\b|\b{SESSION_NOUN}\s+(?:\d{{1,2}}|[IVX]{{1,4}})\b",
                              re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    """A part of the meeting without a number, the stretch of text about it, and the partner its
    name says takes part (the country of a NATO-country council or commission)."""

    section: SessionSection
    partner: tuple[str, int, int] | None  # (country code, start, end) of the country in its name


def find_parts(text: Text, numbered: list[SessionSection], elsewhere: list[tuple[int, int]] = ()) -> list[Part]:
    """The parts of the meeting the letter names without a number, by their headings ("NAVO - Rusland
    Raad (NRR)", "Avondsessie met deelname van Finland en Zweden") or by a sentence that says they
    took place ("Tijdens de NAVO-Oekraïne Commissie, in aanwezigheid van president Porosjenko, ...").

    A part named inside a numbered session's stretch is that session's content ("De derde werksessie
    was de eerste NATO-Ukraine Council"), not a part of its own."""
    repaired = text.repaired
    folded = fold(repaired)
    taken = merged([(s.body.start, s.body.end) for s in numbered] + [(s.heading.start, s.heading.end) for s in numbered if s.heading])
    found: dict[str, list[Part]] = {}

    def add(key: str, title: str, heading: Piece | None, body: Piece, partner) -> None:
        known = found.setdefault(key, [])
        if known:  # one part, another stretch of text about it: the first naming gives its title
            session = known[0].section.session
            if heading is not None and known[0].section.heading is None:
                # A heading over the part names it best.
                session = Session(None, title, text.span(heading.start, heading.end))
                found[key] = known = [Part(SessionSection(session, k.section.body, k.section.heading), k.partner)
                                      for k in known]
        else:
            session = Session(None, title, text.span((heading or body).start, (heading or body).end))
        known.append(Part(SessionSection(session, body, heading), partner))

    strong = lambda line: bool(PARTNER_BODY.match(line) or HEADING_PART_NOUN.match(line))  # noqa: E731
    for section in sections(repaired, strong):
        heading = section.heading
        if heading is None or within(elsewhere, heading.start) or within(taken, heading.start):
            continue
        content = fold(heading.text)
        match = PARTNER_BODY.match(content) or HEADING_PART_NOUN.match(content)
        if match is None or _session_heading(content):
            continue
        key, partner = _part_key(repaired, match, heading.start)
        add(key, _part_title(heading.text), heading, section.body, partner)
    for sentence in sentences(repaired):
        if within(elsewhere, sentence.start) or within(taken, sentence.start) \
                or NUMBERED_SESSION.search(folded, sentence.start, sentence.end):
            continue  # "De eerste werksessie vond plaats in de NAVO-Oekraïne Raad": that session
        for match in [*PARTNER_BODY.finditer(folded, sentence.start, sentence.end),
                      *PART_NOUN.finditer(folded, sentence.start, sentence.end)]:
            before = folded[max(sentence.start, match.start() - 50):match.start()]
            after = folded[match.end():sentence.end]
            if NOT_HELD.search(before) or NOT_HELD.search(folded, sentence.start, sentence.end) \
                    or not (PART_HELD.search(before) or PART_HELD_AFTER.match(after)):
                continue
            key, partner = _part_key(repaired, match, 0)
            title = repaired[match.start():match.end()]
            stretch = sentence
            following = sentences(repaired, sentence.end, min(len(repaired), sentence.end + 600))[:1]
            if following and POINTS_BACK.search(following[0].text) and "\n\n" not in repaired[sentence.end:following[0].start]:
                stretch = Piece(sentence.start, following[0].end, repaired[sentence.start:following[0].end])
            add(key, title[:1].upper() + title[1:], None, stretch, partner)
    return [part for stretches in found.values() for part in stretches]


def named_partners(text: Text, numbered: list[SessionSection], parts: list[Part]) -> list[tuple[int | str, tuple[str, int, int]]]:
    """(session key, its partner) for each session or part whose name is a NATO-country council or
    commission: a part's, or a numbered session's heading ("Sessie 2: NAVO-Georgië Commissie") or
    the sentence that tells it ("De derde sessie ... is een NATO Ukraine Council")."""
    repaired = text.repaired
    found = [(part.section.session.key, part.partner) for part in parts if part.partner is not None]
    for section in numbered:
        where = section.heading or next(iter(sentences(repaired, section.body.start, section.body.end)), None)
        if where is None:
            continue
        match = PARTNER_BODY.search(fold(repaired), where.start, where.end)
        if match is not None:
            _, partner = _part_key(repaired, match, 0)
            if partner is not None:
                found.append((section.session.key, partner))
    return found


def _part_key(text: str, match: re.Match, offset: int) -> tuple[str, tuple[str, int, int] | None]:
    """One part however the letter writes it: the partner's code and the body ("UA-commissie"),
    or the noun ("avondsessie")."""
    if "partner" not in match.groupdict():
        return fold(match["noun"] or match.groupdict().get("meal") or match[0]).lower(), None
    start, end = offset + match.start("partner"), offset + match.end("partner")
    named = next(iter(countries(text, start, end + 1)), None)
    if named is None:
        return fold(match[0]).lower(), None
    body = {"council": "raad", "commission": "commissie"}.get(match["body"].lower(), match["body"].lower())
    return f"{named.code}-{body}", (named.code, named.start, named.end)


def _part_title(heading: str) -> str:
    """The heading, without a closing abbreviation: "NAVO - Rusland Raad (NRR)" -> "NAVO - Rusland Raad"."""
    return re.sub(r"\s*\([A-Z]{2,6}\)\s*$", "", heading.strip())
