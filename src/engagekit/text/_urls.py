"""URLs in caption text.

The ``twitter`` rules follow the twitter-text specification: a loose domain
(any characters but spaces and ASCII punctuation) that must end in a known
top-level domain, then an optional port, path and query, each ended on a
character that may end it. Protocol-less URLs keep only their ASCII domains.
The implementation is a left-to-right scan over "runs" (stretches of text
that can hold a domain) with per-label facts computed once, so every input is
processed in linear time: no regular expression here has nested quantifiers.

``mastodon`` uses the same rules but only links URLs that carry ``http://`` or
``https://``; ``bluesky`` follows the Bluesky client (:mod:`._urls_bluesky`).
"""

from __future__ import annotations

import re

from engagekit.models import Link
from engagekit.text import _build
from engagekit.text._dialects import check_dialect
from engagekit.text._tlds import TLDs, tlds
from engagekit.text._urls_bluesky import bluesky_urls

__all__ = ["extract_links", "url_spans"]

Span = tuple[int, int]

_SPACES = "\t\n\x0b\x0c\r \x85\xa0\u1680\u180e" + "".join(map(chr, range(0x2000, 0x200B)))
_SPACES += "\u2028\u2029\u202f\u205f\u3000"
_INVALID = "\ufffe\ufeff\uffff"
_DIRECTIONAL = "\u202a\u202b\u202c\u202d\u202e\u061c\u200e\u200f\u2066\u2067\u2068\u2069"
_PUNCT = "!'#%&()*+,\\-./:;<=>?@[]^_{|}~$"
_BREAKERS = _SPACES + _INVALID + _DIRECTIONAL + _PUNCT.replace(".", "").replace("-", "")
_BREAKERS = _BREAKERS.replace("_", "")

#: Characters that can be part of a domain (labels, dots, ``-`` and ``_``): a "run".
_RUN_CHARS = re.compile("[^" + re.escape(_BREAKERS) + "]*")
_NOT_BEFORE = frozenset("@＠$#＃" + _INVALID)
_ASCII_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ALNUM_RUN = re.compile("[0-9A-Za-z]*")
_PUNY_RUN = re.compile("[-0-9A-Za-z]+")
_NOT_AFTER_TLD = frozenset("@+-") | _ASCII_ALNUM

_LATIN = (
    "\xc0-\xd6\xd8-\xf6\xf8-\xff\u0100-\u024f\u0253\u0254\u0256\u0257\u0259\u025b\u0263"
    "\u0268\u026f\u0272\u0289\u028b\u02bb\u0300-\u036f\u1e00-\u1eff"
)
_CYRILLIC = "\u0400-\u04ff"
_PATH = re.compile(f"[a-zA-Z{_CYRILLIC}0-9!*';:=+,.$/%#\\[\\]\\-\u2013_~&|@{_LATIN}]*")
_PATH_END = re.compile(f"[+\\-a-zA-Z{_CYRILLIC}0-9=_#/{_LATIN}]")
_QUERY = re.compile("[a-zA-Z0-9!?*'@();:&=+$/%#\\[\\]\\-_.,~|]*")
_QUERY_END = frozenset("-_&=#/") | _ASCII_ALNUM
_ASCII_LABEL = re.compile(f"[\\-a-zA-Z0-9{_LATIN}]")
_ASCII_TAIL = re.compile(f"[\\-a-zA-Z0-9{_LATIN}]*")
_ASCII_HOST = re.compile(f"[\\-a-zA-Z0-9{_LATIN}]+(?:\\.[\\-a-zA-Z0-9{_LATIN}]+)+")
_PROTOCOL = re.compile("https?://", re.IGNORECASE)
_TCO = re.compile("https?://t\\.co/([a-zA-Z0-9]+)", re.IGNORECASE)
_DIGITS = re.compile("[0-9]+")
#: A dot that a top-level domain could follow (not the period that ends a sentence).
_TLD_START = re.compile("\\.(?=[A-Za-z]|[^\\x00-\\x7f])")

_MAX_URL = 4096
_MAX_LABEL = 63
_MAX_TCO_SLUG = 40


def _tld_end(text: str, i: int, stop: int, known: TLDs) -> int:
    """End of a top-level domain that starts at ``i``, or -1 (``stop`` acts as end of text)."""
    k = _ALNUM_RUN.match(text, i, stop).end()  # type: ignore[union-attr]
    if k > i:
        nxt = text[k] if k < stop else ""
        if text[i:k].lower() in known.ascii and nxt not in _NOT_AFTER_TLD:
            return k
        if nxt == "-" and text[i : i + 4].lower() == "xn--" and i + 4 < stop:
            m = _PUNY_RUN.match(text, i + 4, stop)
            return -1 if m is None else m.end()
        if nxt.isascii():  # "vermögensberatung": ASCII letters, then the rest of an IDN
            return -1
    if i >= stop or text[i] not in known.idn_first:
        return -1
    for size in known.idn_sizes:
        if i + size <= stop and text[i : i + size].lower() in known.idn:
            j = i + size
            if j >= stop or text[j] not in _NOT_AFTER_TLD:
                return j
    return -1


def _labels(text: str, r0: int, r1: int) -> list[Span]:
    spans = []
    start = r0
    while True:
        dot = text.find(".", start, r1)
        if dot < 0:
            spans.append((start, r1))
            return spans
        spans.append((start, dot))
        start = dot + 1


def _is_d(ch: str) -> bool:
    return ch != "-" and ch != "_"


class _Run:
    """Per-label facts about one run, for constant-time domain tests at any start."""

    __slots__ = ("best_from", "labels", "last_underscore", "tail_ok", "tld")

    def __init__(self, text: str, labels: list[Span], tld: list[int]) -> None:
        self.labels = labels
        self.tld = tld
        n = len(labels)
        tail_ok = [False] * n
        last_underscore = [-1] * n
        best = [-1] * n
        following = -1  # best[k + 1]
        for k in range(n - 1, -1, -1):
            ls, le = labels[k]
            ok = le > ls and text[le - 1] not in "-_"
            under = text.rfind("_", ls, le) if "_" in text[ls:le] else -1
            tail_ok[k] = ok
            last_underscore[k] = under
            b = -1
            if k < n - 1 and ok and text[ls] not in "-_":  # label k can precede another
                if under < 0 and tld[k + 1] >= 0:
                    b = k + 1
                if following > b:
                    b = following
            best[k] = following = b
        self.tail_ok = tail_ok
        self.last_underscore = last_underscore
        self.best_from = best

    def domain_end(self, text: str, j: int, s: int) -> int:
        """End of the longest domain starting at ``s`` inside label ``j``, or -1."""
        if not self.tail_ok[j] or not _is_d(text[s]):
            return -1
        m = -1
        if j + 1 < len(self.labels):
            if s > self.last_underscore[j] and self.tld[j + 1] >= 0:
                m = j + 1
            if self.best_from[j + 1] > m:
                m = self.best_from[j + 1]
        return self.tld[m] if m >= 0 else -1


def _path_end(text: str, i: int) -> int:
    """End of the path whose characters start at ``i`` (just after the ``/``)."""
    n = len(text)
    best = j = i
    while True:
        r = _PATH.match(text, j).end()  # type: ignore[union-attr]
        k = r
        while k > j and not _PATH_END.match(text[k - 1]):
            k -= 1
        if k > j:
            best = k
        if r < n and text[r] == "(":
            b = _balanced(text, r)
            if b < 0:
                return best
            best = j = b
            continue
        return best


def _balanced(text: str, p: int) -> int:
    """End of a ``(...)`` group at ``p`` (one level of nesting), or -1."""
    n = len(text)
    r1 = _PATH.match(text, p + 1).end()  # type: ignore[union-attr]
    if r1 < n and text[r1] == ")" and r1 > p + 1:
        return r1 + 1
    if r1 < n and text[r1] == "(":
        r2 = _PATH.match(text, r1 + 1).end()  # type: ignore[union-attr]
        if r2 > r1 + 1 and r2 < n and text[r2] == ")":
            r3 = _PATH.match(text, r2 + 1).end()  # type: ignore[union-attr]
            if r3 < n and text[r3] == ")":
                return r3 + 1
    return -1


def _query_end(text: str, q: int) -> int:
    """End of the query at ``q`` (the ``?``), or ``q`` when there is none."""
    r = _QUERY.match(text, q + 1).end()  # type: ignore[union-attr]
    k = r
    while k > q + 1 and text[k - 1] not in _QUERY_END:
        k -= 1
    return k if k > q + 1 else q


def _tail(text: str, de: int) -> tuple[int, bool]:
    """End of port, path and query after a domain ending at ``de``; and whether a path exists."""
    n = len(text)
    e = de
    if e < n and text[e] == ":":
        m = _DIGITS.match(text, e + 1)
        if m is not None:
            e = m.end()
    has_path = e < n and text[e] == "/"
    if has_path:
        e = _path_end(text, e + 1)
    if e < n and text[e] == "?":
        e = _query_end(text, e)
    return e, has_path


def _host_ok(text: str, s: int, de: int, url_len: int) -> bool:
    """The punycode test: every label encodes to at most 63 characters, the URL to 4096."""
    extra = 0
    for label in text[s:de].split("."):
        if label.isascii():
            continue
        if label[:4].lower() == "xn--":
            return False
        try:
            size = 4 + len(label.encode("punycode"))
        except UnicodeError:  # pragma: no cover - punycode encodes any str
            return False
        if size > _MAX_LABEL:
            return False
        extra += size - len(label)
    return url_len + extra <= _MAX_URL


def _ascii_domains(text: str, s: int, de: int, known: TLDs) -> list[Span]:
    """The ASCII domains inside the loose domain ``text[s:de]`` (protocol-less URLs)."""
    if _ASCII_HOST.fullmatch(text, s, de):
        # The usual case: no label is empty or has a character outside _ASCII_LABEL, so
        # the scan below runs from s to the last label and keeps it if it ends in a TLD.
        end = _tld_end(text, text.rfind(".", s, de) + 1, de, known)
        if end >= 0:
            return [(s, end)]
    labels = _labels(text, s, de)
    n = len(labels)
    # Where each label's ASCII tail starts (read reversed, so one match per label).
    suffix = [le - _ASCII_TAIL.match(text[ls:le][::-1]).end() for ls, le in labels]  # type: ignore[union-attr]
    tld = [-1] + [_tld_end(text, ls, de, known) for ls, _ in labels[1:]]
    out: list[Span] = []
    floor = s
    j = 0
    while j < n - 1:
        le = labels[j][1]
        a0 = max(suffix[j], floor)
        if a0 >= le:
            j += 1
            continue
        best = -1
        m = j + 1
        while m < n:
            if tld[m] >= 0:
                best = m
            mls, mle = labels[m]
            if m < n - 1 and mle > mls and suffix[m] == mls:
                m += 1
            else:
                break
        if best < 0:
            j = m
            continue
        out.append((a0, tld[best]))
        floor = tld[best]
        j = best
    return out


def _tld_hits(text: str, known: TLDs) -> dict[int, int]:
    """Label start -> end of its top-level domain, for each label after a ``.`` that has one.

    URLs end only there. A label that cannot start a TLD (a digit, a dash) is not listed.
    """
    n = len(text)
    hits = {}
    for m in _TLD_START.finditer(text):
        end = _tld_end(text, m.end(), n, known)
        if end >= 0:
            hits[m.end()] = end
    return hits


def _runs(text: str, hits: dict[int, int]) -> list[Span]:
    """The runs that contain a TLD hit, in order (each found once, by matching outwards)."""
    runs: list[Span] = []
    end = -1
    for h in hits:
        if h < end:
            continue
        # Walk back to the run's start: read a window reversed, widening it if needed.
        width = 64
        while True:
            lo = max(h - width, 0)
            back = _RUN_CHARS.match(text[lo:h][::-1]).end()  # type: ignore[union-attr]
            if back < h - lo or lo == 0:
                break
            width *= 4
        end = _RUN_CHARS.match(text, h).end()  # type: ignore[union-attr]
        runs.append((h - back, end))
    return runs


def _twitter_urls(text: str, *, protocol_less: bool = True) -> list[Span]:
    if "." not in text:
        return []
    known = tlds()
    hits = _tld_hits(text, known)
    if not hits:
        return []
    out: list[Span] = []
    lo = 0  # the earliest position a URL (or its protocol) may start at
    for r0, r1 in _runs(text, hits):
        if r1 <= lo:
            continue
        labels = _labels(text, r0, r1)
        tld = [-1] + [hits.get(ls, -1) for ls, _ in labels[1:]]
        info = _Run(text, labels, tld)
        # A protocol right before the run starts a URL whose domain starts the run.
        proto = None
        for size in (8, 7) if text.startswith("://", r0 - 3) else ():
            q = r0 - size
            if q >= 0 and _PROTOCOL.fullmatch(text, q, r0):
                if (q == 0 and lo == 0) or (
                    q >= max(lo, 1)
                    and text[q - 1] not in _NOT_BEFORE
                    and text[q - 1] not in _ASCII_ALNUM
                ):
                    proto = q
                break
        if proto is not None:
            de = info.domain_end(text, 0, r0)
            if de >= 0:
                end, _ = _tail(text, de)
                lo = end + 1
                url_end = end
                tco = _TCO.match(text, proto, end)
                if tco is not None:
                    url_end = tco.end()
                    if url_end < end and text[url_end] == "?":
                        url_end = min(_query_end(text, url_end), end)
                too_long = tco is not None and tco.end() - tco.start(1) > _MAX_TCO_SLUG
                if not too_long and _host_ok(text, r0, de, end - proto):
                    out.append((proto, url_end))
        for j, (ls, le) in enumerate(labels):
            s = max(ls, lo)
            while s < le:
                before = text[s - 1] if s > 0 else ""
                if s > 0 and (before in _NOT_BEFORE or before in _ASCII_ALNUM):
                    s += 1
                    continue
                de = info.domain_end(text, j, s)
                if de < 0:
                    s += 1
                    continue
                end, has_path = _tail(text, de)
                lo = end + 1
                if (
                    protocol_less
                    and before not in ("-", "_", ".", "/")
                    and _host_ok(text, s, de, end - s + 8)
                ):
                    found = _ascii_domains(text, s, de, known)
                    if found and has_path:
                        found[-1] = (found[-1][0], end)
                    out.extend(found)
                s = lo
            if lo >= r1:
                break
    return out


def url_spans(text: str, dialect: str) -> list[Span]:
    """The ``(start, end)`` code-point spans of the URLs in ``text`` under ``dialect``."""
    if dialect == "bluesky":
        return bluesky_urls(text)
    if dialect == "mastodon":  # only URLs with a protocol, so never without "://"
        return _twitter_urls(text, protocol_less=False) if "://" in text else []
    return _twitter_urls(text)


def extract_links(text: str, *, dialect: str = "twitter") -> tuple[Link, ...]:
    """Find the URLs written in ``text``, in order, with code-point spans.

    >>> [(link.url, link.start, link.end) for link in extract_links(
    ...     "Photos: https://example.org/gallery?id=7. More at city.gov!")]
    [('https://example.org/gallery?id=7', 8, 40), ('city.gov', 50, 58)]
    >>> extract_links("More at city.gov!", dialect="mastodon")
    ()
    """
    check_dialect(dialect)
    return _build.links([(s, e, text[s:e]) for s, e in url_spans(text, dialect)])
