"""Retweets: how the X/Twitter readers tell one, and what it names.

A v1.1 status carries the status it retweets in ``retweeted_status``; a v2 post
lists it in ``referenced_tweets`` with type ``retweeted``. Where the source gives
no such signal (an archive tweet, which never carries ``retweeted_status``, and a
v2 page fetched with default fields), a text starting ``RT @name`` is a retweet
of a post by ``name``; that text names no post id.

>>> text_retweet("RT @SpringfieldPD: Coffee with a cop at 9!")
'SpringfieldPD'
>>> text_retweet("RTs welcome @SpringfieldPD") is None
True
>>> retweet_ref("1790000000000000001", "SpringfieldPD")
PostRef(id='1790000000000000001', author='SpringfieldPD', url='https://x.com/SpringfieldPD/status/1790000000000000001')
>>> retweet_ref(None, "SpringfieldPD")
PostRef(id=None, author='SpringfieldPD', url=None)
"""

from __future__ import annotations

import re
from typing import Any

from engagekit.models import PostRef
from engagekit.sources._twitter.common import status_url

__all__ = ["find_retweet", "retweet_ref", "status_retweet", "text_retweet"]

_RT = re.compile(r"RT @([A-Za-z0-9_]+)")


def text_retweet(raw: str) -> str | None:
    """The username an old-style retweet's text starts with (``RT @name``), or None."""
    found = _RT.match(raw)
    return found.group(1) if found else None


def find_retweet(retweeted: Any, raw: str | None) -> tuple[bool, PostRef | None]:
    """Whether a status is a retweet, and what it retweets as far as it says.

    ``retweeted`` is its ``retweeted_status`` (None when absent); ``raw`` is its
    text where the text rule applies (None where the source's structure decides).
    """
    name = None if raw is None else text_retweet(raw)
    if retweeted is None and name is None:
        return False, None
    ref = status_retweet(retweeted)
    if ref is None and name is not None:
        ref = retweet_ref(None, name)
    return True, ref


def retweet_ref(post_id: str | None, username: str | None) -> PostRef:
    """What a retweet names: the retweeted post's id, its author, and its address when both
    are known. One of ``post_id`` and ``username`` must be given."""
    url = status_url(username, post_id) if post_id else None
    return PostRef(id=post_id, author=username, url=url)


def status_retweet(value: Any) -> PostRef | None:
    """The reference a v1.1 ``retweeted_status`` object gives (its ``id_str`` and its
    user's ``screen_name``), or None when it gives neither as a string."""
    if type(value) is not dict:
        return None
    post_id = value.get("id_str")
    if type(post_id) is not str or not post_id:
        number = value.get("id")
        post_id = str(number) if type(number) is int and number >= 0 else None
    user = value.get("user")
    username = user.get("screen_name") if type(user) is dict else None
    if type(username) is not str or not username:
        username = None
    if post_id is None and username is None:
        return None
    return retweet_ref(post_id, username)
