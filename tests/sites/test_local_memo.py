"""The per-process copy of cache entries: bounded in time and size, never longer than asked."""

import pytest

from sites import local_memo


@pytest.fixture(autouse=True)
def empty_memo():
    local_memo._entries.clear()
    yield
    local_memo._entries.clear()


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(local_memo.time, "monotonic", lambda: now[0])
    return now


def test_an_entry_is_kept_for_the_shorter_of_its_timeout_and_local_seconds(clock):
    local_memo.keep("a", "<nav>A</nav>", 300)
    local_memo.keep("b", "<nav>B</nav>", 5)
    assert local_memo.get("a") == "<nav>A</nav>" and local_memo.get("b") == "<nav>B</nav>"
    clock[0] += 5
    assert local_memo.get("b") is local_memo.MISSING
    assert local_memo.get("a") == "<nav>A</nav>"
    clock[0] += local_memo.LOCAL_SECONDS
    assert local_memo.get("a") is local_memo.MISSING


def test_nothing_is_kept_when_the_cache_is_off(clock):
    local_memo.keep("a", "x", 0)
    assert local_memo.get("a") is local_memo.MISSING


def test_only_the_most_recently_used_entries_are_kept(clock, monkeypatch):
    monkeypatch.setattr(local_memo, "MAX_ENTRIES", 2)
    local_memo.keep("a", "1", 60)
    local_memo.keep("b", "2", 60)
    assert local_memo.get("a") == "1"  # "b" is now the least recently used
    local_memo.keep("c", "3", 60)
    assert local_memo.get("b") is local_memo.MISSING
    assert (local_memo.get("a"), local_memo.get("c")) == ("1", "3")
