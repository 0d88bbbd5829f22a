"""The notes parser's tables kept between runs (symkl.notes.parse._lark): written aside and
renamed, read back only from a private file, rebuilt from a damaged one."""

import os

import pytest

from symkl.notes import parse


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    parse._lark.cache_clear()
    yield tmp_path / "symkl"
    parse._lark.cache_clear()


def _parses(parser) -> bool:
    return parser.parse("a + b") is not None


def test_tables_are_kept_and_read_back(cache, monkeypatch):
    assert _parses(parse._lark())
    kept = list(cache.iterdir())
    assert [p.name.startswith("notes-parser-") for p in kept] == [True]  # no leftovers
    assert oct(cache.stat().st_mode & 0o777) == "0o700"
    parse._lark.cache_clear()
    loaded = []
    real_load = parse.lark.Lark.load
    monkeypatch.setattr(parse.lark.Lark, "load", lambda f: loaded.append(1) or real_load(f))
    assert _parses(parse._lark()) and loaded == [1]


def test_a_file_others_may_write_is_not_loaded(cache, monkeypatch):
    parse._lark()
    (kept,) = cache.iterdir()
    os.chmod(kept, 0o666)
    parse._lark.cache_clear()
    monkeypatch.setattr(parse.lark.Lark, "load", lambda f: pytest.fail("loaded a shared file"))
    assert _parses(parse._lark())


def test_a_damaged_file_is_built_again(cache):
    parse._lark()
    (kept,) = cache.iterdir()
    kept.write_bytes(b"not a pickle")
    parse._lark.cache_clear()
    assert _parses(parse._lark())
    assert kept.read_bytes() != b"not a pickle"  # written again, whole
