"""`python -m storyline.bench [--json]`: `make bench` (storyline.evaluation.bench) by a short
name; the build never imports it."""

from storyline.evaluation.bench import main

if __name__ == "__main__":
    main()
