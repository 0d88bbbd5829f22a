"""The atomic writer and stale check that reports (and later note audits) go through."""

import pytest

from symkl.outputs import Change, changes, write_outputs


def test_write_then_nothing_to_do(tmp_path):
    files = {tmp_path / "a.tex": b"A", tmp_path / "sub" / "b.md": b"B"}
    assert [c.kind for c in write_outputs(files)] == ["missing", "missing"]
    assert (tmp_path / "sub" / "b.md").read_bytes() == b"B"
    assert write_outputs(files) == []
    assert not list(tmp_path.rglob(".*"))  # no temporary files left behind


def test_check_lists_stale_and_missing_files_and_writes_nothing(tmp_path):
    (tmp_path / "a.tex").write_bytes(b"old")
    files = {tmp_path / "a.tex": b"new", tmp_path / "b.md": b"B"}
    found = write_outputs(files, check=True)
    assert found == [Change(tmp_path / "a.tex", "stale"), Change(tmp_path / "b.md", "missing")]
    assert str(found[0]) == f"stale: {tmp_path / 'a.tex'}"
    assert (tmp_path / "a.tex").read_bytes() == b"old" and not (tmp_path / "b.md").exists()
    write_outputs(files)
    assert changes(files) == []


def test_a_failed_write_replaces_no_file(tmp_path):
    (tmp_path / "a.tex").write_bytes(b"old a")
    (tmp_path / "blocker").write_bytes(b"a file where a directory should be")
    files = {tmp_path / "a.tex": b"new a", tmp_path / "blocker" / "b.md": b"B"}
    with pytest.raises(OSError):
        write_outputs(files)
    assert (tmp_path / "a.tex").read_bytes() == b"old a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.tex", "blocker"]


def test_obsolete_files_are_listed_then_removed(tmp_path):
    old = tmp_path / "renamed.md"
    old.write_bytes(b"old report")
    files = {tmp_path / "a.md": b"A"}
    found = write_outputs(files, check=True, obsolete=[old, tmp_path / "never-existed.md"])
    assert found == [Change(tmp_path / "a.md", "missing"), Change(old, "obsolete")]
    assert old.exists()
    write_outputs(files, obsolete=[old])
    assert not old.exists() and (tmp_path / "a.md").read_bytes() == b"A"
