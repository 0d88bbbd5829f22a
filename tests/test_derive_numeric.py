"""`symkl derive NAME --numeric`: the derivation, then its conclusion checked in float64."""

import json

from symkl import numeric, registry
from symkl.cli import main


def test_numeric_line_reports_the_check(capsys):
    assert main(["derive", "binary_cross_entropy_grad", "--numeric"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    expected = numeric.check_conclusion(registry.derive("binary_cross_entropy_grad"))
    assert last.startswith(f"float64 check of the conclusion: {expected.points} points, ")
    assert f"worst error {expected.max_rel_error:.3g} " in last


def test_numeric_json_key(capsys):
    assert main(["derive", "kl_nonneg", "--numeric", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "kl_nonneg" and data["numeric"]["points"] > 0
    assert data["numeric"]["unsupported"] == 0 and 0 <= data["numeric"]["max_error"] < 1e-12


def test_without_the_flag_nothing_is_added(capsys):
    assert main(["derive", "cross_entropy_grad", "--json"]) == 0
    assert "numeric" not in json.loads(capsys.readouterr().out)
