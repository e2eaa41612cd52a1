"""An age told with its unit inside a list of people: "мужчина 72 года и женщина" (round 24).

"Пострадали мужчина 72 года и женщина 76 лет", "постраждали чоловік 30 років та жінка", "a man
72 years old and a woman" are two people: the age after the first noun stands between the two
person nouns and must not keep them apart, as an age set off by commas ("a woman, 64, and a
man") already does not (:func:`analytics.bulletins.ages.comma_age`).
"""

from __future__ import annotations

import analytics.bulletins.lexicon as lx
from analytics.bulletins.ages import AGE_UNIT, comma_age

__all__ = ["set_off_age", "unit_age"]


def _age_end(toks: list[str], i: int) -> int | None:
    """End of an age phrase starting at ``i``: "72 года", "72 years old", "de 72 de ani"."""
    j = i + 1 if toks[i] == "de" else i
    if j >= len(toks) or not toks[j].isdigit():
        return None
    j += 2 if j + 1 < len(toks) and toks[j + 1] == "de" else 1
    if j >= len(toks) or toks[j] not in AGE_UNIT:
        return None
    return j + 2 if j + 1 < len(toks) and toks[j + 1] == "old" else j + 1


def unit_age(toks: list[str], k: int) -> bool:
    """Whether token ``k`` is part of an age told with its unit right after a word ("мужчина
    72 года", "a man 72 years old", "un bărbat de 72 de ani"); the window is four tokens.

    Examples
    --------
    >>> toks = ["мужчина", "72", "года", "и", "женщина"]
    >>> [unit_age(toks, k) for k in range(len(toks))]
    [False, True, True, False, False]
    >>> [unit_age(["a", "man", "72", "years", "old", "and"], k) for k in (2, 4, 5)]
    [True, True, False]
    >>> unit_age(["пострадали", "72", "человека"], 1)
    False
    """
    if not 0 <= k < len(toks):
        return False
    for i in range(max(1, k - 3), k + 1):  # an age after a word, never opening the sentence
        end = _age_end(toks, i)
        if end is not None and k < end:
            return True
    return False


def set_off_age(toks: list[str], k: int) -> bool:
    """Whether token ``k`` is part of an age that does not separate two people of a list: an
    age word ("66-річна"), an age set off by commas ("a woman, 64, and a man") or an age with
    its unit (:func:`unit_age`).

    Examples
    --------
    >>> toks = ["a", "woman", ",", "64", ",", "and", "a", "man"]
    >>> [k for k in range(len(toks)) if set_off_age(toks, k)]
    [3, 4]
    """
    return bool(
        lx.AGE_TOKEN.fullmatch(toks[k])
        or comma_age(toks, k)
        or comma_age(toks, k - 1)
        or unit_age(toks, k)
    )
