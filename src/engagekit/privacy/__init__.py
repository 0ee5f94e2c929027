"""Safe handling of the people in posts: pseudonyms, name flags, redaction, coarse places.

See ``docs/privacy.md`` for what each function removes and what remains the user's job.
"""

from engagekit.privacy._names import MEDIA_AND_NAME, POSSIBLE_NAME, NameSpan, flags, name_spans
from engagekit.privacy._pseudonym import (
    MIN_KEY_BYTES,
    PSEUDONYM_BITS,
    Pseudonymizer,
    pseudonymize,
)

__all__ = [
    "MEDIA_AND_NAME",
    "MIN_KEY_BYTES",
    "POSSIBLE_NAME",
    "PSEUDONYM_BITS",
    "NameSpan",
    "Pseudonymizer",
    "flags",
    "name_spans",
    "pseudonymize",
]
