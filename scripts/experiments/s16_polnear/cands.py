import pickle, sys, time
import numpy as np
sys.path.insert(0, "/work/cache/s16-polnear")
from common import load, context, candidates, _attributions, C

def rows_of(split):
    docs, arts, anns, parses = load(split)
    out = []
    for pos, ((name, text, gold), art, ann) in enumerate(zip(docs, arts, anns)):
        found = context(art, ann, parses)
        if found is None:
            continue
        ctx, parsed = found
        pairs = [(a.cue, a.source) for a in gold if a.cue and a.source]
        toks = ctx.annotation.tokens
        for index, att, keys in candidates(ctx, _attributions(ctx)):
            t = toks[index]
            start = t.start
            speaker = toks[att.subject].start
            in_cue = any(any(a <= start < b for a, b in cue) for cue, _ in pairs)
            label = any(any(a <= start < b for a, b in cue) and any(a <= speaker < b for a, b in source) for cue, source in pairs)
            s = ctx.annotation.sentences[ctx.graph.sentence[index]]
            head = ctx.graph.head.get(index, index)
            out.append(dict(doc=pos, name=name, index=index, lemma=t.lemma.lower(), pos=t.pos,
                span=(t.start, t.end), sent=(s.start, s.end), stext=text[s.start:s.end],
                head=(toks[head].start, toks[head].end) if head != index else None,
                subj=(toks[att.subject].start, toks[att.subject].end),
                keys=keys, label=int(label), in_cue=int(in_cue)))
    return out

for split in sys.argv[1:]:
    t = time.process_time()
    r = rows_of(split)
    pickle.dump(r, open(C + f"cands_{split}.pkl", "wb"))
    print(split, len(r), sum(x["label"] for x in r), sum(x["in_cue"] for x in r), len({x["stext"] for x in r}), time.process_time() - t)
