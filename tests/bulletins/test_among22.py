"""Round 22 (issue 11): "among them" with a place of its own is that place's toll.

Every text is invented for these tests. "Ten civilians were killed in strikes on the Sumy and
Donetsk regions. Among them were two people killed in Bilopillia": the second sentence gives
Bilopillia's own toll (labelling rule 2), which "among them" had made a part of the total
before it, so Bilopillia had no count (dev en_91). Controls: after a toll of a settlement,
"among them" stays a part of it (no second toll); a sentence without its own settlement
counts nothing of its own.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.among22 import AMONG_RE
from analytics.bulletins.numbers import fold
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

WIDER = {
    "en": "At least ten civilians were killed in Russian strikes on Friday, officials in the Sumy "
    "region and the Donetsk region said. Among them were two people killed in the shelling of "
    "the town of Bilopillia.",
    "uk": "Щонайменше десятеро цивільних загинули внаслідок російських ударів по Сумській та "
    "Донецькій областях. Серед них двоє загиблих у місті Білопілля.",
    "ru": "По меньшей мере десять мирных жителей погибли в результате российских ударов по "
    "Сумской и Донецкой областям. Среди них двое погибших в городе Белополье.",
    "ro": "Cel puțin zece civili au fost uciși în atacuri rusești în regiunile Sumî și Donețk. "
    "Printre ei, două persoane ucise în orașul Bilopillia.",
}
SAME_PLACE = {
    "en": "Five people were injured in a strike on Kharkiv. Among them were two children in Kharkiv.",
    "uk": "П'ятеро людей поранені внаслідок удару по Харкову. Серед них двоє дітей у Харкові.",
    "ru": "Пять человек ранены в результате удара по Харькову. Среди них двое детей в Харькове.",
    "ro": "Cinci persoane au fost rănite într-un atac asupra orașului Harkov. Printre ei, doi "
    "copii din Harkov.",
}


@pytest.mark.parametrize("lang", sorted(WIDER))
def test_among_them_with_its_own_place_is_its_toll(lang: str) -> None:
    assert rows(WIDER[lang], lang) == [("UA-59", "Bilopillia", 2, None)]


@pytest.mark.parametrize("lang", sorted(SAME_PLACE))
def test_among_them_after_the_same_place_is_a_part(lang: str) -> None:
    assert rows(SAME_PLACE[lang], lang) == [("UA-63", "Kharkiv", None, 5)]


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("Among them were two children.", True),
        ("Серед них двоє дітей.", True),
        ("Среди них двое детей.", True),
        ("Printre ei, doi copii.", True),
        ("Two of them were children.", False),
        ("They were among the dead.", False),
    ],
)
def test_among_opening(text: str, opens: bool) -> None:
    assert (AMONG_RE.match(fold(text)) is not None) is opens


def test_among_pattern_finishes_on_long_text() -> None:
    units = {"among": "among them, ", "серед": "серед них ", "printre": "printre ei, "}
    assert finished(units, lang="en", prefix="Ten were killed in the Sumy region. ") == list(units)
