"""Rules added while tuning on the real development corpus (issue 11), one test per rule.

Every text here is written for the test (no excerpt of the real corpus); the expected values
are read off the text by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents
from analytics.bulletins.updates import split_sentences


def _final(text: str, when: str = "2025-10-09T12:00:00+03:00") -> list[dict[str, object]]:
    df = extract_incidents(text, published_at=dt.datetime.fromisoformat(when))
    return sorted(final_incidents(df), key=lambda r: (str(r["settlement"]), str(r["date"])))


def _row(rows: list[dict[str, object]], settlement: str) -> dict[str, object]:
    return next(r for r in rows if r["settlement"] == settlement)


@pytest.mark.parametrize(
    ("text", "oblast", "settlement"),
    [
        # Russian and Romanian press forms of a city, named in KMU 2010 Latin
        ("В Запорожье в результате удара дрона ранены три человека.", "UA-23", "Zaporizhzhia"),
        (
            "Atac cu drone asupra orașului Zaporojie: trei persoane au fost rănite.",
            "UA-23",
            "Zaporizhzhia",
        ),
        # a case form of a town the oblast gazetteer does not know, placed by the text's oblast
        ("Харківщина. Внаслідок обстрілу в м. Чугуєві поранено двох жінок.", "UA-63", "Chuhuiv"),
        # a village followed by its hromada: the village, in its oblast
        (
            "Харківська область. Дрон атакував село Гусинка Куп'янської громади, поранено "
            "чоловіка.",
            "UA-63",
            "Husynka",
        ),
    ],
)
def test_settlement_in_kmu_latin(text: str, oblast: str, settlement: str) -> None:
    (row,) = _final(text)
    assert (row["oblast"], row["settlement"]) == (oblast, settlement)


def test_a_newspaper_named_after_kyiv_is_not_kyiv() -> None:
    rows = _final("According to the Kyiv Independent, a drone strike on Sumy injured two people.")
    assert [(r["oblast"], r["injured"]) for r in rows] == [("UA-59", 2)]


def test_a_raion_gives_its_oblast_and_no_settlement() -> None:
    (row,) = _final("В Купянском районе в результате обстрела ранены два человека.")
    assert (row["oblast"], row["settlement"], row["injured"]) == ("UA-63", None, 2)


def test_a_village_name_shared_by_oblasts_is_not_placed() -> None:
    rows = _final("У селі Іванівка внаслідок удару дрона поранено жінку.")
    assert all(r["oblast"] is None for r in rows)


@pytest.mark.parametrize(
    ("lang", "sentence", "injured"),
    [
        # days of the month are not casualties
        ("en", "russian forces struck the city on sept. 21, wounding 13 people.", 13),
        ("ru", "за 13 сентября ранены 2 человека.", 2),
        # people evacuated or rescued are not casualties
        ("en", "five people were injured and 40 people have been evacuated.", 5),
        ("uk", "поранено трьох людей, 25 мешканців евакуйовано.", 3),
        # "may" before a number is a verb, not a month
        ("en", "may 5 people have been injured.", 5),
    ],
)
def test_numbers_that_are_not_casualties(lang: str, sentence: str, injured: int) -> None:
    reading = read_casualties(sentence, lang)
    assert reading.injured is not None and reading.injured.value == injured


def test_a_month_abbreviation_does_not_end_a_sentence() -> None:
    text = "Russian forces struck Kharkiv on Sept. 21, wounding 13 people. Oct. 2 was calm."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Russian forces struck Kharkiv on Sept. 21, wounding 13 people.",
        "Oct. 2 was calm.",
    ]


def test_a_toll_dated_to_another_day_is_its_own_incident() -> None:
    rows = _final(
        "A drone struck Odesa on Oct. 9, injuring four people. "
        "A missile attack on Oct. 7 injured five people."
    )
    assert [(r["oblast"], r["date"], r["injured"]) for r in rows] == [
        ("UA-51", "2025-10-07", 5),
        ("UA-51", "2025-10-09", 4),
    ]


def test_settlements_itemised_under_a_daily_total_are_strikes() -> None:
    rows = _final(
        "За сутки оккупанты 30 раз обстреляли населенные пункты Донетчины, погибли 3 человека. "
        "В Славянске погибли два человека. В Краматорске погиб человек, ранены четверо.",
        when="2025-09-14T09:00:00+03:00",
    )
    assert {(r["settlement"], r["killed"], r["injured"]) for r in rows} == {
        ("Kramatorsk", 1, 4),
        ("Sloviansk", 2, None),
    }


def test_a_roundup_clause_per_place_after_a_designator() -> None:
    rows = _final(
        "Харківщина: у с. Гусинка внаслідок обстрілу постраждав чоловік; в м. Чугуїв "
        "постраждали дві жінки."
    )
    assert {(r["settlement"], r["injured"]) for r in rows} == {("Husynka", 1), ("Chuhuiv", 2)}


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        # "more than N" states no figure (labelling rules: null), unlike "at least N"
        ("ru", "тогда в результате атаки погибли более 20 человек."),
        ("en", "more than 30 people were killed in that strike."),
        # animals are not casualties
        ("uk", "унаслідок удару загинули 15 собак."),
    ],
)
def test_no_figure(lang: str, sentence: str) -> None:
    assert read_casualties(sentence, lang).killed is None


def test_at_least_still_gives_its_figure() -> None:
    killed = read_casualties("at least 5 people were killed.", "en").killed
    assert killed is not None and (killed.low, killed.high) == (5, None)


@pytest.mark.parametrize(
    ("text", "strike_type"),
    [
        ("Russian shelling of Kherson injured two people.", None),
        ("Обстріл Херсона: поранено двох людей.", None),
        ("Artillery shelling of Kherson injured two people.", "artillery"),
        ("A drone attack on Kherson injured two people.", "drone"),
    ],
)
def test_generic_shelling_names_no_weapon(text: str, strike_type: str | None) -> None:
    (row,) = _final(text)
    assert row["strike_type"] == strike_type


@pytest.mark.parametrize(
    "text",
    [
        # a strike on Russian territory: no oblast of Ukraine
        "В Белгороде в результате атаки дронов ранены три человека.",
        # a toll over the whole country, not split by oblast
        "Since the morning, Russian missile strikes across the country killed 12 people.",
    ],
)
def test_a_toll_without_an_oblast_is_quarantined(text: str) -> None:
    df = extract_incidents(text, published_at=dt.datetime(2025, 8, 15, 9, tzinfo=dt.UTC))
    assert final_incidents(df) == []
    assert df.height == 0 or df["quarantine_reason"].str.contains("oblast").all()


def test_damage_to_a_named_settlement_under_a_strike_report_is_an_incident() -> None:
    rows = _final(
        "Оккупанты за сутки 20 раз обстреляли населенные пункты Донетчины. "
        "В Краматорске ранен человек. В Дружковке повреждены 3 дома.",
        when="2025-09-14T09:00:00+03:00",
    )
    assert {(r["settlement"], r["killed"], r["injured"]) for r in rows} == {
        ("Kramatorsk", None, 1),
        ("Druzhkivka", None, None),
    }


def test_another_after_the_dead_counts_on_from_the_dead() -> None:
    (row,) = _final(
        "Дрон влучив у будинок у Чернігові, постраждали 8 людей. "
        "Одна людина загинула. Ще 8 людей постраждали."
    )
    assert (row["settlement"], row["killed"], row["injured"]) == ("Chernihiv", 1, 8)


@pytest.mark.parametrize(
    ("lang", "sentence", "killed", "injured"),
    [
        # a singular death or injury verb with no count is one person
        ("ru", "в результате атаки погиб водитель автобуса.", 1, None),
        ("uk", "внаслідок удару вона загинула на місці.", 1, None),
        # round 26: "від отриманих травм вона загинула" is now read as a death of wounds (a
        # transfer, as English "she died of her injuries"); with no injured count before it the
        # incident still has 1 killed (test_audit26.test_a_death_of_wounds_alone_is_one_killed)
        ("ru", "в результате обстрела пострадала пенсионерка.", None, 1),
        # negated: nobody
        ("ru", "никто не погиб.", None, None),
    ],
)
def test_singular_verb_is_one_person(
    lang: str, sentence: str, killed: int | None, injured: int | None
) -> None:
    r = read_casualties(sentence, lang)
    assert (r.killed and r.killed.value, r.injured and r.injured.value) == (killed, injured)


def test_a_city_district_is_not_a_raion() -> None:
    (row,) = _final(
        "Russian artillery shelled the Dniprovskyi district of Kherson, wounding a man."
    )
    assert (row["oblast"], row["injured"]) == ("UA-65", 1)
