"""Round 20 (issue 11): a raion's past-day toll told before its villages is their sum.

Every text is invented for these tests. In one context, "за добу – двоє поранених" naming only
the raion, then "село Петропавлівка ... Зазнав поранення чоловік": the opening two are the
villages' sum (labelling rule 2), so the summary sentence loses its counts and the village
keeps its one. Controls: a raion toll with no village after it keeps its counts; a village
named with no toll of its own does not clear it; end to end, the villages keep their tolls.
"""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.bulletins.contexts import Context, analyse_sentence
from analytics.bulletins.summaries20 import drop_summaries
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

DAY = dt.date(2025, 10, 13)


def _context(parts: list[str], lang: str) -> Context:
    text = " ".join(parts)
    sents, at = [], 0
    for part in parts:
        sents.append(analyse_sentence(text, at, at + len(part), lang, None, DAY))
        at += len(part) + 1
    return Context(sents, "UA-63")


def _injured(ctx: Context) -> list[int | None]:
    return [s.cas.injured.value if s.cas.injured else None for s in ctx.sents]


@pytest.mark.parametrize(
    ("parts", "lang"),
    [
        (["Уночі росіяни обстрілювали Куп'янщину, за добу – двоє поранених.",
          "Окупанти обстріляли село Петропавлівка Куп'янського району.",
          "Зазнав поранення чоловік 68 років."], "uk"),
        (["Ночью россияне обстреливали Купянщину, за сутки – двое раненых.",
          "Оккупанты обстреляли село Петропавловка Купянского района.",
          "Ранен мужчина 68 лет."], "ru"),
        (["Over the past day two people were injured in Kupiansk district.",
          "Russian troops shelled the village of Petropavlivka in Kupiansk district.",
          "A 68-year-old man was injured."], "en"),
        (["În ultimele 24 de ore două persoane au fost rănite în raionul Kupiansk.",
          "Trupele ruse au bombardat satul Petropavlivka din raionul Kupiansk.",
          "Un bărbat de 68 de ani a fost rănit."], "ro"),
    ],
)  # fmt: skip
def test_a_summary_before_a_villages_toll_loses_its_counts(parts: list[str], lang: str) -> None:
    ctx = _context(parts, lang)
    assert _injured(ctx) == [2, None, 1]
    drop_summaries([ctx])
    assert _injured(ctx) == [None, None, 1]


@pytest.mark.parametrize(
    "parts",
    [
        ["Уночі росіяни обстрілювали Куп'янщину, за добу – двоє поранених.",
         "Пошкоджено житлові будинки."],
        ["Уночі росіяни обстрілювали Куп'янщину, за добу – двоє поранених.",
         "Окупанти обстріляли село Петропавлівка Куп'янського району."],
        ["Уночі росіяни обстріляли Куп'янщину, двоє поранених.",
         "Окупанти обстріляли село Петропавлівка Куп'янського району.",
         "Зазнав поранення чоловік 68 років."],
    ],
)  # fmt: skip
def test_controls_keep_the_counts(parts: list[str]) -> None:
    ctx = _context(parts, "uk")
    before = _injured(ctx)
    drop_summaries([ctx])
    assert _injured(ctx) == before


def test_end_to_end_the_villages_keep_their_tolls() -> None:
    text = (
        "Уночі росіяни обстрілювали Куп'янщину, за добу – двоє поранених. Близько 2:30 окупанти "
        "обстріляли село Петропавлівка Куп'янського району. Зазнав поранення чоловік 68 років. "
        "Також дрон вдарив по селу Гранів Харківського району, поранено жінку."
    )
    got = rows(text, "uk")
    assert ("UA-63", "Petropavlivka", None, 1) in got
    assert ("UA-63", "Hraniv", None, 1) in got


def test_summary_rule_finishes_on_long_text() -> None:
    units = {"за добу": "За добу двоє поранених. ", "село": "село Петропавлівка, поранено двох. "}
    assert finished(units, lang="uk") == list(units)
