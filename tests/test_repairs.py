"""Repairs of refuted steps: notes with known slips get the intended fix among the
suggestions, and every suggestion is true (the policy confirms it, and read back from its
typeset form it is confirmed again)."""

import json

import pytest

import symkl
from symkl.cli import main
from symkl.notes.html_audit import audit_html_page
from symkl.notes.render import audit_text_lines

PROSE = "Let $x, y > 0$. For distributions $p$ and $q$ over $n$ outcomes:\n\n"
#: (a step with a slip, words of the intended edit, the intended step as SymPy prints it)
SLIPS = [
    (r"\log(x y) = \log x \cdot \log y", "product of logs", "log(x*y) = log(x) + log(y)"),
    (r"\log\frac{x}{y} = \log x + \log y", "sign of log(y)", "log(x/y) = log(x) - log(y)"),
    (
        r"D_{KL}(p \| q) = \sum_{i=1}^n q_i \log \frac{q_i}{p_i}",
        "arguments of D_KL(p || q) swapped",
        "D_KL(q || p)",
    ),
    (r"\frac{\partial}{\partial x} x y^2 = 2 x y", "with respect to y, not x", "2*x*y"),
    (r"\sum_{i=1}^{n} i = \frac{n(n-1)}{2}", "upper bound", "Sum(i, (i, 1, n - 1))"),
    (r"\frac{d}{d\beta}\left(-\alpha \log \beta\right) = \frac{\alpha}{\beta}", "sign", "-alpha"),
    (
        r"\frac{d}{dz} \frac{1}{1 + e^{-z}} = \frac{2 e^{-z}}{(1 + e^{-z})^2}",
        "factor 2 dropped",
        "exp(-z)/(1 + exp(-z))**2",
    ),
    (r"\log(t^2) = \log t", "", ""),  # two edits away (2 log t, and t > 0): none intended
]


@pytest.fixture(scope="module")
def audit():
    text = PROSE + "".join(f"$${step}$$\n\n" for step, _, _ in SLIPS)
    return symkl.verify_text(text)


def test_the_intended_fix_is_among_the_repairs_for_most_slips(audit):
    assert [s.verdict for s in audit.steps] == ["refuted"] * len(SLIPS)
    found = [
        any(edit in r["edit"] and step in r["text"] for r in s.repairs)
        for s, (_, edit, step) in zip(audit.steps, SLIPS, strict=True)
        if edit
    ]
    assert all(found), found


def test_every_repair_is_confirmed_and_reads_back_confirmed(audit):
    repairs = [r for s in audit.steps for r in s.repairs]
    assert len(repairs) >= len(SLIPS) - 1
    assert {r["verdict"] for r in repairs} <= {"proved", "holds-numerically"}
    read_back = 0
    for r in repairs:
        (again,) = symkl.verify_text(PROSE + f"$${r['typeset']}$$\n", repairs=False).steps
        if again.verdict != "unparsed":  # symkl's reader does not read all its printer writes
            assert again.verdict in ("proved", "holds-numerically"), (r, again)
            read_back += 1
    assert read_back >= len(repairs) // 2


def test_a_confirmed_or_undecided_step_gets_no_repairs():
    audit = symkl.verify_text("$$a + a = 2a$$\n\n$$x \\approx 1$$\n")
    assert [s.repairs for s in audit.steps] == [(), ()]


def test_repairs_are_shown_in_text_json_and_html(tmp_path, capsys, audit):
    assert "    repair: a product of logs as their sum" in audit_text_lines([audit])
    page = audit_html_page([audit])
    assert "Edits that make the step hold" in page and "<math" in page
    notes = tmp_path / "n.md"
    notes.write_text(PROSE + f"$${SLIPS[0][0]}$$\n")
    assert main(["verify", "--json", str(notes)]) == 1
    (step,) = json.loads(capsys.readouterr().out)["files"][0]["steps"]
    assert step["repairs"][0]["text"] == "log(x*y) = log(x) + log(y)"
    assert set(step["repairs"][0]) == {"edit", "text", "typeset", "verdict"}
    assert main(["verify", "--json", "--no-repairs", str(notes)]) == 1
    (step,) = json.loads(capsys.readouterr().out)["files"][0]["steps"]
    assert step["repairs"] == []
