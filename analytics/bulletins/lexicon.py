"""Word lists for reading strike bulletins in English, Ukrainian, Russian and Romanian.

Everything here matches *folded* text (see :func:`analytics.bulletins.numbers.fold`: lower case,
Romanian letters without diacritics, ``ё`` -> ``е``, one apostrophe). Token patterns
(``*_TOKEN``) must match a whole token; phrase patterns (``*_RE``) search a folded sentence.
The lists are deliberately general (verb stems, all four languages at once) rather than
tuned to any one outlet's wording.
"""

from __future__ import annotations

import re
from typing import Final

import analytics.bulletins.gates as gates
from analytics.bulletins.spans import SpanSet
from analytics.bulletins.toll_lexicon import (
    EARLIER_TOLL_RE,
    HOSPITAL_DEATH_RE,
    NO_CASUALTIES_RE,
    NO_CIVILIANS_HURT_RE,
    NO_INJURED_RE,
    NO_KILLED_RE,
    TRANSFER_RE,
)

__all__ = [
    "LANGUAGES",
    "detect_language",
    "KILLED_TOKEN",
    "INJURED_TOKEN",
    "PERSON_TOKEN",
    "PERSON_SINGULAR",
    "INDEFINITE",
    "PERSON_DEFINITE_RO",
    "DEFINITE_BEFORE",
    "FILLER_TOKEN",
    "AGE_TOKEN",
    "SUBSET_AFTER",
    "INCLUSION_TOKEN",
    "ADDITIVE_TOKEN",
    "BARRIER_TOKEN",
    "AND_TOKEN",
    "ABSOLUTE_RE",
    "CORRECTION_RE",
    "RISE_TO_RE",
    "EARLIER_TOLL_RE",
    "TRANSFER_RE",
    "HOSPITAL_DEATH_RE",
    "NO_CASUALTIES_RE",
    "NO_KILLED_RE",
    "NO_CIVILIANS_HURT_RE",
    "NO_INJURED_RE",
    "HEDGE_RE",
    "STRIKE_RE",
    "EVENT_RE",
    "DAMAGE_RE",
    "NON_EVENT_RE",
    "CIVILIAN_RE",
    "CUMULATIVE_RE",
    "ATTACKER_LOSSES_RE",
    "PAST_DAY_RE",
    "WEAPONS",
    "TARGETS",
    "find_weapons",
    "find_target",
]

LANGUAGES: Final[tuple[str, ...]] = ("uk", "ru", "en", "ro")


def _tok(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern})")


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.UNICODE)


# --------------------------------------------------------------------------- language
_UK_LETTERS = set("іїєґ")
_RU_LETTERS = set("ыэъё")
_RO_LETTERS = set("ăâîșțşţ")


def _deleting(chars: set[str]) -> dict[int, None]:
    """A ``str.translate`` table deleting ``chars``: the count of them in a text is how much
    shorter it gets (one pass in C, not a Python loop over every character)."""
    return dict.fromkeys(map(ord, chars))


_CYRILLIC = _deleting({chr(c) for c in range(0x400, 0x500)})
_LATIN = _deleting({chr(c) for c in range(ord("a"), ord("z") + 1)} | _RO_LETTERS)
_UK_ONLY, _RU_ONLY, _RO_ONLY = map(_deleting, (_UK_LETTERS, _RU_LETTERS, _RO_LETTERS))


def _count(text: str, table: dict[int, None]) -> int:
    return len(text) - len(text.translate(table))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOP: Final[dict[str, frozenset[str]]] = {
    "uk": _words("що це та як від до також внаслідок було були він вона його її їх є"),
    "ru": _words("что это как от также результате было были он она его её их и не"),
    "en": _words(
        "the and of was were to is on that by with from at as have has in when after said "
        "people an its their"
    ),
    "ro": _words(
        "și si în de la cu care au fost din pentru că este sunt un o pe după asupra unei "
        "într-un iar"
    ),
}


def detect_language(text: str) -> str:
    """Guess the language of ``text``: ``"uk"``, ``"ru"``, ``"en"`` or ``"ro"``.

    Cyrillic text is Ukrainian or Russian by its characteristic letters (і ї є ґ against
    ы э ъ ё) and stopwords; Latin text is Romanian or English by diacritics (ă â î ș ț) and
    stopwords. Returns ``"und"`` when there are no letters at all.

    Examples
    --------
    >>> detect_language("Внаслідок атаки двоє людей загинули")
    'uk'
    >>> detect_language("В результате обстрела погибли двое мирных жителей")
    'ru'
    >>> detect_language("Două persoane au fost rănite în urma atacului")
    'ro'
    >>> detect_language("Two people were injured in the attack")
    'en'
    """
    low = text.lower()
    cyr = _count(low, _CYRILLIC)
    lat = _count(low, _LATIN)
    if cyr == 0 and lat == 0:
        return "und"
    words = re.findall(r"\w+", low)
    if cyr >= lat:
        uk = 3 * _count(low, _UK_ONLY)
        ru = 3 * _count(low, _RU_ONLY)
        uk += sum(1 for w in words if w in _STOP["uk"])
        ru += sum(1 for w in words if w in _STOP["ru"])
        # "і" is among the commonest Ukrainian letters: Cyrillic text without it is Russian.
        return "uk" if uk > ru else "ru"
    ro = 3 * _count(low, _RO_ONLY)
    ro += 2 * sum(1 for w in words if w in _STOP["ro"] and w not in _STOP["en"])
    en = 2 * sum(1 for w in words if w in _STOP["en"] and w not in _STOP["ro"])
    return "ro" if ro > en else "en"


# --------------------------------------------------------------------------- casualties
#: Words for dying or being killed (verbs, participles, nouns such as "загиблих", "morți").
KILLED_TOKEN: Final = _tok(
    r"kill(?:ed|ing|s)?|dead|died|dies|dying|deaths?|fatalit(?:y|ies)|fatally|perished|bodies"
    r"|toll|lives|life|загибел\w*|гибел\w*|жизн(?:и|ь|ей)|житт(?:я|ів)"
    r"|загин\w*|загибл\w*|вбит\w*|вбил\w*|вбива\w*|убит\w*|убил\w*|помер\w*|смерт\w*|жертв\w*"
    r"|тіла|тела|погиб\w*|скончал\w*|умер\w*|уби[вт]\w*"
    r"|murit|mort|morti|moarta|moarte|moartea|mortii|mortilor|ucis\w*|ucide\w*|decedat\w*|deces\w*"
    r"|omorat\w*|viata|vietile|ucigand\w*|omorand\w*"  # gerunds: "ucigand o persoana"
)
#: Words for being injured.
INJURED_TOKEN: Final = _tok(
    r"injur(?:ed|ing|ies|y|es)|wound(?:ed|ing|s)?|hurt|hospitali[sz]ed"
    r"|поранен\w*|поранил\w*|поранив\w*|постражд\w*|травм\w*|(?:госпі|шпи)таліз(?:ова|ува(?:ли|в|ла))\w*"
    r"|ранен\w*|ранил\w*|ранило|ранив\w*|пострада\w*|госпитализ\w*"
    r"|ranit\w*|ranir\w*|ranind\w*|rani|ranile|spitalizat\w*|vatamat\w*|vatamar\w*"
)
#: Person nouns in any number (they tie a count to people: "two *women*").
PERSON_TOKEN: Final = _tok(
    r"people|persons?|m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|teen(?:ager)?s?|civilians?"
    r"|residents?|pensioners?|drivers?|passengers?|workers?|employees?|rescuers?|firefighters?"
    r"|medics?|paramedics?|officers?|soldiers?|servicem[ae]n|volunteers?|others?|locals?"
    r"|individuals?|adults?|infants?|bab(?:y|ies)|students?|farmers?|minors?|victims?|colleagues?"
    r"|citizens?|foreigners?|nationals?|sailors?|seafarers?|crew members?"
    r"|neighbou?rs?|relatives?|wi(?:fe|ves)|husbands?|sons?|daughters?|mothers?|fathers?"
    r"|brothers?|sisters?|grand(?:mother|father|son|daughter)s?|couples?|colegi\w*|vecin\w*|колег\w*|коллег\w*|сусід\w*|сосед\w*"
    r"|люд\w*|особ[аиуі]|осіб|цивільн\w*|мешкан\w*|жител\w*|чолов\w*|жін\w*|дит\w*|діт\w*"
    r"|хлопч\w*|хлопець|хлопц[яюі]|горожан\w*|містян\w*|парень|парн[яюе]|юнош\w*|дівч\w*|підліт\w*|пенсіонер\w*|водi\w*|водій|водія|водії|пасажир\w*|працівни\w*"
    r"|рятувальни\w*|медик\w*|поліцейськ\w*|військов\w*|немовл\w*|юнак\w*|студент\w*|фермер\w*"
    r"|человек\w*|мирн\w*|мужчин\w*|женщин\w*|ребен\w*|детей|дети|детьми|мальчик\w*|девоч\w*"
    r"|девуш\w*|подрост\w*|пенсионер\w*|водител\w*|пассажир\w*|работник\w*|сотрудник\w*"
    r"|спасател\w*|военн\w*|младен\w*"
    # kin ("загинули батько і син", "погибли мать и сын"); Ukrainian "мати" is also "to have"
    r"|син|сина|сини|синів|батько|батька|батьки|батьків|матір|матері|донька|доньки|доньку"
    r"|дочка|дочки|дочку|брат|брата|брати|братів|сестра|сестри|сестру|бабуся|бабусю|бабусі"
    r"|дідусь|дідуся|онук|онука|онуки|онуків|онучка|онучку|подружжя"
    r"|сын|сына|сыновья|сыновей|отец|отца|мать|матери|дочь|дочери|дочерей|братья|братьев"
    r"|сестер|бабушка|бабушку|бабушки|дедушка|дедушку|дедушки|внук|внука|внуки|внуков"
    r"|внучка|внучку|супруги|супругов"
    r"|persoan\w*|oameni|civil[ie]?|locuitor\w*|barbat\w*|femei\w*|copi[li]\w*|copii|baie?t\w*"
    r"|fat[aăe]|fetit\w*|adolescent\w*|pensionar\w*|sofer\w*|pasager\w*|angajat\w*|muncitor\w*"
    r"|salvator\w*|pompier\w*|militar\w*|soldat\w*|minor[ai]?|bebelus\w*|tine?r[ia]?|batran\w*"
    r"|mama|mame|mamei|tata|tatal|fiul|fiica|fii|fiice|fratele|frati|sora|surori|bunica|bunicul"
)
#: Singular person nouns that count as one person on their own ("чоловік загинув").
PERSON_SINGULAR: Final = _tok(
    r"person|man|woman|child|boy|girl|teen(?:ager)?|civilian|resident|pensioner|driver"
    r"|passenger|worker|employee|rescuer|firefighter|medic|paramedic|officer|soldier"
    r"|serviceman|volunteer|local|infant|baby|student|farmer|minor|individual|citizen|foreigner"
    r"|wife|husband|son|daughter|mother|father|brother|sister|grand(?:mother|father|son|daughter)"
    r"|людин[ау]|особ[ау]|чоловік[а]?|жінк[ау]|дитин[ау]|хлопчик[а]?|хлопець|хлопця|парень|парня|юнош[аиу]|дівчинк[ау]|дівчин[ау]"
    r"|підліт(?:ок|ка)|пенсіонер(?:к[ау]|а)?|мешкан(?:ець|ця|к[аиу])|жител(?:ь|я|ьк[ау])"
    r"|водій|водія|пасажир(?:к[аиу]|а)?|працівни(?:к|ка|ця|цю)|рятувальни(?:к|ка)"
    r"|поліцейськ(?:ий|ого)|військов(?:ий|ого)|немовля|юнак[а]?|студент(?:к[аиу]|а)?"
    r"|человек|мужчин[аyу]|женщин[аyу]|ребенок|ребенка|мальчик[а]?|девочк[аyу]|девушк[аyу]"
    r"|подрост(?:ок|ка)|пенсионер(?:к[аyу]|а)?|жител(?:ь|я|ьниц[аyу])|водител(?:ь|я)"
    r"|пассажир(?:к[аyу]|а)?|работни(?:к|ка|ца|цу)|сотрудни(?:к|ка|ца|цу)|военн(?:ый|ого)"
    r"|младенец|спасател(?:ь|я)"
    r"|син|сина|батько|батька|матір|донька|доньку|дочка|дочку|брат|брата|сестра|сестру"
    r"|бабуся|бабусю|дідусь|дідуся|онук|онука|онучка|онучку"
    r"|сын|сына|отец|отца|мать|дочь|бабушка|бабушку|дедушка|дедушку|внук|внука|внучка|внучку"
    r"|persoana|barbat|femeie|copil|baiat|fata|fetita|adolescent[a]?|pensionar[a]?|civil"
    r"|locuitor|locuitoare|sofer|pasager|angajat|angajata|muncitor|salvator|pompier|militar"
    r"|soldat|minor|minora|bebelus|tanar|tanara|batran|batrana|mama|tata|fiu|fiica"
)
#: Genitive singular person nouns, one person only after "N men and": "двух мужчин и женщины".
PERSON_GENITIVE: Final = _tok(
    r"жінки|дитини|дівчинки|дівчини|людини|особи|пенсіонерки|мешканки|жительки"
    r"|женщины|девочки|девушки|пенсионерки|жительницы|работницы|сотрудницы"
)
#: Romanian singular person nouns with the definite article ("șoferul", "femeia").
PERSON_DEFINITE_RO: Final = _tok(
    r"barbatul|femeia|copilul|baiatul|fata|fetita|soferul|pasagerul|pasagera|locuitorul"
    r"|locuitoarea|muncitorul|pensionarul|pensionara|tanarul|tanara|batranul|batrana|militarul"
    r"|soldatul|civilul|adolescentul|adolescenta|angajatul|angajata|salvatorul|pompierul"
    r"|mama|tatal|fiul|fiica|fratele|sora|bunica|bunicul"
)
#: Indefinite articles that make a following singular person noun a count of one.
INDEFINITE: Final[frozenset[str]] = frozenset({"a", "an", "one", "un", "o", "una", "another"})
#: Tokens that make a following person noun a reference to someone already counted.
DEFINITE_BEFORE: Final = _tok(
    r"the|this|that|his|her|their|its|dead|deceased|injured|wounded|killed"
    r"|цей|ця|цього|цієї|цю|той|той|загибл\w*|померл(?:ий|ого|ої|у)"
    r"|этот|эта|этого|этой|эту|тот|погибш\w*|умерш\w*|скончавш\w*|раненн?(?:ый|ого|ая|ую)"
    r"|acest|aceasta|acestei|acestui|decedat\w*"
)
#: Tokens allowed between a number and its person noun ("two *more local* residents").
FILLER_TOKEN: Final = _tok(
    r"more|other|others|local|elderly|young|old|civilian|adult|additional|further|innocent"
    r"|ukrainian|people|teenage|pregnant|de|alte|alti|mai|ще|еще|інших|других|мирн\w*|цивільн\w*|місцев\w*"
    r"|местн\w*|літн\w*|пожил\w*|молод\w*|civili|civile|localnici|"
)
#: Ages ("63-year-old", "63-річна", "63-летний") are adjectives, not counts.
AGE_TOKEN: Final = _tok(
    r"\d{1,3}-(?:year|yr|річн|рiчн|летн|лiтн|літн|ani)\w*(?:-old)?"
    r"|(?:[a-z]+-)?[a-z]+-year-old"  # "a seven-year-old boy", "a twenty-two-year-old"
)
#: After a count these make it a part of an earlier count ("one *of* the wounded").
SUBSET_AFTER: Final[frozenset[str]] = frozenset({"of", "з", "із", "зі", "з-поміж", "из", "dintre"})
#: Before a count these make it a part of a total ("*including* two children"). Romanian
#: "care" ("which") alone is not one: "printre care" and ", dintre care" start at their first word.
INCLUSION_TOKEN: Final = _tok(
    r"including|among|зокрема|серед|включно|том|числі|числе|среди|inclusiv|printre|dintre"
)
#: Before a count these add to an earlier count ("*another* person died").
ADDITIVE_TOKEN: Final = _tok(r"another|more|ще|еще|inca")
#: Clause boundaries a count does not reach across.
BARRIER_TOKEN: Final = _tok(
    r"when|after|while|as|but|because|where|which|who|коли|після|але|однак|проте|де|який|яка"
    r"|які|когда|после|но|однако|где|который|которая|которые|cand|dupa|dar|insa|unde|iar|;|:"
)
AND_TOKEN: Final = _tok(r"and|і|й|та|и|si|ще|плюс")

#: A count in this sentence is a new total, not an addition ("the toll rose to 5").
ABSOLUTE_RE: Final = _re(
    r"\b(?:rose|risen|increased|climbed|grown|jumped|reached|now stands at|total)\b"
    r"|(?:зросл\w*|зріс|збільшил\w*|підвищил\w*|сягнул\w*) до|загалом|усього|всього"
    r"|(?:возрос\w*|увеличил\w*|вырос\w*|достигл\w*) до|всего"
    r"|\b(?:a crescut|au crescut|a ajuns|s-a ridicat|a urcat)\b|\bbilantul\b|\bin total\b"
)
#: Corrections: the counts of this sentence replace earlier ones (unless they say "another").
CORRECTION_RE: Final = _re(
    r"\b(?:revised|corrected|correction|amended|downgraded|lowered)\b|уточнен\w*|скоригов\w*"
    r"|виправ\w*|уточнени\w*|скорректир\w*|исправ\w*|\b(?:corectat\w*|rectificat\w*|revizuit\w*)\b"
)
#: "rose to N", "зросла до N", "возросло до N", "a crescut la N": N is the new total of the
#: casualty word before the verb, however far back ("the death toll from ... rose to nine").
RISE_TO_RE: Final = _re(
    r"(?:\b(?:rose|risen|increased|climbed|grown|jumped|reached|revised(?: down| up)?"
    r"|corrected|lowered|now stands at)(?: to)?"
    r"|(?:зросл\w*|зріс|збільшил\w*|сягнул\w*|возросл\w*|возрос|увеличил\w*|выросл\w*|вырос"
    r"|достигл\w*) до|\b(?:a crescut|au crescut|a ajuns|s-a ridicat|a urcat) la)$"
)
#: Hedged wording lowers confidence.
HEDGE_RE: Final = _re(
    r"\breportedly\b|\bunconfirmed\b|\bpreliminar\w*|\bпопередньо|\bпредварительно"
    r"|\bза неофіційн|\bпо неофициальн|\bneconfirmat|\bpotrivit unor surse neoficiale"
)

# --------------------------------------------------------------------------- the strike itself
#: Words that say a strike happened (attack nouns and verbs, weapons).
STRIKE_RE: Final = _re(
    r"\b(?:attack\w*|strikes?|struck|shell(?:ed|ing|s)?|bomb\w*|missiles?|rockets?|drones?|uavs?"
    r"|shahed\w*|explosions?|blasts?|barrage|pounded|airstrikes?|air raid|debris|artillery"
    r"|mlrs|mortar\w*|kab|munitions?|glide bomb)\b"
    r"|\b(?:атак\w*|удар\w*|вдар\w*|обстріл\w*|обстрілю\w*|вибух\w*|влуча\w*|влучил\w*|поцілил\w*|ракет\w*"
    r"|дрон\w*|бпла|безпілотник\w*|шахед\w*|\bкаб(?:и|ів|ами|ом|а|у)?\b|авіабомб\w*|бомб\w*|уламк\w*|приліт"
    r"|прильот\w*|снаряд\w*|артилер\w*|обстрел\w*|взрыв\w*|попадан\w*|беспилотник\w*|авиабомб\w*"
    r"|обломк\w*|прилет\w*|артиллер\w*|мінометн\w*|миномет\w*|рсзв|рсзо|град\w?\b|артобстр\w*)"
    r"|\b(?:atac\w*|lovit\w*|lovitur\w*|bombardament\w*|bombardat\w*|racheta|rachete|rachetei"
    r"|drona|dronele|drone|dronei|explozi\w*|proiectil\w*|artilerie\w*|fragmente|resturi)\b"
    # "Росіяни вбили 5 жителів", "the Russians killed 8 civilians": the attacker as subject
    r"|\b(?:росіян\w*|окупант\w*|ворог|россиян\w*|оккупант\w*|враг|(?:the )?russians"
    r"|russian (?:forces|troops|army|occupiers)|rusii|ocupantii)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:вбил\w*|вбив|убил\w*|убив|поранил\w*|ранил\w*|killed|wounded|injured|au ucis"
    r"|a ucis|au ranit)\b"
)
#: Verbs of a strike that took place (rather than a strike discussed in general).
EVENT_RE: Final = _re(
    r"\b(?:hit|struck|attacked|shelled|exploded|pounded|targeted|fell|crashed|landed|damaged"
    r"|destroyed|launched|fired|dropped)\b"
    r"|влучи\w*|влучан\w*|поцілил\w*|атакува\w*|атакув\w*|обстріля\w*|вдари\w*|вдарил\w*"
    r"|ударил\w*|атаковал\w*|обстрелял\w*|попал\w*|прилет\w*|приліт\w*|прильот\w*|впал\w*|упал\w*"
    r"|внаслідок|унаслідок|в результате|в результаті|у результаті"
    r"|\b(?:a lovit|au lovit|a fost lovit\w*|au fost lovit\w*|a atacat|au atacat|bombardat\w*"
    r"|a explodat|in urma|s-a prabusit|au cazut|a cazut)\b"
)
DAMAGE_RE: Final = _re(
    r"\b(?:damag\w*|destroy\w*|fire broke|blaze|caught fire|ablaze|shattered|collapsed|rubble)\b"
    r"|пошкод\w*|зруйн\w*|знищ\w*|пожеж\w*|загорі\w*|завал\w*|поврежд\w*|разруш\w*|уничтож\w*"
    r"|пожар\w*|\b(?:avariat\w*|distrus\w*|incendi\w*|daune|daunat\w*|afectat\w*|daramat\w*)\b"
)
#: Sentences about meetings, statistics, sport or alerts are not strike reports.
NON_EVENT_RE: Final = _re(
    r"\b(?:discuss\w*|meeting|met with|conference|summit|talks|negotiat\w*|agreement|league"
    r"|match|goal|scored|championship|tournament|season|alert|warn\w*|threat of|since the start"
    r"|since february 2022|full-scale invasion began|anniversary)\b"
    r"|обговори\w*|зустріч\w*|нарад\w*|переговор\w*|обсуди\w*|встреч\w*|совещан\w*|матч\w*"
    r"|чемпіонат\w*|чемпионат\w*|тривог\w*|тревог\w*|загроз\w*|угроз\w*|з початку\s+(?:повномасштабн\w+\s+)?війни"
    r"|с начала\s+(?:полномасштабн\w+\s+)?войны|\b(?:discutat\w*|discuti\w*|intalnir\w*|reuniun\w*"
    r"|summit|negocier\w*|meci\w*|campionat\w*|alert\w*|de la inceputul razboiului)\b"
    # drills and exercises, shots at target drones; courts and verdicts
    r"|\b(?:drills?|exercises?|live[- ]fir\w*|target drones?|firing range|court|sentenced|verdict"
    r"|trial)\b|навчан\w*|учени[яйе]\w*|мішен\w*|мишен\w*|\bсуд\b|\bсуд[уіе]\b|вирок\w*"
    r"|приговор\w*|засуджен\w*|осужден\w*|заочно\b|\b(?:exercit\w*|trageri|tint\w* aerien\w*"
    r"|instant\w*|condamnat\w*|sentint\w*)\b"
    # the future tense does not report an event ("will shoot down", "пройдуть", "vor lansa")
    r"|\bwill\b|\bбуд(?:е|уть|ет|ут)\b|\bпройд(?:е|уть|ет|ут)\b|\b(?:vor|va) (?!fi\b)\w+"
)
#: Cumulative statistics ("since the start of the war", "over the past week") are not incidents.
CUMULATIVE_RE: Final = _re(
    r"\bsince (?:the (?:start|beginning) of (?!(?:the |this )?(?:day|morning|night|evening"
    r"|afternoon)\b|today|tonight)|february 2022|2022|the full-scale)|\bin total since"
    r"|\bover the (?:past|last) (?:week|month|year)|\bthis (?:year|month)\b|\bso far this"
    r"|(?:з|від) початку (?:повномасштабн\w+ )?(?:війни|вторгнення|року|місяця)|за (?:минулий )?"
    r"(?:тиждень|місяць|рік)\b|(?:с|от) начала (?:полномасштабн\w+ )?(?:войны|вторжения|года"
    r"|месяца)"
    r"|за (?:прошедшую )?(?:неделю|месяц|год)\b|de la inceputul (?:razboiului|invaziei|anului)"
    r"|in ultima (?:saptamana|luna)|saptamana trecuta|anul acesta|luna aceasta"
    # a whole week or month ("in October", "this week", "у жовтні", "в октябре", "monthly report");
    # a bare frequency adjective ("nearly weekly strikes", "щотижневі удари") is no tally
    r"|\bthis week\b|\bper (?:week|month)\b|\b(?:monthly|weekly) (?:report|review|summary|tally|toll|figures|update)"
    r"|цього тижня|на цьому тижні|на этой неделе|з початку тижня|с начала недели"
    r"|щомісячн\w* (?:звіт|огляд|підсум)\w*|ежемесячн\w* (?:отч[её]т|обзор|сводк)\w*"
    r"|saptamana aceasta|in aceasta saptamana|\braport\w* (?:saptamanal|lunar)\b"
    r"|\bin (?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b(?! \d)|\b[ув] (?:січні|лютому|березні|квітні|травні|червні|липні|серпні"
    r"|вересні|жовтні|листопаді|грудні|январе|феврале|марте|апреле|мае|июне|июле|августе"
    r"|сентябре|октябре|ноябре|декабре)\b(?! \d)|\bin luna\b"
    r"|(?:(?:с|від|от) начала|(?:з|від) початку|since the (?:start|beginning) of|since early"
    r"|de la inceputul|(?<!\w)[зс] (?:1|1-го|першого|первого)|\bsince (?:the )?(?:1|1st|first)"
    r"(?: of)?|\b(?:de la|din) (?:1|intai)) (?:"
    r"січ|лют|берез|квіт|трав|черв|лип|серп|верес|жовт|листоп|груд|январ|феврал|март|апрел|ма[йя]"
    r"|июн|июл|август|сентябр|октябр|ноябр|декабр|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov"
    r"|dec|ian|iun|iul|noi)\w*"  # "с начала сентября", "з 1 жовтня": a month so far
    r"|\bsince (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? 1(?:st)?\b"
    # an overall count ("загальна кількість жертв", "the overall toll", "numarul total")
    r"|загальна кількість|загальну кількість|общее количество|общее число|\boverall (?:toll|number)"
    r"|\btotal number of (?:victims|casualties|civilians)|numarul total"
)
#: A past-day summary ("за минулу добу", "за сутки", "over the past day").
PAST_DAY_RE: Final = _re(
    r"(?:за|протягом|впродовж) (?:минулої |минулу |прошедшие |минувшие )?(?:доби|добу|сутки|суток)"
    r"|(?:over|in|during|within) the (?:past|last) (?:day|24 hours)|in ultimele 24 de ore|in ultima zi"
)
#: Losses of the attacking army ("killing 12 Russian soldiers", "ліквідували 1 230 окупантів",
#: "уничтожены 38 российских военных", "a ucis 30 de soldati rusi") are not strike victims.
ATTACKER_LOSSES_RE: Final = _re(
    # Every alternative starts at a word start (\b): unanchored, "\d+" tried at each digit of
    # a long run of digits rescanned the run (quadratic time).
    r"\b(?:\d+|kill\w*|wound\w*|eliminat\w*)\s+(?:\S+\s+){0,2}(?:russian|enemy|occupying)"
    r"\s+(?:soldiers|servicem[ae]n|troops|personnel)\b"
    r"|\b(?:ліквід\w*|знищ\w*|вбил\w*|уничтож\w*|ликвид\w*|убил\w*)\s+(?:\S+\s+){0,4}"
    r"(?:окупант\w*|оккупант\w*|(?:російськ|российск|ворож|вражеск)\w+\s+(?:військов|солдат|воен"
    r"|военнослуж)\w*)|втрат\w* особового складу|потер\w* личного состава|бойові втрати"
    r"|боевые потери|\b(?:soldati|militari|ocupanti)(?: de)? rusi\b"
    # the attacker's equipment destroyed ("знищено 12 танків", "destroyed 5 tanks")
    r"|\b(?:знищ|уничтож|destroy|distru)\w*\s+(?:\S+\s+){0,2}(?:танк|tank|tanc)\w*"
    # a tally of what the army lost ("Rusia a pierdut 11.184 de tancuri", "lost 300 troops")
    r"|\b(?:lost|pierdut|втратил\w*|потерял\w*)\W+(?:\S+\s+){0,6}(?:танк|tank|tanc|soldier"
    r"|troop|soldati|солдат|военнослуж|військовослуж)\w*"
)
CIVILIAN_RE: Final = _re(
    r"\bcivilians?\b|\bresidents?\b|\bpensioners?\b|мирн\w*|цивільн\w*|мешкан\w*|жител\w*"
    r"|\bcivili\b|\bcivil\b|\blocuitor\w*|\bcivile\b"
)

#: (pattern, weapon, strike_type, tier): tier 0 names a model or a specific kind, tier 1 a
#: generic kind ("drone", "missile"), tier 2 only says "shelling". The lowest tier wins.
WEAPONS: Final[tuple[tuple[re.Pattern[str], str, str, int], ...]] = tuple(
    (_re(r"\b(?:" + p + ")"), w, t, k)
    for p, w, t, k in (
        (r"iskander|іскандер|искандер", "Iskander-M", "missile", 0),
        (r"kinzhal|кинджал|кинжал", "Kinzhal", "missile", 0),
        (r"(?:kh|x|х)-?101\b", "Kh-101", "missile", 0),
        (r"(?:kh|x|х)-?(?:22|59|69|555|55|32)\b", "Kh-series cruise missile", "missile", 0),
        (r"kalibr|калібр|калибр", "Kalibr", "missile", 0),
        (r"(?:s|с|c)-?[34]00\b", "S-300", "missile", 0),
        (
            r"ballistic|балістичн\w*|балістик\w*|баллистическ\w*|баллистик\w*|balistic\w*",
            "ballistic missile",
            "missile",
            0,
        ),
        (
            r"cruise missile|крилат\w* ракет|крылат\w* ракет|rachet\w* de croaziera",
            "cruise missile",
            "missile",
            0,
        ),
        (
            r"guided (?:aerial |air )?bombs?|glide bombs?|aerial bombs?|kabs?\b|каб(?:и|ів|ами|ом|а|у)?\b"
            r"|керован\w* авіа|управляем\w* авиа|bomb\w* ghidat\w*|bomb\w* aeri[ae]n\w*|авіабомб\w*"
            r"|авиабомб\w*|фаб\b|fab\b",
            "guided aerial bomb",
            "air_strike",
            0,
        ),
        (r"shahed\w*|шахед\w*|geran|герань|герані", "Shahed", "drone", 0),
        (r"fpv\b|фпв", "FPV drone", "drone", 0),
        (r"lancet|ланцет", "Lancet", "drone", 0),
        (
            r"скид\w* [^.]{0,20}(?:дрон|бпла)|сброс\w* [^.]{0,20}(?:дрон|бпла)"
            r"|dropped (?:\w+ )?from (?:a )?drone|drone-dropped",
            "drone-dropped munition",
            "drone",
            0,
        ),
        (
            r"(?:mlrs|рсзв|рсзо)\b|multiple (?:launch )?rocket|lansatoar\w* multipl\w*",
            "MLRS",
            "artillery",
            0,
        ),
        (r"grad\b|град\w?\b", "Grad", "artillery", 0),
        (r"uragan|ураган", "Uragan", "artillery", 0),
        (r"smerch|смерч", "Smerch", "artillery", 0),
        (r"tornado-s|торнадо", "Tornado-S", "artillery", 0),
        (
            r"airstrikes?|air strikes?|авіаудар\w*|авиаудар\w*|авіаці\w*|авиаци\w*"
            r"|bombardament\w* aeri[ae]n\w*|lovitur\w* aeri[ae]n\w*|aviati\w*",
            "aircraft",
            "air_strike",
            1,
        ),
        (
            r"drones?\b|uavs?\b|дрон\w*|бпла\b|безпілотник\w*|беспилотник\w*|dron[ae]\w*",
            "drone",
            "drone",
            1,
        ),
        (r"missiles?\b|ракет\w*|rachet\w*", "missile", "missile", 1),
        (
            r"mortars?\b|мінометн\w*|міномет\w*|миномет\w*|mortier\w*|міни\b|мины\b",
            "mortar",
            "artillery",
            1,
        ),
        (r"tank fire|tanks?\b|танк\w*|tanc\w*", "tank", "artillery", 1),
        (
            r"artillery|артилер\w*|артиллер\w*|artileri\w*|снаряд\w*|howitzer\w*|гаубиц\w*|артобстр\w*"
            r"|гармат\w*|proiectil\w*|obuz\w*|(?<=\d )shells\b|(?:dozens of|hundreds of|tank|mortar) shells\b",
            "artillery",
            "artillery",
            1,
        ),
        (
            r"landmines?|mines?\b|ied\b|explosive device|вибухов\w* пристр\w*|взрывн\w* устройств\w*"
            r"|dispozitiv\w* exploziv\w*|min[aăe] antipersonal\w*|протипіхотн\w*|противопехотн\w*",
            "explosive device",
            "explosive",
            1,
        ),
        (
            r"clash\w*|firefight|gunfire|стрілянин\w*|перестрілк\w*|перестрелк\w*|schimb de focuri",
            "small arms",
            "ground_clash",
            1,
        ),
        (
            r"shell(?:ed|ing|s)?\b|обстріл\w*|обстрілю\w*|обстрел\w*|bombardament\w*|bombardat\w*",
            "artillery",
            "artillery",
            2,
        ),
    )
)

#: Ordered (pattern, target type): the first match in a sentence names the target.
TARGETS: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (_re(r"\b(?:" + p + ")"), t)
    for p, t in (
        (
            r"hospital|clinic|maternity|medical|лікарн\w*|клінік\w*|медичн\w*|поліклінік\w*|амбулатор\w*"
            r"|больниц\w*|медицинск\w*|\bspital\w*|clinic\w*|medical\w*",
            "medical facility",
        ),
        (
            r"school|kindergarten|university|college|lyceum|школ\w*|садоч\w*|дитяч\w* садок|ліце\w*"
            r"|університет\w*|університет|детск\w* сад|университет\w*|лице\w*|scoal\w*|gradinit\w*"
            r"|universit\w*|liceu\w*",
            "educational facility",
        ),
        (
            r"power (?:plant|station|line)|energy|substation|thermal|electricity|grid|гес|тес|тец"
            r"|енергетик\w*|енергетичн\w*|підстанц\w*|електростанц\w*|энергетическ\w*|подстанц\w*"
            r"|электростанц\w*|energetic\w*|(?<!regiunea )(?<!zona )(?<!ucraina )centrala"
            r"|termocentral\w*|retea electric\w*",  # "regiunea centrală": a region, no plant
            "energy infrastructure",
        ),
        (
            r"\bcars?\b|vehicles?|minibus|автомобіл\w*|\bавто\b|легков\w*|машин\w*|автомобил\w*"
            r"|\bmasin\w*|autoturism\w*|autovehicul\w*",
            "civilian car",
        ),
        (
            r"railway|\btrains?\b|station|\bbus\b|\bport\b|bridge|tram|trolleybus|залізни\w*|потяг\w*"
            r"|поїзд\w*|вокзал\w*|автобус\w*|порт\w*|міст\b|железн\w*|поезд\w*|feroviar\w*|\btren\w*"
            r"|\bgara\b|autobuz\w*|\bportul\b|\bpod\b",
            "transport",
        ),
        (
            r"enterprise|factory|plant|warehouse|industrial|підприємств\w*|завод\w*|склад\w*|фабрик\w*"
            r"|предприяти\w*|intreprinder\w*|fabric\w*|depozit\w*|uzin\w*",
            "enterprise",
        ),
        (
            r"shop|store|supermarket|market|shopping|cafe|restaurant|магазин\w*|ринок|ринку|супермаркет\w*"
            r"|торгов\w*|рынок|рынке|\bmagazin\w*|\bpiata\b|centru comercial",
            "commercial",
        ),
        (
            r"apartment|residential|high-rise|block of flats|house|home|dwelling|житлов\w*|будин\w*"
            r"|багатоповерх\w*|квартир\w*|жил\w* дом|многоэтаж\w*|дом\w*|bloc\w*|locuint\w*|\bcas[aeă]\w*"
            r"|imobil\w*|apartament\w*",
            "residential building",
        ),
        (
            r"farm|agricultur|field|tractor|фермерськ\w*|агро\w*|трактор\w*|сільськогосп\w*"
            r"|сельскохоз\w*|agricol\w*|ferma|tractor",
            "agriculture",
        ),
        (
            r"church|monastery|temple|церкв\w*|храм\w*|монастир\w*|церков\w*|biseric\w*|manastir\w*",
            "religious site",
        ),
        (
            r"administrative building|city hall|council|адмінбудів\w*|адміністративн\w*"
            r"|административн\w*|primari\w*|cladire administrativ\w*",
            "administrative building",
        ),
    )
)


def find_weapons(folded: str) -> list[tuple[int, str, str, int]]:
    """Weapons named in folded text: ``(position, weapon, strike_type, tier)`` by position.

    Where two patterns match overlapping text, only the more specific (earlier listed) counts.
    """
    found: list[tuple[int, int, str, str, int]] = []
    taken = SpanSet()  # a sorted union: comparing with every match was quadratic
    for pattern, weapon, stype, tier in WEAPONS:
        for m in gates.finditer(pattern, folded):
            if taken.overlaps(m.start(), m.end()):
                continue
            taken.add(m.start(), m.end())
            found.append((m.start(), m.end(), weapon, stype, tier))
    found.sort()
    return [(s, w, t, k) for s, _, w, t, k in found]


def find_target(folded: str) -> str | None:
    """The first target type named in folded text, or None."""
    best: tuple[int, str] | None = None
    for pattern, target in TARGETS:
        m = gates.search(pattern, folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), target)
    return best[1] if best else None
