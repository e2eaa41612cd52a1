"""Round 18 (issue 11): an elliptic list whose first item carries the verb.

Every text is invented for these tests. "Троє людей загинули в Бахмуті, одна – в Авдіївці й
одна – у Благодатному" is one toll per place (3, 1, 1), not 3 for Bakhmut with the rest lost;
the oblast's total of 5 told before it is their sum, not an incident, and a count after the
list with no place is the rest of the oblast. Control: a sentence whose second part is no
"number + place" item stays one toll.
"""

from __future__ import annotations

import pytest

from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

LISTS = {
    "uk": "Учора від російських обстрілів загинули п'ятеро мирних жителів Донецької області. "
    "Троє людей загинули в Бахмуті, одна – в Авдіївці й одна – у Благодатному. Ще вісьмох "
    "людей поранили.",
    "ru": "Вчера от российских обстрелов погибли пятеро мирных жителей Донецкой области. "
    "Трое человек погибли в Бахмуте, один – в Авдеевке и один – в Благодатном. Еще восемь "
    "человек ранены.",
    "en": "Yesterday Russian shelling killed five civilians in Donetsk Oblast. Three people "
    "were killed in Bakhmut, one in Avdiivka and one in Blahodatne. Another eight people "
    "were injured.",
}


@pytest.mark.parametrize("lang", list(LISTS))
def test_an_elliptic_list_gives_one_toll_per_place(lang: str) -> None:
    got = rows(LISTS[lang], lang)
    assert sorted(got, key=str) == sorted(
        [
            ("UA-14", "Bakhmut", 3, None),
            ("UA-14", "Avdiivka", 1, None),
            ("UA-14", "Blahodatne", 1, None),
            ("UA-14", None, None, 8),
        ],
        key=str,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Un atac rusesc a ucis trei oameni la Kramatorsk, unul la Sloviansk și unul la Druzhkivka.",
        "În urma bombardamentelor rusești, trei oameni au fost uciși la Kramatorsk, unul la "
        "Sloviansk și unul la Druzhkivka.",
    ],
)
def test_an_elliptic_list_in_romanian(text: str) -> None:
    assert rows(text, "ro") == [
        ("UA-14", "Kramatorsk", 3, None),
        ("UA-14", "Sloviansk", 1, None),
        ("UA-14", "Druzhkivka", 1, None),
    ]


def test_control_no_list_after_the_first_toll() -> None:
    text = "A Russian strike killed three people in Bakhmut, the mayor said, and two were injured."
    assert rows(text, "en") == [("UA-14", "Bakhmut", 3, 2)]


def test_elliptic_lists_finish_on_long_text() -> None:
    units = {"items": "Three people were killed in Bakhmut, one in Avdiivka, ", "commas": "3, "}
    assert finished(units, lang="en") == list(units)
