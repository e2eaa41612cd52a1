"""Place rules of round 5 (issue 11): each on text written for it, plus the never-guess property."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.bulletins.places import Place, canonical_place, find_places
from analytics.reference.foreign import is_foreign
from analytics.reference.settlements import (
    CITY_CATEGORIES,
    lookup,
    resolve_settlement,
    settlement_table,
)


def _resolved(text: str, oblasts: frozenset[str] = frozenset()) -> list[tuple[str | None, ...]]:
    return [
        (p.code, p.settlement) for p in (canonical_place(x, oblasts) for x in find_places(text))
    ]


def test_kyiv_by_its_code_names_the_city() -> None:
    # UA-30 is the city itself: a bare mention is the settlement too, in any language.
    assert ("UA-30", "Kyiv") in _resolved("Сегодня Киев пережил массированную атаку.")
    assert ("UA-30", "Kyiv") in _resolved("Dronele au lovit Kievul în timpul nopții.")
    # ... but the region's administration is the oblast, with no settlement
    assert _resolved("Kyiv Regional Military Administration said") == [("UA-32", None)]


def test_unit_adjective_after_a_village_is_split_off_and_its_raion_decides() -> None:
    # Дар'ївка is a village of three oblasts; the raion after it names one (Kherson's).
    places = find_places("Загинув житель села Дар'ївка Херсонського району.")
    village = next(p for p in places if p.settlement)
    assert (village.settlement, village.raion) == ("Дар'ївка", "Херсонського")
    assert canonical_place(village, frozenset()).code == "UA-65"
    # without the raion the same village is not placed: never guessed
    bare = canonical_place(Place(None, "Дар'ївка", "Дар'ївка"), frozenset())
    assert bare.code is None
    # a hromada adjective is dropped from the name but is no raion
    hromada = find_places("Поранено жінку у с. Вільхуватка Нововодолазької громади.")
    assert [(p.settlement, p.raion) for p in hromada if p.settlement] == [("Вільхуватка", None)]
    # an oblast adjective after a town no longer hides the town
    assert ("UA-48", "Ochakiv") in _resolved("Враг атаковал г. Очаков Николаевской области.")


def test_hromada_adjective_is_not_the_town_of_that_name() -> None:
    # "Покровской" is no case form of Pokrovsk (Donetsk): hromadas of that name are many.
    text = "Противник бил по Покровской, Славянской и Межевской громадах."
    assert all(p.code != "UA-14" for p in find_places(text))


def test_a_longer_gazetteer_name_around_a_city_wins() -> None:
    assert ("UA-63", "Kupiansk-Vuzlovyi") in _resolved(
        "У сел. Куп'янськ-Вузловий поранено чоловіка."
    )
    assert ("UA-63", "Cherkaska Lozova") in _resolved("Atacul a vizat satul Cherkaska Lozova.")
    # the city alone stays the city
    assert ("UA-63", "Kupiansk") in _resolved("У Куп'янську поранено чоловіка.")


def test_raion_named_by_its_adjective_alone_after_another_raion() -> None:
    text = "У Куп'янському районі пошкоджено будинок, в Ізюмському - автомобіль."
    assert _resolved(text) == [("UA-63", None), ("UA-63", None)]
    # with no raion before it, the same form is read as a place ("в Ізюмському" alone)
    assert all(p.code is None or p.settlement for p in find_places("Вибух в Ізюмському."))


def test_a_village_is_not_a_town_of_another_oblast_by_its_consonants() -> None:
    # Залужне (not in Kharkiv oblast's codifier) shares consonants with the town Zalizne of
    # Donetsk oblast; a Kharkiv text does not make it that town.
    place = canonical_place(Place(None, "Залужне", "Залужне"), frozenset({"UA-63"}))
    assert place.code != "UA-14" and place.settlement != "Zalizne"
    # a dropped letter is still a slip of the same name: "Покровское" for Pokrovske
    assert canonical_place(Place(None, "Рубежное", "Рубежное"), frozenset({"UA-63"})).code == (
        "UA-63"
    )


def test_name_as_written_before_guessed_nominatives() -> None:
    # "Борова" is itself a town of Kharkiv oblast; "Борове" (its guessed nominative) is not
    found = resolve_settlement("Борова", oblasts={"UA-63"})
    assert found is not None and found.latin == "Borova"


def test_romanian_forms() -> None:
    assert _resolved("Un atac asupra regiunii Odesa a rănit șase oameni.") == [("UA-51", None)]
    assert ("UA-63", "Kharkiv") in _resolved("Au fost lovite zone rezidențiale din Harkiv.")
    izmail = _resolved("Administrația districtului Izmail a raportat un incendiu.")
    assert izmail == [("UA-51", None)]
    assert ("UA-32", "Bila Tserkva") in _resolved(
        "Un atac a lovit comunitatea Bila Țerkva.", frozenset({"UA-32"})
    )


@cache
def _shared_names() -> list[str]:
    """Village names held in two or more oblasts, none of the holders a city and none the name
    of a foreign place (those are never placed from the name alone, by
    :mod:`analytics.reference.foreign`; sorted)."""
    holders: dict[str, set[str]] = defaultdict(set)
    cities: set[str] = set()
    for s in settlement_table():
        if s.category == "P":
            continue
        holders[s.name].add(s.oblast)
        if s.category in CITY_CATEGORIES:
            cities.add(s.name)
    shared = (n for n, obl in holders.items() if len(obl) > 1 and n not in cities)
    return sorted(n for n in shared if not is_foreign(n))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_never_guess_a_name_shared_by_several_oblasts(data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(_shared_names()))
    oblasts = sorted({s.oblast for s in lookup(name) if s.name == name})
    assert resolve_settlement(name) is None
    one = data.draw(st.sampled_from(oblasts))
    found = resolve_settlement(name, oblasts={one})
    assert found is not None and found.oblast == one and found.name == name
    # through a bulletin: the village alone is not placed, with its oblast named it is
    place = Place(None, name, name)
    assert canonical_place(place, frozenset()).code is None
    assert canonical_place(place, frozenset({one})).code == one


def test_a_holder_spelled_as_written_beats_one_sharing_its_key() -> None:
    """Two villages of one oblast whose names differ by a soft sign share a Latin key: the one
    spelled as written is the one meant (found by the never-guess property above)."""
    held = {(s.name, s.oblast) for s in settlement_table()}
    cases = sorted(
        (name, oblast) for name, oblast in held
        if "ь" in name and (name.replace("ь", ""), oblast) in held
    )  # fmt: skip
    assert cases, "the gazetteer holds such pairs"
    for soft, oblast in cases[:40]:
        found = resolve_settlement(soft, oblasts={oblast})
        assert found is not None and found.name == soft
        hard = resolve_settlement(soft.replace("ь", ""), oblasts={oblast})
        assert hard is not None and hard.name == soft.replace("ь", "")
