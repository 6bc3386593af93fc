"""Sixty-four letters written blind, four of them HTML pages (tests/fixtures/blind/): their
authors had the corpus and its gold format, never natokg's code, and were asked for other
phrasings, layouts, eras (1999-2025) and damage. They came in three rounds, thirty-two, then
sixteen (the files starting probe-, q-, r- and fmm-201x/fmm-2023), then sixteen more (s-, t-,
u- and v-: letters of 1999-2005 with guilders and page footers, trust-fund money, who sat in
which session, and formats: an HTML page, a text encoded twice, a table drawn in box
characters, a report and an agenda in one letter).

The third round's writers were told to leave Kosovo out of the country codes, as ISO 3166-1
gives it none; natokg codes it XK, as CLDR and NATO do (kg/reference.py), and their gold files
were given XK where the letter names Kosovo. One gold file of the second round gained an issue
its writer had missed: «Sessie l», a damaged session number.

Run against them, natokg missed a Prime Minister's report whole (the meeting was told as
"kwamen ... bijeen", the signature had two offices), took a letter's paragraphs "1. Inleiding"
... "5. Overig" for sessions, found no meeting where the cover named it and the next sentence
dated it, and more. Each letter is held to its gold file field by field; the
few facts natokg still reads differently are listed in GAPS, each with the reason, so that a
fix shows up as a failure to take the entry out.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import FIXTURES
from kg.extract import extract
from kg.text import fold, read_letter

BLIND = FIXTURES / "blind"
LETTERS = sorted(path for path in BLIND.iterdir() if path.suffix in {".txt", ".html"})

GAPS = {
    # Sessions 3 and 4 are named only as where they take place ("vindt plaats in de NAVO-Rusland
    # Raad"), which natokg does not take as a title; the Georgian and Ukrainian ministers named
    # in the NATO-Russia Council's section read as taking part in it; "De Verenigde Staten ...
    # financieren het grootste deel" is a gift in words natokg does not know as giving.
    ("d-2006-05-defence-agenda", "sessions"),
    ("d-2006-05-defence-agenda", "session participants"),
    ("d-2006-05-defence-agenda", "contributions"),
    # The invitees "namen deel aan alle sessies, met inbegrip van de bijeenkomsten van de
    # NAVO-Oekraïne Commissie en de NAVO-Georgië Commissie": Ukraine and Georgia come out as
    # invitees of the whole meeting, not partners of sessions 3 and 4.
    ("d-2008-12-brussels-fm-report", "session participants"),
    ("d-2008-12-brussels-fm-report", "meeting participants"),
    # "Anders dan in Lissabon, waar de NAVO-Rusland Raad bijeenkwam in aanwezigheid van president
    # Medvedev, vindt in Chicago geen bijeenkomst ... plaats": Lisbon's presence reads as Chicago's.
    ("d-2012-05-chicago-agenda", "session participants"),
    # "EUR 2S mln" in a table: S for 5 is read only where it stands alone ("EUR S miljoen").
    ("nato-2025-02-brussels-defence-table", "issues"),
    # A table of contributions: its rows name no fund and say no "bijdrage".
    ("dmm-2024-06-brussels-report", "contributions"),
    # "minister Klimkin" with no country; a damaged letter date ("18 apri1 2019") is read but
    # not flagged.
    ("g-2019-04-washington-fm-report", "session participants"),
    ("g-2019-04-washington-fm-report", "issues"),
    # "Met uitzondering van de werksessie over nucleaire afschrikking namen zij aan alle sessies
    # deel": the exception, and "zij" for Finland and Sweden in the sentence before; "minister
    # Reznikov" with no country; a joint pledge of three countries and the "International Fund
    # for Ukraine" named as "het International Fund".
    ("g-2022-10-defence-report", "session participants"),
    ("g-2022-10-defence-report", "meeting participants"),
    ("g-2022-10-defence-report", "funds"),
    ("g-2022-10-defence-report", "contributions"),
    # An aligned table of sessions whose cells wrap over several lines is not read as sessions;
    # the session numbered in it, and its participants, are lost, and Ukraine, only mentioned,
    # reads as a partner of the meeting; the Netherlands "onderzoekt" a gift to
    # the Cyber Defence Trust Fund, which reads as one.
    ("h-2014-09-wales-summit-agenda", "sessions"),
    ("h-2014-09-wales-summit-agenda", "session participants"),
    ("h-2014-09-wales-summit-agenda", "contributions"),
    # Sessions only as ordinal paragraphs: their titles run on ("over de samenwerking ...") and
    # "de slotsessie" is no number; the damaged motion date ("d.d. l december 2016") is read but
    # not flagged.
    ("h-2016-12-brussels-fm-report", "sessions"),
    ("h-2016-12-brussels-fm-report", "session participants"),
    ("h-2016-12-brussels-fm-report", "issues"),
    # North Macedonia, a genodigde in every session but the Nuclear Planning Group, reads as one
    # of the whole meeting; "een vredesproces, waaraan ook de Afghaanse regering deelneemt" reads
    # as Afghanistan taking part in session 3; "het Europees Defensiefonds", an EU fund no one
    # gives to, reads as a fund.
    ("h-2019-02-defence-agenda", "session participants"),
    ("h-2019-02-defence-agenda", "meeting participants"),
    ("h-2019-02-defence-agenda", "funds"),
    # Zelensky is invited to the dinner only, said in the sentence after the one about the
    # dinner; a motion "ter vervanging van nr. 21" cites nr. 21 without "Kamerstuk".
    ("g-2025-06-hague-summit-agenda", "meeting participants"),
    ("g-2025-06-hague-summit-agenda", "documents"),
    # Second round.
    # Session 2 names its invitees only as "De zeven landen die een dag eerder waren uitgenodigd"
    # and its partners as speakers ("het woord werd gevoerd door de Zweedse premier"): neither is
    # read as taking part.
    ("probe-2002-11-prague-summit", "session participants"),
    # "Naast de bondgenoten namen de ministers ... deel, onder wie die van Austra1ié, Nieuw-Zeeland,
    # Zweden ...": the list after the verb's particle stands in a clause of its own, with no cue.
    ("probe-2007-02-seville-informal", "session participants"),
    # "Montenegro ... zal in de toekomst als genodigde deelnemen" inside session 1: a future
    # role read as a present one.
    ("probe-2015-12-brussels-report", "session participants"),
    # Gifts in a bulleted list of funds: "Samen met Noorwegen draagt Nederland 12 miljoen euro bij
    # ... Beide landen nemen de helft" is read as the Netherlands' alone, and the gifts to the
    # UCAP and the Building Integrity fund under their bullets are missed.
    ("r1-2025-02-defence-report", "contributions"),
    # The "Betreft" line dates the meeting 30-31 October and the body 31 October and 1 November:
    # natokg takes the subject line, the first dated mention, so it has no city and does not see
    # the contradiction. (It flags the missing city, so the count of issues matches the gold
    # file's one contradiction: issues are compared by count.)
    ("r3-2016-11-defence-report-ocr", "meeting"),
    # "Het fonds kan daarnaast rekenen op Noorwegen, dat op de bijeenkomst in Oslo NOK 60 miljoen
    # toezegde": a gift in a relative clause about another meeting.
    ("fmm-2023-11-brussels-agenda", "contributions"),
    # Third round.
    # States of their time: "de Federale Republiek Joegoslavië" is YU and "Servië en Montenegro"
    # CS, codes ISO withdrew in 2003 and 2006; natokg knows today's countries only (it reads
    # Serbia and Montenegro as RS and ME, and Yugoslavia as none).
    ("s1-1999-04-washington-summit-report", "countries"),
    ("s2-2001-05-budapest-fm-agenda", "countries"),
    ("s3-2003-10-colorado-springs-informal-defence-agenda", "countries"),
    ("s4-2005-12-brussels-fm-report", "countries"),
    # The year «l999» in the cover and the reference the page footer cut in two are read right
    # but not flagged; "Op 15 oktober wordt een eerste versie van de NRF ... gereed", opening
    # session 3's section, reads as the session's day, outside the meeting's.
    ("s1-1999-04-washington-summit-report", "issues"),
    ("s3-2003-10-colorado-springs-informal-defence-agenda", "issues"),
    # "het trustfonds voor NTM-I" is no name natokg takes for a fund, and "Nederland heeft
    # toegezegd aan de eerste fase 500 000 euro bij te dragen", two sentences after the
    # PfP-trustfonds, names no fund.
    ("s4-2005-12-brussels-fm-report", "funds"),
    ("s4-2005-12-brussels-fm-report", "contributions"),
    # A contribution table ("bedragen in EUR x 1.000"): its rows are not read; the two DCB
    # funds (for Iraq and for Jordan) share an acronym and read as one.
    ("t-2017-02-defence-agenda", "funds"),
    ("t-2017-02-defence-agenda", "contributions"),
    # The summary says EUR 1,5 miljoen to the DCB fund, the body EUR 1,25 mln. to "het
    # NAVO-trustfonds voor Defence Capacity Building in Irak": natokg reads both, to two funds,
    # and does not see that they contradict; "twee miljoen euro aan het ontmijningsfonds" is
    # also read as a gift to the DCB fund named before it.
    ("t-2019-04-washington-fmm-report", "funds"),
    ("t-2019-04-washington-fmm-report", "contributions"),
    ("t-2019-04-washington-fmm-report", "issues"),
    # "Denemarken, Noorwegen en Zweden financierden gezamenlijk een pakket": financing is not
    # among the words natokg knows as giving.
    ("t-2025-10-defence-agenda", "contributions"),
    # "De beide genodigden namen deel aan de eerste en de vierde sessie": who "de beide
    # genodigden" are is said a sentence before (coreference); "De Georgische minister ...
    # lichtte ... toe" in session 2 speaks there without a word of taking part.
    ("u-2008-12-brussels-fmm-report", "session participants"),
    ("u-2008-12-brussels-fmm-report", "meeting participants"),
    # Part I reports the April meeting, part II announces Chicago: the aspirants "niet ...
    # uitgenodigd" read as invitees; the PfP Trust Fund of part I is a fund natokg lists and the
    # gold file does not; that the letter covers two meetings is not flagged.
    ("v2-2012-05-chicago-agenda-with-report", "meeting participants"),
    ("v2-2012-05-chicago-agenda-with-report", "funds"),
    ("v2-2012-05-chicago-agenda-with-report", "issues"),
    # Sessions in the cells of a table drawn with box characters are not read as sessions.
    ("v3-2025-05-antalya-informal-table", "sessions"),
    ("v3-2025-05-antalya-informal-table", "session participants"),
    # Afghanistan takes part in session 2 as "president Karzai"; the Netherlands "bestudeert
    # nog" a gift to the NRC Helicopter Maintenance Trust Fund, which reads as one.
    ("v4-2010-11-lisbon-summit-report", "session participants"),
    ("v4-2010-11-lisbon-summit-report", "contributions"),
}


def _gold(path: Path) -> dict:
    return json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))


def _same(name: str) -> str:
    return fold(name).lower()


def _fields(facts, gold) -> dict[str, tuple[object, object]]:
    """(natokg's, the gold file's) for each field, in comparable form."""
    letter, meeting = facts.letter, facts.meeting
    gold_meeting = gold["meeting"]
    fund_names = {f.key: {_same(f.name), _same(f.acronym or "")} for f in facts.funds}

    def gold_fund(fund: dict) -> str:
        # natokg names a fund by its key; the gold file by name and acronym.
        names = {_same(fund["name"]), _same(fund.get("acronym") or "")} - {""}
        return next((key for key, known in fund_names.items() if names & known), fund["name"])

    return {
        "letter": ((letter.type, letter.date and letter.date.isoformat(), letter.author_role, letter.signatory),
                   tuple(gold["letter"][k] for k in ("type", "date", "author_role", "signatory"))),
        "meeting": (meeting and (meeting.type, meeting.informal, meeting.start and meeting.start.isoformat(),
                                 meeting.end and meeting.end.isoformat(),
                                 meeting.city, meeting.country),
                    gold_meeting and tuple(gold_meeting[k] for k in ("type", "informal", "start", "end", "city",
                                                                     "country"))),
        # Titles as a reader gives them: OCR's «é» for «ë» is the same title.
        "sessions": (sorted((s.number, _same(s.title)) for s in facts.numbered_sessions),
                     sorted((s["number"], _same(s["title"])) for s in gold["sessions"])),
        "session participants": (
            sorted((p.session, p.party, p.role) for p in facts.participations if isinstance(p.session, int)),
            sorted((s["number"], p["party"], p["role"]) for s in gold["sessions"] for p in s.get("participants", []))),
        "meeting participants": (sorted((p.party, p.role) for p in facts.participations if p.session is None),
                                 sorted((p["party"], p["role"]) for p in gold["meeting_participants"])),
        "funds": (sorted(fund_names), sorted(gold_fund(f) for f in gold["funds"])),
        "contributions": (
            sorted((c.fund, c.donor, c.amount, c.currency) for c in facts.contributions),
            sorted((gold_fund(f), c["donor"], None if c["amount"] is None else Decimal(str(c["amount"])),
                    c["currency"]) for f in gold["funds"] for c in f["contributions"])),
        "motions": (sorted((m.submitter, m.date and m.date.isoformat(), m.kamerstuk) for m in facts.motions),
                    sorted((m["submitter"], m["date"], m["kamerstuk"]) for m in gold["motions"])),
        "documents": (sorted({d.kamerstuk for d in facts.documents}), sorted(set(gold["documents_cited"]))),
        "countries": (sorted({c.code for c in facts.countries}), sorted(set(gold["countries_mentioned"]))),
        # Each damaged fact the gold file flags is flagged, whatever the words.
        "issues": (len(facts.issues), len(gold["issues"])),
    }


@pytest.mark.parametrize("path", LETTERS, ids=[p.stem for p in LETTERS])
def test_a_blind_letter_reads_as_its_gold_file_says(path):
    fields = _fields(extract(read_letter(path)), _gold(path))
    wrong = {name: pair for name, pair in fields.items() if (path.stem, name) not in GAPS and pair[0] != pair[1]}
    assert not wrong, "\n".join(f"{name}:\n  natokg {ours}\n  gold   {gold}" for name, (ours, gold) in wrong.items())


@pytest.mark.parametrize("letter, field", sorted(GAPS))
def test_each_known_gap_is_still_a_gap(letter, field):
    path = next(path for path in LETTERS if path.stem == letter)
    ours, gold = _fields(extract(read_letter(path)), _gold(path))[field]
    assert ours != gold, f"{letter}: {field} now reads as the gold file says; take it out of GAPS"
