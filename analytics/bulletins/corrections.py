"""Figures that a sentence gives for another sentence: corrections and bare new figures.

Two cross-sentence rules over the sentences of one update (issue 11, round 12):

- a sentence with no count that says the figures were specified or corrected ("specified the
  number of victims", "уточнил количество пострадавших", "уточнили кількість постраждалих",
  "a precizat numărul victimelor") makes the counts of the next counted sentence replace the
  earlier ones (``op="set"``) instead of being merged with them;
- a bare new figure with no casualty word ("the figure rose to 35", "Cifra a crescut la 35",
  "их уже 30", "there are 30 of them") counts the casualty kind last mentioned, in the sentence
  itself or else in the sentences before; when that kind is not clear (both told last) there
  is no figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final, Literal

from analytics.bulletins.contexts import Sentence
from analytics.bulletins.lexicon import PERSON_SINGULAR
from analytics.bulletins.numbers import number_word
from analytics.bulletins.rises25 import explains_rise
from analytics.bulletins.toll_counts import Count

__all__ = ["BARE_FIGURE_RE", "CORRECTION_RE", "carry_figures", "restates_death"]

#: The figures were specified or corrected (folded text; no count in the same sentence).
CORRECTION_RE: Final = re.compile(
    r"\b(?:specified|clarified|corrected|updated|revised) (?:the )?(?:number|figures?|toll"
    r"|casualty (?:figures|count)|count|data)\b"
    r"|\bуточни(?:л|ла|ли|в)\w* (?:\w+ )?(?:количеств|числ|данн|кількіст|дані|даних|інформац"
    r"|информац)\w*"
    r"|\ba (?:precizat|actualizat|corectat|revizuit) (?:numarul|bilantul|cifrele|datele)\b"
)
_N: Final = r"(\d{1,4}|[^\W\d_][\w'-]*)"
#: A bare new figure: group 1 is the number (digits or one number word).
BARE_FIGURE_RE: Final = re.compile(
    r"\b(?:the )?(?:figure|number|toll|tally)(?: has| had)? (?:now |since |later )?(?:rose|risen"
    rf"|grew|grown|increased|climbed|jumped|reached)(?: to)? {_N}"
    rf"|\bthere (?:are|were) (?:now |already )?{_N} of them\b"
    rf"|\b(?:cifra|numarul|bilantul) (?:lor )?a (?:crescut|ajuns)(?: \w+)? la {_N}"
    rf"|\b(?:их|їх) (?:уже |вже |теперь |тепер |наразі )?(?:стало |уже |вже )?{_N}\b"
    rf"|\b(?:число|цифра|количество|кількість) (?:их |їх )?(?:выросл\w*|возросл\w*|увеличил\w*"
    rf"|зросл\w*|збільшил\w*) до {_N}"
)
_Kind = Literal["killed", "injured"]
#: How many sentences after a correction its figures may come.
_REACH: Final = 2


def _kinds(s: Sentence) -> set[_Kind]:
    c = s.cas
    out: set[_Kind] = set()
    if c.killed is not None or c.mentions_killed:
        out.add("killed")
    if c.injured is not None or c.mentions_injured:
        out.add("injured")
    return out


def _bare_figure(s: Sentence) -> int | None:
    """The value of a bare new figure in a sentence with no count of its own."""
    c = s.cas
    if c.killed is not None or c.injured is not None or c.transfer:
        return None
    m = BARE_FIGURE_RE.search(s.folded)
    if m is None:
        return None
    word = next(g for g in m.groups() if g is not None)
    return number_word(word)


def carry_figures(sents: list[Sentence]) -> None:
    """Apply corrections and bare new figures to the sentences' readings (in place).

    Parameters
    ----------
    sents
        The sentences of one update, in order.
    """
    last: set[_Kind] = set()
    corrected_at: int | None = None
    for i, s in enumerate(sents):
        c = s.cas
        counted = c.killed is not None or c.injured is not None
        if corrected_at is not None and counted and i - corrected_at <= _REACH:
            if c.killed is not None and c.killed.op != "prior":
                c.killed = replace(c.killed, op="set")
            if c.injured is not None and c.injured.op != "prior":
                c.injured = replace(c.injured, op="set")
            corrected_at = None
        elif not counted and CORRECTION_RE.search(s.folded):
            corrected_at = i
        own = _kinds(s)
        value = _bare_figure(s)
        kinds = own or last
        if value is not None and len(kinds) == 1:
            count = Count(value, value, value, "max")
            if "killed" in kinds:
                c.killed = count
            else:
                c.injured = count
        last = own or last


_WORD: Final = re.compile(r"\w+")


def restates_death(s: Sentence, sents: list[Sentence]) -> bool:
    """Whether an earlier sentence's killed count names the person whose death ``s`` tells.

    "загинула дитина" ... "у лікарні дитина померла": the same singular person noun with a
    killed count before it (one death told twice, not a second death).
    """
    nouns = {w for w in _WORD.findall(s.folded) if PERSON_SINGULAR.fullmatch(w)}
    for x in sents:
        if x is s:
            return explains_rise(s, sents)  # "the toll rose to 20. A man died in hospital"
        if nouns and x.cas.killed is not None and nouns & set(_WORD.findall(x.folded)):
            return True
    return False
