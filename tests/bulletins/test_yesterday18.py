"""Round 18 (issue 11): a hit "yesterday" told after today's dated toll is its own incident.

Every text is invented for these tests. "This morning a drone hit a building in Odesa, two
people were injured. Yesterday a drone of the same type hit the same place": the second
sentence is a back-reference, the strike of another day on the same place (labelling rule 3:
back-references are their own dated incidents). Control: with no date of its own before it
(a headline), "the attack of yesterday morning" is the story's own strike, one incident.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents
from tests.bulletins.hang import finished

MONDAY = dt.datetime(2025, 10, 13, 18, 0, tzinfo=dt.UTC)


def dated(text: str, lang: str) -> list[tuple[object, object, object, object]]:
    """(settlement, killed, injured, date) of each accepted incident."""
    df = extract_incidents(text, published_at=MONDAY, lang=lang)
    return [(d["settlement"], d["killed"], d["injured"], d["date"]) for d in final_incidents(df)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "This morning a Russian drone hit an apartment building in Odesa, two people were "
            "injured. Yesterday a drone of the same type hit the same place.",
            "en",
        ),
        (
            "Сьогодні вранці російський дрон влучив у багатоповерхівку в Одесі, двоє людей "
            "поранені. Учора дрон такого ж типу влучив у те саме місце.",
            "uk",
        ),
        (
            "Сегодня утром российский дрон попал в многоэтажку в Одессе, два человека ранены. "
            "Вчера дрон такого же типа попал в то же место.",
            "ru",
        ),
        (
            "Astăzi dimineață o dronă rusească a lovit un bloc din Odesa, două persoane au fost "
            "rănite. Tot ieri a lovit în același loc o dronă de același tip.",
            "ro",
        ),
    ],
)
def test_yesterdays_hit_after_a_dated_toll_is_its_own_incident(text: str, lang: str) -> None:
    assert sorted(dated(text, lang), key=str) == [
        ("Odesa", None, 2, "2025-10-13"),
        ("Odesa", None, None, "2025-10-12"),
    ]


def test_control_the_storys_own_strike_of_yesterday_is_one_incident() -> None:
    text = (
        "Odesa: two injured\n"
        "In Odesa, where yesterday morning's drone attack hit an apartment building, two "
        "people were injured."
    )
    assert [(d[0], d[2]) for d in dated(text, "en")] == [("Odesa", 2)]


def test_yesterday_rule_finishes_on_long_text() -> None:
    units = {"yesterday": "Today two were injured in Odesa. Yesterday a drone hit it. "}
    assert finished(units, lang="en") == list(units)
