"""What a notes file says outside its displays that bears on a verdict.

## Main definitions
- `ranges_in_words(text)`: letters whose range the prose states (`$\\tau$ lies in
  $(1/2, 2)$`, `where $0 < p < 1$`), with the line; symkl does not read these statements,
  so a refutation that may rest on a value outside them is not trusted.
- `summed_bounds(text)`, `full_length(counts)`: for each vector, the upper bounds its sums
  run to in the file (`p` -> n twice, r once) and which of them is its length: a sum to
  another bound may be a partial sum.
"""

import re
from collections import Counter

__all__ = ["ranges_in_words", "summed_bounds", "full_length"]

_SIZE_LETTERS = ("n", "m", "N", "M", "K", "C", "d", "k")

_DISPLAYS = re.compile(
    r"\$\$.*?\$\$|\\\[.*?\\\]|\\begin\{(equation|align|eqnarray|gather|multline)\*?\}.*?"
    r"\\end\{\1\*?\}",
    re.DOTALL,
)
_INLINE = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$", re.DOTALL)
#: an inline span that states a range: a comparison, membership, or an interval
_RANGE_SPAN = re.compile(
    r"<|>|\\(?:in|le|ge|leq|geq|lt|gt|leqslant|geqslant)(?![A-Za-z])|^\s*[(\[].*,.*[)\]]\s*$"
)
#: words that state a range without a formula ("sigma is positive")
_RANGE_WORDS = re.compile(r"\b(?:positive|negative|nonnegative|non-negative)\b", re.IGNORECASE)
_WHOLE_LINE = re.compile(r"\\mathbb\s*\{?\s*R\s*\}?\s*\$?$")
_LETTER = re.compile(r"\\([A-Za-z]+)|(?<![A-Za-z\\])([A-Za-z])(?![A-Za-z])")
_SUM = re.compile(
    r"\\sum\s*_\s*\{?\s*([A-Za-z])\s*=\s*[0-9]\s*\}?\s*\^\s*\{?\s*\\?([A-Za-z]+)\s*\}?"
    r"(?:\s*\\left)?\s*[({\[]?\s*\\?([A-Za-z]+)\s*_\s*\{?\s*\1\b"
)


def _prose(text: str) -> str:
    """The text with displays blanked (newlines kept, so offsets keep their lines)."""
    return _DISPLAYS.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _letters(span: str) -> set[str]:
    return {a or b for a, b in _LETTER.findall(span)}


def ranges_in_words(text: str) -> dict[str, int]:
    """Letter -> the line of the first prose sentence that states its range."""
    prose = _prose(text)
    out: dict[str, int] = {}
    start = 0
    for sentence in re.split(r"(?<=[.;:!?])\s+|\n\s*\n", prose):
        start = prose.find(sentence, start)
        spans = _INLINE.findall(sentence)
        if not spans:
            continue
        ranged = [s for s in spans if _RANGE_SPAN.search(s) and not _WHOLE_LINE.search(s)]
        if not ranged and not _RANGE_WORDS.search(_INLINE.sub(" ", sentence)):
            continue
        line = prose.count("\n", 0, max(start, 0)) + 1
        for span in spans:
            if _WHOLE_LINE.search(span):
                continue
            for letter in _letters(span):
                out.setdefault(letter, line)
    return out


def summed_bounds(text: str) -> dict[str, Counter]:
    """Vector name -> how often its sums run to each bound (`\\sum_{i=1}^{r} p_i`: p -> r)."""
    out: dict[str, Counter] = {}
    for _, bound, name in _SUM.findall(text):
        out.setdefault(name, Counter())[bound] += 1
    return out


def full_length(counts: Counter) -> str:
    """The bound a vector's sums run to most often (a conventional size letter on a tie):
    its length; sums to other bounds may be partial."""
    return max(counts, key=lambda b: (counts[b], b in _SIZE_LETTERS, b))
