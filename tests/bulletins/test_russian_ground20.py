"""Round 20 (issue 11): a strike told as in a Russian region is out of scope, with its village.

Every text is invented for these tests. "A drone exploded in Belgorod region ... in the village
of Olkhovatka houses were damaged": the village is a namesake of a Ukrainian one, but the
strike is placed in Russia (labelling rule 6). Controls: a region named as where the drones
came from leaves the Ukrainian strike; the Russian strike told after a Ukrainian toll is
trimmed, the Ukrainian toll stays; a Ukrainian oblast named keeps the older scope rules.
"""

from __future__ import annotations

import pytest

from tests.bulletins.hang import finished
from tests.bulletins.rows import rows


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia says a drone exploded in the Belgorod region overnight. In the village of "
         "Olkhovatka two houses and a library were damaged.", "en"),
        ("Росія заявляє, що вночі у Бєлгородській області вибухнув дрон. У селі Ольховатка "
         "пошкоджено два будинки та бібліотеку.", "uk"),
        ("Ночью в Белгородской области взорвался беспилотник. В селе Ольховатка повреждены "
         "два дома и библиотека.", "ru"),
        ("Rusia anunță că o dronă a explodat în regiunea Belgorod. În satul Olhovatka au fost "
         "avariate două case și o bibliotecă.", "ro"),
    ],
)  # fmt: skip
def test_a_strike_placed_in_a_russian_region_is_out(text: str, lang: str) -> None:
    assert rows(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("Drones launched from the Belgorod region hit Kharkiv, injuring two people.", "en",
         [("UA-63", "Kharkiv", None, 2)]),
        ("Un bărbat a fost ucis în Mîkolaiivka, în regiunea Sumî. Pe partea rusă, un atac cu "
         "drone a provocat incendii în regiunea Belgorod.", "ro",
         [("UA-59", "Mykolaivka", 1, None)]),
        ("У Харківській області вибухнув дрон, поранено двох людей. Також дрон впав у "
         "Бєлгородській області.", "uk", [("UA-63", None, None, 2)]),
    ],
)  # fmt: skip
def test_controls(text: str, lang: str, want: list[object]) -> None:
    assert rows(text, lang) == want


def test_russian_ground_rule_finishes_on_long_text() -> None:
    units = {"in belgorod": "a drone exploded in Belgorod ", "в": "в Белгородской в "}
    assert finished(units, lang="en") == list(units)
