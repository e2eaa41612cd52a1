"""A headline's toll told again by the oblast's total: the same total, not a second toll.

"Суми та область атакували російські дрони: один загиблий, дев'ятеро постраждалих. ... У
Сумській області за добу одна людина загинула, ще дев'ятеро постраждали ...": the headline's
placeless toll gives the same counts as the oblast's total told in the lead, so it is that
total, read with it (see :func:`analytics.bulletins.lead_totals.split_lead_total`), not a toll
of the first place told after it.
"""

from __future__ import annotations

from collections.abc import Callable

from analytics.bulletins.contexts import Sentence

__all__ = ["restates_total", "toll_values"]


def restates_total(
    s: Sentence, sents: list[Sentence], is_total: Callable[[Sentence], bool]
) -> bool:
    """Whether ``s``, a toll that names no place ("один загиблий, дев'ятеро постраждалих" after
    a headline's colon), gives the same killed and injured counts as a sentence of ``sents``
    that ``is_total`` reads as the oblast's total: it is that total told again."""
    if s.places or not (s.cas.killed or s.cas.injured):
        return False
    mine = toll_values(s)
    return any(x is not s and is_total(x) and toll_values(x) == mine for x in sents)


def toll_values(s: Sentence) -> tuple[int | None, int | None]:
    """The killed and injured counts of ``s`` (None where it gives none)."""
    k, i = s.cas.killed, s.cas.injured
    return (k.value if k else None, i.value if i else None)
