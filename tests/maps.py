"""Maps the kit was not written around, as Argdown text, for tests and benchmarks.

The case study is one map a teacher brought; these stand for the others: a big
classroom debate, a claim with forty reasons, an Argdown debate without a thesis,
a map of any size, and names and texts in other alphabets.  Each function gives
the same text for the same arguments (randomness comes from ``random.Random(seed)``),
and every map it gives loads with no errors (``tests/test_graphviz_runs.py``
checks that).

    >>> import argmap
    >>> m = argmap.loads(many_reasons(5))
    >>> len(m.statements)
    6
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import sys
from pathlib import Path

__all__ = ["ALPHABETS", "debate", "many_reasons", "no_thesis_debate", "sized"]

_BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

#: The languages :func:`many_reasons` writes in.
ALPHABETS = ("english", "cyrillic", "greek", "german-compounds")


# ---------------------------------------------------------------------------
# Words: one topic (a charge for driving into a city centre) in four languages.
# Subjects are plural and predicates take a plural subject, so any pair reads.
# ---------------------------------------------------------------------------

_THESIS = {
    "english": (
        "Congestion charge",
        "The city should charge drivers a daily fee to enter its centre on weekdays.",
    ),
    "cyrillic": ("Плата за въезд", "Город должен ввести плату за въезд автомобилей в центр по будним дням."),
    "greek": (
        "Τέλος εισόδου",
        "Η πόλη πρέπει να επιβάλει τέλος εισόδου στα αυτοκίνητα στο κέντρο τις καθημερινές.",
    ),
    "german-compounds": (
        "Innenstadtmaut",
        "Die Stadt sollte an Werktagen eine Innenstadtmaut für Kraftfahrzeuge einführen.",
    ),
}

_SUBJECTS = {
    "english": [
        "shop owners in the old town",
        "bus passengers",
        "families on the outskirts",
        "delivery firms",
        "cyclists",
        "people who drive to work",
        "small traders",
        "commuters from neighbouring towns",
        "night-shift workers at the hospital",
        "residents of the inner districts",
        "independent economists",
        "parents of children at central schools",
        "taxi drivers",
        "disabled residents",
        "council officers",
    ],
    "cyrillic": [
        "Депутаты городского совета",
        "Владельцы магазинов в старом городе",
        "Пассажиры автобусов",
        "Семьи с окраин",
        "Службы доставки",
        "Велосипедисты",
        "Сотрудники транспортного управления",
        "Жители центральных кварталов",
        "Независимые экономисты",
        "Врачи городской больницы",
    ],
    "greek": [
        "Τα μέλη του δημοτικού συμβουλίου",
        "Οι καταστηματάρχες της παλιάς πόλης",
        "Οι επιβάτες των λεωφορείων",
        "Οι οικογένειες των προαστίων",
        "Οι εταιρείες διανομής",
        "Οι ποδηλάτες",
        "Οι υπάλληλοι της περιφερειακής αρχής συγκοινωνιών",
        "Οι κάτοικοι του κέντρου",
        "Οι ανεξάρτητοι οικονομολόγοι",
        "Οι γιατροί του νοσοκομείου",
    ],
    "german-compounds": [
        "Die Einzelhandelsverbandsvertreter",
        "Die Stadtverordnetenversammlungsmitglieder",
        "Die Nahverkehrsbetriebsgesellschaften",
        "Die Innenstadtbewohnerinnen und Innenstadtbewohner",
        "Die Paketzustellungsdienstleister",
        "Die Krankenhausbeschäftigten",
        "Die Fahrradfahrerinnen und Fahrradfahrer",
        "Die Umweltschutzorganisationen",
        "Die Verkehrswissenschaftlerinnen",
        "Die Berufspendlerinnen und Berufspendler",
    ],
}

_PREDICATES = {
    "english": [
        "would get faster and more reliable journeys across the centre",
        "would breathe noticeably cleaner air on the main shopping streets",
        "could plan deliveries without losing hours in queues",
        "would see the revenue spent on new bus routes",
        "would suffer fewer collisions in the narrow streets",
        "would spend less time travelling to work",
        "would walk and cycle more often",
        "would pay less for repairing worn roads",
        "would hear less traffic noise at night",
        "would gain space for pavement cafés and market stalls",
        "would lose customers to out-of-town shopping centres",
        "would bear most of the cost of the charge",
        "would move their trips to cheaper hours",
        "would pass the cost on to their customers",
        "would find parking near the centre much easier",
    ],
    "cyrillic": [
        "получат более быстрые и надёжные поездки",
        "будут дышать заметно более чистым воздухом",
        "смогут планировать поставки без многочасовых пробок",
        "направят доход на новые автобусные маршруты",
        "увидят меньше аварий на узких улицах",
        "потратят меньше времени на дорогу до работы",
        "станут чаще ходить пешком и ездить на велосипеде",
        "сэкономят на ремонте изношенных дорог",
        "отметят снижение шума по ночам",
        "получат больше места для летних веранд",
    ],
    "greek": [
        "θα κάνουν γρηγορότερες και πιο αξιόπιστες διαδρομές",
        "θα αναπνέουν πολύ καθαρότερο αέρα",
        "θα προγραμματίζουν τις παραδόσεις χωρίς ώρες στην κίνηση",
        "θα δουν νέες γραμμές λεωφορείων από τα έσοδα",
        "θα δουν λιγότερα ατυχήματα στους στενούς δρόμους",
        "θα χάνουν λιγότερο χρόνο στη διαδρομή για τη δουλειά",
        "θα περπατούν και θα κάνουν ποδήλατο πιο συχνά",
        "θα ξοδεύουν λιγότερα για επισκευές δρόμων",
        "θα ακούν λιγότερο θόρυβο τις νύχτες",
        "θα κερδίσουν χώρο για τραπεζάκια στα πεζοδρόμια",
    ],
    "german-compounds": [
        "bekommen schnellere und zuverlässigere Busverbindungen",
        "atmen deutlich weniger Feinstaubbelastung ein",
        "planen ihre Lieferfahrzeugeinsätze ohne stundenlange Verkehrsstauungen",
        "finanzieren mit den Mauteinnahmen neue Nahverkehrsangebote",
        "erleben weniger Straßenverkehrsunfälle in engen Altstadtgassen",
        "verbringen weniger Zeit im Berufsverkehr",
        "gehen häufiger zu Fuß oder nutzen Fahrradschnellverbindungen",
        "sparen bei der Straßeninstandhaltungsfinanzierung",
        "melden weniger nächtliche Lärmbelästigungsbeschwerden",
        "gewinnen Platz für Außengastronomieflächen",
    ],
}

_QUALIFIERS = {
    "english": [
        "within a year of the charge starting",
        "according to the council's own traffic model",
        "as the schemes in Stockholm and London suggest",
        "as long as exemptions stay rare",
        "even on cautious estimates",
        "at least in the first few years",
        "unless the charge is set too low to matter",
        "",
        "",
    ],
    "cyrillic": [
        "уже в первый год после введения платы",
        "по оценкам самого городского совета",
        "как показывает опыт Стокгольма и Лондона",
        "если исключения останутся редкими",
        "даже при осторожных расчётах",
        "",
    ],
    "greek": [
        "ήδη από τον πρώτο χρόνο",
        "σύμφωνα με τις εκτιμήσεις του ίδιου του δήμου",
        "όπως δείχνει η εμπειρία της Στοκχόλμης και του Λονδίνου",
        "αν οι εξαιρέσεις μείνουν λίγες",
        "ακόμη και με συντηρητικούς υπολογισμούς",
        "",
    ],
    "german-compounds": [
        "schon im ersten Jahr nach der Einführung",
        "nach den Berechnungen der Stadtentwicklungsbehörde",
        "wie die Erfahrungen aus Stockholm und London zeigen",
        "sofern Ausnahmegenehmigungen selten bleiben",
        "selbst bei vorsichtigen Wirtschaftlichkeitsberechnungen",
        "",
    ],
}

# English clauses that turn a sentence into a reason, a doubt or a reply.
_BECAUSE = [
    "because fewer cars would be competing for the same road space",
    "since the charge falls on the trips that cause the most delay",
    "and the council has promised to publish the figures every year",
    "which matters most for people who cannot afford a car",
]
_BUT = [
    "although the council has not said how exemptions would work",
    "even if the charge is refunded to residents",
    "since most of them have no other way to reach the centre",
    "and nobody has asked them what they think",
]

# Title words: "<word> and <word>" is a title in any of the four languages.
_TITLE_WORDS = {
    "english": [
        "Air",
        "Health",
        "Buses",
        "Time",
        "Noise",
        "Safety",
        "Trade",
        "Revenue",
        "Cycling",
        "Pavements",
        "Fairness",
        "Deliveries",
    ],
    "cyrillic": [
        "Воздух",
        "Здоровье",
        "Автобусы",
        "Время",
        "Шум",
        "Безопасность",
        "Торговля",
        "Доходы",
        "Велосипеды",
        "Тротуары",
    ],
    "greek": [
        "Αέρας",
        "Υγεία",
        "Λεωφορεία",
        "Χρόνος",
        "Θόρυβος",
        "Ασφάλεια",
        "Εμπόριο",
        "Έσοδα",
        "Ποδήλατο",
        "Πεζοδρόμια",
    ],
}
_AND = {"english": "and", "cyrillic": "и", "greek": "και"}

# German titles are single compounds, built from parts as German builds them,
# with a few real monsters first (one word, no space or hyphen to break at).
_COMPOUND_MONSTERS = [
    "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung",
    "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz",
    "Donaudampfschifffahrtsgesellschaftskapitän",
    "Ernährungsmangelerscheinungseinwand",
]
_COMPOUND_HEADS = [
    "Innenstadt",
    "Verkehrs",
    "Lärm",
    "Luft",
    "Straßen",
    "Fahrrad",
    "Liefer",
    "Einzelhandels",
    "Gesundheits",
    "Umwelt",
]
_COMPOUND_MIDDLES = ["schutz", "beruhigungs", "sicherheits", "verbesserungs", "entlastungs"]
_COMPOUND_TAILS = ["maßnahme", "konzept", "gutachten", "verordnung", "prognose", "zuschlag"]

# English statement titles for the big debate: adjective + noun, 20 × 20 of them.
_ADJECTIVES = [
    "Cleaner",
    "Faster",
    "Quieter",
    "Safer",
    "Lost",
    "Hidden",
    "Fairer",
    "Cheaper",
    "Longer",
    "Emptier",
    "Busier",
    "Local",
    "Regional",
    "Unequal",
    "Reliable",
    "Rising",
    "Falling",
    "Public",
    "Private",
    "Shared",
]
_NOUNS = [
    "air",
    "buses",
    "streets",
    "trade",
    "costs",
    "journeys",
    "revenue",
    "deliveries",
    "schools",
    "pavements",
    "traffic",
    "jobs",
    "shops",
    "evenings",
    "markets",
    "parking",
    "fares",
    "commutes",
    "exemptions",
    "neighbourhoods",
]
_ARGUMENT_TITLES = [
    "Health first",
    "Time is money",
    "Polluter pays",
    "Better buses",
    "Safer streets",
    "Livelier centre",
    "It worked elsewhere",
    "Road repairs",
    "Climate targets",
    "Quiet nights",
    "Room to walk",
    "Fair shares",
]
_BASES = ["fact", "statistic", "example", "expert", "precedent", "testimony", "observation"]


def _sentence(rng: random.Random, language: str = "english", tail: list[str] | None = None) -> str:
    """One sentence of 8 to 25 words: subject, predicate, maybe a qualifier and a clause."""
    while True:
        subject = rng.choice(_SUBJECTS[language])
        words = [subject[0].upper() + subject[1:], rng.choice(_PREDICATES[language])]
        qualifier = rng.choice(_QUALIFIERS[language])
        if qualifier:
            words.append(qualifier)
        text = " ".join(words)
        if tail and rng.random() < 0.5:
            text += ", " + rng.choice(tail)
        if 8 <= len(text.split()) <= 25:
            return text + "."


class _Titles:
    """Unique titles drawn without repeats from a shuffled pool."""

    def __init__(self, pool: list[str], rng: random.Random) -> None:
        self._pool = list(pool)
        rng.shuffle(self._pool)
        self._used = 0

    def __call__(self) -> str:
        if self._used >= len(self._pool):
            raise ValueError(f"only {len(self._pool)} different titles; ask for a smaller map")
        self._used += 1
        return self._pool[self._used - 1]


def _pairs(words: list[str], conj: str) -> list[str]:
    return [f"{a} {conj} {b.lower() if conj == 'and' else b}" for a, b in itertools.permutations(words, 2)]


def debate(
    lines: int = 8, objections: int = 28, rebuttals: int = 28, seed: int = 0, *, statements: int = 150
) -> str:
    """A classroom debate of about ``statements`` statements (150 by default), as a class
    builds one over a term: one thesis; ``lines`` lines of support, each an argument
    with 2–3 linked premises (about half with an unstated ``#assumption``) and
    ``#evidence`` under its premises; ``objections`` objections spread over the thesis
    (about a quarter) and the premises; ``rebuttals`` rebuttals answering them (some
    objections answered twice, some not at all).  Evidence fills the count up to
    ``statements``, at least one piece per stated premise while the count allows.
    Sentences are 8 to 25 words long; titles are 1 to 3 words."""
    if lines < 1:
        raise ValueError(f"a debate needs at least one line of support, not {lines!r}")
    if rebuttals and not objections:
        raise ValueError("rebuttals need objections to answer")
    rng = random.Random(seed)
    title = _Titles([f"{a} {n}" for a, n in itertools.product(_ADJECTIVES, _NOUNS)], rng)
    arg_titles = _Titles(
        _ARGUMENT_TITLES + [f"{a} {n}" for a, n in itertools.product(_ADJECTIVES, ["future", "city"])], rng
    )
    thesis, thesis_text = _THESIS["english"]

    # The lines of support: (argument title, gist, [(premise title, text, is_assumption)]).
    support: list[tuple[str, str, list[tuple[str, str, bool]]]] = []
    for _ in range(lines):
        premises = [(title(), _sentence(rng, tail=_BECAUSE), False) for _ in range(rng.choice([2, 2, 3]))]
        if rng.random() < 0.5:
            premises.append((title(), _sentence(rng, tail=_BECAUSE), True))
        support.append((arg_titles(), _sentence(rng, tail=_BECAUSE), premises))
    stated = [p[0] for _, _, ps in support for p in ps if not p[2]]
    all_premises = [p[0] for _, _, ps in support for p in ps]

    # Objections: about a quarter on the thesis, the rest on premises; then rebuttals.
    children: dict[str, list[str]] = {}
    objection_titles = []
    for _ in range(objections):
        target = thesis if rng.random() < 0.25 else rng.choice(all_premises)
        ob = title()
        objection_titles.append(ob)
        children.setdefault(target, []).append(f"  - [{ob}]: {_sentence(rng, tail=_BUT)} #objection")
    answers: dict[str, list[str]] = {}
    for _ in range(rebuttals):
        ob = rng.choice(objection_titles)
        answers.setdefault(ob, []).append(f"    - [{title()}]: {_sentence(rng, tail=_BECAUSE)} #rebuttal")
    for target, kids in children.items():
        with_answers = []
        for kid in kids:
            with_answers.append(kid)
            with_answers += answers.get(kid.split("]")[0].split("[", 1)[1], [])
        children[target] = with_answers

    # Evidence fills up the count, spread over the stated premises.
    used = 1 + len(all_premises) + objections + rebuttals
    n_evidence = max(statements - used, 0)
    per = dict.fromkeys(stated, 0)
    for k in range(n_evidence):
        per[stated[k] if k < len(stated) else rng.choice(stated)] += 1
    evidence: dict[str, list[str]] = {
        p: [f"  + [{title()}]: {_sentence(rng)} #evidence {{basis: {rng.choice(_BASES)}}}" for _ in range(n)]
        for p, n in per.items()
    }

    out = [
        "===",
        f"title: Should the city charge drivers to enter its centre? (a generated debate, seed {seed})",
        "===",
        "",
        "// Made by tests/maps.py: debate(). The shape of a class debate, not its sense.",
        "",
        "# The thesis",
        "",
        f"[{thesis}]: {thesis_text} #thesis",
        *children.get(thesis, []),
        "",
        "# Lines of support",
        "",
    ]
    for arg, gist, premises in support:
        out += [f"## {arg}", "", f"<{arg}>: {gist}", ""]
        for i, (p, text, assumption) in enumerate(premises, 1):
            out.append(f"({i}) [{p}]: {text}{' #assumption' if assumption else ''}")
        out += ["----", f"({len(premises) + 1}) [{thesis}]", ""]
        for p, _text, _a in premises:
            tree = evidence.get(p, []) + children.get(p, [])
            if tree:
                out += [f"[{p}]", *tree, ""]
    return "\n".join(out)


def many_reasons(n: int = 40, *, alphabet: str = "english", seed: int = 0) -> str:
    """One claim (the thesis) with ``n`` separate reasons, each a plain support with no
    role tag: the "list every reason you can find" exercise, a map as wide as it gets.
    ``alphabet`` writes titles and texts in English, Russian (``"cyrillic"``), Greek
    (``"greek"``) or German with long compounds (``"german-compounds"``: titles are
    single words of up to 67 letters with no space or hyphen to break at)."""
    if alphabet not in ALPHABETS:
        raise ValueError(f"unknown alphabet {alphabet!r}; valid: {', '.join(ALPHABETS)}")
    if n < 1:
        raise ValueError(f"n must be at least 1, not {n!r}")
    rng = random.Random(seed)
    if alphabet == "german-compounds":
        built = [
            (h + m + t) for h, m, t in itertools.product(_COMPOUND_HEADS, _COMPOUND_MIDDLES, _COMPOUND_TAILS)
        ]
        rng.shuffle(built)
        titles = _COMPOUND_MONSTERS + built
    else:
        titles = _pairs(_TITLE_WORDS[alphabet], _AND[alphabet])
        rng.shuffle(titles)
    if n > len(titles):
        raise ValueError(f"at most {len(titles)} reasons in {alphabet}, not {n}")
    claim, claim_text = _THESIS[alphabet]
    out = [
        "===",
        f"title: One claim, {n} reasons ({alphabet}, seed {seed})",
        "===",
        "",
        "// Made by tests/maps.py: many_reasons().",
        "",
        f"[{claim}]: {claim_text} #thesis",
    ]
    tail = _BECAUSE if alphabet == "english" else None
    out += [f"  + [{titles[k]}]: {_sentence(rng, alphabet, tail)}" for k in range(n)]
    return "\n".join(out) + "\n"


_NO_THESIS = """\
===
title: Sunday opening at the town library
===

// Made by tests/maps.py: no_thesis_debate(). Written the way Argdown's own examples are:
// positions and arguments, no #thesis and no role tags.

# Opening hours

[Sunday opening]: The town library should open on Sunday afternoons, from noon to five.
  + <Working families>: Parents who work all week can only bring their children to the library at the weekend.
    - <Saturday is enough>: The library already opens on Saturday mornings, and families can come then.
      - <Saturday sport>: Most children in town play in a sports league on Saturday mornings.
  + <Quiet place to study>: Students preparing for exams need a warm, quiet place to work on Sundays.
    + <Crowded homes>: Many students share small flats where there is no room to study in peace.
  - <Staff costs>: Sunday work is paid at double rate, so each Sunday hour costs the library twice as much.
    - <Volunteers>: Trained volunteers from the Friends of the Library could staff the desk on Sundays.
      - <Volunteer reliability>: Volunteer rotas collapsed within months in most libraries that tried them.
  - <Day of rest>: Staff have a right to one common day of rest with their families each week.

[Longer weekday hours]: The library should stay open until nine on weekday evenings instead.
  + <Commuters>: People who commute home late find the library already closed at six.
  - <Empty evenings>: In the trial last winter fewer than ten people came in after seven.
    - <Trial unadvertised>: Nobody knew about the trial, because it was never announced outside the building.
  >< [Sunday opening]

[Budget freeze]: The library cannot spend more on opening hours while the council freezes its budget.
  -> [Sunday opening]
  -> [Longer weekday hours]

# Two arguments in full

<Staff costs>

(1) Sunday hours are paid at twice the weekday rate under the staff agreement.
(2) The library's budget for opening hours will not grow next year.
----
(3) Each Sunday hour means cutting two weekday hours elsewhere.
  +> [Budget freeze]

<Volunteers>

(1) [Friends ready]: Twelve members of the Friends of the Library have offered to staff the desk.
(2) Volunteers cost the library nothing but their training.
-- practical reasoning --
(3) Sunday opening need not cost the library more than a few hours of training.
"""


def positions(n: int = 5, seed: int = 0) -> str:
    """A debate of ``n`` top-level positions and no thesis, as Argdown's larger
    examples are written: each position a long statement held up by one to three
    arguments, an argument alone under its position written out as a
    premise-conclusion structure of two to four premises, now and then an objection."""
    rng = random.Random(seed)
    title = _Titles([f"{a} {n}" for a, n in itertools.product(_ADJECTIVES, _NOUNS)], rng)
    out: list[str] = []
    for _ in range(n):
        position = title()
        out.append(f"[{position}]: {_sentence(rng)} {_sentence(rng)}")
        lines = rng.choice([1, 1, 2, 3])
        names = [title() for _ in range(lines)]
        for name in names:
            out.append(f"  <+ <{name}>: {_sentence(rng)}")
        if rng.random() < 0.4:
            out.append(f"  <- <{title()}>: {_sentence(rng)}")
        out.append("")
        if lines == 1:
            out.append(f"<{names[0]}>")
            out.append("")
            for k in range(rng.randint(2, 4)):
                out.append(f"({k + 1}) {_sentence(rng)}")
            out += ["----", f"({k + 2}) [{position}]", ""]
    return "\n".join(out) + "\n"


def no_thesis_debate() -> str:
    """A debate written as Argdown's own examples are: three top-level positions
    (statements) supported and attacked by arguments, nested replies, a contrary
    pair, two premise-conclusion structures and an inference rule, and no
    ``#thesis`` and no role tags at all (Argdown has none).  Handwritten, so
    always the same text."""
    return _NO_THESIS


def _generate_module():
    """``benchmarks/generate.py`` as a module (it is a script folder, not a package)."""
    name = "argmap_benchmarks_generate"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, _BENCHMARKS / "generate.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def sized(n: int, seed: int = 0) -> str:
    """A map of exactly ``n`` statements in the shape of a real one (thesis, linked
    premises with assumptions, evidence, objections, rebuttals, undercuts), as the
    benchmarks draw it: :func:`benchmarks.generate.make_map`."""
    return str(_generate_module().make_map(n, seed=seed))


#: Words of three alphabets for :func:`big_line`.
_SENTENCES = {
    "english": "the council should fund more buses because riders wait too long in winter",
    "greek": "το συμβούλιο πρέπει να χρηματοδοτήσει περισσότερα λεωφορεία γιατί οι επιβάτες περιμένουν",
    "cyrillic": "совет должен оплатить больше автобусов потому что пассажиры ждут слишком долго",
}
WORDS = {k: v.split(" ") for k, v in _SENTENCES.items()}


def _text(alphabet: str, k: int, n: int = 14) -> str:
    words = WORDS[alphabet]
    return " ".join(words[(k * 7 + i * 3) % len(words)] for i in range(n)).capitalize() + "."


def big_line(branches: tuple[int, ...] = (5, 4, 4, 3), alphabet: str = "english") -> str:
    """A thesis with one small line and one big one: a reason whose branches hold
    sub-reasons, each with two reasons of its own (no evidence: nothing folds)."""
    k = 0

    def say() -> str:
        nonlocal k
        k += 1
        return _text(alphabet, k)

    rows = [f"[Thesis]: {say()} #thesis", f"  + [Small]: {say()}", f"  + [Big]: {say()}"]
    for b, size in enumerate(branches, 1):
        rows.append(f"    + [B{b}]: {say()}")
        for s in range(1, size + 1):
            rows.append(f"      + [B{b}.{s}]: {say()}")
            rows.append(f"        + [B{b}.{s}.a]: {say()}")
            rows.append(f"        + [B{b}.{s}.b]: {say()}")
    return "\n".join(rows) + "\n"
