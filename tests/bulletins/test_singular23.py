"""Round 23 (issue 11): one victim named without a number, and a person told twice.

Every text is invented for these tests. "Є загиблий й постраждалий", "есть погибший и
пострадавшая" opening a sentence name one dead and one injured; English and Romanian give the
number ("there is one dead", "există un mort"). Controls: the plural ("є загиблі та
постраждалі") has no number; the same words as the tail of a headline's clause ("атакували
район, є загиблий") sum the body and give nothing. "Мирный житель, 37-летний мужчина" is one
person; a list ("мужчина, 40-летняя женщина и ребенок") stays three.
"""

from __future__ import annotations

import re

import pytest

from analytics.bulletins.singular23 import ONE_DEAD, ONE_HURT
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

STRIKE = {
    "en": "Russian drones struck Nikopol three times. ",
    "uk": "Ворог тричі бив по Нікополю дронами. ",
    "ru": "Враг трижды ударил по Никополю дронами. ",
    "ro": "Dronele rusești au lovit de trei ori Nikopol. ",
}
NIKOPOL = ("UA-12", "Nikopol")


@pytest.mark.parametrize(
    ("lang", "toll", "killed", "injured"),
    [
        ("uk", "На жаль, є загиблий й постраждалий.", 1, 1),
        ("uk", "Є поранена.", None, 1),
        ("ru", "Есть погибший и пострадавшая.", 1, 1),
        ("ru", "К сожалению, есть погибшая.", 1, None),
        ("en", "There is one dead and one injured.", 1, 1),
        ("ro", "Există un mort și un rănit.", 1, 1),
        # controls: the plural names no number
        ("uk", "На жаль, є загиблі та постраждалі.", None, None),
        ("ru", "Есть погибшие и раненые.", None, None),
        ("en", "There are dead and wounded.", None, None),
    ],
)
def test_a_singular_casualty_noun_is_one(
    lang: str, toll: str, killed: int | None, injured: int | None
) -> None:
    assert rows(STRIKE[lang] + toll, lang) == [(*NIKOPOL, killed, injured)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Росіяни атакували Нікополь, є загиблий"),
        ("ru", "От обстрела Никополя есть пострадавший"),
    ],
)
def test_a_headline_tail_gives_no_count(lang: str, text: str) -> None:
    assert re.search(ONE_DEAD, text.lower()) is None
    assert re.search(ONE_HURT, text.lower()) is None


@pytest.mark.parametrize(
    ("lang", "text", "killed"),
    [
        ("ru", "Россияне обстреляли Марганец. Был убит мирный житель, 37-летний мужчина.", 1),
        ("uk", "Росіяни обстріляли Марганець. Загинув місцевий житель, 37-річний чоловік.", 1),
        ("en", "Russians shelled Marhanets. A local resident, a 37-year-old man, was killed.", 1),
        # controls: a list of people, with or without an age, is several people
        ("ru", "Россияне обстреляли Марганец. Погибли мужчина, 40-летняя женщина и ребенок.", 3),
        ("ru", "Россияне обстреляли Марганец. Погибли мужчина, женщина и ребенок.", 3),
        ("uk", "Росіяни обстріляли Марганець. Загинули чоловік, 40-річна жінка і дитина.", 3),
    ],
)
def test_an_apposition_is_one_person(lang: str, text: str, killed: int) -> None:
    assert rows(text, lang) == [("UA-12", "Marhanets", killed, None)]


def test_long_runs_finish() -> None:
    units = {
        "є загиблий": "є загиблий й ",
        "есть": "есть есть погибший и ",
        "apposition": "житель, 37-летний мужчина, ",
    }
    assert finished(units, lang="ru", prefix="Обстреляли Никополь. ") == list(units)
