"""`symkl report` renders the audits of course notes under reports/notes/."""

from pathlib import Path

from symkl.report import audit_reports

NOTE = r"""# Two steps

$$
\frac{\partial}{\partial \beta} \left[ -\alpha \log \beta - (1-\alpha) \log (1-\beta) \right]
= -\frac{\alpha}{\beta} + \frac{1-\alpha}{1-\beta}
= \frac{\alpha}{\beta}
$$
"""


def test_audits_become_markdown_and_latex(tmp_path: Path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "lecture.md").write_text(NOTE)
    (notes / "ignored.png").write_bytes(b"\\x89PNG")
    files = audit_reports(notes, tmp_path / "out")
    assert set(files) == {tmp_path / "out" / "notes" / f"lecture.{s}" for s in ("md", "tex")}
    md = files[tmp_path / "out" / "notes" / "lecture.md"].decode()
    assert "proved" in md and "refuted" in md
    assert audit_reports(notes, tmp_path / "out") == files  # reproducible
