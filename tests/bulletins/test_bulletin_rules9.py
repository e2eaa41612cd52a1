"""Rules of round 9 (issue 11), each on text written for it."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.places import find_places
from analytics.bulletins.scoring import final_incidents

#: Noon in Kyiv on Monday 2 June 2025.
NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


def _tolls(text: str, lang: str) -> list[tuple[int | None, int | None]]:
    df = extract_incidents(text, published_at=NOON, lang=lang)
    return [(i["killed"], i["injured"]) for i in final_incidents(df)]


@pytest.mark.parametrize(
    ("text", "lang", "toll"),
    [
        # "two men and a woman": a counted group and a genitive singular, 2 + 1 people.
        (
            "У Павлограді Дніпропетровської області ракетний удар забрав життя "
            "двох чоловіків і жінки.",
            "uk",
            (3, None),
        ),
        (
            "В Павлограде Днепропетровской области ракетный удар унес жизни "
            "трех мужчин и 70-летней женщины.",
            "ru",
            (4, None),
        ),
        (
            "В Павлограде Днепропетровской области при обстреле ранены двое мужчин и девочка.",
            "ru",
            (None, 3),
        ),
    ],
    ids=["uk-two-men-and-a-woman", "ru-aged-woman", "ru-nominative-girl"],
)
def test_group_and_one_more_person_are_summed(
    text: str, lang: str, toll: tuple[int | None, int | None]
) -> None:
    assert _tolls(text, lang) == [toll]


def test_plural_nouns_without_a_count_give_no_figure() -> None:
    # "мужчины и женщины" here are nominative plurals: how many is not said, so NULL.
    text = "В Павлограде Днепропетровской области при обстреле погибли мужчины и женщины."
    assert _tolls(text, "ru") == [(None, None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A region designator inside the matched span: the oblast, no settlement.
        ("Un bărbat a murit în regiunea Harkiv.", ("UA-63", None)),
        ("O femeie a fost rănită în regiunea Herson.", ("UA-65", None)),
    ],
    ids=["ro-regiunea-harkiv", "ro-regiunea-herson"],
)
def test_region_designator_before_a_city_name_is_the_oblast(
    text: str, expected: tuple[str, None]
) -> None:
    places = [(p.code, p.settlement) for p in find_places(text)]
    assert places == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Explozii în Kiev și Harkov.",
        "Rusia a bombardat orașele ucrainene Kiev și Harkov.",
        "Blasts were heard in Kyiv and Kharkov.",
    ],
    ids=["ro-in-pair", "ro-cities-pair", "en-in-pair"],
)
def test_second_city_of_a_pair_after_one_preposition_is_a_settlement(text: str) -> None:
    second = find_places(text)[1]
    assert second.code == "UA-63"
    assert second.settlement is not None


def test_a_bare_exonym_without_preposition_stays_the_oblast() -> None:
    # No preposition and no word for cities: the place may be the region, so no settlement.
    (place,) = find_places("Harkov a fost lovit.")
    assert (place.code, place.settlement) == ("UA-63", None)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Potrivit Statului Major, Rusia a pierdut, de asemenea, 300 de tancuri, "
            "40 de avioane și 900 de drone. Trupele ucrainene au avansat în regiunea Sumî.",
            "ro",
        ),
        (
            "Russia has lost about 1,000 troops, 12 tanks and 30 drones over the day, "
            "the General Staff said. Ukrainian forces advanced in Sumy region.",
            "en",
        ),
        (
            "Россия потеряла за сутки 12 танков и 30 беспилотников. "
            "Украинские силы продвинулись в Сумской области.",
            "ru",
        ),
    ],
    ids=["ro-lost-tanks", "en-lost-troops", "ru-lost-tanks"],
)
def test_a_tally_of_the_attackers_losses_is_no_incident(text: str, lang: str) -> None:
    assert _tolls(text, lang) == []


def test_a_strike_beside_the_losses_tally_is_still_read() -> None:
    text = (
        "Rusia a pierdut 300 de tancuri, potrivit Statului Major. "
        "La Sumî, o dronă a lovit un bloc de locuințe și a rănit două persoane."
    )
    assert _tolls(text, "ro") == [(None, 2)]


@pytest.mark.parametrize(
    "text",
    [
        "Un atac a lăsat fără curent jumătate din capitala ucraineană.",
        "A drone attack on the Ukrainian capital injured two people.",
        "Вночі ворог атакував столицю України.",
        "Ночью враг атаковал украинскую столицу.",
    ],
    ids=["ro", "en", "uk", "ru"],
)
def test_ukraines_capital_by_its_role_is_kyiv_city(text: str) -> None:
    assert [(p.code, p.settlement) for p in find_places(text)] == [("UA-30", "Kyiv")]


def test_a_regional_capital_is_not_kyiv() -> None:
    places = find_places("Blasts were heard in the regional capital, Kropyvnytskyi.")
    assert all(p.code != "UA-30" for p in places)


def test_earlier_strike_on_the_capital_is_kyiv_city_not_the_region() -> None:
    text = (
        "O persoană a fost ucisă și alte trei au fost rănite într-un atac cu drone asupra "
        "districtului Vișhorod din regiunea Kiev. Cu o zi înainte, un atac cu rachete a ucis "
        "două persoane și a rănit zece în capitala ucraineană."
    )
    df = extract_incidents(text, published_at=NOON, lang="ro")
    rows = {(i["oblast"], i["settlement"], i["killed"], i["injured"]) for i in final_incidents(df)}
    assert ("UA-30", "Kyiv", 2, 10) in rows
    assert ("UA-32", None, 1, 3) in rows


def test_placeless_opening_count_itemised_by_settlement_is_a_total() -> None:
    # The opening "three injured" names no place; the settlements that follow carry 1 + 2.
    text = (
        "За даними обласної адміністрації, протягом доби через обстріли постраждали троє людей. "
        "У м. Балаклія Харківської області постраждав 50-річний чоловік; у с. Вільхуватка "
        "постраждали 52-річна і 65-річна жінки."
    )
    df = extract_incidents(text, published_at=NOON, lang="uk")
    rows = sorted((i["settlement"], i["injured"]) for i in final_incidents(df))
    assert rows == [("Balakliia", 1), ("Vilkhuvatka", 2)]
