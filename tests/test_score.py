"""The shared gold score, run exactly as the team runs it: the `natokg` command, a fresh store,
the contract queries' JSON answers compared with the gold files, field by field."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS

SCORE = Path(__file__).resolve().parents[1].parent / "shared" / "tools" / "score.py"


def natokg_command() -> str:
    beside_python = Path(sys.executable).with_name("natokg")
    return str(beside_python) if beside_python.exists() else shutil.which("natokg") or ""


@pytest.mark.skipif(not SCORE.exists(), reason=f"the shared score tool is not at {SCORE}")
def test_corpus_scores_at_least_095_and_every_letter_at_least_09():
    done = subprocess.run([sys.executable, str(SCORE), str(CORPUS), "--natokg", natokg_command()],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    letters = {line.split()[0]: float(line.split()[-1]) for line in lines if line.split()[:1]
               and line.split()[0].endswith(".txt")}
    assert len(letters) == len(list(CORPUS.glob("*.txt")))
    assert all(score >= 0.9 for score in letters.values()), letters
    overall = float(lines[-1].split()[1])
    assert overall >= 0.95, done.stdout
