import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = FIXTURES / "corpus"
LETTERS = FIXTURES / "letters"


def corpus_letters() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))


def gold(path: Path) -> dict:
    return json.loads(path.with_suffix("").with_suffix(".gold.json").read_text("utf-8")) \
        if path.suffix == ".txt" and not path.name.endswith(".gold.json") else {}


@pytest.fixture
def seed_path() -> Path:
    return CORPUS / "seed-2022-11-bucharest.txt"
