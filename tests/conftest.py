"""Shared fixtures: each derivation is built once per test session."""

import functools

import pytest

from symkl import registry

_derive = registry.derive  # the real one: test_cli puts `built` in its place


@functools.cache
def _built(name: str, variant: str):
    return _derive(name, variant)


def built(name: str, variant: str | None = None):
    """Each derivation is derived and checked once per test session."""
    return _built(name, variant or registry.variants(name)[0])


def add_folder(monkeypatch, folder) -> None:
    """Make the derivations in `folder` part of symkl's own for one test (as if the
    files were in derivations/), including in `symkl report`'s forked workers."""
    library = registry.Library((registry.builtin_folder(), folder.resolve()))
    monkeypatch.setattr(registry, "default", lambda: library)


#: derivations whose chain includes a numerical experiment: holds-numerically at best
MEASURED = {"forward_reverse_kl"}

CASES = [(name, variant) for name in registry.names() for variant in registry.variants(name)]


@pytest.fixture(params=CASES, ids=[f"{n}[{v}]" for n, v in CASES])
def derivation(request):
    return built(*request.param)
