"""Round 18 (issue 11): bullet-list roundups, one incident per bullet with its own toll.

Every text is invented for these tests. "• Корюківка: ... травмовано жінку. • Новгород-
Сіверський: ... Постраждалих немає": each item's head (a settlement in the nominative, no
preposition) is the place of the item's toll. Control: a speaker's "Name:" with no bullet
names no place.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.bullets import bullet_head
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

BULLETS = {
    "uk": "Ворожі дрони атакували Чернігівщину.\n• Корюківка: через влучання дрона загорівся "
    "ангар, травмовано жінку.\n• Новгород-Сіверський: пошкоджено фасади магазинів. "
    "Постраждалих немає.",
    "ru": "Вражеские дроны атаковали Черниговскую область.\n• Корюковка: из-за попадания дрона "
    "загорелся ангар, травмирована женщина.\n• Новгород-Северский: повреждены фасады "
    "магазинов. Пострадавших нет.",
    "en": "Russian drones attacked Chernihiv region.\n• Koriukivka: a drone hit set a hangar on "
    "fire, a woman was injured.\n• Novhorod-Siverskyi: shop facades were damaged. No one was "
    "hurt.",
    "ro": "Drone rusești au atacat regiunea Cernihiv.\n• Koriukivka: un hangar a luat foc după "
    "lovitura unei drone, o femeie a fost rănită.\n• Novhorod-Siverskîi: fațadele magazinelor "
    "au fost avariate. Nu au fost victime.",
}


@pytest.mark.parametrize("lang", list(BULLETS))
def test_each_bullet_is_its_places_incident(lang: str) -> None:
    assert rows(BULLETS[lang], lang) == [
        ("UA-74", "Koriukivka", None, 1),
        ("UA-74", "Novhorod-Siverskyi", 0, 0),
    ]


def test_control_a_speaker_with_no_bullet_is_no_place() -> None:
    assert bullet_head("Синєгубов: у Харкові поранено двох людей.", []) == []
    assert bullet_head("• Синєгубов: у Харкові поранено двох людей.", []) == []


def test_bullet_heads_finish_on_long_text() -> None:
    units = {"bullets": "\n• Корюківка: ", "marks": "• • - * ", "long head": "• Аааа Бббб Вввв "}
    assert finished(units, lang="uk") == list(units)
