"""Who said what: direct, indirect and mixed quotes with speaker, cue and channel.

`extract_quotes` works on one annotated article. Direct quotes come from the quote marks
(straight and curly double marks; a quote left open at the end of a paragraph continues when
the next paragraph opens with a mark, as news style writes multi-paragraph quotes; any other
unbalanced mark ends its quote at the paragraph's end instead of swallowing the article).
Indirect quotes come from the dependency parse of the candidate sentences only (those with a
quote mark, a reporting-verb lemma, a cue noun, a verb the cue detector knows or "according
to"): a reporting verb with a clausal complement ("X said (that) ...", "X told Reuters ..."),
a reporting verb in a comma clause after its content ("..., X said"), "according to X, ...",
a cue noun with a possessor ("X's claim that ..."), and a verb outside the word lists that
the cue detector learned on PolNeAR train takes for a cue (`storyline.models.cues`: "X laid out
her plan"). A cue with a speaker and no quote to frame reports its verb phrase ("X did not
respond to requests for comment") when the detector agrees. A quoted fragment inside
reported content is a mixed quote. The speaker is the subject of the cue verb (either side
of it; outside quote marks and next to the cue when the parser gives it two; the object of a
control verb for its infinitive: "forced X to admit"); "seem" and "appear" are the writer's
impression and have none; a singular poll in an "in" phrase is the source of what the phrase
hangs on ("In the latest survey, X leads"); pronouns and role nouns ("the spokesperson")
are resolved to the nearest compatible earlier speaker or named mention; a quote with no
cue of its own right after an attributed one in the same paragraph, or a direct one opening
the next paragraph, inherits its attribution (`implicit`). Last, a learned attribution
check (`storyline.models.cues.attribution_model()`, trained on PolNeAR train) scores each
speaker: an indirect or mixed quote whose speaker it doubts is dropped, a direct one keeps
its words without a speaker. `merge_quotes` folds the same words carried by several articles
into one quote with `also_in`.

Where things are: `regions` (quote marks), `cues` (candidate sentences, cue verbs, nouns and
adjectives, the learned detector), `content` (the quoted words; direct, indirect, mixed),
`speaker` (who speaks, top to bottom), `linking` (speaker -> entity), `channels` (channel and
its date), `confidence` (the attribution check), `merge` (across articles), `extract` (the
entry points), `_context` (what they share). Every word list is in `lexicon/en/quotes.toml`.

REQUIRES the articles (dated: a channel date is anchored on the publication date), their
annotations and the entities (a speaker is linked to one); ASSIGNS the quotes.

Why our own: textacy's `direct_quotations` (the maintained library for this) finds direct
quotes only, and 81% of the PolNeAR dev gold contents (1,774 of 2,192) do not open with a
quote mark, so a direct-only extractor is capped at a content recall of 0.19 there; it also
refuses a document with an odd number of quote marks instead of returning what it can
(3 of the 84 dev texts). These are counts over the corpus, not a run of textacy (it is not
a dependency). Our scores are in `storyline.evaluation.polnear` and docs/benchmarks.md.
"""

from __future__ import annotations

from storyline.stages.quotes.cues import REPORTING_VERBS, SPEECH_VERBS
from storyline.stages.quotes.extract import (
    extract_quotes,
    extract_quotes_from_text,
    sentences_to_parse,
)
from storyline.stages.quotes.linking import index_mentions
from storyline.stages.quotes.merge import _merge_key, _same_words, merge_quotes
from storyline.stages.quotes.regions import _inside, _regions, find_quote_regions
from storyline.stages.quotes.speaker import _subject

REQUIRES = ("articles", "annotations", "published", "entities")
ASSIGNS = ("quotes",)

__all__ = [
    "ASSIGNS",
    "REPORTING_VERBS",
    "REQUIRES",
    "SPEECH_VERBS",
    "_inside",
    "_merge_key",
    "_regions",
    "_same_words",
    "_subject",
    "extract_quotes",
    "extract_quotes_from_text",
    "find_quote_regions",
    "index_mentions",
    "merge_quotes",
    "sentences_to_parse",
]
