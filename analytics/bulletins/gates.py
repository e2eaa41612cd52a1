"""Literal gates: a cheap test that a pattern cannot match a text, derived from the pattern.

Most phrase patterns are searched in every sentence and most sentences hold none of their
phrases. Python's regex engine tries every alternative at every position of such a sentence;
a plain substring test for the literals a match must contain answers "no" far faster. The
literals are read from the pattern's own parse tree (as RE2's prefilter does), so a gate never
says "no" where the pattern would match: an edited pattern gets a new gate, never a stale one.

A pattern whose matches need no literal (a lone ``\\w+``, ``IGNORECASE``, an optional group) gets
no gate and is always searched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, Final

try:  # Python's own parser of patterns (3.11+); not public API, so a gate is optional.
    import re._constants as sre_c
    import re._parser as sre_p
except ImportError:  # pragma: no cover - a Python whose re lacks them: every pattern is searched
    sre_c = sre_p = None  # type: ignore[assignment]

__all__ = ["finditer", "gate", "needed_literals", "search", "seen"]


def _best(options: Iterable[frozenset[str]]) -> frozenset[str] | None:
    """The most selective of several literal sets any of which a match must satisfy."""
    best = None
    for o in options:
        if not o or min(map(len, o)) == 0:
            continue
        if best is None or (min(map(len, o)), -len(o)) > (min(map(len, best)), -len(best)):
            best = o
    return best


def _of_sequence(items: Any, flags: int) -> frozenset[str] | None:
    """Literals one of which every match of a sequence of parsed items contains."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is sre_c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            options.append(frozenset(["".join(run)]))
            run = []
        found = _of_item(op, av, flags)
        if found is not None:
            options.append(found)
    if run:
        options.append(frozenset(["".join(run)]))
    return _best(options)


def _of_item(op: Any, av: Any, flags: int) -> frozenset[str] | None:
    """Literals every match of one parsed item contains (``None``: none can be named)."""
    if op is sre_c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            found = _of_sequence(alternative, flags)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op is sre_c.SUBPATTERN:
        _, add_flags, _, sub = av
        if add_flags & re.IGNORECASE:
            return None
        return _of_sequence(sub, flags)
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
        low, _, sub = av
        return _of_sequence(sub, flags) if low >= 1 else None
    if op is sre_c.IN and all(kind is sre_c.LITERAL for kind, _ in av):
        return frozenset(chr(code) for _, code in av)  # "[.!?]", or "a|b" as parsed
    if op is sre_c.ATOMIC_GROUP:
        return _of_sequence(av, flags)
    return None  # a class, any character, a back-reference, a zero-width test


def needed_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which occurs in any text ``pattern`` matches in (``None``: no gate).

    Examples
    --------
    >>> sorted(needed_literals(re.compile(r"\\b(?:killed|died)\\b|загин\\w*")))
    ['died', 'killed', 'загин']
    >>> needed_literals(re.compile(r"\\d+(?:people)?")) is None
    True
    """
    if sre_p is None or pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        return _of_sequence(sre_p.parse(pattern.pattern, pattern.flags), pattern.flags)
    except (AttributeError, TypeError, ValueError):  # a parse tree of another shape: no gate
        return None


#: Each pattern's gate, by the pattern's id (hashing a pattern hashes its whole compiled code,
#: which for the long phrase patterns costs more than the gate saves); the entry holds the
#: pattern, so its id cannot be reused while the entry lives. At most this many are kept.
_GATES: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
_GATES_MAX: Final = 4096


def _trie(literals: Iterable[str]) -> str:
    """A pattern matching where any of ``literals`` occurs, as a trie: at each position the
    engine follows one branch per character instead of trying every literal in turn. A
    literal that extends another is dropped (the shorter one already occurs).

    Examples
    --------
    >>> _trie(["apr", "aug", "august", "since"])
    '(?:a(?:pr|ug)|since)'
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for lit in sorted(literals, key=len):
        node = root
        for ch in lit:
            if "" in node:
                break  # a shorter literal ends here: this one adds nothing
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[""] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        if "" in node:
            return ""
        parts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(root)


def gate(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern of the literals :func:`needed_literals` names (``None``: no gate).

    Plain literals in one alternation are found by a fast scan for their first characters,
    where the pattern's own alternatives are each tried at every position.
    """
    entry = _GATES.get(id(pattern))
    if entry is not None and entry[0] is pattern:
        return entry[1]
    found = needed_literals(pattern)
    first = None if found is None else re.compile(_trie(found))
    if len(_GATES) < _GATES_MAX:
        _GATES[id(pattern)] = (pattern, first)
    return first


def seen(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` matches anywhere in ``text``: ``bool(pattern.search(text))``, with
    the literal gate tried first.

    Examples
    --------
    >>> seen(re.compile(r"\\b(?:killed|died)\\b"), "two people died")
    True
    >>> seen(re.compile(r"\\b(?:killed|died)\\b"), "no one was hurt")
    False
    """
    return search(pattern, text) is not None


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)``, skipped when the text lacks every literal a match needs."""
    first = gate(pattern)
    if first is not None and first.search(text) is None:
        return None
    return pattern.search(text)


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, empty at once when the text lacks every needed literal."""
    first = gate(pattern)
    if first is not None and first.search(text) is None:
        return iter(())
    return pattern.finditer(text)
