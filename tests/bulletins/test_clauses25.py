"""Round 25 (issue 11): two settlements' tolls in one sentence joined by a contrast conjunction.

Every text is invented for these tests. "Three people were killed and two injured in
Kramatorsk, while two men were killed near Sloviansk" gave Kramatorsk 5 killed. Now the sentence
is cut at "while" / "тоді як" / "тогда как" / "în timp ce" when each clause names its own
settlement and its own toll; a clause naming only a settlement's outskirts, after an oblast
total, is the oblast's remainder (labelling rule 2). Controls: a clause with no toll leaves the
sentence whole.
"""

from __future__ import annotations

import pytest

from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

#: An oblast total itemised by one town and a remainder near another town (no settlement).
WITH_TOTAL = {
    "en": "Russian shelling killed at least five people in Donetsk region. Three people were "
    "killed and two injured in Kramatorsk, the governor said, while two men were killed near "
    "the town of Sloviansk.",
    "uk": "Внаслідок російських обстрілів у Донецькій області загинули щонайменше п'ятеро "
    "людей. У Краматорську загинули троє людей і двоє поранені, тоді як біля Слов'янська "
    "загинули двоє чоловіків.",
    "ru": "В результате российских обстрелов в Донецкой области погибли по меньшей мере пять "
    "человек. В Краматорске погибли три человека и двое ранены, тогда как возле Славянска "
    "погибли двое мужчин.",
    "ro": "Bombardamentele rusești au ucis cel puțin cinci oameni în regiunea Donețk. Trei "
    "oameni au fost uciși și doi răniți în Kramatorsk, în timp ce doi bărbați au fost uciși "
    "lângă Sloviansk.",
}
#: Hand-counted: Kramatorsk's own 3 killed and 2 injured; 5 - 3 = 2 killed near Sloviansk.
WITH_TOTAL_ROWS = [("UA-14", "Kramatorsk", 3, 2), ("UA-14", None, 2, None)]

#: Two towns, each with its own toll, in one sentence.
TWO_TOWNS = {
    "en": "Russian drones struck Donetsk region overnight. Two people were killed in "
    "Kramatorsk, while one man was injured in Sloviansk.",
    "uk": "Російські дрони атакували Донеччину. У Краматорську загинули двоє людей, тоді як у "
    "Слов'янську поранено чоловіка.",
    "ru": "Российские дроны атаковали Донецкую область. В Краматорске погибли два человека, "
    "тогда как в Славянске ранен мужчина.",
    "ro": "Drone rusești au atacat regiunea Donețk. Doi oameni au fost uciși în Kramatorsk, în "
    "timp ce un bărbat a fost rănit în Sloviansk.",
}
TWO_TOWNS_ROWS = [("UA-14", "Kramatorsk", 2, None), ("UA-14", "Sloviansk", None, 1)]


@pytest.mark.parametrize("lang", ["en", "uk", "ru", "ro"])
def test_remainder_after_a_town(lang: str) -> None:
    assert sorted(rows(WITH_TOTAL[lang], lang), key=str) == sorted(WITH_TOTAL_ROWS, key=str)


@pytest.mark.parametrize("lang", ["en", "uk", "ru", "ro"])
def test_two_towns_two_tolls(lang: str) -> None:
    assert sorted(rows(TWO_TOWNS[lang], lang), key=str) == sorted(TWO_TOWNS_ROWS, key=str)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Russian drones struck Donetsk region overnight. Two people were killed in "
         "Kramatorsk, while Sloviansk was also shelled."),
        ("uk", "Російські дрони атакували Донеччину. У Краматорську загинули двоє людей, тоді "
         "як Слов'янськ теж обстріляли."),
    ],
)  # fmt: skip
def test_control_clause_without_toll(lang: str, text: str) -> None:
    # the clause after the conjunction counts nothing: the sentence stays whole, as before
    assert rows(text, lang) == [("UA-14", "Kramatorsk", 2, None)]


def test_no_hang_on_long_contrast_runs() -> None:
    units = {
        "en": "Two were killed in Kramatorsk, while one was injured in Sloviansk, ",
        "uk": "у Краматорську загинули двоє, тоді як у Слов'янську поранено одного, ",
        "ru": "в Краматорске погибли двое, тогда как в Славянске ранен один, ",
        "ro": "doi au fost uciși în Kramatorsk, în timp ce unul a fost rănit în Sloviansk, ",
    }
    for lang, unit in units.items():
        assert finished({lang: unit}, lang=lang) == [lang]
