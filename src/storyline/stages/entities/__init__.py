"""Who's who: named-entity mentions resolved into entities within and across articles.

Within an article (`in_article`): the same name; a surname or given name alone joins the
nearest full name that ends or starts with it ("Vuving" -> "Alexander Vuving", "Xi" -> "Xi
Jinping"), and with a one-letter slip when nothing matches exactly ("Trong" -> "Nguyen Phu
Throng"); a title before a name is a role, not part of it ("General Secretary Trọng"); an
acronym joins the organisation whose initials it spells, given in the same article ("CPV" after
"Communist Party of Vietnam (CPV)", "ICC"); a shorter organisation name that ends a longer
one joins it ("Asia-Pacific Center for Security Studies"), and so does a company's first word
when no other name in the article starts with it ("Ford" -> "Ford Motor Company"); legal forms
("Inc.", "Co.", "Group") are ignored. A name the tagger marked once is found again where it
missed it ("Vuving said"), and "the Russian leader" / "Russia's president" joins the one person
of the article whose role names that country.

Across articles (`across`): the same normalised name (case, diacritics, dots, spaces
and hyphens ignored: "Hà Nội" = "Hanoi", "Viet Nam" = "Vietnam", "Kim Jong-un" = "Kim Jong
Un"); a surname-only person joins the one full name in the corpus that it ends; a
near-identical full name (rapidfuzz ratio >= 88) only where the context agrees: the two share
a surname-only mention or at least two other entities in their articles. Guards refuse a
merge of people with different first names or different given initials, and of entities of
different kinds (a person is never merged with a place). Then the rules of `evidence`, by how
names are built and only where the story holds one candidate: names agreeing word by word
("Ivan Petrovich Roe" = "Ivan Roe" = "I. Roe", "Zelenskyy" = "Zelensky"), a name inside a
headline's words ("Hire Jane Roe"), and an organisation's brand ("TASS" = "Russian News
Agency TASS").

Places come from the tagger's GPE/LOC/FAC and are checked against `countryinfo`'s 256 countries
(names, alternative spellings, capitals, demonyms). An adjectival demonym denotes its country
("Russian President" -> Russia); "Russians" or "Vietnamese people" are a group linked to it;
"Vietnamese government" is the country. A capital stands for its government when the context
says so (`mentions._is_metonym`: it is the subject of a verb, possessive, after
"for"/"with"/"by", or after "to" not following a word of motion) and is then a mention of the
country, listed in `Entity.metonyms`; otherwise ("in Hanoi", "a visit to Hanoi", "the Hanoi
airport", a dateline) it is the city. On the five seed articles, which these rules were written
against, all 25 gold metonymic capitals and all 12 literal ones are placed right; the cases are
pinned in tests/stages/test_entities.py.

Names the tagger gets wrong or does not mark: a place or group name followed by capitalised
words ending in an organisation noun is that organisation ("Da Nang" + "Law School",
"Islamic" + "State"); an organisation in a headline whose first word is an
adjective met in the body ("... and Western Relations") is that adjective; adjectives the
tagger marked once ("Western") are found where it missed them. `phrases` adds what a
name and a common noun name together: a facility or event ("the Hanoi airport", "the G-7
meeting"); a conflict and its place, one event however written ("invasion of Ukraine", "war
in Ukraine", "the Ukraine war"), which "the war" / "his invasion" join when the article
names exactly one; an incident named by its noun where the sentence counts victims ("killed
in the attack"); and a country described by its region ("the Southeast Asian country": the
nearest country before it in that region, from `countryinfo`'s regions). "Vietnam Party
Chief" (a country and an office) joins the article's one person whose role names both.

Roles (`roles`) are read from the words around a name: a title before it ("Estonian Prime
Minister Kaja Kallas", "the state broadcaster ERR", "state oil firm X", which also makes X a
company), an apposition after it ("Jane Roe, senior fellow at ..."; "X, a professor at ... and
..." gives one role per conjunct, "A and B, two former Soviet republics" gives each "former
Soviet republic"), "of the" + organisation after a person, and a description set off by a
dash before it. For places and organisations, not people (of whom such sentences are mostly
opinions), also what the text says they are: "X is a close friend of Y" (and "Y, like Z, is
..." for Z), "consider X a ...", "X's role as ...". For organisations: where they are
("Singapore's X Institute" -> "Singapore-based institute"), a standing adjective ("the ruling
X Party of Vietnam" -> "ruling party of Vietnam"), a group noun ("the OPEC group of oil
exporters"), and "news organisation" for one that people talk to or that quotes them ("told
Reuters", "spoke to VOA", "Bloomberg quoted", a closing "(AP)"; not "reported", which
companies do too). Each role keeps its spans; an entity's roles are merged by their
normalised text.

Why patterns and not the parser: the build runs the tagger with the parser off; on the seeds
the patterns above attach most gold roles that the text states next to a name, for a cost of
milliseconds, where parsing every sentence would multiply the annotation time. Libraries do
the parts they do well (rapidfuzz for string similarity, countryinfo for country data); the
linking rules are ours because the maintained coreference packages (coreferee, fastcoref)
need a parsed spaCy Doc or a neural model and resolve one document at a time, while this
stage works on our own records across articles: on the seeds it resolves the five articles in
about 0.05 s against 0.6 s to annotate them, and MEANTIME's 120 in about 0.25 s.

The stage needs the articles and their annotations (`REQUIRES`) and adds the entities
(`ASSIGNS`). Its modules, one concern each: `naming` (the compared forms of a name, title
case, the words that are no part of a name), `gazetteer` (country data), `mentions` (the
tagger's entities repaired, places linked, missed names found again), `phrases` (a name and a
common noun), `in_article` (linking within an article), `roles`, `across` (linking across
articles), `evidence` (its rules by how names are built), `records` (`resolve_entities` and
the `Entity` records) and `affiliations` (what the events stage asks of entities: the country
of a place, the organisations of a person). Every word list and rule table is data, in
lexicon/en/entities.toml.
"""

from storyline.stages.entities.affiliations import memberships, places
from storyline.stages.entities.gazetteer import (
    Gazetteer,
    capital_country,
    load_gazetteer,
    region_countries,
)
from storyline.stages.entities.mentions import (
    CORPORATE_SUFFIXES,
    GOVERNMENT_NOUNS,
    LITERAL_PREPOSITIONS,
    METONYM_PREPOSITIONS,
    MOTION_WORDS,
    PEOPLE_NOUNS,
)
from storyline.stages.entities.naming import (
    LABELS,
    ORG_HEADS,
    PLACE,
    TITLE_WORDS,
    compact,
    fold,
    normalize_name,
    title_case,
)
from storyline.stages.entities.phrases import (
    CONFLICT_NOUNS,
    COUNTRY_NOUNS,
    EVENT_NOUNS,
    FACILITY_NOUNS,
    INCIDENT_NOUNS,
)
from storyline.stages.entities.records import resolve_entities
from storyline.stages.entities.roles import GROUP_NOUNS, ORG_NOUNS, STANDING_ADJECTIVES

REQUIRES = ("articles", "annotations")
ASSIGNS = ("entities",)

__all__ = [
    "ASSIGNS",
    "CONFLICT_NOUNS",
    "CORPORATE_SUFFIXES",
    "COUNTRY_NOUNS",
    "EVENT_NOUNS",
    "FACILITY_NOUNS",
    "GOVERNMENT_NOUNS",
    "GROUP_NOUNS",
    "INCIDENT_NOUNS",
    "LABELS",
    "LITERAL_PREPOSITIONS",
    "METONYM_PREPOSITIONS",
    "MOTION_WORDS",
    "ORG_HEADS",
    "ORG_NOUNS",
    "PEOPLE_NOUNS",
    "PLACE",
    "REQUIRES",
    "STANDING_ADJECTIVES",
    "TITLE_WORDS",
    "Gazetteer",
    "capital_country",
    "compact",
    "fold",
    "load_gazetteer",
    "memberships",
    "normalize_name",
    "places",
    "region_countries",
    "resolve_entities",
    "title_case",
]
