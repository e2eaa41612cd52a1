"""Kyiv named for Ukraine's state: "the forces of Kyiv" is no place struck.

"Forțele aeriene ale Kievului au transmis că dronele ruse au vizat districtul Kilia", "Kyiv's
air force said", "Силы Киева", "військові Києва": the capital stands for the Ukrainian state
(its forces, government or officials), so the mention is no place of the sentence. Before, it
made a Kyiv city incident of a strike on another oblast. "A drone hit Kyiv's Shevchenkivskyi
district" and "Kyiv's air defence shot down ..." (the city's own defence, a place) are kept:
only forces, army, government, authorities and officials qualify.
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.contexts import Sentence

__all__ = ["STATE_RE", "drop_state_capital"]

_KYIV_CITY: Final = "UA-30"
#: Kyiv as the possessor of the state's forces or government, in the sentence's own text.
STATE_RE: Final = re.compile(
    r"(?:forțele|forţele|fortele|armata|guvernul|autoritățile|autoritatile|oficialii)"
    r"(?:\s+[a-zăâîșțş]+)?\s+(?:ale|al|a)\s+(?P<ro>Kievului|Kyivului)"
    r"|(?P<en>Kyiv|Kiev)['’]s\s+(?:armed\s+)?(?:forces|air\s+force|army|military|government"
    r"|authorities|officials)\b"
    r"|(?:сил[аиы]?|войск\w*|арми[яи]|власт\w*|правительств\w*)\s+(?P<ru>Киева)\b"
    r"|(?:сил[иа]?|військ\w*|армі[їя]|влад[аи]|уряд\w*)\s+(?P<uk>Києва)\b",
    re.IGNORECASE,
)
_CUES: Final = ("kiev", "kyiv", "киева", "києва")


def drop_state_capital(sents: list[Sentence]) -> None:
    """Drop Kyiv city mentions that stand for the state (see module docstring)."""
    for s in sents:
        if not any(c in s.folded for c in _CUES):
            continue
        state = {m.group(m.lastgroup or 0) for m in STATE_RE.finditer(s.text)}
        if state:
            s.places = [p for p in s.places if not (p.code == _KYIV_CITY and p.raw in state)]
