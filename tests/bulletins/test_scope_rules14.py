"""Round 14 (issue 11): strikes by Ukraine and on Russian territory are no incidents.

Labelling rule 6: a strike made by Ukraine, or one on Russian soil, is out of scope. The
attacker may be named in one sentence of the run about a place and the toll in another; a
Russian region must not take a Ukrainian oblast from a background mention. Every text is
invented for these tests; each expected toll is counted by hand from the text.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.extract import extract_incidents
from analytics.bulletins.numbers import fold
from analytics.bulletins.scope import RUSSIAN_REGION_RE, UKRAINE_ATTACKER_RE
from analytics.bulletins.scoring import final_incidents
from tests.bulletins.hang import finished

#: Noon in Kyiv on Monday 2 June 2025.
NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


def _rows(text: str, lang: str) -> list[tuple[str | None, int | None, int | None]]:
    df = extract_incidents(text, published_at=NOON, lang=lang)
    return [(d["oblast"], d["killed"], d["injured"]) for d in final_incidents(df)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # the attacker in the first sentence, the toll in a later one that does not name it
        (
            "Ukrainian forces shelled the administration building in Kherson region. "
            "The governor said two people were killed.",
            "en",
        ),
        (
            "Two people were killed in Kherson in a Ukrainian attack, an occupation official said.",
            "en",
        ),
        (
            "Украинские войска обстреляли здание администрации в Херсонской области. "
            "В результате удара погибли два человека.",
            "ru",
        ),
        ("Удар ВСУ по Херсонской области: погибли два человека.", "ru"),
        (
            "ЗСУ атакували склад окупантів у Херсонській області. Загинули двоє людей.",
            "uk",
        ),
        (
            "Un atac ucrainean a lovit clădirea administrației din regiunea Herson. "
            "Două persoane au murit.",
            "ro",
        ),
    ],
)
def test_strike_by_ukraine_is_no_incident(text: str, lang: str) -> None:
    assert _rows(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Russia named as the attacker first: the other side's later claim and figure drop
        (
            "A Russian strike on Zaporizhzhia region killed 5 and injured 7. "
            "An occupation official claims the strike was carried out by Ukraine's army. "
            "He reports 5 dead and 12 wounded.",
            "en",
            ("UA-23", 5, 7),
        ),
        (
            "Российский удар по Запорожской области: погибли 5 человек, ранены 7. "
            "Оккупационные власти заявили об ударе ВСУ. Они сообщили о 12 раненых.",
            "ru",
            ("UA-23", 5, 7),
        ),
    ],
)
def test_counter_claim_after_russia_named_is_dropped(
    text: str, lang: str, expected: tuple[str, int, int]
) -> None:
    assert _rows(text, lang) == [expected]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Russia downs drone. Debris over Russia's Kursk region killed two people. "
            "Ukraine has struck targets in Russia and in Russia-annexed Crimea.",
            "en",
        ),
        (
            "Обломки дрона упали в Брянской области, погиб один человек. Ранее был удар по Крыму.",
            "ru",
        ),
        ("У Бєлгородській області загинула одна людина. Раніше вибухи лунали в Криму.", "uk"),
        (
            "Două persoane au murit în regiunea Belgorod. Anterior au fost explozii în Crimeea.",
            "ro",
        ),
    ],
)
def test_toll_on_russian_soil_takes_no_oblast_from_background(text: str, lang: str) -> None:
    assert _rows(text, lang) == []


def test_russian_soil_after_a_ukrainian_toll_is_trimmed() -> None:
    text = (
        "A Russian drone killed 3 people in Kharkiv. "
        "In Russia, one person was wounded by shelling in the Belgorod region."
    )
    assert _rows(text, "en") == [("UA-63", 3, None)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Ukraine defending is no attacker: air defence, a launch site named in passing
        ("ЗСУ збили 10 дронів, але один влучив у будинок у Харкові: поранено двох людей.", "uk", 2),
        (
            "A Russian missile launched from Belgorod region hit Kharkiv, injuring 2 people.",
            "en",
            2,
        ),
        (
            "Украинские военные сообщили, что в Харькове после обстрела ранены два человека.",
            "ru",
            2,
        ),
    ],
)
def test_ukraine_named_without_attacking_stays_an_incident(
    text: str, lang: str, expected: int
) -> None:
    rows = _rows(text, lang)
    assert [(c, i) for c, _, i in rows] == [("UA-63", expected)]


def test_cue_patterns() -> None:
    assert UKRAINE_ATTACKER_RE.search(fold("Ukrainian drones hit a depot"))
    assert UKRAINE_ATTACKER_RE.search(fold("в результате обстрела со стороны ВСУ"))
    assert not UKRAINE_ATTACKER_RE.search(fold("ЗСУ збили 20 дронів"))
    assert RUSSIAN_REGION_RE.search(fold("в Курской области"))
    assert not RUSSIAN_REGION_RE.search(fold("у Харківській області"))


def test_scope_rules_hang_deadline() -> None:
    """200 KB of attacker cues finishes (a hang deadline, not a timing assertion)."""
    units = {"attacker cues": "Ukrainian forces shelled Kursk region, Russia attacked. "}
    assert finished(units, lang="en") == list(units)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "victime" set apart from "răniți" are the dead: 3 dead and 18 injured, counted
        (
            "La Kiev, autoritățile au indicat cel puțin trei victime și 18 răniți după atac.",
            (3, 18),
        ),
        ("La Harkov, un atac cu drone a făcut 18 răniți și două victime.", (2, 18)),
        # "victime" alone may be dead or hurt: no count is guessed
        ("La Odesa, un atac cu drone a făcut trei victime.", (None, None)),
    ],
)
def test_romanian_victims_beside_injured_are_the_dead(
    text: str, expected: tuple[int | None, int | None]
) -> None:
    assert [(k, i) for _, k, i in _rows(text, "ro")] == [expected]


def test_victims_pattern_hang_deadline() -> None:
    """200 KB of "victime și răniți" finishes (a hang deadline, not a timing assertion)."""
    units = {"victims beside injured": "trei victime și răniți și "}
    assert finished(units, lang="ro", prefix="La Kiev ") == list(units)
