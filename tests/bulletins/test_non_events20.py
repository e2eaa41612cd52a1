"""Round 20 (issue 11): texts that report no incident, and casualties told with no number.

Every text is invented for these tests. A possible attack announced, a tally over a week, an
indictment of a past strike and a missile "launched from" a place make no incident; "there are
dead and wounded" after air defence at work keeps the hit place's incident with unknown tolls.
Controls: the same texts with a hit, a one-day toll or no trial keep their incidents.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.non_events20 import (
    NO_HIT_MORE_RE,
    PERIOD_RE,
    TRIAL_RE,
    UNNUMBERED_TOLL_RE,
)
from analytics.bulletins.numbers import fold
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Explosions were heard in Kyiv. Officials warned of a possible missile attack and "
         "urged people to stay in shelters.", "en"),
        ("У Києві пролунали вибухи. Влада попередила про можливу ракетну атаку.", "uk"),
        ("В Киеве раздались взрывы. Власти сообщили о возможной ракетной атаке.", "ru"),
        ("Explozii au fost auzite la Kiev. Autoritățile au transmis avertismente privind un "
         "posibil atac cu rachete și drone.", "ro"),
    ],
)  # fmt: skip
def test_a_possible_attack_is_no_incident(text: str, lang: str) -> None:
    assert rows(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("It comes after a week in which Russian missile attacks on Ukrainian cities killed "
         "23 people, including in Odesa.", "en"),
        ("Протягом тижня російські ракетні удари по Одесі вбили 23 людей.", "uk"),
        ("В течение недели российские ракетные удары по Одессе убили 23 человека.", "ru"),
        ("A fost o săptămână în care atacurile rusești cu rachete asupra Odesei au ucis 23 de "
         "oameni.", "ro"),
    ],
)  # fmt: skip
def test_a_week_long_tally_is_no_incident(text: str, lang: str) -> None:
    assert rows(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A Russian colonel was indicted for ordering the missile strike on Odesa in which "
         "eight people were killed.", "en"),
        ("Російського полковника судитимуть за наказ завдати ракетного удару по Одесі, "
         "внаслідок якого загинули вісім людей.", "uk"),
        ("В Одессе будут судить российского полковника, который отдал приказ нанести ракетный "
         "удар по городу. Погибли восемь человек.", "ru"),
        ("Un colonel rus a fost trimis în judecată pentru atacul cu rachete asupra Odesei, în "
         "care au murit opt oameni.", "ro"),
    ],
)  # fmt: skip
def test_an_indictment_of_a_past_strike_is_no_incident(text: str, lang: str) -> None:
    assert rows(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The missile was launched from occupied Crimea.", "en"),
        ("Ракету запустили з окупованої території Криму.", "uk"),
        ("Ракету запустили с оккупированной территории Крыма.", "ru"),
        ("Racheta a fost lansată din Crimeea ocupată.", "ro"),
    ],
)  # fmt: skip
def test_a_launch_site_is_no_incident(text: str, lang: str) -> None:
    assert rows(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russia struck Kremenchuk with missiles. Air defence shot down one missile. "
         "Unfortunately, there are dead and wounded.", "en"),
        ("Ворог завдав ракетних ударів по Кременчуку. Одну ракету збили сили ППО. На жаль, є "
         "загиблі і поранені.", "uk"),
        ("Враг нанес ракетные удары по Кременчугу. Одну ракету сбила ПВО. К сожалению, есть "
         "погибшие и раненые.", "ru"),
        ("Rușii au lovit orașul Kremenciuk cu rachete. Apărarea antiaeriană a doborât o rachetă. Din "
         "păcate, există morți și răniți.", "ro"),
    ],
)  # fmt: skip
def test_casualties_with_no_number_keep_the_incident(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-53", "Kremenchuk", None, None)]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        ("Officials warned of a possible missile attack. Later a missile hit a house in "
         "Kremenchuk, injuring two people.", "en", [("UA-53", "Kremenchuk", None, 2)]),
        ("Over the past day a missile hit a house in Kremenchuk, injuring two people.", "en",
         [("UA-53", "Kremenchuk", None, 2)]),
        # air defence at work with no one hurt and nothing hit stays no incident
        ("Ворог завдав ракетних ударів по Кременчуку. Одну ракету збили сили ППО.", "uk", []),
        ("Russia fired missiles at Kremenchuk. Air defence shot down one missile. There were no "
         "casualties.", "en", []),
    ],
)  # fmt: skip
def test_controls_keep_their_incidents(text: str, lang: str, want: list[object]) -> None:
    assert rows(text, lang) == want


@pytest.mark.parametrize(
    ("pattern", "negative"),
    [
        (NO_HIT_MORE_RE, "a missile hit a house in the city"),
        (PERIOD_RE, "over the past day two people were killed"),
        (TRIAL_RE, "prosecutors opened criminal proceedings over the strike"),
        (UNNUMBERED_TOLL_RE, "немає загиблих і поранених"),
        (UNNUMBERED_TOLL_RE, "there were no casualties"),
        (UNNUMBERED_TOLL_RE, "nu au fost victime"),
        (UNNUMBERED_TOLL_RE, "au fost niciun ranit"),
        (UNNUMBERED_TOLL_RE, "есть ли пострадавшие"),
    ],
)
def test_cues_do_not_match_ordinary_reports(pattern: object, negative: str) -> None:
    assert not pattern.search(fold(negative))  # type: ignore[attr-defined]


def test_cues_finish_on_long_text() -> None:
    units = {
        "possible": "possible possible attack ",
        "week": "a week a week in which ",
        "є": "є є є загиблі ",
        "запустили": "запустили запустили с ",
    }
    assert finished(units, lang="en") == list(units)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russian troops attacked Kyiv oblast overnight. In Bucha district eight private houses "
         "were damaged.", "en"),
        ("Уночі російські війська атакували Київську область. У Бучанському районі пошкоджено "
         "вісім приватних будинків.", "uk"),
        ("Ночью российские войска атаковали Киевскую область. В Бучанском районе повреждены "
         "восемь частных домов.", "ru"),
        ("Trupele ruse au atacat regiunea Kiev. În raionul Bucea au fost avariate opt case.",
         "ro"),
    ],
)  # fmt: skip
def test_damage_told_only_of_a_raion_is_no_incident(text: str, lang: str) -> None:
    assert rows(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        # the same raion with a toll, and a settlement with damage: incidents (controls)
        ("Уночі російські війська атакували Київську область. У Бучанському районі поранено "
         "двох людей.", "uk", [("UA-32", None, None, 2)]),
        ("Ночью дрон ударил по Буче, повреждены восемь частных домов.", "ru",
         [("UA-32", "Bucha", None, None)]),
    ],
)  # fmt: skip
def test_controls_a_toll_or_a_settlement_keeps_the_incident(
    text: str, lang: str, want: list[object]
) -> None:
    assert rows(text, lang) == want


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russian missiles struck Poltava region overnight. There were no reports of "
         "casualties.", "en"),
        ("Уночі російські ракети вдарили по Полтавщині. Відомостей про загиблих або "
         "постраждалих на цей момент не надходило.", "uk"),
        ("Ночью российские ракеты ударили по Полтавской области. Информации о погибших и "
         "пострадавших не поступало.", "ru"),
        ("Rachete rusești au lovit regiunea Poltava. Nu există informații despre victime.",
         "ro"),
    ],
)  # fmt: skip
def test_no_report_of_casualties_is_a_zero(text: str, lang: str) -> None:
    assert rows(text, lang) == [("UA-53", None, 0, 0)]


def test_control_no_report_of_the_injured_alone_is_no_zero() -> None:
    text = "По Харькову ударил дрон, повреждены дома. Информация о пострадавших пока не поступала."
    assert rows(text, "ru") == [("UA-63", "Kharkiv", None, None)]


def test_no_report_rule_finishes_on_long_text() -> None:
    units = {"про": "відомостей про про ", "reports": "no reports of no reports of "}
    assert finished(units, lang="uk") == list(units)
