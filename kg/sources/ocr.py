"""Scanned pages -> lines of text with their boxes: Tesseract's Dutch model, through pytesseract.

Each page is rendered at 300 dpi (pypdfium2, no external tools) and read by Tesseract as hOCR,
which gives every line its box and Tesseract's estimate of its font size; the lines go to
`kg.sources.layout` like those of a text layer, in points (1/72 inch), so a letter with both
kinds of page is measured in one unit. OCR damage is left as it is: the repair step
(`kg.text.repair`) mends it as it mends any OCR'd letter.
"""
from __future__ import annotations

import os
import shutil
import xml.etree.ElementTree as ElementTree

from kg.errors import ReadError
from kg.sources.layout import Line, Page

DPI = 300
LANGUAGE = "nld"
PAGE_TIMEOUT = 300  # seconds Tesseract may take for one page
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-nld"
# One thread per Tesseract: its OpenMP threads make a page several times slower on a busy machine,
# and natokg already reads several letters at once (`natokg ingest --jobs`).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
_LINE_CLASSES = {"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"}


def available() -> str | None:
    """None when Tesseract and its Dutch model are installed, else what is missing."""
    if shutil.which("tesseract") is None:
        return "the OCR engine Tesseract is not installed"
    import pytesseract

    try:
        languages = pytesseract.get_languages(config="")
    except (pytesseract.TesseractError, OSError) as error:
        return f"Tesseract does not run ({' '.join(str(error).split())[:100]})"
    if LANGUAGE not in languages:
        return "Tesseract's Dutch model (nld) is not installed"
    return None


def read_pages(data: bytes, numbers: list[int], source: str) -> list[Page]:
    """OCR of the PDF pages `numbers` (from 1)."""
    missing = available()
    if missing:
        raise ReadError(f"{source}: has pages without a text layer (a scan), which natokg reads by OCR, "
                        f"but {missing}; install it with `{INSTALL}` (Debian, Ubuntu)")
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise ReadError(f"{source}: the scanned PDF cannot be rendered ({error})") from None
    try:
        return [_read_page(document[number - 1], number, source) for number in numbers]
    finally:
        document.close()


def _read_page(page, number: int, source: str) -> Page:
    import pytesseract

    width, height = page.get_size()  # points
    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    try:
        hocr = pytesseract.image_to_pdf_or_hocr(image, lang=LANGUAGE, extension="hocr", timeout=PAGE_TIMEOUT)
    except RuntimeError as error:  # pytesseract's time-out
        raise ReadError(f"{source}: OCR of page {number} failed ({error})") from None
    except pytesseract.TesseractError as error:
        raise ReadError(f"{source}: OCR of page {number} failed ({' '.join(str(error).split())[:120]})") from None
    scale = 72 / DPI
    lines = [Line(text, x0 * scale, y0 * scale, x1 * scale, y1 * scale, size * scale)
             for text, (x0, y0, x1, y1), size in hocr_lines(hocr)]
    lines.sort(key=lambda l: (l.top, l.left))
    return Page(number, width, height, tuple(lines))


def hocr_lines(hocr: bytes) -> list[tuple[str, tuple[float, float, float, float], float]]:
    """(text, box in pixels, font size in pixels) of every line of an hOCR page."""
    root = ElementTree.fromstring(hocr)
    found = []
    for element in root.iter():
        if element.get("class") not in _LINE_CLASSES:
            continue
        title = _title(element.get("title", ""))
        words = [" ".join("".join(word.itertext()).split()) for word in element.iter()
                 if word.get("class") == "ocrx_word"]
        text = " ".join(w for w in words if w)
        if text and "bbox" in title:
            box = tuple(title["bbox"][:4])
            size = title.get("x_size", [box[3] - box[1]])[0]
            found.append((text, box, size))
    return found


def _title(title: str) -> dict[str, list[float]]:
    """hOCR's title attribute: 'bbox 1 2 3 4; x_size 44' -> {'bbox': [1, 2, 3, 4], 'x_size': [44]}."""
    values = {}
    for part in title.split(";"):
        name, _, numbers = part.strip().partition(" ")
        try:
            values[name] = [float(n) for n in numbers.split()]
        except ValueError:
            continue
    return values
