"""Stable numpy kernels for the primitives of `symkl.numeric`'s rewrite table, and the
block drivers that run generated kernels over arrays.

Every kernel writes into `out`, uses the scratch buffers `s` and has two modes. The fast
mode assumes inputs inside the domain and returns a value within the accuracy target or a
non-finite one; the careful mode handles every edge (0 log 0 = 0, q = 0, overflow of a
ratio) with masks. The drivers run the fast mode on cache-sized blocks and rerun a block
in careful mode only when its result is not finite or an input leaves its domain, so the
usual case makes no temporaries and pays nothing for the edge cases.

`symkl export` copies this file (below the imports) into the module it writes.
"""

import numpy as np

#: below this, |p log p| < 1e-300 (|log p| < 746 for every positive float64); fast kernels
#: clamp p there so that 0 log 0 needs no mask
TINY = 1e-304
#: the sign bit of a float64, as an int64
SIGN_BIT = np.int64(-(2**63))
#: elements per block: few enough that a block's buffers stay in the L2/L3 caches, many
#: enough that the drivers' Python work per block costs little (2^16 measured faster
#: than 2^15 by 5-25% on 10^7 elements, benchmarks/export.py)
BLOCK = 1 << 16


def _full(value, like):
    # numpy's maximum against a filled array runs about twice as fast as against a scalar
    return (
        np.full(like.shape, value) if like.size > BLOCK else _TINY[: like.size].reshape(like.shape)
    )


def _where(out, value):
    np.copyto(out, value)
    return out


def xlogx(x, out, s, careful):
    """x log x, 0 at x = 0."""
    if careful:
        with np.errstate(all="ignore"):
            return _where(out, np.where(x == 0, 0.0, x * np.log(x)))
    np.maximum(x, _full(TINY, out), out=out)
    np.log(out, out=out)
    return np.multiply(out, x, out=out)


def xlogy(x, y, out, s, careful):
    """x log y, 0 at x = 0 (for any y >= 0)."""
    if careful:
        with np.errstate(all="ignore"):
            return _where(out, np.where((x == 0) & (y >= 0), 0.0, x * np.log(y)))
    np.log(y, out=out)
    return np.multiply(out, x, out=out)


def xlog1py(x, y, out, s, careful):
    """x log(1 + y), 0 at x = 0 (for any y >= -1)."""
    if careful:
        with np.errstate(all="ignore"):
            return _where(out, np.where((x == 0) & (y >= -1), 0.0, x * np.log1p(y)))
    np.log1p(y, out=out)
    return np.multiply(out, x, out=out)


def _log_ratio(p, q):
    # log(p/q) = sign(p - q) log1p(|p - q| / min(p, q)): p - q is exact when p and q are
    # close, so the result keeps full relative accuracy even when p/q rounds to 1
    d = p - q
    u = np.abs(d) / np.minimum(p, q)
    big = np.isinf(u)
    return np.where(big, np.log(p) - np.log(q), np.copysign(np.log1p(u), d))


def rel_entr(p, q, out, s, careful):
    """p log(p/q): 0 at p = 0 (q >= 0), +inf at q = 0 < p; accurate when p/q is near 1
    (p - q is exact there) and when p/q overflows."""
    if careful:
        with np.errstate(all="ignore"):
            value = np.where(
                (p > 0) & (q > 0),
                p * _log_ratio(p, q),
                np.where((p == 0) & (q >= 0), 0.0, np.where((p > 0) & (q == 0), np.inf, np.nan)),
            )
        return _where(out, value)
    d, u = s[0], s[1]
    np.subtract(p, q, out=d)
    # min(max(p, TINY), q) is min(p, q) except where p < TINY, and there p log(...) is
    # below 1e-300 either way; p = 0 then gives a finite log and a zero term
    np.maximum(p, _full(TINY, out), out=out)
    np.minimum(out, q, out=out)
    np.abs(d, out=u)
    np.divide(u, out, out=u)
    np.log1p(u, out=u)
    np.multiply(u, p, out=u)
    # the sign of p - q onto p log1p(|p - q| / min(p, q)) >= 0
    return _with_sign_of(d, u, out, into=out)


def _with_sign_of(x, magnitude, scratch, into=None):
    """`magnitude` (>= 0) with the sign of x: two integer passes, cheaper than copysign."""
    into = magnitude if into is None else into
    sign = np.bitwise_and(np.asarray(x).view(np.int64), SIGN_BIT, out=scratch.view(np.int64))
    return np.bitwise_or(magnitude.view(np.int64), sign, out=into.view(np.int64)).view(np.float64)


def step(x, out, s, careful):
    """1 for x >= 0, 0 for x < 0 and x = -0.0 (the sign bit: a cheap, exact step)."""
    np.signbit(x, out=out, casting="unsafe")
    return np.subtract(1.0, out, out=out)


def _negabs(x, out):
    """-|x| in one integer pass: x with its sign bit set."""
    bits = np.bitwise_or(np.asarray(x).view(np.int64), SIGN_BIT, out=out.view(np.int64))
    return bits.view(np.float64)


def log1pexp_negabs(x, out, s, careful):
    """log(1 + e^(-|x|)), the bounded part of softplus(x) = x H(x) + log(1 + e^(-|x|))."""
    np.exp(_negabs(x, out), out=out)
    return np.log1p(out, out=out)


def sigmoid_minus(x, y, out, s, careful):
    """sigma(x) - y as (step(x) - y) - sign(x) sigma(-|x|), which never overflows. Where
    the last subtraction cancels (|result| < sigma(-|x|)), the rounding of sigma would be
    amplified, so those elements are redone in np.longdouble (64-bit significand on x86)."""
    u, signed = s[0], s[1]
    np.exp(_negabs(x, u), out=u)
    np.add(u, 1.0, out=signed)
    np.divide(u, signed, out=u)
    _with_sign_of(x, u, signed, into=signed)
    step(x, out, s, careful)
    np.subtract(out, y, out=out)
    np.subtract(out, signed, out=out)
    close = np.less(np.abs(out, out=signed), u)
    if close.any():
        where = np.nonzero(close)
        x = np.broadcast_to(x, out.shape)[where].astype(np.longdouble)
        y = np.broadcast_to(y, out.shape)[where].astype(np.longdouble)
        out[where] = 1 / (1 + np.exp(-x)) - y
    return out


def guard(out, mask, value):
    """Set the removable 0/0 points `mask` of a quotient to their limit `value`."""
    out[np.broadcast_to(mask, out.shape)] = value
    return out


_TINY = np.full(BLOCK, TINY)

#: what the domain names in a signature admit; nan never does
DOMAINS = {
    "real": lambda a: ~np.isnan(a),
    "nonnegative": lambda a: a >= 0,
    "unit": lambda a: (a >= 0) & (a <= 1),
}


def _inside(a, domain):
    if domain == "real":
        return True
    low = a.min(initial=np.inf)
    return low >= 0 and (domain != "unit" or a.max(initial=-np.inf) <= 1)


def _floats(args, names):
    arrays = []
    for a, name in zip(args, names, strict=True):
        array = np.asarray(a)
        if array.dtype.kind not in "biuf":
            raise TypeError(f"argument {name!r} must be real numbers, not {array.dtype}")
        arrays.append(array)
    single = bool(arrays) and all(a.dtype == np.float32 for a in arrays)
    return [np.asarray(a, dtype=np.float64) for a in arrays], single


def _validate(arrays, names, domains):
    for a, name, domain in zip(arrays, names, domains, strict=True):
        bad = ~DOMAINS[domain](a)
        if bad.any():
            index = tuple(int(k) for k in np.argwhere(bad)[0])
            what = {"real": "a real number", "nonnegative": ">= 0", "unit": "in [0, 1]"}
            raise ValueError(
                f"argument {name!r} at index {index} is {float(a[index])!r}, must be {what[domain]}"
            )


def _mark_outside(out, arrays, domains):
    for a, domain in zip(arrays, domains, strict=True):
        if domain != "real":
            out[np.broadcast_to(~DOMAINS[domain](a), out.shape)] = np.nan


def _result(out, single):
    out = out.astype(np.float32) if single else out
    return out[()] if out.ndim == 0 else out


def elementwise(kernel, args, names, domains, validate):
    """Run `kernel(*arrays, out, scratch, careful)` over broadcast arrays in blocks."""
    arrays, single = _floats(args, names)
    if validate:
        _validate(arrays, names, domains)
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    flat = [np.ascontiguousarray(np.broadcast_to(a, shape)).reshape(-1) for a in arrays]
    out = np.empty(shape)
    flat_out = out.reshape(-1)
    scratch = [np.empty(min(BLOCK, flat_out.size)) for _ in range(kernel.scratch)]
    for start in range(0, flat_out.size, BLOCK):
        stop = min(start + BLOCK, flat_out.size)
        block = [a[start:stop] for a in flat]
        target = flat_out[start:stop]
        s = [b[: stop - start] for b in scratch]
        fast = all(_inside(a, d) for a, d in zip(block, domains, strict=True))
        if fast:
            with np.errstate(all="ignore"):
                kernel(*block, target, s, False)
                fast = np.isfinite(target.sum())
        if not fast:
            with np.errstate(all="ignore"):
                kernel(*block, target, s, True)
            _mark_outside(target, block, domains)
    return _result(out, single)


def reduction(kernel, args, names, domains, axis, sign, validate):
    """`sign` times the sum over `axis` of `kernel`'s terms, over cache-sized blocks."""
    arrays, single = _floats(args, names)
    shape = np.broadcast_shapes(*(a.shape for a in arrays))
    if not shape:
        shape = (1,)
    arrays = [np.broadcast_to(a, shape) for a in arrays]
    if validate:
        _validate(arrays, names, domains)  # before moving the axis: indices as given
    arrays = [np.moveaxis(a, axis, -1) for a in arrays]
    if validate:
        totals = [a.sum(axis=-1) for a in arrays]
        tolerance = 4 * arrays[0].shape[-1] * np.finfo(np.float32 if single else float).eps
        for total, name in zip(totals, names, strict=True):
            off = np.abs(total - 1) > tolerance
            if off.any():
                index = tuple(int(k) for k in np.argwhere(off)[0])
                raise ValueError(
                    f"argument {name!r} at index {index} (along the other axes) sums to "
                    f"{float(total[index])!r}, not 1; normalize it or pass validate=False"
                )
    outer, n = arrays[0].shape[:-1], arrays[0].shape[-1]
    rows = [np.ascontiguousarray(a).reshape(-1, n) for a in arrays]
    out = np.zeros(rows[0].shape[0])
    step_rows, step_cols = max(1, BLOCK // max(n, 1)), min(max(n, 1), BLOCK)
    size = min(step_rows, out.size) * step_cols
    scratch = [np.empty(size) for _ in range(kernel.scratch + 1)]
    for r0 in range(0, out.size, step_rows):
        r1 = min(r0 + step_rows, out.size)
        for c0 in range(0, n, step_cols):
            c1 = min(c0 + step_cols, n)
            block = [a[r0:r1, c0:c1] for a in rows]
            size = (r1 - r0) * (c1 - c0)
            s = [b[:size].reshape(r1 - r0, c1 - c0) for b in scratch]
            terms, rest = s[0], s[1:]
            fast = all(_inside(a, d) for a, d in zip(block, domains, strict=True))
            if fast:
                with np.errstate(all="ignore"):
                    sums = kernel(*block, terms, rest, False).sum(axis=-1)
                fast = np.isfinite(sums).all()
            if not fast:
                with np.errstate(all="ignore"):
                    kernel(*block, terms, rest, True)
                _mark_outside(terms, block, domains)
                sums = terms.sum(axis=-1)
            out[r0:r1] += sums
    if sign < 0:
        np.subtract(0.0, out, out=out)  # not negative(): -sum of zeros is 0.0, not -0.0
    return _result(out.reshape(outer), single)
