"""A part of a wider toll told with a place of its own: "Among them ... two died in Bilopillia".

"At least 10 civilians have been killed ... in several parts of Ukraine. Among them included
two people who died in heavy Russian shelling of the town of Bilopillia": the sentence gives
Bilopillia's own toll (labelling rule 2: a sentence that gives a toll for one place is an
incident of that place), but "among them" made it a part of the count before it, so it counted
nothing. When the sentence names a settlement and the sentence before names none, the count is
read without its "among them" opening ("серед них", "среди них", "printre ei/acestea/care").
Where the sentence before names a settlement, "among them" stays a part of that toll ("Five
were injured in Kharkiv. Among them two children": no second toll).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.contexts import Sentence

__all__ = ["AMONG_RE", "own_part"]

#: "Among them" opening a sentence (folded), with an optional "were"/"included"/comma.
AMONG_RE: Final = re.compile(
    r"\s*(?:among (?:them|the (?:dead|victims|injured|wounded))|серед (?:них|загиблих|поранених)"
    r"|среди (?:них|погибших|раненых)|printre (?:ei|ele|acestea|care|victime))"
    r"(?:\s*,\s*|\s+)(?:(?:were|are|was|is|included|includ\w*)\s+)?"
)


def own_part(s: Sentence, before: Sentence | None, lang: str) -> Sentence:
    """``s`` with its own count when it opens with "among them", names a settlement, and
    ``before`` (the sentence before it) names none; else ``s`` unchanged."""
    if s.cas.killed or s.cas.injured or not any(p.settlement for p in s.places):
        return s
    if before is None or any(p.settlement for p in before.places):
        return s
    m = AMONG_RE.match(s.folded)
    if m is None:
        return s
    cas = read_casualties(s.folded[m.end() :], lang)
    return replace(s, cas=cas) if cas.killed or cas.injured else s
