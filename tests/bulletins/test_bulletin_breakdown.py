"""Round-5 structure rules: breakdown lists by place, on text written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.contexts import analyse_sentence
from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.numbers import fold
from analytics.bulletins.scoring import final_incidents

PUBLISHED = dt.datetime(2025, 6, 11, 9, 0)  # 12:00 Kyiv


def _final(text: str, lang: str) -> list[tuple[str | None, str | None, int | None, int | None]]:
    df = extract_incidents(text, published_at=PUBLISHED, lang=lang)
    rows = final_incidents(df)
    return sorted(
        ((r["oblast"], r["settlement"], r["killed"], r["injured"]) for r in rows),
        key=lambda r: (r[1] or "", r[2] or 0, r[3] or 0),
    )


def test_english_breakdown_gives_one_incident_per_place_and_a_remainder() -> None:
    # 3 + 2 = 5: the opening "5 civilians" is their total; 6 injured are the region's rest.
    text = (
        "Russian shelling killed 5 civilians in Donetsk region over the past day. "
        '"On 10 June the Russians killed 5 civilians of Donetsk region: 3 - in Kramatorsk, '
        '2 - in Sloviansk. Another 6 people were injured," the governor wrote.'
    )
    assert _final(text, "en") == [
        ("UA-14", None, None, 6),
        ("UA-14", "Kramatorsk", 3, None),
        ("UA-14", "Sloviansk", 2, None),
    ]


def test_ukrainian_breakdown_with_i_and_a_remainder_in_the_oblast() -> None:
    text = (
        "Внаслідок обстрілів за 10 червня росіяни вбили 4 жителів Донеччини: 1 у Краматорську "
        "і 3 в Слов'янську. "
        "Ще 5 людей в області дістали поранення."
    )
    got = _final(text, "uk")
    assert ("UA-14", "Kramatorsk", 1, None) in got
    assert ("UA-14", "Sloviansk", 3, None) in got
    assert ("UA-14", None, None, 5) in got
    assert len(got) == 3
    df = extract_incidents(text, published_at=PUBLISHED, lang="uk")
    assert set(df["occurred_on"]) == {dt.date(2025, 6, 10)}  # the list's date, not the post's


def test_unknown_villages_in_a_breakdown_stay_apart() -> None:
    # Two villages no gazetteer knows: two incidents of one killed each, never one of two.
    text = (
        "Внаслідок обстрілів у Донецькій області за добу загинули двоє людей: 1 у Зарічанці, "
        "1 у Підгірцях."
    )
    got = _final(text, "uk")
    assert [r[2] for r in got] == [1, 1]
    assert all(r[0] == "UA-14" for r in got)


@pytest.mark.parametrize(
    "text",
    [
        # items that do not add up to the total: not a breakdown, read as one toll
        "Russian strikes killed 5 people in Donetsk region: 3 in Kramatorsk, 1 in Sloviansk.",
        # items that are not "number + place": ages, not tolls
        "Russian strikes killed 2 people in Kharkiv region: 45 years old and 70 years old.",
    ],
)
def test_lists_that_are_not_breakdowns_are_left_alone(text: str) -> None:
    got = _final(text, "en")
    assert sum(r[2] or 0 for r in got) in {2, 5}
    assert not any(r[1] == "Sloviansk" and r[2] == 1 for r in got)


def test_count_of_people_of_a_region_is_a_count_not_a_part() -> None:
    r = read_casualties(fold("The Russians killed 8 civilians of Donetsk region"), "en")
    assert r.killed is not None and r.killed.value == 8
    # "of them", "one of the wounded", "один з районів області" stay parts of a group
    r = read_casualties(fold("Five people were injured, two of them children"), "en")
    assert r.injured is not None and r.injured.value == 5
    r = read_casualties(
        fold("Атакували один з районів Херсонської області, постраждали три людини"), "uk"
    )
    assert r.injured is not None and r.injured.value == 3


def _read(text: str, lang: str) -> tuple[int | None, int | None]:
    r = read_casualties(fold(text), lang)
    return (r.killed.value if r.killed else None, r.injured.value if r.injured else None)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # two people joined by "і" share the verb before them; the ages are no counts
        (
            "У місті загинули 61-річний чоловік і 66-річна жінка, постраждали 40-річний чоловік "
            "та жінки 30, 35 і 70 років.",
            "uk",
            (2, 4),
        ),
        ("Погибли мужчина и женщина, ранены мужчины 45 и 50 лет.", "ru", (2, 2)),
        ("Three women aged 30, 41 and 59 were injured.", "en", (None, 3)),
        # a count with its own casualty word, or "ще", is not coordinated with the one before
        ("Загинув чоловік, двоє людей постраждали.", "uk", (1, 2)),
        ("The strike caused the death of one person and eight injuries.", "en", (1, 8)),
        ("Поранено 12 людей, ще 4 людини вважаються зниклими безвісти.", "uk", (None, 12)),
        # "a civilian", "an elderly local": a describing word that is itself the person
        ("A Russian drone killed a civilian near a shop.", "en", (1, None)),
        ("An elderly local was wounded.", "en", (None, 1)),
        # a relative clause about the person just counted
        ("Two men were killed. Another man, who was injured, is in hospital.", "en", (2, 1)),
        ("Загинув чоловік, який їхав на велосипеді, ще двоє поранені.", "uk", (1, 2)),
        # Romanian gerunds: "ucigând doi oameni și rănind alți cinci"
        ("Atacul a lovit orașul, ucigând doi oameni și rănind alți cinci.", "ro", (2, 5)),
        # "took the lives of three" is a death toll; "fought for the life of" is not
        ("Обстрелы унесли жизни трех жителей, еще восемь человек получили ранения.", "ru", (3, 8)),
        ("Медики боролися за життя пацієнта.", "uk", (None, None)),
        # the count after a clause-opening "of the N injured" is part of the N
        ("Из 8 раненых один человек находится в тяжелом состоянии.", "ru", (None, 8)),
        ("Of the five injured, two are children.", "en", (None, 5)),
    ],
)
def test_coordinated_people_and_age_lists(
    text: str, lang: str, expected: tuple[int | None, int | None]
) -> None:
    assert _read(text, lang) == expected


def test_people_itemised_after_a_casualty_word_and_a_dash_are_the_same_people() -> None:
    text = (
        "Еще четверо пострадавших - мужчины 54, 48 и 46 лет и 55-летняя женщина - получили травмы."
    )
    assert _read(text, "ru") == (None, 4)
    # different kinds after the dash: a second toll, not an itemisation
    assert _read("Двое погибших - трое раненых.", "ru") == (2, 3)


def test_oblast_total_itemised_by_settlement_keeps_only_an_unitemised_kind() -> None:
    # 2 + 1 killed are itemised; the 4 injured are counted by no settlement: an oblast-level
    # remainder of 4 injured, and no incident for the 3 killed total.
    text = (
        "Three killed and four injured in Russian attacks on Kherson Oblast. "
        "In the afternoon, Russian shelling killed two residents in the village of Tokarivka. "
        "In the morning, Russian forces struck the village of Bilozerka. "
        "One shell hit a house, killing a 70-year-old woman."
    )
    assert _final(text, "en") == [
        ("UA-65", None, None, 4),
        ("UA-65", "Bilozerka", 1, None),
        ("UA-65", "Tokarivka", 2, None),
    ]


def test_a_region_wide_rest_after_a_settlement_is_its_own_oblast_incident() -> None:
    # The daily total (1 killed, 6 injured) is told again as Kramatorsk's 1 killed and the
    # oblast's 6 injured: two incidents, and the total is neither of them.
    text = (
        "Ворог за добу вбив одного цивільного на Донеччині, ще шестеро постраждали. "
        "За його словами, 10 червня росіяни вбили одного жителя Донеччини у Краматорську. "
        "Ще 6 людей в області за добу зазнали поранень."
    )
    assert _final(text, "uk") == [("UA-14", None, None, 6), ("UA-14", "Kramatorsk", 1, None)]


def test_a_region_wide_count_itemised_below_adds_nothing() -> None:
    # The 3 injured "in the region" are the 2 + 1 listed after them.
    text = (
        "Внаслідок обстрілів за добу на Донеччині загинула одна людина у Краматорську. "
        "Ще 3 людини в області отримали поранення. "
        "У Слов'янську поранені двоє людей. У Лимані поранений чоловік."
    )
    got = _final(text, "uk")
    assert ("UA-14", None, None, 3) not in got
    assert sum(r[3] or 0 for r in got) == 3


def test_overall_tallies_and_counts_of_strikes_are_not_casualties() -> None:
    text = (
        "Росіяни вбили 2 жителів Донеччини у Краматорську. Загальна кількість жертв на "
        "Донеччині (3 664 загиблих і 8 210 поранених) подана без урахування Маріуполя."
    )
    assert _final(text, "uk") == [("UA-14", "Kramatorsk", 2, None)]
    # "щонайменше семи ударів": seven strikes, not seven people
    assert _read("Внаслідок щонайменше семи ударів травм зазнали троє людей.", "uk") == (None, 3)


def test_another_after_an_itemised_person_adds_to_that_person_not_to_the_total() -> None:
    # 5 injured in all: one man in hospital and "four more" with light wounds.
    text = (
        "В Никополе в результате попадания FPV-дрона пострадали пятеро жителей. "
        "60-летний мужчина госпитализирован в тяжелом состоянии. Еще четверо пострадавших "
        "получили более легкие травмы."
    )
    assert _final(text, "ru") == [("UA-12", "Nikopol", None, 5)]
    # without a total before, "another" still adds: 1 + 4
    text = (
        "В Никополе в результате попадания FPV-дрона ранен мужчина. "
        "Еще четверо пострадавших получили более легкие травмы."
    )
    assert _final(text, "ru") == [("UA-12", "Nikopol", None, 5)]


def test_a_police_count_for_the_oblast_after_a_settlement_is_not_the_settlement_toll() -> None:
    text = (
        "В Константиновке Донецкой области после удара авиабомбами двое погибших, восемь "
        "раненых. По данным полиции в области, обстрелы унесли жизни трех жителей, еще "
        "восемь человек получили ранения."
    )
    assert _final(text, "ru") == [("UA-14", None, 3, 8), ("UA-14", "Kostiantynivka", 2, 8)]


@pytest.mark.parametrize(
    ("text", "lang", "incidents"),
    [
        # air defence at work, explosions heard, nothing hit: no incident
        ("Утром в Киеве раздались звуки взрывов. В столице на фоне атаки дронов работала ПВО.",
         "ru", 0),
        ("У Вишгородському районі Київщини сили ППО збили ворожий дрон. Постраждалих немає, "
         "пожежі відсутні.", "uk", 0),
        # the same with debris that damaged a house, or a person hurt: an incident (the house
        # in a named village: damage named only by raion makes none, labelling rule 3)
        ("У Вишгородському районі Київщини сили ППО збили ворожий дрон. Уламки пошкодили "
         "приватний будинок у селі Лютіж.", "uk", 1),
        ("Air defence shot down a drone over Kharkiv region; debris injured a woman.", "en", 1),
        # debris falling is an impact: a report (with no victims) even without damage
        ("Nicio victimă după ce resturile unei rachete doborâte au căzut pe un câmp din "
         "regiunea Kiev.", "ro", 1),
    ],
)  # fmt: skip
def test_air_defence_alone_is_no_incident(text: str, lang: str, incidents: int) -> None:
    assert len(_final(text, lang)) == incidents


def test_a_dated_back_reference_is_its_own_incident_with_its_own_place() -> None:
    # Today's FPV strike (no settlement) and the recalled 9 June strike on Orikhiv.
    text = (
        "У Запорізькій області внаслідок атаки FPV-дрона поранено 74-річного чоловіка. "
        "Нагадаємо, 9 червня росіяни вдарили FPV-дроном по маршрутці в Оріхові. "
        "Одна людина отримала поранення."
    )
    df = extract_incidents(text, published_at=PUBLISHED, lang="uk")
    rows = {(r["settlement"], r["injured"], r["date"]) for r in final_incidents(df)}
    assert rows == {(None, 1, "2025-06-11"), ("Orikhiv", 1, "2025-06-09")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a month so far is no daily toll; a whole-word age is an age
        ("З початку вересня через атаки дронів в області загинули четверо людей.", "uk",
         (None, None)),
        ("A seven-year-old boy and a 54-year-old woman were injured.", "en", (None, 2)),
        ("A Ukrainian citizen was killed and five foreigners were injured.", "en", (1, 5)),
    ],
)  # fmt: skip
def test_month_tallies_word_ages_and_citizens(
    text: str, lang: str, expected: tuple[int | None, int | None]
) -> None:
    s = analyse_sentence(text, 0, len(text), lang)
    assert (s.cas.killed and s.cas.killed.value, s.cas.injured and s.cas.injured.value) == expected


def test_no_victims_damaged_things_and_the_place_after_a_back_reference() -> None:
    text = (
        "В неділю, 8 червня, російські війська атакували Очаків дроном. Пошкоджено приватний "
        "будинок. Постраждалих серед населення немає. Нагадаємо, 6 червня Очаківську громаду "
        "атакували FPV-дрони. Внаслідок одного з ударів у селі Дніпровське постраждав "
        "приватний будинок."
    )
    df = extract_incidents(text, published_at=PUBLISHED, lang="uk")
    rows = {(r["settlement"], r["killed"], r["injured"], r["date"]) for r in final_incidents(df)}
    # "постраждалих немає": no one killed or hurt; "постраждав будинок" is damage, no person;
    # Dniprovske is of the recalled day, not of the publication day
    assert ("Ochakiv", 0, 0, "2025-06-08") in rows
    assert ("Dniprovske", None, None, "2025-06-06") in rows


def test_a_corrected_toll_is_not_raised_by_the_figure_it_corrects() -> None:
    text = (
        "Через обстріл Херсона 10 червня загинули дві жінки, а не три, як повідомлялося "
        "раніше. Станом на 17:00 підтверджено загибель двох жінок. Ще 28 осіб дістали "
        "поранення. Попередньо було повідомлено про трьох загиблих жінок."
    )
    assert _final(text, "uk") == [("UA-65", "Kherson", 2, 28)]
    # an earlier figure alone is still a figure
    assert _read("Попередньо повідомлялося про трьох загиблих.", "uk") == (3, None)


def test_may_after_of_is_a_month_and_as_earlier_reported_is_a_back_reference() -> None:
    text = (
        "Last night Russian drones hit Sumy region: in the Bilopillia community a civilian was "
        "killed. As earlier reported, Russian forces carried out nearly 70 strikes across the "
        "Sumy region between the morning of May 27 and the morning of May 28, leaving nine "
        "people wounded."
    )
    df = extract_incidents(text, published_at=dt.datetime(2025, 5, 29, 9, 0), lang="en")
    rows = {(r["killed"], r["injured"], r["date"]) for r in final_incidents(df)}
    assert rows == {(1, None, "2025-05-29"), (None, 9, "2025-05-27")}
    assert _read("May 5 people were hurt.", "en") == (None, 5)  # "may" as a verb stays
