"""A death in hospital told right after the toll it raised: one death, not a second one.

"The number of dead rose to 20. A 57-year-old man died in hospital": the hospital death is the
reason for the new figure, which already counts it; added on top, the toll became 21 (the
issue's seed: a lead that already counts the man who later died, then the death told again).
:func:`explains_rise` tells a died-of-wounds sentence that follows, in the same context, a
sentence setting the killed figure ("rose to", "зросла до", "возросло до", "a crescut la").
A death told as another one ("another of the wounded died", "ще один поранений помер") still
adds (see ``extract._moved_by``).
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.contexts import Sentence

__all__ = ["ALSO_RE", "explains_rise"]

_DIED = r"(?:died|dies|passed away|succumbed|помер\w*|загину\w*|скончал\w*|умер\w*|погиб\w*|murit)"
#: "Also" next to the death verb of a died-of-wounds sentence, or opening it: a death on top
#: of the figure ("a woman also died"), not the one it counts; in a clause of its own ("a woman,
#: who was also wounded, died"; "too badly wounded") it is not (review of round 26).
ALSO_RE: Final = re.compile(
    rf"^(?:also|також|также|de asemenea)\b|\b(?:also|також|также|de asemenea) (?:\w+ )?{_DIED}"
    rf"|\b{_DIED} (?:\w+ )?(?:also|too|також|теж|также|тоже|de asemenea)\b"
)


def explains_rise(s: Sentence, sents: list[Sentence]) -> bool:
    """Whether ``s`` directly follows a sentence of ``sents`` that sets the killed figure.

    Only the sentence just before is read (one step back, so the test is linear), and only a
    figure read as a new total (``op == "set"``), never a plain count ("two were killed").
    """
    if not s.cas.transfer or ALSO_RE.search(s.folded):
        return False  # no died-of-wounds transfer; "a woman also died": one more (round 26)
    k = next((i for i, x in enumerate(sents) if x is s), 0)
    if k == 0:
        return False
    before = sents[k - 1].cas.killed
    return before is not None and before.op == "set"
