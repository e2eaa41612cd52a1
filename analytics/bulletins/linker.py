"""Linking a count to its casualty word in one sentence, in time linear in its length."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Final

import analytics.bulletins.lexicon as lx

__all__ = ["CLAUSE_PUNCT", "MAX_COST", "Linker"]

#: Tokens that cost 2 to link across, like "and".
CLAUSE_PUNCT: Final = frozenset({",", "(", ")", "-"})
#: The highest cost at which a count still links to a casualty word.
MAX_COST: Final = 8

#: How many keywords one count looks back over (a guard for long masked asides, which cost 0).
_MAX_LOOKBACK: Final = 32
_STOPS: Final = frozenset({".", "!", "?"})


class Linker:
    """Ties a count to its casualty word in time linear in the sentence length.

    The cost of linking across tokens is the number of unmasked tokens between the count and
    the word, plus 2 for each comma or "and" and 6 for each clause barrier. It is read from
    prefix sums, and since it only grows with distance, the nearest word after a count is
    the best one after it, and the words before it are looked at nearest first until the cost
    passes :data:`MAX_COST`. (Comparing every count with every word was quadratic: 200 KB
    of "two killed, two killed, ..." did not finish in minutes.) A barrier at an index of
    ``open_clauses`` (the "who" of "another man, who was injured") costs like any token.
    """

    def __init__(
        self, toks: list[str], kinds: list[str | None], mask: list[bool],
        keywords: list[tuple[int, str]], open_clauses: frozenset[int] = frozenset(),
    ) -> None:  # fmt: skip
        self.kinds = kinds
        self.keywords = keywords
        self.positions = [pos for pos, _ in keywords]
        cost, clause, stop = [0], [0], [-1]
        for i, (t, masked) in enumerate(zip(toks, mask, strict=True)):
            w = 0
            if not masked:
                w = 1
                if t in CLAUSE_PUNCT or lx.AND_TOKEN.fullmatch(t):
                    w += 2
                elif (lx.BARRIER_TOKEN.fullmatch(t) and i not in open_clauses) or t in _STOPS:
                    w += 6
            cost.append(cost[-1] + w)
            clause.append(clause[-1] + (t in CLAUSE_PUNCT))
            stop.append(i if t in _STOPS else stop[-1])
        self.cost, self.clause, self.stop = cost, clause, stop

    def between(self, lo: int, hi: int) -> int:
        """Cost of linking across tokens ``lo..hi`` (exclusive bounds)."""
        return self.cost[hi] - self.cost[lo + 1] if hi > lo + 1 else 0

    def best(self, start: int, end: int, subject_of: set[int]) -> tuple[int, int, str, int] | None:
        """``(cost, 0 if after else 1, kind, position)`` of the word a count links to, or None.

        A word before the count that already has a count before it, across a comma, is skipped:
        in "five killed, two injured", "two" is not a second subject of "killed".
        """
        best: tuple[int, int, str, int] | None = None
        k = bisect_right(self.positions, end)
        if k < len(self.keywords):
            pos, kind = self.keywords[k]
            c = self.between(end, pos)
            if c <= MAX_COST:
                best = (c, 0, kind, pos)
        k = bisect_left(self.positions, start) - 1
        seen = 0
        while k >= 0 and seen < _MAX_LOOKBACK:
            pos, kind = self.keywords[k]
            c = self.between(pos, start)
            if c > MAX_COST:
                break
            seen += 1
            k -= 1
            if pos in subject_of and self.clause[start] - self.clause[pos + 1] > 0:
                continue
            if best is None or (c, 1) <= best[:2]:  # equal cost: the farther word, as before
                best = (c, 1, kind, pos)
        return best

    def rise_subject(self, start: int, end: int) -> tuple[int, str] | None:
        """The casualty word a "rose to N" total belongs to: the last one before N in its sentence.

        "The death toll from the strike on Zaporizhzhia on Tuesday rose to nine": however far
        back the subject is. None when N is itself followed by its casualty word ("a crescut la
        patru morți") or no casualty word comes before it.
        """
        nxt = end + 1
        if nxt < len(self.kinds) and self.kinds[nxt] is not None:
            return None
        k = bisect_left(self.positions, start) - 1
        if k < 0:
            return None
        pos, kind = self.keywords[k]
        return (pos, kind) if pos > self.stop[start] else None
