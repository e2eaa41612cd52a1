"""Weapon classes: a documented, rule-based map from reported model names to a weapon class.

Reports name weapons inconsistently: ``Kh-101``, ``X-101`` (Latin X for the Cyrillic letter),
``Х-101`` (Cyrillic), ``C-300`` (Latin C for Cyrillic ``С``), ``Shahed-136/131``, ``Geran-2``.
:func:`weapon_class` normalises the spelling, then matches each part of a combined string
(``"X-101/X-555 and Kalibr"``: parts are separated by `` and ``, ``+``, ``;`` or ``,``) against
ordered rules. A part that names several models with ``/`` (``Iskander-M/KN-23``) takes every
class it matches. The result is the single class when all parts agree, ``"mixed"`` otherwise,
and ``"other"`` when nothing matches (unknown models are never guessed).

The classes (:data:`WEAPON_CLASSES`):

``ballistic_missile``
    Iskander-M (9M723), KN-23/KN-24, Kinzhal (Kh-47M2), Tochka(-U), Fateh-110/360, Oreshnik,
    any model described as "ballistic" (incl. "Intercontinental Ballistic Missile").
``cruise_missile``
    Kh-101, Kh-555, Kh-55, Kalibr (3M14), Iskander-K (9M728/9M729), Kh-59 (incl. Kh-59MK2),
    Kh-69, Kh-22 and Kh-32 (anti-ship cruise missiles used on ground targets), P-800 Oniks,
    Kh-35, 3M22 Zircon, any model described as "cruise".
``attack_drone``
    One-way attack drones and loitering munitions: Shahed-136/131, Geran, Harpy, Lancet,
    KUB-BLA, Molniya, Privet-82, Italmas. (Lancet is a loitering munition, so it is an attack
    drone here, not a reconnaissance drone.)
``decoy_or_recon_drone``
    Decoys (Gerbera, Parodiya) and reusable reconnaissance or multi-role UAVs: Orlan-10/30,
    ZALA, Supercam, Merlin-VR, Orion, Forpost, Mohajer-6, Eleron, Granat, Kartograf, Feniks,
    "Reconnaissance UAV", any model described as "decoy".
``guided_air_bomb``
    KAB, UMPK, FAB, GBU and "aerial bomb" / "glide bomb".
``sam_ground_attack``
    Surface-to-air missiles fired at ground targets: S-300, S-400 (``C-300``/``С-300``).
``other``
    Known weapons outside the classes above (e.g. the anti-radiation Kh-31P, Kh-58) and
    unknown ones ("Unknown UAV", "Unknown Missile").
``mixed``
    A row whose parts belong to different classes ("C-300/C-400 and Iskander-M").

:func:`weapon_family` gives the coarser family (``missile``, ``drone``, ``bomb``, ``mixed``,
``unknown``), which keeps "Unknown UAV" countable as a drone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

__all__ = ["WEAPON_CLASSES", "WEAPON_FAMILIES", "normalise_model", "weapon_class", "weapon_family"]

WEAPON_CLASSES: Final[tuple[str, ...]] = (
    "ballistic_missile",
    "cruise_missile",
    "attack_drone",
    "decoy_or_recon_drone",
    "guided_air_bomb",
    "sam_ground_attack",
    "other",
    "mixed",
)

WEAPON_FAMILIES: Final[tuple[str, ...]] = ("missile", "drone", "bomb", "mixed", "unknown")

_FAMILY: Final[dict[str, str]] = {
    "ballistic_missile": "missile",
    "cruise_missile": "missile",
    "sam_ground_attack": "missile",
    "attack_drone": "drone",
    "decoy_or_recon_drone": "drone",
    "guided_air_bomb": "bomb",
}

# Cyrillic letters that look like Latin ones in model names, mapped to the Latin letter.
_HOMOGLYPHS = str.maketrans("ХхСсКкМмРрАаЕеОоТтВН", "XxCcKkMmPpAaEeOoTtBH")

# A model number must not run on into a longer one ("x-55" is not "x-555").
_END = r"(?![0-9])"
_X = r"(?<![a-z0-9])x-?"  # normalised Kh-/X-/Х- prefix

#: Ordered rules: (class, pattern over the normalised text). Earlier rules win only in the
#: sense that every matching rule contributes its class to the part.
_RULES: Final[tuple[tuple[str, str], ...]] = (
    ("other", r"\bunknown\b"),
    ("ballistic_missile", r"iskander-?m\b|\bkn-?2[34]\b|kinzhal|" + _X + r"47|tochka|fateh"
     r"|oreshnik|9m723|ballistic"),
    ("cruise_missile", _X + r"(101|555|55|59|69|22|32|35)" + _END + r"|kalibr|3m-?14\b"
     r"|iskander-?k\b|9m72[89]|oniks|onyx|p-?800|zircon|tsirkon|3m-?22\b|cruise"),
    ("sam_ground_attack", r"(?<![a-z0-9])[sc]-?(300|400|200)" + _END + r"|\bs-?300\b"),
    ("attack_drone", r"shahed|geran|harpy|lancet|\bkub\b|molni|privet|italmas|\bfpv\b"
     r"|attack (uav|drone)"),
    ("decoy_or_recon_drone", r"gerbera|parodi|orlan|\bzala\b|supercam|merlin|\borion\b"
     r"|forpost|mohajer|eleron|granat|kartograf|feniks|fenix|reconnaissance|\brecon\b"
     r"|decoy"),
    ("guided_air_bomb", r"\bkab\b|\bumpk\b|\bfab\b|\bgbu\b|bomb"),
    ("other", _X + r"(31|58|29|25)" + _END),
)  # fmt: skip

_COMPILED: Final = tuple((cls, re.compile(p)) for cls, p in _RULES)

# Transliterations of Cyrillic model names used in reports.
_CYRILLIC_NAMES: Final[dict[str, str]] = {
    "молнія": "molniya",
    "молния": "molniya",
    "привет": "privet",
    "привіт": "privet",
    "картограф": "kartograf",
    "фенікс": "feniks",
    "феникс": "feniks",
    "шахед": "shahed",
    "герань": "geran",
    "гербера": "gerbera",
    "орлан": "orlan",
    "ланцет": "lancet",
    "іскандер": "iskander",
    "искандер": "iskander",
    "калібр": "kalibr",
    "калибр": "kalibr",
    "кинджал": "kinzhal",
    "кинжал": "kinzhal",
}

_SPLIT = re.compile(r"\s+and\s+|\s+і\s+|\s+и\s+|\s*[+;,]\s*")


def normalise_model(model: str) -> str:
    """Lower-case a model name and unify the spellings of its letters and prefixes.

    Examples
    --------
    >>> normalise_model("Х-101/Kh-555")
    'x-101/x-555'
    >>> normalise_model("C-300")
    'c-300'
    """
    text = model.strip().lower()
    for cyr, lat in _CYRILLIC_NAMES.items():
        text = text.replace(cyr, lat)
    text = text.translate(_HOMOGLYPHS).lower()
    text = re.sub(r"(?<![a-z0-9])kh-?(?=[0-9])", "x-", text)
    text = re.sub(r"(?<![a-z0-9])x(?=[0-9])", "x-", text)
    return re.sub(r"\s+", " ", text)


def _part_classes(part: str) -> set[str]:
    found = {cls for cls, rx in _COMPILED if rx.search(part)}
    if len(found) > 1 and "other" in found and found & {"attack_drone", "decoy_or_recon_drone"}:
        found.discard("other")  # "Unknown ... reconnaissance UAV" is still a recon drone
    return found or {"other"}


@lru_cache(maxsize=4096)
def weapon_class(model: str | None) -> str | None:
    """The weapon class of a reported model name (see the module docstring for the map).

    Returns None for a missing model.

    Examples
    --------
    >>> weapon_class("Shahed-136/131")
    'attack_drone'
    >>> weapon_class("X-101/X-555 and Kalibr")
    'cruise_missile'
    >>> weapon_class("C-300/C-400 and Iskander-M")
    'mixed'
    >>> weapon_class("Х-47 Кинжал")
    'ballistic_missile'
    >>> weapon_class("Unknown UAV")
    'other'
    """
    if model is None or not model.strip():
        return None
    text = normalise_model(model)
    classes: set[str] = set()
    for part in _SPLIT.split(text):
        if part.strip():
            classes |= _part_classes(part)
    if len(classes) == 1:
        return classes.pop()
    return "mixed"


@lru_cache(maxsize=4096)
def weapon_family(model: str | None) -> str | None:
    """The coarse family of a model: missile, drone, bomb, mixed or unknown.

    Examples
    --------
    >>> weapon_family("Unknown UAV")
    'drone'
    >>> weapon_family("Iskander-M")
    'missile'
    """
    if model is None or not model.strip():
        return None
    families: set[str] = set()
    for part in _SPLIT.split(normalise_model(model)):
        if not part.strip():
            continue
        fams = {_FAMILY.get(c, "") for c in _part_classes(part)} - {""}
        if not fams:
            if re.search(r"\b(uav|drone|bpla|бпла)\b", part):
                fams = {"drone"}
            elif re.search(r"missile|ракета|x-\d", part):
                fams = {"missile"}
            else:
                fams = {"unknown"}
        families |= fams
    return families.pop() if len(families) == 1 else "mixed"
