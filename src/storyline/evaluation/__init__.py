"""Scorers, corpus readers and training scripts: reached only through `storyline eval`.

Nothing the build runs imports this package; the CLI imports it lazily inside `storyline eval`
(and `make bench`, `python -m storyline.evaluation.train_cues`), and the tests import it.
"""
