"""Writing one's own derivations: `Chain.claim`, a user's folder (`load_derivations`,
`symkl derive --path`), and the example of docs/derive.md run exactly as printed."""

import json
import re
import shlex
import textwrap
from pathlib import Path

import numpy as np
import pytest
import sympy as sp

import symkl
from symkl import Chain, Entropy, IndexedSpace, StepRefuted, SymklError, Verdict, logistic_space
from symkl.cli import main
from symkl.registry import load_derivations

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "derive.md"
EXAMPLE_FILE = "# my_derivations/entropy_of_uniform.py"


def uniform_chain() -> Chain:
    space = IndexedSpace.make()
    chain = Chain("u", "H(uniform)", space, Entropy(1 / space.n, limits=space.limits))
    return chain.apply("unfold definitions")


def test_a_claim_is_proved_like_a_rule_step():
    chain = uniform_chain().claim("log(n)", because="n equal terms")
    step = chain.derivation().steps[-1]
    assert step.verdict is Verdict.PROVED and step.claimed and step.rule == "claim: n equal terms"
    n = chain.space.n
    assert step.expr == sp.log(n)  # "n" is read as the space's n, a positive integer
    assert step.typed == (sp.log(n),)


def test_a_claim_of_a_sympy_expression_and_a_relation():
    space = logistic_space()
    eta, _ = (s for s, _ in space.intervals)
    chain = Chain("c", "t", space, sp.log(1 + sp.exp(eta)))
    chain.claim(sp.S.Zero, because="1 + e^eta > 1", relation=">")
    assert chain.derivation().conclusion.relation == ">"
    assert chain.steps[-1].verdict is Verdict.PROVED


def test_a_claim_symkl_cannot_prove_holds_numerically():
    space = logistic_space()
    eta, _ = (s for s, _ in space.intervals)
    chain = Chain("c", "t", space, sp.atan(sp.exp(eta)) + sp.atan(sp.exp(-eta)))
    chain.claim(sp.pi / 2, because="atan t + atan(1/t) = pi/2 for t > 0")
    assert chain.steps[-1].verdict is Verdict.HOLDS_NUMERICALLY


def test_a_false_claim_is_refuted_with_the_partial_chain():
    chain = uniform_chain()
    with pytest.raises(StepRefuted) as caught:
        chain.claim("log(n) + 1", because="off by one")
    partial = caught.value.derivation
    assert caught.value.index == 1 and len(partial.steps) == 2
    assert partial.steps[0].verdict is Verdict.PROVED
    assert partial.steps[1].verdict is Verdict.REFUTED and "n = 1" in partial.steps[1].check.reason


def test_a_claim_needs_a_reason_and_a_readable_expression():
    with pytest.raises(SymklError, match="needs a reason"):
        uniform_chain().claim("log(n)", because=" ")
    with pytest.raises(SymklError, match="cannot read the claim"):
        uniform_chain().claim("log(n", because="typo")


def test_claim_reads_indexed_names_of_the_space():
    space = IndexedSpace.make()
    chain = Chain("k", "t", space, space.kl()).apply("unfold definitions")
    chain.claim("Sum(p[i]*log(p[i]) - p[i]*log(q[i]), (i, 1, n))", because="log of a quotient")
    assert chain.steps[-1].verdict is Verdict.PROVED
    assert chain.steps[-1].expr.has(space.p, space.q)


def test_claimed_result_has_a_numeric_twin():
    d = uniform_chain().claim("log(n)", because="n equal terms").derivation()
    for size in (1, 2, 7, 100):
        u = np.full(size, 1 / size)
        assert float(d.result.subs(d.space.n, size)) == pytest.approx(-(u * np.log(u)).sum())


FAIR_COIN = '''
"""H((1/2, 1/2)) = log 2, from a user's folder."""
import sympy as sp
from symkl import Chain, Entropy, ScalarSpace

def derive(variant=None):
    half = sp.Rational(1, 2)
    space = ScalarSpace("a fair coin", (), sp.Tuple(half, half), sp.Tuple(half, half))
    chain = Chain("fair_coin", "Fair coin", space, Entropy((half, half)))
    return chain.apply("unfold definitions").derivation()
'''


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "fair_coin.py").write_text(FAIR_COIN)
    (tmp_path / "_helpers.py").write_text("X = 1\n")
    return tmp_path


def test_load_derivations_from_a_users_folder(folder):
    library = load_derivations(folder)
    assert "fair_coin" in library.names() and "kl_nonneg" in library.names()
    assert "_helpers" not in library.names()
    d = library.derive("fair_coin")
    assert d.verdict is Verdict.PROVED and d.result == sp.log(2)
    assert "fair_coin" not in symkl.names()  # the user's folder is not symkl's


def test_a_users_name_may_not_repeat_symkls(folder):
    (folder / "kl_nonneg.py").write_text(FAIR_COIN)
    with pytest.raises(SymklError, match="two derivations named 'kl_nonneg'"):
        load_derivations(folder)


def test_a_missing_folder_or_a_file_without_derive_is_an_error(tmp_path):
    with pytest.raises(SymklError, match="no such folder"):
        load_derivations(tmp_path / "nowhere")
    (tmp_path / "empty.py").write_text("X = 1\n")
    with pytest.raises(SymklError, match="defines no derive"):
        load_derivations(tmp_path).derive("empty")


def test_cli_path(folder, capsys):
    assert main(["derive", "--path", str(folder), "--list"]) == 0
    assert "fair_coin" in capsys.readouterr().out.split()
    assert main(["derive", "--path", str(folder), "fair_coin", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["verdict"] == "proved"
    assert main(["derive", "--path", str(folder / "nowhere"), "--list"]) == 2
    assert "no such folder" in capsys.readouterr().err


def _blocks() -> list[tuple[str, str]]:
    """The fenced blocks of docs/derive.md as (language, body)."""
    return re.findall(r"^```(\w*)\n(.*?)^```", GUIDE.read_text(), flags=re.S | re.M)


def test_the_documented_example_runs_as_printed(tmp_path, monkeypatch, capsys):
    blocks = _blocks()
    k = next(k for k, (_, body) in enumerate(blocks) if body.startswith(EXAMPLE_FILE))
    (_, source), (shell_lang, shell), (python_lang, python) = blocks[k : k + 3]
    assert shell_lang == "sh" and python_lang == "python"
    folder = tmp_path / "my_derivations"
    folder.mkdir()
    (folder / "entropy_of_uniform.py").write_text(source)
    monkeypatch.chdir(tmp_path)
    for line in shell.splitlines():
        argv = shlex.split(line, comments=True)
        assert argv[0] == "symkl"
        assert main(argv[1:]) == 0
    out = capsys.readouterr().out
    assert "entropy_of_uniform" in out.split()
    assert "[2] claim: n equal terms: proved" in out and "verdict: proved" in out
    namespace = {"symkl": symkl}
    exec(textwrap.dedent(python), namespace)
    assert capsys.readouterr().out.strip() == "proved log(n)"
    d = namespace["d"]
    assert [s.verdict for s in d.steps] == [Verdict.PROVED] * 3
    # the numeric twin: H(u) for u uniform on n outcomes, by numpy
    for size in (1, 3, 50):
        u = np.full(size, 1 / size)
        assert float(d.conclusion.rhs.subs(d.space.n, size)) == pytest.approx(
            -(u * np.log(u)).sum()
        )
