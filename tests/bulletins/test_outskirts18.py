"""Round 18 (issue 11): a strike near a city is not in the city.

Every text is invented for these tests. "Four killed near Kharkiv", "под Харьковом",
"поблизу Харкова", "la periferia orașului Harkov": the toll keeps the oblast and no
settlement. Controls: "in Kharkiv" keeps the city; a village named beside "near Kharkiv"
keeps the village.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.outskirts import near_places
from analytics.bulletins.places import Place
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russian air strikes killed four people and injured three near Kharkiv overnight.", "en"),
        (
            "Russian air strikes killed four people on the outskirts of Kharkiv overnight, and "
            "three were injured.",
            "en",
        ),
        ("Ночью под Харьковом в результате российских авиаударов погибли четыре человека, "
         "трое ранены.", "ru"),
        ("Уночі поблизу Харкова внаслідок російських авіаударів загинули четверо людей, троє "
         "поранені.", "uk"),
        ("Atacurile aeriene rusești au ucis patru persoane și au rănit trei la periferia "
         "orașului Harkov.", "ro"),
    ],
)  # fmt: skip
def test_a_toll_near_a_city_has_no_settlement(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-63", None, 4, 3)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russian air strikes killed four people and injured three in Kharkiv overnight.", "en"),
        ("Ночью в Харькове в результате российских авиаударов погибли четыре человека, трое "
         "ранены.", "ru"),
    ],
)  # fmt: skip
def test_control_a_toll_in_the_city_keeps_it(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-63", "Kharkiv", 4, 3)]


def test_control_a_village_near_the_city_keeps_the_village() -> None:
    village = Place("UA-63", "Mala Danylivka", "Mala Danylivka")
    city = Place("UA-63", "Kharkiv", "Kharkiv")
    got = near_places("A drone hit Mala Danylivka near Kharkiv.", [village, city])
    assert [p.settlement for p in got] == ["Mala Danylivka", None]


def test_near_rule_finishes_on_long_text() -> None:
    units = {"near": "near near Kharkiv ", "під": "під під Харковом ", "та": "Суми та та область "}
    assert finished(units, lang="en") == list(units)


def test_a_village_close_to_the_regional_capital_is_the_village() -> None:
    text = (
        "Russian forces struck the village of Pryozerne, close to the regional capital Kherson, "
        "killing a 70-year-old woman."
    )
    assert rows(text, "en") == [("UA-65", "Pryozerne", 1, None)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Суми та область атакували російські дрони: загинула одна людина, дев'ятеро "
         "постраждали.", "uk"),
        ("Сумы и область атаковали российские дроны: погиб один человек, девять пострадали.",
         "ru"),
        ("Russian drones attacked Sumy and the region, killing one person and injuring nine.",
         "en"),
        ("Drone rusești au atacat Sumî și regiunea, ucigând o persoană și rănind nouă.", "ro"),
    ],
)  # fmt: skip
def test_a_city_named_with_its_region_is_no_settlement(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-59", None, 1, 9)]


def test_control_a_city_alone_keeps_it() -> None:
    text = "Russian drones attacked Sumy, killing one person and injuring nine."
    assert rows(text, "en") == [("UA-59", "Sumy", 1, 9)]
