"""A seeded generator of NATO letters that read like the corpus, with the facts each one states.

`letter(seed)` writes one letter, a report («verslag») or an annotated agenda, from the
Minister of Foreign Affairs, the Minister of Defence or the Prime Minister, about one NATO
meeting: foreign or defence ministers (formal or informal) or a summit, on one to three days
between 2005 and 2025, in Brussels or another allied city. The letter numbers two to five
sessions in one of the heading styles the corpus uses, names invitees and partners for the
whole meeting or for a session, announces contributions to trust funds (known ones and new
ones), cites motions (in the body, or in a footnote as the corpus does) and Kamerstukken, and
is damaged the way the corpus is: words hyphenated across lines, «rn» for «m», «1» and «I»
for «l», lost diacritics, stray footnote marks, a page number in the text.

Next to the text it returns the facts it meant, in the shape of the gold files
(tests/fixtures/corpus/GOLD-FORMAT.md), so the extractor can be checked on any number of
letters (tests/test_bench_generator.py) and `write(..., gold=True)` gives a corpus the shared
score script can grade.

    python bench/generate.py --count 1000 --seed 1 --out /tmp/letters [--gold]
"""
from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]
ORDINALS = ["eerste", "tweede", "derde", "vierde", "vijfde"]
ROMAN = ["I", "II", "III", "IV", "V"]
COUNT_WORDS = ["", "een", "twee", "drie", "vier", "vijf"]

# Who writes about which meeting: (role in the signature, header line, {first year in office: signatory}).
AUTHORS = {
    "foreign-ministers": ("Minister van Buitenlandse Zaken", "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN",
                          {2003: "B.R. Bot", 2007: "M.J.M. Verhagen", 2010: "U. Rosenthal", 2012: "F.C.G.M. Timmermans",
                           2014: "A.G. Koenders", 2018: "S.A. Blok", 2022: "W.B. Hoekstra", 2024: "C.C.J. Veldkamp"}),
    "defence-ministers": ("Minister van Defensie", "BRIEF VAN DE MINISTER VAN DEFENSIE",
                          {2003: "H.G.J. Kamp", 2007: "E. van Middelkoop", 2010: "J.S.J. Hillen",
                           2012: "J.A. Hennis-Plasschaert", 2018: "A.Th.B. Bijleveld-Schouten", 2022: "K.H. Ollongren",
                           2024: "R.P. Brekelmans"}),
    "summit": ("Minister-President", "BRIEF VAN DE MINISTER-PRESIDENT",
               {2002: "J.P. Balkenende", 2010: "M. Rutte", 2024: "D. Schoof"}),
}
MEETING_PHRASES = {
    "foreign-ministers": ["bijeenkomst van de NAVO-ministers van Buitenlandse Zaken",
                          "bijeenkomst van de ministers van Buitenlandse Zaken van de NAVO"],
    "defence-ministers": ["bijeenkomst van de NAVO-ministers van Defensie",
                          "bijeenkomst van de ministers van Defensie van de NAVO"],
    "summit": ["NAVO-Top", "Top van de NAVO"],
}
TITLE_PHRASES = {
    "foreign-ministers": "BIJEENKOMST VAN NAVO-MINISTERS VAN BUITENLANDSE ZAKEN",
    "defence-ministers": "BIJEENKOMST VAN NAVO-MINISTERS VAN DEFENSIE",
    "summit": "NAVO-TOP",
}
# (Dutch name as the letter writes it, English name, ISO code).
CITIES = [("Brussel", "Brussels", "BE"), ("Vilnius", "Vilnius", "LT"), ("Madrid", "Madrid", "ES"),
          ("Washington", "Washington", "US"), ("Oslo", "Oslo", "NO"), ("Praag", "Prague", "CZ"),
          ("Riga", "Riga", "LV"), ("Tallinn", "Tallinn", "EE"), ("Rome", "Rome", "IT"),
          ("Londen", "London", "GB"), ("Berlijn", "Berlin", "DE"), ("Warschau", "Warsaw", "PL"),
          ("Den Haag", "The Hague", "NL"), ("Antalya", "Antalya", "TR"), ("Lissabon", "Lisbon", "PT"),
          ("Kopenhagen", "Copenhagen", "DK"), ("Boekarest", "Bucharest", "RO"), ("Bratislava", "Bratislava", "SK"),
          ("Zagreb", "Zagreb", "HR"), ("Tirana", "Tirana", "AL"), ("Ottawa", "Ottawa", "CA"),
          ("Athene", "Athens", "GR"), ("Reykjavik", "Reykjavik", "IS"), ("Straatsburg", "Strasbourg", "FR"),
          ("Newport", "Newport", "GB"), ("Chicago", "Chicago", "US"), ("Istanboel", "Istanbul", "TR")]
# Countries that are never allies: (name, damaged name or None, adjective).
PARTNERS = {
    "UA": ("Oekraïne", "Oekraine", "Oekraïense"), "GE": ("Georgië", "Georgié", "Georgische"),
    "MD": ("Moldavië", "Moldavié", "Moldavische"), "BA": ("Bosnië-Herzegovina", "Bosnié-Herzegovina", "Bosnische"),
    "AU": ("Australië", "Australié", "Australische"), "JP": ("Japan", None, "Japanse"),
    "NZ": ("Nieuw-Zeeland", None, "Nieuw-Zeelandse"), "KR": ("Zuid-Korea", None, "Zuid-Koreaanse"),
    "CH": ("Zwitserland", None, "Zwitserse"), "AT": ("Oostenrijk", None, "Oostenrijkse"),
    "IE": ("Ierland", None, "Ierse"), "JO": ("Jordanië", "Jordanié", "Jordaanse"),
}
# Aspirant members, invited until the day they joined.
INVITEES = {"ME": ("Montenegro", date(2017, 6, 5)), "MK": ("Noord-Macedonië", date(2020, 3, 27)),
            "FI": ("Finland", date(2023, 4, 4)), "SE": ("Zweden", date(2024, 3, 7))}
# Allies that give money too: (name, adjective).
DONORS = {"DE": ("Duitsland", "Duitse"), "NO": ("Noorwegen", "Noorse"), "GB": ("het Verenigd Koninkrijk", "Britse"),
          "CA": ("Canada", "Canadese"), "DK": ("Denemarken", "Deense"), "PL": ("Polen", "Poolse")}
# (key, name as the letter writes it, acronym as written, canonical name, canonical acronym)
FUNDS = [
    ("UCAP", "Ukraine Comprehensive Assistance Package", "UCAP", "Ukraine Comprehensive Assistance Package", "UCAP"),
    ("UCAP", "Comprehensive Assistance Package for Ukraine", "CAP", "Ukraine Comprehensive Assistance Package", "UCAP"),
    ("DCB", "Defence Capacity Building Trust Fund", "DCB", "Defence Capacity Building Trust Fund", "DCB"),
    ("NIF", "NATO Innovation Fund", "NIF", "NATO Innovation Fund", "NIF"),
    ("DIANA", "Defence Innovation Accelerator for the North Atlantic", "DIANA",
     "Defence Innovation Accelerator for the North Atlantic", "DIANA"),
    # Funds and programmes natokg does not know: a fund by its head word, or because the letter
    # gives money to it.
    ("MATF", "Mine Action Trust Fund", "MATF", "Mine Action Trust Fund", "MATF"),
    ("SPS", "Science for Peace and Security Programme", "SPS", "Science for Peace and Security Programme", "SPS"),
    ("PII", "Partnership Interoperability Initiative", "PII", "Partnership Interoperability Initiative", "PII"),
    ("BI", "Building Integrity Programme", "BI", "Building Integrity Programme", "BI"),
]
SUBMITTERS = ["Valstar", "Boswijk", "Sjoerdsma", "Brekelmans", "Koopmans", "Piri", "Dassen", "Tuinman",
              "Stoffer", "Ceder", "Paternotte", "Belhaj", "Bosman", "Kuzu", "Eppink", "Van der Lee",
              "Hammelburg", "Van Dijk", "Bikker", "Ten Broeke", "Voordewind", "Knops"]
# Session topics: (title, codes of the countries the title names).
TOPICS = [("Afschrikking en verdediging", ()), ("Steun aan Oekraïne", ("UA",)), ("Oekraïne", ("UA",)),
          ("Partners in de Indo-Pacific", ()), ("Voorbereiding van de Top", ()),
          ("Nucleaire Planningsgroep", ()), ("Noord-Atlantische Raad", ()), ("Defensie-industrie en munitie", ()),
          ("Kritieke infrastructuur", ()), ("Terrorismebestrijding", ()), ("Zuidelijke buurlanden", ()),
          ("Weerbaarheid en hybride dreigingen", ()), ("Rusland", ("RU",)), ("Strategisch Concept", ()),
          ("Westelijke Balkan", ()), ("Wapenbeheersing", ()), ("China en het bondgenootschap", ("CN",)),
          ("Afghanistan", ("AF",)), ("Cyberverdediging", ()), ("Lasten verdelen", ())]
# Filler sentences: (text, codes of the countries it names). None names a taking part, a
# contribution, a motion, a date or a city, so they state no fact of their own.
FILLER = [
    ("De ministers spraken over de verdere versterking van de afschrikking en verdediging van het bondgenootschap.", ()),
    ("Centraal stonden de regionale verdedigingsplannen en de eenheden die daarvoor beschikbaar moeten komen.", ()),
    ("Een groeiend aantal bondgenoten wil dat twee procent van het bbp voortaan een ondergrens wordt.", ()),
    ("Ik heb aangegeven dat het kabinet de defensie-uitgaven structureel verhoogt.", ()),
    ("Rusland blijft de meest directe dreiging voor de veiligheid van het bondgenootschap.", ("RU",)),
    ("De ministers waren het erover eens dat Rusland deze oorlog niet mag winnen.", ("RU",)),
    ("Munitie was het meest urgente onderwerp van het gesprek.", ()),
    ("Verder werd gesproken over de productiecapaciteit van de Europese defensie-industrie.", ()),
    ("Het kabinet hecht aan goede afstemming tussen de NAVO en de Europese Unie op dit terrein.", ()),
    ("Ook de bescherming van kritieke infrastructuur op de zeebodem kwam aan de orde.", ()),
    ("Nederland steunt deze initiatieven en zal daar in de komende maanden actief aan werken.", ("NL",)),
    ("De bondgenoten stelden vast dat China een steeds grotere uitdaging vormt.", ("CN",)),
    ("Zij spraken hun zorg uit over de toenemende hybride acties tegen bondgenoten.", ()),
    ("Vanwege het gerubriceerde karakter van de besprekingen kan ik uw Kamer hierover niet nader informeren.", ()),
    ("Nederland pleit voor een gezamenlijke aanpak en voor langjarige contracten met de industrie.", ("NL",)),
    ("Het kabinet blijft zich inzetten voor eensgezindheid onder de bondgenoten.", ()),
    ("De bondgenoten bevestigden hun steun aan de soevereiniteit en territoriale integriteit van Oekraïne.", ("UA",)),
    ("Het gesprek ging ook over de situatie in het Midden-Oosten en de gevolgen voor Europa.", ()),
    ("De Secretaris-Generaal lichtte de voortgang van de hervormingen binnen het hoofdkwartier toe.", ()),
    ("Ook de verhouding tussen Iran en Rusland kwam ter sprake.", ("IR", "RU")),
    ("Nederland onderstreepte het belang van weerbaarheid tegen desinformatie en cyberaanvallen.", ("NL",)),
    ("De ministers bespraken de nucleaire afschrikking van het bondgenootschap.", ()),
    ("Daarnaast ging het gesprek over de herziening van de richtlijnen voor munitievoorraden.", ()),
    ("Het kabinet verwelkomt de afspraken over de gezamenlijke aanschaf van luchtverdediging.", ()),
    ("Over de uitkomsten informeer ik uw Kamer, zoals gebruikelijk, met een verslag.", ()),
    ("Verschillende bondgenoten wezen op de noodzaak de strategische afhankelijkheden te verkleinen.", ()),
    ("De Verenigde Staten hechten veel belang aan een eerlijke verdeling van de lasten.", ("US",)),
    ("De steun aan Oekraïne moet zo lang als nodig worden voortgezet.", ("UA",)),
    ("Het informele karakter bood ruimte voor een open gesprek over de lange termijn.", ()),
    ("Ook werd stilgestaan bij de toegenomen militaire activiteit in het Hoge Noorden.", ()),
]
CLOSING_HEADINGS = ["Overig", "Contacten in de marge", "Bilaterale contacten", "Vooruitblik"]
CLOSING = [
    ("In de marge van de bijeenkomst sprak ik onder meer met mijn Duitse en Poolse ambtgenoten.", ("DE", "PL")),
    ("Bilateraal had ik gesprekken met mijn Canadese ambtgenote en mijn Turkse ambtgenoot.", ("CA", "TR")),
    ("Over de volgende bijeenkomst wordt uw Kamer op de gebruikelijke wijze geïnformeerd.", ()),
    ("Het kabinet blijft uw Kamer op de hoogte houden van de voortgang.", ()),
]
# OCR damage that the reader repairs: (clean word, damaged word).
MISREADS = [("bijeenkomst", "bijeenkornst"), ("gebruikelijk", "gebruike1ijk"), ("programma", "prograrnma"),
            ("ministers", "rninisters"), ("geïnformeerd", "geinformeerd"), ("ministeriële", "ministeriéle"),
            ("technologieën", "technologieén"), ("financiële", "financiéle"), ("langs", "Iangs")]


@dataclass(frozen=True)
class Planned:
    """One generated letter: its file name, its text and the facts it states (gold format)."""

    name: str
    text: str
    facts: dict


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def _days(start: date, end: date, upper: bool = False) -> str:
    """'4 en 5 april 2023', '31 mei en 1 juni 2023', '9 tot en met 11 juli 2024', '12 mei 2021'."""
    if start == end:
        text = _day(start)
    elif (end - start).days == 1:
        text = (f"{start.day} en {_day(end)}" if start.month == end.month
                else f"{start.day} {MONTHS[start.month - 1]} en {_day(end)}")
    else:
        text = (f"{start.day} tot en met {_day(end)}" if start.month == end.month
                else f"{start.day} {MONTHS[start.month - 1]} tot en met {_day(end)}")
    return text.upper() if upper else text


def _amount(rng: random.Random) -> tuple[str, int, bool]:
    """(as the letter writes it, value in euro, damaged)."""
    style = rng.random()
    if style < 0.55:
        whole = rng.choice([1, 2, 3, 5, 10, 12, 15, 20, 25, 29, 30, 40, 50, 100])
        half = rng.random() < 0.2
        value = whole * 1_000_000 + (500_000 if half else 0)
        figure = f"{whole},5" if half else str(whole)
        if len(figure) > 1 and ("1" in figure or "0" in figure) and rng.random() < 0.25:
            return f"EUR {figure.replace('1', 'l', 1) if '1' in figure else figure.replace('0', 'O', 1)} miljoen", value, True
        return f"EUR {figure} miljoen", value, False
    if style < 0.75:
        whole = rng.choice([2, 4, 6, 8, 11, 16, 35])
        return f"€ {whole} mln", whole * 1_000_000, False
    if style < 0.9:
        thousands = rng.choice([150, 250, 400, 750])
        return f"EUR {thousands}.000", thousands * 1000, False
    whole = rng.choice([3, 7, 9])
    return f"{whole} miljoen euro", whole * 1_000_000, False


class _Writer:
    """Collects the letter's paragraphs and the facts they state."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.blocks: list[tuple[str, str]] = []  # (kind, text): "line", "para", "heading", "raw"
        self.countries: list[str] = []
        self.documents: list[str] = []

    def mention(self, *codes: str) -> None:
        for code in codes:
            if code not in self.countries:
                self.countries.append(code)

    def cite(self, kamerstuk: str) -> None:
        if kamerstuk not in self.documents:
            self.documents.append(kamerstuk)

    def filler(self, count: int) -> str:
        chosen = self.rng.sample(FILLER, count)
        for _, codes in chosen:
            self.mention(*codes)
        return " ".join(text for text, _ in chosen)


def _kamerstuk(rng: random.Random, year: int) -> tuple[str, str]:
    """(as cited, normalised): 'Kamerstuk 28 676, nr. 426' / '28676-426' and kin."""
    kind = rng.random()
    if kind < 0.4:
        number = 200 + (year - 2005) * 16 + rng.randint(0, 15)  # the series' numbers grow with the years
        return f"Kamerstuk 28 676, nr. {number}", f"28676-{number}"
    if kind < 0.7:
        dossier = 36200 + (year - 2023) * 200 + rng.choice([0, 10])
        dossier = max(dossier, 29800)
        part = rng.choice(["V", "X"])
        number = rng.randint(5, 120)
        return f"Kamerstuk {str(dossier)[:2]} {str(dossier)[2:]} {part}, nr. {number}", f"{dossier}-{part}-{number}"
    number = rng.randint(100, 300)
    sub = rng.choice(["02", "28"])
    return f"Kamerstuk 21 501-{sub}, nr. {number}", f"21501-{sub}-{number}"


def letter(seed: int) -> Planned:
    """The letter of this seed: the same seed always gives the same text and facts."""
    rng = random.Random(seed)
    w = _Writer(rng)
    kind = rng.choices(["foreign-ministers", "defence-ministers", "summit"], [0.45, 0.35, 0.2])[0]
    informal = kind != "summit" and rng.random() < 0.2
    report = rng.random() < 0.6
    role, header, signatories = AUTHORS[kind]

    start = date(2005, 1, 10) + timedelta(days=rng.randrange(0, 365 * 20))
    if start.month == 8:  # nobody meets in August
        start += timedelta(days=31)
    length = rng.choices([0, 1, 2], [0.15, 0.7, 0.15])[0]
    end = start + timedelta(days=length)
    letter_day = end + timedelta(days=rng.randint(3, 25)) if report else start - timedelta(days=rng.randint(5, 20))
    signatory = signatories[max(year for year in signatories if year <= letter_day.year)]
    if kind == "summit" or informal:
        dutch, english, host = rng.choice([c for c in CITIES if c[0] != "Brussel"])
    else:
        dutch, english, host = CITIES[0] if rng.random() < 0.8 else rng.choice(CITIES)
    if kind != "summit" and rng.random() < 0.5:
        phrase = MEETING_PHRASES[kind][1 if rng.random() < 0.3 else 0]
    else:
        phrase = MEETING_PHRASES[kind][0]
    if informal:
        phrase = "informele " + phrase
    verb_done = rng.choice(["plaatsvond", "heeft plaatsgevonden", "werd gehouden"])
    verb_coming = rng.choice(["zal plaatsvinden", "wordt gehouden", "plaatsvindt"])

    # -- letterhead, cover paragraph, signature, title
    own = None
    if rng.random() < 0.2:
        own_number = rng.randint(300, 520)
        own = f"28676-{own_number}"
        w.blocks.append(("line", f"28 676 NAVO Nr. {own_number}"))
    w.blocks.append(("line", " " + header))
    w.blocks.append(("line", "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"))
    w.blocks.append(("line", f"Den Haag, {_day(letter_day)}"))
    if report:
        cover = rng.choice([
            f"Hierbij ontvangt u het verslag van de {phrase}, die op {_days(start, end)} in {dutch} {verb_done}.",
            f"Met deze brief zend ik uw Kamer het verslag van de {phrase}, die op {_days(start, end)} in {dutch} {verb_done}.",
        ])
    else:
        cover = rng.choice([
            f"Hierbij zend ik u de geannoteerde agenda voor de {phrase}, die op {_days(start, end)} in {dutch} {verb_coming}.",
            f"Graag bied ik uw Kamer de geannoteerde agenda aan voor de {phrase}, die op {_days(start, end)} in {dutch} {verb_coming}.",
        ])
    paragraph = [cover]
    previous = None
    if report and rng.random() < 0.5:
        cited, previous = _kamerstuk(rng, letter_day.year)
        paragraph.append(f"De geannoteerde agenda voor deze bijeenkomst ontving uw Kamer eerder ({cited}).")
        w.cite(previous)
    w.blocks.append(("para", " ".join(paragraph)))
    w.blocks.append(("line", f"De {role},"))
    w.blocks.append(("line", signatory))
    label = "VERSLAG VAN DE" if report else "GEANNOTEERDE AGENDA VOOR DE"
    title_phrase = ("INFORMELE " if informal else "") + TITLE_PHRASES[kind]
    w.blocks.append(("title", f" {label} {title_phrase} OP {_days(start, end, upper=True)}"))

    # -- who takes part, and sessions
    count = rng.randint(2, 5)
    topics = rng.sample(TOPICS, count)
    invitable = [code for code, (_, joined) in INVITEES.items() if start < joined]
    whole_invitees = rng.sample(invitable, min(len(invitable), rng.randint(0, 2))) if invitable else []
    session_facts: list[dict] = [{"number": n + 1, "title": title, "participants": []} for n, (title, _) in enumerate(topics)]
    for _, codes in topics:
        w.mention(*codes)

    intro = [w.filler(3)]
    intro.append(f"De agenda telt {COUNT_WORDS[count]} sessies." if not report
                 else f"Het programma bestond uit {COUNT_WORDS[count]} sessies.")
    meeting_participants = []
    if whole_invitees:
        names = [INVITEES[c][0] for c in whole_invitees]
        plural = len(names) > 1
        intro.append(rng.choice([
            f"{_listing(names)} {'namen' if plural else 'nam'} als {'genodigden' if plural else 'genodigde'} deel aan alle sessies.",
            f"{_listing(names)} {'nemen' if plural else 'neemt'} als {'genodigden' if plural else 'genodigde'} («invitee») deel aan het gehele programma.",
        ]))
        w.mention(*whole_invitees)
        meeting_participants = [{"party": c, "role": "invitee"} for c in whole_invitees]
    elif invitable and count >= 3 and rng.random() < 0.4:
        # An invitee of some sessions, and explicitly not of the last one.
        code = rng.choice(invitable)
        w.mention(code)
        first = rng.choice(["de eerste en de tweede sessie", "de sessies I en II", "de sessies 1 en 2"])
        last = count
        intro.append(f"{INVITEES[code][0]} neemt als genodigde deel aan {first}, en niet aan sessie {ROMAN[last - 1]}.")
        for n in (1, 2):
            session_facts[n - 1]["participants"].append({"party": code, "role": "invitee"})
    w.blocks.append(("heading", rng.choice(["Algemeen", "Inleiding"])))
    w.blocks.append(("para", " ".join(intro)))

    style = rng.choice(["digits", "roman", "dash", "ordinal", "numbered"])
    funds_named: dict[str, dict] = {}
    fund_order: list[str] = []
    contributions_total = 0
    motions: list[dict] = []
    footnotes: list[str] = []
    issues = 0
    available_partners = list(PARTNERS)
    for index, (title, _codes) in enumerate(topics):
        n = index + 1
        heading = {"digits": f"Sessie {n}: {title}", "roman": f"Sessie {ROMAN[index]}: {title}",
                   "dash": f"Sessie {n} - {title}", "ordinal": f"{ORDINALS[index].capitalize()} werksessie: {title}",
                   "numbered": f"{n}. {title}"}[style]
        w.blocks.append(("heading", heading))
        body = [w.filler(rng.randint(2, 3))]
        if rng.random() < 0.45 and available_partners:
            partners = rng.sample(available_partners, min(len(available_partners), rng.randint(1, 3)))
            for code in partners:
                available_partners.remove(code)
            with_eu = rng.random() < 0.3
            names = [PARTNERS[c][1] if PARTNERS[c][1] and rng.random() < 0.3 else PARTNERS[c][0] for c in partners]
            ministers = "de regeringsleiders" if kind == "summit" else "de ministers"
            if len(partners) == 1 and not with_eu and rng.random() < 0.5:
                body.append(f"De sessie vond plaats in aanwezigheid van de {PARTNERS[partners[0]][2]} "
                            f"{'president' if kind == 'summit' else 'minister'}.")
            else:
                eu = ", evenals de Hoge Vertegenwoordiger van de Europese Unie" if with_eu else ""
                scope = rng.choice(["deze sessie", f"de {ORDINALS[index]} sessie"])
                body.append(f"Aan {scope} {'namen' if report else 'nemen'} {ministers} van {_listing(names)} deel{eu}.")
            w.mention(*partners)
            session_facts[index]["participants"] += [{"party": c, "role": "partner"} for c in partners]
            if with_eu:
                session_facts[index]["participants"].append({"party": "EU", "role": "partner"})
        if rng.random() < 0.35:
            body.append(w.filler(1))
            key, written, acronym, canonical, canonical_acronym = rng.choice(FUNDS)
            figure, value, damaged = _amount(rng)
            issues += damaged
            if key in funds_named:
                fund_text = f"aan {canonical_acronym}"
            else:
                fund_text = f"aan het {written} ({acronym})"
            if rng.random() < 0.7:
                donor = "NL"
                sentence = rng.choice([
                    f"Tijdens deze sessie heb ik een Nederlandse bijdrage van {figure} {fund_text} bekendgemaakt.",
                    f"Nederland draagt {figure} bij {fund_text}.",
                    f"Het kabinet is voornemens {figure} {fund_text} bij te dragen.",
                ])
                body.append(sentence)
                if "Nederland" in sentence:
                    w.mention("NL")
            else:
                donor = rng.choice(list(DONORS))
                body.append(f"{DONORS[donor][0][0].upper()}{DONORS[donor][0][1:]} maakte een bijdrage van {figure} "
                            f"{fund_text} bekend.")
                w.mention(donor)
            fund = funds_named.setdefault(key, {"name": canonical, "acronym": canonical_acronym, "contributions": []})
            if key not in fund_order:
                fund_order.append(key)
            contribution = {"donor": donor, "amount": value, "currency": "EUR"}
            if contribution not in fund["contributions"]:
                fund["contributions"].append(contribution)
                contributions_total += 1
        surname = None
        if rng.random() < 0.3:
            year = letter_day.year - rng.choice([1, 2])
            cited, normalised = _kamerstuk(rng, year)
            if normalised == previous or normalised == own or normalised in w.documents:
                cited, normalised = f"Kamerstuk 36 {rng.randint(100, 999)} X, nr. {rng.randint(1, 99)}", None
                normalised = re.sub(r"Kamerstuk (\d\d) (\d{3}) X, nr\. (\d+)", r"\1\2-X-\3", cited)
            # A Kamerstuk number is one motion: its member and its date follow from the number, so
            # every letter that cites it agrees, as real letters do (and one node is one motion).
            motion = random.Random(normalised)
            surname = motion.choice(SUBMITTERS)
            when = date(year, 1, 1) + timedelta(days=motion.randint(0, 364))
            if surname in {m["submitter"] for m in motions}:
                surname = None  # a letter cites one motion of a member
        if surname is not None:
            if rng.random() < 0.5:
                body.append(f"In lijn met de motie van het lid {surname} c.s. van {_day(when)} ({cited}) "
                            f"zet het kabinet zich hiervoor in.")
            else:
                mark = rng.choice(["”", "?", ""])
                body.append(f"Met de motie van het lid {surname} c.s.{mark} heeft uw Kamer het kabinet "
                            f"verzocht zich hiervoor in te zetten.")
                footnotes.append(f"Motie van het lid {surname} c.s. van {_day(when)} over dit onderwerp ({cited}).")
            motions.append({"submitter": surname, "date": when.isoformat(), "kamerstuk": normalised})
            w.cite(normalised)
        w.blocks.append(("para", " ".join(body)))
        if rng.random() < 0.8:  # the corpus' sections run to two or three paragraphs
            w.blocks.append(("para", w.filler(rng.randint(2, 4))))

    closing, codes = rng.choice(CLOSING)
    w.mention(*codes)
    w.blocks.append(("heading", rng.choice(CLOSING_HEADINGS)))
    w.blocks.append(("para", closing + " " + w.filler(2)))
    for n, note in enumerate(footnotes, 1):
        w.blocks.append(("note", f"{'T' if n == 1 else n} {note}"))

    text = _render(w.blocks, rng)
    # Countries: the host city names none by itself; the letter's own text names these.
    facts = {
        "source": "",
        "letter": {"type": "report" if report else "annotated-agenda", "date": letter_day.isoformat(),
                   "author_role": role, "signatory": signatory, "kamerstuk": own},
        "meeting": {"type": kind, "informal": informal, "start": start.isoformat(), "end": end.isoformat(),
                    "city": english, "country": host},
        "sessions": session_facts,
        "meeting_participants": meeting_participants,
        "funds": [funds_named[k] for k in fund_order],
        "motions": motions,
        "documents_cited": w.documents,
        "countries_mentioned": w.countries,
        "issues": ["a damaged amount"] * issues,
    }
    name = f"gen-{seed:06d}-{start.isoformat()}-{kind}-{'report' if report else 'agenda'}.txt"
    facts["source"] = name
    return Planned(name, text, facts)


def _render(blocks: list[tuple[str, str]], rng: random.Random) -> str:
    """Lay the blocks out as the corpus files are: wrapped at ~72 columns, with OCR damage."""
    width = rng.randint(66, 74)
    damage = rng.random() < 0.8
    lines: list[str] = []
    body_started = False
    for kind, text in blocks:
        if kind == "line":
            lines.append(text)
            continue
        if kind == "title":
            lines += _wrap(text, width, rng, hyphenate=False)
            lines.append("")
            body_started = True
            continue
        if kind == "heading":
            lines.append(text)
            lines.append("")
            continue
        if kind == "note":
            lines += _wrap(text, width + 10, rng, hyphenate=False)
            continue
        if damage and body_started:
            text = _misread(text, rng)
        if lines and lines[-1] != "":
            lines.append("")
        lines += _wrap(text, width, rng, hyphenate=damage)
        lines.append("")
        if damage and body_started and rng.random() < 0.05:
            lines += [str(rng.randint(2, 4)), ""]  # a page number the OCR kept
    return "\n".join(lines).rstrip("\n") + "\n"


def _misread(text: str, rng: random.Random) -> str:
    for clean, damaged in MISREADS:
        if clean in text and rng.random() < 0.3:
            text = text.replace(clean, damaged, 1)
    return text


def _wrap(text: str, width: int, rng: random.Random, hyphenate: bool) -> list[str]:
    """Greedy wrapping; a long lower-case word at the margin is sometimes split with a hyphen."""
    lines, line = [], ""
    # Names of several words ("Verenigde Staten", "Den Haag") and Kamerstuk numbers ("28 676")
    # break over lines as anywhere else, as they do in the corpus.
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - 2
        if (hyphenate and re.fullmatch(r"[a-zë]{10,}[.,]?", word) and room >= 4 and len(word) - room >= 4
                and rng.random() < 0.5):
            lines.append(f"{line} {word[:room]}-" if line else f"{word[:room]}-")
            line = word[room:]
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    # A line the scanner moved right by one space, as in the corpus files.
    if lines and rng.random() < 0.1:
        index = rng.randrange(len(lines))
        lines[index] = " " + lines[index]
    return lines


def corpus(count: int, seed: int = 0):
    """`count` letters from consecutive seeds starting at `seed`."""
    for n in range(seed, seed + count):
        yield letter(n)


def write(folder: str | Path, count: int, seed: int = 0, gold: bool = False) -> list[Path]:
    """Write `count` letters (and, with `gold`, a NAME.gold.json beside each) into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for planned in corpus(count, seed):
        path = folder / planned.name
        path.write_text(planned.text, encoding="utf-8")
        if gold:
            path.with_suffix(".gold.json").write_text(json.dumps(planned.facts, ensure_ascii=False, indent=1),
                                                      encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--gold", action="store_true", help="write NAME.gold.json beside each letter")
    args = parser.parse_args()
    paths = write(args.out, args.count, args.seed, args.gold)
    print(f"{len(paths)} letters in {args.out}")


if __name__ == "__main__":
    main()
