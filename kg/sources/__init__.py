"""Source formats other than plain text: each module turns one kind of file into a letter's plain text.

- `kg.sources.pdf`: a PDF's text layer (pdfminer.six); pages without one go to `kg.sources.ocr`.
- `kg.sources.ocr`: pages rendered at 300 dpi (pypdfium2) and read by Tesseract's Dutch model.
- `kg.sources.layout`: lines with their positions -> the text a reader reads: running headers,
  footers and page numbers dropped, paragraphs kept, footnotes after the body.
- `kg.sources.html`: the letter in an HTML page, without menus, banners and scripts.

`kg.text.read_letter` picks the module by the file's first bytes (and name); everything after
reading (repair, extraction) is the same for every format. These modules are imported only when
a file needs them, so plain-text letters never load a PDF or HTML library.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """A letter's plain text as read from a PDF or an HTML page.

    `pages` maps text to pages: (offset in `text`, page number from 1), sorted by offset; every
    character from an offset on lies on that page, until the next entry. Empty for a source
    without pages. `header` is the running header the pages repeat, as it stands on the first
    page that has it ("Tweede Kamer, vergaderjaar 2022–2023, 28 676, nr. 424"), or None.
    """

    text: str
    pages: tuple[tuple[int, int], ...] = ()
    header: str | None = None
