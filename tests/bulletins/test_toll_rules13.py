"""Round 13 (issue 11): classes of error on the fourth batch of real dev texts.

An approximate age set off by commas ("a man, around 40, died") is an age, not a count of 40
people. Every text is invented for these tests; each expected figure is counted by hand from
the text (one man killed, one woman injured; the age is no casualty).
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.ages import approximate_comma_age
from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents
from tests.bulletins.hang import finished

#: Noon in Kyiv on Monday 2 June 2025.
NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


def _tolls(text: str, lang: str) -> list[tuple[int | None, int | None]]:
    df = extract_incidents(text, published_at=NOON, lang=lang)
    return [(d["killed"], d["injured"]) for d in final_incidents(df)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("In Kherson a man, around 40, was killed by a drone. A woman was injured.", "en", (1, 1)),
        ("In Nikopol a woman, about 70, was injured by shelling.", "en", (None, 1)),
        ("В Херсоне мужчина, около 40, погиб от удара дрона. Женщина ранена.", "ru", (1, 1)),
        ("У Херсоні чоловік, близько 40, загинув від удару дрона. Жінку поранено.", "uk", (1, 1)),
        ("La Herson un bărbat, aproximativ 40, a murit după un atac cu dronă.", "ro", (1, None)),
    ],
)
def test_approximate_age_set_off_by_commas_is_no_count(
    text: str, lang: str, expected: tuple[int | None, int | None]
) -> None:
    assert _tolls(text, lang) == [expected]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a count after "about" with no person noun before the comma stays a count
        ("In Kherson, about 40 people were injured by a drone.", "en", (None, 40)),
        ("У Херсоні близько 40 людей поранено внаслідок удару дрона.", "uk", (None, 40)),
    ],
)
def test_about_a_count_is_still_a_count(
    text: str, lang: str, expected: tuple[int | None, int | None]
) -> None:
    assert _tolls(text, lang) == [expected]


def test_approximate_comma_age_needs_person_and_closing_comma() -> None:
    assert approximate_comma_age(["a", "man", ",", "around", "40", ",", "died"], 3)
    assert not approximate_comma_age(["killed", ",", "around", "40", "were", "hurt"], 2)
    assert not approximate_comma_age(["a", "man", ",", "around", "40", "people"], 3)


def test_repeated_approximate_ages_finish() -> None:
    """200 KB of the new pattern's unit finishes (a hang deadline, not a timing assertion)."""
    units = {"approximate ages": "a man, around 40, "}
    assert finished(units, lang="en", prefix="In Kherson ") == list(units)
