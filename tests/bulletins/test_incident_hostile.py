"""Pathological text for the place and strike-wording rules of round 10 finishes.

No time is asserted: the texts run in a subprocess under a generous hang deadline. A single
capitalised word of 200 KB made the raion pattern quadratic (minutes) before its name was
anchored at the start of a word and bounded in length.
"""

from __future__ import annotations

from tests.bulletins.hang import finished

#: Units repeated to 200 KB, one for each rule added in round 10 (and the raion pattern).
PATHOLOGICAL = {
    "one capitalised word": "А",
    "one capitalised latin word": "Nn",
    "places closed by a unit word": "Marhanets and ",
    "hromada adjectives": "Марганецька ",
    "raion areas": "Нікопольщина ",
    "fire a place came under": "came under ",
    "explosions heard": "пролунали вибухи ",
    "subjects of a hit": "Nikopol was hit. ",
    "possessive districts": "Kharkiv's Kyivskyi district ",
}


def test_pathological_place_texts_finish() -> None:
    assert finished(PATHOLOGICAL, lang="uk") == list(PATHOLOGICAL)
