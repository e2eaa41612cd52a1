"""Round 23 (issue 11): one victim named without a number, and a person told twice.

Two general shapes of the newest dev texts (batches 7 and 8):

- **A singular casualty noun after "there is"**: "є загиблий й постраждалий", "есть погибший
  и пострадавшая" name one dead and one injured (read by
  :func:`analytics.bulletins.toll_counts.singular_counts` with :data:`ONE_DEAD` and
  :data:`ONE_HURT`); the plural "є загиблі та постраждалі" gives no number (labelling rule:
  "there are injured" is null). English and Romanian say the number ("there is one dead",
  "există un mort"), which the older rules read.
- **An apposition**: "мирный житель, 37-летний мужчина", "місцевий житель, 37-річний
  чоловік" are one person: a singular person noun, a comma, an age and another singular
  person noun (read by :func:`analytics.bulletins.casualties.read_casualties` on the tokens
  of :func:`analytics.bulletins.numbers.tokenize`). Without the age ("мужчина, женщина и
  ребенок") they stay several people.
"""

from __future__ import annotations

import re
from typing import Final

import analytics.bulletins.lexicon as lx

__all__ = ["ONE_DEAD", "ONE_HURT", "UNSURE_RE", "UNSURE_WORDS", "apposition", "one_person"]

#: Regex source: words that leave a toll unknown ("чи ні", "уточнюється", "not known"),
#: on folded text.
UNSURE_WORDS: Final = (
    r"(?<!\w)(?:чи ні|или нет|невідомо|неизвестно|уточнюєтьс[яь]|уточняетс[яь]|уточнюютьс[яь]"
    r"|уточняютс[яь]|not (?:yet )?known|unknown|unclear|being clarified|being established"
    r"|nu se (?:stie|cunoaste)|neclar|in curs de (?:verificare|stabilire))(?!\w)"
)
#: A question or an unknown in a folded sentence.
UNSURE_RE: Final = re.compile(r"\?|" + UNSURE_WORDS)

#: "There is" opening its sentence, or after "unfortunately" ("На жаль, є загиблий"); as the
#: tail of a headline's clause ("атакували район, є загиблий") it sums the body's toll, told
#: again below (a later death of wounds would be counted twice).
#: A question or an unknown ("Є загиблий?", "Есть погибший или нет, пока неизвестно") tells
#: no one: the rest of the sentence holds no "?" nor a word of :data:`UNSURE`.
_THERE_IS: Final = (
    r"(?:^|(?<=^на жаль, )|(?<=^к сожалению, ))(?:є|есть)\s+(?![^.!]*(?:\?|" + UNSURE_WORDS + r"))"
)
_DEAD: Final = r"(?:загиблий|загибла|погибший|погибшая)"
_HURT: Final = (
    r"(?:постраждалий|постраждала|поранений|поранена|пострадавший|пострадавшая"
    r"|раненн?ый|раненн?ая)"
)
#: Regex source: "є загиблий", "есть погибшая" (a folded sentence; a bounded alternative).
ONE_DEAD: Final = _THERE_IS + _DEAD + r"(?![\w-])"
#: Regex source: "є постраждалий", "є загиблий й постраждалий", "есть погибший и раненый".
ONE_HURT: Final = _THERE_IS + r"(?:" + _DEAD + r"\s+(?:й|і|та|и)\s+)?" + _HURT + r"(?![\w-])"
#: Between two person nouns of an apposition: a comma and an age, in at most this many tokens.
_MAX_GAP: Final = 3


def apposition(toks: list[str], k: int, i: int) -> bool:
    """Whether the person noun at ``i`` restates the one at ``k`` across a comma and an age.

    ``k`` is the token before ``i`` once ages, commas and dashes are skipped; the earlier
    noun must be a generic one ("житель", "мешканець", "людина"), so a list of people
    ("мужчина, 40-летняя женщина") is not folded into one.

    Examples
    --------
    >>> toks = "был убит мирный житель , 37-летний мужчина".split()
    >>> apposition(toks, 3, 6)
    True
    >>> apposition("погибли мужчина , 40-летняя женщина".split(), 1, 4)
    False
    >>> apposition("погибли житель , женщина".split(), 1, 3)
    False
    """
    if k < 0 or i - k > _MAX_GAP or not _GENERIC.fullmatch(toks[k]):
        return False
    between = toks[k + 1 : i]
    return "," in between and any(lx.AGE_TOKEN.fullmatch(t) for t in between)


#: Generic singular person nouns that an apposition may restate.
_GENERIC: Final = re.compile(
    r"житель|жителька|жительница|мешканець|мешканка|людина|особа|человек|цивільний"
    r"|мирный|мирний|местный|місцевий"
)


def one_person(toks: list[str], i: int) -> bool:
    """Whether token ``i`` is a singular person noun ("чоловік", "жительница").

    Examples
    --------
    >>> one_person(["чоловік"], 0), one_person(["поранена"], 0)
    (True, False)
    """
    return bool(lx.PERSON_SINGULAR.fullmatch(toks[i]))
