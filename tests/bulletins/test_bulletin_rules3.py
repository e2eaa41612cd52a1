"""Rules of the third tuning round on the real development corpus (issue 11).

Every text is written for the test; expected values are read off the text by hand.
"""

from __future__ import annotations

import datetime as dt

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.places import Place, canonical_place, find_places
from analytics.bulletins.scoring import final_incidents
from analytics.bulletins.updates import split_sentences


def _final(text: str, when: str = "2025-10-09T12:00:00+03:00") -> list[dict[str, object]]:
    df = extract_incidents(text, published_at=dt.datetime.fromisoformat(when))
    return sorted(final_incidents(df), key=lambda r: str(r["settlement"]))


def test_bracketed_settlements_close_their_clauses() -> None:
    t = "Пошкоджено три будинки (с. Іванівка), магазин (сел. Мала Данилівка), авто (Kharkiv), x."
    assert [t[a:b] for a, b in split_sentences(t)] == [
        "Пошкоджено три будинки (с. Іванівка),",
        "магазин (сел. Мала Данилівка),",
        "авто (Kharkiv), x.",
    ]


def test_selyshche_abbreviation_marks_a_settlement() -> None:
    places = find_places("У сел. Солоницівка постраждала жінка.")
    assert [p.settlement for p in places] == ["Солоницівка"]


def test_damage_list_gives_one_incident_per_bracketed_village() -> None:
    text = (
        "Ворог атакував Харківщину дронами. У Харківському районі пошкоджено 5 приватних "
        "будинків (с. Черкаська Лозова), гараж (с. Вільхуватка), лінію електропередачі "
        "(сел. Прудянка)."
    )
    rows = _final(text)
    assert [r["settlement"] for r in rows] == ["Cherkaska Lozova", "Prudianka", "Vilkhuvatka"]
    assert {r["oblast"] for r in rows} == {"UA-63"}
    assert all(r["killed"] is None and r["injured"] is None for r in rows)


def test_russian_city_name_found_inside_a_sentence() -> None:
    rows = _final(
        "На Донетчине за сутки в результате обстрелов в Константиновке погибли 2 человека."
    )
    assert [(r["oblast"], r["settlement"], r["killed"]) for r in rows] == [
        ("UA-14", "Kostiantynivka", 2)
    ]


def test_romanian_articled_city_name() -> None:
    assert [p.code for p in find_places("Atacul asupra Kievul a durat toată noaptea")] == ["UA-30"]


def test_the_texts_oblast_decides_between_a_city_elsewhere_and_its_namesake() -> None:
    # Rubizhne is a city of Luhansk oblast and a village of Kharkiv oblast.
    place = canonical_place(Place(None, "Рубежное", "Рубежное"), frozenset({"UA-63"}))
    assert (place.code, place.settlement) == ("UA-63", "Rubizhne")
    alone = canonical_place(Place(None, "Рубежное", "Рубежное"), frozenset())
    assert (alone.code, alone.settlement) == ("UA-09", "Rubizhne")
