"""Gazetteer place rules on invented bulletins (round 24): hromada with raion, foreign names."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.places import canonical_place, find_places
from analytics.bulletins.scoring import final_incidents
from tests.bulletins.hang import finished

PUBLISHED = dt.datetime(2025, 10, 19, 12, 0)


def _rows(text: str, lang: str) -> list[tuple[object, ...]]:
    found = final_incidents(extract_incidents(text, published_at=PUBLISHED, lang=lang))
    return [(r["oblast"], r["settlement"], r["injured"]) for r in found]


def _places(text: str) -> list[tuple[str | None, str | None]]:
    places = find_places(text)
    named = frozenset(p.code for p in places if p.code)  # the oblasts the text names
    return [(p.code, p.settlement) for p in (canonical_place(x, named) for x in places)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Через атаку БпЛА у Шахтарській громаді Синельниківського району постраждали 4 людей.",
         "uk"),
        ("В результате атаки дрона в Шахтерской общине Синельниковского района ранены 4 человека.",
         "ru"),
        ("A drone attack injured 4 people in the Shakhtarska hromada of the Synelnykove district.",
         "en"),
        ("Un atac cu drone a rănit 4 oameni în comunitatea Șahtarske din raionul Sinelnikove.",
         "ro"),
    ],
)  # fmt: skip
def test_hromada_with_its_raion_gives_the_raions_oblast(text: str, lang: str) -> None:
    # Dnipropetrovsk oblast (UA-12) from the raion; the hromada is no single settlement
    assert _rows(text, lang) == [("UA-12", None, 4)]


def test_bare_shared_hromada_is_not_placed_in_donetsk() -> None:
    text = "Через атаку БпЛА у Шахтарській громаді постраждали 4 людей."
    assert all(code != "UA-14" for code, _, _ in _rows(text, "uk"))


def test_foreign_capital_is_no_ukrainian_village() -> None:
    text = "Zelensky has landed in Berlin. A missile strike on Ternopil injured 2 people."
    assert ("UA-46", "Berlyn") not in _places(text)
    assert all(code != "UA-46" for code, _, _ in _rows(text, "en"))


def test_the_village_placed_by_its_oblast_is_still_found() -> None:
    # Controls: the KMU spelling, and the Cyrillic name with the village's oblast in the text.
    assert ("UA-46", "Berlyn") in _places("Shelling hit Berlyn in Lviv oblast overnight.")
    assert ("UA-46", "Berlyn") in _places("Уламки впали в селі Берлин Львівської області.")
    assert ("UA-46", "Berlyn") in _places("Обломки упали в селе Берлин Львовской области.")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Зеленський прибув до Берліна. Ракетний удар по Тернополю: двоє поранених.", "uk"),
        ("Зеленский прибыл в Берлин. Ракетный удар по Тернополю: двое раненых.", "ru"),
        ("Zelenski a ajuns la Berlin. Un atac cu rachete asupra Ternopilului: doi răniți.", "ro"),
    ],
)
def test_berlin_in_other_languages_is_no_lviv_village(text: str, lang: str) -> None:
    assert all(code != "UA-46" for code, _ in _places(text))
    assert all(code != "UA-46" for code, _, _ in _rows(text, lang))


def test_unit_and_slip_patterns_finish_on_long_repeats() -> None:
    # no time asserted: a deadline against hangs (each pattern is bounded; see hang.py)
    units = {
        "hromada words": "Шахтарській громаді Синельниківського ",
        "hromada of": "hromada of Shakhtarske in the ",
        "comunitatea": "comunitatea Șahtarske din ",
        "slips": "Kremenchk Kramatorks Pokrovks ",
    }
    assert finished(units, lang="uk") == list(units)
