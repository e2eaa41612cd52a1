"""Elliptic count lists and places named only as exclusions (round 27a).

Two general rules for the failure class of roundups (issue 11, class 1):

- **The next item of an elliptic list.** In "трое погибли в A, 1 в B и еще 1 - в C", "three
  were killed in A, one in B and another in C", "trei persoane au fost ucise în A, una în B și
  încă una în C" the words "еще / ще / another / încă" and "а также / as well as / precum și"
  open the next item of the list, whose own count follows (or, for "another" and "one more"
  alone, is one). :func:`item_count` reads an item's count past such a lead, so the breakdown
  rules see one item per place; the opening total they itemise is no incident.
- **Places named only as exclusions.** "подано без учета Мариуполя и Волновахи", "без
  урахування", "excluding", "not counting", "fără a include": a place named right after a
  place-exclusion cue (and the places joined to it by "and" or a comma) is no place of the
  sentence, so it takes no toll and makes no incident (:func:`without_excluded`).
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.numbers import fold, parse_number, tokenize
from analytics.bulletins.places import Place

__all__ = [
    "EXCLUDE_RE",
    "MAX_CUES",
    "NEXT_ITEM_RE",
    "first_item",
    "item_count",
    "without_excluded",
]

#: The lead of a list's next item, in folded text: "еще", "а также", "another", "încă".
NEXT_ITEM_RE: Final = re.compile(
    r"(?:(?:а\s+)?(?:также|також|еще|ще)|and\s+also|also|as\s+well\s+as|another|one\s+more"
    r"|precum\s+si|inca|de\s+asemenea)\s+"
)
#: Leads that are themselves a count of one when no number follows ("and another in C").
_ONE: Final = ("another", "one more")
#: A place-exclusion cue, in folded text: what follows it is left out of a count.
EXCLUDE_RE: Final = re.compile(
    r"\b(?:без\s+(?:учета|урахування|врахування)|excluding|not\s+(?:counting|including)"
    r"|не\s+(?:считая|учитывая|враховуючи|рахуючи)"
    r"|fara(?:\s+a\s+(?:include|pune\s+la\s+socoteala|lua\s+in\s+calcul))?"
    r"|exclusiv|за\s+(?:исключением|винятком))\s+"
)
#: What may stand between the cue and a name ("the", "данных по", "the cities of", "orașele").
_GAP_RE: Final = re.compile(
    r"(?:(?:the|cities|towns|city|town|of|data|from|for|in|datele|din|orasele|orasul"
    r"|городов|города|міст|міста|даних|данных|по|г\.|м\.|временно|тимчасово"
    r"|оккупированных|окупованих|occupied|temporarily)\s+)*"
)
#: What joins the names of one exclusion ("Мариуполя и Волновахи", "A, B and C").
_JOIN_RE: Final = re.compile(r"\s*(?:,\s*)?(?:(?:и|і|й|та|and|or|si|sau|или|або)\s+)?")
#: Exclusion cues read per sentence (a bound, so that a run of them stays linear).
MAX_CUES: Final = 4
#: Literals one of which an exclusion cue holds (a cheap pre-check on the lower-cased text).
_CHEAP: Final = ("без ", "exclud", "not ", "fără", "fara", "exclusiv", "за ", "не ")


def item_count(folded: str) -> tuple[int, int] | None:
    """``(count, end)`` of the exact count that opens one list item (folded text), past a
    next-item lead; ``end`` is where the count ends. None when no exact count opens it.

    Examples
    --------
    >>> item_count("еще 1 - в очеретино")
    (1, 5)
    >>> item_count("another in kupiansk")
    (1, 7)
    >>> item_count("а также одного в доброполье")
    (1, 14)
    """
    lead = NEXT_ITEM_RE.match(folded)
    start = lead.end() if lead is not None else 0
    toks = tokenize(folded[start:])
    num = parse_number([t for t, _, _ in toks], 0) if toks else None
    if num is None:
        if lead is not None and lead.group().rstrip() in _ONE:
            return 1, len(lead.group().rstrip())  # "and another in C": one more
        return None
    if num[1] is not None:
        return None
    return num[0], start + toks[num[2] - 1][2]


#: The end of a list's first item: a preposition of place and a name ("погибли в Удачном").
_FIRST_END_RE: Final = re.compile(
    r"(?:^|\s)(?:in|at|near|у|в|во|на|под|біля|около|la|din|în)\s+(?:the\s+)?"
    r"(?:(?:village|town|city|с\.|м\.|смт|селі|селищі|місті|городе|селе|поселке|пгт|satul"
    r"|orașul|orasul|localitatea|comuna)\s*)?"
    r"(?P<name>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)\s*$"
)

#: Words of a unit larger than a settlement, in a name (raion, oblast, hromada, region).
_UNIT_RE: Final = re.compile(r"(?i)район|district|raion|област|oblast|region|громад|hromad")


def first_item(
    text: str, folded: str, places: list[Place], after: int, sep: re.Pattern[str]
) -> tuple[re.Match[str], str] | None:
    """The separator that ends the first item of an elliptic list and the item's place name.

    The first item ends right after its place, before a separator (``sep``, matched on
    ``folded``): the first settlement found, or else, when the gazetteer knows no form of it
    ("погибли в Удачном"), a capitalised name after a preposition of place ending the text
    before the first separator past ``after`` (the end of the opening count) that is no
    other place found (not "у Запорізькому районі").

    Examples
    --------
    >>> sep = re.compile(", ")
    >>> t = "Трое погибли в Удачном, 1 в Кураховке"
    >>> m, name = first_item(t, t.lower(), [], 12, sep)
    >>> (t[: m.start()], name)
    ('Трое погибли в Удачном', 'Удачном')
    """
    found = [(text.find(p.raw), p.raw) for p in places if p.settlement]  # in text order
    at, raw = min(((k, r) for k, r in found if k >= 0), default=(-1, ""))
    cut = sep.search(folded, after)
    if at >= 0 and (cut is None or at < cut.start()):  # the first place is in the first item
        cut = sep.match(folded, at + len(raw))
        return (cut, raw) if cut is not None else None
    if cut is None:
        return None
    m = _FIRST_END_RE.search(text, max(after, cut.start() - 80), cut.start())
    if m is None or not m.group("name")[:1].isupper():
        return None
    name = m.group("name")
    if _UNIT_RE.search(name) or any(text.startswith(p.raw[:4], m.start("name")) for p in places):
        return None  # a raion or oblast ends it ("у Запорізькому районі"): no settlement's item
    return cut, name


def without_excluded(text: str, places: list[Place]) -> list[Place]:
    """``places`` less those named right after a place-exclusion cue in ``text``.

    Examples
    --------
    >>> mariupol = Place("UA-14", "Мариуполя", "Mariupol")
    >>> donetsk = Place("UA-14", "Донецкой", None)
    >>> text = "Число жертв в Донецкой области подано без учета Мариуполя."
    >>> [p.raw for p in without_excluded(text, [donetsk, mariupol])]
    ['Донецкой']
    >>> [p.raw for p in without_excluded("Удар по Мариуполю без учета ночи.", [mariupol])]
    ['Мариуполя']
    """
    if not places:
        return places
    low = text.lower()
    if not any(w in low for w in _CHEAP):
        return places
    folded = fold(text)
    raws = sorted({p.raw for p in places}, key=len, reverse=True)
    out: set[str] = set()
    for k, m in enumerate(EXCLUDE_RE.finditer(folded)):
        if k == MAX_CUES:
            break  # a bounded number of cues per sentence: linear time
        pos = m.end()
        while True:
            pos = _GAP_RE.match(folded, pos).end()  # type: ignore[union-attr]
            raw = next((r for r in raws if text.startswith(r, pos)), None)
            if raw is None:
                break
            out.add(raw)
            pos = _JOIN_RE.match(folded, pos + len(raw)).end()  # type: ignore[union-attr]
    return [p for p in places if p.raw not in out] if out else places
