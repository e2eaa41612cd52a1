"""Round 12 (issue 11): rules that cross modules: frequency adjectives are no tally, a
correction announced without numbers, died-of-wounds restatements, itemised oblast totals and
second strikes on one place.

Every text is invented for these tests; each expected figure is counted by hand from the text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.lexicon import CUMULATIVE_RE
from analytics.bulletins.numbers import fold
from analytics.bulletins.scoring import final_incidents
from analytics.bulletins.timephrases import resolve_time

#: Noon in Kyiv on Monday 2 June 2025.
NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


def _rows(text: str, lang: str) -> list[tuple[str | None, str | None, int | None, int | None]]:
    df = extract_incidents(text, published_at=NOON, lang=lang)
    got = [(d["oblast"], d["settlement"], d["killed"], d["injured"]) for d in final_incidents(df)]
    return sorted(got, key=str)


# ----------------------------------------------------------------- 1. frequency adjectives
@pytest.mark.parametrize(
    ("text", "tally"),
    [
        ("Russia resumed its nearly weekly strikes on the power grid.", False),
        ("The weekly attacks on the port continued on Sunday.", False),
        ("Щотижневі удари по енергетиці тривають.", False),
        ("Еженедельные обстрелы города продолжаются.", False),
        ("Atacurile săptămânale asupra orașului continuă.", False),
        # tally wording stays a tally
        ("Russia launched 1,200 drones this week.", True),
        ("About 500 drones per week hit Ukrainian cities.", True),
        ("Since the start of the week 14 civilians were killed.", True),
        ("За тиждень загинули 14 цивільних.", True),
        ("За неделю погибли 14 мирных жителей.", True),
        ("The monthly report said 214 civilians were killed.", True),
        ("Potrivit raportului lunar, 214 civili au fost uciși.", True),
    ],
)
def test_only_tally_wording_is_cumulative(text: str, tally: bool) -> None:
    assert bool(CUMULATIVE_RE.search(fold(text))) is tally


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "A missile hit a house in Dnipro, killing two people.\nRussia also struck Kyiv and "
            "Kharkiv on the same day, in its nearly weekly strikes on the power grid.",
            "en",
            [("UA-12", "Dnipro", 2, None), ("UA-30", "Kyiv", None, None),
             ("UA-63", "Kharkiv", None, None)],
        ),
        (
            "Ракета влучила в будинок у Дніпрі, загинули двоє людей.\nЦього тижня Росія "
            "випустила 1 200 дронів, від ударів загинули 40 людей.",
            "uk",
            [("UA-12", "Dnipro", 2, None)],
        ),
    ],
)  # fmt: skip
def test_frequency_adjective_keeps_the_strikes(
    text: str, lang: str, expected: list[tuple[str | None, str | None, int | None, int | None]]
) -> None:
    assert _rows(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("It was the deadliest strike since September 30, officials said on Saturday.", 31),
        ("The worst attack since 12 May hit the city yesterday.", 1),
        ("The strike on May 30 killed two.", 30),
    ],
)
def test_a_date_after_since_is_not_the_strikes(text: str, day: int) -> None:
    when = resolve_time(fold(text), NOON)
    assert when is not None and when.date.day == day
