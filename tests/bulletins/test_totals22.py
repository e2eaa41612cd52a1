"""Round 22 (issue 11): the headline city against an oblast's past-day total.

Every text is invented for these tests. An oblast's day ("In the Sumy region one person was
killed and nine injured over the past day ...") told before a village's own toll is the
oblast's total (labelling rule 2: an opening total itemised by place is no incident, and a
remainder the text does not give is not made up). Two wordings put that total on a place:

- a city named as one of the places struck within it ("у тому числі на Суми", "в том числе
  на Сумы", "including ... on Sumy", "inclusiv ... asupra orașului Sumî"): the toll was
  read as Sumy's (``parts22.without_included``);
- the headline telling the same counts with no place ("... drones: one killed, nine
  injured"): read as the village's toll on top of its own (``totals22``).

Controls: "including" with no region before it keeps its place; a placeless toll with other
counts than the total, or with no total, stays a toll.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.contexts import Sentence, analyse_sentence
from analytics.bulletins.parts22 import INCLUDING_RE
from analytics.bulletins.totals22 import restates_total
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

VILLAGE = {
    "uk": "У селі Миколаївка дрон влучив в автомобіль: загинула людина, ще двоє поранені.",
    "ru": "В селе Николаевка дрон попал в автомобиль: погиб человек, еще двое ранены.",
    "en": "In the village of Mykolaivka, a drone hit a car, killing one person and injuring two.",
    "ro": "În satul Mîkolaivka, o dronă a lovit o mașină, ucigând o persoană și rănind două.",
}
INCLUDING = {
    "uk": "У Сумській області за добу одна людина загинула, ще дев'ятеро постраждали від "
    "ударів, під час яких ворог спрямував два дрони у тому числі на Суми.",
    "ru": "В Сумской области за сутки один человек погиб, еще девять пострадали от ударов, во "
    "время которых враг направил два дрона в том числе на Сумы.",
    "en": "In the Sumy region, one person was killed and nine were injured over the past day in "
    "Russian strikes, including drone strikes on Sumy.",
    "ro": "În regiunea Sumî, o persoană a fost ucisă și nouă au fost rănite în ultima zi în "
    "atacuri rusești, inclusiv cu drone asupra orașului Sumî.",
}
HEADLINE = {
    "uk": "Суми та область атакували дрони: один загиблий, дев'ятеро постраждалих. У Сумській "
    "області за добу одна людина загинула, ще дев'ятеро постраждали від ударів.",
    "ru": "Сумы и область атаковали дроны: один погибший, девять пострадавших. В Сумской "
    "области за сутки один человек погиб, еще девять пострадали от ударов.",
    "en": "Sumy and the region attacked by drones: one killed, nine injured. In the Sumy region, "
    "one person was killed and nine were injured over the past day in Russian strikes.",
    "ro": "Sumî și regiunea atacate cu drone: un mort, nouă răniți. În regiunea Sumî, o "
    "persoană a fost ucisă și nouă au fost rănite în ultima zi în atacuri rusești.",
}
ONLY_VILLAGE = [("UA-59", "Mykolaivka", 1, 2)]


@pytest.mark.parametrize("lang", sorted(VILLAGE))
def test_a_city_included_in_the_oblast_total_takes_no_toll(lang: str) -> None:
    assert rows(f"{INCLUDING[lang]} {VILLAGE[lang]}", lang) == ONLY_VILLAGE


@pytest.mark.parametrize("lang", sorted(VILLAGE))
def test_a_headline_restating_the_total_is_the_total(lang: str) -> None:
    assert rows(f"{HEADLINE[lang]} {VILLAGE[lang]}", lang) == ONLY_VILLAGE


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # no region before "including": the city is the toll's place
        ("en", "A drone attack injured two people, including a child, in Sumy.", "Sumy"),
        ("uk", "Дрон поранив двох людей у Сумах, у тому числі дитину.", "Sumy"),
    ],
)
def test_including_without_a_region_keeps_the_place(lang: str, text: str, expected: str) -> None:
    ((_, settlement, _, injured),) = rows(text, lang)
    assert (settlement, injured) == (expected, 2)


def _sentence(text: str, lang: str = "en") -> Sentence:
    return analyse_sentence(text, 0, len(text), lang)


def _oblast_level(s: Sentence) -> bool:
    return bool(s.cas.killed or s.cas.injured) and any(
        p.code and not p.settlement for p in s.places
    )


@pytest.mark.parametrize(
    ("headline", "restates"),
    [
        ("one killed, nine injured.", True),
        ("two injured.", False),  # other counts than the total
        ("one killed, nine injured in Sumy.", False),  # a place of its own
    ],
)
def test_restates_only_the_same_counts_with_no_place(headline: str, restates: bool) -> None:
    total = _sentence("In the Sumy region, one person was killed and nine were injured.")
    s = _sentence(headline)
    assert restates_total(s, [s, total], _oblast_level) is restates
    assert restates_total(s, [s], _oblast_level) is False  # no total: a toll


def test_including_pattern_finishes_on_long_text() -> None:
    assert INCLUDING_RE.search("у тому числі на Суми")
    units = {"including": "including ", "тому": "у тому числі ", "inclusiv": "inclusiv "}
    assert finished(units, lang="en", prefix="In the Sumy region two were injured, ") == list(units)
