"""Cues of a bulletin's structure: who the toll is for and whether anything was hit.

Folded-text patterns that do not say what a number counts (that is
:mod:`analytics.bulletins.lexicon`) but how the sentences of a bulletin relate: a count for
the oblast as a whole after a settlement's, a back-reference to an earlier strike, air
defence at work with nothing hit, damage ruled out.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "AIR_DEFENCE_RE",
    "BACKREF_RE",
    "DEBRIS_RE",
    "HIT_ON_RE",
    "NO_DAMAGE_RE",
    "REGION_WIDE_RE",
]

#: A back-reference to a strike told before: "Напомним, 17 сентября...", "Нагадаємо",
#: "As reported earlier", "Reamintim că".
BACKREF_RE: Final = re.compile(
    r"^\W*(?:напомним|нагадаємо|нагадуємо|recall that|as (?:we )?reported (?:earlier|before)"
    r"|as (?:was )?(?:earlier|previously) reported"
    r"|earlier,|reamintim|amintim)\b"
)
#: Air defence at work or a target shot down: by itself no incident (labelling rule 3).
AIR_DEFENCE_RE: Final = re.compile(
    r"\b(?:пво|ппо|air defen[cs]e|shot down|intercepted|збил\w*|збит\w*|сбил\w*|сбит\w*"
    r"|знешкодж\w*|уничтож\w*|aparare\w* antiaerian\w*|doborat\w*|interceptat\w*"
    r"|neutrali[sz]ed|neutralizat\w*|нейтрализ\w*|нейтраліз\w*)\b"
)
#: Falling debris of a downed target: an impact, so a report even with no damage or victims.
DEBRIS_RE: Final = re.compile(
    r"\b(?:debris|wreckage|fragments?)\b|уламк\w*|обломк\w*|\b(?:resturi\w*|fragment\w*)\b"
)
#: Damage ruled out: "пожары отсутствуют", "руйнувань не виявлено", "no damage was reported".
NO_DAMAGE_RE: Final = re.compile(
    r"отсутству\w*|не обнаружен\w*|не зафиксирован\w*|не виявлен\w*|не зафіксован\w*|відсутн\w*"
    r"|\bno (?:damage|destruction|fires?)\b|without damage|fara (?:pagube|distrugeri)"
    # "nu a provocat victime, raniti sau distrugeri", "caused no casualties or damage"
    r"|\bnu a (?:provocat|produs|cauzat) (?:[\w-]+,? ){0,4}?(?:pagube|distrugeri)"
    r"|\bcaused no (?:[\w-]+,? ){0,4}?(?:damage|destruction)"
)
#: The oblast as a whole, not one of its places: "ще 9 людей в області", "in the region".
REGION_WIDE_RE: Final = re.compile(
    r"\b(?:в|у) (?:області|области)\b|\bпо (?:області|области)\b"
    r"|\bin the (?:region|oblast)\b|\bin regiune\b|\bin judet\b"
)
#: A place reported as hit (labelling rule 2): "struck Kyiv and Kharkiv", "au fost lovite",
#: "bombardamentele asupra", "обстріляли", "ударили по". Not explosions heard or targets
#: shot down, which alone make no incident (rule 3).
HIT_ON_RE: Final = re.compile(
    r"\b(?:struck|hit|attacked|shelled|bombed|pounded|targeted|dropped bombs)\b"
    r"|\b(?:a|au) (?:fost )?(?:lovit\w*|atacat\w*|bombardat\w*)\b"
    r"|\b(?:bombardament\w*|atac\w*|lovitur\w*) (?:\w+ ){0,3}?asupra\b"
    r"|обстріля\w*|атакува\w*|вдари\w* по\b|удари\w* по\b|обстреля\w*|атаковал\w*"
    r"|(?:удар\w*|обстріл\w*|обстрел\w*|атак\w*) по\b"
)
