"""Round 21 (issue 11): a second strike told after a first one's toll adds to it.

Every text is invented for these tests. A sentence that says it tells another strike
("another strike", "ще один удар", "ещё один удар", "încă un atac", "earlier the same day")
adds its toll to the place's toll told before. Controls: a count with no such wording is a
restatement (the larger is kept); "after another attack" is a past strike, not an addition;
where the earlier sentences already give differing counts (one may be the total) nothing is
added, so no one is counted twice.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.added21 import ADDED_STRIKE_RE
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

FIRST = {
    "en": "A Russian drone struck Kherson, injuring two women.\n",
    "uk": "Російський дрон атакував Херсон, поранено двох жінок.\n",
    "ru": "Российский дрон атаковал Херсон, ранены две женщины.\n",
    "ro": "O dronă rusească a lovit la Herson, rănind două femei.\n",
}


@pytest.mark.parametrize(
    ("lang", "second"),
    [
        ("en", "Another Russian strike on Kherson wounded four people."),
        ("en", "Earlier the same day, Russian shelling of Kherson wounded four people."),
        ("uk", "Ще один удар по Херсону: поранено чотирьох людей."),
        ("uk", "Раніше того ж дня внаслідок обстрілу Херсона поранено чотирьох людей."),
        ("ru", "Ещё один удар по Херсону: ранены четыре человека."),
        ("ru", "Ранее в тот же день в результате обстрела Херсона ранены четыре человека."),
        ("ro", "Încă un atac asupra orașului Herson a rănit patru persoane."),
        ("ro", "Mai devreme în aceeași zi, un bombardament la Herson a rănit patru persoane."),
    ],
)
def test_another_strike_adds_its_toll(lang: str, second: str) -> None:
    # two women, then four people of another strike: 2 + 4
    assert rows(FIRST[lang] + second, lang) == [("UA-65", "Kherson", None, 6)]


@pytest.mark.parametrize(
    ("lang", "second"),
    [
        ("en", "The strike on Kherson wounded four people in total."),
        ("uk", "Загалом внаслідок удару по Херсону поранено чотирьох людей."),
        ("ru", "Всего в результате удара по Херсону ранены четыре человека."),
        ("ro", "În total, atacul de la Herson a rănit patru persoane."),
    ],
)
def test_a_count_with_no_such_wording_restates(lang: str, second: str) -> None:
    assert rows(FIRST[lang] + second, lang) == [("UA-65", "Kherson", None, 4)]


def test_a_strike_after_another_is_no_addition() -> None:
    text = (
        "A Russian air strike on Sumy killed two people and wounded four.\n"
        "The strike came a week after another attack in the city that killed two people."
    )
    assert rows(text, "en") == [("UA-59", "Sumy", 2, 4)]


def test_differing_earlier_counts_add_nothing() -> None:
    # the headline's 6 may already hold the second strike's 4: the larger count is kept
    text = (
        "Russian attacks on Kherson injure six\n"
        "A Russian drone struck Kherson, injuring two women.\n"
        "Another Russian strike on Kherson wounded four people."
    )
    assert rows(text, "en") == [("UA-65", "Kherson", None, 6)]


def test_the_pattern_reads_no_past_strike() -> None:
    assert ADDED_STRIKE_RE.search("another russian strike on kherson")
    assert not ADDED_STRIKE_RE.search("a week after another attack on kherson")
    assert not ADDED_STRIKE_RE.search("после еще одного удара")  # a case form: a past strike


def test_long_runs_finish() -> None:
    units = {
        "another": "another strike another ",
        "ще": "ще один ще один удар ",
        "earlier": "earlier the same day. ",
        "inca": "inca un inca o atac ",
    }
    assert finished(units, lang="en") == list(units)
