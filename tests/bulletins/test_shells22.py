"""Round 22 (issue 11): artillery shells counted by number name the weapon in every language.

Every text is invented for these tests. "20 снарядів по Херсону" already named artillery and
made the place an incident (labelling rule 3: "20 shells on Kherson"); the English "fired 20
shells at Kherson" and the Romanian "au tras 20 de obuze asupra" named no weapon, so the place
struck with no toll made no incident in English and Romanian. Controls: "shells" as a verb
("Russia shells Kherson") and generic shelling stay without a weapon (labelling rule: a
generic word gives null), and a "Shell" station is no weapon.

Shells counted on a place ("Oraşul Herson a fost lovit cu 28 de obuze") are a hit there
(``shells22``): after an oblast's past-day toll the city is an incident of its own with no
toll, not the place of the oblast's toll (dev ro_92).
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents
from analytics.bulletins.shells22 import shells_counted
from tests.bulletins.hang import finished

MORNING = dt.datetime(2025, 10, 28, 9, 0, tzinfo=dt.UTC)


def _incidents(text: str, lang: str) -> list[tuple[object, ...]]:
    df = extract_incidents(text, published_at=MORNING, lang=lang)
    return [
        (d["oblast"], d["settlement"], d["killed"], d["injured"], d["strike_type"])
        for d in final_incidents(df)
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Russian troops fired 20 shells at Kherson."),
        ("en", "The Russians fired dozens of shells at Kherson."),
        ("en", "Russian tank shells hit Kherson."),
        ("ro", "Rușii au tras 20 de obuze asupra orașului Herson."),
        ("uk", "Росіяни випустили 20 снарядів по Херсону."),
        ("ru", "Россияне выпустили 20 снарядов по Херсону."),
    ],
)
def test_shells_fired_at_a_city_are_an_artillery_incident(lang: str, text: str) -> None:
    assert _incidents(text, lang) == [("UA-65", "Kherson", None, None, "artillery")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Over the past day, October 27, Russian troops fired 20 shells at Kherson."),
        ("ro", "În ultima zi, 27 octombrie, rușii au tras 20 de obuze asupra orașului Herson."),
    ],
)
def test_a_dated_past_day_of_shells_is_that_day(lang: str, text: str) -> None:
    df = extract_incidents(text, published_at=MORNING, lang=lang)
    assert [(d["settlement"], d["date"]) for d in final_incidents(df)] == [
        ("Kherson", "2025-10-27")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Russia shells Kherson, killing two.",  # "shells" the verb: generic shelling
        "Russian shelling of Kherson killed two people.",
        "A drone hit the Shell station in Kherson, killing two people.",  # drone, not shells
    ],
)
def test_shelling_and_shell_stations_name_no_artillery(text: str) -> None:
    (row,) = _incidents(text, "en")
    assert row[:3] == ("UA-65", "Kherson", 2)
    assert row[4] != "artillery"


def test_shells_pattern_finishes_on_long_text() -> None:
    units = {"shells": "20 shells ", "of shells": "of shells of ", "obuze": "obuze ", "digits": "7"}
    assert finished(units, lang="en", prefix="28 shells at Kherson. ") == list(units)


PAST_DAY_AND_CITY = {
    "en": "Over the past day, Russian troops attacked the Kherson region 103 times, injuring six "
    "people. The city of Kherson was hit by 28 shells.",
    "ro": "În ultimele 24 de ore, trupele ruse au atacat regiunea Herson de 103 ori, iar șase "
    "persoane au fost rănite. Orașul Herson a fost lovit cu 28 de obuze.",
    "uk": "За минулу добу російські війська 103 рази атакували Херсонщину, поранено шестеро "
    "людей. По Херсону ворог випустив 28 снарядів.",
    "ru": "За прошедшие сутки российские войска 103 раза атаковали Херсонскую область, ранены "
    "шесть человек. По Херсону враг выпустил 28 снарядов.",
}


@pytest.mark.parametrize("lang", sorted(PAST_DAY_AND_CITY))
def test_a_city_struck_with_shells_is_not_the_place_of_the_oblast_day(lang: str) -> None:
    # the six are the oblast's day; Kherson's 28 shells are Kherson's own report, no toll
    assert sorted(_incidents(PAST_DAY_AND_CITY[lang], lang), key=lambda r: str(r[1])) == [
        ("UA-65", "Kherson", None, None, "artillery"),
        ("UA-65", None, None, 6, None),
    ]


@pytest.mark.parametrize(
    ("folded", "counted"),
    [
        ("orasul herson a fost lovit cu 28 de obuze.", True),
        ("по херсону ворог випустив 28 снарядів.", True),
        ("the city was hit by 12 artillery shells.", True),
        ("russia launched 50 drones and 3 missiles at the region.", False),  # often shot down
        ("a shell hit a house.", False),  # no count: left to the strike rules
        ("the 2nd shells report", False),
        ("20 min later", False),
    ],
)
def test_shells_counted(folded: str, counted: bool) -> None:
    assert shells_counted(folded) is counted
