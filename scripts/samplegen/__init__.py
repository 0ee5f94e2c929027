"""The pieces of ``scripts/build_sample_exports.py``: who posts what in the sample
(:mod:`.world`, :mod:`.captions`), the posts before a platform writes them (:mod:`.common`),
and one writer per export layout (:mod:`.meta`, :mod:`.x`, :mod:`.mastodon`, :mod:`.bluesky`).
"""
