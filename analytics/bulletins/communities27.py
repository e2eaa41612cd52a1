"""Places a text names as communities (hromadas): later bare mentions are the hromadas too.

"The communities of Khotin, Yunakivka and Bilopillia were shelled. In Khotin, the Russians
dropped four mines": the second sentence's Khotin is the hromada of the first, not the village
(labelling rule 3: damage named only by a hromada makes no incident unless the text gives a
toll for it; a hromada named with a toll is an incident with no settlement). A list of names
right after or before a plural word for communities ("громади", "громадах", "общины",
"comunitățile", "comunele", "hromadas") marks them; a mention with its own settlement
designator ("the village of Khotin", "у селі Хотінь") stays the settlement.
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.contexts import Sentence, canonical_places
from analytics.bulletins.places import Place, same_settlement
from analytics.reference.settlements import kmu_latin, resolve_hromada, resolve_settlement

__all__ = ["LIST_RE", "MAX_NAMES", "community_names", "community_places"]

#: Cheap pre-check on folded text: a plural word for communities.
_CUES: Final = ("communities", "hromadas", "громад", "общин", "comunit", "comunele")
_NAME: Final = r"[A-ZА-ЯІЇЄҐȘȚ][\w'’ʼ-]{1,40}(?:[ -][A-ZА-ЯІЇЄҐ][\w'’ʼ-]{1,40})?"
_SEP: Final = r"(?:\s*,\s*(?:(?:and|și|si|і|та|и|й)\s+)?|\s+(?:and|și|si|і|та|и|й)\s+)"
_LIST: Final = rf"{_NAME}(?:{_SEP}{_NAME}){{1,15}}"
#: A list of two or more names after a plural community word ("The communities of A, B and
#: C", "громади: Хотінська, Юнаківська", "comunitățile A, B și C") or before it ("A, B and C
#: communities", "Хотінській та Юнаківській громадах").
LIST_RE: Final = re.compile(
    r"(?<![\w'’ʼ-])(?:communities|hromadas|comunitățile|comunitatile|comunele|громади|громадах"
    rf"|громад|общины|общинах|общин)(?:\s+(?:of|din|de)\b)?\s*:?\s*(?P<a>{_LIST})"
    rf"|(?<![\w'’ʼ-])(?P<b>{_LIST})\s+(?:communities|hromadas|громад\w*|общин\w*)(?![\w'’ʼ-])"
)
_WORDS: Final = (
    r"(?:village|town|city|settlement|satul|orașul|orasul|localitatea|сел[оіауе]|селищ\w*"
    r"|міст[оіа]|смт|пгт|с\.|м\.|г\.|город[еау]?|поселк\w*|посёлк\w*)"
)
#: A settlement designator right before a name (or opening the mention): the settlement.
_DESIGNATOR: Final = re.compile(rf"{_WORDS}(?:\s+of)?\s+$", re.IGNORECASE)
_DESIGNATED_RAW: Final = re.compile(rf"^(?:the\s+)?{_WORDS}\s+(?:of\s+)?", re.IGNORECASE)
_ITEM: Final = re.compile(_NAME)
#: Distinct community names read per update (a real text lists a few dozen at most).
MAX_NAMES: Final = 64
#: A kind of hromada after a name: "Миколаївської сільської громади", "Николаевской сельской
#: общины", "Mykolaivka rural community". The name before is the hromada's, not an oblast.
_KIND_AFTER: Final = re.compile(
    r"\s+(?:сільськ|селищн|міськ|сельск|поселков|городск)\w*\s+(?:громад|общин)\w*"
    r"|\s+(?:rural|urban|village|settlement)\s+(?:hromada|community)\b",
    re.IGNORECASE,
)


def _listed(s: Sentence) -> list[tuple[int, int]]:
    """The spans of community name lists in one sentence."""
    low = s.folded
    if not any(c in low for c in _CUES):
        return []
    return [m.span("a" if m.group("a") else "b") for m in LIST_RE.finditer(s.text)]


def community_names(sents: list[Sentence]) -> list[str]:
    """The names a text lists as communities, in KMU Latin (the hromada's centre when the
    gazetteer resolves it, else the name as written, transliterated)."""
    names: list[str] = []
    for s in sents:
        for a, b in _listed(s):
            for m in _ITEM.finditer(s.text, a, b):
                row = resolve_hromada(m.group())
                name = row.latin if row is not None else kmu_latin(m.group())
                if name not in names:
                    names.append(name)
                if len(names) >= MAX_NAMES:
                    return names  # keeps the matching of each mention bounded (linear time)
    return names


def _unit(name: str, code: str) -> str:
    """The hromada's unit name ("Raion/Centre"), as :mod:`place_units` writes it."""
    row = resolve_hromada(name)
    if row is None or row.oblast != code:
        row = resolve_settlement(name, oblasts=[code])
    raion = kmu_latin(row.raion) if row is not None and row.raion else "hromada"
    return f"{raion}/{name}"


def _kind_named(s: Sentence, p: Place) -> bool:
    """Whether a region's name is a hromada's: "Миколаївської сільської громади" (the
    hromada of Mykolaivka, Sumy oblast) is no place in Mykolaiv oblast."""
    at = s.text.find(p.raw) if p.unit is None else -1
    return at >= 0 and bool(_KIND_AFTER.match(s.text, at + len(p.raw)))


def _designated(s: Sentence, raw: str) -> bool:
    if _DESIGNATED_RAW.match(raw):
        return True
    at = s.text.find(raw)
    return at > 0 and bool(_DESIGNATOR.search(s.text[max(0, at - 24) : at]))


def community_places(sents: list[Sentence]) -> None:
    """:func:`canonical_places`, then each mention of a listed community is that hromada
    (oblast kept, no settlement), unless a settlement designator precedes it; a region's name
    qualifying a kind of hromada ("Миколаївської сільської громади") is no place."""
    for s in sents:
        if any(c in s.folded for c in ("громад", "общин", "hromada", "community")):
            s.places = [p for p in s.places if not _kind_named(s, p)]
    canonical_places(sents)
    names = community_names(sents)
    if not names:
        return
    for s in sents:
        s.places = [_as_community(s, p, names) for p in s.places]


def _as_community(s: Sentence, p: Place, names: list[str]) -> Place:
    """A settlement mention as its hromada when the text listed it as a community."""
    name, code = p.settlement, p.code
    if name is None or code is None or _designated(s, p.raw):
        return p
    if not any(len(n) > 3 and same_settlement(name, n) for n in names):
        return p
    return Place(code, p.raw, None, p.raion, _unit(name, code))
