"""Kin nouns: "mother of two", "мати двох дітей", "мать троих детей", "mamă a doi copii".

A count right after a parent noun tells how many children the parent has, not how many people
were killed or hurt: "a mother of two was killed" is one death.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["PARENT_RE", "counts_children"]

#: Folded parent nouns (any case) that a count of children may follow.
PARENT_RE: Final = re.compile(
    r"mother|father|parent|мати|матір|матері|батько|батька|мать|матери|отец|отца|мама|мамою"
    r"|mama|mame|mamei|tata|tatal|tatalui"
)


def counts_children(toks: list[str], i: int) -> bool:
    """Whether the number at ``toks[i]`` counts a parent's children ("mother *of two*").

    Examples
    --------
    >>> counts_children(["погибла", "мать", "двоих", "детей"], 2)
    True
    >>> counts_children(["a", "mother", "of", "two"], 3), counts_children(["two", "men"], 0)
    (True, False)
    """
    k = i - 1
    # "mother of two", "mama a doi copii"; not Romanian "cu" ("with": "o mamă cu doi copii"
    # are three people)
    if k >= 1 and toks[k] in {"of", "a", "al"}:
        k -= 1
    return k >= 0 and PARENT_RE.fullmatch(toks[k]) is not None
