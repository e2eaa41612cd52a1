"""A toll over a list of three or more places, some of which no gazetteer resolves.

"Четверо людей зазнали поранень: у Дружківці, Лимані, Слов'янську та Ганнівці": the four are
the list's, not any one town's (labelling rule 2: one incident, ``settlement`` null, the oblast
kept). :func:`analytics.bulletins.shared_tolls.lists_settlements` sees a list only when every
name in it resolves; a village no gazetteer knows (or a name several oblasts share) broke the
list, and the toll went to the one town it resolved. :func:`names_list` reads the list from the
text itself: three or more capitalised names joined by commas and a closing "and" / "та" /
"і" / "и" / "și", a preposition or designator allowed before each. :mod:`analytics.bulletins.colons25`
joins a toll sentence ending in a colon to such a list after it.
"""

from __future__ import annotations

import re
from typing import Final, Protocol

from analytics.bulletins.places import Place
from analytics.bulletins.shared_tolls import lists_settlements, unplace

__all__ = ["NAME_RE", "list_raw", "list_spans", "names_list", "shared_places"]

#: A capitalised name (Latin, Cyrillic, Romanian letters), apostrophes and hyphens inside.
NAME_RE: Final = re.compile(r"[A-ZА-ЯІЇЄҐĂÂÎȘȚŞŢ][\w'’ʼ-]*\w")
_PREP: Final = r"(?:(?:у|в|во|в\s+селі|в\s+селе|in|la|în|din|с\.|смт|м\.|г\.)\s+)?"
#: What stands between two names of one list: a comma, or a closing conjunction.
_COMMA_RE: Final = re.compile(rf",\s+{_PREP}")
_AND_RE: Final = re.compile(rf",?\s+(?:та|і|й|и|and|și|şi|si)\s+{_PREP}")
#: Names in a list at least (two commas and a conjunction).
MIN_NAMES: Final = 3


def list_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the name lists in ``text``: one pass over its capitalised names."""
    spans: list[tuple[int, int]] = []
    start = end = -1
    count = 0
    for m in NAME_RE.finditer(text):
        gap = text[end : m.start()] if end >= 0 else ""
        if end >= 0 and _COMMA_RE.fullmatch(gap):
            count, end = count + 1, m.end()
            continue
        if end >= 0 and count >= MIN_NAMES - 1 and _AND_RE.fullmatch(gap):
            spans.append((start, m.end()))  # the closing name
        start, end, count = m.start(), m.end(), 1
    return spans


def names_list(text: str, places: list[Place]) -> bool:
    """Whether every settlement ``places`` names stands in one list of three or more names.

    Examples
    --------
    >>> a = Place("UA-14", "Краматорську", "Kramatorsk")
    >>> names_list("Троє поранені у Краматорську, Лимані, Миколаївці та Райгородку.", [a])
    True
    >>> names_list("У Краматорську троє поранені, пошкоджено будинки.", [a])
    False
    """
    named = [p for p in places if p.settlement]
    if not named or text.count(",") < MIN_NAMES - 2:
        return False
    return any(all(a <= text.find(p.raw, a) < b for p in named) for a, b in list_spans(text))


def shared_places(text: str, places: list[Place]) -> list[Place] | None:
    """A toll sentence's places with no settlement, when they are one list
    (:func:`analytics.bulletins.shared_tolls.lists_settlements` or :func:`names_list`)."""
    if lists_settlements(text, places) or names_list(text, places):
        return unplace(places)
    return None


class _Told(Protocol):
    shared: bool
    places: list[Place]


def list_raw(s: _Told, default: str | None) -> str | None:
    """The place as written of an oblast-wide context opened by sentence ``s``: for a toll over
    a list of places, the list ("Kramatorsk, Sloviansk"), so that its incident is never the
    settlement named before it; else ``default`` (the oblast as written before)."""
    return ", ".join(p.raw for p in s.places) if s.shared and s.places else default
