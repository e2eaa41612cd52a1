"""A toll told over a number of places, then partly itemised by place (round 24).

"Russian shelling wounded eight people in two villages in Kherson region. Six civilians were
wounded in the village of Stanislav": the eight are the total of the places (labelling rule 2,
``docs/bulletin_labelling.md``: a multi-place total next to its itemised places is no
incident), Stanislav is an incident with its six, and the two the text gives no place for are
the oblast's remainder, an oblast-level incident with no settlement. Read where a context of
one oblast and no settlement opens with a toll told "in two villages", "у трьох громадах", "в
нескольких населенных пунктах", "în două localități", and later contexts of the same oblast
(before another oblast is named) give settlements with tolls that do not exceed it; the
settlements share the total's weapon, as the items of a breakdown list do.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from analytics.bulletins.casualties import CasualtyReading, Count
from analytics.bulletins.contexts import Context, context_toll

__all__ = ["APART_RE", "PLACE_COUNT_RE", "split_place_count_totals"]

#: A toll's places counted, not named: "in two villages", "у трьох громадах" (folded text).
PLACE_COUNT_RE: Final = re.compile(
    r"\bin (?:two|three|four|five|six|seven|eight|nine|ten|\d+|several|a number of) (?:\w+ )?"
    r"(?:villages|towns|cities|settlements|communities|districts|hromadas|localities)\b"
    r"|(?<!\w)[ув] (?:двох|трьох|чотирьох|п'яти|шести|семи|восьми|дев'яти|десяти|\d+|кількох"
    r"|декількох|низці) (?:\w+ )?(?:населених пунктах|селах|містах|громадах|районах|селищах)"
    r"|(?<!\w)в (?:двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти|\d+|нескольких"
    r"|ряде) (?:\w+ )?(?:населенных пунктах|селах|городах|громадах|общинах|районах|поселках)"
    r"|\bin (?:doua|trei|patru|cinci|sase|sapte|opt|noua|zece|\d+|mai multe|cateva) (?:\w+ )?"
    r"(?:sate|localitati|orase|comune|raioane|comunitati)\b"
)

#: An item told of another day or on top of the total ("yesterday", "вчора", "three more",
#: "ще троє", "ещё", "încă"): no part of today's total (folded text).
APART_RE: Final = re.compile(
    r"\b(?:yesterday|the day before|the previous day|last night|ieri|alaltaieri|aseara"
    r"|more|another|additional|inca)\b"
    r"|(?<!\w)(?:вчора|позавчора|напередодні|вчера|позавчера|накануне|ще|ещё|еще"
    r"|додатково|дополнительно)(?!\w)"
)
#: How many places a count names ("in two villages": 2); vague counts are absent.
_PLACES: Final = {
    w: n
    for n, words in enumerate(
        ["", "", "two двох двух doua", "three трьох трех трёх trei", "four чотирьох четырех "
         "четырёх patru", "five п'яти пяти cinci", "six шести sase", "seven семи sapte",
         "eight восьми opt", "nine дев'яти девяти noua", "ten десяти десяти zece"]
    )
    for w in words.split()
}  # fmt: skip


def _places_counted(folded: str) -> int | None:
    """The number of places a toll is told over ("in two villages": 2), None when vague."""
    m = PLACE_COUNT_RE.search(folded)
    words = m.group(0).split() if m else []
    word = words[1] if len(words) > 1 else ""
    return int(word) if word.isdigit() else _PLACES.get(word)


def _split_head(ctx: Context) -> list[Context]:
    """A context that opens with a toll over a number of places and then names its first
    settlement, split there: the opening (no settlement) and the rest (the settlement's)."""
    if not ctx.settlement or ctx.total or ctx.closed or len(ctx.sents) < 2:
        return [ctx]
    first = ctx.sents[0]
    counted = first.cas.killed or first.cas.injured
    if not counted or any(p.settlement for p in first.places):
        return [ctx]
    if not PLACE_COUNT_RE.search(first.folded):
        return [ctx]
    k = next((i for i, s in enumerate(ctx.sents) if any(p.settlement for p in s.places)), 0)
    if k == 0:
        return [ctx]
    region = next((p for s in ctx.sents[:k] for p in s.places if p.code), None)
    head = Context(ctx.sents[:k], ctx.code, region.raw if region else ctx.region_raw, None)
    whole, part = context_toll(head), context_toll(Context(ctx.sents[k:]))
    if any(_rest(whole[i], [part[i]]) is False for i in (0, 1)):
        return [ctx]  # the place counts more than the total: not its item
    ctx.sents = ctx.sents[k:]
    return [head, ctx]


def _items(ctxs: list[Context], k: int) -> list[Context]:
    """The settlements of the total's oblast with a toll, told after it before another oblast."""
    code = ctxs[k].code
    out = []
    for c in ctxs[k + 1 :]:
        if c.code and c.code != code:
            break
        apart = any(APART_RE.search(s.folded) for s in c.sents)  # another day, or more
        if c.settlement and c.code == code and any(context_toll(c)) and not apart:
            out.append(c)
    return out


def _rest(whole: int | None, parts: list[int | None]) -> int | None | bool:
    """What a total of one kind leaves after its items: None when nothing is left or the
    kind is not told, False when the items exceed it (no total then)."""
    told = [p for p in parts if p is not None]
    if whole is None:
        return None
    if sum(told) > whole:
        return False
    return whole - sum(told) or None


def split_place_count_totals(ctxs: list[Context]) -> list[Context]:
    """Mark each toll over a number of places that later settlements itemise as a total, and
    add the oblast's remainder after its last settlement as a context of its own (after the
    places, so no rule reads it as a count they itemise); other contexts unchanged."""
    ctxs = [part for ctx in ctxs for part in _split_head(ctx)]
    after: dict[int, Context] = {}  # the remainder, by the id of the context it follows
    for k, ctx in enumerate(ctxs):
        if ctx.total or ctx.settlement or not ctx.code:
            continue
        head = next((s for s in ctx.sents if s.cas.killed or s.cas.injured), None)
        if head is None or not PLACE_COUNT_RE.search(head.folded):
            continue
        items = _items(ctxs, k)
        tolls = [context_toll(c) for c in items]
        whole = context_toll(ctx)
        rest = [_rest(whole[i], [t[i] for t in tolls]) for i in (0, 1)]
        if not items or False in rest:
            continue
        ctx.total = True
        for c in items:  # the places share the total's weapon ("artillery shelling wounded")
            c.sents = [replace(s, weapons=s.weapons or head.weapons) for s in c.sents]
        places = _places_counted(head.folded)
        if rest != [None, None] and (places is None or len(items) < places):
            killed, injured = (Count(r, r, r) if isinstance(r, int) else None for r in rest)
            left = replace(head, cas=CasualtyReading(killed=killed, injured=injured), places=[])
            rem = Context([replace(left, remainder=True)], ctx.code, ctx.region_raw, None)
            rem.closed = True
            after[id(items[-1])] = rem
    out: list[Context] = []
    for ctx in ctxs:
        out.append(ctx)
        if id(ctx) in after:
            out.append(after[id(ctx)])
    return out
