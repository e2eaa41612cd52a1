"""A toll told over several regions with no place of its own: "14 injured in western Ukraine".

"Cel puţin un mort şi 14 răniţi în atacuri ruse în vestul Ucrainei", "ten civilians were
killed across Ukraine", "у кількох областях загинули п'ятеро", "в нескольких регионах
погибли": the toll spans several oblasts without a split (labelling rule 6: no incident), but
with no place named it was adopted by the first place told after it (ro_82: Lviv 1 killed /
14 injured instead of 1 / 2). Such a sentence is read as a toll over several oblasts, which
no place adopts (:func:`analytics.bulletins.contexts.group_contexts`).
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.places import Place

__all__ = ["SEVERAL_REGIONS_RE", "spans_regions"]

#: Words that place a toll over several regions or a part of the country (folded text).
SEVERAL_REGIONS_RE: Final = re.compile(
    r"\b(?:across|throughout|all over) (?:the )?(?:country|ukraine)\b"
    r"|\b(?:in|across) (?:several|many|multiple|\d+|two|three|four|five|six|seven|eight|nine|ten)"
    r" (?:ukrainian )?(?:regions|oblasts|provinces|cities)\b"
    r"|\bin (?:the )?(?:western|eastern|northern|southern|central) ukraine\b"
    r"|(?<!\w)(?:у|в) (?:кількох|декількох|багатьох|\d+|двох|трьох|чотирьох|п'яти|шести) "
    r"(?:областях|регіонах|містах)(?!\w)"
    r"|(?<!\w)в (?:нескольких|ряде|многих|\d+|двух|трех|трёх|четырех|пяти|шести) "
    r"(?:областях|регионах|городах)(?!\w)"
    r"|(?<!\w)(?:на|в) (?:заході|сході|півночі|півдні) україни(?!\w)"
    r"|(?<!\w)на (?:западе|востоке|севере|юге) украины(?!\w)"
    r"|\bin (?:mai multe|\d+|doua|trei|patru|cinci|sase) (?:regiuni|orase|oblasturi)\b"
    r"|\bin (?:vestul|estul|nordul|sudul|centrul) ucrainei\b"
)
_CHEAP: Final = ("ukrain", "україн", "украин", "ucrain", "област", "регіон", "регион", "region",
                 "oblast", "provinc", "cities", "містах", "городах", "orase", "regiuni")  # fmt: skip


def spans_regions(folded: str, places: list[Place]) -> bool:
    """Whether a sentence naming no place of Ukraine (``places`` empty) tells of several regions.

    Examples
    --------
    >>> spans_regions("cel putin un mort si 14 raniti in atacuri ruse in vestul ucrainei", [])
    True
    >>> spans_regions("two people were killed in the region", [])
    False
    """
    if any(p.code or p.settlement for p in places) or not any(w in folded for w in _CHEAP):
        return False
    return any(
        not _ALERT_RE.search(_clause(folded, m)) for m in SEVERAL_REGIONS_RE.finditer(folded)
    )


#: An air-raid alert: "when the alert sounded in several regions" places no toll there.
_ALERT_RE: Final = re.compile(
    r"\b(?:alerts?|alarms?|sirens?|alerta\w*|alarm\w*)\b|(?<!\w)(?:тривог\w*|тревог\w*|сирен\w*)"
)


def _clause(folded: str, m: re.Match[str]) -> str:
    """The clause (between commas, semicolons, colons or dashes) holding the match ``m``."""
    start = max(folded.rfind(c, 0, m.start()) for c in ",;:–—") + 1
    ends = [e for e in (folded.find(c, m.end()) for c in ",;:–—") if e >= 0]
    return folded[start : min(ends, default=len(folded))]
