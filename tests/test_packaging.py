"""Packaging (issue 13): a wheel installs symkl only, with its derivations inside it as
`symkl.derivations`, never a top-level `derivations` package; the installed copy still
lists and derives every derivation from any working directory."""

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from symkl import registry

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the sources (the build writes build/ and egg-info
    next to them; the checkout stays clean)."""
    src, out = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("symkl", "derivations"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)]
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=300)
    (built,) = out.glob("symkl-*.whl")
    return built


def test_the_wheel_has_no_top_level_derivations_package(wheel):
    with zipfile.ZipFile(wheel) as z:
        files = z.namelist()
        top_level = z.read(next(f for f in files if f.endswith("top_level.txt"))).decode()
    assert top_level.split() == ["symkl"]
    assert {f.split("/")[0] for f in files} == {"symkl", wheel.name.split("-py3")[0] + ".dist-info"}
    shipped = {Path(f).stem for f in files if f.startswith("symkl/derivations/")}
    assert set(registry.names()) <= shipped


def test_every_subpackage_of_symkl_is_in_the_wheel(wheel):
    # pyproject.toml lists the packages by hand; a new subpackage must be added there.
    with zipfile.ZipFile(wheel) as z:
        files = set(z.namelist())
    for init in (ROOT / "symkl").rglob("__init__.py"):
        assert init.relative_to(ROOT).as_posix() in files
    for template in (ROOT / "symkl" / "templates").glob("*.j2"):
        assert template.relative_to(ROOT).as_posix() in files


def test_the_installed_copy_lists_and_derives_everything(wheel, tmp_path):
    target = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target"]
    subprocess.run([*install, str(target), str(wheel)], check=True, capture_output=True)
    assert not (target / "derivations").exists()
    # -S: no site-packages, so the editable install of this checkout cannot answer;
    # the dependencies come from this interpreter's site-packages, put after the copy.
    path = f"import sys; sys.path[:0] = [{str(target)!r}, {sysconfig.get_paths()['purelib']!r}]; "

    def run(code: str, *argv: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-S", "-c", path + code, *argv]
        return subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300)

    where = run("from symkl import registry; print(registry.builtin_folder())")
    assert Path(where.stdout.strip()) == target / "symkl" / "derivations", where.stderr
    # every file loads (a derivation importing a neighbour as `derivations.x` would not)
    every = "from symkl import registry; print(len([registry.module(n) for n in registry.names()]))"
    loads = run(every)
    assert loads.stdout.strip() == str(len(registry.names())), loads.stderr
    cli = "from symkl.cli import main; sys.exit(main(sys.argv[1:]))"
    listed = run(cli, "derive", "--list")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split() == registry.names()
    derived = run(cli, "derive", "kl_nonneg", "--json")
    assert derived.returncode == 0, derived.stderr
    assert json.loads(derived.stdout)["verdict"] == "proved"
