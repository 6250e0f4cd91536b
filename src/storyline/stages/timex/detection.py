"""Detection: where the time expressions of a text are, before any reference date.

Each rule is a regular expression named after what it finds ("month_day", "ago", "quarter");
every match of every rule is a candidate, leading "the"/"between"/"from" and trailing spaces
trimmed, and the longest candidates win (then the rule's priority, then the leftmost) with no
overlaps. A capitalised quoted title ("This Week", "60 Minutes") is no expression. None of
this depends on the reference date, so a text is detected once and anchored on as many
reference dates as needed (`anchoring.anchor`); `anchoring._NORMALISERS` gives each rule's
values. The words the patterns are built from are in `lexicon/en/timex.toml`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.lexicon import entry, table, words
from storyline.stages._index import Taken
from storyline.stages.timex.patterns import (
    _APPROX,
    _B,
    _CLOCK_DAY,
    _DAY_WORD,
    _DAYNUM,
    _DECADES,
    _E,
    _ERA_NAMES,
    _FUZZY_WORDS,
    _HOLIDAY_NAMES,
    _I,
    _MOD,
    _MONTH,
    _MONTH_BARE,
    _NTH_WEEK,
    _NUM,
    _NUM_WORD,
    _ORDINAL_WORDS,
    _ORDINALS,
    _PART,
    _SEASONS,
    _SET_ADVERBS,
    _SPELLED_TEEN_WORDS,
    _TENS,
    _UNIT,
    _UNITS_WORDS,
    _WEEKDAY,
    _YEAR,
    _alt,
    _compile,
    _either,
)
from storyline.stages.timex.tense import _Tenses


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    priority: int = 0


# the words of single rules
_SEASON_WORDS = "|".join(_SEASONS)
_NTH_WEEK_WORDS = "|".join([*_NTH_WEEK, "last", "final"])
_DECADE_WORDS = "|".join(_DECADES)
_SHORT_YEAR_AFTER = "|".join(rf"(?<=\b{w}\s)" for w in entry("timex", "short_year_prepositions"))
_RELATIVE_UNITS = "|".join([*entry("timex", "relative_units"), *_SEASONS])
_QUARTER_QUALIFIERS = _either(entry("timex", "quarter_qualifiers"))
_QUARTER_ORDINALS = "|".join([*_ORDINALS, "last"])
_PERIOD_QUALIFIERS = "|".join(entry("timex", "period_qualifiers"))
_HOLIDAY = _alt(list(_HOLIDAY_NAMES)).replace("'", "['’]")
_ERA = _alt(list(_ERA_NAMES))
_TEENS = "|".join(_SPELLED_TEEN_WORDS)
# a year in words: "two thousand (and) twenty-one", "nineteen ninety-six"
_SPELLED_AFTER_THOUSAND = rf"(?:{_UNITS_WORDS}|{_TEENS}|twenty(?:-(?:{_UNITS_WORDS}))?)"
_SPELLED_AFTER_CENTURY = rf"(?:{_TEENS}|(?:{_TENS})(?:-(?:{_UNITS_WORDS}))?)"
_DURATION_OPENERS = "|".join(entry("timex", "duration_openers"))
_DURATION_FILLERS = "|".join(entry("timex", "duration_fillers"))
_RANGE_JOINERS = _either(entry("timex", "range_joiners"))
_RANGE_NOT_AFTER = _either(entry("timex", "range_not_after"))
_SET_ADVERB_WORDS = "|".join(_SET_ADVERBS)
_SET_UNITS = "|".join(entry("timex", "set_units"))
_ZONE = "|".join(entry("timex", "time_zones"))
# weekday abbreviations a date may be written with, as datelines do ("Tue Mar 1, 2011"),
# before a date only (the months whose bare abbreviation is also a word, "Mar", "Jun", are
# `patterns._MONTH_BARE`)
_WEEKDAY_ABBR = f"(?:{'|'.join(entry('timex', 'weekday_abbreviations'))})\\.?"
# the parts of a day a date can carry after it: "June 19 night", "19 June evening" ("the
# night of June 19" is the date alone, as TimeBank tags it)
_DATE_PARTS = "|".join(entry("timex", "date_parts"))
_ORDINAL_DAY_BEFORE = "|".join(rf"(?<=\b{w}\s)" for w in entry("timex", "ordinal_day_prepositions"))
_ORDINAL_DAY_AFTER = "|".join(entry("timex", "ordinal_day_followers"))
# "the 19th" is a day of a month only where a sentence or a clause goes on after it
_ORDINAL_DAY_END = rf"(?=\s*(?:[,.;:!?)]|$)|\s+(?:{_ORDINAL_DAY_AFTER})\b(?!\s+\d))"
_ORDINAL_DAY = r"(?P<dom>[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)"
# a count compared with a plan: "three days later than originally planned"
_THAN_PLAN_ADVERBS = "|".join(entry("timex", "than_plan_adverbs"))
_THAN_PLAN_WORDS = "|".join(entry("timex", "than_plan_words"))
# a streak: "a second consecutive day", "the fourth week in a row"
_STREAK_ORDINALS = "|".join(entry("timex", "streak_ordinals"))
_STREAK_WORDS = "|".join(entry("timex", "streak_words"))
_STREAK_UNITS = "|".join(
    sorted((u.replace(" ", r"\s+") for u in table("timex", "streak_units")), key=len, reverse=True)
)


# "spent a week back home", "two days back in Paris": "back" of a place, not "ago"
_BACK_PLACES = _either(entry("timex", "back_places"))

_RULES: tuple[_Rule, ...] = (
    _Rule(
        "month_day",
        _compile(
            rf"""{_B}(?:(?:{_WEEKDAY}|{_WEEKDAY_ABBR}),?[ \t]+)?(?:the\s+)?
            (?:(?P<mon>{_MONTH}|{_MONTH_BARE}(?=[ \t]+\d))\s+(?:the\s+(?=\d{{1,2}}(?:st|nd|rd|th)))?
               (?P<day>{_DAYNUM})(?!\s*,\d)(?!\d|:\d)
               (?:\s*(?:-|–|and|to|through)\s*(?:(?P<mon2>{_MONTH})\s+)?(?P<day2>{_DAYNUM})(?!\d|:\d))?
             # day before month, alone or ending a range: "19 June", "18-19 June", "30 June-1 July"
             |(?:(?P<daya>{_DAYNUM})(?:\s+(?P<mona>{_MONTH}))?\s*(?:-|–|and|to|through|until)\s*(?:the\s+)?)?
              (?P<dayb>{_DAYNUM})(?:\s+of)?\s+(?P<monb>{_MONTH}|{_MONTH_BARE}(?=[ \t]+{_YEAR})))
            (?:,?\s+(?P<year>{_YEAR}))?(?:[ \t]+(?P<part>(?i:{_DATE_PARTS})))?{_E}"""
        ),
        3,
    ),
    _Rule(
        "week_of",
        _compile(
            rf"""{_B}(?:(?i:the)\s+)?(?i:week)\s+of\s+(?P<mon>{_MONTH})\s+(?P<day>{_DAYNUM})(?!\d|:\d)
            (?:,?\s+(?P<year>{_YEAR}))?{_E}"""
        ),
        3,
    ),
    _Rule(
        "same_period_before",
        _compile(
            r"""(?<![\w-])(?:the\s+)?(?:same|corresponding|comparable)\s+(?P<unit>period|month|quarter|day)
            \s+(?:of\s+)?(?:last\s+year|the\s+(?:previous|prior|last)\s+year|a\s+year\s+(?:ago|earlier|before))
            (?![\w-])""",
            re.IGNORECASE,
        ),
        3,
    ),
    _Rule(
        "nth_week_of",
        _compile(
            rf"""{_B}(?:(?i:the)\s+)?(?P<nth>(?i:{_NTH_WEEK_WORDS}))\s+(?i:week)\s+of
            \s+(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?{_E}"""
        ),
        3,
    ),
    _Rule(
        "pre_post_year",
        _compile(rf"(?<![\w-])(?i:pre|post)-(?P<year>{_YEAR})(?![\w-])"),
        2,
    ),
    _Rule(
        "iso",
        _compile(
            rf"{_B}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})"
            rf"(?:T(?P<hh>\d{{2}}):(?P<mm>\d{{2}})(?::\d{{2}})?)?(?![\w-])"
        ),
        3,
    ),
    _Rule(
        "slash",
        _compile(rf"{_B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})(?![\w/])"),
        3,
    ),
    _Rule(
        # day first, as every country that writes dates with full stops does: "20.06.2024"
        "dotted",
        _compile(rf"{_B}(?P<a>\d{{1,2}})\.(?P<b>\d{{1,2}})\.(?P<y>\d{{4}}|\d{{2}})(?!\w|\.\d)"),
        3,
    ),
    _Rule(
        # day, month and year joined by hyphens: "19-Jun-2024", "19-June-2024"
        "dashed",
        _compile(
            rf"{_B}(?P<dayb>{_DAYNUM})-(?P<monb>{_MONTH}|{_MONTH_BARE})-(?P<year>{_YEAR})(?![\w-])"
        ),
        3,
    ),
    _Rule(
        # year first with slashes or full stops: "2024/06/20", "2024.06.20"
        "ymd",
        _compile(
            rf"{_B}(?P<y>{_YEAR})(?P<sep>[/.])(?P<m>\d{{1,2}})(?P=sep)(?P<d>\d{{1,2}})(?!\w|[/.]\d)"
        ),
        3,
    ),
    _Rule(
        # "on the 19th", "by the 20th of this month", "Wednesday the 19th", "Sunday 16th"
        "ordinal_day",
        _compile(
            rf"""(?:(?=[Tt]he\s+\d)(?:{_ORDINAL_DAY_BEFORE})the\s+|{_B}(?P<wd>{_WEEKDAY}),?\s+(?:the\s+)?)
            {_ORDINAL_DAY}(?:\s+of\s+(?P<rel>(?i:this|the|last|next|that))\s+(?i:month))?
            (?![\w-]){_ORDINAL_DAY_END}"""
        ),
        2,
    ),
    _Rule(
        "month_year",
        _compile(
            rf"""{_B}{_MOD}?(?:(?P<mon1>{_MONTH})\s*(?:-|–|to|through)\s*)?(?P<mon>{_MONTH}),?\s+
            (?:of\s+)?(?P<year>{_YEAR}|(?i:(?:this|last|next)\s+year)){_E}"""
        ),
        2,
    ),
    _Rule(
        "month",
        _compile(
            rf"""{_B}(?:{_MOD}|(?P<rel>(?i:last|next|this|past|coming))\s+)?(?P<mon>{_MONTH})(?![\w-]|['’](?=\w)(?!s\b))
            (?(rel)(?!\.?\s*\d{{1,2}}(?!\d)))  # "last Oct. 23" is a day: the month-day rule's"""
        ),
        1,
    ),
    _Rule(
        "year",
        _compile(
            rf"""{_B}{_MOD}?(?:(?i:fiscal)\s+)?(?P<year>{_YEAR})
            (?:\s*(?:-|–)\s*(?P<year2>{_YEAR}|\d{{2}}(?!\d)))?(?![\w%/-]|\.\d|,\d|:\d)"""
        ),
        0,
    ),
    _Rule(
        "year_between",
        _compile(
            rf"""{_B}(?:(?i:between|from)\s+)(?P<y1>{_YEAR})\s+(?i:and|to|until|through)\s+
            (?P<y2>{_YEAR}){_E}"""
        ),
        2,
    ),
    _Rule(
        "decade",
        _compile(
            rf"""{_B}{_MOD}?(?:(?P<full>1[0-9]{{2}}0|20[0-9]0)['’]?s|['’](?P<short>[0-9]0)s
            |(?i:the\s+(?P<word>{_DECADE_WORDS}))
            |(?:(?<=\b[Tt]he\s)|(?<=0s\sand\s)|(?<=0s\sor\s)|(?<=0s\sto\s)|(?<=\bthe\searly\s)
            |(?<=\bthe\slate\s)|(?<=\bthe\smid-))(?P<bare>[1-9]0)s)(?![\w'])"""
        ),
        2,
    ),
    _Rule(
        "short_year",
        _compile(
            rf"""(?:{_SHORT_YEAR_AFTER})['’](?P<yy>\d\d)(?![\w'’%]|(?-i:[ \t]+[A-Z])|\.\d)""",
            re.IGNORECASE,
        ),
        1,
    ),
    _Rule(
        "century",
        _compile(
            rf"""{_B}(?:(?i:the)\s+)?{_MOD}?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_I(_alt(list(_ORDINAL_WORDS)))})
            [\s-](?i:century)(?![\w-])"""
        ),
        2,
    ),
    _Rule(
        "day_word",
        _compile(
            rf"""{_B}(?:{_MOD}|(?P<later>(?i:earlier|later))\s+)?
            (?P<word>(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|last\s+night|this\s+(?:morning|afternoon|evening)|{_DAY_WORD}))
            (?:\s+(?P<part>{_I(_PART)}))?(?!\w|['’](?=\w)(?!s\b))"""
        ),
        2,
    ),
    _Rule(
        "weekday",
        _compile(
            rf"""{_B}(?:{_MOD}|(?P<later>(?i:earlier|later))\s+|(?P<rel>(?i:last|next|this|past|coming|previous|following))\s+)?
            (?P<wd>{_WEEKDAY})(?:\s*(?:-|–|to|through)\s*(?P<wd2>{_WEEKDAY}))?
            (?:\s+(?P<part>{_I(_PART)}))?
            # "Tuesday last week", "Friday next week": that weekday of that week
            (?:(?(rel)(?!)|\s+(?P<week>last|next|this)\s+week))?(?!\w|['’](?=\w)(?!s\b))"""
        ),
        1,
    ),
    _Rule(
        "time",
        _compile(
            rf"""{_B}(?:(?P<h>[01]?[0-9]|2[0-4])(?:[:.](?P<min>[0-5][0-9]))?\s*
            (?P<ap>(?i:a\.\s?m\.?|p\.\s?m\.?|am|pm))
            (?:\s+(?P<zone>{_ZONE}))?
            |(?P<named>(?i:noon|midnight|midday))){_CLOCK_DAY}(?![\w])"""
        ),
        3,
    ),
    _Rule(
        "relative_unit",
        _compile(
            rf"""{_B}(?:{_MOD})?(?P<the>(?i:the)\s+)?(?P<rel>(?i:this|last|next|past|coming|previous|following|current|same|that))\s+
            (?P<unit>(?i:{_RELATIVE_UNITS}))(?![\w-]|['’](?=\w)(?!s\b))"""
        ),
        2,
    ),
    _Rule(
        "next_day",
        _compile(
            rf"""{_B}(?:(?i:the)\s+(?P<rel>(?i:next|following|previous|preceding))\s+
            (?P<unit>(?i:day|morning|afternoon|evening|night))
            |(?i:that)\s+(?:(?i:same)\s+)?(?P<that>(?i:day|morning|afternoon|evening|night))
            |(?i:the)\s+(?P<unit2>(?i:day|night))\s+(?P<ba>(?i:before|after))
            (?=\s*[,.;:!?)]|\s+(?:and|but|when|while|as)\b))(?![\w-]|['’](?=\w))"""
        ),
        2,
    ),
    _Rule(
        "earlier_this",
        _compile(
            rf"""{_B}(?P<when>(?i:earlier|later|early|late))(?:\s+in)?\s+(?P<rel>(?i:this|last|next|that))\s+
            (?P<unit>(?i:week|month|year|day|morning|afternoon|evening))(?![\w-]|['’](?=\w)(?!s\b))"""
        ),
        3,
    ),
    _Rule(
        "ago",
        _compile(
            rf"""{_B}{_APPROX}?(?:(?P<num>{_NUM})[\s-]+)?(?:more\s+)?
            # "an hour later" is no calendar date: the hour is left as a duration
            (?!(?:hours?|minutes?|seconds?)\s+(?:or\s+so\s+)?(?:earlier|later)\b)(?P<unit>{_UNIT}s?)
            \s+(?:or\s+so\s+|(?P<ortwo>or\s+two\s+))?(?P<ago>ago|earlier|later|back(?!\s+(?:{_BACK_PLACES})\b)|from\s+now|hence)(?!\w|['’](?=\w)(?!s\b))
            # "three days later than originally planned": the gap from the plan
            (?P<than>\s+than\s+(?:(?:{_THAN_PLAN_ADVERBS})\s+){{0,2}}(?:{_THAN_PLAN_WORDS})\b)?""",
            re.IGNORECASE,
        ),
        3,
    ),
    _Rule(
        # "in a year or two": some time to come, not one year
        "in_or_two",
        _compile(
            rf"""(?<=\b[Ii]n\s)(?:a|an|one)\s+(?P<unit>{_UNIT})\s+or\s+two(?![\w-])(?!\s+(?:ago|earlier|later)\b)""",
            re.IGNORECASE,
        ),
        3,
    ),
    _Rule(
        # "within weeks or months", "days or weeks": one vague stretch of the smaller unit
        "units_or_units",
        _compile(
            rf"""{_B}(?P<unit>{_UNIT})s\s+or\s+(?:{_UNIT})s(?![\w-])(?!\s+(?:ago|earlier|later)\b)""",
            re.IGNORECASE,
        ),
        3,
    ),
    _Rule(
        "year_ago_adj",
        _compile(
            r"""(?<![\w-])(?:the\s+)?(?:(?P<word>year-(?:ago|earlier))(?:\s+(?P<unit>quarter|period))?
            |(?:(?:same|comparable)\s+)?(?P<unit2>quarter|period)\s+a\s+year\s+(?:ago|earlier))(?![\w-])""",
            re.IGNORECASE,
        ),
        3,
    ),
    _Rule(
        "quarter",
        _compile(
            rf"""(?<![\w-])(?:(?i:the)\s+)?(?P<qual>(?i:{_QUARTER_QUALIFIERS})[\s-]+|(?P<year0>{_YEAR})\s+)?
            (?:(?P<ord>(?i:{_QUARTER_ORDINALS}))[\s-]+)?(?:(?i:fiscal)[\s-]+)?
            (?i:quarter)(?:\s+of\s+(?:(?i:fiscal)\s+)?(?P<year>{_YEAR}|(?i:this\s+year|last\s+year|next\s+year)))?(?![\w-]|['’](?=\w)(?!s\b))"""
        ),
        2,
    ),
    _Rule(
        "year_period",
        _compile(rf"(?<![\w-])(?:(?i:the)\s+)?(?P<year>{_YEAR})\s+(?i:quarter|period)(?![\w-])"),
        3,
    ),
    _Rule(
        "latest_period",
        _compile(
            rf"(?<![\w-])(?:the\s+)?(?:{_PERIOD_QUALIFIERS})\s+period(?![\w-])",
            re.IGNORECASE,
        ),
        2,
    ),
    _Rule(
        "holiday",
        _compile(
            rf"""(?<![\w-])(?P<name>{_HOLIDAY})
            (?:,?\s+(?P<year>(?:1[0-9]{{3}}|20[0-9]{{2}})))?(?![\w-])"""
        ),
        2,
    ),
    _Rule(
        "spelled_year",
        _compile(
            rf"""(?<![\w-])(?:(?P<mon>(?-i:{_MONTH}))\s+|(?:the\s+)?(?P<season>(?i:{_SEASON_WORDS}))\s+of\s+)?
            (?P<theyear>the\s+year\s+)?(?:(?P<thousand>two\s+thousand)(?:\s+(?:and\s+)?(?P<rest2>{_SPELLED_AFTER_THOUSAND}(?![\w-])))?
            |(?P<century>nineteen|eighteen|twenty)\s+(?P<rest>{_SPELLED_AFTER_CENTURY}))(?![\w-])""",
            re.IGNORECASE,
        ),
        1,
    ),
    _Rule(
        "long_adjective",
        _compile(
            rf"""(?<![\w-])(?:(?P<single>single-day)
            |(?:(?P<num>{_NUM})-)?(?P<unit>{_UNIT})(?P<plural>s)?-long)(?![\w-])""",
            re.IGNORECASE,
        ),
        2,
    ),
    _Rule(
        "year_ended",
        _compile(r"(?<![\w-])(?:the\s+)?(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\s)", re.IGNORECASE),
        2,
    ),
    _Rule(
        "part_of_day",
        _compile(
            rf"""{_B}(?:(?P<mod>(?i:early|late|mid))[\s-]*)?(?P<part>(?i:morning|afternoon|evening))
            (?:\s+(?P<day>(?i:yesterday|today|tomorrow)|{_WEEKDAY}))?(?![\w-]|['’](?=\w))"""
        ),
        1,
    ),
    _Rule(
        "hour_of_part",
        _compile(
            r"""(?<![\w:.$])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5][0-9]))?\s+in\s+the\s+
            (?P<part>morning|afternoon|evening|night)(?![\w-])""",
            re.IGNORECASE,
        ),
        2,
    ),
    _Rule(
        "until_then",
        # "until then", "by that time": the date the text gave last
        _compile(
            r"(?:(?<=\buntil\s)|(?<=\btill\s))then(?![\w-])"
            r"|(?:(?<=\buntil\s)|(?<=\btill\s)|(?<=\bby\s))that\s+time(?![\w-])",
            re.IGNORECASE,
        ),
        1,
    ),
    _Rule(
        "the_year",
        _compile(
            r"""(?<![\w-])(?P<when>(?:earlier|later|early|late)\s+in\s+)?
            the\s+(?:(?:full|entire|whole)\s+)?year(?![\w-]|['’](?=\w))""",
            re.IGNORECASE,
        ),
        1,
    ),
    _Rule(
        "bare_season",
        _compile(
            r"""(?<![\w-])(?:the\s+)?(?P<mod>(?:early|late|mid)[\s-]+)?
            (?P<season>summer|spring|winter|autumn)(?![\w-]|['’](?=\w))""",
            re.IGNORECASE,
        ),
        0,
    ),
    _Rule(
        "streak",
        _compile(
            rf"""(?<![\w-])(?:(?:a|the)\s+)?(?P<ord>{_STREAK_ORDINALS})\s+
            (?:(?:{_STREAK_WORDS})\s+(?P<unit>{_STREAK_UNITS})
            |(?P<unit2>{_STREAK_UNITS})(?=\s+in\s+a\s+row\b))(?![\w-])""",
            re.IGNORECASE,
        ),
        2,
    ),
    _Rule(
        "the_day",
        _compile(
            r"""(?<![\w-])(?P<when>(?:later|earlier|late|early)\s+in\s+)?
            the\s+(?P<same>same\s+)?day(?![\w-]|['’](?=\w)|\s+(?:before|after|of|when|that|in|on)\b)""",
            re.IGNORECASE,
        ),
        1,
    ),
    _Rule(
        "weekend",
        _compile(
            r"(?<![\w-])(?:the|this\s+past)\s+weekend(?![\w-]|['’](?=\w)(?!s\b))", re.IGNORECASE
        ),
        1,
    ),
    _Rule(
        "year_end",
        _compile(
            r"(?<![\w-])(?:(?:the\s+)?year[-\s]end|year['’]s\s+end|the\s+end\s+of\s+(?:the\s+year|(?P<year>(?:1[0-9]{3}|20[0-9]{2}))))(?![\w-])",
            re.IGNORECASE,
        ),
        3,
    ),
    _Rule(
        "q_abbrev",
        _compile(rf"(?<![\w-])Q(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?(?![\w-])"),
        2,
    ),
    _Rule(
        "season_year",
        _compile(
            rf"(?<![\w-])(?P<mod>(?i:early|late|mid)[\s-]+)?(?P<season>(?i:{_SEASON_WORDS}))\s+(?:of\s+)?(?P<year>{_YEAR})(?![\w-])"
        ),
        3,
    ),
    _Rule(
        "frequency",
        _compile(
            rf"(?<![\w-])(?:once|twice|three\s+times|four\s+times|(?:\d+|several|many)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{_UNIT})(?![\w-])",
            re.IGNORECASE,
        ),
        3,
    ),
    _Rule(
        "every_n",
        _compile(
            rf"(?<![\w-])(?:every|each)\s+(?P<num>{_NUM})\s+(?P<unit>{_UNIT})s(?![\w-])",
            re.IGNORECASE,
        ),
        3,
    ),
    _Rule(
        "clock24",
        _compile(
            rf"""(?<![\w:.])(?:(?P<h>[01][0-9]|2[0-3]):(?P<min>[0-5][0-9])(?![\w:])
            # "18.17 BST", "0830 BST": only with the zone that makes them times
            |(?P<h4>[01]?[0-9]|2[0-3])\.?(?P<min4>[0-5][0-9])(?=\s*(?:{_ZONE})\b))
            (?:\s*(?P<zone>{_ZONE})\b)?{_CLOCK_DAY}"""
        ),
        1,
    ),
    _Rule(
        "half",
        _compile(
            rf"""(?<![\w-])(?:(?i:the)\s+)?(?P<ord>(?i:first|second|1st|2nd))[\s-]+(?i:half)
            (?:\s+of\s+(?P<year>{_YEAR}|(?i:this\s+year|last\s+year|next\s+year)))?(?![\w-])"""
        ),
        2,
    ),
    _Rule(
        "part_of_year",
        _compile(
            rf"""(?<![\w-])(?:(?i:the)\s+)?(?:(?P<last>(?i:last))\s+(?i:half)|(?P<which>(?i:first|last))\s+(?i:two\s+quarters))
            \s+of\s+(?P<year>{_YEAR})(?![\w-])"""
        ),
        2,
    ),
    _Rule(
        "year_earlier_months",
        _compile(
            rf"""(?<![\w-])(?:(?i:the)\s+)?(?i:year-earlier|year-ago)\s+(?P<num>{_I(_NUM_WORD)}|\d+)\s+(?i:months)(?![\w-])"""
        ),
        2,
    ),
    _Rule(
        "first_months",
        _compile(
            rf"""(?<![\w-])(?:(?i:the)\s+)?(?:(?i:first|past|last|latest)\s+)?(?P<num>{_I(_NUM_WORD)}|\d+)\s+(?i:months)
            (?=\s+(?:of|ended|ending|through|to)\b)"""
        ),
        1,
    ),
    _Rule(
        "fiscal",
        _compile(
            rf"""(?<![\w-])(?:(?:(?i:the)\s+)?(?P<rel>(?i:current|latest|last|previous|past|next))\s+)?
            (?i:fiscal)(?:[\s-]+(?P<year>{_YEAR}|['’]\d{{2}})|\s+(?i:year))(?![\w-])
            # "the 1990 fiscal year", "its 2007 financial year": that year, as "fiscal 1990" is
            |(?<![\w-])(?P<year_before>{_YEAR})\s+(?i:fiscal|financial)\s+(?i:year)(?![\w-])"""
        ),
        2,
    ),
    _Rule(
        "duration",
        _compile(
            rf"""(?<![\w$£€¥#./-])(?P<for>for\s+)?(?:the\s+(?:{_DURATION_OPENERS})\s+)?
            (?P<approx>{_APPROX})?(?P<halfof>half\s+(?=an?\s))?(?P<num>{_NUM})(?!(?<=\ba)\s+\w+s\b)(?!(?<=\ban)\s+\w+s\b)
            (?:\s+and\s+(?P<half>a\s+half)|\s+(?P<frac>1/2))?[\s-]+(?:(?:{_DURATION_FILLERS})\s+)?
            (?P<unit>{_UNIT}s?)(?:[\s-]+(?:long|(?P<old>old))|\s+and\s+(?P<half2>a\s+half))?(?!\w|['’](?=\w)(?!s\b))""",
            re.IGNORECASE,
        ),
        1,
    ),
    _Rule(
        "bare_plural",
        _compile(
            r"""(?<![\w-])(?:(?P<for>for\s+)(?:(?:many|several)\s+)?(?P<unit2>years|decades|months|weeks|centuries|days|hours)(?![\w-]|['’](?=\w)(?!s\b))
            |(?:(?<=\bin\s)|(?<=\bwithin\s))(?:(?:just|mere|only)\s+)?(?P<unit4>minutes|hours|days|seconds)(?![\w-]|['’](?=\w)|\s+of\b)
            |(?:(?<=\bover\s)|(?<=\bin\s))the\s+(?P<unit3>years|decades)(?![\w-]|['’](?=\w)|\s+\d)
            |(?:(?:many|several|the\s+past|the\s+last)\s+)?(?P<unit>years|decades|months|weeks|centuries)(?![\w-]|['’](?=\w)(?!s\b))
            (?=['’]{0,2}(?:\s+(?:ago|of|to\s+come|ahead(?!\s+of\b)|in\s+power|later|earlier|and)|[,.;])))""",
            re.IGNORECASE,
        ),
        0,
    ),
    _Rule(
        "set",
        _compile(
            rf"""(?<![\w-])(?:(?i:{_SET_ADVERB_WORDS})
            |(?i:every|each|per)\s+(?P<other>(?i:other)\s+)?(?:(?P<wd>{_WEEKDAY})|(?P<mon>{_MONTH})
              |(?P<unit>(?i:{_SET_UNITS}))))(?![\w-]|['’](?=\w)(?!s\b))"""
        ),
        2,
    ),
    _Rule(
        "fuzzy",
        _compile(rf"(?<![\w-])(?:{_FUZZY_WORDS})(?![\w-]|['’](?=\w)(?!s\b))", re.IGNORECASE),
        0,
    ),
    _Rule(
        "era",
        _compile(
            rf"""(?<![\w-])(?:(?:the\s+)?(?P<era>{_ERA})[\s-]era
            |years\s+of\s+the\s+(?P<era2>Soviet\s+Union|Cold\s+War))(?![\w-])"""
        ),
        2,
    ),
    _Rule(
        "since",
        _compile(rf"(?<![\w-])(?i:since)\s+(?P<year>{_YEAR})(?![\w%/-]|\.\d|,\d)"),
        2,
    ),
    # (new rules go last: `freeze` keeps each expression's rule by its number)
    _Rule(
        # the first count of "between 60 and 90 days", "between two to six days": a length of
        # its own, its unit the one written after the second count ("90 days" is the duration
        # rule's)
        "range_low",
        _compile(
            rf"""(?<![\w-])(?i:between)\s+(?P<approx>{_APPROX})?
            (?P<num>\d{{1,3}}|{_I(_NUM_WORD)}|{_I(_TENS)}(?:-(?:{_I(_UNITS_WORDS)}))?)
            (?=\s+(?i:{_RANGE_JOINERS})\s+{_APPROX}?(?P<high>{_NUM})[\s-]+
            (?:(?i:{_DURATION_FILLERS})\s+)?(?P<unit>(?i:{_UNIT})s?)(?:[\s-]+(?i:long|(?P<old>old)))?
            (?![\w-]|['’](?=\w)|\s+(?i:{_RANGE_NOT_AFTER})\b))"""
        ),
        1,
    ),
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    priority: int
    rule: _Rule
    match: re.Match[str]


_LEADING = re.compile(r"(?i)(?:the|between|from|just|only)\s+")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner or range preposition and the space a rule swallowed.

    Extents follow the seed gold: "third quarter", "past two years", "2012 and 2014";
    "since" and "for" stay because they change the meaning.
    """
    while start < end and text[start].isspace():
        start += 1
    m = _LEADING.match(text, start, end)
    if m and m.end() < end:
        start = m.end()
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for rule in _RULES:
        for m in rule.pattern.finditer(text):
            candidate = _candidate(text, rule, m)
            if candidate is not None:
                found.append(candidate)
    return found


def _candidate(text: str, rule: _Rule, m: re.Match[str]) -> _Candidate | None:
    """The candidate a rule's match makes, or None when trimming leaves nothing."""
    # "later in the day": the time is the day; "later in" places the event in it, as a
    # TimeML signal does, and stays out of the extent
    opening = m.end("when") if rule.name == "the_day" and m["when"] else m.start()
    start, end = _trim(text, opening, m.end())
    return _Candidate(start, end, rule.priority, rule, m) if end > start else None


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then higher priority, then leftmost; no overlaps."""
    chosen: list[_Candidate] = []
    taken = Taken()  # a look at every span taken made a long text's dates quadratic
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if taken.overlaps(cand.start, cand.end):
            continue
        chosen.append(cand)
        taken.add(cand.start, cand.end)
    return sorted(chosen, key=lambda c: c.start)


# a quotation mark opened inside a sentence, right after a word: ABC's "This Week"
_TITLE_QUOTE = re.compile(r"[\w,:;'’]\s*(?:``|''|[\"“‘'])$")


def _quoted_title(text: str, start: int, end: int) -> bool:
    """A capitalised expression of two or more words opening a quotation inside a sentence
    is a title ("This Week", "60 Minutes", "Next Year in Havana"), not a time."""
    words = text[start:end].split()
    if len(words) < 2 or not _TITLE_QUOTE.search(text[max(0, start - 6) : start]):
        return False
    return all(w[0].isupper() or not w[0].isalpha() for w in words) and any(
        w[0].isupper() for w in words
    )


_EVENT_NAME_DAYS = frozenset(words("timex", "event_name_days"))
# after a day that names an event: a year, a comma, a word or two, then the event's noun
_EVENT_NOUN_AFTER = re.compile(
    rf"(?i),?\s+(?:[a-z][\w-]*\s+){{0,2}}(?:{_either(entry('timex', 'event_name_nouns'))})\b"
)
_ORDINAL_SUFFIX = re.compile(r"(?i)(?<=\d)(?:st|nd|rd|th)\b")
_YEAR_AFTER = re.compile(r",?\s*\d{4}$")


def _event_name(text: str, start: int, end: int) -> bool:
    """A day that names an event before the event's noun ("the September 11th attacks",
    "the September 11, 2001, terrorist attacks") is the event's name, not a time."""
    day = _YEAR_AFTER.sub("", _ORDINAL_SUFFIX.sub("", text[start:end].lower()))
    if " ".join(day.split()) not in _EVENT_NAME_DAYS:
        return False
    return _EVENT_NOUN_AFTER.match(text, end, min(len(text), end + 60)) is not None


# a capitalised epithet right before a weekday: "Black Monday", "'Bloody Sunday'"
_NAMED_DAY_BEFORE = re.compile(
    rf"(?<![\w-])(?:{_either(entry('timex', 'named_day_epithets'))})\s+$"
)


def _named_day(text: str, c: _Candidate) -> bool:
    """A weekday after an epithet ("Black Monday", "Super Tuesday") names one day in history
    or a yearly event, not a day of the week being written about: no time."""
    return c.rule.name == "weekday" and bool(
        _NAMED_DAY_BEFORE.search(text, max(0, c.start - 12), c.start)
    )


_ALWAYS_WORDS = "|".join(
    r"\s+".join(re.escape(w) for w in idiom.split()) for idiom in words("timex", "always_idioms")
)
_ALWAYS = re.compile(rf"(?i)\b(?:{_ALWAYS_WORDS})\b")


_RANKED_RECENT = frozenset(words("timex", "ranked_recent"))
_MOST_BEFORE = re.compile(r"(?i)\bmost\s+$")


def _ranking(text: str, start: int, end: int) -> bool:
    """ "the most recent model": the latest of a series, no time of its own."""
    return text[start:end].lower() in _RANKED_RECENT and bool(
        _MOST_BEFORE.search(text, max(0, start - 8), start)
    )


_FATE_AFTER = re.compile(rf"(?i)\s+(?:{_either(entry('timex', 'fate_after'))})\s")
_MATERIAL_AFTER = re.compile(
    rf"(?i)\s+of\s+(?:[\w-]+\s+){{0,2}}?(?:{_either(entry('timex', 'material_nouns'))})\b"
)
_CLOCK_RULES = frozenset({"time", "clock24"})
_OPEN_PAREN = re.compile(r"\s*\(\s*$")
_CLOSE_PAREN = re.compile(r"\s*\)")


def _no_time_of(text: str, c: _Candidate) -> bool:
    """ "the future of the euro" (a fate) and "80 hours of video" (an amount of material)
    name no time."""
    words = text[c.start : c.end].lower()
    if words in {"future", "the future"}:
        return _FATE_AFTER.match(text, c.end) is not None
    if c.rule.name == "duration":
        return _MATERIAL_AFTER.match(text, c.end, min(len(text), c.end + 60)) is not None
    return False


def _restated_clocks(text: str, chosen: list[_Candidate]) -> set[int]:
    """The positions in `chosen` of clock times in brackets right after another clock time,
    which restate it in another zone: "at 9 a.m. (0700 GMT)" is one time, said twice."""
    restated: set[int] = set()
    for i in range(1, len(chosen)):
        before, c = chosen[i - 1], chosen[i]
        if (
            before.rule.name in _CLOCK_RULES
            and c.rule.name in _CLOCK_RULES
            and _OPEN_PAREN.fullmatch(text, before.end, c.start) is not None
            and _CLOSE_PAREN.match(text, c.end) is not None
        ):
            restated.add(i)
    return restated


# idioms that name no time: "Monday morning quarterbacks" (critics after the fact) and, opening
# a clause, "at the end of the day," (ultimately); "shares closed lower at the end of the day"
# stays a time
_IDIOMS = re.compile(
    rf"(?i)\b(?:{_either(entry('timex', 'no_time_idioms'))})\w*"
    rf"|(?P<clause>\b(?:{_either(entry('timex', 'clause_idioms'))})"
    rf"(?:,|(?=\s+(?:{_either(entry('timex', 'clause_subjects'))})\b)))"
)
_CLAUSE_OPENS = re.compile(
    rf"(?i)(?:^|[.!?:;\"“‘(]\s*|\b(?:{_either(entry('timex', 'clause_openers'))})\s+)$"
)


def _always_spans(text: str) -> list[tuple[int, int]]:
    """Where the text says "all the time" ("24 hours a day, seven days a week"), or uses a
    time word in an idiom that names no time ("at the end of the day, it is their choice")."""
    spans = [(m.start(), m.end()) for m in _ALWAYS.finditer(text)]
    for m in _IDIOMS.finditer(text):
        if m["clause"] and not _CLAUSE_OPENS.search(text, max(0, m.start() - 12), m.start()):
            continue
        spans.append((m.start(), m.end()))
    return spans


@dataclass(frozen=True, slots=True)
class Detections:
    """The time expressions `detect` found in one text, not yet given values.

    They depend on the text alone: `anchoring.anchor` values them against any reference date,
    as often as needed. The part-of-speech tags ride along for the tense of each expression,
    which is read once however many reference dates the text is anchored on.
    """

    text: str
    candidates: tuple[_Candidate, ...]
    tenses: _Tenses

    def tense(self, start: int, end: int) -> str | None:
        """The tense that governs `text[start:end]`, as `timex.tenses` reads it."""
        return self.tenses.tense(start, end)


def detect(text: str, *, tags: Sequence[tuple[int, int, str]] | None = None) -> Detections:
    """Find the time expressions of `text`, without values (see `anchoring.anchor`).

    `tags` are optional `(start, end, penn_tag)` tokens from the annotate stage, kept for the
    tense of the governing verb when the expressions are anchored.
    """
    always = _always_spans(text)
    chosen = [
        c
        for c in _select(_candidates(text))
        if not _quoted_title(text, c.start, c.end)
        and not _event_name(text, c.start, c.end)
        and not _named_day(text, c)
        and not _ranking(text, c.start, c.end)
        and not _no_time_of(text, c)
        and not any(start <= c.start and c.end <= end for start, end in always)
    ]
    restated = _restated_clocks(text, chosen)
    chosen = [c for i, c in enumerate(chosen) if i not in restated]
    return Detections(text, tuple(chosen), _Tenses(text, tags))


_RULE_NUMBER = {id(rule): n for n, rule in enumerate(_RULES)}


def freeze(detections: Detections) -> list[tuple[int, int]]:
    """What `thaw` needs to give `detections` back without detecting again: each chosen
    expression as its rule's number and where the rule's match starts (a rebuild keeps these
    in the store instead of running every rule over every article of the pile)."""
    return [(_RULE_NUMBER[id(c.rule)], c.match.start()) for c in detections.candidates]


def thaw(
    text: str,
    frozen: Sequence[Sequence[int]],
    *,
    tags: Sequence[tuple[int, int, str]] | None = None,
) -> Detections | None:
    """The detections `freeze` kept for `text`: each rule matched again where its match
    started (the same match `finditer` found there: a match at a position does not depend on
    where the search began). None when they do not fit the text (kept by other code)."""
    chosen: list[_Candidate] = []
    for number, at in frozen:
        if not 0 <= number < len(_RULES):
            return None
        rule = _RULES[number]
        m = rule.pattern.match(text, at)
        candidate = _candidate(text, rule, m) if m is not None else None
        if candidate is None:
            return None
        chosen.append(candidate)
    return Detections(text, tuple(chosen), _Tenses(text, tags))
