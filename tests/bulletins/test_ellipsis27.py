"""Round 27a (issue 11, class 1): elliptic count lists and places named only as exclusions.

Every text is invented for these tests. "трое погибли в A, 1 в B и еще 1 - в C" and its
forms in the four languages are one toll per place (labelling: a roundup gives one incident
per place with its own toll; the opening total they itemise is no incident), and "еще / ще /
another / încă" open the next item rather than add to a total. A place named right after a
place-exclusion cue ("без учета Мариуполя", "excluding Mariupol") takes no toll. Each case
failed before this round; the controls beside them did not change.
"""

from __future__ import annotations

import re

import pytest

from analytics.bulletins.ellipsis27 import first_item, item_count, without_excluded
from analytics.bulletins.places import Place
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

K3_S1_D1 = [
    ("UA-14", "Kramatorsk", 3, None),
    ("UA-14", "Sloviansk", 1, None),
    ("UA-14", "Druzhkivka", 1, None),
]

ELLIPTIC = {
    "ru-еще": (
        "ru",
        "Вчера от обстрелов погибли пять жителей Донецкой области. Трое человек погибли в "
        "Краматорске, 1 в Славянске и еще 1 - в Дружковке.",
    ),
    "ru-а также": (
        "ru",
        "Россияне убили трех человек в Краматорске, а также одного в Славянске и одного "
        "человека в Дружковке.",
    ),
    "uk-ще": (
        "uk",
        "Вчора через обстріли в Донецькій області троє людей загинули в Краматорську, одна - "
        "у Слов'янську і ще одна - у Дружківці.",
    ),
    "en-another": (
        "en",
        "Russian shelling killed three people in Kramatorsk, one in Sloviansk and another in "
        "Druzhkivka.",
    ),
    "en-were killed": (
        "en",
        "Yesterday Russian shelling in Donetsk Oblast: three were killed in Kramatorsk, one in "
        "Sloviansk and another in Druzhkivka.",
    ),
    "ro-încă": (
        "ro",
        "Ieri, în urma bombardamentelor rusești, trei persoane au fost ucise la Kramatorsk, una "
        "la Sloviansk și încă una la Druzhkivka.",
    ),
}


@pytest.mark.parametrize("key", list(ELLIPTIC))
def test_an_elliptic_list_gives_one_toll_per_place(key: str) -> None:
    lang, text = ELLIPTIC[key]
    assert sorted(rows(text, lang), key=str) == sorted(K3_S1_D1, key=str)


def test_another_with_a_count_opens_the_next_item() -> None:
    text = "Russian shelling killed two people in Kherson and another two in Bilozerka."
    assert sorted(rows(text, "en"), key=str) == sorted(
        [("UA-65", "Kherson", 2, None), ("UA-65", "Bilozerka", 2, None)], key=str
    )  # main: Kherson 4


def test_one_item_after_the_first_is_a_list_too() -> None:
    text = (
        "Вчора від російських обстрілів загинули п'ятеро жителів Донецької області. Троє "
        "загинули в Краматорську, двоє - у Слов'янську."
    )
    assert sorted(rows(text, "uk"), key=str) == sorted(
        [("UA-14", "Kramatorsk", 3, None), ("UA-14", "Sloviansk", 2, None)], key=str
    )


EXCLUDED = {
    "ru": "Из-за обстрелов в Донецкой области погибли три человека. Данные поданы без учета "
    "Мариуполя и Волновахи.",
    "uk": "Через обстріли в Донецькій області загинули троє людей. Дані наведено без "
    "урахування Маріуполя та Волновахи.",
    "en": "Russian shelling killed three people in Donetsk Oblast. The figures are given "
    "excluding Mariupol and Volnovakha.",
    "ro": "Bombardamentele rusești au ucis trei oameni în regiunea Donețk. Datele sunt "
    "prezentate fără a include Mariupol și Volnovaha.",
}


@pytest.mark.parametrize("lang", list(EXCLUDED))
def test_a_place_named_as_an_exclusion_takes_no_toll(lang: str) -> None:
    assert rows(EXCLUDED[lang], lang) == [("UA-14", None, 3, None)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Russian shelling killed three people in Donetsk Oblast, not counting Mariupol."),
        ("ro", "Bombardamentele rusești au ucis trei oameni în regiunea Donețk, fără Mariupol."),
        ("ru", "Из-за обстрелов в Донецкой области погибли три человека, не считая Мариуполя."),
        ("uk", "Через обстріли в Донецькій області загинули троє людей, не враховуючи Маріуполя."),
    ],
)
def test_an_exclusion_in_the_same_sentence(lang: str, text: str) -> None:
    assert rows(text, lang) == [("UA-14", None, 3, None)]


def test_a_cumulative_toll_excluding_a_city_makes_no_incident_there() -> None:
    text = (
        "Russian shelling killed two people in Kramatorsk. The toll for Donetsk Oblast, 3,400 "
        "killed, is given excluding Mariupol and Volnovakha."
    )
    assert rows(text, "en") == [("UA-14", "Kramatorsk", 2, None)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # the cue is not before the name: the city is struck
        ("ru", "Обстрел Мариуполя без учета ночи: погибли двое.", ("UA-14", "Mariupol", 2, None)),
        ("ru", "Из-за обстрела двое человек погибли в Мариуполе.", ("UA-14", "Mariupol", 2, None)),
        # "ще" opening another clause with its own verb and place is no list item
        (
            "ru",
            "Из-за обстрела трое человек погибли в Краматорске, еще один человек ранен в "
            "Славянске.",
            ("UA-14", "Kramatorsk", 3, 1),
        ),
    ],
)
def test_controls_unchanged(lang: str, text: str, expected: tuple[object, ...]) -> None:
    assert rows(text, lang) == [expected]


def test_a_raion_ends_no_first_item() -> None:
    # "у Запорізькому районі" is no settlement: no settlement row from a list of raions
    text = (
        "Напередодні через обстріли було відомо про двох поранених у Запорізькому районі та "
        "одну в Пологівському."
    )
    assert rows(text, "uk") == [("UA-23", None, None, 3)]


@pytest.mark.parametrize(
    ("folded", "expected"),
    [
        ("еще 1 - в очеретино", (1, 5)),
        ("ще двоє - у b", (2, 7)),
        ("another in kupiansk", (1, 7)),
        ("and also two in b", (2, 12)),
        ("inca una la c", (1, 8)),
        ("2 in b", (2, 1)),
        ("in b", None),
        ("еще в b", None),  # a lead with no count and no "another": no item
        ("2-3 in b", None),  # a range is no exact item count
    ],
)
def test_item_count(folded: str, expected: tuple[int, int] | None) -> None:
    assert item_count(folded) == expected


def test_without_excluded_keeps_a_place_struck_before_the_cue() -> None:
    kh, mar = Place("UA-63", "Kharkiv", "Kharkiv"), Place("UA-14", "Mariupol", "Mariupol")
    text = "A strike on Kharkiv killed two, not counting Mariupol."
    assert without_excluded(text, [kh, mar]) == [kh]
    assert without_excluded("A strike on Mariupol killed two.", [mar]) == [mar]


def test_first_item_ends_at_a_name_the_gazetteer_does_not_know() -> None:
    text = "Трое погибли в Удачном, 1 в Кураховке"
    got = first_item(text, text.lower(), [], 12, re.compile(", "))
    assert got is not None and got[1] == "Удачном" and text[: got[0].start()].endswith("Удачном")
    lower = "Трое погибли в лесу, 1 в Кураховке"  # a name must be capitalised
    assert first_item(lower, lower.lower(), [], 12, re.compile(", ")) is None


def test_new_patterns_finish_on_long_runs() -> None:
    units = {
        "next items": "еще 1 - в Очеретино, ",
        "another": "one in Kherson and another in ",
        "exclusions ru": "без учета Мариуполя и ",
        "exclusions en": "excluding Mariupol, ",
        "exclusions ro": "fără a include Mariupol și ",
    }
    assert finished(units, lang="ru", prefix="Трое погибли в Удачном, ") == list(units)
