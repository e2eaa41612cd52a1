"""Review fixes of rounds 22-24 (issue 11): general rules against the reviewer's defects.

Every text is invented for these tests; the expected rows are hand-read from them. Each test
failed before its fix; the controls keep the round's positives working.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from analytics.bulletins.rivers24 import RIVER_RE
from analytics.bulletins.roundup24 import BRACKET_ITEM_RE
from tests.bulletins.hang import HANG_DEADLINE_S, finished
from tests.bulletins.rows import rows

# 1. no quadratic search: a match cannot start inside a word


def test_capitalised_name_starts_at_a_word() -> None:
    assert BRACKET_ITEM_RE.search("aIzium (a b c)") is None
    assert RIVER_RE.search("xDnipro river") is None
    assert RIVER_RE.search("береги aДніпра") is None
    m = BRACKET_ITEM_RE.search("and Izium (a b c)")  # controls
    assert m is not None and m.group("name") == "Izium"
    r = RIVER_RE.search("on the Dnipro river")
    assert r is not None and r.group("a") == "Dnipro"


_SCAN = """
import importlib, re, sys
mods = sys.argv[1].split()
units = ["A", "Ж", " ", "7", "a", "Kharkiv river березі (x y z) shells 12 ",
         "Харків береги є загиблий? у двох селах ", "A. "]
for name in mods:
    mod = importlib.import_module("analytics.bulletins." + name)
    for v in list(vars(mod).values()):
        if isinstance(v, re.Pattern):
            for unit in units:
                list(v.finditer((unit * (200_000 // len(unit) + 1))[:200_000]))
    print(name, flush=True)
"""
#: The modules of rounds 22-24 (among22's pattern is only ever anchored with ``match``).
_MODULES = (
    "ages24 alerts24 parts22 regions22 rivers24 romanian22 roundup24 scope24 shells22 "
    "singular23 summaries24 totals22 totals24"
)


def test_round_22_24_patterns_scan_200kb_runs() -> None:
    """Every pattern of the round's modules over 200 KB of capitals, spaces, digits and its
    trigger words, under the hang deadline (a quadratic pattern takes hours there)."""
    done = subprocess.run(
        [sys.executable, "-c", _SCAN, _MODULES],
        capture_output=True,
        text=True,
        timeout=HANG_DEADLINE_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == _MODULES.split()


def test_bracket_and_river_runs_finish() -> None:
    en = {"caps": "A", "river": "A river bank A "}
    uk = {"caps": "Ж", "river": "Ж на березі Ж "}
    assert finished(en, lang="en", prefix="Two people were killed in Kharkiv (x y z) and "
                    "Izium (a b c) ") == list(en)  # fmt: skip
    assert finished(uk, lang="uk", prefix="У Херсоні на березі загинули двоє (x y z) та "
                    "Ізюм (a b c) ") == list(uk)  # fmt: skip


# 2. an opening that names a settlement keeps its own toll

OPENING = {
    "ru": "В Харькове погиб мужчина, обстрелам подверглись также Купянск (ранена женщина), "
    "Изюм (госпитализированы 4 человека).",
    "uk": "У Харкові загинув чоловік, обстрілів зазнали також Куп'янськ (поранена жінка), "
    "Ізюм (госпіталізовані 4 людини).",
    "en": "In Kharkiv a man was killed; Russian forces also shelled Kupiansk (a woman "
    "injured), Izium (4 people hospitalised).",
    "ro": "La Harkov un bărbat a fost ucis, au fost bombardate și Kupiansk (o femeie "
    "rănită), Izium (4 persoane spitalizate).",
}


@pytest.mark.parametrize("lang", sorted(OPENING))
def test_opening_naming_a_settlement_keeps_its_toll(lang: str) -> None:
    expected = [("UA-63", "Izium", None, 4), ("UA-63", "Kharkiv", 1, None),
                ("UA-63", "Kupiansk", None, 1)]  # fmt: skip
    assert sorted(rows(OPENING[lang], lang), key=str) == expected


# 3. an item's name must be a place

DAYS = {
    "en": "Kharkiv was shelled again on Tuesday (two people killed), Wednesday (three "
    "people injured).",
    "uk": "Харків знову обстріляли у Вівторок (двоє людей загинули), Середу (троє людей поранені).",
    "ru": "Харьков снова обстреляли во Вторник (погибли два человека), Среду (ранены три "
    "человека).",
}


@pytest.mark.parametrize("lang", sorted(DAYS))
def test_items_that_are_no_places_do_not_split(lang: str) -> None:
    assert rows(DAYS[lang], lang) == [("UA-63", "Kharkiv", 2, 3)]


# 6. "there is a dead?" or "whether there is a dead is unknown" is no one killed

UNSURE = {  # damage named, so the strike is an incident whatever its toll
    "uk": "Росіяни обстріляли Херсон, пошкоджено житловий будинок. Є загиблий? Інформація уточнюється.",
    "uk2": "Росіяни обстріляли Херсон, пошкоджено житловий будинок. Є загиблий чи ні, невідомо.",
    "ru": "Россияне обстреляли Херсон, поврежден жилой дом. Есть погибший или нет, пока неизвестно.",
    "ru2": "Россияне обстреляли Херсон, поврежден жилой дом. Есть погибший? Информация уточняется.",
}


@pytest.mark.parametrize("key", sorted(UNSURE))
def test_asked_or_unknown_one_dead_is_no_count(key: str) -> None:
    assert rows(UNSURE[key], key[:2]) == [("UA-65", "Kherson", None, None)]  # before: killed 1


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [  # controls: the round's "є загиблий" still counts one
        ("uk", "Росіяни атакували Херсон. Є загиблий.", [("UA-65", "Kherson", 1, None)]),
        (
            "ru",
            "Россияне атаковали Херсон. Есть погибший и пострадавшая.",
            [("UA-65", "Kherson", 1, 1)],
        ),
    ],
)
def test_there_is_one_dead_control(lang: str, text: str, expected: list[object]) -> None:
    assert rows(text, lang) == expected


# 7. reported explosions with casualties told but not counted: an incident, toll NULL

BLASTS = {
    "ru": "Поступают сообщения о взрывах в Киеве, есть раненые.",
    "uk": "Надходять повідомлення про вибухи в Києві, є поранені.",
    "en": "There were reports of explosions in Kyiv, and there are injured people.",
    "ro": "Au existat rapoarte despre explozii la Kiev, există răniți.",
}


@pytest.mark.parametrize("lang", sorted(BLASTS))
def test_reported_blasts_with_casualties_told(lang: str) -> None:
    assert rows(BLASTS[lang], lang) == [("UA-30", "Kyiv", None, None)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [  # controls: casualties unknown or asked keep the reports of explosions no incident
        (
            "en",
            "There were reports of explosions in Kyiv, but it was not known whether there "
            "were casualties.",
        ),  # fmt: skip
        (
            "uk",
            "Надходять повідомлення про вибухи в Києві, інформація про постраждалих уточнюється.",
        ),  # fmt: skip
        ("ru", "Поступают сообщения о взрывах в Киеве. Есть ли раненые?"),
    ],
)
def test_reported_blasts_control(lang: str, text: str) -> None:
    assert rows(text, lang) == []


# 5. shells made, received, found, defused, short or fired by Ukrainians are no strike

NO_STRIKE = [
    ("ro", "Fabrica din Odesa a produs 300 de obuze luna trecută."),
    ("ro", "Harkovul a primit 5000 de obuze din Germania."),
    ("ro", "Geniștii au dezamorsat 45 de obuze în Herson."),
    ("ro", "Artileriștii ucraineni din Herson au tras 300 de obuze asupra pozițiilor rusești."),
    ("en", "Kharkiv received 5000 shells from Germany."),
    ("en", "Soldiers near Kharkiv complain of a shortage of shells."),
    ("en", "Ukrainian gunners in Kherson fired 300 shells at Russian positions."),
    ("en", "Deminers defused 45 shells in Kherson."),
    ("uk", "Сапери знешкодили 45 снарядів у Херсоні."),
    ("ru", "Харьков получил 5000 снарядов из Германии."),
]


@pytest.mark.parametrize(("lang", "text"), NO_STRIKE)
def test_shells_not_aimed_at_a_place_are_no_incident(lang: str, text: str) -> None:
    assert rows(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [  # controls: shells aimed at the place (round 22's positives and their kin)
        ("en", "Russian troops fired 20 shells at Kherson."),
        ("en", "The Russians fired dozens of shells at Kherson."),
        ("en", "Kherson was hit by 20 shells."),
        ("ro", "Orașul Herson a fost lovit cu 28 de obuze."),
        ("ro", "Rușii au tras 20 de obuze asupra orașului Herson."),
        ("uk", "Росіяни випустили 20 снарядів по Херсону."),
        ("ru", "Россияне выпустили по Херсону 20 снарядов."),
    ],
)
def test_shells_aimed_at_a_place_stay_an_incident(lang: str, text: str) -> None:
    assert rows(text, lang) == [("UA-65", "Kherson", None, None)]


# 4. an item of another day, or on top of the total, leaves no derived remainder

APART = {
    "en_day": ("en", "Russian shelling wounded eight people in two villages in Kherson region. "
               "Yesterday two people were wounded in Bilozerka.", 2),
    "en_more": ("en", "Russian shelling wounded eight people in two villages in Kherson region. "
                "Later, a drone attack on Bilozerka wounded three more people.", 3),
    "uk_day": ("uk", "Російські обстріли поранили вісьмох людей у двох селах Херсонщини. Вчора у "
               "Білозерці були поранені двоє людей.", 2),
    "uk_more": ("uk", "Російські обстріли поранили вісьмох людей у двох селах Херсонщини. Пізніше "
                "внаслідок атаки дрона на Білозерку поранено ще трьох людей.", 3),
}  # fmt: skip


@pytest.mark.parametrize("key", sorted(APART))
def test_no_remainder_from_an_item_apart(key: str) -> None:
    lang, text, injured = APART[key]
    got = rows(text, lang)
    assert ("UA-65", "Bilozerka", None, injured) in got
    # the only oblast-level row, if any, is the total as told: never 8 minus the item
    assert all(r[3] == 8 for r in got if r[1] is None)


@pytest.mark.parametrize(
    ("lang", "text"),
    [  # controls: the round's itemised total keeps its remainder (8 - 6 in the other village)
        (
            "en",
            "Russian shelling wounded eight people in two villages in Kherson region. Six "
            "civilians were wounded in the village of Stanislav.",
        ),  # fmt: skip
        (
            "uk",
            "Російські обстріли поранили вісьмох людей у двох селах Херсонщини. У селі "
            "Станіслав поранено шістьох цивільних.",
        ),  # fmt: skip
    ],
)
def test_itemised_total_keeps_its_remainder(lang: str, text: str) -> None:
    assert sorted(rows(text, lang), key=str) == [("UA-65", "Stanislav", None, 6),
                                                  ("UA-65", None, None, 2)]  # fmt: skip


# 8. "while the alert sounded in several regions" places no toll over several regions

ALERT = {
    "uk": "Російські ракети влучили у Харків. Двоє людей загинули, коли у кількох областях "
    "лунала тривога.",
    "ru": "Российские ракеты попали в Харьков. Два человека погибли, когда в нескольких "
    "областях звучала тревога.",
    "en": "Russian missiles hit Kharkiv. Two people were killed as air raid alerts sounded in "
    "several regions.",
    "ro": "Rachete rusești au lovit Harkov. Două persoane au fost ucise, în timp ce alerta "
    "aeriană a sunat în mai multe regiuni.",
}


@pytest.mark.parametrize("lang", sorted(ALERT))
def test_alert_over_regions_is_one_incident(lang: str) -> None:
    (row,) = rows(ALERT[lang], lang)
    assert (row[0], row[2], row[3]) == ("UA-63", 2, None)


def test_toll_over_regions_control() -> None:
    text = "Cel puţin un mort şi 14 răniţi în atacuri ruse în vestul Ucrainei."
    assert rows(text, "ro") == []  # a toll over several oblasts: no incident (rule 6)
