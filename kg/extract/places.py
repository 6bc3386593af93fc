"""Countries, organisations and cities named in Dutch, in any inflection and OCR spelling.

Names come from CLDR (Babel) through `kg.reference`; the Dutch adjectives and variants CLDR
lacks come from `kg/data/country-forms-nl.csv`. Matching runs on folded text (é, ë, e equal).
"""
from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.reference import cities, country_labels
from kg.text import fold

EUROPEAN_UNION = "EU"
# Ways a letter names the EU as a participant: the union, its institutions and its envoy.
EU_FORMS = ("Europese Unie", "EU", "Hoge Vertegenwoordiger", "Europese Commissie", "Europese Raad",
            "European Union")


@dataclass(frozen=True)
class Mention:
    code: str
    start: int
    end: int
    kind: str  # "name", "adjective", "english" (a name in a quoted English title) or "organisation"


def data_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("kg.data").joinpath(name).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


# English country names that are also common words or names in a Dutch letter.
ENGLISH_AMBIGUOUS = {"Jordan", "Chad", "Turkey", "Jersey", "Guernsey", "Niger", "Guinea", "Isle of Man",
                     "Norfolk Island", "Christmas Island"}


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[str, str]]:
    """Folded form -> (code, kind)."""
    forms: dict[str, tuple[str, str]] = {}
    for code, (english, dutch) in country_labels().items():
        if english.endswith(" Island") and not dutch.lower().endswith(("eiland", "island")):
            # CLDR's Dutch "Norfolk" for Norfolk Island is also a county and a city (where NATO
            # has a command): the island is named as one.
            dutch += "eiland"
        for name in {dutch, dutch.replace(" en ", "-")}:
            forms[fold(name)] = (code, "name")
    for row in data_rows("country-forms-nl.csv"):
        forms[fold(row["form"])] = (row["code"], row["kind"])
    # Letters quote English titles ("Joint statement of the NATO-Georgia Commission", "Warsaw Summit
    # Declaration on Afghanistan"): a country's English name names it too, unless the word is also
    # a Dutch word or a person's name in a letter ("Jordan", "Chad").
    for code, (english, _) in country_labels().items():
        if english not in ENGLISH_AMBIGUOUS and " & " not in english and "(" not in english:
            forms.setdefault(fold(english), (code, "english"))
    # OCR reads «m» as «rn» ("Roernenië"): each name also as OCR misreads it.
    for form, value in list(forms.items()):
        if "m" in form:
            forms.setdefault(form.replace("m", "rn"), value)
    return forms


def country_forms() -> list[str]:
    """Every folded, lower-case form a country is named by: names, adjectives and variants."""
    return [form.casefold() for form in _forms()]


def _alternation(forms) -> str:
    variants, initials = set(), set()
    for form in forms:
        variants.update((re.escape(form), re.escape(form.upper())))
        initials.update((form[:1], form[:1].upper()))
    # "Verenigde\nStaten", "Den\nHaag": a name of several words may break over two lines.
    names = "|".join(v.replace(r"\ ", r"\s+") for v in sorted(variants, key=len, reverse=True))
    # Most places in a text cannot start a name: one look at the first character spares trying
    # every one of the hundreds of names there (countries() took a quarter of the time).
    return f"(?=[{''.join(re.escape(c) for c in sorted(initials))}])(?:{names})"


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern:
    # A digit may follow a name: a footnote marker glued to it ("Afghanistan5", "Georgia4").
    return re.compile(rf"(?<!\w)({_alternation(_forms())})(?![^\W\d])")


@lru_cache(maxsize=1)
def _organisation_pattern() -> re.Pattern:
    return re.compile(rf"(?<!\w)({_alternation(fold(f) for f in EU_FORMS)})(?![\w])")


# "New Jersey", "New Mexico": a place named after a country is not that country.
NEW_PLACE = re.compile(r"\b(?:New|Nieuw)[ -]$")


# "Navo-Oekraïne Commissie", "Nato-Rusland Raad": the alliance and a country, not one compound word.
ALLIANCE = {"Navo", "Nato"}


def _compound_prefix(folded: str, start: int) -> bool:
    """Noord-Korea is a country but Noord-Amerikaanse and Latijns-Amerika are not the US."""
    match = re.search(r"([A-Z][a-z]+)-$", folded[max(0, start - 20):start])
    return bool(match) and match.group(1) not in _forms() and match.group(1) not in ALLIANCE \
        and _adjective_stem(match.group(1)) is None


# "Noord-Syrië", "Oost-Oekraïne": a part of the country, so the country is named (but
# Noord-Amerika is a continent).
REGION_OF = re.compile(r"\b(?:Noord|Zuid|Oost|West|Midden|Centraal|Zuidoost|Noordoost|Zuidwest|Noordwest)-$", re.IGNORECASE)


# "de Grieks-Turkse betrekkingen", "een Noors-Fins initiatief": the first of two adjectives joined
# by a hyphen drops its ending.
COMPOUND_STEM = re.compile(r"([A-Z][a-z]+)-$")


def _adjective_stem(word: str) -> str | None:
    """The country whose adjective `word` is the stem of ("Grieks" of "Griekse"), else None."""
    for ending in ("e", "che"):
        for form in (word + ending, word.lower() + ending):
            code, kind = _forms().get(form, (None, None))
            if kind == "adjective":
                return code
    return None


def countries(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every country named in text[start:end], in order."""
    found, starts = _all_countries(text)
    end = len(text) if end is None else end
    return [m for m in found[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)] if m.end <= end]


@lru_cache(maxsize=16)
def _all_countries(text: str) -> tuple[tuple[Mention, ...], list[int]]:
    # Once a letter: every extractor asks for the countries of its sentences, and each scan folds
    # and searches the whole text.
    folded = fold(text)
    found = []
    for match in _country_pattern().finditer(folded):
        key = " ".join(match.group(1).split())
        code, kind = _forms().get(key) or _forms()[_title(key)]
        region = kind in ("name", "english") and fold(key).lower() != "amerika" and REGION_OF.search(folded, max(0, match.start() - 9), match.start())
        if (_compound_prefix(folded, match.start()) and not region) \
                or NEW_PLACE.search(folded, max(0, match.start() - 6), match.start()):
            continue
        stem = COMPOUND_STEM.search(folded, max(0, match.start() - 20), match.start()) \
            if kind == "adjective" and match.start() and folded[match.start() - 1] == "-" else None
        first = _adjective_stem(stem.group(1)) if stem else None
        if first and not (found and found[-1].start == stem.start(1)):
            found.append(Mention(first, stem.start(1), stem.end(1), "adjective"))
        found.append(Mention(code, match.start(), match.end(), kind))
    return tuple(found), [m.start for m in found]


def _title(upper: str) -> str:
    for form in _forms():
        if form.upper() == upper:
            return form
    raise KeyError(upper)


def organisations(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    folded = fold(text)
    return [Mention(EUROPEAN_UNION, m.start(), m.end(), "organisation")
            for m in _organisation_pattern().finditer(folded, start, len(text) if end is None else end)]


@dataclass(frozen=True)
class City:
    english: str
    dutch: str
    country: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _city_table() -> dict[str, tuple[str, str, str]]:
    table = {}
    for english, dutch, country in cities():
        for name in (dutch, english):
            table.setdefault(fold(name), (english, dutch, country))
    return table


@lru_cache(maxsize=1)
def _city_pattern() -> re.Pattern:
    return re.compile(rf"(?<![\w-])({_alternation(_city_table())})(?![\w])")


def find_cities(text: str, start: int = 0, end: int | None = None) -> list[City]:
    table = _city_table()
    found = []
    for match in _city_pattern().finditer(fold(text), start, len(text) if end is None else end):
        key = " ".join(match.group(1).split())
        entry = table.get(key) or next(v for k, v in table.items() if k.upper() == key)
        found.append(City(*entry, match.start(), match.end()))
    return found
