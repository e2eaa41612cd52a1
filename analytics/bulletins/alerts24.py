"""Explosions only reported, not a hit: "there were reports of explosions in other cities" (round 24).

Labelling rule 3 (``docs/bulletin_labelling.md``): air defence at work, explosions heard or
objects shot down with no reported hit or damage make no incident. "Explosions were heard" is
read by :data:`analytics.bulletins.incident_cues.HEARD_RE`; a report *of* explosions ("there
were reports of explosions in other big cities, but it was not known whether ...", "au existat
rapoarte despre explozii", "поступали сообщения о взрывах", "є повідомлення про вибухи") says
no more, and with no damage, target or toll in its context it is no incident either
(:func:`analytics.bulletins.incident_cues.no_hit`).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["REPORTED_BLASTS_RE"]

#: Explosions reported (not a hit), in folded text; gaps of at most two words.
REPORTED_BLASTS_RE: Final = re.compile(
    r"\b(?:reports?|claims?|accounts?) of (?:\w+ ){0,2}?(?:explosions?|blasts?)\b"
    r"|\b(?:rapoart\w*|informati\w*|relatari\w*) (?:\w+ ){0,2}?despre (?:\w+ ){0,2}?explozi\w*"
    r"|(?<!\w)(?:сообщени\w*|информаци\w*) (?:\w+ ){0,2}?о (?:\w+ ){0,2}?взрыв\w*"
    r"|(?<!\w)(?:повідомлен\w*|інформаці\w*) (?:\w+ ){0,2}?про (?:\w+ ){0,2}?вибух\w*"
)
