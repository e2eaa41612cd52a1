"""One-letter slips in large cities' names: the rule, and controls that must not change."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analytics.reference.settlements import lookup, resolve_settlement
from analytics.reference.slips import MIN_LETTERS, SlipIndex, name_key, one_edit


def _levenshtein_or_swap(a: str, b: str) -> int:
    """Edit distance with adjacent swaps (an independent dynamic programme, for the property)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@given(st.text("abcd", max_size=8), st.text("abcd", max_size=8))
def test_one_edit_agrees_with_the_edit_distance(a: str, b: str) -> None:
    assert one_edit(a, b) == (_levenshtein_or_swap(a, b) == 1)


@pytest.mark.parametrize(
    ("written", "latin", "oblast"),
    [
        ("Kramatorks", "Kramatorsk", "UA-14"),  # two letters swapped
        ("Kremenchk", "Kremenchuk", "UA-53"),  # a letter dropped
        ("Pavlohrd", "Pavlohrad", "UA-12"),
        ("Vinnystia", "Vinnytsia", "UA-05"),
        ("Краматорьск", "Kramatorsk", "UA-14"),  # a letter added, Cyrillic
    ],
)
def test_a_slip_of_one_large_city_is_that_city(written: str, latin: str, oblast: str) -> None:
    assert lookup(written)  # held only through the slip rule
    found = resolve_settlement(written)
    assert found is not None and (found.latin, found.oblast) == (latin, oblast)


@pytest.mark.parametrize(
    "written",
    [
        "Pokrovks",  # one letter from Pokrovsk and from many villages Pokrovka
        "Kostiantynvka",  # ... and from the village Kostiantivka (Kharkiv oblast)
        "Chernihv",  # ... and from the villages Chernykhiv
        "Mykolaev",  # two cities named Mykolaiv (Mykolaiv and Lviv oblasts): never guessed
        "Kharkv",  # shorter than MIN_LETTERS: too many neighbours
        "Kryvyi Rok",  # two letters from "Kryvyi Rih"
        "Ivanivkka",  # a village name, not a large city
    ],
)
def test_controls_stay_unresolved(written: str) -> None:
    assert resolve_settlement(written) is None


def test_names_the_gazetteer_holds_are_unchanged() -> None:
    # the exact and loose keys come first: a village one letter from a city stays the village
    found = resolve_settlement("Pokrovka", oblasts={"UA-48"})
    assert found is not None and found.latin == "Pokrovka"


def test_index_on_a_hand_made_gazetteer() -> None:
    names = [(0, ("Bigtownsk",)), (1, ("Bigtownka",)), (2, ("Otherplace",))]
    index = SlipIndex(names, [(0, ("Bigtownsk",))])
    assert index.city("Bigtowsk") == (0,)  # one letter dropped; no other name is near
    assert index.city("Bigtownk") == ()  # one letter from Bigtownsk and from Bigtownka
    assert index.city("Otherplac") == ()  # near a name, but no large city
    assert len(name_key("Bigtowsk")) >= MIN_LETTERS
