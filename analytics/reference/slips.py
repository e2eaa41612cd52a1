"""One-letter press slips in the names of large cities ("Kharkv", "Mykolaev", "Kramatorks").

A name no gazetteer key holds is read as a large city when its loose key (see
:mod:`analytics.reference.namekeys`) is at least :data:`MIN_LETTERS` letters long, one edit (a
letter dropped, added or changed, or two neighbours swapped) from a form of exactly one large
city, and one edit from no other settlement of the gazetteer, village or town. Large cities are
the caller's (the gazetteer takes the oblast centres and the cities of
:data:`analytics.reference.russian_names.CITY_FORMS`, the ~100 largest and the front-line
towns). Everything is a dict lookup: the deletion variants of the large cities' keys, and the
gazetteer's keys by their first and by their last three letters and length for the neighbour
check (one edit of a key of seven letters or more keeps its first three or its last three).
"""

from __future__ import annotations

from collections.abc import Iterable

from analytics.reference.namekeys import cyr_key, is_cyrillic, lat_key, loose_cyr

__all__ = ["MIN_LETTERS", "SlipIndex", "name_key", "one_edit"]

#: Shorter keys have too many neighbours ("Sumy", "Lviv" are one letter from villages).
MIN_LETTERS = 7


def name_key(name: str) -> str:
    """The loose key of a name in its own script."""
    return loose_cyr(cyr_key(name)) if is_cyrillic(name) else lat_key(name)


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def one_edit(a: str, b: str) -> bool:
    """Whether two different keys are one edit apart (drop, add, change, swap neighbours).

    Examples
    --------
    >>> one_edit("harkv", "harkiv"), one_edit("kramatorks", "kramatorsk"), one_edit("ab", "ab")
    (True, True, False)
    >>> one_edit("jaluje", "jaliye")
    False
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) != len(b):
        return (a if len(a) < len(b) else b) in _deletions(a if len(a) > len(b) else b)
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    if len(diff) == 1:
        return True
    i = diff[0]
    return len(diff) == 2 and diff[1] == i + 1 and a[i] == b[i + 1] and a[i + 1] == b[i]


class SlipIndex:
    """Large cities by the deletion variants of their keys, and every gazetteer key by its
    first and its last three letters and its length.

    Parameters
    ----------
    names : iterable of (row, forms)
        Every settlement of the gazetteer: its row number and its written forms.
    large : iterable of (row, forms)
        The large cities among them.
    """

    def __init__(
        self, names: Iterable[tuple[int, Iterable[str]]], large: Iterable[tuple[int, Iterable[str]]]
    ) -> None:
        self.cities: dict[str, set[tuple[str, int]]] = {}
        for row, forms in large:
            for key in {name_key(f) for f in forms}:
                for variant in {key, *_deletions(key)}:
                    self.cities.setdefault(variant, set()).add((key, row))
        self.ends: dict[tuple[str, str, int], list[tuple[str, int]]] = {}  # keys by end, length
        for row, forms in names:
            for key in {name_key(f) for f in forms}:
                if len(key) >= MIN_LETTERS - 1:
                    self.ends.setdefault(("^", key[:3], len(key)), []).append((key, row))
                    self.ends.setdefault(("$", key[-3:], len(key)), []).append((key, row))

    def _near(self, key: str) -> dict[int, str]:
        """Rows of the gazetteer with a key one edit from ``key``, with that key."""
        out: dict[int, str] = {}
        for n in (len(key) - 1, len(key), len(key) + 1):
            for end in (("^", key[:3], n), ("$", key[-3:], n)):
                out.update(
                    (row, other) for other, row in self.ends.get(end, ()) if one_edit(key, other)
                )
        return out

    def city(self, name: str) -> tuple[int, ...]:
        """Rows of the one large city ``name`` is a slip of, and of the settlements that share
        that city's name (the caller's rule for a city's name held by villages applies); empty
        when another name is one edit away too, or no large city is.

        The name itself must be no gazetteer key (the caller tries those first).
        """
        key = name_key(name)
        if len(key) < MIN_LETTERS:
            return ()
        found = {
            (row, city)
            for variant in {key, *_deletions(key)}
            for city, row in self.cities.get(variant, ())
            if one_edit(key, city)
        }
        if len({row for row, _ in found}) != 1:
            return ()
        near = self._near(key)
        return tuple(sorted(near)) if set(near.values()) <= {c for _, c in found} else ()
