"""A toll sentence ending in a colon, and the list of places after it, read as one sentence.

"Четверо людей зазнали поранень: у Дружківці, Лимані, Слов'янську та Ганнівці.": the sentence
splitter cuts at the colon, so the toll had no place and the list no toll, and the list's last
resolved town opened a context of its own. :func:`join_colon_list` joins them again, so
:func:`analytics.bulletins.lists25.shared_places` gives the toll to the list (the oblast, no
settlement; labelling rule 2).
"""

from __future__ import annotations

import datetime as dt

from analytics.bulletins.contexts import Sentence, analyse_sentence
from analytics.bulletins.lists25 import list_spans

__all__ = ["join_colon_list"]


def _list_only(s: Sentence) -> bool:
    return not (s.cas.killed or s.cas.injured) and bool(list_spans(s.text.strip()))


def join_colon_list(
    sents: list[Sentence], text: str, lang: str, masked: str | None, published: dt.date
) -> list[Sentence]:
    """``sents`` with each toll sentence ending in a colon joined to the list of places after
    it (a sentence with no toll of its own that is such a list)."""
    out: list[Sentence] = []
    k = 0
    while k < len(sents):
        s = sents[k]
        nxt = sents[k + 1] if k + 1 < len(sents) else None
        told = bool(s.cas.killed or s.cas.injured) and s.text.rstrip().endswith(":")
        if nxt is not None and told and _list_only(nxt):
            out.append(analyse_sentence(text, s.start, nxt.end, lang, masked, published))
            k += 2
            continue
        out.append(s)
        k += 1
    return out
