import pickle, sys, time
from pathlib import Path
from storyline.config import Config
from storyline.evaluation import polnear
from storyline.stages.annotate import annotate_articles, load_pipeline
from storyline.stages.quotes.extract import _extract

D = Path("/work/shared/data/polnear")
config = Config()
nlp = load_pipeline(config.model, check=config.check_model)
for split in sys.argv[1:]:
    t = time.process_time()
    docs = polnear.polnear_documents(D, split)
    arts = [polnear.plain_article(n, tx) for n, tx, _ in docs]
    anns = annotate_articles(arts, nlp=nlp)
    parses = {}
    for a, n in zip(arts, anns):
        _extract(a, n, nlp=nlp, parses=parses)
    pickle.dump((docs, arts, anns, parses), open(f"/work/cache/s16-polnear/{split}.pkl", "wb"))
    print(split, len(docs), len(parses), time.process_time() - t, flush=True)
