"""The parts of the package and the imports allowed between them (docs/architecture.md), as a test.

Every import of every module is read with ``ast`` — at the top, inside functions, under ``if
TYPE_CHECKING:`` — and resolved to the part it names. An import across a forbidden line fails
with the file, the line and the rule.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "monitor"

# part -> the parts it may not import (see the picture in docs/architecture.md)
FORBIDDEN = {
    "base": {"ingest", "judge", "store", "status", "run", "face", "api"},
    "ingest": {"judge", "store", "status", "run", "face", "api"},
    "judge": {"ingest", "store", "status", "run", "face", "api"},
    "store": {"ingest", "judge", "status", "run", "face", "api"},
    "status": {"ingest", "run", "face", "api"},
    "run": {"face", "api"},
    "face": {"api"},
    "api": set(),
}
FACE = {"monitor.cli", "monitor.web", "monitor.demo", "monitor.__main__"}
BASE = {"monitor.errors", "monitor.config", "monitor.locking"}


def part_of(module: str) -> str | None:
    """The part a ``monitor.…`` module belongs to (None outside the package)."""
    if module == "monitor":
        return "api"
    if not module.startswith("monitor."):
        return None
    if module in FACE:
        return "face"
    if module in BASE:
        return "base"
    name = module.split(".")[1]
    if name in FORBIDDEN:
        return name
    raise AssertionError(f"{module} belongs to no part: add it to a part folder, FACE or BASE "
                         "(and to docs/architecture.md)")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in the file, wherever it sits."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # "from . import web" imports the module monitor.web, not the package's names
            submodules = [f"{target}.{alias.name}" for alias in node.names if is_module(f"{target}.{alias.name}")]
            found += [(node.lineno, name) for name in submodules]
            if len(submodules) < len(node.names):
                found.append((node.lineno, target))
    return found


def is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_module_belongs_to_a_part_and_says_what_it_owns():
    for path in MODULES:
        assert part_of(module_name(path)) is not None
        if path.name != "__main__.py":
            docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
            assert docstring and docstring.strip(), f"{path}: a module says in its docstring what it owns"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_stay_within_the_allowed_lines(path):
    here = part_of(module_name(path))
    assert here is not None
    violations = []
    for line, target in imports_of(path):
        there = part_of(target)
        if there is not None and there in FORBIDDEN[here]:
            violations.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {here} imports {target} ({there})")
    assert not violations, "\n".join(violations)


def test_the_checker_sees_function_level_and_type_checking_imports(tmp_path, monkeypatch):
    fake = tmp_path / "monitor"
    (fake / "ingest").mkdir(parents=True)
    (fake / "store").mkdir()
    (fake / "store" / "__init__.py").write_text('"""x"""\n')
    source = fake / "ingest" / "feeds.py"
    source.write_text('"""x"""\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..store import Store\n'
                      'def f():\n    from ..store import Store\n    import monitor.run.pipeline\n')
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    assert [(line, target) for line, target in imports_of(source) if target.startswith("monitor")] == [
        (4, "monitor.store"), (6, "monitor.store"), (7, "monitor.run.pipeline")]
