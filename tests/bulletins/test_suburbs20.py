"""Round 20 (issue 11): a village "in the suburbs of" a city is not the city.

Every text is invented for these tests. "атакували Городню та передмістя Чернігова", "пригороды
Харькова", "the suburbs of Kharkiv", "suburbiile Harkovului": the suburb gives no settlement,
so damage there (no toll) makes no incident of the city (labelling rules 1 and 3); the other
place named keeps its own. Controls: the city itself keeps its incident.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.numbers import fold
from analytics.bulletins.outskirts import NEAR_RE
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russian drones attacked Horodnia and the suburbs of Chernihiv. In Horodnia two "
         "workers were injured.", "en"),
        ("Російські дрони атакували Городню та передмістя Чернігова. У Городні поранено двох "
         "працівників.", "uk"),
        ("Российские дроны атаковали Городню и пригороды Чернигова. В Городне ранены двое "
         "рабочих.", "ru"),
    ],
)  # fmt: skip
def test_a_suburb_is_not_the_city(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-74", "Horodnia", None, 2)]


@pytest.mark.parametrize(
    "prefix",
    ["атакували передмістя ", "обстріляли пригороди ", "drones hit the suburbs of ",
     "dronele au lovit suburbiile "],
)  # fmt: skip
def test_suburb_words_are_near_words(prefix: str) -> None:
    assert NEAR_RE.search(fold(prefix))


def test_control_the_city_itself_keeps_its_incident() -> None:
    text = "Російські дрони атакували Чернігів, пошкоджено житловий будинок."
    assert rows(text, "uk") == [("UA-74", "Chernihiv", None, None)]


def test_suburb_rule_finishes_on_long_text() -> None:
    units = {"передмістя": "передмістя передмістя Чернігова ", "suburbs": "suburbs of suburbs "}
    assert finished(units, lang="uk") == list(units)
