"""Step 1, letter -> text: decode a file, repair its OCR damage, keep a map back to the original.

Extractors read `Text.repaired`; every span they report is mapped back through `Text.span`
to the characters of the original decoded file, so provenance points at what the user has.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from charset_normalizer import from_bytes
from wordfreq import zipf_frequency

from kg.errors import ReadError
from kg.facts import Span

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Text:
    source: str
    original: str
    repaired: str
    offsets: tuple[int, ...]  # offsets[i]: index in `original` of repaired character i

    def span(self, start: int, end: int) -> Span:
        """The original-file span of repaired characters [start, end)."""
        start = max(0, min(start, len(self.repaired)))
        end = max(start, min(end, len(self.repaired)))
        first = self.offsets[start]
        last = self.offsets[end - 1] + 1 if end > start else first
        return Span(first, last, self.original[first:last])


# ---------------------------------------------------------------- decoding


def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOMs first, then strict UTF-8, UTF-16 by its zero bytes, then detection."""
    if not data.strip():
        raise ReadError(f"{source}: the file is empty")
    if data.startswith(b"%PDF"):
        raise ReadError(f"{source}: is a PDF; natokg reads plain-text letters (.txt) for now")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return _decoded(data, codec, source)
    sample = data[:4096]
    if sample.count(0) > len(sample) // 4:
        # UTF-16 without a BOM: every other byte of Latin text is zero.
        even_zero = sample[0::2].count(0) > sample[1::2].count(0)
        return _decoded(data, "utf-16-be" if even_zero else "utf-16-le", source)
    if b"\x00" in data:
        raise ReadError(f"{source}: is a binary file, not a text letter")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    # OCR tools on Windows write cp1252; detectors sometimes guess a cousin that garbles ë.
    if encoding.replace("_", "").lower() in {"latin1", "iso88591", "cp1250", "iso88592", "maccyrillic"}:
        encoding = "cp1252"
    return _decoded(data, encoding, source)


def _decoded(data: bytes, codec: str, source: str) -> str:
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError) as error:
        raise ReadError(f"{source}: cannot be decoded as text ({error})") from None
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise ReadError(f"{source}: is a binary file, not a text letter")
    return text.lstrip("\ufeff")


def read_letter(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Text:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(f"{path}: is {size} bytes, above the limit of {max_bytes}")
        data = path.read_bytes()
    except OSError as error:
        raise ReadError(f"{path}: cannot be read ({error.strerror or error})") from None
    return repair(decode(data, str(path)), path.name)


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
    if known(left + head):
        return left + right
    if left[0].isupper():
        return f"{left}-{right}"  # Noordzee-landen: a proper noun keeps its hyphen
    if left[-1].lower() in VOWELS and head[0].lower() in VOWELS:
        return f"{left}-{right}"  # klinkerbotsing: energie-infrastructuur, defensie-uitgaven
    return left + right


_WORD = r"[^\W\d_]"
LIGATURES = re.compile("[\ufb00-\ufb06]")
COMBINING = re.compile(r".[\u0300-\u036f]+")
EURO_IN_WORD = re.compile(rf"(?<={_WORD})€(?={_WORD})")
PAGE_NUMBER_LINE = re.compile(r"(?m)^[ \t]*\d{1,3}[ \t]*\n")
LINE_HYPHEN = re.compile(rf"({_WORD}+)[-¬‐]\n[ \t]*([^\W_][\w-]*)")
SPACE_HYPHEN = re.compile(rf"\b({_WORD}+)- ([a-zà-ÿ][\w-]*)")
CONFUSED_WORD = re.compile(rf"\b{_WORD}*(?:rn|[10I|]){_WORD}*\b")
STRAY = re.compile(r"(?<=\s)[|·¦'’](?=\s)|(?<=\s)\|(?=\w)|(?<=\w)·(?=\s)|(?<=\w )i(?= [a-z])")
FOOTNOTE_MARK = re.compile(r"(?<=[\w.)])[”?](?=[\s.,;:)])")
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


def repair(original: str, source: str) -> Text:
    rewrite = _Rewrite(original)
    rewrite.substitute(re.compile(r"\r\n?"), "\n")
    rewrite.substitute(COMBINING, lambda m: unicodedata.normalize("NFC", m.group(0)))
    rewrite.substitute(LIGATURES, lambda m: unicodedata.normalize("NFKC", m.group(0)))
    rewrite.substitute(EURO_IN_WORD, "")
    rewrite.substitute(PAGE_NUMBER_LINE, "")
    rewrite.apply(_footnote_lines(rewrite.text))
    rewrite.substitute(FOOTNOTE_MARK, "")
    rewrite.substitute(LINE_HYPHEN, lambda m: join_hyphenated(m.group(1), m.group(2)))
    rewrite.substitute(SPACE_HYPHEN, lambda m: join_hyphenated(m.group(1), m.group(2)))
    rewrite.substitute(STRAY, "")
    rewrite.substitute(CONFUSED_WORD, _confusion_fix)
    return Text(source, original, rewrite.text, tuple(rewrite.offsets))


# ---------------------------------------------------------------- matching helpers


def fold(text: str) -> str:
    """Same length as `text`, accents stripped: é, ë and e compare equal, offsets unchanged."""
    return "".join(unicodedata.normalize("NFD", c)[0] for c in text)
