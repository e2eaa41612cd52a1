"""Round 24 (issue 11): a toll over a number of places, partly itemised; rivers are no places.

Every text is invented for these tests. "Shelling wounded five people in two villages of
Kherson region. Three civilians were wounded in the village of Stanislav on the bank of the
Dnipro estuary": the five are the villages' total (no incident), Stanislav has three and the
two the text gives no place for are the oblast's remainder (labelling rule 2); "Dnipro" there
is the river, not the city. Controls: a total nothing itemises stays one oblast row; items
exceeding the total leave it alone; a city also named as a river keeps the city.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.places import find_places
from analytics.bulletins.rivers24 import drop_rivers
from analytics.bulletins.totals24 import PLACE_COUNT_RE
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

TWO_VILLAGES = {
    "en": "Russian artillery shelling wounded five people in two villages of Kherson region, "
    "officials said. Three civilians were wounded in the village of Stanislav on the bank of "
    "the Dnipro estuary.",
    "uk": "Російські артилерійські обстріли поранили п'ятьох людей у двох селах Херсонщини. У "
    "селі Станіслав на березі Дніпра поранені троє цивільних.",
    "ru": "Российские артиллерийские обстрелы ранили пять человек в двух селах Херсонской "
    "области. В селе Станислав на берегу Днепра ранены три мирных жителя.",
    "ro": "Bombardamentele rusești de artilerie au rănit cinci oameni în două sate din regiunea "
    "Herson. Trei civili au fost răniți în satul Stanislav, pe malul Niprului.",
}
#: Hand-counted: Stanislav's three, and 5 - 3 = 2 left to the oblast with no settlement.
EXPECTED = [("UA-65", "Stanislav", None, 3), ("UA-65", None, None, 2)]


@pytest.mark.parametrize("lang", ["en", "uk", "ru", "ro"])
def test_place_count_total_leaves_a_remainder(lang: str) -> None:
    assert sorted(rows(TWO_VILLAGES[lang], lang), key=str) == sorted(EXPECTED, key=str)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # controls: nothing itemises the total: one oblast row with it
        (
            "en",
            "Russian shelling wounded five people in two villages of Kherson region.",
            [("UA-65", None, None, 5)],
        ),
        # the place's toll exceeds the total: no split (as before round 24: one row, the
        # larger figure, the place's)
        (
            "uk",
            "Російські обстріли поранили двох людей у двох селах Херсонщини. У селі Станіслав "
            "поранені троє цивільних.",
            [("UA-65", "Stanislav", None, 3)],
        ),
    ],
)
def test_controls(lang: str, text: str, expected: list[object]) -> None:
    assert rows(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("Stanislav on the right bank of the Dnipro estuary", True),
        ("Станіслав на березі Дніпра", True),
        ("Станислав на берегу Днепра", True),
        ("boats on the Dnipro River near Kherson", True),
        # controls: the city itself, also when the river is named elsewhere
        ("a drone struck Dnipro", False),
        ("a drone struck Dnipro; boats on the Dnipro River were not hit", False),
    ],
)
def test_a_river_is_no_place(text: str, dropped: bool) -> None:
    raws = {p.raw for p in find_places(text)}
    river = {"Dnipro", "Дніпра", "Днепра"} & raws
    assert (not river) is dropped


def test_drop_rivers_and_place_counts() -> None:
    places = find_places("Stanislav and Kherson")
    assert drop_rivers("Stanislav and Kherson", places) == places
    assert PLACE_COUNT_RE.search("ранены в нескольких населенных пунктах")
    assert PLACE_COUNT_RE.search("au fost raniti in doua sate")
    assert not PLACE_COUNT_RE.search("in two hours")


def test_long_text_finishes() -> None:
    units = {
        "rivers": "on the bank of the Dnipro River Dnipro estuary ",
        "counts": "wounded 5 people in two villages in three towns ",
    }
    assert finished(units, lang="en") == list(units)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Russian forces struck the village of Tokarivka, killing a man. Russian forces "
            "targeted 14 settlements in Kherson Oblast during the previous day. The strikes "
            "injured six people.",
        ),
        (
            "ro",
            "Forțele ruse au lovit satul Tokarivka, un bărbat a fost ucis. În ziua precedentă, "
            "rușii au atacat 14 localități din regiunea Herson. Șase oameni au fost răniți.",
        ),
    ],
)
def test_an_oblast_summary_dated_apart_keeps_no_settlement(lang: str, text: str) -> None:
    # the village's toll, and the previous day's six over the oblast (no settlement)
    got = sorted(rows(text, lang), key=str)
    assert got == sorted([("UA-65", "Tokarivka", 1, None), ("UA-65", None, None, 6)], key=str)
