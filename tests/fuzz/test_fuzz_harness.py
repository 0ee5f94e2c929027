"""The atheris harness of ``scripts/fuzz/fuzz_reader.py`` reads its seeds, and says what to do
when atheris is missing (it is not a dependency)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.fuzz._core import READERS, SEEDS

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "fuzz" / "fuzz_reader.py"


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_reader", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("reader", READERS)
def test_the_harness_reads_seeds_and_junk(reader: str) -> None:
    harness = _harness()
    for i, seed in enumerate(SEEDS[reader]):
        harness.one_input(reader, bytes([i]) + seed.members[seed.target])
    for junk in (b"", b"\x00", b"\x01[{", b"\x02\xff\xfe\x00"):
        harness.one_input(reader, junk)
    harness.one_input("parse_text", b"#a @b \xff https://x.example")


@pytest.mark.skipif(importlib.util.find_spec("atheris") is not None,
                    reason="atheris is installed: the missing-atheris message cannot show")
def test_without_atheris_the_harness_says_how_to_get_it() -> None:
    run = subprocess.run([sys.executable, str(SCRIPT), "csv"], capture_output=True, text=True,
                         check=False, env={"PYTHONPATH": str(SCRIPT.parents[2] / "src")})
    assert run.returncode == 1
    assert "atheris is not installed: pip install atheris" in run.stderr


def test_an_unknown_target_is_refused() -> None:
    run = subprocess.run([sys.executable, str(SCRIPT), "myspace"], capture_output=True,
                         text=True, check=False,
                         env={"PYTHONPATH": str(SCRIPT.parents[2] / "src")})
    assert run.returncode == 1
    assert "usage:" in run.stderr
