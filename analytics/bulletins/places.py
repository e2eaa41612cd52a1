"""Place mentions in bulletin sentences: oblasts through the gazetteer, settlements as written.

:func:`find_places` scans one sentence with :func:`analytics.reference.oblasts.find_oblasts` and keeps,
for each mention, the oblast code, the text as written and, when the mention names a city or
town rather than a region ("у Харкові", "in Kupiansk", "la Harkov"), the settlement. Case
forms the gazetteer lacks ("Херсоне", "Херсонщине", "Harkovului") are retried in their base
form, and settlements the gazetteer does not know are taken from explicit markers ("the
village of X", "у селі X", "в селе X", "satul X"), from a sentence-initial locative ("In X,",
"У X", "По X") or from a strike word ("attack on X", "обстрілу X"), with no oblast: an oblast
is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import analytics.bulletins.gates as gates
from analytics.bulletins.numbers import fold
from analytics.bulletins.place_units import find_units, raion_named
from analytics.bulletins.rivers24 import drop_rivers
from analytics.bulletins.romanian22 import oblique_city
from analytics.bulletins.spans import SpanSet
from analytics.reference.oblasts import find_oblasts
from analytics.reference.settlements import (
    Settlement,
    lookup,
    resolve_city,
    resolve_in_oblast,
    resolve_raion,
    resolve_settlement,
)
from analytics.reference.units import hromadas_in_raions

__all__ = [
    "Place",
    "canonical_place",
    "find_places",
    "normalize_settlement",
    "same_settlement",
]

_CITY_NEXT = re.compile(
    r"^[\s,]*(?:governor|regional|region|oblast|province|military administration|district|raion"
    r"|губернатор|голова|ова|ода|обл|район|губернатор|regiun|judet|raionul|guvernator"
    r"|hromada|громад|общин|(?:territorial )?community|comunitat)",
    re.IGNORECASE,
)
#: The gazetteer reads "Kyiv" before "Regional ..." as the city; a region word after the
#: name makes it the oblast (Kyiv is the one city whose code differs from its oblast's).
_REGION_NEXT = re.compile(r"^[\s,]*(?:regional|region|oblast|обласн|област|regiun|judet)", re.I)
_KYIV_CITY, _KYIV_OBLAST = "UA-30", "UA-32"
#: A raion word after a gazetteer name: "Nikopol district", "Нікополь район" is the raion.
_RAION_NEXT = re.compile(r"^\s+(?:district|raion|район)", re.I)
#: Codes that are a city: a mention of them names the settlement too.
_CITY_CODES = {"UA-30": "Kyiv", "UA-40": "Sevastopol"}
#: Ukraine's capital named by its role: Kyiv city ("capitala ucraineană", "столицю України").
_CAPITAL_RE = re.compile(
    r"\b(?:the ukrainian capital|ukraine's capital|capital of ukraine|capitala ucrainean[aă]"
    r"|capitalei ucrainene|capital(?:a|ei) ucrainei)\b|(?<!\w)(?:українськ\w* столиц\w*|украинск\w* столиц\w*"
    r"|столиц[яіюе]\w* україни|столиц[аыеуой]\w* украины)",
    re.I,
)
_REGION_WORD = re.compile(r"region|oblast|област|regiun|щин|ськ|ской|ского|ських|ская", re.I)
_SETTLEMENT_RE = re.compile(
    r"(?:\b(?:village|town|city|settlement|hamlet|community) of|(?<!\w)(?:сел[оіау]|селом|селищ[еіау]"
    r"|міст[оіа]|місті|смт|с\.|сел\.|с-ще|м\.|селі|громад[аиі]|селе|поселк[еау]|посёлк[еау]|посел[оё]к|город[еау]?|пгт|г\."
    r"|деревн[ея])|\b(?:satul|localitatea|orașul|orasul|oraşul|comuna|comunei|localităţii"
    r"|localității|satului|orașului|orasului|comunitatea|comunității))\s+(?P<name>[A-ZА-ЯІЇЄҐȘŞȚĂÂÎ][\w'’ʼ-]+"
    r"(?:[ -][A-ZА-ЯІЇЄҐȘŞȚĂÂÎ][\w'’ʼ-]+)?)"
)


#: A capitalised name the gazetteer does not know, right after a sentence-initial locative
#: ("In Orikhiv,", "У Станіславі", "В Степногорске", "По Марганцю") or after a strike word
#: ("a drone attack on Stepnohirsk", "обстрілу Білозерки", "удару по Марганцю").
def _name(group: str) -> str:
    return (
        rf"(?P<{group}>[A-ZА-ЯІЇЄҐȘŞȚĂÂÎ][a-zа-яіїєґșşțăâî'’ʼ-]{{2,}}"
        r"(?:-[A-ZА-ЯІЇЄҐ][\w'’ʼ-]+)?)"
    )


_LOCATIVE_RE = re.compile(
    r"(?:^|(?<=[.:;!?—–]\s))\s*(?:In|At|Near|У|В|Во|Під|Біля|Под|Около|По|În|La|Lângă)\s+"
    + _name("a")
    + r"|\b(?:attacks?|strikes?|shelling|bombing|attacked|struck|shelled|hit)(?: [a-z-]+){0,3}"
    r" (?:on |of |in )?"
    + _name("b")
    + r"|(?:обстріл|удар|атак|обстрел)\w*\s+(?:по\s+)?"
    + _name("c")
)
#: The second word of a two-word settlement name ("Velykyi Burluk", "Кривому Розі").
_SECOND_WORD = re.compile(r" [A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’ʼ-]{2,}")
_NOT_PLACE = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|ukrain|russia|telegram|kremlin"
    r"|moscow|washington|brussels|europe|росі|україн|telegram|москв|кремл|київщин|ucrain|rusi"
    r"|mosc|січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листоп|груд|январ|феврал|март"
    r"|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|понеділ|вівтор|серед|четвер"
    r"|п.ятниц|субот|неділ|воскрес|ianuarie|februarie|martie|aprilie|mai|iunie|iulie|august"
    r"|septembrie|octombrie|noiembrie|decembrie|luni|marti|miercuri|joi|vineri|sambata|duminica)",
    re.IGNORECASE,
)
#: A raion named by its centre's adjective or name: "Kupiansk raion", "Купянский район",
#: "Куп'янському районі", "raionul Kupiansk", "Nikopol district".
_RAION_RE = re.compile(
    r"(?<![\w'’ʼ-])(?P<a>[A-ZА-ЯІЇЄҐȘȚ][\w'’ʼ-]{2,40})\s+(?:raion|district|район|районі|района|районе"
    r"|районом|району|районах|районів|районов|raionul|raionului)\b"
    r"|\b(?:raionul|raionului|districtul|districtului)\s+(?P<b>[A-ZȘȚĂÂÎ][\w-]{2,})"
)
#: An English possessive after a name ("Kharkiv's"), blanked for the gazetteer, and one right
#: before a district's name ("Kharkiv's Kyivskyi district": a district of the city).
_POSSESSIVE = re.compile(r"(?<=[A-Za-z])['’]s\b")
_POSSESSED = re.compile(r"['’]s\s+$")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


_CITY_DISTRICT = re.compile(r"\s+(?:of|in|міста|города|orașului|orasului|din)\b")
_MEDIA_NEXT = re.compile(r"^[\s-]*(?:Independent|Post|Pravda)\b")
#: Words right before a gazetteer name that make it the city: a preposition or "city of".
_LOC_BEFORE = re.compile(
    r"(?:\bin|\bîn|\bla|\bdin|\bу|\bв|\bпід|\bпо|near|\bunder|city of|town of"
    r"|orașului|orasului|oraşului|orașul|orasul|міста|місто|города|город)\s*$"
)
#: The second of two places after one preposition or a word for cities: "în Kiev și Harkov",
#: "in Kyiv and Kharkov", "orașe ucrainene, Kiev și Harkov".
_LOC_PAIR_BEFORE = re.compile(
    r"(?:\bin|\bîn|\bla|\bу|\bв|(?:\bcities|\btowns|\bora[sşș]e\w*|\bміст\w*|\bгород\w*)"
    r"[\w\s]{0,20},?)\s+[\w'’ʼ-]+\s+(?:and|și|şi|si|і|й|та|и)\s*$"
)
#: A region designator inside a matched span ("regiunea Harkiv"), not an adjective ending.
_REGION_DESIG = re.compile(r"region|oblast|област|regiun", re.I)
_DESIG_BEFORE = re.compile(
    r"(?:(?<!\w)(?:с|сел|м|смт|пгт)\.|(?<!\w)(?:село|селі|села|селе)|village of|satul)\s*$"
)
_RAION_BEFORE = re.compile(r"(?:raionul|raionului|district of|districtul|districtului)\s*$", re.I)
#: A name the gazetteer may know, after a preposition inside a sentence ("shelled near X",
#: "загинув у X", "возле X"); kept only when the settlement gazetteer holds it.
_PREP_RE = re.compile(
    r"(?<!\w)(?:in|near|outside|at|у|в|біля|поблизу|під|около|возле|под|по|на|în|la|lângă|langa"
    r"|oblast['’]s|region['’]s)\s+"
    r"(?P<n>[A-ZА-ЯІЇЄҐȘŞȚĂÂÎ][a-zа-яіїєґșşțăâî'’ʼ-]{2,}(?:[ -][A-ZА-ЯІЇЄҐ][\w'’ʼ-]+)?)"
)
#: A name opening a sentence as the subject of a verb of being hit: "Марганець потрапив під
#: обстріл", "Никополь подвергся атаке", "Nikopol came under fire", "Orașul X a fost lovit";
#: kept only when the settlement gazetteer holds it.
_SUBJECT_RE = re.compile(
    r"(?:^|(?<=[.:;!?—–]\s))\s*(?P<n>[A-ZА-ЯІЇЄҐȘŞȚĂÂÎ][a-zа-яіїєґșşțăâî'’ʼ-]{2,}"
    r"(?: [A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’ʼ-]{2,})?)\s+(?:(?:знову|снова|again|din nou|вновь|вкотре)\s+)?"
    r"(?:потрапи\w*|опини\w*|попал\w*|подверг\w*|зазна\w*"
    r"|(?:came|comes|was|were)\s+(?:\w+\s+)?(?:under|hit|struck|shelled|attacked|targeted|bombed)"
    r"|(?:a|au) fost\s+(?:\w+\s+)?(?:lovit|atacat|bombardat|tint|țint|vizat|sub))"
)
_LISTED = re.compile(r"^\s*,\s*[A-ZА-ЯІЇЄҐȘȚ][\w'’ʼ-]+\s*(?:,|\b(?:and|і|та|и|și|si)\b)")
_RO_OBLIQUE = re.compile(r"\b([A-ZȘȚĂÂÎ][a-zșțăâî]{2,})(ului|ul|ei)\b")
_CYR_WORD = re.compile(r"\b[А-ЯІЇЄҐ][а-яіїєґ'’ʼ-]{3,}\b")
_CYR_ENDINGS = (("е", ("", "а")), ("і", ("", "а")), ("у", ("", "а")), ("ом", ("",)),
                ("ой", ("а",)), ("ою", ("а",)), ("а", ("",)), ("и", ("а",)),
                ("ю", ("я",)))  # fmt: skip

#: A genitive adjective after a settlement's name and the unit it qualifies: "Дарʼївка
#: Херсонського району", "Вільхуватка Нововодолазької громади", "Очаков Николаевской области".
_UNIT_ADJ = re.compile(
    r"\s+(?P<adj>[А-ЯІЇЄҐ][\w'’ʼ-]*(?:ського|ської|цького|цької|зького|зької|ского|ской|цкого|цкой"
    r"|ського|ської))$"
)
_UNIT_NEXT = re.compile(r"\s+(?P<unit>район|громад|област|обл\.|ОВА|ОГА|округ)", re.I)
#: A word qualifying a unit, not a town: "Покровской громады", "Славянской, Межевской громадах".
_UNIT_AFTER = re.compile(
    r"(?:[\s,]+(?:і|и|та|[А-ЯІЇЄҐ][\w'’ʼ-]*)){0,3}?[\s,]+(?:громад|hromad|communit)", re.I
)
#: The rest of a list of places that a unit word closes: "Marhanets and Pokrov hromadas".
_UNIT_LIST = re.compile(
    r"(?:\s*(?:,|and|і|та|и|și|si)\s*[A-ZА-ЯІЇЄҐȘȚ][\w'’ʼ-]{0,40}){1,8}\s+(?:hromadas|communities|громад"
    r"|общин|comunitățile|comunitatile)"
)
_UNIT_RIGHT_AFTER = re.compile(r"\s+(?:громад|общин|hromad)", re.I)
#: Words around a gazetteer city that may make a longer settlement name: "Куп'янськ-Вузловий",
#: "Cherkaska Lozova".
_ADJ_STEM = re.compile(r"(?:ськ|цьк|зьк|ск|цк)$")
_NAME_AFTER = re.compile(r"-[A-ZА-ЯІЇЄҐ][\w'’ʼ]+")
_NAME_BEFORE = re.compile(r"(?<![\w'’ʼ-])[A-ZА-ЯІЇЄҐ][\w'’ʼ]+ $")


@dataclass(frozen=True)
class Place:
    """A place mention: oblast code, text as written, settlement, and the raion named with it.

    ``unit`` names the raion or hromada a mention with no settlement is about ("Nikopolskyi"
    for "Nikopol district" and "Нікопольщина", "Nikopolskyi/Marhanets" for the hromada), so
    that two units of one oblast are two places.
    """

    code: str | None
    raw: str
    settlement: str | None
    raion: str | None = None
    unit: str | None = None


def find_places(text: str) -> list[Place]:
    out: list[Place] = []
    spans = SpanSet()  # claimed text: a sorted union, as comparing with each was quadratic
    out.extend(Place(u.code, u.raw, None, unit=u.unit) for u in hromadas_in_raions(text, spans))
    for hit in find_oblasts(_POSSESSIVE.sub(_blank, text)):  # "Kharkiv's": Kharkiv
        if hit.span is None:
            continue
        s, e = hit.span
        longer = _longer_name(text, s, e) if hit.method == "city" else None
        if longer is not None and not spans.overlaps(*longer):
            s, e = longer  # "Куп'янськ-Вузловий", "Cherkaska Lozova": a settlement of its own
            held = _gazetteer_oblasts(text[s:e])
            out.append(Place(held[0] if len(held) == 1 else None, text[s:e], text[s:e]))
            spans.add(s, e)
            continue
        raw = text[s:e]
        after = text[e : e + 40]
        # A gazetteer city match is a town even when it ends like a region adjective
        # ("Куп'янськ", "Краматорську"), unless a region word follows ("Kharkiv region").
        region_like = bool((_REGION_DESIG if hit.method == "city" else _REGION_WORD).search(raw))
        bare = (
            not region_like
            and not _CITY_NEXT.match(after)
            and not _RAION_BEFORE.search(text[max(0, s - 14) : s])
        )
        if _MEDIA_NEXT.match(after):
            continue  # "Kyiv Independent", "Kyiv Post": a newspaper, not a place
        if hit.method != "city" and _DESIG_BEFORE.search(text[max(0, s - 12) : s]):
            continue  # "с. Черкаська Лозова": a settlement named after a region, not the region
        before = text[max(0, s - 12) : s].lower()
        loc = _LOC_BEFORE.search(before) or _LOC_PAIR_BEFORE.search(
            text[max(0, s - 40) : s].lower()
        )
        listed = _LISTED.match(after) or _UNIT_LIST.match(text, e)  # "Херсон, Білозерка,
        # Станіслав", "Marhanets and Pokrov hromadas": no single settlement
        city = (
            bare
            and not listed
            and (hit.method == "city" or (hit.method in {"exact", "alias"} and bool(loc)))
        )
        name = raw[len(raw) - len(_DESIGNATOR.sub("", fold(raw))) :] if city else None
        code = hit.code
        if code == _KYIV_CITY and _REGION_NEXT.match(after):
            code, name = _KYIV_OBLAST, None  # "Kyiv Regional Military Administration"
        elif code in _CITY_CODES:
            name = _CITY_CODES[code]  # "Kievul", "Киев пережил": the code is the city itself
        unit_row = raion_named(raw) if name is None and _RAION_NEXT.match(after) else None
        out.append(Place(code, raw, name, unit=unit_row.latin if unit_row else None))
        spans.add(s, e)
    for m in _CAPITAL_RE.finditer(text):
        if not spans.overlaps(*m.span()):
            out.append(Place(_KYIV_CITY, m.group(), _CITY_CODES[_KYIV_CITY]))
            spans.add(*m.span())
    for m in gates.finditer(_RO_OBLIQUE, text):  # "Harkovului", "Odesei": oblique Romanian forms
        s, e = m.span()
        if spans.overlaps(s, e):
            continue
        stem, ending = m.group(1), m.group(2)
        for guess in [stem] if ending.startswith("ul") else [stem + "a", stem + "e"]:
            found = [x for x in find_oblasts(guess) if x.span == (0, len(guess))]
            if found:
                is_town = found[0].code in _gazetteer_oblasts(guess)  # a city, not "Crimeei"
                town = _CITY_CODES.get(found[0].code) or (
                    oblique_city(text, s, ending, guess) if is_town else None
                )
                out.append(Place(found[0].code, m.group(), town))
                spans.add(s, e)
                break
    for m in _CYR_WORD.finditer(text):  # case forms the gazetteer lacks: "Херсоне", "Херсонщине"
        s, e = m.span()
        if spans.overlaps(s, e):
            continue
        if _UNIT_AFTER.match(text, e, min(len(text), e + 60)):
            continue  # "Покровской громады": a hromada's adjective, not the town Pokrovsk
        place = _oblique_cyrillic(m.group())
        if place is not None:
            after = text[e : e + 40]
            bare = not _REGION_WORD.search(m.group()) and not _CITY_NEXT.match(after)
            name = _CITY_CODES.get(place, m.group()) if bare else None
            out.append(Place(place, m.group(), name))
            spans.add(s, e)
    for m in gates.finditer(_LOCATIVE_RE, text):  # names the gazetteer does not know
        group = m.lastgroup or "a"
        s, e = m.span(group)
        name = m.group(group).rstrip("'’ʼ-")
        two = _SECOND_WORD.match(text, e)
        if two is not None and _gazetteer_oblasts(name + two.group()):
            name, e = name + two.group(), two.end()  # "strike on Velykyi Burluk"
        after = text[e : e + 30]
        if spans.overlaps(s, e) or _NOT_PLACE.match(fold(name)):
            continue
        if _UNIT_RIGHT_AFTER.match(text, e):
            continue  # "У Марганецькій громаді": a hromada (see ``place_units``)
        if _CITY_NEXT.match(after) or _REGION_WORD.search(name) or find_oblasts(name):
            continue
        out.append(Place(None, name, name))
        spans.add(s, e)
    for m in gates.finditer(_SETTLEMENT_RE, text):
        s, e = m.span("name")
        name, raion = _unit_split(text, s, m.group("name").rstrip("'’ʼ-"))
        e = s + len(name)
        if spans.overlaps(s, e):
            continue
        # only a match of the whole name: "Черкаська" in "с. Черкаська Лозова" is no oblast
        codes = {x.code for x in find_oblasts(name) if x.span == (0, len(name))}
        out.append(Place(codes.pop() if len(codes) == 1 else None, name, name, raion))
        spans.add(s, e)
    _raions_and_villages(text, spans, out)
    out.extend(Place(u.code, u.raw, None, unit=u.unit) for u in find_units(text, spans))
    return drop_rivers(text, out)  # "the Dnipro estuary": a river, not the city


def _raions_and_villages(text: str, spans: SpanSet, out: list[Place]) -> None:
    """Raions through the gazetteer, and gazetteer settlements after a preposition."""
    for m in gates.finditer(_RAION_RE, text):
        group = "a" if m.group("a") else "b"
        s, e = m.span(group)
        if spans.overlaps(s, e):
            continue
        if _CITY_DISTRICT.match(text, m.end()) or _POSSESSED.search(
            text, max(0, m.start() - 6), m.start()
        ):
            continue  # "the Dniprovskyi district of Kherson", "Kharkiv's Kyivskyi district"
        row = raion_named(m.group(group))
        if row is not None:
            out.append(Place(row.oblast, m.group(), None, unit=row.latin))
            spans.add(m.start(), m.end())
    for m in gates.finditer(_SUBJECT_RE, text):  # "Марганець потрапив під обстріл"
        s, e = m.span("n")
        if not spans.overlaps(s, e) and _gazetteer_oblasts(m.group("n")):
            out.append(Place(None, m.group("n"), m.group("n")))
            spans.add(s, e)
    for m in gates.finditer(_PREP_RE, text):
        s = m.start("n")
        name, raion = _unit_split(text, s, m.group("n").rstrip("'’ʼ-"))
        e = s + len(name)
        if spans.overlaps(s, e) or _NOT_PLACE.match(fold(name)) or _CITY_NEXT.match(text[e:]):
            continue
        elided = _elided_raion(text, s, name)
        if elided is not None:  # "у Куп'янському районі ..., в Ізюмському": a raion
            out.append(Place(elided.oblast, name, None, unit=elided.latin))
            spans.add(s, e)
        elif _gazetteer_oblasts(name):
            out.append(Place(None, name, name, raion))
            spans.add(s, e)


_RAION_ADJ = re.compile(r"(?:ському|цькому|зькому|ськім|ском|цком)$")
_RAION_WORD = re.compile(r"район|raion|district", re.I)


def _elided_raion(text: str, start: int, name: str) -> Settlement | None:
    """The raion named by its adjective alone after another raion ("в Ізюмському").

    Only a locative adjective whose stem is a raion's, with a raion named in the 200
    characters before it: "у Куп'янському районі пошкоджено будинок, в Ізюмському - авто".
    """
    if " " in name or not _RAION_ADJ.search(name):
        return None
    if not _RAION_WORD.search(text, max(0, start - 200), start):
        return None
    return resolve_raion(name)


def _unit_split(text: str, start: int, name: str) -> tuple[str, str | None]:
    """A settlement's name without the unit adjective after it, and the raion that names.

    "Дарʼївка Херсонського району" gives ("Дарʼївка", "Херсонського"); "Вільхуватка
    Нововодолазької громади" gives ("Вільхуватка", None): a hromada is not a raion.
    """
    m = _UNIT_ADJ.search(name)
    if m is None:
        return name, None
    unit = _UNIT_NEXT.match(text, start + len(name), min(len(text), start + len(name) + 12))
    if unit is None:
        return name, None
    raion = m.group("adj") if unit.group("unit").lower().startswith("район") else None
    return name[: m.start()], raion


def _longer_name(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The span of a settlement name that contains a gazetteer city's ("Куп'янськ-Вузловий")."""
    after = _NAME_AFTER.match(text, e, min(len(text), e + 40))
    if after is not None and _gazetteer_oblasts(text[s : after.end()]):
        return s, after.end()
    before = _NAME_BEFORE.search(text, max(0, s - 40), s)
    if before is not None and _gazetteer_oblasts(text[before.start() : e]):
        return before.start(), e
    return None


@lru_cache(maxsize=8192)
def _gazetteer_oblasts(name: str) -> tuple[str, ...]:
    """The oblasts holding a settlement of this name (empty when the gazetteer lacks it)."""
    return tuple(sorted({s.oblast for s in lookup(name)}))


def canonical_place(place: Place, oblasts: frozenset[str]) -> Place:
    """The place with its settlement in KMU 2010 Latin and its oblast, when the gazetteer says.

    The name is tried whole, then by its first and last word ("Курганне Вільхуватської
    громади", "міста Херсон"), resolved by the place's own oblast or else by the oblasts its
    text names (:func:`analytics.reference.settlements.resolve_settlement`); a city of a known
    oblast is also matched by its consonants ("Запорожье", "Zaporojie"). A name the gazetteer
    does not hold at all (a person, a city district, an institution) is no settlement; a name
    it holds but cannot place is kept as written, with no oblast (never guessed).
    """
    if not place.settlement:
        return place
    wanted = frozenset({place.code}) if place.code else oblasts
    words = place.settlement.split()
    names = list(dict.fromkeys([place.settlement, words[0], words[-1]]))
    if _gazetteer_oblasts(place.settlement):
        names = names[:1]  # "Глибока Долина" held in several oblasts is not the town "Долина"
    only = place.code or (next(iter(oblasts)) if len(oblasts) == 1 else None)
    for name in names:
        found = _resolve(name, wanted, place.raion)
        if found is not None and (not place.code or found[1] == place.code):
            if only and found[1] != only:
                # A city of another oblast whose name a place of the text's oblast shares
                # ("Рубежное"): the oblast the text names decides.
                near = resolve_in_oblast(name, only)
                if near is not None and near.latin == found[0]:
                    return Place(only, place.raw, near.latin, place.raion)
            return Place(place.code or found[1], place.raw, found[0], place.raion)
    if only:
        for name in names:
            city = resolve_in_oblast(name, only)
            if city is not None:
                return Place(only, place.raw, city.latin)
    held = any(_gazetteer_oblasts(n) for n in names)
    if not place.code and not held:  # a name the gazetteer holds is not a city by consonants
        for name in names:
            city = resolve_city(name)
            # By consonants only where the text names no oblast or names the city's own:
            # "Залужне" in a Kharkiv text is not the town Zalizne of Donetsk oblast.
            if city is not None and (not oblasts or city.oblast in oblasts):
                return Place(city.oblast, place.raw, city.latin)
    if not held:
        return Place(place.code, place.raw, None)
    # A name the gazetteer holds in other oblasts only ("Залужне" in a Kharkiv text: a village
    # KATOTTG lists elsewhere): its oblast is not guessed, its name is written in KMU Latin
    # when every holder spells it alike.
    latins = {s.latin for n in names for s in lookup(n)}
    if len(latins) == 1:
        return Place(place.code, place.raw, latins.pop(), place.raion)
    return place


@lru_cache(maxsize=8192)
def _resolve(name: str, oblasts: frozenset[str], raion: str | None) -> tuple[str, str] | None:
    s = resolve_settlement(name, oblasts=oblasts, raion=raion)
    return None if s is None else (s.latin, s.oblast)


@lru_cache(maxsize=4096)
def _oblique_cyrillic(word: str) -> str | None:
    """Oblast code of a case form such as "Херсоне" (-> "Херсон"), if the base form is known."""
    for ending, repl in _CYR_ENDINGS:
        if not word.endswith(ending):
            continue
        if ending in {"ой", "ою"} and _ADJ_STEM.search(word[: -len(ending)]):
            continue  # "Покровской", "Покровською": an adjective, not the town "Покровськ"
        for r in repl:
            guess = word[: -len(ending)] + r
            found = [x for x in find_oblasts(guess) if x.span == (0, len(guess))]
            if len(found) == 1:
                return found[0].code
    return None


_DESIGNATOR = re.compile(
    r"^(?:the\s+)?(?:city|town|village|settlement) of\s+|^(?:м\.|с\.|сел\.|смт|г\.|місто|місті|село|селі"
    r"|город[еа]?|села|orasul|satul|municipiul|localitatea|comuna)\s*"
)


def normalize_settlement(settlement: str | None) -> str | None:
    """Lower-case, folded settlement name without designators ("city of", "м.", "orașul").

    Examples
    --------
    >>> normalize_settlement("city of Zaporizhzhia"), normalize_settlement("Орашул")
    ('zaporizhzhia', 'орашул')
    """
    if not settlement:
        return None
    name = _DESIGNATOR.sub("", fold(settlement).strip())
    return re.sub(r"[^\w]+", " ", name).strip() or None


def same_settlement(a: str | None, b: str | None) -> bool:
    """Settlements match when either is unknown or they share a stem ("харкові" ~ "харків")."""
    na, nb = normalize_settlement(a), normalize_settlement(b)
    if na is None or nb is None:
        return True
    k = max(3, min(len(na), len(nb)) - 2)
    return na[:k] == nb[:k]
