"""What a notes file says outside its displays that bears on a verdict.

## Main definitions
- `ranges_in_words(text)`: letters whose range the prose states (`$\\tau$ lies in
  $(1/2, 2)$`, `where $0 < p < 1$`), with the line; symkl does not read these statements,
  so a refutation that may rest on a value outside them is not trusted.
- `log_conventions(text)`: where the prose says `\\log` is to (`$\\log$ is the logarithm
  to base 2`, `all logs are base 2`, `$\\log \\equiv \\log_2$`), with its line; and
  `speaks_of_bits(text)`, where bits are mentioned without one (then `\\log` may be either).
- `sums_to_one_in_words(text)`: vectors the prose makes sum to one (`so $\\sum_k y_k = 1$`),
  with the offset and whether it also calls them one-hot.
- `domains_in_words(text)`: ranges the prose states for bare letters with numbers
  (`$x > -1$`, `$0 < u < 1$`, `$a, b \\ge 0$`, `$\\rho \\in (-1, 1)$`), as intervals with
  their offsets: the domain those letters are read over in the steps after them.
- `values_in_words(text)`: letters the prose gives a value (`a vocabulary of $n = 50000$
  tokens`), with the line: a step may be about that value.
- `summed_bounds(text)`, `full_length(counts)`: for each vector, the upper bounds its sums
  run to in the file (`p` -> n twice, r once) and which of them is its length: a sum to
  another bound may be a partial sum.
"""

import bisect
import functools
import math
import re
from collections import Counter
from fractions import Fraction

__all__ = [
    "PARTICULAR_CASE",
    "formula_ranges",
    "lead_in_lines",
    "signs_in_words",
    "PART_LABEL",
    "heading_level",
    "values_in_tables",
    "letter_base",
    "persists",
    "SAID_FALSE",
    "matrices_in_words",
    "kinds_in_words",
    "called_wrong",
    "prose_math",
    "ranges_in_words",
    "numeric_ranges_in_words",
    "entry_values_in_words",
    "listed_vectors_in_words",
    "totals_denied",
    "entry_ranges_in_words",
    "equalities_in_words",
    "extremes_in_words",
    "parities_in_words",
    "integer_kinds_in_words",
    "roles_in_words",
    "used_as_count",
    "said_real",
    "formula_range",
    "bounds_in_words",
    "REACH_END",
    "MEASURE_HEAD",
    "exclusions_in_words",
    "summed_bounds",
    "full_length",
    "bounds_compared",
    "log_conventions",
    "speaks_of_bits",
    "converts_to_bits",
    "writes_binary_logs",
    "measures_defined_in_words",
    "speaks_of_base_ten",
    "sums_to_one_in_words",
    "values_in_words",
    "aliases_in_words",
    "conditions_in_words",
    "condition_letter",
    "domains_in_words",
    "laws_in_words",
    "settings_in_words",
    "prose_text",
    "positive_only_in_words",
    "unnormalized_in_words",
    "laws_changed_in_words",
    "data_in_words",
    "means_in_words",
    "bernoulli_laws_in_words",
    "sigma_called_otherwise",
    "superscript_labels",
    "solves_next",
    "supposes_next",
    "claims_in_words",
    "laws_given_in_words",
    "word_name",
    "scoped_spans",
    "scope_noun",
    "standard_again",
    "vector_values_in_words",
    "leads_into",
    "join_table_cells",
    "normal_scales_in_words",
    "bernoulli_parameters",
    "random_laws_in_words",
    "continuous_letters",
    "e_named_otherwise",
    "vectors_in_words",
    "value_sets_in_words",
]

_SIZE_LETTERS = ("n", "m", "N", "M", "K", "C", "d", "k")

_INLINE = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$", re.DOTALL)
#: relations in a formula that states a range
_RELATION = re.compile(
    r"<|>|\\(?:in|le|ge|leq|geq|lt|gt|leqslant|geqslant|ne|neq|notin)(?![A-Za-z])|\\not\s*="
)
#: a bare name, perhaps with a subscript: `x`, `\theta`, `p_i`, `\sigma_1`
_SINGLE = re.compile(r"\s*\\?[A-Za-z]+\s*(?:_\s*\{?\s*[A-Za-z0-9]+\s*\}?)?\s*")
_INTERVAL = re.compile(r"\s*(?:\\left)?[(\[].*,.*(?:\\right)?[)\]]\s*")
#: words that state a range without a formula: a sign ("sigma is positive"), or integers
#: ("an integer $x$"), which symkl samples only as far as it is told (`k: integer`); odd
#: and even: `parities_in_words`
_RANGE_WORDS = re.compile(
    r"\b(?:positive|negative|nonnegative|non-negative|integers?|whole\s+numbers?|"
    r"natural\s+numbers?)\b",
    re.IGNORECASE,
)
#: a real line, or real vectors (`\\mathbb{R}^K`, `\\mathbb{R}^{d}`; not matrices, `d \\times d`)
_REAL_SET = r"\\mathbb\s*\{?\s*R\s*\}?(?:\s*\^\s*(?:\{\s*[A-Za-z0-9+\-\s]+\}|[A-Za-z0-9]))?"
_WHOLE_LINE = re.compile(_REAL_SET + r"\s*\$?$")
_LETTER = re.compile(r"\\([A-Za-z]+)|(?<![A-Za-z\\])([A-Za-z])(?![A-Za-z])")
_SUM = re.compile(
    r"\\sum\s*_\s*\{?\s*([A-Za-z])\s*=\s*[0-9]\s*\}?\s*\^\s*\{?\s*\\?([A-Za-z]+)\s*\}?"
    r"(?:\s*\\left)?\s*[({\[]?\s*\\?([A-Za-z]+)\s*_\s*\{?\s*\1\b"
)


#: a sentence that sets the base of \log (its subject must be \log or logs, not \log_2)
_BASE_TWO = re.compile(
    # "shannons" the unit, not "Shannon entropy", "Shannon's inequality"
    r"base[- ]?(?:2|two)\b|\b(?:binary|dyadic)\s+log(?:arithm)?s?\b"
    r"|\bshannons\b|\bshannon\b(?!\s+(?:entropy|information|inequality|limit|code|coding|bound)|'s)"
    r"|\blog(?:arithm)?s?\s+(?:\w+\s+){0,3}(?:are|is)\s+(?:\w+\s+)?binary\b"
    r"|\blog(?:arithm)?s?\s+(?:in|to)\s+bits\b",
    re.IGNORECASE,
)
_BASE_E = re.compile(r"\bbase(?:[- ]|\s+to\s+)?\$?\s*e\s*\$?(?![A-Za-z])", re.IGNORECASE)
#: any word or formula about the base of logarithms: a sentence with one that symkl does
#: not read as one base leaves the base open
_BASE_CUE = re.compile(
    r"\bbase\b|\bbits?\b|\bnats?\b|\b(?:natural|common|binary)\s+log", re.IGNORECASE
)
#: software whose numbers a sentence may give the unit of ("PyTorch reports losses in nats")
_TOOLS = re.compile(
    r"\b(?:pytorch|torch|tensorflow|keras|jax|numpy|scipy|sklearn|scikit-learn|matlab|"
    r"libraries|library|framework|package|software|implementation|api)\b",
    re.IGNORECASE,
)
#: logs as such ("log-likelihood", "log-odds" are other things)
_LOG_WORD = re.compile(
    r"\blog(?:arithm)?s?\b(?!-)|\bbase[- ]?\$?\s*(?:e|2|10|two|ten)\b", re.IGNORECASE
)
#: `\log` beside `\log_2` in one plain sentence: "we write \log for \log_2"
_BARE_AND_BASED = re.compile(
    r"\\log(?!\s*_)(?![A-Za-z])[^.;]*\\log\s*_\s*\{?\s*(\d+|[A-Za-z])(?![A-Za-z0-9])"
    # "we use $\\log_2$ and write it as $\\log$" (words that say how \\log is written)
    r"|\\log\s*_\s*\{?\s*(\d+|[A-Za-z])(?![A-Za-z0-9])[^.;]*\b(?:write|writes|written|denote[sd]?|abbreviat\w*|"
    r"shorten\w*|drop\w*|simply|call\w*)\b[^.;]*\\log(?!\s*_)(?![A-Za-z])"
)
_BASED_LOG = re.compile(r"\\log\s*_\s*\{?\s*\w+\s*\}?(?:[^.;]*?\blog(?:arithm)?\b)?")
#: a base named outright ("base $e$", "base two")
_BASE_VALUE = re.compile(r"\bbase[- ]?\$?\s*(e|2|10|two|ten)\b\s*\$?", re.IGNORECASE)
_BASE_VALUES = {"e": 0, "2": 2, "two": 2, "10": 10, "ten": 10}
#: where the prose leaves the base open (a sentence about bases symkl does not read)
UNCLEAR_BASE = -1
_BASE_TEN = re.compile(
    r"base[- ]?(?:10|ten)\b|\b(?:common|decimal)\s+log(?:arithm)?s?\b|\bhartleys?\b|\bbans\b"
    r"|\bdits\b",
    re.IGNORECASE,
)
_LOG_SUBJECT = re.compile(
    r"\\log(?!\s*_)|\b(?:all|the|our|every)\s+log(?:arithm)?s?\b"
    r"|\blog(?:arithm)?s?\s+(?:\w+\s+){0,3}(?:are|is)\b",
    re.IGNORECASE,
)
_LOG_MEANS = re.compile(
    r"\\log\s*\$?\s*(?:=|\\equiv|:=|means|denotes|stands\s+for|is)\s*\$?\s*\\log\s*_\s*\{?\s*"
    r"(\d+|[A-Za-z])(?![A-Za-z0-9])"
)
#: the plain log said to be the natural one by its TeX name (`\\log \\equiv \\ln`)
_LOG_IS_LN = re.compile(
    r"(?<![A-Za-z])\\?log(?!\s*_)\s*\$?\s*(?:=|\\equiv|:=|means|denotes|stands\s+for|is)\s*"
    r"\$?\s*\\?ln\b(?!\s*_)"
)
#: bits as a unit; not the idiom "a bit naive", "a little bit"
_BITS = re.compile(
    r"\bbits\b|(?<!\ba\s)(?<!\blittle\s)\bbit\b|\ba\s+bit\s+(?:is|of\s+information|per)\b",
    re.IGNORECASE,
)
_NATURAL = re.compile(r"\bnatural\b|\bnats?\b|\\ln\b", re.IGNORECASE)


def log_conventions(text: str) -> list[tuple[int, int]]:
    """(offset, base) for each plain prose sentence that says which base `\\log` is to
    (2 or 10; 0 for natural logs, also where notes that never speak of bits first give a
    value in nats; `UNCLEAR_BASE` where it speaks of bases in a way symkl does not read as
    one), in order: a step follows the last one before it. A sentence that says it of the
    display it leads into only is followed, after that display, by the base in force
    before it (None: none stated)."""
    out = []
    current = None  # the convention in force
    bits = speaks_of_bits(text)
    displays = _display_spans(text)
    for start, whole in _sentences(_prose(text)):
        # (a section's own convention ends at the next heading: what holds from there)
        held = [b for at, b in sorted(out, key=lambda said: said[0]) if at <= start]
        current = held[-1] if held else current
        sentence = whole
        # "base $e$ rather than base 2", "base two, unlike the notebook where we used $\\ln$":
        # the clause before the contrast says the base
        contrasted = _CONTRASTED.match(_INLINE.sub(" ", sentence).lstrip()) is not None
        sentence = _plain_units(_CONTRASTED.split(sentence, maxsplit=1)[0])
        # words, not formulas ("$\\log_2$ is the base-2 logarithm" is about log_2)
        words = _INLINE.sub(" ", _BASED_LOG.sub(" ", sentence))
        math = " ".join(_INLINE.findall(sentence))
        hedged = _HEDGED.search(_INLINE.sub(" ", sentence))  # "many texts say logs are base 2"
        # "log is base 2, not natural as in the earlier chapters", "we never use base 2 here":
        # a base said in a way symkl does not read leaves it open (never unsaid)
        cue = _LOG_WORD.search(words) and _BASE_CUE.search(words)
        open_base = hedged and (cue or (_THESE_NOTES.search(words) and "_" in math))
        nats = current in (None, 0) and _NATS_ONLY.search(words)
        nats = nats and not _OTHER_UNITS.search(words + " " + math) and not bits
        # "the standard normal entropy is $\\frac12\\log(2\\pi e)$ nats" in notes that never
        # speak of another unit: natural logs
        base = None if hedged else (0 if nats else _base_stated(sentence))
        if _ODD_BASE.search(sentence) and not hedged:
            base = UNCLEAR_BASE  # "base $10^3$": not base 10
        elsewhere = base is not None and _ELSEWHERE.search(words)
        if contrasted and _LOG_WORD.search(_INLINE.sub(" ", whole)):
            base = UNCLEAR_BASE  # "Unlike the previous chapter, where ..., here ...": both
        elif open_base or elsewhere:
            base = UNCLEAR_BASE  # "Exercise 3 uses $\\log_2$", "in Chapter 5 we will switch"
        # ("natural logs in Exercise 2", "$\\log \\equiv \\log_2$ in Exercise 1": not all of them)
        elsewhere = elsewhere or _LOG_MEANS.search(sentence)
        if (
            base == UNCLEAR_BASE
            and current in (None, 0)
            and _only_natural(words, math)
            and not elsewhere
        ):
            base = 0  # "the loss is $-\\log 0.8 = 0.223$ nats" where logs are natural
        # "In bits:" before a display; "Take $p = (0.5, 0.5)$, in bits:"
        if (unit := _UNIT_ALONE.fullmatch(words) or _UNIT_TAIL.search(words)) is not None:
            base = 2 if unit.group(1).lower().startswith("bit") else 0
        about_others = re.search(r"\\l[ng]\b|\\log\s*_", math) and not re.search(
            r"\\log(?!\s*_)(?![A-Za-z])", math
        )  # "$\\ln$ is the natural logarithm, $\\lg$ the binary one": names of other logs
        by_unit = base is not None and base != UNCLEAR_BASE and not _LOG_WORD.search(words)
        if by_unit and about_others:
            base = None  # "Let $h(p) = -p\\log_2 p ...$ be the binary entropy in bits": h's
        elif (
            by_unit
            and current not in (None, UNCLEAR_BASE, base)
            and (_TOOLS.search(words) or not _FROM_HERE.search(sentence))
            and sentence.rstrip().endswith((".", "!"))
        ):
            # "PyTorch reports losses in nats", "Beware: `np.log` works in nats" after
            # "Throughout, $\\log$ is base 2": a unit said of something else, or a change of
            # base ("below", "from now on" say which)? Both readings from here
            base = UNCLEAR_BASE
        if (
            base is None
            and not hedged
            and not about_others
            and _LOG_WORD.search(words)
            and _BASE_CUE.search(words)
        ):
            base = UNCLEAR_BASE  # "logs here are to the base of the textbook"
        # ("differential entropy is not a number of bits": no unit it is in)
        unnegated = _NEGATED_UNIT.sub(" ", words)
        if base is None and current is not None and _other_unit(current, unnegated, math):
            # "from now on we work in nats" where logs were base 2, in words symkl does not
            # read as a convention: the base is open from here on
            base = UNCLEAR_BASE
        if base in (2, UNCLEAR_BASE) and _CHANGE_OF_BASE.search(f"{sentence} {math}"):
            # "the entropy in bits is $H(p)/\\log 2$": a conversion by a division, which
            # leaves the plain log as it was (and not to base 2)
            base = None
        if base is not None and (shown := _unit_of_next(text, start, sentence, displays)):
            # "Measured in nats, the same quantity is" a display: that display only; the
            # displays right after it (no prose between) may be in that unit or not
            first, last = shown
            out += [(start, base), (first, UNCLEAR_BASE if last > first else current)]
            out += [(last, current)] if last > first else []
        elif base is not None:
            out.append((start, base))
            current = base
            scoped = _SCOPED.search(sentence)
            if scoped and scoped.group(0).lower() == "here" and _opening(text, start):
                scoped = None  # "Here logs are natural" before the first section: everywhere
            if scoped and (end := _next_heading(text, start)) is not None:
                out.append((end, UNCLEAR_BASE))  # "in this section logs are base 2"
    return sorted(_from_footnote_marks(text, out))


def _from_footnote_marks(text: str, said: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`said` with what a Markdown footnote states (`[^u]: All logarithms are to base 2.`,
    at the end of the notes) stated where the text first marks it (`# A coin[^u]`)."""
    for m in _FOOTNOTE.finditer(text):
        end = text.find("\n\n", m.start())
        end = len(text) if end < 0 else end
        mark = text.find(f"[^{m.group(1)}]")
        if 0 <= mark < m.start():
            said = [(mark if m.start() <= at < end else at, base) for at, base in said]
    return said


#: a Markdown footnote's text: `[^label]: ...` at a line's start
_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:", re.MULTILINE)


def _only_natural(words: str, math: str) -> bool:
    """Does a sentence speak of natural logs or nats, and of no other base or unit, but
    bits of a `\\log_2` it writes ("$\\log_2 6 = 2.585$ bits, and $\\log 6 = 1.792$ nats")?"""
    if not _NATURAL.search(words) or _BASE_TWO.search(words) or _BASE_TEN.search(words):
        return False
    based = set(re.findall(r"\\log\s*_\s*\{?\s*(\w+)", math))
    return not based - {"2"} and (not _BITS.search(words) or based == {"2"})


#: where a sentence turns to what it sets its words against ("rather than base 2")
_CONTRASTED = re.compile(
    r"\b(?:rather\s+than|unlike|instead\s+of|as\s+opposed\s+to|whereas|in\s+contrast\s+to)\b",
    re.IGNORECASE,
)
#: words that put what a sentence says elsewhere than where it stands
_ELSEWHERE = re.compile(
    r"\b(?:exercises?|chapters?|sections?|appendix|lectures?|homework|problems?|parts?|"
    r"assignments?)\s+(?:\d|[IVX]+\b|[A-Z]\b)|\bappendi(?:x|ces)\b|\blater\b|\bnext\s+(?:week|lecture|"
    r"chapter|section)",
    re.IGNORECASE,
)
#: words by which a sentence speaks of these notes' own logs
_THESE_NOTES = re.compile(
    r"\b(?:we|our|us|here|below|throughout|henceforth|these\s+notes|this\s+(?:section|notebook))\b",
    re.IGNORECASE,
)


#: a sentence that is only a unit ("In bits:", "Measured in nats,")
_UNIT_ALONE = re.compile(
    r"\s*(?:(?:measured|expressed|written)\s+)?in\s+(bits|nats)\s*[:,]?\s*", re.IGNORECASE
)
#: a unit said at the end of a lead-in, after a comma or in brackets ("Take ..., in bits:")
_UNIT_TAIL = re.compile(
    r"[,;(]\s*(?:(?:measured|expressed|written)\s+)?in\s+(bits|nats)\s*\)?\s*:\s*$", re.I
)
#: words that make a unit or base hold for what follows, not one display
_FROM_HERE = re.compile(
    r"\b(?:from\s+now|henceforth|hereafter|throughout|below|(?:in\s+)?what\s+follows|onwards?|"
    r"rest|all|every|always|these\s+notes|we\s+(?:will\s+)?(?:use|work|measure|write))\b",
    re.IGNORECASE,
)


def _unit_of_next(text: str, start: int, sentence: str, displays) -> tuple[int, int] | None:
    """Where the display ends that a sentence about a unit leads into ("Measured in nats,
    the same quantity is", "In bits:"), when the unit is said of that display only: no
    full stop before it, and no words that keep it for what follows; and where the displays
    right after it end (no prose between). None otherwise."""
    if sentence.rstrip().endswith((".", "!", "?")) or _FROM_HERE.search(sentence):
        return None
    end = start + len(sentence)
    after = next((span for span in displays if span[0] >= end), None)
    if after is None or text[end : after[0]].strip():
        return None
    last = after
    for span in displays:  # ("in bits:" then two displays)
        if span[0] >= last[1] and not text[last[1] : span[0]].strip():
            last = span
    return after[1], last[1]


#: a sentence that gives a value in nats, and in no other unit
_NATS_ONLY = re.compile(r"\bnats?\b", re.IGNORECASE)
_OTHER_UNITS = re.compile(
    r"\b(?:bits?|shannons?|hartleys?|bans?|dits?|base)\b|\\log\s*_|\\lg\b", re.IGNORECASE
)
_NAT_WORDS = (
    r"\bnats?\b|\bnatural\s+(?:log\w*|units?)\b|\bbase[- ]?(?:to\s+)?\$?\s*e\b"
    r"|\\log\s*_\s*\{?\s*e\b"
)
_BIT_WORDS = (
    r"\bbits\b|\bshannons?\b|\b(?:binary|dyadic)\s+(?:log\w*|units?|digits?)\b"
    r"|\bbase[- ]?(?:to\s+)?\$?\s*(?:2|two)\b"
)
_TEN_WORDS = r"\bdecimal\s+log\w*|\bhartleys?\b|\bbans\b|\bbase[- ]?(?:to\s+)?\$?\s*(?:10|ten)\b"
#: a base -> words about its unit, and the logs written with it (`\\log_2`, `\\ln`)
_BASE_WORDS = {
    0: (re.compile(_NAT_WORDS, re.I), re.compile(r"\\ln\b|\\log\s*_\s*\{?\s*e\b")),
    2: (re.compile(_BIT_WORDS, re.I), re.compile(r"\\lg\b|\\log\s*_\s*\{?\s*2\b")),
    10: (re.compile(_TEN_WORDS, re.I), re.compile(r"\\log\s*_\s*\{?\s*10\b")),
}


#: a unit said not to be the one ("not a number of bits", "no bits", "never in nats")
_NEGATED_UNIT = re.compile(
    r"\b(?:not|no|never|nor)\b(?:\s+[A-Za-z-]+){0,4}?\s+(?:bits?|nats?|shannons?|hartleys?)\b",
    re.IGNORECASE,
)


def _other_unit(current: int, words: str, math: str) -> bool:
    """Do the words speak of a unit other than the base in force, other than as the unit
    of a log the sentence writes with its base ("in bits, use $\\log_2$")?"""
    return any(
        said.search(words) and not written.search(math)
        for base, (said, written) in _BASE_WORDS.items()
        if base != current
    )


#: words that limit a convention to where it is stated
_SCOPED = re.compile(
    r"\bin\s+this\s+(?:section|part|chapter|subsection|example|lecture)\b|\bhere\b", re.I
)


#: words that limit what a sentence sets up to the part it is in ("In this exercise only",
#: "for this section", "for Part A only", "here only")
_PART_ONLY = re.compile(
    r"\b(?:in|for|within|throughout)\s+this\s+(?:exercise|problem|section|part|subsection|"
    r"example|question|chapter|lecture|appendix|derivation|proof|case)\b"
    r"|\bfor\s+(?:part|exercise|problem|question|section|example|case)\s+\w+(?:\s+only)?\b"
    r"|\b(?:here|locally|temporarily)\s+only\b|\bonly\s+(?:in|for)\s+this\b|\bfor\s+now\b"
    # "In Exercise 1 we use", "Throughout Exercise 3", "Until Exercise 2", "Exercise 1 uses"
    r"|\b(?:in|throughout|within|during|until)\s+(?:part|exercise|problem|question|section|"
    r"example|case|task)\s+[\w()]+"
    r"|\b(?:part|exercise|problem|question|example|task)\s+[\w()]+\s+(?:uses|takes|works)\b",
    re.IGNORECASE,
)


def scoped_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of the sentences that limit what they set up to their part ("In this
    exercise only, define $\\sigma(x) := ...$"), with the display a sentence leads into:
    what they define ends at the next heading."""
    prose = _prose(text)
    displays = _display_spans(text)
    out = []
    sentences = list(_sentences(prose))
    for k, (start, sentence) in enumerate(sentences):
        if not _PART_ONLY.search(_INLINE.sub(" ", sentence)):
            continue
        end = start + len(sentence)
        if sentence.rstrip().endswith((":", ";")) and k + 1 < len(sentences):
            # "For this section: $\\sigma(z) := ...$": the clause after the colon is its own
            end = sentences[k + 1][0] + len(sentences[k + 1][1])
        after = [b for a, b in displays if end <= a and not prose[end:a].strip(" \t\n:,.")]
        out.append((start, after[0] if after else end))
    return out


#: the noun a scope names ("this exercise", "Part A"), to find the heading of that part
_SCOPE_NOUN = re.compile(
    r"\b(?:this|for|in|throughout|within|during|until)\s+(?P<noun>exercise|problem|section|part|"
    r"subsection|example|question|chapter|lecture|appendix|task)\b(?:\s+(?P<name>[\w()]+))?",
    re.IGNORECASE,
)


def scope_noun(text: str, at: int) -> tuple[str, str | None] | None:
    """The part a scoped sentence at offset `at` names: (noun, name or None) ("In this
    exercise only": ("exercise", None); "For Part A only": ("part", "A")), or None."""
    prose = _prose(text)
    begin, stop = _sentence_span(prose, at)
    m = _SCOPE_NOUN.search(_INLINE.sub(" ", prose[begin:stop]))
    if m is None:
        return None
    name = (
        m["name"] if m["name"] and m["name"].lower() not in ("only", "we", "the", "this") else None
    )
    return m["noun"].lower(), name


#: words that bring back what a name usually means ("We now return to the standard
#: sigmoid", "Back to the usual definition", "the ordinary logit again")
_STANDARD_AGAIN = re.compile(
    r"\b(?:return\w*|back|revert\w*|go(?:ing)?\s+back)\s+to\s+(?:the\s+)?"
    r"(?:usual|standard|ordinary|original|familiar|common)\b"
    # "the rest of this section uses the ordinary logistic function"
    r"|\b(?:use|uses|using|with)\s+the\s+(?:usual|standard|ordinary|original|plain)\b"
    # "Now forget the steep version", "we drop the factor 2 from now on", "no longer"
    r"|\bforget\s+(?:the|this|that|about)\b|\bdrop\b[^.;]{0,40}\bfrom\s+now\s+on\b"
    r"|\bno\s+longer\s+(?:use|used|using|holds?|applies)\b"
    r"|\b(?:usual|standard|ordinary|original)\s+[A-Za-z -]{0,30}?\b(?:again|once\s+more)\b"
    r"|\bonce\s+more\s+(?:the\s+)?(?:usual|standard|ordinary|original)\b",
    re.IGNORECASE,
)


def standard_again(text: str) -> list[int]:
    """Offsets where the words bring back the usual meaning of what the notes redefined
    ("We now return to the standard sigmoid", a heading "Back to the usual definition");
    not where they deny or put off it ("We do not return to ... until", "not ... yet")."""
    prose = _prose(text)
    return [
        start
        for start, sentence in _sentences(prose)
        if _STANDARD_AGAIN.search(sentence) and not _DENIED_RETURN.search(sentence)
    ]


#: words that deny or put off a return to the usual meaning
_DENIED_RETURN = re.compile(r"\b(?:not|never|until|yet|don't|doesn't|won't|cannot)\b|n't\b", re.I)


def _opening(text: str, at: int) -> bool:
    """Is `at` in the opening of the text, before any heading but the title's?"""
    return len(HEADING.findall(text[:at])) <= 1


def _next_heading(text: str, at: int) -> int | None:
    """The offset of the next heading after `at` (Markdown `#`, LaTeX `\\section`)."""
    m = re.compile(r"^\s*(?:#|\\(?:sub)*section\*?\{)", re.M).search(text, at)
    return m.start() if m else None


def _plain_units(sentence: str) -> str:
    """The sentence with other names of units in the words symkl reads ("binary digits"
    are bits, "dyadic logarithms" binary ones, "decimal digits" hartleys)."""
    for said, plain in _UNIT_NAMES:
        sentence = said.sub(plain, sentence)
    return sentence


_UNIT_NAMES = (
    (re.compile(r"\bbinary\s+(?:digits|units)\b", re.I), "bits"),
    (re.compile(r"\bnatural\s+digits\b", re.I), "nats"),
    (re.compile(r"\bdecimal\s+(?:digits|units)\b", re.I), "hartleys"),
    (re.compile(r"\bdyadic\b", re.I), "binary"),
)
#: a base written as a letter (`\log_b`, `H_b`) and given a value in the same sentence
_LETTER_BASE = re.compile(r"(?:\\log|\bH)\s*_\s*\{?\s*([A-Za-z])(?![A-Za-z])")
_DROPPED = re.compile(r"\b(?:drop|omit|suppress|leave\s+out)\w*\b", re.IGNORECASE)


def _letter_base(sentence: str) -> int | None:
    """ "We take $b = 2$ in $H_b(X)$ and drop the subscript": that base where the words
    drop the subscript, `UNCLEAR_BASE` where they do not say so; None without one."""
    letters = {m.group(1) for m in _LETTER_BASE.finditer(sentence)}
    for formula in _INLINE.findall(sentence):
        value = re.fullmatch(r"\s*([A-Za-z])\s*=\s*(2|10|e)\s*", formula)
        if value and value.group(1) in letters:
            if not _DROPPED.search(_INLINE.sub(" ", sentence)):
                return UNCLEAR_BASE
            return 0 if value.group(2) == "e" else int(value.group(2))
    return None


def letter_base(base: int) -> str | None:
    """The letter of a base `log_conventions` gives as a letter (`\\log` for `\\log_b`),
    or None for a number's."""
    return chr(ord("A") - 2 - base) if base <= -2 else None


#: a base other than e, 2 and 10 named in words ("logarithms are to base 3", "the
#: logarithm to base four", "base-16", "the ternary logarithm", "measured in trits")
_BASE_OTHER = re.compile(
    r"\bbase[- ]?(?:to\s+)?\$?\s*([3-9]|[1-5]\d|6[0-4]|three|four|five|six|seven|eight|nine|"
    r"sixteen)\b(?![.,]\d)|\b(ternary)\s+log(?:arithm)?s?\b|\b(trits?)\b",
    re.IGNORECASE,
)
_OTHER_BASE_VALUES = {
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "sixteen": 16, "ternary": 3, "trit": 3, "trits": 3,
}  # fmt: skip


#: a change of base: a division by the log of 2 (`H(p)/\\log 2`, `\\frac{\\ln x}{\\ln 2}`,
#: "dividing by $\\log 2$"): the plain log there is not to base 2
_CHANGE_OF_BASE = re.compile(
    r"/\s*\\(?:log|ln)\b\s*\(?\s*2\b|\{\s*\\(?:log|ln)\b\s*\(?\s*2\s*\)?\s*\}"
    r"|\b(?:divid\w*|multipl\w*)\s+(?:\w+\s+){0,3}?by\s+\$\s*(?:1\s*/\s*)?\\(?:log|ln)\b\s*\(?\s*2\b",
    re.IGNORECASE,
)
#: a base written as a power, a decimal or a product ("base $10^3$", "base 2.5", "base
#: $e^2$", "base 2 squared"): symkl reads none of them, and none is its leading number
_ODD_BASE = re.compile(
    r"\bbase[- ]?(?:to\s+|of\s+)?(?:\$[^$]*?(?:\^|\\frac|\\sqrt|/|\.\d|\\cdot|\\times)[^$]*\$"
    r"|\d+[.,]\d|\d+\s+(?:squared|cubed|to\s+the)|(?:two|ten|e)\s+(?:squared|cubed|to\s+the))",
    re.IGNORECASE,
)


def _other_base(plain: str) -> int | None:
    """The one base other than e, 2 and 10 that `plain` names, `UNCLEAR_BASE` for two, or
    None."""
    values = {
        int(said) if said.isdigit() else _OTHER_BASE_VALUES[said.lower()]
        for m in _BASE_OTHER.finditer(plain)
        for said in [next(g for g in m.groups() if g)]
    }
    return values.pop() if len(values) == 1 else (UNCLEAR_BASE if values else None)


#: a sentence that only names natural logs ("Natural logarithms.", "Natural logs
#: throughout.")
_NATURAL_ALONE = re.compile(
    r"\s*(?:all\s+|we\s+use\s+)?natural\s+log(?:arithm)?s?(?:\s+(?:throughout|everywhere|"
    r"only|here|below))?\s*[.:;]?\s*",
    re.IGNORECASE,
)


def _base_stated(sentence: str) -> int | None:
    if (based := _letter_base(sentence)) is not None:
        return based
    if _LOG_IS_LN.search(sentence):
        return 0  # "$\\log \\equiv \\ln$", "log means ln in what follows"
    if m := _LOG_MEANS.search(sentence) or _BARE_AND_BASED.search(sentence):
        said = next(g for g in m.groups() if g)
        other = _NATURAL.search(_INLINE.sub(" ", sentence)) or (
            "10" if said == "2" else "2"
        ) in " ".join(re.findall(r"\\log\s*_\s*\{?\s*(\d+)", sentence))
        if said == "e":  # "we write \\log for \\log_e"
            return 0
        if other:  # "\\log natural, \\log_2 binary"
            return UNCLEAR_BASE
        # "\\log \\equiv \\log_3"; "we write \\log for \\log_b": a letter's base, negative
        # by convention (`letter_base`)
        return int(said) if said.isdigit() else -2 - (ord(said) - ord("A"))
    # "$\\log_2$ is the base-2 logarithm" is about log_2, not \\log: drop based logs first
    plain = _BASED_LOG.sub(" ", sentence)
    unit = _UNIT.search(plain)
    unit_name = unit.group(0).lower() if unit else ""
    if _NATURAL_EVERYWHERE.search(plain) and not _BASE_TWO.search(plain):
        return 0  # "Natural log everywhere unless a base is written"
    if _NATURAL_ALONE.fullmatch(plain) or re.search(
        r"\(\s*(?:in\s+|with\s+)?natural\s+log(?:arithm)?s?\s*\)", plain, re.IGNORECASE
    ):
        return 0  # "Natural logarithms." after the setting; "A few values (natural log):"
    other = _other_base(plain)
    if not (_LOG_SUBJECT.search(plain) or _LOG_USE.search(plain) or unit):
        # "in these notes they are base $e$": a base named outright
        values = {_BASE_VALUES[v.lower()] for v in _BASE_VALUE.findall(plain)}
        values |= {other} if other is not None else set()
        return values.pop() if len(values) == 1 else (UNCLEAR_BASE if values else None)
    found = {
        base
        for base, said in (
            (0, _NATURAL_PHRASE.search(plain) or "nats" in unit_name or _BASE_E.search(plain)),
            (UNCLEAR_BASE, _NATURAL.search(plain)),
            (2, _BASE_TWO.search(plain) or "bits" in unit_name),
            (10, _BASE_TEN.search(plain)),
            (other, other is not None),
        )
        if said
    }
    if found == {0, UNCLEAR_BASE}:
        return 0  # "logs are natural", "we go back to natural logarithms", "in nats"
    if len(found) == 1:
        return found.pop()
    return UNCLEAR_BASE if found else None  # two bases in one sentence


#: a sentence that chooses logs ("we use binary logarithms", "go back to natural logs")
_LOG_USE = re.compile(
    r"\b(?:use|using|switch|back|return|work|take|measure|go|change)\w*\b[^.;]*"
    r"\b(?:log(?:arithm)?s?|bits|nats|shannons|hartleys|bans|dits|natural\s+units)\b",
    re.IGNORECASE,
)
#: a unit stated for what follows ("entropies below are in nats", "measured in bits")
_UNIT = re.compile(
    r"\b(?:entrop\w*|information|divergences?|KL|logs?|logarithms?|surprisals?|losses)\b[^.;]*"
    r"\b(?:are|is|measured|expressed|given)\s+in\s+(?:bits|nats|shannons|hartleys|bans|dits)\b"
    r"|\b(?:measure|express|count|work)\w*\b[^.;]*\bin\s+(?:bits|nats|shannons|hartleys|bans|dits)\b"
    # "the KL divergence in nats between ..."
    r"|\b(?:entrop\w*|information|divergences?|KL|losses?)\s+in\s+(?:bits|nats|shannons|hartleys)\b",
    re.IGNORECASE,
)
#: natural logs said to hold throughout ("Natural log everywhere unless a base is written")
_NATURAL_EVERYWHERE = re.compile(
    r"\bnatural\s+log(?:arithm)?s?\s+(?:\w+\s+){0,3}?"
    r"(?:everywhere|throughout|always|unless|by\s+default|in\s+(?:these|this|all))\b",
    re.IGNORECASE,
)
_NATURAL_PHRASE = re.compile(
    r"\bnatural\s+(?:log(?:arithm)?s?|units)\b"
    r"|\blog(?:arithm)?s?\s+(?:\w+\s+){0,3}(?:are|is)\s+(?:\w+\s+)?natural\b",
    re.IGNORECASE,
)


_SUM_TO_ONE = re.compile(
    r"\\sum\s*(?:_\s*\{[^{}$]*\}|_\s*\\?[A-Za-z])?\s*(?:\^\s*\{?[^{}$]*?\}?)?\s*"
    r"\\?([A-Za-z]+)\s*_\s*\{?\s*[A-Za-z]\s*\}?\s*=\s*1(?![0-9.])"
)
#: a vector with one entry 1 and the others 0, in words ("one-hot", "1-of-K", "the
#: indicator vector of the class", "a single 1 and zeros elsewhere", "a vertex of the simplex")
_ONE_HOT = re.compile(
    r"\b(?:one|1)\s*[-\u2010-\u2015]?\s*hot\b|\bexactly\s+one\b"
    r"|\b(?:one|1)\s*[-\u2010-\u2015]\s*of\s*[-\u2010-\u2015]|\bindicator\s+vector"
    r"|\bsingle\s+(?:1|one)\b|\bzeros?\s+(?:elsewhere|everywhere\s+else)\b"
    r"|\bverte(?:x|ices)\s+of\s+the\s+(?:probability\s+)?simplex|\bstandard\s+basis\s+vector",
    re.IGNORECASE,
)


#: words that make a vector a distribution ("weights summing to one")
_SUMS_TO_ONE_WORDS = re.compile(
    r"\b(?:sum(?:s|ming)?|add(?:s|ing)?(?:\s+up)?)\s+to\s+(?:one|1|unity)\b|\bprobability\s+vector"
    r"|\bconvex\s+(?:combination|weights)|\bon\s+the\s+(?:probability\s+)?simplex",
    re.IGNORECASE,
)


def sums_to_one_in_words(text: str) -> list[tuple[int, str, bool]]:
    """(offset, name, one-hot) for each inline `\\sum_k y_k = 1` in the prose."""
    prose = _prose(text)
    out = []
    for m in _INLINE.finditer(prose):
        sentence = _INLINE.sub(" ", _sentence(prose, m.start()))
        one_hot = bool(_ONE_HOT.search(sentence))
        for found in _SUM_TO_ONE.finditer(m.group(1)):
            if _plain(prose, m.start()):
                out.append((m.start(), found.group(1), one_hot))
    return out


#: `$X \\sim P$`: a random variable and the letter of its law
_LAW_FORMULA = re.compile(r"^\s*([A-Z])\s*\\sim\s*\\?([A-Za-z]+)\s*$")
#: the words of a sentence that gives a random variable's law, and the formula after them
_RANDOM_VARIABLE = re.compile(r"random\s+variable", re.I)
_LAW_WORD = re.compile(r"(?:distribution|law|pmf|mass\s+function)\s*$", re.I)


#: `P = \\{p_1, p_2, \\ldots, p_k\\}`: a distribution written as its entries
_ENTRIES = re.compile(
    r"\s*([A-Za-z])\s*=\s*\\\{\s*([a-z])_\{?1\}?\s*,(?:\s*\2_\{?[0-9]\}?\s*,)*"
    r"\s*\\[lc]?dots\s*,\s*\2_\{?[A-Za-z]\}?\s*\\\}\s*"
)


def laws_in_words(text: str) -> list[tuple[int, str, str, str | None]]:
    """(offset, variable, letter, entries) where a plain sentence gives a random variable's
    law (`entries`: p where it writes the law as `P = \\{p_1, \\ldots, p_k\\}`, or None):
    `$X \\sim P$`, or a sentence about one random variable $X$ (and no other) that names
    its "distribution $P = ...$" (also law, pmf, mass function). Hedged sentences give
    none."""
    prose = _prose(text)
    out = []
    for m in _INLINE.finditer(prose):
        if (law := _LAW_FORMULA.match(m.group(1))) and _plain(prose, m.start()):
            out.append((m.start(), law.group(1), law.group(2), None))
    for start, sentence in _sentences(prose):
        words = _INLINE.sub(" ", sentence)
        if not _RANDOM_VARIABLE.search(words) or _HEDGED.search(words):
            continue
        formulas = list(_INLINE.finditer(sentence))
        variables = {
            f.group(1).strip() for f in formulas if re.fullmatch(r"\s*[A-Z]\s*", f.group(1))
        }
        named = [
            re.match(r"\s*\\?([A-Za-z]+)", f.group(1)).group(1)
            for f in formulas
            if _LAW_WORD.search(sentence[: f.start()]) and re.match(r"\s*\\?[A-Za-z]", f.group(1))
        ]
        if len(variables) == 1 and len(set(named)) == 1 and named[0] not in variables:
            out.append((start, variables.pop(), named[0], _law_entries(sentence, named[0])))
    return sorted(out)


def _law_entries(sentence: str, name: str) -> str | None:
    """p where the sentence writes `$P = \\{p_1, p_2, \\ldots, p_k\\}$`, else None."""
    for f in _INLINE.finditer(sentence):
        m = _ENTRIES.match(f.group(1))
        if m and m.group(1) == name:
            return m.group(2)
    return None


#: a total other than one ("whose entries sum to 3", "the weights total 2", "unnormalized")
_OTHER_TOTAL = re.compile(
    r"\b(?:sums?|adds?|totals?)\s+(?:up\s+)?(?:to\s+)?(?:[02-9]|[1-9][0-9]+|two|three|four|five|ten)\b"
    r"|\b(?:not\s+normali[sz]ed|unnormali[sz]ed)\b"
    # "any positive vector", "a vector", "positive scores": no constraint on its total
    r"|\b(?:an?|any|arbitrary|the)\s+(?:(?:strictly\s+)?(?:positive|non-?negative|real)\s+)?"
    r"(?:vectors?|weights|scores)\b(?!\s+(?:of|with)\s+(?:\S+\s+)?probabilit)"
    r"|\b(?:an?|any|arbitrary)\s+(?:strictly\s+)?(?:positive|non-?negative)\s+measures?\b"
    r"|\b(?:positive|non-?negative)\s+(?:weights|scores|entries)\b",
    re.IGNORECASE,
)
#: an exponential (`e^{z_k}`, `\\exp(z_k)`, `2^{-l_k}`): positive, not normalized by its form
_EXPONENTIAL = r"(?:e|\d+)\s*\^|\\exp\b"
#: a formula said under a condition ("unless $p_i = 2^{-l_i}$", "equality holds iff")
_CONDITIONAL = re.compile(
    r"\b(?:if|iff|unless|when|whenever|provided|suppose|assume|assuming|equality|holds)\b",
    re.IGNORECASE,
)
#: a letter the sentence calls a distribution (`$p$ a distribution`, `$p$ is the pmf`)
_CALLED_A_LAW = re.compile(
    r"\$\s*([^$]{1,60}?)\s*\$\s+(?:be\s+|is\s+)?(?:an?|the)\s+(?!unnormali)(?:[a-z-]+\s+)?"
    r"(?:distribution|pmf|probability\s+(?:vector|distribution|mass))",
    re.IGNORECASE,
)
_POSITIVE_WORDS = re.compile(r"\b(?:positive|non-?negative|nonnegative)\b", re.IGNORECASE)
#: words that give a vector's entries ("let $q$ have entries $e^{z_k}$")
_ENTRY_WORDS = re.compile(r"\b(?:entries|weights|components|coordinates)\b", re.IGNORECASE)
#: `q_k = e^{z_k}`: entries of a vector given in prose as exponentials (weights)
_ENTRY_FORMULA = re.compile(
    r"\s*(\\?[A-Za-z]+)\s*_\s*\{?\s*([a-z])\s*\}?\s*=(?!=)\s*((?:"
    + _EXPONENTIAL
    + r").*_\s*\{?\s*\2(?![A-Za-z]).*)",
    re.DOTALL,
)
#: words that normalize what a formula gave ("let $q_k = e^{z_k}$ and normalise $q$")
_DOTS = re.compile(r"\s*(?:\\[lc]?dots|\.\.\.)\s*")
#: words about what entries sum to, whatever the total
_SUMS_TO_ANY = re.compile(
    rf"{_SUMS_TO_ONE_WORDS.pattern}|\b(?:sum(?:s|ming)?|add(?:s|ing)?(?:\s+up)?)\s+to\b",
    re.IGNORECASE,
)
_NORMALIZED_WORDS = re.compile(r"\b(?:re-?)?normali[sz](?:e|es|ed|ing)\b", re.IGNORECASE)
#: a right side that sums to one by its form: divided by a sum, or a softmax
_NORMALIZED_FORM = re.compile(r"\\frac.*\\sum|/\s*(?:\\left\s*)?\(?\s*\\sum|softmax", re.DOTALL)
#: words that point back to the letters of the sentence before
_THEY = re.compile(r"\b(?:they|these|those|them|their|its|it|both|each)\b", re.IGNORECASE)
#: a denial in a sentence about summing to one ("they do not sum to one")
_DENIED = re.compile(r"\b(?:not|never|no|need\s+not|nor)\b|n't\b", re.IGNORECASE)


_LABEL_WORDS = re.compile(
    r"\bsuperscripts?\b.*\b(?:labels?|names?|tags?|indices|not\s+(?:exponents?|powers?))\b",
    re.IGNORECASE | re.DOTALL,
)


def superscript_labels(text: str) -> frozenset[str]:
    """Letters the prose says are labels when written as superscripts ("the superscripts
    $f$ and $b$ are labels, not exponents"): `h^f` is then a name, not h to the f."""
    prose = _prose(text)
    out: set[str] = set()
    for _, sentence in _sentences(prose):
        if _LABEL_WORDS.search(_INLINE.sub(" ", sentence)):
            out |= {
                f.strip() for f in _INLINE.findall(sentence) if re.fullmatch(r"\s*[A-Za-z]\s*", f)
            }
    return frozenset(out)


def _said_again(out: dict, name: str, said: tuple) -> None:
    """Keep the first statement about `name`, with the lines of all of them last."""
    first = out.get(name, (*said, ()))
    out[name] = (*first[:3], (*first[3], said[0]))


def unnormalized_in_words(text: str) -> dict[str, tuple[int, bool, bool, tuple[int, ...]]]:
    """Name -> the line of a sentence that says its entries do not sum to one ("positive
    prices that do not sum to one", "any positive vector") or gives them by a formula that
    is not normalized (`$q_k = e^{z_k}$`): not a distribution, whatever its letter. With the
    line, whether a formula said it (then from that line on; not in a condition: "equality
    holds if $p_i = 2^{-l_i}$", nor after "... if and only if:"), whether the entries are
    said to be positive (in words, or as exponentials), and the lines of every such
    statement."""
    prose = _prose(text)
    out: dict[str, tuple[int, bool, bool, tuple[int, ...]]] = {}
    lead = ""  # a sentence that ends in a colon leads into the next one
    before: list[str] = []  # the formulas of the sentence before ("...; they do not ...")
    for start, sentence in _sentences(prose):
        words = _INLINE.sub(" ", sentence)
        own = _INLINE.findall(sentence)
        # "they do not sum to one", "do not add up to anything in particular"
        denied = (_SUMS_TO_ANY.search(words) and _DENIED.search(words)) or (
            _OTHER_TOTAL.search(sentence.replace("$", ""))  # "sum to $3$": the number in math
        )
        # "...; they do not sum to one": the formulas before (not a heading's "Positive
        # entries" after a sentence about $r$)
        # (and "... of $N$ events, so they do not add up": not N, a size, but the letters before)
        naming = [x for x in own if _name(x.split("=")[0]) not in (None, *_SIZE_LETTERS)]
        spans = own if naming else [*(before if _THEY.search(words) else []), *own]
        before = own
        line = prose.count("\n", 0, start) + 1
        conditional = _CONDITIONAL.search(words + lead) is not None
        lead = words if sentence.rstrip().endswith(":") else ""
        positive = _POSITIVE_WORDS.search(words) is not None
        # "... and normalise $q$" (not "they are not normalized")
        normalized = bool(_NORMALIZED_WORDS.search(words) and not _DENIED.search(words))
        for span in [] if conditional or normalized else own:  # not `q_k = 1/e` either
            entry = _ENTRY_FORMULA.fullmatch(span)
            if entry and not _NORMALIZED_FORM.search(entry[3]) and (name := _name(entry[1])):
                _said_again(out, name, (line, True, True))
        exponential = [
            x
            for x in own
            if re.match(rf"\s*(?:{_EXPONENTIAL})", x) and not _NORMALIZED_FORM.search(x)
        ]
        if exponential and _ENTRY_WORDS.search(words) and not (conditional or normalized):
            for span in own:  # "let $q$ have entries $e^{z_k}$"
                if _SINGLE.fullmatch(span) and (name := _name(span)) and name not in _SIZE_LETTERS:
                    _said_again(out, name, (line, True, True))
        if _PER_EXAMPLE.search(sentence) and not (conditional or normalized):
            # "$p_i$ the probability of the correct label of example $i$": one per example,
            # no distribution over i
            for span in own:
                entry = _ANY_ENTRY.match(span.split("=")[0] + " ")
                if entry and entry.group(0).strip() == span.split("=")[0].strip():
                    _said_again(out, entry[1], (line, False, positive))
        if not denied:
            continue
        # "... any positive vector and $p$ a distribution": p is one
        laws = _law_names(sentence)
        for span in spans:
            for part in span.split(","):
                if _DOTS.fullmatch(part):
                    continue  # `q_1, \\dots, q_N`
                member = _MEMBER.match(part)  # `q \\in \\mathbb{R}^n`: q
                named = member[1] if member else part.split("=")[0]
                if (name := _name(named)) and name not in _SIZE_LETTERS and name not in laws:
                    _said_again(out, name, (line, False, positive))
    return out


#: entries one per example of the data ("for example $i$", "of each training example",
#: "the $i$-th sample"), not the outcomes of one distribution
_DATUM = r"(?:training\s+|data\s+|input\s+)?(?:example|sample|observation|data\s*point|instance)"
_PER_EXAMPLE = re.compile(
    rf"\b{_DATUM}s?\s+\$\s*[a-z]\s*\$|\b(?:each|every|per|one)\s+{_DATUM}\b"
    rf"|\$\s*[a-z]\s*\$\s*-?\s*th\s+{_DATUM}",
    re.IGNORECASE,
)


def _law_names(sentence: str) -> set[str]:
    """The names a sentence calls distributions ("$p = (p_1, \\dots, p_n)$ is a probability
    vector", "$p$ and $q$ are probability vectors with positive entries")."""
    spans = list(_CALLED_A_LAW.findall(sentence))
    for m in _NAMED_LAWS.finditer(sentence):
        spans += re.findall(r"\$([^$]+)\$", m.group(1) or m.group(2) or "")
        spans += [m.group(3)] if m.group(3) else []
    return {name for span in spans if (name := _name(span.split("=")[0].strip()))}


#: a formula that says a letter's entries are positive (`q_k > 0`, `q_i \\geq 0 \\;\\forall i`)
_POSITIVE_FORMULA = re.compile(
    r"\s*(\\?[A-Za-z]+)\s*(?:_\s*(?:\{\s*[a-z]\s*\}|[a-z]))?\s*(?:>|\\gt|\\geq?|\\geqslant)\s*0"
    r"\s*(?:(?:\\[,;:!]|\\q?quad|\\ |~|,)\s*)*(?:\\forall\b.*|\\text\s*\{\s*for\s+all[^{}]*\}.*)?"
)
#: "the entries of $q$ are positive" (other wordings are in `_OTHER_TOTAL`)
_ENTRIES_POSITIVE = re.compile(
    r"\b(?:entries|components|coordinates|elements|weights)\s+of\s+\$([^$]{1,20})\$\s+are\s+"
    r"(?:all\s+)?(?:strictly\s+)?(?:positive|non-?negative)\b",
    re.IGNORECASE,
)
#: letters named as laws, one or several: "$p$ and $q$ are distributions", "two pmfs $p$,
#: $q$", "$q \\in \\Delta_n$", "$q$ is the model's predicted distribution"
_LAW_NOUN = r"(?:distributions?|pmfs?|probability\s+(?:vectors?|mass(?:\s+functions?)?))"
_NAMED_LAWS = re.compile(
    r"((?:\$[^$]{1,30}\$\s*(?:,|and)?\s*){1,3})\s*(?:be|are|is)\s+(?:an?\s+|the\s+|two\s+|both\s+)?"
    rf"(?:(?!unnormali|not\b|non|sub|pseudo|improper)[\w'-]+\s+){{0,3}}{_LAW_NOUN}\b"
    rf"|\b{_LAW_NOUN}\s+((?:\$[^$]{{1,30}}\$\s*(?:,|and)?\s*){{1,3}})"
    r"|\$\s*([^$]{1,30}?)\s*\\in\s*\\(?:Delta|mathcal\s*\{?\s*P)",
    re.IGNORECASE,
)


def positive_only_in_words(text: str) -> dict[str, int]:
    """Name -> the line of the first sentence that says its entries are positive (`Assume
    $q_k > 0$`, "the entries of $q$ are positive") where no sentence up to it calls it a
    distribution or gives it a total of one: positive numbers, not a law, as far as the
    notes say ("Let $p$ and $q$ be distributions with $q_k > 0$" makes q one; a later call
    ends it, as `called_laws` tells)."""
    prose = _prose(text)
    laws = called_laws(text)
    totals = {name: line for name, (line, _) in normalized_in_words(text).items()}
    for offset, name, _ in sums_to_one_in_words(text):
        totals.setdefault(name, prose.count("\n", 0, offset) + 1)
    out: dict[str, int] = {}
    for start, sentence in _sentences(prose):
        line = prose.count("\n", 0, start) + 1
        named = [m[1] for m in map(_POSITIVE_FORMULA.fullmatch, _INLINE.findall(sentence)) if m]
        for name in filter(None, map(_name, named + _ENTRIES_POSITIVE.findall(sentence))):
            if name in _SIZE_LETTERS or totals.get(name, line + 1) <= line:
                continue
            if not any(at <= line for at in laws.get(name, [])):
                out.setdefault(name, line)
    return out


#: words that put a letter on the negative side, or over the whole line
_NEGATIVE_WORDS = re.compile(
    r"\b(?:negative|non-?positive|any\s+real|all\s+real|arbitrary\s+real|real\s+line|"
    r"either\s+sign|any\s+sign|both\s+signs|the\s+reals)\b",
    re.IGNORECASE,
)


def signs_in_words(text: str) -> list[tuple[int, str]]:
    """(offset, letter) where a sentence writes a letter alone (`$t$`, `$t \\in
    \\mathbb{R}$`) and puts it on the negative side or over the whole line in words ("now
    let $t$ range over the negative reals", "a score of either sign")."""
    out = []
    for start, sentence in _sentences(_prose(text)):
        words = _INLINE.sub(" ", sentence)
        if not _NEGATIVE_WORDS.search(words):
            continue
        for m in _INLINE.finditer(sentence):
            span = re.sub(r"\\in\s*\\mathbb\s*\{?\s*R\s*\}?", "", m.group(1))
            if (name := _name(span)) is not None:
                out.append((start + m.start(), name))
    return out


def _unlisted(span: str) -> str:
    """`r = (r_1, r_2, r_3)` as `r`: a law named with its entries listed."""
    return re.sub(r"=\s*(?:\\left)?[(\[].*", "", span, flags=re.DOTALL)


def called_laws(text: str) -> dict[str, list[int]]:
    """Name -> the lines of the sentences that call it a distribution ("Let $q$ be a
    distribution on $n$ outcomes", "$p$ and $q$ are pmfs", `$q \\in \\Delta_n$`): what a
    sentence before said against that ends there."""
    prose = _prose(text)
    out: dict[str, list[int]] = {}
    for m in _CALLED_A_LAW.finditer(prose):
        if name := _name(_unlisted(m.group(1))):
            out.setdefault(name, []).append(prose.count("\n", 0, m.start()) + 1)
    for m in _NAMED_LAWS.finditer(prose):
        line = prose.count("\n", 0, m.start()) + 1
        for group in filter(None, m.groups()):
            for span in re.findall(r"\$([^$]*)\$", group) or [group]:
                for name in filter(None, map(_name, _unlisted(span).split(","))):
                    if line not in out.setdefault(name, []):
                        out[name].append(line)
    return {name: sorted(lines) for name, lines in out.items()}


#: words that make a law discrete: outcomes counted, a pmf, a probability vector, a simplex
_DISCRETE_LAW = re.compile(
    r"\b(?:pmfs?|probability\s+(?:vectors?|mass)|categorical|discrete|finite|empirical)\b"
    r"|\b(?:on|over)\s+(?:the\s+)?(?:\$[^$]{1,12}\$|\d+|two|three|four|five|six|ten|the\s+same)"
    r"\s+(?:[a-z]+\s+)?(?:outcomes|classes|labels|symbols|values|categories|states|letters|"
    r"words|points|items|faces|sides)\b"
    r"|\\Delta"
    # `$r = (r_1, r_2, r_3)$`: a law listed by its entries
    r"|\$\s*\\?[A-Za-z]+\s*=\s*(?:\\left)?[(\[]\s*\\?[A-Za-z]+\s*_",
    re.IGNORECASE,
)
#: words that make it continuous, or something else than a law of its own
_NOT_DISCRETE_LAW = re.compile(
    r"\b(?:densit\w*|continuous|gaussian|normal|real\s+line|exponential|beta|laplace|"
    r"conditional|joint|posterior|prior|unnormali\w*|sub-?probability|not|no)\b"
    r"|\\mathbb\s*\{?\s*R\b|\\mid|\|",
    re.IGNORECASE,
)


def discrete_laws_in_words(text: str) -> list[tuple[int, str]]:
    """(offset, name) where a plain sentence calls a letter a discrete distribution ("Let $r$
    be a probability distribution on $n$ outcomes", "$\\hat p$ is the empirical pmf",
    "$u$, the uniform distribution over the $K$ classes"): a distribution as p and q are, from
    there. Not where the sentence may make it a density, a conditional or no law at all."""
    prose = _prose(text)
    out = []
    for start, sentence in _sentences(prose):
        words = _INLINE.sub(" ", sentence)
        if not _DISCRETE_LAW.search(sentence) or _NOT_DISCRETE_LAW.search(words):
            continue
        if _HEDGED.search(words) or "?" in words:
            continue
        named = [m[1] for m in _CALLED_A_LAW.finditer(sentence)]
        for m in _NAMED_LAWS.finditer(sentence):
            for group in filter(None, m.groups()):
                named += re.findall(r"\$([^$]*)\$", group) or [group]
        for span in named:
            for name in filter(None, map(_name, _unlisted(span).split(","))):
                out.append((start, name))
    return out


#: words that make a letter a density ("a density on the real line", "a pdf")
_DENSITY_WORD = re.compile(r"\b(?:densit(?:y|ies)|pdfs?)\b", re.IGNORECASE)


def densities_in_words(text: str) -> dict[str, int]:
    """Name -> the line of the first plain sentence that calls it a density ("Let $p$ be
    a density on the real line", "$q$ is a probability density"): its values are no
    probabilities, which a discrete reading of p(x) samples them as."""
    prose = _prose(text)
    out: dict[str, int] = {}
    for start, sentence in _sentences(prose):
        words = _INLINE.sub(" ", sentence)
        if not _DENSITY_WORD.search(words) or _HEDGED.search(words):
            continue
        line = prose.count("\n", 0, start) + 1
        for span in _INLINE.findall(sentence):
            for name in filter(None, map(_name, span.split(","))):
                out.setdefault(name, line)
    return out


def normalized_in_words(text: str) -> dict[str, tuple[int, bool]]:
    """Name -> (the line of the first sentence that says in words that a vector sums to
    one or is one-hot, whether it says one-hot) ("weights summing to one", "a probability
    vector $w$", "$y$ is one-hot"): every name in that sentence, since the words may be
    about any of them (or deny it: "no reason for $v$ to sum to one"). A doubt, not a fact
    symkl applies."""
    prose = _prose(text)
    out: dict[str, tuple[int, bool]] = {}
    for start, sentence in _sentences(prose):
        words = _INLINE.sub(" ", sentence)
        one_hot = _ONE_HOT.search(words) is not None
        if not (_SUMS_TO_ONE_WORDS.search(words) or one_hot):
            continue
        line = prose.count("\n", 0, start) + 1
        named = False
        for span in _INLINE.findall(sentence):
            # `y`, `y = e_c`, `y \\in \\mathbb{R}^K`, `\\sum_k y_k = 1` name y
            member = _MEMBER.match(span)
            lhs = member[1] if member else span.split("=")[0]
            names = [f.group(1) for f in _SUM_TO_ONE.finditer(span)]
            if _PROSE_NAME.fullmatch(lhs) and (name := _name(lhs)):
                names.append(name)
            for name in (n for n in names if n not in _SIZE_LETTERS):
                out.setdefault(name, (line, one_hot))
                named = True
        if not named:  # "we use one-hot targets": about whichever vectors the notes mean
            out.setdefault(ANY_VECTOR, (line, one_hot))
    return out


#: the name `normalized_in_words` gives to what a sentence that names no letter says
ANY_VECTOR = "*"


#: `\\frac{1}{2}`, `\\tfrac12` (one digit each without braces, as TeX reads it)
_FRACTION = r"\\[dt]?frac\s*(?:\{\s*(\d+)\s*\}|(\d))\s*(?:\{\s*(\d+)\s*\}|(\d))"
#: `2^{10}`, `10^{-3}`: a whole number to a whole power
_POWER = r"(-?)([0-9]{1,6})\s*\^\s*(?:\{\s*(-?[0-9]{1,3})\s*\}|([0-9]))"
_VALUE = re.compile(
    r"([^=_]+)=\s*(-?[0-9][0-9,]*(?:\.[0-9]+)?(?:\s*/\s*[0-9]+)?(?!\s*\^)"
    rf"|{_FRACTION}|{_POWER})\s*"
)


#: `(\\mu, \\sigma) = (1, 2)`: names given numbers in one tuple
_TUPLE_VALUES = re.compile(
    r"\s*(?:\\left)?\(([^=()]+)(?:\\right)?\)\s*=\s*(?:\\left)?\(([^=()]+)(?:\\right)?\)\s*"
)


def _values_given(formula: str) -> list[tuple[str, Fraction]]:
    """(name, value) for each letter a prose formula gives a number: `n = 50000`, `(\\mu,
    \\sigma) = (1, 2)`; a letter, or a decorated one (\\hat\\theta, \\theta^*), never an
    entry (sigma_1)."""
    if found := _VALUE.fullmatch(formula):
        pairs = [(found.group(1), found.group(2).replace(",", ""))]
    elif found := _TUPLE_VALUES.fullmatch(formula):
        names, numbers = found.group(1).split(","), found.group(2).split(",")
        pairs = list(zip(names, numbers, strict=True)) if len(names) == len(numbers) > 1 else []
    else:
        return []
    given = [(_name(name), _worded_number(number.strip())) for name, number in pairs]
    if any(name is None or value is None for name, value in given):
        return []  # `(\\mu, 1) = (1, 1)`, `(a, b) = (1, c)`: not values of letters alone
    return given


def _said_until(prose: str, at: int) -> int | None:
    """The line where a value said at `at` stops bearing: the next prose for one said in
    passing ("note that $t = 0$ gives ..."), else None (it holds on)."""
    begin, stop = _sentence_span(prose, at)
    passing = _PASSING.search(prose[begin:at]) and not _KEPT.search(
        _INLINE.sub(" ", prose[begin:stop])
    )
    if not passing:
        return None
    lines = prose.split("\n")
    end = _next_prose_line(prose, stop + 1)
    while end <= len(lines) and re.match(r"\s*(?:and|or|but|while|whereas)\b", lines[end - 1]):
        # "Plugging in $K = 4$, the true class gets [display] and every other class gets
        # [display]": the sentence goes on, and so does what it gives
        end = _next_prose_line(prose, sum(len(row) + 1 for row in lines[:end]) - 1)
    return end


#: words that set a letter to a value for what follows ("evaluate at", "let", "take")
_SETS_LETTER = re.compile(
    r"\b(?:evaluat\w*|set(?:ting)?|let|tak(?:e|ing)|put(?:ting)?|substitut\w*|plug\w*|"
    r"choos\w*|assum\w*|suppos\w*)\b",
    re.IGNORECASE,
)


#: commands that write numbers or operations, not letters, in a prose condition
_NUMBER_COMMANDS = frozenset(
    {"frac", "tfrac", "dfrac", "sqrt", "log", "ln", "exp", "left", "right", "cdot", "times", "pi"}
)


def condition_letter(formula: str) -> str | None:
    """The letter an equation fixes through an expression ("\\sigma^2 = 4", "2b^2 = 1",
    "1/\\lambda = 2", "\\log\\sigma = 1"): one letter on one side, a number on the other;
    None for anything else (`\\sigma = 2` is a value: `values_in_words`)."""
    sides = re.split(r"(?<![<>!:=])=(?!=)", formula)
    if len(sides) != 2 or "_" in formula or _values_given(formula):
        return None
    letters = [
        {t.lstrip("\\") for t in re.findall(r"\\[A-Za-z]+|[A-Za-z]", side)} - _NUMBER_COMMANDS
        for side in sides
    ]
    if sorted(map(len, letters)) != [0, 1] or "e" in letters[0] | letters[1]:
        return None
    if any(_name(side) for side, named in zip(sides, letters, strict=True) if named):
        return None  # the letter alone, `p = (1/2, 1/2)`: a definition, not an equation to solve
    (letter,) = letters[0] | letters[1]
    return _name(letter if len(letter) == 1 else "\\" + letter)


def conditions_in_words(text: str) -> dict[str, list[tuple[int, str]]]:
    """Letter -> [(line, formula)] where the prose states an equation that fixes it through
    an expression ("$\\sigma^2 = 4$", "the variance $2b^2 = 1$", "mean $1/\\lambda = 2$"):
    symkl does not solve it."""
    prose = _prose(text)
    out: dict[str, list[tuple[int, str]]] = {}
    for m in _INLINE.finditer(prose):
        line = prose.count("\n", 0, m.start()) + 1
        single = condition_letter(m.group(1))
        # `a + b = 1`: a condition on each of its letters
        for name in [single] if single else _related_letters(m.group(1)):
            out.setdefault(name, []).append((line, m.group(1).strip()))
    return out


#: what makes a formula more than arithmetic of letters: a call, a bar, a word, an operator
_NOT_ARITHMETIC = re.compile(
    r"[(|\[]|\\(?!(?:alpha|beta|gamma|delta|epsilon|lambda|mu|sigma|theta|tau|rho|phi|eta"
    r"|frac|cdot|times|left|right)(?![A-Za-z]))[A-Za-z]+"
)


#: `du/dv`, `\\frac{dy}{dx}`, `\\partial`: a derivative
_DERIVATIVE_WRITTEN = re.compile(
    r"(?<![A-Za-z])d\s*[A-Za-z]\s*/\s*d|\\partial|\\[dt]?frac\s*\{\s*d"
)


def _related_letters(formula: str) -> list[str]:
    """The letters an equation relates to a number (`a + b = 1`, `a - b = 2`, `xy = 1`): two
    or more on one side, a number on the other; [] for anything else."""
    sides = re.split(r"(?<![<>!:=])=(?!=)", formula)
    if len(sides) != 2 or "_" in formula or _values_given(formula):
        return []
    if _NOT_ARITHMETIC.search(formula) or _DERIVATIVE_WRITTEN.search(formula):
        return []  # `\\text{KL}(p \\| q) = 0`, `du/dv = 4`: not letters to solve for
    letters = [
        {t.lstrip("\\") for t in re.findall(r"\\[A-Za-z]+|[A-Za-z]", side)} - _NUMBER_COMMANDS
        for side in sides
    ]
    if sorted(map(len, letters))[0] != 0 or max(map(len, letters)) < 2:
        return []
    if "e" in letters[0] | letters[1]:
        return []
    named = [_name(x if len(x) == 1 else "\\" + x) for x in letters[0] | letters[1]]
    return sorted(n for n in named if n)


def _heading_lines(prose: str) -> list[int]:
    """The lines of the headings, in order."""
    return [prose.count("\n", 0, h.start()) + 1 for h in HEADING.finditer(prose)]


def extremes_in_words(text: str) -> dict[str, list[tuple[int, int | None, str, str]]]:
    """Vector -> [(line, end, "max" or "min", index letter)] where a sentence makes one
    entry the largest or the smallest ("for $z_k$ the largest logit", "$z_k$ is the
    smallest entry", "the top logit $z_k$"), up to the next heading (`end`, its line)."""
    prose = _prose(text)
    headings = _heading_lines(prose)
    out: dict[str, list[tuple[int, int | None, str, str]]] = {}
    for start, sentence in _sentences(prose):
        line = prose.count("\n", 0, start) + 1
        end = next((h for h in headings if h > line), None)  # the section's end
        for m in _EXTREME_ENTRY.finditer(sentence):
            entry = m["after"] or m["before"]
            found = _AN_ENTRY.fullmatch(entry)
            if found is None or (name := _name(found[1])) is None:
                continue
            which = "min" if _SMALLEST.match(m["word"] or m["word2"]) else "max"
            out.setdefault(name, []).append((line, end, which, found[2]))
    return out


#: "$z_k$ the largest", "$z_k$ is the smallest", "the largest logit $z_k$"
_EXTREME_WORD = (
    r"(?P<word>larg\w*|bigg\w*|great\w*|high\w*|max\w*|top|small\w*|least|low\w*|min\w*)"
)
_EXTREME_ENTRY = re.compile(
    rf"\$(?P<after>[^$]+)\$\s*(?:,\s*)?(?:(?:is|be|being|as)\s+)?the\s+{_EXTREME_WORD}\b"
    rf"|\bthe\s+{_EXTREME_WORD.replace('word', 'word2')}\s+(?:\w+\s+){{0,2}}\$(?P<before>[^$]+)\$",
    re.IGNORECASE,
)
_SMALLEST = re.compile(r"small|least|low|min", re.IGNORECASE)
#: an entry at an index letter: `z_k`, `z_{k}`, `\\mathbf{z}_k`
_AN_ENTRY = re.compile(
    r"\s*((?:\\[A-Za-z]+\s*\{\s*)?\\?[A-Za-z]+\s*\}?)\s*_\s*\{?\s*([a-z])\s*\}?\s*"
)


#: words that leave a case the prose supposed: "in general", "away from that case"
_LEAVES_CASE = re.compile(
    r"\b(?:in\s+general|general\s+case|away\s+from|apart\s+from|outside\s+(?:of\s+)?th|"
    r"otherwise|for\s+(?:any|every|all|arbitrary)|unequal|differ(?:ent)?\b)",
    re.IGNORECASE,
)


#: words that change entries after giving them: "normalise", "rescale", "divide by"
_RESCALED = re.compile(r"\b(?:normali[sz]\w*|renormali[sz]\w*|rescal\w*|scal\w*|divid\w*)", re.I)


#: words that give some entries, not all: "every other $y_k = 0$", "except at $c$"
_SOME_ENTRIES = re.compile(
    r"\b(?:other|others|except|but|unless|remaining|rest|some|first|last|one|single)\b", re.I
)


def _entry_of(span: str, name: str) -> bool:
    """Does the prose formula `span` write an entry of the vector `name`?"""
    return any(_name(m.group(1)) == name for m in re.finditer(r"(\\?[A-Za-z]+)\s*_", span))


def equalities_in_words(text: str) -> dict[str, list[tuple[int, int | None, str]]]:
    """Letter -> [(line, end, formula)] where a sentence supposes names or entries equal
    ("in the case of equal scales, $s_1 = s_2 = s$", "when $p = q$"): a case the steps after
    it may be about, up to the next heading (`end`, its line; None: the end of the text).
    symkl does not substitute it ("equality holds iff $q = p$" states no case)."""
    prose = _prose(text)
    sentences = list(_sentences(prose))
    # the section's end, or a sentence that leaves the case ("in general", "away from")
    ends = _heading_lines(prose) + [
        prose.count("\n", 0, start) + 1
        for start, sentence in sentences
        if _LEAVES_CASE.search(_INLINE.sub(" ", sentence))
    ]
    out: dict[str, list[tuple[int, int | None, str]]] = {}
    for start, sentence in sentences:
        words = _INLINE.sub(" ", sentence)
        supposes = _SUPPOSING.search(words) or _SETS_LETTER.search(words)
        if not supposes or _CONDITION_WORDS.search(words):
            continue
        line = prose.count("\n", 0, start) + 1
        end = min((h for h in ends if h > line), default=None)
        for m in _INLINE.finditer(sentence):
            sides = re.split(r"(?<![<>!:=\\])=(?!=)", m.group(1))
            entry = _AN_ENTRY.fullmatch(sides[0]) if len(sides) == 2 else None
            if entry and (name := _name(entry.group(1))) and _name(sides[1]) is None:
                # "suppose $q_i = 1/n$": every entry given by a formula (not by itself); not
                # "let $q_k = e^{z_k}$ and normalise": entries set, then changed in words
                letters = {_name(w) for w in re.findall(r"\\?[A-Za-z]+", sides[1])}
                # not "so $y_c = 1$ and every other $y_k = 0$": some entries, not all
                others = [
                    x
                    for x in _INLINE.finditer(sentence)
                    if x.start() != m.start() and _entry_of(x[1], name)
                ]
                plain = not (_RESCALED.search(words) or _SOME_ENTRIES.search(words) or others)
                if _SUPPOSING.search(words) and plain and name not in letters:
                    out.setdefault(name, []).append((line, end, m.group(1).strip()))
                continue
            names = [_name(side) for side in sides]
            if len(sides) < 2 or not all(names) or len({x.strip() for x in sides}) < 2:
                continue
            setting = _SETS_LETTER.search(_INLINE.sub(" ", sentence[: m.start()]))
            if len(sides) == 2 and setting and "_" not in m.group(1):
                continue  # "evaluate at $x = \\mu$": `aliases_in_words`, which symkl applies
            for name in dict.fromkeys(names):
                out.setdefault(name, []).append((line, end, m.group(1).strip()))
    return out


def aliases_in_words(text: str) -> dict[str, list[tuple[int, int | None, str]]]:
    """Letter -> [(line, end, other letter)] where the prose sets it to another letter
    ("evaluate at $x = \\mu$"), as `values_in_words` gives numbers."""
    prose = _prose(text)
    out: dict[str, list[tuple[int, int | None, str]]] = {}
    for m in _INLINE.finditer(prose):
        left, eq, right = m.group(1).partition("=")
        if not eq or right.startswith("=") or left.endswith(("<", ">", "!", ":")):
            continue
        if not ((name := _name(left)) and (other := _name(right)) and name != other):
            continue
        begin, _ = _sentence_span(prose, m.start())
        if _SETS_LETTER.search(_INLINE.sub(" ", prose[begin : m.start()])):  # not "zero at $b = a$"
            line = prose.count("\n", 0, m.start()) + 1
            out.setdefault(name, []).append((line, _said_until(prose, m.start()), other))
    return out


#: words before a value that say it does not hold here: a contrast, the past
_NOT_NOW = re.compile(
    r"\b(?:unlike|instead\s+of|rather\s+than|not|no\s+longer|was|were|had\s+been|used\s+to|"
    r"last|previous\w*|earlier|formerly|before)\b",
    re.IGNORECASE,
)


def values_in_tables(text: str) -> dict[str, int]:
    """Name -> the line of a Markdown table that gives it numbers: a header cell that is a
    name or an entry in math (`| $a_1$ | $a_2$ |`, `| $m$ | $s$ |`) over a cell that is a
    number. symkl does not substitute them: a step about those values may fail elsewhere."""
    out: dict[str, int] = {}
    lines = text.split("\n")
    for k, row in enumerate(lines[:-2]):
        if not (_TABLE_ROW.fullmatch(row) and _TABLE_RULE.fullmatch(lines[k + 1])):
            continue
        header = [cell.strip() for cell in row.strip().strip("|").split("|")]
        for body in lines[k + 2 :]:
            if not _TABLE_ROW.fullmatch(body):
                break
            cells = [cell.strip() for cell in body.strip().strip("|").split("|")]
            for head, cell in zip(header, cells, strict=False):
                math = re.fullmatch(r"\$([^$]+)\$", head)
                number = re.fullmatch(r"-?\d+(?:\.\d+)?", cell)
                if math and number and (name := _name(math.group(1))) is not None:
                    out.setdefault(name, k + 1)
    return out


_TABLE_ROW = re.compile(r"\s*\|.*\|\s*")
_TABLE_RULE = re.compile(r"\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*")


def values_in_words(text: str) -> dict[str, list[tuple[int, int | None, Fraction]]]:
    """Letter -> [(line, end, value)] where the prose gives it a number (`$n = 50000$`).
    A value said in passing ("note that $t = 0$ gives ...", "at $t = 0$") bears on the
    displays up to the next prose (`end`, the line there); any other ("let $n = 5$",
    "henceforth $k = 4$") has no end: it withholds refutations, so erring long is safe."""
    prose = _prose(text)
    out: dict[str, list[tuple[int, int | None, Fraction]]] = {}
    for m in _INLINE.finditer(prose):
        begin, _ = _sentence_span(prose, m.start())
        if _NOT_NOW.search(_INLINE.sub(" ", prose[begin : m.start()])):
            continue  # "Unlike $x = 2$, ...", "The logit was $x = 2$ last week": no value now
        if _result_before(prose[begin : m.start()]):
            continue  # "the optimum is $a = 5$": a result claimed (`described_in_words`)
        for name, value in _values_given(m.group(1)):
            line = prose.count("\n", 0, m.start()) + 1
            out.setdefault(name, []).append((line, _said_until(prose, m.start()), value))
    for m in _GIVEN_VALUE.finditer(prose):  # "let $t$ be one fifth", "take $t$ to be $0.2$"
        if (name := _name(m["name"])) and (value := _worded_number(m["value"])) is not None:
            line = prose.count("\n", 0, m.start()) + 1
            out.setdefault(name, []).append((line, None, value))
    for said in out.values():
        said.sort(key=lambda entry: entry[0])
    return out


#: a letter given a value in words: "let $t$ be one fifth", "take $t$ to be $0.2$", "here
#: $t$ equals 0.2", "set $t$ to $\frac15$" (not "$t$ is $0$ or $1$", "$y$ is one-hot")
_GIVEN_VALUE = re.compile(
    r"(?:\bset(?:ting)?\s+)?\$\s*(?P<name>[^$_=<>]{1,30}?)\s*\$\s+"
    r"(?:be|to\s+be|equals?|(?:is|be)\s+equal\s+to|is|to|takes?\s+the\s+value)\s+"
    # atomic: "one fifth of" is no value, and neither is its "one"
    r"(?P<value>(?>\$\s*[-+]?[0-9][0-9.]*(?:\s*/\s*[0-9]+)?\s*\$"
    rf"|\$\s*{_FRACTION}\s*\$"
    r"|[-+]?[0-9]+(?:\.[0-9]+)?(?![0-9])|(?:(?:a|one|two|three|four)\s+)?[a-z]+))"
    r"(?![\w-])(?!\s*(?:or|and|of|to|more|less|minus|plus|times|percent|%|\$))",
    re.IGNORECASE,
)
#: numbers in words: whole ones by their place, fractions by their denominators
_WHOLE_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_PARTS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}


def _worded_number(text: str) -> Fraction | None:
    """The number a value is written as (`$0.2$`, `\\frac15`, `0.2`, "one fifth", "two
    thirds", "zero"), or None for other words."""
    text = text.strip("$ ").lower()
    if (power := re.fullmatch(_POWER, text)) and abs(int(power[3] or power[4])) <= 100:
        return (-1 if power[1] else 1) * Fraction(int(power[2])) ** int(power[3] or power[4])
    if frac := re.fullmatch(_FRACTION, text):
        top, bottom = int(frac[1] or frac[2]), int(frac[3] or frac[4])
        return Fraction(top, bottom) if bottom else None
    if re.fullmatch(r"[-+]?[0-9][0-9.]*(?:\s*/\s*[0-9]+)?", text):
        try:
            return Fraction(text.replace(" ", ""))
        except (ValueError, ZeroDivisionError):
            return None
    words = text.split()
    if len(words) == 1:
        return Fraction(_WHOLE_WORDS.index(text)) if text in _WHOLE_WORDS else None
    count = 1 if words[0] == "a" else _WHOLE_WORDS.index(words[0])
    part = _PARTS.get(words[1]) or _PARTS.get(words[1].removesuffix("s"))
    return Fraction(count, part) if count and part else None


#: words before a value that say it in passing: a point looked at, an example
_PASSING = re.compile(
    r"\b(?:note|notice|observe|at|e\.g|example|instance|such\s+as|say|plugging|gives?)\b",
    re.IGNORECASE,
)
#: words that keep a value for what follows, not just the next display
_KEPT = re.compile(
    r"\b(?:throughout|fix|fixed|from\s+now|what\s+follows|below|rest|all|each|every|onwards?|"
    r"sections?|chapter|notes|samples|examples|data|observations|points|classes|dimensions?|"
    r"trials|successes|failures|draws|tosses|flips|words|documents|items|outcomes|"
    r"henceforth|later|cells?|lab|rest)\b",
    re.IGNORECASE,
)


#: letters that are sizes or indices: their bounds are kept as exclusions, not domains
_NOT_SCALARS = frozenset({"n", "m", "N", "M", "K", "k", "d", "i", "j", "T", "C"})
_NAMES = re.compile(r"\s*\\?[A-Za-z]+(?:\s*,\s*\\?[A-Za-z]+)*\s*")


def _a_count_fits(lo, hi, hi_open: bool) -> bool:
    """Could a size letter (n, m, K) bounded so be a count? `$n \\ge 2$`, `$K \\le 10$`
    yes; `$m < 0$`, `$0 < m < 1$` and `$m \\in \\mathbb{R}$` (no bound) say it is a real
    number there."""
    if lo == float("-inf") and hi == float("inf"):
        return False
    first = 1 if lo < 1 else math.floor(lo) + 1  # the least positive integer above lo
    return first < hi or (first == hi and not hi_open)


def _number(text: str) -> Fraction | float | None:
    """A bound written as a number: 1, -0.5, 1/2, \\frac{1}{2}, \\infty; None otherwise."""
    text = re.sub(r"\\[,;!]|\s", "", text)
    if re.fullmatch(r"[+-]?\\infty", text):
        return float("-inf") if text.startswith("-") else float("inf")
    sign = -1 if text.startswith("-") else 1
    operand = _operand(text.lstrip("+-"))
    if not operand or not re.fullmatch(r"[0-9./]+", operand):
        return None
    try:
        return sign * Fraction(operand)
    except (ValueError, ZeroDivisionError):
        return None


def _interval_bounds(text: str) -> list[tuple[str, Fraction | float]] | None:
    """`(a, b]`, `\\mathbb{R}`, `\\mathbb{R}_{>0}` as [(op, bound)] for the letter; None."""
    text = re.sub(r"\\(?:left|right|big|Big)|\s", "", text)
    if re.fullmatch(_REAL_SET, text):
        return []  # each entry of a vector in `\\mathbb{R}^K` as well
    if re.fullmatch(r"\\mathbb\{?R\}?(?:_\{?(?:\+|>0)\}?|\^\{?\+\}?)", text):
        return [(">", Fraction(0))]
    m = re.fullmatch(r"([(\[])([^,]+),([^,]+)([)\]])", text)
    if m is None:
        return None
    lo, hi = _number(m.group(2)), _number(m.group(3))
    if lo is None or hi is None:
        return None
    return [(">" if m.group(1) == "(" else ">=", lo), ("<" if m.group(4) == ")" else "<=", hi)]


#: `|r| < 1`, `\\lvert x \\rvert \\le 2`: a letter's absolute value bounded by a number
_ABS_BOUND = re.compile(
    r"\s*(?:\||\\lvert|\\left\s*\|)\s*(\\?[A-Za-z]+)\s*(?:\||\\rvert|\\right\s*\|)\s*"
    r"(<|\\le(?:q)?(?![A-Za-z]))\s*([^<>=]+?)\s*"
)


def _span_bounds(span: str) -> dict[str, list[tuple[str, Fraction | float]]]:
    """Letter -> [(op, bound)] a prose formula states, the letter on the left (`|r| < 1`:
    -1 < r < 1)."""
    if m := _ABS_BOUND.fullmatch(span):
        value = _number(m.group(3))
        if value is None or value <= 0 or (name := _name(m.group(1))) is None:
            return {}
        strict = m.group(2).strip() == "<"
        return {name: [(">" if strict else ">=", -value), ("<" if strict else "<=", value)]}
    if m := re.fullmatch(r"(.+?)\\in(?![A-Za-z])(.+)", span):
        bounds = _interval_bounds(m.group(2))
        if bounds is None or (listed := _listed(m.group(1))) is None:
            return {}
        return {name: list(bounds) for name in listed}
    parts = _RELATION.split(span)
    relations = [_CANONICAL.get(r.group(0).replace(" ", ""), "") for r in _RELATION.finditer(span)]
    if len(parts) < 2 or not all(r in ("<", "<=", ">", ">=") for r in relations):
        return {}
    out: dict[str, list] = {}
    for k, rel in enumerate(relations):
        left, right = parts[k], parts[k + 1]
        for names, op, bound in ((left, rel, right), (right, _FLIPPED[rel], left)):
            value = _number(bound)
            if value is not None and (listed := _listed(names)) is not None:
                for name in listed:
                    out.setdefault(name, []).append((op, value))
            elif value is None and not _NAMES.fullmatch(bound) and _number(names) is None:
                return {}  # `H(p) \\le \\log n`: not a range of a letter
    return out


def formula_range(formula: str) -> tuple[str, tuple] | None:
    """`x > 0`, `0 < p < 1`, `\\sigma \\in (0, \\infty)` as (letter, (lo, lo_open, hi,
    hi_open)); None for anything else (two letters, a bound that is no number)."""
    found = _span_bounds(formula.strip())
    if len(found) != 1:
        return None
    ((name, bounds),) = found.items()
    interval = _tightest(bounds)
    return (name, interval) if interval is not None else None


def formula_ranges(formula: str) -> dict[str, tuple] | None:
    """`a, b \\ge 2`, `x > 0`, `0 < p < 1` as letter -> (lo, lo_open, hi, hi_open); None
    for anything else (a bound that is no number, an empty range)."""
    found = _span_bounds(formula.strip())
    out = {name: _tightest(bounds) for name, bounds in found.items()}
    return out if out and None not in out.values() else None


def _tightest(bounds: list) -> tuple | None:
    """[(op, bound)] as (lo, lo_open, hi, hi_open), None where it is empty."""
    lo, lo_open, hi, hi_open = float("-inf"), True, float("inf"), True
    for op, value in bounds:
        if op in (">", ">=") and value >= lo:
            lo, lo_open = value, op == ">" or value == float("-inf")
        if op in ("<", "<=") and value <= hi:
            hi, hi_open = value, op == "<" or value == float("inf")
    return (lo, lo_open, hi, hi_open) if lo < hi else None


def bounds_in_words(text: str) -> list[tuple[int, str, tuple]]:
    """(offset, letter, (lo, lo_open, hi, hi_open)) for every prose formula that bounds a
    bare letter by numbers, plain or hedged ("no longer the number above, $a > 0$")."""
    return [
        (m.start(), name, bounds)
        for m in _INLINE.finditer(_prose(text))
        if (found := formula_range(m.group(1))) is not None
        for name, bounds in [found]
    ]


def _names(text: str) -> list[str]:
    return [n.strip().lstrip("\\") for n in text.split(",")]


def entries_in_words(text: str) -> dict[str, set[int]]:
    """Vector -> the entries prose formulas list (`$\\sigma_1, \\sigma_2 > 0$`: sigma -> {1,
    2}), so that a range said of them is not taken for the other entries."""
    out: dict[str, set[int]] = {}
    for m in _INLINE.finditer(_prose(text)):
        if not _span_bounds(m.group(1)):
            continue  # `P = \\{p_1, p_2, \\ldots\\}` lists entries, ranges none
        for listed in _ENTRY_LIST.finditer(m.group(1)):
            name = listed.group(1)
            out.setdefault(name, set()).update(
                int(k) for k in _ENTRY_INDEX.findall(listed.group(0))
            )
    return out


#: `\\sigma_1, \\sigma_2`: entries of one vector, listed
_ENTRY_LIST = re.compile(r"\\?([A-Za-z]+)_\{?\s*\d+\s*\}?(?:\s*,\s*\\?\1_\{?\s*\d+\s*\}?)+")
_ENTRY_INDEX = re.compile(r"_\{?\s*(\d+)")


def _listed(text: str) -> list[str] | None:
    """The letters a list in a prose formula names (`a, b`), or the vector whose entries
    it lists (`\\sigma_1, \\sigma_2`: sigma; a single entry is not the whole vector)."""
    if _NAMES.fullmatch(text):
        return _names(text)
    if "_" not in text and _PROSE_NAME.fullmatch(text) and (name := _name(text)):
        return [name]  # `\\hat p`: the name symkl reads for it (phat)
    if m := _ENTRY_LIST.fullmatch(text.strip()):
        return [m.group(1)]
    return None


def domains_in_words(text: str) -> list[tuple[int, str, tuple | None]]:
    """(offset, letter, bounds) for each prose statement of a bare letter's range, in
    order. bounds is (lo, lo_open, hi, hi_open) where a formula bounds the letter by numbers
    plainly (not "fails once $x > 3$"), or the whole line where a plain sentence calls it any
    real number; None where the prose ranges it in a way symkl does not read ("now let $w$
    be negative"), or says two things of it. Each holds from where it is said until the
    next one for the same letter ("For $u > -1$: ... For $u \\ge 0$: ..."). Sizes and
    indices are left out (`exclusions_in_words` keeps them)."""
    prose = _prose(text)
    found: list[tuple[int, str, tuple | None, bool]] = []  # (..., opens a new case)
    counted: list[tuple[int, str, tuple]] = []  # a count's bounds on a size letter
    after: list[tuple[int, int, int, str, tuple]] = []  # ranges said after their displays
    everything = (float("-inf"), True, float("inf"), True)
    for m in _INLINE.finditer(prose):
        words = _INLINE.sub(" ", _sentence(prose, m.start()))
        single = _SINGLE.fullmatch(m.group(1)) and len(_letters(m.group(1))) == 1
        opening = _OPENS.match(words) is not None  # "For negative $a$:" opens a case
        if single and not opening and (displays := _continued(prose, text, m.start())):
            # "$$x^3 > x$$ valid only when $x$ is a proper fraction": said of that display
            # in words: whatever range held there may not be meant (an empty bound agrees
            # with none)
            for letter in _letters(m.group(1)):
                after.append((*displays, m.start(), letter, (1, True, 1, True, 0)))
        signed = [
            x for r in (_SIGN_AFTER, _SIGN_BEFORE) for x in r.finditer(_sentence(prose, m.start()))
        ]
        if single and _WIDE.search(words) and not any(m.group(0) in x.group(0) for x in signed):
            # ("the logits are arbitrary real numbers and $T$ is positive": T is positive)
            (letter,) = _letters(m.group(1))
            # "$x$ is an arbitrary logit"; hedged, a range symkl does not read
            wide = everything if _ranging(prose, m.start()) else None
            found.append((m.start(), letter, wide, True))
        if (v := _VALUE.fullmatch(m.group(1))) and _SINGLE.fullmatch(v.group(1)):
            # "Set $n = 0.5$": a size letter given a value no count has is a real number
            value = _worded_number(v.group(2).replace(",", "")) or Fraction(1)
            letters = sorted(_letters(v.group(1)))
            if len(letters) == 1 and letters[0] in _NOT_SCALARS and value.denominator != 1:
                found.append((m.start(), letters[0], everything, True))
        for name, bounds in _span_bounds(m.group(1)).items():
            if len(name) > 1 and not name.isalpha():
                continue
            lo, lo_open, hi, hi_open = float("-inf"), True, float("inf"), True
            for op, value in bounds:
                if op in (">", ">=") and value >= lo:
                    lo, lo_open = value, op == ">" or value == float("-inf")
                if op in ("<", "<=") and value <= hi:
                    hi, hi_open = value, op == "<" or value == float("inf")
            if lo >= hi:
                continue
            if (
                name in _NOT_SCALARS
                and _a_count_fits(lo, hi, hi_open)
                and not _a_quantity(prose, m)
            ):
                counted.append((m.start(), name, (lo, lo_open, hi, hi_open)))
                continue
            displays = _continued(prose, text, m.start())
            if not _ranging(prose, m.start()):
                # "sharp once $x > 3$", "suppose now that $t < -2$": no range, but where it
                # is at odds with the range in force, that one may no longer hold; said of
                # the display just before ("valid for $x \\in (0, 1)$ instead"), a doubt
                # there as well
                remark = (lo, lo_open, hi, hi_open, int(_as_given(prose, m.start())))
                if displays is not None:
                    after.append((*displays, m.start(), name, remark))
                found.append((m.start(), name, remark, False))
                continue
            bounds = (lo, lo_open, hi, hi_open)
            opens = _OPENS.match(words) is not None
            if displays is not None and opens:
                displays = None  # "now let $x > 3$.": for what follows, not what precedes
            if displays is not None:
                after.append((*displays, m.start(), name, bounds))
            if displays is None:
                found.append((m.start(), name, bounds, opens))
            elif _forward(prose, m.start()):  # "whereas for ...:" opens the next case
                found.append((m.start(), name, bounds, True))
    for k, (at, name, bounds, opens) in enumerate(found):
        # "Let $T \\in \\mathbb{R}$, $T > 0$": a size letter said to be real, bounded in the
        # same sentence: that bound (alone, a count's bound is no range of a real number)
        start = _sentence_span(prose, at)[0]
        said = [b for c, n, b in counted if n == name and _sentence_span(prose, c)[0] == start]
        if bounds == everything and said:
            found[k] = (at, name, said[-1], opens)
    found += [(at, letter, bounds, True) for at, letter, bounds in _ranged_otherwise(prose)]
    found += [(at, "", None, True) for at in _shifts(prose)]  # every letter
    found += [(at, "*", None, True) for at in _shifts(prose, strong=True)]  # and throughout
    headings = [m.start() for m in HEADING.finditer(prose)]
    # "Throughout, $p \\in (0, 1)$": no shift in words ends it
    everywhere = {
        at
        for at, _, _, _ in found
        if (said := _PERSISTS.search(_INLINE.sub(" ", _sentence(prose, at))))
        and said.group("everywhere")
    }
    events = _in_force(sorted(found, key=lambda item: item[0]), headings, everywhere)
    events += _said_after(events, after)
    ends = _ends(prose, events)
    values = [
        (m.start(), v.group(1).strip(), value)
        for m in _INLINE.finditer(prose)
        if (v := _VALUE.fullmatch(m.group(1)))
        and (value := _worded_number(v.group(2).replace(",", ""))) is not None
    ]
    # an end and a new range at one offset (a sentence that ends one and states another):
    # the new one
    events = sorted(ends + _one_per_sentence(prose, events), key=lambda item: item[0])
    return _outside_ranges(events, values, prose)


#: a heading, a \\paragraph or \\begin{document} before a sentence's first word
_LEAD = r"(?:\W*\\[A-Za-z]+\*?\{[^{}]*\})*"
#: words with which a sentence opens a case or declares a range ("For $x > 1$:", "Let",
#: "Now", "Throughout"); a range stated without them where another holds is a remark
#: ("note that $x > 0$ in particular", "clearly $s > 0$ as well"), not a new range
_OPENS = re.compile(
    _LEAD
    + r"\W*(?:(?:and|but|so|then)\W+)?(?:for|let|now|next|consider|take|throughout|here|henceforth|"
    r"(?:(?:we|let\s+us)\s+(?:will\s+|shall\s+)?)?(?:assume|suppose)|"
    r"in\s+(?:this|the\s+next|what\s+follows)|hereafter|below|"
    r"with|where|given|on|within|over|from\s+here)\b",
    re.IGNORECASE,
)
#: words that move to another part of the line without a formula ("next consider the left
#: half-line", "negative scores mirror this"): the ranges in force end there
_SHIFT = re.compile(
    r"\b(?:negative|positive|non-?negative|non-?positive|half-?line|interval|opposite|"
    r"mirror\w*|revers\w*|flip\w*|outside|inside|region|domain|other\s+side|beyond|between|"
    r"less|greater|smaller|larger|bigger|below|above|exceed\w*|origin|zero|"
    r"(?:left|right)\s+of|case|large|small|big|huge|tiny|regime|near|close|approach\w*|"
    r"tends?|limit|asymptot\w*|extreme|tails?|infinity|instead|otherwise|elsewhere|"
    r"least|most|restrict\w*|stretch|range|interval|nought|minus|plus|two|three|four|five|"
    r"six|seven|eight|nine|ten|hundreds?|thousands?|millions?|general\w*|however|"
    r"unrestricted|without)\b",
    re.IGNORECASE,
)


#: words that say the part of the line stays the same
_STILL = re.compile(
    r"\b(?:still|remains?|as\s+before|(?:this|that)\s+(?:interval|region|range|half-?line|domain))\b",
    re.I,
)


#: a heading of a section, in Markdown or LaTeX
HEADING = re.compile(r"^[ \t]*(?:#|\\(?:sub)*section\*?\{)", re.MULTILINE)
#: a bold label that opens a part in running text ("**Exercise 4.** ...", "**Part (b)**")
PART_LABEL = re.compile(
    r"^[ \t]*\*\*(?:Exercise|Problem|Part|Question|Example|Task)\b[^*\n]{0,40}\*\*",
    re.MULTILINE | re.IGNORECASE,
)


def heading_level(text: str, at: int) -> int:
    """The level of the heading at offset `at` (1 for `#` or `\\section`, 2 for `##` or
    `\\subsection`, ...); 7 for a bold label of a part (`PART_LABEL`), below them all."""
    line = text[at : text.find("\n", at) if "\n" in text[at:] else len(text)].lstrip()
    if line.startswith("#"):
        return len(line) - len(line.lstrip("#"))
    if m := re.match(r"\\((?:sub)*)section", line):
        return 1 + len(m.group(1)) // 3
    return 7


#: what follows a comparing word when it compares two quantities, not parts of the line:
#: "never exceeds the cross-entropy", "between Pinsker's bound and ...", "less than its mean"
#: (against "larger than zero", "for larger values", "below one")
_COMPARES_QUANTITIES = re.compile(
    r"(?<=less|ater|ller|rger|gger|eeds|ceed|eded|elow|bove|east|most|ween)"
    r"\s+(?:than\s+|or\s+equal\s+to\s+)?(?:the|its|their|this|that|each|any|[A-Z][a-z]+'s)\b"
)


def _shifts(prose: str, strong: bool = False) -> list[int]:
    """Offsets of sentences that speak of another part of the line in words, without a
    formula that bounds a letter (`_SHIFT`; with `strong`, only in words that name a part
    of the line for sure, `_PART_OF_LINE`: "restricted to the stretch from minus one to
    nought", not "flip the sign" nor "near $p = 0$")."""
    out = []
    for start, sentence in _sentences(prose):
        spans = _INLINE.findall(sentence)
        # (the formulas blanked, offsets kept: where the shift is said)
        words = _INLINE.sub(lambda m: " " * len(m.group(0)), sentence)
        if _STILL.search(words) and not _AGAINST.search(words):
            continue  # "with $x$ still in the unit interval"
        bare = any(_INTERVAL.fullmatch(span) for span in spans)  # "inside $(0, 1)$"
        # "In the case $\\gamma = 0$": the case its formula states, no part of the line
        stated = any("=" in span for span in spans)
        # ("the scale $\\kappa$ is positive": a sign said of a letter, no shift after it)
        signs = [x.span() for r in (_SIGN_AFTER, _SIGN_BEFORE) for x in r.finditer(sentence)]
        shifts = [
            m.start()
            for m in _SHIFT.finditer(words)
            if not strong or _PART_OF_LINE.fullmatch(m.group(0))
            if not any(a <= m.start() < b for a, b in signs)
            if not _COMPARES_QUANTITIES.match(words, m.end())
            and not (stated and m.group(0).lower() == "case")
        ]
        if (bare or shifts) and not any(map(_span_bounds, spans)):
            # at its last word: "for every real $z$, and then for a positive margin" ends
            # the range the sentence gave z before it
            out.append(start + max(shifts, default=0))
    return out


#: the words of `_SHIFT` that surely speak of a part of the line
_PART_OF_LINE = re.compile(
    r"negative|positive|non-?negative|non-?positive|half-?line|interval|outside|inside|region|"
    r"domain|other\s+side|beyond|between|below|above|(?:left|right)\s+of|instead|otherwise|"
    r"elsewhere|restrict\w*|stretch|range|nought|minus|unrestricted|without",
    re.IGNORECASE,
)


#: prose that only carries a derivation on between displays: it cannot change a range
_CONNECTIVE = re.compile(
    r"(?:\s|[,.;:()]|\b(?:and|or|then|so|hence|thus|therefore|also|similarly|likewise|"
    r"equivalently|i\.e|that\s+is|in\s+particular|which|gives?|giving|we|get|have|obtain|"
    r"differentiating|integrating|rearranging|simplifying|expanding|substituting|"
    r"collecting|terms|taking|logs?|logarithms|exponentiating|once|more|again|finally|"
    r"it|follows|the|result|is|are|now|next|since|because|as|using|by|multiplying|dividing|"
    r"adding|subtracting|applying|both|sides?|this|these|that|equation|inequality|identity|"
    r"bound|step|line|a|an|of|to|in|on|with|its|their|our|us|let|gives|yields|proves?|"
    r"shows?|holds?|still|same|way|recall|note|first|second|last|derivative|gradient)\b)*",
    re.IGNORECASE,
)


#: a relation or an arrow in a formula
_ODD_RELATION = re.compile(
    r"[<>=|]|\\(?:to|rightarrow|in|le|ge|leq|geq|ne|neq|cup|cap|subset|approx|sim|mid)(?![A-Za-z])"
)


def _ends(prose: str, events: list) -> list[tuple[int, str, None]]:
    """Where each range the prose states stops being one symkl can follow: at the first
    prose after it that does more than carry a derivation on ("Differentiating," does not
    end it; "Below one:", "For proper fractions $x$", any other sentence does). Words can
    change a range in more ways than symkl reads, so a range reaches only the displays
    that follow it; the steps after are read without it (and their refutations withheld)."""
    out = []
    for at, name, bounds in events:
        if bounds is None:
            continue
        said = _PERSISTS.search(_INLINE.sub(" ", _sentence(prose, at)))
        heading = min((h.start() for h in HEADING.finditer(prose, at)), default=len(prose))
        if said is None:
            end = _reach_end(prose, at)
        elif said.group("section"):  # "in this section, $\\sigma > 0$": up to the next heading
            end = heading
        elif said.group("everywhere"):  # "throughout these notes": to the end
            end = len(prose)
        else:  # "from now on": to the end, but a heading may start where it no longer holds
            end = len(prose)  # ("Back to arbitrary margins"): held on there, not relied on
            if heading < len(prose):
                out.append((heading, name, REACH_END))
        if end < len(prose):
            # prose in words only moves on; a formula there may relate the letter anew
            # ("For $|x| < 1$:") in a way symkl does not read: the range ends
            row = prose[end : prose.find("\n", end) if "\n" in prose[end:] else len(prose)]
            out.append((end, name, None if _INLINE.search(row) else REACH_END))
    return out


#: where a range's reach ends (`_ends`): no new range, but the prose has moved on and may
#: have changed it in words symkl does not read
REACH_END = "reach-end"


#: words that make a range hold for more than the displays after it ("Throughout this
#: recitation $\\sigma > 0$", "henceforth", "in this section")
_PERSISTS = re.compile(
    r"(?P<section>\b(?:in|for\s+the\s+(?:rest|remainder)\s+of)\s+this\s+"
    r"(?:section|subsection|part|recitation|lecture|chapter)\b)"
    r"|(?P<everywhere>\b(?:throughout|in\s+(?:all\s+)?(?:these|the)\s+(?:notes|lectures?))\b)"
    r"|\b(?:henceforth|hereafter|from\s+(?:here|now)\s+on|in\s+what\s+follows"
    r"|for\s+the\s+(?:rest|remainder))\b",
    re.IGNORECASE,
)


def persists(sentence: str) -> bool:
    """Does the sentence say that what it states holds on ("for the rest of this section",
    "from now on", "throughout")?"""
    return _PERSISTS.search(_INLINE.sub(" ", sentence)) is not None


def _reach_end(prose: str, at: int) -> int:
    """The offset of the first prose line after the sentence at `at` that does more than
    carry a derivation on (or relates a letter in a way symkl does not read as a range:
    "as $x \\to 0^+$"), or the end of the text. Any such line ends it, whatever letters it
    writes: words change a range without naming its letter ("when the variable is more
    than one", "the weight is a reward rather than a penalty")."""
    lines = prose.split("\n")
    starts = [0]
    for row in lines:
        starts.append(starts[-1] + len(row) + 1)
    _, stop = _sentence_span(prose, at)
    for k in range(prose.count("\n", 0, stop) + 1, len(lines)):  # from the line after it
        row = lines[k]
        odd = any(
            _ODD_RELATION.search(span) and not _span_bounds(span) for span in _INLINE.findall(row)
        )
        if row.strip() and (odd or not _CONNECTIVE.fullmatch(_INLINE.sub(" ", row))):
            return starts[k]
    return len(prose)


def _in_force(
    found: list, headings: list[int], everywhere: set[int] = frozenset()
) -> list[tuple[int, str, tuple | None]]:
    """The events of `domains_in_words` in order, each letter's range followed: a range
    said without opening a case where a different one holds is no range (None), and a shift
    in words (letter "") ends every range in force but those said at `everywhere`
    ("Throughout, $p \\in (0, 1)$")."""
    held: dict[str, tuple | None] = {}
    since: dict[str, int] = {}  # where the range held was said
    last: dict[str, tuple] = {}  # the last range said of each letter
    out = []
    for at, name, bounds, opens in found:
        opens = opens or any(since.get(name, at) < h < at for h in headings)  # a new section
        if name in ("", "*"):  # a shift; a sure one ("*") ends a range said throughout too
            ended = {
                n
                for n, b in held.items()
                if b is not None and (name == "*" or since[n] not in everywhere)
            }
            out += [(at, n, _ENDED) for n in sorted(ended)]
            held = {n: None if n in ended else b for n, b in held.items()}
            continue
        if (
            bounds is not None
            and len(bounds) == 5
            and bounds[4]
            and held.get(name) is None
            and (name not in last or _within(bounds[:4], last[name]))
        ):
            # "Since $T > 0$" where no range holds, and none wider was said before: its range
            bounds = bounds[:4]
        elif bounds is not None and len(bounds) == 5:  # a remark, not a range
            if held.get(name) is not None and not _within(held[name], bounds[:4]):
                held[name] = None  # "suppose now that $t < -2$" where t > 0 held
                out.append((at, name, None))
            continue
        if bounds is not None and not opens and name in held and held[name] != bounds:
            if held[name] is not None and _within(held[name], bounds):
                continue  # "note that $x > 0$ in particular" where x > 1 holds: a remark
            bounds = None  # a range said in passing after another: unclear
        held[name], since[name] = bounds, at
        if bounds is not None:
            last[name] = bounds
        out.append((at, name, bounds))
    return out


def _within(inner: tuple, outer: tuple) -> bool:
    """Is the interval `inner` (lo, lo_open, hi, hi_open) inside `outer`? An ended range
    (the prose moved on from it) is inside nothing."""
    if not all(isinstance(b, tuple) and len(b) >= 4 for b in (inner, outer)):
        return False
    lo, lo_open, hi, hi_open = inner[:4]
    olo, olo_open, ohi, ohi_open = outer[:4]
    above = lo > olo or (lo == olo and (lo_open or not olo_open))
    below = hi < ohi or (hi == ohi and (hi_open or not ohi_open))
    return above and below


def _forward(prose: str, at: int) -> bool:
    """Does the sentence around `at`, which goes on from a display, open the next case
    ("whereas for $0 < x < 1$ it reverses:") as well?"""
    start, end = _sentence_span(prose, at)
    # no full stop (a colon, ", together with"): it runs on into the display after it
    stopped = prose[start:end].rstrip().endswith((".", "!", "?")) or prose[end : end + 1] in (
        ".",
        ";",
    )
    return bool(_CONTRAST.search(prose[start:end]) or not stopped)


def _one_per_sentence(prose: str, found: list) -> list[tuple[int, str, tuple | None]]:
    """`found` in order, with a letter that one sentence ranges in two ways ("$\\theta \\in
    (0, 1)$; later $\\theta$ is any real number") ranged in words there: which range holds
    where is then a guess."""
    said: dict[tuple[int, str], list] = {}
    for at, name, bounds in found:
        said.setdefault((_sentence_span(prose, at)[0], name), []).append((at, bounds))
    out = []
    for (_, name), ranges in said.items():
        at = min(a for a, _ in ranges)
        last = max(ranges, key=lambda r: r[0])
        before = [a for a, b in ranges if b != _ENDED and a < last[0]]
        if before and last[1] == _ENDED and _NEW_CLAUSE.search(prose, max(before), last[0]):
            # a range, then a shift in words in a clause of its own ("for every real $z$,
            # and then for a positive margin"; not "any real $x$, even a large one"): what
            # holds after it is said in words
            out.append((at, name, None))
            continue
        # a shift that ends the range in force, then a new range in the same sentence ("For
        # negative $a$ the inequality flips"): the new range
        bounds = {b for _, b in ranges} - ({_ENDED} if len(ranges) > 1 else set())
        if len(bounds) == 2 and _EVERYTHING in bounds:
            bounds -= {_EVERYTHING}  # "Let $T \\in \\mathbb{R}$, $T > 0$": the narrower one
        single = bounds.pop() if len(bounds) == 1 else None
        out.append((at, name, None if single == _ENDED else single))
    return sorted(out, key=lambda item: item[0])


#: where a sentence opens a clause of its own: ", and then", "; but", ", while"
_NEW_CLAUSE = re.compile(r"[,;]\s*(?:and\s+)?(?:then|but|while|whereas|after\s+that|next)\b|;")
#: a range ended by a shift in words ("Now the other case:"), not ranged anew
_ENDED: tuple = ()
#: the whole line as a range (`$x \\in \\mathbb{R}$`, "any real number")
_EVERYTHING = (float("-inf"), True, float("inf"), True)


#: words that make a sentence after a display open another case rather than go on from it
_CONTRAST = re.compile(
    r"\b(?:whereas|while|but|however|instead|otherwise|conversely|opposite|revers\w*|"
    r"contrast|unlike|rather|other|next|now|then|for\s+(?:the\s+)?other)\b|^\s*(?:and|or)\s+for\b",
    re.IGNORECASE,
)
#: words that set two cases against each other in one sentence
_AGAINST = re.compile(r"\b(?:whereas|while|but|however|conversely|otherwise|unlike)\b", re.I)
#: prose between two displays that only joins them ("and", "together with")
_JOINING = re.compile(
    r"\s*(?:and|or|then|so|hence|thus|also|together\s+with|as\s+well\s+as)\s*[,:]?\s*"
)


def _said_after(found: list, after: list) -> list[tuple[int, str, tuple | None]]:
    """Events for ranges said after the displays they bear on (`_continued`): from the
    display just before the sentence, unless a different range holds there already (the
    notes then say two things of it: no range); the displays before it that "both of
    which" may mean get no range."""
    out = []
    for since, last, said, name, bounds in after:
        held = [b for at, n, b in found if n == name and at <= last]
        if len(bounds) == 5:  # a remark ("multiplying by $x > 0$ again"), no range
            if held and held[-1] is not None and _within(held[-1], bounds[:4]):
                continue  # it agrees with the range that holds there
            out += [(since, name, None), (said, name, None)]  # "... $a > 2$ instead."
            continue
        out += [(since, name, None)] if since < last else []
        out.append((last, name, bounds if not held or held[-1] == bounds else None))
        later = [b for at, n, b in found if n == name and last < at <= said]
        if not later and held and held[-1] is not None:  # what held before holds again
            out.append((said, name, held[-1]))
    return out


def _continued(prose: str, text: str, at: int) -> tuple[int, int] | None:
    """(where the displays start that the sentence around `at` goes on from, where the
    last of them starts), when it does: it starts in lower case on the line after a display
    ("$$t^3 \\le t^2$$ valid for every $t > 0$"), so what it says bears on that display,
    and maybe on displays before it that only blank lines or a joining word separate
    ("both of which"); None otherwise."""
    start, _ = _sentence_span(prose, at)
    first = re.search(r"\S", prose[start:at])
    if first is None or not prose[start + first.start()].islower():
        return None
    line_start = prose.rfind("\n", 0, start + first.start()) + 1
    if prose[line_start : start + first.start()].strip():
        return None  # the sentence starts mid-line, after other words
    since = last = None
    end = line_start - 1  # the newline before the sentence's line
    while end > 0:
        begin = prose.rfind("\n", 0, end) + 1
        shown, said = prose[begin:end], text[begin:end]
        if not shown.strip() and said.strip():
            since = begin  # a line of a display
        elif shown.strip() and not (since is not None and _JOINING.fullmatch(shown)):
            break
        elif since is not None and last is None:
            last = since  # the display just before the sentence starts here
        end = begin - 1
    return None if since is None else (since, last if last is not None else since)


def _outside_ranges(found: list, values: list, prose: str) -> list[tuple[int, str, tuple | None]]:
    """`found` with a None added where the prose gives a letter a value outside the range in
    force ("now take $c = -3$" after "$c > 0$"): the range no longer holds there. A value
    inside it ("the maximum is at $\\theta = 1/2$") is a point of the range, not a new one;
    so is an open end of it said as a limit ("a form that is handy near $p = 0$")."""
    out = list(found)
    for at, letter, value in values:
        before = [b for a, n, b in found if n == letter and a < at and b != REACH_END]
        if before and before[-1] is not None and not _inside(value, before[-1]):
            lo, _, hi, _ = before[-1]
            limit = _NARROWING.search(_INLINE.sub(" ", _sentence(prose, at)))
            if value in (lo, hi) and limit:
                continue
            out.append((at, letter, None))
    return sorted(out, key=lambda item: item[0])


def _inside(value: Fraction, bounds: tuple) -> bool:
    lo, lo_open, hi, hi_open = bounds
    above = value > lo if lo_open else value >= lo
    below = value < hi if hi_open else value <= hi
    return above and below


#: words about where a letter lies ("let $w$ be negative", "$u$ is below zero")
_RANGE_TALK = re.compile(
    r"\b(?:positive|negative|non-?negative|non-?positive|below|above|greater|less|smaller|"
    r"larger|exceeds?|between|sign|zero|whole|anywhere|arbitrary|any|all|every|each)\b",
    re.IGNORECASE,
)


def _ranged_otherwise(prose: str) -> list[tuple[int, str, tuple | None]]:
    """(offset, letter, bounds) where the prose ranges a letter in words ("next, let $w$ be
    negative"): the range a formula gave it before no longer holds from there. bounds is
    the sign said plainly of the letter ("for positive $a$ and $b$", "$x$ is a negative
    number"), None for any other range in words."""
    out = []
    for start, sentence in _sentences(prose):
        spans = list(_INLINE.finditer(sentence))
        words = _INLINE.sub(" ", sentence)
        talk = _RANGE_TALK.search(words) or any(r.search(sentence) for r in (*_REALS, _IN_SPAN))
        wide = _WIDE.search(words) is not None  # "any real number": only a sign said apart
        if talk:
            # a letter this sentence also bounds by a formula is ranged in words the same
            # way ("a real number greater than one, $x > 1$"), unless it sets two cases
            # against each other ("for $x > 0$, while for negative $x$"): then
            # `_one_per_sentence` makes that unclear
            bounded = set()
            if not _AGAINST.search(words):
                bounded = {name for m in spans for name in _span_bounds(m.group(1))}
            signs = _signs(sentence, words) if _ranging(prose, start) else {}
            if _as_given(prose, start):  # "Since $T$ is positive": a remark, given
                signs = {letter: (*b, 1) for letter, b in _signs(sentence, words).items()}
            out += [
                (start + m.start(), letter, signs.get(letter))
                for m in spans
                for letter in _span_letters(m.group(1))
                if letter not in bounded and (not wide or letter in signs)
            ]
    return out


#: a sign said of letters: "positive $a$ and $b$", "$x$ is a negative number"
_SIGN_WORD = r"(?P<sign>positive|negative|non-?negative|non-?positive)"
_LETTERS_LISTED = r"(?P<spans>\$[^$]+\$(?:\s*(?:,|and|,\s*and)\s*\$[^$]+\$)*)"
#: what a sign word may qualify before its letters ("a positive temperature $T$")
_QUANTITY = (
    r"(?:numbers?|values?|reals?|constants?|parameters?|temperatures?|scales?|rates?|"
    r"variances?|widths?|bandwidths?|weights?|step\s+sizes?)"
)
_SIGN_BEFORE = re.compile(
    rf"\b(?:strictly\s+)?{_SIGN_WORD}\s+(?:real\s+)?(?:{_QUANTITY}\s+)?{_LETTERS_LISTED}",
    re.IGNORECASE,
)
_SIGN_AFTER = re.compile(
    rf"{_LETTERS_LISTED}\s+(?:is|are|be|being|stays?|remains?)\s+(?:both\s+|all\s+)?(?:an?\s+)?"
    r"(?:strictly\s+)?"
    rf"{_SIGN_WORD}(?:\s+(?:real\s+)?(?:numbers?|reals?|values?))?\b",
    re.IGNORECASE,
)
#: letters said to be real ("for real $x$ and $y$", "where $t$ is real"), not "positive
#: real $x$" nor "$t$ is real and positive"
_REAL_BEFORE = re.compile(
    rf"(?<!positive )(?<!negative )(?<!nonnegative )(?<!non-negative )\breal\s+(?:numbers?\s+)?"
    rf"{_LETTERS_LISTED}",
    re.IGNORECASE,
)
_REAL_AFTER = re.compile(
    rf"{_LETTERS_LISTED}\s+(?:is|are|be)\s+(?:both\s+|all\s+)?(?:an?\s+)?real\b"
    r"(?!\s*(?:and|,|but|with)\b)",
    re.IGNORECASE,
)
_REALS = (_REAL_BEFORE, _REAL_AFTER)
_SIGN_BOUNDS = {
    "real": (float("-inf"), True, float("inf"), True),
    "positive": (Fraction(0), True, float("inf"), True),
    "negative": (float("-inf"), True, Fraction(0), True),
    "nonnegative": (Fraction(0), False, float("inf"), True),
    "nonpositive": (float("-inf"), True, Fraction(0), False),
}
#: words that make a sign said of a letter less or more than its range
_SIGN_DOUBT = re.compile(
    r"\b(?:not|never|no|integers?|odd|even|multiples?|whole|natural|small|large|close|near|"
    r"either|or|unless|except|only)\b",
    re.IGNORECASE,
)


#: a word before a letter that makes it no subject: "the slope at $x$ is positive", "the
#: loss at the point $q$ is nonnegative"
_OBJECT = re.compile(
    r"\b(?:at|of|in|on|to|from|with|by|near|around|about|over|under|for|point|value|values|"
    r"the|its|their|this|that)\s*$",
    re.IGNORECASE,
)


def _letters_of(m: re.Match) -> list[str]:
    """The single letters a match's `spans` group lists (`$a$ and $b$`), and the vector whose
    entries a span lists (`$c_1, \\dots, c_n$`: c)."""
    return [letter for span in _INLINE.findall(m.group("spans")) for letter in _span_letters(span)]


def _span_letters(span: str) -> list[str]:
    """The letter a prose formula names (`$a$`), or the vector whose entries it lists all
    (`$c_1, \\dots, c_n$`: c)."""
    if _SINGLE.fullmatch(span):
        return sorted(_letters(span))
    if (entries := _ALL_ENTRIES.fullmatch(span)) and (name := _name(entries.group(1))):
        return [name]
    return []


#: every entry of a vector, listed: `c_1, \dots, c_n`, `x_1,\ldots,x_{N}`
_ALL_ENTRIES = re.compile(
    r"\s*(\\?[A-Za-z]+)_\{?\s*[01]\s*\}?\s*,\s*\\[lc]?dots\s*,\s*\\?\1_\{?\s*[A-Za-z]\s*\}?\s*"
)


def _subject(sentence: str, m: re.Match) -> bool:
    """Is the list of letters `m` begins with the subject of what is said after it?"""
    return _OBJECT.search(sentence[: m.start()]) is None


#: letters said to lie in an interval written apart: "$p$ in $(0,1)$", "$t$ lies in
#: $[0, 1]$"
_IN_SPAN = re.compile(
    rf"{_LETTERS_LISTED}\s+(?:(?:lies?|ranges?|varies|vary)\s+)?(?:in|over|within)\s+"
    # an interval or a number set, not "$p$ over $n$ outcomes"
    r"(?:the\s+interval\s+)?\$(?P<interval>\s*(?:\\left\s*)?(?:[(\[\]]|\\mathbb)[^$]*)\$",
    re.IGNORECASE,
)


def _in_intervals(sentence: str) -> dict[str, tuple] | None:
    """Letter -> bounds for "$p$ in $(0, 1)$"; None where one is not read as a range."""
    out: dict[str, tuple] = {}
    for m in _IN_SPAN.finditer(sentence):
        bounds = _interval_bounds(m.group("interval"))
        if bounds is None or not _subject(sentence, m):
            return None
        interval = _tightest(bounds)
        if interval is None:
            return None
        out |= dict.fromkeys(_letters_of(m), interval)
    return out


def _signs(sentence: str, words: str) -> dict[str, tuple]:
    """Letter -> bounds for the signs the sentence says plainly of letters; {} where it
    says more of them than a sign, or more than one sign."""
    if _SIGN_DOUBT.search(_TOTAL_DENIED.sub(" ", words)):  # ("they do not sum to one")
        return {}
    found = [m for r in (_SIGN_BEFORE, *_REALS[:1]) for m in r.finditer(sentence)]
    after = [m for r in (_SIGN_AFTER, _REALS[1]) for m in r.finditer(sentence)]
    if not all(_subject(sentence, m) for m in after):
        return {}  # "the slope at $x$ is positive": said of something else
    found += after
    intervals = _in_intervals(sentence)
    if intervals is None:
        return {}
    if intervals:
        return {} if found else intervals
    # each letter its sign ("the logits are any real numbers and $T$ is positive"); a
    # letter said to have two is left out
    kinds: dict[str, set[str]] = {}
    for m in found:
        kind = (m.groupdict().get("sign") or "real").lower().replace("-", "")
        for letter in _letters_of(m):
            kinds.setdefault(letter, set()).add(kind)
    if any(k != {"real"} for k in kinds.values()) and _remark(sentence, found):
        return {}
    return {letter: _SIGN_BOUNDS[next(iter(k))] for letter, k in kinds.items() if len(k) == 1}


def _remark(sentence: str, found: list[re.Match]) -> bool:
    """Does a sentence say a sign of letters as a case ("for positive $x$", "when $x$ is
    negative") while it claims something of its own and ends there ("ReLU is the identity
    for positive $x$.", "For negative $t$ the curve is the mirror image.")? It is about that
    case, not a range for what follows; "Let $T$ be positive.", "the scale $\\kappa$ is
    positive" and a sentence that leads into a display ("For positive $a$, so:") state one."""
    if sentence.rstrip().endswith(":"):
        return False
    if not any(_CASE_BEFORE.search(sentence[: m.start()]) for m in found):
        return False  # "In this section $x$ is negative.": no case, a range
    rest = sentence
    for m in sorted(found, key=lambda m: m.start(), reverse=True):
        rest = rest[: m.start()] + " " + rest[m.end() :]
    words = re.findall(r"[A-Za-z]{2,}", _INLINE.sub(" ", rest))
    return any(not (_SETTING_WORDS.fullmatch(w) or _STATING_WORDS.fullmatch(w)) for w in words)


#: what makes a sign a case: "for positive $x$", "when $x$ is negative", "if all $a$ ..."
_CASE_BEFORE = re.compile(
    r"\b(?:for|when|whenever|if|once)\s+(?:an?\s+|all\s+|every\s+|any\s+|each\s+)?$",
    re.IGNORECASE,
)
#: words of a sentence that states a range and nothing more, beside `_SETTING_WORDS`
_STATING_WORDS = re.compile(
    r"that|both|all|also|strictly|throughout|from|on|will|shall|always|each|every|"
    r"numbers?|reals?|values?|assumed|taken|supposed|said|stated|us",
    re.IGNORECASE,
)


#: a letter said to be any real number (`$u$ may be any real number`)
_WIDE = re.compile(
    r"\b(?:any|every|all|arbitrary|general)\s+(?:real|logits?|values?|numbers?|choices?)\b"
    r"|\bfor\s+(?:a\s+)?general\b",
    re.IGNORECASE,
)


def speaks_of_bits(text: str) -> bool:
    """Does the prose measure information in bits?"""
    return _BITS.search(_plain_units(_prose(text))) is not None


#: the plain log divided by the log of 2 (`\\log x / \\log 2`, `\\frac{H(p)}{\\log 2}`)
_PLAIN_LOG_OVER_LOG_TWO = re.compile(
    r"/\s*\\log\b(?!\s*_)\s*\(?\s*2\b|\}\s*\{\s*\\log\b(?!\s*_)\s*\(?\s*2\s*\)?\s*\}"
)


def converts_to_bits(text: str) -> bool:
    """Do the notes divide by `\\log 2` to get bits (`\\log_2 x = \\log x / \\log 2`)? Their
    plain `\\log` is then not to base 2, whatever else they say of bits."""
    return _PLAIN_LOG_OVER_LOG_TWO.search(text) is not None


def speaks_of_base_ten(text: str) -> bool:
    """Does the prose speak of base-10 logs or units (hartleys, bans, decimal logs)?"""
    return _BASE_TEN.search(_INLINE.sub(" ", _prose(text))) is not None


#: a logarithm written with a base, or without one (`\\ln`, `\\lg`, a plain `\\log`)
_BASED = re.compile(r"\\log\s*_\s*\{?\s*(\d+|\\\w+|[A-Za-z])")
_UNBASED = re.compile(r"\\(?:ln|lg)(?![A-Za-z])|\\log(?![A-Za-z])(?!\s*_)|\blog\s*\(")


def measures_defined_in_words(text: str) -> dict[str, int]:
    """Measure letter -> the line where a prose formula gives it a closed form of its own
    (`Write $H(p) = -p\\log p - (1-p)\\log(1-p)$`: a binary entropy of a number, not the
    entropy of a distribution); a sum, integral or expectation there is the usual measure."""
    prose = _prose(text)
    out: dict[str, int] = {}
    for m in _INLINE.finditer(prose):
        found = _MEASURE_DEFINED.match(m.group(1))
        # a closed form has a logarithm and no measure: KL(p||q) = 0, H(p,q) = H(p) state facts
        if (
            found
            and _LOGARITHM.search(found.group("rhs"))
            and not _GENERAL.search(found.group("rhs"))
            and not _MEASURE_CALL.search(found.group("rhs"))
        ):
            out.setdefault(found.group("name"), prose.count("\n", 0, m.start()) + 1)
    return out


#: a measure called (`H(`, `\\mathrm{JS}(`, `D_{\\mathrm{KL}}(`): up to its opening bracket
MEASURE_HEAD = (
    r"\s*(?:\\(?:mathrm|operatorname|mathbb|text|textrm)\s*\{\s*)?(?P<name>H|D|I|KL|CE|JS|JSD)"
    r"\s*\}?\s*(?:_\s*(?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\\?\w+))?\s*(?:\\left)?[(\[]"
)
#: `H(p) = ...`, `\\mathrm{KL}(a \\| b) = ...`, `D_{\\text{KL}}(...) = ...` in a prose formula
_MEASURE_DEFINED = re.compile(MEASURE_HEAD + r"[^=]*[)\]]\s*=(?P<rhs>[^=<>]+)$", re.DOTALL)
_LOGARITHM = re.compile(r"\\(?:log|ln|lg)(?![A-Za-z])")
_MEASURE_CALL = re.compile(r"(?<![A-Za-z\\])(?:H|D|I|KL|CE|JS|JSD)\s*\}?\s*(?:_\s*\S+\s*)?\(")
#: what the usual definition of a measure is written with
_GENERAL = re.compile(
    r"\\(?:sum|int|mathbb\s*\{?\s*E|operatorname\s*\{?\s*E|prod)|\bE\s*_|\bE\s*\["
)


def writes_binary_logs(text: str) -> bool:
    """Do the notes write `\\log_2` anywhere (a display too)? Their H, D and I may then be
    in bits although no sentence says so."""
    return "2" in _BASED.findall(text)


def logs_all_binary(text: str) -> bool:
    """Do the notes write every logarithm as `\\log_2`, speak of bits and never of nats
    or natural logs? Their H, D and I are then in bits: no other unit is in sight."""
    bases = _BASED.findall(text)
    return (
        len(bases) >= 2
        and set(bases) == {"2"}
        and _UNBASED.search(text) is None
        and speaks_of_bits(text)
        and _OTHER_UNIT.search(text) is None
    )


#: any word of a base other than 2, hedged or not ("not base two: the natural one")
_OTHER_UNIT = re.compile(
    r"\bnats?\b|\\ln\b|\bnatural\b[^.;:]*\b(?:log\w*|base|units?)\b"
    r"|\b(?:log\w*|base|units?)\b[^.;:]*\bnatural\b|\bnatural\s+(?:base|log\w*)"
    r"|\bbase[- ]?(?:e|10|ten)\b|\\log\s*_\s*\{?\s*(?:e|10)\b|euler",
    re.IGNORECASE,
)


#: words that make a sentence something other than a plain statement of what holds here:
#: commentary, negation, reported speech, examples ("fails once $x > 3$", "many texts say
#: logs are base 2", "the constraint $\\sum_k y_k = 1$ does not hold")
#: "for example $i$": the i-th example of the data, not "e.g."
_INDEXED_EXAMPLE = re.compile(
    r"\b(?:example|instance)s?\s*\$\s*\\?[A-Za-z](?:_\{?\w+\}?)?\s*\$", re.IGNORECASE
)
_HEDGED = re.compile(
    r"\b(?:fails?|false|wrong|misprint|typo|not|never|only|once|sharp|plots?|say|e\.g|"
    r"example|instance|imagine|many|some|other|text(?:book)?s?|authors?|books?|often|usually|"
    r"sometimes|saw|seen|observed|instead|rather|unlike|longer|approximately|roughly|slips?|"
    r"mistakes?)\b"
    r"|n't\b",
    re.IGNORECASE,
)


#: where a sentence ends: after . ; : ! ? and a space, or at a blank line
_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+|\n\s*\n")


@functools.lru_cache(maxsize=8)
def _formula_spans(prose: str) -> tuple[tuple[int, int], ...]:
    """Where the inline formulas of the prose are: `$q(z) = \\mathcal{N}(z; 0, 1)$` is
    one sentence, its semicolon no end of one."""
    return tuple(m.span() for m in _INLINE.finditer(prose))


def _in_formula(prose: str, at: int) -> bool:
    spans = _formula_spans(prose)
    k = bisect.bisect_right(spans, (at, math.inf)) - 1
    return k >= 0 and spans[k][0] < at < spans[k][1]


def _sentences(prose: str):
    """(offset, sentence) for each sentence of the prose, in order."""
    start = 0
    for m in _SENTENCE_END.finditer(prose):
        if m.group(0).count("\n") < 2 and _in_formula(prose, m.start()):
            continue
        yield start, prose[start : m.start()]
        start = m.end()
    yield start, prose[start:]


def _sentence(prose: str, at: int) -> str:
    """The sentence of the prose around offset `at` (formulas kept)."""
    start, end = _sentence_span(prose, at)
    return prose[start:end]


def _mark_before(prose: str, mark: str, at: int) -> int:
    """The last `mark` before `at` outside inline formulas, or -1."""
    k = prose.rfind(mark, 0, at)
    while k >= 0 and _in_formula(prose, k):
        k = prose.rfind(mark, 0, k)
    return k


def _mark_after(prose: str, mark: str, at: int) -> int:
    """The first `mark` from `at` on outside inline formulas, or -1."""
    k = prose.find(mark, at)
    while k >= 0 and _in_formula(prose, k):
        k = prose.find(mark, k + 1)
    return k


def _sentence_span(prose: str, at: int) -> tuple[int, int]:
    """Where the sentence of the prose around offset `at` starts and ends."""
    # a display (blanked to a line of spaces) ends a sentence too, as `_sentences` has it
    starts = [_mark_before(prose, mark, at) for mark in (". ", ".\n", "; ", "? ", "! ")]
    start = max(starts) + 1
    start = max([start] + [b.end() - 1 for b in _BREAK.finditer(prose, start, at)])
    ends = [e for e in (_mark_after(prose, mark, at) for mark in (". ", ".\n", "; ")) if e >= 0]
    if after := _BREAK.search(prose, at, min(ends, default=len(prose))):
        ends.append(after.start())
    return start, min(ends, default=len(prose))


#: a blank line, or a display's (blanked) lines: the end of a sentence
_BREAK = re.compile(r"\n[ \t]*\n")


#: words that make a formula the exception, not the range ("unless $g > 0$")
_EXCEPT = re.compile(
    r"\b(?:except|unless|apart|excluding|exclude[sd]?|otherwise|outside|but\s+not|when|"
    r"whenever|if|suppose|supposing|assume|assuming|case|contradiction|contrary|appendix|later)\b",
    re.IGNORECASE,
)


def _plain(prose: str, at: int) -> bool:
    """Is the formula at `at` in a sentence that states it plainly (not hedged)?"""
    words = _INLINE.sub(" ", _sentence(prose, at))
    return _HEDGED.search(words) is None


def _ranging(prose: str, at: int) -> bool:
    """Does the formula at `at` state a range plainly (not hedged, not an exception, not a
    consequence of one: "since $x < 1$")?"""
    words = _INLINE.sub(" ", _sentence(prose, at))
    # "Assume that $y \\le -1$.", "We suppose $x > 0$": an assumption for what follows, as
    # "Let" states one (not "if", nor "suppose, for a contradiction")
    words = _STANDING.sub(" ", words, count=1)
    return not any(r.search(words) for r in (_HEDGED, _EXCEPT, _CONSEQUENCE))


#: the opening of a standing assumption ("We assume", "Suppose", "Let us assume")
_STANDING = re.compile(
    rf"^{_LEAD}\W*(?:(?:we|let\s+us)\s+(?:will\s+|shall\s+)?)?(?:assume|suppose)\b", re.IGNORECASE
)


def _as_given(prose: str, at: int) -> bool:
    """Is the formula or sign at `at` said as a reason ("Since $T$ is positive", "as $x >
    0$ here") in a sentence that is otherwise plain: a remark about the range in force,
    and the range itself where none is (`_in_force`)?"""
    words = _STANDING.sub(" ", _INLINE.sub(" ", _sentence(prose, at)), count=1)
    return _CONSEQUENCE.search(words) is not None and not any(
        r.search(words) for r in (_HEDGED, _EXCEPT)
    )


#: words that make a bound a consequence of the range in force, not a range of its own
_CONSEQUENCE = re.compile(
    r"\b(?:since|because|hence|thus|therefore|so\s+that|multiply\w*|divid\w*|using|again)\b",
    re.I,
)


@functools.lru_cache(maxsize=4)  # many readers of one file: blank its displays once
def prose_math(text: str) -> str:
    """The inline math of the prose (`$...$`), joined."""
    return " ".join(_INLINE.findall(_prose(text)))


def prose_text(text: str) -> str:
    """The prose of the text: its displays blanked (lines kept)."""
    return _prose(text)


@functools.lru_cache(maxsize=4)  # every reader of the prose starts from it
def _prose(text: str) -> str:
    """The text with displays blanked (newlines kept, so offsets keep their lines), and
    LaTeX's inline `\\( ... \\)` written as `$ ... $` (same length)."""
    out, at = [], 0
    for start, end in _display_spans(text):
        out += [text[at:start], re.sub(r"[^\n]", " ", text[start:end])]
        at = end
    prose = "".join(out) + text[at:]
    return _INLINE_OPEN.sub(" $", _INLINE_CLOSE.sub("$ ", prose))


#: a Markdown table cell's formula and the next cell's, which opens with a relation (`|
#: $\\sigma(0)$ | $= 1/2$ |`): one claim, written across two cells
_CELL_CONTINUED = re.compile(
    r"\$[ \t]*\|[ \t]*\$(?=[ \t]*(?:=|\\approx|\\le|\\ge|<|>)[^$\n|]*\$[ \t]*\|)"
)


def join_table_cells(text: str) -> str:
    """`text` with a table cell's formula joined to the next cell's where that one opens
    with a relation (the `$ | $` between blanked, so offsets keep their place): only where
    neither cell has a variable (`| $z = 1$ | $= 0.73$ |` is a condition and a value, the
    row's subject in its header; a header may set a letter for its column)."""

    def joined(line: str) -> str:
        out, at = [], 0
        for m in _CELL_CONTINUED.finditer(line):
            opening = line.rfind("$", 0, m.start())
            before, after = line[opening + 1 : m.start()], line[m.end() : line.find("$", m.end())]
            if opening < 0 or _variable_in(before + after):
                continue
            out += [line[at : m.start()], " " * len(m.group(0))]
            at = m.end()
        return "".join(out) + line[at:]

    lines = text.splitlines(keepends=True)
    return "".join(joined(line) if line.lstrip().startswith("|") else line for line in lines)


def _variable_in(formula: str) -> bool:
    """Does a formula write a variable (a letter other than a function's name or a number
    word's)?"""
    return re.search(r"[A-Za-z]", _CALLED.sub("", _NUMERIC_WORDS.sub("", formula))) is not None


_INLINE_OPEN = re.compile(r"(?<!\\)\\\(")
_INLINE_CLOSE = re.compile(r"(?<!\\)\\\)")


def _display_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each display (`$$...$$`, `\\[...\\]`, an equation environment), as
    a lazy regex finds them (the specification is in tests/test_robust_run.py), in linear
    time: the next closer of each kind is looked up once and kept while later openers come
    before it (an unclosed opener repeated 40,000 times made the regex quadratic)."""
    spans, at, closers = [], 0, {}
    broken = after_row_break(text)
    for m in _OPENERS.finditer(text):
        if m.start() < at or m.group(0) == "\\\\":
            continue
        kind = m.group("env") or m.group(0)
        found = closers.get(kind)
        if found is None or (found[0] != -1 and found[0] < m.end()):
            closer = _CLOSERS.get(kind) or re.compile(rf"\\end\{{{kind}\*?\}}")
            c = closer.search(text, m.end())
            while c is not None and c.start() in broken:  # `\\\\end{align}`: text
                c = closer.search(text, c.start() + 1)
            found = closers[kind] = (c.start(), c.end()) if c else (-1, -1)
        if found[0] == -1:
            continue  # no closer after this opener, nor after any later one of its kind
        spans.append((m.start(), found[1]))
        at = found[1]
    return spans


def after_row_break(text: str) -> set[int]:
    """The offsets right after a row break `\\\\` (backslashes paired from the left): a
    `\\]`, `\\end{...}` or `\\[` there is no delimiter but text after the break."""
    return {m.end() - 1 for m in re.finditer(r"\\\\", text)}


#: (a row break `\\` is matched whole, and skipped: `\\[4pt]` opens no display)
_OPENERS = re.compile(
    r"\\\\|\$\$|\\\[|\\begin\{(?P<env>equation|align|eqnarray|gather|multline)\*?\}"
)
_CLOSERS = {"$$": re.compile(r"\$\$"), "\\[": re.compile(r"\\\]")}


def _letters(span: str) -> set[str]:
    return {a or b for a, b in _LETTER.findall(span)}


def ranges_in_words(text: str) -> dict[str, list[int]]:
    """Letter -> the lines of the prose sentences that state its range: a formula
    that bounds the bare letter (`$0 < x < 1$`, `$\\theta \\ne 1/2$`, `$n \\ge 2$`; not
    `$H(p, q) \\ne H(q, p)$`), or an interval or a word (positive, negative) beside it."""
    prose = _prose(text)
    out: dict[str, list[int]] = {}
    for start, sentence in _sentences(prose):
        spans = [s for s in _INLINE.findall(sentence) if not _WHOLE_LINE.search(s)]
        if not spans:
            continue
        line = prose.count("\n", 0, start) + 1
        bounded = {letter for span in spans for letter in _bounded_letters(span)}
        beside = any(_INTERVAL.fullmatch(s) for s in spans) or _RANGE_WORDS.search(
            _INLINE.sub(" ", sentence)
        )
        if beside:  # "tau lies in (1/2, 2)", "sigma is positive"
            bounded |= {
                letter
                for span in spans
                if not _INTERVAL.fullmatch(span) and _SINGLE.fullmatch(span)
                for letter in _letters(span)
            }
        for letter in bounded:
            out.setdefault(letter, []).append(line)
    return out


def entry_ranges_in_words(text: str) -> dict[str, list[int]]:
    """Vector -> the lines of prose formulas that bound its entries at an index letter by
    numbers (`$p_t \\in (0, 1]$`, `$0 < q_i \\le 1$`): its entries as numbers of a range, which
    need not sum to one."""
    prose = _prose(text)
    out: dict[str, list[int]] = {}
    for m in _INLINE.finditer(prose):
        span = m.group(1)
        operand = re.split(r"\\in(?![A-Za-z])|<|>|\\[lg]eq?(?![A-Za-z])", span)
        entries = [o for o in operand if _ANY_ENTRY.fullmatch(o)]
        interval = len(operand) == 2 and _INTERVAL.fullmatch(operand[1].strip())
        if len(operand) < 2 or len(entries) != 1 or not (_bounds_of(span) or interval):
            continue
        if (name := _name(_ANY_ENTRY.fullmatch(entries[0]).group(1))) is not None:
            out.setdefault(name, []).append(prose.count("\n", 0, m.start()) + 1)
    for m in _PROBABILITIES_LISTED.finditer(prose):  # "independent probabilities $p_1, ...$"
        if (name := _name(next(filter(None, m.groups())))) is not None:
            out.setdefault(name, []).append(prose.count("\n", 0, m.start()) + 1)
    for lines in out.values():
        lines.sort()
    return out


#: entries called probabilities one by one ("the probabilities $p_1, \\dots, p_K$", "the
#: probability $q_t$ of each token"): numbers in [0, 1], not a distribution by that alone
_PROBABILITIES_LISTED = re.compile(
    r"\bprobabilit(?:y|ies)\s+\$\s*((?:\\[A-Za-z]+\s*\{\s*)?\\?[A-Za-z]+\}?)\s*_"
    r"|\$\s*((?:\\[A-Za-z]+\s*\{\s*)?\\?[A-Za-z]+\}?)\s*_[^$]*\$\s+(?:be|is|denotes?)\s+the\s+"
    r"probability\s+(?:that|of\s+(?:success|heads|a\s+one|one))\b"
    # "the recalls $q_1, \\dots, q_K$ are each between zero and one"
    r"|\$\s*((?:\\[A-Za-z]+\s*\{\s*)?\\?[A-Za-z]+\}?)\s*_[^$]*\$(?:[^.$]|\$[^$]{0,20}\$){0,80}?"
    r"\beach\s+"
    r"(?:lies?\s+|is\s+|are\s+)?between\s+(?:zero|0)\s+and\s+(?:one|1)\b"
    # "the probability $q(y_t \\mid x_t)$; write $q_t$ for it"
    r"|\bprobability\s+\$[^$]*\$[^.$]{0,30}?\bwrite\s+\$\s*((?:\\[A-Za-z]+\s*\{\s*)?\\?[A-Za-z]+\}?)\s*_",
    re.IGNORECASE,
)


def numeric_ranges_in_words(text: str) -> dict[str, dict[int, list[tuple[str, object]]]]:
    """Letter -> line -> [(op, number)] where a prose sentence bounds the letter only by
    formulas with numbers (`again $\\sigma > 0$`, `$0 < p < 1$`), with no words that range
    it ("positive", "integer") or narrow it ("small", "near 0"): the whole of what that
    sentence says of the letter, so a point inside every bound is inside its range."""
    prose = _prose(text)
    out: dict[str, dict[int, list]] = {}
    for start, sentence in _sentences(prose):
        signs, rest = _signs_said(sentence)
        spans = [s for s in _INLINE.findall(rest) if not _WHOLE_LINE.search(s)]
        words = _TOTAL_DENIED.sub(" ", _INLINE.sub(" ", rest))
        if not (spans or signs) or any(
            r.search(words) for r in (_RANGE_WORDS, _NARROWING, _HEDGED, _EXCLUDING)
        ):
            continue
        if any(_INTERVAL.fullmatch(s) for s in spans):
            continue  # "tau lies in $(1/2, 2)$": the interval stands apart from its letter
        line = prose.count("\n", 0, start) + 1
        read: dict[str, list] = {name: list(bounds) for name, bounds in signs.items()}
        unread: set[str] = set()
        for span in spans:
            found = _bounds_of(span)
            for name in found or {}:
                read.setdefault(name, []).extend(found[name])
            unread |= _bounded_letters(span) - set(found or {})
        for name, bounds in read.items():
            if name not in unread:
                out.setdefault(name, {}).setdefault(line, []).extend(bounds)
    return out


#: "they do not add up to one": a "not" about the entries' total, not about their range
_TOTAL_DENIED = re.compile(
    r"\b(?:do|does|need|must)\s+not\s+(?:sum|add\s+up)\s+to\s+(?:one|1)\b"
    r"|\b(?:do|does)n't\s+(?:sum|add\s+up)\s+to\s+(?:one|1)\b",
    re.IGNORECASE,
)


def totals_denied(text: str) -> set[int]:
    """The lines of prose sentences that say in so many words that entries do not sum to
    one ("they do not add up to one", "need not sum to 1"): the sentences
    `unnormalized_in_words` may rest on where nothing else (a positive vector) does."""
    prose = _prose(text)
    return {
        prose.count("\n", 0, start) + 1 + line
        for start, sentence in _sentences(prose)
        if _TOTAL_DENIED.search(re.sub(r"\s+", " ", _INLINE.sub(" ", sentence)))
        for line in range(sentence.count("\n") + 1)
    }


def _signs_said(sentence: str) -> tuple[dict[str, list[tuple[str, str]]], str]:
    """The bounds a sentence says plainly of letters in words (`_signs`: "$T$ is positive",
    "a positive temperature $T$", "$p$ in $(0, 1)$"), and the sentence without those words."""
    signs = _signs(sentence, _TOTAL_DENIED.sub(" ", _INLINE.sub(" ", sentence)))
    if not signs:
        return {}, sentence
    rest = sentence
    for r in (_SIGN_BEFORE, _SIGN_AFTER, *_REALS, _IN_SPAN):
        rest = r.sub(" ", rest)
    out: dict[str, list[tuple[str, str]]] = {}
    for letter, (lo, lo_open, hi, hi_open) in signs.items():
        if lo != float("-inf"):
            out.setdefault(letter, []).append((">" if lo_open else ">=", str(lo)))
        if hi != float("inf"):
            out.setdefault(letter, []).append(("<" if hi_open else "<=", str(hi)))
    return out, rest


def _bounds_of(span: str) -> dict[str, list[tuple[str, str]]] | None:
    """Letter -> [(op, bound)] a prose formula states, bound a number or another letter
    (`0 < a < b`: a > 0, a < b, b > a); None where it compares anything else."""
    if re.search(r"\\in(?![A-Za-z])", span):
        left, _, right = span.partition("\\in")
        if entry := _ANY_ENTRY.fullmatch(left):  # `q_t \\in (0, 1]`: every entry of q
            span = f"{entry.group(1)} \\in{right}"
        found = _span_bounds(span)
        return {n: [(op, str(v)) for op, v in b if abs(v) != math.inf] for n, b in found.items()}
    parts = _RELATION.split(span)
    relations = [_CANONICAL.get(r.group(0).replace(" ", ""), "") for r in _RELATION.finditer(span)]
    if len(parts) < 2 or not all(r in ("<", "<=", ">", ">=") for r in relations):
        return None
    out: dict[str, list] = {}
    for k, rel in enumerate(relations):
        left, right = parts[k], parts[k + 1]
        for names, op, bound in ((left, rel, right), (right, _FLIPPED[rel], left)):
            listed = _listed(names) if _NAMES.fullmatch(names) else None
            if entry := _ANY_ENTRY.fullmatch(names):
                # `0 \\le p_i \\le 1` of every entry: a failure must keep it at all of them
                listed = [entry.group(1)]
            if listed is None:
                if _number(names) is None:
                    return None  # `H(p) \\le \\log n`: no range of a letter
                continue
            value = _number(bound)
            if value is None and not re.fullmatch(r"\s*\\?[A-Za-z]+\s*", bound):
                return None
            if value is not None and abs(value) == math.inf:
                continue
            shown = str(value) if value is not None else bound.strip().lstrip("\\")
            for name in listed:
                out.setdefault(name, []).append((op, shown))
    return out


#: an entry at an index letter (`p_i`, `\\pi_{k}`), bounded as all of its vector's entries
_ANY_ENTRY = re.compile(r"\s*\\?([A-Za-z]+)_\{?\s*[ijklt]\s*\}?\s*")


#: words that say a bound is where a step fails or is excluded ("unless $x > 0$", "blows
#: up for $t < 0$"), not where it lives
_EXCLUDING = re.compile(
    r"\b(?:except|unless|apart|excluding|exclude[sd]?|otherwise|outside|but\s+not|"
    r"contradiction|contrary|break\w*|blow\w*|diverg\w*|undefined|invalid|careful|beware|"
    r"caution|warning|problem\w*|trouble|issue)\b",
    re.IGNORECASE,
)
#: words that narrow a range to part of it ("for small $x > 0$", "$t > 0$ near zero")
_NARROWING = re.compile(
    r"\b(?:small|large|big|huge|tiny|near|close|approach\w*|tends?|limit|regime|asymptot\w*|"
    r"only|sufficiently|enough|typical\w*|moderate|most)\b",
    re.IGNORECASE,
)


#: integers of a kind: "an odd integer", "even $n$", "a multiple of $4$", "divisible by"
#: (not "even if", "even for $n = 1$": "odd"/"even" said of a number)
_PARITY = re.compile(
    r"\b(?:an?|is|be|are|all|every|each|any|some|for)\s+(?:odd|even)\b"
    r"|\b(?:odd|even)\s+(?:integers?|numbers?|naturals?|whole|values?|\$)"
    r"|\bmultiples?\s+of\b|\bdivisible\s+by\b",
    re.IGNORECASE,
)


#: letters said to be positive whole numbers: "a positive integer $k$", "$k$ and $m$ are
#: positive integers", "a natural number $n$"
_COUNT_WORDS = r"(?:positive\s+integers?|natural\s+numbers?|positive\s+whole\s+numbers?)"
_COUNT_BEFORE = re.compile(rf"\b{_COUNT_WORDS}\s+{_LETTERS_LISTED}", re.IGNORECASE)
_COUNT_AFTER = re.compile(
    rf"{_LETTERS_LISTED}\s+(?:is|are|be|being)\s+(?:both\s+|all\s+)?(?:an?\s+)?{_COUNT_WORDS}\b",
    re.IGNORECASE,
)
#: words beside a positive integer that say more or less of it
_NOT_COUNT = re.compile(
    r"\b(?:not|never|no|or|either|unless|except|only|even|odd|multiples?|divisible)\b",
    re.IGNORECASE,
)
#: "an odd integer $m$", "$m$ is an even integer", "let $m$ be odd", "for odd $n$"
_PARITY_BEFORE = re.compile(
    rf"\b(?P<kind>odd|even)\s+(?:integers?\s+|numbers?\s+)?{_LETTERS_LISTED}", re.I
)
_PARITY_AFTER = re.compile(
    rf"{_LETTERS_LISTED}\s+(?:is|are|be|being)\s+(?:both\s+|all\s+)?(?:an?\s+)?(?P<kind>odd|even)"
    r"(?:\s+(?:integers?|numbers?))?\b(?!\s*(?:and|or|,))",
    re.IGNORECASE,
)
#: words beside a parity that say more than it (positive odd, odd or even, not even)
_PARITY_MORE = re.compile(
    r"\b(?:positive|negative|non-?negative|natural|not|never|no|or|either|unless|except|"
    r"only|multiples?|divisible|greater|less|least|most)\b",
    re.IGNORECASE,
)
#: whole numbers said in words: (words that say more, the pattern before the letters, the
#: one after them); a match's kind is its `kind` group, or "integer"
_WHOLE_KINDS = (
    (_NOT_COUNT, _COUNT_BEFORE, _COUNT_AFTER),
    (_PARITY_MORE, _PARITY_BEFORE, _PARITY_AFTER),
)


#: a letter used as a count: a sum's or product's upper bound, the last of a list
#: (`x_1, \\dots, x_m`, `1, \\ldots, m`, `x^{(m)}`), a dimension (`\\mathbb{R}^m`, `m \\times`),
#: a factorial or binomial, or "$m$ training examples", "the number of ..., $m$"
_COUNT_USES = tuple(
    use.replace("@", r"(?<![A-Za-z\\])@(?![A-Za-z])")
    for use in (
        r"\\(?:sum|prod)\s*(?:\\limits\s*)?_\s*(?:\{[^{}]*\}|\\?\w+)\s*\^\s*(?:\{[^{}]*@[^{}]*\}|@)",
        r"(?:\\[lc]?dots|\.\.\.)\s*,?\s*(?:\\?[A-Za-z]+\s*[_^]\s*)?\{?\s*\(?\s*@",
        r"\\mathbb\s*\{?R\}?\s*\^\s*\{?\s*@",
        r"@\s*(?:\\times|!)|\\times\s*@|\\binom\s*\{?\s*@",
        r"\$\s*@\s*\$\s+(?:[a-z-]+\s+)?(?:examples|samples|observations|points|trials|classes|"
        r"items|outcomes|data|instances|records|rows|draws|tokens|words|documents|images|steps|"
        r"layers|units)\b",
        r"\bnumber\s+of\b[^.$]{0,60}\$\s*@\s*\$|\$\s*@\s*\$\s+(?:is|denotes|be)\s+the\s+"
        r"(?:number|size|count)\b",
    )
)


#: nouns of a real quantity, which a letter that often counts (T, C, M) may name
_QUANTITY_NOUN = (
    r"(?:temperature|scale|rate|bandwidth|variance|precision|weight|margin|threshold|width|"
    r"step\s+size|constant|cost|time|horizon\s+length)"
)
_QUANTITY_AFTER = re.compile(
    rf"\s*,?\s*(?:(?:is|be|denotes?)\s+)?(?:an?\s+|the\s+)?(?:[a-z-]+\s+)?{_QUANTITY_NOUN}\b", re.I
)
_QUANTITY_BEFORE = re.compile(rf"\b{_QUANTITY_NOUN}\s*$", re.I)


def _a_quantity(prose: str, m: re.Match) -> bool:
    """Does the prose around the formula `m` name its letter a real quantity ("$T > 0$ a
    temperature", "the temperature $T > 0$"), not a count?"""
    return bool(
        _QUANTITY_AFTER.match(prose, m.end())
        or _QUANTITY_BEFORE.search(prose[max(0, m.start() - 40) : m.start()])
    )


def said_real(text: str, letter: str) -> bool:
    """Does a sentence of the prose that names `letter` alone also say "real" (a margin
    "$m$ (a real number)")?"""
    prose = _prose(text)
    for _, sentence in _sentences(prose):
        spans = [m.group(1) for m in _INLINE.finditer(sentence)]
        # "the noise $n \\sim \\mathcal{N}(0, 1)$": a continuous law makes it a real number
        if any(
            re.fullmatch(rf"\s*{re.escape(letter)}\s*\\sim\s*{_CONTINUOUS_LAW}.*", x) for x in spans
        ):
            return True
        if not _REAL_WORDS.search(_INLINE.sub(" ", sentence)):
            continue
        if any(_letters(x) == {letter} for x in spans):
            return True
    return False


#: words that make a letter a real number: "real", "positive or negative", "either sign"
_REAL_WORDS = re.compile(
    r"\breal\b|\bpositive\s+or\s+negative\b|\bnegative\s+or\s+positive\b|\b(?:either|any)\s+sign\b",
    re.IGNORECASE,
)
#: a continuous law after `\\sim`: normal, Gaussian, uniform on an interval, Laplace, ...
_CONTINUOUS_LAW = (
    r"(?:\\mathcal\s*\{?\s*N\b|N\s*\(|\\(?:mathrm|operatorname|text)\s*\{\s*"
    r"(?:N|Normal|Gauss\w*|Unif\w*|U|Laplace|Logistic|Cauchy)\s*\}|\\mathcal\s*\{?\s*U\b)"
)


def used_as_count(text: str, letter: str) -> bool:
    """Do the notes use `letter` as a count anywhere (`_COUNT_USES`)?"""
    return any(
        re.search(use.replace("@", re.escape(letter)), text, re.IGNORECASE) for use in _COUNT_USES
    )


def integer_kinds_in_words(text: str) -> list[tuple[int, str, str]]:
    """(offset, letter, kind) where a plain sentence says only that letters are positive
    integers ("integer"), odd or even; the offset is the end of what it says, after any
    range in words the same sentence gives."""
    prose = _prose(text)
    out = []
    for start, sentence in _sentences(prose):
        words = _INLINE.sub(" ", sentence)
        for more, before, after in _WHOLE_KINDS:
            if more.search(words) or not _ranging(prose, start):
                continue  # "not a positive integer", "an odd positive integer"
            for m in [*before.finditer(sentence), *after.finditer(sentence)]:
                if m.re is after and not _subject(sentence, m):
                    continue
                kind = (m.groupdict().get("kind") or "integer").lower()
                out += [(start + m.end(), letter, kind) for letter in _letters_of(m)]
    return out


#: `$p_{k+1} = 0$`, `$q_1 = 1/2$`: one particular entry of a vector given a number
_ENTRY_VALUE = re.compile(
    r"\s*(\\?[A-Za-z]+)\s*_\s*(\{[^{}$]*[0-9+\-][^{}$]*\}|[0-9])\s*=\s*([^=<>$]+?)\s*[.,]?\s*"
)


#: `p = (p_1, p_2, p_3)`: a vector listed whole by its own entries
_LISTED_WHOLE = re.compile(
    r"\s*(\\?[A-Za-z]+)\s*=\s*(?:\\left\s*)?\(((?:\s*\\?[A-Za-z]+\s*_\s*\{?\s*\d+\s*\}?\s*,)+"
    r"\s*\\?[A-Za-z]+\s*_\s*\{?\s*\d+\s*\}?\s*)(?:\\right\s*)?\)\s*"
)


def listed_vectors_in_words(text: str) -> dict[str, list[tuple[int, int]]]:
    """Vector -> (line, k) for each prose formula that lists it whole by its own entries,
    1 to k (`$p = (p_1, p_2)$`): it has k entries."""
    prose = _prose(text)
    out: dict[str, list[tuple[int, int]]] = {}
    for m in _INLINE.finditer(prose):
        found = _LISTED_WHOLE.fullmatch(m.group(1))
        if found is None or (name := _name(found.group(1))) is None:
            continue
        entries = [
            re.fullmatch(r"\s*\\?([A-Za-z]+)\s*_\s*\{?\s*(\d+)\s*\}?\s*", e)
            for e in found.group(2).split(",")
        ]
        if all(
            e and e.group(1) == found.group(1).lstrip("\\") and int(e.group(2)) == k
            for k, e in enumerate(entries, start=1)
        ):
            out.setdefault(name, []).append((prose.count("\n", 0, m.start()) + 1, len(entries)))
    return out


def entry_values_in_words(text: str) -> dict[str, list[tuple[int, str]]]:
    """Vector -> (line, `p_{k+1} = 0`) for each prose formula that gives one particular
    entry of it (not `p_i`, every entry) a number: "Let's also define $p_{k+1} = 0$"."""
    prose = _prose(text)
    out: dict[str, list[tuple[int, str]]] = {}
    for m in _INLINE.finditer(prose):
        found = _ENTRY_VALUE.fullmatch(m.group(1))
        if found is None or _number(found.group(3)) is None:
            continue
        if (name := _name(found.group(1))) is not None:
            line = prose.count("\n", 0, m.start()) + 1
            out.setdefault(name, []).append((line, m.group(1).strip()))
    return out


def parities_in_words(text: str) -> dict[str, list[int]]:
    """Letter -> the lines of the prose sentences that call it odd, even or a multiple of
    something: sizes and indices too, which symkl samples at every whole number."""
    prose = _prose(text)
    out: dict[str, list[int]] = {}
    for start, sentence in _sentences(prose):
        if not _PARITY.search(sentence):
            continue
        line = prose.count("\n", 0, start) + 1
        for span in _INLINE.findall(sentence):
            if _SINGLE.fullmatch(span):
                for letter in _letters(span):
                    out.setdefault(letter, []).append(line)
    return out


#: words that give a number of outcomes: "two outcomes", "$K$ classes", a coin, a die
_OUTCOMES = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|[0-9]+|\$[^$]{1,12}\$)[- ]"
    r"(?:possible\s+|distinct\s+|equally\s+likely\s+)?(?:outcomes?|classes|categories|faces|"
    r"sides|states|symbols|labels|values|events|results|letters|possibilities|points)\b"
    r"|\b(?:coins?|dice|die|binary|bernoulli)\b|\b(?:six|four|two)-sided\b",
    re.IGNORECASE,
)


def sizes_in_words(text: str) -> dict[str, int]:
    """Letter -> the line of the first plain prose sentence that names it beside a number
    of outcomes in words ("$p$ is a distribution on two outcomes", "a die ... $Q$"): its
    size is then not the general n that symkl samples."""
    prose = _prose(text)
    out: dict[str, int] = {}
    for start, sentence in _sentences(prose):
        words = _INLINE.sub(" ", sentence)
        if not _OUTCOMES.search(sentence) or _HEDGED.search(words):
            continue  # "with a die in mind one is tempted to write ..., which fails"
        line = prose.count("\n", 0, start) + 1
        for span in _INLINE.findall(sentence):
            if _SINGLE.fullmatch(span):
                for letter in _letters(span):
                    out.setdefault(letter, line)
    return out


def exclusions_in_words(text: str) -> dict[str, list[tuple[int, str, str]]]:
    """Letter -> [(line, relation, bound)] for prose formulas that bound a bare letter
    (`$\\theta \\ne 1/2$`, `$p \\neq q$`, `$n \\ge 2$`, `$0 < x < 1$`): relation one of
    != < <= > >= (the letter on the left), bound another letter's name or a number as text,
    or "" (a bound symkl cannot evaluate)."""
    prose = _prose(text)
    out: dict[str, list[tuple[int, str, str]]] = {}
    for m in _INLINE.finditer(prose):
        span = m.group(1)
        line = prose.count("\n", 0, m.start()) + 1
        parts = _RELATION.split(span)
        relations = [
            _CANONICAL.get(r.group(0).replace(" ", ""), "") for r in _RELATION.finditer(span)
        ]
        for k, rel in enumerate(relations):
            left, right = parts[k].strip(), parts[k + 1].strip()
            for name, op, bound in ((left, rel, right), (right, _FLIPPED.get(rel, ""), left)):
                if op and _SINGLE.fullmatch(name):
                    letter = re.match(r"\\?([A-Za-z]+)", name.strip()).group(1)
                    out.setdefault(letter, []).append((line, op, _operand(bound)))
    return out


_CANONICAL = {
    "<": "<",
    ">": ">",
    "\\le": "<=",
    "\\leq": "<=",
    "\\leqslant": "<=",
    "\\ge": ">=",
    "\\geq": ">=",
    "\\geqslant": ">=",
    "\\lt": "<",
    "\\gt": ">",
    "\\ne": "!=",
    "\\neq": "!=",
    "\\not=": "!=",
}
_FLIPPED = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "!=": "!="}


def _operand(text: str) -> str:
    """A letter's name (`\\mu` -> mu), a number (`1/2`, `0.5`, `\\tfrac12`), or ""."""
    name = re.fullmatch(r"\\?([A-Za-z]+)", text)
    if name:
        return name.group(1)
    if re.fullmatch(r"-?[0-9.]+(?:\s*/\s*[0-9.]+)?", text):
        return text.replace(" ", "")
    frac = re.fullmatch(r"\\[dt]?frac\s*\{?([0-9])\}?\s*\{?([0-9]+)\}?", text)
    return f"{frac.group(1)}/{frac.group(2)}" if frac else ""


def _bounded_letters(span: str) -> set[str]:
    """The bare names a formula compares (`0 < x < 1`: x; `p \\neq q`: p, q)."""
    operands = _RELATION.split(span)
    if len(operands) < 2:
        return set()
    return {letter for o in operands if _SINGLE.fullmatch(o) for letter in _letters(o)}


#: two letters compared in a formula (`m < n`, `n > m`, `m \\ll n`, `m = n - 1`,
#: `m \\in \\{1, \\dots, n-1\\}`)
_LETTERS_COMPARED = re.compile(
    r"(?<![A-Za-z\\])([A-Za-z])\s*(?:[<>]|\\(?:le|ge|leq|geq|lt|gt|ll|gg|leqslant|geqslant|neq?|in)"
    r"(?![A-Za-z])|=)\s*(?:\\\{\s*[01]\s*,\s*\\[lc]?dots\s*,\s*)?([A-Za-z])(?![A-Za-z])"
)
#: words that compare two quantities ("$m$ smaller than $n$", "the first $m$ of $n$")
_COMPARING = re.compile(
    r"\b(?:smaller|less|fewer|larger|greater|bigger|more|at\s+most|at\s+least|below|above|"
    r"first|last|subset|shortlist|truncat\w*|only|of\s+the)\b",
    re.IGNORECASE,
)


def bounds_compared(text: str) -> set[frozenset[str]]:
    """Pairs {m, n} of letters the prose compares, in a formula (`$m < n$`, `$n > m$`,
    `$m \\ll n$`, `$m = n - 1$`) or in words ("$m$ smaller than $n$", "the first $M$ of
    the $K$ classes"): sums to one of them may be partial sums of the other's length."""
    prose = _prose(text)
    out = {
        frozenset((a, b))
        for span in _INLINE.findall(prose)
        for a, b in _LETTERS_COMPARED.findall(span)
    }
    for _, sentence in _sentences(prose):
        if not _COMPARING.search(_INLINE.sub(" ", sentence)):
            continue
        letters = [
            x.strip() for x in _INLINE.findall(sentence) if re.fullmatch(r"\s*[A-Za-z]\s*", x)
        ]
        out |= {frozenset((a, b)) for a in letters for b in letters if a != b}
    return {pair for pair in out if len(pair) == 2}


def summed_bounds(text: str) -> dict[str, Counter]:
    """Vector name -> how often its sums run to each bound (`\\sum_{i=1}^{r} p_i`: p -> r)."""
    out: dict[str, Counter] = {}
    for _, bound, name in _SUM.findall(text):
        out.setdefault(name, Counter())[bound] += 1
    return out


#: `$n$ outcomes`, `$K$ logits`, `\mathbb{R}^K`: a length given by a letter
_LENGTH = re.compile(
    r"\$\s*([A-Za-z])\s*\$[- ]\s*(?:[a-z-]+\s+){0,2}(?:outcomes|classes|categories|"
    r"entries|components|coordinates|elements|logits|scores|states|symbols|labels|values|"
    r"letters|events|dimensions|weights|probabilities|points|atoms|characters|faces|"
    r"possibilities|alternatives)\b"
)
_LENGTH_IN_FORMULA = re.compile(
    r"\\in\s*\\mathbb\s*\{?\s*R\s*\}?\s*\^\s*\{?\s*([A-Za-z])\s*\}?\s*$"
)


#: `p = (p_1, \\dots, p_n)`: a vector written out to its length
_WRITTEN_OUT = re.compile(
    r"\s*(\\?[A-Za-z]+)\s*=\s*(?:\\left)?[(\[]\s*\1\s*_\s*\{?\s*[01]\s*\}?.*"
    r"\1\s*_\s*\{?\s*([A-Za-z])\s*\}?\s*(?:\\right)?[)\]]\s*"
)
#: `q_1, \\dots, q_N`: entries listed to the length
_LISTED = re.compile(
    r"\s*(\\?[A-Za-z]+)\s*_\s*\{?\s*[01]\s*\}?\s*,.*\\[lc]?dots.*,\s*\1\s*_\s*\{?\s*([A-Za-z])\s*\}?\s*"
)
#: `p \\in \\Delta^{n-1}`, `p \\in \\Delta_n`: a point of the simplex of n outcomes
_SIMPLEX = re.compile(
    r"\\in\s*\\Delta\s*(?:\^\s*\{\s*([A-Za-z])\s*-\s*1\s*\}|_\s*\{?\s*([A-Za-z])\s*\}?)"
)


def lengths_in_words(text: str) -> dict[str, str]:
    """Vector name -> the letter the prose gives as its length ("$p$ a distribution over
    $n$ outcomes", "a vector $z$ of $K$ logits", "$q \\in \\mathbb{R}^K$"): the vectors
    named before the length in its sentence. Sums of them to another bound may be
    partial."""
    out: dict[str, str] = {}
    for _, sentence in _sentences(_prose(text)):
        spans = list(_INLINE.finditer(sentence))
        for k, m in enumerate(spans):
            member = _MEMBER.match(m.group(1))
            if member and (size := _LENGTH_IN_FORMULA.search(m.group(1))):
                named, letter = [member[1]], size.group(1)
            elif member and (size := _SIMPLEX.search(m.group(1))):
                named, letter = [member[1]], size.group(1) or size.group(2)
            elif written := _WRITTEN_OUT.fullmatch(m.group(1)) or _LISTED.fullmatch(m.group(1)):
                named, letter = [written[1]], written[2]
            elif size := _LENGTH.match(sentence, m.start()):
                named, letter = [s.group(1) for s in spans[:k]], size.group(1)
            else:
                continue
            for name in filter(None, map(_name, named)):  # "$p$ and $q$ over $n$ outcomes"
                if name not in _SIZE_LETTERS and name != letter:
                    out.setdefault(name, letter)
    return out


def full_length(counts: Counter) -> str:
    """The bound a vector's sums run to most often (a conventional size letter on a tie):
    its length; sums to other bounds may be partial."""
    return max(counts, key=lambda b: (counts[b], b in _SIZE_LETTERS, b))


#: a letter introduced afresh ("now let $p$ be a distribution on $n$ outcomes")
_FRESH = re.compile(
    r"\b(?:let|now|henceforth|hereafter|from\s+here\s+on|in\s+this\s+section)\b[^.;$]*"
    r"\$\s*(\\?[A-Za-z]+)\s*\$\s*(?:now\s+)?(?:be|denotes?|is|stands?|will)\b"
    # "Write $s$ for the sigmoid output", "we use $m$ to denote the margin"
    r"|\b(?:write|use|reserve)\s+\$\s*(\\?[A-Za-z]+)\s*\$\s+(?:for|to\s+(?:denote|mean))\b",
    re.IGNORECASE,
)


def _fresh(text: str) -> list[tuple[int, str]]:
    """(offset, letter) for each `_FRESH` introduction in `text`."""
    return [(m.start(), (m.group(1) or m.group(2)).lstrip("\\")) for m in _FRESH.finditer(text)]


#: a change said in words only: "Now make the weights uniform instead", "Halve the
#: temperature", "Next consider a fair coin" (not "instead of"); erring wide withholds
#: verdicts only on steps that write a name given a value before
_CHANGE_VERBS = (
    r"(?:double|halve|swap|replace|change|increase|decrease|raise|lower|shift|scale|centre|"
    r"center|move|flip|reverse|set|switch|consider|suppose|assume)"
)
#: words that name a particular case of a law or a parameter
_CASE_WORD = (
    r"(?:fair|uniform|unit|biased|symmetric|degenerate|deterministic"
    r"|standard\s+(?:normal|gaussian))"
)
#: a number written in words or digits, as a sentence gives a value
_NUMBER_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|a\s+half|one\s+half|"
    r"a\s+quarter|\d+(?:\.\d+)?)"
)
_CHANGED = re.compile(
    # a number said in words: "the logit is four", "a logit of zero gives"
    rf"\b(?:is|are|becomes?|equals?)\s+(?:now\s+)?{_NUMBER_WORD}\b(?!\s+of\b)"
    rf"|\b(?:logit|score|value|margin|temperature|probability|weight|mean|variance|rate|"
    rf"parameter)s?\s+of\s+{_NUMBER_WORD}\b"
    r"|\binstead\b(?!\s+of\b)|\b(?:is|are|becomes?)\s+now\b|\b(?:now|next)\s+(?:"
    + _CHANGE_VERBS
    + r"|make|take|let|use)\b|^\s*(?:(?:we|let's|let\s+us)\s+)?"
    + _CHANGE_VERBS
    + r"\b|\bfor\s+the\s+standard\b|\bwhat\s+if\b"
    # a case named in words: "With the fair coin", "With $q$ uniform", "the uniform case"
    + rf"|\b(?:with|for|in|using)\s+(?:the\s+|a\s+|an\s+)?{_CASE_WORD}\b"
    + rf"|\bthe\s+{_CASE_WORD}\s+case\b"
    r"|^\s*(?:next|now|then)\s*,?\s+(?:the|a|an)\s+(?:\w+\s+)?(?:case|example|coin|die)\b"
    # "Moving the mass to ...", "Halving it", "For a rarer event, say one in eight"
    r"|^\s*(?:moving|halving|doubling|tripling|shifting|shrinking|growing|increasing|"
    r"decreasing|raising|lowering|scaling|replacing|changing|swapping|flipping|putting|"
    r"spreading|sharpening|flattening|making|taking)\b"
    r"|\bfor\s+(?:a|an|the)\s+(?:rarer|likelier|commoner|more|less|larger|smaller|higher|"
    r"lower|wider|narrower|sharper|flatter|bigger|different|other|second|new)\b"
    r"|\b(?:another|a\s+different)\s+(?:coin|die|distribution|value|example|case|class)\b"
    r"|\bsay\s+(?:one|two|three|four|five|half|a|an)\b",
    re.IGNORECASE,
)
#: a sentence about a condition or an extreme, not a new case ("equality holds for the
#: uniform distribution", "maximized by the fair coin")
_CONDITION_WORDS = re.compile(
    r"\b(?:equality|iff|if\s+and\s+only|attain\w*|achiev\w*|maximi[sz]\w*|minimi[sz]\w*)\b",
    re.IGNORECASE,
)


def changed_in_words(text: str) -> list[tuple[int, int]]:
    """(offset, line) of each prose sentence that changes something in words and names no
    letter by a formula ("Now make the weights uniform instead."): the values given before
    may no longer hold, and symkl cannot tell which."""
    prose = _prose(text)
    out = []
    for start, sentence in _sentences(prose):
        words = _INLINE.sub(" ", sentence)
        if not _CHANGED.search(words) or _CONDITION_WORDS.search(words):
            continue
        end = start + len(sentence)
        # "Shifting the mean by one: $D(...) = 1$": the formula after a colon on its line
        said = sentence + (
            prose[end : prose.find("\n", end)] if sentence.rstrip().endswith(":") else ""
        )
        given = [
            m.group(1)
            for m in _INLINE.finditer(said)
            if not _NOT_NOW.search(_INLINE.sub(" ", said[: m.start()]))  # not "Unlike $x = 2$"
        ]
        if any("=" in span for span in given):
            continue  # "instead take $p = (1/3, 1/3, 1/3)$": the formula says what changed
        out.append((start, prose.count("\n", 0, start) + 1))
    return out


def introduced_in_words(text: str) -> list[tuple[int, str]]:
    """(offset, letter) where the prose introduces a letter afresh: an earlier definition
    of it no longer holds from there. Also where a sentence frees a letter it names by
    itself ("from now on, $r$ and $s$ are unrelated", "now for all $\\alpha$", "in the next
    part, $m$ denotes ...")."""
    prose = _prose(text)
    out = _fresh(prose)
    for m in _INLINE.finditer(prose):
        # `$p(x) = \\lambda e^{-\\lambda x}$ on $x \\ge 0$`: p anew, read as a definition
        # or not (then its earlier one no longer holds either)
        lhs, eq, _ = m.group(1).partition("=")
        call = re.fullmatch(r"(.+?)\(([^()]*)\)\s*", lhs) if eq else None
        if (
            call
            and (name := _name(call.group(1)))
            and all(_name(a) for a in re.split(r"[,;|]", call.group(2)))  # not H(1/2) = 1
        ):
            out.append((m.start(), name))
    for start, sentence in _sentences(prose):
        if not _FREEING.search(_INLINE.sub(" ", sentence)):
            continue
        for m in _INLINE.finditer(sentence):
            if _NAMES.fullmatch(m.group(1)):
                # from the sentence's start: "$H(p) \\le 1$ for every distribution $p$"
                out += [(start, name) for name in _names(m.group(1))]
            elif (lhs := m.group(1).partition("=")[0]) != m.group(1) and (name := _name(lhs)):
                out.append((start + m.start(), name))  # "let us forget that $p = q^2$"
            elif (within := _MEMBER.match(m.group(1))) and (name := _name(within[1])):
                out.append((start, name))  # "for arbitrary logits $z \\in \\mathbb{R}^3$"
    return sorted(out)


def roles_in_words(text: str) -> list[tuple[int, str]]:
    """(offset, letter) where the prose gives a letter a new role ("Now let $\\mu$ be the
    mean of a Gaussian", "$T$ now denotes the number of steps"): a range said of its old
    role, "throughout" ones too, may no longer hold."""
    prose = _prose(text)
    out = []
    for start, sentence in _sentences(prose):
        if not _NEW_ROLE.search(_INLINE.sub(" ", sentence)):
            continue
        for m in _ROLE.finditer(sentence):
            span = m.group("let") or m.group("is")
            if _SINGLE.fullmatch(span) and len(letters := _letters(span)) == 1:
                out.append((start + m.start(), letters.pop()))
    return out


#: words that give a letter another role than before
_NEW_ROLE = re.compile(
    r"\b(?:now|instead|next|henceforth|hereafter|from\s+here|new|another|different|rather|"
    r"no\s+longer|reus\w*|redefin\w*)\b",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\blet\s+\$(?P<let>[^$]+)\$\s+(?:now\s+)?(?:be|denote|stand)\b"
    r"|\$(?P<is>[^$]+)\$\s+(?:now\s+|instead\s+)?(?:denotes|stands\s+for|is|will\s+be|becomes)\b",
    re.IGNORECASE,
)


#: words with which a sentence frees the letters it names
_FREEING = re.compile(
    r"\b(?:unrelated|independent|general|arbitrary|any|all|every|free|denotes?|now|next|"
    r"back|again|another|different|new|other|paragraph|section|part|here|instead|is\s+the|"
    r"forget\w*|drop\w*|longer|assumption|assume\w*|unconstrained)\b",
    re.IGNORECASE,
)


#: `z \in \mathbb{R}^3`: a name said to lie in a set
_MEMBER = re.compile(r"\s*([^=<>]+?)\s*\\in(?![A-Za-z])")
#: a name as notes write one in prose: accented, calligraphic or bold, maybe with an index
_PROSE_NAME = re.compile(
    r"\s*(?:\\(?P<deco>hat|bar|tilde|widehat|widetilde|overline|mathcal|mathbf|boldsymbol|bm)"
    # (an accent over a bold letter: `\\hat{\\mathbf{y}}` is yhat)
    r"\s*\{?\s*(?:\\(?:mathbf|boldsymbol|bm)\s*\{\s*(?=[^{}]*\}\s*\}))?)?"
    r"\\?(?P<letter>[A-Za-z]+)\s*\}?\s*\}?\s*(?P<prime>')?"
    r"(?P<star>\s*\^\s*\{?\s*(?:\*|\\star|\\ast)\s*\}?)?"
    r"\s*(?:_\s*(?:\{[^{}]*\}|\\?[A-Za-z0-9]+))?\s*"
)
#: accent -> the suffix of the name it makes: y-hat, y-bar and y-tilde are three letters
ACCENTS = {
    "hat": "hat",
    "widehat": "hat",
    "tilde": "tilde",
    "widetilde": "tilde",
    "bar": "bar",
    "overline": "bar",
}
#: a decoration in prose -> its suffix (the display reader names `\\mathcal{L}` Lcal too)
_DECORATION = {**ACCENTS, "mathcal": "cal"}
#: a formula with an operation in it (not a bare name or a number)
_FORMULA = re.compile(r"\\(?:log|ln|exp|sum|prod|frac|tfrac|dfrac|sqrt|operatorname)|[-+^=(]")
#: a letter in a formula, outside the commands that write numbers (`\\frac12` is a value)
_LETTERS_IN = re.compile(
    r"(?<![\\A-Za-z])[A-Za-z]|\\(?!(?:[dt]?frac|left|right|cdot|times|q?quad|pm|mp|infty)\b)"
    r"[A-Za-z]+"
)
#: words between a name and the formula that describes it ("$L$ the log-evidence $...$")
_DESCRIBES = re.compile(
    r"^\s*,?\s*(?:(?:is|denotes?|be|as|for|stands?\s+for|means?)\s+)?(?:the|an?|its)\s+"
    r"[A-Za-z][\w -]{1,40}$"
)


def name_of(written: str) -> str | None:
    """The name symkl reads for a name as the notes write it (`\\hat y` -> yhat)."""
    return _name(written)


def word_name(written: str) -> str | None:
    """The name symkl gives a function written as a word (`\\operatorname{softplus}`)."""
    return _word_name(written)


def _word_name(span: str) -> str | None:
    """`\\mathrm{PP}`, `\\operatorname{ELBO}`: the word, the name symkl gives the function."""
    m = re.fullmatch(
        r"\s*\\(?:mathrm|operatorname|text|textrm)\s*\{\s*([A-Za-z]{2,})\s*\}\s*", span
    )
    return m.group(1) if m else None


def _name(span: str) -> str | None:
    """The name symkl reads for a name written in prose (`\\hat y` -> yhat), or None."""
    m = _PROSE_NAME.fullmatch(span)
    if m is None:
        return None
    letter, deco = m.group("letter"), m.group("deco")
    if deco == "mathcal" and letter == "N":
        return None
    name = letter + _DECORATION.get(deco or "", "")
    if m.group("star"):
        return name + "^*"  # \theta^*: the name the reader gives it
    return name + "_prime" if m.group("prime") else name


#: what a list of a vector's entries holds besides them: `(z_1, \\dots, z_K)^\\top`
_LISTING = frozenset({"dots", "ldots", "cdots", "top", "T", "in", "mathbb", "R", "left", "right"})


def _entries_of(rhs: str, lhs: re.Match) -> bool:
    """Is `rhs` the list of the entries of the name on the left (`(z_1, ..., z_K)`)?"""
    if "," not in rhs and "dots" not in rhs:
        return False  # mu_2 = mu_1 sets one name to another
    extra = _letters(rhs) - _LISTING - set(_SIZE_LETTERS) - {"i", "j", lhs.group("letter")}
    return not extra


#: a clause that defines the formula after it ("..., where $\\bar x = ...$")
_WHERE = re.compile(r"\b(?:where|wherein)\s*$", re.IGNORECASE)
#: words that make a formula in a sentence a supposition for what follows at once
_SUPPOSING = re.compile(
    r"\b(?:if|when|whenever|suppose|supposing|assume|assuming|setting|taking|consider|case|"
    r"say)\b",
    re.IGNORECASE,
)


def _next_prose_line(prose: str, at: int) -> int:
    """The line of the first words of prose after the displays that follow offset `at`
    (those displays are what a supposition there bears on); past the end if none."""
    gap = re.compile(r"[ \t]*\n\s*").match(prose, at)  # the sentence's line ends here
    # words, not a rule (`---`) or other punctuation on a line of its own
    m = re.compile(r"^[ \t]*(?![-*_=#~ \t]*$)\S", re.MULTILINE).search(
        prose, gap.end() if gap else at
    )
    if m is None:
        return prose.count("\n") + 2
    line = prose.count("\n", 0, m.start()) + 1
    return max(line, prose.count("\n", 0, at) + 2)


#: `$\\sigma_1 = \\sigma_2 = \\sigma$`: names set equal, the last the common one
_SETTING = re.compile(
    r"\s*(\\?[A-Za-z]+(?:_\{?\w+\}?)?)(?:\s*=\s*(\\?[A-Za-z]+(?:_\{?\w+\}?)?)){2,}\s*"
)
_SETTING_NAME = re.compile(r"\\?[A-Za-z]+(?:_\{?\w+\}?)?")


#: words that make a setting a denial, a contrast, a condition or a supposition
_UNSETTLED = re.compile(
    r"\b(?:not|never|no|nothing|unless|fails?|false|wrong|if|when|whenever|suppose\w*|were|"
    r"would|could|cannot|except\w*|exclud\w*|instead|rather|apart|contrast|without|longer|"
    r"unlike|other|only|special|case|cases|but|however|although|though|whereas|while|beyond)\b"
    r"|n't\b",
    re.IGNORECASE,
)
#: how a sentence that makes a setting opens ("Set", "With", "Take", "Now let", or the
#: words before a parenthesis "Equal variances ($\\sigma_1 = \\sigma_2 = \\sigma$)")
_SETTING_OPENS = re.compile(
    r"^\W*(?:now\s+|from\s+now\s+on\s*,?\s*)?(?:set|setting|let|with|take|taking|assume|"
    r"assuming|fix|fixing|put|putting|equal\s+\w+)\b",
    re.IGNORECASE,
)


def settings_in_words(text: str) -> list[tuple[int, int, list[str]]]:
    """(offset, end, names) for each prose formula that sets names equal (`$\\sigma_1 =
    \\sigma_2 = \\sigma$`, "equal variances"): the steps that write the common name (the
    last) are read with the others equal to it, up to `end` (as far as a range reaches:
    `_reach_end`). Denials, conditions and suppositions set nothing."""
    prose = _prose(text)
    out = []
    for m in _INLINE.finditer(prose):
        sentence = _sentence(prose, m.start())
        words = _INLINE.sub(" ", sentence)
        opened = _SETTING_OPENS.match(sentence)
        if _SETTING.fullmatch(m.group(1)) and opened and not _UNSETTLED.search(words):
            names = [n.strip() for n in m.group(1).split("=")]
            if len(set(names)) == len(names):
                out.append((m.start(), _reach_end(prose, m.start()), names))
    return out


#: a comparison just before a formula: "larger than $t = 1$" bounds t, it gives no value
_COMPARED = re.compile(
    r"\b(?:than|above|below|beyond|exceed\w*|past|over|under)\s*$", re.IGNORECASE
)
#: a comparison between two formulas: "$x$ exceeding $e$", "$t$ is no smaller than $2$"
_COMPARED_AFTER = re.compile(
    r"\s*(?:is\s+|are\s+)?(?:exceed\w*|(?:no\s+|not\s+)?(?:larger|greater|smaller|less|"
    r"bigger|above|below|beyond)|at\s+(?:least|most))\b[^$]{0,20}$",
    re.IGNORECASE,
)
#: words that give a distribution a particular law: it is not any distribution
_PARTICULAR = re.compile(
    r"\b(?:uniform\w*|point\s+mass\w*|degenerate|deterministic|dirac|one-hot|"
    r"concentrated|equal|identical|same|i\.i\.d|iid)\b",
    re.IGNORECASE,
)


def formulas_in_words(text: str) -> dict[str, frozenset[str]]:
    """Name -> every name its prose formulas use (`$S = \\sum_{i=1}^n x_i$`: S -> sum, i,
    n, x; a run of plain letters is a product of single letters): where none of them is a
    variable, nor a name the notes relate to others, the name is a constant in it."""
    out: dict[str, frozenset[str]] = {}
    for span in _INLINE.findall(_prose(text)):
        sides = _top_level_split(span, "=")
        if len(sides) != 2:
            continue  # no formula, or a chain `a = b = c`
        if not (name := _name(re.sub(r"\(\s*[^()]*\)\s*$", "", sides[0]))):
            continue
        tokens = re.findall(r"\\[A-Za-z]+|[A-Za-z]+", sides[1])
        names = {t[1:] if t[0] == "\\" else c for t in tokens for c in ([t] if t[0] == "\\" else t)}
        out[name] = out.get(name, frozenset()) | frozenset(names)
    return out


#: words that tie one quantity to another ("each $x_i$ equals $\\theta$ times $z_i$")
_RELATING = re.compile(
    r"\b(?:equals?|depends?|depending|times|proportional|function\s+of|scaled|multiples?|"
    r"given\s+by|defined\s+as|in\s+terms\s+of|determined\s+by)\b",
    re.IGNORECASE,
)


def linked_in_words(text: str) -> dict[str, frozenset[str]]:
    """Letter -> the letters a prose sentence ties it to in words ("each $x_i$ equals
    $\\theta$ times $z_i$": x -> theta, z), both ways."""
    out: dict[str, frozenset[str]] = {}
    for _, sentence in _sentences(_prose(text)):
        if not _RELATING.search(_INLINE.sub(" ", sentence)):
            continue
        letters = {n for span in _INLINE.findall(sentence) if (n := _name(span))}
        for letter in letters:
            out[letter] = out.get(letter, frozenset()) | frozenset(letters - {letter})
    return out


def _top_level_split(span: str, sep: str) -> list[str]:
    """`span` cut at each `sep` outside braces, brackets and parentheses."""
    parts, depth, start = [], 0, 0
    for k, ch in enumerate(span):
        depth += ch in "{[(" and span[k - 1 : k] != "\\"
        depth -= ch in "}])" and span[k - 1 : k] != "\\"
        if ch == sep and depth == 0:
            parts.append(span[start:k])
            start = k + 1
    return [*parts, span[start:]]


def described_in_words(text: str) -> dict[str, tuple[int, int | None]]:
    """Name -> (the line of the first prose sentence that defines it by a formula
    (`$s_k = \\operatorname{softmax}(\\mathbf z)_k$`) or describes it by one ("with $L$
    the log-evidence $\\log\\sum_k \\pi_k \\ell_k$"), the line where the prose gives it a
    range or introduces it afresh after that, or None). Where symkl has not read that as a
    definition, the name is not the free letter it samples."""
    prose = _prose(text)
    out: dict[str, tuple[int, int | None]] = {}
    for start, sentence in _sentences(prose):
        line = prose.count("\n", 0, start) + 1
        spans = list(_INLINE.finditer(sentence))
        words = _INLINE.sub(" ", sentence)
        # "e.g. $t = 800$"; "one takes $c = \\max_j z_j$, but any real $c$ will do"
        example = _WIDE.search(words) is not None
        for k, m in enumerate(spans):  # "larger than $t = 1$": a bound in words
            lhs, eq, _ = m.group(1).partition("=")
            if eq and (name := _name(lhs)) and _COMPARED.search(sentence[: m.start()]):
                out.setdefault(name, (line, None))
            between = sentence[m.end() : spans[k + 1].start()] if k + 1 < len(spans) else ""
            if (name := _name(m.group(1))) and _COMPARED_AFTER.match(between):
                out.setdefault(name, (line, None))  # "$x$ exceeding $e$": x bounded in words
        for k, m in enumerate(spans):
            lhs, eq, rhs = m.group(1).partition("=")
            if example:
                break
            if (name := _said_otherwise(sentence, spans, k)) is not None:
                out.setdefault(name, (line, None))
                continue
            if _SETTING.fullmatch(m.group(1)):
                continue  # a setting: `settings_in_words` reads it
            if re.search(r"\bat\s*$", sentence[: m.start()], re.I):
                continue  # "vanishes only at $\\beta = \\alpha$": a point, not a meaning
            if _CLAIM_BEFORE.search(sentence[max(0, m.start() - 24) : m.start()]):
                continue  # "since $f(x) = x \\cdot x$": a claim about f, not its meaning
            # a name, or a function of one: `q(z) = \\mathcal{N}(z; \\mu, \\sigma^2)`
            called = re.sub(r"\(\s*[^()]*\)\s*$", "", lhs)
            name = _name(called) or _word_name(called) if eq and not rhs.startswith("=") else None
            # a formula or another name (a setting: "setting $q = p$ gives"); not a number
            if name and _LETTERS_IN.search(rhs) and not _entries_of(rhs, _PROSE_NAME.match(lhs)):
                # "if $p = q$ ...", "setting $q = p$ gives:": only as far as the next display
                # (not "..., where $\\bar x = \\frac1n \\sum_i x_i$": a definition in the clause)
                # ("equality holds iff $q = p$": the case of equality, not what q is)
                supposing = _SUPPOSING.search(sentence) or _CONDITION_WORDS.search(words)
                supposed = supposing and not _WHERE.search(sentence[: m.start()])
                end = _next_prose_line(prose, start + len(sentence)) if supposed else None
                # "..., a slip. With $p = q$ it vanishes:": of the display after, not before
                forward = _OPENS.match(words) and sentence.rstrip().endswith(":")
                at = prose.count("\n", 0, start + len(sentence)) + 2 if forward else line
                out.setdefault(name, (at, end))
                if sub := re.search(r"_\s*\{?\s*(\w+)", lhs):  # mu_2 = mu_1: mu_2 as well
                    out.setdefault(f"{name}_{sub.group(1)}", (at, end))
            if k + 1 < len(spans) and (name := _name(m.group(1))):
                between = sentence[m.end() : spans[k + 1].start()]
                after = spans[k + 1].group(1)
                other = _name(after.partition("=")[0]) if "=" in after else None
                # ("a score $t$, the loss is $L = ...$" describes L, not t)
                if _DESCRIBES.match(between) and _FORMULA.search(after) and other in (None, name):
                    out.setdefault(name, (line, None))
        if _PARTICULAR.search(words) and not _HEDGED.search(words):
            # "let $p$ be the uniform pmf", "with all $w_i$ equal": a law symkl does not
            # read, said of the name just before it
            for m in spans:
                after = _INLINE.sub(" ", sentence[m.end() :])[:40]
                before = _INLINE.sub(" ", sentence[: m.start()])[-25:]
                if (name := _name(m.group(1))) and (
                    _PARTICULAR.search(after) or _PARTICULAR.search(before)
                ):
                    out.setdefault(name, (line, None))
        ranged = {name for m in spans for name in _span_bounds(m.group(1))}
        ranged |= {name for _, name in _fresh(sentence)}
        for name in ranged:
            if name in out and out[name][0] < line and out[name][1] is None:
                out[name] = (out[name][0], line)  # "now let $e \\in (0, 1)$ be a rate"
    return out


#: words that make a letter data: fixed while a model's parameters vary
_DATA_WORDS = re.compile(
    r"\b(?:one-?hot|labels?|targets?|observed|observations?|data|ground[- ]truth|true\s+class)\b",
    re.IGNORECASE,
)


def data_in_words(text: str) -> set[str]:
    """Names the prose calls data right beside them ("let $y$ be one-hot", "a one-hot target
    $\\mathbf{y}$", "the labels $t_n$"): no derivative in a parameter moves them."""
    prose = _prose(text)
    out = set()
    for _, sentence in _sentences(prose):
        words = _INLINE.sub(lambda f: " " * len(f.group(0)), sentence)  # (offsets kept)
        for m in _INLINE.finditer(sentence):
            if (name := _name(m.group(1))) is None:
                continue
            clause = re.split(r"[,;.]|\band\b", sentence[m.end() :])[0]
            if "$" in clause:
                continue  # "the target $t$ is the sigmoid $\\sigma(wx)$": given a formula
            if _DATA_WORDS.search(words[max(0, m.start() - 30) : m.end() + 30]):
                out.add(name)
    return out


#: "$\\bar x$ denotes the sample mean of $x_1, \\dots, x_N$": a mean said in words
_MEAN_OF = re.compile(
    r"\$(?P<name>[^$]{1,40})\$\s*,?\s*(?:(?:denotes|is|be|for|as)\s+)?(?:the\s+)?"
    r"(?:sample\s+|empirical\s+|arithmetic\s+)?(?:mean|average)\s+of\s+(?:the\s+)?"
    r"\$(?P<list>[^$]{1,80})\$"
)
#: `x_1, \\dots, x_N`, `x_1, x_2, \\ldots, x_n`: a list of a letter's entries up to a bound
_LISTED_UP_TO = re.compile(
    r"\s*(?P<letter>\\?[A-Za-z]+)\s*_\s*\{?\s*1\s*\}?\s*,"
    r"(?:\s*(?P=letter)\s*_\s*\{?\s*2\s*\}?\s*,)?\s*(?:\\[lc]?dots|\.\.\.)\s*,\s*"
    r"(?P=letter)\s*_\s*\{?\s*(?P<bound>[A-Za-z])\s*\}?\s*"
)


#: `$p = \\mathrm{Ber}(\\alpha)$`: a letter made a Bernoulli law by name
_NAMED_BERNOULLI = re.compile(
    r"\s*(?P<name>\\?[A-Za-z]+)\s*=\s*(?:\\(?:mathrm|operatorname|text|textrm|mathsf)\s*\{\s*)?"
    r"(?:Ber|Bern|Bernoulli)\s*\}?\s*(?:\\left\s*)?\(\s*(?P<arg>\\?[A-Za-z]+(?:_\{?\w+\}?)?)\s*"
    r"(?:\\right\s*)?\)\s*"
)


def bernoulli_laws_in_words(text: str) -> list[tuple[int, int, str]]:
    """[start, end) of `$p = \\mathrm{Ber}(\\alpha)$` in the prose and the definition it
    makes, `p = (\\alpha, 1 - \\alpha)` (the law's two probabilities); not in a sentence that
    supposes or hedges."""
    prose = _prose(text)
    out = []
    for m in _INLINE.finditer(prose):
        law = _NAMED_BERNOULLI.fullmatch(m.group(1))
        if law is None or _name(law["name"]) is None:
            continue
        words = _INLINE.sub(" ", _sentence(prose, m.start()))
        if any(r.search(words) for r in (_SUPPOSING, _HEDGED, _NOT_SO, _CLAIMING)):
            continue
        reads = f"{law['name']} = ({law['arg']}, 1 - {law['arg']})"
        out.append((m.start(1), m.end(1), reads))
    return out


#: `p = \\operatorname{Pois}(\\lambda_1)`, `q = \\mathcal{N}(0, 1)`, `p \\sim \\mathrm{Geom}(t)`: a
#: letter given a law, or its entries (`p = (0.7, 0.2, 0.1)`), in a prose formula
_LAW_GIVEN = re.compile(
    r"\s*(?P<name>[^=~()]+?)\s*(?:=|\\sim(?![A-Za-z]))\s*(?:"
    r"\\(?:operatorname|mathrm|text|textrm|mathcal|mathsf)\s*\{\s*[A-Za-z]+\s*\}"
    r"|\\(?:left\s*)?[(\[]|[(\[])"
)


def laws_given_in_words(text: str) -> list[tuple[int, str, bool]]:
    """(offset, name, named) of each prose formula that gives a letter a law or its entries
    (`For $p = \\operatorname{Pois}(\\lambda_1)$`, `Take $p = (0.7, 0.2, 0.1)$`): what the
    letter was defined as before (`p = \\mathrm{Ber}(a)`) is its meaning no longer; `named`
    for a law named as the letter's value (`p = \\operatorname{Pois}(\\lambda)`, not `x \\sim
    \\mathcal{N}(0, 1)`, a variable's law), which symkl does not read as a definition."""
    prose = _prose(text)
    out = []
    for m in _INLINE.finditer(prose):
        for part in re.split(r",\s*(?=[^,]*(?:=|\\sim))", m.group(1)):
            if (law := _LAW_GIVEN.match(part)) and (name := _name(law["name"])):
                named = "sim" not in law.group(0) and not law.group(0).rstrip().endswith(("(", "["))
                out.append((m.start(), name, named))
    return out


def means_in_words(text: str) -> list[tuple[int, int, str]]:
    """[start, end) of a name the prose calls the mean of a list (`$\\bar x$ denotes the
    sample mean of $x_1, \\dots, x_N$`), and the definition that says: `\\bar x =
    \\frac{1}{N}\\sum_{i=1}^{N} x_i`. Only a list written up to its bound; not in a sentence
    that supposes or hedges."""
    prose = _prose(text)
    out = []
    for m in _MEAN_OF.finditer(prose):
        listed = _LISTED_UP_TO.fullmatch(m["list"])
        if listed is None or _name(m["name"]) is None or "=" in m["name"]:
            continue
        words = _INLINE.sub(" ", _sentence(prose, m.start()))
        if any(r.search(words) for r in (_SUPPOSING, _HEDGED, _NOT_SO, _CLAIMING)):
            continue
        letter, bound = listed["letter"], listed["bound"]
        index = "j" if letter in ("i", "\\iota") or bound == "i" else "i"
        reads = (
            f"{m['name']} = \\frac{{1}}{{{bound}}}\\sum_{{{index}=1}}^{{{bound}}} {letter}_{index}"
        )
        out.append((m.start("name"), m.end("name"), reads))
    return out


#: "$y$ here is $w^3$", "$k$ equals $2w$", "the target $t$ is the sigmoid $\\sigma(wx)$": a
#: letter given a formula in words between
_IS_FORMULA = re.compile(
    r"\s*,?\s*(?:here\s+|now\s+|then\s+)?(?:is|equals|denotes|stands\s+for)\s+"
    r"(?:the\s+[A-Za-z -]{1,30})?$",
    re.IGNORECASE,
)
#: "$\\sigma$ is the hyperbolic tangent": what a function's name stands for, in words
_STANDS_FOR = re.compile(
    r"\s*(?:is|denotes|stands\s+for|will\s+be|be)\s+(?:the|a|an)\s+(?P<what>[^.,;$]{1,40})",
    re.IGNORECASE,
)
#: a vector's entry at a letter given a number (`\\hat y_i = 0.9`): one example's value
_ENTRY_VALUE_GIVEN = re.compile(r"\s*(.+?)\s*_\s*\{?\s*[a-z]\s*\}?\s*=\s*-?\d*\.?\d+\s*")


def _said_otherwise(sentence: str, spans: list, k: int) -> str | None:
    """The name the prose formula `spans[k]` of `sentence` gives a meaning symkl does not
    read as a definition, or None: a result's value ("the optimum is $a = 5$"), one
    example's entry ("for the first image $\\hat y_i = 0.9$"), a formula in words after it
    ("$y$ here is $w^3$")."""
    m = spans[k]
    lhs, eq, _ = m.group(1).partition("=")
    if eq and _VALUE.fullmatch(m.group(1)) and _result_before(sentence[: m.start()]):
        return _name(lhs)
    if eq and (entry := _ENTRY_VALUE_GIVEN.fullmatch(m.group(1))):
        return _name(entry.group(1))
    if eq or (name := _name(m.group(1))) is None:
        return None
    if re.search(r"\b(?:at|of|for|in|on|to|from|with|by|when|where)\s*$", sentence[: m.start()]):
        return None  # "the density at $x$ is $...$": what is said is of the density, not x
    if k + 1 < len(spans):
        between = sentence[m.end() : spans[k + 1].start()]
        if _IS_FORMULA.fullmatch(between) and _LETTERS_IN.search(spans[k + 1].group(1)):
            return name
    return None


def sigma_called_otherwise(text: str) -> list[int]:
    """Offsets where the prose says `$\\sigma$` stands for a function other than the sigmoid
    ("the activation $\\sigma$ is the hyperbolic tangent"): a call of sigma from there is
    not the sigmoid, and symkl does not read which function it is."""
    prose = _prose(text)
    out = []
    for m in _INLINE.finditer(prose):
        if _name(m.group(1)) != "sigma":
            continue
        stands = _STANDS_FOR.match(prose, m.end())
        if stands and not re.search(r"sigmoid|logistic", stands["what"], re.IGNORECASE):
            out.append(m.start())
    return out


def lg_base(text: str) -> int | None:
    """The base the prose gives `\\lg` (2: "$\\lg$ is $\\log_2$", binary; 10: common), or
    None where it gives none or both: `\\lg` is base 2 in some texts and 10 in others."""
    found = set()
    for _, sentence in _sentences(_prose(text)):
        if not re.search(r"\\lg(?![A-Za-z])", sentence):
            continue
        if re.search(r"\\log\s*_\s*\{?\s*2\b|base[- ]?(?:2|two)\b|binary", sentence, re.I):
            found.add(2)
        if re.search(
            r"\\log\s*_\s*\{?\s*10\b|base[- ]?(?:10|ten)\b|common|decimal", sentence, re.I
        ):
            found.add(10)
    return found.pop() if len(found) == 1 else None


#: words that make a sentence's formula a claim, a warning or a wish rather than what a name
#: is ("we show that $m = ...$", "a common mistake is $\\hat\\theta = ...$")
_CLAIMING = re.compile(
    r"\b(?:show|shows|shown|prove[sd]?|proof|check|verify|claim|mistakes?|errors?|incorrect|"
    r"tempting|careful|beware|bug|would|should|could|might|wish|want|need|wrongly|naive|"
    r"sign|slip|tricky|confus\w*|mix(?:e[sd]|ing)?|mix-?ups?|plug\w*|substitut\w*|apply\w*|"
    # where something happens is a claim about a point, not what a name is
    r"stationary|optim\w*|minim\w*|maxim\w*|extrem\w*|critical|attain\w*|roots?|"
    r"solution|solv\w*|vanish\w*|zero|equality|obtain\w*|gives?|yields?|leads?|becomes?)\b",
    re.IGNORECASE,
)
#: a relation other than one `=` in a formula (a chain, an order, an approximation)
_OTHER_RELATION = re.compile(
    r"\\(?:le|ge|leq|geq|ne|neq|approx|sim|in|propto|equiv|coloneqq|to)(?![A-Za-z])|[<>]|:="
)


#: a sum or product without its upper bound, or an optimum (no value of its own to define)
_UNSIZED = re.compile(
    r"\\(?:sum|prod)(?![A-Za-z])(?!\s*(?:_\s*(?:\{[^{}]*\}|\\?\w+)\s*)?\^)"
    r"|\\(?:max|min|arg|sup|inf|lim)(?![A-Za-z])"
)


#: words that deny, ask or tie a formula to a condition ("nothing forces $v = u^2$",
#: "we cannot conclude", "tight iff", "exactly for", "provided")
_NOT_SO = re.compile(
    r"\b(?:iff|if\s+and\s+only|exactly|precisely|cannot|can't|nothing|no|neither|nor|whether|"
    r"provided|forces?|conclude|unrelated|independent|equal\w*|holds?|tight|true|false|"
    r"avoid\w*|tempt\w*|resist\w*|forget\w*|drop\w*|abandon\w*|rather|instead)\b",
    re.IGNORECASE,
)
#: what names a formula's left side just before it: a defining word, or "the NOUN"
#: ("with $\\bar t = ...$", "the log-variance $v = ...$", "let", "where", "set")
_NAMING = re.compile(
    r"(?:\b(?:with|where|let|set|setting|define|defines|defined|denote|denotes|write|call|put|"
    r"abbreviate|i\.e\.|namely)|\b(?:the|our|with(?:\s+(?:the|a|an))?)\s+[A-Za-z-]+"
    r"(?:\s+[A-Za-z-]+)?|,)\s*$",
    re.IGNORECASE,
)
#: a verb just before a formula: it says what something is ("the gradient is $g = ...$")
_CLAIMED = re.compile(r"\b(?:is|are|was|were|be|equals?|reads?)\s*$", re.IGNORECASE)
#: what names it just after: "$m = \\sum_i x_i$ is the number of ones"
_NAMED = re.compile(r"\$?\s*(?:is|denotes|stands\s+for|be)\s+(?:the|a|an|our)\b", re.I)
#: nouns of what a result is, not what the notes define: "its gradient is $g(w) = ...$",
#: "the optimum is $a = 5$", "the sum is $S = ...$" (claims, however they are written)
_RESULT_NOUN = re.compile(
    r"\b(?:gradients?|derivatives?|hessians?|jacobians?|sums?|means?|averages?|variances?|"
    r"answers?|results?|solutions?|estimates?|estimators?|values?|optim\w*|minim\w*|maxim\w*|"
    r"mles?|updates?|limits?|expectations?|closed[- ]forms?|posteriors?|totals?|differences?|"
    r"products?|integrals?|norms?|bounds?|roots?|outcomes?|conclusions?|best|fitted|"
    r"stationary|critical|final|new|entrop(?:y|ies)|cross-?entrop(?:y|ies)|divergences?|"
    r"information|scores?|fisher|deviations?|modes?|medians?|kl)\b",
    re.IGNORECASE,
)
#: nouns of what notes define: "the loss is $L = ...$", "the model $f(x) = ...$"
_DEFINING_NOUN = re.compile(
    r"\b(?:loss(?:es)?|objectives?|costs?|risks?|(?:log-?)?likelihoods?|models?|networks?|"
    r"nets?|layers?|units?|activations?|functions?|maps?|densit(?:y|ies)|pdfs?|pmfs?|priors?|"
    r"distributions?|laws?|logits?|penalt(?:y|ies)|regulari[sz]ers?|kernels?|"
    r"energ(?:y|ies)|encoders?|decoders?|criteri(?:on|a)|predictors?|classifiers?|"
    r"hypothes(?:is|es)|links?|elbo|predictions?|outputs?|inputs?|features?|margins?)\b",
    re.IGNORECASE,
)
#: "the loss is $L = ...$": a noun phrase (ending in "is") just before a formula
_THE_NOUN_IS = re.compile(
    r"\b(?:the|our|its|a|an)\s+(?P<phrase>[A-Za-z-]+(?:\s+[A-Za-z-]+){0,2})\s+(?:is|reads)\s*$",
    re.IGNORECASE,
)


def _result_before(before: str) -> bool:
    """Do the words of the clause just before a formula (`before`: from the sentence's start)
    name a result ("its gradient is", "the mean squared deviation from $m$ is")?"""
    clause = re.split(r"[.;:,\n]", _INLINE.sub(" ", before))[-1]
    # "the score of the first image is": one example's logit, a value given, not a result
    clause = re.sub(
        r"\bscores?\s+(?:of|for)\s+(?:the|an?|each|this|one)\b", " ", clause, flags=re.I
    )
    return _RESULT_NOUN.search(clause) is not None


#: a word just before a formula that makes it a point or a comparison, not a definition
_AT_POINT = re.compile(r"\b(?:at|to|of|than|near|from|onto|until|reaches|hits)\s*$", re.I)


def definitions_in_words(text: str) -> list[tuple[int, int]]:
    """[start, end) of the prose formulas that define a name plainly, with or without a word
    that says so: `NAME = formula` ("the log-variance $v = \\log\\sigma^2$", "with $\\bar t
    = \\sum_i w_i t_i$ the gap is"), in a sentence that neither supposes, hedges nor claims
    ("if $q = ...$", "a common mistake is $...$", "we show $...$"). A formula is a formula
    with a letter in it (a number is an example value; another bare name renames). A name
    the prose gives two different formulas gets none: which one a step means is a guess."""
    prose = _prose(text)
    variables = _variables(text)
    candidates: dict[str, list[tuple[int, int, str]]] = {}
    for m in _INLINE.finditer(prose):
        lhs, eq, rhs = m.group(1).partition("=")
        function = _function_head(lhs) if eq else None
        entries = _entries_head(lhs, rhs) if eq and not function else None
        name = function or entries or (_name(lhs) if eq else None)
        flat = re.sub(r"\{[^{}]*\}", "", rhs)  # `\sum_{i=1}` is no second `=`
        entry = "_" in lhs and not (function or entries)
        if name is None or entry or "=" in flat or _OTHER_RELATION.search(m.group(1)):
            continue  # entries (`s_k = ...`) are not one name's value
        if not _LETTERS_IN.search(rhs) or _PROSE_NAME.fullmatch(rhs):
            continue
        listing = not (function or entries) and _entries_of(rhs, _PROSE_NAME.match(lhs))
        if listing or name in variables:
            continue
        if _UNSIZED.search(rhs):
            continue  # `\sum_j`: over how many terms, the prose formula does not say
        sentence = _sentence(prose, m.start())
        words = _SETTING_UP.sub(" ", _INLINE.sub(" ", _INDEXED_EXAMPLE.sub(" datum ", sentence)))
        # ("let $q_k = e^{z_k}$ and normalise $q$": q is not that formula)
        hedges = (_HEDGED, _CLAIMING, _EXCEPT, _SUPPOSING, _WIDE, _NOT_SO, _NORMALIZED_WORDS)
        if any(r.search(words) for r in hedges) or "?" in sentence:
            continue
        before = prose[max(0, m.start() - 40) : m.start()]
        if _AT_POINT.search(before) or _CLAIM_BEFORE.search(before):
            continue  # "is smallest at $c = (a+b)/2$": where, not what c is; "note that"
        if function and re.search(rf"(?<![A-Za-z\\]){re.escape(function)}\s*\(", rhs):
            continue  # `\\sigma(z) = 1 - \\sigma(z)`: a claim about sigma, not its formula
        if _result_before(prose[_sentence_span(prose, m.start())[0] : m.start()]):
            continue  # "its gradient is $g(w) = 2w - 2$": a result claimed, not a meaning
        noun_is = _THE_NOUN_IS.search(before)
        if function or entries:
            pass  # `f(x) = ...`, `\\hat y_i = \\sigma(w x_i)`: by its form, a definition
        elif noun_is and _DEFINING_NOUN.search(noun_is["phrase"]):
            pass  # "The loss is $L = ...$": the noun names the letter
        elif _CLAIMED.search(before) or not (
            _NAMING.search(before) or _NAMED.match(prose, m.end())
        ):
            continue  # "tight iff $b = 2a$": a formula said of something, no name given
        candidates.setdefault(name, []).append((m.start(1), m.end(1), " ".join(rhs.split())))
    return sorted(
        (start, end)
        for said in candidates.values()
        if len({rhs for _, _, rhs in said}) == 1
        for start, end, _ in said
    )


def _function_head(lhs: str) -> str | None:
    """The function `f(x, y) = ...` defines (its arguments distinct bare names), or None;
    never a measure (`H(p)`, `D(p, q)`) nor a function TeX names (`\\tanh(x)`), whose value
    at names is a claim."""
    call = _CALL_OF_NAMES.fullmatch(lhs)
    if call is None or call.group(1) in _MEASURE_NAMES or _TEX_FUNCTION.match(lhs):
        return None
    args = [a.strip() for a in call.group(2).split(",")]
    if not all(_name(a) for a in args) or len(set(args)) != len(args):
        return None
    return call.group(1)


def _entries_head(lhs: str, rhs: str) -> str | None:
    """The vector `y_i = f(x_i)` defines entry by entry (`\\hat y_i = \\sigma(w x_i)`): a name
    with one index letter on the left, a formula with an entry at that index on the right;
    None otherwise (`p_i = 1/n` gives every entry one value)."""
    # the last `_` splits the name from its index (a pattern with `(.+?)` before it
    # backtracks for seconds on a long left side without one)
    head, bar, tail = lhs.rpartition("_")
    index = re.fullmatch(r"\s*\{?\s*([ijknt])\s*\}?\s*", tail)
    if not bar or index is None or (name := _name(head.strip())) is None:
        return None
    at_index = rf"_\s*\{{?\s*{index.group(1)}\s*\}}?(?![A-Za-z0-9])"
    return name if re.search(at_index, rhs) else None


#: "consider the network ...": what it considers is set up, not supposed (unlike "consider
#: the case ...")
_SETTING_UP = re.compile(
    r"\bconsider\s+(?:the|a|an|our|this)\s+(?!(?:[A-Za-z-]+\s+)?(?:case|cases|situation|limit|"
    r"example|point|scenario|regime|setting|possibility|alternative|event)\b)",
    re.IGNORECASE,
)


def _variables(text: str) -> set[str]:
    """Names the notes integrate over (`dz`, `d\\mathbf z`), draw (`z \\sim`, `y \\mid`) or
    take an entropy of (`H(Y)`): variables of their own, not values a prose formula gives.
    Any `d` before a name counts (`\\frac{d}{dx}` too): erring towards a variable only keeps
    a definition out; but not what a derivative differentiates (`\\frac{d\\ell}{d\\theta}`,
    `ds/dz`: ell and s are functions of the variable)."""
    written = [m.group(1) for m in _DIFFERENTIAL.finditer(_DIFFERENTIATED.sub(" ", text))]
    written += [m.group(1) for m in _DRAWN.finditer(text)]
    written += [a for m in _MEASURED.finditer(text) for a in re.split(r"[,;|]", m.group(1))]
    return {name for w in written if (name := _name(w.replace("\\mid", "")))}


#: the d of what a derivative differentiates: `\\frac{d\\ell}{...}`, `ds/dz`
_DIFFERENTIATED = re.compile(
    r"(?<=\\frac\{)\s*d(?=\s*\\?[A-Za-z]+\s*\})|(?<=\\dfrac\{)\s*d(?=\s*\\?[A-Za-z]+\s*\})"
    r"|(?<![A-Za-z\\])d(?=\s*\\?[A-Za-z]+\s*/\s*d\s*\\?[A-Za-z])"
)
_DIFFERENTIAL = re.compile(
    r"(?<![A-Za-z\\])d\s*((?:\\(?:mathbf|boldsymbol|bm)\s*\{?\s*)?(?:\\[A-Za-z]+|[A-Za-z])\}?)"
    r"(?![A-Za-z])"
)
#: (a name starts after no letter: a regex tried inside a 30,000-letter word is quadratic)
_DRAWN = re.compile(
    r"(?<![A-Za-z\\])((?:\\[A-Za-z]+\s*\{?\s*)?\\?[A-Za-z]+\}?)\s*\\(?:sim|mid)(?![A-Za-z])"
)
_MEASURED = re.compile(r"\b[HIh]\s*\(([^()$]{1,80})\)")


def plainly_said(text: str, at: int) -> bool:
    """Is the formula at offset `at` of `text` in a sentence that states it plainly, not as a
    warning, a claim, a supposition, a denial or hedged ("a common mistake is to write
    $...$", "avoid the temptation to define $...$", "let us forget that $...$")?"""
    sentence = _sentence(_prose(text), at)
    words = _INLINE.sub(" ", _INDEXED_EXAMPLE.sub(" datum ", sentence))
    hedges = (_HEDGED, _CLAIMING, _EXCEPT, _SUPPOSING, _NOT_SO)
    return not any(r.search(words) for r in hedges) and "?" not in sentence


def called_wrong(prose: str, at: int) -> bool:
    """Is the formula at offset `at` of the prose (`prose_text`) in a sentence that calls
    it wrong, or someone else's ("a common mistake is to write $...$", "do not write",
    "some textbooks write")?"""
    start, end = _sentence_span(prose, at)  # (a few hundred characters of a run-on one)
    sentence = prose[max(start, at - SENTENCE_REACH) : min(end, at + SENTENCE_REACH)]
    # ", not the logistic function": a contrast that names what the formula is not
    words = _NOT_WHAT.sub(" ", _INLINE.sub(" ", sentence))
    if _WRONG.search(words):
        return True
    # "some textbooks write": someone else's; "we use the textbook's convention": ours
    return _OTHERS.search(words) is not None and _OURS.search(words) is None


#: how far from a formula its sentence is read (a "sentence" of a hostile file may have
#: no end: each formula reading all of it made extraction quadratic)
SENTENCE_REACH = 600
_WRONG = re.compile(
    r"\b(?:mistakes?|errors?|bugs?|buggy|erroneous\w*|wrong\w*|incorrect\w*|typos?|misprints?|tempt\w*|"
    r"slips?|careful|beware|avoid\w*|not|never|instead|naive\w*|bogus|false|confus\w*|"
    r"forget\w*|would|could|might)\b|n't\b",
    re.IGNORECASE,
)
_NOT_WHAT = re.compile(r"(?:,|\(|--|—)\s*(?:and\s+)?not\s+(?:the|a|an)\b[^,.;)]*", re.IGNORECASE)
_OTHERS = re.compile(
    r"\b(?:textbooks?|books?|slides|authors?|students|people|some|often)\b", re.IGNORECASE
)
_OURS = re.compile(
    r"\b(?:we|I)\s+(?:use|adopt|follow|take|keep|define|write)\b|\b(?:our|its|this)\s+convention\b",
    re.IGNORECASE,
)


#: the opening of a lead-in ending in a comma: a new sentence ("For $x > -1$,") or a clause
#: joined on ("and through the sigmoid, with $p = ...$,"), not a trailing "for $x \\ge 1$,"
#: of the display before
_LEAD_WORD = re.compile(r"\s*(?:[A-Z]|(?:and|or|but|then|so|hence|thus)\b)")


def lead_in_lines(text: str) -> set[int]:
    """The prose lines of one sentence that leads into the display after it, ending in a
    colon ("For $x \\ge 1$ the bound does hold:") or, where it opens a sentence or a clause,
    in a comma ("For $x > -1$,"): what they say is of the displays after them, not before."""
    prose, rows = _prose(text), text.split("\n")
    # (a block quote's `>` is no word: "> For $z \\ge 1$:")
    lines = [re.sub(r"^\s*(?:>\s*)+", " ", row) for row in prose.split("\n")]
    rows = [re.sub(r"^\s*(?:>\s*)+", " ", row) for row in rows]
    out = set()
    for k, row in enumerate(lines):
        if not row.strip():
            continue
        chunk = []
        for j in range(k, len(lines)):
            if lines[j].strip():
                chunk.append(lines[j])
            elif rows[j].strip():  # a display: the chunk leads into it
                words = " ".join(chunk).strip()
                body = _INLINE.sub(" $ ", words)
                # one sentence, or sentences with no formula before the last ("Remark. For
                # $z \\ge 1$:")
                *before, last = re.split(r"(?<=[.!?])\s+", body)
                one = "$" not in " ".join(before)
                body = last
                if one and (
                    words.endswith(":") or (words.endswith(",") and _LEAD_WORD.match(body))
                ):
                    out.add(k + 1)
                break
    return out


def prose_lines(text: str) -> list[int]:
    """The lines (1-based, in order) that hold words outside display math."""
    return [k + 1 for k, row in enumerate(_prose(text).split("\n")) if row.strip()]


#: prose that makes the display after it an equation the notes solve ("Setting the
#: derivative to zero,", "solving for $\\lambda$", "the first-order condition is")
_SOLVING = re.compile(
    r"\b(?:sett?ing|set|equat(?:e|ing)|putting|forcing)\b[^.;]{0,80}?\b(?:to|equal\s+to)\s+"
    r"(?:zero|0|\$\s*0\s*\$)"
    r"|\bsolv(?:e|es|ing)\b|\bfirst[- ]order\s+condition|\bstationar(?:y|ity)\b"
    r"|\bsatisf(?:y|ies|ying)\b|\bvanish(?:es|ing)?\b"
    r"|\bcritical\s+point|\bat\s+the\s+(?:optimum|minimum|maximum|minimi[sz]er|maximi[sz]er)\b",
    re.IGNORECASE,
)


def solves_next(between: str) -> bool:
    """Does the last sentence of the prose before a display make the display an equation
    the notes solve (true at one point) rather than an identity?"""
    return _SOLVING.search(_lead_in(between)[-1]) is not None


def _lead_in(between: str) -> list[str]:
    """The sentences of the prose before a display (at least one, maybe empty)."""
    return re.split(r"(?<=[.!?])\s+|\n\s*\n", between.strip())


def supposes_next(between: str) -> bool:
    """Does the prose before a display state in words a condition it holds under ("If the
    label is positive, the loss is", "For a negative example,", "Assume the classes are
    balanced. Then")? Conditions in formulas ("for $x > 0$", "with $y = 1$") are read."""
    between = _FRONT_MATTER.sub("", between)  # `assume:` there is no supposition
    sentences = [s for s in _lead_in(between) if s.strip()]
    if not sentences:
        return False
    last = sentences[-1]
    if _FOLLOWING.match(_INLINE.sub(" ", last)) and len(sentences) > 1:
        return _in_words(sentences[-2])
    return _in_words(last)


_FRONT_MATTER = re.compile(r"\A\s*---\s*\n.*?\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.DOTALL)


def _in_words(sentence: str) -> bool:
    """Does a sentence suppose something in words, and in words only (a formula that
    relates, `$\\sigma_1 = \\sigma_2$`, `$y = 1$`, states it as symkl reads it; "for a random
    variable $X$" names, it supposes nothing)?"""
    if SAID_FALSE.search(_INLINE.sub(" ", sentence)):
        return False  # "one is tempted to write the following, which fails": a claim refuted
    counted = _COUNTED.search(_INLINE.sub(" ", sentence))  # "with three classes", "fair die"
    related = any(_CLAIM_RELATION.search(f) or "\\in" in f for f in _INLINE.findall(sentence))
    if related and not counted:
        return False
    sentence = _NAMED_THING.sub(" ", sentence)
    words = _INLINE.sub(" ", sentence)
    head = _INLINE.split(sentence)[0]
    # (not any "for the" or "at the origin": "the slope is largest at the origin, where it
    # equals $\\tfrac14$:" leads to a bound that holds everywhere)
    condition = _IF_WORDS.search(words)
    if condition and _WHAT_VARIES.search(re.split(r"[,;.]", words[condition.end() :])[0]):
        condition = None  # "if $p$ is fixed and we look for the gradient in $q$": no case
    supposes = (
        condition or counted or _EXAMPLE_OPENING.match(words) or _CONDITION_OPENING.match(head)
    )
    if not supposes or _EVERY.search(words):
        return False
    # "Suppose $x$ is negative": a sign said of letters is read (`_signs`) like a formula
    return _says_more(_INLINE.sub(" ", _signs_said(sentence)[1]))


#: words that call a claim false ("one is tempted to write", "fails as soon as")
SAID_FALSE = re.compile(
    r"\b(?:fails?|false|wrong|tempt\w*|mistakes?|errors?|incorrect\w*|slips?|typos?|bogus)\b",
    re.IGNORECASE,
)
#: a number or a particular law in words ("three classes", "a temperature of two", "unit
#: variance", "a fair die", "six-sided")
_COUNTED = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twice|unit|fair|standard|balanced|"
    r"\d+)(?:[- ]sided)?\s+(?:[a-z]+\s+)?(?:classes|outcomes|faces|sides|labels|variance|"
    r"temperature|die|dice|coins?|normal|categories|symbols|values|prior|samples|points)\b"
    r"|\b(?:temperature|variance|scale|weight|prior|rate|bias)\s+(?:of|to|at)\s+"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|one)\b",
    re.IGNORECASE,
)
#: "for a random variable $X$", "for a distribution $p$ on": what a letter is
_NAMED_THING = re.compile(
    r"\b(?:for|with|given)\s+(?:a|an|the|any|every|each|some)\s+(?:[\w-]+\s+){0,3}\$[^$]*\$",
    re.IGNORECASE,
)
_IF_WORDS = re.compile(r"\b(?:if|when|whenever|assume|assuming|suppose|supposing)\b", re.IGNORECASE)
#: words of a supposition that says what varies or what things are called, not which
#: case holds ("if $p$ is fixed", "if we refer to the weights as $w$")
_WHAT_VARIES = re.compile(
    r"\b(?:fixed|held|constant|kept|known|treated|frozen|refer\w*|denot\w*|call\w*|writ\w*|"
    r"nam\w*|us(?:e|es|ing))\b",
    re.IGNORECASE,
)
_EXAMPLE_OPENING = re.compile(r"\W*(?:e\.\s?g\.|for\s+(?:example|instance))", re.IGNORECASE)


#: a relation between two sides of a prose claim, at the top level of its formula
_CLAIM_RELATION = re.compile(r"\\(?:le|ge|leq|geq|approx|leqslant|geqslant)(?![A-Za-z])|[<>=]")
#: what makes a formula something other than a claim (a range, a law, a limit, a definition)
_NO_CLAIM = re.compile(
    r"\\(?:in|notin|sim|propto|equiv|coloneqq|triangleq|to|mapsto|rightarrow|ne|neq|"
    r"implies|iff|Rightarrow|Leftrightarrow|perp|subset|subseteq|forall|exists)(?![A-Za-z])"
    r"|:=|\\not|!="
    r"|(?<![A-Za-z\\])[Oo]\s*(?:\\left\s*)?\(|\\mathcal\s*\{?\s*O\b"  # big O: an order, no value
)
#: `\sum_{k=1}^K y_k = 1`: what a vector is, said in passing
_SUM_OF_ENTRIES = re.compile(
    r"\s*\\sum\s*(?:_\s*(?:\{[^{}]*\}|\w))?\s*(?:\^\s*(?:\{[^{}]*\}|\w))?\s*"
    r"(?:\\[A-Za-z]+\s*\{?\s*)?\\?[A-Za-z]+\s*\}?\s*_\s*(?:\{[^{}]*\}|\w)\s*=\s*1\s*"
)
#: a side that is only a number or a name: with another such, a range or a value
_PLAIN_SIDE = re.compile(
    r"\s*[-+]?\s*(?:\d+(?:\.\d*)?|\.\d+|\\[dt]?frac\s*\{?\s*\d+\s*\}?\s*\{?\s*\d+\s*\}?|"
    r"\d+\s*/\s*\d+|\\infty)\s*"
)
#: `f(x) = ...`: a function's definition (its own readers take it), not a claim
_CALL_OF_NAMES = re.compile(
    r"\s*(?:\\(?:mathrm|operatorname|mathcal|text)\s*\{\s*)?\\?([A-Za-z]+)\s*\}?"
    r"(?:_\s*(?:\{[^{}]*\}|\\?\w+))?\s*(?:\\left)?\(([^()]*)(?:\\right)?\)\s*"
)
#: a function TeX names (`\\tanh`, `\\log`): its value at names is a claim, not a definition
_TEX_FUNCTION = re.compile(
    r"\s*\\(?:tanh|sinh|cosh|coth|log|ln|lg|exp|sin|cos|tan|arctan|arcsin|arccos)(?![A-Za-z])"
)
#: measures whose value at names is a claim (or a definition checked against the usual one)
_MEASURE_NAMES = frozenset({"H", "I", "D", "KL", "CE", "JS", "JSD"})
#: words right before a formula that make it a condition, a value or a definition
_CONDITION_BEFORE = re.compile(
    r"\b(?:if|iff|when|whenever|unless|where|with|let|for|at|set|setting|assume|assuming|"
    r"suppose|supposing|given|define|defining|denote|write|call|take|taking|put)\s*$",
    re.IGNORECASE,
)
#: a sentence that supposes or changes the setting: its formulas with letters hold under
#: a condition it states ("since the model now equals the truth")
_SUPPOSES = re.compile(
    r"\b(?:if|iff|when|whenever|unless|suppose|supposing|assume|assuming|consider|"
    r"considering|given|let|with|where|case|cases|say|solv\w*|setting|stationary|"
    r"optim\w*|minimi[sz]\w*|maximi[sz]\w*|limit|large|small|approximately|roughly|"
    r"near|close|now|replac\w*|instead|switch\w*|chang\w*|new|satisf\w*|vanish(?:es|ed)?|"
    r"attain\w*|achiev\w*|roots?)\b",
    re.IGNORECASE,
)


#: a function or a measure that "satisfies" a formula: an identity it obeys, not a
#: condition on a point ("the sigmoid satisfies", "KL divergence satisfies")
_IDENTITY_SATISFIES = re.compile(
    r"\b(?:sigmoids?|softmax|logistic(?:\s+function)?|tanh|entrop(?:y|ies)|cross-?entropy|"
    r"divergences?|KL|logarithms?|logs?|exponentials?|functions?|softplus|log-?sum-?exp)"
    r"\s+(?:also\s+|always\s+|then\s+)?satisf(?:y|ies)\b",
    re.IGNORECASE,
)


def _top_level(formula: str) -> str:
    """The formula with what is inside braces and brackets blanked (offsets kept)."""
    out, depth = [], 0
    for ch in formula:
        depth += ch in "{(["
        out.append(ch if depth == 0 else " ")
        depth -= ch in "})]" and depth > 0
    return "".join(out)


#: the case of equality said after an inequality ("with equality iff", "with equality
#: exactly when")
_EQUALITY_CASE = re.compile(
    r"\(?\s*,?\s*with\s+equality\s+(?:if|iff|when|exactly|precisely|only)\b[^.;]*",
    re.IGNORECASE,
)


#: words right before a formula that make it a claim, whatever its form ("note that
#: $\\sigma(z) = ...$": not a definition of sigma)
_CLAIM_BEFORE = re.compile(
    r"\b(?:note|recall|remember|observe|notice|check|verify)\s+that\s*$"
    r"|\b(?:we\s+have|we\s+get|since|because|thus|hence|therefore|so)\s*,?\s*$",
    re.IGNORECASE,
)
#: "write" right before a formula
_WRITE_BEFORE = re.compile(r"\bwrit(?:e|es|ing)\s*$", re.IGNORECASE)


def claims_in_words(text: str) -> list[tuple[int, int]]:
    """[start, end) of the prose formulas that state a claim: a relation between two
    expressions (`$\\sigma(-z) = 1 - \\sigma(z)$`, `$D(p\\|q) \\ge 0$`, `$-\\log 0.8 \\approx
    0.2231$`), read as a display would be. Not a range or a value (`$0 < p, q < 1$`, `$\\hat y =
    0.8$`), a name's or a function's definition (`$x = ...$`, `$f(x) = ...$`: the readers of
    definitions take those), a formula right after a word that makes it a condition ("if",
    "where", "for", "setting"), nor one with letters in a sentence that supposes, solves or
    approximates (the claim holds only under what the sentence says). A formula that is
    said to be wrong is still read: the notes' claim is what it writes."""
    prose = join_table_cells(_prose(text))
    out = []
    for m in _INLINE.finditer(prose):
        formula = m.group(1)
        flat = _top_level(formula)
        listed = "," in re.sub(r"\\[,;:!]", "  ", flat)  # a list, not a thin space
        # (`\\mid` in a bracket conditions, `H(X \\mid Y)`; outside one it says "such that")
        bar = re.search(r"\\mid(?![A-Za-z])", flat)
        if _NO_CLAIM.search(formula) or bar or "&" in flat or listed or "\\\\" in formula:
            continue
        if _SUM_OF_ENTRIES.fullmatch(formula):
            continue  # `$\\sum_k y_k = 1$`: a stipulation (`sums_to_one_in_words`)
        cuts = [c.span() for c in _CLAIM_RELATION.finditer(flat)]
        if not cuts:
            continue
        edges = [0, *[x for span in cuts for x in span], len(formula)]
        sides = [formula[edges[k] : edges[k + 1]] for k in range(0, len(edges), 2)]
        if any(not side.strip() for side in sides):
            continue
        plain = [bool(_PLAIN_SIDE.fullmatch(side) or _name(side.strip())) for side in sides]
        named = _name(sides[0].strip()) is not None
        numbers = [side for side in sides[1:] if not _name(side.strip())]
        # `$\\bar x = 15/4 = 3.75$`: the name's value, then a claim between two numbers
        worked = named and len(sides) >= 3 and len(numbers) == len(sides) - 1
        worked = worked and len({" ".join(n.split()) for n in numbers}) > 1
        if not worked and (all(plain) or (named and (len(sides) < 3 or all(plain[1:])))):
            continue  # a range, a value, a name's definition
        # `$h = \\frac12\\ln(2\\pi e) \\approx 1.4189$`: the claim after the name's value
        tail = cuts[0][1] if named else 0
        formula = formula[tail:]
        call = _CALL_OF_NAMES.fullmatch(sides[0])
        measure = call is not None and call.group(1) in _MEASURE_NAMES  # H(p) = ...: a claim
        # `$\\tanh(x) = 2\\sigma(2x) - 1$`: TeX's own functions are no one's to define
        measure = measure or _TEX_FUNCTION.match(sides[0]) is not None
        before = prose[max(0, m.start() - 24) : m.start()]
        if call and not measure and flat[cuts[0][0] : cuts[0][1]] == "=":
            args = [a for a in re.split(r"[,;|]", call.group(2)) if a.strip()]
            if args and all(_name(a.strip()) for a in args) and not _CLAIM_BEFORE.search(before):
                continue  # f(x) = ..., the sigmoid $\sigma(z) = ...$: a definition
        if _CONDITION_BEFORE.search(before) and not (
            _WRITE_BEFORE.search(before) and called_wrong(prose, m.start())
        ):
            continue  # ("a common bug is to write $...$": what it writes is a claim)
        begin, end = _sentence_span(prose, m.start())
        words = _INLINE.sub(" ", prose[begin:end])
        # (pi may be a prior or a weight here: "Assume the classes are balanced. Then $...$")
        letters = re.search(r"[A-Za-z]", _NUMERIC_WORDS.sub("", formula))
        # ("..., with equality iff $p = q$" qualifies an inequality, it supposes nothing)
        words = _EQUALITY_CASE.sub(" ", words)
        # ("the sigmoid satisfies $...$" states an identity; "$w^*$ satisfies" a condition)
        words = _IDENTITY_SATISFIES.sub(" ", words)
        if letters and (_SUPPOSES.search(words) or "?" in words):
            continue
        letters = letters or re.search(r"\\pi(?![A-Za-z])", formula)
        # the words of its clause, since the formula before: "for the fair coin, $...$"
        clause = _INLINE.split(prose[begin : m.start()])[-1]
        variables = re.search(r"[A-Za-z]", _CALLED.sub("", _NUMERIC_WORDS.sub("", formula)))
        variables = variables or re.search(r"\\pi(?![A-Za-z])", formula)
        # a sentence that opens with a condition in words ("For binary problems,"), not in
        # a formula ("With a prior of $\\pi = 0.2$,": read as that value), nor "for every"
        head = _INLINE.search(prose, begin, m.end())
        opening = _CONDITION_CLAUSE.match(prose[begin : head.start()])
        opening = opening and not _VALUE.fullmatch(head.group(1)) and not _EVERY.search(words)
        if variables and (PARTICULAR_CASE.search(clause) or opening):
            continue  # (`\sigma(0.1) - 1 \approx -0.475` "in our example" is a number)
        if letters and _FOLLOWING.match(words) and _supposed_before(prose, begin):
            continue  # "Assume the label is positive. Then $...$": under that assumption
        out.append((m.start(1) + tail, m.end(1)))
    return out


#: a sentence about a particular case ("for the fair coin", "for a negative example",
#: "e.g.", "at score zero"): its formulas with letters may hold only there
PARTICULAR_CASE = re.compile(
    r"\bfor\s+(?:a|an|the|this|that|these|those|our|such|one)\b|\be\.\s?g\b"
    r"|\b(?:example|instance)\b"
    r"|\bat\s+(?:(?:a\s+)?(?:score|logit|input|value|temperature|point)\s+(?:of\s+)?)?"
    r"(?:zero|one|two|the\s+origin|the\s+point)\b"
    # "we set it to one", "fix the temperature at two", "with unit variance"
    r"|\b(?:set|fix|choose|chose|take|put)\w*\b[^.;]{0,40}?\b(?:to|at|as)\s+"
    r"(?:zero|one|two|three|four|five|ten|unity|a\s+half|one\s+half)\b"
    r"|\b(?:unit|zero)\s+(?:temperature|variances?|scale|mean|means|norm)\b",
    re.IGNORECASE,
)
#: a clause that opens with a condition: "For binary problems, $...$", "At unit
#: temperature the softmax is $...$", "With a standard normal $q$, ..." (not "for all",
#: "in general", "in fact")
_CONDITION_CLAUSE = re.compile(
    r"\W*(?:for|at|with|under|in|on|given)\s+(?!(?:all|every|any|each|general|generic|"
    r"arbitrary|fact|practice|short|words|terms|other|turn|summary|particular|nats|bits|"
    r"this\s+notation|"
    r"that\s+notation|these\s+definitions)\b)(?=[A-Za-z])",
    re.IGNORECASE,
)
#: the name of a function applied (`H(0.1)`, `\\sigma'(0)`), not a variable of a claim
_CALLED = re.compile(r"\\?[A-Za-z]+'*\s*(?=\()")
#: a display's lead-in that opens with a condition ending at a comma ("For a negative
#: example,", "With balanced classes,"; not "For the normaliser alone the chain rule")
_CONDITION_OPENING = re.compile(
    _CONDITION_CLAUSE.pattern + r"(?!this\s+(?:section|chapter|lecture))[^,.;:$]{3,60},",
    re.IGNORECASE,
)
_EVERY = re.compile(r"\bfor\s+(?:all|every|any|each)\b", re.IGNORECASE)
#: a sentence that goes on from the one before ("Then", "In that case")
_FOLLOWING = re.compile(
    r"\s*(?:then|so|hence|thus|therefore|in\s+(?:that|this|which)\s+case|it\s+follows)\b",
    re.IGNORECASE,
)


def _supposed_before(prose: str, begin: int) -> bool:
    """Does the sentence before offset `begin` suppose something ("Assume the label is
    positive.")? Not one that only gives letters values ("Let $t$ be one fifth.", "Take $t
    = 0.2$."): a claim is read at those values (`values_in_words`)."""
    if begin <= 1:
        return False
    start, end = _sentence_span(prose, begin - 2)
    sentence = prose[start:end]
    rest = _GIVEN_VALUE.sub(" ", sentence)
    rest = _INLINE.sub(lambda m: " " if _VALUE.fullmatch(m.group(1)) else m.group(0), rest)
    if len(re.findall(r"[A-Za-z]+|\$", rest)) <= 2 and rest != sentence:
        return False
    # ("Consider the network $h = ...$ with loss $L = ...$.": it sets up what it names)
    sentence = _WITH_NAMED.sub(" ", _SETTING_UP.sub(" ", sentence))
    words = _INLINE.sub(" ", sentence)
    if not (_SUPPOSES.search(words) or PARTICULAR_CASE.search(words)):
        return False
    # "Let $Y \\sim \\mathrm{Ber}(\\theta)$ with $\\theta \\in [0, 1]$.": what it supposes is in
    # formulas, which symkl reads; "Assume the label is positive." is in words
    return _says_more(words) or not _INLINE.search(sentence)


#: "with loss $L = ...$", "with the weights $w = ...$": a name given its formula
_WITH_NAMED = re.compile(
    r"\bwith\s+(?:(?:the|a|an|its|our)\s+)?(?:[A-Za-z-]+\s+){0,2}(?=\$\s*\\?[A-Za-z]+[^$=]{0,30}=)",
    re.IGNORECASE,
)


def _says_more(words: str) -> bool:
    """Do the words (formulas taken out) say more than set a formula up ("Let", "with")?"""
    return any(not _SETTING_WORDS.fullmatch(w) for w in re.findall(r"[A-Za-z]{2,}", words))


#: words of a sentence that sets a formula up and says nothing more
_SETTING_WORDS = re.compile(
    r"let|assum\w*|suppos\w*|consider|given|take|with|and|the|be|is|are|where|if|now|here|"
    r"for|of|in|we|our|write|define|denote|call|set",
    re.IGNORECASE,
)


#: commands that write numbers, not letters (`\frac12`, `\log 2`, `\ln 0.8`)
_NUMERIC_WORDS = re.compile(
    r"\\(?:[dt]?frac|left|right|cdot|times|log|ln|exp|sqrt|pi|approx|le|ge|leq|geq|[,;!]|"
    r"q?quad|mathrm\s*\{\s*e\s*\}|operatorname)(?![A-Za-z])|_\s*\{?\s*\d+\s*\}?|\be\b"
)


#: `\mathcal{N}(\mu, \sigma^2)` in a prose formula: sigma is a standard deviation
_NORMAL_SCALE = re.compile(
    r"\\mathcal\s*\{?\s*N\s*\}?\s*(?:\\left\s*)?\(\s*[^,()$]+,\s*"
    r"((?:\\[A-Za-z]+|[A-Za-z])(?:_\s*\{?\s*\w+\s*\}?)?)\s*\^\s*\{?\s*2\s*\}?\s*(?:\\right\s*)?\)"
)


def normal_scales_in_words(text: str) -> list[tuple[int, str, tuple]]:
    """(offset, letter, bounds) for each scale the prose gives a normal law
    (`The log density of $\\mathcal{N}(\\mu, \\sigma^2)$ is`): a standard deviation,
    positive from there on."""
    prose = _prose(text)
    return [
        (m.start() + k.start(), name, _SIGN_BOUNDS["positive"])
        for m in _INLINE.finditer(prose)
        for k in _NORMAL_SCALE.finditer(m.group(1))
        if (name := _name(k.group(1)))
    ]


#: `\mathrm{Ber}(p)`, `\text{Bernoulli}(q)`, `Bern(\theta)`: a Bernoulli law's parameter
_BERNOULLI = re.compile(
    r"(?<![A-Za-z])(?:Ber|Bern|Bernoulli)\s*\}?\s*(?:\\left\s*)?\(\s*"
    r"((?:\\[A-Za-z]+|[A-Za-z])(?:_\s*\{?\s*\w+\s*\}?)?)\s*(?:\\right\s*)?\)"
)


def bernoulli_parameters(text: str) -> list[tuple[int, str]]:
    """(offset, letter) where the notes make a letter a Bernoulli law's parameter (`$D(p\\|q)$
    between $\\mathrm{Ber}(p)$ and $\\mathrm{Ber}(q)$`): a number in (0, 1) from there on,
    and in its section a measure of it is the measure of the law (p, 1 - p)."""
    prose = _prose(text)
    out = [
        # said in a sentence: from its end, after what else it says of the letter ("two
        # coins, $\\mathrm{Ber}(p)$ ..., with $p = 0.2$")
        (_sentence_span(prose, m.start())[1] if prose[m.start()] != " " else m.start(), name)
        for m in _BERNOULLI.finditer(text)
        if (name := _name(m.group(1)))
    ]
    # "The binary entropy is $H(\\theta) = ...$": theta is a coin's parameter from there
    out += [(m.start(), name) for m in _BINARY_ENTROPY_OF.finditer(prose) if (name := _name(m[1]))]
    return sorted(out)


#: the binary entropy named at a letter ("the binary entropy $H(\\theta)$", "binary entropy
#: function is $H(p) = ...$")
_BINARY_ENTROPY_OF = re.compile(
    r"\bbinary\s+entropy(?:\s+function)?\s*(?:is|,|of)?\s*\$\s*H\s*(?:\\left\s*)?\(\s*"
    r"((?:\\[A-Za-z]+|[A-Za-z])(?:_\s*\{?\s*\w+\s*\}?)?)\s*(?:\\right\s*)?\)",
    re.IGNORECASE,
)


#: words that give a letter another law or shape than the one it had ("replace $B$ by the
#: roll of a die", "take $X$ uniform instead", "the output $p$ has $K$ entries")
_LAW_CHANGED = re.compile(
    r"\b(?:replac\w*|instead|redefin\w*|switch\w*|chang\w*|becomes?|uniform\w*|"
    r"exponential\w*|poisson|binomial|geometric|die|dice|roll\w*|toss\w*|number\s+of|"
    r"entries|components|vector|per\s+class|arbitrary|whatever|no\s+(?:distribution|law)|"
    r"any\s+(?:distribution|law)|not\s+assumed)\b",
    re.IGNORECASE,
)


def laws_changed_in_words(text: str) -> list[tuple[int, str]]:
    """(offset, letter) where a sentence speaks of a letter alone (`$X$`) in words that give
    it another law or shape: a law the prose gave it before (`X \\sim N(0, 1)`, `Ber(p)`)
    no longer holds from there."""
    prose = _prose(text)
    out = []
    for start, sentence in _sentences(prose):
        if not _LAW_CHANGED.search(_INLINE.sub(" ", sentence)):
            continue
        for m in _INLINE.finditer(sentence):
            if _SINGLE.fullmatch(m.group(1)) and (name := _name(m.group(1))):
                out.append((start + m.start(), name))
    return out


#: `\int ... dz`, `\int ... \mathrm{d}\mathbf{z}`: the letter an integral runs over
_INTEGRATED = re.compile(
    r"(?:\\mathrm\{d\}|\\operatorname\{d\}|(?<![A-Za-z\\])d)\s*"
    r"(?:\\(?:mathbf|bm|boldsymbol)\s*\{\s*)?([a-z])(?![A-Za-z])"
)
_CONTINUOUS = re.compile(r"\b(?:continuous|differential entropy|Lebesgue)\b", re.I)


def continuous_letters(text: str) -> frozenset[str]:
    """The letters of variables the notes make continuous: integrated over anywhere (`\\int
    ... dz`), or said continuous in a sentence that writes them ("$z$ is a continuous
    latent variable", "$X$ and $Z$ continuous": x and z); all value letters where the notes
    speak of differential entropy. Densities at them are densities, not probabilities."""
    out = set()
    for m in re.finditer(r"\\i+nt(?![A-Za-z])", text):
        end = text.find("$", m.end())
        span = text[m.end() : end if end != -1 else m.end() + 400][:400]
        out |= set(_INTEGRATED.findall(span))
    prose = _prose(text)
    if re.search(r"\bdifferential entropy\b", prose, re.I):
        out |= set("xyzuvw")
    for _, sentence in _sentences(prose):
        if _CONTINUOUS.search(_INLINE.sub(" ", sentence)):
            for m in _INLINE.finditer(sentence):
                out |= {
                    c.lower() for c in re.findall(r"(?<![A-Za-z\\])([A-Za-z])(?![A-Za-z])", m[1])
                }
    return frozenset(out & set("xyzuvw"))


#: `$X \sim \mathcal{N}(\mu, \sigma^2)$`, `$X \sim \operatorname{Bernoulli}(p)$`: a random
#: variable's law with its parameters
_RANDOM_LAW = re.compile(
    r"^\s*([A-Z])\s*\\sim\s*(?:\\(?:mathcal|mathrm|operatorname|text|textrm)\s*\{?\s*)?"
    r"(?P<law>N|Ber|Bern|Bernoulli)\s*\}?\s*(?:\\left\s*)?\((?P<args>[^()]*)(?:\\right\s*)?\)"
    r"\s*[.,;]?\s*$"
)


#: E written in a prose formula as a name of its own: `$E > 1$`, `$E(X) = \\frac12 kX^2$`,
#: `$\\mathrm{E}(W) = (W - 3)^2$`, a bare `$E$` (not `\\mathbb{E}`, not `E[X]`)
_E_OF_ITS_OWN = re.compile(
    r"^\s*(?:\\mathrm\s*\{E\}|\\operatorname\s*\{E\}|\\text\s*\{E\}|E)\s*"
    r"(?:(?:\\left\s*)?\([^()]*\)\s*)?(?:=|:=|>|<|\\ge|\\le|\\in\b|\\colon|:|$)"
)


def e_named_otherwise(text: str) -> bool:
    """Does the prose write E as a name of its own (an energy, an error, a modulus)? Then
    E(X) is not read as an expectation under a law the notes do not give."""
    return any(_E_OF_ITS_OWN.search(m.group(1)) for m in _INLINE.finditer(_prose(text)))


#: words in a law's sentence that make it another than the standard one: other values,
#: another parameter, a condition or a truncation
_OTHER_LAW = re.compile(
    r"\b(?:values?|takes?|support\w*|probability\s+that|condition\w*|truncat\w*|given|"
    r"restrict\w*|failure)\b|\\\{|\\pm",
    re.IGNORECASE,
)


def random_laws_in_words(text: str) -> list[tuple[int, str, str, tuple[str, ...]]]:
    """(offset, variable, law, parameters as written) for each plain prose formula that
    gives a random variable a normal or a Bernoulli law (`With $X \\sim
    \\operatorname{Bernoulli}(p)$`): `E[f(X)]` and `Var(X)` are then that law's; and
    ("derived", (formula,)) for a variable the same sentence makes a function of it
    (`and $Y = 3X - 1$`)."""
    prose = _prose(text)
    out = []
    for m in _INLINE.finditer(prose):
        law = _RANDOM_LAW.match(m.group(1))
        if law is None or not _plain(prose, m.start()):
            continue
        args = tuple(a.strip() for a in law["args"].split(","))
        kind = "normal" if law["law"] == "N" else "bernoulli"
        start, end = _sentence_span(prose, m.start())
        if _OTHER_LAW.search(prose[start:end]):
            continue  # on {-1, +1}, "the probability that C = 0", "conditioned on T > 0"
        if len(args) == (2 if kind == "normal" else 1) and all(args):
            out.append((m.start(), law.group(1), kind, args))
            # "with $X \sim ...$ and $Y = 3X - 1$": Y is a function of X
            end = _sentence_span(prose, m.start())[1]
            for d in _INLINE.finditer(prose, m.end(), end):
                found = re.fullmatch(r"\s*([A-Z])\s*=([^=<>]+)", d.group(1))
                if found and re.search(rf"(?<![A-Za-z\\]){law.group(1)}(?![A-Za-z])", found[2]):
                    out.append((d.start(), found[1], "derived", (found[2].strip(" .,;"),)))
    return out


#: `x = (1, 2, 4)`: a vector's entries, as numbers
_NUMBER_VECTOR = re.compile(
    r"\s*(.+?)\s*=\s*(?:\\left\s*)?[(\[]\s*-?[\d.]+(?:\s*,\s*-?[\d.]+)+\s*(?:\\right\s*)?[)\]]\s*"
)


def vectors_in_words(text: str) -> dict[str, int]:
    """Name -> the first line where a prose formula gives a vector's entries as numbers
    (`For the toy data $x = (1, 2, 4)$`, `$z_1 = 2$`): steps about it may be about those
    entries."""
    prose = _prose(text)
    out: dict[str, int] = {}
    for m in _INLINE.finditer(prose):
        found = _NUMBER_VECTOR.fullmatch(m.group(1)) or _NUMBER_ENTRY.fullmatch(m.group(1))
        if found and (name := _name(found[1])):
            out.setdefault(name, prose.count("\n", 0, m.start()) + 1)
    return out


#: `p = (0.5, 0.25, 0.25)`, `q = \\left[\\tfrac13, \\tfrac13, \\tfrac13\\right]`: a name and
#: the entries listed (parsed one by one by `_worded_number`)
_LISTED_VECTOR = re.compile(
    r"\s*(?P<name>[^=()\[\]]+?)\s*=\s*(?:\\left\s*)?[(\[]"
    r"(?P<entries>[^()\[\]]*(?:,[^()\[\]]*)+)(?:\\right\s*)?[)\]]\s*(?:\^\s*\{?\s*(?:T|\\top)\s*\}?)?\s*"
)


def vector_values_in_words(text: str) -> dict[str, list[tuple[int, int, tuple]]]:
    """Name -> [(line, end, entries)] where a prose formula lists a vector's entries as
    numbers (`Take $p = (0.5, 0.25, 0.25)$`): a step right after that computes a number from
    the vector is read at those entries. `end` is the offset where the sentence that says it
    ends: only a display it leads into (a word or two between, "Then") is about them, not
    one after other prose ("Now let $p$ be the law of a fair die."), nor after a
    supposition ("If we had $p = (0.9, 0.1)$")."""
    prose = _prose(text)
    out: dict[str, list[tuple[int, int, tuple]]] = {}
    for m in _INLINE.finditer(prose):
        begin, stop = _sentence_span(prose, m.start())
        words = _INLINE.sub(" ", prose[begin : m.start()])
        if _NOT_NOW.search(words) or _result_before(prose[begin : m.start()]):
            continue  # "unlike $p = (1, 0)$", "the optimum is $w = (1, 2)$"
        whole = _INLINE.sub(" ", prose[begin:stop])
        if any(r.search(whole) for r in (_SUPPOSING, _HEDGED, _NOT_SO)):
            continue  # "If we had $p = (0.9, 0.1)$, ...": not the p of what follows
        if not (found := _LISTED_VECTOR.fullmatch(m.group(1))) or not (name := _name(found[1])):
            continue
        entries = tuple(_worded_number(e.strip()) for e in found["entries"].split(","))
        if None not in entries:
            line = prose.count("\n", 0, m.start()) + 1
            out.setdefault(name, []).append((line, stop, entries))
    return out


def leads_into(text: str, end: int, at: int) -> bool:
    """Does the prose from offset `end` (a sentence's end) to `at` (a display's step) say
    nothing more than a word or two ("Then", "So")?"""
    between = _INLINE.sub(" $ ", _prose(text)[end:at])
    return "$" not in between and len(re.findall(r"[A-Za-z]+", between)) <= 3


#: `A, B \\in \\mathbb{R}^{d \\times d}`: matrices
_MATRIX_SPACE = re.compile(
    r"((?:\\?[A-Za-z]+\}?(?:_\s*\{?\w+\}?)?\s*,\s*)*\\?[A-Za-z]+\}?(?:_\s*\{?\w+\}?)?)\s*"
    r"\\in\s*\\mathbb\s*\{?\s*[RC]\s*\}?\s*\^\s*\{[^{}]*\\times[^{}]*\}"
)
#: matrices by their use: a capital as a normal's second parameter (its covariance; a
#: number's variance is written in lower case), an identity with its size (`I_d`, `I_n`)
_MATRIX_BY_USE = re.compile(
    r"\\mathcal\s*\{?\s*N\s*\}?\s*(?:\\left)?\(\s*[^,()]*,\s*"
    r"(?P<cov>\\(?:Sigma|Lambda|Gamma|Psi|Omega)|[A-Z]|\\(?:mathbf|boldsymbol|bm)\s*\{\s*[A-Z]\s*\})"
    r"(?:\s*_\s*\{?\w+\}?)?\s*(?:\\right)?\)"
    r"|(?<![A-Za-z\\])(?P<identity>I)\s*_\s*\{?\s*[dnkmDNKM]\s*\}?"
)
#: a capital letter (`A`, `W_1`, `\\Sigma`, `\\mathbf{B}`) a sentence calls a matrix
_CAPITAL = re.compile(
    r"\s*(?:\\(?:mathbf|boldsymbol|bm)\s*\{\s*)?(?:[A-Z]|\\(?:Sigma|Lambda|Gamma|Phi|Psi|Omega))"
    r"\s*\}?\s*(?:_\s*\{?\w+\}?)?\s*"
)
_MATRIX_WORD = re.compile(
    r"\bmatri(?:x|ces)\b|\bcovariances?\b|\bJacobians?\b|\b(?:invertible|non-?singular)\b",
    re.IGNORECASE,
)


#: words that give a matrix or vectors a property symkl does not apply to their entries
_KIND_OF = re.compile(
    r"\b(?:laplacian|correlation|covariance|precision\s+matri\w+|gram|hessian|symmetric|"
    r"skew[- ]symmetric|orthogonal|orthonormal|perpendicular|unit\s+(?:vectors?|norm|length)|"
    r"normali[sz]ed|(?:positive|negative)[- ](?:semi-?)?definite|(?:semi-?)?definite|"
    r"stochastic|permutation|projection|idempotent|identity\s+matri\w+|diagonal|triangular|"
    r"adjacency|transition\s+matri\w+|rotation|unitary|toeplitz|circulant)\b|\\perp\b",
    re.IGNORECASE,
)


#: letters whose meaning the notation conventions read (the imaginary unit, Euler's e, pi)
_NOTATION_LETTERS = frozenset({"i", "j", "e", "pi"})
#: a letter given a meaning in words only ("let $\\bar x$ denote the sample mean")
_DENOTES = re.compile(r"\s*\b(?:denot(?:e|es|ing)|stands?\s+for)\b", re.IGNORECASE)


def kinds_in_words(text: str) -> dict[str, tuple[int, str]]:
    """Name -> (the first line, the word) where a sentence gives a letter it names a
    property of a kind of matrix or vector ("let $L$ be the Laplacian of a graph", "$R$ is
    a correlation matrix", "$\\mathbf{u} \\perp \\mathbf{v}$"): symkl samples the entries
    of a table or a vector freely, so a property of its kind is not applied."""
    out: dict[str, tuple[int, str]] = {}
    prose = _prose(text)
    for start, sentence in _sentences(prose):
        words = _INLINE.sub(" ", sentence)
        found = _KIND_OF.search(words) or _KIND_OF.search(sentence) or _DENOTES.search(words)
        if found is None:
            continue
        line = prose.count("\n", 0, start) + 1
        denotes = found.re is _DENOTES  # a meaning in words: of a bare name only
        for m in _INLINE.finditer(sentence):
            span = m.group(1)
            if denotes and ("=" in span or not _DENOTES.match(sentence, m.end() + 1)):
                # `let $e = y - \\hat y$ denote the residual`: a formula says it; only the
                # name the verb follows is given a meaning
                continue
            for part in re.split(r",|\\perp|\\in\b|=", span):
                if (name := _name(part)) and not (denotes and name in _NOTATION_LETTERS):
                    out.setdefault(name, (line, "" if denotes else found.group(0)))
    return out


#: a transposed or inverted capital in a formula (`X^T X`, `(X^\\top X)^{-1}`)
_TRANSPOSED = re.compile(
    r"[A-Z]\s*\}?\s*\^\s*\{?\s*(?:T\b|\\top|\\intercal)|\)\s*\^\s*\{\s*-1\s*\}"
)


#: a capital defined by a formula with a transposed or inverted capital
_MATRIX_DEFINED = re.compile(
    r"(?<![A-Za-z\\])([A-Z])\s*(?::=|=)\s*[^=\n$]*?"
    r"(?:[A-Z]\s*\}?\s*\^\s*\{?\s*(?:T\b|\\top|\\intercal)|\)\s*\^\s*\{\s*-1\s*\})"
)


def matrices_in_words(text: str) -> dict[str, int]:
    """Name -> the first line where the notes make a letter a matrix (`$A, B \\in
    \\mathbb{R}^{d \\times d}$`, "the covariance matrix $\\Sigma$"): symkl reads letters as
    numbers, which commute and have no determinant."""
    out: dict[str, int] = {}
    for m in _MATRIX_SPACE.finditer(text):
        for part in m.group(1).split(","):
            # a letter or a Greek capital, not `\\begin{bmatrix} ... \\end{bmatrix}`'s name
            if (name := _name(part)) and (len(name) == 1 or part.strip().startswith("\\")):
                line = text.count("\n", 0, m.start()) + 1
                out[name] = min(out.get(name, line), line)
    for m in _MATRIX_BY_USE.finditer(text):  # `\\mathcal{N}(\\boldsymbol\\mu, \\Sigma)`, `I_d`
        if name := _name(m.group("cov") or m.group("identity")):
            line = text.count("\n", 0, m.start()) + 1
            out[name] = min(out.get(name, line), line)
    for m in _MATRIX_DEFINED.finditer(text):  # `P = X(X^T X)^{-1} X^T`, in a display too
        line = text.count("\n", 0, m.start()) + 1
        out[m.group(1)] = min(out.get(m.group(1), line), line)
    prose = _prose(text)
    for start, sentence in _sentences(prose):
        if not (_MATRIX_WORD.search(_INLINE.sub(" ", sentence)) or _TRANSPOSED.search(sentence)):
            continue
        for span in _INLINE.findall(sentence):
            named = span.split("=")[0] if "=" in span else span  # `$P = X(X^T X)^{-1} X^T$`
            if _CAPITAL.fullmatch(named) and (name := _name(named)):
                line = prose.count("\n", 0, start) + 1
                out[name] = min(out.get(name, line), line)
    return out


#: `z_1 = 2`: one entry of a vector, as a number
_NUMBER_ENTRY = re.compile(
    r"\s*((?:\\[A-Za-z]+\s*\{?\s*)?\\?[A-Za-z]+\}?)\s*_\s*\{?\s*\d+\s*\}?\s*=\s*-?[\d.]+\s*"
)


#: `$y \\in \\{0, 1\\}$`, `$y_i \\in \\{-1, +1\\}$`: a letter's values, whole numbers listed
_VALUE_SET = re.compile(
    r"\$\s*([a-z])\s*(?:_\s*(?:\{[^{}$]*\}|\w)\s*)?\\in\s*\\\{\s*((?:[-+]?\d+\s*,\s*)+[-+]?\d+)\s*\\\}\s*\$"
)
#: a sentence that gives values to leave out, or to suppose: not the letter's values
_NOT_THE_VALUES = re.compile(
    r"\b(?:exclud\w*|except\w*|not|never|no|nor|if|unless|suppose|degenerate|other\s+than|"
    r"instead|rather|soft|real|continuous|avoid\w*|omit\w*|rul\w+\s+out)\b",
    re.IGNORECASE,
)


def value_sets_in_words(text: str) -> list[tuple[int, str, list[int]]]:
    """(offset, letter, values) where the prose gives a letter its whole-number values
    (`$y_i \\in \\{-1, +1\\}$`), not where the sentence leaves them out or supposes them."""
    prose = _prose(text)
    return [
        (m.start(), m.group(1), [int(v) for v in re.findall(r"-?\d+", m.group(2))])
        for m in _VALUE_SET.finditer(prose)
        if not _NOT_THE_VALUES.search(_sentence(prose, m.start()))
    ]
