"""Token rules that decide what a count in a casualty sentence adds to the toll.

Small predicates over the folded tokens of one sentence, used by
:mod:`analytics.bulletins.casualties`:

- :func:`in_condition`: "21 injured, *two in serious condition*": the second count is part
  of the first, not more people;
- :func:`already_total`: "семь раненых (по данным ХОВА *уже 10*)": a bare number after
  "already" is the newer total;
- :func:`singular_verb`: "загинув водій, працівник підприємства": a singular verb has one
  subject, so a comma does not list a second person;
- :func:`generic_person`: "травм зазнала працівниця притулку, *жінку* госпіталізували": a
  bare generic noun later in the sentence names the person already counted.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["already_total", "generic_person", "in_condition", "singular_verb"]

#: "(is|are) in serious condition", "в тяжелом состоянии", "у важкому стані", "in stare grava".
_CONDITION: Final = re.compile(
    r"^(?:(?:are|is|were|remain|remains|перебува\w*|находят\w*|находит\w*|sunt|se afla|este|е)"
    r" )?(?:-|,)? ?(?:in|в|у|во) (?:stare |\w+ )(?:\w+ )?(?:состояни\w*|стані|станi|condition|grava"
    r"|critica|stabila)\b"
)
_ALREADY: Final = frozenset({"уже", "вже", "already", "deja", "наразі", "now"})
#: Past-tense singular verbs of dying or being hurt (uk, ru).
_SINGULAR_VERB: Final = re.compile(
    r"загинув|загинула|помер|померла|постраждав|постраждала|погиб|погибла|умер|умерла"
    r"|скончался|скончалась|пострадал|пострадала"
)
#: Generic person nouns (any case) that re-name someone already counted.
_GENERIC: Final = re.compile(
    r"жінк[аиуо]|жінкою|чолові(?:к|ка|кові|ком)|людин[аиуо]|людиною|дитин[аиуо]|дитиною"
    r"|женщин[аыуе]|женщиной|мужчин[аыуе]|мужчиной|человека?|ребен(?:ок|ка|ку|ком)"
)


def in_condition(toks: list[str], end: int) -> bool:
    """Whether the words after a count ending at ``end`` give the state of its people.

    Examples
    --------
    >>> in_condition(["21", "человек", ",", "двое", "в", "тяжелом", "состоянии"], 3)
    True
    >>> in_condition(["five", "are", "in", "serious", "condition"], 0)
    True
    >>> in_condition(["двое", "в", "больнице"], 0)
    False
    """
    return bool(_CONDITION.match(" ".join(toks[end + 1 : end + 6])))


def already_total(toks: list[str], i: int, used: int) -> bool:
    """Whether the number at ``tokens[i:i+used]`` is a bare total after "already".

    A number followed by a word of its own ("уже 3 госпитализированы") is not: it may count
    a part of the people.

    Examples
    --------
    >>> already_total(["уже", "10", "-", "ред"], 1, 1)
    True
    >>> already_total(["уже", "3", "госпитализированы"], 1, 1)
    False
    """
    nxt = toks[i + used] if i + used < len(toks) else ""
    return i > 0 and toks[i - 1] in _ALREADY and (not nxt or not nxt[0].isalnum())


def singular_verb(toks: list[str], pos: int, lang: str) -> bool:
    """Whether the casualty word at ``pos`` is a verb with one subject.

    Examples
    --------
    >>> singular_verb(["на", "місці", "загинув", "водій"], 2, "uk")
    True
    >>> singular_verb(["a", "man", "was", "killed"], 3, "en")
    True
    >>> singular_verb(["were", "killed"], 1, "en")
    False
    """
    if lang in {"uk", "ru"}:
        return bool(_SINGULAR_VERB.fullmatch(toks[pos]))
    prev = toks[pos - 1] if pos > 0 else ""
    if lang == "en":
        return prev == "was"
    return prev == "a" or (prev == "fost" and pos > 1 and toks[pos - 2] == "a")


def generic_person(token: str) -> bool:
    """Whether ``token`` is a generic singular person noun ("жінку", "мужчина").

    Examples
    --------
    >>> generic_person("жінку"), generic_person("пасажирку")
    (True, False)
    """
    return bool(_GENERIC.fullmatch(token))
