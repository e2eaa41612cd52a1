"""Rules of round 6 (issue 11), each on text written for it."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.clauses import split_contrasts
from analytics.bulletins.contexts import analyse_sentence
from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents

DAY = dt.date(2025, 6, 2)
NOON = dt.datetime(2025, 6, 2, 12, 0, tzinfo=dt.UTC)
#: A strike with no place, so the places and tolls come from the sentence under test.
OPENING = {
    "en": "Russia attacked with drones overnight.",
    "ro": "Rusia a atacat cu drone în timpul nopții.",
    "ru": "Ночью Россия атаковала дронами.",
    "uk": "Вночі Росія атакувала дронами.",
}


def _parts(text: str, lang: str) -> list[str]:
    s = analyse_sentence(text, 0, len(text), lang, None, DAY)
    return [p.text for p in split_contrasts([s], text, lang, None, DAY)]


def _tolls(text: str, lang: str) -> set[tuple[str | None, int | None, int | None]]:
    df = extract_incidents(text, published_at=NOON, lang=lang)
    return {(i["oblast"], i["killed"], i["injured"]) for i in final_incidents(df)}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("One man died in Sumy region, while in Odesa region two people were hurt.", "en"),
        ("Un bărbat a murit în regiunea Sumî, iar în regiunea Odesa doi oameni au fost răniți.",
         "ro"),
        ("В Сумской области погиб мужчина, а в Одесской области ранены два человека.", "ru"),
        ("На Сумщині загинув чоловік, тоді як на Одещині поранено двох людей.", "uk"),
    ],
)  # fmt: skip
def test_a_contrast_joining_two_oblasts_gives_each_its_own_toll(text: str, lang: str) -> None:
    # Sumy = UA-59 (one killed), Odesa = UA-51 (two injured): read whole, neither could be
    # given the sentence's counts.
    assert len(_parts(text, lang)) == 2
    assert _tolls(f"{OPENING[lang]} {text}", lang) == {("UA-59", 1, None), ("UA-51", None, 2)}


def test_a_contrast_within_one_oblast_stays_one_sentence() -> None:
    # both clauses are about Kharkiv oblast: one incident's sentence, not cut
    text = "In Kharkiv two people were injured, while in Kharkiv region a house burned down."
    assert len(_parts(text, "en")) == 1
    # a conjunction with a place on one side only is not a cut either
    text = "Two people were hurt in Odesa region, while the drones were shot down."
    assert len(_parts(text, "en")) == 1


SUMMARY = (
    "Russian drones attacked Sumy region. A man and a woman were injured. "
    "The enemy shelled 30 settlements in the region over the past day. Seven people were injured."
)


def test_a_past_day_summary_after_todays_toll_is_the_day_it_covers() -> None:
    # Published at 09:00 Kyiv time: the summary covers the day before (labelling rules), and
    # its 7 injured do not replace today's 2 (a man and a woman).
    morning = dt.datetime(2025, 6, 2, 6, 0, tzinfo=dt.UTC)
    got = final_incidents(extract_incidents(SUMMARY, published_at=morning, lang="en"))
    assert {(i["injured"], i["date"]) for i in got} == {(2, "2025-06-02"), (7, "2025-06-01")}


def test_a_past_day_summary_without_an_earlier_toll_is_not_split() -> None:
    # with no toll before it the summary is the text's only incident, dated as before
    text = "Russian drones attacked Sumy region over the past day. Seven people were injured."
    morning = dt.datetime(2025, 6, 2, 6, 0, tzinfo=dt.UTC)
    got = final_incidents(extract_incidents(text, published_at=morning, lang="en"))
    assert [(i["injured"], i["date"]) for i in got] == [(7, "2025-06-02")]
