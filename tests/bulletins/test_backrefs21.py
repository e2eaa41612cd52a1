"""Round 21 (issue 11): a full stop with the space left out, and a dated past day's strike.

Every text is invented for these tests. "...допомогу.За даними ..." is two sentences, so a
dated sentence about the day before is not read together with today's toll; a past day's
strike dated and placed ("за минувшие сутки, 27 октября, ... по Херсону") is that day's own
incident, even with no toll. Controls: abbreviations and initials before a full stop ("м.",
"вул.", "U.S.") end no sentence; a sentence with a space after its full stop splits as before.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.updates import split_sentences
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

MORNING = dt.datetime(2025, 10, 28, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "Їй надали допомогу.За даними ОВА, тихо.",
            ["Їй надали допомогу.", "За даними ОВА, тихо."],
        ),
        ("Ей оказали помощь.По данным ОВА, тихо.", ["Ей оказали помощь.", "По данным ОВА, тихо."]),
        ("Two were hurt.Officials said so.", ["Two were hurt.", "Officials said so."]),
        ("Doi răniți.Atacul a fost la Herson.", ["Doi răniți.", "Atacul a fost la Herson."]),
        # controls: an abbreviation, an initial, a domain, no capital after the mark
        ("На вул.Сумській вибух.", ["На вул.Сумській вибух."]),
        ("У м.Ізюм тихо.", ["У м.Ізюм тихо."]),
        ("The U.S.Army said.", ["The U.S.Army said."]),
        ("See ukrinform.ua today.", ["See ukrinform.ua today."]),
    ],
)
def test_a_full_stop_with_no_space_ends_a_sentence(text: str, want: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == want


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "uk",
            "Вранці 28 жовтня російські війська обстріляли Херсон, поранено жінку.За минулу "
            "добу, 27 жовтня, росіяни випустили по Херсону 20 снарядів.",
        ),
        (
            "ru",
            "Утром 28 октября российские войска обстреляли Херсон, ранена женщина.За минувшие "
            "сутки, 27 октября, россияне выпустили по Херсону 20 снарядов.",
        ),
    ],
)
def test_a_dated_past_day_strike_is_its_own_incident(lang: str, text: str) -> None:
    # today's woman injured, and the day before's shelling with no toll: two incidents
    assert sorted(rows(text, lang, MORNING), key=str) == [
        ("UA-65", "Kherson", None, 1),
        ("UA-65", "Kherson", None, None),
    ]
    # the same with the space: the same two incidents (the splitter was the only change)
    spaced = text.replace(".За", ". За")
    assert sorted(rows(spaced, lang, MORNING), key=str) == sorted(
        rows(text, lang, MORNING), key=str
    )


def test_a_past_day_with_no_place_of_its_own_stays() -> None:
    # control: no place in the dated sentence, so no incident of its own
    text = (
        "Утром 28 октября российские войска обстреляли Херсон, ранена женщина. За минувшие "
        "сутки, 27 октября, россияне выпустили 20 снарядов."
    )
    assert rows(text, "ru", MORNING) == [("UA-65", "Kherson", None, 1)]


def test_long_runs_finish() -> None:
    units = {"glued": "ab.Cd", "glued words": "слово.Слово", "stops": "ab.", "caps": "Ab.C"}
    assert finished(units, lang="uk") == list(units)
