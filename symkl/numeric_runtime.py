"""Stable numpy kernels for the primitives of `symkl.numeric`'s rewrite table, and the
block drivers that run generated kernels over arrays.

Every kernel writes into `out`, uses the scratch buffers `s` and has two modes. The fast
mode assumes inputs inside the domain and returns a value within the accuracy target or a
non-finite one; the careful mode handles every edge (0 log 0 = 0, q = 0, overflow of a
ratio) with masks. The drivers run the fast mode on cache-sized blocks and rerun a block
in careful mode only when its result is not finite or an input leaves its domain, so the
usual case makes no temporaries and pays nothing for the edge cases.

`symkl export` copies this file (below the imports) into the module it writes.

## Conventions
Conventions (scipy.special's where it defines them: entropy is sum(entr(p)), kl_divergence
sum(rel_entr(p, q)), cross_entropy -sum(xlogy(p, q)), term by term):
- 0 log 0 = 0, so a zero probability contributes nothing;
- p > 0 with q = 0 gives +inf for the KL divergence and the cross-entropy;
- a negative probability gives scipy's value (entropy -inf, KL +inf, and in the
  cross-entropy p log q as written, nan where q < 0 < p); the functions scipy has no
  counterpart for give nan for input outside their domain; nan input gives nan;
  validate=True raises ValueError naming the argument and the index instead;
- distributions are taken as given (no normalization); validate=True raises ValueError
  when one does not sum to 1 within 4 n eps;
- sums take axis (an int, a tuple of ints or None), keepdims and empty axes as numpy's
  sum does (the sum of nothing is 0), and base= (the result divided by log(base));
- a masked array's masked entries are left out of a sum, and a result is masked where
  all its entries (or, elementwise, any input) are, as numpy.ma does;
- lists and arrays broadcast like a ufunc; the result has the arguments' dtype as numpy
  promotes them (float16, float32 or float64; integers and lists count as float64, and a
  Python number does not promote), computed in float64 a block at a time and rounded
  once into that dtype; a longdouble argument raises TypeError (the kernels are float64);
- arrays of up to 2^14 elements take a small-array path (the fast kernel on the whole
  arrays); the values are the same float for float as in blocks.
"""

import functools
import math

import numpy as np

#: the smallest positive float64 (a subnormal): max(x, SMALLEST) is x for every x > 0 and
#: turns 0 into a number with a finite log, so the fast x log x needs no mask for 0 log 0
#: and changes no positive input (a larger floor would change the terms below it)
SMALLEST = 5e-324
#: the sign bit of a float64, as an int64
SIGN_BIT = np.int64(-(2**63))
#: elements per block: few enough that a block's buffers (128 KB each) stay in a 512 KB
#: L2 cache, many enough that the drivers' Python work per block costs little (on an AMD
#: EPYC without AVX-512, rel_entr on blocks of 2^16 ran 1.5-3x slower than on 2^14; an
#: AVX-512 Intel machine had 2^16 5-25% faster than 2^15)
BLOCK = 1 << 14
#: arrays of at most this many elements (one block) take the small-array path: the fast
#: kernel on the whole arrays, with no blocks, no copies and no broadcasting, which saves
#: the fixed cost of the block machinery (30-80 us a call, against 1-6 us of numpy's work
#: at 10^3 elements); the careful mode is the general path's
SMALL = BLOCK


def _full(filled, like):
    # numpy's maximum against a filled array runs about twice as fast as against a scalar
    if like.size > BLOCK:
        return np.full(like.shape, filled[0])
    return filled[: like.size].reshape(like.shape)


def _where(out, value):
    np.copyto(out, value)
    return out


def xlogx(x, out, s, careful):
    """x log x, 0 at x = 0; exact for subnormal x (no floor above the smallest float)."""
    if careful:
        with np.errstate(all="ignore"):
            return _where(out, np.where(x == 0, 0.0, x * np.log(x)))
    np.maximum(x, _full(_SMALLEST, out), out=out)
    np.log(out, out=out)
    return np.multiply(out, x, out=out)


def xlogy(x, y, out, s, careful):
    """x log y, 0 at x = 0 for any y but nan (scipy.special.xlogy)."""
    if careful:
        with np.errstate(all="ignore"):
            return _where(out, np.where((x == 0) & ~np.isnan(y), 0.0, x * np.log(y)))
    np.log(y, out=out)
    return np.multiply(out, x, out=out)


def xlog1py(x, y, out, s, careful):
    """x log(1 + y), 0 at x = 0 (for any y >= -1)."""
    if careful:
        with np.errstate(all="ignore"):
            return _where(out, np.where((x == 0) & (y >= -1), 0.0, x * np.log1p(y)))
    np.log1p(y, out=out)
    return np.multiply(out, x, out=out)


def _log1p(x, out, e):
    """log(1 + x) for x >= 0 into `out` (x and the scratch e are overwritten) with one
    np.log: log(u) + err/u, where u = fl(1 + x) and err = (1 + x) - u exactly (TwoSum).
    Where numpy has no SIMD loop for them (x86 without AVX-512), np.log1p costs about two
    np.log (25 ns against 13 ns an element); the correction keeps the result within about
    1 ULP. At x = inf, err is nan: fmax makes it finite, so the result is log(inf) = inf."""
    np.add(x, 1.0, out=out)  # u
    np.subtract(out, 1.0, out=e)  # v = u - 1
    np.subtract(x, e, out=x)  # x - v
    np.subtract(out, e, out=e)  # u - v
    np.subtract(1.0, e, out=e)  # 1 - (u - v)
    np.add(e, x, out=e)  # err
    np.divide(e, out, out=e)
    np.fmax(e, -1.0, out=e)  # |err/u| <= 2^-53, but nan at u = inf
    np.log(out, out=out)
    return np.add(out, e, out=out)


def rel_entr(p, q, out, s, careful):
    """p log(p/q): 0 at p = 0 (q >= 0), +inf at q = 0 < p; accurate when p/q is near 1,
    for subnormal p or q, and when p/q overflows.

    log(p/q) = sign(p - q) log1p(|p - q| / min(p, q)): p - q is exact when p and q are
    close, so the result keeps full relative accuracy even when p/q rounds to 1. At p = 0
    the log is inf (or nan at q = 0) and p times it nan; fmax(nan, 0) = 0 makes that the
    0 log 0 = 0 term without a mask or a floor on p (a floor would change tiny terms). The
    careful mode computes the same values and only replaces a ratio that overflowed, so a
    term never depends on the block it was computed in."""
    d, u = s[0], s[1]
    np.subtract(p, q, out=d)
    np.minimum(p, q, out=out)
    # |d / m| rather than |d| / m: at q = -0.0 < p the quotient is -inf, whose log1p is
    # nan, which the fmax below would turn into 0 instead of +inf
    np.divide(d, out, out=u)
    np.abs(u, out=u)
    if careful:
        overflow = np.isinf(u) & (out > 0) & np.isfinite(d)
    _log1p(u, out, s[2])
    np.multiply(out, p, out=u)
    np.fmax(u, _full(_ZEROS, u), out=u)
    # sign(p - q) onto p log1p(|p - q| / min(p, q)) >= 0; sign(nan) keeps inf - inf nan
    np.sign(d, out=out)
    np.multiply(u, out, out=out)
    if careful and overflow.any():
        # p/q beyond the float range: log p - log q is far from 0, so it does not cancel
        where = np.nonzero(overflow)
        pw, qw = np.broadcast_to(p, out.shape)[where], np.broadcast_to(q, out.shape)[where]
        out[where] = pw * (np.log(pw) - np.log(qw))
    return out


def log_ratio_plus(x, y, c, out, s, careful):
    """log(x/y) + c. The log as sign(x - y) log1p(|x - y| / min(x, y)), as in rel_entr:
    accurate when x/y is near 1, -inf at x = 0 < y, +inf at y = 0 < x, nan at x = y = 0;
    where |x - y| / min(x, y) overflows (the careful mode), log x - log y, which does not
    cancel there. Where adding c cancels (|result| < |c|/2, near x/y = e^-c) the elements
    are redone in np.longdouble, whose 11 more bits absorb a cancellation of up to 2^8."""
    d, u = s[0], s[1]
    overflow = None
    if isinstance(y, float) and y == 1.0:
        # log x itself (as in -log p - 1): no ratio to round or overflow, a third the passes
        np.log(x, out=out)
    else:
        np.subtract(x, y, out=d)
        np.minimum(x, y, out=out)
        np.divide(d, out, out=u)
        np.abs(u, out=u)
        if careful:
            overflow = np.isinf(u) & (out > 0) & np.isfinite(d)
        _log1p(u, out, s[2])
        np.sign(d, out=u)
        np.multiply(u, out, out=out)
    if overflow is not None and overflow.any():
        where = np.nonzero(overflow)
        xw, yw = np.broadcast_to(x, out.shape)[where], np.broadcast_to(y, out.shape)[where]
        out[where] = np.log(xw) - np.log(yw)
    np.add(out, c, out=out)
    close = np.less(np.abs(out, out=u), abs(c) / 2)
    if close.any():
        where = np.nonzero(close)
        xw = np.broadcast_to(x, out.shape)[where].astype(np.longdouble)
        yw = np.broadcast_to(y, out.shape)[where].astype(np.longdouble)
        out[where] = np.log(xw / yw) + c
    return out


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
    """sigma(x) - y as (step(x) - y) - sign(x) sigma(-|x|), which never overflows and keeps
    the tiny 1 - sigma(x) at large x. Where the last subtraction cancels (|result| <
    sigma(-|x|)), the rounding of sigma would be amplified, so those elements are redone
    in np.longdouble (64-bit significand on x86) by `_sigmoid_minus_wide`."""
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
        out[where] = _sigmoid_minus_wide(x, y)
    return out


#: below this |x|, sigma(-|x|) > 1/4, and tanh(x/2)/2 = sigma(x) - 1/2 is the smaller of
#: the two terms that cancel (so its rounding costs less): log 3
_TANH_BELOW = 1.0986122886681098


def _sigmoid_minus_wide(x, y):
    """sigma(x) - y in np.longdouble, in the form whose cancelling term is smallest: near
    x = 0, (1/2 - y) + tanh(x/2)/2 (exact at y = 1/2, where sigma(x) - 1/2 ~ x/4 would
    otherwise lose everything); elsewhere (step(x) - y) - sign(x) sigma(-|x|), whose
    1 - y is exact, unlike 1/(1 + e^-x) - y, which rounds sigma(x) near 1 to 2^-64
    absolute and was 1e10 ULP off at y = 1 - 2^-53, x in 27..32."""
    # each form only where it is used: longdouble exp and tanh have no SIMD loops
    out = np.empty_like(x)
    near = np.abs(x) < _TANH_BELOW
    out[near] = (0.5 - y[near]) + np.tanh(x[near] / 2) / 2
    far = ~near
    x, y = x[far], y[far]
    with np.errstate(all="ignore"):
        e = np.exp(-np.abs(x))
        u = e / (1 + e)
    out[far] = np.where(x < 0, u - y, (1 - y) - u)
    return out


def guard(out, mask, value):
    """Set the removable 0/0 points `mask` of a quotient to their limit `value`."""
    out[np.broadcast_to(mask, out.shape)] = value
    return out


_SMALLEST = np.full(BLOCK, SMALLEST)
_ZEROS = np.zeros(BLOCK)

#: what the domain names in a signature admit; nan never does
DOMAINS = {
    "real": lambda a: ~np.isnan(a),
    "nonnegative": lambda a: a >= 0,
    "unit": lambda a: (a >= 0) & (a <= 1),
}


def _inside(a, domain):
    if domain == "real":
        return True
    # min and max are nan if a holds a nan, and nan fails both comparisons
    low = np.minimum.reduce(a, axis=None, initial=np.inf)
    return low >= 0 and (domain != "unit" or np.maximum.reduce(a, axis=None, initial=-np.inf) <= 1)


_FLOAT64 = np.dtype(np.float64)


def _arrays(args, names):
    """The arguments as arrays of their own dtypes (masked entries filled with 0.5, inside
    every domain), the dtype of the result and the union of their masks (None if unmasked).

    The result's dtype is numpy's promotion of the arguments' (float16, float32 or
    float64; integers and booleans count as float64, and Python numbers do not promote,
    as in NEP 50). The kernels compute in float64, a block at a time, so a longdouble
    argument is refused rather than rounded to float64 without a word."""
    arrays, masks, dtypes = [], [], []
    for a, name in zip(args, names, strict=True):
        if isinstance(a, np.ma.MaskedArray):
            masks.append(np.ma.getmaskarray(a))
            a = a.filled(0.5)
        array = np.asarray(a)
        kind = array.dtype.kind
        if kind not in "biuf":
            raise TypeError(f"argument {name!r} must be real numbers, not {array.dtype}")
        if kind == "f" and array.dtype.itemsize > 8:
            raise TypeError(
                f"argument {name!r} is {array.dtype}, and the functions compute in float64 at "
                f"most: pass {name}.astype(np.float64)"
            )
        if type(a) not in (int, float, bool):
            dtypes.append(array.dtype if kind == "f" else _FLOAT64)
        arrays.append(array)
    dtype = np.result_type(*dtypes) if dtypes else _FLOAT64
    mask = None
    if masks:
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
        mask = np.logical_or.reduce([np.broadcast_to(m, shape) for m in masks])
    return arrays, dtype, mask


def _small(args):
    """The usual small call, with no blocks needed: the arguments as float64 arrays of one
    shape (not 0-d) and at most SMALL elements, and the result's dtype; else None (any
    other call takes the general path, which also gives its errors)."""
    first = args[0] if args else None
    if type(first) is not np.ndarray or not 0 < first.size <= SMALL or not first.ndim:
        return None
    for a in args:
        if type(a) is not np.ndarray or a.shape != first.shape or a.dtype.kind != "f":
            return None
    if all(a.dtype is _FLOAT64 or a.dtype == _FLOAT64 for a in args):
        return args, _FLOAT64
    dtype = np.result_type(*args)
    if dtype.itemsize > 8:
        return None
    return [a.astype(np.float64) for a in args], dtype


_WHAT = {"real": "a real number", "nonnegative": ">= 0", "unit": "in [0, 1]"}


def _validate(arrays, names, domains, mask=None):
    for a, name, domain in zip(arrays, names, domains, strict=True):
        bad = ~DOMAINS[domain](a)
        if mask is not None:
            bad &= ~mask
        if bad.any():
            index = tuple(int(k) for k in np.argwhere(bad)[0])
            raise ValueError(
                f"argument {name!r} at index {index} is {float(a[index])!r}, "
                f"must be {_WHAT[domain]}"
            )


def _mark_outside(out, arrays, domains, outside):
    """Give terms whose input lies outside its domain the value `outside` names for that
    argument (None: the kernel's own value); nan input gives nan whatever the argument."""
    for a, domain, value in zip(arrays, domains, outside, strict=True):
        if domain != "real" and value is not None:
            out[np.broadcast_to(~DOMAINS[domain](a) & ~np.isnan(a), out.shape)] = value
    for a in arrays:
        out[np.broadcast_to(np.isnan(a), out.shape)] = np.nan


def _result(out, dtype, mask=None):
    out = out if out.dtype == dtype else out.astype(dtype)
    if mask is not None:
        return np.ma.MaskedArray(out, mask=mask)
    return out[()] if out.ndim == 0 else out


@functools.cache
def _checked(domains, outside):
    """The domains the fast mode must check: none where the formula itself gives the
    value outside the domain (outside None)."""
    return tuple(d if v is not None else "real" for d, v in zip(domains, outside, strict=True))


def _run(kernel, block, target, s, domains, outside, total, checked):
    """Run `kernel` on one block in fast mode, and again in careful mode if an input
    leaves its `checked` domain or `total(target)` is not finite (the fast mode flags
    every edge that way). Returns that total from the fast mode, or None after the
    careful mode. The caller ignores floating-point warnings (np.errstate)."""
    if all(d == "real" or _inside(a, d) for a, d in zip(block, checked, strict=True)):
        result = total(kernel(*block, target, s, False))
        if np.isfinite(result).all():
            return result
    kernel(*block, target, s, True)
    _mark_outside(target, block, domains, outside)
    return None


def _all_inside(arrays, checked):
    # a loop, not all(...): a generator costs as much as numpy's work on 10^3 elements
    for a, d in zip(arrays, checked, strict=True):
        if d != "real" and not _inside(a, d):
            return False
    return True


def _small_elementwise(kernel, arrays, dtype, checked):
    """The fast kernel on whole small arrays, or None if the general path must redo them
    (an input outside its checked domain, or a value that is not finite)."""
    if not _all_inside(arrays, checked):
        return None
    out = np.empty(arrays[0].shape)
    kernel(*arrays, out, np.empty((kernel.scratch, *out.shape)), False)
    # one sum for every value: inf or nan anywhere makes it non-finite
    if not math.isfinite(np.add.reduce(out, axis=None)):
        return None
    return out if dtype is _FLOAT64 else out.astype(dtype)


def elementwise(kernel, args, names, domains, validate, outside=None):
    """Run `kernel(*arrays, out, scratch, careful)` over broadcast arrays in blocks
    (converted to float64 a block at a time; the result has the arguments' dtype)."""
    outside = outside or (np.nan,) * len(args)
    checked = _checked(domains, outside)
    small = None if validate else _small(args)
    if small is not None:
        with np.errstate(all="ignore"):
            out = _small_elementwise(kernel, *small, checked)
        if out is not None:
            return out
    arrays, dtype, mask = _arrays(args, names)
    if validate:
        _validate(arrays, names, domains, mask)
    shape = _shape(arrays)
    out = np.empty(shape, dtype)
    # nditer broadcasts without copies and casts each block to float64 and back
    operands = np.nditer(
        [*arrays, out],
        flags=["external_loop", "buffered", "zerosize_ok"],
        op_flags=[["readonly"]] * len(arrays) + [["writeonly"]],
        op_dtypes=[np.float64] * (len(arrays) + 1),
        casting="same_kind",
        buffersize=BLOCK,
    )
    scratch = np.empty((kernel.scratch, min(BLOCK, out.size)))
    with operands, np.errstate(all="ignore"):
        for chunk in operands:
            # a lone operand (a constant's output) comes without a tuple around it
            *block, target = chunk if arrays else (chunk,)
            s = scratch[:, : target.size]
            _run(kernel, block, target, s, domains, outside, _total, checked)
    return _result(out, dtype, mask)


def _axes(axis, ndim):
    """`axis` (an int, a tuple of ints or None) as a sorted tuple of axes in [0, ndim),
    with numpy's errors for an axis out of range or repeated."""
    if axis is None:
        return tuple(range(ndim))
    axes = tuple(axis) if isinstance(axis, (tuple, list)) else (axis,)
    normal = []
    for a in axes:
        if not isinstance(a, (int, np.integer)) or isinstance(a, bool):
            raise TypeError(f"axis must be an int, a tuple of ints or None, not {a!r}")
        if not -ndim <= a < ndim:
            raise np.exceptions.AxisError(int(a), ndim)
        normal.append(int(a) % ndim)
    if len(set(normal)) != len(normal):
        raise ValueError(f"repeated axis in {axis!r}")
    return tuple(sorted(normal))


def _shape(arrays):
    """The broadcast shape (the common one without numpy's call, the usual case)."""
    if not arrays:
        return ()  # a constant (symkl.numeric.vectorize of a number)
    first = arrays[0].shape
    if all(a.shape == first for a in arrays):
        return first
    return np.broadcast_shapes(*(a.shape for a in arrays))


def _broadcast(a, shape):
    return a if a.shape == shape else np.broadcast_to(a, shape)


def _size(dims):
    size = 1
    for d in dims:
        size *= int(d)
    return size


def _check_sums(arrays, names, dtype, mask, outer):
    """validate=True: each distribution (a row of the last axis) sums to 1."""
    for a, name in zip(arrays, names, strict=True):
        rows = a if mask is None else np.where(mask, 0.0, a)
        total = rows.sum(axis=-1, dtype=np.float64).reshape(outer)
        tolerance = 4 * a.shape[-1] * np.finfo(dtype).eps
        off = np.abs(total - 1) > tolerance
        if off.any():
            index = tuple(int(k) for k in np.argwhere(off)[0])
            raise ValueError(
                f"argument {name!r} at index {index} (along the other axes) sums to "
                f"{float(total[index])!r}, not 1; normalize it or pass validate=False"
            )


def _divisor(base):
    if base is None:
        return None
    if not np.isfinite(base) or base <= 0 or base == 1:
        raise ValueError(f"base must be positive, finite and not 1, not {base!r}")
    return np.log(float(base))


def _scaled(sums, sign, divisor):
    """`sign` times the sums, divided by `divisor` (log(base)) if there is one."""
    if sign < 0:
        np.subtract(0.0, sums, out=sums)  # not negative(): -sum of zeros is 0.0, not -0.0
    if divisor is not None:
        np.divide(sums, divisor, out=sums)
    return sums


def _small_reduction(kernel, arrays, checked):
    """The sums along the last axis of the fast kernel's terms on whole small arrays, or
    None if the general path must redo them (as `_small_elementwise`)."""
    if not _all_inside(arrays, checked):
        return None
    terms = np.empty(arrays[0].shape)
    kernel(*arrays, terms, np.empty((kernel.scratch, *terms.shape)), False)
    # initial=0.0 as the blocks' 0.0 + sum: a row of -0.0 terms sums to 0.0 on both
    # paths; keepdims so that a 1-d input's sum is an array that can be scaled in place
    sums = np.add.reduce(terms, axis=-1, initial=0.0, keepdims=True)
    return sums if math.isfinite(np.add.reduce(sums, axis=None)) else None


def reduction(
    kernel, args, names, domains, axis, sign, validate, keepdims=False, base=None, outside=None
):
    """`sign` times the sum over `axis` of `kernel`'s terms, over cache-sized blocks,
    divided by log(base) when a base is given. `axis`, `keepdims` and empty axes behave as
    in numpy's sum; a 0-d input is a distribution of one entry."""
    outside = outside or (np.nan,) * len(args)
    checked = _checked(domains, outside)
    divisor = _divisor(base)
    last = type(axis) is int and axis in (-1, np.ndim(args[0]) - 1)
    small = _small(args) if last and not validate else None
    if small is not None:
        arrays, dtype = small
        with np.errstate(all="ignore"):
            sums = _small_reduction(kernel, arrays, checked)
        if sums is not None:
            sums = _scaled(sums, sign, divisor)
            return _result(sums if keepdims else sums[..., 0], dtype)
    arrays, dtype, mask = _arrays(args, names)
    shape = _shape(arrays)
    scalar = not shape
    shape = shape or (1,)
    arrays = [_broadcast(a, shape) for a in arrays]
    mask = None if mask is None else _broadcast(mask, shape)
    if validate:
        _validate(arrays, names, domains, mask)  # before moving the axes: indices as given
    axes = _axes(axis, len(shape))
    kept = [k for k in range(len(shape)) if k not in axes]
    outer = tuple(shape[k] for k in kept)
    n, count = _size(shape[k] for k in axes), _size(outer)
    trailing = tuple(range(len(shape) - len(axes), len(shape)))

    def rows(a):
        # the reduced axes last, then flattened: (rows, n), a view where strides allow
        # (blocks of a strided view are copied one at a time); explicit sizes, since -1
        # is ambiguous for an empty array
        moved = a if axes == trailing else np.moveaxis(a, axes, trailing)
        return moved.reshape(count, n)

    arrays = [rows(a) for a in arrays]
    mask = None if mask is None else rows(mask)
    if validate:
        _check_sums(arrays, names, dtype, mask, outer)
    out = np.zeros(arrays[0].shape[0])
    if n:
        _sum_rows(kernel, arrays, mask, out, domains, outside)
    out = _scaled(out, sign, divisor).reshape(outer)
    if mask is not None:
        mask = mask.all(axis=-1).reshape(outer)  # as np.ma.sum: masked where all entries are
    if keepdims:
        kept_shape = tuple(1 if k in axes else shape[k] for k in range(len(shape)))
        out = out.reshape(kept_shape)
        mask = None if mask is None else mask.reshape(kept_shape)
    if scalar:
        out = out.reshape(())
        mask = None if mask is None else mask.reshape(())
    return _result(out, dtype, mask)


def _sum_rows(kernel, rows, mask, out, domains, outside):
    """Add the sum of each row's terms into `out`, over blocks of whole rows (or of
    parts of one row, when a row is longer than a block). A block of another dtype than
    float64, or of a strided view, is copied into a float64 buffer of one block, not the
    whole array at once."""
    count, n = rows[0].shape
    step_rows, step_cols = max(1, BLOCK // n), min(n, BLOCK)
    size = min(step_rows, count) * step_cols
    scratch = [np.empty(size) for _ in range(kernel.scratch + 1)]
    converted = [
        None if a.dtype == _FLOAT64 and a.flags.c_contiguous else np.empty(size) for a in rows
    ]
    checked = _checked(domains, outside)
    with np.errstate(all="ignore"):
        for r0 in range(0, count, step_rows):
            r1 = min(r0 + step_rows, count)
            for c0 in range(0, n, step_cols):
                c1 = min(c0 + step_cols, n)
                shape = (r1 - r0, c1 - c0)
                size = shape[0] * shape[1]
                block = [a[r0:r1, c0:c1] for a in rows]
                for k, buffer in enumerate(converted):
                    if buffer is not None:
                        block[k] = buffer[:size].reshape(shape)
                        np.copyto(block[k], rows[k][r0:r1, c0:c1])
                s = [b[:size].reshape(shape) for b in scratch]
                terms = s[0]
                sums = _run(kernel, block, terms, s[1:], domains, outside, _row_sums, checked)
                if mask is not None:
                    terms[mask[r0:r1, c0:c1]] = 0.0
                out[r0:r1] += _row_sums(terms) if sums is None or mask is not None else sums


def _total(terms):
    return terms.sum()


def _row_sums(terms):
    return terms.sum(axis=-1)
