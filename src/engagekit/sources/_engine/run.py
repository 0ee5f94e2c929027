"""Running one reader over one open container: the loop every reading shares.

:func:`posts_of` applies the options every reader shares (``Context.admit``) and
turns a failure of the whole export, or a reader's own bug, into a
:class:`~engagekit.errors.ParseError` for the context's error policy.
:func:`run_reader` does that and closes the container at the end. Used by
:func:`engagekit.read_posts` and by the tasks of :mod:`engagekit.dask`.
"""

from __future__ import annotations

from collections.abc import Generator

from engagekit.errors import ParseError
from engagekit.models import Post
from engagekit.sources._engine.base import Container, Context, Reader

__all__ = ["posts_of", "run_reader"]

#: What a reader's own bug raises; turned into a ParseError (the cause kept) so that a
#: caller handling bad input never meets another exception type.
_BUGS = (KeyError, IndexError, TypeError, ValueError, AttributeError, RecursionError,
         OverflowError, UnicodeError, AssertionError)


def posts_of(reader: Reader, container: Container,
             ctx: Context) -> Generator[Post, None, None]:
    """One reader's posts of an open container through ``ctx.admit``; a failure of the
    whole export goes to ``ctx``."""
    try:
        for post in reader.read(container, ctx):
            kept = ctx.admit(post)
            if kept is not None:
                yield kept
    except ParseError as err:
        ctx.fail(err)
    except _BUGS as exc:
        bug = ParseError(
            f"unexpected {type(exc).__name__} in the {reader.FORMAT} reader "
            f"(please report this as an engagekit bug): {exc}",
            source=container.name,
        )
        bug.__cause__ = exc
        ctx.fail(bug)


def run_reader(reader: Reader, container: Container,
               ctx: Context) -> Generator[Post, None, None]:
    """One reader over one container, members it ignored counted, closed at the end."""
    try:
        for reason in container.ignored.values():
            ctx.skip(f"member:{reason}")
        yield from posts_of(reader, container, ctx)
    finally:
        container.close()
