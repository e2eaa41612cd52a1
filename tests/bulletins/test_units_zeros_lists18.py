"""Round 18 (issue 11): a town of another raion than the hromada told, "people were not hurt",
a zero told after a count, and summary lists of places under fire.

Every text is invented for these tests.

- "по Васильковской громаде Синельниковского района ... Атака на Никополь": Nikopol lies in
  another raion, so it is another place, not the settlement of the hromada's toll.
- "Люди не пострадали", "Люди не постраждали", "People were not hurt", "Oamenii nu au fost
  răniți" is a zero toll.
- "In Nikopol a drone injured two people. In addition, a drone hit a car nearby. No one was
  hurt": the zero contradicts the count told before it in the same context, so it is another
  strike's and sets no zero (killed stays unknown, not 0).
- "16 авиаударов по Марганцу, Покрову, Червоногригоровке и Мировому" is a summary list
  (labelling rule 2): no incident. Control: damage told in one of them makes one.
- "есть попадания в Павлограде", "є влучання", "there were hits in", "au fost înregistrate
  lovituri la": a place named as hit, not air defence only. Control: downed drones alone.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.place_units import outside_unit
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

UNIT_THEN_TOWN = {
    "ru": "Ночью враг ударил дроном по Васильковской громаде Синельниковского района "
    "Днепропетровской области. Пострадала 67-летняя женщина. Загорелся частный дом.\n"
    "Атака на Никополь\nВраг попал по Никополю FPV-дроном. Люди не пострадали.",
    "uk": "Вночі ворог атакував дроном Васильківську громаду Синельниківського району "
    "Дніпропетровської області. Постраждала 67-річна жінка. Загорівся приватний будинок.\n"
    "Атака на Нікополь\nВорог поцілив по Нікополю FPV-дроном. Люди не постраждали.",
    "en": "Overnight a Russian drone struck the Vasylkivka hromada of Synelnykove district in "
    "Dnipropetrovsk region. A 67-year-old woman was injured. A private house caught fire.\n"
    "Attack on Nikopol\nRussian forces hit Nikopol with an FPV drone. People were not hurt.",
    "ro": "Noaptea, o dronă rusească a lovit comunitatea Vasîlkivka din raionul Sinelnikove, "
    "regiunea Dnipropetrovsk. O femeie de 67 de ani a fost rănită. O casă a luat foc.\n"
    "Atac asupra orașului Nikopol\nRușii au lovit Nikopol cu o dronă FPV. Oamenii nu au fost "
    "răniți.",
}


@pytest.mark.parametrize("lang", list(UNIT_THEN_TOWN))
def test_a_town_of_another_raion_is_not_the_hromadas_place(lang: str) -> None:
    got = rows(UNIT_THEN_TOWN[lang], lang)
    assert len(got) == 2
    hromada, town = got
    assert hromada[0] == "UA-12" and hromada[1] != "Nikopol" and hromada[2:] == (None, 1)
    assert town == ("UA-12", "Nikopol", 0, 0)


def test_outside_unit_needs_a_known_raion() -> None:
    assert outside_unit("Synelnykivskyi", "Nikopol", "UA-12")
    assert not outside_unit("Nikopolskyi", "Nikopol", "UA-12")
    assert not outside_unit("Synelnykivskyi", "Nowhere-on-map", "UA-12")
    assert not outside_unit(None, "Nikopol", "UA-12")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Дрон влучив у приватний будинок у Нікополі. Люди не постраждали.", "uk"),
        ("Дрон попал в частный дом в Никополе. Люди не пострадали.", "ru"),
        ("A drone hit a private house in Nikopol. People were not hurt.", "en"),
        ("O dronă a lovit o casă din Nikopol. Oamenii nu au fost răniți.", "ro"),
    ],
)
def test_people_not_hurt_is_a_zero_toll(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-12", "Nikopol", 0, 0)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "In Nikopol a Russian drone injured two people. In addition, a drone hit a car "
            "nearby. No one was hurt.",
            "en",
        ),
        (
            "У Нікополі російський дрон поранив двох людей. Крім того, дрон атакував "
            "автомобіль поблизу. Люди не постраждали.",
            "uk",
        ),
        (
            "В Никополе российский дрон ранил двух человек. Кроме того, дрон атаковал "
            "автомобиль неподалеку. Люди не пострадали.",
            "ru",
        ),
        (
            "La Nikopol, o dronă rusească a rănit două persoane. De asemenea, o dronă a lovit "
            "o mașină în apropiere. Nimeni nu a fost rănit.",
            "ro",
        ),
    ],
)
def test_a_zero_after_a_count_sets_no_zero(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-12", "Nikopol", None, 2)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Российская армия нанесла 16 авиационных ударов по Марганцу, Покрову, "
            "Червоногригоровке и Мировому Днепропетровской области.",
            "ru",
        ),
        (
            "Російська армія завдала 16 авіаударів по Марганцю, Покрову, Червоногригорівці та "
            "Мировому на Дніпропетровщині.",
            "uk",
        ),
        (
            "Armata rusă a lansat 16 atacuri aeriene asupra localităților Marhaneț, Pokrov, "
            "Cervonohrihorivka și Mirove din regiunea Dnipropetrovsk.",
            "ro",
        ),
    ],
)
def test_a_summary_list_of_places_is_no_incident(text: str, lang: str) -> None:
    assert rows(text, lang) == []


def test_a_summary_list_in_english_itemises_no_settlement() -> None:
    text = (
        "Russian forces launched 16 air strikes on Marhanets, Pokrov, Chervonohryhorivka and "
        "Myrove in Dnipropetrovsk region."
    )
    assert all(r[1] is None for r in rows(text, "en"))


def test_control_damage_in_a_listed_place_is_an_incident() -> None:
    text = (
        "Российская армия нанесла 16 авиационных ударов по Марганцу, Покрову, "
        "Червоногригоровке и Мировому Днепропетровской области. В Марганце повреждены дома."
    )
    assert rows(text, "ru") == [("UA-12", "Marhanets", None, None)]


def test_list_and_zero_rules_finish_on_long_text() -> None:
    units = {
        "names after a place": "по Марганцу, Покрову, Мировому, ",
        "capitals": "Марганцу, И ",
        "zeros": "Люди не пострадали. В Никополе ранены двое. ",
        "hits": "есть есть попадания были ",
    }
    assert finished(units, lang="ru") == list(units)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Силами ПВО над Днепропетровской областью были сбиты 13 дронов, но есть попадания "
            "в Павлограде.",
            "ru",
        ),
        (
            "Сили ППО над Дніпропетровською областю збили 13 дронів, але є влучання в Павлограді.",
            "uk",
        ),
        (
            "Air defence shot down 13 drones over Dnipropetrovsk region, but there were hits in "
            "Pavlohrad.",
            "en",
        ),
        (
            "Apărarea antiaeriană a doborât 13 drone în regiunea Dnipropetrovsk, dar au fost "
            "înregistrate lovituri la Pavlohrad.",
            "ro",
        ),
    ],
)
def test_hits_told_as_a_noun_name_the_place_as_hit(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-12", "Pavlohrad", None, None)]


def test_control_air_defence_with_no_hit_is_no_incident() -> None:
    text = "Силами ПВО над Днепропетровской областью были сбиты 13 дронов."
    assert rows(text, "ru") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Силами ПВО были сбиты 13 дронов. Не было попаданий в Павлограде.", "ru"),
        ("Сили ППО збили 13 дронів. Не було влучань у Павлограді.", "uk"),
        ("Air defence shot down 13 drones. There were no hits in Pavlohrad.", "en"),
        ("Apărarea antiaeriană a doborât 13 drone. Nu au fost lovituri la Pavlohrad.", "ro"),
    ],
)
def test_control_negated_hits_are_no_incident(text: str, lang: str) -> None:
    # the same sentences as above, negated: air defence only, no place hit
    assert rows(text, lang) == []


def test_a_killed_count_then_no_one_injured_keeps_the_injured_zero() -> None:
    # no contradiction: two killed and nobody injured is one consistent toll
    text = "In Nikopol a Russian drone killed two people. No one was injured."
    assert rows(text, "en") == [("UA-12", "Nikopol", 2, 0)]
