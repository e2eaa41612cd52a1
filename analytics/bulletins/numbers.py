"""Counting words: text folding and cardinal numbers in English, Ukrainian, Russian, Romanian.

News bulletins write counts as digits ("12 people") or as words in any grammatical form:
"three", "двоє", "трьох", "п'ятеро", "двоих", "două", "douăzeci și unu". :func:`fold` makes
text comparable (lower case, one apostrophe, ``ё`` -> ``е``, Romanian letters without
diacritics) while keeping every character at its position, so spans found in folded text
are spans in the original. :func:`parse_number` reads the number starting at a token.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["fold", "number_word", "parse_number", "NUMBER_WORDS", "TOKEN_RE", "tokenize"]

_FOLD_TABLE: Final = str.maketrans(
    {
        "ă": "a", "â": "a", "î": "i", "ș": "s", "ş": "s", "ț": "t", "ţ": "t",
        "ё": "е", "’": "'", "ʼ": "'", "`": "'", "´": "'", "ʹ": "'", "‘": "'",
        "\u00a0": " ", "–": "-", "—": "-", "‑": "-",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower-case and fold ``text`` for matching; the result has the same length.

    Examples
    --------
    >>> fold("Două PERSOANE au fost rănite; п’ятеро")
    "doua persoane au fost ranite; п'ятеро"
    """
    low = text.lower()
    if len(low) != len(text):  # a few letters lower-case to two code points (e.g. "İ")
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.translate(_FOLD_TABLE)


#: Tokens: words (with inner apostrophes and hyphens, e.g. "п'ятеро", "63-year-old", "Kh-101")
#: or single punctuation marks.
TOKEN_RE: Final = re.compile(r"[\w']+(?:-[\w']+)*|[^\w\s]")


def tokenize(folded: str) -> list[tuple[str, int, int]]:
    """Split folded text into ``(token, start, end)`` triples."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(folded)]


def _forms(spec: dict[int, str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for value, words in spec.items():
        for w in words.split():
            out[fold(w)] = value
    return out


def _stems(spec: dict[int, str], suffixes: tuple[str, ...]) -> dict[str, int]:
    out: dict[str, int] = {}
    for value, stems in spec.items():
        for stem in stems.split():
            for suf in suffixes:
                out[fold(stem + suf)] = value
    return out


_EN = _forms(
    {
        1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
        8: "eight", 9: "nine", 10: "ten", 11: "eleven", 12: "twelve dozen", 13: "thirteen",
        14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen", 18: "eighteen",
        19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty",
        70: "seventy", 80: "eighty", 90: "ninety", 100: "hundred",
    }
)  # fmt: skip

_UK = _forms(
    {
        1: "один одна одне одну одного одної однієї одному одній одним одною однією",
        2: "два дві двох двом двома двоє двоїх двоїм двоїма",
        3: "три трьох трьом трьома троє троїх троїм троїма",
        4: "чотири чотирьох чотирьом чотирма четверо четверых",
        5: "п'ять п'яти п'ятьох п'ятьом п'ятьма п'ятьома п'ятеро п'ятерых",
        6: "шість шести шістьох шістьом шістьма шістьома шестеро шістьох",
        7: "сім семи сімох сімом сімома семеро",
        8: "вісім восьми вісьмох вісьмом вісьмома восьмеро",
        9: "дев'ять дев'яти дев'ятьох дев'ятьом дев'ятьма дев'ятьома дев'ятеро",
        10: "десять десяти десятьох десятьом десятьма десятьома десятеро",
        40: "сорок сорока",
        90: "дев'яносто дев'яноста",
        100: "сто ста",
    }
) | _stems(
    {
        11: "одинадцят", 12: "дванадцят", 13: "тринадцят", 14: "чотирнадцят",
        15: "п'ятнадцят", 16: "шістнадцят", 17: "сімнадцят", 18: "вісімнадцят",
        19: "дев'ятнадцят", 20: "двадцят", 30: "тридцят", 50: "п'ятдесят",
        60: "шістдесят", 70: "сімдесят", 80: "вісімдесят",
    },
    # "-еро": the collective "одинадцятеро", "двадцятеро" (as "п'ятеро" of five)
    ("ь", "и", "ьох", "ьом", "ьма", "ьома", "", "еро", "ерох"),
)  # fmt: skip

_RU = _forms(
    {
        1: "один одна одно одну одного одной одному одним одною",
        2: "два две двух двум двумя двое двоих двоим",
        3: "три трех трем тремя трое троих троим",
        4: "четыре четырех четырем четырьмя четверо четверых",
        5: "пять пяти пятью пятеро пятерых",
        6: "шесть шести шестью шестеро шестерых",
        7: "семь семи семью семеро семерых",
        8: "восемь восьми восемью восьмью восьмеро восьмерых",
        9: "девять девяти девятью девятеро девятерых",
        10: "десять десяти десятью десятеро десятерых",
        40: "сорок сорока",
        50: "пятьдесят пятидесяти", 60: "шестьдесят шестидесяти",
        70: "семьдесят семидесяти", 80: "восемьдесят восьмидесяти",
        90: "девяносто девяноста", 100: "сто ста",
    }
) | _stems(
    {
        11: "одиннадцат", 12: "двенадцат", 13: "тринадцат", 14: "четырнадцат",
        15: "пятнадцат", 16: "шестнадцат", 17: "семнадцат", 18: "восемнадцат",
        19: "девятнадцат", 20: "двадцат", 30: "тридцат",
    },
    ("ь", "и", "ью"),
)  # fmt: skip

# Romanian (folded, so without diacritics). "un"/"o" count as one only before a person noun,
# which the caller checks; they are not listed here.
_RO = _forms(
    {
        1: "unu una unul", 2: "doi doua", 3: "trei", 4: "patru", 5: "cinci", 6: "sase",
        7: "sapte", 8: "opt", 9: "noua", 10: "zece", 11: "unsprezece",
        12: "doisprezece douasprezece", 13: "treisprezece", 14: "paisprezece",
        15: "cincisprezece", 16: "saisprezece", 17: "saptesprezece", 18: "optsprezece",
        19: "nouasprezece", 20: "douazeci", 30: "treizeci", 40: "patruzeci", 50: "cincizeci",
        60: "saizeci", 70: "saptezeci", 80: "optzeci", 90: "nouazeci", 100: "suta",
    }
)  # fmt: skip

#: Every folded number word -> its value.
NUMBER_WORDS: Final[dict[str, int]] = _EN | _UK | _RU | _RO

_CONNECT = {"and", "si", "-"}
_MAX_GROUPS = 3
_DIGITS = re.compile(r"\d{1,4}")
_RANGE = re.compile(r"(\d{1,4})-(\d{1,4})")


def number_word(token: str) -> int | None:
    """Value of one folded token: digits or a number word in any listed form.

    Examples
    --------
    >>> [number_word(t) for t in ["12", "двоє", "трьох", "două", "п’ятеро", "twenty-one", "x"]]
    [12, 2, 3, 2, 5, 21, None]
    """
    token = fold(token)
    if _DIGITS.fullmatch(token):
        return int(token)
    if token in NUMBER_WORDS:
        return NUMBER_WORDS[token]
    if "-" in token:  # "twenty-one"
        head, _, tail = token.partition("-")
        h, t = NUMBER_WORDS.get(head), NUMBER_WORDS.get(tail)
        if h and t and h >= 20 and h % 10 == 0 and t < 10:
            return h + t
    return None


def parse_number(tokens: list[str], i: int) -> tuple[int, int | None, int] | None:
    """Read a number starting at ``tokens[i]`` (folded tokens).

    Handles compounds ("двадцять один", "douazeci si unu", "twenty one") and digit ranges
    ("2-3", "2 or 3", "двоє-троє").

    Returns
    -------
    tuple or None
        ``(low, high, n_tokens)``: ``high`` is None for an exact number (``low``), otherwise
        the upper end of a range; ``n_tokens`` is how many tokens were consumed.

    Examples
    --------
    >>> parse_number(["douazeci", "si", "unu", "de", "persoane"], 0)
    (21, None, 3)
    >>> parse_number(["2-3", "people"], 0)
    (2, 3, 1)
    """
    tok = tokens[i]
    m = _RANGE.fullmatch(tok)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        return (lo, hi, 1) if lo < hi else None
    if "-" in tok and number_word(tok) is None:  # "двоє-троє"
        parts = tok.split("-")
        vals = [number_word(p) for p in parts]
        if len(vals) == 2:
            lo_word, hi_word = vals
            if lo_word is not None and hi_word is not None and lo_word < hi_word:
                return lo_word, hi_word, 1
        return None
    value = number_word(tok)
    if value is None:
        return None
    used = 1
    # Thousands written in groups: "1,042", "1.200", "1 230" (tokens "1" "," "042").
    k = i + 1
    # At most _MAX_GROUPS groups: a longer run ("1 000 000 000 000 ...") is no count, and
    # reading it whole from each of its tokens made long runs of digit groups quadratic.
    groups = 0
    while tok.isdigit() and len(tok) <= 3 and k < len(tokens) and groups < _MAX_GROUPS:
        sep = tokens[k] in {",", "."}
        grp = tokens[k + 1] if sep and k + 1 < len(tokens) else tokens[k]
        if not (len(grp) == 3 and grp.isdigit()):
            break
        value, k, groups = value * 1000 + int(grp), k + 1 + sep, groups + 1
        used = k - i
    if used > 1:
        return value, None, used
    if value >= 20 and value % 10 == 0 and value < 100:
        j = i + 1
        if j < len(tokens) and tokens[j] in _CONNECT:
            j += 1
        if j < len(tokens):
            unit = number_word(tokens[j])
            if unit is not None and 0 < unit < 10:
                value += unit
                used = j - i + 1
    # "2 or 3", "двоє-троє" written with spaces: "two or three"
    if i + 2 < len(tokens) and tokens[i + 1] in {"or", "to", "sau", "або", "или", "чи"}:
        nxt = number_word(tokens[i + 2])
        if nxt is not None and value < nxt <= value + 10:
            return value, nxt, used + 2
    return value, None, used
