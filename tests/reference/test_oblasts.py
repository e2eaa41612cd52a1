"""Tests for the oblast gazetteer (analytics.reference.oblasts)."""

from __future__ import annotations

import csv
from pathlib import Path

import polars as pl
import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.reference.oblasts import (
    FUZZY_THRESHOLD,
    OblastMatch,
    aliases,
    find_oblasts,
    match_oblast,
    non_oblast_target,
    normalize,
    oblasts,
    resolve_oblast,
)

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "spellings_unseen.csv"
FIXTURE2 = FIXTURE.with_name("spellings_unseen2.csv")
CODES = {s.code for s in pycountry.subdivisions.get(country_code="UA")}


# --- the table -------------------------------------------------------------------------------
def test_all_27_units_with_pycountry_names() -> None:
    df = oblasts()
    assert df.height == 27
    assert set(df["code"]) == CODES
    assert df["code"].to_list() == sorted(CODES)
    official = {s.code: s.name for s in pycountry.subdivisions.get(country_code="UA")}
    assert dict(zip(df["code"], df["name"], strict=True)) == official
    assert df["kind"].value_counts().sort("kind").rows() == [
        ("autonomous_republic", 1),
        ("city", 2),
        ("oblast", 24),
    ]
    assert df.schema["population_2022"] == pl.Int64


def test_katottg_codes_are_first_level() -> None:
    df = oblasts()
    assert df["katottg"].str.contains(r"^UA\d{2}0{10}\d{5}$").all()
    assert df["katottg"].n_unique() == 27
    assert df.filter(pl.col("code") == "UA-05")["katottg"].item() == "UA05000000000010236"


def test_population_plausible() -> None:
    df = oblasts()
    pop = df.drop_nulls("population_2022")
    # Crimea and Sevastopol are not published by the State Statistics Service.
    assert set(df.filter(pl.col("population_2022").is_null())["code"]) == {"UA-40", "UA-43"}
    assert pop["population_2022"].is_between(500_000, 5_000_000).all()
    assert 40_500_000 <= pop["population_2022"].sum() <= 41_500_000
    assert df.filter(pl.col("code") == "UA-14")["population_2022"].item() > 4_000_000


def test_tile_positions_unique_and_adjacent() -> None:
    df = oblasts()
    cells = list(zip(df["tile_row"], df["tile_col"], strict=True))
    assert len(set(cells)) == 27
    pos = dict(zip(df["code"], cells, strict=True))

    def adjacent(a: str, b: str) -> bool:
        (r1, c1), (r2, c2) = pos[a], pos[b]
        return abs(r1 - r2) + abs(c1 - c2) == 1

    assert adjacent("UA-30", "UA-32")
    assert adjacent("UA-40", "UA-43")
    assert pos["UA-46"][1] < pos["UA-09"][1]  # Lviv west of Luhansk
    assert pos["UA-74"][0] < pos["UA-43"][0]  # Chernihiv north of Crimea


def test_aliases_frame() -> None:
    df = aliases()
    assert df.columns == ["alias", "normalized", "code", "lang", "kind"]
    assert set(df["code"]) == CODES
    assert df.filter(pl.col("normalized") == "").height == 0
    # A normalized form names two units only for bare Kyiv (resolved by the bare_kyiv policy).
    clash = df.group_by("normalized").agg(pl.col("code").n_unique()).filter(pl.col("code") > 1)
    assert clash["normalized"].to_list() == ["kyiv"]


def test_normalize() -> None:
    assert normalize("Kharkivs'ka oblast'") == "kharkivska"
    assert normalize("Kharkivs’ka Oblastʼ") == "kharkivska"
    assert normalize("  Ivano-Frankivsk   obl. ") == "ivano frankivsk"
    assert normalize("regiunea Sumî") == "sumi"
    assert normalize("Сумської області") == normalize("сумської")
    assert normalize("Kyiv City") == "kyiv city"


# --- resolution ------------------------------------------------------------------------------
SPELLINGS = [
    ("Kharkivska oblast", "UA-63"),
    ("Kharkivs'ka oblast'", "UA-63"),
    ("Kharkiv Oblast", "UA-63"),
    ("Kharkov", "UA-63"),
    ("Nikolayev", "UA-48"),
    ("Zaporozhye", "UA-23"),
    ("Kirovograd", "UA-35"),
    ("Dnepropetrovsk", "UA-12"),
    ("Lugansk", "UA-09"),
    ("Ivano-Frankovsk", "UA-26"),
    ("Khmelnitsky", "UA-68"),
    ("Rovno", "UA-56"),
    ("Chernigov", "UA-74"),
    ("Zhitomir", "UA-18"),
    ("Kiev", "UA-30"),
    ("Kiev oblast", "UA-32"),
    ("Odessa", "UA-51"),
    ("Transcarpathia", "UA-21"),
    ("Zakarpattia", "UA-21"),
    ("Charkiw", "UA-63"),
    ("Saporischschja", "UA-23"),
    ("Sumî", "UA-59"),
    ("regiunea Sumî", "UA-59"),
    ("Odesa", "UA-51"),
    ("Сумська область", "UA-59"),
    ("Сумщина", "UA-59"),
    ("на Сумщині", "UA-59"),
    ("Сумщину", "UA-59"),
    ("Сумської області", "UA-59"),
    ("Сумской области", "UA-59"),
    ("в Сумской области", "UA-59"),
    ("Kiev Special Republican city", "UA-30"),
    ("Zaporizhzhya oblast", "UA-23"),
    ("Mykolayiv oblast", "UA-48"),
    ("Sevastopol' city", "UA-40"),
    ("Respublika Krym", "UA-43"),
    ("м. Київ", "UA-30"),
    ("Київська область", "UA-32"),
    ("Kyiv City", "UA-30"),
    ("Kyivska oblast", "UA-32"),
    ("Kyiv oblast", "UA-32"),
    ("Київщина", "UA-32"),
    ("Kryvyi Rih", "UA-12"),
    ("Mariupol", "UA-14"),
    ("Kramatorsk", "UA-14"),
    ("Bakhmut", "UA-14"),
    ("Nikopol", "UA-12"),
    ("Kremenchuk", "UA-53"),
    ("Izium", "UA-63"),
    ("Pavlohrad", "UA-12"),
    ("Berdiansk", "UA-23"),
    ("Melitopol", "UA-23"),
    ("Sloviansk", "UA-14"),
    ("Bila Tserkva", "UA-32"),
    ("Uman", "UA-71"),
    ("Brovary", "UA-32"),
    ("Irpin", "UA-32"),
    ("Bucha", "UA-32"),
    ("Simferopol", "UA-43"),
    ("Crimea", "UA-43"),
    ("Dnipropetrovsk oblast, Dnipro Raion", "UA-12"),
    ("Dnipropetrovsk oblast, Synelnykove Raion", "UA-12"),
    ("Kyiv oblast (south)", "UA-32"),
    ("Kharkiv, Ukraine", "UA-63"),
    ("obwód charkowski", "UA-63"),
    ("Kyiv", "UA-30"),
    ("Київ", "UA-30"),
]


@pytest.mark.parametrize(("text", "code"), SPELLINGS)
def test_spellings_resolve(text: str, code: str) -> None:
    assert resolve_oblast(text) == code


NOT_ONE_UNIT = [
    "",
    "   ",
    "Ukraine",
    "Україна",
    "south",
    "Південь",
    "Belgorod",
    "Курська область",
    "Black Sea",
    "Kharkiv and Sumy oblasts",
    "Odesa oblast and Mykolaiv oblast",
    "Odesa oblast, Black Sea",
    "Kyiv oblast and north",
    "Kyiv and Kyiv oblast",
    "banana republic",
    "the quick brown fox",
    "front line",
    "Oblast",
    "Kyivv",
    "Sumyy",
    "Lubenskyi raion",
]


@pytest.mark.parametrize("text", NOT_ONE_UNIT)
def test_not_a_single_unit(text: str) -> None:
    assert resolve_oblast(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("Kharkvi oblast", "UA-63"), ("Zaporizhia", "UA-23"), ("Dnipropetrovk", "UA-12")],
)
def test_typos_resolve_by_fuzzy(text: str, code: str) -> None:
    m = match_oblast(text)
    assert m is not None
    assert (m.code, m.method) == (code, "fuzzy")
    assert FUZZY_THRESHOLD <= m.score < 100


def test_bare_kyiv_policy() -> None:
    assert resolve_oblast("Kyiv") == "UA-30"
    assert resolve_oblast("Kyiv", bare_kyiv="oblast") == "UA-32"
    assert resolve_oblast("Київ", bare_kyiv="none") is None
    # Explicit markers win over the policy.
    for policy in ("city", "oblast", "none"):
        assert resolve_oblast("Kyiv City", bare_kyiv=policy) == "UA-30"
        assert resolve_oblast("Kyiv oblast", bare_kyiv=policy) == "UA-32"
        assert resolve_oblast("м. Київ", bare_kyiv=policy) == "UA-30"
    with pytest.raises(ValueError, match="bare_kyiv"):
        resolve_oblast("Kyiv", bare_kyiv="both")  # type: ignore[arg-type]


def test_match_audit_fields() -> None:
    m = match_oblast("Kharkiv Oblast")
    assert m == OblastMatch("UA-63", "Kharkivska oblast", "exact", 100.0, "Kharkiv Oblast", (0, 14))
    kryvyi = match_oblast("Kryvyi Rih")
    assert kryvyi is not None and kryvyi.method == "city"
    kharkov = match_oblast("Kharkov")
    assert kharkov is not None and (kharkov.method, kharkov.matched) == ("alias", "Kharkov")
    assert match_oblast(None) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Ukraine", "Ukraine"),
        ("всієї України", "Ukraine"),
        ("south", "macro-region:south"),
        ("Південь", "macro-region:south"),
        ("північ", "macro-region:north"),
        ("center", "macro-region:centre"),
        ("south of Ukraine", "macro-region:south"),
        ("Belgorod", "Russia:Belgorod"),
        ("Kursk oblast", "Russia:Kursk"),
        ("Брянська область", "Russia:Bryansk"),
        ("Russia", "Russia"),
        ("Black Sea", "Black Sea"),
        ("Азовське море", "Sea of Azov"),
        ("Білорусь", "Belarus"),
        ("Kharkiv and Sumy oblasts", "multiple"),
        ("Sumy oblast and Kursk oblast", "multiple"),
        ("south and east", "multiple"),
        ("Kharkiv oblast", None),
        ("blah", None),
    ],
)
def test_non_oblast_target(text: str, label: str | None) -> None:
    assert non_oblast_target(text) == label


# --- free text -------------------------------------------------------------------------------
def test_find_oblasts_spans() -> None:
    text = "Odesa oblast and Mykolaiv oblast"
    found = find_oblasts(text)
    assert [(m.code, text[m.span[0] : m.span[1]]) for m in found if m.span] == [
        ("UA-51", "Odesa oblast"),
        ("UA-48", "Mykolaiv oblast"),
    ]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("в Харківській області", ["UA-63"]),
        ("în regiunea Sumî", ["UA-59"]),
        (
            "Вночі ворог атакував Харківщину та Сумщину, у Києві чути вибухи.",
            ["UA-63", "UA-59", "UA-30"],
        ),
        ("Strikes on Kryvyi Rih and the Kyiv region overnight", ["UA-12", "UA-32"]),
        ("рівне поле біля Суми", ["UA-59"]),  # lower-case "рівне" is the adjective "flat"
        ("No place named here at all.", []),
        ("Kharkvi oblast", []),  # never fuzzy in free text
    ],
)
def test_find_oblasts(text: str, codes: list[str]) -> None:
    found = find_oblasts(text)
    assert [m.code for m in found] == codes
    spans = [m.span for m in found if m.span]
    assert len(spans) == len(found)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_find_oblasts_longest_match() -> None:
    (m,) = find_oblasts("Attack on Bila Tserkva")
    assert (m.code, m.matched) == ("UA-32", "Bila Tserkva")
    (city,) = find_oblasts("Explosions in Kyiv City tonight")
    assert city.code == "UA-30" and city.span == (14, 23)


# --- real data -------------------------------------------------------------------------------
def _pairs(en_file: str, uk_file: str, column: str) -> list[tuple[str, str]]:
    folder = SHARED_DATA / "air-raid-sirens"
    if not folder.is_dir():
        pytest.skip(f"real datasets not found at {folder} (a clone without ../shared/data)")
    en = pl.read_csv(folder / en_file, columns=[column], infer_schema=False)[column]
    uk = pl.read_csv(folder / uk_file, columns=[column], infer_schema=False)[column]
    assert en.len() == uk.len()
    return pl.DataFrame({"en": en, "uk": uk}).unique().sort("en").rows()


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("en_file", "uk_file", "column"),
    [
        ("official_data_en.csv", "official_data_uk.csv", "oblast"),
        ("volunteer_data_en.csv", "volunteer_data_uk.csv", "region"),
    ],
)
def test_air_raid_sirens_names_agree(en_file: str, uk_file: str, column: str) -> None:
    pairs = _pairs(en_file, uk_file, column)
    assert len(pairs) >= 25
    raion_rows = []
    for en, uk in pairs:
        code_en, code_uk = resolve_oblast(en), resolve_oblast(uk)
        if "raion" in en.lower():
            # A raion in the oblast column: never guessed; it may only resolve to its oblast.
            raion_rows.append(en)
            assert code_en == code_uk
            assert code_en in (None, "UA-53")  # Lubny raion lies in Poltava oblast
            continue
        assert code_en is not None, en
        assert code_en == code_uk, (en, uk)
    assert len(raion_rows) == (1 if column == "oblast" else 0)
    codes = {resolve_oblast(en) for en, _ in pairs} - {None}
    assert len(codes) >= 25


# --- unseen spellings ------------------------------------------------------------------------
def test_unseen_spellings_accuracy() -> None:
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 150
    with (
        Path(__file__).resolve().parents[2]
        / "analytics"
        / "reference"
        / "data"
        / "oblast_aliases.csv"
    ).open(encoding="utf-8") as fh:
        in_csv = {r["alias"] for r in csv.DictReader(fh)}
    assert not [r["spelling"] for r in rows if r["spelling"] in in_csv]
    expected = [(r["spelling"], r["expected_code"] or None) for r in rows]
    got = [resolve_oblast(s) for s, _ in expected]
    correct = sum(g == e for g, (_, e) in zip(got, expected, strict=True))
    false_positives = [s for g, (s, e) in zip(got, expected, strict=True) if e is None and g]
    assert false_positives == []
    assert correct / len(rows) >= 0.98


def test_unseen_spellings_second_blind_list() -> None:
    """A second blind list (302 spellings, 47 of them non-oblast) written without the alias CSV.

    ACLED/HDX admin1 values, GeoNames (uk/ru romanised), ISO names, Wikipedia titles in de, fr,
    es, it, pl, cs, tr, ro, hu, Ukrainian/Russian cases, "м."/"г." cities, typos/OCR, upper case
    and punctuation. Non-oblast rows: Russian regions, Donbas (two oblasts), Slobozhanshchyna (a
    historical region over several oblasts and Russia: documented as None), Bessarabia,
    Left/Right-bank Ukraine, Kuban, Transnistria, macro-regions, pairs of units, noise.
    Blind (before any fix): 279/302 = 92.4% correct, 0 false positives. After the general rules
    (foreign designators, Hungarian/Czech/Spanish re-spelling of designated adjectives, OCR
    digits, "GCA"/"NGCA" qualifiers, "под") and 3 exonyms: 302/302 = 100%, 0 false positives.
    """
    with FIXTURE2.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) >= 150
    expected = [(r["spelling"], r["expected_code"] or None) for r in rows]
    assert sum(e is None for _, e in expected) >= 30
    got = [resolve_oblast(s) for s, _ in expected]
    correct = sum(g == e for g, (_, e) in zip(got, expected, strict=True))
    false_positives = [s for g, (s, e) in zip(got, expected, strict=True) if e is None and g]
    assert false_positives == []
    assert correct / len(rows) >= 0.98


# --- properties ------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_resolve_never_raises(text: str) -> None:
    code = resolve_oblast(text)
    assert code is None or code in CODES
    assert non_oblast_target(text) is None or isinstance(non_oblast_target(text), str)
    for m in find_oblasts(text):
        assert m.code in CODES and m.span is not None


KNOWN = [a for a, _ in SPELLINGS if "," not in a]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(KNOWN),
    st.lists(st.sampled_from(["upper", "lower", "title", "pad", "double"]), max_size=3),
)
def test_case_and_whitespace_do_not_matter(alias: str, changes: list[str]) -> None:
    text = alias
    for change in changes:
        if change == "pad":
            text = f"  {text}\t"
        elif change == "double":
            text = text.replace(" ", "  ")
        else:
            text = getattr(text, change)()
    assert resolve_oblast(text) == resolve_oblast(alias)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kyiv Regional Military Administration", "UA-32"),
        ("Київська обласна військова адміністрація", "UA-32"),
        ("Київська міська військова адміністрація", "UA-30"),
        ("Kyiv City Military Administration", "UA-30"),
        ("Kharkiv Regional Military Administration", "UA-63"),
        ("Харківська міська рада", "UA-63"),  # a city council inside the oblast
    ],
)
def test_authorities_resolve_to_the_unit_they_govern(text: str, code: str) -> None:
    assert resolve_oblast(text) == code
    assert [m.code for m in find_oblasts(text)] == [code]


@pytest.mark.parametrize("text", ["front line", "лінія фронту", "линия фронта", "line of contact"])
def test_front_line_is_a_named_target_not_an_oblast(text: str) -> None:
    assert resolve_oblast(text) is None
    assert non_oblast_target(text) == "front line"
