"""Sets of character spans that answer "does this overlap one already taken?" in log time.

The bulletin stage claims spans of a sentence as it reads it (a weapon named, a place found)
and skips later matches that overlap a claimed one. Comparing each match with every claimed
span is quadratic in the number of matches, which a hostile text ("drone, drone, ...")
makes large; :class:`SpanSet` keeps the union of the claimed spans sorted instead.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

__all__ = ["SpanSet"]


class SpanSet:
    """The union of half-open spans ``[start, end)``, kept as sorted disjoint intervals.

    Examples
    --------
    >>> s = SpanSet()
    >>> s.add(5, 9); s.add(20, 25)
    >>> s.overlaps(0, 5), s.overlaps(8, 12), s.overlaps(9, 20), s.overlaps(24, 30)
    (False, True, False, True)
    >>> s.add(9, 20); s.intervals()
    [(5, 9), (9, 20), (20, 25)]
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` shares a character with a span of the set."""
        k = bisect_left(self._starts, end)  # intervals starting before ``end``
        return k > 0 and self._ends[k - 1] > start

    def add(self, start: int, end: int) -> None:
        """Add ``[start, end)``, merging the intervals it overlaps (empty spans are ignored)."""
        if end <= start:
            return
        lo = bisect_right(self._ends, start)  # first interval ending after ``start``
        hi = bisect_left(self._starts, end)  # intervals from here on start at or after ``end``
        if lo < hi:
            start = min(start, self._starts[lo])
            end = max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]

    def intervals(self) -> list[tuple[int, int]]:
        """The disjoint intervals, in order."""
        return list(zip(self._starts, self._ends, strict=True))
