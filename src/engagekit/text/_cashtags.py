"""Cashtags (``$AAPL``): a Twitter feature; the other dialects have none.

A cashtag is ``$`` at the start or after a space, 1-6 ASCII letters and an
optional ``.`` or ``_`` suffix of 1-2 letters (``$TEST.T``), followed by the
end, a space or ASCII punctuation.
"""

from __future__ import annotations

import re

from engagekit.models import Cashtag
from engagekit.text import _build
from engagekit.text._dialects import check_dialect

__all__ = ["cashtag_spans", "extract_cashtags"]

_SPACES = "\t\n\x0b\x0c\r \x85\xa0\u1680\u180e\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CASHTAG = re.compile(
    rf"(?:^|(?<=[{_SPACES}]))\$([A-Za-z]{{1,6}}(?:[._][A-Za-z]{{1,2}})?)"
    rf"(?=$|[{_SPACES}!'#%&()*+,\\\-./:;<=>?@\[\]^_{{|}}~$])"
)


def cashtag_spans(text: str, dialect: str) -> list[tuple[int, int, str]]:
    """``(start, end, symbol)`` for each cashtag (only the ``twitter`` dialect has them)."""
    if dialect != "twitter" or "$" not in text:
        return []
    return [(m.start(), m.end(), m.group(1)) for m in _CASHTAG.finditer(text)]


def extract_cashtags(text: str, *, dialect: str = "twitter") -> tuple[Cashtag, ...]:
    """Find the cashtags in ``text``, spans covering the ``$``.

    >>> [(c.text, c.start, c.end) for c in extract_cashtags("Watching $TEST.T and $abc today")]
    [('TEST.T', 9, 16), ('abc', 21, 25)]
    """
    check_dialect(dialect)
    return _build.cashtags(cashtag_spans(text, dialect))
