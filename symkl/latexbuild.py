"""Compiling report LaTeX to PDF with latexmk (or pdflatex), safely and in parallel.

TeX runs with -no-shell-escape, -halt-on-error and kpathsea's paranoid file access
(no absolute paths or parent directories for \\input and \\openout), in a temporary
directory inside the reports directory; only a finished PDF is moved into place.
A LaTeX error is reported with the .tex file and line it points at. Only plain file
names are compiled: TeX reads its command line as TeX, so a file named `\\input{x}.tex`
would run as a command. A build directory is named `.latex-PID-RANDOM`; one left by a
killed run is removed by the next (`remove_leftovers`).
"""

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from symkl.errors import SymklError
from symkl.outputs import alive

__all__ = ["LatexError", "compiler", "compile_pdf", "compile_all", "remove_leftovers"]

FLAGS = ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "-file-line-error"]
#: kpathsea: refuse to read or write outside the working directory tree
PARANOID = {"openin_any": "p", "openout_any": "p"}
_LOCATED = re.compile(r"^(\S.*?):(\d+): (.*)$", re.MULTILINE)
_BANG = re.compile(r"^! (.*)$", re.MULTILINE)
PDFLATEX_RUNS = 3
#: file names TeX reads as a name and nothing else
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\.tex")
_BUILD_RE = re.compile(r"\.latex-(\d+)-.+")


class LatexError(SymklError):
    """TeX stopped: `location` is "file.tex:LINE" when TeX gave one."""

    def __init__(self, location: str, message: str):
        self.location, self.message = location, message
        super().__init__(f"{location}: {message}")


def compiler() -> str | None:
    """The TeX driver to use: latexmk, else pdflatex, else None."""
    return next((tool for tool in ("latexmk", "pdflatex") if shutil.which(tool)), None)


def _error(log: str, tex: Path) -> LatexError:
    """The first error in a TeX log, at the file and line TeX names. A "! ..." line
    before that location says more than the location's own text ("Emergency stop")."""
    located, bang = _LOCATED.search(log), _BANG.search(log)
    if located is None:
        return LatexError(str(tex), bang.group(1).strip() if bang else "TeX stopped; see its log")
    path, line, message = located.groups()
    if bang and bang.start() < located.start():
        message = bang.group(1)
    where = Path(path) if Path(path).is_absolute() else tex.parent / path
    return LatexError(f"{where}:{line}", message.strip())


def _run(tool: str, tex: Path, build: Path) -> None:
    env = os.environ | PARANOID
    if tool == "latexmk":
        commands = [["latexmk", "-pdf", "-silent", *FLAGS, f"-outdir={build}", tex.name]]
    else:
        commands = [["pdflatex", *FLAGS, f"-output-directory={build}", tex.name]] * PDFLATEX_RUNS
    log = build / f"{tex.stem}.log"
    for command in commands:
        done = subprocess.run(command, cwd=tex.parent, env=env, capture_output=True, text=True)
        text = log.read_text(errors="replace") if log.exists() else done.stdout
        if done.returncode != 0:
            raise _error(text, tex)
        if tool == "pdflatex" and "Rerun to get" not in text and "No file" not in text:
            break


def compile_pdf(tex: Path, tool: str | None = None) -> Path:
    """Compile `tex` to a PDF beside it; returns the PDF's path.

    Raises:
        LatexError: TeX stopped on an error; an existing PDF is left as it was.
    """
    tool = tool or compiler()
    if tool is None:
        raise LatexError(str(tex), "no latexmk or pdflatex on PATH")
    if not _PLAIN_NAME.fullmatch(tex.name):
        raise LatexError(str(tex), "not compiled: name it with letters, digits and _.- only")
    prefix = f".latex-{os.getpid()}-"
    build = Path(tempfile.mkdtemp(prefix=prefix, dir=tex.parent)).resolve()
    try:
        _run(tool, tex, build)
        pdf = tex.with_suffix(".pdf")
        os.replace(build / pdf.name, pdf)
        return pdf
    finally:
        shutil.rmtree(build, ignore_errors=True)


def remove_leftovers(directories: Iterable[Path]) -> list[Path]:
    """Remove the build directories that killed runs left in `directories`."""
    removed = []
    for directory in directories:
        for path in directory.glob(".latex-*"):
            m = _BUILD_RE.fullmatch(path.name)
            if m and path.is_dir() and not alive(int(m.group(1))):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def compile_all(sources: list[Path], workers: int | None = None) -> list[LatexError]:
    """Compile every source, several at a time; the errors, in the order of `sources`."""

    def one(tex: Path) -> LatexError | None:
        try:
            compile_pdf(tex)
        except LatexError as e:
            return e
        return None

    remove_leftovers({tex.parent for tex in sources})
    with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        return [e for e in pool.map(one, sources) if e is not None]
