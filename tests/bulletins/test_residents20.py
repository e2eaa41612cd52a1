"""Round 20 (issue 11): a village named only as where a casualty lives.

Every text is invented for these tests. "A 59-year-old resident of Novodanylivka was seriously
injured", "постраждав мешканець Новоданилівки", "ранена жительница Новоданиловки", "un
locuitor din Novodanîlivka a fost rănit": the village is the toll's place (resolved by the
oblast the text names), and "a resident of X" is one person, no part of a group. Controls: a
country after "resident of" is no place; "one of the wounded" stays a part of a group.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.numbers import fold
from analytics.bulletins.residents20 import with_residents
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russian drones attacked Zaporizhzhia region. A 59-year-old resident of Novodanylivka "
         "was seriously injured by an FPV drone.", "en"),
        ("Російські дрони атакували Запорізьку область. Через атаку FPV-дрона постраждав "
         "59-річний мешканець Новоданилівки.", "uk"),
        ("Российские дроны атаковали Запорожскую область. В результате атаки FPV-дрона "
         "пострадал 59-летний житель Новоданиловки.", "ru"),
        ("Dronele rusești au atacat regiunea Zaporojie. Un locuitor din Novodanylivka a fost "
         "grav rănit.", "ro"),
    ],
)  # fmt: skip
def test_a_residents_village_is_the_place(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-23", "Novodanylivka", None, 1)]


def test_a_resident_of_a_place_is_one_person() -> None:
    got = read_casualties(fold("a 59-year-old resident of Novodanylivka was injured"), "en")
    assert got.injured is not None and got.injured.value == 1


def test_controls() -> None:
    assert with_residents("A resident of Ukraine was injured.", []) == []
    got = read_casualties(fold("one of the wounded died in hospital"), "en")
    assert got.injured is None


def test_resident_rule_finishes_on_long_text() -> None:
    units = {"resident": "a resident of Novodanylivka ", "мешканець": "мешканець Новоданилівки "}
    assert finished(units, lang="en") == list(units)
