"""A second strike told after a first one's toll: its counts add to the place's toll.

"A drone struck Kherson, injuring two women. Another strike on Kherson wounded four": the
second toll is of another strike, not a restatement of the first, so the place's day has six
injured. A toll is added only where the text says it is another strike ("another strike",
"ще один удар", "ещё один удар", "încă un atac", "earlier the same day", "раніше того ж дня",
"ранее в тот же день", "mai devreme în aceeași zi"), and only on a single count told before
(restated or not): where the earlier sentences give differing counts of the kind, one of
them may already be the total that includes the second strike, so the larger is kept as
before (summing would count people twice).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from analytics.bulletins.contexts import Context, Sentence

__all__ = ["ADDED_STRIKE_RE", "added_strikes"]

_STRIKE = (
    r"(?:strike|attack|shelling|hit|air ?strike|drone attack|drone strike|missile strike"
    r"|удар|атака|обстріл|обстрел|влучання|попадание|приліт|прилет"
    r"|atac|lovitura|bombardament)\b"
)
#: Wording that tells a strike other than the one just told (on folded text).
ADDED_STRIKE_RE: Final = re.compile(
    r"^[\W\d]{0,8}(?:earlier|later) (?:the same day|that day|on the same day)\b"
    r"|^[\W\d]{0,8}(?:раніше|пізніше) (?:того ж|того самого|цього ж) дня\b"
    r"|^[\W\d]{0,8}(?:ранее|позже|позднее) (?:в тот же день|в этот же день|того же дня)\b"
    r"|^[\W\d]{0,8}mai (?:devreme|tarziu),? in aceeasi zi\b"
    r"|(?<!after )(?<!since )(?<!than )(?<!like )(?<!before )(?<!following )"  # a past one
    r"\b(?:another|one more|a second|a further) (?:[\w'-]+ ){0,2}?" + _STRIKE
    + r"|(?<!після )(?<!после )(?<!\w)(?:ще|еще) (?:один|одна|одне|одно) (?:[\w'-]+ ){0,2}?" + _STRIKE
    + r"|(?<!dupa )\binca (?:un|o) (?:[\w'-]+ ){0,2}?" + _STRIKE
)  # fmt: skip


def _earlier(sents: list[Sentence], kind: str) -> set[int]:
    return {c.value for s in sents if (c := getattr(s.cas, kind)) is not None}


def added_strikes(ctxs: list[Context]) -> None:
    """Make the counts of a sentence telling another strike add to its context's toll.

    Examples
    --------
    >>> from analytics.bulletins.contexts import analyse_sentence
    >>> t = ["Two people were injured in Kherson.", "Another strike on Kherson injured four."]
    >>> ctx = Context([analyse_sentence(x, 0, len(x), "en") for x in t])
    >>> added_strikes([ctx])
    >>> ctx.sents[1].cas.injured.op
    'add'
    """
    for ctx in ctxs:
        for k, told in enumerate(ctx.sents):
            if not k or not ADDED_STRIKE_RE.search(told.folded):
                continue
            s = told  # "Ще один удар по Херсону: поранено чотирьох": the toll right after
            if not (told.cas.killed or told.cas.injured) and k + 1 < len(ctx.sents):
                s = ctx.sents[k + 1]
            for kind in ("killed", "injured"):
                count = getattr(s.cas, kind)
                if count is None or count.op != "max" or len(_earlier(ctx.sents[:k], kind)) != 1:
                    continue
                s.cas = replace(s.cas, **{kind: replace(count, op="add")})
