"""Limits of a notes audit, apart from the checker so that the command line can show them
(`symkl verify --help`) without loading SymPy."""

__all__ = ["DEFAULT_SECONDS"]

#: CPU seconds per step, for everything the step needs
DEFAULT_SECONDS = 3.0
