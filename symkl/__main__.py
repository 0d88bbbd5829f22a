"""`python -m symkl` runs the command line."""

from symkl.cli import run

run()
