"""The command group: --version, --help with examples, exit codes, one-line errors, the scripts."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engagekit.cli import main
from engagekit.cli._app import _one_line, group
from engagekit.errors import ParseError
from tests.cli._cli import run

COMMANDS = ["read", "stats", "report", "demo", "detect", "schema"]


def test_version_comes_from_the_package_metadata() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"engagekit, version {importlib.metadata.version('engagekit')}\n"


def test_help_lists_every_command_with_examples() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in result.stdout
    assert "Examples:" in result.stdout
    assert "engagekit demo" in result.stdout
    assert sorted(group.commands) == sorted(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_shows_an_example(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"  engagekit {name}" in result.stdout


def test_usage_errors_exit_with_2() -> None:
    assert run("nonsense").exit_code == 2
    assert run("stats").exit_code == 2  # SOURCE missing
    assert run("stats", "x.jsonl", "--by", "colour").exit_code == 2


def test_bad_input_is_one_line_on_stderr_and_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.zip"
    result = run("stats", missing)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"engagekit: error: {missing}: no such file or folder\n"


@pytest.mark.parametrize("where", ["group", "command"])
def test_debug_shows_the_error_itself(tmp_path: Path, where: str) -> None:
    args = ["stats", str(tmp_path / "missing.zip")]
    args = ["--debug", *args] if where == "group" else [*args, "--debug"]
    with pytest.raises(ParseError, match="no such file or folder"):
        run(*args)


def test_an_os_error_reads_as_file_and_reason() -> None:
    error = FileNotFoundError(2, "No such file or directory", "out/posts.csv")
    assert _one_line(error) == "out/posts.csv: No such file or directory"
    assert _one_line(ParseError("bad\n  value", source="a.json")) == "a.json: bad value"


def test_main_runs_the_group() -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"], standalone_mode=True)
    assert exit_.value.code == 0


def test_python_m_engagekit_without_click_says_what_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import engagekit.__main__ as entry

    for name in [m for m in sys.modules if m == "engagekit.cli" or m.startswith("engagekit.cli.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "click", None)
    with pytest.raises(SystemExit) as exit_:
        entry.main()
    assert exit_.value.code == ("engagekit: error: the command line needs click: "
                                "pip install 'engagekit[cli]'")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONWARNINGS": "error"}


def test_python_m_engagekit_runs_in_a_subprocess() -> None:
    done = subprocess.run([sys.executable, "-m", "engagekit", "--version"], capture_output=True,
                          text=True, timeout=60, env=_env(), check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("engagekit, version ")


def test_the_installed_script_runs() -> None:
    script = Path(sys.executable).parent / "engagekit"
    if not script.exists():
        script = Path(shutil.which("engagekit") or "engagekit")
    if not script.exists():
        pytest.skip("the engagekit script is not installed (pip install -e '.[cli]')")
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60,
                          env=_env(), check=False)
    assert done.returncode == 0, done.stderr
    assert "Usage: engagekit [OPTIONS] COMMAND" in done.stdout


def test_import_engagekit_imports_neither_click_nor_rich() -> None:
    code = ("import sys, engagekit\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'click', 'rich'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, env=_env(), check=True)
    assert done.stdout == "[]\n"
