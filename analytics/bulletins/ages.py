"""Numbers in casualty sentences that are ages, times or dates rather than counts of people.

"52-річна і 65-річна жінки" and "жінки 53, 57 і 65 років" are three people; "aged 41, 58 and
60" and "45 років" are ages, never counts; nor are "08:20", "14.03.2025", "Sept. 21" or "13
сентября". Every list is read at most :data:`MAX_AGES` items
long, which keeps the reading linear in the sentence.
"""

from __future__ import annotations

import re
from typing import Final

import analytics.bulletins.lexicon as lx
from analytics.bulletins.numbers import parse_number

__all__ = [
    "AGED",
    "AGE_UNIT",
    "MAX_AGES",
    "MONTH",
    "after_aged",
    "age_list",
    "ages_after",
    "closes_age",
    "approximate_comma_age",
    "comma_age",
    "is_clock",
    "is_day_of_month",
    "joins",
    "past_ages",
    "split_age",
]

#: Ages written after the noun ("чоловіка 45 років", "un copil de 5 ani", "мальчик 8 лет").
AGE_UNIT: Final = frozenset(str.split("років роки рік року лет года год ani an years year yrs"))

AGED: Final = frozenset({"aged", "віком", "віці", "возрасте", "varsta", "vârsta"})


def age_list(toks: list[str], i: int) -> tuple[int, int] | None:
    """``(index of the noun, number of ages)`` of "52-річна і 65-річна жінки" starting at ``i``.

    Two or more ages joined by commas or "and" before a plural person noun count one person
    each. None for a single age or when no plural person noun closes the list.
    """
    j, ages = i, 0
    while j < len(toks) and j < i + 4 * MAX_AGES:
        if split_age(toks, j):  # "40- та 45-річні": the first age is cut at its hyphen
            ages, j = ages + 1, j + 2
            continue
        if not (lx.AGE_TOKEN.fullmatch(toks[j]) or joins(toks[j])):
            break
        ages += bool(lx.AGE_TOKEN.fullmatch(toks[j]))
        j += 1
    if ages < 2 or j >= len(toks) or not lx.AGE_TOKEN.fullmatch(toks[j - 1]):
        return None
    noun = toks[j]
    if lx.PERSON_TOKEN.fullmatch(noun) and not lx.PERSON_SINGULAR.fullmatch(noun):
        return j, ages
    return None


def after_aged(toks: list[str], i: int) -> bool:
    """Whether the number at ``i`` is an age introduced by "aged" ("aged 41, 58 and 60")."""
    k = i
    for _ in range(MAX_AGES):
        if k and toks[k - 1] in AGED:
            return True
        if not (k > 1 and toks[k - 2].isdigit() and joins(toks[k - 1])):
            return False
        k -= 2
    return False


def closes_age(toks: list[str], j: int) -> bool:
    """Whether the tokens at ``j`` close an age written after a number ("45 років", "53, 57 і
    65 років", "38 і 71 року")."""
    for _ in range(MAX_AGES):
        if j < len(toks) and toks[j] in AGE_UNIT:
            return True
        if not (j + 1 < len(toks) and joins(toks[j]) and toks[j + 1].isdigit()):
            return False
        j += 2
    return False


def ages_after(toks: list[str], i: int) -> tuple[int, int] | None:
    """``(people, last index)`` for a plural person noun at ``i`` followed by two or more ages
    ("жінки 53, 57 і 65 років", "men aged 41 and 58"), not preceded by a number of its own."""
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    if not (nxt.isdigit() or nxt in AGED):  # the cheap test first: most tokens stop here
        return None
    if not lx.PERSON_TOKEN.fullmatch(toks[i]) or lx.PERSON_SINGULAR.fullmatch(toks[i]):
        return None
    if i and parse_number(toks, i - 1) is not None:
        return None
    j = i + 1 + (i + 1 < len(toks) and toks[i + 1] in AGED)
    for count in range(1, MAX_AGES + 1):
        if not (j < len(toks) and toks[j].isdigit()):
            return None
        if j + 1 < len(toks) and toks[j + 1] in AGE_UNIT:
            return (count, j + 1) if count >= 2 else None
        if count >= 2 and (j + 1 >= len(toks) or not joins(toks[j + 1])) and toks[i + 1] in AGED:
            return count, j
        if not (j + 1 < len(toks) and joins(toks[j + 1])):
            return None
        j += 2
    return None


def past_ages(toks: list[str], end: int) -> int:
    """The last token of "aged 30, 41 and 59" after a person noun at ``end``, else ``end``."""
    j = end + 1 + (end + 2 < len(toks) and toks[end + 1] == "," and toks[end + 2] in AGED)
    if not (j < len(toks) and toks[j] in AGED):  # "women aged 64", "women, aged 64"
        return end
    last = end
    for _ in range(MAX_AGES):
        j += 1
        if not (j < len(toks) and toks[j].isdigit()):
            break
        last = j
        if not (j + 1 < len(toks) and joins(toks[j + 1])):
            break
        j += 1
    return last


#: The longest list of ages read ("53, 57 і 65 років"); a bound keeps the reading linear.
MAX_AGES: Final = 8


def joins(tok: str) -> bool:
    """Whether ``tok`` joins two items of a list: a comma or "and"."""
    return tok == "," or bool(lx.AND_TOKEN.fullmatch(tok))


def is_clock(toks: list[str], i: int) -> bool:
    """Digits that are part of a time or date ("08:20", "14.03.2025") or a year."""
    t = toks[i]
    if not t.isdigit():
        return False
    if len(t) == 4:
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    after = toks[i + 2] if i + 2 < len(toks) else ""
    prv = toks[i - 1] if i > 0 else ""
    before = toks[i - 2] if i > 1 else ""
    return (nxt in {":", ".", "/"} and after.isdigit()) or (
        prv in {":", ".", "/", "№", "#"} and (before.isdigit() or prv in {"№", "#"})
    )


#: Month names and abbreviations (folded) next to a day number: "Sept. 21", "13 сентября".
MONTH = re.compile(
    # Whole month names and their case forms, not bare stems: the stem "трав" (May) also
    # starts "травмовані" (injured), "mar" starts "marines", "dec" "decided".
    r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|(?:січ|берез|квіт|трав|черв|лип|серп|верес|жовт|груд)(?:ень|ня|ні|нем)"
    r"|лют(?:ий|ого|ому|ім)|листопад(?:а|і|у|ом)?"
    r"|(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?:ь|я|е|ю|ем)"
    r"|ма(?:й|я|е|ю|ем)|(?:март|август)(?:а|е|у|ом)?"
    r"|ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august|septembrie|octombrie"
    r"|noiembrie|decembrie|ian|febr?|iun|iul|noi)$"
)
#: Romanian "noi" (November, abbreviated) is also "new" / "we": a month only before a dot.
_AMBIGUOUS_AFTER = frozenset({"noi"})


def is_day_of_month(toks: list[str], i: int) -> bool:
    """A number of at most two digits right after or before a month name is a day."""
    if len(toks[i]) > 2:
        return False
    prev = toks[i - 1] if i else ""
    if prev == "." and i > 1:
        prev = toks[i - 2]
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    before = toks[i - 2] if i > 1 else ""
    dated = before in {"of", "on", "in", "since", "from", "until", "to", "and", "din", "pe", "la"}
    # "may 5 people", "mai 2 persoane": not a date, unless "the morning of May 28"
    modal = prev in {"may", "mai", "march"} and not dated
    after = nxt not in _AMBIGUOUS_AFTER or (i + 2 < len(toks) and toks[i + 2] == ".")
    return bool((MONTH.match(prev) and not modal) or (MONTH.match(nxt) and after))


def split_age(toks: list[str], i: int) -> bool:
    """Whether ``toks[i]`` is the first age of "40- та 45-річні", "40- and 45-year-old": a
    number cut at its hyphen, joined by "and" or a comma to a whole age.

    Examples
    --------
    >>> split_age(["40", "-", "та", "45-річні", "чоловіки"], 0)
    True
    >>> split_age(["40", "-", "45"], 0)
    False
    """
    for _ in range(MAX_AGES):  # "40-, 45- та 50-річні"; a bound keeps the reading linear
        if not (
            i + 3 < len(toks)
            and toks[i].isdigit()
            and len(toks[i]) <= 3
            and toks[i + 1] == "-"
            and joins(toks[i + 2])
        ):
            return False
        if lx.AGE_TOKEN.fullmatch(toks[i + 3]):
            return True
        i += 3
    return False


_AGE_CLOSE: Final = frozenset({",", ")", ".", ";", "and"})
#: Words for an approximate age between the comma and the number ("a man, around 40, ...").
_APPROX_AGE: Final = frozenset(
    {"around", "about", "approximately", "roughly", "aged", "circa", "aproximativ", "около",
     "примерно", "приблизно", "близько", "біля"}
)  # fmt: skip


def comma_age(toks: list[str], i: int) -> bool:
    """Whether the number at ``i`` is an age set off after a person noun: "a woman, 64, and a
    man, 70, were injured", "a man (52)", "a man, around 40, died" (approximate).

    Examples
    --------
    >>> comma_age(["a", "woman", ",", "64", ",", "was", "hurt"], 3)
    True
    >>> comma_age(["killed", ",", "14", "were", "injured"], 2)
    False
    >>> comma_age(["a", "man", ",", "around", "40", ",", "died"], 4)
    True
    """
    if not (toks[i].isdigit() and len(toks[i]) <= 3 and i > 1):
        return False
    j = i - 1 if toks[i - 1] in _APPROX_AGE and i > 2 else i  # "a man, around 40, died"
    if toks[j - 1] not in {",", "("}:
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else ""
    return bool(lx.PERSON_SINGULAR.fullmatch(toks[j - 2])) and (not nxt or nxt in _AGE_CLOSE)


def approximate_comma_age(toks: list[str], i: int) -> bool:
    """Whether ``toks[i]`` is the "around" of an approximate age set off by commas: "a man,
    around 40, died" (the number that follows is an age, not a count).

    Examples
    --------
    >>> approximate_comma_age(["a", "man", ",", "around", "40", ",", "died"], 3)
    True
    >>> approximate_comma_age(["around", "40", "were", "injured"], 0)
    False
    """
    return toks[i] in _APPROX_AGE and i + 1 < len(toks) and comma_age(toks, i + 1)
