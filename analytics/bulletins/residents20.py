"""Round 20 (issue 11): a place named only as where a casualty lives ("a resident of X").

"A 59-year-old resident of Novodanylivka was seriously injured", "постраждав мешканець
Новоданилівки", "ранена жительница села Ольговка", "un locuitor din Novodanîlivka a fost
rănit": the village is the place of the toll, though no locative or strike word names it
(:func:`analytics.bulletins.places.find_places` reads names the gazetteer's oblast finder
does not know only after such words). The name is kept as written, with no oblast, as the
place finder does; :func:`analytics.bulletins.places.canonical_place` resolves it later by
the oblasts the text names (never guessed).
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.places import Place

__all__ = ["PART_OF_RE", "RESIDENT_RE", "with_residents"]

_NAME: Final = (
    r"(?P<name>[A-ZА-ЯІЇЄҐȘŞȚĂÂÎ][a-zа-яіїєґșşțăâî'’ʼ-]{2,}(?: [A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’ʼ-]{2,})?)"
)

#: A resident noun and an optional settlement word, then a capitalised name.
RESIDENT_RE: Final = re.compile(
    r"(?i:\b(?:residents?|natives?) of (?:the (?:village|town|city|settlement) of )?"
    r"|(?<!\w)(?:мешкан(?:ець|ка|ця|ки|ці|ців|ку|кою)|жител(?:ь|ька|ьку|ьки|і|ів|я|и|ей|ьница"
    r"|ьницу|ьницы)) (?:(?:села|селища|міста|смт|поселка|посёлка|города|с\.|м\.|г\.|пос\.)\s*)?"
    r"|\b(?:locuitor\w*|localnic\w*) (?:din|al|a) (?:(?:satului|orasului|orașului|localitatii"
    r"|localității|comunei) )?)" + _NAME
)
#: A part of a group told before ("among them", "one of them", "серед них", "среди них",
#: "printre ei"): the home of one of them is not the place of the group's toll (round 26).
PART_OF_RE: Final = re.compile(
    r"(?i:\b(?:among (?:them|the \w+)|one of (?:them|the \w+))\b"
    r"|(?<!\w)(?:серед (?:них|загиблих|поранених|постраждалих)|(?:один|одна) (?:з|із) них"
    r"|среди (?:них|погибших|раненых|пострадавших)|(?:один|одна) из них)(?!\w)"
    r"|\b(?:printre (?:ei|acestia|acestea|victime|raniti|răniți|morti|morți)"
    r"|(?:unul|una) dintre (?:ei|acestia|acestea|ele))\b)"
)
#: Names that are no settlement (a country, the capital's people are told by other rules).
_NOT_NAME: Final = re.compile(
    r"(?i:ukrain|україн|украин|ucrain|russia|росі|росси|rusi|europe|the\b)"
)


def with_residents(text: str, places: list[Place]) -> list[Place]:
    """``places`` with a place for each name after a resident noun that none of them covers.

    Examples
    --------
    >>> [p.raw for p in with_residents("A resident of Novodanylivka was injured.", [])]
    ['Novodanylivka']
    >>> with_residents("A resident of Ukraine was injured.", [])
    []
    """
    found: list[Place] = []
    homes: list[str] = []
    for m in RESIDENT_RE.finditer(text):
        name = m.group("name").rstrip("'’ʼ-")
        homes.append(name)
        if _NOT_NAME.match(name) or any(name in p.raw or p.raw in name for p in places):
            continue
        found.append(Place(None, name, name))
    out = [*places, *found] if found else places
    if homes and PART_OF_RE.search(text):  # "among them a resident of X": one of a group's
        return [p for p in out if not _home(p, homes)]
    return _struck_elsewhere(out, homes) if homes else out


def _home(p: Place, homes: list[str]) -> bool:
    return bool(p.settlement) and any(h in p.raw or p.raw in h for h in homes)


def _struck_elsewhere(places: list[Place], homes: list[str]) -> list[Place]:
    """``places`` less the homes of residents when another settlement is named (round 26): "a
    resident of Kharkiv was injured in a strike on Kupiansk" is Kupiansk's toll.

    >>> ps = [Place(None, "Kharkiv", "Kharkiv"), Place(None, "Kupiansk", "Kupiansk")]
    >>> [p.raw for p in _struck_elsewhere(ps, ["Kharkiv"])]
    ['Kupiansk']
    >>> [p.raw for p in _struck_elsewhere(ps[:1], ["Kharkiv"])]
    ['Kharkiv']
    """
    if not any(p.settlement and not _home(p, homes) for p in places):
        return places
    return [p for p in places if not _home(p, homes)]
