"""A remainder told after a settlement's toll, in a clause of the same sentence.

"At least five people were killed in the region. Three were killed in the town of A, while two
men were killed near B": the five are the region's total, itemised by A's three and an
oblast-level remainder of two (B's outskirts name no settlement, labelling rule 2). Once
:func:`analytics.bulletins.clauses.split_contrasts` has cut the sentence, the clause after the
conjunction names the oblast only and reads like the opening total, which
:func:`analytics.bulletins.lead_totals.split_lead_total` would clear. :func:`late_remainder`
keeps it apart: an oblast-level toll that opens with a contrast conjunction ("while", "iar",
"в то время как", "тоді як", "în timp ce", a lone "а") right after a clause counting a
settlement's toll is the remainder, its own oblast-level incident. An oblast-level sentence
of its own ("In total five were killed in the region") is never a remainder.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from analytics.bulletins.contexts import Sentence

__all__ = ["OPENS_CONTRAST_RE", "late_remainder"]

#: A clause opening with a contrast conjunction (en, ro, ru, uk), as cut by ``split_contrasts``.
OPENS_CONTRAST_RE: Final = re.compile(
    r"(?:while|whereas|iar|în timp ce|in timp ce|а|тогда как|в то время как|тоді як"
    r"|у той час як|в той час як)\s",
    re.IGNORECASE,
)


def late_remainder(
    sents: list[Sentence], lead: list[Sentence], placed_toll: Callable[[Sentence], bool]
) -> list[Sentence]:
    """The sentences of ``lead`` that are a remainder clause after a settlement's toll.

    ``sents`` are the context's sentences in order, ``lead`` those read as the oblast's total,
    ``placed_toll`` tells a sentence counting a settlement's (or unit's) toll.
    """
    out: list[Sentence] = []
    for k, s in enumerate(sents):
        if k == 0 or s not in lead or not placed_toll(sents[k - 1]):
            continue
        if sents[k - 1].end < s.start - 2:  # not the clause cut from the sentence before
            continue
        if OPENS_CONTRAST_RE.match(s.text.lstrip()):
            out.append(s)
    return out
