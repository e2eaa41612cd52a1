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
    r"(?i:\b(?:among|one of) (?:them|the (?:injured|wounded|victims|dead|killed))\b"
    r"|(?<!\w)(?:серед (?:них|загиблих|поранених|постраждалих)|(?:один|одна) (?:з|із) них"
    r"|среди (?:них|погибших|раненых|пострадавших)|(?:один|одна) из них)(?!\w)"
    r"|\b(?:printre (?:ei|acestia|acestea|victime|raniti|răniți|morti|morți)"
    r"|(?:unul|una) dintre (?:ei|acestia|acestea|ele))\b)"
)
#: A strike on the place named right after ("a drone strike on", "удару дрона по", "asupra
#: orașului"): a settlement struck, not a hospital town or an old address (review of round 26).
_STRUCK: Final = re.compile(
    r"(?i:\b(?:strikes?|attacks?|shelling|bombing|hit|struck|shelled|attacked) (?:on |of )?"
    r"|(?<!\w)по |\basupra )(?:(?:the )?(?:city|town|village|settlement) of |(?:місту|селу|селищу"
    r"|городу|поселку|посёлку|orasului|orașului|satului|localitatii|localității|comunei) )?$"
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
    first = len(text)
    for m in RESIDENT_RE.finditer(text):
        first = min(first, m.start())
        name = m.group("name").rstrip("'’ʼ-")
        homes.append(name)
        if _NOT_NAME.match(name) or any(name in p.raw or p.raw in name for p in places):
            continue
        found.append(Place(None, name, name))
    out = [*places, *found] if found else places
    part = PART_OF_RE.search(text)
    if homes and part and part.start() < first:  # "among them a resident of X": a group's
        return [p for p in out if not _home(p, homes)]
    return _struck_elsewhere(text, out, homes) if homes else out


def _home(p: Place, homes: list[str]) -> bool:
    return bool(p.settlement) and any(h in p.raw or p.raw in h for h in homes)


def _struck_elsewhere(text: str, places: list[Place], homes: list[str]) -> list[Place]:
    """``places`` less the homes of residents when another settlement is named as struck
    (round 26): "a resident of Kharkiv was injured in a strike on Kupiansk" is Kupiansk's
    toll; a hospital town or an earlier address is not struck (review of round 26).

    >>> ps = [Place(None, "Kharkiv", "Kharkiv"), Place(None, "Kupiansk", "Kupiansk")]
    >>> text = "A resident of Kharkiv was injured in a strike on Kupiansk."
    >>> [p.raw for p in _struck_elsewhere(text, ps, ["Kharkiv"])]
    ['Kupiansk']
    >>> text = "A resident of Kharkiv was injured and taken to hospital in Kupiansk."
    >>> [p.raw for p in _struck_elsewhere(text, ps, ["Kharkiv"])]
    ['Kharkiv', 'Kupiansk']
    """
    if not any(p.settlement and not _home(p, homes) and _named_struck(text, p.raw) for p in places):
        return places
    return [p for p in places if not _home(p, homes)]


def _named_struck(text: str, raw: str) -> bool:
    at = text.find(raw)
    return at >= 0 and _STRUCK.search(text, max(0, at - 40), at) is not None
