"""Checks shared by the tests of the single-format readers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from engagekit.errors import ParseError
from engagekit.models import Post
from engagekit.sources._base import Container, Context


def assert_bad_document(
    read: Callable[[Container, Any], tuple[list[Post], Context]],
    container: Callable[[], Container],
) -> None:
    """A bad document is a :class:`ParseError` with ``errors="raise"``; with ``"collect"`` it is
    one too, or it is reported in the context.

    ``read(container, errors)`` reads a container; ``container()`` makes a fresh one each time.
    """
    with pytest.raises(ParseError):
        read(container(), "raise")
    try:
        _, ctx = read(container(), "collect")
    except ParseError:
        return
    assert ctx.errors  # collected instead
