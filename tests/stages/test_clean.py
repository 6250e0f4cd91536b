"""Tests for storyline.stages.clean on hand-written article text, plus the seed articles.

Every test checks the offset invariant: each `Segment` copies cleaned text from the ingested
text verbatim, `Article.raw_offset` maps every cleaned character back, and every non-blank
character of the ingested text is either kept or listed in `dropped` (nothing lost silently).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.model import Article, Document
from storyline.stages.clean import article_id, clean_document
from storyline.stages.ingest import ingest

SHARED = Path(__file__).parents[2] / ".." / "shared"

WIDGET = "share/navigation widget or comment form"
LINK = "link to another article"

HEAD = "Harbour Workers Walk Out Over Pay Freeze"
P1 = (
    "Dock workers at the northern harbour walked out on Tuesday morning after talks with "
    "the port authority broke down over a proposed pay freeze."
)
P2 = (
    "Union leaders said about four hundred members had joined the strike and that cargo "
    "handling would stop until the authority returned to the table."
)
P3 = (
    "A spokesperson for the port authority said the offer was fair and that contingency "
    "plans were in place to keep the island ferries running."
)
P4 = (
    "The authority said it would publish a revised offer before the end of the month, "
    "officials told reporters on Wednesday."
)


def clean(raw: str, title: str | None = None) -> Article:
    article = clean_document(Document("in/story.txt", raw, "text", title=title))
    assert_maps_back(article)
    return article


def assert_maps_back(article: Article) -> None:
    """The segment invariant, raw_offset, and full accounting of the ingested text."""
    raw, text = article.raw, article.text
    covered = [False] * len(text)
    for s in article.segments:
        assert s.length > 0
        assert text[s.start : s.start + s.length] == raw[s.raw_start : s.raw_start + s.length]
        for i in range(s.start, s.start + s.length):
            covered[i] = True
    for i, char in enumerate(text):
        if covered[i]:
            assert raw[article.raw_offset(i)] == char
        else:
            assert char == "\n"
    if article.segments:
        last = article.segments[-1]
        assert article.raw_offset(len(text)) == last.raw_start + last.length
    assert "\n\n\n" not in text
    assert text == text.strip()
    assert article.id == article_id(text)
    # Every non-blank raw character is kept (in a segment) or dropped with a reason.
    accounted = [False] * len(raw)
    for s in article.segments:
        for i in range(s.raw_start, s.raw_start + s.length):
            accounted[i] = True
    for d in article.dropped:
        assert d.reason
        assert raw[d.raw_start : d.raw_end] == d.text
        for i in range(d.raw_start, d.raw_end):
            accounted[i] = True
    lost = "".join(c for i, c in enumerate(raw) if not accounted[i] and not c.isspace())
    assert lost == ""


def paragraphs(article: Article) -> list[str]:
    return article.text.split("\n\n") if article.text else []


@dataclass(frozen=True)
class Case:
    lines: list[str]
    dropped: list[tuple[str, str]]
    kept: list[str] | None = None  # default: the lines that are not dropped
    title: str | None = None
    fragments: list[tuple[str, str]] = field(default_factory=list)


CASES = [
    pytest.param(
        Case(
            [
                HEAD,
                P1,
                "Share this article",
                "Share on Facebook",
                "Twitter",
                "Copy link",
                P2,
                "Print this article",
                P3,
            ],
            [
                ("Share this article", WIDGET),
                ("Share on Facebook", WIDGET),
                ("Twitter", WIDGET),
                ("Copy link", WIDGET),
                ("Print this article", WIDGET),
            ],
        ),
        id="share-widget",
    ),
    pytest.param(
        Case(
            [
                HEAD,
                P1,
                P2,
                "Previous article",
                "Ferry Timetable Changes Announced For Summer",
                "Next Post",
                "City Council Approves New Budget",
                "Read next",
                "Island Schools Reopen After the Storm",
            ],
            [
                ("Previous article", WIDGET),
                ("Ferry Timetable Changes Announced For Summer", LINK),
                ("Next Post", WIDGET),
                ("City Council Approves New Budget", LINK),
                ("Read next", WIDGET),
                ("Island Schools Reopen After the Storm", LINK),
            ],
        ),
        id="prev-next-and-linked-titles",
    ),
    pytest.param(
        Case(
            [
                HEAD,
                P1,
                P2,
                "Leave a Reply",
                "Your email address will not be published. Required fields are marked *",
                "Post a comment",
                "12 Comments",
            ],
            [
                ("Leave a Reply", WIDGET),
                ("Your email address will not be published. Required fields are marked *", WIDGET),
                ("Post a comment", WIDGET),
                ("12 Comments", WIDGET),
            ],
        ),
        id="comment-form",
    ),
    pytest.param(
        Case(
            [HEAD, "World | Europe | Business", "Home › News › Local", P1, P2],
            [
                ("World | Europe | Business", "section labels"),
                ("Home › News › Local", "section labels"),
            ],
        ),
        id="section-labels",
    ),
    pytest.param(
        Case(
            [HEAD, "Local\u00a0|\u00a0Harbour\u00a0|\u00a0Jobs", P1, P2],
            [("Local\u00a0|\u00a0Harbour\u00a0|\u00a0Jobs", "section labels")],
        ),
        id="section-labels-no-break-spaces",
    ),
    pytest.param(
        Case(
            [HEAD, P1, HEAD, P2, "  harbour workers  walk out over PAY FREEZE "],
            [
                (HEAD, "repeated headline"),
                ("harbour workers  walk out over PAY FREEZE", "repeated headline"),
            ],
            kept=[HEAD, P1, P2],
        ),
        id="repeated-headline-first-copy-kept",
    ),
    pytest.param(
        Case(
            ["Harbour Strike", P1, "Pay Talks Collapse at the Harbour", P2],
            [("Pay Talks Collapse at the Harbour", "repeated headline")],
            title="Pay Talks Collapse at the Harbour",
        ),
        id="given-title-repeated-in-body",
    ),
    pytest.param(
        Case(
            [
                HEAD,
                P1,
                "Pickets gather at the harbour gate on Tuesday morning.",
                "Credit: Coastal Courier photo desk",
                P2,
                "Ferries wait at the quay",
                "Photograph by Tom Reyes",
                P3,
            ],
            [
                ("Pickets gather at the harbour gate on Tuesday morning.", "photo caption"),
                ("Credit: Coastal Courier photo desk", "photo credit"),
                ("Ferries wait at the quay", "photo caption"),
                ("Photograph by Tom Reyes", "photo credit"),
            ],
        ),
        id="photo-caption-and-credit",
    ),
    pytest.param(
        Case(
            [HEAD, P1, "What happens next", P2, "A long dispute", P3],
            [("What happens next", "crosshead"), ("A long dispute", "crosshead")],
        ),
        id="crossheads-between-prose",
    ),
    pytest.param(
        Case(
            [HEAD, P1, P2, P4 + " (ABC)"],
            [],
            kept=[HEAD, P1, P2, P4],
            fragments=[("(ABC)", "source credit")],
        ),
        id="trailing-source-credit",
    ),
    pytest.param(
        Case(
            [HEAD, P1, P2, P4 + " (AP/Reuters)  "],
            [],
            kept=[HEAD, P1, P2, P4],
            fragments=[("(AP/Reuters)", "source credit")],
        ),
        id="trailing-source-credit-two-agencies",
    ),
    pytest.param(
        Case(
            [HEAD, P1, P2, "Was halten Sie von diesem Artikel?"],
            [("Was halten Sie von diesem Artikel?", "text in another language (de)")],
        ),
        id="trailing-german",
    ),
    pytest.param(
        Case(
            [HEAD, P1, P2, "Що ви думаєте про цю статтю?", "Залиште свій коментар до статті"],
            [
                ("Що ви думаєте про цю статтю?", "text in another language (uk)"),
                ("Залиште свій коментар до статті", "text in another language (uk)"),
            ],
        ),
        id="trailing-ukrainian-run",
    ),
    pytest.param(
        Case(
            [HEAD, "by Jane Okafor and Tom Reyes", P1, P2],
            [("by Jane Okafor and Tom Reyes", "byline")],
        ),
        id="byline-lowercase-by",
    ),
    pytest.param(
        Case([HEAD, "By Jane Okafor", P1, P2], [("By Jane Okafor", "byline")]),
        id="byline-capital-by",
    ),
    pytest.param(
        Case([HEAD, "BY JANE OKAFOR", P1, P2], [("BY JANE OKAFOR", "byline")]),
        id="byline-upper-case",
    ),
    pytest.param(
        Case(
            [HEAD, "By Jane Okafor", P1, "By the end of the week, the union said, talks resume."],
            [("By Jane Okafor", "byline")],
        ),
        id="byline-rule-leaves-sentences-starting-with-by",
    ),
    pytest.param(
        Case(
            ["By Land and Sea", P1, P2],
            [],
            kept=["By Land and Sea", P1, P2],
            title="By Land and Sea",
        ),
        id="metadata-title-is-not-a-byline",
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_rule_removes_its_kind(case: Case) -> None:
    raw = "\n\n".join(case.lines) + "\n"
    article = clean(raw, title=case.title)
    dropped_lines = [(d.text, d.reason) for d in article.dropped if d.reason != "source credit"]
    assert dropped_lines == case.dropped
    fragments = [(d.text, d.reason) for d in article.dropped if d.reason == "source credit"]
    assert fragments == case.fragments
    for text, _ in case.fragments:
        (d,) = [d for d in article.dropped if d.text == text]
        assert raw[d.raw_start : d.raw_end] == text
    dropped_texts = [text for text, _ in case.dropped]
    expected = (
        case.kept
        if case.kept is not None
        else [line for line in case.lines if line not in dropped_texts]
    )
    assert paragraphs(article) == expected
    assert article.language == "en"
    assert article.notes == ()


def test_headline_is_content_and_the_title() -> None:
    article = clean("\n\n".join([HEAD, P1, P2]))
    assert article.title == HEAD
    assert paragraphs(article)[0] == HEAD
    given = clean("\n\n".join([HEAD, P1, P2]), title="A title from the metadata")
    assert given.title == "A title from the metadata"
    assert paragraphs(given) == [HEAD, P1, P2]


SURVIVORS = [
    pytest.param([HEAD, P1, "Talks resumed.", "Nobody was hurt.", P2], id="short-sentences"),
    pytest.param(
        [
            P1,
            "The dispute has drawn comparisons with a long walkout that closed several ports "
            "in the U.S.",
            P2,
        ],
        id="ends-with-US",
    ),
    pytest.param(
        [P1, "“We are not going back until the freeze is lifted.”", P2, "“It is over.”", P3],
        id="quote-paragraphs",
    ),
    pytest.param(
        [
            P1,
            '"We are not going back until the freeze is lifted," said Maria Lopez, the union\'s '
            "regional secretary.",
            P2,
        ],
        id="attributed-quote",
    ),
    pytest.param([P1, "Is the offer fair?", P2, "Perhaps not!", P3], id="question-and-exclamation"),
    pytest.param(
        [P1, "Officials listed three demands:", "Higher pay, shorter shifts and safer cranes.", P2],
        id="colon-lead-in",
    ),
    pytest.param([P1, P2, P3, P4], id="plain-prose"),
    pytest.param(
        [P1, "The strike ended on 12 March 2024, the union said (in a statement).", P2],
        id="parenthesis-not-a-credit",
    ),
]


@pytest.mark.parametrize("lines", SURVIVORS)
def test_real_paragraphs_survive(lines: list[str]) -> None:
    article = clean("\n\n".join(lines) + "\n")
    assert article.dropped == ()
    assert paragraphs(article) == lines


def test_full_article_with_every_kind_of_debris() -> None:
    lines = [
        HEAD,
        "by Jane Okafor",
        "World | Europe | Business",
        HEAD,
        P1,
        "Share this article",
        "Facebook",
        P2,
        "What happens next",
        P3,
        "Pickets gather at the harbour gate on Tuesday morning.",
        "Credit: Coastal Courier photo desk",
        "Talks resumed.",
        "“We are not going back until the freeze is lifted.”",
        "The dispute has drawn comparisons with a long walkout that hit ports in the U.S.",
        "Previous article",
        "Ferry Timetable Changes Announced For Summer",
        "Leave a Reply",
        P4 + " (ABC)",
        "Was halten Sie von diesem Artikel?",
    ]
    article = clean("\n".join(lines))
    assert Counter(d.reason for d in article.dropped) == Counter(
        {
            WIDGET: 4,
            "byline": 1,
            "section labels": 1,
            "repeated headline": 1,
            "crosshead": 1,
            "photo caption": 1,
            "photo credit": 1,
            LINK: 1,
            "source credit": 1,
            "text in another language (de)": 1,
        }
    )
    assert paragraphs(article) == [
        HEAD,
        P1,
        P2,
        P3,
        "Talks resumed.",
        "“We are not going back until the freeze is lifted.”",
        "The dispute has drawn comparisons with a long walkout that hit ports in the U.S.",
        P4,
    ]


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("  " + P1 + "  \r\n\r\n\t" + P2 + "\t\r\n", id="crlf-and-indent"),
        pytest.param(P1 + "\n\n\n\n   \n" + P2, id="many-blank-lines"),
        pytest.param("\n\n" + HEAD + "\n" + P1 + "\u2028" + P2 + "\n", id="line-separator"),
        pytest.param(P1 + "\u00a0\n\n" + P2 + "\u00a0", id="no-break-space-at-end"),
    ],
)
def test_whitespace_is_trimmed_but_offsets_map_back(raw: str) -> None:
    article = clean(raw)
    assert [p.strip() for p in paragraphs(article)] == paragraphs(article)
    assert P1 in paragraphs(article)
    assert P2 in paragraphs(article)


def test_non_english_article_is_kept_with_a_note() -> None:
    raw = (
        "Grève au port\n\n"
        "Les dockers du port du nord ont cessé le travail mardi matin après l'échec des "
        "négociations avec l'autorité portuaire sur un gel des salaires.\n\n"
        "Le syndicat a déclaré que quatre cents membres avaient rejoint la grève et que le "
        "chargement des navires resterait bloqué.\n"
    )
    article = clean(raw)
    assert article.language == "fr"
    assert not article.analysed
    assert article.dropped == ()
    assert len(paragraphs(article)) == 3
    assert len(article.notes) == 1
    assert "'fr'" in article.notes[0]
    assert "not English" in article.notes[0]


@pytest.mark.parametrize("raw", ["", "\n\n  \n", "\t\r\n\u00a0"])
def test_nothing_left(raw: str) -> None:
    article = clean(raw)
    assert (article.text, article.segments, article.dropped) == ("", (), ())


@pytest.mark.parametrize(
    ("first", "reason"),
    [
        ("Skip to main content", WIDGET),
        ("Share this article", WIDGET),
        ("Advertisement", WIDGET),
        ("World | Europe | Business", "section labels"),
        ("By Jane Okafor", "byline"),
        ("Photo: Reuters", "photo credit"),
    ],
)
def test_furniture_on_the_first_line(first: str, reason: str) -> None:
    article = clean("\n\n".join([first, HEAD, P1, P2]))
    assert [(d.text, d.reason) for d in article.dropped] == [(first, reason)]
    assert paragraphs(article) == [HEAD, P1, P2]
    assert article.title == HEAD


def test_same_text_same_id() -> None:
    one = clean("\n\n".join([HEAD, P1, P2]))
    two = clean("\n".join([HEAD, "Share this article", P1, "", P2, "Facebook"]))
    assert one.text == two.text
    assert one.id == two.id
    assert one.id != clean("\n\n".join([HEAD, P1, P3])).id


def test_raw_offset_of_a_paragraph_end() -> None:
    article = clean("\n\n".join([P1, P2]))
    first = article.segments[0]
    end = first.start + first.length
    assert article.raw_offset(end) == first.raw_start + first.length


def test_raw_offset_of_every_span_end() -> None:
    """Every paragraph's [start, end) maps back to the raw text it was copied from."""
    raw = "  " + "\n\n".join([HEAD, " " + P1, "Share this article", P2 + "  ", P3]) + "\n"
    article = clean(raw)
    for segment in article.segments:
        start, end = segment.start, segment.start + segment.length
        raw_start, raw_end = article.raw_offset(start), article.raw_offset(end)
        assert article.raw[raw_start:raw_end] == article.text[start:end]
    with pytest.raises(ValueError, match="outside the cleaned text"):
        article.raw_offset(article.segments[0].length + 1)
    with pytest.raises(ValueError, match="outside the cleaned text"):
        article.raw_offset(len(article.text) + 1)


def test_dropped_spans_cover_exactly_the_dropped_text() -> None:
    raw = f"{HEAD}\n\n   Share this article  \n\n{P1}\n\t By Jane Okafor \u00a0\n{P2}\n  Facebook\n"
    article = clean(raw)
    assert [(d.text, d.reason) for d in article.dropped] == [
        ("Share this article", WIDGET),
        ("By Jane Okafor", "byline"),
        ("Facebook", WIDGET),
    ]
    for d in article.dropped:
        assert raw[d.raw_start : d.raw_end] == d.text


# --- property: random texts ------------------------------------------------------------------

VOCABULARY = [
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "said",
    "on",
    "harbour",
    "council",
    "strike",
    "union",
    "Monday",
    "Tuesday",
    "talks",
    "workers",
    "port",
    "officials",
    "U.S.",
    "Maria",
    "Lopez",
    "“We",
    "go”",
    "(ABC)",
    "(VOA)",
    "|",
    "›",
    "Share",
    "this",
    "article",
    "Next",
    "Post",
    "Previous",
    "Leave",
    "Reply",
    "Credit:",
    "Photo:",
    "By",
    "by",
    "Comments",
    "Facebook",
    "Was",
    "halten",
    "Sie",
    "von",
    "diesem",
    "Artikel",
    "ваша",
    "думка",
    "про",
    "статтю",
    "café",
    "—",
    "12",
    "2024",
]
PUNCTUATION = ["", "", "", ".", ".", ",", "!", "?", ":", ";", "…", ".”", ".)"]
words = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=18)
lines = st.builds(
    lambda ws, end, lead, trail: lead + " ".join(ws) + end + trail,
    words,
    st.sampled_from(PUNCTUATION),
    st.sampled_from(["", "", " ", "\t"]),
    st.sampled_from(["", "", " ", "\u00a0"]),
)
separators = st.sampled_from(["\n", "\n\n", "\n\n", "\n \n", "\r\n", "\r\n\r\n", "\n\n\n"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    body = draw(st.lists(lines, min_size=1, max_size=9))
    seps = draw(st.lists(separators, min_size=len(body), max_size=len(body)))
    if draw(st.booleans()):  # a repeated first line, like a repeated headline
        body.insert(draw(st.integers(1, len(body))), body[0])
        seps.append("\n\n")
    return "".join(line + sep for line, sep in zip(body, seps, strict=True))


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(texts())
def test_random_texts_keep_offsets_and_lose_nothing(raw: str) -> None:
    article = clean(raw)  # checks the segment invariant and character accounting
    kept = paragraphs(article)
    credits = [d for d in article.dropped if d.reason == "source credit"]
    for line in raw.splitlines():
        line = line.strip()
        if not line:
            continue
        in_text = line in kept
        in_dropped = any(d.text == line for d in article.dropped)
        cut_credit = any(
            line.endswith(d.text) and line[: -len(d.text)].rstrip() in kept for d in credits
        )
        assert in_text or in_dropped or cut_credit, line


# --- the seed articles -----------------------------------------------------------------------


def _seed_params() -> list[object]:
    seeds = SHARED / "seeds"
    if not seeds.is_dir() or not (SHARED / "gold" / "seeds.json").is_file():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no seeds at {SHARED}"))]
    return [pytest.param(path, id=path.stem) for path in sorted(seeds.glob("*.txt"))]


@pytest.fixture(scope="module")
def gold() -> dict[str, dict[str, object]]:
    return json.loads((SHARED / "gold" / "seeds.json").read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("path", _seed_params())
def test_seed_boilerplate_removed_and_content_kept(
    path: Path, gold: dict[str, dict[str, list[str]]]
) -> None:
    expected = gold[path.stem]
    boilerplate: list[str] = list(expected["boilerplate_lines"])
    fragments: list[str] = list(expected["boilerplate_fragments"])
    result = ingest([path], max_bytes=10_000_000)
    (document,) = result.documents
    article = clean_document(document)
    assert_maps_back(article)
    kept = paragraphs(article)
    raw_lines = [line.strip() for line in document.raw.splitlines() if line.strip()]
    for line in set(boilerplate):
        # A headline listed k times and present n times: its first copy is content.
        assert kept.count(line) == raw_lines.count(line) - boilerplate.count(line), line
    credits = {d.text for d in article.dropped if d.reason == "source credit"}
    for line in raw_lines:
        if line in boilerplate:
            continue
        cut = [f for f in fragments if line.endswith(f) and line != f]
        if cut:
            assert line[: -len(cut[0])].rstrip() in kept
            assert cut[0] in credits
        else:
            assert line in kept, line


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Hannah Oduya, Europe correspondent", ("Hannah Oduya",)),
        ("By Jane Roe and John Doe in Kessmark", ("Jane Roe", "John Doe")),
        ("BY JANE ROE | Kessmark Courier", ("Jane Roe",)),
        ("By Ana Ruiz, Tom Hale and Li Wei", ("Ana Ruiz", "Tom Hale", "Li Wei")),
        ("By Jane Roe, Senior Political Correspondent", ("Jane Roe",)),
        # sentences that begin with "By" are no bylines
        ("By Monday, rescuers had pulled 40 people from the mud", ()),
        ("By the time the ferry docked, the strike was over", ()),
        ("By March the port was quiet again.", ()),
        ("By Tuesday night the toll had reached 40", ()),
    ],
)
def test_byline_names(line: str, names: tuple[str, ...]) -> None:
    from storyline.stages.clean import byline_names

    assert byline_names(line) == names


def test_a_byline_line_is_dropped_and_gives_the_authors() -> None:
    from storyline.pipeline import clean_one

    raw = (
        "Harbour cranes fall silent\n\n"
        "By Hannah Oduya, Europe correspondent\n\n"
        "The dock workers of Kessmark stopped work on Monday, the union said.\n\n"
        "By Monday evening, no ship had left the harbour and the quays were empty."
    )
    article = clean_one(Document(path="strike.txt", raw=raw, format="text"))
    assert isinstance(article, Article)
    assert article.authors == ("Hannah Oduya",)
    assert "Hannah Oduya" not in article.text
    assert "By Monday evening, no ship had left" in article.text
    assert [d.reason for d in article.dropped if "Oduya" in d.text] == ["byline"]
    given = clean_one(Document(path="s.txt", raw=raw, format="text", authors=("Kim Park",)))
    assert isinstance(given, Article) and given.authors == ("Kim Park",)
