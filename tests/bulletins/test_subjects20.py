"""Round 20 (issue 11): "the driver of the car was injured" is one person injured.

Every text is invented for these tests. A definite one-person subject with a complement naming
the person's vehicle or home counts as one casualty in English and Romanian (Ukrainian and
Russian already read the singular verb). Controls: a complement followed by another count
keeps that count; no verb of harm counts nobody.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.subjects20 import skip_complement
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

CAR = {
    "en": "A Russian drone dropped an explosive on a civilian car in Kherson. ",
    "uk": "Російський дрон скинув вибухівку на цивільний автомобіль у Херсоні. ",
    "ru": "Российский дрон сбросил взрывчатку на гражданский автомобиль в Херсоне. ",
    "ro": "O dronă rusă a aruncat un exploziv asupra unei mașini civile la Herson. ",
}


@pytest.mark.parametrize(
    ("lang", "tail", "want"),
    [
        ("en", "The driver of the car was injured.", (None, 1)),
        ("en", "The driver of the private car was killed.", (1, None)),
        ("uk", "Водій автомобіля отримав поранення.", (None, 1)),
        ("ru", "Водитель автомобиля был ранен.", (None, 1)),
        ("ro", "Șoferul mașinii a fost rănit.", (None, 1)),
    ],
)
def test_a_subject_with_a_complement_is_one_person(
    lang: str, tail: str, want: tuple[int | None, int | None]
) -> None:
    assert rows(CAR[lang] + tail, lang) == [("UA-65", "Kherson", *want)]


@pytest.mark.parametrize(
    ("lang", "tail", "want"),
    [
        ("en", "The driver of the car said two passengers were injured.", (None, 2)),
        ("en", "The driver of the car called the police.", (None, None)),
        ("ro", "Șoferul mașinii a sunat la poliție.", (None, None)),
    ],
)
def test_controls(lang: str, tail: str, want: tuple[int | None, int | None]) -> None:
    assert rows(CAR[lang] + tail, lang) == [("UA-65", "Kherson", *want)]


def test_skip_complement_is_bounded() -> None:
    toks = ["the", "driver", "of", "the", "very", "old", "red", "car", "was", "injured"]
    assert skip_complement(toks, 2, "en") == 2  # a long complement is not skipped


def test_complement_rule_finishes_on_long_text() -> None:
    units = {"of the": "the driver of the driver of the ", "ro": "șoferul mașinii șoferul "}
    assert finished(units, lang="en") == list(units)
