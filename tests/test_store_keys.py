"""What makes two articles the same: content hash and canonical URL."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.store import canonical_url, content_hash


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTP://www.Example.com:80/a/?utm_source=x&b=2#top", "https://example.com/a?b=2"),
    ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2"),
    ("https://example.com:8443/x/", "https://example.com:8443/x"),
    ("https://example.com/", "https://example.com"),
    ("https://example.com/p?fbclid=abc&id=7", "https://example.com/p?id=7"),
    ("ftp://example.com/file", None),
    ("not a url", None),
    ("", None),
    (None, None),
])
def test_store_keys_canonical_url(url: str | None, expected: str | None) -> None:
    assert canonical_url(url) == expected


@given(st.text())
def test_store_keys_canonical_url_never_raises(url: str) -> None:
    result = canonical_url(url)
    assert result is None or result.startswith("https://")


@given(st.text(min_size=1))
def test_store_keys_canonical_url_is_idempotent(path: str) -> None:
    first = canonical_url("https://example.com/" + path)
    assert first is None or canonical_url(first) == first


@given(st.text(), st.text(alphabet=" \t\n", min_size=1))
def test_store_keys_content_hash_ignores_whitespace(text: str, space: str) -> None:
    assert content_hash(text) == content_hash(space + text.replace(" ", space) + space)


def test_store_keys_content_hash_tells_texts_apart() -> None:
    assert content_hash("Five killed in Sumy.") != content_hash("Six killed in Sumy.")
