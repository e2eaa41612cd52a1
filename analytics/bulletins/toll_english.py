"""How English news (wire services, English-language Ukrainian outlets) counts casualties.

Small rules over the folded tokens of one sentence, used by
:mod:`analytics.bulletins.casualties` for English text:

- :func:`english_mention`: a person counted without a number: a headline's bare noun
  ("strike *kills man*, injures 3"), a relative after a possessive ("killed a man and injured
  *his wife*"), "*a couple*" (two people), "one dead and *another* wounded";
- :func:`body_kinds`: "the *body* of a woman was found": "body of" is a death word;
- :func:`brought_to`: "..., *bringing* the death toll *to* 11": 11 is the new total.
"""

from __future__ import annotations

import re
from typing import Final

import analytics.bulletins.lexicon as lx

__all__ = ["KIN_SINGULAR", "body_kinds", "brought_to", "english_mention"]

#: Relatives named after a possessive ("his wife", "her son"): each a person of their own.
KIN_SINGULAR: Final = re.compile(
    r"wife|husband|son|daughter|mother|father|brother|sister|grandmother|grandfather|grandson"
    r"|granddaughter|mom|mum|dad|grandma|grandpa|partner|fiancee?|neighbou?r|friend|child|baby"
)
#: Present-tense and gerund casualty verbs of headlines and wire leads ("kills man").
_HEADLINE_VERB: Final = frozenset(
    str.split("kills injures wounds hurts killing injuring wounding hurting")
)
_POSSESSIVE: Final = frozenset({"his", "her", "their"})
_COUPLE_ADJ: Final = frozenset({"elderly", "married", "young", "old", "retired", "local"})
_BE: Final = frozenset({"was", "were", "is", "has", "been", "later"})
_BRING: Final = frozenset(str.split("bringing brings brought taking takes raising raises pushing"))


def english_mention(
    toks: list[str], kinds: list[str | None], i: int
) -> tuple[int, int, bool] | None:
    """``(last index, people, additive)`` of a count with no number starting at ``i``, or None.

    Examples
    --------
    >>> english_mention(["strike", "kills", "man", ",", "injures", "3"], ["", "k", None, None,
    ...     "i", None], 2)
    (2, 1, False)
    >>> english_mention(["an", "elderly", "couple", "was", "killed"], [None] * 4 + ["k"], 0)
    (2, 2, False)
    >>> english_mention(["and", "another", "wounded"], [None, None, "i"], 1)
    (1, 1, True)
    """
    tok = toks[i]
    n = len(toks)
    if tok in {"a", "an"}:
        j = i + 1
        while j < n and j < i + 3 and toks[j] in _COUPLE_ADJ:
            j += 1
        if j < n and toks[j] == "couple" and (j + 1 >= n or toks[j + 1] != "of"):
            return j, 2, False  # "a couple of" is "a few": no figure
        return None
    if tok in _POSSESSIVE and i + 1 < n and KIN_SINGULAR.fullmatch(toks[i + 1]):
        return i + 1, 1, False
    kin_pair = i > 1 and toks[i - 1] == "and" and KIN_SINGULAR.fullmatch(toks[i - 2])
    if kin_pair and KIN_SINGULAR.fullmatch(tok):  # "a husband and wife", "mother and son"
        return i, 1, False
    if tok == "another":
        j = i + 1
        while j < n and j < i + 3 and toks[j] in _BE:
            j += 1
        return (i, 1, True) if j < n and kinds[j] is not None else None
    if (
        i > 0
        and toks[i - 1] in _HEADLINE_VERB
        and kinds[i - 1] is not None
        and lx.PERSON_SINGULAR.fullmatch(tok)
    ):
        return i, 1, False
    return None


def body_kinds(toks: list[str], kinds: list[str | None]) -> None:
    """Mark "body" of "the body of a woman" as a death word (changed in place).

    Examples
    --------
    >>> kinds: list[str | None] = [None] * 5
    >>> body_kinds(["the", "body", "of", "a", "man"], kinds)
    >>> kinds[1]
    'k'
    """
    for k in range(len(toks) - 1):
        if toks[k] == "body" and toks[k + 1] == "of" and kinds[k] is None:
            kinds[k] = "k"


def brought_to(toks: list[str], i: int) -> bool:
    """Whether the number at ``i`` ends "bringing the (death) toll to": a new total.

    Examples
    --------
    >>> brought_to(["bringing", "the", "death", "toll", "to", "11"], 5)
    True
    >>> brought_to(["taken", "to", "11"], 2)
    False
    """
    return i > 1 and toks[i - 1] == "to" and any(t in _BRING for t in toks[max(0, i - 7) : i - 1])
