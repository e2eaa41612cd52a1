"""Place-name rules for the oblast gazetteer: vocabulary, folding, inflection, transliteration."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Final, NamedTuple

__all__ = [
    "APOSTROPHES",
    "CITY_DESIG",
    "DELIMS",
    "DIRECTIONS",
    "EXTRA_FOLD",
    "FILLER",
    "NON_OBLAST",
    "ORTHOGRAPHIES",
    "OBLAST_DESIG",
    "QUALIFIER",
    "RU_ADJ",
    "RU_LAT",
    "SUBUNIT",
    "TOKEN_RE",
    "Token",
    "UK_ADJ",
    "UK_LAT",
    "UK_LAT_INITIAL",
    "Vocab",
    "alias_key",
    "fold",
    "fold_char",
    "fold_chars",
    "normalize",
    "respellings",
    "place_keys",
    "ru_noun_forms",
    "tokens",
    "translit",
    "translit_table",
    "uk_noun_forms",
    "vocab",
]

# --- vocabulary (folded at build time by vocab) --------------------------------------------
OBLAST_DESIG = (
    "oblast oblasti oblasts oblastu obl region regions reg regiunea regiune regiunii regiunile "
    "regiunilor regione "
    "regioni region regio province provincia provincie gebiet obwod obwodu obwodzie oblys krai "
    "область области області областю обл областей областях регион региона регионе регіон "
    "регіону регіоні край краю republic rep respublika ar autonomous avtonomna avtonomnaya "
    "республіка республіки республіці республика республики республике автономна автономної "
    "автономная автономной ар арк regional regionala regionale regionalen обласна обласної "
    "обласній областная областной областного autonome autonoma autonomiczna autonomni autonom "
    "republik republique republica repubblica republika ozerk cumhuriyeti koztarsasag terulet"
)
CITY_DESIG = (
    "city cite ville stadt miasto misto citta ciudad oras municipiul "
    "м місто міста місті г город города городе міська міської міській городская городской"
)
SUBUNIT = (
    "raion rayon raioni raione rajon rejon district districts bezirk powiat hromada hromady "
    "community village villages settlement settlements район району районі районах района "
    "районе громада громади громаді громаду отг тг село селі селище селищі поселок смт пгт"
)
FILLER = (
    "in în at on of the a an to from over de di del della dello du des la le les el los im w "
    "we z v vo u na nad pid po der die das dem den von nel nella dans al all whole entire across "
    "в у на над під по до із з зі во от від біля около всієї всій всю вся всей весь ua под возле "
    "близ вблизи"
)
QUALIFIER = (
    "border borders area areas outskirts suburbs near around vicinity part parts direction "
    "occupied frontline airport airfield airbase port bridge station plant infrastructure energy "
    "facility facilities depot oil tpp chp hpp dam gca ngca government controlled "
    "uncontrolled прикордоння прикордонні околиці околицях "
    "передмісті поблизу частина частині окупована окупованій окупованої окупованому окупованого "
    "окупованих тимчасово аеропорт порт оккупированная оккупированной оккупированном "
    "military administration state council ova oda військова військової адміністрація "
    "адміністрації державна державної рада ради ова ода овa военная военной администрация "
    "администрации"
)
DELIMS = ", ; / + & | and und et y e i si oraz en і и та or або чи или oder ou"
DIRECTIONS = {
    "south": "south southern sud sued suden poludnie південь півдні південна південні південний "
    "півдня південно юг юге южная южные юго",
    "north": "north northern nord norden polnoc північ півночі північна північні північний "
    "північно север севере северная северные северо",
    "east": "east eastern osten wschod схід сході східна східні східний восток востоке "
    "восточная восточные",
    "west": "west western westen zachod захід заході західна західні західний запад западе "
    "западная западные",
    "centre": "centre center central zentrum centrum centro центр центрі центральна "
    "центральні центральний центре центральная",
}
# One non-oblast place a line: label; Ukrainian and Russian adjective stems; names ("|").
NON_OBLAST = """
Ukraine;;Ukraine|Ukraina|Ukrayina|Ucrania|Ucraina|Oekraine|Ukrajina|Україна|Украина
Russia;;Russia|Russian Federation|RF|Rossiya|Russland|Russie|Rusia|Rosja|Rusland|Росія|Россия|РФ
Russia;;Російська Федерація|Российская Федерация
Belarus;;Belarus|Byelorussia|Belorussia|Weissrussland|Bialorus|Bielorussie|Bielorrusia|Bielorussia
Belarus;;Білорусь|Беларусь|Белоруссия
Black Sea;;Black Sea|Чорне море|Чорному морі|Чорного моря|Черное море|Черном море|Черного моря
Black Sea;;Schwarzes Meer|Morze Czarne|Mer Noire|Mar Negro|Marea Neagra|Mar Nero
Sea of Azov;;Sea of Azov|Azov Sea|Азовське море|Азовському морі|Азовського моря|Азовское море
Sea of Azov;;Азовском море|Азовского моря|Asowsches Meer|Morze Azowskie|Mer d'Azov|Mar de Azov
Sea of Azov;;Marea Azov|Mare d'Azov
front line;;front line|contact line|line of contact|лінія фронту|лінії фронту|лінія зіткнення
front line;;линия фронта|линии фронта|линия соприкосновения|linia frontului
Russia:Belgorod;бєлгородськ белгородск;Belgorod|Бєлгород|Белгород
Russia:Kursk;курськ курск;Kursk|Курськ|Курск
Russia:Bryansk;брянськ брянск;Bryansk|Briansk|Brjansk|Брянськ|Брянск
Russia:Rostov;ростовськ ростовск;Rostov|Rostov-on-Don|Ростов|Ростов-на-Дону
Russia:Voronezh;воронізьк воронежск;Voronezh|Woronesch|Воронеж
Russia:Krasnodar;краснодарськ краснодарск;Krasnodar|Kuban|Краснодар|Кубань
Russia:Oryol;орловськ орловск;Oryol|Orel
Russia:Lipetsk;липецьк липецк;Lipetsk|Липецьк|Липецк
Russia:Tambov;тамбовськ тамбовск;Tambov|Тамбов
Russia:Tula;тульськ тульск;Tula|Тула
Russia:Kaluga;калузьк калужск;Kaluga|Калуга
Russia:Smolensk;смоленськ смоленск;Smolensk|Смоленськ|Смоленск
Russia:Moscow;московськ московск;Moscow|Moskva|Moskau|Moscou|Moskwa|Mosca|Moscu|Москва
Russia:Saratov;саратовськ саратовск;Saratov|Engels|Саратов|Енгельс|Энгельс
Russia:Volgograd;волгоградськ волгоградск;Volgograd|Волгоград
Russia:Astrakhan;астраханськ астраханск;Astrakhan|Астрахань
Russia:Ryazan;рязанськ рязанск;Ryazan|Рязань
"""

APOSTROPHES = frozenset("'’ʼ`´‘ʹʻ′\"")
EXTRA_FOLD = {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ь": "", "ъ": "", "æ": "ae", "œ": "oe"}
TOKEN_RE = re.compile(r"[^\W_]+|[,;/+&|]")
OCR_DIGITS = str.maketrans("01", "ol")  # digits misread inside words: "0blast", "Lv1v"


class Token(NamedTuple):
    """A folded token and its character span in the original text."""

    text: str
    start: int
    end: int


# --- folding and tokenising ----------------------------------------------------------------
#: Each character's folded form, filled as characters are met (at most this many kept, so a
#: text of many distinct code points cannot grow it without bound).
_FOLDED: dict[str, str] = {}
_FOLDED_MAX: Final = 65_536
#: The same folds as a ``str.translate`` table, and the cached characters that do not fold to
#: exactly one character (apostrophes, soft signs, "ß", "æ"): text with none of them keeps
#: every index.
_TABLE: dict[int, str] = {}
_IRREGULAR: set[str] = set()


def fold_char(ch: str) -> str:
    """One character casefolded, without diacritics, apostrophes or soft and hard signs.

    Examples
    --------
    >>> [fold_char(c) for c in "Ł’Ёъæ"]
    ['l', '', 'е', '', 'ae']
    """
    if ch in APOSTROPHES:
        return ""
    return "".join(
        EXTRA_FOLD.get(c, c)
        for c in unicodedata.normalize("NFKD", ch.casefold())
        if not unicodedata.combining(c)
    )


def fold_chars(text: str) -> tuple[str, list[int]]:
    """Casefold, strip diacritics and apostrophes; also return each output char's source index.

    Characters met before are folded from the cache: a text whose characters all fold to one
    character each (most text) is folded by one ``str.translate``, and the others by a list
    of cached pieces, instead of a Python loop over every character.
    """
    chars = set(text)
    for ch in chars.difference(_FOLDED):
        if len(_FOLDED) >= _FOLDED_MAX:
            return _fold_chars_uncached(text)
        f = fold_char(ch)
        _FOLDED[ch] = f
        _TABLE[ord(ch)] = f
        if len(f) != 1:
            _IRREGULAR.add(ch)
    if _IRREGULAR.isdisjoint(chars):
        return text.translate(_TABLE), list(range(len(text)))
    pieces = [_FOLDED[ch] for ch in text]
    return "".join(pieces), [i for i, f in enumerate(pieces) for _ in f]


def _fold_chars_uncached(text: str) -> tuple[str, list[int]]:
    """:func:`fold_chars` once the cache is full: character by character."""
    out: list[str] = []
    pos: list[int] = []
    known = _FOLDED.get
    for i, ch in enumerate(text):
        f = known(ch)
        if f is None:
            f = fold_char(ch)
        if len(f) == 1:
            out.append(f)
            pos.append(i)
        elif f:
            out.append(f)
            pos.extend([i] * len(f))
    return "".join(out), pos


def tokens(text: str) -> list[Token]:
    """Folded word and delimiter tokens of ``text`` with spans in the original string."""
    folded, pos = fold_chars(text)
    out = []
    for m in TOKEN_RE.finditer(folded):
        word = m.group()
        if not word.isdigit() and not word.isalpha() and any(c.isalpha() for c in word):
            word = word.translate(OCR_DIGITS)
        out.append(Token(word, pos[m.start()], pos[m.end() - 1] + 1))
    return out


def fold(text: str) -> str:
    """``text`` folded to space-separated tokens (designators kept)."""
    return " ".join(t.text for t in tokens(text))


class Vocab(NamedTuple):
    """The folded word classes used to read a region string."""

    oblast: frozenset[str]
    city: frozenset[str]
    subunit: frozenset[str]
    filler: frozenset[str]
    qualifier: frozenset[str]
    delims: frozenset[str]
    direction: dict[str, str]


@functools.cache
def vocab() -> Vocab:
    """The vocabulary tables folded once (cached; no I/O)."""

    def fs(words: str) -> frozenset[str]:
        return frozenset(t.text for t in tokens(words))

    directions = {fold(w): label for label, ws in DIRECTIONS.items() for w in ws.split()}
    return Vocab(
        fs(OBLAST_DESIG),
        fs(CITY_DESIG),
        fs(SUBUNIT),
        fs(FILLER),
        fs(QUALIFIER) | frozenset(directions),
        frozenset(DELIMS.split()),
        directions,
    )


def normalize(text: str) -> str:
    """Fold a place name to its lookup form.

    Case, diacritics, apostrophes (' ’ ʼ `), soft/hard signs, hyphens and punctuation are folded,
    and oblast designators ("oblast", "obl.", "region", "область", "обл.", "регион",
    "regiunea", "province", "Gebiet", "obwód", ...) are stripped. City markers ("city", "м.")
    are kept, since they separate Kyiv city from Kyiv oblast.

    Parameters
    ----------
    text : str
        Any string.

    Returns
    -------
    str
        Space-separated folded tokens.

    Examples
    --------
    >>> normalize("Kharkivs'ka oblast'")
    'kharkivska'
    >>> normalize("в Сумской области")
    'в сумскои'
    >>> normalize("Sumî  Oblast")
    'sumi'
    """
    v = vocab()
    return " ".join(t.text for t in tokens(text) if t.text not in v.oblast)


def alias_key(text: str) -> tuple[str, str]:
    """Lookup key (designators and fillers removed) and designator class of an alias."""
    v = vocab()
    core, cls = [], ""
    for t in tokens(text):
        if t.text in v.oblast:
            cls = cls or "oblast"
        elif t.text in v.city:
            cls = "city"
        elif t.text not in v.filler:
            core.append(t.text)
    return " ".join(core), cls


# --- rule-based forms ------------------------------------------------------------------------
def translit_table(letters: str, latin: str) -> dict[str, str]:
    """Letter -> Latin map from parallel strings (``_`` stands for an empty replacement)."""
    return dict(zip(letters, latin.replace("_", "").split(" "), strict=True))


UK_LAT = translit_table(
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia",
)
UK_LAT_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
RU_LAT = translit_table(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya",
)


def translit(word: str, table: dict[str, str], initial: dict[str, str]) -> str:
    """Romanise ``word`` with ``table`` (``initial`` overrides word-initial letters)."""
    out, prev = [], " "
    for ch in word.lower():
        if ch == "г" and prev == "з" and table is UK_LAT:
            rep = "gh"
        elif not prev.isalpha() and ch in initial:
            rep = initial[ch]
        else:
            rep = table.get(ch, ch)
        out.append(rep)
        prev = ch
    return "".join(out)


def uk_noun_forms(w: str) -> set[str]:
    """Rough Ukrainian declension of a one-word place name (wrong forms are harmless)."""
    w = w.lower()
    if " " in w:
        return set()
    rules: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("їв", ("єва", "єві", "євом", "єву")),
        ("ів", ("ова", "ові", "овом", "ову")),
        ("іль", ("оля", "олі", "олем")),
        ("інь", ("еня", "ені", "енем")),
        ("ь", ("я", "і", "ем", "ю")),
        ("жжя", ("жжі", "жжям")),
        ("ття", ("тті", "ттям")),
        ("ка", ("ки", "ці", "ку", "кою")),
        ("я", ("і", "ю", "ею")),
        ("а", ("и", "і", "у", "ою")),
        ("о", ("а", "і", "ом", "у")),
        ("е", ("ого", "ому", "им")),
        ("ий", ("ого", "ому", "им")),
        ("и", ("ах", "ам", "ами")),
        ("і", ("ів", "ях", "ям")),
        ("", ("а", "у", "і", "ом")),
    )
    for suffix, endings in rules:
        if w.endswith(suffix):
            base = w[: len(w) - len(suffix)]
            return {base + e for e in endings}
    return set()  # pragma: no cover - the empty suffix always matches


def ru_noun_forms(w: str) -> set[str]:
    """Rough Russian declension of a one-word place name."""
    w = w.lower()
    if " " in w:
        return set()
    if w.endswith("ье"):
        return {w[:-1] + e for e in ("я", "ю", "ем")}
    if w.endswith("ь"):
        return {w[:-1] + e for e in ("я", "е", "ем", "ю", "и")}
    if w.endswith("а"):
        y = "и" if w[-2] in "кгхжшчщ" else "ы"
        return {w[:-1] + e for e in (y, "е", "у", "ой")}
    if w.endswith("я"):
        return {w[:-1] + e for e in ("и", "е", "ю", "ей")}
    if w.endswith("ий"):
        return {w[:-2] + e for e in ("ого", "ом", "ому")}
    if w.endswith("ы"):
        return {w[:-1] + e for e in ("ах", "ам", "ов")} | ({w[:-1]} if len(w) > 5 else set())
    if w[-1] in "оеиу":
        return set()
    return {w + e for e in ("а", "е", "у", "ом")}


# Other Latin orthographies of Cyrillic names, read back into English-style romanisation.
ORTHOGRAPHIES: tuple[dict[str, str], ...] = (
    {"zs": "zh", "sz": "s", "cs": "ch", "ny": "n", "j": "y", "c": "ts"},  # Hungarian
    {"ch": "kh", "c": "ts", "j": "y"},  # Czech, Slovak
    {"j": "kh"},  # Spanish
)
FOREIGN_ADJ = ("i", "ska", "ski")  # hu "Herszoni terület", cs "Kyjevská oblast"


def respellings(core: str) -> list[str]:
    """Readings of a folded core as a foreign adjective and/or in another orthography.

    Examples
    --------
    >>> respellings("herszoni")[:3]
    ['herszon', 'herszoni', 'herson']
    """
    last = core.rsplit(" ", 1)[-1]
    bases = [core[: -len(e)] for e in FOREIGN_ADJ if last.endswith(e) and len(last) > len(e) + 3]
    bases.append(core)
    out = list(bases)
    for table in ORTHOGRAPHIES:
        pattern = re.compile("|".join(sorted(table, key=len, reverse=True)))
        out += [pattern.sub(functools.partial(_spelled, table), b) for b in bases]
    return list(dict.fromkeys(o for o in out if o))


def _spelled(table: dict[str, str], match: re.Match[str]) -> str:
    """The respelling ``table`` gives the matched letters."""
    return table[match.group()]


UK_ADJ = ("а", "ої", "ій", "у", "ою", "ий", "ого", "ому", "им")
RU_ADJ = ("ая", "ой", "ую", "ою", "ий", "ого", "ом", "ому")


@functools.cache
def place_keys() -> dict[str, str]:
    """Lookup key -> label for the non-oblast places of :data:`NON_OBLAST`, with their forms."""
    places: dict[str, str] = {}
    for line in NON_OBLAST.strip().splitlines():
        label, stems, nouns = line.split(";")
        uk_stem, ru_stem = stems.split() if stems else ("", "")
        forms = set(nouns.split("|"))
        for noun in nouns.split("|"):
            forms |= uk_noun_forms(noun) | ru_noun_forms(noun) if noun[0] > "z" else set()
        if stems:
            forms |= {uk_stem + e for e in UK_ADJ} | {ru_stem + e for e in RU_ADJ}
            forms.add(translit(ru_stem + "ая", RU_LAT, {}))
        for form in forms:
            key = alias_key(form)[0]
            if key:
                places[key] = label
    return places
