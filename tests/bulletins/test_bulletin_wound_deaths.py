"""Deaths of wounded people: a later "died in hospital" moves a person from injured to killed
only when the earlier toll did not already count that death (the seed live-blog case)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents
from analytics.sources.bulletin import read_bulletins

SEED = Path(__file__).parents[1] / "fixtures" / "bulletins" / "seed"


def _final(text: str, when: str = "2025-05-20T06:10:00+03:00") -> list[dict[str, object]]:
    return final_incidents(extract_incidents(text, published_at=when))


@pytest.mark.parametrize("name", ["ro_live_died_in_hospital", "en_live_died_in_hospital"])
def test_seed_lead_already_counts_the_later_death(name: str) -> None:
    (bulletin,), _ = read_bulletins(SEED / f"{name}.txt")
    got = final_incidents(
        extract_incidents(bulletin.text, published_at=bulletin.published_at, url=bulletin.url)
    )
    labels = json.loads((SEED / f"{name}.expected.json").read_text(encoding="utf-8"))
    want = [{k: x[k] for k in ("oblast", "killed", "injured")} for x in labels["incidents"]]
    assert [{k: x[k] for k in ("oblast", "killed", "injured")} for x in got] == want
    assert want == [{"oblast": "UA-23", "killed": 1, "injured": 3}]  # the hand label


def test_death_not_told_before_moves_one_person() -> None:
    got = _final(
        "Three people were injured in a drone attack on the city of Kharkiv overnight.\n"
        "UPDATE 09:10: One of the wounded has died in hospital."
    )
    assert [(x["killed"], x["injured"]) for x in got] == [(1, 2)]


def test_restated_death_of_wounds_moves_nobody_twice() -> None:
    got = _final(
        "Three people were injured in a drone attack on the city of Kharkiv overnight.\n"
        "UPDATE 09:10: One of the wounded has died in hospital.\n"
        "UPDATE 11:30: The wounded man died in hospital, the governor said."
    )
    assert [(x["killed"], x["injured"]) for x in got] == [(1, 2)]


def test_another_death_of_wounds_moves_one_more() -> None:
    got = _final(
        "Four people were injured in a drone attack on the city of Kharkiv overnight.\n"
        "UPDATE 09:10: One of the wounded has died in hospital.\n"
        "UPDATE 11:30: Another of the wounded died in hospital."
    )
    assert [(x["killed"], x["injured"]) for x in got] == [(2, 2)]
