"""Loose keys of place names, by which the press's spellings of one name agree.

Cyrillic names are compared without case, apostrophes, soft and hard signs, and with the
Ukrainian/Russian letter differences folded (і ї и ы й; є э е; "ов" and "ів"); Latin names with
the transliteration differences folded (kh/h/ch, zh/j/z, shch/sch/ș, y/i/j, doubled letters).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["LAT_PAIRS", "cyr_key", "is_cyrillic", "lat_key", "loose_cyr"]


def cyr_key(word: str) -> str:
    """Lower case, no apostrophes, soft or hard signs, spaces or hyphens ("Куп'янськ")."""
    w = unicodedata.normalize("NFC", word.lower()).replace("ё", "е")
    return re.sub(r"['’ʼ`´‘ьъ\s-]+", "", w)


def loose_cyr(key: str) -> str:
    """Fold Ukrainian/Russian letter differences: і, ї, и, ы, й -> и; є, э -> е; ов -> ив."""
    k = key.translate(str.maketrans("іїыйєэ", "ииииее"))
    return re.sub(r"(.)\1+", r"\1", k.replace("ов", "ив"))


LAT_PAIRS = (
    ("shch", "s"), ("sch", "s"), ("sh", "s"), ("ch", "c"), ("kh", "h"), ("zh", "j"), ("tz", "t"),
    ("ts", "t"), ("g", "h"), ("iy", "i"), ("yi", "i"), ("ij", "i"), ("y", "i"), ("z", "j"),
    ("ia", "a"), ("ie", "e"), ("iu", "u"), ("io", "o"), ("w", "v"), ("ov", "iv"),
)  # fmt: skip


def lat_key(word: str) -> str:
    """Loose key of a Latin spelling: "Zaporizhzhia", "Zaporijia", "Saporischschja" agree.

    >>> lat_key("Berlyn") == lat_key("Berlin"), lat_key("Kharkiv") == lat_key("Harkov")
    (True, True)
    """
    w = unicodedata.normalize("NFKD", word.lower())
    w = "".join(c for c in w if c.isalpha())
    w = w.replace("ş", "s").replace("ţ", "t")
    for a, b in LAT_PAIRS:
        w = w.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", w)


def is_cyrillic(text: str) -> bool:
    """Whether the text holds any Cyrillic letter."""
    return any("\u0400" <= c <= "\u04ff" for c in text)
