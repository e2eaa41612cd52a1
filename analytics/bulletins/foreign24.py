"""Foreign capitals and countries that share a name with a Ukrainian village (round 24).

"Zelenskiy has landed in Berlin" is no strike on the Lviv-oblast village Berlyn: the gazetteer
holds villages named after foreign capitals and countries (Berlyn, Paryzh, Varshava, ...), and
a bare name found by its preposition resolved to the one village holding it. Labelling rule
(``docs/bulletin_labelling.md``, places): a foreign capital or country name never resolves to a
Ukrainian village unless the text names that village's oblast or raion. The names are written
here in the four languages (English, Romanian, Russian, Ukrainian) with their case endings.
"""

from __future__ import annotations

import re
from typing import Final

from analytics.bulletins.numbers import fold
from analytics.reference.settlements import lookup

__all__ = ["FOREIGN_NAME_RE", "foreign_unplaced"]

#: Stems of foreign capitals and countries, folded, in en / ro / ru / uk press forms.
_STEMS: Final = (
    "berlin|берлін|берлин|paris|parisul|париж|warsaw|varsovia|варшав|london|londra|лондон"
    "|washington|вашингтон|vienna|viena|відн|вен|prague|praga|праг|rome|roma|рим|madrid|мадрид"
    "|brussels|bruxelles|брюссел|брюсел|budapest|будапешт|bucharest|bucuresti|бухарест"
    "|chisinau|кишин[еэі]в|минск|мінськ|minsk|moscow|moscova|москв|beijing|пекін|пекин"
    "|ankara|анкар|tokyo|токіо|токио|ottawa|оттав|helsinki|гельсінк|хельсинк|vilnius|вільнюс"
    "|вильнюс|riga|рига|tallinn|таллін|таллин|oslo|осло|stockholm|стокгольм"
    "|copenhagen|копенгаген|amsterdam|амстердам|lisbon|lisabona|лісабон|лиссабон"
    "|germany|germania|німеччин|германи|france|franta|франці|франци|poland|polonia|польщ"
    "|польш|america|америк|canada|канад|italy|italia|італі|итали|spain|spania|іспані|испани"
    "|turkey|turcia|туреччин|турци|israel|izrael|ізраїл|израил|georgia|грузі|грузи|japan"
    "|japonia|япон|china|китай|moldova|молдов|belarus|білорус|беларус|hungary|ungaria|угорщин"
    "|венгри|romania|румуні|румыни|slovakia|slovacia|словаччин|словаки"
)
#: A whole name: a stem and at most a short case ending ("Берліна", "Parisului", "Варшаві").
FOREIGN_NAME_RE: Final = re.compile(
    r"(?:" + _STEMS + r")(?:a|e|i|u|ul|ului|ei|а|у|е|і|ї|ю|ом|ою|ой|ы|я|ії|ія|ию|ія|ии|ія)?"
)


def foreign_unplaced(
    name: str, code: str | None, raion: str | None, oblasts: frozenset[str]
) -> bool:
    """Whether a settlement name is a foreign capital or country the text does not place.

    ``code`` is the oblast the place itself carries, ``raion`` its raion and ``oblasts`` those
    the text names; a foreign name is placed only by one of them holding a village of that name.

    Examples
    --------
    >>> foreign_unplaced("Berlin", None, None, frozenset())
    True
    >>> foreign_unplaced("Kharkiv", None, None, frozenset())
    False
    """
    if code is not None or raion is not None or not FOREIGN_NAME_RE.fullmatch(fold(name)):
        return False
    return not any(s.oblast in oblasts for s in lookup(name))
