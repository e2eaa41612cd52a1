"""Round 20 (issue 11): a past-day summary over a city and its district is its own incident.

Every text is invented for these tests. A toll of today's strike on a city, then "during the
past day three people were killed in the city of X and X district": the summary covers the day
before (published in the morning) and the city with its district, so it is an oblast-level
incident with no settlement; the city's own toll is not raised to the summary's. Controls: a
summary naming only the city revises nothing of it apart; the same summary alone is one row.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

MORNING = dt.datetime(2025, 10, 13, 5, 0, tzinfo=dt.UTC)  # 08:00 Kyiv


def _dated(text: str, lang: str) -> list[tuple[object, ...]]:
    df = extract_incidents(text, published_at=MORNING, lang=lang)
    return sorted(
        (d["settlement"] or "", d["killed"], d["injured"], d["date"]) for d in final_incidents(df)
    )


@pytest.mark.parametrize(
    ("text", "lang", "city"),
    [
        ("A Russian drone attack on Zaporizhzhia overnight killed two people and injured four. "
         "During the past day, three people were killed and five injured in the city of "
         "Zaporizhzhia and Zaporizhzhia district.", "en", "Zaporizhzhia"),
        ("Унаслідок нічної атаки дронів на Харків загинули двоє людей, ще четверо поранені. "
         "Протягом минулої доби у місті Харкові та Харківському районі загинули троє людей, "
         "п'ятеро поранені.", "uk", "Kharkiv"),
        ("В результате ночной атаки дронов на Харьков погибли два человека, еще четверо "
         "ранены. За прошедшие сутки в городе Харькове и Харьковском районе погибли три "
         "человека, пятеро ранены.", "ru", "Kharkiv"),
    ],
)  # fmt: skip
def test_a_district_summary_is_its_own_incident(text: str, lang: str, city: str) -> None:
    assert _dated(text, lang) == [("", 3, 5, "2025-10-12"), (city, 2, 4, "2025-10-13")]


def test_during_the_past_day_reads_as_over_the_past_day() -> None:
    text = (
        "A Russian drone attack on Zaporizhzhia overnight killed two people and injured four. "
        "{} the past day, three people were killed and five injured across the region."
    )
    during = _dated(text.format("During"), "en")
    assert during == _dated(text.format("Over"), "en")
    assert [(k, i, d) for _, k, i, d in during] == [(2, 4, "2025-10-13"), (3, 5, "2025-10-12")]


def test_control_a_toll_in_the_city_and_district_alone_is_one_row() -> None:
    text = (
        "A Russian drone attack killed two people and injured four in the city of Zaporizhzhia "
        "and Zaporizhzhia district."
    )
    assert len(rows(text, "en")) == 1


def test_district_summary_finishes_on_long_text() -> None:
    units = {"during": "during the past day during ", "районі": "у Харківському районі за добу "}
    assert finished(units, lang="en") == list(units)
