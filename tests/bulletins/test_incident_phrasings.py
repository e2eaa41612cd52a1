"""Strike wordings and place units of round 10 (issue 11), each on text written for it.

Every text here is invented for the test, in the phrasing real reports use; the expected
values are read off the text by hand (the toll it states, the oblast its place lies in
according to KATOTTG).
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.places import canonical_place, find_places

#: A Sunday morning, Kyiv summer time is not in force in March: 10:00 Kyiv.
PUBLISHED = dt.datetime(2025, 3, 16, 8, 0)


def _one(text: str, lang: str) -> tuple[object, ...]:
    df = extract_incidents(text, published_at=PUBLISHED, lang=lang)
    acc = df.filter(df["quarantine_reason"].is_null())
    assert acc["incident_id"].n_unique() == 1, df
    row = acc.row(-1, named=True)
    return row["oblast_code"], row["settlement"], row["killed"], row["injured"]


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        # fire a place "came under": no strike word of the lexicon
        ("en", "The town of Nikopol came under fire overnight. Two people were injured.",
         ("UA-12", "Nikopol", None, 2)),
        ("en", "Kherson came under heavy Russian fire on Saturday, wounding a woman.",
         ("UA-65", "Kherson", None, 1)),
        ("uk", "Марганець потрапив під ворожий вогонь, поранено чоловіка.",
         ("UA-12", "Marhanets", None, 1)),
        ("ru", "Херсон снова накрыли, погибла женщина, ранены двое.",
         ("UA-65", "Kherson", 1, 2)),
        ("ro", "Orașul Herson a fost din nou sub focul artileriei: un bărbat a fost rănit.",
         ("UA-65", "Kherson", None, 1)),
    ],
)  # fmt: skip
def test_fire_a_place_came_under_is_a_strike(lang: str, text: str, want: tuple[object]) -> None:
    assert _one(text, lang) == want


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        # a hromada named by its adjective: the oblast of its centre, no settlement
        ("uk", "У Марганецькій громаді внаслідок атаки FPV-дрона поранено чоловіка.",
         ("UA-12", None, None, 1)),
        ("ru", "Никопольская громада попала под обстрел, ранен мужчина.",
         ("UA-12", None, None, 1)),
        ("en", "Russian drones attacked the Marhanets hromada, injuring two people.",
         ("UA-12", None, None, 2)),
        # the area of a raion centre ("-щина") and a raion in the Ukrainian genitive
        ("uk", "Ворог атакував Нікопольщину: поранено двох людей.", ("UA-12", None, None, 2)),
        ("ru", "Обстрел Никопольщины: ранена 70-летняя женщина.", ("UA-12", None, None, 1)),
        ("uk", "Внаслідок обстрілу Нікопольського району загинула жінка.",
         ("UA-12", None, 1, None)),
    ],
)  # fmt: skip
def test_hromada_and_raion_area_give_the_oblast(lang: str, text: str, want: tuple[object]) -> None:
    assert _one(text, lang) == want


def test_a_hromada_adjective_of_several_oblasts_is_not_placed() -> None:
    # "Покровська": the hromada of Pokrov (Dnipropetrovsk) or of Pokrovsk (Donetsk)
    assert [p.code for p in find_places("У Покровській громаді поранено чоловіка.")] == []


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Удар пришелся по Великому Бурлуку, поврежден дом.", ("UA-63", "Velykyi Burluk")),
        ("Ракета влучила у Велику Новосілку.", ("UA-14", "Velyka Novosilka")),
        ("A drone strike on Velykyi Burluk damaged a house.", ("UA-63", "Velykyi Burluk")),
    ],
)
def test_two_word_names_in_oblique_cases_and_after_a_strike_word(
    text: str, want: tuple[str, str]
) -> None:
    places = [canonical_place(p, frozenset()) for p in find_places(text)]
    assert [(p.code, p.settlement) for p in places if p.settlement] == [want]


def test_a_village_named_with_its_hromada_keeps_the_village() -> None:
    # "Лиманской громады" only qualifies the village Ямпіль; the text's oblast is Donetsk
    places = [canonical_place(p, frozenset({"UA-14"})) for p in find_places(
        "В Ямполе Лиманской громады ранен человек.")]  # fmt: skip
    assert ("UA-14", "Yampil") in [(p.code, p.settlement) for p in places]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Ночью в Одессе раздались звуки взрывов. В городе работала ПВО."),
        ("uk", "Повітряні сили попередили, що з Чернігівщини на Київщину летить ворожий дрон."),
        ("en", "Explosions were heard in Dnipro overnight as air defence engaged drones."),
        ("ro", "O dronă rusească se îndreaptă spre Odesa, avertizează armata."),
    ],
)
def test_explosions_heard_or_a_drone_on_its_way_are_no_incident(lang: str, text: str) -> None:
    df = extract_incidents(text, published_at=PUBLISHED, lang=lang)
    assert df.filter(df["quarantine_reason"].is_null()).height == 0


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        ("uk", "У Харкові пролунали вибухи: дрон влучив у будинок, поранено двох людей.",
         ("UA-63", "Kharkiv", None, 2)),
        ("en", "Explosions were heard in Odesa as a missile hit the port, killing one.",
         ("UA-51", "Odesa", 1, None)),
    ],
)  # fmt: skip
def test_explosions_heard_with_a_hit_stay_an_incident(
    lang: str, text: str, want: tuple[object]
) -> None:
    assert _one(text, lang) == want


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        # the attacker as the subject of "hit"
        ("en", "Russia hit an energy facility in Odesa Oblast overnight, causing a fire. "
         "No casualties were reported.", ("UA-51", None, 0, 0)),
        # a village after "на", in a Russian press form ("е" for the Ukrainian "і")
        ("ru", "В результате атаки беспилотника на Белозерку Херсонской области ранен мужчина.",
         ("UA-65", "Bilozerka", None, 1)),
        # a list of hromadas names no single settlement
        ("en", "The enemy shelled the Nikopol district with heavy artillery. Nikopol, Marhanets "
         "and Pokrov hromadas came under fire. A 60-year-old man was injured.",
         ("UA-12", None, None, 1)),
    ],
)  # fmt: skip
def test_attacker_hit_russian_e_forms_and_hromada_lists(
    lang: str, text: str, want: tuple[object]
) -> None:
    assert _one(text, lang) == want


def test_a_village_held_only_in_other_oblasts_is_written_in_kmu_latin_with_no_oblast() -> None:
    # KATOTTG holds Залужне in four oblasts, none of them Kharkiv: no oblast is guessed for
    # it, but its name is written as every holder spells it, Zaluzhne
    place = canonical_place(find_places("У селі Залужне пошкоджено будинок.")[0],
                            frozenset({"UA-63"}))  # fmt: skip
    assert (place.code, place.settlement) == (None, "Zaluzhne")
    # the update's single oblast is then the context's (inherit_oblast)
    text = "Харківщина. Унаслідок обстрілу у селі Залужне пошкоджено приватний будинок."
    assert _one(text, "uk")[:2] == ("UA-63", "Zaluzhne")


def _tolls(text: str, lang: str) -> list[tuple[object, ...]]:
    from_frame = extract_incidents(text, published_at=PUBLISHED, lang=lang)
    acc = from_frame.filter(from_frame["quarantine_reason"].is_null())
    last = acc.group_by("incident_id", maintain_order=True).last()
    return [(r["oblast_code"], r["killed"], r["injured"]) for r in last.iter_rows(named=True)]


@pytest.mark.parametrize(
    ("lang", "text", "want"),
    [
        # two raions, each with its own toll: two incidents
        ("uk", "Дніпропетровщина. Ворог атакував область 20 разів. У Нікопольському районі "
         "загинула жінка. У Синельниківському районі поранено трьох людей.",
         [("UA-12", 1, None), ("UA-12", None, 3)]),
        ("ru", "В Никопольском районе в результате обстрела ранены двое. В Синельниковском "
         "районе от удара дрона погиб мужчина.",
         [("UA-12", None, 2), ("UA-12", 1, None)]),
        # a hromada of the raion just told is the same place, told more precisely
        ("uk", "Ворог атакував Нікопольщину дронами, загинула людина. Унаслідок обстрілу у "
         "Марганецькій громаді загинула жінка.", [("UA-12", 1, None)]),
        ("en", "In the Nikopol district, two people were injured by Russian shelling. In the "
         "Synelnykove district, a drone attack killed a man.",
         [("UA-12", None, 2), ("UA-12", 1, None)]),
        # a raion named after the oblast's toll with none of its own says where it was
        ("uk", "Унаслідок атаки на Запорізьку область поранено двох людей. Ворог атакував "
         "Пологівський район дронами.", [("UA-23", None, 2)]),
    ],
)  # fmt: skip
def test_raions_and_hromadas_of_one_oblast_are_places_of_their_own(
    lang: str, text: str, want: list[tuple[object, ...]]
) -> None:
    assert _tolls(text, lang) == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # an English possessive: the city, and its district is no raion
        ("The Russian military struck a residential area in Kharkiv's Kyivskyi district with "
         "guided bombs, injuring 7.", ("UA-63", "Kharkiv", None, 7)),
        ("Russian shelling killed two civilians in Kherson oblast's Bilozerka on Monday.",
         ("UA-65", "Bilozerka", 2, None)),
    ],
)  # fmt: skip
def test_english_possessives_name_the_city_and_the_village(
    text: str, want: tuple[object, ...]
) -> None:
    assert _one(text, "en") == want


def test_a_units_own_toll_after_a_city_is_an_incident_of_its_own() -> None:
    # the city's toll, then a raion's: two places (a raion holds the city's toll no more
    # than the city holds the raion's)
    text = ("Російські війська вдарили по Запоріжжю, поранено сімох людей. Унаслідок атаки на "
            "Пологівський район загинув чоловік.")  # fmt: skip
    assert sorted(_tolls(text, "uk"), key=str) == [("UA-23", 1, None), ("UA-23", None, 7)]
    # damage in a raion with no toll of its own revises nothing and is no incident
    text = ("Російські війська вдарили по Запоріжжю, поранено сімох людей. У Пологівському "
            "районі пошкоджено будинок.")  # fmt: skip
    assert _tolls(text, "uk") == [("UA-23", None, 7)]
