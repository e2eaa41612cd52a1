"""Per-place tolls in brackets in a roundup: one sentence per place (round 24).

"Over the past day the enemy also shelled Kupiansk-Vuzlovyi (a house caught fire, a man of 65
was killed), Shestakove (4 residents hospitalised), Monachynivka (two people hurt)" tells one
incident per place with its own toll (labelling rule 1, ``docs/bulletin_labelling.md``); read
as one sentence, the tolls were summed on the first place. A sentence holding two or more
consecutive items "Name (what happened)", joined by commas, semicolons or "and", at least one
of which counts people, is split into its opening words and one sentence per item, each read
on its own (:func:`analytics.bulletins.contexts.analyse_sentence`) and marked ``item``; the
items share the opening's strike, weapons and date phrase ("в минувшие сутки").
A bracket holding no toll and no damage ("(ОВА)", "(Kharkiv oblast)") is no item.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Final

from analytics.bulletins.breakdown import split_breakdowns
from analytics.bulletins.casualties import CasualtyReading
from analytics.bulletins.contexts import Sentence, analyse_sentence
from analytics.bulletins.places import Place, find_places
from analytics.bulletins.timephrases import resolve_time
from analytics.reference.settlements import lookup

__all__ = ["BRACKET_ITEM_RE", "split_bracketed", "split_lists"]

#: One item: a capitalised name of one or two words, then its bracket (no nested brackets).
#: A name starts at a word's start and its letters are taken possessively, so a long run of
#: capitals is tried once, not from each of its letters (no quadratic search).
BRACKET_ITEM_RE: Final = re.compile(
    r"(?P<name>(?<![\w'’ʼ])[A-ZА-ЯІЇЄҐȘȚĂÂÎ][\w'’ʼ]*+(?:[ -][A-ZА-ЯІЇЄҐȘȚĂÂÎ][\w'’ʼ]*+)?)\s*"
    r"\((?P<body>[^()]{3,400})\)"
)
#: What may stand between two items: a comma or semicolon, and/or "and" in four languages.
_JOIN: Final = re.compile(r"\s*(?:[,;]\s*)?(?:(?:and|і|й|та|и|și|si)\s+)?", re.I)


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of two or more bracket items that follow one another with only a join between."""
    runs: list[list[re.Match[str]]] = []
    for m in BRACKET_ITEM_RE.finditer(text):
        last = runs[-1][-1] if runs else None
        joined = last is not None and _JOIN.fullmatch(text, last.end(), m.start()) is not None
        if joined:
            runs[-1].append(m)
        else:
            runs.append([m])
    return [r for r in runs if len(r) >= 2]


def _item(text: str, at: int, m: re.Match[str], lang: str) -> Sentence | None:
    """One item read on its own; its place is its name (kept as written where the place
    finder does not know it: :func:`~analytics.bulletins.places.canonical_place` resolves it).
    None when the name is no place the place finder or the gazetteer knows ("Tuesday (two
    people killed), Wednesday (...)" are days of one place, not places)."""
    name = m.group("name")
    found = find_places(name)  # "Купянск-Узловой" holds the place "Купянск"
    if not found and not lookup(name):
        return None
    places = [p for p in found if p.raw == name]
    it = analyse_sentence(text, at + m.start(), at + m.end(), lang)
    return replace(it, places=places or [Place(None, name, name)])


def _split_one(
    s: Sentence, before: list[Sentence], text: str, lang: str, reported: dt.datetime
) -> list[Sentence] | None:
    """The opening and the items of one sentence, or None unless it holds a run of items."""
    if s.text.count("(") < 2 or not (s.cas.mentions_killed or s.cas.mentions_injured):
        return None  # cheap pre-check: two brackets and a toll somewhere in the sentence
    runs = _runs(s.text)
    if len(runs) != 1:
        return None
    read = [_item(text, s.start, m, lang) for m in runs[0]]
    items = [it for it in read if it is not None]
    if len(items) < len(read):
        return None  # an item's name is no place: no list of places
    told = [it for it in items if it.cas.killed or it.cas.injured]
    if not told or not all(it.places and (it.cas.any or it.damage) for it in items):
        return None
    head_end = s.start + runs[0][0].start()
    head = analyse_sentence(text, s.start, head_end, lang) if head_end > s.start else None
    when = resolve_time(s.folded, reported)
    phrase = when.phrase if when is not None else ""
    # the opening is the list's total (no toll of its own): it keeps the oblast it or an
    # earlier sentence names, which the items of villages no gazetteer knows take
    region = [p for p in s.places if p.code and not p.settlement] or [
        p for x in reversed(before) for p in x.places if p.code and not p.settlement
    ][:1]
    if head is not None and any(p.settlement for p in head.places):
        # "В Харькове погиб мужчина, обстрелам подверглись также Купянск (...)": an opening
        # naming a settlement is that place's own report, with its own toll, not the total
        out = [head]
    else:
        opening = head or replace(s, end=s.start, text="", folded="")
        out = [replace(opening, cas=CasualtyReading(), total=True, places=region)]
    for it in items:
        out.append(
            replace(
                it, folded=f"{it.folded} {phrase}".rstrip(), item=True,
                strike=it.strike or s.strike, event=it.event or s.event,
                weapons=it.weapons or s.weapons,
            )
        )  # fmt: skip
    return out


def split_bracketed(
    sents: list[Sentence], text: str, lang: str, reported: dt.datetime
) -> list[Sentence]:
    """Replace each sentence of bracketed per-place tolls by its opening and one per place.

    ``text`` is the bulletin the sentence offsets point into, ``lang`` its language and
    ``reported`` the time of the update; other sentences are returned unchanged.
    """
    out: list[Sentence] = []
    for s in sents:
        split = _split_one(s, out, text, lang, reported)
        out.extend(split if split is not None else [s])
    return out


def split_lists(
    sents: list[Sentence], text: str, lang: str, reported: dt.datetime
) -> list[Sentence]:
    """Breakdown lists (:func:`analytics.bulletins.breakdown.split_breakdowns`), then
    bracketed per-place tolls (:func:`split_bracketed`), split into one sentence per place."""
    return split_bracketed(split_breakdowns(sents, text, lang, reported), text, lang, reported)
