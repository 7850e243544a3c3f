"""contracts/ speaks HTTP only: it must run unchanged against a real account, so it never imports fakesaas."""

from __future__ import annotations

import ast
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in {"import_module", "__import__"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(str(node.args[0].value))
    return names


def test_no_module_of_the_contract_suite_imports_the_emulator() -> None:
    modules = sorted(HERE.rglob("*.py"))
    assert len(modules) > 5, f"expected the suite's modules under {HERE}, found {modules}"
    offending = [
        f"{path.relative_to(HERE)} imports {name}"
        for path in modules
        for name in sorted(_imported(path))
        if name == "fakesaas" or name.startswith("fakesaas.")
    ]
    assert offending == []
