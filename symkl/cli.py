"""The `symkl` command line: derive, verify, report, export.

`symkl derive [--path DIR] [--list] [NAME] [--variant V] [--json] [--numeric]`,
`symkl verify FILE... [--json | --format FORMAT] [-o OUT] [--assume NAME:KIND] [--timeout S]`,
`symkl report [NAME ...] [--out DIR] [--pdf | --check]`, `symkl export -o FILE.py [NAME ...]`.

Exit status: 0 success; 1 a derivation step is refuted; 2 usage error or unknown name;
130 interrupted (Ctrl-C); 141 the reader of the output went away (`| head -1`).
"""

import argparse
import contextlib
import gc
import importlib
import json
import math
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, NoReturn

from symkl import registry
from symkl.errors import StepRefuted, SymklError, UnknownDerivation
from symkl.notes.limits import DEFAULT_SECONDS

if TYPE_CHECKING:  # SymPy loads only for commands that derive or check
    from pathlib import Path

    from symkl.derivation import Derivation

__all__ = ["main", "run"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _human(d: "Derivation") -> str:
    from symkl.printing import text

    lines = [f"{d.name}: {d.title}", f"space: {d.space.description}"]
    lines += [f"  assume {a}" for a in d.space.assumptions]
    lines.append(f"      {text(d.start)}")
    for k, s in enumerate(d.steps, 1):
        lines.append(f"  {s.relation:<3} {text(s.expr)}")
        lines.append(f"        [{k}] {s.rule}: {s.verdict} ({s.check.reason})")
    c = d.conclusion
    lines.append(f"conclusion: {text(c.lhs)} {c.relation} {text(c.rhs)}")
    lines.append(f"verdict: {d.verdict}")
    return "\n".join(lines)


def _derive(args: argparse.Namespace) -> int:
    # --path adds a user's folder; without it, symkl's own derivations (through the
    # module-level functions, which the tests replace with a per-session cache).
    library = registry.load_derivations(args.path) if args.path is not None else registry
    if args.list:
        print("\n".join(library.names()))
        return 0
    if args.name is None:
        print("symkl derive: error: give a derivation NAME or --list", file=sys.stderr)
        return 2
    try:
        derivation, status = library.derive(args.name, args.variant), 0
    except UnknownDerivation as e:
        print(f"symkl derive: error: {e}", file=sys.stderr)
        return 2
    except StepRefuted as e:
        derivation, status = e.derivation, 1
        print(f"symkl derive: error: {e}", file=sys.stderr)
    if args.numeric:
        return _derive_numeric(derivation, args.json, status)
    print(json.dumps(derivation.to_json(), indent=2) if args.json else _human(derivation))
    return status


def _derive_numeric(derivation: "Derivation", as_json: bool, status: int) -> int:
    """The derivation, then its conclusion checked in float64 (`symkl.numeric`): the
    right side through its stable numpy form against the left side by mpmath."""
    from symkl.numeric import check_conclusion

    result = check_conclusion(derivation)
    if as_json:
        numeric = {
            "points": result.points,
            "unsupported": result.unsupported,
            "max_error": result.max_rel_error,
        }
        print(json.dumps({**derivation.to_json(), "numeric": numeric}, indent=2))
        return status
    skipped = f" ({result.unsupported} without a numpy form)" if result.unsupported else ""
    what = "error" if derivation.conclusion.relation == "=" else "violation"
    print(_human(derivation))
    if result.points == 0:
        print(f"float64 check of the conclusion: no sample point evaluated{skipped}")
    else:
        print(
            f"float64 check of the conclusion: {result.points} points{skipped}, worst {what} "
            f"{result.max_rel_error:.3g} (relative to max(|lhs|, 1))"
        )
    return status


#: `symkl verify --format NAME` -> (module, function from a list of audits to text)
VERIFY_FORMATS = {
    "text": ("symkl.notes.render", "audit_text_lines"),
    "json": ("symkl.notes.render", "audit_json"),
    "github": ("symkl.notes.annotations", "github_annotations"),
    "sarif": ("symkl.notes.sarif", "audit_sarif"),
    "html": ("symkl.notes.html_audit", "audit_html_page"),
}


@contextlib.contextmanager
def _lifelong_imports() -> Iterator[None]:
    """Imports whose objects live as long as the process: no garbage collection while they
    run (importing SymPy triggers some 250, about 0.1 CPU s, for next to no garbage), and
    none scans their objects afterwards (`gc.freeze`). Once per process: a caller of `main`
    that runs on (a test) does not have its own objects frozen again and again."""
    if "symkl.notes.audit" in sys.modules or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _verify(args: argparse.Namespace) -> int:
    with _lifelong_imports():
        from symkl.notes.audit import audit_file
        from symkl.notes.context import parse_assumption

    if not (math.isfinite(args.timeout) and args.timeout > 0):
        message = f"--timeout must be a positive number of seconds, got {args.timeout}"
        print(f"symkl verify: error: {message}", file=sys.stderr)
        return 2
    if args.json and args.format not in (None, "json"):
        print(f"symkl verify: error: --json with --format {args.format}", file=sys.stderr)
        return 2
    if args.output is not None and not _writable(args.output):  # now, not after the audit
        print(f"symkl verify: error: -o {args.output}: not a writable file", file=sys.stderr)
        return 2
    kinds = dict(parse_assumption(a) for a in args.assume)
    audits = [audit_file(path, kinds, args.timeout, not args.no_repairs) for path in args.files]
    module, function = VERIFY_FORMATS["json" if args.json else args.format or "text"]
    output = getattr(importlib.import_module(module), function)(audits)
    if args.output is None:
        print(output, end="")
    else:
        _write_output(args.output, output)
    return 1 if any(s.verdict == "refuted" for a in audits for s in a.steps) else 0


def _writable(path: str) -> bool:
    """Whether `path` can be created or replaced: its folder exists and it is no folder."""
    from pathlib import Path

    p = Path(path)
    return not p.is_dir() and p.parent.is_dir() and os.access(p.parent, os.W_OK)


def _write_output(path: str, text: str) -> None:
    """`text` to the file `path`, whole or not at all (a temporary file, then a rename).

    Raises:
        SymklError: `path` cannot be written (the message says why).
    """
    from symkl.outputs import write_file

    try:
        write_file(path, text.encode("utf-8"))
    except OSError as e:
        raise SymklError(f"cannot write {path}: {e.strerror or e}") from None


def _report(args: argparse.Namespace) -> int:
    from pathlib import Path

    from symkl import report  # matplotlib and jinja2 load only for this command

    out = Path(args.out)
    if out.exists() and not out.is_dir():  # fail now, not after minutes of rendering
        print(f"symkl report: error: --out {out}: not a directory", file=sys.stderr)
        return 2
    notes = _notes_dir(args.notes, full_run=not args.names)
    if notes is not None and not notes.is_dir():
        print(f"symkl report: error: --notes {notes}: no such directory", file=sys.stderr)
        return 2
    try:
        return report.run(args.names, out, pdf=args.pdf, check=args.check, notes=notes)
    except OSError as e:
        where = e.filename or out
        print(f"symkl report: error: cannot write {where}: {e.strerror or e}", file=sys.stderr)
        return 2


#: the seed notes of a clone, audited by a full `symkl report` run there
SEED_NOTES = "tests/seeds"


def _notes_dir(given: str | None, full_run: bool) -> "Path | None":
    """The folder of notes to audit: as given (empty: none), else the seed notes when the
    current folder has them (a clone); elsewhere none, which a full run says."""
    from pathlib import Path

    if given is not None:
        return Path(given) if given else None
    if Path(SEED_NOTES).is_dir():
        return Path(SEED_NOTES)
    if full_run:
        print(
            f"symkl report: no {SEED_NOTES}/ here: no notes audited (--notes DIR)", file=sys.stderr
        )
    return None


def _export(args: argparse.Namespace) -> int:
    from symkl.export import write_module

    try:
        write_module(args.output, args.names, target=args.target)
    except OSError as e:
        print(f"symkl export: error: cannot write {args.output}: {e.strerror}", file=sys.stderr)
        return 2
    except SymklError as e:
        print(f"symkl export: error: {e}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="symkl", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    derive = commands.add_parser("derive", help="derive and check a result step by step")
    derive.add_argument("name", nargs="?", help="derivation name (see --list)")
    derive.add_argument("--list", action="store_true", help="print the derivation names")
    derive.add_argument("--variant", help="which chain, for derivations with several")
    derive.add_argument(
        "--path",
        metavar="DIR",
        help="also load derivations from DIR (one NAME.py per derivation)",
    )
    derive.add_argument("--json", action="store_true", help="print one JSON object")
    derive.add_argument(
        "--numeric",
        action="store_true",
        help="also check the conclusion in float64 against mpmath (symkl.numeric)",
    )
    derive.set_defaults(run=_derive)
    verify = commands.add_parser("verify", help="check the algebra of course notes step by step")
    verify.add_argument("files", nargs="+", metavar="FILE", help=".md, .txt or .tex notes")
    verify.add_argument("--json", action="store_true", help="print one JSON object")
    verify.add_argument(
        "--format",
        choices=list(VERIFY_FORMATS),
        help="text (default), json (as --json), github (workflow annotations), "
        "sarif (SARIF 2.1.0 for code scanning), html (one self-contained page; with -o)",
    )
    verify.add_argument(
        "-o", "--output", metavar="FILE", help="write the output to FILE instead of stdout"
    )
    verify.add_argument(
        "--assume",
        action="append",
        default=[],
        metavar="NAME:KIND",
        help="what a symbol is: probability, label, real, positive, integer, distribution",
    )
    verify.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_SECONDS,
        metavar="S",
        help=f"CPU seconds per step, all stages (default {DEFAULT_SECONDS:g})",
    )
    verify.add_argument(
        "--no-repairs",
        action="store_true",
        help="do not search edits that make a refuted step hold (saves up to 1.5 CPU s each)",
    )
    verify.set_defaults(run=_verify)
    report = commands.add_parser("report", help="render derivation reports (LaTeX, Markdown)")
    report.add_argument("names", nargs="*", metavar="NAME", help="derivations (default: all)")
    report.add_argument("--out", default="reports", help="output directory (default: reports)")
    report.add_argument(
        "--notes",
        help=f"course notes to audit into OUT/notes/ on a full run (default: {SEED_NOTES} "
        "in the current folder, the seed notes of a clone, or none where it does not exist; "
        "empty to skip)",
    )
    mode = report.add_mutually_exclusive_group()
    mode.add_argument("--pdf", action="store_true", help="also compile each .tex to PDF")
    mode.add_argument("--check", action="store_true", help="list stale files, write nothing")
    report.set_defaults(run=_report)
    export = commands.add_parser("export", help="write a standalone module of numpy functions")
    export.add_argument("-o", "--output", required=True, help="the .py file to write")
    export.add_argument(
        "--target",
        choices=("numpy", "array-api"),
        default="numpy",
        help="numpy: blocked in-place numpy code (numpy only); array-api: pure expressions "
        "for numpy, torch or jax arrays (needs array-api-compat)",
    )
    export.add_argument("names", nargs="*", help="functions or derivations (default: all)")
    export.set_defaults(run=_export)
    return parser


def _quiet_stdout() -> None:
    """Point stdout at /dev/null: the reader is gone, and Python's final flush of the
    buffered rest would raise BrokenPipeError again at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    """Run the command line `argv`; returns the exit status (module docstring)."""
    try:
        args = _parser().parse_args(argv)
        status = args.run(args)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return status
    except SymklError as e:
        print(f"symkl: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        _quiet_stdout()
        return 141  # as if killed by SIGPIPE, like other tools in a pipeline
    except KeyboardInterrupt:
        print("symkl: interrupted", file=sys.stderr)
        return 130


def run() -> NoReturn:
    """The `symkl` program: `main`, then exit without tearing the interpreter down (freeing
    SymPy's caches object by object costs a good part of a short run's CPU time; every file
    symkl writes is complete and closed by then)."""
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        status = 141
    os._exit(status)
