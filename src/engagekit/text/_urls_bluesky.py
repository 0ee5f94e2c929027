"""URLs under the Bluesky client's rules.

A URL starts the text or follows a space or ``(``, and runs to the next space.
With ``http://`` or ``https://`` anything goes; without, it must begin with a
domain (``[a-z][a-z0-9]*`` labels joined by dots, the first without a dash)
that ends in a known top-level domain. One trailing ``.,;!?`` is dropped, and
a trailing ``)`` when the URL has no ``(``.
"""

from __future__ import annotations

import re

from engagekit.text._tlds import TLDs, tlds

__all__ = ["bluesky_urls"]

Span = tuple[int, int]

_PROTOCOL = re.compile("https?://", re.IGNORECASE)
_BSKY_START = re.compile(r"(?:^|(?<=[\s(]))(?:https?://\S|[a-zA-Z][a-zA-Z0-9]*\.[a-zA-Z0-9])")
_BSKY_DOMAIN = re.compile(r"[a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z0-9]+)+")
_NONSPACE = re.compile(r"\S*")
_DOT_ALNUM = re.compile(r"\.[a-zA-Z0-9]")


def _valid_handle_domain(domain: str, known: TLDs) -> bool:
    dot = domain.rfind(".")
    return dot > 0 and domain[dot + 1 :].lower() in known.ascii


def bluesky_urls(text: str) -> list[Span]:
    """``(start, end)`` spans of the URLs in ``text`` under the Bluesky client's rules."""
    if "." not in text:
        return []
    if "://" not in text and _DOT_ALNUM.search(text) is None:
        return []  # every start below has one or the other (and the search is slow)
    known = tlds()
    out: list[Span] = []
    pos = 0
    while True:
        m = _BSKY_START.search(text, pos)
        if m is None:
            return out
        s = m.start()
        end = _NONSPACE.match(text, s).end()  # type: ignore[union-attr]
        pos = end
        if not _PROTOCOL.match(text, s):
            dm = _BSKY_DOMAIN.match(text, s)
            if dm is None or not _valid_handle_domain(dm.group(), known):
                continue
        if text[end - 1] in ".,;!?":
            end -= 1
        if text[end - 1] == ")" and "(" not in text[s:end]:
            end -= 1
        if end > s:
            out.append((s, end))
