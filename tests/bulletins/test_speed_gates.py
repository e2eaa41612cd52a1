"""Literal gates (analytics.bulletins.gates): a gated search answers as the pattern itself.

Speed is measured in benchmarks/bench_bulletins.py; these tests only pin that the shortcut
never changes an answer.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import analytics.bulletins
import analytics.reference
from analytics.bulletins import gates


def _module_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every module-level compiled pattern of the bulletin and reference packages."""
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for pkg in (analytics.bulletins, analytics.reference):
        for info in pkgutil.iter_modules(pkg.__path__):
            module = importlib.import_module(f"{pkg.__name__}.{info.name}")
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found.setdefault(id(value), (f"{info.name}.{name}", value))
    for pattern, *_ in analytics.bulletins.lexicon.WEAPONS:
        found.setdefault(id(pattern), ("lexicon.WEAPONS", pattern))
    for pattern, _ in analytics.bulletins.lexicon.TARGETS:
        found.setdefault(id(pattern), ("lexicon.TARGETS", pattern))
    return sorted(found.values(), key=lambda x: x[0])


PATTERNS = _module_patterns()

#: Invented sentences (folded, as the extractor searches them) in the four languages.
SENTENCES = [
    "two people were killed and five injured in a drone attack on kharkiv overnight.",
    "since the start of the full-scale invasion, 120 civilians have died in the region.",
    "унаслідок обстрілу херсона загинули двоє людей, ще п'ятеро поранені.",
    "за минулу добу ворог 15 разів атакував громади області, загиблих немає.",
    "в результате удара по днепру погибла 63-летняя женщина, ранены трое.",
    "ieri, la ora 23:40, o racheta a lovit un bloc din odesa: un mort si trei raniti.",
    "air defence shot down 40 of 52 drones; debris fell on a house in the suburbs.",
    "the toll rose to 7 after a woman died in hospital, the governor said on march 3.",
    "",
    "...",
]


def test_hand_made_literals() -> None:
    # every alternative's own literal: one of them is in any text the pattern matches in
    assert gates.needed_literals(re.compile(r"\bkill(?:ed|s)\b|загин\w*")) == frozenset(
        {"kill", "загин"}
    )
    # in a sequence the longest literal run is the one required
    assert gates.needed_literals(re.compile(r"(?:з|від) початку \w+")) == frozenset({" початку "})
    # a repeat of at least one keeps its literal; an optional group gives none
    assert gates.needed_literals(re.compile(r"(?:ab)+\d")) == frozenset({"ab"})
    assert gates.needed_literals(re.compile(r"(?:ab)?\d")) is None
    # one alternative with no literal makes the whole alternation ungated
    assert gates.needed_literals(re.compile(r"killed|\d+")) is None
    # a lookahead is no requirement, and case-insensitive patterns are never gated
    assert gates.needed_literals(re.compile(r"(?=x)\w")) is None
    assert gates.needed_literals(re.compile(r"killed", re.IGNORECASE)) is None
    assert gates.needed_literals(re.compile(r"(?i:killed) now")) == frozenset({" now"})


def test_gate_skips_only_texts_without_the_literals() -> None:
    rx = re.compile(r"\b(?:killed|died)\b")
    assert gates.search(rx, "no one was hurt") is None
    m = gates.search(rx, "two people died")
    assert m is not None and m.group() == "died"
    # the literal is present but the pattern does not match: the pattern decides
    assert not gates.seen(rx, "the killeds")


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_every_module_pattern_answers_as_itself(name: str, pattern: re.Pattern[str]) -> None:
    literals = gates.needed_literals(pattern) or frozenset()
    texts = [*SENTENCES, *literals, " ".join(sorted(literals)), " x ".join(sorted(literals))]
    for text in texts:
        assert gates.seen(pattern, text) == bool(pattern.search(text)), (name, text)
        got = [m.span() for m in gates.finditer(pattern, text)]
        assert got == [m.span() for m in pattern.finditer(text)], (name, text)


_PIECES = st.sampled_from(
    ["killed", "died", " ", ",", "2", "загинули", "погибли", "au murit", "за ", "добу", "since",
     "the start of", "war", "o ", "x", "-", "in", "hospital", "not "]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join), st.sampled_from(PATTERNS))
def test_gated_search_equals_search(text: str, named: tuple[str, re.Pattern[str]]) -> None:
    _, pattern = named
    got = gates.search(pattern, text)
    want = pattern.search(text)
    assert (got and got.span()) == (want and want.span())


_WORDS = st.text(alphabet="abz ð.", min_size=1, max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=8), st.text(alphabet="abz ð.", max_size=30))
def test_gate_finds_any_literal(literals: list[str], text: str) -> None:
    # the gate of a plain alternation of literals never misses one of them; it may be weaker
    # than the alternation (Python's parser factors a common prefix: "ða|ð\\." is "ð" then
    # "[a.]", whose gate is "ð"), never stronger
    pattern = re.compile("|".join(re.escape(lit) for lit in literals))
    first = gates.gate(pattern)
    assert first is not None
    if any(lit in text for lit in literals):
        assert first.search(text) is not None
    if first.search(text) is None:
        assert pattern.search(text) is None


def test_gate_of_a_factored_prefix_is_weaker_not_wrong() -> None:
    # the case hypothesis found: the gate says "maybe" on "ð", and the pattern then says no
    pattern = re.compile(r"ða|ð\.")
    assert gates.needed_literals(pattern) == frozenset({"ð"})
    assert gates.search(pattern, "ð") is None
    assert gates.search(pattern, "xð.") is not None
