"""Round-4 rules on real-text failure classes, each on text written for this test."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.linker import Linker
from analytics.bulletins.numbers import fold, tokenize
from analytics.bulletins.scoring import final_incidents


def _read(text: str, lang: str) -> tuple[int | None, int | None]:
    r = read_casualties(fold(text), lang)
    return (r.killed.value if r.killed else None, r.injured.value if r.injured else None)


@pytest.mark.parametrize(
    ("text", "lang", "injured"),
    [
        ("Поранені 47-річна і 70-річна жінки.", "uk", 2),  # two ages, one plural noun
        ("Постраждали 30-річний, 41-річний та 66-річний чоловіки.", "uk", 3),
        ("Ранены 19-летняя и 52-летняя женщины.", "ru", 2),
        ("Поранено 12-річного хлопчика.", "uk", 1),  # a single age stays one person
    ],
)
def test_ages_listed_before_a_plural_noun_count_one_person_each(
    text: str, lang: str, injured: int
) -> None:
    assert _read(text, lang) == (None, injured)


def test_romanian_care_does_not_hide_the_rest_of_the_sentence() -> None:
    # "care" ("which") is no "including": the toll after it is the sentence's figure.
    text = "Bilantul atacului care a vizat Odesa in noaptea de luni a crescut la 7 morti."
    assert _read(text, "ro") == (7, None)
    # "printre care" still marks a part of the total.
    assert _read("Au murit 5 persoane, printre care 2 copii.", "ro") == (5, None)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("12 people were injured and 4 people are missing.", "en"),
        ("Au fost raniti 12 oameni, iar 4 persoane sunt date disparute.", "ro"),
        ("Поранено 12 людей, ще 4 людини вважаються зниклими безвісти.", "uk"),
    ],
)
def test_missing_people_are_not_casualties(text: str, lang: str) -> None:
    assert _read(text, lang) == (None, 12)


def test_an_earlier_toll_never_replaces_a_later_one() -> None:
    text = (
        "The death toll from the missile strike on Sumy rose to 11, officials said on Monday. "
        "An earlier toll put the number of dead at 9, with 40 injured."
    )
    rows = final_incidents(
        extract_incidents(text, published_at=dt.datetime(2025, 4, 14, 12, 0), lang="en")
    )
    assert [(r["oblast"], r["killed"], r["injured"]) for r in rows] == [("UA-59", 11, 40)]
    reading = read_casualties(fold("Un bilant anterior indica 9 morti si 40 de raniti."), "ro")
    # an earlier figure counts only where nothing newer is known (round 5: "prior", was "max",
    # which let a retracted higher figure raise a corrected toll)
    assert reading.killed is not None and reading.killed.op == "prior"


def test_linker_ties_a_count_to_the_nearest_word_after_it() -> None:
    toks = [t for t, _, _ in tokenize(fold("two killed , three injured"))]
    kinds = ["k" if t == "killed" else "i" if t == "injured" else None for t in toks]
    keywords = [(i, k) for i, k in enumerate(kinds) if k]
    link = Linker(toks, kinds, [False] * len(toks), keywords)
    assert link.best(0, 0, set()) == (0, 0, "k", 1)
    assert link.best(3, 3, {1}) == (0, 0, "i", 4)
