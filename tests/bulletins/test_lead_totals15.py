"""Round 15 (issue 11): an oblast total in the headline or lead is not the first settlement's toll.

Every text is invented for these tests; each expected toll is counted by hand from the text:
the lead counts three dead in the oblast, the sentence after it two dead in one town, so the
town's toll is two (the lead sums it and a place not named), not three.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents
from tests.bulletins.hang import finished

#: Noon in Kyiv on Monday 2 June 2025.
NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


def _rows(text: str, lang: str) -> list[tuple[str | None, str | None, int | None]]:
    df = extract_incidents(text, published_at=NOON, lang=lang)
    return [(d["oblast"], d["settlement"], d["killed"]) for d in final_incidents(df)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "У Херсонській області від обстрілів загинули троє мирних жителів. "
            "Двоє людей загинули в Бериславі, ще одна людина поранена.",
            "uk",
        ),
        (
            "В Херсонской области от обстрелов погибли трое мирных жителей. "
            "Два человека погибли в Бериславе, еще один человек ранен.",
            "ru",
        ),
        (
            "Three civilians were killed by Russian shelling in Kherson region. "
            "Two people were killed in Beryslav, and one more person was injured.",
            "en",
        ),
        (
            "Trei civili au fost uciși în bombardamentele rusești din regiunea Herson. "
            "Două persoane au fost ucise la Berislav.",
            "ro",
        ),
    ],
)
def test_lead_oblast_total_is_not_the_first_settlements_toll(text: str, lang: str) -> None:
    assert _rows(text, lang) == [("UA-65", "Beryslav", 2)]


def test_lead_equal_to_the_place_stays_its_toll() -> None:
    """A lead that counts no more than the place after it is that place's toll, told twice."""
    text = (
        "Two civilians were killed by Russian shelling in Kherson region. "
        "A Russian drone struck a car in Beryslav, killing two people."
    )
    assert _rows(text, "en") == [("UA-65", "Beryslav", 2)]


def test_lead_totals_hang_deadline() -> None:
    """200 KB of oblast totals finishes (a hang deadline, not a timing assertion)."""
    units = {"oblast totals": "Three were killed in Kherson region. Two were killed in Beryslav. "}
    assert finished(units, lang="en") == list(units)
