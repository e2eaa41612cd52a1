"""Round 16 (issue 11): a toll told over a list of settlements takes no settlement.

Every text is invented for these tests. Each names two settlements of one oblast as one list
and then one toll ("in A and B, three were injured"): the text does not say how the toll
splits between them, so the incident is the oblast's with no settlement (labelling rule: a
toll over several places has no settlement), with the toll as written.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.places import Place
from analytics.bulletins.shared_tolls import lists_settlements
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

#: Noon in Kyiv on Monday 2 June 2025.
NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "lang", "killed", "injured"),
    [
        (
            "Russian shelling hit Kherson region overnight. In Kherson and Beryslav, "
            "two people were killed and three injured, the governor said.",
            "en",
            2,
            3,
        ),
        (
            "Ночью россияне обстреляли Херсонскую область. В Херсоне и в Бериславе "
            "погибли два человека, трое ранены.",
            "ru",
            2,
            3,
        ),
        (
            "Вночі росіяни обстріляли Херсонщину. У Херсоні та в Бериславі загинули "
            "двоє людей, ще троє поранені.",
            "uk",
            2,
            3,
        ),
        (
            "Rușii au bombardat regiunea Herson. La Herson și la Berislav, două persoane "
            "au murit și trei au fost rănite.",
            "ro",
            2,
            3,
        ),
    ],
)
def test_toll_over_two_places_has_no_settlement(
    text: str, lang: str, killed: int, injured: int
) -> None:
    assert rows(text, lang, NOON) == [("UA-65", None, killed, injured)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Днём оккупанты атаковали дронами Харьковскую область: в с. Кругляковка и "
            "с. Петропавловка погибли два человека.",
            "ru",
        ),
        (
            "Удень окупанти атакували дронами Харківщину: у с. Кругляківка та "
            "с. Петропавлівка загинули дві людини.",
            "uk",
        ),
    ],
)
def test_villages_listed_with_designators_share_the_toll(text: str, lang: str) -> None:
    assert rows(text, lang, NOON) == [("UA-63", None, 2, None)]


def test_toll_of_one_place_beside_another_keeps_its_settlement() -> None:
    """Control: the toll is told for Kherson alone; Beryslav is named in another clause."""
    text = (
        "Russian shelling hit Kherson region overnight. Two people were killed in Kherson; "
        "a house was damaged in Beryslav."
    )
    assert ("UA-65", "Kherson", 2, None) in rows(text, "en", NOON)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In Kupiansk and Balakliia, two people died.", True),
        ("In Kupiansk, Balakliia and Izium, two people died.", True),
        ("La Kupiansk și orașul Balakliia, doi oameni au murit.", True),
        ("Two died in Kupiansk, and one was hurt in Balakliia.", False),
        ("Two died in Kupiansk, near Balakliia.", False),
    ],
)
def test_lists_settlements(text: str, expected: bool) -> None:
    names = ("Kupiansk", "Balakliia", "Izium")
    places = [Place("UA-63", n, n) for n in names if n in text]
    assert lists_settlements(text, places) is expected


def test_long_lists_finish() -> None:
    """A 200 KB run of "in A and B, two died" lists extracts under the hang deadline."""
    units = {
        "list": "In Kherson and Beryslav, two people were killed. ",
        "commas": "Kherson, Beryslav, ",
        "conjunctions": "и с. и с. ",
    }
    assert finished(units, lang="en") == list(units)
