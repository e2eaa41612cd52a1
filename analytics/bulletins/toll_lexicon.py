"""Phrases of a casualty toll: earlier figures, deaths of the wounded, no casualties.

Folded-text patterns (see :func:`analytics.bulletins.numbers.fold`) that say how a sentence's
counts relate to a toll told before: a quoted earlier figure, an injured person who died, a
death told as a hospital story, casualties ruled out. Split from
:mod:`analytics.bulletins.lexicon` (which re-exports them) to keep modules small.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "EARLIER_TOLL_RE",
    "HOSPITAL_DEATH_RE",
    "NO_CASUALTIES_RE",
    "NO_CIVILIANS_HURT_RE",
    "NO_INJURED_RE",
    "NO_KILLED_RE",
    "TRANSFER_RE",
    "OF_WOUNDED_RE",
]


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.UNICODE)


#: A sentence quoting an earlier toll ("an earlier toll put it at 15", "un bilant anterior
#: indica 15 morti", "ранее сообщалось о 15 погибших"): its figures never replace a later one.
EARLIER_TOLL_RE: Final = _re(
    r"\b(?:earlier|previous|preliminary|initial) (?:death )?(?:toll|tally|count|figure|report)s?\b"
    r"|\bpreviously reported\b|\b(?:bilant|bilantul|raport|raportul) (?:anterior|initial|precedent)"
    r"|\banterior (?:se |era |au fost )?(?:anuntat|raportat|indicat)\w*|ранее сообщал\w*"
    r"|раніше повідомлял\w*|раніше йшлося|ранее говорилось|попередньо (?:було )?повідомл\w*"
    r"|ранее (?:было )?сообщ\w*|предварительно (?:было )?сообщ\w*"
    # "initially reported N", "спочатку повідомлялося про N", "inițial s-a anunțat": earlier
    r"|\b(?:initially|originally|at first),? (?:\w+ ){0,2}?(?:reported|said|put|announced|stated)"
    r"|\binitial reports?\b|(?:спочатку|спершу|першочергово) (?:\S+ ){0,2}?(?:повідомл|йшлося|говорил)"
    r"|(?:изначально|первоначально|сначала) (?:\S+ ){0,2}?(?:сообщ|говорил|заявлял)"
    r"|\binitial (?:\S+ ){0,2}?(?:anuntat|raportat|comunicat|transmis)"
)
#: A death told as a story of wounds ("taken to hospital ..., but he died", "a fost transportat
#: la spital, unde a decedat", "доставили в лікарню, де він помер"): the person is counted in
#: the sentence's own toll, and a later "died in hospital" update restates that death.
HOSPITAL_DEATH_RE: Final = _re(
    r"(?:hospital|spital|лікарн|больниц|реанімац|реанимац|reanimare)[^.;]{0,200}"
    r"\b(?:died|dies|succumbed|a decedat|a murit|a incetat din viata|помер\w*|скончал\w*"
    r"|умер\w*)"
)
#: A sentence saying that someone already counted as injured has died.
#: The gap between the two halves is bounded (200 characters): with ".*" every "died" of a long
#: text rescanned the rest of it, which made 200 KB of "died died ..." quadratic.
TRANSFER_RE: Final = _re(
    r"\b(?:one|two|three|\d+) of (?:the )?(?:wounded|injured|victims|them)\b.{0,200}\b(?:died|dies|has died|succumbed)"
    r"|\b(?:died|dies|succumbed)\b[^.;]{0,200}\b(?:in hospital|of (?:his|her|their) (?:wounds|injuries)|from (?:his|her|their)? ?(?:wounds|injuries))"
    r"|\b(?:injured|wounded) (?:man|woman|boy|girl|child|person|resident|teenager) (?:has |later )?died"
    r"|з(?:і|-поміж)? (?:поранених|постраждалих|травмованих|них)\b.{0,200}\b(?:помер|помира)"
    r"|(?:помер|померла|померли|помирає)\b[^.;]{0,200}\b(?:у лікарні|в лікарні|від (?:отриманих )?(?:поранень|травм)|в реанімації)"
    r"|\bпоранен\w* (?:чоловік|жінка|дитина|хлопчик|дівчинка|людина)\w* помер"
    r"|из (?:раненых|пострадавших|них)\b.{0,200}\b(?:скончал|умер)"
    r"|(?:скончал\w*|умер\w*)\b[^.;]{0,200}\b(?:в больнице|от (?:полученных )?(?:ранений|травм)|в реанимации)"
    r"|\b(?:unul|una|doi|doua|trei) (?:dintre|din) (?:raniti|victime|ei|acestia|acestea|persoanele ranite)\b.{0,200}\b(?:a murit|au murit|a decedat|au decedat)"
    r"|\b(?:a murit|au murit|a decedat|au decedat|a incetat din viata)\b[^.;]{0,200}\b(?:la spital|in spital|din cauza ranilor|ranilor)"
    # the hospital before the verb ("у лікарні дитина померла", "в больнице мужчина скончался")
    r"|\b[ув] (?:лікарні|реанімації|больнице|реанимации)\b[^.;]{0,60}\b(?:помер|померла|померли|скончал\w*|умер|умерла|умерли)\b"
    r"|\b(?:in|at the) hospital,? (?:an? |the )?(?:\w+ ){0,3}(?:has |later )?died\b"
    r"|\b(?:la|in) spital,? (?:\w+ ){0,3}(?:a murit|a decedat|au murit|au decedat)\b"
    # the wounds before the verb ("від отриманих травм вона загинула", "succumbed to her
    # injuries", "din cauza rănilor, femeia a murit"): bounded gap, as above
    r"|\bsuccumbed to (?:his|her|their|the) (?:wounds|injuries)\b"
    r"|\b(?:від|через) (?:отриманих |тяжких )?(?:поранень|травм)\b[^.;]{0,60}\b(?:помер|померла|померли|загинув|загинула|загинули)\b"
    r"|\bот (?:полученных |тяжелых )?(?:ранений|травм)\b[^.;]{0,60}\b(?:скончал\w*|умер|умерла|умерли|погиб|погибла|погибли)\b"
    r"|\b(?:din cauza|in urma) ranilor\b[^.;]{0,60}\b(?:a murit|au murit|a decedat|au decedat|a incetat din viata)\b"
)
#: A death of someone the text counts among the wounded: a partitive ("one of the wounded",
#: "з поранених", "из раненых", "unul dintre raniti") or a wounded qualifier ("the wounded man").
OF_WOUNDED_RE: Final = _re(
    r"\b(?:one|two|three|\d+|another) of (?:the )?(?:wounded|injured|victims|them)\b"
    r"|\b(?:wounded|injured) (?:man|woman|boy|girl|child|person|resident|teenager)\b"
    r"|\bз(?:і|-поміж)? (?:поранених|постраждалих|травмованих|них)\b|\bиз (?:раненых|пострадавших|них)\b"
    r"|\bпоранен(?:ий|а|ого|ої|і|их)\b|\bтравмован(?:ий|а|ого|ої|і|их)\b|\bранен(?:ый|ая|ого|ой|ые|ых)\b"
    r"|\b(?:dintre|din) (?:raniti|victime|ei|acestia|acestea|persoanele ranite)\b|\branit(?:ul|a|ii|ele)\b"
)
NO_CASUALTIES_RE: Final = _re(
    r"\bno (?:casualties|victims|one was (?:hurt|injured))|nobody was (?:hurt|injured)"
    r"|\bwithout casualties|\bno injuries\b|\bno one (?:was )?(?:hurt|injured)\b"
    r"|без жертв|без постраждалих|ніхто не (?:постраждав|був поранений)|обійшлося без"
    r"|никто не (?:пострадал|был ранен)|обошлось без|без пострадавших"
    r"|nu (?:au fost|s-au inregistrat|exista|sunt) (?:victime|raniti|persoane ranite)"
    r"|fara victime|nu a (?:facut|provocat) victime|nu au (?:facut|provocat) victime|nimeni nu a fost (?:ranit|ucis)|nu s-au soldat cu victime|nu au existat victime"
    r"|(?:постраждалих|пострадавших|жертв)(?: серед \w+| среди \w+)? (?:немає|нема|нет)\b"
    r"|nu au fost (?:raportate|semnalate|inregistrate) victime"
    r"|(?:постраждалих|жертв|травмованих|поранених) (?:немає|нема|не виявлено)"
    r"|nicio victima|niciun (?:ranit|mort)|nu a fost ranit nimeni|no (?:casualties|victims|injuries)"
    r" (?:were|have been) (?:reported|recorded)"
    r"|(?:пострадавших|жертв|раненых) (?:нет|не выявлено)|no (?:one|body) (?:was )?hurt"
    # "Люди не постраждали", "жители не пострадали", "people were not hurt", "oamenii nu au fost
    # răniți": the people of the place, none hurt
    r"|(?<![\w-])(?:люди|мешканці|жителі|цивільні|жители|мирные жители|гражданские) не "
    r"(?:постраждали|пострадали|були поранені|были ранены)(?!\w)"
    r"|\b(?:people|residents|civilians) (?:were|was) not (?:hurt|injured)\b"
    r"|\b(?:oamenii|locuitorii|civilii) nu au fost raniti\b"
    # both halves negated: "no one was killed or injured", "ніхто не загинув і не постраждав",
    # "никто не погиб и не пострадал", "nimeni nu a fost ucis sau ranit"
    # (one half a death: "no one was injured or wounded" says nothing of the dead)
    r"|\bno (?:one|body|civilians?|people|residents) (?:was |were )?"
    r"(?:killed (?:or|nor) (?:hurt|injured|wounded)|(?:hurt|injured|wounded) (?:or|nor) killed)\b"
    r"|(?:ніхто|никто) не (?:загинув|погиб) (?:і|й|та|и|а также|а також) не"
    r" (?:постраждав|пострадал|був поранений|был ранен|поранений|ранен)"
    r"|(?:ніхто|никто) не (?:постраждав|пострадал|поранений|ранен) (?:і|й|та|и|а также|а також)"
    r" не (?:загинув|погиб)"
    r"|\bnimeni nu a fost (?:ucis (?:sau|si nici) ranit|ranit (?:sau|si nici) (?:ucis|omorat)"
    r"|omorat (?:sau|si nici) ranit)\b"
    # not "no reports of casualties", "не надходило повідомлень про постраждалих": not known yet
)
NO_KILLED_RE: Final = _re(
    r"\bno (?:one|body) (?:was )?killed|\bno deaths\b|\bno fatalities\b|без загиблих|ніхто не загинув"
    r"|никто не погиб|без погибших|nu au fost morti|nimeni nu a murit|nimeni nu (?:si-a|isi) pierdut viata"
    r"|\bno one (?:died|lost (?:his|her|their) li[fv]e)|nu s-au inregistrat decese"
    r"|nu au existat decese|(?:загиблих|погибших|убитых|morti) (?:немає|нема|нет|nu sunt)"
)
#: Nobody injured, the dead not spoken of: "no civilians were injured" (the soldiers killed
#: in the same sentence, or the dead still being counted, are another matter). With
#: :data:`NO_CASUALTIES_RE` it sets the injured to zero; only that one sets the killed too.
NO_CIVILIANS_HURT_RE: Final = _re(r"\bno civilians? (?:was |were )?(?:hurt|injured|wounded)\b")
NO_INJURED_RE: Final = _re(NO_CASUALTIES_RE.pattern + "|" + NO_CIVILIANS_HURT_RE.pattern)
