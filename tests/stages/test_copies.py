"""Syndication: copies and their originals (stages/copies.py), on invented articles."""

from __future__ import annotations

from dataclasses import replace

from storyline.model import Article, Document
from storyline.stages.clean import clean_document
from storyline.stages.copies import find_copies
from storyline.stages.published import given

WIRE = (
    "The harbour board of Norrvik voted on Tuesday to close the old ferry terminal for two "
    "years while engineers rebuild its sinking pier, a decision that will move about 1,200 "
    "daily passengers to a temporary quay on the eastern side of the bay. Board chair Ilsa "
    "Varden said the repairs could no longer wait after divers found cracks in three of the "
    "pier's twelve supports during an inspection in January. The ferry company said it would "
    "add two extra crossings each morning to cope with the longer walk to the new quay, and "
    "the town council promised a free shuttle bus from the railway station until the work "
    "is finished in the spring of the year after next."
)
# the same story as another outlet ran it: new first words, one figure changed, a line added
COPY = (
    "NORRVIK – "
    + WIRE.replace("about 1,200", "some 1,250")
    + " Readers can send their questions about the closure to the newsroom."
)
# the same events told in the outlet's own words: not a copy
OWN_WORDS = (
    "Norrvik's ferry terminal will shut for two years from next month, the harbour board "
    "decided on Tuesday, after an inspection in January found cracked supports under the pier. "
    "Passengers, around twelve hundred a day, will board at a temporary quay across the bay; "
    "the ferry operator plans extra morning sailings and the council will run a shuttle from "
    "the station. Ilsa Varden, who chairs the board, called the repair overdue and said the "
    "old pier had been patched too many times since it opened in the nineteen-sixties."
)


def _article(name: str, text: str, day: str | None) -> Article:
    article = clean_document(Document(name, text, "text"))
    assert isinstance(article, Article)
    return replace(article, published=given(day)) if day else article


def test_a_copy_is_named_with_its_original_and_its_shared_passages() -> None:
    wire = _article("wire.txt", WIRE, "2025-02-04")
    copy = _article("copy.txt", COPY, "2025-02-05")
    own = _article("own.txt", OWN_WORDS, "2025-02-04")
    found = find_copies([copy, own, wire])
    assert len(found) == 1
    (only,) = found
    assert (only.article, only.original) == (copy.id, wire.id)
    assert 0.8 <= only.similarity < 1.0
    assert only.shared, "the passages the copy shares with its original"
    for span in only.shared:
        assert copy.text[span.start : span.end] == span.text
        assert len(span.text.split()) >= 12
    # the changed figure breaks the shared run: no passage holds it
    assert not any("1,250" in span.text for span in only.shared)


def test_the_original_is_the_one_published_first_whatever_the_order() -> None:
    wire = _article("b.txt", WIRE, "2025-02-06")
    copy = _article("a.txt", COPY, "2025-02-05")  # the copy came first: it is the original
    found = find_copies([wire, copy])
    assert [(c.article, c.original) for c in found] == [(wire.id, copy.id)]
    # with no dates, the longer text is the original
    undated = find_copies([_article("b.txt", WIRE, None), _article("a.txt", COPY, None)])
    assert [c.original for c in undated] == [_article("a.txt", COPY, None).id]


def test_short_texts_and_unrelated_stories_are_never_copies() -> None:
    short = _article("s1.txt", "The pier closes on Tuesday for repairs.", "2025-02-04")
    same = _article("s2.txt", "The pier closes on Tuesday for repairs, the board said.", None)
    assert find_copies([short, same]) == ()
    own = _article("own.txt", OWN_WORDS, "2025-02-04")
    wire = _article("wire.txt", WIRE, "2025-02-04")
    assert find_copies([own, wire]) == ()


def test_copies_are_repeatable() -> None:
    articles = [
        _article("wire.txt", WIRE, "2025-02-04"),
        _article("copy.txt", COPY, "2025-02-05"),
        _article("again.txt", COPY + " Updated at noon.", "2025-02-05"),
    ]
    first = find_copies(articles)
    assert first == find_copies(list(reversed(articles)))
    assert {c.original for c in first} == {articles[0].id}
    assert len(first) == 2
