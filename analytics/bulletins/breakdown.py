"""Breakdown lists: a toll followed by its split by place, read as one toll per place.

"On 29 September the Russians killed 8 civilians of Donetsk region: 4 - in Dolyna, 1 - in
Sloviansk, ..." and "вбили 5 жителів Донеччини: 3 у Костянтинівці і 2 в Іллінівці" give one
incident per listed place with its own count (4 killed in Dolyna, ...); the opening figure is
their total, not an incident of its own. A list is read only when every item is a number
and a place and the items add up to the opening figure of one kind (killed or injured):
anything else is left to the sentence rules.

Each item becomes a :class:`~analytics.bulletins.contexts.Sentence` of its own, with the
opening sentence's strike, weapons and date phrase; the opening sentence keeps its words but
no counts and is marked ``total``. A sentence right after the list that counts people but
names no place ("Another 17 people were injured", "Ще 2 людини в області ... дістали
поранення") is the remainder of the region and is marked ``remainder``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Final

from analytics.bulletins.among22 import own_part
from analytics.bulletins.casualties import CasualtyReading, Count, read_casualties
from analytics.bulletins.contexts import Sentence
from analytics.bulletins.ellipsis27 import first_item, item_count
from analytics.bulletins.numbers import fold
from analytics.bulletins.places import Place, find_places
from analytics.bulletins.timephrases import resolve_time

__all__ = ["split_breakdowns"]

#: Item separators: commas, semicolons and "and" in the four languages.
_SEP: Final = re.compile(r"\s*[,;]\s*(?:(?:and|і|й|та|и|si|și)\s+)?|\s+(?:and|і|й|та|и|si|și)\s+")
#: One item after its number: an optional dash, a preposition of place, optional designator.
_ITEM: Final = re.compile(
    r"\s*(?:-\s*)?(?:(?:people|persons?|civilians?|residents?|осіб|особи|людей|людини|жителів"
    r"|мешканців|человека?|людину|жителей|persoane|persoana|oameni)\s+)?"
    r"(?:in|at|near|у|в|во|на|под|біля|около|la|in|din|langa)\s+(?:the\s+)?"
    r"(?:(?:village|town|city|settlement|community|с\.|м\.|смт|селі|селищі|місті|городе|селе"
    r"|поселке|пгт|satul|orasul|localitatea|comuna)\s*)?"
    r"(?P<name>[^\W\d_][\w'-]*(?:\s+[^\W\d_][\w'-]*)?)\s*[.!]?\s*"
)
_LIST_LEAD: Final = re.compile(r"\s+-\s+")  # "killed five people - three in A and two in B"


def _item(folded: str, original: str) -> tuple[int, str] | None:
    """``(count, place name)`` of one list item ("4 - in dolyna", "трьох у костянтинівці")."""
    counted = item_count(folded)  # past "еще", "another", "а также": the next item's count
    if counted is None:
        return None
    low, end = counted
    m = _ITEM.fullmatch(folded, end)
    if m is None:
        return None
    name = original[m.start("name") : m.end("name")]
    if not name[:1].isupper():  # "в області", "in the region": a place must be a name
        return None
    return low, name


def _items(text: str, start: int, least: int = 2) -> list[tuple[int, int, int, str]] | None:
    """``(start, end, count, name)`` per item of a list, or None unless every part is one."""
    folded = fold(text)
    out = []
    pos = 0
    for m in [*_SEP.finditer(folded), None]:
        stop = m.start() if m is not None else len(folded)
        item = _item(folded[pos:stop], text[pos:stop])
        if item is None:
            return None
        out.append((start + pos, start + stop, *item))
        if m is not None:
            pos = m.end()
    return out if len(out) >= least else None


def _head_count(s: Sentence) -> tuple[str, int] | None:
    """The one exact count of one kind the opening sentence gives."""
    c = s.cas
    if (c.killed is None) == (c.injured is None) or c.transfer:
        return None
    kind, count = ("killed", c.killed) if c.killed is not None else ("injured", c.injured)
    if count is None or count.high != count.low or count.op == "set":
        return None
    return kind, count.value


def _item_sentence(
    head: Sentence, text: str, item: tuple[int, int, int, str], kind: str, phrase: str
) -> Sentence:
    start, end, n, name = item
    body = text[start:end]
    count = Count(n, n, n)
    cas = (
        CasualtyReading(killed=count, mentions_killed=True)
        if kind == "killed"
        else CasualtyReading(injured=count, mentions_injured=True)
    )
    places = find_places(body) or [Place(None, name, name)]
    return replace(
        head, start=start, end=end, text=body, folded=f"{fold(body)} {phrase}".rstrip(),
        cas=cas, places=places, damage=False, target=None, item=True, total=False,
    )  # fmt: skip


def _split_one(
    head: Sentence, text: str, list_start: int, list_end: int, reported: dt.datetime
) -> list[Sentence] | None:
    hc = _head_count(head)
    items = _items(text[list_start:list_end], list_start) if hc else None
    if hc is None or items is None or sum(i[2] for i in items) != hc[1]:
        return None
    kind = hc[0]
    phrase = _phrase(head, reported)
    total = replace(head, cas=CasualtyReading(), total=True)
    return [total, *(_item_sentence(head, text, i, kind, phrase) for i in items)]


def split_breakdowns(
    sents: list[Sentence], text: str, lang: str, reported: dt.datetime
) -> list[Sentence]:
    """Replace each toll-with-breakdown by its total and one sentence per listed place.

    ``text`` is the bulletin the sentence offsets point into, ``lang`` its language and
    ``reported`` the time of the update. Sentences of no breakdown are returned unchanged.
    """
    out: list[Sentence] = []
    k = 0
    after_list = False
    since = 0  # sentences of ``out`` before this index were looked at by an earlier list
    while k < len(sents):
        s = sents[k]
        nxt = sents[k + 1] if k + 1 < len(sents) else None
        split = None
        counted = s.cas.mentions_killed or s.cas.mentions_injured
        if counted and s.text.rstrip().endswith(":") and nxt is not None:
            split = _split_one(s, text, nxt.start, nxt.end, reported)
            used = 2
        if counted and split is None:  # "Троє загинули в Бахмуті, одна – в Авдіївці ..."
            split, used = _split_elliptic(s, out, text, lang, reported), 1
        dash = _LIST_LEAD.search(s.folded) if counted and split is None else None
        if dash is not None:
            head = replace(s, cas=read_casualties(s.folded[: dash.start()], lang))
            split = _split_one(head, text, s.start + dash.end(), s.end, reported)
            used = 1
        if split is not None:
            _restated_totals(out, since, split[0], _sum_of(split))
            out.extend(split)
            since = len(out)
            k += used
            after_list = True
            continue
        s = own_part(s, out[-1] if out else None, lang)  # "among them, two in A"
        if after_list and not s.places and (s.cas.killed or s.cas.injured):
            s = replace(s, remainder=True)
        after_list = False
        out.append(s)
        k += 1
    return out


def _split_elliptic(
    s: Sentence, before: list[Sentence], text: str, lang: str, reported: dt.datetime
) -> list[Sentence] | None:
    """An elliptic list whose first item carries the verb: "Троє людей загинули в Бахмуті,
    одна – в Авдіївці й одна – у Благодатному", "Two people were killed in Kherson, one in
    Bilozerka", read as one item per place (their sum is the sentence's total). ``before``:
    the sentences of the update before it, whose last oblast the total keeps."""
    after = s.cas.spans[0][1] if s.cas.spans and _head_count(s) else -1  # one kind
    ends = first_item(s.text, s.folded, s.places, after, _SEP) if after >= 0 else None
    if ends is None:
        return None  # the first place must end the first item, right before a separator
    cut, name = ends
    first = s.text[: cut.start()]
    head = replace(s, cas=read_casualties(fold(first), lang))
    hc = _head_count(head)
    rest = _items(text[s.start + cut.end() : s.end], s.start + cut.end(), 1) if hc else None
    others = [p for p in find_places(first) if p.settlement and p.raw != name] if hc else []
    if hc is None or rest is None or others:  # one settlement in the first item: its own
        return None
    items = [(s.start, s.start + cut.start(), hc[1], name), *rest]
    phrase = _phrase(s, reported)
    # the places are the items': the total keeps the oblast it or an earlier sentence names
    region = [p for p in s.places if p.code and not p.settlement] or [
        p for x in reversed(before) for p in x.places if p.code and not p.settlement
    ][:1]
    total = replace(s, cas=CasualtyReading(), total=True, places=region or s.places)
    return [total, *(_item_sentence(s, text, i, hc[0], phrase) for i in items)]


def _sum_of(split: list[Sentence]) -> CasualtyReading:
    """The total a split list's items add up to, of their one kind."""
    killed = sum(s.cas.killed.value for s in split if s.cas.killed)
    injured = sum(s.cas.injured.value for s in split if s.cas.injured)
    n = killed or injured
    count = Count(n, n, n)
    return CasualtyReading(killed=count) if killed else CasualtyReading(injured=count)


def _restated_totals(
    before: list[Sentence], since: int, total: Sentence, head: CasualtyReading
) -> None:
    """Mark earlier sentences (from ``since`` on: after the last list) that state the same
    total for no settlement ("In one day eight civilians were killed in Donetsk region" above
    the list) as totals too."""
    for k in range(since, len(before)):
        s = before[k]
        c = s.cas
        if s.total or s.item or any(p.settlement for p in s.places):
            continue
        if not (c.killed or c.injured) or any(
            mine is not None and (theirs is None or mine.value != theirs.value)
            for mine, theirs in ((head.killed, c.killed), (head.injured, c.injured))
        ):
            continue
        other = c.injured if head.killed is not None else c.killed
        if other is None and not any(p.code and p.code not in _codes(total) for p in s.places):
            before[k] = replace(s, cas=CasualtyReading(), total=True)


def _codes(s: Sentence) -> set[str | None]:
    return {p.code for p in s.places} | {None}


def _phrase(s: Sentence, reported: dt.datetime) -> str:
    """The date phrase of the opening sentence, which its items share."""
    when = resolve_time(s.folded, reported)
    return when.phrase if when is not None else ""
