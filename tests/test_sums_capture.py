"""canonical_indices must not capture an outer index in an inner sum's renamed index."""

import sympy as sp

from symkl.sums import canonical_indices


def test_nested_sums_keep_their_indices_apart():
    i, j, k = sp.symbols("i j k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    p, q = sp.IndexedBase("p"), sp.IndexedBase("q")
    a = sp.Sum(p[i] * sp.Sum(q[i, j] * p[j], (j, 1, n)), (i, 1, n))
    b = sp.Sum(p[i] * sp.Sum(q[j, i] * p[j], (j, 1, n)), (i, 1, n))
    assert canonical_indices(a) != canonical_indices(b)
    # renaming a single sum's index still makes equal sums compare equal
    assert canonical_indices(sp.Sum(p[i], (i, 1, n))) == canonical_indices(sp.Sum(p[k], (k, 1, n)))
