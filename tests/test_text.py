"""Reading: encodings detected, OCR damage repaired, and every repaired character mapped home."""
import pytest

from kg.errors import ReadError
from kg.text import decode, join_hyphenated, read_letter, repair

LETTER = "Den Haag, 16 december 2022\n\nDe ministers van Bosnië-Herzegovina en Roemenië spraken in Boekarest.\n"


@pytest.mark.parametrize("codec, prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("utf-16-le", b""), ("utf-16-be", b""), ("cp1252", b""),
])
def test_encodings_are_detected_not_assumed(codec, prefix):
    assert decode(prefix + LETTER.encode(codec), "letter.txt") == LETTER


@pytest.mark.parametrize("data, problem", [
    (b"", "empty"), (b"  \n\n", "empty"), (b"%PDF-1.7\n...", "PDF"),
    (bytes(range(256)) * 4, "binary"),
])
def test_files_that_are_not_letters_are_refused_by_name(data, problem):
    with pytest.raises(ReadError) as error:
        decode(data, "brief.txt")
    assert "brief.txt" in str(error.value) and problem in str(error.value)


def test_a_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(ReadError, match="cannot be read"):
        read_letter(tmp_path / "absent.txt")


def test_a_file_above_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("NAVO " * 100)
    with pytest.raises(ReadError, match="above the limit"):
        read_letter(path, max_bytes=100)


@pytest.mark.parametrize("left, right, joined", [
    ("Buiten", "landse", "Buitenlandse"),  # a word broken at the line end
    ("Strate", "gisch", "Strategisch"),
    ("verdrags", "gebied", "verdragsgebied"),
    ("energie", "infrastructuur", "energie-infrastructuur"),  # klinkerbotsing keeps the hyphen
    ("defensie", "uitgaven", "defensie-uitgaven"),
    ("NAVO", "EU", "NAVO-EU"),
    ("Noord", "Atlantische", "Noord-Atlantische"),
    ("Noordzee", "landen", "Noordzee-landen"),  # a compound with a proper noun
    ("NAVO", "en", "NAVO- en"),  # "NAVO- en JEF-verband": an elided compound
    ("F-16", "trainingscentrum", "F-16-trainingscentrum"),
])
def test_hyphenation_is_joined_but_real_compounds_keep_their_hyphen(left, right, joined):
    assert join_hyphenated(left, right) == joined


def test_ocr_confusions_are_repaired():
    text = repair("de NAVO-rninisters, gebruike1ijk en 0verig; zal Iangs het eerste spoor;"
                  " de regerings|eiders; de ministeri€éle bijeenkomst; ﬁnanciële steun", "x.txt")
    assert "NAVO-ministers" in text.repaired
    assert "gebruikelijk" in text.repaired
    assert "Overig" in text.repaired
    assert "langs het eerste" in text.repaired
    assert "regeringsleiders" in text.repaired
    assert "ministeriéle" in text.repaired
    assert "financiële" in text.repaired


def test_footnote_markers_after_words_are_dropped_and_footnotes_read_as_prose():
    original = ("uitvoering te geven aan de motie van het lid Valstar c.s.” Internationale samenwerking.\n"
                "(n.a.v. motie van het lid Boswijk?).\n\n"
                "T Motie Valstar c.s., d.d. 17 november 2022 (Kamerstuk 36 200 X, nr. 26)\n\n"
                "2 Motie Boswijk c.s., 11 november 2021 (Kamerstuk 35 925 X, nr. 22).\n")
    text = repair(original, "x.txt")
    assert "c.s. Internationale" in text.repaired
    assert "Boswijk)." in text.repaired
    assert "\nMotie Valstar" in text.repaired and "\nMotie Boswijk" in text.repaired
    assert "T Motie" not in text.repaired


@pytest.mark.parametrize("damaged, repaired", [
    # a stray bar or dot between words, and a lone "i" (a misread bullet) between two words
    ("De bondgenoten | steunen Oekraïne · volledig.", "De bondgenoten  steunen Oekraïne  volledig."),
    ("Zij i steunen het plan", "Zij  steunen het plan"),
    ("Het bedrag is ver€hoogd.", "Het bedrag is verhoogd."),  # a euro sign read inside a word
    # superscript footnote numbers after a word or a bracket, not after a figure
    ("zie c.s.¹² en ook (Kamerstuk)³ maar niet 3⁴", "zie c.s. en ook (Kamerstuk) maar niet 3"),
    ("De minister” heeft gesproken? en verder.", "De minister heeft gesproken en verder."),
    # a word broken at a line end is joined from its first letter; a figure before the hyphen is no word
    ("de F16-\ntrainingsmissie en de defen-\nsie-uitgaven", "de F16-\ntrainingsmissie en de defensie-uitgaven"),
    ("toe-\nzeggingen van 2024-\n2025", "toezeggingen van 2024-\n2025"),
])
def test_small_ocr_defects_are_repaired_where_they_stand_and_nowhere_else(damaged, repaired):
    assert repair(damaged, "x.txt").repaired == repaired


def test_spans_point_at_the_original_file_even_across_repairs():
    original = "De NAVO-ministers van Buiten-\nlandse Zaken kwamen samen in Boekarest, Roemenié."
    text = repair(original, "x.txt")
    start = text.repaired.index("Buitenlandse")
    span = text.span(start, start + len("Buitenlandse"))
    assert span.text == "Buiten-\nlandse"
    assert original[span.start:span.end] == span.text
    city = text.repaired.index("Boekarest")
    assert text.span(city, city + 9).start == original.index("Boekarest")


def test_crlf_line_ends_keep_offsets_into_the_original():
    original = "Sessie 1: Oekraïne\r\n\r\nDe Oekraïense minister was aanwezig.\r\n"
    text = repair(original, "x.txt")
    assert "\r" not in text.repaired
    start = text.repaired.index("Oekraïense")
    assert text.span(start, start + 10).text == "Oekraïense"


def test_a_utf8_letter_with_a_table_drawn_in_box_characters_is_read_as_utf8():
    # Each box character is a «sign» to the plausibility count; a cp850 reading turned them into
    # letters and every «–» into «ÔÇô». Valid UTF-8 with several such characters is no accident.
    letter = ("Op 14–15 mei kwamen de ministers bijeen in Antalya.\n"
              "┌────────────┬──────────────┐\n│ Sessie 1   │ • Oekraïne   │\n└────────────┴──────────────┘\n")
    assert decode(letter.encode("utf-8"), "x.txt") == letter


def test_a_text_encoded_twice_is_mended_and_its_spans_point_at_the_file():
    # UTF-8 read as cp1252 and saved again: «AustraliÃ«», «19â€“20», «nr.Â 121».
    meant = "Australië en Georgië, 19–20 november (Kamerstuk 28 676, nr.\u00a0121)."
    garbled = meant.encode("utf-8").decode("cp1252")
    text = repair(garbled, "x.txt")
    assert text.repaired == meant
    start = text.repaired.index("Georgië")
    assert text.span(start, start + len("Georgië")).text == "GeorgiÃ«"
    # One such pair alone can be meant: it is left as it stands.
    assert repair("CURAÇ’s", "x.txt").repaired == "CURAÇ’s"


def test_a_page_footer_that_cuts_a_reference_is_taken_out_and_the_reference_joined():
    original = ("In lijn met de motie van het lid Hoekema c.s. van 10 december 1998 (kamerstuk 26 200\n\n"
                "Tweede Kamer, vergaderjaar 1998-1999, 26 200 V, nr. 68                 2\n\n"
                "V, nr. 41) heeft Nederland gepleit voor overleg.\n\n"
                "Dit was het laatste punt.\n\nTweede Kamer, vergaderjaar 1998-1999, 26 200 V, nr. 68   3\n\n"
                "Sessie 2: Afghanistan\n")
    text = repair(original, "x.txt")
    assert "(kamerstuk 26 200\nV, nr. 41)" in text.repaired
    assert "vergaderjaar" not in text.repaired
    assert "laatste punt.\n\nSessie 2" in text.repaired  # a paragraph the footer did not cut stays one
    assert text.header == "Tweede Kamer, vergaderjaar 1998-1999, 26 200 V, nr. 68"
    # A line like it that neither ends on a page number nor repeats may be a note citing another.
    note = repair("Zie:\nTweede Kamer, vergaderjaar 2018–2019, 28 676, nr. 313\n", "x.txt")
    assert "nr. 313" in note.repaired and note.header is None


def test_a_country_name_cut_at_a_line_end_is_joined_whole():
    assert join_hyphenated("Herze", "gowina") == "Herzegowina"  # «Bosnië-Herze-\ngowina»
    assert join_hyphenated("Noordzee", "landen") == "Noordzee-landen"
