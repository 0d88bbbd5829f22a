"""Letters whose meaning the notes settle in words: i and j.

## Main definitions
- `Notation`: what a step's reader takes these letters to mean: which of i, j are the
  imaginary unit (and which may be, the notes saying nothing).
- `imaginary_units_in_words(text)`: where the prose says i or j is the imaginary unit
  ("$i$ denotes the imaginary unit", "$j^2 = -1$").
- `indices_in_words(text)`: where the prose makes i or j something else (an index, an
  integer, a real number: `$i \\in \\{1, \\dots, n\\}$`, "integer $i$", `$1 \\le j \\le n$`).
- `Conventions(text)`: all of these by offset; `at(offset, declared)` is a step's `Notation`.
- `imaginary_units(value, notation)`: what the reader (`symkl.notes.parse.Reader`) does
  with a side under a `Notation`.

Each statement holds from where it is made until another says otherwise, as the log base
does (`prose.log_conventions`).
"""

import re
from dataclasses import dataclass, field

import sympy as sp

from symkl.notes.prose import (
    _HEDGED,
    _INLINE,
    _bounded_letters,
    _prose,
    _sentences,
)

__all__ = [
    "Notation",
    "Conventions",
    "imaginary_units_in_words",
    "indices_in_words",
    "imaginary_units",
    "UPRIGHT",
]

#: letters that may be the imaginary unit (`j` in engineering)
UNIT_LETTERS = ("i", "j")


@dataclass(frozen=True)
class Notation:
    """How a step's reader takes i and j."""

    #: letters read as the imaginary unit
    imaginary: frozenset = frozenset()
    #: letters the notes neither call the imaginary unit nor declare: read as real
    #: variables, with a doubt where they occur free
    maybe_imaginary: frozenset = frozenset()


#: upright letters that are constants whatever the notes call their italic namesakes
UPRIGHT = {"i": sp.I, "j": sp.I, "e": sp.E}


# ---- the imaginary unit -------------------------------------------------------------------

_IMAGINARY_WORDS = re.compile(
    r"\bimaginary\s+(?:unit|number\s+i)\b|\bsquare\s+root\s+of\s+(?:-|minus\s+)(?:1|one)\b",
    re.IGNORECASE,
)
#: `i^2 = -1`, `i = \sqrt{-1}`
_UNIT_FORMULA = re.compile(
    r"\s*([ij])\s*(?:\^\s*\{?\s*2\s*\}?\s*=\s*-\s*1|=\s*\\sqrt\s*\{\s*-\s*1\s*\})\s*"
)


def _spans(sentence: str, start: int) -> list[tuple[int, str]]:
    return [(start + m.start(), m.group(1)) for m in _INLINE.finditer(sentence)]


def _plain(sentence: str) -> bool:
    return _HEDGED.search(_INLINE.sub(" ", sentence)) is None


def imaginary_units_in_words(text: str) -> list[tuple[int, str]]:
    """(offset, letter) for each plain sentence that makes i or j the imaginary unit: the
    words "imaginary unit" beside `$i$` (the nearest i or j), or `$i^2 = -1$`."""
    out = []
    for start, sentence in _sentences(_prose(text)):
        if not _plain(sentence):
            continue  # "$i$ is an index here, not the imaginary unit"
        spans = _spans(sentence, start)
        for at, span in spans:
            if m := _UNIT_FORMULA.fullmatch(span):
                out.append((at, m.group(1)))
        words = _IMAGINARY_WORDS.search(sentence)
        letters = [(at, s.strip()) for at, s in spans if s.strip() in UNIT_LETTERS]
        if words and letters:
            at, letter = min(letters, key=lambda a: abs(a[0] - start - words.start()))
            out.append((at, letter))
    return sorted(set(out))


#: words that make a letter an index, an integer or a real number
_INDEX_WORDS = re.compile(
    r"\b(?:integers?|index(?:es)?|indices|subscripts?|counts?|real\s+numbers?|real)\b"
    r"|\$\s*[ij]\s*\$\s*-?\s*th\b",
    re.IGNORECASE,
)
#: `i \in \{1, ..., n\}`, `i \in [n]`, `i = 1, \dots, n`, `i \in \mathbb{N}`
_INDEX_FORMULA = re.compile(
    r"\s*([ij])\s*(?:\\in\s*(?:\\\{|\[|\\mathbb|\\mathcal|\\\{)|=\s*[0-9]+\s*(?:,|\\dots|\.\.))"
)


def indices_in_words(text: str) -> list[tuple[int, str]]:
    """(offset, letter) for each plain prose formula or phrase that makes i or j an index,
    an integer or a real number (not the imaginary unit)."""
    out = []
    for start, sentence in _sentences(_prose(text)):
        if not _plain(sentence):
            continue
        spans = _spans(sentence, start)
        for at, span in spans:
            if m := _INDEX_FORMULA.match(span):
                out.append((at, m.group(1)))
            out += [(at, letter) for letter in _bounded_letters(span) if letter in UNIT_LETTERS]
        if _INDEX_WORDS.search(sentence):
            out += [(at, s.strip()) for at, s in spans if s.strip() in UNIT_LETTERS]
    return sorted(set(out))


def imaginary_units(value, notation: Notation) -> tuple:
    """A side read, with the letters the notes make the imaginary unit (read as symbols
    without assumptions) replaced by it, and doubts for the free letters that may be it.
    A letter that is also an index in the side (a sum over i, x_i) is the index."""
    if not isinstance(value, sp.Basic):
        return value, []
    indices = {s.name for s in value.atoms(sp.Symbol) if s.is_integer}
    free = [
        s
        for s in sorted(value.free_symbols, key=str)
        if isinstance(s, sp.Symbol) and s.name in UNIT_LETTERS and not s.is_integer
    ]
    units = {
        s: sp.Symbol(s.name, real=True) if s.name in indices else sp.I
        for s in free
        if s.name in notation.imaginary and s == sp.Symbol(s.name)
    }
    doubts = [
        f"{s} is read as a real variable, and may be the imaginary unit (the notes do not say "
        f"which; say it in words, or declare '{s}: real')"
        for s in free
        if s.name in notation.maybe_imaginary and s.name not in indices
    ]
    return (value.xreplace(units) if units else value), doubts


# ---- all of them, by offset ---------------------------------------------------------------


@dataclass
class Conventions:
    """What the notes say about i and j, in order; see the module docstring."""

    text: str
    units: list = field(init=False)
    indices: list = field(init=False)

    def __post_init__(self) -> None:
        self.units = imaginary_units_in_words(self.text)
        self.indices = indices_in_words(self.text)

    def at(self, offset: int, declared: dict[str, str]) -> Notation:
        """The notation of a step at `offset`; `declared` the kinds the front matter and the
        command line state."""
        imaginary, maybe = set(), set()
        for letter in set(UNIT_LETTERS) - set(declared):  # the front matter decides first
            said = [(at, True) for at, x in self.units if x == letter and at < offset]
            said += [(at, False) for at, x in self.indices if x == letter and at < offset]
            if said and max(said)[1]:
                imaginary.add(letter)
            elif not said:
                maybe.add(letter)
        return Notation(frozenset(imaginary), frozenset(maybe))
