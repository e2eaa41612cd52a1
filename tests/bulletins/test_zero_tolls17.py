"""Round 17 (issue 11): "no casualties" after several struck places is the toll of all of them.

Every text is invented for these tests. Each names two settlements of Chernihiv oblast, each
hit in its own sentence with no toll, then one closing sentence with no place of its own
saying nobody was hurt: by the labelling rules each place is an incident with zero killed and
zero injured, not only the last place before the closing sentence.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

#: Noon in Kyiv on Monday 2 June 2025.
NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "lang", "first"),
    [
        (
            "Overnight Russian drones attacked Chernihiv region. In Nizhyn a drone hit an "
            "office building and started a fire. In Pryluky a drone hit a private house. "
            "No casualties were reported, the rescuers said.",
            "en",
            "Nizhyn",
        ),
        (
            "Ночью вражеские дроны атаковали Черниговскую область. В Нежине дрон попал в "
            "офисное здание, начался пожар. А в Прилуках беспилотник попал в частный дом. "
            "К счастью, пострадавших нет.",
            "ru",
            "Nizhyn",
        ),
        (
            "Вночі ворожі дрони атакували Чернігівщину. У Ніжині дрон влучив в офісну "
            "будівлю, виникла пожежа. А в Прилуках безпілотник влучив у приватний будинок. "
            "На щастя, постраждалих немає.",
            "uk",
            "Nizhyn",
        ),
        (
            "Dronele rusești au atacat regiunea Cernihiv. La Cernihiv o dronă a lovit o "
            "clădire de birouri. La Priluki o dronă a lovit o casă. Nu au fost victime, au "
            "transmis salvatorii.",
            "ro",
            "Chernihiv",
        ),
    ],
)
def test_no_casualties_after_two_places_covers_both(text: str, lang: str, first: str) -> None:
    assert rows(text, lang, NOON) == [("UA-74", first, 0, 0), ("UA-74", "Pryluky", 0, 0)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Overnight Russian drones attacked Chernihiv region. In Nizhyn a woman was "
            "injured when a drone hit a house. In Pryluky a drone hit a private house. No one "
            "was hurt, the rescuers said.",
            "en",
        ),
        (
            "Ночью вражеские дроны атаковали Черниговскую область. В Нежине ранена женщина, "
            "дрон попал в дом. А в Прилуках беспилотник попал в частный дом. К счастью, "
            "пострадавших нет.",
            "ru",
        ),
    ],
)
def test_a_place_with_its_own_toll_ends_the_run(text: str, lang: str) -> None:
    # Nizhyn told one injured: the closing zero says nothing of it (killed stays unknown).
    assert rows(text, lang, NOON) == [("UA-74", "Nizhyn", None, 1), ("UA-74", "Pryluky", 0, 0)]


def test_explosions_heard_are_no_silent_place() -> None:
    text = (
        "Вночі ворожі дрони атакували Чернігівщину. У Ніжині було чути вибухи. А в Прилуках "
        "безпілотник влучив у приватний будинок. На щастя, постраждалих немає."
    )
    assert ("UA-74", "Nizhyn", 0, 0) not in rows(text, "uk", NOON)


def test_many_places_then_no_casualties_does_not_hang() -> None:
    units = {
        "places then zero": "In Nizhyn a drone hit a house. In Pryluky a drone hit a shop. "
        "No casualties were reported. ",
        "only places": "In Nizhyn a drone hit a house. In Pryluky a drone hit a shop. ",
    }
    assert finished(units, lang="en") == list(units)
