"""Publication dates a page states outright: in its URL, on a timestamp or dateline line, in
a photo caption.

News sites put the day of publication in the URL path (`/2024/06/17/`, `/20240620/`), on a
line of its own near the top or the bottom of the page ("June 20, 2024 - 16:41", "Monday, 17
June 2024, 14:44", "Published 17 Jun 2024", "20.06.2024") or at the head of the first
paragraph ("HANOI, June 20, 2024 (Reuters) -"). `stated_date` reads them; the publication
stage (`published.py`) prefers them to what it infers from the text, and a metadata date to
them.

- A URL that names only a month (`/2024/06/`) gives that month, not its first day:
  htmldate's URL helper would complete it to a guessed day, which is wrong for the other
  twenty-nine.
- A line that says the page was updated or modified gives a later version's date, so it
  bounds the publication date from above only and dates nothing alone.
- A photo caption's date is the day the picture was taken: the article is from that day or
  later. It only raises the lower bound of a range the text closes (`caption_bound`).
- A numeric date with slashes is read only where it cannot be day-first and month-first at
  once (`17/06/2024`); one with dots is day-first (`20.06.2024`), as it is wherever dots are
  used.

Every date carries its evidence: the span of the line in the cleaned text, or for the URL
and for a timestamp line cleaning dropped, the words themselves in `method`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storyline.lexicon import entry, words
from storyline.model import Article, DateSource, Published, Span

# The years a stated publication date may have (a wider span is a page number or an id).
_FIRST_YEAR, _LAST_YEAR = 1900, 2199
# How many non-blank lines at the top and at the bottom may hold a timestamp.
_EDGE_LINES = 6
_LONGEST_LINE = 120  # a longer line is prose, not a timestamp
_LONGEST_CAPTION = 400


def _month_names() -> dict[str, int]:
    names: dict[str, int] = {}
    for number, group in enumerate(entry("timex", "months"), start=1):
        for name in group:
            names[name] = number
    return names


_MONTHS = _month_names()
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = "(?:" + "|".join(n for g in entry("timex", "weekdays") for n in g) + r")\.?"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
# Full dates with a year, each with named parts.
_DATES = re.compile(
    rf"(?<![\w.])(?:"
    rf"(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MONTH}),?\s+(?P<y1>{_YEAR})"  # 17 June 2024
    rf"|(?P<m2>{_MONTH})\s+(?P<d2>{_DAY}),?\s+(?P<y2>{_YEAR})"  # June 17, 2024
    rf"|(?P<y3>{_YEAR})-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?P<t3>T[\d:.]+(?:Z|[+-][\d:]+)?)?"
    rf"|(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.(?P<y4>{_YEAR})"  # 20.06.2024
    rf"|(?P<a5>[0-3]?\d)/(?P<b5>[0-3]?\d)/(?P<y5>{_YEAR})"  # 17/06/2024 or 06/17/2024
    rf")(?![\w/])",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"(?<!\d)[012]?\d[:.h][0-5]\d(?::[0-5]\d)?(?:\s*[ap]\.?m\.?)?", re.IGNORECASE)
_WEEKDAY_WORD = re.compile(rf"\b{_WEEKDAY}", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?")
# A dateline: a place in capitals, the date, an agency in brackets, a dash.
_DATELINE = re.compile(
    r"[A-Z][A-Z .'’-]+(?:,\s*[A-Z][A-Za-z .'’-]*)?,\s*(?P<date>\S[^()\n]{5,39}?)\s*"
    r"(?:\([^()\n]{1,40}\)\s*)?[-–—_:]"
)
# `/2024/06/17/`, `/2024-06-17/`, `/20240617/`, `/2024/06/` (a month), in a URL's path.
_URL_DAY = re.compile(
    rf"(?<![\d])(?P<y>{_YEAR})(?P<s>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=s)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"
)
_URL_MONTH = re.compile(rf"/(?P<y>{_YEAR})/(?P<m>0?[1-9]|1[0-2])/")


@dataclass(frozen=True, slots=True)
class Stated:
    """A date found in an article: the day, where (`start`, `end` in the text, or None for
    the URL and for dropped lines) and how it was written."""

    day: date
    start: int | None
    end: int | None
    text: str
    update: bool = False


def parse_dates(text: str) -> list[tuple[int, int, date]]:
    """Every full date with a year in `text`, as `(start, end, day)`; dates that do not
    exist (February 30) and slashed dates that could be read either way are left out.

    >>> parse_dates("Published 17 Jun 2024, 14:44")
    [(10, 21, datetime.date(2024, 6, 17))]
    """
    found = []
    for match in _DATES.finditer(text):
        parts = match.groupdict()
        try:
            if parts["y1"]:
                day = _day(parts["y1"], _MONTHS[_name(parts["m1"])], parts["d1"])
            elif parts["y2"]:
                day = _day(parts["y2"], _MONTHS[_name(parts["m2"])], parts["d2"])
            elif parts["y3"]:
                day = _day(parts["y3"], int(parts["m3"]), parts["d3"])
            elif parts["y4"]:
                day = _day(parts["y4"], int(parts["m4"]), parts["d4"])
            else:
                a, b = int(parts["a5"]), int(parts["b5"])
                if a <= 12 and b <= 12 and a != b:
                    continue  # 06/07/2024: June 7 or 6 July
                day = _day(parts["y5"], b, str(a)) if a > 12 else _day(parts["y5"], a, str(b))
        except (KeyError, ValueError):
            continue
        found.append((match.start(), match.end(), day))
    return found


def _name(month: str) -> str:
    return month.lower().rstrip(".")


def _day(year: str, month: int, day: str) -> date:
    return date(int(year), month, int(re.sub(r"\D", "", day)))


def url_date(url: str | None) -> tuple[date, date, str] | None:
    """The day (or month: first and last day) a URL's path gives, with the part that says
    it: `https://x.org/2024/06/17/story` gives June 17, 2024; `/2024/06/story` all of June."""
    if not url:
        return None
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url, flags=re.IGNORECASE)
    path = path.split("?")[0].split("#")[0]
    for match in _URL_DAY.finditer(path):
        try:
            day = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        return day, day, match.group(0)
    month = _URL_MONTH.search(path)
    if month is None:
        return None
    year, number = int(month["y"]), int(month["m"])
    first = date(year, number, 1)
    following = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1), month.group(0)


def _timestamp_line(line: str) -> tuple[int, int, date, bool, bool] | None:
    """The date of a line that holds one date and nothing but a clock time, a weekday,
    a byline and the words of a timestamp (`lexicon/en/published.toml`), with whether it
    dates an update and whether it is surely a timestamp (a clock time, a byline or a word
    such as "published" beside the date, not a bare date)."""
    if len(line) > _LONGEST_LINE:
        return None
    dates = parse_dates(line)
    if len({day for _, _, day in dates}) != 1:
        return None
    rest = line
    for start, end, _ in reversed(dates):
        rest = rest[:start] + " " + rest[end:]
    # a clock time, an ISO time ("2024-06-17T08:12") or a byline makes it surely a timestamp
    sure = bool(_CLOCK.search(rest) or "T" in line[dates[0][0] : dates[0][1]].upper()[10:11])
    sure = sure or bool(_BYLINE.search(rest))
    rest = _BYLINE.sub(" ", _WEEKDAY_WORD.sub(" ", _CLOCK.sub(" ", rest)))
    allowed = words("published", "timestamp_words")
    left = [w.lower().rstrip(".") for w in _WORD.findall(rest)]
    if any(w not in allowed for w in left):
        return None
    update = bool(set(left) & words("published", "update_words"))
    sure = sure or bool(set(left) & words("published", "publication_words"))
    return dates[0][0], dates[-1][1], dates[0][2], update, sure


def _lines(text: str) -> list[tuple[int, int]]:
    """The non-blank lines of `text` as `(start, end)`, stripped."""
    found = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group(0).strip()
        if stripped:
            start = match.start() + match.group(0).index(stripped)
            found.append((start, start + len(stripped)))
    return found


def timestamps(article: Article) -> list[Stated]:
    """The article's timestamp lines, in text order: a line with a clock time or a word such
    as "published" wherever it stands (a pasted page puts its article's timestamp under the
    headline, amid menus), a bare date line ("20.06.2024") only among the first and last
    lines and where no more than two bare dates are written (an archive menu lists dozens);
    then the dateline at the head of one of the first lines; then the timestamp lines
    cleaning dropped."""
    text = article.text
    lines = _lines(text)
    edges = set(lines[:_EDGE_LINES] + lines[-_EDGE_LINES:])
    sure: list[Stated] = []
    bare: list[Stated] = []
    for start, end in lines:
        stamp = _timestamp_line(text[start:end])
        if stamp is not None:
            found = Stated(stamp[2], start, end, text[start:end], stamp[3])
            (sure if stamp[4] else bare).append(found)
    if len({s.day for s in bare}) <= 2:
        sure.extend(s for s in bare if (s.start, s.end) in edges)
    sure.sort(key=lambda s: s.start or 0)
    for start, end in lines[:3]:
        line = text[start:end]
        head = _DATELINE.match(line)
        if head is None:
            continue
        dates = parse_dates(head["date"])
        if len(dates) == 1 and not head["date"][: dates[0][0]].strip():
            sure.append(Stated(dates[0][2], start, end, line))
    for dropped in article.dropped:
        stamp = _timestamp_line(dropped.text.strip())
        if stamp is not None and stamp[4]:
            sure.append(Stated(stamp[2], None, None, dropped.text.strip(), stamp[3]))
    return sure


def captions(article: Article) -> list[Stated]:
    """The dated photo captions of the article: a line with a caption word and one date."""
    marks = words("published", "caption_words")
    pattern = re.compile(
        r"\b(?:" + "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    found = []
    for start, end in _lines(article.text):
        line = article.text[start:end]
        if len(line) > _LONGEST_CAPTION or not pattern.search(line):
            continue
        dates = parse_dates(line)
        if len({day for _, _, day in dates}) == 1:
            found.append(Stated(dates[0][2], start, end, line))
    return found


def stated_date(article: Article) -> Published | None:
    """The publication date the article states (see the module doc), or None.

    The URL's day wins; then the first timestamp or dateline that is not an update's
    (inside the URL's month, if the URL gives one); then the URL's month.
    """
    from_url = url_date(article.url)
    if from_url is not None and from_url[0] == from_url[1]:
        day = from_url[0].isoformat()
        return Published(day, "url", day, day, f"the date in the URL path {from_url[2]!r}")
    stamps = [
        s
        for s in timestamps(article)
        if not s.update and (from_url is None or from_url[0] <= s.day <= from_url[1])
    ]
    if stamps:
        first = stamps[0]
        day = first.day.isoformat()
        source: DateSource = "timestamp"
        if first.start is not None and first.end is not None:
            if _DATELINE.match(first.text) and not _timestamp_line(first.text):
                source = "dateline"
            evidence: tuple[Span, ...] = (article.span(first.start, first.end),)
            method = f"the {source} line of the article"
        else:
            evidence = ()
            method = f"the timestamp line {first.text!r} that cleaning dropped"
        return Published(day, source, day, day, method, evidence)
    if from_url is not None:
        low, high = from_url[0].isoformat(), from_url[1].isoformat()
        return Published(low[:7], "url", low, high, f"the month in the URL path {from_url[2]!r}")
    return None
