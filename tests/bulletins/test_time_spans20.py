"""Round 20 (issue 11): a number of hours before a toll counts hours, not people.

Every text is invented for these tests. "Over the last 24 hours two people were injured", "În
ultimele 24 de ore două persoane au fost rănite", "За останні 24 години двоє людей поранені",
"За последние 24 часа два человека ранены": two injured, not 24. Controls: "24 people were
injured" stays 24; a toll after the span is read as before.
"""

from __future__ import annotations

import pytest

from tests.bulletins.hang import finished
from tests.bulletins.rows import rows


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Over the last 24 hours two people were injured in Russian shelling of Kharkiv.", "en"),
        ("За останні 24 години двоє людей поранені внаслідок обстрілу Харкова.", "uk"),
        ("За последние 24 часа два человека ранены в результате обстрела Харькова.", "ru"),
        ("În ultimele 24 de ore două persoane au fost rănite în urma bombardamentelor rusești "
         "asupra orașului Harkov.", "ro"),
    ],
)  # fmt: skip
def test_hours_before_a_toll_are_no_count(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-63", "Kharkiv", None, 2)]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("24 people were injured in Russian shelling of Kharkiv.", "en", 24),
        ("Двоє людей поранені внаслідок обстрілу Харкова за останні 24 години.", "uk", 2),
    ],
)
def test_controls(text: str, lang: str, want: int) -> None:
    assert rows(text, lang) == [("UA-63", "Kharkiv", None, want)]


def test_time_span_rule_finishes_on_long_text() -> None:
    units = {"hours": "24 hours 24 hours ", "de ore": "24 de ore 24 de "}
    assert finished(units, lang="en") == list(units)
