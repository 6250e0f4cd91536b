"""`resolve_entities`, the stage's entry point, and the records it returns.

It runs the other modules in order (mentions, names the tagger missed, phrase mentions,
linking within each article, roles, linking across articles) and turns each group of
clusters into an `Entity`: its name (the fullest or commonest), type, aliases, roles merged
by their normalised text, mentions, country and metonyms, with a content-hash id.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence

from storyline.model import Annotation, Article, Entity, Mention, Role, Span
from storyline.stages.entities._context import _Cluster, _Mention, _Tokens
from storyline.stages.entities.across import _link_across
from storyline.stages.entities.evidence import CALENDAR, RULES
from storyline.stages.entities.gazetteer import load_gazetteer
from storyline.stages.entities.in_article import _link_in_article, _nominal_mentions
from storyline.stages.entities.mentions import (
    _adjectival,
    _article_mentions,
    _headline_names,
    _missed_names,
)
from storyline.stages.entities.naming import _line_of, _words, fold, normalize_name, title_case
from storyline.stages.entities.phrases import _phrase_mentions
from storyline.stages.entities.roles import _roles


def _padded(name: tuple[str, ...], names: set[tuple[str, ...]], common: Collection[str]) -> bool:
    """Whether a name is another name of the entity with common words before or after it
    ("Comedian Jane Roe" for "Jane Roe")."""
    for size in range(2, len(name)):
        for inner, extra in ((name[:size], name[size:]), (name[-size:], name[:-size])):
            if inner in names and all(w in common for w in extra):
                return True
    return False


def _entity(group: list[_Cluster], common: Collection[str] = frozenset()) -> Entity:
    mentions = sorted(
        {(m.article, m.start, m.end): m for c in group for m in c.mentions}.values(),
        key=lambda m: (m.article, m.start, m.end),
    )
    merged = _Cluster(mentions)
    kind = merged.type
    country = merged.country
    if kind == "PERSON":
        merged_type = "PERSON"
    elif kind in ("GPE", "LOC") and any(m.country and not m.group for m in mentions):
        merged_type = "GPE"
    else:
        merged_type = kind
    if merged_type == "GPE" and country and any(m.country and not m.group for m in mentions):
        name = country
    else:
        pool = [
            m for m in mentions if not (m.metonym or m.country or m.nominal or m.label == "NORP")
        ] or [m for m in mentions if not m.nominal]
        # a headline's words ("Hire Jane Roe") are no part of the name the body gives
        pool = [m for m in pool if not m.headline] or pool
        counts = Counter(m.text for m in pool)
        if kind == "PERSON":  # the fullest name: "Nguyen Phu Trong", not "Trong"
            names = {_words(t) for t in counts}
            rank = {
                t: (0 if _padded(_words(t), names, common) else len(_words(t)), counts[t], 0)
                for t in counts
            }
        elif kind == "ORG":  # the commonest name of two words or more: "General Motors"
            rank = {t: (int(len(_words(t)) > 1), counts[t], len(_words(t))) for t in counts}
        else:
            rank = {t: (0, counts[t], 0) for t in counts}
        name = max(counts, key=lambda t: (*rank[t], -len(t), t))
    roles: dict[str, list[Span]] = defaultdict(list)
    texts: dict[str, Counter[str]] = defaultdict(Counter)
    for cluster in group:
        for text, span in cluster.roles:
            key = " ".join(normalize_name(text).split())
            roles[key].append(span)
            texts[key][text] += 1
    role_records = tuple(
        sorted(
            (
                Role(
                    text=max(texts[k], key=lambda t: (texts[k][t], t)),
                    evidence=tuple(sorted(set(spans), key=lambda s: (s.article, s.start, s.end))),
                )
                for k, spans in roles.items()
            ),
            key=lambda r: (r.text.casefold(), r.text),
        )
    )
    first = mentions[0]
    digest = hashlib.sha256(
        f"{merged_type}\x1f{name}\x1f{first.article}:{first.start}:{first.end}".encode()
    ).hexdigest()[:12]
    return Entity(
        id=digest,
        name=name,
        type=merged_type,
        aliases=tuple(sorted({m.text for m in mentions} - {name})),
        roles=role_records,
        mentions=tuple(_record(m) for m in mentions),
        country=country if merged_type in ("NORP", "GPE", "LOC") else None,
        metonyms=tuple(_record(m) for m in mentions if m.metonym),
    )


def _record(mention: _Mention) -> Mention:
    return Mention(mention.article, mention.start, mention.end, mention.text)


def resolve_entities(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    *,
    across_rules: Collection[str] = RULES,
) -> list[Entity]:
    """Resolve the named-entity mentions of all analysed articles into entities.

    Every mention is a span of its article's cleaned text; the result is sorted (most
    mentioned first) and ids are content hashes, so the same input gives the same output.
    `across_rules` names the rules of `evidence` that link across articles (all by default;
    the scorers leave some out to measure each).
    """
    by_id = {a.id: a for a in articles}
    gazetteer = load_gazetteer()
    prepared: list[tuple[Article, _Tokens, list[_Mention]]] = []
    corpus_names: dict[str, str] = {}
    adjectives: set[str] = set()
    body_names: set[str] = set()
    for annotation in sorted(annotations, key=lambda a: a.article):
        article = by_id.get(annotation.article)
        if article is None or not article.analysed:
            continue
        toks = _Tokens(article, annotation)
        mentions = _article_mentions(article, annotation.entities, toks, gazetteer)
        prepared.append((article, toks, mentions))
        for m in mentions:
            if (m.label in ("ORG", "GPE", "LOC", "FAC", "EVENT") and not m.metonym) or (
                m.label == "PERSON" and len(m.words) > 1
            ):
                corpus_names.setdefault(m.text, m.label)
            if not title_case(_line_of(article.text, m.start)):
                body_names.add(m.text)
                if m.label == "NORP" and len(m.words) == 1 and not m.group and _adjectival(m.text):
                    adjectives.add(m.text)
    clusters: list[_Cluster] = []
    context: list[set[str]] = []
    common: set[str] = set()  # words the story writes in lower case
    for name in sorted(adjectives):
        corpus_names.setdefault(name, "NORP")
    for article, toks, mentions in prepared:
        mentions = _headline_names(mentions, toks, adjectives, body_names, gazetteer)
        lexicon = dict(corpus_names)
        for m in mentions:
            if m.type == "PERSON" and len(m.words) > 1 and not m.country:
                surname = m.text.split()[-1]
                lexicon.setdefault(surname, "PERSON")
            if m.type != "NORP" and not m.nominal:
                lexicon.setdefault(m.text, m.label)
        extra = _missed_names(toks, lexicon, [(m.start, m.end) for m in mentions])
        taken = [(m.start, m.end) for m in mentions]
        mentions = sorted(
            mentions + _article_mentions(article, extra, toks, gazetteer, taken),
            key=lambda m: (m.start, m.end),
        )
        mentions = _phrase_mentions(article, toks, mentions, gazetteer)
        for m in mentions:
            m.headline = title_case(_line_of(article.text, m.start))
        for token in toks.tokens:
            word = article.text[token.start : token.end]
            if word.islower():
                common.add(fold(word))
        local = _link_in_article(mentions, toks)
        _roles(local, toks, article)
        _nominal_mentions(local, toks, article, gazetteer)
        keys = [c.keys for c in local]
        everything = set().union(*keys) if keys else set()
        for cluster, own in zip(local, keys, strict=True):
            clusters.append(cluster)
            context.append(everything - own)
    if "calendar" in across_rules:  # "Jane Roe Saturday": a day is no part of a name
        common |= CALENDAR
    groups = _link_across(clusters, context, common=common, rules=across_rules)
    entities = [_entity([clusters[i] for i in group], common) for group in groups]
    return sorted(entities, key=lambda e: (-len(e.mentions), e.type, e.name, e.id))
