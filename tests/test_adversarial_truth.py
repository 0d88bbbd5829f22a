"""The answer key of the adversarial corpus (tests/corpus/adversarial/key.json) agrees with
an independent high-precision check of every keyed step (tests/corpus/adversarial/truth.py):
no symkl involved, so the key can be trusted to measure whether symkl lies."""

import importlib.util
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus" / "adversarial"


def _truth():
    spec = importlib.util.spec_from_file_location("adversarial_truth", CORPUS / "truth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # puts the corpus folder on sys.path for its data modules
    return module


def test_key_agrees_with_independent_truth():
    truth = _truth()
    problems, counts = truth.check(points=50, seed=truth.SEED)
    assert not problems, "\n".join(problems)
    assert counts["files"] >= 12
    assert counts["keyed"] >= 170
    assert counts["invalid"] >= 50
    assert counts["valid"] + counts["invalid"] == counts["keyed"]
