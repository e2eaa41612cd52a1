"""Contrast clauses: one sentence telling two oblasts' tolls, joined by "iar", "а", "while".

A roundup often packs two regions into one sentence: "one civilian died in Kharkiv region,
while in Zaporizhzhia a strike killed one and injured three". Read whole, the sentence names
two oblasts and its counts cannot be given to either. :func:`split_contrasts` cuts such a
sentence at the contrast conjunction when the clause before it and the clause after it name
oblasts and no oblast is named on both sides, so each clause becomes a sentence of its own
(and so a context of its own). A sentence naming one oblast, or whose clauses share an oblast
("in Kharkiv two were hurt, while in Kharkiv region a house burned"), is left whole.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from analytics.bulletins.clauses25 import settlement_cut
from analytics.bulletins.colons25 import join_colon_list
from analytics.bulletins.contexts import Sentence, analyse_sentence
from analytics.bulletins.gates import seen
from analytics.bulletins.places import find_places

__all__ = ["CONTRAST_RE", "MAX_TRIES", "split_contrasts"]

#: Conjunctions tried per sentence, and cuts made in one sentence at most.
MAX_TRIES: Final = 3

#: A comma, then a conjunction that contrasts two clauses (en, ro, ru, uk).
CONTRAST_RE: Final = re.compile(
    r",\s+(?:while|whereas|iar|în timp ce|in timp ce|а|тогда как|в то время как|тоді як"
    r"|у той час як|в той час як)\s",
    re.IGNORECASE,
)


def _codes(text: str) -> set[str]:
    return {p.code for p in find_places(text) if p.code}


def _cut(s: Sentence) -> int | None:
    """Offset in ``s.text`` of the conjunction that divides two oblasts' clauses, if any."""
    if len({p.code for p in s.places if p.code}) < 2:
        return None
    for k, m in enumerate(CONTRAST_RE.finditer(s.text)):
        if k == MAX_TRIES:
            break  # each try reads the sentence again: a bound keeps a long one linear
        left, right = _codes(s.text[: m.start()]), _codes(s.text[m.start() + 1 :])
        if left and right and not left & right:
            return m.start() + 1
    return None


def split_contrasts(
    sents: list[Sentence], text: str, lang: str, masked: str | None, published: dt.date
) -> list[Sentence]:
    """``sents`` with each sentence that joins two oblasts' clauses split in two.

    Examples
    --------
    >>> import datetime as dt
    >>> t = ("Un civil a murit în regiunea Harkiv, iar în regiunea Zaporojie un atac "
    ...      "s-a soldat cu un mort și trei răniți.")
    >>> day = dt.date(2025, 1, 1)
    >>> parts = split_contrasts([analyse_sentence(t, 0, len(t), "ro", None, day)], t, "ro",
    ...                         None, day)
    >>> [p.text for p in parts]  # doctest: +NORMALIZE_WHITESPACE
    ['Un civil a murit în regiunea Harkiv,',
     'iar în regiunea Zaporojie un atac s-a soldat cu un mort și trei răniți.']
    """
    out: list[Sentence] = []
    for s in sents:
        for _ in range(MAX_TRIES):
            cut = _cut(s) or settlement_cut(s, CONTRAST_RE, MAX_TRIES, lang, seen)
            if cut is None:
                break
            mid = s.start + cut
            right = mid + len(s.text[cut:]) - len(s.text[cut:].lstrip())
            out.append(analyse_sentence(text, s.start, mid, lang, masked, published))
            s = analyse_sentence(text, right, s.end, lang, masked, published)
        out.append(s)
    return join_colon_list(out, text, lang, masked, published)
