"""``fold_chars`` (with its per-character cache) against a plain character-by-character fold."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from analytics.reference.toponymy import APOSTROPHES, EXTRA_FOLD, fold_chars


def _plain_fold(text: str) -> tuple[str, list[int]]:
    """The fold written out: casefold, NFKD, drop combining marks and apostrophes, extra
    foldings; each output character keeps the index of the input character it came from."""
    out, pos = [], []
    for i, ch in enumerate(text):
        if ch in APOSTROPHES:
            continue
        for c in unicodedata.normalize("NFKD", ch.casefold()):
            if not unicodedata.combining(c):
                for d in EXTRA_FOLD.get(c, c):
                    out.append(d)
                    pos.append(i)
    return "".join(out), pos


@given(st.text(max_size=200))
def test_fold_chars_is_the_plain_fold(text: str) -> None:
    assert fold_chars(text) == _plain_fold(text)


def test_expanding_and_vanishing_characters_keep_their_sources() -> None:
    # "ß" casefolds to "ss", "æ" folds to "ae", the apostrophe and "ь" vanish
    text = "Straße Læ п'ять"
    folded, pos = fold_chars(text)
    assert folded == "strasse lae пят"
    assert pos[4:6] == [4, 4] and text[4] == "ß"
    assert pos[9:11] == [8, 8] and text[8] == "æ"
