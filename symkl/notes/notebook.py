"""Jupyter notebooks as notes: the Markdown cells' text, and where each line came from.

## Main definitions
- `notebook_text(data, path)`: the Markdown cells of an `.ipynb` file joined into one
  Markdown text, with a map from its lines to (cell, line in cell).

A notebook is JSON: its math sits in strings whose backslashes are escaped, so reading the
file as Markdown sees `\\\\frac`. Cells are numbered among all cells, from 1, as Jupyter
shows them; code cells hold no notes and are skipped (their lines are not in the text).
"""

import json

from symkl.errors import SymklError
from symkl.safeio import normalize_text

__all__ = ["notebook_text"]


def notebook_text(data: str, path: str) -> tuple[str, list[tuple[int, int]]]:
    """(text, where): `where[k]` is (cell, line in cell), 1-based, of the text's line k + 1.

    Raises:
        SymklError: not a notebook (JSON with a list of cells).
    """
    try:
        notebook = json.loads(data)
    except (json.JSONDecodeError, RecursionError) as e:
        raise SymklError(f"{path}: not a Jupyter notebook (invalid JSON: {e})") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise SymklError(f"{path}: not a Jupyter notebook (no list of cells)")
    lines: list[str] = []
    where: list[tuple[int, int]] = []
    for number, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        source = normalize_text(source)  # one line per LF, as the audit counts them
        for k, line in enumerate(source.split("\n"), start=1):
            lines.append(line)
            where.append((number, k))
        lines.append("")  # a blank line between cells ends any paragraph or display
        where.append((number, len(source.split("\n")) + 1))
    return "\n".join(lines), where
