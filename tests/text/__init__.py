"""Tests of engagekit.text."""
