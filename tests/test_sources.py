"""Real source formats: PDF with a text layer, scanned PDF (OCR), HTML pages, folders and stdin.

The PDFs and pages are made from the corpus letters during the test run (tests/make_letters.py):
a Kamerstuk-like PDF with a running header, page numbers and footnotes at the foot of page 1,
the same pages as an image-only PDF, and a web page with a menu and a cookie banner. Each must
give the facts of the letter's text: the shared gold score on a folder of them, and the facts
themselves letter by letter.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS, corpus_letters, require_tool
from make_letters import (
    BODY_MARK_SPLIT, html_page, kamerstuk_header, layout, scanned_pdf, split_notes, text_pdf,
)
from kg import pipeline, queries
from kg.cli import cli
from kg.errors import ReadError
from kg.extract import extract
from kg.extract.parliament import header_number, parliamentary_year
from kg.sources.html import read_html
from kg.sources.layout import SUPERSCRIPT_DIGITS, Line, Page, assemble
from kg.store import open_store
from kg.text import letter_kind, read_letter, repair
from test_score import SCORE, natokg_command

SEED = CORPUS / "seed-2022-11-bucharest.txt"
SESSION_4 = "https://w3id.org/natokg/id/meeting/foreign-ministers/2022-11-29/bucharest/session/4"
SEED_NUMBER = 901 + corpus_letters().index(SEED)  # the number of the seed's PDF in its running header


def header_for(letter: Path, index: int = 0) -> str:
    gold = json.loads(letter.with_suffix(".gold.json").read_text("utf-8"))
    year, month = map(int, gold["letter"]["date"].split("-")[:2])
    return kamerstuk_header(year, month, 901 + index)


def corpus_folder(folder: Path, make) -> Path:
    """Every corpus letter made into another format by `make(text, target, header)`, beside its gold."""
    folder.mkdir(parents=True, exist_ok=True)
    for index, letter in enumerate(corpus_letters()):
        shutil.copy(letter.with_suffix(".gold.json"), folder)
        make(letter.read_text("utf-8"), folder / letter.stem, header_for(letter, index))
    return folder


@pytest.fixture(scope="module")
def pdf_corpus(tmp_path_factory) -> Path:
    return corpus_folder(tmp_path_factory.mktemp("pdf"),
                         lambda text, stem, header: text_pdf(text, stem.with_suffix(".pdf"), header))


@pytest.fixture(scope="module")
def scan_corpus(tmp_path_factory) -> Path:
    return corpus_folder(tmp_path_factory.mktemp("scan"),
                         lambda text, stem, header: scanned_pdf(text, stem.with_suffix(".pdf"), header))


@pytest.fixture(scope="module")
def html_corpus(tmp_path_factory) -> Path:
    return corpus_folder(tmp_path_factory.mktemp("html"),
                         lambda text, stem, header: html_page(text, stem.with_suffix(".html"), "Kamerbrief"))


def score(folder: Path) -> tuple[float, dict[str, float], str]:
    done = subprocess.run([sys.executable, str(SCORE), str(folder), "--natokg", natokg_command()],
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    letters = {line.split()[0]: float(line.split()[-1]) for line in lines
               if line.split()[:1] and line.split()[0].endswith((".pdf", ".html"))}
    assert len(letters) == len(corpus_letters()), done.stdout
    return float(lines[-1].split()[1]), letters, done.stdout


def essentials(facts) -> dict:
    """The facts without where they stand (spans, file name): what must not depend on the format."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("span", "kamerstuk_span", "source")}
        if isinstance(value, (list, tuple)):
            return [strip(v) for v in value]
        return value

    data = strip(asdict(facts))
    data["letter"].pop("kamerstuk")
    data["letter"].pop("parliamentary_year")
    data["warnings"] = [w.split(": ", 1)[1] for w in data["warnings"]]
    data["countries"] = sorted(c["code"] for c in data["countries"])  # order of first mention may vary
    return data


# ---------------------------------------------------------------- the gold score per format


@pytest.mark.skipif(not SCORE.exists(), reason=f"the shared score tool is not at {SCORE}")
def test_text_layer_pdfs_score_at_least_095(pdf_corpus):
    overall, letters, output = score(pdf_corpus)
    assert overall >= 0.95, output
    assert all(value >= 0.9 for value in letters.values()), output


@pytest.mark.skipif(not SCORE.exists(), reason=f"the shared score tool is not at {SCORE}")
def test_scanned_pdfs_score_at_least_09(scan_corpus):
    require_tool("tesseract", "OCR of scanned PDFs")
    overall, letters, output = score(scan_corpus)
    assert overall >= 0.9, output


@pytest.mark.skipif(not SCORE.exists(), reason=f"the shared score tool is not at {SCORE}")
def test_html_pages_score_at_least_095(html_corpus):
    overall, _, output = score(html_corpus)
    assert overall >= 0.95, output


# ---------------------------------------------------------------- PDF with a text layer


@pytest.mark.parametrize("letter", corpus_letters(), ids=lambda p: p.stem)
def test_a_text_layer_pdf_gives_the_facts_of_its_text(pdf_corpus, letter):
    from_pdf = extract(read_letter(pdf_corpus / f"{letter.stem}.pdf"))
    assert essentials(from_pdf) == essentials(extract(read_letter(letter)))
    # The running header gives the letter its own number and parliamentary year.
    index = corpus_letters().index(letter)
    assert from_pdf.letter.kamerstuk == f"28676-{901 + index}"
    assert from_pdf.letter.parliamentary_year == re.search(r"(\d{4})–(\d{4})", header_for(letter)).expand(r"\1-\2")


def test_the_pdf_text_keeps_the_lines_and_leaves_out_headers_page_numbers_and_footnote_breaks(pdf_corpus):
    text = read_letter(pdf_corpus / f"{SEED.stem}.pdf")
    body, notes = split_notes(SEED.read_text("utf-8"))
    marks = iter(range(1, 10))
    expected = ["".join(str(next(marks)).translate(SUPERSCRIPT_DIGITS) if i % 2 else piece
                        for i, piece in enumerate(BODY_MARK_SPLIT.split(line.strip())))
                for line in body if line.strip()]
    expected += [f"{number} {line}" if index == 0 else line
                 for number, note in enumerate(notes, 1) for index, line in enumerate(note)]
    assert [line for line in text.original.splitlines() if line.strip()] == expected
    assert "vergaderjaar" not in text.original
    # The body runs on from page 1 to page 2 past the footnotes, which follow the signature.
    assert text.original.index("1 Motie Valstar") > text.original.index("W.B. Hoekstra")
    assert text.header == f"Tweede Kamer, vergaderjaar 2022–2023, 28 676, nr. {SEED_NUMBER}"
    # The raised footnote numbers are superscripts in the text read, and gone after repair.
    assert "Valstar c.s.¹ Internationale" in text.original
    assert "Valstar c.s. Internationale" in text.repaired and "Boswijk)" in text.repaired


def test_pdf_spans_name_the_page_they_stand_on(pdf_corpus, tmp_path):
    path = pdf_corpus / f"{SEED.stem}.pdf"
    runs, _ = layout(SEED.read_text("utf-8"), header_for(SEED, SEED_NUMBER - 901))
    page = next(run.page for run in runs if run.text.startswith("Sessie 4: kwetsbare landen"))
    text = read_letter(path)
    with open_store(tmp_path / "store") as store:
        [outcome] = pipeline.ingest_paths([path], store)
        assert outcome.ingested, outcome.error
        result = queries.run(store, "provenance", {"subject": SESSION_4})
        spans = [dict(zip(result.vars, map(str, row))) for row in result.rows]
        assert [(s["text"], s["page"]) for s in spans] == [("Sessie 4: kwetsbare landen", str(page))]
        assert all(text.original[int(s["start"]):int(s["end"])] == s["text"] for s in spans)
        dump = store.dump("nquads").decode()
    assert '<https://w3id.org/natokg/ontology#parliamentaryYear> "2022-2023"' in dump
    assert f'<https://w3id.org/natokg/ontology#kamerstuk> "28676-{SEED_NUMBER}"' in dump


# ---------------------------------------------------------------- scanned PDF


def test_a_scanned_pdf_reads_like_its_text(scan_corpus):
    require_tool("tesseract", "OCR of scanned PDFs")
    text = read_letter(scan_corpus / f"{SEED.stem}.pdf")
    facts, expected = extract(text), extract(read_letter(SEED))
    assert facts.meeting == replace(expected.meeting, span=facts.meeting.span)
    assert [(s.number, s.title) for s in facts.sessions] == [(s.number, s.title) for s in expected.sessions]
    assert {(p.party, p.role, p.session) for p in facts.participations} == {
        (p.party, p.role, p.session) for p in expected.participations}
    assert facts.letter.kamerstuk == f"28676-{SEED_NUMBER}" and facts.meeting.span.page == 1
    assert "vergaderjaar" not in text.original


def test_without_tesseract_a_scan_is_refused_saying_what_to_install(scan_corpus, monkeypatch):
    from kg.sources import ocr

    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(ReadError) as error:
        read_letter(scan_corpus / f"{SEED.stem}.pdf")
    message = str(error.value)
    assert f"{SEED.stem}.pdf" in message and "Tesseract is not installed" in message
    assert "apt-get install tesseract-ocr tesseract-ocr-nld" in message and "\n" not in message


def test_a_damaged_pdf_is_refused_in_one_line(pdf_corpus, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes((pdf_corpus / f"{SEED.stem}.pdf").read_bytes()[:2000])
    with pytest.raises(ReadError, match=r"broken\.pdf: is not a PDF that can be read"):
        read_letter(broken)
    renamed = tmp_path / "letter.pdf"
    renamed.write_bytes(b"Dit is geen PDF.\n")
    with pytest.raises(ReadError, match=r"letter\.pdf: is not a PDF that can be read"):
        read_letter(renamed)


# ---------------------------------------------------------------- HTML


@pytest.mark.parametrize("letter", corpus_letters(), ids=lambda p: p.stem)
def test_an_html_page_gives_the_facts_of_its_text(html_corpus, letter):
    text = read_letter(html_corpus / f"{letter.stem}.html")
    assert essentials(extract(text)) == essentials(extract(read_letter(letter)))
    for furniture in ("cookies", "Accepteren", "Hoofdmenu", "Ga direct naar inhoud", "Zie ook", "Privacy",
                      "dataLayer", "Documenten"):
        assert furniture not in text.original


def test_html_blocks_line_breaks_footnote_marks_and_hidden_parts():
    page = b"""<html><head><title>t</title><style>p {}</style></head><body>
    <div class="site-menu"><a href="/">Home</a></div>
    <div role="navigation">Onderwerpen</div>
    <article><h1>Verslag</h1>
    <p>De motie van het lid Valstar
       c.s.<sup><a href="#n1">1</a></sup> is uitgevoerd.</p>
    <p style="display: none">verborgen</p><p hidden>ook verborgen</p>
    <p>De Minister van Buitenlandse Zaken,<br>W.B. Hoekstra</p>
    <ol><li>een</li><li>twee</li></ol>
    <div class="voetnoten"><ol><li id="n1">Kamerstuk 36 200 X, nr. 26.</li></ol></div>
    </article><footer>Contact</footer></body></html>"""
    document = read_html(page, "brief.html")
    assert document.text == ("Verslag\n\nDe motie van het lid Valstar c.s.¹ is uitgevoerd.\n\n"
                             "De Minister van Buitenlandse Zaken,\nW.B. Hoekstra\n\n1. een\n\n2. twee\n\n"
                             "1 Kamerstuk 36 200 X, nr. 26.\n")
    with pytest.raises(ReadError, match="brief.html: the HTML page holds no text"):
        read_html(b"<html><body><nav>Home</nav><script>x()</script></body></html>", "brief.html")


def test_a_letter_in_pre_keeps_its_lines():
    page = "<html><body><pre>BRIEF VAN DE MINISTER\r\n\r\n\r\nDen Haag, 1 mei 2023\n  De Minister,\nX. Y</pre></body></html>"
    assert read_html(page.encode("cp1252"), "brief.htm").text == (
        "BRIEF VAN DE MINISTER\n\nDen Haag, 1 mei 2023\nDe Minister,\nX. Y\n")


@pytest.mark.parametrize("data, name, kind", [
    (b"%PDF-1.7\n", "brief.txt", "pdf"), (b"\n\n%PDF-1.4", "x", "pdf"), (b"garbage", "brief.pdf", "pdf"),
    (b"<!DOCTYPE html><html>", "x", "html"), (b"\xef\xbb\xbf <html lang=nl>", "x", "html"),
    (b"<p>brief</p>", "brief.htm", "html"), (b"<p>brief</p>", "brief.txt", "text"),
    (b"Den Haag, 16 december 2022", "brief.html", "text"), (b"BRIEF VAN DE MINISTER", "", "text"),
])
def test_the_format_is_told_by_the_first_bytes_and_the_name(data, name, kind):
    assert letter_kind(data, name) == kind


# ---------------------------------------------------------------- layout of paginated text


def _line(text: str, top: float, size: float = 10.0, left: float = 72.0, right: float | None = None) -> Line:
    return Line(text, left, top, right if right is not None else left + 5.0 * len(text), top + size, size)


def test_layout_drops_furniture_moves_footnotes_and_joins_a_paragraph_across_pages():
    pages = [
        Page(1, 595, 842, (
            _line("BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN", 80),
            _line("Sessie 1: Oekraïne", 110),
            _line("De ministers spraken over de steun die de bondgenoten aan Oekraïne", 140, right=450),
            _line("geven, en over de motie van het lid Valstar c.s.¹ die Nederland", 154, right=450),
            _line("1 Motie Valstar c.s. van 17 november 2022 over de Noordzee (Kamerstuk", 700, size=7.5),
            _line("36 200 X, nr. 26).", 710, size=7.5),
            _line("2 Zie ook de website.", 720, size=7.5),
            _line("1", 800, size=8),
        )),
        Page(2, 595, 842, (
            _line("Tweede Kamer, vergaderjaar 2022–2023, 28 676, nr. 424", 40, size=8),
            _line("steunt.", 80),
            _line("Sessie 2: Partners", 110),
            _line("Zweden nam als genodigde deel.", 140),
            _line("2", 800, size=8),
        )),
    ]
    document = assemble(pages)
    assert document.text == (
        "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n\nSessie 1: Oekraïne\n\n"
        "De ministers spraken over de steun die de bondgenoten aan Oekraïne\n"
        "geven, en over de motie van het lid Valstar c.s.¹ die Nederland\nsteunt.\n\n"
        "Sessie 2: Partners\n\nZweden nam als genodigde deel.\n\n"
        "1 Motie Valstar c.s. van 17 november 2022 over de Noordzee (Kamerstuk\n36 200 X, nr. 26).\n\n"
        "2 Zie ook de website.\n")
    assert document.header == "Tweede Kamer, vergaderjaar 2022–2023, 28 676, nr. 424"
    on_page = {document.text.index(s): s for s in ("steunt.", "Zweden", "1 Motie", "2 Zie")}
    text = replace(repair(document.text, "brief.pdf"), pages=document.pages)
    assert {s: text.page(offset) for offset, s in on_page.items()} == {
        "steunt.": 2, "Zweden": 2, "1 Motie": 1, "2 Zie": 1}


def test_running_headers_that_only_repeat_are_furniture_too():
    words = {1: "Eerste", 2: "Tweede", 3: "Derde"}
    pages = [Page(n, 595, 842, (_line(f"Ministerie van Defensie | Kamerbrief | {n}", 30, size=8),
                                _line(f"{words[n]} alinea.", 100))) for n in (1, 2, 3)]
    document = assemble(pages)
    assert document.text == "Eerste alinea.\n\nTweede alinea.\n\nDerde alinea.\n"
    assert document.header == "Ministerie van Defensie | Kamerbrief | 1"
    assert document.pages == ((0, 1), (16, 2), (32, 3))


# ---------------------------------------------------------------- repair and extraction of what the readers give


@pytest.mark.parametrize("damaged, mended", [
    ("het lid Valstar c.s.¹ Internationale", "het lid Valstar c.s. Internationale"),
    ("(Kamerstuk 36 200 X, nr. 26)² en", "(Kamerstuk 36 200 X, nr. 26) en"),
    ("Sessie |: Afschrikking", "Sessie I: Afschrikking"),
    ("deel aan de sessies | en Il, en", "deel aan de sessies I en II, en"),
    ("Sessie Ill: Nucleaire Planningsgroep", "Sessie III: Nucleaire Planningsgroep"),
    ("Sessie 1 en 2: Rusland", "Sessie 1 en 2: Rusland"),
])
def test_repair_drops_superscript_marks_and_mends_roman_session_numbers(damaged, mended):
    text = repair(damaged, "brief.pdf")
    assert text.repaired == mended
    assert text.span(0, len(text.repaired)).text == damaged


@pytest.mark.parametrize("text, number, year", [
    ("Tweede Kamer, vergaderjaar 2022–2023, 28 676, nr. 424", "28676-424", "2022-2023"),
    ("Tweede Kamer, vergaderjaar 2023-2024, 36 410 V, nr. 12 3", "36410-V-12", "2023-2024"),
    ("Tweede Kamer der Staten-Generaal\nVergaderjaar 2023/24\n28 676 NAVO Nr. 452", None, "2023-2024"),
    ("Ministerie van Defensie", None, None), (None, None, None),
])
def test_the_publication_header_gives_number_and_parliamentary_year(text, number, year):
    assert header_number(text) == number
    assert parliamentary_year(text) == year


# ---------------------------------------------------------------- folders, stdin, parallel work


def test_a_folder_with_bad_files_gives_the_summary_and_stores_only_the_letters(pdf_corpus, html_corpus, tmp_path):
    folder = tmp_path / "brieven"
    (folder / "2023").mkdir(parents=True)
    shutil.copy(SEED, folder)
    shutil.copy(pdf_corpus / "dev-2023-04-brussels-agenda.pdf", folder / "2023")
    shutil.copy(html_corpus / "dev-2023-06-oslo-informal.html", folder / "2023")
    (folder / "kapot.pdf").write_bytes((pdf_corpus / f"{SEED.stem}.pdf").read_bytes()[:3000])
    (folder / "leeg.txt").write_bytes(b"")
    (folder / "nieuws.html").write_text("<html><body><main><h1>Koningsdag</h1><p>Het weer wordt mooi in "
                                        "Amsterdam.</p></main></body></html>", "utf-8")
    (folder / "foto.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # no letter type: not looked at
    (folder / ".verborgen").mkdir()
    shutil.copy(SEED, folder / ".verborgen" / "kopie.txt")  # hidden folders are left alone
    store = tmp_path / "store"
    result = CliRunner().invoke(cli, ["--store", str(store), "ingest", "--jobs", "2", str(folder)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[-1] == "3 of 6 letters stored"
    summary = lines[lines.index(f"3 ingested, 3 refused, 1 warning; files in {folder}"):-1]
    rows = [" ".join(line.split()) for line in summary[3:]]
    assert rows == [
        "kapot.pdf refused is not a PDF that can be read (Unexpected EOF)",
        "leeg.txt refused the file is empty",
        "nieuws.html refused does not read as a ministerial letter (no minister signs or sends it, "
        "and it is about no NATO meeting)",
        f"{SEED.name} warning the letter dates the meeting in 2023 in one place and in 2022 elsewhere; "
        "2022 is consistent with the letter's date (2022-12-16)",
    ]
    listed = CliRunner().invoke(cli, ["--store", str(store), "query", "letters", "--format", "json"])
    sources = sorted(b["source"]["value"] for b in json.loads(listed.stdout)["results"]["bindings"])
    assert sources == ["dev-2023-04-brussels-agenda.pdf", "dev-2023-06-oslo-informal.html", SEED.name]


def test_a_letter_on_standard_input(pdf_corpus, tmp_path):
    store = tmp_path / "store"
    data = (pdf_corpus / f"{SEED.stem}.pdf").read_bytes()
    result = CliRunner().invoke(cli, ["--store", str(store), "ingest", "--stdin-name", "brief.pdf", "-"], input=data)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == "stored brief.pdf as https://w3id.org/natokg/id/graph/letter/brief"
    listed = CliRunner().invoke(cli, ["--store", str(store), "query", "letters", "--format", "json"])
    [row] = json.loads(listed.stdout)["results"]["bindings"]
    assert (row["source"]["value"], row["kamerstuk"]["value"]) == ("brief.pdf", f"28676-{SEED_NUMBER}")
    empty = CliRunner().invoke(cli, ["--store", str(store), "ingest", "-"], input=b"")
    assert empty.exit_code == 2 and "natokg: error: stdin: the file is empty" in empty.stderr


def test_parallel_ingest_stores_what_one_process_stores(pdf_corpus, html_corpus, tmp_path):
    files = [SEED, pdf_corpus / "dev-2023-07-vilnius-summit.pdf", html_corpus / "dev-2024-05-prague-informal.html",
             tmp_path / "absent.txt"]
    dumps = []
    for jobs in (1, 2):
        seen = []
        with open_store(tmp_path / f"store-{jobs}") as store:
            outcomes = pipeline.ingest_paths(files, store, progress=seen.append, jobs=jobs)
            dumps.append(sorted(store.dump("nquads").splitlines()))
        assert [o.path for o in outcomes] == files
        assert [o.ingested for o in outcomes] == [True, True, True, False]
        assert sorted(map(str, (o.path for o in seen))) == sorted(map(str, files))
    assert dumps[0] == dumps[1]


def test_text_letters_load_no_pdf_or_html_library():
    code = ("import sys; from kg import pipeline; pipeline.read(sys.argv[1]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('pdfminer', 'pypdfium2', 'pytesseract', 'bs4', 'PIL', 'kg') and m.startswith(('kg.sources', 'pdf', 'py', 'bs4', 'PIL'))))")
    done = subprocess.run([sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_show_names_the_page(pdf_corpus):
    runs, _ = layout(SEED.read_text("utf-8"), header_for(SEED, SEED_NUMBER - 901))
    page = next(run.page for run in runs if run.text.startswith("Sessie 4: kwetsbare landen"))
    shown = pipeline.show(pdf_corpus / f"{SEED.stem}.pdf")
    assert re.search(rf"«Sessie 4: kwetsbare landen» \[\d+-\d+, page {page}\]", shown), shown


def test_the_cells_of_a_table_row_stay_apart():
    from kg.sources.html import read_html

    page = ("<html><body><main><p>Tabel 1</p><table><tr><th>Bondgenoot</th><th>% bbp</th></tr>"
            "<tr><td>Polen</td><td>4,12</td></tr><tr><td>Verenigde Staten</td><td>3,38</td></tr></table>"
            "</main></body></html>").encode()
    text = read_html(page, "tabel.html").text
    assert "Polen 4,12" in text and "Verenigde Staten 3,38" in text
