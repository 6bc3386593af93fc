"""A letter published as PDF -> its plain text, page by page (pdfminer.six).

The text layer is read line by line with each line's box and font size, and `kg.sources.layout`
makes the letter's text of it. A page without a text layer (a scan) is read by OCR
(`kg.sources.ocr`), so a scanned letter, or a scanned page in a letter, reads like any other.
Footnote numbers raised above the line are written as superscript digits ("c.s.¹"), so that
they never run into a number ("nr. 26¹", not "nr. 261"); the repair step drops them.
"""
from __future__ import annotations

import io
import logging
import statistics

from kg.errors import ReadError
from kg.sources import Document
from kg.sources.layout import SUPERSCRIPT_DIGITS, Line, Page, assemble

# pdfminer reports harmless oddities of real-world PDFs as warnings; natokg says what matters itself.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

MIN_TEXT_CHARACTERS = 20  # a page with fewer characters in its text layer is read as a scan
RAISED = 0.8  # a digit this much smaller than its line and above its baseline is a footnote mark


def read_pdf(data: bytes, source: str) -> Document:
    """The letter's text; a ReadError names the file when it is no PDF that can be read."""
    pages = [_page(number, layout) for number, layout in enumerate(_layouts(data, source), start=1)]
    if not pages:
        raise ReadError(f"{source}: the PDF has no pages")
    scanned = [page.number for page in pages if sum(len(l.text.strip()) for l in page.lines) < MIN_TEXT_CHARACTERS]
    if scanned:
        from kg.sources.ocr import read_pages  # only scans load the OCR machinery

        read = {page.number: page for page in read_pages(data, scanned, source)}
        pages = [read.get(page.number, page) for page in pages]
    if not any(page.lines for page in pages):
        raise ReadError(f"{source}: the PDF has no text, not even by OCR")
    return assemble(pages)


def _layouts(data: bytes, source: str) -> list:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return list(extract_pages(io.BytesIO(data), laparams=LAParams(line_margin=0.3, detect_vertical=False)))
    except PDFPasswordIncorrect:
        raise ReadError(f"{source}: the PDF is encrypted; natokg cannot read it without its password") from None
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds on a damaged file
        reason = " ".join(str(error).split())[:120] or type(error).__name__
        raise ReadError(f"{source}: is not a PDF that can be read ({reason})") from None


def _page(number: int, layout) -> Page:
    from pdfminer.layout import LTTextLineHorizontal

    height = layout.height
    lines = []
    for line in _walk(layout, LTTextLineHorizontal):
        text, size = _line_text(line)
        if text.strip():
            x0, y0, x1, y1 = line.bbox
            lines.append(Line(text, x0, height - y1, x1, height - y0, size))
    lines.sort(key=lambda l: (round(l.top, 0), l.left))
    return Page(number, layout.width, height, tuple(lines))


def _walk(item, kind):
    if isinstance(item, kind):
        yield item
        return
    try:
        children = list(item)
    except TypeError:
        return
    for child in children:
        yield from _walk(child, kind)


def _line_text(line) -> tuple[str, float]:
    """The line's text, with raised small digits as superscripts, and its body font size."""
    from pdfminer.layout import LTChar

    chars = [c for c in line if isinstance(c, LTChar)]
    if not chars:
        return line.get_text().rstrip("\n"), 0.0
    size = statistics.median(c.size for c in chars)
    baseline = statistics.median(c.y0 for c in chars if c.size > RAISED * size) if any(
        c.size > RAISED * size for c in chars) else line.y0
    pieces = []
    for item in line:
        text = item.get_text()
        if isinstance(item, LTChar) and text.isdigit() and item.size <= RAISED * size and item.y0 > baseline + 0.2 * size:
            text = text.translate(SUPERSCRIPT_DIGITS)
        pieces.append(text)
    return "".join(pieces).rstrip("\n"), size
