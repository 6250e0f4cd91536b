"""`python -m storyline ...` runs the same command line as `storyline ...`."""

from storyline.cli import main

main()
