"""bench/run.py end to end on a dozen letters: it runs and ends with its four lines for scripts.

The figures of so small a run mean nothing; the test is that the benchmark still works against
the current pipeline, CLI, store and query catalogue (make bench is not part of make test).
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parent.parent / "bench" / "run.py"


@pytest.mark.slow
def test_the_benchmark_runs_and_ends_with_four_lines(tmp_path):
    done = subprocess.run(
        [sys.executable, str(RUN), "--letters", "12", "--quick", "--jobs", "1", "--query-timeout", "30",
         "--workdir", str(tmp_path)],
        capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-4:]
    assert [line.split("=")[0] for line in last] == ["letters_per_second", "flatness", "query_speedup",
                                                      "peak_rss_mib"]
    assert all(re.fullmatch(r"[a-z_]+=(?:[0-9.]+|nan|inf)", line) for line in last)
    assert "letters stored" in done.stdout and "12 " in done.stdout
    # Each stored query: its kept result, its evaluation and its first answer, against rdflib.
    assert "evaluated" in done.stdout and "first answer" in done.stdout
    assert re.search(r"\n\s*letters\s.*evaluated [0-9.]+ ms, first [0-9.]+ ms; rdflib", done.stdout)
    assert "results as text" in done.stdout and "table, 100 columns" in done.stdout and "before:" in done.stdout
    # After a change to the store, the answers people were reading are evaluated again, then read back.
    assert re.search(r"answers evaluated again\s+[0-9.]+ s\s+11 kept answers", done.stdout)
    assert "slowest first answer after it" in done.stdout
