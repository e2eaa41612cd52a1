"""Rules of round 7 (issue 11), each on text written for it."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents

NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


def _places(text: str, lang: str) -> set[tuple[str | None, str | None, int | None, int | None]]:
    df = extract_incidents(text, published_at=NOON, lang=lang)
    return {(i["oblast"], i["settlement"], i["killed"], i["injured"]) for i in final_incidents(df)}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Two cities in two oblasts, hit in the same sentence, no toll: one incident each.
        (
            "Orașele Uman și Poltava au fost lovite de rachete.",
            "ro",
            {("UA-71", "Uman", None, None), ("UA-53", "Poltava", None, None)},
        ),
        (
            "Окупанти обстріляли Херсон і Миколаїв.",
            "uk",
            {("UA-65", "Kherson", None, None), ("UA-48", "Mykolaiv", None, None)},
        ),
        (
            "Российские войска обстреляли Херсон и Николаев.",
            "ru",
            {("UA-65", "Kherson", None, None), ("UA-48", "Mykolaiv", None, None)},
        ),
        (
            "Russian forces struck Kherson and the southern city of Mykolaiv.",
            "en",
            {("UA-65", "Kherson", None, None), ("UA-48", "Mykolaiv", None, None)},
        ),
    ],
)
def test_two_places_struck_without_toll_are_two_incidents(
    text: str, lang: str, expected: set[tuple[str | None, str | None, int | None, int | None]]
) -> None:
    assert _places(text, lang) == expected


def test_struck_places_beside_a_toll_keep_the_toll_on_its_own_place() -> None:
    text = (
        "A Russian missile hit a house in Dnipro, killing two people. "
        "Russia also struck Uman and Poltava. "
        "Later the number of injured rose to four."
    )
    got = _places(text, "en")
    assert ("UA-71", "Uman", None, None) in got
    assert ("UA-53", "Poltava", None, None) in got
    # the unplaced revision belongs to the toll told before, not to a place only named as hit
    assert ("UA-12", "Dnipro", 2, 4) in got


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # explosions heard are no hit (labelling rule 3)
        ("Explosions were heard in Kherson and Mykolaiv.", "en"),
        ("Вибухи пролунали в Херсоні та Миколаєві.", "uk"),
    ],
)
def test_explosions_heard_in_two_places_are_no_incident(text: str, lang: str) -> None:
    assert _places(text, lang) == set()


def test_a_place_near_a_struck_village_is_not_struck() -> None:
    text = "Russian forces struck the village of Pryozerne, close to the regional capital Kherson."
    got = _places(text, "en")
    assert not any(s == "Kherson" for _, s, *_ in got)
