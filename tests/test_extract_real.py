"""Thirty-eight real public letters (tests/fixtures/real/, sources in SOURCES.md): openings of
Kamerstukken and government pages from 1999 to 2025, reports, annotated agendas and an annex, as
the official publications, aggregators and republishing sites print them, and six letters about
EU Councils as traps. Their gold files were written before natokg read them, by helpers who saw
only GOLD-FORMAT.md and the text, in four batches: natokg's first reading of each batch, and its
reading now, are in the README ("Real letters").

The gold files here apply the conventions the corpus's gold files follow, where a writer did not
(each file as written is in as-written/, the change for each in the list below):
- the EU is an organisation, not a country: never in countries_mentioned;
- Kosovo is XK, as natokg and the other gold files code it;
- a letter signed by two ministers has the first as its signatory;
- issues are defects of the letter (a contradiction, a damaged fact, a missing date or place),
  not the copy being cut where the stored page ends, nor notes on a site's chrome or metadata
  layout, footnote markers glued to words or a year that only the letter's date gives (the
  corpus letters' gold files flag neither), nor remarks on the meeting's nature.

Each letter is held to its gold file field by field, like the blind letters; the facts natokg
still reads differently are listed in GAPS with the reason.
"""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from conftest import FIXTURES
from test_extract_blind import _fields, _gold
from kg.extract import extract
from kg.text import fold, read_letter

REAL = FIXTURES / "real"
LETTERS = sorted(path for path in REAL.iterdir() if path.suffix in {".txt", ".html"})

GAPS = {
    # The site's metadata dates publication a year after the letter; natokg reads no site metadata
    # against the letter's own date.
    ("2008-04-bucharest-summit-report", "issues"),
    # The page opens on "nr. 98" without its dossier line: an incomplete publication header is not
    # flagged.
    ("2010-02-istanbul-informal-dmm-agenda", "issues"),
    # A header of two ministers over a cover in the first person singular: not seen as a
    # contradiction.
    ("2021-06-brussels-summit-report", "issues"),
    # "spraken bondgenoten op 12 oktober digitaal met de Minister van Defensie van Israël": a video
    # exchange beside the meeting reads as Israel taking part in it.
    ("2023-10-brussels-dmm-report", "meeting participants"),
    # The second of three sessions is numbered only by inference ("De eerste twee sessies ...
    # Vervolgens vindt een bijeenkomst plaats ... De derde sessie"), with the EU in it.
    ("2023-11-brussels-fmm-agenda", "sessions"),
    ("2023-11-brussels-fmm-agenda", "session participants"),
    # A typo ("defensie-uitgavenen") and an ungrammatical page title: slips of language are not
    # flagged.
    ("2025-10-brussels-dmm-report", "issues"),
    # An opening sentence without its relative pronoun: not flagged.
    ("trap-2007-06-brussels-european-council-report", "issues"),
    # A cited Kamerstuk number too low for its date ("nr. 821" beside the letter's own nr. 1128):
    # natokg does not judge citations by their numbers.
    ("trap-2016-06-brussels-european-council-letter", "issues"),
    # The European Peace Facility is the EU's, not among the NATO trust funds natokg knows.
    ("trap-2023-01-brussels-rbz-report", "funds"),
    # "In aanwezigheid van EU HV Ashton" under the plain heading "Kosovo": present for that part of
    # the talks only, read as taking part in the whole meeting. "Afganistan", misspelt, is not
    # read as Afghanistan, nor flagged.
    ("2011-12-brussels-fmm-report", "meeting participants"),
    ("2011-12-brussels-fmm-report", "countries"),
    ("2011-12-brussels-fmm-report", "issues"),
}


def _compared(path: Path) -> dict[str, tuple[object, object]]:
    """The blind letters' fields, compared as the shared score compares them: a letter has
    issues or has none (writers count a defect once or in parts), a city by its letters
    (Kraków is Krakow)."""
    fields = _fields(extract(read_letter(path)), _gold(path))
    ours, gold = fields["issues"]
    fields["issues"] = (bool(ours), bool(gold))
    ours, gold = fields["meeting"]
    fields["meeting"] = tuple(m and (*m[:4], fold(m[4] or "").lower(), m[5]) for m in (ours, gold))
    # A session's title is the gold file's when it reads alike ("bijeenkomst van de NATO Ukraine
    # Council" for "NATO Ukraine Council"), as the shared score has it.
    ours, gold = fields["sessions"]
    titles = dict(gold)
    fields["sessions"] = ([(n, titles[n] if n in titles and _alike(t, titles[n]) else t) for n, t in ours], gold)
    return fields


def _alike(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.5


@pytest.mark.parametrize("path", LETTERS, ids=[p.stem for p in LETTERS])
def test_a_real_letter_reads_as_its_gold_file_says(path):
    fields = _compared(path)
    wrong = {name: pair for name, pair in fields.items() if (path.stem, name) not in GAPS and pair[0] != pair[1]}
    assert not wrong, "\n".join(f"{name}:\n  natokg {ours}\n  gold   {gold}" for name, (ours, gold) in wrong.items())


@pytest.mark.parametrize("letter, field", sorted(GAPS))
def test_each_known_gap_is_still_a_gap(letter, field):
    path = next(path for path in LETTERS if path.stem == letter)
    ours, gold = _compared(path)[field]
    assert ours != gold, f"{letter}: {field} now reads as the gold file says; take it out of GAPS"


def test_there_are_enough_real_letters_and_traps():
    assert len(LETTERS) >= 35
    assert sum(path.name.startswith("trap-") for path in LETTERS) >= 7
    sources = (REAL / "SOURCES.md").read_text("utf-8")
    assert all(path.name in sources for path in LETTERS)
