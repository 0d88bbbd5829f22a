"""Reports: every derivation as LaTeX and GitHub Markdown, with figures (`symkl report`).

## Main definitions
- `report_context(name)`: one derivation (all its variants) as strings for the templates,
  plus its figures as bytes.
- `render(names, out)`:   every output file as {path: bytes}, in memory; nothing written.
- `source_for(name)`:     the numpy source exported for a derivation, when `symkl.export`
  is installed (the one integration point with the numeric export).
- `run(...)`:             the command: render, then write, check or compile.

Outputs for derivation NAME: NAME.tex (standalone LaTeX), NAME.md (GitHub), and
figures/NAME-K.svg / .pdf; for a full run also index.md and symkl.tex (all derivations
with a table of contents). The same code gives the same bytes on every run.
"""

import importlib
import importlib.util
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from symkl import checking, figures, registry
from symkl.derivation import Derivation
from symkl.errors import StepRefuted
from symkl.outputs import write_outputs
from symkl.printing import latex
from symkl.templating import Raw, link_path, md_environment, tex_environment

__all__ = ["Report", "report_context", "render", "source_for", "run"]

RELATION_TEX = {"=": "=", ">=": r"\ge", "<=": r"\le", ">": ">", "<": "<"}
FIGURE_DIR = "figures"
INSTALL_TEX = (
    "symkl report --pdf needs latexmk or pdflatex; on Debian or Ubuntu: "
    "sudo apt-get install --no-install-recommends texlive-latex-base "
    "texlive-latex-recommended latexmk lmodern"
)


@dataclass
class Report:
    """One derivation ready for the templates; `figures` maps relative paths to bytes."""

    context: dict
    refuted: bool
    figures: dict[str, bytes] = field(default_factory=dict)


def source_for(name: str) -> str | None:
    """The numpy source exported for derivation `name`, or None (no export module)."""
    if importlib.util.find_spec("symkl.export") is None:
        return None
    return importlib.import_module("symkl.export").source_for(name)


def _scientific(x: float) -> Raw:
    """LaTeX math for a relative error: 0, or 1.4 \\times 10^{-16}."""
    if x == 0:
        return Raw("0")
    mantissa, exponent = f"{x:.1e}".split("e")
    return Raw(rf"{mantissa} \times 10^{{{int(exponent)}}}")


def _counterexample(values: dict | None) -> str | None:
    if not values:
        return None
    return ", ".join(f"{k} = {v}" for k, v in values.items())


def _chain(
    derivation: Derivation, variant: str | None, figure_list: list[dict], computed: list
) -> dict:
    steps = [
        {
            "number": k,
            "rule": s.rule,
            "relation": Raw(RELATION_TEX[s.relation]),
            "expr": Raw(latex(s.expr)),
            "verdict": str(s.verdict),
            "reason": s.check.reason,
            "points": s.check.points,
            # inequalities are checked by sign; the checker records no error for them
            "max_error": _scientific(s.check.max_error) if s.relation == "=" else None,
            "counterexample": _counterexample(s.check.counterexample),
        }
        for k, s in enumerate(derivation.steps, 1)
    ]
    return {
        "variant": variant,
        "space": derivation.space.description,
        "assumptions": list(derivation.space.assumptions),
        "start": Raw(latex(derivation.start)),
        "conclusion": Raw(derivation.conclusion.latex()),
        "verdict": str(derivation.verdict),
        "steps": steps,
        "figures": figure_list,
        "computed": computed,
    }


def _derive(name: str, variant: str) -> tuple[Derivation, bool]:
    """The derivation, and whether a step was refuted (then the chain up to that step)."""
    try:
        return registry.derive(name, variant), False
    except StepRefuted as e:
        return e.derivation, True


def _figures(module, derivation: Derivation, name: str, start: int) -> tuple[list, dict]:
    """The module's `figures(derivation)` hook rendered: template entries and file bytes."""
    hook = getattr(module, "figures", None)
    if hook is None:
        return [], {}
    entries, files = [], {}
    with figures.rc_context():
        drawn = hook(derivation)
    for k, (caption, fig) in enumerate(drawn.items(), start):
        stem = f"{FIGURE_DIR}/{name}-{k}"
        for fmt, data in figures.render(fig).items():
            files[f"{stem}.{fmt}"] = data
        entries.append(
            {"caption": caption, "svg": link_path(f"{stem}.svg"), "pdf": link_path(f"{stem}.pdf")}
        )
    return entries, files


def _values(module, derivation: Derivation) -> list[tuple[str, str]]:
    """The module's `values(derivation)` hook, {quantity: number or text}, as rows of text."""
    hook = getattr(module, "values", None)
    if hook is None:
        return []
    rows = hook(derivation).items()
    return [(k, f"{v:.6g}" if isinstance(v, float) else str(v)) for k, v in rows]


def _notes(module) -> list[str]:
    """The module docstring as paragraphs (escaped by the templates like any text)."""
    text = (module.__doc__ or "").strip()
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def report_context(name: str) -> Report:
    """Derive every variant of `name` and gather what its report shows.

    Raises:
        UnknownDerivation: no derivations/NAME.py.
    """
    offered = registry.variants(name)
    module = importlib.import_module(f"derivations.{name}")
    chains, files, refuted, count = [], {}, False, 1
    for variant in offered:
        derivation, failed = _derive(name, variant)
        refuted |= failed
        entries, drawn = ([], {}) if failed else _figures(module, derivation, name, count)
        count += len(entries)
        files |= drawn
        computed = [] if failed else _values(module, derivation)
        chains.append(_chain(derivation, variant if len(offered) > 1 else None, entries, computed))
    verdict = checking.weakest(checking.Verdict(c["verdict"]) for c in chains)
    context = {
        "name": name,
        "label": Raw("derivation:" + name.replace("_", "-")),
        "title": derivation.title,
        "verdict": str(verdict),
        "notes": _notes(module),
        "domains": sorted({c["space"] for c in chains}),
        "chains": chains,
        "source": source_for(name),
    }
    return Report(context, refuted, files)


def _method() -> dict:
    return {
        "cross_check": checking.CROSS_CHECK_SAMPLES,
        "samples": checking.SAMPLES,
        "digits": checking.DIGITS,
    }


def _contexts(names: list[str]) -> list[Report]:
    """`report_context` of each name; derivations are independent and CPU-bound, so
    several run at once in worker processes (each with its own main thread, which the
    checker's time limit needs)."""
    workers = min(len(names), os.cpu_count() or 1)
    if workers < 2:
        return [report_context(name) for name in names]
    for name in names:  # unknown names fail here, with the usual message
        registry.variants(name)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(report_context, names))


def render(names: list[str] | None, out: Path) -> tuple[dict[Path, bytes], list[str]]:
    """Every output file in memory, and the names of derivations with a refuted step.

    With `names` None all derivations are rendered, with index.md and symkl.tex.
    """
    everything = names is None
    names = registry.names() if everything else names
    reports = dict(zip(names, _contexts(names), strict=True))
    tex, md, method = tex_environment(), md_environment(), _method()
    files: dict[Path, bytes] = {}
    for name, report in reports.items():
        for suffix, env in ((".tex", tex), (".md", md)):
            template = env.get_template(f"derivation{suffix}.j2")
            text = template.render(report=report.context, method=method)
            files[out / f"{name}{suffix}"] = text.encode()
        files |= {out / path: data for path, data in report.figures.items()}
    if everything:
        contexts = [r.context for r in reports.values()]
        for filename, env in (("index.md", md), ("symkl.tex", tex)):
            text = env.get_template(f"{filename}.j2").render(reports=contexts, method=method)
            files[out / filename] = text.encode()
    return dict(sorted(files.items())), [n for n, r in reports.items() if r.refuted]


def run(names: list[str], out: Path, *, pdf: bool = False, check: bool = False) -> int:
    """`symkl report`: 0 done or up to date, 1 stale files, a refuted step or a LaTeX
    error, 2 no TeX for --pdf."""
    from symkl import latexbuild

    if pdf and latexbuild.compiler() is None:
        print(f"symkl report: error: {INSTALL_TEX}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    files, refuted = render(names or None, out)
    changes = write_outputs(files, check=check)
    status = 0
    for name in refuted:
        print(f"symkl report: error: derivation {name!r} has a refuted step", file=sys.stderr)
        status = 1
    if check:
        for change in changes:
            print(change)
        if changes:
            print(
                f"symkl report: {len(changes)} of {len(files)} files out of date; "
                "run `symkl report` to regenerate them",
                file=sys.stderr,
            )
            return 1
        print(f"{len(files)} files up to date in {out}/")
        return status
    for change in changes:
        print(f"wrote {change.path}")
    print(
        f"{len(files)} files in {out}/ ({len(changes)} changed) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    if pdf:
        started = time.perf_counter()
        sources = [path for path in files if path.suffix == ".tex"]
        errors = latexbuild.compile_all(sources)
        for error in errors:
            print(f"symkl report: error: {error}", file=sys.stderr)
        print(
            f"compiled {len(sources) - len(errors)} of {len(sources)} PDFs "
            f"in {time.perf_counter() - started:.1f} s"
        )
        status = 1 if errors else status
    return status
