"""Shared test configuration: Hypothesis profiles and the reference-data location."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Shared helpers that assert: let pytest explain their failures like a test's own asserts.
pytest.register_assert_rewrite("tests._meta_export", "tests._reading")

settings.register_profile("dev", max_examples=50)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

#: Licensed real samples and the twitter-text suite live beside the checkout, never in it.
REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"


def reference(*parts: str) -> Path:
    """Path to a file under ../shared/reference, or skip the test saying why."""
    path = REFERENCE.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"reference data not present: {path} (clone with ../shared beside it)")
    return path
