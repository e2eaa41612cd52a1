"""Round 25 (issue 11): a hospital death told right after the toll it raised is counted once.

Every text is invented for these tests. "The death toll rose to 12. A 57-year-old man died in
hospital": the 12 already count him, so the incident has 12 killed (it had 13). Controls: a
death told as another one, or after a plain count (not a new total), still adds one.
"""

from __future__ import annotations

import pytest

from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

ROSE = {
    "uk": "Кількість загиблих унаслідок російського удару по Кривому Рогу зросла до 12 осіб. У "
    "лікарні помер 57-річний чоловік.",
    "ru": "Число погибших в результате российского удара по Кривому Рогу возросло до 12 "
    "человек. В больнице скончался 57-летний мужчина.",
    "en": "The death toll from the Russian strike on Kryvyi Rih rose to 12. A 57-year-old man "
    "died in hospital.",
    "ro": "Bilanțul morților în urma atacului rusesc asupra orașului Krivoi Rog a crescut la 12. "
    "Un bărbat de 57 de ani a murit la spital.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_death_that_raised_the_toll_is_in_it(lang: str) -> None:
    assert rows(ROSE[lang], lang) == [("UA-12", "Kryvyi Rih", 12, None)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        # told as another death: 12 + 1
        ("uk", "Унаслідок російського удару по Кривому Рогу загинули 12 людей. У лікарні помер "
         "ще один поранений."),
        # a plain count, not a new total: the hospital death adds (12 + 1), as before
        ("en", "A Russian strike on Kryvyi Rih killed 12 people. A wounded man later died in "
         "hospital."),
    ],
)  # fmt: skip
def test_controls_still_add(lang: str, text: str) -> None:
    assert rows(text, lang) == [("UA-12", "Kryvyi Rih", 13, None)]


ALSO = {
    "uk": "Кількість загиблих унаслідок удару по Харкову зросла до 12. У лікарні також померла "
    "жінка.",
    "ru": "Число погибших в результате удара по Харькову возросло до 12. В больнице также "
    "скончалась женщина.",
    "en": "The death toll from the Russian strike on Kharkiv rose to 12. A woman also died in "
    "hospital.",
    "ro": "Bilanțul morților în urma atacului asupra Harkovului a crescut la 12. De asemenea, o "
    "femeie a murit la spital.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en", "ro"])
def test_a_death_told_also_adds_to_the_risen_toll(lang: str) -> None:
    # round 26 (generality audit): "also" tells one more death, not the one the 12 count
    assert rows(ALSO[lang], lang) == [("UA-63", "Kharkiv", 13, None)]


def test_no_hang_on_repeated_rises() -> None:
    unit = "Кількість загиблих зросла до 12 осіб. У лікарні помер чоловік. "
    assert finished({"uk": unit}, lang="uk") == ["uk"]
