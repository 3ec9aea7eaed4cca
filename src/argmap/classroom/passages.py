# ruff: noqa: E501  (the reference maps are Argdown text: a statement is one line, as learners write it)
"""The practice passages: short texts written for this kit, graded from easy (1) to hard (5),
each with its reference map (the answer key) and the other readings it accepts.  A key's notes
(``{note: …}``) argue the kind of each reply where a seminar could read it otherwise.
:mod:`argmap.classroom.practice` gives feedback on a learner's map of them."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PASSAGES", "Passage"]


@dataclass(frozen=True)
class Passage:
    """One practice passage: an id, a level (1 easy … 5 hard), the text, what to look for,
    the reference map in Argdown (its quotes stand in the text; its thesis is the author's
    conclusion, written out where the text leaves it unstated; a point the author never makes is
    marked ``{by: reader}``) and other acceptable readings."""

    id: str
    level: int
    title: str
    text: str
    task: str
    key: str
    #: Other acceptable readings (a reply read as an undercut or as a weightier reason …):
    #: feedback credits the one that fits the learner's map best.
    alternatives: tuple[str, ...] = ()


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
  - [Cost]: Protected lanes cost money the council could spend on other roads. #objection {by: reader}
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
  - [Staff rest]: Library staff also need a free day at the weekend. #objection {by: reader}
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
  - [Teasing anyway]: Pupils find other things to tease about, such as shoes and phones. #objection {by: reader}
""",
    ),
    Passage(
        "fireworks",
        1,
        "Fireworks",
        "Should our town ban private fireworks? Dogs and horses panic at the noise, and last November "
        "two garden sheds burned down. Yes, it should.",
        "The thesis answers a question, and the author gives the answer only at the end. Write the "
        "answer as a whole statement, then its reasons.",
        """[Ban fireworks]: Our town should ban private fireworks. #thesis
  + [Animals panic]: Dogs and horses panic at the noise of fireworks.
  + [Sheds burned]: Last November fireworks burned down two garden sheds in the town.
  - [Tradition]: Fireworks are a tradition many families enjoy. #objection {by: reader}
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

[Need sun]
  - [Reflected light]: Light reflected from a white wall can ripen tomatoes without direct sun. #objection {by: reader}
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
  - [Trains wait]: Trains timed to meet a ferry are often held until it lands. #objection {by: reader}
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
  - [Dog walker]: A dog walker or a neighbour could visit the dog at midday. #objection {by: reader}
""",
    ),
    Passage(
        "rainwater",
        2,
        "Rain for the garden",
        "The school should collect rainwater from the gym roof. That roof catches enough rain to water "
        "the whole school garden, and the garden is now watered with expensive tap water.",
        "Both premises are in the text, and neither works alone. Write them as numbered premises of one "
        "argument, with the assumption that joins them to the conclusion.",
        """[Collect rain]: The school should collect rainwater from the gym roof. #thesis
  + <Save water>

<Save water>: Rain could replace costly tap water.

(1) [Enough rain]: The gym roof catches enough rain to water the whole school garden.
(2) [Tap water]: The school garden is now watered with expensive tap water.
(3) [Worth saving]: Collecting rain for the garden costs less than the tap water it replaces, so the school should collect rainwater from the gym roof. #assumption
----
(4) [Collect rain]

[Worth saving]
  - [Tank cost]: A tank and pipes for the roof may cost more than years of tap water. #objection {by: reader}
""",
    ),
    Passage(
        "sleep",
        2,
        "Lessons at nine",
        "Teenagers who sleep longer do better in tests. Our pupils are in class at eight, so most of them "
        "sleep too little. That's why the school should start lessons at nine, which would let them sleep "
        "an hour longer.",
        "Where does the thesis stand? One sentence holds two units: split it at “which”. Which premises "
        "only work together?",
        """[Start at nine]: The school should start lessons at nine. #thesis
  + <More sleep>

<More sleep>: A later start means more sleep and better tests.

(1) [Sleep helps]: Teenagers who sleep longer do better in tests.
(2) [Too little]: Our pupils are in class at eight, so most of them sleep too little.
(3) [Hour longer]: Starting lessons at nine would let the pupils sleep an hour longer.
(4) [Tests matter]: The school should do what helps its pupils do better in tests. #assumption
----
(5) [Start at nine]

[Hour longer]
  - [Later nights]: Pupils may simply go to bed an hour later. #objection {by: reader}
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
  - [Other differences]: The homes with vaccinated staff may differ in other ways, such as better hygiene. #objection {by: reader}
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
  - [Not everyone]: A menu without choice leaves out the 38 percent who would not. #objection {by: reader}
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
  - [Tourist town]: Harbourtown is full of tourists; our museum depends on local visitors. #objection {by: reader}
""",
    ),
    Passage(
        "choir",
        3,
        "Choir night",
        "The town choir should rehearse on Tuesdays. In last week's vote, 31 of the 40 singers chose "
        "Tuesday. The church hall, where we rehearse, is free only on Tuesdays and Fridays.",
        "Find the evidence and quote it word for word under the reason it supports. Which reason needs "
        "the other to settle the day?",
        """[Tuesdays]: The town choir should rehearse on Tuesdays. #thesis
  + [Singers prefer]: Most singers prefer to rehearse on Tuesdays.
    + [Vote]: In last week's vote, 31 of the 40 singers chose Tuesday. #evidence {quote: "31 of the 40 singers chose Tuesday", basis: statistic}
  + [Hall free]: The church hall is free only on Tuesdays and Fridays.
  - [Vote was small]: Not every singer came to last week's vote. #objection {by: reader}
""",
    ),
    Passage(
        "allotment",
        3,
        "Growing your own",
        "Growing your own vegetables saves money. I have kept an allotment for five years, and each "
        "summer I spend about forty pounds on seeds and save well over three hundred on vegetables I "
        "would otherwise buy.",
        "The author's own experience is the evidence. Quote it, and give its basis: what kind of evidence "
        "is one person's experience, and what does it leave out?",
        """[Saves money]: Growing your own vegetables saves money. #thesis
  + [My allotment]: In the author's five years on an allotment, the vegetables saved far more than the seeds cost.
    + [Forty and three hundred]: Each summer the author spends about forty pounds on seeds and saves over three hundred on vegetables. #evidence {quote: "each summer I spend about forty pounds on seeds and save well over three hundred on vegetables I would otherwise buy", basis: testimony}
  - [Rent and time]: An allotment also costs rent and many hours of work, which the sums leave out. #objection {by: reader}
""",
    ),
    Passage(
        "homework",
        4,
        "No homework in primary school",
        "Primary schools should stop setting homework. Critics say homework teaches children to work on "
        "their own. But children of that age learn independence better from play and chores, and "
        "studies find that homework does little for their marks.",
        "The author raises an objection and answers it. Does the answer say the objection is false, or "
        "grant it and deny that it counts? Map the objection and the reply.",
        """[No homework]: Primary schools should stop setting homework. #thesis
  + [Little effect]: Homework does little for primary pupils' marks.
    + [Studies]: Studies find that homework does little for young children's marks. #evidence {quote: "studies find that homework does little for their marks", basis: expert}
  - <Independence>: Homework teaches children to work on their own, so schools should keep setting it.
    _ [Play and chores]: Children of that age learn independence better from play and chores, so homework is not needed for it. #objection
""",
        (
            # the reply read as a weightier reason for the thesis, the objection left standing
            """[No homework]: Primary schools should stop setting homework. #thesis
  + [Little effect]: Homework does little for primary pupils' marks.
    + [Studies]: Studies find that homework does little for young children's marks. #evidence {quote: "studies find that homework does little for their marks", basis: expert}
  + [Play and chores]: Children of that age learn independence better from play and chores.
  - [Independence]: Homework teaches children to work on their own. #objection
""",
        ),
    ),
    Passage(
        "bees",
        4,
        "Weedkiller in the parks",
        "The town should stop spraying weedkiller in its parks. Yes, the spray keeps the paths neat, but "
        "neat paths are not what a park is for, and the spray kills the bees that pollinate the gardens "
        "nearby.",
        "“Yes…, but” again. Does the reply say that the spray does not keep the paths neat, or that neat "
        "paths do not count? Map the objection and the reply.",
        """[Stop spraying]: The town should stop spraying weedkiller in its parks. #thesis
  + [Kills bees]: The spray kills the bees that pollinate the gardens near the parks.
  - <Neat paths>: The spray keeps the paths neat, so the town should keep spraying.
    _ [Not what parks are for]: Neat paths are not what a park is for, so their neatness does not count. #objection
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

<Distraction>: Phones interrupt learning. {note: "The reply is a weightier reason (reading 3 of notebook 05), not an undercut. By the notebook's test, an undercut grants the point and denies that it leads to its conclusion: if the reply were true, would a phone that looks words up in seconds no longer count for phones in lessons? It would still count; the author does not deny the benefit, and sets a bigger cost (the buzzing, the lost minutes) against it. So the objection stays standing and the reader weighs the two."}

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
        (
            # reading 3 of notebook 05: a weightier reason; the objection stays standing
            """[Keep bus]: The night bus should keep running. #thesis
  + <No other way>
  - [Few riders]: Few people ride the night bus. #objection

<No other way>: Its riders depend on it.

(1) [Shift workers]: The night bus riders are mostly nurses and cleaners on late shifts.
(2) [No other way]: Those shift workers have no other way home.
(3) [Serve the stranded]: A public service should keep running for riders who have no other way home. #assumption
----
(4) [Keep bus]
""",
        ),
    ),
    Passage(
        "reviews",
        5,
        "Five stars",
        "This hotel must be excellent: it has hundreds of five-star reviews. Yet the hotel offers guests "
        "a free drink for every review they post, so the stars show what a free drink buys, not how good "
        "the stay was.",
        "The first sentence is an argument the author does not accept. What does the author conclude? The "
        "second sentence grants the reviews but denies that they show what they seem to: draw it as an "
        "undercut (`_`) of that argument, and as the reason for the author's conclusion.",
        """[Not shown]: The hotel's five-star reviews do not show that it is excellent. #thesis
  + [Stars bought]: The stars show what a free drink buys, not how good the stay was.
    + [Free drink]: The hotel offers guests a free drink for every review they post.
  - <Stars>: The hotel has hundreds of five-star reviews, so it must be excellent.
    _ [Stars bought]
""",
    ),
    Passage(
        "expert",
        5,
        "A doctor on the radio",
        "A doctor said on the radio that the new diet cures back pain, so it must work. But she was "
        "speaking about a book she sells, and back pain is not her field: she is a dentist.",
        "The first sentence is an argument from expert opinion that the author answers. What does the "
        "author conclude (it is not written out)? Which critical questions does the reply raise: does it "
        "deny that she said it, or that her saying it shows it?",
        """[Not shown]: The doctor's word does not show that the new diet cures back pain. #thesis
  + [Not her field]: Back pain is not her field: she is a dentist.
  + [Sells the book]: She was speaking about a book she sells.
  - <Doctor says>: A doctor said on the radio that the new diet cures back pain, so it must work. {scheme: expert-opinion}
    _ [Not her field]
    _ [Sells the book]
""",
    ),
    Passage(
        "streetlights",
        5,
        "Street lights and crime",
        "Some residents say that since the council dimmed the street lights, burglaries in the town have "
        "risen by a third, so the dimming caused the rise. Yet burglaries rose just as much in the next "
        "town, where the lights were never dimmed.",
        "Whose argument is the first sentence, and what does the author conclude from the second (it is "
        "not written out)? Does the second sentence deny the fact, or the step from the fact to the cause?",
        """[Not the lights]: The rise in burglaries does not show that dimming the street lights caused it. #thesis
  + [Next town too]: Burglaries rose just as much in the next town, where the lights were never dimmed.
  - <After dimming>: Burglaries have risen by a third since the lights were dimmed, so the dimming caused the rise. {scheme: correlation-to-cause}
    _ [Next town too]
""",
    ),
    Passage(
        "exam",
        5,
        "Better at maths?",
        "The head teacher says our pupils must be better at maths than last year's, because their exam "
        "marks rose by ten points. But this year's exam was shorter and easier, so the higher marks do not "
        "show that they learned more.",
        "Find the author's conclusion (where does it stand?) and the argument it answers. Does the reply "
        "deny that the marks rose, or that the rise shows what the head teacher says?",
        """[Not shown]: The higher marks do not show that this year's pupils are better at maths. #thesis
  + [Easier exam]: This year's maths exam was shorter and easier than last year's.
  - <Marks rose>: The pupils' exam marks rose by ten points, so they must be better at maths than last year's pupils.
    _ [Easier exam]
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
