"""The specification of `stages.timex.tag`, as a table of news sentences.

Each case pins its reference date (the DCT) next to the sentence, the exact extent that must
be tagged and its TIMEX3 type and value. The test finds every Timex overlapping the expected
extent and requires exactly one, with that extent, type and value; so a longer or shorter
span, or one expression split or merged wrongly, fails with both sides shown.

Conventions, from the seed gold (`shared/gold/seeds.json`) and the TempEval-3 gold
(TimeBank/AQUAINT); where the two differ the seed gold wins:

- Extents leave out governing prepositions (on, in, at, by, during, from, over, within,
  between) and leading determiners, but keep "since" and "for", and the fixed forms
  "in recent months" / "in recent years". TimeBank keeps "the" ("the third quarter", "the
  past two years"); the seeds leave it out ("past two years", "1950s", "Cold War era",
  "near future"), so here it is "third quarter", "first nine months", "weekend".
  An indefinite article that is the quantity stays ("a decade", "a week", "a year earlier").
- Words that move a boundary are inside the extent: "early 1990s", "late November",
  "mid-July", "earlier this month", "later this year". `mod` is not checked here.
- A clock time and the day it is on form one expression, either order ("3 p.m. Wednesday",
  "noon Thursday", "6:15 a.m. tomorrow"); so do a weekday and its date ("Tuesday, June 11").
- A weekday, month, day or season without a year is anchored on the DCT, and the tense of
  the sentence picks the direction: past or present reporting gives the latest one on or
  before the DCT ("said on Monday" on a Monday is the DCT itself), future gives the next one
  after it.
- Granularity follows the words: "two days ago" is a day, "two weeks ago" and "last/this/next
  week" are ISO weeks (`2024-W24`), "nine months ago" a month, "three years ago" a year,
  "weekend" `YYYY-Www-WE`, decades `195`, centuries `19` (the 20th century).
- Parts of day are TIME with MO/AF/EV/NI ("Wednesday night" is `2024-06-19TNI`); TimeBank
  also has them as DATE, the seeds have TIME. "midnight" is `T24:00` of its day (the TimeML
  guidelines; TimeBank's "midnight Friday" is `T24`).
- Durations: a decade is `P10Y` (TimeBank has `P1E`), a week `P1W`, vague amounts `PX<unit>`
  ("for years" `PXY`, "several weeks" `PXW`).
- Sets: the period (`P1W`, `P1D`) or a pattern (`XXXX-WXX-1` for "each Monday", `XXXX-07`
  for "each July"); "twice a year" is `P1Y` with the whole phrase as extent (its frequency
  would go in TIMEX3 `freq`, which Timex does not carry).
- Ranges the text states as one (a hyphen or en dash, "X to Y", "between X and Y", or an
  elliptical second part as in "May 15 and 16") are one Timex valued `start/end`. Two
  complete expressions joined by "and" are two Timexes: the seeds tag "Wednesday" and
  "Thursday" of "on Wednesday and Thursday" separately. A range of lengths after "between"
  ("between 60 and 90 days") is two durations, `P60D` and `P90D`, as TimeML tags it: no
  value holds a range of lengths.
- Eras are year ranges: the Cold War 1947/1991, the Soviet era 1922/1991.
- Slashed dates are read in US order (month/day/year).
- "today" meaning "nowadays" (PRESENT_REF in the seeds) is left out: it needs more than
  the sentence to tell apart from the calendar day.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import NamedTuple

import pytest

from storyline.model import Timex
from storyline.stages.timex import range_endpoints, tag, timeml_forms

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"

# Reference dates used by many cases.
MON = "2024-06-17"  # a Monday, ISO week 2024-W25
WED = "2024-03-27"  # a Wednesday, ISO week 2024-W13 (seed 004)
FRI = "2024-05-10"  # a Friday, ISO week 2024-W19 (seed 000)


class Case(NamedTuple):
    dct: str | None
    sentence: str
    text: str
    type: str
    value: str


def _cases(*rows: tuple[str | None, str, str, str, str]) -> list[Case]:
    return [Case(*row) for row in rows]


# Calendar dates written out, at the granularity they are written.
ABSOLUTE = _cases(
    (
        "2024-06-20",
        "Putin arrived in Hanoi on June 19, 2024, for talks.",
        "June 19, 2024",
        DATE,
        "2024-06-19",
    ),
    (
        "2024-06-21",
        "The treaty was signed in Hanoi on 19 June 2024.",
        "19 June 2024",
        DATE,
        "2024-06-19",
    ),
    ("2024-10-02", "The quarter ended Sept. 30 with record sales.", "Sept. 30", DATE, "2024-09-30"),
    (
        "2024-07-03",
        "Inflation eased in June 2024, the statistics office said.",
        "June 2024",
        DATE,
        "2024-06",
    ),
    (MON, "The plant closed in 2019 after heavy losses.", "2019", DATE, "2019"),
    (
        WED,
        "Valdoria signed the fisheries pact in September 2023.",
        "September 2023",
        DATE,
        "2023-09",
    ),
    (
        "2024-06-20",
        "The filing is dated 2024-06-19, according to the court record.",
        "2024-06-19",
        DATE,
        "2024-06-19",
    ),
    (MON, "Officials met on 2023-11-05 to review the plan.", "2023-11-05", DATE, "2023-11-05"),
    (
        "2024-06-20",
        "The memo, dated 6/19/2024, was leaked to reporters.",
        "6/19/2024",
        DATE,
        "2024-06-19",
    ),
    (MON, "Customs figures for 3/4/2021 were revised upward.", "3/4/2021", DATE, "2021-03-04"),
    ("2024-01-02", "The shop stayed open late on 12/24/2023.", "12/24/2023", DATE, "2023-12-24"),
    (
        "1998-08-10",
        "The embassy bombings took place on Aug. 7, 1998.",
        "Aug. 7, 1998",
        DATE,
        "1998-08-07",
    ),
    (MON, "The court issued its ruling on Jan. 5, 2023.", "Jan. 5, 2023", DATE, "2023-01-05"),
    (MON, "The census was taken on Feb. 29, 2024.", "Feb. 29, 2024", DATE, "2024-02-29"),
    (MON, "The treaty dates from December 31, 1999.", "December 31, 1999", DATE, "1999-12-31"),
    (MON, "The bank opened its doors on 1 January 2000.", "1 January 2000", DATE, "2000-01-01"),
    ("2024-06-21", "The summit opened on June 19th in Hanoi.", "June 19th", DATE, "2024-06-19"),
    (MON, "Trading resumed on 17 June after the holiday.", "17 June", DATE, "2024-06-17"),
    (
        MON,
        "The vote was held on Tuesday, June 11, officials said.",
        "Tuesday, June 11",
        DATE,
        "2024-06-11",
    ),
    (MON, "The accord expired in May 2010.", "May 2010", DATE, "2010-05"),
    (MON, "Norman forces landed in England in 1066.", "1066", DATE, "1066"),
    (MON, "The government aims to end coal use by 2030.", "2030", DATE, "2030"),
    ("2024-06-20", "Relations between the two states go back to the 1950s.", "1950s", DATE, "195"),
    (MON, "Debt soared across the region in the 1980s.", "1980s", DATE, "198"),
    (MON, "Smartphones spread rapidly in the 2010s.", "2010s", DATE, "201"),
    (MON, "The band was at its peak in the '90s.", "'90s", DATE, "199"),
    (MON, "The fashions of the ’90s are back in the shops.", "’90s", DATE, "199"),
    (MON, "The currency collapsed in the early 1990s.", "early 1990s", DATE, "199"),
    # a decade or a year written short, after "the" or a preposition
    (MON, "Cars built in the 70s were heavy and slow.", "70s", DATE, "197"),
    (MON, "Tastes changed between the 70s and 80s in ways few saw.", "80s", DATE, "198"),
    (MON, "Hemlines rose in the late 60s, the designer recalled.", "late 60s", DATE, "196"),
    (MON, "The index sank to its lowest close since '87 on Friday.", "since '87", DATE, "1987"),
    (MON, "Graduates of the class of '19 gathered again.", "'19", DATE, "2019"),
    (
        MON,
        "Shipbuilding dominated the town for much of the 20th century.",
        "20th century",
        DATE,
        "19",
    ),
    (MON, "The railway was built in the 19th century.", "19th century", DATE, "18"),
    (MON, "Critics say the 21st century has brought new threats.", "21st century", DATE, "20"),
)

# Months and days without a year: the tense decides which year.
BY_TENSE = _cases(
    (MON, "Elections will be held in May.", "May", DATE, "2025-05"),
    (MON, "Parliament approved the budget in May.", "May", DATE, "2024-05"),
    (MON, "The new law will take effect in September.", "September", DATE, "2024-09"),
    (MON, "The runoff will be held in February.", "February", DATE, "2025-02"),
    (MON, "Factory output dropped in August.", "August", DATE, "2023-08"),
    (MON, "The lease will expire Sept. 30.", "Sept. 30", DATE, "2024-09-30"),
    (MON, "The old contract lapsed on Sept. 30.", "Sept. 30", DATE, "2023-09-30"),
    (MON, "The company will report its results on July 25.", "July 25", DATE, "2024-07-25"),
    (MON, "Shipments slowed in late November.", "late November", DATE, "2023-11"),
    (MON, "Ministers will meet again in mid-July.", "mid-July", DATE, "2024-07"),
    (WED, "Xi visited Hanoi in December.", "December", DATE, "2023-12"),
    (WED, "The summit is expected to take place in May.", "May", DATE, "2024-05"),
    (WED, "State media reported in October that a visit was planned.", "October", DATE, "2023-10"),
    (WED, "The two ministers met in May at a regional forum.", "May", DATE, "2023-05"),
    (
        WED,
        "President Widodo visited in January of this year.",
        "January of this year",
        DATE,
        "2024-01",
    ),
    (
        FRI,
        "The premiers spoke by telephone on March 26 about grain tariffs.",
        "March 26",
        DATE,
        "2024-03-26",
    ),
    (
        FRI,
        "The chancellor told a party rally on April 25 that she would attend.",
        "April 25",
        DATE,
        "2024-04-25",
    ),
    ("2024-06-19", "The mayor's second term began in May.", "May", DATE, "2024-05"),
    ("2024-11-06", "The new president will be sworn in on Jan. 20.", "Jan. 20", DATE, "2025-01-20"),
    ("2024-01-10", "Shops reported strong sales on Dec. 23.", "Dec. 23", DATE, "2023-12-23"),
)

# Weekdays: past reporting looks back (the DCT's own day included), future looks ahead.
WEEKDAYS = _cases(
    (
        MON,
        "The envoy is scheduled to arrive in Calvenna on Wednesday.",
        "Wednesday",
        DATE,
        "2024-06-19",
    ),
    (MON, "The envoy visited Hanoi on Wednesday.", "Wednesday", DATE, "2024-06-12"),
    (MON, "The spokesperson said on Monday that talks had stalled.", "Monday", DATE, "2024-06-17"),
    (MON, "The two leaders will meet on Friday.", "Friday", DATE, "2024-06-21"),
    (MON, "The court will announce its verdict on Tuesday.", "Tuesday", DATE, "2024-06-18"),
    (MON, "Voting is set to begin Sunday.", "Sunday", DATE, "2024-06-23"),
    (MON, "Protesters gathered outside parliament on Saturday.", "Saturday", DATE, "2024-06-15"),
    (MON, "Rescuers pulled two survivors from the rubble on Sunday.", "Sunday", DATE, "2024-06-16"),
    (MON, "Markets dropped sharply on Thursday.", "Thursday", DATE, "2024-06-13"),
    (WED, "The minister resigned on Monday.", "Monday", DATE, "2024-03-25"),
    (WED, "The delegation will arrive on Friday.", "Friday", DATE, "2024-03-29"),
    (WED, "Officials said Wednesday the strike was over.", "Wednesday", DATE, "2024-03-27"),
    (
        "1998-08-07",
        "The blasts killed dozens on Friday, police said.",
        "Friday",
        DATE,
        "1998-08-07",
    ),
    ("1998-08-07", "The talks will resume Monday.", "Monday", DATE, "1998-08-10"),
    (
        "2024-12-30",
        "The ministry will publish the figures on Thursday.",
        "Thursday",
        DATE,
        "2025-01-02",
    ),
    ("2024-01-02", "Fireworks exploded over the capital on Sunday.", "Sunday", DATE, "2023-12-31"),
)

# Parts of the day are TIME values.
PARTS_OF_DAY = _cases(
    (
        MON,
        "The president will arrive on Wednesday night.",
        "Wednesday night",
        TIME,
        "2024-06-19TNI",
    ),
    (
        "2024-06-19",
        "Hanoi welcomes Putin on Wednesday night.",
        "Wednesday night",
        TIME,
        "2024-06-19TNI",
    ),
    (
        MON,
        "The blast damaged dozens of homes on Friday morning.",
        "Friday morning",
        TIME,
        "2024-06-14TMO",
    ),
    (MON, "The rally took place on Sunday afternoon.", "Sunday afternoon", TIME, "2024-06-16TAF"),
    (
        MON,
        "The committee will vote on Thursday evening.",
        "Thursday evening",
        TIME,
        "2024-06-20TEV",
    ),
    (WED, "The ferry docked on Tuesday night.", "Tuesday night", TIME, "2024-03-26TNI"),
    (MON, "The prime minister will address the nation tonight.", "tonight", TIME, "2024-06-17TNI"),
    (MON, "Police arrested three men this morning.", "this morning", TIME, "2024-06-17TMO"),
    (MON, "The minister will speak this evening.", "this evening", TIME, "2024-06-17TEV"),
    (MON, "A fire broke out at the depot last night.", "last night", TIME, "2024-06-16TNI"),
    (
        MON,
        "The jury reached its verdict yesterday afternoon.",
        "yesterday afternoon",
        TIME,
        "2024-06-16TAF",
    ),
    (MON, "Talks will resume tomorrow morning.", "tomorrow morning", TIME, "2024-06-18TMO"),
)

# Clock times, on the DCT's day unless a day is given.
TIMES = _cases(
    (MON, "The court will reconvene at 2:30 p.m.", "2:30 p.m.", TIME, "2024-06-17T14:30"),
    (
        "2024-06-17T09:30",
        "The minister will speak at 2:30 p.m.",
        "2:30 p.m.",
        TIME,
        "2024-06-17T14:30",
    ),
    (MON, "The vote is due at 3 p.m. Wednesday.", "3 p.m. Wednesday", TIME, "2024-06-19T15:00"),
    (MON, "Polls will close at 9 p.m. Tuesday.", "9 p.m. Tuesday", TIME, "2024-06-18T21:00"),
    (MON, "The ceasefire takes effect at noon.", "noon", TIME, "2024-06-17T12:00"),
    (MON, "Talks ended at noon Thursday.", "noon Thursday", TIME, "2024-06-13T12:00"),
    (MON, "The curfew begins at midnight.", "midnight", TIME, "2024-06-17T24:00"),
    ("1998-08-07", "The first bomb exploded at 10:35 a.m.", "10:35 a.m.", TIME, "1998-08-07T10:35"),
    (MON, "The quake struck at 4 a.m., waking residents.", "4 a.m.", TIME, "2024-06-17T04:00"),
    (MON, "Trading will resume at 09:30.", "09:30", TIME, "2024-06-17T09:30"),
    (
        MON,
        "The deadline passed at 11:59 p.m. Sunday.",
        "11:59 p.m. Sunday",
        TIME,
        "2024-06-16T23:59",
    ),
    (MON, "Flights resume at 6:15 a.m. tomorrow.", "6:15 a.m. tomorrow", TIME, "2024-06-18T06:15"),
)

# Expressions relative to the DCT.
RELATIVE = _cases(
    (MON, "The minister resigned today.", "today", DATE, "2024-06-17"),
    (MON, "Officials confirmed the figures yesterday.", "yesterday", DATE, "2024-06-16"),
    (MON, "The verdict is expected tomorrow.", "tomorrow", DATE, "2024-06-18"),
    (MON, "Several ministers resigned last week.", "last week", DATE, "2024-W24"),
    (MON, "The talks will resume next week.", "next week", DATE, "2024-W26"),
    (MON, "The bill is likely to pass this week.", "this week", DATE, "2024-W25"),
    (MON, "Prices rose 3 percent last month.", "last month", DATE, "2024-05"),
    (MON, "The plant will reopen next month.", "next month", DATE, "2024-07"),
    (MON, "Unemployment has fallen this month.", "this month", DATE, "2024-06"),
    (MON, "The fuel tax will rise next year.", "next year", DATE, "2025"),
    (MON, "Growth has slowed this year.", "this year", DATE, "2024"),
    (MON, "Exports grew last year.", "last year", DATE, "2023"),
    (MON, "The ferry sank two days ago.", "two days ago", DATE, "2024-06-15"),
    (MON, "The ceasefire collapsed four days ago.", "four days ago", DATE, "2024-06-13"),
    (MON, "The talks collapsed a week ago.", "a week ago", DATE, "2024-W24"),
    (MON, "The envoy visited Moscow two weeks ago.", "two weeks ago", DATE, "2024-W23"),
    (MON, "The scandal broke a month ago.", "a month ago", DATE, "2024-05"),
    (MON, "Just nine months ago, the leaders met in Hanoi.", "nine months ago", DATE, "2023-09"),
    (MON, "The mine closed three years ago.", "three years ago", DATE, "2021"),
    (MON, "The law passed 10 years ago.", "10 years ago", DATE, "2014"),
    (
        MON,
        "Ferry bookings were 5 percent higher than a year earlier.",
        "a year earlier",
        DATE,
        "2023",
    ),
    (MON, "The two sides met earlier this month.", "earlier this month", DATE, "2024-06"),
    (MON, "The firm was fined earlier this year.", "earlier this year", DATE, "2024"),
    (MON, "The party will hold a congress later this year.", "later this year", DATE, "2024"),
    (MON, "The company expects to list early next year.", "early next year", DATE, "2025"),
    (MON, "The warrant was issued last March.", "last March", DATE, "2024-03"),
    (MON, "Flooding struck the region over the weekend.", "weekend", DATE, "2024-W24-WE"),
    (MON, "Large crowds are expected this weekend.", "this weekend", DATE, "2024-W25-WE"),
    (WED, "The concert hall was attacked last week.", "last week", DATE, "2024-W12"),
    (WED, "The court issued a warrant last March.", "last March", DATE, "2023-03"),
    (WED, "Putin spoke to Trong by telephone yesterday.", "yesterday", DATE, "2024-03-26"),
    (FRI, "The mediator could arrive as early as next week.", "next week", DATE, "2024-W20"),
    (FRI, "The inspection could happen this month.", "this month", DATE, "2024-05"),
    ("2023-01-05", "Protests erupted last week.", "last week", DATE, "2022-W52"),
    ("2020-12-28", "The vaccine rollout will widen next week.", "next week", DATE, "2021-W01"),
    ("2024-03-01", "Ice closed the port yesterday.", "yesterday", DATE, "2024-02-29"),
    ("2024-03-01", "The strike ended two days ago.", "two days ago", DATE, "2024-02-28"),
    ("2023-12-31", "The new rules apply from tomorrow.", "tomorrow", DATE, "2024-01-01"),
    ("2024-01-15", "Retail sales fell last month.", "last month", DATE, "2023-12"),
    ("2024-12-02", "The bridge will reopen next month.", "next month", DATE, "2025-01"),
)

# Quarters, halves, fiscal years and seasons.
PERIODS = _cases(
    # a numbered week of a month: the ISO week with most of its days there
    (
        "2009-06-04",
        "Ferry bookings rose in the final week of May, operators said.",
        "final week of May",
        DATE,
        "2009-W22",
    ),
    (
        MON,
        "The ferry resumes service in the first week of July.",
        "first week of July",
        DATE,
        "2024-W27",
    ),
    (
        MON,
        "The bank expects growth to pick up in the third quarter.",
        "third quarter",
        DATE,
        "2024-Q3",
    ),
    (MON, "Output fell in the first quarter.", "first quarter", DATE, "2024-Q1"),
    (
        "2024-10-25",
        "The carmaker reported a jump in third-quarter profit.",
        "third-quarter",
        DATE,
        "2024-Q3",
    ),
    ("2025-02-10", "The retailer posted a fourth-quarter loss.", "fourth-quarter", DATE, "2024-Q4"),
    (
        "2025-02-10",
        "Sales fell in the final quarter of 2024.",
        "final quarter of 2024",
        DATE,
        "2024-Q4",
    ),
    ("2024-08-01", "Revenue rose 8 percent in Q2.", "Q2", DATE, "2024-Q2"),
    (MON, "Revenue in fiscal 2023 topped $4 billion.", "fiscal 2023", DATE, "2023"),
    ("2024-07-30", "Profits doubled in the first half.", "first half", DATE, "2024-H1"),
    (MON, "The economy shrank in the second half of 2023.", "second half of 2023", DATE, "2023-H2"),
    (MON, "The embassy will reopen next spring.", "next spring", DATE, "2025-SP"),
    (MON, "The festival returns this summer.", "this summer", DATE, "2024-SU"),
    (MON, "Talks broke down last fall.", "last fall", DATE, "2023-FA"),
    (MON, "The dam was completed in autumn 2022.", "autumn 2022", DATE, "2022-FA"),
    (MON, "Drought hit the south in the summer of 2019.", "summer of 2019", DATE, "2019-SU"),
    (MON, "Construction began in spring 2023.", "spring 2023", DATE, "2023-SP"),
    (MON, "Gas use peaked in the winter of 2021.", "winter of 2021", DATE, "2021-WI"),
)

DURATIONS = _cases(
    (MON, "He spent two years in prison.", "two years", DURATION, "P2Y"),
    # counted units in a row, and bare plurals after "in", "within" or "for"
    (
        MON,
        "The economy shrank for two consecutive quarters.",
        "for two consecutive quarters",
        DURATION,
        "P2Q",
    ),
    (
        MON,
        "Exports grew for three successive months.",
        "for three successive months",
        DURATION,
        "P3M",
    ),
    (MON, "The rally was wiped out in minutes.", "minutes", DURATION, "PTXM"),
    (MON, "The flights were fully booked within hours.", "hours", DURATION, "PTXH"),
    (MON, "Divers searched the lake for days.", "for days", DURATION, "PXD"),
    (
        WED,
        "Over the past two years, the port has doubled its cargo.",
        "past two years",
        DURATION,
        "P2Y",
    ),
    (
        MON,
        "The relationship has cooled over the past two decades.",
        "past two decades",
        DURATION,
        "P20Y",
    ),
    (MON, "Inflation has doubled in the past decade.", "past decade", DURATION, "P10Y"),
    (MON, "Five people died in the past 24 hours.", "past 24 hours", DURATION, "PT24H"),
    ("2024-06-20", "The country has for years avoided taking sides.", "for years", DURATION, "PXY"),
    (MON, "Vietnam had close ties with Russia for many years.", "for many years", DURATION, "PXY"),
    (MON, "The border stayed shut for three days.", "for three days", DURATION, "P3D"),
    (MON, "Rescue teams worked for 48 hours without a break.", "for 48 hours", DURATION, "PT48H"),
    (MON, "The hearing lasted three hours.", "three hours", DURATION, "PT3H"),
    (MON, "The meeting lasted 90 minutes.", "90 minutes", DURATION, "PT90M"),
    (MON, "The clip lasts 30 seconds.", "30 seconds", DURATION, "PT30S"),
    (MON, "The strike lasted a week.", "a week", DURATION, "P1W"),
    (MON, "The loan must be repaid within a month.", "a month", DURATION, "P1M"),
    (MON, "The agency has 18 months to respond.", "18 months", DURATION, "P18M"),
    (MON, "The project took a decade to finish.", "a decade", DURATION, "P10Y"),
    (MON, "After two decades of war, the country is rebuilding.", "two decades", DURATION, "P20Y"),
    (MON, "Negotiations could take several weeks.", "several weeks", DURATION, "PXW"),
    (MON, "The trial could last months.", "months", DURATION, "PXM"),
    (MON, "Officials expect more rain over the next few days.", "next few days", DURATION, "PXD"),
    (
        "2024-10-25",
        "Sales rose 4 percent in the first nine months.",
        "first nine months",
        DURATION,
        "P9M",
    ),
    (MON, "The rebels agreed to a six-month truce.", "six-month", DURATION, "P6M"),
    (MON, "She won a two-year term.", "two-year", DURATION, "P2Y"),
    (MON, "The 10-year bond yield rose.", "10-year", DURATION, "P10Y"),
    (MON, "Officials declared a five-day mourning period.", "five-day", DURATION, "P5D"),
)

SETS = _cases(
    (MON, "The council meets every week.", "every week", SET, "P1W"),
    (MON, "Trains run every day.", "every day", SET, "P1D"),
    (MON, "Prices are reviewed every month.", "every month", SET, "P1M"),
    (MON, "Thousands of tourists visit each year.", "each year", SET, "P1Y"),
    (MON, "Elections are held every four years.", "every four years", SET, "P4Y"),
    (MON, "The agency publishes figures daily.", "daily", SET, "P1D"),
    (MON, "The ministry briefs reporters weekly, on Fridays.", "weekly", SET, "P1W"),
    (MON, "The index is updated monthly.", "monthly", SET, "P1M"),
    (MON, "The report is released annually.", "annually", SET, "P1Y"),
    (MON, "Readings are taken hourly.", "hourly", SET, "PT1H"),
    (MON, "The board meets twice a year.", "twice a year", SET, "P1Y"),
    (MON, "Inspectors visit once a week.", "once a week", SET, "P1W"),
    (MON, "Protesters gather each Monday.", "each Monday", SET, "XXXX-WXX-1"),
    (MON, "Veterans march every Sunday.", "every Sunday", SET, "XXXX-WXX-7"),
    (MON, "The festival is held each July.", "each July", SET, "XXXX-07"),
    (MON, "Herders move their flocks every summer.", "every summer", SET, "XXXX-SU"),
)

# Vague references to the present, past and future.
FUZZY = _cases(
    (MON, "Analysts say the port will one day rival Rotterdam.", "one day", DATE, "FUTURE_REF"),
    (MON, "The festival lasted one day, organisers said.", "one day", DURATION, "P1D"),
    (MON, "The factory is now closed.", "now", DATE, "PRESENT_REF"),
    (WED, "Hanoi currently has five such partnerships.", "currently", DATE, "PRESENT_REF"),
    (
        MON,
        "Given the current sanctions, trade is unlikely to grow.",
        "current",
        DATE,
        "PRESENT_REF",
    ),
    (MON, "Few people read printed newspapers nowadays.", "nowadays", DATE, "PRESENT_REF"),
    (MON, "These days the port handles mostly containers.", "These days", DATE, "PRESENT_REF"),
    (MON, "The minister recently returned from Beijing.", "recently", DATE, "PAST_REF"),
    ("2024-06-19", "This is shown by recent visits from both leaders.", "recent", DATE, "PAST_REF"),
    (
        "2024-06-20",
        "Both leaders have visited in recent months.",
        "in recent months",
        DATE,
        "PAST_REF",
    ),
    (
        "2024-06-20",
        "Timber exports have fallen sharply in recent years.",
        "in recent years",
        DATE,
        "PAST_REF",
    ),
    (MON, "The ministry admitted mistakes made in the past.", "past", DATE, "PAST_REF"),
    (WED, "The committee could soon publish its findings.", "soon", DATE, "FUTURE_REF"),
    (
        WED,
        "He accepted an invitation to visit in the near future.",
        "near future",
        DATE,
        "FUTURE_REF",
    ),
    (MON, "The party must plan for the future.", "future", DATE, "FUTURE_REF"),
    (MON, "Analysts are watching the upcoming visit.", "upcoming", DATE, "FUTURE_REF"),
)

RANGES = _cases(
    (
        FRI,
        "Organisers said the fair would run on May 15 and 16.",
        "May 15 and 16",
        DATE,
        "2024-05-15/2024-05-16",
    ),
    (
        "2024-05-20",
        "The forum will be held June 3-5 in Singapore.",
        "June 3-5",
        DATE,
        "2024-06-03/2024-06-05",
    ),
    (MON, "Talks were held Oct. 3-4 in Geneva.", "Oct. 3-4", DATE, "2023-10-03/2023-10-04"),
    (
        MON,
        "Prices held steady between June 3 and June 7.",
        "June 3 and June 7",
        DATE,
        "2024-06-03/2024-06-07",
    ),
    (
        MON,
        "Putin will travel to Pyongyang for a Tuesday-Wednesday visit.",
        "Tuesday-Wednesday",
        DATE,
        "2024-06-18/2024-06-19",
    ),
    (
        MON,
        "The summit will run from Tuesday to Thursday.",
        "Tuesday to Thursday",
        DATE,
        "2024-06-18/2024-06-20",
    ),
    (
        WED,
        "The survey ship mapped the bay in April-May 2022.",
        "April-May 2022",
        DATE,
        "2022-04/2022-05",
    ),
    (MON, "Output grew between 2012 and 2014.", "2012 and 2014", DATE, "2012/2014"),
    (MON, "He led the agency from 2010 to 2015.", "2010 to 2015", DATE, "2010/2015"),
    (MON, "He served as mayor in 2019–2021.", "2019–2021", DATE, "2019/2021"),
    (
        MON,
        "The country never recovered from its 1998-2002 depression.",
        "1998-2002",
        DATE,
        "1998/2002",
    ),
    (
        MON,
        "Shops will open from 9 a.m. to 5 p.m.",
        "9 a.m. to 5 p.m.",
        TIME,
        "2024-06-17T09:00/2024-06-17T17:00",
    ),
    # Two complete expressions joined by "and" stay two Timexes (seed 001).
    (
        MON,
        "The delegation is scheduled to tour the docks on Wednesday and Thursday.",
        "Wednesday",
        DATE,
        "2024-06-19",
    ),
    (
        MON,
        "The delegation is scheduled to tour the docks on Wednesday and Thursday.",
        "Thursday",
        DATE,
        "2024-06-20",
    ),
)

# "since" opens an interval up to the DCT; the value is its anchor. Eras are year ranges.
ANCHORS_AND_ERAS = _cases(
    ("2024-06-19", "It is the union's first strike since 2017.", "since 2017", DATE, "2017"),
    (MON, "Prices have doubled since March.", "since March", DATE, "2024-03"),
    (MON, "The bridge has been closed since June 3.", "since June 3", DATE, "2024-06-03"),
    (MON, "The border has been shut since last year.", "since last year", DATE, "2023"),
    (
        "2024-06-19",
        "The old radar station was built in the Cold War era.",
        "Cold War era",
        DATE,
        "1947/1991",
    ),
    (FRI, "Its Soviet-era equipment is ageing.", "Soviet-era", DATE, "1922/1991"),
    (WED, "Russia gave Vietnam great help during the Soviet era.", "Soviet era", DATE, "1922/1991"),
)

# Context beyond the verb's tense: prepositions, possessives, attributive dates, the date the
# text last gave, clock times with their zone and day, and fixed forms news uses.
CONTEXT = _cases(
    # a narrative moves on from the last day it gave
    (
        MON,
        "The envoy landed in Cairo on June 3. The next day, she met the foreign minister.",
        "next day",
        DATE,
        "2024-06-04",
    ),
    (
        MON,
        "The strike began on Tuesday and the union met managers the following morning.",
        "following morning",
        TIME,
        "2024-06-12TMO",
    ),
    (
        "1998-10-26",
        "The shop was raided on Oct. 21. The day before, its owner had left town.",
        "day before",
        DATE,
        "1998-10-20",
    ),
    (
        "1998-10-26",
        "The firm filed its claim on Oct. 21, and the court ruled that same day.",
        "that same day",
        DATE,
        "1998-10-21",
    ),
    (MON, "Shares have gained 4% since Tuesday.", "since Tuesday", DATE, "2024-06-11"),
    (WED, "The government kept the markets closed until Friday.", "Friday", DATE, "2024-03-29"),
    (
        MON,
        "Analysts said investors were likely to buy as soon as trading opened Tuesday.",
        "Tuesday",
        DATE,
        "2024-06-18",
    ),
    (FRI, "Lawyers for the family will appeal Tuesday's ruling.", "Tuesday", DATE, "2024-05-07"),
    (
        "1990-08-16",
        "The mill warned customers of a cut in its paper supply in September.",
        "September",
        DATE,
        "1990-09",
    ),
    (
        MON,
        "The regulator gave the bidder until mid-August to reply.",
        "mid-August",
        DATE,
        "2024-08",
    ),
    (
        "1999-04-19",
        "Police say they have gathered evidence in the October slaying.",
        "October",
        DATE,
        "1998-10",
    ),
    (
        "1999-05-06",
        "Divers kept looking for the boat after the Oct. 23 storm.",
        "Oct. 23",
        DATE,
        "1998-10-23",
    ),
    (
        MON,
        "He was promoted in 1995, and the following year he moved to Paris.",
        "following year",
        DATE,
        "1996",
    ),
    (
        "2009-03-02",
        "Ticket sales fell 17% in February compared with the previous year.",
        "previous year",
        DATE,
        "2008",
    ),
    (
        MON,
        "Imports totaled $37 million in 1988, a small share of imports that year.",
        "that year",
        DATE,
        "1988",
    ),
    (
        "1989-10-30",
        "The river gauge read 3.2 metres on Friday, up slightly from the previous Friday.",
        "previous Friday",
        DATE,
        "1989-10-20",
    ),
    (
        MON,
        "The brewery lost money in the third quarter. Its figures for that quarter show a charge.",
        "that quarter",
        DATE,
        "2023-Q3",
    ),
    (MON, "Hate groups multiplied over the past year.", "past year", DATE, "2023"),
    (MON, "Profits rose 78% during the last quarter.", "last quarter", DATE, "2024-Q1"),
    (
        MON,
        "The council hopes to finish the bridge by the end of the year.",
        "end of the year",
        DATE,
        "2024",
    ),
    ("2009-02-24", "The shares slid 2.8% to end the day at 41.5 pence.", "day", DATE, "2009-02-24"),
    (
        "1998-02-13",
        "The minister reached Lyon later in the day.",
        "day",
        DATE,
        "1998-02-13",
    ),
    (
        "2009-04-04",
        "Stocks rose on Friday after a report released on the same day.",
        "same day",
        DATE,
        "2009-04-03",
    ),
    (
        "2008-09-17",
        "The ferry left the harbour at 16:08 UTC.",
        "16:08 UTC",
        TIME,
        "2008-09-17T16:08Z",
    ),
    (
        "2008-09-18",
        "At 0800 UTC, five central banks announced the plan.",
        "0800 UTC",
        TIME,
        "2008-09-18T08:00Z",
    ),
    (
        "2009-06-01",
        "The carmaker filed for bankruptcy at 12:00 UTC Monday.",
        "12:00 UTC Monday",
        TIME,
        "2009-06-01T12:00Z",
    ),
    (
        "2009-06-04",
        "The rescue team landed at 14:40 UTC, June 2nd, after a long flight.",
        "14:40 UTC, June 2nd",
        TIME,
        "2009-06-02T14:40Z",
    ),
    (
        "1989-11-02",
        "Voting stays open until 6 p.m. EST Nov. 12.",
        "6 p.m. EST Nov. 12",
        TIME,
        "1989-11-12T18:00",
    ),
    (MON, "The crew stayed on the island for 2 1/2 years.", "for 2 1/2 years", DURATION, "P2Y6M"),
    (MON, "The hearing lasted about 5 1/2 hours.", "about 5 1/2 hours", DURATION, "PT5H30M"),
    (MON, "The boy became a symbol of a decades-long feud.", "decades-long", DURATION, "PXY"),
    (MON, "The family left their third day-long meeting.", "day-long", DURATION, "P1D"),
    (MON, "It was the largest single-day rainfall since 1987.", "single-day", DURATION, "P1D"),
    (MON, "The charity raised $3 million over the year ended March 31.", "year", DURATION, "P1Y"),
    (
        MON,
        "In its fiscal year ended Jan. 31, membership fell.",
        "fiscal year",
        DURATION,
        "P1Y",
    ),
    # words that look like future cues but are not
    (
        MON,
        "The blast damaged a building next to the embassy on Friday.",
        "Friday",
        DATE,
        "2024-06-14",
    ),
    (
        MON,
        "Concern may have caused a drop in trading on Wednesday.",
        "Wednesday",
        DATE,
        "2024-06-12",
    ),
)

# Without a DCT, absolute expressions keep their value and relative ones keep X for the unknown.
# News forms added for TempEval-3: each rule with its own cases, in our own words.
NEWS_FORMS = _cases(
    # a year or a month given in words, as broadcast transcripts write them
    (
        "1998-03-02",
        "Oil last traded that low in the autumn of nineteen ninety-three.",
        "autumn of nineteen ninety-three",
        DATE,
        "1993-FA",
    ),
    (
        "1998-03-02",
        "February nineteen ninety-six. A second storm hit the coast.",
        "February nineteen ninety-six",
        DATE,
        "1996-02",
    ),
    (
        "1998-03-02",
        "The party promised full employment by the year two thousand.",
        "year two thousand",
        DATE,
        "2000",
    ),
    # "the year" standing as a time after a preposition is the DCT's year
    (
        "2001-11-05",
        "Revenue for the full year rose 8%, the retailer said.",
        "full year",
        DATE,
        "2001",
    ),
    ("2001-11-05", "For the year, shipments were flat.", "year", DATE, "2001"),
    (
        "2001-11-05",
        "Floods delayed planting earlier in the year across the delta.",
        "earlier in the year",
        DATE,
        "2001",
    ),
    # a season without "this" or "last", after a preposition, by the tense
    (
        "2001-11-05",
        "Over the summer, rival brewers cut their prices.",
        "summer",
        DATE,
        "2001-SU",
    ),
    (
        "2001-11-05",
        "Orders recovered from the weak levels of the early summer, the mill said.",
        "early summer",
        DATE,
        "2001-SU",
    ),
    (
        "2001-11-05",
        "The new line will open in the spring, the carmaker says.",
        "spring",
        DATE,
        "2002-SP",
    ),
    # vague future periods
    (
        "2001-11-05",
        "Analysts see weaker margins in coming quarters.",
        "in coming quarters",
        DATE,
        "FUTURE_REF",
    ),
    (
        "2001-11-05",
        "The board will not sell the unit in the short term.",
        "short term",
        DATE,
        "FUTURE_REF",
    ),
    (
        "2001-11-05",
        "The lender will set the price at a later date.",
        "a later date",
        DATE,
        "FUTURE_REF",
    ),
    (
        "2001-11-05",
        "Creditors want the plant sold as soon as possible.",
        "as soon as possible",
        DATE,
        "FUTURE_REF",
    ),
    # a part of a named day, or of the day being written about
    (
        "2001-11-05",
        "In Frankfurt at mid-afternoon yesterday, the shares had recovered.",
        "mid-afternoon yesterday",
        TIME,
        "2001-11-04TAF",
    ),
    (
        "2001-11-05",
        "Brokers sold heavily on Friday, mostly in the morning, before a late rally.",
        "morning",
        TIME,
        "2001-11-02TMO",
    ),
    (
        "2001-11-05",
        "The ferry leaves at 5 in the morning, the captain said.",
        "5 in the morning",
        TIME,
        "2001-11-05T05:00",
    ),
    (
        "2001-11-05",
        "The ferry leaves at 9 in the evening, the captain said.",
        "9 in the evening",
        TIME,
        "2001-11-05T21:00",
    ),
    # "last" before a month and day: the day, dated by the tense
    (
        "1999-04-19",
        "The clinic doctor was killed last Oct. 23 outside his house.",
        "Oct. 23",
        DATE,
        "1998-10-23",
    ),
    ("2000-02-24", "The trial opens the week of March 6.", "week of March 6", DATE, "2000-W10"),
    (
        "2000-02-24",
        "The post-1959 exodus divided many families.",
        "post-1959",
        DATE,
        "1959",
    ),
    ("2000-02-24", "Over the years, the village emptied.", "years", DURATION, "PXY"),
    (
        "2000-02-24",
        "The jet touched down a minute and a half behind schedule.",
        "a minute and a half",
        DURATION,
        "PT1M30S",
    ),
    (
        "2000-02-24",
        "The lender may extend the loan for an additional year.",
        "for an additional year",
        DURATION,
        "P1Y",
    ),
    (
        "2000-02-24",
        "Settlement takes three business days.",
        "three business days",
        DURATION,
        "P3D",
    ),
    (
        "2000-02-24",
        "The option lapses on March 31. Until then, holders may convert.",
        "then",
        DATE,
        "2000-03-31",
    ),
    # frequency adjectives before a noun that recurs
    ("2000-02-24", "The mayor gave his weekly radio talk.", "weekly", SET, "P1W"),
    ("2000-02-24", "Average hourly wages rose 3%.", "hourly", SET, "PT1H"),
    # earnings reports: "the latest quarter" is one that is over, even after a mention of
    # the quarter now running; after "the first nine months" the comparison ("a year
    # earlier", "the 1988 period") is with that period's year, not with a quarter
    (
        "2001-11-05",
        "The insurer expects a fourth-quarter charge. Earnings fell 20% in the latest quarter.",
        "latest quarter",
        DATE,
        "2001-Q3",
    ),
    (
        "2001-11-05",
        "Profit rose in the third quarter. Over the first nine months, earnings reached "
        "$4 million, "
        "up from $3 million a year earlier.",
        "a year earlier",
        DATE,
        "2000",
    ),
    (
        "2001-11-05",
        "Profit rose in the third quarter. Income in the year-earlier nine months held a gain.",
        "year-earlier nine months",
        DURATION,
        "P9M",
    ),
    (
        "2001-11-05",
        "The bank posted a third-quarter loss. In the quarter a year ago, it earned $2 million.",
        "quarter a year ago",
        DATE,
        "2000-Q3",
    ),
    # a weekday ends at a line break: the dateline below a headline is a date of its own
    (
        "2008-09-18",
        "Bourses to stay shut until Friday\n\nSeptember 18, 2008\n\nTrading halted again.",
        "Friday",
        DATE,
        "2008-09-19",
    ),
    # "the same period last year": the period just reported on, a year before
    (
        "2009-03-03",
        "Truck sales slid 20% in February against the same period last year.",
        "same period last year",
        DATE,
        "2008-02",
    ),
    (
        "2001-11-05",
        "Third-quarter revenue was flat with the corresponding quarter a year ago.",
        "corresponding quarter a year ago",
        DATE,
        "2000-Q3",
    ),
    (
        "2001-11-05",
        "Orders were up from the comparable period a year earlier.",
        "comparable period a year earlier",
        DATE,
        "2000",
    ),
    # in an earnings report, a figure compared with "last year" is the same quarter a year
    # before, unless the sentence is about the year
    (
        "2001-11-05",
        "Third-quarter profit climbed to $9 million, compared with $4 million last year.",
        "last year",
        DATE,
        "2000-Q3",
    ),
    (
        "2001-11-05",
        "Sales this year's third quarter slid to $8 million, down from $10 million last year.",
        "last year",
        DATE,
        "2000",
    ),
    (
        "2001-11-05",
        "The lender earned $7 million in the third quarter. Last year it lost money.",
        "Last year",
        DATE,
        "2000",
    ),
    (
        "2001-11-05",
        "Steelmakers expect losses through the first two quarters of 2002.",
        "first two quarters of 2002",
        DATE,
        "2002-H1",
    ),
    (
        "2001-11-05",
        "Sales slowed in the last half of 2001, the brewer said.",
        "last half of 2001",
        DATE,
        "2001-H2",
    ),
    (
        "2001-11-05",
        "Holders may buy shares at half the then current price.",
        "then current",
        DATE,
        "PAST_REF",
    ),
    (
        "2001-11-05",
        "Dealers saw similar selling in past years, too.",
        "in past years",
        DATE,
        "PAST_REF",
    ),
    (
        "2001-11-05",
        "Insurers have struggled in recent quarters.",
        "recent quarters",
        DATE,
        "PAST_REF",
    ),
    # a number of hours "later" has no calendar day to land on: the length is kept
    (
        "2001-11-05",
        "Barely over an hour later, the ferry docked.",
        "over an hour",
        DURATION,
        "PT1H",
    ),
    # a month before its noun, after "the"
    (
        "1999-02-10",
        "The March accession will let the three states vote.",
        "March",
        DATE,
        "1999-03",
    ),
    # tense across clauses: a verb in a "that" clause or behind a quotation mark is not
    # the one governing the weekday
    (
        "1998-02-13",
        "The president brushed aside Kremlin warnings on Thursday that raids could harm ties.",
        "Thursday",
        DATE,
        "1998-02-12",
    ),
    (
        "1998-02-13",
        "Statement from the palace on Thursday: ``We are ready to talk.''",
        "Thursday",
        DATE,
        "1998-02-12",
    ),
    # a plan in the past perfect, and "until" before a past perfect, are over by the DCT
    (
        "1989-10-30",
        "The tender offer had been set to lapse Friday evening.",
        "Friday evening",
        TIME,
        "1989-10-27TEV",
    ),
    (
        "1999-05-07",
        "Until Thursday, police had not named him a suspect.",
        "Thursday",
        DATE,
        "1999-05-06",
    ),
    ("1999-05-07", "The bridge stays shut until Thursday.", "Thursday", DATE, "1999-05-13"),
    # a month whose tense does not place it: the coming one only when it is near or a
    # deadline, else the one already gone
    (
        "1989-10-30",
        "The shares climbed to $55 in June, up from $31 in March.",
        "March",
        DATE,
        "1989-03",
    ),
    (
        "1989-10-30",
        "The plan calls for the bank loan to be repaid by February.",
        "February",
        DATE,
        "1990-02",
    ),
    ("1989-10-30", "Its new plant is ready to start in December.", "December", DATE, "1989-12"),
)

NO_DCT = _cases(
    (None, "The treaty was signed on June 19, 2024.", "June 19, 2024", DATE, "2024-06-19"),
    (None, "The country was founded in 1945.", "1945", DATE, "1945"),
    (None, "The plant opened in June.", "June", DATE, "XXXX-06"),
    (None, "The strike ended on Wednesday.", "Wednesday", DATE, "XXXX-WXX-3"),
    (None, "The ceasefire lasted two years.", "two years", DURATION, "P2Y"),
    (None, "Inspectors visit every week.", "every week", SET, "P1W"),
    (None, "The shop will reopen soon.", "soon", DATE, "FUTURE_REF"),
    # a relative quarter without a DCT must not become the quarter "year-earlier" refers to
    (
        None,
        "Sales next quarter should beat the year-earlier period.",
        "next quarter",
        DATE,
        "XXXX-QX",
    ),
)

# The forms outlets outside the United States write (issue 18): the day before the month,
# day ranges ending on a month, a part of the day after a date, numeric dates with full
# stops (day first) and slashes (day first where the text's own dates say so), an
# ordinal day without its month, a weekday with its date.
WORLDWIDE = _cases(
    (
        "2024-06-20",
        "Leaders met on 18-19 June in the old capital.",
        "18-19 June",
        DATE,
        "2024-06-18/2024-06-19",
    ),
    (
        "2024-06-20",
        "The festival ran 18–19 June 2024 despite the rain.",
        "18–19 June 2024",
        DATE,
        "2024-06-18/2024-06-19",
    ),
    (
        "2024-06-20",
        "Inspectors visited the site from 17 to 19 June.",
        "17 to 19 June",
        DATE,
        "2024-06-17/2024-06-19",
    ),
    (
        "2024-07-03",
        "Ferries were cancelled on 30 June-1 July because of the storm.",
        "30 June-1 July",
        DATE,
        "2024-06-30/2024-07-01",
    ),
    (
        "2024-06-20",
        "A warehouse burned on June 19 night near the harbour.",
        "June 19 night",
        TIME,
        "2024-06-19TNI",
    ),
    (
        "2024-06-20",
        "Residents heard shots on 19 June evening, the mayor said.",
        "19 June evening",
        TIME,
        "2024-06-19TEV",
    ),
    # TimeBank tags the date alone in "the night of Oct. 23"
    (
        "2024-06-20",
        "The vessel sank on the night of June 19, officials said.",
        "June 19",
        DATE,
        "2024-06-19",
    ),
    (
        "2024-06-25",
        "The ministry released the figures on 20.06.2024 in a short note.",
        "20.06.2024",
        DATE,
        "2024-06-20",
    ),
    (
        "2024-06-25",
        "The decree is dated 5.6.2024 and took effect at once.",
        "5.6.2024",
        DATE,
        "2024-06-05",
    ),
    (
        "2024-06-25",
        "The notice, dated 2024/06/20, was posted online.",
        "2024/06/20",
        DATE,
        "2024-06-20",
    ),
    (
        "2024-06-25",
        "The memo dated 06/20/2024 reached the board.",
        "06/20/2024",
        DATE,
        "2024-06-20",
    ),
    (
        "2024-06-25",
        "The memo dated 20/06/2024 reached the board.",
        "20/06/2024",
        DATE,
        "2024-06-20",
    ),
    # an ambiguous slashed date takes the order another slashed date of the text forces
    (
        "2024-06-25",
        "The first memo is dated 05/06/2024; the second 20/06/2024.",
        "05/06/2024",
        DATE,
        "2024-06-05",
    ),
    # ... or, without one, the order of the dates the text writes in words
    (
        "2024-06-25",
        "The tender closed on 3 June. The form says 04/06/2024 at the top.",
        "04/06/2024",
        DATE,
        "2024-06-04",
    ),
    (
        "2024-06-25",
        "The tender closed on June 3. The form says 04/06/2024 at the top.",
        "04/06/2024",
        DATE,
        "2024-04-06",
    ),
    (
        "2024-06-20",
        "Polls opened on the 17th and closed on the 19th.",
        "17th",
        DATE,
        "2024-06-17",
    ),
    (
        "2024-06-20",
        "Polls opened on the 17th and closed on the 19th.",
        "19th",
        DATE,
        "2024-06-19",
    ),
    (
        "2024-06-03",
        "The court said it will rule by the 28th.",
        "28th",
        DATE,
        "2024-06-28",
    ),
    (
        "2024-06-03",
        "The strike began on the 28th of last month.",
        "28th of last month",
        DATE,
        "2024-05-28",
    ),
    (
        "2024-06-20",
        "He landed on Monday, 17 June and met the press.",
        "Monday, 17 June",
        DATE,
        "2024-06-17",
    ),
    (
        "2024-06-20",
        "The verdict came on Wednesday 19th June after a long trial.",
        "Wednesday 19th June",
        DATE,
        "2024-06-19",
    ),
    (
        "2024-06-20",
        "The ballots were counted on Sunday the 16th.",
        "Sunday the 16th",
        DATE,
        "2024-06-16",
    ),
    (
        "2024-06-20",
        "The ballots were counted on Sunday 16th, the board said.",
        "Sunday 16th",
        DATE,
        "2024-06-16",
    ),
    # the weekday picks the month, on the side of the DCT the tense gives
    (
        "2024-06-20",
        "The old mill closed on Friday the 13th.",
        "Friday the 13th",
        DATE,
        "2023-10-13",
    ),
    # a negated "could" reports what already failed, not what may come
    (
        "2024-06-20",
        "The minister could not be reached for comment on Wednesday.",
        "Wednesday",
        DATE,
        "2024-06-19",
    ),
    # datelines and clock times as wire services and British papers write them
    (
        "2024-03-05",
        "GENEVA | Tue Mar 5, 2024 9:12 am EST GENEVA - Talks resumed.",
        "Tue Mar 5, 2024",
        DATE,
        "2024-03-05",
    ),
    (
        "2024-03-05",
        "GENEVA | Tue Mar 5, 2024 9:12 am EST GENEVA - Talks resumed.",
        "9:12 am EST",
        TIME,
        "2024-03-05T09:12",
    ),
    (
        "2024-04-28",
        "Ferry strike spreads Sunday 28 April 2024 18.17 BST Unions said more stoppages loom.",
        "18.17 BST",
        TIME,
        "2024-04-28T18:17",
    ),
    ("2024-04-28", "The helpline opens at 0830 BST daily.", "0830 BST", TIME, "2024-04-28T08:30"),
    (
        "2024-03-05",
        "The jet that was turned away on Tuesday last week carried two crew.",
        "Tuesday last week",
        DATE,
        "2024-02-27",
    ),
    (
        "2024-03-05",
        "The board meets again on Friday next week.",
        "Friday next week",
        DATE,
        "2024-03-15",
    ),
    (
        "2024-06-12",
        "At 08:11 am on 01 Jun 2024, a reader wrote that the vote was rigged.",
        "08:11 am on 01 Jun 2024",
        TIME,
        "2024-06-01T08:11",
    ),
    ("2024-06-12", "Comments closed on 03 Jun 2024 at noon.", "03 Jun 2024", DATE, "2024-06-03"),
    ("2024-03-05", "Protests grew after January the 25th.", "January the 25th", DATE, "2024-01-25"),
    (
        "2024-06-20",
        "The blast came at 14:30 local time on 19 June, police said.",
        "14:30 local time on 19 June",
        TIME,
        "2024-06-19T14:30",
    ),
    (
        "2024-06-25",
        "The ruling was filed 19-Jun-2024 by the clerk.",
        "19-Jun-2024",
        DATE,
        "2024-06-19",
    ),
    # years counted from the last year the text gave, not from the DCT
    (
        "2024-03-05",
        "The 1990 album sold well. Twelve years later, the band split.",
        "Twelve years later",
        DATE,
        "2002",
    ),
    ("2024-06-20", "The law took effect on 1st July.", "1st July", DATE, "2024-07-01"),
    ("2024-06-20", "The law took effect on the 1st of July.", "1st of July", DATE, "2024-07-01"),
)

KINDS: dict[str, list[Case]] = {
    "absolute": ABSOLUTE,
    "tense": BY_TENSE,
    "weekday": WEEKDAYS,
    "part-of-day": PARTS_OF_DAY,
    "time": TIMES,
    "relative": RELATIVE,
    "period": PERIODS,
    "duration": DURATIONS,
    "set": SETS,
    "fuzzy": FUZZY,
    "range": RANGES,
    "anchor-era": ANCHORS_AND_ERAS,
    "context": CONTEXT,
    "news-forms": NEWS_FORMS,
    "worldwide": WORLDWIDE,
    "no-dct": NO_DCT,
}

# The period an earnings report compares with (session 10, read on the TempEval-3 and
# MEANTIME tune parts): the quarter reported on is the latest finished one the text names,
# not a forecast or an earlier quarter mentioned in passing; "the entire year" is that
# quarter's year; "the day" of a market report is the last full date given, and "by that
# time" the date the text gave last.
REPORTED_PERIODS = _cases(
    (
        "2023-10-26",
        "Acme posted a drop in third-quarter profit. Analysts see losses through the second "
        "quarter of 2024. In the year-ago period, Acme earned $80 million.",
        "year-ago period",
        DATE,
        "2022-Q3",
    ),
    (
        "2023-11-01",
        "Acme posted a gain in third-quarter net income. After a flat second quarter, it cut "
        "costs. Charges taken in the year-earlier period hurt results.",
        "year-earlier period",
        DATE,
        "2022-Q3",
    ),
    (
        "2023-10-26",
        "Acme reported third-quarter profit. Analysts expect weakness to continue into the "
        "fourth quarter. A year-ago charge was not repeated.",
        "year-ago",
        DATE,
        "2022-Q3",
    ),
    (
        "2024-01-27",
        "Acme lost $2 billion in the fourth quarter of 2023 and $8 billion for the entire year.",
        "entire year",
        DATE,
        "2023",
    ),
    (
        "2009-04-04",
        "Stocks rose on April 3. A report said 600,000 jobs went in March. The index gained 1%, "
        "ending the day at 8,017.",
        "day",
        DATE,
        "2009-04-03",
    ),
    (
        "2011-05-29",
        "The sale should close by June 10. If no price is agreed by that time, a panel sets it.",
        "that time",
        DATE,
        "2011-06-10",
    ),
)

KINDS["reported-period"] = REPORTED_PERIODS

# Session 11: streaks counted in calendar units are the unit reached, the one written about.
STREAKS = _cases(
    (
        "2024-06-19",
        "Shares in Acme fell for a third consecutive day.",
        "a third consecutive day",
        DATE,
        "2024-06-19",
    ),
    (
        "2024-06-19",
        "Acme's shares rose on June 17, for a second straight session.",
        "a second straight session",
        DATE,
        "2024-06-17",
    ),
    (
        "2024-06-22",
        "Markets posted gains for the fourth week in a row.",
        "fourth week",
        DATE,
        "2024-W25",
    ),
    (
        "2024-06-19",
        "Retail sales slipped for the third straight month.",
        "third straight month",
        DATE,
        "2024-06",
    ),
    (
        "2024-06-19",
        "Exports grew for a 5th successive quarter.",
        "a 5th successive quarter",
        DATE,
        "2024-Q2",
    ),
)

KINDS["streak"] = STREAKS

# An agreement to do something looks ahead to it; a time before the verb keeps its past.
AGREEMENTS = _cases(
    (
        "1989-11-01",
        "Acme agreed to buy the unit for $22 million in February.",
        "February",
        DATE,
        "1990-02",
    ),
    (
        "1989-11-01",
        "Acme announced an agreement to acquire the bank in January.",
        "January",
        DATE,
        "1990-01",
    ),
    ("1989-11-01", "On Tuesday, Acme agreed to pay $5 million.", "Tuesday", DATE, "1989-10-31"),
    ("1989-11-01", "Acme bought the bank in January.", "January", DATE, "1989-01"),
    # "agreed to" before a noun is an agreement made then, not a plan
    ("1989-11-01", "Acme agreed to a merger in May.", "May", DATE, "1989-05"),
)

KINDS["agreement"] = AGREEMENTS

# "the day before" / "the day after" a date is the day beside it, one expression.
DAYS_BESIDE = _cases(
    (
        "2024-06-20",
        "The day before last Tuesday's hearing, the lawyers met.",
        "day before last Tuesday",
        DATE,
        "2024-06-17",
    ),
    (
        "2024-12-30",
        "Shops reopened the day after Christmas.",
        "day after Christmas",
        DATE,
        "2024-12-26",
    ),
    (
        "2024-06-20",
        "The talks began on June 3 and the deal came the day after June 5.",
        "day after June 5",
        DATE,
        "2024-06-06",
    ),
)

KINDS["day-beside"] = DAYS_BESIDE

# A bare part of the day before a market's session is a time: that part of the day written
# about, the last full date given even with a month named since.
SESSIONS = _cases(
    (
        "2024-06-19",
        "Acme said on Tuesday that sales rose in May. Its shares hit a high in morning trading.",
        "morning",
        TIME,
        "2024-06-18TMO",
    ),
    ("2024-06-19", "Prices slipped in afternoon dealings.", "afternoon", TIME, "2024-06-19TAF"),
)

KINDS["session"] = SESSIONS

# "the weeks ahead" is a vague stretch of weeks to come, as "the next few weeks" is.
AHEAD = _cases(
    ("2024-06-19", "Funds may see more outflows in the weeks ahead.", "weeks", DURATION, "PXW"),
    ("2024-06-19", "The months ahead will be hard for the airline.", "months", DURATION, "PXM"),
)

KINDS["ahead"] = AHEAD

# A count compared with a plan or another time ("later than planned", "earlier than last
# year") is the gap between them, no date counted from the last one; restating a date just
# given ("on June 21, two days later than planned") it is that date.
COMPARED = _cases(
    (
        "2024-06-17",
        "The ferry will dock on June 21, two days later than originally planned.",
        "two days later than originally planned",
        DATE,
        "2024-06-21",
    ),
    (
        "2024-06-17",
        "The new terminal opened on June 3. The line opened two weeks later than expected.",
        "two weeks later than expected",
        DURATION,
        "P2W",
    ),
    (
        "2024-06-17",
        "The bridge was finished a year earlier than scheduled.",
        "a year earlier than scheduled",
        DURATION,
        "P1Y",
    ),
    (
        "2024-06-17",
        "Harvests began a month later than they did in 2023.",
        "a month later",
        DURATION,
        "P1M",
    ),
    (
        "2024-06-17",
        "The vaccine was ready weeks earlier than expected.",
        "weeks earlier than expected",
        DURATION,
        "PXW",
    ),
)

KINDS["compared"] = COMPARED

# A quantity "a year" is a rate, a SET as "twice a year" is; a length stays a duration.
RATES = _cases(
    (MON, "The merger will save about $40 million a year.", "a year", SET, "P1Y"),
    (MON, "The yard delivers ships at a rate of 12 a year.", "a year", SET, "P1Y"),
    (MON, "The plant bottles ninety thousand crates a month.", "a month", SET, "P1M"),
    (MON, "Rents have risen 4% a year.", "a year", SET, "P1Y"),
    (MON, "On June 3 a week after the vote the minister resigned.", "a week", DURATION, "P1W"),
    (MON, "The talks lasted a week.", "a week", DURATION, "P1W"),
)

KINDS["rate"] = RATES

# A count back or forth without a number is some of them, not one: "years ago" is no year
# ago; "months later" is past in a past narrative and future in a forecast.
VAGUE_COUNTS = _cases(
    (MON, "The mill closed years ago.", "years ago", DATE, "PAST_REF"),
    (MON, "Decades ago the port was busy.", "Decades ago", DATE, "PAST_REF"),
    (MON, "Months later, the firm collapsed.", "Months later", DATE, "PAST_REF"),
    (MON, "Weeks later the talks will resume.", "Weeks later", DATE, "FUTURE_REF"),
)

KINDS["vague_count"] = VAGUE_COUNTS

# "in a year or two" is some time to come; "a week or two ago" some time back.
OR_TWO = _cases(
    (MON, "You may, in a year or two, see the results.", "a year or two", DATE, "FUTURE_REF"),
    (MON, "The mill closed a week or two ago.", "a week or two ago", DATE, "PAST_REF"),
    (MON, "He returned in a week or two.", "a week or two", DURATION, "PXW"),
)

KINDS["or_two"] = OR_TWO

# "half an hour" is half of the unit, not the unit.
HALF_OF = _cases(
    (MON, "The storm was the worst in half a century.", "half a century", DURATION, "P50Y"),
    (
        MON,
        "Police questioned him for nearly half an hour.",
        "for nearly half an hour",
        DURATION,
        "PT30M",
    ),
    (MON, "Prices doubled in half a decade.", "half a decade", DURATION, "P5Y"),
)

KINDS["half_of"] = HALF_OF

# "The end of the year" said in the present is this year's; in the past, last year's.
YEAR_END_TENSE = _cases(
    (MON, "The offer expires at the end of the year.", "end of the year", DATE, "2024"),
    (MON, "Sales slumped at the end of the year.", "end of the year", DATE, "2023"),
)

KINDS["year_end_tense"] = YEAR_END_TENSE

# "a decade later", "a year later" count from the last year the text gave, as "eighteen
# years later" does ("a year earlier" in earnings news still compares with the period
# reported on).
LATER_FROM_TEXT = _cases(
    (MON, "The law passed in 1990 and was amended a decade later.", "a decade later", DATE, "2000"),
    (MON, "The dam opened in 1994 and cracked a year later.", "a year later", DATE, "1995"),
    (MON, "The plan will take effect a year later.", "a year later", DATE, "2025"),
)

KINDS["later_from_text"] = LATER_FROM_TEXT

# "Today" that opens a sentence, even after a dateline, is the day; "today's youth" is the
# present age.
TODAY = _cases(
    (MON, "Today, the market fell.", "Today", DATE, MON),
    (MON, "WASHINGTON (AP) -- Today the Senate voted.", "Today", DATE, MON),
    (MON, "Today's vote was delayed.", "Today", DATE, MON),
    # "today's" before the people or world of the present age: nowadays
    (MON, "The war means little to today's youth.", "today", DATE, "PRESENT_REF"),
    (MON, "In today's dollars the dam cost $2 billion.", "today", DATE, "PRESENT_REF"),
)

KINDS["today"] = TODAY

# "annually" that recurs stays a SET; a plain date before an event's noun stays a date,
# only a day that names an event ("the September 11 attacks") is no time (NEGATIVES).
RECURRENCES_AND_NAMES = _cases(
    (MON, "The fair is held annually in the old market.", "annually", SET, "P1Y"),
    (MON, "The shop opens seven days after the vote.", "seven days", DURATION, "P7D"),
    (MON, "The flaw was found in a recent model.", "recent", DATE, "PAST_REF"),
    (MON, "Doctors were attacked, most recently in the spring.", "recently", DATE, "PAST_REF"),
    (MON, "The Aug. 7 bombings killed dozens.", "Aug. 7", DATE, "2024-08-07"),
    (MON, "On September 11, the board will meet again.", "September 11", DATE, "2024-09-11"),
)

KINDS["recurrence_or_name"] = RECURRENCES_AND_NAMES

# "weeks or months": one vague stretch of the smaller unit, not the larger unit alone
UNITS_OR_UNITS = _cases(
    (
        MON,
        "The prisoner likely died within weeks or months of his arrest.",
        "weeks or months",
        DURATION,
        "PXW",
    ),
    (MON, "Repairs could take days or weeks.", "days or weeks", DURATION, "PXD"),
)

KINDS["units_or_units"] = UNITS_OR_UNITS

# Session 16: "this quarter's loss" in a results story is the quarter reported on; a
# negative subject before "could" reads as a failure already met, as "could not" does; a
# plan word after "as" ("as planned", "as previously scheduled") sets no tense.
REPORTED_AND_NEGATED = _cases(
    ("1991-02-25", "The launch went ahead as scheduled on Tuesday.", "Tuesday", DATE, "1991-02-19"),
    (
        "1991-02-25",
        "He let the ground offensive begin as previously planned Saturday night.",
        "Saturday night",
        TIME,
        "1991-02-23TNI",
    ),
    ("1991-02-25", "The talks will go ahead as planned on Tuesday.", "Tuesday", DATE, "1991-02-26"),
    ("1991-02-25", "The summit is scheduled for Tuesday.", "Tuesday", DATE, "1991-02-26"),
    (
        "1989-11-01",
        "Acme reported a net loss for the third quarter ended Sept. 30. This quarter's loss "
        "includes charges of $4 million.",
        "This quarter",
        DATE,
        "1989-Q3",
    ),
    (
        "1989-11-01",
        "Acme expects sales to rise this quarter after a weak third quarter.",
        "this quarter",
        DATE,
        "1989-Q4",
    ),
    (
        "2000-01-06",
        "Neither he nor his lawyer could be located Wednesday in their hometown.",
        "Wednesday",
        DATE,
        "2000-01-05",
    ),
    (
        "2000-01-06",
        "No one could be reached for comment Wednesday.",
        "Wednesday",
        DATE,
        "2000-01-05",
    ),
    ("2000-01-06", "The vote could come Wednesday.", "Wednesday", DATE, "2000-01-12"),
    (
        "2000-01-06",
        "No one knows whether the vote could come Wednesday.",
        "Wednesday",
        DATE,
        "2000-01-12",
    ),
)

KINDS["reported_and_negated"] = REPORTED_AND_NEGATED

# Session 16: a day counted in a narrative and then restated takes the restated date.
RESTATED_DAYS = _cases(
    (
        "2011-02-07",
        "On Feb. 3 the ferry left port. The next day, Jan. 30, its crew went missing.",
        "next day",
        DATE,
        "2011-01-30",
    ),
    (
        "2011-02-07",
        "They met on Jan. 20. The next morning, Jan. 21, talks resumed.",
        "next morning",
        TIME,
        "2011-01-21TMO",
    ),
    (
        "2011-02-07",
        "They met on Jan. 20. The next day, talks resumed.",
        "next day",
        DATE,
        "2011-01-21",
    ),
    (
        "2011-02-07",
        "Shares closed lower at the end of the day, ending a volatile session.",
        "day",
        DATE,
        "2011-02-07",
    ),
    ("2011-02-07", "At the end of the day shares were lower.", "day", DATE, "2011-02-07"),
)

KINDS["restated_days"] = RESTATED_DAYS

# Session 16: "back" of a place is no "ago" ("a week back home"); alone it is one.
BACK_OF_A_PLACE = _cases(
    ("2009-06-15", "She spent a week back home in London.", "a week", DURATION, "P1W"),
    ("2009-06-15", "He left two weeks back.", "two weeks back", DATE, "2009-W23"),
)

KINDS["back_of_a_place"] = BACK_OF_A_PLACE

# Session 16: a season no tense places is the coming one when it starts within three months,
# as a month is; a past tense keeps the one passed.
SEASONS_AHEAD = _cases(
    (
        "2009-06-15",
        "Hospitals are getting ready for a second wave in the autumn.",
        "autumn",
        DATE,
        "2009-FA",
    ),
    ("2009-06-15", "The outbreak peaked in the autumn.", "autumn", DATE, "2008-FA"),
    ("2009-06-15", "Sales are strong in the winter.", "winter", DATE, "2008-WI"),
)

KINDS["seasons_ahead"] = SEASONS_AHEAD

# Session 16: a month naming a futures contract is its delivery month, still to come; a
# fraction of people is no quarter of a year.
CONTRACT_MONTHS = _cases(
    ("2011-08-22", "Heavily traded October crude gained 45 cents.", "October", DATE, "2011-10"),
    ("2011-08-22", "The December contract settled at $4.", "December", DATE, "2011-12"),
    ("2011-08-22", "In March crude prices fell sharply.", "March", DATE, "2011-03"),
    ("2011-08-22", "The strike began in October.", "October", DATE, "2010-10"),
)

KINDS["contract_months"] = CONTRACT_MONTHS

# Session 17: what stays a time beside the forms that name none (NEGATIVES): "the future" a
# preposition governs, a time spent on something, a clock time restated in brackets in
# another zone (the restatement is no second time).
FATES_AND_MATERIAL = _cases(
    (MON, "Prices may fall further in the future.", "future", DATE, "FUTURE_REF"),
    (MON, "Farmers are anxious about the future.", "future", DATE, "FUTURE_REF"),
    (
        MON,
        "The talks went on for four hours of hard bargaining.",
        "for four hours",
        DURATION,
        "PT4H",
    ),
    (MON, "The fair offers two days of music and dancing.", "two days", DURATION, "P2D"),
    (
        MON,
        "The quake struck at 4:10 p.m. (0810 GMT), officials said.",
        "4:10 p.m.",
        TIME,
        "2024-06-17T16:10",
    ),
)

KINDS["fates_and_material"] = FATES_AND_MATERIAL

# "between 60 and 90 days": each count a length of its own, the unit written after the second
# only, as TimeML tags the two ends (session 18)
LENGTH_RANGES = _cases(
    (MON, "Repairs will take between 60 and 90 days, the agency said.", "60", DURATION, "P60D"),
    (
        MON,
        "Repairs will take between 60 and 90 days, the agency said.",
        "90 days",
        DURATION,
        "P90D",
    ),
    (MON, "Patients wait between two to six days for a bed.", "two", DURATION, "P2D"),
    (MON, "The trial may last between about three and five weeks.", "about three", DURATION, "P3W"),
)

KINDS["length_ranges"] = LENGTH_RANGES

# A time right before a closing quotation mark (wire copy's '', British single quotes) or a
# plural possessive ("two weeks' notice") ends there: the apostrophe closes it, as a space
# would (session 19; before, only "'s" did and these were missed)
CLOSING_QUOTES = _cases(
    (MON, "``Give us three days'' to finish, the mayor said.", "three days", DURATION, "P3D"),
    (MON, "The minister promised a decision 'within weeks'.", "weeks", DURATION, "PXW"),
    (MON, "``We will vote on Tuesday'' the senator said.", "Tuesday", DATE, "2024-06-18"),
    (MON, "The firm gave its staff two weeks' notice.", "two weeks", DURATION, "P2W"),
    (MON, "He was sentenced to five years' probation.", "five years", DURATION, "P5Y"),
    (MON, "``It ended last month'' after the vote, she said.", "last month", DATE, "2024-05"),
)

KINDS["closing_quotes"] = CLOSING_QUOTES

# A bare "the quarter" with the day it ended is the calendar quarter holding most of its three
# months, the quarter of their middle month: May to July is the second (session 20; before, the
# quarter before the DCT's whatever the end day, so Q3 for all three below)
QUARTER_ENDS = _cases(
    (
        "1989-10-30",
        "In the quarter ended July 31, the company earned $2 million.",
        "quarter",
        DATE,
        "1989-Q2",
    ),
    ("1989-10-30", "For the quarter ended Jan. 31, sales rose 5%.", "quarter", DATE, "1988-Q4"),
    (
        "1989-10-30",
        "Sales fell in the quarter that ended April 30, 1988.",
        "quarter",
        DATE,
        "1988-Q1",
    ),
    ("1989-10-30", "For the quarter ended Sept. 30, net income rose.", "quarter", DATE, "1989-Q3"),
)

KINDS["quarter_ends"] = QUARTER_ENDS

# "that same day" after a month alone is a day of that month, its day unknown (session 20;
# before, untagged, as nothing gave a full date to count from)
SAME_DAY_OF_A_MONTH = _cases(
    (
        "1999-02-06",
        "The clinic was attacked last October. Its website went dark that same day.",
        "that same day",
        DATE,
        "1998-10-XX",
    ),
    (
        "1999-02-06",
        "The clinic was attacked on Oct. 23. Its website went dark that same day.",
        "that same day",
        DATE,
        "1998-10-23",
    ),
)

KINDS["same_day_of_a_month"] = SAME_DAY_OF_A_MONTH

# "since" a month or a day without its year: the time a state has lasted from, never after
# the DCT (session 20; before, the nearest such month or day, so "since January" said in
# October was next January and "since November" the coming month)
SINCE_PASSED = _cases(
    ("2008-10-09", "Prices have risen 20% since January.", "since January", DATE, "2008-01"),
    ("2008-10-09", "The firm has cut jobs since November.", "since November", DATE, "2007-11"),
    ("2008-10-09", "Shares have fallen since Dec. 1.", "since Dec. 1", DATE, "2007-12-01"),
    (
        "2008-10-09",
        "Output has slowed since early December.",
        "since early December",
        DATE,
        "2007-12",
    ),
    ("2008-10-09", "Shares have fallen since Oct. 5.", "since Oct. 5", DATE, "2008-10-05"),
)

KINDS["since_passed"] = SINCE_PASSED

# Session 21: a fortnight is two weeks (before: `P1W`, the week's letter counted once), and a
# year before "fiscal year" or "financial year" is that year, one expression, as "fiscal 1990"
# is (before: the year, and "fiscal year" apart as the DCT's year).
FORTNIGHTS_AND_FISCAL_YEARS = _cases(
    (MON, "The deal expires in a fortnight.", "a fortnight", DURATION, "P2W"),
    (MON, "The talks lasted three fortnights.", "three fortnights", DURATION, "P6W"),
    (MON, "Sales in the 2007 fiscal year rose.", "2007 fiscal year", DATE, "2007"),
    (MON, "Profits for its 2009 financial year fell.", "2009 financial year", DATE, "2009"),
)

KINDS["fortnights_and_fiscal_years"] = FORTNIGHTS_AND_FISCAL_YEARS

# Session 21: a count "later" in a past clause, with no date given before it to count from,
# is later than an event the text has not dated: in the past, not that long after the DCT
# (before: "Two years later" said in 2024 was 2026). With a date before it, it counts from
# that date, as before.
LATER_IN_THE_PAST = _cases(
    (MON, "Three days later, police arrested a suspect.", "Three days later", DATE, "PAST_REF"),
    (MON, "Two years later, he died in exile.", "Two years later", DATE, "PAST_REF"),
    (MON, "The ban was lifted a week later.", "a week later", DATE, "PAST_REF"),
    (MON, "The ban began on May 3. A week later, it was lifted.", "A week later", DATE, "2024-W19"),
    (MON, "The new rules take effect two weeks later.", "two weeks later", DATE, "2024-W27"),
)

KINDS["later_in_the_past"] = LATER_IN_THE_PAST

# Sentences with nothing to tag: words and numbers that look like time expressions.
NEGATIVES: list[tuple[str, str]] = [
    # ordinals that are no days, and numbers with full stops that are no dates
    (MON, "The office is on the 19th floor."),
    # "the past" before a count of things that are no calendar unit: no "past" alone
    (MON, "Marchers have clashed for the past three summers."),
    (MON, "Old buildings that fall down are a danger."),
    (MON, "New cafés spring up everywhere."),
    (MON, "He finished 5th and 6th in the two races."),
    (MON, "Install version 1.2.24 before the update."),
    (MON, "The address 10.0.0.1 was blocked."),
    (MON, "Nobody knows what the next day will bring for the miners."),
    (MON, "Afternoon highs will stay in the 70s along the coast."),
    (MON, "Its shares traded in the 30s for most of the session."),
    (MON, "The veteran actor, who is in his 70s, still performs."),
    (MON, "The senator spoke on '60 Minutes' about the deal."),
    (MON, "In days of old the bridge carried carts."),
    (MON, "The man was detained but was soon released without charge."),
    (MON, "Small caps lagged as the Russell 2000 Index slipped."),
    (MON, 'The envoy told ABC\'s "This Week" that talks would go on.'),
    (MON, "She said on the ``Next Year Show'' that she would run."),
    (MON, "May I ask a question?"),
    (MON, "He may resign if the vote fails."),
    (MON, "Protesters will march on Washington."),
    (MON, "The march drew thousands of people."),
    (MON, "She said she would sue the ministry."),
    (MON, "The fall of the regime surprised diplomats."),
    (MON, "Spring water is bottled in the valley."),
    (MON, "The patient asked for a second opinion."),
    # A reporting period before its noun is not tagged, as in TimeBank ("a quarterly
    # dividend", "annual sales"); the adverb is ("published weekly"), and so is a recurrence
    # before its noun ("a daily rally", "his weekly address").
    (MON, "The firm raised its quarterly dividend."),
    (MON, "Funds own more than a quarter of all such bonds."),
    (MON, "The March of Dimes raised money for research."),
    (MON, "The film High Noon was shown again."),
    (MON, "He told CBS's 60 Minutes about the deal."),
    (MON, "That was the year the wall came down."),
    (MON, "She hosts a morning talk show."),
    (MON, "The children went to summer camp."),
    (MON, "Nearly two thousand people marched."),
    (MON, "The second round of talks collapsed."),
    (MON, "Minute traces of the toxin were detected."),
    (MON, "Mars is the fourth planet from the Sun."),
    (MON, "The Sun rose over the harbour."),
    (MON, "Reporter April Ryan questioned the spokesman."),
    (MON, "The firm once employed thousands of workers."),
    (MON, "The 747 jet landed safely."),
    (MON, "The Boeing 777 was grounded."),
    (MON, "The striker scored 2 goals."),
    (MON, "The repairs cost $2,000."),
    (MON, "Delegates gathered in Room 1950."),
    (MON, "The company sold 1,500 units."),
    (MON, "The index fell 2.5 percent."),
    (MON, "Temperatures reached 30 degrees."),
    (MON, "The final score was 52 to 48."),
    (MON, "The bill passed by a vote of 312-118."),
    (MON, "Call 911 in an emergency."),
    # "shortly after" / "soon after" relate two events; they are no time of their own
    (MON, "He was shot shortly after he returned home."),
    # an ordinal day that is no streak is the day of something, not a date
    (MON, "It was the second day of the talks."),
    # a part of the day before another noun is a thing, not a time
    (MON, "She hosts the morning talk show."),
    # "Today" in a title: a newspaper, a broadcast, a programme
    (MON, "The governor told USA Today that she would run."),
    (MON, "You are listening to VOA Today."),
    (MON, "In an interview with NBC's Today show he denied it."),
    (MON, "She spoke on the Today programme."),
    # "ahead of" is a comparison, not a stretch of time to come
    (MON, "The design was years ahead of its time."),
    # "annually" after a rate or a verb of change is how fast, not when
    (MON, "Sales are expected to rise 8.5% annually."),
    (MON, "The mill turns out about 10,000 bales annually."),
    (MON, "The chain has been doubling its stores annually."),
    # a day that names an event, before the event's noun
    (MON, "Stocks had their worst fall since the September 11th terrorist attacks."),
    (MON, "It was the biggest drop since the September 11, 2001, attacks on New York."),
    # "all the time": no length and no recurrence
    (MON, "Guards stand outside the clinic 24 hours a day, seven days a week."),
    (MON, "Crews are working around the clock."),
    # "the most recent model": a ranking, the latest one, no time
    (MON, "The flaw was found in the most recent model of the phone."),
    # idioms with a time word that name no time (session 16)
    (MON, '"At the end of the day, the board will decide," he said.'),
    (MON, "But at the end of the day, voters decide."),
    (MON, '"At the end of the day it is her decision," she said.'),
    (MON, "Critics became Monday morning quarterbacks."),
    (MON, "For the coalition, high noon comes with the budget vote."),
    (MON, "Roughly a quarter of them were Japanese."),
    # the fate of a thing, an amount of recorded material (session 17)
    (MON, "Voters will decide the future of the coalition."),
    (MON, "The future of the plant is in doubt."),
    (MON, "The new player holds up to 80 hours of video."),
    (MON, "Police are reviewing 300 hours of security footage."),
    (MON, "The drive stores 40 minutes of high-definition video."),
    # a weekday after an epithet names one day in history or a yearly event, quoted or not
    # (session 19: the closing quote no longer hides the weekday)
    (MON, "Shares crashed on what traders still call Black Monday."),
    (MON, "Brokers recalled the 'Black Monday' crash."),
    (MON, "Candidates campaigned hard ahead of Super Tuesday."),
    (MON, "Marchers marked the anniversary of 'Bloody Sunday' in the city."),
    (MON, "Retailers braced for Cyber Monday sales."),
]


def _case_id(kind: str, case: Case) -> str:
    return f"{kind}[{case.dct}] {case.text} :: {case.sentence}"


CASES = [
    pytest.param(case, id=_case_id(kind, case)) for kind, cases in KINDS.items() for case in cases
]


def _show(timexes: list[Timex]) -> list[tuple[int, str, str, str]]:
    return [(t.start, t.text, t.type, t.value) for t in timexes]


@pytest.mark.parametrize("case", CASES)
def test_tags_expression(case: Case) -> None:
    start = case.sentence.index(case.text)
    end = start + len(case.text)
    found = tag(case.sentence, case.dct)
    overlapping = [t for t in found if t.start < end and start < t.end]
    assert _show(overlapping) == [(start, case.text, case.type, case.value)], _show(found)


@pytest.mark.parametrize(
    ("dct", "sentence"), [pytest.param(d, s, id=f"none[{d}] {s}") for d, s in NEGATIVES]
)
def test_tags_nothing(dct: str, sentence: str) -> None:
    assert _show(tag(sentence, dct)) == []


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, id=_case_id("dct-as-date", c))
        for c in (WEEKDAYS[0], RELATIVE[3], BY_TENSE[0])
    ],
)
def test_dct_as_date_or_string_agree(case: Case) -> None:
    assert case.dct is not None
    assert tag(case.sentence, dt.date.fromisoformat(case.dct)) == tag(case.sentence, case.dct)


def test_case_table_is_well_formed() -> None:
    """The table itself: enough cases, unambiguous extents, parseable reference dates."""
    cases = [case for cases in KINDS.values() for case in cases]
    assert len(cases) >= 170
    ids = Counter(_case_id(kind, case) for kind, cases in KINDS.items() for case in cases)
    assert [i for i, n in ids.items() if n > 1] == []
    for case in cases:
        assert case.sentence.count(case.text) == 1, case
        assert case.type in {DATE, TIME, DURATION, SET}, case
        assert case.value, case
        if case.dct is not None:
            dt.datetime.fromisoformat(case.dct)
    for dct, _ in NEGATIVES:
        dt.date.fromisoformat(dct)


@pytest.mark.parametrize(
    ("sentence", "ends"),
    [
        ("Output rose from 2009 to 2011.", [("2009", "2009"), ("2011", "2011")]),
        ("The forum ran June 3-5.", [("June 3", "2024-06-03"), ("5", "2024-06-05")]),
        (
            "Talks will run from Aug. 27 to Oct. 21.",
            [("Aug. 27", "2024-08-27"), ("Oct. 21", "2024-10-21")],
        ),
        ("It met Tuesday-Wednesday.", [("Tuesday", "2024-06-11"), ("Wednesday", "2024-06-12")]),
        ("Polls open 9 a.m. to 5 p.m. today.", None),
        ("Shares fell on Monday.", None),
    ],
)
def test_range_endpoints_give_each_end_its_own_extent(
    sentence: str, ends: list[tuple[str, str]] | None
) -> None:
    """The TIMEX3 view of a range is its two ends; anything else passes through unchanged."""
    found = tag(sentence, MON)
    split = range_endpoints(found)
    if ends is None:
        ranges = [t for t in found if "/" in t.value]
        assert len(split) == len(found) + len(ranges)
        assert all("/" not in t.value for t in split)
        return
    assert [(t.text, t.value) for t in split] == ends
    for t in split:
        assert sentence[t.start : t.end] == t.text
        assert t.type == "DATE"


def test_that_day_as_a_subject_is_no_day_of_the_story() -> None:
    """ "that day has come" wishes for a day; it is not the Monday mentioned before it."""
    found = tag("He spoke on Monday. Sadly, that day has come for the board.", MON)
    assert [(t.text, t.value) for t in found] == [("Monday", "2024-06-17")]


def test_timeml_forms_write_recent_units_as_durations() -> None:
    """The dossier keeps "in recent years" as PAST_REF (the seed gold's convention); TimeML
    output writes the words after the preposition as a duration, as TimeBank tags them."""
    sentence = "Exports grew in recent years, and a recent deal helped."
    assert _show(tag(sentence, "2024-06-20"))[0] == (13, "in recent years", DATE, "PAST_REF")
    written = _show(timeml_forms(tag(sentence, "2024-06-20")))
    assert written[0] == (16, "recent years", DURATION, "PXY")
    assert written[1][1:] == ("recent", DATE, "PAST_REF")


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # without "between", TimeBank values the range as one vague length: the first count
        # stays untagged
        ("Sales should recover over the next 12 to 18 months.", [("18 months", "P18M")]),
        # a time ago or ahead: the first count is no length of its own
        ("The mill shut between two and three years ago.", [("three years ago", "2021")]),
        # an age is no length
        ("Pupils aged between 5 and 7 years old took part.", []),
    ],
)
def test_the_first_count_of_a_range_of_lengths_only_after_between(
    sentence: str, found: list[tuple[str, str]]
) -> None:
    assert [(t.text, t.value) for t in tag(sentence, MON)] == found


def test_a_clock_time_restated_in_brackets_is_one_time() -> None:
    sentence = "The ferry left at 9 a.m. (0700 GMT) and docked at noon."
    assert _show(tag(sentence, MON)) == [
        (18, "9 a.m.", TIME, "2024-06-17T09:00"),
        (50, "noon", TIME, "2024-06-17T12:00"),
    ]


def test_a_bare_that_day_after_a_month_alone_is_no_day_of_it() -> None:
    # "that day" without "same" after a month is as often any day ("investors sell that day")
    found = tag("Funds shrank in March. When news hits, investors sell that day.", MON)
    assert _show(found) == [(16, "March", DATE, "2024-03")]
