"""YAML front matter of a notes file, read within limits.

## Main definitions
- `MAX_FRONT_MATTER`, `MAX_DEPTH`: the largest front matter and the deepest nesting read.
- `load_front_matter(source, path, line)`: the YAML data, or a one-line `SymklError`.

Why limits: `safe_load` builds an alias bomb (`a: &a [x, x]`, `b: &b [*a, *a]`, ...) as
shared references that anything walking it expands exponentially, and it nests by
recursion, so 20,000 `[` end in a RecursionError. Front matter here only states
assumptions (`symkl: {assume: {t: positive}}`), which need neither aliases nor depth.
"""

import yaml

from symkl.errors import SymklError

__all__ = ["MAX_FRONT_MATTER", "MAX_DEPTH", "load_front_matter"]

#: characters of front matter read at most
MAX_FRONT_MATTER = 64 * 1024
#: nested mappings and sequences read at most
MAX_DEPTH = 16

_OPEN = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSE = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _error(path: str, line: int, problem: str) -> SymklError:
    return SymklError(f"{path}:{line}: front matter {problem}")


def _yaml_error(e: yaml.YAMLError, path: str, line: int) -> SymklError:
    """A YAML error on one line, at the file's line (PyYAML's spans several)."""
    mark = getattr(e, "problem_mark", None)
    problem = getattr(e, "problem", None) or str(e)
    at = line + (mark.line if mark is not None else 0)
    return _error(path, at, f"is not valid YAML: {' '.join(problem.split())}; fix or remove it")


def _check_tokens(source: str, path: str, line: int) -> None:
    """Refuse aliases, anchors and deep nesting before anything is built (the scanner
    works without recursion)."""
    depth = 0
    for token in yaml.scan(source, Loader=yaml.SafeLoader):
        at = line + token.start_mark.line
        if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
            raise _error(path, at, "uses a YAML anchor or alias (& or *); write values out")
        depth += isinstance(token, _OPEN) - isinstance(token, _CLOSE)
        if depth > MAX_DEPTH:
            raise _error(path, at, f"nests deeper than {MAX_DEPTH} levels; flatten it")


def load_front_matter(source: str, path: str = "<text>", line: int = 2) -> object:
    """The YAML in `source`, front matter whose first line is line `line` of `path`.

    Raises:
        SymklError: too long, an alias or anchor, too deep, or not YAML; one line naming
            the file and line.
    """
    if len(source) > MAX_FRONT_MATTER:
        raise _error(path, line, f"is longer than {MAX_FRONT_MATTER} characters; shorten it")
    try:
        _check_tokens(source, path, line)
        return yaml.safe_load(source)
    except yaml.YAMLError as e:
        raise _yaml_error(e, path, line) from None
