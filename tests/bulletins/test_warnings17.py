"""Round 17 (issue 11): warnings, siren tests and downed-weapon counts are no incidents.

Every text is invented for these tests. Labelling rule: no incident without a hit, damage or a
toll. A call to take cover during an attack ("urged residents to stay in shelters") names no
place as hit; "air defence destroyed 17 of them" counts downed weapons, not damage on the
ground. Controls: the same sentences beside a hit with a toll, or a house destroyed, stay
incidents.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.contexts import analyse_sentence
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

#: Noon in Kyiv on Monday 2 June 2025 (the time the round-17 tests publish at).
NOON = dt.datetime(2025, 6, 2, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "In Kyiv, the head of the city military administration urged residents to stay in "
            "shelters during a Russian ballistic missile attack.",
            "en",
        ),
        (
            "В Киеве глава городской военной администрации призвал жителей оставаться в "
            "укрытиях из-за угрозы ракетной атаки.",
            "ru",
        ),
        (
            "У Києві голова міської військової адміністрації закликав мешканців залишатися в "
            "укриттях через загрозу ракетної атаки.",
            "uk",
        ),
        (
            "La Kiev, șeful administrației militare a îndemnat locuitorii să rămână în "
            "adăposturi în fața unui atac cu rachete rusești.",
            "ro",
        ),
    ],
)
def test_a_warning_is_no_incident(text: str, lang: str) -> None:
    assert rows(text, lang, NOON) == []


def test_siren_test_with_a_background_launch_count_is_no_incident() -> None:
    text = (
        "Sirens will be tested in Kyiv region on Monday. As reported earlier, Russia fired 20 "
        "cruise missiles at Ukraine overnight, and air defence destroyed 17 of them."
    )
    assert rows(text, "en", NOON) == []


@pytest.mark.parametrize(
    ("downed", "damaged", "lang"),
    [
        (
            "Russia fired 20 missiles at Ukraine, and air defence destroyed 17 of them.",
            "A house was destroyed in Kyiv.",
            "en",
        ),
        (
            "Россия выпустила по Украине 20 ракет, силы ПВО уничтожили 17 из них.",
            "В Киеве уничтожен жилой дом.",
            "ru",
        ),
        (
            "Росія випустила по Україні 20 ракет, сили ППО знищили 17 з них.",
            "У Києві знищено житловий будинок.",
            "uk",
        ),
        (
            "Rusia a lansat 20 de rachete, iar apărarea antiaeriană a distrus 17 dintre ele.",
            "La Kiev a fost distrusă o casă.",
            "ro",
        ),
    ],
)
def test_downed_weapons_are_no_damage(downed: str, damaged: str, lang: str) -> None:
    assert not analyse_sentence(downed, 0, len(downed), lang).damage
    assert analyse_sentence(damaged, 0, len(damaged), lang).damage


@pytest.mark.parametrize(
    ("text", "lang", "row"),
    [
        (
            "In Kyiv, the mayor urged residents to stay in shelters; a Russian missile hit a "
            "house in Kyiv and two people were injured.",
            "en",
            ("UA-30", "Kyiv", None, 2),
        ),
        (
            "У Києві мер закликав мешканців залишатися в укриттях. Російська ракета влучила в "
            "будинок у Києві, двоє людей поранені.",
            "uk",
            ("UA-30", "Kyiv", None, 2),
        ),
        (
            "Russia fired 20 missiles at Kyiv overnight, air defence destroyed 17 of them; a "
            "house was destroyed in Kyiv.",
            "en",
            ("UA-30", "Kyiv", None, None),
        ),
    ],
)
def test_a_warning_beside_a_hit_stays_an_incident(
    text: str, lang: str, row: tuple[str, str, int | None, int | None]
) -> None:
    assert rows(text, lang, NOON) == [row]


def test_warnings_and_downed_counts_do_not_hang() -> None:
    units = {
        "warnings": "urged residents to stay in shelters, warned of a threat of ",
        "downed": "air defence destroyed 17 of them, destroyed 3 of the ",
    }
    assert finished(units, lang="en") == list(units)
