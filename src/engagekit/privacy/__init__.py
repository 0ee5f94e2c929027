"""Safe handling of the people in posts: pseudonyms, name flags, redaction, coarse places.

* :func:`pseudonymize`: keyed, stable pseudonyms for every handle and id;
* :func:`flags` and :func:`name_spans`: a dependency-free detector of personal names;
* :func:`redact`: names, tagged people and private mentions become ``[name 1]`` ...;
* :func:`coarsen`: coordinates snapped to a grid, or only the locality kept;
* :func:`drop_older_than` and :func:`erase`: retention and erasure.

See ``docs/privacy.md`` for what each function removes and what remains the user's job.
"""

from engagekit.privacy._erase import ErasedFile, ErasureReport, erase
from engagekit.privacy._names import MEDIA_AND_NAME, POSSIBLE_NAME, NameSpan, flags, name_spans
from engagekit.privacy._places import EARTH_RADIUS_KM, coarsen, snap
from engagekit.privacy._pseudonym import (
    MIN_KEY_BYTES,
    PSEUDONYM_BITS,
    Pseudonymizer,
    pseudonymize,
)
from engagekit.privacy._redact import placeholder, redact, redact_post
from engagekit.privacy._retention import drop_older_than

__all__ = [
    "EARTH_RADIUS_KM",
    "MEDIA_AND_NAME",
    "MIN_KEY_BYTES",
    "POSSIBLE_NAME",
    "PSEUDONYM_BITS",
    "ErasedFile",
    "ErasureReport",
    "NameSpan",
    "Pseudonymizer",
    "coarsen",
    "drop_older_than",
    "erase",
    "flags",
    "name_spans",
    "placeholder",
    "pseudonymize",
    "redact",
    "redact_post",
    "snap",
]
