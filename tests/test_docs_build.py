"""The documentation site builds with warnings as errors, and documents every public name."""

from __future__ import annotations

import importlib
import pkgutil
import posixpath
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

import engagekit

ROOT = Path(__file__).resolve().parents[1]


def public_modules() -> list[ModuleType]:
    """engagekit and every module under it with no private part in its name."""
    found = [engagekit]
    for info in pkgutil.walk_packages(engagekit.__path__, "engagekit."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            found.append(importlib.import_module(info.name))
    return found


def undocumented(inventory: set[str]) -> list[str]:
    """Each public ``module.name`` whose object has no entry in ``inventory``.

    A name counts as documented under its own full name, or where the very same object is
    documented under the same last name (``engagekit.Post`` is ``engagekit.models.Post``).
    """
    seen: set[tuple[int, str]] = set()
    for documented in inventory:
        module_name, _, last = documented.rpartition(".")
        module = sys.modules.get(module_name)
        if module is not None and hasattr(module, last):
            seen.add((id(getattr(module, last)), last))
    missing = []
    for module in public_modules():
        for name in module.__all__:
            full = f"{module.__name__}.{name}"
            if name.startswith("__") or full in inventory:
                continue
            if (id(getattr(module, name)), name) not in seen:
                missing.append(full)
    return missing


def test_site_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    for package in ("sphinx", "myst_parser", "furo"):
        pytest.importorskip(package, reason=f"{package} is not installed: pip install -e '.[docs]'")
    from sphinx.util.inventory import InventoryFile

    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         "-d", str(tmp_path / "doctrees"), str(ROOT / "docs"), str(tmp_path / "site")],
        capture_output=True, text=True, timeout=900, cwd=ROOT, check=False,
    )
    print(f"sphinx-build -W took {time.perf_counter() - started:.0f} s")
    assert done.returncode == 0, done.stderr[-5000:]

    with (tmp_path / "site" / "objects.inv").open("rb") as stream:
        inventory = InventoryFile.load(stream, "", posixpath.join)
    python_names = {
        name for role, entries in inventory.items() if role.startswith("py:") for name in entries
    }
    assert undocumented(python_names) == []
    pages = {module.__name__ for module in public_modules()} - python_names
    assert not pages, f"no API page for {sorted(pages)}: add docs/api/*.md with automodule"

    # the reference shows signatures and docstrings, not bare names
    models = (tmp_path / "site" / "api" / "models.html").read_text(encoding="utf-8")
    assert 'id="engagekit.models.Post"' in models
    assert "created_at" in models
    assert "One post by one account" in models
