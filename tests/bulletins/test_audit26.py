"""Round 26 (issue 11): killed and injured causes found by the generality audit.

Every text is invented for these tests; each rule is checked in the four languages with a
control that must not change.

- A placeless headline total ("Three injured, governor says") no longer hides the oblast's
  opening total from being read as the sum of the places itemised after it (it was an extra
  oblast row counting the same people again).
- A death told with the wounds first ("від отриманих травм вона загинула", "от полученных травм
  скончалась", "succumbed to her injuries", "din cauza rănilor ... a murit") moves the person
  from injured to killed, as "died of her injuries" already did.
- A placeless toll right after a lead naming strikes on places of two or more oblasts is a toll
  over several oblasts (labelling rule 6), no incident: the first settlement named later no
  longer adopts it.
- A claim of the other side, "officials accused Ukraine of attacking the Kursk nuclear plant"
  (a strike by Ukraine, out of scope), ends the context: its "no injuries" is not the Ukrainian
  place's zero.
- Ukrainian "госпіталізували", "шпиталізували" (active voice) count the injured, as
  "госпіталізовано", Russian "госпитализировали" and English "hospitalized" did.
- A resident's home is not the toll's place when the sentence names the settlement struck
  ("a resident of Kharkiv was injured in a strike on Kupiansk": Kupiansk).
- A place named as the launch site ("launched from Crimea", "запущенная с территории Крыма") is
  no place of the sentence: the toll is the city hit, not a toll over two oblasts (no incident).
- A span of care ("протягом тижня він перебуватиме в лікарні") is no tally over a week: the
  sentence keeps its toll.
- "Since the beginning of" is a tally only before a war, an invasion, a year, a month or a week
  ("since the beginning of the day, ... injuring two" keeps its toll), as the Ukrainian, Russian
  and Romanian forms already were.
- The home of one of a group ("Among them was a resident of Bilopillia", "Серед них — мешканець
  Білопілля") is not the place of the group's toll: the oblast's two killed stay the oblast's.
- A past-day summary naming only the oblast, told after a town's toll, is the oblast's own
  incident of the day it covers (it was folded into the town's toll in English and lost in the
  other languages); a summary naming a settlement still needs a raion or hromada to be read so.
- A toll with no place, then "while" / "тоді як" / "тогда как" / "în timp ce" and a settlement
  with damage only, is cut there: the toll is the context's, the damage the settlement's
  (clauses25 broadened from two tolls to a toll and damage).
- Damage told after explosions in a settlement's context ("Explosions were heard in Kharkiv. A
  residential building was damaged.") is a hit there (labelling rule 3); it was none unless the
  damage sentence named a strike itself ("damaged by debris").
- "ще одну жінку госпіталізовано", "еще одну женщину госпитализировали" after an injured count
  add one ("another"), where a hospitalised count after the injured is otherwise some of them.
- A strike told "besides" ("Крім того, уночі ...", "In addition, overnight ...") on a named
  place, dated to another day than its dated context, is that day's own incident.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.scoring import final_incidents
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

MORNING = dt.datetime(2025, 3, 14, 7, 30, tzinfo=dt.UTC)  # 09:30 in Kyiv

HEADLINE_TOTAL = {
    "uk": "Троє поранених – голова ОВА про обстріли. Внаслідок обстрілу шести населених пунктів "
    "Харківської області постраждали троє людей. У с. Гусинка постраждав 41-річний чоловік. "
    "У м. Чугуїв поранені дві жінки.",
    "ru": "Трое раненых – глава ОВА об обстрелах. В результате обстрела шести населенных пунктов "
    "Харьковской области пострадали три человека. В Купянске ранен мужчина. В Чугуеве ранены "
    "две женщины.",
    "en": "Three injured, governor says. Russian shelling of six settlements in Kharkiv Oblast "
    "injured three people. A man was injured in Kupiansk. Two women were injured in Chuhuiv.",
    "ro": "Trei răniți, anunță guvernatorul. Bombardamentele rusești asupra a șase localități "
    "din regiunea Harkov au rănit trei persoane. Un bărbat a fost rănit la Kupiansk. Două "
    "femei au fost rănite la Ciuhuiv.",
}
FIRST_PLACE = {"uk": "Husynka", "ru": "Kupiansk", "en": "Kupiansk", "ro": "Kupiansk"}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_oblast_total_after_a_headline_is_not_an_incident(lang: str) -> None:
    # 1 + 2 = 3: the opening total is the sum of the places, no row of its own
    assert rows(HEADLINE_TOTAL[lang], lang) == [
        ("UA-63", FIRST_PLACE[lang], None, 1),
        ("UA-63", "Chuhuiv", None, 2),
    ]


def test_oblast_total_with_no_places_stays() -> None:
    text = (
        "Троє поранених – голова ОВА. Унаслідок обстрілів Харківської області постраждали "
        "троє людей."
    )
    assert rows(text, "uk") == [("UA-63", None, None, 3)]


DIED_OF_WOUNDS = {
    "uk": "Внаслідок обстрілу Херсона тяжкі поранення отримала жінка. Від отриманих травм вона "
    "загинула на місці.",
    "ru": "В результате обстрела Херсона тяжелые ранения получила женщина. От полученных травм "
    "она погибла на месте.",
    "en": "A woman was seriously injured in the shelling of Kherson. She succumbed to her "
    "injuries.",
    "ro": "O femeie a fost grav rănită în bombardamentul asupra Hersonului. Din cauza rănilor, "
    "femeia a murit pe loc.",
}
ONE_OF_THREE = {
    "uk": "Внаслідок обстрілу Херсона поранення отримали троє людей. Одна жінка від отриманих "
    "травм померла в лікарні.",
    "ru": "В результате обстрела Херсона тяжелые ранения получили три человека. Одна женщина от "
    "полученных травм скончалась.",
    "en": "Three people were injured in the shelling of Kherson. A woman later succumbed to her "
    "injuries.",
    "ro": "Trei persoane au fost rănite în bombardamentul asupra Hersonului. În urma rănilor, o "
    "femeie a murit la spital.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_wounds_told_before_the_death_move_the_person(lang: str) -> None:
    assert rows(DIED_OF_WOUNDS[lang], lang) == [("UA-65", "Kherson", 1, 0)]  # was 1 / 1
    assert rows(ONE_OF_THREE[lang], lang) == [("UA-65", "Kherson", 1, 2)]  # 3 - 1; was - / 3


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Унаслідок удару по Херсону від отриманих травм жінка загинула на місці."),
        ("ro", "După atacul asupra Hersonului, din cauza rănilor, o femeie a murit pe loc."),
    ],
)
def test_a_death_of_wounds_alone_is_one_killed(lang: str, text: str) -> None:
    assert rows(text, lang) == [("UA-65", "Kherson", 1, None)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "В Херсоне погиб мужчина от полученных травм после обстрела."),
        ("en", "A man was killed in the shelling of Kherson."),
    ],
)
def test_a_death_with_no_wounded_before_stays_a_death(lang: str, text: str) -> None:
    assert rows(text, lang) == [("UA-65", "Kherson", 1, None)]


BESIDES = {
    "uk": "Учора ворог атакував дронами Очаків. Поранено двох людей. Крім того, уночі ворог "
    "спрямував на місто Очаків десяток дронів. Пошкоджено будівлі.",
    "ru": "Вчера враг ударил дронами по Очакову. Ранены два человека. Кроме того, ночью враг "
    "направил на город Очаков десяток дронов. Повреждены здания.",
    "en": "Yesterday Russian drones attacked Ochakiv. Two people were injured. In addition, "
    "overnight Russia launched a dozen drones at Ochakiv. Buildings were damaged.",
    "ro": "Ieri, dronele rusești au lovit orașul Oceakiv. Două persoane au fost rănite. De "
    "asemenea, în timpul nopții, Rusia a lansat o duzină de drone asupra orașului Oceakiv. "
    "Clădiri au fost avariate.",
}


def _dated(text: str, lang: str) -> list[tuple[object, object, object]]:
    df = extract_incidents(text, published_at=MORNING, lang=lang)
    return [(d["settlement"], d["date"], d["injured"]) for d in final_incidents(df)]


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_a_strike_told_besides_on_another_day_is_its_own(lang: str) -> None:
    assert _dated(BESIDES[lang], lang) == [
        ("Ochakiv", "2025-03-13", 2),  # yesterday's, with its toll
        ("Ochakiv", "2025-03-14", None),  # last night's, damage only
    ]


@pytest.mark.parametrize(
    "text",
    [
        # no "besides": a second time phrase is as often the same strike told more precisely
        "Yesterday Russian drones attacked Ochakiv. Two people were injured. Overnight Russia "
        "launched a dozen drones at Ochakiv. Buildings were damaged.",
        # "besides" with no strike of its own
        "Вчера враг ударил дронами по Очакову. Ранены два человека. Кроме того, губернатор "
        "сказал, что в Очакове повреждены здания.",
    ],
)
def test_no_besides_strike_no_split(text: str) -> None:
    assert [(s, i) for s, _, i in _dated(text, "ru" if "Вчера" in text else "en")] == [
        ("Ochakiv", 2)
    ]


SEVERAL = {
    "uk": "Уночі російські дрони атакували Суми та Новгород-Сіверський у Сумській і Чернігівській "
    "областях. Загинули четверо людей, ще 16 поранені. У Сумах пошкоджено будинки.",
    "ru": "Ночью российские дроны атаковали Сумы и Новгород-Северский в Сумской и Черниговской "
    "областях. Погибли четыре человека, еще 16 ранены. В Сумах повреждены дома.",
    "en": "Overnight Russian drones attacked Sumy and Novhorod-Siverskyi in the Sumy and "
    "Chernihiv regions. Four civilians were killed and 16 injured. In Sumy, houses were damaged.",
    "ro": "În timpul nopții, drone rusești au atacat orașele Sumî și Novhorod-Siverskîi, din "
    "regiunile Sumî și Cernihiv. Patru civili au murit, iar alți 16 au fost răniți. La Sumî au "
    "fost avariate case.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_a_toll_after_a_lead_over_two_oblasts_is_no_places(lang: str) -> None:
    found = rows(SEVERAL[lang], lang)
    assert ("UA-59", "Sumy", None, None) in found  # damage only; was 4 / 16
    assert all(k is None and i is None for _, _, k, i in found)


@pytest.mark.parametrize(
    "text",
    [
        # one oblast: the toll is the city's, as before
        "Overnight Russian drones attacked Sumy in the Sumy region. Four civilians were killed "
        "and 16 injured.",
        # the two cities are an aside after the story's own lead: the toll stays the story's
        "A missile hit an apartment block in Dnipro. Russia also struck the capital, Kyiv, and "
        "Kharkiv. Another 73 people were injured in Dnipro.",
    ],
)
def test_a_toll_of_one_oblast_stays(text: str) -> None:
    assert any(k == 4 or i in {16, 73} for _, _, k, i in rows(text, "en"))


ACCUSED = {
    "uk": "Російський дрон убив жінку в Нікополі. У Росії чиновники звинуватили Україну в атаці "
    "на Курську АЕС, постраждалих немає.",
    "ru": "Российский дрон убил женщину в Никополе. В России чиновники обвинили Украину в атаке "
    "на Курскую АЭС, пострадавших нет.",
    "en": "A Russian drone killed a woman in Nikopol. In Russia, officials accused Ukraine of "
    "attacking the Kursk nuclear plant and causing a fire, with no injuries.",
    "ro": "O dronă rusească a ucis o femeie la Nikopol. În Rusia, oficialii au acuzat Ucraina că "
    "a atacat centrala nucleară Kursk, fără victime.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_a_zero_told_of_a_strike_by_ukraine_is_not_the_place_s(lang: str) -> None:
    assert rows(ACCUSED[lang], lang) == [("UA-12", "Nikopol", 1, None)]  # injured was 0


def test_russia_accused_keeps_the_zero() -> None:
    text = (
        "A Russian drone hit a house in Nikopol. The governor accused Russia of attacking "
        "civilians. No one was killed or injured."
    )
    assert rows(text, "en") == [("UA-12", "Nikopol", 0, 0)]


@pytest.mark.parametrize(
    ("lang", "text", "injured"),
    [
        ("uk", "Після удару по Чугуєву госпіталізували двох жінок.", 2),  # was no incident
        ("uk", "Після удару по Чугуєву медики шпиталізували чоловіка.", 1),
        ("uk", "Після удару по Чугуєву госпіталізовано двох жінок.", 2),  # control
        ("ru", "Медики госпитализировали двух женщин после удара по Чугуеву.", 2),  # control
        ("en", "Medics hospitalized two women after the strike on Chuhuiv.", 2),  # control
        ("ro", "Medicii au spitalizat două femei după atacul asupra orașului Ciuhuiv.", 2),
    ],
)
def test_hospitalised_in_the_active_voice(lang: str, text: str, injured: int) -> None:
    assert rows(text, lang) == [("UA-63", "Chuhuiv", None, injured)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Мешканець Харкова поранений внаслідок удару дрона по Куп'янську."),
        ("ru", "Житель Харькова ранен в результате удара дрона по Купянску."),
        ("en", "A resident of Kharkiv was injured in a drone strike on Kupiansk."),
        (
            "ro",
            "Un locuitor din Harkov a fost rănit într-un atac cu drone asupra orașului Kupiansk.",
        ),
        ("en", "A resident of Kupiansk was injured in a drone strike."),  # control: the home only
    ],
)
def test_a_resident_s_home_is_not_the_place_struck(lang: str, text: str) -> None:
    assert rows(text, lang) == [("UA-63", "Kupiansk", None, 1)]  # was Kharkiv


LAUNCHED = {
    "uk": "Ракета, запущена з Криму, влучила в Херсон, поранено двох людей.",
    "ru": "Ракета, запущенная с территории Крыма, попала в Херсон, ранены два человека.",
    "en": "A missile launched from Crimea hit Kherson, injuring two people.",
    "ro": "O rachetă lansată din Crimeea a lovit Hersonul, rănind două persoane.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_a_launch_site_is_no_place_struck(lang: str) -> None:
    assert rows(LAUNCHED[lang], lang) == [("UA-65", "Kherson", None, 2)]  # was no incident


def test_a_place_struck_in_crimea_stays() -> None:
    assert rows("A missile hit Crimea, injuring two people.", "en") == [("UA-43", None, None, 2)]


CARE = {
    "uk": "Унаслідок удару по Харкову поранено чоловіка, протягом тижня він перебуватиме в "
    "лікарні.",
    "ru": "В результате удара по Харькову ранен мужчина, в течение недели он пробудет в больнице.",
    "en": "A man was injured in a strike on Kharkiv and will stay in hospital throughout the week.",
    "ro": "Un bărbat a fost rănit într-un atac asupra orașului Harkov; pe parcursul săptămânii va "
    "rămâne în spital.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_a_span_of_care_is_no_tally(lang: str) -> None:
    assert rows(CARE[lang], lang) == [("UA-63", "Kharkiv", None, 1)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Протягом тижня російські удари по Харкову вбили п'ятьох людей."),
        ("ru", "В течение недели российские удары по Харькову убили пять человек."),
        ("en", "Russian strikes on Kharkiv killed five people during the week."),
    ],
)
def test_a_tally_over_a_week_stays_no_incident(lang: str, text: str) -> None:
    assert rows(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("en", "Since the beginning of the day, Russian troops have shelled Kherson, injuring two "
         "people.", [("UA-65", "Kherson", None, 2)]),  # was no incident
        ("uk", "Від початку дня ворог обстріляв Херсон, поранено двох людей.",
         [("UA-65", "Kherson", None, 2)]),  # control: already so
        ("en", "Since the start of the full-scale invasion, Russian strikes on Kherson have killed "
         "800 people.", []),
        ("en", "Since the beginning of this year, Russian strikes on Kherson have killed 80 "
         "people.", []),
        ("en", "Since the start of September, Russian strikes on Kherson have killed 80 people.",
         []),
    ],
)  # fmt: skip
def test_since_the_beginning_of_a_day_is_no_tally(lang: str, text: str, found: list) -> None:
    assert rows(text, lang) == found


HEARD_THEN_DAMAGE = {
    "uk": "У Харкові пролунали вибухи. Пошкоджено житловий будинок.",
    "ru": "Сообщается о взрывах в Харькове. Повреждено жилое здание.",
    "en": "Explosions were heard in Kharkiv. A residential building was damaged.",
    "ro": "Au existat rapoarte despre explozii la Harkov. O clădire rezidențială a fost avariată.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_damage_after_explosions_is_a_hit(lang: str) -> None:
    assert rows(HEARD_THEN_DAMAGE[lang], lang) == [("UA-63", "Kharkiv", None, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Explosions were heard in Kharkiv.",  # no damage: no incident (rule 3)
        # damage told before, of an offensive, not of the explosions
        "Several houses were damaged, an official said. For months Russian forces have been "
        "attacking in the direction of Kupiansk.",
    ],
)
def test_no_damage_after_no_hit(text: str) -> None:
    assert rows(text, "en") == []


ONE_OF_THEM = {
    "uk": "Обстріл Сумщини забрав життя двох людей. Серед них — мешканець Білопілля.",
    "ru": "Обстрел Сумщины убил двух человек. Среди них — житель Белополья.",
    "en": "Russian shelling of Sumy region killed two people. Among them was a resident of "
    "Bilopillia.",
    "ro": "Bombardamentele rusești din regiunea Sumî au ucis două persoane. Printre ei se află "
    "un locuitor din Bilopillia.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_the_home_of_one_of_a_group_is_not_its_place(lang: str) -> None:
    assert rows(ONE_OF_THEM[lang], lang) == [("UA-59", None, 2, None)]  # was Bilopillia 2


def test_a_single_resident_keeps_the_home() -> None:
    text = "A 59-year-old resident of Bilopillia was killed in Russian shelling of Sumy region."
    assert rows(text, "en") == [("UA-59", "Bilopillia", 1, None)]


PAST_DAY_AFTER_TOWN = {
    "uk": "Вранці російський дрон поранив жінку в Херсоні. За минулу добу російські війська "
    "обстріляли 14 населених пунктів Херсонської області, поранено двох людей.",
    "ru": "Утром российский дрон ранил женщину в Херсоне. За прошедшие сутки российские войска "
    "обстреляли 14 населенных пунктов Херсонской области, ранены два человека.",
    "en": "In the morning, a Russian drone injured a woman in Kherson. Over the past day, Russian "
    "troops shelled 14 settlements in Kherson Oblast; two people were injured.",
    "ro": "Dimineața, o dronă rusească a rănit o femeie la Herson. În ultimele 24 de ore, trupele "
    "ruse au bombardat 14 localități din regiunea Herson; două persoane au fost rănite.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_a_past_day_oblast_summary_after_a_town_is_the_oblast_s(lang: str) -> None:
    assert _dated(PAST_DAY_AFTER_TOWN[lang], lang) == [
        ("Kherson", "2025-03-14", 1),  # this morning's, the town's
        (None, "2025-03-13", 2),  # the day before, published in the morning: the oblast's
    ]


WHILE_DAMAGE = {
    "uk": "Російські дрони атакували Харків. Поранено чоловіка, тоді як у Золочеві пошкоджено два "
    "будинки.",
    "ru": "Российские дроны атаковали Харьков. Ранен мужчина, тогда как в Золочеве повреждены два "
    "дома.",
    "en": "Russian drones struck Kharkiv. A man was injured, while in Zolochiv two houses were "
    "damaged.",
    "ro": "A fost lovit orașul Harkov. Un bărbat a fost rănit, în timp ce la Zolociv două case au "
    "fost avariate.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_a_toll_then_while_and_damage_elsewhere(lang: str) -> None:
    assert rows(WHILE_DAMAGE[lang], lang) == [
        ("UA-63", "Kharkiv", None, 1),
        ("UA-63", "Zolochiv", None, None),
    ]  # was Zolochiv 1 injured


def test_while_with_no_damage_is_not_cut() -> None:
    text = "Russian drones struck Kharkiv. A man was injured while fleeing to Zolochiv."
    assert rows(text, "en") == [("UA-63", "Kharkiv", None, 1)]


@pytest.mark.parametrize(
    ("lang", "sentence", "injured"),
    [
        ("uk", "постраждав водій, ще одну жінку госпіталізовано.", 2),  # was 1
        ("ru", "пострадал водитель, еще одну женщину госпитализировали.", 2),  # was 1
        ("en", "a driver was injured, another woman was hospitalized.", 2),  # control
        ("uk", "постраждали семеро людей, трьох госпіталізували.", 7),  # some of the seven
    ],
)
def test_another_hospitalised_adds(lang: str, sentence: str, injured: int) -> None:
    cas = read_casualties(sentence, lang)
    assert cas.injured is not None and cas.injured.value == injured


def test_no_hang_on_repeated_wounds_and_besides() -> None:
    units = {
        "uk": "від отриманих травм від отриманих травм загинула. ",
        "ru": "кроме того, ночью враг ударил по Очакову, от полученных ранений ",
        "en": "in addition, succumbed to her injuries succumbed ",
        "several": "Drones attacked Sumy and Kharkiv. Four were killed. ",
        "accused": "officials accused ukraine of accused ukraine of attacking ",
        "residents": "A resident of Kharkiv, a resident of Kupiansk was injured in Izium. ",
        "among": "among them a resident of Kharkiv, one of them a resident of Sumy, ",
        "launch": "launched from Crimea launched from Kherson, fired from Odesa ",
        "care": "протягом тижня, протягом тижня в лікарні; ",
        "while": "a man was injured, while in Zolochiv houses were damaged, while in Izium ",
    }
    assert finished(units, lang="uk") == [
        "uk",
        "ru",
        "en",
        "several",
        "accused",
        "residents",
        "among",
        "launch",
        "care",
        "while",
    ]
