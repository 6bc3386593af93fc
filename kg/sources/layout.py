"""Positioned lines of a paginated letter -> the text a reader reads, with a map to the pages.

Both PDF readers (the text layer and OCR) hand over the same thing: per page, its lines with
their boxes and font size. This module decides what on a page is the letter:

- running headers and footers (a line at the top or bottom that recurs on other pages, page
  numbers, "Tweede Kamer, vergaderjaar 2022–2023, 28 676, nr. 424") are dropped, the first
  running header is kept aside as `Document.header`;
- footnotes (smaller lines at the foot of a page, starting with their number) are taken out of
  the body, so that a sentence running on to the next page stays whole, and are put after the
  body, one per paragraph, as the published text versions of letters print them;
- a vertical gap wider than the line spacing is a blank line (a new paragraph), and so is a
  page break after a short line or a finished sentence; everything else keeps its line breaks.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from difflib import SequenceMatcher

from kg.sources import Document

SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
PLAIN_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")

# A page number on its own: "3", "- 3 -", "3/7", "Pagina 3 van 7", "blz. 3".
PAGE_NUMBER = re.compile(r"^[\W_]*(?:(?:pagina|page|blz\.?|p\.)\s*)?\d{1,4}(?:\s*(?:/|van|of)\s*\d{1,4})?[\W_]*$",
                         re.IGNORECASE)
# The running header of a Kamerstuk: "Tweede Kamer, vergaderjaar 2022–2023, 28 676, nr. 424".
KAMERSTUK_HEADER = re.compile(r"(?:Tweede|Eerste)\s+Kamer\s*,\s*vergaderjaar\s+\d{4}\s*[–—-]\s*\d{4}", re.IGNORECASE)
# A footnote starts with its number (or a sign, or what OCR makes of a raised number).
# A number may touch its text ("¹Motie"); a sign, or T ? ” (OCR's reading of a raised number), may not.
FOOTNOTE_START = re.compile(r"^\s*(?P<mark>(?:\d{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?=\s*(?:[^\W\d_]|[«(\"']))|(?:\*{1,3}|[†‡T?”])(?=\s+\S))\s*")
SENTENCE_END = re.compile(r"[.!?:;][\s»”\"')\]]*$")

EDGE_LINES = 2  # how many lines at the top and at the bottom of a page can be furniture
EDGE_BAND = 0.15  # ... and only within this fraction of the page's height from its edge
SMALL = 0.88  # a footnote's font is at most this fraction of the body's
GAP = 1.5  # a line spacing this many times the usual one is a blank line
SHORT = 0.8  # a line ending before this fraction of the text width ends its paragraph
SAME = 0.85  # two edge lines this similar (digits aside) are the same running header


@dataclass(frozen=True)
class Line:
    """One line of text on a page. Coordinates run from the page's top left, in one unit per page."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    size: float  # the font size of the line's body text (not of superscripts)


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    width: float
    height: float
    lines: tuple[Line, ...]  # top to bottom


def assemble(pages: list[Page]) -> Document:
    """The letter's text from its pages: body first, footnotes after it, with a page map."""
    furniture = _furniture(pages)
    header = _header(pages, furniture)
    kept = [[line for i, line in enumerate(page.lines) if (page.number, i) not in furniture] for page in pages]
    body_size = _body_size(kept)
    bodies: list[tuple[int, list[Line]]] = []
    notes: list[tuple[int, list[str]]] = []
    for page, lines in zip(pages, kept):
        body, foot = _split_footnotes(lines, body_size)
        bodies.append((page.number, body))
        notes += [(page.number, note) for note in _notes(foot, notes[-1][1] if notes else None)]
    return _write(bodies, notes, header)


# ---------------------------------------------------------------- running headers and footers


def _key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def _edges(page: Page) -> list[int]:
    """Indexes of the lines that could be a running header or footer."""
    count = len(page.lines)
    indexes = sorted(set(range(min(EDGE_LINES, count))) | set(range(max(0, count - EDGE_LINES), count)))
    band = page.height * EDGE_BAND
    return [i for i in indexes if page.lines[i].bottom <= band or page.lines[i].top >= page.height - band]


def _furniture(pages: list[Page]) -> set[tuple[int, int]]:
    """(page number, line index) of every running header, footer and page number."""
    candidates = [(page.number, i, _key(page.lines[i].text)) for page in pages for i in _edges(page)]
    found = set()
    for number, index, key in candidates:
        text = next(p for p in pages if p.number == number).lines[index].text.strip()
        if PAGE_NUMBER.match(text) or KAMERSTUK_HEADER.search(text) or len(text) <= 2:
            # len <= 2: a page number as OCR may read it ("|", "l")
            found.add((number, index))
            continue
        for other_number, _, other_key in candidates:
            if other_number != number and (other_key == key or (
                    min(len(key), len(other_key)) >= 8 and SequenceMatcher(None, key, other_key).ratio() >= SAME)):
                found.add((number, index))
                break
    return found


def _header(pages: list[Page], furniture: set[tuple[int, int]]) -> str | None:
    """The first running header, a Kamerstuk's own header first; page numbers are no header."""
    texts = [" ".join(page.lines[i].text.split()) for page in pages for i in range(len(page.lines))
             if (page.number, i) in furniture]
    texts = [t for t in texts if not PAGE_NUMBER.match(t)]
    return next((t for t in texts if KAMERSTUK_HEADER.search(t)), texts[0] if texts else None)


# ---------------------------------------------------------------- footnotes


def _body_size(pages: list[list[Line]]) -> float:
    """The font size most of the text is set in (weighted by characters)."""
    sizes = [line.size for lines in pages for line in lines for _ in range(len(line.text.strip()))]
    return statistics.median(sizes) if sizes else 0.0


def _split_footnotes(lines: list[Line], body_size: float) -> tuple[list[Line], list[Line]]:
    """(body, footnote lines): the footnotes are the small lines at the foot, from the first that
    starts with a footnote number on."""
    start = len(lines)
    while start > 0 and body_size and lines[start - 1].size <= SMALL * body_size:
        start -= 1
    for index in range(start, len(lines)):
        if FOOTNOTE_START.match(lines[index].text):
            return lines[:index], lines[index:]
    return lines, []


def _notes(lines: list[Line], before: list[str] | None) -> list[list[str]]:
    """Footnote lines -> one list of lines per note; each note opens with its plain number.

    A line opens the next note when it starts with the number after the previous note's (or
    with a sign after a finished line), so a note's line that starts with a figure ("36 200 X,
    nr. 26)") stays in its note. `before`: the previous page's last note.
    """
    notes: list[list[str]] = []
    for line in lines:
        match = FOOTNOTE_START.match(line.text)
        previous = notes[-1] if notes else before
        if match and (not notes or _next_note(match["mark"].translate(PLAIN_DIGITS), previous)):
            notes.append([f"{match['mark'].translate(PLAIN_DIGITS)} {line.text[match.end():].strip()}"])
        elif notes:
            notes[-1].append(line.text.strip())
    return notes


def _next_note(mark: str, previous: list[str] | None) -> bool:
    if previous is None:
        return True
    last = previous[0].split(" ", 1)[0]
    if mark.isdigit():
        return last.isdigit() and int(mark) == int(last) + 1
    return previous[-1].rstrip().endswith((".", ")"))


# ---------------------------------------------------------------- writing the text


def _pitch(pages: list[tuple[int, list[Line]]]) -> float:
    """The usual distance from one line to the next within a paragraph: the median of the steps
    that could be a single line's (at most twice the font size), so headings and paragraph gaps,
    however many, do not count."""
    steps = [b.top - a.top for _, lines in pages for a, b in zip(lines, lines[1:])
             if 0 < b.top - a.top <= 2 * max(a.size, b.size)]
    if steps:
        return statistics.median(steps)
    sizes = [line.size for _, lines in pages for line in lines]
    return 1.2 * statistics.median(sizes) if sizes else 0.0


def _paragraph_ends_at_page_break(last: Line, following: Line, left: float, width: float) -> bool:
    text = last.text.rstrip()
    if text.endswith(("-", "¬", "‐")):
        return False
    if last.right < left + SHORT * width:
        return True  # a short line: the paragraph (or a heading) ends here
    first = following.text.lstrip()[:1]
    return bool(SENTENCE_END.search(text)) and (first.isupper() or first.isdigit() or first in "«\"'(")


def _write(bodies: list[tuple[int, list[Line]]], notes: list[tuple[int, list[str]]], header: str | None) -> Document:
    pieces: list[str] = []
    pages: list[tuple[int, int]] = []
    length = 0

    def add(text: str, page: int | None = None) -> None:
        nonlocal length
        if page is not None and (not pages or pages[-1][1] != page):
            pages.append((length, page))
        pieces.append(text)
        length += len(text)

    body_lines = [line for _, lines in bodies for line in lines]
    pitch = _pitch(bodies)
    left = min((line.left for line in body_lines), default=0.0)
    rights = sorted(line.right for line in body_lines)
    width = (rights[int(0.9 * (len(rights) - 1))] - left) if rights else 0.0
    previous: Line | None = None
    for number, lines in bodies:
        for index, line in enumerate(lines):
            text = line.text.strip()
            if not text:
                continue
            if previous is not None:
                if index == 0:
                    blank = _paragraph_ends_at_page_break(previous, line, left, width)
                else:
                    blank = pitch > 0 and line.top - previous.top > GAP * pitch
                add("\n\n" if blank else "\n")
            add(text, number)
            previous = line
    for number, note in notes:
        add("\n\n" if length else "")
        add("\n".join(note), number)
    if length:
        add("\n")
    return Document("".join(pieces), tuple(pages), header)
