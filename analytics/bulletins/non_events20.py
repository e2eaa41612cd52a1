"""Round 20 (issue 11): wordings from the fifth and sixth batches of real text.

Folded-text cues (see :func:`analytics.bulletins.numbers.fold`) and small rules on contexts
that the older modules lacked, each general and in the four languages:

- :data:`NO_HIT_MORE_RE`: a possible attack announced, a warning told as a noun, weapons
  "moving over" regions or "launched from" a place ("avertismente privind un posibil atac",
  "a possible missile attack", "можлива ракетна атака", "возможной атаки", "запустили с
  территории Крыма"): no place named as hit;
- :data:`PERIOD_RE`: a tally over a week or more told as "a week in which", "протягом
  тижня", "в течение недели", "o săptămână în care" (labelling rule 6: no incident);
- :data:`TRIAL_RE` and :func:`about_trial`: an indictment or a trial about a past strike
  ("будут судить", "обвинительный акт", "обвинувальний акт", "was indicted", "trimis în
  judecată"), no incident even where it repeats the toll (labelling rule 6);
- :data:`UNNUMBERED_TOLL_RE`: casualties told with no number ("є загиблі і поранені", "есть
  погибшие", "there are dead and wounded", "există morți și răniți"): someone was hurt, so air
  defence at work there is no "air defence only" context;
- :func:`no_reports`: no report of casualties received ("відомостей про загиблих не
  надходило", "no reports of casualties"): a zero of both kinds (labelling rule 4);
- :func:`district_wide`: a past-day summary over a city and its district ("in the city of
  Zaporizhzhia and Zaporizhzhia district") is no toll of the city: ``contexts.split_dated``
  splits it off the city's toll as an incident of the day it covers, with no settlement;
- :func:`untold_unit`: damage told only of a raion or hromada, with no toll and no
  settlement (labelling rule 3: no incident).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Protocol

from analytics.bulletins import gates
from analytics.bulletins.places import Place
from analytics.bulletins.toll_counts import CasualtyReading

__all__ = [
    "LAUNCH_RE",
    "NO_HIT_MORE_RE",
    "PERIOD_RE",
    "TRIAL_RE",
    "UNNUMBERED_TOLL_RE",
    "NO_REPORTS_RE",
    "about_trial",
    "district_wide",
    "no_reports",
    "over_period",
    "told_hurt",
    "untold_unit",
]

#: A possible attack, a warning told as a noun, weapons moving over the country: no hit.
NO_HIT_MORE_RE: Final = re.compile(
    r"\b(?:possible|potential|imminent|likely) (?:\w+ ){0,2}?(?:attacks?|strikes?)\b"
    r"|\b(?:warnings?|alerts?) (?:of|about|over) (?:a |an )?(?:possible|potential|\w+ )?"
    r"(?:attack|strike|threat)"
    r"|(?<!\w)(?:можлив\w*|ймовірн\w*|возможн\w*|вероятн\w*) (?:\w+ ){0,2}?(?:атак|удар)\w*"
    r"|(?<!\w)(?:попереджен\w*|предупрежден\w*) (?:про|о|об) (?:\w+ ){0,2}?(?:атак|удар|загроз"
    r"|угроз)\w*"
    r"|\bposibil\w* (?:\w+ ){0,2}?(?:atac\w*|lovitur\w*)|\bavertismente?\w*"
    r"|\bse (?:deplas\w*|misca|misc\w+)\b|\b(?:moving|flying) over\b"
)

#: Where a weapon was launched from ("launched from occupied Crimea", "запустили с территории
#: Крыма", "запустили з Криму", "lansată din Crimeea"): not a place hit.
LAUNCH_RE: Final = re.compile(
    r"\b(?:launched|fired) from\b|(?<!\w)(?:запустил\w*|запущен\w*|выпустил\w*|випустил\w*"
    r"|випущен\w*) (?:\w+ )?(?:с|из|з|із)(?!\w)|\blansat\w* (?:\w+ )?(?:din|de pe)\b"
)

#: A tally over a week or longer told by its span ("after a week in which ... killing 23").
PERIOD_RE: Final = re.compile(
    r"\ba (?:week|month|fortnight) (?:in which|during which|of (?:\w+ )?(?:attacks|strikes"
    r"|shelling|bombardment))\b|\b(?:over|during|throughout) the (?:whole |entire )?"
    r"(?:week|month)\b"
    r"|(?<!\w)(?:протягом|впродовж|упродовж) (?:цього |минулого |всього )?(?:тижня|місяця)(?!\w)"
    r"|(?<!\w)тиждень,? (?:протягом|за) якого(?!\w)"
    r"|(?<!\w)(?:в течение|на протяжении) (?:этой |прошлой |всей )?(?:недели|месяца)(?!\w)"
    r"|(?<!\w)недел[яию],? (?:в течение|за) которой(?!\w)"
    r"|\bo (?:saptamana|luna) (?:in care|de (?:atacuri|bombardamente))\b"
    r"|\b(?:pe parcursul|in cursul|de-a lungul) (?:intregii )?(?:saptamanii|lunii)\b"
)


#: Treatment words: a span of care ("протягом тижня він перебуватиме в лікарні") is no tally.
_CARE_RE: Final = re.compile(
    r"hospital|spital|лікарн|больниц|стаціонар|стационар|лікуван|лечени|реабіліт|реабилит"
    r"|treatment|tratament"
)
#: A stay or treatment: with a care word it makes the span one of care; a bare "hospital" is a
#: target as well ("протягом тижня окупанти обстрілювали лікарню", review of round 26).
_STAY_RE: Final = re.compile(
    r"перебува|пробуде|лікуват|лікуєт|лікуван|залишат|залишит|находит|пребыва|пробудет|лечит"
    r"|лечени|останет|реабіліт|реабилит|\b(?:stay|remain|spend|spent|be treated|treatment"
    r"|recover|ramane|ramas|internat|tratat|tratament)"
)


def over_period(folded: str) -> bool:
    """Whether a sentence tells a tally over a week or longer (:data:`PERIOD_RE`), unless the
    clause of the span tells a stay in care (round 26: "поранено чоловіка, протягом тижня він
    перебуватиме в лікарні" keeps its toll).

    Examples
    --------
    >>> over_period("протягом тижня росіяни вбили п'ятьох людей")
    True
    >>> over_period("поранено чоловіка, протягом тижня він перебуватиме в лікарні")
    False
    >>> over_period("протягом тижня окупанти обстрілювали лікарню в херсоні")
    True
    """
    m = gates.search(PERIOD_RE, folded)
    if m is None:
        return False
    start = max(folded.rfind(c, 0, m.start()) for c in ",;:")
    ends = [e for e in (folded.find(c, m.end()) for c in ",;:.") if e >= 0]
    end = min(ends, default=len(folded))
    care = _CARE_RE.search(folded, start + 1, end)
    return care is None or _STAY_RE.search(folded, start + 1, end) is None


#: An indictment or trial of a past strike (labelling rule 6), not a report of one.
TRIAL_RE: Final = re.compile(
    r"\b(?:indict(?:ed|ment)|charged with|stand trial|will be tried|prosecutors? (?:sent|filed)"
    r"|war crimes? (?:trial|case|charges?))\b"
    r"|(?<!\w)(?:обвинительн\w*|обвинувальн\w*|будут судить|будуть судити|судитимуть"
    r"|предстанет перед судом|постане перед судом|обвиняют|обвинуваченн\w*|обвиняем\w*"
    r"|повідомили про підозру|повідомлено про підозру|заочно)(?!\w)"
    r"|\b(?:rechizitoriu\w*|trimis\w* in judecata|acuzat\w* de crime|va fi judecat\w*)\b"
)

#: Casualties told with no number: "є загиблі і поранені", "есть погибшие", "there are dead".
UNNUMBERED_TOLL_RE: Final = re.compile(
    r"(?<!\w)(?<!не )(?:є|есть|имеются|маємо) (?:(?!ли\b|чи\b)\w+ )?(?:загибл|поранен"
    r"|постраждал|погибш|ранен|пострадавш|жертв)\w*"
    r"|\bthere (?:are|were|have been) (?:(?!no\b|not\b|any\b)\w+ )?(?:dead|killed|wounded"
    r"|injured|casualties|victims)\b"
    r"|(?<!\bnu )\b(?:exista|sunt|au fost|s-au inregistrat) (?:(?!nicio\b|niciun\b)\w+ )?"
    r"(?:morti|raniti|victime)\b"
)


_NEWS: Final = (
    r"(?:відомост\w*|інформаці\w*|даних|повідомлен\w*|информаци\w*|сведени\w*|сообщени\w*"
    r"|данных|reports?|information|informati\w*|date|raportari)"
)
_NOT_IN: Final = (
    r"(?:не надходил\w*|не надійшл\w*|не поступал\w*|не поступил\w*|не було|не было|немає|нема"
    r"|нет|have been received|has been received|were received|was received)"
)
#: No report of casualties received ("відомостей про загиблих або постраждалих не надходило",
#: "информации о пострадавших не поступало", "there were no reports of casualties", "nu există
#: informații despre victime"): labelling rule 4, a zero where both kinds are named.
NO_REPORTS_RE: Final = re.compile(
    rf"(?<!\w){_NEWS} (?:про|щодо|о|об|of|about|on|despre|privind) (?:[\w'-]+ ){{0,5}}?"
    rf"[\w'-]+,? (?:\w+ ){{0,4}}?{_NOT_IN}(?!\w)"
    rf"|(?<!\w)(?:{_NOT_IN}|\bno|nu (?:exista|sunt|au fost|avem)) (?:\w+ )?{_NEWS} "
    r"(?:про|щодо|о|об|of|about|on|despre|privind) (?:the |any )?[\w'-]+"
    r"(?: (?:або|чи|і|та|или|и|or|and|sau|si) [\w'-]+)?"
)
#: "Not yet" of a count still open ("no information about casualties yet", "ще немає", "еще
#: нет", "nu există încă"): unknown, not zero (review of round 26). "So far", "for now" ("поки",
#: "пока", "deocamdată") stay a zero, as round 19 decided (test_review19).
_NOT_YET: Final = re.compile(r"\byet\b|(?<!\w)(?:ще|еще|ещё)(?!\w)|\binca\b")
_KILLED_WORD: Final = re.compile(
    r"загибл|погибш|жертв|убит|dead|death|killed|fatalit|casualt|victim|mort|dece"
)
_INJURED_WORD: Final = re.compile(
    r"постраждал|поранен|травмован|пострадавш|ранен|жертв|injur|wounded|hurt|casualt|victim"
    r"|ranit|victim"
)


def no_reports(folded: str) -> tuple[bool, bool]:
    """Whether a sentence says no report of deaths and injuries was received (both kinds).

    Only a sentence ruling out both deaths and injuries ("про загиблих або постраждалих",
    "casualties", "victime") is a zero; "no information about the injured yet" alone is often a
    toll still being counted (the dev labels leave it unknown), so it reads as nothing.

    Examples
    --------
    >>> no_reports("відомостей про загиблих або постраждалих не надходило")
    (True, True)
    >>> no_reports("информации о пострадавших пока не поступало")
    (False, False)
    >>> no_reports("відомості про постраждалих уточнюються")
    (False, False)
    >>> no_reports("there is no information about damage or casualties yet")
    (False, False)
    """
    m = NO_REPORTS_RE.search(folded)
    if m is None or _NOT_YET.search(folded):
        return False, False
    what = m.group(0)
    both = bool(_KILLED_WORD.search(what)) and bool(_INJURED_WORD.search(what))
    return both, both


class _Sent(Protocol):
    folded: str
    cas: CasualtyReading


class _Placed(Protocol):
    @property
    def places(self) -> Sequence[Place]: ...


def district_wide(s: _Placed) -> bool:
    """Whether a sentence names a raion or hromada with no settlement but its centre.

    "three people were killed over the past day in the city of Zaporizhzhia and Zaporizhzhia
    district": a past-day summary over the city and its district is no toll of the city
    (``contexts.split_dated`` splits it off a toll told before, with no settlement).
    """
    units = [p for p in s.places if p.unit and not p.settlement]
    others = {p.settlement for p in s.places if p.settlement}
    return bool(units) and len(others) <= 1


def told_hurt(sents: Sequence[_Sent]) -> bool:
    """Whether a sentence tells casualties with no number ("є загиблі і поранені")."""
    return any(UNNUMBERED_TOLL_RE.search(s.folded) for s in sents)


def about_trial(sents: Sequence[_Sent]) -> bool:
    """Whether a context tells an indictment or a trial (all its strikes are past ones)."""
    return any(TRIAL_RE.search(s.folded) for s in sents)


def untold_unit(settlement: str | None, unit: str | None, sents: Sequence[_Sent]) -> bool:
    """Whether a context names a raion or hromada, no settlement, and tells no toll, not even
    a zero.

    Labelling rule 3: damage named only by raion or hromada ("В Бучанском районе повреждены
    восемь домов") makes no incident unless the text gives a toll for it. A context of the
    oblast alone, or of no place, is left to the older rules (an oblast-level incident, or
    quarantined with its reason).
    """
    if settlement is not None or unit is None:
        return False
    return not any(
        s.cas.killed is not None or s.cas.injured is not None or s.cas.no_killed
        or s.cas.no_injured or told_hurt([s])
        for s in sents
    )  # fmt: skip
