"""Casualty counts in one sentence of a strike bulletin: who was killed, who was injured.

A sentence is tokenised (folded text), its *count mentions* found ("two people", "трьох",
"a 63-year-old woman", "o persoană", bare "чоловік" in Ukrainian and Russian), and each
mention is tied to the nearest casualty word (killed/died/загинули/au murit or
injured/поранено/răniți) by a small cost: tokens in between, plus penalties for commas,
"and", and clause boundaries. Mentions that are only part of a total ("including two
children", "one of the wounded") are not counted; references to people already counted
("the dead man", "загиблий") are not counts at all. The result also says how the counts
combine with what is already known: ``max`` (a restatement), ``add`` ("another person"),
``set`` ("the toll rose to five"), and how many injured people are reported to have died
(``transfer``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Final

import analytics.bulletins.lexicon as lx
from analytics.bulletins.ages import (
    after_aged,
    age_list,
    ages_after,
    approximate_comma_age,
    closes_age,
    comma_age,
    is_clock,
    is_day_of_month,
    past_ages,
    split_age,
)
from analytics.bulletins.ages24 import set_off_age
from analytics.bulletins.care26 import mark_cared
from analytics.bulletins.gates import seen
from analytics.bulletins.kin import counts_children
from analytics.bulletins.linker import Linker
from analytics.bulletins.non_events20 import no_reports
from analytics.bulletins.numbers import parse_number, tokenize
from analytics.bulletins.singular23 import apposition, one_person
from analytics.bulletins.subjects20 import person_of, skip_complement, time_span
from analytics.bulletins.toll_counts import CasualtyReading, Count, Op, combine, singular_counts
from analytics.bulletins.toll_english import body_kinds, brought_to, english_mention
from analytics.bulletins.toll_lexicon import OF_WOUNDED_RE
from analytics.bulletins.toll_phrases import phrase_kinds
from analytics.bulletins.toll_rules import (
    already_total,
    generic_person,
    in_condition,
    singular_verb,
)

__all__ = ["Count", "CasualtyReading", "read_casualties", "combine"]


_NEGATORS: Final = frozenset({"not", "no", "never", "n't", "не", "ні", "ни", "nu", "nimeni", "ніхто",
                              "никто", "жодна", "жоден", "жодного", "nici", "without", "без"})  # fmt: skip
_AT_LEAST: Final = re.compile(
    r"(?:at least|no fewer than|more than|over|не менше|щонайменше|принаймні|понад|більше"
    r"|не менее|по меньшей мере|как минимум|минимум|более|свыше|cel putin|minimum|peste|mai mult de)$"
)
#: "More than N" states no figure (the labelling rules give null), unlike "at least N".
_MORE_THAN: Final = re.compile(
    r"(?:(?:more than|over)(?: a)?|понад|більше ніж|більше|более чем|более|свыше|peste"
    r"|mai mult de)$"
)
#: Animals counted among the victims of a strike are not casualties.
_ANIMAL: Final = re.compile(
    r"^(?:dogs?|cats?|animals?|pets?|cows?|horses?|собак\w*|кот\w*|кіш\w*|тварин\w*|животн\w*"
    r"|кошек|корів|коров\w*|коней|лошад\w*|caini|câini|pisici|animale)$"
)
_AUX: Final = frozenset(
    str.split(
        "were was are is have has had been got був була було был была remain remained others more people of and or "
        "отримали отримав отримала отримало зазнали дістали були було є були також ще з із і та й "
        "получили получил получила были было также еще из и au a fost sunt si-au si iar mai "
        "dintre in у в la"
    )
)
_THING: Final = re.compile(
    r"drones?|missiles?|rockets?|shells?|bombs?|buildings?|houses?|homes?|cars?|vehicles?|times"
    r"|km|kilomet\w*|met(?:er|re)s?|floors?|storeys?|districts?|settlements?|villages?|towns?"
    r"|regions?|oblasts?|hromadas?|percent|strikes?|attacks?|hits?|удар\w*|атак\w*|влучан\w*"
    r"|попадан\w*|lovitur\w*|atacuri|дрон\w*|ракет\w*|снаряд\w*|бомб\w*|будин\w*|авто\w*"
    r"|машин\w*|раз\w*|км|поверх\w*|район\w*|населен\w*|сел\w*|громад\w*|област\w*|дом\w*"
    r"|этаж\w*|беспилотник\w*|безпілотник\w*|об'єкт\w*|объект\w*|rachet\w*|bomb\w*|cladir\w*"
    r"|cas[ae]\w*|masin\w*|ori|etaj\w*|localitat\w*|drone\w*|obiectiv\w*|\d+"
)
#: "Lives" is a casualty word only after a verb of losing or taking them.
_LIFE: Final = frozenset(str.split("life lives viata vietile жизни жизнь жизней життя життів"))
_TOOK_LIFE: Final = re.compile(r"lost|lose|claimed|pierdut|унес\w*|унос\w*|забра\w*|оборва\w*")
#: "двоє, а не троє", "două persoane, nu trei": the negated number is a retracted figure.
_CONTRAST: Final = frozenset({"не", "not", "nu", "ні"})


@dataclass
class _Mention:
    start: int
    end: int  # inclusive token index
    low: int
    high: int | None
    at_least: bool = False
    additive: bool = False
    subset: bool = False
    rise: bool = False  # right after "rose to", "зросла до", "a crescut la"
    bare: bool = False  # a singular person noun with no number ("загинув чоловік")


def _kind(tok: str) -> str | None:
    if lx.KILLED_TOKEN.fullmatch(tok):
        return "k"
    if lx.INJURED_TOKEN.fullmatch(tok):
        return "i"
    return None


def _skip_fillers(toks: list[str], j: int, limit: int = 3) -> int:
    n = 0
    while (
        j < len(toks)
        and n < limit
        and (lx.AGE_TOKEN.fullmatch(toks[j]) or (toks[j] and lx.FILLER_TOKEN.fullmatch(toks[j])))
    ):
        j += 1
        n += 1
    return j


def _person_ahead(toks: list[str], kinds: list[str | None], j: int) -> int | None:
    """Index of a person noun at ``j`` or after at most two describing words ("two *more
    emergency workers*", "двоє *його колег*"), else None."""
    for k in range(j, min(j + 3, len(toks))):
        t = toks[k]
        if lx.PERSON_TOKEN.fullmatch(t):
            return k
        if not t.isalpha() or kinds[k] is not None or lx.AND_TOKEN.fullmatch(t):
            return None
        if lx.BARRIER_TOKEN.fullmatch(t) or t in {"of", "з", "із", "из", "dintre", "in", "у", "в"}:
            return None
    return None


#: Words that make "of ..." a place, not a group: "8 civilians of Donetsk region".
_REGION_AFTER: Final = re.compile(
    r"regions?|oblasts?|districts?|області|область|областей|области|регіону|региона|regiun\w*"
    r"|judet\w*|raion\w*|району|района"
)


def _subset(toks: list[str], kinds: list[str | None], end: int) -> bool:
    """Whether the mention ending at ``end`` is part of a group: "two *of them*", "one of the
    wounded", "одного з комунальних підприємств"; not "8 civilians of Donetsk region"."""
    if end + 1 >= len(toks) or toks[end + 1] not in lx.SUBSET_AFTER:
        return False
    kin = end + 2 < len(toks) and counts_children(toks, end + 2)  # "a mother of two"
    if kin or person_of(toks, end, lx.PERSON_SINGULAR):  # "a resident of X": not a group's part
        return False
    return not any(_REGION_AFTER.fullmatch(t) for t in toks[end + 2 : end + 4])


def _coordinated(
    mentions: list[_Mention], toks: list[str], kinds: list[str | None]
) -> list[list[_Mention]]:
    """Mentions joined only by "and" or a comma form one group tied to one casualty word.

    "загинули 61-річний чоловік і 66-річна жінка, постраждали ...": both were killed, the
    second is not the subject of "постраждали". The two counts of "two killed and three
    injured" have a casualty word between them and stay apart, and so do those of "one
    person and eight injuries", "загинув чоловік, двоє людей постраждали", where the second
    count has a casualty word of its own right after it.
    """
    groups: list[list[_Mention]] = []
    for m in mentions:
        own_word = m.additive or (m.end + 1 < len(kinds) and kinds[m.end + 1] is not None)
        prev = groups[-1][-1] if groups else None
        # a comma after a single person lists the next count too ("жінка, 78- та 74-річні чоловіки")
        single = prev is not None and prev.low == 1 and prev.high is None
        if prev is not None and not own_word and _joined(toks, prev.end + 1, m.start, single):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _joined(toks: list[str], lo: int, hi: int, single: bool) -> bool:
    between = [t for k, t in enumerate(toks[lo:hi], lo) if not set_off_age(toks, k)]
    return (between == [","] and single) or (  # a comma joins a list of single people
        0 < len(between) <= 2
        and bool(lx.AND_TOKEN.fullmatch(between[-1]))
        and all(t == "," or lx.AND_TOKEN.fullmatch(t) for t in between)
    )


def _after_counted_group(toks: list[str], i: int) -> bool:
    """ "двух мужчин и (70-летней) женщины": a genitive singular joined to a counted group."""
    k = i - 1
    while k > 0 and lx.AGE_TOKEN.fullmatch(toks[k]):
        k -= 1
    ok = bool(lx.PERSON_GENITIVE.fullmatch(toks[i]) and lx.AND_TOKEN.fullmatch(toks[k]))
    return ok and k > 1 and bool(lx.PERSON_TOKEN.fullmatch(toks[k - 1])) and (
        parse_number(toks, k - 2) is not None)  # fmt: skip


def _mentions(toks: list[str], kinds: list[str | None], lang: str) -> list[_Mention]:
    found: list[_Mention] = []
    i = 0
    n = len(toks)
    while i < n:
        tok = toks[i]
        if split_age(toks, i):  # "40- та 45-річні": two people, not 40
            listed = age_list(toks, i)
            if listed is not None:
                found.append(_Mention(i, listed[0], listed[1], None))
            i = listed[0] + 1 if listed is not None else i + 2
            continue
        if lx.AGE_TOKEN.fullmatch(tok) and lang in {"uk", "ru"}:
            listed = age_list(toks, i)
            if listed is not None:  # "52-річна і 65-річна жінки": two people
                found.append(_Mention(i, listed[0], listed[1], None))
                i = listed[0] + 1
                continue
            # "поранено 12-річного", "погибла 80-летняя": an age standing for a person
            nxt = toks[i + 1] if i + 1 < n else ""
            prv = toks[i - 1] if i else ""
            if _person_ahead(toks, kinds, i + 1) is None and (
                (prv and kinds[i - 1]) or (nxt and kinds[i + 1])
            ):
                found.append(_Mention(i, i, 1, None))
            i += 1
            continue
        if lx.AGE_TOKEN.fullmatch(tok) or is_clock(toks, i):
            i += 1
            continue
        prev = toks[i - 1] if i else ""
        if after_aged(toks, i) or comma_age(toks, i):  # "men aged 41 and 58", "a man, 52,"
            i += 1
            continue
        if approximate_comma_age(toks, i):  # "a man, around 40, died": an age
            i += 2
            continue
        if (tok.isdigit() and is_day_of_month(toks, i)) or counts_children(toks, i):
            i += 1  # "on Sept. 21,", "13 сентября"; "мать двоих детей": her children
            continue
        num = parse_number(toks, i) if prev != "no" and prev not in _CONTRAST else None
        if num is not None:
            low, high, used = num
            j = _skip_fillers(toks, i + used)
            nxt = toks[j] if j < n else ""
            if closes_age(toks, j) or time_span(toks, j):  # "45 років"; "24 hours"
                i = j + 1
                continue
            before = " ".join(toks[max(0, i - 3) : i])
            rise = bool(lx.RISE_TO_RE.search(" ".join(toks[max(0, i - 4) : i])))
            rise = rise or already_total(toks, i, used) or brought_to(toks, i)
            keep = False
            end = i + used - 1
            ahead = _person_ahead(toks, kinds, j)
            if ahead is None and j > i + used:  # "seven people received ...": a filler noun
                ahead = _person_ahead(toks, kinds, i + used)
            if ahead is not None:
                keep, end = True, past_ages(toks, ahead)
            elif not nxt or not nxt[0].isalnum() or kinds[j] is not None or nxt in _AUX:
                keep = True
            elif i > 0 and (kinds[i - 1] is not None or _AT_LEAST.search(before) or rise):
                keep = not _THING.fullmatch(nxt)  # "injured 14 over the day", not "hit 14 houses"
            if keep and (_MORE_THAN.search(before) or _ANIMAL.match(nxt)):
                i = end + 1  # "more than 20 killed" gives no figure; "15 dogs" are not people
                continue
            if keep:
                m = _Mention(i, end, low, high)
                m.at_least = bool(_AT_LEAST.search(before))
                window = toks[max(0, i - 2) : end + 1]
                m.additive = any(lx.ADDITIVE_TOKEN.fullmatch(t) for t in window)
                m.subset = _subset(toks, kinds, end)
                m.rise = rise
                found.append(m)
                i = end + 1
                continue
        plain = english_mention(toks, kinds, i) if lang == "en" else None
        if plain is not None:  # "kills man", "his wife", "a couple", "another wounded"
            found.append(_Mention(i, plain[0], plain[1], None, additive=plain[2]))
            i = plain[0] + 1
            continue
        if tok in lx.INDEFINITE and lang in {"en", "ro"}:
            j = _skip_fillers(toks, i + 1)
            while j > i + 1 and not (j < n and lx.PERSON_SINGULAR.fullmatch(toks[j])):
                if not lx.PERSON_SINGULAR.fullmatch(toks[j - 1]):
                    break
                j -= 1  # "a civilian", "a local": the filler is the person noun itself
            if tok in {"un", "o"} and i + 1 < n and kinds[i + 1] is not None and lang == "ro":
                found.append(_Mention(i, i, 1, None))
                i += 1
                continue
            aged = any(lx.AGE_TOKEN.fullmatch(t) for t in toks[i + 1 : j])
            if j < n and lx.PERSON_SINGULAR.fullmatch(toks[j]) or aged:  # "a 12-year-old"
                end = j if j < n and lx.PERSON_SINGULAR.fullmatch(toks[j]) else j - 1
                m = _Mention(i, end, 1, None, additive=tok == "another")
                m.subset = _subset(toks, kinds, end)
                found.append(m)
                i = end + 1
                continue
        definite = _definite_subject(toks, kinds, i, lang)
        if definite:
            found.append(_Mention(i, i + definite - 1, 1, None))
            i += definite
            continue
        ages = ages_after(toks, i)
        if ages is not None:  # "жінки 53, 57 і 65 років", "women aged 30 and 41": one each
            found.append(_Mention(i, ages[1], ages[0], None))
            i = ages[1] + 1
            continue
        if lang in {"uk", "ru"} and (one_person(toks, i) or _after_counted_group(toks, i)):
            k = i - 1
            while k >= 0 and (lx.AGE_TOKEN.fullmatch(toks[k]) or toks[k] in {",", "-"}):
                k -= 1
            blocker = toks[k] if k >= 0 else ""
            counted = k >= 0 and parse_number(toks, k) is not None
            definite = bool(blocker and lx.DEFINITE_BEFORE.fullmatch(blocker))
            if not (counted or definite or blocker in _NEGATORS or apposition(toks, k, i)):
                window = toks[max(0, i - 2) : i]
                found.append(_Mention(i, i, 1, None, bare=True, additive=any(
                    lx.ADDITIVE_TOKEN.fullmatch(t) for t in window)))  # fmt: skip
        i += 1
    return found


def _breakdowns(toks: list[str], kinds: list[str | None], mentions: list[_Mention]) -> None:
    """Mark counts that only itemise a count before a dash as parts of it.

    "поранено 3 людей — чоловіка 45 років та двох жінок": the people after the dash are the
    three, not three more. Not when a casualty word follows the dash ("two killed - three
    injured").
    """
    n = len(toks)
    stop_at = [n] * (n + 1)  # the first sentence end at or after each token
    kind_at = {"k": [0] * (n + 1), "i": [0] * (n + 1)}  # casualty words before each token
    for k in range(n - 1, -1, -1):
        stop_at[k] = k if toks[k] in {".", ";", "!", "?"} else stop_at[k + 1]
    for k in range(n):
        for kk, acc in kind_at.items():
            acc[k + 1] = acc[k] + (kinds[k] == kk)
    starts = [o.start for o in mentions]
    marked = 0  # mentions before this index are marked already (the ranges only move right)
    for m in mentions:
        # "четверо пострадавших - мужчины 54, 48 и 46 лет и женщина - получили травмы": the
        # casualty word may come before the dash, and again after it if it is the same kind.
        own = kinds[m.end + 1] if m.end + 2 < n and toks[m.end + 2] in {"-", ":"} else None
        dash = m.end + 1 + (own is not None)
        if m.subset or dash >= n or toks[dash] not in {"-", ":"}:
            continue
        stop = stop_at[dash + 1] if dash + 1 <= n else n
        lo_k = min(dash + 1, stop)
        if any(acc[stop] - acc[lo_k] > 0 for kk, acc in kind_at.items() if kk != own):
            continue
        lo = max(marked, bisect_right(starts, m.end))
        hi = bisect_left(starts, stop)
        for other in mentions[lo:hi]:
            other.subset = True
        marked = max(marked, hi)


#: Injured words that say "taken to hospital": a part of an injured total told before.
_HOSPITAL: Final = re.compile(  # and "taken to hospital" (toll_phrases.TAKEN_TO_HOSPITAL_RE)
    r"госпітал\w*|шпитал\w*|госпитал\w*|hospitali\w*|spitaliz\w*|taken|rushed|brought|admitted"
    r"|transported|evacuated|доставлен\w*|доставили|доправлен\w*|доправили|transportat\w*"
    r"|internat\w*|dus[ie]?|dusa"
)

#: Relative pronouns that open a clause about the person just named.
_WHO: Final = frozenset(str.split("who який яка які которая который которые care"))


def _relative_clauses(toks: list[str], mentions: list[_Mention]) -> frozenset[int]:
    """ "Another man, *who* was injured, ...": the clause is about the man just counted."""
    return frozenset(
        m.end + 2 for m in mentions
        if m.end + 2 < len(toks) and toks[m.end + 1] == "," and toks[m.end + 2] in _WHO
    )  # fmt: skip


def _of_group(toks: list[str], mentions: list[_Mention]) -> None:
    """ "Из 8 раненых один человек в тяжелом состоянии", "Of the five injured, two are
    children": the counts after a clause-opening "of N" are part of the N."""
    for k, m in enumerate(mentions):
        lead = m.start - 1 - (m.start > 1 and toks[m.start - 1] == "the")
        opens = lead == 0 or (lead > 0 and toks[lead - 1] in {",", ".", ";", ":", "-"})
        if lead < 0 or toks[lead] not in lx.SUBSET_AFTER or not opens:
            continue
        for other in mentions[k + 1 : k + 4]:  # a bounded look keeps this linear
            if other.start - m.end > 8:
                break
            other.subset = True


def _new_people(known: list[_Mention], group: list[_Mention], toks: list[str]) -> list[_Mention]:
    """The group's mentions less a bare generic noun naming someone already counted.

    "травм зазнала працівниця притулку, жінку госпіталізували": "жінку" is the worker. A
    noun with an age or "another" before it is a new person.
    """
    if not known:
        return group
    return [
        m for m in group
        if not (m.bare and not m.additive and generic_person(toks[m.start])
                and not (m.start and lx.AGE_TOKEN.fullmatch(toks[m.start - 1])))
    ]  # fmt: skip


def _definite_subject(toks: list[str], kinds: list[str | None], i: int, lang: str) -> int:
    """Length of a definite one-person mention at ``i`` that is itself the casualty.

    "the driver was killed", "killing the driver", "șoferul a murit": one person, even though
    the article is definite. Pluperfect explanations ("the man had been wounded") are not.
    """
    n = len(toks)
    if (
        lang == "en"
        and toks[i] == "the"
        and i + 1 < n
        and lx.PERSON_SINGULAR.fullmatch(toks[i + 1])
    ):
        if i > 0 and kinds[i - 1] is not None and toks[i - 1].endswith("ing"):
            return 2
        j = skip_complement(toks, i + 2, lang)  # "the driver of the car was injured"
        if j < n and toks[j] in {"was", "is", "has"}:
            j += 1
            if j < n and toks[j] == "been":
                j += 1
        return 2 if j < n and kinds[j] is not None and j > i + 2 else 0
    if lang == "ro" and lx.PERSON_DEFINITE_RO.fullmatch(toks[i]):
        j = skip_complement(toks, i + 1, lang)  # "șoferul mașinii a fost rănit"
        if j < n and toks[j] in {"a", "au"}:
            j += 1
            if j < n and toks[j] == "fost":
                j += 1
        return 1 if j < n and j > i + 1 and kinds[j] is not None else 0
    return 0


def _inclusion_mask(toks: list[str]) -> list[bool]:
    """Tokens inside "including ...", "серед них ...", "dintre care ..." asides."""
    mask = [False] * len(toks)
    i = 0
    while i < len(toks):
        t = toks[i]
        starts = lx.INCLUSION_TOKEN.fullmatch(t) or t in {"include", "includes", "included"} or (
            t == "dintre" and i + 1 < len(toks) and toks[i + 1] in {"care", "ei", "acestea", "acestia"}
            and i > 0 and toks[i - 1] == ","
        )  # fmt: skip
        if starts:
            j = i
            while j < len(toks) and not (j > i + 1 and toks[j] in {",", ")", ";"}):
                mask[j] = True
                j += 1
            i = j
        i += 1
    return mask


#: Predicates that count people who are not casualties: evacuated, rescued, missing.
_OTHERS = re.compile(
    r"^(?:evacuat\w*|rescued|displaced|relocated|sheltered|missing|евакуйов\w*|врятован\w*"
    r"|эвакуир\w*|спасен\w*|спасли|зникл\w*|безвісти|пропавш\w*|пропал\w*|безвести"
    r"|salvat\w*|salvate|dispar\w*)$"
)


def _counts_others(toks: list[str], end: int, window: int = 5) -> bool:
    """Whether the words right after a count say it counts evacuated or rescued people."""
    for t in toks[end + 1 : end + 1 + window]:
        if t in {".", ";", ","} or _kind(t):
            return False
        if _OTHERS.match(t):
            return True
    return False


def read_casualties(folded: str, lang: str) -> CasualtyReading:
    """Read the casualty statements of one folded sentence.

    Examples
    --------
    >>> r = read_casualties("two people were killed and five injured", "en")
    >>> (r.killed.value, r.injured.value)
    (2, 5)
    >>> r = read_casualties("загинули двоє людей, ще п'ятеро поранені", "uk")
    >>> (r.killed.value, r.injured.value)
    (2, 5)
    """
    out = CasualtyReading()
    # "no one was killed or injured" rules out both; "no civilians were injured" the injured only
    both = seen(lx.NO_CASUALTIES_RE, folded)  # NO_INJURED_RE, its pattern read once
    out.no_killed = both or seen(lx.NO_KILLED_RE, folded)
    out.no_injured = both or seen(lx.NO_CIVILIANS_HURT_RE, folded)
    kills, hurts = no_reports(folded)  # "відомостей про загиблих та поранених не надходило"
    out.no_killed, out.no_injured = out.no_killed or kills, out.no_injured or hurts
    spans = tokenize(folded)
    toks = [t for t, _, _ in spans]
    kinds: list[str | None] = [_kind(t) for t in toks]
    phrase_kinds(folded, [s for _, s, _ in spans], kinds)  # "sought medical help"
    body_kinds(toks, kinds)  # "the body of a man"
    for idx, k in enumerate(kinds):  # negated keywords ("no one was killed", "не постраждав")
        if k and any(t in _NEGATORS for t in toks[max(0, idx - 3) : idx]):
            kinds[idx] = None
        if k == "k" and toks[idx] in _LIFE:
            prev = " ".join(toks[max(0, idx - 3) : idx])
            if not _TOOK_LIFE.search(prev):  # "унесли жизни", "забрав життя": killed
                kinds[idx] = None
    out.mentions_killed = "k" in kinds
    out.mentions_injured = "i" in kinds
    transfer = seen(lx.TRANSFER_RE, folded)
    absolute = seen(lx.ABSOLUTE_RE, folded) or "bringing" in toks
    retracted = any(  # "двоє, а не троє": the sentence corrects an earlier figure
        t in _CONTRAST and parse_number(toks, k + 1) is not None for k, t in enumerate(toks[:-1])
    )
    correction = retracted or seen(lx.CORRECTION_RE, folded)
    earlier = seen(lx.EARLIER_TOLL_RE, folded)
    mask = _inclusion_mask(toks)
    for pos in range(len(toks)):  # "a man, around 40, died": the word costs no more than "40"
        mask[pos] = mask[pos] or approximate_comma_age(toks, pos)
    mentions = [m for m in _mentions(toks, kinds, lang) if not mask[m.start]]
    _breakdowns(toks, kinds, mentions)
    _of_group(toks, mentions)
    for m in mentions[1:]:  # "21 injured, two in serious condition": part of the 21
        m.subset = m.subset or in_condition(toks, m.end)
    if transfer:
        subset = [m for m in mentions if m.subset]
        out.transfer = subset[0].low if subset else 1
        out.wound_deaths = out.transfer
        out.another = any(lx.ADDITIVE_TOKEN.fullmatch(t) for t in toks)
        out.of_wounded = seen(OF_WOUNDED_RE, folded)
    elif seen(lx.HOSPITAL_DEATH_RE, folded):
        out.wound_deaths = 1
    groups = _coordinated([m for m in mentions if not m.subset], toks, kinds)
    keywords = [(i, k) for i, k in enumerate(kinds) if k]
    link = Linker(toks, kinds, mask, keywords, _relative_clauses(toks, mentions))
    first_of = {k: next((pos for pos, kk in keywords if kk == k), len(toks)) for k in "ki"}
    totals: dict[str, list[_Mention]] = {"k": [], "i": []}
    subject_of: set[int] = set()  # keywords that already have a count before them
    care_seen, cared = 0, False  # tokens scanned for an earlier hospital or discharge word
    for g in groups:
        start, end = g[0].start, g[-1].end
        if _counts_others(toks, end):
            continue  # "60 people have been evacuated": not casualties
        best = link.best(start, end, subject_of)
        rise_to = link.rise_subject(g[0].start, g[0].end) if g[0].rise else None
        if rise_to is not None and (best is None or best[1] == 1 or best[0] > 0):
            best = (0, 1, rise_to[1], rise_to[0])
        if best is not None:
            if best[1] == 0:
                subject_of.add(best[3])
            other = "i" if best[2] == "k" else "k"
            same_kind = bool(totals[best[2]])  # "one woman was killed, another died"
            if first_of[other] < start:
                for m in g:  # "two killed, *another* five injured": relative to the killed
                    m.additive = False
            if (
                len(g) > 1
                and singular_verb(toks, best[3], lang)
                and not any(lx.AND_TOKEN.fullmatch(t) for t in toks[g[0].end : g[-1].start])
            ):  # "загинув водій, працівник підприємства": one person
                g = g[:1]
            hospital = best[2] == "i" and _HOSPITAL.fullmatch(toks[best[3]])
            if hospital:  # "з них двох госпіталізували, ще одну ...": one of the hospitalised
                cared, care_seen = mark_cared(g, toks, care_seen, min(g[0].start, best[3]), cared)
            if hospital and totals["i"] and not any(m.additive for m in g):  # "ще одну": adds
                continue  # "7 injured, 3 hospitalised": the 3 are some of the 7
            totals[best[2]].extend(_new_people(totals[best[2]], g, toks))
            for m in g if same_kind else ():  # "another" is relative to the sentence's count
                m.additive = False
            out.spans.append((spans[start][1], spans[end][2]))
    for key, attr in (("k", "killed"), ("i", "injured")):
        ms = totals[key]
        if not ms:
            continue
        risen = [m for m in ms if m.rise]
        if risen:  # "two were killed ... the toll rose to five": the old figure is replaced
            ms = [m for m in ms if m.start >= risen[0].start]
        low = sum(m.low for m in ms)
        ranged = any(m.high is not None for m in ms)
        high = sum(m.high if m.high is not None else m.low for m in ms) if ranged else None
        open_ended = any(m.at_least for m in ms)
        if not ranged and not open_ended:
            high = low
        elif open_ended:
            high = None
        additive = any(m.additive for m in ms)
        op: Op = (
            "set" if absolute or (correction and not additive) else ("add" if additive else "max")
        )
        if earlier and not correction and not risen:  # an earlier toll does not overwrite
            op = "prior"
        if transfer and op == "max":
            continue
        setattr(out, attr, Count(low, low, high, op))
    singular_counts(out, folded, lang)
    return out
