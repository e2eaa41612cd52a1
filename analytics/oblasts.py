"""Oblast gazetteer: the 27 first-level units of Ukraine and a resolver that never guesses.

Sources
-------
- Codes and official names: ISO 3166-2:UA, read at runtime from
  ``pycountry.subdivisions.get(country_code="UA")`` (never retyped here).
- KATOTTG codes: "Кодифікатор адміністративно-територіальних одиниць та територій
  територіальних громад (KATOTTG), Мінрегіон, наказ №290 від 26.11.2020".
- Population: State Statistics Service of Ukraine, "Чисельність наявного населення України на
  1 січня 2022 року". The publication excludes the temporarily occupied Autonomous Republic of
  Crimea and Sevastopol, so their ``population_2022`` is null (not guessed); the 25 published
  figures sum to 41,167,335.

Policies
--------
- A string resolves to a code only when it names exactly one first-level unit. Country-wide,
  macro-regional, Russian, sea, Belarusian or multi-unit strings resolve to ``None`` and can be
  classified with :func:`non_oblast_target`.
- Bare "Kyiv"/"Київ"/"Kiev" (no oblast or city marker): ``bare_kyiv="city"`` (default) gives
  the city UA-30, itself a first-level unit; ``"oblast"`` gives UA-32 (ACLED-style admin1, where
  "Kyiv City" is the city); ``"none"`` gives ``None``. "Kyiv oblast", "Київська область",
  "Київщина" are always UA-32; "Kyiv City", "м. Київ" always UA-30.
- Fuzzy matching (rapidfuzz ``fuzz.ratio``) is a last resort for short region strings only: the
  folded core must have at least :data:`FUZZY_MIN_LEN` letters, the best unit must score at least
  :data:`FUZZY_THRESHOLD` and lead any other unit (or non-Ukrainian place) by
  :data:`FUZZY_MARGIN` points. Free-text scanning (:func:`find_oblasts`) never fuzzy-matches.
- Words next to a unit are tolerated only when they are designators ("oblast", "область"),
  qualifiers ("south", "outskirts", "airport") or sub-units ("X raion", "X hromada"); any other
  unknown word makes the answer ``None``.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib.resources import files
from typing import Literal, NamedTuple

import polars as pl

__all__ = [
    "FUZZY_MARGIN",
    "FUZZY_MIN_LEN",
    "FUZZY_THRESHOLD",
    "OblastMatch",
    "aliases",
    "find_oblasts",
    "match_oblast",
    "non_oblast_target",
    "normalize",
    "oblasts",
    "resolve_oblast",
]

BareKyiv = Literal["city", "oblast", "none"]

FUZZY_THRESHOLD = 85.0
"""Minimum ``fuzz.ratio`` (0..100) for a typo to resolve."""
FUZZY_MARGIN = 5.0
"""Points by which the best unit must lead the best candidate of any other code or place."""
FUZZY_MIN_LEN = 6
"""Cores with fewer letters than this never fuzzy-match ("Kyivv", "Sumyy")."""

_KYIV_CITY, _KYIV_OBLAST = "UA-30", "UA-32"

# --- vocabulary (folded at build time by _vocab) -------------------------------------------
_OBLAST_DESIG = (
    "oblast oblasti oblasts oblastu obl region regions reg regiunea regiune regiunile regione "
    "regioni region regio province provincia provincie gebiet obwod obwodu obwodzie oblys krai "
    "область области області областю обл областей областях регион региона регионе регіон "
    "регіону регіоні край краю republic rep respublika ar autonomous avtonomna avtonomnaya "
    "республіка республіки республіці республика республики республике автономна автономної "
    "автономная автономной ар арк"
)
_CITY_DESIG = (
    "city cite ville stadt miasto misto citta ciudad oras municipiul "
    "м місто міста місті г город города городе"
)
_SUBUNIT = (
    "raion rayon raioni raione rajon rejon district districts bezirk powiat hromada hromady "
    "community village villages settlement settlements район району районі районах района "
    "районе громада громади громаді громаду отг тг село селі селище селищі поселок смт пгт"
)
_FILLER = (
    "in în at on of the a an to from over de di del della dello du des la le les el los im w "
    "we z v vo u na nad pid po der die das dem den von nel nella dans al all whole entire across "
    "в у на над під по до із з зі во от від біля около всієї всій всю вся всей весь ua"
)
_QUALIFIER = (
    "border borders area areas outskirts suburbs near around vicinity part parts direction "
    "occupied frontline airport airfield airbase port bridge station plant infrastructure energy "
    "facility facilities depot oil tpp chp hpp dam прикордоння прикордонні околиці околицях "
    "передмісті поблизу частина частині окупована окупованій окупованої окупованому окупованого "
    "окупованих тимчасово аеропорт порт оккупированная оккупированной оккупированном"
)
_DELIMS = ", ; / + & | and und et y e i si oraz en і и та or або чи или oder ou"
_DIRECTIONS = {
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
_NON_OBLAST = """
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

_APOSTROPHES = frozenset("'’ʼ`´‘ʹʻ′\"")
_EXTRA_FOLD = {"ł": "l", "ø": "o", "đ": "d", "ı": "i", "ь": "", "ъ": "", "æ": "ae", "œ": "oe"}
_TOKEN_RE = re.compile(r"[^\W_]+|[,;/+&|]")


@dataclass(frozen=True)
class OblastMatch:
    """One resolved mention of a first-level unit, for audit.

    Attributes
    ----------
    code : str
        ISO 3166-2:UA code, e.g. ``"UA-59"``.
    name : str
        Official name from pycountry.
    method : {"exact", "alias", "city", "fuzzy"}
        How it matched: an official/English/Ukrainian/Russian name, another alias, a city inside
        the unit, or a rapidfuzz typo match.
    score : float
        100 for non-fuzzy matches, else the ``fuzz.ratio`` score.
    matched : str
        The alias (as listed in :func:`aliases`) that matched.
    span : tuple of int, optional
        Character span of the mention in the input, when known.
    """

    code: str
    name: str
    method: Literal["exact", "alias", "city", "fuzzy"]
    score: float
    matched: str
    span: tuple[int, int] | None = None


class _Tok(NamedTuple):
    text: str
    start: int
    end: int


class _Mention(NamedTuple):
    first: int  # token index range [first, last) of the alias itself
    last: int
    key: str
    cls: str  # "" | "oblast" | "city": designators attached to the mention
    start: int  # character span including attached designators
    end: int


# --- folding and tokenising ----------------------------------------------------------------
def _fold_chars(text: str) -> tuple[str, list[int]]:
    out: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        if ch in _APOSTROPHES:
            continue
        for c in unicodedata.normalize("NFKD", ch.casefold()):
            if unicodedata.combining(c):
                continue
            for d in _EXTRA_FOLD.get(c, c):
                out.append(d)
                pos.append(i)
    return "".join(out), pos


def _tokens(text: str) -> list[_Tok]:
    folded, pos = _fold_chars(text)
    return [
        _Tok(m.group(), pos[m.start()], pos[m.end() - 1] + 1) for m in _TOKEN_RE.finditer(folded)
    ]


def _fold(text: str) -> str:
    return " ".join(t.text for t in _tokens(text))


class _Vocab(NamedTuple):
    oblast: frozenset[str]
    city: frozenset[str]
    subunit: frozenset[str]
    filler: frozenset[str]
    qualifier: frozenset[str]
    delims: frozenset[str]
    direction: dict[str, str]


@functools.cache
def _vocab() -> _Vocab:
    def fs(words: str) -> frozenset[str]:
        return frozenset(t.text for t in _tokens(words))

    directions = {_fold(w): label for label, ws in _DIRECTIONS.items() for w in ws.split()}
    return _Vocab(
        fs(_OBLAST_DESIG),
        fs(_CITY_DESIG),
        fs(_SUBUNIT),
        fs(_FILLER),
        fs(_QUALIFIER) | frozenset(directions),
        frozenset(_DELIMS.split()),
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
    v = _vocab()
    return " ".join(t.text for t in _tokens(text) if t.text not in v.oblast)


def _key(text: str) -> tuple[str, str]:
    """Lookup key (designators and fillers removed) and designator class of an alias."""
    v = _vocab()
    core, cls = [], ""
    for t in _tokens(text):
        if t.text in v.oblast:
            cls = cls or "oblast"
        elif t.text in v.city:
            cls = "city"
        elif t.text not in v.filler:
            core.append(t.text)
    return " ".join(core), cls


# --- rule-based forms ------------------------------------------------------------------------
def _table(letters: str, latin: str) -> dict[str, str]:
    return dict(zip(letters, latin.replace("_", "").split(" "), strict=True))


_UK_LAT = _table(
    "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ iu ia",
)
_UK_LAT_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_RU_LAT = _table(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya",
)


def _translit(word: str, table: dict[str, str], initial: dict[str, str]) -> str:
    out, prev = [], " "
    for ch in word.lower():
        if ch == "г" and prev == "з" and table is _UK_LAT:
            rep = "gh"
        elif not prev.isalpha() and ch in initial:
            rep = initial[ch]
        else:
            rep = table.get(ch, ch)
        out.append(rep)
        prev = ch
    return "".join(out)


def _uk_noun_forms(w: str) -> set[str]:
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


def _ru_noun_forms(w: str) -> set[str]:
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


_UK_ADJ = ("а", "ої", "ій", "у", "ою", "ий", "ого", "ому", "им")
_RU_ADJ = ("ая", "ой", "ую", "ою", "ий", "ого", "ом", "ому")


# --- data ------------------------------------------------------------------------------------
def _read_csv(name: str) -> list[dict[str, str]]:
    with (files("analytics") / "data" / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@functools.cache
def _units() -> dict[str, dict[str, str]]:
    import pycountry

    official = {s.code: s.name for s in pycountry.subdivisions.get(country_code="UA")}
    rows = {r["code"]: r for r in _read_csv("oblasts.csv")}
    if set(rows) != set(official):
        raise ValueError(f"oblasts.csv codes differ from pycountry: {set(rows) ^ set(official)}")
    return {code: {**rows[code], "name": official[code]} for code in sorted(rows)}


class _Row(NamedTuple):
    alias: str
    code: str
    lang: str
    kind: str
    role: str


@functools.cache
def _rows() -> tuple[_Row, ...]:
    units = _units()
    out: dict[tuple[str, str, str], _Row] = {}

    def add(alias: str, code: str, lang: str, kind: str, role: str) -> None:
        out.setdefault((alias, code, role), _Row(alias, code, lang, kind, role))

    unit_names = {u["name_en"] for u in units.values() if u["kind"] == "city"}
    for code, u in units.items():
        role = "city" if u["kind"] == "city" else "oblast"
        add(u["name"], code, "uk-Latn", "official", role)
        for lang in ("en", "uk", "ru"):
            add(u[f"name_{lang}"], code, lang, "name", role)
        if u["kind"] == "oblast":
            uk_stem, ru_stem = u["name_uk"].split()[0][:-1], u["name_ru"].split()[0][:-2]
            for e in _UK_ADJ[:5]:
                add(uk_stem + e, code, "uk", "inflection", role)
            for e in _RU_ADJ[:4]:
                add(ru_stem + e, code, "ru", "inflection", role)
            add(
                _translit(uk_stem + "а", _UK_LAT, _UK_LAT_INITIAL),
                code,
                "uk-Latn",
                "adjectival",
                role,
            )
            ru_adj = ru_stem + "ая"
            add(_translit(ru_adj, _RU_LAT, {}), code, "ru-Latn", "adjectival", role)
            add(_translit(ru_adj, _RU_LAT, {"е": "ye"}), code, "ru-Latn", "adjectival", role)
        if u["centre"] not in unit_names or u["kind"] == "city":
            add(u["centre"], code, "en", "city", "city")
    for r in _read_csv("oblast_aliases.csv"):
        code, lang, kind = r["code"], r["lang"], r["kind"]
        role = "city" if kind in {"city", "place"} or units[code]["kind"] == "city" else "oblast"
        add(r["alias"], code, lang, kind, role)
        if lang == "uk" and kind in {"city", "colloquial", "historical"}:
            for form in _uk_noun_forms(r["alias"]):
                add(form, code, lang, "inflection", role)
            if kind == "colloquial":
                add(_translit(r["alias"], _UK_LAT, _UK_LAT_INITIAL), code, "uk-Latn", kind, role)
        elif lang == "ru" and kind in {"city", "colloquial", "historical"}:
            for form in _ru_noun_forms(r["alias"]):
                add(form, code, lang, "inflection", role)
    return tuple(out.values())


class _Index(NamedTuple):
    keys: dict[str, dict[str, dict[str, _Row]]]  # key -> role -> code -> row
    places: dict[str, str]  # key -> non-oblast label
    exact: dict[str, str]  # folded official/en/uk/ru name -> code
    compact: dict[str, str]  # key without spaces -> key
    max_tokens: int
    fuzzy_keys: tuple[str, ...]
    fuzzy_groups: tuple[str, ...]


@functools.cache
def _index() -> _Index:
    keys: dict[str, dict[str, dict[str, _Row]]] = {}
    bare: list[tuple[str, _Row]] = []
    for row in _rows():
        key, cls = _key(row.alias)
        if not key:
            continue
        keys.setdefault(key, {"oblast": {}, "city": {}})[row.role].setdefault(row.code, row)
        if row.code == _KYIV_CITY and row.role == "city" and cls != "city":
            bare.append((key, row._replace(code=_KYIV_OBLAST, kind="bare_kyiv", role="oblast")))
    for key, row in bare:  # bare Kyiv names double as the short name of Kyiv oblast
        keys[key]["oblast"].setdefault(_KYIV_OBLAST, row)
    places: dict[str, str] = {}
    for line in _NON_OBLAST.strip().splitlines():
        label, stems, nouns = line.split(";")
        uk_stem, ru_stem = stems.split() if stems else ("", "")
        forms = set(nouns.split("|"))
        for noun in nouns.split("|"):
            forms |= _uk_noun_forms(noun) | _ru_noun_forms(noun) if noun[0] > "z" else set()
        if stems:
            forms |= {uk_stem + e for e in _UK_ADJ} | {ru_stem + e for e in _RU_ADJ}
            forms.add(_translit(ru_stem + "ая", _RU_LAT, {}))
        for form in forms:
            key = _key(form)[0]
            if key and key not in keys:
                places[key] = label
    exact = {
        _fold(u[col]): code
        for code, u in _units().items()
        for col in ("name", "name_en", "name_uk", "name_ru")
    }
    compact = {k.replace(" ", ""): k for k in [*keys, *places]}
    fuzzy_keys, groups = [], []
    for key, roles in keys.items():
        codes = set(roles["oblast"]) | set(roles["city"])
        if len(key.replace(" ", "")) >= 5:
            fuzzy_keys.append(key)
            groups.append(
                "KYIV" if codes <= {_KYIV_CITY, _KYIV_OBLAST} else ",".join(sorted(codes))
            )
    for key, label in places.items():
        if len(key.replace(" ", "")) >= 5:
            fuzzy_keys.append(key)
            groups.append(label)
    max_tokens = max(len(k.split()) for k in [*keys, *places])
    return _Index(keys, places, exact, compact, max_tokens, tuple(fuzzy_keys), tuple(groups))


# --- resolution ------------------------------------------------------------------------------
def _pick(key: str, cls: str, bare_kyiv: BareKyiv) -> _Row | None:
    """The single unit a key names given its designators, or None when ambiguous."""
    roles = _index().keys[key]
    order = ("city", "oblast") if cls == "city" else ("oblast", "city")
    if cls:
        for role in order:
            if roles[role]:
                found = roles[role]
                return next(iter(found.values())) if len(found) == 1 else None
        return None  # pragma: no cover - every key has at least one role
    codes = set(roles["oblast"]) | set(roles["city"])
    if len(codes) == 1:
        (code,) = codes
        return roles["city"].get(code) or roles["oblast"][code]
    if codes == {_KYIV_CITY, _KYIV_OBLAST}:
        if bare_kyiv == "city":
            return roles["city"][_KYIV_CITY]
        if bare_kyiv == "oblast":
            return roles["oblast"][_KYIV_OBLAST]
    return None


def _scan(toks: list[_Tok], *, places: bool) -> list[_Mention]:
    """All alias mentions, longest first, non-overlapping, with adjacent designators attached."""
    idx, v = _index(), _vocab()
    content = [i for i, t in enumerate(toks) if t.text not in v.filler and t.text not in v.oblast]
    content = [i for i in content if toks[i].text not in v.city]
    cands: list[tuple[int, int, int, str]] = []  # (-length, first content pos, last pos, key)
    for a in range(len(content)):
        for n in range(min(idx.max_tokens, len(content) - a), 0, -1):
            span = content[a : a + n]
            if any(toks[i].text in v.delims for i in span):
                continue
            key = " ".join(toks[i].text for i in span)
            if key in idx.keys or (places and key in idx.places):
                cands.append((-n, a, a + n, key))
    taken: set[int] = set()
    found: list[tuple[int, int, str]] = []
    for _, a, b, key in sorted(cands):
        if taken.isdisjoint(range(a, b)):
            taken.update(range(a, b))
            found.append((content[a], content[b - 1] + 1, key))
    attach = v.oblast | v.city | v.filler
    mentions, claimed = [], {i for a, b, _ in found for i in range(a, b)}
    for first, last, key in sorted(found):
        lo, hi, cls = first, last, ""
        j = last
        while j < len(toks) and toks[j].text in attach and j not in claimed:
            if toks[j].text in v.oblast | v.city:
                hi, cls = j + 1, cls or ("oblast" if toks[j].text in v.oblast else "city")
            j += 1
        j = first - 1
        while j >= 0 and toks[j].text in attach and j not in claimed:
            if toks[j].text in v.oblast | v.city:
                lo, cls = j, cls or ("oblast" if toks[j].text in v.oblast else "city")
            j -= 1
        claimed.update(range(lo, hi))
        mentions.append(_Mention(first, last, key, cls, toks[lo].start, toks[hi - 1].end))
    return mentions


class _Analysis(NamedTuple):
    rows: tuple[tuple[_Row | None, _Mention], ...]  # unit mentions (row None = ambiguous)
    labels: frozenset[str]
    unknown: tuple[str, ...]
    segments: int


def _analyse(text: str, bare_kyiv: BareKyiv) -> tuple[_Analysis, list[_Tok]]:
    idx, v = _index(), _vocab()
    toks = _tokens(text)
    mentions = _scan(toks, places=True)
    covered = {i for m in mentions for i in range(m.first, m.last)}
    placed = {  # tokens naming a unit or a place other than the whole country
        i for m in mentions if idx.places.get(m.key) != "Ukraine" for i in range(m.first, m.last)
    }
    rows, labels = [], set()
    for m in mentions:
        if m.key in idx.keys:
            rows.append((_pick(m.key, m.cls, bare_kyiv), m))
        else:
            labels.add(idx.places[m.key])
    unknown: list[str] = []
    segments = 0
    seg: list[int] = []
    for i in [*range(len(toks)), len(toks)]:
        if i < len(toks) and toks[i].text not in v.delims:
            seg.append(i)
            continue
        words = [j for j in seg if toks[j].text not in v.filler | v.oblast | v.city]
        segments += bool(words)
        has_mention = any(j in placed for j in words)
        loose = [j for j in words if j not in covered and toks[j].text not in v.qualifier]
        if any(toks[j].text in v.subunit for j in loose):
            loose = [] if len(loose) <= 4 else loose
        if not has_mention and not loose:
            labels |= {
                f"macro-region:{v.direction[toks[j].text]}"
                for j in words
                if toks[j].text in v.direction
            }
        unknown += [toks[j].text for j in loose]
        seg = []
    return _Analysis(tuple(rows), frozenset(labels), tuple(unknown), segments), toks


def _make(
    row: _Row, text: str, cls: str, method: str | None, span: tuple[int, int] | None
) -> OblastMatch:
    idx, unit = _index(), _units()[row.code]
    if method is None:
        exact = idx.exact.get(text) == row.code
        method = "exact" if exact else ("city" if row.role == "city" else "alias")
    return OblastMatch(row.code, unit["name"], method, 100.0, row.alias, span)  # type: ignore[arg-type]


def _fuzzy(core: str, cls: str, bare_kyiv: BareKyiv) -> OblastMatch | None:
    from rapidfuzz import fuzz, process

    idx = _index()
    if len(core.replace(" ", "")) < FUZZY_MIN_LEN:
        return None
    hits = process.extract(
        core,
        idx.fuzzy_keys,
        scorer=fuzz.ratio,
        limit=40,
        score_cutoff=FUZZY_THRESHOLD - FUZZY_MARGIN,
    )
    best: dict[str, tuple[float, str]] = {}
    for key, score, pos in hits:
        group = idx.fuzzy_groups[pos]
        if group not in best or score > best[group][0]:
            best[group] = (score, key)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    if not ranked or ranked[0][1][0] < FUZZY_THRESHOLD:
        return None
    if len(ranked) > 1 and ranked[0][1][0] - ranked[1][1][0] < FUZZY_MARGIN:
        return None
    score, key = ranked[0][1]
    if key not in idx.keys:
        return None
    row = _pick(key, cls, bare_kyiv)
    if row is None:
        return None
    return OblastMatch(row.code, _units()[row.code]["name"], "fuzzy", round(score, 1), row.alias)


@functools.lru_cache(maxsize=1 << 16)
def _match(text: str, bare_kyiv: BareKyiv) -> tuple[OblastMatch | None, str | None]:
    """(single-unit match, non-oblast label) for a region string."""
    if bare_kyiv not in ("city", "oblast", "none"):
        raise ValueError(f"bare_kyiv must be 'city', 'oblast' or 'none', not {bare_kyiv!r}")
    an, toks = _analyse(text, bare_kyiv)
    codes = {row.code if row else f"?{m.key}" for row, m in an.rows}
    places = codes | an.labels
    labels = an.labels - {"Ukraine"} if len(places) > 1 else an.labels
    places = codes | labels
    if len(places) >= 2:
        return None, "multiple"
    if an.unknown:
        if places or an.segments != 1 or len(an.unknown) > 3:
            return None, None
        idx = _index()
        core = " ".join(an.unknown)
        cls = _key(text)[1]
        if core.replace(" ", "") in idx.compact:
            key = idx.compact[core.replace(" ", "")]
            if key in idx.places:
                return None, idx.places[key]
            row = _pick(key, cls, bare_kyiv)
            return (_make(row, "", cls, "alias", None), None) if row else (None, None)
        return _fuzzy(core, cls, bare_kyiv), None
    if not places:
        return None, None
    if labels:
        return None, next(iter(labels))
    row, m = an.rows[0]
    if row is None:
        return None, None
    folded = " ".join(t.text for t in toks)
    return _make(row, folded, m.cls, None, (m.start, m.end)), None


def match_oblast(text: str, *, bare_kyiv: BareKyiv = "city") -> OblastMatch | None:
    """Resolve a region string to one first-level unit, with an audit trail.

    Parameters
    ----------
    text : str
        A region string ("Kharkivs'ka oblast'", "на Сумщині", "Dnipropetrovsk oblast, Dnipro
        Raion", "Zaporizhzhya oblast"). Non-strings give ``None``.
    bare_kyiv : {"city", "oblast", "none"}
        What bare "Kyiv"/"Київ"/"Kiev" means; see the module docstring.

    Returns
    -------
    OblastMatch or None
        ``None`` unless the text names exactly one first-level unit.

    Examples
    --------
    >>> match_oblast("Kharkov").code
    'UA-63'
    >>> match_oblast("Kharkiv and Sumy oblasts") is None
    True
    """
    if not isinstance(text, str):
        return None
    return _match(text, bare_kyiv)[0]


def resolve_oblast(text: str, *, bare_kyiv: BareKyiv = "city") -> str | None:
    """ISO 3166-2:UA code of the single first-level unit a string names, else ``None``.

    Examples
    --------
    >>> resolve_oblast("в Сумской области")
    'UA-59'
    >>> resolve_oblast("Kyiv"), resolve_oblast("Kyiv", bare_kyiv="oblast")
    ('UA-30', 'UA-32')
    >>> resolve_oblast("Belgorod") is None
    True
    """
    m = match_oblast(text, bare_kyiv=bare_kyiv)
    return m.code if m else None


def non_oblast_target(text: str) -> str | None:
    """Classify a region string that does not name a single oblast.

    Labels: ``"Ukraine"`` (the whole country), ``"macro-region:south|north|east|west|centre"``,
    ``"Russia"`` or ``"Russia:<region>"`` (e.g. ``"Russia:Belgorod"``), ``"Belarus"``,
    ``"Black Sea"``, ``"Sea of Azov"``, and ``"multiple"`` for text naming two or more distinct
    places (two oblasts, an oblast and a sea, "south and east"). Strings that name one unit,
    or that contain words the gazetteer does not know, give ``None``.

    Examples
    --------
    >>> non_oblast_target("південь"), non_oblast_target("Курська область")
    ('macro-region:south', 'Russia:Kursk')
    >>> non_oblast_target("Odesa oblast and Mykolaiv oblast")
    'multiple'
    """
    if not isinstance(text, str):
        return None
    return _match(text, "city")[1]


def find_oblasts(text: str, *, bare_kyiv: BareKyiv = "city") -> list[OblastMatch]:
    """Every mention of a first-level unit in free text, with character spans.

    Matches are exact/alias/city only (no fuzzy matching), longest first and non-overlapping,
    in text order. In mixed-case text a mention must start with a capital letter, so common
    words ("рівне", "суми") are not read as places. Ambiguous mentions are skipped.

    Examples
    --------
    >>> [(m.code, m.span) for m in find_oblasts("Odesa oblast and Mykolaiv oblast")]
    [('UA-51', (0, 12)), ('UA-48', (17, 32))]
    """
    if not isinstance(text, str):
        return []
    toks = _tokens(text)
    capital = text != text.lower() and text != text.upper()
    out = []
    for m in _scan(toks, places=False):
        first = text[toks[m.first].start]
        if capital and first.isalpha() and not first.isupper():
            continue
        row = _pick(m.key, m.cls, bare_kyiv)
        if row is not None:
            folded = " ".join(t.text for t in _tokens(text[m.start : m.end]))
            out.append(_make(row, folded, m.cls, None, (m.start, m.end)))
    return out


def oblasts() -> pl.DataFrame:
    """The 27 first-level units, sorted by ISO code.

    Returns
    -------
    polars.DataFrame
        code, katottg, name (pycountry official), name_en, name_uk, name_ru, kind
        (oblast | autonomous_republic | city), centre, population_2022 (Int64, null for Crimea
        and Sevastopol), tile_row, tile_col.
    """
    cols = ["code", "katottg", "name", "name_en", "name_uk", "name_ru", "kind", "centre"]
    units = list(_units().values())
    data: dict[str, list[object]] = {c: [u[c] for u in units] for c in cols}
    data["population_2022"] = [
        int(u["population_2022"]) if u["population_2022"] else None for u in units
    ]
    data["tile_row"] = [int(u["tile_row"]) for u in units]
    data["tile_col"] = [int(u["tile_col"]) for u in units]
    schema = {c: pl.String for c in cols} | {
        "population_2022": pl.Int64,
        "tile_row": pl.Int8,
        "tile_col": pl.Int8,
    }
    return pl.DataFrame(data, schema=schema)


def aliases() -> pl.DataFrame:
    """Every alias the resolver knows: the CSV's irreducible names plus rule-generated forms.

    Returns
    -------
    polars.DataFrame
        alias, normalized (:func:`normalize` of alias), code, lang, kind. A normalized form can
        map to two codes only for bare Kyiv names ("kyiv": city UA-30 and, as the oblast's short
        name, UA-32); :func:`resolve_oblast` applies the ``bare_kyiv`` policy there.
    """
    rows = sorted(set((r.alias, normalize(r.alias), r.code, r.lang, r.kind) for r in _rows()))
    return pl.DataFrame(rows, schema=["alias", "normalized", "code", "lang", "kind"], orient="row")
