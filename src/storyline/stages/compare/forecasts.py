"""Expectations that differ: one source says a thing is unlikely, another that it could
happen ("the ferry link is unlikely to reopen this year" against "the ferry link could reopen
in the spring").

Experts disagree more often than reports of facts do, and a reader wants to see it. The
comparison is narrow on purpose, because a denial in general is rarely a contradiction (the
denials tried first were 1 real in 12 on ECB+ and the seeds, docs/benchmarks.md): the unlikely
sentence must say so of a thing written before the negative word (its subject: "the ferry
link ... is unlikely"), the other sentence must name that thing (at least `shared`
content words) and expect it with no negation of its own, the two sentences must be alike
(align's cosine >= `link`) and come from different independent sources.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import cache

from storyline.lexicon import table
from storyline.model import Claim, Comparison
from storyline.stages.compare.align import Similarity
from storyline.stages.compare.claims import Statement
from storyline.stages.compare.verdicts import compared


@cache
def _settings() -> tuple[float, int, re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = table("compare", "forecasts")

    def pattern(key: str) -> re.Pattern[str]:
        alternatives = sorted(words[key], key=lambda w: (-len(w), w))
        return re.compile(
            r"(?<![\w’'])(?:" + "|".join(re.escape(w) for w in alternatives) + r")(?![\w’'])"
        )

    return (
        float(words["link"]),
        int(words["shared"]),
        pattern("negative"),
        pattern("positive"),
        pattern("negation"),
    )


def _text(statement: Statement) -> str:
    return statement.span.text.lower().replace("’", "'")


def _subject(statement: Statement, at: int) -> frozenset[str]:
    """The content words (lemmas) of the statement's clause written before position `at`
    (after its last comma, colon, semicolon, dash or bracket: "..., it is unlikely" has no
    subject of its own)."""
    clause = re.split(r"[,;:()\u2014\u2013]| - ", _text(statement)[:at])[-1]
    before = re.findall(r"[\w'-]+", clause)
    lemmas = [f[2:] for f in statement.features if f.startswith("w:")]
    return frozenset(lemma for lemma in lemmas if any(_like(w, lemma) for w in before))


def forecast_comparisons(
    found: Sequence[Statement],
    similarity: Similarity,
    name: Callable[[str], str],
    subject: Callable[[Statement, int], str | None],
) -> list[Comparison]:
    """One comparison for each sentence that calls a thing unlikely and the sentences of
    other sources that expect it. `subject` gives the lemma of the subject of the clause a
    statement's word (at an offset into its text) stands in: the two forecasts must be said
    of the same subject ("cooperation ... is unlikely", "cooperation ... could be")."""
    link, shared_at_least, negative, positive, negation = _settings()
    doubting = {}
    for i, statement in enumerate(found):
        match = negative.search(_text(statement))
        if match:
            subject_words = _subject(statement, match.start())
            if len(subject_words) >= shared_at_least:
                doubting[i] = (match.group(0), subject_words, match.start())
    if not doubting:
        return []
    # the sentences that hold a doubted thing's words, looked up word by word
    wanted = frozenset().union(*(words for _, words, _ in doubting.values()))
    holding: dict[str, list[int]] = {}
    for j, statement in enumerate(found):
        for feature in statement.features:
            if feature[2:] in wanted and feature.startswith("w:"):
                holding.setdefault(feature[2:], []).append(j)
    pairs: dict[int, dict[str, tuple[int, str, frozenset[str]]]] = {}
    for doubt, (_, doubted_words, at_doubt) in sorted(doubting.items()):
        a = found[doubt]
        doubted = subject(a, at_doubt)
        if doubted is None:
            continue  # no subject to hold the other sentence's forecast to
        counts: dict[int, int] = {}
        for lemma in sorted(doubted_words):
            for j in holding.get(lemma, ()):
                counts[j] = counts.get(j, 0) + 1
        candidates = sorted(
            (-similarity(doubt, j), j)
            for j, n in counts.items()
            if n >= shared_at_least and j not in doubting and found[j].witness != a.witness
        )
        for minus, j in candidates:
            b = found[j]
            if -minus < link or b.witness in pairs.get(doubt, {}):
                continue
            text = _text(b)
            if negation.search(text) or positive.search(text) is None:
                continue
            common = doubted_words & {f[2:] for f in b.features if f.startswith("w:")}
            # an expecting word said of the same subject, looked for after the thing first
            # ("talk that the ferry link ... could reopen": "could")
            at = min(
                (
                    m.start()
                    for m in re.finditer(r"[\w'-]+", text)
                    if _is_one_of(m.group(0), common)
                ),
                default=0,
            )
            expects = next(
                (
                    m
                    for m in (*positive.finditer(text, at), *positive.finditer(text, 0, at))
                    if subject(b, m.start()) == doubted
                ),
                None,
            )
            if expects is None:
                continue
            pairs.setdefault(doubt, {})[b.witness] = (j, expects.group(0), frozenset(common))
    out = []
    for doubt in sorted(pairs):
        a = found[doubt]
        word = doubting[doubt][0]
        others = sorted(pairs[doubt].values(), key=lambda o: (found[o[0]].article, o[0]))
        # the doubted thing's words in the order the doubting sentence writes them
        words = re.findall(r"[\w'-]+", _text(a))
        common = frozenset().union(*(o[2] for o in others))
        thing = " ".join(
            sorted(
                common,
                key=lambda w: (
                    next((n for n, x in enumerate(words) if _like(x, w)), 0),
                    w,
                ),
            )
        )
        said = [f"{_by(a, name)} \u201c{_around(a, word)}\u201d"] + [
            f"{_by(found[o], name)} \u201c{_around(found[o], w)}\u201d" for o, w, _ in others
        ]
        claims = [
            Claim(span=a.span, kind="status", value=word, source=a.source, published=a.published)
        ]
        claims += [
            Claim(
                span=found[o].span,
                kind="status",
                value=w,
                source=found[o].source,
                published=found[o].published,
            )
            for o, w, _ in others
        ]
        explanation = (
            f"The sources expect different things of {thing}, one calling it {word}: "
            + "; ".join(said)
            + "."
        )
        out.append(
            compared(
                thing,
                "contradict",
                explanation,
                claims,
                len({a.witness, *(found[o].witness for o, _, _ in others)}),
            )
        )
    return out


def _by(statement: Statement, name: Callable[[str], str]) -> str:
    source = f" ({statement.source})" if statement.source else ""
    return name(statement.article) + source


def _like(word: str, lemma: str) -> bool:
    """Whether a written word is a form of `lemma` (its stem: all but the last letter, at
    least four)."""
    return word.startswith(lemma[: max(4, len(lemma) - 1)])


def _is_one_of(word: str, lemmas: frozenset[str]) -> bool:
    return any(_like(word, lemma) for lemma in lemmas)


def _around(statement: Statement, word: str, before: int = 10, after: int = 6) -> str:
    """The words of the statement around its forecast word, cut with an ellipsis."""
    text = " ".join(statement.span.text.split()).strip("\u201c\u201d\"' ")
    at = text.lower().replace("\u2019", "'").find(word)
    head = text[:at].split() if at >= 0 else []
    tail = text[at:].split() if at >= 0 else text.split()
    words = head[-before:] + tail[: after + len(word.split())]
    return (
        ("\u2026" if len(head) > before else "")
        + " ".join(words)
        + ("\u2026" if len(tail) > after + len(word.split()) else "")
    )


# how a forecast word reaches the verb whose subject is the thing forecast ("the link is
# unlikely", "the link could reopen", "crews are expected to")
_CLIMB = frozenset(("aux", "auxpass", "acomp", "oprd", "advmod", "neg", "xcomp"))


def subject_lemma(
    head: Mapping[int, tuple[int, str]], node: int | None, word: Callable[[int], tuple[str, str]]
) -> str | None:
    """The lemma of the subject of the clause token `node` stands in: from an auxiliary or a
    complement up to its verb, then the verb's nominal subject. `head` maps a token to its
    head and relation, `word` a token to its part of speech and lemma. None for a pronoun
    ("it is unlikely that ..."), "there", or no subject."""
    for _ in range(4):
        if node is None or node not in head or head[node][1] not in _CLIMB:
            break
        if head[node][0] == node:
            break
        node = head[node][0]
    if node is None:
        return None
    for child, (parent, dep) in sorted(head.items()):
        if parent == node and child != node and dep in ("nsubj", "nsubjpass"):
            pos, lemma = word(child)
            return None if pos == "PRON" else lemma.lower()
    return None
