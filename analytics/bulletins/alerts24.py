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
from typing import Final, Protocol

from analytics.bulletins.singular23 import UNSURE_RE
from analytics.bulletins.toll_counts import CasualtyReading

__all__ = ["REPORTED_BLASTS_RE", "casualties_told"]

#: Explosions reported (not a hit), in folded text; gaps of at most two words.
REPORTED_BLASTS_RE: Final = re.compile(
    r"\b(?:reports?|claims?|accounts?) of (?:\w+ ){0,2}?(?:explosions?|blasts?)\b"
    r"|\b(?:rapoart\w*|informati\w*|relatari\w*) (?:\w+ ){0,2}?despre (?:\w+ ){0,2}?explozi\w*"
    r"|(?<!\w)(?:сообщени\w*|информаци\w*) (?:\w+ ){0,2}?о (?:\w+ ){0,2}?взрыв\w*"
    r"|(?<!\w)(?:повідомлен\w*|інформаці\w*) (?:\w+ ){0,2}?про (?:\w+ ){0,2}?вибух\w*"
)


class _Told(Protocol):
    @property
    def folded(self) -> str: ...
    @property
    def cas(self) -> CasualtyReading: ...


def casualties_told(s: _Told) -> bool:
    """Whether a sentence tells of dead or injured with no number ("есть раненые", "there are
    injured people"): a toll, so reported explosions with it are an incident with the count
    unknown (NULL). A toll told as none, asked or unknown ("is anyone hurt?", "інформація про
    постраждалих уточнюється") is none.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> casualties_told(NS(folded="є поранені.", cas=CasualtyReading(mentions_injured=True)))
    True
    >>> casualties_told(NS(folded="є поранені?", cas=CasualtyReading(mentions_injured=True)))
    False
    """
    c = s.cas
    told = (c.mentions_killed and not c.no_killed) or (c.mentions_injured and not c.no_injured)
    return told and not UNSURE_RE.search(s.folded)
