import pickle, sys, bisect, time
from pathlib import Path
sys.path.insert(0, "/work/cache/s16-polnear")
from common import load, sha, C
from storyline.evaluation import polnear
from storyline.stages.quotes.confidence import _features
from storyline.stages.quotes.extract import _extract

D = Path("/work/shared/data/polnear")
def sent_of(ann, pos):
    starts = [s.start for s in ann.sentences]
    i = bisect.bisect_right(starts, pos) - 1
    s = ann.sentences[max(i, 0)]
    return (s.start, s.end)

for split in sys.argv[1:]:
    t = time.process_time()
    docs, arts, anns, parses = load(split)
    discards = polnear._discards(D, split)
    out = []
    for pos, ((name, text, gold), art, ann) in enumerate(zip(docs, arts, anns)):
        found = _extract(art, ann, nlp=None, parses=parses)
        if found is None:
            continue
        qs, ctx = found
        sources = set()
        for a in gold:
            if a.source:
                sources |= polnear._chars(text, a.source)
        kept = set(map(id, polnear.outside_discards(qs, discards.get(name, []))))
        for q in qs:
            if q.speaker is None or id(q) not in kept:
                continue
            m = q.speaker.mention
            cue = (q.cue.start, q.cue.end) if q.cue is not None else None
            cs = sent_of(ctx.annotation, cue[0]) if cue else None
            ss = sent_of(ctx.annotation, m.start)
            out.append(dict(doc=pos, keys=_features(ctx, q, qs), label=int(bool(polnear._chars(text, ((m.start, m.end),)) & sources)),
                            cue=cue, csent=cs, ctext=text[cs[0]:cs[1]] if cs else None, spk=(m.start, m.end), ssent=ss, stext=text[ss[0]:ss[1]],
                            kind=q.kind, qspan=(q.span.start, q.span.end)))
    pickle.dump(out, open(C + f"attr_{split}.pkl", "wb"))
    emb = pickle.load(open(C + f"emb_{split}.pkl", "rb"))
    need = {r["ctext"] for r in out if r["ctext"]} | {r["stext"] for r in out}
    missing = {x for x in need if sha(x) not in emb}
    print(split, len(out), sum(r["label"] for r in out), "sentences", len(need), "missing", len(missing), "nocue", sum(r["cue"] is None for r in out), time.process_time() - t, flush=True)
