"""Romanian press forms, raions named by their centre, Russian compounds and designated names
(gazetteer round 25), on invented text, with controls that must not change."""

from __future__ import annotations

import pytest

from analytics.reference.oblasts import find_oblasts
from analytics.reference.press_forms import romanian_form, russian_compound_forms
from analytics.reference.settlements import lookup, resolve_raion, resolve_settlement


@pytest.mark.parametrize(
    ("cyrillic", "russian", "romanian"),
    [
        ("Буча", False, "Bucea"),  # ч before a: "ce"
        ("Чернігів", False, "Cernihiv"),  # ч before і: "c"
        ("Бровари", False, "Brovarî"),  # Ukrainian и: "î"
        ("Очаків", False, "Oceakiv"),
        ("Харків", False, "Harkiv"),  # х: "h"
        ("Житомир", False, "Jîtomîr"),  # ж: "j", и: "î"
        ("Житомир", True, "Jitomir"),  # the Russian name: и is "i"
        ("Щастя", False, "Șciastia"),  # щ: "șci"
        ("Запорожье", True, "Zaporojie"),  # Russian "ье": "ie"
        ("Чигирин", False, "Cihîrîn"),  # чи: "ci"
        ("Ивано-Франковск", True, "Ivano-Frankovsk"),
    ],
)
def test_romanian_form_follows_romanian_spelling(
    cyrillic: str, russian: bool, romanian: str
) -> None:
    assert romanian_form(cyrillic, russian=russian) == romanian


@pytest.mark.parametrize(
    ("written", "latin"),
    [
        ("Zaporojie", "Zaporizhzhia"),  # from the Russian name "Запорожье"
        ("Zaporojiei", "Zaporizhzhia"),  # its genitive
        ("Bucea", "Bucha"),
        ("Cernihiv", "Chernihiv"),
        ("Brovarî", "Brovary"),
    ],
)
def test_romanian_press_forms_find_the_city(written: str, latin: str) -> None:
    found = resolve_settlement(written)
    assert found is not None and found.latin == latin


@pytest.mark.parametrize(
    ("sentence_name", "raion"),
    [("Brovarî", "Brovarskyi"), ("Bucea", "Buchanskyi"), ("Cernihiv", "Chernihivskyi")],
)
def test_romanian_raion_named_by_its_town(sentence_name: str, raion: str) -> None:
    # "în raionul Brovarî", "raionului Bucea": the raion of the town the name denotes
    row = resolve_raion(sentence_name)
    assert row is not None and row.category == "P" and row.latin == raion


def test_romanian_form_of_a_shared_village_stays_unplaced() -> None:
    # "satul Cerneșcina": villages Чернещина of three oblasts; never guessed
    assert len({s.oblast for s in lookup("Cerneșcina")}) > 1
    assert resolve_settlement("Cerneșcina") is None
    assert resolve_raion("Cerneșcina") is None
    placed = resolve_settlement("Cerneșcina", oblasts={"UA-71"})
    assert placed is not None and placed.oblast == "UA-71"


def test_known_latin_spellings_unchanged() -> None:
    # controls: KMU and English forms resolve as before the Romanian tier
    for name, latin in [
        ("Zaporizhzhia", "Zaporizhzhia"),
        ("Bucha", "Bucha"),
        ("Kupiansk", "Kupiansk"),
    ]:
        found = resolve_settlement(name)
        assert found is not None and found.latin == latin
    assert resolve_settlement("Ivanivka") is None


@pytest.mark.parametrize(
    "text",
    [
        "Un atac în raionul Kramatorsk a ucis doi oameni.",
        "O dronă a lovit raionului Kramatorsk.",
        "Удар по Краматорському району.",
        "В Краматорском районе погибли двое.",
        "Shelling of Kramatorsk district killed two.",
    ],
)
def test_city_form_around_a_raion_noun_is_no_city(text: str) -> None:
    # the raion is a unit of its own: the city's form there is left to the raion rule
    assert [m for m in find_oblasts(text) if m.method == "city"] == []


@pytest.mark.parametrize(
    "text",
    ["Ракета влучила в Краматорськ.", "A missile hit Kramatorsk on Monday.", "Atac la Kramatorsk."],
)
def test_city_alone_still_found(text: str) -> None:
    assert [m.code for m in find_oblasts(text)] == ["UA-14"]


def test_raions_named_by_their_centres_are_distinct() -> None:
    # "raionul Kramatorsk", "raionul Bahmut": two raions of one oblast, not one place
    a, b = resolve_raion("Kramatorsk"), resolve_raion("Bahmut")
    assert a is not None and b is not None
    assert a.oblast == b.oblast == "UA-14" and a.katottg != b.katottg
    assert a.category == b.category == "P"


@pytest.mark.parametrize(
    ("ukrainian", "russian"),
    [
        ("Куп'янськ-Вузловий", "Купянск-Узловой"),  # prothetic "в" dropped, "-ий" -> "-ой"
        ("Нова Каховка", "Новая Каховка"),  # adjective "-а" -> "-ая" before the noun
        ("Часів Яр", "Часов Яр"),  # "-ів" -> "-ов"
        ("Велика Новосілка", "Великая Новосилка"),
    ],
)
def test_russian_compound_forms_part_by_part(ukrainian: str, russian: str) -> None:
    assert russian in russian_compound_forms(ukrainian)


def test_russian_compound_forms_leave_single_names() -> None:
    assert russian_compound_forms("Іванівка") == ()
    assert "Каховкая" not in " ".join(russian_compound_forms("Нова Каховка"))


def test_designated_name_is_the_village() -> None:
    # "село Берлин": the designator says it is a settlement of Ukraine, not the capital
    assert resolve_settlement("Берлин") is None
    found = resolve_settlement("Берлин", designated=True)
    assert found is not None and found.latin == "Berlyn" and found.category == "C"


def test_designator_does_not_place_a_shared_name() -> None:
    # control: "село Іванівка" names villages of many oblasts; still None
    assert resolve_settlement("Іванівка", designated=True) is None
