"""Review fixes after round 19 (issue 11): zeros that were no zeros, hospital stories that were
no injuries, Romanian "cu" read as "mother of".

Every sentence is invented. Each expected figure is the number of people the sentence names
(counted by hand), or ``None`` where the sentence does not say (unknown is NULL, never 0).
"""

from __future__ import annotations

import pytest

from analytics.bulletins.casualties import read_casualties
from analytics.bulletins.numbers import fold
from tests.bulletins.hang import finished
from tests.bulletins.rows import rows

#: A strike that damaged a house: an incident of its own, with no toll told.
HEADS = {
    "uk": "Увечері ворог атакував Ніжин дронами, пошкоджено будинок. ",
    "ru": "Вечером враг атаковал Нежин дронами, поврежден дом. ",
    "en": "In the evening Russian drones attacked Nizhyn, damaging a house. ",
    "ro": "Seara, dronele rusești au atacat orașul Cernihiv și au avariat o casă. ",
}


def tolls(text: str, lang: str) -> list[tuple[object, object]]:
    """(killed, injured) of each accepted incident of ``text``."""
    return [(r[2], r[3]) for r in rows(text, lang)]


# --- 1. No report of one kind is unknown; of both kinds ("casualties", "victims") a zero of
# both (labelling rule 4, as round 20's no_reports reads it); "no civilians were injured" is
# the injured only


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "There was no report of injuries."),
        ("uk", "Повідомлень про постраждалих не надходило."),
        ("uk", "Наразі не надходило повідомлень про постраждалих."),
        ("ru", "Сообщений о пострадавших не поступало."),
    ],
)
def test_no_reports_of_one_kind_is_unknown(lang: str, text: str) -> None:
    assert tolls(HEADS[lang] + text, lang) == [(None, None)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "There were no reports of casualties so far."),
        ("uk", "Відомостей про загиблих або постраждалих не надходило."),
        ("ru", "Сведений о погибших и пострадавших не поступало."),
        ("ro", "Deocamdată nu există informații despre victime."),
    ],
)
def test_no_reports_of_both_kinds_is_a_zero_of_both(lang: str, text: str) -> None:
    assert tolls(HEADS[lang] + text, lang) == [(0, 0)]


def test_no_reports_of_injuries_leaves_the_injured_unknown() -> None:
    text = "A Russian drone struck a house in Odesa on Sunday. One person was killed, with no "
    assert tolls(text + "reports of injuries.", "en") == [(1, None)]


def test_no_civilians_injured_says_nothing_of_the_dead() -> None:
    text = (
        "A Russian missile struck Kharkiv on Sunday. No civilians were injured, but the number "
        "of dead is being established."
    )
    assert tolls(text, "en") == [(None, 0)]
    reading = read_casualties(fold("No civilians were hurt."), "en")
    assert (reading.no_killed, reading.no_injured) == (False, True)


def test_soldiers_killed_no_civilians_injured() -> None:
    reading = read_casualties(
        fold("Three soldiers were killed in Donetsk; no civilians were injured."), "en"
    )
    assert (reading.killed.value if reading.killed else None, reading.no_injured) == (3, True)
    assert not reading.no_killed


@pytest.mark.parametrize(
    ("lang", "zero"),
    [
        ("en", "No one was killed or injured."),
        ("en", "No civilians were injured or killed."),
        ("uk", "Ніхто не загинув і не постраждав."),
        ("uk", "Ніхто не постраждав і не загинув."),
        ("ru", "Никто не погиб и не пострадал."),
        ("ro", "Nimeni nu a fost ucis sau rănit."),
        ("ro", "Nimeni nu a fost rănit sau ucis."),
    ],
)
def test_doubly_negated_zero_is_still_zero(lang: str, zero: str) -> None:
    """Controls: both halves negated, one of them a death: both figures are zero."""
    assert tolls(HEADS[lang] + zero, lang) == [(0, 0)]


def test_both_halves_injuries_rule_out_no_death() -> None:
    """ "No civilians were injured or wounded" negates two injury words: the dead unknown."""
    reading = read_casualties(fold("No civilians were injured or wounded."), "en")
    assert (reading.no_killed, reading.no_injured) == (False, True)


# --- 2. "Taken to hospital" is an injury only when the sentence names no other cause


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Russian drones attacked Odesa overnight, damaging a warehouse. Separately, two "
            "elderly residents were taken to hospital with heatstroke in Odesa on Sunday.",
        ),
        ("uk", HEADS["uk"] + "Окремо двох літніх людей доставили до лікарні з інсультом."),
        ("ru", HEADS["ru"] + "Отдельно двух пожилых людей доставили в больницу с инсультом."),
        (
            "ro",
            HEADS["ro"] + "Separat, două persoane în vârstă au fost transportate la spital cu "
            "insolație.",
        ),
    ],
)
def test_hospital_for_another_cause_is_no_injury(lang: str, text: str) -> None:
    assert tolls(text, lang) == [(None, None)]


def test_hospital_checkups_make_no_incident() -> None:
    text = (
        "Russian shelling hit Kherson on Sunday. Five people were brought to the city hospital "
        "for checkups, officials said."
    )
    assert tolls(text, "en") == []


@pytest.mark.parametrize(
    ("lang", "text", "injured"),
    [
        ("en", "Three people were taken to hospital with shrapnel wounds.", 3),
        ("en", "Four people were taken to hospital for treatment.", 4),
        ("en", "Two people were taken to hospital.", 2),
        ("uk", "Трьох людей доставили до лікарні з пораненнями.", 3),
        ("ru", "Трех человек доставили в больницу с ранениями.", 3),
        ("ro", "Trei persoane au fost transportate la spital cu răni.", 3),
        ("ro", "Două persoane au fost transportate la spital.", 2),
    ],
)
def test_hospital_after_a_strike_is_an_injury(lang: str, text: str, injured: int) -> None:
    """Controls: a cause of harm, a neutral purpose, or no cause at all after a strike."""
    assert tolls(HEADS[lang] + text, lang) == [(None, injured)]


# --- 3. Romanian "cu" is "with": "o mamă cu doi copii" are three people


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("O mamă cu doi copii au fost uciși.", 3),
        ("Au fost uciși o mamă cu doi copii.", 3),
        ("Un tată cu trei copii au fost uciși.", 4),
        ("A fost ucisă o mamă a doi copii.", 1),  # control: the mother-of form
    ],
)
def test_romanian_parent_with_children(text: str, killed: int) -> None:
    assert tolls(HEADS["ro"] + text, "ro") == [(killed, None)]


def test_review19_rules_do_not_hang() -> None:
    units = {
        "hospital causes": "two were taken to hospital with heat, ",
        "no reports": "no reports of casualties, no civilians were injured or ",
    }
    assert finished(units, lang="en") == list(units)
