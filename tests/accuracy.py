"""mpmath references and adversarial grids for the exported functions (shared by tests and
the figures in docs/export.md: `python -m tests.accuracy` prints the worst error per function)."""

import itertools

import mpmath
import numpy as np

__all__ = [
    "PROBABILITIES",
    "LOGITS",
    "LABELS",
    "REFERENCES",
    "grid",
    "single_grid",
    "ulp_errors",
    "ROW_REFERENCES",
    "row_grid",
    "row_references",
    "row_ulp_errors",
    "softmax_grad_condition",
]

#: digits: enough for 1 - 5e-324 and for e^-800 next to 800 (cancellations the float
#: inputs can set up), and well above the 50 the issue asks for
DIGITS = 1000

#: probabilities at and near 0 and 1 (0, subnormals, the smallest normal, p < 1e-304,
#: tiny normals, 1 - 1e-16, 1)
_SMALL = [0.0, 5e-324, 1e-320, 1e-310, 2.2250738585072014e-308, 1e-305, 1e-300, 1e-200]
_SMALL += [1e-100, 1e-30, 1e-16, 1e-10, 1e-5, 1e-3]
_LARGE = [0.1, 0.3, 0.5, 0.7, 0.9, 0.999, 1 - 1e-10, 1 - 2**-52, 1 - 2**-53, 1.0]
PROBABILITIES = np.array(_SMALL + _LARGE)
#: logits: 0, +-1e-300, +-logspace(-16, 5), 27..32 (where sigma(x) - (1 - 2^-53) was
#: 1e10 ULP off), and around the float64 limits of exp
_MAGNITUDES = np.concatenate(
    [[1e-300], np.logspace(-16, 5, 43), np.arange(27.0, 33.0), [36.7, 709, 710, 745, 800]]
)
LOGITS = np.concatenate([[0.0], _MAGNITUDES, -_MAGNITUDES])
#: hard labels, soft ones, 1/2 (sigma(x) - 1/2 ~ x/4 cancels) and one ULP from 0 and 1
LABELS = np.array([0.0, 1.0, 0.3, 0.5, 2**-53, 1 - 2**-53])
#: relative perturbations: q = p (1 +- delta)
DELTAS = np.array([2**-52, 1e-15, 1e-12, 1e-8, 1e-4, 0.1])


def _mp(x: float) -> mpmath.mpf:
    return mpmath.mpf(float(x))


def _xlogy(x, y):
    return mpmath.mpf(0) if x == 0 else x * mpmath.log(y) if y > 0 else -mpmath.inf * x


def _rel_entr(p, q):
    if p == 0:
        return mpmath.mpf(0)
    return mpmath.inf if q == 0 else p * mpmath.log(p / q)


def _bce(a, b):
    return -_xlogy(a, b) - _xlogy(1 - a, 1 - b)


def _bce_grad(a, b):
    # d/db of -a log b - (1 - a) log(1 - b), with a term whose factor is 0 dropped
    first = mpmath.mpf(0) if a == 0 else (-mpmath.inf if b == 0 else -a / b)
    second = mpmath.mpf(0) if a == 1 else (mpmath.inf if b == 1 else (1 - a) / (1 - b))
    return first + second


def _ce_grad(p, q):
    return mpmath.mpf(0) if p == 0 else (-mpmath.inf if q == 0 else -p / q)


def _entropy_grad(p):
    return mpmath.inf if p == 0 else -mpmath.log(p) - 1


def _ce_grad_p(q):
    return mpmath.inf if q == 0 else -mpmath.log(q)


def _kl_grad_p(p, q):
    if p == 0 or q == 0:
        # log(p/q) + 1: -inf at p = 0 < q, +inf at q = 0 < p, no limit at p = q = 0
        return mpmath.nan if p == q else -mpmath.inf if p == 0 else mpmath.inf
    return mpmath.log(p / q) + 1


def _logistic(eta, y):
    return -eta * y + mpmath.log1p(mpmath.exp(eta))


def _logistic_grad(eta, y):
    return 1 / (1 + mpmath.exp(-eta)) - y


#: function name -> (reference of one element, or of a vector for the sums; summed?)
REFERENCES = {
    "entropy": (lambda p: -_xlogy(p, p), True),
    "cross_entropy": (lambda p, q: -_xlogy(p, q), True),
    "kl_divergence": (_rel_entr, True),
    "cross_entropy_grad": (_ce_grad, False),
    "cross_entropy_grad_p": (_ce_grad_p, False),
    "entropy_grad": (_entropy_grad, False),
    "kl_divergence_grad_p": (_kl_grad_p, False),
    "kl_divergence_grad_q": (_ce_grad, False),
    "binary_cross_entropy": (_bce, False),
    "binary_cross_entropy_grad": (_bce_grad, False),
    "logistic_loss": (_logistic, False),
    "logistic_loss_grad": (_logistic_grad, False),
}


#: the functions of one probability
_OF_ONE = ("entropy", "entropy_grad", "cross_entropy_grad_p")


def grid(name: str) -> tuple[np.ndarray, ...]:
    """The adversarial grid for one function, as flat argument arrays."""
    if name in _OF_ONE:
        return (PROBABILITIES,)
    if name.startswith("logistic"):
        eta, y = zip(*itertools.product(LOGITS, LABELS), strict=True)
        return np.array(eta), np.array(y)
    pairs = list(itertools.product(PROBABILITIES, PROBABILITIES))
    for p, d in itertools.product(PROBABILITIES, DELTAS):
        pairs += [(p, q) for q in (p * (1 + d), p * (1 - d)) if q <= 1]
    p, q = zip(*pairs, strict=True)
    return np.array(p), np.array(q)


#: float32 probabilities: the float64 ones that stay distinct in float32, float32's own
#: subnormals and smallest normal, p < 1e-38, and one ULP (2^-24) from 1
_SINGLE_SMALL = [1e-45, 1e-42, 1e-40, 1.1754944e-38, 1e-37, 1e-20]
_SINGLE_NEAR_ONE = [1 - 2**-23, 1 - 2**-24]
#: float32 logits: float64's, and around float32's limits of exp (88.7, 103.9)
_SINGLE_LOGITS = [88.0, 89.0, 103.0, 104.0]


def single_grid(name: str) -> tuple[np.ndarray, ...]:
    """`grid(name)` in float32, with float32's own edges: subnormals, p < 1e-38, 1 - 2^-24,
    q = p (1 +- 2^-23), logits past float32's exp range and labels 1 - 2^-24."""
    if name in _OF_ONE:
        probabilities = np.concatenate([PROBABILITIES, _SINGLE_SMALL, _SINGLE_NEAR_ONE])
        return (np.unique(probabilities.astype(np.float32)),)
    if name.startswith("logistic"):
        logits = np.unique(np.concatenate([LOGITS, _SINGLE_LOGITS, -np.array(_SINGLE_LOGITS)]))
        labels = np.unique(np.concatenate([LABELS, [2**-24, 1 - 2**-24]]).astype(np.float32))
        eta, y = zip(*itertools.product(logits.astype(np.float32), labels), strict=True)
        return np.array(eta, np.float32), np.array(y, np.float32)
    (p,) = single_grid("entropy")
    pairs = list(itertools.product(p, p))
    for x, d in itertools.product(p, [2**-23, 2**-20, 1e-4, 0.1]):
        pairs += [(x, q) for q in np.float32([x * (1 + d), x * (1 - d)]) if q <= 1]
    first, second = zip(*pairs, strict=True)
    return np.array(first, np.float32), np.array(second, np.float32)


_DOUBLE = np.dtype(np.float64)


def ulp_errors(name: str, got: np.ndarray, args: tuple[np.ndarray, ...]) -> np.ndarray:
    """Error of `got` in units of the last place of the true value in got's dtype (for a
    subnormal true value, units of the smallest subnormal); 0 where both are the same
    infinity; inf where one is finite and the other not."""
    reference = REFERENCES[name][0]
    errors = np.empty(len(got))
    dtype = np.asarray(got).dtype
    with mpmath.workdps(DIGITS):
        for k, (value, *point) in enumerate(zip(got, *args, strict=True)):
            exact = reference(*(_mp(x) for x in point))
            errors[k] = _ulps(float(value), exact, dtype)
    return errors


def _ulps(value: float, exact: mpmath.mpf, dtype: np.dtype = _DOUBLE) -> float:
    if mpmath.isnan(exact):  # no value (a limit that does not exist): nan is exact
        return 0.0 if np.isnan(value) else np.inf
    top = np.finfo(dtype).max
    if mpmath.isinf(exact) or abs(exact) > top:
        return 0.0 if np.isinf(value) and np.sign(value) == mpmath.sign(exact) else np.inf
    if not np.isfinite(value):
        return np.inf
    error = abs(_mp(value) - exact)
    # np.spacing of a subnormal (or of 0) is the smallest subnormal (5e-324 in float64)
    return float(error / _mp(np.spacing(np.abs(dtype.type(exact)))))


#: logits for the softmax functions: 0, tiny, moderate, past exp's range, gaps to 1e5, -inf
_ROW_LOGITS = [0.0, 1e-300, 1e-16, 1e-8, 0.1, 1.0, 2.5, 30.0, 700.1, 745.0, 800.0, 1e5]
ROW_LOGITS = np.array([*sorted({*_ROW_LOGITS, *(-x for x in _ROW_LOGITS)}), -np.inf])
#: label rows for two classes: one-hot, soft, one ULP from one-hot
_ROW_LABELS = [(1.0, 0.0), (0.0, 1.0), (0.5, 0.5), (0.3, 0.7), (1 - 2**-53, 2**-53)]


def _row_pairs() -> np.ndarray:
    """All two-class logit rows, and three-class rows drawn from the same values."""
    two = list(itertools.product(ROW_LOGITS, ROW_LOGITS))
    rng = np.random.default_rng(0)
    three = rng.choice(ROW_LOGITS, (150, 3))
    return two, three


def row_grid(name: str) -> tuple[np.ndarray, ...]:
    """The adversarial grid for a softmax function: rows (2-D arrays, the class axis last),
    as many arrays as the function takes. Rows of different lengths come as a list of
    grids: [(rows of 2), (rows of 3)]."""
    two, three = _row_pairs()
    grids = []
    for rows in (np.array(two), three):
        rows = rows[np.isfinite(rows).any(axis=1)]  # a row of all -inf is no distribution
        if name == "log_softmax":
            grids.append((rows,))
        elif name.startswith("softmax_cross_entropy"):
            n = rows.shape[1]
            labels = [np.pad(y, (0, n - 2)) for y in _ROW_LABELS] + [np.full(n, 1 / n)]
            z = np.repeat(rows, len(labels), axis=0)
            grids.append((z, np.tile(labels, (len(rows), 1))))
        else:
            # q: another row, and the same row moved by 1e-8 and 2^-52 relative
            rng = np.random.default_rng(1)
            other = rows[rng.permutation(len(rows))]
            with np.errstate(invalid="ignore"):
                near = [rows * (1 + d * rng.choice([-1, 1], rows.shape)) for d in (1e-8, 2**-52)]
            zq = np.concatenate([other, *near])
            zp = np.concatenate([rows] * 3)
            grids.append((zp, zq))
    return grids


def _lse(z):
    return mpmath.log(mpmath.fsum(mpmath.exp(x) for x in z if x != -mpmath.inf))


def _log_softmax_row(z):
    lse = _lse(z)
    return [x - lse for x in z]


def _ce_row(z, y):
    lse = _lse(z)
    return mpmath.fsum(0 if w == 0 else w * (lse - x) for x, w in zip(z, y, strict=True))


def _ce_grad_row(z, y):
    lse, total = _lse(z), mpmath.fsum(y)
    return [mpmath.exp(x - lse) * total - w for x, w in zip(z, y, strict=True)]


def _kl_row(zp, zq):
    lp, lq = _log_softmax_row(zp), _log_softmax_row(zq)
    terms = []
    for a, b in zip(lp, lq, strict=True):
        if a == -mpmath.inf:
            continue
        terms.append(mpmath.inf if b == -mpmath.inf else mpmath.exp(a) * (a - b))
    return mpmath.fsum(terms)


#: softmax function -> (reference of one row: a list for the elementwise ones, or a number)
ROW_REFERENCES = {
    "log_softmax": _log_softmax_row,
    "softmax_cross_entropy": _ce_row,
    "softmax_cross_entropy_grad": _ce_grad_row,
    "kl_divergence_logits": _kl_row,
}


def softmax_grad_condition(args: tuple[np.ndarray, ...]) -> np.ndarray:
    """For each element of softmax_cross_entropy_grad's rows: how far its two terms
    cancel, max(softmax_i sum(y), y_i) / |softmax_i sum(y) - y_i| (inf where it is 0); flat."""
    conditions = []
    with mpmath.workdps(DIGITS):
        for z, y in zip(*args, strict=True):
            z, y = [_mp(x) for x in z], [_mp(x) for x in y]
            lse, total = _lse(z), mpmath.fsum(y)
            for x, w in zip(z, y, strict=True):
                softmax = mpmath.exp(x - lse) * total
                gap = abs(softmax - w)
                conditions.append(float(max(softmax, w) / gap) if gap else np.inf)
    return np.array(conditions)


def row_references(name: str, args: tuple[np.ndarray, ...]) -> list:
    """The exact value (or row of values) of a softmax function for each input row."""
    reference = ROW_REFERENCES[name]
    with mpmath.workdps(DIGITS):
        return [reference(*([_mp(x) for x in a[k]] for a in args)) for k in range(len(args[0]))]


def row_ulp_errors(name: str, got, args: tuple[np.ndarray, ...], exact=None) -> np.ndarray:
    """ULP errors of a softmax function's rows `got` (one value or one row per input row),
    as `ulp_errors` measures them, against `exact` (row_references by default); flat."""
    exact = row_references(name, args) if exact is None else exact
    errors = []
    with mpmath.workdps(DIGITS):
        for value, truth in zip(got, exact, strict=True):
            pairs = zip(np.ravel(value), truth, strict=True) if np.ndim(value) else [(value, truth)]
            errors += [_ulps(float(v), e, np.asarray(v).dtype) for v, e in pairs]
    return np.array(errors)


def main() -> None:
    import symkl.functions as f

    def call(name, args):
        fn = getattr(f, name)
        return fn(*(a[:, None] for a in args)) if REFERENCES[name][1] else fn(*args)

    print(f"{'function':27s} {'points':>6s} {'whole grid':>11s} {'each point':>11s}  (worst ULP)")
    for name in REFERENCES:
        args = grid(name)
        whole = ulp_errors(name, call(name, args), args).max()
        each = np.concatenate(
            [np.ravel(call(name, [a[k : k + 1] for a in args])) for k in range(len(args[0]))]
        )
        print(
            f"{name:27s} {len(args[0]):6d} {whole:11.2f} {ulp_errors(name, each, args).max():11.2f}"
        )
    print("softmax functions: rows of logits (grad: ULP where its terms cancel by <= 2^8;")
    print("  beyond that, ULP of the larger term, in brackets)")
    for name in ROW_REFERENCES:
        fn = getattr(f, name)
        worst, rows = [0.0, 0.0], 0
        beyond = 0.0
        for args in row_grid(name):
            rows += len(args[0])
            exact = row_references(name, args)
            each = [fn(*(a[k] for a in args)) for k in range(len(args[0]))]
            condition = softmax_grad_condition(args) if name.endswith("_grad") else None
            for j, got in enumerate((fn(*args), each)):
                errors = row_ulp_errors(name, got, args, exact)
                if condition is not None:
                    beyond = max(beyond, (errors / condition)[condition > 2**8].max(initial=0))
                    errors = errors[condition <= 2**8]
                worst[j] = max(worst[j], errors.max())
        note = f"  [{beyond:.2g}]" if name.endswith("_grad") else ""
        print(f"{name:27s} {rows:6d} {worst[0]:11.2f} {worst[1]:11.2f}{note}")


if __name__ == "__main__":
    main()
