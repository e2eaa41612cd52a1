"""Rules of round 8 (issue 11), each on text written for it: back-reference tolls."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.numbers import fold
from analytics.bulletins.scoring import final_incidents
from analytics.bulletins.timephrases import resolve_time

#: Noon in Kyiv on Monday 2 June 2025.
NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2025, 6, 2)
DAY_BEFORE = dt.date(2025, 6, 1)

Row = tuple[str | None, int | None, int | None, str | None]


def _rows(text: str, lang: str) -> set[Row]:
    df = extract_incidents(text, published_at=NOON, lang=lang)
    return {(i["oblast"], i["killed"], i["injured"], i["date"]) for i in final_incidents(df)}


@pytest.mark.parametrize(
    "phrase",
    [
        "the day before, a missile attack killed four",
        "cu o zi înainte, un atac a ucis patru oameni",
        "накануне ракетный удар убил четырех человек",
        "напередодні ракетний удар забрав життя чотирьох людей",
        "the strike comes a day after russian missiles killed four",
    ],
)
def test_day_earlier_phrase_is_the_day_before_publication(phrase: str) -> None:
    when = resolve_time(fold(phrase), NOON)
    assert when is not None
    assert when.date == DAY_BEFORE


@pytest.mark.parametrize(
    ("text", "lang", "today", "earlier"),
    [
        # A toll of the day before, told after today's: its own incident, not added to today's.
        (
            "A drone attack on Poltava overnight killed one person and injured five. "
            "The day before, a missile strike on the city killed two and injured 20.",
            "en",
            (1, 5),
            (2, 20),
        ),
        (
            "Un atac cu drone asupra orașului Poltava a ucis o persoană și a rănit cinci. "
            "Cu o zi înainte, un atac cu rachete a ucis două persoane și a rănit 20.",
            "ro",
            (1, 5),
            (2, 20),
        ),
        (
            "В результате атаки дронов на Полтаву погиб один человек, ранены пять. "
            "Накануне ракетный удар по городу убил двух человек, ранены 20.",
            "ru",
            (1, 5),
            (2, 20),
        ),
    ],
)
def test_day_earlier_toll_is_its_own_incident(
    text: str, lang: str, today: tuple[int, int], earlier: tuple[int, int]
) -> None:
    rows = _rows(text, lang)
    assert ("UA-53", *today, TODAY.isoformat()) in rows
    assert ("UA-53", *earlier, DAY_BEFORE.isoformat()) in rows
    assert len(rows) == 2


def test_dated_strike_with_its_toll_in_the_next_sentence_is_a_back_reference() -> None:
    # Today's toll first, then a strike dated to 30 May and its own toll one sentence later.
    text = (
        "Унаслідок атаки дрона на Полтаву поранено трьох людей. "
        "30 травня росіяни атакували Полтаву ракетами. Одна людина загинула."
    )
    rows = _rows(text, "uk")
    assert ("UA-53", None, 3, TODAY.isoformat()) in rows
    assert ("UA-53", 1, None, "2025-05-30") in rows
    assert len(rows) == 2


def test_dated_sentence_without_a_strike_keeps_the_toll_of_today() -> None:
    # A date with no strike or damage told in it does not split the next sentence's toll off
    # as a back-reference (which day the whole is dated to is another rule's matter).
    text = (
        "Унаслідок атаки дрона на Полтаву поранено трьох людей. "
        "30 травня у місті оголосили жалобу. Одна людина загинула."
    )
    rows = _rows(text, "uk")
    assert len(rows) == 1
    assert {(r[0], r[1], r[2]) for r in rows} == {("UA-53", 1, 3)}


def test_clock_time_alone_does_not_make_a_back_reference() -> None:
    # "Близько 13:20" later than the noon report reads as the day before, but a clock time is
    # no calendar date: the strike at that time and its toll stay one incident.
    text = (
        "У Полтаві внаслідок атаки дрона загинув чоловік. "
        "Близько 13:20 росіяни атакували автомобіль у місті. Поранено двох людей."
    )
    rows = _rows(text, "uk")
    assert len(rows) == 1
