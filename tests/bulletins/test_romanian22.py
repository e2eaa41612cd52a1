"""Round 22 (issue 11): a Romanian city name with the enclitic article is the city.

Every text is invented for these tests. "Hersonul", "Harkovul" (the masculine article) and a
genitive after "asupra" ("asupra Harkovului", "asupra Odesei") name the city: before, every
oblique form of an oblast centre's name gave the oblast and no settlement. Controls: a region
word before the name ("regiunea Hersonului"), a genitive after another word ("guvernatorul
Hersonului") and a stem that is no settlement ("asupra Crimeei") keep the region.
"""

from __future__ import annotations

import pytest

from analytics.bulletins.places import find_places
from analytics.bulletins.romanian22 import oblique_city
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows


@pytest.mark.parametrize(
    ("text", "oblast", "settlement"),
    [
        ("Rușii au lovit Hersonul. O femeie a fost rănită.", "UA-65", "Kherson"),
        ("Harkovul a fost atacat cu drone. Doi oameni au fost răniți.", "UA-63", "Kharkiv"),
        ("Un atac cu drone asupra Harkovului a rănit doi oameni.", "UA-63", "Kharkiv"),
        ("Un atac cu rachete asupra Odesei a rănit doi oameni.", "UA-51", "Odesa"),
    ],
)
def test_an_article_form_names_the_city(text: str, oblast: str, settlement: str) -> None:
    (row,) = rows(text, "ro")
    assert row[:2] == (oblast, settlement)


@pytest.mark.parametrize(
    "text",
    [
        "Un atac cu drone în regiunea Harkovului a rănit doi oameni.",
        "Guvernatorul Harkovului a anunțat că doi oameni au fost răniți într-un atac cu drone.",
    ],
)
def test_a_region_or_an_authority_keeps_the_region(text: str) -> None:
    (row,) = rows(text, "ro")
    assert row[:2] == ("UA-63", None)


@pytest.mark.parametrize(
    ("text", "settlement"),
    [
        ("asupra Crimeei", None),  # Crimea is no settlement
        ("în regiunea Odesei", None),
        ("administrația regională a Hersonului", None),
        ("rușii au lovit Hersonul", "Herson"),
    ],
)
def test_found_places(text: str, settlement: str | None) -> None:
    (place,) = find_places(text)
    assert place.settlement == settlement


def test_oblique_city_reads_only_a_fixed_window() -> None:
    text = "regiunea " + "x" * 100 + " Hersonul"
    assert oblique_city(text, text.index("Hersonul"), "ul", "Herson") == "Herson"


def test_article_forms_finish_on_long_text() -> None:
    units = {"ul": "Hersonul ", "asupra": "asupra Harkovului ", "region": "regiunea a Odesei "}
    assert finished(units, lang="ro") == list(units)
