"""Logit-space functions: log-softmax, the softmax cross-entropy and its gradient, and the
KL divergence between the softmaxes of two logit vectors, accurate for any logit gaps.

## Main definitions
- `log_softmax(z, axis)`, `softmax_cross_entropy(z, y, axis)`,
  `softmax_cross_entropy_grad(z, y, axis)`, `kl_divergence_logits(zp, zq, axis)`.

## How
With m = max_j z_j at index k, t_j = z_j - m <= 0 and T = sum_{j != k} e^(t_j),
log softmax_j = t_j - log1p(T): two terms <= 0, so nothing cancels, and log1p keeps the
digits of a tiny T (the loss of a confident, correct prediction is log1p(T) ~ T). When z_j
and m are far apart z_j - m rounds; its rounding error c_j (TwoSum, exact) corrects
e^(t_j) to e^(t_j) (1 + c_j). Logits of -inf are probabilities of 0; +inf or nan in a row
gives nan there.

`symkl export` copies this file (below the imports) into the module it writes, after
`symkl.numeric_runtime`.
"""

import numpy as np

from symkl.numeric_runtime import _arrays, _result


def _two_diff(a, b):
    """(s, c) with s = fl(a - b) and s + c = a - b exactly (Knuth's TwoSum); c = 0 where
    an input is not finite."""
    with np.errstate(invalid="ignore"):
        s = a - b
        v = s - a
        c = (a - (s - v)) - (b + v)
    c[~np.isfinite(c)] = 0.0
    return s, c


def _exp_corrected(t, c):
    """e^(t + c) for |c| <= ulp(t)/2: e^t (1 + c), exact to first order in c."""
    e = np.exp(t)
    e += e * c
    return e


class _Parts:
    """log-sum-exp of rows z (..., n), n >= 1, in the parts the functions combine:
    t + c = z - max exactly, e = e^(t + c) with 0 at the argmax k, T = sum of e
    (= sum_j e^(z_j - max) - 1, without the rounding of that 1), L = log1p(T)."""

    def __init__(self, z):
        self.k = np.argmax(z, axis=-1)[..., None]
        self.t, self.c = _two_diff(z, np.take_along_axis(z, self.k, axis=-1))
        with np.errstate(invalid="ignore"):
            self.e = _exp_corrected(self.t, self.c)
        np.put_along_axis(self.e, self.k, 0.0, axis=-1)
        self.T = self.e.sum(axis=-1, keepdims=True)
        self.L = np.log1p(self.T)

    def log_softmax(self):
        with np.errstate(invalid="ignore"):
            return (self.t - self.L) + self.c

    def softmax(self):
        """e_j / (1 + T), and 1 / (1 + T) at the argmax."""
        s = self.e / (1 + self.T)
        np.put_along_axis(s, self.k, 1 / (1 + self.T), axis=-1)
        return s


def _last(arrays, axis):
    """The arrays broadcast together with `axis` moved last, their shape (a 0-d input is
    one logit), `axis` in [0, ndim), and the shape without that axis."""
    shape = np.broadcast_shapes(*(a.shape for a in arrays)) or (1,)
    if not -len(shape) <= axis < len(shape):
        raise np.exceptions.AxisError(axis, len(shape))
    axis = int(axis) % len(shape)
    moved = [np.moveaxis(np.broadcast_to(a, shape), axis, -1) for a in arrays]
    return moved, shape, axis, shape[:axis] + shape[axis + 1 :]


def _logits(args, names):
    """The arguments as float64 arrays (whole: the logit functions take no blocks), and
    the result's dtype."""
    arrays, dtype, mask = _arrays(args, names)
    if mask is not None:
        raise TypeError("masked arrays are not supported by the logit functions")
    return [a.astype(np.float64, copy=False) for a in arrays], dtype


def log_softmax(z, axis: int = -1) -> np.ndarray:
    """log softmax(z) = z - log sum_j e^(z_j) along `axis`, accurate for any logit gaps.

    Computed as (z - max z) - log1p(sum_{j != argmax} e^(z_j - max z)): no overflow, no
    cancellation, and the argmax's value -log1p(T) keeps its digits when T is tiny.
    Conventions: a logit of -inf has probability 0 (log softmax -inf); +inf or nan in a
    row gives nan for the whole row (as torch); 0-d z is one logit (0); an empty axis
    gives an empty result; the result has the arguments' dtype (computed in float64).

    Examples:
        >>> print(log_softmax([0.0, 800.0]))
        [-800.    0.]
        >>> print(log_softmax([0.0, -np.inf]))
        [  0. -inf]
    """
    (z,), dtype = _logits((z,), ("z",))
    ndim = z.ndim
    (z,), shape, axis, _ = _last([z], axis)
    if z.shape[-1] == 0:
        return _result(np.empty(shape), dtype)
    z = np.ascontiguousarray(z)
    out = _Parts(z).log_softmax()
    out[_bad_rows(z)] = np.nan
    out = np.moveaxis(out, -1, axis)
    return _result(out.reshape(shape) if ndim else out.reshape(()), dtype)


def _labels_bad(y):
    """Where a label is outside its domain (negative or nan): those results are nan."""
    return ~(y >= 0)


def softmax_cross_entropy(z, y, axis: int = -1) -> np.ndarray:
    """Cross-entropy H(y, softmax(z)) = -sum_i y_i log softmax(z)_i, summed over `axis`.

    Computed as sum_i y_i ((m - z_i) + log1p(T)) with m = max z, T = sum_{j != argmax}
    e^(z_j - m): every term >= 0, so logits [0, 800] against y = [1, 0] give 800 (not inf)
    and a confident correct prediction gives its tiny loss log1p(T) to full precision.
    Conventions: y is used as given (not normalized; soft labels welcome); 0 log 0 = 0 (a
    zero label meets a logit of -inf); a negative or nan label gives nan; a logit of +inf or
    nan gives nan; an empty axis gives 0.

    Examples:
        >>> print(softmax_cross_entropy([0.0, 800.0], [1.0, 0.0]))
        800.0
        >>> print(softmax_cross_entropy([[0.0, -np.inf]], [[1.0, 0.0]]))
        [0.]
    """
    (z, y), dtype = _logits((z, y), ("z", "y"))
    (z, y), _, _, outer = _last([z, y], axis)
    if z.shape[-1] == 0:
        return _result(np.zeros(outer), dtype)
    z = np.ascontiguousarray(z)
    parts = _Parts(z)
    with np.errstate(invalid="ignore"):
        # -log softmax_i = (-t_i - c_i) + L, each part >= 0 up to c_i's rounding size
        terms = y * ((parts.L - parts.t) - parts.c)
    terms[y == 0] = 0.0
    terms[_labels_bad(y)] = np.nan
    terms[_bad_rows(z)] = np.nan
    return _result(terms.sum(axis=-1).reshape(outer), dtype)


def softmax_cross_entropy_grad(z, y, axis: int = -1) -> np.ndarray:
    """Gradient d H(y, softmax(z)) / dz = softmax(z) * sum(y) - y, elementwise along `axis`
    (softmax(z) - y for a label distribution y).

    softmax is e^(z_j - m) / (1 + T), and at the argmax k, where softmax is near 1 and
    cancels against y_k near 1, (sum(y) - y_k) - sum(y) T / (1 + T): 1 - y_k is exact
    there. Conventions: as softmax_cross_entropy; a negative or nan label gives nan in its
    own entry. Where y_i agrees with softmax(z)_i to b bits the two terms cancel: rows
    with such an entry are redone in np.longdouble, which keeps 4 ULP up to b = 8; beyond,
    the error is a few ULP of the larger term.
    Derivation: softmax_cross_entropy_grad (the right side of its conclusion,
    e^(z_e) sum_i y_i / sum_j e^(z_j) - y_e).

    Examples:
        >>> print(softmax_cross_entropy_grad([0.0, 0.0], [1.0, 0.0]))
        [-0.5  0.5]
    """
    (z, y), dtype = _logits((z, y), ("z", "y"))
    (z, y), shape, axis, _ = _last([z, y], axis)
    if z.shape[-1] == 0:
        return _result(np.empty(shape), dtype)
    z, y = np.ascontiguousarray(z), np.ascontiguousarray(y)
    grad, scale = _softmax_grad(_Parts(z), y)
    # the two terms cancel: redo those rows in np.longdouble (as sigmoid_minus does)
    with np.errstate(invalid="ignore"):
        close = (np.abs(grad) < scale).any(axis=-1)
    if close.any():
        grad[close] = _softmax_grad_wide(z[close], y[close])
    grad[_labels_bad(y)] = np.nan
    grad[_bad_rows(z)] = np.nan
    return _result(np.moveaxis(grad, -1, axis), dtype)


def _softmax_grad_wide(z, y):
    """softmax(z) sum(y) - y for rows z, y in np.longdouble (64-bit significand on x86),
    in the same form as the float64 one (1 - y_k exact at the argmax k): 11 more bits
    absorb a cancellation of up to 2^8 within a few ULP once rounded."""
    parts = _Parts(z.astype(np.longdouble))
    y = y.astype(np.longdouble)
    return _softmax_grad(parts, y)[0].astype(np.float64)


def _softmax_grad(parts, y):
    """softmax(z) sum(y) - y from the parts of z: e_j / (1 + T) away from the argmax k,
    (sum(y) - y_k) - sum(y) T / (1 + T) at k. Also returns the size of the cancelling
    term (softmax_j sum(y), or sum(y) T / (1 + T) at k)."""
    total = y.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore"):
        scale = parts.softmax() * total
        top = total * (parts.T / (1 + parts.T))
        grad = scale - y
        yk = np.take_along_axis(y, parts.k, axis=-1)
        np.put_along_axis(grad, parts.k, (total - yk) - top, axis=-1)
    np.put_along_axis(scale, parts.k, top, axis=-1)
    return grad, scale


#: sum_{k>=2} l^k (k - 1)/k! = 1 + (l - 1) e^l, coefficients of l^2, l^3, ... for
#: Horner's rule: to l^21, so that for |l| <= 1 the next term is below 2^-60 of the sum
_G_SERIES = tuple((k - 1) / float(np.prod(np.arange(1, k + 1, dtype=float))) for k in range(2, 22))


def _g_small(x):
    """1 + (x - 1) e^x (>= 0, ~ x^2/2) for |x| <= 1, by its series: the closed form
    cancels to nothing as x -> 0."""
    acc = np.full_like(x, _G_SERIES[-1])
    for a in reversed(_G_SERIES[:-1]):
        acc *= x
        acc += a
    return acc * x * x


def kl_divergence_logits(zp, zq, axis: int = -1) -> np.ndarray:
    """KL divergence D_KL(softmax(zp) || softmax(zq)), summed over `axis`.

    Computed as sum_i q_i g(l_i), g(l) = 1 + (l - 1) e^l >= 0, l_i = log p_i - log q_i: a
    sum of terms >= 0 (it equals sum_i p_i l_i because both distributions sum to 1), so p
    close to q costs no digits. l_i is found from the logit differences d_i = zp_i - zq_i
    shifted by d at p's argmax r (exact when the logits are close), as
    l_i = (d_i - d_r) - log1p(sum_j q_j expm1(d_j - d_r)); g by its series for |l| <= 1,
    else as q_i + p_i (l_i - 1). Conventions: a logit of -inf is a probability of 0 (0 log 0
    = 0; p_i > 0 = q_i gives +inf); +inf or nan gives nan; an empty axis gives 0.

    Examples:
        >>> print(kl_divergence_logits([0.0, 0.0], [5.0, 5.0]))
        0.0
        >>> print(kl_divergence_logits([0.0, 0.0], [0.0, -np.inf]))
        inf
    """
    (zp, zq), dtype = _logits((zp, zq), ("zp", "zq"))
    (zp, zq), _, _, outer = _last([zp, zq], axis)
    if zp.shape[-1] == 0:
        return _result(np.zeros(outer), dtype)
    n = zp.shape[-1]
    zp, zq = np.ascontiguousarray(zp).reshape(-1, n), np.ascontiguousarray(zq).reshape(-1, n)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        total = _kl_terms(zp, zq, _Parts(zp), _Parts(zq)).sum(axis=-1)
    # p_i > 0 = q_i anywhere: +inf, whatever the other terms (their shift may be inf too)
    total[((zq == -np.inf) & (zp > -np.inf)).any(axis=-1)] = np.inf
    total[_bad_rows(zp) | _bad_rows(zq)] = np.nan
    return _result(total.reshape(outer), dtype)


#: above this, q expm1(d) is an underflow times an overflow: taken as e^(log q + d) - q
_EXP_SAFE = 700.0


def _kl_terms(zp, zq, pp, pq):
    """q_i g(l_i) for each i, with l_i = log p_i - log q_i found from the logits."""
    p, q = pp.softmax(), pq.softmax()
    log_q, log_p = pq.log_softmax(), pp.log_softmax()
    d, c = _two_diff(zp, zq)
    # the shift: d at r, q's argmax among the p_j > 0. Then 1 + M = q_r / p_r: where it
    # lies in [1/2, 2], p is close to q at q's mode and the shifted form keeps the digits
    # of a small l_i; elsewhere p and q are far apart there, and log p - log q is used
    r = np.argmax(np.where(zp > -np.inf, zq, -np.inf), axis=-1)[..., None]
    eps, c2 = _two_diff(d, np.take_along_axis(d, r, axis=-1))
    eps += c2 + (c - np.take_along_axis(c, r, axis=-1))
    w = q * np.expm1(eps)
    big = eps > _EXP_SAFE
    w[big] = np.exp(log_q[big] + eps[big]) - q[big]
    w[(zq == -np.inf) | (zp == -np.inf)] = -q[(zq == -np.inf) | (zp == -np.inf)]
    moment = w.sum(axis=-1, keepdims=True)
    shifted = (moment >= -0.5) & (moment <= 1.0)
    gap = np.where(shifted, eps - np.log1p(moment), log_p - log_q)  # l_i
    small = np.abs(gap) <= 1
    terms = q + p * (gap - 1)
    terms[small] = q[small] * _g_small(gap[small])
    # p below the normal range has lost digits (or underflowed to 0) while p (l - 1) may
    # not be small: that product with e^(z_i - max) lifted by e^700
    tiny = (p < _NORMAL) & (gap > 1) & (zp > -np.inf)
    if tiny.any():
        terms[tiny] = q[tiny] + _lifted_softmax_times(pp, tiny, gap[tiny] - 1)
    # a logit of -inf is a probability of 0: its term is q_i g(-inf) = q_i
    terms[zp == -np.inf] = q[zp == -np.inf]
    return terms


#: the smallest normal float64
_NORMAL = 2.2250738585072014e-308
#: e^(t + _LIFT) is a normal number for every t whose e^t underflows, and e^-_LIFT too
_LIFT = 700.0


def _lifted_softmax_times(parts, mask, factor):
    """softmax_i * factor at `mask`, for softmax_i below the normal range: e^(t_i + c_i)
    lifted by e^700 (t_i + 700 split exactly by TwoSum), so p's digits survive until the
    last multiply by e^-700 rounds once."""
    lifted, error = _two_diff(parts.t[mask], np.full(mask.sum(), -_LIFT))
    e = _exp_corrected(lifted, error + parts.c[mask])
    total = np.broadcast_to(parts.T, mask.shape)[mask]
    return (e / (1 + total) * factor) * np.exp(-_LIFT)


def _bad_rows(z):
    """Rows with nan or +inf, or with every logit -inf (no distribution): nan."""
    return (np.isnan(z) | (z == np.inf)).any(axis=-1) | (z == -np.inf).all(axis=-1)
