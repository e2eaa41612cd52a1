"""Round 24 (issue 11): per-place tolls in brackets in a roundup, one incident per place.

Every text is invented for these tests. "Russian forces also shelled Shestakove (3 civilians
injured), Monachynivka (a man was killed, a house damaged) and Vovchansk (a man was injured)"
is three incidents, each with its own toll, in the oblast the text names (labelling rule 1).
An age with its unit between two people ("мужчина 72 года и женщина") no longer splits them.
Controls: brackets holding no toll or damage (an oblast, a raion) are no items and the toll
stays one; a single bracket is no list.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.ages24 import unit_age
from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.numbers import fold
from analytics.bulletins.roundup24 import BRACKET_ITEM_RE
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

ROUNDUP = {
    "ru": "Глава Харьковской ОВА сообщил об обстрелах. За сутки под обстрел попали также "
    "Шестаково (ранены 3 мирных жителя), Моначиновка (погиб мужчина, поврежден дом) и "
    "Волчанск (пострадал 60-летний мужчина).",
    "uk": "Голова Харківської ОВА повідомив про обстріли. За добу під обстріл потрапили також "
    "Шестакове (поранені 3 цивільних), Моначинівка (загинув чоловік, пошкоджено будинок) та "
    "Вовчанськ (постраждав 60-річний чоловік).",
    "en": "The head of the Kharkiv regional administration reported shelling. Russian forces "
    "also shelled Shestakove (3 civilians injured), Monachynivka (a man was killed, a house "
    "damaged) and Vovchansk (a 60-year-old man was injured).",
    "ro": "Șeful administrației regionale Harkov a anunțat bombardamente. Rușii au bombardat și "
    "Șestakove (3 civili răniți), Monacinivka (un bărbat a fost ucis, o casă avariată) și "
    "Vovceansk (un bărbat de 60 de ani a fost rănit).",
}
#: Hand-read from the invented texts: one row per bracketed place with its own toll.
EXPECTED = [
    ("UA-63", "Shestakove", None, 3),
    ("UA-63", "Monachynivka", 1, None),
    ("UA-63", "Vovchansk", None, 1),
]


@pytest.mark.parametrize("lang", ["ru", "uk", "en", "ro"])
def test_one_incident_per_bracketed_place(lang: str) -> None:
    assert sorted(rows(ROUNDUP[lang], lang), key=str) == sorted(EXPECTED, key=str)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # controls: brackets naming a region or raion hold no toll; the sentence's toll stays one
        (
            "uk",
            "Росіяни обстріляли Нікополь (Дніпропетровська область) та Марганець "
            "(Нікопольський район), загинули двоє людей.",
            2,
        ),
        (
            "en",
            "Russian drones struck Nikopol (Dnipropetrovsk oblast) and Marhanets (Nikopol "
            "district), killing two people.",
            2,
        ),
        # a single bracket is no list
        ("ru", "Российский дрон атаковал Никополь (погибли два человека).", 2),
    ],
)
def test_brackets_without_tolls_are_no_items(lang: str, text: str, expected: int) -> None:
    got = rows(text, lang)
    assert sum(int(r[2] or 0) for r in got) == expected  # the toll is told once, not split


@pytest.mark.parametrize(
    ("lang", "text", "killed", "injured"),
    [
        ("ru", "Пострадали мужчина 72 года и женщина 76 лет.", None, 2),
        ("uk", "Постраждали чоловік 30 років та жінка 45 років.", None, 2),
        ("en", "A man 72 years old and a woman were injured.", None, 2),
        # controls: an age with its unit is no count, and a count after it stays its own
        ("ru", "Погиб мужчина 50 лет, 3 человека ранены.", 1, 3),
        ("uk", "Постраждав чоловік 45 років.", None, 1),
    ],
)
def test_an_age_with_its_unit_joins_two_people(
    lang: str, text: str, killed: int | None, injured: int | None
) -> None:
    c = read_casualties(fold(text), lang)
    assert (c.killed and c.killed.value, c.injured and c.injured.value) == (killed, injured)


def test_unit_age_window() -> None:
    toks = ["women", "de", "72", "de", "ani", "si"]
    assert [unit_age(toks, k) for k in range(len(toks))] == [False, True, True, True, True, False]
    assert not unit_age(["72", "years"], 0)  # an age never opens the sentence


def test_item_pattern() -> None:
    m = BRACKET_ITEM_RE.search("also Kupiansk-Vuzlovyi (a man killed), next")
    assert m is not None and m.group("name") == "Kupiansk-Vuzlovyi"
    assert BRACKET_ITEM_RE.search("also (a man killed)") is None


def test_long_text_finishes() -> None:
    units = {
        "brackets": "Шестаково (ранены 3 человека), ",
        "open_brackets": "Шестаково (ранены 3 человека, ",
        "names": "Шестаково Моначиновка ",
    }
    assert finished(units, lang="ru", prefix="Под обстрел попали ") == list(units)
