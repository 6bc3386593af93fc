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
def mini_store_dir(tmp_path) -> Path:
    """A store directory holding tests/fixtures/mini.trig (the Bucharest report), for tests that
    open the store themselves or through the CLI."""
    from kg.store import load_dataset, open_store

    path = tmp_path / "store"
    with open_store(path) as store:
        load_dataset(store, FIXTURES / "mini.trig")
    return path


@pytest.fixture
def seed_path() -> Path:
    return CORPUS / "seed-2022-11-bucharest.txt"


def require_tool(name: str, why: str) -> None:
    """Skip a test on a developer's machine without `name`, but fail it in CI, where .ci/run
    installs every tool the suite needs: a missing tool there is a broken build, not a skip."""
    import os
    import shutil

    if shutil.which(name) is None:
        message = f"{name} is not installed ({why}); .ci/run installs it from .ci/apt-packages.txt"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
