"""Casualty phrases longer than one word: medical help, stress reactions, fatal wounds.

:mod:`analytics.bulletins.casualties` marks each token as a word for killed (``"k"``),
injured (``"i"``) or neither. Some tolls are told by a phrase whose words are not casualty
words on their own: "15 people sought medical help", "звернулися по медичну допомогу",
"отримали гостру реакцію на стрес" (counted among the injured by the labelling rules), or
turn an injury into a death: "поранення, несумісні з життям", "смертельные ранения",
"mortally wounded". :func:`phrase_kinds` re-marks the head word of such a phrase.
All patterns match folded text (:func:`analytics.bulletins.numbers.fold`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Final

from analytics.bulletins.toll_lexicon import HOSPITAL_DEATH_RE

__all__ = [
    "FATAL_AFTER_RE",
    "FATAL_BEFORE_RE",
    "HOSPITAL_CAUSE_RE",
    "MEDICAL_HELP_RE",
    "OTHER_CAUSE_RE",
    "STRESS_RE",
    "TAKEN_TO_HOSPITAL_RE",
    "VICTIMS_BESIDE_INJURED_RE",
    "phrase_kinds",
]

#: Medical help received or sought: the help word (group ``w``) is an injured word.
MEDICAL_HELP_RE: Final = re.compile(
    r"\b(?:received|receiving|sought|seeking|needed|required|requested|turned to)"
    r" (?:\w+ ){0,2}?(?P<w>help|aid|assistance|care|attention)\b"
    r"|(?:звернул\w*|звернув\w*|отримал\w*|отримав\w*|надал\w*|надано|надають|потребувал\w*)"
    r" (?:\S+ ){0,3}?(?P<w2>допомог\w*)"
    r"|(?:обратил\w*|получил\w*|оказал\w*|оказан\w*|оказыва\w*|нуждал\w*|потребовал\w*)"
    r" (?:\S+ ){0,3}?(?P<w3>помощ\w*)"
    r"|(?:за|по) (?:\S+ )?(?P<w5>допомог\w*|помощ\w*) (?:\S+ )?(?:звернул\w*|обратил\w*)"
    r"|\b(?:au primit|a primit|primind|au solicitat|a solicitat|au necesitat|a necesitat"
    r"|au beneficiat de|a beneficiat de) (?:\w+ ){0,1}?(?P<w4>ingrijiri|asistenta|ajutor)\b"
)
#: Taken to hospital: the verb (group ``w``) is an injured word ("three were taken to
#: hospital", "в больницу доставлены три человека", "transportate la spital").
TAKEN_TO_HOSPITAL_RE: Final = re.compile(
    r"\b(?P<w>taken|rushed|brought|admitted|transported|evacuated) to (?:a |the )?(?:\w+ )?"
    r"hospitals?\b"
    r"|(?P<w2>доставлен\w*|доставили|доправлен\w*|доправили|госпитализирова\w*) "
    r"(?:\S+ ){0,3}?(?:в|до|у) (?:\S+ )?(?:лікарн\w*|больниц\w*|медзаклад\w*|стационар\w*)"
    r"|(?:в|до|у) (?:\S+ )?(?:лікарн\w*|больниц\w*|медзаклад\w*|стационар\w*) "
    r"(?:\S+ )?(?P<w3>доставлен\w*|доставили|доправлен\w*|доправили)"
    r"|\b(?P<w4>transportat\w*|dus[ie]?|dusa|internat\w*) (?:de urgenta )?la spital\b"
)
#: A cause of harm told with "taken to hospital": a wound, a strike, a casualty ("with
#: injuries", "after the strike", "з пораненнями", "после обстрела", "cu răni"). Without one
#: in the sentence the hospital may be for heatstroke or a checkup: no injury is read.
HOSPITAL_CAUSE_RE: Final = re.compile(
    r"\b(?:injur\w*|wound\w*|hurt|shrapnel|burns?|trauma\w*|concussion\w*|casualt\w*|victims?"
    r"|strikes?|struck|attack\w*|shell\w*|explosions?|blasts?|missiles?|rockets?|drones?|bomb\w*"
    r"|debris|killed|died|dead)\b"
    r"|(?<!\w)(?:поран\w*|травм\w*|контуз\w*|опік\w*|осколк\w*|уламк\w*|постраждал\w*|удар\w*"
    r"|обстріл\w*|атак\w*|вибух\w*|ракет\w*|дрон\w*|бомб\w*|загин\w*|ранен\w*|ранени\w*"
    r"|ожог\w*|обломк\w*|пострадав\w*|обстрел\w*|взрыв\w*|погиб\w*|шахед\w*)"
    r"|\b(?:ranit\w*|rani|ranile|ranilor|rana|traum\w*|arsuri\w*|schij\w*|victim\w*|lovitur\w*"
    r"|atac\w*|bombard\w*|explozi\w*|rachet\w*|dron\w*|ucis\w*|murit|decedat\w*)\b"
)
#: A cause after "taken to hospital" that is no harm of a strike: "with heatstroke", "for
#: checkups", "з інсультом", "с отравлением", "pentru analize" (the cause word is the named
#: group ``c``; a neutral purpose such as treatment or care is no cause).
OTHER_CAUSE_RE: Final = re.compile(
    r"\W*(?:\S+ ){0,3}?(?:with|for|suffering from|due to|because of|з|із|зі|с|со|від|от"
    r"|из-за|через|cu|pentru|din cauza)"
    r" (?!(?:treatment|care|help|aid|assistance|medical|further|лікуван\w*|лечени\w*|допомог\w*"
    r"|помощ\w*|місц\w*|мест\w*|tratament\w*|ingrijir\w*|ajutor)\b)(?P<c>\w+)"
)
#: An acute stress reaction, counted among the victims when the source counts it.
STRESS_RE: Final = re.compile(
    r"(?P<w>реакці\w*) на стрес|(?P<w2>реакци\w*) на стресс|(?P<w3>стресов\w*) реакці"
    r"|acute (?P<w4>stress) reaction|(?P<w5>reacti\w*) acut\w* la stres"
)
#: "несумісні з життям", "несовместимые с жизнью": the injury word up to three tokens before
#: ("поранення, несумісні з життям", "injuries that were incompatible with life") is a death.
FATAL_AFTER_RE: Final = re.compile(
    r"несумісн\w* з життям|несовместим\w* с жизнью|incompatible with life|incompatibil\w* cu viata"
)
#: "смертельні поранення", "смертельные ранения", "mortally wounded", "fatal injuries",
#: "rani mortale": the injury word (group ``w``) is a death.
FATAL_BEFORE_RE: Final = re.compile(
    r"(?:смертельн\w*|mortally|fatal(?:ly)?) (?P<w>\S+)|(?P<w2>ran[ia]\w*) mortal\w*"
)

#: Romanian "victime" beside "răniți" ("trei victime și 18 răniți", "18 răniți și trei
#: victime"): the victims set apart from the injured are the dead (group ``w``).
VICTIMS_BESIDE_INJURED_RE: Final = re.compile(
    r"\b(?P<w>victim[ae]\w*) (?:si|,) (?:cel putin |peste |aproximativ )?\w+ (?:de )?ranit"
    r"|\branit\w* (?:si|,) (?:cel putin |peste |aproximativ )?\w+ (?:de )?(?P<w2>victim[ae]\w*)"
)


def _group_start(m: re.Match[str]) -> int:
    for name, value in m.groupdict().items():
        if value is not None:
            return m.start(name)
    return m.start()


def _other_cause(folded: str, end: int) -> bool:
    """Whether the clause after a hospital phrase ending at ``end`` names a cause that is no
    harm of a strike ("... to hospital *with heatstroke*", "... *for checkups*")."""
    m = OTHER_CAUSE_RE.match(folded, end)
    return m is not None and HOSPITAL_CAUSE_RE.fullmatch(m.group("c")) is None


def phrase_kinds(folded: str, starts: list[int], kinds: list[str | None]) -> None:
    """Re-mark in ``kinds`` the head words of casualty phrases of ``folded``.

    ``starts`` are the start offsets of the tokens, ``kinds`` their marks (changed in place).

    Examples
    --------
    >>> from analytics.bulletins.numbers import tokenize
    >>> text = "двоє людей звернулися по медичну допомогу"
    >>> spans = tokenize(text)
    >>> kinds: list[str | None] = [None] * len(spans)
    >>> phrase_kinds(text, [s for _, s, _ in spans], kinds)
    >>> [t for (t, _, _), k in zip(spans, kinds) if k]
    ['допомогу']
    """
    # a story of wounds ("taken to hospital, where he died"): the death, not an injury
    taken = (TAKEN_TO_HOSPITAL_RE,) if TAKEN_TO_HOSPITAL_RE.search(folded) else ()
    if taken and HOSPITAL_DEATH_RE.search(folded):
        taken = ()
    harm = bool(taken) and HOSPITAL_CAUSE_RE.search(folded) is not None
    for pattern in (MEDICAL_HELP_RE, STRESS_RE, *taken):
        for m in pattern.finditer(folded):
            if pattern is TAKEN_TO_HOSPITAL_RE and not harm and _other_cause(folded, m.end()):
                continue  # "taken to hospital with heatstroke": no injury
            k = bisect_right(starts, _group_start(m)) - 1
            if 0 <= k < len(kinds) and kinds[k] is None:
                kinds[k] = "i"
    for m in FATAL_BEFORE_RE.finditer(folded):
        k = bisect_right(starts, _group_start(m)) - 1
        if 0 <= k < len(kinds) and kinds[k] == "i":
            kinds[k] = "k"
    for m in VICTIMS_BESIDE_INJURED_RE.finditer(folded):
        k = bisect_right(starts, _group_start(m)) - 1
        if 0 <= k < len(kinds) and kinds[k] in (None, "i"):
            kinds[k] = "k"
    for m in FATAL_AFTER_RE.finditer(folded):
        first = bisect_left(starts, m.start())
        for k in range(first - 1, max(first - 4, -1), -1):
            if kinds[k] == "i":
                kinds[k] = "k"
                break
