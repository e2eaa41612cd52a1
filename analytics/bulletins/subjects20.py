"""Round 20 (issue 11): a one-person subject with a complement ("the driver of the car").

"The driver of the car was injured", "the owner of the house was killed", "șoferul mașinii a
fost rănit": the complement names the person's vehicle or home, not another casualty, so the
definite subject still counts as one person (read by
:func:`analytics.bulletins.casualties.read_casualties`). Tokens are those of
:func:`analytics.bulletins.numbers.tokenize` (folded, lower case).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["person_of", "skip_complement", "time_span"]

#: Articles and determiners after "of" ("of the car", "of a private house", "of this bus").
_DETERMINERS: Final = frozenset({"the", "a", "an", "this", "that", "his", "her", "their"})
#: Verbs that end an English complement ("the driver of the car was ...").
_VERBS: Final = frozenset({"was", "is", "has", "had", "were", "got"})
#: A Romanian genitive noun, with its article ("mașinii", "autobuzului", "casei", "blocului").
_RO_GENITIVE: Final = re.compile(r"\w+(?:ului|ii|ei|lor)")
#: Words an English complement may have after its determiner ("of the private car").
_MAX_WORDS: Final = 2


def person_of(toks: list[str], end: int, person: re.Pattern[str]) -> bool:
    """Whether the mention ending at ``end`` is one person noun with an "of" complement.

    "a resident of Novodanylivka", "the driver of the car": the person is no part of a group
    (as "one of the wounded" is); ``person`` matches singular person nouns
    (``lexicon.PERSON_SINGULAR``).

    Examples
    --------
    >>> person_of("a resident of novodanylivka".split(), 1, re.compile("resident"))
    True
    >>> person_of("one of the wounded".split(), 0, re.compile("resident"))
    False
    """
    return end + 1 < len(toks) and toks[end + 1] == "of" and bool(person.fullmatch(toks[end]))


def skip_complement(toks: list[str], j: int, lang: str) -> int:
    """The index after a complement of a person noun that starts at ``j`` (``j`` if none).

    Examples
    --------
    >>> toks = "the driver of the car was injured".split()
    >>> skip_complement(toks, 2, "en")
    5
    >>> skip_complement("the driver was injured".split(), 2, "en")
    2
    >>> skip_complement("soferul masinii a fost ranit".split(), 1, "ro")
    2
    """
    n = len(toks)
    if lang == "en" and j < n and toks[j] == "of":
        k = j + 1
        if k < n and toks[k] in _DETERMINERS:
            k += 1
        end = min(n, k + _MAX_WORDS)
        words = k
        while words < end and toks[words] not in _VERBS:
            words += 1
        return words if k < words < n and toks[words] in _VERBS else j
    if lang == "ro" and j < n and _RO_GENITIVE.fullmatch(toks[j]) and toks[j] not in {"ei"}:
        return j + 1
    return j


#: Units of time after a number ("24 hours", "24 de ore", "24 години", "48 часов", "три дні").
_TIME_UNIT: Final = re.compile(
    r"hours?|days?|minutes?|weeks?|months?|ore|zile|minute|saptamani|luni|годин\w*|хвилин\w*"
    r"|дн(?:і|ів|я|ей|и)|доб\w*|тижн\w*|місяц\w*|час(?:а|ов)?|минут\w*|сут(?:ки|ок)|недел\w*"
    r"|месяц\w*"
)


def time_span(toks: list[str], j: int) -> bool:
    """Whether the token at ``j`` (after a number) is a unit of time: the number is a span.

    "in the last 24 hours two people were injured", "în ultimele 24 de ore", "за останні 24
    години": 24 counts hours, not people.

    Examples
    --------
    >>> time_span("24 hours two people".split(), 1), time_span("24 de ore".split(), 1)
    (True, True)
    >>> time_span("24 people".split(), 1)
    False
    """
    if j < len(toks) and toks[j] == "de":
        j += 1  # Romanian "24 de ore"
    return j < len(toks) and bool(_TIME_UNIT.fullmatch(toks[j]))
