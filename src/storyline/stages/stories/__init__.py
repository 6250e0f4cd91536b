"""Stories: a mixed pile of articles grouped into developing stories before the per-story
stages run (`features` makes each article's cheap signals, `cluster` groups them online).

A story is the same real-world events and people over days or months, not a topic: two
earthquakes in two countries are two stories, the announcement of a visit and the visit one.
"""

from storyline.stages.stories.cluster import (
    ClusterSettings,
    Story,
    group_stories,
    one_story,
    story_title,
)
from storyline.stages.stories.features import (
    FeatureSettings,
    article_day,
    cosine,
    count_terms,
    similarity,
    vectorize,
)

REQUIRES = ("articles",)
ASSIGNS = ("stories",)

__all__ = [
    "ASSIGNS",
    "REQUIRES",
    "ClusterSettings",
    "FeatureSettings",
    "Story",
    "article_day",
    "cosine",
    "count_terms",
    "group_stories",
    "one_story",
    "similarity",
    "story_title",
    "vectorize",
]
