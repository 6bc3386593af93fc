"""Trust funds and the contributions letters announce to them.

A fund is a name headed by Fund, Package, fonds or trust fund ("Ukraine Comprehensive Assistance
Package (UCAP)", "het Defense Capacity Building trust fund", "NAVO Innovatiefonds"), or any named
programme a contribution goes to ("EUR 3,3 miljoen aan DIANA bij te dragen"). Known funds are
resolved to one key across spellings and languages through `kg/data/funds.csv`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pycountry

from kg.extract.places import countries, data_rows
from kg.extract.prose import CARDINALS, Piece, clauses, sentences
from kg.facts import Contribution, DataIssue, Fund
from kg.text import Text, fold

_CAP = r"[A-Z][\w'’-]*"
_LINK = r"(?:for|the|of|and|to|voor|van|de|het|en)"
# A capitalised name and its acronym: "NATO Innovation Fund (NIF)".
DEFINITION = re.compile(rf"(?P<name>{_CAP}(?:\s+(?:{_CAP}|{_LINK}))*?\s+{_CAP})\s*\((?P<acronym>[A-Z][A-Za-z]{{1,9}})\)")
# "UCAP, het Ukraine Comprehensive Assistance Package": an acronym explained after it.
APPOSITION = re.compile(rf"\b(?P<acronym>[A-Z]{{2,9}}),\s+(?:het|de|the)\s+(?P<name>{_CAP}(?:\s+{_CAP})+)")
_HEAD = r"(?:Trust\s+Fund|trust\s+fund|Fund|Package|TF|[Ff]onds|[Tt]rustfonds|[A-Z]\w*fonds)"  # "het ANA TF"
# "het Afghan National Army (ANA) Trust Fund": the acronym may stand inside the name.
NAMED_FUND = re.compile(
    rf"(?P<name>(?:{_CAP}\s+)(?:(?:{_CAP}|{_LINK})\s+)*?(?:\([A-Z]{{2,9}}\)\s+)?{_HEAD}|[A-Z][\w-]*fonds)\b")
INNER_ACRONYM = re.compile(r"\s*\((?P<acronym>[A-Z]{2,9})\)")
# "de NATO Mission Afghanistan Task Force (MNA TF)": TF is a task force here, not a trust fund.
TASK_FORCE = re.compile(r"Task\s+Force\s*\((?P<acronym>[A-Z]{2,9}(?:\s+TF)?)\)")
# A package is money only as assistance ("Ukraine Comprehensive Assistance Package"); "het Defence
# Package", "het Substantial NATO-Georgia Package" are packages of measures.
MEASURES_PACKAGE = re.compile(r"\bPackage$")
ASSISTANCE = re.compile(r"\b(?:Assistance|Support|Aid|Relief|Steun)\b", re.IGNORECASE)
ANAPHORA = re.compile(r"\b(?:dit|dat|het|deze|hetzelfde|datzelfde|ditzelfde|dezelfde)\s+(?:trust\s?funds?|trustfondsen|trustfonds|fondsen|fonds|programma)\b"
                      r"|\bdaaraan\b|\bhieraan\b|\b(?:daar|hier)\b(?:[^.;]|\.(?=\d)){0,60}?\baan\s+bij\b",  # "draagt daar EUR 5 mln aan bij"
                      re.IGNORECASE)
CONTRIBUTION = re.compile(
    r"\bbijdr\w+|\bbij\s+te\s+dragen\b|\b(?:draagt?|droegen|droeg)\b[^;]{0,120}?\bbij\b|\bdragen\b[^;]{0,120}?\bbij\b"
    r"|\bstel\w*\b[^;]{0,120}?\bbeschikbaar\b|\bbeschikbaar\s+(?:te\s+)?(?:ge)?stel\w*"
    r"|\bkondig\w*\b[^;]{0,120}?\baan\b|\baangekondigd\b|\bmaakt\w*\b[^;]{0,120}?\bbekend\b"
    r"|\bbijgedragen\b|\btoegezegd\b|\btoezegt\b|\b(?:zegde|zegden|zegt|zeggen)\b[^;.]{0,120}?\btoe\b|\btoezegging\w*|\bdonatie\w*|\bdoneert\b|\bschenkt\b|\bstort\w*|\bgestort\b|\bcontribut\w*",
    re.IGNORECASE)
GIVING = re.compile(r"\bbijdr\w+|\bbij\s+te\s+dragen\b|\b(?:draagt?|droegen|droeg)\b[^;]{0,120}?\bbij\b|\bbijgedragen\b"
                    r"|\bdoneert\b|\bdonatie\w*|\bcontribut\w*|\b(?:zegde|zegden)\b[^;.]{0,120}?\btoe\b", re.IGNORECASE)
# "Australië heeft al USD 100 miljoen per jaar toegezegd": giving where a figure says what;
# without one it is as often a promise to inform ("heb ik toegezegd uw Kamer te informeren").
PLEDGED = re.compile(r"\btoegezegd\b|\btoezegt\b", re.IGNORECASE)
# "bij te dragen aan humanitaire hulp", "ten behoeve van de Wereldbank": a gift with a goal of its own.
GOAL = re.compile(r"\b(?:aan|ten\s+behoeve\s+van)\s+(?!te\b)(?:de\s+|het\s+|een\s+)?\w", re.IGNORECASE)
BODY_NAME = re.compile(r"\b(?:NAVO|NATO|EU)-$")
# ... or where the money is spent: "het trustfonds voor Defence Capacity Building in Irak".
RECEIVING = re.compile(r"\b(?:voor|aan|naar|ten\s+behoeve\s+van|in)\s+(?:de\s+|het\s+)?$", re.IGNORECASE)
# "het fonds heeft daarmee een omvang van ruim EUR 9 miljoen": the fund's size, no one's gift.
# "..., waarmee de Nederlandse bijdrage in totaal EUR 750 miljoen bedraagt": the sum of gifts told.
CUMULATIVE = re.compile(r"\btotale\b|\bomvang\b|\bwaarmee\b[^.;]*\bin\s+totaal\b|\bkomt\b[^.;]*\bop\s+(?:EUR|€)|\bin\s+totaal\s+(?:al|inmiddels)\b",
                        re.IGNORECASE)
PARTS = re.compile(r"\bwaarvan\b", re.IGNORECASE)
IN_TOTAL = re.compile(r"\bin\s+totaal\s+(?:EUR|€|USD|US\$|\$|GBP|£|\d)", re.IGNORECASE)
PER_YEAR_BEFORE = re.compile(r"\b(?:telkens|jaarlijks|elk\s+jaar|ieder\s+jaar)\s+$", re.IGNORECASE)
PER_YEAR_AFTER = re.compile(r"\s*(?:per\s+jaar|jaarlijks|per\s+year|a\s+year)\b", re.IGNORECASE)
EACH = re.compile(r"\b(?:elk|ieder|elk\s+afzonderlijk|beide)\s+$", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:ik|wij|we|het\s+kabinet|kabinet|Nederland|Nederlandse)\b")
CURRENCIES = {"eur": "EUR", "€": "EUR", "euro": "EUR", "usd": "USD", "$": "USD", "us$": "USD",
              "dollar": "USD", "gbp": "GBP", "£": "GBP", "pond": "GBP",
              # Letters before 2002 count in guilders: "f 750.000", "ƒ 1,5 miljoen", "2 miljoen gulden".
              "f": "NLG", "ƒ": "NLG", "nlg": "NLG", "hfl": "NLG", "hfl.": "NLG", "gulden": "NLG"}
SCALES = {"miljoen": 10**6, "mln": 10**6, "million": 10**6, "miljard": 10**9, "mld": 10**9,
          "billion": 10**9, "duizend": 10**3, "thousand": 10**3}
# OCR: l and O for 1 and 0, S for 5; older letters group thousands with a space ("500 000 euro").
_NUMBER = r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d.,])|[\dlO][\d.,lOS]*|S(?=\s*(?:miljoen|mln|miljard)\b)"
_SCALE = r"(?:mi[l|1I]joen|mln|million|miljard|mld|billion|duizend|thousand)\.?"  # OCR: "mi|joen"
# "twaalf miljoen euro", "vijftig miljoen dollar": a figure in words, always with its scale.
WORD_NUMBERS = {**CARDINALS, "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
                "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
                "negentien": 19, "vijfentwintig": 25, "vijfenzeventig": 75,
                "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100,
                "half": Decimal("0.5"), "anderhalf": Decimal("1.5")}  # "een half miljoen euro"
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
# Any other ISO 4217 code ("NOK 150 mln", "CAD 15 miljoen") counts with a scale word after the
# figure: three capitals before a bare number are as often something else.
OTHER_CURRENCIES = frozenset(c.alpha_3 for c in pycountry.currencies) - {"EUR", "USD", "GBP"}
# "100 miljoen Amerikaanse dollar", "150 miljoen Noorse kronen": the currency by its country's adjective.
NAMED_CURRENCIES = {("amerikaanse", "dollar"): "USD", ("canadese", "dollar"): "CAD", ("australische", "dollar"): "AUD",
                    ("nieuw-zeelandse", "dollar"): "NZD", ("noorse", "kroon"): "NOK", ("zweedse", "kroon"): "SEK",
                    ("deense", "kroon"): "DKK", ("zwitserse", "frank"): "CHF", ("japanse", "yen"): "JPY",
                    ("britse", "pond"): "GBP"}
_ADJECTIVES = {adjective for adjective, _ in NAMED_CURRENCIES}
_ADJECTIVE = "|".join(sorted(_ADJECTIVES, key=len, reverse=True))
AMOUNT = re.compile(
    rf"(?P<currency>EUR|€|US\$|USD|\$|GBP|£|NLG|ƒ|\bHfl\.?|(?<![\w'’.-])(?-i:f)(?=[ \t]?[\dlO]))"
    rf"\s*(?P<number>{_NUMBER})\s*(?P<scale>{_SCALE})?"
    rf"|\b(?P<code>(?-i:[A-Z]{{3}}))\s*(?P<number3>\d[\d.,]*)\s*(?P<scale3>{_SCALE})"
    rf"|(?P<number2>{_NUMBER}|\b(?:{_WORDS})(?=\s+{_SCALE}))\s*(?P<scale2>{_SCALE})?\s+"
    rf"(?P<currency2>euro|gulden|(?:(?:{_ADJECTIVE})\s+)?(?:dollar|kroon|kronen|frank|franc|yen)|pond(?:\s+sterling)?)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str
    start: int
    end: int
    repaired_from: str | None  # the damaged figure, when OCR had misread digits


def parse_amount(match: re.Match) -> Amount | None:
    if match["code"] and match["code"] not in OTHER_CURRENCIES:
        return None  # three capitals that are no currency ("NAVO 5 miljoen")
    raw = match["number"] or match["number2"] or match["number3"]
    if raw.lower() in WORD_NUMBERS:
        raw = str(WORD_NUMBERS[raw.lower()])
    if not re.search(r"\d", raw) and raw != "S" and not (re.fullmatch(r"l[.,][lOS\d]+", raw)
                                                       and (match["scale"] or match["scale2"])):
        return None  # "EUR l,S miljoen" is 1,5 million; a bare "l" is no figure
    if "S" in raw and not (match["scale"] or match["scale2"]):
        return None  # "EUR 7,S miljoen" is 7,5 million; an S without a scale after it is no figure
    digits = re.sub(r"[ \u00a0\u202f]", "", raw).replace("l", "1").replace("O", "0").replace("S", "5")
    digits = digits.rstrip(".,")
    if "," in digits:
        digits = digits.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):
        digits = digits.replace(".", "")
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    scale = re.sub(r"^mi[|1i]joen$", "miljoen", (match["scale"] or match["scale2"] or match["scale3"] or "").lower().rstrip("."))
    value *= SCALES.get(scale, 1)
    currency = match["code"] or _currency(match["currency"] or match["currency2"])
    if currency is None:
        return None
    damaged = raw if re.search(r"[lOS]", raw.rstrip(".,")) else None
    if value == value.to_integral_value():
        value = value.to_integral_value()  # 7,5 miljoen is 7500000, not 7.5E+6
    return Amount(value, currency,
                  match.start(), match.end(), damaged)


def _currency(written: str) -> str | None:
    words = written.lower().split()
    if len(words) == 2 and words[0] in _ADJECTIVES:
        noun = {"kronen": "kroon", "franc": "frank"}.get(words[1], words[1])
        return NAMED_CURRENCIES.get((words[0], noun))
    return CURRENCIES.get(words[0])  # "pond sterling" is pond


def amounts(text: str, start: int, end: int) -> list[Amount]:
    return [a for a in (parse_amount(m) for m in AMOUNT.finditer(text, start, end)) if a]


@lru_cache(maxsize=1)
def known_funds() -> list[tuple[str, str, str, set[str]]]:
    rows = []
    for row in data_rows("funds.csv"):
        aliases = {_key(a) for a in row["aliases"].split("|") if a} | {_key(row["name"]), _key(row["acronym"])}
        rows.append((row["key"], row["name"], row["acronym"], aliases))
    return rows


@lru_cache(maxsize=1)
def known_acronyms() -> dict[str, tuple[str, ...]]:
    """Each known fund's acronyms as letters write them: its own, and the short aliases ("CAP")."""
    return {row["key"]: tuple(dict.fromkeys(
                [row["acronym"], *(a for a in row["aliases"].split("|") if re.fullmatch(r"[A-Z]{2,9}", a))]))
            for row in data_rows("funds.csv")}


@lru_cache(maxsize=1)
def _known_acronym_pattern() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """One pattern for every known fund's acronyms, and which funds each acronym names."""
    owners: dict[str, tuple[str, ...]] = {}
    for key, shorts in known_acronyms().items():
        for short in shorts:
            owners[short] = owners.get(short, ()) + (key,)
    alternatives = "|".join(re.escape(short) for short in sorted(owners, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b"), owners


def _key(name: str) -> str:
    return " ".join(fold(name).lower().replace("-", " ").split())


def resolve_fund(name: str, acronym: str | None) -> tuple[str, str, str | None]:
    """(key, name, acronym): a known fund by any of its names, else the letter's own naming."""
    # "CAP Trust Fund", "het UCAP-trustfonds": a known fund's name with a fund word after it.
    bare = _key(re.sub(rf"[\s-]*{_HEAD}\s*$", "", name))
    for key, canonical, canonical_acronym, aliases in known_funds():
        if (acronym and _key(acronym) in aliases) or _key(name) in aliases or bare in aliases:
            return key, canonical, canonical_acronym
    return (acronym or re.sub(r"\W+", "-", fold(name)).strip("-")), name, acronym


# Words a capitalised run can start with at the head of a sentence without being part of a name.
FUNCTION_WORDS = {"het", "de", "dit", "dat", "deze", "die", "via", "uit", "aan", "van", "voor", "met",
                  "in", "op", "naar", "bij", "om", "een", "the", "a", "to", "ook", "zo", "daarnaast",
                  "tevens", "en", "of", "door", "over", "onder", "tijdens", "sinds", "nu"}


@dataclass
class _Entity:
    key: str
    name: str
    acronym: str | None
    is_fund: bool
    positions: list[tuple[int, int]]


def _entities(text: str) -> dict[str, _Entity]:
    """Named programmes and funds of the letter, by key, with every place they are named."""
    entities: dict[str, _Entity] = {}
    acronyms: dict[str, str] = {}
    by_name: dict[str, str] = {}

    task_forces = {" ".join(m["acronym"].split()) for m in TASK_FORCE.finditer(text)}

    def note(name: str, acronym: str | None, start: int, end: int, is_fund: bool) -> None:
        words = name.split()
        while words and words[0].lower() in FUNCTION_WORDS:
            start += name.find(words[0]) + len(words[0])
            name = name[name.find(words[0]) + len(words[0]):]
            words = words[1:]
        if not words or (len(words) == 1 and words[0].lower() in {"fonds", "trustfonds", "fund", "package"}) \
                or (len(words) == 2 and " ".join(words).lower() == "trust fund"):
            return  # "dit fonds", "het trust fund": a reference back, not a name
        name = " ".join(words)
        if name in task_forces or (acronym and acronym in task_forces):
            return
        key, canonical, canonical_acronym = resolve_fund(name, acronym)
        if MEASURES_PACKAGE.search(name) and not ASSISTANCE.search(name) and key not in {k for k, *_ in known_funds()}:
            return
        # "Mine Action Trust Fund (MATF)": the name without its acronym is the same fund.
        key = by_name.get(_key(name), key)
        entity = entities.setdefault(key, _Entity(key, canonical, canonical_acronym, False, []))
        by_name.setdefault(_key(name), key)
        by_name.setdefault(_key(re.sub(_HEAD + r"\s*$", "", name)), key)
        entity.is_fund = entity.is_fund or is_fund or key in {k for k, *_ in known_funds()}
        entity.positions.append((start, end))
        if canonical_acronym:
            acronyms[canonical_acronym] = key

    named_funds = list(NAMED_FUND.finditer(text))
    # "Afghan National Army (ANA) Trust Fund" first: then "Afghan National Army (ANA)" inside it
    # is the fund's own name, not a second programme.
    for match in (m for m in named_funds if INNER_ACRONYM.search(m["name"])):
        note(INNER_ACRONYM.sub("", match["name"]), INNER_ACRONYM.search(match["name"])["acronym"],
             match.start(), match.end(), True)
    for match in DEFINITION.finditer(text):
        name = match["name"]
        head = re.search(_HEAD + r"\s*$", name) is not None
        note(name, match["acronym"], match.start(), match.end(), head)
    for match in APPOSITION.finditer(text):
        note(match["name"], match["acronym"], match.start(), match.end(),
             re.search(_HEAD + r"\s*$", match["name"]) is not None)
    for match in (m for m in named_funds if not INNER_ACRONYM.search(m["name"])):
        note(match["name"], None, match.start(), match.end(), True)
    pattern, owners = _known_acronym_pattern()
    found: dict[str, list[tuple[int, int]]] = {}
    for match in pattern.finditer(text):  # one pass for all of them: a pass each was a tenth of extraction
        for key in owners[match.group(0)]:
            found.setdefault(key, []).append((match.start(), match.end()))
    for key, name, acronym, _ in known_funds():
        # A known fund named by an acronym alone ("bij te dragen aan UCAP", "voor het CAP"): the
        # same fund, and a fund of the letter once a contribution goes to it.
        spots = found.get(key, [])
        if spots and key in entities:
            entities[key].positions.extend(spots)  # "het Comprehensive Assistance Package (CAP)", then "het CAP"
        elif spots:
            entities[key] = _Entity(key, name, acronym, False, spots)
    for acronym, key in list(acronyms.items()):
        for match in re.finditer(rf"\b{re.escape(acronym)}\b", text):
            entities[key].positions.append((match.start(), match.end()))
    return entities


def find_funds(text: Text) -> tuple[tuple[Fund, ...], tuple[Contribution, ...], tuple[DataIssue, ...]]:
    """Funds, and contributions to them: a sentence that names a fund (or points back to the
    one just named: "dit fonds", "daaraan") and says something is given. Each clause of it
    ("...; ook Noorwegen kondigde een bijdrage aan") has its own donors and figures."""
    repaired = text.repaired
    entities = _entities(repaired)
    contributions: list[Contribution] = []
    issues: list[DataIssue] = []
    last_named: _Entity | None = None
    previous_about_fund = False
    for sentence in sentences(repaired):
        named = [e for e in entities.values()
                 if any(sentence.start <= s < sentence.end for s, _ in e.positions)]
        target = None
        if named:
            # "ik zal in EAPR-verband bekendmaken dat Nederland ... bijdraagt aan het PfP Trust
            # Fund": a fund named in the sentence is the goal before a council or programme is.
            funds_named = [e for e in named if e.is_fund] or named
            target = min(funds_named, key=lambda e: min(s for s, _ in e.positions if s >= sentence.start))
        elif last_named is not None and (ANAPHORA.search(sentence.text) or (
                # "... aan het CAP-trustfonds. Canada heeft al laten weten USD 50 miljoen bij te
                # dragen.": a gift with no goal of its own, right after a fund, goes to that fund.
                previous_about_fund and not GOAL.search(sentence.text) and (GIVING.search(sentence.text) or (
                    PLEDGED.search(sentence.text) and amounts(repaired, sentence.start, sentence.end))))):
            target = last_named
        given = []
        if target is not None and CONTRIBUTION.search(sentence.text):
            # "EUR 1 miljoen aan het Logistics Trust Fund en € 300.000 aan het Cyber Defence Trust
            # Fund": where a sentence names several funds, each figure goes to the one after it.
            funds_in_sentence = [e for e in named if e.is_fund]
            for clause in clauses(sentence, repaired):
                given += _contributions(text, target, clause, sentence, issues,
                                        funds_in_sentence if len(funds_in_sentence) > 1 else ())
        contributions += given
        previous_about_fund = bool(named or given)  # a run of gifts to one fund, sentence after sentence
        if named:
            last_named = max(named, key=lambda e: max(s for s, _ in e.positions if s < sentence.end))
    funds = tuple(Fund(e.key, e.name, e.acronym, text.span(*e.positions[0]))
                  for e in sorted(entities.values(), key=lambda e: min(e.positions)) if e.is_fund)
    return funds, _without_vague_duplicates(contributions), tuple(issues)


def _contributions(text: Text, target: _Entity, clause: Piece, sentence: Piece,
                   issues: list[DataIssue], funds: tuple[_Entity, ...] | list[_Entity] = ()) -> list[Contribution]:
    repaired = text.repaired
    found = [a for a in amounts(repaired, clause.start, clause.end)
             if not CUMULATIVE.search(repaired[sentence.start:a.end])]  # "komt ... op EUR 42,5 miljoen"
    # "EUR 1,25 mln., waarvan EUR 0,5 mln. in 2019 en EUR 0,75 mln. in 2020": the parts of a gift.
    parts = next((i for i, (a, b) in enumerate(zip(found, found[1:]), 1)
                  if PARTS.search(repaired, a.end, b.start)), None)
    found = found[:parts]
    # "telkens USD 5 miljoen ..., in totaal USD 15 miljoen": a yearly figure the total sums up.
    if IN_TOTAL.search(repaired, sentence.start, sentence.end):
        found = [a for a in found if not (PER_YEAR_BEFORE.search(repaired, max(clause.start, a.start - 16), a.start)
                                          or PER_YEAR_AFTER.match(repaired, a.end, clause.end))]
    result = []
    for amount in found:
        donor = _donor(repaired, clause.start, clause.end, amount.start) or \
            _donor(repaired, sentence.start, sentence.end, amount.start)
        # "Duitsland en Canada zegden elk USD 500 miljoen toe": each of those listed gives it.
        each = EACH.search(repaired, max(clause.start, amount.start - 12), amount.start)
        donors = _listed_donors(repaired, clause.start, clause.end, amount.start) if each else []
        goal = _goal_after(funds, amount.end, clause.end) or target
        for giver in donors or ([donor] if donor else []):
            goal.is_fund = True
            result.append(Contribution(goal.key, giver, amount.value, amount.currency,
                                       text.span(sentence.start, sentence.end)))
        if donor:
            if amount.repaired_from:
                issues.append(DataIssue(
                    f"the amount «{amount.repaired_from}» is damaged (a letter for a digit); "
                    f"read as {amount.currency} {amount.value:,}",
                    text.span(amount.start, amount.end)))
    # Without a figure only a plain statement of giving counts ("draagt bij", "bijdrage"), and
    # every giver it lists gives ("Ook Duitsland en Noorwegen maakten bijdragen bekend").
    giving = GIVING.search(clause.text)
    # ... and only to a fund: "Finland draagt bij aan ISAF" gives troops to a mission.
    if not found and giving and target.is_fund and not amounts(repaired, clause.start, clause.end):
        for donor in _listed_donors(repaired, clause.start, clause.end, clause.start + giving.start()):
            target.is_fund = True
            result.append(Contribution(target.key, donor, None, None, text.span(sentence.start, sentence.end)))
    return result


def _goal_after(funds, position: int, end: int) -> _Entity | None:
    """The fund named first after `position` and before `end`, if any."""
    after = [(min(s for s, _ in e.positions if position <= s < end), i) for i, e in enumerate(funds)
             if any(position <= s < end for s, _ in e.positions)]
    return funds[min(after)[1]] if after else None


def _donor(text: str, start: int, end: int, position: int, *, before_only: bool = False) -> str | None:
    """Who gives: the giver named nearest before the amount, else the first after it.

    The Dutch government writes these letters, so "ik", "wij" and "het kabinet" are the
    Netherlands; "een Duitse bijdrage" names Germany through its adjective.
    """
    givers = [(m.start(), "NL") for m in FIRST_PERSON.finditer(text, start, end)]
    # "het Partnership for Peace Trust Fund voor Oekraïne": a country a fund is for receives.
    # ... and one in a body's name ("tijdens de NAVO-Oekraïne Raad aangekondigde bijdragen") neither.
    givers += [(m.start, m.code) for m in countries(text, start, end)
               if not RECEIVING.search(text, max(start, m.start - 30), m.start)
               and not BODY_NAME.search(text, max(start, m.start - 6), m.start)]
    before = [g for g in givers if g[0] < position]
    if before:
        return max(before)[1]
    after = sorted(g for g in givers if g[0] >= position)
    return after[0][1] if after and not before_only else None


def _listed_donors(text: str, start: int, end: int, position: int) -> list[str]:
    """The giver before `position` and the givers listed with it ("Duitsland en Noorwegen")."""
    # Without a figure the giver is the sentence's subject, before the gift: in "De bijdrage is
    # bestemd voor Oekraïense militairen" no one after it gives.
    first = _donor(text, start, end, position, before_only=True)
    if first is None:
        return []
    named = [m for m in countries(text, start, position)]
    listed = [first]
    # From the giver back: "Denemarken, Duitsland en het Verenigd Koninkrijk" is a chain of three.
    for earlier, later in reversed(list(zip(named, named[1:]))):
        if later.code in listed and re.fullmatch(r"\s*(?:,|en)\s*(?:de\s+|het\s+)?", text[earlier.end:later.start]):
            listed.insert(0, earlier.code)
    return list(dict.fromkeys(listed))


def _without_vague_duplicates(contributions: list[Contribution]) -> tuple[Contribution, ...]:
    """A contribution without a figure adds nothing where the letter gives one for that fund."""
    with_amount = {(c.fund, c.donor) for c in contributions if c.amount is not None}
    result: list[Contribution] = []
    seen = set()
    for c in contributions:
        key = (c.fund, c.donor, c.amount)
        if (c.amount is None and (c.fund, c.donor) in with_amount) or key in seen:
            continue
        seen.add(key)
        result.append(c)
    return tuple(result)
