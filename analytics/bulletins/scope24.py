"""Russia named as a qualifier of a place or an official, not as the attacker (round 24).

"Residents of the Russian-occupied Donetsk region were killed in Ukrainian shelling, Kremlin-
backed officials said" names Ukraine as the attacker; "Russian-occupied" and "Russian-installed
governor" say who holds the place or appointed the official, not who struck. Labelling rule 6
(``docs/bulletin_labelling.md``): a strike by Ukraine, also on occupied territory, is no
incident. :func:`unqualified` blanks such qualifiers (same length, so offsets hold) before the
attacker pattern of :mod:`analytics.bulletins.scope` looks for Russia in a context that named
Ukraine as the attacker first.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["RUSSIA_QUALIFIER_RE", "unqualified"]

_HELD = r"(?:occupied|installed|appointed|backed|controlled|annexed|held|imposed)"
#: Russia as the holder of a place or the appointer of an official, in folded text.
RUSSIA_QUALIFIER_RE: Final = re.compile(
    # en: "Russian-occupied", "Russia-installed", "occupied by Russia", "Kremlin-backed"
    r"\brussian?-" + _HELD + r"\b"
    r"|\b" + _HELD + r"\s+by\s+(?:russia|russian\s+forces|moscow)\b"
    # ro: "ocupată de Rusia", "instalat de ruși", "regiunea ocupată de ruși"
    r"|\b(?:ocupat|instalat|numit|sustinut|controlat|anexat)\w*\s+de\s+(?:catre\s+)?"
    r"(?:rusia|rusi|moscova|kremlin)\b"
    # ru: "подконтрольного России", "назначенный Россией", "российские оккупационные власти"
    r"|\b(?:оккупированн|подконтрольн|назначенн|аннексированн)\w*\s+(?:россии|россией|рф"
    r"|оккупантами|москвой)\b"
    r"|\bроссийск\w*\s+(?=оккупационн|окупацион)"
    # uk: "підконтрольного Росії", "призначений окупантами", "російська окупаційна влада"
    r"|\b(?:окупован|підконтрольн|призначен|анексован)\w*\s+(?:росії|росією|рф|окупантами"
    r"|москвою)\b"
    r"|\bросійськ\w*\s+(?=окупаційн)"
)


def unqualified(folded: str) -> str:
    """``folded`` with Russia-as-holder qualifiers blanked to spaces (same length).

    Examples
    --------
    >>> unqualified("the russian-installed governor said")
    'the                   governor said'
    >>> unqualified("russian drones struck")
    'russian drones struck'
    """
    if "rus" not in folded and "рос" not in folded and "окуп" not in folded:
        return folded  # cheap pre-check: no qualifier can match
    return RUSSIA_QUALIFIER_RE.sub(lambda m: " " * len(m.group()), folded)
