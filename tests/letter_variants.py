"""Many distinct letters made from the corpus, for tests that need a few hundred of them.

Each variant is a corpus letter with every year shifted by the same number (so the letter's
date, its meeting and the motions it cites stay consistent with each other), optionally its
meeting city swapped for another NATO venue, under its own file name. The variants are
different letters to natokg: their own letter graphs, meetings on other days, in other places.
"""
from __future__ import annotations

import re
from pathlib import Path

from conftest import CORPUS

YEAR = re.compile(r"\b(20[12]\d)\b")
# Dutch city names as the letters write them; each swap keeps the text a plausible letter.
CITIES = {"Brussel": "Riga", "Boekarest": "Tallinn", "Vilnius": "Madrid", "Oslo": "Helsinki",
          "Praag": "Rome", "Washington": "Ottawa"}


def shift_years(text: str, years: int) -> str:
    return YEAR.sub(lambda m: str(int(m.group(1)) + years), text)


def swap_cities(text: str) -> str:
    for city, other in CITIES.items():
        text = re.sub(rf"\b{city}\b", other, text)
    return text


def variants(folder: Path, count: int, sources: list[Path] | None = None) -> list[Path]:
    """Write `count` letters into `folder` (created), each a distinct variant; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sources or sorted(CORPUS.glob("*.txt"))
    texts = [(path.stem, path.read_text("utf-8")) for path in sources]
    written: list[Path] = []
    shift = 0
    while len(written) < count:
        shift += 1
        for swapped in (False, True):
            for stem, text in texts:
                if len(written) == count:
                    return written
                variant = shift_years(text, 4 * shift)  # whole leap cycles: 29 February stays a real day
                if swapped:
                    variant = swap_cities(variant)
                path = folder / f"{stem}-plus{4 * shift}y{'-swapped' if swapped else ''}.txt"
                path.write_text(variant, "utf-8")
                written.append(path)
    return written


def encodable_in(codec: str, text: str) -> str:
    """The text with every character the codec cannot write replaced by '?'."""
    return text.encode(codec, errors="replace").decode(codec)
