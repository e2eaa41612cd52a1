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
import io
import re
from dataclasses import dataclass
from importlib.resources import files
from typing import Literal, NamedTuple

import polars as pl

from analytics.reference.toponymy import (
    RU_ADJ,
    RU_LAT,
    UK_ADJ,
    UK_LAT,
    UK_LAT_INITIAL,
    Token,
    alias_key,
    fold,
    normalize,
    place_keys,
    respellings,
    ru_noun_forms,
    tokens,
    translit,
    uk_noun_forms,
    vocab,
)

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


#: How a name matched an oblast (see :class:`OblastMatch`).
MatchMethod = Literal["exact", "alias", "city", "fuzzy"]


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
    method: MatchMethod
    score: float
    matched: str
    span: tuple[int, int] | None = None


class _Mention(NamedTuple):
    first: int  # token index range [first, last) of the alias itself
    last: int
    key: str
    cls: str  # "" | "oblast" | "city": designators attached to the mention
    start: int  # character span including attached designators
    end: int


# --- data ------------------------------------------------------------------------------------
def _read_csv(name: str) -> list[dict[str, str]]:
    raw = (files("analytics.reference") / "data" / name).open("rb")
    with io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
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
            for e in UK_ADJ[:5]:
                add(uk_stem + e, code, "uk", "inflection", role)
            for e in RU_ADJ[:4]:
                add(ru_stem + e, code, "ru", "inflection", role)
            add(
                translit(uk_stem + "а", UK_LAT, UK_LAT_INITIAL),
                code,
                "uk-Latn",
                "adjectival",
                role,
            )
            ru_adj = ru_stem + "ая"
            add(translit(ru_adj, RU_LAT, {}), code, "ru-Latn", "adjectival", role)
            add(translit(ru_adj, RU_LAT, {"е": "ye"}), code, "ru-Latn", "adjectival", role)
        if u["centre"] not in unit_names or u["kind"] == "city":
            add(u["centre"], code, "en", "city", "city")
            if u["centre"].startswith("Kh"):  # Romanian and German press: "Harkiv", "Herson"
                add("H" + u["centre"][2:], code, "ro", "respelling", "city")
    for r in _read_csv("oblast_aliases.csv"):
        code, lang, kind = r["code"], r["lang"], r["kind"]
        role = "city" if kind in {"city", "place"} or units[code]["kind"] == "city" else "oblast"
        add(r["alias"], code, lang, kind, role)
        if lang == "uk" and kind in {"city", "colloquial", "historical"}:
            for form in uk_noun_forms(r["alias"]):
                add(form, code, lang, "inflection", role)
            if kind == "colloquial":
                add(translit(r["alias"], UK_LAT, UK_LAT_INITIAL), code, "uk-Latn", kind, role)
        elif lang == "ru" and kind in {"city", "colloquial", "historical"}:
            for form in ru_noun_forms(r["alias"]):
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
        key, cls = alias_key(row.alias)
        if not key:
            continue
        keys.setdefault(key, {"oblast": {}, "city": {}})[row.role].setdefault(row.code, row)
        if row.code == _KYIV_CITY and row.role == "city" and cls != "city":
            bare.append((key, row._replace(code=_KYIV_OBLAST, kind="bare_kyiv", role="oblast")))
    for key, row in bare:  # bare Kyiv names double as the short name of Kyiv oblast
        keys[key]["oblast"].setdefault(_KYIV_OBLAST, row)
    places = {key: label for key, label in place_keys().items() if key not in keys}
    exact = {
        fold(u[col]): code
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
        if cls == "city" and not roles["city"] and set(roles["oblast"]) == {_KYIV_OBLAST}:
            # "Київська міська рада", "Kyiv city council": the adjective names the oblast, the
            # city designator says the capital, which is its own first-level unit.
            return _kyiv_city_row()
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


@functools.cache
def _kyiv_city_row() -> _Row | None:
    for roles in _index().keys.values():
        if _KYIV_CITY in roles["city"]:
            return roles["city"][_KYIV_CITY]
    return None  # pragma: no cover - the city is always in the index


def _scan(toks: list[Token], *, places: bool) -> list[_Mention]:
    """All alias mentions, longest first, non-overlapping, with adjacent designators attached."""
    idx, v = _index(), vocab()
    content = [i for i, t in enumerate(toks) if t.text not in v.filler and t.text not in v.oblast]
    content = [i for i in content if toks[i].text not in v.city]
    cands: list[tuple[int, int, int, str]] = []  # (-length, first content pos, last pos, key)
    words = [toks[i].text for i in content]
    delim = [w in v.delims for w in words]
    for a in range(len(words)):  # spans from a, growing until a delimiter (no span holds one)
        key = ""
        for j in range(a, min(a + idx.max_tokens, len(words))):
            if delim[j]:
                break
            key = f"{key} {words[j]}" if key else words[j]
            if key in idx.keys or (places and key in idx.places):
                cands.append((a - j - 1, a, j + 1, key))
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


def _analyse(text: str, bare_kyiv: BareKyiv) -> tuple[_Analysis, list[Token]]:
    idx, v = _index(), vocab()
    toks = tokens(text)
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
    row: _Row, text: str, cls: str, method: MatchMethod | None, span: tuple[int, int] | None
) -> OblastMatch:
    idx, unit = _index(), _units()[row.code]
    if method is None:
        exact = idx.exact.get(text) == row.code
        method = "exact" if exact else ("city" if row.role == "city" else "alias")
    return OblastMatch(row.code, unit["name"], method, 100.0, row.alias, span)


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


def _respelled(core: str, cls: str, bare_kyiv: BareKyiv) -> OblastMatch | None:
    """A designated core read as a foreign adjective or orthography, when all readings agree."""
    idx, hits = _index(), []
    for alt in respellings(core):
        key = idx.compact.get(alt.replace(" ", ""))
        if key in idx.places:
            return None
        row = _pick(key, cls, bare_kyiv) if key else None
        hit = _make(row, "", cls, "alias", None) if row else _fuzzy(alt, cls, bare_kyiv)
        hits += [hit] if hit else []
    return hits[0] if len({h.code for h in hits}) == 1 else None


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
        cls = alias_key(text)[1]
        if core.replace(" ", "") in idx.compact:
            key = idx.compact[core.replace(" ", "")]
            if key in idx.places:
                return None, idx.places[key]
            row = _pick(key, cls, bare_kyiv)
            return (_make(row, "", cls, "alias", None), None) if row else (None, None)
        found = _fuzzy(core, cls, bare_kyiv)
        return (_respelled(core, cls, bare_kyiv) if not found and cls else found), None
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
    ``"Black Sea"``, ``"Sea of Azov"``, ``"front line"``, and ``"multiple"`` for text naming two or more distinct
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


#: A unit noun around a city's form ("Покровська громада", "raionul Kramatorsk"): not the city.
_UNIT_NEXT = re.compile(r"\s+(?:громад|общин|hromad|район|raion(?!ul)|district)", re.IGNORECASE)
_UNIT_BEFORE = re.compile(r"(?:raionul|raionului|districtul|districtului)\s+$", re.IGNORECASE)


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
    toks = tokens(text)
    capital = text != text.lower() and text != text.upper()
    out = []
    for m in _scan(toks, places=False):
        if capital and (first := text[toks[m.first].start]).isalpha() and not first.isupper():
            continue
        row = _pick(m.key, m.cls, bare_kyiv)
        unit = _UNIT_NEXT.match(text, m.end) or _UNIT_BEFORE.search(text[: m.start][-14:])
        if row is not None and not (row.role == "city" and unit):
            folded = " ".join(t.text for t in tokens(text[m.start : m.end]))
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
