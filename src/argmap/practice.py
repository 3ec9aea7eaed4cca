# ruff: noqa: E501  (the reference maps are Argdown text: a statement is one line, as learners write it)
"""Practice before the op-ed: short passages written for this kit, graded from easy to hard,
each with a reference map, and feedback on a learner's map of it.

Each passage is two to six sentences: a conclusion, reasons (some of them only work
together), an assumption the author leaves unsaid, and an objection, sometimes raised and
answered by the author ("Yes… but", "Even if…").  Levels:

1. a conclusion and its reasons (``+``);
2. an argument with numbered premises and its unstated assumption;
3. evidence quoted word for word under a reason;
4. an objection the author raises and answers (a concession and its rebuttal);
5. an undercut: the author grants the reason but denies that it supports the conclusion.

:func:`feedback` checks the learner's map (located errors first, quotes against the
passage), compares it with the reference (statements by meaning, then the relations
between them) and adds the checklist of the notebooks (rabbit rule, holding hands, role
tags).  The passages were written for argmap; they are not taken from a corpus or a book.

>>> [p.level for p in PASSAGES][:3]
[1, 1, 1]
>>> print(feedback("bikes", "[X]: The council should build bike lanes. #thesis").text.splitlines()[0])
You found the thesis: your “The council should build bike lanes.” says what the author argues for.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

from .model import ArgumentMap

__all__ = ["PASSAGES", "Feedback", "Passage", "feedback", "passage", "reference"]


@dataclass(frozen=True)
class Passage:
    """One practice passage: an id, a level (1 easy … 5 hard), the text, what to look for,
    and the reference map in Argdown (its quotes stand in the text)."""

    id: str
    level: int
    title: str
    text: str
    task: str
    key: str


PASSAGES: tuple[Passage, ...] = (
    Passage(
        "bikes",
        1,
        "Bike lanes",
        "The council should build protected bike lanes on Mill Road. Cyclists there share the road with "
        "lorries, and parents say they will not let their children ride to school until it is safer.",
        "Find the conclusion and the reasons the author gives for it.",
        """[Lanes]: The council should build protected bike lanes on Mill Road. #thesis
  + [Lorries]: Cyclists on Mill Road share the road with lorries.
  + [Parents]: Parents will not let their children ride to school until the road is safer.
  - [Cost]: Protected lanes cost money the council could spend on other roads. #objection
""",
    ),
    Passage(
        "library",
        1,
        "Library hours",
        "The library should open on Sundays. Sunday is the only free day for many shift workers, and "
        "pupils revise for Monday tests on Sunday afternoons.",
        "Find the conclusion and its two reasons. Does each reason work on its own?",
        """[Sundays]: The library should open on Sundays. #thesis
  + [Shift workers]: Sunday is the only free day for many shift workers.
  + [Revision]: Pupils revise for Monday tests on Sunday afternoons.
  - [Staff rest]: Library staff also need a free day at the weekend. #objection
""",
    ),
    Passage(
        "uniforms",
        1,
        "School uniforms",
        "Our school should keep its uniform. Without it, pupils who cannot afford fashionable clothes "
        "are teased, and mornings take longer when every outfit must be chosen.",
        "Find the conclusion and the reasons. Which reason would you question first?",
        """[Keep uniform]: Our school should keep its uniform. #thesis
  + [Teasing]: Without a uniform, pupils who cannot afford fashionable clothes are teased.
  + [Mornings]: Mornings take longer when every outfit must be chosen.
  - [Teasing anyway]: Pupils find other things to tease about, such as shoes and phones. #objection
""",
    ),
    Passage(
        "tomatoes",
        2,
        "Tomatoes in the shade",
        "These tomato plants will not ripen this summer. They stand in the shade of the wall all day, "
        "and tomatoes need several hours of direct sun to ripen.",
        "The two reasons only work together. Write them as numbered premises of one argument.",
        """[No ripening]: These tomato plants will not ripen this summer. #thesis
  + <Shade>

<Shade>: The plants get no sun.

(1) [In the shade]: The plants stand in the shade of the wall all day.
(2) [Need sun]: Tomatoes need several hours of direct sun to ripen.
(3) [Shade all summer]: The wall will shade the plants all this summer, as it does now. #assumption
----
(4) [No ripening]

[In the shade]
  - [Reflected light]: A white wall can reflect enough light for plants in its shade. #objection
""",
    ),
    Passage(
        "ferry",
        2,
        "The late ferry",
        "Aisha will miss her train. The ferry is forty minutes late, and her train leaves ten minutes "
        "after the ferry was due to land.",
        "Find the premises that work together, and the assumption that links them to the conclusion.",
        """[Miss train]: Aisha will miss her train. #thesis
  + <Late ferry>

<Late ferry>: The ferry is too late for the train.

(1) [Ferry late]: Aisha's ferry is forty minutes late.
(2) [Tight change]: Her train leaves ten minutes after the ferry was due to land.
(3) [Train on time]: The train will leave on time and not wait for the ferry, so whoever lands after it leaves will miss it. #assumption
----
(4) [Miss train]

[Train on time]
  - [Trains wait]: Trains timed to meet a ferry are often held until it lands. #objection
""",
    ),
    Passage(
        "dog",
        2,
        "A dog for the flat",
        "We should not get a dog. We are both out at work ten hours a day, and a dog left alone that "
        "long is unhappy.",
        "Which premise does the author leave unsaid? Ask: what must be true for these reasons to support "
        "the conclusion?",
        """[No dog]: We should not get a dog. #thesis
  + <Alone>

<Alone>: The dog would be alone too long.

(1) [Out at work]: We are both out at work ten hours a day, so a dog would be left alone that long.
(2) [Alone unhappy]: A dog left alone that long is unhappy.
(3) [Not unhappy]: We should not keep a pet in a way that makes it unhappy. #assumption
----
(4) [No dog]

[Out at work]
  - [Dog walker]: A dog walker or a neighbour could visit the dog at midday. #objection
""",
    ),
    Passage(
        "vaccines",
        3,
        "Flu jabs for staff",
        "Care homes should offer every worker a free flu jab. Last winter, the homes where most staff "
        "were vaccinated had half as many outbreaks as the others. An outbreak in a care home can kill "
        "residents who are already frail.",
        "Find the evidence and quote it word for word under the reason it supports.",
        """[Free jabs]: Care homes should offer every worker a free flu jab. #thesis
  + <Fewer outbreaks>

<Fewer outbreaks>: Vaccinated staff mean fewer deadly outbreaks.

(1) [Jabs prevent outbreaks]: Flu jabs for care workers prevent outbreaks in care homes.
(2) [Outbreaks kill]: An outbreak in a care home can kill frail residents.
(3) [Free means taken]: Workers take up a flu jab more often when the home offers it free. #assumption
----
(4) [Free jabs]

[Jabs prevent outbreaks]
  + [Half as many]: Homes where most staff were vaccinated had half as many outbreaks. #evidence {quote: "the homes where most staff were vaccinated had half as many outbreaks as the others", basis: statistic}
  - [Other differences]: The homes with vaccinated staff may differ in other ways, such as better hygiene. #objection
""",
    ),
    Passage(
        "canteen",
        3,
        "Meat-free Mondays",
        "The canteen should serve only vegetarian meals on Mondays. A survey of pupils found that 62 "
        "percent would eat a vegetarian lunch once a week. The school has promised to cut its carbon "
        "footprint, and meat is the largest part of the canteen's.",
        "Two lines of support, each with its evidence. Quote the survey exactly.",
        """[Veggie Mondays]: The canteen should serve only vegetarian meals on Mondays. #thesis
  + [Pupils willing]: Most pupils would eat a vegetarian lunch once a week.
    + [Survey]: A survey found that 62 percent of pupils would eat a vegetarian lunch once a week. #evidence {quote: "62 percent would eat a vegetarian lunch once a week", basis: statistic}
  + <Carbon>

<Carbon>: Cutting meat keeps the school's promise.

(1) [Promise]: The school has promised to cut its carbon footprint.
(2) [Meat largest]: Meat is the largest part of the canteen's carbon footprint.
(3) [Keep promises]: Serving only vegetarian meals on Mondays would cut the canteen's meat, and the school should act on its promises where it can. #assumption
----
(4) [Veggie Mondays]

[Pupils willing]
  - [Not everyone]: A menu without choice leaves out the 38 percent who would not. #objection
""",
    ),
    Passage(
        "museum",
        3,
        "Free museum entry",
        "The city museum should drop its entry fee. When the museum in Harbourtown made entry free, its "
        "visitors doubled within a year, and the café and shop earned more than the tickets had.",
        "What kind of evidence is the Harbourtown case? What must be true for it to count here?",
        """[Free entry]: The city museum should drop its entry fee. #thesis
  + <Harbourtown>

<Harbourtown>: Free entry worked elsewhere. {scheme: analogy}

(1) [It worked there]: Dropping the entry fee doubled the visitors at Harbourtown, and the café and shop earned more than the tickets had.
(2) [Like Harbourtown]: Our city museum is like Harbourtown's in the ways that matter: visitors, café and shop. #assumption
----
(3) [Free entry]

[It worked there]
  + [Doubled]: Visitors doubled within a year; the café and shop earned more than the tickets had. #evidence {quote: "its visitors doubled within a year, and the café and shop earned more than the tickets had", basis: example}

[Like Harbourtown]
  - [Tourist town]: Harbourtown is full of tourists; our museum depends on local visitors. #objection
""",
    ),
    Passage(
        "homework",
        4,
        "No homework in primary school",
        "Primary schools should stop setting homework. Critics say homework teaches children to work on "
        "their own. But children of that age learn independence better from play and chores, and "
        "studies find that homework does little for their marks.",
        "The author raises an objection and answers it. Map the objection and the reply.",
        """[No homework]: Primary schools should stop setting homework. #thesis
  + [Little effect]: Homework does little for primary pupils' marks.
    + [Studies]: Studies find that homework does little for young children's marks. #evidence {quote: "studies find that homework does little for their marks", basis: expert}
  - [Independence]: Homework teaches children to work on their own. #objection
    - [Play and chores]: Children of that age learn independence better from play and chores. #rebuttal
""",
    ),
    Passage(
        "screens",
        4,
        "Phones in class",
        "Phones should stay in lockers during lessons. Yes, a phone can look up a word in seconds, but "
        "the same phone buzzes with messages, and pupils who are interrupted take minutes to find their "
        "place again.",
        "“Yes…, but” marks a concession. Which reading fits: does the reply deny the objection, deny that "
        "it counts, or give a weightier reason?",
        """[Lockers]: Phones should stay in lockers during lessons. #thesis
  + <Distraction>
  - [Look up words]: A phone can look up a word in seconds. #objection

<Distraction>: Phones interrupt learning.

(1) [Buzzing]: The phone buzzes with messages during lessons.
(2) [Lost minutes]: Pupils who are interrupted take minutes to find their place again.
(3) [Time matters more]: The minutes lost to interruptions weigh more than the seconds saved by looking things up, and a phone that stays in a locker during lessons cannot buzz. #assumption
----
(4) [Lockers]
""",
    ),
    Passage(
        "nightbus",
        4,
        "The night bus",
        "The night bus should keep running. Even if few people ride it, those who do are mostly nurses "
        "and cleaners on late shifts, who have no other way home.",
        "“Even if…” grants something. Map what is granted as an objection and the author's answer: does "
        "it deny the objection, or grant it and deny that it counts?",
        """[Keep bus]: The night bus should keep running. #thesis
  + <No other way>
  - <Few riders>: Few people ride the night bus, so it is not worth running.
    _ [Riders need it]: Those who ride the night bus have no other way home, so their number is not what counts. #objection

<No other way>: Its riders depend on it.

(1) [Shift workers]: The night bus riders are mostly nurses and cleaners on late shifts.
(2) [No other way]: Those shift workers have no other way home.
(3) [Serve the stranded]: A public service should keep running for riders who have no other way home. #assumption
----
(4) [Keep bus]
""",
    ),
    Passage(
        "reviews",
        5,
        "Five stars",
        "This hotel must be excellent: it has hundreds of five-star reviews. Yet the hotel offers guests "
        "a free drink for every review they post, so the stars show what a free drink buys, not how good "
        "the stay was.",
        "The second sentence grants the reviews but denies that they show what they seem to. Draw it as "
        "an undercut (`_`).",
        """[Excellent]: This hotel is excellent. #thesis
  + <Stars>

<Stars>: Many five-star reviews.

(1) [Five stars]: The hotel has hundreds of five-star reviews.
----
(2) [Excellent]

<Stars>
  _ [Free drink]: The hotel gives guests a free drink for every review, so the stars do not show how good the stay was. #objection
""",
    ),
    Passage(
        "expert",
        5,
        "A doctor on the radio",
        "A doctor said on the radio that the new diet cures back pain, so it must work. But she was "
        "speaking about a book she sells, and back pain is not her field: she is a dentist.",
        "Which critical questions of an argument from expert opinion does the reply raise? Is it an "
        "objection to a premise or an undercut?",
        """[Diet works]: The new diet cures back pain. #thesis
  + <Doctor says>

<Doctor says>: A doctor said so. {scheme: expert-opinion}

(1) [She said so]: A doctor said on the radio that the new diet cures back pain.
----
(2) [Diet works]

<Doctor says>
  _ [Not her field]: Back pain is not her field: she is a dentist. #objection
  _ [Sells the book]: She was speaking about a book she sells. #objection
""",
    ),
    Passage(
        "streetlights",
        5,
        "Street lights and crime",
        "Since the council dimmed the street lights, burglaries in the town have risen by a third, so "
        "dimming the lights caused the rise. Yet burglaries rose just as much in the next town, where "
        "the lights were never dimmed.",
        "What does the second sentence attack: the fact, or the step from the fact to the cause?",
        """[Dimming caused it]: Dimming the street lights caused the rise in burglaries. #thesis
  + <After dimming>

<After dimming>: The rise followed the dimming. {scheme: correlation-to-cause}

(1) [Rise after]: Since the lights were dimmed, burglaries in the town have risen by a third.
----
(2) [Dimming caused it]

<After dimming>
  _ [Next town too]: Burglaries rose just as much in the next town, where the lights were never dimmed. #objection
""",
    ),
    Passage(
        "fourday",
        5,
        "A four-day week at the bakery",
        "The bakery should try a four-day week. Staff who rested longer made fewer mistakes in the "
        "month we tested it. Some say customers would lose their Saturday bread, but the shop can stay "
        "open six days if the staff take turns, so that objection misses the point.",
        "Map the evidence, the objection and the author's answer. Is the answer a rebuttal or an "
        "undercut? Which assumption does the trial need?",
        """[Four days]: The bakery should try a four-day week. #thesis
  + <Trial>
  - [No Saturday bread]: Customers would lose their Saturday bread. #objection
    - [Take turns]: The shop can stay open six days if the staff take turns. #rebuttal

<Trial>: Rested staff make fewer mistakes.

(1) [Fewer mistakes]: When the bakery tried a four-day week for a month, staff who rested longer made fewer mistakes.
(2) [Month is enough]: A month's trial shows how the staff would work on a four-day week in the long run, so the week is worth a try. #assumption
----
(3) [Four days]

[Fewer mistakes]
  + [Test month]: In the month of the test, rested staff made fewer mistakes. #evidence {quote: "Staff who rested longer made fewer mistakes in the month we tested it", basis: observation}
""",
    ),
)


def passage(which: str | Passage) -> Passage:
    """A passage by its id (``ValueError`` names the ids if there is none)."""
    if isinstance(which, Passage):
        return which
    for p in PASSAGES:
        if p.id == which:
            return p
    raise ValueError(f"no practice passage {which!r}; the passages are: {', '.join(p.id for p in PASSAGES)}")


def _checked(p: Passage, text: str, name: str) -> tuple[ArgumentMap, list[str]]:
    """Parse and check a map of the passage; its quotes are looked up in the passage."""
    from .argdown import parse
    from .source import Source
    from .validate import validate

    m, found = parse(text, name)
    m, more = validate(m, source=Source(p.text, f"{p.id}.txt"))
    problems = [d.format() for d in [*found, *more] if d.is_error]
    return m, problems


@lru_cache(maxsize=64)
def reference(which: str) -> ArgumentMap:
    """The reference map of a passage, with its quotes anchored in the passage."""
    p = passage(which)
    m, problems = _checked(p, p.key, f"{p.id} (reference)")
    if problems:
        raise ValueError(f"the reference map of {p.id!r} has errors: {problems[0]}")
    return m


@dataclass(frozen=True)
class Feedback:
    """Feedback on a learner's map of a passage: the words, and the numbers behind them."""

    text: str
    score: float | None
    errors: tuple[str, ...]

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return {
            "text/plain": self.text,
            "text/html": f"<pre class='argmap-practice'>{html.escape(self.text)}</pre>",
        }

    def __str__(self) -> str:
        return self.text


def feedback(which: str | Passage, learner: str) -> Feedback:
    """Check the learner's map (Argdown text) of a passage and compare it with the reference.

    Errors (a syntax slip, a quote that is not in the passage) come first, located, and
    nothing else is said until they are fixed."""
    from .compare import compare
    from .teaching import teaching_checks

    p = passage(which)
    m, problems = _checked(p, learner, "your map")
    if problems:
        return Feedback("Fix these first:\n" + "\n".join(problems) + "\n", None, tuple(problems))
    c = compare(m, reference(p.id))
    lines = [c.feedback_text().rstrip("\n")]
    hints = [f"{d.message} (hint: {d.hint})" for d in teaching_checks(m)]
    if hints:
        lines.append("The checklist of the notebooks:")
        lines += [f"- {h}" for h in hints]
    lines.append(
        f"Score {c.score:.0f} of 100 (statements {c.statement_score:.0f}, relations {c.structure_score:.0f})."
    )
    return Feedback("\n".join(lines) + "\n", c.score, ())
