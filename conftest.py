"""Run every code block in docs/ and every docstring example in src/ (Sybil).

A ```python block in docs/ is either a doctest session (it starts with ``>>>``; the sessions
of a page share one namespace, in page order) or a whole script, which runs as
``python script.py`` would: alone, as ``__main__``, in an empty working directory. A script
that leans on a name from an earlier block, or on a file it did not write, fails here as it
would for a reader who copied it.
"""

from __future__ import annotations

import contextlib
import tempfile
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Example, Sybil
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser, SkipParser
from sybil.parsers.rest import DocTestParser


def run_script(example: Example) -> None:
    """Run one ```python block that is a whole script, as its own ``__main__``."""
    # pad so that a traceback's line numbers are the page's
    source = "\n" * (example.line + example.parsed.line_offset) + example.parsed
    code = compile(source, example.path, "exec", dont_inherit=True)
    with tempfile.TemporaryDirectory() as folder, contextlib.chdir(folder):
        exec(code, {"__name__": "__main__", "__file__": example.path})


class PythonBlockParser(PythonCodeBlockParser):
    """Doctest sessions as Sybil runs them; whole scripts through :func:`run_script`."""

    def __init__(self, doctest_optionflags: int) -> None:
        super().__init__(doctest_optionflags=doctest_optionflags)
        self.codeblock_parser = CodeBlockParser("python", run_script)


_docs = Sybil(
    parsers=[
        PythonBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE),
        SkipParser(),
    ],
    patterns=["*.md"],
    path="docs",
)
_docstrings = Sybil(
    parsers=[DocTestParser(optionflags=ELLIPSIS | NORMALIZE_WHITESPACE)],
    patterns=["*.py"],
    path="src",
)

pytest_collect_file = (_docs + _docstrings).pytest()
