"""Round 27b (issue 11): communities, air defence, attackers, strike tallies, Kyiv as the state.

Every text is invented for these tests; each rule is checked in the four languages with a
control that must not change.

- A text that lists places as communities ("The communities of Khotin, Yunakivka and
  Bilopillia were shelled", "Хотінську, Юнаківську та Білопільську громади", "comunitățile
  Hotin, Iunakivka și Bilopillia") means the hromadas when it later names one of them bare
  ("In Bilopillia, four mines were dropped"): no settlement, and with no toll no incident
  (labelling rule 3); with a toll, an incident with no settlement. Before, each bare mention
  was the settlement (a row with no toll, or the toll on the settlement). A mention with its
  own settlement designator ("the village of Bilopillia", "у селі Білопілля") stays the
  settlement.
- Air defence that "neutralised" a drone ("forțele de apărare antiaeriană au neutralizat",
  "neutralised", "нейтралізували", "нейтрализовали") over an oblast, with "the attack caused no
  victims or destruction" ("nu a provocat victime, răniți sau distrugeri"), is no incident
  (labelling rule 3); before, the Romanian form gave the oblast 0 / 0.
- A region's name before a kind of hromada ("Миколаївської сільської громади", "Mykolaiv
  rural hromada") names the hromada, not Mykolaiv oblast.
- Romanian "un bombardament al Ucrainei", "efectuate de formațiunile armate ucrainene" name
  Ukraine as the attacker (labelling rule 6), as the en/ru/uk forms already did.
- A count of strikes with no place, toll, damage or target ("за добу ворог здійснив 47
  авіаційних ударів і 35 обстрілів з РСЗВ") is a tally over the front, no strike of the
  context it follows.
- Kyiv named for the state ("Forțele aeriene ale Kievului", "Kyiv's air force", "Силы Киева",
  "Сили Києва") is no place; Kyiv struck ("Kyiv's Shevchenkivskyi district") stays.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.communities27 import LIST_RE
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

LISTED = {
    "en": "The communities of Khotin, Yunakivka and Bilopillia in Sumy region were shelled. ",
    "uk": "Росіяни обстріляли Хотінську, Юнаківську та Білопільську громади Сумської області. ",
    "ru": "Россияне обстреляли Хотинскую, Юнаковскую и Белопольскую общины Сумской области. ",
    "ro": "Rușii au bombardat comunitățile Hotin, Iunakivka și Bilopillia din regiunea Sumî. ",
}
#: The same strike on the place named as a settlement (no community list).
SETTLEMENT = {
    "en": "The Russians shelled Bilopillia in Sumy region. ",
    "uk": "Росіяни обстріляли Білопілля Сумської області. ",
    "ru": "Россияне обстреляли Белополье Сумской области. ",
    "ro": "Rușii au bombardat orașul Bilopillia din regiunea Sumî. ",
}
MINES = {
    "en": "In Bilopillia, the Russians dropped four mines (four explosions).",
    "uk": "У Білопіллі ворог скинув чотири міни.",
    "ru": "В Белополье враг сбросил четыре мины.",
    "ro": "La Bilopillia, inamicul a aruncat patru mine.",
}
HURT = {
    "en": "In Bilopillia, a man was injured by a mine.",
    "uk": "У Білопіллі поранено чоловіка.",
    "ru": "В Белополье ранен мужчина.",
    "ro": "La Bilopillia, un bărbat a fost rănit.",
}
LANGS = ["en", "uk", "ru", "ro"]


@pytest.mark.parametrize("lang", LANGS)
def test_listed_community_with_no_toll_is_no_incident(lang: str) -> None:
    assert rows(LISTED[lang] + MINES[lang], lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_settlement_named_without_a_list_stays(lang: str) -> None:
    # control: the same strike told of the place with no community list is the settlement's
    assert rows(SETTLEMENT[lang] + MINES[lang], lang) == [("UA-59", "Bilopillia", None, None)]


@pytest.mark.parametrize("lang", LANGS)
def test_listed_community_with_a_toll_has_no_settlement(lang: str) -> None:
    assert rows(LISTED[lang] + HURT[lang], lang) == [("UA-59", None, None, 1)]


@pytest.mark.parametrize(
    ("lang", "damage"),
    [
        ("en", "In the village of Bilopillia, a house was damaged by a mine."),
        ("uk", "У селі Білопілля пошкоджено будинок."),
    ],
)
def test_designated_settlement_stays_the_settlement(lang: str, damage: str) -> None:
    assert rows(LISTED[lang] + damage, lang) == [("UA-59", "Bilopillia", None, None)]


def test_list_pattern_reads_lists_only() -> None:
    m = LIST_RE.search("The communities of Khotin, Yunakivka and Esman were shelled")
    assert m is not None and m.group("a") == "Khotin, Yunakivka and Esman"
    assert LIST_RE.search("The Marhanets community was shelled") is None  # one name: no list


NEUTRALISED = {
    "ro": "Șapte drone au fost detectate noaptea trecută în spațiul aerian al regiunii Cernăuți. "
    "Forțele de apărare antiaeriană au neutralizat una dintre drone. Atacul nu a provocat "
    "victime, răniți sau distrugeri.",
    "en": "Ukrainian forces neutralised two drones over Chernivtsi region overnight. The attack "
    "caused no casualties or damage.",
    "uk": "Уночі над Чернівецькою областю нейтралізували два дрони. Загиблих і постраждалих "
    "немає, руйнувань не виявлено.",
    "ru": "Ночью над Черновицкой областью нейтрализовали два дрона. Погибших и пострадавших нет, "
    "разрушений не зафиксировано.",
}
HIT = {
    "ro": "O dronă a lovit o casă în regiunea Cernăuți. Atacul nu a provocat victime.",
    "en": "A drone hit a house in Chernivtsi region overnight. The attack caused no casualties.",
    "uk": "Уночі дрон влучив у будинок у Чернівецькій області. Постраждалих немає.",
    "ru": "Ночью дрон попал в дом в Черновицкой области. Пострадавших нет.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_neutralised_drones_with_no_damage_are_no_incident(lang: str) -> None:
    assert rows(NEUTRALISED[lang], lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_hit_with_no_casualties_stays_an_incident(lang: str) -> None:
    # control: a house hit is an incident of the oblast, and "no casualties" is its zero
    assert rows(HIT[lang], lang) == [("UA-77", None, 0, 0)]


def test_new_patterns_finish_on_long_runs() -> None:
    units = {
        "community list": "communities of Khotin, Yunakivka, ",
        "names before": "Khotin, Yunakivka and Esman ",
        "громади": "громади Хотінська, Юнаківська та ",
        "no damage": "nu a provocat victime, răniți, ",
        "caused no": "caused no casualties, injuries, ",
        "rural hromada": "Mykolaiv rural hromada, ",
        "efectuate de": "efectuate de formatiunile armate ",
        "strike counts": "47 air strikes and 35 ",
        "forces of Kyiv": "Forțele aeriene ale Kievului ",
        "сільської громади": "Миколаївської сільської громади ",
    }
    assert finished(units, lang="en") == list(units)


KIND_OF_HROMADA = {
    "uk": "На Сумщині ворог обстріляв село на території Миколаївської сільської громади. "
    "Загинула жінка.",
    "ru": "В Сумской области враг обстрелял село на территории Николаевской сельской общины. "
    "Погибла женщина.",
    "en": "In Sumy region, Russian troops shelled a village in the Mykolaiv rural hromada. A "
    "woman was killed.",
    "ro": "În regiunea Sumî, rușii au bombardat un sat din comunitatea rurală Mîkolaivka. O "
    "femeie a fost ucisă.",
}
OBLAST_NAMED = {
    "uk": "Ворог обстріляв Миколаївську область. Загинула жінка.",
    "ru": "Враг обстрелял Николаевскую область. Погибла женщина.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_region_name_of_a_rural_hromada_is_no_oblast(lang: str) -> None:
    # "Миколаївської сільської громади" is a hromada of Sumy oblast, not Mykolaiv oblast (it
    # gave a second row in UA-48, or a toll over two oblasts, no incident, in English)
    assert rows(KIND_OF_HROMADA[lang], lang) == [("UA-59", None, 1, None)]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_region_named_as_oblast_stays(lang: str) -> None:
    assert rows(OBLAST_NAMED[lang], lang) == [("UA-48", None, 1, None)]


BY_UKRAINE = {
    "ro": "Doi civili au murit în urma unui bombardament al Ucrainei în zone ale regiunii Donețk "
    "controlate de separatiști.",
    "en": "Two civilians were killed in shelling carried out by Ukrainian armed formations in "
    "Donetsk, a Russian-installed official said.",
    "ru": "Два мирных жителя погибли в Донецке в результате обстрела со стороны ВСУ, заявил "
    "Пушилин.",
    "uk": "Двоє цивільних загинули в окупованому Донецьку внаслідок обстрілу ЗСУ, заявив Пушилін.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_strike_by_ukraine_is_out_of_scope(lang: str) -> None:
    # labelling rule 6; the Romanian "bombardament al Ucrainei" gave UA-14 2 killed before
    assert rows(BY_UKRAINE[lang], lang) == []


def test_romanian_strike_carried_out_by_ukrainian_forces_is_out_of_scope() -> None:
    text = (
        "Două persoane au fost ucise ca urmare a bombardamentelor efectuate de formațiunile "
        "armate ucrainene în Donețk."
    )
    assert rows(text, "ro") == []


def test_romanian_strike_by_russia_stays() -> None:
    text = (
        "Doi civili au murit în urma unui bombardament al Rusiei asupra orașului Kramatorsk "
        "din regiunea Donețk."
    )
    assert rows(text, "ro") == [("UA-14", "Kramatorsk", 2, None)]


STRIKE_TALLY = {
    "uk": "Минулої доби ворог обстріляв Донеччину. Так, за добу ворог здійснив 47 авіаційних "
    "ударів і 35 обстрілів з реактивних систем залпового вогню.",
    "ru": "Минувшие сутки враг обстреливал Донецкую область. Так, за сутки противник нанес 47 "
    "авиаударов и 35 обстрелов из РСЗО.",
    "en": "Over the past day, the enemy shelled Donetsk Oblast. Over the day, the enemy carried "
    "out 47 air strikes and 35 MLRS attacks.",
    "ro": "În ultima zi, inamicul a bombardat regiunea Donețk. În total, inamicul a efectuat 47 "
    "de lovituri aeriene și 35 de atacuri cu lansatoare multiple de rachete.",
}
COUNTED_WITH_TOLL = {
    "en": "Russian troops shelled Kherson overnight. The enemy carried out 12 strikes with "
    "drones, injuring two people.",
    "uk": "Уночі ворог атакував Херсон. Ворог завдав 12 ударів дронами, поранено двох людей.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_placeless_count_of_strikes_is_no_incident(lang: str) -> None:
    # a count over the front (labelling rules 2, 6); it gave a placeless UA-14 row before
    assert rows(STRIKE_TALLY[lang], lang) == []


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_count_of_strikes_with_a_toll_stays(lang: str) -> None:
    assert rows(COUNTED_WITH_TOLL[lang], lang) == [("UA-65", "Kherson", None, 2)]


STATE_KYIV = {
    "ro": "Forțele aeriene ale Kievului au transmis că dronele rusești au lovit portul Izmail din "
    "regiunea Odesa.",
    "en": "Kyiv's air force said Russian drones hit the port of Izmail in Odesa Oblast.",
    "ru": "Силы Киева сообщили, что российские дроны атаковали порт Измаил в Одесской области.",
    "uk": "Сили Києва повідомили, що російські дрони атакували порт Ізмаїл в Одеській області.",
}
CITY_KYIV = {
    "en": "A Russian drone hit Kyiv's Shevchenkivskyi district overnight, injuring two people.",
    "ro": "Dronele rusești au lovit Kievul, două persoane au fost rănite.",
}


@pytest.mark.parametrize("lang", LANGS)
def test_kyiv_for_the_state_is_no_place(lang: str) -> None:
    # Kyiv and Odesa oblast made a toll over two oblasts (no incident) or a Kyiv row before
    assert rows(STATE_KYIV[lang], lang) == [("UA-51", "Izmail", None, None)]


@pytest.mark.parametrize("lang", ["en", "ro"])
def test_kyiv_struck_stays(lang: str) -> None:
    assert rows(CITY_KYIV[lang], lang) == [("UA-30", "Kyiv", None, 2)]


def test_long_community_list_finishes() -> None:
    # one community word, then 200 KB of names: the list pattern reads at most 16 names a try
    units = {"names": "Khotin, Yunakivka and Esman, ", "uk names": "Хотінська, Юнаківська та "}
    assert finished(units, lang="en", prefix="The communities of ") == list(units)
