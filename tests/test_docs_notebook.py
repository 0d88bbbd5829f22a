"""The notebook example in docs/ runs in a real Jupyter kernel (nbclient) and shows the
audit as HTML with typeset steps."""

import os
from pathlib import Path

import nbformat
from jupyter_client import KernelManager
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).parent.parent / "docs" / "verify_text.ipynb"


def test_docs_notebook_runs_and_shows_the_audit_as_html(tmp_path, monkeypatch):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    # the kernel imports this tree's symkl, and talks over a local socket file, not TCP
    monkeypatch.setenv(
        "PYTHONPATH",
        os.pathsep.join(
            [str(NOTEBOOK.parent.parent), *filter(None, [os.environ.get("PYTHONPATH")])]
        ),
    )
    manager = KernelManager(kernel_name="python3", transport="ipc", ip=str(tmp_path / "kernel"))
    NotebookClient(
        nb, km=manager, timeout=120, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    (html,) = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert "<math" in html and "refuted" in html and "<script" not in html
    assert "Edits that make the step hold" in html
    printed = "".join(o.text for o in outputs if o.output_type == "stream")
    assert "3 steps in 1 file(s): 2 proved, 1 refuted" in printed
