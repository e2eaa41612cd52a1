"""Round 24 (issue 11): an air-raid alert with explosions only reported is no incident.

Every text is invented for these tests. "Alerts sounded across Ukraine ... a witness in Kyiv
heard air defence ... there were reports of explosions in other big cities" names no hit, no
damage and no toll: no incident (labelling rule 3), in the four languages; nor is "regiunea
centrală" (the central region) a power plant. Controls: reported explosions with a hit and a
toll in the same sentence stay an incident; "centrala termică" is still a power plant.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.alerts24 import REPORTED_BLASTS_RE
from analytics.bulletins.lexicon import find_target
from analytics.bulletins.numbers import fold
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

ALERT = {
    "en": "Air-raid alerts sounded across Ukraine this morning. A witness in Kyiv heard air "
    "defence units at work. There were reports of explosions in other big cities, but it was "
    "not known whether they were caused by missile impacts.",
    "ro": "Alerte antiaeriene au fost declanșate în toată Ucraina. Un martor din Kiev a auzit "
    "unități antiaeriene în acțiune. Au existat rapoarte despre explozii în alte orașe mari, "
    "dar nu se știa dacă erau cauzate de impactul rachetelor.",
    "ru": "Воздушная тревога была объявлена по всей Украине. Свидетель в Киеве слышал работу "
    "ПВО. Поступали сообщения о взрывах в других крупных городах, но неизвестно, были ли это "
    "попадания ракет.",
    "uk": "Повітряна тривога була оголошена по всій Україні. Свідок у Києві чув роботу ППО. "
    "Надходили повідомлення про вибухи ракет в інших великих містах, причина невідома.",
}
HIT = {
    "en": "There were reports of explosions in Kharkiv, where a Russian missile hit a school, "
    "injuring three people.",
    "ro": "Au existat rapoarte despre explozii la Harkov, unde o rachetă rusească a lovit o "
    "școală, trei persoane au fost rănite.",
    "ru": "Поступали сообщения о взрывах в Харькове, где российская ракета попала в школу, "
    "ранены три человека.",
    "uk": "Надходили повідомлення про вибухи в Харкові, де російська ракета влучила в школу, "
    "поранені троє людей.",
}


@pytest.mark.parametrize("lang", ["en", "ro", "ru", "uk"])
def test_reported_explosions_are_no_incident(lang: str) -> None:
    assert REPORTED_BLASTS_RE.search(fold(ALERT[lang]))
    assert rows(ALERT[lang], lang) == []


@pytest.mark.parametrize("lang", ["en", "ro", "ru", "uk"])
def test_reported_explosions_with_a_hit_stay(lang: str) -> None:
    assert rows(HIT[lang], lang) == [("UA-63", "Kharkiv", None, 3)]


def test_the_central_region_is_no_power_plant() -> None:
    warned = "au avertizat cu privire la posibile lovituri in regiunea centrala poltava"
    assert find_target(warned) is None
    assert find_target("o racheta a lovit centrala termica") == "energy infrastructure"


def test_long_text_finishes() -> None:
    units = {
        "en": "there were reports of many many explosions ",
        "ro": "rapoarte despre multe multe explozii ",
        "uk": "повідомлення про багато багато вибухів ",
    }
    assert finished(units, lang="en") == list(units)
