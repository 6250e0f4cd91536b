"""Time expressions: find them in news text and normalise them to TIMEX3 values.

`tag(text, dct)` finds every time expression and gives it a TIMEX3 type and value at the
granularity the text states: "September 2023" is `2023-09`, "last week" is an ISO week,
"May 15 and 16" is the range `2024-05-15/2024-05-16`, "the past two years" is `P2Y` and
"in recent months" is `PAST_REF`. Relative expressions are anchored on the document
creation time (`dct`), and weekdays, months and seasons without a year take the tense of
the verb that governs them: "is scheduled to visit on Wednesday" looks forward from the
DCT, "visited on Wednesday" looks back; "since Tuesday", "until Friday" and "Friday's
ruling" say their side whatever the verb. Expressions that news anchors on the last date
mentioned ("a year earlier" after "the third quarter", "the following year", "that
quarter", "the previous Friday") use that date.

Why our own: dateparser, the usual Python choice, parses single strings rather than
finding expressions in running text, drops granularity (it turns "September 2023" into a
day) and ignores tense. HeidelTime, the reference tagger, needs Java and TreeTagger. The
scores of this module on TempEval-3 are in docs/benchmarks.md (`storyline eval timeml`).
Calendar arithmetic is the standard library's `datetime`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from storyline import timevalues
from storyline.model import Annotation, Article, ArticleTimex, Published, Timex, TimexType

__all__ = ["MONTHS", "extract_timexes", "parse_dct", "reference_date", "tag", "tenses"]

REQUIRES = ("articles", "annotations", "published")
ASSIGNS = ("timexes",)

# ----------------------------------------------------------------------------- vocabulary


def _index_names(groups: Sequence[Sequence[str]]) -> dict[str, int]:
    """Each name of the `n`-th group (counting from 1) to `n`."""
    return {name: n for n, names in enumerate(groups, start=1) for name in names}


_MONTHS: dict[str, int] = _index_names(
    (
        ("january", "jan"),
        ("february", "feb"),
        ("march", "mar"),
        ("april", "apr"),
        ("may",),
        ("june", "jun"),
        ("july", "jul"),
        ("august", "aug"),
        ("september", "sept", "sep"),
        ("october", "oct"),
        ("november", "nov"),
        ("december", "dec"),
    )
)
MONTHS: dict[str, int] = _MONTHS
"""Month names and abbreviations (lower case, no full stop) to month numbers."""

_WEEKDAYS: dict[str, int] = _index_names(
    (
        ("monday", "mon"),
        ("tuesday", "tue", "tues"),
        ("wednesday", "wed"),
        ("thursday", "thu", "thur", "thurs"),
        ("friday", "fri"),
        ("saturday", "sat"),
        ("sunday", "sun"),
    )
)

_NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a dozen": 12,
    "dozen": 12,
    "a couple of": 2,
    "couple of": 2,
    "a couple": 2,
    "half a": 0,
    "a half": 0,
}
_FUZZY_COUNTS = ("several", "a few", "few", "some", "many", "numerous", "a number of")

_ORDINALS: dict[str, int] = {
    "final": 4,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}

# unit word -> (TIMEX3 duration letter, is a time unit)
_UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True),
    "minute": ("M", True),
    "hour": ("H", True),
    "day": ("D", False),
    "night": ("D", False),
    "week": ("W", False),
    "weekend": ("WE", False),
    "fortnight": ("W", False),
    "month": ("M", False),
    "quarter": ("Q", False),
    "year": ("Y", False),
    "decade": ("DE", False),
    "century": ("CE", False),
    "centurie": ("CE", False),
}

_PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "midday": "MI",
}

_SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "fall": "FA",
    "autumn": "FA",
    "winter": "WI",
}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# Named eras news refers to; the values are year ranges by convention.
_ERAS: dict[str, str] = {
    "cold war": "1947/1991",
    "soviet": "1922/1991",
    "soviet union": "1922/1991",
    "world war ii": "1939/1945",
    "second world war": "1939/1945",
    "world war i": "1914/1918",
    "first world war": "1914/1918",
    "great depression": "1929/1939",
    "vietnam war": "1955/1975",
    "korean war": "1950/1953",
}


def _alt(words: Sequence[str]) -> str:
    """A regex alternation of `words`, longest first so that prefixes do not win."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?"
_MONTH_CAPS = "JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR}|{_MONTH_CAPS})"
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
)
_DAYNUM = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
_NUM_WORD = _alt([w for w in _NUMBERS if w not in ("half a", "a half")])
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_WORDS = "one|two|three|four|five|six|seven|eight|nine"
_NUM = (
    rf"(?:\d+(?:\.\d+)?|(?i:(?:{_TENS})[\s-](?:{_UNITS_WORDS})|(?:{_UNITS_WORDS})\s+hundred)"
    rf"|(?i:{_NUM_WORD})|(?i:{_alt(_FUZZY_COUNTS)}))"
)
_UNIT = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade"
    r"|centur(?:y|ie))"
)
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_APPROX = (
    r"(?:(?:about|almost|nearly|roughly|approximately|around|some|just|only|barely|"
    r"more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|over|under|"
    r"well\s+over|close\s+to|the\s+better\s+part\s+of)\s+)"
)
_B = r"(?<![\w$#£€¥.-])"  # left boundary: not inside a word, number or amount
_E = r"(?![\w%-]|\.\d|,\d{3})"  # right boundary

_I = "(?i:{})".format  # case-insensitive piece inside a case-sensitive pattern


# ----------------------------------------------------------------------------- context


@dataclass(slots=True)
class _Context:
    """What a normaliser knows: the text, the DCT, the tense and the last dates mentioned."""

    text: str
    dct: dt.date | None
    tags: Sequence[tuple[int, int, str]] | None
    last_date: str | None = None
    last_mention: str | None = None
    last_quarter: str | None = None
    tag_starts: list[int] = field(default_factory=list)
    tag_ends: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.tags is not None:
            self.tags = sorted(self.tags)
            self.tag_starts = [t[0] for t in self.tags]
            self.tag_ends = [t[1] for t in self.tags]

    def tense(self, start: int, end: int) -> str | None:
        if self.tags is None:
            return _tense(self.text, start, end, None)
        # only the tokens of the expression's sentence can be its cues
        s_start, s_end = _sentence_span(self.text, start, end)
        low = bisect.bisect_right(self.tag_ends, s_start)
        high = bisect.bisect_left(self.tag_starts, s_end)
        return _tense(self.text, start, end, self.tags[low:high])


_Normaliser = Callable[[re.Match[str], _Context], "tuple[TimexType, str, str | None] | None"]


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    pattern: re.Pattern[str]
    normalise: _Normaliser
    priority: int = 0


# ----------------------------------------------------------------------------- tense

_FUTURE_CUES = re.compile(
    r"(?i)(?<!\bhad\sbeen\s)\b(?:(?:will|wo|shall|'ll|’ll|would|could|may|might|must|should)(?!\s+(?:not\s+)?have\b)|"
    r"going\s+to|gonna|scheduled|expected|due|set\s+(?:to|for)|"
    r"plans?\s+to|planning|intends?|aims?\s+to|hopes?\s+to|to\s+be\s+held|"
    r"upcoming|forthcoming|next(?!\s+to\b)|coming|effective|payable|"
    r"(?:is|are|was|were)\s+to)\b"
)
_PRESENT_CUES = re.compile(r"(?i)\b(?:is|are|am|says|say|has|have|does|do)\b")
_PAST_IRREGULAR = [
    "said",
    "told",
    "was",
    "were",
    "had",
    "did",
    "met",
    "made",
    "took",
    "gave",
    "came",
    "went",
    "got",
    "held",
    "began",
    "left",
    "saw",
    "won",
    "lost",
    "fell",
    "rose",
    "sold",
    "bought",
    "paid",
    "spoke",
    "wrote",
    "ran",
    "found",
    "thought",
    "kept",
    "brought",
    "sent",
    "led",
    "built",
    "became",
    "felt",
    "heard",
    "knew",
    "meant",
    "stood",
    "understood",
    "struck",
    "shot",
    "fled",
    "fought",
    "sought",
    "taught",
    "caught",
    "drew",
    "threw",
    "flew",
    "grew",
    "broke",
    "chose",
    "drove",
    "froze",
    "rode",
    "rang",
    "sang",
    "sank",
    "swore",
    "tore",
    "wore",
    "forgot",
    "forgave",
    "hid",
    "bit",
    "ate",
    "slid",
    "slept",
    "swept",
    "wept",
    "dealt",
    "lent",
    "spent",
    "bent",
    "sat",
    "lay",
    "laid",
    "arose",
    "awoke",
    "overtook",
    "undertook",
    "withdrew",
    "ago",
    "earlier",
    "yesterday",
    "last",
]
_PAST_CUES = re.compile(
    rf"(?i)(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)\b(?:{'|'.join(_PAST_IRREGULAR)}"
    rf"|[a-z]{{2,}}(?<!need)(?<!scheduled)(?<!expected)(?<!slated)ed)\b"
)
_CLAUSE_BREAK = re.compile(r"[.!?;:\n]\s|[“”\"]|\n")


_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "sgt",
        "capt",
        "st",
        "jr",
        "sr",
        "inc",
        "co",
        "corp",
        "ltd",
        "vs",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "gen",
        "adm",
        "prof",
        "rev",
        "messrs",
        "cmdr",
        "maj",
        "brig",
        "supt",
    ]
)
_BOUNDARY = re.compile(r"[.!?]['\"”’)]*\s+(?=[\"“‘'(]*[A-Z0-9])|\n")


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    if m[0] == "\n":
        return True
    word = re.search(r"([A-Za-z]+)\.?['\"”’)]*$", text[max(0, m.start() - 12) : m.start() + 1])
    if word is None:
        return True
    token = word[1]
    # "U.S. officials", "Gen. Smith", "Jan. 14": an abbreviation, not a sentence end
    return not (len(token) == 1 or token.lower() in _ABBREVIATIONS)


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around `start:end`, by punctuation, skipping abbreviations."""
    left = 0
    window = max(0, start - 400)
    for m in _BOUNDARY.finditer(text, window, start):
        if _is_boundary(text, m):
            left = m.end()
    right = len(text)
    for m in _BOUNDARY.finditer(text, end, min(len(text), end + 400)):
        if _is_boundary(text, m):
            right = m.start() + 1
            break
    return left, right


_PLAN_WORDS = frozenset({"scheduled", "planned", "slated", "expected", "due", "upcoming", "set"})
_REPORTING = frozenset({"say", "says", "tell", "tells", "report", "reports", "note", "notes"})
_BE = frozenset({"be", "been", "being", "is", "are", "am", "was", "were", "'s", "’s"})


def _tag_cues(
    text: str, s_start: int, s_end: int, tags: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """`(start, end, kind)` tense cues of a sentence from part-of-speech tags."""
    cues: list[tuple[int, int, str]] = []
    sentence = [t for t in tags if _in_span(t, s_start, s_end)]
    words = [text[t[0] : t[1]].lower() for t in sentence]
    for i, (t_start, t_end, tag_) in enumerate(sentence):
        word = words[i]
        previous = words[i - 1] if i else ""
        following = words[i + 1 : i + 3]
        kind = None
        if tag_ == "MD":
            if following[:1] == ["have"] or following == ["not", "have"]:
                kind = "past"  # "may have been", "would not have": a modal perfect
            else:
                kind = "future" if word not in ("could", "can", "might") else "modal"
        elif word in _PLAN_WORDS and tag_ in ("VBN", "VBD", "JJ"):
            # "set" plans only as "set to" / "set for" ("set aside", "set Friday as")
            if words[max(0, i - 2) : i] == ["had", "been"]:
                kind = "past"  # "had been set to lapse on Monday": a plan already overtaken
            elif word != "set" or following[:1] in (["to"], ["for"]):
                kind = "future"
            else:
                kind = "past" if tag_ == "VBD" else None
        elif tag_ == "VBD" or (
            tag_ == "VBN" and previous not in _BE and previous not in ("have", "has", "had")
        ):
            kind = "past"
        elif tag_ in ("VBZ", "VBP"):
            if word in ("has", "have") and _perfect_follows(sentence, i):
                kind = "perfect"  # what has happened: past for a weekday, no side for a month
            else:
                kind = "report" if word in _REPORTING else "present"
        if kind is not None:
            cues.append((t_start, t_end, kind))
    return cues


def _in_span(token: tuple[int, int, str], s_start: int, s_end: int) -> bool:
    return not (token[1] <= s_start or token[0] >= s_end)


def _perfect_follows(sentence: Sequence[tuple[int, int, str]], i: int) -> bool:
    """Whether the auxiliary at `i` starts a perfect: a participle after at most two adverbs."""
    for _, _, tag_ in sentence[i + 1 : i + 4]:
        if tag_ == "VBN":
            return True
        if tag_ not in ("RB", "RBR", "RBS"):
            return False
    return False


def _word_cues(text: str, s_start: int, s_end: int) -> list[tuple[int, int, str]]:
    sentence = text[s_start:s_end]
    cues: list[tuple[int, int, str]] = []
    for pattern, kind in (
        (_FUTURE_CUES, "future"),
        (_PAST_CUES, "past"),
        (_PRESENT_CUES, "present"),
    ):
        for m in pattern.finditer(sentence):
            cues.append((s_start + m.start(), s_start + m.end(), kind))
    return cues


_QUOTE = re.compile(r"[\"“”]|``|''")
_SUBORDINATE = re.compile(r"(?i)\b(?:that|which|who|whom|whose|because|although|while|if)\b")


def _tense(
    text: str, start: int, end: int, tags: Sequence[tuple[int, int, str]] | None
) -> str | None:
    """`future`, `past`, `present`, `perfect` or `report` from the verb nearest to the
    expression.

    The nearest cue before the expression wins, then the nearest after it; a planning
    word ("scheduled", "due", "set to") or a modal counts as future, a modal perfect ("may
    have been") as past. With tags, a present perfect ("has slumped") is `perfect`.
    """
    s_start, s_end = _sentence_span(text, start, end)
    if tags is not None:
        cues = _tag_cues(text, s_start, s_end, tags)
        cues += [c for c in _word_cues(text, s_start, s_end) if c[2] == "future"]
    else:
        cues = _word_cues(text, s_start, s_end)
    best: tuple[int, str] | None = None
    for c_start, c_end, kind in cues:
        if start <= c_start < end:
            continue
        between = text[c_end:start] if c_end <= start else text[end:c_start]
        if _QUOTE.search(between):
            continue  # a verb on the other side of a quotation mark is someone else's clause
        if c_end > start and _SUBORDINATE.search(between):
            continue  # "warnings on Thursday that strikes could harm ties": not its verb
        distance = start - c_end if c_end <= start else (c_start - end) + 25
        if kind == "modal":
            kind = "future"
        if best is None or distance < best[0]:
            best = (distance, kind)
    return best[1] if best else None


# ----------------------------------------------------------------------------- calendar


def parse_dct(value: str | dt.date | None) -> dt.date | None:
    """The date part of a DCT given as a date or an ISO string (`1998-02-13T14:26:00`)."""
    if value is None or isinstance(value, dt.date):
        return value
    m = re.match(r"\s*(\d{4})-?(\d{2})-?(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _fmt_date(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _fmt_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _shift_days(d: dt.date, days: int) -> dt.date | None:
    try:
        return d + dt.timedelta(days=days)
    except OverflowError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _year_ok(year: int) -> bool:
    return 1 <= year <= 9999


def _weekday_date(dct: dt.date, weekday: int, direction: str) -> dt.date | None:
    """The `weekday` (1 = Monday) nearest to `dct` in `direction`, the DCT itself included."""
    diff = weekday - dct.isoweekday()
    if direction == "future":
        days = diff % 7
    elif direction == "next":
        days = diff % 7 or 7
    elif direction == "last":
        days = -((-diff) % 7 or 7)
    else:
        days = -((-diff) % 7)
    return _shift_days(dct, days)


def _month_year(dct: dt.date, month: int, direction: str) -> int:
    if direction == "future":
        return dct.year if month >= dct.month else dct.year + 1
    if direction == "next":
        return dct.year if month > dct.month else dct.year + 1
    if direction == "last":
        return dct.year if month < dct.month else dct.year - 1
    return dct.year if month <= dct.month else dct.year - 1


def _direction(ctx: _Context, start: int, end: int, default: str = "past") -> str:
    """`future` or `past` from the tense, `default` where the tense does not say."""
    tense = ctx.tense(start, end)
    if tense in ("future", "past"):
        return tense
    return default


def _closest_year(dct: dt.date, month: int, day: int) -> int:
    """The year that puts `month`/`day` nearest to the DCT."""
    best = dct.year
    best_gap: int | None = None
    for year in (dct.year - 1, dct.year, dct.year + 1):
        try:
            gap = abs((dt.date(year, month, min(day, 28)) - dct).days)
        except (ValueError, OverflowError):
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def _month_number(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip("."))


def _day_number(word: str) -> int:
    return int(re.sub(r"\D", "", word))


def _number(word: str) -> int | None:
    """The value of a count word or numeral; None for fuzzy counts ("several")."""
    w = re.sub(r"\s+", " ", word.lower()).strip()
    if re.fullmatch(r"\d+", w):
        return int(w)
    if re.fullmatch(r"\d+\.\d+", w):
        return None
    if w in _NUMBERS:
        return _NUMBERS[w]
    parts = re.split(r"[\s-]", w)
    if len(parts) == 2 and parts[0] in _NUMBERS and parts[1] in _NUMBERS:
        a, b = _NUMBERS[parts[0]], _NUMBERS[parts[1]]
        return a * b if b == 100 else a + b
    return None


def _duration(count: int | None, unit: str, fraction: str | None = None) -> str:
    letter, is_time = _UNITS[
        unit.lower().rstrip("s") if unit.lower() != "centuries" else "centurie"
    ]
    prefix = "PT" if is_time else "P"
    if letter == "WE":
        return "P2D" if count == 1 else f"P{count * 2}D" if count else "PXWE"
    if letter == "DE":
        return f"P{count * 10}Y" if count is not None else "PXDE"
    if letter == "CE":
        return f"P{count * 100}Y" if count is not None else "PXCE"
    if count is None:
        return f"{prefix}X{letter}"
    return f"{prefix}{count}{letter}"


# ----------------------------------------------------------------------------- normalisers


def _date_value(ctx: _Context, year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return _fmt_date(dt.date(year, month, day))
    except ValueError:
        return None


def _attributive(ctx: _Context, start: int, end: int) -> bool:
    """Whether a date modifies the noun after it, as in "the October slaying"."""
    if not re.search(r"(?i)\bthe\s+$", ctx.text[max(0, start - 4) : start]) and not re.match(
        r"(?i)the\s", ctx.text[start:end]
    ):
        return False
    following = re.match(r" ([a-z]+)\b", ctx.text[end : end + 30])
    if following is None:
        return False
    if ctx.tags is None:
        return True
    at = bisect.bisect_left(ctx.tag_starts, end + 1)
    if at == len(ctx.tag_starts) or ctx.tags[at][0] != end + 1:
        return False
    return ctx.tags[at][2] in ("NN", "NNS")


_MONTH_AHEAD = re.compile(r"(?i)\b(?:until|till)\s+(?:(?:early|mid|late)[\s-]+)?$")


def _resolve_year(ctx: _Context, m: re.Match[str], month: int, day: int | None) -> int | None:
    """The year of a month (and day) the text gives without one.

    The year that puts the date nearest to the DCT, unless the tense says the date is
    past (or future) and the nearest one is more than a month on the other side. Dates
    in news are mostly near the DCT, and a past-tense verb often governs a future date
    ("the offer was extended to Nov. 16"), so tense only overrules a clear distance.
    """
    if ctx.dct is None:
        return None
    year = _closest_year(ctx.dct, month, day or 15)
    direction = _direction(ctx, m.start(), m.end(), default="closest")
    if direction != "future" and _attributive(ctx, m.start(), m.end()):
        direction = "past"  # "the Oct. 23 slaying": an event the news already knows of
    try:
        candidate = dt.date(year, month, min(day or 15, 28))
    except ValueError:
        return year
    if day is None:
        # a month alone: the tense decides which side of the DCT's month it lies on,
        # except that "until" looks ahead, and the month right after the
        # DCT's is the coming one even in a past-tense report ("cut supplies in September")
        before = ctx.text[max(0, m.start() - 30) : m.start()]
        if _MONTH_AHEAD.search(before):
            direction = "future"
        next_month = _shift_month(ctx.dct.year, ctx.dct.month, 1)
        if direction == "past" and (year, month) > (ctx.dct.year, ctx.dct.month):
            if (year, month) == next_month:
                return year
            return year - 1
        if direction == "future" and (year, month) < (ctx.dct.year, ctx.dct.month):
            return year + 1
        if (
            direction not in ("past", "future")
            and (year, month) > _shift_month(ctx.dct.year, ctx.dct.month, 3)
            and not re.search(r"(?i)\bby\s+$", before)
        ):
            # a month named without a tense that places it: next year's only when it is
            # near or a deadline ("by February"), else the one that has passed ("from $29
            # in March", said in October)
            return year - 1
        return year
    margin = dt.timedelta(days=75)
    if direction == "past" and candidate > ctx.dct + margin:
        return year - 1
    if direction == "future" and candidate < ctx.dct - margin:
        return year + 1
    return year


def _month_day_year(
    m: re.Match[str], ctx: _Context, mon: str = "mon", day_group: str = "day"
) -> tuple[int, int, int | None] | None:
    """The month and day a match names and its year: written, or resolved against the DCT
    (None when there is none); None for no month."""
    month = _month_number(m[mon])
    if month is None:
        return None
    day = _day_number(m[day_group])
    return month, day, int(m["year"]) if m["year"] else _resolve_year(ctx, m, month, day)


def _n_month_day(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    parts = _month_day_year(m, ctx)
    if parts is None:
        return None
    month, day, year = parts
    if year is None:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", None
    value = _date_value(ctx, year, month, day)
    if value is None:
        return None
    if m["day2"]:
        day2 = _day_number(m["day2"])
        month2 = _month_number(m["mon2"]) if m["mon2"] else month
        if month2 is None:
            return None
        year2 = year if month2 >= month else year + 1
        value2 = _date_value(ctx, year2, month2, day2)
        if value2 is None or value2 <= value:
            return None
        return "DATE", f"{value}/{value2}", None
    return "DATE", value, None


def _n_month_year(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    month = _month_number(m["mon"])
    if month is None:
        return None
    year_text = m["year"]
    if year_text.isdigit():
        year: int | None = int(year_text)
    else:
        year = _relative_year(ctx, year_text)
    mod = _mod(m["mod"])
    if year is None:
        return "DATE", f"XXXX-{month:02d}", mod
    if m["mon1"]:
        month1 = _month_number(m["mon1"])
        if month1 is None or month1 >= month:
            return None
        return "DATE", f"{year:04d}-{month1:02d}/{year:04d}-{month:02d}", None
    return "DATE", f"{year:04d}-{month:02d}", mod


def _relative_year(ctx: _Context, words: str) -> int | None:
    if ctx.dct is None:
        return None
    w = words.lower().split()[0]
    return ctx.dct.year + {"this": 0, "last": -1, "next": 1}.get(w, 0)


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower().rstrip("- ")
    if w.startswith("early") or "beginning" in w or w.startswith("start"):
        return "START"
    if w.startswith("mid") or "middle" in w:
        return "MID"
    if w.startswith("late") or "end" in w:
        return "END"
    return None


_MAY_CONTEXT = re.compile(
    r"(?i)(?:\b(?:in|since|until|till|by|from|of|early|late|mid|last|next|this|through|to|and|"
    r"during|before|after|between|or|around|throughout|on|for)\s+|mid-|,\s*)$"
)


def _n_month(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    word = m["mon"]
    month = _month_number(word)
    if month is None:
        return None
    before = ctx.text[max(0, m.start() - 20) : m.start()]
    after = ctx.text[m.end() : m.end() + 20]
    rel = (m["rel"] or "").lower()
    # A month name is also a modal, a verb and a given name: ask for temporal context.
    if not rel and not m["mod"]:
        # "the March accession", "the June summit": a month naming when a thing happens
        attributive = bool(
            re.search(r"(?i)\bthe\s+$", before)
            and re.match(r"\s+(?!of\b)[a-z]{3,}", after)
            and word.istitle()
        )
        if (
            word in ("May", "March", "MAY", "MARCH")
            and not attributive
            and not _MAY_CONTEXT.search(before)
        ):
            return None
        if re.match(r"\s+[A-Z][a-z]", after) and not _MAY_CONTEXT.search(before):
            return None
    if word.isalpha() and word.lower() not in _MONTH_FULL.lower().split("|"):
        # "Jan Kavan", "Dec": a bare abbreviation without its full stop is not a month
        return None
    mod = _mod(m["mod"])
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}", mod
    if rel in ("last", "next", "this", "past", "coming"):
        direction = {"last": "last", "past": "last", "next": "next", "coming": "future"}.get(
            rel, "future" if month >= ctx.dct.month else "past"
        )
        year = ctx.dct.year if rel == "this" else _month_year(ctx.dct, month, direction)
    else:
        year = _resolve_year(ctx, m, month, None) or ctx.dct.year
    if not _year_ok(year):
        return None
    return "DATE", f"{year:04d}-{month:02d}", mod


def _n_iso(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["hh"]:
        return "TIME", f"{_fmt_date(d)}T{int(m['hh']):02d}:{m['mm']}", None
    return "DATE", _fmt_date(d), None


def _n_slash(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    a, b, year_text = int(m["a"]), int(m["b"]), m["y"]
    year = int(year_text)
    if len(year_text) == 2:
        year += 1900 if year > 30 else 2000
    month, day = (a, b) if a <= 12 else (b, a)
    try:
        return "DATE", _fmt_date(dt.date(year, month, day)), None
    except ValueError:
        return None


_COUNT_NOUNS = re.compile(
    r"\s+(?:people|persons|troops|soldiers|men|women|children|votes|voters|miles|feet|meters|"
    r"metres|kilometers|kilometres|tons|tonnes|pounds|dollars|euros|yen|shares|acres|cases|"
    r"members|employees|workers|jobs|units|cars|vehicles|homes|houses|barrels|deaths|"
    r"students|delegates|seats|points|rooms|pages|copies|words|residents|refugees|"
    r"prisoners|civilians|police|officers|cars|km|mph|ft|lb|kg|sq|square|rpm)\b"
)
_YEAR_BLOCKERS = re.compile(
    r"(?i)(?:\b(?:no|number|room|flight|route|highway|interstate|boeing|airbus|model|page|"
    r"article|section|rule|resolution|suite|apt|apartment|box|code|bill|chapter|"
    r"cessna|exit|gate|channel|track|version|item|lot|unit|form|hr|h\.r)\.?\s+|[#№:])$"
)


def _n_year(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    year = int(m["year"])
    before = ctx.text[max(0, m.start() - 16) : m.start()]
    after = ctx.text[m.end() : m.end() + 16]
    if _YEAR_BLOCKERS.search(before) or _COUNT_NOUNS.match(after):
        return None
    if re.match(r"\s*(?:%|percent|per\s*cent|[-–]\d)", after):
        return None
    if re.match(r"\s+Index\b", after):
        return None  # "the Russell 2000 Index": a name
    has_context = bool(
        re.search(r"(?i)\b(?:in|since|of|year|by|until|from|fiscal|the)\s+$", before)
    )
    if not (1900 <= year <= 2099) and not has_context:
        return None
    if m["year2"]:
        year2 = int(m["year2"]) if len(m["year2"]) == 4 else (year // 100) * 100 + int(m["year2"])
        if year2 <= year:
            return None
        return "DATE", f"{year:04d}/{year2:04d}", None
    return "DATE", f"{year:04d}", _mod(m["mod"])


# a band of temperatures or prices, not a decade: "highs in the 70s", "shares in the 30s"
_TEMPERATURE_BEFORE = re.compile(
    r"(?i)(?:\b(?:temperatures?|highs?|lows?|degrees|readings?|mercury|thermometers?|prices?"
    r"|shares?|stocks?|trad(?:ed|ing)|rates?|yields?|scores?|percent|polls?|ratings?)\b|[$%])"
    r"[^.]{0,25}$"
)
_TEMPERATURE_AFTER = re.compile(r"(?i)\s*(?:degrees|°|fahrenheit|celsius|[FC]\b)")


def _n_decade(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["full"]:
        return "DATE", m["full"][:3], _mod(m["mod"])
    if m["bare"] and (
        _TEMPERATURE_BEFORE.search(ctx.text[max(0, m.start() - 40) : m.start()])
        or _TEMPERATURE_AFTER.match(ctx.text, m.end())
    ):
        return None
    short = m["short"] or m["bare"]
    century = "19"
    if ctx.dct is not None and int(short[0]) <= (ctx.dct.year % 100) // 10:
        century = str(ctx.dct.year // 100)
    return "DATE", f"{century}{short[0]}", _mod(m["mod"])


def _n_short_year(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "since '82", "the class of '98": the year of that number nearest before the DCT
    (a year ahead at most), in the 1900s without one."""
    yy = int(m["yy"])
    if ctx.dct is None:
        return ("DATE", f"19{yy:02d}", None) if yy >= 30 else None
    century = ctx.dct.year // 100 * 100
    year = century + yy if century + yy <= ctx.dct.year + 1 else century - 100 + yy
    return "DATE", f"{year:04d}", None


def _n_century(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    n = _day_number(m["n"]) if m["n"][0].isdigit() else _ORDINAL_WORDS.get(m["n"].lower())
    if not n or n > 99:
        return None
    return "DATE", f"{n - 1:02d}", _mod(m["mod"])


_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
}


def _part_suffix(word: str | None) -> str | None:
    if not word:
        return None
    return _PARTS_OF_DAY.get(word.lower())


def _n_day_word(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    word = m["word"].lower()
    part = _part_suffix(m["part"])
    if word == "tonight":
        part = "NI"
        offset = 0
    elif word == "last night":
        part = "NI"
        offset = -1
    elif word.startswith("this"):
        part = _part_suffix(word.split()[-1])
        offset = 0
    else:
        offset = {"today": 0, "yesterday": -1, "tomorrow": 1}.get(word.split()[-1], 0)
        if "day before" in word:
            offset = -2
        elif "day after" in word:
            offset = 2
    mod = _mod(m["mod"])
    if ctx.dct is None:
        return ("TIME" if part else "DATE"), f"XXXX-XX-XX{'T' + part if part else ''}", mod
    d = _shift_days(ctx.dct, offset)
    if d is None:
        return None
    if part:
        return "TIME", f"{_fmt_date(d)}T{part}", mod
    return "DATE", _fmt_date(d), mod


_WEEKDAY_AHEAD = re.compile(r"(?i)\b(?:until|till|as\s+(?:soon|early)\s+as)\s+(?:\S+\s+){0,3}$")
_WEEKDAY_BEHIND = re.compile(r"(?i)\bsince\s+$")


def _weekday_direction(ctx: _Context, start: int, end: int) -> str:
    """`future` or `past` for a bare weekday (or a clock time on one).

    "since Tuesday" looks back and "until Friday", "as soon as Tuesday" look ahead,
    whatever the verb; a possessive ("Friday's ruling") names an event already reported.
    Otherwise news reports the past with a bare weekday, and a present tense that is not
    reporting speech ("they meet Monday") looks ahead, as the future does.
    """
    before = ctx.text[max(0, start - 40) : start]
    if _WEEKDAY_BEHIND.search(before):
        return "past"
    if _WEEKDAY_AHEAD.search(before):
        s_start, s_end = _sentence_span(ctx.text, start, end)
        if re.fullmatch(r"(?i)\W*(?:until|till)\s+", ctx.text[s_start:start]) and re.match(
            r"(?i)\W+(?:\w+\s+){1,3}had\b", ctx.text[end:s_end]
        ):
            return "past"  # "Until Thursday, they had not named him": over by now
        return "future"
    if re.match(r"['’]s\b", ctx.text[end : end + 3]) and not re.search(
        r"(?i)\b(?:ahead\s+of|upcoming|next|this|coming)\s+$", before
    ):
        return "past"
    tense = ctx.tense(start, end)
    return "future" if tense in ("future", "present") else "past"


def _n_weekday(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    weekday = _WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    part = _part_suffix(m["part"])
    after = ctx.text[m.end() : m.end() + 20]
    if (
        not rel
        and not part
        and re.match(r"\s+(?!(?:and|or|to|through|night|morning)\b)[A-Z][a-z]", after)
        and not re.match(rf"\s+(?:{_MONTH})", after)
    ):
        return None  # "Sunday Times", "Monday Night Football": a name
    mod = _mod(m["mod"])
    if ctx.dct is None:
        value = f"XXXX-WXX-{weekday}"
    else:
        if rel in ("last", "past", "previous"):
            direction = "last"
        elif rel in ("next", "coming"):
            direction = "next"
        elif rel == "this":
            direction = "future"
        else:
            direction = _weekday_direction(ctx, m.start(), m.end())
        anchor = ctx.dct
        if rel in ("previous", "following") and ctx.last_date and len(ctx.last_date) == 10:
            # "the previous Friday": the one before the day just mentioned
            anchor = parse_dct(ctx.last_date) or anchor
            direction = "last" if rel == "previous" else "next"
        d = _weekday_date(anchor, weekday, direction)
        if d is None:
            return None
        value = _fmt_date(d)
        if m["wd2"]:
            weekday2 = _WEEKDAYS[m["wd2"].lower()]
            d2 = _shift_days(d, (weekday2 - weekday) % 7)
            if d2 is None or d2 == d:
                return None
            return "DATE", f"{value}/{_fmt_date(d2)}", None
    if m["wd2"]:
        return "DATE", f"{value}/XXXX-WXX-{_WEEKDAYS[m['wd2'].lower()]}", None
    if part:
        return "TIME", f"{value}T{part}", mod
    return "DATE", value, mod


def _unit_value(ctx: _Context, unit: str, offset: int) -> str | None:
    """The calendar unit containing the DCT, shifted by `offset` units."""
    dct = ctx.dct
    if dct is None:
        unknown = {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE"}
        unknown |= {"month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX"}
        return unknown.get(unit, "XX" if unit == "century" else "XXXX")
    if unit == "day":
        d = _shift_days(dct, offset)
        return _fmt_date(d) if d else None
    if unit in ("week", "weekend"):
        d = _shift_days(dct, 7 * offset)
        if d is None:
            return None
        return _fmt_week(d) + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        year, month = _shift_month(dct.year, dct.month, offset)
        return f"{year:04d}-{month:02d}" if _year_ok(year) else None
    if unit == "quarter":
        year, month = _shift_month(dct.year, dct.month, 3 * offset)
        return f"{year:04d}-Q{(month - 1) // 3 + 1}" if _year_ok(year) else None
    if unit == "year":
        year = dct.year + offset
        return f"{year:04d}" if _year_ok(year) else None
    if unit == "decade":
        year = dct.year + 10 * offset
        return f"{year // 10:03d}" if _year_ok(year) else None
    if unit == "century":
        year = dct.year + 100 * offset
        return f"{year // 100:02d}" if _year_ok(year) else None
    return None


def _season_value(ctx: _Context, season: str, rel: str, m: re.Match[str]) -> str:
    if ctx.dct is None:
        return f"XXXX-{season}"
    month = ctx.dct.month
    current = {12: "WI", 1: "WI", 2: "WI"}.get(month) or (
        "SP" if month <= 5 else "SU" if month <= 8 else "FA" if month <= 11 else "WI"
    )
    # the year a season belongs to is the year it starts in (winter starts in December)
    current_year = ctx.dct.year - 1 if month <= 2 else ctx.dct.year
    order = ["SP", "SU", "FA", "WI"]
    diff = order.index(season) - order.index(current)
    if rel in ("last", "past", "previous"):
        year = current_year if diff < 0 else current_year - 1
    elif rel in ("next", "coming"):
        year = current_year if diff > 0 else current_year + 1
    elif rel == "this" or diff == 0:
        year = current_year
    else:
        direction = _direction(ctx, m.start(), m.end())
        if direction == "future":
            year = current_year if diff >= 0 else current_year + 1
        else:
            year = current_year if diff <= 0 else current_year - 1
    return f"{year:04d}-{season}"


def _remember_quarter(ctx: _Context, value: str) -> None:
    """Keep a resolved quarter as the one later "a year earlier" expressions refer to."""
    if re.fullmatch(r"\d{4}-Q[1-4]", value):
        ctx.last_quarter = value


# a figure set against an earlier one, in the same sentence: "compared with $3 million"
_COMPARED = re.compile(
    r"(?i)\b(?:compared\s+with|compared\s+to|up\s+from|down\s+from|from|versus|vs\.|against)"
    r"\s+(?:a\s+|an\s+)?(?:(?:net\s+)?(?:loss|profit|earnings|income|sales)\s+of\s+)?"
    r"[$£€¥]?[\d.,]+[^.;]{0,30}$|\b(?:up|down)\s+from\s+$|\bfrom\s+$"
)
_ANAPHORIC = frozenset({"following", "previous", "same", "that"})
# the granularity a mentioned date needs before a unit can be counted from it
_ANCHOR_LENGTH = {"year": 4, "decade": 4, "century": 4, "quarter": 7, "month": 7, "week": 10}


def _anchor_date(value: str | None, unit: str) -> dt.date | None:
    """A mentioned date (`1995`, `1995-12`, `1995-12-02`) as a day, if it is precise
    enough to count `unit`s from."""
    if value is None or len(value) < _ANCHOR_LENGTH.get(unit, 11):
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        return dt.date(parts[0], *[*parts[1:], 1, 1][:2])
    except ValueError:
        return None


def _n_relative_unit(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    mod = _mod(m["mod"])
    if unit in _SEASONS:
        return "DATE", _season_value(ctx, _SEASONS[unit], rel, m), mod
    offset = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(
        rel, 0
    )
    if rel in ("past", "last") and m["the"] and unit not in ("weekend", "year", "quarter"):
        # "the past decade", "the last month": the stretch up to now, a duration; "the
        # past year" and "the last quarter" name the calendar year or quarter before
        return "DURATION", _duration(1, unit), None
    if (
        unit == "year"
        and rel == "last"
        and not m["the"]
        and ctx.last_quarter
        and _COMPARED.search(ctx.text[max(0, m.start() - 60) : m.start()])
        and not re.search(
            r"(?i)\b(?:this|the|fiscal)\s+year\b", ctx.text[max(0, m.start() - 80) : m.start()]
        )
    ):
        # earnings news: "net of $24 million, compared with $3 million last year" compares
        # with the same quarter a year before, as "a year ago" does
        year_text, q_text = ctx.last_quarter.split("-Q")
        return "DATE", f"{int(year_text) - 1:04d}-Q{q_text}", None
    base = ctx
    if rel in _ANAPHORIC and unit == "quarter" and ctx.last_quarter:
        # "that quarter", "the previous quarter": the quarter being reported on
        year_text, q_text = ctx.last_quarter.split("-Q")
        year, month = _shift_month(int(year_text), 3 * int(q_text) - 2, 3 * offset)
        return "DATE", f"{year:04d}-Q{(month - 1) // 3 + 1}", mod
    if rel in _ANAPHORIC:
        # "the following year", "the previous month", "that year": counted from the
        # date the text last gave, not from the DCT ("in 1995 ..., and the following year")
        last = _anchor_date(ctx.last_mention, unit)
        if last is not None:
            base = _Context(ctx.text, last, ctx.tags)
        elif rel == "that":
            return None
    value = _unit_value(base, unit, offset)
    if value is None:
        return None
    if unit == "quarter":
        _remember_quarter(ctx, value)
    return "DATE", value, mod


def _n_earlier_this(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    unit = m["unit"].lower()
    word = m["when"].lower()
    mod = (
        "START"
        if word.startswith("early")
        else "END"
        if word.startswith("late") and unit != "day"
        else None
    )
    if m["rel"].lower() == "that":
        return None if ctx.last_date is None else ("DATE", _truncate(ctx.last_date, unit), None)
    offset = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    if unit in _PARTS_OF_DAY:
        if ctx.dct is None:
            return "TIME", f"XXXX-XX-XXT{_PARTS_OF_DAY[unit]}", None
        return "TIME", f"{_fmt_date(ctx.dct)}T{_PARTS_OF_DAY[unit]}", None
    value = _unit_value(ctx, unit, offset)
    if value is None:
        return None
    return "DATE", value, mod


def _truncate(value: str, unit: str) -> str:
    lengths = {"year": 4, "month": 7, "day": 10}
    return value[: lengths.get(unit, len(value))]


def _n_ago(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    count = _number(m["num"]) if m["num"] else 1
    unit = m["unit"].lower().rstrip("s")
    if unit == "centurie":
        unit = "century"
    word = m["ago"].lower()
    if count is None or count == 0:
        return "DATE", "PAST_REF" if word in ("ago", "earlier", "before") else "FUTURE_REF", None
    sign = -1 if word in ("ago", "earlier", "before", "back") else 1
    anchor_last = word in ("earlier", "later", "before", "after")
    if unit == "year" and count == 1 and ctx.last_quarter and sign < 0:
        # earnings news: "profit rose from a year ago" compares with the same quarter
        year, q = ctx.last_quarter.split("-Q")
        return "DATE", f"{int(year) + sign:04d}-Q{q}", None
    base = ctx.dct
    if anchor_last and ctx.last_date is not None:
        base = parse_dct(ctx.last_date) or base
    if base is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    shifted = _Context(ctx.text, base, ctx.tags)
    if unit in ("day", "night"):
        value = _unit_value(shifted, "day", sign * count)
    elif unit == "week":
        value = _unit_value(shifted, "week", sign * count)
    elif unit == "fortnight":
        value = _unit_value(shifted, "week", sign * 2 * count)
    elif unit == "month":
        value = _unit_value(shifted, "month", sign * count)
    elif unit == "quarter":
        value = _unit_value(shifted, "quarter", sign * count)
    elif unit == "year":
        value = _unit_value(shifted, "year", sign * count)
    elif unit == "decade":
        value = _unit_value(shifted, "year", sign * 10 * count)
    elif unit == "century":
        value = _unit_value(shifted, "century", sign * count)
    elif unit in ("hour", "minute", "second"):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    else:
        return None
    if value is None:
        return None
    return "DATE", value, None


_HALF_UNITS = {
    "year": "P{}Y6M",
    "day": "P{}DT12H",
    "hour": "PT{}H30M",
    "minute": "PT{}M30S",
}


# "one day" between a subject or modal and its verb is "some day", not a length
_SOMEDAY_BEFORE = re.compile(
    r"(?i)\b(?:will|would|could|may|might|can|shall|should|must|he|she|they|we|i|you|it)\s+$"
)


def _n_duration(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["old"] or re.match(r"[\s-]+old\b", ctx.text[m.end() : m.end() + 6]):
        return None  # an age ("a 6-year-old boy", "52 years old"), not a time
    if re.fullmatch(r"(?i)\w+-quarters", m[0].split()[-1]):
        return None  # "three-quarters": a fraction
    unit_text = m["unit"]
    if unit_text.lower().startswith("quarter") and re.match(
        r"\s+of\s+(?:the|a|an|all|its|their|his|her|our|this|that|those|these)\b",
        ctx.text[m.end() : m.end() + 12],
    ):
        return None  # "over a quarter of all voters": a fraction
    if unit_text[0].isupper() and not _at_sentence_start(ctx.text, m.start()):
        return None  # "CBS's 60 Minutes": a title, not a length of time
    if re.fullmatch(r"(?i)one\s+day", m[0]) and _SOMEDAY_BEFORE.search(
        ctx.text[max(0, m.start() - 12) : m.start()]
    ):
        return "DATE", "FUTURE_REF", None  # "she will one day lead it": some day to come
    num = m["num"]
    unit = m["unit"].lower()
    unit_key = "centurie" if unit == "centuries" else unit.rstrip("s")
    if num is None:
        count: int | None = None
    else:
        count = _number(num)
        if count == 0 or (count is not None and count >= 1000):
            return None
        if (
            unit_key == "second"
            and num.lower() in ("a", "an")
            and not re.match(r"\s*[.,;:!?)]", ctx.text[m.end() : m.end() + 2])
        ):
            return None  # "a second opinion": the ordinal, not the unit
        if count is None and re.fullmatch(r"\d+\.\d+", num):
            whole, frac = num.split(".")
            letter, is_time = _UNITS[unit_key]
            if frac == "5" and letter in ("Y", "M", "W", "D", "H"):
                return "DURATION", f"{'PT' if is_time else 'P'}{whole}.5{letter}", None
            return None
    if m["half"]:
        letter, is_time = _UNITS[unit_key]
        if count:
            return "DURATION", f"{'PT' if is_time else 'P'}{count}.5{letter}", None
    if (m["frac"] or m["half2"]) and count:
        # "2 1/2 years", "an hour and a half": the half in the next smaller unit where it is whole
        half = _HALF_UNITS.get(unit_key)
        if half is not None:
            return "DURATION", half.format(count), None
        letter, is_time = _UNITS[unit_key]
        return "DURATION", f"{'PT' if is_time else 'P'}{count}.5{letter}", None
    mod = None
    approx = (m["approx"] or "").lower().strip()
    if approx:
        mod = (
            "MORE_THAN"
            if approx.startswith(("more", "over", "well over"))
            else "LESS_THAN"
            if approx.startswith(("less", "fewer", "under"))
            else "EQUAL_OR_MORE"
            if approx.startswith("at least")
            else "EQUAL_OR_LESS"
            if approx.startswith(("up to", "at most"))
            else "APPROX"
        )
    return "DURATION", _duration(count, unit_key), mod


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start]
    return start == 0 or not before.strip() or bool(re.search(r"[.!?\"“”'`]\s*$", before))


def _n_bare_plural(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    unit = (m["unit"] or m["unit2"] or m["unit3"] or m["unit4"]).lower()
    key = "centurie" if unit == "centuries" else unit.rstrip("s")
    return "DURATION", _duration(None, key), None


def _unfinished(ctx: _Context, quarter: str) -> bool:
    """Whether `quarter` (`YYYY-Qn`) has not ended by the DCT."""
    if ctx.dct is None:
        return False
    year, q = quarter.split("-Q")
    return (int(year), int(q)) >= (ctx.dct.year, (ctx.dct.month - 1) // 3 + 1)


def _n_quarter(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    which = (m["ord"] or "").lower()
    qual = (m["qual"] or "").lower()
    year: int | None = None
    if m["year"]:
        year = int(m["year"]) if m["year"].isdigit() else _relative_year(ctx, m["year"])
    elif m["year0"]:
        year = int(m["year0"])  # "the 1988 third quarter"
    elif qual.startswith("next year") and ctx.dct is not None:
        year = ctx.dct.year + 1
    elif qual.startswith("this year") and ctx.dct is not None:
        year = ctx.dct.year
    if which == "last" and not year:
        which = ""
    q = _ORDINALS.get(which)
    if q is None:
        # "the quarter", "the latest quarter": the quarter being reported on; "the latest
        # quarter" has results, so it is over, and is not a quarter still running
        over = not (
            qual.startswith(("latest", "most recent"))
            and ctx.last_quarter
            and _unfinished(ctx, ctx.last_quarter)
        )
        if ctx.last_quarter and not qual.startswith(("year-", "last year")) and over:
            return "DATE", ctx.last_quarter, None
        if ctx.last_quarter and qual.startswith(("year-", "last year")):
            year_text, q_text = ctx.last_quarter.split("-Q")
            return "DATE", f"{int(year_text) - 1:04d}-Q{q_text}", None
        if ctx.dct is None:
            return "DATE", "XXXX-QX", None
        y, month = _shift_month(ctx.dct.year, ctx.dct.month, -3)
        value = f"{y:04d}-Q{(month - 1) // 3 + 1}"
        if qual.startswith(("year-", "last year")):
            value = f"{y - 1:04d}-Q{(month - 1) // 3 + 1}"
        else:
            _remember_quarter(ctx, value)
        return "DATE", value, None
    if year is None:
        if ctx.dct is None:
            return "DATE", f"XXXX-Q{q}", None
        year = ctx.dct.year
        quarter_start = dt.date(year, 3 * q - 2, 1) if _year_ok(year) else None
        if quarter_start and quarter_start > ctx.dct and ctx.tense(m.start(), m.end()) == "past":
            year -= 1
        earlier = qual.startswith(("year-", "last year"))
        if earlier:
            year -= 1
        value = f"{year:04d}-Q{q}"
        if not earlier:
            _remember_quarter(ctx, value)
        return "DATE", value, None
    value = f"{year:04d}-Q{q}"
    _remember_quarter(ctx, value)
    return "DATE", value, None


def _n_quarter_like(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the latest period", "the year-earlier period": the quarter being reported on."""
    if ctx.last_quarter is None:
        return None
    year_text, q_text = ctx.last_quarter.split("-Q")
    if re.search(r"(?i)year-", m[0]):
        return "DATE", f"{int(year_text) - 1:04d}-Q{q_text}", None
    return "DATE", ctx.last_quarter, None


def _n_q_abbrev(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["year"]:
        year: int | None = int(m["year"])
    else:
        year = ctx.dct.year if ctx.dct else None
    value = f"{year:04d}-Q{m['q']}" if year else f"XXXX-Q{m['q']}"
    _remember_quarter(ctx, value)
    return "DATE", value, None


def _n_clock24(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    before = ctx.text[max(0, m.start() - 4) : m.start()]
    after = ctx.text[m.end() : m.end() + 8]
    if not (
        m["zone"]
        or re.search(r"(?i)\b(?:at|by|until|from|to)\s+$", before)
        or re.match(r"\s*(?:h\b|hours|hrs|local|[ECMP][SD]T)", after)
    ):
        return None  # "won 2:1", "John 3:16": not a clock time
    hour, minute = (m["h"], m["min"]) if m["h"] else (m["h4"], m["min4"])
    return "TIME", f"{_clock_day(m, ctx)}T{hour}:{minute}{_zone(m)}", None


def _n_half(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    which = m["ord"].lower()
    h = 1 if which in ("first", "1st") else 2
    year: int | None
    if m["year"]:
        year = int(m["year"]) if m["year"].isdigit() else _relative_year(ctx, m["year"])
    else:
        year = ctx.dct.year if ctx.dct else None
    if year is None:
        return "DATE", f"XXXX-H{h}", None
    return "DATE", f"{year:04d}-H{h}", None


def _n_first_months(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    count = _number(m["num"])
    if not count:
        return None
    return "DURATION", f"P{count}M", None


def _n_fiscal(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["year"]:
        year_text = m["year"]
        year = int(year_text) if len(year_text) == 4 else 1900 + int(year_text[-2:])
        return "DATE", f"{year:04d}", None
    if ctx.dct is None:
        return "DATE", "XXXX", None
    rel = (m["rel"] or "").lower()
    offset = -1 if rel in ("last", "latest", "previous", "past") else 1 if rel == "next" else 0
    return "DATE", f"{ctx.dct.year + offset:04d}", None


def _n_fuzzy(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    word = re.sub(r"\s+", " ", m[0].lower())
    if word in ("soon", "shortly") and (
        re.search(r"(?i)\bas\s+$", ctx.text[max(0, m.start() - 4) : m.start()])
        or re.match(r"\s+(?:as|after|afterwards?|thereafter)\b", ctx.text[m.end() : m.end() + 12])
    ):
        return None  # "as soon as Tuesday", "shortly after the vote": not a time of its own
    if word in ("soon", "shortly") and ctx.tense(m.start(), m.end()) == "past":
        return None  # "he was soon released": shortly after the story's event, not the future
    if word in (
        "now",
        "currently",
        "current",
        "nowadays",
        "these days",
        "at present",
        "presently",
        "the present",
        "present-day",
        "at the moment",
        "right now",
        "just now",
        "today's",
    ):
        if word == "now" and re.match(r"\s*(?:that|on)\b", ctx.text[m.end() : m.end() + 8]):
            # "now that ...", "from now on": still the present
            pass
        return "DATE", "PRESENT_REF", None
    if re.fullmatch(r"(?:in )?(?:coming|future) \w+", word):
        return "DATE", "FUTURE_REF", None  # "in coming months", "future quarters"
    if word in (
        "soon",
        "the future",
        "future",
        "near future",
        "the near future",
        "upcoming",
        "shortly",
        "the coming years",
        "in the coming years",
        "in the coming months",
        "in the coming weeks",
        "in the coming days",
        "the near term",
        "the short term",
        "a later date",
        "as soon as possible",
        "someday",
        "one day",
        "eventually",
    ):
        return "DATE", "FUTURE_REF", None
    return "DATE", "PAST_REF", None


def _n_time(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["named"]:
        if m["named"][0].isupper() and re.search(
            rf"\b(?!{_WEEKDAY}\b)[A-Z][a-z]+\s+$", ctx.text[max(0, m.start() - 20) : m.start()]
        ):
            return None  # "High Noon": part of a title
        named = m["named"].lower()
        clock = "12:00" if named in ("noon", "midday") else "24:00"
        hour_text = clock
    else:
        hour = int(m["h"])
        minute = int(m["min"]) if m["min"] else 0
        ampm = (m["ap"] or "").lower().replace(".", "").replace(" ", "")
        if hour > 24 or minute > 59 or (ampm and hour > 12) or (ampm and hour == 0):
            return None
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        hour_text = f"{hour:02d}:{minute:02d}"
    return "TIME", f"{_clock_day(m, ctx)}T{hour_text}{_zone(m)}", None


def _zone(m: re.Match[str]) -> str:
    """`Z` for a clock time given in UTC or GMT, as ISO 8601 writes it."""
    return "Z" if (m["zone"] or "").upper() in ("UTC", "GMT") else ""


def _clock_day(m: re.Match[str], ctx: _Context) -> str:
    """The day of a clock time: the weekday, day word or date written with it, else the
    day being written about, else the DCT."""
    day_word = m["day"]
    if m["mon"]:
        month = _month_number(m["mon"])
        if month is not None:
            day = _day_number(m["dom"])
            year = _resolve_year(ctx, m, month, day)
            if year is None:
                return f"XXXX-{month:02d}-{day:02d}"
            value = _date_value(ctx, year, month, day)
            if value is not None:
                return value
    elif day_word:
        low = day_word.lower()
        if ctx.dct is None:
            return f"XXXX-WXX-{_WEEKDAYS[low]}" if low in _WEEKDAYS else "XXXX-XX-XX"
        if low in _WEEKDAYS:
            d = _weekday_date(ctx.dct, _WEEKDAYS[low], _weekday_direction(ctx, m.start(), m.end()))
        else:
            offset = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}.get(low, 0)
            d = _shift_days(ctx.dct, offset)
        if d is not None:
            return _fmt_date(d)
    if ctx.dct is None:
        return "XXXX-XX-XX"
    return ctx.last_date if ctx.last_date and len(ctx.last_date) == 10 else _fmt_date(ctx.dct)


_FUNCTION_AFTER_ADVERB = frozenset(
    [
        "and",
        "or",
        "but",
        "in",
        "on",
        "at",
        "for",
        "from",
        "to",
        "by",
        "with",
        "since",
        "until",
        "as",
        "than",
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "basis",
        "during",
        "through",
        "over",
        "across",
        "throughout",
        "outside",
        "inside",
        "near",
        "around",
        "after",
        "before",
        "under",
        "about",
        "so",
    ]
)


def _n_set(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    word = m[0].lower()
    adverbs = {
        "hourly": "PT1H",
        "daily": "P1D",
        "nightly": "P1D",
        "weekly": "P1W",
        "monthly": "P1M",
        "quarterly": "P1Q",
        "yearly": "P1Y",
        "annually": "P1Y",
        "annual": "P1Y",
        "biannually": "P6M",
    }
    if word in adverbs:
        following = re.match(r"\s+([A-Za-z]+)", ctx.text[m.end() : m.end() + 30])
        if (
            following
            and following[1].lower() not in _FUNCTION_AFTER_ADVERB
            and word in ("quarterly", "yearly", "annually", "annual", "biannually")
        ):
            # "a quarterly dividend", "annual sales": a reporting period, not a recurrence;
            # "a daily rally", "his weekly address", "hourly earnings" do recur
            return None
        return "SET", adverbs[word], None
    if m["wd"]:
        return "SET", f"XXXX-WXX-{_WEEKDAYS[m['wd'].lower()]}", None
    if m["mon"]:
        month = _month_number(m["mon"])
        return ("SET", f"XXXX-{month:02d}", None) if month else None
    unit = m["unit"].lower().rstrip("s")
    if unit in _SEASONS:
        return "SET", f"XXXX-{_SEASONS[unit]}", None
    if unit in _PARTS_OF_DAY:
        return "SET", f"T{_PARTS_OF_DAY[unit]}", None
    count = 2 if m["other"] else 1
    if unit == "centurie":
        unit = "century"
    return "SET", _duration(count, unit), None


def _n_since(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    return "DATE", m["year"], None


def _n_year_range(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if y2 <= y1:
        return None
    return "DATE", f"{y1:04d}/{y2:04d}", None


# ----------------------------------------------------------------------------- rules

_DAY_WORD = r"(?:today|tomorrow|yesterday|tonight)"
# the day written with a clock time: "5 p.m. Tuesday", "16:15 UTC, June 1st", "noon today"
_CLOCK_DAY = (
    rf"(?:,?\s+(?:on\s+)?(?:(?P<day>{_WEEKDAY}|{_I(_DAY_WORD)})"
    rf"|(?P<mon>{_MONTH})\s+(?P<dom>{_DAYNUM})(?!\w|,\s*\d)))?"
)
_MOD = (
    r"(?:(?P<mod>early|late|mid|the\s+(?:beginning|start|end|middle)\s+of"
    r"|(?:the\s+)?(?:early|late)(?:\s+part\s+of)?)[\s-]*)"
)


def _compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags | re.VERBOSE)


def _n_day_month_dispatch(
    m: re.Match[str], ctx: _Context
) -> tuple[TimexType, str, str | None] | None:
    """Month-day and day-month orders share one rule; normalise both the same way."""
    if m["monb"]:
        parts = _month_day_year(m, ctx, "monb", "dayb")
        if parts is None:
            return None
        month, day, year = parts
        if year is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}", None
        value = _date_value(ctx, year, month, day)
        return ("DATE", value, None) if value else None
    return _n_month_day(m, ctx)


def _n_decade_dispatch(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["word"]:
        tens = {
            "twenties": 2,
            "thirties": 3,
            "forties": 4,
            "fifties": 5,
            "sixties": 6,
            "seventies": 7,
            "eighties": 8,
            "nineties": 9,
        }[m["word"].lower()]
        return "DATE", f"19{tens}", _mod(m["mod"])
    return _n_decade(m, ctx)


_FUZZY_WORDS = (
    "now|currently|nowadays|these\\s+days|at\\s+present|presently|right\\s+now|"
    "recently|lately|in\\s+recent\\s+(?:days|weeks|months|years|decades|times)|"
    "recent\\s+(?:days|weeks|months|quarters|years|decades)|"
    "in\\s+past\\s+(?:days|weeks|months|quarters|years|decades)|then[\\s-]current|"
    "recent|soon|shortly|the\\s+(?:near\\s+|distant\\s+)?future|near\\s+future|"
    "the\\s+past|upcoming|current|the\\s+present|"
    "in\\s+the\\s+coming\\s+(?:days|weeks|months|years)|"
    "(?:in\\s+)?(?:coming|future)\\s+(?:months|quarters|years)|"
    "the\\s+(?:near|short)\\s+term|a\\s+later\\s+date|as\\s+soon\\s+as\\s+possible|"
    "(?:in\\s+)?(?:the\\s+)?(?:past|last)\\s+(?:few|several)\\s+(?:days|weeks|months|years|decades)"
)


_RULES: tuple[_Rule, ...] = (
    _Rule(
        "month_day",
        _compile(
            rf"""{_B}(?:(?:{_WEEKDAY}),?[ \t]+)?(?:the\s+)?
            (?:(?P<mon>{_MONTH})\s+(?P<day>{_DAYNUM})(?!\s*,\d)(?!\d|:\d)
               (?:\s*(?:-|–|and|to|through)\s*(?:(?P<mon2>{_MONTH})\s+)?(?P<day2>{_DAYNUM})(?!\d|:\d))?
             |(?P<dayb>{_DAYNUM})(?:\s+of)?\s+(?P<monb>{_MONTH}))
            (?:,?\s+(?P<year>{_YEAR}))?{_E}"""
        ),
        _n_day_month_dispatch,
        3,
    ),
    _Rule(
        "week_of",
        _compile(
            rf"""{_B}(?:(?i:the)\s+)?(?i:week)\s+of\s+(?P<mon>{_MONTH})\s+(?P<day>{_DAYNUM})(?!\d|:\d)
            (?:,?\s+(?P<year>{_YEAR}))?{_E}"""
        ),
        lambda m, ctx: _n_week_of(m, ctx),
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
        lambda m, ctx: _n_same_period_before(m, ctx),
        3,
    ),
    _Rule(
        "nth_week_of",
        _compile(
            rf"""{_B}(?:(?i:the)\s+)?(?P<nth>(?i:first|second|third|fourth|last|final))\s+(?i:week)\s+of
            \s+(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?{_E}"""
        ),
        lambda m, ctx: _n_nth_week_of(m, ctx),
        3,
    ),
    _Rule(
        "pre_post_year",
        _compile(rf"(?<![\w-])(?i:pre|post)-(?P<year>{_YEAR})(?![\w-])"),
        lambda m, ctx: ("DATE", m["year"], None),
        2,
    ),
    _Rule(
        "iso",
        _compile(
            rf"{_B}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})"
            rf"(?:T(?P<hh>\d{{2}}):(?P<mm>\d{{2}})(?::\d{{2}})?)?(?![\w-])"
        ),
        _n_iso,
        3,
    ),
    _Rule(
        "slash",
        _compile(rf"{_B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})(?![\w/])"),
        _n_slash,
        3,
    ),
    _Rule(
        "month_year",
        _compile(
            rf"""{_B}{_MOD}?(?:(?P<mon1>{_MONTH})\s*(?:-|–|to|through)\s*)?(?P<mon>{_MONTH}),?\s+
            (?:of\s+)?(?P<year>{_YEAR}|(?i:(?:this|last|next)\s+year)){_E}"""
        ),
        _n_month_year,
        2,
    ),
    _Rule(
        "month",
        _compile(
            rf"""{_B}(?:{_MOD}|(?P<rel>(?i:last|next|this|past|coming))\s+)?(?P<mon>{_MONTH})(?![\w-]|['’](?!s\b))
            (?(rel)(?!\.?\s*\d{{1,2}}(?!\d)))  # "last Oct. 23" is a day: the month-day rule's"""
        ),
        _n_month,
        1,
    ),
    _Rule(
        "year",
        _compile(
            rf"""{_B}{_MOD}?(?:(?i:fiscal)\s+)?(?P<year>{_YEAR})
            (?:\s*(?:-|–)\s*(?P<year2>{_YEAR}|\d{{2}}(?!\d)))?(?![\w%/-]|\.\d|,\d|:\d)"""
        ),
        _n_year,
        0,
    ),
    _Rule(
        "year_between",
        _compile(
            rf"""{_B}(?:(?i:between|from)\s+)(?P<y1>{_YEAR})\s+(?i:and|to|until|through)\s+
            (?P<y2>{_YEAR}){_E}"""
        ),
        _n_year_range,
        2,
    ),
    _Rule(
        "decade",
        _compile(
            rf"""{_B}{_MOD}?(?:(?P<full>1[0-9]{{2}}0|20[0-9]0)['’]?s|['’](?P<short>[0-9]0)s
            |(?i:the\s+(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))
            |(?:(?<=\b[Tt]he\s)|(?<=0s\sand\s)|(?<=0s\sor\s)|(?<=0s\sto\s)|(?<=\bthe\searly\s)
            |(?<=\bthe\slate\s)|(?<=\bthe\smid-))(?P<bare>[1-9]0)s)(?![\w'])"""
        ),
        _n_decade_dispatch,
        2,
    ),
    _Rule(
        "short_year",
        _compile(
            r"""(?:(?<=\bsince\s)|(?<=\bin\s)|(?<=\bof\s)|(?<=\bby\s)|(?<=\buntil\s)
            |(?<=\bfrom\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bduring\s)|(?<=\bto\s)
            |(?<=\band\s))['’](?P<yy>\d\d)(?![\w'’%]|(?-i:[ \t]+[A-Z])|\.\d)""",
            re.IGNORECASE,
        ),
        lambda m, ctx: _n_short_year(m, ctx),
        1,
    ),
    _Rule(
        "century",
        _compile(
            rf"""{_B}(?:(?i:the)\s+)?{_MOD}?(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_I(_alt(list(_ORDINAL_WORDS)))})
            [\s-](?i:century)(?![\w-])"""
        ),
        _n_century,
        2,
    ),
    _Rule(
        "day_word",
        _compile(
            rf"""{_B}(?:{_MOD}|(?P<later>(?i:earlier|later))\s+)?
            (?P<word>(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|last\s+night|this\s+(?:morning|afternoon|evening)|{_DAY_WORD}))
            (?:\s+(?P<part>{_I(_PART)}))?(?!\w|['’](?!s\b))"""
        ),
        _n_day_word,
        2,
    ),
    _Rule(
        "weekday",
        _compile(
            rf"""{_B}(?:{_MOD}|(?P<later>(?i:earlier|later))\s+|(?P<rel>(?i:last|next|this|past|coming|previous|following))\s+)?
            (?P<wd>{_WEEKDAY})(?:\s*(?:-|–|to|through)\s*(?P<wd2>{_WEEKDAY}))?
            (?:\s+(?P<part>{_I(_PART)}))?(?!\w|['’](?!s\b))"""
        ),
        _n_weekday,
        1,
    ),
    _Rule(
        "time",
        _compile(
            rf"""{_B}(?:(?P<h>[01]?[0-9]|2[0-4])(?:[:.](?P<min>[0-5][0-9]))?\s*
            (?P<ap>(?i:a\.\s?m\.?|p\.\s?m\.?|am|pm))
            (?:\s+(?P<zone>[ECMP][SD]T|GMT|UTC))?
            |(?P<named>(?i:noon|midnight|midday))){_CLOCK_DAY}(?![\w])"""
        ),
        _n_time,
        3,
    ),
    _Rule(
        "relative_unit",
        _compile(
            rf"""{_B}(?:{_MOD})?(?P<the>(?i:the)\s+)?(?P<rel>(?i:this|last|next|past|coming|previous|following|current|same|that))\s+
            (?P<unit>(?i:week|month|year|weekend|decade|century|quarter|spring|summer|fall|autumn|winter))(?![\w-]|['’](?!s\b))"""
        ),
        _n_relative_unit,
        2,
    ),
    _Rule(
        "next_day",
        _compile(
            rf"""{_B}(?:(?i:the)\s+(?P<rel>(?i:next|following|previous|preceding))\s+
            (?P<unit>(?i:day|morning|afternoon|evening|night))
            |(?i:that)\s+(?:(?i:same)\s+)?(?P<that>(?i:day|morning|afternoon|evening|night))
            |(?i:the)\s+(?P<unit2>(?i:day|night))\s+(?P<ba>(?i:before|after))
            (?=\s*[,.;:!?)]|\s+(?:and|but|when|while|as)\b))(?![\w-]|['’])"""
        ),
        lambda m, ctx: _n_next_day(m, ctx),
        2,
    ),
    _Rule(
        "earlier_this",
        _compile(
            rf"""{_B}(?P<when>(?i:earlier|later|early|late))(?:\s+in)?\s+(?P<rel>(?i:this|last|next|that))\s+
            (?P<unit>(?i:week|month|year|day|morning|afternoon|evening))(?![\w-]|['’](?!s\b))"""
        ),
        _n_earlier_this,
        3,
    ),
    _Rule(
        "ago",
        _compile(
            rf"""{_B}{_APPROX}?(?:(?P<num>{_NUM})[\s-]+)?(?:more\s+)?
            # "an hour later" is no calendar date: the hour is left as a duration
            (?!(?:hours?|minutes?|seconds?)\s+(?:or\s+so\s+)?(?:earlier|later)\b)(?P<unit>{_UNIT}s?)
            \s+(?:or\s+so\s+)?(?P<ago>ago|earlier|later|back|from\s+now|hence)(?!\w|['’](?!s\b))""",
            re.IGNORECASE,
        ),
        _n_ago,
        3,
    ),
    _Rule(
        "year_ago_adj",
        _compile(
            r"""(?<![\w-])(?:the\s+)?(?:(?P<word>year-(?:ago|earlier))(?:\s+(?P<unit>quarter|period))?
            |(?:(?:same|comparable)\s+)?(?P<unit2>quarter|period)\s+a\s+year\s+(?:ago|earlier))(?![\w-])""",
            re.IGNORECASE,
        ),
        lambda m, ctx: _n_year_ago_adj(m, ctx),
        3,
    ),
    _Rule(
        "quarter",
        _compile(
            rf"""(?<![\w-])(?:(?i:the)\s+)?(?P<qual>(?i:fiscal|latest|current|same|comparable|year-earlier|year-ago|recent|most\s+recent|last\s+year['’]s|this\s+year['’]s|next\s+year['’]s)[\s-]+|(?P<year0>{_YEAR})\s+)?
            (?:(?P<ord>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th|last))[\s-]+)?(?:(?i:fiscal)[\s-]+)?
            (?i:quarter)(?:\s+of\s+(?:(?i:fiscal)\s+)?(?P<year>{_YEAR}|(?i:this\s+year|last\s+year|next\s+year)))?(?![\w-]|['’](?!s\b))"""
        ),
        _n_quarter,
        2,
    ),
    _Rule(
        "year_period",
        _compile(rf"(?<![\w-])(?:(?i:the)\s+)?(?P<year>{_YEAR})\s+(?i:quarter|period)(?![\w-])"),
        lambda m, ctx: _n_year_period(m, ctx),
        3,
    ),
    _Rule(
        "latest_period",
        _compile(
            r"(?<![\w-])(?:the\s+)?(?:latest|same|comparable|current|year-earlier|year-ago)\s+period(?![\w-])",
            re.IGNORECASE,
        ),
        lambda m, ctx: _n_quarter_like(m, ctx),
        2,
    ),
    _Rule(
        "holiday",
        _compile(
            r"""(?<![\w-])(?P<name>New\s+Year['’]s\s+(?:Day|Eve)|Valentine['’]s\s+Day|Independence\s+Day|Halloween
            |Christmas(?:\s+(?:Eve|Day))?|Boxing\s+Day|Thanksgiving(?:\s+Day)?|Labor\s+Day|Memorial\s+Day|Election\s+Day)
            (?:,?\s+(?P<year>(?:1[0-9]{3}|20[0-9]{2})))?(?![\w-])"""
        ),
        lambda m, ctx: _n_holiday(m, ctx),
        2,
    ),
    _Rule(
        "spelled_year",
        _compile(
            rf"""(?<![\w-])(?:(?P<mon>(?-i:{_MONTH}))\s+|(?:the\s+)?(?P<season>(?i:spring|summer|fall|autumn|winter))\s+of\s+)?
            (?P<theyear>the\s+year\s+)?(?:(?P<thousand>two\s+thousand)(?:\s+(?:and\s+)?(?P<rest2>(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)(?![\w-])))?
            |(?P<century>nineteen|eighteen|twenty)\s+(?P<rest>(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)))(?![\w-])""",
            re.IGNORECASE,
        ),
        lambda m, ctx: _n_spelled_year(m, ctx),
        1,
    ),
    _Rule(
        "long_adjective",
        _compile(
            rf"""(?<![\w-])(?:(?P<single>single-day)
            |(?:(?P<num>{_NUM})-)?(?P<unit>{_UNIT})(?P<plural>s)?-long)(?![\w-])""",
            re.IGNORECASE,
        ),
        lambda m, ctx: _n_long_adjective(m, ctx),
        2,
    ),
    _Rule(
        "year_ended",
        _compile(r"(?<![\w-])(?:the\s+)?(?:fiscal\s+)?year(?=\s+end(?:ed|ing)\s)", re.IGNORECASE),
        lambda m, ctx: ("DURATION", "P1Y", None),
        2,
    ),
    _Rule(
        "part_of_day",
        _compile(
            rf"""{_B}(?:(?P<mod>(?i:early|late|mid))[\s-]*)?(?P<part>(?i:morning|afternoon|evening))
            (?:\s+(?P<day>(?i:yesterday|today|tomorrow)|{_WEEKDAY}))?(?![\w-]|['’])"""
        ),
        lambda m, ctx: _n_part_of_day(m, ctx),
        1,
    ),
    _Rule(
        "hour_of_part",
        _compile(
            r"""(?<![\w:.$])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<min>[0-5][0-9]))?\s+in\s+the\s+
            (?P<part>morning|afternoon|evening|night)(?![\w-])""",
            re.IGNORECASE,
        ),
        lambda m, ctx: _n_hour_of_part(m, ctx),
        2,
    ),
    _Rule(
        "until_then",
        _compile(r"(?:(?<=\buntil\s)|(?<=\btill\s))then(?![\w-])", re.IGNORECASE),
        lambda m, ctx: ("DATE", ctx.last_date, None) if ctx.last_date else None,
        1,
    ),
    _Rule(
        "the_year",
        _compile(
            r"""(?<![\w-])(?P<when>(?:earlier|later|early|late)\s+in\s+)?
            the\s+(?:(?:full|entire|whole)\s+)?year(?![\w-]|['’])""",
            re.IGNORECASE,
        ),
        lambda m, ctx: _n_the_year(m, ctx),
        1,
    ),
    _Rule(
        "bare_season",
        _compile(
            r"""(?<![\w-])(?:the\s+)?(?P<mod>(?:early|late|mid)[\s-]+)?
            (?P<season>summer|spring|winter|autumn)(?![\w-]|['’])""",
            re.IGNORECASE,
        ),
        lambda m, ctx: _n_bare_season(m, ctx),
        0,
    ),
    _Rule(
        "the_day",
        _compile(
            r"""(?<![\w-])(?P<when>(?:later|earlier|late|early)\s+in\s+)?
            the\s+(?P<same>same\s+)?day(?![\w-]|['’]|\s+(?:before|after|of|when|that|in|on)\b)""",
            re.IGNORECASE,
        ),
        lambda m, ctx: _n_the_day(m, ctx),
        1,
    ),
    _Rule(
        "weekend",
        _compile(r"(?<![\w-])(?:the|this\s+past)\s+weekend(?![\w-]|['’](?!s\b))", re.IGNORECASE),
        lambda m, ctx: _n_weekend(m, ctx),
        1,
    ),
    _Rule(
        "year_end",
        _compile(
            r"(?<![\w-])(?:(?:the\s+)?year[-\s]end|year['’]s\s+end|the\s+end\s+of\s+(?:the\s+year|(?P<year>(?:1[0-9]{3}|20[0-9]{2}))))(?![\w-])",
            re.IGNORECASE,
        ),
        lambda m, ctx: _n_year_end(m, ctx),
        3,
    ),
    _Rule(
        "q_abbrev",
        _compile(rf"(?<![\w-])Q(?P<q>[1-4])(?:\s+(?:of\s+)?(?P<year>{_YEAR}))?(?![\w-])"),
        lambda m, ctx: _n_q_abbrev(m, ctx),
        2,
    ),
    _Rule(
        "season_year",
        _compile(
            rf"(?<![\w-])(?P<mod>(?i:early|late|mid)[\s-]+)?(?P<season>(?i:spring|summer|fall|autumn|winter))\s+(?:of\s+)?(?P<year>{_YEAR})(?![\w-])"
        ),
        lambda m, ctx: ("DATE", f"{m['year']}-{_SEASONS[m['season'].lower()]}", _mod(m["mod"])),
        3,
    ),
    _Rule(
        "frequency",
        _compile(
            rf"(?<![\w-])(?:once|twice|three\s+times|four\s+times|(?:\d+|several|many)\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{_UNIT})(?![\w-])",
            re.IGNORECASE,
        ),
        lambda m, ctx: ("SET", _duration(1, m["unit"].lower()), None),
        3,
    ),
    _Rule(
        "every_n",
        _compile(
            rf"(?<![\w-])(?:every|each)\s+(?P<num>{_NUM})\s+(?P<unit>{_UNIT})s(?![\w-])",
            re.IGNORECASE,
        ),
        lambda m, ctx: ("SET", _duration(_number(m["num"]), m["unit"].lower()), None),
        3,
    ),
    _Rule(
        "clock24",
        _compile(
            rf"""(?<![\w:.])(?:(?P<h>[01][0-9]|2[0-3]):(?P<min>[0-5][0-9])(?![\w:])
            |(?P<h4>[01][0-9]|2[0-3])(?P<min4>[0-5][0-9])(?=\s*(?:GMT|UTC)\b))
            (?:\s*(?P<zone>GMT|UTC)\b)?{_CLOCK_DAY}"""
        ),
        lambda m, ctx: _n_clock24(m, ctx),
        1,
    ),
    _Rule(
        "half",
        _compile(
            rf"""(?<![\w-])(?:(?i:the)\s+)?(?P<ord>(?i:first|second|1st|2nd))[\s-]+(?i:half)
            (?:\s+of\s+(?P<year>{_YEAR}|(?i:this\s+year|last\s+year|next\s+year)))?(?![\w-])"""
        ),
        _n_half,
        2,
    ),
    _Rule(
        "part_of_year",
        _compile(
            rf"""(?<![\w-])(?:(?i:the)\s+)?(?:(?P<last>(?i:last))\s+(?i:half)|(?P<which>(?i:first|last))\s+(?i:two\s+quarters))
            \s+of\s+(?P<year>{_YEAR})(?![\w-])"""
        ),
        lambda m, ctx: (
            "DATE",
            f"{m['year']}-H{2 if (m['last'] or m['which'].lower() == 'last') else 1}",
            None,
        ),
        2,
    ),
    _Rule(
        "year_earlier_months",
        _compile(
            rf"""(?<![\w-])(?:(?i:the)\s+)?(?i:year-earlier|year-ago)\s+(?P<num>{_I(_NUM_WORD)}|\d+)\s+(?i:months)(?![\w-])"""
        ),
        _n_first_months,
        2,
    ),
    _Rule(
        "first_months",
        _compile(
            rf"""(?<![\w-])(?:(?i:the)\s+)?(?:(?i:first|past|last|latest)\s+)?(?P<num>{_I(_NUM_WORD)}|\d+)\s+(?i:months)
            (?=\s+(?:of|ended|ending|through|to)\b)"""
        ),
        _n_first_months,
        1,
    ),
    _Rule(
        "fiscal",
        _compile(
            rf"""(?<![\w-])(?:(?:(?i:the)\s+)?(?P<rel>(?i:current|latest|last|previous|past|next))\s+)?
            (?i:fiscal)(?:[\s-]+(?P<year>{_YEAR}|['’]\d{{2}})|\s+(?i:year))(?![\w-])"""
        ),
        _n_fiscal,
        2,
    ),
    _Rule(
        "duration",
        _compile(
            rf"""(?<![\w$£€¥#./-])(?P<for>for\s+)?(?:the\s+(?:past|last|next|first|coming|previous|following|final|latest)\s+)?
            (?P<approx>{_APPROX})?(?P<num>{_NUM})(?!(?<=\ba)\s+\w+s\b)(?!(?<=\ban)\s+\w+s\b)
            (?:\s+and\s+(?P<half>a\s+half)|\s+(?P<frac>1/2))?[\s-]+(?:(?:more|long|full|straight|consecutive|successive|additional|extra|further|trading|business|working)\s+)?
            (?P<unit>{_UNIT}s?)(?:[\s-]+(?:long|(?P<old>old))|\s+and\s+(?P<half2>a\s+half))?(?!\w|['’](?!s\b))""",
            re.IGNORECASE,
        ),
        _n_duration,
        1,
    ),
    _Rule(
        "bare_plural",
        _compile(
            r"""(?<![\w-])(?:(?P<for>for\s+)(?:(?:many|several)\s+)?(?P<unit2>years|decades|months|weeks|centuries|days|hours)(?![\w-]|['’](?!s\b))
            |(?:(?<=\bin\s)|(?<=\bwithin\s))(?:(?:just|mere|only)\s+)?(?P<unit4>minutes|hours|days|seconds)(?![\w-]|['’]|\s+of\b)
            |(?:(?<=\bover\s)|(?<=\bin\s))the\s+(?P<unit3>years|decades)(?![\w-]|['’]|\s+\d)
            |(?:(?:many|several|the\s+past|the\s+last)\s+)?(?P<unit>years|decades|months|weeks|centuries)(?![\w-]|['’](?!s\b))
            (?=(?:\s+(?:ago|of|to\s+come|in\s+power|later|earlier|and)|[,.;])))""",
            re.IGNORECASE,
        ),
        _n_bare_plural,
        0,
    ),
    _Rule(
        "set",
        _compile(
            rf"""(?<![\w-])(?:(?i:hourly|daily|nightly|weekly|monthly|quarterly|yearly|annually|biannually)
            |(?i:every|each|per)\s+(?P<other>(?i:other)\s+)?(?:(?P<wd>{_WEEKDAY})|(?P<mon>{_MONTH})
              |(?P<unit>(?i:second|minute|hour|day|night|week|month|quarter|year|decade|spring|summer|fall|autumn|winter|morning|afternoon|evening))))(?![\w-]|['’](?!s\b))"""
        ),
        _n_set,
        2,
    ),
    _Rule(
        "fuzzy",
        _compile(rf"(?<![\w-])(?:{_FUZZY_WORDS})(?![\w-]|['’](?!s\b))", re.IGNORECASE),
        _n_fuzzy,
        0,
    ),
    _Rule(
        "era",
        _compile(
            r"""(?<![\w-])(?:(?:the\s+)?(?P<era>Cold\s+War|Soviet(?:\s+Union)?|World\s+War\s+(?:II|I)|Second\s+World\s+War|First\s+World\s+War|Great\s+Depression|Vietnam\s+War|Korean\s+War)[\s-]era
            |years\s+of\s+the\s+(?P<era2>Soviet\s+Union|Cold\s+War))(?![\w-])"""
        ),
        lambda m, ctx: _n_era(m, ctx),
        2,
    ),
    _Rule(
        "since",
        _compile(rf"(?<![\w-])(?i:since)\s+(?P<year>{_YEAR})(?![\w%/-]|\.\d|,\d)"),
        _n_since,
        2,
    ),
)


_HOLIDAYS: dict[str, tuple[int, int] | str] = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "valentine's day": (2, 14),
    "independence day": (7, 4),
    "halloween": (10, 31),
    "christmas eve": (12, 24),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "boxing day": (12, 26),
    "thanksgiving": "thanksgiving",
    "thanksgiving day": "thanksgiving",
    "labor day": "labor",
    "memorial day": "memorial",
    "election day": "election",
}


def _holiday_date(year: int, key: tuple[int, int] | str) -> dt.date | None:
    if isinstance(key, tuple):
        return dt.date(year, *key)
    if key == "thanksgiving":  # fourth Thursday of November (United States)
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if key == "labor":  # first Monday of September
        first = dt.date(year, 9, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7)
    if key == "memorial":  # last Monday of May
        last = dt.date(year, 5, 31)
        return last - dt.timedelta(days=last.weekday())
    if key == "election":  # United States: the Tuesday after the first Monday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    return None


def _n_holiday(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    key = _HOLIDAYS.get(re.sub(r"\s+", " ", m["name"].lower()).replace("’", "'"))
    if key is None:
        return None
    if m["year"]:
        year = int(m["year"])
    elif ctx.dct is None or not (2 <= ctx.dct.year <= 9998):
        return "DATE", "XXXX-XX-XX", None
    else:
        this_year = _holiday_date(ctx.dct.year, key)
        if this_year is None:
            return None
        direction = _direction(ctx, m.start(), m.end(), default="closest")
        year = ctx.dct.year
        if direction == "past" and this_year > ctx.dct:
            year -= 1
        elif direction == "future" and this_year < ctx.dct:
            year += 1
        elif direction == "closest" and (this_year - ctx.dct).days > 182:
            year -= 1
        elif direction == "closest" and (ctx.dct - this_year).days > 182:
            year += 1
    d = _holiday_date(year, key) if _year_ok(year) else None
    return ("DATE", _fmt_date(d), None) if d else None


_SPELLED_UNITS = {
    w: i
    for i, w in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    )
}
_SPELLED_TEENS = {
    w: 10 + i
    for i, w in enumerate(
        [
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_SPELLED_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
}


def _spelled_number(words: str) -> int | None:
    """0-99 written in words ("ninety-six", "seven"); None otherwise."""
    parts = re.split(r"[\s-]+", words.lower().strip())
    if len(parts) == 1:
        p = parts[0]
        return _SPELLED_UNITS.get(p, _SPELLED_TEENS.get(p, _SPELLED_TENS.get(p)))
    if len(parts) == 2 and parts[0] in _SPELLED_TENS and parts[1] in _SPELLED_UNITS:
        return _SPELLED_TENS[parts[0]] + _SPELLED_UNITS[parts[1]]
    return None


def _n_spelled_year(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "nineteen ninety-six", "the year two thousand", and a month or season of one:
    "May nineteen eighty-one", "the spring of nineteen seventy-two"."""
    if m["thousand"]:
        rest = _spelled_number(m["rest2"]) if m["rest2"] else 0
        if rest is None:
            return None
        if not (m["theyear"] or m["mon"] or m["season"]) and re.match(
            r"\s+[a-z]", ctx.text[m.end() : m.end() + 2]
        ):
            return None  # "two thousand people": a number
        year = 2000 + rest
    else:
        century = _spelled_number(m["century"])
        rest = _spelled_number(m["rest"])
        if century is None or rest is None or not 10 <= century <= 20:
            return None
        year = century * 100 + rest
    if m["mon"]:
        month = _month_number(m["mon"])
        return ("DATE", f"{year:04d}-{month:02d}", None) if month else None
    if m["season"]:
        return "DATE", f"{year:04d}-{_SEASONS[m['season'].lower()]}", None
    return "DATE", f"{year:04d}", None


def _n_long_adjective(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "day-long", "decades-long", "two-week-long", "single-day": how long something lasts."""
    if m["single"]:
        return "DURATION", "P1D", None
    unit = m["unit"].lower()
    if m["plural"]:
        # an unstated number of them: "decades-long" is some number of years
        letter = {"decade": "Y", "century": "Y"}.get(unit, _UNITS[unit][0])
        return "DURATION", f"{'PT' if _UNITS[unit][1] else 'P'}X{letter}", None
    count = _number(m["num"]) if m["num"] else 1
    return ("DURATION", _duration(count, unit), None) if count else None


def _n_the_day(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the same day", "ended the day", "later in the day", "for the day": the day being
    written about (the last date mentioned, else the DCT, else nothing); any other "the
    day" is left alone, as it is rarely a time ("the day of the attack", "seize the day")."""
    anchored = m["when"] or m["same"]
    if not anchored:
        before = ctx.text[max(0, m.start() - 12) : m.start()]
        anchored = re.search(
            r"(?i)\b(?:for|end|ends|ended|ending|finish|finished|finishing|close|closed|"
            r"closing|start\s+of|end\s+of|rest\s+of)\s+$",
            before,
        )
    if not anchored:
        return None
    if ctx.last_date and len(ctx.last_date) == 10:
        return "DATE", ctx.last_date, None
    if ctx.dct is None:
        # nothing to refer back to: unlike "today" it does not name the day of writing,
        # so publication-date inference must not read it as one
        return None
    return "DATE", _fmt_date(ctx.dct), None


_THAT_DAY_SUBJECT = re.compile(
    r"\s+(?:has|have|had|is|was|will|would|could|may|might|must|comes|came|arrives?|arrived)\b",
    re.IGNORECASE,
)
_PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _n_next_day(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the next day", "the following morning", "that evening", "the day before": a day
    counted from the last day the text gave ("arrived on June 3 ... the next day" is June
    4), the way a narrative moves on; with no such day to count from it is left alone."""
    if not ctx.last_date or len(ctx.last_date) != 10:
        return None
    if m["that"] and _THAT_DAY_SUBJECT.match(ctx.text, m.end()):
        return None  # "that day has come": a day the text wishes for, not one it gave
    anchor = parse_dct(ctx.last_date)
    rel = (m["rel"] or m["ba"] or "").lower()
    unit = (m["unit"] or m["unit2"] or m["that"]).lower()
    offset = 1 if rel in ("next", "following", "after") else -1 if rel else 0
    day = _shift_days(anchor, offset) if anchor is not None else None
    if day is None:
        return None
    if unit == "day":
        return "DATE", _fmt_date(day), None
    return "TIME", f"{_fmt_date(day)}T{_PART_CODES[unit]}", None


# a year or season written about as a time, not as a thing: "for the year", "over the summer"
_TIME_PREPOSITION = re.compile(
    r"(?i)\b(?:in|for|of|during|through|throughout|over|into|until|till|since|by|before|after)\s+$"
)
# what may follow such a bare "the year" / "summer" (not "the year the war ended", "summer camp")
_AFTER_BARE = re.compile(
    r"\s*(?:[.,;:!?)\"”’']|$)|\s+(?:and|or|but|as|when|while|because|to|with|at|on|for|from|"
    r"was|were|is|has|had|will|would)\b",
    re.IGNORECASE,
)


def _n_week_of(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the week of March 6": the ISO week holding that day."""
    parts = _month_day_year(m, ctx)
    if parts is None:
        return None
    month, day, year = parts
    if year is None:
        return "DATE", "XXXX-WXX", None
    try:
        return "DATE", _fmt_week(dt.date(year, month, day)), None
    except ValueError:
        return None


def _n_same_period_before(
    m: re.Match[str], ctx: _Context
) -> tuple[TimexType, str, str | None] | None:
    """ "the same period last year", "the corresponding quarter a year ago", "the same month
    a year earlier": the period the text just reported on (the last quarter, month or day it
    gave), a year before; only the year when it gave none."""
    unit = m["unit"].lower()
    if unit in ("quarter", "period") and ctx.last_quarter:
        year_text, q_text = ctx.last_quarter.split("-Q")
        return "DATE", f"{int(year_text) - 1:04d}-Q{q_text}", None
    last = ctx.last_mention
    if last and unit in ("month", "period") and len(last) >= 7:
        return "DATE", f"{int(last[:4]) - 1:04d}{last[4:7]}", None
    if last and unit == "day" and len(last) == 10:
        try:
            day = dt.date(int(last[:4]) - 1, int(last[5:7]), int(last[8:10]))
        except ValueError:
            return None
        return "DATE", _fmt_date(day), None
    base = int(last[:4]) if last else ctx.dct.year if ctx.dct is not None else None
    if base is None:
        return None
    return "DATE", f"{base - 1:04d}", None


_NTH_WEEK = {"first": 0, "second": 1, "third": 2, "fourth": 3}


def _n_nth_week_of(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the final week of May", "the first week of May 2020": the ISO week that has most
    of its days in that stretch of the month (the one holding the 4th, the 11th, ...; for
    the last, the one holding the fourth day from the end)."""
    month = _month_number(m["mon"])
    if month is None:
        return None
    year = int(m["year"]) if m["year"] else _resolve_year(ctx, m, month, None)
    if year is None:
        return "DATE", "XXXX-WXX", None
    nth = m["nth"].lower()
    try:
        if nth in _NTH_WEEK:
            day = dt.date(year, month, 4 + 7 * _NTH_WEEK[nth])
        else:
            next_year, next_month = _shift_month(year, month, 1)
            day = dt.date(next_year, next_month, 1) - dt.timedelta(days=4)
    except ValueError:
        return None
    return "DATE", _fmt_week(day), None


def _n_part_of_day(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "mid-afternoon yesterday", "late evening Friday", "by mid afternoon", "in the
    morning": that part of the named day, else of the day being written about (the last
    date mentioned, else the DCT). A bare part needs a preposition or early/mid/late before
    it and no noun after it ("in the morning", not "the morning talk show")."""
    part = _PARTS_OF_DAY[m["part"].lower()]
    mod = _mod(m["mod"])
    day_word = (m["day"] or "").lower()
    if not day_word:
        before = ctx.text[max(0, m.start() - 16) : m.start()]
        if not re.search(r"(?i)\b(?:in|during|by|until|till|through|since)\s+(?:the\s+)?$", before):
            return None
        if not _AFTER_BARE.match(ctx.text, m.end()):
            return None
    if ctx.dct is None:
        return "TIME", f"XXXX-XX-XXT{part}", mod
    d: dt.date | None
    if day_word in ("yesterday", "today", "tomorrow"):
        d = _shift_days(ctx.dct, {"yesterday": -1, "today": 0, "tomorrow": 1}[day_word])
    elif day_word:
        weekday = _WEEKDAYS[day_word]
        d = _weekday_date(ctx.dct, weekday, _weekday_direction(ctx, m.start(), m.end()))
    elif ctx.last_date and len(ctx.last_date) == 10:
        d = parse_dct(ctx.last_date)
    else:
        d = ctx.dct
    return ("TIME", f"{_fmt_date(d)}T{part}", mod) if d else None


def _n_hour_of_part(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "4 in the morning", "9 in the evening": a clock time on the day being written about."""
    hour = int(m["h"])
    minute = int(m["min"]) if m["min"] else 0
    part = m["part"].lower()
    if part in ("afternoon", "evening") or (part == "night" and hour >= 6):
        hour = hour % 12 + 12
    elif hour == 12:
        hour = 0
    if ctx.dct is None:
        day = "XXXX-XX-XX"
    else:
        day = ctx.last_date if ctx.last_date and len(ctx.last_date) == 10 else _fmt_date(ctx.dct)
    return "TIME", f"{day}T{hour:02d}:{minute:02d}", None


# what makes "the year" a thing described rather than a time: "the year the wall fell",
# "the year of the flood", "the year 2000"
_YEAR_CLAUSE = re.compile(
    r"\s+(?:the|a|an|he|she|they|it|we|i|you|that|which|when|his|her|its|their|our|of|"
    r"ahead|before|after|earlier|later|ago|ended|ending|two|nineteen|twenty|\d)\b",
    re.IGNORECASE,
)


def _n_the_year(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "for the year", "sales for the full year", "earlier in the year": the year of the
    DCT, when the words stand as a time of their own after a preposition."""
    if ctx.dct is None:
        return None
    if not m["when"] and (
        not _TIME_PREPOSITION.search(ctx.text[max(0, m.start() - 12) : m.start()])
        or _YEAR_CLAUSE.match(ctx.text, m.end())
    ):
        return None
    return "DATE", f"{ctx.dct.year:04d}", None


def _n_bare_season(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "over the summer", "the early summer", "in spring": the season nearest the DCT on
    the side the tense gives; only after a preposition and before no noun ("summer camp")."""
    if not _TIME_PREPOSITION.search(ctx.text[max(0, m.start() - 12) : m.start()]):
        return None
    if not _AFTER_BARE.match(ctx.text, m.end()):
        return None
    season = _SEASONS[m["season"].lower()]
    return "DATE", _season_value(ctx, season, "", m), _mod(m["mod"])


def _n_weekend(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE", None
    direction = _direction(ctx, m.start(), m.end())
    weekday = ctx.dct.isoweekday()
    if weekday >= 6:
        d: dt.date | None = ctx.dct
    elif direction == "future":
        d = _shift_days(ctx.dct, 6 - weekday)
    else:
        d = _shift_days(ctx.dct, -weekday)
    return ("DATE", _fmt_week(d) + "-WE", None) if d else None


def _n_year_end(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if m["year"]:
        return "DATE", m["year"], "END"
    if ctx.dct is None:
        return "DATE", "XXXX-12-31", None
    # "by year-end" looks ahead to this year's end; "since year-end" back to last year's
    year = ctx.dct.year - 1 if _direction(ctx, m.start(), m.end()) == "past" else ctx.dct.year
    if re.search(r"(?i)\bsince\s+$", ctx.text[max(0, m.start() - 6) : m.start()]):
        year = ctx.dct.year - 1
    elif re.search(
        r"(?i)\b(?:by|until|before|through)\s+$", ctx.text[max(0, m.start() - 8) : m.start()]
    ):
        year = ctx.dct.year
    if re.match(r"(?i)the\s+end\s+of", m[0]):
        # "the end of the year" is valued as "the end of 1990" is: the year, mod END
        return "DATE", f"{year:04d}", "END"
    return "DATE", f"{year:04d}-12-31", None


def _n_year_period(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    """ "the 1988 quarter", "the 1989 period": that year's quarter being reported on."""
    year = int(m["year"])
    if ctx.last_quarter:
        return "DATE", f"{year:04d}-Q{ctx.last_quarter.split('-Q')[1]}", None
    return "DATE", f"{year:04d}", None


def _n_year_ago_adj(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    if ctx.last_quarter:
        year, q = ctx.last_quarter.split("-Q")
        return "DATE", f"{int(year) - 1:04d}-Q{q}", None
    if ctx.dct is None:
        return "DATE", "XXXX", None
    return "DATE", f"{ctx.dct.year - 1:04d}", None


def _n_era(m: re.Match[str], ctx: _Context) -> tuple[TimexType, str, str | None] | None:
    name = re.sub(r"[\s-]+", " ", (m["era"] or m["era2"]).lower())
    value = _ERAS.get(name)
    return ("DATE", value, None) if value else None


# ----------------------------------------------------------------------------- tagging


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
            start, end = _trim(text, m.start(), m.end())
            if end > start:
                found.append(_Candidate(start, end, rule.priority, rule, m))
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then higher priority, then leftmost; no overlaps."""
    chosen: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        chosen.append(cand)
        taken.append((cand.start, cand.end))
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


def _is_anchor(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value))


_TIME_RANGE = re.compile(r"\s*(?:-|–|to|until|till)\s*")
_SINCE = re.compile(r"(?i)(?<![\w-])since\s+$")


def tag(
    text: str,
    dct: str | dt.date | None = None,
    *,
    tags: Sequence[tuple[int, int, str]] | None = None,
) -> list[Timex]:
    """Find the time expressions of `text` and normalise them against `dct`.

    `dct` is the document creation time (`YYYY-MM-DD`, optionally with a time part);
    without it, relative expressions keep unknown parts as `X` (`XXXX-06`). `tags` are
    optional `(start, end, penn_tag)` tokens from the annotate stage, used for the tense
    of the governing verb; without them tense is read from the words.

    >>> [(t.text, t.value) for t in tag("Talks resume on Wednesday.", "2024-06-17")]
    [('Wednesday', '2024-06-19')]
    """
    anchor = parse_dct(dct)
    if anchor is not None and not 2 <= anchor.year <= 9998:
        anchor = None  # no room for "last year" or "next week" at the calendar's edges
    ctx = _Context(text=text, dct=anchor, tags=tags)
    result: list[Timex] = []
    for cand in _select(_candidates(text)):
        if _quoted_title(text, cand.start, cand.end):
            continue
        normalised = cand.rule.normalise(cand.match, ctx)
        if normalised is None:
            continue
        type_, value, mod = normalised
        start = cand.start
        since = _SINCE.search(text, max(0, start - 7), start)
        if since and type_ == "DATE" and not any(r.end > since.start() for r in result[-1:]):
            start = since.start()  # "since 2017": the interval runs from the date to now
        previous = result[-1] if result else None
        if (
            previous is not None
            and type_ == "TIME"
            and previous.type == "TIME"
            and "/" not in previous.value
            and _TIME_RANGE.fullmatch(text, previous.end, start)
        ):
            # "9 a.m. to 5 p.m.": one range
            result[-1] = Timex(
                previous.start,
                cand.end,
                text[previous.start : cand.end],
                "TIME",
                f"{previous.value}/{value}",
                None,
            )
            continue
        result.append(Timex(start, cand.end, text[start : cand.end], type_, value, mod))
        if type_ == "DATE" and _is_anchor(value):
            ctx.last_date = value
        if type_ == "DATE" and re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", value):
            ctx.last_mention = value
        if re.fullmatch(r"P(?:[4-9]|1[01])M|\d{4}-H[12]", value):
            # "the first nine months", "the first half": the period compared from here on
            # ("the year-earlier period", "a year ago") is no longer the quarter
            ctx.last_quarter = None
    return result


_RANGE_SPLIT = re.compile(
    r"(?is)(?:(?:between|from)\s+)?(?P<a>\S.*?)"
    r"(?:\s*[-\u2013\u2014]\s*|\s+(?:and|to|through|thru|until|till|into)\s+)(?P<b>\S.*)"
)


def range_endpoints(timexes: Sequence[Timex]) -> list[Timex]:
    """The timexes as TIMEX3 can write them: a range the text states ("between 1994 and
    1997", "April 24 and 25", "Aug. 26 to Oct. 20") becomes its two ends, each with its own
    extent and value, since a TIMEX3 value is one point or one duration and the TimeML
    guidelines tag the two ends of a range separately. Other timexes pass unchanged.

    >>> [(t.text, t.value) for t in range_endpoints(tag("sold from 1991 to 1997", "2000-01-01"))]
    [('1991', '1991'), ('1997', '1997')]
    """
    out: list[Timex] = []
    for t in timexes:
        low, sep, high = t.value.partition("/")
        m = _RANGE_SPLIT.fullmatch(t.text) if sep and low and high else None
        if m is None:
            out.append(t)
            continue
        for part, value in (("a", low), ("b", high)):
            start, end = t.start + m.start(part), t.start + m.end(part)
            type_: TimexType = "TIME" if "T" in value else "DATE"
            out.append(Timex(start, end, t.text[m.start(part) : m.end(part)], type_, value))
    return out


def tenses(
    text: str,
    spans: Sequence[tuple[int, int]],
    *,
    tags: Sequence[tuple[int, int, str]] | None = None,
) -> list[str | None]:
    """The tense that governs each `(start, end)` span of `text`, as `tag` reads it.

    `future`, `past`, `present`, `perfect`, `report` or None, from the nearest verb of the
    span's sentence (part-of-speech `tags` when given, else the words).
    """
    ctx = _Context(text=text, dct=None, tags=tags)
    return [ctx.tense(start, end) for start, end in spans]


def reference_date(published: Published | None) -> str | None:
    """The day relative expressions of an article are anchored on.

    A publication date known to the day is used as it is; for a range (an inferred date
    that only bounds the writing) the latest day is used, since news mostly reports what
    has happened by then.
    """
    if published is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published.value):
        return published.value
    return published.latest or None


def _tag_article(article: Article, tags: list[tuple[int, int, str]]) -> list[Timex]:
    """The article's time expressions. When its publication date is known only to the month
    or the year, a relative expression is resolved on both ends of that period and, where the
    two disagree, given as the range between them: "on Wednesday" in a story of June 2024 is
    some day from 5 June to 3 July, not the Wednesday after 30 June."""
    published = article.published
    late = tag(article.text, reference_date(published), tags=tags)
    if (
        published is None
        or not re.fullmatch(r"\d{4}(?:-\d{2})?", published.value)
        or not published.earliest
        or published.earliest == published.latest
    ):
        return late
    early = {(t.start, t.end): t for t in tag(article.text, published.earliest, tags=tags)}
    return [_between(early.get((t.start, t.end)), t) for t in late]


def _between(early: Timex | None, late: Timex) -> Timex:
    """A value resolved on the first and on the last day of the writing, as one value."""
    if early is None or early.value == late.value or early.type != late.type:
        return late
    first, last = timevalues.period(early.value), timevalues.period(late.value)
    if first is None or last is None:
        return late
    low = early.value.split("/")[0].split("T")[0]
    high = late.value.split("/")[-1].split("T")[0]
    if "T" in late.value or timevalues.granularity(low) != timevalues.granularity(high):
        low, high = min(first[0], last[0]).isoformat(), max(first[1], last[1]).isoformat()
    elif low > high:
        low, high = high, low
    return replace(late, type="DATE", value=f"{low}/{high}")


def extract_timexes(
    articles: Sequence[Article], annotations: Sequence[Annotation]
) -> list[ArticleTimex]:
    """The time expressions of every analysed article, anchored on its publication date.

    The part-of-speech tags of the annotate stage give the tense of the governing verb.
    """
    by_article = {a.article: a for a in annotations}
    found: list[ArticleTimex] = []
    for article in articles:
        annotation = by_article.get(article.id)
        if annotation is None or not article.analysed:
            continue
        tags = [(t.start, t.end, t.tag) for t in annotation.tokens]
        for t in _tag_article(article, tags):
            key = f"{article.id}:{t.start}:{t.end}".encode()
            found.append(
                ArticleTimex(
                    id=hashlib.sha256(key).hexdigest()[:16],
                    article=article.id,
                    start=t.start,
                    end=t.end,
                    text=t.text,
                    type=t.type,
                    value=t.value,
                    mod=t.mod,
                )
            )
    return sorted(found, key=lambda t: (t.article, t.start, t.end))
