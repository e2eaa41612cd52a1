"""Contrast clauses between two settlements of one oblast, each with its own toll.

:mod:`analytics.bulletins.clauses` cuts a sentence at "while" / "iar" / "а" / "тогда как" /
"în timp ce" when its two clauses name two oblasts. A roundup also packs two settlements of one
oblast into a sentence: "Three people were killed in the town of A, the governor said, while two
men were killed near the town of B". Read whole, the sentence gives A the sum of both tolls.
:func:`settlement_cut` finds the conjunction when the clause before it and the clause after it
name settlements, none on both sides, and each clause tells a toll of its own (a count of
killed or injured). A clause with no toll ("three were killed in A, while B was also shelled")
leaves the sentence whole, as does a sentence naming one settlement on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import analytics.bulletins.lexicon as lx
from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.contexts import Sentence
from analytics.bulletins.numbers import fold
from analytics.bulletins.places import find_places

__all__ = ["settlement_cut"]


def _settlements(text: str) -> set[str]:
    return {p.settlement for p in find_places(text) if p.settlement}


def _toll(text: str, lang: str) -> bool:
    cas = read_casualties(fold(text), lang)
    return cas.killed is not None or cas.injured is not None


def settlement_cut(
    s: Sentence, pattern: re.Pattern[str], tries: int, lang: str,
    gate: Callable[[re.Pattern[str], str], bool],
) -> int | None:  # fmt: skip
    """Offset in ``s.text`` of the conjunction between two settlements' tolls, if any.

    ``pattern`` is the contrast conjunction, tried ``tries`` times at most; ``gate`` the cheap
    keyword pre-check of the sentence (:func:`analytics.bulletins.gates.seen`).

    Examples
    --------
    >>> import datetime as dt
    >>> from analytics.bulletins.clauses import CONTRAST_RE
    >>> from analytics.bulletins.contexts import analyse_sentence
    >>> from analytics.bulletins.gates import seen
    >>> t = ("Two people were killed in Kramatorsk, while one man was injured in "
    ...      "Sloviansk.")
    >>> s = analyse_sentence(t, 0, len(t), "en", None, dt.date(2025, 1, 1))
    >>> t[settlement_cut(s, CONTRAST_RE, 3, "en", seen):]
    ' while one man was injured in Sloviansk.'
    """
    if s.cas.killed is None and s.cas.injured is None:
        return None
    if not any(p.settlement for p in s.places) or not gate(pattern, s.text):
        return None
    for k, m in enumerate(pattern.finditer(s.text)):
        if k == tries:
            break  # each try reads the sentence again: a bound keeps a long one linear
        left, right = s.text[: m.start()], s.text[m.start() + 1 :]
        a, b = _settlements(left), _settlements(right)
        if not b or a & b or not _toll(left, lang):
            continue
        if (a and _toll(right, lang)) or (not a and _damage_only(right, lang)):
            return m.start() + 1
    return None


def _damage_only(text: str, lang: str) -> bool:
    """Damage with no toll (round 26): "Un bărbat a fost rănit, în timp ce la Zolociv două case
    au fost avariate": the man's toll is not the village's, whose houses were damaged."""
    return not _toll(text, lang) and bool(lx.DAMAGE_RE.search(fold(text)))
