"""Hromadas named with their raion, and foreign places that a Ukrainian village's name shares."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from analytics.reference.foreign import foreign_names, is_foreign
from analytics.reference.namekeys import lat_key
from analytics.reference.oblasts import find_oblasts
from analytics.reference.settlements import (
    CITY_CATEGORIES,
    Settlement,
    lookup,
    resolve_hromada,
    resolve_raion,
    resolve_settlement,
    settlement_table,
)
from analytics.reference.slips import name_key
from analytics.reference.units import hromadas_in_raions, raion_of


class _Claims:
    """A plain list of claimed spans (the bulletin stage's SpanSet does the same, faster)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.spans)

    def add(self, start: int, end: int) -> None:
        self.spans.append((start, end))


def _units(text: str) -> list[tuple[str, str]]:
    return [(u.code, u.unit) for u in hromadas_in_raions(text, _Claims())]


# Shakhtarska hromada: centres named Shakhtarske (Synelnykivskyi raion, Dnipropetrovsk) and
# Shakhtarsk (Horlivskyi raion, Donetsk) share the adjective, so the bare name stays None.
SHAKHTARSKE = ("UA-12", "Synelnykivskyi/Shakhtarske")


@pytest.mark.parametrize(
    "text",
    [
        "Через атаку БпЛА у Шахтарській громаді Синельниківського району постраждали троє.",
        "В Шахтерской общине Синельниковского района ранены двое.",
        "В Шахтерской общине, что в Синельниковском районе, пострадал мужчина.",
        "Two people were hurt in the Shakhtarska hromada of the Synelnykove district.",
        "A drone hit the hromada of Shakhtarske in the Synelnykivskyi raion.",
        "Un bărbat a fost rănit în comunitatea Șahtarske din raionul Sinelnikove.",
    ],
)
def test_hromada_named_with_its_raion_resolves_within_it(text: str) -> None:
    assert _units(text) == [SHAKHTARSKE]


@pytest.mark.parametrize(
    "text",
    [
        "У Шахтарській громаді постраждали троє.",  # no raion: two oblasts hold the name
        "У Шахтарській громаді Покровського району постраждали троє.",  # no such centre there
        "Two were hurt in the Shakhtarska hromada of the Kupiansk district.",
    ],
)
def test_hromada_without_a_raion_holding_it_is_not_placed(text: str) -> None:
    assert _units(text) == []
    assert resolve_hromada("Шахтарській") is None


def test_raion_by_adjective_or_by_its_centre_in_latin() -> None:
    want = resolve_raion("Синельниківський")
    assert want is not None and want.oblast == "UA-12"
    for name in ("Синельниківського", "Синельниковском", "Synelnykove", "Sinelnikove"):
        assert raion_of(name) == want
    assert raion_of("Іванівка") is None  # a village, and a name of many oblasts


def test_hromada_with_raion_row_picks_that_raions_centre_only() -> None:
    raion = raion_of("Синельниківського")
    centre = resolve_hromada("Шахтарська", raion=raion)
    assert centre is not None
    assert (centre.name, centre.raion, centre.oblast) == ("Шахтарське", "Синельниківський", "UA-12")
    other = raion_of("Горлівського")
    found = resolve_hromada("Шахтарська", raion=other)
    assert found is not None and (found.name, found.oblast) == ("Шахтарськ", "UA-14")


def test_claimed_text_is_left_alone() -> None:
    claims = _Claims()
    text = "у Шахтарській громаді Синельниківського району"
    claims.add(0, len(text))
    assert hromadas_in_raions(text, claims) == []


def test_foreign_table_rule_holds_for_every_row() -> None:
    """Each row's key is a village's and no Ukrainian town's (the builder's selection rule)."""
    text = (files("analytics.reference") / "data" / "foreign_places.csv").read_text("utf-8")
    lines = text.splitlines()
    rows = list(csv.DictReader(lines))
    assert lines[0] == "name,country,kind" and 0 < len(rows) < 200
    assert all(r["country"] != "UA" for r in rows)

    def keys(s: Settlement) -> set[str]:
        return {lat_key(s.latin), name_key(s.name), name_key(s.russian)}

    towns = {k for s in settlement_table() if s.category in "MKT" for k in keys(s)}
    villages = {k for s in settlement_table() if s.category in "XC" for k in keys(s)}
    for r in rows:
        assert name_key(r["name"]) in villages and name_key(r["name"]) not in towns
    assert "berlin" in foreign_names()


def test_foreign_name_is_no_village_unless_the_text_places_it() -> None:
    assert is_foreign("Berlin") and not is_foreign("Berlyn")
    assert lookup("Berlin") == ()
    assert resolve_settlement("Berlin") is None
    assert resolve_settlement("Berlin", oblasts={"UA-61"}) is None  # another oblast
    village = resolve_settlement("Berlin", oblasts={"UA-46"})
    assert village is not None and village.latin == "Berlyn"
    assert resolve_settlement("Berlin", raion="Zolochivskyi") == village
    # the KMU spelling is the village as before; the Cyrillic name is also Russian "Berlin"
    # (and Ukrainian "у Берліні"), so it too needs the oblast or raion
    assert resolve_settlement("Berlyn") == village
    assert resolve_settlement("Берлин") is None and resolve_settlement("у Берліні") is None
    assert resolve_settlement("Берлине", oblasts={"UA-46"}) == village


def test_foreign_names_never_shadow_a_ukrainian_town() -> None:
    for s in settlement_table():
        if s.category in CITY_CATEGORIES or s.category == "T":
            assert not is_foreign(s.latin), s


@pytest.mark.parametrize(
    "text",
    [
        "Потерпали райцентр і Покровська громада.",  # Pokrov (UA-12) or Pokrovsk (UA-14)
        "Атакована Покровская община.",
        "Drones hit the Pokrovsk hromada.",  # a hromada (the unit finder places it), no city
    ],
)
def test_city_form_before_a_hromada_noun_is_no_city_mention(text: str) -> None:
    assert find_oblasts(text) == []


def test_city_forms_without_a_hromada_noun_still_match() -> None:
    # controls: the genitive "Покровська" and the locative "Покровську" are the city
    assert [m.code for m in find_oblasts("Удар по центру Покровська.")] == ["UA-14"]
    assert [m.code for m in find_oblasts("У Покровську пошкоджено будинок.")] == ["UA-14"]
