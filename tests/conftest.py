"""Shared fixtures: each derivation is built once per test session."""

import functools

import pytest

from symkl import registry


@functools.cache
def built(name: str, variant: str | None = None):
    return registry.derive(name, variant)


#: derivations whose chain includes a numerical experiment: holds-numerically at best
MEASURED = {"forward_reverse_kl"}

CASES = [(name, variant) for name in registry.names() for variant in registry.variants(name)]


@pytest.fixture(params=CASES, ids=[f"{n}[{v}]" for n, v in CASES])
def derivation(request):
    return built(*request.param)
