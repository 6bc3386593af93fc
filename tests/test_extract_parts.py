"""The small pure functions extraction is built from, each on the forms real letters use."""
from datetime import date
from decimal import Decimal

import pytest

from kg.extract import extract
from kg.extract.funds import AMOUNT, find_funds, parse_amount, resolve_fund
from kg.extract.parliament import motions, own_number, references
from kg.extract.participants import is_ally, session_references
from kg.extract.places import countries, find_cities, organisations
from kg.extract.prose import date_mentions, number, resolve, sentences
from kg.extract.sessions import _numbers
from kg.text import letter_text, repair


@pytest.mark.parametrize("phrase, first, last", [
    ("op 29 en 30 november 2022 in", (29, 11, 2022), (30, 11, 2022)),
    ("van 31 mei en 1 juni 2023", (31, 5, 2023), (1, 6, 2023)),
    ("BRUSSEL, 4-5 APRIL 2023", (4, 4, 2023), (5, 4, 2023)),
    ("op 28–29 november", (28, 11, None), (29, 11, None)),
    ("van 28 tot en met 30 juni", (28, 6, None), (30, 6, None)),
    ("VAN 29\nEN 30 NOVEMBER 2022", (29, 11, 2022), (30, 11, 2022)),
    ("van 30 december tot en met 2 januari 2024", (30, 12, 2023), (2, 1, 2024)),
    ("Den Haag, 16 december 2022", (16, 12, 2022), (16, 12, 2022)),
])
def test_dates_and_ranges(phrase, first, last):
    [mention] = date_mentions(phrase)
    assert (mention.first, mention.last) == (first, last)


def test_numbers_that_are_not_dates_are_not_dates():
    assert date_mentions("over de periode 2024-2027 draagt Nederland EUR 29 miljoen bij, 15 jaar lang") == []


def test_a_missing_year_is_inferred_from_the_letter():
    assert resolve((13, 6, None), date(2024, 5, 31), "after") == date(2024, 6, 13)
    assert resolve((30, 11, None), date(2023, 1, 10), "before") == date(2022, 11, 30)
    assert resolve((31, 2, 2023), None) is None  # 31 februari does not exist


@pytest.mark.parametrize("token, value", [("3", 3), ("III", 3), ("IV", 4), ("derde", 3), ("Eerste", 1),
                                          ("2e", 2), ("vierde", 4), ("sessie", None)])
def test_session_numbers_in_digits_roman_numerals_and_words(token, value):
    assert number(token) == value


def test_session_lists():
    assert _numbers("1 en 2") == [1, 2]
    assert _numbers("I en II") == [1, 2]
    assert _numbers("2, 3 en 4") == [2, 3, 4]
    assert session_references("deel aan de eerste en de tweede sessie", None) == [1, 2]
    assert session_references("aan de sessies I en II", None) == [1, 2]
    assert session_references("namen deel aan de laatste sessie", 4) == [4]


@pytest.mark.parametrize("phrase, value, currency", [
    ("EUR 25 miljoen", 25_000_000, "EUR"), ("EUR 7,5 miljoen", 7_500_000, "EUR"),
    ("€ 10 mln", 10_000_000, "EUR"), ("EUR 1.500.000", 1_500_000, "EUR"),
    ("25 miljoen euro", 25_000_000, "EUR"), ("USD 2 miljard", 2_000_000_000, "USD"),
    ("EUR 3,3 miljoen", 3_300_000, "EUR"),
])
def test_amounts(phrase, value, currency):
    amount = parse_amount(AMOUNT.search(phrase))
    assert (amount.value, amount.currency, amount.repaired_from) == (Decimal(value), currency, None)


def test_a_damaged_amount_is_read_and_remembered_as_damaged():
    amount = parse_amount(AMOUNT.search("een bijdrage van EUR l0 miljoen"))
    assert (amount.value, amount.repaired_from) == (Decimal(10_000_000), "l0")


@pytest.mark.parametrize("name, acronym, key", [
    ("Comprehensive Assistance Package voor Oekraïne", "CAP", "UCAP"),
    ("Ukraine Comprehensive Assistance Package", "UCAP", "UCAP"),
    ("Defense Capacity Building trust fund", None, "DCB"),
    ("NAVO Innovatiefonds", None, "NIF"),
    ("Baltic Resilience Fund", "BRF", "BRF"),
])
def test_funds_resolve_across_spellings_and_languages(name, acronym, key):
    assert resolve_fund(name, acronym)[0] == key


@pytest.mark.parametrize("phrase, kamerstuk", [
    ("(Kamerstuk 36 200 X, nr. 26)", "36200-X-26"),
    ("(Kamerstuk 28 676, nr. 417)", "28676-417"),
    ("(Kamerstuk 21 501-28, nr. 245)", "21501-28-245"),
    ("(Kamerstuk 21 501-02,\nnr. 2590)", "21501-02-2590"),
    ("(Kamerstukken II 2023/24, 28 676, nr. 450)", "28676-450"),
    ("zie kst-28676-446", "28676-446"),
])
def test_kamerstuk_references_are_normalised(phrase, kamerstuk):
    assert [r.kamerstuk for r in references(phrase)] == [kamerstuk]


def test_the_publication_header_gives_the_letters_own_number():
    assert own_number("28 676 NAVO Nr. 446 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN") == "28676-446"
    assert own_number("BRIEF VAN DE MINISTER VAN DEFENSIE") is None


def test_a_motion_cited_in_the_body_and_in_its_footnote_is_one_motion_with_all_details():
    text = repair("Zoals gevraagd in de motie van het lid Valstar c.s.” zet het kabinet zich in.\n\n"
                  "T Motie Valstar c.s., d.d. 17 november 2022, over de Noordzee (Kamerstuk 36 200 X, nr. 26)\n\n"
                  "Met de motie-Sjoerdsma en Koopmans van 4 juli 2023 (Kamerstuk 36 410 V, nr. 12) vroeg u dat.",
                  "x.txt")
    found = {(m.submitter, m.date, m.kamerstuk, m.subject) for m in motions(text, date(2023, 9, 1))}
    assert found == {("Valstar", date(2022, 11, 17), "36200-X-26", "de Noordzee"),
                     ("Sjoerdsma", date(2023, 7, 4), "36410-V-12", None)}


@pytest.mark.parametrize("phrase, codes", [
    ("in Boekarest, Roemenié", ["RO"]), ("de Oekraiense minister", ["UA"]), ("Oekraine", ["UA"]),
    ("Bosnië-Herzegovina en Georgië", ["BA", "GE"]), ("Zuid-Korea en Noord-Korea", ["KR", "KP"]),
    ("de Noord-Amerikaanse industrie", []), ("Latijns-Amerika", []), ("de NAVO-Oekraïne Raad", ["UA"]),
    ("de Verenigde Staten en het Verenigd Koninkrijk", ["US", "GB"]), ("de Britse premier", ["GB"]),
    ("BOSNIË EN HERZEGOVINA", ["BA"]), ("de Verenigde Naties", []),
])
def test_countries_in_any_dutch_form(phrase, codes):
    assert [m.code for m in countries(phrase)] == codes


def test_the_eu_as_an_organisation():
    assert [m.code for m in organisations("de Hoge Vertegenwoordiger van de Europese Unie")] == ["EU", "EU"]


def test_cities_by_their_dutch_names_give_english_name_and_country():
    found = find_cities("in Boekarest, in Praag, in Brussel en in Den Haag")
    assert [(c.english, c.country) for c in found] == [
        ("Bucharest", "RO"), ("Prague", "CZ"), ("Brussels", "BE"), ("The Hague", "NL")]


def test_allies_by_the_day_of_the_meeting():
    assert not is_ally("FI", date(2023, 2, 14)) and is_ally("FI", date(2023, 4, 4))
    assert not is_ally("SE", date(2023, 10, 11)) and is_ally("SE", date(2024, 7, 9))
    assert is_ally("FR", date(2023, 2, 14)) and not is_ally("UA", date(2024, 7, 9))


def test_sentences_do_not_end_at_abbreviations_or_initials():
    text = "De motie van het lid Valstar c.s. werd aangenomen. Dat zei W.B. Hoekstra d.d. 3 mei. Klaar."
    assert [s.text for s in sentences(text)] == [
        "De motie van het lid Valstar c.s. werd aangenomen.", "Dat zei W.B. Hoekstra d.d. 3 mei.", "Klaar."]


def test_a_date_with_a_misread_digit_is_read_and_remembered_as_damaged():
    [mention] = date_mentions("op 29 en 3O november 2O22 in Boekarest")
    assert (mention.first, mention.last) == ((29, 11, 2022), (30, 11, 2022))
    assert mention.damaged == "29 en 3O november 2O22"
    [clean] = date_mentions("op 29 en 30 november 2022")
    assert clean.damaged is None


@pytest.mark.parametrize("sentence, expected", [
    ("De Verenigde Staten kondigden USD 50 miljoen aan voor het Ukraine Comprehensive Assistance Package "
     "(UCAP); Nederland verwelkomde dit.", {("UCAP", "US", Decimal(50_000_000), "USD")}),
    ("Duitsland draagt EUR 10 miljoen bij aan het NATO Innovation Fund (NIF) en Nederland EUR 5 miljoen.",
     {("NIF", "DE", Decimal(10_000_000), "EUR"), ("NIF", "NL", Decimal(5_000_000), "EUR")}),
    ("Nederland maakte bekend dat het het Comprehensive Assistance Package steunt.", set()),
    ("Het kabinet draagt bij aan het Defence Capacity Building trust fund.", {("DCB", "NL", None, None)}),
])
def test_each_amount_has_the_giver_named_nearest_before_it(sentence, expected):
    from kg.extract.funds import find_funds

    _, contributions, _ = find_funds(repair(sentence, "x.txt"))
    assert {(c.fund, c.donor, c.amount, c.currency) for c in contributions} == expected


def test_names_and_numbers_broken_over_two_lines():
    assert [m.code for m in countries("de Verenigde\nStaten")] == ["US"]
    assert [c.english for c in find_cities("in Den\nHaag")] == ["The Hague"]
    assert [r.kamerstuk for r in references("(Kamerstuk 28\n676, nr. 452)")] == ["28676-452"]


def test_initials_of_two_letters_in_a_signature():
    from kg.extract.letter import signature

    assert signature("De Minister van Defensie,\nA.Th.B. Bijleveld-Schouten\n")[:2] == (
        "Minister van Defensie", "A.Th.B. Bijleveld-Schouten")


def test_an_unknown_fund_named_with_and_without_its_acronym_is_one_fund():
    from kg.extract.funds import find_funds

    funds, contributions, _ = find_funds(repair(
        "Nederland draagt EUR 2 miljoen bij aan het Mine Action Trust Fund (MATF). "
        "Het Mine Action Trust Fund helpt Oekraïne.", "x.txt"))
    assert [(f.key, f.name, f.acronym) for f in funds] == [("MATF", "Mine Action Trust Fund", "MATF")]
    assert [(c.fund, c.amount) for c in contributions] == [("MATF", Decimal(2_000_000))]


@pytest.mark.parametrize("sentence, expected", [
    ("Het kabinet stelt in 2024 opnieuw 25 miljoen euro beschikbaar voor het CAP.",
     {("UCAP", "NL", Decimal(25_000_000), "EUR")}),
    ("Noorwegen maakte bekend USD 15 miljoen bij te dragen aan het CAP; Nederland doet EUR 7,5 miljoen.",
     {("UCAP", "NO", Decimal(15_000_000), "USD"), ("UCAP", "NL", Decimal(7_500_000), "EUR")}),
])
def test_a_known_fund_named_by_a_short_alias_alone(sentence, expected):
    funds, contributions, _ = find_funds(repair(sentence, "letter.txt"))
    assert [fund.key for fund in funds] == ["UCAP"]
    assert {(c.fund, c.donor, c.amount, c.currency) for c in contributions} == expected


@pytest.mark.parametrize("phrase, value, damaged", [
    ("twaalf miljoen euro", 12_000_000, None),
    ("vijftig miljoen dollar", 50_000_000, None),
    ("EUR S miljoen", 5_000_000, "S"),  # OCR reads 5 as S
    ("EUR 7,S miljoen", 7_500_000, "7,S"),
    ("een half miljoen euro", 500_000, None),
    ("anderhalf miljoen euro", 1_500_000, None),
    ("EUR l,S miljoen", 1_500_000, "l,S"),  # l for 1 and S for 5
    ("EUR 2 mi|joen", 2_000_000, None),  # a bar for the l of the scale
])
def test_amounts_in_words_and_with_an_s_for_a_five(phrase, value, damaged):
    amount = parse_amount(AMOUNT.search(phrase))
    assert (amount.value, amount.repaired_from) == (Decimal(value), damaged)
    assert AMOUNT.search("twee landen en vijf sessies") is None  # a number word needs its scale


@pytest.mark.parametrize("text, expected", [
    # A fund defined with its acronym, then called by its short alias alone.
    ("Uit het Comprehensive Assistance Package (CAP) worden goederen gefinancierd. Ik heb bekendgemaakt dat "
     "Nederland EUR 6 miljoen aan het CAP bijdraagt; ook Noorwegen kondigde een nieuwe bijdrage aan.",
     {("UCAP", "NL", Decimal(6_000_000), "EUR"), ("UCAP", "NO", None, None)}),
    # Every giver a plain statement lists gives; a figure in the next clause is one giver's.
    ("Nederland draagt 25 miljoen euro bij aan het CAP Trust Fund. Ook Duitsland en Noorwegen maakten "
     "bijdragen aan dit fonds bekend; de Noorse bijdrage bedraagt USD 50 miljoen.",
     {("UCAP", "NL", Decimal(25_000_000), "EUR"), ("UCAP", "DE", None, None),
      ("UCAP", "NO", Decimal(50_000_000), "USD")}),
    # A gift with no goal of its own, right after a fund, goes to it; one with a goal does not.
    ("Het kabinet kondigt EUR 7,5 miljoen aan het CAP-trustfonds aan. Canada heeft laten weten USD 50 miljoen "
     "bij te dragen. Het Verenigd Koninkrijk maakte een bijdrage van GBP 2 miljoen bekend. Japan draagt "
     "EUR 3 miljoen bij aan humanitaire hulp.",
     {("UCAP", "NL", Decimal(7_500_000), "EUR"), ("UCAP", "CA", Decimal(50_000_000), "USD"),
      ("UCAP", "GB", Decimal(2_000_000), "GBP")}),
    # An acronym inside the name: one fund, the known one.
    ("Nederland heeft twaalf miljoen euro bijgedragen aan het Afghan National Army (ANA) Trust Fund.",
     {("ANA-TF", "NL", Decimal(12_000_000), "EUR")}),
    # "het ANA TF", broken over two lines; the next gift, with no goal of its own, to the same fund.
    ("Het kabinet heeft een bijdrage van EUR 15 miljoen aan het ANA\nTF gereserveerd. Australië heeft een "
     "nieuwe bijdrage van AUD 20 miljoen aangekondigd.",
     {("ANA-TF", "NL", Decimal(15_000_000), "EUR"), ("ANA-TF", "AU", Decimal(20_000_000), "AUD")}),
    # "draagt daar ... aan bij": "daaraan" split around the figure; givers listed without a figure.
    ("Het pakket wordt gefinancierd uit bijdragen aan het Defence Capacity Building (DCB) Trust Fund. Nederland "
     "draagt daar EUR 500.000 aan bij; ook Duitsland en Noorwegen maakten nieuwe bijdragen bekend.",
     {("DCB", "NL", Decimal(500_000), "EUR"), ("DCB", "DE", None, None), ("DCB", "NO", None, None)}),
    # "deze trustfondsen": the package of funds just named.
    ("Het Comprehensive Assistance Package for Ukraine (CAP) omvat een reeks trustfondsen. Nederland heeft "
     "besloten EUR 7,5 miljoen aan deze trustfondsen bij te dragen. Ook Canada maakte een nieuwe bijdrage "
     "bekend, van 6 miljoen Canadese dollar.",
     {("UCAP", "NL", Decimal(7_500_000), "EUR"), ("UCAP", "CA", Decimal(6_000_000), "CAD")}),
])
def test_contributions_across_clauses_and_sentences(text, expected):
    funds, contributions, _ = find_funds(repair(text, "letter.txt"))
    assert {(c.fund, c.donor, c.amount, c.currency) for c in contributions} == expected
    assert len(funds) == 1


@pytest.mark.parametrize("phrase, kamerstukken, damaged", [
    ("(Kamerstukken 28 676, nrs. 327 en 331)", ["28676-327", "28676-331"], [None, None]),
    ("(Kamerstukken 28 676, nrs. 327, 331 en 340)", ["28676-327", "28676-331", "28676-340"], [None] * 3),
    ("(Kamerstuk 28 676, nr. 38l)", ["28676-381"], ["38l"]),
    ("Kamerstuk 28 676, nr. 26 en 12 andere brieven", ["28676-26"], [None]),  # "nr.": one number
])
def test_several_numbers_of_one_dossier_and_a_misread_digit(phrase, kamerstukken, damaged):
    found = references(phrase)
    assert [r.kamerstuk for r in found] == kamerstukken and [r.damaged for r in found] == damaged


@pytest.mark.parametrize("phrase, codes", [
    ("een commando in Norfolk in de Verenigde Staten", ["US"]),  # Norfolk, Virginia; not Norfolk Island
    ("in New Jersey en New Mexico", []),
    ("een gevechtsgroep in Roernenié", ["RO"]),  # «rn» read for «m», «é» for «ë»
    ("Nieuw-Zeeland", ["NZ"]),
])
def test_places_that_are_not_the_country_and_names_as_ocr_misreads_them(phrase, codes):
    assert [m.code for m in countries(phrase)] == codes


def test_the_prime_minister_signs_with_a_second_office():
    from kg.extract.letter import signature

    # The name is on one line: a footnotes heading under it is not part of it.
    assert signature("De Minister van Defensie,\nK.H. Ollongren\nNoten\n")[:2] == (
        "Minister van Defensie", "K.H. Ollongren")

    assert signature("De Minister-President, Minister van Algemene Zaken,\nM. Rutte\n")[:2] == (
        "Minister-President", "M. Rutte")


@pytest.mark.parametrize("text, kind", [
    ("Op 11 en 12 juli jl. kwamen de regeringsleiders bijeen. De inzet is beschreven in de geannoteerde "
     "agenda die uw Kamer op 29 juni ontving (Kamerstuk 28 676, nr. 298). Hierbij het verslag.", "report"),
    ("Nederland neemt deel aan PESCO, zoals toegelicht in het verslag van de Raad (Kamerstukken 21 501-28, "
     "nr. 208).", "other"),
    ("Hierbij ontvangt u de geannoteerde agenda voor de bijeenkomst.", "annotated-agenda"),
    # Received before, or to be received: another letter's kind; the meeting's timing decides.
    ("Met deze brief informeer ik u. De geannoteerde agenda ontving uw Kamer op 3 juni jl. Over de Top "
     "ontvangt uw Kamer, zoals gebruikelijk, een geannoteerde agenda.", "other"),
])
def test_the_letters_kind_is_its_own_not_that_of_a_document_it_cites(text, kind):
    from kg.extract.letter import letter_type

    assert letter_type(text) == kind


@pytest.mark.parametrize("body, expected", [
    # The programme listed, then each item discussed under "Ad N.".
    ("De bijeenkomst kent drie sessies:\n1. Transformatie;\n2. ISAF;\n3. Afghanistan.\n\nAd 1. Transformatie\n\n"
     "Tekst.\n\nAd 2. ISAF\n\nTekst.\n\nAd 3. Afghanistan in bredere kring\n\nTekst.\n",
     [(1, "Transformatie"), (2, "ISAF"), (3, "Afghanistan in bredere kring")]),
    # Numbered paragraphs whose first sentences number the sessions; "1. Inleiding" is none.
    ("1. Inleiding\n\nDe bijeenkomst heeft drie sessies.\n\n2. Rusland\n\nDe eerste sessie is gewijd aan Rusland.\n\n"
     "3. Zwarte Zee\n\nDe tweede sessie gaat over de Zwarte Zee.\n\n4. Overige onderwerpen\n\nTekst.\n",
     [(1, "Rusland"), (2, "Zwarte Zee")]),
    # A heading that opens with its day.
    ("Het programma had twee sessies.\n\n11 juli, eerste sessie: Noord-Atlantische Raad\n\nTekst.\n\n"
     "12 juli, tweede sessie: Oekraïne\n\nTekst.\n", [(1, "Noord-Atlantische Raad"), (2, "Oekraïne")]),
    # A series that numbers "1. Inleiding" numbers the letter's parts, even with no session named.
    ("1. Inleiding\n\nDe Top heeft één werksessie.\n\n2. Defensie-uitgaven\n\nTekst.\n\n3. Oekraïne\n\nTekst.\n", []),
    # The letter's own sections around a programme discussed item by item.
    ("1. Context\n\nDe Top heeft vier sessies.\n\n2. Programma\n\nZie hieronder.\n\nAd 1) Werkdiner\n\nTekst.\n\n"
     "Ad 2) Strategisch Concept\n\nTekst.\n\n4. Overig\n\nTekst.\n", [(1, "Werkdiner"), (2, "Strategisch Concept")]),
])
def test_sessions_by_their_headings_not_the_letters_own_paragraphs(body, expected):
    from kg.extract.sessions import find_sessions

    found = find_sessions(repair(body, "letter.txt"))
    assert [(s.session.number, s.session.title) for s in found] == expected


def test_under_a_heading_for_two_sessions_each_sentence_belongs_to_the_session_it_opens_on():
    from kg.extract.sessions import find_sessions

    text = repair("De bijeenkomst kent drie sessies.\n\nSessie 2 en 3 – Veiligheid\n\nDe tweede sessie is voorbehouden aan "
                  "de bondgenoten. De derde sessie vindt plaats met deelname van Finland.\n", "letter.txt")
    parts = {s.session.number: s.body.text for s in find_sessions(text)}
    assert parts[2].startswith("De tweede sessie") and "Finland" not in parts[2]
    assert parts[3].startswith("De derde sessie") and "Finland" in parts[3]


def test_older_letters_forms():
    from kg.extract.letter import signature
    from kg.extract.sessions import find_sessions

    # A signature in capitals, as older letters set it.
    assert signature("Hoogachtend,\n\nDE STAATSSECRETARIS VAN DEFENSIE\n\nC. van der Knaap\n")[:2] == (
        "Staatssecretaris van Defensie", "C. van der Knaap")
    # "TK" for Kamerstukken; a misread digit inside the number.
    assert [r.kamerstuk for r in references("(TK 2011–2012, 28 676, nr. 152)")] == ["28676-152"]
    assert [(r.kamerstuk, r.damaged) for r in references("(Kamerstuk 28 676, nr. 3O9).")] == [("28676-309", "3O9")]
    # A word broken at the line end with a misread letter in its second half.
    assert "Zwitserland" in repair("Oostenrijk en Zwitser-\n1and namen deel.", "x.txt").repaired
    # Sessions in roman numerals, one heading for two, a day in brackets, a quoted title in prose.
    found = find_sessions(repair(
        "De Top had twee sessies.\n\nI. Noord-Atlantische Raad\n\nTekst.\n\nII. Afghanistan\n\nTekst.\n", "x.txt"))
    assert [(s.session.number, s.session.title) for s in found] == [(1, "Noord-Atlantische Raad"), (2, "Afghanistan")]
    found = find_sessions(repair("Vier sessies.\n\nDerde en vierde sessie: Oekraïne en Georgië\n\nTekst.\n", "x.txt"))
    assert [(s.session.number, s.session.title) for s in found] == [(3, "Oekraïne en Georgië"), (4, "Oekraïne en Georgië")]
    found = find_sessions(repair("Twee sessies.\n\nSession 3: Shifting Global Balance of Power – partners from the\n"
                                 "Indo-Pacific\n\nDe derde sessie.\n\nSessie 4: Oekraïne\nDe ministers spraken.\n", "x.txt"))
    # A title that runs onto a second short line; not a sentence on the line under a heading.
    assert [(s.session.number, s.session.title) for s in found] == [
        (3, "Shifting Global Balance of Power – partners from the Indo-Pacific"), (4, "Oekraïne")]
    found = find_sessions(repair("Twee sessies.\n\nSessie 1 (zondag 15 mei): Oekraïne\n\nTekst.\n", "x.txt"))
    assert [(s.session.number, s.session.title) for s in found] == [(1, "Oekraïne")]
    found = find_sessions(repair("De eerste sessie, die onder de titel «Transformatie» is geagendeerd, "
                                 "gaat over de strijdkrachten.", "x.txt"))
    assert [(s.session.number, s.session.title) for s in found] == [(1, "Transformatie")]


@pytest.mark.parametrize("text, expected", [
    # "droeg bij": giving in the past tense.
    ("Nederland droeg in 2004 reeds 22 miljoen euro bij aan het Afghanistan Reconstruction Trust Fund (ARTF).",
     {("ARTF", "NL", Decimal(22_000_000), "EUR")}),
    # The country a fund is for receives; the giver is the one before it.
    ("Nederland heeft voor het Partnership for Peace Trust Fund voor Oekraïne een bedrag van EUR 500.000 toegezegd.",
     {("Partnership-for-Peace-Trust-Fund", "NL", Decimal(500_000), "EUR")}),
    # Troops for a mission are no gift to a fund.
    ("Finland draagt met troepen bij aan de International Security Assistance Force (ISAF).", set()),
])
def test_who_gives_what_to_which_fund(text, expected):
    _, contributions, _ = find_funds(repair(text, "letter.txt"))
    assert {(c.fund, c.donor, c.amount, c.currency) for c in contributions} == expected


@pytest.mark.parametrize("phrase, value, currency", [
    ("NOK 150 mln", 150_000_000, "NOK"), ("CAD 15 miljoen", 15_000_000, "CAD"),
    ("100 miljoen Amerikaanse dollar", 100_000_000, "USD"), ("150 miljoen Noorse kronen", 150_000_000, "NOK"),
    ("5 miljoen Canadese dollar", 5_000_000, "CAD"), ("2 miljoen pond sterling", 2_000_000, "GBP"),
])
def test_amounts_in_other_currencies(phrase, value, currency):
    amount = parse_amount(AMOUNT.search(phrase))
    assert (amount.value, amount.currency) == (Decimal(value), currency)
    # Three capitals before a number without a scale are as often something else.
    assert AMOUNT.search("de TOP 10 van de landen") is None


def test_a_session_count_the_letter_contradicts_is_flagged():
    facts = extract(repair(
        "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\nDen Haag, 9 juli 2004\n\nHierbij het verslag van de NAVO-Top "
        "op 28 en 29 juni 2004 in Istanbul. De Top bestond uit twee sessies.\n\nSessie 1: Afghanistan\n\nTekst.\n\n"
        "Sessie 2: Irak\n\nTekst.\n\nSessie 3: Balkan\n\nTekst.\n\nDe Minister van Buitenlandse Zaken,\nB.R. Bot\n",
        "letter.txt"))
    assert [issue.message for issue in facts.issues] == [
        "the letter says the meeting had 2 sessions («bestond uit twee sessies») and reports 3"]


def test_a_motion_cited_twice_with_a_date_in_the_sentence_after_it_is_one_motion_with_its_own_date():
    text = repair("Ik sprak over de motie van het lid Sjoerdsma c.s. (Kamerstuk 28 676, nr. 262) en over de "
                  "Europese Raad van 15 december.\n\n"
                  "T Motie van het lid Sjoerdsma c.s., d.d. 1 december 2016, over Oekraïne (Kamerstuk 28 676, nr. 262).",
                  "x.txt")
    assert [(m.submitter, m.date, m.kamerstuk) for m in motions(text, date(2016, 12, 16))] == [
        ("Sjoerdsma", date(2016, 12, 1), "28676-262")]


HEADER = "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\nDen Haag, 6 mei 2010\n\n"


def test_a_meeting_named_in_one_sentence_and_dated_in_the_next_by_its_opening_and_closing():
    text = repair(HEADER + "Hierbij zend ik u het verslag van de informele bijeenkomst van de ministers van "
                  "Buitenlandse Zaken van de NAVO in Tallinn. Tevens kom ik hiermee een toezegging na, gedaan tijdens "
                  "het algemeen overleg van 14 april jl.\n\nDe bijeenkomst, die door de Estse gastheren op donderdag "
                  "22 april met een diner werd geopend en op vrijdag 23 april 2010 werd afgesloten, kon toch doorgaan.\n",
                  "letter.txt")
    meeting = extract(text).meeting
    assert (meeting.type, meeting.informal, meeting.start, meeting.end, meeting.city, meeting.country) == (
        "foreign-ministers", True, date(2010, 4, 22), date(2010, 4, 23), "Tallinn", "EE")


def test_a_letter_that_answers_questions_is_about_no_meeting():
    text = repair("Datum 13 november 2023\nBetreft Beantwoording schriftelijke vragen over munitie\n\n"
                  "Hierbij beantwoord ik de vragen van het lid Boswijk. De doelstellingen zijn tijdens de bijeenkomst "
                  "van de NAVO-ministers van Defensie op 15 en 16 juni 2023 vastgesteld; zie het verslag.\n", "letter.txt")
    facts = extract(text)
    assert facts.letter.type == "other" and facts.meeting is None


def test_session_headings_by_day_by_label_and_with_a_remark_in_brackets():
    from kg.extract.sessions import find_sessions

    body = ("De bijeenkomst kende drie werksessies.\n\nDinsdagmiddag 6 december - NAVO en Europese Unie\n\n"
            "Op dinsdagmiddag vond de eerste werksessie plaats.\n\nSESSIE 2: RESOLUTE SUPPORT (AFGHANISTAN)\n\nTekst.\n\n"
            "Sessie 3: Samenwerking met de EU (werklunch)\n\nTekst.\n\nTot slot\n\nDe derde en laatste sessie ...\n")
    found = find_sessions(repair(body, "letter.txt"))
    assert [(s.session.number, s.session.title) for s in found] == [
        (1, "NAVO en Europese Unie"), (2, "RESOLUTE SUPPORT (AFGHANISTAN)"), (3, "Samenwerking met de EU")]
    # «zitting», the older word; "De derde en laatste sessie"; a list item is not a title's second line.
    older = find_sessions(repair("Het programma omvatte drie zittingen.\n\n1. Noord-Atlantische Raad\n\nTekst.\n\n"
                                 "2. Partnerschapsraad\n\nTekst.\n\n3. NAVO-Oekraïne Commissie\n\nTekst.\n", "letter.txt"))
    assert [(s.session.number, s.session.title) for s in older] == [
        (1, "Noord-Atlantische Raad"), (2, "Partnerschapsraad"), (3, "NAVO-Oekraïne Commissie")]
    prose = find_sessions(repair("Georgië\n\nDe derde en laatste sessie vond plaats met de Georgische minister.\n",
                                 "letter.txt"))
    assert [(s.session.number, s.session.title) for s in prose] == [(3, "Georgië")]
    listed = find_sessions(repair("De bijeenkomst kent vier sessies:\n\n1. Afschrikking\n2. Oekraïne\n"
                                  "3. Defensie-industrie\n4. Nucleaire planningsgroep\n\nTekst.\n", "letter.txt"))
    assert [s.session.title for s in listed][:4] == ["Afschrikking", "Oekraïne", "Defensie-industrie",
                                                     "Nucleaire planningsgroep"]


def test_a_side_event_before_a_session_is_not_that_session():
    from kg.extract.sessions import find_sessions

    body = ("De agenda omvat drie sessies.\n\nIn de marge: coalitie voor ontmijning\n\nOp de ochtend, voorafgaand aan "
            "de derde sessie, organiseren Litouwen en IJsland een bijeenkomst.\n\nDerde sessie: Weerbaarheid van "
            "partners\n\nTekst.\n")
    found = find_sessions(repair(body, "letter.txt"))
    assert [(s.session.number, s.session.title) for s in found] == [(3, "Weerbaarheid van partners")]


def test_a_session_dated_outside_the_meeting_and_a_place_label_in_the_programme():
    body = (HEADER.replace("6 mei 2010", "9 december 2016") + "Hierbij het verslag van de bijeenkomst van de "
            "NAVO-ministers van Buitenlandse Zaken op 6 en 7 december.\n\n  Plaats ........ NAVO-hoofdkwartier, "
            "Brussel\n\nDinsdagmiddag 6 december - NAVO en EU\n\nDe eerste werksessie was gewijd aan de EU.\n\n"
            "Woensdagochtend 8 december - Het zuiden\n\nDe tweede werksessie betrof het zuiden.\n")
    facts = extract(repair(body, "letter.txt"))
    assert (facts.meeting.city, facts.meeting.country) == ("Brussels", "BE")
    assert [issue.message for issue in facts.issues if "session" in issue.message] == [
        "session 2 is dated 2016-12-08, outside the meeting's days (2016-12-06 to 2016-12-07)"]


@pytest.mark.parametrize("phrase, codes", [
    ("de Grieks-Turkse betrekkingen", ["GR", "TR"]),
    ("een Noors-Finse brigade", ["NO", "FI"]),
    ("de Frans-Duitse as", ["FR", "DE"]),
    ("de Koerden in Noord-Syrië", ["SY"]),
    ("de oorlog in Oost-Oekraïne", ["UA"]),
    ("Noord-Amerikaanse en Latijns-Amerikaanse landen, in Noord-Amerika", []),
    ("Frans Timmermans", []),
])
def test_two_adjectives_joined_and_a_region_name_the_countries(phrase, codes):
    assert [m.code for m in countries(phrase)] == codes


def test_a_footnote_marker_is_no_part_of_a_surname():
    text = repair(HEADER + "Hiermee voer ik de motie-Dassen² uit, en de motie-Piri2 (Kamerstuk 21 501-02, nr. 2913).\n",
                  "letter.txt")
    assert [m.submitter for m in motions(text, date(2024, 7, 15))] == ["Dassen", "Piri"]


def test_the_prime_ministers_second_office_on_a_line_of_its_own():
    from kg.extract.letter import signature

    assert signature("De Minister-President,\nMinister van Algemene Zaken,\nM. Rutte\n")[:2] == (
        "Minister-President", "M. Rutte")


def test_a_programme_item_discussed_under_a_plain_heading_of_the_same_words():
    body = ("Aan de Voorzitter van de Tweede Kamer\nDen Haag, 3 maart 2025\n\nOp 13 en 14 februari jl. kwamen de "
            "ministers van Defensie van de NAVO bijeen in Brussel.\n\nHet programma bestond uit de volgende sessies:\n\n"
            "1. Afschrikking\n2. Steun aan Oekraïne\n\nSteun aan Oekraïne\n\nDe tweede sessie vond plaats in "
            "aanwezigheid van de Oekraïense minister. Ook de Hoge Vertegenwoordiger van de Europese Unie nam aan deze "
            "sessie deel.\n\nAfschrikking\n\nTekst. Minister Hegseth neemt voorafgaand aan de Top deel aan een "
            "EU-VS-top.\n")
    facts = extract(repair(body, "letter.txt"))
    assert [(s.number, s.title) for s in facts.sessions] == [(1, "Afschrikking"), (2, "Steun aan Oekraïne")]
    assert sorted((p.session, p.party) for p in facts.participations) == [(2, "EU"), (2, "UA")]


def test_a_damaged_letter_date_a_running_total_and_a_session_dated_in_its_first_sentence():
    body = ("Aan de Voorzitter van de Tweede Kamer\nDen Haag, l5 juli 2024\n\nHierbij het verslag van de NAVO-Top, die "
            "op 9, 10 en 11 juli 2024 in Washington plaatsvond.\n\nSessie 2 – Oekraïne\n\nOp 12 juli kwam in de "
            "tweede sessie de NAVO-Oekraïne Raad bijeen. Nederland kondigde een bijdrage van vijf miljoen euro aan "
            "aan het Comprehensive Assistance Package (CAP). Daarmee komt de Nederlandse bijdrage aan dit fonds "
            "sinds 2022 op EUR 42,5 miljoen.\n\nSessie 3 – Indo-Pacific\n\nAan de derde sessie namen de leiders "
            "deel van Australië en Japan.\n")
    facts = extract(repair(body, "letter.txt"))
    assert facts.letter.date == date(2024, 7, 15)
    assert sorted(issue.message.split(";")[0] for issue in facts.issues) == [
        "session 2 is dated 2024-07-12, outside the meeting's days (2024-07-09 to 2024-07-11)",
        "the letter's date «l5 juli 2024» is damaged (a letter for a digit)"]
    assert [(c.fund, c.donor, c.amount) for c in facts.contributions] == [("UCAP", "NL", Decimal(5_000_000))]
    assert sorted((p.session, p.party) for p in facts.participations if isinstance(p.session, int)) == [(3, "AU"), (3, "JP")]


@pytest.mark.parametrize("phrase, value, currency, damaged", [
    # Guilders, before the euro: the florin sign, a plain f, «Hfl.» and the word.
    ("een bijdrage van f 75O.OOO levert", 750_000, "NLG", "75O.OOO"),
    ("ƒ 1,5 miljoen", 1_500_000, "NLG", None),
    ("Hfl. 300.000", 300_000, "NLG", None),
    ("2 miljoen gulden", 2_000_000, "NLG", None),
    ("in totaal vijftien miljoen euro", 15_000_000, "EUR", None),
    # Thousands grouped by a space, as older letters print them; a year before a figure stays a year.
    ("aan de eerste fase 500 000\neuro bij te dragen", 500_000, "EUR", None),
    ("in 2019 500 euro", 500, "EUR", None),
])
def test_guilders_and_teens_in_words(phrase, value, currency, damaged):
    amount = parse_amount(AMOUNT.search(phrase))
    assert (amount.value, amount.currency, amount.repaired_from) == (Decimal(value), currency, damaged)
    assert AMOUNT.search("of 5 mensen") is None


def test_a_kamerstuk_number_that_opens_on_a_misread_one():
    found = references("de motie van 28 november 2002 (kamerstuk 28 600 X, nr. l7), onverkort")
    assert [(r.kamerstuk, r.damaged) for r in found] == [("28600-X-17", "l7")]
    assert references("(Kamerstuk 28 676, nr. I)") == []


@pytest.mark.parametrize("text, expected", [
    # A fund named in the sentence is the goal, not the council it is announced in.
    ("De Euro-Atlantische Partnerschapsraad (EAPR) vergadert ook. Voorts zal ik in EAPR-verband bekendmaken "
     "dat Nederland een bijdrage van f 750.000 levert aan het PfP Trust Fund voor Albanië.",
     {("PfP-Trust-Fund", "NL", Decimal(750_000), "NLG")}),
    # "elk": each of those listed gives the amount; "zegden toe" is giving.
    ("Nederland maakte een bijdrage van EUR 500 miljoen aan de Prioritised Ukraine Requirements List (PURL) "
     "bekend. Duitsland en Canada zegden elk USD 500 miljoen toe.",
     {("PURL", "NL", Decimal(500_000_000), "EUR"), ("PURL", "DE", Decimal(500_000_000), "USD"),
      ("PURL", "CA", Decimal(500_000_000), "USD")}),
    # The parts of a gift after "waarvan", and a country where the money is spent, are no gifts.
    ("Daarnaast draagt Nederland bij aan het trustfonds voor Defence Capacity Building (DCB) in Irak: "
     "EUR 1,25 mln., waarvan EUR 0,5 mln. in 2019 en EUR 0,75 mln. in 2020.",
     {("DCB", "NL", Decimal(1_250_000), "EUR")}),
    # A fund's size is no one's gift; a list of three givers with an article before the last.
    ("Nederland draagt EUR 1,5 miljoen bij aan het Defence Capacity Building (DCB) Trust Fund. Ook Denemarken, "
     "Duitsland en het Verenigd Koninkrijk hebben bijdragen toegezegd; het fonds heeft daarmee thans een "
     "omvang van ruim EUR 9 miljoen.",
     {("DCB", "NL", Decimal(1_500_000), "EUR"), ("DCB", "DK", None, None), ("DCB", "DE", None, None),
      ("DCB", "GB", None, None)}),
    # "hetzelfde fonds" points back; "waarmee ... in totaal" sums gifts already told.
    ("Nederland draagt vijftien miljoen euro bij aan het Afghan National Army Trust Fund. Noorwegen maakte "
     "een bijdrage van NOK 200 miljoen aan hetzelfde fonds bekend.",
     {("ANA-TF", "NL", Decimal(15_000_000), "EUR"), ("ANA-TF", "NO", Decimal(200_000_000), "NOK")}),
    ("Via de Prioritised Ukraine Requirements List (PURL) kopen bondgenoten materieel. "
     "Het kabinet kondigt een bijdrage van EUR 250 miljoen aan PURL aan, waarmee de Nederlandse bijdrage aan "
     "PURL in totaal EUR 750 miljoen bedraagt.",
     {("PURL", "NL", Decimal(250_000_000), "EUR")}),
    # Several funds in one sentence: each figure goes to the fund named after it.
    ("Nederland draagt EUR 1 miljoen bij aan het Logistics and Standardization Trust Fund en € 300.000 aan het "
     "Cyber Defence Trust Fund.",
     {("Logistics-and-Standardization-Trust-Fund", "NL", Decimal(1_000_000), "EUR"),
      ("Cyber-Defence-Trust-Fund", "NL", Decimal(300_000), "EUR")}),
    # A yearly figure that the sentence's total sums up; money "gestort" in a fund is given.
    ("Nederland draagt in de jaren 2015, 2016 en 2017 telkens USD 5 miljoen bij aan het Afghan National Army "
     "Trust Fund (ANA TF), in totaal USD 15 miljoen.", {("ANA-TF", "NL", Decimal(15_000_000), "USD")}),
    ("Nederland heeft hiervoor € 1 miljoen gestort in het Defence Capacity Building (DCB) Trust Fund voor Irak.",
     {("DCB", "NL", Decimal(1_000_000), "EUR")}),
])
def test_gifts_told_as_the_third_round_of_blind_letters_tells_them(text, expected):
    _, contributions, _ = find_funds(repair(text, "letter.txt"))
    assert {(c.fund, c.donor, c.amount, c.currency) for c in contributions} == expected


def test_a_cover_that_sends_an_agenda_makes_an_agenda_whatever_titles_follow():
    from kg.extract.letter import letter_type

    text = ("Hierbij zend ik u de geannoteerde agenda voor de NAVO-Top in Chicago.\n\n"
            "I. VERSLAG GEZAMENLIJKE BIJEENKOMST NAVO-MINISTERS, BRUSSEL, 18-19 APRIL 2012\n\nTekst.\n\n"
            "II. GEANNOTEERDE AGENDA NAVO-TOP CHICAGO, 20-21 MEI 2012\n")
    assert letter_type(text) == "annotated-agenda"
    assert letter_type("Met deze brief informeer ik u over de bijeenkomst. De geannoteerde agenda ontving uw "
                       "Kamer op 3 juni jl. Over de Top ontvangt uw Kamer binnenkort de geannoteerde agenda.") == "other"


def test_a_gathering_not_said_to_be_natos_leaves_the_meeting_to_the_title():
    facts = extract(repair(
        "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n\nDen Haag, 23 mei 2025\n\nOp 14–15 mei jl. kwamen de "
        "ministers van Buitenlandse Zaken van de bondgenoten informeel bijeen in Antalya, Turkije.\n\n"
        "INFORMELE BIJEENKOMST NAVO-MINISTERS VAN BUITENLANDSE ZAKEN\nANTALYA, 14–15 MEI 2025\n\nTekst.\n",
        "letter.txt"))
    meeting = facts.meeting
    assert (meeting.type, meeting.informal, meeting.start, meeting.end, meeting.city, meeting.country) == (
        "foreign-ministers", True, date(2025, 5, 14), date(2025, 5, 15), "Antalya", "TR")


def test_colleagues_from_a_country_take_part_and_a_old_venue_is_a_city():
    facts = extract(repair(
        "BRIEF VAN DE MINISTER-PRESIDENT\n\n's-Gravenhage, 7 mei 1999\n\nHierbij het verslag van de NAVO-Top, die "
        "van 23 tot en met 25 april 1999 te Washington werd gehouden.\n\nVierde werkzitting: de landen in de regio\n\n"
        "Op 25 april spraken de regeringsleiders met hun collega's uit Albanië, Bulgarije en Roemenië.\n",
        "letter.txt"))
    assert sorted((p.session, p.party, p.role) for p in facts.participations) == [
        (4, "AL", "partner"), (4, "BG", "partner"), (4, "RO", "partner")]
    assert [(c.english, c.country) for c in find_cities("de informele bijeenkomst in Colorado Springs")] == [
        ("Colorado Springs", "US")]


def test_a_session_number_ocr_misread_is_read_and_flagged():
    facts = extract(repair(
        "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\nDen Haag, 9 december 2005\n\nHierbij het verslag van de "
        "bijeenkomst van de NAVO-ministers van Buitenlandse Zaken op 8 december 2005 in Brussel.\n\n"
        "Sessie I: Afghanistan\n\nTekst.\n\nSessie Il: Oekraïne\n\nTekst.\n", "letter.txt"))
    assert [(s.number, s.title) for s in facts.sessions] == [(1, "Afghanistan"), (2, "Oekraïne")]
    assert [(i.message, i.span.text) for i in facts.issues] == [
        ("the number of session 2 is printed «Il» (a letter in the roman numeral); read as 2", "Sessie Il: Oekraïne")]


def test_a_weekday_the_calendar_contradicts_and_a_text_encoded_twice_are_flagged():
    letter = ("BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN\n\nDen Haag, 26 november 2010\n\nHierbij het verslag "
              "van de NAVO-Top die op 19 en 20 november 2010 in Lissabon werd gehouden.\n\nOp vrijdag 20 en "
              "zaterdag 21 november kwamen de regeringsleiders in Lissabon bijeen, met Australië en Georgië.\n")
    facts = extract(repair(letter.encode("utf-8").decode("cp1252"), "letter.txt"))
    messages = [i.message for i in facts.issues]
    assert messages[0].startswith("the text was encoded twice (UTF-8 read as cp1252):")
    # One issue for the range, whose first day is already wrong.
    assert messages[1:] == ["«vrijdag 20 en zaterdag 21 november»: 2010-11-20 is a Saturday, not a Friday"]
    assert {c.code for c in facts.countries} >= {"AU", "GE"}
    # The same letter with its weekdays right and its bytes once encoded: nothing to flag.
    right = letter.replace("vrijdag 20 en zaterdag 21", "vrijdag 19 en zaterdag 20")
    assert extract(repair(right, "letter.txt")).issues == ()


def test_a_task_force_and_a_package_of_measures_are_no_funds():
    body = ("Den Haag, 1 december 2008\n\nOp 2 en 3 december jl. vond in Brussel de bijeenkomst van de NAVO-ministers "
            "van Buitenlandse Zaken plaats.\n\nNederland draagt bij aan de NATO Mission Afghanistan Task Force (MNA TF). "
            "Het MNA TF ontving EUR 2 miljoen. Ook werd het Substantial NATO-Georgia Package besproken.\n\nNederland "
            "droeg EUR 5 miljoen bij aan het Defence Package.\n\nNederland droeg EUR 1 miljoen bij aan het ANA TF, en "
            "EUR 25 miljoen aan het Ukraine Comprehensive Assistance Package (UCAP).\n")
    facts = extract(letter_text(body.encode("utf-8"), "letter.txt"))
    assert {f.key for f in facts.funds} == {"ANA-TF", "UCAP"}
    assert {(c.fund, c.amount) for c in facts.contributions} == {("ANA-TF", Decimal(1_000_000)),
                                                               ("UCAP", Decimal(25_000_000))}
