"""Who's who, first pass: named-entity mentions grouped into entities within and across articles.

Mentions of the same type and the same normalised name (case, diacritics, a leading "the" and
a possessive "'s" ignored) are one entity, and a one-word mention that is the last word of a
longer PERSON name in the same article ("Vuving" for "Alexander Vuving") joins that person.
Cross-lingual variants, capitals standing for governments, typos and titles are the work of
the entity-resolution issue; this stage never invents a link it did not see.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Annotation, Article, Entity, Mention

REQUIRES = ("articles", "annotations")
ASSIGNS = ("entities",)

TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}


def normalize_name(name: str) -> str:
    """Case-, accent- and article-insensitive key: "the Hà Nội's" -> "ha noi"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("đ", "d")
    text = text.replace("Đ", "D").replace("’", "'").casefold().strip()
    for suffix in ("'s", "'"):
        text = text.removesuffix(suffix)
    text = text.removeprefix("the ")
    return " ".join(text.replace(".", "").split())


def resolve_entities(
    articles: Sequence[Article], annotations: Sequence[Annotation]
) -> list[Entity]:
    """Group the named-entity mentions of all analysed articles into entities."""
    by_id = {a.id: a for a in articles}
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for annotation in annotations:
        article = by_id[annotation.article]
        if not article.analysed:
            continue
        persons: dict[str, str] = {}
        for entity in annotation.entities:
            if entity.label == "PERSON" and " " in normalize_name(entity.text):
                key = normalize_name(entity.text)
                persons.setdefault(key.split()[-1], key)
        for entity in annotation.entities:
            kind = TYPES.get(entity.label)
            key = normalize_name(entity.text)
            if kind is None or not key:
                continue
            if kind == "person" and " " not in key and key in persons:
                key = persons[key]
            text = article.text[entity.start : entity.end]
            groups[(kind, key)].append(Mention(article.id, entity.start, entity.end, text))
    entities = []
    for (kind, key), mentions in groups.items():
        mentions.sort(key=lambda m: (m.article, m.start, m.end))
        names = sorted({m.text for m in mentions}, key=lambda n: (-len(n), n))
        entities.append(
            Entity(
                id=hashlib.sha256(f"{kind}:{key}".encode()).hexdigest()[:12],
                name=names[0],
                type=kind,
                aliases=tuple(sorted(set(names[1:]))),
                roles=(),
                mentions=tuple(mentions),
            )
        )
    return sorted(entities, key=lambda e: (-len(e.mentions), e.type, e.name, e.id))
