"""Round 19 (issue 11): table-driven tests of the casualty lexicon on invented sentences.

Every sentence is invented. Each table crosses one rule family (number words, casualty verbs
and nouns, zero tolls) with the common inflections, synonyms and word orders of Ukrainian,
Russian, English and Romanian, so that a rule tuned on one phrasing of the development texts
is checked on the others. The expected killed / injured figure of each row is the number the
row is built from (the value of its number word), never a figure read back from the extractor.
"""

from __future__ import annotations

import pytest

from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

UK_HEAD = "Унаслідок ракетного удару по Харкову "
RU_HEAD = "В результате ракетного удара по Харькову "
EN_HEAD = "Russian forces struck Kharkiv overnight. "
RO_HEAD = "Rusia a lovit orașul Harkov cu rachete. "

#: Ukrainian number words by value: nominative with "людей"/"людини", collective, genitive.
UK_NOMINATIVE = {
    1: "одна людина", 2: "дві людини", 3: "три людини", 4: "чотири людини", 5: "п'ять людей",
    6: "шість людей", 7: "сім людей", 8: "вісім людей", 9: "дев'ять людей",
    10: "десять людей", 11: "одинадцять людей", 12: "дванадцять людей",
    13: "тринадцять людей", 14: "чотирнадцять людей", 15: "п'ятнадцять людей",
    16: "шістнадцять людей", 17: "сімнадцять людей", 18: "вісімнадцять людей",
    19: "дев'ятнадцять людей", 20: "двадцять людей",
}  # fmt: skip
UK_COLLECTIVE = {
    2: "двоє", 3: "троє", 4: "четверо", 5: "п'ятеро", 6: "шестеро", 7: "семеро", 8: "восьмеро",
    9: "дев'ятеро", 10: "десятеро", 11: "одинадцятеро", 12: "дванадцятеро",
    15: "п'ятнадцятеро", 20: "двадцятеро",
}  # fmt: skip
UK_GENITIVE = {
    1: "одного", 2: "двох", 3: "трьох", 4: "чотирьох", 5: "п'ятьох", 6: "шістьох", 7: "сімох",
    8: "вісьмох", 9: "дев'ятьох", 10: "десятьох", 11: "одинадцятьох", 12: "дванадцятьох",
    13: "тринадцятьох", 14: "чотирнадцятьох", 15: "п'ятнадцятьох", 16: "шістнадцятьох",
    17: "сімнадцятьох", 18: "вісімнадцятьох", 19: "дев'ятнадцятьох", 20: "двадцятьох",
}  # fmt: skip
RU_NOMINATIVE = {
    1: "один человек", 2: "два человека", 3: "три человека", 4: "четыре человека",
    5: "пять человек", 6: "шесть человек", 7: "семь человек", 8: "восемь человек",
    9: "девять человек", 10: "десять человек", 11: "одиннадцать человек",
    12: "двенадцать человек", 13: "тринадцать человек", 14: "четырнадцать человек",
    15: "пятнадцать человек", 16: "шестнадцать человек", 17: "семнадцать человек",
    18: "восемнадцать человек", 19: "девятнадцать человек", 20: "двадцать человек",
}  # fmt: skip
RU_COLLECTIVE = {
    2: "двое", 3: "трое", 4: "четверо", 5: "пятеро", 6: "шестеро", 7: "семеро", 8: "восьмеро",
    9: "девятеро", 10: "десятеро",
}  # fmt: skip
RU_GENITIVE = {
    1: "одного", 2: "двух", 3: "трех", 4: "четырех", 5: "пяти", 6: "шести", 7: "семи",
    8: "восьми", 9: "девяти", 10: "десяти", 11: "одиннадцати", 12: "двенадцати",
    15: "пятнадцати", 20: "двадцати",
}  # fmt: skip
RO_PERSONS = {
    2: "două persoane", 3: "trei persoane", 4: "patru persoane", 5: "cinci persoane",
    6: "șase persoane", 7: "șapte persoane", 8: "opt persoane", 9: "nouă persoane",
    10: "zece persoane", 11: "unsprezece persoane", 12: "douăsprezece persoane",
    13: "treisprezece persoane", 14: "paisprezece persoane", 15: "cincisprezece persoane",
    16: "șaisprezece persoane", 17: "șaptesprezece persoane", 18: "optsprezece persoane",
    19: "nouăsprezece persoane", 20: "douăzeci de persoane", 21: "douăzeci și unu de persoane",
}  # fmt: skip
EN_WORDS = str.split(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)


def _number_cases() -> list[tuple[str, str, object, object]]:
    """(lang, text, killed, injured) of every number word in a killed and an injured frame."""
    out: list[tuple[str, str, object, object]] = []
    for n, w in UK_NOMINATIVE.items():
        out += [("uk", f"{UK_HEAD}загинули {w}.", n, None)]
        out += [("uk", f"{UK_HEAD}{w} отримали поранення.", None, n)]
    for n, w in UK_COLLECTIVE.items():
        out += [("uk", f"{UK_HEAD}загинули {w} людей.", n, None)]
        out += [("uk", f"{UK_HEAD}поранені {w} мешканців.", None, n)]
    for n, w in UK_GENITIVE.items():
        out += [("uk", f"{UK_HEAD}відомо про {w} поранених.", None, n)]
        out += [("uk", f"{UK_HEAD}ворог убив {w} людей.", n, None)]
    for n, w in RU_NOMINATIVE.items():
        out += [("ru", f"{RU_HEAD}погибли {w}.", n, None)]
        out += [("ru", f"{RU_HEAD}ранения получили {w}.", None, n)]
    for n, w in RU_COLLECTIVE.items():
        out += [("ru", f"{RU_HEAD}погибли {w} мирных жителей.", n, None)]
        out += [("ru", f"{RU_HEAD}{w} человек ранены.", None, n)]
    for n, w in RU_GENITIVE.items():
        out += [("ru", f"{RU_HEAD}известно о {w} раненых.", None, n)]
        out += [("ru", f"{RU_HEAD}враг убил {w} человек.", n, None)]
    for n, w in RO_PERSONS.items():
        out += [("ro", f"{RO_HEAD}{w[0].upper()}{w[1:]} au murit.", n, None)]
        out += [("ro", f"{RO_HEAD}Atacul a rănit {w}.", None, n)]
        out += [("ro", f"{RO_HEAD}Bilanțul: {w} rănite.", None, n)]
    for n, w in enumerate(EN_WORDS, start=1):
        noun, verb = ("person", "was") if n == 1 else ("people", "were")
        out += [("en", f"{EN_HEAD}{w.capitalize()} {noun} {verb} killed.", n, None)]
        out += [("en", f"{EN_HEAD}The strike injured {w} {noun}.", None, n)]
    return out


@pytest.mark.parametrize(("lang", "text", "killed", "injured"), _number_cases())
def test_number_words_one_to_twenty(lang: str, text: str, killed: object, injured: object) -> None:
    got = [(r[2], r[3]) for r in rows(text, lang)]
    assert got == [(killed, injured)]


#: (lang, casualty phrase, killed, injured): verb and noun forms in gender, number, aspect,
#: voice and word order; digits with "осіб/людей/человек/persoane/people".
PHRASES = [
    ("uk", "загинула жінка", 1, None), ("uk", "загинув чоловік", 1, None),
    ("uk", "загинуло троє людей", 3, None), ("uk", "є двоє загиблих", 2, None),
    ("uk", "двоє людей загинули", 2, None), ("uk", "загинули 2 особи, ще 11 осіб поранені", 2, 11),
    ("uk", "поранено п'ятьох людей", None, 5), ("uk", "поранені четверо людей", None, 4),
    ("uk", "травмовані двоє людей", None, 2), ("uk", "травмовані 4 особи", None, 4),
    ("uk", "травмувалися 4 особи", None, 4), ("uk", "постраждала жінка", None, 1),
    ("uk", "є шестеро постраждалих", None, 6), ("uk", "кількість постраждалих зросла до 12", None, 12),
    ("uk", "загиблих троє, поранених п'ятеро", 3, 5), ("uk", "поранення отримали 3 людини", None, 3),
    ("uk", "дістали поранень двоє чоловіків", None, 2), ("uk", "госпіталізовано трьох людей", None, 3),
    ("uk", "одна людина загинула, ще дві поранені", 1, 2), ("uk", "померла жінка", 1, None),
    ("uk", "загинули щонайменше троє людей", 3, None), ("uk", "було поранено 6 людей", None, 6),
    ("uk", "загиблих — четверо", 4, None), ("uk", "поранено одну жінку", None, 1),
    ("uk", "ворог убив одну людину", 1, None), ("uk", "загиблих немає, поранено двох", 0, 2),
    ("ru", "погибла женщина", 1, None), ("ru", "погиб мужчина", 1, None),
    ("ru", "скончался мужчина", 1, None), ("ru", "скончалась женщина", 1, None),
    ("ru", "есть двое погибших", 2, None), ("ru", "ранены пять человек", None, 5),
    ("ru", "пострадала женщина", None, 1), ("ru", "пострадавших шестеро", None, 6),
    ("ru", "травмированы двое мужчин", None, 2), ("ru", "госпитализированы три человека", None, 3),
    ("ru", "погибли 2 человека, 11 ранены", 2, 11), ("ru", "погибших трое, раненых пятеро", 3, 5),
    ("ru", "погибли как минимум три человека", 3, None), ("ru", "были ранены 6 человек", None, 6),
    ("ru", "травмы получили 4 человека", None, 4), ("ru", "погибших нет, ранены двое", 0, 2),
    ("ru", "ранена одна женщина", None, 1), ("ru", "враг убил одну женщину", 1, None),
    ("en", "Two people died.", 2, None), ("en", "Three people lost their lives.", 3, None),
    ("en", "Four people were hospitalised.", None, 4), ("en", "Four people were hospitalized.", None, 4),
    ("en", "Five people were hurt.", None, 5), ("en", "Six people were wounded.", None, 6),
    ("en", "A 60-year-old man was killed.", 1, None), ("en", "Three people are dead.", 3, None),
    ("en", "Two civilians were killed and three injured.", 2, 3),
    ("en", "The death toll rose to 7.", 7, None), ("en", "Eight people sustained injuries.", None, 8),
    ("en", "One person was killed and another injured.", 1, 1),
    ("en", "At least three people were killed.", 3, None),
    ("ro", "O persoană a fost ucisă.", 1, None), ("ro", "Un bărbat a fost rănit.", None, 1),
    ("ro", "O femeie a fost rănită.", None, 1), ("ro", "Cinci civili au fost răniți.", None, 5),
    ("ro", "Două persoane și-au pierdut viața.", 2, None), ("ro", "O femeie a decedat.", 1, None),
    ("ro", "Sunt trei morți și cinci răniți.", 3, 5), ("ro", "Bilanțul a crescut la 7 morți.", 7, None),
    ("ro", "Șase persoane au fost spitalizate.", None, 6),
    ("ro", "Două persoane au suferit răniri.", None, 2),
    ("ro", "Atacul a provocat moartea a trei persoane.", 3, None),
    ("ro", "Au fost rănite șase persoane.", None, 6),
]  # fmt: skip
HEADS = {"uk": UK_HEAD, "ru": RU_HEAD, "en": EN_HEAD, "ro": RO_HEAD}


@pytest.mark.parametrize(("lang", "phrase", "killed", "injured"), PHRASES)
def test_casualty_phrases(lang: str, phrase: str, killed: object, injured: object) -> None:
    text = HEADS[lang] + (phrase + "." if lang in {"uk", "ru"} else phrase)
    assert [(r[2], r[3]) for r in rows(text, lang)] == [(killed, injured)]


#: Sentences saying nobody was killed or hurt, after a strike that damaged a house.
ZEROS = [
    ("uk", "Постраждалих немає."), ("uk", "Обійшлося без жертв."), ("uk", "Ніхто не постраждав."),
    ("uk", "Загиблих і постраждалих немає."), ("uk", "Люди не постраждали."),
    ("uk", "Ніхто не загинув і не постраждав."),
    ("ru", "Пострадавших нет."), ("ru", "Обошлось без жертв."), ("ru", "Никто не пострадал."),
    ("ru", "Погибших и пострадавших нет."), ("ru", "Люди не пострадали."),
    ("ru", "Никто не погиб и не пострадал."), ("ru", "Обошлось без человеческих жертв."),
    ("en", "No one was hurt."), ("en", "There were no casualties."), ("en", "Nobody was injured."),
    ("en", "No one was killed or injured."), ("en", "No one was injured or killed."),
    ("en", "No injuries were reported."),
    ("ro", "Nu au fost victime."), ("ro", "Nimeni nu a fost rănit."),
    ("ro", "Nimeni nu a fost ucis sau rănit."), ("ro", "Atacul nu a făcut victime."),
    ("ro", "Nu s-au înregistrat victime."),
]  # fmt: skip
ZERO_HEADS = {
    "uk": "Увечері ворог атакував Ніжин дронами, пошкоджено будинок. ",
    "ru": "Вечером враг атаковал Нежин дронами, поврежден дом. ",
    "en": "In the evening Russian drones attacked Nizhyn, damaging a house. ",
    "ro": "Seara, dronele rusești au atacat orașul Cernihiv și au avariat o casă. ",
}


@pytest.mark.parametrize(("lang", "zero"), ZEROS)
def test_zero_tolls(lang: str, zero: str) -> None:
    assert [(r[2], r[3]) for r in rows(ZERO_HEADS[lang] + zero, lang)] == [(0, 0)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Інформації про постраждалих не надходило."),
        ("ru", "Информации о пострадавших не поступало."),
    ],
)
def test_no_news_of_casualties_is_unknown(lang: str, text: str) -> None:
    """ "No information about the injured" alone is unknown (NULL), never a zero (a report of
    neither deaths nor injuries is labelling rule 4's zero: tests/bulletins/test_review19.py)."""
    assert [(r[2], r[3]) for r in rows(ZERO_HEADS[lang] + text, lang)] == [(None, None)]


@pytest.mark.parametrize(
    ("lang", "text", "injured"),
    [
        ("uk", "травня", None),  # a month: "4 травня" is a date, not four people
        ("uk", "травмовані", 4),  # the same four letters start "injured"
    ],
)
def test_month_stem_is_not_an_injury_word(lang: str, text: str, injured: object) -> None:
    sentence = (
        f"{UK_HEAD}4 травня поранено жінку." if injured is None else f"{UK_HEAD}{text} 4 особи."
    )
    want = [(None, 1)] if injured is None else [(None, injured)]
    assert [(r[2], r[3]) for r in rows(sentence, lang)] == want


def test_lexicon_tables_do_not_hang() -> None:
    units = {
        "collective numbers": "загинули одинадцятеро людей, травмувалися 4 особи, ",
        "both halves negated": "Ніхто не загинув і не постраждав. ",
        "months and injuries": "4 травня травмовані 4 травмовані ",
    }
    assert finished(units, lang="uk") == list(units)


#: Kin nouns as people, a parent's children not counted, "taken to hospital" as injured.
KIN_AND_HOSPITAL = [
    ("uk", UK_HEAD + "загинули батько і син.", 2, None),
    ("ru", RU_HEAD + "погибли мать и сын.", 2, None),
    ("uk", UK_HEAD + "поранено брата і сестру.", None, 2),
    ("ru", RU_HEAD + "погибла мать двоих детей.", 1, None),
    ("uk", UK_HEAD + "загинула мати трьох дітей.", 1, None),
    ("en", EN_HEAD + "A mother of two was killed.", 1, None),
    ("en", EN_HEAD + "A father of three was wounded.", None, 1),
    ("ro", RO_HEAD + "O mamă a fost ucisă.", 1, None),
    ("en", EN_HEAD + "Twelve people were taken to hospital.", None, 12),
    ("en", EN_HEAD + "A man was killed and three people were taken to hospital.", 1, 3),
    ("ru", RU_HEAD + "в больницу доставлены три человека.", None, 3),
    ("uk", UK_HEAD + "до лікарні доправили двох людей.", None, 2),
    ("ro", RO_HEAD + "Trei persoane au fost transportate la spital.", None, 3),
    # the hospitalised are some of the injured, not more of them
    ("en", EN_HEAD + "Five people were injured, two were taken to hospital.", None, 5),
    ("uk", UK_HEAD + "поранено п'ятьох людей, трьох доставили до лікарні.", None, 5),
]


@pytest.mark.parametrize(("lang", "text", "killed", "injured"), KIN_AND_HOSPITAL)
def test_kin_and_taken_to_hospital(lang: str, text: str, killed: object, injured: object) -> None:
    assert [(r[2], r[3]) for r in rows(text, lang)] == [(killed, injured)]
