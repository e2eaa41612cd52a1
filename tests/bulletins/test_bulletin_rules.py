"""Bulletin extraction rules added from the blind holdout sets (one test per general rule)."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.numbers import fold
from analytics.bulletins.scoring import final_incidents


def _extract(text: str, when: str = "2025-03-14T05:00:00+00:00", **kw: object) -> pl.DataFrame:
    return extract_incidents(text, published_at=dt.datetime.fromisoformat(when), **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "sentence", "killed", "injured"),
    [
        # "rose to N" belongs to the casualty word before the verb, however far back
        ("en", "The death toll from the strike on the city on Tuesday rose to nine.", 9, None),
        ("uk", "Кількість загиблих внаслідок удару по місту у вівторок зросла до 11 людей.", 11, None),
        # corrections replace the earlier figure
        ("en", "Earlier reports of three dead were revised to two after a check.", 2, None),
        ("uk", "кількість загиблих — двоє, а не троє, як повідомлялося раніше.", 2, None),
        ("ro", "au murit două persoane, nu trei, așa cum se anunțase inițial.", 2, None),
        # ages written after the noun are not counts
        ("uk", "поранено чоловіка 45 років", None, 1),
        ("ro", "un copil de 5 ani a fost rănit", None, 1),
        # an itemised list after a dash restates the count before it
        ("uk", "поранено 3 людей — чоловіка 45 років та двох жінок 38 і 71 року", None, 3),
        # "среди них ... — a, b": the aside goes on past the dash
        ("ru", "Пострадали 9 человек, среди них двое детей — мальчик 8 лет и девочка 14 лет.",
         None, 9),
        ("uk", "Серед загиблих — дві дитини.", None, None),
        # holdout3: numbers after "aged" are ages ("aged 41 and 58")
        ("en", "In Orikhiv, artillery shelling injured two men aged 41 and 58.", None, 2),
    ],
)  # fmt: skip
def test_holdout2_casualty_rules(
    lang: str, sentence: str, killed: int | None, injured: int | None
) -> None:
    r = read_casualties(fold(sentence), lang)
    assert (r.killed.value if r.killed else None) == killed
    assert (r.injured.value if r.injured else None) == injured


def test_corrections_set_but_another_still_adds() -> None:
    r = read_casualties(fold("Earlier reports of three dead were revised to two."), "en")
    assert r.killed is not None and r.killed.op == "set"
    r = read_casualties(fold("За уточненими даними, поранено ще двох людей."), "uk")
    assert r.injured is not None and r.injured.op == "add"


def test_dateline_is_neither_place_nor_date() -> None:
    text = (
        "KYIV, April 16 (Wire) - The death toll from a Russian missile strike on Zaporizhzhia "
        "on Tuesday rose to nine, the governor said on Wednesday."
    )
    row = _extract(text, "2025-04-16T14:00:00+00:00").row(-1, named=True)
    assert (row["oblast_code"], row["killed"]) == ("UA-23", 9)
    assert row["occurred_on"] == dt.date(2025, 4, 15)


@pytest.mark.parametrize(
    "text",
    [
        # drills, target drones, the future tense
        "Residents of Lviv region may hear explosions as air defence units hold a drill.",
        "Mobile fire groups will shoot down target drones over the city of Lviv.",
        "В Киеве пройдут учения ПВО: беспилотники-мишени будут сбивать над Днепром.",
        "Sisteme de apărare antiaeriană vor lansa rachete asupra unor ținte aeriene la Odesa.",
        # an attack dated in an earlier year (a trial, an anniversary)
        "A court in Sumy sentenced a colonel over a 2022 missile strike that killed 11 people.",
        "Суд в Чернигове вынес приговор за обстрел в марте 2022 года, погибли 14 человек.",
    ],
)
def test_drills_trials_and_past_years_are_not_incidents(text: str) -> None:
    assert final_incidents(_extract(text, "2025-06-11T15:00:00+00:00")) == []


def test_roundup_total_is_not_given_to_the_first_region() -> None:
    text = (
        "Russian attacks killed three civilians and injured 19 others over the past day.\n"
        "In Kherson Oblast, a woman was killed and four people were injured by shelling.\n"
        "In Kharkiv Oblast, two people were killed and 15 injured by drones."
    )
    rows = final_incidents(_extract(text))
    assert sorted((r["oblast"], r["killed"], r["injured"]) for r in rows) == [
        ("UA-63", 2, 15),
        ("UA-65", 1, 4),
    ]


def test_intro_naming_several_weapons_does_not_type_a_place() -> None:
    text = (
        "Russia struck Kyiv with missiles and drones early on Thursday.\n"
        "In Kyiv, two people were injured when debris fell on a high-rise building."
    )
    row = final_incidents(_extract(text))[0]
    assert (row["oblast"], row["injured"], row["strike_type"]) == ("UA-30", 2, None)


def test_town_ending_like_a_region_adjective_is_a_settlement() -> None:
    text = (
        "🔴 с. Борова: від удару КАБ загинув 62-річний чоловік.\n"
        "🔴 м. Куп'янськ: через артобстріл травмовано 57-річну жінку."
    )
    rows = final_incidents(_extract(text))
    assert sorted((r["killed"], r["injured"], r["strike_type"]) for r in rows if r["killed"]) == [
        (1, None, "air_strike")
    ]
    assert (None, 1, "artillery") in [(r["killed"], r["injured"], r["strike_type"]) for r in rows]


def test_revision_naming_the_regions_city_revises_the_incident() -> None:
    text = (
        "În regiunea Sumî, o dronă a lovit un autobuz în localitatea Krasnopillia: trei "
        "persoane au murit și 12 au fost rănite.\n"
        "ACTUALIZARE 10:45 - Autoritățile din Sumî au corectat bilanțul: au murit două "
        "persoane, nu trei."
    )
    df = _extract(text, "2025-10-21T05:00:00+00:00")
    assert df["incident_id"].n_unique() == 1
    assert df.select("killed", "injured").row(-1) == (2, 12)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Debris fell in Kyiv region, injuring two, the Kyiv Regional Military Administration said.",
         "UA-32"),
        ("Two people were injured by drone debris in Kyiv, the Kyiv City Military Administration "
         "said.", "UA-30"),
    ],
)  # fmt: skip
def test_kyiv_regional_administration_is_the_oblast(text: str, code: str) -> None:
    assert _extract(text)["oblast_code"].to_list() == [code]


# --------------------------------------------------------------------------- holdout3 rules
@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the attacker's own losses are not victims (corpus README convention)
        ("Ukrainian drones hit a Russian command post near occupied Oleshky, killing 12 Russian "
         "soldiers.", "2025-11-08T13:00:00+00:00", []),
        ("Сили оборони ліквідували 1 230 російських окупантів, знищено 12 танків.",
         "2025-11-13T05:00:00+00:00", []),
        # a month or a week of attacks is not an incident
        ("At least 214 civilians were killed and 1,042 injured in Ukraine in October.\nMost were "
         "caused by guided aerial bombs, the monthly report said.", "2025-11-12T10:00:00+00:00", []),
        ("Загалом у жовтні внаслідок російських ракетних ударів загинули 214 цивільних.",
         "2025-11-12T10:00:00+00:00", []),
        ("Цього тижня Росія випустила 1 200 дронів, від ударів загинули 40 людей.",
         "2025-11-12T10:00:00+00:00", []),
        # a date after publication is no past strike
        ("Графики отключений в Харьковской области 19 ноября\n\nПричина — последствия ракетных "
         "ударов по энергосистеме.", "2025-11-18T16:00:00+00:00", []),
        # names the gazetteer lacks, after a locative or a strike word, are settlements
        ("Over the past day Russian troops attacked Zaporizhzhia region 468 times.\nA woman was "
         "killed in a drone attack on Stepnohirsk.\nA guided bomb hit a house in Komyshuvakha, "
         "wounding a boy.", "2025-11-07T07:00:00+00:00",
         [("UA-23", None, 1, "air_strike"), ("UA-23", 1, None, "drone")]),
        # one oblast's past-day count itemised by settlement is a total; a list names no one place
        ("У Херсонській області за минулу добу загинули двоє людей, ще 14 поранені. Під ударом "
         "були Херсон, Білозерка, Станіслав.\nВнаслідок артилерійського обстрілу Білозерки загинув "
         "чоловік.\nУ Херсоні дрон поранив п'ятьох людей.", "2025-11-10T06:30:00+00:00",
         [("UA-65", 1, None, "artillery"), ("UA-65", None, 5, "drone")]),
        # a placeless past-day title ("Последствия обстрелов за сутки") types no place
        ("Последствия обстрелов за сутки.\nВ Гуляйполе от удара дрона погиб мужчина.\nВ Запорожье "
         "ранены три человека.", "2025-07-07T05:30:00+00:00",
         [("UA-23", 1, None, "drone"), ("UA-23", None, 3, None)]),
        # dative "-ю" forms; killed and injured in one clause
        ("Ранковий удар КАБами по Запоріжжю: двоє загиблих і п'ятеро поранених.",
         "2025-11-11T08:15:00+00:00", [("UA-23", 2, 5, "air_strike")]),
    ],
)  # fmt: skip
def test_holdout3_rules(text: str, published: str, expected: list[tuple[object, ...]]) -> None:
    rows = final_incidents(_extract(text, published))
    got = [(r["oblast"], r["killed"], r["injured"], r["strike_type"]) for r in rows]
    assert sorted(got, key=str) == sorted(expected, key=str)


def test_time_of_a_strike_beats_the_time_of_the_search() -> None:
    text = (
        "Число погибших в результате удара КАБ по Харькову возросло до двенадцати. Утром "
        "спасатели нашли тело мужчины. Это жертвы вчерашнего удара по Салтовскому району."
    )
    row = final_incidents(_extract(text, "2025-11-16T12:00:00+00:00"))[0]
    assert (row["oblast"], row["killed"], row["date"]) == ("UA-63", 12, "2025-11-15")
