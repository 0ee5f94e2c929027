"""A dependency-free detector of likely personal names in captions.

It reads a caption as runs of capitalised words and decides, for each stretch
of words that are not titles, common words, places or organisations, whether it
is a person's name:

* after a title: ``Officer Reyes``, ``Sra. López``, ``Herr Becker``;
* after a cue: ``meet``, ``with``, ``congrats to``, ``shout out to``,
  ``gracias a``, ``merci à``, ``Danke an``, ``mit`` ...;
* with a possessive: ``Aliyah's``;
* joined to another such stretch by ``&``, ``and``, ``y``, ``et``, ``und`` (or a
  comma, in a list that holds a name);
* alone in mid-sentence, unless after a place preposition (``in``, ``at``,
  ``en``, ``à``, ``nach`` ...), ending like a place (``-ville``, ``-field``),
  or in German text, where every noun is capitalised.

Hashtags, mentions, cashtags and URLs are never candidates. ALL-CAPS words,
CamelCase tags and words of one letter are never candidates either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from engagekit.models import Post
from engagekit.privacy import _lexicon as lx
from engagekit.privacy._edit import entity_spans

__all__ = ["MEDIA_AND_NAME", "POSSIBLE_NAME", "NameSpan", "flags", "name_spans"]

#: A flag: the caption or the tagged people probably name a person.
POSSIBLE_NAME = "possible_name"
#: A flag: the post has media and names a person (a photo and a name must not meet).
MEDIA_AND_NAME = "media_and_name"


@attrs.frozen(kw_only=True)
class NameSpan:
    """A likely personal name: code points ``start`` to ``end`` (exclusive) of a text."""

    start: int
    end: int
    text: str


_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
_MASK = re.compile(
    r"[#＃@＠$][\w.\-]*\w"
    r"|(?:https?://|www\.)\S+"
    # a domain starts where a dotted run starts: starting inside one (at any word boundary)
    # made "a.a.a...." quadratic, each start scanning to the end of the run
    r"|(?<![\w.\-])[\w\-]+(?:\.[\w\-]+)*"
    r"\.(?:com|org|net|gov|edu|us|uk|de|fr|es|it|pt|io|ly|social|app)"
    r"\b\S*",
    re.IGNORECASE,
)
_PREFIXED = re.compile(r"(?:Mc|Mac|De|Di|Da|La|Le)[^\W\d_a-z][^\W\d_A-Z]+")
_ELISION = re.compile(r"[ldjmnstcq]['’](?=[^\W\d_])", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\u00a0]+")
_TITLE_GAP = re.compile(r"\.?[ \t\u00a0]+")
_CUE_GAP = re.compile(r"[\s,:\-–—]*")
_LINK = re.compile(r"[ \t\u00a0]*(?:(?P<word>[^\W\d_]+|&)[ \t\u00a0]+|,[ \t\u00a0]*)")
_ABBREVIATED = re.compile(r"(?:^|(?<=\s))(?:M|Mr|Mrs|Ms|Dr|Sgt|Lt|Sr|Sra)\.[ \t\u00a0]+\Z")
_SENTENCE_END = frozenset(".!?…\n\r:;\"“”(«»¡¿")
_GERMAN_NOUN = ("ung", "heit", "keit", "schaft", "tion", "tät", "nis", "tum", "ismus", "chen")

_TITLE, _ORG, _STOP, _CAND = range(4)
#: Cue words, connectors, prepositions and articles are never part of a name.
_FUNCTION = lx.CUES | lx.CONNECTORS | lx.PLACE_PREPOSITIONS | lx.ARTICLES
_K9 = re.compile(r"\bK-?9[ \t\u00a0]+\Z")
_FAMILY = frozenset({"family", "familia", "famille", "familie", "família", "famiglia"})
_SAINT = re.compile(
    r"(?:\b(?:St|Ste|Sta|S)\.|\b(?:Saint|Sainte|San|Santa|Sankt|São))[ \t\u00a0]+\Z")


def _is_capitalised(word: str) -> bool:
    if len(word) < 2:
        return False
    for part in re.split(r"['’\-]", word):
        if not part:
            return False
        if part[0].isupper() and (len(part) == 1 or not any(ch.isupper() for ch in part[1:])):
            continue
        if not _PREFIXED.fullmatch(part):
            return False
    return any(ch.islower() for ch in word)


@attrs.define
class _Token:
    start: int
    end: int
    word: str
    fold: str
    cap: bool
    possessive: bool = False
    elided: bool = False
    kind: int = _CAND


def _tokens(text: str, masked: list[tuple[int, int]]) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if any(s < end and start < e for s, e in masked):
            continue
        elision = _ELISION.match(word)
        elided = bool(elision) and len(word) > 2
        if elided:
            start += 2
            word = word[2:]
        possessive = False
        if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
            word, end, possessive = word[:-2], end - 2, True
        out.append(_Token(start, end, word, word.casefold(), _is_capitalised(word), possessive,
                          elided))
    return out


def _kind(token: _Token, german: bool) -> int:
    fold = token.fold
    if fold in lx.TITLES or fold + "." in lx.TITLES:
        return _TITLE
    if fold in lx.ORG_WORDS:
        return _ORG
    if fold in lx.STOP or fold in _FUNCTION or (german and fold.endswith(_GERMAN_NOUN)):
        return _STOP
    return _CAND


def _looks_german(tokens: list[_Token], lang: str | None) -> bool:
    if lang is not None:
        return lang.lower().startswith("de")
    seen = {t.fold for t in tokens if t.fold in lx.GERMAN_MARKERS}
    umlaut = any(ch in t.fold for t in tokens for ch in "äöüß")
    return len(seen) + umlaut >= 2


def _place_like(fold: str) -> bool:
    return any(fold.endswith(e) and len(fold) - len(e) >= 3 for e in lx.PLACE_ENDINGS)


class _Caption:
    """One caption's tokens, runs and segments, and the decisions about them."""

    def __init__(self, text: str, lang: str | None, skip: Iterable[tuple[int, int]]) -> None:
        self.text = text
        masked = [(m.start(), m.end()) for m in _MASK.finditer(text)] if any(
            c in text for c in "#＃@＠$.") else []
        masked.extend(skip)
        self.tokens = _tokens(text, masked)
        self.german = _looks_german(self.tokens, lang)
        for t in self.tokens:
            if t.cap:
                t.kind = _kind(t, self.german)

    def _gap(self, a: _Token, b: _Token) -> str:
        return self.text[a.end + (2 if a.possessive else 0):b.start]

    def _runs(self) -> list[list[int]]:
        runs: list[list[int]] = []
        current: list[int] = []
        for i, t in enumerate(self.tokens):
            if not t.cap:
                if current:
                    runs.append(current)
                current = []
                continue
            if current:
                prev = self.tokens[current[-1]]
                gap = self._gap(prev, t)
                joined = _SPACE.fullmatch(gap) or (
                    prev.kind == _TITLE and _TITLE_GAP.fullmatch(gap))
                if not joined or prev.possessive:
                    runs.append(current)
                    current = []
            current.append(i)
        if current:
            runs.append(current)
        return runs

    def _before(self, i: int, n: int) -> tuple[str, ...]:
        """The ``n`` words before token ``i`` when only spaces and light punctuation part them."""
        words: list[str] = []
        j = i
        while len(words) < n and j > 0:
            prev, cur = self.tokens[j - 1], self.tokens[j]
            if not _CUE_GAP.fullmatch(self._gap(prev, cur)):
                break
            words.insert(0, prev.fold)
            j -= 1
        return tuple(words)

    def _initial(self, i: int) -> bool:
        start = self.tokens[i].start
        k = start - 1
        while k >= 0 and self.text[k] in " \t\u00a0":
            k -= 1
        if k < 0:
            return True
        ch = self.text[k]
        return ch in _SENTENCE_END or not (ch.isalnum() or ch in ",&-'’")

    def _after_org(self, first: int) -> bool:
        """Whether a word such as ``rue``, ``calle`` or ``school`` comes right before."""
        if not first:
            return False
        prev = self.tokens[first - 1]
        return bool(_SPACE.fullmatch(self._gap(prev, self.tokens[first]))) and (
            prev.fold in lx.ORG_WORDS)

    def _not_person(self, first: int) -> bool:
        """A saint's day, a street named for a saint, a police dog or a pet."""
        start = self.tokens[first].start
        if _SAINT.search(self.text, 0, start) or _K9.search(self.text, 0, start):
            return True
        before = self._before(first, 1)
        return bool(before) and before[0] in lx.ANIMALS

    def _cued(self, first: int) -> bool:
        if _ABBREVIATED.search(self.text, 0, self.tokens[first].start):
            return True
        before = self._before(first, 2)
        if before and (before[-1] in lx.CUES or before[-1] in lx.TITLES
                       or before[-1] + "." in lx.TITLES):
            return True
        return len(before) == 2 and before in lx.CUES_2

    def spans(self) -> tuple[NameSpan, ...]:
        segments: list[tuple[int, int]] = []  # token index ranges [first, last]
        strong: list[bool] = []
        for run in self._runs():
            kinds = [self.tokens[i].kind for i in run]
            org = _ORG in kinds
            k = 0
            while k < len(run):
                titled = k > 0 and kinds[k - 1] == _TITLE
                allowed = (_CAND, _ORG) if titled else (_CAND,)
                if kinds[k] != _CAND:
                    k += 1
                    continue
                j = k
                while j + 1 < len(run) and kinds[j + 1] in allowed and j - k < 3:
                    j += 1
                first, last = run[k], run[j]
                k = j + 1
                if not titled and (org or self._after_org(first) or self._not_person(first)):
                    continue
                segments.append((first, last))
                strong.append(titled or self._cued(first) or self._followed(first, last)
                              or self.tokens[last].possessive or self._vocative(first, last))
        names = self._decide(segments, strong)
        out = []
        for (first, last), keep in zip(segments, names, strict=True):
            if keep:
                s, e = self.tokens[first].start, self.tokens[last].end
                out.append(NameSpan(start=s, end=e, text=self.text[s:e]))
        return tuple(out)

    def _next(self, last: int, n: int) -> tuple[str, ...]:
        """The ``n`` words after token ``last`` when only spaces part them."""
        words: list[str] = []
        j = last
        while len(words) < n and j + 1 < len(self.tokens):
            cur, nxt = self.tokens[j], self.tokens[j + 1]
            if not _SPACE.fullmatch(self._gap(cur, nxt)):
                break
            words.append(nxt.fold)
            j += 1
        return tuple(words)

    def _followed(self, first: int, last: int) -> bool:
        """"Isabella and her mom", "the Johnson family", "Mia got", "Alice a dessiné"."""
        after = self._next(last, 3)
        if not after:
            return False
        if after[0] in _FAMILY:
            return True
        before = self._before(first, 1)
        if before and before[0] in lx.ARTICLES:
            return False  # "Eine Streife hat ...": a thing, not a person
        if after[0] in lx.PERSON_VERBS:
            return True
        if after[0] == "a" and len(after) > 1 and after[1].endswith("é"):
            return True
        return (after[0] in lx.CONNECTORS and len(after) > 1
                and ((after[1] in lx.RELATIVES and after[1] not in lx.ARTICLES)
                     or (len(after) > 2 and after[2] in lx.RELATIVES
                     and after[2] not in lx.ARTICLES)))

    def _vocative(self, first: int, last: int) -> bool:
        """A name addressed at the end of a sentence: "Happy retirement, Linda!"."""
        if last - first > 2:
            return False
        head = self.text[:self.tokens[first].start].rstrip(" \t\u00a0")
        tail = self.text[self.tokens[last].end:].lstrip(" \t\u00a0")
        return head.endswith(",") and (not tail or tail[0] in "!?.")

    def _bare(self, first: int, last: int) -> bool:
        if self.german or last - first >= 3 or self._initial(first):
            return False
        if any(_place_like(self.tokens[i].fold) for i in range(first, last + 1)):
            return False
        token = self.tokens[first]
        if token.elided or _SAINT.search(self.text, 0, token.start):
            return False
        before = self._before(first, 1)
        return not (before and (before[0] in lx.PLACE_PREPOSITIONS or before[0] in lx.ARTICLES))

    def _decide(self, segments: list[tuple[int, int]], strong: list[bool]) -> list[bool]:
        names = list(strong)
        # link neighbouring segments joined by a connector word or a comma
        groups: list[list[int]] = []
        connected: list[bool] = []
        for n, (first, _) in enumerate(segments):
            if n and self._linked(segments[n - 1][1], first) is not None:
                groups[-1].append(n)
                connected[-1] = connected[-1] or self._linked(segments[n - 1][1], first) == "word"
            else:
                groups.append([n])
                connected.append(False)
        for group, by_word in zip(groups, connected, strict=True):
            # German capitalises every noun: "Spiel und Spaß" needs a cue to be names
            if len(group) > 1 and ((by_word and not self.german) or any(names[n] for n in group)):
                for n in group:
                    names[n] = True
        for n, (first, last) in enumerate(segments):
            if not names[n] and self._bare(first, last):
                names[n] = True
        return names

    def _linked(self, last: int, first: int) -> str | None:
        gap = self._gap(self.tokens[last], self.tokens[first])
        m = _LINK.fullmatch(gap)
        if m is None or first != last + 1 + (1 if m.group("word") and m.group("word") != "&"
                                               else 0):
            return None
        word = m.group("word")
        if word is None:
            return "comma"
        return "word" if word.casefold() in lx.CONNECTORS else None


def name_spans(text: str, *, lang: str | None = None,
               skip: Iterable[tuple[int, int]] = ()) -> tuple[NameSpan, ...]:
    """The likely personal names in ``text``, in order, as :class:`NameSpan` values.

    ``lang`` (a BCP 47 tag such as ``"de"``) says which language the text is in
    when known; ``skip`` lists more spans (start, end) that are never names,
    such as a post's entity spans.

    >>> [n.text for n in name_spans("Great to meet Giselle & Aliyah today! #Springfield")]
    ['Giselle', 'Aliyah']
    >>> name_spans("Thanks to Springfield Police Department on Main Street")
    ()
    """
    return _Caption(text, lang, skip).spans()


def flags(post: Post) -> frozenset[str]:
    """What to check before using ``post``: ``possible_name`` and ``media_and_name``.

    ``possible_name`` when the caption or a media alt text probably names a
    person, or people are tagged; ``media_and_name`` when, in addition, the post
    has media.

    >>> import engagekit as ek
    >>> from datetime import datetime, timezone
    >>> post = ek.Post(id="1", platform="instagram",
    ...                created_at=datetime(2026, 5, 2, tzinfo=timezone.utc),
    ...                text="Great to meet Giselle & Aliyah today!",
    ...                media=[ek.Media(kind="photo", uri="media/1.jpg")])
    >>> sorted(ek.flags(post))
    ['media_and_name', 'possible_name']
    """
    named = (bool(post.tagged)
             or bool(post.text and name_spans(post.text, lang=post.lang,
                                              skip=entity_spans(post)))
             or any(m.alt_text and name_spans(m.alt_text, lang=post.lang) for m in post.media))
    if not named:
        return frozenset()
    if post.media:
        return frozenset((POSSIBLE_NAME, MEDIA_AND_NAME))
    return frozenset((POSSIBLE_NAME,))
