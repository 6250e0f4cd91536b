"""Who's who: named-entity mentions resolved into entities within and across articles.

Within an article (`_link_in_article`): the same name; a surname or given name alone joins the
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

Across articles (`_link_across`): the same normalised name (case, diacritics, dots, spaces
and hyphens ignored: "Hà Nội" = "Hanoi", "Viet Nam" = "Vietnam", "Kim Jong-un" = "Kim Jong
Un"); a surname-only person joins the one full name in the corpus that it ends; a
near-identical full name (rapidfuzz ratio >= 88) only where the context agrees: the two share
a surname-only mention or at least two other entities in their articles. Guards refuse a
merge of people with different first names or different given initials, and of entities of
different kinds (a person is never merged with a place).

Places come from the tagger's GPE/LOC/FAC and are checked against `countryinfo`'s 256
countries (names, alternative spellings, capitals, demonyms). An adjectival demonym denotes its
country ("Russian President" -> Russia); "Russians" or "Vietnamese people" are a group linked
to it; "Vietnamese government" is the country. A capital stands for its government when the
context says so (`_is_metonym`: it is the subject of a verb, possessive, after "for"/"with"/
"by", or after "to" not following a word of motion) and is then a mention of the country,
listed in `Entity.metonyms`; otherwise ("in Hanoi", "a visit to Hanoi", "the Hanoi airport", a
dateline) it is the city. On the five seed articles, which these rules were written against,
all 25 gold metonymic capitals and all 12 literal ones are placed right; the cases are
pinned in tests/stages/test_entities.py.

Names the tagger gets wrong or does not mark: a place or group name followed by capitalised
words ending in an organisation noun is that organisation ("Da Nang" + "Law School",
"Islamic" + "State"); an organisation in a headline whose first word is an
adjective met in the body ("... and Western Relations") is that adjective; adjectives the
tagger marked once ("Western") are found where it missed them. `_phrase_mentions` adds what a
name and a common noun name together: a facility or event ("the Hanoi airport", "the G-7
meeting"); a conflict and its place, one event however written ("invasion of Ukraine", "war
in Ukraine", "the Ukraine war"), which "the war" / "his invasion" join when the article
names exactly one; an incident named by its noun where the sentence counts victims ("killed
in the attack"); and a country described by its region ("the Southeast Asian country": the
nearest country before it in that region, from `countryinfo`'s regions). "Vietnam Party
Chief" (a country and an office) joins the article's one person whose role names both.

Roles (`_roles`) are read from the words around a name: a title before it ("Estonian Prime
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
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from storyline.model import (
    Annotation,
    Article,
    Entity,
    Mention,
    NamedEntity,
    Role,
    Span,
    Token,
)

REQUIRES = ("articles", "annotations")
ASSIGNS = ("entities",)

LABELS = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "NORP",
    "EVENT": "EVENT",
}
PLACE = ("GPE", "LOC")

# Honorifics and offices written before a name; they are roles, not part of the name.
TITLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "general",
        "secretary",
        "chairman",
        "chairwoman",
        "chair",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "sheikh",
        "emir",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "mayor",
        "ambassador",
        "deputy",
        "foreign",
        "defense",
        "defence",
        "secretary-general",
        "pope",
        "cardinal",
        "bishop",
        "rev",
        "sir",
        "lord",
        "lady",
        "judge",
        "justice",
        "gen",
        "col",
        "capt",
        "lt",
        "sgt",
        "adm",
        "commander",
        "chief",
        "ceo",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    ]
)
GOVERNMENT_NOUNS = frozenset({"government", "administration", "authorities", "regime"})
# Legal-form words that do not change which company is meant: "Apple Inc." = "Apple".
CORPORATE_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "companies",
        "llc",
        "ltd",
        "limited",
        "plc",
        "spa",
        "nv",
        "ag",
        "sa",
        "gmbh",
        "group",
        "holdings",
        "holding",
    ]
)
PEOPLE_NOUNS = frozenset({"people", "nationals", "citizens", "population", "public"})
MOTION_WORDS = frozenset(
    [
        "visit",
        "visits",
        "visited",
        "visiting",
        "trip",
        "trips",
        "travel",
        "travels",
        "traveled",
        "travelled",
        "travelling",
        "traveling",
        "way",
        "journey",
        "flight",
        "flights",
        "flew",
        "fly",
        "flying",
        "arrive",
        "arrives",
        "arrived",
        "arrival",
        "return",
        "returns",
        "returned",
        "returning",
        "come",
        "comes",
        "came",
        "coming",
        "go",
        "goes",
        "went",
        "going",
        "head",
        "heads",
        "headed",
        "heading",
        "move",
        "moved",
        "moving",
        "tour",
        "tours",
        "drive",
        "drove",
        "road",
        "route",
        "back",
        "moved",
        "relocated",
        "relocate",
        "sent",
        "send",
        "deported",
        "delegation",
    ]
)
LITERAL_PREPOSITIONS = frozenset(
    [
        "in",
        "at",
        "from",
        "near",
        "outside",
        "inside",
        "around",
        "across",
        "into",
        "via",
        "through",
        "toward",
        "towards",
        "within",
        "throughout",
    ]
)
METONYM_PREPOSITIONS = frozenset({"for", "with", "by", "against"})
_DETERMINERS = frozenset({"a", "an", "the"})
# The last word of an organisation's name ("... Law University", "Islamic State"): a place or
# group name followed by capitalised words that end in one of these is an organisation.
ORG_HEADS = frozenset(
    [
        "University",
        "Institute",
        "College",
        "School",
        "Academy",
        "Center",
        "Centre",
        "Hospital",
        "Bank",
        "Party",
        "Council",
        "Ministry",
        "Agency",
        "Museum",
        "Foundation",
        "Association",
        "Corporation",
        "Club",
        "Court",
        "Commission",
        "Committee",
        "Embassy",
        "Consulate",
        "Army",
        "Navy",
        "Guard",
        "Front",
        "Movement",
        "Brotherhood",
        "League",
        "Alliance",
        "State",
        "Service",
        "Airlines",
        "Authority",
        "Federation",
        "Union",
        "Fund",
        "Program",
        "Programme",
    ]
)
# "the Hanoi airport", "the Olympic stadium": a facility named after a place or a name.
FACILITY_NOUNS = frozenset(
    [
        "airport",
        "hall",
        "stadium",
        "arena",
        "palace",
        "station",
        "harbour",
        "hotel",
        "bridge",
        "dam",
        "prison",
        "mall",
        "plant",
        "embassy",
        "consulate",
        "cathedral",
        "mosque",
        "temple",
        "museum",
        "square",
    ]
)
# "the G-7 meeting", "the COVID-19 pandemic": an event named by a name and a noun.
EVENT_NOUNS = frozenset(
    [
        "pandemic",
        "epidemic",
        "outbreak",
        "summit",
        "meeting",
        "conference",
        "talks",
        "election",
        "elections",
        "referendum",
        "games",
        "olympics",
        "earthquake",
        "crisis",
        "forum",
    ]
)
# "the invasion of Ukraine", "the war in Ukraine", "the Ukraine war": one conflict per place.
CONFLICT_NOUNS = frozenset({"war", "invasion", "conflict", "offensive", "occupation"})
# "killed in the attack": an incident named by its noun alone.
INCIDENT_NOUNS = frozenset({"attack", "bombing", "shooting", "massacre", "explosion", "blast"})
_CASUALTY_WORDS = frozenset(
    {"killed", "wounded", "injured", "died", "dead", "claimed", "responsibility", "victims"}
)
# "the Southeast Asian country": a country described by its region.
COUNTRY_NOUNS = frozenset({"country", "nation", "state", "powerhouse", "economy", "kingdom"})
_PLAIN_COUNTRY_NOUNS = frozenset({"country", "nation", "state"})
# "the ruling X Party": adjectives that say where a party or body stands.
STANDING_ADJECTIVES = frozenset(
    [
        "ruling",
        "governing",
        "opposition",
        "banned",
        "outlawed",
        "dissolved",
        "defunct",
        "state-owned",
        "state-run",
        "state-controlled",
    ]
)
# "the OPEC group of oil exporters": the noun makes the name an organisation.
GROUP_NOUNS = frozenset({"group", "bloc", "alliance", "coalition", "grouping", "consortium"})
# "Russian state oil firm X": a description ending in one of these names an organisation.
ORG_NOUNS = frozenset(
    [
        "firm",
        "company",
        "group",
        "agency",
        "bank",
        "broadcaster",
        "outlet",
        "party",
        "giant",
        "maker",
        "producer",
        "operator",
        "carrier",
        "institute",
        "university",
        "newspaper",
        "organisation",
        "organization",
        "conglomerate",
    ]
)
# Addressees that are not news organisations even after "told" ("told Congress").
_NOT_NEWS = frozenset(
    [
        "congress",
        "parliament",
        "senate",
        "court",
        "council",
        "committee",
        "ministry",
        "police",
        "assembly",
        "commission",
        "government",
        "army",
        "office",
        "department",
        "agency",
        "board",
        "bank",
    ]
)
_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "&", "in", "on", "at", "de", "du"})
_STOP_PUNCT = frozenset({",", ";", ".", "—", "–", ")", ":", "“", "”", '"', "?", "!", "("})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DASHES = frozenset({"—", "–", "--"})
_FUZZY_NAME = 88
_FUZZY_SURNAME = 85


# ----------------------------------------------------------------------- gazetteer


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Hà Nội" -> "ha noi", "Đà Nẵng" -> "da nang"."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def compact(text: str) -> str:
    """Key that ignores case, accents, spaces, dots and hyphens: "Viet Nam" -> "vietnam"."""
    return "".join(c for c in fold(text) if c.isalnum())


def normalize_name(name: str) -> str:
    """Case-, accent- and article-insensitive words: "the Hà Nội's" -> "ha noi"."""
    text = fold(name).replace("’", "'").strip()
    for suffix in ("'s", "'"):
        text = text.removesuffix(suffix)
    text = text.removeprefix("the ")
    return " ".join(text.replace(".", "").split())


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Country names, codes, capitals and demonyms, keyed by `compact` form."""

    countries: dict[str, str]
    codes: dict[str, str]
    capitals: dict[str, str]
    demonyms: dict[str, str]
    regions: dict[str, frozenset[str]] = field(default_factory=dict)


@cache
def load_gazetteer() -> Gazetteer:
    """Country data from the `countryinfo` package (loaded once, on first use)."""
    from countryinfo import CountryInfo

    countries: dict[str, str] = {}
    codes: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    regions: dict[str, frozenset[str]] = {}
    # Larger countries first: "American" is the demonym of the United States and of four
    # territories; the first to claim a key keeps it.
    everything = CountryInfo.all()
    for _key, info in sorted(
        everything.items(), key=lambda kv: (-int(kv[1].get("population") or 0), kv[0])
    ):
        name = str(info.get("name") or "")
        if not name:
            continue
        countries.setdefault(compact(name), name)
        for spelling in info.get("altSpellings") or ():
            key = compact(str(spelling))
            if not key:
                continue
            if len(key) <= 3 and str(spelling).isupper():
                codes.setdefault(key, name)
            elif len(key) > 3:
                countries.setdefault(key, name)
        capital = str(info.get("capital") or "")
        if capital:
            capitals.setdefault(compact(capital), name)
            # "Washington D.C." is written "Washington".
            bare = re.sub(r"[\s,]+(?:[A-Z]\.)+$", "", capital)
            capitals.setdefault(compact(bare), name)
        demonym = str(info.get("demonym") or "")
        if demonym:
            demonyms.setdefault(compact(demonym), name)
        places = (str(info.get("region") or ""), str(info.get("subregion") or ""))
        regions.setdefault(name, frozenset(_region_keys(*places)))
    for key in list(capitals):
        if key in countries:  # Singapore, Kuwait: the city-state is the country
            del capitals[key]
    return Gazetteer(countries, codes, capitals, demonyms, regions)


_COMPASS = (("eastern", "east"), ("western", "west"), ("northern", "north"), ("southern", "south"))


def _region_key(text: str) -> str:
    key = compact(text)
    for long, short in _COMPASS:
        key = key.replace(long, short)
    return key


def _region_keys(*names: str) -> set[str]:
    """ "South-eastern Asia", "Latin America and the Caribbean" -> {"southeastasia", ...}."""
    keys: set[str] = set()
    for name in names:
        for part in re.split(r"\band\b", name):
            key = _region_key(part.strip().removeprefix("the "))
            if key:
                keys.add(key)
    return keys


def region_countries(adjective: str, gazetteer: Gazetteer) -> set[str]:
    """Countries in the region an adjective names: "Southeast Asian" -> Vietnam, Thailand..."""
    key = _region_key(adjective)
    wanted = {key, key[:-1], key[:-2]} if len(key) > 4 else {key}
    return {country for country, keys in gazetteer.regions.items() if keys & wanted}


def title_case(line: str) -> bool:
    """Whether a line is written in title case (a headline, a crosshead)."""
    if line.rstrip().endswith((".", "!", ",", ";")):
        return False  # a sentence full of names ("... Defense & Space Company (EADS).")
    words = [w for w in re.findall(r"[A-Za-z][\w\-’']*", line) if len(w) > 3]
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 3 and capitalised * 4 >= len(words) * 3


def _line_of(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)]


# ------------------------------------------------------------------------ mentions


@dataclass(slots=True)
class _Mention:
    article: str
    start: int
    end: int
    text: str
    type: str
    words: tuple[str, ...]
    label: str
    country: str | None = None
    metonym: bool = False
    city: bool = False
    group: bool = False
    nominal: bool = False
    event: str | None = None
    description: tuple[int, int] | None = None

    @property
    def key(self) -> str:
        if self.event:
            return f"event:{self.event}"
        if self.country and not self.group:
            return f"country:{self.country}"
        if self.group and self.country:
            return f"people:{self.country}"
        return compact("".join(self.words))


@dataclass(slots=True)
class _Cluster:
    mentions: list[_Mention]
    roles: list[tuple[str, Span]] = field(default_factory=list)

    @property
    def type(self) -> str:
        types = Counter(m.type for m in self.mentions)
        if any(m.type == "PERSON" and len(m.words) > 1 for m in self.mentions):
            return "PERSON"
        if any(m.country and not m.group for m in self.mentions):
            return "GPE"
        places = Counter({t: n for t, n in types.items() if t in PLACE})
        if places and "NORP" in types:  # "Soviet" joined "Soviet Union"
            types = places
        return sorted(types.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    @property
    def family(self) -> str:
        return "PLACE" if self.type in PLACE else self.type

    @property
    def keys(self) -> set[str]:
        return {m.key for m in self.mentions if m.key}

    @property
    def full_names(self) -> set[tuple[str, ...]]:
        return {m.words for m in self.mentions if len(m.words) > 1 and not m.country}

    @property
    def single_words(self) -> set[str]:
        return {m.words[0] for m in self.mentions if len(m.words) == 1}

    @property
    def country(self) -> str | None:
        countries = Counter(m.country for m in self.mentions if m.country)
        return countries.most_common(1)[0][0] if countries else None


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return [out[k] for k in sorted(out)]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in normalize_name(text).split() if w)


class _Tokens:
    """Token lookup for one article."""

    def __init__(self, article: Article, annotation: Annotation) -> None:
        self.text = article.text
        self.tokens = annotation.tokens
        self.starts = [t.start for t in self.tokens]
        self.sentence_of: list[int] = []
        bounds = [s.start for s in annotation.sentences]
        index = 0
        for token in self.tokens:
            while index + 1 < len(bounds) and bounds[index + 1] <= token.start:
                index += 1
            self.sentence_of.append(index)

    def word(self, i: int) -> str:
        if not 0 <= i < len(self.tokens):
            return ""
        t = self.tokens[i]
        return self.text[t.start : t.end]

    def first_at_or_after(self, offset: int) -> int:
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.starts[mid] < offset:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def covering(self, start: int, end: int) -> list[int]:
        i = self.first_at_or_after(start)
        out = []
        while i < len(self.tokens) and self.tokens[i].end <= end:
            out.append(i)
            i += 1
        return out

    def get(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def lower(self, i: int) -> str:
        return self.word(i).casefold() if 0 <= i < len(self.tokens) else ""

    def lemma(self, i: int) -> str:
        return (self.tokens[i].lemma or self.word(i)).casefold()


def _fix_span(ne: NamedEntity, label: str, toks: _Tokens) -> tuple[int, int] | None:
    """Trim determiners, possessives, titles and stray words off a tagger span."""
    text = toks.text
    idx = toks.covering(ne.start, ne.end)
    if not idx:
        return None
    while idx and toks.lower(idx[0]) in _DETERMINERS:
        idx = idx[1:]
    while idx and toks.word(idx[-1]) in _POSSESSIVE:
        idx = idx[:-1]
    if label == "PERSON":
        while idx and (
            toks.tokens[idx[0]].pos not in ("PROPN", "NOUN", "ADJ")
            or toks.lower(idx[0]).rstrip(".") in TITLE_WORDS
            or (len(idx) > 1 and toks.tokens[idx[0]].tag == "VBG")
            or (
                len(idx) > 1 and toks.lower(idx[0]).endswith("ing") and toks.lower(idx[0]) != "king"
            )
        ):
            idx = idx[1:]
        while idx and toks.tokens[idx[-1]].pos not in ("PROPN", "NOUN", "ADJ", "PUNCT"):
            idx = idx[:-1]
        while idx and toks.tokens[idx[-1]].pos == "PUNCT" and toks.word(idx[-1]) != ".":
            idx = idx[:-1]
    if not idx:
        return None
    start, end = toks.tokens[idx[0]].start, toks.tokens[idx[-1]].end
    if label == "PERSON":
        # "Lee Hsien" + "Loong", "Yoon Suk" + "-yeol": the tagger stopped short of the name.
        nxt = idx[-1] + 1
        while (tok := toks.get(nxt)) is not None and tok.start - end <= 1:
            word = toks.word(nxt)
            after = toks.get(nxt + 1)
            if (
                tok.start == end
                and word == "-"
                and after is not None
                and after.start == tok.end
                and toks.word(nxt + 1)[:1].isalpha()
            ):
                end = after.end
                nxt += 2
                continue
            if (
                len(idx) > 1
                and tok.start == end + 1
                and tok.pos == "PROPN"
                and word[:1].isupper()
                and text[end] == " "
                and len(idx) + (nxt - idx[-1]) <= 4
            ):
                end = tok.end
                nxt += 1
                continue
            break
    return start, end


def _article_mentions(
    article: Article,
    found: Iterable[NamedEntity],
    toks: _Tokens,
    gazetteer: Gazetteer,
    taken: Sequence[tuple[int, int]] = (),
) -> list[_Mention]:
    """Our mentions from tagger spans: spans repaired, places linked to their country."""
    entities = sorted(found, key=lambda e: (e.start, e.end))
    # Adjacent organisation spans are one name ("the John F. Kennedy" + "School of ...").
    joined: list[NamedEntity] = []
    for ne in entities:
        if (
            joined
            and ne.label == "ORG"
            and joined[-1].label == "ORG"
            and article.text[joined[-1].end : ne.start].strip() == ""
            and ne.start - joined[-1].end <= 1
        ):
            prev = joined.pop()
            joined.append(NamedEntity(prev.start, ne.end, "ORG", article.text[prev.start : ne.end]))
        else:
            joined.append(ne)
    joined = [_as_organisation(ne, k, joined, toks) for k, ne in enumerate(joined)]
    occupied = list(taken)
    mentions: list[_Mention] = []
    for ne in joined:
        label = LABELS.get(ne.label)
        if label is None:
            continue
        span = _fix_span(ne, ne.label, toks)
        if span is None:
            continue
        start, end = span
        if any(s < end and start < e for s, e in occupied):
            continue
        text = article.text[start:end]
        mention = _Mention(article.id, start, end, text, label, _words(text), ne.label)
        if not mention.words:
            continue
        if label == "ORG":
            _trim_org_possessive(mention, toks, gazetteer)
            words = mention.words
            while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
                words = words[:-1]
            mention.words = words
            if len(words) > 1 and words[-1] in GOVERNMENT_NOUNS:
                owner = compact(" ".join(words[:-1]))
                country = gazetteer.countries.get(owner) or gazetteer.demonyms.get(owner)
                if country is None and len(owner) == 2:
                    country = gazetteer.codes.get(owner)
                if country:
                    mention.type, mention.country = "GPE", country
        _place(mention, toks, gazetteer)
        if not mention.words:
            continue
        occupied.append((mention.start, mention.end))
        mentions.append(mention)
    return mentions


def _as_organisation(
    ne: NamedEntity, index: int, spans: Sequence[NamedEntity], toks: _Tokens
) -> NamedEntity:
    """A place or group name followed by capitalised words ending in an organisation noun is
    that organisation: "Da Nang" + "Law School", "Islamic" + "State"."""
    if ne.label not in ("GPE", "LOC", "NORP", "FAC"):
        return ne
    text = toks.text
    if title_case(_line_of(text, ne.start)):
        return ne
    idx = toks.covering(ne.start, ne.end)
    if not idx:
        return ne
    j, end, last = idx[-1] + 1, ne.end, ""
    while (token := toks.get(j)) is not None and j - idx[-1] <= 4:
        word = toks.word(j)
        if token.start > end + 1 or "\n" in text[end : token.start]:
            break
        if not (word[:1].isupper() and token.pos in ("PROPN", "NOUN")) and word != "-":
            break
        end, last = token.end, word
        j += 1
        if word in ORG_HEADS:
            break
    if last not in ORG_HEADS:
        return ne
    following = spans[index + 1] if index + 1 < len(spans) else None
    if following is not None and following.start < end:
        return ne
    return NamedEntity(ne.start, end, "ORG", text[ne.start : end])


_MAX_NAME_TOKENS = 8


def _missed_names(
    toks: _Tokens, lexicon: dict[str, str], taken: Sequence[tuple[int, int]]
) -> list[NamedEntity]:
    """Occurrences of known names that the tagger did not mark ("Vuving said", once).

    `lexicon` maps a name as written to its tagger label; the longest name wins and a name
    never overlaps a mention already found.
    """
    found: list[NamedEntity] = []
    occupied = sorted(taken)
    text = toks.text
    i = 0
    while i < len(toks.tokens):
        token = toks.tokens[i]
        if not text[token.start : token.start + 1].isupper():
            i += 1
            continue
        hit = None
        for j in range(min(len(toks.tokens), i + _MAX_NAME_TOKENS) - 1, i - 1, -1):
            surface = text[token.start : toks.tokens[j].end]
            if surface in lexicon:
                hit = (j, surface)
                break
        if hit is None:
            i += 1
            continue
        j, surface = hit
        start, end = token.start, toks.tokens[j].end
        after = text[end : end + 1]
        if (after.isalnum() or after == "-") or any(s < end and start < e for s, e in occupied):
            i += 1
            continue
        found.append(NamedEntity(start, end, lexicon[surface], surface))
        occupied.append((start, end))
        i = j + 1
    return found


def _trim_org_possessive(mention: _Mention, toks: _Tokens, gazetteer: Gazetteer) -> None:
    """ "Canada’s University of Toronto" names the university, not Canada."""
    match = re.match(r"^(.+?)['’]s\s+", mention.text)
    if not match:
        return
    owner = compact(match.group(1))
    if owner in gazetteer.countries or owner in gazetteer.capitals:
        cut = match.end()
        mention.start += cut
        mention.text = mention.text[cut:]
        mention.words = _words(mention.text)


def _place(mention: _Mention, toks: _Tokens, gazetteer: Gazetteer) -> None:
    """Countries, capitals, demonyms: link the mention to its country where the data says."""
    key = compact(mention.text)
    if mention.type in PLACE or mention.label == "ORG":
        country = gazetteer.countries.get(key)
        if (
            country is None
            and (mention.label == "GPE" or "." in mention.text)
            and len(key) == 2
            and mention.text.replace(".", "").isupper()
        ):
            country = gazetteer.codes.get(key)
        if country is not None:
            if mention.type == "ORG":
                if len(mention.words) > 1 or mention.text.replace(".", "").isupper():
                    mention.type = "GPE"
                else:
                    return
            mention.country = country
            mention.type = "GPE"
            return
        if key in gazetteer.capitals and mention.type in PLACE:
            if _is_metonym(mention, toks, gazetteer):
                mention.country = gazetteer.capitals[key]
                mention.metonym = True
            else:
                mention.city = True
            mention.type = "GPE"
        return
    if mention.type != "NORP":
        return
    plural = key.endswith("s") and key[:-1] in gazetteer.demonyms
    country = gazetteer.demonyms.get(key) or (gazetteer.demonyms.get(key[:-1]) if plural else None)
    if country is None:
        return
    mention.country = country
    idx = toks.covering(mention.start, mention.end)
    after = idx[-1] + 1 if idx else -1
    following = toks.lower(after)
    before = toks.lower(idx[0] - 1) if idx else ""
    if plural:
        mention.group = True
    elif following in PEOPLE_NOUNS or following in GOVERNMENT_NOUNS:
        token = toks.tokens[after]
        mention.end = token.end
        mention.text = toks.text[mention.start : mention.end]
        mention.words = _words(mention.text)
        mention.group = following in PEOPLE_NOUNS
        mention.type = "NORP" if mention.group else "GPE"
    elif (
        before == "the"
        and toks.get(after) is not None
        and toks.tokens[after].pos
        not in (
            "NOUN",
            "PROPN",
            "ADJ",
        )
    ):
        mention.group = True
    else:
        mention.type = "GPE"


def _is_metonym(mention: _Mention, toks: _Tokens, gazetteer: Gazetteer) -> bool:
    """Whether a capital stands for its government here ("Hanoi said") or is the city."""
    idx = toks.covering(mention.start, mention.end)
    if not idx:
        return False
    first, last = idx[0], idx[-1]
    line_start = toks.text.rfind("\n", 0, mention.start) + 1
    after_text = toks.text[mention.end : mention.end + 3]
    if toks.text[line_start : mention.start].strip() == "" and (
        after_text[:1] in (":", ",", "—", "–", "-", "(") or after_text.strip()[:1] in ("—", "–")
    ):
        return False  # a dateline: "HANOI —", "Moscow, June 19"
    if mention.text.isupper() and len(mention.text) > 3:
        return False
    previous = toks.lower(first - 1)
    if previous in LITERAL_PREPOSITIONS:
        return False
    if previous == "to" and (
        toks.lower(first - 2) in MOTION_WORDS or toks.lower(first - 3) in ("way", "trip", "visit")
    ):
        return False
    if previous in MOTION_WORDS:
        return False  # "to visit Hanoi"
    nxt = last + 1
    following = toks.word(nxt) if toks.get(nxt) else ""
    if following in _POSSESSIVE:
        return True
    token = toks.get(nxt)
    if token is not None and token.pos in ("NOUN", "PROPN") and following[:1].islower():
        return following.casefold() in GOVERNMENT_NOUNS or following.casefold() == "officials"
    # Subject of a verb, possibly after an adverb or a coordinated capital or country.
    probe = nxt
    for _ in range(4):
        token = toks.get(probe)
        if token is None:
            break
        word = toks.lower(probe)
        if token.pos in ("VERB", "AUX") and token.tag not in ("VBG", "VBN"):
            return True
        if token.pos == "ADV" or word == "and":
            probe += 1
            continue
        if token.pos == "PROPN" and _is_state(toks.word(probe), gazetteer):
            probe += 1
            continue
        break
    if previous in METONYM_PREPOSITIONS or previous == "to":
        return True
    return previous == "and" and first >= 2 and _is_state(toks.word(first - 2), gazetteer)


def _is_state(word: str, gazetteer: Gazetteer) -> bool:
    key = compact(word)
    return key in gazetteer.capitals or key in gazetteer.countries


# ------------------------------------------------------------------ phrase mentions


def _first_token_map(mentions: Sequence[_Mention], toks: _Tokens) -> dict[int, _Mention]:
    out: dict[int, _Mention] = {}
    for m in mentions:
        idx = toks.covering(m.start, m.end)
        if idx:
            out.setdefault(idx[0], m)
    return out


def _last_token_map(mentions: Sequence[_Mention], toks: _Tokens) -> dict[int, _Mention]:
    out: dict[int, _Mention] = {}
    for m in mentions:
        idx = toks.covering(m.start, m.end)
        if idx:
            out.setdefault(idx[-1], m)
    return out


def _is_common(toks: _Tokens, i: int, nouns: frozenset[str] | None = None) -> bool:
    token = toks.get(i)
    word = toks.word(i) if token is not None else ""
    if token is None or not word[:1].islower() or token.pos not in ("NOUN", "PROPN"):
        return False
    return nouns is None or word in nouns


def _phrase_mentions(
    article: Article, toks: _Tokens, mentions: list[_Mention], gazetteer: Gazetteer
) -> list[_Mention]:
    """Mentions that are a name plus a common noun or a description, added to `mentions`:

    - a facility or event named by a name and a noun: "the Hanoi airport", "the G-7 meeting"
      (a name inside keeps its own mention: "the DNC meeting" still names the DNC; a
      person's name is left alone);
    - a conflict and its place: "invasion of Ukraine", "war in Ukraine", "the Ukraine war"
      are one event; "the war", "the invasion", "his war of aggression" join it when the
      article names exactly one conflict;
    - an incident named by its noun alone where the sentence counts its victims or its
      author ("killed in the attack"): an event of this article only;
    - a country described by its region: "the Southeast Asian country" is the nearest
      country before it in that region (else the article's most named one there); a
      description richer than "country"/"nation" is also a role ("manufacturing powerhouse").
    """
    text = toks.text
    starts = _first_token_map(mentions, toks)
    ends = _last_token_map(mentions, toks)
    added: list[_Mention] = []
    dropped: set[int] = set()

    def new(start: int, end: int, kind: str, event: str | None, **more: Any) -> _Mention:
        surface = text[start:end]
        return _Mention(
            article.id, start, end, surface, kind, _words(surface), kind, event=event, **more
        )

    conflicts: list[_Mention] = []
    bare: list[_Mention] = []
    n = len(toks.tokens)
    for k in range(n):
        word = toks.lower(k)
        if word in CONFLICT_NOUNS and _is_common(toks, k):
            place: _Mention | None = None
            span_start, span_end = toks.tokens[k].start, toks.tokens[k].end
            after = k + 1
            if toks.lower(after) in ("of", "in", "against"):
                at = after + 1 + (toks.lower(after + 1) == "the")
                candidate = starts.get(at)
                if candidate is not None and candidate.type in PLACE and not candidate.group:
                    place, span_end = candidate, candidate.end
            before = ends.get(k - 1)
            if (
                place is None
                and before is not None
                and before.type in PLACE
                and before.label in ("GPE", "LOC")
                and not before.metonym
            ):
                place, span_start = before, before.start
            if place is not None:
                key = place.country or compact(" ".join(place.words))
                conflicts.append(new(span_start, span_end, "EVENT", f"conflict:{key}"))
            elif toks.lower(k - 1) in ("the", "his", "its", "their", "her", "this"):
                if toks.lower(after) == "of" and _is_common(toks, after + 1):
                    span_end = toks.tokens[after + 1].end
                if not _is_common(toks, after):
                    bare.append(new(span_start, span_end, "EVENT", None, nominal=True))
        elif (
            word in INCIDENT_NOUNS
            and toks.lower(k - 1) == "the"
            and _is_common(toks, k)
            and not _is_common(toks, k + 1)
            and k - 2 not in ends
        ):
            sentence = toks.sentence_of[k]
            near = {
                toks.lower(i)
                for i in range(max(0, k - 25), min(n, k + 25))
                if toks.sentence_of[i] == sentence
            }
            if near & _CASUALTY_WORDS:
                token = toks.tokens[k]
                added.append(
                    new(token.start, token.end, "EVENT", f"local:{article.id}:{toks.lemma(k)}")
                )
    keys = {m.event for m in conflicts}
    if len(keys) == 1:
        only = next(iter(keys))
        for m in bare:
            m.event = only
        conflicts.extend(bare)
    added.extend(conflicts)

    for i in range(n - 2):
        if toks.lower(i) != "the":
            continue
        # A name and a noun: "the Hanoi airport", "the COVID-19 pandemic".
        inner = starts.get(i + 1)
        if inner is not None and inner.type == "PERSON":
            continue
        if inner is not None:
            last = toks.covering(inner.start, inner.end)[-1]
        elif toks.word(i + 1)[:1].isupper() and toks.tokens[i + 1].pos in ("PROPN", "NOUN"):
            last = i + 1
        else:
            continue
        words = compact(text[toks.tokens[i + 1].start : toks.tokens[last].end])
        if words in gazetteer.demonyms or region_countries(words, gazetteer):
            continue
        head = last + 1
        while _is_common(toks, head) and not _is_common(toks, head, FACILITY_NOUNS | EVENT_NOUNS):
            head += 1
        if head - last > 2 or not _is_common(toks, head, FACILITY_NOUNS | EVENT_NOUNS):
            continue
        if _is_common(toks, head + 1):
            continue
        start, end = toks.tokens[i + 1].start, toks.tokens[head].end
        kind = "LOC" if toks.lower(head) in FACILITY_NOUNS else "EVENT"
        if any(m.start < end and start < m.end for m in added):
            continue
        added.append(new(start, end, kind, compact(text[start:end])))

    countries = [m for m in mentions if m.country and not m.group and not m.nominal]
    for i in range(n - 2):
        if toks.lower(i) != "the":
            continue
        j = i + 1
        while j < n and j - i <= 3 and toks.word(j)[:1].isupper():
            j += 1
        if j == i + 1:
            continue
        adjective = text[toks.tokens[i + 1].start : toks.tokens[j - 1].end]
        region = region_countries(adjective, gazetteer)
        if not region:
            continue
        head = j
        while _is_common(toks, head) and not _is_common(toks, head, COUNTRY_NOUNS):
            head += 1
        if head - j > 3 or not _is_common(toks, head, COUNTRY_NOUNS) or _is_common(toks, head + 1):
            continue
        start, end = toks.tokens[i + 1].start, toks.tokens[head].end
        candidates = [m for m in countries if m.country in region]
        preceding = [m for m in candidates if m.end <= start]
        if preceding:
            country = preceding[-1].country
        elif candidates:
            counts = Counter(m.country for m in candidates)
            top = counts.most_common(2)
            if len(top) > 1 and top[0][1] == top[1][1]:
                continue
            country = top[0][0]
        else:
            continue
        described = head > j or toks.lower(head) not in _PLAIN_COUNTRY_NOUNS
        added.append(
            new(
                start,
                end,
                "GPE",
                None,
                country=country,
                nominal=True,
                description=(start, end) if described else None,
            )
        )
        for m in mentions:
            if m.label == "NORP" and start <= m.start and m.end <= end:
                dropped.add(id(m))
    kept = [m for m in mentions if id(m) not in dropped]
    for m in added:
        m.words = () if m.nominal and m.country else m.words
    return sorted(kept + added, key=lambda m: (m.start, m.end))


def _adjectival(word: str) -> bool:
    """ "Western", "Soviet", "Nordic": a capitalised word shaped like an adjective."""
    return word[:1].isupper() and word.casefold().endswith(("an", "ern", "ese", "ish", "ic", "et"))


def _headline_names(
    mentions: list[_Mention],
    toks: _Tokens,
    adjectives: set[str],
    body_names: set[str],
    gazetteer: Gazetteer,
) -> list[_Mention]:
    """A headline's title case fools the tagger: "... and Western Relations" is no
    organisation when its first word is an adjective met elsewhere ("Western sanctions") and
    the name itself never appears outside title-case lines. The adjective alone is kept."""
    out: list[_Mention] = []
    for m in mentions:
        first = m.text.split()[0] if m.text.split() else ""
        if (
            m.label == "ORG"
            and len(m.words) > 1
            and first in adjectives
            and m.text.split()[-1] not in ORG_HEADS
            and m.text not in body_names
            and title_case(_line_of(toks.text, m.start))
        ):
            end = m.start + len(first)
            m = _Mention(m.article, m.start, end, first, "NORP", _words(first), "NORP")
            _place(m, toks, gazetteer)
        out.append(m)
    return out


# ------------------------------------------------------------------- within article


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _ACRONYM_SKIP and w)


def _is_acronym(mention: _Mention) -> bool:
    bare = mention.text.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def _link_in_article(mentions: list[_Mention], toks: _Tokens) -> list[_Cluster]:
    uf = _UnionFind(len(mentions))
    first_by_key: dict[tuple[str, str], int] = {}
    for i, m in enumerate(mentions):
        family = "PLACE" if m.type in PLACE else m.type
        if m.city:
            family = "CITY"
        slot = (family, m.key)
        if slot in first_by_key:
            uf.union(first_by_key[slot], i)
        else:
            first_by_key[slot] = i
    persons = [
        i
        for i, m in enumerate(mentions)
        if m.type == "PERSON" and len(m.words) > 1 and not m.country
    ]
    for i, m in enumerate(mentions):
        if len(m.words) != 1 or m.country or m.city or m.type in ("NORP", "EVENT"):
            continue
        target = _person_for_word(i, m.words[0], mentions, persons)
        if target is not None:
            uf.union(target, i)
            m.type = "PERSON"
    orgs = [i for i, m in enumerate(mentions) if m.type == "ORG"]
    for i in orgs:
        m = mentions[i]
        if _is_acronym(m):
            letters = m.text.replace(".", "").casefold()
            for j in orgs:
                other = mentions[j]
                if j != i and not _is_acronym(other) and _initials(other.words) == letters:
                    uf.union(i, j)
                    break
            else:
                expansion = _expansion_before(i, letters, mentions, toks)
                if expansion is not None:
                    uf.union(i, expansion)
            continue
        for j in orgs:
            other = mentions[j]
            if j != i and _names_org_variant(m.words, other.words, minimum=2):
                uf.union(i, j)
        # "Ford" after "Ford Motor Company" in the same article, if no other name starts so.
        if len(m.words) == 1:
            longer = {
                mentions[j].words
                for j in orgs
                if len(mentions[j].words) > 1 and mentions[j].words[0] == m.words[0]
            }
            if len(longer) == 1:
                for j in orgs:
                    if mentions[j].words in longer:
                        uf.union(i, j)
    return [_Cluster([mentions[i] for i in group]) for group in uf.groups()]


def _person_for_word(
    index: int, word: str, mentions: list[_Mention], persons: list[int]
) -> int | None:
    """The full name in the article that a one-word mention stands for, if any."""
    if not persons:
        return None

    def nearest(candidates: list[int]) -> int | None:
        if not candidates:
            return None
        before = [c for c in candidates if c < index]
        return before[-1] if before else candidates[0]

    by_last = [p for p in persons if mentions[p].words[-1] == word]
    if by_last:
        return nearest(by_last)
    by_first = [p for p in persons if mentions[p].words[0] == word]
    if by_first:
        return nearest(by_first)
    if len(word) >= 4:
        close = [
            p
            for p in persons
            if mentions[p].words[-1][:1] == word[:1]
            and fuzz.ratio(mentions[p].words[-1], word) >= _FUZZY_SURNAME
        ]
        if len({mentions[p].words for p in close}) == 1:
            return nearest(close)
    return None


def _expansion_before(
    index: int, letters: str, mentions: list[_Mention], toks: _Tokens
) -> int | None:
    """ "Communist Party of Vietnam (CPV)": the organisation just before a bracketed acronym."""
    m = mentions[index]
    head = toks.text[max(0, m.start - 120) : m.start]
    if not head.endswith("("):
        return None
    words = _words(head[:-1].split(",")[-1])
    for size in range(len(letters), len(words) + 1):
        if _initials(words[-size:]) == letters:
            begin = m.start - 120 if m.start >= 120 else 0
            for j in range(index - 1, -1, -1):
                other = mentions[j]
                if other.end < begin or other.end < m.start - 80:
                    break
                if other.type == "ORG":
                    return j
            return None
    return None


def _names_org_variant(a: tuple[str, ...], b: tuple[str, ...], *, minimum: int) -> bool:
    """Whether the shorter organisation name ends the longer one ("Inouye X" / "X")."""
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= minimum and len(short) < len(long) and long[-len(short) :] == short


# ------------------------------------------------------------------------- roles


def _roles(clusters: list[_Cluster], toks: _Tokens, article: Article) -> None:
    named = sorted(
        ((m, c) for c in clusters for m in c.mentions if not m.metonym and not m.group),
        key=lambda mc: mc[0].start,
    )
    spans_of = [(m.start, m.end, c.type) for m, c in named]
    by_last = {
        idx[-1]: c for m, c in named if (idx := toks.covering(m.start, m.end)) and not m.nominal
    }
    for mention, cluster in named:
        if mention.description is not None:
            start, end = mention.description
            cluster.roles.append((article.text[start:end], article.span(start, end)))
        if mention.nominal or mention.event:
            continue
        idx = toks.covering(mention.start, mention.end)
        if not idx:
            continue
        if mention.label == "NORP" and not mention.country and not mention.group:
            # A name the tagger took for a group: "state oil firm X" makes it a company.
            for start, end in _premodifier(idx[0], "ORG", toks, spans_of):
                if article.text[start:end].split()[-1].casefold() in ORG_NOUNS:
                    mention.type = "ORG"
                    cluster.roles.append((article.text[start:end], article.span(start, end)))
            continue
        if mention.label == "NORP" or mention.type == "NORP":
            continue
        kind = cluster.type
        found: list[tuple[int, int]] = []
        texts: list[tuple[str, Span]] = []
        if not mention.country and not mention.city:
            found.extend(_premodifier(idx[0], kind, toks, spans_of))
            if kind == "ORG" or toks.lower(idx[-1] + 1) in GROUP_NOUNS:
                texts.extend(_org_descriptions(mention, idx, toks, spans_of, article))
        appositions = _apposition(idx[-1], toks, spans_of)
        found.extend(appositions)
        partner = _coordinated(idx[0], toks, by_last)
        for start, end in appositions:
            plural = _plural_description(start, end, toks)
            if plural is not None:
                texts.append((plural, article.span(start, end)))
                found.remove((start, end))
                if partner is not None:
                    partner.roles.append((plural, article.span(start, end)))
        if kind != "PERSON":
            # What a country or a body is said to be; said of a person it is mostly an
            # opinion ("X is a fraud"), and titles come from the rules above.
            found.extend(_predicates(idx, toks, spans_of))
            found.extend(_complement(idx, toks))
            found.extend(_role_as(idx, toks))
        if kind == "PERSON":
            found.extend(_of_affiliation(idx[-1], toks, spans_of))
            found.extend(_dash_description(idx[0], toks))
        if kind == "ORG" and mention.label == "ORG":
            texts.extend(_news_source(mention, idx, toks, article))
        for start, end in found:
            cluster.roles.append((article.text[start:end], article.span(start, end)))
        cluster.roles.extend(texts)


def _coordinated(first: int, toks: _Tokens, by_last: dict[int, _Cluster]) -> _Cluster | None:
    """The name joined to this one by "and" ("Ukraine and Russia, two ...")."""
    if toks.lower(first - 1) == "and":
        return by_last.get(first - 2)
    return None


_PLURAL_COUNTS = frozenset({"two", "three", "four", "both", "all"})


def _plural_description(start: int, end: int, toks: _Tokens) -> str | None:
    """ "two former Soviet republics" after two names -> "former Soviet republic" each."""
    idx = toks.covering(start, end)
    if len(idx) < 2 or toks.lower(idx[0]) not in _PLURAL_COUNTS:
        return None
    last = toks.tokens[idx[-1]]
    if last.tag != "NNS":
        return None
    words = [toks.word(i) for i in idx[1:-1]] + [last.lemma or toks.word(idx[-1])]
    return " ".join(words)


_COPULAS = frozenset({"is", "was", "remains", "remained", "became", "becomes"})
_CALLING = frozenset({"consider", "considers", "considered", "call", "calls", "called"})
_NOT_DESCRIPTIONS = frozenset({"little", "bit", "lot", "few", "number", "couple", "more", "less"})
_CLAUSE_STOP = frozenset({"who", "which", "that", "whose", "and", "but", "when", "while"})


def _noun_phrase(j: int, toks: _Tokens, sentence: int) -> tuple[int, int] | None:
    """An indefinite description from token j: "a close friend of Russia" -> its words."""
    if toks.word(j) in ("“", '"'):
        j += 1
    if toks.lower(j) not in ("a", "an"):
        return None
    j += 1
    if toks.word(j) in ("“", '"'):
        j += 1
    start = j
    if toks.lower(j) in _NOT_DESCRIPTIONS:
        return None  # "a little more bullish", "a lot", "a number of"
    while (token := toks.get(j)) is not None and toks.sentence_of[j] == sentence:
        word = toks.word(j)
        if word.casefold() == "than":
            return None
        if word in _STOP_PUNCT or word.casefold() in ("who", "which", "that", "whose", "but"):
            break
        if token.pos in ("VERB", "AUX") and token.tag in ("VBD", "VBZ", "VBP", "MD"):
            break
        j += 1
        if j - start > 12:
            return None
    if j == start:
        return None
    words = [i for i in range(start, j) if toks.tokens[i].pos == "NOUN"]
    if not words or not toks.word(words[0])[:1].islower():
        return None
    last = j - 1
    while last > start and toks.tokens[last].pos not in ("NOUN", "PROPN"):
        last -= 1
    return toks.tokens[start].start, toks.tokens[last].end


def _predicates(
    idx: list[int], toks: _Tokens, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """ "X is a close friend of Y", "X, like Z, is a ...": the description after the copula."""
    j = idx[-1] + 1
    sentence = toks.sentence_of[idx[-1]]
    if toks.lower(idx[0] - 1) == "like" and toks.word(idx[0] - 2) == "," and toks.word(j) == ",":
        # "Y, like X, is a ...": X is one too.
        if toks.lower(j + 1) in _COPULAS:
            phrase = _noun_phrase(j + 2, toks, sentence)
            return [phrase] if phrase else []
        return []
    if toks.word(j) == "," and toks.lower(j + 1) == "like":
        k = j + 2
        while toks.get(k) is not None and toks.word(k) != "," and k - j < 8:
            k += 1
        j = k + 1
    if toks.lower(j) not in _COPULAS or toks.sentence_of[j] != sentence:
        return []
    if toks.lower(idx[0] - 1) not in ("", ".", ",", "but", "and", "“", '"') and toks.tokens[
        idx[0] - 1
    ].pos not in ("PUNCT", "CCONJ", "SCONJ", "ADV"):
        return []
    phrase = _noun_phrase(j + 1, toks, sentence)
    return [phrase] if phrase else []


def _role_as(idx: list[int], toks: _Tokens) -> list[tuple[int, int]]:
    """ "X's historical role as Y's main supplier", "the role X plays ... as a supplier"."""
    first, last = idx[0], idx[-1]
    sentence = toks.sentence_of[last]
    j = None
    if toks.word(last + 1) in _POSSESSIVE:
        k = last + 2
        while toks.get(k) is not None and toks.tokens[k].pos == "ADJ":
            k += 1
        if toks.lower(k) == "role" and toks.lower(k + 1) == "as":
            j = k + 2
    elif toks.lower(first - 1) == "role" and toks.lower(last + 1) in ("plays", "played", "play"):
        for k in range(last + 2, min(len(toks.tokens), last + 15)):
            if toks.sentence_of[k] != sentence or toks.word(k) in (";", ".", "—"):
                break
            if toks.lower(k) == "as":
                j = k + 1
                break
    if j is None:
        return []
    if toks.lower(j) in ("a", "an"):
        phrase = _noun_phrase(j, toks, sentence)
        return [phrase] if phrase else []
    k = j
    while (token := toks.get(k)) is not None and toks.sentence_of[k] == sentence:
        if toks.word(k) in _STOP_PUNCT or toks.lower(k) in _CLAUSE_STOP or k - j > 10:
            break
        if token.pos in ("VERB", "AUX") and token.tag in ("VBD", "VBZ", "VBP", "MD"):
            break
        k += 1
    last_noun = k - 1
    while last_noun >= j and toks.tokens[last_noun].pos not in ("NOUN", "PROPN"):
        last_noun -= 1
    if last_noun < j or toks.tokens[last_noun].pos != "NOUN":
        return []
    return [(toks.tokens[j].start, toks.tokens[last_noun].end)]


def _complement(idx: list[int], toks: _Tokens) -> list[tuple[int, int]]:
    """ "they consider X a trusted partner" -> "trusted partner"."""
    if toks.lower(idx[0] - 1) not in _CALLING:
        return []
    phrase = _noun_phrase(idx[-1] + 1, toks, toks.sentence_of[idx[-1]])
    return [phrase] if phrase else []


def _org_head(mention: _Mention) -> str | None:
    """The noun that says what kind of body a name is: "University of X" -> "university"."""
    words = mention.text.split()
    for i, word in enumerate(words):
        if word.casefold() in ("of", "for") and i > 0:
            words = words[:i]
            break
    head = words[-1] if words else ""
    return head.casefold() if head in ORG_HEADS or head.casefold() in ORG_NOUNS else None


def _org_descriptions(
    mention: _Mention,
    idx: list[int],
    toks: _Tokens,
    spans: list[tuple[int, int, str]],
    article: Article,
) -> list[tuple[str, Span]]:
    """What a text says an organisation is, from the words around its name:

    - where it is: "Singapore's X Institute", "X Center in Honolulu" -> "Singapore-based
      institute", "Honolulu-based center";
    - an adjective of standing before it with the kind of body: "the ruling X Party of
      Vietnam" -> "ruling party of Vietnam";
    - a group noun after it: "the OPEC group of oil exporters" -> "group of oil
      exporters" (and the name is an organisation).
    """
    out: list[tuple[str, Span]] = []
    text = article.text
    first, last = idx[0], idx[-1]
    head = _org_head(mention)
    place = None
    if toks.word(first - 1) in _POSSESSIVE and first >= 2:
        owner = _entity_at(toks.tokens[first - 2].start, spans)
        if owner in PLACE:
            place = (toks.tokens[first - 2].start, toks.tokens[first - 1].end)
            for s, e, _k in spans:
                if s <= toks.tokens[first - 2].start < e:
                    place = (s, toks.tokens[first - 2].end)
    elif (
        toks.lower(last + 1) == "in"
        and last + 2 < len(toks.tokens)
        and _entity_at(toks.tokens[last + 2].start, spans) in PLACE
    ):
        for s, e, _k in spans:
            if s == toks.tokens[last + 2].start:
                place = (s, e)
    if place is not None and not all(w[:1].isupper() for w in text[place[0] : place[1]].split()):
        place = None  # "the Russian government's X" is no address
    if place is not None and head:
        name = text[place[0] : place[1]]
        span = article.span(min(place[0], mention.start), max(place[1], mention.end))
        out.append((f"{name}-based {head}", span))
    adjective = toks.get(first - 1)
    if (
        adjective is not None
        and head
        and toks.lower(first - 1) in STANDING_ADJECTIVES
        and toks.lower(first - 2) in _DETERMINERS
    ):
        tail = re.search(r"\b(?:of|for)\b.*$", mention.text)
        words = [toks.word(first - 1), head] + ([tail.group()] if tail else [])
        out.append((" ".join(words), article.span(adjective.start, mention.end)))
    if toks.lower(last + 1) in GROUP_NOUNS and toks.lower(last + 2) == "of":
        j = last + 3
        sentence = toks.sentence_of[last]
        while (token := toks.get(j)) is not None and toks.sentence_of[j] == sentence:
            if toks.word(j) in _STOP_PUNCT or toks.lower(j) in _CLAUSE_STOP:
                break
            if token.pos in ("VERB", "AUX") and token.tag in ("VBD", "VBZ", "VBP", "MD"):
                break
            j += 1
        if j > last + 3:
            start, end = toks.tokens[last + 1].start, toks.tokens[j - 1].end
            out.append((text[start:end], article.span(start, end)))
            mention.type = "ORG"
    return out


# Companies report results too, so "reported" is no cue; "quoted" is.
_REPORTING = frozenset({"quoted", "quotes"})
_SPEAKING = frozenset({"spoke", "speaking", "talked", "talking", "said", "told"})


def _news_source(
    mention: _Mention, idx: list[int], toks: _Tokens, article: Article
) -> list[tuple[str, Span]]:
    """An organisation that people talk to or that quotes and reports is a news
    organisation: "told Reuters", "spoke on Monday to VOA", "Bloomberg quoted", a closing
    "(AP)" credit."""
    if any(w in _NOT_NEWS for w in mention.words):
        return []
    first, last = idx[0], idx[-1]
    sentence = toks.sentence_of[first]
    cue: int | None = None
    if toks.lower(first - 1) == "told" and toks.lower(first - 2) not in ("was", "were", "been"):
        cue = first - 1
    elif toks.lower(first - 1) == "to":
        for k in range(first - 2, max(-1, first - 6), -1):
            if toks.sentence_of[k] != sentence or toks.word(k) in _STOP_PUNCT:
                break
            if toks.lower(k) in _SPEAKING:
                cue = k
                break
    elif toks.lower(last + 1) in _REPORTING:
        cue = last + 1
    elif toks.word(first - 1) == "(" and toks.word(last + 1) == ")":
        after = toks.text[toks.tokens[last + 1].end : toks.tokens[last + 1].end + 2]
        if after[:1] in ("\n", ""):
            cue = first - 1
    if cue is None:
        return []
    start = min(toks.tokens[cue].start, mention.start)
    end = max(toks.tokens[cue].end, mention.end)
    return [("news organisation", article.span(start, end))]


def _entity_at(offset: int, spans: list[tuple[int, int, str]]) -> str | None:
    for start, end, kind in spans:
        if start <= offset < end:
            return kind
    return None


def _premodifier(
    first: int, kind: str, toks: _Tokens, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """Title words right before a name: "Russian President", "state media outlet"."""
    collected: list[int] = []
    j = first - 1
    sentence = toks.sentence_of[first] if first < len(toks.sentence_of) else -1
    while j >= 0 and toks.sentence_of[j] == sentence and len(collected) < 10:
        token = toks.tokens[j]
        word = toks.word(j)
        owner = _entity_at(token.start, spans)
        if owner == "PERSON":
            break
        if word in _POSSESSIVE and j > 0 and toks.tokens[j - 1].pos in ("PROPN", "NOUN"):
            collected.extend([j, j - 1])
            j -= 2
            continue
        if token.pos in ("PROPN", "NOUN", "ADJ", "NUM") or word in ("(", ")", "-"):
            collected.append(j)
            j -= 1
            continue
        if word.casefold() in ("based", "appointed", "elected") and token.start > 0:
            collected.append(j)
            j -= 1
            continue
        if (
            word.casefold() in ("of", "for")
            and collected
            and toks.tokens[collected[-1]].pos == "PROPN"
            and j > 0
            and toks.tokens[j - 1].pos == "PROPN"
        ):
            collected.append(j)
            j -= 1
            continue
        break
    collected.sort()
    while collected and (
        toks.lower(collected[0]) in ("of", "for", ")", "-")
        or toks.word(collected[0]) in _POSSESSIVE
    ):
        collected = collected[1:]
    while collected and toks.word(collected[0]) == "(":
        collected = collected[1:]
    if not collected:
        return []
    adjacent = toks.tokens[collected[-1]]
    head = toks.word(collected[-1])
    if _entity_at(adjacent.start, spans) is not None:
        return []
    if kind == "PERSON":
        if adjacent.pos not in ("NOUN", "PROPN"):
            return []
        if adjacent.pos == "PROPN" and head.casefold().rstrip(".") not in TITLE_WORDS:
            return []
    elif not (adjacent.pos == "NOUN" and head[:1].islower()) and not head.casefold().endswith(
        "based"
    ):
        return []
    if not any(_entity_at(toks.tokens[i].start, spans) is None for i in collected):
        return []
    return [(toks.tokens[collected[0]].start, adjacent.end)]


def _apposition(
    last: int, toks: _Tokens, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """ "NAME, a professor at X and expert on Y," -> one role per conjunct."""
    comma = last + 1
    if toks.word(comma) != "," if toks.get(comma) else True:
        return []
    j = comma + 1
    if toks.lower(j) in _DETERMINERS:
        j += 1
    start = j
    first = toks.get(start)
    if first is None or first.pos not in ("NOUN", "ADJ", "PROPN", "NUM"):
        return []
    for s_start, s_end, kind in spans:
        if s_start == first.start:
            if kind == "PERSON":
                return []
            after = toks.first_at_or_after(s_end)
            if toks.lower(after) in (",", "and", "or"):
                return []  # a list of names: "Russia, China and others"
    collected: list[int] = []
    sentence = toks.sentence_of[last]
    while (token := toks.get(j)) is not None and toks.sentence_of[j] == sentence:
        word = toks.word(j)
        if word in _STOP_PUNCT or (
            token.pos in ("VERB", "AUX") and token.tag in ("VBD", "VBZ", "VBP", "MD")
        ):
            break
        if (
            word.casefold() in ("who", "which", "that", "whose")
            and collected
            and (toks.lower(start - 1) in _DETERMINERS or toks.lower(start) in _PLURAL_COUNTS)
            and toks.tokens[collected[-1]].pos == "NOUN"
        ):
            break  # "X, a professor who ...": the relative clause is not the role
        if word.casefold() in ("who", "which", "that", "whose", "said", "says"):
            return []
        collected.append(j)
        j += 1
        if len(collected) > 20:
            return []
    if not collected:
        return []
    ends_sentence = toks.get(j) is None or toks.word(j) in (",", ".", ";", "—", "–", ")", ":")
    ends_sentence = ends_sentence or (
        toks.lower(j) in ("who", "which", "that", "whose") and toks.tokens[j - 1].pos == "NOUN"
    )
    if not ends_sentence:
        return []
    parts: list[list[int]] = [[]]
    for i in collected:
        if toks.lower(i) == "and" and _entity_at(toks.tokens[i].start, spans) is None:
            parts.append([])
        else:
            parts[-1].append(i)
    common = [i for i in collected if toks.tokens[i].pos == "NOUN" and toks.word(i)[:1].islower()]
    if not common:
        return []
    if not all(
        any(toks.tokens[i].pos == "NOUN" and toks.word(i)[:1].islower() for i in part)
        for part in parts
        if part
    ):
        parts = [collected]
    out = []
    for part in parts:
        while part and toks.lower(part[0]) in _DETERMINERS:
            part = part[1:]
        if part:
            out.append((toks.tokens[part[0]].start, toks.tokens[part[-1]].end))
    return out


def _of_affiliation(
    last: int, toks: _Tokens, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """ "Jane Roe of the Brookings Institution" -> "of the Brookings Institution"."""
    j = last + 1
    if toks.lower(j) != "of":
        return []
    k = j + 1
    if toks.lower(k) == "the":
        k += 1
    # "of the Inouye Asia-Pacific Center": the organisation may start after a name word
    # that the tagger left out of it.
    for _ in range(3):
        token = toks.get(k)
        if token is None:
            return []
        for start, end, kind in spans:
            if start == token.start and kind == "ORG":
                return [(toks.tokens[j].start, end)]
        if token.pos != "PROPN" or not toks.word(k)[:1].isupper():
            return []
        k += 1
    return []


def _dash_description(first: int, toks: _Tokens) -> list[tuple[int, int]]:
    """ "the leader of the party — General Secretary NAME": the description before the dash."""
    j = first - 1
    while (
        j >= 0
        and toks.get(j) is not None
        and (toks.lower(j).rstrip(".") in TITLE_WORDS or toks.tokens[j].pos == "PROPN")
    ):
        j -= 1
    if toks.word(j) not in _DASHES if toks.get(j) else True:
        return []
    end_index = j - 1
    k = end_index
    sentence = toks.sentence_of[first]
    while (
        k >= 0 and toks.sentence_of[k] == sentence and toks.word(k) not in (",", ";", ":", *_DASHES)
    ):
        k -= 1
    start_index = k + 1
    if end_index - start_index > 15 or end_index < start_index:
        return []
    if toks.lower(start_index) not in _DETERMINERS:
        return []
    nxt = toks.get(start_index + 1)
    if (
        nxt is None
        or nxt.pos not in ("NOUN", "ADJ")
        or not toks.word(start_index + 1)[:1].islower()
    ):
        return []
    return [(toks.tokens[start_index + 1].start, toks.tokens[end_index].end)]


_GENERIC_TITLES = frozenset({"leader", "head", "chief"})


def _nominal_mentions(
    clusters: list[_Cluster], toks: _Tokens, article: Article, gazetteer: Gazetteer
) -> None:
    """ "the Russian leader", "Russia's president": the one person of the article whose role
    names that country (and that office, unless the noun is "leader", "head" or "chief")."""
    holders: list[tuple[_Cluster, str, set[str]]] = []
    for cluster in clusters:
        if cluster.type != "PERSON":
            continue
        for text, _span in cluster.roles:
            words = [compact(w) for w in re.findall(r"[\w.]+", text)]
            for word in words:
                country = gazetteer.demonyms.get(word) or gazetteer.countries.get(word)
                if country:
                    holders.append((cluster, country, set(words)))
    if not holders:
        return
    taken = {(m.start, m.end) for c in clusters for m in c.mentions}
    n = len(toks.tokens)
    for i in range(n - 2):
        first, second, third = toks.word(i), toks.word(i + 1), toks.word(i + 2)
        if first.casefold() == "the" and compact(second) in gazetteer.demonyms:
            country, noun_index, start = gazetteer.demonyms[compact(second)], i + 2, i
        elif third.casefold() in {w.casefold() for w in (*TITLE_WORDS, *_GENERIC_TITLES)} and (
            second in _POSSESSIVE and compact(first) in gazetteer.countries
        ):
            country, noun_index, start = gazetteer.countries[compact(first)], i + 2, i
        elif compact(first) in gazetteer.countries and first[:1].isupper():
            # "Vietnam Party Chief", "Russia President": the country name before the office.
            country, noun_index, start = gazetteer.countries[compact(first)], i + 1, i
            if second.casefold() == "party":
                noun_index = i + 2
        else:
            continue
        noun = toks.lower(noun_index)
        if noun not in TITLE_WORDS and noun not in _GENERIC_TITLES:
            continue
        following = toks.get(noun_index + 1)
        if (
            following is not None
            and toks.word(noun_index + 1)[:1].isupper()
            and "\n" not in toks.text[toks.tokens[noun_index].end : following.start]
        ):
            continue  # "the Russian President Vladimir Putin": a title, not a mention
        party = toks.lower(noun_index - 1) == "party"
        span = (toks.tokens[start].start, toks.tokens[noun_index].end)
        if span in taken:
            continue
        matches = {
            id(cluster): cluster
            for cluster, held, words in holders
            if held == country
            and (noun in _GENERIC_TITLES or noun in words)
            and (not party or "party" in words)
        }
        if len(matches) != 1:
            continue
        cluster = next(iter(matches.values()))
        text = article.text[span[0] : span[1]]
        cluster.mentions.append(
            _Mention(article.id, span[0], span[1], text, "PERSON", (), "PERSON", nominal=True)
        )
        taken.add(span)


# ------------------------------------------------------------------ across articles


def _compatible_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Guard: no merge of different first names or different given initials."""
    if len(a) != len(b):
        return False
    for x, y in zip(a[:-1], b[:-1], strict=True):
        if x == y:
            continue
        if len(x) == 1 or len(y) == 1:
            if x[0] != y[0]:
                return False
            continue
        return False
    return a[-1][:1] == b[-1][:1]


def _link_across(clusters: list[_Cluster], context: list[set[str]]) -> list[list[int]]:
    """Merge the per-article clusters into corpus entities; returns groups of cluster indices."""
    uf = _UnionFind(len(clusters))
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, cluster in enumerate(clusters):
        family = cluster.family
        for m in cluster.mentions:
            if not m.key:
                continue
            if family == "PERSON" and len(m.words) == 1:
                continue  # surname-only mentions are resolved below
            slot_family = "CITY" if m.city else family
            by_key[(slot_family, m.key)].append(i)
    for (_family, key), members in sorted(by_key.items()):
        anchor = members[0]
        for other in members[1:]:
            if _org_guard(clusters[anchor], clusters[other], key):
                uf.union(anchor, other)

    # A shorter organisation name of three words or more that ends a longer one.
    orgs: dict[str, list[tuple[tuple[str, ...], int]]] = defaultdict(list)
    for i, cluster in enumerate(clusters):
        if cluster.type == "ORG":
            for name in cluster.full_names:
                orgs[name[-1]].append((name, i))
    for _last, names in sorted(orgs.items()):
        for name, i in names:
            for longer, k in names:
                if len(name) >= 3 and _names_org_variant(name, longer, minimum=3):
                    uf.union(i, k)

    persons = [i for i, c in enumerate(clusters) if c.type == "PERSON" and c.full_names]
    # Near-identical full names, only where the context agrees.
    by_first: dict[str, list[int]] = defaultdict(list)
    for i in persons:
        for name in clusters[i].full_names:
            by_first[name[0]].append(i)
    for _first, members in sorted(by_first.items()):
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if uf.find(i) == uf.find(j):
                    continue
                if _typo_match(clusters[i], clusters[j], context[i], context[j]):
                    uf.union(i, j)

    # Surname-only people: the one full name in the corpus that the word ends (or starts).
    groups = uf.groups()
    owner = {i: g for g, members in enumerate(groups) for i in members}
    full_by_word: dict[str, set[int]] = defaultdict(set)
    first_by_word: dict[str, set[int]] = defaultdict(set)
    for i in persons:
        for name in clusters[i].full_names:
            full_by_word[name[-1]].add(owner[i])
            first_by_word[name[0]].add(owner[i])
    for i, cluster in enumerate(clusters):
        if cluster.type != "PERSON" or cluster.full_names or len(cluster.single_words) != 1:
            continue
        word = next(iter(cluster.single_words))
        candidates = full_by_word.get(word) or first_by_word.get(word) or set()
        if len(candidates) > 1:
            scored = sorted(
                (
                    -len(context[i] & set().union(*(context[k] for k in groups[g]))),
                    g,
                )
                for g in candidates
            )
            if scored[0][0] < 0 and (len(scored) == 1 or scored[0][0] < scored[1][0]):
                candidates = {scored[0][1]}
        if len(candidates) == 1:
            uf.union(i, groups[next(iter(candidates))][0])

    # Adjectives with no country ("Soviet", "Western") join the place they derive from.
    places: dict[str, int] = {}
    for i, cluster in enumerate(clusters):
        if cluster.family == "PLACE":
            for m in cluster.mentions:
                if not m.country and not m.metonym:
                    places.setdefault(compact("".join(m.words)), i)
                    if len(m.words) > 1:
                        places.setdefault("first:" + m.words[0], i)
    for i, cluster in enumerate(clusters):
        if cluster.type != "NORP" or cluster.country:
            continue
        word = compact("".join(next(iter(cluster.mentions)).words))
        for candidate in (word, word[:-3], word[:-2], word[:-1]):
            target = places.get(candidate) if len(candidate) >= 4 else None
            target = target if target is not None else places.get("first:" + candidate)
            if target is not None and candidate:
                uf.union(target, i)
                break
    return uf.groups()


def _org_guard(a: _Cluster, b: _Cluster, key: str) -> bool:
    """Clusters sharing a short key (an acronym) merge only if their full names agree."""
    if a.family != b.family:
        return False
    if a.family != "ORG" or len(key) > 6:
        return True
    acronym = any(_is_acronym(m) and m.key == key for m in (*a.mentions, *b.mentions))
    if not acronym:
        return True
    long_a = {compact("".join(w)) for w in a.full_names if len(w) > 1}
    long_b = {compact("".join(w)) for w in b.full_names if len(w) > 1}
    return not long_a or not long_b or bool(long_a & long_b)


def _typo_match(a: _Cluster, b: _Cluster, context_a: set[str], context_b: set[str]) -> bool:
    for x in a.full_names:
        for y in b.full_names:
            if x == y:
                return True
            if not _compatible_names(x, y):
                continue
            if fuzz.ratio(" ".join(x), " ".join(y)) < _FUZZY_NAME:
                continue
            surnames = (a.single_words | {x[-1]}) & (b.single_words | {y[-1]})
            if surnames or len(context_a & context_b) >= 2:
                return True
    return False


# ------------------------------------------------------------------------ records


def _entity(group: list[_Cluster]) -> Entity:
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
        counts = Counter(m.text for m in pool)
        if kind == "PERSON":  # the fullest name: "Nguyen Phu Trong", not "Trong"
            rank = {t: (len(_words(t)), counts[t], 0) for t in counts}
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
    articles: Sequence[Article], annotations: Sequence[Annotation]
) -> list[Entity]:
    """Resolve the named-entity mentions of all analysed articles into entities.

    Every mention is a span of its article's cleaned text; the result is sorted (most
    mentioned first) and ids are content hashes, so the same input gives the same output.
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
        local = _link_in_article(mentions, toks)
        _roles(local, toks, article)
        _nominal_mentions(local, toks, article, gazetteer)
        keys = [c.keys for c in local]
        everything = set().union(*keys) if keys else set()
        for cluster, own in zip(local, keys, strict=True):
            clusters.append(cluster)
            context.append(everything - own)
    entities = [_entity([clusters[i] for i in group]) for group in _link_across(clusters, context)]
    return sorted(entities, key=lambda e: (-len(e.mentions), e.type, e.name, e.id))
