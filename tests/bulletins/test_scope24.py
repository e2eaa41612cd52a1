"""Round 24 (issue 11): foreign capitals are no Ukrainian villages; Russia as a qualifier.

Every text is invented for these tests. "The president landed in Berlin" never resolves to the
Lviv-oblast village Berlyn (a foreign capital or country name resolves only where the text
names the village's oblast or raion); "Russian-occupied", "Russian-installed governor" say who
holds a place, not who struck, so a strike the text gives to Ukraine stays out of scope.
Controls: a strike told with the village's oblast keeps it; a Russian strike stays in.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.places import Place, canonical_place
from analytics.bulletins.scope24 import RUSSIA_QUALIFIER_RE, unqualified
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

TOLL = {
    "en": "A Russian drone struck Sumy, injuring two people.",
    "uk": "Російський дрон атакував Суми, двоє людей поранені.",
    "ru": "Российский дрон атаковал Сумы, два человека ранены.",
    "ro": "O dronă rusească a lovit Sumî, două persoane au fost rănite.",
}
VISIT = {
    "en": "The president has landed in Berlin for talks on air defence. ",
    "uk": "Президент прибув до Берліна на переговори. ",
    "ru": "Президент прилетел в Берлин на переговоры. ",
    "ro": "Președintele a ajuns la Berlin pentru discuții. ",
}


STRUCK = {
    "en": "Russian missiles struck overnight. ",
    "uk": "Вночі російські ракети вдарили. ",
    "ru": "Ночью российские ракеты ударили. ",
    "ro": "Rachete rusești au lovit noaptea. ",
}


@pytest.mark.parametrize("lang", ["en", "uk", "ru", "ro"])
def test_a_foreign_capital_is_no_village(lang: str) -> None:
    assert rows(VISIT[lang] + STRUCK[lang], lang) == []  # a strike with no place: no row
    alone = rows(TOLL[lang], lang)
    got = rows(VISIT[lang] + STRUCK[lang] + TOLL[lang], lang)
    assert got == alone  # the visit adds no row and no place
    assert all(r[1] != "Berlyn" for r in got)


def test_a_foreign_capital_is_placed_by_its_oblast() -> None:
    # analytics.reference.foreign: a foreign place's name is no village the text does not place
    place = Place(None, "Berlin", "Berlin")
    assert canonical_place(place, frozenset()).settlement is None
    assert canonical_place(place, frozenset({"UA-46"})) == Place("UA-46", "Berlin", "Berlyn")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Three residents of the Russian-occupied city of Horlivka were killed in Ukrainian "
            "shelling on Monday, officials said. The Russian-installed mayor said four were hurt.",
        ),
        (
            "ru",
            "Три жителя подконтрольной России Горловки погибли при украинском обстреле. "
            "Назначенный Россией мэр сообщил о четырёх раненых.",
        ),
        (
            "uk",
            "Троє мешканців окупованої Горлівки загинули внаслідок українського обстрілу. "
            "Призначений окупантами мер повідомив про чотирьох поранених.",
        ),
        (
            "ro",
            "Trei locuitori ai orașului Horlivka au murit într-un atac ucrainean. "
            "Primarul instalat de Rusia a anunțat patru răniți.",
        ),
    ],
)
def test_ukraines_strike_on_held_ground_stays_out(lang: str, text: str) -> None:
    assert rows(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # controls: Russia named as the attacker after the other side's claim keeps the context
        (
            "en",
            "Ukrainian shelling hit Horlivka, officials said. Russian drones then struck Kostiantynivka, killing two.",
        ),
        ("ru", "Российские войска обстреляли Константиновку, погибли двое."),
    ],
)
def test_russia_as_attacker_stays_in(lang: str, text: str) -> None:
    got = rows(text, lang)
    assert ("UA-14", "Kostiantynivka", 2, None) in got


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("residents of the russian-occupied city", "residents of the                  city"),
        ("мэр, назначенный россией, сообщил", "мэр,                    , сообщил"),
        ("российские оккупационные власти", "           оккупационные власти"),
        ("мер, призначений окупантами, повідомив", "мер,                       , повідомив"),
        ("російська окупаційна влада", "          окупаційна влада"),
        ("primarul instalat de rusia a spus", "primarul                   a spus"),
        # controls: Russia as the attacker stays
        ("российские войска обстреляли", "российские войска обстреляли"),
        ("російські дрони атакували", "російські дрони атакували"),
    ],
)
def test_unqualified(text: str, left: str) -> None:
    assert unqualified(text) == left


def test_qualifiers_blank_to_the_same_length() -> None:
    text = "the russian-installed governor and russian drones"
    out = unqualified(text)
    assert len(out) == len(text)
    assert "russian drones" in out and "installed" not in out
    assert RUSSIA_QUALIFIER_RE.search("russian drones struck") is None


def test_long_text_finishes() -> None:
    units = {
        "qualifiers": "russian-occupied russian-installed подконтрольной россии ",
        "capitals": "in Berlin in Paris в Берлине ",
    }
    assert finished(units, lang="en") == list(units)
