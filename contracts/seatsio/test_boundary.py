"""contracts/seatsio speaks HTTP only: it must run unchanged against a live workspace, so it never
imports fakesaas."""

from __future__ import annotations

import ast
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_no_module_of_the_suite_imports_the_emulator() -> None:
    modules = sorted(HERE.rglob("*.py"))
    assert len(modules) > 5, f"expected the suite's modules under {HERE}, found {modules}"
    offending = []
    for path in modules:
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offending += [
                f"{path.name} imports {n}" for n in names if n == "fakesaas" or n.startswith("fakesaas.")
            ]
    assert offending == []
