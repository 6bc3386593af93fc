"""Letters in the formats users have, made from a corpus letter's text during the test run.

- `text_pdf`: a PDF with a text layer (reportlab), laid out as a Kamerstuk is printed: a running
  header from page 2 on ("Tweede Kamer, vergaderjaar 2022–2023, 28 676, nr. 901"), page numbers
  at the foot, footnotes in a smaller font at the foot of the first page with raised numbers in
  the text, so the body runs on past them to the next page.
- `scanned_pdf`: the same pages drawn as pictures (Pillow) and saved as an image-only PDF.
- `html_page`: the letter in a web page with a menu, a cookie banner and a footer.

Every line of the letter's text stays a line of the page, and a blank line a gap, as in a
printed letter; the letter's footnotes (the notes after its body in the text file) go to the
foot of the first page, and a letter without one gets a plain one.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

A4 = (595.28, 841.89)  # points
LEFT, RIGHT = 72.0, 72.0
BODY_TOP = 90.0  # from the top of the page
FOOTER = 40.0  # the page number's baseline, from the foot
BODY_SIZE, BODY_LEADING = 10.0, 13.5
NOTE_SIZE, NOTE_LEADING = 7.5, 9.5
RAISE = 3.5
DPI = 300

FOOTNOTE_LINE = re.compile(r"^(?:T|\?|”|\*|\d{1,2}) (?=[A-Z])")
BODY_MARK = re.compile(r"(?<=[\w.])”(?=[\s.,;:)]|$)|(?<=\w)\?(?=\))")
BODY_MARK_SPLIT = re.compile(f"({BODY_MARK.pattern})")
PLAIN_NOTE = "Deze brief staat ook op de website van de rijksoverheid."

FONT_PATHS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]


def font_path() -> Path:
    """DejaVu Sans (Debian's fonts-dejavu-core) or, without it, the Vera font reportlab ships."""
    import reportlab

    for path in FONT_PATHS + [Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"]:
        if path.exists():
            return path
    raise FileNotFoundError("no TrueType font for drawing test letters")


@dataclass(frozen=True)
class Run:
    """Text drawn at a position: page from 1, x and baseline in points from the page's top left."""

    page: int
    x: float
    baseline: float
    text: str
    size: float


def split_notes(text: str) -> tuple[list[str], list[list[str]]]:
    """(body lines, footnotes as lists of lines) of a letter in the corpus's text layout."""
    lines = text.rstrip("\n").split("\n")
    start = len(lines)
    for index in range(len(lines) // 2, len(lines)):
        before = lines[index - 1].strip()
        if FOOTNOTE_LINE.match(lines[index].strip()) and (not before or before.endswith((".", ")"))):
            start = index
            break
    notes: list[list[str]] = []
    for line in lines[start:]:
        if not line.strip():
            continue
        if FOOTNOTE_LINE.match(line.strip()):
            notes.append([FOOTNOTE_LINE.sub("", line.strip())])
        else:
            notes[-1].append(line.strip())
    body = lines[:start]
    while body and not body[-1].strip():
        body.pop()
    return body, notes or [[PLAIN_NOTE]]


def kamerstuk_header(year: int, month: int, number: int) -> str:
    first = year if month >= 9 else year - 1  # the parliamentary year starts in September
    return f"Tweede Kamer, vergaderjaar {first}–{first + 1}, 28 676, nr. {number}"


def layout(text: str, header: str) -> tuple[list[Run], int]:
    """Where every piece of text goes, and the number of pages."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    body, notes = split_notes(text)
    font = _reportlab_font()
    width, height = A4
    note_lines = [(i + 1, j, line) for i, note in enumerate(notes) for j, line in enumerate(note)]
    notes_height = len(note_lines) * NOTE_LEADING + 14
    runs: list[Run] = []
    page, y = 1, BODY_TOP
    marks = iter(range(1, len(notes) + 1))

    def bottom(page_number: int) -> float:
        return height - FOOTER - 24 - (notes_height if page_number == 1 else 0)

    for line in body:
        if y + BODY_LEADING > bottom(page):
            page, y = page + 1, BODY_TOP
            if not line.strip():
                continue  # a blank line at the top of a page is no gap
        y += BODY_LEADING
        x = LEFT
        for index, piece in enumerate(BODY_MARK_SPLIT.split(line.lstrip())):
            if not piece:
                continue
            if index % 2:  # a footnote's mark
                mark = str(next(marks, 1))
                runs.append(Run(page, x, y - RAISE, mark, NOTE_SIZE))
                x += stringWidth(mark, font, NOTE_SIZE)
            else:
                runs.append(Run(page, x, y, piece, BODY_SIZE))
                x += stringWidth(piece, font, BODY_SIZE)
    pages = page
    note_y = height - FOOTER - 24 - notes_height + 14
    for number, index, line in note_lines:
        note_y += NOTE_LEADING
        if index == 0:
            runs.append(Run(1, LEFT, note_y, f"{number} {line}", NOTE_SIZE))
        else:
            runs.append(Run(1, LEFT, note_y, line, NOTE_SIZE))
    for number in range(1, pages + 1):
        if number > 1:
            runs.append(Run(number, LEFT, 50.0, header, 8.0))
        runs.append(Run(number, width / 2 - 3, height - FOOTER, str(number), 8.0))
    return runs, pages


def _reportlab_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "LetterFont" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("LetterFont", str(font_path())))
    return "LetterFont"


def text_pdf(text: str, target: Path, header: str) -> Path:
    """A PDF with a text layer."""
    from reportlab.pdfgen.canvas import Canvas

    runs, pages = layout(text, header)
    font = _reportlab_font()
    canvas = Canvas(str(target), pagesize=A4, invariant=1)
    width, height = A4
    for page in range(1, pages + 1):
        for run in (r for r in runs if r.page == page):
            canvas.setFont(font, run.size)
            canvas.drawString(run.x, height - run.baseline, run.text)
        if page == 1:  # the rule above the footnotes
            top = min(r.baseline for r in runs if r.page == 1 and r.size == NOTE_SIZE and r.x == LEFT) - 12
            canvas.line(LEFT, height - top, LEFT + 120, height - top)
        canvas.showPage()
    canvas.save()
    return target


def scanned_pdf(text: str, target: Path, header: str) -> Path:
    """An image-only PDF: every page a 300 dpi picture, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    runs, pages = layout(text, header)
    scale = DPI / 72
    width, height = (round(side * scale) for side in A4)
    fonts: dict[float, ImageFont.FreeTypeFont] = {}
    images = []
    for page in range(1, pages + 1):
        image = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(image)
        for run in (r for r in runs if r.page == page):
            font = fonts.setdefault(run.size, ImageFont.truetype(str(font_path()), round(run.size * scale)))
            draw.text((run.x * scale, run.baseline * scale), run.text, font=font, fill=0, anchor="ls")
        images.append(image)
    images[0].save(target, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return target


def _title(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) > 12 and all(c.isupper() for c in letters)


def html_page(text: str, target: Path, title: str) -> Path:
    """The letter as the body of a web page, between a menu, a cookie banner and a footer.

    Paragraphs flow as a browser shows them (their lines are joined by spaces); headings are
    <h2>; blocks of short lines (address, signature) keep their lines with <br>; footnotes are
    a list after the letter; the notes' marks in the text are <sup> links.
    """
    body, notes = split_notes(text)
    blocks: list[list[str]] = [[]]
    for line in body:
        if line.strip():
            if _title(line) and blocks[-1] and not _title(blocks[-1][-1]):
                blocks.append([])  # a title in capitals is an element of its own
            blocks[-1].append(line.strip())
        elif blocks[-1]:
            blocks.append([])
    parts = []
    mark = 0
    for block in (b for b in blocks if b):
        if len(block) == 1 and len(block[0]) < 90 and not block[0].endswith((".", ",", ";", ":")):
            parts.append(f"<h2>{html.escape(block[0])}</h2>")
            continue
        rendered = []
        for line in block:
            pieces = []
            for index, piece in enumerate(BODY_MARK_SPLIT.split(line)):
                if index % 2:
                    mark += 1
                    pieces.append(f'<sup><a href="#noot{mark}" id="ref{mark}">{mark}</a></sup>')
                elif piece:
                    pieces.append(html.escape(piece))
            rendered.append("".join(pieces))
        if all(len(line) < 60 for line in block):
            parts.append("<p>" + "<br>\n".join(rendered) + "</p>")
        else:  # flowing text; a word hyphenated at the end of a line keeps its line break
            parts.append("<p>" + "".join(line + ("<br>\n" if line.endswith("-") else "\n")
                                         for line in rendered).rstrip() + "</p>")
    notes_html = "\n".join(f'<li id="noot{i}">{html.escape(" ".join(note))}</li>' for i, note in enumerate(notes, 1))
    page = f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | Rijksoverheid.nl</title>
<script>window.dataLayer = [{{"page": "kamerstuk"}}];</script>
<style>body {{ font-family: sans-serif; }}</style>
</head>
<body>
<div id="cookie-banner" class="cookiebar" role="dialog" aria-label="Cookies">
  <p>Wij gebruiken cookies om de website te verbeteren. Meer informatie over cookies vindt u
  in de privacyverklaring van het Ministerie van Buitenlandse Zaken.</p>
  <button>Accepteren</button> <button>Weigeren</button>
</div>
<a class="skiplink" href="#content">Ga direct naar inhoud</a>
<header>
  <nav aria-label="Hoofdmenu">
    <ul><li><a href="/">Home</a></li><li><a href="/onderwerpen">Onderwerpen</a></li>
    <li><a href="/ministeries/ministerie-van-defensie">Ministerie van Defensie</a></li>
    <li><a href="/regering">Regering</a></li><li><a href="/documenten">Documenten</a></li></ul>
  </nav>
  <ol class="breadcrumb"><li>Home</li><li>Documenten</li><li>Kamerstukken</li></ol>
</header>
<main id="content">
<article>
<h1>{html.escape(title)}</h1>
<div class="letter">
{chr(10).join(parts)}
</div>
<div class="footnotes"><ol>
{notes_html}
</ol></div>
</article>
<aside class="related"><h2>Zie ook</h2><ul><li><a href="/navo">NAVO</a> in het Verenigd Koninkrijk en België</li></ul></aside>
</main>
<footer><p>Rijksoverheid.nl | Over deze site | Toegankelijkheid | Privacy | Cookies | Contact</p></footer>
</body>
</html>
"""
    target.write_text(page, "utf-8")
    return target
