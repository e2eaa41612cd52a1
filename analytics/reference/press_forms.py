"""Press forms of Ukrainian place names made by rule: Romanian spellings and Russian compounds.

- **Romanian.** The Romanian press writes Ukrainian and Russian names by Romanian spelling
  rules, not by KMU 2010: "ж" is "j", "х" is "h", "ш" is "ș", "ц" is "ț", "и" (Ukrainian) and
  "ы" (Russian) are "î", and "ч" is "c" before e/i and "ce"/"ci" before other letters ("Буча"
  -> "Bucea", "Чернігів" -> "Cernihiv", "Запорожье" -> "Zaporojie"). :func:`romanian_form`
  applies these rules to a Cyrillic name (the gazetteer's Ukrainian and Russian names alike).
- **Russian compounds.** :func:`russian_compound_forms` gives the Russian forms of a
  hyphenated or two-word name part by part, with the same suffix rules as single names and
  two general rules for adjectives: the Ukrainian prothetic "в" before "у" is dropped
  ("Вузловий" -> "Узловой", as "вулиця"/"улица") and the adjective endings take both Russian
  forms ("-ий" -> "-ый"/"-ой", "-а" -> "-ая", "-е" -> "-ое").

All functions are pure and deterministic; no data file.
"""

from __future__ import annotations

import re

__all__ = ["romanian_form", "russian_compound_forms"]

_RO_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "ж": "j", "з": "z", "й": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
    "х": "h", "ц": "ț", "ш": "ș", "щ": "șci", "ь": "", "ъ": "", "ю": "iu", "я": "ia",
    "'": "", "’": "", "ʼ": "", "-": "-", " ": " ",
}  # fmt: skip
_RO_UK = _RO_COMMON | {"г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "î", "і": "i", "ї": "i"}
_RO_RU = _RO_COMMON | {"г": "g", "е": "e", "ё": "io", "и": "i", "ы": "î", "э": "e"}
#: "ч" before these letters is plain "c" (Romanian "ce", "ci" read /che/, /chi/).
_SOFT_NEXT = frozenset("еєіїиэ")
#: "ч" before these letters takes the Romanian "e" or "i" that keeps it soft.
_CH_VOWEL = {"а": "cea", "я": "cea", "о": "cio", "у": "ciu", "ю": "ciu"}
_VOWELS = frozenset("аеєиіїоуюяэыё")


def romanian_form(name: str, *, russian: bool = False) -> str:
    """A Romanian press spelling of a Cyrillic place name (Ukrainian, or Russian if ``russian``).

    Examples
    --------
    >>> romanian_form("Буча"), romanian_form("Бровари"), romanian_form("Чернігів")
    ('Bucea', 'Brovarî', 'Cernihiv')
    >>> romanian_form("Запорожье", russian=True), romanian_form("Очаків")
    ('Zaporojie', 'Oceakiv')
    """
    table = _RO_RU if russian else _RO_UK
    low = name.lower()
    out: list[str] = []
    i = 0
    while i < len(low):
        c, nxt = low[i], low[i + 1 : i + 2]
        if c == "ч":
            if nxt in _CH_VOWEL:
                out.append(_CH_VOWEL[nxt])
                i += 2
                continue
            out.append("c" if nxt in _SOFT_NEXT else "ci")
            if nxt == "и":  # "Чигирин" -> "Cihirin": the vowel is the "i" of "ci"
                out.append("i")
                i += 1
        elif russian and c == "е" and (i == 0 or low[i - 1] in _VOWELS or low[i - 1] in "ьъ"):
            out.append("ie")  # "Запорожье" -> "Zaporojie", "Енакиево" -> "Ienakievo"
        else:
            out.append(table.get(c, c))
        i += 1
    text = "".join(out)
    return re.sub(r"(^|[ -])(\w)", lambda m: m.group(1) + m.group(2).upper(), text)


#: Ukrainian adjective endings -> Russian ones (both forms where the stress decides).
_RU_ADJ = (("ий", ("ый", "ой", "ий")), ("а", ("ая",)), ("е", ("ое",)))
_RU_WORD = (
    ("ськ", "ск"), ("цьк", "цк"), ("івка", "овка"), ("ївка", "евка"), ("ів", "ов"), ("їв", "ев"),
    ("іль", "оль"),
)  # fmt: skip
_RU_LETTERS = str.maketrans({"і": "и", "ї": "и", "є": "е", "'": "", "’": "", "ʼ": ""})


def _russian_parts(word: str, *, first: bool) -> list[str]:
    """Russian forms of one part of a name (``first``: an adjective may end in "-а", "-е")."""
    low = word.lower()
    for uk, ru in _RU_WORD:
        if low.endswith(uk):
            return [(word[: len(word) - len(uk)] + ru).translate(_RU_LETTERS)]
    base = word
    if low.startswith("ву") and len(low) > 4:  # "Вузловий" -> "Узловой"
        base = word[1].upper() + word[2:] if word[:1].isupper() else word[1:]
    out = [base.translate(_RU_LETTERS)]
    for uk, rus in _RU_ADJ:
        if low.endswith(uk) and len(low) > len(uk) + 2 and (first or uk == "ий"):
            out = [base[: len(base) - len(uk)].translate(_RU_LETTERS) + r for r in rus]
            break
    return out


def russian_compound_forms(name: str) -> tuple[str, ...]:
    """Russian press forms of a hyphenated or two-word Ukrainian name, part by part.

    Single-word names give ``()`` (the gazetteer's own Russian form covers them).

    Examples
    --------
    >>> "Купянск-Узловой" in russian_compound_forms("Куп'янськ-Вузловий")
    True
    >>> russian_compound_forms("Іванівка")
    ()
    """
    parts = re.split(r"([ -])", name.strip())
    if len(parts) < 3:
        return ()
    forms = [""]
    for k, part in enumerate(parts):
        first = k < len(parts) - 1
        variants = [part] if part in {" ", "-"} else _russian_parts(part, first=first)
        forms = [f + v for f in forms for v in variants]
    return tuple(dict.fromkeys(forms))
