"""The README's set-up commands are the ones CI runs, so a newcomer's copy-paste stays true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    return [line for block in blocks[:2] for line in block.splitlines() if line and not line.startswith("#")]


def test_readme_opens_with_a_serve_command_and_a_test_command() -> None:
    serve, test = _readme_commands()[:2]
    assert serve.endswith("fakesaas serve")
    assert "pip install ." in serve
    assert test.endswith("pytest -n 2 && pytest contracts")
    assert "pip install -e '.[test]'" in test


def test_ci_runs_the_readme_test_command() -> None:
    test = _readme_commands()[1]
    ci = (ROOT / ".ci" / "run").read_text()
    install, runs = test.split(" && pytest", 1)
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert command.startswith(install)
    assert command.endswith(" && pytest" + runs)
