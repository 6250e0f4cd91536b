"""`storyline eval NAME`: one function per scorer, chosen by name.

The CLI parses the options into `EvalOptions` and prints what `score` returns; everything a
scorer needs to find its data, load the spaCy pipeline and report a missing folder lives here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import StorylineError


@dataclass(frozen=True, slots=True)
class EvalOptions:
    """The options of `storyline eval` (see `storyline eval --help`)."""

    shared: Path = Path("../shared")
    gold: Path | None = None
    corpus: str | None = None
    limit: int | None = None
    system: Path | None = None
    split: str = "dev"
    errors: Path | None = None


def _pipeline() -> Any:
    """The checked spaCy pipeline of the default configuration, for the scorers that parse."""
    from storyline.config import Config
    from storyline.stages.annotate import load_pipeline

    config = Config()
    return load_pipeline(config.model, check=config.check_model)


def _folder(path: Path) -> Path:
    if not path.is_dir():
        raise StorylineError(f"no such folder: {path}")
    return path


def _seeds(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import evaluate

    return evaluate.score_seeds(o.shared)


def _clean(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import evaluate

    return evaluate.score_clean_survival(o.shared / "data", corpus=o.corpus, limit=o.limit)


def _timex_part(o: EvalOptions, corpus: str, folder: Path) -> dict[str, Any]:
    """A timex corpus's tune or held-out part (or all of it), tagged with the tense cues of
    the spaCy tagger, its error listing written where `--errors` says."""
    from storyline.evaluation import timeml
    from storyline.stages.annotate import tag_texts

    part = "all" if o.split == "dev" else o.split
    if part not in timeml.PARTS:
        raise StorylineError(f"unknown split {o.split!r}: one of {', '.join(timeml.PARTS)}")
    nlp = _pipeline()
    score = (
        timeml.score_tempeval_timexes if corpus == "tempeval3" else timeml.score_meantime_timexes
    )
    try:
        scores, runs = score(folder, part=part, pos_tags=lambda texts: tag_texts(texts, nlp=nlp))
    except (ValueError, FileNotFoundError) as exc:
        raise StorylineError(str(exc)) from exc
    if o.errors:
        o.errors.write_text(
            "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in timeml.run_errors(runs)),
            encoding="utf-8",
        )
    return {"part": part, **scores.to_dict()}


def _timeml(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import evaluate

    gold_dir = _folder(o.gold or o.shared / "data" / "tempeval3")
    if o.split != "dev":
        if o.system is not None:
            raise StorylineError("--split scores our own tagger; leave it out with --system")
        return _timex_part(o, "tempeval3", gold_dir)
    if o.system is not None:
        _folder(o.system)
    diffs: list[dict[str, object]] | None = [] if o.errors else None
    try:
        scores = evaluate.score_timeml_dir(gold_dir, system_dir=o.system, errors=diffs)
    except (ValueError, FileNotFoundError) as exc:
        raise StorylineError(str(exc)) from exc
    if o.errors and diffs is not None:
        o.errors.write_text(
            "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in diffs), encoding="utf-8"
        )
    return scores


def _meantime_timexes(o: EvalOptions) -> dict[str, Any]:
    return _timex_part(o, "meantime", _folder(o.gold or o.shared / "data" / "meantime"))


def _seed_timexes(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import evaluate

    return evaluate.score_seed_timexes(o.shared)


def _dates(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import evaluate

    return evaluate.score_publication_dates(o.shared / "data", corpus=o.corpus, limit=o.limit)


def _annotation_cache() -> Any:
    """A folder keeping the scorers' annotations between runs, named by the environment
    variable STORYLINE_EVAL_CACHE (none when unset)."""
    import os

    from storyline.evaluation.ecbplus_entities import DirectoryCache

    folder = os.environ.get("STORYLINE_EVAL_CACHE")
    return DirectoryCache(Path(folder)) if folder else None


def _entities(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import coref

    return {
        "seeds": coref.score_seed_entities(o.shared),
        "meantime": coref.score_meantime_entities(
            o.shared / "data" / "meantime", cache=_annotation_cache()
        ),
    }


def _ecbplus_entities(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import ecbplus_entities

    folder = o.gold or o.shared / "data" / "ecbplus"
    if not (folder / "ECBplus_coreference_sentences.csv").is_file():
        raise StorylineError(f"not an ECB+ folder (no ECBplus_coreference_sentences.csv): {folder}")
    try:
        return ecbplus_entities.score_ecbplus_entities(
            folder, nlp=_pipeline(), split=o.split, limit=o.limit, cache=_annotation_cache()
        )
    except ValueError as exc:
        raise StorylineError(str(exc)) from exc


def _polnear(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import polnear

    folder = _folder(o.gold or o.shared / "data" / "polnear")
    try:
        return polnear.score_polnear(folder, nlp=_pipeline(), split=o.split, limit=o.limit)
    except FileNotFoundError as exc:
        raise StorylineError(str(exc)) from exc


def _quotes(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import polnear

    return polnear.score_seed_quotes(o.shared, nlp=_pipeline())


def _events(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import seedevents

    return seedevents.score_seed_events(o.shared)


def _plover(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import plover

    records = o.gold or o.shared / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
    if not records.is_file():
        raise StorylineError(f"no such file: {records}")
    nlp = _pipeline()
    try:
        return plover.score_plover(records, nlp=nlp, limit=o.limit)
    except (ValueError, KeyError) as exc:
        raise StorylineError(f"not a PLOVER records file: {records} ({exc})") from exc


def _factuality(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import factuality

    folder = _folder(o.gold or o.shared / "data" / "meantime")
    nlp = _pipeline()
    try:
        return factuality.score_factuality(folder, nlp=nlp, limit=o.limit)
    except (ValueError, FileNotFoundError) as exc:
        raise StorylineError(str(exc)) from exc


def _ecbplus(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import ecbplus

    folder = o.gold or o.shared / "data" / "ecbplus"
    if not (folder / "ECBplus_coreference_sentences.csv").is_file():
        raise StorylineError(f"not an ECB+ folder (no ECBplus_coreference_sentences.csv): {folder}")
    nlp = _pipeline()
    try:
        return ecbplus.score_ecbplus(folder, nlp=nlp, split=o.split, limit=o.limit)
    except ValueError as exc:
        raise StorylineError(str(exc)) from exc


def _pages(o: EvalOptions) -> tuple[Path, str | None]:
    folder = _folder(o.gold or o.shared / "data" / "trafilatura-eval")
    return folder, o.split if o.split in ("tune", "heldout") else None


def _pasted(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import pasted

    folder, split = _pages(o)
    return pasted.score_pasted(folder, split=split, limit=o.limit)


def _html(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import pasted

    folder, split = _pages(o)
    return pasted.score_html(folder, split=split, limit=o.limit)


def _compare(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import compare

    if o.corpus == "ecbplus":
        part = "held_out" if o.split in ("held_out", "heldout") else "tune"
        return compare.score_ecbplus(o.shared / "data", part)
    if o.corpus is not None:
        raise StorylineError(f"unknown corpus {o.corpus!r} for 'compare'; choose ecbplus")
    examples = Path(__file__).resolve().parents[3] / "examples" / "harbour-strike"
    return compare.score(o.shared, examples, nlp=_pipeline(), limit=o.limit)


def _t17(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import t17

    if o.corpus and o.corpus not in t17.TASKS:
        raise StorylineError(f"unknown Timeline17 task {o.corpus!r}; choose {', '.join(t17.TASKS)}")
    data = _folder(o.gold or o.shared / "data" / "t17")
    builds = o.system or Path("build") / "t17"
    tasks = [o.corpus] if o.corpus else None
    return t17.score_t17(data, builds, tasks=tasks, build_missing=True)


def _stories(o: EvalOptions) -> dict[str, Any]:
    from storyline.evaluation import stories

    try:
        return stories.score_stories(o.shared, corpus=o.corpus, limit=o.limit)
    except (ValueError, FileNotFoundError) as exc:
        raise StorylineError(str(exc)) from exc


SCORERS: dict[str, Callable[[EvalOptions], dict[str, Any]]] = {
    "seeds": _seeds,
    "clean": _clean,
    "timeml": _timeml,
    "meantime-timexes": _meantime_timexes,
    "seed-timexes": _seed_timexes,
    "dates": _dates,
    "entities": _entities,
    "polnear": _polnear,
    "pasted": _pasted,
    "html": _html,
    "quotes": _quotes,
    "events": _events,
    "plover": _plover,
    "factuality": _factuality,
    "ecbplus": _ecbplus,
    "ecbplus-entities": _ecbplus_entities,
    "t17": _t17,
    "compare": _compare,
    "stories": _stories,
}


def score(name: str, options: EvalOptions) -> dict[str, Any]:
    """The scores of scorer `name`; an unknown name or missing data is one clear error."""
    scorer = SCORERS.get(name)
    if scorer is None:
        names = list(SCORERS)
        raise StorylineError(
            f"unknown scorer {name!r}; choose {', '.join(names[:-1])} or {names[-1]}"
        )
    return scorer(options)
