"""Round 27b's pass over an update's sentences before they are grouped into contexts.

Places are made canonical, with a listed community's later mentions read as the hromada
(:mod:`analytics.bulletins.communities27`), and a count of strikes with no place is no strike
(:mod:`analytics.bulletins.tallies27`); Kyiv named for the state ("the forces of Kyiv") is
no place (:mod:`analytics.bulletins.capital27`).
"""

from __future__ import annotations

from analytics.bulletins.capital27 import drop_state_capital
from analytics.bulletins.communities27 import community_places
from analytics.bulletins.contexts import Sentence
from analytics.bulletins.tallies27 import mark_tallies

__all__ = ["prepare_sentences"]


def prepare_sentences(sents: list[Sentence]) -> None:
    """Kyiv for the state dropped, canonical places (communities read as hromadas), then
    placeless strike counts marked."""
    drop_state_capital(sents)
    community_places(sents)
    mark_tallies(sents)
