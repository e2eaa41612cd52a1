"""The listed Russian names of cities resolve to their gazetteer rows (issue 11, round 3)."""

from __future__ import annotations

import pytest

from analytics.reference.russian_names import CITY_FORMS
from analytics.reference.settlements import resolve_settlement, settlement_table


def test_every_listed_city_is_in_the_gazetteer() -> None:
    rows = {(r.latin, r.oblast) for r in settlement_table() if r.category in "MKTX"}
    assert [key for key in CITY_FORMS if key not in rows] == []


@pytest.mark.parametrize(
    ("name", "latin", "oblast"),
    [
        ("Константиновке", "Kostiantynivka", "UA-14"),  # irregular root, locative
        ("Кривом Роге", "Kryvyi Rih", "UA-12"),  # two-word name, both words declined
        ("Кривому Розі", "Kryvyi Rih", "UA-12"),  # і/о and г/з alternation
        ("Белой Церкви", "Bila Tserkva", "UA-32"),
        ("Днепропетровск", "Dnipro", "UA-12"),  # Soviet-era name still in use
    ],
)
def test_irregular_forms_resolve(name: str, latin: str, oblast: str) -> None:
    found = resolve_settlement(name)
    assert found is not None
    assert (found.latin, found.oblast) == (latin, oblast)


def test_a_listed_form_does_not_shadow_a_regular_name() -> None:
    # "Іванівка" is a village name in many oblasts and no listed form: still unresolved.
    assert resolve_settlement("Іванівка") is None
