#!/usr/bin/env python3
"""Establish, independently of symkl, which keyed steps of the adversarial corpus are true.

For each notes file NAME.md the module truth_NAME.py gives every keyed step as two Python
functions over mpmath, typed by hand from the mathematics (no symkl, no reading of the
LaTeX), with the domain the file states. This script samples each step at many points of
that domain and decides:

- valid: the relation holds at every point within a relative tolerance of 1e-40 (relative
  to the larger side, or to the step's declared scale of cancelling terms; an inequality may
  hold with equality within the tolerance);
- invalid: it fails at some point by more than the tolerance.

A point is first evaluated at the step's working precision (80 digits by default); a point
where the relation seems to fail is evaluated again at 700 digits (enough for e^-800 next to
1 and for probabilities of 1e-300), and only a failure there counts.

Points: reals include 0, tiny (down to 1e-200) and large (up to +-800) values; positives
span 1e-100..1e100; probabilities include the tails 1e-300 and 1 - 1e-40; labels include 0
and 1; sizes n, m are drawn both small (1..6) and large (up to 300); distributions are
uniform, Dirichlet-like, with tiny entries (down to 1e-300), or nearly one-hot. The first
points cycle through every kind of draw, so the tails are always visited.

It then compares the verdicts with key.json and with the notes (each keyed line must hold the
step's text and exactly one relation symbol; each file's front matter must state the domain
used here). Exit status 0 when everything agrees, 1 otherwise (each disagreement printed).

Usage: truth.py [--points N] [--seed S] [-v] [FILE.md ...]
"""

import argparse
import importlib
import json
import random
import re
import sys
import time
import zlib
from pathlib import Path

import yaml
from mpmath import mp, mpf

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

TOL = mpf(10) ** -40
HIGH = 700  # digits of the second evaluation
POINTS = 80
SEED = 20240607
MODULES = [
    "truth_gaussian_log_density",
    "truth_gaussian_kl",
    "truth_softmax",
    "truth_sigmoid",
    "truth_logistic_loss",
    "truth_logistic_batch",
    "truth_bernoulli",
    "truth_entropy_bounds",
    "truth_cross_entropy",
    "truth_log_sum",
    "truth_sums",
    "truth_constants",
    "truth_tables",
    "truth_tails",
]


# ---------------------------------------------------------------- sampling the stated domain


def _sign(rng: random.Random) -> int:
    return 1 if rng.random() < 0.5 else -1


def _pow10(e: float) -> mpf:
    """10^e as the nearest double (|e| <= 300 here): an exact binary number of the domain."""
    return mpf(10.0**e)


REAL = [
    lambda r: mpf(r.gauss(0, 1)),
    lambda r: mpf(r.gauss(0, 10)),
    lambda r: _sign(r) * mpf(r.uniform(30, 60)),
    lambda r: _sign(r) * mpf(r.uniform(700, 800)),
    lambda r: _sign(r) * _pow10(-r.uniform(5, 200)),
    lambda r: mpf(0),
    lambda r: mpf(r.uniform(-5, 5)),
    lambda r: _sign(r) * mpf(r.choice([50, 800])),
]
POSITIVE = [
    lambda r: _pow10(r.uniform(-3, 3)),
    lambda r: _pow10(r.uniform(-30, 30)),
    lambda r: _pow10(-r.uniform(30, 100)),
    lambda r: _pow10(r.uniform(30, 100)),
    lambda r: mpf(r.uniform(0, 5)) + _pow10(-20),
    lambda r: mpf(1),
]
PROBABILITY = [
    lambda r: mpf(r.uniform(0.001, 0.999)),
    lambda r: _pow10(-r.uniform(1, 300)),
    lambda r: 1 - _pow10(-r.uniform(1, 40)),
    lambda r: mpf(1) / 2,
    lambda r: mpf(r.uniform(0.4, 0.6)),
    lambda r: _pow10(-r.uniform(1, 15)),
    lambda r: _pow10(-r.uniform(250, 300)),
]
LABEL = [lambda r: mpf(0), lambda r: mpf(1), *PROBABILITY]
INTEGER = [
    lambda r: r.randint(1, 6),
    lambda r: r.randint(7, 300),
    lambda r: 1,
    lambda r: r.randint(1, 30),
    lambda r: 300,
    lambda r: r.randint(2, 6),
]
SCALARS = {"real": REAL, "positive": POSITIVE, "probability": PROBABILITY, "label": LABEL}


def _normalize(w: list) -> list:
    total = sum(w)
    return [x / total for x in w]


DISTRIBUTION = [
    lambda r, n: [mpf(1) / n] * n,
    lambda r, n: _normalize([mpf(-_log_uniform(r)) for _ in range(n)]),
    lambda r, n: _normalize([mpf(10.0 ** -r.uniform(0, 300)) for _ in range(n)]),
    lambda r, n: _one_hot(r, n),
    lambda r, n: _normalize([mpf(r.random()) ** 10 + _pow10(-300) for _ in range(n)]),
]


def _log_uniform(r: random.Random) -> float:
    import math

    return math.log(1.0 - r.random())


def _one_hot(r: random.Random, n: int) -> list:
    rest = [mpf(10.0 ** -r.uniform(10, 300)) / n for _ in range(n - 1)]
    k = r.randrange(n)
    rest.insert(k, 1 - sum(rest))
    return rest


def _vector(r: random.Random, kind: str, n: int, k: int) -> list:
    if kind == "distribution":
        return DISTRIBUTION[k % len(DISTRIBUTION)](r, n)
    recipes = SCALARS[kind]
    if k % 3 == 2:  # entries of mixed kinds of draw
        return [r.choice(recipes)(r) for _ in range(n)]
    one = recipes[k % len(recipes)]
    return [one(r) for _ in range(n)]


def sample(domain: dict, count: int, seed: int) -> list[dict]:
    """`count` points of the domain; point k < 3 * (number of recipes) cycles through the
    recipes (each symbol with its own offset), later points draw them at random."""
    rng = random.Random(seed)
    points = []
    with mp.workdps(HIGH):
        for k in range(count):
            v: dict = {}
            sizes = [s for s, kind in domain.items() if kind == "integer"]
            order = sizes + [s for s in domain if s not in sizes]
            for j, name in enumerate(order):
                kind = domain[name]
                pick = k + 3 * j if k < 24 else rng.randrange(1000)
                if kind == "integer":
                    v[name] = INTEGER[pick % len(INTEGER)](rng)
                elif isinstance(kind, tuple):
                    v[name] = _vector(rng, kind[0], v[kind[1]], pick)
                else:
                    recipes = SCALARS[kind]
                    v[name] = recipes[pick % len(recipes)](rng)
            points.append(v)
    return points


# ---------------------------------------------------------------- deciding one step


def _flat(x) -> list:
    return list(x) if isinstance(x, list | tuple) else [x]


def _holds(step, v: dict, dps: int):
    """(True | False | None, detail): None when a side could not be evaluated."""
    with mp.workdps(dps):
        try:
            a, b = _flat(step.lhs(v)), _flat(step.rhs(v))
            scale = step.scale(v) if callable(step.scale) else step.scale
        except (ArithmeticError, ValueError, AssertionError) as e:
            return None, f"error {type(e).__name__}: {e}"
        if len(a) != len(b):
            return False, f"sizes {len(a)} != {len(b)}"
        for x, y in zip(a, b, strict=True):
            x, y = mpf(x), mpf(y)
            if mp.isnan(x) or mp.isnan(y) or mp.isinf(x) or mp.isinf(y):
                return None, f"not finite: {x} vs {y}"
            tol = TOL * max(abs(x), abs(y), abs(mpf(scale)))
            ok = {
                "=": abs(x - y) <= tol,
                "<=": x - y <= tol,
                "<": x - y <= tol,
                ">=": x - y >= -tol,
                ">": x - y >= -tol,
            }[step.rel]
            if not ok:
                return False, f"{mp.nstr(x, 20)} {step.rel} {mp.nstr(y, 20)} fails"
        return True, ""


def _describe(v: dict) -> str:
    out = []
    for name, x in v.items():
        if isinstance(x, list):
            out.append(f"{name}=[{len(x)} entries, min {mp.nstr(min(x), 5)}]")
        else:
            out.append(f"{name}={mp.nstr(x, 8)}")
    return ", ".join(out)


def _rounded(v: dict, dps: int) -> dict:
    """The point with every number rounded to `dps` digits (cheaper arithmetic; within
    10^-dps of the point, far inside the tolerance)."""
    with mp.workdps(dps):
        return {
            k: [+y for y in x] if isinstance(x, list) else x if isinstance(x, int) else +x
            for k, x in v.items()
        }


def decide(step, points: list[dict], cache: dict | None = None) -> tuple[str, str]:
    """("valid" | "invalid" | "error", detail of the first failing point).

    Each point is evaluated at the step's precision from its rounded copy, and, where the
    relation seems to fail there, again at HIGH digits from the full point."""
    cache = {} if cache is None else cache
    if step.dps not in cache:
        cache[step.dps] = [_rounded(v, step.dps) for v in points]
    for v, low in zip(points, cache[step.dps], strict=True):
        ok, _ = _holds(step, low, step.dps)
        if ok:
            continue
        ok, detail = _holds(step, v, HIGH)
        if ok:
            continue
        return ("invalid" if ok is False else "error"), f"{detail} at {_describe(v)}"
    return "valid", ""


# ---------------------------------------------------------------- the notes and the key

_RELATION = re.compile(
    r"(?<![:<>!\\])=|\\leq?(?![a-zA-Z])|\\geq?(?![a-zA-Z])|\\ne(?![a-zA-Z])|\\neq"
    r"|(?<![!\-])<(?!!)|(?<!-)>"
)


def relations_on(line: str) -> int:
    """How many relation symbols a line of display math holds (sum limits not counted)."""
    s = line
    while True:
        t = re.sub(r"_\{[^{}]*\}", "", s)
        if t == s:
            break
        s = t
    return len(_RELATION.findall(s))


def front_matter(text: str) -> dict:
    m = re.match(r"\A---\n(.*?)\n---\s*\n", text, re.S)
    if m is None:
        return {}
    data = yaml.safe_load(m.group(1)) or {}
    return dict((data.get("symkl") or {}).get("assume") or {})


def check(points: int = POINTS, seed: int = SEED, files=None, verbose: bool = False):
    """Decide every keyed step and compare with key.json.

    Returns (problems, counts): a list of printable disagreements and a dict of counts
    (files, keyed, valid, invalid as decided here).
    """
    key = json.loads((HERE / "key.json").read_text())
    problems: list[str] = []
    counts = {"files": 0, "keyed": 0, "valid": 0, "invalid": 0}
    seen = set()
    for modname in MODULES:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError:
            problems.append(f"{modname}: no such truth module")
            continue
        name = mod.FILE
        seen.add(name)
        if files and name not in files:
            continue
        t0 = time.monotonic()
        counts["files"] += 1
        text = (HERE / name).read_text()
        lines = text.splitlines()
        stated = front_matter(text)
        domain = {k: (d[0] if isinstance(d, tuple) else d) for k, d in mod.DOMAIN.items()}
        if stated != domain:
            problems.append(f"{name}: front matter {stated} != domain of the truth {domain}")
        keyed = {int(k): v for k, v in key.get(name, {}).items()}
        mine = {s.line for s in mod.STEPS}
        if len(mine) != len(mod.STEPS):
            problems.append(f"{name}: two steps on one line")
        for line in sorted(set(keyed) ^ mine):
            problems.append(f"{name}:{line}: in {'the key' if line in keyed else 'the truth'} only")
        pts = sample(mod.DOMAIN, points, seed + zlib.crc32(name.encode()))
        cache: dict = {}
        for step in mod.STEPS:
            src = lines[step.line - 1] if 0 < step.line <= len(lines) else ""
            if step.text not in src:
                problems.append(f"{name}:{step.line}: the line does not hold {step.text!r}")
            if relations_on(src) != 1:
                problems.append(f"{name}:{step.line}: {relations_on(src)} relations on the line")
            verdict, detail = decide(step, pts, cache)
            counts["keyed"] += 1
            counts[verdict] = counts.get(verdict, 0) + 1
            want = keyed.get(step.line)
            if verdict != want:
                problems.append(
                    f"{name}:{step.line}: truth says {verdict}, key says {want}"
                    + (f" ({detail})" if detail else "")
                )
            elif verbose:
                print(f"  {name}:{step.line}: {verdict}" + (f"  ({detail})" if detail else ""))
        if verbose:
            print(f"{name}: {len(mod.STEPS)} steps, {time.monotonic() - t0:.1f} s")
    for name in key:
        if not name.startswith("_") and name not in seen:
            problems.append(f"{name}: in the key but no truth module")
    for md in sorted(HERE.glob("*.md")):
        if md.name != "README.md" and md.name not in seen:
            problems.append(f"{md.name}: notes without a truth module")
    return problems, counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", help="only these notes files")
    ap.add_argument("--points", type=int, default=POINTS)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    t0 = time.monotonic()
    problems, counts = check(a.points, a.seed, set(a.files) or None, a.verbose)
    for p in problems:
        print("DISAGREE", p)
    print(
        f"{counts['files']} files, {counts['keyed']} keyed steps: {counts['valid']} valid, "
        f"{counts['invalid']} invalid, {counts.get('error', 0)} errors; {a.points} points "
        f"per step; {len(problems)} disagreements with key.json; "
        f"{time.monotonic() - t0:.1f} s"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
