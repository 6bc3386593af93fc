"""Step 1, letter -> text: decode a file, repair its OCR damage, keep a map back to the original.

Extractors read `Text.repaired`; every span they report is mapped back through `Text.span`
to the characters of the original decoded file, so provenance points at what the user has.
"""
from __future__ import annotations

import os
import re
import stat
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from charset_normalizer import from_bytes
from wordfreq import zipf_frequency

from kg.errors import NatokgError, ReadError
from kg.facts import Span

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Text:
    source: str
    original: str
    repaired: str
    offsets: tuple[int, ...]  # offsets[i]: index in `original` of repaired character i
    # A paginated source (PDF): (offset in `original`, page number from 1), sorted by offset;
    # every character from an offset on lies on that page. Empty for text and HTML.
    pages: tuple[tuple[int, int], ...] = ()
    header: str | None = None  # the running header a PDF's pages repeat, if any
    # Damage mended throughout the file, that a reader flags: (start, end in `original`, what).
    notes: tuple[tuple[int, int, str], ...] = ()

    def span(self, start: int, end: int) -> Span:
        """The original-file span of repaired characters [start, end), with its page if paginated."""
        start = max(0, min(start, len(self.repaired)))
        end = max(start, min(end, len(self.repaired)))
        first = self.offsets[start]
        last = self.offsets[end - 1] + 1 if end > start else first
        if end > start and self.original[self.offsets[end - 1]:self.offsets[end - 1] + 1] != self.repaired[end - 1]:
            # A character mended from several («Ã«» to «ë», «e» and a combining mark to «ë»)
            # stands for all of them, up to the next character kept.
            last = max(last, self.offsets[end])
        return Span(first, last, self.original[first:last], self.page(first))

    def page(self, offset: int) -> int | None:
        """The page that character `offset` of `original` stands on; None without pages."""
        index = bisect_right(self.pages, (offset, float("inf"))) - 1
        return self.pages[index][1] if index >= 0 else None


# ---------------------------------------------------------------- decoding


def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOMs first, then UTF-32 and UTF-16 by their zero bytes, then UTF-8, then
    the single-byte code pages Dutch is written in, then detection.

    What can be read is read: a character cut in two at the very end (a file cut short) is left
    out, a UTF-8 text with a few broken bytes keeps its other characters (U+FFFD for the broken
    ones), and a few stray control characters do not make a text binary; a file mostly of
    control characters does."""
    if not data.strip():
        raise ReadError(f"{source}: the file is empty")
    if data.startswith(b"%PDF"):
        raise ReadError(f"{source}: is a PDF, not a text letter")  # read_letter sends PDFs to kg.sources.pdf
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _decoded(data, codec, source)
    sample = data[:4096]
    if sample.count(0) > len(sample) * 5 // 8:
        # UTF-32 without a BOM: three of every four bytes of Latin text are zero.
        little = sample[3::4].count(0) > sample[0::4].count(0)
        return _decoded(data, "utf-32-le" if little else "utf-32-be", source)
    if sample.count(0) > len(sample) // 4:
        # UTF-16 without a BOM: every other byte of Latin text is zero.
        even_zero = sample[0::2].count(0) > sample[1::2].count(0)
        return _decoded(data, "utf-16-be" if even_zero else "utf-16-le", source)
    try:
        utf8 = _whole(data, "utf-8")
    except UnicodeDecodeError:
        utf8 = _mostly_utf8(data)
    if utf8 is not None and utf8.isascii():
        return _checked(utf8, source)
    if utf8 is not None and "\ufffd" not in utf8 and len(_NON_ASCII.findall(utf8)) >= STRICT_UTF8:
        # Single-byte text is valid UTF-8 only by accident, and the accident does not repeat:
        # a letter's accented letter must be followed by just the right signs each time.
        return _checked(utf8, source)
    dutch = _single_byte_dutch(data)
    # A short cp1252 or Mac text can happen to be valid UTF-8 («é» in Mac Roman, then «€», reads
    # as one Arabic letter): UTF-8 wins unless its reading is implausible and a single-byte one
    # is more plausible (the single-byte reading of UTF-8, «â€“» for «–», can look plausible).
    if utf8 is not None and (dutch is None or _plausibility(utf8) >= min(0, _plausibility(data.decode(dutch)))):
        return _checked(utf8, source)
    if dutch is not None:
        return _decoded(data, dutch, source)
    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    # OCR tools on Windows write cp1252; detectors sometimes guess a cousin that garbles ë.
    if encoding.replace("_", "").lower() in {"latin1", "iso88591", "cp1250", "iso88592", "maccyrillic"}:
        encoding = "cp1252"
    return _decoded(data, encoding, source)


# The single-byte code pages Dutch text is found in, most common first (ties go to the first).
# Characters beyond ASCII in a text that is all valid UTF-8, from which it is read as UTF-8
# whatever a single-byte reading looks like (a table drawn with box characters reads as signs).
STRICT_UTF8 = 3
SINGLE_BYTE = ("cp1252", "iso-8859-15", "mac_roman", "cp850")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_DUTCH_ACCENTS = set("éèëêïíöóôüúûáàäâç")
_PUNCTUATION = set("«»“”‘’„€–—…·\u00a0")
# The accented letters a Dutch word ends on: «Italië», «café», «ideeën» ends on n.
_WORD_FINAL = set("ëé")


def _plausibility(text: str) -> int:
    """How much the non-ASCII characters of `text` look like those of a Dutch letter."""
    score = 0
    for match in _NON_ASCII.finditer(text):
        c, before = match.group(), text[match.start() - 1:match.start()]
        after = text[match.end():match.end() + 1]
        kind = unicodedata.category(c)
        if c in _PUNCTUATION:
            continue
        if kind == "Ll" and before.isalpha() and not after.isalpha() and c not in _WORD_FINAL:
            score -= 1  # «verslagö.»: cp850's ö where cp1252 has a closing quote; Dutch ends no word so
        elif kind == "Ll" and (before.isalpha() or after.isalpha()):  # in a word, not « û » for « – »
            score += 2 if c in _DUTCH_ACCENTS else 1
        elif kind == "Lu" and not before.islower() and after.isalpha():
            continue  # a capital that starts a word: «Één», «Österreich»
        else:
            score -= 1  # a capital inside a word, a sign, a box-drawing line, a control
    return score


def _single_byte_dutch(data: bytes) -> str | None:
    """The code page that reads the bytes as Dutch text is written: «Roemenië», «€ 10 mln».

    These code pages agree on ASCII and differ only in the other bytes. Read right, those are
    lower-case letters, most often ones Dutch uses (ë, é, ï), quotation marks and the euro sign;
    read wrong they turn into capitals inside words and signs («RoemeniÈ», «genodigdenª»,
    «AustraliŽ», «¤ 10 mln»). The most plausible reading wins, the first of equals; None when
    no reading is plausible and none is better than the others. A general detector, with little
    text to go on, guesses a cousin that garbles ë.
    """
    scores = []
    for codec in SINGLE_BYTE:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        scores.append((_plausibility(text), codec))
    if not scores:
        return None
    best = max(scores, key=lambda item: item[0])  # max keeps the first of equals
    rest = [score for score, codec in scores if codec != best[1]]
    # Plausible, or the only reading that is not wrong (a text whose only non-ASCII is «»).
    return best[1] if best[0] > 0 or all(score < best[0] for score in rest) else None


def _decoded(data: bytes, codec: str, source: str) -> str:
    try:
        text = _whole(data, codec)
    except (UnicodeDecodeError, LookupError) as error:
        raise ReadError(f"{source}: cannot be decoded as text ({error})") from None
    return _checked(text, source)


def _whole(data: bytes, codec: str) -> str:
    """`data` decoded; an incomplete character at the very end (a file cut short) is left out."""
    if codec == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf"):
        data, codec = data[3:], "utf-8"  # so that the error positions count in `data`
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        if error.end == len(data) and ("end of data" in error.reason or "truncated" in error.reason):
            return data[: error.start].decode(codec)
        raise


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a damaged copy), read as UTF-8: its many accented letters
    say what it is, and reading it as cp1252 instead would garble every one of them («Ã«»)."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    accented = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    return text if accented >= 4 and accented >= 4 * broken else None


# Unicode's control characters (category Cc) but the line breaks, tab and form feed a letter has.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _checked(text: str, source: str) -> str:
    controls = len(CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise ReadError(f"{source}: is a binary file, not a text letter")
    return text.lstrip("\ufeff")


def parse_size(value: str | int, setting: str = "size") -> int:
    """A byte count: 1048576, 500k, 20M, 1G (powers of 1024; a B or iB after the unit is fine)."""
    match = re.fullmatch(r"\s*(\d+)\s*(?:([kmg])(?:i?b)?|b)?\s*", str(value), re.IGNORECASE)
    if not match:
        raise NatokgError(f"{setting}: expected a size such as 20M or 500k, not {str(value)!r}")
    return int(match[1]) * 1024 ** " kmg".index((match[2] or " ").lower())


def max_bytes_setting() -> int:
    """The largest letter natokg reads: $NATOKG_MAX_BYTES, else DEFAULT_MAX_BYTES (20 MiB)."""
    configured = os.environ.get("NATOKG_MAX_BYTES", "").strip()
    return parse_size(configured, "NATOKG_MAX_BYTES") if configured else DEFAULT_MAX_BYTES


def read_letter(path: str | Path, max_bytes: int | None = None) -> Text:
    """Read, decode and repair one letter file; ReadError names the file and the problem.

    Only regular files are read, and never more than `max_bytes` (default
    `max_bytes_setting()`) bytes of them, so a device, a pipe or a file that grows while it is
    read cannot make natokg hang or fill its memory.
    """
    path = Path(path)
    limit = max_bytes_setting() if max_bytes is None else max_bytes
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise ReadError(f"{path}: is {what}, not a letter")
        if info.st_size > limit:
            raise ReadError(f"{path}: is {info.st_size} bytes, above the limit of {limit}"
                            " (raise it with --max-size or NATOKG_MAX_BYTES)")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise ReadError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise ReadError(f"{path}: is more than {limit} bytes, above the limit"
                        " (raise it with --max-size or NATOKG_MAX_BYTES)")
    return letter_text(data, path.name, str(path))


HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


def letter_kind(data: bytes, name: str = "") -> str:
    """"pdf", "html" or "text": by the first bytes or the file name."""
    if b"%PDF" in data[:1024] or name.lower().endswith(".pdf"):
        return "pdf"  # the PDF reader says what is wrong with a damaged one
    head = data[:2048].removeprefix(b"\xef\xbb\xbf")
    if _HTML_START.match(head) or (name.lower().endswith(HTML_SUFFIXES) and head.lstrip().startswith(b"<")):
        return "html"
    return "text"


def letter_text(data: bytes, name: str, where: str | None = None) -> Text:
    """One letter's bytes -> Text, whatever the format: PDF (text layer or scan), HTML or text.

    `name` is the file name the letter is known by (it makes its IRI); `where` names it in
    errors (default: `name`). PDF and HTML readers are imported only for such files. For a PDF
    or an HTML page, `Text.original` is the text read from it, and spans point into that.
    """
    where = where or name
    kind = letter_kind(data, name)
    if kind == "text":
        return repair(decode(data, where), name)
    if kind == "pdf":
        from kg.sources.pdf import read_pdf

        document = read_pdf(data, where)
    else:
        from kg.sources.html import read_html

        document = read_html(data, where)
    text = repair(document.text, name)
    return replace(text, pages=document.pages, header=document.header or text.header)


# ---------------------------------------------------------------- repair with an offset map


class _Rewrite:
    """Text plus its offsets into the original, rewritten by non-overlapping edits."""

    def __init__(self, original: str):
        self.text = original
        self.offsets = list(range(len(original) + 1))

    def apply(self, edits: list[tuple[int, int, str]]) -> None:
        if not edits:
            return
        pieces: list[str] = []
        offsets: list[int] = []
        position = 0
        for start, end, replacement in sorted(edits):
            if start < position:
                continue  # overlapping edit: the earlier one wins
            pieces.append(self.text[position:start])
            offsets.extend(self.offsets[position:start])
            pieces.append(replacement)
            offsets.extend(self._aligned(start, end, replacement))
            position = end
        pieces.append(self.text[position:])
        offsets.extend(self.offsets[position:])
        self.text = "".join(pieces)
        self.offsets = offsets

    def _aligned(self, start: int, end: int, replacement: str) -> list[int]:
        """Offsets for a replacement: shared prefix and suffix map exactly, the rest in order."""
        old = self.text[start:end]
        if end == start:
            return [self.offsets[start]] * len(replacement)
        prefix = 0
        while prefix < min(len(old), len(replacement)) and old[prefix] == replacement[prefix]:
            prefix += 1
        suffix = 0
        while (suffix < min(len(old), len(replacement)) - prefix
               and old[-1 - suffix] == replacement[-1 - suffix]):
            suffix += 1
        result = []
        for k in range(len(replacement)):
            if k < prefix:
                result.append(self.offsets[start + k])
            elif k >= len(replacement) - suffix:
                result.append(self.offsets[end - (len(replacement) - k)])
            else:
                result.append(self.offsets[min(start + k, end - suffix - 1)])
        return result

    def substitute(self, pattern: re.Pattern, replace) -> None:
        edits = []
        for match in pattern.finditer(self.text):
            replacement = replace(match) if callable(replace) else match.expand(replace)
            if replacement is not None and replacement != match.group(0):
                edits.append((match.start(), match.end(), replacement))
        self.apply(edits)


CONJUNCTIONS = {"en", "of", "tot", "als", "noch", "dan"}
VOWELS = set("aeiouy")


@lru_cache(maxsize=65536)
def known(word: str) -> bool:
    return zipf_frequency(word.lower(), "nl") >= 1.0


def join_hyphenated(left: str, right: str) -> str:
    """How `left-` at a line end (or `left- right` split by OCR) and `right` belong together."""
    head = right.split("-")[0]
    if head.lower() in CONJUNCTIONS:
        return f"{left}- {right}"  # "zoek- en reddingsteam": an elided compound
    if left[-1].isupper() or left[-1].isdigit() or right[0].isupper():
        return f"{left}-{right}"  # NAVO-EU, F-16-trainingscentrum, Noord-Atlantische
    if known(left + head) or known(left + head.replace("1", "l").replace("|", "l")):
        return left + right  # "Zwitser-\n1and": a misread letter is mended later, as in any word
    if left[0].isupper() and fold(left + head).casefold() in _name_words():
        return left + right  # "Bosnië-Herze-\ngowina": a name's word cut at the line's end
    if left[0].isupper():
        return f"{left}-{right}"  # Noordzee-landen: a proper noun keeps its hyphen
    if left[-1].lower() in VOWELS and head[0].lower() in VOWELS:
        return f"{left}-{right}"  # klinkerbotsing: energie-infrastructuur, defensie-uitgaven
    return left + right


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """The words of country names as a Dutch letter writes them, folded: wordfreq does not know
    «Herzegowina», so that a line's end cut it tells nothing."""
    from kg.extract.places import country_forms

    return frozenset(word for form in country_forms() for word in re.split(r"[\s-]+", form) if len(word) > 3)


_WORD = r"[^\W\d_]"
LIGATURES = re.compile("[\ufb00-\ufb06]")
COMBINING = re.compile(r".[\u0300-\u036f]+")
EURO_IN_WORD = re.compile(rf"€(?<={_WORD}€)(?={_WORD})")
PAGE_NUMBER_LINE = re.compile(r"(?m)^[ \t]*\d{1,3}[ \t]*\n")
LINE_HYPHEN = re.compile(rf"(?<!{_WORD})({_WORD}+)[-¬‐]\n[ \t]*([^\W_][\w-]*)")
SPACE_HYPHEN = re.compile(rf"\b({_WORD}+)- ([a-zà-ÿ][\w-]*)")
CONFUSED_WORD = re.compile(rf"\b{_WORD}*(?:rn|[10I|]){_WORD}*\b")
STRAY = re.compile(r"[|·¦'’i](?:(?<=\s[|·¦'’])(?=\s)|(?<=\s\|)(?=\w)|(?<=\w·)(?=\s)|(?<=\w i)(?= [a-z]))")
# A footnote's number set as a superscript (how kg.sources writes the marks of PDF and HTML): "c.s.¹".
SUPERSCRIPT_MARK = re.compile(r"[⁰¹²³⁴-⁹](?<=[\w.,;:)”»’'][⁰¹²³⁴-⁹])[⁰¹²³⁴-⁹]*")
FOOTNOTE_MARK = re.compile(r"[”?](?<=[\w.)][”?])(?=[\s.,;:)])")
# Roman session numbers as OCR reads a sans-serif I: "Sessie |:", "Sessie Il", "sessies | en Ill".
_ROMANISH = r"[IVX|l]{1,4}"
ROMAN_SESSIONS = re.compile(rf"\b(?:[Ww]erk)?(?:[Ss]essies?|SESSIES?)[ \t]+{_ROMANISH}(?:[ \t]*(?:,|&|en|-|–)[ \t]*{_ROMANISH})*"
                            r"(?=[ \t]*[:.,;)\n]|[ \t]|$)")
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
FOOTNOTE_LINE = re.compile(r"(?m)^[ \t]*(?:(T|\?|”|\*)|(\d{1,2}))[ \t]+(?=[A-Z])")


def _confusion_fix(match: re.Match) -> str | None:
    word = match.group(0)
    if sum(c.isalpha() for c in word) < 3:
        return None  # "l0", "I": too short to tell a misread from a code or a numeral
    if known(word) and not re.search(r"[0-9|]", word):
        return None
    candidates = [word.replace("rn", "m")]
    fixed = word.replace("|", "l").replace("1", "l")
    fixed = re.sub(r"(?<=[a-z])I|(?<![A-Z])I(?=[a-z]{2})", "l", fixed) if not word.isupper() else fixed
    fixed = re.sub(r"^0(?=[a-z])", "O", fixed).replace("0", "o")
    candidates += [fixed, fixed.replace("rn", "m")]
    for candidate in candidates:
        if candidate != word and known(candidate):
            return candidate
    return None


def _roman_sessions(match: re.Match) -> str:
    def mended(token: re.Match) -> str:
        roman = token.group(0).replace("|", "I").replace("l", "I")
        return roman if roman != token.group(0) and _ROMAN.fullmatch(roman) else token.group(0)

    head, _, rest = match.group(0).partition(" ") if " " in match.group(0) else (match.group(0), "", "")
    return head + " " + re.sub(r"[IVX|l]+", mended, rest) if rest else match.group(0)


def _footnote_lines(text: str) -> list[tuple[int, int, str]]:
    """Footnote texts: drop the (often misread) marker so that each note reads as its own prose.

    A misread marker (T, ?, ”, *) can open a footnote anywhere after a paragraph; a plain number
    only in the second half, where it cannot be a numbered heading ("2 Steun aan Oekraïne").
    """
    edits = []
    for match in FOOTNOTE_LINE.finditer(text):
        if match.group(2) and match.start() < len(text) // 2:
            continue
        previous = text[: match.start()].rstrip(" \t")
        previous_line = previous[:-1].rsplit("\n", 1)[-1].strip() if previous.endswith("\n") else None
        if previous_line is not None and (not previous_line or previous_line.endswith((".", ")"))):
            edits.append((match.start(), match.end(), "\n"))
    return edits


# UTF-8 read as cp1252 (or Latin-1) and saved again: «AustraliÃ«», «19â€“20», «nr.Â 121». Each
# character of cp1252's upper half stands for one byte; a lead byte and its continuation bytes
# spell one character. Mended one sequence at a time (not by re-decoding the whole text, as ftfy
# does) so that every mended character keeps its place in the file.
_CP1252_HIGH = bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
_TO_CP1252_BYTE = {c: c.encode("cp1252") for c in _CP1252_HIGH} | {chr(b): bytes([b]) for b in range(0x80, 0xA0)}
_CONTINUATION = "[" + "".join(re.escape(c) for c in _TO_CP1252_BYTE if 0x80 <= _TO_CP1252_BYTE[c][0] < 0xC0) + "]"
MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONTINUATION}|[\u00e0-\u00ef]{_CONTINUATION}{{2}}|[\u00f0-\u00f4]{_CONTINUATION}{{3}}")
MOJIBAKE_LEAST = 2  # one such pair can be meant («Ç’»); two are a text encoded twice


def _mojibake_fix(match: re.Match) -> str | None:
    try:
        return b"".join(_TO_CP1252_BYTE[c] for c in match.group(0)).decode("utf-8")
    except UnicodeDecodeError:
        return None


# A Kamerstuk's page footer in a text read from print: "Tweede Kamer, vergaderjaar 1998–1999,
# 26 200 V, nr. 68   2". It can fall inside a sentence, even inside a reference it cuts in two
# ("kamerstuk 26 200 [footer] V, nr. 41"). A line like it is a footer when it ends on its page
# number or repeats; one that does neither may be a footnote citing another Kamerstuk.
RUNNING_FOOTER = re.compile(
    r"(?m)^[ \t]*(?:'s-Gravenhage[ \t]+\d{4}[ \t]+)?(?P<footer>(?:Tweede|Eerste)\s+Kamer,\s+vergaderjaar\s+\d{4}\s*[-–—/]\s*\d{2,4}\s*,[^\n]{0,40}?"
    r"\bnr\.?\s*\d{1,5})(?P<page>[ \t]+\d{1,3})?[ \t]*$")


COLOPHON_LINE = re.compile(r"(?m)^[ \t]*(?:kst-\d[\w-]*|ISSN[ \t]+[\d \t-]+X?)[ \t]*\Z")


def _running_footers(text: str) -> tuple[list[tuple[int, int, str]], str | None]:
    """Edits that take page footers out, joining what they cut; and the first footer."""
    found = [(match, " ".join(match["footer"].split())) for match in RUNNING_FOOTER.finditer(text)]
    counts = Counter(footer for _, footer in found)
    edits, first = [], None
    for match, footer in found:
        if not match["page"] and counts[footer] < 2:
            continue
        first = first or footer
        start, end = match.start(), match.end()
        while True:  # and the first page's colophon above it: "kst-28676-239", "ISSN 0921 - 7371"
            while start > 0 and text[start - 1] in " \t\n":
                start -= 1
            colophon = COLOPHON_LINE.search(text, 0, start)
            if colophon is None:
                break
            start = colophon.start()
        while end < len(text) and text[end] in " \t\n":
            end += 1
        # A sentence that ended before the footer keeps its paragraph break; one it cut goes on.
        ended = start == 0 or text[start - 1] in ".:;!?)»”" or end == len(text)
        edits.append((start, end, "\n\n" if ended else "\n"))
    return edits, first


def repair(original: str, source: str) -> Text:
    rewrite = _Rewrite(original)
    rewrite.substitute(re.compile(r"\r\n?"), "\n")
    notes = []
    garbled = [m for m in MOJIBAKE.finditer(original, 0, 200_000) if _mojibake_fix(m)]
    if len(garbled) >= MOJIBAKE_LEAST:
        rewrite.substitute(MOJIBAKE, _mojibake_fix)
        first = garbled[0]
        notes.append((first.start(), first.end(), f"the text was encoded twice (UTF-8 read as cp1252): "
                      f"{len(garbled)} characters such as «{first.group(0)}» are read as «{_mojibake_fix(first)}»"))
    rewrite.substitute(COMBINING, lambda m: unicodedata.normalize("NFC", m.group(0)))
    rewrite.substitute(LIGATURES, lambda m: unicodedata.normalize("NFKC", m.group(0)))
    rewrite.substitute(EURO_IN_WORD, "")
    rewrite.substitute(SUPERSCRIPT_MARK, "")
    footers, footer = _running_footers(rewrite.text)
    rewrite.apply(footers)
    rewrite.substitute(PAGE_NUMBER_LINE, "")
    rewrite.apply(_footnote_lines(rewrite.text))
    rewrite.substitute(FOOTNOTE_MARK, "")
    rewrite.substitute(LINE_HYPHEN, lambda m: join_hyphenated(m.group(1), m.group(2)))
    rewrite.substitute(SPACE_HYPHEN, lambda m: join_hyphenated(m.group(1), m.group(2)))
    rewrite.substitute(ROMAN_SESSIONS, _roman_sessions)
    rewrite.substitute(STRAY, "")
    rewrite.substitute(CONFUSED_WORD, _confusion_fix)
    return Text(source, original, rewrite.text, tuple(rewrite.offsets), header=footer, notes=tuple(notes))


# ---------------------------------------------------------------- matching helpers


@lru_cache(maxsize=32)
def fold(text: str) -> str:
    """Same length as `text`, accents stripped: é, ë and e compare equal, offsets unchanged.

    Cached: extractors fold the same whole letter for every window they search in it.
    """
    return text.translate(_FOLDED)


class _FoldTable(dict):
    """str.translate's table for `fold`, filled as characters come: each character maps to the
    first character of its canonical decomposition (é -> e). Ten times faster than decomposing
    every character anew, which was a tenth of extraction time."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = unicodedata.normalize("NFD", chr(code))[0]
        return folded


_FOLDED = _FoldTable()
