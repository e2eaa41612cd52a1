"""Round 12 (issue 11): rules that cross modules: frequency adjectives are no tally, a
correction announced without numbers, died-of-wounds restatements, itemised oblast totals and
second strikes on one place.

Every text is invented for these tests; each expected figure is counted by hand from the text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.lexicon import CUMULATIVE_RE
from analytics.bulletins.numbers import fold
from analytics.bulletins.scoring import final_incidents
from analytics.bulletins.timephrases import resolve_time
from analytics.bulletins.toll_lexicon import TRANSFER_RE
from tests.bulletins.hang import finished

#: Noon in Kyiv on Monday 2 June 2025.
NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


def _rows(text: str, lang: str) -> list[tuple[str | None, str | None, int | None, int | None]]:
    df = extract_incidents(text, published_at=NOON, lang=lang)
    got = [(d["oblast"], d["settlement"], d["killed"], d["injured"]) for d in final_incidents(df)]
    return sorted(got, key=str)


# ----------------------------------------------------------------- 1. frequency adjectives
@pytest.mark.parametrize(
    ("text", "tally"),
    [
        ("Russia resumed its nearly weekly strikes on the power grid.", False),
        ("The weekly attacks on the port continued on Sunday.", False),
        ("Щотижневі удари по енергетиці тривають.", False),
        ("Еженедельные обстрелы города продолжаются.", False),
        ("Atacurile săptămânale asupra orașului continuă.", False),
        # tally wording stays a tally
        ("Russia launched 1,200 drones this week.", True),
        ("About 500 drones per week hit Ukrainian cities.", True),
        ("Since the start of the week 14 civilians were killed.", True),
        ("За тиждень загинули 14 цивільних.", True),
        ("За неделю погибли 14 мирных жителей.", True),
        ("The monthly report said 214 civilians were killed.", True),
        ("Potrivit raportului lunar, 214 civili au fost uciși.", True),
    ],
)
def test_only_tally_wording_is_cumulative(text: str, tally: bool) -> None:
    assert bool(CUMULATIVE_RE.search(fold(text))) is tally


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "A missile hit a house in Dnipro, killing two people.\nRussia also struck Kyiv and "
            "Kharkiv on the same day, in its nearly weekly strikes on the power grid.",
            "en",
            [("UA-12", "Dnipro", 2, None), ("UA-30", "Kyiv", None, None),
             ("UA-63", "Kharkiv", None, None)],
        ),
        (
            "Ракета влучила в будинок у Дніпрі, загинули двоє людей.\nЦього тижня Росія "
            "випустила 1 200 дронів, від ударів загинули 40 людей.",
            "uk",
            [("UA-12", "Dnipro", 2, None)],
        ),
    ],
)  # fmt: skip
def test_frequency_adjective_keeps_the_strikes(
    text: str, lang: str, expected: list[tuple[str | None, str | None, int | None, int | None]]
) -> None:
    assert _rows(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("It was the deadliest strike since September 30, officials said on Saturday.", 31),
        ("The worst attack since 12 May hit the city yesterday.", 1),
        ("The strike on May 30 killed two.", 30),
    ],
)
def test_a_date_after_since_is_not_the_strikes(text: str, day: int) -> None:
    when = resolve_time(fold(text), NOON)
    assert when is not None and when.date.day == day


# ----------------------------------------------------------------- 2. corrections, bare figures
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a correction announced without numbers: the next figures replace the earlier ones
        ("A missile hit the port of Odesa: five dead and nine injured.\nLater the governor "
         "specified the number of victims.\nSix people died, eight were injured.",
         "en", [("UA-51", "Odesa", 6, 8)]),
        ("Ракета попала в порт Одессы, погибли пять человек, ранены девять.\nПозже глава ОВА "
         "уточнил количество пострадавших.\nПогибли шесть человек, ранены восемь.",
         "ru", [("UA-51", "Odesa", 6, 8)]),
        ("Ракета влучила в порт Одеси, загинули п'ятеро людей, поранені дев'ятеро.\nЗгодом в ОВА "
         "уточнили кількість постраждалих.\nЗагинули шестеро людей, поранені восьмеро.",
         "uk", [("UA-51", "Odesa", 6, 8)]),
        ("O rachetă a lovit portul Odesa: cinci morți și nouă răniți.\nGuvernatorul a precizat "
         "numărul victimelor.\nȘase oameni au murit, opt au fost răniți.",
         "ro", [("UA-51", "Odesa", 6, 8)]),
        # without the correction the later figures merge with the earlier (the larger is kept)
        ("A missile hit the port of Odesa: five dead and nine injured.\nSix people died, eight "
         "were injured.", "en", [("UA-51", "Odesa", 6, 9)]),
        # a bare new figure counts the kind last mentioned
        ("A drone hit a bus in Marhanets, killing nine people.\nThe number of wounded is "
         "growing.\nAs of now, there are 30 of them.", "en", [("UA-12", "Marhanets", 9, 30)]),
        ("Drone rusești au lovit Odesa, rănind 23 de persoane.\nCifra a crescut ulterior la 35.",
         "ro", [("UA-51", "Odesa", None, 35)]),
        ("Дрон атаковал Одессу, ранены 23 человека.\nПо последним данным, их уже 35.",
         "ru", [("UA-51", "Odesa", None, 35)]),
        ("Дрон атакував Одесу, загинули двоє людей.\nЗа уточненими даними, їх вже троє.",
         "uk", [("UA-51", "Odesa", 3, None)]),
        # both kinds told last: the bare figure counts neither
        ("A drone hit Odesa, killing two and injuring five.\nThe figure later rose to 9.",
         "en", [("UA-51", "Odesa", 2, 5)]),
    ],
)  # fmt: skip
def test_correction_and_bare_figure(
    text: str, lang: str, expected: list[tuple[str | None, str | None, int | None, int | None]]
) -> None:
    assert _rows(text, lang) == expected


# ----------------------------------------------------------------- linear time
#: Units repeated to 200 KB, one for each pattern added in round 12 (no time is asserted: the
#: texts run in a subprocess under a generous hang deadline).
PATHOLOGICAL = {
    "since a date": "since 30 September ",
    "bare figures": "their figure rose to 35. ",
    "their count": "їх вже ",
    "corrections": "уточнили кількість. Загинули двоє. ",
    "of them": "there are 30 of them ",
    "reports": "weekly report ",
}


def test_pathological_round12_texts_finish() -> None:
    assert finished(PATHOLOGICAL, lang="uk") == list(PATHOLOGICAL)


# ----------------------------------------------------------------- 3. hospital deaths told twice
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the lead told the death; the injured list, written earlier, still held the child
        ("Дрони атакували Запоріжжя: загинула дитина.\nПоранені троє людей: чоловік, жінка та "
         "хлопчик.\nНа жаль, у лікарні дитина померла.", "uk", [("UA-23", "Zaporizhzhia", 1, 2)]),
        ("Дроны атаковали Запорожье: погиб ребенок.\nРанены три человека: мужчина, женщина и "
         "мальчик.\nК сожалению, в больнице ребенок умер.", "ru",
         [("UA-23", "Zaporizhzhia", 1, 2)]),
        # a death not told before: one person moves from injured to killed
        ("Дрони атакували Запоріжжя, поранені троє людей.\nНа жаль, у лікарні дитина померла.",
         "uk", [("UA-23", "Zaporizhzhia", 1, 2)]),
        # another person killed before: the hospital death is a new one
        ("Дрони атакували Запоріжжя: загинув чоловік, поранені троє людей.\nУ лікарні дитина "
         "померла.", "uk", [("UA-23", "Zaporizhzhia", 2, 2)]),
        ("A drone hit Zaporizhzhia, killing a man and wounding three people.\nOne of the wounded "
         "died in hospital.", "en", [("UA-23", "Zaporizhzhia", 2, 2)]),
        ("O dronă a lovit orașul Zaporojie, trei persoane au fost rănite.\nLa spital, un bărbat a murit.",
         "ro", [("UA-23", "Zaporizhzhia", 1, 2)]),
    ],
)  # fmt: skip
def test_hospital_death_told_in_the_lead_is_not_a_second(
    text: str, lang: str, expected: list[tuple[str | None, str | None, int | None, int | None]]
) -> None:
    assert _rows(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "transfer"),
    [
        ("у лікарні дитина померла", True),
        ("в больнице мужчина скончался", True),
        ("in hospital, the boy later died", True),
        ("la spital, un barbat a murit", True),
        ("у лікарні перебувають троє поранених", False),
    ],
)
def test_hospital_before_the_verb_is_a_transfer(text: str, transfer: bool) -> None:
    assert bool(TRANSFER_RE.search(fold(text))) is transfer
