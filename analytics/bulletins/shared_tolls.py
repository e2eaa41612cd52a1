"""Tolls told over two or more settlements at once: no settlement takes them.

"В результате обстрела сёл A и B погибли пять человек", "In A and B, three people were
injured", "Внаслідок обстрілу A та B загинули двоє", "La A și B, trei persoane au fost rănite":
the text does not say how the toll splits between the places, so the incident is the oblast's
(its code kept) with no settlement (labelling rule: a toll over several places has no
settlement), never the first place named.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from analytics.bulletins.numbers import fold
from analytics.bulletins.places import Place, same_settlement

__all__ = ["COORDINATED_RE", "lists_settlements", "unplace"]

#: Words that may stand between two settlements listed together: a comma or a conjunction, a
#: repeated preposition and a settlement designator ("с. A и с. B", "A and the town of B",
#: "A, B та C", "A și orașul B"), all folded.
_FILLER: Final = (
    r"(?:in|at|la|в|во|у|на|the|of|town|city|village|villages|towns|cities|orasul|orasele|"
    r"satul|satele|comuna|localitatea|с\.|с|села|сел|село|селе|селах|смт|пгт|м\.|міста|"
    r"місто|селище|селища|поселок|посёлок|поселка|г\.|город|города)"
)
#: The text between two settlements named as one list: separators and fillers only.
COORDINATED_RE: Final = re.compile(
    rf"^\s*(?:,\s*)?(?:(?:and|si|і|й|та|и|,)\s+)?(?:{_FILLER}\s*){{0,3}}$"
)


def _coordinated(gap: str) -> bool:
    """Whether ``gap`` (folded) joins two places of one list ("A and B", "A, B")."""
    has_joint = "," in gap or re.search(r"(?:^|\s)(?:and|si|і|й|та|и)\s", gap) is not None
    return has_joint and COORDINATED_RE.match(gap) is not None


def lists_settlements(text: str, places: list[Place]) -> bool:
    """Whether a sentence names two or more different settlements as one list.

    ``text`` is the sentence, ``places`` its place mentions: the settlements must follow one
    another with only commas, conjunctions, prepositions and designators between them. Used on
    toll sentences, whose toll then covers the list and no one settlement of it.

    Examples
    --------
    >>> a = Place("UA-63", "Kupiansk", "Kupiansk")
    >>> b = Place("UA-63", "Balakliia", "Balakliia")
    >>> lists_settlements("In Kupiansk and Balakliia, two people died.", [a, b])
    True
    >>> lists_settlements("Two died in Kupiansk; a house burned in Balakliia.", [a, b])
    False
    >>> lists_settlements("In Kupiansk and Kupiansk district, two people died.", [a, a])
    False
    """
    named = [p for p in places if p.settlement]
    if len(named) < 2:
        return False
    if all(same_settlement(named[0].settlement, p.settlement) for p in named):
        return False
    folded = fold(text)
    end = -1
    for p in named:
        at = text.find(p.raw, max(end, 0))
        if at < 0 or (end >= 0 and not _coordinated(folded[end:at])):
            return False
        end = at + len(p.raw)
    return True


def unplace(places: list[Place]) -> list[Place]:
    """The places with no settlement (their oblast kept), for a toll over a list of them."""
    return [replace(p, settlement=None, raion=None) if p.settlement else p for p in places]
