"""Fuzzing: corpus letters mutated (characters and lines dropped, duplicated and swapped,
truncated, re-encoded, control characters injected) never make the reader, the extractor or the
mapping raise anything but natokg's own one-line errors, and every graph they produce either
passes the shapes and is stored exactly as validated, or is refused.

The suite runs a bounded number of examples (profile "suite", a few seconds); `make fuzz`
runs many more (HYPOTHESIS_PROFILE=fuzz, or NATOKG_FUZZ_EXAMPLES=N for as many as you like).
"""
from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, LETTERS
from letter_variants import encodable_in
from kg import pipeline
from kg.errors import NatokgError
from kg.extract import extract
from kg.store import OxigraphStore, to_ox
from kg.text import decode, letter_text
from kg.triples import letter_graph

_FAST = dict(deadline=None, database=None, derandomize=False,
             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("suite", max_examples=25, **_FAST)
settings.register_profile("fuzz", max_examples=int(os.environ.get("NATOKG_FUZZ_EXAMPLES", 1500)),
                          deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "suite")
# The full path with validation costs ~0.2 s an example: a fifth as many of those.
THOROUGH = settings.get_profile(PROFILE).max_examples
VALIDATED = max(6, THOROUGH // 5)

SOURCES = sorted(CORPUS.glob("*.txt")) + sorted(LETTERS.glob("*.txt"))
TEXTS = {path.name: path.read_text("utf-8") for path in SOURCES}
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "iso-8859-15",
          "mac_roman", "cp850", "latin-1"]
CONTROLS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
            "\ufeff", "\ufffd", "\u200b", "\u00ad", "\r", "\t", "\n\n", "\U0001d11e", "\ud800"]
KINDS = ["drop-char", "duplicate-char", "swap-chars", "drop-line", "duplicate-line", "swap-lines",
         "truncate", "inject", "inject-run", "repeat-line"]

mutation = st.tuples(st.sampled_from(KINDS), st.floats(0, 1), st.floats(0, 1), st.sampled_from(CONTROLS),
                     st.integers(1, 200))


def mutate(text: str, kind: str, a: float, b: float, control: str, times: int) -> str:
    n = len(text)
    i, j = int(a * n), int(b * n)
    lines = text.split("\n")
    k, m = int(a * len(lines)) % len(lines), int(b * len(lines)) % len(lines)
    if kind == "drop-char":
        return text[:i] + text[i + 1:]
    if kind == "duplicate-char":
        return text[:i + 1] + text[i:]
    if kind == "swap-chars" and i + 1 < n:
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if kind == "drop-line":
        return "\n".join(lines[:k] + lines[k + 1:])
    if kind == "duplicate-line":
        return "\n".join(lines[:k + 1] + lines[k:])
    if kind == "swap-lines":
        lines[k], lines[m] = lines[m], lines[k]
        return "\n".join(lines)
    if kind == "truncate":
        return text[:i]
    if kind == "inject":
        return text[:i] + control + text[i:]
    if kind == "inject-run":
        return text[:i] + control * times + text[i:]
    if kind == "repeat-line":  # a line repeated many times: a regex that backtracks shows here
        return "\n".join(lines[:k] + [lines[k]] * times + lines[k:])
    return text


def encode(text: str, codec: str, cut: float | None) -> bytes:
    data = text.encode(codec, errors="replace" if codec != "utf-8" else "surrogatepass")
    return data if cut is None else data[: int(cut * len(data))]


letters = st.tuples(st.sampled_from(sorted(TEXTS)), st.lists(mutation, min_size=1, max_size=6),
                    st.sampled_from(CODECS), st.none() | st.floats(0, 1))


def mutated(case) -> tuple[str, bytes]:
    name, mutations, codec, cut = case
    text = TEXTS[name]
    for step in mutations:
        text = mutate(text, *step)
    return name, encode(text, codec, cut)


def one_line(error: NatokgError, name: str) -> None:
    message = str(error)
    assert message and "\n" not in message and name in message, message


@settings(settings.get_profile(PROFILE))
@given(letters)
def test_reading_extracting_and_mapping_raise_only_natokg_errors(case):
    name, data = mutated(case)
    try:
        text = letter_text(data, name)
    except NatokgError as error:
        one_line(error, name)
        return
    facts = extract(text)  # must not raise: a letter's text is whatever it is
    for span in _spans(facts):
        assert text.original[span.start:span.end] == span.text  # provenance points at the file
    letter_graph(facts)  # must not raise either: the shapes judge the facts, not the mapping


@settings(settings.get_profile(PROFILE), max_examples=VALIDATED)
@given(letters)
def test_every_graph_passes_the_shapes_and_is_stored_as_validated_or_is_refused(case):
    name, data = mutated(case)
    outcome, graph = pipeline.prepare(Path(name), data=data, name=name)  # read, extract, map, validate
    if outcome.error is not None:
        assert graph is None
        one_line(outcome.error, name)
        return
    with OxigraphStore() as store:
        store.replace_graph(outcome.graph, graph)
        stored = {f"{q.subject} {q.predicate} {q.object}" for q in store.oxigraph}
    assert stored == {" ".join(str(to_ox(t)) for t in triple) for triple in graph}


@settings(settings.get_profile(PROFILE))
@given(st.sampled_from(sorted(TEXTS)), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                                      "utf-32", "utf-32-be", "cp1252", "mac_roman"]),
       st.floats(0.05, 1))
# A cp1252 text whose only non-ASCII byte is a closing quote after a word read as cp850 («verslagö»).
@example("dev-2023-10-defence-agenda.txt", "cp1252", 0.125)
def test_a_letter_cut_short_reads_as_the_start_of_the_letter(name, codec, cut):
    """Regression: a UTF-8 file cut inside an «ë» was read whole as cp1252 («Ã«» everywhere),
    and a UTF-16 or UTF-32 file cut inside a character was refused."""
    original = encodable_in(codec, TEXTS[name])
    data = original.encode(codec)
    try:
        text = decode(data[: int(cut * len(data))], name)
    except NatokgError as error:  # only when nothing but blank space is left
        assert "empty" in str(error) and not original.encode(codec)[: int(cut * len(data))].strip(b"\0 \n\xff\xfe")
        return
    assert original.startswith(text) and len(text) >= len(original) * cut // 4 - 4



def _spans(facts):
    letter = facts.letter
    yield from (s for s in (letter.span, getattr(letter, "kamerstuk_span", None)) if s is not None)
    if facts.meeting:
        yield facts.meeting.span
    for group in (facts.sessions, facts.participations, facts.funds, facts.contributions, facts.motions,
                  facts.documents, facts.countries):
        yield from (item.span for item in group)
    yield from (issue.span for issue in facts.issues if issue.span is not None)
