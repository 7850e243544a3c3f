"""The layer rules of ARCHITECTURE.md, checked on the source: what each layer may import and call."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "fakesaas"


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _files(*folders: Path) -> list[Path]:
    return sorted(path for folder in folders for path in folder.rglob("*.py"))


def _offending(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in paths
        for name in sorted(_imports(path))
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    ]


DOMAINS = sorted(PACKAGE.glob("*/domain"))


def test_there_is_a_domain_to_check() -> None:
    assert DOMAINS, "no */domain package found under fakesaas/"


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda path: path.parent.name)
def test_domain_does_no_io(domain: Path) -> None:
    """domain/ is pure Python: no Flask, werkzeug or lxml, and no service's HTTP layer."""
    service = domain.parent.name
    forbidden = (
        "flask",
        "werkzeug",
        "lxml",
        "requests",
        f"fakesaas.{service}.http",
        f"fakesaas.{service}.present",
    )
    assert _offending(_files(domain), forbidden) == []


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda path: path.parent.name)
def test_domain_reads_time_only_from_the_clock(domain: Path) -> None:
    calls = []
    for path in _files(domain):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in {"now", "utcnow", "today", "time"}
                and isinstance(node.value, ast.Name)
                and node.value.id in {"datetime", "date", "time"}
            ):
                calls.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
    assert calls == []


def test_core_documents_errors_and_world_know_no_framework() -> None:
    core = [p for p in _files(PACKAGE / "core") if p.parent.name != "render" and p.name != "wsgi.py"]
    assert _offending(core, ("flask", "werkzeug", "lxml")) == []


def test_presenters_and_renderers_know_no_flask() -> None:
    paths = [*_files(PACKAGE / "core" / "render"), *sorted(PACKAGE.glob("*/present.py"))]
    assert _offending(paths, ("flask", "werkzeug")) == []


def test_contracts_speak_http_only() -> None:
    """contracts/ runs against a real account too, so it may never reach into the emulator."""
    assert _offending(_files(ROOT / "contracts"), ("fakesaas",)) == []


def test_only_the_clock_module_reads_real_time() -> None:
    readers = []
    for path in _files(PACKAGE):
        source = path.read_text()
        if ("datetime.now(" in source or "time.time(" in source) and path.name != "clock.py":
            readers.append(str(path.relative_to(ROOT)))
    assert readers == []
