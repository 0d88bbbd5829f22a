"""Stable kernels for the array API (numpy, torch, jax through array-api-compat), and the
helpers the functions of `symkl export --target array-api` share.

Every kernel takes the namespace `xp` first and is a pure expression: no in-place writes,
no boolean indexing and no branch on values, so it traces under `jax.jit` and
differentiates under `torch.autograd` and `jax.grad`. Where a form is guarded (0 log 0,
a ratio out of range), each branch is fed inputs made safe by a first `where` (the
"double where"): the branch that is not taken then has a finite derivative, and the
gradient of the result is that of the branch taken, never nan. At a guarded point itself
(p = 0 in p log p) the gradient is that of the constant the guard returns: 0.

`symkl export --target array-api` copies this file (below the imports) into the module it
writes.
"""

import contextlib
import math

import numpy as np
from array_api_compat import array_namespace

#: log 3: below it, sigma(-|x|) > 1/4 and tanh(x/2)/2 = sigma(x) - 1/2 is the smaller of
#: the two terms that cancel in sigma(x) - y
TANH_BELOW = math.log(3.0)


def _namespace_and_arrays(args):
    """The namespace of the array arguments (numpy for lists and numbers alone) and the
    arguments as arrays of one real floating dtype (integers become float64), broadcast."""
    arrays = [a for a in args if not isinstance(a, (int, float, list, tuple))]
    xp = array_namespace(*arrays) if arrays else array_namespace(np.empty(0))
    converted = [xp.asarray(a) if isinstance(a, (list, tuple)) else a for a in args]
    typed = [a for a in converted if not isinstance(a, (int, float))]
    dtype = xp.result_type(*typed) if typed else xp.float64
    if not xp.isdtype(dtype, "real floating"):
        if not xp.isdtype(dtype, ("integral", "bool")):
            raise TypeError(f"the arguments must be real numbers, not {dtype}")
        dtype = xp.float64
    out = [
        xp.asarray(a, dtype=dtype) if isinstance(a, (int, float)) or a.dtype != dtype else a
        for a in converted
    ]
    return xp, list(xp.broadcast_arrays(*out)) if len(out) > 1 else out


def _quiet(xp):
    """numpy's warnings off (the guards compute branches they do not take); a no-op for
    the other libraries."""
    return np.errstate(all="ignore") if xp.__name__.endswith("numpy") else contextlib.nullcontext()


def _rounded(xp, a):
    """`a` as computed: under jax.jit, XLA's algebraic simplifier folds (1 + x) - 1 into x,
    which would erase the rounding error a TwoSum measures; an optimization barrier keeps
    it (the other libraries evaluate as written)."""
    if "jax" not in xp.__name__:
        return a
    import jax  # only reached with jax arrays

    return jax.lax.optimization_barrier(a)


def _log1p(xp, x):
    """log(1 + x) for x > -1 as log(u) + err/u, u = fl(1 + x), err = (1 + x) - u exactly
    (TwoSum): XLA's log1p is 50 ULP off at x = -0.4, and this form is within about 1 ULP
    wherever log is, with the derivative 1/u - err/u^2 = 1/(1 + x)."""
    u = _rounded(xp, 1.0 + x)
    v = u - 1.0
    err = (1.0 - (u - v)) + (x - v)
    # at x = -1, u = 0 and err = 0: log(0) = -inf, with no 0/0 from the correction
    return xp.log(u) + err / xp.where(u == 0, 1.0, u)


def _domain(xp, a, domain):
    """Where `a` is inside `domain`, "nonnegative" or "unit" (nan never is)."""
    if domain == "nonnegative":
        return a >= 0
    return (a >= 0) & (a <= 1)


def _mark(xp, out, args, domains, outside):
    """Terms whose input is outside its domain take the value `outside` names for that
    argument (None: the formula's own value); nan input gives nan."""
    for a, domain, value in zip(args, domains, outside, strict=True):
        if domain != "real" and value is not None:
            out = xp.where(~_domain(xp, a, domain) & (a == a), value, out)
    for a in args:
        out = xp.where(a == a, out, math.nan)
    return out


def _sum(xp, terms, sign, axis, keepdims, base):
    """`sign` times the sum of `terms` over `axis` (an int, a tuple or None), as numpy's
    sum; divided by log(base) when a base is given. A 0-d input is one entry."""
    if terms.ndim == 0:
        terms = xp.reshape(terms, (1,))
    total = xp.sum(terms, axis=axis, keepdims=keepdims)
    if sign < 0:
        total = 0.0 - total  # not -total: a sum of zeros is 0.0, not -0.0
    if base is not None:
        if not math.isfinite(base) or base <= 0 or base == 1:
            raise ValueError(f"base must be positive, finite and not 1, not {base!r}")
        total = total / math.log(base)
    return total


def _log_ratio(xp, x, y):
    """log(x/y) for x, y > 0 (safe values elsewhere): log1p((x - y)/y) where x/y is in
    [1/2, 2] (x - y is exact there, and the digits of a ratio near 1 survive), log x -
    log y where x/y leaves the normal range (far from 0, so nothing cancels), else
    log(x/y) (|log| > log 2: the rounding of the ratio costs under 1 ULP)."""
    ratio = x / y
    near = (ratio >= 0.5) & (ratio <= 2.0)
    wide = (ratio < xp.finfo(x.dtype).smallest_normal) | (ratio == math.inf)
    apart = xp.log(xp.where(wide, x, 1.0)) - xp.log(xp.where(wide, y, 1.0))
    # x and y times a power of two (exact) that brings y near 1: the derivative of a
    # quotient divides by y^2, which under- or overflows for y beyond 2^(+-0.3 range)
    # (0 times inf: nan at x = y = 1e-200)
    top = math.frexp(float(xp.finfo(x.dtype).max))[1]
    low, high = 2.0 ** -(3 * top // 10), 2.0 ** (3 * top // 10)
    scale = xp.where(y < low, high * high, xp.where(y > high, 1 / (high * high), xp.ones_like(y)))
    x, y = x * scale, y * scale
    yn = xp.where(near, y, 1.0)
    close = _log1p(xp, (xp.where(near, x, 1.0) - yn) / yn)
    # the ratio again from inputs made safe: x/y itself may overflow, and its derivative
    # times the zero of the branch not taken would be nan
    between = near | wide
    far = xp.log(xp.where(between, 4.0, x) / xp.where(between, 1.0, y))
    return xp.where(near, close, xp.where(wide, apart, far))


def xlogx(xp, x):
    """x log x, 0 at x = 0 (and for x < 0, which the caller marks)."""
    positive = x > 0
    safe = xp.where(positive, x, 1.0)
    return xp.where(positive, safe * xp.log(safe), 0.0)


def xlogy(xp, x, y):
    """x log y, 0 at x = 0 for any y but nan (scipy.special.xlogy)."""
    zero = x == 0
    return xp.where(zero, 0.0, x * xp.log(xp.where(zero, 1.0, y)))


def xlog1py(xp, x, y):
    """x log(1 + y), 0 at x = 0."""
    zero = x == 0
    return xp.where(zero, 0.0, x * _log1p(xp, xp.where(zero, 0.0, y)))


def rel_entr(xp, p, q):
    """p log(p/q): 0 at p = 0, +inf at q = 0 < p; accurate near p = q and when p/q
    overflows (`_log_ratio`)."""
    positive = (p > 0) & (q > 0)
    ps, qs = xp.where(positive, p, 1.0), xp.where(positive, q, 1.0)
    return xp.where(
        positive, ps * _log_ratio(xp, ps, qs), xp.where(p > 0, math.inf, xp.zeros_like(p))
    )


def log_ratio_plus(xp, x, y, c):
    """log(x/y) + c: -inf at x = 0 < y, +inf at y = 0 < x, nan at x = y = 0."""
    y = xp.asarray(y, dtype=x.dtype) if isinstance(y, (int, float)) else y
    positive = (x > 0) & (y > 0)
    xs, ys = xp.where(positive, x, 1.0), xp.where(positive, y, 1.0)
    edge = xp.where(x > 0, math.inf, xp.where(y > 0, -math.inf, xp.full_like(x, math.nan)))
    return xp.where(positive, _log_ratio(xp, xs, ys) + c, edge)


def _negabs(xp, x):
    """-|x|, with the derivative -sign(x) of the side `step` takes (-1 at x = 0)."""
    return xp.where(xp.signbit(x), x, -x)


def step(xp, x):
    """1 for x >= 0, 0 for x < 0 and x = -0.0 (the sign bit)."""
    return xp.where(xp.signbit(x), xp.zeros_like(x), xp.ones_like(x))


def log1pexp_negabs(xp, x):
    """log(1 + e^(-|x|)), the bounded part of softplus(x) = x H(x) + log(1 + e^(-|x|))."""
    return _log1p(xp, xp.exp(_negabs(xp, x)))


def sigmoid_minus(xp, x, y):
    """sigma(x) - y: (1/2 - y) + tanh(x/2)/2 for |x| < log 3 (exact at y = 1/2), else
    (step(x) - y) - sign(x) sigma(-|x|), which never overflows and keeps 1 - y exact."""
    near = xp.abs(x) < TANH_BELOW
    xn = xp.where(near, x, 0.0)
    xf = xp.where(near, 1.0, x)
    e = xp.exp(_negabs(xp, xf))
    sign = xp.where(xp.signbit(xf), -xp.ones_like(xf), xp.ones_like(xf))
    far = (step(xp, xf) - y) - sign * (e / (1 + e))
    return xp.where(near, (0.5 - y) + xp.tanh(xn / 2) / 2, far)
