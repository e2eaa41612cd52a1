"""Round 25 (issue 11): a toll over a comma list of places, some unknown to any gazetteer.

Every text is invented for these tests. "Четверо людей зазнали поранень: у Дружківці, Лимані,
Слов'янську та Ганнівці" gave the four to Sloviansk, the one name of the list that resolved
(Lyman and Hannivka are names several oblasts share), or nothing at all after a colon. Now a
list of three or more names is read from the text: the toll is the oblast's with no settlement
(labelling rule 2), apart from a settlement's own toll told before it, and an incident when
the oblast's shelling is told in the same update. Controls: one town's toll stays the town's.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.lists25 import list_spans, names_list
from analytics.bulletins.places import Place
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

LIST_TOLL = {
    "en": "Russian troops shelled Donetsk region. Four people were wounded in Kramatorsk, "
    "Lyman, Sloviansk and Hannivka.",
    "uk": "Росіяни обстріляли Донеччину. Четверо людей зазнали поранень: у Краматорську, "
    "Лимані, Слов'янську та Ганнівці.",
    "ru": "Россияне обстреляли Донецкую область. Четыре человека получили ранения: в "
    "Краматорске, Лимане, Славянске и Ганновке.",
    "ro": "Rușii au bombardat regiunea Donețk. Patru persoane au fost rănite: în Kramatorsk, "
    "Lîman, Sloviansk și Hannivka.",
}

#: A settlement's own death first, the list's toll after it, the oblast's shelling last.
AFTER_A_TOWN = {
    "en": "A resident of Kramatorsk in Donetsk region was also killed. Three people were "
    "wounded: in Kramatorsk, Lyman and Sloviansk. Russian forces shelled settlements of "
    "Donetsk region 19 times over the day.",
    "uk": "Також загинув житель Краматорська на Донеччині. Троє людей зазнали поранень: у "
    "Краматорську, Лимані та Слов'янську. Всього за добу росіяни 19 разів обстріляли "
    "населені пункти Донеччини.",
    "ru": "Также погиб житель Краматорска в Донецкой области. Трое человек получили ранения: "
    "в Краматорске, Лимане и Славянске. Всего за сутки россияне 19 раз обстреляли "
    "населенные пункты Донецкой области.",
}


@pytest.mark.parametrize("lang", ["en", "uk", "ru", "ro"])
def test_list_toll_has_no_settlement(lang: str) -> None:
    # hand-counted: four wounded over the list, one oblast-level incident
    assert rows(LIST_TOLL[lang], lang) == [("UA-14", None, None, 4)]


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
def test_list_toll_after_a_town(lang: str) -> None:
    got = sorted(rows(AFTER_A_TOWN[lang], lang), key=str)
    assert got == sorted([("UA-14", "Kramatorsk", 1, None), ("UA-14", None, None, 3)], key=str)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("uk", "Росіяни обстріляли Донеччину. У Краматорську поранені четверо людей.",
         [("UA-14", "Kramatorsk", None, 4)]),
        ("en", "Russian troops shelled Donetsk region. Four people were wounded in Kramatorsk, "
         "the governor said.", [("UA-14", "Kramatorsk", None, 4)]),
    ],
)  # fmt: skip
def test_controls(lang: str, text: str, expected: list[object]) -> None:
    assert rows(text, lang) == expected


def test_names_list_needs_three_names() -> None:
    a = Place("UA-14", "Kramatorsk", "Kramatorsk")
    assert names_list("Four were wounded in Kramatorsk, Lyman and Sloviansk.", [a])
    assert not names_list("Four were wounded in Kramatorsk and Lyman, officials said.", [a])
    assert list_spans("Oleh, a resident, was wounded.") == []


def test_no_hang_on_long_name_lists() -> None:
    units = {
        "uk": "Четверо поранені у Краматорську, Лимані, ",
        "en": "Four were wounded in Kramatorsk, Lyman, ",
        "ru": "Четверо ранены в Краматорске, Лимане и ",
    }
    for lang, unit in units.items():
        assert finished({lang: unit}, lang=lang) == [lang]
