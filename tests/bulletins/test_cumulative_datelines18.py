"""Round 18 (issue 11): month-to-date totals and undated wire datelines.

Every text is invented for these tests.

- A toll counted "since 1 October" ("з першого жовтня", "с 1 октября", "de la 1 octombrie",
  "from the start of the month") sums many strikes: it is no incident. Control: the same toll
  with no such phrase is one.
- A wire dateline with no date ("KYIV, Ukraine (AP) —", "КИЕВ /ТАСС/ -") names where the story
  was filed: the strike's place is the one the sentence names, so a Kharkiv toll filed from
  Kyiv is one Kharkiv incident (it used to be quarantined: two oblasts). Control: a capitalised
  place opening a sentence with no agency stays a place.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.updates import mask_datelines
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Since October 1, Russian attacks on Sumy region have killed five civilians and "
            "injured 44 others, the governor said.",
            "en",
        ),
        (
            "З першого жовтня внаслідок російських атак по Сумській області загинули п'ятеро "
            "мирних жителів, ще 44 дістали поранення.",
            "uk",
        ),
        (
            "С 1 октября в результате российских атак по Сумской области погибли пятеро "
            "мирных жителей, еще 44 получили ранения.",
            "ru",
        ),
        (
            "De la 1 octombrie, atacurile rusești asupra regiunii Sumî au ucis cinci civili "
            "și au rănit alți 44.",
            "ro",
        ),
        (
            "Від початку місяця від ворожих атак на Сумщині загинули 5 цивільних, ще 44 "
            "отримали поранення.",
            "uk",
        ),
    ],
)
def test_a_month_to_date_total_is_no_incident(text: str, lang: str) -> None:
    assert rows(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "On Sunday, Russian attacks on Sumy region killed five civilians and injured 44 "
            "others, the governor said.",
            "en",
        ),
        (
            "У неділю внаслідок російських атак по Сумській області загинули п'ятеро мирних "
            "жителів, ще 44 дістали поранення.",
            "uk",
        ),
    ],
)
def test_control_the_same_toll_of_one_day_is_an_incident(text: str, lang: str) -> None:
    assert [(r[0], r[2], r[3]) for r in rows(text, lang)] == [("UA-59", 5, 44)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "KYIV, Ukraine (AP) — A Russian glide bomb hit an apartment building in Kharkiv "
            "early Thursday, killing one man and injuring seven people.",
            "en",
        ),
        (
            "KIEV (Reuters) - O bombă aeriană rusească a lovit un bloc din Harkov joi "
            "dimineață, ucigând un bărbat și rănind șapte persoane.",
            "ro",
        ),
        (
            "КИЕВ, Украина /ТАСС/ - Российская авиабомба попала в жилой дом в Харькове, "
            "погиб мужчина, ранены семь человек.",
            "ru",
        ),
        (
            "КИЇВ (Укрінформ) — Російська керована авіабомба влучила в житловий будинок у "
            "Харкові, загинув чоловік, поранено сім людей.",
            "uk",
        ),
    ],
)
def test_an_undated_wire_dateline_is_not_the_strike_place(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-63", "Kharkiv", 1, 7)]


def test_mask_datelines_keeps_length_and_blanks_only_the_dateline() -> None:
    text = "Headline\nKYIV, Ukraine (AP) — Russian forces struck Kharkiv."
    masked = mask_datelines(text)
    assert len(masked) == len(text)
    assert "KYIV" not in masked and "Ukraine (AP)" not in masked
    assert masked.endswith("Russian forces struck Kharkiv.")


def test_control_a_capitalised_place_with_no_agency_stays() -> None:
    text = "KHARKIV — A Russian drone hit a house, injuring two people."
    assert mask_datelines(text) == text


def test_month_to_date_and_dateline_rules_finish_on_long_text() -> None:
    units = {
        "datelines": "KYIV, Ukraine (AP) — ",
        "caps": "KYIV KYIV KYIV ",
        "since": "since October 1 since the start of ",
        "з першого": "з першого з 1 ",
    }
    assert finished(units, lang="en", prefix="\n") == list(units)
