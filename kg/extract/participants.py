"""Who took part, in which session, in which role.

A clause takes part-taking when it says so ("namen deel", "in aanwezigheid van", "is voor de
sessie uitgenodigd", "samen met de leiders van"). Its scope is the sessions it names ("aan de
eerste en de tweede sessie", "sessies I en II", "de laatste twee sessies", "de sessie over de
Indo-Pacific" when one session's heading names that subject), the whole meeting ("aan alle
sessies", "het gehele programma"), or else the session whose section it stands in. Allies on the
day of the meeting and the host are members, not invitees or partners, and are never listed.

A clause about taking part also names countries that did not: the subject of the talks or their
reason ("de sessie over China en Rusland", "vanwege de dreiging uit Rusland"), the doer of
something else ("de agressie door Rusland"), the owner of a thing ("de oorlog van Rusland", "de
Russische agressie") and a country described in passing ("Moldavië, dat wordt bedreigd door
Rusland, ..."). Those are left out, and so is the rest of a list they head ("door Rusland en
Belarus").
"""
from __future__ import annotations

import bisect
import re
from datetime import date
from functools import lru_cache

from kg.extract.places import Mention, countries, data_rows, organisations
from kg.extract.prose import (CARDINALS, ORDINAL_WORD, SESSION_NOUN, SESSION_NOUNS, Piece, clauses, number,
                              merged, sentences, within)
from kg.extract.sessions import POINTS_BACK, SessionSection
from kg.facts import Meeting, Participation
from kg.text import Text, fold

CUE = re.compile(
    r"\bdeel\s*(?:nam|namen|neemt|nemen|genomen)\b"
    r"|\b(?:nam|namen|neemt|nemen|genomen|zal|zullen)\b[^.;]{0,160}?\bdeel(?:nemen)?\b(?!\s+uit)"
    r"|\bdeelnam(?:en)?\b|\bdeelneemt\b|\bdeelnemen\b|\bdeelname\b|\bdeelnemers\b[^.:;\n]{0,40}:"
    r"|\baanwezigheid\b|\baanwezig(?:en)?\b|\buitgenodigd\b|\bgenodigden?\b|\binvitees?\b"
    # "kwamen de bondgenoten bijeen met de landen die ..."
    r"|\bbijeen\b[^.;]{0,60}?\bmet\s+(?:de|het)\b"
    r"|\bsamen\s+met\s+(?:de\s+)?(?:leiders|ministers|regeringsleiders|vertegenwoordigers|president|premier|minister)"
    # "brengt de bondgenoten samen met dertien partners ...: Australië, Finland, ..."
    r"|\bsamen\s+met\s+(?:de\s+)?(?:\w+\s+)?(?:partners|partnerlanden)\b[^.;]{0,160}:"
    r"|\bmet\s+(?:de\s+)?(?:ministers|leiders|regeringsleiders|vertegenwoordigers|presidenten|premiers"
    r"|staatshoofden|delegaties)\s+van\b"
    r"|\b(?:werk)?sessie\s+met\b|\bdiner\s+met\b|\blunch\s+met\b|\bplaats\s+met\b"
    # "... een vergadering van de NAVO-Georgië Commissie, met de Georgische minister van ..."
    # (the comma is looked for behind "met": an alternative that does not open on a word boundary
    # made the whole pattern four times slower)
    r"|\bmet(?<=,\smet)\s+(?:de|het)\s+(?:[\w-]+\s+){0,2}?(?:ministers?|president|premier|ambtgenoot|collega|delegatie)\b"
    r"|\b(?:schoof|schoven|schuift|schuiven)\b[^.;]{0,160}?\baan\b|\baan\s*(?:ge)?schoven\b|\baanschuiven\b"
    r"|\bvertegenwoordigd\b|\b(?:te|als)\s+gast\b"
    # "spraken de bondgenoten met de Afghaanse minister": who a session talked with sat in it
    r"|\b(?:spraken|sprak|spreken|spreekt)\b[^.;]{0,80}?\bmet\s+(?!elkaar\b)"
    r"|\bbijgewoond\b|\bbijwon\w*|\bwoonde(?:n)?\b[^.;]{0,160}?\bbij\b"
    # "sloten aan bij de sessie" joins it; "sloot zich aan bij de verklaring" agrees with it.
    # ("het kabinet sluit aan bij de lijn van de EU" agrees too)
    r"|\b(?:sloot|sloten|sluit|sluiten)\b(?:(?!\bzich\b)[^.;]){0,160}?\baan\s+bij\s+(?:de|het|deze)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:werk)?(?:sessie|bijeenkomst|vergadering|overleg|top|diner|lunch|raad)\b"
    r"|\baansl(?:oot|oten|uiten)\b"
    r"|\bparticipat\w*|\battend\w*|\bjoined\b",
    re.IGNORECASE,
)
# Lines that each open on a bullet, and the indented lines that continue them.
BULLET_LIST = re.compile(r"(?:[ \t]*\n[ \t]*[-–•*][ \t]+[^\n]*(?:\n[ \t]+(?![-–•*\s])[^\n]*)*)+")
INVITEE = re.compile(r"\bgenodigden?\b|\binvitees?\b|\btoetredingskandida\w*|\baspirant", re.IGNORECASE)
AS_ALLY = re.compile(r"\bals\s+(?:volwaardige\s+)?(?:bondgeno(?:ot|ten)|lid|ally)\b", re.IGNORECASE)
# "In de marge van de Top sprak ik met ...": a meeting beside the sessions, not in them.
# "Montenegro heeft verzocht om deelname aan het MAP": asking to take part is not taking part.
# "Moldavië was uitgenodigd, maar liet zich verontschuldigen": sending apologies is staying away.
NOT_YET = re.compile(r"\b(?:verzo(?:cht|ek)|aanvra\w*|aangevraagd|wens\w*|streeft|streven)\b[^.;]{0,40}?\bdeelname\b"
                     # "steun uitgesproken voor een mogelijke deelname van Libië": a possible one, to come
                     r"|\b(?:mogelijke|eventuele|toekomstige)\s+deelname\b"
                     r"|\bverontschuldig\w*"
                     # "dat zij in 2008 kunnen worden uitgenodigd": an invitation to come, not one accepted
                     r"|\b(?:kunnen|kan|zullen|zal|zou|zouden)\s+(?:\w+\s+)?worden\s+uitgenodigd\b", re.IGNORECASE)
# "Het werkdiner, waaraan ook de Hoge Vertegenwoordiger deelnam": a part of the programme that is
# no session; outside a session's section, who came to it did not come to the whole meeting.
SIDE_EVENT = re.compile(r"\b(?:werk)?(?:diner|lunch|ontbijt)\b|\breceptie\b"
                        # "Daarnaast heeft de NAR vergaderd in aanwezigheid van de Afghaanse minister": a
                        # further gathering beside the meeting proper, with guests of its own.
                        r"|^\s*(?:daarnaast|verder|tevens)\b[^.]{0,60}"
                        r"\b(?:vergaderd|vergaderde|bijeen|bijeenkomsten?|overleg)\b"
                        # "Ten slotte spreken de Ministers met de EU en de NAVO-partners in de Indo-Pacific":
                        # the next part of the programme, with its own guests.
                        r"|^\s*(?:vervolgens|tenslotte|ten\s+slotte|tot\s+slot|daarna|aansluitend)\b"
                        # "De opening van de UDCG werd bijgewoond door de president van Oekraïne": another
                        # gathering the same days, not NATO's.
                        r"|\budcg\b|\bukraine\s+defen[cs]e\s+contact\s+group\b"
                        # "Tenslotte vindt er een overleg plaats met de Ministers ... van Oekraïne en Georgië":
                        # one gathering of the programme, with guests of its own.
                        r"|\been\s+(?:apart\w*\s+|afzonderlijk\w*\s+)?(?:overleg|ontmoeting)\b[^.]{0,20}\bmet\b",
                        re.IGNORECASE)
ASIDE = re.compile(r"\bin\s+de\s+marge\b|\bon\s+the\s+margins?\b"
                   r"|\bbilaterale?\s+(?:ontmoeting|gesprek|overleg|contact)\w*", re.IGNORECASE)
NEGATED_TAIL = re.compile(r",?\s*\b(?:en|maar)\s+(?:zij\s+)?niet\b.*$", re.IGNORECASE | re.DOTALL)
NEGATION = re.compile(r"\bniet\b|\bgeen\b", re.IGNORECASE)
WHOLE_MEETING = re.compile(
    r"\balle\s+(?:werk)?(?:sessies|zittingen)\b|\b(?:het\s+)?(?:gehele|hele|volledige)\s+(?:programma|bijeenkomst|top)\b"
    r"|\ball\s+sessions\b",
    re.IGNORECASE)
_ORDINAL_LIST = rf"(?:{ORDINAL_WORD})(?:\s*(?:,|en)\s*(?:de\s+)?(?:{ORDINAL_WORD}))*"
SESSION_REFERENCE = re.compile(
    rf"\b(?P<ordinals>{_ORDINAL_LIST})\s+{SESSION_NOUNS}\b"
    rf"|\b{SESSION_NOUNS}\s+(?P<numbers>(?:\d{{1,2}}|[IVX]{{1,5}})(?:\s*(?:,|en|&)\s*(?:\d{{1,2}}|[IVX]{{1,5}}))*)\b",
    re.IGNORECASE)
# "de eerste twee sessies", "the last three sessions": the first or last n of the meeting.
EDGE_SESSIONS = re.compile(
    rf"\b(?P<edge>eerste|laatste|first|last)\s+(?P<count>\d|{'|'.join(CARDINALS)}|two|three|four|five)"
    r"\s+(?:werk)?(?:sessies|sessions)\b", re.IGNORECASE)
# "de sessie over de Indo-Pacific": a session named by its subject, as its heading names it.
SESSION_ABOUT = re.compile(
    rf"\b{SESSION_NOUN}\s+(?:over|inzake|betreffende|gewijd\s+aan|on|about)\s+(?P<subject>[^.,;:()]+)",
    re.IGNORECASE)
_ENGLISH_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
EXCLUDED = re.compile(r"\b(?:behalve|met\s+uitzondering\s+van|zonder|anders\s+dan|in\s+tegenstelling\s+tot)\s+$"
                      r"|^\s*uitgezonderd\b", re.IGNORECASE)
# "spraken over China", "staat China centraal": a country talked about, not taking part.
TOPIC_BEFORE = re.compile(r"\b(?:over|tegen|jegens|richting|vanuit|aan|voor)\s+(?:de\s+|het\s+)?$", re.IGNORECASE)
TOPIC_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:centraal|ter\s+sprake|aan\s+bod|aan\s+de\s+orde)\b", re.IGNORECASE)
LOCATION = re.compile(r"\b(?:in|naar|te|uit|op)\s+$", re.IGNORECASE)
# "met hun collega's uit Albanië": people from a country are that country.
PEOPLE_FROM = re.compile(r"\b(?:collega'?s|ambtgeno(?:ot|ten)|ministers?|leiders|regeringsleiders|vertegenwoordigers"
                         r"|delegaties?|counterparts)\s+uit\s+(?:de\s+|het\s+)?$", re.IGNORECASE)
# "de sessie over China en Rusland", "inzake de steun van Iran aan Rusland", "vanwege de dreiging
# uit Rusland": what follows is the subject of the talks or the reason for them, up to where the
# clause names who took part again.
TOPIC_PHRASE = re.compile(
    r"\b(?:over|inzake|betreffende|aangaande|omtrent|ten\s+aanzien\s+van|met\s+betrekking\s+tot|about"
    r"|vanwege|wegens|ondanks|in\s+verband\s+met|naar\s+aanleiding\s+van|als\s+gevolg\s+van)\s",
    re.IGNORECASE)
TOPIC_PHRASE_END = re.compile(
    r",\s*(?:samen\s+met|net\s+als|evenals|alsmede|alsook|waar\w*|in\s+(?:aanwezigheid|het\s+bijzijn))\b"
    # the finite verb after a fronted phrase: "Bij de sessie over Oekraïne was de minister ..."
    r"|\b(?:was|waren|is|zijn|werd|werden|wordt|worden|nam|namen|neemt|nemen|heeft|hebben|had|hadden"
    r"|zal|zullen|zou|zouden|sprak|spraken|stond|stonden|kwam|kwamen|schoof|schoven|sloot|sloten)\b",
    re.IGNORECASE)
TOPIC_REACH = 300  # characters: a topic phrase is a few lines of a letter at most
# "de agressie door Rusland", "bedreigd door Belarus": the doer of something else. Only
# attending, hosting or leading the session is done "door" a party that took part
# ("bijgewoond door Japan", "voorgezeten door Oekraïne").
AGENT_BEFORE = re.compile(r"\b(?P<verb>[\w-]+)\s+door\s+(?:de\s+|het\s+)?$", re.IGNORECASE)
ATTENDING = re.compile(r"bijgewoond|vertegenwoordigd|bezocht|gevolgd|georganiseerd|gehost|voorgezeten"
                       r"|geleid|ingeleid|geopend", re.IGNORECASE)
# "Moldavië, dat wordt bedreigd door Rusland, was aanwezig", "landen die onder druk staan van
# Rusland", "de regio, waar Rusland een rol speelt": a relative clause that says something other
# than taking part.
# Not a list of who they were: "..., waaronder Finland en Zweden", "..., onder wie die van Australië".
RELATIVE_CLAUSE = re.compile(r",\s*(?:[\w-]+\s+){0,2}?(?:(?:die|dat)\b(?!\s+van\b)|wat|welke|waar(?!onder)\w*)\b[^,;]*",
                             re.IGNORECASE)
# Who comes to a meeting, or their coming, at the end of a word: "minister", "defensieministers",
# "vice-premier", "delegaties", "deelname" (not "presidentsverkiezingen" or "hoofdstad").
PEOPLE = (r"[\w-]*?(?:minister(?:s|-president(?:en)?)?|premiers?|president(?:en)?"
          r"|kanselier|regeringsleiders?|staatshoofd(?:en)?|hoofd(?:en)?|leiders?|delegaties?"
          r"|afvaardiging(?:en)?|vertegenwoordig(?:ers?|ing(?:en)?)|collega(?:'s|’s)?|ambtgeno(?:ot|ten)"
          r"|gezant(?:en)?|ambassadeurs?|adviseurs?|bewinds(?:perso(?:on|nen)|man|vrouw|lieden)|regering(?:en)?"
          r"|secretaris(?:sen)?|gast(?:en)?|counterparts?|delegations?|prime|foreign|defen[cs]e"
          r"|zaken|aanwezigheid|bijzijn|deelname|uitnodiging|kant|zijde)")
# "de Oekraïense minister", "de Japanse en Koreaanse delegaties": an adjective names a party
# when it qualifies who came, not "de Russische agressie".
# "de Russische militaire aanwezigheid in Georgië" is a presence somewhere else: an adjective
# names a party's presence at the meeting only right before the word ("de Oekraïense aanwezigheid").
QUALIFIES_PEOPLE = re.compile(rf"^(?:\s*aanwezigheid\b|(?!(?:\s*(?:,|en|and)?\s*[\w'’-]+){{1,3}}?\s*aanwezigheid\b)"
                              rf"(?:\s*(?:,|en|and)?\s*[\w'’-]+){{0,3}}?\s*{PEOPLE}\b)", re.IGNORECASE)
# "de ministers van Japan", "in aanwezigheid van Oekraïne", "president Zelensky van Oekraïne": a
# country after "van" took part when what it belongs to is its people, their presence or a
# person's name, not "de oorlog van Rusland".
OF_BEFORE = re.compile(r"\b(?P<head>[\w'’-]+)\s+van\s+(?:de\s+|het\s+)?$", re.IGNORECASE)
PRESENCE = re.compile(PEOPLE, re.IGNORECASE)
# "Beide landen", "deze drie landen": countries the sentence before named.
COUNTRIES_BACK = re.compile(r"\b(?:(?P<both>beide)|deze(?:\s+(?:twee|drie|vier))?|die(?:\s+(?:twee|drie|vier))?)"
                            r"\s+(?:landen|partnerlanden|partners|kandidaat-lidstaten)\b", re.IGNORECASE)
# "Australië, Finland, Georgië, Jordanië en Zweden. Zij nemen aan deze sessie deel.": "Zij"
# opening the sentence after a list of three or more countries is those countries.
THEY = re.compile(r"\s*(?:Zij|Ze)\b")
# What joins a list of parties: "Rusland en Belarus", "China, Iran of Noord-Korea".
# "de ministers van Moldavië en van Bosnië en Herzegovina": the second "van" repeats the first.
LISTED = re.compile(r"^\s*(?:,|en|of|and|or)\s*(?:van\s+)?(?:de\s+|het\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def accession_dates() -> dict[str, date]:
    return {row["code"]: date.fromisoformat(row["accession"]) for row in data_rows("nato-members.csv")}


@lru_cache(maxsize=1)
def invitation_dates() -> dict[str, date]:
    return {row["code"]: date.fromisoformat(row["invited"]) for row in data_rows("nato-members.csv") if row["invited"]}


def is_ally(code: str, on: date | None, role: str = "partner") -> bool:
    """A member on that day (the meeting's first); on an unknown day (a meeting whose year no
    text gives), any member. A country that joins the day the meeting opens is still the invitee
    its letter calls it, written before ("Finland en Zweden in hun hoedanigheid van genodigden",
    the foreign ministers of 4 April 2023)."""
    joined = accession_dates().get(code)
    if joined is None:
        return False
    if on is None:
        return True
    return joined < on or (joined == on and role != "invitee")


def status_role(code: str, role: str, on: date | None) -> str:
    """Between its invitation and its accession a country takes part as an invitee, whatever word
    the sentence uses ("met deelname van de Zweedse Minister van Defensie", October 2023)."""
    invited = invitation_dates().get(code)
    return "invitee" if on is not None and invited is not None and invited <= on else role


def session_references(clause: str, last: int | None) -> list[int]:
    found: list[int] = []
    for match in EDGE_SESSIONS.finditer(clause):
        count = match["count"].lower()
        count_value = int(count) if count.isdigit() else CARDINALS.get(count) or _ENGLISH_COUNTS[count]
        if match["edge"].lower() in {"eerste", "first"}:
            found.extend(range(1, count_value + 1))
        elif last is not None and count_value <= last:
            found.extend(range(last - count_value + 1, last + 1))
    for match in SESSION_REFERENCE.finditer(clause):
        listing = match["ordinals"] or match["numbers"]
        for token in re.split(r"\s*(?:,|&|\ben\b)\s*(?:de\s+)?", listing):
            value = last if token.lower() in {"laatste", "last"} else number(token)
            if value:
                found.append(value)
    return found


def _parties(text: str, clause: Piece, headings: tuple[tuple[int, int], ...] = ()) -> list[Mention]:
    found = countries(text, clause.start, clause.end) + organisations(text, clause.start, clause.end)
    # A country in a session's heading is its title ("2) Noord-Atlantische Raad: Oekraïne").
    found = [m for m in found if not any(start <= m.start < end for start, end in headings)]
    # An English name stands in a quoted title ("NATO Mission Iraq", "Joint Statement of the
    # NATO-Georgia Commission"): it names the country, it does not say who attends.
    found = [m for m in found if m.kind != "english"]
    topics = _topic_spans(text, clause)
    kept: list[Mention] = []
    passed_over: Mention | None = None  # the last party set aside as a doer, topic or exclusion
    for mention in sorted(found, key=lambda m: m.start):
        before = text[max(clause.start, mention.start - 40):mention.start]
        after = text[mention.end:min(clause.end, mention.end + 40)]
        # The next in a list shares the fate of the first: "door Rusland en Belarus".
        listed_after = passed_over is not None and LISTED.match(text[passed_over.end:mention.start])
        between = text[kept[-1].end:mention.start] if kept and 0 < mention.start - kept[-1].end < 16 else ""
        listed_with_kept = between and LISTED.match(between) and re.search(r"\bvan\s+(?:de\s+|het\s+)?$", between)
        if listed_after or (not listed_with_kept and _not_taking_part(mention, before, after, topics)):
            passed_over = mention
            continue
        if mention.kind == "name" and LOCATION.search(before) and not PEOPLE_FROM.search(before) \
                or mention.kind == "adjective" and not QUALIFIES_PEOPLE.match(after):
            continue
        if text[mention.end:mention.end + 1] == "-" and text[mention.end + 1:mention.end + 2].isalpha():
            continue  # the first part of a word: "een EU-VS-top", "de EU-lidstaten"
        if any(k.code == mention.code for k in kept):
            continue
        kept.append(mention)
    return kept


def _not_taking_part(mention: Mention, before: str, after: str, topics: list[tuple[int, int]]) -> bool:
    """Whether the words around a party say it is talked about, does something else, or is left out."""
    if EXCLUDED.search(before) or EXCLUDED.search(after) or TOPIC_BEFORE.search(before) \
            or TOPIC_AFTER.search(after) or within(topics, mention.start):
        return True
    agent = AGENT_BEFORE.search(before)
    if agent and not ATTENDING.search(agent["verb"]):
        return True
    of = OF_BEFORE.search(before)
    # "onder wie die van Australië": "die" stands for the people just named.
    # "namen de leiders deel van Australië, Japan ...": "deel" is the verb's, not a part of a country.
    taking_part = of and of["head"].lower() == "deel" and re.search(r"\b(?:nam|namen|neemt|nemen)\b", before, re.I)
    return bool(of) and mention.kind != "organisation" and not of["head"][:1].isupper() and not taking_part \
        and not PRESENCE.fullmatch(of["head"]) and of["head"].lower() not in {"die", "degenen"}


def _topic_spans(text: str, clause: Piece) -> list[tuple[int, int]]:
    """Stretches of the clause that say what was talked about, or describe a party in passing,
    sorted and not overlapping."""
    spans = []
    for match in TOPIC_PHRASE.finditer(text, clause.start, clause.end):
        # A phrase runs a few lines at most: a run-on clause of OCR text must not make every
        # "over" read to its end (a clause of 60,000 characters took seconds).
        reach = min(clause.end, match.end() + TOPIC_REACH)
        end = TOPIC_PHRASE_END.search(text, match.end(), reach)
        stop = end.start() if end else reach
        cue = CUE.search(fold(text[match.end():stop]))
        spans.append((match.end(), match.end() + cue.start() if cue else stop))
    for match in RELATIVE_CLAUSE.finditer(text, clause.start, clause.end):
        if not CUE.search(fold(match.group(0))):
            spans.append((match.start(), match.end()))
    return merged(spans)


def find_participations(text: Text, meeting: Meeting | None, sessions: list[SessionSection],
                        elsewhere: list[tuple[int, int]] = (), parts: list[SessionSection] = ()) -> tuple[Participation, ...]:
    """Who took part in `meeting`; sentences in the parts `elsewhere` (about another meeting) are
    passed over. Who is named in the stretch of a part without a number (`parts`: "Tijdens de
    NAVO-Oekraïne Commissie, in aanwezigheid van ...") takes part in that part alone."""
    if meeting is None:
        return ()
    repaired = text.repaired
    last = max((s.session.number for s in sessions if s.session.number is not None), default=None)
    session_headings = tuple((s.heading.start, s.heading.end) for s in sessions if s.heading)
    sessions = [*sessions, *parts]
    whole: dict[str, Participation] = {}
    per_session: dict[tuple[int, str], Participation] = {}
    pending = []
    names = [m for m in countries(repaired) if m.kind == "name"]  # once: each call folds the letter
    starts = [m.start for m in names]
    previous: list[Mention] = []  # the countries the sentence before names
    for sentence in sentences(repaired):
        named_before = previous
        previous = names[bisect.bisect_left(starts, sentence.start):bisect.bisect_left(starts, sentence.end)]
        if within(elsewhere, sentence.start):
            continue
        for clause in clauses(sentence, repaired):
            folded = fold(clause.text)
            positive = NEGATED_TAIL.sub("", folded)
            cue = CUE.search(positive)
            # A negation counts in the cue's own part of the clause: "Nu Poetin had laten weten
            # niet te komen, kwam de Raad bijeen in aanwezigheid van de Russische minister".
            negated = cue and NEGATION.search(positive, positive.rfind(",", 0, cue.start()) + 1, cue.end())
            if not cue or negated or AS_ALLY.search(positive) or ASIDE.search(positive) or NOT_YET.search(positive):
                continue
            # The clause's text runs its white space together; its span is the letter's own, so the
            # negated tail is cut there (an indented list made the span short and lost its last names).
            kept = len(NEGATED_TAIL.sub("", fold(repaired[clause.start:clause.end])))
            clause = Piece(clause.start, clause.start + kept, repaired[clause.start:clause.start + kept])
            if clause.text.rstrip().endswith(":"):
                # "Deelnemers naast de bondgenoten:" over a list, one bullet a line.
                listed = BULLET_LIST.match(repaired, clause.end)
                if listed:
                    clause = Piece(clause.start, listed.end(), repaired[clause.start:listed.end()])
            role = "invitee" if INVITEE.search(positive) else "partner"
            parties = [m for m in _parties(repaired, clause, session_headings)
                       if m.code != meeting.country and not is_ally(m.code, meeting.start, role)]
            # "In de eerste werksessie werd stilgestaan bij de Zuidflank; hierbij was tevens Koning
            # Abdullah II van Jordanië aanwezig": "hierbij" points back at the session just named.
            pointed = session_references(fold(sentence.text), last) if POINTS_BACK.search(positive) else []
            if not parties:
                parties = _named_back(positive, named_before, meeting)
            if not parties:
                continue
            if WHOLE_MEETING.search(positive):
                targets = [None]
            else:
                referenced = session_references(positive, last) or _named_by_subject(positive, sessions) or pointed
                if not referenced and len({tuple(_enclosing(sessions, m.start)) for m in parties}) > 1:
                    # A clause that runs over a list of sessions with no full stop ("2) ... – met
                    # deelname van Oekraïne 3) ... – partners: Japan"): each party is in the
                    # session it stands under, in the role said there; one in a heading is its title.
                    for mention in parties:
                        under = _under(sessions, mention.start)
                        local = fold(repaired[max(clause.start, under.start):min(clause.end, under.end)]) \
                            if under else positive
                        pending.append((clause, "invitee" if INVITEE.search(local) else "partner", [mention],
                                        _enclosing(sessions, mention.start)))
                    continue
                targets = referenced or _enclosing(sessions, clause.start)
                if targets == [None] and SIDE_EVENT.search(positive):
                    continue
            pending.append((clause, role, parties, targets))
    # Meeting-wide participants first: a later "werksessie met de bondgenoten (en Zweden)" does
    # not make an invitee a partner of one session.
    for clause, role, parties, targets in pending:
        if None in targets:
            for mention in parties:
                # "Montenegro was aanwezig. Als genodigde nam Montenegro aan alles deel": present,
                # and in the role a later sentence names.
                as_role = status_role(mention.code, role, meeting.start)
                if mention.code not in whole or (as_role == "invitee" and whole[mention.code].role != as_role):
                    whole[mention.code] = Participation(mention.code, as_role, None, text.span(clause.start, clause.end))
    for clause, role, parties, targets in pending:
        for target in targets:
            for mention in parties:
                if target is not None and mention.code not in whole:
                    per_session.setdefault((target, mention.code), Participation(
                        mention.code, status_role(mention.code, role, meeting.start), target,
                        text.span(clause.start, clause.end)))
    return tuple(whole.values()) + tuple(per_session.values())


def _named_back(clause: str, named_before: list[Mention], meeting: Meeting) -> list[Mention]:
    """"Finland en Zweden vroegen het lidmaatschap aan. Beide landen nemen als invitee deel":
    the countries the sentence before names, where this one points back at them as countries."""
    pointer = COUNTRIES_BACK.search(clause)
    they = pointer is None and THEY.match(clause)
    if not pointer and not they:
        return []
    codes = list(dict.fromkeys(m.code for m in named_before
                               if m.code != meeting.country and not is_ally(m.code, meeting.start)))
    if pointer and pointer["both"] and len(codes) != 2:
        return []
    if they and len(codes) < 3:
        return []  # "Zij" after two countries is as often the ministers who spoke of them
    first = {m.code: m for m in reversed(named_before)}
    return [first[code] for code in codes]


def _named_by_subject(clause: str, sessions: list[SessionSection]) -> list[int]:
    """The one session whose title shares the most words with "de sessie over ..."; else none."""
    found = SESSION_ABOUT.search(clause)
    if not found:
        return []
    subject = _content_words(found["subject"])
    overlap = {s.session.number: len(subject & _content_words(s.session.title)) for s in sessions
               if s.session.number is not None}
    best = max(overlap.values(), default=0)
    chosen = [session_number for session_number, shared in overlap.items() if shared == best]
    return chosen if best and len(chosen) == 1 else []


def _content_words(text: str) -> set[str]:
    # Words of four letters or more carry the subject; "de", "van", "het" do not.
    return {word for word in re.findall(r"\w{4,}", fold(text).lower()) if word not in _FUNCTION_WORDS}


_FUNCTION_WORDS = {"over", "voor", "naar", "door", "tegen", "tussen", "tijdens", "with", "from"}


def _under(sessions: list[SessionSection], position: int) -> Piece | None:
    return next((s.body for s in sessions if s.body.start <= position < s.body.end), None)


def _enclosing(sessions: list[SessionSection], position: int) -> list[int | str | None]:
    """The sessions (their keys) whose section holds the position ("Sessie 1 en 2: …" holds two;
    a part without a number, its sentence or the section under its heading); else the meeting."""
    keys = list(dict.fromkeys(s.session.key for s in sessions if s.body.start <= position < s.body.end))
    return keys or [None]


def partners_by_name(text: Text, meeting: Meeting | None, named: list[tuple[int | str, tuple[str, int, int]]],
                     found: tuple[Participation, ...]) -> tuple[Participation, ...]:
    """The partner a session's or part's name gives: Ukraine takes part in the NAVO-Oekraïne
    Commissie, Russia in the NAVO-Rusland Raad, Georgia in "Sessie 2: NAVO-Georgië Commissie"
    (unless it is an ally, or already takes part in the whole meeting). `named`: (session key,
    (country code, start, end) of the country in its name)."""
    if meeting is None:
        return ()
    whole = {p.party for p in found if p.session is None}
    taken = {(p.session, p.party) for p in found}
    added = []
    for key, (code, start, end) in named:
        if code in whole or (key, code) in taken or code == meeting.country or is_ally(code, meeting.start):
            continue
        taken.add((key, code))
        added.append(Participation(code, status_role(code, "partner", meeting.start), key, text.span(start, end)))
    return tuple(added)
