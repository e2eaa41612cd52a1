"""Who struck where: strikes by Ukraine and strikes on Russian territory are out of scope.

Labelling rule 6 (``docs/bulletin_labelling.md``): a strike on Russian territory or one made by
Ukraine (also on occupied territory) is no incident. The attacker is often named only once in
the run of sentences about a place ("Украинские войска обстреляли здание администрации. ...
В результате удара один человек погиб"), so the rules read the whole context:

- a context naming Ukraine as the attacker and never Russia is dropped;
- where the context named Russia as the attacker first, a later claim that Ukraine did it is
  the other side's account (an occupation official's "executed by Ukraine's army. He reports
  34 wounded"): that sentence and those after it in the context are dropped, the place and
  toll told before stand;
- a context whose toll sentence names a Russian region (Belgorod, Kursk, Bryansk ...) and no
  Ukrainian place is dropped, so a background "Russia-annexed Crimea" never gives it an oblast.
"""

from __future__ import annotations

import re
from typing import Final

import analytics.bulletins.lexicon as lx
from analytics.bulletins.contexts import Context, Sentence
from analytics.bulletins.non_events20 import about_trial
from analytics.bulletins.russian_ground20 import on_russian_ground
from analytics.bulletins.scope24 import unqualified
from analytics.reference.toponymy import NON_OBLAST

__all__ = [
    "RUSSIA_ATTACKER_RE",
    "RUSSIAN_REGION_RE",
    "UKRAINE_ATTACKER_RE",
    "in_scope",
    "keep_in_scope",
]

_W = r"(?:[\w'-]+\s+)"  # one word and its space, for short gaps between cue words
#: A claim of the other side ("accused Ukraine of attacking the Kursk NPP", round 26).
_CLAIM: Final = (
    r"\baccus\w*\s+(?:ukraine|kyiv|ukrainian forces)\s+of\s+(?:attack|strik|shell|target)"
    r"|\b(?:a|au)\s+acuzat\s+(?:ucraina|kievul|fortele ucrainene)\s+(?:ca|de)\b"
    r"|\bобвини\w*\s+(?:украину|киев|всу)\s+в\s+(?:атак|удар|обстрел)"
    r"|\bзвинуват\w*\s+(?:україну|київ|зсу)\s+(?:в|у)\s+(?:атац|удар|обстріл)"
)
_CLAIM_RE: Final = re.compile(_CLAIM)

#: Ukraine named as the attacker, in folded text (en, ro, ru, uk).
UKRAINE_ATTACKER_RE: Final = re.compile(
    # en: "in a Ukrainian attack", "Ukrainian drones hit", "executed by Ukraine's army"
    r"\bukrainian\s+(?:drone\s+|missile\s+|artillery\s+|rocket\s+)?(?:attack|strike|shelling)"
    r"|\bukrainian\s+(?:forces|troops|army|military|drones?|missiles?)\s+" + _W + r"{0,2}?"
    r"(?:attacked|shelled|struck|hit|targeted|fired)\b"
    r"|\b(?:executed|carried out|launched|conducted|fired|shelled|struck|attacked)\s+by\s+"
    r"(?:the\s+)?(?:ukraine|ukrainian|kyiv)"
    r"|\bukraine(?:'s)?\s+(?:armed forces\s+|army\s+|forces\s+|military\s+)?"
    r"(?:has\s+|had\s+)?(?:attacked|shelled|struck)\b"
    # ro: "atac ucrainean", "armata ucraineana a lovit", "de catre armata ucraineana"
    r"|\b(?:atac\w*|lovitur\w*|bombardament\w*)\s+(?:cu\s+drone\s+)?ucrainean\w*"
    r"|\b(?:armata|fortele|trupele|dronele)\s+ucrain\w*\s+" + _W + r"{0,2}?"
    r"(?:a|au)\s+(?:atacat|lovit|bombardat)"
    r"|\bde\s+catre\s+(?:armata\s+|fortele\s+)?(?:ucraina|ucrainene?|ucrainean\w*)"
    # ro: "un bombardament al Ucrainei", "efectuate de formatiunile armate ucrainene"
    r"|\b(?:atac\w*|lovitur\w*|bombardament\w*)\s+(?:al|ale)\s+ucrainei\b"
    r"|\befectuat\w*\s+de\s+(?:\w+\s+){0,2}?ucrainen\w*"
    # ru: "Украинские войска обстреляли", "ВСУ нанесли удар", "удар ВСУ", "со стороны ВСУ"
    r"|\bукраинск\w*\s+(?:\w+\s+)?(?:атак|удар|обстрел)\w*"
    r"|\bукраинск\w*\s+(?:войск|военн|арми|боевик|силовик|беспилотник|дрон)\w*\s+"
    + _W
    + r"{0,2}?(?:обстрел|атакова|удари|нанес|выпусти)\w*"
    r"|\b(?:всу|вооруженн\w*\s+сил\w*\s+украины)\s+" + _W + r"{0,2}?"
    r"(?:обстрел|атакова|удари|нанес|выпусти|произвел)\w*"
    r"|\b(?:обстрел\w*|удар\w*|атак\w*|теракт\w*|поступок)\s+(?:\w+\s+)?всу\b"
    r"|\bсо\s+стороны\s+всу\b"
    # uk: "ЗСУ атакували", "українські дрони вдарили", "Сили оборони уразили"
    r"|\bукраїнськ\w*\s+(?:\w+\s+)?(?:атак|удар|обстріл)\w*"
    r"|\bукраїнськ\w*\s+(?:військ|військов|армі|дрон|безпілотник)\w*\s+"
    + _W
    + r"{0,2}?(?:обстріля|атакува|вдари|уразил|завда)\w*"
    r"|\b(?:зсу|сили оборони)\s+" + _W + r"{0,2}?(?:обстріля|атакува|вдари|уразил|завда)\w*"
    r"|\b(?:обстріл\w*|удар\w*|атак\w*)\s+(?:\w+\s+)?зсу\b"
    # a claim of the other side: "accused Ukraine of attacking the Kursk NPP" (round 26)
    r"|" + _CLAIM
)

#: Russia named as the attacker or as the side ("Russia's strike", "the occupiers", "рф").
RUSSIA_ATTACKER_RE: Final = re.compile(
    r"(?<!pro-)\b(?:russia|russia's|russian|russians|rusia|rusiei|rusesc|ruseasca|rusii"
    r"|ocupant\w*|invadator\w*|the enemy|enemy|occupiers?|рф|росі\w*|російськ\w*|росси\w*"
    r"|российск\w*|окупант\w*|оккупант\w*|ворог\w*|враг\w*|агресор\w*|агрессор\w*)\b"
)


def _russian_regions() -> re.Pattern[str]:
    """Russian regions of :data:`analytics.reference.toponymy.NON_OBLAST`, as one pattern."""
    alts: list[str] = []
    for line in NON_OBLAST.strip().splitlines():
        label, stems, names = line.split(";")
        if not label.startswith("Russia:") or label == "Russia:Moscow":
            continue  # "Moscow" names the government far more often than a place struck
        alts += [re.escape(s) + r"\w*" for s in stems.split()]
        alts += [re.escape(n.lower()) + r"\w*" for n in names.split("|")]
    return re.compile(r"\b(?:" + "|".join(sorted(alts, key=len, reverse=True)) + r")\b")


#: A Russian region by name or adjective ("Belgorod", "Курской области", "брянськ").
RUSSIAN_REGION_RE: Final = _russian_regions()


def _on_russian_soil(s: Sentence) -> bool:
    """A toll sentence naming a Russian region and no Ukrainian place."""
    counted = s.cas.killed is not None or s.cas.injured is not None
    return counted and not s.places and bool(RUSSIAN_REGION_RE.search(s.folded))


def _ukraine_attacker(folded: str) -> bool:
    """Whether a sentence names Ukraine as the attacker; a claim of the other side ("Russia,
    which accused Ukraine of attacking the Kursk NPP, struck Sumy") only when no strike is told
    outside its clause (review of round 26).

    >>> _ukraine_attacker("russia, which accused ukraine of attacking the npp, struck sumy")
    False
    >>> _ukraine_attacker("officials accused ukraine of attacking the npp, with no injuries")
    True
    """
    m = UKRAINE_ATTACKER_RE.search(folded)
    if m is None or not _CLAIM_RE.match(folded, m.start()):
        return m is not None
    ends = [e for e in (folded.find(c, m.end()) for c in ",;.") if e >= 0]
    rest = folded[: m.start()] + " , " + folded[min(ends, default=len(folded)) :]
    return not lx.STRIKE_RE.search(rest) or bool(UKRAINE_ATTACKER_RE.search(rest))


def in_scope(ctx: Context) -> bool:
    """Whether a context may be an incident: not on Russian soil, not Ukraine's strike.

    A sentence that leaves the context's place for Russian soil, or that names Ukraine as the
    attacker after Russia was named, is trimmed off ``ctx.sents`` with those after it.
    """
    russia = placed = False
    for k, s in enumerate(ctx.sents):
        ukraine = _ukraine_attacker(s.folded)
        if _on_russian_soil(s) or (ukraine and russia):
            ctx.sents = ctx.sents[:k]
            return placed
        if ukraine:  # Ukraine named first: out, unless a later sentence names Russia too
            # (a Russian word in the same sentence is the target: "ЗСУ атакували склад окупантів")
            return any(RUSSIA_ATTACKER_RE.search(unqualified(t.folded)) for t in ctx.sents[k + 1 :])
        russia = russia or bool(RUSSIA_ATTACKER_RE.search(s.folded))
        placed = placed or bool(s.places)
    return True


def keep_in_scope(ctxs: list[Context]) -> list[Context]:
    """The contexts of :func:`in_scope` (counter-claims trimmed), in order; a context telling
    an indictment or trial of a past strike is none (labelling rule 6)."""
    return [
        c
        for c in ctxs
        if in_scope(c) and not about_trial(c.sents) and not on_russian_ground(c, RUSSIAN_REGION_RE)
    ]
