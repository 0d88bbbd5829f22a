"""A refuted step's counterexample as rows of a small table, at a sensible precision.

## Main definitions
- `counterexample_rows(values)`: (name, text) rows: the point's values as the checker gives
  them, then `before`, `after` and `difference` (with its certified error bound).

The sides are shown to as many digits as it takes to see them differ (two more than
`log10(size / difference)`, at least `MIN_DIGITS`): 0.757987001870 against 0.757987002120
shows a certified gap, not rounding, and 0.693 against 0 needs no twelve digits. A value
beyond `HUGE` is shown as that bound ("> 1e+308"), which its ball certifies, not as a
midpoint with a ten-digit exponent nobody can read. Every entry is plain text: the
callers escape it for their target.
"""

import math

__all__ = ["SIDES", "NOT_VARIABLES", "MIN_DIGITS", "HUGE", "counterexample_rows"]

#: the two sides' values and their difference, in the order shown
SIDES = ("before", "after", "difference")
#: counterexample keys that are not the point's variables
NOT_VARIABLES = (*SIDES, "bits", "error_bound", "why")
#: fewest and most significant digits a side is shown to
MIN_DIGITS, MAX_DIGITS = 3, 17
#: magnitudes shown only as a bound: beyond a float, where the checker's midpoint carries an
#: exponent of many digits
HUGE = 1e308


def _float(value: object) -> float | None:
    """A side as a float: None where it is no number (an overflowing side comes as text)."""
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value))
    except ValueError:
        return None


def _bounded(value: float, digits: int) -> str:
    if math.isinf(value) or abs(value) > HUGE:
        return f"> {HUGE:g}" if value > 0 else f"< -{HUGE:g}"
    return "0" if value == 0 else f"{value:.{digits}g}"


def _point_value(value: object) -> str:
    if isinstance(value, list | tuple):
        return "(" + ", ".join(_point_value(v) for v in value) + ")"
    if isinstance(value, float):
        return repr(value)  # exactly the value the checker used
    return str(value)


def _side_digits(before: float | None, after: float | None, difference: float | None) -> int:
    """Digits enough for the shown sides to differ where their difference does."""
    if None in (before, after, difference) or difference == 0 or math.isinf(difference):
        return MIN_DIGITS
    size = max(abs(before), abs(after))
    if size == 0 or math.isinf(size):
        return MIN_DIGITS
    needed = math.ceil(math.log10(size / abs(difference))) + 2
    return max(MIN_DIGITS, min(MAX_DIGITS, needed))


def counterexample_rows(values: dict | None) -> list[tuple[str, str]]:
    """`values` (a step's counterexample) as (name, text) rows; [] when there is none."""
    if not values:
        return []
    rows = [(name, _point_value(v)) for name, v in values.items() if name not in NOT_VARIABLES]
    before, after, difference = (_float(values.get(side)) for side in SIDES)
    digits = _side_digits(before, after, difference)
    for side, value in (("before", before), ("after", after)):
        if side in values:
            rows.append((side, "undefined" if value is None else _bounded(value, digits)))
    if difference is not None:
        shown = _bounded(difference, MIN_DIGITS)
        bound = _float(values.get("error_bound"))
        if bound and not shown.startswith(("<", ">")):
            shown += f" \u00b1 {bound:.1e}"
        rows.append(("difference", shown))
    if values.get("why"):
        rows.append(("why", str(values["why"])))
    return rows
