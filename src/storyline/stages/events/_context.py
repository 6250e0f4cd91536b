"""What every part of the events stage reads: the `_Context` of one article (its text, parse,
entity mentions, time expressions and quoted speech) and the small questions asked of it
(whose mention is at a position, what governs a word, when the article was written)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from storyline.model import Annotation, Article, ArticleTimex, Entity
from storyline.stages._index import Starts
from storyline.stages.annotate import Graph

# dependency labels (grammar, not vocabulary)
_SUBJECTS = frozenset({"nsubj", "csubj"})
_CONTROL = frozenset({"xcomp", "conj"})
_RELATIVES = frozenset({"WDT", "WP"})  # tags of relative pronouns ("which", "who", "that")
_CHAIN = frozenset({"xcomp", "ccomp", "conj", "acl"})


@dataclass(slots=True)
class _Context:
    article: Article
    annotation: Annotation
    graph: Graph
    owner: dict[int, Entity]  # char offset of a mention's first character -> entity
    mention_end: dict[int, int]
    types: dict[str, str]  # entity id -> type, for the entities mentioned here
    timexes: Sequence[ArticleTimex]
    quoted: list[tuple[int, int]]  # quoted speech, scare quotes left out
    # (start, end) of a time expression -> its head token (`dating._timex_head`), found once
    # per article rather than once per trigger
    timex_heads: dict[tuple[int, int], int | None] = field(default_factory=dict)
    # the time expressions that can date a trigger, by the sentence of their head
    # (`dating._dating_timexes`), found once per article
    dating_timexes: dict[int, list[tuple[int, ArticleTimex]]] | None = None
    # the entity mentions' spans in `owner`'s order, indexed (`_entity_at`), made once
    owner_spans: tuple[list[int], Starts] | None = None

    def word(self, index: int) -> str:
        token = self.annotation.tokens[index]
        return self.article.text[token.start : token.end]

    def lemma(self, index: int) -> str:
        return self.annotation.tokens[index].lemma.lower()


def _published_period(article: Article) -> tuple[date, date] | None:
    if article.published is None:
        return None
    try:
        return date.fromisoformat(article.published.earliest), date.fromisoformat(
            article.published.latest
        )
    except ValueError:
        return None


def _subjects(ctx: _Context, verb: int) -> list[int]:
    """The subject of a verb, borrowed from its governor for "plans to visit" and "arrived
    and met", and from the modified noun for "Putin, who visited ..."."""
    graph = ctx.graph
    seen = 0
    while seen < 4:
        found = graph.kids(verb, *_SUBJECTS)
        dep = graph.dep.get(verb)
        head = graph.head.get(verb)
        relative = found and all(ctx.annotation.tokens[s].tag in _RELATIVES for s in found)
        if relative and dep == "relcl" and head is not None and head != verb:
            return [head]  # "Brazil, which condemned the plan": Brazil
        if found:
            return found
        if head is None or head == verb:
            return []
        if dep == "relcl":
            return [head]
        if dep == "xcomp" and graph.dep.get(head) == "acomp":
            head = graph.head.get(head, head)  # "X is willing to withdraw": X's
        elif dep not in _CONTROL and dep != "advcl":
            return []
        verb = head
        seen += 1
    return []


def _governing_chain(ctx: _Context, index: int) -> list[int]:
    """The trigger and the verbs that govern it through control, complements and
    coordination ("is expected to [visit]", "plans to [visit]", "said he would [visit]")."""
    graph = ctx.graph
    chain = [index]
    current = index
    for _ in range(4):
        dep = graph.dep.get(current)
        head = graph.head.get(current)
        if head is None or head == current or dep not in _CHAIN:
            break
        current = head
        chain.append(current)
    return chain


def _entity_at(ctx: _Context, position: int) -> tuple[Entity | None, int, int]:
    """The entity whose mention covers `position`; the narrowest where names nest ("Kuwait"
    in "invasion of Kuwait")."""
    if ctx.owner_spans is None:
        starts = list(ctx.owner)
        ctx.owner_spans = starts, Starts([(start, ctx.mention_end[start]) for start in starts])
    starts, index = ctx.owner_spans
    best: tuple[int, int, Entity] | None = None
    # the mentions holding `position`, in `owner`'s order (as a scan of them all finds them)
    for n in index.holding(position):
        start = starts[n]
        end = ctx.mention_end[start]
        if best is None or end - start < best[1] - best[0]:
            best = (start, end, ctx.owner[start])
    if best is None:
        return None, position, position
    return best[2], best[0], best[1]


def _entity_type(ctx: _Context, index: int) -> str | None:
    entity, _, _ = _entity_at(ctx, ctx.annotation.tokens[index].start)
    return entity.type if entity else None


def _entity_type_of(ctx: _Context, entity_id: str) -> str | None:
    return ctx.types.get(entity_id)


def _named(ctx: _Context, index: int) -> bool:
    """Whether a token is inside a named entity ("the East Asia Summit")."""
    start = ctx.annotation.tokens[index].start
    return any(e.start <= start < e.end for e in ctx.annotation.entities if e.label != "DATE")


def _tag(ctx: _Context, index: int) -> str:
    return ctx.annotation.tokens[index].tag
