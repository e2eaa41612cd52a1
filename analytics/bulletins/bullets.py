"""Places named as the head of a bullet item: "• Корюківка: ...", "- Nikopol: ...".

A roundup told as a bullet list puts each settlement, in the nominative and with no
preposition, before a colon at the start of its item; the item's toll and damage are that
place's (labelling rule 2: one incident per place with its own toll). The Cyrillic place
finder needs a preposition ("у Корюківці"), so such a head is read here: the words before the
colon become a place of the sentence when they hold a settlement of the gazetteer (resolved
later with the update's oblasts, never guessed). Only a head after a bullet mark is read: a
bare "Name:" at the start of a line is as often a speaker ("Синєгубов: ...").
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.places import Place
from analytics.reference.settlements import lookup

__all__ = ["BULLET_HEAD_RE", "bullet_head"]

#: A bullet mark, then one to three capitalised words (hyphens kept), then a colon.
BULLET_HEAD_RE: Final = re.compile(
    r"^\s*[•▪●◦‣∙·*–—-]\s*(?P<name>[A-ZА-ЯІЇЄҐȘȚ][\w'’ʼ-]{1,40}"
    r"(?:\s[A-ZА-ЯІЇЄҐȘȚ][\w'’ʼ-]{1,40}){0,2})\s*:"
)


def bullet_head(text: str, places: list[Place]) -> list[Place]:
    """``places`` with the settlement a bullet item's head names added first, if any.

    Examples
    --------
    >>> [p.settlement for p in bullet_head("  • Корюківка: загорівся ангар.", [])]
    ['Корюківка']
    >>> bullet_head("Синєгубов: загорівся ангар.", [])
    []
    """
    m = BULLET_HEAD_RE.match(text)
    if m is None:
        return places
    name = m.group("name")
    if any(p.raw == name for p in places) or not lookup(name):
        return places
    return [Place(None, name, name), *places]
