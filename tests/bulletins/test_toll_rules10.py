"""Round 10 (issue 11, numbers): how tolls are phrased, on sentences written for these tests.

Each case is an invented sentence in one of the four languages with the toll a reader counts
by hand; the figure in the test is that hand count.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.numbers import fold


def _read(text: str, lang: str) -> tuple[int | None, int | None]:
    r = read_casualties(fold(text), lang)
    return (
        r.killed.value if r.killed else None,
        r.injured.value if r.injured else None,
    )


# (language, sentence, killed, injured): counted by hand.
CASES = [
    # medical help sought or given is an injury (labelling rules: "sought medical help")
    ("uk", "Ще 12 людей звернулися по медичну допомогу.", None, 12),
    ("uk", "Медики надали допомогу трьом мешканцям будинку.", None, 3),
    ("ru", "За медицинской помощью обратились четыре человека.", None, 4),
    ("en", "Seven people received medical help at the scene.", None, 7),
    ("ro", "Cinci persoane au primit ingrijiri medicale la fata locului.", None, 5),
    # an acute stress reaction is counted among the victims
    ("uk", "Двоє людей отримали гостру реакцію на стрес.", None, 2),
    ("ru", "У трех жителей острая реакция на стресс.", None, 3),
    # fatal wounds are deaths
    ("uk", "45-річна жінка отримала поранення, несумісні з життям.", 1, None),
    ("ru", "Смертельные ранения получил 60-летний мужчина.", 1, None),
    ("en", "A 30-year-old man was mortally wounded.", 1, None),
    # a count in a condition after the total is part of it
    ("ru", "Пострадали 14 человек, трое в тяжелом состоянии.", None, 14),
    ("uk", "Поранено 9 людей, двоє у важкому стані.", None, 9),
    ("en", "Eleven people were injured, four are in serious condition.", None, 11),
    ("en", "Two people in serious condition were hospitalised.", None, 2),  # the only count
    # a bare number after "already" is the newer total
    ("ru", "Ранены шесть человек (по последним данным уже 8).", None, 8),
    ("uk", "Постраждали п'ятеро людей, а за уточненими даними вже 7.", None, 7),
    ("ru", "Пострадали 7 человек, уже 3 госпитализированы.", None, 7),  # 3 are some of the 7
    # a singular verb has one subject: the comma gives a description, not a second person
    ("uk", "Загинув водій, працівник місцевого підприємства.", 1, None),
    ("ru", "Погибла женщина, жительница соседнего дома.", 1, None),
    ("uk", "Загинули чоловік, жінка і дитина.", 3, None),  # a plural verb lists three
    # a bare generic noun later in the sentence is the person already counted
    ("uk", "Поранень зазнала 50-річна продавчиня, жінку госпіталізували.", None, 1),
    ("ru", "Пострадала 40-летняя учительница, женщину госпитализировали.", None, 1),
    ("uk", "Постраждав водій, ще одну жінку госпіталізували.", None, 2),  # "ще": another one
    # a single person and a comma list the next count ("a woman, two men")
    ("uk", "Постраждали 30-річна жінка, 40-річний та 45-річний чоловіки.", None, 3),
    ("en", "Nine people were injured, three of them were hospitalised.", None, 9),
    ("ru", "Погиб один человек, еще один был ранен.", 1, 1),
    # number words with case endings, Romanian numerals, pairs of people
    ("uk", "Загинули двоє людей, ще п'ятьох поранено.", 2, 5),
    ("uk", "Поранено трьох людей, серед них двоє дітей.", None, 3),
    ("ru", "Погибли четверо, в том числе двое детей.", 4, None),
    ("ru", "Ранены двое мужчин и женщина.", None, 3),
    ("ro", "Doi barbati si trei femei au fost raniti.", None, 5),
    ("ro", "Doua persoane au murit si trei au fost ranite.", 2, 3),
    ("en", "A man and a woman were killed.", 2, None),
    ("en", "Twelve people, including three children, were injured.", None, 12),
    ("en", "At least 4 people were killed.", 4, None),
    ("en", "Russian strike on Sumy kills 3, injures 12", 3, 12),  # a headline
    ("uk", "Кількість загиблих зросла до шести.", 6, None),
    ("ru", "Число погибших возросло до 9.", 9, None),
    ("ro", "Bilantul a crescut la 5 morti.", 5, None),
    ("en", "The death toll rose to 7.", 7, None),
    ("uk", "Госпіталізовано 3 людей.", None, 3),
    ("ru", "Госпитализированы пять человек.", None, 5),
    ("ro", "Patru persoane au fost spitalizate.", None, 4),
    ("en", "Two residents were hospitalised.", None, 2),
]


@pytest.mark.parametrize(("lang", "text", "killed", "injured"), CASES)
def test_toll_phrasings(lang: str, text: str, killed: int | None, injured: int | None) -> None:
    assert _read(text, lang) == (killed, injured)


def test_rose_to_is_a_new_total_not_an_addition() -> None:
    r = read_casualties(fold("Кількість загиблих зросла до 6."), "uk")
    assert r.killed is not None and r.killed.op == "set"


def test_negated_medical_help_is_no_injury() -> None:
    assert _read("Ніхто не потребував медичної допомоги.", "uk") == (None, None)


@pytest.mark.parametrize(
    ("lang", "text", "no_killed", "no_injured"),
    [
        ("ro", "Trei persoane au fost rănite, dar nimeni nu și-a pierdut viața.", True, False),
        ("ro", "Atacul din acest cartier nu a făcut victime.", True, True),
        ("en", "Two people were hurt; no one died.", True, False),
    ],
)
def test_casualties_ruled_out(lang: str, text: str, no_killed: bool, no_injured: bool) -> None:
    r = read_casualties(fold(text), lang)
    assert (r.no_killed, r.no_injured) == (no_killed, no_injured)
