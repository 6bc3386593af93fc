"""Step 2, text -> facts: every extractor is a pure function of the repaired text."""
from __future__ import annotations

from kg.extract import letter as letters
from kg.extract.funds import find_funds
from kg.extract.meeting import Found, find_meeting, other_meeting_parts, place_issues
from kg.extract.mentions import find_mentions
from kg.extract.parliament import (
    document_issues, documents, header_number, motions, own_number, own_number_position, parliamentary_year,
)
from kg.extract.participants import find_participations, partners_by_name
from kg.extract.places import countries
from kg.extract.prose import within
from kg.extract.sessions import (
    count_issues, date_issues, find_parts, find_sessions, named_partners, numeral_issues, sessions_named_in_passing,
)
from kg.facts import CountryMention, Letter, LetterFacts
from kg.text import Text


def extract(text: Text) -> LetterFacts:
    repaired = text.repaired
    kind = letters.letter_type(repaired)
    day, day_position = letters.letter_date(repaired)
    from_metadata = day is None and day_position is None
    if from_metadata:
        day, day_position = letters.metadata_date(repaired)
    signed = letters.signatures(repaired)
    author_role, signatory, signature_position = signed.author_role, signed.signatory, signed.position
    own = own_number(repaired) or header_number(text.header)  # a PDF's running header, if any
    answers = letters.answers_questions(repaired)
    if answers:
        kind = "other"
    found = Found(None, ()) if answers else find_meeting(text, day, kind, author_role, day_position)
    meeting = found.meeting
    kind = letters.kind_from_timing(kind, meeting, day, repaired)
    letter = Letter(text.source, kind, day, author_role, signatory, own,
                    letters.span_of(text, day_position or signature_position),
                    letters.span_of(text, own_number_position(repaired)) if own else None,
                    parliamentary_year(repaired[:500], text.header), signed.signatories)
    # A report of the meeting before, under its own title, in a letter announcing the next: its
    # sessions and who sat in them are that meeting's.
    elsewhere = other_meeting_parts(text, meeting)
    session_sections = [s for s in find_sessions(text) if not within(elsewhere, (s.heading or s.body).start)] \
        if meeting else []
    parts = find_parts(text, session_sections, elsewhere) if meeting else []
    participations = find_participations(text, meeting, session_sections, elsewhere, [p.section for p in parts])
    participations += partners_by_name(text, meeting, named_partners(text, session_sections, parts), participations)
    sessions = tuple(dict.fromkeys(s.session for s in session_sections))  # a session may have two stretches
    sessions += sessions_named_in_passing(sessions, participations)
    numbered = sessions
    sessions += tuple(dict.fromkeys(p.section.session for p in parts))
    funds, contributions, fund_issues = find_funds(text)
    warnings = []
    if meeting is None:
        warnings.append(f"{text.source}: the letter is about no NATO meeting that natokg can identify")
    return LetterFacts(
        letter=letter,
        meeting=meeting,
        sessions=sessions,
        participations=participations,
        funds=funds,
        contributions=contributions,
        motions=motions(text, day),
        documents=documents(text, own),
        countries=_countries(text),
        issues=_with_weekday_issues(
            letters.date_issues(text, day, day_position, from_metadata) + found.issues + place_issues(text, meeting) + count_issues(text, numbered)
            + date_issues(text, meeting, session_sections) + numeral_issues(text, session_sections)
            + fund_issues + document_issues(text) + letters.text_notes(text), letters.weekday_issues(text, meeting.start if meeting else day)),
        warnings=tuple(warnings),
        mentions=find_mentions(text, day, meeting),
    )


def _countries(text: Text) -> tuple[CountryMention, ...]:
    first: dict[str, CountryMention] = {}
    for mention in countries(text.repaired):
        first.setdefault(mention.code, CountryMention(mention.code, text.span(mention.start, mention.end)))
    return tuple(first.values())


def _with_weekday_issues(issues: tuple, weekday_issues: tuple) -> tuple:
    """A wrong weekday where another issue already stands ("session 3 is dated outside the
    meeting") is that issue's cause, not a second defect."""
    taken = [(i.span.start, i.span.end) for i in issues if i.span is not None]
    kept = []
    for issue in weekday_issues:  # "vrijdag 20 en zaterdag 21 november": one range, one issue
        if not any(start < issue.span.end and issue.span.start < end for start, end in taken):
            kept.append(issue)
            taken.append((issue.span.start, issue.span.end))
    return issues + tuple(kept)

