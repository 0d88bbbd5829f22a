"""`symkl derive`: listing, human and JSON output, exit codes, one-line errors."""

import json
import subprocess
import sys
import textwrap

import pytest
import sympy as sp

from symkl import registry
from symkl.cli import main
from symkl.rules import RULES, Rule
from tests.conftest import MEASURED, add_folder, built

KEYS = {"name", "title", "verdict", "steps", "conclusion"}


@pytest.fixture(autouse=True)
def _derive_once(monkeypatch):
    monkeypatch.setattr(registry, "derive", built)


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_list_prints_one_name_per_line(capsys):
    status, out, _ = run(capsys, "derive", "--list")
    assert status == 0
    assert out.splitlines() == registry.names()


@pytest.mark.parametrize("name", registry.names())
def test_json_shape_and_verdict(capsys, name):
    status, out, _ = run(capsys, "derive", name, "--json")
    assert status == 0
    data = json.loads(out)
    assert data.keys() >= KEYS
    assert data["name"] == name
    assert data["verdict"] == ("holds-numerically" if name in MEASURED else "proved")
    assert all({"rule", "latex", "verdict"} <= s.keys() for s in data["steps"])
    c = data["conclusion"]
    assert c["relation"] in {"=", ">=", "<=", ">", "<", "=>", "<=>", "in"}
    # lhs and rhs use SymPy's own classes only: a plain SymPy namespace rebuilds them.
    namespace = vars(sp).copy()
    for side in ("lhs", "rhs"):
        rebuilt = eval(c[side], namespace)  # our own srepr output, not user input
        assert isinstance(rebuilt, sp.Basic)
        assert "symkl" not in (type(rebuilt).__module__ or "")  # argmin(...): no module


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("binary_cross_entropy_argmin", "argmin"),
        ("cross_entropy_argmin", "argmin"),
        ("kl_eq_zero_iff", "iff"),
    ],
)
def test_json_states_the_headline_claim(capsys, name, kind):
    _, out, _ = run(capsys, "derive", name, "--json")
    data = json.loads(out)
    assert data["verdict"] == "proved" and data["conclusion"]["kind"] == kind
    assert data["because"] and all(part["verdict"] == "proved" for part in data["because"])


def test_json_conclusion_matches_the_target(capsys):
    _, out, _ = run(capsys, "derive", "binary_cross_entropy_grad", "--json")
    c = json.loads(out)["conclusion"]
    alpha, beta = sp.symbols("alpha beta", positive=True)
    rhs = eval(c["rhs"], vars(sp).copy())
    assert sp.simplify(rhs - (beta - alpha) / (beta * (1 - beta))) == 0


def test_human_output_shows_rules_and_verdicts(capsys):
    status, out, _ = run(capsys, "derive", "cross_entropy_grad")
    assert status == 0
    assert "evaluate Kronecker delta: proved" in out
    assert "KroneckerDelta(e, i)" in out
    assert out.rstrip().endswith("verdict: proved")


def test_variant(capsys):
    status, out, _ = run(
        capsys, "derive", "cross_entropy_eq_entropy_add_kl", "--variant", "density"
    )
    assert status == 0 and "Integral" in out
    status, _, err = run(capsys, "derive", "cross_entropy_eq_entropy_add_kl", "--variant", "x")
    assert status == 2 and "variants: discrete, density" in err


def test_unknown_name_exits_2_with_the_list(capsys):
    status, out, err = run(capsys, "derive", "no_such_thing")
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "known derivations: " in err and "logistic_loss" in err


def test_bad_flag_is_one_line(capsys):
    with pytest.raises(SystemExit) as info:
        main(["derive", "--bogus"])
    assert info.value.code == 2
    _, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1 and "--bogus" in err


def test_missing_name_exits_2(capsys):
    status, _, err = run(capsys, "derive")
    assert status == 2 and "--list" in err


def test_refuted_step_exits_1_and_names_the_step(capsys, tmp_path, monkeypatch):
    (tmp_path / "wrong_sign.py").write_text(
        textwrap.dedent('''
        """H(p, q) = H(p) - D_KL(p || q): false, for the test of exit status 1."""
        from symkl import Chain, bernoulli_space

        def derive(variant=None):
            space = bernoulli_space()
            chain = Chain("wrong_sign", "A false claim", space, space.cross_entropy())
            return chain.apply("flip").derivation()
    ''')
    )
    add_folder(monkeypatch, tmp_path)
    monkeypatch.setitem(RULES, "flip", Rule("flip", "wrong", lambda e, s: s.entropy() - s.kl()))
    status, out, err = run(capsys, "derive", "wrong_sign", "--json")
    assert status == 1
    assert "step 0 (flip) is refuted" in err
    data = json.loads(out)
    assert data["verdict"] == "refuted" and data["steps"][0]["verdict"] == "refuted"


def test_a_new_file_is_a_new_derivation(capsys, tmp_path, monkeypatch):
    (tmp_path / "entropy_of_a_fair_coin.py").write_text(
        textwrap.dedent('''
        """H((1/2, 1/2)) = log 2."""
        import sympy as sp
        from symkl import Chain, Entropy, ScalarSpace

        def derive(variant=None):
            half = sp.Rational(1, 2)
            space = ScalarSpace("a fair coin", (), sp.Tuple(half, half), sp.Tuple(half, half))
            chain = Chain("entropy_of_a_fair_coin", "Fair coin", space, Entropy((half, half)))
            return chain.apply("unfold definitions").derivation()
    ''')
    )
    add_folder(monkeypatch, tmp_path)
    _, out, _ = run(capsys, "derive", "--list")
    assert "entropy_of_a_fair_coin" in out.split()
    status, out, _ = run(capsys, "derive", "entropy_of_a_fair_coin", "--json")
    data = json.loads(out)
    assert status == 0 and data["verdict"] == "proved"
    assert eval(data["conclusion"]["rhs"], vars(sp).copy()) == sp.log(2)


def test_console_script_runs():
    result = subprocess.run(
        [sys.executable, "-m", "symkl", "derive", "--list"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "logistic_loss" in result.stdout.split()
