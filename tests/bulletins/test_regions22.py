"""Round 22 (issue 11): a toll over several regions with no place is no place's toll.

Every text is invented for these tests. "At least one killed and 14 injured in Russian attacks
in western Ukraine" spans several oblasts without a split (labelling rule 6: no incident); with
no place named it was adopted by the first place told after it, so Lviv had 14 injured instead
of its own two (dev ro_82). Controls: a placeless toll with no such wording is still the next
place's (a headline before its story), and a sentence naming its own city keeps it.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.numbers import fold
from analytics.bulletins.regions22 import SEVERAL_REGIONS_RE, spans_regions
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

WEST = {
    "en": "At least one person was killed and 14 injured in Russian attacks in western Ukraine. "
    "One person was killed and two were injured in a drone strike on Lviv.",
    "uk": "Щонайменше одна людина загинула і 14 поранені внаслідок атак на заході України. У "
    "Львові внаслідок удару дронів загинула одна людина, двоє поранені.",
    "ru": "По меньшей мере один человек погиб и 14 ранены в результате атак на западе Украины. Во "
    "Львове в результате удара дронов погиб один человек, двое ранены.",
    "ro": "Cel puțin un mort și 14 răniți în atacuri rusești în vestul Ucrainei. O persoană a fost "
    "ucisă și două au fost rănite în urma unui atac cu drone la Liov.",
}
HEADLINE = {
    "en": "One killed, two injured. One person was killed and two were injured in a drone strike "
    "on Lviv.",
    "uk": "Одна людина загинула, двоє поранені. У Львові внаслідок удару дронів загинула одна "
    "людина, двоє поранені.",
}


@pytest.mark.parametrize("lang", sorted(WEST))
def test_a_toll_over_several_regions_is_not_the_citys(lang: str) -> None:
    assert rows(WEST[lang], lang) == [("UA-46", "Lviv", 1, 2)]


@pytest.mark.parametrize("lang", sorted(HEADLINE))
def test_a_placeless_headline_is_still_the_storys(lang: str) -> None:
    assert rows(HEADLINE[lang], lang) == [("UA-46", "Lviv", 1, 2)]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Ten civilians were killed across Ukraine.", True),
        ("Five were killed in several regions.", True),
        ("У кількох областях загинули п'ятеро людей.", True),
        ("В нескольких регионах погибли пять человек.", True),
        ("Cinci oameni au murit în mai multe regiuni.", True),
        ("Two were killed in the region.", False),
        ("Two were killed in Ukraine's Kharkiv.", False),
    ],
)
def test_several_regions(text: str, spans: bool) -> None:
    assert spans_regions(fold(text), []) is spans


def test_a_named_place_keeps_its_toll() -> None:
    text = "Two people were killed in a Russian strike on Lviv in western Ukraine."
    assert rows(text, "en") == [("UA-46", "Lviv", 2, None)]


def test_several_regions_pattern_finishes_on_long_text() -> None:
    assert SEVERAL_REGIONS_RE.search("in vestul ucrainei")
    units = {"across": "across the ", "in several": "in several ", "у кількох": "у кількох "}
    assert finished(units, lang="en", prefix="Two killed in Ukraine. ") == list(units)
