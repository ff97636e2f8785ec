"""The public API: ``monitor.__all__`` names what a user may call, and each name resolves (as httpx checks)."""
import inspect
import subprocess
import sys

import pytest

import monitor


@pytest.mark.parametrize("name", monitor.__all__)
def test_every_exported_name_resolves_to_a_documented_public_object(name):
    value = getattr(monitor, name)
    assert not name.startswith("_") or name == "__version__"
    if inspect.isclass(value) or inspect.isfunction(value):
        assert value.__module__.startswith("monitor."), f"{name} comes from {value.__module__}"
        assert not value.__module__.split(".")[-1].startswith("_")
        assert inspect.getdoc(value), f"monitor.{name} has no docstring"


def test_all_lists_each_name_once_and_hides_nothing_else():
    assert len(monitor.__all__) == len(set(monitor.__all__))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        monitor.nope  # noqa: B018


def test_importing_the_package_does_not_load_the_heavy_stages():
    """`monitor --help` stays fast: trafilatura and the verdict stage load on first use."""
    code = "import sys, monitor; print(sorted(m for m in ('trafilatura', 'monitor.run.pipeline', 'lightgbm') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_what_type_checkers_see_is_what_is_exported():
    """The lazy table (``_EXPORTS``) and the ``TYPE_CHECKING`` imports name the same objects."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(monitor.__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING")
    seen = {alias.name: f"monitor.{node.module}" for node in block.body if isinstance(node, ast.ImportFrom)
            for alias in node.names}
    assert seen == monitor._EXPORTS
