"""End to end: the quotes with detected candidate cues added (detected ones skip the check)."""
import sys
from dataclasses import replace
sys.path.insert(0, "/work/cache/s16-polnear")
from common import load, context, candidates, _attributions
from storyline.evaluation import polnear
from storyline.models.cues import ATTRIBUTION_THRESHOLD, ATTRIBUTION_THRESHOLD_DIRECT, attribution_model
from storyline.stages.quotes.confidence import _features
from storyline.stages.quotes.content import _bare_cues, _colon_frames, _dedupe, _direct_and_mixed, _indirect, _labelled
from storyline.stages.quotes.speaker import _fill_implicit, _register_speakers
from pathlib import Path

D = Path("/work/shared/data/polnear")

def quotes_of(art, ann, parses, chosen, check_detected=False, prob=None, pos=None, th=(ATTRIBUTION_THRESHOLD, ATTRIBUTION_THRESHOLD_DIRECT)):
    found = context(art, ann, parses)
    if found is None:
        return []
    ctx, _ = found
    atts = _attributions(ctx)
    det = [a for i, a, k in candidates(ctx, atts) if i in chosen] if chosen else []
    dcues = {a.cue for a in det}
    atts = sorted(atts + det, key=lambda a: a.verb)
    _register_speakers(ctx, atts)
    qs = _direct_and_mixed(ctx, atts) + _indirect(ctx, atts)
    qs += _bare_cues(ctx, atts, qs)
    qs = _colon_frames(ctx, atts, _labelled(ctx, qs))
    qs = _dedupe(qs)
    qs = _fill_implicit(ctx, sorted(qs, key=lambda q: (q.full.start, q.span.start)))
    model = attribution_model()
    kept = []
    for q in qs:
        d = q.cue is not None and (q.cue.start, q.cue.end) in dcues
        if q.speaker is not None and (check_detected or not d):
            p = model.probability(_features(ctx, q, qs))
            if prob is not None:
                p = prob.get((pos, (q.cue.start, q.cue.end) if q.cue else None, (q.speaker.mention.start, q.speaker.mention.end), (q.span.start, q.span.end)), p)
            direct = q.kind == "direct"
            if p < (th[1] if direct else th[0]):
                if q.kind != "direct":
                    continue
                q = replace(q, speaker=None)
        kept.append(q)
    return kept

def score(split, chosen_by_doc, docs_range=None, check_detected=False, data=None, prob=None, th=(ATTRIBUTION_THRESHOLD, ATTRIBUTION_THRESHOLD_DIRECT)):
    docs, arts, anns, parses = data or load(split)
    discards = polnear._discards(D, split)
    total = {}
    idx = range(len(docs)) if docs_range is None else docs_range
    for pos in idx:
        name, text, gold = docs[pos]
        qs = quotes_of(arts[pos], anns[pos], parses, chosen_by_doc.get(pos, set()), check_detected, prob, pos, th)
        kept = polnear.outside_discards(qs, discards.get(name, []))
        polnear._add(total, polnear.score_document(text, gold, kept))
    return {k: v.to_dict() for k, v in total.items()}
