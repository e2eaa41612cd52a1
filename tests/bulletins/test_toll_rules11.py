"""Round 11 (issue 11, numbers): English tolls as wire services and English-language Ukrainian
outlets phrase them, and the round-10 leftovers (an initial figure, a split age pair).

Every sentence is invented for these tests; the figure in each case is the toll a reader
counts by hand (``None`` where the labelling rules give null: "dozens", "more than N").
"""

from __future__ import annotations

import pytest

from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.numbers import fold


def _read(text: str, lang: str) -> tuple[int | None, int | None]:
    r = read_casualties(fold(text), lang)
    return (r.killed.value if r.killed else None, r.injured.value if r.injured else None)


# (sentence, killed, injured): English, counted by hand.
ENGLISH = [
    # wire leads and headlines
    ("A missile strike on the city killed at least three people and wounded 12.", 3, 12),
    ("The attack left two dead and five injured, the governor said on Telegram.", 2, 5),
    ("Russian strike on the city kills man, injures 3", 1, 3),  # a headline's bare noun
    ("Drone attack kills woman in the south", 1, None),
    ("Shelling kills civilian, wounds two", 1, 2),
    ("The strike claimed the lives of four civilians.", 4, None),
    ("A drone strike killed a 45-year-old man on Tuesday.", 1, None),
    ("Three people died in the attack.", 3, None),
    ("Two people were killed and another four wounded.", 2, 4),
    ("One person was killed and two others were injured.", 1, 2),
    ("The strike left one person dead and another wounded.", 1, 1),  # "another" + a verb
    ("One woman was killed while another died on the way to hospital.", 2, None),
    # relatives and couples are people of their own
    ("The attack killed a man and injured his wife.", 1, 1),
    ("A woman was killed and her husband was hospitalized with injuries.", 1, 1),
    ("An elderly couple was killed when a shell hit their house.", 2, None),
    ("A husband and wife were killed.", 2, None),
    ("A mother and her daughter were killed.", 2, None),
    ("The attack killed a teenage boy and wounded his mother.", 1, 1),
    ("A couple of houses were damaged and two people were hurt.", None, 2),  # not people
    # bodies recovered
    ("Rescuers found the body of a woman under the rubble.", 1, None),
    ("The bodies of two people were pulled from the rubble.", 2, None),
    # a new total after "bringing ... to"
    ("Two more bodies were found, bringing the death toll to 11.", 11, None),
    ("Two people died of their injuries, bringing the death toll to 6.", 6, None),
    ("The death toll has risen to 9, officials said.", 9, None),
    # injury verbs
    ("A 60-year-old woman suffered injuries.", None, 1),
    ("Two men sustained shrapnel wounds.", None, 2),
    ("Three residents received injuries.", None, 3),
    ("Five people were hurt.", None, 5),
    # ages set off by commas are not counts
    ("A woman, 64, and a man, 70, were injured.", None, 2),
    ("A man, 52, was killed.", 1, None),
    ("Two women, aged 64 and 71, were injured.", None, 2),
    # a dozen is twelve; dozens and "more than" give no figure
    ("The strike killed two people and wounded a dozen.", 2, 12),
    ("Dozens of people were injured.", None, None),
    ("Over a dozen people were injured.", None, None),
    ("Over 20 people were injured.", None, None),
    ("At least 14 people were killed, including a child, and 30 were wounded.", 14, 30),
]


@pytest.mark.parametrize(("text", "killed", "injured"), ENGLISH)
def test_english_tolls(text: str, killed: int | None, injured: int | None) -> None:
    assert _read(text, "en") == (killed, injured)


# (language, sentence, value, field): an initial figure is an earlier toll ("prior").
INITIAL = [
    ("en", "Initially, officials reported three people injured.", 3, "injured"),
    ("uk", "Спочатку повідомлялося про трьох поранених.", 3, "injured"),
    ("ru", "Изначально сообщалось о двух погибших.", 2, "killed"),
    ("ro", "Inițial s-a anunțat că trei persoane au fost rănite.", 3, "injured"),
]


@pytest.mark.parametrize(("lang", "text", "value", "field"), INITIAL)
def test_initial_figure_is_an_earlier_toll(lang: str, text: str, value: int, field: str) -> None:
    count = getattr(read_casualties(fold(text), lang), field)
    assert count is not None and (count.value, count.op) == (value, "prior")


def test_initial_figure_then_a_rise_is_the_new_total() -> None:
    text = "Initially three people were reported injured, but the number has risen to seven."
    r = read_casualties(fold(text), "en")
    assert r.injured is not None and (r.injured.value, r.injured.op) == (7, "set")


# (language, sentence, killed, injured): a split age pair counts one person per age.
SPLIT_AGES = [
    ("uk", "Поранені 40- та 45-річні чоловіки.", None, 2),
    ("ru", "Ранены 40-, 52- и 60-летние женщины.", None, 3),
    ("en", "40- and 45-year-old men were injured.", None, 2),
    ("uk", "Загинули 40- та 45-річна жінки, ще троє поранені.", 2, 3),
]


@pytest.mark.parametrize(("lang", "text", "killed", "injured"), SPLIT_AGES)
def test_split_age_pair(lang: str, text: str, killed: int | None, injured: int | None) -> None:
    assert _read(text, lang) == (killed, injured)
