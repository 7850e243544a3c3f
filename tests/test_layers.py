"""The layer rules of ARCHITECTURE.md, checked on the source and by importing: what each layer may
import and call, that shared code reaches a service only through the registry, and no import cycles."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "fakesaas"
SERVICES = sorted(
    path.parent.name for path in PACKAGE.glob("*/service.py") if (path.parent / "domain").is_dir()
)
REGISTRY = PACKAGE / "services.py"


def _imports(path: Path, type_checking: bool = True) -> set[str]:
    """Every module ``path`` imports, anywhere in it; without ``type_checking``, leaving out the
    imports under ``if TYPE_CHECKING:`` (made for the type checker, never at run time)."""
    names: set[str] = set()
    tree = ast.parse(path.read_text(), str(path))
    skipped: set[int] = set()
    if not type_checking:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(child) for statement in node.body for child in ast.walk(statement))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


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
    """The Service interface names Flask's types for the type checker only."""
    # The web glue the adapters share is the exception: the renderers, the WSGI helpers and the
    # proxy-free reads of Flask's request, g and app.
    glue = ("wsgi.py", "flask_globals.py")
    core = [p for p in _files(PACKAGE / "core") if p.parent.name != "render" and p.name not in glue]
    runtime = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in core
        for name in sorted(_imports(path, type_checking=False))
        if name.split(".")[0] in ("flask", "werkzeug", "lxml")
    ]
    assert runtime == []


def test_the_registry_lists_every_service_package() -> None:
    assert "supersaas" in SERVICES
    imported = {name for name in _imports(REGISTRY) if name.startswith("fakesaas.")}
    assert {f"fakesaas.{service}.service" for service in SERVICES} <= imported


@pytest.mark.parametrize("service", SERVICES)
def test_nothing_outside_a_service_imports_it_but_the_registry(service: str) -> None:
    """Shared code (app factory, control plane, persistence, seeding, CLI, docs, plugin) and the other
    services reach a service only through its Service object."""
    outside = [
        path for path in _files(PACKAGE) if path != REGISTRY and not path.is_relative_to(PACKAGE / service)
    ]
    assert _offending(outside, (f"fakesaas.{service}",)) == []


def test_fakesaas_modules_import_no_cycle() -> None:
    """No module imports one that imports it back, directly or around a loop, type-checking imports
    included: a cycle means two modules that should be one, or a third they both need."""
    modules = {_module_name(path): path for path in _files(PACKAGE)}
    graph = {
        name: {other for other in _imports(path) if other in modules and other != name}
        for name, path in modules.items()
    }
    # A package's __init__ that re-exports its modules is not a cycle with them.
    for name in graph:
        graph[name] = {other for other in graph[name] if not name.startswith(other + ".")}
    assert _cycles(graph) == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _loaded_after_importing(*modules: str) -> set[str]:
    """The top-level packages loaded by importing ``modules`` in a fresh interpreter."""
    code = (
        "import json, sys\n"
        f"for name in {list(modules)!r}: __import__(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(json.loads(out.stdout))


@pytest.mark.parametrize("domain", DOMAINS, ids=lambda path: path.parent.name)
def test_importing_a_domain_loads_no_framework(domain: Path) -> None:
    """Indirect imports too: the whole domain, imported in a fresh interpreter, brings in no Flask,
    werkzeug or lxml by any path."""
    modules = [_module_name(path) for path in _files(domain)]
    assert _loaded_after_importing(*modules) & {"flask", "werkzeug", "lxml", "jinja2"} == set()


def test_importing_the_pytest_plugin_loads_no_framework() -> None:
    """Every project that installs fakesaas imports its pytest plugin at every pytest start."""
    assert (
        _loaded_after_importing("fakesaas.pytest_plugin") & {"flask", "werkzeug", "lxml", "jinja2"} == set()
    )


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
